//! Mutations of JSON text that an adversarial user, a broken disk or an
//! edited file produce: flipped bytes, cut and duplicated lines, numbers and
//! strings replaced by extremes, unknown fields, values spliced from other
//! inputs. They keep most of the structure, so most inputs get past the JSON
//! syntax and reach the rules.

use crate::rng::Rng;

/// Numbers at the edges of every type the engine reads.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "255",
    "256",
    "65535",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1e5",
    "1E-30",
    "1.5",
    "0.001",
    "1e400",
    "-1e400",
    "3.3",
    "99999999",
    "365000000",
];

/// Strings at the edges of what the engine reads: amounts, dates, ids, labels, texts.
const STRINGS: &[&str] = &[
    "",
    " ",
    "\\u0000",
    "\\u200b",
    "\\u202e",
    "\\ufeff",
    "\\ud800",
    "a b",
    "0",
    "-0.00",
    "-1.00",
    "0.001",
    "1e-29",
    "1e5",
    "+1.00",
    " 1.00",
    "1.005",
    "NaN",
    "Infinity",
    "79228162514264337593543950335",
    "79228162514264337593543950335.00",
    "7922816251426433759354395033.5",
    "12345678901234567890123456789.5",
    "2021- 3-20",
    "2021-02-30",
    "2021-2-3",
    "+2021-01-01",
    "0000-01-01",
    "9999-12-31",
    "262143-12-31",
    "-262144-01-01",
    "1970-01-01",
    "EUR",
    "USD",
    "alice",
    "paul",
    "rita",
    "steward",
    "supporter",
    "contributor",
    "provider",
    "suspended",
    "excluded",
    "good_standing",
    "network_referral",
    "own_network",
    "won",
    "proposed",
    "member",
    "outside",
];

/// One random mutation of `text`, which may draw on `others` for splices.
pub fn mutate(rng: &mut Rng, text: &str, others: &[String]) -> String {
    let mut out = match rng.below(12) {
        0 => flip_byte(rng, text),
        1 => delete_range(rng, text),
        2 => duplicate_range(rng, text),
        3 | 4 => replace_number(rng, text),
        5 | 6 => replace_string(rng, text),
        7 => insert_field(rng, text),
        8 => line_edit(rng, text),
        9 => splice(rng, text, others),
        10 => retype_value(rng, text),
        _ => truncate(rng, text),
    };
    if out.len() > 4 * 1024 * 1024 {
        out.truncate(4 * 1024 * 1024);
    }
    out
}

/// The byte positions of `text` that start a character.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn flip_byte(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    if let Some(b) = bytes.get_mut(rng.below(text.len())) {
        *b ^= 1 << rng.below(7);
    }
    // Invalid UTF-8 is the caller's business (the bindings hand over `str`): keep text valid.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn delete_range(rng: &mut Rng, text: &str) -> String {
    let start = boundary(text, rng.below(text.len()));
    let end = boundary(text, start + 1 + rng.below(32));
    format!("{}{}", &text[..start], &text[end..])
}

fn duplicate_range(rng: &mut Rng, text: &str) -> String {
    let start = boundary(text, rng.below(text.len()));
    let end = boundary(text, start + 1 + rng.below(64));
    format!("{}{}{}", &text[..end], &text[start..end], &text[end..])
}

fn truncate(rng: &mut Rng, text: &str) -> String {
    text[..boundary(text, rng.below(text.len()))].to_owned()
}

/// Spans of JSON string contents (between quotes, no escapes inside).
fn strings(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        if b == b'"' {
            match start.take() {
                Some(s) => spans.push((s, i)),
                None => start = Some(i + 1),
            }
        }
    }
    spans
}

/// Spans of JSON numbers outside strings.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut inside, mut i) = (false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'"' {
            inside = !inside;
        } else if !inside && (b.is_ascii_digit() || b == b'-') {
            let start = i;
            while i < bytes.len() && matches!(bytes[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
                i += 1;
            }
            spans.push((start, i));
            continue;
        }
        i += 1;
    }
    spans
}

fn replace_span(text: &str, (start, end): (usize, usize), with: &str) -> String {
    format!("{}{}{}", &text[..start], with, &text[end..])
}

fn replace_number(rng: &mut Rng, text: &str) -> String {
    match (rng.pick(&numbers(text)).copied(), rng.pick(NUMBERS)) {
        (Some(span), Some(n)) => replace_span(text, span, n),
        _ => replace_string(rng, text),
    }
}

fn replace_string(rng: &mut Rng, text: &str) -> String {
    let spans = strings(text);
    let Some(&span) = rng.pick(&spans) else { return flip_byte(rng, text) };
    let with = if rng.one_in(3) {
        // A value from elsewhere in the same input: ids, labels and dates that exist.
        let &(s, e) = rng.pick(&spans).unwrap_or(&span);
        text[s..e].to_owned()
    } else if rng.one_in(8) {
        "x".repeat(1 + rng.below(300))
    } else {
        rng.pick(STRINGS).map_or_else(String::new, |s| (*s).to_owned())
    };
    replace_span(text, span, &with)
}

/// A string, number or object where another type is expected.
fn retype_value(rng: &mut Rng, text: &str) -> String {
    let spans = strings(text);
    let Some(&(s, e)) = rng.pick(&spans) else { return flip_byte(rng, text) };
    // Only values (a string followed by `,`, `}` or `]`), with their quotes.
    let after = text[e + 1..].trim_start();
    if !(after.starts_with(',') || after.starts_with('}') || after.starts_with(']')) || s == 0 {
        return replace_string(rng, text);
    }
    let with = ["1", "null", "true", "[]", "{}", "-1", "\"\"", "[\"a\"]"];
    let value = rng.pick(&with).copied().unwrap_or("null");
    format!("{}{}{}", &text[..s - 1], value, &text[e + 1..])
}

fn insert_field(rng: &mut Rng, text: &str) -> String {
    let opens: Vec<usize> = text.match_indices('{').map(|(i, _)| i + 1).collect();
    let Some(&at) = rng.pick(&opens) else { return flip_byte(rng, text) };
    let fields = ["\"x\":1,", "\"seq\":2,", "\"type\":\"member\",", "\"amount\":\"1.00\",", "\"step\":\"won\","];
    let field = rng.pick(&fields).copied().unwrap_or("\"x\":1,");
    format!("{}{}{}", &text[..at], field, &text[at..])
}

fn line_edit(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 {
        return delete_range(rng, text);
    }
    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
    match rng.below(4) {
        0 => lines.swap(a, b),
        1 => {
            lines.remove(a);
        }
        2 => {
            let line = lines[a];
            lines.insert(b, line);
        }
        _ => lines.truncate(a.max(1)),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn splice(rng: &mut Rng, text: &str, others: &[String]) -> String {
    let Some(other) = rng.pick(others) else { return flip_byte(rng, text) };
    let (from, to) = (boundary(other, rng.below(other.len())), boundary(text, rng.below(text.len())));
    let from_end = boundary(other, from + 1 + rng.below(200));
    let to_end = boundary(text, to + rng.below(200));
    format!("{}{}{}", &text[..to], &other[from..from_end], &text[to_end..])
}
