//! The core's records as Python classes, under the `python` feature.
//!
//! The Python binding turns this feature on; with it off (the default) the core
//! has no pyo3 at all. The records themselves carry feature-gated derives where
//! they are declared (`#[pyclass]` with `get_all`, and the stub generator's
//! `gen_stub_pyclass`), so a field added to a record reaches Python, and its
//! documentation the generated type stubs, with nothing to copy. This module
//! holds what those derives need and nothing else: how the core's values cross
//! into Python and back (money as `decimal.Decimal`, ids and labels as `str`,
//! text without lone surrogates, errors as the classes of `coopetition.errors`,
//! lists with their `str` shorthands), the one `repr` every record shares, and
//! the Python face of the core's constructors and methods (`methods`): each
//! calls the core's own, adding only defaults and copies of borrowed results.
//! (Attributes inside a record or an `impl` cannot be gated by `cfg_attr`: the
//! pyo3 macros read them before the compiler configures them, so those live
//! there rather than on the core's methods.)

mod error;
mod lists;
mod methods;
mod number;
pub(crate) mod record;
mod text;

pub use error::{error_classes, to_py, ErrorClass, IntoPy};
pub use lists::{choices, resources};
pub use number::{computed_money, money, opt_money, rate};
pub use record::record_repr;
pub use text::{opt_user_text, str_arg, text, user_text, user_texts, Str, UserText};

record::python_records!(
    crate::actor::Actor,
    crate::catalogue::CatalogueEntry,
    crate::charter::CharterSignature,
    crate::charter::CharterText,
    crate::contract::Choice,
    crate::contract::Contract,
    crate::contract::ContractTerms,
    crate::contract::ContractVersion,
    crate::contract::DiscussionNote,
    crate::contract::PendingTerms,
    crate::mission::Client,
    crate::mission::Mission,
    crate::mission::MissionRecord,
    crate::mission::Resource,
    crate::negotiation::Declaration,
    crate::negotiation::Delivery,
    crate::negotiation::Donation,
    crate::negotiation::Offer,
    crate::negotiation::Payment,
);

/// The Python class names and stub types of a labelled enumeration: its
/// values cross as their labels (`str`), typed `Literal[...]` in the stubs.
macro_rules! python_label {
    ($name:ident, [$($label:literal),+]) => {
        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = std::convert::Infallible;
            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::intern(py, $crate::labels::Labelled::label(self)))
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
                <Self as $crate::labels::Labelled>::from_label($crate::python::text(obj)?).map_err(pyo3::PyErr::from)
            }
        }

        impl pyo3_stub_gen::PyStubType for $name {
            fn type_output() -> pyo3_stub_gen::TypeInfo {
                $crate::python::literal(&[$($label),+])
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
                $name::new($crate::python::text(obj)?).map_err(pyo3::PyErr::from)
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
