//! Typed INPS flows (`siuss.md` §10): one struct per XSD element, one field per attribute.
//!
//! Every attribute is kept as its XSD lexical string (`Option<String>`, `None` = attribute absent),
//! so that a flow read from XML keeps exactly what it said, invalid values included, and the rules
//! of [`super::regole`] can report them; `read(write(f)) == f` for every flow `f`.
//! JSON names are the XSD names in `snake_case` (`CFOperatore` → `cf_operatore`,
//! `ImportoQuotaSSN` → `importo_quota_ssn`); repeated elements are plural arrays.
//!
//! Each attribute-bearing struct exposes its attributes in XSD declaration order through
//! `ATTRIBUTI` (`(xsd_name, json_name)` pairs), [`attributo`](Ente::attributo) and
//! [`imposta`](Ente::imposta): the XML codecs and the rules walk those tables instead of naming
//! each field again.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The namespace of both flows (`elementFormDefault="qualified"`).
pub const NAMESPACE: &str = "http://inps.it/Casellario";

/// A copy of `v`, in a string of `riserva` when there is one.
fn copia_in(v: &str, riserva: &mut Vec<String>) -> String {
    match riserva.pop() {
        Some(mut s) => {
            s.clear();
            s.push_str(v);
            s
        }
        None => v.to_owned(),
    }
}

