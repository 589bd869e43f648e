//! The `repr` every record shares: `Name(field=value, …)`, its fields in the
//! order the record declares them, each shown by Python's own `repr`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static GETSET: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `Name(field=value, …)` for a record whose fields are Python properties.
///
/// # Errors
/// Whatever Python raises while reading a field or its `repr`.
pub fn record_repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let getset = GETSET.import(py, "types", "GetSetDescriptorType")?;
    let class = obj.get_type();
    let mut fields = Vec::new();
    // A class's `__dict__` is a read-only mapping proxy, not a `dict`.
    for item in class.getattr("__dict__")?.call_method0("items")?.try_iter()? {
        let (name, descriptor): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        if descriptor.is_instance(getset)? {
            let name: String = name.extract()?;
            if !name.starts_with("__") {
                fields.push(format!("{name}={}", obj.getattr(name.as_str())?.repr()?));
            }
        }
    }
    Ok(format!("{}({})", class.name()?, fields.join(", ")))
}

/// Gives each record the shared `repr`, and lists the records for the
/// binding's module.
macro_rules! python_records {
    ($($t:path),+ $(,)?) => {
        $(
            #[pyo3::pymethods]
            impl $t {
                fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                    $crate::python::record_repr(slf.as_any())
                }
            }
        )+

        /// Adds the class of every record of the core to a Python module.
        ///
        /// # Errors
        /// Whatever Python raises while adding a class.
        pub fn add_records(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
            use pyo3::types::PyModuleMethods;
            $(m.add_class::<$t>()?;)+
            Ok(())
        }
    };
}
pub(crate) use python_records;
