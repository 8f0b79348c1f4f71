//! Phase D — Erogazione del servizio (`CSI-ERO-*`, `rules.md` §4.8, `model.md` §5.5).
//!
//! `CSI-ERO-013` and `CSI-ERO-015` (service sub-machine, `lifecycle.md` §7) belong to the
//! lifecycle. Completeness rules (level G) skip annulled records; the consistency rules apply to
//! every record. Dates are compared on their common precision: values equal on it are not
//! ordered and never raise a finding.

use super::engine::Ctx;
use super::operatori::{annullata, percorso_fase};
use crate::model::{Cartella, Fase, FaseErogazioneServizio, Istante, StatoFase, StatoIntervento};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-ERO-001",
    "CSI-ERO-002",
    "CSI-ERO-003",
    "CSI-ERO-004",
    "CSI-ERO-005",
    "CSI-ERO-006",
    "CSI-ERO-007",
    "CSI-ERO-008",
    "CSI-ERO-009",
    "CSI-ERO-010",
    "CSI-ERO-011",
    "CSI-ERO-012",
    "CSI-ERO-014",
];

/// Rules of this area that cannot arise on a canonical cartella: (id, where they are raised).
pub(crate) const DEFERRED: &[(&str, &str)] = &[(
    "CSI-ERO-016",
    "raised by the interscambio XML reader: a DAFS/MOSO item without a preceding DAIS cannot be represented (Sospensione.data_inizio is required)",
)];

/// Whether the service was activated: an activation date, or a state or data that only an active
/// service can have (`A`/`S`, suspensions, a conclusion date, delivered prestazioni).
fn attivato(d: &FaseErogazioneServizio) -> bool {
    d.data_attivazione.is_some()
        || matches!(
            d.stato_intervento,
            Some(StatoIntervento::A | StatoIntervento::S)
        )
        || d.data_conclusione.is_some()
        || !d.sospensioni.is_empty()
        || !d.prestazioni_erogate.is_empty()
}

/// `a` strictly before `b`, where `None` is an open end (+∞) for `b`.
fn prima_di_fine(a: &Istante, fine: Option<&Istante>) -> bool {
    match fine {
        Some(b) => a.is_before(b),
        None => true,
    }
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (p, processo) in cartella.processi.iter().enumerate() {
        for (f, fase) in processo.fasi.iter().enumerate() {
            let Fase::ErogazioneServizio(d) = fase else {
                continue;
            };
            if !annullata(fase) {
                completezza(ctx, d, base, p, f);
            }
            coerenza(ctx, d, fase.is_open(), base, p, f);
        }
    }
}

fn completezza(ctx: &mut Ctx<'_>, d: &FaseErogazioneServizio, base: &str, p: usize, f: usize) {
    if d.udo_sociale.is_none() && d.struttura_fuori_rete.is_none() && d.soggetto_erogatore.is_none()
    {
        ctx.emit("CSI-ERO-001", format!("{base}/processi/{p}/fasi/{f}"), []);
    }
    if d.servizio_erogato.is_none() {
        ctx.emit(
            "CSI-ERO-003",
            percorso_fase(base, p, f, "servizio_erogato"),
            [],
        );
    }
    let attivato = attivato(d);
    if attivato && d.data_attivazione.is_none() {
        ctx.emit(
            "CSI-ERO-004",
            percorso_fase(base, p, f, "data_attivazione"),
            [],
        );
    }
    if d.modalita_erogazione.is_none() {
        ctx.emit(
            "CSI-ERO-005",
            percorso_fase(base, p, f, "modalita_erogazione"),
            [],
        );
    }
    if d.area_intervento_sociale.is_none() {
        ctx.emit(
            "CSI-ERO-006",
            percorso_fase(base, p, f, "area_intervento_sociale"),
            [],
        );
    }
    if attivato && d.intestazione.stato_fase == StatoFase::Chiusa && d.data_conclusione.is_none() {
        ctx.emit(
            "CSI-ERO-007",
            percorso_fase(base, p, f, "data_conclusione"),
            [],
        );
    }
    match (d.tipologia_voucher.is_some(), d.valore_voucher.is_some()) {
        (true, false) => ctx.emit(
            "CSI-ERO-008",
            percorso_fase(base, p, f, "valore_voucher"),
            [],
        ),
        (false, true) => ctx.emit(
            "CSI-ERO-008",
            percorso_fase(base, p, f, "tipologia_voucher"),
            [],
        ),
        _ => {}
    }
    for (i, s) in d.sospensioni.iter().enumerate() {
        if s.motivazione.is_none() {
            ctx.emit(
                "CSI-ERO-010",
                percorso_fase(base, p, f, &format!("sospensioni/{i}/motivazione")),
                [],
            );
        }
    }
}

