//! Parts of the phase records (`model.md` §5.2–§5.5).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Segnalazione (phase A).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segnalazione {
    /// Data segnalazione.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_segnalazione: Option<Istante>,
    /// Bisogno espresso (`…1.1.9`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub bisogno_espresso: Option<Codice>,
    /// Segnalante (persona).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub segnalante: Option<Persona>,
    /// Ente segnalante.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ente_segnalante: Option<EnteSegnalante>,
}

/// Ente segnalante.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteSegnalante {
    /// Codice ente (id root `…1.1.20`, 1–64).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice: Option<String>,
    /// Tipologia ente (`…1.1.5`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipologia: Option<Codice>,
    /// Denominazione (≤ 256).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub denominazione: Option<Testo>,
}

/// Ente rilevatore.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnteRilevatore {
    /// Codice ente rilevatore (`…1.1.20`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice: Option<Codice>,
    /// Denominazione (≤ 256).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub denominazione: Option<Testo>,
}

/// Protocollo DSU (all three fields when present, `SIUSS-PS-037`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProtocolloDsu {
    /// Numero di protocollo (1–30).
    pub numero: String,
    /// Anno (`^[0-9]{4}$`).
    pub anno: String,
    /// Data di presentazione.
    pub data: Data,
}

/// Progetto individuale (phase C).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgettoIndividuale {
    /// Codice progetto (id root `…1.3.1`, 1–64).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_progetto: Option<String>,
    /// Oggetto del progetto (≤ 512).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub oggetto: Option<Testo>,
    /// Data inizio progetto.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_inizio: Option<Istante>,
    /// Data fine progetto.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_fine: Option<Istante>,
    /// Obiettivi.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub obiettivi: Vec<Obiettivo>,
    /// Frequenza prestazioni (`…1.3.4`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub frequenza_prestazioni: Option<Codice>,
    /// Servizio sociale professionale (`…1.3.5`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub servizio_sociale_professionale: Option<Codice>,
    /// Integrazione con assistenza sanitaria (`…1.3.6`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub integrazione_sanitaria: Option<Codice>,
    /// Valore del progetto.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub valore_progetto: Option<Importo>,
    /// Compartecipazione economica assistito.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub compartecipazione_assistito: Option<Importo>,
    /// Servizi/prestazioni da erogare.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prestazioni_programmate: Vec<Prestazione>,
}

/// Obiettivo del progetto.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obiettivo {
    /// Codice obiettivo (+ nome in `display`, `…1.3.9`).
    pub codice: Codice,
    /// Tempistiche di monitoraggio (UCUM time unit).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tempistica_monitoraggio: Option<Quantita>,
    /// Indicatore di esito.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub indicatore_esito: Option<Codice>,
}

/// Prestazione (planned in C, delivered in D).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prestazione {
    /// Codice prestazione (`…1.4.17`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice: Option<Codice>,
    /// Data-ora inizio.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_inizio: Option<Istante>,
    /// Data-ora fine.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_fine: Option<Istante>,
    /// Operatore erogante (profilo `…1.4.19`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub operatore_erogante: Option<Operatore>,
    /// Luogo della prestazione (`…1.4.18`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub luogo: Option<Codice>,
}

/// Sospensione di un servizio (phase D).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sospensione {
    /// Data inizio sospensione (DAIS).
    pub data_inizio: Istante,
    /// Data fine sospensione (DAFS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_fine: Option<Istante>,
    /// Motivazione (`…1.4.11`, MOSO).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub motivazione: Option<Codice>,
}
