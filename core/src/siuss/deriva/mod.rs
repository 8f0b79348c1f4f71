//! Derivation of the INPS flows from a cartella (`siuss.md` §8) and a builder API for vendors who
//! hold the data elsewhere.
//!
//! - [`deriva_prestazione`]: the PS-PSA-SINA records of one D record (fails when a required value
//!   cannot be derived);
//! - [`deriva_periodo`]: every D record of the cartella with a year segment in a period (records
//!   that cannot be derived are reported and skipped);
//! - [`deriva_sinba`]: one SINBA element per process with a `scheda_sinba`.
//!
//! With the channels `waas` and `cooperazione` every `PrestazioniSociali` (every `SINBA`) becomes a
//! flow of its own; with `upload` the records are grouped into one flow per type (and per ente).
//! Flow names follow `siuss.md` §3 ([`nome_flusso`]).
//!
//! **Minimisation** (`privacy.md` §5): the derivation reads only the allow-listed model paths and
//! never copies free text. SINBA receives no codice fiscale, name, exact birth date or comune; the
//! codice fiscale and the names are read for SINBA only to check that a stored `IDBeneficiario`
//! does not contain them (`SIUSS-SINBA-002`).
//!
//! Findings of the derivation point into the cartella (JSON Pointers such as
//! `/processi/0/fasi/3/siuss/codice_prestazione`); the flow checks run on the derived flows point
//! into the flow JSON.

mod costruttori;
mod ps;
mod segmenti;
mod sinba;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

pub use costruttori::{
    identificazione_flusso, CostruttoreBeneficiario, CostruttorePrestazione, CostruttoreSina,
    CostruttoreSinba,
};
pub use segmenti::{segmenti_annuali, SegmentoAnnuale};
pub use sinba::{eta_compiuta, fascia_eta, fascia_isee};

use crate::codelists::Registro;
use crate::error::CartellaError;
use crate::model::{Cartella, MeseAnno};
use crate::refdata::DatiRiferimento;
use crate::rules::{Issue, ReferenceData, Report, Severity, Suppression};
use crate::siuss::flusso::{
    Canale, Ente as EnteFlusso, Flusso, FlussoPsPsaSina, FlussoSinba, IdentificazioneFlusso,
    TipoFlusso,
};
use crate::siuss::nome::nome_flusso;

/// The rule ids raised by the derivation (findings about the cartella, `siuss.md` §8). The flow
/// checks run on the derived flows raise their own ids.
///
/// Besides these, the derivation raises the canonical rule `CSI-DAT-006` (end before start of a
/// periodic service, `siuss.md` §8.4), listed in [`REGOLE_CANONICHE`].
pub const RULES: &[&str] = &[
    "SIUSS-PS-006",
    "SIUSS-PS-010",
    "SIUSS-PS-013",
    "SIUSS-PS-014",
    "SIUSS-PS-019",
    "SIUSS-PS-020",
    "SIUSS-PS-022",
    "SIUSS-PS-034",
    "SIUSS-PS-035",
    "SIUSS-PS-042",
    "SIUSS-PS-043",
    "SIUSS-PS-044",
    "SIUSS-PS-046",
    "SIUSS-PS-049",
    "SIUSS-PS-050",
    "SIUSS-PS-052",
    "SIUSS-PS-063",
    "SIUSS-PS-065",
    "SIUSS-PS-080",
    "SIUSS-PS-081",
    "SIUSS-PS-082",
    "SIUSS-PS-083",
    "SIUSS-PS-084",
    "SIUSS-PS-085",
    "SIUSS-PS-086",
    "SIUSS-PS-087",
    "SIUSS-PS-088",
    "SIUSS-PS-089",
    "SIUSS-PS-090",
    "SIUSS-PS-091",
    "SIUSS-PS-093",
    "SIUSS-PS-096",
    "SIUSS-SINA-001",
    "SIUSS-SINA-002",
    "SIUSS-SINA-004",
    "SIUSS-SINA-006",
    "SIUSS-SINA-007",
    "SIUSS-SINA-008",
    "SIUSS-SINA-009",
    "SIUSS-SINBA-001",
    "SIUSS-SINBA-002",
    "SIUSS-SINBA-003",
    "SIUSS-SINBA-004",
    "SIUSS-SINBA-005",
    "SIUSS-SINBA-006",
    "SIUSS-SINBA-007",
    "SIUSS-SINBA-008",
    "SIUSS-SINBA-014",
    "SIUSS-SINBA-015",
    "SIUSS-SINBA-016",
    "SIUSS-SINBA-017",
    "SIUSS-SINBA-018",
    "SIUSS-SINBA-021",
    "SIUSS-SINBA-030",
    "SIUSS-SINBA-032",
    "SIUSS-SINBA-033",
    "SIUSS-SINBA-034",
    "SIUSS-SINBA-035",
    "SIUSS-SINBA-036",
    "SIUSS-SINBA-039",
    "SIUSS-SINBA-050",
    "SIUSS-WAAS-001",
];

