//! The INPS national flows (`siuss.md`): derivation of PS-PSA-SINA and SINBA flows from a
//! cartella, the typed flow (`Flusso`) with its XML and JSON forms, the INPS checks (on a flow or
//! streaming on a file), the WaaS pull API pieces (`RegistroInvii`, `get_flussi`, `post_esiti`,
//! `select_flussi_xml`) and the pseudonymous SINBA id.
//!
//! Only translation: derivation, codecs, rules, WaaS behaviour and defaults are the core's
//! (`cartella::siuss`). Option tokens are the core's (`canale="waas"`, `sina="auto"`…); dates are
//! `datetime.date` (or ISO strings), amounts `decimal.Decimal`/`str`/`int`, `ts_flusso`
//! milliseconds since the epoch.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Arc;

use cartella::interscambio::xml::LimitiXml;
use cartella::model::Decimale;
use cartella::rules::{Issue, Report, Suppression};
use cartella::siuss as s;
use cartella::siuss::deriva::{
    CampiOpzionali, ChiaveHmac, IdCaso, ModalitaSina, OpzioniDerivazione, Progressivo,
};
use cartella::siuss::waas;
use cartella::siuss::xml::{OpzioniLetturaFlusso, LIMITI_FLUSSO};
use cartella::CartellaError;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};

use crate::codelists::PyRegistry;
use crate::convert::{self, date_arg, opt_date_arg, text_or_bytes};
use crate::errors::{self, invalid_argument, IntoPyResult};
use crate::model::Source;
use crate::validate::{PyIssue, PyReport};

fn issues(v: &[Issue]) -> Vec<PyIssue> {
    v.iter().map(|i| PyIssue { inner: i.clone() }).collect()
}

fn choice<T: Copy>(py: Python<'_>, name: &str, value: &str, table: &[(&str, T)]) -> PyResult<T> {
    table
        .iter()
        .find(|(k, _)| *k == value)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let allowed: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            invalid_argument(
                py,
                name,
                format!("{value:?} is not one of {}", allowed.join(", ")),
            )
        })
}

const CANALI: &[(&str, s::Canale)] = &[
    ("waas", s::Canale::Waas),
    ("cooperazione", s::Canale::Cooperazione),
    ("upload", s::Canale::Upload),
];

const TIPI: &[(&str, s::TipoFlusso)] = &[
    ("PS_PSA_SINA", s::TipoFlusso::PsPsaSina),
    ("SINBA", s::TipoFlusso::Sinba),
];

