//! Lifecycle of a *processo di aiuto*: current state, allowed transitions, events, replay.
//!
//! Events are described by a flat [`LifecycleEvent`] record (the event kind code plus the fields
//! that kind needs) and translated one-to-one into [`cartella::lifecycle::Evento`]. Model values
//! (an outcome, a role, a phase record, an ente) are given by their canonical JSON code or text,
//! exactly as they are written in a cartella.

use std::sync::Arc;

use cartella::lifecycle::{self as core, DatiEvento, Evento, OpzioniTransizione, Servizio};
use cartella::model::{self, Fase, TipoEvento};
use serde::de::DeserializeOwned;

use crate::cartella_obj::CartellaHandle;
use crate::error::{CartellaError, Result};
use crate::findings::Issue;

/// An API event of the process state machine (`lifecycle.md` §4).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LifecycleEvent {
    /// Event kind code: `APRI_ACCESSO`, `AVVIA_VALUTAZIONE`, `CHIUDI_ACCESSO`,
    /// `PRENDI_IN_CARICO`, `NON_PRENDERE_IN_CARICO`, `APPROVA_PROGETTO`, `REGISTRA_SERVIZIO`,
    /// `METTI_IN_GRADUATORIA`, `ATTIVA_SERVIZIO`, `SOSPENDI_SERVIZIO`, `RIPRENDI_SERVIZIO`,
    /// `CONCLUDI_SERVIZIO`, `RIPROGETTA`, `AVVIA_VALUTAZIONE_FINALE`, `NUOVO_PROGETTO`,
    /// `CHIUDI_PROCESSO`, `RIAPRI`, `TRASFERISCI`, `ANNULLA`, `CAMBIA_RESPONSABILE`.
    pub kind: String,
    /// For events opening a record: the `id_fase` of the new (empty) record. For events acting on
    /// a record (service events, `CAMBIA_RESPONSABILE`, `ATTIVA_SERVIZIO` with
    /// `registered_service`): the target `id_fase`.
    #[uniffi(default = None)]
    pub id_fase: Option<String>,
    /// For events opening a record: the whole record in canonical JSON (with `tipo_fase`),
    /// instead of an empty one. The machine sets its header (state, start date).
    #[uniffi(default = None)]
    pub record_json: Option<String>,
    /// `ATTIVA_SERVIZIO` of the D record `id_fase` registered earlier (`REGISTRA_SERVIZIO`).
    #[uniffi(default = false)]
    pub registered_service: bool,
    /// Outcome code (`esito_processo`) for `CHIUDI_ACCESSO`, `NON_PRENDERE_IN_CARICO`,
    /// `CONCLUDI_SERVIZIO`.
    #[uniffi(default = None)]
    pub esito: Option<String>,
    /// `SOSPENDI_SERVIZIO`: motivazione as a canonical `Codice` JSON object.
    #[uniffi(default = None)]
    pub motivazione_json: Option<String>,
    /// `TRASFERISCI`: the ente destinatario as a canonical `Ente` JSON object.
    #[uniffi(default = None)]
    pub ente_destinatario_json: Option<String>,
    /// `TRASFERISCI`: the receiver is in the same region.
    #[uniffi(default = false)]
    pub stessa_regione: bool,
    /// `TRASFERISCI`: id of the interchange message sent.
    #[uniffi(default = None)]
    pub id_messaggio: Option<String>,
    /// `CAMBIA_RESPONSABILE`: role code (`RuoloOperatore`, e.g. `RESPONSABILE_PROGETTO`).
    #[uniffi(default = None)]
    pub ruolo: Option<String>,
    /// `CAMBIA_RESPONSABILE`: the new operator as a canonical `Operatore` JSON object.
    #[uniffi(default = None)]
    pub operatore_json: Option<String>,
}

/// Data common to every event.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EventData {
    /// Event instant, canonical `Istante` text: at least a day (`2024-01-10`), optionally a time
    /// (`2024-01-10T09:30:00+01:00`).
    pub date: String,
    /// Codice fiscale of the acting operator.
    #[uniffi(default = None)]
    pub operatore: Option<String>,
    /// Note (the reason of `ANNULLA`, required there).
    #[uniffi(default = None)]
    pub nota: Option<String>,
}

/// Result of replaying a process from its phase records.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReplayResult {
    /// The replayed state (`INIZIALE`, `ACCESSO`, …, `CHIUSO`, `TRASFERITO`, `ANNULLATO`).
    pub state: String,
    /// Lifecycle findings (`CSI-LCY-*`, …), paths relative to the process.
    pub issues: Vec<Issue>,
}

/// A model value from its canonical JSON text form (a code, a date, a codice fiscale…).
fn token<T: DeserializeOwned>(name: &str, value: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| CartellaError::argument(name, masked(&e.to_string())))
}

/// A model value from a canonical JSON object.
fn object<T: DeserializeOwned>(name: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| CartellaError::argument(name, masked(&e.to_string())))
}

