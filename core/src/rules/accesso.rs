//! Phase A — Accesso e orientamento (`CSI-ACC-*`, `rules.md` §4.5, `model.md` §5.2).
//!
//! Completeness rules (level G) skip annulled records; `CSI-ACC-011`/`-012` apply to every record.

use super::engine::Ctx;
use super::operatori::{annullata, percorso_fase, presente};
use crate::model::{Cartella, Fase, FaseAccesso};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-ACC-001",
    "CSI-ACC-002",
    "CSI-ACC-003",
    "CSI-ACC-004",
    "CSI-ACC-005",
    "CSI-ACC-006",
    "CSI-ACC-007",
    "CSI-ACC-008",
    "CSI-ACC-009",
    "CSI-ACC-010",
    "CSI-ACC-011",
    "CSI-ACC-012",
];

/// Rules of this area that cannot arise on a canonical cartella (none).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (p, processo) in cartella.processi.iter().enumerate() {
        for (f, fase) in processo.fasi.iter().enumerate() {
            if let Fase::Accesso(a) = fase {
                if !annullata(fase) {
                    completezza(ctx, a, base, p, f);
                }
                dsu(ctx, a, base, p, f);
            }
        }
    }
}

fn completezza(ctx: &mut Ctx<'_>, a: &FaseAccesso, base: &str, p: usize, f: usize) {
    if let Some(s) = &a.segnalazione {
        if s.data_segnalazione.is_none() {
            ctx.emit(
                "CSI-ACC-001",
                percorso_fase(base, p, f, "segnalazione/data_segnalazione"),
                [],
            );
        }
        if s.bisogno_espresso.is_none() {
            ctx.emit(
                "CSI-ACC-002",
                percorso_fase(base, p, f, "segnalazione/bisogno_espresso"),
                [],
            );
        }
        if let Some(e) = &s.ente_segnalante {
            if e.tipologia.is_none() {
                ctx.emit(
                    "CSI-ACC-003",
                    percorso_fase(base, p, f, "segnalazione/ente_segnalante/tipologia"),
                    [],
                );
            }
            if !presente(e.codice.as_ref()) && e.denominazione.is_none() {
                ctx.emit(
                    "CSI-ACC-004",
                    percorso_fase(base, p, f, "segnalazione/ente_segnalante"),
                    [],
                );
            }
        }
    }
    if a.valore_isee.is_some() {
        if a.tipologia_isee.is_none() {
            ctx.emit(
                "CSI-ACC-005",
                percorso_fase(base, p, f, "tipologia_isee"),
                [],
            );
        }
        if a.dsu.is_none() && a.dsu_protocollo.is_none() {
            ctx.emit("CSI-ACC-006", percorso_fase(base, p, f, "dsu"), []);
        }
    }
    if a.tipologia_richiesta.is_none() {
        ctx.emit(
            "CSI-ACC-007",
            percorso_fase(base, p, f, "tipologia_richiesta"),
            [],
        );
    }
    if a.modalita_contatto.is_none() {
        ctx.emit(
            "CSI-ACC-008",
            percorso_fase(base, p, f, "modalita_contatto"),
            [],
        );
    }
    if a.ente_rilevatore
        .as_ref()
        .and_then(|e| e.codice.as_ref())
        .is_none()
    {
        ctx.emit(
            "CSI-ACC-009",
            percorso_fase(base, p, f, "ente_rilevatore/codice"),
            [],
        );
    }
    if a.ambito_intervento_richiesto.is_none() {
        ctx.emit(
            "CSI-ACC-010",
            percorso_fase(base, p, f, "ambito_intervento_richiesto"),
            [],
        );
    }
}

