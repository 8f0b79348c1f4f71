//! Detection and validation of a document by its content, so that every binding can certify any
//! file a vendor exports: canonical JSON (`Cartella` or `MessaggioInterscambio`), interscambio
//! XML `PRSS_IN001004ZZ` or its acknowledgement `MCCI_IN000002UV01`, or an INPS flow
//! (PS-PSA-SINA, SINBA).
//!
//! [`rileva`] looks at the first bytes only; [`valida`] reads and validates the document like
//! `cartella validate` and `cartella conformance run` do.
//!
//! ```
//! use cartella::documento::{rileva, valida, TipoDocumento};
//! use cartella::ValidationOptions;
//!
//! let json = cartella::samples::get("accesso-informativo").unwrap().json.as_bytes();
//! assert_eq!(rileva(json), Some(TipoDocumento::CartellaJson));
//! let d = valida(json, &ValidationOptions::default());
//! assert!(d.esito.unwrap().is_valid());
//! assert_eq!(rileva(b"garbage"), None);
//! ```

use std::collections::HashSet;

use crate::error::CartellaError;
use crate::interscambio::lettore::{leggi, OpzioniLettura};
use crate::interscambio::lettura_risposta::leggi_risposta;
use crate::model::MessaggioInterscambio;
use crate::privacy::maschera_testo;
use crate::rules::{Issue, Report, Severity, ValidationOptions, Validator};
use crate::siuss::xml::OpzioniLetturaFlusso;
use crate::siuss::{verifica_lettura, OpzioniVerifica, NAMESPACE};

/// How many leading bytes are searched for the INPS namespace.
const TESTA_FLUSSO: usize = 4096;

/// Kind of a document, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TipoDocumento {
    /// Canonical JSON read as a `Cartella`.
    CartellaJson,
    /// Canonical JSON `MessaggioInterscambio` (top-level object with a `cartella` member).
    MessaggioJson,
    /// Interscambio XML `PRSS_IN001004ZZ` (XML that is not an INPS flow).
    InterscambioXml,
    /// INPS flow (PS-PSA-SINA or SINBA: the INPS namespace in the first 4 KiB).
    FlussoInps,
    /// Interscambio acknowledgement `MCCI_IN000002UV01` (its root element name in the first
    /// 4 KiB).
    RispostaXml,
}

impl TipoDocumento {
    /// Label for reports: `cartella JSON`, `interscambio message JSON`, `interscambio XML`,
    /// `INPS flow XML`.
    pub fn etichetta(self) -> &'static str {
        match self {
            TipoDocumento::CartellaJson => "cartella JSON",
            TipoDocumento::MessaggioJson => "interscambio message JSON",
            TipoDocumento::InterscambioXml => "interscambio XML",
            TipoDocumento::FlussoInps => "INPS flow XML",
            TipoDocumento::RispostaXml => "interscambio acknowledgement XML",
        }
    }
}

/// Why a document could not be read: a one-line message (codici fiscali masked) and, for an
/// interscambio message the reader gave up on, the reader findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Illeggibile {
    /// One-line summary, free of codici fiscali.
    pub messaggio: String,
    /// Reader findings (empty unless an interscambio XML message could not be read).
    pub issues: Vec<Issue>,
}

impl Illeggibile {
    fn solo(messaggio: impl AsRef<str>) -> Illeggibile {
        Illeggibile {
            messaggio: maschera_testo(messaggio.as_ref()),
            issues: Vec::new(),
        }
    }
}

/// A validated document: its kind and the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentoValidato {
    /// Kind detected from the content ([`TipoDocumento::CartellaJson`] when nothing was
    /// recognised: the content is then reported as JSON that cannot be read).
    pub tipo: TipoDocumento,
    /// The findings, or why the document could not be read.
    pub esito: Result<Report, Illeggibile>,
}

/// Detects the kind of a document from its content: a UTF-16 byte order mark means XML;
/// otherwise, after an optional UTF-8 byte order mark and whitespace, `{` means JSON (a message
/// when the top-level object has a `cartella` member) and `<` XML. XML is an INPS flow when the
/// INPS namespace `http://inps.it/Casellario` appears in its first 4 KiB, an acknowledgement when
/// its root `MCCI_IN000002UV01` does, an interscambio message otherwise. `None` for anything
/// else (empty, binary, text).
pub fn rileva(bytes: &[u8]) -> Option<TipoDocumento> {
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(tipo_xml(bytes));
    }
    let resto = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match resto.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Some(tipo_xml(bytes)),
        Some(b'{') => Some(match std::str::from_utf8(resto) {
            Ok(testo) if e_messaggio_json(testo) => TipoDocumento::MessaggioJson,
            _ => TipoDocumento::CartellaJson,
        }),
        _ => None,
    }
}