/// serde messages may echo the input: never let a codice fiscale through.
fn masked(message: &str) -> String {
    message
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .map(|w| {
            let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if core.chars().count() >= 11 && core.chars().any(|c| c.is_ascii_digit()) {
                w.replacen(core, &cartella::privacy::maschera_cf(core), 1)
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn required<'a>(name: &str, v: &'a Option<String>) -> Result<&'a str> {
    v.as_deref()
        .ok_or_else(|| CartellaError::argument(name, "required by this event"))
}

/// The phase record of an event that opens one: `record_json`, or an empty record `id_fase`.
fn record<T>(
    e: &LifecycleEvent,
    empty: fn(String) -> Evento,
    pick: fn(Fase) -> Option<T>,
) -> Result<std::result::Result<T, Evento>> {
    match &e.record_json {
        Some(json) => {
            let fase: Fase = object("record_json", json)?;
            pick(fase).map(Ok).ok_or_else(|| {
                CartellaError::argument("record_json", "tipo_fase does not match the event")
            })
        }
        None => Ok(Err(empty(required("id_fase", &e.id_fase)?.to_string()))),
    }
}

impl LifecycleEvent {
    fn to_core(&self) -> Result<Evento> {
        let kind = TipoEvento::from_code(self.kind.trim())
            .ok_or_else(|| CartellaError::argument("kind", "unknown event kind"))?;
        let esito =
            || -> Result<model::EsitoProcesso> { token("esito", required("esito", &self.esito)?) };
        let target = || required("id_fase", &self.id_fase).map(str::to_string);
        use TipoEvento as T;
        Ok(match kind {
            T::ApriAccesso => record(self, Evento::apri_accesso, |f| match f {
                Fase::Accesso(r) => Some(r),
                _ => None,
            })?
            .map_or_else(|e| e, Evento::ApriAccesso),
            T::AvviaValutazione => record(self, Evento::avvia_valutazione, |f| match f {
                Fase::ValutazioneBisogno(r) => Some(r),
                _ => None,
            })?
            .map_or_else(|e| e, Evento::AvviaValutazione),
            T::ChiudiAccesso => Evento::ChiudiAccesso { esito: esito()? },
            T::PrendiInCarico => record(self, Evento::prendi_in_carico, progetto)?
                .map_or_else(|e| e, Evento::PrendiInCarico),
            T::NonPrendereInCarico => Evento::NonPrendereInCarico { esito: esito()? },
            T::ApprovaProgetto => Evento::ApprovaProgetto,
            T::RegistraServizio => record(self, Evento::registra_servizio, erogazione)?
                .map_or_else(|e| e, Evento::RegistraServizio),
            T::MettiInGraduatoria => Evento::MettiInGraduatoria { id_fase: target()? },
            T::AttivaServizio if self.registered_service => {
                Evento::AttivaServizio(Servizio::Registrato(target()?))
            }
            T::AttivaServizio => record(self, Evento::attiva_nuovo_servizio, erogazione)?
                .map_or_else(|e| e, |r| Evento::AttivaServizio(Servizio::Nuovo(r))),
            T::SospendiServizio => Evento::SospendiServizio {
                id_fase: target()?,
                motivazione: self
                    .motivazione_json
                    .as_deref()
                    .map(|j| object("motivazione_json", j))
                    .transpose()?,
            },
            T::RiprendiServizio => Evento::RiprendiServizio { id_fase: target()? },
            T::ConcludiServizio => Evento::ConcludiServizio {
                id_fase: target()?,
                esito: esito()?,
            },
            T::Riprogetta => {
                record(self, Evento::riprogetta, progetto)?.map_or_else(|e| e, Evento::Riprogetta)
            }
            T::AvviaValutazioneFinale => {
                record(self, Evento::avvia_valutazione_finale, |f| match f {
                    Fase::ValutazioneFinale(r) => Some(r),
                    _ => None,
                })?
                .map_or_else(|e| e, Evento::AvviaValutazioneFinale)
            }
            T::NuovoProgetto => record(self, Evento::nuovo_progetto, progetto)?
                .map_or_else(|e| e, Evento::NuovoProgetto),
            T::ChiudiProcesso => Evento::ChiudiProcesso,
            T::Riapri => record(self, Evento::riapri, |f| match f {
                Fase::ValutazioneBisogno(r) => Some(r),
                _ => None,
            })?
            .map_or_else(|e| e, Evento::Riapri),
            T::Trasferisci => Evento::Trasferisci {
                ente_destinatario: object(
                    "ente_destinatario_json",
                    required("ente_destinatario_json", &self.ente_destinatario_json)?,
                )?,
                stessa_regione: self.stessa_regione,
                id_messaggio: self.id_messaggio.clone(),
            },
            T::Annulla => Evento::Annulla,
            T::CambiaResponsabile => Evento::CambiaResponsabile {
                id_fase: target()?,
                ruolo: token("ruolo", required("ruolo", &self.ruolo)?)?,
                operatore: object(
                    "operatore_json",
                    required("operatore_json", &self.operatore_json)?,
                )?,
            },
            other => {
                return Err(CartellaError::argument(
                    "kind",
                    format!("{} is a cartella operation (use newAccess)", other.code()),
                ))
            }
        })
    }
}

fn progetto(f: Fase) -> Option<model::FaseProgettoIndividuale> {
    match f {
        Fase::ProgettoIndividuale(r) => Some(r),
        _ => None,
    }
}

fn erogazione(f: Fase) -> Option<model::FaseErogazioneServizio> {
    match f {
        Fase::ErogazioneServizio(r) => Some(r),
        _ => None,
    }
}

impl EventData {
    fn to_core(&self) -> Result<DatiEvento> {
        let mut dati = DatiEvento::il(token("date", &self.date)?);
        if let Some(cf) = &self.operatore {
            dati = dati.con_operatore(token("operatore", cf)?);
        }
        if let Some(nota) = &self.nota {
            dati = dati.con_nota(model::Testo::new(nota));
        }
        Ok(dati)
    }
}

fn opzioni(strict: bool) -> OpzioniTransizione {
    OpzioniTransizione { rigoroso: strict }
}

fn issues(v: Vec<cartella::rules::Issue>) -> Vec<Issue> {
    v.into_iter().map(Issue::from).collect()
}

fn processo<'a>(c: &'a model::Cartella, id_processo: &str) -> Result<&'a model::ProcessoAiuto> {
    c.processo(id_processo)
        .ok_or_else(|| CartellaError::argument("id_processo", "no process with this id"))
}

