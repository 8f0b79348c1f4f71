//! The INPS national flows (`siuss.md`): derivation of PS-PSA-SINA and SINBA flows from a
//! cartella, the typed flow ([`FlussoHandle`]) with its XML and JSON forms, the INPS checks (on a
//! flow or streaming on a file), the WaaS pull API pieces ([`RegistroInviiHandle`],
//! [`get_flussi`], [`post_esiti`], [`select_flussi_xml`]) and the pseudonymous SINBA id.
//!
//! Only translation: derivation, codecs, rules, WaaS behaviour and defaults are the core's
//! (`cartella::siuss`). Dates cross as ISO `YYYY-MM-DD` strings, amounts as decimal strings,
//! `ts_flusso` as milliseconds since the epoch.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::BufReader;
use std::sync::{Arc, Mutex, MutexGuard};

use cartella::interscambio::xml::LimitiXml;
use cartella::model::Decimale;
use cartella::rules as core;
use cartella::siuss as s;
use cartella::siuss::deriva::{ChiaveHmac, OpzioniDerivazione, Progressivo};
use cartella::siuss::waas;
use cartella::siuss::xml::{OpzioniLetturaFlusso, LIMITI_FLUSSO};

use crate::cartella_obj::CartellaHandle;
use crate::codelists::RegistryHandle;
use crate::error::{CartellaError, Result};
use crate::findings::{Issue, Report, SuppressionSpec};
use crate::interscambio::XmlLimits;
use crate::{iso, parse_date};

fn issues(v: Vec<core::Issue>) -> Vec<Issue> {
    v.into_iter().map(Issue::from).collect()
}

fn suppressions(v: &[SuppressionSpec]) -> Result<Vec<core::Suppression>> {
    v.iter().map(SuppressionSpec::to_core).collect()
}

fn opt_date(name: &str, v: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    v.as_deref().map(|d| parse_date(name, d)).transpose()
}

/// An amount argument (`"0.01"`) in the model's decimal syntax (up to 4 decimals).
fn amount(name: &str, v: &str) -> Result<Decimale> {
    Decimale::parse(v.trim())
        .map_err(|_| CartellaError::argument(name, format!("{v:?} is not a decimal amount")))
}

/// A progressive argument (the core checks the range 1–9 999 999 where it matters).
fn progressivo(n: i64) -> Result<u32> {
    u32::try_from(n)
        .map_err(|_| CartellaError::argument("progressivo", format!("{n} is out of range")))
}

fn ts(ms: i64) -> Result<waas::TsFlusso> {
    waas::TsFlusso::new(ms).ok_or_else(|| {
        CartellaError::argument("ts_flusso", format!("{ms} is not a ts_flusso (ms ≥ 0)"))
    })
}

// ---- enums --------------------------------------------------------------------------------------

/// Which of the two flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TipoFlusso {
    /// PS-PSA-SINA (WaaS `tipo` `PS_PSA_SINA`).
    PsPsaSina,
    /// SINBA.
    Sinba,
}

impl From<s::TipoFlusso> for TipoFlusso {
    fn from(t: s::TipoFlusso) -> Self {
        match t {
            s::TipoFlusso::PsPsaSina => TipoFlusso::PsPsaSina,
            s::TipoFlusso::Sinba => TipoFlusso::Sinba,
        }
    }
}

impl From<TipoFlusso> for s::TipoFlusso {
    fn from(t: TipoFlusso) -> Self {
        match t {
            TipoFlusso::PsPsaSina => s::TipoFlusso::PsPsaSina,
            TipoFlusso::Sinba => s::TipoFlusso::Sinba,
        }
    }
}

/// Channel a flow travels on (`siuss.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Canale {
    /// WaaS pull API: one beneficiary and one prestazione (one SINBA) per flow.
    Waas,
    /// Application cooperation: same single-item limit as `Waas`.
    Cooperazione,
    /// File uploaded to the INPS web application: many items per flow.
    Upload,
}

impl From<Canale> for s::Canale {
    fn from(c: Canale) -> Self {
        match c {
            Canale::Waas => s::Canale::Waas,
            Canale::Cooperazione => s::Canale::Cooperazione,
            Canale::Upload => s::Canale::Upload,
        }
    }
}

