//! `evaluate_batch` without intermediate tables, for the usual column types.
//!
//! The general path ([`crate::table`]) copies every column into
//! owned vectors, then evaluates, then converts the results: each step
//! writes, and the kernel reads, buffers of tens of megabytes. Here the
//! Arrow buffers are borrowed as they are (decimal128 revenue as `&[i128]`,
//! int64 cents, date32 days, dictionary keys), each worker thread goes
//! through its rows in steps of [`STEP`] rows, narrowing a step into small
//! buffers that stay in cache, evaluates it with the core's
//! [`BatchEvaluator`], and appends its results straight to the output
//! columns ([`ResultColumns`]).
//!
//! It only takes what needs no judgement: the flat and guide policies,
//! columns without nulls, decimal128 amounts with scale 2 or int64 cents,
//! date32 dates, lead origins as dictionary-encoded strings, integer counts,
//! booleans. Anything else — another type, a null, a negative revenue, an
//! unknown label, a row the core rejects — returns `None`, and the caller
//! runs the general path, whose errors name the column and the first
//! offending row. Results are equal either way (`tests/layouts.rs`).

use crate::input::Missions;
use crate::pool::{run, Threads, PARALLEL_ROWS};
use crate::results::ResultColumns;
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int32Type, Int64Type, UInt32Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::BooleanBuffer;
use arrow_schema::DataType;
use coopetition::labels::Labelled;
use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::{BatchEvaluator, BatchOutput, BuiltinPolicy, MissionColumns, Outputs, WideColumns};
use coopetition::policy::reads::Reads;
use coopetition::policy::Parameters;
use coopetition::Error;
use std::ops::Range;

/// Rows per step of a worker: a step's inputs and outputs stay in the L2 cache.
const STEP: usize = 1024;

/// Money in cents, borrowed.
#[derive(Clone, Copy)]
enum Cents<'a> {
    /// decimal128 with scale 2 (the values are cents), zero-copy.
    Decimal(&'a [i128]),
    Int(&'a [i64]),
}

/// Counts, borrowed; absent is zero.
#[derive(Clone, Copy)]
enum Counts<'a> {
    Absent,
    /// int32 values seen as u32 (zero-copy): the negative ones are above `i32::MAX`.
    I32(&'a [u32]),
    I64(&'a [i64]),
    U32(&'a [u32]),
}

/// The guide's inputs, borrowed.
struct GuideInputs<'a> {
    /// Dictionary keys of `lead_origin`, and the lead-origin index of each
    /// dictionary value (`u8::MAX` for an unknown label).
    origin_keys: &'a [i32],
    origin_index: Vec<u8>,
    partners: Counts<'a>,
    shared: Counts<'a>,
    steward: Option<BooleanBuffer>,
    informed: Option<BooleanBuffer>,
}

/// One record batch's columns, borrowed.
struct Borrowed<'a> {
    rows: usize,
    revenue: Cents<'a>,
    won_on: &'a [i32],
    donations: Option<Cents<'a>>,
    guide: Option<GuideInputs<'a>>,
}

/// A column without nulls (logical ones included), if present.
fn present<'a>(batch: &'a RecordBatch, name: &str) -> Option<Option<&'a ArrayRef>> {
    match batch.column_by_name(name) {
        None => Some(None),
        Some(a) if a.logical_null_count() == 0 => Some(Some(a)),
        Some(_) => None,
    }
}

/// `name` (decimal128 with scale 2) or `<name>_cents` (int64), `Some(None)`
/// if neither is there; `None` for another type or nulls.
fn cents<'a>(batch: &'a RecordBatch, name: &str) -> Option<Option<Cents<'a>>> {
    if let Some(a) = present(batch, name)? {
        return match a.data_type() {
            DataType::Decimal128(_, 2) => Some(Some(Cents::Decimal(a.as_primitive::<Decimal128Type>().values()))),
            _ => None,
        };
    }
    match present(batch, &format!("{name}_cents"))? {
        None => Some(None),
        Some(a) if a.data_type() == &DataType::Int64 => Some(Some(Cents::Int(a.as_primitive::<Int64Type>().values()))),
        Some(_) => None,
    }
}

fn counts<'a>(batch: &'a RecordBatch, name: &str) -> Option<Counts<'a>> {
    let Some(a) = present(batch, name)? else { return Some(Counts::Absent) };
    match a.data_type() {
        DataType::Int32 => Some(Counts::I32(a.as_primitive::<Int32Type>().values().inner().typed_data::<u32>())),
        DataType::Int64 => Some(Counts::I64(a.as_primitive::<Int64Type>().values())),
        DataType::UInt32 => Some(Counts::U32(a.as_primitive::<UInt32Type>().values())),
        _ => None,
    }
}