#[uniffi::export]
impl CartellaHandle {
    /// Current state of a process, replayed from its phase records (`INIZIALE`, `ACCESSO`,
    /// `VALUTAZIONE`, `PROGETTAZIONE`, `EROGAZIONE`, `SOSPESO`, `VALUTAZIONE_FINALE`, `CHIUSO`,
    /// `TRASFERITO`, `ANNULLATO`).
    pub fn current_state(&self, id_processo: String) -> Result<String> {
        let c = self.read();
        Ok(core::stato_corrente(processo(&c, &id_processo)?)
            .code()
            .to_string())
    }

    /// The event kinds allowed now on a process.
    pub fn allowed_transitions(&self, id_processo: String) -> Result<Vec<String>> {
        let c = self.read();
        Ok(core::transizioni_ammesse(processo(&c, &id_processo)?)
            .into_iter()
            .map(|t| t.code().to_string())
            .collect())
    }

    /// Applies an event to a process of this cartella. On success the cartella is changed and
    /// the soft-guard warnings are returned; a refused event raises `IllegalTransition` (with
    /// the rule id) and leaves the cartella unchanged. `strict`: soft guards refuse too.
    #[uniffi::method(default(strict = false))]
    pub fn apply_event(
        &self,
        id_processo: String,
        event: LifecycleEvent,
        data: EventData,
        strict: bool,
    ) -> Result<Vec<Issue>> {
        let evento = event.to_core()?;
        let dati = data.to_core()?;
        let mut c = self.write();
        Ok(issues(core::applica_in_cartella(
            &mut c,
            &id_processo,
            evento,
            dati,
            &opzioni(strict),
        )?))
    }

    /// `NUOVO_ACCESSO`: creates process `id_processo` with an access record (`id_fase`, or the
    /// whole record `record_json`). Refused with `CSI-LCY-009` while another process is open.
    #[uniffi::method(default(record_json = None, strict = false))]
    pub fn new_access(
        &self,
        id_processo: String,
        id_fase: String,
        data: EventData,
        record_json: Option<String>,
        strict: bool,
    ) -> Result<Vec<Issue>> {
        let event = LifecycleEvent {
            kind: TipoEvento::ApriAccesso.code().to_string(),
            id_fase: Some(id_fase),
            record_json,
            registered_service: false,
            esito: None,
            motivazione_json: None,
            ente_destinatario_json: None,
            stessa_regione: false,
            id_messaggio: None,
            ruolo: None,
            operatore_json: None,
        };
        let Evento::ApriAccesso(accesso) = event.to_core()? else {
            return Err(CartellaError::internal(
                "APRI_ACCESSO translated to another event",
            ));
        };
        let dati = data.to_core()?;
        let mut c = self.write();
        Ok(issues(core::nuovo_accesso(
            &mut c,
            id_processo,
            accesso,
            dati,
            &opzioni(strict),
        )?))
    }

    /// Replays a process from its phase records: the state and every lifecycle finding.
    pub fn replay(&self, id_processo: String) -> Result<ReplayResult> {
        let c = self.read();
        let r = core::replay(processo(&c, &id_processo)?);
        Ok(ReplayResult {
            state: r.stato.code().to_string(),
            issues: issues(r.issues),
        })
    }
}

/// A new, empty cartella (no process) for the lifecycle API: `id_cartella`, the ente titolare and
/// the assistito as canonical JSON objects.
#[uniffi::export]
pub fn new_cartella(
    id_cartella: String,
    ente_titolare_json: String,
    assistito_json: String,
) -> Result<Arc<CartellaHandle>> {
    let c = model::Cartella {
        id_cartella,
        ente_titolare: object("ente_titolare_json", &ente_titolare_json)?,
        assistito: object("assistito_json", &assistito_json)?,
        ..Default::default()
    };
    Ok(Arc::new(CartellaHandle::from_model(c)))
}
