//! uniffi's binding generator, pinned to the crate's exact `uniffi` version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