/// Canonical (`CSI-*`) rules the derivation also raises: `CSI-DAT-006` when `data_conclusione`
/// precedes `data_attivazione` of a periodic service.
pub const REGOLE_CANONICHE: &[&str] = &["CSI-DAT-006"];

/// When the SINA block is attached to a prestazione (`siuss.md` §8.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ModalitaSina {
    /// Attached when the latest B record has a `valutazione_sina`, `PresaCarico`=1 and
    /// (`AreaUtenza`=2 or the code is `sina_applicabile`). Default.
    #[default]
    Auto,
    /// Attached whenever a `valutazione_sina` exists.
    Sempre,
    /// Never attached.
    Mai,
}

/// Which optional attributes are written (`siuss.md` §8.3, `privacy.md` §5.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CampiOpzionali {
    /// Every optional attribute present in the model. Default.
    #[default]
    SePresenti,
    /// Only what INPS requires: PS drops `DataEvento`, `ImportoQuotaRichiesta`,
    /// `ImportoSogliaISEE`, `OreServizioMensile`, `CodiceSecondaCittadinanza`,
    /// `Ente/@Denominazione` and the optional SINA attributes; SINBA drops the parents'
    /// attributes, `TipoDisabilita`, `InvCivCertificazioni`, `CollaborazioniInterventi`,
    /// `NumeroComponentiISEE` and `FasciaISEEBeneficiario`.
    SoloObbligatori,
}

/// The case id hashed into the SINBA `IDBeneficiario` (`privacy.md` §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdCaso {
    /// `Cartella.id_cartella`. Default.
    #[default]
    Cartella,
    /// `ProcessoAiuto.id_processo`.
    Processo,
}

/// Source of the daily progressive of flow names (`siuss.md` §3: unique per ente, type and day;
/// the caller keeps the counter state).
pub trait FornitoreProgressivo: Send + Sync {
    /// The next progressive (1–9 999 999) for the ente's Belfiore code, the flow type and the
    /// creation date.
    fn prossimo(&self, codice_ente: &str, tipo: TipoFlusso, data: NaiveDate) -> u32;
}

impl<F> FornitoreProgressivo for F
where
    F: Fn(&str, TipoFlusso, NaiveDate) -> u32 + Send + Sync,
{
    fn prossimo(&self, codice_ente: &str, tipo: TipoFlusso, data: NaiveDate) -> u32 {
        self(codice_ente, tipo, data)
    }
}

/// How flow names get their progressive.
#[derive(Clone)]
pub enum Progressivo {
    /// Start from this value and count up within one derivation call, per ente and type.
    Da(u32),
    /// Ask the caller for every flow.
    Fornitore(Arc<dyn FornitoreProgressivo>),
}

impl Default for Progressivo {
    fn default() -> Self {
        Progressivo::Da(1)
    }
}

impl fmt::Debug for Progressivo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Progressivo::Da(n) => write!(f, "Da({n})"),
            Progressivo::Fornitore(_) => f.write_str("Fornitore(..)"),
        }
    }
}

