//! The hash chain that makes a journal tamper-evident.
//!
//! Each event line of a schema-2 journal ends with the hash of the chain up
//! to it: `hash_n = SHA-256(hash_{n-1} ‖ line_n)`, where `hash_{n-1}` is the
//! previous link's 32 bytes and `line_n` the event's line as schema 1 writes
//! it (the line without its `"hash"` field). The chain starts from the
//! header: `hash_0 = SHA-256(header line)`, so a changed header breaks the
//! first link. With a key, every link, `hash_0` included, is
//! HMAC-SHA256(key, …) of the same bytes.
//!
//! Without a key the chain detects accidental and naive edits, not a forger:
//! anyone can recompute it. With a key, only a holder of the key can write a
//! journal that verifies.

use crate::error::{Error, Result};
use crate::network::Event;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;

type HmacSha256 = Hmac<Sha256>;

/// One link of the chain: 32 bytes, written as 64 lowercase hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainHash(pub [u8; 32]);

impl ChainHash {
    /// The 64 lowercase hexadecimal digits of the hash.
    pub fn to_hex(&self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(64);
        for byte in self.0 {
            out.push(char::from(DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
        }
        out
    }

    /// A hash from exactly 64 lowercase hexadecimal digits (the only spelling
    /// the writer uses), or `None`.
    pub fn from_hex(text: &str) -> Option<ChainHash> {
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
            *slot = (digit(pair[0])? << 4) | digit(pair[1])?;
        }
        Some(ChainHash(out))
    }
}

impl fmt::Display for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ChainHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChainHash({self})")
    }
}

/// A secret key that authenticates a journal's chain (HMAC-SHA256).
///
/// Kept as the keyed state, computed once, so that each link costs no more
/// than an unkeyed one plus the HMAC's outer hash.
#[derive(Clone)]
pub struct ChainKey(HmacSha256);

impl ChainKey {
    /// A key from its bytes.
    ///
    /// # Errors
    /// `store.key.invalid` for an empty key: it would authenticate nothing.
    pub fn new(key: &[u8]) -> Result<ChainKey> {
        if key.is_empty() {
            return Err(Error::KeyInvalid("the key is empty".into()));
        }
        HmacSha256::new_from_slice(key).map(ChainKey).map_err(|e| Error::KeyInvalid(e.to_string()))
    }
}

impl fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key is a secret: never printed.
        f.write_str("ChainKey(…)")
    }
}

/// How a journal read was verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// A schema-1 journal: it carries no chain, nothing was verified.
    Unverified,
    /// Every link verified with SHA-256; `head` is the last one (the header's
    /// when there is no event).
    Sha256 {
        /// The last link verified.
        head: ChainHash,
    },
    /// Every link verified with HMAC-SHA256 and the key given; `head` is the last one.
    Keyed {
        /// The last link verified.
        head: ChainHash,
    },
}

/// A place in a chain: the sequence number of an event and the link that
/// ends with it (for number 0, before any event, the header's `hash_0`).
/// A snapshot records the position of the last event it includes; a journal
/// that continues a snapshot starts from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainPosition {
    /// The sequence number of the event (0: before the first).
    pub seq: u64,
    /// The link that ends with that event.
    pub hash: ChainHash,
}

/// SHA-256, or HMAC-SHA256 with `key`, of the concatenated `parts`.
pub(crate) fn digest(key: Option<&ChainKey>, parts: &[&[u8]]) -> ChainHash {
    match key {
        None => {
            let mut hasher = Sha256::new();
            for part in parts {
                hasher.update(part);
            }
            ChainHash(hasher.finalize().into())
        }
        Some(ChainKey(keyed)) => {
            let mut mac = keyed.clone();
            for part in parts {
                mac.update(part);
            }
            ChainHash(mac.finalize().into_bytes().into())
        }
    }
}

/// What identifies a key without revealing it: HMAC-SHA256(key,
/// `coopetition chain key`). A keyed snapshot carries it, so that a wrong
/// key is told from an edited snapshot.
pub fn key_check(key: &ChainKey) -> ChainHash {
    digest(Some(key), &[b"coopetition chain key"])
}

