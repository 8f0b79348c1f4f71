//! Operators (`CSI-OPR-*`, `rules.md` §4.10, `model.md` §3.2 and §6), plus small helpers shared by
//! the phase families (presence tests, phase paths).
//!
//! Division of labour with the phase families: the profile of the two B roles is checked by
//! `CSI-VAL-003` (responsabile della valutazione) and `CSI-VAL-008` (case manager); `CSI-OPR-002`
//! covers the other roles that have a profile binding (responsabile del progetto, responsabile del
//! monitoraggio, operatore erogante). The responsabile della chiusura has no profile on the wire
//! (`CSI-FIN-007`). `CSI-OPR-001` applies to every operator.

use super::engine::Ctx;
use crate::model::{
    Cartella, CodiceFiscale, Fase, Operatore, Prestazione, RuoloOperatore, StatoFase,
};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &["CSI-OPR-001", "CSI-OPR-002"];

/// Rules of this area that cannot arise on a canonical cartella: (id, where they are raised).
pub(crate) const DEFERRED: &[(&str, &str)] = &[(
    "CSI-OPR-004",
    "raised by the interscambio XML reader: extra attenders of a phase (interscambio §8.1) cannot be represented in the canonical model",
)];

/// Role name of the performer of a prestazione (not an attender role, `model.md` §3.2).
pub(super) const OPERATORE_EROGANTE: &str = "OPERATORE_EROGANTE";

/// Whether an optional codice fiscale is present and not blank.
pub(super) fn cf_presente(cf: Option<&CodiceFiscale>) -> bool {
    cf.is_some_and(|c| !c.as_str().trim().is_empty())
}

/// Whether an optional string is present and not blank.
pub(super) fn presente(s: Option<&String>) -> bool {
    s.is_some_and(|s| !s.trim().is_empty())
}

/// JSON Pointer of a field of a phase record: `{base}/processi/{p}/fasi/{f}/{rel}`.
pub(super) fn percorso_fase(base: &str, p: usize, f: usize, rel: &str) -> String {
    format!("{base}/processi/{p}/fasi/{f}/{rel}")
}

/// Whether a phase record is annulled (logical deletion): completeness rules skip it.
pub(super) fn annullata(fase: &Fase) -> bool {
    fase.stato() == StatoFase::Annullata
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (p, processo) in cartella.processi.iter().enumerate() {
        for (f, fase) in processo.fasi.iter().enumerate() {
            if annullata(fase) {
                continue;
            }
            let at = Posizione { base, p, f };
            match fase {
                Fase::Accesso(_) => {}
                Fase::ValutazioneBisogno(b) => {
                    let ruolo = RuoloOperatore::ResponsabileValutazione.code();
                    operatore(
                        ctx,
                        b.responsabile_valutazione.as_ref(),
                        ruolo,
                        false,
                        &at,
                        "responsabile_valutazione",
                    );
                    let ruolo = RuoloOperatore::CaseManager.code();
                    operatore(
                        ctx,
                        b.case_manager.as_ref(),
                        ruolo,
                        false,
                        &at,
                        "case_manager",
                    );
                }
                Fase::ProgettoIndividuale(c) => {
                    let ruolo = RuoloOperatore::ResponsabileProgetto.code();
                    operatore(
                        ctx,
                        c.responsabile_progetto.as_ref(),
                        ruolo,
                        true,
                        &at,
                        "responsabile_progetto",
                    );
                    let ruolo = RuoloOperatore::ResponsabileMonitoraggio.code();
                    operatore(
                        ctx,
                        c.responsabile_monitoraggio.as_ref(),
                        ruolo,
                        true,
                        &at,
                        "responsabile_monitoraggio",
                    );
                    if let Some(progetto) = &c.progetto {
                        eroganti(
                            ctx,
                            &progetto.prestazioni_programmate,
                            &at,
                            "progetto/prestazioni_programmate",
                        );
                    }
                }
                Fase::ErogazioneServizio(d) => {
                    eroganti(ctx, &d.prestazioni_erogate, &at, "prestazioni_erogate");
                }
                Fase::ValutazioneFinale(e) => {
                    let ruolo = RuoloOperatore::ResponsabileChiusura.code();
                    operatore(
                        ctx,
                        e.responsabile_chiusura.as_ref(),
                        ruolo,
                        false,
                        &at,
                        "responsabile_chiusura",
                    );
                }
            }
        }
    }
}

/// Position of a phase record (paths are built only when a finding is raised).
struct Posizione<'a> {
    base: &'a str,
    p: usize,
    f: usize,
}

fn eroganti(ctx: &mut Ctx<'_>, prestazioni: &[Prestazione], at: &Posizione<'_>, lista: &str) {
    for (i, prestazione) in prestazioni.iter().enumerate() {
        let Some(op) = &prestazione.operatore_erogante else {
            continue;
        };
        if !cf_presente(op.codice_fiscale.as_ref()) {
            let path = percorso_fase(
                at.base,
                at.p,
                at.f,
                &format!("{lista}/{i}/operatore_erogante/codice_fiscale"),
            );
            ctx.emit(
                "CSI-OPR-001",
                path,
                [("ruolo", OPERATORE_EROGANTE.to_string())],
            );
        }
        if op.profilo_professionale.is_none() {
            let path = percorso_fase(
                at.base,
                at.p,
                at.f,
                &format!("{lista}/{i}/operatore_erogante/profilo_professionale"),
            );
            ctx.emit(
                "CSI-OPR-002",
                path,
                [("ruolo", OPERATORE_EROGANTE.to_string())],
            );
        }
    }
}