/// When the SINA block is attached to a prestazione (`siuss.md` §8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ModalitaSina {
    /// When the latest assessment calls for it (default).
    Auto,
    /// Whenever an assessment exists.
    Sempre,
    /// Never.
    Mai,
}

/// The case id hashed into the SINBA `IDBeneficiario` (`privacy.md` §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum IdCaso {
    /// `id_cartella` (default).
    Cartella,
    /// `id_processo`.
    Processo,
}

/// Which optional attributes are written (`siuss.md` §8.3, `privacy.md` §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CampiOpzionali {
    /// Every optional attribute present in the model (default).
    SePresenti,
    /// Only what INPS requires.
    SoloObbligatori,
}

/// State of a flow in the send register (`siuss.md` §11.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum StatoFlusso {
    /// Created, never returned by `GET /flussi`.
    Pronto,
    /// Returned at least once by `GET /flussi`.
    Esposto,
    /// INPS answered `OK`.
    Acquisito,
    /// INPS answered another outcome.
    Rifiutato,
}

impl From<waas::StatoFlusso> for StatoFlusso {
    fn from(st: waas::StatoFlusso) -> Self {
        match st {
            waas::StatoFlusso::Pronto => StatoFlusso::Pronto,
            waas::StatoFlusso::Esposto => StatoFlusso::Esposto,
            waas::StatoFlusso::Acquisito => StatoFlusso::Acquisito,
            waas::StatoFlusso::Rifiutato => StatoFlusso::Rifiutato,
        }
    }
}

// ---- the flow -----------------------------------------------------------------------------------

/// A PS-PSA-SINA or SINBA flow (`siuss.md` §10). Immutable.
#[derive(Debug, uniffi::Object)]
pub struct FlussoHandle {
    inner: s::Flusso,
}

impl FlussoHandle {
    fn wrap(inner: s::Flusso) -> Arc<FlussoHandle> {
        Arc::new(FlussoHandle { inner })
    }
}

#[uniffi::export]
impl FlussoHandle {
    /// Reads a flow from its JSON (the spec's `snake_case` names of the XSD attributes).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<FlussoHandle>> {
        let inner: s::Flusso = serde_json::from_str(&json).map_err(|e| CartellaError::Parse {
            detail: cartella::privacy::maschera_testo(&e.to_string()),
            line: i64::try_from(e.line()).unwrap_or(0),
            column: i64::try_from(e.column()).unwrap_or(0),
        })?;
        Ok(FlussoHandle::wrap(inner))
    }

    /// Which flow this is.
    pub fn tipo(&self) -> TipoFlusso {
        self.inner.tipo().into()
    }

    /// `IdentificazioneFlusso/@Nome` (= WaaS `id_flusso`), when present.
    pub fn nome(&self) -> Option<String> {
        self.inner.identificazione().nome.clone()
    }

    /// Number of items: `Beneficiario` elements (PS-PSA-SINA) or `SINBA` elements.
    pub fn items(&self) -> i64 {
        let n = match &self.inner {
            s::Flusso::PsPsaSina(f) => f.beneficiari.len(),
            s::Flusso::Sinba(f) => f.sinba.len(),
        };
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// The XML (UTF-8 text, INPS format).
    pub fn to_xml(&self) -> String {
        s::xml::scrivi(&self.inner)
    }

    /// The JSON (compact).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.inner).map_err(CartellaError::internal)
    }

    /// The JSON, indented.
    pub fn to_json_pretty(&self) -> Result<String> {
        serde_json::to_string_pretty(&self.inner).map_err(CartellaError::internal)
    }

    /// Runs the INPS checks on the flow.
    pub fn check(&self, options: CheckOptions) -> Result<Report> {
        Ok(s::verifica(&self.inner, &options.to_core()?).into())
    }

    /// Equality of the two flows (every attribute).
    pub fn same_as(&self, other: Arc<FlussoHandle>) -> bool {
        self.inner == other.inner
    }
}

// ---- derivation ---------------------------------------------------------------------------------

