//! Links libpython into the binaries (`stub_gen`) when the crate is built as
//! an extension module.
//!
//! `make python-stubs` builds `stub_gen` with the environment maturin gives the
//! wheel's build (`PYO3_BUILD_EXTENSION_MODULE`, `PYO3_CONFIG_FILE`), so the
//! binary reuses the objects the wheel's build left instead of rebuilding pyo3
//! and the core. In that mode pyo3 leaves the Python symbols to the
//! interpreter that loads the module, which a binary does not have: it links
//! libpython here. The stub generator never runs Python code, but the
//! module's code it links refers to the Python API.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=PYO3_BUILD_EXTENSION_MODULE");
    println!("cargo:rerun-if-env-changed=PYO3_CONFIG_FILE");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if std::env::var_os("PYO3_BUILD_EXTENSION_MODULE").is_none() || os == "windows" {
        // pyo3 links libpython itself (always on Windows).
        return;
    }
    // The interpreter maturin found (it sets PYO3_PYTHON), or the one on PATH.
    let python = std::env::var("PYO3_PYTHON").unwrap_or_else(|_| "python3".into());
    let script =
        "import sysconfig; print(sysconfig.get_config_var('LIBDIR')); print(sysconfig.get_config_var('LDVERSION'))";
    let Ok(output) = Command::new(&python).args(["-c", script]).output() else {
        println!("cargo:warning=cannot run {python}: the stub_gen binary will not link");
        return;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    if let (Some(libdir), Some(version)) = (lines.next(), lines.next()) {
        println!("cargo:rustc-link-arg-bins=-L{libdir}");
        println!("cargo:rustc-link-arg-bins=-lpython{version}");
        println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{libdir}");
        if os == "linux" {
            // Without the debug information of every crate linked, the binary is
            // a quarter of the size and links faster; it is never debugged.
            println!("cargo:rustc-link-arg-bins=-Wl,--strip-debug");
        }
    }
}
