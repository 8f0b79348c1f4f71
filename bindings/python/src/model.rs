//! Typed objects of the canonical model: `Cartella`, `Assistito`, `ProcessoAiuto`, `Fase`,
//! `PhaseHeader`, and the loaders (`loads`, `load_dict`).
//!
//! A `Cartella` owns its document (shared copy-on-write with the validator threads). The objects
//! returned by its attributes (`assistito`, `processi`, `fasi`, …) are **snapshots**: changing the
//! cartella later (lifecycle events) does not change them.

use std::sync::Arc;

use cartella::model;
use cartella::{json, Cartella};
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};

use crate::convert::{self, text_or_bytes};
use crate::errors::{invalid_argument, IntoPyResult};

/// Parses canonical JSON bytes into a cartella (no GIL needed).
pub fn parse_bytes(bytes: &[u8]) -> Result<Cartella, cartella::CartellaError> {
    json::from_slice(bytes)
}

/// Canonical JSON text of a JSON-like Python object.
pub fn dict_to_json(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let value = convert::py_to_value(obj, "data")?;
    serde_json::to_string(&value).map_err(|e| invalid_argument(obj.py(), "data", e.to_string()))
}

/// The document held by a Python argument that may be a `Cartella`, canonical JSON (`str`,
/// `bytes`) or a `dict`.
pub enum Source {
    /// Already parsed.
    Parsed(Arc<Cartella>),
    /// Canonical JSON bytes still to parse.
    Json(Vec<u8>),
}

impl Source {
    /// Reads the argument (under the GIL; no parsing yet).
    pub fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Source> {
        if let Ok(c) = obj.downcast::<PyCartella>() {
            return Ok(Source::Parsed(Arc::clone(&c.borrow().inner)));
        }
        if let Some(bytes) = text_or_bytes(obj)? {
            return Ok(Source::Json(bytes));
        }
        if obj.downcast::<PyDict>().is_ok() {
            return Ok(Source::Json(dict_to_json(obj)?.into_bytes()));
        }
        Err(pyo3::exceptions::PyTypeError::new_err(
            "expected a Cartella, canonical JSON (str or bytes) or a dict",
        ))
    }

    /// The parsed document (parsing if needed; no GIL needed).
    pub fn resolve(self) -> Result<Arc<Cartella>, cartella::CartellaError> {
        match self {
            Source::Parsed(c) => Ok(c),
            Source::Json(b) => parse_bytes(&b).map(Arc::new),
        }
    }
}

fn opt_testo(t: &Option<model::Testo>) -> Option<String> {
    t.as_ref().map(|t| t.as_str().to_string())
}

/// A cartella sociale (the canonical document).
#[pyclass(module = "cartella", name = "Cartella")]
pub struct PyCartella {
    pub inner: Arc<Cartella>,
}

impl PyCartella {
    pub fn new(c: Cartella) -> PyCartella {
        PyCartella { inner: Arc::new(c) }
    }
}

#[pymethods]
impl PyCartella {
    /// Model version (`"1.0"`).
    #[getter]
    fn versione_modello(&self) -> String {
        convert::token(&self.inner.versione_modello)
    }

    #[getter]
    fn id_cartella(&self) -> &str {
        &self.inner.id_cartella
    }

    /// Ente titolare, as a dict (`id`, `denominazione`, …).
    #[getter]
    fn ente_titolare(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.ente_titolare)
    }

    #[getter]
    fn assistito(&self) -> PyAssistito {
        PyAssistito {
            inner: self.inner.assistito.clone(),
        }
    }

    #[getter]
    fn processi(&self) -> Vec<PyProcessoAiuto> {
        self.inner
            .processi
            .iter()
            .map(|p| PyProcessoAiuto { inner: p.clone() })
            .collect()
    }

    /// Consensi privacy, as dicts.
    #[getter]
    fn consensi_privacy(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.consensi_privacy)
    }

    /// Vendor extensions (`estensioni`), as a dict, or `None`.
    #[getter]
    fn estensioni(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.estensioni)
    }

    /// The process with this `id_processo`, or `None`.
    fn processo(&self, id_processo: &str) -> Option<PyProcessoAiuto> {
        self.inner
            .processo(id_processo)
            .map(|p| PyProcessoAiuto { inner: p.clone() })
    }

    /// Canonical JSON (compact, byte-stable; `pretty=True`: 2-space indent).
    #[pyo3(signature = (pretty = false))]
    fn to_json(&self, pretty: bool) -> String {
        if pretty {
            json::to_string_pretty(&self.inner)
        } else {
            json::to_string(&self.inner)
        }
    }

    /// Canonical JSON as UTF-8 bytes.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, pyo3::types::PyBytes> {
        pyo3::types::PyBytes::new(py, json::to_string(&self.inner).as_bytes())
    }

    /// The canonical JSON as Python objects (`dict`, `list`, `str`, …).
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &*self.inner)
    }

    /// An independent copy.
    fn copy(&self) -> PyCartella {
        PyCartella::new((*self.inner).clone())
    }

    fn __copy__(&self) -> PyCartella {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> PyCartella {
        self.copy()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyCartella>()
            .is_ok_and(|o| *self.inner == *o.borrow().inner)
    }

    /// Pickling goes through the canonical JSON.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let loads = py.import("cartella")?.getattr("loads")?;
        let args = PyTuple::new(py, [json::to_string(&self.inner)])?;
        PyTuple::new(py, [loads.into_any(), args.into_any()])
    }

    fn __repr__(&self) -> String {
        format!(
            "Cartella(id_cartella={:?}, processi={})",
            self.inner.id_cartella,
            self.inner.processi.len()
        )
    }
}

