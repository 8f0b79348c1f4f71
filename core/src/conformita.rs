//! The conformance suite (`conformance/manifest.json`): the language-neutral case model shared by
//! the CLI (`cartella conformance self-test`), the Rust runner and the bindings, and the pure
//! dispatch [`esegui`] of one case on its input bytes (the caller reads the files: no I/O here).
//!
//! A case names an input file, what to do with it ([`TipoCaso`]), the profile and date to
//! validate with and the expected outcome ([`Esito`]): valid or not, and the findings as
//! `{rule_id, severity, path}` (never message text), compared as sorted lists, exactly.
//!
//! ```
//! use cartella::conformita::{esegui, Caso, Manifest};
//!
//! let manifest = Manifest::da_json(r#"{"versione": 1, "casi": [{
//!     "id": "query-vuota", "descrizione": "GET /flussi without since", "tipo": "waas_query",
//!     "input": "cases/q.txt", "tags": [], "stato": "attivo", "profilo": "siuss",
//!     "as_of": "2025-01-01",
//!     "atteso": {"valido": false, "findings": [
//!         {"rule_id": "SIUSS-WAAS-010", "severity": "error", "path": "/since"}]}}]}"#).unwrap();
//! let caso = &manifest.casi[0];
//! let esito = esegui(caso, b"limit=5").unwrap();
//! assert_eq!(cartella::conformita::confronta(&caso.atteso, &esito), None);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::documento;
use crate::interscambio::opzioni::{Cicli, FormaImporto, OpzioniScrittura, Sensibilita};
use crate::lifecycle::{applica_in_cartella, DatiEvento, Evento, OpzioniTransizione, Servizio};
use crate::model::{EsitoProcesso, Istante};
use crate::privacy::maschera_testo;
use crate::rules::{catalogo, RuleDef, Stage};
use crate::rules::{Issue, Profile, Profiles, Severity, ValidationOptions};
use crate::siuss::deriva::{CampiOpzionali, ChiaveHmac, ModalitaSina, OpzioniDerivazione};
use crate::siuss::waas::{post_esiti, verifica_voce, ParametriFlussi, RegistroInvii, VoceFlusso};
use crate::siuss::Canale;
use crate::CartellaError;

/// Version of the manifest format this crate reads and writes.
pub const VERSIONE_MANIFEST: u32 = 1;

/// The manifest: every case of the suite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Cartella conformance manifest")]
pub struct Manifest {
    /// Optional reference to the JSON Schema (`./manifest.schema.json`), for editors.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version: 1.
    pub versione: u32,
    /// The cases, in file order.
    pub casi: Vec<Caso>,
}

/// One case of the suite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Caso {
    /// Unique id, `^[a-z0-9][a-z0-9-]*$`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// What the case shows (free text, not compared).
    pub descrizione: String,
    /// What is done with the input.
    pub tipo: TipoCaso,
    /// The input file, relative to the directory of the manifest (`/`-separated).
    #[schemars(regex(pattern = r"^[^/\\][^\\]*$"))]
    pub input: String,
    /// Free tags (e.g. `sample`, `siuss`, `waas`).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whether the runners run the case.
    pub stato: StatoCaso,
    /// Profiles to validate with, cumulatively (`documento` cases).
    pub profilo: ProfiloCaso,
    /// Validation date `YYYY-MM-DD`; also the default reference and creation date of derivations.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub as_of: String,
    /// Kind-specific options (see `TipoCaso`); absent = defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opzioni: Option<serde_json::Map<String, serde_json::Value>>,
    /// The expected outcome.
    pub atteso: Esito,
}

/// What a case does with its input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TipoCaso {
    /// Any document `documento::valida` takes (canonical JSON, interscambio XML, INPS flow).
    /// Options: `OpzioniDocumentoCaso` (the channel of an INPS flow).
    Documento,
    /// A cartella JSON → `siuss::deriva_periodo` (PS-PSA-SINA). Options: `OpzioniDerivazioneCaso`.
    DerivazionePs,
    /// A cartella JSON → `siuss::deriva_sinba`. Options: `OpzioniDerivazioneCaso`.
    DerivazioneSinba,
    /// A `GET /flussi` entry JSON → `siuss::waas::verifica_voce` (path ""). No options.
    WaasVoce,
    /// A text file holding a `GET /flussi` query string → `ParametriFlussi::da_query`. No options.
    WaasQuery,
    /// A `POST /esiti` body → `siuss::waas::post_esiti`. Options: `OpzioniEsitiCaso`.
    WaasEsiti,
    /// A cartella JSON and one lifecycle event → the refusal's rule id as a finding at path "",
    /// or the event's warnings. Options: `OpzioniCicloCaso`.
    CicloDiVita,
    /// A message JSON → `interscambio::scrivi_con_esiti` findings. Options:
    /// `OpzioniScritturaCaso`.
    ScritturaInterscambio,
}