/// An amount argument: `decimal.Decimal`, `int` or `str` in the model's decimal syntax.
fn amount(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Decimale> {
    let text = match obj.downcast::<PyString>() {
        Ok(s) => s.to_cow()?.into_owned(),
        Err(_) => obj.str()?.to_cow()?.into_owned(),
    };
    Decimale::parse(text.trim())
        .map_err(|_| invalid_argument(obj.py(), name, format!("{text:?} is not a decimal amount")))
}

fn suppressions_arg(
    py: Python<'_>,
    items: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Suppression>> {
    let mut out = Vec::new();
    let Some(items) = items.filter(|i| !i.is_none()) else {
        return Ok(out);
    };
    for item in PyIterator::from_object(items)? {
        let (rule_id, path_prefix, reason): (String, String, String) =
            item?.extract().map_err(|_| {
                invalid_argument(
                    py,
                    "suppress",
                    "each suppression is a (rule_id, path_prefix, reason) tuple",
                )
            })?;
        out.push(Suppression::new(rule_id, path_prefix, reason).py_err(py)?);
    }
    Ok(out)
}

fn ts(py: Python<'_>, ms: i64) -> PyResult<waas::TsFlusso> {
    waas::TsFlusso::new(ms).ok_or_else(|| {
        invalid_argument(py, "ts_flusso", format!("{ms} is not a ts_flusso (ms ≥ 0)"))
    })
}

fn json_error(py: Python<'_>, e: &serde_json::Error) -> PyErr {
    errors::make(
        py,
        "ParseError",
        cartella::privacy::maschera_testo(&e.to_string()),
        &[
            (
                "line",
                e.line()
                    .into_pyobject(py)
                    .map_or_else(|_| py.None(), |v| v.into_any().unbind()),
            ),
            (
                "column",
                e.column()
                    .into_pyobject(py)
                    .map_or_else(|_| py.None(), |v| v.into_any().unbind()),
            ),
        ],
    )
}

// ---- the flow -----------------------------------------------------------------------------------

/// A PS-PSA-SINA or SINBA flow (`siuss.md` §10). Immutable.
#[pyclass(module = "cartella", name = "Flusso", frozen)]
#[derive(Clone)]
pub struct PyFlusso {
    inner: s::Flusso,
}

fn flussi(v: Vec<s::Flusso>) -> Vec<PyFlusso> {
    v.into_iter().map(|inner| PyFlusso { inner }).collect()
}

#[pymethods]
impl PyFlusso {
    /// A flow from its JSON (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyFlusso> {
        let Some(bytes) = text_or_bytes(data)? else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected flow JSON (str or bytes)",
            ));
        };
        let inner = serde_json::from_slice::<s::Flusso>(&bytes).map_err(|e| json_error(py, &e))?;
        Ok(PyFlusso { inner })
    }
    /// A flow from its JSON as Python objects.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyDict>) -> PyResult<PyFlusso> {
        Ok(PyFlusso {
            inner: convert::from_py(data.as_any(), "data")?,
        })
    }
    /// `PS_PSA_SINA` or `SINBA`.
    #[getter]
    fn tipo(&self) -> &'static str {
        self.inner.tipo().as_str()
    }
    /// `IdentificazioneFlusso/@Nome` (= WaaS `id_flusso`).
    #[getter]
    fn nome(&self) -> Option<String> {
        self.inner.identificazione().nome.clone()
    }
    /// Number of items (`Beneficiario` or `SINBA` elements).
    fn __len__(&self) -> usize {
        match &self.inner {
            s::Flusso::PsPsaSina(f) => f.beneficiari.len(),
            s::Flusso::Sinba(f) => f.sinba.len(),
        }
    }
    /// The XML (INPS format).
    fn to_xml(&self) -> String {
        s::xml::scrivi(&self.inner)
    }
    /// The JSON (`pretty=True`: 2-space indent).
    #[pyo3(signature = (pretty = false))]
    fn to_json(&self, pretty: bool) -> PyResult<String> {
        let r = if pretty {
            serde_json::to_string_pretty(&self.inner)
        } else {
            serde_json::to_string(&self.inner)
        };
        r.map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyFlusso>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Flusso(tipo={:?}, nome={}, items={})",
            self.inner.tipo().as_str(),
            convert::repr_opt(self.inner.identificazione().nome.as_deref()),
            self.__len__()
        )
    }
}

// ---- derivation ---------------------------------------------------------------------------------

/// Result of a derivation: the flows and the findings.
#[pyclass(module = "cartella", name = "Derivazione", frozen)]
pub struct PyDerivazione {
    flussi: Vec<s::Flusso>,
    report: Report,
}

impl From<s::Derivazione> for PyDerivazione {
    fn from(d: s::Derivazione) -> Self {
        PyDerivazione {
            flussi: d.flussi,
            report: d.report,
        }
    }
}

#[pymethods]
impl PyDerivazione {
    /// The derived flows.
    #[getter]
    fn flussi(&self) -> Vec<PyFlusso> {
        flussi(self.flussi.clone())
    }
    /// Findings: derivation findings on the cartella, then the checks of the derived flows.
    #[getter]
    fn report(&self) -> PyReport {
        PyReport {
            inner: self.report.clone(),
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "Derivazione(flussi={}, issues={})",
            self.flussi.len(),
            self.report.issues.len()
        )
    }
}

/// The derivation options shared by the three functions.
struct DeriveArgs<'a, 'py> {
    cf_operatore: String,
    canale: &'a str,
    data_riferimento: Option<&'a Bound<'py, PyAny>>,
    data_creazione: Option<&'a Bound<'py, PyAny>>,
    progressivo: u32,
    tolleranza_quote: Option<&'a Bound<'py, PyAny>>,
    troncamento_nomi: bool,
    sina: &'a str,
    chiave_hmac: Option<Vec<u8>>,
    id_caso: &'a str,
    campi_opzionali: &'a str,
    regioni_dm1986: Option<BTreeMap<String, String>>,
    suppress: Option<&'a Bound<'py, PyAny>>,
    registry: Option<PyRef<'py, PyRegistry>>,
    reference_data: bool,
}

