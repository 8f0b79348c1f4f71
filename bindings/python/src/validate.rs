//! Validation: `Issue`, `Report`, `Validator`, `validate`, `validate_many`, the rule catalogue.

use std::sync::Arc;

use cartella::rules::{
    self, catalogo, Issue, Profile, Profiles, ReferenceData, Report, RuleDef, RuleSet,
    SuppressedIssue, Suppression, ValidationOptions, Validator,
};
use cartella::{json, CartellaError};
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator};
use rayon::prelude::*;

use crate::codelists::PyRegistry;
use crate::convert::{self, opt_date_arg, text_or_bytes};
use crate::errors::{self, IntoPyResult};
use crate::model::{dict_to_json, Source};

/// One finding. Findings are data, never exceptions.
#[pyclass(module = "cartella", name = "Issue", frozen)]
#[derive(Clone)]
pub struct PyIssue {
    pub inner: Issue,
}

#[pymethods]
impl PyIssue {
    /// Stable rule id, e.g. `CSI-ANA-002`.
    #[getter]
    fn rule_id(&self) -> &str {
        &self.inner.rule_id
    }
    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    /// `schema`, `guideline` or `siuss`.
    #[getter]
    fn profile(&self) -> &'static str {
        self.inner.profile.as_str()
    }
    /// JSON Pointer into the canonical document (`""` = the whole document).
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    /// XML path, for findings raised while reading XML.
    #[getter]
    fn xml_path(&self) -> Option<&str> {
        self.inner.xml_path.as_deref()
    }
    #[getter]
    fn message_it(&self) -> &str {
        &self.inner.message_it
    }
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }
    /// Message parameters (a codice fiscale is masked).
    #[getter]
    fn params(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.params.clone()
    }
    /// An error of profile `schema`.
    #[getter]
    fn is_blocking(&self) -> bool {
        self.inner.is_blocking()
    }
    /// The finding as a dict (the shape of the Rust/CLI JSON output).
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .downcast::<PyIssue>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.inner.rule_id.hash(&mut h);
        self.inner.path.hash(&mut h);
        self.inner.message_en.hash(&mut h);
        h.finish()
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Issue(rule_id={:?}, severity={:?}, path={:?})",
            self.inner.rule_id,
            self.inner.severity.as_str(),
            self.inner.path
        )
    }
}

/// A suppressed finding with the reason of its suppression.
#[pyclass(module = "cartella", name = "SuppressedIssue", frozen)]
pub struct PySuppressedIssue {
    inner: SuppressedIssue,
}

#[pymethods]
impl PySuppressedIssue {
    #[getter]
    fn issue(&self) -> PyIssue {
        PyIssue {
            inner: self.inner.issue.clone(),
        }
    }
    #[getter]
    fn reason(&self) -> &str {
        &self.inner.reason
    }
    fn __repr__(&self) -> String {
        format!(
            "SuppressedIssue(rule_id={:?}, path={:?}, reason={:?})",
            self.inner.issue.rule_id, self.inner.issue.path, self.inner.reason
        )
    }
}

/// The result of a validation.
#[pyclass(module = "cartella", name = "Report", frozen)]
pub struct PyReport {
    pub inner: Report,
}

