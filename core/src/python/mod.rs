//! The core's records as Python classes, under the `python` feature.
//!
//! The Python binding turns this feature on; with it off (the default) the core
//! has no pyo3 at all. The records themselves carry feature-gated derives where
//! they are declared (`#[pyclass]` with `get_all`, and the stub generator's
//! `gen_stub_pyclass`), so a field added to a record reaches Python, and its
//! documentation the generated type stubs, with nothing to copy. This module
//! holds what those derives need and nothing else: how the core's values cross
//! into Python and back (money as `decimal.Decimal`, ids and labels as `str`,
//! text without lone surrogates, errors as the classes of `coopetition.errors`)
//! and the one `repr` every record shares.

mod error;
mod event;
mod ledger;
mod number;
mod policy;
pub(crate) mod record;
mod text;

pub use error::{error_classes, to_py, ErrorClass, IntoPy};
pub use number::{computed_money, money, opt_money, rate};
pub use record::record_repr;
pub use text::{str_arg, text, Str, UserText};

record::python_records!(
    crate::charter::CharterSignature,
    crate::compliance::ComplianceReport,
    crate::compliance::EngagementCheck,
    crate::compliance::MemberCompliance,
    crate::compliance::StatusCounts,
    crate::directory::DirectoryEntry,
    crate::ledger::InKindTotal,
    crate::ledger::MemberLedger,
    crate::ledger::MissionLine,
    crate::ledger::NetworkLedger,
    crate::ledger::ValuedDelivery,
    crate::negotiation::Declaration,
    crate::negotiation::Delivery,
    crate::negotiation::Donation,
    crate::negotiation::Offer,
    crate::negotiation::NegotiationState,
    crate::negotiation::Payment,
    crate::network::Event,
    crate::policy::Assessment,
    crate::policy::MissionFacts,
    crate::policy::Step,
    crate::standing::LevelSuggestion,
    crate::standing::StandingProposal,
    crate::text::Text,
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
