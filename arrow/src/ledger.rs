//! The accounting export ([`coopetition::ledger_export`]) as a record
//! batch: one row per fact.

use crate::columns::Columns;
use arrow_array::RecordBatch;
use coopetition::labels::Labelled;
use coopetition::ledger_export::LedgerEntry;
use coopetition::Error;

/// The accounting export: `on` (date32), `member`, `kind` (`due`, `paid`,
/// `in_kind`, `donation`), `mission` (null when none), `amount`
/// (decimal128(38, 2); null only for a mission not priced yet), `status`
/// (for money due: `priced`, `pending`, `undeclared`, `stalemate`), `detail`.
///
/// # Errors
/// `batch.column.invalid` if an amount cannot be written as decimal128(38, 2).
pub fn ledger_batch(entries: &[LedgerEntry]) -> Result<RecordBatch, Error> {
    Columns::new()
        .date("on", entries.iter().map(|e| e.on))
        .text("member", entries.iter().map(|e| e.member.as_str()))
        .text("kind", entries.iter().map(|e| e.kind.label()))
        .optional_text("mission", entries.iter().map(|e| e.mission.as_ref().map(|m| m.as_str())))
        .optional_money("amount", entries.iter().map(|e| e.amount.map(|m| m.amount())))?
        .optional_text("status", entries.iter().map(|e| e.status.map(|s| s.label())))
        .text("detail", entries.iter().map(|e| e.detail.as_str()))
        .batch("ledger")
}
