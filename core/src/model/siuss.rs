//! Canonical-only blocks for the national flows (`model.md` §7).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[allow(unused_imports)]
use super::*;

/// Dati per il SIUSS di un record D (`model.md` §7.1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatiSiussPrestazione {
    /// `CodicePrestazione` (5–10, `inps-prestazioni.csv`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_prestazione: Option<String>,
    /// `DenominazionePrestazione` (10–200).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub denominazione_prestazione: Option<String>,
    /// `PresenzaProvaMezzi`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub presenza_prova_mezzi: Option<PresenzaProvaMezzi>,
    /// `CaratterePrestazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub carattere_prestazione: Option<CaratterePrestazione>,
    /// `ProtocolloDomanda` (1–32).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub protocollo_domanda: Option<String>,
    /// `DataEvento`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_evento: Option<Data>,
    /// `DataErogazionePrestazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_erogazione: Option<Data>,
    /// `ImportoMensile`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub importo_mensile: Option<Decimale>,
    /// `ImportoPrestazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub importo_prestazione: Option<Decimale>,
    /// `ImportoQuotaEnte`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub quota_ente: Option<Decimale>,
    /// `ImportoQuotaUtente`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub quota_utente: Option<Decimale>,
    /// `ImportoQuotaSSN`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub quota_ssn: Option<Decimale>,
    /// `ImportoQuotaRichiesta`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub importo_quota_richiesta: Option<Decimale>,
    /// `ImportoSogliaISEE`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub importo_soglia_isee: Option<Decimale>,
    /// `OreServizioMensile`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub ore_servizio_mensile: Option<OreServizioMensile>,
    /// `PresaCarico`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub presa_in_carico: Option<bool>,
    /// `AreaUtenza`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_utenza: Option<AreaUtenza>,
    /// DSU attributes.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub dsu: Option<ProtocolloDsu>,
    /// `true` = never derive a flow for this record.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub escludi: Option<bool>,
}

/// Ore di servizio mensili (`OreServizioMensile`, written `H.MM`, D14).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OreServizioMensile {
    /// Ore (0–744).
    pub ore: u16,
    /// Minuti (0–59).
    pub minuti: u8,
}

/// Valutazione SINA di un record B (`model.md` §7.2, tag SAL).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValutazioneSina {
    /// `Mobilita`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub mobilita: Option<Mobilita>,
    /// `AttivitaVitaQuotidiana`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub attivita_vita_quotidiana: Option<AttivitaVitaQuotidiana>,
    /// `DisturbiAreaCognitiva`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub disturbi_area_cognitiva: Option<DisturbiAreaCognitiva>,
    /// `DisturbiComportamentali`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub disturbi_comportamentali: Option<DisturbiComportamentali>,
    /// `NecessitaCureSanitarie`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub necessita_cure_sanitarie: Option<NecessitaCureSanitarie>,
    /// `AreaReddituale`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_reddituale: Option<AreaReddituale>,
    /// `AreaSupporto`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub area_supporto: Option<AreaSupporto>,
    /// `FonteDerivazioneValutazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub fonte_derivazione_valutazione: Option<FonteDerivazioneValutazione>,
    /// `StrumentoValutazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub strumento_valutazione: Option<StrumentoValutazione>,
    /// `FonteDerivazioneInvalidita`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub fonte_derivazione_invalidita: Option<FonteDerivazioneInvalidita>,
    /// `InvaliditaCivile/InvCiv`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invalidita_civile: Vec<InvCiv>,
    /// `NecessitaInterventiSociali/CodicePrestazione` (5–10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub necessita_interventi_sociali: Vec<String>,
}

