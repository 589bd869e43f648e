//! Runs uniffi's bindgen (`uniffi-bindgen generate …`).
fn main() {
    uniffi::uniffi_bindgen_main()
}
