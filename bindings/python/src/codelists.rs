//! Code lists: `Registry`, `CodeTable`, `CodeEntry`.

use std::sync::Arc;

use cartella::codelists::{Registro, Tabella, Verifica, Voce};
use cartella::CartellaError;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyTuple};

use crate::convert::{self, opt_date_arg, text_or_bytes};
use crate::errors::{self, IntoPyResult};

/// One code of a table.
#[pyclass(module = "cartella", name = "CodeEntry", frozen)]
#[derive(Clone)]
pub struct PyCodeEntry {
    inner: Voce,
}

#[pymethods]
impl PyCodeEntry {
    #[new]
    #[pyo3(signature = (code, label = None, valid_from = None, valid_to = None))]
    fn new(
        py: Python<'_>,
        code: String,
        label: Option<String>,
        valid_from: Option<&Bound<'_, PyAny>>,
        valid_to: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyCodeEntry> {
        if code.is_empty() {
            return Err(errors::invalid_argument(py, "code", "empty code"));
        }
        Ok(PyCodeEntry {
            inner: Voce {
                code,
                label,
                valido_dal: opt_date_arg(valid_from, "valid_from")?,
                valido_al: opt_date_arg(valid_to, "valid_to")?,
            },
        })
    }
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }
    #[getter]
    fn label(&self) -> Option<&str> {
        self.inner.label.as_deref()
    }
    #[getter]
    fn valid_from(&self) -> Option<NaiveDate> {
        self.inner.valido_dal
    }
    #[getter]
    fn valid_to(&self) -> Option<NaiveDate> {
        self.inner.valido_al
    }
    /// Whether the code is valid on `date`.
    fn is_valid_on(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.valida_il(convert::date_arg(date, "date")?))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyCodeEntry>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "CodeEntry(code={:?}, label={})",
            self.inner.code,
            convert::repr_opt(self.inner.label.as_deref())
        )
    }
}

/// A code table (a snapshot).
#[pyclass(module = "cartella", name = "CodeTable", frozen)]
pub struct PyCodeTable {
    inner: Tabella,
}

#[pymethods]
impl PyCodeTable {
    /// System identifier (OID or library/INPS name).
    #[getter]
    fn system(&self) -> &str {
        &self.inner.system
    }
    /// Descriptive name, when known.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.nome.as_deref()
    }
    /// `chiuso`, `aperto-estendibile` or `tabella-registrata`.
    #[getter]
    fn kind(&self) -> String {
        convert::token(&self.inner.tipo)
    }
    /// The rows, in file order.
    #[getter]
    fn entries(&self) -> Vec<PyCodeEntry> {
        self.inner
            .voci()
            .iter()
            .map(|v| PyCodeEntry { inner: v.clone() })
            .collect()
    }
    /// The row of a code, or `None`.
    fn get(&self, code: &str) -> Option<PyCodeEntry> {
        self.inner
            .get(code)
            .map(|v| PyCodeEntry { inner: v.clone() })
    }
    fn __contains__(&self, code: &str) -> bool {
        self.inner.get(code).is_some()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "CodeTable(system={:?}, kind={:?}, entries={})",
            self.inner.system,
            self.kind(),
            self.inner.len()
        )
    }
}

/// Code lists, registered tables, open systems and concept maps. `Registry()` is a copy of the
/// standard registry; register tables on it and pass it to `validate(registry=...)`.
#[pyclass(module = "cartella", name = "Registry")]
pub struct PyRegistry {
    pub inner: Arc<Registro>,
}