#[pymethods]
impl PyReport {
    /// Findings, in the order the rules raised them.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.inner
            .issues
            .iter()
            .map(|i| PyIssue { inner: i.clone() })
            .collect()
    }
    /// Findings moved aside by suppressions, with their reasons.
    #[getter]
    fn suppressed(&self) -> Vec<PySuppressedIssue> {
        self.inner
            .suppressed
            .iter()
            .map(|s| PySuppressedIssue { inner: s.clone() })
            .collect()
    }
    /// No finding of severity `error`.
    #[getter]
    fn is_valid(&self) -> bool {
        self.inner.is_valid()
    }
    /// Some finding is an error of profile `schema`.
    #[getter]
    fn is_blocking(&self) -> bool {
        self.inner.is_blocking()
    }
    /// Findings of one severity (`error`, `warning`, `info`).
    fn with_severity(&self, py: Python<'_>, severity: &str) -> PyResult<Vec<PyIssue>> {
        let s = severity_arg(py, severity)?;
        Ok(self
            .inner
            .with_severity(s)
            .map(|i| PyIssue { inner: i.clone() })
            .collect())
    }
    /// Number of findings of one severity.
    fn count(&self, py: Python<'_>, severity: &str) -> PyResult<usize> {
        Ok(self.inner.count(severity_arg(py, severity)?))
    }
    /// Whether a finding of this rule was raised.
    fn has(&self, rule_id: &str) -> bool {
        self.inner.has(rule_id)
    }
    /// Sorted, de-duplicated rule ids of the findings.
    fn rule_ids(&self) -> Vec<String> {
        self.inner
            .rule_ids()
            .into_iter()
            .map(str::to_string)
            .collect()
    }
    /// The findings as a list of dicts (like pydantic's `errors()`).
    fn errors(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, &self.inner.issues)
    }
    /// The report as a dict: `{"issues": [...], "suppressed": [...]}`.
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        let value = serde_json::json!({
            "issues": self.inner.issues,
            "suppressed": self.inner.suppressed,
        });
        convert::value_to_py(py, &value)
    }
    /// The report as JSON text.
    fn to_json(&self) -> String {
        serde_json::json!({
            "issues": self.inner.issues,
            "suppressed": self.inner.suppressed,
        })
        .to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Report(is_valid={}, errors={}, warnings={}, infos={}, suppressed={})",
            if self.inner.is_valid() {
                "True"
            } else {
                "False"
            },
            self.inner.count(rules::Severity::Error),
            self.inner.count(rules::Severity::Warning),
            self.inner.count(rules::Severity::Info),
            self.inner.suppressed.len()
        )
    }
}

fn severity_arg(py: Python<'_>, s: &str) -> PyResult<rules::Severity> {
    match s {
        "error" => Ok(rules::Severity::Error),
        "warning" => Ok(rules::Severity::Warning),
        "info" => Ok(rules::Severity::Info),
        other => Err(errors::invalid_argument(
            py,
            "severity",
            format!("{other:?} is not one of error, warning, info"),
        )),
    }
}

/// Builds validation options from the Python arguments.
pub(crate) fn options(
    py: Python<'_>,
    profile: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
    reference_data: bool,
) -> PyResult<ValidationOptions> {
    let profile: Profile = profile.parse().py_err(py)?;
    let mut opts = ValidationOptions::default().with_profiles(Profiles::up_to(profile));
    if let Some(d) = opt_date_arg(as_of, "as_of")? {
        opts = opts.as_of(d);
    }
    if let Some(r) = registry {
        opts = opts.with_registro(Arc::clone(&r.inner));
    }
    if !reference_data {
        opts = opts.with_reference_data(ReferenceData::Disabled);
    }
    if let Some(items) = suppress {
        if !items.is_none() {
            for item in PyIterator::from_object(items)? {
                let item = item?;
                let (rule_id, path_prefix, reason): (String, String, String) =
                    item.extract().map_err(|_| {
                        errors::invalid_argument(
                            py,
                            "suppress",
                            "each suppression is a (rule_id, path_prefix, reason) tuple",
                        )
                    })?;
                opts = opts.suppress(Suppression::new(rule_id, path_prefix, reason).py_err(py)?);
            }
        }
    }
    Ok(opts)
}

/// A validator with fixed options; reuse it for many documents. Thread-safe.
#[pyclass(module = "cartella", name = "Validator", frozen)]
pub struct PyValidator {
    inner: Validator,
    profile: Profile,
}

#[pymethods]
impl PyValidator {
    #[new]
    #[pyo3(signature = (profile = "guideline", *, as_of = None, suppress = None, registry = None, reference_data = true))]
    fn new(
        py: Python<'_>,
        profile: &str,
        as_of: Option<&Bound<'_, PyAny>>,
        suppress: Option<&Bound<'_, PyAny>>,
        registry: Option<PyRef<'_, PyRegistry>>,
        reference_data: bool,
    ) -> PyResult<PyValidator> {
        let opts = options(py, profile, as_of, suppress, registry, reference_data)?;
        Ok(PyValidator {
            inner: Validator::new(opts),
            profile: profile.parse().py_err(py)?,
        })
    }

