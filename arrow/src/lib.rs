//! Arrow front end of coopetition: contribution policies over Arrow record
//! batches, for Rust programs that hold Arrow data (DataFusion, Polars, a
//! Parquet reader) and for the bindings, which only carry Arrow streams in
//! and out.
//!
//! - [`evaluate`] / [`evaluate_batch`]: one built-in policy over a table of
//!   missions, one result row per mission (amount due, and with
//!   [`Options::details`] status, provenance, situation, in-kind credit and
//!   explanation codes);
//! - [`compare`]: several policies side by side, as the core's
//!   [`Comparison`](coopetition::policy::compare::Comparison) plus a
//!   per-mission table ([`summary_batch`], [`breakdown_batch`] give its
//!   other tables).
//!
//! Columns are found by name: `revenue` (decimal) or `revenue_cents`
//! (integer cents), `won_on` (date32 or date64), and as the policy needs
//! them `lead_origin`, `partners`, `shared_resources`, `steward_workstream`,
//! `client_informed`, `declared`/`declared_cents`, `negotiation_state`,
//! `negotiation_amount`/`negotiation_amount_cents`, `negotiation_offers`,
//! `negotiation_on`, `donations`/`donations_cents`; a comparison also reads
//! `provider` and the optional `mission`. Values are converted by the core's
//! rules ([`coopetition::policy::batch_input`]); errors are the core's
//! [`Error`](coopetition::Error), a bad column or row named with its code
//! (`batch.column.invalid`, `batch.row.invalid`).
//!
//! - [`compare_stream`] / [`EvaluateStream`]: the same over a
//!   [`RecordBatchReader`](arrow_array::RecordBatchReader), one record batch
//!   at a time, in memory bounded by the batch, not the stream: the
//!   comparison's [`Summary`](coopetition::policy::compare::Summary) is
//!   merged batch after batch.
//!
//! Work is shared by at most [`Options::threads`] threads ([`Threads`]):
//! every parallel path honours it, and the results do not depend on it.
//!
//! ```
//! use arrow_array::{Date32Array, Decimal128Array, RecordBatch};
//! use coopetition::policy::batch::BuiltinPolicy;
//! use coopetition::policy::Parameters;
//! use coopetition_arrow::{evaluate_batch, Options};
//! use std::sync::Arc;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let revenue = Decimal128Array::from(vec![1_234_550_i128]).with_precision_and_scale(12, 2)?;
//! let won_on = Date32Array::from(vec![18_687]); // 2021-03-01
//! let batch = RecordBatch::try_from_iter([
//!     ("revenue", Arc::new(revenue) as _),
//!     ("won_on", Arc::new(won_on) as _),
//! ])?;
//! let result = evaluate_batch(&batch, &BuiltinPolicy::Flat, Parameters::shipped(), &Options::default())?;
//! let amount = result.column_by_name("amount").ok_or("no amount")?;
//! let amount = amount.as_any().downcast_ref::<Decimal128Array>().ok_or("not decimal")?;
//! assert_eq!(amount.value_as_string(0), "617.28"); // 5% of 12,345.50 €, rounded half away from zero
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]

mod borrowed;
mod columns;
mod compare;
mod comparison;
mod diagnostics;
mod evaluate;
mod input;
mod ledger;
mod options;
mod pool;
mod results;
mod stream;
mod sweep;
mod table;
mod zone;

pub use compare::{compare, Compared, Policy};
pub use comparison::{breakdown_batch, summary_batch, Breakdown};
pub use diagnostics::{concentration_batch, gaps_batch, lorenz_batch, rate_groups_batch, size_batch};
pub use evaluate::{evaluate, evaluate_batch, Evaluated};
pub use input::{Floats, Missions};
pub use ledger::ledger_batch;
pub use options::Options;
pub use pool::{Threads, THREADS_VARIABLE};
pub use stream::{compare_stream, EvaluateStream, Flow};
pub use sweep::{settings_text, solve, sweep, sweep_batch};

use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::reads::Reads;

/// The names of the columns [`evaluate`] may read for `policies` (with
/// `provider`, also those [`compare`] reads: every column): a caller that
/// moves tables across a boundary can leave the others behind.
pub fn columns_read(policies: &[BuiltinPolicy], provider: bool) -> Vec<&'static str> {
    let reads = if provider { Reads::ALL } else { Reads::of(policies) };
    table::Wanted { reads, provider }.columns()
}
