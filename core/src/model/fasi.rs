//! Phase records (`model.md` §5): the common header and the five phase kinds A–E.
//!
//! In Rust every phase struct embeds the common header as `intestazione` ([`IntestazioneFase`]);
//! in JSON the record is flat and internally tagged: `tipo_fase` first, then the header keys, then
//! the phase-specific keys. Serialisation is written out field by field (byte-stable key order);
//! deserialisation goes through private flat mirror structs (`deny_unknown_fields`).
//! Written from the spec field tables (originally generated); keep the table order when editing.

use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

#[allow(unused_imports)]
use super::*;

/// Common header of every phase record (`model.md` §5.1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntestazioneFase {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    pub id_fase: String,
    /// Altri identificativi della fase.
    pub altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    pub codice_fase: Option<Codice>,
    /// Stato della fase.
    pub stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    pub stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    pub data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    pub data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    pub esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    pub esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    pub annotazioni: Option<Testo>,
}

impl IntestazioneFase {
    /// Writes the header entries, in table order, into a map being serialised.
    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("id_fase", &self.id_fase)?;
        if !self.altri_id.is_empty() {
            m.serialize_entry("altri_id", &self.altri_id)?;
        }
        if let Some(v) = &self.codice_fase {
            m.serialize_entry("codice_fase", v)?;
        }
        m.serialize_entry("stato_fase", &self.stato_fase)?;
        if let Some(v) = &self.stato_fase_codice {
            m.serialize_entry("stato_fase_codice", v)?;
        }
        if let Some(v) = &self.data_inizio {
            m.serialize_entry("data_inizio", v)?;
        }
        if let Some(v) = &self.data_fine {
            m.serialize_entry("data_fine", v)?;
        }
        if let Some(v) = &self.esito {
            m.serialize_entry("esito", v)?;
        }
        if let Some(v) = &self.esito_processo {
            m.serialize_entry("esito_processo", v)?;
        }
        if let Some(v) = &self.annotazioni {
            m.serialize_entry("annotazioni", v)?;
        }
        Ok(())
    }
}

/// A — Accesso e orientamento (`model.md` §5.2).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaseAccesso {
    /// Intestazione comune (`model.md` §5.1), flattened in JSON.
    pub intestazione: IntestazioneFase,
    /// Segnalazione.
    pub segnalazione: Option<Segnalazione>,
    /// Tipologia richiesta (`…1.1.3`, TIRI).
    pub tipologia_richiesta: Option<Codice>,
    /// Modalità di contatto (`…1.1.3`, alternate `…1.1.4`, MOCO).
    pub modalita_contatto: Option<Codice>,
    /// Ambito di intervento richiesto (`…1.1.10`, AMIR).
    pub ambito_intervento_richiesto: Option<Codice>,
    /// Composizione nucleo familiare (`…1.1.11`, CONF).
    pub composizione_nucleo: Option<Codice>,
    /// Numerosità nucleo familiare (`…1.1.12`, NUNF).
    pub numerosita_nucleo: Option<Codice>,
    /// Numerosità rete sociale (`…1.1.13`, NURS).
    pub numerosita_rete_sociale: Option<Codice>,
    /// Provenienza (`…1.1.14`, PROV).
    pub provenienza: Option<Codice>,
    /// Area reddituale (`…1.1.15`, ARRE).
    pub area_reddituale: Option<Codice>,
    /// DSU (`…1.1.16`, DSU0).
    pub dsu: Option<Codice>,
    /// Tipologia ISEE (`…1.1.16`, alternate `…1.1.17`, TIIS).
    pub tipologia_isee: Option<Codice>,
    /// ISEE (ISEE).
    pub valore_isee: Option<Importo>,
    /// Occupazione assistito (`…1.1.19`, OCAS).
    pub occupazione: Option<Codice>,
    /// Ente rilevatore (COER, DEER).
    pub ente_rilevatore: Option<EnteRilevatore>,
    /// Protocollo DSU (canonical-only).
    pub dsu_protocollo: Option<ProtocolloDsu>,
}

impl FaseAccesso {
    /// Kind of this phase record.
    pub const TIPO: TipoFase = TipoFase::Accesso;

    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.intestazione.serializza_campi(m)?;
        if let Some(v) = &self.segnalazione {
            m.serialize_entry("segnalazione", v)?;
        }
        if let Some(v) = &self.tipologia_richiesta {
            m.serialize_entry("tipologia_richiesta", v)?;
        }
        if let Some(v) = &self.modalita_contatto {
            m.serialize_entry("modalita_contatto", v)?;
        }
        if let Some(v) = &self.ambito_intervento_richiesto {
            m.serialize_entry("ambito_intervento_richiesto", v)?;
        }
        if let Some(v) = &self.composizione_nucleo {
            m.serialize_entry("composizione_nucleo", v)?;
        }
        if let Some(v) = &self.numerosita_nucleo {
            m.serialize_entry("numerosita_nucleo", v)?;
        }
        if let Some(v) = &self.numerosita_rete_sociale {
            m.serialize_entry("numerosita_rete_sociale", v)?;
        }
        if let Some(v) = &self.provenienza {
            m.serialize_entry("provenienza", v)?;
        }
        if let Some(v) = &self.area_reddituale {
            m.serialize_entry("area_reddituale", v)?;
        }
        if let Some(v) = &self.dsu {
            m.serialize_entry("dsu", v)?;
        }
        if let Some(v) = &self.tipologia_isee {
            m.serialize_entry("tipologia_isee", v)?;
        }
        if let Some(v) = &self.valore_isee {
            m.serialize_entry("valore_isee", v)?;
        }
        if let Some(v) = &self.occupazione {
            m.serialize_entry("occupazione", v)?;
        }
        if let Some(v) = &self.ente_rilevatore {
            m.serialize_entry("ente_rilevatore", v)?;
        }
        if let Some(v) = &self.dsu_protocollo {
            m.serialize_entry("dsu_protocollo", v)?;
        }
        Ok(())
    }
}

