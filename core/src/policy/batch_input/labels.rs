//! Labels read from text columns without building strings.

use crate::labels::Labelled;

/// Finds a [`Labelled`] value by its label's bytes, as
/// [`Labelled::from_label`] does but without building a string.
///
/// A label of at most 16 bytes is held as two 64-bit words: its first 8
/// bytes (fewer, zero-padded, for a shorter label) and its last 8 (zero
/// for a label shorter than 8). Both cover the label, so a value is that
/// label if and only if it has the label's length and the same two words.
/// Read where it lies ([`LabelIndex::position_at`],
/// [`LabelIndex::position_view`]), a value costs a table lookup by its
/// length and two comparisons, without a branch that depends on which
/// label it is: with labels in random order, a branch per label would be
/// mispredicted most of the time. Labels longer than 16 bytes, or that
/// share their length with another, are compared byte for byte.
#[derive(Debug, Clone)]
pub struct LabelIndex {
    /// By length, up to 16 bytes: the one label of that length.
    by_len: [Slot; WORDS_COVER + 1],
    /// Every label and its position, for the values the slots do not settle.
    all: Vec<(&'static [u8], u8)>,
    /// Whether a label is longer than 16 bytes.
    long: bool,
}

/// Bytes two words cover.
const WORDS_COVER: usize = 16;

/// The label of one length.
#[derive(Debug, Clone, Copy)]
struct Slot {
    head: u64,
    tail: u64,
    /// The label as an Arrow string view: the whole view when inline (12
    /// bytes or fewer), else its length and 4-byte prefix.
    view: u128,
    /// The bytes of a word of this length that belong to the value: the
    /// head's low `len` bytes; the whole tail from 8 bytes on, else none.
    head_mask: u64,
    tail_mask: u64,
    /// Its position; [`NONE`] when no label has this length.
    position: u8,
    /// Several labels have this length: compared byte for byte.
    shared: bool,
}

/// No label.
const NONE: u8 = u8::MAX;

const EMPTY: Slot = Slot { head: 0, tail: 0, view: 0, head_mask: 0, tail_mask: 0, position: NONE, shared: false };

/// The low `len` bytes of a word (all of them from 8 on).
fn mask(len: usize) -> u64 {
    let bits = u32::try_from(len.min(8) * 8).unwrap_or(64);
    u64::MAX.checked_shr(64 - bits).unwrap_or(0)
}

/// The 8 bytes of `data` at `at`, if all are there.
#[inline(always)]
fn word_at(data: &[u8], at: usize) -> Option<u64> {
    let bytes: [u8; 8] = data.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(bytes))
}

/// The two words of `bytes` (at most 16 of them).
fn words(bytes: &[u8]) -> (u64, u64) {
    let mut head = [0u8; 8];
    for (h, b) in head.iter_mut().zip(bytes) {
        *h = *b;
    }
    let tail = match bytes.len().checked_sub(8).and_then(|from| bytes.get(from..)) {
        Some(last) => word_at(last, 0).unwrap_or(0),
        None => 0,
    };
    (u64::from_le_bytes(head), tail)
}

/// The start of the Arrow string view of `label` (at most 16 bytes): its
/// length, then its bytes when they fit inline (12 or fewer), else its
/// first 4 (the prefix), the buffer and offset left zero.
fn view_of(label: &[u8]) -> u128 {
    let mut view = [0u8; 16];
    let len = u32::try_from(label.len()).unwrap_or(u32::MAX);
    view[..4].copy_from_slice(&len.to_le_bytes());
    let kept = if label.len() <= 12 { label } else { label.get(..4).unwrap_or(label) };
    for (v, b) in view[4..].iter_mut().zip(kept) {
        *v = *b;
    }
    u128::from_le_bytes(view)
}

impl LabelIndex {
    /// The labels of `T` (at most 255 of them; later ones are not found).
    pub fn of<T: Labelled>() -> LabelIndex {
        let mut index = LabelIndex { by_len: [EMPTY; WORDS_COVER + 1], all: Vec::new(), long: false };
        for (position, value) in T::ALL.iter().enumerate() {
            let label = value.label().as_bytes();
            let Some(position) = u8::try_from(position).ok().filter(|&p| p != NONE) else { continue };
            index.all.push((label, position));
            match index.by_len.get_mut(label.len()) {
                None => index.long = true,
                Some(slot) if slot.position == NONE && !slot.shared => {
                    let (head, tail) = words(label);
                    let (head_mask, tail_mask) = (mask(label.len()), if label.len() >= 8 { u64::MAX } else { 0 });
                    *slot = Slot { head, tail, view: view_of(label), head_mask, tail_mask, position, shared: false };
                }
                Some(slot) => *slot = Slot { shared: true, ..EMPTY },
            }
        }
        index
    }

