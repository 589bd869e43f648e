//! The `repr` every record shares: `Name(field=value, …)`, its fields in the
//! order the record declares them, each shown by Python's own `repr`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use pyo3_stub_gen::inventory;
use pyo3_stub_gen::type_info::{MemberInfo, PyClassInfo, PyComplexEnumInfo, PyMethodsInfo};
use std::any::TypeId;

static GETSET: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The fields of a record (or of each variant of a data-carrying enum) in
/// the order the Rust type declares them: Python lists a class's properties
/// in no useful order, the stub generator's table keeps the declared one.
/// The computed properties (`#[getter]` methods) follow the fields, in the
/// order they are written.
fn declared_fields(record: TypeId, variant: &str) -> Vec<&'static str> {
    let names = |members: &'static [MemberInfo]| members.iter().map(|m| m.name);
    let mut fields: Vec<&'static str> =
        if let Some(info) = inventory::iter::<PyClassInfo>().find(|i| (i.struct_id)() == record) {
            names(info.getters).collect()
        } else {
            inventory::iter::<PyComplexEnumInfo>()
                .find(|i| (i.enum_id)() == record)
                .and_then(|i| i.variants.iter().find(|v| v.pyclass_name == variant))
                .map_or_else(Vec::new, |v| names(v.fields).collect())
        };
    let mut blocks: Vec<&PyMethodsInfo> =
        inventory::iter::<PyMethodsInfo>().filter(|i| (i.struct_id)() == record).collect();
    blocks.sort_by_key(|i| (i.file, i.line, i.column));
    fields.extend(blocks.into_iter().flat_map(|i| names(i.getters)));
    fields
}

/// `Name(field=value, …)` for a record whose fields are Python properties:
/// the declared fields and computed properties first, in order, then any
/// other property, by name.
/// A variant of a data-carrying enum shows as `Enum.Variant(field=value, …)`.
///
/// # Errors
/// Whatever Python raises while reading a field or its `repr`.
pub fn record_repr(obj: &Bound<'_, PyAny>, record: TypeId) -> PyResult<String> {
    let py = obj.py();
    let getset = GETSET.import(py, "types", "GetSetDescriptorType")?;
    let class = obj.get_type();
    let name = class.name()?.to_string();
    let mut names: Vec<String> = declared_fields(record, &name).into_iter().map(str::to_owned).collect();
    let mut computed = Vec::new();
    // A class's `__dict__` is a read-only mapping proxy, not a `dict`.
    for item in class.getattr("__dict__")?.call_method0("items")?.try_iter()? {
        let (field, descriptor): (String, Bound<'_, PyAny>) = item?.extract()?;
        if descriptor.is_instance(getset)? && !field.starts_with("__") && !names.contains(&field) {
            computed.push(field);
        }
    }
    computed.sort();
    names.extend(computed);
    let fields = names
        .iter()
        .map(|field| Ok(format!("{field}={}", obj.getattr(field.as_str())?.repr()?)))
        .collect::<PyResult<Vec<_>>>()?;
    // The variant class of a data-carrying enum is named after the variant
    // alone; its base is the enum.
    let base = class.getattr("__base__")?.cast_into::<PyType>().map_err(PyErr::from)?;
    let shown = if base.is(py.get_type::<PyAny>()) { name } else { format!("{}.{name}", base.name()?) };
    Ok(format!("{shown}({})", fields.join(", ")))
}

/// Gives each record the shared `repr`, and lists the records for the
/// binding's module.
macro_rules! python_records {
    ($($t:path),+ $(,)?) => {
        $(
            #[pyo3::pymethods]
            impl $t {
                fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                    $crate::python::record_repr(slf.as_any(), std::any::TypeId::of::<$t>())
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
