//! Missions streamed from Python (a record batch reader, Parquet files, a
//! pyarrow dataset): compared or evaluated batch by batch by
//! `coopetition_arrow`, without the GIL while a batch is evaluated; between
//! batches, with it, progress is reported, results are written and Ctrl-C
//! is honoured (the reading stops; no thread outlives the call).

use crate::errors::IntoPy;
use arrow_array::{RecordBatch, RecordBatchReader};
use coopetition::policy::batch::BuiltinPolicy;
use coopetition::policy::compare::Summary;
use coopetition::policy::Parameters;
use coopetition::Error;
use coopetition_arrow::{compare_stream, EvaluateStream, Flow, Options, Policy};
use pyo3::exceptions::PyStopIteration;
use pyo3::prelude::*;
use pyo3_arrow::{PyRecordBatch, PyRecordBatchReader, PySchema};
use std::sync::Mutex;

/// A stream of batches from Python.
pub(crate) type Reader = Box<dyn RecordBatchReader + Send>;

/// The reader of any object with `__arrow_c_stream__`.
pub(crate) fn reader_of(obj: &Bound<'_, PyAny>) -> PyResult<Reader> {
    obj.extract::<PyRecordBatchReader>()?.into_reader()
}

/// What is done between batches, with the GIL: report progress, write the
/// results, notice Ctrl-C. A Python error stops the stream and is kept.
pub(crate) struct BetweenBatches {
    progress: Option<Py<PyAny>>,
    /// Where to write the results (a path), and the Parquet writer once opened.
    to: Option<Py<PyAny>>,
    writer: Option<Py<PyAny>>,
    failure: Option<PyErr>,
}

impl BetweenBatches {
    /// Calls `progress(done)` and writes the results (if any) to Parquet at `to`.
    pub(crate) fn new(progress: Option<Py<PyAny>>, to: Option<Py<PyAny>>) -> BetweenBatches {
        BetweenBatches { progress, to, writer: None, failure: None }
    }

    fn step(&mut self, py: Python<'_>, results: Option<RecordBatch>, done: u64) -> PyResult<()> {
        py.check_signals()?;
        if let (Some(to), Some(batch)) = (&self.to, results) {
            crate::summary::pyarrow(py)?;
            let batch = PyRecordBatch::new(batch).into_pyarrow(py)?;
            if self.writer.is_none() {
                let schema = batch.getattr("schema")?;
                let writer = py.import("coopetition._stream")?.call_method1("parquet_writer", (to, schema))?;
                self.writer = Some(writer.unbind());
            }
            if let Some(writer) = &self.writer {
                writer.call_method1(py, "write_batch", (batch,))?;
            }
        }
        if let Some(progress) = &self.progress {
            progress.call1(py, (done,))?;
        }
        Ok(())
    }

    /// The step after a batch, with the GIL held.
    pub(crate) fn after_held(&mut self, py: Python<'_>, results: Option<RecordBatch>, done: u64) -> PyResult<()> {
        self.step(py, results, done)
    }

    /// The step after a batch, as the stream's flow: a Python error stops it.
    pub(crate) fn after(&mut self, results: Option<RecordBatch>, done: u64) -> Flow {
        match Python::attach(|py| self.step(py, results, done)) {
            Ok(()) => Flow::Continue,
            Err(e) => {
                self.failure = Some(e);
                Flow::Stop
            }
        }
    }

    /// Closes the writer; the kept Python error, if the stream was stopped by one.
    pub(crate) fn finish(&mut self, py: Python<'_>) -> PyResult<()> {
        let closed = match &self.writer {
            Some(w) => w.call_method0(py, "close").map(|_| ()),
            None => Ok(()),
        };
        self.writer = None;
        match self.failure.take() {
            Some(e) => Err(e),
            None => closed,
        }
    }
}

