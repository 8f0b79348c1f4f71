//! The HL7 v3 interscambio (`interscambio.md`): read and write the request `PRSS_IN001004ZZ`
//! ([`MessageHandle`]), build the message of one process, write and read the acknowledgement
//! `MCCI_IN000002UV01` ([`AckHandle`]). Only translation: codecs, rules and defaults are the
//! core's (`cartella::interscambio`).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::lettura_risposta::leggi_risposta;
use cartella::interscambio::oid::TabellaOid;
use cartella::interscambio::opzioni::{
    Cicli, CodiciBusta, CodiciGenere, FormaData, FormaImporto, FormaSospensioni, FormaTelecom,
    PosizioneEsito, Sensibilita,
};
use cartella::interscambio::xml::LimitiXml;
use cartella::interscambio::{
    messaggio_per_processo, risposta, risposta_da_report, scrivi_con_esiti, scrivi_risposta, Busta,
    OpzioniRisposta, OpzioniScrittura,
};
use cartella::model::{self, Identificatore, Istante, MessaggioInterscambio, Oid};
use cartella::rules as core;

use crate::cartella_obj::{CartellaHandle, ValidateOptions};
use crate::error::{CartellaError, Result};
use crate::findings::{Issue, Report, Severity};

/// An HL7 instance identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Identifier {
    /// Root (OID of the namespace).
    pub root: String,
    /// Extension.
    #[uniffi(default = None)]
    pub extension: Option<String>,
}

impl From<&Identificatore> for Identifier {
    fn from(i: &Identificatore) -> Self {
        Identifier {
            root: i.root.as_str().to_string(),
            extension: i.extension.clone(),
        }
    }
}

impl From<&Identifier> for Identificatore {
    fn from(i: &Identifier) -> Self {
        Identificatore {
            root: Oid::new(i.root.clone()),
            extension: i.extension.clone(),
        }
    }
}

/// Root of message and device ids (`2.16.840.1.113883.2.9.2.30.3.2.4.3`).
#[uniffi::export]
pub fn message_id_root() -> String {
    cartella::interscambio::oid::RADICE_MESSAGGIO.to_string()
}

/// The envelope of a message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Envelope {
    /// `/id`.
    pub message_id: Identifier,
    /// `/creationTime`, as the model's instant text (`2024-02-01T10:30:00`).
    pub created: String,
    /// `processingCode` (`P`).
    pub processing_code: String,
    /// `processingModeCode` (`T`).
    pub processing_mode_code: String,
    /// `acceptAckCode` (`AL`).
    pub accept_ack_code: String,
    /// `versionCode`.
    pub version_code: Option<String>,
    /// Sending system.
    pub sender: Identifier,
    /// Receiving systems.
    pub receivers: Vec<Identifier>,
}

fn istante_text(i: &Istante) -> String {
    match serde_json::to_value(i) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn istante(name: &str, s: &str) -> Result<Istante> {
    Istante::parse(s.trim()).map_err(|e| CartellaError::argument(name, e))
}

/// An interchange message `PRSS_IN001004ZZ` (envelope plus cartella). Immutable.
#[derive(Debug, uniffi::Object)]
pub struct MessageHandle {
    inner: MessaggioInterscambio,
}

#[uniffi::export]
impl MessageHandle {
    /// Reads a message from its canonical JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<MessageHandle>> {
        Ok(Arc::new(MessageHandle {
            inner: cartella::json::messaggio_from_str(&json)?,
        }))
    }

    /// The canonical JSON (compact).
    pub fn to_json(&self) -> String {
        cartella::json::messaggio_to_string(&self.inner)
    }

    /// The canonical JSON, indented.
    pub fn to_json_pretty(&self) -> String {
        cartella::json::messaggio_to_string_pretty(&self.inner)
    }

    /// The envelope.
    pub fn envelope(&self) -> Envelope {
        let m = &self.inner;
        Envelope {
            message_id: (&m.id_messaggio).into(),
            created: istante_text(&m.data_creazione),
            processing_code: m.processing_code.clone(),
            processing_mode_code: m.processing_mode_code.clone(),
            accept_ack_code: m.accept_ack_code.clone(),
            version_code: m.version_code.clone(),
            sender: (&m.mittente).into(),
            receivers: m.destinatari.iter().map(Identifier::from).collect(),
        }
    }

    /// A copy of the cartella carried.
    pub fn cartella(&self) -> Arc<CartellaHandle> {
        Arc::new(CartellaHandle::from_model(self.inner.cartella.clone()))
    }

    /// Validates the message: its cartella (paths under `/cartella`) plus the message rules.
    pub fn validate(&self, options: ValidateOptions) -> Result<Report> {
        let v = core::Validator::new(options.to_core()?);
        Ok(v.validate_messaggio(&self.inner).into())
    }

    /// Equality of the two messages (every field).
    pub fn same_as(&self, other: Arc<MessageHandle>) -> bool {
        self.inner == other.inner
    }
}