impl TipoCaso {
    /// Every kind.
    pub const TUTTI: [TipoCaso; 8] = [
        TipoCaso::Documento,
        TipoCaso::DerivazionePs,
        TipoCaso::DerivazioneSinba,
        TipoCaso::WaasVoce,
        TipoCaso::WaasQuery,
        TipoCaso::WaasEsiti,
        TipoCaso::CicloDiVita,
        TipoCaso::ScritturaInterscambio,
    ];

    /// The token of the manifest, e.g. `derivazione_ps`.
    pub fn as_str(self) -> &'static str {
        match self {
            TipoCaso::Documento => "documento",
            TipoCaso::DerivazionePs => "derivazione_ps",
            TipoCaso::DerivazioneSinba => "derivazione_sinba",
            TipoCaso::WaasVoce => "waas_voce",
            TipoCaso::WaasQuery => "waas_query",
            TipoCaso::WaasEsiti => "waas_esiti",
            TipoCaso::CicloDiVita => "ciclo_di_vita",
            TipoCaso::ScritturaInterscambio => "scrittura_interscambio",
        }
    }

    /// Whether a case of this kind can raise the rule (used by the coverage check: a
    /// non-triggering case must be of such a kind).
    pub fn puo_sollevare(self, regola: &RuleDef) -> bool {
        let id = regola.id.as_str();
        let rifiuto_api = crate::lifecycle::RIFIUTI_API.contains(&id);
        let waas = crate::siuss::waas::RULES.contains(&id);
        let derivazione = crate::siuss::deriva::RULES.contains(&id)
            || crate::siuss::deriva::REGOLE_CANONICHE.contains(&id);
        match self {
            TipoCaso::Documento => regola.stage != Stage::Waas && !rifiuto_api,
            TipoCaso::WaasVoce | TipoCaso::WaasQuery | TipoCaso::WaasEsiti => waas,
            TipoCaso::DerivazionePs => {
                (derivazione && !id.starts_with("SIUSS-SINBA-"))
                    || id.starts_with("SIUSS-PS-")
                    || id.starts_with("SIUSS-SINA-")
            }
            TipoCaso::DerivazioneSinba => {
                (derivazione && !id.starts_with("SIUSS-PS-") && !id.starts_with("SIUSS-SINA-"))
                    || id.starts_with("SIUSS-SINBA-")
            }
            TipoCaso::CicloDiVita => rifiuto_api || id.starts_with("CSI-LCY-"),
            TipoCaso::ScritturaInterscambio => crate::interscambio::scrittore::RULES.contains(&id),
        }
    }
}

/// Whether the runners run a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatoCaso {
    /// Run by every runner; a failure fails the suite.
    Attivo,
    /// Draft: listed, not run (ignored trials).
    Bozza,
}

/// Profiles of a case, cumulatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProfiloCaso {
    /// `schema` only.
    Schema,
    /// `schema` + `guideline`.
    Guideline,
    /// `schema` + `guideline` + `siuss`.
    Siuss,
}

impl ProfiloCaso {
    /// The library profile.
    pub fn profile(self) -> Profile {
        match self {
            ProfiloCaso::Schema => Profile::Schema,
            ProfiloCaso::Guideline => Profile::Guideline,
            ProfiloCaso::Siuss => Profile::Siuss,
        }
    }
}

/// An outcome, expected (`atteso`) or actual.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Esito {
    /// No finding of severity `error` (and, for `ciclo_di_vita`, the event was not refused; for
    /// `documento`, the document could be read).
    pub valido: bool,
    /// The findings, sorted by rule id, severity and path.
    pub findings: Vec<Finding>,
}

impl Esito {
    fn da_issues(issues: impl IntoIterator<Item = Issue>) -> Esito {
        let findings: Vec<Finding> = issues.into_iter().map(|i| Finding::da(&i)).collect();
        let valido = !findings.iter().any(|f| f.severity == Severity::Error);
        Esito { valido, findings }.ordinato()
    }

    /// The same outcome with the findings sorted.
    pub fn ordinato(mut self) -> Esito {
        self.findings.sort();
        self
    }
}

/// One finding, without message text.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Rule id, e.g. `CSI-ANA-002`.
    pub rule_id: String,
    /// Severity.
    #[schemars(with = "GravitaSchema")]
    pub severity: Severity,
    /// JSON Pointer into the input (or the canonical form of an XML input); "" for the root.
    pub path: String,
}

