//! Reading the columns of a table of missions: each Arrow array is validated
//! before it is read ([`validate`]), then converted by the core's rules
//! ([`coopetition::policy::batch_input`]) into plain vectors; a bad column or
//! row is a `batch.column.invalid` or `batch.row.invalid` error naming it.

use crate::zone::Zone;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Decimal256Type, Decimal32Type, Decimal64Type, Float32Type, Float64Type,
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType, DictionaryArray, RecordBatch, RecordBatchReader, StringArray};
use arrow_buffer::i256;
use arrow_schema::{DataType, SchemaRef};
use coopetition::labels::Labelled;
use coopetition::policy::batch_input;
use coopetition::Error;
use std::collections::HashMap;

/// Values and their validity.
pub(crate) type Nullable<T> = (Vec<T>, Vec<bool>);
/// Codes into a dictionary of labels, the labels, and validity.
pub(crate) type Labels = (Vec<u32>, Vec<String>, Vec<bool>);

pub(crate) fn column_error(column: &str, message: impl Into<String>) -> Error {
    Error::BatchColumn { column: column.to_owned(), message: message.into() }
}

pub(crate) fn row_error(column: &str, row: usize, message: impl Into<String>) -> Error {
    Error::BatchRow { column: column.to_owned(), row, message: message.into() }
}

/// A table of missions: record batches of one schema, one row per mission.
///
/// Columns are read by name; only those a policy reads are read at all (see
/// [`columns_read`](crate::columns_read)), each checked in full by Arrow's
/// validation before it is read.
#[derive(Debug, Clone)]
pub struct Missions {
    pub(crate) schema: SchemaRef,
    pub(crate) batches: Vec<RecordBatch>,
    pub(crate) rows: usize,
}

impl Missions {
    /// The missions of `batches`, each of schema `schema`.
    ///
    /// # Errors
    /// `batch.column.invalid` if a batch has another schema.
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Result<Missions, Error> {
        let same = |b: &RecordBatch| {
            let fields = b.schema_ref().fields();
            fields.len() == schema.fields().len()
                && fields
                    .iter()
                    .zip(schema.fields())
                    .all(|(f, g)| f.name() == g.name() && f.data_type() == g.data_type())
        };
        if let Some(b) = batches.iter().find(|b| !same(b)) {
            return Err(column_error("batch", format!("has the schema {} where the table has {}", b.schema(), schema)));
        }
        let rows = batches.iter().map(RecordBatch::num_rows).sum();
        Ok(Missions { schema, batches, rows })
    }

    /// Every batch of `reader`.
    ///
    /// # Errors
    /// `batch.column.invalid` if the reader fails.
    pub fn from_reader(reader: impl RecordBatchReader) -> Result<Missions, Error> {
        let schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| column_error("batch", format!("could not be read: {e}")))?;
        Missions::new(schema, batches)
    }

    /// The number of missions.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether there is no mission.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Checks every column named in `wanted` with Arrow's full validation
    /// (see [`validate`]); the others are not read.
    pub(crate) fn validate(&self, wanted: &[&str]) -> Result<(), Error> {
        self.validate_but(wanted, &[])
    }

    /// As [`Missions::validate`], except that the columns named in
    /// `shallow` get only Arrow's structural checks (buffer sizes, nulls):
    /// their reader checks each value it reads, and they are validated in
    /// full before any other reader reads them.
    pub(crate) fn validate_but(&self, wanted: &[&str], shallow: &[&str]) -> Result<(), Error> {
        let fields = self.schema.fields().iter().enumerate();
        for (index, field) in fields.filter(|(_, f)| wanted.contains(&f.name().as_str())) {
            let full = !shallow.contains(&field.name().as_str());
            let mut first_row = 0;
            for batch in &self.batches {
                if let Some(array) = batch.columns().get(index) {
                    if full {
                        validate(field.name(), array, first_row)?;
                    } else {
                        structure(field.name(), array)?;
                    }
                }
                first_row += batch.num_rows();
            }
        }
        Ok(())
    }

    pub(crate) fn chunks(&self, name: &str) -> Option<Vec<ArrayRef>> {
        let index = self.schema.index_of(name).ok()?;
        Some(self.batches.iter().filter_map(|b| b.columns().get(index).cloned()).collect())
    }

    /// The chunks of `name`; `None` when an optional column is absent. A
    /// required column must be there, without nulls.
    pub(crate) fn column(&self, name: &str, required: bool) -> Result<Option<Vec<ArrayRef>>, Error> {
        match self.chunks(name) {
            Some(chunks) if required => no_nulls(name, &chunks).map(|()| Some(chunks)),
            Some(chunks) => Ok(Some(chunks)),
            None if required => self.required(name).map(|_| None),
            None => Ok(None),
        }
    }

    fn required(&self, name: &str) -> Result<Vec<ArrayRef>, Error> {
        self.chunks(name).ok_or_else(|| {
            column_error(
                name,
                format!(
                    "is missing; the table has: {}",
                    self.schema.fields().iter().map(|f| f.name().as_str()).collect::<Vec<_>>().join(", ")
                ),
            )
        })
    }
}

