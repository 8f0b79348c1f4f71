//! Phase C — Elaborazione del progetto individuale (`CSI-PRG-*`, `rules.md` §4.7, `model.md` §5.4).
//!
//! Completeness rules (level G) skip annulled records; so does `CSI-PRG-012` (an annulled plan
//! does not use its code).

use super::engine::Ctx;
use super::operatori::{annullata, percorso_fase};
use crate::model::{Cartella, Fase, FaseProgettoIndividuale};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-PRG-001",
    "CSI-PRG-002",
    "CSI-PRG-003",
    "CSI-PRG-004",
    "CSI-PRG-005",
    "CSI-PRG-006",
    "CSI-PRG-007",
    "CSI-PRG-008",
    "CSI-PRG-009",
    "CSI-PRG-010",
    "CSI-PRG-011",
    "CSI-PRG-012",
    "CSI-PRG-013",
];

/// Rules of this area that cannot arise on a canonical cartella (none: the reader's missing
/// `@unit` becomes an absent unit, which `CSI-PRG-008` reports on the model).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// UCUM units of time accepted for a monitoring interval.
const UNITA_TEMPO: &[&str] = &["s", "min", "h", "d", "wk", "mo", "a"];

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (p, processo) in cartella.processi.iter().enumerate() {
        for (f, fase) in processo.fasi.iter().enumerate() {
            let Fase::ProgettoIndividuale(c) = fase else {
                continue;
            };
            if annullata(fase) {
                continue;
            }
            completezza(ctx, c, base, p, f);
            // CSI-PRG-012: the code was already used by an earlier (non-annulled) C record.
            let Some(codice) = c
                .progetto
                .as_ref()
                .and_then(|pr| pr.codice_progetto.as_deref())
            else {
                continue;
            };
            let codice = codice.trim();
            if codice.is_empty() {
                continue;
            }
            let ripetuto = processo.fasi[..f].iter().any(|prima| match prima {
                Fase::ProgettoIndividuale(pc) if !annullata(prima) => pc
                    .progetto
                    .as_ref()
                    .and_then(|pr| pr.codice_progetto.as_deref())
                    .is_some_and(|x| x.trim() == codice),
                _ => false,
            });
            if ripetuto {
                ctx.emit(
                    "CSI-PRG-012",
                    percorso_fase(base, p, f, "progetto/codice_progetto"),
                    [],
                );
            }
        }
    }
}

