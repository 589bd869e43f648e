//! A snapshot's digest rewritten after an edit, as anyone can do without a
//! key: computed here from the format's definition with sha2 and hmac, apart
//! from the engine's code.
#![allow(dead_code, clippy::unwrap_used)]

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Lowercase hexadecimal digits of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes a schema-2 digest covers: the position, then the state written
/// compactly with sorted keys (serde_json's `Value` keeps its keys sorted).
pub fn digest_input(chain: &str, seq: u64, hash: &str, state: &Value) -> String {
    format!("coopetition-snapshot/2\n{chain}\n{seq}\n{hash}\n{}", serde_json::to_string(state).unwrap())
}

/// SHA-256, or HMAC-SHA256 with `key`, of `input`, in hexadecimal.
pub fn digest(input: &str, key: Option<&[u8]>) -> String {
    match key {
        None => hex(&Sha256::digest(input.as_bytes())),
        Some(key) => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
            mac.update(input.as_bytes());
            hex(&mac.finalize().into_bytes())
        }
    }
}

/// The snapshot with its `seq` set to its state's last number and its
/// digest recomputed (with `key` for a keyed snapshot), as a forger would.
pub fn resigned_with(mut snapshot: Value, key: Option<&[u8]>) -> String {
    let seq = snapshot["state"]["last_seq"].as_u64().unwrap();
    snapshot["seq"] = Value::from(seq);
    let chain = snapshot["chain"].as_str().unwrap().to_owned();
    let input = digest_input(&chain, seq, snapshot["hash"].as_str().unwrap(), &snapshot["state"]);
    snapshot["digest"] = Value::from(digest(&input, key));
    snapshot.to_string()
}

/// As [`resigned_with`], for a snapshot written without a key.
pub fn resigned(snapshot: Value) -> String {
    resigned_with(snapshot, None)
}