/// Options of the derivation (`siuss.md` §8.1). Only `cf_operatore` is required.
#[derive(Debug, Clone, uniffi::Record)]
pub struct DeriveOptions {
    /// Codice fiscale of the operator sending the flows (`Ente/@CFOperatore`).
    pub cf_operatore: String,
    /// Channel (default `Waas`: one flow per prestazione / per minor).
    #[uniffi(default = None)]
    pub canale: Option<Canale>,
    /// Reference date `YYYY-MM-DD` (year segments, age bands). Default today (Europe/Rome).
    #[uniffi(default = None)]
    pub data_riferimento: Option<String>,
    /// Creation date `YYYY-MM-DD` written in flow names. Default today (Europe/Rome).
    #[uniffi(default = None)]
    pub data_creazione: Option<String>,
    /// First daily progressive of the flow names (counts up per ente and type), 1–9 999 999.
    /// Default 1.
    #[uniffi(default = 1)]
    pub progressivo: i64,
    /// Tolerance of the quota sum rule, a decimal (`"0.01"`). Default `0`.
    #[uniffi(default = None)]
    pub tolleranza_quote: Option<String>,
    /// Cut names longer than 36 characters (warning) instead of failing. Default true.
    #[uniffi(default = true)]
    pub troncamento_nomi: bool,
    /// SINA block policy (default `Auto`).
    #[uniffi(default = None)]
    pub sina: Option<ModalitaSina>,
    /// The ente's secret key for SINBA ids (at least 32 bytes).
    #[uniffi(default = None)]
    pub chiave_hmac: Option<Vec<u8>>,
    /// Case id hashed into `IDBeneficiario` (default `Cartella`).
    #[uniffi(default = None)]
    pub id_caso: Option<IdCaso>,
    /// Optional attributes (default `SePresenti`).
    #[uniffi(default = None)]
    pub campi_opzionali: Option<CampiOpzionali>,
    /// ISTAT region → DM 1986 region code (no identity default).
    #[uniffi(default)]
    pub regioni_dm1986: HashMap<String, String>,
    /// Findings to move to `suppressed`.
    #[uniffi(default = [])]
    pub suppressions: Vec<SuppressionSpec>,
    /// Code lists and concept maps (default: the standard registry).
    #[uniffi(default = None)]
    pub registry: Option<Arc<RegistryHandle>>,
}

impl DeriveOptions {
    fn to_core(&self) -> Result<OpzioniDerivazione> {
        let mut o = OpzioniDerivazione::con_operatore(self.cf_operatore.clone());
        if let Some(c) = self.canale {
            o.canale = c.into();
        }
        o.data_riferimento = opt_date("data_riferimento", &self.data_riferimento)?;
        o.data_creazione = opt_date("data_creazione", &self.data_creazione)?;
        o.progressivo = Progressivo::Da(progressivo(self.progressivo)?);
        if let Some(t) = &self.tolleranza_quote {
            o.tolleranza_quote = amount("tolleranza_quote", t)?.valore();
        }
        o.troncamento_nomi = self.troncamento_nomi;
        o.sina = match self.sina.unwrap_or(ModalitaSina::Auto) {
            ModalitaSina::Auto => s::deriva::ModalitaSina::Auto,
            ModalitaSina::Sempre => s::deriva::ModalitaSina::Sempre,
            ModalitaSina::Mai => s::deriva::ModalitaSina::Mai,
        };
        o.chiave_hmac = self.chiave_hmac.clone().map(ChiaveHmac::new);
        o.id_caso = match self.id_caso.unwrap_or(IdCaso::Cartella) {
            IdCaso::Cartella => s::deriva::IdCaso::Cartella,
            IdCaso::Processo => s::deriva::IdCaso::Processo,
        };
        o.campi_opzionali = match self.campi_opzionali.unwrap_or(CampiOpzionali::SePresenti) {
            CampiOpzionali::SePresenti => s::deriva::CampiOpzionali::SePresenti,
            CampiOpzionali::SoloObbligatori => s::deriva::CampiOpzionali::SoloObbligatori,
        };
        o.regioni_dm1986 = self
            .regioni_dm1986
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<BTreeMap<_, _>>();
        o.suppressions = suppressions(&self.suppressions)?;
        o.registro = self.registry.as_ref().map(|r| r.snapshot());
        Ok(o)
    }
}

