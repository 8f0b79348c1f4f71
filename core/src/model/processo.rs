//! The processo di aiuto and its history (`model.md` §4).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Processo di aiuto: a sequence of phase records A–E.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessoAiuto {
    /// Identificativo processo (1–64, unique in the cartella).
    pub id_processo: String,
    /// Stato del processo (derived by replay; if present must equal it).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub stato: Option<StatoProcesso>,
    /// Ente titolare del processo (defaults to the cartella's owner).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ente_titolare: Option<Ente>,
    /// Periodi di presa in carico.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prese_in_carico: Vec<PresaInCarico>,
    /// Processo riaperto (`id_processo`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub riapertura_di: Option<String>,
    /// Trasferimento ad altro ente (sender side).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub trasferimento: Option<Trasferimento>,
    /// Ricevuto da altro ente (receiver side).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ricevuto_da: Option<Ricezione>,
    /// Fasi (record di fase), ordered by `data_inizio`, ties by kind A<B<C<D<E.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fasi: Vec<Fase>,
    /// Eventi del processo (lifecycle log, append-only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eventi: Vec<EventoProcesso>,
    /// Scheda SINBA (canonical-only).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub scheda_sinba: Option<SchedaSinba>,
}

/// Periodo di presa in carico del servizio sociale professionale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresaInCarico {
    /// Data inizio.
    pub data_inizio: Data,
    /// Data fine.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_fine: Option<Data>,
    /// Area utenza SIUSS (INPS `AreaUtenzaType`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_utenza_siuss: Option<AreaUtenza>,
}

/// Trasferimento ad altro ente (sender side).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trasferimento {
    /// Data del trasferimento.
    pub data: Data,
    /// Ente destinatario.
    pub ente_destinatario: Ente,
    /// Stessa regione.
    pub stessa_regione: bool,
    /// Identificativo del messaggio di trasferimento.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub id_messaggio: Option<String>,
}

/// Ricezione da altro ente (receiver side).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ricezione {
    /// Ente mittente.
    pub ente_mittente: Ente,
    /// Data di ricezione.
    pub data_ricezione: Istante,
    /// Identificativo del messaggio ricevuto.
    pub id_messaggio: Identificatore,
}

/// Evento del processo (lifecycle log entry).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventoProcesso {
    /// Tipo di evento.
    pub tipo: TipoEvento,
    /// Data dell'evento.
    pub data: Istante,
    /// Stato di partenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub stato_da: Option<StatoProcesso>,
    /// Stato di arrivo.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub stato_a: Option<StatoProcesso>,
    /// Fase interessata.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub id_fase: Option<String>,
    /// Operatore.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub operatore: Option<CodiceFiscale>,
    /// Nota.
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub nota: Option<Testo>,
}