/// Limits of the XML reader (`XML-003`); every field optional (default: the core's limits).
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct XmlLimits {
    /// Maximum document size in bytes.
    #[uniffi(default = None)]
    pub max_size: Option<u64>,
    /// Maximum nesting depth.
    #[uniffi(default = None)]
    pub max_depth: Option<u64>,
    /// Maximum number of elements.
    #[uniffi(default = None)]
    pub max_elements: Option<u64>,
    /// Maximum attribute length in bytes.
    #[uniffi(default = None)]
    pub max_attribute: Option<u64>,
}

fn sz(v: Option<u64>, d: usize) -> usize {
    v.map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        .unwrap_or(d)
}

impl XmlLimits {
    fn to_core(&self) -> OpzioniLettura {
        let d = LimitiXml::default();
        OpzioniLettura {
            limiti: LimitiXml {
                dimensione_massima: sz(self.max_size, d.dimensione_massima),
                profondita_massima: sz(self.max_depth, d.profondita_massima),
                elementi_massimi: sz(self.max_elements, d.elementi_massimi),
                attributo_massimo: sz(self.max_attribute, d.attributo_massimo),
            },
        }
    }
}

fn issues(v: Vec<core::Issue>) -> Vec<Issue> {
    v.into_iter().map(Issue::from).collect()
}

/// Result of reading a message: the message (absent when the input is unreadable) and findings.
#[derive(Debug, uniffi::Record)]
pub struct ReadResult {
    /// The message read, `null` when the input could not be read at all.
    pub message: Option<Arc<MessageHandle>>,
    /// Every finding raised while reading, in document order.
    pub issues: Vec<Issue>,
}

/// Reads a `PRSS_IN001004ZZ` request (UTF-8 bytes). Unreadable input is not an error: the result
/// has no message and the blocking finding (`XML-001`, …).
#[uniffi::export]
pub fn read_message(xml: Vec<u8>, limits: XmlLimits) -> Result<ReadResult> {
    let l = leggi(&xml, &limits.to_core())?;
    Ok(ReadResult {
        message: l.messaggio.map(|m| Arc::new(MessageHandle { inner: m })),
        issues: issues(l.issues),
    })
}

/// Builds the message of one process of a cartella (envelope codes `P`, `T`, `AL`).
#[uniffi::export]
pub fn message_for_process(
    cartella: Arc<CartellaHandle>,
    process_id: String,
    message_id: Identifier,
    created: String,
    sender: Identifier,
    receivers: Vec<Identifier>,
) -> Result<Arc<MessageHandle>> {
    let busta = Busta {
        id_messaggio: (&message_id).into(),
        data_creazione: istante("created", &created)?,
        mittente: (&sender).into(),
        destinatari: receivers.iter().map(Identificatore::from).collect(),
    };
    let c = cartella.read();
    Ok(Arc::new(MessageHandle {
        inner: messaggio_per_processo(&c, &process_id, busta)?,
    }))
}