fn coerenza(
    ctx: &mut Ctx<'_>,
    d: &FaseErogazioneServizio,
    aperta: bool,
    base: &str,
    p: usize,
    f: usize,
) {
    if d.udo_sociale.is_some() && d.struttura_fuori_rete.is_some() {
        ctx.emit(
            "CSI-ERO-002",
            percorso_fase(base, p, f, "struttura_fuori_rete"),
            [],
        );
    }
    if aperta && d.data_conclusione.is_some() {
        ctx.emit(
            "CSI-ERO-014",
            percorso_fase(base, p, f, "data_conclusione"),
            [],
        );
    }
    // CSI-ERO-009: a later suspension overlapping an earlier one (two open suspensions are
    // CSI-ERO-011 only). CSI-ERO-011: reported once, at the second open suspension.
    let mut aperte = 0usize;
    for (j, b) in d.sospensioni.iter().enumerate() {
        if b.data_fine.is_none() {
            aperte += 1;
            if aperte == 2 {
                ctx.emit(
                    "CSI-ERO-011",
                    percorso_fase(base, p, f, &format!("sospensioni/{j}")),
                    [],
                );
            }
        }
        let sovrapposta = d.sospensioni[..j].iter().any(|a| {
            (a.data_fine.is_some() || b.data_fine.is_some())
                && prima_di_fine(&a.data_inizio, b.data_fine.as_ref())
                && prima_di_fine(&b.data_inizio, a.data_fine.as_ref())
        });
        if sovrapposta {
            ctx.emit(
                "CSI-ERO-009",
                percorso_fase(base, p, f, &format!("sospensioni/{j}")),
                [],
            );
        }
    }
    // CSI-ERO-012: delivered prestazioni inside [data_attivazione, data_conclusione].
    let Some(attivazione) = &d.data_attivazione else {
        return;
    };
    let conclusione = d.data_conclusione.as_ref();
    for (i, pr) in d.prestazioni_erogate.iter().enumerate() {
        let fuori =
            |t: &Istante| t.is_before(attivazione) || conclusione.is_some_and(|c| c.is_before(t));
        let campo = match (&pr.data_inizio, &pr.data_fine) {
            (Some(t), _) if fuori(t) => "data_inizio",
            (_, Some(t)) if fuori(t) => "data_fine",
            _ => continue,
        };
        ctx.emit(
            "CSI-ERO-012",
            percorso_fase(base, p, f, &format!("prestazioni_erogate/{i}/{campo}")),
            [],
        );
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::*;

    const D: &str = "/processi/0/fasi/3";

    fn senza(campo: &str) -> crate::rules::Report {
        let mut v = completa();
        remove(&mut v, &format!("{D}/{campo}"));
        valida(&v)
    }

    /// The complete cartella with the D record still open and active.
    fn aperta() -> serde_json::Value {
        let mut v = completa();
        set(&mut v, &format!("{D}/stato_fase"), "APERTA".into());
        set(&mut v, &format!("{D}/stato_intervento"), "A".into());
        for k in ["data_fine", "esito", "esito_processo", "data_conclusione"] {
            remove(&mut v, &format!("{D}/{k}"));
        }
        v
    }

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
        assert_none_of(&valida(&aperta()), super::RULES);
    }

    #[test]
    fn ero_001_nessun_erogatore() {
        let r = senza("udo_sociale");
        assert_path(&r, "CSI-ERO-001", D);
        let mut v = completa();
        remove(&mut v, &format!("{D}/udo_sociale"));
        set(&mut v, &format!("{D}/soggetto_erogatore"), cod("E1", "4.3"));
        assert_absent(&valida(&v), "CSI-ERO-001");
    }

    #[test]
    fn ero_002_udo_e_struttura_fuori_rete() {
        let mut v = completa();
        set(
            &mut v,
            &format!("{D}/struttura_fuori_rete"),
            "Cooperativa Alfa".into(),
        );
        assert_path(
            &valida(&v),
            "CSI-ERO-002",
            &format!("{D}/struttura_fuori_rete"),
        );
        remove(&mut v, &format!("{D}/udo_sociale"));
        let r = valida(&v);
        assert_absent(&r, "CSI-ERO-002");
        assert_absent(&r, "CSI-ERO-001");
    }

    #[test]
    fn ero_003_005_006_campi_del_servizio() {
        assert_path(
            &senza("servizio_erogato"),
            "CSI-ERO-003",
            &format!("{D}/servizio_erogato"),
        );
        assert_path(
            &senza("modalita_erogazione"),
            "CSI-ERO-005",
            &format!("{D}/modalita_erogazione"),
        );
        assert_path(
            &senza("area_intervento_sociale"),
            "CSI-ERO-006",
            &format!("{D}/area_intervento_sociale"),
        );
    }

    #[test]
    fn ero_004_servizio_attivo_senza_data_attivazione() {
        let mut v = aperta();
        remove(&mut v, &format!("{D}/data_attivazione"));
        assert_path(&valida(&v), "CSI-ERO-004", &format!("{D}/data_attivazione"));
        // A service only registered (V) or on a waiting list (G) is not activated.
        let mut v = aperta();
        for k in ["data_attivazione", "sospensioni", "prestazioni_erogate"] {
            remove(&mut v, &format!("{D}/{k}"));
        }
        for stato in ["V", "G"] {
            set(&mut v, &format!("{D}/stato_intervento"), stato.into());
            assert_absent(&valida(&v), "CSI-ERO-004");
        }
        set(&mut v, &format!("{D}/stato_intervento"), "S".into());
        assert_path(&valida(&v), "CSI-ERO-004", &format!("{D}/data_attivazione"));
    }

    #[test]
    fn ero_007_servizio_chiuso_senza_conclusione() {
        assert_path(
            &senza("data_conclusione"),
            "CSI-ERO-007",
            &format!("{D}/data_conclusione"),
        );
        // Open record: not yet expected.
        assert_absent(&valida(&aperta()), "CSI-ERO-007");
        // Closed without ever being activated (from V): no conclusion date is due.
        let mut v = completa();
        for k in [
            "data_attivazione",
            "data_conclusione",
            "sospensioni",
            "prestazioni_erogate",
        ] {
            remove(&mut v, &format!("{D}/{k}"));
        }
        assert_absent(&valida(&v), "CSI-ERO-007");
    }

    #[test]
    fn ero_008_voucher_incompleto() {
        assert_path(
            &senza("valore_voucher"),
            "CSI-ERO-008",
            &format!("{D}/valore_voucher"),
        );
        assert_path(
            &senza("tipologia_voucher"),
            "CSI-ERO-008",
            &format!("{D}/tipologia_voucher"),
        );
        let mut v = completa();
        remove(&mut v, &format!("{D}/valore_voucher"));
        remove(&mut v, &format!("{D}/tipologia_voucher"));
        assert_absent(&valida(&v), "CSI-ERO-008");
    }

    #[test]
    fn ero_009_sospensioni_sovrapposte() {
        let mut v = completa();
        set(
            &mut v,
            &format!("{D}/sospensioni/1/data_inizio"),
            "2024-07-20".into(),
        );
        assert_path(&valida(&v), "CSI-ERO-009", &format!("{D}/sospensioni/1"));
        // An open suspension after a closed one that it overlaps.
        let mut v = completa();
        set(
            &mut v,
            &format!("{D}/sospensioni/0"),
            json!({ "data_inizio": "2024-07-01", "motivazione": cod("1", "4.11") }),
        );
        assert_path(&valida(&v), "CSI-ERO-009", &format!("{D}/sospensioni/1"));
        // Touching on the same day is not an overlap (equal on the common precision).
        let mut v = completa();
        set(
            &mut v,
            &format!("{D}/sospensioni/1/data_inizio"),
            "2024-07-31".into(),
        );
        assert_absent(&valida(&v), "CSI-ERO-009");
        // Different precision, equal on the common one: not ordered, not reported.
        set(
            &mut v,
            &format!("{D}/sospensioni/1/data_inizio"),
            "2024-07".into(),
        );
        assert_absent(&valida(&v), "CSI-ERO-009");
    }

    #[test]
    fn ero_010_sospensione_senza_motivazione() {
        assert_path(
            &senza("sospensioni/1/motivazione"),
            "CSI-ERO-010",
            &format!("{D}/sospensioni/1/motivazione"),
        );
        assert_absent(&valida(&completa()), "CSI-ERO-010");
    }

    #[test]
    fn ero_011_piu_sospensioni_aperte() {
        let mut v = aperta();
        remove(&mut v, &format!("{D}/sospensioni/0/data_fine"));
        remove(&mut v, &format!("{D}/sospensioni/1/data_fine"));
        let r = valida(&v);
        assert_path(&r, "CSI-ERO-011", &format!("{D}/sospensioni/1"));
        assert_eq!(r.of_rule("CSI-ERO-011").count(), 1);
        assert_absent(&r, "CSI-ERO-009");
        let mut v = aperta();
        remove(&mut v, &format!("{D}/sospensioni/1/data_fine"));
        assert_absent(&valida(&v), "CSI-ERO-011");
    }

    #[test]
    fn ero_012_prestazione_fuori_periodo() {
        let p = format!("{D}/prestazioni_erogate/0");
        let mut v = completa();
        set(
            &mut v,
            &format!("{p}/data_inizio"),
            "2024-02-28T09:00".into(),
        );
        assert_path(&valida(&v), "CSI-ERO-012", &format!("{p}/data_inizio"));
        let mut v = completa();
        set(
            &mut v,
            &format!("{p}/data_inizio"),
            "2024-12-31T09:00".into(),
        );
        set(&mut v, &format!("{p}/data_fine"), "2025-01-02T11:00".into());
        assert_path(&valida(&v), "CSI-ERO-012", &format!("{p}/data_fine"));
        // On the boundary days: inside (equal on the common precision).
        let mut v = completa();
        set(
            &mut v,
            &format!("{p}/data_inizio"),
            "2024-03-01T08:00".into(),
        );
        set(&mut v, &format!("{p}/data_fine"), "2024-12-31T18:00".into());
        assert_absent(&valida(&v), "CSI-ERO-012");
    }

    #[test]
    fn ero_014_conclusione_con_fase_aperta() {
        let mut v = aperta();
        set(
            &mut v,
            &format!("{D}/data_conclusione"),
            "2024-12-31".into(),
        );
        assert_path(&valida(&v), "CSI-ERO-014", &format!("{D}/data_conclusione"));
        assert_absent(&valida(&completa()), "CSI-ERO-014");
    }

    #[test]
    fn completezza_non_su_fase_annullata() {
        let mut v = completa();
        remove(&mut v, &format!("{D}/servizio_erogato"));
        set(&mut v, &format!("{D}/stato_fase"), "ANNULLATA".into());
        assert_absent(&valida(&v), "CSI-ERO-003");
    }
}
