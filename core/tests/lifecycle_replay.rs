//! Replay validation of the lifecycle through the validator (`lifecycle.md` §6–§7): for every
//! rule the lifecycle implements, a cartella that triggers it and one that does not.

use cartella::model::Cartella;
use cartella::rules::{Report, ValidationOptions, Validator};
use cartella::{json, samples};
use chrono::NaiveDate;
use serde_json::{json, Value};

const LCY: &[&str] = &[
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

fn cartella(processi: Value) -> Cartella {
    let v = json!({
        "versione_modello": "1.0",
        "id_cartella": "T-1",
        "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" } },
        "assistito": { "codice_fiscale": "RSSMRA80A01F205X" },
        "processi": processi
    });
    json::from_str(&v.to_string()).expect("test cartella parses")
}

fn processo(fasi: Vec<Value>) -> Value {
    json!({ "id_processo": "P-1", "fasi": fasi })
}

fn tipo(k: char) -> &'static str {
    match k {
        'A' => "ACCESSO_E_ORIENTAMENTO",
        'B' => "VALUTAZIONE_DEL_BISOGNO",
        'C' => "ELABORAZIONE_PROGETTO_INDIVIDUALE",
        'D' => "EROGAZIONE_DEL_SERVIZIO",
        _ => "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO",
    }
}

/// A closed record.
fn chiusa(k: char, id: &str, inizio: &str, fine: &str, esito: &str) -> Value {
    let mut v = json!({ "tipo_fase": tipo(k), "id_fase": id, "stato_fase": "CHIUSA", "data_inizio": inizio,
                        "data_fine": fine, "esito_processo": esito });
    if k == 'D' {
        v["data_attivazione"] = json!(inizio);
        v["data_conclusione"] = json!(fine);
    }
    v
}

/// An open record (D records are activated on their start).
fn aperta(k: char, id: &str, inizio: &str) -> Value {
    let mut v = json!({ "tipo_fase": tipo(k), "id_fase": id, "stato_fase": "APERTA", "data_inizio": inizio });
    if k == 'D' {
        v["data_attivazione"] = json!(inizio);
    }
    v
}

/// A–E with one re-planning loop, every record closed.
fn percorso() -> Vec<Value> {
    vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        chiusa('B', "B1", "2024-01-10", "2024-01-20", "PRESA_IN_CARICO"),
        chiusa('C', "C1", "2024-01-20", "2024-02-01", "PROGETTO_APPROVATO"),
        chiusa('D', "D1", "2024-02-01", "2024-06-30", "CONCLUSO"),
        chiusa('C', "C2", "2024-05-01", "2024-05-15", "PROGETTO_APPROVATO"),
        chiusa('D', "D2", "2024-05-15", "2024-06-30", "CONCLUSO"),
        chiusa('E', "E1", "2024-07-01", "2024-07-10", "CHIUSURA"),
    ]
}

fn valida(c: &Cartella) -> Report {
    Validator::new(ValidationOptions::default().as_of(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()))
        .validate(c)
}

fn lifecycle(r: &Report) -> Vec<(String, String)> {
    r.issues
        .iter()
        .filter(|i| LCY.contains(&i.rule_id.as_str()))
        .map(|i| (i.rule_id.clone(), i.path.clone()))
        .collect()
}

fn con(fasi: Vec<Value>) -> Report {
    valida(&cartella(json!([processo(fasi)])))
}

fn assert_rule(r: &Report, rule: &str, path: &str) {
    let found = lifecycle(r);
    assert!(
        found.iter().any(|(id, p)| id == rule && p == path),
        "{rule} at {path} expected, found {found:?}"
    );
}

#[test]
fn full_path_with_replanning_is_clean_and_replays_to_chiuso() {
    let c = cartella(json!([processo(percorso())]));
    assert_eq!(lifecycle(&valida(&c)), vec![]);
    let r = cartella::lifecycle::replay(&c.processi[0]);
    assert_eq!(r.stato.code(), "CHIUSO");
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    // stored state agreeing: no CSI-LCY-013
    let mut p = processo(percorso());
    p["stato"] = json!("CHIUSO");
    assert_eq!(lifecycle(&valida(&cartella(json!([p])))), vec![]);
}

