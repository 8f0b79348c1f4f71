//! Codice fiscale (`cartella.cf`): `is_valid`, `check_many`, `decode`, `encode` and helpers.

use cartella::cf::{self, AnalisiCf, DatiAnagrafici, OpzioniCf, Sesso, TipoCf, TipoLuogo};
use cartella::refdata::DatiRiferimento;
use cartella::rules::Issue;
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rayon::prelude::*;

use crate::convert::{self, opt_date_arg};
use crate::errors::{self, IntoPyResult};
use crate::validate::PyIssue;

/// Birthplace decoded from positions 12–15.
#[pyclass(module = "cartella.cf", name = "Birthplace", frozen)]
pub struct PyBirthplace {
    code: String,
    name: Option<String>,
    kind: &'static str,
    province: Option<String>,
}

#[pymethods]
impl PyBirthplace {
    /// Belfiore code (omocodia letters decoded), e.g. `H501`.
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }
    /// Name from the reference tables, when known.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// `comune` or `estero`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }
    /// Sigla provincia of the comune, when known.
    #[getter]
    fn province(&self) -> Option<&str> {
        self.province.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "Birthplace(code={:?}, name={}, kind={:?})",
            self.code,
            convert::repr_opt(self.name.as_deref()),
            self.kind
        )
    }
}

/// Result of `cf.decode`.
#[pyclass(module = "cartella.cf", name = "DecodedCf", frozen)]
pub struct PyDecodedCf {
    code: String,
    masked: String,
    kind: Option<&'static str>,
    is_valid: bool,
    sex: Option<&'static str>,
    birth_date: Option<NaiveDate>,
    birthplace: Option<Py<PyBirthplace>>,
    omocodia: bool,
    issues: Vec<Issue>,
}

#[pymethods]
impl PyDecodedCf {
    /// The normalised code (unmasked: never log it; `masked` is safe).
    #[getter]
    fn code(&self) -> &str {
        &self.code
    }
    /// The normalised code, masked.
    #[getter]
    fn masked(&self) -> &str {
        &self.masked
    }
    /// `personal` (16 characters), `numeric` (11 digits) or `None` (neither).
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.kind
    }
    /// No finding of severity `error`.
    #[getter]
    fn is_valid(&self) -> bool {
        self.is_valid
    }
    /// `M` or `F`.
    #[getter]
    fn sex(&self) -> Option<&'static str> {
        self.sex
    }
    #[getter]
    fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
    }
    #[getter]
    fn birthplace(&self, py: Python<'_>) -> Option<Py<PyBirthplace>> {
        self.birthplace.as_ref().map(|b| b.clone_ref(py))
    }
    /// The code contains omocodia letters.
    #[getter]
    fn omocodia(&self) -> bool {
        self.omocodia
    }
    /// The findings (`CF-*`), with severity and messages (the code is masked).
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.issues
            .iter()
            .map(|i| PyIssue { inner: i.clone() })
            .collect()
    }
    /// Rule ids of the findings.
    #[getter]
    fn rule_ids(&self) -> Vec<String> {
        self.issues.iter().map(|i| i.rule_id.clone()).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "DecodedCf(code={:?}, is_valid={}, sex={}, birth_date={})",
            self.masked,
            if self.is_valid { "True" } else { "False" },
            convert::repr_opt(self.sex),
            convert::repr_opt(self.birth_date.map(|d| d.to_string()))
        )
    }
}

fn decoded(py: Python<'_>, a: AnalisiCf) -> PyResult<PyDecodedCf> {
    let birthplace = match a.luogo_nascita {
        Some(l) => Some(Py::new(
            py,
            PyBirthplace {
                code: l.codice,
                name: l.denominazione,
                kind: match l.tipo {
                    TipoLuogo::Comune => "comune",
                    TipoLuogo::Estero => "estero",
                },
                province: l.sigla_provincia,
            },
        )?),
        None => None,
    };
    let issues = a
        .findings
        .into_iter()
        .filter_map(|f| Issue::new(f.rule_id, "", f.params).ok())
        .collect();
    Ok(PyDecodedCf {
        masked: a.normalizzato.mascherato(),
        code: a.normalizzato.into_string(),
        kind: a.tipo.map(|t| match t {
            TipoCf::Personale => "personal",
            TipoCf::Numerico => "numeric",
        }),
        is_valid: a.valido,
        sex: a.sesso.map(Sesso::as_str),
        birth_date: a.data_nascita,
        birthplace,
        omocodia: a.omocodia,
        issues,
    })
}

fn sex_arg(py: Python<'_>, s: Option<&str>) -> PyResult<Option<Sesso>> {
    match s {
        None | Some("UN") => Ok(None),
        Some("M") => Ok(Some(Sesso::M)),
        Some("F") => Ok(Some(Sesso::F)),
        Some(other) => Err(errors::invalid_argument(
            py,
            "sex",
            format!("{other:?} is not one of M, F, UN"),
        )),
    }
}

/// Whether the code (normalised: spaces removed, upper-cased) is a valid codice fiscale.
#[pyfunction]
pub fn is_valid(code: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(cf::is_valid(&code.to_cow()?))
}