impl From<FaseAccesso> for Fase {
    fn from(f: FaseAccesso) -> Self {
        Fase::Accesso(f)
    }
}

/// A — Accesso e orientamento (`model.md` §5.2).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FaseAccesso")]
struct FaseAccessoJson {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    id_fase: String,
    /// Altri identificativi della fase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    codice_fase: Option<Codice>,
    /// Stato della fase.
    stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    annotazioni: Option<Testo>,
    /// Segnalazione.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    segnalazione: Option<Segnalazione>,
    /// Tipologia richiesta (`…1.1.3`, TIRI).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    tipologia_richiesta: Option<Codice>,
    /// Modalità di contatto (`…1.1.3`, alternate `…1.1.4`, MOCO).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    modalita_contatto: Option<Codice>,
    /// Ambito di intervento richiesto (`…1.1.10`, AMIR).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    ambito_intervento_richiesto: Option<Codice>,
    /// Composizione nucleo familiare (`…1.1.11`, CONF).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    composizione_nucleo: Option<Codice>,
    /// Numerosità nucleo familiare (`…1.1.12`, NUNF).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    numerosita_nucleo: Option<Codice>,
    /// Numerosità rete sociale (`…1.1.13`, NURS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    numerosita_rete_sociale: Option<Codice>,
    /// Provenienza (`…1.1.14`, PROV).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    provenienza: Option<Codice>,
    /// Area reddituale (`…1.1.15`, ARRE).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    area_reddituale: Option<Codice>,
    /// DSU (`…1.1.16`, DSU0).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    dsu: Option<Codice>,
    /// Tipologia ISEE (`…1.1.16`, alternate `…1.1.17`, TIIS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    tipologia_isee: Option<Codice>,
    /// ISEE (ISEE).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    valore_isee: Option<Importo>,
    /// Occupazione assistito (`…1.1.19`, OCAS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    occupazione: Option<Codice>,
    /// Ente rilevatore (COER, DEER).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    ente_rilevatore: Option<EnteRilevatore>,
    /// Protocollo DSU (canonical-only).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    dsu_protocollo: Option<ProtocolloDsu>,
}

impl From<FaseAccessoJson> for FaseAccesso {
    fn from(j: FaseAccessoJson) -> Self {
        FaseAccesso {
            intestazione: IntestazioneFase {
                id_fase: j.id_fase,
                altri_id: j.altri_id,
                codice_fase: j.codice_fase,
                stato_fase: j.stato_fase,
                stato_fase_codice: j.stato_fase_codice,
                data_inizio: j.data_inizio,
                data_fine: j.data_fine,
                esito: j.esito,
                esito_processo: j.esito_processo,
                annotazioni: j.annotazioni,
            },
            segnalazione: j.segnalazione,
            tipologia_richiesta: j.tipologia_richiesta,
            modalita_contatto: j.modalita_contatto,
            ambito_intervento_richiesto: j.ambito_intervento_richiesto,
            composizione_nucleo: j.composizione_nucleo,
            numerosita_nucleo: j.numerosita_nucleo,
            numerosita_rete_sociale: j.numerosita_rete_sociale,
            provenienza: j.provenienza,
            area_reddituale: j.area_reddituale,
            dsu: j.dsu,
            tipologia_isee: j.tipologia_isee,
            valore_isee: j.valore_isee,
            occupazione: j.occupazione,
            ente_rilevatore: j.ente_rilevatore,
            dsu_protocollo: j.dsu_protocollo,
        }
    }
}

/// B — Valutazione del bisogno (`model.md` §5.3).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaseValutazioneBisogno {
    /// Intestazione comune (`model.md` §5.1), flattened in JSON.
    pub intestazione: IntestazioneFase,
    /// Data valutazione.
    pub data_valutazione: Option<Istante>,
    /// Responsabile della valutazione (profilo `…1.2.1`).
    pub responsabile_valutazione: Option<Operatore>,
    /// Case manager (profilo `…1.2.18`).
    pub case_manager: Option<Operatore>,
    /// Aree di intervento sociale (`…1.2.2`, AMIR).
    pub aree_intervento_sociale: Vec<Codice>,
    /// Esenzioni ticket (`…1.2.3`, ESTI).
    pub esenzioni_ticket: Vec<Codice>,
    /// Denominazione struttura socio-sanitaria che ha in carico la persona (≤ 512, DSGI).
    pub struttura_sociosanitaria_in_carico: Option<Testo>,
    /// Servizi socio-sanitari già erogati (SSGE).
    pub servizi_sociosanitari_erogati: Option<Testo>,
    /// Invalidità (`…1.2.6`, INVA).
    pub invalidita: Vec<Codice>,
    /// Indennità di frequenza (`…1.2.7`, INFR).
    pub indennita_frequenza: Option<Codice>,
    /// Previdenze sociali INPS (`…1.2.8`, PRSI).
    pub previdenze_inps: Vec<Codice>,
    /// Assegno/pensione di invalidità civile (`…1.2.9`, APIC).
    pub assegno_pensione_invalidita: Option<Codice>,
    /// Utente con patologia psichiatrica (`…1.2.10`, UTPP).
    pub patologia_psichiatrica: Option<Codice>,
    /// Patologie correnti (PACO).
    pub patologie_correnti: Option<Testo>,
    /// Portatore di protesi e ausili (`…1.2.12`, POPA).
    pub portatore_protesi_ausili: Option<Codice>,
    /// Codici protesi/ausilio (`…1.2.18`, COPA).
    pub protesi_ausili: Vec<Codice>,
    /// Motivazione affido (`…1.2.13`, MOAF).
    pub motivazione_affido: Option<Codice>,
    /// Valutazione necessità di cure sanitarie (`…1.2.14`, VNCS).
    pub necessita_cure_sanitarie: Option<Codice>,
    /// Necessità di interventi socio-sanitari (`…1.2.15`, NISS).
    pub necessita_interventi_sociosanitari: Vec<Codice>,
    /// Necessità di interventi sociali (`…1.2.16`, NISO).
    pub necessita_interventi_sociali: Vec<Codice>,
    /// Fonte di derivazione della valutazione (`…1.2.17`, FODV).
    pub fonte_derivazione_valutazione: Option<Codice>,
    /// Valutazione SINA (canonical-only).
    pub valutazione_sina: Option<ValutazioneSina>,
}

