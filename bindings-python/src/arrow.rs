//! The analyst's path: Arrow tables in, `coopetition-arrow`, Arrow tables out.
//!
//! Columns come from any object with `__arrow_c_stream__` (pyarrow, polars,
//! pandas, DuckDB) through the Arrow C stream; reading, evaluating,
//! scheduling and building the results are `coopetition_arrow`'s, run with
//! the GIL released.

use crate::errors::IntoPy;
use crate::policy::{params_or_shipped, PyParameters, PyPolicy};
use crate::streams::{compare_over, evaluate_into, reader_of, BetweenBatches, PyResultStream, Reader};
use crate::summary::{breakdown_table, summary_table, to_pyarrow, PySummary};
use arrow_array::RecordBatch;
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::{Comparison, Summary};
use coopetition::policy::reads::POLICY_NAMES;
use coopetition::policy::BehaviourModel;
use coopetition::prelude::*;
use coopetition_arrow::{Breakdown, Floats, Missions, Options, Policy, Threads};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3::IntoPyObjectExt;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

/// The result of `compare`: the summary (per policy), breakdowns and per-mission results.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "Comparison", frozen)]
pub struct PyComparison {
    comparison: Comparison,
    summary: Summary,
    /// Not kept for a comparison over a stream.
    missions: Option<RecordBatch>,
}

