//! The analyst's path: Arrow tables in, the core's columnar comparison, Arrow tables out.
//!
//! Columns are read from any object with `__arrow_c_stream__` (pyarrow,
//! polars, pandas, DuckDB) into plain vectors, checked column by column (a
//! bad column or row is a `BatchError` naming it, and nothing is computed),
//! then handed to the core with the GIL released.

use crate::arrow_input::{
    cents, column_error, counts, dates, enum_codes, flags, labels, mission_ids, row_error, validate, Floats, Input,
    Nullable,
};
use crate::errors::{to_py, IntoPy};
use crate::fast::{self, provenance_labels, status_labels};
use crate::policy::{params_or_shipped, PyBehaviourModel, PyParameters, PyPolicy};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int8Type};
use arrow_array::{Array, ArrayRef, Decimal128Array, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, Field, Schema};
use coopetition::mission::LeadOrigin;
use coopetition::money::round_cents;
use coopetition::policy::batch::{
    self, BatchOutput, BuiltinPolicy, MissionColumns, NegotiationColumns, NO_SITUATION, PRICED,
};
use coopetition::policy::batch_input;
use coopetition::policy::compare::{compare, compare_columns, Comparison, Group, PolicySummary};
use coopetition::policy::{Assessment, ContributionPolicy, MissionFacts};
use coopetition::prelude::*;
use coopetition::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use std::collections::HashMap;
use std::sync::Arc;

/// The negotiation columns, owned.
struct Negotiations {
    status: Vec<u8>,
    amount: Nullable<i64>,
    offers: Vec<u32>,
    on: Nullable<i32>,
}

/// Which columns a set of policies reads; the others are not read at all.
#[derive(Clone, Copy, Default)]
pub(crate) struct Needs {
    provider: bool,
    pub(crate) guide: bool,
    declared: bool,
    negotiation: bool,
}

impl Needs {
    fn of(policies: &[BuiltinPolicy], provider: bool) -> Needs {
        let mut n = Needs { provider, ..Needs::default() };
        for p in policies {
            match p {
                BuiltinPolicy::Flat => {}
                BuiltinPolicy::Guide => n.guide = true,
                BuiltinPolicy::SelfAssessed(_) => {
                    n.guide = true;
                    n.declared = true;
                }
                BuiltinPolicy::Negotiated(model) => {
                    n.negotiation = true;
                    n.guide |= model.is_some();
                }
            }
        }
        n
    }

    fn all() -> Needs {
        Needs { provider: true, guide: true, declared: true, negotiation: true }
    }

    /// Every column name these needs may read (the others are never imported).
    fn columns(self) -> Vec<&'static str> {
        let mut names = vec!["revenue", "revenue_cents", "won_on", "donations", "donations_cents"];
        if self.provider {
            names.extend(["provider", "mission", "lead_origin"]);
        }
        if self.guide {
            names.extend(["lead_origin", "partners", "shared_resources", "steward_workstream", "client_informed"]);
        }
        if self.declared {
            names.extend(["declared", "declared_cents"]);
        }
        if self.negotiation {
            names.extend([
                "negotiation_state",
                "negotiation_amount",
                "negotiation_amount_cents",
                "negotiation_offers",
                "negotiation_on",
            ]);
        }
        names
    }
}