impl FaseValutazioneBisogno {
    /// Kind of this phase record.
    pub const TIPO: TipoFase = TipoFase::ValutazioneBisogno;

    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.intestazione.serializza_campi(m)?;
        if let Some(v) = &self.data_valutazione {
            m.serialize_entry("data_valutazione", v)?;
        }
        if let Some(v) = &self.responsabile_valutazione {
            m.serialize_entry("responsabile_valutazione", v)?;
        }
        if let Some(v) = &self.case_manager {
            m.serialize_entry("case_manager", v)?;
        }
        if !self.aree_intervento_sociale.is_empty() {
            m.serialize_entry("aree_intervento_sociale", &self.aree_intervento_sociale)?;
        }
        if !self.esenzioni_ticket.is_empty() {
            m.serialize_entry("esenzioni_ticket", &self.esenzioni_ticket)?;
        }
        if let Some(v) = &self.struttura_sociosanitaria_in_carico {
            m.serialize_entry("struttura_sociosanitaria_in_carico", v)?;
        }
        if let Some(v) = &self.servizi_sociosanitari_erogati {
            m.serialize_entry("servizi_sociosanitari_erogati", v)?;
        }
        if !self.invalidita.is_empty() {
            m.serialize_entry("invalidita", &self.invalidita)?;
        }
        if let Some(v) = &self.indennita_frequenza {
            m.serialize_entry("indennita_frequenza", v)?;
        }
        if !self.previdenze_inps.is_empty() {
            m.serialize_entry("previdenze_inps", &self.previdenze_inps)?;
        }
        if let Some(v) = &self.assegno_pensione_invalidita {
            m.serialize_entry("assegno_pensione_invalidita", v)?;
        }
        if let Some(v) = &self.patologia_psichiatrica {
            m.serialize_entry("patologia_psichiatrica", v)?;
        }
        if let Some(v) = &self.patologie_correnti {
            m.serialize_entry("patologie_correnti", v)?;
        }
        if let Some(v) = &self.portatore_protesi_ausili {
            m.serialize_entry("portatore_protesi_ausili", v)?;
        }
        if !self.protesi_ausili.is_empty() {
            m.serialize_entry("protesi_ausili", &self.protesi_ausili)?;
        }
        if let Some(v) = &self.motivazione_affido {
            m.serialize_entry("motivazione_affido", v)?;
        }
        if let Some(v) = &self.necessita_cure_sanitarie {
            m.serialize_entry("necessita_cure_sanitarie", v)?;
        }
        if !self.necessita_interventi_sociosanitari.is_empty() {
            m.serialize_entry(
                "necessita_interventi_sociosanitari",
                &self.necessita_interventi_sociosanitari,
            )?;
        }
        if !self.necessita_interventi_sociali.is_empty() {
            m.serialize_entry(
                "necessita_interventi_sociali",
                &self.necessita_interventi_sociali,
            )?;
        }
        if let Some(v) = &self.fonte_derivazione_valutazione {
            m.serialize_entry("fonte_derivazione_valutazione", v)?;
        }
        if let Some(v) = &self.valutazione_sina {
            m.serialize_entry("valutazione_sina", v)?;
        }
        Ok(())
    }
}

impl From<FaseValutazioneBisogno> for Fase {
    fn from(f: FaseValutazioneBisogno) -> Self {
        Fase::ValutazioneBisogno(f)
    }
}

/// B — Valutazione del bisogno (`model.md` §5.3).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FaseValutazioneBisogno")]
struct FaseValutazioneBisognoJson {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    id_fase: String,
    /// Altri identificativi della fase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    codice_fase: Option<Codice>,
    /// Stato della fase.
    stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    annotazioni: Option<Testo>,
    /// Data valutazione.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_valutazione: Option<Istante>,
    /// Responsabile della valutazione (profilo `…1.2.1`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    responsabile_valutazione: Option<Operatore>,
    /// Case manager (profilo `…1.2.18`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    case_manager: Option<Operatore>,
    /// Aree di intervento sociale (`…1.2.2`, AMIR).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aree_intervento_sociale: Vec<Codice>,
    /// Esenzioni ticket (`…1.2.3`, ESTI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    esenzioni_ticket: Vec<Codice>,
    /// Denominazione struttura socio-sanitaria che ha in carico la persona (≤ 512, DSGI).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    struttura_sociosanitaria_in_carico: Option<Testo>,
    /// Servizi socio-sanitari già erogati (SSGE).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    servizi_sociosanitari_erogati: Option<Testo>,
    /// Invalidità (`…1.2.6`, INVA).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    invalidita: Vec<Codice>,
    /// Indennità di frequenza (`…1.2.7`, INFR).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    indennita_frequenza: Option<Codice>,
    /// Previdenze sociali INPS (`…1.2.8`, PRSI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    previdenze_inps: Vec<Codice>,
    /// Assegno/pensione di invalidità civile (`…1.2.9`, APIC).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    assegno_pensione_invalidita: Option<Codice>,
    /// Utente con patologia psichiatrica (`…1.2.10`, UTPP).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    patologia_psichiatrica: Option<Codice>,
    /// Patologie correnti (PACO).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    patologie_correnti: Option<Testo>,
    /// Portatore di protesi e ausili (`…1.2.12`, POPA).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    portatore_protesi_ausili: Option<Codice>,
    /// Codici protesi/ausilio (`…1.2.18`, COPA).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    protesi_ausili: Vec<Codice>,
    /// Motivazione affido (`…1.2.13`, MOAF).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    motivazione_affido: Option<Codice>,
    /// Valutazione necessità di cure sanitarie (`…1.2.14`, VNCS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    necessita_cure_sanitarie: Option<Codice>,
    /// Necessità di interventi socio-sanitari (`…1.2.15`, NISS).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    necessita_interventi_sociosanitari: Vec<Codice>,
    /// Necessità di interventi sociali (`…1.2.16`, NISO).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    necessita_interventi_sociali: Vec<Codice>,
    /// Fonte di derivazione della valutazione (`…1.2.17`, FODV).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    fonte_derivazione_valutazione: Option<Codice>,
    /// Valutazione SINA (canonical-only).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    valutazione_sina: Option<ValutazioneSina>,
}