/// `is_valid` over a sequence of codes, in parallel with the GIL released; results in order.
#[pyfunction]
pub fn check_many(py: Python<'_>, codes: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    // Copy the codes into one contiguous buffer under the GIL (cheap), then check in parallel.
    let mut buf: Vec<u8> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let push = |s: &Bound<'_, PyAny>, buf: &mut Vec<u8>, ends: &mut Vec<usize>| -> PyResult<()> {
        let s = s.downcast::<PyString>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("check_many() expects a sequence of str")
        })?;
        buf.extend_from_slice(s.to_cow()?.as_bytes());
        ends.push(buf.len());
        Ok(())
    };
    if let Ok(list) = codes.downcast::<PyList>() {
        buf.reserve(list.len() * 16);
        ends.reserve(list.len());
        for item in list.iter() {
            push(&item, &mut buf, &mut ends)?;
        }
    } else {
        for item in pyo3::types::PyIterator::from_object(codes)? {
            push(&item?, &mut buf, &mut ends)?;
        }
    }
    let out = py.allow_threads(|| {
        let slice = |i: usize| {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            // Each slice is a whole UTF-8 string copied above.
            std::str::from_utf8(&buf[start..ends[i]]).is_ok_and(cf::is_valid)
        };
        const CHUNK: usize = 16 * 1024;
        if ends.len() < 2 * CHUNK {
            (0..ends.len()).map(slice).collect::<Vec<bool>>()
        } else {
            (0..ends.len())
                .into_par_iter()
                .with_min_len(CHUNK)
                .map(slice)
                .collect::<Vec<bool>>()
        }
    });
    Ok(out)
}

/// Decodes and checks a codice fiscale (rules `CF-001`…`CF-018`).
#[pyfunction]
#[pyo3(signature = (code, reference_date = None, *, reference_data = true, natural_person = false, birth_date = None, sex = None, surname = None, name = None, birth_comune_istat = None, birth_country_iso = None))]
#[allow(clippy::too_many_arguments)]
pub fn decode(
    py: Python<'_>,
    code: &str,
    reference_date: Option<&Bound<'_, PyAny>>,
    reference_data: bool,
    natural_person: bool,
    birth_date: Option<&Bound<'_, PyAny>>,
    sex: Option<&str>,
    surname: Option<&str>,
    name: Option<&str>,
    birth_comune_istat: Option<&str>,
    birth_country_iso: Option<&str>,
) -> PyResult<PyDecodedCf> {
    let confronto = DatiAnagrafici {
        data_nascita: opt_date_arg(birth_date, "birth_date")?,
        genere: sex_arg(py, sex)?,
        cognome: surname,
        nome: name,
        comune_nascita_istat: birth_comune_istat,
        stato_nascita_iso_numerico: birth_country_iso,
    };
    let compare = confronto != DatiAnagrafici::default();
    let opz = OpzioniCf {
        data_riferimento: opt_date_arg(reference_date, "reference_date")?,
        dati_riferimento: reference_data.then(DatiRiferimento::embedded),
        confronto: compare.then_some(confronto),
        persona_fisica: natural_person,
    };
    let a = cf::analizza(code, &opz);
    decoded(py, a)
}

/// Encodes a personal codice fiscale. `omocodia` (0…7): number of numeric positions, from the
/// right, replaced by omocodia letters.
#[pyfunction]
#[pyo3(signature = (surname, name, birth_date, sex, birthplace, omocodia = 0))]
pub fn encode(
    py: Python<'_>,
    surname: &str,
    name: &str,
    birth_date: &Bound<'_, PyAny>,
    sex: &str,
    birthplace: &str,
    omocodia: u8,
) -> PyResult<String> {
    let d = convert::date_arg(birth_date, "birth_date")?;
    let Some(s) = sex_arg(py, Some(sex))? else {
        return Err(errors::invalid_argument(py, "sex", "must be M or F"));
    };
    cf::codifica(surname, name, d, s, birthplace, omocodia).py_err(py)
}

/// Normalises a code: white space removed, ASCII letters upper-cased.
#[pyfunction]
pub fn normalize(code: &str) -> String {
    cf::normalizza(code).into_owned()
}

/// The check character of a 15-character prefix, or `None` if malformed.
#[pyfunction]
pub fn check_character(prefix: &str) -> Option<String> {
    cf::carattere_controllo(prefix).map(|c| c.to_string())
}

/// The check digit of an 11-digit numeric code (its first 10 digits are used), or `None`.
#[pyfunction]
pub fn check_digit(code: &str) -> Option<u8> {
    cf::cifra_controllo_numerico(code)
}

/// Surname letters (positions 1–3).
#[pyfunction]
pub fn surname_letters(surname: &str) -> String {
    cf::lettere_cognome(surname)
}

/// Name letters (positions 4–6).
#[pyfunction]
pub fn name_letters(name: &str) -> String {
    cf::lettere_nome(name)
}

/// Masks a codice fiscale for diagnostics (`RSSMRA*********U`).
#[pyfunction]
pub fn mask(code: &str) -> String {
    cartella::privacy::maschera_cf(code)
}