impl Finding {
    /// The finding of an issue.
    pub fn da(i: &Issue) -> Finding {
        Finding {
            rule_id: i.rule_id.clone(),
            severity: i.severity,
            path: i.path.clone(),
        }
    }
}

/// Schema of [`Severity`] in the manifest.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum GravitaSchema {
    Error,
    Warning,
    Info,
}

/// How an actual outcome differs from the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differenza {
    /// `(expected, actual)` validity when they differ.
    pub valido: Option<(bool, bool)>,
    /// Expected findings that did not occur.
    pub mancanti: Vec<Finding>,
    /// Findings that occurred but were not expected.
    pub inattesi: Vec<Finding>,
}

/// Compares two outcomes (findings as sorted multisets); `None` when they are equal.
pub fn confronta(atteso: &Esito, effettivo: &Esito) -> Option<Differenza> {
    let mut a = atteso.findings.clone();
    let mut e = effettivo.findings.clone();
    a.sort();
    e.sort();
    let (mut mancanti, mut inattesi) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < e.len() {
        match (a.get(i), e.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                mancanti.push(x.clone());
                i += 1;
            }
            (Some(x), None) => {
                mancanti.push(x.clone());
                i += 1;
            }
            (_, Some(y)) => {
                inattesi.push(y.clone());
                j += 1;
            }
            (None, None) => break,
        }
    }
    let valido = (atteso.valido != effettivo.valido).then_some((atteso.valido, effettivo.valido));
    if valido.is_none() && mancanti.is_empty() && inattesi.is_empty() {
        None
    } else {
        Some(Differenza {
            valido,
            mancanti,
            inattesi,
        })
    }
}

/// Options of `derivazione_ps` and `derivazione_sinba` cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpzioniDerivazioneCaso {
    /// `waas` (default), `cooperazione` or `upload`.
    #[serde(default)]
    pub canale: Option<Canale>,
    /// Codice fiscale of the operator (`Ente/@CFOperatore`); default empty (→ `SIUSS-PS-006`).
    #[serde(default)]
    pub cf_operatore: Option<String>,
    /// Reference date; default the case's `as_of`.
    #[serde(default)]
    pub data_riferimento: Option<NaiveDate>,
    /// Creation date of flow names; default the case's `as_of`.
    #[serde(default)]
    pub data_creazione: Option<NaiveDate>,
    /// Start of the period (`derivazione_ps`); default 1 January of the case's `as_of` year.
    #[serde(default)]
    pub dal: Option<NaiveDate>,
    /// End of the period (`derivazione_ps`); default the case's `as_of`.
    #[serde(default)]
    pub al: Option<NaiveDate>,
    /// Table ISTAT region → DM 1986 region.
    #[serde(default)]
    pub regioni_dm1986: BTreeMap<String, String>,
    /// HMAC key of the SINBA `IDBeneficiario`, as text (UTF-8 bytes).
    #[serde(default)]
    pub chiave_hmac: Option<String>,
    /// SINA block policy: `auto` (default), `sempre`, `mai`.
    #[serde(default)]
    pub sina: Option<String>,
    /// Optional attributes: `se_presenti` (default) or `solo_obbligatori`.
    #[serde(default)]
    pub campi_opzionali: Option<String>,
}

/// Options of `documento` cases (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpzioniDocumentoCaso {
    /// For INPS flows: the channel they are checked for (`upload` by default, as
    /// `cartella validate` does; `waas`/`cooperazione` add the one-item limit: `SIUSS-PS-031`,
    /// `-032`, `SIUSS-SINBA-038`). Refused for other documents.
    #[serde(default)]
    pub canale: Option<Canale>,
    /// For INPS flows: the send register (a `RegistroInvii` JSON) whose last insertions a
    /// cancellation must repeat (`SIUSS-PS-069`).
    #[serde(default)]
    pub registro: Option<serde_json::Value>,
    /// Code tables to register before validating, each the text of a CSV in the format of
    /// `codelists.md` §2.2 (`code,label,system,source[,valido_dal,valido_al]`) — what a region
    /// registers at run time (`Registro::registra_csv`).
    #[serde(default)]
    pub tabelle_csv: Vec<String>,
    /// Concept maps to register, each the text of a CSV as `Registro::registra_mappe_csv` reads.
    #[serde(default)]
    pub mappe_csv: Vec<String>,
    /// `false` validates without reference data (comuni, foreign states): the checks needing
    /// them become notices (`CF-018`). Default `true` (the embedded tables).
    #[serde(default)]
    pub dati_riferimento: Option<bool>,
}

