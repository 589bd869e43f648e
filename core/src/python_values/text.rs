//! Python `str` read as Rust text: a lone surrogate is the core's
//! `input.text.invalid`, never Python's `UnicodeEncodeError`.

use super::error::to_py;
use crate::Error;
use pyo3::prelude::*;
use pyo3::types::PyString;

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

/// Back to Python as the `str` it came from: what a default value of a
/// signature needs to be shown in the type stubs.
impl<'py> IntoPyObject<'py> for UserText {
    type Target = PyString;
    type Output = Bound<'py, PyString>;
    type Error = std::convert::Infallible;

    fn into_pyobject(self, py: Python<'py>) -> Result<Self::Output, Self::Error> {
        Ok(PyString::new(py, &self.0))
    }
}

/// Typed `str` in the stubs.
impl pyo3_stub_gen::PyStubType for UserText {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo::builtin("str")
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

/// Typed `str` in the stubs.
impl pyo3_stub_gen::PyStubType for Str<'_> {
    fn type_output() -> pyo3_stub_gen::TypeInfo {
        pyo3_stub_gen::TypeInfo::builtin("str")
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

/// [`text`] owned, for a `from_py_with` on a `String` argument of a
/// constructor (a display name, a place, a detail).
pub fn user_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    text(value.as_borrowed()).map(str::to_owned)
}

/// [`user_text`] for an optional argument: `None` stays `None`.
pub fn opt_user_text(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if value.is_none() {
        Ok(None)
    } else {
        user_text(value).map(Some)
    }
}

/// [`user_text`] for a list of texts.
pub fn user_texts(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    Ok(value.extract::<Vec<UserText>>()?.into_iter().map(String::from).collect())
}
