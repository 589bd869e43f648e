//! Conversions of Python values into core values, with clear errors.

use crate::errors::{float_money, to_py, IntoPy};
use coopetition::labels::Labelled;
use coopetition::money::{exact_decimal, parse_exact_decimal, Money};
use coopetition::prelude::*;
use coopetition::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString, PyType};

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

/// A label of a core enumeration.
pub fn label<T: Labelled>(value: &str) -> PyResult<T> {
    T::from_label(value).py()
}

/// Builds an actor id.
pub fn actor_id(value: &str) -> PyResult<ActorId> {
    ActorId::new(value).py()
}

/// Builds a contract id.
pub fn contract_id(value: &str) -> PyResult<ContractId> {
    ContractId::new(value).py()
}

/// Builds a mission id.
pub fn mission_id(value: &str) -> PyResult<MissionId> {
    MissionId::new(value).py()
}

/// A language from `"fr"` or `"en"`.
pub fn lang(value: &str) -> PyResult<Lang> {
    label::<Lang>(value)
}

/// Text a person typed (a name, a reason, a note), as Rust text.
///
/// A `str` holding a lone surrogate has no UTF-8 form: it is refused with the
/// core's `input.text.invalid`, a `CoopetitionError`, rather than Python's
/// `UnicodeEncodeError` (see [`text`]). The core then checks the text itself.
/// It is also the owned form of a `str` met inside a list or a tuple (partner
/// ids, an outside client's kind), where a borrowed [`Str`] cannot be kept.
pub struct UserText(pub String);

impl FromPyObject<'_, '_> for UserText {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        text(obj).map(|t| UserText(t.to_owned()))
    }
}

impl From<UserText> for String {
    fn from(text: UserText) -> String {
        text.0
    }
}

impl std::ops::Deref for UserText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UserText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Every `str` argument of the module is read through here, so that a lone
/// surrogate (a `str` with no UTF-8 form, hence no Rust text) is refused the
/// same way wherever it comes: free text, an id, a label, a language, a policy
/// name or a whole document (journal, snapshot, parameters, command,
/// assessment). The code is the core's `input.text.invalid` (an `InputError`)
/// for all of them rather than Python's `UnicodeEncodeError`: the text itself
/// is unreadable, whatever it was meant to hold, so no parse happens.
/// pyo3 notes the argument's name on the error (`while processing 'by'`).
pub fn text<'a>(obj: Borrowed<'a, '_, PyAny>) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>().map_err(PyErr::from)?;
    <&str>::extract(obj).map_err(|_| to_py(Error::InvalidText { field: "text", code_point: surrogate(s) }))
}

/// The first lone surrogate of `s`, as `U+D800`: Python encodes it with
/// `surrogatepass` as the three bytes `ED A0..BF xx`.
fn surrogate(s: Borrowed<'_, '_, PyString>) -> String {
    let bytes =
        s.call_method1("encode", ("utf-8", "surrogatepass")).and_then(|b| b.extract::<Vec<u8>>()).unwrap_or_default();
    let found = bytes.windows(3).find_map(|w| match *w {
        [0xED, high, low] if high >= 0xA0 => Some(0xD000 | (u32::from(high & 0x3F) << 6) | u32::from(low & 0x3F)),
        _ => None,
    });
    match found {
        Some(point) => format!("U+{point:04X} (a lone surrogate)"),
        None => "U+D800..U+DFFF (a lone surrogate)".into(),
    }
}

/// A `str` argument read as [`text`], borrowed from the Python string: the
/// type of every id, label, language and document argument, used as `&str`.
#[derive(Clone, Copy)]
pub struct Str<'a>(pub &'a str);

impl<'a> FromPyObject<'a, '_> for Str<'a> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, '_, PyAny>) -> PyResult<Self> {
        text(obj).map(Str)
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        self.0
    }
}

/// [`text`] for an argument with a literal default (`lang = "fr"`), given as
/// `#[pyo3(from_py_with = convert::str_arg)]` on a `&str`: the default keeps
/// its literal, so the signature Python shows stays `lang='fr'`.
pub fn str_arg<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    text(value.as_borrowed())
}