    /// The position in [`Labelled::ALL`] of the value labelled `label`.
    #[inline]
    pub fn position(&self, label: &[u8]) -> Option<u8> {
        match self.by_len.get(label.len()) {
            Some(slot) if !slot.shared => {
                let (head, tail) = words(label);
                (slot.position != NONE && slot.head == head && slot.tail == tail).then_some(slot.position)
            }
            Some(_) => self.search(label),
            None if self.long => self.search(label),
            None => None,
        }
    }

    fn search(&self, label: &[u8]) -> Option<u8> {
        self.all.iter().find(|(l, _)| *l == label).map(|&(_, p)| p)
    }

    /// The position of the value stored as bytes `start..end` of `data` (a
    /// string column's values and offsets); `None` when those bytes are no
    /// label, or are not a range of `data`.
    #[inline(always)]
    pub fn position_at(&self, data: &[u8], start: usize, end: usize) -> Option<u8> {
        // The words at both ends of the value, read whole from `data` (a
        // short value's head runs into the next values: masked below). At
        // the very ends of `data`, the value is read as a slice instead.
        let words = (word_at(data, start), end.checked_sub(8).and_then(|e| word_at(data, e)));
        let (Some(head), Some(tail)) = words else {
            return self.position(data.get(start..end)?);
        };
        // A range backwards wraps to a length no slot has.
        let len = end.wrapping_sub(start);
        self.settle(len, head, tail, || data.get(start..end))
    }

    /// The position of the value of an Arrow string view (16 bytes: its
    /// length, then its bytes inline up to 12, or its first 4 bytes, the
    /// index of a buffer of `buffers` and the offset of its bytes there);
    /// `None` when they are no label, or when the view is invalid as Arrow's
    /// full validation sees it (an inline view's padding is not zero, its
    /// buffer or range does not exist, its prefix is not its first bytes).
    ///
    /// The label of the view's length is the only candidate. An inline view
    /// is that label if it is the label's view, bit for bit (length, bytes
    /// and zero padding); another if its length and prefix are the label's
    /// and its bytes in the buffer have the label's two words (which makes
    /// the prefix its first bytes). Both are computed and one is chosen,
    /// without a branch on which.
    #[inline(always)]
    pub fn position_view<B: std::ops::Deref<Target = [u8]>>(&self, view: u128, buffers: &[B]) -> Option<u8> {
        let len = (view as u32) as usize;
        let Some(slot) = self.by_len.get(len).filter(|s| !s.shared) else {
            return self.view_bytes(view, buffers).and_then(|b| self.position(&b));
        };
        let inline = len <= 12;
        // For an inline view, the start of the first buffer, read for nothing.
        let (buffer, offset) =
            if inline { (0, 0) } else { ((view >> 64) as u32 as usize, (view >> 96) as u32 as usize) };
        let data: &[u8] = buffers.get(buffer).map_or(&[], |b| b);
        let head = word_at(data, offset);
        let tail = offset.checked_add(len.max(8) - 8).and_then(|at| word_at(data, at));
        let far = (view as u64 == slot.view as u64) & (head == Some(slot.head)) & (tail == Some(slot.tail));
        let near = view == slot.view;
        let same = if inline { near } else { far };
        (same & (slot.position != NONE)).then_some(slot.position)
    }

    /// The bytes of a valid string view, copied (labels that share a length
    /// or are longer than 16 bytes); `None` for an invalid view.
    fn view_bytes<B: std::ops::Deref<Target = [u8]>>(&self, view: u128, buffers: &[B]) -> Option<Vec<u8>> {
        let len = (view as u32) as usize;
        if len <= 12 {
            let bytes = (view >> 32).to_le_bytes();
            let padding = bytes.get(len..12)?;
            return padding.iter().all(|&b| b == 0).then(|| bytes.get(..len).map(<[u8]>::to_vec))?;
        }
        let (buffer, offset) = ((view >> 64) as u32 as usize, (view >> 96) as u32 as usize);
        let data = buffers.get(buffer)?.get(offset..offset.checked_add(len)?)?;
        (data.get(..4)? == ((view >> 32) as u32).to_le_bytes()).then(|| data.to_vec())
    }

