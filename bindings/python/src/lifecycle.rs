//! Lifecycle of a processo di aiuto (`cartella.lifecycle`): apply an API event, current state,
//! allowed transitions, replay. The state machine is entirely the core's
//! (`cartella::lifecycle`); this module only translates arguments.

use std::sync::Arc;

use cartella::lifecycle::{
    self, DatiEvento, Evento, OpzioniTransizione, Servizio, Stato, TipoPasso,
};
use cartella::model::{
    Codice, CodiceFiscale, Ente, EsitoProcesso, Fase, FaseAccesso, FaseErogazioneServizio,
    FaseProgettoIndividuale, FaseValutazioneBisogno, FaseValutazioneFinale, Istante, ListaChiusa,
    Operatore, ProcessoAiuto, Ricezione, RuoloOperatore, TipoEvento, TipoFase,
};
use cartella::rules::Issue;
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::Value;

use crate::convert::{from_py, py_to_value};
use crate::errors::{invalid_argument, IntoPyResult};
use crate::model::{PyCartella, PyFase, PyProcessoAiuto};
use crate::validate::PyIssue;

fn issues(v: Vec<Issue>) -> Vec<PyIssue> {
    v.into_iter().map(|inner| PyIssue { inner }).collect()
}

fn closed<T: ListaChiusa>(py: Python<'_>, code: &str, what: &str) -> PyResult<T> {
    T::from_code(code).ok_or_else(|| {
        invalid_argument(
            py,
            what,
            format!("{code:?} is not one of {}", T::CODES.join(", ")),
        )
    })
}

/// An instant argument: ISO text (`2024-01-10`, `2024-01-10T09:30`), `datetime.date` or
/// `datetime.datetime`.
pub(crate) fn istante(obj: &Bound<'_, PyAny>) -> PyResult<Istante> {
    let py = obj.py();
    let text = if let Ok(s) = obj.downcast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if obj.hasattr("isoformat")? {
        obj.call_method0("isoformat")?.extract::<String>()?
    } else {
        return Err(invalid_argument(
            py,
            "date",
            "expected an ISO date/time string, datetime.date or datetime.datetime",
        ));
    };
    Istante::parse(&text).py_err(py)
}

/// A phase record of kind `tipo` from a dict (canonical JSON of the record; `tipo_fase` and
/// `stato_fase` may be omitted: the machine sets the header) or an empty one with `id_fase`.
fn record(
    py: Python<'_>,
    tipo: TipoFase,
    record: Option<&Bound<'_, PyAny>>,
    id_fase: Option<&str>,
) -> PyResult<Fase> {
    let mut value = match record {
        Some(r) if !r.is_none() => py_to_value(r, "record")?,
        _ => {
            let Some(id) = id_fase else {
                return Err(invalid_argument(
                    py,
                    "record",
                    "this event opens a record: give record={...} or id_fase=...",
                ));
            };
            serde_json::json!({ "id_fase": id })
        }
    };
    let Value::Object(map) = &mut value else {
        return Err(invalid_argument(py, "record", "must be a dict"));
    };
    if let Some(id) = id_fase {
        map.entry("id_fase")
            .or_insert_with(|| Value::String(id.into()));
    }
    map.entry("tipo_fase")
        .or_insert_with(|| Value::String(tipo.code().into()));
    map.entry("stato_fase")
        .or_insert_with(|| Value::String("APERTA".into()));
    let fase: Fase = serde_json::from_value(value).map_err(|e| {
        invalid_argument(
            py,
            "record",
            cartella::privacy::maschera_testo(&e.to_string()),
        )
    })?;
    if fase.tipo() != tipo {
        return Err(invalid_argument(
            py,
            "record",
            format!(
                "this event needs a {} record, got {}",
                tipo.code(),
                fase.tipo().code()
            ),
        ));
    }
    Ok(fase)
}