impl From<FaseValutazioneBisognoJson> for FaseValutazioneBisogno {
    fn from(j: FaseValutazioneBisognoJson) -> Self {
        FaseValutazioneBisogno {
            intestazione: IntestazioneFase {
                id_fase: j.id_fase,
                altri_id: j.altri_id,
                codice_fase: j.codice_fase,
                stato_fase: j.stato_fase,
                stato_fase_codice: j.stato_fase_codice,
                data_inizio: j.data_inizio,
                data_fine: j.data_fine,
                esito: j.esito,
                esito_processo: j.esito_processo,
                annotazioni: j.annotazioni,
            },
            data_valutazione: j.data_valutazione,
            responsabile_valutazione: j.responsabile_valutazione,
            case_manager: j.case_manager,
            aree_intervento_sociale: j.aree_intervento_sociale,
            esenzioni_ticket: j.esenzioni_ticket,
            struttura_sociosanitaria_in_carico: j.struttura_sociosanitaria_in_carico,
            servizi_sociosanitari_erogati: j.servizi_sociosanitari_erogati,
            invalidita: j.invalidita,
            indennita_frequenza: j.indennita_frequenza,
            previdenze_inps: j.previdenze_inps,
            assegno_pensione_invalidita: j.assegno_pensione_invalidita,
            patologia_psichiatrica: j.patologia_psichiatrica,
            patologie_correnti: j.patologie_correnti,
            portatore_protesi_ausili: j.portatore_protesi_ausili,
            protesi_ausili: j.protesi_ausili,
            motivazione_affido: j.motivazione_affido,
            necessita_cure_sanitarie: j.necessita_cure_sanitarie,
            necessita_interventi_sociosanitari: j.necessita_interventi_sociosanitari,
            necessita_interventi_sociali: j.necessita_interventi_sociali,
            fonte_derivazione_valutazione: j.fonte_derivazione_valutazione,
            valutazione_sina: j.valutazione_sina,
        }
    }
}

/// C — Elaborazione del progetto individuale (`model.md` §5.4).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaseProgettoIndividuale {
    /// Intestazione comune (`model.md` §5.1), flattened in JSON.
    pub intestazione: IntestazioneFase,
    /// Responsabile del progetto (profilo `…1.3.2`).
    pub responsabile_progetto: Option<Operatore>,
    /// Responsabile del monitoraggio (profilo `…1.3.3`).
    pub responsabile_monitoraggio: Option<Operatore>,
    /// Progetto individuale.
    pub progetto: Option<ProgettoIndividuale>,
}

impl FaseProgettoIndividuale {
    /// Kind of this phase record.
    pub const TIPO: TipoFase = TipoFase::ProgettoIndividuale;

    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.intestazione.serializza_campi(m)?;
        if let Some(v) = &self.responsabile_progetto {
            m.serialize_entry("responsabile_progetto", v)?;
        }
        if let Some(v) = &self.responsabile_monitoraggio {
            m.serialize_entry("responsabile_monitoraggio", v)?;
        }
        if let Some(v) = &self.progetto {
            m.serialize_entry("progetto", v)?;
        }
        Ok(())
    }
}

impl From<FaseProgettoIndividuale> for Fase {
    fn from(f: FaseProgettoIndividuale) -> Self {
        Fase::ProgettoIndividuale(f)
    }
}

/// C — Elaborazione del progetto individuale (`model.md` §5.4).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FaseProgettoIndividuale")]
struct FaseProgettoIndividualeJson {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    id_fase: String,
    /// Altri identificativi della fase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    codice_fase: Option<Codice>,
    /// Stato della fase.
    stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    annotazioni: Option<Testo>,
    /// Responsabile del progetto (profilo `…1.3.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    responsabile_progetto: Option<Operatore>,
    /// Responsabile del monitoraggio (profilo `…1.3.3`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    responsabile_monitoraggio: Option<Operatore>,
    /// Progetto individuale.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    progetto: Option<ProgettoIndividuale>,
}

impl From<FaseProgettoIndividualeJson> for FaseProgettoIndividuale {
    fn from(j: FaseProgettoIndividualeJson) -> Self {
        FaseProgettoIndividuale {
            intestazione: IntestazioneFase {
                id_fase: j.id_fase,
                altri_id: j.altri_id,
                codice_fase: j.codice_fase,
                stato_fase: j.stato_fase,
                stato_fase_codice: j.stato_fase_codice,
                data_inizio: j.data_inizio,
                data_fine: j.data_fine,
                esito: j.esito,
                esito_processo: j.esito_processo,
                annotazioni: j.annotazioni,
            },
            responsabile_progetto: j.responsabile_progetto,
            responsabile_monitoraggio: j.responsabile_monitoraggio,
            progetto: j.progetto,
        }
    }
}