    /// The label of length `len` whose words are `head` (before masking)
    /// and `tail`, or, when the length is shared or long, the one `bytes`
    /// gives.
    #[inline(always)]
    fn settle<'d>(&self, len: usize, head: u64, tail: u64, bytes: impl FnOnce() -> Option<&'d [u8]>) -> Option<u8> {
        let Some(slot) = self.by_len.get(len) else {
            return if self.long { self.search(bytes()?) } else { None };
        };
        if slot.shared {
            return self.search(bytes()?);
        }
        let same = (head & slot.head_mask == slot.head) & (tail & slot.tail_mask == slot.tail);
        (same & (slot.position != NONE)).then_some(slot.position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mission::{LeadOrigin, MissionStatus};

    /// An Arrow view of `bytes` (at most 12), inline.
    fn inline(bytes: &[u8]) -> u128 {
        let mut all = [0u8; 16];
        all[..4].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
        all[4..4 + bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(all)
    }

    /// An Arrow view of `bytes` (more than 12) at `offset` of buffer `buffer`.
    fn far(bytes: &[u8], buffer: u32, offset: u32) -> u128 {
        let mut all = [0u8; 16];
        all[..4].copy_from_slice(&(bytes.len() as u32).to_le_bytes());
        all[4..8].copy_from_slice(&bytes[..4]);
        all[8..12].copy_from_slice(&buffer.to_le_bytes());
        all[12..].copy_from_slice(&offset.to_le_bytes());
        u128::from_le_bytes(all)
    }

    /// Every way of reading `bytes`: as a slice, in the middle and at both
    /// ends of a buffer, and inline when short enough; all must agree.
    fn read(index: &LabelIndex, bytes: &[u8]) -> Option<u8> {
        let found = index.position(bytes);
        for (before, after) in [(0, 0), (3, 0), (0, 5), (9, 11), (20, 20)] {
            let mut data = vec![b'x'; before];
            data.extend_from_slice(bytes);
            data.extend(std::iter::repeat_n(b'y', after));
            assert_eq!(index.position_at(&data, before, before + bytes.len()), found, "{bytes:?} {before} {after}");
        }
        if bytes.len() <= 12 {
            assert_eq!(index.position_view::<Vec<u8>>(inline(bytes), &[]), found, "{bytes:?} inline");
        }
        // In a buffer, after others.
        let buffers = [vec![b'z'; 40], [b"ab".to_vec(), bytes.to_vec(), b"cd".to_vec()].concat()];
        if bytes.len() > 12 {
            assert_eq!(index.position_view(far(bytes, 1, 2), &buffers), found, "{bytes:?} in a buffer");
        }
        found
    }

    #[test]
    fn every_label_is_found_and_nothing_else() {
        let index = LabelIndex::of::<LeadOrigin>();
        for (i, o) in LeadOrigin::ALL.iter().enumerate() {
            assert_eq!(read(&index, o.label().as_bytes()), u8::try_from(i).ok());
            let mut changed = o.label().as_bytes().to_vec();
            for at in 0..changed.len() {
                changed[at] ^= 1;
                assert_eq!(read(&index, &changed), None, "{changed:?}");
                changed[at] ^= 1;
            }
            // One byte more or less.
            assert_eq!(read(&index, &changed[1..]), None);
            changed.push(0);
            assert_eq!(read(&index, &changed), None);
        }
        assert_eq!(read(&index, b""), None);
        assert_eq!(read(&index, b"own_network_and_more_than_16"), None);
    }

    #[test]
    fn labels_of_one_length_are_told_apart() {
        // `solicited` and `completed` have 9 bytes; `cancelled` too.
        let index = LabelIndex::of::<MissionStatus>();
        for (i, s) in MissionStatus::ALL.iter().enumerate() {
            assert_eq!(read(&index, s.label().as_bytes()), u8::try_from(i).ok(), "{}", s.label());
        }
        assert_eq!(read(&index, b"completes"), None);
    }

    #[test]
    fn ranges_outside_the_data_and_bad_views_are_no_label() {
        let index = LabelIndex::of::<LeadOrigin>();
        let data = b"own_network_________".to_vec();
        assert!(index.position_at(&data, 0, 11).is_some());
        assert_eq!(index.position_at(&data, 0, 11), index.position(b"own_network"));
        assert_eq!(index.position_at(&data, 11, 0), None);
        assert_eq!(index.position_at(&data, 15, 26), None);
        assert_eq!(index.position_at(&data, usize::MAX - 3, usize::MAX), None);
        // A view whose padding is not zero, whose buffer, range or prefix is wrong.
        let none: [Vec<u8>; 0] = [];
        let good = inline(b"other");
        assert!(index.position_view(good, &none).is_some());
        assert_eq!(index.position_view(good | (1u128 << 100), &none), None);
        let buffers = [b"..network_event..".to_vec()];
        assert!(index.position_view(far(b"network_event", 0, 2), &buffers).is_some());
        assert_eq!(index.position_view(far(b"network_event", 1, 2), &buffers), None, "no such buffer");
        assert_eq!(index.position_view(far(b"network_event", 0, 5), &buffers), None, "past the end");
        assert_eq!(index.position_view(far(b"network_event", 0, u32::MAX), &buffers), None, "far past the end");
        let wrong_prefix = far(b"network_event", 0, 2) ^ (1u128 << 33);
        assert_eq!(index.position_view(wrong_prefix, &buffers), None, "prefix");
    }
}
