//! Top-level documents: `Cartella`, `MessaggioInterscambio`, `RispostaInterscambio` (`model.md` §2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Cartella sociale: the record of one assistito held by one ente (`model.md` §2.1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cartella {
    /// Versione del modello (`"1.0"`).
    pub versione_modello: VersioneModello,
    /// Identificativo cartella (1–64).
    pub id_cartella: String,
    /// Ente titolare.
    pub ente_titolare: Ente,
    /// Assistito.
    pub assistito: Assistito,
    /// Processi di aiuto (chronological, `id_processo` unique).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub processi: Vec<ProcessoAiuto>,
    /// Consensi privacy (canonical-only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consensi_privacy: Vec<ConsensoPrivacy>,
    /// Estensioni del fornitore (free vendor data, never written to HL7 or INPS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub estensioni: Option<Estensioni>,
}

/// Messaggio di interscambio HL7 `PRSS_IN001004ZZ` as a model (`model.md` §2.2).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MessaggioInterscambio {
    /// Versione del modello (`"1.0"`).
    pub versione_modello: VersioneModello,
    /// Identificativo messaggio (`/id`).
    pub id_messaggio: Identificatore,
    /// Data di creazione (`/creationTime`).
    pub data_creazione: Istante,
    /// Codice di elaborazione (default `P`).
    pub processing_code: String,
    /// Modalità di elaborazione (default `T`).
    pub processing_mode_code: String,
    /// Richiesta di risposta (default `AL`).
    pub accept_ack_code: String,
    /// Versione (`/versionCode`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub version_code: Option<String>,
    /// Sistema mittente.
    pub mittente: Identificatore,
    /// Sistemi destinatari (1..*).
    #[schemars(length(min = 1))]
    pub destinatari: Vec<Identificatore>,
    /// Cartella trasmessa (exactly one process).
    pub cartella: Cartella,
}

/// Risposta `MCCI_IN000002UV01` (`model.md` §2.3).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RispostaInterscambio {
    /// Versione del modello (`"1.0"`).
    pub versione_modello: VersioneModello,
    /// Identificativo messaggio.
    pub id_messaggio: Identificatore,
    /// Data di creazione.
    pub data_creazione: Istante,
    /// Codice di elaborazione.
    pub processing_code: String,
    /// Modalità di elaborazione.
    pub processing_mode_code: String,
    /// Richiesta di risposta (default `NE`).
    pub accept_ack_code: String,
    /// Sistema mittente.
    pub mittente: Identificatore,
    /// Sistemi destinatari (1..*).
    #[schemars(length(min = 1))]
    pub destinatari: Vec<Identificatore>,
    /// Tipo di esito (`AA`…`CR`).
    pub tipo_esito: TipoEsito,
    /// Messaggio a cui si risponde.
    pub id_messaggio_riferito: Identificatore,
    /// Dettagli dell'esito.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dettagli: Vec<DettaglioEsito>,
}

/// Dettaglio dell'esito.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DettaglioEsito {
    /// Tipo (`E`, `W`, `I`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo: Option<TipoDettaglio>,
    /// Codice (rule id, system `CARTELLA-RULES`, when produced by the library).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice: Option<Codice>,
    /// Testo.
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub testo: Option<Testo>,
    /// Posizioni.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posizioni: Vec<String>,
}