macro_rules! record_of {
    ($py:expr, $fase:expr, $variant:ident) => {
        match $fase {
            Fase::$variant(r) => r,
            _ => return Err(invalid_argument($py, "record", "wrong record kind")),
        }
    };
}

fn accesso(
    py: Python<'_>,
    r: Option<&Bound<'_, PyAny>>,
    id: Option<&str>,
) -> PyResult<FaseAccesso> {
    Ok(record_of!(
        py,
        record(py, TipoFase::Accesso, r, id)?,
        Accesso
    ))
}
fn valutazione(
    py: Python<'_>,
    r: Option<&Bound<'_, PyAny>>,
    id: Option<&str>,
) -> PyResult<FaseValutazioneBisogno> {
    Ok(record_of!(
        py,
        record(py, TipoFase::ValutazioneBisogno, r, id)?,
        ValutazioneBisogno
    ))
}
fn progetto(
    py: Python<'_>,
    r: Option<&Bound<'_, PyAny>>,
    id: Option<&str>,
) -> PyResult<FaseProgettoIndividuale> {
    Ok(record_of!(
        py,
        record(py, TipoFase::ProgettoIndividuale, r, id)?,
        ProgettoIndividuale
    ))
}
fn erogazione(
    py: Python<'_>,
    r: Option<&Bound<'_, PyAny>>,
    id: Option<&str>,
) -> PyResult<FaseErogazioneServizio> {
    Ok(record_of!(
        py,
        record(py, TipoFase::ErogazioneServizio, r, id)?,
        ErogazioneServizio
    ))
}
fn finale(
    py: Python<'_>,
    r: Option<&Bound<'_, PyAny>>,
    id: Option<&str>,
) -> PyResult<FaseValutazioneFinale> {
    Ok(record_of!(
        py,
        record(py, TipoFase::ValutazioneFinale, r, id)?,
        ValutazioneFinale
    ))
}

fn need<T>(py: Python<'_>, v: Option<T>, what: &str, event: &str) -> PyResult<T> {
    v.ok_or_else(|| invalid_argument(py, what, format!("required by {event}")))
}

/// The keyword arguments of an event.
pub struct EventArgs<'a, 'py> {
    record: Option<&'a Bound<'py, PyAny>>,
    id_fase: Option<&'a str>,
    esito: Option<&'a str>,
    motivazione: Option<&'a Bound<'py, PyAny>>,
    ente_destinatario: Option<&'a Bound<'py, PyAny>>,
    stessa_regione: bool,
    id_messaggio: Option<String>,
    ruolo: Option<&'a str>,
    operatore: Option<&'a Bound<'py, PyAny>>,
}

