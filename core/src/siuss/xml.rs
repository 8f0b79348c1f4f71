//! XML codecs of the INPS flows (`siuss.md` §1, §4, §6, §10).
//!
//! - Writing: [`scrivi`], [`scrivi_to`] and the streaming [`ScrittoreFlusso`] (format in
//!   [`super::scrittore`]: declaration, default namespace, one element per line without
//!   indentation, attributes in XSD order).
//! - Reading: [`rileva_tipo`], [`leggi`], [`leggi_da`] and the streaming [`LettoreFlusso`]
//!   (hardening and findings in [`super::lettore`]); [`leggi`] is built on [`LettoreFlusso`].
//!
//! `leggi(scrivi(f)) == f` for every flow `f` whose optional SINA containers are either absent or
//! non-empty (an empty container is not written, §4.6).

pub use super::lettore::{
    leggi, leggi_da, leggi_intestazione, rileva_tipo, EventoFlusso, EventoFlussoRif, FlussoLetto,
    LettoreFlusso, OpzioniLetturaFlusso, LIMITI_FLUSSO, RULES,
};
pub use super::scrittore::{scrivi, scrivi_to, ScrittoreFlusso, DICHIARAZIONE};
