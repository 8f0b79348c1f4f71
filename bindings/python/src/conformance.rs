//! Documents of any supported format (`validate_document`, detection from the content) and the
//! conformance suite (`cartella.conformance`: the manifest, its cases, running one case).
//!
//! Only translation: detection, validation, the case dispatch and the comparison are the core's
//! (`cartella::documento::valida`, `cartella::conformita::{esegui, confronta}`).

use cartella::conformita::{self as core, Caso, Esito, Manifest};
use cartella::documento::{self, DocumentoValidato, TipoDocumento};
use pyo3::prelude::*;

use crate::codelists::PyRegistry;
use crate::convert::{self, text_or_bytes};
use crate::errors;
use crate::validate::{options, PyIssue, PyReport};

/// The token of a document kind (`cartella_json`, `message_json`, `interscambio_xml`,
/// `inps_flow`, `ack_xml`).
fn kind_token(t: TipoDocumento) -> &'static str {
    match t {
        TipoDocumento::CartellaJson => "cartella_json",
        TipoDocumento::MessaggioJson => "message_json",
        TipoDocumento::InterscambioXml => "interscambio_xml",
        TipoDocumento::FlussoInps => "inps_flow",
        TipoDocumento::RispostaXml => "ack_xml",
    }
}

/// A document validated by `validate_document`: its kind and the report, or why it could not be
/// read.
#[pyclass(module = "cartella", name = "DocumentResult", frozen)]
pub struct PyDocumentResult {
    inner: DocumentoValidato,
}

#[pymethods]
impl PyDocumentResult {
    /// Kind detected from the content: `cartella_json`, `message_json`, `interscambio_xml`,
    /// `inps_flow` or `ack_xml` (`cartella_json` when nothing was recognised).
    #[getter]
    fn kind(&self) -> &'static str {
        kind_token(self.inner.tipo)
    }
    /// Human label of the kind, e.g. `interscambio XML`.
    #[getter]
    fn label(&self) -> &'static str {
        self.inner.tipo.etichetta()
    }
    /// The validation report; `None` when the document could not be read.
    #[getter]
    fn report(&self) -> Option<PyReport> {
        self.inner
            .esito
            .as_ref()
            .ok()
            .map(|r| PyReport { inner: r.clone() })
    }
    /// Why the document could not be read (one line, codici fiscali masked); `None` when read.
    #[getter]
    fn error(&self) -> Option<&str> {
        self.inner
            .esito
            .as_ref()
            .err()
            .map(|e| e.messaggio.as_str())
    }
    /// The findings: the report's, or the reader's when the document could not be read.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        let v = match &self.inner.esito {
            Ok(r) => &r.issues,
            Err(e) => &e.issues,
        };
        v.iter().map(|i| PyIssue { inner: i.clone() }).collect()
    }
    /// The document was read and no finding is an error.
    #[getter]
    fn is_valid(&self) -> bool {
        self.inner.esito.as_ref().is_ok_and(|r| r.is_valid())
    }
    fn __repr__(&self) -> String {
        match &self.inner.esito {
            Ok(r) => format!(
                "DocumentResult(kind={:?}, is_valid={}, issues={})",
                kind_token(self.inner.tipo),
                if r.is_valid() { "True" } else { "False" },
                r.issues.len()
            ),
            Err(e) => format!(
                "DocumentResult(kind={:?}, error={:?})",
                kind_token(self.inner.tipo),
                e.messaggio
            ),
        }
    }
}

/// `validate_document(data, *, profile="guideline", as_of=None, suppress=None, registry=None,
/// reference_data=True)`: reads and validates one document of any supported format, detected
/// from its content (`cartella::documento::valida`).
#[pyfunction]
#[pyo3(signature = (data, *, profile = "guideline", as_of = None, suppress = None, registry = None, reference_data = true))]
pub fn validate_document(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    profile: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
    reference_data: bool,
) -> PyResult<PyDocumentResult> {
    let bytes = text_or_bytes(data)?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("data: expected the document as bytes (or str)")
    })?;
    let opts = options(py, profile, as_of, suppress, registry, reference_data)?;
    let inner = py.allow_threads(|| documento::valida(&bytes, &opts));
    Ok(PyDocumentResult { inner })
}

/// One finding of the conformance suite: `(rule_id, severity, path)`, no message text.
#[pyclass(module = "cartella", name = "Finding", frozen)]
#[derive(Clone)]
pub struct PyFinding {
    inner: core::Finding,
}

