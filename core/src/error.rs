//! Errors of the library API. Validation findings are not errors: see [`crate::rules::Issue`].

use thiserror::Error;

/// Every failure of the library API.
///
/// Findings about the *content* of a document are data ([`crate::rules::Issue`]); these errors are
/// raised only when an operation cannot be carried out at all (a document that cannot be parsed, a
/// table that cannot be loaded, an illegal lifecycle transition requested through the API...).
/// No variant ever holds a full codice fiscale.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CartellaError {
    /// The canonical JSON could not be parsed into the model.
    #[error("canonical JSON: {message} (line {line}, column {column})")]
    Json {
        /// What went wrong.
        message: String,
        /// 1-based line, 0 when unknown.
        line: usize,
        /// 1-based column, 0 when unknown.
        column: usize,
    },
    /// `versione_modello` is not a version this library reads.
    #[error("unsupported versione_modello {found:?} (expected {expected:?})")]
    VersioneModello {
        /// Value found in the document.
        found: String,
        /// Value this library reads.
        expected: &'static str,
    },
    /// A code table, reference table or concept map could not be loaded.
    #[error("table {table}: {message}")]
    Tabella {
        /// Which table.
        table: String,
        /// What went wrong (with the line number when known).
        message: String,
    },
    /// A code system identifier is not known to the registry.
    #[error("unknown code system {0}")]
    SistemaSconosciuto(String),
    /// A rule id is not in the catalogue.
    #[error("unknown rule id {0}")]
    RegolaSconosciuta(String),
    /// A suppression was given without a reason.
    #[error("suppression of {rule_id} needs a reason")]
    SoppressioneSenzaMotivo {
        /// Rule id of the suppression.
        rule_id: String,
    },
    /// A lifecycle transition is not allowed; `rule_id` is the `CSI-LCY-*` rule it violates.
    #[error("illegal transition {evento} in state {stato} ({rule_id})")]
    TransizioneIllegale {
        /// Rule violated.
        rule_id: String,
        /// Event requested.
        evento: String,
        /// Current state.
        stato: String,
    },
    /// A value given to an API function is malformed (e.g. a date string).
    #[error("invalid argument {name}: {message}")]
    Argomento {
        /// Argument name.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
    /// An INPS flow (or one of its records) cannot be derived or built; the blocking findings
    /// (`SIUSS-*` rule ids, parameters masked) say why.
    #[error("INPS flow cannot be derived: {}", elenco_regole(.findings))]
    FlussoNonDerivabile {
        /// The blocking findings.
        findings: Vec<crate::rules::Issue>,
    },
    /// Reading or writing through a reader/writer given by the caller failed.
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}

fn elenco_regole(findings: &[crate::rules::Issue]) -> String {
    findings
        .iter()
        .map(|i| format!("{} at {}", i.rule_id, i.path))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Result alias of the library.
pub type Result<T, E = CartellaError> = std::result::Result<T, E>;