/// `date_format` (§3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DateFormat {
    /// `yyyyMMdd[HHmm[ss]]`.
    Hl7,
    /// `ddMMyyyy` (compatibility).
    Ddmmyyyy,
}
/// `money_form` (§3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MoneyForm {
    /// `value code=… type="MO"` (XSD-valid).
    CeCode,
    /// `xsi:type="MO"` (not XSD-valid, `CSI-CMP-026`).
    Hl7Mo,
}
/// `esito_placement` (§6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum EsitoPlacement {
    /// Inside `effectiveTime`.
    EffectiveTime,
    /// Direct child of `encounterEvent`.
    EncounterEvent,
}
/// `gender_codes` (§7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GenderCodes {
    /// `M`/`F`/`UN`.
    Hl7,
    /// `1`/`2`.
    Numeric,
}
/// `envelope_codes` (§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum EnvelopeCodes {
    /// The codes held by the message.
    Hl7,
    /// `Produzione`, `batch`.
    Regional,
}
/// `telecom_form` (§3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TelecomForm {
    /// `tel:`/`mailto:` with `@use`.
    Hl7,
    /// Three bare values by position.
    Positional,
}
/// `cycles` (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Cycles {
    /// Every record.
    All,
    /// At most one record per kind (`CSI-CMP-025`).
    Single,
}
/// `suspension_form` (§10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SuspensionForm {
    /// All suspensions.
    All,
    /// Only the latest.
    Latest,
}
/// Sensitivity tags of `privacy.md` §1 (`filtro_sensibilita`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Sensitivity {
    /// Direct identifiers.
    Ide,
    /// Contact data.
    Con,
    /// Health.
    Sal,
    /// Sexual life.
    Ses,
    /// Judicial data.
    Giu,
    /// Economic situation.
    Eco,
    /// Minors.
    Min,
}

/// Writer options (`interscambio.md` §15). Every field has the core's default (`null`: the
/// default form).
#[derive(Debug, Clone, uniffi::Record)]
pub struct WriteOptions {
    /// §3.4.
    #[uniffi(default = None)]
    pub date_format: Option<DateFormat>,
    /// §3.5.
    #[uniffi(default = None)]
    pub money_form: Option<MoneyForm>,
    /// §6.3.
    #[uniffi(default = None)]
    pub esito_placement: Option<EsitoPlacement>,
    /// §7.2 (default `2.16.840.1.113883.2.9.4.3.2`).
    #[uniffi(default = None)]
    pub patient_cf_root: Option<String>,
    /// §7.2.
    #[uniffi(default = None)]
    pub gender_codes: Option<GenderCodes>,
    /// §4.
    #[uniffi(default = None)]
    pub envelope_codes: Option<EnvelopeCodes>,
    /// §4.
    #[uniffi(default = true)]
    pub interaction_id_root: bool,
    /// §3.10.
    #[uniffi(default = None)]
    pub telecom_form: Option<TelecomForm>,
    /// §3.8 (default `comune di residenza`).
    #[uniffi(default = None)]
    pub relation_addr_use: Option<String>,
    /// §9.3 (default `P.4.19`).
    #[uniffi(default = None)]
    pub profilo_erogante_oid: Option<String>,
    /// §6.1: five wire codes, A–E order (default: the registered table).
    #[uniffi(default = None)]
    pub phase_codes: Option<Vec<String>>,
    /// §5.
    #[uniffi(default = None)]
    pub cycles: Option<Cycles>,
    /// §10.
    #[uniffi(default = None)]
    pub suspension_form: Option<SuspensionForm>,
    /// §14 overrides: key → OID (`null`: no `@codeSystem`).
    #[uniffi(default = None)]
    pub oid_table: Option<HashMap<String, Option<String>>>,
    /// Two-space indentation.
    #[uniffi(default = true)]
    pub indent: bool,
    /// `privacy.md` §6.
    #[uniffi(default = [])]
    pub sensitivity_filter: Vec<Sensitivity>,
}

