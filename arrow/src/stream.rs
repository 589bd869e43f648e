//! Missions that do not fit in memory: read from a [`RecordBatchReader`]
//! one record batch at a time, evaluated or compared batch by batch, keeping
//! only what the summary needs (a [`Summary`] merged batch after batch: its
//! size does not grow with the missions, see
//! [`rates`](coopetition::policy::compare::rates)).
//!
//! A row is named by its position in the whole stream: an error in the
//! third batch names the row counted from the first mission read.

use crate::compare::{compare, Policy};
use crate::evaluate::evaluate;
use crate::input::{column_error, Missions};
use crate::options::Options;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchReader, UInt64Array};
use arrow_schema::{ArrowError, SchemaRef};
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::Summary;
use coopetition::policy::Parameters;
use coopetition::Error;
use std::sync::Arc;

/// What a stream's consumer says after each batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next batch.
    Continue,
    /// Stop reading: the work was interrupted.
    Stop,
}

/// `e` with its row counted from the start of the stream, `offset` rows
/// before the batch it was found in.
fn shifted(e: Error, offset: u64) -> Error {
    match e {
        Error::BatchRow { column, row, message } => {
            let row = usize::try_from(offset).ok().and_then(|o| o.checked_add(row)).unwrap_or(usize::MAX);
            Error::BatchRow { column, row, message }
        }
        other => other,
    }
}

/// The error of a batch the reader could not give.
fn unreadable(e: &ArrowError, offset: u64) -> Error {
    column_error("batch", format!("could not be read after {offset} missions: {e}"))
}

/// The missions of one batch of a stream of schema `schema`.
fn missions(schema: &SchemaRef, batch: RecordBatch, offset: u64) -> Result<Missions, Error> {
    if batch.schema_ref().fields() != schema.fields() {
        let differs = schema
            .fields()
            .iter()
            .zip(batch.schema_ref().fields())
            .find(|(a, b)| a != b)
            .map(|(a, b)| format!("column `{}` is {} there, {} before", a.name(), b.data_type(), a.data_type()))
            .unwrap_or_else(|| "its columns are not those of the first batch".to_owned());
        return Err(column_error("batch", format!("starting at mission {offset} has another schema: {differs}")));
    }
    Missions::new(schema.clone(), vec![batch])
}

/// `batch` with its `row` column counted from `offset`.
fn rows_from(batch: RecordBatch, offset: u64) -> Result<RecordBatch, Error> {
    let Ok(index) = batch.schema_ref().index_of("row") else { return Ok(batch) };
    let n = batch.num_rows() as u64;
    let rows: ArrayRef = Arc::new(UInt64Array::from_iter_values(offset..offset + n));
    let mut columns = batch.columns().to_vec();
    if let Some(slot) = columns.get_mut(index) {
        *slot = rows;
    }
    RecordBatch::try_new(batch.schema(), columns).map_err(|e| column_error("row", e.to_string()))
}

/// Compares `policies` over the missions of `reader`, batch by batch: the
/// summary of them all, after `each` has been given every batch's
/// per-mission results (as [`compare`] gives them, rows counted from the
/// start of the stream) and the number of missions read so far. `each`
/// may stop the reading ([`Flow::Stop`]): the summary of the batches read
/// is then returned, with `false`.
///
/// # Errors
/// As [`compare`], the row named from the start of the stream; a batch of
/// another schema than the first (`batch.column.invalid`, naming the
/// column); a batch the reader cannot give; the error `each` returns.
pub fn compare_stream(
    reader: impl RecordBatchReader,
    policies: &[Policy],
    params: &Parameters,
    options: &Options,
    mut each: impl FnMut(RecordBatch, u64) -> Result<Flow, Error>,
) -> Result<(Summary, bool), Error> {
    let schema = reader.schema();
    let mut summary: Option<Summary> = None;
    let mut offset = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| unreadable(&e, offset))?;
        if batch.num_rows() == 0 {
            continue;
        }
        let n = batch.num_rows() as u64;
        let compared =
            compare(&missions(&schema, batch, offset)?, policies, params, options).map_err(|e| shifted(e, offset))?;
        summary = Some(match summary.take() {
            None => compared.summary,
            Some(before) => Summary::merge(&[before, compared.summary])?,
        });
        let results = rows_from(compared.missions, offset)?;
        offset += n;
        if each(results, offset)? == Flow::Stop {
            return Ok((finished(summary, &schema, policies, params, options)?, false));
        }
    }
    Ok((finished(summary, &schema, policies, params, options)?, true))
}

/// The summary read, or that of no mission.
fn finished(
    summary: Option<Summary>,
    schema: &SchemaRef,
    policies: &[Policy],
    params: &Parameters,
    options: &Options,
) -> Result<Summary, Error> {
    match summary {
        Some(s) => Ok(s),
        None => {
            let empty = Missions::new(schema.clone(), vec![RecordBatch::new_empty(schema.clone())])?;
            Ok(compare(&empty, policies, params, options)?.summary)
        }
    }
}

/// Evaluates `policy` over the missions of `reader` lazily: each batch read
/// is evaluated when the next result is asked for, as [`evaluate`] does.
/// An iterator of results, and a [`RecordBatchReader`] of schema
/// [`EvaluateStream::schema`] (for an Arrow C stream).
pub struct EvaluateStream<R> {
    reader: R,
    input: SchemaRef,
    schema: SchemaRef,
    policy: BuiltinPolicy,
    params: Parameters,
    options: Options,
    offset: u64,
    failed: bool,
}

impl<R: RecordBatchReader> EvaluateStream<R> {
    /// The results of `policy` over `reader`'s missions, evaluated as they are read.
    ///
    /// # Errors
    /// The errors of [`evaluate`] over no mission (the parameters').
    pub fn new(reader: R, policy: BuiltinPolicy, params: Parameters, options: Options) -> Result<Self, Error> {
        let input = reader.schema();
        let empty = Missions::new(input.clone(), Vec::new())?;
        let schema = evaluate(&empty, &policy, &params, &options)?.schema;
        Ok(EvaluateStream { reader, input, schema, policy, params, options, offset: 0, failed: false })
    }

    /// The schema of every result batch.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// The number of missions evaluated so far.
    pub fn missions_read(&self) -> u64 {
        self.offset
    }

    /// The results of the next batch, `None` at the end; after an error,
    /// `None` (nothing is read past it).
    pub fn next_batch(&mut self) -> Option<Result<RecordBatch, Error>> {
        if self.failed {
            return None;
        }
        let result = self.read_next();
        if matches!(result, Some(Err(_))) {
            self.failed = true;
        }
        result
    }

    fn read_next(&mut self) -> Option<Result<RecordBatch, Error>> {
        loop {
            let batch = match self.reader.next()? {
                Ok(b) => b,
                Err(e) => return Some(Err(unreadable(&e, self.offset))),
            };
            if batch.num_rows() == 0 {
                continue;
            }
            let offset = self.offset;
            let n = batch.num_rows() as u64;
            let result = missions(&self.input, batch, offset)
                .and_then(|m| evaluate(&m, &self.policy, &self.params, &self.options))
                .and_then(|e| e.concat())
                .map_err(|e| shifted(e, offset));
            self.offset += n;
            return Some(result);
        }
    }
}

impl<R: RecordBatchReader> Iterator for EvaluateStream<R> {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        // Through the C stream, the code leads the message.
        self.next_batch().map(|r| r.map_err(|e| ArrowError::ExternalError(Box::new(e))))
    }
}

impl<R: RecordBatchReader> RecordBatchReader for EvaluateStream<R> {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}
