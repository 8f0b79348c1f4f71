//! The HL7 v3 interscambio (`interscambio.md`): read and write the request `PRSS_IN001004ZZ`
//! (`Message`), build the message of one process, write and read the acknowledgement
//! `MCCI_IN000002UV01` (`Ack`).
//!
//! Only translation: the codecs, the rules and the defaults are the core's
//! (`cartella::interscambio`). Writer options are the §15 names with their documented tokens.

use std::collections::{BTreeMap, BTreeSet};

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::lettura_risposta::leggi_risposta;
use cartella::interscambio::oid::{TabellaOid, RADICE_MESSAGGIO};
use cartella::interscambio::opzioni::{
    Cicli, CodiciBusta, CodiciGenere, FormaData, FormaImporto, FormaSospensioni, FormaTelecom,
    PosizioneEsito, Sensibilita,
};
use cartella::interscambio::xml::LimitiXml;
use cartella::interscambio::{
    messaggio_per_processo, risposta, risposta_da_report, scrivi_con_esiti, scrivi_risposta, Busta,
    OpzioniRisposta, OpzioniScrittura,
};
use cartella::json;
use cartella::model::{Identificatore, MessaggioInterscambio, Oid, RispostaInterscambio};
use cartella::rules::{Issue, Report, Severity};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString, PyTuple};

use crate::convert::{self, text_or_bytes};
use crate::errors::{invalid_argument, IntoPyResult};
use crate::lifecycle::istante;
use crate::model::{dict_to_json, PyCartella};
use crate::validate::{PyIssue, PyReport};

fn issues(v: &[Issue]) -> Vec<PyIssue> {
    v.iter().map(|i| PyIssue { inner: i.clone() }).collect()
}

/// Canonical JSON bytes of a `str`/`bytes`/`dict` argument.
fn json_bytes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = text_or_bytes(obj)? {
        return Ok(b);
    }
    if obj.downcast::<PyDict>().is_ok() {
        return Ok(dict_to_json(obj)?.into_bytes());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "{what}: expected canonical JSON (str or bytes) or a dict"
    )))
}

// ---- identifiers --------------------------------------------------------------------------------

/// An HL7 instance identifier (`root` OID, optional `extension`).
#[pyclass(module = "cartella", name = "Identifier", frozen)]
#[derive(Clone)]
pub struct PyIdentifier {
    inner: Identificatore,
}

#[pymethods]
impl PyIdentifier {
    /// `Identifier(extension, root=<message/device root>)`.
    #[new]
    #[pyo3(signature = (extension, root = RADICE_MESSAGGIO))]
    fn new(extension: Option<String>, root: &str) -> PyIdentifier {
        PyIdentifier {
            inner: Identificatore {
                root: Oid::new(root),
                extension,
            },
        }
    }
    #[getter]
    fn root(&self) -> &str {
        self.inner.root.as_str()
    }
    #[getter]
    fn extension(&self) -> Option<&str> {
        self.inner.extension.as_deref()
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyIdentifier>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.root.as_str().hash(&mut h);
        self.inner.extension.hash(&mut h);
        h.finish()
    }
    fn __repr__(&self) -> String {
        format!(
            "Identifier(extension={}, root={:?})",
            convert::repr_opt(self.inner.extension.as_deref()),
            self.inner.root.as_str()
        )
    }
}

/// An identifier argument: `Identifier`, `(root, extension)`, a dict `{root, extension}` or a
/// `str` (the extension under the message/device root `2.16.840.1.113883.2.9.2.30.3.2.4.3`).
fn ident_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Identificatore> {
    let py = obj.py();
    if let Ok(i) = obj.downcast::<PyIdentifier>() {
        return Ok(i.get().inner.clone());
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(Identificatore {
            root: Oid::new(RADICE_MESSAGGIO),
            extension: Some(s.to_cow()?.into_owned()),
        });
    }
    if let Ok(t) = obj.downcast::<PyTuple>() {
        if let Ok((root, extension)) = t.extract::<(String, Option<String>)>() {
            return Ok(Identificatore {
                root: Oid::new(root),
                extension,
            });
        }
        return Err(invalid_argument(py, what, "expected (root, extension)"));
    }
    if obj.downcast::<PyDict>().is_ok() {
        return convert::from_py(obj, what);
    }
    Err(invalid_argument(
        py,
        what,
        "expected an Identifier, a (root, extension) tuple, a dict or a str extension",
    ))
}