impl DeriveArgs<'_, '_> {
    fn into_core(self, py: Python<'_>) -> PyResult<OpzioniDerivazione> {
        let mut o = OpzioniDerivazione::con_operatore(self.cf_operatore);
        o.canale = choice(py, "canale", self.canale, CANALI)?;
        o.data_riferimento = opt_date_arg(self.data_riferimento, "data_riferimento")?;
        o.data_creazione = opt_date_arg(self.data_creazione, "data_creazione")?;
        o.progressivo = Progressivo::Da(self.progressivo);
        if let Some(t) = self.tolleranza_quote.filter(|t| !t.is_none()) {
            o.tolleranza_quote = amount(t, "tolleranza_quote")?.valore();
        }
        o.troncamento_nomi = self.troncamento_nomi;
        o.sina = choice(
            py,
            "sina",
            self.sina,
            &[
                ("auto", ModalitaSina::Auto),
                ("sempre", ModalitaSina::Sempre),
                ("mai", ModalitaSina::Mai),
            ],
        )?;
        o.chiave_hmac = self.chiave_hmac.map(ChiaveHmac::new);
        o.id_caso = choice(
            py,
            "id_caso",
            self.id_caso,
            &[
                ("cartella", IdCaso::Cartella),
                ("processo", IdCaso::Processo),
            ],
        )?;
        o.campi_opzionali = choice(
            py,
            "campi_opzionali",
            self.campi_opzionali,
            &[
                ("se_presenti", CampiOpzionali::SePresenti),
                ("solo_obbligatori", CampiOpzionali::SoloObbligatori),
            ],
        )?;
        o.regioni_dm1986 = self.regioni_dm1986.unwrap_or_default();
        o.suppressions = suppressions_arg(py, self.suppress)?;
        o.registro = self.registry.map(|r| Arc::clone(&r.inner));
        if !self.reference_data {
            o.reference_data = cartella::rules::ReferenceData::Disabled;
        }
        Ok(o)
    }
}

macro_rules! derive_fn {
    (
        $(#[$meta:meta])*
        fn $name:ident($($arg:ident : $ty:ty),*) => |$py:ident, $c:ident, $o:ident| $body:expr
    ) => {
        $(#[$meta])*
        #[pyfunction]
        #[pyo3(signature = (
            cartella, $($arg,)* *, cf_operatore, canale = "waas", data_riferimento = None,
            data_creazione = None, progressivo = 1, tolleranza_quote = None,
            troncamento_nomi = true, sina = "auto", chiave_hmac = None, id_caso = "cartella",
            campi_opzionali = "se_presenti", regioni_dm1986 = None, suppress = None,
            registry = None, reference_data = true
        ))]
        #[allow(clippy::too_many_arguments)]
        pub fn $name<'py>(
            $py: Python<'py>,
            cartella: &Bound<'py, PyAny>,
            $($arg: $ty,)*
            cf_operatore: String,
            canale: &str,
            data_riferimento: Option<&Bound<'py, PyAny>>,
            data_creazione: Option<&Bound<'py, PyAny>>,
            progressivo: u32,
            tolleranza_quote: Option<&Bound<'py, PyAny>>,
            troncamento_nomi: bool,
            sina: &str,
            chiave_hmac: Option<Vec<u8>>,
            id_caso: &str,
            campi_opzionali: &str,
            regioni_dm1986: Option<BTreeMap<String, String>>,
            suppress: Option<&Bound<'py, PyAny>>,
            registry: Option<PyRef<'py, PyRegistry>>,
            reference_data: bool,
        ) -> PyResult<PyDerivazione> {
            let $o = DeriveArgs {
                cf_operatore,
                canale,
                data_riferimento,
                data_creazione,
                progressivo,
                tolleranza_quote,
                troncamento_nomi,
                sina,
                chiave_hmac,
                id_caso,
                campi_opzionali,
                regioni_dm1986,
                suppress,
                registry,
                reference_data,
            }
            .into_core($py)?;
            let source = Source::from_py(cartella)?;
            let $c = $py.allow_threads(|| source.resolve()).py_err($py)?;
            $body
        }
    };
}