fn tipo_xml(bytes: &[u8]) -> TipoDocumento {
    let testa = &bytes[..bytes.len().min(TESTA_FLUSSO)];
    let contiene = |ago: &[u8]| testa.windows(ago.len()).any(|w| w == ago);
    if contiene(NAMESPACE.as_bytes()) {
        TipoDocumento::FlussoInps
    } else if contiene(b"<MCCI_IN000002UV01") || contiene(b":MCCI_IN000002UV01 ") {
        TipoDocumento::RispostaXml
    } else {
        TipoDocumento::InterscambioXml
    }
}

/// Whether JSON text is a `MessaggioInterscambio`: a top-level object with a `cartella` member.
fn e_messaggio_json(testo: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(testo)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.contains_key("cartella")))
        .unwrap_or(false)
}

/// Reads and validates one document, its kind detected by [`rileva`]:
///
/// - canonical JSON: `Validator::validate` (a `Cartella`) or `Validator::validate_messaggio` (a
///   message, pointers under `/cartella`);
/// - interscambio XML: the hardened reader, then [`valida_letto`] (reader findings + canonical
///   rules, deduplicated);
/// - INPS flows: [`verifica_lettura`] on the `upload` channel, with `options.as_of` and
///   `options.suppressions`, whatever the profiles say;
/// - anything else: reported as JSON that cannot be read.
///
/// The suppressions of `options` apply to every kind. Never panics on input.
pub fn valida(bytes: &[u8], options: &ValidationOptions) -> DocumentoValidato {
    valida_con(bytes, options, OpzioniVerifica::default())
}

/// [`valida`] with the options INPS flows are checked with (channel, quota tolerance, the send
/// register for `SIUSS-PS-069`); their `as_of` and `suppressions` are taken from `options`, so
/// every kind of document is judged on the same date with the same suppressions.
pub fn valida_con(
    bytes: &[u8],
    options: &ValidationOptions,
    flussi: OpzioniVerifica,
) -> DocumentoValidato {
    let validator = Validator::new(options.clone());
    let tipo = rileva(bytes).unwrap_or(TipoDocumento::CartellaJson);
    let flussi = OpzioniVerifica {
        as_of: Some(validator.as_of()),
        suppressions: options.suppressions.clone(),
        ..flussi
    };
    valida_come(&validator, bytes, tipo, &flussi)
}

/// [`valida`] with a ready validator and the kind decided by the caller (e.g. `cartella
/// validate` reads every JSON document as a `Cartella`). `flussi` are the options INPS flows are
/// checked with, their suppressions included (the validator applies its own to the other kinds).
pub fn valida_come(
    validator: &Validator,
    bytes: &[u8],
    tipo: TipoDocumento,
    flussi: &OpzioniVerifica,
) -> DocumentoValidato {
    let esito = match tipo {
        TipoDocumento::FlussoInps => {
            verifica_lettura(bytes, flussi, &OpzioniLetturaFlusso::default())
                .map_err(|e| Illeggibile::solo(e.to_string()))
        }
        TipoDocumento::InterscambioXml => {
            leggi_xml(bytes).map(|(m, issues)| valida_letto(validator, &m, &issues))
        }
        TipoDocumento::RispostaXml => leggi_risposta(bytes, &OpzioniLettura::default())
            .map_err(|e| Illeggibile::solo(format!("cannot read the acknowledgement: {e}")))
            .and_then(|l| match l.risposta {
                Some(_) => {
                    let mut report = Report {
                        issues: l.issues,
                        suppressed: Vec::new(),
                    };
                    report.apply_suppressions(&flussi.suppressions);
                    Ok(report)
                }
                None => Err(Illeggibile {
                    messaggio: maschera_testo("not a readable interscambio acknowledgement"),
                    issues: l.issues,
                }),
            }),
        TipoDocumento::MessaggioJson => testo_json(bytes).and_then(|t| {
            crate::json::messaggio_from_str(t)
                .map(|m| validator.validate_messaggio(&m))
                .map_err(|e| Illeggibile::solo(messaggio_errore_json(&e)))
        }),
        TipoDocumento::CartellaJson => testo_json(bytes).and_then(|t| {
            crate::json::from_str(t)
                .map(|c| validator.validate(&c))
                .map_err(|e| Illeggibile::solo(messaggio_errore_json(&e)))
        }),
    };
    DocumentoValidato { tipo, esito }
}

/// The text of a JSON document: UTF-8 without the optional byte order mark.
fn testo_json(bytes: &[u8]) -> Result<&str, Illeggibile> {
    let resto = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(resto)
        .map_err(|_| Illeggibile::solo("cannot read the file: not valid UTF-8"))
}

