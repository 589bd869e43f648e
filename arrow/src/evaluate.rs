//! One built-in policy over a table of missions, row by row in columnar form.

use crate::input::{column_error, Missions};
use crate::options::Options;
use crate::pool::{run, Threads, PARALLEL_ROWS};
use crate::results::ResultColumns;
use crate::table::{Table, Wanted};
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use coopetition::policy::batch::{BatchEvaluator, BatchOutput, BuiltinPolicy, MissionColumns};
use coopetition::policy::Parameters;
use coopetition::Error;

/// The results of [`evaluate`]: record batches of one schema, one row per
/// mission in the order of the input.
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// The schema of every batch (also when there is none).
    pub schema: SchemaRef,
    /// The results, in row order.
    pub batches: Vec<RecordBatch>,
}

impl Evaluated {
    /// The results as one record batch.
    ///
    /// # Errors
    /// `batch.column.invalid` if Arrow cannot put them together.
    pub fn concat(&self) -> Result<RecordBatch, Error> {
        arrow_select::concat::concat_batches(&self.schema, &self.batches)
            .map_err(|e| column_error("result", e.to_string()))
    }

    /// The results as a record batch reader (for an Arrow C stream).
    pub fn into_reader(self) -> RecordBatchIterator<std::vec::IntoIter<Result<RecordBatch, arrow_schema::ArrowError>>> {
        RecordBatchIterator::new(self.batches.into_iter().map(Ok).collect::<Vec<_>>().into_iter(), self.schema)
    }
}

/// Evaluates `policy` over `missions` under `params`: the amount due
/// (`amount`, decimal128(38, 2), null unless priced) and, with
/// [`Options::details`], `status` and `provenance` (dictionaries of their
/// labels), `situation` (the guide situation's id, null when none),
/// `in_kind` (decimal128(38, 2)) and `codes` (the explanation's step codes,
/// space-separated).
///
/// Only the columns the policy reads are read (see [`columns_read`](crate::columns_read)).
/// The flat and guide policies read the usual layouts in place: decimal128
/// with scale 0 to 2 or integer `*_cents` money, date32, date64 and
/// timestamps in UTC or a fixed offset, lead origins as strings (plain,
/// large, view) or dictionaries of them, integer counts of any width,
/// booleans, no nulls. Any other layout (nulls, a named time zone, floats)
/// is converted first by the core's rules, with the same results.
///
/// # Errors
/// `batch.column.invalid` for a missing or unreadable column,
/// `batch.row.invalid` for the first row the policy refuses (named by its
/// column and row), or the error of the parameters.
pub fn evaluate(
    missions: &Missions,
    policy: &BuiltinPolicy,
    params: &Parameters,
    options: &Options,
) -> Result<Evaluated, Error> {
    let wanted = Wanted { reads: policy.reads(), provider: false };
    // Columns the borrowed path checks value by value as it reads them.
    let shallow = crate::borrowed::checked_as_read(policy, missions);
    missions.validate_but(&wanted.columns(), &shallow)?;
    let batches = match crate::borrowed::evaluate(policy, params, missions, options.details, options.threads) {
        // Usual column types and valid rows: straight from the Arrow buffers.
        Some(batches) => batches?,
        // Anything else, and every error, through the core's table.
        None => {
            missions.validate(&shallow)?;
            let table = Table::read(missions, options.floats, wanted)?;
            let chunks =
                evaluate_chunks(policy, params, &table.columns(), options.threads).map_err(|e| table.named(e))?;
            chunks.iter().map(|out| result_batch(out, options.details)).collect::<Result<_, _>>()?
        }
    };
    let schema = match batches.first() {
        Some(b) => b.schema(),
        None => result_batch(&BatchOutput::default(), options.details)?.schema(),
    };
    Ok(Evaluated { schema, batches })
}

/// [`evaluate`] over one record batch, into one record batch.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_batch(
    batch: &RecordBatch,
    policy: &BuiltinPolicy,
    params: &Parameters,
    options: &Options,
) -> Result<RecordBatch, Error> {
    let missions = Missions::new(batch.schema(), vec![batch.clone()])?;
    evaluate(&missions, policy, params, options)?.concat()
}

/// Evaluates one built-in policy over the columns, in one chunk of rows per
/// thread: the results of each chunk, in row order.
fn evaluate_chunks(
    policy: &BuiltinPolicy,
    params: &Parameters,
    cols: &MissionColumns,
    threads: Threads,
) -> Result<Vec<BatchOutput>, Error> {
    cols.check_lengths()?;
    let evaluator = BatchEvaluator::new(policy, params)?;
    let n = cols.len();
    let chunks = if n < PARALLEL_ROWS { 1 } else { threads.get() };
    let step = n.div_ceil(chunks).max(1);
    let tasks = n.div_ceil(step);
    let task = |t: usize| {
        let start = t * step;
        let mut out = BatchOutput::default();
        evaluator.evaluate_rows_into(&cols.rows(start..(start + step).min(n)), start, &mut out).map(|()| out)
    };
    // The first failing chunk holds the first invalid row.
    run(threads, tasks, task, lost)
}

/// The error of a worker thread that ended without its results.
pub(crate) fn lost() -> Error {
    column_error("batch", "a worker thread failed")
}

/// One record batch of results for a chunk (see [`ResultColumns`]).
fn result_batch(out: &BatchOutput, details: bool) -> Result<RecordBatch, Error> {
    let mut columns = ResultColumns::new(details, out.len());
    let mut amount = Vec::with_capacity(out.len());
    columns.append(out, &mut amount);
    columns.finish(amount.into())
}