fn rows_to_voci(py: Python<'_>, rows: &Bound<'_, PyAny>) -> PyResult<Vec<Voce>> {
    let bad = || {
        errors::invalid_argument(
            py,
            "rows",
            "rows are a mapping code -> label, or an iterable of CodeEntry, code, (code, label) or (code, label, valid_from, valid_to)",
        )
    };
    let mut voci = Vec::new();
    if let Ok(d) = rows.downcast::<PyDict>() {
        for (k, v) in d.iter() {
            let code: String = k.extract().map_err(|_| bad())?;
            let label: Option<String> = v.extract().map_err(|_| bad())?;
            voci.push(Voce {
                code,
                label,
                valido_dal: None,
                valido_al: None,
            });
        }
        return Ok(voci);
    }
    for item in PyIterator::from_object(rows)? {
        let item = item?;
        if let Ok(e) = item.downcast::<PyCodeEntry>() {
            voci.push(e.get().inner.clone());
            continue;
        }
        if let Ok(code) = item.extract::<String>() {
            voci.push(Voce {
                code,
                label: None,
                valido_dal: None,
                valido_al: None,
            });
            continue;
        }
        let t = item.downcast::<PyTuple>().map_err(|_| bad())?;
        let code: String = t
            .get_item(0)
            .map_err(|_| bad())?
            .extract()
            .map_err(|_| bad())?;
        let label: Option<String> = match t.get_item(1) {
            Ok(l) => l.extract().map_err(|_| bad())?,
            Err(_) => None,
        };
        let dal = t.get_item(2).ok();
        let al = t.get_item(3).ok();
        if t.len() > 4 {
            return Err(bad());
        }
        voci.push(Voce {
            code,
            label,
            valido_dal: opt_date_arg(dal.as_ref(), "valid_from")?,
            valido_al: opt_date_arg(al.as_ref(), "valid_to")?,
        });
    }
    Ok(voci)
}

impl PyRegistry {
    fn standard_copy() -> PyRegistry {
        PyRegistry {
            inner: Arc::new(Registro::standard().clone()),
        }
    }
}

#[pymethods]
impl PyRegistry {
    /// A copy of the standard registry (every closed list, the INPS prestazioni table, the open
    /// regional systems; no registered seed).
    #[new]
    fn new() -> PyRegistry {
        PyRegistry::standard_copy()
    }

    /// A copy of the standard registry (same as `Registry()`).
    #[staticmethod]
    fn standard() -> PyRegistry {
        PyRegistry::standard_copy()
    }

    /// An empty registry: no list, no open system.
    #[staticmethod]
    fn empty() -> PyRegistry {
        PyRegistry {
            inner: Arc::new(Registro::vuoto()),
        }
    }

    /// An independent copy.
    fn copy(&self) -> PyRegistry {
        PyRegistry {
            inner: Arc::new((*self.inner).clone()),
        }
    }

    /// Registers (or replaces) the table of `system`. Registering a table for an open regional
    /// system turns membership checking on for it.
    fn register_table(
        &mut self,
        py: Python<'_>,
        system: &str,
        rows: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let voci = rows_to_voci(py, rows)?;
        Arc::make_mut(&mut self.inner)
            .registra_voci(system, voci)
            .py_err(py)
    }

    /// Registers the tables of a CSV (`code,label,system,source[,valido_dal,valido_al]`; text
    /// or bytes). Returns the systems registered.
    fn register_csv(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let bytes = text_or_bytes(data)?.ok_or_else(|| {
            pyo3::exceptions::PyTypeError::new_err("register_csv() expects str or bytes")
        })?;
        Arc::make_mut(&mut self.inner)
            .registra_csv(bytes.as_slice())
            .py_err(py)
    }

    /// Registers the Lombardy ATS seed list (unverified labels).
    fn register_ats_seed(&mut self, py: Python<'_>) -> PyResult<()> {
        Arc::make_mut(&mut self.inner)
            .registra_seed_ats()
            .py_err(py)
    }

    /// Registers a concept map (`pairs`: mapping or iterable of `(source_code, target_code)`).
    fn register_map(
        &mut self,
        source_system: &str,
        target_system: &str,
        pairs: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let mut v: Vec<(String, String)> = Vec::new();
        if let Ok(d) = pairs.downcast::<PyDict>() {
            for (k, t) in d.iter() {
                v.push((k.extract()?, t.extract()?));
            }
        } else {
            for item in PyIterator::from_object(pairs)? {
                v.push(item?.extract()?);
            }
        }
        Arc::make_mut(&mut self.inner).registra_mappa(
            source_system,
            target_system,
            v.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        );
        Ok(())
    }