/// `CSI-OPR-001` for an attender; `CSI-OPR-002` too when `con_profilo` (the role has a profile
/// binding not covered by a phase rule).
fn operatore(
    ctx: &mut Ctx<'_>,
    op: Option<&Operatore>,
    ruolo: &'static str,
    con_profilo: bool,
    at: &Posizione<'_>,
    campo: &str,
) {
    let Some(op) = op else { return };
    if !cf_presente(op.codice_fiscale.as_ref()) {
        let path = percorso_fase(at.base, at.p, at.f, &format!("{campo}/codice_fiscale"));
        ctx.emit("CSI-OPR-001", path, [("ruolo", ruolo.to_string())]);
    }
    if con_profilo && op.profilo_professionale.is_none() {
        let path = percorso_fase(
            at.base,
            at.p,
            at.f,
            &format!("{campo}/profilo_professionale"),
        );
        ctx.emit("CSI-OPR-002", path, [("ruolo", ruolo.to_string())]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const B: &str = "/processi/0/fasi/1";
    const C: &str = "/processi/0/fasi/2";
    const D: &str = "/processi/0/fasi/3";
    const E: &str = "/processi/0/fasi/4";

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn opr_001_operatore_senza_codice_fiscale() {
        for (campo, ruolo) in [
            (
                format!("{B}/responsabile_valutazione"),
                "RESPONSABILE_VALUTAZIONE",
            ),
            (format!("{B}/case_manager"), "CASE_MANAGER"),
            (
                format!("{C}/responsabile_progetto"),
                "RESPONSABILE_PROGETTO",
            ),
            (
                format!("{C}/responsabile_monitoraggio"),
                "RESPONSABILE_MONITORAGGIO",
            ),
            (
                format!("{E}/responsabile_chiusura"),
                "RESPONSABILE_CHIUSURA",
            ),
            (
                format!("{D}/prestazioni_erogate/0/operatore_erogante"),
                "OPERATORE_EROGANTE",
            ),
        ] {
            let mut v = completa();
            remove(&mut v, &format!("{campo}/codice_fiscale"));
            let r = valida(&v);
            assert_path(&r, "CSI-OPR-001", &format!("{campo}/codice_fiscale"));
            let issue = r.of_rule("CSI-OPR-001").next().unwrap();
            assert_eq!(issue.params["ruolo"], ruolo);
            assert!(issue.message_it.contains(ruolo), "{}", issue.message_it);
        }
    }

    #[test]
    fn opr_001_non_per_ruolo_assente_o_fase_annullata() {
        let mut v = completa();
        remove(&mut v, &format!("{B}/case_manager"));
        assert_absent(&valida(&v), "CSI-OPR-001");
        let mut v = completa();
        remove(&mut v, &format!("{B}/case_manager/codice_fiscale"));
        set(&mut v, &format!("{B}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-OPR-001");
    }

    #[test]
    fn opr_002_profilo_mancante_dove_il_ruolo_lo_prevede() {
        for (campo, ruolo) in [
            (
                format!("{C}/responsabile_progetto"),
                "RESPONSABILE_PROGETTO",
            ),
            (
                format!("{C}/responsabile_monitoraggio"),
                "RESPONSABILE_MONITORAGGIO",
            ),
            (
                format!("{D}/prestazioni_erogate/0/operatore_erogante"),
                "OPERATORE_EROGANTE",
            ),
        ] {
            let mut v = completa();
            remove(&mut v, &format!("{campo}/profilo_professionale"));
            let r = valida(&v);
            assert_path(&r, "CSI-OPR-002", &format!("{campo}/profilo_professionale"));
            assert_eq!(
                r.of_rule("CSI-OPR-002").next().unwrap().params["ruolo"],
                ruolo
            );
        }
    }

    #[test]
    fn opr_002_non_per_i_ruoli_con_regola_propria_o_senza_profilo() {
        let mut v = completa();
        remove(
            &mut v,
            &format!("{B}/responsabile_valutazione/profilo_professionale"),
        );
        remove(&mut v, &format!("{B}/case_manager/profilo_professionale"));
        let r = valida(&v);
        assert_absent(&r, "CSI-OPR-002");
        assert!(r.has("CSI-VAL-003") && r.has("CSI-VAL-008"));
        // The responsabile chiusura has no profile: nothing to ask for.
        assert!(valida(&completa()).of_rule("CSI-OPR-002").next().is_none());
    }

    #[test]
    fn opr_002_operatore_erogante_programmato() {
        let mut v = completa();
        set(
            &mut v,
            &format!("{C}/progetto/prestazioni_programmate/0/operatore_erogante"),
            serde_json::json!({ "codice_fiscale": "BNCGPP70A01F205F" }),
        );
        let r = valida(&v);
        assert_path(
            &r,
            "CSI-OPR-002",
            &format!(
                "{C}/progetto/prestazioni_programmate/0/operatore_erogante/profilo_professionale"
            ),
        );
        assert_absent(&r, "CSI-OPR-001");
    }
}
