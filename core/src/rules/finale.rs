//! Phase E — Valutazione finale e conclusione del processo di aiuto (`CSI-FIN-*`, `rules.md` §4.9,
//! `model.md` §5.6).
//!
//! Completeness rules (level G) skip annulled records. `CSI-FIN-007` is raised on the canonical
//! model too: a `profilo_professionale` on the responsabile chiusura is dropped by the HL7 writer.

use super::engine::Ctx;
use super::operatori::{annullata, percorso_fase};
use crate::model::{Cartella, Fase};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-FIN-001",
    "CSI-FIN-002",
    "CSI-FIN-003",
    "CSI-FIN-004",
    "CSI-FIN-005",
    "CSI-FIN-006",
    "CSI-FIN-007",
];

/// Rules of this area that cannot arise on a canonical cartella (none).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (p, processo) in cartella.processi.iter().enumerate() {
        for (f, fase) in processo.fasi.iter().enumerate() {
            let Fase::ValutazioneFinale(e) = fase else {
                continue;
            };
            if e.responsabile_chiusura
                .as_ref()
                .is_some_and(|r| r.profilo_professionale.is_some())
            {
                ctx.emit(
                    "CSI-FIN-007",
                    percorso_fase(base, p, f, "responsabile_chiusura/profilo_professionale"),
                    [],
                );
            }
            if annullata(fase) {
                continue;
            }
            if e.responsabile_chiusura.is_none() {
                ctx.emit(
                    "CSI-FIN-001",
                    percorso_fase(base, p, f, "responsabile_chiusura"),
                    [],
                );
            }
            if e.motivazione_chiusura.is_none() {
                ctx.emit(
                    "CSI-FIN-002",
                    percorso_fase(base, p, f, "motivazione_chiusura"),
                    [],
                );
            }
            if e.data_valutazione_finale.is_none() {
                ctx.emit(
                    "CSI-FIN-003",
                    percorso_fase(base, p, f, "data_valutazione_finale"),
                    [],
                );
            }
            if e.nuovo_progetto.is_none() {
                ctx.emit(
                    "CSI-FIN-004",
                    percorso_fase(base, p, f, "nuovo_progetto"),
                    [],
                );
            }
            if e.data_chiusura_progetto.is_none() {
                ctx.emit(
                    "CSI-FIN-005",
                    percorso_fase(base, p, f, "data_chiusura_progetto"),
                    [],
                );
            }
            if e.valutazione_finale.is_none() {
                ctx.emit(
                    "CSI-FIN-006",
                    percorso_fase(base, p, f, "valutazione_finale"),
                    [],
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{Profile, Profiles, Severity, ValidationOptions};

    const E: &str = "/processi/0/fasi/4";

    fn senza(campo: &str) -> crate::rules::Report {
        let mut v = completa();
        remove(&mut v, &format!("{E}/{campo}"));
        valida(&v)
    }

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn fin_001_a_006_campi_mancanti() {
        for (campo, regola) in [
            ("responsabile_chiusura", "CSI-FIN-001"),
            ("motivazione_chiusura", "CSI-FIN-002"),
            ("data_valutazione_finale", "CSI-FIN-003"),
            ("nuovo_progetto", "CSI-FIN-004"),
            ("data_chiusura_progetto", "CSI-FIN-005"),
            ("valutazione_finale", "CSI-FIN-006"),
        ] {
            let r = senza(campo);
            assert_path(&r, regola, &format!("{E}/{campo}"));
            let atteso = if regola == "CSI-FIN-006" {
                Severity::Info
            } else {
                Severity::Warning
            };
            assert_eq!(r.of_rule(regola).next().unwrap().severity, atteso);
        }
    }

    #[test]
    fn completezza_non_su_fase_annullata() {
        let mut v = completa();
        remove(&mut v, &format!("{E}/motivazione_chiusura"));
        set(&mut v, &format!("{E}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-FIN-002");
    }

    #[test]
    fn fin_007_profilo_del_responsabile_chiusura() {
        let mut v = completa();
        set(
            &mut v,
            &format!("{E}/responsabile_chiusura/profilo_professionale"),
            cod("1", "2.1"),
        );
        let r = valida(&v);
        assert_path(
            &r,
            "CSI-FIN-007",
            &format!("{E}/responsabile_chiusura/profilo_professionale"),
        );
        // Profile schema only: still raised (it is a schema-profile notice).
        let r = valida_con(
            &v,
            ValidationOptions::default().with_profiles(Profiles::up_to(Profile::Schema)),
        );
        assert_path(
            &r,
            "CSI-FIN-007",
            &format!("{E}/responsabile_chiusura/profilo_professionale"),
        );
        assert_absent(&r, "CSI-FIN-006");
        assert_absent(&valida(&completa()), "CSI-FIN-007");
    }
}