fn findings(v: &[core::Finding]) -> Vec<PyFinding> {
    v.iter().map(|f| PyFinding { inner: f.clone() }).collect()
}

#[pymethods]
impl PyFinding {
    /// Rule id, e.g. `CSI-ANA-002`.
    #[getter]
    fn rule_id(&self) -> &str {
        &self.inner.rule_id
    }
    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    /// JSON Pointer into the input (or its canonical form); `""` for the root.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    /// `(rule_id, severity, path)`.
    fn as_tuple(&self) -> (String, &'static str, String) {
        (
            self.inner.rule_id.clone(),
            self.inner.severity.as_str(),
            self.inner.path.clone(),
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyFinding>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut h);
        h.finish()
    }
    fn __repr__(&self) -> String {
        format!(
            "Finding(rule_id={:?}, severity={:?}, path={:?})",
            self.inner.rule_id,
            self.inner.severity.as_str(),
            self.inner.path
        )
    }
}

/// How an actual outcome differs from the expected one.
#[pyclass(module = "cartella", name = "Difference", frozen)]
pub struct PyDifference {
    inner: core::Differenza,
}

#[pymethods]
impl PyDifference {
    /// `(expected, actual)` validity when they differ, else `None`.
    #[getter]
    fn valid(&self) -> Option<(bool, bool)> {
        self.inner.valido
    }
    /// Expected findings that did not occur (sorted).
    #[getter]
    fn missing(&self) -> Vec<PyFinding> {
        findings(&self.inner.mancanti)
    }
    /// Findings that occurred but were not expected (sorted).
    #[getter]
    fn unexpected(&self) -> Vec<PyFinding> {
        findings(&self.inner.inattesi)
    }
    /// The difference as lines: `valid: E -> A`, `- expected`, `+ actual`.
    fn __str__(&self) -> String {
        let mut out = Vec::new();
        if let Some((a, e)) = self.inner.valido {
            out.push(format!("valid: {a} -> {e}"));
        }
        let line = |sign: char, f: &core::Finding| {
            format!("{sign} {} {} {:?}", f.rule_id, f.severity.as_str(), f.path)
        };
        out.extend(self.inner.mancanti.iter().map(|f| line('-', f)));
        out.extend(self.inner.inattesi.iter().map(|f| line('+', f)));
        out.join("\n")
    }
    fn __repr__(&self) -> String {
        format!(
            "Difference(valid={}, missing={}, unexpected={})",
            match self.inner.valido {
                Some((a, e)) => format!("({}, {})", py_bool(a), py_bool(e)),
                None => "None".into(),
            },
            self.inner.mancanti.len(),
            self.inner.inattesi.len()
        )
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// An outcome of a case, expected or actual: valid or not and the findings (sorted); an actual
/// outcome carries its difference from the case's expected one.
#[pyclass(module = "cartella", name = "Outcome", frozen)]
pub struct PyOutcome {
    inner: Esito,
    difference: Option<core::Differenza>,
}

#[pymethods]
impl PyOutcome {
    /// No error-severity finding (and the kind-specific conditions of the manifest).
    #[getter]
    fn valid(&self) -> bool {
        self.inner.valido
    }
    /// The findings, sorted by rule id, severity and path.
    #[getter]
    fn findings(&self) -> Vec<PyFinding> {
        let mut v = self.inner.findings.clone();
        v.sort();
        findings(&v)
    }
    /// How this actual outcome differs from the case's expected one (`None`: it matches; always
    /// `None` for `Case.expected`).
    #[getter]
    fn difference(&self) -> Option<PyDifference> {
        self.difference.clone().map(|inner| PyDifference { inner })
    }
    /// `difference is None`.
    #[getter]
    fn passed(&self) -> bool {
        self.difference.is_none()
    }
    /// `{"valido": ..., "findings": [{"rule_id", "severity", "path"}]}` (the manifest's shape).
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Outcome(valid={}, findings={}, passed={})",
            py_bool(self.inner.valido),
            self.inner.findings.len(),
            py_bool(self.difference.is_none())
        )
    }
}

/// One case of the manifest.
#[pyclass(module = "cartella", name = "Case", frozen)]
pub struct PyCase {
    inner: Caso,
}