derive_fn! {
    /// `derive_period(cartella, dal, al, *, cf_operatore, ...)`: PS-PSA-SINA flows of every D
    /// record with a year segment in `dal..=al`; records that cannot be derived are reported and
    /// skipped.
    fn siuss_derive_period(dal: &Bound<'py, PyAny>, al: &Bound<'py, PyAny>) => |py, c, o| {
        let dal: NaiveDate = date_arg(dal, "dal")?;
        let al: NaiveDate = date_arg(al, "al")?;
        Ok(py.allow_threads(|| s::deriva_periodo(&c, dal, al, &o)).into())
    }
}

derive_fn! {
    /// `derive_prestazione(cartella, id_fase, *, cf_operatore, ...)`: PS-PSA-SINA flows of one D
    /// record; raises `InvalidArgumentError` (no such record, or marked `siuss.escludi`) or
    /// `FlussoNonDerivabileError` (with the blocking findings).
    fn siuss_derive_prestazione(id_fase: &str) => |py, c, o| {
        let d = py.allow_threads(|| s::deriva_prestazione(&c, id_fase, &o)).py_err(py)?;
        Ok(d.into())
    }
}

derive_fn! {
    /// `derive_sinba(cartella, *, cf_operatore, ...)`: one SINBA element per process with a
    /// `scheda_sinba`.
    fn siuss_derive_sinba() => |py, c, o| {
        Ok(py.allow_threads(|| s::deriva_sinba(&c, &o)).into())
    }
}

// ---- checks -------------------------------------------------------------------------------------

fn check_options(
    py: Python<'_>,
    canale: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    tolleranza_quote: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<s::OpzioniVerifica> {
    let mut o = s::OpzioniVerifica {
        canale: choice(py, "canale", canale, CANALI)?,
        as_of: opt_date_arg(as_of, "as_of")?,
        suppressions: suppressions_arg(py, suppress)?,
        registro: registry.map(|r| Arc::clone(&r.inner)),
        ..s::OpzioniVerifica::default()
    };
    if let Some(t) = tolleranza_quote.filter(|t| !t.is_none()) {
        o.tolleranza_quote = amount(t, "tolleranza_quote")?.valore();
    }
    Ok(o)
}

/// `check(flusso, *, canale="upload", as_of=None, tolleranza_quote=None, suppress=None,
/// registry=None)`: the INPS checks of a flow.
#[pyfunction]
#[pyo3(signature = (flusso, *, canale = "upload", as_of = None, tolleranza_quote = None, suppress = None, registry = None))]
pub fn siuss_check(
    py: Python<'_>,
    flusso: PyRef<'_, PyFlusso>,
    canale: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    tolleranza_quote: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyReport> {
    let o = check_options(py, canale, as_of, tolleranza_quote, suppress, registry)?;
    let f = &flusso.inner;
    Ok(PyReport {
        inner: py.allow_threads(|| s::verifica(f, &o)),
    })
}

/// Streaming check of a flow file (the reader's findings, then the rules' ones).
fn check_reader(path: &PathBuf, o: &s::OpzioniVerifica) -> Result<Report, CartellaError> {
    let file = File::open(path)?;
    s::verifica_lettura(
        BufReader::with_capacity(1 << 16, file),
        o,
        &OpzioniLetturaFlusso::default(),
    )
}

/// `check_file(path, *, canale="upload", ...)`: reads a flow file with the streaming reader and
/// checks it item by item (memory independent of the file size).
#[pyfunction]
#[pyo3(signature = (path, *, canale = "upload", as_of = None, tolleranza_quote = None, suppress = None, registry = None))]
pub fn siuss_check_file(
    py: Python<'_>,
    path: PathBuf,
    canale: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    tolleranza_quote: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
) -> PyResult<PyReport> {
    let o = check_options(py, canale, as_of, tolleranza_quote, suppress, registry)?;
    let inner = py.allow_threads(|| check_reader(&path, &o)).py_err(py)?;
    Ok(PyReport { inner })
}

// ---- XML reading --------------------------------------------------------------------------------

/// The flow read (`None` when the input is unreadable) and the reader's findings.
#[pyclass(module = "cartella", name = "FlussoLetto", frozen)]
pub struct PyFlussoLetto {
    flusso: Option<s::Flusso>,
    issues: Vec<Issue>,
}

#[pymethods]
impl PyFlussoLetto {
    #[getter]
    fn flusso(&self) -> Option<PyFlusso> {
        self.flusso.clone().map(|inner| PyFlusso { inner })
    }
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        issues(&self.issues)
    }
    /// Whether a finding of `rule_id` was raised.
    fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }
    /// The rule ids of the findings, in order.
    fn rule_ids(&self) -> Vec<String> {
        self.issues.iter().map(|i| i.rule_id.clone()).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "FlussoLetto(flusso={}, issues={})",
            if self.flusso.is_some() {
                "Flusso"
            } else {
                "None"
            },
            self.issues.len()
        )
    }
}

