//! Reading of input documents shared by `validate`, `convert`, `ack` and `conformance run`: format
//! detection from the content (canonical JSON, interscambio XML or an INPS flow), reading of a
//! `PRSS_IN001004ZZ` message, the validation of a read message (reader findings + canonical rules,
//! deduplicated, [`cartella::documento::valida_letto`]), and [`valida_documento`], the one validation
//! of a document by content that `validate` and `conformance run` share (a wrapper of
//! [`cartella::documento::valida_come`]).

use std::io::{self, Read};
use std::path::Path;

use cartella::documento;
use cartella::model::{Cartella, Identificatore, Istante, MessaggioInterscambio, Oid};
use cartella::rules::{Issue, Profiles, Report, Suppression, ValidationOptions, Validator};
use cartella::{json, CartellaError};

use chrono::NaiveDate;

use crate::output::{mask_identifiers, ProfileArg};

/// Root of message and device ids used when an option gives only an extension.
pub const ROOT_ID_DEFAULT: &str = "2.16.840.1.113883.2.9.2.30.3.2.4.3";

/// Format of an input document, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formato {
    /// Canonical JSON (first non-whitespace character `{`, or anything that is not XML).
    Json,
    /// Interscambio XML (first non-whitespace character `<`, or a UTF-16 byte order mark).
    Xml,
}

/// Detects the format from the content with [`cartella::documento::rileva`]: any XML kind
/// (a UTF-16 BOM, or `<` after an optional UTF-8 BOM and whitespace) is XML; anything else
/// (normally `{`) is read as JSON.
pub fn rileva_formato(bytes: &[u8]) -> Formato {
    match documento::rileva(bytes) {
        Some(
            TipoDocumento::InterscambioXml | TipoDocumento::FlussoInps | TipoDocumento::RispostaXml,
        ) => Formato::Xml,
        Some(TipoDocumento::CartellaJson | TipoDocumento::MessaggioJson) | None => Formato::Json,
    }
}

/// Reads a file (`-` = standard input) as bytes; the error is free of user data.
pub fn leggi_file(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    bytes.map_err(|e| format!("cannot read the file: {}", io_error_kind(&e)))
}

/// Label of a path in reports.
pub fn etichetta(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    }
}

/// An I/O error without the path (the path is already the label; the message must not repeat
/// user data).
pub fn io_error_kind(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => mask_identifiers(&e.to_string()),
    }
}

/// The text of a JSON document: UTF-8 without the optional BOM.
pub fn testo_json(bytes: &[u8]) -> Result<&str, String> {
    let resto = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(resto).map_err(|_| "cannot read the file: not valid UTF-8".to_string())
}

/// A library parse error as a one-line message without codici fiscali.
pub fn parse_error_message(e: &CartellaError) -> String {
    mask_identifiers(&documento::messaggio_errore_json(e))
}

/// A canonical JSON document accepted by `convert`.
#[derive(Debug)]
pub enum DocumentoJson {
    /// A `MessaggioInterscambio` (top-level object with a `cartella` member).
    Messaggio(Box<MessaggioInterscambio>),
    /// A `Cartella`.
    Cartella(Box<Cartella>),
}

/// Reads canonical JSON as a `MessaggioInterscambio` when the top-level object has a `cartella`
/// member, as a `Cartella` otherwise.
pub fn leggi_json(bytes: &[u8]) -> Result<DocumentoJson, String> {
    let testo = testo_json(bytes)?;
    if documento::rileva(bytes) == Some(TipoDocumento::MessaggioJson) {
        json::messaggio_from_str(testo)
            .map(|m| DocumentoJson::Messaggio(Box::new(m)))
            .map_err(|e| parse_error_message(&e))
    } else {
        json::from_str(testo)
            .map(|c| DocumentoJson::Cartella(Box::new(c)))
            .map_err(|e| parse_error_message(&e))
    }
}

/// An XML message that could be read, with the reader findings.
pub struct XmlLetto {
    /// The message.
    pub messaggio: MessaggioInterscambio,
    /// The reader findings (XML-*, CSI-ENV-*, CSI-CMP-*, canonical rules seen while reading).
    pub issues: Vec<Issue>,
}

/// Why an XML message could not be read: a one-line summary and the blocking reader findings.
pub struct XmlIlleggibile {
    /// Summary (rule ids and English messages).
    pub messaggio: String,
    /// The reader findings.
    pub issues: Vec<Issue>,
}

/// Reads an interscambio request with the hardened reader (default limits);
/// [`cartella::documento::leggi_xml`].
pub fn leggi_xml(bytes: &[u8]) -> Result<XmlLetto, XmlIlleggibile> {
    documento::leggi_xml(bytes)
        .map(|(messaggio, issues)| XmlLetto { messaggio, issues })
        .map_err(|e| XmlIlleggibile {
            messaggio: e.messaggio,
            issues: e.issues,
        })
}

/// Validates a message read from XML: [`cartella::documento::valida_letto`] (reader findings +
/// canonical rules, deduplicated).
pub fn valida_letto(validator: &Validator, letto: &XmlLetto) -> Report {
    documento::valida_letto(validator, &letto.messaggio, &letto.issues)
}

/// What happened to one document.
pub enum Esito {
    /// Parsed and validated.
    Validated(Report),
    /// Not readable or not parseable (message already free of codici fiscali), with the reader
    /// findings of an unreadable XML message.
    Failed(String, Vec<Issue>),
}

pub use cartella::documento::TipoDocumento;