/// Checks Arrow data that came through the C interface before anything reads
/// it, with Arrow's full validation (layout, offsets, UTF-8, null counts). A
/// dictionary's keys are checked by the core instead, in one vectorised pass
/// that names the row of a key outside the dictionary (Arrow's own check
/// goes key by key); its values are then validated in full.
fn validate(name: &str, array: &ArrayRef, first_row: usize) -> Result<(), Error> {
    let malformed = |e: arrow_schema::ArrowError| column_error(name, format!("is not valid Arrow data: {e}"));
    let data = array.to_data();
    let Some(dict) = array.as_any_dictionary_opt() else { return data.validate_full().map_err(malformed) };
    data.validate().map_err(malformed)?;
    data.validate_nulls().map_err(malformed)?;
    let (keys, size) = (dict.keys(), dict.values().len());
    let valid = |i: usize| keys.is_valid(i);
    macro_rules! check {
        ($($t:ty),*) => {
            match keys.data_type() {
                $(t if t == &<$t as ArrowPrimitiveType>::DATA_TYPE => {
                    batch_input::check_keys(name, first_row, keys.as_primitive::<$t>().values(), valid, size)?
                })*
                other => return Err(column_error(name, format!("has dictionary keys of type {other}"))),
            }
        };
    }
    check!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type);
    dict.values().to_data().validate_full().map_err(malformed)
}

/// Arrow's structural checks alone: buffer sizes, nulls.
fn structure(name: &str, array: &ArrayRef) -> Result<(), Error> {
    let malformed = |e: arrow_schema::ArrowError| column_error(name, format!("is not valid Arrow data: {e}"));
    let data = array.to_data();
    data.validate().map_err(malformed)?;
    data.validate_nulls().map_err(malformed)
}

/// Fails on the first null of a required column.
fn no_nulls(name: &str, chunks: &[ArrayRef]) -> Result<(), Error> {
    let mut offset = 0;
    for chunk in chunks {
        if let Some(nulls) = chunk.logical_nulls() {
            if let Some(i) = (0..chunk.len()).find(|&i| nulls.is_null(i)) {
                return Err(row_error(name, offset + i, "is null in a required column"));
            }
        }
        offset += chunk.len();
    }
    Ok(())
}

pub(crate) fn cast(name: &str, chunk: &ArrayRef, to: &DataType) -> Result<ArrayRef, Error> {
    arrow_cast::cast(chunk, to)
        .map_err(|e| column_error(name, format!("has type {} and cannot be read as {to}: {e}", chunk.data_type())))
}

/// Converts every value of an integer column of any width with `f`, as 128-bit
/// integers (nulls are not read); `None` for another type.
fn integers<U: Default>(
    name: &str,
    first_row: usize,
    chunk: &ArrayRef,
    f: impl Fn(i128) -> Result<U, Error>,
    out: &mut Vec<U>,
) -> Option<Result<(), Error>> {
    macro_rules! read {
        ($($t:ty),*) => {
            match chunk.data_type() {
                $(t if t == &<$t as ArrowPrimitiveType>::DATA_TYPE => {
                    let a = chunk.as_primitive::<$t>();
                    batch_input::convert(name, first_row, a.values(), |i| a.is_valid(i), |v| f(i128::from(v)), out)
                })*
                _ => return None,
            }
        };
    }
    Some(read!(Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type))
}