/// `read_xml(xml, *, max_size=None, max_depth=None, max_elements=None, max_attribute=None)`.
#[pyfunction]
#[pyo3(signature = (xml, *, max_size = None, max_depth = None, max_elements = None, max_attribute = None))]
pub fn siuss_read_xml(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    max_size: Option<usize>,
    max_depth: Option<usize>,
    max_elements: Option<usize>,
    max_attribute: Option<usize>,
) -> PyResult<PyFlussoLetto> {
    let bytes = text_or_bytes(xml)?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("xml: expected str, bytes or bytearray")
    })?;
    let d = LIMITI_FLUSSO;
    let o = OpzioniLetturaFlusso {
        limiti: LimitiXml {
            dimensione_massima: max_size.unwrap_or(d.dimensione_massima),
            profondita_massima: max_depth.unwrap_or(d.profondita_massima),
            elementi_massimi: max_elements.unwrap_or(d.elementi_massimi),
            attributo_massimo: max_attribute.unwrap_or(d.attributo_massimo),
        },
    };
    let l = py.allow_threads(|| s::xml::leggi(&bytes, &o));
    Ok(PyFlussoLetto {
        flusso: l.flusso,
        issues: l.issues,
    })
}

// ---- WaaS ---------------------------------------------------------------------------------------

/// `id_flusso(codice_ente, tipo, data, progressivo)`:
/// `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`.
#[pyfunction]
pub fn id_flusso(
    py: Python<'_>,
    codice_ente: &str,
    tipo: &str,
    data: &Bound<'_, PyAny>,
    progressivo: u32,
) -> PyResult<String> {
    let t = choice(py, "tipo", tipo, TIPI)?;
    waas::id_flusso(codice_ente, t, date_arg(data, "data")?, progressivo).py_err(py)
}

/// The parts of an `id_flusso` read with the lenient form.
#[pyclass(module = "cartella", name = "IdFlusso", frozen)]
pub struct PyIdFlusso {
    inner: waas::IdFlusso,
}

#[pymethods]
impl PyIdFlusso {
    /// Parses an `id_flusso` (lenient read form); `None` when it does not match.
    #[staticmethod]
    fn parse(id: &str) -> Option<PyIdFlusso> {
        waas::IdFlusso::parse(id).map(|inner| PyIdFlusso { inner })
    }
    #[getter]
    fn codice_ente(&self) -> &str {
        &self.inner.codice_ente
    }
    /// `PS_PSA_SINA` or `SINBA`.
    #[getter]
    fn tipo(&self) -> &'static str {
        self.inner.tipo.as_str()
    }
    #[getter]
    fn data(&self) -> NaiveDate {
        self.inner.data
    }
    #[getter]
    fn progressivo(&self) -> u32 {
        self.inner.progressivo
    }
    /// The id in the write form.
    fn to_str(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.scrivi().py_err(py)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyIdFlusso>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "IdFlusso(codice_ente={:?}, tipo={:?}, data={}, progressivo={})",
            self.inner.codice_ente,
            self.inner.tipo.as_str(),
            self.inner.data,
            self.inner.progressivo
        )
    }
}

/// A transport-free HTTP response of the WaaS API, with the findings of the call.
#[pyclass(module = "cartella", name = "HttpResponse", frozen)]
#[derive(Clone)]
pub struct PyHttpResponse {
    #[pyo3(get)]
    status: u16,
    #[pyo3(get)]
    content_type: Option<&'static str>,
    #[pyo3(get)]
    body: Option<String>,
    issues: Vec<Issue>,
}

impl PyHttpResponse {
    fn new(r: waas::HttpResponse, issues: Vec<Issue>) -> PyHttpResponse {
        PyHttpResponse {
            status: r.status,
            content_type: r.content_type,
            body: r.body,
            issues,
        }
    }
}

