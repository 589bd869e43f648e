//! The tables of a comparison: per mission (one group of columns per
//! policy), per policy (the summary) and per group (the breakdowns).

use crate::input::column_error;
use crate::results::{provenance_labels, status_labels};
use crate::table::Table;
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int8Type};
use arrow_array::{Array, ArrayRef, Decimal128Array, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Schema};
use coopetition::money::rounded_cents;
use coopetition::policy::batch::{self, BatchOutput, NO_SITUATION, PRICED};
use coopetition::policy::compare::{Comparison, Group, PolicySummary};
use coopetition::policy::Assessment;
use coopetition::Error;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// Per-mission results of one policy, in columnar form.
pub(crate) struct Results {
    policy: String,
    due_cents: Vec<i64>,
    status: Vec<u8>,
    provenance: Vec<u8>,
    /// Codes into `situation_ids`; negative for none.
    situation: Vec<i32>,
    situation_ids: Vec<String>,
    in_kind_cents: Vec<i64>,
    codes: Vec<i32>,
    patterns: Vec<String>,
}

impl Results {
    pub(crate) fn from_batch(policy: &str, out: BatchOutput) -> Results {
        let situation = out.situation.iter().map(|s| if *s == NO_SITUATION { -1 } else { i32::from(*s) }).collect();
        Results {
            policy: policy.to_owned(),
            due_cents: out.due_cents,
            status: out.status,
            provenance: out.provenance,
            situation,
            situation_ids: out.situation_ids,
            in_kind_cents: out.in_kind_cents,
            codes: out.explanation.iter().map(|c| i32::from(*c)).collect(),
            patterns: out.patterns.iter().map(|p| p.join(" ")).collect(),
        }
    }

    pub(crate) fn from_assessments(policy: &str, assessments: &[Assessment]) -> Results {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, i32> = HashMap::new();
        let mut situations: Vec<String> = Vec::new();
        let mut r = Results {
            policy: policy.to_owned(),
            due_cents: Vec::with_capacity(assessments.len()),
            status: Vec::with_capacity(assessments.len()),
            provenance: Vec::with_capacity(assessments.len()),
            situation: Vec::with_capacity(assessments.len()),
            situation_ids: Vec::new(),
            in_kind_cents: Vec::with_capacity(assessments.len()),
            codes: Vec::with_capacity(assessments.len()),
            patterns: Vec::new(),
        };
        for a in assessments {
            r.due_cents.push(a.cents().unwrap_or(0));
            r.status.push(batch::status_code(a.status));
            r.provenance.push(batch::provenance_code(a.provenance));
            r.situation.push(match a.situation.as_deref() {
                None => -1,
                Some(id) => match situations.iter().position(|s| s == id) {
                    Some(i) => i32::try_from(i).unwrap_or(-1),
                    None => {
                        situations.push(id.to_owned());
                        i32::try_from(situations.len() - 1).unwrap_or(-1)
                    }
                },
            });
            r.in_kind_cents.push(a.in_kind_credit.to_cents().unwrap_or(0));
            let key = a.explanation.codes().join(" ");
            let code = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                i32::try_from(patterns.len() - 1).unwrap_or(i32::MAX)
            });
            r.codes.push(code);
        }
        r.patterns = patterns;
        r.situation_ids = situations;
        r
    }
}

fn dictionary(keys: Vec<i32>, values: Vec<String>) -> Result<ArrayRef, Error> {
    crate::results::dictionary::<Int32Type>(keys, None, values)
}

/// A dictionary array whose negative keys are nulls.
fn nullable_dictionary(keys: &[i32], mut values: Vec<String>) -> Result<ArrayRef, Error> {
    if values.is_empty() {
        // Every key is null; a placeholder keeps them in bounds.
        values.push(String::new());
    }
    let nulls = NullBuffer::from(keys.iter().map(|k| *k >= 0).collect::<Vec<_>>());
    crate::results::dictionary::<Int32Type>(keys.iter().map(|k| (*k).max(0)).collect(), Some(nulls), values)
}

fn small_dictionary(keys: &[u8], labels: Vec<String>) -> Result<ArrayRef, Error> {
    let keys = keys.iter().map(|k| i8::try_from(*k).unwrap_or(0)).collect();
    crate::results::dictionary::<Int8Type>(keys, None, labels)
}