/// Integer counts (any integer type), not negative.
pub(crate) fn counts(input: &Missions, name: &str, default: u32) -> Result<Vec<u32>, Error> {
    let Some(chunks) = input.chunks(name) else { return Ok(vec![default; input.rows]) };
    no_nulls(name, &chunks)?;
    let mut out = Vec::with_capacity(input.rows);
    for chunk in &chunks {
        integers(name, out.len(), chunk, batch_input::count_from_integer, &mut out).unwrap_or_else(|| {
            Err(column_error(name, format!("has type {}; expected an integer count", chunk.data_type())))
        })?;
    }
    Ok(out)
}

/// Booleans, false when the column is absent.
pub(crate) fn flags(input: &Missions, name: &str) -> Result<Vec<bool>, Error> {
    let Some(chunks) = input.chunks(name) else { return Ok(vec![false; input.rows]) };
    no_nulls(name, &chunks)?;
    let mut out = Vec::with_capacity(input.rows);
    for chunk in &chunks {
        if chunk.data_type() != &DataType::Boolean {
            return Err(column_error(name, format!("has type {}; expected booleans", chunk.data_type())));
        }
        out.extend(chunk.as_boolean().values().iter());
    }
    Ok(out)
}

/// The validity of each row of `chunk` (a dictionary's null values included).
fn validity(chunk: &ArrayRef) -> impl Iterator<Item = bool> {
    let nulls = chunk.logical_nulls();
    (0..chunk.len()).map(move |i| nulls.as_ref().is_none_or(|n| n.is_valid(i)))
}

/// Appends each row of a text column (rows `base..` of `name`) read by `f`;
/// a null appends `U::default()` unread.
fn from_text<U: Default>(
    name: &str,
    base: usize,
    chunk: &ArrayRef,
    f: impl Fn(&str) -> Result<U, Error>,
    out: &mut Vec<U>,
) -> Result<(), Error> {
    let text = cast(name, chunk, &DataType::Utf8)?;
    let text: &StringArray = text.as_string();
    for (i, v) in text.iter().enumerate() {
        out.push(match v {
            Some(v) => f(v).map_err(|e| batch_input::row_refusal(name, base + i, &e))?,
            None => U::default(),
        });
    }
    Ok(())
}

/// Dates as days since 1970-01-01: date32, date64 (each a midnight), or
/// timestamps of any unit, whose day is taken in their time zone (UTC when
/// they have none; see [`crate::zone`]).
pub(crate) fn dates(input: &Missions, name: &str, required: bool) -> Result<Option<Nullable<i32>>, Error> {
    let Some(chunks) = input.column(name, required)? else { return Ok(None) };
    let mut days = Vec::with_capacity(input.rows);
    let mut valid = Vec::with_capacity(input.rows);
    for chunk in &chunks {
        let base = days.len();
        match chunk.data_type() {
            DataType::Null => days.extend(std::iter::repeat_n(0, chunk.len())),
            DataType::Date32 => days.extend_from_slice(chunk.as_primitive::<Date32Type>().values()),
            DataType::Date64 => {
                let d = chunk.as_primitive::<Date64Type>();
                batch_input::convert(
                    name,
                    base,
                    d.values(),
                    |i| d.is_valid(i),
                    batch_input::day_from_millis,
                    &mut days,
                )?;
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                // ISO dates written as text (a CSV read as strings, date objects a
                // tool turned into strings).
                from_text(name, base, chunk, batch_input::day_from_text, &mut days)?;
            }
            DataType::Timestamp(unit, tz) => {
                let zone = Zone::of(name, tz.as_deref())?;
                // Every unit's values are i64: read them as milliseconds' type.
                let ticks = cast(name, chunk, &DataType::Int64)?;
                let t = ticks.as_primitive::<Int64Type>();
                let day = |v: i64| zone.day(v, *unit);
                batch_input::convert(name, base, t.values(), |i| t.is_valid(i), day, &mut days)?;
            }
            other => {
                return Err(column_error(
                    name,
                    format!("has type {other}; expected dates (date32, date64, timestamps or ISO text)"),
                ))
            }
        }
        valid.extend(validity(chunk));
    }
    Ok(Some((days, valid)))
}

/// How to read floats where money is expected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Floats {
    /// A float column of money is refused: money must be exact.
    #[default]
    Refuse,
    /// Each float is rounded to the cent by the rule of
    /// [`coopetition::money_float`] (its shortest decimal form, half away from zero).
    Round,
}