/// Every column the core reads, owned, plus the optional mission ids to carry over.
struct Table {
    provider: Vec<u32>,
    provider_names: Vec<String>,
    revenue_cents: Vec<i64>,
    won_on: Vec<i32>,
    lead_origin: Vec<u8>,
    partners: Vec<u32>,
    shared_resources: Vec<u32>,
    steward_workstream: Vec<bool>,
    client_informed: Vec<bool>,
    declared: Option<Nullable<i64>>,
    negotiation: Option<Negotiations>,
    donations: Option<Vec<i64>>,
    mission: Option<Vec<ArrayRef>>,
    /// The money columns read, by the name the core gives them (`declared`
    /// may have been read from `declared_cents`).
    sources: Vec<(&'static str, String)>,
}

impl Table {
    fn read(input: &Input, floats: Floats, needs: Needs) -> Result<Table, Error> {
        let (provider, provider_names, _) = if needs.provider {
            labels(input, "provider", true)?.unwrap_or_default()
        } else {
            (vec![0; input.rows], vec![String::new()], Vec::new())
        };
        let mut sources = Vec::new();
        let mut money = |name: &'static str, required| -> Result<Option<Nullable<i64>>, Error> {
            Ok(cents(input, name, floats, required)?.map(|(values, column)| {
                sources.push((name, column));
                values
            }))
        };
        let (revenue_cents, _) = money("revenue", true)?.unwrap_or_default();
        let declared = if needs.declared { money("declared", false)? } else { None };
        let amount = if needs.negotiation { money("negotiation_amount", false)? } else { None };
        let donations = money("donations", false)?
            .map(|(v, valid)| v.into_iter().zip(valid).map(|(c, ok)| if ok { c } else { 0 }).collect());
        let (won_on, _) = dates(input, "won_on", true)?.unwrap_or_default();
        let lead_origin = if needs.guide || needs.provider {
            let (codes, names, valid) = labels(input, "lead_origin", true)?.unwrap_or_default();
            enum_codes::<LeadOrigin>("lead_origin", &codes, &names, &valid)?
        } else {
            vec![0; input.rows]
        };
        let negotiation_state = if needs.negotiation { labels(input, "negotiation_state", false)? } else { None };
        let negotiation = match negotiation_state {
            None => None,
            Some((codes, names, valid)) => {
                let states: Vec<u8> = {
                    let table = ["not_opened", "open", "agreed", "stalemate"];
                    let mapped: Vec<Option<u8>> = names
                        .iter()
                        .map(|n| table.iter().position(|t| t == n).and_then(|p| u8::try_from(p).ok()))
                        .collect();
                    codes
                        .iter()
                        .zip(&valid)
                        .enumerate()
                        .map(|(row, (c, ok))| match (ok, mapped.get(*c as usize)) {
                            (false, _) => Ok(0),
                            (true, Some(Some(v))) => Ok(*v),
                            _ => Err(row_error(
                                "negotiation_state",
                                row,
                                format!(
                                    "unknown negotiation state `{}`; expected one of: not_opened, open, agreed, stalemate",
                                    names.get(*c as usize).map_or("", String::as_str)
                                ),
                            )),
                        })
                        .collect::<Result<_, _>>()?
                };
                let amount = amount.unwrap_or_else(|| (vec![0; input.rows], vec![false; input.rows]));
                let offers = counts(input, "negotiation_offers", 0)?;
                let on = dates(input, "negotiation_on", false)?
                    .unwrap_or_else(|| (vec![0; input.rows], vec![false; input.rows]));
                Some(Negotiations { status: states, amount, offers, on })
            }
        };
        Ok(Table {
            provider,
            provider_names,
            revenue_cents,
            won_on,
            lead_origin,
            partners: if needs.guide { counts(input, "partners", 0)? } else { vec![0; input.rows] },
            shared_resources: if needs.guide { counts(input, "shared_resources", 0)? } else { vec![0; input.rows] },
            steward_workstream: if needs.guide { flags(input, "steward_workstream")? } else { vec![false; input.rows] },
            client_informed: if needs.guide { flags(input, "client_informed")? } else { vec![false; input.rows] },
            declared,
            negotiation,
            donations,
            mission: if needs.provider { mission_ids(input)? } else { None },
            sources,
        })
    }

    /// A core error naming the columns the user gave (`declared_cents` for
    /// the core's `declared` when that is the column read).
    fn named(&self, e: Error) -> Error {
        let source = |column: String| match self.sources.iter().find(|(core, _)| *core == column) {
            Some((_, given)) => given.clone(),
            None => column,
        };
        match e {
            Error::BatchRow { column, row, message } => Error::BatchRow { column: source(column), row, message },
            Error::BatchColumn { column, message } => Error::BatchColumn { column: source(column), message },
            other => other,
        }
    }