/// Result of a derivation: the flows and the findings (on the cartella, then on the flows).
#[derive(Debug, uniffi::Record)]
pub struct Derivazione {
    /// The derived flows.
    pub flussi: Vec<Arc<FlussoHandle>>,
    /// Findings.
    pub report: Report,
}

impl From<s::Derivazione> for Derivazione {
    fn from(d: s::Derivazione) -> Self {
        Derivazione {
            flussi: d.flussi.into_iter().map(FlussoHandle::wrap).collect(),
            report: d.report.into(),
        }
    }
}

/// PS-PSA-SINA flows of every D record with a year segment in `dal..=al` (`YYYY-MM-DD`); records
/// that cannot be derived are reported and skipped.
#[uniffi::export]
pub fn derive_period(
    cartella: Arc<CartellaHandle>,
    dal: String,
    al: String,
    options: DeriveOptions,
) -> Result<Derivazione> {
    let dal = parse_date("dal", &dal)?;
    let al = parse_date("al", &al)?;
    let o = options.to_core()?;
    let c = cartella.read();
    Ok(s::deriva_periodo(&c, dal, al, &o).into())
}

/// PS-PSA-SINA flows of the D record `id_fase`. Fails with `InvalidArgument` (no such record, or
/// marked `siuss.escludi`) or `FlussoNonDerivabile` (with the blocking findings).
#[uniffi::export]
pub fn derive_prestazione(
    cartella: Arc<CartellaHandle>,
    id_fase: String,
    options: DeriveOptions,
) -> Result<Derivazione> {
    let o = options.to_core()?;
    let c = cartella.read();
    Ok(s::deriva_prestazione(&c, &id_fase, &o)?.into())
}

/// One SINBA element per process with a `scheda_sinba`.
#[uniffi::export]
pub fn derive_sinba(cartella: Arc<CartellaHandle>, options: DeriveOptions) -> Result<Derivazione> {
    let o = options.to_core()?;
    let c = cartella.read();
    Ok(s::deriva_sinba(&c, &o).into())
}

// ---- checks -------------------------------------------------------------------------------------

/// Options of the INPS checks (`cartella::siuss::OpzioniVerifica`).
#[derive(Debug, Clone, uniffi::Record)]
pub struct CheckOptions {
    /// Channel the flow is meant for (default `Upload`: no single-item limit).
    #[uniffi(default = None)]
    pub canale: Option<Canale>,
    /// Reference date `YYYY-MM-DD`. Default today (Europe/Rome).
    #[uniffi(default = None)]
    pub as_of: Option<String>,
    /// Tolerance of the quota sum rule, a decimal (`"0.01"`). Default `0`.
    #[uniffi(default = None)]
    pub tolleranza_quote: Option<String>,
    /// Findings to move to `suppressed`.
    #[uniffi(default = [])]
    pub suppressions: Vec<SuppressionSpec>,
    /// Code lists (default: the standard registry).
    #[uniffi(default = None)]
    pub registry: Option<Arc<RegistryHandle>>,
}

impl CheckOptions {
    fn to_core(&self) -> Result<s::OpzioniVerifica> {
        let mut o = s::OpzioniVerifica::default();
        if let Some(c) = self.canale {
            o.canale = c.into();
        }
        o.as_of = opt_date("as_of", &self.as_of)?;
        if let Some(t) = &self.tolleranza_quote {
            o.tolleranza_quote = amount("tolleranza_quote", t)?.valore();
        }
        o.suppressions = suppressions(&self.suppressions)?;
        o.registro = self.registry.as_ref().map(|r| r.snapshot());
        Ok(o)
    }
}

/// Reads a flow file with the streaming reader and checks it item by item (memory independent of
/// the file size): reader findings (`XML-*`) then rule findings; suppressions apply to both.
#[uniffi::export]
pub fn check_file(path: String, options: CheckOptions) -> Result<Report> {
    let o = options.to_core()?;
    let file = File::open(&path).map_err(|e| CartellaError::Io {
        detail: format!("cannot read the file: {}", e.kind()),
    })?;
    let report = s::verifica_lettura(
        BufReader::with_capacity(1 << 16, file),
        &o,
        &OpzioniLetturaFlusso::default(),
    )?;
    Ok(report.into())
}

// ---- XML reading --------------------------------------------------------------------------------

