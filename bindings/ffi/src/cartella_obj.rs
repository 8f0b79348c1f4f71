//! The [`CartellaHandle`] handle: canonical JSON in and out, accessors, validation.

use std::sync::{Arc, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use cartella::model;
use cartella::rules::{Profiles, ValidationOptions};

use crate::codelists::RegistryHandle;
use crate::error::{CartellaError, Result};
use crate::findings::{Profile, Report, SuppressionSpec};

/// Options of a validation. Every field is optional.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ValidateOptions {
    /// Profiles to run, cumulatively (`Schema`; `Guideline` = schema + guideline; `Siuss` = all).
    /// Default `Guideline`.
    #[uniffi(default = None)]
    pub profile: Option<Profile>,
    /// Validation date `YYYY-MM-DD`: rule sets in force and "future date" checks are judged on
    /// it. Default today in Europe/Rome.
    #[uniffi(default = None)]
    pub as_of: Option<String>,
    /// Findings to move to `Report.suppressed`.
    #[uniffi(default = [])]
    pub suppressions: Vec<SuppressionSpec>,
    /// Code lists with registered tables. Default the standard registry.
    #[uniffi(default = None)]
    pub registry: Option<Arc<RegistryHandle>>,
    /// `false` validates without the reference data (comuni, foreign states): the checks needing
    /// them become notices (`CF-018`). Default `true` (the embedded tables).
    #[uniffi(default = None)]
    pub reference_data: Option<bool>,
}

impl ValidateOptions {
    /// The core options.
    pub(crate) fn to_core(&self) -> Result<ValidationOptions> {
        let profile = self.profile.unwrap_or(Profile::Guideline);
        let mut options =
            ValidationOptions::default().with_profiles(Profiles::up_to(profile.into()));
        if let Some(d) = &self.as_of {
            options = options.as_of(crate::parse_date("as_of", d)?);
        }
        for s in &self.suppressions {
            options = options.suppress(s.to_core()?);
        }
        options = options.with_registro(match &self.registry {
            Some(r) => r.snapshot(),
            None => standard_registro(),
        });
        if self.reference_data == Some(false) {
            options = options.with_reference_data(cartella::rules::ReferenceData::Disabled);
        }
        Ok(options)
    }
}

/// The standard registry, shared (the core clones it for every validator built without one).
fn standard_registro() -> Arc<cartella::codelists::Registro> {
    static STANDARD: OnceLock<Arc<cartella::codelists::Registro>> = OnceLock::new();
    Arc::clone(STANDARD.get_or_init(|| Arc::new(cartella::codelists::Registro::standard().clone())))
}

/// The ente titolare of a cartella.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnteInfo {
    /// Identifier root (OID of the namespace).
    pub id_root: String,
    /// Identifier extension.
    pub id_extension: Option<String>,
    /// Denominazione.
    pub denominazione: Option<String>,
    /// ISTAT code of the comune.
    pub codice_istat_comune: Option<String>,
    /// Codice catastale (Belfiore).
    pub codice_belfiore: Option<String>,
}

/// The assistito (main registry data; the rest through [`CartellaHandle::section_json`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AssistitoInfo {
    /// Codice fiscale as written in the document (unmasked: it is the caller's own data).
    pub codice_fiscale: Option<String>,
    /// Nome.
    pub nome: Option<String>,
    /// Cognome.
    pub cognome: Option<String>,
    /// Genere code (`M`, `F`, `UN`).
    pub genere: Option<String>,
    /// Data di nascita as written (`YYYY-MM-DD`, or a coarser precision).
    pub data_nascita: Option<String>,
}

/// A phase record of a process (header only; the rest through [`CartellaHandle::section_json`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FaseInfo {
    /// `id_fase`.
    pub id_fase: String,
    /// `tipo_fase` code (`ACCESSO_E_ORIENTAMENTO`, …).
    pub tipo_fase: String,
    /// `stato_fase` code (`APERTA`, `CHIUSA`, …).
    pub stato_fase: String,
    /// `data_inizio` as written.
    pub data_inizio: Option<String>,
    /// `data_fine` as written.
    pub data_fine: Option<String>,
    /// `esito_processo` code.
    pub esito_processo: Option<String>,
}

/// A processo di aiuto.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProcessoInfo {
    /// `id_processo`.
    pub id_processo: String,
    /// Current state, replayed from the phase records (`INIZIALE`, `ACCESSO`, …, `CHIUSO`).
    pub stato: String,
    /// The `stato` stored in the document, if any.
    pub stato_dichiarato: Option<String>,
    /// Phase records, in document order.
    pub fasi: Vec<FaseInfo>,
}

/// A cartella sociale loaded from canonical JSON. Thread-safe; lifecycle events change it in
/// place.
#[derive(Debug, uniffi::Object)]
pub struct CartellaHandle {
    inner: RwLock<model::Cartella>,
}

impl CartellaHandle {
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, model::Cartella> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn write(&self) -> RwLockWriteGuard<'_, model::Cartella> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn from_model(c: model::Cartella) -> CartellaHandle {
        CartellaHandle {
            inner: RwLock::new(c),
        }
    }
}

fn text(t: &Option<model::Testo>) -> Option<String> {
    t.as_ref().map(|t| t.as_str().to_string())
}