    fn columns(&self) -> MissionColumns<'_> {
        MissionColumns {
            revenue_cents: &self.revenue_cents,
            won_on: &self.won_on,
            lead_origin: &self.lead_origin,
            partners: &self.partners,
            shared_resources: &self.shared_resources,
            steward_workstream: &self.steward_workstream,
            client_informed: &self.client_informed,
            declared_cents: self.declared.as_ref().map(|(v, ok)| (v.as_slice(), ok.as_slice())),
            negotiation: self.negotiation.as_ref().map(|n| NegotiationColumns {
                status: &n.status,
                amount_cents: &n.amount.0,
                amount_valid: Some(&n.amount.1),
                offers: &n.offers,
                on: &n.on.0,
                on_valid: Some(&n.on.1),
            }),
            donations_cents: self.donations.as_deref(),
        }
    }

    /// Per-mission facts, for policies without a columnar kernel.
    fn facts(&self) -> Result<Vec<MissionFacts>, Error> {
        let ids = batch_input::actor_ids("provider", &self.provider, &self.provider_names)?;
        let cols = self.columns();
        (0..cols.len())
            .map(|row| {
                let p = self.provider.get(row).and_then(|p| ids.get(*p as usize)).cloned().flatten();
                cols.facts(row, p.ok_or_else(|| row_error("provider", row, "no provider"))?)
            })
            .collect()
    }
}

/// Per-mission results of one policy, in columnar form.
struct Results {
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
    fn from_batch(policy: &str, out: BatchOutput) -> Results {
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

    fn from_assessments(policy: &str, assessments: &[Assessment]) -> Results {
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
    fast::dictionary::<Int32Type>(keys, None, values)
}

/// A dictionary array whose negative keys are nulls.
fn nullable_dictionary(keys: &[i32], mut values: Vec<String>) -> Result<ArrayRef, Error> {
    if values.is_empty() {
        // Every key is null; a placeholder keeps them in bounds.
        values.push(String::new());
    }
    let nulls = NullBuffer::from(keys.iter().map(|k| *k >= 0).collect::<Vec<_>>());
    fast::dictionary::<Int32Type>(keys.iter().map(|k| (*k).max(0)).collect(), Some(nulls), values)
}

fn small_dictionary(keys: &[u8], labels: Vec<String>) -> Result<ArrayRef, Error> {
    let keys = keys.iter().map(|k| i8::try_from(*k).unwrap_or(0)).collect();
    fast::dictionary::<Int8Type>(keys, None, labels)
}

fn decimal_cents(cents: &[i64], valid: Option<&[bool]>) -> Result<ArrayRef, Error> {
    // No validity buffer at all when every value is valid.
    let nulls = valid.filter(|v| v.contains(&false)).map(NullBuffer::from);
    fast::decimal(cents.iter().map(|c| i128::from(*c)).collect(), nulls)
}

/// The per-mission table: `row`, `mission` if given, then for each policy its
/// amount (decimal128, null unless priced), status, provenance, situation,
/// in-kind credit and explanation codes (space-separated).
fn missions_batch(table: &Table, results: &[Results]) -> Result<RecordBatch, Error> {
    let n = table.revenue_cents.len();
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
        table.provider.iter().map(|p| i32::try_from(*p).unwrap_or(0)).collect(),
        table.provider_names.clone(),
    )?);
    fields.push(Field::new("revenue", DataType::Decimal128(38, 2), false));
    columns.push(decimal_cents(&table.revenue_cents, None)?);
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
    let raw: Vec<i128> = values.iter().map(|d| round_cents(*d).mantissa()).collect();
    Decimal128Array::from(raw)
        .with_precision_and_scale(38, 2)
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| column_error("summary", e.to_string()))
}