/// The ente's secret key for SINBA ids (at least 32 bytes). `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct ChiaveHmac(Vec<u8>);

impl ChiaveHmac {
    /// Wraps the key bytes.
    pub fn new(chiave: impl Into<Vec<u8>>) -> ChiaveHmac {
        ChiaveHmac(chiave.into())
    }

    /// The key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for ChiaveHmac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChiaveHmac(***)")
    }
}

/// Options of the derivation (`siuss.md` §8.1).
#[derive(Debug, Clone)]
pub struct OpzioniDerivazione {
    /// Channel the flows travel on. Default [`Canale::Waas`].
    pub canale: Canale,
    /// Codice fiscale of the operator sending the flows (`Ente/@CFOperatore`, required; missing
    /// or malformed → `SIUSS-PS-006`).
    pub cf_operatore: String,
    /// Reference date `R` of year segments, age bands and prestazioni lists. Default: today
    /// (Europe/Rome).
    pub data_riferimento: Option<NaiveDate>,
    /// Creation date written in flow names. Default: today (Europe/Rome).
    pub data_creazione: Option<NaiveDate>,
    /// Progressive of flow names. Default `Da(1)`.
    pub progressivo: Progressivo,
    /// Tolerance of the quota sum rule, handed to the flow checks. Default `0.00`.
    pub tolleranza_quote: Decimal,
    /// Cut `Cognome`/`Nome` longer than 36 characters (warning `SIUSS-PS-090`); `false` makes
    /// them an error (`SIUSS-PS-013`). Default `true`.
    pub troncamento_nomi: bool,
    /// SINA block policy. Default [`ModalitaSina::Auto`].
    pub sina: ModalitaSina,
    /// Key of the SINBA `IDBeneficiario` derivation; without it only stored ids are used.
    pub chiave_hmac: Option<ChiaveHmac>,
    /// Case id hashed into `IDBeneficiario`. Default [`IdCaso::Cartella`].
    pub id_caso: IdCaso,
    /// Optional attributes. Default [`CampiOpzionali::SePresenti`].
    pub campi_opzionali: CampiOpzionali,
    /// Code lists and concept maps. Default: [`Registro::standard`] (no concept maps).
    pub registro: Option<Arc<Registro>>,
    /// Reference data (comuni, foreign states, ISO 3166). Default: embedded.
    pub reference_data: ReferenceData,
    /// Registered table ISTAT region → DM 1986 region code (`codelists.md` §11); no identity
    /// default (`siuss.md` §8.2).
    pub regioni_dm1986: BTreeMap<String, String>,
    /// Findings to move to [`Report::suppressed`].
    pub suppressions: Vec<Suppression>,
}

impl Default for OpzioniDerivazione {
    fn default() -> Self {
        OpzioniDerivazione {
            canale: Canale::Waas,
            cf_operatore: String::new(),
            data_riferimento: None,
            data_creazione: None,
            progressivo: Progressivo::default(),
            tolleranza_quote: Decimal::ZERO,
            troncamento_nomi: true,
            sina: ModalitaSina::Auto,
            chiave_hmac: None,
            id_caso: IdCaso::Cartella,
            campi_opzionali: CampiOpzionali::SePresenti,
            registro: None,
            reference_data: ReferenceData::Embedded,
            regioni_dm1986: BTreeMap::new(),
            suppressions: Vec::new(),
        }
    }
}

