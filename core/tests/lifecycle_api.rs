//! The lifecycle API (`lifecycle.md` §4): transitions, hard guards (refusals with the rule id),
//! soft guards (warnings; strict mode refuses), and "applying events then replaying the result
//! gives the same state" (proptest over random legal event sequences).

use cartella::lifecycle::{
    self, applica, applica_in_cartella, nuovo_accesso, replay, stato_corrente, transizioni_ammesse,
    DatiEvento, Evento, OpzioniTransizione, Servizio, Stato,
};
use cartella::model::{
    Cartella, Codice, CodiceFiscale, Ente, EsitoProcesso, FaseAccesso, Identificatore, Istante,
    Operatore, ProcessoAiuto, RuoloOperatore, StatoFase, StatoIntervento, StatoProcesso,
    TipoEvento, TipoFase,
};
use cartella::rules::Severity;
use cartella::CartellaError;
use chrono::NaiveDate;
use proptest::prelude::*;

fn il(d: &str) -> DatiEvento {
    DatiEvento::il(Istante::parse(d).unwrap())
}

fn opz() -> OpzioniTransizione {
    OpzioniTransizione::default()
}

fn nuovo() -> ProcessoAiuto {
    ProcessoAiuto {
        id_processo: "P-1".into(),
        ..Default::default()
    }
}

fn ok(p: &mut ProcessoAiuto, e: Evento, d: &str) -> Vec<String> {
    let issues = applica(p, e, il(d), &opz()).unwrap_or_else(|e| panic!("refused: {e}"));
    assert_eq!(
        replay(p).stato.processo(),
        p.stato,
        "replay after {:?}",
        p.eventi.last().map(|e| e.tipo)
    );
    issues.into_iter().map(|i| i.rule_id).collect()
}