#[pymethods]
impl PyHttpResponse {
    /// Findings (`SIUSS-WAAS-*`) of the call.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        issues(&self.issues)
    }
    fn __repr__(&self) -> String {
        format!(
            "HttpResponse(status={}, content_type={}, issues={})",
            self.status,
            convert::repr_opt(self.content_type),
            self.issues.len()
        )
    }
}

/// `RifiutoError` for a refused request (with its `400` response).
fn refused(py: Python<'_>, r: waas::Rifiuto) -> PyErr {
    let message = r.problema.detail.clone().unwrap_or_default();
    let response = PyHttpResponse::new(r.problema.risposta(), r.issues);
    let obj = Py::new(py, response).map_or_else(|_| py.None(), |o| o.into_any());
    errors::make(py, "RifiutoError", message, &[("response", obj)])
}

/// The validated query of `GET /flussi`.
#[pyclass(module = "cartella", name = "ParametriFlussi", frozen)]
pub struct PyParametriFlussi {
    inner: waas::ParametriFlussi,
}

#[pymethods]
impl PyParametriFlussi {
    /// `ParametriFlussi(since, limit=10)`; raises `RifiutoError` when out of range.
    #[new]
    #[pyo3(signature = (since, limit = 10))]
    fn new(py: Python<'_>, since: i64, limit: i64) -> PyResult<PyParametriFlussi> {
        let (since, limit) = (since.to_string(), limit.to_string());
        waas::ParametriFlussi::da_coppie([("since", since.as_str()), ("limit", limit.as_str())])
            .map(|inner| PyParametriFlussi { inner })
            .map_err(|r| refused(py, r))
    }
    /// From a raw query (`since=0&limit=10`); raises `RifiutoError` for a bad query.
    #[staticmethod]
    fn from_query(py: Python<'_>, query: &str) -> PyResult<PyParametriFlussi> {
        waas::ParametriFlussi::da_query(query)
            .map(|inner| PyParametriFlussi { inner })
            .map_err(|r| refused(py, r))
    }
    #[getter]
    fn since(&self) -> i64 {
        self.inner.since
    }
    #[getter]
    fn limit(&self) -> u32 {
        self.inner.limit
    }
    fn __repr__(&self) -> String {
        format!(
            "ParametriFlussi(since={}, limit={})",
            self.inner.since, self.inner.limit
        )
    }
}

/// One entry of the `GET /flussi` response.
#[pyclass(module = "cartella", name = "VoceFlusso", frozen)]
pub struct PyVoceFlusso {
    inner: waas::VoceFlusso,
}

#[pymethods]
impl PyVoceFlusso {
    #[getter]
    fn codice_ente(&self) -> &str {
        &self.inner.codice_ente
    }
    #[getter]
    fn denominazione_ente(&self) -> &str {
        &self.inner.denominazione_ente
    }
    #[getter]
    fn id_flusso(&self) -> &str {
        &self.inner.id_flusso
    }
    #[getter]
    fn tipo(&self) -> &str {
        &self.inner.tipo
    }
    /// RFC 3339 date-time.
    #[getter]
    fn ts_flusso(&self) -> &str {
        &self.inner.ts_flusso
    }
    /// Base64 of the UTF-8 XML.
    #[getter]
    fn flusso(&self) -> &str {
        &self.inner.flusso
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "VoceFlusso(id_flusso={:?}, tipo={:?}, ts_flusso={:?})",
            self.inner.id_flusso, self.inner.tipo, self.inner.ts_flusso
        )
    }
}

/// `voce_from_xml(xml, ts_flusso)`: the `GET /flussi` entry of a flow XML (`ts_flusso` in ms).
#[pyfunction]
pub fn voce_from_xml(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    ts_flusso: i64,
) -> PyResult<PyVoceFlusso> {
    let bytes = text_or_bytes(xml)?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("xml: expected str, bytes or bytearray")
    })?;
    let inner = waas::voce_da_xml(&bytes, ts(py, ts_flusso)?).py_err(py)?;
    Ok(PyVoceFlusso { inner })
}

/// A selection of flows for `GET /flussi`.
#[pyclass(module = "cartella", name = "SelezioneFlussi", frozen)]
pub struct PySelezioneFlussi {
    inner: waas::SelezioneFlussi,
}