/// Result of reading a flow: the flow (absent when unreadable) and the reader's findings.
#[derive(Debug, uniffi::Record)]
pub struct FlussoLetto {
    /// The flow, `null` when a blocking finding (`XML-001`–`XML-004`, `XML-012`) stopped the
    /// reading.
    pub flusso: Option<Arc<FlussoHandle>>,
    /// Every finding raised while reading, in document order.
    pub issues: Vec<Issue>,
}

fn sz(v: Option<u64>, d: usize) -> usize {
    v.map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        .unwrap_or(d)
}

/// Reads a PS-PSA-SINA or SINBA flow (UTF-8 or UTF-16 bytes). Unreadable input is not an error:
/// the result has no flow and the blocking finding. `limits` default to the flow limits.
#[uniffi::export]
pub fn read_flusso_xml(xml: Vec<u8>, limits: XmlLimits) -> FlussoLetto {
    let d = LIMITI_FLUSSO;
    let o = OpzioniLetturaFlusso {
        limiti: LimitiXml {
            dimensione_massima: sz(limits.max_size, d.dimensione_massima),
            profondita_massima: sz(limits.max_depth, d.profondita_massima),
            elementi_massimi: sz(limits.max_elements, d.elementi_massimi),
            attributo_massimo: sz(limits.max_attribute, d.attributo_massimo),
        },
    };
    let l = s::xml::leggi(&xml, &o);
    FlussoLetto {
        flusso: l.flusso.map(FlussoHandle::wrap),
        issues: issues(l.issues),
    }
}

// ---- WaaS ---------------------------------------------------------------------------------------

/// Builds the `id_flusso` (= flow name) `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`.
#[uniffi::export]
pub fn id_flusso(
    codice_ente: String,
    tipo: TipoFlusso,
    data: String,
    progressivo: i64,
) -> Result<String> {
    let data = parse_date("data", &data)?;
    Ok(waas::id_flusso(
        &codice_ente,
        tipo.into(),
        data,
        self::progressivo(progressivo)?,
    )?)
}

/// The parts of an `id_flusso` read with the lenient form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct IdFlusso {
    /// The ente code.
    pub codice_ente: String,
    /// The flow type.
    pub tipo: TipoFlusso,
    /// The creation date `YYYY-MM-DD`.
    pub data: String,
    /// The daily progressive.
    pub progressivo: i64,
}

/// Parses an `id_flusso` with the lenient read form (`null` when it does not match).
#[uniffi::export]
pub fn parse_id_flusso(id: String) -> Option<IdFlusso> {
    waas::IdFlusso::parse(&id).map(|i| IdFlusso {
        codice_ente: i.codice_ente,
        tipo: i.tipo.into(),
        data: iso(i.data),
        progressivo: i64::from(i.progressivo),
    })
}

/// A transport-free HTTP response of the WaaS API, with the findings of the call.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// Status code.
    pub status: i32,
    /// `Content-Type`, when there is a body.
    pub content_type: Option<String>,
    /// Body, `null` for `204 No Content`.
    pub body: Option<String>,
    /// Findings (`SIUSS-WAAS-*`) of the call.
    pub issues: Vec<Issue>,
}

fn response(r: waas::HttpResponse, found: Vec<core::Issue>) -> HttpResponse {
    HttpResponse {
        status: i32::from(r.status),
        content_type: r.content_type.map(str::to_string),
        body: r.body,
        issues: issues(found),
    }
}

fn refused(r: waas::Rifiuto) -> CartellaError {
    let resp = response(r.problema.risposta(), r.issues);
    CartellaError::Rifiuto {
        detail: r.problema.detail.clone().unwrap_or_default(),
        response: resp,
    }
}

/// The validated query of `GET /flussi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ParametriFlussi {
    /// `since`: ms since the epoch, ≥ 0.
    pub since: i64,
    /// `limit`: 0–100 (default 10).
    #[uniffi(default = 10)]
    pub limit: i64,
}

impl ParametriFlussi {
    fn to_core(self) -> Result<waas::ParametriFlussi> {
        let since = self.since.to_string();
        let limit = self.limit.to_string();
        waas::ParametriFlussi::da_coppie([("since", since.as_str()), ("limit", limit.as_str())])
            .map_err(refused)
    }
}