#[test]
fn partial_paths_replay_to_the_right_state() {
    let casi: Vec<(usize, &str)> = vec![
        (1, "ACCESSO"),
        (2, "VALUTAZIONE"),
        (3, "PROGETTAZIONE"),
        (4, "EROGAZIONE"),
        (5, "PROGETTAZIONE"),
        (6, "EROGAZIONE"),
        (7, "VALUTAZIONE_FINALE"),
    ];
    for (n, atteso) in casi {
        let mut fasi: Vec<Value> = percorso().into_iter().take(n).collect();
        // the last record is still open
        let last = fasi.last_mut().unwrap();
        last["stato_fase"] = json!("APERTA");
        for k in ["data_fine", "esito_processo", "data_conclusione"] {
            last.as_object_mut().unwrap().remove(k);
        }
        let c = cartella(json!([processo(fasi)]));
        assert_eq!(
            cartella::lifecycle::replay(&c.processi[0]).stato.code(),
            atteso,
            "{n} records"
        );
    }
}

#[test]
fn valid_samples_have_no_lifecycle_findings_and_the_invalid_one_has_lcy_003() {
    for s in samples::all() {
        let c = json::from_str(s.json).unwrap();
        let f: Vec<_> = lifecycle(&valida(&c))
            .into_iter()
            .filter(|(id, _)| id != "CSI-LCY-020")
            .collect();
        if s.name == "invalido-ciclo-vita" {
            assert_eq!(
                f,
                vec![("CSI-LCY-003".to_string(), "/processi/0/fasi/1".to_string())]
            );
        } else if s.expect_valid {
            assert_eq!(f, vec![], "{}", s.name);
        }
    }
}

#[test]
fn lcy_001_event_not_allowed() {
    let mut f = percorso()[..3].to_vec();
    f.push(aperta('D', "D1", "2024-02-01"));
    f.push(aperta('B', "B2", "2024-03-01"));
    let r = con(f);
    assert_rule(&r, "CSI-LCY-001", "/processi/0/fasi/4");
    let i = r
        .issues
        .iter()
        .find(|i| i.rule_id == "CSI-LCY-001")
        .unwrap();
    assert_eq!(i.params["evento"], "AVVIA_VALUTAZIONE");
    assert_eq!(i.params["stato"], "EROGAZIONE");
    assert!(!i.message_en.contains('{'));
}

#[test]
fn lcy_002_first_record_not_a() {
    assert_rule(
        &con(vec![aperta('B', "B1", "2024-01-10")]),
        "CSI-LCY-002",
        "/processi/0/fasi/0",
    );
    assert!(lifecycle(&con(vec![aperta('A', "A1", "2024-01-10")])).is_empty());
}

#[test]
fn lcy_003_planning_without_presa_in_carico() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        aperta('C', "C1", "2024-01-15"),
    ];
    assert_rule(&con(f), "CSI-LCY-003", "/processi/0/fasi/1");
    assert!(lifecycle(&con(percorso()[..3].to_vec())).is_empty());
}

#[test]
fn lcy_004_service_without_approved_project() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        aperta('B', "B1", "2024-01-10"),
        aperta('D', "D1", "2024-01-15"),
    ];
    assert_rule(&con(f), "CSI-LCY-004", "/processi/0/fasi/2");
    assert!(lifecycle(&con(percorso()[..4].to_vec())).is_empty());
}

#[test]
fn lcy_005_final_evaluation_without_project() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        aperta('E', "E1", "2024-01-15"),
    ];
    assert_rule(&con(f), "CSI-LCY-005", "/processi/0/fasi/1");
}

