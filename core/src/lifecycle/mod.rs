//! Lifecycle of a *processo di aiuto* (`lifecycle.md`, decision D19).
//!
//! Two levels:
//!
//! 1. the **process** state machine ([`Stato`], driven by the opening and closing of phase
//!    records), operated through API events ([`Evento`], [`applica`]) that change a process and
//!    return findings, or refuse with [`CartellaError::TransizioneIllegale`] carrying the
//!    `CSI-LCY-*` (or soft-guard) rule id;
//! 2. the **service** sub-machine of each D record ([`stato_intervento`], `lifecycle.md` §7).
//!
//! The same machine validates data: [`replay`] re-derives the events of a process from its phase
//! records (`lifecycle.md` §6) and reports every `CSI-LCY-*` finding; the validator runs it on
//! every process of a cartella (profile `guideline`).
//!
//! ```
//! use cartella::lifecycle::{self, DatiEvento, Evento, OpzioniTransizione, Stato};
//! use cartella::model::{EsitoProcesso, Istante, ProcessoAiuto, StatoProcesso};
//!
//! let mut p = ProcessoAiuto { id_processo: "P-1".into(), ..Default::default() };
//! let il = |d: &str| DatiEvento::il(Istante::parse(d).unwrap());
//! let opz = OpzioniTransizione::default();
//! lifecycle::applica(&mut p, Evento::apri_accesso("A-1"), il("2024-01-10"), &opz).unwrap();
//! let chiudi = Evento::ChiudiAccesso { esito: EsitoProcesso::SoloInformazione };
//! let warnings = lifecycle::applica(&mut p, chiudi, il("2024-01-10"), &opz).unwrap();
//! assert!(warnings.iter().any(|i| i.rule_id == "CSI-FAS-010")); // no regional esito
//! assert_eq!(p.stato, Some(StatoProcesso::Chiuso));
//! assert_eq!(lifecycle::replay(&p).stato, Stato::Processo(StatoProcesso::Chiuso));
//! ```

use std::fmt;

use crate::error::CartellaError;
use crate::model::{Cartella, EsitoProcesso, StatoProcesso, TipoFase};
use crate::rules::Ctx;

mod eventi;
mod replay;
mod servizio;

pub use eventi::{
    applica, applica_in_cartella, nuovo_accesso, ricevi_trasferimento, transizioni_ammesse,
    DatiEvento, Evento, OpzioniTransizione, Servizio,
};
pub use replay::{replay, PassoReplay, Replay, TipoPasso};
pub use servizio::{sospensione_aperta, stato_intervento, stato_intervento_derivato};

/// Ids of the rules implemented here (replay validation and the service sub-machine).
pub(crate) const RULES: &[&str] = &[
    "CSI-LCY-001",
    "CSI-LCY-002",
    "CSI-LCY-003",
    "CSI-LCY-004",
    "CSI-LCY-005",
    "CSI-LCY-006",
    "CSI-LCY-007",
    "CSI-LCY-008",
    "CSI-LCY-009",
    "CSI-LCY-010",
    "CSI-LCY-011",
    "CSI-LCY-012",
    "CSI-LCY-013",
    "CSI-LCY-014",
    "CSI-LCY-016",
    "CSI-LCY-017",
    "CSI-LCY-018",
    "CSI-LCY-020",
    "CSI-LCY-022",
    "CSI-ERO-013",
    "CSI-ERO-015",
];

/// Lifecycle rules raised only as API refusals of [`applica`] ([`CartellaError::TransizioneIllegale`]
/// with the rule id), never by the validation of stored data.
pub const RIFIUTI_API: &[&str] = &["CSI-LCY-015", "CSI-LCY-023"];

/// Lifecycle rules raised only as API refusals ([`CartellaError::TransizioneIllegale`]), never by
/// replay: why the canonical validator does not raise them.
#[allow(dead_code)]
pub(crate) const DEFERRED: &[(&str, &str)] = &[
    (
        "CSI-LCY-015",
        "re-opening a transferred or annulled process is an API event (RIAPRI); in data, a record after TRASFERITO/ANNULLATO is CSI-LCY-007",
    ),
    (
        "CSI-LCY-023",
        "service events (METTI_IN_GRADUATORIA, ATTIVA_SERVIZIO on a registered service, CONCLUDI_SERVIZIO) are API events; in data the service state is checked by CSI-ERO-013",
    ),
];

/// State of the process machine: the never-stored pseudo-state `INIZIALE` or a stored
/// [`StatoProcesso`] (`lifecycle.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stato {
    /// `INIZIALE`: no phase record yet (never stored).
    Iniziale,
    /// A stored state.
    Processo(StatoProcesso),
}