fn flags(batch: &RecordBatch, name: &str) -> Option<Option<BooleanBuffer>> {
    match present(batch, name)? {
        None => Some(None),
        Some(a) if a.data_type() == &DataType::Boolean => Some(Some(a.as_boolean().values().clone())),
        Some(_) => None,
    }
}

fn guide_inputs(batch: &RecordBatch) -> Option<GuideInputs<'_>> {
    let origin = present(batch, "lead_origin")??;
    let dict = origin.as_dictionary_opt::<Int32Type>()?;
    let values = dict.values().as_string_opt::<i32>()?;
    let origin_index = values
        .iter()
        .map(|v| {
            v.and_then(|label| LeadOrigin::from_label(label).ok())
                .and_then(|o| u8::try_from(o.index()).ok())
                .unwrap_or(u8::MAX)
        })
        .collect();
    Some(GuideInputs {
        origin_keys: dict.keys().values(),
        origin_index,
        partners: counts(batch, "partners")?,
        shared: counts(batch, "shared_resources")?,
        steward: flags(batch, "steward_workstream")?,
        informed: flags(batch, "client_informed")?,
    })
}

fn borrow(batch: &RecordBatch, needs: Reads) -> Option<Borrowed<'_>> {
    let won_on = present(batch, "won_on")??;
    if won_on.data_type() != &DataType::Date32 {
        return None;
    }
    Some(Borrowed {
        rows: batch.num_rows(),
        revenue: cents(batch, "revenue")??,
        won_on: won_on.as_primitive::<Date32Type>().values(),
        donations: cents(batch, "donations")?,
        guide: if needs.guide { Some(guide_inputs(batch)?) } else { None },
    })
}

/// One step's columns, narrowed into reused buffers.
#[derive(Default)]
struct Scratch {
    revenue: Vec<i64>,
    donations: Vec<i64>,
    guide: GuideScratch,
}

/// The guide's columns of one step, narrowed, and constant columns.
#[derive(Default)]
struct GuideScratch {
    origin: Vec<u8>,
    partners: Vec<u32>,
    shared: Vec<u32>,
    steward: Vec<bool>,
    informed: Vec<bool>,
    zeros: Vec<u32>,
    no: Vec<bool>,
    origin_zeros: Vec<u8>,
}

/// Cents of rows `r`, borrowed or narrowed into `buf`; `None` if a value
/// is negative or does not fit 64 bits.
fn cents_of<'s>(c: Cents<'s>, r: Range<usize>, buf: &'s mut Vec<i64>) -> Option<&'s [i64]> {
    match c {
        Cents::Decimal(values) => {
            let values = values.get(r.clone())?;
            // Reused at the length of a step: no clearing.
            buf.resize(r.len(), 0);
            // Every value is in 0..=i64::MAX if and only if no bit above the
            // 63 low ones is set: OR them all, in the loop that copies the
            // low words (one pass; vectorises).
            let mut high = 0u128;
            for (cents, &v) in buf.iter_mut().zip(values) {
                high |= v as u128 >> 63;
                #[allow(clippy::cast_possible_truncation)] // below 2^63 unless flagged
                {
                    *cents = v as i64;
                }
            }
            (high == 0).then_some(buf.as_slice())
        }
        Cents::Int(v) => cents_valid(c, r.clone()).then(|| v.get(r)).flatten(),
    }
}

/// Whether every amount of rows `r` is in cents `0..=i64::MAX`, read in place.
fn cents_valid(c: Cents<'_>, r: Range<usize>) -> bool {
    match c {
        Cents::Decimal(values) => {
            values.get(r).is_some_and(|v| v.iter().fold(0, |high, &x| high | (x as u128 >> 63)) == 0)
        }
        Cents::Int(v) => v.get(r).is_some_and(|v| v.iter().fold(0, |acc, &x| acc | x) >= 0),
    }
}

