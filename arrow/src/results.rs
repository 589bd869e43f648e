//! Building the result record batches from the core's [`BatchOutput`]s.

use crate::input::column_error;
use arrow_array::types::{Int32Type, Int8Type};
use arrow_array::{ArrayRef, Decimal128Array, DictionaryArray, PrimitiveArray, RecordBatch, StringArray};
use arrow_buffer::{BooleanBufferBuilder, NullBuffer, ScalarBuffer};
use coopetition::labels::Labelled;
use coopetition::policy::batch::{provenance_code, status_code, BatchOutput, NO_SITUATION, PRICED};
use coopetition::policy::{AssessmentStatus, Provenance};
use coopetition::Error;
use std::sync::Arc;

/// Rows a validity bitmap reserves when it stops being a count.
const STEP: usize = 1024;

/// The labels of the codes `code` gives the values of `T`, by code: the
/// dictionaries of the status and provenance columns.
fn code_labels<T: Labelled>(code: fn(T) -> u8) -> Vec<String> {
    let mut labels = vec![String::new(); T::ALL.len()];
    for &value in T::ALL {
        if let Some(slot) = labels.get_mut(usize::from(code(value))) {
            value.label().clone_into(slot);
        }
    }
    labels
}

/// The labels of the status codes of [`BatchOutput`].
pub(crate) fn status_labels() -> Vec<String> {
    code_labels::<AssessmentStatus>(status_code)
}

/// The labels of the provenance codes of [`BatchOutput`].
pub(crate) fn provenance_labels() -> Vec<String> {
    code_labels::<Provenance>(provenance_code)
}

/// A validity bitmap built row by row, kept as a count while every row has
/// the same value (no bitmap at all when every row is valid).
enum Validity {
    Same(bool, usize),
    Mixed(BooleanBufferBuilder),
}

impl Validity {
    /// Appends `len` values.
    fn extend(&mut self, len: usize, values: impl Iterator<Item = bool> + Clone) {
        if let Validity::Same(v, n) = self {
            let (v, n) = (*v, *n);
            if values.clone().fold(true, |all, x| all & (x == v)) {
                *self = Validity::Same(v, n + len);
                return;
            }
            let mut bits = BooleanBufferBuilder::new(n + STEP);
            bits.append_n(n, v);
            *self = Validity::Mixed(bits);
        }
        if let Validity::Mixed(bits) = self {
            for x in values {
                bits.append(x);
            }
        }
    }

    fn finish(self) -> Option<NullBuffer> {
        match self {
            Validity::Same(true, _) => None,
            Validity::Same(false, n) => Some(NullBuffer::new_null(n)),
            Validity::Mixed(mut bits) => Some(NullBuffer::new(bits.finish())),
        }
    }
}

/// The result columns of `evaluate_batch` for a run of rows, appended one
/// [`BatchOutput`] at a time: the amount (decimal128(38, 2), null unless
/// priced) and, with `details`, status, provenance, situation, in-kind
/// credit and explanation codes.
pub(crate) struct ResultColumns {
    details: bool,
    priced: Validity,
    status: Vec<i8>,
    provenance: Vec<i8>,
    situation: Vec<i32>,
    has_situation: Validity,
    in_kind: Vec<i128>,
    codes: Vec<i32>,
    situation_ids: Vec<String>,
    patterns: Vec<String>,
}

impl ResultColumns {
    pub(crate) fn new(details: bool, rows: usize) -> ResultColumns {
        let detail = |n: usize| if details { n } else { 0 };
        ResultColumns {
            details,
            priced: Validity::Same(true, 0),
            status: Vec::with_capacity(detail(rows)),
            provenance: Vec::with_capacity(detail(rows)),
            situation: Vec::with_capacity(detail(rows)),
            has_situation: Validity::Same(true, 0),
            in_kind: Vec::with_capacity(detail(rows)),
            codes: Vec::with_capacity(detail(rows)),
            situation_ids: Vec::new(),
            patterns: Vec::new(),
        }
    }

    /// Counts `n` more rows priced, whose amounts the caller appended.
    pub(crate) fn priced(&mut self, n: usize) {
        self.priced.extend(n, std::iter::repeat_n(true, n));
    }

    /// Appends the results of `out`, its amounts to `amount`.
    pub(crate) fn append(&mut self, out: &BatchOutput, amount: &mut Vec<i128>) {
        amount.extend(out.due_cents.iter().map(|&c| i128::from(c)));
        self.priced.extend(out.len(), out.status.iter().map(|&s| s == PRICED));
        if !self.details {
            return;
        }
        #[allow(clippy::cast_possible_wrap)] // status and provenance codes are below 4
        {
            self.status.extend(out.status.iter().map(|&s| s as i8));
            self.provenance.extend(out.provenance.iter().map(|&p| p as i8));
        }
        self.situation.extend(out.situation.iter().map(|&s| if s == NO_SITUATION { 0 } else { i32::from(s) }));
        self.has_situation.extend(out.len(), out.situation.iter().map(|&s| s != NO_SITUATION));
        self.in_kind.extend(out.in_kind_cents.iter().map(|&c| i128::from(c)));
        self.codes.extend(out.explanation.iter().map(|&c| i32::from(c)));
        if self.patterns.is_empty() {
            self.patterns = out.patterns.iter().map(|p| p.join(" ")).collect();
            self.situation_ids.clone_from(&out.situation_ids);
        }
    }

    /// The record batch, with `amount` holding the amounts appended.
    /// The record batch of the results. Its schema does not depend on the
    /// values: `amount` and `situation` are always nullable, the others never
    /// (so that the batches of one call, or of a stream, share one schema).
    pub(crate) fn finish(self, amount: ScalarBuffer<i128>) -> Result<RecordBatch, Error> {
        let mut columns: Vec<(&str, ArrayRef, bool)> = vec![("amount", decimal(amount, self.priced.finish())?, true)];
        if self.details {
            columns.push(("status", dictionary::<Int8Type>(self.status, None, status_labels())?, false));
            columns.push(("provenance", dictionary::<Int8Type>(self.provenance, None, provenance_labels())?, false));
            let mut ids = self.situation_ids;
            if ids.is_empty() {
                // Every key is null; a placeholder keeps them in bounds.
                ids.push(String::new());
            }
            columns.push((
                "situation",
                dictionary::<Int32Type>(self.situation, self.has_situation.finish(), ids)?,
                true,
            ));
            columns.push(("in_kind", decimal(self.in_kind.into(), None)?, false));
            columns.push(("codes", dictionary::<Int32Type>(self.codes, None, self.patterns)?, false));
        }
        RecordBatch::try_from_iter_with_nullable(columns).map_err(|e| column_error("result", e.to_string()))
    }
}

/// A decimal128(38, 2) column of cents.
pub(crate) fn decimal(cents: ScalarBuffer<i128>, nulls: Option<NullBuffer>) -> Result<ArrayRef, Error> {
    Decimal128Array::try_new(cents, nulls)
        .and_then(|a| a.with_precision_and_scale(38, 2))
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| column_error("result", e.to_string()))
}

/// A dictionary column of strings from its keys.
pub(crate) fn dictionary<K: arrow_array::types::ArrowDictionaryKeyType>(
    keys: Vec<K::Native>,
    nulls: Option<NullBuffer>,
    values: Vec<String>,
) -> Result<ArrayRef, Error> {
    let values: ArrayRef = Arc::new(StringArray::from(values));
    DictionaryArray::<K>::try_new(PrimitiveArray::<K>::new(ScalarBuffer::from(keys), nulls), values)
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| column_error("result", e.to_string()))
}
