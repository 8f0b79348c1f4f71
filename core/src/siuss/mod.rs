//! National flows for INPS (`siuss.md`): the typed PS-PSA-SINA and SINBA flows, their XML codecs,
//! their rules, the derivation from a cartella and the WaaS pull API.

pub mod flusso;

pub use flusso::{
    Anagrafica, Beneficiario, Canale, Ente, Famiglia, Flusso, FlussoPsPsaSina, FlussoSinba,
    IdentificazioneFlusso, Indirizzo, InvaliditaCivile, NecessitaInterventiSociali,
    PrestazioniSinba, PrestazioniSociali, Sina, Sinba, TipoFlusso, NAMESPACE,
};
