//! Canonical JSON (`model.md` §1.6): reading and writing [`Cartella`], [`MessaggioInterscambio`]
//! and [`RispostaInterscambio`].
//!
//! Writers emit keys in the order of the spec tables, omit absent optionals and empty arrays, and
//! are byte-stable: `to_string(&from_str(j)?) == j` for every `j` produced by this module.
//! Readers accept any key order and reject `null`, unknown keys (except inside `estensioni`),
//! missing required keys, unknown closed-list tokens, malformed `Data`/`Istante`/`MeseAnno`/
//! `Decimale` values and any `versione_modello` other than `"1.0"`. Error messages never contain
//! a full codice fiscale.
//!
//! ```
//! use cartella::json;
//! let text = r#"{"versione_modello":"1.0","id_cartella":"C-1",
//!   "ente_titolare":{"id":{"root":"2.16.840.1.113883.2.9.2.30.3.2.4.3","extension":"015146"}},
//!   "assistito":{"nome":"MARIO"}}"#;
//! let cartella = json::from_str(text).unwrap();
//! assert_eq!(cartella.assistito.nome.as_ref().unwrap().as_str(), "MARIO");
//! assert!(json::to_string(&cartella).starts_with(r#"{"versione_modello":"1.0","id_cartella":"C-1""#));
//! ```

use std::io::{Read, Write};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{CartellaError, Result};
use crate::model::primitivi::ERRORE_VERSIONE;
use crate::model::{Cartella, MessaggioInterscambio, RispostaInterscambio};

/// A top-level canonical document: [`Cartella`], [`MessaggioInterscambio`] or
/// [`RispostaInterscambio`] (sealed).
pub trait Documento: Serialize + DeserializeOwned + private::Sealed {}
impl Documento for Cartella {}
impl Documento for MessaggioInterscambio {}
impl Documento for RispostaInterscambio {}

mod private {
    pub trait Sealed {}
    impl Sealed for crate::model::Cartella {}
    impl Sealed for crate::model::MessaggioInterscambio {}
    impl Sealed for crate::model::RispostaInterscambio {}
}

/// Reads a document of type `T` from canonical JSON text.
pub fn parse<T: Documento>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(converti)
}

/// Reads a document of type `T` from canonical JSON bytes (UTF-8, no BOM).
pub fn parse_slice<T: Documento>(bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(converti)
}

/// Reads a document of type `T` from a reader (buffer it for speed).
pub fn parse_reader<T: Documento, R: Read>(reader: R) -> Result<T> {
    serde_json::from_reader(reader).map_err(converti)
}

/// Writes a document as compact canonical JSON.
pub fn write<T: Documento>(doc: &T) -> String {
    // Serialising the model cannot fail: every map key is a string and no Serialize impl of the
    // model returns an error.
    serde_json::to_string(doc).expect("canonical model serialisation is infallible")
}

/// Writes a document as pretty canonical JSON (2-space indent).
pub fn write_pretty<T: Documento>(doc: &T) -> String {
    serde_json::to_string_pretty(doc).expect("canonical model serialisation is infallible")
}

/// Writes a document as compact canonical JSON into a writer.
pub fn write_to<T: Documento, W: Write>(doc: &T, writer: W) -> Result<()> {
    serde_json::to_writer(writer, doc).map_err(converti)
}

/// Reads a [`Cartella`] from canonical JSON text.
pub fn from_str(text: &str) -> Result<Cartella> {
    parse(text)
}

/// Reads a [`Cartella`] from canonical JSON bytes.
pub fn from_slice(bytes: &[u8]) -> Result<Cartella> {
    parse_slice(bytes)
}

/// Reads a [`Cartella`] from a reader.
pub fn from_reader<R: Read>(reader: R) -> Result<Cartella> {
    parse_reader(reader)
}

/// Writes a [`Cartella`] as compact canonical JSON.
pub fn to_string(cartella: &Cartella) -> String {
    write(cartella)
}

/// Writes a [`Cartella`] as pretty canonical JSON (2-space indent).
pub fn to_string_pretty(cartella: &Cartella) -> String {
    write_pretty(cartella)
}

