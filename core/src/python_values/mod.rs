//! How the core's values cross into Python and back, under the `python`
//! feature: money as `decimal.Decimal` (read exactly, floats refused), ids and
//! labels as `str`, text without lone surrogates, errors as the classes of
//! `coopetition.errors`. The id and label types are declared by macros that
//! call this module's (`python_id!`, `python_label!`), so it names none of the
//! records: [`crate::python`] does, above it.

mod error;
mod number;
mod text;

pub use error::{error_classes, to_py, ErrorClass, IntoPy};
pub use number::{computed_money, money, opt_money, rate, MoneyArg};
pub use text::{opt_user_text, str_arg, text, user_text, user_texts, Str, UserText};

/// The Python class names and stub types of a labelled enumeration: its
/// values cross as their labels (`str`), typed `Literal[...]` in the stubs.
macro_rules! python_label {
    ($name:ident, [$($label:literal),+]) => {
        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, &self.to_string()))
            }
        }

        impl<'py> pyo3::IntoPyObject<'py> for &$name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                (*self).into_pyobject(py)
            }
        }

        impl pyo3::FromPyObject<'_, '_> for $name {
            type Error = pyo3::PyErr;
            fn extract(obj: pyo3::Borrowed<'_, '_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                // Through `FromStr` (the label table's own reader), so that this
                // module needs nothing of `labels`, which names it.
                <Self as std::str::FromStr>::from_str($crate::python_values::text(obj)?).map_err(pyo3::PyErr::from)
            }
        }

        impl pyo3_stub_gen::PyStubType for $name {
            fn type_output() -> pyo3_stub_gen::TypeInfo {
                $crate::python_values::literal(&[$($label),+])
            }
        }
    };
}
pub(crate) use python_label;

/// `typing.Literal["a", "b"]`: the stub type of a labelled enumeration.
pub fn literal(labels: &[&str]) -> pyo3_stub_gen::TypeInfo {
    let quoted: Vec<String> = labels.iter().map(|l| format!("{l:?}")).collect();
    pyo3_stub_gen::TypeInfo {
        name: format!("typing.Literal[{}]", quoted.join(", ")),
        source_module: None,
        import: [pyo3_stub_gen::ImportRef::from("typing")].into_iter().collect(),
        type_refs: Default::default(),
    }
}

/// Ids cross as `str`, checked by the core's rule on the way in.
macro_rules! python_id {
    ($name:ident) => {
        impl<'py> pyo3::IntoPyObject<'py> for &$name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }

        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                (&self).into_pyobject(py)
            }
        }

        impl pyo3::FromPyObject<'_, '_> for $name {
            type Error = pyo3::PyErr;
            fn extract(obj: pyo3::Borrowed<'_, '_, pyo3::PyAny>) -> pyo3::PyResult<Self> {
                $name::new($crate::python_values::text(obj)?).map_err(pyo3::PyErr::from)
            }
        }

        impl pyo3_stub_gen::PyStubType for $name {
            fn type_output() -> pyo3_stub_gen::TypeInfo {
                pyo3_stub_gen::TypeInfo::builtin("str")
            }
        }
    };
}
pub(crate) use python_id;