macro_rules! elemento_flusso {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            attributi { $( $(#[$am:meta])* $xsd:literal => $field:ident, )* }
            $( figli { $( $(#[$cm:meta])* $(@$cattr:meta)? pub $cf:ident : $ct:ty, )* } )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$am])*
                #[doc = concat!("\n\nXSD attribute `", $xsd, "`.")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<String>,
            )*
            $( $(
                $(#[$cm])*
                $(#[$cattr])?
                pub $cf: $ct,
            )* )?
        }

        impl $name {
            /// `(XSD name, JSON name)` of every attribute, in XSD declaration order.
            pub const ATTRIBUTI: &'static [(&'static str, &'static str)] =
                &[ $( ($xsd, stringify!($field)), )* ];

            /// The lexical value of the attribute with this XSD name, if present.
            pub fn attributo(&self, xsd: &str) -> Option<&str> {
                match xsd {
                    $( $xsd => self.$field.as_deref(), )*
                    _ => None,
                }
            }

            /// Sets the attribute with this XSD name; returns `false` (and changes nothing) when
            /// the element has no such attribute.
            pub fn imposta(&mut self, xsd: &str, valore: Option<String>) -> bool {
                match xsd {
                    $( $xsd => { self.$field = valore; true } )*
                    _ => false,
                }
            }

            /// As [`imposta`](Self::imposta) with a copy of `valore`, made in a string taken
            /// from `riserva` when there is one (the streaming reader reuses the strings of the
            /// items already read).
            ///
            /// `cursore` is the index in [`ATTRIBUTI`](Self::ATTRIBUTI) where the name is
            /// looked for first (attributes usually come in XSD order); it is moved past the
            /// attribute set.
            #[allow(dead_code)]
            pub(crate) fn imposta_da(
                &mut self,
                xsd: &str,
                valore: &str,
                riserva: &mut Vec<String>,
                cursore: &mut usize,
            ) -> bool {
                let i = if Self::ATTRIBUTI.get(*cursore).is_some_and(|(x, _)| *x == xsd) {
                    *cursore
                } else {
                    match Self::ATTRIBUTI.iter().position(|(x, _)| *x == xsd) {
                        Some(i) => i,
                        None => return false,
                    }
                };
                *cursore = i + 1;
                let campi: [&mut Option<String>; Self::ATTRIBUTI.len()] = [ $( &mut self.$field, )* ];
                match campi.into_iter().nth(i) {
                    Some(campo) => {
                        *campo = Some(copia_in(valore, riserva));
                        true
                    }
                    None => false,
                }
            }

            /// Makes every attribute absent, moving the strings to `riserva` for reuse.
            #[allow(dead_code)]
            pub(crate) fn svuota_in(&mut self, riserva: &mut Vec<String>) {
                $( if let Some(s) = self.$field.take() { riserva.push(s); } )*
            }

            /// The present attributes as `(XSD name, value)`, in XSD declaration order.
            pub fn presenti(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
                let valori: [Option<&str>; Self::ATTRIBUTI.len()] = [ $( self.$field.as_deref(), )* ];
                Self::ATTRIBUTI
                    .iter()
                    .zip(valori)
                    .filter_map(|((xsd, _), v)| v.map(|v| (*xsd, v)))
            }
        }
    };
}

elemento_flusso! {
    /// `IdentificazioneFlusso` (same in both flows).
    pub struct IdentificazioneFlusso {
        attributi {
            /// Flow name, `{Codice Ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo}` (§3).
            "Nome" => nome,
        }
        figli {
            /// The sending ente.
            pub ente: Ente,
        }
    }
}

elemento_flusso! {
    /// `Ente` (same in both flows, `siuss.md` §4.2).
    pub struct Ente {
        attributi {
            /// Ente code (1–32).
            "Codice" => codice,
            /// Name (1–100).
            "Denominazione" => denominazione,
            /// Belfiore code of the ente's seat (exactly 4 characters).
            "Indirizzo" => indirizzo,
            /// Codice fiscale of the operator sending the flow.
            "CFOperatore" => cf_operatore,
        }
    }
}

/// A PS-PSA-SINA flow (`PS_PSA_SINA201812.xsd`, root `Flusso`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlussoPsPsaSina {
    /// `IdentificazioneFlusso`.
    pub identificazione_flusso: IdentificazioneFlusso,
    /// `Beneficiario` elements (1..∞; one on the `waas` and `cooperazione` channels).
    pub beneficiari: Vec<Beneficiario>,
}

elemento_flusso! {
    /// `Beneficiario` (`siuss.md` §4.3).
    pub struct Beneficiario {
        attributi {
            /// Codice fiscale of the beneficiary.
            "CodiceFiscale" => codice_fiscale,
        }
        figli {
            /// `Anagrafica`.
            pub anagrafica: Anagrafica,
            /// `Indirizzo` elements (1..5).
            pub indirizzi: Vec<Indirizzo>,
            /// `PrestazioniSociali` elements (1..∞).
            pub prestazioni_sociali: Vec<PrestazioniSociali>,
        }
    }
}

elemento_flusso! {
    /// `Anagrafica` (`siuss.md` §4.3).
    pub struct Anagrafica {
        attributi {
            /// Surname (1–36).
            "Cognome" => cognome,
            /// Given name (1–36).
            "Nome" => nome,
            /// Birth year (4 digits).
            "AnnoNascita" => anno_nascita,
            /// Belfiore code of the birthplace (4 characters).
            "LuogoNascita" => luogo_nascita,
            /// `1` Maschio, `2` Femmina.
            "Genere" => genere,
            /// ISO 3166 numeric citizenship (`990` not available).
            "CodiceCittadinanza" => codice_cittadinanza,
            /// Second citizenship.
            "CodiceSecondaCittadinanza" => codice_seconda_cittadinanza,
        }
    }
}

elemento_flusso! {
    /// `Indirizzo` (`siuss.md` §4.3).
    pub struct Indirizzo {
        attributi {
            /// Region, DM 1986 coding (2 digits); required when `CodiceNazione` is `380`.
            "CodiceRegione" => codice_regione,
            /// ISTAT comune (6 digits); required when `CodiceNazione` is `380`.
            "CodiceComune" => codice_comune,
            /// ISO 3166 numeric country (3 digits).
            "CodiceNazione" => codice_nazione,
        }
    }
}

elemento_flusso! {
    /// `PrestazioniSociali` (`siuss.md` §4.4).
    pub struct PrestazioniSociali {
        attributi {
            /// `I` insert (default), `C` cancel.
            "TipoOperazione" => tipo_operazione,
            /// `1`–`4`.
            "PresenzaProvaMezzi" => presenza_prova_mezzi,
            /// `1` periodic, `2` one-off.
            "CaratterePrestazione" => carattere_prestazione,
            /// DSU protocol number (0–30).
            "NumeroProtocolloDSU" => numero_protocollo_dsu,
            /// DSU protocol year.
            "AnnoProtocolloDSU" => anno_protocollo_dsu,
            /// DSU date (`xs:date`).
            "DataDSU" => data_dsu,
            /// INPS benefit code (5–10).
            "CodicePrestazione" => codice_prestazione,
            /// Benefit name (10–200).
            "DenominazionePrestazione" => denominazione_prestazione,
            /// Application protocol (1–32).
            "ProtocolloDomanda" => protocollo_domanda,
            /// Event date.
            "DataEvento" => data_evento,
            /// Start date (required for periodic benefits).
            "DataInizioPrestazione" => data_inizio_prestazione,
            /// End date (same year as the start).
            "DataFinePrestazione" => data_fine_prestazione,
            /// Payment date (required for one-off benefits).
            "DataErogazionePrestazione" => data_erogazione_prestazione,
            /// Amount (one-off).
            "ImportoPrestazione" => importo_prestazione,
            /// Months paid (1–12).
            "PeriodoErogazione" => periodo_erogazione,
            /// Monthly amount (periodic).
            "ImportoMensile" => importo_mensile,
            /// Share paid by the ente.
            "ImportoQuotaEnte" => importo_quota_ente,
            /// Share paid by the user.
            "ImportoQuotaUtente" => importo_quota_utente,
            /// Share paid by the health service.
            "ImportoQuotaSSN" => importo_quota_ssn,
            /// Statistical: maximum amount asked of a generic user.
            "ImportoQuotaRichiesta" => importo_quota_richiesta,
            /// Statistical: ISEE threshold for access.
            "ImportoSogliaISEE" => importo_soglia_isee,
            /// Monthly service hours, `H.MM` (§4.5).
            "OreServizioMensile" => ore_servizio_mensile,
            /// `1` taken in charge, `2` not.
            "PresaCarico" => presa_carico,
            /// `1`–`3`.
            "AreaUtenza" => area_utenza,
        }
        figli {
            /// Optional SINA block.
            @serde(default, skip_serializing_if = "Option::is_none")
            pub sina: Option<Sina>,
        }
    }
}

elemento_flusso! {
    /// `SINA` (`siuss.md` §4.6).
    pub struct Sina {
        attributi {
            /// `1`–`3`.
            "Mobilita" => mobilita,
            /// `1`–`3`.
            "AttivitaVitaQuotidiana" => attivita_vita_quotidiana,
            /// `1`–`3`.
            "DisturbiAreaCognitiva" => disturbi_area_cognitiva,
            /// `1`–`2`.
            "DisturbiComportamentali" => disturbi_comportamentali,
            /// `1`–`3`.
            "NecessitaCureSanitarie" => necessita_cure_sanitarie,
            /// `1`–`3`.
            "AreaReddituale" => area_reddituale,
            /// `1`–`3`.
            "AreaSupporto" => area_supporto,
            /// `1`–`4`.
            "FonteDerivazioneValutazione" => fonte_derivazione_valutazione,
            /// `1`–`7`.
            "StrumentoValutazione" => strumento_valutazione,
            /// `1`–`2`.
            "FonteDerivazioneInvalidita" => fonte_derivazione_invalidita,
        }
        figli {
            /// `NecessitaInterventiSociali` container (written only when it has codes).
            @serde(default, skip_serializing_if = "Option::is_none")
            pub necessita_interventi_sociali: Option<NecessitaInterventiSociali>,
            /// `InvaliditaCivile` container (written only when it has codes).
            @serde(default, skip_serializing_if = "Option::is_none")
            pub invalidita_civile: Option<InvaliditaCivile>,
        }
    }
}

/// `SINA/NecessitaInterventiSociali`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NecessitaInterventiSociali {
    /// `CodicePrestazione` texts (5–10 characters each).
    pub codici_prestazione: Vec<String>,
}

/// `SINA/InvaliditaCivile`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InvaliditaCivile {
    /// `InvCiv` texts (`1`–`8`).
    pub inv_civ: Vec<String>,
}

/// A SINBA flow (`SINBA.xsd`, root `Flusso`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlussoSinba {
    /// `IdentificazioneFlusso`.
    pub identificazione_flusso: IdentificazioneFlusso,
    /// `SINBA` elements (1..∞; one on the `waas` and `cooperazione` channels).
    pub sinba: Vec<Sinba>,
}

elemento_flusso! {
    /// `SINBA` (`siuss.md` §6.2). No codice fiscale, no name: the minor is `IDBeneficiario`.
    pub struct Sinba {
        attributi {
            /// Pseudonymous id (1–20, `privacy.md` §3).
            "IDBeneficiario" => id_beneficiario,
            /// Unaccompanied foreign minor: `1` SI, `2` NO.
            "MinoreStranieroNoAcc" => minore_straniero_no_acc,
            /// `1`–`5`.
            "CondizioneMinore" => condizione_minore,
            /// `1`–`8`.
            "LuogoVita" => luogo_vita,
            /// `1`–`8`.
            "ScuolaFrequentata" => scuola_frequentata,
            /// `1`–`4`.
            "CondizioneLavoro" => condizione_lavoro,
            /// `1` SI, `2` NO.
            "Disabilita" => disabilita,
            /// `1`–`4`.
            "TipoDisabilita" => tipo_disabilita,
            /// `1`–`5`.
            "InvCivCertificazioni" => inv_civ_certificazioni,
            /// ISO 3166 numeric.
            "CodiceCittadinanzaPadre" => codice_cittadinanza_padre,
            /// ISO 3166 numeric.
            "CodiceCittadinanzaMadre" => codice_cittadinanza_madre,
            /// DM 1986 region.
            "CodiceRegioneResidenzaPadre" => codice_regione_residenza_padre,
            /// DM 1986 region.
            "CodiceRegioneResidenzaMadre" => codice_regione_residenza_madre,
            /// `1`–`6`.
            "TitoloStudioPadre" => titolo_studio_padre,
            /// `1`–`6`.
            "TitoloStudioMadre" => titolo_studio_madre,
            /// `1`–`8`.
            "OccupazionePadre" => occupazione_padre,
            /// `1`–`8`.
            "OccupazioneMadre" => occupazione_madre,
            /// `MM/AAAA`.
            "DataPrimaSegnalazione" => data_prima_segnalazione,
            /// `1`–`14`.
            "FonteSegnalazione" => fonte_segnalazione,
            /// `1`–`13`.
            "ValutazioneMinore" => valutazione_minore,
            /// `1`–`13`.
            "ValutazioneFamigliaMinore" => valutazione_famiglia_minore,
            /// `1` SI, `2` NO.
            "SegnalazioneAutoritaGiudiziaria" => segnalazione_autorita_giudiziaria,
            /// `MM/AAAA`.
            "DataSegnalazione" => data_segnalazione,
            /// `1` SI, `2` NO.
            "ProvvedimentoGiudiziario" => provvedimento_giudiziario,
            /// `MM/AAAA`.
            "DataProvvedimentoGiudiziario" => data_provvedimento_giudiziario,
            /// `1`–`4`.
            "AutoritaProvvedimento" => autorita_provvedimento,
            /// `1`–`5`.
            "PotestaTutela" => potesta_tutela,
            /// `1`–`8`.
            "TipoProvvedimentoGiudiziario" => tipo_provvedimento_giudiziario,
            /// `1`–`2`.
            "FormaInterventoAffido" => forma_intervento_affido,
            /// `1`–`2`.
            "TipoInterventoAffido" => tipo_intervento_affido,
            /// `1`–`2`.
            "DurataAffido" => durata_affido,
            /// `1`–`2`.
            "CarattereAffido" => carattere_affido,
            /// `1`–`9`.
            "EsitoAffido" => esito_affido,
            /// `1`–`10`.
            "CarattereInserimentoResidenziale" => carattere_inserimento_residenziale,
            /// `1`–`2`.
            "FormaInserimentoResidenziale" => forma_inserimento_residenziale,
            /// `1`–`2`.
            "TipoInserimentoResidenziale" => tipo_inserimento_residenziale,
            /// `1`–`9`.
            "EsitoInserimentoStruttura" => esito_inserimento_struttura,
            /// `1`–`9`.
            "MotivazioneChiusuraCarico" => motivazione_chiusura_carico,
            /// `1`–`8`.
            "SituazioneChiusuraCarico" => situazione_chiusura_carico,
            /// `1`–`9`.
            "CollaborazioniInterventi" => collaborazioni_interventi,
            /// Household members in the ISEE (1–9).
            "NumeroComponentiISEE" => numero_componenti_isee,
            /// `1` 0–3 … `6` 15–18 years.
            "FasciaEtaBeneficiario" => fascia_eta_beneficiario,
            /// `1`–`8`.
            "FasciaISEEBeneficiario" => fascia_isee_beneficiario,
            /// Birth year.
            "AnnoNascita" => anno_nascita,
            /// DM 1986 region of residence; required when `CodiceNazioneResidenza` is `380`.
            "CodiceRegioneResidenza" => codice_regione_residenza,
            /// ISO 3166 numeric country of residence.
            "CodiceNazioneResidenza" => codice_nazione_residenza,
        }
        figli {
            /// `Prestazioni` (required).
            pub prestazioni: PrestazioniSinba,
            /// `Famiglia` (required).
            pub famiglia: Famiglia,
        }
    }
}

/// `SINBA/Prestazioni`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrestazioniSinba {
    /// `CodicePrestazione` texts (1..∞, 5–10 characters each).
    pub codici_prestazione: Vec<String>,
}

/// `SINBA/Famiglia`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Famiglia {
    /// `ComposizioneFamiglia` texts (1..∞, `1` Madre … `6` Altri conviventi).
    pub composizione_famiglia: Vec<String>,
}