fn evento(py: Python<'_>, code: &str, a: &EventArgs<'_, '_>) -> PyResult<Evento> {
    let tipo: TipoEvento = closed(py, code, "event")?;
    let esito =
        |py| -> PyResult<EsitoProcesso> { closed(py, need(py, a.esito, "esito", code)?, "esito") };
    let id = || need(py, a.id_fase, "id_fase", code).map(str::to_string);
    Ok(match tipo {
        TipoEvento::ApriAccesso => Evento::ApriAccesso(accesso(py, a.record, a.id_fase)?),
        TipoEvento::AvviaValutazione => {
            Evento::AvviaValutazione(valutazione(py, a.record, a.id_fase)?)
        }
        TipoEvento::ChiudiAccesso => Evento::ChiudiAccesso { esito: esito(py)? },
        TipoEvento::PrendiInCarico => Evento::PrendiInCarico(progetto(py, a.record, a.id_fase)?),
        TipoEvento::NonPrendereInCarico => Evento::NonPrendereInCarico { esito: esito(py)? },
        TipoEvento::ApprovaProgetto => Evento::ApprovaProgetto,
        TipoEvento::RegistraServizio => {
            Evento::RegistraServizio(erogazione(py, a.record, a.id_fase)?)
        }
        TipoEvento::MettiInGraduatoria => Evento::MettiInGraduatoria { id_fase: id()? },
        TipoEvento::AttivaServizio => match a.record {
            Some(r) if !r.is_none() => {
                Evento::AttivaServizio(Servizio::Nuovo(erogazione(py, a.record, a.id_fase)?))
            }
            _ => Evento::AttivaServizio(Servizio::Registrato(id()?)),
        },
        TipoEvento::SospendiServizio => Evento::SospendiServizio {
            id_fase: id()?,
            motivazione: match a.motivazione {
                Some(m) if !m.is_none() => Some(from_py::<Codice>(m, "motivazione")?),
                _ => None,
            },
        },
        TipoEvento::RiprendiServizio => Evento::RiprendiServizio { id_fase: id()? },
        TipoEvento::ConcludiServizio => Evento::ConcludiServizio {
            id_fase: id()?,
            esito: esito(py)?,
        },
        TipoEvento::Riprogetta => Evento::Riprogetta(progetto(py, a.record, a.id_fase)?),
        TipoEvento::AvviaValutazioneFinale => {
            Evento::AvviaValutazioneFinale(finale(py, a.record, a.id_fase)?)
        }
        TipoEvento::NuovoProgetto => Evento::NuovoProgetto(progetto(py, a.record, a.id_fase)?),
        TipoEvento::ChiudiProcesso => Evento::ChiudiProcesso,
        TipoEvento::Riapri => Evento::Riapri(valutazione(py, a.record, a.id_fase)?),
        TipoEvento::Trasferisci => Evento::Trasferisci {
            ente_destinatario: from_py::<Ente>(
                need(py, a.ente_destinatario, "ente_destinatario", code)?,
                "ente_destinatario",
            )?,
            stessa_regione: a.stessa_regione,
            id_messaggio: a.id_messaggio.clone(),
        },
        TipoEvento::Annulla => Evento::Annulla,
        TipoEvento::CambiaResponsabile => Evento::CambiaResponsabile {
            id_fase: id()?,
            ruolo: closed::<RuoloOperatore>(py, need(py, a.ruolo, "ruolo", code)?, "ruolo")?,
            operatore: from_py::<Operatore>(
                need(py, a.operatore, "operatore", code)?,
                "operatore",
            )?,
        },
        TipoEvento::NuovoAccesso | TipoEvento::RiceviTrasferimento => {
            return Err(invalid_argument(
                py,
                "event",
                format!(
                    "{code} creates a process: use lifecycle.new_access / lifecycle.receive_transfer"
                ),
            ))
        }
        #[allow(unreachable_patterns)]
        _ => return Err(invalid_argument(py, "event", format!("{code}: not supported"))),
    })
}

fn dati(
    date: &Bound<'_, PyAny>,
    operator_cf: Option<&str>,
    note: Option<&str>,
) -> PyResult<DatiEvento> {
    let mut d = DatiEvento::il(istante(date)?);
    if let Some(cf) = operator_cf {
        d = d.con_operatore(CodiceFiscale::new(cf));
    }
    if let Some(n) = note {
        d = d.con_nota(n);
    }
    Ok(d)
}

fn opzioni(strict: bool) -> OpzioniTransizione {
    if strict {
        OpzioniTransizione::rigorose()
    } else {
        OpzioniTransizione::default()
    }
}

