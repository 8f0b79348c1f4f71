//! Privacy rules (`CSI-PRV-*`, `rules.md` §4.15, `privacy.md` §2).
//!
//! Also home of the minor detection shared with other families (`CSI-VAL-007`, `CSI-REL-005`).

use chrono::{Datelike, NaiveDate};

use super::engine::Ctx;
use crate::model::Cartella;

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &["CSI-PRV-001"];

/// Rules of this area that cannot arise on a canonical cartella: (id, where they are raised).
pub(crate) const DEFERRED: &[(&str, &str)] = &[(
    "CSI-PRV-002",
    "raised by the HL7 writer (option filtro_sensibilita) in its writer report (privacy.md §6)",
)];

/// Completed years of age at `data` of a person born on `nascita` (negative when not yet born).
pub(crate) fn anni_compiuti(nascita: NaiveDate, data: NaiveDate) -> i32 {
    let mut anni = data.year() - nascita.year();
    if (data.month(), data.day()) < (nascita.month(), nascita.day()) {
        anni -= 1;
    }
    anni
}

/// Whether a person born on `nascita` is younger than 18 at `data`.
pub(crate) fn minore_al(nascita: NaiveDate, data: NaiveDate) -> bool {
    anni_compiuti(nascita, data) < 18
}

/// Whether the cartella concerns a minor (`privacy.md` §2): the assistito is younger than 18 at
/// the `data_inizio` of any phase record, or a process carries a `scheda_sinba`.
///
/// A partial `data_inizio` is taken at its earliest instant (`2024` = 2024-01-01): when in doubt
/// the cartella is treated as a minor's, the protective choice.
pub(crate) fn riguarda_minore(cartella: &Cartella) -> bool {
    if cartella.processi.iter().any(|p| p.scheda_sinba.is_some()) {
        return true;
    }
    let Some(nascita) = cartella.assistito.data_nascita else {
        return false;
    };
    cartella.fasi().any(|(_, f)| {
        f.header()
            .data_inizio
            .as_ref()
            .is_some_and(|d| minore_al(nascita.naive(), d.inizio().date()))
    })
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    if riguarda_minore(cartella) {
        ctx.emit("CSI-PRV-001", format!("{base}/assistito"), []);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn eta_in_anni_compiuti() {
        let d = |y, m, g| NaiveDate::from_ymd_opt(y, m, g).unwrap();
        assert_eq!(anni_compiuti(d(2000, 5, 10), d(2018, 5, 9)), 17);
        assert_eq!(anni_compiuti(d(2000, 5, 10), d(2018, 5, 10)), 18);
        assert!(minore_al(d(2000, 2, 29), d(2018, 2, 28)));
        assert!(!minore_al(d(2000, 2, 29), d(2018, 3, 1)));
    }

    #[test]
    fn prv_001_minore_alla_data_di_una_fase() {
        let mut v = completa();
        set(&mut v, "/assistito/data_nascita", "2010-05-01".into());
        let r = valida(&v);
        assert_path(&r, "CSI-PRV-001", "/assistito");
        assert_eq!(r.of_rule("CSI-PRV-001").count(), 1, "once per cartella");
    }

    #[test]
    fn prv_001_diventato_maggiorenne_prima_delle_fasi() {
        let mut v = completa();
        // 18 on 2024-01-09, the day before the first phase.
        set(&mut v, "/assistito/data_nascita", "2006-01-09".into());
        assert_absent(&valida(&v), "CSI-PRV-001");
        set(&mut v, "/assistito/data_nascita", "2006-01-11".into());
        assert_path(&valida(&v), "CSI-PRV-001", "/assistito");
    }

    #[test]
    fn prv_001_scheda_sinba_presente() {
        let mut v = completa();
        set(
            &mut v,
            "/processi/0/scheda_sinba",
            serde_json::json!({ "disabilita": false }),
        );
        assert_path(&valida(&v), "CSI-PRV-001", "/assistito");
        assert_absent(&valida(&completa()), "CSI-PRV-001");
    }

    #[test]
    fn prv_001_percorso_nel_messaggio() {
        let mut v = completa();
        set(&mut v, "/assistito/data_nascita", "2010-05-01".into());
        let r = valida_messaggio(&v);
        assert_path(&r, "CSI-PRV-001", "/cartella/assistito");
    }
}
