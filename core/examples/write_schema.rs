//! Rewrites `docs/schema/cartella.schema.json` from the Rust types.
//!
//! `cargo run -p cartella --example write_schema` (checked by `core/tests/schema_drift.rs`).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema/cartella.schema.json");
    std::fs::create_dir_all(path.parent().expect("docs/schema has a parent"))?;
    std::fs::write(&path, cartella::json::json_schema_string())?;
    println!("wrote {}", path.display());
    Ok(())
}