/// Applies an API event to a process (in place). Returns the soft-guard warnings; raises
/// `IllegalTransitionError` (with `rule_id`) when the event is refused (the target is then
/// unchanged).
#[pyfunction]
#[pyo3(signature = (target, event, *, date, process_id = None, record = None, id_fase = None, esito = None, motivazione = None, ente_destinatario = None, stessa_regione = false, id_messaggio = None, ruolo = None, operatore = None, operator_cf = None, note = None, strict = false))]
#[allow(clippy::too_many_arguments)]
pub fn apply(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    event: &str,
    date: &Bound<'_, PyAny>,
    process_id: Option<&str>,
    record: Option<&Bound<'_, PyAny>>,
    id_fase: Option<&str>,
    esito: Option<&str>,
    motivazione: Option<&Bound<'_, PyAny>>,
    ente_destinatario: Option<&Bound<'_, PyAny>>,
    stessa_regione: bool,
    id_messaggio: Option<String>,
    ruolo: Option<&str>,
    operatore: Option<&Bound<'_, PyAny>>,
    operator_cf: Option<&str>,
    note: Option<&str>,
    strict: bool,
) -> PyResult<Vec<PyIssue>> {
    let args = EventArgs {
        record,
        id_fase,
        esito,
        motivazione,
        ente_destinatario,
        stessa_regione,
        id_messaggio,
        ruolo,
        operatore,
    };
    let ev = evento(py, event, &args)?;
    let d = dati(date, operator_cf, note)?;
    let opz = opzioni(strict);
    if let Ok(c) = target.downcast::<PyCartella>() {
        let Some(pid) = process_id else {
            return Err(invalid_argument(
                py,
                "process_id",
                "required when the target is a Cartella",
            ));
        };
        let mut c = c.borrow_mut();
        // Work on a copy: the target is unchanged on refusal, and other holders of the shared
        // document (validator threads, copies) never see a half-applied event.
        let mut doc = (*c.inner).clone();
        let out = lifecycle::applica_in_cartella(&mut doc, pid, ev, d, &opz).py_err(py)?;
        c.inner = Arc::new(doc);
        return Ok(issues(out));
    }
    if let Ok(p) = target.downcast::<PyProcessoAiuto>() {
        let mut p = p.borrow_mut();
        let out = lifecycle::applica(&mut p.inner, ev, d, &opz).py_err(py)?;
        return Ok(issues(out));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "target must be a Cartella or a ProcessoAiuto",
    ))
}

/// `NUOVO_ACCESSO`: creates a new process `process_id` with its A record in the cartella.
#[pyfunction]
#[pyo3(signature = (cartella, process_id, *, date, record = None, id_fase = None, operator_cf = None, note = None, strict = false))]
#[allow(clippy::too_many_arguments)]
pub fn new_access(
    py: Python<'_>,
    cartella: &Bound<'_, PyCartella>,
    process_id: &str,
    date: &Bound<'_, PyAny>,
    record: Option<&Bound<'_, PyAny>>,
    id_fase: Option<&str>,
    operator_cf: Option<&str>,
    note: Option<&str>,
    strict: bool,
) -> PyResult<Vec<PyIssue>> {
    let a = accesso(py, record, id_fase)?;
    let d = dati(date, operator_cf, note)?;
    let mut c = cartella.borrow_mut();
    let mut doc = (*c.inner).clone();
    let out = lifecycle::nuovo_accesso(&mut doc, process_id, a, d, &opzioni(strict)).py_err(py)?;
    c.inner = Arc::new(doc);
    Ok(issues(out))
}

/// `RICEVI_TRASFERIMENTO`: imports a process received from another ente.
#[pyfunction]
#[pyo3(signature = (cartella, processo, *, ricezione, date, operator_cf = None, note = None))]
pub fn receive_transfer(
    py: Python<'_>,
    cartella: &Bound<'_, PyCartella>,
    processo: &Bound<'_, PyAny>,
    ricezione: &Bound<'_, PyAny>,
    date: &Bound<'_, PyAny>,
    operator_cf: Option<&str>,
    note: Option<&str>,
) -> PyResult<Vec<PyIssue>> {
    let p: ProcessoAiuto = if let Ok(p) = processo.downcast::<PyProcessoAiuto>() {
        p.borrow().inner.clone()
    } else {
        from_py(processo, "processo")?
    };
    let r: Ricezione = from_py(ricezione, "ricezione")?;
    let d = dati(date, operator_cf, note)?;
    let mut c = cartella.borrow_mut();
    let mut doc = (*c.inner).clone();
    let out = lifecycle::ricevi_trasferimento(&mut doc, p, r, d).py_err(py)?;
    c.inner = Arc::new(doc);
    Ok(issues(out))
}

