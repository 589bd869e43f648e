//! Sweeps over Arrow tables: the missions read once, then
//! [`coopetition::policy::sweep::sweep_columns`], and its rows as one
//! record batch of one row per variant; and solving for a target
//! ([`coopetition::policy::solve::solve_columns`]).

use crate::input::Missions;
use crate::options::Options;
use crate::table::{Table, Wanted};
use arrow_array::builder::{Decimal128Builder, Float64Builder, StringBuilder, UInt64Builder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use coopetition::labels::Labelled;
use coopetition::mission::LeadOrigin;
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::reads::Reads;
use coopetition::policy::solve::{solve_columns, Knob, Solution, Target};
use coopetition::policy::sweep::{sweep_columns, Setting, Sweep};
use coopetition::policy::Parameters;
use coopetition::Error;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Evaluates `policy` over `missions` under each variant of `params` (see
/// [`sweep_columns`]) on `options.threads` threads.
///
/// # Errors
/// The columns' errors (`batch.column.invalid`, `batch.row.invalid`), and
/// those of [`sweep_columns`].
pub fn sweep(
    missions: &Missions,
    policy: BuiltinPolicy,
    params: &Parameters,
    variants: &[Vec<Setting>],
    options: &Options,
) -> Result<Sweep, Error> {
    let wanted = Wanted { reads: Reads::ALL, provider: false };
    missions.validate(&wanted.columns())?;
    let table = Table::read(missions, options.floats, wanted)?;
    sweep_columns(&table.columns(), &policy, params, variants, options.threads).map_err(|e| table.named(e))
}

/// Solves `knob` over `missions` so that the total due comes closest to
/// `target` (see [`solve_columns`]).
///
/// # Errors
/// The columns' errors (`batch.column.invalid`, `batch.row.invalid`), and
/// those of [`solve_columns`].
pub fn solve(
    missions: &Missions,
    knob: Knob,
    target: &Target,
    precision: Decimal,
    params: &Parameters,
    options: &Options,
) -> Result<Solution, Error> {
    let wanted = Wanted { reads: Reads::ALL, provider: false };
    missions.validate(&wanted.columns())?;
    let table = Table::read(missions, options.floats, wanted)?;
    solve_columns(&table.columns(), params, knob, target, precision).map_err(|e| table.named(e))
}

/// The money column `name`: decimal128(38, 2), exact.
pub(crate) fn money(name: &str, values: impl Iterator<Item = Decimal>) -> Result<ArrayRef, Error> {
    optional_money(name, values.map(Some))
}

/// The money column `name`, null where a value is `None`: decimal128(38, 2), exact.
pub(crate) fn optional_money(name: &str, values: impl Iterator<Item = Option<Decimal>>) -> Result<ArrayRef, Error> {
    let mut b = Decimal128Builder::new();
    for v in values {
        b.append_option(v.map(|mut v| {
            v.rescale(2);
            v.mantissa()
        }));
    }
    let array = b
        .finish()
        .with_precision_and_scale(38, 2)
        .map_err(|e| Error::BatchColumn { column: name.to_owned(), message: e.to_string() })?;
    Ok(Arc::new(array))
}

/// The settings of a variant as text, each as [`Setting`] displays it
/// (`name=value`), joined by `, ` (`flat_rate=0.05`, `network_referral=0.08`,
/// `guide_scale=1.1`, `floor=50`).
pub fn settings_text(settings: &[Setting]) -> String {
    settings.iter().map(Setting::to_string).collect::<Vec<_>>().join(", ")
}

/// One row per variant: `settings` (text), `priced`, `total_due`,
/// `in_kind_credit` (recognised in kind, beside the money due), the
/// effective rates' `rate_mean`, `rate_p10`, `rate_median`, `rate_p90` and
/// `gini` (null without a priced mission with a revenue), then
/// `due_origin_<lead origin>` for each lead origin and
/// `due_situation_<situation>` for each situation (a situation may share
/// its name with a lead origin: `network_referral`).
///
/// # Errors
/// `batch.column.invalid` if a total cannot be written as decimal128(38, 2).
pub fn sweep_batch(s: &Sweep) -> Result<RecordBatch, Error> {
    let mut fields = vec![
        Field::new("settings", DataType::Utf8, false),
        Field::new("priced", DataType::UInt64, false),
        Field::new("total_due", DataType::Decimal128(38, 2), false),
        Field::new("in_kind_credit", DataType::Decimal128(38, 2), false),
    ];
    let mut columns: Vec<ArrayRef> = Vec::new();
    let mut text = StringBuilder::new();
    let mut priced = UInt64Builder::new();
    for r in &s.rows {
        text.append_value(settings_text(&r.settings));
        priced.append_value(r.priced);
    }
    columns.push(Arc::new(text.finish()));
    columns.push(Arc::new(priced.finish()));
    columns.push(money("total_due", s.rows.iter().map(|r| r.total_due))?);
    columns.push(money("in_kind_credit", s.rows.iter().map(|r| r.in_kind_credit))?);
    let stats: Vec<_> = s.rows.iter().map(|r| r.rates).collect();
    type Stat = fn(&coopetition::policy::compare::RateStats) -> f64;
    let figures: [(&str, Stat); 5] = [
        ("rate_mean", |s| s.mean),
        ("rate_p10", |s| s.p10),
        ("rate_median", |s| s.median),
        ("rate_p90", |s| s.p90),
        ("gini", |s| s.gini),
    ];
    for (name, f) in figures {
        let mut b = Float64Builder::new();
        for s in &stats {
            b.append_option(s.as_ref().map(f));
        }
        fields.push(Field::new(name, DataType::Float64, true));
        columns.push(Arc::new(b.finish()));
    }
    for (i, origin) in LeadOrigin::ALL.iter().enumerate() {
        let name = format!("due_origin_{}", origin.label());
        columns.push(money(&name, s.rows.iter().map(|r| r.by_lead_origin.get(i).copied().unwrap_or_default()))?);
        fields.push(Field::new(name, DataType::Decimal128(38, 2), false));
    }
    for (i, situation) in s.situations.iter().enumerate() {
        let name = format!("due_situation_{situation}");
        columns.push(money(&name, s.rows.iter().map(|r| r.by_situation.get(i).copied().unwrap_or_default()))?);
        fields.push(Field::new(name, DataType::Decimal128(38, 2), false));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| Error::BatchColumn { column: "sweep".into(), message: e.to_string() })
}
