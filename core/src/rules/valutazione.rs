//! Phase B — Valutazione del bisogno (`CSI-VAL-*`, `rules.md` §4.6, `model.md` §5.3).
//!
//! Completeness rules (level G) skip annulled records.

use super::engine::Ctx;
use super::operatori::{annullata, percorso_fase};
use super::privacy::minore_al;
use crate::model::{Cartella, Fase, FaseValutazioneBisogno};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-VAL-001",
    "CSI-VAL-002",
    "CSI-VAL-003",
    "CSI-VAL-004",
    "CSI-VAL-005",
    "CSI-VAL-006",
    "CSI-VAL-007",
    "CSI-VAL-008",
];

/// Rules of this area that cannot arise on a canonical cartella (none).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let nascita = cartella.assistito.data_nascita.map(|d| d.naive());
    for (p, processo) in cartella.processi.iter().enumerate() {
        let mut minore_segnalato = false;
        for (f, fase) in processo.fasi.iter().enumerate() {
            let Fase::ValutazioneBisogno(b) = fase else {
                continue;
            };
            if annullata(fase) {
                continue;
            }
            completezza(ctx, b, base, p, f);
            // CSI-VAL-007: once per process, at the first B record assessing a minor (date of
            // the assessment, else start of the record; partial dates at their earliest day).
            if !minore_segnalato && processo.scheda_sinba.is_none() {
                let data = b
                    .data_valutazione
                    .as_ref()
                    .or(b.intestazione.data_inizio.as_ref());
                if let (Some(n), Some(d)) = (nascita, data) {
                    if minore_al(n, d.inizio().date()) {
                        ctx.emit(
                            "CSI-VAL-007",
                            format!("{base}/processi/{p}/scheda_sinba"),
                            [],
                        );
                        minore_segnalato = true;
                    }
                }
            }
        }
    }
}

fn completezza(ctx: &mut Ctx<'_>, b: &FaseValutazioneBisogno, base: &str, p: usize, f: usize) {
    match &b.responsabile_valutazione {
        None => ctx.emit(
            "CSI-VAL-001",
            percorso_fase(base, p, f, "responsabile_valutazione"),
            [],
        ),
        Some(r) if r.profilo_professionale.is_none() => ctx.emit(
            "CSI-VAL-003",
            percorso_fase(base, p, f, "responsabile_valutazione/profilo_professionale"),
            [],
        ),
        Some(_) => {}
    }
    if b.data_valutazione.is_none() {
        ctx.emit(
            "CSI-VAL-002",
            percorso_fase(base, p, f, "data_valutazione"),
            [],
        );
    }
    if b.aree_intervento_sociale.is_empty() {
        ctx.emit(
            "CSI-VAL-004",
            percorso_fase(base, p, f, "aree_intervento_sociale"),
            [],
        );
    }
    if !b.protesi_ausili.is_empty() && b.portatore_protesi_ausili.is_none() {
        ctx.emit(
            "CSI-VAL-005",
            percorso_fase(base, p, f, "portatore_protesi_ausili"),
            [],
        );
    }
    if b.fonte_derivazione_valutazione.is_none() {
        ctx.emit(
            "CSI-VAL-006",
            percorso_fase(base, p, f, "fonte_derivazione_valutazione"),
            [],
        );
    }
    if b.case_manager
        .as_ref()
        .is_some_and(|c| c.profilo_professionale.is_none())
    {
        ctx.emit(
            "CSI-VAL-008",
            percorso_fase(base, p, f, "case_manager/profilo_professionale"),
            [],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::*;

    const B: &str = "/processi/0/fasi/1";

    fn senza(campo: &str) -> crate::rules::Report {
        let mut v = completa();
        remove(&mut v, &format!("{B}/{campo}"));
        valida(&v)
    }

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn val_001_003_responsabile_valutazione() {
        let r = senza("responsabile_valutazione");
        assert_path(&r, "CSI-VAL-001", &format!("{B}/responsabile_valutazione"));
        assert_absent(&r, "CSI-VAL-003");
        let r = senza("responsabile_valutazione/profilo_professionale");
        assert_path(
            &r,
            "CSI-VAL-003",
            &format!("{B}/responsabile_valutazione/profilo_professionale"),
        );
        assert_absent(&r, "CSI-VAL-001");
    }

    #[test]
    fn val_002_004_006_campi_della_valutazione() {
        assert_path(
            &senza("data_valutazione"),
            "CSI-VAL-002",
            &format!("{B}/data_valutazione"),
        );
        assert_path(
            &senza("aree_intervento_sociale"),
            "CSI-VAL-004",
            &format!("{B}/aree_intervento_sociale"),
        );
        assert_path(
            &senza("fonte_derivazione_valutazione"),
            "CSI-VAL-006",
            &format!("{B}/fonte_derivazione_valutazione"),
        );
    }

    #[test]
    fn val_005_protesi_senza_portatore() {
        let mut v = completa();
        set(
            &mut v,
            &format!("{B}/protesi_ausili"),
            json!([cod("A12", "2.18")]),
        );
        assert_path(
            &valida(&v),
            "CSI-VAL-005",
            &format!("{B}/portatore_protesi_ausili"),
        );
        set(
            &mut v,
            &format!("{B}/portatore_protesi_ausili"),
            cod("1", "2.12"),
        );
        assert_absent(&valida(&v), "CSI-VAL-005");
    }

    #[test]
    fn val_007_minore_senza_scheda_sinba() {
        let mut v = completa();
        set(&mut v, "/assistito/data_nascita", "2010-05-01".into());
        let r = valida(&v);
        assert_path(&r, "CSI-VAL-007", "/processi/0/scheda_sinba");
        assert_eq!(
            r.of_rule("CSI-VAL-007").next().unwrap().severity,
            crate::rules::Severity::Info
        );
        set(
            &mut v,
            "/processi/0/scheda_sinba",
            json!({ "disabilita": false }),
        );
        assert_absent(&valida(&v), "CSI-VAL-007");
        // An adult at the assessment date.
        let mut v = completa();
        set(&mut v, "/assistito/data_nascita", "2006-01-29".into());
        assert_absent(&valida(&v), "CSI-VAL-007");
        set(&mut v, "/assistito/data_nascita", "2006-01-31".into());
        assert_path(&valida(&v), "CSI-VAL-007", "/processi/0/scheda_sinba");
    }

    #[test]
    fn val_008_case_manager_senza_profilo() {
        assert_path(
            &senza("case_manager/profilo_professionale"),
            "CSI-VAL-008",
            &format!("{B}/case_manager/profilo_professionale"),
        );
        assert_absent(&senza("case_manager"), "CSI-VAL-008");
    }

    #[test]
    fn completezza_non_su_fase_annullata() {
        let mut v = completa();
        remove(&mut v, &format!("{B}/data_valutazione"));
        set(&mut v, &format!("{B}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-VAL-002");
    }
}
