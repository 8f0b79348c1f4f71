//! Validation: the rule catalogue, findings, the engine and the rules themselves.
//!
//! ```
//! use cartella::rules::{catalogo, Profile, Severity};
//! let rule = catalogo().get("CF-003").unwrap();
//! assert_eq!(rule.severity, Severity::Error);
//! assert_eq!(rule.profile, Profile::Guideline);
//! ```

mod catalogo;
mod engine;
mod famiglie;
mod issue;

pub use catalogo::{
    catalogo, regola, Catalogo, CatalogueError, RuleDef, RuleSet, Stage, RULES_CSV,
};
pub use engine::{
    data_roma, oggi_roma, validate, Ctx, Profiles, ReferenceData, ValidationOptions, Validator,
};
pub use famiglie::{DEFERRED, IMPLEMENTED};
pub use issue::{Issue, Profile, Report, Severity, SuppressedIssue, Suppression};

mod accesso;
mod anagrafica;
mod cf;
mod codici;
mod date;
mod erogazione;
mod fasi;
mod finale;
mod importi;
mod operatori;
mod privacy;
mod progetto;
mod relazioni;
#[cfg(test)]
mod test_support;
mod valutazione;