impl OpzioniDocumentoCaso {
    /// The validation options of the case: profiles, date, registered tables and maps,
    /// reference data.
    fn validazione(&self, profilo: Profile, as_of: NaiveDate) -> Result<ValidationOptions, String> {
        let mut o = ValidationOptions::default().with_profiles(Profiles::up_to(profilo));
        o.as_of = Some(as_of);
        if !self.tabelle_csv.is_empty() || !self.mappe_csv.is_empty() {
            let mut r = crate::codelists::Registro::standard().clone();
            for t in &self.tabelle_csv {
                r.registra_csv(t.as_bytes())
                    .map_err(|e| format!("opzioni.tabelle_csv: {e}"))?;
            }
            for m in &self.mappe_csv {
                r.registra_mappe_csv(m.as_bytes())
                    .map_err(|e| format!("opzioni.mappe_csv: {e}"))?;
            }
            o.registro = Some(std::sync::Arc::new(r));
        }
        if self.dati_riferimento == Some(false) {
            o.reference_data = crate::rules::ReferenceData::Disabled;
        }
        Ok(o)
    }
}

/// Options of `waas_esiti` cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpzioniEsitiCaso {
    /// The send register the outcomes apply to (a `RegistroInvii` JSON); default empty.
    #[serde(default)]
    pub registro: Option<serde_json::Value>,
}

/// Options of `ciclo_di_vita` cases. Supported events: `RIAPRI` (`CSI-LCY-015`),
/// `METTI_IN_GRADUATORIA`, `ATTIVA_SERVIZIO` of a registered service and `CONCLUDI_SERVIZIO`
/// (`CSI-LCY-023`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpzioniCicloCaso {
    /// Target process.
    pub id_processo: String,
    /// Event name as in `lifecycle.md` §4, e.g. `RIAPRI`.
    pub evento: String,
    /// Event date (canonical `Istante` text, e.g. `2024-05-01`).
    pub data: String,
    /// Target D record (service events) or id of the new B record (`RIAPRI`, default
    /// `B-RIAPERTURA`).
    #[serde(default)]
    pub id_fase: Option<String>,
    /// Outcome of `CONCLUDI_SERVIZIO` (default `CONCLUSO`).
    #[serde(default)]
    pub esito: Option<String>,
}

/// Options of `scrittura_interscambio` cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpzioniScritturaCaso {
    /// `tutti` (default) or `singolo` (one record per kind, others reported `CSI-CMP-025`).
    #[serde(default)]
    pub cicli: Option<String>,
    /// `ce_code` (default) or `hl7_mo` (not XSD-valid, `CSI-CMP-026`).
    #[serde(default)]
    pub forma_importo: Option<String>,
    /// Sensitivity tags not written (`IDE`, `CON`, `SAL`, `SES`, `GIU`, `ECO`, `MIN`;
    /// `CSI-PRV-002`).
    #[serde(default)]
    pub filtro_sensibilita: Vec<String>,
}

impl Manifest {
    /// Reads a manifest and checks what the types cannot: unique ids matching
    /// `^[a-z0-9][a-z0-9-]*$`, `as_of` a real date, relative inputs without `..`, options of
    /// the right shape for the kind, and the format version.
    ///
    /// # Errors
    /// Every problem found, one per line.
    pub fn da_json(testo: &str) -> Result<Manifest, String> {
        let m: Manifest = serde_json::from_str(testo).map_err(|e| format!("manifest: {e}"))?;
        let problemi = m.problemi();
        if problemi.is_empty() {
            Ok(m)
        } else {
            Err(problemi.join("\n"))
        }
    }

    /// The problems [`Manifest::da_json`] reports.
    pub fn problemi(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.versione != VERSIONE_MANIFEST {
            out.push(format!(
                "manifest: versione {} is not supported (expected {VERSIONE_MANIFEST})",
                self.versione
            ));
        }
        let mut visti = HashSet::new();
        for c in &self.casi {
            if !id_valido(&c.id) {
                out.push(format!("{}: id must match ^[a-z0-9][a-z0-9-]*$", c.id));
            }
            if !visti.insert(c.id.as_str()) {
                out.push(format!("{}: duplicate id", c.id));
            }
            if let Err(e) = c.data() {
                out.push(format!("{}: {e}", c.id));
            }
            if c.input.is_empty()
                || c.input.starts_with('/')
                || c.input.contains('\\')
                || c.input.split('/').any(|p| p == ".." || p.is_empty())
            {
                out.push(format!(
                    "{}: input must be a relative /-separated path without '..'",
                    c.id
                ));
            }
            if let Err(e) = c.verifica_opzioni() {
                out.push(format!("{}: {e}", c.id));
            }
        }
        out
    }

    /// The case with this id.
    pub fn caso(&self, id: &str) -> Option<&Caso> {
        self.casi.iter().find(|c| c.id == id)
    }