/// Which of the two flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TipoFlusso {
    /// PS-PSA-SINA (WaaS `tipo` `PS_PSA_SINA`, `id_flusso` segment `PS`).
    #[serde(rename = "PS_PSA_SINA")]
    PsPsaSina,
    /// SINBA (WaaS `tipo` `SINBA`).
    #[serde(rename = "SINBA")]
    Sinba,
}

impl TipoFlusso {
    /// The WaaS `tipo` token: `PS_PSA_SINA` or `SINBA`.
    pub fn as_str(self) -> &'static str {
        match self {
            TipoFlusso::PsPsaSina => "PS_PSA_SINA",
            TipoFlusso::Sinba => "SINBA",
        }
    }

    /// The `TIPO` segment of `id_flusso` and of the flow name: `PS` or `SINBA`.
    pub fn segmento(self) -> &'static str {
        match self {
            TipoFlusso::PsPsaSina => "PS",
            TipoFlusso::Sinba => "SINBA",
        }
    }
}

/// Either flow. In JSON, the flow is told by its member: `beneficiari` (PS-PSA-SINA) or
/// `sinba` (SINBA); errors name the member and the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Flusso {
    /// A PS-PSA-SINA flow.
    PsPsaSina(FlussoPsPsaSina),
    /// A SINBA flow.
    Sinba(FlussoSinba),
}