#[test]
fn lcy_006_record_after_closure_and_reopening_is_fine() {
    let chiuso = chiusa('A', "A1", "2024-01-10", "2024-01-10", "SOLO_INFORMAZIONE");
    assert_rule(
        &con(vec![chiuso.clone(), aperta('C', "C1", "2024-02-01")]),
        "CSI-LCY-006",
        "/processi/0/fasi/1",
    );
    // RIAPRI: a B after the closure
    assert!(lifecycle(&con(vec![chiuso, aperta('B', "B1", "2024-02-01")])).is_empty());
}

#[test]
fn lcy_007_record_after_transfer_or_annulment() {
    let mut p = processo(vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-12", "TRASFERIMENTO"),
        aperta('B', "B1", "2024-02-01"),
    ]);
    p["trasferimento"] = json!({ "data": "2024-01-12", "stessa_regione": true,
        "ente_destinatario": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015147" } } });
    assert_rule(
        &valida(&cartella(json!([p]))),
        "CSI-LCY-007",
        "/processi/0/fasi/1",
    );
    let annullata = json!({ "tipo_fase": tipo('A'), "id_fase": "A1", "stato_fase": "ANNULLATA",
        "data_inizio": "2024-01-10", "data_fine": "2024-01-11", "esito_processo": "ANNULLATO" });
    assert_rule(
        &con(vec![annullata.clone(), aperta('B', "B1", "2024-02-01")]),
        "CSI-LCY-007",
        "/processi/0/fasi/1",
    );
    let r = con(vec![annullata]);
    assert!(lifecycle(&r).is_empty());
    let c = cartella(json!([processo(vec![chiusa(
        'A',
        "A1",
        "2024-01-10",
        "2024-01-12",
        "TRASFERIMENTO"
    )])]));
    assert_eq!(
        cartella::lifecycle::replay(&c.processi[0]).stato.code(),
        "TRASFERITO"
    );
}

#[test]
fn lcy_008_two_open_records_of_a_single_instance_kind() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        aperta('B', "B1", "2024-01-10"),
        aperta('B', "B2", "2024-01-12"),
    ];
    let r = con(f);
    assert_rule(&r, "CSI-LCY-008", "/processi/0/fasi/2");
    assert_eq!(
        r.issues
            .iter()
            .find(|i| i.rule_id == "CSI-LCY-008")
            .unwrap()
            .params["tipo_fase"],
        "B"
    );
}

#[test]
fn lcy_009_two_processes_in_progress() {
    let a = |id: &str| json!({ "id_processo": id, "fasi": [aperta('A', &format!("{id}-A"), "2024-01-10")] });
    assert_rule(
        &valida(&cartella(json!([a("P-1"), a("P-2")]))),
        "CSI-LCY-009",
        "/processi/1",
    );
    let chiuso = json!({ "id_processo": "P-0",
        "fasi": [chiusa('A', "P0-A", "2023-01-10", "2023-01-10", "SOLO_INFORMAZIONE")] });
    assert!(lifecycle(&valida(&cartella(json!([chiuso, a("P-1")])))).is_empty());
}

#[test]
fn lcy_010_and_011_suspension_rules() {
    let mut d = aperta('D', "D1", "2024-02-01");
    d["sospensioni"] = json!([{ "data_inizio": "2024-01-25", "data_fine": "2024-02-10" }]);
    let mut f = percorso()[..3].to_vec();
    f.push(d);
    assert_rule(
        &con(f.clone()),
        "CSI-LCY-010",
        "/processi/0/fasi/3/sospensioni/0",
    );
    // overlapping suspensions: the second start is refused, its end has nothing to resume
    f[3]["sospensioni"] = json!([{ "data_inizio": "2024-03-01", "data_fine": "2024-03-10" },
                                 { "data_inizio": "2024-03-05", "data_fine": "2024-03-15" }]);
    let r = con(f.clone());
    assert_rule(&r, "CSI-LCY-010", "/processi/0/fasi/3/sospensioni/1");
    assert_rule(&r, "CSI-LCY-011", "/processi/0/fasi/3/sospensioni/1");
    // a proper suspension, still open: the process is SOSPESO
    f[3]["sospensioni"] = json!([{ "data_inizio": "2024-03-01", "data_fine": "2024-03-10" },
                                 { "data_inizio": "2024-04-01" }]);
    f[3]["stato_fase"] = json!("SOSPESA");
    let c = cartella(json!([processo(f)]));
    assert!(
        lifecycle(&valida(&c)).is_empty(),
        "{:?}",
        lifecycle(&valida(&c))
    );
    assert_eq!(
        cartella::lifecycle::replay(&c.processi[0]).stato.code(),
        "SOSPESO"
    );
}