    /// The manifest as JSON text: two-space indentation, trailing newline (the committed form).
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn id_valido(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b[0] != b'-'
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

impl Caso {
    /// Whether the runners run the case.
    pub fn attivo(&self) -> bool {
        self.stato == StatoCaso::Attivo
    }

    /// The case's `as_of`.
    ///
    /// # Errors
    /// When `as_of` is not a `YYYY-MM-DD` date.
    pub fn data(&self) -> Result<NaiveDate, String> {
        NaiveDate::parse_from_str(&self.as_of, "%Y-%m-%d")
            .ok()
            .filter(|_| self.as_of.len() == 10)
            .ok_or_else(|| format!("as_of {:?} is not a YYYY-MM-DD date", self.as_of))
    }

    fn opzioni<T: serde::de::DeserializeOwned + Default>(&self) -> Result<T, String> {
        match &self.opzioni {
            None => Ok(T::default()),
            Some(o) => serde_json::from_value(serde_json::Value::Object(o.clone()))
                .map_err(|e| format!("opzioni of a {} case: {e}", self.tipo.as_str())),
        }
    }

    fn senza_opzioni(&self) -> Result<(), String> {
        match &self.opzioni {
            Some(o) if !o.is_empty() => {
                Err(format!("a {} case takes no opzioni", self.tipo.as_str()))
            }
            _ => Ok(()),
        }
    }

    /// Checks that the options have the shape of the case's kind.
    ///
    /// # Errors
    /// What is wrong.
    pub fn verifica_opzioni(&self) -> Result<(), String> {
        match self.tipo {
            TipoCaso::Documento => {
                let o: OpzioniDocumentoCaso = self.opzioni()?;
                registro_opzione(o.registro.as_ref())?;
                o.validazione(Profile::Schema, NaiveDate::MIN).map(|_| ())
            }
            TipoCaso::WaasVoce | TipoCaso::WaasQuery => self.senza_opzioni(),
            TipoCaso::DerivazionePs | TipoCaso::DerivazioneSinba => {
                let o: OpzioniDerivazioneCaso = self.opzioni()?;
                opzioni_derivazione(&o, NaiveDate::MIN).map(|_| ())
            }
            TipoCaso::WaasEsiti => {
                let o: OpzioniEsitiCaso = self.opzioni()?;
                registro(&o).map(|_| ())
            }
            TipoCaso::CicloDiVita => {
                let o: OpzioniCicloCaso = self.opzioni_richieste()?;
                evento(&o).map(|_| ())
            }
            TipoCaso::ScritturaInterscambio => {
                let o: OpzioniScritturaCaso = self.opzioni()?;
                opzioni_scrittura(&o).map(|_| ())
            }
        }
    }

    fn opzioni_richieste<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        let o = self
            .opzioni
            .clone()
            .ok_or_else(|| format!("a {} case needs opzioni", self.tipo.as_str()))?;
        serde_json::from_value(serde_json::Value::Object(o))
            .map_err(|e| format!("opzioni of a {} case: {e}", self.tipo.as_str()))
    }
}

fn opzioni_derivazione(
    o: &OpzioniDerivazioneCaso,
    as_of: NaiveDate,
) -> Result<OpzioniDerivazione, String> {
    let sina = match o.sina.as_deref() {
        None | Some("auto") => ModalitaSina::Auto,
        Some("sempre") => ModalitaSina::Sempre,
        Some("mai") => ModalitaSina::Mai,
        Some(x) => return Err(format!("sina {x:?}: expected auto, sempre or mai")),
    };
    let campi_opzionali = match o.campi_opzionali.as_deref() {
        None | Some("se_presenti") => CampiOpzionali::SePresenti,
        Some("solo_obbligatori") => CampiOpzionali::SoloObbligatori,
        Some(x) => {
            return Err(format!(
                "campi_opzionali {x:?}: expected se_presenti or solo_obbligatori"
            ))
        }
    };
    Ok(OpzioniDerivazione {
        canale: o.canale.unwrap_or_default(),
        cf_operatore: o.cf_operatore.clone().unwrap_or_default(),
        data_riferimento: Some(o.data_riferimento.unwrap_or(as_of)),
        data_creazione: Some(o.data_creazione.unwrap_or(as_of)),
        regioni_dm1986: o.regioni_dm1986.clone(),
        chiave_hmac: o
            .chiave_hmac
            .as_ref()
            .map(|k| ChiaveHmac::new(k.as_bytes())),
        sina,
        campi_opzionali,
        ..OpzioniDerivazione::default()
    })
}

/// The send register of a case option (`registro`: a `RegistroInvii` JSON), if given.
fn registro_opzione(v: Option<&serde_json::Value>) -> Result<Option<RegistroInvii>, String> {
    v.map(|v| serde_json::from_value(v.clone()).map_err(|e| format!("registro: {e}")))
        .transpose()
}

fn registro(o: &OpzioniEsitiCaso) -> Result<RegistroInvii, String> {
    registro_opzione(o.registro.as_ref()).map(Option::unwrap_or_default)
}

/// The event of a `ciclo_di_vita` case (without its date).
fn evento(o: &OpzioniCicloCaso) -> Result<Evento, String> {
    let id_fase = || {
        o.id_fase
            .clone()
            .ok_or_else(|| format!("{} needs id_fase", o.evento))
    };
    Ok(match o.evento.as_str() {
        "RIAPRI" => Evento::riapri(o.id_fase.clone().unwrap_or_else(|| "B-RIAPERTURA".into())),
        "METTI_IN_GRADUATORIA" => Evento::MettiInGraduatoria {
            id_fase: id_fase()?,
        },
        "ATTIVA_SERVIZIO" => Evento::AttivaServizio(Servizio::Registrato(id_fase()?)),
        "CONCLUDI_SERVIZIO" => {
            let codice = o.esito.as_deref().unwrap_or("CONCLUSO");
            let esito = EsitoProcesso::from_code(codice)
                .ok_or_else(|| format!("esito {codice:?} is not an esito_processo code"))?;
            Evento::ConcludiServizio {
                id_fase: id_fase()?,
                esito,
            }
        }
        altro => {
            return Err(format!(
                "evento {altro:?} is not supported (RIAPRI, METTI_IN_GRADUATORIA, \
                 ATTIVA_SERVIZIO, CONCLUDI_SERVIZIO)"
            ))
        }
    })
}

fn opzioni_scrittura(o: &OpzioniScritturaCaso) -> Result<OpzioniScrittura, String> {
    let cycles = match o.cicli.as_deref() {
        None | Some("tutti") => Cicli::Tutti,
        Some("singolo") => Cicli::Singolo,
        Some(x) => return Err(format!("cicli {x:?}: expected tutti or singolo")),
    };
    let money_form = match o.forma_importo.as_deref() {
        None | Some("ce_code") => FormaImporto::CeCode,
        Some("hl7_mo") => FormaImporto::Hl7Mo,
        Some(x) => return Err(format!("forma_importo {x:?}: expected ce_code or hl7_mo")),
    };
    let mut filtro = BTreeSet::new();
    for t in &o.filtro_sensibilita {
        filtro.insert(match t.as_str() {
            "IDE" => Sensibilita::Ide,
            "CON" => Sensibilita::Con,
            "SAL" => Sensibilita::Sal,
            "SES" => Sensibilita::Ses,
            "GIU" => Sensibilita::Giu,
            "ECO" => Sensibilita::Eco,
            "MIN" => Sensibilita::Min,
            x => return Err(format!("filtro_sensibilita {x:?} is not a sensitivity tag")),
        });
    }
    Ok(OpzioniScrittura {
        cycles,
        money_form,
        filtro_sensibilita: filtro,
        ..OpzioniScrittura::default()
    })
}

fn testo(input: &[u8]) -> Result<&str, String> {
    let resto = input.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(input);
    std::str::from_utf8(resto).map_err(|_| "the input is not valid UTF-8".to_string())
}

fn errore(e: &CartellaError) -> String {
    maschera_testo(&documento::messaggio_errore_json(e))
}

/// Runs one case on its input bytes (read by the caller from [`Caso::input`]).
///
/// # Errors
/// When the case cannot be run at all: malformed options, an input that is not of the kind's
/// format (e.g. a derivation input that is not a cartella), a process id not in the cartella.
/// Problems *of the input* the library reports are findings, not errors.
pub fn esegui(caso: &Caso, input: &[u8]) -> Result<Esito, String> {
    let as_of = caso.data()?;
    match caso.tipo {
        TipoCaso::Documento => {
            let opzioni: OpzioniDocumentoCaso = caso.opzioni()?;
            let o = opzioni.validazione(caso.profilo.profile(), as_of)?;
            if (opzioni.canale.is_some() || opzioni.registro.is_some())
                && documento::rileva(input) != Some(documento::TipoDocumento::FlussoInps)
            {
                return Err("opzioni.canale and opzioni.registro apply to INPS flows only".into());
            }
            let ultimi_inserimenti = registro_opzione(opzioni.registro.as_ref())?.map(|r| {
                std::sync::Arc::new(r) as std::sync::Arc<dyn crate::siuss::UltimiInserimenti>
            });
            let flussi = crate::siuss::OpzioniVerifica {
                canale: opzioni.canale.unwrap_or(Canale::Upload),
                ultimi_inserimenti,
                ..crate::siuss::OpzioniVerifica::default()
            };
            let d = documento::valida_con(input, &o, flussi);
            Ok(match d.esito {
                Ok(report) => Esito::da_issues(report.issues),
                Err(ill) => Esito {
                    valido: false,
                    ..Esito::da_issues(ill.issues)
                },
            })
        }
        TipoCaso::DerivazionePs | TipoCaso::DerivazioneSinba => {
            let o: OpzioniDerivazioneCaso = caso.opzioni()?;
            let opzioni = opzioni_derivazione(&o, as_of)?;
            let cartella = crate::json::from_str(testo(input)?).map_err(|e| errore(&e))?;
            let d = if caso.tipo == TipoCaso::DerivazionePs {
                let dal = o
                    .dal
                    .or_else(|| NaiveDate::from_ymd_opt(chrono::Datelike::year(&as_of), 1, 1))
                    .unwrap_or(as_of);
                crate::siuss::deriva_periodo(&cartella, dal, o.al.unwrap_or(as_of), &opzioni)
            } else {
                crate::siuss::deriva_sinba(&cartella, &opzioni)
            };
            Ok(Esito::da_issues(d.report.issues))
        }
        TipoCaso::WaasVoce => {
            caso.senza_opzioni()?;
            let voce: VoceFlusso = serde_json::from_str(testo(input)?)
                .map_err(|e| maschera_testo(&format!("not a GET /flussi entry: {e}")))?;
            Ok(Esito::da_issues(verifica_voce(&voce, "")))
        }
        TipoCaso::WaasQuery => {
            caso.senza_opzioni()?;
            let q = testo(input)?.trim_end_matches(['\n', '\r']);
            Ok(match ParametriFlussi::da_query(q) {
                Ok(_) => Esito::da_issues([]),
                Err(r) => Esito {
                    valido: false,
                    ..Esito::da_issues(r.issues)
                },
            })
        }
        TipoCaso::WaasEsiti => {
            let o: OpzioniEsitiCaso = caso.opzioni()?;
            let mut reg = registro(&o)?;
            let (risposta, issues) = post_esiti(input, &mut reg);
            let esito = Esito::da_issues(issues);
            Ok(Esito {
                valido: esito.valido && risposta.status < 400,
                ..esito
            })
        }
        TipoCaso::CicloDiVita => {
            let o: OpzioniCicloCaso = caso.opzioni_richieste()?;
            let ev = evento(&o)?;
            let data = Istante::parse(&o.data).map_err(|e| errore(&e))?;
            let mut cartella = crate::json::from_str(testo(input)?).map_err(|e| errore(&e))?;
            match applica_in_cartella(
                &mut cartella,
                &o.id_processo,
                ev,
                DatiEvento::il(data),
                &OpzioniTransizione::default(),
            ) {
                Ok(issues) => Ok(Esito::da_issues(issues)),
                Err(CartellaError::TransizioneIllegale { rule_id, .. }) => {
                    let severity = catalogo()
                        .get(&rule_id)
                        .map_or(Severity::Error, |r| r.severity);
                    Ok(Esito {
                        valido: false,
                        findings: vec![Finding {
                            rule_id,
                            severity,
                            path: String::new(),
                        }],
                    })
                }
                Err(e) => Err(errore(&e)),
            }
        }
        TipoCaso::ScritturaInterscambio => {
            let o: OpzioniScritturaCaso = caso.opzioni()?;
            let opzioni = opzioni_scrittura(&o)?;
            let m = crate::json::messaggio_from_str(testo(input)?).map_err(|e| errore(&e))?;
            let scritto =
                crate::interscambio::scrivi_con_esiti(&m, &opzioni).map_err(|e| errore(&e))?;
            Ok(Esito::da_issues(scritto.findings))
        }
    }
}

/// What the coverage check misses for a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Manca {
    /// No active case expects the rule among its findings.
    Trigger,
    /// No active case of a kind that can raise the rule lacks it.
    NonTrigger,
}