#[pymethods]
impl PyCase {
    /// Unique id (`^[a-z0-9][a-z0-9-]*$`).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    /// What the case shows (not compared).
    #[getter]
    fn description(&self) -> &str {
        &self.inner.descrizione
    }
    /// The case kind, e.g. `documento`, `waas_query`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.tipo.as_str()
    }
    /// The input file, relative to the directory of the manifest (`/`-separated).
    #[getter]
    fn input(&self) -> &str {
        &self.inner.input
    }
    /// Free tags.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.inner.tags.clone()
    }
    /// `attivo` (run) or `bozza` (draft, not run).
    #[getter]
    fn status(&self) -> String {
        convert::token(&self.inner.stato)
    }
    /// Whether runners run the case (`status == "attivo"`).
    #[getter]
    fn active(&self) -> bool {
        self.inner.attivo()
    }
    /// `schema`, `guideline` or `siuss` (cumulative).
    #[getter]
    fn profile(&self) -> &'static str {
        self.inner.profilo.profile().as_str()
    }
    /// Validation date `YYYY-MM-DD` as written in the manifest.
    #[getter]
    fn as_of(&self) -> &str {
        &self.inner.as_of
    }
    /// Kind-specific options (`None` = defaults).
    #[getter]
    fn options(&self, py: Python<'_>) -> PyResult<PyObject> {
        match &self.inner.opzioni {
            None => Ok(py.None()),
            Some(o) => convert::to_py(py, o),
        }
    }
    /// The expected outcome (`atteso`).
    #[getter]
    fn expected(&self) -> PyOutcome {
        PyOutcome {
            inner: self.inner.atteso.clone(),
            difference: None,
        }
    }
    /// Runs the case on its input bytes (`cartella::conformita::esegui`) and compares the result
    /// with the expected outcome. Raises `InvalidArgumentError` (name `case`) when the case
    /// cannot run at all (malformed options, an input that is not of the kind's format).
    fn run(&self, py: Python<'_>, input: &Bound<'_, PyAny>) -> PyResult<PyOutcome> {
        let bytes = text_or_bytes(input)?.ok_or_else(|| {
            pyo3::exceptions::PyTypeError::new_err("input: expected the input file as bytes")
        })?;
        let caso = &self.inner;
        let esito = py
            .allow_threads(|| core::esegui(caso, &bytes))
            .map_err(|e| {
                errors::invalid_argument(py, "case", format!("{} cannot run: {e}", caso.id))
            })?;
        let difference = core::confronta(&caso.atteso, &esito);
        Ok(PyOutcome {
            inner: esito,
            difference,
        })
    }
    fn __repr__(&self) -> String {
        format!(
            "Case(id={:?}, kind={:?}, status={:?})",
            self.inner.id,
            self.inner.tipo.as_str(),
            convert::token(&self.inner.stato)
        )
    }
}

/// The conformance manifest (`conformance/manifest.json`).
#[pyclass(module = "cartella", name = "Manifest", frozen)]
pub struct PyManifest {
    inner: Manifest,
}

#[pymethods]
impl PyManifest {
    /// Reads a manifest (`str` or UTF-8 `bytes`) and checks it (`Manifest::da_json`): raises
    /// `InvalidArgumentError` (name `manifest`) listing every problem.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyManifest> {
        let bytes = text_or_bytes(text)?.ok_or_else(|| {
            pyo3::exceptions::PyTypeError::new_err("text: expected the manifest as str or bytes")
        })?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| errors::invalid_argument(py, "manifest", "not valid UTF-8"))?;
        let inner =
            Manifest::da_json(text).map_err(|e| errors::invalid_argument(py, "manifest", e))?;
        Ok(PyManifest { inner })
    }
    /// Format version (`versione`).
    #[getter]
    fn version(&self) -> u32 {
        self.inner.versione
    }
    /// Every case, in file order (drafts included: filter on `Case.active`).
    #[getter]
    fn cases(&self) -> Vec<PyCase> {
        self.inner
            .casi
            .iter()
            .map(|c| PyCase { inner: c.clone() })
            .collect()
    }
    /// The case with this id, or `None`.
    fn case(&self, id: &str) -> Option<PyCase> {
        self.inner
            .casi
            .iter()
            .find(|c| c.id == id)
            .map(|c| PyCase { inner: c.clone() })
    }
    fn __len__(&self) -> usize {
        self.inner.casi.len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Manifest(version={}, cases={})",
            self.inner.versione,
            self.inner.casi.len()
        )
    }
}
