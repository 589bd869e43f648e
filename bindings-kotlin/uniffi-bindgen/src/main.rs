//! Runs uniffi's bindgen (`uniffi-bindgen generate …`), then, for Kotlin,
//! patches three spots of the generated JNA glue so that a call into Rust no
//! longer allocates native memory that only JNA's cleaner thread frees.
//!
//! Why: with uniffi 0.32's Kotlin glue, every call into Rust (handle clones,
//! buffer allocations and frees included) allocates a JNA `Structure` for its
//! call status, and every `RustBuffer` returned by value is a new `Structure`
//! that allocates its native memory twice. Each of those JNA `Memory` blocks is
//! registered in a global table and with JNA's single cleaner thread, which
//! frees it only after a garbage collection. Under load the cleaner falls
//! behind, hundreds of thousands of blocks pile up, and every call pays for
//! the backlog (the table, the reference processing of each collection): on
//! the 2-core development machine, tens of µs per call instead of about one
//! (bindings-kotlin/README.md, "Benchmark"). The patches:
//!
//! 1. [`CALL`]: the call status comes from a per-thread pool (a nested call, from
//!    a Kotlin policy called back by Rust, takes another one); JNA no longer
//!    copies it by reflection around each call: its native memory is cleared
//!    before the call (code 0 and an empty error buffer, as Rust expects) and
//!    only the status byte is read after it (the whole status on an error).
//! 2. [`BY_VALUE`]: a `RustBuffer` returned by value allocates its memory once
//!    (in its constructor) instead of twice: JNA's `Structure.newInstance`
//!    allocates again for a by-value structure, which it then uses as the
//!    return area; the constructor's memory serves as well.
//! 3. [`FREE`]: once Rust has freed a returned buffer, the structure's own native
//!    memory is released at once instead of being left to the cleaner
//!    (`Memory.close`; for a view into a call status it only clears the view).
//!
//! Each patch is exact: if uniffi's glue ever reads differently (another uniffi
//! version), generation fails here rather than silently shipping the slow glue;
//! then read the new glue and update the patches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A replacement of an exact piece of the generated Kotlin.
struct Patch {
    name: &'static str,
    generated: &'static str,
    patched: &'static str,
}

/// The call helper, with a pooled status, and the pool.
const CALL: Patch = Patch {
    name: "call status pool",
    generated: "\
private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
",
    patched: "\
// Patched by bindings-kotlin/uniffi-bindgen: the call status comes from a per-thread pool.
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
 * Call statuses reused by the calls of each thread (patched in by
 * bindings-kotlin/uniffi-bindgen). JNA does not copy them around calls
 * (auto-synch off): [acquire] clears the native memory (code 0, empty error
 * buffer: what Rust expects), [afterCall] reads the code, and the whole
 * status when Rust reported an error.
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
",
};

/// A returned `RustBuffer` keeps the memory its constructor allocated.
const BY_VALUE: Patch = Patch {
    name: "by-value buffers allocated once",
    generated: "    class ByValue: RustBuffer(), Structure.ByValue\n",
    patched: "    class ByValue: RustBuffer(), Structure.ByValue {
        // Patched by bindings-kotlin/uniffi-bindgen: JNA's Structure.newInstance calls this
        // (and only it) to allocate a by-value structure's memory again; the memory the
        // constructor allocated serves as well, and one allocation fewer is one block
        // fewer for JNA's cleaner.
        override fun allocateMemory() {}
    }
",
};

/// A freed buffer's structure releases its native memory at once.
const FREE: Patch = Patch {
    name: "buffer structures released with their buffer",
    generated: "        internal fun free(buf: RustBuffer.ByValue) = uniffiRustCall() { status ->
            UniffiLib.ffi_coopetition_uniffi_rustbuffer_free(buf, status)
        }
",
    patched: "        internal fun free(buf: RustBuffer.ByValue) {
            uniffiRustCall() { status ->
                UniffiLib.ffi_coopetition_uniffi_rustbuffer_free(buf, status)
            }
            // Patched by bindings-kotlin/uniffi-bindgen: the structure is dead with its
            // buffer; release its native memory now rather than through JNA's cleaner
            // (for a view into a call status's memory, this only clears the view).
            (buf.pointer as? com.sun.jna.Memory)?.close()
        }
",
};

const PATCHES: [Patch; 3] = [CALL, BY_VALUE, FREE];

