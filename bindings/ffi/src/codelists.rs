//! Code lists: lookups in the standard registry and a [`RegistryHandle`] where tables are registered.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use cartella::codelists::{self as core, Registro, Verifica};

use crate::error::{CartellaError, Result};

/// How values of a code system are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum TableKind {
    /// Only listed values are valid.
    Closed,
    /// Listed values are fine; well-formed unlisted values get a warning (INPS prestazioni).
    OpenExtensible,
    /// A table registered at run time: membership and validity enforced.
    Registered,
}

/// One code of a table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeEntry {
    /// The code as written on the wire.
    pub code: String,
    /// Italian label, when known.
    #[uniffi(default = None)]
    pub label: Option<String>,
    /// First day of validity `YYYY-MM-DD`.
    #[uniffi(default = None)]
    pub valid_from: Option<String>,
    /// Last day of validity `YYYY-MM-DD`.
    #[uniffi(default = None)]
    pub valid_to: Option<String>,
}

impl From<&core::Voce> for CodeEntry {
    fn from(v: &core::Voce) -> Self {
        CodeEntry {
            code: v.code.clone(),
            label: v.label.clone(),
            valid_from: v.valido_dal.map(crate::iso),
            valid_to: v.valido_al.map(crate::iso),
        }
    }
}

impl CodeEntry {
    fn to_core(&self) -> Result<core::Voce> {
        let date = |name: &str, d: &Option<String>| {
            d.as_deref().map(|d| crate::parse_date(name, d)).transpose()
        };
        Ok(core::Voce {
            code: self.code.clone(),
            label: self.label.clone(),
            valido_dal: date("valid_from", &self.valid_from)?,
            valido_al: date("valid_to", &self.valid_to)?,
        })
    }
}

/// A code table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeTable {
    /// System identifier (OID or library/INPS name).
    pub system: String,
    /// Descriptive name, when known.
    pub name: Option<String>,
    /// How membership is checked.
    pub kind: TableKind,
    /// The codes, in file order.
    pub entries: Vec<CodeEntry>,
}

impl From<&core::Tabella> for CodeTable {
    fn from(t: &core::Tabella) -> Self {
        CodeTable {
            system: t.system.clone(),
            name: t.nome.clone(),
            kind: match t.tipo {
                core::TipoSistema::Chiuso => TableKind::Closed,
                core::TipoSistema::ApertoEstendibile => TableKind::OpenExtensible,
                core::TipoSistema::TabellaRegistrata => TableKind::Registered,
            },
            entries: t.voci().iter().map(CodeEntry::from).collect(),
        }
    }
}

/// Outcome of checking a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum CodeCheck {
    /// In the table and valid at the date given.
    Valid,
    /// In the table but not valid at the date given (`CSI-COD-006`).
    NotValidAtDate,
    /// The system has a table and the code is not in it (`CSI-COD-003`).
    NotInTable,
    /// An open regional system without a registered table (`CSI-COD-004`).
    OpenSystem,
    /// Neither registered nor a known open system.
    UnknownSystem,
}

/// A code registry: the standard code lists plus the tables registered on it. Pass it to
/// validation (`ValidateOptions.registry`): registering a table for an open regional system turns
/// `CSI-COD-004` (notice) into membership checking (`CSI-COD-003`). Thread-safe; registrations
/// do not affect validations already running.
#[derive(Debug, uniffi::Object)]
pub struct RegistryHandle {
    inner: RwLock<Arc<Registro>>,
}

impl RegistryHandle {
    /// The current registry, shared with a validator.
    pub(crate) fn snapshot(&self) -> Arc<Registro> {
        Arc::clone(&self.inner.read().unwrap_or_else(|e| e.into_inner()))
    }

    fn update<T>(&self, f: impl FnOnce(&mut Registro) -> T) -> T {
        let mut guard = self.inner.write().unwrap_or_else(|e| e.into_inner());
        f(Arc::make_mut(&mut guard))
    }
}

#[uniffi::export]
impl RegistryHandle {
    /// The standard registry: every closed list, the INPS prestazioni table and the open
    /// regional systems (no registered table).
    #[uniffi::constructor]
    pub fn standard() -> Arc<RegistryHandle> {
        Arc::new(RegistryHandle {
            inner: RwLock::new(Arc::new(Registro::standard().clone())),
        })
    }