#[test]
fn lcy_012_closed_with_open_services() {
    let mut f = percorso()[..3].to_vec();
    f.push(aperta('D', "D1", "2024-02-01"));
    f.push(chiusa('E', "E1", "2024-07-01", "2024-07-10", "CHIUSURA"));
    let r = con(f);
    assert_rule(&r, "CSI-LCY-012", "/processi/0/fasi/3");
    assert_rule(&r, "CSI-LCY-014", "/processi/0/fasi/4");
}

#[test]
fn lcy_013_stored_state_differs() {
    let mut p = processo(percorso());
    p["stato"] = json!("EROGAZIONE");
    let r = valida(&cartella(json!([p])));
    assert_rule(&r, "CSI-LCY-013", "/processi/0/stato");
    let i = r
        .issues
        .iter()
        .find(|i| i.rule_id == "CSI-LCY-013")
        .unwrap();
    assert_eq!(
        (i.params["stato"].as_str(), i.params["atteso"].as_str()),
        ("EROGAZIONE", "CHIUSO")
    );
}

#[test]
fn lcy_014_final_evaluation_with_open_services() {
    let mut f = percorso()[..3].to_vec();
    f.push(aperta('D', "D1", "2024-02-01"));
    f.push(aperta('E', "E1", "2024-07-01"));
    let r = con(f);
    assert_rule(&r, "CSI-LCY-014", "/processi/0/fasi/4");
    assert_eq!(
        r.issues
            .iter()
            .find(|i| i.rule_id == "CSI-LCY-014")
            .unwrap()
            .params["guard"],
        "servizi_aperti"
    );
}

#[test]
fn lcy_016_outcome_not_allowed_for_kind() {
    let r = con(vec![chiusa(
        'A',
        "A1",
        "2024-01-10",
        "2024-01-10",
        "PRESA_IN_CARICO",
    )]);
    assert_rule(&r, "CSI-LCY-016", "/processi/0/fasi/0");
    let i = r
        .issues
        .iter()
        .find(|i| i.rule_id == "CSI-LCY-016")
        .unwrap();
    assert_eq!(
        (i.params["esito"].as_str(), i.params["tipo_fase"].as_str()),
        ("PRESA_IN_CARICO", "A")
    );
}

#[test]
fn lcy_017_outcome_contradicted_by_next_record() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        chiusa('B', "B1", "2024-01-10", "2024-01-20", "NON_PRESA_IN_CARICO"),
        aperta('C', "C1", "2024-01-20"),
    ];
    let r = con(f);
    assert_rule(&r, "CSI-LCY-017", "/processi/0/fasi/1");
    // the replay follows the data: no cascade on C
    assert_eq!(lifecycle(&r).len(), 1, "{:?}", lifecycle(&r));
}

#[test]
fn lcy_018_second_access_record() {
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        aperta('A', "A2", "2024-01-12"),
    ];
    assert_rule(&con(f), "CSI-LCY-018", "/processi/0/fasi/1");
}