/// Money in cents from a decimal column (whole cents only), an integer
/// `<name>_cents` column, or a float column when rounding was asked for;
/// with the name of the column read.
pub(crate) fn cents(
    input: &Missions,
    name: &str,
    floats: Floats,
    required: bool,
) -> Result<Option<(Nullable<i64>, String)>, Error> {
    let cents_name = format!("{name}_cents");
    let (column, chunks, in_cents) = match (input.chunks(name), input.chunks(&cents_name)) {
        (Some(c), _) => (name.to_owned(), c, false),
        (None, Some(c)) => (cents_name, c, true),
        (None, None) if required => {
            return Err(column_error(
                name,
                format!("is missing: give `{name}` (decimal) or `{name}_cents` (integer cents)"),
            ))
        }
        (None, None) => return Ok(None),
    };
    if required {
        no_nulls(&column, &chunks)?;
    }
    let mut values = Vec::with_capacity(input.rows);
    let mut valid = Vec::with_capacity(input.rows);
    for chunk in &chunks {
        let base = values.len();
        let dt = chunk.data_type().clone();
        let wrong_type = |expected: &str| column_error(&column, format!("has type {dt}; expected {expected}"));
        let col = column.as_str();
        match (&dt, in_cents) {
            // An optional column that holds only nulls (pyarrow infers the Null type).
            (DataType::Null, _) => values.extend(std::iter::repeat_n(0, chunk.len())),
            (DataType::Decimal128(_, 2), false) if chunk.null_count() == 0 => {
                // The common case, whole cents without nulls: check the range in one
                // pass, then narrow in another (both vectorise).
                let d = chunk.as_primitive::<Decimal128Type>();
                let range = i128::from(i64::MIN)..=i128::from(i64::MAX);
                if d.values().iter().all(|r| range.contains(r)) {
                    #[allow(clippy::cast_possible_truncation)] // every value was checked to fit just above
                    values.extend(d.values().iter().map(|r| *r as i64));
                } else {
                    let cents = |r| batch_input::cents_from_decimal(r, 2);
                    batch_input::convert(col, base, d.values(), |_| true, cents, &mut values)?;
                }
            }
            (DataType::Decimal128(_, s), false) => {
                let d = chunk.as_primitive::<Decimal128Type>();
                let cents = |r| batch_input::cents_from_decimal(r, *s);
                batch_input::convert(col, base, d.values(), |i| d.is_valid(i), cents, &mut values)?;
            }
            (DataType::Decimal256(_, s), false) => {
                let d = chunk.as_primitive::<Decimal256Type>();
                let cents = |v: i256| {
                    let (low, high) = v.to_parts();
                    batch_input::cents_from_decimal256(low, high, *s)
                };
                batch_input::convert(col, base, d.values(), |i| d.is_valid(i), cents, &mut values)?;
            }
            (DataType::Decimal32(_, s), false) => {
                let d = chunk.as_primitive::<Decimal32Type>();
                let cents = |r: i32| batch_input::cents_from_decimal(r.into(), *s);
                batch_input::convert(col, base, d.values(), |i| d.is_valid(i), cents, &mut values)?;
            }
            (DataType::Decimal64(_, s), false) => {
                let d = chunk.as_primitive::<Decimal64Type>();
                let cents = |r: i64| batch_input::cents_from_decimal(r.into(), *s);
                batch_input::convert(col, base, d.values(), |i| d.is_valid(i), cents, &mut values)?;
            }
            (DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View, false) => {
                // Amounts written as text (a CSV read as strings, Decimal objects
                // that a tool turned into strings): read exactly, row by row.
                from_text(col, base, chunk, batch_input::cents_from_text, &mut values)?;
            }
            (t, true) if t.is_integer() => {
                integers(col, base, chunk, batch_input::cents_from_integer, &mut values)
                    .unwrap_or_else(|| Err(wrong_type("integer cents")))?;
            }
            (DataType::Float32 | DataType::Float64, true) => {
                return Err(wrong_type(&format!(
                    "integer cents (floats go in `{name}`, with round_floats=True to round each value to the cent)"
                )))
            }
            (DataType::Float16 | DataType::Float32 | DataType::Float64, false) => match floats {
                Floats::Refuse => {
                    return Err(column_error(
                        &column,
                        format!(
                            "is a float column ({dt}): money must be exact. Store it as decimal128 or integer cents \
                             (`{name}_cents`), or pass round_floats=True to round each value to the cent"
                        ),
                    ))
                }
                Floats::Round => match &dt {
                    DataType::Float64 => {
                        let f = chunk.as_primitive::<Float64Type>();
                        batch_input::convert(
                            col,
                            base,
                            f.values(),
                            |i| f.is_valid(i),
                            batch_input::cents_from_f64,
                            &mut values,
                        )?;
                    }
                    DataType::Float32 => {
                        let f = chunk.as_primitive::<Float32Type>();
                        batch_input::convert(
                            col,
                            base,
                            f.values(),
                            |i| f.is_valid(i),
                            batch_input::cents_from_f32,
                            &mut values,
                        )?;
                    }
                    _ => return Err(wrong_type("float32 or float64 to round (or decimal128)")),
                },
            },
            _ => return Err(wrong_type(&format!("decimal128 or decimal text (or integer cents in `{name}_cents`)"))),
        }
        valid.extend(validity(chunk));
    }
    Ok(Some(((values, valid), column)))
}