fn f64_column(values: Vec<Option<f64>>) -> ArrayRef {
    Arc::new(Float64Array::from(values))
}

/// One row per policy: counts, totals (exact), rate statistics, provenance mix.
fn summary_batch(c: &Comparison) -> Result<RecordBatch, Error> {
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

fn to_pyarrow<'py>(py: Python<'py>, batch: RecordBatch) -> PyResult<Bound<'py, PyAny>> {
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}

/// The result of `compare`: the summary (per policy), breakdowns and per-mission results.
#[pyclass(module = "coopetition", name = "Comparison", frozen)]
pub struct PyComparison {
    comparison: Comparison,
    missions: RecordBatch,
}

#[pymethods]
impl PyComparison {
    /// One row per policy: counts, exact totals, effective-rate statistics, Gini, provenance mix (pyarrow Table).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, summary_batch(&self.comparison).py()?)
    }
    /// Per-mission results, one group of columns per policy (pyarrow Table).
    #[getter]
    fn missions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, self.missions.clone())
    }
    /// Amount due by lead origin, per policy (pyarrow Table).
    #[getter]
    fn by_lead_origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, groups_batch(&self.comparison, |s| &s.by_lead_origin).py()?)
    }
    /// Amount due by guide situation, per policy (pyarrow Table).
    #[getter]
    fn by_situation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, groups_batch(&self.comparison, |s| &s.by_situation).py()?)
    }
    /// Amount due by provider, per policy (pyarrow Table).
    #[getter]
    fn by_provider<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_pyarrow(py, groups_batch(&self.comparison, |s| &s.by_provider).py()?)
    }
    /// The policies' names, in order.
    #[getter]
    fn policies(&self) -> Vec<String> {
        self.comparison.policies.iter().map(|p| p.policy.clone()).collect()
    }
    /// Total due per policy, exact.
    fn totals(&self) -> Vec<(String, Decimal)> {
        self.comparison.policies.iter().map(|p| (p.policy.clone(), p.total_due)).collect()
    }
    /// The summary as a pandas DataFrame.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.summary(py)?.call_method0("to_pandas")
    }
    /// The summary as a polars DataFrame.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("polars")?.call_method1("from_arrow", (self.summary(py)?,))
    }
    /// The whole comparison as JSON (money as decimal strings).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.comparison).unwrap_or_default()
    }
    /// The policies side by side as a text table in `lang`.
    #[pyo3(signature = (lang = "en"))]
    fn table(&self, #[pyo3(from_py_with = crate::convert::str_arg)] lang: &str) -> PyResult<String> {
        Ok(self.comparison.to_table(crate::convert::lang(lang)?))
    }
    fn __repr__(&self) -> String {
        format!(
            "Comparison(missions={}, policies={:?})",
            self.comparison.missions,
            self.comparison.policies.iter().map(|p| (p.policy.as_str(), p.total_due.to_string())).collect::<Vec<_>>()
        )
    }
}

/// A requested policy: a built-in (columnar) or any other (per mission).
enum Requested {
    Builtin(BuiltinPolicy),
    Other(Arc<dyn ContributionPolicy>),
}

fn requested(item: &Bound<'_, PyAny>, model: Option<coopetition::policy::BehaviourModel>) -> PyResult<Requested> {
    if let Ok(name) = item.cast::<pyo3::types::PyString>() {
        return Ok(Requested::Builtin(match crate::convert::text(name.as_any().as_borrowed())? {
            "flat" => BuiltinPolicy::Flat,
            "guide" => BuiltinPolicy::Guide,
            "self_assessed" => BuiltinPolicy::SelfAssessed(model),
            "negotiated" => BuiltinPolicy::Negotiated(model),
            other => {
                return Err(to_py(Error::UnknownLabel {
                    what: "policy",
                    value: other.to_owned(),
                    expected: "flat, guide, self_assessed, negotiated".into(),
                }))
            }
        }));
    }
    let policy = PyPolicy::from_object(item)?;
    Ok(match &policy.builtin {
        Some((name, m)) => match name.as_str() {
            "flat" => Requested::Builtin(BuiltinPolicy::Flat),
            "guide" => Requested::Builtin(BuiltinPolicy::Guide),
            "self_assessed" => Requested::Builtin(BuiltinPolicy::SelfAssessed(*m)),
            "negotiated" => Requested::Builtin(BuiltinPolicy::Negotiated(*m)),
            _ => Requested::Other(policy.inner.clone()),
        },
        None => Requested::Other(policy.inner.clone()),
    })
}