impl Manca {
    /// `trigger` or `non-trigger` (the form of `conformance/coverage-gaps.txt`).
    pub fn as_str(self) -> &'static str {
        match self {
            Manca::Trigger => "trigger",
            Manca::NonTrigger => "non-trigger",
        }
    }
}

/// The cases of one rule: active cases that trigger it, and active cases of a kind that can raise
/// it that do not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traccia {
    /// The rule.
    pub regola: &'static RuleDef,
    /// Ids of the active cases whose expected findings contain the rule.
    pub trigger: Vec<String>,
    /// Ids of the active cases of a kind that can raise the rule, without it.
    pub non_trigger: Vec<String>,
}

impl Traccia {
    /// What is missing (empty when the rule is covered both ways).
    pub fn lacune(&self) -> Vec<Manca> {
        let mut out = Vec::new();
        if self.trigger.is_empty() {
            out.push(Manca::Trigger);
        }
        if self.non_trigger.is_empty() {
            out.push(Manca::NonTrigger);
        }
        out
    }
}

/// One [`Traccia`] per rule of the catalogue, in catalogue order.
pub fn tracciabilita(manifest: &Manifest) -> Vec<Traccia> {
    let attivi: Vec<(&Caso, HashSet<&str>)> = manifest
        .casi
        .iter()
        .filter(|c| c.attivo())
        .map(|c| {
            let ids = c
                .atteso
                .findings
                .iter()
                .map(|f| f.rule_id.as_str())
                .collect();
            (c, ids)
        })
        .collect();
    catalogo()
        .rules()
        .iter()
        .map(|r| {
            let mut t = Traccia {
                regola: r,
                trigger: Vec::new(),
                non_trigger: Vec::new(),
            };
            for (c, ids) in &attivi {
                if ids.contains(r.id.as_str()) {
                    t.trigger.push(c.id.clone());
                } else if c.tipo.puo_sollevare(r) {
                    t.non_trigger.push(c.id.clone());
                }
            }
            t
        })
        .collect()
}

