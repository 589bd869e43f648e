//! The column layouts the borrowed path reads in place, and their narrowing,
//! a step of rows at a time, into the core's column types.
//!
//! Each narrowing is one pass without early exit (so that it vectorises)
//! that flags any value the core would refuse; a flagged step sends the whole
//! call to the general path, whose error names the row.

use crate::zone::{fixed_offset, per_second};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type, UInt64Type,
    UInt8Type,
};
use arrow_array::{Array, ArrayRef, GenericStringArray, StringViewArray};
use arrow_schema::{DataType, TimeUnit};
use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::{Ticks, WideMoney, WonOn};
use coopetition::policy::batch_input::{days_from_ticks, LabelIndex};
use std::ops::Range;

/// Integers of any width, borrowed.
#[derive(Clone, Copy)]
pub(super) enum Ints<'a> {
    I8(&'a [i8]),
    I16(&'a [i16]),
    I32(&'a [i32]),
    I64(&'a [i64]),
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
    U64(&'a [u64]),
}

/// Runs `$body` with `$v` bound to the slice of rows `$r`, whatever its type.
macro_rules! each_int {
    ($ints:expr, $r:expr, $v:ident => $body:expr) => {
        match $ints {
            Ints::I8(all) => all.get($r).map(|$v| $body),
            Ints::I16(all) => all.get($r).map(|$v| $body),
            Ints::I32(all) => all.get($r).map(|$v| $body),
            Ints::I64(all) => all.get($r).map(|$v| $body),
            Ints::U8(all) => all.get($r).map(|$v| $body),
            Ints::U16(all) => all.get($r).map(|$v| $body),
            Ints::U32(all) => all.get($r).map(|$v| $body),
            Ints::U64(all) => all.get($r).map(|$v| $body),
        }
    };
}

/// A value seen as 64 bits, wrapping: `u64` values above `i64::MAX` become
/// negative, which every caller refuses.
trait Wide: Copy {
    fn wide(self) -> i64;
}

macro_rules! wide {
    ($($t:ty),*) => {$(
        impl Wide for $t {
            #[allow(clippy::cast_possible_wrap, clippy::cast_lossless)] // u64 wraps to a negative, refused by callers
            fn wide(self) -> i64 {
                self as i64
            }
        }
    )*};
}
wide!(i8, i16, i32, i64, u8, u16, u32, u64);

impl<'a> Ints<'a> {
    /// The values of an integer array, in place.
    pub(super) fn of(a: &'a dyn Array) -> Option<Ints<'a>> {
        Some(match a.data_type() {
            DataType::Int8 => Ints::I8(a.as_primitive::<Int8Type>().values()),
            DataType::Int16 => Ints::I16(a.as_primitive::<Int16Type>().values()),
            DataType::Int32 => Ints::I32(a.as_primitive::<Int32Type>().values()),
            DataType::Int64 => Ints::I64(a.as_primitive::<Int64Type>().values()),
            DataType::UInt8 => Ints::U8(a.as_primitive::<UInt8Type>().values()),
            DataType::UInt16 => Ints::U16(a.as_primitive::<UInt16Type>().values()),
            DataType::UInt32 => Ints::U32(a.as_primitive::<UInt32Type>().values()),
            DataType::UInt64 => Ints::U64(a.as_primitive::<UInt64Type>().values()),
            _ => return None,
        })
    }

    /// Rows `r` as amounts in cents, `0..=i64::MAX`; int64 in place.
    pub(super) fn cents<'s>(self, r: Range<usize>, buf: &'s mut Vec<i64>) -> Option<&'s [i64]>
    where
        'a: 's,
    {
        if let Ints::I64(all) = self {
            let v = all.get(r)?;
            return (v.iter().fold(0, |acc, &x| acc | x) >= 0).then_some(v);
        }
        buf.clear();
        let negative = each_int!(self, r, v => {
            buf.extend(v.iter().map(|&x| x.wide()));
            buf.iter().fold(0, |acc, &x| acc | x) < 0
        })?;
        (!negative).then_some(buf.as_slice())
    }

    /// Whether every value of rows `r` is in `0..=i64::MAX`, read in place.
    pub(super) fn non_negative(self, r: Range<usize>) -> bool {
        each_int!(self, r, v => v.iter().fold(0, |acc, &x| acc | x.wide()) >= 0).unwrap_or(false)
    }

    /// Rows `r` as counts, `0..=u32::MAX`; uint32 in place.
    pub(super) fn counts<'s>(self, r: Range<usize>, buf: &'s mut Vec<u32>) -> Option<&'s [u32]>
    where
        'a: 's,
    {
        if let Ints::U32(all) = self {
            return all.get(r);
        }
        buf.clear();
        let over = each_int!(self, r, v => {
            // A negative wraps to a value above u32::MAX too.
            let over = v.iter().fold(false, |acc, &x| acc | (x.wide() as u64 > u64::from(u32::MAX)));
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // flagged unless in range
            buf.extend(v.iter().map(|&x| x.wide() as u32));
            over
        })?;
        (!over).then_some(buf.as_slice())
    }

    /// Rows `r` as dictionary keys mapped through `positions`; `None` for a
    /// key outside the dictionary or a value `positions` marks unknown.
    pub(super) fn positions<'s>(self, r: Range<usize>, positions: &[u8], buf: &'s mut Vec<u8>) -> Option<&'s [u8]> {
        buf.clear();
        let at = |k: i64| usize::try_from(k).ok().and_then(|k| positions.get(k)).copied().unwrap_or(u8::MAX);
        each_int!(self, r, v => buf.extend(v.iter().map(|&k| at(k.wide()))))?;
        (!buf.contains(&u8::MAX)).then_some(buf.as_slice())
    }
}

/// Money in cents, borrowed.
#[derive(Clone, Copy)]
pub(super) enum Cents<'a> {
    /// decimal128 whose values times `factor` are cents (scale 2: factor 1).
    Decimal { values: &'a [i128], factor: i128 },
    /// Integer cents of any width.
    Int(Ints<'a>),
}

impl<'a> Cents<'a> {
    /// A decimal128 column of scale 0 to 2.
    pub(super) fn decimal(a: &'a ArrayRef) -> Option<Cents<'a>> {
        let DataType::Decimal128(_, scale) = a.data_type() else { return None };
        let factor = match scale {
            2 => 1,
            1 => 10,
            0 => 100,
            _ => return None,
        };
        Some(Cents::Decimal { values: a.as_primitive::<Decimal128Type>().values(), factor })
    }

    /// Cents per unit of the values [`Cents::wide`] gives: the factor of a
    /// decimal (the kernel scales each amount as it reads it), else 1.
    pub(super) fn unit(self) -> i64 {
        match self {
            Cents::Decimal { factor, .. } => i64::try_from(factor).unwrap_or(0),
            Cents::Int(_) => 1,
        }
    }

    /// Rows `r` for the amounts kernel, in units of [`Cents::unit`] cents:
    /// decimal128 and int64 in place (the kernel checks the range), narrower
    /// integers widened into `buf`; `None` if a widened value is negative.
    pub(super) fn wide<'s>(self, r: Range<usize>, buf: &'s mut Vec<i64>) -> Option<WideMoney<'s>>
    where
        'a: 's,
    {
        match self {
            Cents::Decimal { values, .. } => values.get(r).map(WideMoney::I128),
            Cents::Int(Ints::I64(all)) => all.get(r).map(WideMoney::I64),
            Cents::Int(ints) => ints.cents(r, buf).map(WideMoney::I64),
        }
    }

    /// Whether [`Cents::wide`] reads the values in place.
    pub(super) fn wide_in_place(self) -> bool {
        matches!(self, Cents::Decimal { .. } | Cents::Int(Ints::I64(_)))
    }

    /// Cents of rows `r`, borrowed or narrowed into `buf`; `None` if a value
    /// is negative or does not fit 64 bits.
    pub(super) fn of<'s>(self, r: Range<usize>, buf: &'s mut Vec<i64>) -> Option<&'s [i64]>
    where
        'a: 's,
    {
        match self {
            Cents::Decimal { values, factor } => {
                let values = values.get(r.clone())?;
                // Reused at the length of a step: no clearing.
                buf.resize(r.len(), 0);
                // Every value is in 0..=i64::MAX if and only if no bit above
                // the 63 low ones is set: OR them all, in the loop that copies
                // the low words (one pass; vectorises). Scaled values are
                // checked after scaling (a value below 2^63 / 100 cannot wrap).
                let limit = i128::from(i64::MAX) / factor;
                let mut high = 0u128;
                let mut over = false;
                for (cents, &v) in buf.iter_mut().zip(values) {
                    over |= v > limit;
                    let scaled = v.wrapping_mul(factor);
                    high |= scaled as u128 >> 63;
                    #[allow(clippy::cast_possible_truncation)] // below 2^63 unless flagged
                    {
                        *cents = scaled as i64;
                    }
                }
                (high == 0 && !over).then_some(buf.as_slice())
            }
            Cents::Int(ints) => ints.cents(r, buf),
        }
    }

    /// Whether every amount of rows `r` is in cents `0..=i64::MAX`, read in place.
    pub(super) fn valid(self, r: Range<usize>) -> bool {
        match self {
            Cents::Decimal { values, factor } => {
                let limit = i128::from(i64::MAX) / factor;
                values.get(r).is_some_and(|v| v.iter().fold(true, |ok, &x| ok & (0..=limit).contains(&x)))
            }
            Cents::Int(ints) => ints.non_negative(r),
        }
    }
}

/// Dates, borrowed: days in place, or timestamps whose day is taken.
#[derive(Clone, Copy)]
pub(super) enum Days<'a> {
    /// date32: days since 1970-01-01.
    Days(&'a [i32]),
    /// date64 (milliseconds, each a midnight) or a timestamp of `unit` in a
    /// zone of fixed `offset` seconds.
    Ticks { ticks: &'a [i64], unit: TimeUnit, offset: i64, midnight: bool },
}

impl<'a> Days<'a> {
    /// A date32, date64 or timestamp column in UTC or a fixed offset (a named
    /// zone goes to the general path).
    pub(super) fn of(a: &'a ArrayRef) -> Option<Days<'a>> {
        let ticks = |ticks, unit, tz: &Option<std::sync::Arc<str>>| {
            Some(Days::Ticks { ticks, unit, offset: fixed_offset(tz.as_deref())?, midnight: false })
        };
        match a.data_type() {
            DataType::Date32 => Some(Days::Days(a.as_primitive::<Date32Type>().values())),
            DataType::Date64 => Some(Days::Ticks {
                ticks: a.as_primitive::<Date64Type>().values(),
                unit: TimeUnit::Millisecond,
                offset: 0,
                midnight: true,
            }),
            DataType::Timestamp(TimeUnit::Second, tz) => {
                ticks(a.as_primitive::<TimestampSecondType>().values(), TimeUnit::Second, tz)
            }
            DataType::Timestamp(TimeUnit::Millisecond, tz) => {
                ticks(a.as_primitive::<TimestampMillisecondType>().values(), TimeUnit::Millisecond, tz)
            }
            DataType::Timestamp(TimeUnit::Microsecond, tz) => {
                ticks(a.as_primitive::<TimestampMicrosecondType>().values(), TimeUnit::Microsecond, tz)
            }
            DataType::Timestamp(TimeUnit::Nanosecond, tz) => {
                ticks(a.as_primitive::<TimestampNanosecondType>().values(), TimeUnit::Nanosecond, tz)
            }
            _ => None,
        }
    }

    /// The days of rows `r` as the amounts kernels read them: date32 and
    /// timestamps in place (the kernels take the bounds of their periods in
    /// ticks); `None` for an offset beyond 64 bits of ticks.
    pub(super) fn won_on(self, r: Range<usize>) -> Option<WonOn<'a>> {
        match self {
            Days::Days(days) => days.get(r).map(WonOn::Days),
            Days::Ticks { ticks, unit, offset, midnight } => Some(WonOn::Ticks(Ticks {
                ticks: ticks.get(r)?,
                per_day: per_second(unit).checked_mul(86_400)?,
                offset: offset.checked_mul(per_second(unit))?,
                midnight,
            })),
        }
    }

    /// The days of rows `r`, in place or converted into `buf`; `None` for a
    /// day beyond 32 bits or a date64 that is not a midnight.
    pub(super) fn of_rows<'s>(self, r: Range<usize>, buf: &'s mut Vec<i32>) -> Option<&'s [i32]>
    where
        'a: 's,
    {
        let (ticks, unit, offset, midnight) = match self {
            Days::Days(days) => return days.get(r),
            Days::Ticks { ticks, unit, offset, midnight } => (ticks.get(r)?, unit, offset, midnight),
        };
        let offset = offset.checked_mul(per_second(unit))?;
        buf.clear();
        let inside = match (unit, midnight) {
            (TimeUnit::Millisecond, true) => days_from_ticks::<86_400_000, true>(ticks, offset, buf),
            (_, true) => false,
            (TimeUnit::Second, false) => days_from_ticks::<86_400, false>(ticks, offset, buf),
            (TimeUnit::Millisecond, false) => days_from_ticks::<86_400_000, false>(ticks, offset, buf),
            (TimeUnit::Microsecond, false) => days_from_ticks::<86_400_000_000, false>(ticks, offset, buf),
            (TimeUnit::Nanosecond, false) => days_from_ticks::<86_400_000_000_000, false>(ticks, offset, buf),
        };
        inside.then_some(buf.as_slice())
    }
}

/// Text of any string layout, borrowed.
#[derive(Clone, Copy)]
pub(super) enum Text<'a> {
    Utf8(&'a GenericStringArray<i32>),
    LargeUtf8(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
}

impl<'a> Text<'a> {
    pub(super) fn of(a: &'a dyn Array) -> Option<Text<'a>> {
        match a.data_type() {
            DataType::Utf8 => Some(Text::Utf8(a.as_string::<i32>())),
            DataType::LargeUtf8 => Some(Text::LargeUtf8(a.as_string::<i64>())),
            DataType::Utf8View => Some(Text::View(a.as_string_view())),
            _ => None,
        }
    }

    fn len(self) -> usize {
        match self {
            Text::Utf8(a) => a.len(),
            Text::LargeUtf8(a) => a.len(),
            Text::View(a) => a.len(),
        }
    }

    /// The positions of rows `r` by `index` into `buf` (`u8::MAX`: unknown,
    /// or a row this path does not read). Nulls are not read: the caller
    /// takes only columns without them.
    fn positions(self, r: Range<usize>, index: &LabelIndex, buf: &mut Vec<u8>) {
        match self {
            Text::Utf8(a) => offsets(a.value_offsets(), a.value_data(), r, index, buf),
            Text::LargeUtf8(a) => offsets(a.value_offsets(), a.value_data(), r, index, buf),
            Text::View(a) => {
                let buffers = a.data_buffers();
                match a.views().get(r.clone()) {
                    // Checked as Arrow's full validation checks a view; UTF-8 is not
                    // checked: only bytes equal to a label (ASCII) are taken, any
                    // other row sends the call to the general path, which
                    // validates the column in full first.
                    Some(views) => {
                        buf.extend(views.iter().map(|&v| index.position_view(v, buffers).unwrap_or(u8::MAX)))
                    }
                    None => buf.extend(r.map(|_| u8::MAX)),
                }
            }
        }
    }
}

/// Rows `r` of strings stored as `offsets` into `data`, each found in `index`.
fn offsets<O: Wide>(offsets: &[O], data: &[u8], r: Range<usize>, index: &LabelIndex, buf: &mut Vec<u8>) {
    let Some(bounds) = offsets.get(r.start..=r.end) else { return buf.extend(r.map(|_| u8::MAX)) };
    // A negative offset becomes a range outside the data: no label.
    let at = |o: O| usize::try_from(o.wide()).unwrap_or(usize::MAX);
    buf.extend(bounds.windows(2).map(|w| match *w {
        [start, end] => index.position_at(data, at(start), at(end)).unwrap_or(u8::MAX),
        _ => u8::MAX,
    }));
}

/// Lead origins, borrowed: dictionary keys of any width and the position of
/// each dictionary value, or text read row by row.
pub(super) enum Origins<'a> {
    Keys { keys: Ints<'a>, positions: Vec<u8> },
    Text { text: Text<'a>, index: Box<LabelIndex> },
}

impl<'a> Origins<'a> {
    /// A dictionary of any key width over any string layout, or strings.
    pub(super) fn of(a: &'a ArrayRef) -> Option<Origins<'a>> {
        let index = LabelIndex::of::<LeadOrigin>();
        if let Some(text) = Text::of(a.as_ref()) {
            return Some(Origins::Text { text, index: Box::new(index) });
        }
        let dict = a.as_any_dictionary_opt()?;
        let values = Text::of(dict.values().as_ref())?;
        let mut positions = Vec::with_capacity(values.len());
        values.positions(0..values.len(), &index, &mut positions);
        Some(Origins::Keys { keys: Ints::of(dict.keys())?, positions })
    }

    /// The lead-origin positions of rows `r` ([`Labelled::ALL`] order);
    /// `None` if one is unknown.
    pub(super) fn of_rows<'s>(&self, r: Range<usize>, buf: &'s mut Vec<u8>) -> Option<&'s [u8]> {
        match self {
            Origins::Keys { keys, positions } => keys.positions(r, positions, buf),
            Origins::Text { text, index } => {
                buf.clear();
                text.positions(r, index, buf);
                (!buf.contains(&u8::MAX)).then_some(buf.as_slice())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{DictionaryArray, Int64Array, StringArray, UInt8Array};
    use coopetition::labels::Labelled;
    use std::sync::Arc;

    /// The position of a lead origin, as the core numbers them.
    fn position(origin: LeadOrigin) -> u8 {
        u8::try_from(origin.index()).unwrap_or(u8::MAX)
    }

    #[test]
    fn origins_are_read_in_every_string_layout() {
        let labels = ["own_network", "network_event", "own_network"];
        let expected: Vec<u8> = labels.iter().map(|l| position(LeadOrigin::from_label(l).unwrap())).collect();
        let plain: ArrayRef = Arc::new(StringArray::from(labels.to_vec()));
        let view: ArrayRef = Arc::new(StringViewArray::from(labels.to_vec()));
        let keys = UInt8Array::from(vec![1_u8, 0, 1]);
        let dict: ArrayRef =
            Arc::new(DictionaryArray::new(keys, Arc::new(StringArray::from(vec!["network_event", "own_network"]))));
        for array in [plain, view, dict] {
            let mut buf = Vec::new();
            assert_eq!(Origins::of(&array).unwrap().of_rows(0..3, &mut buf).unwrap(), expected.as_slice());
        }
        let unknown: ArrayRef = Arc::new(StringArray::from(vec!["own_network", "own network"]));
        assert!(Origins::of(&unknown).unwrap().of_rows(0..2, &mut Vec::new()).is_none());
        // Same length and first bytes as a label, inline or not: not a label.
        for near in ["own_networK", "network_evenT", "network_event "] {
            let view: ArrayRef = Arc::new(StringViewArray::from(vec!["network_event", near]));
            assert!(Origins::of(&view).unwrap().of_rows(0..2, &mut Vec::new()).is_none(), "{near}");
            assert!(Origins::of(&view).unwrap().of_rows(0..1, &mut Vec::new()).is_some());
        }
    }

    #[test]
    fn out_of_range_values_are_flagged() {
        let cents: ArrayRef = Arc::new(Int64Array::from(vec![5, -1]));
        assert!(Ints::of(cents.as_ref()).unwrap().cents(0..2, &mut Vec::new()).is_none());
        assert_eq!(Ints::of(cents.as_ref()).unwrap().cents(0..1, &mut Vec::new()).unwrap(), &[5]);
        let big: ArrayRef = Arc::new(arrow_array::UInt64Array::from(vec![u64::MAX]));
        assert!(Ints::of(big.as_ref()).unwrap().cents(0..1, &mut Vec::new()).is_none());
        assert!(Ints::of(big.as_ref()).unwrap().counts(0..1, &mut Vec::new()).is_none());
        let euros: ArrayRef = Arc::new(
            arrow_array::Decimal128Array::from(vec![i128::from(i64::MAX) / 10])
                .with_precision_and_scale(38, 0)
                .unwrap(),
        );
        assert!(Cents::decimal(&euros).unwrap().of(0..1, &mut Vec::new()).is_none());
        assert!(!Cents::decimal(&euros).unwrap().valid(0..1));
        let ok: ArrayRef =
            Arc::new(arrow_array::Decimal128Array::from(vec![12_i128]).with_precision_and_scale(10, 1).unwrap());
        assert_eq!(Cents::decimal(&ok).unwrap().of(0..1, &mut Vec::new()).unwrap(), &[120]);
    }
}
