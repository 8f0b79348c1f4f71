//! Common parts: `Ente`, `Persona`, `Operatore` (`model.md` §3.1–§3.2).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Ente: any organisation (owner, referrer, recorder, guarantor, sender/receiver, INPS reporting entity).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ente {
    /// Identificativo (root = namespace of the code).
    pub id: Identificatore,
    /// Denominazione (≤ 256).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub denominazione: Option<Testo>,
    /// Tipologia ente (binding depends on use; ente segnalante: `…1.1.5`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipologia: Option<Codice>,
    /// Codice catastale (sent as INPS `Ente/@Indirizzo`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_belfiore: Option<CodiceBelfiore>,
    /// Codice ISTAT comune.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_istat_comune: Option<CodiceIstatComune>,
    /// Codice ente INPS (1–32; defaults to `codice_belfiore`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_ente_inps: Option<String>,
}

/// Persona: a person referenced by a record.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Codice fiscale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_fiscale: Option<CodiceFiscale>,
    /// Altri identificativi.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub altri_identificativi: Vec<Identificatore>,
    /// Nome (≤ 100).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub nome: Option<Testo>,
    /// Cognome (≤ 100).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub cognome: Option<Testo>,
}

/// Operatore: a professional identified by codice fiscale (`Persona` + profilo professionale).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operatore {
    /// Codice fiscale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_fiscale: Option<CodiceFiscale>,
    /// Altri identificativi.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub altri_identificativi: Vec<Identificatore>,
    /// Nome (≤ 100).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub nome: Option<Testo>,
    /// Cognome (≤ 100).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub cognome: Option<Testo>,
    /// Profilo professionale (binding depends on the role, `model.md` §6).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub profilo_professionale: Option<Codice>,
}