/// Keeps only the wanted columns of a pyarrow or polars table before it crosses
/// (so unused columns, such as long strings, are never imported).
fn project<'py>(missions: &Bound<'py, PyAny>, wanted: &[&str]) -> PyResult<Bound<'py, PyAny>> {
    let names = if missions.hasattr("column_names")? {
        missions.getattr("column_names")?
    } else if missions.hasattr("columns")? && missions.hasattr("select")? {
        missions.getattr("columns")?
    } else {
        return Ok(missions.clone());
    };
    let present: Vec<String> = names.extract().unwrap_or_default();
    let keep: Vec<&String> = present.iter().filter(|n| wanted.contains(&n.as_str())).collect();
    if keep.len() == present.len() || !missions.hasattr("select")? {
        return Ok(missions.clone());
    }
    missions.call_method1("select", (keep,))
}

/// The table's record batches, every column of `wanted` validated (see [`validate`]).
fn read_input(py: Python<'_>, missions: &Bound<'_, PyAny>, wanted: &[&str]) -> PyResult<Input> {
    // pandas DataFrames without the PyCapsule interface go through pyarrow.
    let source = if !missions.hasattr("__arrow_c_stream__")? && !missions.hasattr("__arrow_c_array__")? {
        if missions.hasattr("to_arrow")? {
            missions.call_method0("to_arrow")?
        } else if missions.getattr("__class__")?.getattr("__module__")?.extract::<String>()?.starts_with("pandas") {
            py.import("pyarrow")?.getattr("Table")?.call_method1("from_pandas", (missions,))?
        } else {
            return Err(PyTypeError::new_err(
                "missions must be an Arrow-compatible table (pyarrow, polars, pandas, DuckDB: anything with __arrow_c_stream__)",
            ));
        }
    } else {
        missions.clone()
    };
    let table = source.extract::<AnyRecordBatch>()?.into_table()?;
    let (batches, schema) = table.into_inner();
    let rows = batches.iter().map(|b| b.num_rows()).sum();
    for (index, field) in schema.fields().iter().enumerate().filter(|(_, f)| wanted.contains(&f.name().as_str())) {
        let mut first_row = 0;
        for batch in &batches {
            if let Some(array) = batch.columns().get(index) {
                validate(field.name(), array, first_row).py()?;
            }
            first_row += batch.num_rows();
        }
    }
    Ok(Input { schema, batches, rows })
}