/// The person assisted (`assistito`).
#[pyclass(module = "cartella", name = "Assistito", frozen)]
pub struct PyAssistito {
    inner: model::Assistito,
}

#[pymethods]
impl PyAssistito {
    /// The codice fiscale as written (unmasked: never log it; `codice_fiscale_masked` is safe).
    #[getter]
    fn codice_fiscale(&self) -> Option<&str> {
        self.inner.codice_fiscale.as_ref().map(|c| c.valore())
    }

    /// The codice fiscale masked (`RSSMRA*********U`).
    #[getter]
    fn codice_fiscale_masked(&self) -> Option<String> {
        self.inner.codice_fiscale.as_ref().map(|c| c.mascherato())
    }

    #[getter]
    fn nome(&self) -> Option<String> {
        opt_testo(&self.inner.nome)
    }

    #[getter]
    fn cognome(&self) -> Option<String> {
        opt_testo(&self.inner.cognome)
    }

    /// `M`, `F` or `UN`.
    #[getter]
    fn genere(&self) -> Option<&'static str> {
        self.inner.genere.map(|g| g.code())
    }

    #[getter]
    fn data_nascita(&self) -> Option<NaiveDate> {
        self.inner.data_nascita.map(|d| d.naive())
    }

    /// Comune di nascita, as a coded value dict (`code`, `system`, …).
    #[getter]
    fn comune_nascita(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.comune_nascita)
    }

    /// Stato estero di nascita, as a coded value dict.
    #[getter]
    fn stato_nascita(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.stato_nascita)
    }

    /// The canonical JSON of the assistito as Python objects.
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Assistito(codice_fiscale={}, cognome={}, nome={})",
            convert::repr_opt(self.codice_fiscale_masked()),
            convert::repr_opt(self.cognome()),
            convert::repr_opt(self.nome())
        )
    }
}

/// A processo di aiuto.
#[pyclass(module = "cartella", name = "ProcessoAiuto")]
pub struct PyProcessoAiuto {
    pub inner: model::ProcessoAiuto,
}

#[pymethods]
impl PyProcessoAiuto {
    /// A process from its canonical JSON form (`dict` or JSON text).
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyProcessoAiuto> {
        let value = if let Ok(s) = data.downcast::<PyString>() {
            serde_json::from_str::<serde_json::Value>(&s.to_cow()?)
                .map_err(|e| invalid_argument(py, "data", e.to_string()))?
        } else {
            convert::py_to_value(data, "data")?
        };
        let inner = serde_json::from_value::<model::ProcessoAiuto>(value).map_err(|e| {
            crate::errors::make(
                py,
                "ParseError",
                cartella::privacy::maschera_testo(&format!("processo: {e}")),
                &[],
            )
        })?;
        Ok(PyProcessoAiuto { inner })
    }

    #[getter]
    fn id_processo(&self) -> &str {
        &self.inner.id_processo
    }

    /// The stored `stato` (`None` when absent). The lifecycle state is `cartella.lifecycle.state`.
    #[getter]
    fn stato(&self) -> Option<&'static str> {
        self.inner.stato.map(|s| s.code())
    }

    #[getter]
    fn riapertura_di(&self) -> Option<&str> {
        self.inner.riapertura_di.as_deref()
    }

    #[getter]
    fn fasi(&self) -> Vec<PyFase> {
        self.inner
            .fasi
            .iter()
            .map(|f| PyFase { inner: f.clone() })
            .collect()
    }

    /// The lifecycle log (`eventi`), as dicts.
    #[getter]
    fn eventi(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.eventi)
    }

    /// Periodi di presa in carico, as dicts.
    #[getter]
    fn prese_in_carico(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.prese_in_carico)
    }

    /// The phase record with this `id_fase`, or `None`.
    fn fase(&self, id_fase: &str) -> Option<PyFase> {
        self.inner
            .fasi
            .iter()
            .find(|f| f.id() == id_fase)
            .map(|f| PyFase { inner: f.clone() })
    }

    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProcessoAiuto(id_processo={:?}, stato={}, fasi={})",
            self.inner.id_processo,
            convert::repr_opt(self.stato()),
            self.inner.fasi.len()
        )
    }
}