/// D — Erogazione del servizio: one activated service or measure (`model.md` §5.5).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaseErogazioneServizio {
    /// Intestazione comune (`model.md` §5.1), flattened in JSON.
    pub intestazione: IntestazioneFase,
    /// Denominazione struttura fuori rete (≤ 256, DSFR).
    pub struttura_fuori_rete: Option<Testo>,
    /// Unità d'offerta sociale (`…1.4.1`, UDOS).
    pub udo_sociale: Option<Codice>,
    /// Soggetto erogatore (`…1.4.3`, SOER).
    pub soggetto_erogatore: Option<Codice>,
    /// Modalità di erogazione (`…1.4.4`, MOER).
    pub modalita_erogazione: Option<Codice>,
    /// Area intervento sociale (`…1.4.5`, ARIS).
    pub area_intervento_sociale: Option<Codice>,
    /// Servizio erogato (`…1.4.6`, SEER).
    pub servizio_erogato: Option<Codice>,
    /// Data attivazione servizio (DAAS).
    pub data_attivazione: Option<Istante>,
    /// Data conclusione servizio (DACS).
    pub data_conclusione: Option<Istante>,
    /// Sospensioni (DAIS, DAFS, MOSO).
    pub sospensioni: Vec<Sospensione>,
    /// Valore mensile buono sociale (VMBS).
    pub valore_mensile_buono: Option<Importo>,
    /// Tipologia voucher sociale (`…1.4.13`, TIVS).
    pub tipologia_voucher: Option<Codice>,
    /// Valore voucher (VAVO).
    pub valore_voucher: Option<Importo>,
    /// Importo erogato (IMER).
    pub importo_erogato: Option<Importo>,
    /// Riprogrammazione risorse economiche (RIRE).
    pub riprogrammazione_risorse: Option<Importo>,
    /// Prestazioni erogate.
    pub prestazioni_erogate: Vec<Prestazione>,
    /// Stato dell'intervento (canonical-only).
    pub stato_intervento: Option<StatoIntervento>,
    /// Dati per il SIUSS (canonical-only).
    pub siuss: Option<DatiSiussPrestazione>,
}

impl FaseErogazioneServizio {
    /// Kind of this phase record.
    pub const TIPO: TipoFase = TipoFase::ErogazioneServizio;

    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.intestazione.serializza_campi(m)?;
        if let Some(v) = &self.struttura_fuori_rete {
            m.serialize_entry("struttura_fuori_rete", v)?;
        }
        if let Some(v) = &self.udo_sociale {
            m.serialize_entry("udo_sociale", v)?;
        }
        if let Some(v) = &self.soggetto_erogatore {
            m.serialize_entry("soggetto_erogatore", v)?;
        }
        if let Some(v) = &self.modalita_erogazione {
            m.serialize_entry("modalita_erogazione", v)?;
        }
        if let Some(v) = &self.area_intervento_sociale {
            m.serialize_entry("area_intervento_sociale", v)?;
        }
        if let Some(v) = &self.servizio_erogato {
            m.serialize_entry("servizio_erogato", v)?;
        }
        if let Some(v) = &self.data_attivazione {
            m.serialize_entry("data_attivazione", v)?;
        }
        if let Some(v) = &self.data_conclusione {
            m.serialize_entry("data_conclusione", v)?;
        }
        if !self.sospensioni.is_empty() {
            m.serialize_entry("sospensioni", &self.sospensioni)?;
        }
        if let Some(v) = &self.valore_mensile_buono {
            m.serialize_entry("valore_mensile_buono", v)?;
        }
        if let Some(v) = &self.tipologia_voucher {
            m.serialize_entry("tipologia_voucher", v)?;
        }
        if let Some(v) = &self.valore_voucher {
            m.serialize_entry("valore_voucher", v)?;
        }
        if let Some(v) = &self.importo_erogato {
            m.serialize_entry("importo_erogato", v)?;
        }
        if let Some(v) = &self.riprogrammazione_risorse {
            m.serialize_entry("riprogrammazione_risorse", v)?;
        }
        if !self.prestazioni_erogate.is_empty() {
            m.serialize_entry("prestazioni_erogate", &self.prestazioni_erogate)?;
        }
        if let Some(v) = &self.stato_intervento {
            m.serialize_entry("stato_intervento", v)?;
        }
        if let Some(v) = &self.siuss {
            m.serialize_entry("siuss", v)?;
        }
        Ok(())
    }
}

impl From<FaseErogazioneServizio> for Fase {
    fn from(f: FaseErogazioneServizio) -> Self {
        Fase::ErogazioneServizio(f)
    }
}

