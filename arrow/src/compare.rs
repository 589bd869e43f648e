//! Contribution policies compared over a table of missions.

use crate::comparison::{missions_batch, Results};
use crate::evaluate::lost;
use crate::input::Missions;
use crate::options::Options;
use crate::pool::{run, Threads, PARALLEL_ROWS};
use crate::table::{Table, Wanted};
use arrow_array::RecordBatch;
use coopetition::policy::batch::{BatchOutput, BuiltinPolicy};
use coopetition::policy::compare::{compare_columns_summary, compare_summary, Comparison, Summary};
use coopetition::policy::reads::Reads;
use coopetition::policy::{ContributionPolicy, Parameters};
use coopetition::Error;
use std::sync::Arc;

/// A policy to compare: a built-in one (evaluated in columnar form) or any
/// other (evaluated mission by mission).
#[derive(Clone)]
pub enum Policy {
    /// One of the four built-in policies.
    Builtin(BuiltinPolicy),
    /// Any other policy (a combination, one implemented outside the crate).
    Other(Arc<dyn ContributionPolicy>),
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Policy::Builtin(p) => write!(f, "Builtin({p:?})"),
            Policy::Other(p) => write!(f, "Other({})", p.name()),
        }
    }
}

/// The result of [`compare`]: the core's comparison, its mergeable summary
/// and the per-mission table.
#[derive(Debug, Clone)]
pub struct Compared {
    /// Totals, statistics and breakdowns per policy (see
    /// [`summary_batch`](crate::summary_batch) and
    /// [`breakdown_batch`](crate::breakdown_batch) for their tables).
    pub comparison: Comparison,
    /// The comparison as a [`Summary`] that merges with the summaries of
    /// other missions compared the same way.
    pub summary: Summary,
    /// One row per mission: `row`, `mission` if given, `provider`, `revenue`,
    /// then for each policy `<name>_amount` (null unless priced),
    /// `<name>_status`, `<name>_provenance`, `<name>_situation`,
    /// `<name>_in_kind` and `<name>_codes`.
    pub missions: RecordBatch,
}

/// Compares `policies` over `missions` under `params`.
///
/// Every column is read (the comparison's breakdowns need the provider, the
/// lead origin and the situation); with built-in policies only, in columnar
/// form, one thread per policy when there are enough rows, else mission by
/// mission on the calling thread. [`Options::details`] is not read.
///
/// # Errors
/// As [`evaluate`](crate::evaluate), plus the errors of the core's comparison
/// (the first error of the first policy that fails).
pub fn compare(
    missions: &Missions,
    policies: &[Policy],
    params: &Parameters,
    options: &Options,
) -> Result<Compared, Error> {
    let wanted = Wanted { reads: Reads::ALL, provider: true };
    missions.validate(&wanted.columns())?;
    let table = Table::read(missions, options.floats, wanted)?;
    let builtins: Option<Vec<BuiltinPolicy>> = policies
        .iter()
        .map(|p| match p {
            Policy::Builtin(b) => Some(*b),
            Policy::Other(_) => None,
        })
        .collect();
    if let Some(builtins) = builtins {
        let (summary, outputs) =
            compare_in_parallel(&table, &builtins, params, options.threads).map_err(|e| table.named(e))?;
        let results: Vec<Results> =
            builtins.iter().zip(outputs).map(|(p, out)| Results::from_batch(p.name(), out)).collect();
        let missions = missions_batch(&table, &results)?;
        return Ok(Compared { comparison: summary.comparison()?, summary, missions });
    }
    let policies: Vec<Arc<dyn ContributionPolicy>> = policies
        .iter()
        .map(|p| match p {
            Policy::Builtin(b) => Arc::new(*b) as Arc<dyn ContributionPolicy>,
            Policy::Other(p) => p.clone(),
        })
        .collect();
    let facts = table.facts().map_err(|e| table.named(e))?;
    let mut results = Vec::with_capacity(policies.len());
    for p in &policies {
        let assessments = p.evaluate_all(&facts, params).into_iter().collect::<Result<Vec<_>, _>>()?;
        results.push(Results::from_assessments(p.name(), &assessments));
    }
    let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p.as_ref()).collect();
    let summary = compare_summary(&facts, &refs, params)?;
    let missions = missions_batch(&table, &results)?;
    Ok(Compared { comparison: summary.comparison()?, summary, missions })
}

/// `compare_columns_summary` with one task per policy when there are enough
/// rows: each policy's evaluation and summary depend on no other policy's,
/// and put side by side in the order given they are the summary of them all.
fn compare_in_parallel(
    table: &Table,
    policies: &[BuiltinPolicy],
    params: &Parameters,
    threads: Threads,
) -> Result<(Summary, Vec<BatchOutput>), Error> {
    let cols = table.columns();
    let (provider, names) = (&table.table.provider, &table.table.provider_names);
    let compare = |policies: &[BuiltinPolicy]| compare_columns_summary(&cols, provider, names, policies, params);
    if threads.get() < 2 || policies.len() < 2 || cols.len() < PARALLEL_ROWS {
        return compare(policies);
    }
    let task = |t: usize| compare(policies.get(t..=t).unwrap_or_default());
    // The first policy's error, as when they run one after the other.
    let mut summaries = Vec::with_capacity(policies.len());
    let mut outputs = Vec::with_capacity(policies.len());
    for (s, o) in run(threads, policies.len(), task, lost)? {
        summaries.push(s);
        outputs.extend(o);
    }
    Ok((Summary::beside(summaries)?, outputs))
}