/// Whether [`valida_documento`] reads canonical JSON `MessaggioInterscambio` documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessaggioJson {
    /// JSON is always read as a `Cartella` (`cartella validate`: a message fails to parse).
    NonLetto,
    /// A top-level object with a `cartella` member is read as a message and validated with
    /// `Validator::validate_messaggio` (pointers under `/cartella`); `conformance run`.
    Letto,
}

/// A validated document: its kind and the outcome.
pub struct DocumentoValidato {
    /// Kind detected from the content.
    pub tipo: TipoDocumento,
    /// Findings, or why the document could not be read.
    pub esito: Esito,
}

/// Parses and validates one document, JSON or XML by content, with
/// [`cartella::documento::valida_come`]; INPS flows (PS-PSA-SINA, SINBA) are checked like
/// `cartella siuss check` on the `upload` channel, whatever the validator's profiles say. Shared
/// by `cartella validate` and `cartella conformance run`.
pub fn valida_documento(
    validator: &Validator,
    bytes: &[u8],
    suppressions: &[Suppression],
    messaggi: MessaggioJson,
) -> DocumentoValidato {
    let tipo = match documento::rileva(bytes) {
        Some(TipoDocumento::MessaggioJson) if messaggi == MessaggioJson::NonLetto => {
            TipoDocumento::CartellaJson
        }
        Some(t) => t,
        None => TipoDocumento::CartellaJson,
    };
    let flussi = cartella::siuss::OpzioniVerifica {
        as_of: Some(validator.as_of()),
        suppressions: suppressions.to_vec(),
        ..Default::default()
    };
    let d = documento::valida_come(validator, bytes, tipo, &flussi);
    DocumentoValidato {
        tipo: d.tipo,
        esito: match d.esito {
            Ok(report) => Esito::Validated(report),
            Err(e) => Esito::Failed(e.messaggio, e.issues),
        },
    }
}

/// The validator of the CLI options `--profile` and `--as-of`.
pub fn validatore(profile: ProfileArg, as_of: Option<NaiveDate>) -> Validator {
    let mut options =
        ValidationOptions::default().with_profiles(Profiles::up_to(profile.profile()));
    options.as_of = as_of;
    Validator::new(options)
}

/// Parses an identifier option: `EXTENSION` (root [`ROOT_ID_DEFAULT`]) or `ROOT:EXTENSION` when the
/// part before the first `:` is an OID (digits and dots).
pub fn parse_identificatore(s: &str) -> Result<Identificatore, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("an identifier cannot be empty".to_string());
    }
    let (root, ext) = match s.split_once(':') {
        Some((r, e)) if !r.is_empty() && r.chars().all(|c| c.is_ascii_digit() || c == '.') => {
            (r, e)
        }
        _ => (ROOT_ID_DEFAULT, s),
    };
    if ext.is_empty() {
        return Err(format!("{s:?}: the extension is empty"));
    }
    Ok(Identificatore {
        root: Oid::new(root),
        extension: Some(ext.to_string()),
    })
}

/// Parses a `--created` value (`YYYY-MM-DDTHH:MM:SS` or any form `Istante` accepts).
pub fn parse_istante(s: &str) -> Result<Istante, String> {
    Istante::parse(s).map_err(|_| format!("{s:?} is not a date-time like 2024-02-01T10:30:00"))
}

/// The current local time, second precision.
pub fn adesso() -> Result<Istante, String> {
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    parse_istante(&now)
}

/// One finding as a line for standard error: `severity RULE_ID path [xml_path]: message`.
pub fn riga_finding(i: &Issue) -> String {
    let path = if i.path.is_empty() { "/" } else { &i.path };
    match &i.xml_path {
        Some(x) => format!(
            "{} {} {path} [{x}]: {}",
            i.severity.as_str(),
            i.rule_id,
            i.message_en
        ),
        None => format!(
            "{} {} {path}: {}",
            i.severity.as_str(),
            i.rule_id,
            i.message_en
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_format_from_content() {
        assert_eq!(
            rileva_formato(b"  \n<?xml version='1.0'?><a/>"),
            Formato::Xml
        );
        assert_eq!(rileva_formato(b"\xEF\xBB\xBF<a/>"), Formato::Xml);
        assert_eq!(rileva_formato(b"\xFF\xFE<\0"), Formato::Xml);
        assert_eq!(rileva_formato(b"\xEF\xBB\xBF {\"a\":1}"), Formato::Json);
        assert_eq!(rileva_formato(b"{}"), Formato::Json);
        assert_eq!(rileva_formato(b"garbage"), Formato::Json);
        assert_eq!(rileva_formato(b""), Formato::Json);
    }

    #[test]
    fn parses_identifier_options() {
        let i = parse_identificatore("MSG-1").expect("id");
        assert_eq!(i.root.as_str(), ROOT_ID_DEFAULT);
        assert_eq!(i.extension.as_deref(), Some("MSG-1"));
        let i = parse_identificatore("1.2.3:X:Y").expect("id");
        assert_eq!(i.root.as_str(), "1.2.3");
        assert_eq!(i.extension.as_deref(), Some("X:Y"));
        let i = parse_identificatore("AB:C").expect("id");
        assert_eq!(i.root.as_str(), ROOT_ID_DEFAULT);
        assert_eq!(i.extension.as_deref(), Some("AB:C"));
        assert!(parse_identificatore(" ").is_err());
        assert!(parse_identificatore("1.2:").is_err());
    }
}