impl<'de> Deserialize<'de> for Flusso {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let v = serde_json::Value::deserialize(d)?;
        let Some(oggetto) = v.as_object() else {
            return Err(D::Error::custom("a flow is a JSON object"));
        };
        match (
            oggetto.contains_key("beneficiari"),
            oggetto.contains_key("sinba"),
        ) {
            (true, false) => FlussoPsPsaSina::deserialize(v)
                .map(Flusso::PsPsaSina)
                .map_err(|e| D::Error::custom(format!("PS-PSA-SINA flow: {e}"))),
            (false, true) => FlussoSinba::deserialize(v)
                .map(Flusso::Sinba)
                .map_err(|e| D::Error::custom(format!("SINBA flow: {e}"))),
            (true, true) => Err(D::Error::custom(
                "a flow has either `beneficiari` (PS-PSA-SINA) or `sinba` (SINBA), not both",
            )),
            (false, false) => Err(D::Error::custom(
                "a flow needs `beneficiari` (PS-PSA-SINA) or `sinba` (SINBA)",
            )),
        }
    }
}

impl Flusso {
    /// Which flow this is.
    pub fn tipo(&self) -> TipoFlusso {
        match self {
            Flusso::PsPsaSina(_) => TipoFlusso::PsPsaSina,
            Flusso::Sinba(_) => TipoFlusso::Sinba,
        }
    }