    /// The highest profile run (the set is cumulative up to it).
    #[getter]
    fn profile(&self) -> &'static str {
        self.profile.as_str()
    }

    /// The validation date used now (the configured one, else today in Europe/Rome).
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of()
    }

    /// Validates one cartella (`Cartella`, canonical JSON `str`/`bytes`, or `dict`).
    fn validate(&self, py: Python<'_>, cartella: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        let source = Source::from_py(cartella)?;
        let validator = &self.inner;
        let report = py
            .allow_threads(|| source.resolve().map(|c| validator.validate(&c)))
            .py_err(py)?;
        Ok(PyReport { inner: report })
    }

    /// Validates many cartelle in parallel (GIL released), results in input order.
    fn validate_many(
        &self,
        py: Python<'_>,
        cartelle: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyReport>> {
        validate_many_with(py, &self.inner, cartelle)
    }

    /// Validates an interchange message (canonical JSON `str`/`bytes` or `dict`): its cartella
    /// (paths under `/cartella`) plus the message-level rules.
    fn validate_message(&self, py: Python<'_>, message: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        if let Ok(m) = message.downcast::<crate::interscambio::PyMessage>() {
            let validator = &self.inner;
            let m = &m.get().inner;
            let report = py.allow_threads(|| validator.validate_messaggio(m));
            return Ok(PyReport { inner: report });
        }
        let text = match text_or_bytes(message)? {
            Some(b) => b,
            None if message.downcast::<PyDict>().is_ok() => dict_to_json(message)?.into_bytes(),
            None => {
                return Err(pyo3::exceptions::PyTypeError::new_err(
                    "expected a Message, canonical JSON (str or bytes) or a dict",
                ))
            }
        };
        let validator = &self.inner;
        let report = py
            .allow_threads(|| {
                json::parse_slice::<cartella::model::MessaggioInterscambio>(&text)
                    .map(|m| validator.validate_messaggio(&m))
            })
            .py_err(py)?;
        Ok(PyReport { inner: report })
    }

    fn __repr__(&self) -> String {
        format!("Validator(profile={:?})", self.profile.as_str())
    }
}

fn validate_many_with(
    py: Python<'_>,
    validator: &Validator,
    cartelle: &Bound<'_, PyAny>,
) -> PyResult<Vec<PyReport>> {
    let mut sources = Vec::new();
    for item in PyIterator::from_object(cartelle)? {
        sources.push(Source::from_py(&item?)?);
    }
    let results: Vec<Result<Report, (usize, CartellaError)>> = py.allow_threads(|| {
        sources
            .into_par_iter()
            .enumerate()
            .map(|(i, s)| {
                s.resolve()
                    .map(|c| validator.validate(&c))
                    .map_err(|e| (i, e))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(report) => out.push(PyReport { inner: report }),
            Err((i, e)) => {
                let err = errors::to_py(py, e);
                err.value(py).setattr("index", i)?;
                return Err(err);
            }
        }
    }
    Ok(out)
}

/// `validate(cartella, profile="guideline", *, as_of=None, suppress=(), registry=None,
/// reference_data=True)`.
#[pyfunction]
#[pyo3(signature = (cartella, profile = "guideline", *, as_of = None, suppress = None, registry = None, reference_data = true))]
pub fn validate(
    py: Python<'_>,
    cartella: &Bound<'_, PyAny>,
    profile: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
    reference_data: bool,
) -> PyResult<PyReport> {
    let v = PyValidator::new(py, profile, as_of, suppress, registry, reference_data)?;
    v.validate(py, cartella)
}

/// `validate_many(cartelle, profile="guideline", ...)`: parallel, GIL released, in order.
#[pyfunction]
#[pyo3(signature = (cartelle, profile = "guideline", *, as_of = None, suppress = None, registry = None, reference_data = true))]
pub fn validate_many(
    py: Python<'_>,
    cartelle: &Bound<'_, PyAny>,
    profile: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
    reference_data: bool,
) -> PyResult<Vec<PyReport>> {
    let v = PyValidator::new(py, profile, as_of, suppress, registry, reference_data)?;
    validate_many_with(py, &v.inner, cartelle)
}

/// `validate_message(message, profile="guideline", ...)`.
#[pyfunction]
#[pyo3(signature = (message, profile = "guideline", *, as_of = None, suppress = None, registry = None, reference_data = true))]
pub fn validate_message(
    py: Python<'_>,
    message: &Bound<'_, PyAny>,
    profile: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    suppress: Option<&Bound<'_, PyAny>>,
    registry: Option<PyRef<'_, PyRegistry>>,
    reference_data: bool,
) -> PyResult<PyReport> {
    let v = PyValidator::new(py, profile, as_of, suppress, registry, reference_data)?;
    v.validate_message(py, message)
}

/// One rule of the catalogue.
#[pyclass(module = "cartella", name = "Rule", frozen)]
pub struct PyRule {
    inner: &'static RuleDef,
}

#[pymethods]
impl PyRule {
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    #[getter]
    fn profile(&self) -> &'static str {
        self.inner.profile.as_str()
    }
    /// Rule set, e.g. `CSI-2016`.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.ruleset
    }
    #[getter]
    fn valid_from(&self) -> Option<NaiveDate> {
        self.inner.valid_from
    }
    #[getter]
    fn valid_to(&self) -> Option<NaiveDate> {
        self.inner.valid_to
    }
    /// Provenance tags (`A`, `B`, `INPS`, `D`).
    #[getter]
    fn source(&self) -> Vec<String> {
        self.inner.source.clone()
    }
    #[getter]
    fn reference(&self) -> &str {
        &self.inner.reference
    }
    #[getter]
    fn description(&self) -> &str {
        &self.inner.description
    }
    #[getter]
    fn message_it(&self) -> &str {
        &self.inner.message_it
    }
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }
    /// Names of the message parameters.
    #[getter]
    fn params(&self) -> Vec<String> {
        self.inner.params.clone()
    }
    /// `xml`, `canonical`, `siuss` or `waas`.
    #[getter]
    fn stage(&self) -> String {
        convert::token(&self.inner.stage)
    }
    /// Rule-id family, e.g. `CSI-ANA`.
    #[getter]
    fn family(&self) -> &str {
        self.inner.family()
    }
    /// Whether the rule's rule set is in force on `date`.
    fn in_force(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.in_force(convert::date_arg(date, "date")?))
    }
    fn to_dict(&self, py: Python<'_>) -> PyResult<PyObject> {
        convert::to_py(py, self.inner)
    }
    fn __repr__(&self) -> String {
        format!(
            "Rule(id={:?}, severity={:?}, profile={:?})",
            self.inner.id,
            self.inner.severity.as_str(),
            self.inner.profile.as_str()
        )
    }
}