/// D — Erogazione del servizio: one activated service or measure (`model.md` §5.5).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FaseErogazioneServizio")]
struct FaseErogazioneServizioJson {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    id_fase: String,
    /// Altri identificativi della fase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    codice_fase: Option<Codice>,
    /// Stato della fase.
    stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    annotazioni: Option<Testo>,
    /// Denominazione struttura fuori rete (≤ 256, DSFR).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    struttura_fuori_rete: Option<Testo>,
    /// Unità d'offerta sociale (`…1.4.1`, UDOS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    udo_sociale: Option<Codice>,
    /// Soggetto erogatore (`…1.4.3`, SOER).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    soggetto_erogatore: Option<Codice>,
    /// Modalità di erogazione (`…1.4.4`, MOER).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    modalita_erogazione: Option<Codice>,
    /// Area intervento sociale (`…1.4.5`, ARIS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    area_intervento_sociale: Option<Codice>,
    /// Servizio erogato (`…1.4.6`, SEER).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    servizio_erogato: Option<Codice>,
    /// Data attivazione servizio (DAAS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_attivazione: Option<Istante>,
    /// Data conclusione servizio (DACS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_conclusione: Option<Istante>,
    /// Sospensioni (DAIS, DAFS, MOSO).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sospensioni: Vec<Sospensione>,
    /// Valore mensile buono sociale (VMBS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    valore_mensile_buono: Option<Importo>,
    /// Tipologia voucher sociale (`…1.4.13`, TIVS).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    tipologia_voucher: Option<Codice>,
    /// Valore voucher (VAVO).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    valore_voucher: Option<Importo>,
    /// Importo erogato (IMER).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    importo_erogato: Option<Importo>,
    /// Riprogrammazione risorse economiche (RIRE).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    riprogrammazione_risorse: Option<Importo>,
    /// Prestazioni erogate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    prestazioni_erogate: Vec<Prestazione>,
    /// Stato dell'intervento (canonical-only).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_intervento: Option<StatoIntervento>,
    /// Dati per il SIUSS (canonical-only).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    siuss: Option<DatiSiussPrestazione>,
}

impl From<FaseErogazioneServizioJson> for FaseErogazioneServizio {
    fn from(j: FaseErogazioneServizioJson) -> Self {
        FaseErogazioneServizio {
            intestazione: IntestazioneFase {
                id_fase: j.id_fase,
                altri_id: j.altri_id,
                codice_fase: j.codice_fase,
                stato_fase: j.stato_fase,
                stato_fase_codice: j.stato_fase_codice,
                data_inizio: j.data_inizio,
                data_fine: j.data_fine,
                esito: j.esito,
                esito_processo: j.esito_processo,
                annotazioni: j.annotazioni,
            },
            struttura_fuori_rete: j.struttura_fuori_rete,
            udo_sociale: j.udo_sociale,
            soggetto_erogatore: j.soggetto_erogatore,
            modalita_erogazione: j.modalita_erogazione,
            area_intervento_sociale: j.area_intervento_sociale,
            servizio_erogato: j.servizio_erogato,
            data_attivazione: j.data_attivazione,
            data_conclusione: j.data_conclusione,
            sospensioni: j.sospensioni,
            valore_mensile_buono: j.valore_mensile_buono,
            tipologia_voucher: j.tipologia_voucher,
            valore_voucher: j.valore_voucher,
            importo_erogato: j.importo_erogato,
            riprogrammazione_risorse: j.riprogrammazione_risorse,
            prestazioni_erogate: j.prestazioni_erogate,
            stato_intervento: j.stato_intervento,
            siuss: j.siuss,
        }
    }
}

/// E — Valutazione finale e conclusione del processo di aiuto (`model.md` §5.6).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FaseValutazioneFinale {
    /// Intestazione comune (`model.md` §5.1), flattened in JSON.
    pub intestazione: IntestazioneFase,
    /// Responsabile chiusura.
    pub responsabile_chiusura: Option<Operatore>,
    /// Data chiusura progetto.
    pub data_chiusura_progetto: Option<Istante>,
    /// Data valutazione finale (DAVF).
    pub data_valutazione_finale: Option<Istante>,
    /// Valutazione finale (VAFI).
    pub valutazione_finale: Option<Testo>,
    /// Motivazione chiusura progetto (`…1.5.3`, MOCP).
    pub motivazione_chiusura: Option<Codice>,
    /// Risorse economiche finali (RIEF).
    pub risorse_economiche_finali: Option<Importo>,
    /// Risultati raggiunti (RIRA).
    pub risultati_raggiunti: Option<Testo>,
    /// Risultati non raggiunti (RINR).
    pub risultati_non_raggiunti: Option<Testo>,
    /// Nuovo progetto (`…1.5.7`, NUPR).
    pub nuovo_progetto: Option<Codice>,
}

impl FaseValutazioneFinale {
    /// Kind of this phase record.
    pub const TIPO: TipoFase = TipoFase::ValutazioneFinale;

    fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        self.intestazione.serializza_campi(m)?;
        if let Some(v) = &self.responsabile_chiusura {
            m.serialize_entry("responsabile_chiusura", v)?;
        }
        if let Some(v) = &self.data_chiusura_progetto {
            m.serialize_entry("data_chiusura_progetto", v)?;
        }
        if let Some(v) = &self.data_valutazione_finale {
            m.serialize_entry("data_valutazione_finale", v)?;
        }
        if let Some(v) = &self.valutazione_finale {
            m.serialize_entry("valutazione_finale", v)?;
        }
        if let Some(v) = &self.motivazione_chiusura {
            m.serialize_entry("motivazione_chiusura", v)?;
        }
        if let Some(v) = &self.risorse_economiche_finali {
            m.serialize_entry("risorse_economiche_finali", v)?;
        }
        if let Some(v) = &self.risultati_raggiunti {
            m.serialize_entry("risultati_raggiunti", v)?;
        }
        if let Some(v) = &self.risultati_non_raggiunti {
            m.serialize_entry("risultati_non_raggiunti", v)?;
        }
        if let Some(v) = &self.nuovo_progetto {
            m.serialize_entry("nuovo_progetto", v)?;
        }
        Ok(())
    }
}

impl From<FaseValutazioneFinale> for Fase {
    fn from(f: FaseValutazioneFinale) -> Self {
        Fase::ValutazioneFinale(f)
    }
}