    /// The `IdentificazioneFlusso` of either flow.
    pub fn identificazione(&self) -> &IdentificazioneFlusso {
        match self {
            Flusso::PsPsaSina(f) => &f.identificazione_flusso,
            Flusso::Sinba(f) => &f.identificazione_flusso,
        }
    }
}

/// Channel a flow travels on (`siuss.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Canale {
    /// Pulled by INPS through the WaaS API: one beneficiary and one prestazione (one SINBA) per
    /// flow. Default of the derivation.
    #[default]
    Waas,
    /// Application cooperation: same single-item limit as `waas`.
    Cooperazione,
    /// XML file uploaded to the INPS web application: many items per flow.
    Upload,
}

impl Canale {
    /// Whether the channel allows only one beneficiary and one prestazione (one SINBA) per flow.
    pub fn singolo(self) -> bool {
        !matches!(self, Canale::Upload)
    }

    /// The token: `waas`, `cooperazione`, `upload`.
    pub fn as_str(self) -> &'static str {
        match self {
            Canale::Waas => "waas",
            Canale::Cooperazione => "cooperazione",
            Canale::Upload => "upload",
        }
    }
}

impl std::str::FromStr for Canale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "waas" => Ok(Canale::Waas),
            "cooperazione" => Ok(Canale::Cooperazione),
            "upload" => Ok(Canale::Upload),
            other => Err(format!(
                "unknown channel `{other}` (expected waas, cooperazione or upload)"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_tables_follow_the_xsd_and_the_json_names() {
        assert_eq!(Ente::ATTRIBUTI[3], ("CFOperatore", "cf_operatore"));
        assert_eq!(PrestazioniSociali::ATTRIBUTI.len(), 24);
        assert_eq!(Sinba::ATTRIBUTI.len(), 46);
        assert!(PrestazioniSociali::ATTRIBUTI.contains(&("ImportoQuotaSSN", "importo_quota_ssn")));
        assert!(Sinba::ATTRIBUTI.contains(&("NumeroComponentiISEE", "numero_componenti_isee")));
        let mut p = PrestazioniSociali::default();
        assert!(p.imposta("ImportoMensile", Some("10.00".into())));
        assert!(!p.imposta("Nope", Some("x".into())));
        assert_eq!(p.attributo("ImportoMensile"), Some("10.00"));
        assert_eq!(p.importo_mensile.as_deref(), Some("10.00"));
        assert_eq!(
            p.presenti().collect::<Vec<_>>(),
            vec![("ImportoMensile", "10.00")]
        );
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["importo_mensile"], "10.00");
    }

    #[test]
    fn flow_json_names_the_flow_and_the_field_at_fault() {
        let f = Flusso::Sinba(FlussoSinba::default());
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Flusso>(&json).unwrap(), f);
        let e = serde_json::from_str::<Flusso>(
            r#"{"identificazione_flusso":{"ente":{}},"beneficiari":[{"anagrafica":{},"indirizzi":[],"prestazioni_sociali":[],"nope":1}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("PS-PSA-SINA flow: unknown field `nope`"),
            "{e}"
        );
        let e = serde_json::from_str::<Flusso>(r#"{"identificazione_flusso":{"ente":{}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("`beneficiari`"), "{e}");
        assert!(serde_json::from_str::<Flusso>("[]").is_err());
    }

    #[test]
    fn reuse_methods_match_imposta() {
        // The reader relies on no attribute name having a prefix.
        for tabella in [
            IdentificazioneFlusso::ATTRIBUTI,
            Ente::ATTRIBUTI,
            Beneficiario::ATTRIBUTI,
            Anagrafica::ATTRIBUTI,
            Indirizzo::ATTRIBUTI,
            PrestazioniSociali::ATTRIBUTI,
            Sina::ATTRIBUTI,
            Sinba::ATTRIBUTI,
        ] {
            assert!(tabella.iter().all(|(xsd, _)| !xsd.contains(':')));
        }
        let mut riserva = vec![String::from("vecchio valore lungo")];
        let mut p = PrestazioniSociali::default();
        let mut q = PrestazioniSociali::default();
        let mut cursore = 0;
        // In order, out of order, unknown.
        for (k, v) in [
            ("TipoOperazione", "I"),
            ("ImportoMensile", "10.00"),
            ("PresenzaProvaMezzi", "2"),
            ("Nope", "x"),
        ] {
            assert_eq!(
                p.imposta_da(k, v, &mut riserva, &mut cursore),
                q.imposta(k, Some(v.to_string()))
            );
        }
        assert_eq!(p, q);
        assert!(riserva.is_empty());
        p.svuota_in(&mut riserva);
        assert_eq!(p, PrestazioniSociali::default());
        assert_eq!(riserva.len(), 3);
    }
}
