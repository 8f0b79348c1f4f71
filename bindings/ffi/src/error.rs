//! The one error type of the foreign API.
//!
//! Modelled on mozilla application-services: the library's [`cartella::CartellaError`] (the
//! *internal* error) is translated here into a small, stable *external* hierarchy. Kotlin sees it
//! as `CartellaException` with one subclass per variant (`CartellaException.Parse`,
//! `CartellaException.IllegalTransition`, …), Java catches the same classes. Every failure the
//! caller can act on has its own variant (I/O failures are `Io`); anything else (a poisoned lock, a
//! future error kind of the core) is `Internal`. No variant carries a full codice fiscale: the core's messages are
//! already masked.

use cartella::CartellaError as Core;

/// Errors raised by the foreign API (`CartellaException` in Kotlin and Java).
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum CartellaError {
    /// The canonical JSON could not be read (syntax, wrong type, unknown or missing key).
    #[error("{detail}")]
    Parse {
        /// What is wrong (identifiers masked).
        detail: String,
        /// 1-based line of the error (0 when unknown).
        line: i64,
        /// 1-based column of the error (0 when unknown).
        column: i64,
    },
    /// `versione_modello` is not the one this library reads.
    #[error("{detail}")]
    UnsupportedVersion {
        /// Message.
        detail: String,
        /// The version found (masked).
        found: String,
        /// The version expected.
        expected: String,
    },
    /// An argument is malformed (a date, a sex, an id that does not exist, an empty reason…).
    #[error("{detail}")]
    InvalidArgument {
        /// Message.
        detail: String,
        /// Name of the argument.
        name: String,
    },
    /// No table is registered or embedded for this code system.
    #[error("{detail}")]
    UnknownCodeSystem {
        /// Message.
        detail: String,
        /// The code system (OID or library name).
        system: String,
    },
    /// The rule id is not in the catalogue.
    #[error("{detail}")]
    UnknownRule {
        /// Message.
        detail: String,
        /// The rule id asked for.
        rule_id: String,
    },
    /// A code table or concept map is malformed.
    #[error("{detail}")]
    InvalidTable {
        /// Message.
        detail: String,
        /// The table (system or file).
        table: String,
    },
    /// A lifecycle event is not allowed in the current state of the process.
    #[error("{detail}")]
    IllegalTransition {
        /// Message.
        detail: String,
        /// The violated rule (`CSI-LCY-*`, or the soft guard's rule in strict mode).
        rule_id: String,
        /// The refused event (`APRI_ACCESSO`, …).
        event: String,
        /// The state of the process (`INIZIALE`, `ACCESSO`, …).
        state: String,
    },
    /// A national flow (`siuss.md` §8) cannot be derived from the D record asked for: the
    /// blocking findings say why.
    #[error("{detail}")]
    FlussoNonDerivabile {
        /// Message (rule ids and paths).
        detail: String,
        /// The blocking findings.
        issues: Vec<crate::findings::Issue>,
    },
    /// A WaaS request was refused (`400`): the response to send back and its findings.
    #[error("{detail}")]
    Rifiuto {
        /// The problem detail (rule ids and English messages).
        detail: String,
        /// The `application/problem+json` response, with the findings.
        response: crate::siuss::HttpResponse,
    },
    /// Reading a file or stream failed (missing file, permission denied, a read error in the
    /// middle of a streamed flow).
    #[error("{detail}")]
    Io {
        /// Message (the kind of failure; never the file's content).
        detail: String,
    },
    /// A failure of the library itself (a bug): please report it.
    #[error("{detail}")]
    Internal {
        /// Message.
        detail: String,
    },
}

impl CartellaError {
    /// An [`CartellaError::InvalidArgument`].
    pub fn argument(name: &str, message: impl std::fmt::Display) -> CartellaError {
        CartellaError::InvalidArgument {
            detail: format!("invalid argument {name}: {message}"),
            name: name.to_string(),
        }
    }

    /// An [`CartellaError::UnknownCodeSystem`].
    pub fn unknown_system(system: &str) -> CartellaError {
        CartellaError::UnknownCodeSystem {
            detail: format!("unknown code system {system}"),
            system: system.to_string(),
        }
    }

    /// An [`CartellaError::Internal`].
    pub fn internal(message: impl std::fmt::Display) -> CartellaError {
        CartellaError::Internal {
            detail: message.to_string(),
        }
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl From<Core> for CartellaError {
    fn from(e: Core) -> Self {
        let detail = e.to_string();
        match e {
            Core::Json { line, column, .. } => CartellaError::Parse {
                detail,
                line: to_i64(line),
                column: to_i64(column),
            },
            Core::VersioneModello { found, expected } => CartellaError::UnsupportedVersion {
                detail,
                found,
                expected: expected.to_string(),
            },
            Core::Tabella { table, .. } => CartellaError::InvalidTable { detail, table },
            Core::SistemaSconosciuto(system) => CartellaError::UnknownCodeSystem { detail, system },
            Core::RegolaSconosciuta(rule_id) => CartellaError::UnknownRule { detail, rule_id },
            Core::SoppressioneSenzaMotivo { .. } => CartellaError::InvalidArgument {
                detail,
                name: "reason".to_string(),
            },
            Core::TransizioneIllegale {
                rule_id,
                evento,
                stato,
            } => CartellaError::IllegalTransition {
                detail,
                rule_id,
                event: evento,
                state: stato,
            },
            Core::Argomento { name, .. } => CartellaError::InvalidArgument {
                detail,
                name: name.to_string(),
            },
            Core::FlussoNonDerivabile { findings } => CartellaError::FlussoNonDerivabile {
                detail,
                issues: findings.into_iter().map(Into::into).collect(),
            },
            // I/O and any error kind added to the core later.
            Core::Io(_) => CartellaError::Io { detail },
            _ => CartellaError::Internal { detail },
        }
    }
}

/// Result of the foreign API.
pub type Result<T, E = CartellaError> = std::result::Result<T, E>;