#[test]
fn lcy_020_outcome_inferred() {
    let mut f = percorso();
    for r in &mut f {
        r.as_object_mut().unwrap().remove("esito_processo");
    }
    let c = cartella(json!([processo(f)]));
    let r = valida(&c);
    let inferiti: Vec<_> = r
        .issues
        .iter()
        .filter(|i| i.rule_id == "CSI-LCY-020")
        .map(|i| i.params["esito"].clone())
        .collect();
    assert_eq!(
        inferiti,
        [
            "AVVIO_VALUTAZIONE",
            "PRESA_IN_CARICO",
            "PROGETTO_APPROVATO",
            "PROGETTO_APPROVATO",
            "CONCLUSO",
            "CONCLUSO",
            "CHIUSURA"
        ]
    );
    assert!(lifecycle(&r).iter().all(|(id, _)| id == "CSI-LCY-020"));
    let rep = cartella::lifecycle::replay(&c.processi[0]);
    assert_eq!(rep.stato.code(), "CHIUSO");
    // C2 followed by E and no D → PROGETTO_NON_ATTIVATO
    let f = vec![
        chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE"),
        chiusa('B', "B1", "2024-01-10", "2024-01-20", "PRESA_IN_CARICO"),
        json!({ "tipo_fase": tipo('C'), "id_fase": "C1", "stato_fase": "CHIUSA", "data_inizio": "2024-01-20", "data_fine": "2024-02-01" }),
        aperta('E', "E1", "2024-02-01"),
    ];
    let c = cartella(json!([processo(f)]));
    let rep = cartella::lifecycle::replay(&c.processi[0]);
    assert_eq!(
        rep.esiti[2].map(|e| e.code()),
        Some("PROGETTO_NON_ATTIVATO")
    );
    assert_eq!(rep.stato.code(), "VALUTAZIONE_FINALE");
}

#[test]
fn lcy_022_predecessor_still_open() {
    let f = vec![
        aperta('A', "A1", "2024-01-10"),
        aperta('B', "B1", "2024-01-12"),
    ];
    let r = con(f);
    assert_rule(&r, "CSI-LCY-022", "/processi/0/fasi/0");
    assert_eq!(
        r.issues
            .iter()
            .find(|i| i.rule_id == "CSI-LCY-022")
            .unwrap()
            .params["tipo_fase"],
        "A"
    );
}

#[test]
fn closed_record_without_end_date_closes_before_the_next_start() {
    let mut a = chiusa('A', "A1", "2024-01-10", "2024-01-10", "AVVIO_VALUTAZIONE");
    a.as_object_mut().unwrap().remove("data_fine");
    let c = cartella(json!([processo(vec![a, aperta('B', "B1", "2024-01-12")])]));
    let rep = cartella::lifecycle::replay(&c.processi[0]);
    assert_eq!(rep.stato.code(), "VALUTAZIONE");
    assert!(!rep.has("CSI-LCY-022"));
}

#[test]
fn ero_013_and_015_service_state() {
    let mut f = percorso()[..3].to_vec();
    let mut d = aperta('D', "D1", "2024-02-01");
    d["stato_intervento"] = json!("A");
    f.push(d.clone());
    assert!(lifecycle(&con(f.clone())).is_empty());
    // A without data_attivazione
    d.as_object_mut().unwrap().remove("data_attivazione");
    f[3] = d.clone();
    let r = con(f.clone());
    assert_rule(&r, "CSI-ERO-013", "/processi/0/fasi/3/stato_intervento");
    assert_eq!(
        r.issues
            .iter()
            .find(|i| i.rule_id == "CSI-ERO-013")
            .unwrap()
            .params["stato"],
        "A"
    );
    // registered, not yet activated (V): consistent, with the notice
    d["stato_intervento"] = json!("V");
    f[3] = d.clone();
    let r = con(f.clone());
    assert!(!r.has("CSI-ERO-013"));
    assert_rule(&r, "CSI-ERO-015", "/processi/0/fasi/3");
    // C on an open record
    d["stato_intervento"] = json!("C");
    f[3] = d;
    assert_rule(
        &con(f),
        "CSI-ERO-013",
        "/processi/0/fasi/3/stato_intervento",
    );
}