/// E — Valutazione finale e conclusione del processo di aiuto (`model.md` §5.6).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "FaseValutazioneFinale")]
struct FaseValutazioneFinaleJson {
    /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
    id_fase: String,
    /// Altri identificativi della fase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    altri_id: Vec<Identificatore>,
    /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    codice_fase: Option<Codice>,
    /// Stato della fase.
    stato_fase: StatoFase,
    /// Stato della fase (valore ricevuto, kept when not mappable).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    stato_fase_codice: Option<String>,
    /// Data/ora inizio fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_inizio: Option<Istante>,
    /// Data/ora fine fase.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_fine: Option<Istante>,
    /// Esito della fase (regional wire outcome, `…1.1.2`).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito: Option<Codice>,
    /// Esito canonico (drives the lifecycle, D10).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    esito_processo: Option<EsitoProcesso>,
    /// Annotazioni testuali (≤ 4000).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    annotazioni: Option<Testo>,
    /// Responsabile chiusura.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    responsabile_chiusura: Option<Operatore>,
    /// Data chiusura progetto.
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_chiusura_progetto: Option<Istante>,
    /// Data valutazione finale (DAVF).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    data_valutazione_finale: Option<Istante>,
    /// Valutazione finale (VAFI).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    valutazione_finale: Option<Testo>,
    /// Motivazione chiusura progetto (`…1.5.3`, MOCP).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    motivazione_chiusura: Option<Codice>,
    /// Risorse economiche finali (RIEF).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    risorse_economiche_finali: Option<Importo>,
    /// Risultati raggiunti (RIRA).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    risultati_raggiunti: Option<Testo>,
    /// Risultati non raggiunti (RINR).
    #[serde(
        default,
        deserialize_with = "super::serde_util::testo_opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    risultati_non_raggiunti: Option<Testo>,
    /// Nuovo progetto (`…1.5.7`, NUPR).
    #[serde(
        default,
        deserialize_with = "super::serde_util::opzionale",
        skip_serializing_if = "Option::is_none"
    )]
    nuovo_progetto: Option<Codice>,
}

impl From<FaseValutazioneFinaleJson> for FaseValutazioneFinale {
    fn from(j: FaseValutazioneFinaleJson) -> Self {
        FaseValutazioneFinale {
            intestazione: IntestazioneFase {
                id_fase: j.id_fase,
                altri_id: j.altri_id,
                codice_fase: j.codice_fase,
                stato_fase: j.stato_fase,
                stato_fase_codice: j.stato_fase_codice,
                data_inizio: j.data_inizio,
                data_fine: j.data_fine,
                esito: j.esito,
                esito_processo: j.esito_processo,
                annotazioni: j.annotazioni,
            },
            responsabile_chiusura: j.responsabile_chiusura,
            data_chiusura_progetto: j.data_chiusura_progetto,
            data_valutazione_finale: j.data_valutazione_finale,
            valutazione_finale: j.valutazione_finale,
            motivazione_chiusura: j.motivazione_chiusura,
            risorse_economiche_finali: j.risorse_economiche_finali,
            risultati_raggiunti: j.risultati_raggiunti,
            risultati_non_raggiunti: j.risultati_non_raggiunti,
            nuovo_progetto: j.nuovo_progetto,
        }
    }
}

/// A phase record: one of the five kinds A–E, internally tagged by `tipo_fase` in JSON.
///
/// Variants are not boxed: records live in `Vec<Fase>`, where every element has the size of the
/// largest variant anyway, and unboxed variants keep pattern matching simple for rule writers.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Fase {
    /// A — Accesso e orientamento (`model.md` §5.2).
    Accesso(FaseAccesso),
    /// B — Valutazione del bisogno (`model.md` §5.3).
    ValutazioneBisogno(FaseValutazioneBisogno),
    /// C — Elaborazione del progetto individuale (`model.md` §5.4).
    ProgettoIndividuale(FaseProgettoIndividuale),
    /// D — Erogazione del servizio: one activated service or measure (`model.md` §5.5).
    ErogazioneServizio(FaseErogazioneServizio),
    /// E — Valutazione finale e conclusione del processo di aiuto (`model.md` §5.6).
    ValutazioneFinale(FaseValutazioneFinale),
}

/// Flat JSON form of [`Fase`] (deserialisation and schema only).
#[derive(Deserialize, JsonSchema)]
#[serde(tag = "tipo_fase")]
#[schemars(rename = "Fase")]
#[allow(clippy::large_enum_variant)]
enum FaseJson {
    /// A — Accesso e orientamento (`model.md` §5.2).
    #[serde(rename = "ACCESSO_E_ORIENTAMENTO")]
    Accesso(FaseAccessoJson),
    /// B — Valutazione del bisogno (`model.md` §5.3).
    #[serde(rename = "VALUTAZIONE_DEL_BISOGNO")]
    ValutazioneBisogno(FaseValutazioneBisognoJson),
    /// C — Elaborazione del progetto individuale (`model.md` §5.4).
    #[serde(rename = "ELABORAZIONE_PROGETTO_INDIVIDUALE")]
    ProgettoIndividuale(FaseProgettoIndividualeJson),
    /// D — Erogazione del servizio: one activated service or measure (`model.md` §5.5).
    #[serde(rename = "EROGAZIONE_DEL_SERVIZIO")]
    ErogazioneServizio(FaseErogazioneServizioJson),
    /// E — Valutazione finale e conclusione del processo di aiuto (`model.md` §5.6).
    #[serde(rename = "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO")]
    ValutazioneFinale(FaseValutazioneFinaleJson),
}

impl From<FaseJson> for Fase {
    fn from(j: FaseJson) -> Self {
        match j {
            FaseJson::Accesso(f) => Fase::Accesso(f.into()),
            FaseJson::ValutazioneBisogno(f) => Fase::ValutazioneBisogno(f.into()),
            FaseJson::ProgettoIndividuale(f) => Fase::ProgettoIndividuale(f.into()),
            FaseJson::ErogazioneServizio(f) => Fase::ErogazioneServizio(f.into()),
            FaseJson::ValutazioneFinale(f) => Fase::ValutazioneFinale(f.into()),
        }
    }
}