/// Reads a [`MessaggioInterscambio`] from canonical JSON text.
pub fn messaggio_from_str(text: &str) -> Result<MessaggioInterscambio> {
    parse(text)
}

/// Writes a [`MessaggioInterscambio`] as compact canonical JSON.
pub fn messaggio_to_string(messaggio: &MessaggioInterscambio) -> String {
    write(messaggio)
}

/// Writes a [`MessaggioInterscambio`] as pretty canonical JSON.
pub fn messaggio_to_string_pretty(messaggio: &MessaggioInterscambio) -> String {
    write_pretty(messaggio)
}

/// Reads a [`RispostaInterscambio`] from canonical JSON text.
pub fn risposta_from_str(text: &str) -> Result<RispostaInterscambio> {
    parse(text)
}

/// Writes a [`RispostaInterscambio`] as compact canonical JSON.
pub fn risposta_to_string(risposta: &RispostaInterscambio) -> String {
    write(risposta)
}

/// Writes a [`RispostaInterscambio`] as pretty canonical JSON.
pub fn risposta_to_string_pretty(risposta: &RispostaInterscambio) -> String {
    write_pretty(risposta)
}

/// Maps a serde_json error to the library error, masking anything that could be a codice
/// fiscale.
fn converti(e: serde_json::Error) -> CartellaError {
    if e.is_io() {
        return CartellaError::Io(e.into());
    }
    let (line, column) = (e.line(), e.column());
    let mut message = e.to_string();
    // serde_json appends " at line L column C": the position has its own fields.
    if let Some(p) = message.rfind(" at line ") {
        message.truncate(p);
    }
    if let Some(p) = message.find(ERRORE_VERSIONE) {
        let found = message[p + ERRORE_VERSIONE.len()..]
            .trim()
            .trim_matches('"')
            .to_string();
        return CartellaError::VersioneModello {
            found: crate::privacy::maschera_testo(&found),
            expected: crate::VERSIONE_MODELLO,
        };
    }
    CartellaError::Json {
        message: crate::privacy::maschera_testo(&message),
        line,
        column,
    }
}

/// The JSON Schema (draft 2020-12) of the canonical JSON, generated from the Rust types: the
/// root is [`Cartella`]; [`MessaggioInterscambio`] and [`RispostaInterscambio`] are in `$defs`.
/// Published as `docs/schema/cartella.schema.json` (`cargo run -p cartella --example
/// write_schema`).
pub fn json_schema() -> serde_json::Value {
    // `null` is rejected by the readers: optional fields are only "not required".
    let settings = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .with_transform(schemars::transform::RecursiveTransform(senza_null));
    let mut generator = settings.into_generator();
    generator.subschema_for::<MessaggioInterscambio>();
    generator.subschema_for::<RispostaInterscambio>();
    let mut schema = generator.into_root_schema_for::<Cartella>();
    schema.insert(
        "$id".into(),
        "https://example.invalid/cartella/cartella.schema.json".into(),
    );
    schema.insert(
        "title".into(),
        "Cartella (canonical JSON, versione_modello 1.0)".into(),
    );
    schema.to_value()
}

/// [`json_schema`] as pretty text with a final newline (the published file's exact content).
pub fn json_schema_string() -> String {
    write_value_pretty(&json_schema()) + "\n"
}

/// Removes the `null` alternative that schemars adds to `Option<T>` fields.
fn senza_null(schema: &mut schemars::Schema) {
    use serde_json::Value;
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(values)) = obj.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    let is_null = |v: &Value| v.get("type").is_some_and(|t| t == "null");
    if let Some(Value::Array(alternatives)) = obj.get_mut("anyOf") {
        if alternatives.iter().any(is_null) {
            alternatives.retain(|v| !is_null(v));
            if alternatives.len() == 1 {
                if let Some(Value::Object(only)) = alternatives.pop() {
                    obj.remove("anyOf");
                    for (k, v) in only {
                        obj.entry(k).or_insert(v);
                    }
                }
            }
        }
    }
}

fn write_value_pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).expect("JSON value serialisation is infallible")
}