    /// An empty registry: no list, no open system.
    #[uniffi::constructor]
    pub fn empty() -> Arc<RegistryHandle> {
        Arc::new(RegistryHandle {
            inner: RwLock::new(Arc::new(Registro::vuoto())),
        })
    }

    /// Registers (or replaces) the table of `system`.
    pub fn register_table(&self, system: String, entries: Vec<CodeEntry>) -> Result<()> {
        let voci = entries
            .iter()
            .map(CodeEntry::to_core)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.update(|r| r.registra_voci(&system, voci))?)
    }

    /// Registers the tables of a CSV `code,label,system,source[,valido_dal,valido_al]`; returns
    /// the systems registered.
    pub fn register_csv(&self, csv: String) -> Result<Vec<String>> {
        Ok(self.update(|r| r.registra_csv(csv.as_bytes()))?)
    }

    /// Registers the concept maps of a CSV (the format `Registro::registra_mappe_csv` reads,
    /// `codelists.md`).
    pub fn register_maps_csv(&self, csv: String) -> Result<()> {
        Ok(self.update(|r| r.registra_mappe_csv(csv.as_bytes()))?)
    }

    /// Registers the Lombardy ATS seed list.
    pub fn register_seed_ats(&self) -> Result<()> {
        Ok(self.update(Registro::registra_seed_ats)?)
    }

    /// Registers a concept map from `source_system` to `target_system` (pairs source → target).
    pub fn register_map(
        &self,
        source_system: String,
        target_system: String,
        pairs: HashMap<String, String>,
    ) {
        self.update(|r| {
            r.registra_mappa(
                &source_system,
                &target_system,
                pairs.iter().map(|(s, t)| (s.as_str(), t.as_str())),
            )
        });
    }

    /// Translates a code through a registered concept map.
    pub fn translate(
        &self,
        source_system: String,
        code: String,
        target_system: String,
    ) -> Option<String> {
        self.snapshot()
            .traduci(&source_system, &code, &target_system)
            .map(str::to_string)
    }

    /// The label of a code.
    pub fn label(&self, system: String, code: String) -> Option<String> {
        self.snapshot().label(&system, &code).map(str::to_string)
    }

    /// The entry of a code.
    pub fn lookup(&self, system: String, code: String) -> Option<CodeEntry> {
        self.snapshot().lookup(&system, &code).map(CodeEntry::from)
    }

    /// The table of a system; `UnknownCodeSystem` when none is registered or embedded.
    pub fn table(&self, system: String) -> Result<CodeTable> {
        self.snapshot()
            .tabella(&system)
            .map(CodeTable::from)
            .ok_or_else(|| CartellaError::unknown_system(&system))
    }

    /// The systems that have a table, sorted.
    pub fn systems(&self) -> Vec<String> {
        self.snapshot()
            .sistemi()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The open regional systems (OID → meaning), including those that now have a table.
    pub fn open_systems(&self) -> HashMap<String, String> {
        self.snapshot()
            .sistemi_aperti()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Whether `system` is an open regional system without a registered table.
    pub fn is_open(&self, system: String) -> bool {
        self.snapshot().is_aperto(&system)
    }

    /// Checks a code of a system, optionally at a date `YYYY-MM-DD`.
    #[uniffi::method(default(at = None))]
    pub fn check(&self, system: String, code: String, at: Option<String>) -> Result<CodeCheck> {
        let at = at
            .as_deref()
            .map(|d| crate::parse_date("at", d))
            .transpose()?;
        Ok(match self.snapshot().verifica(&system, &code, at) {
            Verifica::Valido(_) => CodeCheck::Valid,
            Verifica::NonValidoAllaData(_) => CodeCheck::NotValidAtDate,
            Verifica::NonInTabella => CodeCheck::NotInTable,
            Verifica::SistemaAperto => CodeCheck::OpenSystem,
            Verifica::SistemaSconosciuto => CodeCheck::UnknownSystem,
        })
    }
}

/// The label of a code in the standard registry.
#[uniffi::export]
pub fn code_label(system: String, code: String) -> Option<String> {
    Registro::standard()
        .label(&system, &code)
        .map(str::to_string)
}

/// A table of the standard registry; `UnknownCodeSystem` when there is none.
#[uniffi::export]
pub fn code_list(system: String) -> Result<CodeTable> {
    Registro::standard()
        .tabella(&system)
        .map(CodeTable::from)
        .ok_or_else(|| CartellaError::unknown_system(&system))
}