impl Stato {
    /// The state's code (`INIZIALE` or the [`StatoProcesso`] code).
    pub fn code(self) -> &'static str {
        match self {
            Stato::Iniziale => "INIZIALE",
            Stato::Processo(s) => s.code(),
        }
    }

    /// The storable state (`None` for `INIZIALE`).
    pub fn processo(self) -> Option<StatoProcesso> {
        match self {
            Stato::Iniziale => None,
            Stato::Processo(s) => Some(s),
        }
    }

    /// `TRASFERITO` or `ANNULLATO`: nothing can happen any more.
    pub fn is_terminale(self) -> bool {
        matches!(
            self,
            Stato::Processo(StatoProcesso::Trasferito | StatoProcesso::Annullato)
        )
    }

    /// A non-terminal process in progress (`ACCESSO` … `VALUTAZIONE_FINALE`, `SOSPESO`): what
    /// `CSI-LCY-009` counts.
    pub fn is_aperto(self) -> bool {
        matches!(
            self,
            Stato::Processo(
                StatoProcesso::Accesso
                    | StatoProcesso::Valutazione
                    | StatoProcesso::Progettazione
                    | StatoProcesso::Erogazione
                    | StatoProcesso::Sospeso
                    | StatoProcesso::ValutazioneFinale
            )
        )
    }
}

impl From<StatoProcesso> for Stato {
    fn from(s: StatoProcesso) -> Self {
        Stato::Processo(s)
    }
}

impl fmt::Display for Stato {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Canonical outcomes allowed for a phase kind (`lifecycle.md` §3), including `TRASFERIMENTO`
/// and `ANNULLATO`, allowed for every kind.
pub fn esiti_ammessi(tipo: TipoFase) -> &'static [EsitoProcesso] {
    use EsitoProcesso as E;
    match tipo {
        TipoFase::Accesso => &[
            E::AvvioValutazione,
            E::SoloInformazione,
            E::InvioAltroServizio,
            E::Trasferimento,
            E::Annullato,
        ],
        TipoFase::ValutazioneBisogno => &[
            E::PresaInCarico,
            E::NonPresaInCarico,
            E::InvioAltroServizio,
            E::Trasferimento,
            E::Annullato,
        ],
        TipoFase::ProgettoIndividuale => &[
            E::ProgettoApprovato,
            E::ProgettoNonAttivato,
            E::Trasferimento,
            E::Annullato,
        ],
        TipoFase::ErogazioneServizio => {
            &[E::Concluso, E::Interrotto, E::Trasferimento, E::Annullato]
        }
        TipoFase::ValutazioneFinale => &[
            E::NuovoProgetto,
            E::Chiusura,
            E::Trasferimento,
            E::Annullato,
        ],
    }
}

/// State reached when a record of kind `tipo` is closed with `esito` (`lifecycle.md` §3).
/// `None` when the state does not change (D records: recompute `SOSPESO`) or when the outcome is
/// not allowed for the kind.
pub fn stato_dopo_chiusura(tipo: TipoFase, esito: EsitoProcesso) -> Option<StatoProcesso> {
    use EsitoProcesso as E;
    use StatoProcesso as S;
    if !esiti_ammessi(tipo).contains(&esito) {
        return None;
    }
    match esito {
        E::AvvioValutazione => Some(S::Valutazione),
        E::SoloInformazione | E::InvioAltroServizio | E::NonPresaInCarico | E::Chiusura => {
            Some(S::Chiuso)
        }
        E::PresaInCarico | E::NuovoProgetto => Some(S::Progettazione),
        E::ProgettoApprovato => Some(S::Erogazione),
        E::ProgettoNonAttivato => Some(S::ValutazioneFinale),
        E::Concluso | E::Interrotto => None,
        E::Trasferimento => Some(S::Trasferito),
        E::Annullato => Some(S::Annullato),
    }
}

/// The current state of a process: the state its phase records replay to (`lifecycle.md` §6;
/// the stored `stato` is not trusted, the replayed state wins).
pub fn stato_corrente(processo: &crate::model::ProcessoAiuto) -> Stato {
    replay(processo).stato
}

/// A single-instance phase kind (A, B, C, E): at most one record open at a time.
pub(crate) fn monoistanza(tipo: TipoFase) -> bool {
    tipo != TipoFase::ErogazioneServizio
}

/// The letter of a phase kind, used as the `tipo_fase` parameter of findings.
pub(crate) fn lettera(tipo: TipoFase) -> String {
    tipo.lettera().to_string()
}

/// Builds the refusal of an API event.
pub(crate) fn rifiuto(
    rule_id: &str,
    evento: crate::model::TipoEvento,
    stato: Stato,
) -> CartellaError {
    CartellaError::TransizioneIllegale {
        rule_id: rule_id.to_string(),
        evento: evento.code().to_string(),
        stato: stato.code().to_string(),
    }
}

/// Validator entry point: replays every process of the cartella (`{base}/processi/{i}`),
/// checks the service sub-machine of every D record and that at most one process is in
/// progress (`CSI-LCY-009`).
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let mut aperti = 0usize;
    for (i, processo) in cartella.processi.iter().enumerate() {
        let base_p = format!("{base}/processi/{i}");
        let esito = replay::esegui(processo, &base_p);
        for r in esito.rilievi {
            ctx.emit(r.rule, r.path, r.params);
        }
        if esito.stato.is_aperto() {
            aperti += 1;
            if aperti > 1 {
                ctx.emit("CSI-LCY-009", base_p, []);
            }
        }
    }
}