/// The prefix of the FFI functions in the patches, those of the binding's crate.
const FFI_PREFIX: &str = "UniffiLib.ffi_coopetition_uniffi_";

/// The prefix of the FFI functions a generated file calls, read from its
/// buffer allocation (`UniffiLib.ffi_<crate>_rustbuffer_alloc`).
fn ffi_prefix(text: &str) -> Option<&str> {
    let end = text.find("rustbuffer_alloc(")?;
    let start = text[..end].rfind("UniffiLib.ffi_")?;
    Some(&text[start..end])
}

/// Marks a file already patched.
const MARK: &str = "Patched by bindings-kotlin/uniffi-bindgen";

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

/// Patches the generated Kotlin file under `dir` (the one with uniffi's glue).
fn patch_kotlin(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    kotlin_files(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut patched = 0;
    for file in files {
        let mut text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        if !text.contains("fun <U, E: kotlin.Exception> uniffiRustCallWithError(") {
            continue;
        }
        patched += 1;
        if text.contains(MARK) {
            continue;
        }
        // Each crate's file calls its own crate's FFI functions (`ffi_<crate>_…`);
        // the patches are written for the binding's crate.
        let ffi_prefix = ffi_prefix(&text).unwrap_or(FFI_PREFIX).to_owned();
        for patch in &PATCHES {
            let generated = patch.generated.replace(FFI_PREFIX, &ffi_prefix);
            let patched = patch.patched.replace(FFI_PREFIX, &ffi_prefix);
            if text.matches(&generated).count() != 1 {
                return Err(format!(
                    "{}: the patch `{}` does not apply: uniffi's Kotlin glue is not the one it knows \
                     (see bindings-kotlin/uniffi-bindgen/src/main.rs)",
                    file.display(),
                    patch.name
                ));
            }
            text = text.replacen(&generated, &patched, 1);
        }
        std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn only_kotlin_generation_is_patched() {
        let out = kotlin_out_dir(&args("bindgen generate lib.so --language kotlin --out-dir out --no-format"));
        assert_eq!(out, Some(PathBuf::from("out")));
        let out = kotlin_out_dir(&args("bindgen generate lib.so -l kotlin -o out"));
        assert_eq!(out, Some(PathBuf::from("out")));
        assert_eq!(kotlin_out_dir(&args("bindgen generate lib.so --language=kotlin --out-dir=o")), Some("o".into()));
        assert_eq!(kotlin_out_dir(&args("bindgen generate lib.so --language swift --out-dir out")), None);
        assert_eq!(kotlin_out_dir(&args("bindgen print-repr lib.so")), None);
    }

    #[test]
    fn patches_apply_once_and_refuse_unknown_glue() {
        let dir = std::env::temp_dir().join(format!("coopetition-bindgen-test-{}", std::process::id()));
        let package = dir.join("org/coopetition");
        std::fs::create_dir_all(&package).unwrap();
        let file = package.join("coopetition.kt");
        let glue: String = PATCHES.iter().map(|p| format!("// before\n{}// after\n", p.generated)).collect();
        let glue = format!("{glue}UniffiLib.ffi_coopetition_uniffi_rustbuffer_alloc(size, status)\n");
        std::fs::write(&file, &glue).unwrap();
        patch_kotlin(&dir).unwrap();
        let patched = std::fs::read_to_string(&file).unwrap();
        for p in &PATCHES {
            assert!(patched.contains(p.patched), "{}", p.name);
        }
        // A second run leaves the file as it is.
        patch_kotlin(&dir).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), patched);
        // Glue that reads differently: refused, not half patched.
        std::fs::write(&file, glue.replace("var status = UniffiRustCallStatus()", "val status = newStatus()")).unwrap();
        let err = patch_kotlin(&dir).unwrap_err();
        assert!(err.contains("call status pool"), "{err}");
        // Another crate's file (the core's): its own FFI functions.
        let core = glue.replace("ffi_coopetition_uniffi_", "ffi_coopetition_");
        std::fs::write(&file, &core).unwrap();
        patch_kotlin(&dir).unwrap();
        let patched = std::fs::read_to_string(&file).unwrap();
        assert!(patched.contains(&FREE.patched.replace("ffi_coopetition_uniffi_", "ffi_coopetition_")));
        assert!(!patched.contains("ffi_coopetition_uniffi_"));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(patch_kotlin(&dir).is_err());
    }
}