/// Compares contribution policies over a table of won missions.
#[pyfunction]
#[pyo3(name = "compare", signature = (missions, policies = None, *, parameters = None, model = None, round_floats = false))]
pub fn compare_missions(
    py: Python<'_>,
    missions: &Bound<'_, PyAny>,
    policies: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
    model: Option<PyRef<'_, PyBehaviourModel>>,
    round_floats: bool,
) -> PyResult<PyComparison> {
    let model = model.map(|m| m.0);
    let requested: Vec<Requested> = match policies {
        None => ["flat", "guide", "self_assessed", "negotiated"]
            .iter()
            .map(|n| requested(&pyo3::types::PyString::new(py, n).into_any(), model))
            .collect::<PyResult<_>>()?,
        Some(list) => list.try_iter()?.map(|item| requested(&item?, model)).collect::<PyResult<_>>()?,
    };
    let params = params_or_shipped(parameters);
    let wanted = Needs::all().columns();
    let input = read_input(py, &project(missions, &wanted)?, &wanted)?;
    let floats = if round_floats { Floats::Round } else { Floats::Refuse };
    let all_builtin = requested.iter().all(|r| matches!(r, Requested::Builtin(_)));
    let result: Result<(Comparison, RecordBatch), Error> = if all_builtin {
        let builtins: Vec<BuiltinPolicy> =
            requested.iter().filter_map(|r| if let Requested::Builtin(b) = r { Some(*b) } else { None }).collect();
        py.detach(move || {
            // The comparison's breakdowns need every column (situation, lead origin, provider).
            let table = Table::read(&input, floats, Needs::all())?;
            let (comparison, outputs) =
                compare_on_every_core(&table, &builtins, &params).map_err(|e| table.named(e))?;
            let results: Vec<Results> =
                builtins.iter().zip(outputs).map(|(p, out)| Results::from_batch(p.name(), out)).collect();
            let batch = missions_batch(&table, &results)?;
            Ok((comparison, batch))
        })
    } else {
        let policies: Vec<Arc<dyn ContributionPolicy>> = requested
            .into_iter()
            .map(|r| match r {
                Requested::Builtin(b) => Arc::new(b) as Arc<dyn ContributionPolicy>,
                Requested::Other(p) => p,
            })
            .collect();
        // Python policies take the GIL back for each mission; the rest runs without it.
        py.detach(move || {
            let table = Table::read(&input, floats, Needs::all())?;
            let facts = table.facts().map_err(|e| table.named(e))?;
            let mut results = Vec::with_capacity(policies.len());
            for p in &policies {
                let assessments = p.evaluate_all(&facts, &params).into_iter().collect::<Result<Vec<_>, _>>()?;
                results.push(Results::from_assessments(p.name(), &assessments));
            }
            let refs: Vec<&dyn ContributionPolicy> = policies.iter().map(|p| p.as_ref()).collect();
            let comparison = compare(&facts, &refs, &params)?;
            let batch = missions_batch(&table, &results)?;
            Ok((comparison, batch))
        })
    };
    let (comparison, missions) = result.py()?;
    Ok(PyComparison { comparison, missions })
}

/// `compare_columns` with one thread per policy when there are enough rows:
/// each policy's evaluation and summary depend on no other policy's, and
/// put side by side in the order given they are the comparison of them all.
fn compare_on_every_core(
    table: &Table,
    policies: &[BuiltinPolicy],
    params: &coopetition::policy::Parameters,
) -> Result<(Comparison, Vec<BatchOutput>), Error> {
    let cols = table.columns();
    let compare =
        |policies: &[BuiltinPolicy]| compare_columns(&cols, &table.provider, &table.provider_names, policies, params);
    let cores = std::thread::available_parallelism().map_or(1, |t| t.get());
    if cores < 2 || policies.len() < 2 || cols.len() < PARALLEL_ROWS {
        return compare(policies);
    }
    let parts: Vec<Result<(Comparison, Vec<BatchOutput>), Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = policies.chunks(1).map(|p| scope.spawn(move || compare(p))).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(column_error("batch", "a worker thread failed"))))
            .collect()
    });
    // The first policy's error, as when they run one after the other.
    let mut parts = parts.into_iter().collect::<Result<Vec<_>, Error>>()?.into_iter();
    let (mut comparison, mut outputs) = parts.next().ok_or_else(|| column_error("batch", "no policy"))?;
    for (c, o) in parts {
        comparison.policies.extend(c.policies);
        outputs.extend(o);
    }
    Ok((comparison, outputs))
}

/// Rows below which one thread evaluates everything.
pub(crate) const PARALLEL_ROWS: usize = 65_536;