/// Reads the registered table ISTAT region → DM 1986 region (`codelists.md` §11, CSV header
/// `codice_regione_istat,codice_dm1986,denominazione`) into the map of
/// [`OpzioniDerivazione::regioni_dm1986`]. No such table ships with the library (README open
/// question 17): the caller obtains it from the Agenzia delle Entrate table ENTI-T0.
///
/// # Errors
/// [`CartellaError::Tabella`] when the header differs, a line has an empty field, a code is not
/// two digits, or an ISTAT region appears twice.
///
/// ```
/// let csv = "codice_regione_istat,codice_dm1986,denominazione\n03,09,Lombardia\n";
/// let t = cartella::siuss::deriva::regioni_dm1986_da_csv(csv.as_bytes()).unwrap();
/// assert_eq!(t.get("03").map(String::as_str), Some("09"));
/// ```
pub fn regioni_dm1986_da_csv(
    reader: impl std::io::Read,
) -> Result<BTreeMap<String, String>, CartellaError> {
    let errore = |message: String| CartellaError::Tabella {
        table: "regioni DM 1986".into(),
        message,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let header = rdr.headers().map_err(|e| errore(e.to_string()))?.clone();
    let atteso = ["codice_regione_istat", "codice_dm1986", "denominazione"];
    if header.iter().map(str::trim).ne(atteso) {
        return Err(errore(format!("header must be {}", atteso.join(","))));
    }
    let due_cifre = |v: &str| v.len() == 2 && v.bytes().all(|b| b.is_ascii_digit());
    let mut out = BTreeMap::new();
    for record in rdr.records() {
        let record = record.map_err(|e| errore(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let istat = record.get(0).unwrap_or_default().trim();
        let dm = record.get(1).unwrap_or_default().trim();
        if !due_cifre(istat) || !due_cifre(dm) {
            return Err(errore(format!("line {line}: codes must be two digits")));
        }
        if out.insert(istat.to_string(), dm.to_string()).is_some() {
            return Err(errore(format!(
                "line {line}: ISTAT region {istat} given twice"
            )));
        }
    }
    Ok(out)
}

impl OpzioniDerivazione {
    /// Default options with the operator's codice fiscale.
    pub fn con_operatore(cf_operatore: impl Into<String>) -> OpzioniDerivazione {
        OpzioniDerivazione {
            cf_operatore: cf_operatore.into(),
            ..OpzioniDerivazione::default()
        }
    }
}

/// Result of a derivation: the flows and the findings (derivation findings on the cartella, then
/// the checks of the derived flows).
#[derive(Debug, Clone, Default)]
pub struct Derivazione {
    /// The derived flows.
    pub flussi: Vec<Flusso>,
    /// Findings.
    pub report: Report,
}

/// Derives the PS-PSA-SINA records of the D record `id_fase` (one per year segment, `siuss.md`
/// §8.4, up to the reference date).
///
/// # Errors
/// [`CartellaError::Argomento`] when no D record has this id or the record is marked
/// `siuss.escludi`; [`CartellaError::FlussoNonDerivabile`] with the blocking findings when a
/// required value cannot be derived.
pub fn deriva_prestazione(
    cartella: &Cartella,
    id_fase: &str,
    opzioni: &OpzioniDerivazione,
) -> Result<Derivazione, CartellaError> {
    let ctx = Contesto::new(opzioni);
    let mut es = Esiti::default();
    let trovato = cartella.processi.iter().enumerate().find_map(|(pi, p)| {
        p.fasi.iter().enumerate().find_map(|(fi, f)| {
            f.as_erogazione_servizio()
                .filter(|d| d.intestazione.id_fase == id_fase)
                .map(|d| (pi, p, fi, d))
        })
    });
    let Some((pi, p, fi, d)) = trovato else {
        return Err(CartellaError::Argomento {
            name: "id_fase",
            message: "no EROGAZIONE_DEL_SERVIZIO record with this id".into(),
        });
    };
    if d.siuss.as_ref().and_then(|s| s.escludi) == Some(true) {
        return Err(CartellaError::Argomento {
            name: "id_fase",
            message: "the record is marked siuss.escludi".into(),
        });
    }
    let beneficiario = ps::deriva_beneficiario(&ctx, cartella, &mut es);
    let voci = ps::deriva_record(&ctx, cartella, (pi, p), (fi, d), None, &mut es);
    if es.ha_errori() {
        return Err(CartellaError::FlussoNonDerivabile {
            findings: es
                .issues
                .into_iter()
                .filter(|i| i.severity == Severity::Error)
                .collect(),
        });
    }
    let mut numeratore = Numeratore::new();
    let flussi = match beneficiario {
        Some(b) => ps::assembla(&ctx, b, voci.unwrap_or_default(), &mut numeratore, &mut es),
        None => Vec::new(),
    };
    if es.ha_errori() {
        return Err(CartellaError::FlussoNonDerivabile {
            findings: es
                .issues
                .into_iter()
                .filter(|i| i.severity == Severity::Error)
                .collect(),
        });
    }
    Ok(concludi(&ctx, flussi, es))
}

/// Derives the PS-PSA-SINA records of every D record of the cartella whose year segment (or
/// payment date, for one-off prestazioni) falls in `dal..=al`. Records marked `siuss.escludi`
/// are skipped; records without a `siuss` block and without a concept map for
/// `servizio_erogato` are skipped with info `SIUSS-PS-087`; records with a blocking finding are
/// reported and skipped.
pub fn deriva_periodo(
    cartella: &Cartella,
    dal: NaiveDate,
    al: NaiveDate,
    opzioni: &OpzioniDerivazione,
) -> Derivazione {
    let ctx = Contesto::new(opzioni);
    let mut es = Esiti::default();
    let mut voci = Vec::new();
    for (pi, p) in cartella.processi.iter().enumerate() {
        for (fi, f) in p.fasi.iter().enumerate() {
            let Some(d) = f.as_erogazione_servizio() else {
                continue;
            };
            if d.siuss.as_ref().and_then(|s| s.escludi) == Some(true) {
                continue;
            }
            if let Some(v) =
                ps::deriva_record(&ctx, cartella, (pi, p), (fi, d), Some((dal, al)), &mut es)
            {
                voci.extend(v);
            }
        }
    }
    if voci.is_empty() {
        return concludi(&ctx, Vec::new(), es);
    }
    let mut numeratore = Numeratore::new();
    let flussi = match ps::deriva_beneficiario(&ctx, cartella, &mut es) {
        Some(b) => ps::assembla(&ctx, b, voci, &mut numeratore, &mut es),
        None => Vec::new(),
    };
    concludi(&ctx, flussi, es)
}

/// Derives one SINBA element per process having a `scheda_sinba` (`siuss.md` §8.7). Processes
/// whose record cannot be derived are reported and skipped.
pub fn deriva_sinba(cartella: &Cartella, opzioni: &OpzioniDerivazione) -> Derivazione {
    let ctx = Contesto::new(opzioni);
    let mut es = Esiti::default();
    let voci = sinba::deriva(&ctx, cartella, &mut es);
    let mut numeratore = Numeratore::new();
    let flussi = sinba::assembla(&ctx, voci, &mut numeratore, &mut es);
    concludi(&ctx, flussi, es)
}

// ---------------------------------------------------------------------------------------------
// Lexical forms (shared with the builders)

/// An amount in the lexical form of the flows: rounded half-up to two decimals, `.` separator,
/// no grouping (`siuss.md` §8.3).
///
/// ```
/// use rust_decimal::Decimal;
/// use cartella::siuss::deriva::formatta_importo;
/// assert_eq!(formatta_importo(Decimal::new(385, 0)), "385.00");
/// assert_eq!(formatta_importo(Decimal::new(12345, 3)), "12.35");
/// ```
pub fn formatta_importo(valore: Decimal) -> String {
    let mut v = valore.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if v.is_zero() {
        v = Decimal::ZERO;
    }
    v.rescale(2);
    v.to_string()
}

/// A date as `xs:date` without time zone (`YYYY-MM-DD`).
pub fn formatta_data(data: NaiveDate) -> String {
    data.format("%Y-%m-%d").to_string()
}

/// Monthly service hours as `H.MM` (hours, then two digits of **minutes**, `siuss.md` §4.5).
///
/// ```
/// assert_eq!(cartella::siuss::deriva::formatta_ore(12, 30), "12.30");
/// assert_eq!(cartella::siuss::deriva::formatta_ore(2, 0), "2.00");
/// ```
pub fn formatta_ore(ore: u16, minuti: u8) -> String {
    format!("{ore}.{minuti:02}")
}

/// A month as SINBA `DataMeseAnnoType` (`MM/YYYY`).
pub fn formatta_mese_anno(mese: MeseAnno) -> String {
    format!("{:02}/{:04}", mese.month(), mese.year())
}

// ---------------------------------------------------------------------------------------------
// Plumbing

/// Settings resolved once per call.
pub(crate) struct Contesto<'a> {
    opz: &'a OpzioniDerivazione,
    registro: &'a Registro,
    refdata: Option<&'a DatiRiferimento>,
    riferimento: NaiveDate,
    creazione: NaiveDate,
    attributi: Vec<(&'static str, &'static str, &'static str)>,
}

impl<'a> Contesto<'a> {
    fn new(opz: &'a OpzioniDerivazione) -> Contesto<'a> {
        let oggi = crate::rules::oggi_roma();
        Contesto {
            opz,
            registro: opz
                .registro
                .as_deref()
                .unwrap_or_else(|| Registro::standard()),
            refdata: match &opz.reference_data {
                ReferenceData::Embedded => Some(DatiRiferimento::embedded()),
                ReferenceData::Custom(d) => Some(d.as_ref()),
                ReferenceData::Disabled => None,
            },
            riferimento: opz.data_riferimento.unwrap_or(oggi),
            creazione: opz.data_creazione.unwrap_or(oggi),
            attributi: crate::codelists::attributi_prestazioni(),
        }
    }

    /// Whether the INPS prestazione code has an attribute of `inps-prestazioni-attributi.csv`.
    fn ha_attributo(&self, codice: &str, attributo: &str) -> bool {
        self.attributi
            .iter()
            .any(|(c, a, v)| *c == codice && *a == attributo && *v == "true")
    }

    fn solo_obbligatori(&self) -> bool {
        self.opz.campi_opzionali == CampiOpzionali::SoloObbligatori
    }

    /// Translates a coded value through the registered concept map to `destinazione`.
    fn traduci(
        &self,
        codice: Option<&crate::model::Codice>,
        destinazione: &str,
    ) -> Option<&'a str> {
        let c = codice?;
        self.registro.traduci(&c.system, &c.code, destinazione)
    }
}

/// Findings collected during a derivation.
#[derive(Default)]
pub(crate) struct Esiti {
    issues: Vec<Issue>,
}

impl Esiti {
    /// Raises a finding of a catalogue rule.
    fn emetti<'p>(
        &mut self,
        rule_id: &str,
        path: impl Into<String>,
        params: impl IntoIterator<Item = (&'p str, String)>,
    ) {
        match Issue::new(rule_id, path, params) {
            Ok(i) => self.issues.push(i),
            Err(_) => debug_assert!(false, "{rule_id} is not in the catalogue"),
        }
    }

    /// Raises a finding without parameters.
    fn emetti0(&mut self, rule_id: &str, path: impl Into<String>) {
        self.emetti(rule_id, path, std::iter::empty::<(&str, String)>());
    }

    fn errori(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    fn ha_errori(&self) -> bool {
        self.errori() > 0
    }
}

/// Allocates flow names.
pub(crate) struct Numeratore {
    prossimi: HashMap<(String, TipoFlusso), u32>,
}

impl Numeratore {
    fn new() -> Numeratore {
        Numeratore {
            prossimi: HashMap::new(),
        }
    }

    /// The name of the next flow of this ente and type; `None` (with `SIUSS-WAAS-001`) when it
    /// cannot be built.
    fn nome(
        &mut self,
        ctx: &Contesto<'_>,
        belfiore: &str,
        tipo: TipoFlusso,
        es: &mut Esiti,
    ) -> Option<String> {
        let progressivo = match &ctx.opz.progressivo {
            Progressivo::Da(inizio) => {
                let n = self
                    .prossimi
                    .entry((belfiore.to_string(), tipo))
                    .or_insert(*inizio);
                let corrente = *n;
                *n = n.saturating_add(1);
                corrente
            }
            Progressivo::Fornitore(f) => f.prossimo(belfiore, tipo, ctx.creazione),
        };
        match nome_flusso(belfiore, tipo, ctx.creazione, progressivo) {
            Ok(n) => Some(n),
            Err(_) => {
                es.emetti0("SIUSS-WAAS-001", "/identificazione_flusso/nome");
                None
            }
        }
    }
}

/// `IdentificazioneFlusso` of a derived flow.
fn identificazione(nome: String, ente: &EnteFlusso) -> IdentificazioneFlusso {
    IdentificazioneFlusso {
        nome: Some(nome),
        ente: ente.clone(),
    }
}

/// The `Ente` of a process (`siuss.md` §8.2): `None` with `SIUSS-PS-084` when its codes cannot
/// be derived. Returns the element and the Belfiore code (for the flow name and SINBA ids).
fn deriva_ente(
    ctx: &Contesto<'_>,
    cartella: &Cartella,
    processo: (usize, &crate::model::ProcessoAiuto),
    es: &mut Esiti,
) -> Option<(EnteFlusso, String)> {
    let (pi, p) = processo;
    let (ente, path) = match &p.ente_titolare {
        Some(e) => (e, format!("/processi/{pi}/ente_titolare")),
        None => (&cartella.ente_titolare, "/ente_titolare".to_string()),
    };
    let belfiore = ente
        .codice_belfiore
        .as_ref()
        .map(|b| b.as_str().trim().to_string())
        .filter(|b| !b.is_empty());
    let codice = ente
        .codice_ente_inps
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .or_else(|| belfiore.clone());
    let mut errori = false;
    let (Some(codice), Some(belfiore)) = (codice, belfiore) else {
        es.emetti0("SIUSS-PS-084", path);
        return None;
    };
    let denominazione = if ctx.solo_obbligatori() {
        None
    } else {
        ente.denominazione.as_ref().map(|d| {
            let d = d.as_str();
            if d.chars().count() > 100 {
                es.emetti0("SIUSS-PS-089", format!("{path}/denominazione"));
                d.chars().take(100).collect::<String>()
            } else {
                d.to_string()
            }
        })
    };
    let cf = crate::cf::normalizza(ctx.opz.cf_operatore.trim()).into_owned();
    if !cf_pattern_inps(&cf) {
        es.emetti("SIUSS-PS-006", "", [("cf", cf.clone())]);
        errori = true;
    }
    if errori {
        return None;
    }
    Some((
        EnteFlusso {
            codice: Some(codice),
            denominazione,
            indirizzo: Some(belfiore.clone()),
            cf_operatore: Some(cf),
        },
        belfiore,
    ))
}

/// The INPS codice fiscale pattern
/// `([A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\d{11} {0,5})`.
pub(crate) fn cf_pattern_inps(s: &str) -> bool {
    let b = s.as_bytes();
    let alpha = |i: usize| b[i].is_ascii_alphabetic();
    let digit = |i: usize| b[i].is_ascii_digit();
    let personale = b.len() == 16
        && (0..6).all(alpha)
        && digit(6)
        && digit(7)
        && alpha(8)
        && digit(9)
        && digit(10)
        && alpha(11)
        && (12..15).all(|i| b[i].is_ascii_alphanumeric())
        && alpha(15);
    let numerico = (11..=16).contains(&b.len())
        && b[..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(|c| *c == b' ');
    personale || numerico
}

/// Residence codes shared by PS `Indirizzo` and SINBA (`siuss.md` §8.2).
pub(crate) struct CodiciResidenza {
    nazione: Option<String>,
    comune: Option<String>,
    regione: Option<String>,
}

fn codici_residenza(ctx: &Contesto<'_>, res: &crate::model::Residenza) -> CodiciResidenza {
    let nazione = match res.nazione_iso2.as_ref().map(|n| n.as_str().trim()) {
        Some(a2) if !a2.is_empty() => match ctx.refdata {
            Some(r) => r
                .paese_per_alpha2(&a2.to_ascii_uppercase())
                .map(|p| p.numerico.clone()),
            None => a2.eq_ignore_ascii_case("IT").then(|| "380".to_string()),
        },
        _ => res.comune_istat.as_ref().map(|_| "380".to_string()),
    };
    let comune = res
        .comune_istat
        .as_ref()
        .map(|c| c.as_str().to_string())
        .filter(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()));
    let regione = res
        .codice_regione_dm1986
        .as_deref()
        .map(str::trim)
        .filter(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .or_else(|| {
            let istat = res
                .regione_istat
                .as_ref()
                .map(|r| r.as_str().to_string())
                .or_else(|| {
                    let c = res.comune_istat.as_ref()?;
                    ctx.refdata?
                        .comune_per_istat(c.as_str(), Some(ctx.riferimento))
                        .and_then(|c| c.codice_regione_istat.clone())
                })?;
            ctx.opz.regioni_dm1986.get(&istat).cloned()
        });
    CodiciResidenza {
        nazione,
        comune,
        regione,
    }
}

/// Calendar date of an `Istante`: `None` with `SIUSS-PS-088` when its precision is month or year.
fn data_precisa(
    istante: &crate::model::Istante,
    campo: &str,
    path: String,
    es: &mut Esiti,
) -> Option<NaiveDate> {
    let d = istante.date();
    if d.is_none() {
        es.emetti("SIUSS-PS-088", path, [("campo", campo.to_string())]);
    }
    d
}

/// Amount with two decimals; `SIUSS-PS-093` when the model value had more.
fn importo(
    valore: &crate::model::Decimale,
    attributo: &str,
    path: String,
    es: &mut Esiti,
) -> String {
    if valore.valore().normalize().scale() > 2 {
        es.emetti("SIUSS-PS-093", path, [("attributo", attributo.to_string())]);
    }
    formatta_importo(valore.valore())
}

/// Groups items by ente: one group per item on single-item channels, one per ente otherwise.
fn raggruppa<T>(
    canale: Canale,
    voci: Vec<(EnteFlusso, String, T)>,
) -> Vec<(EnteFlusso, String, Vec<T>)> {
    let mut gruppi: Vec<(EnteFlusso, String, Vec<T>)> = Vec::new();
    for (ente, belfiore, voce) in voci {
        if !canale.singolo() {
            if let Some(g) = gruppi.iter_mut().find(|g| g.0 == ente) {
                g.2.push(voce);
                continue;
            }
        }
        gruppi.push((ente, belfiore, vec![voce]));
    }
    gruppi
}

/// Runs the flow checks of [`crate::siuss::regole`] on the derived flows and applies the
/// suppressions.
fn concludi(ctx: &Contesto<'_>, flussi: Vec<Flusso>, es: Esiti) -> Derivazione {
    let mut report = Report::new();
    report.issues = es.issues;
    let o = crate::siuss::regole::OpzioniVerifica {
        canale: ctx.opz.canale,
        as_of: Some(ctx.riferimento),
        tolleranza_quote: ctx.opz.tolleranza_quote,
        registro: ctx.opz.registro.clone(),
        ..Default::default()
    };
    for f in &flussi {
        report.extend(crate::siuss::regole::verifica(f, &o));
    }
    report.apply_suppressions(&ctx.opz.suppressions);
    Derivazione { flussi, report }
}

/// `FlussoPsPsaSina` / `FlussoSinba` constructors used by the submodules.
fn flusso_ps(
    identificazione_flusso: IdentificazioneFlusso,
    beneficiari: Vec<crate::siuss::Beneficiario>,
) -> Flusso {
    Flusso::PsPsaSina(FlussoPsPsaSina {
        identificazione_flusso,
        beneficiari,
    })
}

fn flusso_sinba(
    identificazione_flusso: IdentificazioneFlusso,
    sinba: Vec<crate::siuss::Sinba>,
) -> Flusso {
    Flusso::Sinba(FlussoSinba {
        identificazione_flusso,
        sinba,
    })
}