/// A rule set with its effective dates.
#[pyclass(module = "cartella", name = "RuleSet", frozen)]
pub struct PyRuleSet {
    inner: &'static RuleSet,
}

#[pymethods]
impl PyRuleSet {
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    #[getter]
    fn valid_from(&self) -> Option<NaiveDate> {
        self.inner.valid_from
    }
    #[getter]
    fn valid_to(&self) -> Option<NaiveDate> {
        self.inner.valid_to
    }
    /// Number of rules in the set.
    #[getter]
    fn rules(&self) -> usize {
        self.inner.rules
    }
    fn __repr__(&self) -> String {
        format!(
            "RuleSet(name={:?}, rules={})",
            self.inner.name, self.inner.rules
        )
    }
}

/// Every rule of the catalogue, in catalogue order.
#[pyfunction(name = "rules")]
pub fn list_rules() -> Vec<PyRule> {
    catalogo()
        .rules()
        .iter()
        .map(|r| PyRule { inner: r })
        .collect()
}

/// The rule with this id (raises `UnknownRuleError`).
#[pyfunction]
pub fn explain(py: Python<'_>, rule_id: &str) -> PyResult<PyRule> {
    catalogo()
        .get(rule_id)
        .map(|r| PyRule { inner: r })
        .ok_or_else(|| errors::to_py(py, CartellaError::RegolaSconosciuta(rule_id.to_string())))
}

/// The rule sets with their effective dates.
#[pyfunction]
pub fn rulesets() -> Vec<PyRuleSet> {
    catalogo()
        .rulesets()
        .iter()
        .map(|r| PyRuleSet { inner: r })
        .collect()
}

/// Ids of the rules the engine implements.
#[pyfunction]
pub fn implemented_rules() -> Vec<String> {
    rules::IMPLEMENTED.iter().map(|s| s.to_string()).collect()
}

/// Builds an `Issue` of a catalogue rule (messages rendered, `cf` parameters masked).
#[pyfunction]
#[pyo3(signature = (rule_id, path = "", params = None))]
pub fn make_issue(
    py: Python<'_>,
    rule_id: &str,
    path: &str,
    params: Option<std::collections::BTreeMap<String, String>>,
) -> PyResult<PyIssue> {
    let params = params.unwrap_or_default();
    let issue = Issue::new(
        rule_id,
        path,
        params.iter().map(|(k, v)| (k.as_str(), v.clone())),
    )
    .py_err(py)?;
    Ok(PyIssue { inner: issue })
}
