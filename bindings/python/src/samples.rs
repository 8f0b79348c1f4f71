//! The embedded sample cartelle (`cartella::samples`).

use cartella::samples::{self, Sample};
use pyo3::prelude::*;

use crate::errors::{invalid_argument, IntoPyResult};
use crate::model::PyCartella;

/// One embedded sample.
#[pyclass(module = "cartella", name = "Sample", frozen)]
pub struct PySample {
    inner: &'static Sample,
}

#[pymethods]
impl PySample {
    /// Short name, e.g. `accesso-informativo`.
    #[getter]
    fn name(&self) -> &'static str {
        self.inner.name
    }
    /// What the sample shows; for invalid samples, the rules it triggers.
    #[getter]
    fn description(&self) -> &'static str {
        self.inner.description
    }
    /// The canonical JSON text.
    #[getter]
    fn json(&self) -> &'static str {
        self.inner.json
    }
    /// Whether the sample is expected to have no error and no warning (default profiles).
    #[getter]
    fn expect_valid(&self) -> bool {
        self.inner.expect_valid
    }
    /// The rule ids an invalid sample is documented to trigger.
    #[getter]
    fn expected_rules(&self) -> Vec<&'static str> {
        self.inner.expected_rules()
    }
    /// The sample parsed.
    fn load(&self, py: Python<'_>) -> PyResult<PyCartella> {
        let c = cartella::json::from_str(self.inner.json).py_err(py)?;
        Ok(PyCartella::new(c))
    }
    fn __repr__(&self) -> String {
        format!(
            "Sample(name={:?}, expect_valid={})",
            self.inner.name,
            if self.inner.expect_valid {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// Every embedded sample: the valid ones first, then the invalid ones.
#[pyfunction(name = "samples")]
pub fn all_samples() -> Vec<PySample> {
    samples::all()
        .iter()
        .map(|s| PySample { inner: s })
        .collect()
}

/// The sample with this name (raises `InvalidArgumentError` when unknown).
#[pyfunction]
pub fn sample(py: Python<'_>, name: &str) -> PyResult<PySample> {
    samples::get(name)
        .map(|s| PySample { inner: s })
        .ok_or_else(|| invalid_argument(py, "name", format!("no sample named {name:?}")))
}