/// Validates a raw `GET /flussi` query (`since=0&limit=10`); a bad query fails with `Rifiuto`
/// carrying the `400` response and its findings.
#[uniffi::export]
pub fn parametri_flussi(query: String) -> Result<ParametriFlussi> {
    let p = waas::ParametriFlussi::da_query(&query).map_err(refused)?;
    Ok(ParametriFlussi {
        since: p.since,
        limit: i64::from(p.limit),
    })
}

/// One entry of the `GET /flussi` response.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VoceFlusso {
    /// Belfiore code of the ente.
    pub codice_ente: String,
    /// Name of the ente.
    pub denominazione_ente: String,
    /// `id_flusso`.
    pub id_flusso: String,
    /// `PS_PSA_SINA` or `SINBA`.
    pub tipo: String,
    /// RFC 3339 date-time.
    pub ts_flusso: String,
    /// Base64 of the UTF-8 XML.
    pub flusso: String,
}

impl From<waas::VoceFlusso> for VoceFlusso {
    fn from(v: waas::VoceFlusso) -> Self {
        VoceFlusso {
            codice_ente: v.codice_ente,
            denominazione_ente: v.denominazione_ente,
            id_flusso: v.id_flusso,
            tipo: v.tipo,
            ts_flusso: v.ts_flusso,
            flusso: v.flusso,
        }
    }
}

/// The `GET /flussi` entry of a flow XML (`ts_flusso` in ms since the epoch). Not checked.
#[uniffi::export]
pub fn voce_from_xml(xml: Vec<u8>, ts_flusso: i64) -> Result<VoceFlusso> {
    Ok(waas::voce_da_xml(&xml, ts(ts_flusso)?)?.into())
}

/// A flow XML without a register entry, with its `ts_flusso` (ms since the epoch).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlussoXml {
    /// The flow XML (UTF-8).
    pub xml: Vec<u8>,
    /// Its `ts_flusso`.
    pub ts_flusso: i64,
}

/// A selection of flows for `GET /flussi`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SelezioneFlussi {
    /// The response body `{"elenco_flussi": [...]}`.
    pub body: String,
    /// The entries of the body.
    pub voci: Vec<VoceFlusso>,
    /// `id_flusso` of the entries exposed.
    pub esposti: Vec<String>,
    /// Findings on the candidates (paths `/{index}/{property}`).
    pub issues: Vec<Issue>,
}

/// Selects the flows (held in memory, no register) to return to `GET /flussi`.
#[uniffi::export]
pub fn select_flussi_xml(
    flussi: Vec<FlussoXml>,
    parametri: ParametriFlussi,
) -> Result<SelezioneFlussi> {
    let p = parametri.to_core()?;
    let mut xml = Vec::with_capacity(flussi.len());
    for f in &flussi {
        xml.push(waas::FlussoXml {
            xml: &f.xml,
            ts_flusso: ts(f.ts_flusso)?,
        });
    }
    let sel = waas::seleziona_flussi_xml(&xml, &p);
    Ok(SelezioneFlussi {
        body: sel.risposta.to_json(),
        voci: sel
            .risposta
            .elenco_flussi
            .into_iter()
            .map(VoceFlusso::from)
            .collect(),
        esposti: sel.esposti,
        issues: issues(sel.issues),
    })
}

/// One flow in the send register.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VoceRegistro {
    /// `id_flusso`.
    pub id_flusso: String,
    /// Flow type.
    pub tipo: TipoFlusso,
    /// `ts_flusso`, ms since the epoch.
    pub ts_flusso: i64,
    /// State.
    pub stato: StatoFlusso,
    /// The flow XML, exactly as exposed.
    pub xml: String,
    /// SHA-256 of the XML, lower-case hex.
    pub sha256_xml: String,
    /// The record key as JSON (holds personal data).
    pub chiave_record_json: String,
    /// SIUSS acquisition code (`OK` outcomes).
    pub id_acquisizione_siuss: Option<String>,
    /// Outcome description given by INPS.
    pub descrizione_esito: Option<String>,
}

