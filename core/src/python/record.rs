//! The `repr` every record shares: `Name(field=value, …)`, its fields in the
//! order the record declares them, each shown by Python's own `repr`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

static GETSET: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The fields of record `T` in the order it declares them, as the stub
/// generator's derive recorded them.
fn declared_fields<T: 'static>() -> &'static [pyo3_stub_gen::type_info::MemberInfo] {
    let id = std::any::TypeId::of::<T>();
    pyo3_stub_gen::inventory::iter::<pyo3_stub_gen::type_info::PyClassInfo>
        .into_iter()
        .find(|class| (class.struct_id)() == id)
        .map_or(&[], |class| class.getters)
}

/// `Name(field=value, …)` for record `T`: its declared fields first, then any
/// other property of its class, by name.
///
/// # Errors
/// Whatever Python raises while reading a field or its `repr`.
pub fn record_repr<T: 'static>(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let getset = GETSET.import(py, "types", "GetSetDescriptorType")?;
    let class = obj.get_type();
    let mut names: Vec<String> = declared_fields::<T>().iter().map(|f| f.name.to_owned()).collect();
    let mut others = Vec::new();
    for item in class.getattr("__dict__")?.call_method0("items")?.try_iter()? {
        let (name, descriptor): (String, Bound<'_, PyAny>) = item?.extract()?;
        if descriptor.is_instance(getset)? && !name.starts_with("__") && !names.contains(&name) {
            others.push(name);
        }
    }
    others.sort();
    names.extend(others);
    let mut fields = Vec::with_capacity(names.len());
    for name in names {
        fields.push(format!("{name}={}", obj.getattr(name.as_str())?.repr()?));
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
                    $crate::python::record_repr::<$t>(slf.as_any())
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