fn decimal_cents(cents: &[i64], valid: Option<&[bool]>) -> Result<ArrayRef, Error> {
    // No validity buffer at all when every value is valid.
    let nulls = valid.filter(|v| v.contains(&false)).map(NullBuffer::from);
    crate::results::decimal(cents.iter().map(|c| i128::from(*c)).collect(), nulls)
}

/// The per-mission table: `row`, `mission` if given, then for each policy its
/// amount (decimal128, null unless priced), status, provenance, situation,
/// in-kind credit and explanation codes (space-separated).
pub(crate) fn missions_batch(table: &Table, results: &[Results]) -> Result<RecordBatch, Error> {
    let n = table.table.len();
    let mut fields: Vec<Field> = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    let rows: Vec<u64> = (0..n as u64).collect();
    fields.push(Field::new("row", DataType::UInt64, false));
    columns.push(Arc::new(UInt64Array::from(rows)));
    if let Some(chunks) = &table.mission {
        let refs: Vec<&dyn Array> = chunks.iter().map(|c| c.as_ref()).collect();
        if let Ok(m) = arrow_select_concat(&refs) {
            fields.push(Field::new("mission", m.data_type().clone(), true));
            columns.push(m);
        }
    }
    fields.push(Field::new(
        "provider",
        DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
        false,
    ));
    columns.push(dictionary(
        table.table.provider.iter().map(|p| i32::try_from(*p).unwrap_or(0)).collect(),
        table.table.provider_names.clone(),
    )?);
    fields.push(Field::new("revenue", DataType::Decimal128(38, 2), false));
    columns.push(decimal_cents(&table.table.revenue_cents, None)?);
    let small = DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8));
    let big = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    for r in results {
        let priced: Vec<bool> = r.status.iter().map(|s| *s == PRICED).collect();
        fields.push(Field::new(format!("{}_amount", r.policy), DataType::Decimal128(38, 2), true));
        columns.push(decimal_cents(&r.due_cents, Some(&priced))?);
        fields.push(Field::new(format!("{}_status", r.policy), small.clone(), false));
        columns.push(small_dictionary(&r.status, status_labels())?);
        fields.push(Field::new(format!("{}_provenance", r.policy), small.clone(), false));
        columns.push(small_dictionary(&r.provenance, provenance_labels())?);
        fields.push(Field::new(format!("{}_situation", r.policy), big.clone(), true));
        columns.push(nullable_dictionary(&r.situation, r.situation_ids.clone())?);
        fields.push(Field::new(format!("{}_in_kind", r.policy), DataType::Decimal128(38, 2), false));
        columns.push(decimal_cents(&r.in_kind_cents, None)?);
        fields.push(Field::new(format!("{}_codes", r.policy), big.clone(), false));
        columns.push(dictionary(r.codes.clone(), r.patterns.clone())?);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| column_error("result", e.to_string()))
}

fn arrow_select_concat(arrays: &[&dyn Array]) -> Result<ArrayRef, Error> {
    match arrays {
        [one] => Ok(one.slice(0, one.len())),
        _ => {
            // Rebuild through a cast-free path: collect as strings when possible.
            let mut all: Vec<Option<String>> = Vec::new();
            for a in arrays {
                let s = arrow_cast::cast(*a, &DataType::Utf8).map_err(|e| column_error("mission", e.to_string()))?;
                let s: &StringArray = s.as_string();
                all.extend((0..s.len()).map(|i| s.is_valid(i).then(|| s.value(i).to_owned())));
            }
            Ok(Arc::new(StringArray::from(all)))
        }
    }
}

fn decimal_column(values: Vec<Decimal>) -> Result<ArrayRef, Error> {
    let raw: Vec<i128> = values.into_iter().map(rounded_cents).collect();
    Decimal128Array::from(raw)
        .with_precision_and_scale(38, 2)
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| column_error("summary", e.to_string()))
}

fn f64_column(values: Vec<Option<f64>>) -> ArrayRef {
    Arc::new(Float64Array::from(values))
}

