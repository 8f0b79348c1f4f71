//! The published JSON Schema must equal the one generated from the Rust types.

use std::path::PathBuf;

#[test]
fn published_schema_matches_types() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema/cartella.schema.json");
    let published = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = cartella::json::json_schema_string();
    assert!(
        published == generated,
        "{} is out of date with the model types: regenerate it with \
         `cargo run -p cartella --example write_schema` and commit the result",
        path.display()
    );
}

#[test]
fn schema_is_draft_2020_12_and_strict() {
    let schema = cartella::json::json_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    let required = schema["required"].as_array().expect("required");
    for key in [
        "versione_modello",
        "id_cartella",
        "ente_titolare",
        "assistito",
    ] {
        assert!(required.iter().any(|r| r == key), "{key} required");
    }
    let text = schema.to_string();
    assert!(!text.contains("\"null\""), "no nullable types");
    for def in [
        "MessaggioInterscambio",
        "RispostaInterscambio",
        "Fase",
        "Istante",
        "Decimale",
    ] {
        assert!(schema["$defs"].get(def).is_some(), "$defs/{def}");
    }
}