#[uniffi::export]
impl CartellaHandle {
    /// Reads a cartella from canonical JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<CartellaHandle>> {
        Ok(Arc::new(CartellaHandle::from_model(
            cartella::json::from_str(&json)?,
        )))
    }

    /// The canonical JSON (compact).
    pub fn to_json(&self) -> String {
        cartella::json::to_string(&self.read())
    }

    /// The canonical JSON, indented.
    pub fn to_json_pretty(&self) -> String {
        cartella::json::to_string_pretty(&self.read())
    }

    /// The canonical JSON of the part at a JSON Pointer (`""` = everything, `/assistito`,
    /// `/processi/0/fasi/1`, …). Fails with `InvalidArgument` when nothing is there.
    pub fn section_json(&self, pointer: String) -> Result<String> {
        let value = serde_json::from_str::<serde_json::Value>(&self.to_json())
            .map_err(CartellaError::internal)?;
        value
            .pointer(&pointer)
            .map(|v| v.to_string())
            .ok_or_else(|| CartellaError::argument("pointer", "no value at this JSON Pointer"))
    }

    /// `id_cartella`.
    pub fn id_cartella(&self) -> String {
        self.read().id_cartella.clone()
    }

    /// The ente titolare.
    pub fn ente_titolare(&self) -> EnteInfo {
        let c = self.read();
        let e = &c.ente_titolare;
        EnteInfo {
            id_root: e.id.root.to_string(),
            id_extension: e.id.extension.clone(),
            denominazione: text(&e.denominazione),
            codice_istat_comune: e.codice_istat_comune.as_ref().map(|c| c.to_string()),
            codice_belfiore: e.codice_belfiore.as_ref().map(|c| c.to_string()),
        }
    }

    /// The assistito.
    pub fn assistito(&self) -> AssistitoInfo {
        let c = self.read();
        let a = &c.assistito;
        AssistitoInfo {
            codice_fiscale: a.codice_fiscale.as_ref().map(|cf| cf.valore().to_string()),
            nome: text(&a.nome),
            cognome: text(&a.cognome),
            genere: a.genere.map(|g| g.code().to_string()),
            data_nascita: a.data_nascita.as_ref().map(|d| d.to_string()),
        }
    }

    /// The processi di aiuto, with their replayed state and phase headers.
    pub fn processi(&self) -> Vec<ProcessoInfo> {
        self.read().processi.iter().map(processo_info).collect()
    }

    /// Number of processi di aiuto.
    pub fn processi_count(&self) -> i32 {
        i32::try_from(self.read().processi.len()).unwrap_or(i32::MAX)
    }

    /// Validates the cartella.
    pub fn validate(&self, options: ValidateOptions) -> Result<Report> {
        let validator = cartella::rules::Validator::new(options.to_core()?);
        Ok(validator.validate(&self.read()).into())
    }

    /// An independent copy.
    pub fn copy(&self) -> Arc<CartellaHandle> {
        Arc::new(CartellaHandle::from_model(self.read().clone()))
    }
}

pub(crate) fn processo_info(p: &model::ProcessoAiuto) -> ProcessoInfo {
    ProcessoInfo {
        id_processo: p.id_processo.clone(),
        stato: cartella::lifecycle::stato_corrente(p).code().to_string(),
        stato_dichiarato: p.stato.map(|s| s.code().to_string()),
        fasi: p
            .fasi
            .iter()
            .map(|f| {
                let h = f.header();
                FaseInfo {
                    id_fase: h.id_fase.clone(),
                    tipo_fase: f.tipo().code().to_string(),
                    stato_fase: h.stato_fase.code().to_string(),
                    data_inizio: h.data_inizio.as_ref().map(|d| d.to_string()),
                    data_fine: h.data_fine.as_ref().map(|d| d.to_string()),
                    esito_processo: h.esito_processo.map(|e| e.code().to_string()),
                }
            })
            .collect(),
    }
}

/// A validator: options fixed once, reusable and thread-safe (the cheap way to validate many
/// cartelle with the same options).
#[derive(Debug, uniffi::Object)]
pub struct ValidatorHandle {
    inner: cartella::rules::Validator,
}

#[uniffi::export]
impl ValidatorHandle {
    /// A validator with these options.
    #[uniffi::constructor]
    pub fn new(options: ValidateOptions) -> Result<Arc<ValidatorHandle>> {
        Ok(Arc::new(ValidatorHandle {
            inner: cartella::rules::Validator::new(options.to_core()?),
        }))
    }

    /// The validation date in use `YYYY-MM-DD` (the configured one, else today in Europe/Rome).
    pub fn as_of(&self) -> String {
        crate::iso(self.inner.as_of())
    }

    /// Validates a cartella.
    pub fn validate(&self, cartella: Arc<CartellaHandle>) -> Report {
        self.inner.validate(&cartella.read()).into()
    }

    /// Reads canonical JSON and validates it.
    pub fn validate_json(&self, json: String) -> Result<Report> {
        Ok(self
            .inner
            .validate(&cartella::json::from_str(&json)?)
            .into())
    }

    /// Reads and validates many canonical JSON documents in one call (one crossing of the
    /// boundary for the whole batch): one report per document, in order. A document that cannot
    /// be read fails the batch with its error; use [`ValidatorHandle::validate_json`] per
    /// document to go on past it.
    pub fn validate_json_many(&self, jsons: Vec<String>) -> Result<Vec<Report>> {
        jsons
            .iter()
            .map(|j| Ok(self.inner.validate(&cartella::json::from_str(j)?).into()))
            .collect()
    }
}

/// Reads canonical JSON and validates it in one call (no handle kept).
#[uniffi::export]
pub fn validate_json(json: String, options: ValidateOptions) -> Result<Report> {
    let validator = cartella::rules::Validator::new(options.to_core()?);
    let cartella = cartella::json::from_str(&json)?;
    Ok(validator.validate(&cartella).into())
}