fn ids(v: &[Identificatore]) -> Vec<PyIdentifier> {
    v.iter()
        .map(|i| PyIdentifier { inner: i.clone() })
        .collect()
}

// ---- message ------------------------------------------------------------------------------------

/// An interchange message `PRSS_IN001004ZZ` as a model: envelope plus the cartella.
#[pyclass(module = "cartella", name = "Message", frozen)]
pub struct PyMessage {
    pub inner: MessaggioInterscambio,
}

/// The message held by an argument: `Message` or canonical JSON (`str`, `bytes`, `dict`).
pub fn message_arg(obj: &Bound<'_, PyAny>) -> PyResult<MessaggioInterscambio> {
    if let Ok(m) = obj.downcast::<PyMessage>() {
        return Ok(m.get().inner.clone());
    }
    let bytes = json_bytes(obj, "message")?;
    let py = obj.py();
    py.allow_threads(|| json::parse_slice::<MessaggioInterscambio>(&bytes))
        .py_err(py)
}

#[pymethods]
impl PyMessage {
    /// A message from canonical JSON (`str` or `bytes`).
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyMessage> {
        let Some(bytes) = text_or_bytes(data)? else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected canonical JSON (str or bytes)",
            ));
        };
        let inner = py
            .allow_threads(|| json::parse_slice::<MessaggioInterscambio>(&bytes))
            .py_err(py)?;
        Ok(PyMessage { inner })
    }
    /// A message from its canonical JSON as Python objects.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyDict>) -> PyResult<PyMessage> {
        Ok(PyMessage {
            inner: message_arg(data.as_any())?,
        })
    }
    #[getter]
    fn message_id(&self) -> PyIdentifier {
        PyIdentifier {
            inner: self.inner.id_messaggio.clone(),
        }
    }
    /// Creation time (`creationTime`), as the model's instant text (`2024-02-01T10:30:00`).
    #[getter]
    fn created(&self) -> String {
        convert::token(&self.inner.data_creazione)
    }
    #[getter]
    fn processing_code(&self) -> &str {
        &self.inner.processing_code
    }
    #[getter]
    fn processing_mode_code(&self) -> &str {
        &self.inner.processing_mode_code
    }
    #[getter]
    fn accept_ack_code(&self) -> &str {
        &self.inner.accept_ack_code
    }
    #[getter]
    fn version_code(&self) -> Option<&str> {
        self.inner.version_code.as_deref()
    }
    #[getter]
    fn sender(&self) -> PyIdentifier {
        PyIdentifier {
            inner: self.inner.mittente.clone(),
        }
    }
    #[getter]
    fn receivers(&self) -> Vec<PyIdentifier> {
        ids(&self.inner.destinatari)
    }
    /// The cartella carried (a snapshot copy).
    #[getter]
    fn cartella(&self) -> PyCartella {
        PyCartella::new(self.inner.cartella.clone())
    }
    /// Canonical JSON (`pretty=True`: 2-space indent).
    #[pyo3(signature = (pretty = false))]
    fn to_json(&self, pretty: bool) -> String {
        if pretty {
            json::messaggio_to_string_pretty(&self.inner)
        } else {
            json::messaggio_to_string(&self.inner)
        }
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyMessage>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Message(message_id={}, created={:?}, processi={})",
            convert::repr_opt(self.inner.id_messaggio.extension.as_deref()),
            convert::token(&self.inner.data_creazione),
            self.inner.cartella.processi.len()
        )
    }
}

/// Result of reading a message: the message (`None` when unreadable) and the findings.
#[pyclass(module = "cartella", name = "ReadResult", frozen)]
pub struct PyReadResult {
    message: Option<MessaggioInterscambio>,
    issues: Vec<Issue>,
}

