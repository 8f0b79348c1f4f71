//! Conversions between Python objects and `serde_json::Value` (and through it, any serde type of
//! the model), plus small helpers for dates.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::errors::invalid_argument;

/// A JSON value as a Python object (`dict`, `list`, `str`, `int`, `float`, `bool`, `None`).
pub fn value_to_py(py: Python<'_>, v: &Value) -> PyResult<PyObject> {
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any().unbind()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any().unbind()
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(a) => {
            let list = PyList::empty(py);
            for item in a {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(o) => {
            let dict = PyDict::new(py);
            for (k, item) in o {
                dict.set_item(k, value_to_py(py, item)?)?;
            }
            dict.into_any().unbind()
        }
    })
}

/// A Python object (JSON-like: `dict` with `str` keys, `list`/`tuple`, `str`, `int`, `float`,
/// `bool`, `None`; `datetime.date`/`datetime` are written in ISO form) as a JSON value.
pub fn py_to_value(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.downcast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.downcast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::Number(i.into()));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::Number(u.into()));
        }
        return Err(invalid_argument(py, what, "integer out of range"));
    }
    if let Ok(f) = obj.downcast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| invalid_argument(py, what, "NaN and infinities are not JSON"));
    }
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(d) = obj.downcast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let Ok(key) = k.downcast::<PyString>() else {
                return Err(invalid_argument(py, what, "dict keys must be str"));
            };
            map.insert(key.to_cow()?.into_owned(), py_to_value(&v, what)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.downcast::<PyList>() {
        return l
            .iter()
            .map(|v| py_to_value(&v, what))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.downcast::<PyTuple>() {
        return t
            .iter()
            .map(|v| py_to_value(&v, what))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if obj.hasattr("isoformat")? {
        let s: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(s));
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(invalid_argument(
        py,
        what,
        format!("{type_name} is not a JSON value"),
    ))
}

/// Python-style repr of an optional text: `None` or `'text'`.
pub fn repr_opt<S: AsRef<str>>(o: Option<S>) -> String {
    match o {
        None => "None".to_string(),
        Some(s) => format!("{:?}", s.as_ref()),
    }
}

/// Any serialisable model value as a Python object.
pub fn to_py<T: Serialize>(py: Python<'_>, v: &T) -> PyResult<PyObject> {
    match serde_json::to_value(v) {
        Ok(value) => value_to_py(py, &value),
        Err(e) => Err(pyo3::exceptions::PyRuntimeError::new_err(e.to_string())),
    }
}

/// The serde token of a closed-list value (e.g. `"APERTA"`), or its JSON text.
pub fn token<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A model value of type `T` from a Python object (via its canonical JSON form).
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let value = py_to_value(obj, what)?;
    serde_json::from_value(value).map_err(|e| {
        invalid_argument(
            obj.py(),
            what,
            cartella::privacy::maschera_testo(&e.to_string()),
        )
    })
}

/// Text of a `str` or `bytes` object (bytes must be UTF-8), else `None`.
pub fn text_or_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Option<Vec<u8>>> {
    if let Ok(s) = obj.downcast::<PyString>() {
        return Ok(Some(s.to_cow()?.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.downcast::<PyBytes>() {
        return Ok(Some(b.as_bytes().to_vec()));
    }
    if let Ok(b) = obj.downcast::<pyo3::types::PyByteArray>() {
        return Ok(Some(b.to_vec()));
    }
    Ok(None)
}

/// A date argument: `datetime.date` (a `datetime` is truncated to its date) or an ISO
/// `YYYY-MM-DD` string.
pub fn date_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    let py = obj.py();
    if let Ok(s) = obj.downcast::<PyString>() {
        let s = s.to_cow()?;
        return NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|e| invalid_argument(py, what, format!("{s:?}: {e}")));
    }
    if obj.hasattr("date")? && obj.hasattr("hour")? {
        // datetime.datetime
        return obj.call_method0("date")?.extract::<NaiveDate>();
    }
    obj.extract::<NaiveDate>()
        .map_err(|_| invalid_argument(py, what, "expected a datetime.date or an ISO date string"))
}

/// An optional date argument.
pub fn opt_date_arg(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<NaiveDate>> {
    match obj {
        None => Ok(None),
        Some(o) if o.is_none() => Ok(None),
        Some(o) => date_arg(o, what).map(Some),
    }
}