/// Evaluates `policy` over a stream, writing the results to Parquet as
/// they come: the number of missions written.
pub(crate) fn evaluate_into(
    py: Python<'_>,
    reader: Reader,
    policy: BuiltinPolicy,
    params: Parameters,
    options: Options,
    mut between: BetweenBatches,
) -> PyResult<u64> {
    let mut stream = EvaluateStream::new(reader, policy, params, options).py()?;
    loop {
        let next = py.detach(|| stream.next_batch().transpose());
        match next {
            Ok(Some(batch)) => {
                let done = stream.missions_read();
                if let Err(e) = between.after_held(py, Some(batch), done) {
                    between.failure = Some(e);
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                between.finish(py)?;
                return Err::<u64, Error>(e).py();
            }
        }
    }
    between.finish(py)?;
    Ok(stream.missions_read())
}

/// Compares `policies` over a stream; the summary, once every batch is read
/// (or a Python error, Ctrl-C included, stopped it).
pub(crate) fn compare_over(
    py: Python<'_>,
    reader: Reader,
    policies: &[Policy],
    params: &Parameters,
    options: &Options,
    mut between: BetweenBatches,
) -> PyResult<Summary> {
    let result = py.detach(|| {
        compare_stream(reader, policies, params, options, |batch, done| Ok(between.after(Some(batch), done)))
    });
    // A stream stops early only on a Python error, which `finish` raises.
    between.finish(py)?;
    result.py().map(|(summary, _)| summary)
}

/// The results of `evaluate_batch` over a stream of missions, evaluated as
/// they are read: iterate it for pyarrow RecordBatches (an error is raised
/// as the `CoopetitionError` of its code, the row counted from the start of
/// the stream), `read_all()` for one Table, or hand it to any reader of
/// Arrow C streams (`pyarrow.RecordBatchReader.from_stream`, polars).
/// It is read once.
#[pyo3_stub_gen::derive::gen_stub_pyclass]
#[pyclass(module = "coopetition", name = "ResultStream", frozen)]
pub struct PyResultStream {
    stream: Mutex<Option<EvaluateStream<Reader>>>,
    progress: Option<Py<PyAny>>,
}

impl PyResultStream {
    /// The lazy results of `policy` over `reader`.
    pub(crate) fn new(
        reader: Reader,
        policy: BuiltinPolicy,
        params: Parameters,
        options: Options,
        progress: Option<Py<PyAny>>,
    ) -> PyResult<PyResultStream> {
        let stream = EvaluateStream::new(reader, policy, params, options).py()?;
        Ok(PyResultStream { stream: Mutex::new(Some(stream)), progress })
    }

    fn take(&self) -> PyResult<EvaluateStream<Reader>> {
        let mut guard =
            self.stream.lock().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("the stream failed"))?;
        guard.take().ok_or_else(|| pyo3::exceptions::PyValueError::new_err("this ResultStream was already read"))
    }

    /// The next batch of results, evaluated without the GIL.
    fn next_batch(&self, py: Python<'_>) -> PyResult<Option<RecordBatch>> {
        py.check_signals()?;
        let mut guard =
            self.stream.lock().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("the stream failed"))?;
        let Some(stream) = guard.as_mut() else {
            return Err(pyo3::exceptions::PyValueError::new_err("this ResultStream was already read"));
        };
        let next = py.detach(|| stream.next_batch().transpose()).py()?;
        if let Some(progress) = &self.progress {
            progress.call1(py, (stream.missions_read(),))?;
        }
        Ok(next)
    }
}

#[pyo3_stub_gen::derive::gen_stub_pymethods]
#[pymethods]
impl PyResultStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.next_batch(py)? {
            Some(batch) => {
                crate::summary::pyarrow(py)?;
                PyRecordBatch::new(batch).into_pyarrow(py)
            }
            None => Err(PyStopIteration::new_err(())),
        }
    }
    /// The schema of every result batch (pyarrow Schema).
    #[getter]
    fn schema<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let guard = self.stream.lock().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("the stream failed"))?;
        let schema = guard
            .as_ref()
            .map(|s| s.schema())
            .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("this ResultStream was already read"))?;
        crate::summary::pyarrow(py)?;
        PySchema::new(schema).into_pyarrow(py)
    }
    /// Every remaining result, as one pyarrow Table.
    fn read_all<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let schema = self.schema(py)?;
        let mut batches = Vec::new();
        while let Some(batch) = self.next_batch(py)? {
            batches.push(PyRecordBatch::new(batch).into_pyarrow(py)?);
        }
        crate::summary::pyarrow(py)?.getattr("Table")?.call_method1("from_batches", (batches, schema))
    }
    /// The stream through the Arrow C stream interface (read once).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        #[gen_stub(override_type(type_repr = "object | None", imports = ()))] requested_schema: Option<
            Bound<'py, PyAny>,
        >,
    ) -> PyResult<Bound<'py, PyAny>> {
        let stream: Reader = Box::new(self.take()?);
        let reader = PyRecordBatchReader::new(stream);
        let reader = reader.into_pyobject(py)?;
        reader.call_method1("__arrow_c_stream__", (requested_schema,))
    }
}