impl Serialize for Fase {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("tipo_fase", &self.tipo())?;
        match self {
            Fase::Accesso(f) => f.serializza_campi(&mut m)?,
            Fase::ValutazioneBisogno(f) => f.serializza_campi(&mut m)?,
            Fase::ProgettoIndividuale(f) => f.serializza_campi(&mut m)?,
            Fase::ErogazioneServizio(f) => f.serializza_campi(&mut m)?,
            Fase::ValutazioneFinale(f) => f.serializza_campi(&mut m)?,
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Fase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        FaseJson::deserialize(d).map(Fase::from)
    }
}

impl JsonSchema for Fase {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fase".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        FaseJson::json_schema(generator)
    }
}

impl Default for Fase {
    /// An empty A record (only so that containers can derive `Default`).
    fn default() -> Self {
        Fase::Accesso(FaseAccesso::default())
    }
}

impl Fase {
    /// Kind of the record.
    pub fn tipo(&self) -> TipoFase {
        match self {
            Fase::Accesso(_) => TipoFase::Accesso,
            Fase::ValutazioneBisogno(_) => TipoFase::ValutazioneBisogno,
            Fase::ProgettoIndividuale(_) => TipoFase::ProgettoIndividuale,
            Fase::ErogazioneServizio(_) => TipoFase::ErogazioneServizio,
            Fase::ValutazioneFinale(_) => TipoFase::ValutazioneFinale,
        }
    }

    /// Common header (`id_fase`, `stato_fase`, dates, `esito`, `esito_processo`, …).
    pub fn header(&self) -> &IntestazioneFase {
        match self {
            Fase::Accesso(f) => &f.intestazione,
            Fase::ValutazioneBisogno(f) => &f.intestazione,
            Fase::ProgettoIndividuale(f) => &f.intestazione,
            Fase::ErogazioneServizio(f) => &f.intestazione,
            Fase::ValutazioneFinale(f) => &f.intestazione,
        }
    }

    /// Mutable common header.
    pub fn header_mut(&mut self) -> &mut IntestazioneFase {
        match self {
            Fase::Accesso(f) => &mut f.intestazione,
            Fase::ValutazioneBisogno(f) => &mut f.intestazione,
            Fase::ProgettoIndividuale(f) => &mut f.intestazione,
            Fase::ErogazioneServizio(f) => &mut f.intestazione,
            Fase::ValutazioneFinale(f) => &mut f.intestazione,
        }
    }

    /// `id_fase` of the record.
    pub fn id(&self) -> &str {
        &self.header().id_fase
    }

    /// `stato_fase` of the record.
    pub fn stato(&self) -> StatoFase {
        self.header().stato_fase
    }

    /// `true` when `stato_fase` is `APERTA` or `SOSPESA` (the record is not closed/annulled).
    pub fn is_open(&self) -> bool {
        matches!(self.stato(), StatoFase::Aperta | StatoFase::Sospesa)
    }

    /// The ACCESSO_E_ORIENTAMENTO record, if this is one.
    pub fn as_accesso(&self) -> Option<&FaseAccesso> {
        match self {
            Fase::Accesso(f) => Some(f),
            _ => None,
        }
    }

    /// The ACCESSO_E_ORIENTAMENTO record, mutable, if this is one.
    pub fn as_accesso_mut(&mut self) -> Option<&mut FaseAccesso> {
        match self {
            Fase::Accesso(f) => Some(f),
            _ => None,
        }
    }

    /// The VALUTAZIONE_DEL_BISOGNO record, if this is one.
    pub fn as_valutazione_bisogno(&self) -> Option<&FaseValutazioneBisogno> {
        match self {
            Fase::ValutazioneBisogno(f) => Some(f),
            _ => None,
        }
    }

    /// The VALUTAZIONE_DEL_BISOGNO record, mutable, if this is one.
    pub fn as_valutazione_bisogno_mut(&mut self) -> Option<&mut FaseValutazioneBisogno> {
        match self {
            Fase::ValutazioneBisogno(f) => Some(f),
            _ => None,
        }
    }

    /// The ELABORAZIONE_PROGETTO_INDIVIDUALE record, if this is one.
    pub fn as_progetto_individuale(&self) -> Option<&FaseProgettoIndividuale> {
        match self {
            Fase::ProgettoIndividuale(f) => Some(f),
            _ => None,
        }
    }

    /// The ELABORAZIONE_PROGETTO_INDIVIDUALE record, mutable, if this is one.
    pub fn as_progetto_individuale_mut(&mut self) -> Option<&mut FaseProgettoIndividuale> {
        match self {
            Fase::ProgettoIndividuale(f) => Some(f),
            _ => None,
        }
    }

    /// The EROGAZIONE_DEL_SERVIZIO record, if this is one.
    pub fn as_erogazione_servizio(&self) -> Option<&FaseErogazioneServizio> {
        match self {
            Fase::ErogazioneServizio(f) => Some(f),
            _ => None,
        }
    }

    /// The EROGAZIONE_DEL_SERVIZIO record, mutable, if this is one.
    pub fn as_erogazione_servizio_mut(&mut self) -> Option<&mut FaseErogazioneServizio> {
        match self {
            Fase::ErogazioneServizio(f) => Some(f),
            _ => None,
        }
    }

    /// The VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO record, if this is one.
    pub fn as_valutazione_finale(&self) -> Option<&FaseValutazioneFinale> {
        match self {
            Fase::ValutazioneFinale(f) => Some(f),
            _ => None,
        }
    }

    /// The VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO record, mutable, if this is one.
    pub fn as_valutazione_finale_mut(&mut self) -> Option<&mut FaseValutazioneFinale> {
        match self {
            Fase::ValutazioneFinale(f) => Some(f),
            _ => None,
        }
    }
}
