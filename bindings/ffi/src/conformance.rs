//! Documents of any supported format ([`validate_document`], kind detected from the content) and
//! the conformance suite ([`ManifestHandle`]: read a manifest, list its cases, run one case).
//!
//! Only translation: detection, validation, the case dispatch and the comparison are the core's
//! (`cartella::documento::valida`, `cartella::conformita::{esegui, confronta}`).

use std::sync::Arc;

use cartella::conformita::{self as core, Caso, Esito, Manifest, OpzioniDocumentoCaso};
use cartella::documento::{self, TipoDocumento};

use crate::cartella_obj::ValidateOptions;
use crate::error::{CartellaError, Result};
use crate::findings::{Issue, Profile, Report, Severity};
use crate::siuss::Canale;

/// Kind of a document, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum DocumentKind {
    /// Canonical JSON of a cartella (also when nothing was recognised: the content is then
    /// reported as JSON that cannot be read).
    CartellaJson,
    /// Canonical JSON of an interscambio message (top-level `cartella` member).
    MessageJson,
    /// Interscambio XML `PRSS_IN001004ZZ`.
    InterscambioXml,
    /// INPS flow (PS-PSA-SINA or SINBA).
    InpsFlow,
    /// Interscambio acknowledgement XML `MCCI_IN000002UV01`.
    AckXml,
}

impl From<TipoDocumento> for DocumentKind {
    fn from(t: TipoDocumento) -> Self {
        match t {
            TipoDocumento::CartellaJson => DocumentKind::CartellaJson,
            TipoDocumento::MessaggioJson => DocumentKind::MessageJson,
            TipoDocumento::InterscambioXml => DocumentKind::InterscambioXml,
            TipoDocumento::FlussoInps => DocumentKind::InpsFlow,
            TipoDocumento::RispostaXml => DocumentKind::AckXml,
        }
    }
}

/// A validated document: its kind and the report, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentResult {
    /// Kind detected from the content.
    pub kind: DocumentKind,
    /// Human label of the kind, e.g. `interscambio XML`.
    pub label: String,
    /// The validation report; null when the document could not be read.
    pub report: Option<Report>,
    /// Why the document could not be read (one line, codici fiscali masked); null when read.
    pub error: Option<String>,
    /// The findings: the report's, or the reader's when the document could not be read.
    pub issues: Vec<Issue>,
    /// The document was read and no finding is an error.
    pub is_valid: bool,
}

/// Reads and validates one document of any supported format (canonical JSON cartella or
/// message, interscambio XML, INPS flow), detected from its content; INPS flows are checked on
/// the `upload` channel with the options' date and suppressions.
#[uniffi::export]
pub fn validate_document(bytes: Vec<u8>, options: ValidateOptions) -> Result<DocumentResult> {
    let d = documento::valida(&bytes, &options.to_core()?);
    let kind = d.tipo.into();
    let label = d.tipo.etichetta().to_string();
    Ok(match d.esito {
        Ok(r) => {
            let report = Report::from(r);
            DocumentResult {
                kind,
                label,
                error: None,
                issues: report.issues.clone(),
                is_valid: report.is_valid,
                report: Some(report),
            }
        }
        Err(e) => DocumentResult {
            kind,
            label,
            report: None,
            error: Some(e.messaggio),
            issues: e.issues.into_iter().map(Issue::from).collect(),
            is_valid: false,
        },
    })
}

/// One finding of the conformance suite, without message text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, uniffi::Record)]
pub struct Finding {
    /// Rule id, e.g. `CSI-ANA-002`.
    pub rule_id: String,
    /// Severity.
    pub severity: Severity,
    /// JSON Pointer into the input (or its canonical form); `""` for the root.
    pub path: String,
}

fn findings(v: &[core::Finding]) -> Vec<Finding> {
    v.iter()
        .map(|f| Finding {
            rule_id: f.rule_id.clone(),
            severity: f.severity.into(),
            path: f.path.clone(),
        })
        .collect()
}

/// How an actual outcome differs from the expected one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Difference {
    /// The expected validity, when it differs from the actual one.
    pub expected_valid: Option<bool>,
    /// The actual validity, when it differs from the expected one.
    pub actual_valid: Option<bool>,
    /// Expected findings that did not occur (sorted).
    pub missing: Vec<Finding>,
    /// Findings that occurred but were not expected (sorted).
    pub unexpected: Vec<Finding>,
}

/// An outcome of a case, expected or actual: valid or not and the findings (sorted by rule id,
/// severity and path); an actual outcome carries its difference from the expected one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Outcome {
    /// No error-severity finding (and the kind-specific conditions of the manifest).
    pub valid: bool,
    /// The findings, sorted.
    pub findings: Vec<Finding>,
    /// How this actual outcome differs from the expected one (null: it matches; always null for
    /// [`CaseInfo::expected`]).
    pub difference: Option<Difference>,
    /// `difference` is null.
    pub passed: bool,
}

fn outcome(esito: &Esito, differenza: Option<core::Differenza>) -> Outcome {
    let mut sorted = esito.findings.clone();
    sorted.sort();
    Outcome {
        valid: esito.valido,
        findings: findings(&sorted),
        passed: differenza.is_none(),
        difference: differenza.map(|d| Difference {
            expected_valid: d.valido.map(|(e, _)| e),
            actual_valid: d.valido.map(|(_, a)| a),
            missing: findings(&d.mancanti),
            unexpected: findings(&d.inattesi),
        }),
    }
}