    /// Registers concept maps from a CSV
    /// (`source_system,source_code,target_system,target_code,source`).
    fn register_maps_csv(&mut self, py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<()> {
        let bytes = text_or_bytes(data)?.ok_or_else(|| {
            pyo3::exceptions::PyTypeError::new_err("register_maps_csv() expects str or bytes")
        })?;
        Arc::make_mut(&mut self.inner)
            .registra_mappe_csv(bytes.as_slice())
            .py_err(py)
    }

    /// Translates a code through a registered concept map (`None` when not mapped).
    fn translate(&self, source_system: &str, code: &str, target_system: &str) -> Option<String> {
        self.inner
            .traduci(source_system, code, target_system)
            .map(str::to_string)
    }

    /// Whether a concept map between the two systems is registered.
    fn has_map(&self, source_system: &str, target_system: &str) -> bool {
        self.inner.ha_mappa(source_system, target_system)
    }

    /// The row of a code, or `None`.
    fn lookup(&self, system: &str, code: &str) -> Option<PyCodeEntry> {
        self.inner
            .lookup(system, code)
            .map(|v| PyCodeEntry { inner: v.clone() })
    }

    /// The label of a code, or `None`.
    fn label(&self, system: &str, code: &str) -> Option<String> {
        self.inner.label(system, code).map(str::to_string)
    }

    /// Checks a code: `"valid"`, `"not_valid_at_date"`, `"not_in_table"`, `"open_system"` or
    /// `"unknown_system"`.
    #[pyo3(signature = (system, code, at = None))]
    fn check(
        &self,
        system: &str,
        code: &str,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<&'static str> {
        let at = opt_date_arg(at, "at")?;
        Ok(match self.inner.verifica(system, code, at) {
            Verifica::Valido(_) => "valid",
            Verifica::NonValidoAllaData(_) => "not_valid_at_date",
            Verifica::NonInTabella => "not_in_table",
            Verifica::SistemaAperto => "open_system",
            Verifica::SistemaSconosciuto => "unknown_system",
        })
    }

    /// The table of a system, or `None`.
    fn table(&self, system: &str) -> Option<PyCodeTable> {
        self.inner
            .tabella(system)
            .map(|t| PyCodeTable { inner: t.clone() })
    }

    /// The rows of a system's table (raises `UnknownCodeSystemError` when it has none).
    fn list_system(&self, py: Python<'_>, system: &str) -> PyResult<Vec<PyCodeEntry>> {
        match self.inner.tabella(system) {
            Some(t) => Ok(t
                .voci()
                .iter()
                .map(|v| PyCodeEntry { inner: v.clone() })
                .collect()),
            None => Err(errors::to_py(
                py,
                CartellaError::SistemaSconosciuto(system.to_string()),
            )),
        }
    }

    /// The systems that have a table, sorted.
    fn systems(&self) -> Vec<String> {
        self.inner
            .sistemi()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The open regional systems (OID → meaning), including those that now have a table.
    fn open_systems(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.sistemi_aperti().clone()
    }

    /// Whether `system` is an open regional system without a registered table.
    fn is_open(&self, system: &str) -> bool {
        self.inner.is_aperto(system)
    }

    /// The default phase codes (A…E).
    fn phase_code_defaults(&self) -> Vec<PyCodeEntry> {
        self.inner
            .codici_fase_default()
            .iter()
            .map(|v| PyCodeEntry { inner: v.clone() })
            .collect()
    }

    fn __contains__(&self, system: &str) -> bool {
        self.inner.tabella(system).is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "Registry(systems={}, open_systems={})",
            self.inner.sistemi().len(),
            self.inner.sistemi_aperti().len()
        )
    }
}

/// The embedded code-list files: `(file name, CSV text)`.
#[pyfunction]
pub fn codelist_files() -> Vec<(&'static str, &'static str)> {
    cartella::codelists::FILES.to_vec()
}