impl WriteOptions {
    fn to_core(&self) -> Result<OpzioniScrittura> {
        let d = OpzioniScrittura::default();
        let phase_codes = match &self.phase_codes {
            None => None,
            Some(v) => Some(<[String; 5]>::try_from(v.clone()).map_err(|v| {
                CartellaError::argument(
                    "phase_codes",
                    format!("expected 5 codes (A–E), got {}", v.len()),
                )
            })?),
        };
        let mut tabella = TabellaOid::default();
        let mut chiavi: Vec<_> = self.oid_table.iter().flatten().collect();
        chiavi.sort();
        for (k, v) in chiavi {
            tabella = tabella.con(k.clone(), v.as_deref());
        }
        let filtro: BTreeSet<Sensibilita> = self
            .sensitivity_filter
            .iter()
            .map(|s| match s {
                Sensitivity::Ide => Sensibilita::Ide,
                Sensitivity::Con => Sensibilita::Con,
                Sensitivity::Sal => Sensibilita::Sal,
                Sensitivity::Ses => Sensibilita::Ses,
                Sensitivity::Giu => Sensibilita::Giu,
                Sensitivity::Eco => Sensibilita::Eco,
                Sensitivity::Min => Sensibilita::Min,
            })
            .collect();
        Ok(OpzioniScrittura {
            date_format: match self.date_format.unwrap_or(DateFormat::Hl7) {
                DateFormat::Hl7 => FormaData::Hl7,
                DateFormat::Ddmmyyyy => FormaData::DdMmYyyy,
            },
            money_form: match self.money_form.unwrap_or(MoneyForm::CeCode) {
                MoneyForm::CeCode => FormaImporto::CeCode,
                MoneyForm::Hl7Mo => FormaImporto::Hl7Mo,
            },
            esito_placement: match self
                .esito_placement
                .unwrap_or(EsitoPlacement::EffectiveTime)
            {
                EsitoPlacement::EffectiveTime => PosizioneEsito::EffectiveTime,
                EsitoPlacement::EncounterEvent => PosizioneEsito::EncounterEvent,
            },
            patient_cf_root: self.patient_cf_root.clone().unwrap_or(d.patient_cf_root),
            gender_codes: match self.gender_codes.unwrap_or(GenderCodes::Hl7) {
                GenderCodes::Hl7 => CodiciGenere::Hl7,
                GenderCodes::Numeric => CodiciGenere::Numerici,
            },
            envelope_codes: match self.envelope_codes.unwrap_or(EnvelopeCodes::Hl7) {
                EnvelopeCodes::Hl7 => CodiciBusta::Hl7,
                EnvelopeCodes::Regional => CodiciBusta::Regionali,
            },
            interaction_id_root: self.interaction_id_root,
            telecom_form: match self.telecom_form.unwrap_or(TelecomForm::Hl7) {
                TelecomForm::Hl7 => FormaTelecom::Hl7,
                TelecomForm::Positional => FormaTelecom::Posizionale,
            },
            relation_addr_use: self
                .relation_addr_use
                .clone()
                .unwrap_or(d.relation_addr_use),
            profilo_erogante_oid: self
                .profilo_erogante_oid
                .clone()
                .unwrap_or(d.profilo_erogante_oid),
            phase_codes,
            cycles: match self.cycles.unwrap_or(Cycles::All) {
                Cycles::All => Cicli::Tutti,
                Cycles::Single => Cicli::Singolo,
            },
            suspension_form: match self.suspension_form.unwrap_or(SuspensionForm::All) {
                SuspensionForm::All => FormaSospensioni::Tutte,
                SuspensionForm::Latest => FormaSospensioni::Ultima,
            },
            oid_table: tabella,
            indent: self.indent,
            filtro_sensibilita: filtro,
        })
    }
}

/// The XML written and the writer's findings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WrittenMessage {
    /// The XML (UTF-8 text).
    pub xml: String,
    /// The writer's findings (`CSI-CMP-025`, `CSI-CMP-026`, `CSI-REL-009`, `CSI-PRV-002`).
    pub issues: Vec<Issue>,
}

/// Writes the request `PRSS_IN001004ZZ`.
#[uniffi::export]
pub fn write_message(message: Arc<MessageHandle>, options: WriteOptions) -> Result<WrittenMessage> {
    let s = scrivi_con_esiti(&message.inner, &options.to_core()?)?;
    Ok(WrittenMessage {
        xml: s.xml,
        issues: issues(s.findings),
    })
}

// ---- acknowledgement ----------------------------------------------------------------------------

/// An acknowledgement `MCCI_IN000002UV01`. Immutable.
#[derive(Debug, uniffi::Object)]
pub struct AckHandle {
    inner: model::RispostaInterscambio,
}