/// One case of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CaseInfo {
    /// Unique id (`^[a-z0-9][a-z0-9-]*$`).
    pub id: String,
    /// What the case shows (not compared).
    pub description: String,
    /// The case kind, e.g. `documento`, `waas_query`.
    pub kind: String,
    /// The input file, relative to the directory of the manifest (`/`-separated).
    pub input: String,
    /// Free tags.
    pub tags: Vec<String>,
    /// `attivo` (run) or `bozza` (draft, not run).
    pub status: String,
    /// Whether runners run the case (`status == "attivo"`).
    pub active: bool,
    /// Profiles to validate with, cumulatively.
    pub profile: Profile,
    /// Validation date `YYYY-MM-DD`.
    pub as_of: String,
    /// Kind-specific options as JSON text (null = defaults).
    pub options_json: Option<String>,
    /// The options of a `documento` case, typed (null for other kinds, or options of the wrong
    /// shape).
    pub document_options: Option<DocumentOptions>,
    /// The expected outcome (`atteso`).
    pub expected: Outcome,
}

/// The options of a `documento` case (`OpzioniDocumentoCaso`), for a runner that validates the
/// document with [`validate_document`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentOptions {
    /// INPS flows: the channel they are checked for (null = `Upload`, what
    /// [`validate_document`] does; another channel has no equivalent there).
    pub canale: Option<Canale>,
    /// INPS flows: the send register (a `RegistroInvii` JSON) a cancellation is checked against
    /// (`SIUSS-PS-069`); no equivalent in [`validate_document`].
    pub registro_json: Option<String>,
    /// Code tables to register on the standard registry (CSV texts, `RegistryHandle::register_csv`).
    pub tables_csv: Vec<String>,
    /// Concept maps to register (CSV texts, `RegistryHandle::register_maps_csv`).
    pub maps_csv: Vec<String>,
    /// `false`: validate without the reference data (`ValidateOptions::reference_data`).
    pub reference_data: Option<bool>,
}

fn canale(c: cartella::siuss::Canale) -> Canale {
    match c {
        cartella::siuss::Canale::Waas => Canale::Waas,
        cartella::siuss::Canale::Cooperazione => Canale::Cooperazione,
        cartella::siuss::Canale::Upload => Canale::Upload,
    }
}

fn document_options(c: &Caso) -> Option<DocumentOptions> {
    if c.tipo != core::TipoCaso::Documento {
        return None;
    }
    let value = serde_json::Value::Object(c.opzioni.clone().unwrap_or_default());
    let o: OpzioniDocumentoCaso = serde_json::from_value(value).ok()?;
    Some(DocumentOptions {
        canale: o.canale.map(canale),
        registro_json: o.registro.and_then(|r| serde_json::to_string(&r).ok()),
        tables_csv: o.tabelle_csv,
        maps_csv: o.mappe_csv,
        reference_data: o.dati_riferimento,
    })
}

fn info(c: &Caso) -> CaseInfo {
    CaseInfo {
        id: c.id.clone(),
        description: c.descrizione.clone(),
        kind: c.tipo.as_str().to_string(),
        input: c.input.clone(),
        tags: c.tags.clone(),
        status: if c.attivo() { "attivo" } else { "bozza" }.to_string(),
        active: c.attivo(),
        profile: c.profilo.profile().into(),
        as_of: c.as_of.clone(),
        options_json: c
            .opzioni
            .as_ref()
            .and_then(|o| serde_json::to_string(o).ok()),
        document_options: document_options(c),
        expected: outcome(&c.atteso, None),
    }
}

/// A conformance manifest (`conformance/manifest.json`), read and checked. Immutable,
/// thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct ManifestHandle {
    inner: Manifest,
}

#[uniffi::export]
impl ManifestHandle {
    /// Reads a manifest and checks it (unique ids, real dates, relative inputs, options of the
    /// right shape, format version); `InvalidArgument` (name `manifest`) lists every problem.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<Arc<ManifestHandle>> {
        let inner = Manifest::da_json(&text).map_err(|e| CartellaError::argument("manifest", e))?;
        Ok(Arc::new(ManifestHandle { inner }))
    }

    /// Format version (`versione`).
    pub fn version(&self) -> u32 {
        self.inner.versione
    }

    /// Every case, in file order (drafts included: filter on `active`).
    pub fn cases(&self) -> Vec<CaseInfo> {
        self.inner.casi.iter().map(info).collect()
    }

    /// Runs the case `case_id` on its input bytes and compares the result with the expected
    /// outcome. `InvalidArgument` (name `case_id`) for an unknown id, (name `case`) when the case
    /// cannot run at all (malformed options, an input that is not of the kind's format).
    pub fn run_case(&self, case_id: String, input: Vec<u8>) -> Result<Outcome> {
        let caso = self
            .inner
            .casi
            .iter()
            .find(|c| c.id == case_id)
            .ok_or_else(|| CartellaError::argument("case_id", format!("no case {case_id:?}")))?;
        let esito = core::esegui(caso, &input)
            .map_err(|e| CartellaError::argument("case", format!("{case_id} cannot run: {e}")))?;
        let differenza = core::confronta(&caso.atteso, &esito);
        Ok(outcome(&esito, differenza))
    }
}