/// Scheda SINBA di un processo (`model.md` §7.3, tag MIN).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchedaSinba {
    /// `IDBeneficiario` (1–20, pseudonymous, `privacy.md` §3).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub id_beneficiario: Option<String>,
    /// `MinoreStranieroNoAcc`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub minore_straniero_non_accompagnato: Option<bool>,
    /// `CondizioneMinore`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub condizione_minore: Option<CondizioneMinore>,
    /// `LuogoVita`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub luogo_vita: Option<LuogoVita>,
    /// `ScuolaFrequentata`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub scuola_frequentata: Option<ScuolaFrequentata>,
    /// `CondizioneLavoro`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub condizione_lavoro: Option<CondizioneLavoro>,
    /// `Disabilita`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub disabilita: Option<bool>,
    /// `TipoDisabilita`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo_disabilita: Option<TipoDisabilita>,
    /// `InvCivCertificazioni`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub invciv_certificazioni: Option<InvCivCertificazioni>,
    /// Attributi `…Padre`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub padre: Option<GenitoreSinba>,
    /// Attributi `…Madre`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub madre: Option<GenitoreSinba>,
    /// `DataPrimaSegnalazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_prima_segnalazione: Option<MeseAnno>,
    /// `FonteSegnalazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub fonte_segnalazione: Option<FonteSegnalazione>,
    /// `ValutazioneMinore` (SAL, SES).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub valutazione_minore: Option<ValutazioneMinore>,
    /// `ValutazioneFamigliaMinore` (SAL, SES).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub valutazione_famiglia: Option<ValutazioneFamigliaMinore>,
    /// `SegnalazioneAutoritaGiudiziaria`, `DataSegnalazione` (GIU).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub segnalazione_autorita_giudiziaria: Option<SegnalazioneAutoritaGiudiziariaSinba>,
    /// `ProvvedimentoGiudiziario` and related attributes (GIU).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub provvedimento_giudiziario: Option<ProvvedimentoGiudiziarioSinba>,
    /// Affido attributes.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub affido: Option<AffidoSinba>,
    /// Inserimento residenziale attributes.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub inserimento_residenziale: Option<InserimentoResidenzialeSinba>,
    /// Chiusura della presa in carico.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub chiusura: Option<ChiusuraSinba>,
    /// `CollaborazioniInterventi`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub collaborazioni_interventi: Option<CollaborazioniInterventi>,
    /// `NumeroComponentiISEE` (1–9).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub numero_componenti_isee: Option<u8>,
    /// `FasciaISEEBeneficiario`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub fascia_isee: Option<FasciaIseeBeneficiario>,
    /// `Famiglia/ComposizioneFamiglia`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composizione_famiglia: Vec<ComposizioneFamiglia>,
    /// `Prestazioni/CodicePrestazione` (5–10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prestazioni: Vec<String>,
}

/// Dati SINBA di un genitore.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenitoreSinba {
    /// Codice cittadinanza.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_cittadinanza: Option<Iso3166Numerico>,
    /// Codice regione di residenza (DM 1986, `^[0-9]{2}$`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub codice_regione_residenza: Option<String>,
    /// Titolo di studio.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub titolo_studio: Option<TitoloStudio>,
    /// Occupazione.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub occupazione: Option<Occupazione>,
}

/// Segnalazione all'autorità giudiziaria (SINBA).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SegnalazioneAutoritaGiudiziariaSinba {
    /// `SegnalazioneAutoritaGiudiziaria` (SI/NO).
    pub presente: bool,
    /// `DataSegnalazione`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data: Option<MeseAnno>,
}

/// Provvedimento giudiziario (SINBA).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvvedimentoGiudiziarioSinba {
    /// `ProvvedimentoGiudiziario` (SI/NO).
    pub presente: bool,
    /// `DataProvvedimentoGiudiziario`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub data: Option<MeseAnno>,
    /// `AutoritaProvvedimento`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub autorita: Option<AutoritaProvvedimento>,
    /// `PotestaTutela`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub potesta_tutela: Option<PotestaTutela>,
    /// `TipoProvvedimentoGiudiziario`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo: Option<TipoProvvedimentoGiudiziario>,
}

/// Affido (SINBA).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AffidoSinba {
    /// `FormaInterventoAffido`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub forma: Option<FormaInterventoAffido>,
    /// `TipoInterventoAffido`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo: Option<TipoInterventoAffido>,
    /// `DurataAffido`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub durata: Option<DurataAffido>,
    /// `CarattereAffido`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub carattere: Option<CarattereAffido>,
    /// `EsitoAffido`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub esito: Option<EsitoAffido>,
}

/// Inserimento residenziale (SINBA).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InserimentoResidenzialeSinba {
    /// `CarattereInserimentoResidenziale`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub carattere: Option<CarattereInserimentoResidenziale>,
    /// `FormaInserimentoResidenziale`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub forma: Option<FormaInserimentoResidenziale>,
    /// `TipoInserimentoResidenziale`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub tipo: Option<TipoInserimentoResidenziale>,
    /// `EsitoInserimentoStruttura`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub esito: Option<EsitoInserimentoStruttura>,
}

/// Chiusura della presa in carico (SINBA).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChiusuraSinba {
    /// `MotivazioneChiusuraCarico`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub motivazione: Option<MotivazioneChiusuraCarico>,
    /// `SituazioneChiusuraCarico`.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    pub situazione: Option<SituazioneChiusuraCarico>,
}
