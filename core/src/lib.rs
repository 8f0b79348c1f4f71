//! # Cartella
//!
//! The reference implementation of the Regione Lombardia *Cartella Sociale Informatizzata* (CSI,
//! d.g.r. X/5499 of 2016): the canonical model, its code lists and reference data, the codice
//! fiscale, the validation rules, the lifecycle of a *processo di aiuto* and the codecs.
//!
//! The domain speaks Italian (`Cartella`, `Assistito`, `ProcessoAiuto`), the plumbing English
//! (`validate`, `Report`, `Issue`, `Severity`).
//!
//! ```
//! use cartella::{json, rules::{Validator, ValidationOptions}};
//!
//! let text = cartella::samples::get("accesso-informativo").unwrap().json;
//! let cartella = json::from_str(text).unwrap();
//! let report = Validator::new(ValidationOptions::default()).validate(&cartella);
//! assert!(report.is_valid());
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cf;
pub mod codelists;
pub mod conformita;
pub mod documento;
pub mod error;
pub mod interscambio;
pub mod json;
pub mod lifecycle;
pub mod model;
pub mod privacy;
pub mod refdata;
pub mod rules;
pub mod samples;
pub mod siuss;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::CartellaError;
pub use model::Cartella;
pub use rules::{Issue, Profile, Report, Severity, ValidationOptions, Validator};

/// Version of the canonical model this crate reads and writes (`versione_modello`).
pub const VERSIONE_MODELLO: &str = "1.0";