#[pymethods]
impl PyReadResult {
    #[getter]
    fn message(&self) -> Option<PyMessage> {
        self.message
            .as_ref()
            .map(|m| PyMessage { inner: m.clone() })
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
            "ReadResult(message={}, issues={})",
            if self.message.is_some() {
                "Message"
            } else {
                "None"
            },
            self.issues.len()
        )
    }
}

fn limits(
    max_size: Option<usize>,
    max_depth: Option<usize>,
    max_elements: Option<usize>,
    max_attribute: Option<usize>,
) -> OpzioniLettura {
    let d = LimitiXml::default();
    OpzioniLettura {
        limiti: LimitiXml {
            dimensione_massima: max_size.unwrap_or(d.dimensione_massima),
            profondita_massima: max_depth.unwrap_or(d.profondita_massima),
            elementi_massimi: max_elements.unwrap_or(d.elementi_massimi),
            attributo_massimo: max_attribute.unwrap_or(d.attributo_massimo),
        },
    }
}

fn xml_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    text_or_bytes(obj)?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err("xml: expected str, bytes or bytearray")
    })
}

/// `read_message(xml, *, max_size=None, max_depth=None, max_elements=None, max_attribute=None)`.
#[pyfunction]
#[pyo3(signature = (xml, *, max_size = None, max_depth = None, max_elements = None, max_attribute = None))]
pub fn read_message(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    max_size: Option<usize>,
    max_depth: Option<usize>,
    max_elements: Option<usize>,
    max_attribute: Option<usize>,
) -> PyResult<PyReadResult> {
    let bytes = xml_bytes(xml)?;
    let o = limits(max_size, max_depth, max_elements, max_attribute);
    let l = py.allow_threads(|| leggi(&bytes, &o)).py_err(py)?;
    Ok(PyReadResult {
        message: l.messaggio,
        issues: l.issues,
    })
}

/// The XML written and the writer's findings.
#[pyclass(module = "cartella", name = "WrittenMessage", frozen)]
pub struct PyWrittenMessage {
    #[pyo3(get)]
    xml: String,
    issues: Vec<Issue>,
}

#[pymethods]
impl PyWrittenMessage {
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        issues(&self.issues)
    }
    fn __repr__(&self) -> String {
        format!(
            "WrittenMessage(xml=<{} chars>, issues={})",
            self.xml.len(),
            self.issues.len()
        )
    }
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

const SENSIBILITA: &[(&str, Sensibilita)] = &[
    ("IDE", Sensibilita::Ide),
    ("CON", Sensibilita::Con),
    ("SAL", Sensibilita::Sal),
    ("SES", Sensibilita::Ses),
    ("GIU", Sensibilita::Giu),
    ("ECO", Sensibilita::Eco),
    ("MIN", Sensibilita::Min),
];

