//! # cartella-ffi
//!
//! The C ABI of [`cartella`] for foreign-language bindings, generated with
//! [uniffi](https://mozilla.github.io/uniffi-rs) (proc-macros, no UDL). The Kotlin bindings and the
//! Java-friendly facade built on them live in `bindings/jvm/`.
//!
//! This crate only **translates**: every function calls the core and converts its types to
//! records, enums and objects uniffi can carry. Dates cross the boundary as ISO 8601 strings
//! (`YYYY-MM-DD`; lifecycle event instants as the model's `Istante` text); the JVM facade converts
//! them to `java.time.LocalDate`. No function panics on any input: arguments are parsed, not
//! unwrapped, and failures are [`CartellaError`] (`CartellaException` on the JVM).
//!
//! Surface:
//!
//! | Area | Items |
//! |---|---|
//! | canonical JSON | [`CartellaHandle`] (`from_json`, `to_json`, accessors), [`validate_json`] |
//! | validation | [`ValidatorHandle`], [`ValidateOptions`], [`SuppressionSpec`], [`Report`], [`Issue`], [`Severity`], [`Profile`] |
//! | rule catalogue | [`rules`], [`explain`], [`RuleInfo`] |
//! | codice fiscale | [`cf_is_valid`], [`cf_decode`], [`cf_encode`], [`cf_check_many`] |
//! | code lists | [`RegistryHandle`], [`code_label`], [`code_list`] |
//! | lifecycle | [`CartellaHandle::current_state`], [`CartellaHandle::allowed_transitions`], [`CartellaHandle::apply_event`], [`CartellaHandle::new_access`], [`CartellaHandle::replay`] |
//! | interscambio | [`read_message`], [`write_message`], [`message_for_process`], [`MessageHandle`], [`WriteOptions`], [`ack_for`], [`ack_type`], [`write_ack`], [`read_ack`], [`AckHandle`] |
//! | national flows (SIUSS) | [`derive_period`], [`derive_prestazione`], [`derive_sinba`], [`FlussoHandle`], [`read_flusso_xml`], [`FlussoHandle::check`], [`check_file`], [`id_flusso`], [`parse_id_flusso`], [`parametri_flussi`], [`RegistroInviiHandle`], [`get_flussi`], [`post_esiti`], [`voce_from_xml`], [`select_flussi_xml`], [`id_beneficiario_sinba`] |
//! | documents of any format | [`validate_document`], [`DocumentResult`], [`DocumentKind`] |
//! | conformance suite | [`ManifestHandle`] (`from_json`, `cases`, `run_case`), [`CaseInfo`], [`DocumentOptions`], [`Outcome`], [`Finding`], [`Difference`] |
//! | samples | [`samples`], [`sample`] |
//!
//! ## Allocator
//!
//! The shared library uses the system allocator. The cargo feature `mimalloc` (off by default:
//! the library lives in the JVM's process, and mimalloc reserves about 1 GiB of address space up
//! front) makes mimalloc its global allocator, as in the `cartella` CLI. Because the allocator is
//! declared in this crate, a Rust crate linking `cartella_ffi` as a library with that feature gets
//! it too; Rust users should depend on `cartella`, which leaves the allocator to them.

uniffi::setup_scaffolding!();

/// mimalloc: faster than the system allocator on the many small allocations of reading and
/// validating documents. Feature `mimalloc` (opt-in).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cartella_obj;
mod cf;
mod codelists;
mod conformance;
mod error;
mod findings;
mod interscambio;
mod lifecycle;
mod rules;
mod samples;
mod siuss;

pub use cartella_obj::{
    validate_json, AssistitoInfo, CartellaHandle, EnteInfo, FaseInfo, ProcessoInfo,
    ValidateOptions, ValidatorHandle,
};
pub use cf::{
    cf_check_many, cf_decode, cf_encode, cf_is_valid, Birthplace, BirthplaceKind, CfDecoded,
    CfOptions, Sex,
};
pub use codelists::{
    code_label, code_list, CodeCheck, CodeEntry, CodeTable, RegistryHandle, TableKind,
};
pub use conformance::{
    validate_document, CaseInfo, Difference, DocumentKind, DocumentOptions, DocumentResult,
    Finding, ManifestHandle, Outcome,
};
pub use error::CartellaError;
pub use findings::{Issue, Profile, Report, Severity, SuppressedIssue, SuppressionSpec};
pub use interscambio::{
    ack_for, ack_type, message_for_process, message_id_root, read_ack, read_message, write_ack,
    write_message, AckHandle, AckOptions, AckReadResult, Cycles, DateFormat, Envelope,
    EnvelopeCodes, EsitoPlacement, GenderCodes, Identifier, MessageHandle, MoneyForm, ReadResult,
    Sensitivity, SuspensionForm, TelecomForm, WriteOptions, WrittenMessage, XmlLimits,
};
pub use lifecycle::{new_cartella, EventData, LifecycleEvent, ReplayResult};
pub use rules::{explain, rules, RuleInfo};
pub use samples::{sample, samples, Sample};
pub use siuss::{
    check_file, derive_period, derive_prestazione, derive_sinba, get_flussi, id_beneficiario_sinba,
    id_flusso, parametri_flussi, parse_id_flusso, post_esiti, read_flusso_xml, select_flussi_xml,
    voce_from_xml, CampiOpzionali, Canale, CheckOptions, Derivazione, DeriveOptions, FlussoHandle,
    FlussoLetto, FlussoXml, HttpResponse, IdCaso, IdFlusso, ModalitaSina, ParametriFlussi,
    RegistroInviiHandle, SelezioneFlussi, StatoFlusso, TipoFlusso, VoceFlusso, VoceRegistro,
};

/// Version of this library (the `cartella` crate version).
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Version of the canonical model read and written (`versione_modello`, `"1.0"`).
#[uniffi::export]
pub fn model_version() -> String {
    cartella::VERSIONE_MODELLO.to_string()
}

/// Parses an ISO date argument (`YYYY-MM-DD`).
pub(crate) fn parse_date(name: &str, value: &str) -> error::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| CartellaError::argument(name, format!("{value:?} is not a YYYY-MM-DD date")))
}

/// Formats a date as ISO `YYYY-MM-DD`.
pub(crate) fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
