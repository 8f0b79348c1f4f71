//! `cartella._cartella`: the native module of the `cartella` Python package.
//!
//! The binding only translates between Python and the `cartella` crate: no domain logic lives
//! here. Every function is exposed flat in `_cartella` (sub-packages `cartella.cf`,
//! `cartella.lifecycle`, `cartella.codelists` re-export them under their public names); the
//! typed surface is described by `python/cartella/_cartella.pyi`.
//!
//! The extension module uses the system allocator; the cargo feature `mimalloc` (off by default:
//! mimalloc reserves about 1 GiB of address space in the interpreter's process) makes mimalloc
//! the global allocator of its Rust side (`maturin build --features mimalloc`; Python objects
//! stay with CPython's allocator).
#![forbid(unsafe_code)]

mod cf;
mod codelists;
mod conformance;
mod convert;
mod errors;
mod interscambio;
mod lifecycle;
mod model;
mod samples;
mod siuss;
mod validate;

use pyo3::prelude::*;

/// mimalloc, as the `cartella` CLI: faster than the system allocator on the many small allocations
/// of reading and validating documents. Feature `mimalloc` (opt-in).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[pymodule]
fn _cartella(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("MODEL_VERSION", cartella::VERSIONE_MODELLO)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;

    // Model and canonical JSON.
    m.add_class::<model::PyCartella>()?;
    m.add_class::<model::PyAssistito>()?;
    m.add_class::<model::PyProcessoAiuto>()?;
    m.add_class::<model::PyFase>()?;
    m.add_class::<model::PyPhaseHeader>()?;
    m.add_function(wrap_pyfunction!(model::loads, m)?)?;
    m.add_function(wrap_pyfunction!(model::load_dict, m)?)?;
    m.add_function(wrap_pyfunction!(model::dumps, m)?)?;
    m.add_function(wrap_pyfunction!(model::json_schema, m)?)?;

    // Validation and catalogue.
    m.add_class::<validate::PyIssue>()?;
    m.add_class::<validate::PySuppressedIssue>()?;
    m.add_class::<validate::PyReport>()?;
    m.add_class::<validate::PyValidator>()?;
    m.add_class::<validate::PyRule>()?;
    m.add_class::<validate::PyRuleSet>()?;
    m.add_function(wrap_pyfunction!(validate::validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate::validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate::validate_message, m)?)?;
    m.add_function(wrap_pyfunction!(validate::list_rules, m)?)?;
    m.add_function(wrap_pyfunction!(validate::explain, m)?)?;
    m.add_function(wrap_pyfunction!(validate::rulesets, m)?)?;
    m.add_function(wrap_pyfunction!(validate::implemented_rules, m)?)?;
    m.add_function(wrap_pyfunction!(validate::make_issue, m)?)?;

    // Documents of any format, conformance suite.
    m.add_class::<conformance::PyDocumentResult>()?;
    m.add_function(wrap_pyfunction!(conformance::validate_document, m)?)?;
    m.add_class::<conformance::PyManifest>()?;
    m.add_class::<conformance::PyCase>()?;
    m.add_class::<conformance::PyOutcome>()?;
    m.add_class::<conformance::PyFinding>()?;
    m.add_class::<conformance::PyDifference>()?;

    // Interscambio (HL7 v3 request and acknowledgement).
    m.add_class::<interscambio::PyIdentifier>()?;
    m.add_class::<interscambio::PyMessage>()?;
    m.add_class::<interscambio::PyReadResult>()?;
    m.add_class::<interscambio::PyWrittenMessage>()?;
    m.add_class::<interscambio::PyAck>()?;
    m.add_class::<interscambio::PyAckReadResult>()?;
    m.add_function(wrap_pyfunction!(interscambio::read_message, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::write_message, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::message_for_process, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::ack_type, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::ack_for, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::write_ack, m)?)?;
    m.add_function(wrap_pyfunction!(interscambio::read_ack, m)?)?;

    // National flows (SIUSS).
    m.add_class::<siuss::PyFlusso>()?;
    m.add_class::<siuss::PyDerivazione>()?;
    m.add_class::<siuss::PyFlussoLetto>()?;
    m.add_class::<siuss::PyIdFlusso>()?;
    m.add_class::<siuss::PyHttpResponse>()?;
    m.add_class::<siuss::PyParametriFlussi>()?;
    m.add_class::<siuss::PyVoceFlusso>()?;
    m.add_class::<siuss::PySelezioneFlussi>()?;
    m.add_class::<siuss::PyVoceRegistro>()?;
    m.add_class::<siuss::PyRegistroInvii>()?;
    m.add_function(wrap_pyfunction!(siuss::siuss_derive_period, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::siuss_derive_prestazione, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::siuss_derive_sinba, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::siuss_check, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::siuss_check_file, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::siuss_read_xml, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::id_flusso, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::voce_from_xml, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::select_flussi_xml, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::get_flussi, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::post_esiti, m)?)?;
    m.add_function(wrap_pyfunction!(siuss::id_beneficiario_sinba, m)?)?;

    // Code lists.
    m.add_class::<codelists::PyRegistry>()?;
    m.add_class::<codelists::PyCodeTable>()?;
    m.add_class::<codelists::PyCodeEntry>()?;
    m.add_function(wrap_pyfunction!(codelists::codelist_files, m)?)?;

    // Codice fiscale.
    m.add_class::<cf::PyDecodedCf>()?;
    m.add_class::<cf::PyBirthplace>()?;
    m.add_function(wrap_pyfunction!(cf::is_valid, m)?)?;
    m.add_function(wrap_pyfunction!(cf::check_many, m)?)?;
    m.add_function(wrap_pyfunction!(cf::decode, m)?)?;
    m.add_function(wrap_pyfunction!(cf::encode, m)?)?;
    m.add_function(wrap_pyfunction!(cf::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(cf::check_character, m)?)?;
    m.add_function(wrap_pyfunction!(cf::check_digit, m)?)?;
    m.add_function(wrap_pyfunction!(cf::surname_letters, m)?)?;
    m.add_function(wrap_pyfunction!(cf::name_letters, m)?)?;
    m.add_function(wrap_pyfunction!(cf::mask, m)?)?;

    // Lifecycle.
    m.add_class::<lifecycle::PyReplay>()?;
    m.add_class::<lifecycle::PyReplayStep>()?;
    m.add_function(wrap_pyfunction!(lifecycle::apply, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::new_access, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::receive_transfer, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::state, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::allowed_transitions, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::replay, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::allowed_outcomes, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::state_after_closing, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::service_state, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::states, m)?)?;
    m.add_function(wrap_pyfunction!(lifecycle::events, m)?)?;

    // Samples.
    m.add_class::<samples::PySample>()?;
    m.add_function(wrap_pyfunction!(samples::all_samples, m)?)?;
    m.add_function(wrap_pyfunction!(samples::sample, m)?)?;
    Ok(())
}