/// Runs `f` on the process designated by `target` (+ `process_id` for a Cartella).
fn with_process<R>(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    process_id: Option<&str>,
    f: impl FnOnce(&ProcessoAiuto) -> R,
) -> PyResult<R> {
    if let Ok(c) = target.downcast::<PyCartella>() {
        let c = c.borrow();
        let Some(pid) = process_id else {
            return Err(invalid_argument(
                py,
                "process_id",
                "required when the target is a Cartella",
            ));
        };
        let Some(p) = c.inner.processo(pid) else {
            return Err(invalid_argument(
                py,
                "process_id",
                "no process with this id in the cartella",
            ));
        };
        return Ok(f(p));
    }
    if let Ok(p) = target.downcast::<PyProcessoAiuto>() {
        return Ok(f(&p.borrow().inner));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "target must be a Cartella or a ProcessoAiuto",
    ))
}

/// The current state of a process (replayed from its records): `INIZIALE`, `ACCESSO`, …
#[pyfunction]
#[pyo3(signature = (target, process_id = None))]
pub fn state(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    process_id: Option<&str>,
) -> PyResult<&'static str> {
    with_process(py, target, process_id, |p| {
        lifecycle::stato_corrente(p).code()
    })
}

/// The event codes allowed now (`NUOVO_ACCESSO`/`RICEVI_TRASFERIMENTO` are not listed).
#[pyfunction]
#[pyo3(signature = (target, process_id = None))]
pub fn allowed_transitions(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    process_id: Option<&str>,
) -> PyResult<Vec<&'static str>> {
    with_process(py, target, process_id, |p| {
        lifecycle::transizioni_ammesse(p)
            .into_iter()
            .map(|t| t.code())
            .collect()
    })
}

/// One replayed step.
#[pyclass(module = "cartella.lifecycle", name = "ReplayStep", frozen)]
pub struct PyReplayStep {
    kind: &'static str,
    suspension: Option<usize>,
    phase_index: Option<usize>,
    instant: Option<String>,
    state: &'static str,
}

#[pymethods]
impl PyReplayStep {
    /// `start`, `end`, `suspension`, `resumption`, `transfer` or `annulment`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }
    /// Index of the suspension (for `suspension`/`resumption`).
    #[getter]
    fn suspension(&self) -> Option<usize> {
        self.suspension
    }
    /// Index of the record in `fasi`.
    #[getter]
    fn phase_index(&self) -> Option<usize> {
        self.phase_index
    }
    /// Instant of the step, as written.
    #[getter]
    fn instant(&self) -> Option<&str> {
        self.instant.as_deref()
    }
    /// State after the step.
    #[getter]
    fn state(&self) -> &'static str {
        self.state
    }
    fn __repr__(&self) -> String {
        format!(
            "ReplayStep(kind={:?}, phase_index={}, state={:?})",
            self.kind,
            self.phase_index
                .map_or_else(|| "None".to_string(), |i| i.to_string()),
            self.state
        )
    }
}

/// Result of replaying a process from its phase records.
#[pyclass(module = "cartella.lifecycle", name = "Replay", frozen)]
pub struct PyReplay {
    state: &'static str,
    steps: Vec<Py<PyReplayStep>>,
    issues: Vec<Issue>,
    outcomes: Vec<Option<&'static str>>,
}

#[pymethods]
impl PyReplay {
    /// The replayed state.
    #[getter]
    fn state(&self) -> &'static str {
        self.state
    }
    #[getter]
    fn steps(&self, py: Python<'_>) -> Vec<Py<PyReplayStep>> {
        self.steps.iter().map(|s| s.clone_ref(py)).collect()
    }
    /// Lifecycle findings, paths relative to the process.
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.issues
            .iter()
            .map(|i| PyIssue { inner: i.clone() })
            .collect()
    }
    /// Effective canonical outcome of each record (`None` for open ones).
    #[getter]
    fn outcomes(&self) -> Vec<Option<&'static str>> {
        self.outcomes.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "Replay(state={:?}, steps={}, issues={})",
            self.state,
            self.steps.len(),
            self.issues.len()
        )
    }
}

