//! Strict reading of the JSON the engine writes: one spelling of each value.
//!
//! serde alone is lenient in ways a journal must not be: a tag of an
//! internally tagged enum may be given as a variant index (`"type": 1`), a
//! unit variant ignores fields beside its tag, chrono reads a date with
//! padded fields (`"2021- 3-20"`), a struct may be given as an array, and a
//! decimal may be written in scientific notation. Rather than patch each type,
//! a document is read, written back, and compared with what was given: every
//! value given must be spelt as this build writes it, and every field given
//! must survive. Fields the writer leaves out because they hold their default
//! (an empty list, `false`…) may be given with that empty value.

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Reads a JSON object as `T`, refusing any spelling this build would not write.
///
/// `line` is the journal line, if any, for the error.
///
/// # Errors
/// `journal.line.truncated` (the text ends inside its value, `cut_off`
/// only), `journal.json.malformed` otherwise.
pub(crate) fn from_str<T: Serialize + DeserializeOwned>(text: &str, line: Option<usize>) -> Result<T> {
    match as_written(text) {
        Some(value) => Ok(value),
        None => compared(text, line),
    }
}

/// Reads a JSON object as `T` in one parse if `text` is, byte for byte, what
/// this build writes for the value read; `None` otherwise, when only
/// [`from_str`]'s comparison can say what is wrong (or that a fine spelling,
/// such as an empty field given, is accepted).
///
/// What it accepts, [`from_str`] accepts too, and reads as the same value:
/// the text is the writer's own, so every value has the one spelling and
/// every field survives. A key given twice cannot pass: a struct's field
/// twice is refused by the typed parse, and a map keeps one of the two, so
/// the value written back is shorter than the text.
pub(crate) fn as_written<T: Serialize + DeserializeOwned>(text: &str) -> Option<T> {
    as_written_by(text, |text| serde_json::from_str(text).ok())
}

/// As [`as_written`], reading with `read`: a faster reader of `T` that may
/// fail wherever it likes (the value it reads is accepted only if written
/// back as `text`, so it only has to read the writer's own text as the
/// derived reader does).
pub(crate) fn as_written_by<T: Serialize>(text: &str, read: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    if !text.starts_with('{') {
        return None;
    }
    let value = read(text)?;
    // Written straight against the text: no copy, and the first byte that
    // differs stops the writing.
    let mut rest = Unwritten(text.as_bytes());
    serde_json::to_writer(&mut rest, &value).ok()?;
    rest.0.is_empty().then_some(value)
}

/// The part of a text not yet matched by what is written.
struct Unwritten<'a>(&'a [u8]);

impl std::io::Write for Unwritten<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self.0.strip_prefix(bytes) {
            Some(rest) => {
                self.0 = rest;
                Ok(bytes.len())
            }
            None => Err(std::io::ErrorKind::InvalidData.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// [`from_str`]'s comparison of the text with the value written back.
fn compared<T: Serialize + DeserializeOwned>(text: &str, line: Option<usize>) -> Result<T> {
    reject_repeated_keys(text, line)?;
    let given: Value = serde_json::from_str(text).map_err(|e| malformed(line, e.to_string()))?;
    // Typed parsing first, from the text: it refuses repeated fields, which the
    // value above silently merged.
    let value: T = serde_json::from_str(text).map_err(|e| malformed(line, e.to_string()))?;
    check(&given, &value, line)?;
    Ok(value)
}

/// Reads a JSON value as `T`, refusing any spelling this build would not write.
///
/// # Errors
/// `journal.json.malformed`.
pub(crate) fn from_value<T: Serialize + DeserializeOwned>(given: &Value, line: Option<usize>) -> Result<T> {
    let value = T::deserialize(given).map_err(|e| malformed(line, e.to_string()))?;
    check(given, &value, line)?;
    Ok(value)
}

/// Refuses a document in which an object repeats a key: a JSON value and a
/// map keep only the last of two, so the edit would pass unseen.
///
/// # Errors
/// `journal.json.malformed`.
pub(crate) fn reject_repeated_keys(text: &str, line: Option<usize>) -> Result<()> {
    serde_json::from_str::<NoRepeatedKey>(text).map(drop).map_err(|e| malformed(line, e.to_string()))
}

/// Any JSON value, read only to find an object with a key twice.
struct NoRepeatedKey;

impl<'de> serde::Deserialize<'de> for NoRepeatedKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<NoRepeatedKey, D::Error> {
        deserializer.deserialize_any(NoRepeatedKey)
    }
}

impl<'de> serde::de::Visitor<'de> for NoRepeatedKey {
    type Value = NoRepeatedKey;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_unit<E>(self) -> std::result::Result<NoRepeatedKey, E> {
        Ok(NoRepeatedKey)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<NoRepeatedKey, A::Error> {
        while seq.next_element::<NoRepeatedKey>()?.is_some() {}
        Ok(NoRepeatedKey)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<NoRepeatedKey, A::Error> {
        let mut keys = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<NoRepeatedKey>()?;
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!("the key `{key}` is repeated")));
            }
        }
        Ok(NoRepeatedKey)
    }
}