/// A phase record (A–E).
#[pyclass(module = "cartella", name = "Fase", frozen)]
pub struct PyFase {
    inner: model::Fase,
}

#[pymethods]
impl PyFase {
    /// The kind token (`tipo_fase`), e.g. `ACCESSO_E_ORIENTAMENTO`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.tipo().code()
    }

    /// The kind letter, `A`…`E`.
    #[getter]
    fn letter(&self) -> String {
        self.inner.tipo().lettera().to_string()
    }

    #[getter]
    fn id_fase(&self) -> &str {
        self.inner.id()
    }

    /// The common header.
    #[getter]
    fn header(&self) -> PyPhaseHeader {
        PyPhaseHeader {
            inner: self.inner.header().clone(),
        }
    }

    /// `stato_fase` is `APERTA` or `SOSPESA`.
    #[getter]
    fn is_open(&self) -> bool {
        self.inner.is_open()
    }

    /// The canonical JSON of the record (flat, with `tipo_fase`) as Python objects.
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Fase(kind={:?}, id_fase={:?}, stato_fase={:?})",
            self.kind(),
            self.inner.id(),
            self.inner.stato().code()
        )
    }
}

/// Header common to every phase record.
#[pyclass(module = "cartella", name = "PhaseHeader", frozen)]
pub struct PyPhaseHeader {
    inner: model::IntestazioneFase,
}

#[pymethods]
impl PyPhaseHeader {
    #[getter]
    fn id_fase(&self) -> &str {
        &self.inner.id_fase
    }

    /// `APERTA`, `CHIUSA`, `SOSPESA` or `ANNULLATA`.
    #[getter]
    fn stato_fase(&self) -> &'static str {
        self.inner.stato_fase.code()
    }

    /// Start instant, as written (ISO 8601, possibly partial precision).
    #[getter]
    fn data_inizio(&self) -> Option<&str> {
        self.inner.data_inizio.as_ref().map(|i| i.as_str())
    }

    /// End instant, as written.
    #[getter]
    fn data_fine(&self) -> Option<&str> {
        self.inner.data_fine.as_ref().map(|i| i.as_str())
    }

    /// Regional wire outcome, as a coded value dict.
    #[getter]
    fn esito(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.esito)
    }

    /// Canonical outcome token (drives the lifecycle), e.g. `PRESA_IN_CARICO`.
    #[getter]
    fn esito_processo(&self) -> Option<&'static str> {
        self.inner.esito_processo.map(|e| e.code())
    }

    /// Phase code on the wire, as a coded value dict.
    #[getter]
    fn codice_fase(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.codice_fase)
    }

    #[getter]
    fn annotazioni(&self) -> Option<String> {
        opt_testo(&self.inner.annotazioni)
    }

    fn __repr__(&self) -> String {
        format!(
            "PhaseHeader(id_fase={:?}, stato_fase={:?})",
            self.inner.id_fase,
            self.inner.stato_fase.code()
        )
    }
}

/// `loads(data)`: a Cartella from canonical JSON (`str`, `bytes` or `bytearray`).
#[pyfunction]
pub fn loads(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyCartella> {
    let Some(bytes) = text_or_bytes(data)? else {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "loads() expects str, bytes or bytearray (use load_dict for a dict)",
        ));
    };
    let c = py.allow_threads(|| parse_bytes(&bytes)).py_err(py)?;
    Ok(PyCartella::new(c))
}

/// `load_dict(data)`: a Cartella from the canonical JSON as Python objects.
#[pyfunction]
pub fn load_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyCartella> {
    if data.downcast::<PyDict>().is_err() {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "load_dict() expects a dict",
        ));
    }
    let text = dict_to_json(data)?;
    let c = json::from_str(&text).py_err(py)?;
    Ok(PyCartella::new(c))
}

/// `dumps(cartella, pretty=False)`: canonical JSON text.
#[pyfunction]
#[pyo3(signature = (cartella, pretty = false))]
pub fn dumps(cartella: PyRef<'_, PyCartella>, pretty: bool) -> String {
    cartella.to_json(pretty)
}

/// The JSON Schema (draft 2020-12) of the canonical JSON, as a dict.
#[pyfunction]
pub fn json_schema(py: Python<'_>) -> PyResult<PyObject> {
    convert::value_to_py(py, &json::json_schema())
}