/// One row per policy of `c`: `policy`, `missions`, counts (`priced`,
/// `pending`, `undeclared`, `stalemate`), money totals (decimal128(38, 2):
/// `total_due`, `unpriced_revenue`, `in_kind_credit`, `donations`),
/// effective-rate statistics (`rate_mean`, `rate_p10`, `rate_median`,
/// `rate_p90`, `gini`) and the provenance mix (`computed`, `declared`,
/// `negotiated`, `modelled`).
///
/// # Errors
/// `batch.column.invalid` if Arrow refuses a column (it does not).
pub fn summary_batch(c: &Comparison) -> Result<RecordBatch, Error> {
    let p = &c.policies;
    let rate = |f: fn(&coopetition::policy::compare::RateStats) -> f64| {
        f64_column(p.iter().map(|s| s.effective_rate.as_ref().map(f)).collect())
    };
    let count =
        |f: fn(&PolicySummary) -> u64| -> ArrayRef { Arc::new(UInt64Array::from(p.iter().map(f).collect::<Vec<_>>())) };
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("policy", Arc::new(StringArray::from(p.iter().map(|s| s.policy.clone()).collect::<Vec<_>>()))),
        ("missions", Arc::new(UInt64Array::from(vec![c.missions; p.len()]))),
        ("priced", count(|s| s.priced)),
        ("pending", count(|s| s.unpriced.pending)),
        ("undeclared", count(|s| s.unpriced.undeclared)),
        ("stalemate", count(|s| s.unpriced.stalemate)),
        ("total_due", decimal_column(p.iter().map(|s| s.total_due).collect())?),
        ("unpriced_revenue", decimal_column(p.iter().map(|s| s.unpriced_revenue).collect())?),
        ("in_kind_credit", decimal_column(p.iter().map(|s| s.in_kind_credit).collect())?),
        ("donations", decimal_column(p.iter().map(|s| s.donations).collect())?),
        ("rate_mean", rate(|r| r.mean)),
        ("rate_p10", rate(|r| r.p10)),
        ("rate_median", rate(|r| r.median)),
        ("rate_p90", rate(|r| r.p90)),
        ("gini", rate(|r| r.gini)),
        ("computed", count(|s| s.provenance.computed)),
        ("declared", count(|s| s.provenance.declared)),
        ("negotiated", count(|s| s.provenance.negotiated)),
        ("modelled", count(|s| s.provenance.modelled)),
    ];
    RecordBatch::try_from_iter(columns).map_err(|e| column_error("summary", e.to_string()))
}

/// A breakdown of a comparison: the groups its amounts are summed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    /// By lead origin.
    LeadOrigin,
    /// By lead-origin basis: recorded by the network, or declared.
    LeadOriginBasis,
    /// By guide situation.
    Situation,
    /// By provider.
    Provider,
}

/// One row per policy of `c` and group of `breakdown`: `policy`, `key`,
/// `missions`, `priced`, `revenue` and `due` (decimal128(38, 2)).
///
/// # Errors
/// `batch.column.invalid` if Arrow refuses a column (it does not).
pub fn breakdown_batch(c: &Comparison, breakdown: Breakdown) -> Result<RecordBatch, Error> {
    groups_batch(
        c,
        match breakdown {
            Breakdown::LeadOrigin => |s| &s.by_lead_origin,
            Breakdown::LeadOriginBasis => |s| &s.by_lead_origin_basis,
            Breakdown::Situation => |s| &s.by_situation,
            Breakdown::Provider => |s| &s.by_provider,
        },
    )
}

/// One row per policy and group: `policy`, `key`, missions, priced, revenue, due.
fn groups_batch(c: &Comparison, groups: fn(&PolicySummary) -> &Vec<Group>) -> Result<RecordBatch, Error> {
    let mut policy = Vec::new();
    let mut key = Vec::new();
    let mut missions = Vec::new();
    let mut priced = Vec::new();
    let mut revenue = Vec::new();
    let mut due = Vec::new();
    for s in &c.policies {
        for g in groups(s) {
            policy.push(s.policy.clone());
            key.push(g.key.clone());
            missions.push(g.missions);
            priced.push(g.priced);
            revenue.push(g.revenue);
            due.push(g.due);
        }
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("policy", Arc::new(StringArray::from(policy))),
        ("key", Arc::new(StringArray::from(key))),
        ("missions", Arc::new(UInt64Array::from(missions))),
        ("priced", Arc::new(UInt64Array::from(priced))),
        ("revenue", decimal_column(revenue)?),
        ("due", decimal_column(due)?),
    ];
    RecordBatch::try_from_iter(columns).map_err(|e| column_error("groups", e.to_string()))
}