fn check<T: Serialize>(given: &Value, value: &T, line: Option<usize>) -> Result<()> {
    if !given.is_object() {
        return Err(malformed(line, format!("expected a JSON object, found `{}`", short(given))));
    }
    let written = serde_json::to_value(value).map_err(|e| malformed(line, e.to_string()))?;
    match difference(given, &written, "") {
        None => Ok(()),
        Some(message) => Err(malformed(line, message)),
    }
}

fn malformed(line: Option<usize>, message: String) -> Error {
    Error::MalformedJson { line, message }
}

/// The first place where `given` is not spelt as `written`, as a message.
fn difference(given: &Value, written: &Value, path: &str) -> Option<String> {
    match (given, written) {
        (Value::Object(g), Value::Object(w)) => {
            // An enum's unit variant is written as its tag alone: nothing may sit beside it.
            let unit_variant = w.len() == 1 && w.keys().all(|k| k == "type" || k == "step");
            for (key, g_value) in g {
                let at = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match w.get(key) {
                    Some(w_value) => {
                        if let Some(message) = difference(g_value, w_value, &at) {
                            return Some(message);
                        }
                    }
                    None if !unit_variant && is_empty(g_value) => {}
                    None => return Some(format!("unknown field `{at}`")),
                }
            }
            None
        }
        (Value::Array(g), Value::Array(w)) if g.len() == w.len() => {
            g.iter().zip(w).enumerate().find_map(|(i, (g, w))| difference(g, w, &format!("{path}[{i}]")))
        }
        (Value::String(g), Value::String(w)) if g == w || same_decimal(g, w) => None,
        (g, w) if g == w => None,
        (g, w) => Some(format!("`{path}` is written `{}`; the only spelling accepted is `{}`", short(g), short(w))),
    }
}

/// Whether two plain decimals (`-12.50`, no exponent, no sign `+`) are the
/// same number: the amount's scale is the money's business, not the journal's.
/// Compared as text, digit by digit: a decimal type would round a number with
/// more digits than it holds (`…789.5` read as `…790`) and call them equal.
fn same_decimal(given: &str, written: &str) -> bool {
    matches!((plain(given), plain(written)), (Some(a), Some(b)) if a == b)
}

/// A plain decimal without its redundant zeros (`-0012.50` is `-12.5`), or
/// `None` if it is not a plain decimal.
fn plain(text: &str) -> Option<String> {
    let (negative, digits) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (whole, fraction) = match digits.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let (whole, fraction) = (whole.trim_start_matches('0'), fraction.trim_end_matches('0'));
    let zero = whole.is_empty() && fraction.is_empty();
    Some(format!("{}{whole}.{fraction}", if negative && !zero { "-" } else { "" }))
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Event;

    const WRITTEN: &str = r#"{"seq":7,"by":"alice","on":"2020-01-06","action":{"type":"sign_charter","version":1}}"#;

    #[test]
    fn the_writers_own_text_is_read_in_one_parse_as_the_comparison_reads_it() {
        let fast: Event = as_written(WRITTEN).unwrap();
        assert_eq!(fast, compared::<Event>(WRITTEN, None).unwrap());
        assert_eq!((fast.seq, fast.on.to_string()), (7, "2020-01-06".to_owned()));
        for line in include_str!("../../tests/fixtures/sample_journal_v1.jsonl").lines().skip(1) {
            let event: Event = as_written(line).unwrap_or_else(|| panic!("not read as written: {line}"));
            assert_eq!(event, compared::<Event>(line, None).unwrap());
        }
    }

    #[test]
    fn any_other_spelling_goes_to_the_comparison() {
        let spaced = WRITTEN.replace(",\"by\"", ", \"by\"");
        let repeated = WRITTEN.replace("{\"seq\":7,", "{\"seq\":7,\"seq\":7,");
        let padded = WRITTEN.replace("2020-01-06", "2020-1-6");
        let as_array = "[7,\"alice\",\"2020-01-06\",{\"type\":\"sign_charter\",\"version\":1}]";
        for text in [spaced.as_str(), &repeated, &padded, as_array] {
            assert!(as_written::<Event>(text).is_none(), "{text}");
        }
        // What the comparison decides: a space between fields is no other spelling of a value.
        assert_eq!(from_str::<Event>(&spaced, None).unwrap().seq, 7);
        for text in [repeated.as_str(), &padded, as_array] {
            assert_eq!(from_str::<Event>(text, Some(2)).unwrap_err().code(), "journal.json.malformed", "{text}");
        }
    }
}