impl PyComparison {
    /// The comparison's totals.
    pub(crate) fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    fn breakdown<'py>(&self, py: Python<'py>, by: Breakdown) -> PyResult<Bound<'py, PyAny>> {
        breakdown_table(py, &self.comparison, by)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyComparison {
    /// One row per policy (pyarrow Table): `policy`, `missions`, `priced`,
    /// `pending`, `undeclared`, `stalemate` (counts); `total_due`,
    /// `unpriced_revenue`, `in_kind_credit`, `donations` (decimal128, exact);
    /// the effective rates' `rate_mean`, `rate_p10`, `rate_median`,
    /// `rate_p90` and `gini` (float64, null without a priced mission with a
    /// revenue); the provenance mix `computed`, `declared`, `negotiated`,
    /// `modelled` (counts).
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        summary_table(py, &self.comparison)
    }
    /// The comparison's mergeable `Summary`: merged with the summaries of
    /// other missions compared the same way, it gives their comparison.
    fn state(&self) -> PySummary {
        PySummary::of(self.summary.clone(), self.comparison.clone())
    }
    /// Per-mission results (pyarrow Table): `row` (the input's row number),
    /// `mission` (when the input has one), `provider`, `revenue` (decimal128),
    /// then for each policy `<policy>_amount` (decimal128, null unless
    /// priced), `<policy>_status` (`priced`, `pending`, `undeclared`,
    /// `stalemate`), `<policy>_provenance` (`computed`, `declared`,
    /// `negotiated`, `modelled`), `<policy>_situation` (the guide situation,
    /// null when none), `<policy>_in_kind` (decimal128) and `<policy>_codes`
    /// (the explanation's step codes, space-separated).
    /// A comparison over a stream does not keep them (`BatchError`
    /// `batch.results.streamed`): pass `to=` a Parquet path to write them.
    #[getter]
    fn missions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.missions {
            Some(m) => to_pyarrow(py, m.clone()),
            None => Err::<Bound<'py, PyAny>, coopetition::Error>(coopetition::Error::StreamedResults).py(),
        }
    }
    /// Amount due by lead origin, per policy (pyarrow Table): `policy`, `key`
    /// (the lead origin), `missions`, `priced` (counts), `revenue`, `due`
    /// (decimal128, exact). The other breakdowns have the same columns.
    #[getter]
    fn by_lead_origin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.breakdown(py, Breakdown::LeadOrigin)
    }
    /// Amount due by lead-origin basis (`recorded` by the network, `declared`
    /// by the provider), per policy (pyarrow Table).
    #[getter]
    fn by_lead_origin_basis<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.breakdown(py, Breakdown::LeadOriginBasis)
    }
    /// Amount due by guide situation, per policy (pyarrow Table).
    #[getter]
    fn by_situation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.breakdown(py, Breakdown::Situation)
    }
    /// Amount due by provider, per policy (pyarrow Table).
    #[getter]
    fn by_provider<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.breakdown(py, Breakdown::Provider)
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
    fn table(
        &self,
        #[gen_stub(override_type(type_repr = "builtins.str", imports = ("builtins")))]
        #[pyo3(from_py_with = crate::convert::str_arg)]
        lang: &str,
    ) -> PyResult<String> {
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

/// A requested policy: a name or a `Policy` (built-in or not).
pub(crate) fn requested(item: &Bound<'_, PyAny>, model: Option<BehaviourModel>) -> PyResult<Policy> {
    if let Ok(name) = item.cast::<PyString>() {
        let name = crate::convert::text(name.as_any().as_borrowed())?;
        return Ok(Policy::Builtin(BuiltinPolicy::from_name(name, model).py()?));
    }
    let policy = PyPolicy::from_object(item)?;
    Ok(match policy.builtin {
        Some(b) => Policy::Builtin(b),
        None => Policy::Other(policy.inner.clone()),
    })
}

/// Keeps only the wanted columns of a pyarrow or polars table before it
/// crosses (so unused columns, such as long strings, are never imported).
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

/// Missions held in memory, or a stream of them (and its length when known).
enum Input {
    Table(Missions),
    Stream(Reader, Option<u64>),
}

/// The missions given: Parquet files and datasets (`coopetition._stream`)
/// and record batch readers as streams, tables whole.
fn read_input(py: Python<'_>, missions: &Bound<'_, PyAny>, wanted: &[&str]) -> PyResult<Input> {
    let streams = py.import("coopetition._stream")?;
    if streams.call_method1("is_source", (missions,))?.is_truthy()? {
        let (reader, rows): (Bound<'_, PyAny>, Option<u64>) =
            streams.call_method1("open_reader", (missions, wanted.to_vec()))?.extract()?;
        return Ok(Input::Stream(reader_of(&reader)?, rows));
    }
    if streams.call_method1("is_stream", (missions,))?.is_truthy()? {
        return Ok(Input::Stream(reader_of(missions)?, None));
    }
    read_table(py, missions, wanted).map(Input::Table)
}

/// The wanted columns of the table, through the Arrow C stream. A pandas
/// frame's wanted columns are converted by `coopetition._pandas` (numpy
/// integers, datetime64 and categoricals without a copy), a polars frame's
/// by `coopetition._polars` (categoricals as their codes).
pub(crate) fn read_table(py: Python<'_>, missions: &Bound<'_, PyAny>, wanted: &[&str]) -> PyResult<Missions> {
    let module = missions.getattr("__class__")?.getattr("__module__")?.extract::<String>()?;
    let frame = missions.hasattr("columns")?;
    let source = if module.starts_with("pandas") {
        py.import("coopetition._pandas")?.call_method1("to_arrow", (missions, wanted.to_vec()))?
    } else if module.starts_with("polars") && frame && missions.hasattr("get_column")? {
        py.import("coopetition._polars")?.call_method1("to_arrow", (missions, wanted.to_vec()))?
    } else {
        let missions = project(missions, wanted)?;
        if missions.hasattr("__arrow_c_stream__")? || missions.hasattr("__arrow_c_array__")? {
            missions
        } else if missions.hasattr("to_arrow")? {
            missions.call_method0("to_arrow")?
        } else {
            return Err(PyTypeError::new_err(
                "missions must be an Arrow-compatible table (pyarrow, polars, pandas, DuckDB: anything with __arrow_c_stream__)",
            ));
        }
    };
    let (batches, schema) = source.extract::<AnyRecordBatch>()?.into_table()?.into_inner();
    Missions::new(schema, batches).py()
}

/// The options of a call.
pub(crate) fn options(round_floats: bool, details: bool, threads: Option<i64>) -> PyResult<Options> {
    Ok(Options {
        details,
        floats: if round_floats { Floats::Round } else { Floats::Refuse },
        threads: threads.map_or_else(Threads::configured, Threads::from_signed).py()?,
    })
}

/// The number of threads `compare` and `evaluate_batch` use when not given
/// `threads=`: `COOPETITION_THREADS` from the environment when it is set,
/// otherwise the cores this process may use (its CPU affinity and cgroup
/// quota, not the machine's count).
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
pub fn default_threads() -> PyResult<usize> {
    Ok(Threads::configured().py()?.get())
}

/// The progress callback of a call (`coopetition._stream.progress_callback`).
fn progress_of(py: Python<'_>, progress: Option<&Bound<'_, PyAny>>, rows: Option<u64>) -> PyResult<Option<Py<PyAny>>> {
    let given = progress.map_or_else(|| py.None().into_bound(py), Bound::clone);
    let callback = py.import("coopetition._stream")?.call_method1("progress_callback", (given, rows))?;
    Ok((!callback.is_none()).then(|| callback.unbind()))
}

/// Compares contribution policies over won missions: a table (pyarrow,
/// polars, pandas, DuckDB), or a stream read one batch at a time in memory
/// bounded by the batch (a `pyarrow.RecordBatchReader` or any object with
/// `__arrow_c_stream__` that is not a table, a `pyarrow.dataset.Dataset`, a
/// Parquet file, directory or glob, or a list of them). Over a stream the
/// per-mission results are not kept: `to=` writes them to a Parquet file as
/// they come. `progress=` is called with the number of missions done after
/// each batch of a stream (default: a tqdm bar when tqdm is installed and
/// the call is interactive; `False`: none); Ctrl-C stops a stream between
/// two batches, leaving no thread running.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(name = "compare", signature = (missions, policies = None, *, parameters = None, model = None, round_floats = false, threads = None, to = None, progress = None))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn compare_missions(
    py: Python<'_>,
    missions: &Bound<'_, PyAny>,
    #[gen_stub(override_type(type_repr = "collections.abc.Sequence[builtins.str | Policy | PolicyProtocol] | None", imports = ("collections.abc", "builtins", "coopetition._types.PolicyProtocol")))]
    policies: Option<&Bound<'_, PyAny>>,
    parameters: Option<PyRef<'_, PyParameters>>,
    model: Option<PyRef<'_, BehaviourModel>>,
    #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] round_floats: bool,
    threads: Option<i64>,
    #[gen_stub(override_type(type_repr = "builtins.str | os.PathLike[builtins.str] | None", imports = ("builtins", "os")))]
    to: Option<Bound<'_, PyAny>>,
    #[gen_stub(override_type(type_repr = "collections.abc.Callable[[builtins.int], object] | builtins.bool | None", imports = ("collections.abc", "builtins")))]
    progress: Option<Bound<'_, PyAny>>,
) -> PyResult<PyComparison> {
    let model = model.map(|m| *m);
    let requested: Vec<Policy> = match policies {
        None => POLICY_NAMES
            .iter()
            .map(|n| BuiltinPolicy::from_name(n, model).map(Policy::Builtin))
            .collect::<Result<_, _>>()
            .py()?,
        Some(list) => list.try_iter()?.map(|item| requested(&item?, model)).collect::<PyResult<_>>()?,
    };
    let params = params_or_shipped(parameters);
    let options = options(round_floats, true, threads)?;
    let to = to.map(Bound::unbind);
    match read_input(py, missions, &coopetition_arrow::columns_read(&[], true))? {
        Input::Table(input) => {
            // Python policies take the GIL back for each mission; the rest runs without it.
            let compared = py.detach(move || coopetition_arrow::compare(&input, &requested, &params, &options)).py()?;
            if to.is_some() {
                let mut between = BetweenBatches::new(None, to);
                between.after_held(py, Some(compared.missions.clone()), compared.comparison.missions)?;
                between.finish(py)?;
            }
            let (comparison, summary, missions) = (compared.comparison, compared.summary, Some(compared.missions));
            Ok(PyComparison { comparison, summary, missions })
        }
        Input::Stream(reader, rows) => {
            let between = BetweenBatches::new(progress_of(py, progress.as_ref(), rows)?, to);
            let summary = compare_over(py, reader, &requested, &params, &options, between)?;
            Ok(PyComparison { comparison: summary.comparison().py()?, summary, missions: None })
        }
    }
}

/// Evaluates one policy over won missions, row by row in columnar form: a
/// pyarrow Table, one row per mission in order, with `amount` (the amount
/// due, decimal128, null unless priced) and, unless `details=False`,
/// `status` (`priced`, `pending`, `undeclared`, `stalemate`), `provenance`
/// (`computed`, `declared`, `negotiated`, `modelled`), `situation` (the
/// guide situation, null when none), `in_kind` (the in-kind credit,
/// decimal128) and `codes` (the explanation's step codes, space-separated),
/// the labels as dictionaries. Only the columns the policy reads are read. The flat
/// and guide policies read the layouts analysts hold in place (decimal128 of
/// scale 0 to 2 or integer `*_cents`, dates and timestamps, lead origins as
/// strings or dictionaries, integer counts, booleans, no nulls); other types
/// are converted first, with the same results. At most `threads` threads
/// work on it (default: `default_threads()`, which `COOPETITION_THREADS`
/// sets). Over a stream (see `compare`) it returns a `ResultStream` of the
/// results, evaluated as they are read; with `to=` a Parquet path, the
/// results are written there instead and the number of missions is returned.
#[pyo3_stub_gen::derive::gen_stub_pyfunction(module = "coopetition")]
#[pyfunction]
#[pyo3(name = "evaluate_batch", signature = (missions, policy, *, parameters = None, model = None, round_floats = false, details = true, threads = None, to = None, progress = None))]
#[allow(clippy::too_many_arguments)] // the Python signature
pub fn evaluate_batch<'py>(
    py: Python<'py>,
    missions: &Bound<'py, PyAny>,
    #[gen_stub(override_type(type_repr = "builtins.str | Policy", imports = ("builtins")))] policy: &Bound<'py, PyAny>,
    parameters: Option<PyRef<'_, PyParameters>>,
    model: Option<PyRef<'_, BehaviourModel>>,
    #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] round_floats: bool,
    #[gen_stub(override_type(type_repr = "builtins.bool", imports = ("builtins")))] details: bool,
    threads: Option<i64>,
    #[gen_stub(override_type(type_repr = "builtins.str | os.PathLike[builtins.str] | None", imports = ("builtins", "os")))]
    to: Option<Bound<'py, PyAny>>,
    #[gen_stub(override_type(type_repr = "collections.abc.Callable[[builtins.int], object] | builtins.bool | None", imports = ("collections.abc", "builtins")))]
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let Policy::Builtin(policy) = requested(policy, model.map(|m| *m))? else {
        return Err(PyTypeError::new_err(
            "evaluate_batch takes a built-in policy (flat, guide, self_assessed, negotiated); compare() also takes Python policies",
        ));
    };
    let params = params_or_shipped(parameters);
    let options = options(round_floats, details, threads)?;
    let to = to.map(Bound::unbind);
    match read_input(py, missions, &coopetition_arrow::columns_read(&[policy], false))? {
        Input::Table(input) => {
            let evaluated = py.detach(move || coopetition_arrow::evaluate(&input, &policy, &params, &options)).py()?;
            let table = PyTable::try_new(evaluated.batches, evaluated.schema)?;
            crate::summary::pyarrow(py)?;
            match to {
                None => table.into_pyarrow(py),
                Some(to) => {
                    let table = table.into_pyarrow(py)?;
                    let rows: u64 = table.getattr("num_rows")?.extract()?;
                    let writer = py
                        .import("coopetition._stream")?
                        .call_method1("parquet_writer", (to, table.getattr("schema")?))?;
                    writer.call_method1("write_table", (table,))?;
                    writer.call_method0("close")?;
                    rows.into_bound_py_any(py)
                }
            }
        }
        Input::Stream(reader, rows) => {
            let progress = progress_of(py, progress.as_ref(), rows)?;
            match to {
                Some(to) => {
                    let between = BetweenBatches::new(progress, Some(to));
                    evaluate_into(py, reader, policy, (*params).clone(), options, between)?.into_bound_py_any(py)
                }
                None => {
                    PyResultStream::new(reader, policy, (*params).clone(), options, progress)?.into_bound_py_any(py)
                }
            }
        }
    }
}

/// Registers the Arrow functions and classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyComparison>()?;
    m.add_class::<PySummary>()?;
    m.add_class::<PyResultStream>()?;
    m.add_function(wrap_pyfunction!(compare_missions, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(default_threads, m)?)?;
    Ok(())
}
