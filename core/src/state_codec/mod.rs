//! A compact binary encoding of a network's state, for what is read often and
//! must be read fast: the snapshots a store opens from. The JSON state
//! ([`crate::network::Network::state_json`]) stays the exchange format; this
//! one is a store's private copy of the same facts, and it reads back exactly
//! the state it was written from.
//!
//! # Layout (version 4)
//! The bytes start with the magic `coop-state` and a version byte (4). The
//! state's fields follow in declaration order, the missions (the largest
//! part) preceded by their length in bytes so that a reader can read them
//! on a second thread beside the rest. Each value is written by its type:
//! - unsigned integers as LEB128 varints, signed ones zigzag-encoded first;
//! - `bool` as one byte, 0 or 1;
//! - a length (of a string, a list or a map) as a varint, then the items;
//!   strings as UTF-8 bytes, map entries as key then value, keys strictly
//!   increasing;
//! - a date as its day number from the common era (0001-01-01 is day 1);
//! - a decimal as its 128-bit mantissa (zigzag varint) and its scale (one
//!   byte); money the same, at most two decimals and within
//!   [`crate::money::Money::MAX_INPUT`] as anywhere else;
//! - `Option` as a byte 0 (none) or 1 and the value;
//! - an enumeration with labels as its position in the labels' list, any
//!   other enumeration as a tag byte fixed per variant and its fields;
//! - identifiers as strings, checked as they are on any input.
//!
//! Every reader's value is checked as strictly as the JSON reader checks it,
//! so that a state read here can always be written to JSON and read back.
//! The field lists of each type are written once (in `types.rs`); a field
//! added to a type and not to its list does not compile.

mod types;

use crate::error::{Error, Result};
use crate::labels::Labelled;
use crate::network::state::NetworkState;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The bytes every encoded state starts with.
pub const STATE_MAGIC: &[u8] = b"coop-state";

/// The version of the layout written after [`STATE_MAGIC`].
pub const STATE_ENCODING_VERSION: u8 = 4;

/// The earliest version this build still reads: version 3 is version 4
/// without the fiscal year changes (written last), read as none.
pub const STATE_ENCODING_OLDEST: u8 = 3;

/// Whether `bytes` start as an encoded state (of any version).
pub fn is_encoded_state(bytes: &[u8]) -> bool {
    bytes.starts_with(STATE_MAGIC)
}

/// The encoding version `bytes` are written in, if they start as an
/// encoded state.
pub fn encoded_version(bytes: &[u8]) -> Option<u8> {
    bytes.strip_prefix(STATE_MAGIC).and_then(|rest| rest.first().copied())
}

/// The state in the compact binary encoding.
pub fn encode_state(state: &NetworkState) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 << 16);
    out.extend_from_slice(STATE_MAGIC);
    out.push(STATE_ENCODING_VERSION);
    state.encode(&mut out);
    out
}

/// A state from its compact binary encoding, every value checked as the
/// JSON reader checks it (not yet against the invariants across facts:
/// see [`crate::snapshot::check`]).
///
/// # Errors
/// `journal.snapshot.encoding` for bytes of another encoding or version, cut
/// short, followed by more bytes, or holding a value no state holds (an
/// invalid identifier, amount or date, an unknown label or tag).
pub fn decode_state(bytes: &[u8]) -> Result<NetworkState> {
    check_header(bytes)?;
    let start = STATE_MAGIC.len() + 1;
    let version = encoded_version(bytes).unwrap_or(STATE_ENCODING_VERSION);
    let mut reader = Reader { bytes: bytes.get(start..).unwrap_or_default(), at: 0, offset: start, version };
    let state = NetworkState::decode(&mut reader)?;
    reader.finish("the state")?;
    Ok(state)
}