/// `write_message(message, *, <§15 options>)`.
#[pyfunction]
#[pyo3(signature = (
    message, *, date_format = "hl7", money_form = "ce_code", esito_placement = "effective_time",
    patient_cf_root = None, gender_codes = "hl7", envelope_codes = "hl7",
    interaction_id_root = true, telecom_form = "hl7", relation_addr_use = None,
    profilo_erogante_oid = None, phase_codes = None, cycles = "all", suspension_form = "all",
    oid_table = None, indent = true, filtro_sensibilita = None
))]
#[allow(clippy::too_many_arguments)]
pub fn write_message(
    py: Python<'_>,
    message: &Bound<'_, PyAny>,
    date_format: &str,
    money_form: &str,
    esito_placement: &str,
    patient_cf_root: Option<String>,
    gender_codes: &str,
    envelope_codes: &str,
    interaction_id_root: bool,
    telecom_form: &str,
    relation_addr_use: Option<String>,
    profilo_erogante_oid: Option<String>,
    phase_codes: Option<Vec<String>>,
    cycles: &str,
    suspension_form: &str,
    oid_table: Option<BTreeMap<String, Option<String>>>,
    indent: bool,
    filtro_sensibilita: Option<Vec<String>>,
) -> PyResult<PyWrittenMessage> {
    let m = message_arg(message)?;
    let d = OpzioniScrittura::default();
    let phase_codes = match phase_codes {
        None => None,
        Some(v) => Some(<[String; 5]>::try_from(v).map_err(|v| {
            invalid_argument(
                py,
                "phase_codes",
                format!("expected 5 codes (A–E), got {}", v.len()),
            )
        })?),
    };
    let mut tabella = TabellaOid::default();
    for (k, v) in oid_table.unwrap_or_default() {
        tabella = tabella.con(k, v.as_deref());
    }
    let mut filtro = BTreeSet::new();
    for s in filtro_sensibilita.unwrap_or_default() {
        filtro.insert(choice(py, "filtro_sensibilita", &s, SENSIBILITA)?);
    }
    let o = OpzioniScrittura {
        date_format: choice(
            py,
            "date_format",
            date_format,
            &[("hl7", FormaData::Hl7), ("ddmmyyyy", FormaData::DdMmYyyy)],
        )?,
        money_form: choice(
            py,
            "money_form",
            money_form,
            &[
                ("ce_code", FormaImporto::CeCode),
                ("hl7_mo", FormaImporto::Hl7Mo),
            ],
        )?,
        esito_placement: choice(
            py,
            "esito_placement",
            esito_placement,
            &[
                ("effective_time", PosizioneEsito::EffectiveTime),
                ("encounter_event", PosizioneEsito::EncounterEvent),
            ],
        )?,
        patient_cf_root: patient_cf_root.unwrap_or(d.patient_cf_root),
        gender_codes: choice(
            py,
            "gender_codes",
            gender_codes,
            &[
                ("hl7", CodiciGenere::Hl7),
                ("numeric", CodiciGenere::Numerici),
            ],
        )?,
        envelope_codes: choice(
            py,
            "envelope_codes",
            envelope_codes,
            &[
                ("hl7", CodiciBusta::Hl7),
                ("regional", CodiciBusta::Regionali),
            ],
        )?,
        interaction_id_root,
        telecom_form: choice(
            py,
            "telecom_form",
            telecom_form,
            &[
                ("hl7", FormaTelecom::Hl7),
                ("positional", FormaTelecom::Posizionale),
            ],
        )?,
        relation_addr_use: relation_addr_use.unwrap_or(d.relation_addr_use),
        profilo_erogante_oid: profilo_erogante_oid.unwrap_or(d.profilo_erogante_oid),
        phase_codes,
        cycles: choice(
            py,
            "cycles",
            cycles,
            &[("all", Cicli::Tutti), ("single", Cicli::Singolo)],
        )?,
        suspension_form: choice(
            py,
            "suspension_form",
            suspension_form,
            &[
                ("all", FormaSospensioni::Tutte),
                ("latest", FormaSospensioni::Ultima),
            ],
        )?,
        oid_table: tabella,
        indent,
        filtro_sensibilita: filtro,
    };
    let s = py.allow_threads(|| scrivi_con_esiti(&m, &o)).py_err(py)?;
    Ok(PyWrittenMessage {
        xml: s.xml,
        issues: s.findings,
    })
}

