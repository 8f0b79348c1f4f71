//! Service sub-machine of a D record (`stato_intervento`, `lifecycle.md` §7) and its
//! consistency checks (`CSI-ERO-013`, `CSI-ERO-015`).

use super::replay::Rilievo;
use crate::model::{FaseErogazioneServizio, StatoFase, StatoIntervento};

/// Index of the open suspension (no `data_fine`) of a D record, if any.
pub fn sospensione_aperta(d: &FaseErogazioneServizio) -> Option<usize> {
    d.sospensioni.iter().rposition(|s| s.data_fine.is_none())
}

fn chiuso(d: &FaseErogazioneServizio) -> bool {
    matches!(
        d.intestazione.stato_fase,
        StatoFase::Chiusa | StatoFase::Annullata
    )
}

/// The service state derived from the record's dates and suspensions (`lifecycle.md` §7, used
/// when `stato_intervento` is absent): closed ⇒ `C`; open suspension ⇒ `S`; `data_attivazione`
/// ⇒ `A`; otherwise `V`.
pub fn stato_intervento_derivato(d: &FaseErogazioneServizio) -> StatoIntervento {
    if chiuso(d) {
        StatoIntervento::C
    } else if sospensione_aperta(d).is_some() {
        StatoIntervento::S
    } else if d.data_attivazione.is_some() {
        StatoIntervento::A
    } else {
        StatoIntervento::V
    }
}

/// The service state of a D record: `stato_intervento` when given, else derived
/// ([`stato_intervento_derivato`]).
pub fn stato_intervento(d: &FaseErogazioneServizio) -> StatoIntervento {
    d.stato_intervento
        .unwrap_or_else(|| stato_intervento_derivato(d))
}

/// Whether a stored `stato_intervento` agrees with the record (`CSI-ERO-013`): `V`/`G` ⇒ no
/// `data_attivazione`; `A` ⇒ `data_attivazione`, no open suspension, no `data_conclusione`;
/// `S` ⇒ an open suspension; `C` ⇒ record closed. In addition, only `C` may sit on a record with
/// `stato_fase` `CHIUSA` (an annulled record keeps the service state it had).
pub(crate) fn coerente(d: &FaseErogazioneServizio, s: StatoIntervento) -> bool {
    let chiusa = d.intestazione.stato_fase == StatoFase::Chiusa;
    match s {
        StatoIntervento::V | StatoIntervento::G => d.data_attivazione.is_none() && !chiusa,
        StatoIntervento::A => {
            d.data_attivazione.is_some()
                && sospensione_aperta(d).is_none()
                && d.data_conclusione.is_none()
                && !chiusa
        }
        StatoIntervento::S => sospensione_aperta(d).is_some() && !chiusa,
        StatoIntervento::C => chiuso(d),
    }
}

/// `CSI-ERO-013` and `CSI-ERO-015` on one D record at `path()` (built only for a finding).
pub(crate) fn verifica(
    d: &FaseErogazioneServizio,
    path: impl Fn() -> String,
    out: &mut Vec<Rilievo>,
) {
    if let Some(s) = d.stato_intervento {
        if !coerente(d, s) {
            out.push(Rilievo::new(
                "CSI-ERO-013",
                format!("{}/stato_intervento", path()),
                vec![("stato", s.code().to_string())],
            ));
        }
    }
    if !chiuso(d) && matches!(stato_intervento(d), StatoIntervento::V | StatoIntervento::G) {
        out.push(Rilievo::new("CSI-ERO-015", path(), vec![]));
    }
}