/// The first link, `hash_0`: the hash of the header line (its text without the line ending).
pub fn genesis(header_line: &str, key: Option<&ChainKey>) -> ChainHash {
    digest(key, &[header_line.as_bytes()])
}

/// The link that follows `previous` for an event line given as its text
/// without the `"hash"` field (the line as schema 1 writes it).
pub fn link_line(previous: &ChainHash, line: &str, key: Option<&ChainKey>) -> ChainHash {
    digest(key, &[&previous.0, line.as_bytes()])
}

/// The link that follows `previous` for `event`: what a store appending one
/// event at a time computes (`journal::event_line` writes its line).
pub fn link(previous: &ChainHash, event: &Event, key: Option<&ChainKey>) -> ChainHash {
    link_line(previous, &plain_line(event), key)
}

/// An event's line without its hash: the line as schema 1 writes it, the bytes its link hashes.
pub fn plain_line(event: &Event) -> String {
    // Serialising these plain types cannot fail: no map has non-string keys.
    serde_json::to_string(event).unwrap_or_default()
}

/// The suffix that closes a chained line: `,"hash":"` + 64 digits + `"}`.
const HASH_FIELD: &str = ",\"hash\":\"";
const SUFFIX_LEN: usize = HASH_FIELD.len() + 64 + 2;

/// Writes into `plain` (cleared first) the text a chained event line hashes
/// (the line without its `"hash"` field) and returns the hash it carries;
/// `None` if it does not end with a hash spelt as the writer spells it. A
/// reader reuses one buffer for every line, rather than leaving a freed line
/// between the values it keeps.
pub(crate) fn split_line_into<'l>(line: &'l str, plain: &mut String) -> Option<&'l str> {
    let start = line.len().checked_sub(SUFFIX_LEN)?;
    let (body, suffix) = (line.get(..start)?, line.get(start..)?);
    let hash = suffix.strip_prefix(HASH_FIELD)?.strip_suffix("\"}")?;
    plain.clear();
    plain.push_str(body);
    plain.push('}');
    Some(hash)
}

/// An event's line carrying `hash`: its plain line with `"hash"` as the last field.
pub fn chained_line(plain: &str, hash: &ChainHash) -> String {
    let body = plain.strip_suffix('}').unwrap_or(plain);
    format!("{body}{HASH_FIELD}{hash}\"}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_other_spellings() {
        let hash = ChainHash([0xab; 32]);
        assert_eq!(hash.to_hex(), "ab".repeat(32));
        assert_eq!(ChainHash::from_hex(&"ab".repeat(32)), Some(hash));
        assert_eq!(ChainHash::from_hex(&"AB".repeat(32)), None);
        assert_eq!(ChainHash::from_hex(&"ab".repeat(31)), None);
        assert_eq!(ChainHash::from_hex(&"zz".repeat(32)), None);
    }

    #[test]
    fn sha256_of_abc_is_the_published_vector() {
        // FIPS 180-2, appendix B.1.
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert_eq!(genesis("abc", None).to_hex(), expected);
    }

    #[test]
    fn hmac_sha256_is_the_published_vector() {
        // RFC 4231, test case 2.
        let key = ChainKey::new(b"Jefe").unwrap();
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assert_eq!(genesis("what do ya want for nothing?", Some(&key)).to_hex(), expected);
        assert_eq!(ChainKey::new(b"").unwrap_err().code(), "store.key.invalid");
    }

    #[test]
    fn a_line_splits_only_at_a_well_spelt_hash() {
        let hash = ChainHash([1; 32]);
        let line = chained_line("{\"seq\":1}", &hash);
        assert_eq!(line, format!("{{\"seq\":1,\"hash\":\"{}\"}}", "01".repeat(32)));
        let mut plain = String::from("left over");
        assert_eq!(split_line_into(&line, &mut plain), Some("01".repeat(32).as_str()));
        assert_eq!(plain, "{\"seq\":1}");
        assert_eq!(split_line_into("{\"seq\":1}", &mut plain), None);
        assert_eq!(split_line_into(&line.replace(",\"hash\"", ", \"hash\""), &mut plain), None);
    }
}