/// `CSI-ACC-011` (all-or-none: `data` is required by the type, `numero` and `anno` may be
/// blank) and `CSI-ACC-012`.
fn dsu(ctx: &mut Ctx<'_>, a: &FaseAccesso, base: &str, p: usize, f: usize) {
    let Some(dsu) = &a.dsu_protocollo else {
        return;
    };
    if dsu.numero.trim().is_empty() {
        ctx.emit(
            "CSI-ACC-011",
            percorso_fase(base, p, f, "dsu_protocollo/numero"),
            [],
        );
    }
    let anno = dsu.anno.trim();
    if anno.is_empty() {
        ctx.emit(
            "CSI-ACC-011",
            percorso_fase(base, p, f, "dsu_protocollo/anno"),
            [],
        );
    } else if anno.parse::<i32>().ok() != Some(dsu.data.year()) {
        ctx.emit(
            "CSI-ACC-012",
            percorso_fase(base, p, f, "dsu_protocollo/anno"),
            [],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    const A: &str = "/processi/0/fasi/0";

    fn senza(campo: &str) -> crate::rules::Report {
        let mut v = completa();
        remove(&mut v, &format!("{A}/{campo}"));
        valida(&v)
    }

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn acc_001_002_segnalazione_incompleta() {
        assert_path(
            &senza("segnalazione/data_segnalazione"),
            "CSI-ACC-001",
            &format!("{A}/segnalazione/data_segnalazione"),
        );
        assert_path(
            &senza("segnalazione/bisogno_espresso"),
            "CSI-ACC-002",
            &format!("{A}/segnalazione/bisogno_espresso"),
        );
        // No segnalazione at all (optional): nothing to complete.
        let r = senza("segnalazione");
        assert_absent(&r, "CSI-ACC-001");
        assert_absent(&r, "CSI-ACC-002");
    }

    #[test]
    fn acc_003_004_ente_segnalante() {
        let r = senza("segnalazione/ente_segnalante/tipologia");
        assert_path(
            &r,
            "CSI-ACC-003",
            &format!("{A}/segnalazione/ente_segnalante/tipologia"),
        );
        assert_absent(&r, "CSI-ACC-004");
        let mut v = completa();
        remove(&mut v, &format!("{A}/segnalazione/ente_segnalante/codice"));
        assert_absent(&valida(&v), "CSI-ACC-004");
        remove(
            &mut v,
            &format!("{A}/segnalazione/ente_segnalante/denominazione"),
        );
        assert_path(
            &valida(&v),
            "CSI-ACC-004",
            &format!("{A}/segnalazione/ente_segnalante"),
        );
    }

    #[test]
    fn acc_005_006_isee() {
        assert_path(
            &senza("tipologia_isee"),
            "CSI-ACC-005",
            &format!("{A}/tipologia_isee"),
        );
        let mut v = completa();
        remove(&mut v, &format!("{A}/dsu"));
        assert_absent(&valida(&v), "CSI-ACC-006"); // the protocol is DSU information
        remove(&mut v, &format!("{A}/dsu_protocollo"));
        assert_path(&valida(&v), "CSI-ACC-006", &format!("{A}/dsu"));
        // No ISEE value: nothing expected.
        remove(&mut v, &format!("{A}/valore_isee"));
        remove(&mut v, &format!("{A}/tipologia_isee"));
        let r = valida(&v);
        assert_absent(&r, "CSI-ACC-005");
        assert_absent(&r, "CSI-ACC-006");
    }

    #[test]
    fn acc_007_008_009_010_campi_della_fase() {
        assert_path(
            &senza("tipologia_richiesta"),
            "CSI-ACC-007",
            &format!("{A}/tipologia_richiesta"),
        );
        assert_path(
            &senza("modalita_contatto"),
            "CSI-ACC-008",
            &format!("{A}/modalita_contatto"),
        );
        assert_path(
            &senza("ente_rilevatore/codice"),
            "CSI-ACC-009",
            &format!("{A}/ente_rilevatore/codice"),
        );
        assert_path(
            &senza("ente_rilevatore"),
            "CSI-ACC-009",
            &format!("{A}/ente_rilevatore/codice"),
        );
        assert_path(
            &senza("ambito_intervento_richiesto"),
            "CSI-ACC-010",
            &format!("{A}/ambito_intervento_richiesto"),
        );
    }

    #[test]
    fn completezza_non_su_fase_annullata() {
        let mut v = completa();
        remove(&mut v, &format!("{A}/tipologia_richiesta"));
        set(&mut v, &format!("{A}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-ACC-007");
    }

    #[test]
    fn acc_011_protocollo_dsu_incompleto() {
        let mut v = completa();
        set(&mut v, &format!("{A}/dsu_protocollo/numero"), " ".into());
        let r = valida(&v);
        assert_path(&r, "CSI-ACC-011", &format!("{A}/dsu_protocollo/numero"));
        assert_eq!(
            r.of_rule("CSI-ACC-011").next().unwrap().severity,
            crate::rules::Severity::Error
        );
        let mut v = completa();
        set(&mut v, &format!("{A}/dsu_protocollo/anno"), "".into());
        let r = valida(&v);
        assert_path(&r, "CSI-ACC-011", &format!("{A}/dsu_protocollo/anno"));
        assert_absent(&r, "CSI-ACC-012");
        assert_absent(&valida(&completa()), "CSI-ACC-011");
    }

    #[test]
    fn acc_012_anno_diverso_dalla_data() {
        let mut v = completa();
        set(&mut v, &format!("{A}/dsu_protocollo/anno"), "2023".into());
        assert_path(
            &valida(&v),
            "CSI-ACC-012",
            &format!("{A}/dsu_protocollo/anno"),
        );
        assert_absent(&valida(&completa()), "CSI-ACC-012");
    }
}
