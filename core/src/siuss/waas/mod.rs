//! The WaaS pull API "API WAAS-SIUSS-Alimentazione" (`siuss.md` §3, §9, §11), transport-free.
//!
//! The ente exposes the API on PDND and INPS pulls from it. This module has no HTTP server: it
//! gives a vendor the pieces to put behind its own:
//!
//! - [`id`]: `id_flusso` generation (write regex) and lenient parsing (read regex), the daily
//!   progressive allocator and the `ts_flusso` allocator (§3);
//! - [`flussi`]: `GET /flussi` — query parsing (`since`, `limit`/`max_entries`), selection of the
//!   flows to expose and the response body (§11.2);
//! - [`esiti`]: `POST /esiti` — lenient reading of the outcomes and their application to the send
//!   register (§11.3);
//! - [`registro`]: the send register kept by the caller, its states and the correction sequence
//!   (§9, §11.5);
//! - [`problema`]: `GET /status` and the `application/problem+json` bodies (§11.1, §11.4).
//!
//! Findings are `SIUSS-WAAS-*` [`Issue`](crate::rules::Issue)s; their paths are JSON Pointers into
//! the document the function received (the esiti body, the list of entries...).
//!
//! ```
//! use cartella::siuss::waas::{get_flussi, post_esiti, RegistroInvii};
//!
//! let mut registro = RegistroInvii::new();
//! let (risposta, _) = get_flussi("since=0&limit=5", &mut registro);
//! assert_eq!(risposta.status, 200);
//! assert_eq!(risposta.body.as_deref(), Some(r#"{"elenco_flussi":[]}"#));
//! let (risposta, issues) = post_esiti(br#"{"elenco_esiti":[]}"#, &mut registro);
//! assert_eq!(risposta.status, 204);
//! assert!(issues.is_empty());
//! ```

pub mod esiti;
pub mod flussi;
pub mod id;
pub mod problema;
pub mod registro;

pub use esiti::{applica_esiti, leggi_esiti, post_esiti, CodiceEsito, EsitoFlusso, EsitoLetto};
pub use flussi::{
    get_flussi, seleziona_flussi, seleziona_flussi_xml, verifica_voce, voce_da_xml, FlussoXml,
    ParametriFlussi, RispostaFlussi, SelezioneFlussi, VoceFlusso, FLUSSO_MAX_CARATTERI,
    LIMIT_MASSIMO, LIMIT_PREDEFINITO,
};
pub use id::{
    id_flusso, leggi_id_flusso, verifica_id_flusso, verifica_ts_flusso, AllocatoreProgressivi,
    AllocatoreTs, IdFlusso, TsFlusso, ID_FLUSSO_MAX_CARATTERI,
};
pub use problema::{
    get_status, HttpResponse, Problema, Rifiuto, CONTENT_TYPE_JSON, CONTENT_TYPE_PROBLEMA,
};
pub use registro::{ChiaveRecord, RegistroInvii, StatoFlusso, VoceRegistro};

/// Ids of the rules this module raises (`SIUSS-WAAS-001` … `SIUSS-WAAS-022`).
pub const RULES: &[&str] = &[
    "XML-017",
    "SIUSS-WAAS-001",
    "SIUSS-WAAS-002",
    "SIUSS-WAAS-003",
    "SIUSS-WAAS-004",
    "SIUSS-WAAS-005",
    "SIUSS-WAAS-006",
    "SIUSS-WAAS-007",
    "SIUSS-WAAS-008",
    "SIUSS-WAAS-009",
    "SIUSS-WAAS-010",
    "SIUSS-WAAS-011",
    "SIUSS-WAAS-012",
    "SIUSS-WAAS-013",
    "SIUSS-WAAS-014",
    "SIUSS-WAAS-015",
    "SIUSS-WAAS-016",
    "SIUSS-WAAS-017",
    "SIUSS-WAAS-018",
    "SIUSS-WAAS-019",
    "SIUSS-WAAS-020",
    "SIUSS-WAAS-021",
    "SIUSS-WAAS-022",
];

/// A finding of a `SIUSS-WAAS-*` rule. The ids and parameters used in this module are those of
/// the catalogue, so the lookup cannot fail; should it ever, the finding is dropped rather than
/// panicking.
pub(crate) fn issue<'a>(
    rule_id: &str,
    path: impl Into<String>,
    params: impl IntoIterator<Item = (&'a str, String)>,
) -> Option<crate::rules::Issue> {
    crate::rules::Issue::new(rule_id, path, params).ok()
}

/// Pushes a finding without parameters.
pub(crate) fn segnala(issues: &mut Vec<crate::rules::Issue>, rule_id: &str, path: String) {
    issues.extend(issue(rule_id, path, []));
}

/// Cuts a text to at most `max` characters (`max` ≥ 1), ending a cut text with `…`.
pub(crate) fn tronca(testo: &str, max: usize) -> String {
    if testo.chars().count() <= max {
        return testo.to_string();
    }
    let mut out: String = testo.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
