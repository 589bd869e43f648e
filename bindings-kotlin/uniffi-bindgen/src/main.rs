//! Runs uniffi's bindgen (`uniffi-bindgen generate …`), then, for Kotlin,
//! makes the generated call helper reuse its call status (see [`KOTLIN_CALL`]).
//!
//! Why: uniffi 0.32's Kotlin helper allocates a new JNA `Structure` for the
//! status of every call into Rust (handle clones, buffer allocations and frees
//! included), which is four natively allocated JNA `Memory` blocks, each
//! registered in JNA's global table and with its single cleaner thread, and
//! the structure is written and read back by reflection around each call.
//! On a busy machine the cleaner falls behind and every call pays for the
//! backlog: tens of µs per call instead of well under one. The patched helper
//! takes a status from a per-thread pool (a nested call, from a Kotlin policy
//! called back by Rust, takes another), clears its native memory before the
//! call and reads only the status byte after it (the whole structure on an
//! error). Nothing else in the generated file changes.
//!
//! The patch is exact: if uniffi's helper ever reads differently (another
//! uniffi version), generation fails here rather than silently shipping the
//! slow helper; update [`KOTLIN_CALL`] after reading the new helper.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// uniffi 0.32's helper, as it generates it.
const KOTLIN_CALL: &str = "\
private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
";

/// The same helper with a pooled status, and the pool.
const KOTLIN_POOLED_CALL: &str = "\
// Patched by coopetition's uniffi-bindgen (bindings-kotlin/uniffi-bindgen/src/main.rs):
// the call status comes from a per-thread pool instead of being allocated per call.
private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    val status = UniffiCallStatusPool.acquire()
    try {
        val return_value = callback(status)
        UniffiCallStatusPool.afterCall(status)
        uniffiCheckCallStatus(errorHandler, status)
        return return_value
    } finally {
        UniffiCallStatusPool.release(status)
    }
}

/**
 * Call statuses reused by the calls of each thread: JNA does not write or read
 * them around calls (auto-synch off); [acquire] clears the native memory (code
 * 0, empty error buffer: what Rust expects), [afterCall] reads the code, and
 * the whole structure when Rust reported an error.
 *
 * @suppress
 */
internal object UniffiCallStatusPool {
    private val free = ThreadLocal.withInitial { ArrayList<UniffiRustCallStatus>(4) }

    fun acquire(): UniffiRustCallStatus {
        val pool = free.get()
        val status = if (pool.isEmpty()) {
            UniffiRustCallStatus().also { it.setAutoSynch(false) }
        } else {
            pool.removeAt(pool.size - 1)
        }
        status.pointer.clear(status.size().toLong())
        status.code = UNIFFI_CALL_SUCCESS
        return status
    }

    fun afterCall(status: UniffiRustCallStatus) {
        status.code = status.pointer.getByte(0)
        if (status.code != UNIFFI_CALL_SUCCESS) {
            status.read()
        }
    }

    fun release(status: UniffiRustCallStatus) {
        free.get().add(status)
    }
}
";

/// Where `generate` writes, if these are its arguments for Kotlin.
fn kotlin_out_dir(args: &[String]) -> Option<PathBuf> {
    if args.get(1).map(String::as_str) != Some("generate") {
        return None;
    }
    let mut out_dir = None;
    let mut kotlin = false;
    let mut it = args.iter().skip(2);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--language" | "-l" => kotlin |= it.next().is_some_and(|l| l == "kotlin"),
            "--out-dir" | "-o" => out_dir = it.next().map(PathBuf::from),
            _ => {
                if let Some(l) = arg.strip_prefix("--language=") {
                    kotlin |= l == "kotlin";
                } else if let Some(d) = arg.strip_prefix("--out-dir=") {
                    out_dir = Some(PathBuf::from(d));
                }
            }
        }
    }
    out_dir.filter(|_| kotlin)
}

fn kotlin_files(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            kotlin_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "kt") {
            found.push(path);
        }
    }
    Ok(())
}

/// Patches every generated Kotlin file under `dir`; an error unless at least one
/// file has the helper, and every file that has uniffi's scaffolding got patched.
fn patch_kotlin(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    kotlin_files(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut patched = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        if text.contains("UniffiCallStatusPool") {
            patched += 1;
        } else if text.contains(KOTLIN_CALL) {
            std::fs::write(&file, text.replacen(KOTLIN_CALL, KOTLIN_POOLED_CALL, 1))
                .map_err(|e| format!("{}: {e}", file.display()))?;
            patched += 1;
        } else if text.contains("fun <U, E: kotlin.Exception> uniffiRustCallWithError(") {
            return Err(format!(
                "{}: uniffi's call helper is not the one this patch knows (see bindings-kotlin/uniffi-bindgen/src/main.rs)",
                file.display()
            ));
        }
    }
    if patched == 0 {
        return Err(format!("{}: no generated Kotlin file with uniffi's call helper", dir.display()));
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    // Exits on its own errors.
    uniffi::uniffi_bindgen_main();
    if let Some(dir) = kotlin_out_dir(&args) {
        if let Err(e) = patch_kotlin(&dir) {
            eprintln!("uniffi-bindgen: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
