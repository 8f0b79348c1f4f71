//! Mapping of [`cartella::CartellaError`] to the Python exception hierarchy of
//! `cartella/errors.py` (one base class, `CartellaError`, and a subclass per failure kind).
//!
//! The exception classes are plain Python classes (so that they carry typed attributes such as
//! `rule_id`); they are looked up once and cached.

use cartella::CartellaError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::IntoPyObjectExt;

static ERRORS_MODULE: GILOnceCell<Py<PyModule>> = GILOnceCell::new();

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    ERRORS_MODULE
        .get_or_try_init(py, || py.import("cartella.errors").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// The exception class `name` of `cartella.errors`.
pub fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    Ok(errors_module(py)?
        .getattr(name)?
        .downcast_into::<PyType>()?)
}

/// Builds an exception of class `name` with a message and keyword attributes.
pub fn make(py: Python<'_>, name: &str, message: String, attrs: &[(&str, PyObject)]) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = class(py, name)?;
        let kwargs = PyDict::new(py);
        for (k, v) in attrs {
            kwargs.set_item(k, v)?;
        }
        let args = PyTuple::new(py, [message.clone()])?;
        let value = cls.call(args, Some(&kwargs))?;
        Ok(PyErr::from_value(value))
    };
    match build() {
        Ok(e) => e,
        // The errors module is part of the package: failing to import it is a broken install.
        Err(e) => PyRuntimeError::new_err(format!("cartella: cannot raise {name}: {e}")),
    }
}

/// `InvalidArgumentError(message, name=...)`.
pub fn invalid_argument(py: Python<'_>, name: &str, message: impl Into<String>) -> PyErr {
    let message = message.into();
    make(
        py,
        "InvalidArgumentError",
        format!("invalid argument {name}: {message}"),
        &[("name", obj(py, name))],
    )
}

fn obj<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyObject {
    v.into_py_any(py).unwrap_or_else(|_| py.None())
}

/// Converts a library error into the matching Python exception.
pub fn to_py(py: Python<'_>, e: CartellaError) -> PyErr {
    let message = e.to_string();
    match e {
        CartellaError::Json { line, column, .. } => make(
            py,
            "ParseError",
            message,
            &[("line", obj(py, line)), ("column", obj(py, column))],
        ),
        CartellaError::VersioneModello { found, expected } => make(
            py,
            "UnsupportedVersionError",
            message,
            &[("found", obj(py, found)), ("expected", obj(py, expected))],
        ),
        CartellaError::Tabella { table, .. } => {
            make(py, "TableError", message, &[("table", obj(py, table))])
        }
        CartellaError::SistemaSconosciuto(system) => make(
            py,
            "UnknownCodeSystemError",
            message,
            &[("system", obj(py, system))],
        ),
        CartellaError::RegolaSconosciuta(rule_id) => make(
            py,
            "UnknownRuleError",
            message,
            &[("rule_id", obj(py, rule_id))],
        ),
        CartellaError::SoppressioneSenzaMotivo { rule_id } => make(
            py,
            "SuppressionError",
            message,
            &[("rule_id", obj(py, rule_id))],
        ),
        CartellaError::TransizioneIllegale {
            rule_id,
            evento,
            stato,
        } => make(
            py,
            "IllegalTransitionError",
            message,
            &[
                ("rule_id", obj(py, rule_id)),
                ("event", obj(py, evento)),
                ("state", obj(py, stato)),
            ],
        ),
        CartellaError::Argomento { name, .. } => make(
            py,
            "InvalidArgumentError",
            message,
            &[("name", obj(py, name))],
        ),
        CartellaError::FlussoNonDerivabile { findings } => {
            let issues: Vec<crate::validate::PyIssue> = findings
                .into_iter()
                .map(|inner| crate::validate::PyIssue { inner })
                .collect();
            make(
                py,
                "FlussoNonDerivabileError",
                message,
                &[("issues", obj(py, issues))],
            )
        }
        CartellaError::Io(_) => make(py, "CartellaIOError", message, &[]),
        _ => make(py, "CartellaError", message, &[]),
    }
}

/// `Result<T, CartellaError>` → `PyResult<T>`.
pub trait IntoPyResult<T> {
    /// Maps the error with [`to_py`].
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, CartellaError> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