#[pymethods]
impl PySelezioneFlussi {
    /// The response body `{"elenco_flussi": [...]}`.
    #[getter]
    fn body(&self) -> String {
        self.inner.risposta.to_json()
    }
    /// The entries of the body.
    #[getter]
    fn voci(&self) -> Vec<PyVoceFlusso> {
        self.inner
            .risposta
            .elenco_flussi
            .iter()
            .map(|v| PyVoceFlusso { inner: v.clone() })
            .collect()
    }
    /// `id_flusso` of the entries exposed.
    #[getter]
    fn esposti(&self) -> Vec<String> {
        self.inner.esposti.clone()
    }
    /// Findings on the candidates (paths `/{index}/{property}`).
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        issues(&self.inner.issues)
    }
    fn __repr__(&self) -> String {
        format!(
            "SelezioneFlussi(voci={}, issues={})",
            self.inner.risposta.elenco_flussi.len(),
            self.inner.issues.len()
        )
    }
}

/// `select_flussi_xml(flussi, parametri)`: the flows (`(xml, ts_flusso_ms)` pairs, no register)
/// to return to `GET /flussi`; `parametri` is a `ParametriFlussi` or a raw query.
#[pyfunction]
pub fn select_flussi_xml(
    py: Python<'_>,
    flussi: &Bound<'_, PyAny>,
    parametri: &Bound<'_, PyAny>,
) -> PyResult<PySelezioneFlussi> {
    let p = if let Ok(p) = parametri.downcast::<PyParametriFlussi>() {
        p.get().inner
    } else if let Ok(q) = parametri.downcast::<PyString>() {
        waas::ParametriFlussi::da_query(&q.to_cow()?).map_err(|r| refused(py, r))?
    } else {
        return Err(invalid_argument(
            py,
            "parametri",
            "expected a ParametriFlussi or a query string",
        ));
    };
    let mut contenuti: Vec<(Vec<u8>, waas::TsFlusso)> = Vec::new();
    for item in PyIterator::from_object(flussi)? {
        let item = item?;
        let (xml, ms): (Bound<'_, PyAny>, i64) = item.extract().map_err(|_| {
            invalid_argument(py, "flussi", "each flow is an (xml, ts_flusso_ms) pair")
        })?;
        let bytes = text_or_bytes(&xml)?.ok_or_else(|| {
            invalid_argument(py, "flussi", "xml: expected str, bytes or bytearray")
        })?;
        contenuti.push((bytes, ts(py, ms)?));
    }
    let inner = py.allow_threads(|| {
        let xml: Vec<waas::FlussoXml<'_>> = contenuti
            .iter()
            .map(|(b, t)| waas::FlussoXml {
                xml: b,
                ts_flusso: *t,
            })
            .collect();
        waas::seleziona_flussi_xml(&xml, &p)
    });
    Ok(PySelezioneFlussi { inner })
}

/// One flow in the send register.
#[pyclass(module = "cartella", name = "VoceRegistro", frozen)]
pub struct PyVoceRegistro {
    inner: waas::VoceRegistro,
}

#[pymethods]
impl PyVoceRegistro {
    #[getter]
    fn id_flusso(&self) -> &str {
        &self.inner.id_flusso
    }
    /// `PS_PSA_SINA` or `SINBA`.
    #[getter]
    fn tipo(&self) -> &'static str {
        self.inner.tipo.as_str()
    }
    /// `ts_flusso`, ms since the epoch.
    #[getter]
    fn ts_flusso(&self) -> i64 {
        self.inner.ts_flusso.millis()
    }
    /// `PRONTO`, `ESPOSTO`, `ACQUISITO` or `RIFIUTATO`.
    #[getter]
    fn stato(&self) -> &'static str {
        self.inner.stato.as_str()
    }
    /// The flow XML, exactly as exposed.
    #[getter]
    fn xml(&self) -> &str {
        &self.inner.xml
    }
    #[getter]
    fn sha256_xml(&self) -> &str {
        &self.inner.sha256_xml
    }
    /// The record key (holds personal data).
    #[getter]
    fn chiave_record(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.chiave_record)
    }
    #[getter]
    fn id_acquisizione_siuss(&self) -> Option<&str> {
        self.inner.id_acquisizione_siuss.as_deref()
    }
    #[getter]
    fn descrizione_esito(&self) -> Option<&str> {
        self.inner.descrizione_esito.as_deref()
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "VoceRegistro(id_flusso={:?}, stato={:?}, ts_flusso={})",
            self.inner.id_flusso,
            self.inner.stato.as_str(),
            self.inner.ts_flusso.millis()
        )
    }
}