/// The coverage gaps in the form of `conformance/coverage-gaps.txt`: one line
/// `RULE_ID missing trigger` or `RULE_ID missing non-trigger` per gap, catalogue order.
pub fn lacune(manifest: &Manifest) -> Vec<String> {
    tracciabilita(manifest)
        .iter()
        .flat_map(|t| {
            t.lacune()
                .into_iter()
                .map(|m| format!("{} missing {}", t.regola.id, m.as_str()))
        })
        .collect()
}

/// The JSON Schema (2020-12) of the manifest, as committed in `conformance/manifest.schema.json`
/// (two-space indentation, trailing newline).
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Manifest);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caso(tipo: TipoCaso, opzioni: Option<serde_json::Value>) -> Caso {
        Caso {
            id: "x".into(),
            descrizione: String::new(),
            tipo,
            input: "cases/x".into(),
            tags: Vec::new(),
            stato: StatoCaso::Attivo,
            profilo: ProfiloCaso::Guideline,
            as_of: "2025-01-01".into(),
            opzioni: opzioni.and_then(|v| v.as_object().cloned()),
            atteso: Esito::default(),
        }
    }

    #[test]
    fn compares_findings_as_sorted_multisets() {
        let f = |r: &str, p: &str| Finding {
            rule_id: r.into(),
            severity: Severity::Error,
            path: p.into(),
        };
        let a = Esito {
            valido: false,
            findings: vec![f("B", "/1"), f("A", ""), f("A", "")],
        };
        let b = Esito {
            valido: false,
            findings: vec![f("A", ""), f("B", "/1"), f("A", "")],
        };
        assert_eq!(confronta(&a, &b), None);
        let c = Esito {
            valido: true,
            findings: vec![f("A", ""), f("C", "")],
        };
        let d = confronta(&a, &c).expect("differs");
        assert_eq!(d.valido, Some((false, true)));
        assert_eq!(d.mancanti, vec![f("A", ""), f("B", "/1")]);
        assert_eq!(d.inattesi, vec![f("C", "")]);
    }

    #[test]
    fn never_panics_on_bad_inputs() {
        for tipo in TipoCaso::TUTTI {
            for input in [&b""[..], b"\xFF", b"{", b"[]", b"<x/>", b"since=abc"] {
                let _ = esegui(&caso(tipo, None), input);
            }
        }
    }

    #[test]
    fn checks_ids_options_and_dates() {
        let mut m = Manifest {
            schema: None,
            versione: VERSIONE_MANIFEST,
            casi: vec![
                caso(TipoCaso::Documento, None),
                caso(TipoCaso::Documento, None),
            ],
        };
        m.casi[1].as_of = "2025-13-01".into();
        m.casi[0].input = "../x".into();
        let p = m.problemi();
        assert!(p.iter().any(|l| l.contains("duplicate")), "{p:?}");
        assert!(p.iter().any(|l| l.contains("as_of")), "{p:?}");
        assert!(p.iter().any(|l| l.contains("'..'")), "{p:?}");
        let c = caso(
            TipoCaso::CicloDiVita,
            Some(serde_json::json!({"id_processo": "P", "evento": "BOH", "data": "2024-01-01"})),
        );
        assert!(c.verifica_opzioni().is_err());
        let c = caso(TipoCaso::Documento, Some(serde_json::json!({"x": 1})));
        assert!(c.verifica_opzioni().is_err());
        assert!(!id_valido("-a") && !id_valido("A") && id_valido("a-1"));
    }
}