/// Checks that `bytes` start as an encoded state of the version this build
/// reads: the magic and the version byte, read before anything else (before
/// a digest is checked: another version may digest otherwise).
///
/// # Errors
/// `journal.snapshot.encoding`, naming the version found.
pub fn check_header(bytes: &[u8]) -> Result<()> {
    if !is_encoded_state(bytes) {
        return Err(Error::SnapshotEncoding("the bytes do not start as an encoded state".into()));
    }
    match encoded_version(bytes) {
        Some(STATE_ENCODING_OLDEST..=STATE_ENCODING_VERSION) => Ok(()),
        Some(version) => Err(Error::SnapshotEncoding(format!(
            "encoding version {version}; this build reads versions {STATE_ENCODING_OLDEST} to {STATE_ENCODING_VERSION}"
        ))),
        None => Err(Error::SnapshotEncoding("the state is cut short after its magic".into())),
    }
}

/// Reads values from encoded bytes, checking every one.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Bytes before `bytes` in the whole encoding, for the offsets errors give.
    offset: usize,
    /// The encoding's version.
    pub(crate) version: u8,
}

impl<'a> Reader<'a> {
    /// An error naming what was wrong and where.
    pub(crate) fn invalid(&self, what: impl std::fmt::Display) -> Error {
        Error::SnapshotEncoding(format!("{what} at byte {}", self.at + self.offset))
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| self.invalid("the state is cut short"))?;
        self.at += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.invalid("the state is cut short"))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn varint(&mut self) -> Result<u128> {
        let mut value: u128 = 0;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            let bits = u128::from(b & 0x7f);
            if shift == 126 && bits > 0b11 {
                return Err(self.invalid("a number beyond 128 bits"));
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                // One spelling per number: no trailing zero group.
                if b == 0 && shift > 0 {
                    return Err(self.invalid("a number written with more bytes than it needs"));
                }
                return Ok(value);
            }
        }
        Err(self.invalid("a number beyond 128 bits"))
    }

    fn unsigned<T: TryFrom<u128>>(&mut self, what: &str) -> Result<T> {
        let v = self.varint()?;
        T::try_from(v).map_err(|_| self.invalid(format_args!("{what} {v} out of range")))
    }

    fn signed<T: TryFrom<i128>>(&mut self, what: &str) -> Result<T> {
        let v = unzigzag(self.varint()?);
        T::try_from(v).map_err(|_| self.invalid(format_args!("{what} {v} out of range")))
    }

    /// A section of `n` bytes given by a length first, as a reader of its
    /// own (which may read on another thread); this reader goes on after it.
    fn section(&mut self) -> Result<Reader<'a>> {
        let n = self.count()?;
        let offset = self.offset + self.at;
        let bytes = self.take(n)?;
        Ok(Reader { bytes, at: 0, offset, version: self.version })
    }

    /// Checks that a section was read to its end.
    fn finish(&self, what: &str) -> Result<()> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.invalid(format_args!("bytes after the end of {what}")))
        }
    }

    /// The bytes left to read.
    fn len(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// A count of items that follow: each takes at least one byte, so a
    /// count beyond the bytes left is refused before anything is allocated.
    fn count(&mut self) -> Result<usize> {
        let n: usize = self.unsigned("a length")?;
        if n > self.bytes.len() - self.at {
            return Err(self.invalid(format_args!("a length of {n} beyond the end of the state")));
        }
        Ok(n)
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u128) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i128) -> u128 {
    ((v << 1) ^ (v >> 127)) as u128
}

fn unzigzag(v: u128) -> i128 {
    ((v >> 1) as i128) ^ -((v & 1) as i128)
}

/// A value of the state, written and read in the compact encoding.
pub(crate) trait Codec: Sized {
    /// Appends the value's bytes.
    fn encode(&self, out: &mut Vec<u8>);
    /// Reads a value, checked.
    fn decode(r: &mut Reader<'_>) -> Result<Self>;
}

macro_rules! codec_unsigned {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                write_varint(out, u128::from(*self));
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                r.unsigned(stringify!($t))
            }
        }
    )*};
}
codec_unsigned!(u8, u32, u64);