/// The send register of the WaaS API, kept by the caller (persist it with `to_json`).
#[pyclass(module = "cartella", name = "RegistroInvii")]
pub struct PyRegistroInvii {
    inner: waas::RegistroInvii,
}

#[pymethods]
impl PyRegistroInvii {
    /// An empty register.
    #[new]
    fn new() -> PyRegistroInvii {
        PyRegistroInvii {
            inner: waas::RegistroInvii::new(),
        }
    }
    /// A register read back from its JSON (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyRegistroInvii> {
        let Some(bytes) = text_or_bytes(data)? else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected register JSON (str or bytes)",
            ));
        };
        let inner = serde_json::from_slice(&bytes).map_err(|e| json_error(py, &e))?;
        Ok(PyRegistroInvii { inner })
    }
    /// The register as JSON (holds personal data: store it where the flows are stored).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    /// The entries, in creation order.
    #[getter]
    fn voci(&self) -> Vec<PyVoceRegistro> {
        self.inner
            .voci()
            .iter()
            .map(|v| PyVoceRegistro { inner: v.clone() })
            .collect()
    }
    /// The entry of a flow.
    fn voce(&self, id_flusso: &str) -> Option<PyVoceRegistro> {
        self.inner
            .voce(id_flusso)
            .map(|v| PyVoceRegistro { inner: v.clone() })
    }
    fn __contains__(&self, id_flusso: &str) -> bool {
        self.inner.contiene(id_flusso)
    }
    /// Adds a `PRONTO` entry for a flow carrying one record (its name is the `id_flusso`, its XML
    /// is written now); `now_ms` is the clock reading (default: now). Returns the `ts_flusso`.
    #[pyo3(signature = (flusso, *, now_ms = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        flusso: PyRef<'_, PyFlusso>,
        now_ms: Option<i64>,
    ) -> PyResult<i64> {
        let ora = now_ms.unwrap_or_else(|| waas::TsFlusso::ora().millis());
        let t = self.inner.crea_da_flusso(&flusso.inner, ora).py_err(py)?;
        Ok(t.millis())
    }
    /// Checks the register (`SIUSS-WAAS-001`, `-002`, `-006`, `-011`; paths `/voci/{i}/…`).
    fn check(&self) -> Vec<PyIssue> {
        issues(&self.inner.verifica())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyRegistroInvii>()
            .is_ok_and(|o| self.inner == o.borrow().inner)
    }
    fn __repr__(&self) -> String {
        format!("RegistroInvii(voci={})", self.inner.len())
    }
}

/// `get_flussi(query, registro)`: `GET /flussi?{query}` on a register (entries returned move
/// `PRONTO` → `ESPOSTO`).
#[pyfunction]
pub fn get_flussi(query: &str, mut registro: PyRefMut<'_, PyRegistroInvii>) -> PyHttpResponse {
    let (r, found) = waas::get_flussi(query, &mut registro.inner);
    PyHttpResponse::new(r, found)
}

/// `post_esiti(body, registro)`: `POST /esiti` on a register (`204`, or `400` when the body is not
/// usable).
#[pyfunction]
pub fn post_esiti(
    body: &Bound<'_, PyAny>,
    mut registro: PyRefMut<'_, PyRegistroInvii>,
) -> PyResult<PyHttpResponse> {
    let bytes = text_or_bytes(body)?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("body: expected str, bytes or bytearray")
    })?;
    let (r, found) = waas::post_esiti(&bytes, &mut registro.inner);
    Ok(PyHttpResponse::new(r, found))
}

/// `id_beneficiario_sinba(belfiore, id_caso, chiave)`: the pseudonymous SINBA `IDBeneficiario`.
#[pyfunction]
pub fn id_beneficiario_sinba(
    py: Python<'_>,
    belfiore: &str,
    id_caso: &str,
    chiave: &[u8],
) -> PyResult<String> {
    s::id_beneficiario_sinba(belfiore, id_caso, chiave).py_err(py)
}