/// A parse error of the canonical JSON as one line (not yet masked).
pub fn messaggio_errore_json(e: &CartellaError) -> String {
    match e {
        CartellaError::Json {
            message,
            line,
            column,
        } if *line > 0 => {
            format!("not canonical JSON: {message} (line {line}, column {column})")
        }
        CartellaError::Json { message, .. } => format!("not canonical JSON: {message}"),
        other => other.to_string(),
    }
}

/// Reads an interscambio request with the hardened reader (default limits): the message and the
/// reader findings, or why it cannot be read (blocking reader findings included).
pub fn leggi_xml(bytes: &[u8]) -> Result<(MessaggioInterscambio, Vec<Issue>), Illeggibile> {
    let lettura = leggi(bytes, &OpzioniLettura::default())
        .map_err(|e| Illeggibile::solo(format!("cannot read the XML message: {e}")))?;
    match lettura.messaggio {
        Some(m) => Ok((m, lettura.issues)),
        None => {
            let dettagli: Vec<String> = lettura
                .issues
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .map(|i| format!("{}: {}", i.rule_id, i.message_en))
                .collect();
            let messaggio = if dettagli.is_empty() {
                "not an interscambio message".to_string()
            } else {
                format!(
                    "not a readable interscambio message: {}",
                    dettagli.join("; ")
                )
            };
            Err(Illeggibile {
                messaggio: maschera_testo(&messaggio),
                issues: lettura.issues,
            })
        }
    }
}

/// Validates a message read from XML: the reader findings (kept when their rule is enabled by the
/// validator's profiles and date) followed by the canonical rules on the message
/// (`Validator::validate_messaggio`, pointers under `/cartella`). A canonical finding with the
/// same rule id and JSON Pointer as a reader finding is dropped (the reader's one carries the
/// `xml_path`). The validator's suppressions apply to both.
pub fn valida_letto(
    validator: &Validator,
    messaggio: &MessaggioInterscambio,
    lettura: &[Issue],
) -> Report {
    let mut ctx = validator.context();
    for issue in lettura {
        ctx.push(issue.clone());
    }
    let mut report = validator.finish(ctx);
    let chiavi: HashSet<(String, String)> = report
        .issues
        .iter()
        .chain(report.suppressed.iter().map(|s| &s.issue))
        .map(|i| (i.rule_id.clone(), i.path.clone()))
        .collect();
    let canonico = validator.validate_messaggio(messaggio);
    let nuovo = |i: &Issue| !chiavi.contains(&(i.rule_id.clone(), i.path.clone()));
    report
        .issues
        .extend(canonico.issues.into_iter().filter(|i| nuovo(i)));
    report
        .suppressed
        .extend(canonico.suppressed.into_iter().filter(|s| nuovo(&s.issue)));
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kinds_from_content() {
        assert_eq!(
            rileva(b"  \n<?xml version='1.0'?><a/>"),
            Some(TipoDocumento::InterscambioXml)
        );
        assert_eq!(
            rileva(b"\xEF\xBB\xBF<a/>"),
            Some(TipoDocumento::InterscambioXml)
        );
        assert_eq!(rileva(b"\xFF\xFE<\0"), Some(TipoDocumento::InterscambioXml));
        assert_eq!(
            rileva(br#"<Flusso xmlns="http://inps.it/Casellario"/>"#),
            Some(TipoDocumento::FlussoInps)
        );
        assert_eq!(
            rileva(b"\xEF\xBB\xBF {\"a\":1}"),
            Some(TipoDocumento::CartellaJson)
        );
        assert_eq!(
            rileva(b"{\"cartella\":{}}"),
            Some(TipoDocumento::MessaggioJson)
        );
        assert_eq!(rileva(b"{"), Some(TipoDocumento::CartellaJson));
        assert_eq!(rileva(b"garbage"), None);
        assert_eq!(rileva(b""), None);
        assert_eq!(rileva(b"[]"), None);
    }

    #[test]
    fn unreadable_documents_are_reported_not_panicked() {
        let o = ValidationOptions::default();
        for bytes in [
            &b""[..],
            b"garbage",
            b"{",
            b"<",
            b"\xFF\xFE",
            b"\xEF\xBB\xBF{\xFF}",
        ] {
            let d = valida(bytes, &o);
            assert!(d.esito.is_err(), "{bytes:?}");
        }
        let d = valida(b"{\"x\": \"RSSMRA80A01H501U\"}", &o);
        let m = d.esito.err().map(|e| e.messaggio).unwrap_or_default();
        assert!(!m.contains("RSSMRA80A01H501U"), "{m}");
    }
}