fn rifiutato(p: &mut ProcessoAiuto, e: Evento, d: &str) -> String {
    let prima = p.clone();
    match applica(p, e, il(d), &opz()) {
        Err(CartellaError::TransizioneIllegale { rule_id, .. }) => {
            assert_eq!(*p, prima, "a refused event leaves the process unchanged");
            rule_id
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn ente() -> Ente {
    Ente {
        id: Identificatore {
            root: "2.16.840.1.113883.2.9.2.30.3.2.4.3".into(),
            extension: Some("015147".into()),
        },
        ..Default::default()
    }
}

fn stato(p: &ProcessoAiuto) -> &'static str {
    stato_corrente(p).code()
}

/// A → B → C → D (two services) → re-planning → E → CHIUSO.
#[test]
fn full_path_with_replanning_through_the_api() {
    let mut p = nuovo();
    assert_eq!(stato_corrente(&p), Stato::Iniziale);
    assert_eq!(transizioni_ammesse(&p), vec![TipoEvento::ApriAccesso]);
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    assert_eq!(stato(&p), "ACCESSO");
    let w = ok(&mut p, Evento::avvia_valutazione("B1"), "2024-01-10");
    assert_eq!(w, ["CSI-ACC-007", "CSI-ACC-008"]);
    ok(&mut p, Evento::prendi_in_carico("C1"), "2024-01-20");
    assert_eq!(stato(&p), "PROGETTAZIONE");
    assert_eq!(p.prese_in_carico.len(), 1);
    ok(&mut p, Evento::ApprovaProgetto, "2024-02-01");
    assert_eq!(stato(&p), "EROGAZIONE");
    ok(&mut p, Evento::attiva_nuovo_servizio("D1"), "2024-02-02");
    ok(&mut p, Evento::registra_servizio("D2"), "2024-02-03");
    ok(
        &mut p,
        Evento::MettiInGraduatoria {
            id_fase: "D2".into(),
        },
        "2024-02-04",
    );
    ok(
        &mut p,
        Evento::AttivaServizio(Servizio::Registrato("D2".into())),
        "2024-03-01",
    );
    ok(
        &mut p,
        Evento::SospendiServizio {
            id_fase: "D1".into(),
            motivazione: None,
        },
        "2024-03-10",
    );
    assert_eq!(stato(&p), "EROGAZIONE");
    let w = ok(
        &mut p,
        Evento::SospendiServizio {
            id_fase: "D2".into(),
            motivazione: None,
        },
        "2024-03-11",
    );
    assert_eq!(w, ["CSI-ERO-010"]);
    assert_eq!(stato(&p), "SOSPESO");
    ok(
        &mut p,
        Evento::RiprendiServizio {
            id_fase: "D1".into(),
        },
        "2024-03-20",
    );
    assert_eq!(stato(&p), "EROGAZIONE");
    ok(&mut p, Evento::riprogetta("C2"), "2024-04-01");
    assert_eq!(stato(&p), "PROGETTAZIONE");
    // no activation during re-planning
    assert_eq!(
        rifiutato(&mut p, Evento::attiva_nuovo_servizio("D3"), "2024-04-02"),
        "CSI-LCY-001"
    );
    ok(
        &mut p,
        Evento::ConcludiServizio {
            id_fase: "D2".into(),
            esito: EsitoProcesso::Interrotto,
        },
        "2024-04-03",
    );
    ok(&mut p, Evento::ApprovaProgetto, "2024-04-10");
    assert_eq!(stato(&p), "EROGAZIONE");
    let w = ok(&mut p, Evento::avvia_valutazione_finale("E1"), "2024-06-01");
    assert!(w.contains(&"CSI-LCY-014".to_string()));
    assert_eq!(
        rifiutato(&mut p, Evento::ChiudiProcesso, "2024-06-02"),
        "CSI-LCY-012"
    );
    ok(
        &mut p,
        Evento::ConcludiServizio {
            id_fase: "D1".into(),
            esito: EsitoProcesso::Concluso,
        },
        "2024-06-03",
    );
    let w = ok(&mut p, Evento::nuovo_progetto("C3"), "2024-06-05");
    assert_eq!(w, ["CSI-FIN-004"]);
    ok(&mut p, Evento::avvia_valutazione_finale("E2"), "2024-06-06"); // C3 not activated
    assert_eq!(
        p.fase("C3").unwrap().header().esito_processo,
        Some(EsitoProcesso::ProgettoNonAttivato)
    );
    let w = ok(&mut p, Evento::ChiudiProcesso, "2024-06-30");
    assert_eq!(w, ["CSI-FIN-001", "CSI-FIN-002", "CSI-FIN-003"]);
    assert_eq!(stato(&p), "CHIUSO");
    assert_eq!(
        p.prese_in_carico[0].data_fine.map(|d| d.to_string()),
        Some("2024-06-30".to_string())
    );
    assert_eq!(p.eventi.len(), 19);
    assert!(p.eventi.windows(2).all(|w| w[0].stato_a == w[1].stato_da));
    // history replays without any lifecycle error or implicit closure
    let r = replay(&p);
    assert!(
        r.issues
            .iter()
            .all(|i| i.severity != Severity::Error && i.rule_id != "CSI-LCY-022"),
        "{:?}",
        r.issues
    );
    // D1 record: suspension closed, concluded
    let d1 = p.fase("D1").unwrap().as_erogazione_servizio().unwrap();
    assert_eq!(d1.stato_intervento, Some(StatoIntervento::C));
    assert!(d1.sospensioni.iter().all(|s| s.data_fine.is_some()));
    // round trip through canonical JSON and validator: same state, no lifecycle error
    let c = Cartella {
        id_cartella: "T".into(),
        processi: vec![p],
        ..Default::default()
    };
    let back = cartella::json::from_str(&cartella::json::to_string(&c)).unwrap();
    assert_eq!(
        stato_corrente(&back.processi[0]),
        Stato::Processo(StatoProcesso::Chiuso)
    );
    // re-opening
    let mut p = back.processi[0].clone();
    ok(&mut p, Evento::riapri("B2"), "2024-07-01");
    assert_eq!(stato(&p), "VALUTAZIONE");
}

#[test]
fn illegal_transitions_are_refused_with_the_rule_id() {
    let mut p = nuovo();
    assert_eq!(
        rifiutato(&mut p, Evento::ApprovaProgetto, "2024-01-10"),
        "CSI-LCY-001"
    );
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    assert_eq!(
        rifiutato(&mut p, Evento::apri_accesso("A2"), "2024-01-10"),
        "CSI-LCY-001"
    );
    let e = Evento::ChiudiAccesso {
        esito: EsitoProcesso::PresaInCarico,
    };
    assert_eq!(rifiutato(&mut p, e, "2024-01-10"), "CSI-LCY-016");
    ok(&mut p, Evento::avvia_valutazione("B1"), "2024-01-11");
    ok(&mut p, Evento::prendi_in_carico("C1"), "2024-01-12");
    ok(&mut p, Evento::ApprovaProgetto, "2024-01-13");
    ok(&mut p, Evento::attiva_nuovo_servizio("D1"), "2024-01-14");
    ok(&mut p, Evento::registra_servizio("D2"), "2024-01-14");
    assert_eq!(
        rifiutato(
            &mut p,
            Evento::MettiInGraduatoria {
                id_fase: "D1".into()
            },
            "2024-01-15"
        ),
        "CSI-LCY-023"
    );
    let s = Evento::SospendiServizio {
        id_fase: "D2".into(),
        motivazione: None,
    };
    assert_eq!(rifiutato(&mut p, s, "2024-01-15"), "CSI-LCY-010");
    assert_eq!(
        rifiutato(
            &mut p,
            Evento::RiprendiServizio {
                id_fase: "D1".into()
            },
            "2024-01-15"
        ),
        "CSI-LCY-011"
    );
    ok(
        &mut p,
        Evento::ConcludiServizio {
            id_fase: "D2".into(),
            esito: EsitoProcesso::Concluso,
        },
        "2024-01-16",
    );
    let c = Evento::ConcludiServizio {
        id_fase: "D2".into(),
        esito: EsitoProcesso::Concluso,
    };
    assert_eq!(rifiutato(&mut p, c, "2024-01-17"), "CSI-LCY-023");
    let a = Evento::AttivaServizio(Servizio::Registrato("D2".into()));
    assert_eq!(rifiutato(&mut p, a, "2024-01-17"), "CSI-LCY-023");
    // the event date may not precede the start of the record it closes
    ok(&mut p, Evento::riprogetta("C2"), "2024-03-01");
    // ANNULLA needs a reason
    assert!(matches!(
        applica(&mut p, Evento::Annulla, il("2024-03-02"), &opz()),
        Err(CartellaError::Argomento { .. })
    ));
    applica(
        &mut p,
        Evento::Annulla,
        il("2024-03-02").con_nota("aperto per errore"),
        &opz(),
    )
    .unwrap();
    assert_eq!(stato(&p), "ANNULLATO");
    assert_eq!(p.fase("C2").unwrap().stato(), StatoFase::Annullata);
    assert_eq!(
        rifiutato(&mut p, Evento::registra_servizio("D9"), "2024-03-03"),
        "CSI-LCY-007"
    );
    assert_eq!(
        rifiutato(&mut p, Evento::riapri("B9"), "2024-03-03"),
        "CSI-LCY-015"
    );
    assert!(transizioni_ammesse(&p).is_empty());
}

#[test]
fn dat_001_and_event_dates() {
    let mut p = nuovo();
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    // earlier than the last event
    assert!(matches!(
        applica(
            &mut p,
            Evento::avvia_valutazione("B1"),
            il("2024-01-09"),
            &opz()
        ),
        Err(CartellaError::Argomento { name: "data", .. })
    ));
    // less than day precision
    assert!(matches!(
        applica(
            &mut p,
            Evento::avvia_valutazione("B1"),
            il("2024-02"),
            &opz()
        ),
        Err(CartellaError::Argomento { .. })
    ));
    // a record whose start is after the event date (imported data): CSI-DAT-001
    p.fasi[0].header_mut().data_inizio = Some(Istante::parse("2024-02-01").unwrap());
    assert_eq!(
        rifiutato(&mut p, Evento::avvia_valutazione("B1"), "2024-01-15"),
        "CSI-DAT-001"
    );
}

#[test]
fn transfer_closes_everything_and_replays_to_trasferito() {
    let mut p = nuovo();
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    ok(&mut p, Evento::avvia_valutazione("B1"), "2024-01-11");
    ok(&mut p, Evento::prendi_in_carico("C1"), "2024-01-12");
    ok(&mut p, Evento::ApprovaProgetto, "2024-01-13");
    ok(&mut p, Evento::attiva_nuovo_servizio("D1"), "2024-01-14");
    ok(
        &mut p,
        Evento::SospendiServizio {
            id_fase: "D1".into(),
            motivazione: None,
        },
        "2024-01-15",
    );
    assert_eq!(stato(&p), "SOSPESO");
    let t = Evento::Trasferisci {
        ente_destinatario: ente(),
        stessa_regione: true,
        id_messaggio: Some("M-1".into()),
    };
    ok(&mut p, t, "2024-02-01");
    assert_eq!(stato(&p), "TRASFERITO");
    assert!(p.fasi.iter().all(|f| !f.is_open()));
    assert_eq!(
        p.fase("D1").unwrap().header().esito_processo,
        Some(EsitoProcesso::Trasferimento)
    );
    assert!(p.trasferimento.is_some());
    assert!(p.prese_in_carico.iter().all(|x| x.data_fine.is_some()));
    // transfer with no record open (EROGAZIONE, every service concluded): the marker decides
    let mut q = nuovo();
    ok(&mut q, Evento::apri_accesso("A1"), "2024-01-10");
    ok(&mut q, Evento::avvia_valutazione("B1"), "2024-01-11");
    ok(&mut q, Evento::prendi_in_carico("C1"), "2024-01-12");
    ok(&mut q, Evento::ApprovaProgetto, "2024-01-13");
    let t = Evento::Trasferisci {
        ente_destinatario: ente(),
        stessa_regione: false,
        id_messaggio: None,
    };
    ok(&mut q, t, "2024-02-01");
    assert_eq!(stato(&q), "TRASFERITO");
}

#[test]
fn cartella_operations_guard_lcy_009_and_link_reopenings() {
    let mut c = Cartella {
        id_cartella: "T".into(),
        ente_titolare: ente(),
        ..Default::default()
    };
    nuovo_accesso(
        &mut c,
        "P-1",
        FaseAccesso {
            intestazione: header("A1"),
            ..Default::default()
        },
        il("2024-01-10"),
        &opz(),
    )
    .unwrap();
    assert_eq!(c.processi[0].eventi[0].tipo, TipoEvento::NuovoAccesso);
    let err = nuovo_accesso(
        &mut c,
        "P-2",
        FaseAccesso {
            intestazione: header("A2"),
            ..Default::default()
        },
        il("2024-01-11"),
        &opz(),
    );
    assert!(
        matches!(err, Err(CartellaError::TransizioneIllegale { ref rule_id, .. }) if rule_id == "CSI-LCY-009")
    );
    let chiudi = Evento::ChiudiAccesso {
        esito: EsitoProcesso::SoloInformazione,
    };
    let w = applica_in_cartella(&mut c, "P-1", chiudi, il("2024-01-10"), &opz()).unwrap();
    assert_eq!(w[0].path, "/processi/0/fasi/0/esito");
    nuovo_accesso(
        &mut c,
        "P-2",
        FaseAccesso {
            intestazione: header("A2"),
            ..Default::default()
        },
        il("2024-02-01"),
        &opz(),
    )
    .unwrap();
    assert_eq!(c.processi[1].riapertura_di.as_deref(), Some("P-1"));
    // P-1 cannot be re-opened while P-2 is in progress
    let err = applica_in_cartella(
        &mut c,
        "P-1",
        Evento::riapri("B1"),
        il("2024-02-02"),
        &opz(),
    );
    assert!(
        matches!(err, Err(CartellaError::TransizioneIllegale { ref rule_id, .. }) if rule_id == "CSI-LCY-009")
    );
    // the validator agrees: no CSI-LCY-009 on the cartella
    let report = cartella::rules::Validator::default().validate(&c);
    assert!(!report.has("CSI-LCY-009"));
}

fn header(id: &str) -> cartella::model::IntestazioneFase {
    cartella::model::IntestazioneFase {
        id_fase: id.into(),
        ..Default::default()
    }
}

#[test]
fn receiving_a_transfer_continues_the_records() {
    let mut inviato = nuovo();
    ok(&mut inviato, Evento::apri_accesso("A1"), "2024-01-10");
    ok(&mut inviato, Evento::avvia_valutazione("B1"), "2024-01-11");
    let mut c = Cartella {
        id_cartella: "R".into(),
        ente_titolare: ente(),
        ..Default::default()
    };
    let ricezione = cartella::model::Ricezione {
        ente_mittente: ente(),
        data_ricezione: Istante::parse("2024-01-20").unwrap(),
        id_messaggio: Identificatore {
            root: "2.16.840.1.113883.2.9.2.30.3.2.4.3".into(),
            extension: Some("M".into()),
        },
    };
    let issues =
        lifecycle::ricevi_trasferimento(&mut c, inviato, ricezione, il("2024-01-20")).unwrap();
    assert!(issues.is_empty());
    let p = &mut c.processi[0];
    assert_eq!(p.stato, Some(StatoProcesso::Valutazione));
    assert!(p.ricevuto_da.is_some());
    ok(p, Evento::prendi_in_carico("C1"), "2024-01-21");
}

#[test]
fn strict_mode_refuses_soft_guards() {
    let mut p = nuovo();
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    let err = applica(
        &mut p,
        Evento::avvia_valutazione("B1"),
        il("2024-01-11"),
        &OpzioniTransizione::rigorose(),
    );
    assert!(
        matches!(err, Err(CartellaError::TransizioneIllegale { ref rule_id, .. }) if rule_id == "CSI-ACC-007")
    );
    assert_eq!(stato(&p), "ACCESSO");
    let a = p.fasi[0].as_accesso_mut().unwrap();
    a.tipologia_richiesta = Some(Codice {
        code: "2".into(),
        system: "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3".into(),
        ..Default::default()
    });
    a.modalita_contatto = Some(Codice {
        code: "1".into(),
        system: "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3".into(),
        ..Default::default()
    });
    assert!(applica(
        &mut p,
        Evento::avvia_valutazione("B1"),
        il("2024-01-11"),
        &OpzioniTransizione::rigorose()
    )
    .unwrap()
    .is_empty());
}

#[test]
fn change_of_operator_keeps_the_previous_one_in_the_log() {
    let mut p = nuovo();
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    ok(&mut p, Evento::avvia_valutazione("B1"), "2024-01-11");
    let op = |cf: &str| Operatore {
        codice_fiscale: Some(CodiceFiscale::new(cf)),
        ..Default::default()
    };
    let e = |cf: &str| Evento::CambiaResponsabile {
        id_fase: "B1".into(),
        ruolo: RuoloOperatore::ResponsabileValutazione,
        operatore: op(cf),
    };
    ok(&mut p, e("BNCLRA75M41F205A"), "2024-01-12");
    ok(&mut p, e("RSSMRA80A01F205X"), "2024-01-13");
    let last = p.eventi.last().unwrap();
    assert_eq!(last.tipo, TipoEvento::CambiaResponsabile);
    assert_eq!(
        last.operatore.as_ref().map(|c| c.valore()),
        Some("BNCLRA75M41F205A")
    );
    assert_eq!(last.stato_a, Some(StatoProcesso::Valutazione));
    let b = p.fase("B1").unwrap().as_valutazione_bisogno().unwrap();
    assert_eq!(
        b.responsabile_valutazione
            .as_ref()
            .and_then(|o| o.codice_fiscale.as_ref())
            .map(|c| c.valore()),
        Some("RSSMRA80A01F205X")
    );
    let wrong = Evento::CambiaResponsabile {
        id_fase: "B1".into(),
        ruolo: RuoloOperatore::ResponsabileProgetto,
        operatore: op("X"),
    };
    assert!(matches!(
        applica(&mut p, wrong, il("2024-01-14"), &opz()),
        Err(CartellaError::Argomento { .. })
    ));
}

#[test]
fn ambiguous_same_day_order_is_refused() {
    let mut p = nuovo();
    ok(&mut p, Evento::apri_accesso("A1"), "2024-01-10");
    ok(&mut p, Evento::avvia_valutazione("B1"), "2024-01-10");
    ok(&mut p, Evento::prendi_in_carico("C1"), "2024-01-10");
    ok(&mut p, Evento::ApprovaProgetto, "2024-01-10");
    ok(&mut p, Evento::registra_servizio("D1"), "2024-01-10");
    let prima = p.clone();
    // a D then a C on the same day would replay as C then D (kind order): refused
    assert!(matches!(
        applica(&mut p, Evento::riprogetta("C2"), il("2024-01-10"), &opz()),
        Err(CartellaError::Argomento { .. })
    ));
    assert_eq!(p, prima);
    // a time does not help against a day-precision record (common precision): a later day does
    assert!(applica(
        &mut p,
        Evento::riprogetta("C2"),
        il("2024-01-10T12:00"),
        &opz()
    )
    .is_err());
    ok(&mut p, Evento::riprogetta("C2"), "2024-01-11");
}

// ---------------------------------------------------------------------------------------------
// proptest: random legal sequences

fn scegli<T: Clone>(v: &[T], k: u8) -> Option<T> {
    (!v.is_empty()).then(|| v[k as usize % v.len()].clone())
}

fn d_con(
    p: &ProcessoAiuto,
    f: impl Fn(&cartella::model::FaseErogazioneServizio) -> bool,
) -> Vec<String> {
    p.fasi
        .iter()
        .filter(|x| x.is_open())
        .filter_map(|x| x.as_erogazione_servizio())
        .filter(|d| f(d))
        .map(|d| d.intestazione.id_fase.clone())
        .collect()
}

fn costruisci(p: &ProcessoAiuto, tipo: TipoEvento, k: u8, n: usize) -> Option<Evento> {
    let id = format!("F{n}");
    let esito = |a: EsitoProcesso, b: EsitoProcesso| if k % 2 == 0 { a } else { b };
    Some(match tipo {
        TipoEvento::ApriAccesso => Evento::apri_accesso(id),
        TipoEvento::AvviaValutazione => Evento::avvia_valutazione(id),
        TipoEvento::ChiudiAccesso => Evento::ChiudiAccesso {
            esito: esito(
                EsitoProcesso::SoloInformazione,
                EsitoProcesso::InvioAltroServizio,
            ),
        },
        TipoEvento::PrendiInCarico => Evento::prendi_in_carico(id),
        TipoEvento::NonPrendereInCarico => Evento::NonPrendereInCarico {
            esito: esito(
                EsitoProcesso::NonPresaInCarico,
                EsitoProcesso::InvioAltroServizio,
            ),
        },
        TipoEvento::ApprovaProgetto => Evento::ApprovaProgetto,
        TipoEvento::RegistraServizio => Evento::registra_servizio(id),
        TipoEvento::MettiInGraduatoria => Evento::MettiInGraduatoria {
            id_fase: scegli(
                &d_con(p, |d| lifecycle::stato_intervento(d) == StatoIntervento::V),
                k,
            )?,
        },
        TipoEvento::AttivaServizio => {
            let registrati = d_con(p, |d| {
                matches!(
                    lifecycle::stato_intervento(d),
                    StatoIntervento::V | StatoIntervento::G
                )
            });
            match scegli(&registrati, k / 2).filter(|_| k % 2 == 1) {
                Some(r) => Evento::AttivaServizio(Servizio::Registrato(r)),
                None => Evento::attiva_nuovo_servizio(id),
            }
        }
        TipoEvento::SospendiServizio => Evento::SospendiServizio {
            id_fase: scegli(
                &d_con(p, |d| lifecycle::stato_intervento(d) == StatoIntervento::A),
                k,
            )?,
            motivazione: None,
        },
        TipoEvento::RiprendiServizio => Evento::RiprendiServizio {
            id_fase: scegli(&d_con(p, |d| lifecycle::sospensione_aperta(d).is_some()), k)?,
        },
        TipoEvento::ConcludiServizio => Evento::ConcludiServizio {
            id_fase: scegli(&d_con(p, |_| true), k / 2)?,
            esito: esito(EsitoProcesso::Concluso, EsitoProcesso::Interrotto),
        },
        TipoEvento::Riprogetta => Evento::riprogetta(id),
        TipoEvento::AvviaValutazioneFinale => Evento::avvia_valutazione_finale(id),
        TipoEvento::NuovoProgetto => Evento::nuovo_progetto(id),
        TipoEvento::ChiudiProcesso => Evento::ChiudiProcesso,
        TipoEvento::Riapri => Evento::riapri(id),
        TipoEvento::Trasferisci => Evento::Trasferisci {
            ente_destinatario: ente(),
            stessa_regione: k % 2 == 0,
            id_messaggio: None,
        },
        TipoEvento::Annulla => Evento::Annulla,
        TipoEvento::CambiaResponsabile => {
            let f = scegli(
                &p.fasi
                    .iter()
                    .filter(|f| {
                        f.is_open()
                            && f.tipo() != TipoFase::ErogazioneServizio
                            && f.tipo() != TipoFase::Accesso
                    })
                    .collect::<Vec<_>>(),
                k,
            )?;
            let ruolo = match f.tipo() {
                TipoFase::ValutazioneBisogno => RuoloOperatore::ResponsabileValutazione,
                TipoFase::ProgettoIndividuale => RuoloOperatore::ResponsabileProgetto,
                _ => RuoloOperatore::ResponsabileChiusura,
            };
            Evento::CambiaResponsabile {
                id_fase: f.id().to_string(),
                ruolo,
                operatore: Operatore::default(),
            }
        }
        TipoEvento::NuovoAccesso | TipoEvento::RiceviTrasferimento => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Applying random legal events and replaying the result gives the stored state, without any
    /// lifecycle error or implicit closure; a refusal leaves the process unchanged.
    #[test]
    fn api_history_replays_to_the_current_state(passi in proptest::collection::vec((any::<u8>(), any::<u8>(), 0u8..3, any::<bool>()), 1..45)) {
        let mut p = nuovo();
        let mut giorno = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut applicati = 0usize;
        let mut ore_del_giorno = 0u32;
        for (n, (scelta, k, salto, ora)) in passi.into_iter().enumerate() {
            // terminal events are rare, so that sequences go deep
            let ammessi: Vec<TipoEvento> = transizioni_ammesse(&p)
                .into_iter()
                .filter(|t| k < 8 || !matches!(t, TipoEvento::Annulla | TipoEvento::Trasferisci))
                .collect();
            let Some(tipo) = scegli(&ammessi, scelta) else { break };
            let Some(evento) = costruisci(&p, tipo, k, n) else { continue };
            giorno += chrono::Duration::days(i64::from(salto));
            // times never go back within a day: a later event at an earlier hour of the same day
            // would (rightly) be refused as ending before it starts (CSI-DAT-001)
            if salto > 0 { ore_del_giorno = 0; }
            let data = if ora {
                ore_del_giorno += 1;
                Istante::parse(&format!("{giorno}T{:02}:00", (7 + ore_del_giorno).min(23))).unwrap()
            } else {
                Istante::from(giorno)
            };
            let nota = (tipo == TipoEvento::Annulla).then_some("errore");
            let mut dati = DatiEvento::il(data);
            if let Some(nota) = nota { dati = dati.con_nota(nota); }
            let prima = p.clone();
            match applica(&mut p, evento, dati, &opz()) {
                Ok(_) => {
                    applicati += 1;
                    let r = replay(&p);
                    prop_assert_eq!(r.stato.processo(), p.stato);
                    prop_assert!(r.issues.iter().all(|i| i.severity != Severity::Error && i.rule_id != "CSI-LCY-022"),
                        "{:?} after {:?}", r.issues, p.eventi.iter().map(|e| e.tipo).collect::<Vec<_>>());
                    prop_assert_eq!(p.eventi.len(), applicati);
                }
                Err(CartellaError::Argomento { name: "data", .. }) => prop_assert_eq!(&p, &prima),
                Err(e) => prop_assert!(false, "legal event {:?} refused: {}", tipo, e),
            }
        }
    }
}
