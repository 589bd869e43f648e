//! Python numbers read exactly as money or rates: `decimal.Decimal` through its
//! digits, `int` exactly, numeric `str` by the core's parser; floats and bools
//! are refused, so nothing is rounded on the way in.

use super::error::{float_money, to_py, IntoPy};
use crate::money::{exact_decimal, parse_exact_decimal, Money};
use crate::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString, PyType};
use rust_decimal::Decimal;

/// A decimal number of Python as its parts, or `None` if it is not one
/// (`bool` is refused first: it is an `int` to Python, but never an amount).
///
/// `decimal.Decimal` is read through `as_tuple()` and an `int` exactly, so
/// nothing is rounded on the way; the core then applies its rule.
enum Number {
    /// Sign, digits, power of ten, and the value as Python prints it.
    Parts(bool, String, i64, String),
    /// A string, to be parsed by the core.
    Text(String),
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn number(field: &str, what: &str, value: &Bound<'_, PyAny>) -> PyResult<Number> {
    let py = value.py();
    let shown = || value.str().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if value.is_instance_of::<PyBool>() {
        return Err(to_py(Error::Parse { value: shown(), expected: "a number, not a bool" }));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Err(if what == "money" {
            float_money(field, f.value())
        } else {
            PyTypeError::new_err(format!(
                "`{field}` is an exact {what} and cannot be a float ({}); pass decimal.Decimal(\"{}\") or a string",
                f.value(),
                f.value()
            ))
        });
    }
    let decimal = DECIMAL.import(py, "decimal", "Decimal")?;
    if value.is_instance(decimal)? {
        let parts = value.call_method0("as_tuple")?;
        let exponent = parts.getattr("exponent")?;
        if exponent.is_instance_of::<PyString>() {
            // `n`, `N` or `F`: NaN, signalling NaN or an infinity.
            return Err(to_py(Error::Parse { value: shown(), expected: "a finite decimal" }));
        }
        let negative = parts.getattr("sign")?.extract::<u8>()? == 1;
        let digits: String =
            parts.getattr("digits")?.extract::<Vec<u8>>()?.iter().map(|d| char::from(b'0' + d % 10)).collect();
        // Python bounds exponents to ±999999999999999999, within an i64.
        let exponent = exponent.extract::<i64>()?;
        return Ok(Number::Parts(negative, digits, exponent, shown()));
    }
    if value.is_instance_of::<PyInt>() {
        return match value.extract::<i128>() {
            Ok(i) => Ok(Number::Parts(i < 0, i.unsigned_abs().to_string(), 0, i.to_string())),
            // Beyond 128 bits, so beyond every range: the exponent says so
            // without printing a number that may have thousands of digits.
            Err(_) => {
                let negative = value.lt(0)?;
                Ok(Number::Parts(
                    negative,
                    "1".into(),
                    40,
                    format!("an int of {} bits", value.call_method0("bit_length")?),
                ))
            }
        };
    }
    if let Ok(s) = value.cast::<PyString>() {
        let text =
            s.to_str().map_err(|_| to_py(Error::Parse { value: shown(), expected: "text without lone surrogates" }))?;
        return Ok(Number::Text(text.to_owned()));
    }
    Err(PyTypeError::new_err(format!(
        "`{field}` is {what}: pass a decimal.Decimal, an int or a numeric string, not {}",
        value.get_type().name()?
    )))
}

/// Money from a `decimal.Decimal`, an `int` or a numeric string, checked by
/// the core's input rule (whole cents, within range, never rounded); floats
/// and bools are refused.
pub fn money(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Money> {
    match number(field, "money", value)? {
        Number::Parts(negative, digits, exponent, shown) => Money::from_digits(negative, &digits, exponent, &shown),
        Number::Text(text) => Money::parse_eur(&text),
    }
    .py()
}

/// Optional money.
pub fn opt_money(field: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Money>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => money(field, v).map(Some),
    }
}

/// An amount computed by Python code (a custom policy's result): exact, but
/// with any number of decimals, since the core rounds it to the cent.
pub fn computed_money(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Money> {
    rate(field, value).map(Money::eur)
}

/// A rate (a fraction) or a quantity from a Decimal, an int or a string,
/// exactly; floats and bools are refused.
pub fn rate(field: &str, value: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    match number(field, "rate", value)? {
        Number::Parts(negative, digits, exponent, shown) => exact_decimal(negative, &digits, exponent, &shown),
        Number::Text(text) => parse_exact_decimal(&text),
    }
    .py()
}

/// Money crosses out as `decimal.Decimal`.
impl<'py> IntoPyObject<'py> for &Money {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        self.amount().into_pyobject(py)
    }
}

/// Money crosses out as `decimal.Decimal`.
impl<'py> IntoPyObject<'py> for Money {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Self::Output> {
        (&self).into_pyobject(py)
    }
}

/// Money crosses in by [`money`]'s rule.
impl FromPyObject<'_, '_> for Money {
    type Error = PyErr;
    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        money("amount", &obj)
    }
}

impl pyo3_stub_gen::PyStubType for Money {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        <Decimal as pyo3_stub_gen::PyStubType>::type_output()
    }
    fn type_input() -> pyo3_stub_gen::TypeInfo {
        let mut t = <Decimal as pyo3_stub_gen::PyStubType>::type_output();
        t.name = "decimal.Decimal | builtins.int | builtins.str".into();
        t.import.insert(pyo3_stub_gen::ImportRef::from("builtins"));
        t
    }
}

/// A money (or rate) argument, any Python object: read by [`money`] or
/// [`rate`] under the argument's own name, so that an error names it. The stubs
/// type it as the package's `Money` (`Decimal | int | str`).
pub struct MoneyArg<'py>(Bound<'py, PyAny>);

impl<'py> FromPyObject<'_, 'py> for MoneyArg<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        Ok(MoneyArg(obj.to_owned()))
    }
}

impl<'py> std::ops::Deref for MoneyArg<'py> {
    type Target = Bound<'py, PyAny>;

    fn deref(&self) -> &Bound<'py, PyAny> {
        &self.0
    }
}

impl pyo3_stub_gen::PyStubType for MoneyArg<'_> {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo {
            name: "Money".into(),
            source_module: None,
            // Written `from coopetition._types import Money` (a dotted name in
            // the package is imported from its parent).
            import: [pyo3_stub_gen::ImportRef::from("coopetition._types.Money")].into_iter().collect(),
            type_refs: Default::default(),
        }
    }
}
