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
//! columns without nulls, decimal128 amounts with scale 0 to 2 or integer
//! cents of any width, date32, date64 and timestamps in UTC or a fixed
//! offset, lead origins as strings (plain, large or view) or dictionaries of
//! them with keys of any width, integer counts of any width, booleans (see
//! [`columns`]). Anything else — another type, a null, a negative revenue, an
//! unknown label, a row the core rejects — returns `None`, and the caller
//! runs the general path, whose errors name the column and the first
//! offending row. Results are equal either way (`tests/evaluate.rs`).

mod columns;

use crate::input::Missions;
use crate::pool::{run, Threads, PARALLEL_ROWS};
use crate::results::ResultColumns;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_buffer::BooleanBuffer;
use arrow_schema::DataType;
use columns::{Cents, Days, Ints, Origins};
use coopetition::policy::batch::{BatchEvaluator, BatchOutput, BuiltinPolicy, MissionColumns, Outputs, WideColumns};
use coopetition::policy::reads::Reads;
use coopetition::policy::Parameters;
use coopetition::Error;
use std::ops::Range;

/// Rows per step of a worker: a step's inputs and outputs stay in the L2 cache.
const STEP: usize = 1024;

/// Rows per step of the flat rate's amounts when its money is widened
/// (integer cents narrower than 64 bits): a step's cents stay in the L2 cache.
const WIDE_STEP: usize = 8192;

/// The guide's inputs, borrowed.
struct GuideInputs<'a> {
    origins: Origins<'a>,
    /// Absent counts are zero.
    partners: Option<Ints<'a>>,
    shared: Option<Ints<'a>>,
    steward: Option<BooleanBuffer>,
    informed: Option<BooleanBuffer>,
}

/// One record batch's columns, borrowed.
struct Borrowed<'a> {
    rows: usize,
    revenue: Cents<'a>,
    won_on: Days<'a>,
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

/// `name` (decimal128 with scale 0 to 2) or `<name>_cents` (integers),
/// `Some(None)` if neither is there; `None` for another type or nulls.
fn cents<'a>(batch: &'a RecordBatch, name: &str) -> Option<Option<Cents<'a>>> {
    if let Some(a) = present(batch, name)? {
        return Cents::decimal(a).map(Some);
    }
    match present(batch, &format!("{name}_cents"))? {
        None => Some(None),
        Some(a) => Ints::of(a.as_ref()).map(|i| Some(Cents::Int(i))),
    }
}

fn counts<'a>(batch: &'a RecordBatch, name: &str) -> Option<Option<Ints<'a>>> {
    match present(batch, name)? {
        None => Some(None),
        Some(a) => Ints::of(a.as_ref()).map(Some),
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
    Some(GuideInputs {
        origins: Origins::of(present(batch, "lead_origin")??)?,
        partners: counts(batch, "partners")?,
        shared: counts(batch, "shared_resources")?,
        steward: flags(batch, "steward_workstream")?,
        informed: flags(batch, "client_informed")?,
    })
}

fn borrow(batch: &RecordBatch, needs: Reads) -> Option<Borrowed<'_>> {
    Some(Borrowed {
        rows: batch.num_rows(),
        revenue: cents(batch, "revenue")??,
        won_on: Days::of(present(batch, "won_on")??)?,
        donations: cents(batch, "donations")?,
        guide: if needs.guide { Some(guide_inputs(batch)?) } else { None },
    })
}

/// One step's columns, narrowed into reused buffers.
#[derive(Default)]
struct Scratch {
    revenue: Vec<i64>,
    donations: Vec<i64>,
    days: Vec<i32>,
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

/// Counts of rows `r`; zeros when absent; `None` if one is out of range.
fn counts_of<'s>(c: Option<Ints<'s>>, r: Range<usize>, buf: &'s mut Vec<u32>, zeros: &'s [u32]) -> Option<&'s [u32]> {
    match c {
        None => zeros.get(..r.len()),
        Some(ints) => ints.counts(r, buf),
    }
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
        let revenue_cents = b.revenue.of(r.clone(), &mut self.revenue)?;
        // A negative donation is left to the general path too.
        let donations_cents = match b.donations {
            Some(d) if details => Some(d.of(r.clone(), &mut self.donations)?),
            Some(d) => d.valid(r.clone()).then_some(None)?,
            None => None,
        };
        let won_on = b.won_on.of_rows(r.clone(), &mut self.days)?;
        let guide = match &b.guide {
            Some(g) => self.guide.columns(g, r)?,
            // The flat rate reads none of them: constant columns.
            None => self.guide.constant(n)?,
        };
        Some(guide.with(revenue_cents, won_on, donations_cents))
    }

    /// The columns of rows `r` of `b` for the amounts alone: money and, for
    /// the flat rate, days read in place where they can be; `None` for a
    /// value out of range.
    fn wide<'s>(&'s mut self, b: &'s Borrowed<'_>, r: Range<usize>) -> Option<WideColumns<'s>> {
        let revenue_cents = b.revenue.wide(r.clone(), &mut self.revenue)?;
        // Donations change no amount: checked here, in cents, not passed on.
        if let Some(d) = b.donations {
            d.valid(r.clone()).then_some(())?;
        }
        // Days and timestamps as they are: the kernels take their periods' bounds in ticks.
        let won_on = b.won_on.won_on(r.clone())?;
        let guide = match &b.guide {
            Some(g) => self.guide.columns(g, r)?,
            // The flat rate reads none of them.
            None => GuideColumns { origin: &[], partners: &[], shared: &[], steward: &[], informed: &[] },
        };
        Some(WideColumns {
            revenue_cents,
            cents_per_unit: b.revenue.unit(),
            won_on,
            lead_origin: guide.origin,
            partners: guide.partners,
            shared_resources: guide.shared,
            steward_workstream: guide.steward,
            client_informed: guide.informed,
            donations_cents: None,
        })
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
        Some(GuideColumns {
            origin: g.origins.of_rows(r.clone(), &mut self.origin)?,
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
        // The amounts alone (the flat rate over money read in place takes
        // all its rows at once, its days or timestamps being read in place
        // too; otherwise a step at a time, for the narrowed columns). Any
        // refusal: the steps below, from scratch.
        let in_place = b.guide.is_none() && b.revenue.wide_in_place();
        let step = if in_place {
            range.len().max(1)
        } else if b.guide.is_none() {
            WIDE_STEP
        } else {
            STEP
        };
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

/// The columns [`evaluate`] checks value by value as it reads them, so that
/// they need only Arrow's structural checks first: lead origins as strings
/// (plain, large or views), whose full validation by Arrow (UTF-8, offsets,
/// views) costs as much as evaluating the guide. Their reader takes only
/// bytes equal to a label, each range checked; any other value sends the
/// call to the general path, which validates them in full first.
pub(crate) fn checked_as_read(policy: &BuiltinPolicy, input: &Missions) -> Vec<&'static str> {
    let text = input
        .schema
        .field_with_name("lead_origin")
        .is_ok_and(|f| matches!(f.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View));
    if matches!(policy, BuiltinPolicy::Guide) && text {
        vec!["lead_origin"]
    } else {
        Vec::new()
    }
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