impl From<&waas::VoceRegistro> for VoceRegistro {
    fn from(v: &waas::VoceRegistro) -> Self {
        VoceRegistro {
            id_flusso: v.id_flusso.clone(),
            tipo: v.tipo.into(),
            ts_flusso: v.ts_flusso.millis(),
            stato: v.stato.into(),
            xml: v.xml.clone(),
            sha256_xml: v.sha256_xml.clone(),
            chiave_record_json: serde_json::to_string(&v.chiave_record).unwrap_or_default(),
            id_acquisizione_siuss: v.id_acquisizione_siuss.clone(),
            descrizione_esito: v.descrizione_esito.clone(),
        }
    }
}

/// The send register of the WaaS API, kept by the caller (persist it with [`Self::to_json`]).
/// Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct RegistroInviiHandle {
    inner: Mutex<waas::RegistroInvii>,
}

impl RegistroInviiHandle {
    fn lock(&self) -> MutexGuard<'_, waas::RegistroInvii> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[uniffi::export]
impl RegistroInviiHandle {
    /// An empty register.
    #[uniffi::constructor]
    pub fn new() -> Arc<RegistroInviiHandle> {
        Arc::new(RegistroInviiHandle {
            inner: Mutex::new(waas::RegistroInvii::new()),
        })
    }

    /// A register read back from its JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<RegistroInviiHandle>> {
        let r: waas::RegistroInvii =
            serde_json::from_str(&json).map_err(|e| CartellaError::Parse {
                detail: cartella::privacy::maschera_testo(&e.to_string()),
                line: i64::try_from(e.line()).unwrap_or(0),
                column: i64::try_from(e.column()).unwrap_or(0),
            })?;
        Ok(Arc::new(RegistroInviiHandle {
            inner: Mutex::new(r),
        }))
    }

    /// The register as JSON (holds personal data: store it where the flows are stored).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&*self.lock()).map_err(CartellaError::internal)
    }

    /// Number of entries.
    pub fn size(&self) -> i64 {
        i64::try_from(self.lock().len()).unwrap_or(i64::MAX)
    }

    /// The entries, in creation order.
    pub fn voci(&self) -> Vec<VoceRegistro> {
        self.lock().voci().iter().map(VoceRegistro::from).collect()
    }

    /// The entry of a flow.
    pub fn voce(&self, id_flusso: String) -> Option<VoceRegistro> {
        self.lock().voce(&id_flusso).map(VoceRegistro::from)
    }

    /// Adds a `PRONTO` entry for a flow carrying one record (its name is the `id_flusso`, its XML
    /// is written now); `now_ms` is the clock reading (default: now). Returns the `ts_flusso`.
    pub fn add(&self, flusso: Arc<FlussoHandle>, now_ms: Option<i64>) -> Result<i64> {
        let ora = now_ms.unwrap_or_else(|| waas::TsFlusso::ora().millis());
        let t = self.lock().crea_da_flusso(&flusso.inner, ora)?;
        Ok(t.millis())
    }

    /// Checks the register (`SIUSS-WAAS-001`, `-002`, `-006`, `-011`; paths `/voci/{i}/…`).
    pub fn check(&self) -> Vec<Issue> {
        issues(self.lock().verifica())
    }
}

/// `GET /flussi?{query}` on a register: `400` problem for a bad query, otherwise `200` with the
/// selected entries, which move `PRONTO` → `ESPOSTO`.
#[uniffi::export]
pub fn get_flussi(query: String, registro: Arc<RegistroInviiHandle>) -> HttpResponse {
    let (r, found) = waas::get_flussi(&query, &mut registro.lock());
    response(r, found)
}

/// `POST /esiti` on a register: applies the outcomes and answers `204`, or `400` when the body
/// is not usable.
#[uniffi::export]
pub fn post_esiti(body: Vec<u8>, registro: Arc<RegistroInviiHandle>) -> HttpResponse {
    let (r, found) = waas::post_esiti(&body, &mut registro.lock());
    response(r, found)
}

/// The pseudonymous SINBA `IDBeneficiario` of a case (`privacy.md` §3). The key (≥ 32 bytes)
/// never appears in any output.
#[uniffi::export]
pub fn id_beneficiario_sinba(belfiore: String, id_caso: String, chiave: Vec<u8>) -> Result<String> {
    Ok(s::id_beneficiario_sinba(&belfiore, &id_caso, &chiave)?)
}