/// Replays a process from its phase records (`lifecycle.md` §6).
#[pyfunction]
#[pyo3(signature = (target, process_id = None))]
pub fn replay(
    py: Python<'_>,
    target: &Bound<'_, PyAny>,
    process_id: Option<&str>,
) -> PyResult<PyReplay> {
    let r = with_process(py, target, process_id, lifecycle::replay)?;
    let steps = r
        .eventi
        .iter()
        .map(|s| {
            let (kind, suspension) = match s.tipo {
                TipoPasso::Inizio => ("start", None),
                TipoPasso::Fine => ("end", None),
                TipoPasso::Sospensione(k) => ("suspension", Some(k)),
                TipoPasso::Ripresa(k) => ("resumption", Some(k)),
                TipoPasso::Trasferimento => ("transfer", None),
                TipoPasso::Annullamento => ("annulment", None),
            };
            Py::new(
                py,
                PyReplayStep {
                    kind,
                    suspension,
                    phase_index: s.fase,
                    instant: s.istante.as_ref().map(|i| i.as_str().to_string()),
                    state: s.stato.code(),
                },
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyReplay {
        state: r.stato.code(),
        steps,
        issues: r.issues,
        outcomes: r.esiti.iter().map(|e| e.map(|e| e.code())).collect(),
    })
}

/// Canonical outcomes allowed for a phase kind (token or letter `A`…`E`).
#[pyfunction]
pub fn allowed_outcomes(py: Python<'_>, kind: &str) -> PyResult<Vec<&'static str>> {
    let t = tipo_fase(py, kind)?;
    Ok(lifecycle::esiti_ammessi(t)
        .iter()
        .map(|e| e.code())
        .collect())
}

/// State reached when a record of `kind` is closed with `outcome` (`None`: unchanged/not allowed).
#[pyfunction]
pub fn state_after_closing(
    py: Python<'_>,
    kind: &str,
    outcome: &str,
) -> PyResult<Option<&'static str>> {
    let t = tipo_fase(py, kind)?;
    let e: EsitoProcesso = closed(py, outcome, "outcome")?;
    Ok(lifecycle::stato_dopo_chiusura(t, e).map(|s| s.code()))
}

/// The service state (`V`, `G`, `A`, `S`, `C`) of a D record.
#[pyfunction]
pub fn service_state(py: Python<'_>, fase: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let f: Fase = if let Ok(f) = fase.downcast::<PyFase>() {
        from_py(&f.call_method0("to_dict")?, "fase")?
    } else {
        from_py(fase, "fase")?
    };
    match f.as_erogazione_servizio() {
        Some(d) => Ok(lifecycle::stato_intervento(d).code()),
        None => Err(invalid_argument(
            py,
            "fase",
            "not an EROGAZIONE_SERVIZIO record",
        )),
    }
}

fn tipo_fase(py: Python<'_>, kind: &str) -> PyResult<TipoFase> {
    if let Some(t) = TipoFase::ALL
        .iter()
        .copied()
        .find(|t| t.code() == kind || t.lettera().to_string() == kind)
    {
        return Ok(t);
    }
    Err(invalid_argument(
        py,
        "kind",
        format!(
            "{kind:?} is not a phase kind (A…E or {})",
            TipoFase::CODES.join(", ")
        ),
    ))
}

/// Every state code, `INIZIALE` first.
#[pyfunction]
pub fn states() -> Vec<&'static str> {
    std::iter::once(Stato::Iniziale.code())
        .chain(cartella::model::StatoProcesso::ALL.iter().map(|s| s.code()))
        .collect()
}

/// Every event code.
#[pyfunction]
pub fn events() -> Vec<&'static str> {
    TipoEvento::CODES.to_vec()
}