fn ident_list(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Identificatore>> {
    if obj.downcast::<PyString>().is_ok() {
        return Ok(vec![ident_arg(obj, what)?]);
    }
    let mut out = Vec::new();
    for item in PyIterator::from_object(obj)? {
        out.push(ident_arg(&item?, what)?);
    }
    Ok(out)
}

/// `message_for_process(cartella, process_id, *, message_id, created, sender, receivers)`.
#[pyfunction]
#[pyo3(signature = (cartella, process_id, *, message_id, created, sender, receivers))]
pub fn message_for_process(
    py: Python<'_>,
    cartella: &Bound<'_, PyAny>,
    process_id: &str,
    message_id: &Bound<'_, PyAny>,
    created: &Bound<'_, PyAny>,
    sender: &Bound<'_, PyAny>,
    receivers: &Bound<'_, PyAny>,
) -> PyResult<PyMessage> {
    let c = crate::model::Source::from_py(cartella)?;
    let busta = Busta {
        id_messaggio: ident_arg(message_id, "message_id")?,
        data_creazione: istante(created)?,
        mittente: ident_arg(sender, "sender")?,
        destinatari: ident_list(receivers, "receivers")?,
    };
    let inner = py
        .allow_threads(|| {
            c.resolve()
                .and_then(|c| messaggio_per_processo(&c, process_id, busta))
        })
        .py_err(py)?;
    Ok(PyMessage { inner })
}

// ---- acknowledgement ----------------------------------------------------------------------------

/// An acknowledgement `MCCI_IN000002UV01` as a model.
#[pyclass(module = "cartella", name = "Ack", frozen)]
pub struct PyAck {
    inner: RispostaInterscambio,
}

#[pymethods]
impl PyAck {
    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyAck> {
        let Some(bytes) = text_or_bytes(data)? else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "expected canonical JSON (str or bytes)",
            ));
        };
        let inner = py
            .allow_threads(|| json::parse_slice::<RispostaInterscambio>(&bytes))
            .py_err(py)?;
        Ok(PyAck { inner })
    }
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyDict>) -> PyResult<PyAck> {
        let bytes = dict_to_json(data.as_any())?.into_bytes();
        let inner = py
            .allow_threads(|| json::parse_slice::<RispostaInterscambio>(&bytes))
            .py_err(py)?;
        Ok(PyAck { inner })
    }
    #[getter]
    fn message_id(&self) -> PyIdentifier {
        PyIdentifier {
            inner: self.inner.id_messaggio.clone(),
        }
    }
    #[getter]
    fn created(&self) -> String {
        convert::token(&self.inner.data_creazione)
    }
    #[getter]
    fn sender(&self) -> PyIdentifier {
        PyIdentifier {
            inner: self.inner.mittente.clone(),
        }
    }
    #[getter]
    fn receivers(&self) -> Vec<PyIdentifier> {
        ids(&self.inner.destinatari)
    }
    /// `AA`, `AE`, `AR` (or `CA`, `CE`, `CR` when read).
    #[getter]
    fn ack_type(&self) -> String {
        convert::token(&self.inner.tipo_esito)
    }
    #[getter]
    fn target_message_id(&self) -> PyIdentifier {
        PyIdentifier {
            inner: self.inner.id_messaggio_riferito.clone(),
        }
    }
    /// The details (`tipo`, `codice`, `testo`, `posizioni`), as dicts.
    #[getter]
    fn details(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.dettagli)
    }
    /// The rule ids of the details, in order.
    fn detail_rule_ids(&self) -> Vec<String> {
        self.inner
            .dettagli
            .iter()
            .filter_map(|d| d.codice.as_ref().map(|c| c.code.clone()))
            .collect()
    }
    #[pyo3(signature = (pretty = false))]
    fn to_json(&self, pretty: bool) -> String {
        if pretty {
            json::risposta_to_string_pretty(&self.inner)
        } else {
            json::risposta_to_string(&self.inner)
        }
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyAck>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Ack(ack_type={:?}, target={}, details={})",
            convert::token(&self.inner.tipo_esito),
            convert::repr_opt(self.inner.id_messaggio_riferito.extension.as_deref()),
            self.inner.dettagli.len()
        )
    }
}

/// A report argument: `Report`, `ReadResult` or an iterable of `Issue`.
fn report_arg(obj: &Bound<'_, PyAny>) -> PyResult<Report> {
    if let Ok(r) = obj.downcast::<PyReport>() {
        return Ok(r.get().inner.clone());
    }
    if let Ok(r) = obj.downcast::<PyReadResult>() {
        let mut out = Report::new();
        out.issues = r.get().issues.clone();
        return Ok(out);
    }
    let mut out = Report::new();
    for item in PyIterator::from_object(obj)? {
        let item = item?;
        let i = item.downcast::<PyIssue>().map_err(|_| {
            invalid_argument(
                obj.py(),
                "report",
                "expected a Report, a ReadResult or Issue objects",
            )
        })?;
        out.issues.push(i.get().inner.clone());
    }
    Ok(out)
}