fn completezza(ctx: &mut Ctx<'_>, c: &FaseProgettoIndividuale, base: &str, p: usize, f: usize) {
    if c.responsabile_progetto.is_none() {
        ctx.emit(
            "CSI-PRG-001",
            percorso_fase(base, p, f, "responsabile_progetto"),
            [],
        );
    }
    if c.responsabile_monitoraggio.is_none() {
        ctx.emit(
            "CSI-PRG-002",
            percorso_fase(base, p, f, "responsabile_monitoraggio"),
            [],
        );
    }
    let Some(pr) = &c.progetto else {
        ctx.emit("CSI-PRG-003", percorso_fase(base, p, f, "progetto"), []);
        return;
    };
    if pr
        .codice_progetto
        .as_deref()
        .unwrap_or("")
        .trim()
        .is_empty()
    {
        ctx.emit(
            "CSI-PRG-004",
            percorso_fase(base, p, f, "progetto/codice_progetto"),
            [],
        );
    }
    if pr.data_inizio.is_none() {
        ctx.emit(
            "CSI-PRG-005",
            percorso_fase(base, p, f, "progetto/data_inizio"),
            [],
        );
    }
    if pr.data_fine.is_none() {
        ctx.emit(
            "CSI-PRG-013",
            percorso_fase(base, p, f, "progetto/data_fine"),
            [],
        );
    }
    if pr.oggetto.is_none() {
        ctx.emit(
            "CSI-PRG-009",
            percorso_fase(base, p, f, "progetto/oggetto"),
            [],
        );
    }
    if pr.obiettivi.is_empty() {
        ctx.emit(
            "CSI-PRG-006",
            percorso_fase(base, p, f, "progetto/obiettivi"),
            [],
        );
    }
    for (i, o) in pr.obiettivi.iter().enumerate() {
        if o.indicatore_esito.is_none() {
            ctx.emit(
                "CSI-PRG-007",
                percorso_fase(
                    base,
                    p,
                    f,
                    &format!("progetto/obiettivi/{i}/indicatore_esito"),
                ),
                [],
            );
        }
        if let Some(t) = &o.tempistica_monitoraggio {
            if !t
                .unit
                .as_deref()
                .is_some_and(|u| UNITA_TEMPO.contains(&u.trim()))
            {
                let rel = format!("progetto/obiettivi/{i}/tempistica_monitoraggio/unit");
                ctx.emit("CSI-PRG-008", percorso_fase(base, p, f, &rel), []);
            }
        }
    }
    if pr.prestazioni_programmate.is_empty() {
        ctx.emit(
            "CSI-PRG-011",
            percorso_fase(base, p, f, "progetto/prestazioni_programmate"),
            [],
        );
    }
    for (i, pp) in pr.prestazioni_programmate.iter().enumerate() {
        if pp.codice.is_none() {
            let rel = format!("progetto/prestazioni_programmate/{i}/codice");
            ctx.emit("CSI-PRG-010", percorso_fase(base, p, f, &rel), []);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::*;

    const C: &str = "/processi/0/fasi/2";

    fn senza(campo: &str) -> crate::rules::Report {
        let mut v = completa();
        remove(&mut v, &format!("{C}/{campo}"));
        valida(&v)
    }

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn prg_001_002_responsabili() {
        assert_path(
            &senza("responsabile_progetto"),
            "CSI-PRG-001",
            &format!("{C}/responsabile_progetto"),
        );
        assert_path(
            &senza("responsabile_monitoraggio"),
            "CSI-PRG-002",
            &format!("{C}/responsabile_monitoraggio"),
        );
    }

    #[test]
    fn prg_003_senza_progetto() {
        let r = senza("progetto");
        assert_path(&r, "CSI-PRG-003", &format!("{C}/progetto"));
        // The parts of a missing project are not reported one by one.
        assert_absent(&r, "CSI-PRG-004");
        assert_absent(&r, "CSI-PRG-006");
    }

    #[test]
    fn prg_004_005_009_013_campi_del_progetto() {
        assert_path(
            &senza("progetto/codice_progetto"),
            "CSI-PRG-004",
            &format!("{C}/progetto/codice_progetto"),
        );
        assert_path(
            &senza("progetto/data_inizio"),
            "CSI-PRG-005",
            &format!("{C}/progetto/data_inizio"),
        );
        assert_path(
            &senza("progetto/oggetto"),
            "CSI-PRG-009",
            &format!("{C}/progetto/oggetto"),
        );
        assert_path(
            &senza("progetto/data_fine"),
            "CSI-PRG-013",
            &format!("{C}/progetto/data_fine"),
        );
    }

    #[test]
    fn prg_006_007_obiettivi() {
        assert_path(
            &senza("progetto/obiettivi"),
            "CSI-PRG-006",
            &format!("{C}/progetto/obiettivi"),
        );
        assert_path(
            &senza("progetto/obiettivi/0/indicatore_esito"),
            "CSI-PRG-007",
            &format!("{C}/progetto/obiettivi/0/indicatore_esito"),
        );
    }

    #[test]
    fn prg_008_unita_di_monitoraggio() {
        let path = format!("{C}/progetto/obiettivi/0/tempistica_monitoraggio/unit");
        assert_path(
            &senza("progetto/obiettivi/0/tempistica_monitoraggio/unit"),
            "CSI-PRG-008",
            &path,
        );
        let mut v = completa();
        set(&mut v, &path, "kg".into());
        assert_path(&valida(&v), "CSI-PRG-008", &path);
        for ok in ["d", "wk", "a"] {
            set(&mut v, &path, ok.into());
            assert_absent(&valida(&v), "CSI-PRG-008");
        }
        // No interval at all: nothing to qualify.
        assert_absent(
            &senza("progetto/obiettivi/0/tempistica_monitoraggio"),
            "CSI-PRG-008",
        );
    }

    #[test]
    fn prg_010_011_prestazioni_programmate() {
        assert_path(
            &senza("progetto/prestazioni_programmate/0/codice"),
            "CSI-PRG-010",
            &format!("{C}/progetto/prestazioni_programmate/0/codice"),
        );
        assert_path(
            &senza("progetto/prestazioni_programmate"),
            "CSI-PRG-011",
            &format!("{C}/progetto/prestazioni_programmate"),
        );
    }

    #[test]
    fn prg_012_codice_progetto_ripetuto() {
        let mut v = completa();
        let mut c2 = v.pointer(C).unwrap().clone();
        c2["id_fase"] = json!("C-2");
        c2["stato_fase"] = json!("APERTA");
        c2["data_inizio"] = json!("2025-01-20");
        for k in ["data_fine", "esito", "esito_processo"] {
            c2.as_object_mut().unwrap().remove(k);
        }
        set(&mut v, "/processi/0/fasi/5", c2);
        assert_path(
            &valida(&v),
            "CSI-PRG-012",
            "/processi/0/fasi/5/progetto/codice_progetto",
        );
        set(
            &mut v,
            "/processi/0/fasi/5/progetto/codice_progetto",
            "PRJ-2025-001".into(),
        );
        assert_absent(&valida(&v), "CSI-PRG-012");
        // The earlier record annulled: its code is free.
        set(
            &mut v,
            "/processi/0/fasi/5/progetto/codice_progetto",
            "PRJ-2024-001".into(),
        );
        set(&mut v, &format!("{C}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-PRG-012");
    }
}
