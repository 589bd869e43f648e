//! Fairness diagnostics ([`coopetition::policy::diagnostics`]) as record
//! batches: one row per policy and group, band, point or provider.

use crate::columns::Columns;
use arrow_array::RecordBatch;
use coopetition::policy::diagnostics::{PolicyDiagnostics, RateGroup};
use coopetition::Error;

/// Every policy's rows of `rows`, each with its policy's name.
fn flat<T>(d: &[PolicyDiagnostics], rows: fn(&PolicyDiagnostics) -> &[T]) -> Vec<(&str, &T)> {
    d.iter().flat_map(|p| rows(p).iter().map(move |r| (p.policy.as_str(), r))).collect()
}

/// The effective rate by group (`rows`: by lead origin or by situation):
/// `policy`, `key`, `missions`, `priced`, `revenue`, `due` (decimal128(38,
/// 2)), `rate` (null without revenue).
///
/// # Errors
/// `batch.column.invalid` if an amount cannot be written as decimal128(38, 2).
pub fn rate_groups_batch(
    d: &[PolicyDiagnostics],
    rows: fn(&PolicyDiagnostics) -> &[RateGroup],
) -> Result<RecordBatch, Error> {
    let r = flat(d, rows);
    Columns::new()
        .text("policy", r.iter().map(|(p, _)| *p))
        .text("key", r.iter().map(|(_, g)| g.key.as_str()))
        .count("missions", r.iter().map(|(_, g)| g.missions))
        .count("priced", r.iter().map(|(_, g)| g.priced))
        .money("revenue", r.iter().map(|(_, g)| g.revenue))?
        .money("due", r.iter().map(|(_, g)| g.due))?
        .ratio("rate", r.iter().map(|(_, g)| g.rate))
        .batch("diagnostics")
}

/// The effective rate by provider size: `policy`, `band` (1 to 10),
/// `providers`, `revenue_min`, `revenue_max`, `revenue`, `due`, `rate`.
///
/// # Errors
/// `batch.column.invalid` if an amount cannot be written as decimal128(38, 2).
pub fn size_batch(d: &[PolicyDiagnostics]) -> Result<RecordBatch, Error> {
    let r = flat(d, |p| &p.by_size);
    Columns::new()
        .text("policy", r.iter().map(|(p, _)| *p))
        .small("band", r.iter().map(|(_, b)| b.band))
        .count("providers", r.iter().map(|(_, b)| b.providers))
        .money("revenue_min", r.iter().map(|(_, b)| b.revenue_min))?
        .money("revenue_max", r.iter().map(|(_, b)| b.revenue_max))?
        .money("revenue", r.iter().map(|(_, b)| b.revenue))?
        .money("due", r.iter().map(|(_, b)| b.due))?
        .ratio("rate", r.iter().map(|(_, b)| b.rate))
        .batch("by_size")
}

/// The concentration curves: `policy`, `revenue_share`, `due_share`, from
/// (0, 0) to (1, 1) for each policy.
///
/// # Errors
/// `batch.column.invalid` if the batch cannot be made.
pub fn lorenz_batch(d: &[PolicyDiagnostics]) -> Result<RecordBatch, Error> {
    let r = flat(d, |p| &p.lorenz);
    Columns::new()
        .text("policy", r.iter().map(|(p, _)| *p))
        .ratio("revenue_share", r.iter().map(|(_, x)| Some(x.revenue_share)))
        .ratio("due_share", r.iter().map(|(_, x)| Some(x.due_share)))
        .batch("lorenz")
}

/// Each policy's concentration index: `policy`, `concentration` (null when
/// nothing is due).
///
/// # Errors
/// `batch.column.invalid` if the batch cannot be made.
pub fn concentration_batch(d: &[PolicyDiagnostics]) -> Result<RecordBatch, Error> {
    Columns::new()
        .text("policy", d.iter().map(|p| p.policy.as_str()))
        .ratio("concentration", d.iter().map(|p| p.concentration))
        .batch("concentration")
}

/// Each provider's gap to the guide: `policy`, `provider`, `revenue`,
/// `due`, `guide_due`, `gap` (`due − guide_due`), the largest gap first
/// within each policy.
///
/// # Errors
/// `batch.column.invalid` if an amount cannot be written as decimal128(38, 2).
pub fn gaps_batch(d: &[PolicyDiagnostics]) -> Result<RecordBatch, Error> {
    let r = flat(d, |p| &p.gaps);
    Columns::new()
        .text("policy", r.iter().map(|(p, _)| *p))
        .text("provider", r.iter().map(|(_, g)| g.provider.as_str()))
        .money("revenue", r.iter().map(|(_, g)| g.revenue))?
        .money("due", r.iter().map(|(_, g)| g.due))?
        .money("guide_due", r.iter().map(|(_, g)| g.guide_due))?
        .money("gap", r.iter().map(|(_, g)| g.gap))?
        .batch("gaps")
}
