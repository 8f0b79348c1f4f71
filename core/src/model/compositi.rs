//! Compound datatypes of the canonical model (`model.md` §1.3).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Codice: a coded value (HL7 CD/CE/CV). Each field states its binding (expected system).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Codice {
    /// Codice (1–64 characters, no leading/trailing space, no control characters).
    pub code: String,
    /// Sistema di codifica: an `Oid` or a library/INPS system name (`CSI-LIB-*`, `INPS.*`, `HL7-*`, `ISTAT-*`).
    pub system: String,
    /// Descrizione (label, ≤ 256), written to `@displayName` where the wire allows it.
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub display: Option<Testo>,
    /// Versione del sistema di codifica (≤ 64).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub system_version: Option<String>,
}

/// Importo: money `{ amount, currency }`. In 1.0 `currency` MUST be `EUR` (`CSI-MON-001`); amounts are ≥ 0 (`CSI-MON-002`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Importo {
    /// Importo (decimale esatto).
    pub amount: Decimale,
    /// Valuta (ISO 4217, `EUR`); free string, checked by `CSI-MON-001`.
    pub currency: String,
}

/// Identificatore: HL7 II `{ root, extension? }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identificatore {
    /// Radice (OID del namespace).
    pub root: Oid,
    /// Estensione (1–128).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub extension: Option<String>,
}

/// Quantità: HL7 PQ `{ value, unit? }`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantita {
    /// Valore.
    pub value: Decimale,
    /// Unità di misura UCUM (intervals: `d`, `wk`, `mo`, `a`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub unit: Option<String>,
}
