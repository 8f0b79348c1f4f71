//! The assistito and its parts (`model.md` §3.3–§3.4).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Assistito: the person the cartella is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assistito {
    /// Codice fiscale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_fiscale: Option<CodiceFiscale>,
    /// Altri identificativi (STP/ENI, id locali).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub altri_identificativi: Vec<Identificatore>,
    /// Tessera TEAM (1–40).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tessera_team: Option<String>,
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
    /// Genere (`2.16.840.1.113883.5.1`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub genere: Option<Genere>,
    /// Data di nascita.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_nascita: Option<Data>,
    /// Comune di nascita (`2.16.840.1.113883.2.9.4.2.3`, code = ISTAT comune).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_nascita: Option<Codice>,
    /// Stato estero di nascita (`ISO3166-1-numeric`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub stato_nascita: Option<Codice>,
    /// Codice catastale del luogo di nascita.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_belfiore_nascita: Option<CodiceBelfiore>,
    /// Stato civile (`2.16.840.1.113883.5.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub stato_civile: Option<Codice>,
    /// Titolo di studio (`2.16.840.1.113883.2.9.6.2.8`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub titolo_studio: Option<Codice>,
    /// Cittadinanza (`2.16.840.1.113883.2.9.6.2.5`, code = ISO 3166 numeric).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub cittadinanza: Option<Codice>,
    /// Seconda cittadinanza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub seconda_cittadinanza: Option<Codice>,
    /// Residenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub residenza: Option<Residenza>,
    /// Domicilio.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub domicilio: Option<Domicilio>,
    /// Recapiti.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub contatti: Option<Contatti>,
    /// Documento di identità.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub documento_identita: Option<DocumentoIdentita>,
    /// ATS, ASST, Ambito di residenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub garanti: Option<Garanti>,
    /// Medico di medicina generale / pediatra di famiglia.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub mmg_pdf: Option<Persona>,
    /// Assistenti personali.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assistenti_personali: Vec<AssistentePersonale>,
    /// Nucleo familiare e rete sociale.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relazioni: Vec<Relazione>,
    /// Deceduto.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub deceduto: Option<bool>,
    /// Data di decesso.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_decesso: Option<Data>,
}

/// Residenza dell'assistito.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Residenza {
    /// Comune di residenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_istat: Option<CodiceIstatComune>,
    /// Regione di residenza (ISTAT, `03` = Lombardia; not DM 1986).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub regione_istat: Option<CodiceIstatRegione>,
    /// Nazione di residenza (absent + `comune_istat` present ⇒ `IT`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub nazione_iso2: Option<Iso3166Alpha2>,
    /// Codice regione INPS (DM 1986, `^[0-9]{2}$`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_regione_dm1986: Option<String>,
}

/// Domicilio dell'assistito.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domicilio {
    /// Comune di domicilio.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_istat: Option<CodiceIstatComune>,
}

/// Recapiti (tag CON).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contatti {
    /// Telefono (`^\+?[0-9]{3,20}$`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub telefono: Option<String>,
    /// Cellulare (`^\+?[0-9]{3,20}$`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub cellulare: Option<String>,
    /// E-mail (≤ 254, exactly one `@`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub email: Option<String>,
}

/// Documento di identità.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentoIdentita {
    /// Tipo documento (`…1.1.6`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo: Option<Codice>,
    /// Estremi del documento (1–64).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub estremi: Option<String>,
}

/// ATS, ASST e Ambito di residenza.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Garanti {
    /// ATS (root `2.16.840.1.113883.2.9.2.30.4.11`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ats: Option<String>,
    /// ASST (same root).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub asst: Option<String>,
    /// Ambito (root `…1.1.8`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ambito: Option<String>,
}

/// Assistente personale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssistentePersonale {
    /// Tipologia assistente personale (`…1.1.24`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipologia: Option<Codice>,
    /// Codice fiscale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_fiscale: Option<CodiceFiscale>,
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
    /// Genere.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub genere: Option<Genere>,
    /// Data di nascita.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_nascita: Option<Data>,
    /// Comune di residenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_residenza_istat: Option<CodiceIstatComune>,
}

/// Componente del nucleo familiare o della rete sociale.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relazione {
    /// Nucleo familiare / rete sociale.
    pub tipo_relazione: TipoRelazione,
    /// Tipologia relazione (`…1.1.22` nucleo, `…1.1.23` rete).
    pub tipologia: Codice,
    /// Codice fiscale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_fiscale: Option<CodiceFiscale>,
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
    /// Genere.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub genere: Option<Genere>,
    /// Data di nascita.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_nascita: Option<Data>,
    /// Comune di nascita.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_nascita_istat: Option<CodiceIstatComune>,
    /// Comune di residenza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub comune_residenza_istat: Option<CodiceIstatComune>,
    /// Caregiver.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub caregiver: Option<bool>,
}

/// Consenso privacy (canonical-only).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsensoPrivacy {
    /// Ente.
    pub ente: Ente,
    /// Data di sottoscrizione.
    pub data_sottoscrizione: Data,
    /// Finalità.
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub finalita: Option<Testo>,
    /// Data di revoca.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub revocato_il: Option<Data>,
}