fn severity_arg(py: Python<'_>, s: &str) -> PyResult<Severity> {
    choice(
        py,
        "min_severity",
        s,
        &[
            ("error", Severity::Error),
            ("warning", Severity::Warning),
            ("info", Severity::Info),
        ],
    )
}

/// `ack_type(report)`: `AA`, `AE` or `AR` for a report (§12).
#[pyfunction]
pub fn ack_type(report: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(convert::token(&risposta::tipo_esito(&report_arg(report)?)))
}

/// `ack_for(message, report, *, message_id, created, sender, min_severity="warning",
/// max_details=100)`.
#[pyfunction]
#[pyo3(signature = (message, report, *, message_id, created, sender, min_severity = "warning", max_details = 100))]
#[allow(clippy::too_many_arguments)]
pub fn ack_for(
    py: Python<'_>,
    message: &Bound<'_, PyAny>,
    report: &Bound<'_, PyAny>,
    message_id: &Bound<'_, PyAny>,
    created: &Bound<'_, PyAny>,
    sender: &Bound<'_, PyAny>,
    min_severity: &str,
    max_details: usize,
) -> PyResult<PyAck> {
    let m = message_arg(message)?;
    let r = report_arg(report)?;
    let o = OpzioniRisposta {
        severita_minima: severity_arg(py, min_severity)?,
        max_dettagli: max_details,
    };
    let inner = risposta_da_report(
        &m,
        &r,
        ident_arg(message_id, "message_id")?,
        istante(created)?,
        ident_arg(sender, "sender")?,
        &o,
    );
    Ok(PyAck { inner })
}

/// `write_ack(ack, *, indent=True) -> str`.
#[pyfunction]
#[pyo3(signature = (ack, *, indent = true))]
pub fn write_ack(py: Python<'_>, ack: &Bound<'_, PyAny>, indent: bool) -> PyResult<String> {
    let a = if let Ok(a) = ack.downcast::<PyAck>() {
        a.get().inner.clone()
    } else {
        let bytes = json_bytes(ack, "ack")?;
        json::parse_slice::<RispostaInterscambio>(&bytes).py_err(py)?
    };
    scrivi_risposta(&a, indent).py_err(py)
}

/// Result of reading an acknowledgement.
#[pyclass(module = "cartella", name = "AckReadResult", frozen)]
pub struct PyAckReadResult {
    ack: Option<RispostaInterscambio>,
    issues: Vec<Issue>,
}

#[pymethods]
impl PyAckReadResult {
    #[getter]
    fn ack(&self) -> Option<PyAck> {
        self.ack.as_ref().map(|a| PyAck { inner: a.clone() })
    }
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        issues(&self.issues)
    }
    fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }
    fn rule_ids(&self) -> Vec<String> {
        self.issues.iter().map(|i| i.rule_id.clone()).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "AckReadResult(ack={}, issues={})",
            if self.ack.is_some() { "Ack" } else { "None" },
            self.issues.len()
        )
    }
}

/// `read_ack(xml, *, max_size=None, max_depth=None, max_elements=None, max_attribute=None)`.
#[pyfunction]
#[pyo3(signature = (xml, *, max_size = None, max_depth = None, max_elements = None, max_attribute = None))]
pub fn read_ack(
    py: Python<'_>,
    xml: &Bound<'_, PyAny>,
    max_size: Option<usize>,
    max_depth: Option<usize>,
    max_elements: Option<usize>,
    max_attribute: Option<usize>,
) -> PyResult<PyAckReadResult> {
    let bytes = xml_bytes(xml)?;
    let o = limits(max_size, max_depth, max_elements, max_attribute);
    let l = py.allow_threads(|| leggi_risposta(&bytes, &o)).py_err(py)?;
    Ok(PyAckReadResult {
        ack: l.risposta,
        issues: l.issues,
    })
}