/// The chunks of the optional `mission` column, each id checked by the
/// per-mission rule (numbers are read as their digits).
pub(crate) fn mission_ids(input: &Missions) -> Result<Option<Vec<ArrayRef>>, Error> {
    let Some(chunks) = input.chunks("mission") else { return Ok(None) };
    let mut first_row = 0;
    for chunk in &chunks {
        let text = cast("mission", chunk, &DataType::Utf8)?;
        let text: &StringArray = text.as_string();
        batch_input::check_mission_ids("mission", first_row, text.iter())?;
        first_row += chunk.len();
    }
    Ok(Some(chunks))
}

/// Strings (plain, large, view or dictionary-encoded) as codes into a dictionary.
pub(crate) fn labels(input: &Missions, name: &str, required: bool) -> Result<Option<Labels>, Error> {
    let Some(chunks) = input.column(name, required)? else { return Ok(None) };
    let mut codes = Vec::with_capacity(input.rows);
    let mut valid = Vec::with_capacity(input.rows);
    let mut names: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, names: &mut Vec<String>| -> u32 {
        if let Some(&c) = index.get(s) {
            return c;
        }
        let c = u32::try_from(names.len()).unwrap_or(u32::MAX);
        names.push(s.to_owned());
        index.insert(s.to_owned(), c);
        c
    };
    for chunk in &chunks {
        let dict = match chunk.data_type() {
            DataType::Dictionary(_, v) if matches!(**v, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {
                cast(name, chunk, &DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)))?
            }
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
                cast(name, chunk, &DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)))?
            }
            other => return Err(column_error(name, format!("has type {other}; expected strings"))),
        };
        let dict: &DictionaryArray<Int32Type> = dict.as_dictionary();
        let values: &StringArray = dict.values().as_string();
        // A null in the dictionary is a null cell, not the empty label.
        let local: Vec<Option<u32>> =
            (0..values.len()).map(|i| values.is_valid(i).then(|| intern(values.value(i), &mut names))).collect();
        for (key, ok) in dict.keys().values().iter().zip(validity(chunk)) {
            let code = usize::try_from(*key).ok().and_then(|k| local.get(k)).copied().flatten();
            valid.push(ok && code.is_some());
            codes.push(code.unwrap_or(0));
        }
    }
    Ok(Some((codes, names, valid)))
}

/// Maps label codes to the positions of a labelled enumeration.
pub(crate) fn enum_codes<T: Labelled>(
    name: &str,
    codes: &[u32],
    names: &[String],
    valid: &[bool],
) -> Result<Vec<u8>, Error> {
    let mapped: Vec<Result<u8, String>> = names
        .iter()
        .map(|n| T::from_label(n).map(|v| u8::try_from(v.index()).unwrap_or(u8::MAX)).map_err(|e| e.to_string()))
        .collect();
    codes
        .iter()
        .zip(valid)
        .enumerate()
        .map(|(row, (c, ok))| {
            if !ok {
                return Ok(0);
            }
            match mapped.get(*c as usize) {
                Some(Ok(v)) => Ok(*v),
                Some(Err(message)) => Err(row_error(name, row, message.clone())),
                None => Err(row_error(name, row, "no such label".to_owned())),
            }
        })
        .collect()
}