/// Counts of rows `r`; `None` if one is negative or above `u32::MAX`.
fn counts_of<'s>(c: Counts<'s>, r: Range<usize>, buf: &'s mut Vec<u32>, zeros: &'s [u32]) -> Option<&'s [u32]> {
    let n = r.len();
    buf.clear();
    match c {
        Counts::Absent => return zeros.get(..n),
        Counts::U32(v) => return v.get(r),
        Counts::I32(v) => {
            let v = v.get(r)?;
            // The sign bits, OR-ed.
            return (v.iter().fold(0, |acc, &x| acc | x) >> 31 == 0).then_some(v);
        }
        Counts::I64(v) => {
            let v = v.get(r)?;
            if v.iter().fold(false, |acc, &x| acc | (x as u64 > u64::from(u32::MAX))) {
                return None;
            }
            #[allow(clippy::cast_possible_truncation)] // checked just above
            buf.extend(v.iter().map(|&x| x as u32));
        }
    }
    Some(buf)
}

fn flags_of<'s>(f: &Option<BooleanBuffer>, r: Range<usize>, buf: &'s mut Vec<bool>, no: &'s [bool]) -> &'s [bool] {
    match f {
        None => no.get(..r.len()).unwrap_or(&[]),
        Some(bits) => {
            // 64 bits at a time.
            buf.clear();
            let chunks = bits.inner().bit_chunks(bits.offset() + r.start, r.len());
            for word in chunks.iter() {
                buf.extend((0..64).map(|i| (word >> i) & 1 != 0));
            }
            let rest = chunks.remainder_bits();
            buf.extend((0..chunks.remainder_len()).map(|i| (rest >> i) & 1 != 0));
            buf
        }
    }
}

impl Scratch {
    fn new() -> Scratch {
        let guide = GuideScratch {
            zeros: vec![0; STEP],
            no: vec![false; STEP],
            origin_zeros: vec![0; STEP],
            ..Default::default()
        };
        Scratch { guide, ..Scratch::default() }
    }

    /// The columns of rows `r` of `b`; `None` if a value is out of range.
    /// Without `details` the donations are only checked, not passed on: they
    /// change no amount, only the explanation.
    fn columns<'s>(&'s mut self, b: &'s Borrowed<'_>, r: Range<usize>, details: bool) -> Option<MissionColumns<'s>> {
        let n = r.len();
        let revenue_cents = cents_of(b.revenue, r.clone(), &mut self.revenue)?;
        // A negative donation is left to the general path too.
        let donations_cents = match b.donations {
            Some(d) if details => Some(cents_of(d, r.clone(), &mut self.donations)?),
            Some(d) => cents_valid(d, r.clone()).then_some(None)?,
            None => None,
        };
        let won_on = b.won_on.get(r.clone())?;
        let guide = match &b.guide {
            Some(g) => self.guide.columns(g, r)?,
            // The flat rate reads none of them: constant columns.
            None => self.guide.constant(n)?,
        };
        Some(guide.with(revenue_cents, won_on, donations_cents))
    }

    /// The columns of rows `r` of `b` with decimal128 money read in place,
    /// for the amounts alone; `None` for int64 cents or a value out of range.
    fn wide<'s>(&'s mut self, b: &'s Borrowed<'_>, r: Range<usize>) -> Option<WideColumns<'s>> {
        let decimal = |c: Cents<'s>| match c {
            Cents::Decimal(v) => v.get(r.clone()),
            Cents::Int(_) => None,
        };
        let revenue_cents = decimal(b.revenue)?;
        let donations_cents = match b.donations {
            Some(d) => Some(decimal(d)?),
            None => None,
        };
        let won_on = b.won_on.get(r.clone())?;
        let guide = match &b.guide {
            Some(g) => self.guide.columns(g, r)?,
            // The flat rate reads none of them.
            None => GuideColumns { origin: &[], partners: &[], shared: &[], steward: &[], informed: &[] },
        };
        Some(WideColumns::with_money(&guide.with(&[], won_on, None), revenue_cents, donations_cents))
    }
}

impl GuideScratch {
    /// `n` rows of lead origin 0, no count and no flag.
    fn constant(&self, n: usize) -> Option<GuideColumns<'_>> {
        Some(GuideColumns {
            origin: self.origin_zeros.get(..n)?,
            partners: self.zeros.get(..n)?,
            shared: self.zeros.get(..n)?,
            steward: self.no.get(..n)?,
            informed: self.no.get(..n)?,
        })
    }

    /// The guide's columns of rows `r`; `None` if a value is out of range.
    fn columns<'s>(&'s mut self, g: &'s GuideInputs<'_>, r: Range<usize>) -> Option<GuideColumns<'s>> {
        let keys = g.origin_keys.get(r.clone())?;
        self.origin.clear();
        self.origin.extend(
            keys.iter()
                .map(|&k| usize::try_from(k).ok().and_then(|k| g.origin_index.get(k)).copied().unwrap_or(u8::MAX)),
        );
        if self.origin.contains(&u8::MAX) {
            return None;
        }
        Some(GuideColumns {
            origin: &self.origin,
            partners: counts_of(g.partners, r.clone(), &mut self.partners, &self.zeros)?,
            shared: counts_of(g.shared, r.clone(), &mut self.shared, &self.zeros)?,
            steward: flags_of(&g.steward, r.clone(), &mut self.steward, &self.no),
            informed: flags_of(&g.informed, r, &mut self.informed, &self.no),
        })
    }
}