/// Evaluates one built-in policy over the columns, on every core: the
/// results of each chunk of rows, in row order.
fn evaluate_chunks(
    policy: &BuiltinPolicy,
    params: &coopetition::policy::Parameters,
    cols: &MissionColumns,
) -> Result<Vec<BatchOutput>, Error> {
    cols.check_lengths()?;
    let evaluator = batch::BatchEvaluator::new(policy, params)?;
    let n = cols.len();
    let threads =
        if n < PARALLEL_ROWS { 1 } else { std::thread::available_parallelism().map_or(1, |t| t.get()).min(8) };
    let step = n.div_ceil(threads.max(1)).max(1);
    let outputs: Vec<Result<BatchOutput, Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(step)
            .map(|start| {
                let range = start..(start + step).min(n);
                let part = cols.rows(range);
                let evaluator = &evaluator;
                scope.spawn(move || {
                    let mut out = BatchOutput::default();
                    evaluator.evaluate_rows_into(&part, start, &mut out).map(|()| out)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(column_error("batch", "a worker thread failed"))))
            .collect()
    });
    // The first failing chunk holds the first invalid row.
    outputs.into_iter().collect()
}

/// One record batch of results for a chunk (see [`fast::ResultColumns`]).
fn result_batch(out: &BatchOutput, details: bool) -> Result<RecordBatch, Error> {
    let mut columns = fast::ResultColumns::new(details, out.len());
    let mut amount = Vec::with_capacity(out.len());
    columns.append(out, &mut amount);
    columns.finish(amount.into())
}

/// Evaluates one policy over a table of won missions, row by row in columnar
/// form: a pyarrow Table with the amount due (decimal128, null unless priced)
/// and, unless `details=False`, status, provenance, situation, in-kind credit
/// and explanation codes. Only the columns the policy reads are read. The
/// flat and guide policies read the usual types in place (decimal128 with
/// scale 2 or int64 `*_cents`, date32, dictionary-encoded lead origins,
/// integer counts, booleans, no nulls), and with `details=False` price
/// decimal128 money in one pass; other types are converted first, with the
/// same results.
#[pyfunction]
#[pyo3(name = "evaluate_batch", signature = (missions, policy, *, parameters = None, model = None, round_floats = false, details = true))]
pub fn evaluate_batch<'py>(
    py: Python<'py>,
    missions: &Bound<'py, PyAny>,
    policy: &Bound<'py, PyAny>,
    parameters: Option<PyRef<'_, PyParameters>>,
    model: Option<PyRef<'_, PyBehaviourModel>>,
    round_floats: bool,
    details: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let Requested::Builtin(policy) = requested(policy, model.map(|m| m.0))? else {
        return Err(PyTypeError::new_err(
            "evaluate_batch takes a built-in policy (flat, guide, self_assessed, negotiated); compare() also takes Python policies",
        ));
    };
    let params = params_or_shipped(parameters);
    let needs = Needs::of(&[policy], false);
    let wanted = needs.columns();
    let input = read_input(py, &project(missions, &wanted)?, &wanted)?;
    let floats = if round_floats { Floats::Round } else { Floats::Refuse };
    let batches: Result<Vec<RecordBatch>, Error> = py.detach(move || {
        // Usual column types and valid rows: straight from the Arrow buffers.
        if let Some(batches) = fast::evaluate(&policy, &params, &input, needs, details) {
            return batches;
        }
        // Anything else, and every error, through owned columns.
        let table = Table::read(&input, floats, needs)?;
        let chunks = evaluate_chunks(&policy, &params, &table.columns()).map_err(|e| table.named(e))?;
        chunks.iter().map(|out| result_batch(out, details)).collect()
    });
    let batches = batches.py()?;
    let schema = match batches.first() {
        Some(b) => b.schema(),
        None => result_batch(&BatchOutput::default(), details).py()?.schema(),
    };
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// Registers the Arrow functions and classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyComparison>()?;
    m.add_function(wrap_pyfunction!(compare_missions, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_batch, m)?)?;
    Ok(())
}