macro_rules! codec_signed {
    ($($t:ty),*) => {$(
        impl Codec for $t {
            fn encode(&self, out: &mut Vec<u8>) {
                write_varint(out, zigzag(i128::from(*self)));
            }
            fn decode(r: &mut Reader<'_>) -> Result<Self> {
                r.signed(stringify!($t))
            }
        }
    )*};
}
codec_signed!(i32, i64);

impl Codec for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        match r.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            b => Err(r.invalid(format_args!("a boolean written {b}"))),
        }
    }
}

/// Writes text as its length and its UTF-8 bytes.
fn write_str(out: &mut Vec<u8>, text: &str) {
    write_varint(out, text.len() as u128);
    out.extend_from_slice(text.as_bytes());
}

impl Codec for String {
    fn encode(&self, out: &mut Vec<u8>) {
        write_str(out, self);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count()?;
        let bytes = r.take(n)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(r.invalid("text that is not UTF-8")),
        }
    }
}

impl Codec for NaiveDate {
    fn encode(&self, out: &mut Vec<u8>) {
        use chrono::Datelike;
        self.num_days_from_ce().encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let days = i32::decode(r)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| r.invalid(format_args!("day {days}, not a date")))
    }
}

impl Codec for Decimal {
    fn encode(&self, out: &mut Vec<u8>) {
        write_varint(out, zigzag(self.mantissa()));
        out.push(self.scale() as u8);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let mantissa = unzigzag(r.varint()?);
        let scale = r.byte()?;
        Decimal::try_from_i128_with_scale(mantissa, u32::from(scale))
            .map_err(|_| r.invalid(format_args!("a decimal of mantissa {mantissa} and scale {scale}")))
    }
}

impl<T: Codec> Codec for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                v.encode(out);
            }
        }
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        match r.byte()? {
            0 => Ok(None),
            1 => T::decode(r).map(Some),
            b => Err(r.invalid(format_args!("an optional value marked {b}"))),
        }
    }
}

/// Writes a list as its length and its items.
fn write_items<T: Codec>(out: &mut Vec<u8>, items: &[T]) {
    write_varint(out, items.len() as u128);
    for v in items {
        v.encode(out);
    }
}

impl<T: Codec> Codec for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        write_items(out, self);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::decode(r)?);
        }
        Ok(items)
    }
}

impl<A: Codec, B: Codec> Codec for (A, B) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        Ok((A::decode(r)?, B::decode(r)?))
    }
}

impl<K: Codec + Ord, V: Codec> Codec for BTreeMap<K, V> {
    fn encode(&self, out: &mut Vec<u8>) {
        write_varint(out, self.len() as u128);
        for (k, v) in self {
            k.encode(out);
            v.encode(out);
        }
    }
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.count()?;
        let mut entries: Vec<(K, V)> = Vec::with_capacity(n);
        for _ in 0..n {
            let key = K::decode(r)?;
            if entries.last().is_some_and(|(previous, _)| *previous >= key) {
                return Err(r.invalid("map keys out of order or repeated"));
            }
            entries.push((key, V::decode(r)?));
        }
        // Sorted already: the map is built in one pass.
        Ok(entries.into_iter().collect())
    }
}

/// Writes a labelled enumeration as its position among its labels.
fn encode_label<T: Labelled>(value: T, out: &mut Vec<u8>) {
    write_varint(out, value.index() as u128);
}

/// Reads a labelled enumeration from its position among its labels.
fn decode_label<T: Labelled>(r: &mut Reader<'_>) -> Result<T> {
    let i: usize = r.unsigned(T::WHAT)?;
    T::ALL.get(i).copied().ok_or_else(|| r.invalid(format_args!("{} number {i} unknown", T::WHAT)))
}

#[cfg(test)]
mod tests;
