//! The canonical model of a *Cartella Sociale Informatizzata* (`model.md`): the Rust types are
//! the model (D2) and their serde form is the canonical JSON (`model.md` §1.6, see
//! [`crate::json`]).
//!
//! Layout: [`primitivi`] (Testo, Data, Istante, MeseAnno, Decimale, codes), [`compositi`]
//! (Codice, Importo, Identificatore, Quantita), [`enums`] (structural closed lists),
//! [`inps`] (INPS closed lists), [`comune`] (Ente, Persona, Operatore), [`assistito`],
//! [`processo`] (ProcessoAiuto and its history), [`fasi`] (phase records A–E),
//! [`fasi_parti`] (Segnalazione, ProgettoIndividuale, Prestazione…), [`siuss`] (canonical-only
//! INPS blocks), [`messaggio`] (Cartella, MessaggioInterscambio, RispostaInterscambio).
//! Everything is re-exported here: `use cartella::model::*;`.
//!
//! JSON conventions enforced by the types: keys in table order; absent optionals and empty
//! arrays omitted; `null` rejected; unknown keys rejected (except inside `estensioni`);
//! `versione_modello` must be `"1.0"`.

pub mod assistito;
pub mod compositi;
pub mod comune;
pub mod enums;
pub mod fasi;
pub mod fasi_parti;
pub mod inps;
pub mod messaggio;
pub mod primitivi;
pub mod processo;
pub mod siuss;

pub use assistito::*;
pub use compositi::*;
pub use comune::*;
pub use enums::{
    EsitoProcesso, Genere, ListaChiusa, RuoloOperatore, StatoFase, StatoIntervento, StatoProcesso,
    TipoDettaglio, TipoEsito, TipoEvento, TipoFase, TipoRelazione,
};
pub use fasi::*;
pub use fasi_parti::*;
pub use inps::*;
pub use messaggio::*;
pub use primitivi::*;
pub use processo::*;
pub use siuss::*;

/// Free vendor data (`estensioni`): any JSON object, preserved in JSON, never written to HL7 or
/// INPS.
pub type Estensioni = serde_json::Map<String, serde_json::Value>;

/// serde helpers for optional fields (`null` rejected, `""` = absent for `Testo`).
pub(crate) mod serde_util {
    use serde::{Deserialize, Deserializer};

    use super::Testo;

    /// Optional field: present keys must hold a value of `T` (`null` is an error, unlike serde's
    /// default for `Option`); absent keys are handled by `#[serde(default)]`.
    pub(crate) fn opzionale<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        T::deserialize(d).map(Some)
    }

    /// Optional `Testo`: trimmed, `""` = absent, `null` rejected.
    pub(crate) fn testo_opzionale<'de, D>(d: D) -> Result<Option<Testo>, D::Error>
    where
        D: Deserializer<'de>,
    {
        let t = Testo::deserialize(d)?;
        Ok((!t.is_empty()).then_some(t))
    }
}

impl Cartella {
    /// Every phase record of every process, with its process.
    pub fn fasi(&self) -> impl Iterator<Item = (&ProcessoAiuto, &Fase)> {
        self.processi
            .iter()
            .flat_map(|p| p.fasi.iter().map(move |f| (p, f)))
    }

    /// The process with the given `id_processo`.
    pub fn processo(&self, id_processo: &str) -> Option<&ProcessoAiuto> {
        self.processi.iter().find(|p| p.id_processo == id_processo)
    }
}

impl ProcessoAiuto {
    /// Phase records of one kind, in document order.
    pub fn fasi_di_tipo(&self, tipo: TipoFase) -> impl Iterator<Item = &Fase> {
        self.fasi.iter().filter(move |f| f.tipo() == tipo)
    }

    /// The phase record with the given `id_fase`.
    pub fn fase(&self, id_fase: &str) -> Option<&Fase> {
        self.fasi.iter().find(|f| f.id() == id_fase)
    }

    /// Phase records that are open (`APERTA` or `SOSPESA`).
    pub fn fasi_aperte(&self) -> impl Iterator<Item = &Fase> {
        self.fasi.iter().filter(|f| f.is_open())
    }

    /// A records (`ACCESSO_E_ORIENTAMENTO`).
    pub fn accessi(&self) -> impl Iterator<Item = &FaseAccesso> {
        self.fasi.iter().filter_map(Fase::as_accesso)
    }

    /// B records (`VALUTAZIONE_DEL_BISOGNO`).
    pub fn valutazioni(&self) -> impl Iterator<Item = &FaseValutazioneBisogno> {
        self.fasi.iter().filter_map(Fase::as_valutazione_bisogno)
    }

    /// C records (`ELABORAZIONE_PROGETTO_INDIVIDUALE`).
    pub fn progetti(&self) -> impl Iterator<Item = &FaseProgettoIndividuale> {
        self.fasi.iter().filter_map(Fase::as_progetto_individuale)
    }

    /// D records (`EROGAZIONE_DEL_SERVIZIO`).
    pub fn erogazioni(&self) -> impl Iterator<Item = &FaseErogazioneServizio> {
        self.fasi.iter().filter_map(Fase::as_erogazione_servizio)
    }

    /// E records (`VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO`).
    pub fn valutazioni_finali(&self) -> impl Iterator<Item = &FaseValutazioneFinale> {
        self.fasi.iter().filter_map(Fase::as_valutazione_finale)
    }
}