/// One step's guide columns.
struct GuideColumns<'s> {
    origin: &'s [u8],
    partners: &'s [u32],
    shared: &'s [u32],
    steward: &'s [bool],
    informed: &'s [bool],
}

impl<'s> GuideColumns<'s> {
    /// With the other columns the flat and guide policies read.
    fn with(
        self,
        revenue_cents: &'s [i64],
        won_on: &'s [i32],
        donations_cents: Option<&'s [i64]>,
    ) -> MissionColumns<'s> {
        MissionColumns {
            revenue_cents,
            won_on,
            lead_origin: self.origin,
            lead_origin_basis: None,
            partners: self.partners,
            shared_resources: self.shared,
            steward_workstream: self.steward,
            client_informed: self.informed,
            declared_cents: None,
            negotiation: None,
            donations_cents,
        }
    }
}

/// The results of a run of rows and their amounts.
type Part = (ResultColumns, Vec<i128>);

/// Evaluates rows `range` of `b`, step by step: their results and amounts;
/// `None` if a row needs the general path.
fn work(e: &BatchEvaluator, b: &Borrowed, range: Range<usize>, details: bool) -> Option<Part> {
    let mut results = ResultColumns::new(details, range.len());
    let mut amount = Vec::with_capacity(range.len());
    let mut scratch = Scratch::new();
    if !details {
        // The amounts alone, straight from the decimal128 buffers (the flat
        // rate reads all its rows at once; the guide a step at a time, for
        // its narrowed columns). Any refusal: the steps below, from scratch.
        let step = if b.guide.is_some() { STEP } else { range.len().max(1) };
        let all = range.clone().step_by(step).all(|start| {
            let r = start..(start + step).min(range.end);
            scratch.wide(b, r).is_some_and(|cols| e.append_amounts(&cols, &mut amount))
        });
        if all {
            results.priced(range.len());
            return Some((results, amount));
        }
        amount.clear();
    }
    let mut out = BatchOutput::default();
    for start in range.clone().step_by(STEP) {
        let r = start..(start + STEP).min(range.end);
        let n = r.len();
        let cols = scratch.columns(b, r, details)?;
        e.evaluate_into(&cols, &mut out).ok()?;
        if out.len() != n {
            return None;
        }
        results.append(&out, &mut amount);
    }
    Some((results, amount))
}

/// Evaluates `policy` over `input` if every column it reads has a usual
/// type and every row is valid: one record batch per task of
/// [`PARALLEL_ROWS`] rows of an input batch, the tasks shared by at most
/// `threads` threads. `None`: run the general path (another policy or type,
/// a null, an invalid row).
pub(crate) fn evaluate(
    policy: &BuiltinPolicy,
    params: &Parameters,
    input: &Missions,
    details: bool,
    threads: Threads,
) -> Option<Result<Vec<RecordBatch>, Error>> {
    if !matches!(policy, BuiltinPolicy::Flat | BuiltinPolicy::Guide) || input.rows == 0 {
        return None;
    }
    let needs = policy.reads();
    let borrowed: Vec<Borrowed> = input.batches.iter().map(|b| borrow(b, needs)).collect::<Option<_>>()?;
    let outputs = if details { Outputs::All } else { Outputs::Amounts };
    let evaluator = BatchEvaluator::new(policy, params).ok()?.with_outputs(outputs);
    // Each task's results, amounts included, become one record batch of the result.
    let tasks: Vec<(&Borrowed, Range<usize>)> = borrowed
        .iter()
        .flat_map(|b| (0..b.rows).step_by(PARALLEL_ROWS).map(move |s| (b, s..(s + PARALLEL_ROWS).min(b.rows))))
        .collect();
    let task = |t: usize| {
        let (b, range) = tasks.get(t).ok_or(())?;
        // The general path will say what is wrong: stop everyone.
        work(&evaluator, b, range.clone(), details).ok_or(())
    };
    let parts = run(threads, tasks.len(), task, || ()).ok()?;
    Some(parts.into_iter().map(|(results, amount)| results.finish(amount.into())).collect())
}
