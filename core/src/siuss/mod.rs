//! National flows for INPS (`siuss.md`): the typed PS-PSA-SINA and SINBA flows, their XML codecs,
//! their rules, the derivation from a cartella and the WaaS pull API.

mod controllo;
pub mod deriva;
pub mod flusso;
pub mod lettore;
pub mod nome;
pub mod pseudonimo;
pub mod regole;
pub mod scrittore;
pub mod waas;
pub mod xml;

pub use controllo::verifica_lettura;
pub use deriva::{
    deriva_periodo, deriva_prestazione, deriva_sinba, Derivazione, OpzioniDerivazione,
};
pub use flusso::{
    Anagrafica, Beneficiario, Canale, Ente, Famiglia, Flusso, FlussoPsPsaSina, FlussoSinba,
    IdentificazioneFlusso, Indirizzo, InvaliditaCivile, NecessitaInterventiSociali,
    PrestazioniSinba, PrestazioniSociali, Sina, Sinba, TipoFlusso, NAMESPACE,
};
pub use nome::nome_flusso;
pub use pseudonimo::id_beneficiario_sinba;
pub use regole::{
    verifica, verifica_ps, verifica_sinba, OpzioniVerifica, UltimiInserimenti, VerificaIncrementale,
};
pub use waas::{
    ChiaveRecord, IdFlusso, RegistroInvii, StatoFlusso, TsFlusso, VoceFlusso, VoceRegistro,
};