#[uniffi::export]
impl AckHandle {
    /// Reads an acknowledgement from its canonical JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<AckHandle>> {
        Ok(Arc::new(AckHandle {
            inner: cartella::json::risposta_from_str(&json)?,
        }))
    }
    /// The canonical JSON (compact).
    pub fn to_json(&self) -> String {
        cartella::json::risposta_to_string(&self.inner)
    }
    /// `AA`, `AE`, `AR` (or `CA`, `CE`, `CR` when read).
    pub fn ack_type(&self) -> String {
        self.inner.tipo_esito.code().to_string()
    }
    /// `/id`.
    pub fn message_id(&self) -> Identifier {
        (&self.inner.id_messaggio).into()
    }
    /// The message acknowledged.
    pub fn target_message_id(&self) -> Identifier {
        (&self.inner.id_messaggio_riferito).into()
    }
    /// Receiving systems.
    pub fn receivers(&self) -> Vec<Identifier> {
        self.inner
            .destinatari
            .iter()
            .map(Identifier::from)
            .collect()
    }
    /// The rule ids of the details, in order.
    pub fn detail_rule_ids(&self) -> Vec<String> {
        self.inner
            .dettagli
            .iter()
            .filter_map(|d| d.codice.as_ref().map(|c| c.code.clone()))
            .collect()
    }
    /// Equality of the two acknowledgements (every field).
    pub fn same_as(&self, other: Arc<AckHandle>) -> bool {
        self.inner == other.inner
    }
}

fn core_report(issues: &[Issue]) -> Result<core::Report> {
    let mut r = core::Report::new();
    for i in issues {
        let mut c = core::Issue::new(
            &i.rule_id,
            &i.path,
            i.params.iter().map(|(k, v)| (k.as_str(), v.clone())),
        )?;
        if let Some(x) = &i.xml_path {
            c = c.with_xml_path(x.clone());
        }
        r.issues.push(c);
    }
    Ok(r)
}

/// `AA`, `AE` or `AR` for these findings (§12).
#[uniffi::export]
pub fn ack_type(issues: Vec<Issue>) -> Result<String> {
    Ok(risposta::tipo_esito(&core_report(&issues)?)
        .code()
        .to_string())
}

/// Options of [`ack_for`].
#[derive(Debug, Clone, uniffi::Record)]
pub struct AckOptions {
    /// Lowest severity reported as a detail (default `Warning`).
    #[uniffi(default = None)]
    pub min_severity: Option<Severity>,
    /// Maximum number of details (default 100).
    #[uniffi(default = 100)]
    pub max_details: u32,
}

/// Builds the acknowledgement of `message` from findings (a validation report's and/or the
/// reader's).
#[uniffi::export]
pub fn ack_for(
    message: Arc<MessageHandle>,
    issues: Vec<Issue>,
    message_id: Identifier,
    created: String,
    sender: Identifier,
    options: AckOptions,
) -> Result<Arc<AckHandle>> {
    let report = core_report(&issues)?;
    let o = OpzioniRisposta {
        severita_minima: match options.min_severity.unwrap_or(Severity::Warning) {
            Severity::Error => core::Severity::Error,
            Severity::Warning => core::Severity::Warning,
            Severity::Info => core::Severity::Info,
        },
        max_dettagli: usize::try_from(options.max_details).unwrap_or(usize::MAX),
    };
    Ok(Arc::new(AckHandle {
        inner: risposta_da_report(
            &message.inner,
            &report,
            (&message_id).into(),
            istante("created", &created)?,
            (&sender).into(),
            &o,
        ),
    }))
}

/// Writes the acknowledgement.
#[uniffi::export]
pub fn write_ack(ack: Arc<AckHandle>, indent: bool) -> Result<String> {
    Ok(scrivi_risposta(&ack.inner, indent)?)
}

/// Result of reading an acknowledgement.
#[derive(Debug, uniffi::Record)]
pub struct AckReadResult {
    /// The acknowledgement, `null` when the input could not be read at all.
    pub ack: Option<Arc<AckHandle>>,
    /// Findings.
    pub issues: Vec<Issue>,
}

/// Reads a `MCCI_IN000002UV01` acknowledgement (UTF-8 bytes).
#[uniffi::export]
pub fn read_ack(xml: Vec<u8>, limits: XmlLimits) -> Result<AckReadResult> {
    let l = leggi_risposta(&xml, &limits.to_core())?;
    Ok(AckReadResult {
        ack: l.risposta.map(|a| Arc::new(AckHandle { inner: a })),
        issues: issues(l.issues),
    })
}
