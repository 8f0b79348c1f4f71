//! WaaS pull API (`siuss.md` §3, §9, §11): every `SIUSS-WAAS-*` rule failing and passing,
//! `GET /flussi` semantics, `POST /esiti`, the send register and the allocators.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use cartella::rules::{catalogo, Issue, Severity};
use cartella::siuss::waas::{
    get_flussi, get_status, id_flusso, leggi_esiti, leggi_id_flusso, post_esiti, seleziona_flussi,
    seleziona_flussi_xml, verifica_id_flusso, verifica_ts_flusso, verifica_voce, voce_da_xml,
    AllocatoreProgressivi, AllocatoreTs, ChiaveRecord, FlussoXml, IdFlusso, ParametriFlussi,
    Problema, RegistroInvii, StatoFlusso, TsFlusso, VoceFlusso, VoceRegistro, RULES,
};
use cartella::siuss::TipoFlusso;
use chrono::NaiveDate;

fn ids(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.rule_id.as_str()).collect()
}

fn has(issues: &[Issue], rule: &str) -> bool {
    issues.iter().any(|i| i.rule_id == rule)
}

fn data(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn ts(ms: i64) -> TsFlusso {
    TsFlusso::new(ms).expect("ts")
}

/// A minimal flow: root, header, one item.
fn xml(nome: &str, indirizzo: &str, denominazione: &str, tipo: TipoFlusso) -> String {
    let item = match tipo {
        TipoFlusso::PsPsaSina => r#"<Beneficiario CodiceFiscale="RSSMRA80A01H501U"/>"#,
        TipoFlusso::Sinba => r#"<SINBA IDBeneficiario="X1"/>"#,
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="{nome}"><Ente Codice="E1" Denominazione="{denominazione}" Indirizzo="{indirizzo}" CFOperatore="RSSMRA80A01H501U"/></IdentificazioneFlusso>{item}</Flusso>"#
    )
}

fn chiave(n: usize) -> ChiaveRecord {
    ChiaveRecord::Prestazione {
        codice_ente: "E1".into(),
        codice_fiscale: "RSSMRA80A01H501U".into(),
        codice_prestazione: "A1.01".into(),
        protocollo_domanda: format!("P{n}"),
        anno: 2024,
    }
}

fn id_ps(n: u32) -> String {
    format!("H501.PS.20240105.{n:07}")
}

/// A register with `n` PS flows of H501 at ts 1000, 2000, ...
fn registro(n: u32) -> RegistroInvii {
    let mut r = RegistroInvii::new();
    for i in 1..=n {
        let id = id_ps(i);
        let x = xml(&id, "H501", "Comune di Roma", TipoFlusso::PsPsaSina);
        r.aggiungi(VoceRegistro::nuova(
            chiave(i as usize),
            TipoFlusso::PsPsaSina,
            &id,
            ts(i64::from(i) * 1000),
            x,
        ))
        .expect("add");
    }
    r
}

fn voce_valida() -> VoceFlusso {
    let id = "H501.SINBA.20240105.0000001";
    voce_da_xml(
        xml(id, "H501", "Comune di Roma", TipoFlusso::Sinba).as_bytes(),
        ts(1_700_000_000_000),
    )
    .expect("voce")
}

fn body_ids(body: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(body).expect("json");
    v["elenco_flussi"]
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id_flusso"].as_str().unwrap_or_default().to_string())
        .collect()
}

// ---------------------------------------------------------------- catalogue and wiring

#[test]
fn every_waas_rule_is_raised_and_implemented() {
    let cat = catalogo();
    let mut in_catalogue: Vec<&str> = cat
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| id.starts_with("SIUSS-WAAS-") || *id == "XML-017")
        .collect();
    in_catalogue.sort_unstable();
    let mut raised = RULES.to_vec();
    raised.sort_unstable();
    assert_eq!(in_catalogue, raised);
    for id in RULES {
        assert!(cat.get(id).expect("rule").is_implemented(), "{id}");
    }
}

// ---------------------------------------------------------------- id_flusso (001, 002, 011)

#[test]
fn id_flusso_write_form() {
    let id = id_flusso("H501", TipoFlusso::PsPsaSina, data(2016, 4, 23), 1).expect("id");
    assert_eq!(id, "H501.PS.20160423.0000001");
    assert!(verifica_id_flusso(&id, Some(TipoFlusso::PsPsaSina), "").is_empty());
    let id = id_flusso("F205", TipoFlusso::Sinba, data(2024, 12, 31), 9_999_999).expect("id");
    assert_eq!(id, "F205.SINBA.20241231.9999999");
    // Same string as the flow name (one formatter).
    assert_eq!(
        cartella::siuss::nome_flusso("F205", TipoFlusso::Sinba, data(2024, 12, 31), 9_999_999)
            .expect("nome"),
        id
    );
    assert!(id_flusso("H501", TipoFlusso::PsPsaSina, data(2024, 1, 1), 0).is_err());
    assert!(id_flusso("H501", TipoFlusso::PsPsaSina, data(2024, 1, 1), 10_000_000).is_err());
    assert!(id_flusso("H5011", TipoFlusso::PsPsaSina, data(2024, 1, 1), 1).is_err());
}

#[test]
fn waas_001_write_form_fails_and_passes() {
    for bad in [
        "H501.PS.INPS.20160423.115235", // INPS example: readable, not written
        "H501.PSA.20160423.0000001",
        "H501.PS.20160423.1",
        "H501.PS.20160423.00000001",
        "h501.PS.20160423.0000001",
        "AB501.PS.20160423.0000001",
        "H501.PS.20161301.0000001",
        "",
    ] {
        let issues = verifica_id_flusso(bad, None, "/id_flusso");
        assert_eq!(ids(&issues), ["SIUSS-WAAS-001"], "{bad}");
        assert_eq!(issues[0].severity, Severity::Error);
        assert_eq!(issues[0].path, "/id_flusso");
    }
    assert!(verifica_id_flusso("Z999.SINBA.20240229.0000042", None, "").is_empty());
}

#[test]
fn waas_001_read_form_is_lenient_and_a_warning() {
    let (id, issues) = leggi_id_flusso("H501.PS.INPS.20160423.115235", None, "");
    assert!(issues.is_empty());
    let id = id.expect("INPS example parses");
    assert_eq!(
        id,
        IdFlusso {
            codice_ente: "H501".into(),
            tipo: TipoFlusso::PsPsaSina,
            data: data(2016, 4, 23),
            progressivo: 115_235,
        }
    );
    for good in [
        "H501.PSA.20160423.12345678",
        "h501x.SINA.20160423.1",
        "H501.SINBA.20160423.0000001",
    ] {
        let (id, issues) = leggi_id_flusso(good, None, "");
        assert!(id.is_some() && issues.is_empty(), "{good}");
    }
    for bad in [
        "H501.PS.20160423.123456789",
        "H501.XX.20160423.1",
        "H501.PS.INPX.20160423.1",
        "H-01.PS.20160423.1",
    ] {
        let (id, issues) = leggi_id_flusso(bad, None, "/x");
        assert!(id.is_none(), "{bad}");
        assert_eq!(ids(&issues), ["SIUSS-WAAS-001"]);
        assert_eq!(issues[0].severity, Severity::Warning);
    }
}

#[test]
fn waas_002_too_long() {
    let long = format!("{}.PS.20160423.1", "A".repeat(32));
    assert!(leggi_id_flusso(&long, None, "").1.is_empty()); // 47 characters: fine
    let too_long = format!("H501.PS.20160423.{}", "1".repeat(50));
    assert!(has(
        &verifica_id_flusso(&too_long, None, ""),
        "SIUSS-WAAS-002"
    ));
    assert!(has(
        &leggi_id_flusso(&too_long, None, "").1,
        "SIUSS-WAAS-002"
    ));
    assert!(!has(
        &verifica_id_flusso("H501.PS.20160423.0000001", None, ""),
        "SIUSS-WAAS-002"
    ));
}

#[test]
fn waas_011_type_segment() {
    // The INPS SINBA example with a "PS" id.
    let (_, issues) = leggi_id_flusso("H501.PS.20160423.1", Some(TipoFlusso::Sinba), "");
    assert_eq!(ids(&issues), ["SIUSS-WAAS-011"]);
    assert_eq!(issues[0].severity, Severity::Warning);
    let (_, issues) = leggi_id_flusso("H501.SINA.20160423.1", Some(TipoFlusso::PsPsaSina), "");
    assert!(issues.is_empty());
    let issues = verifica_id_flusso(
        "H501.SINBA.20160423.0000001",
        Some(TipoFlusso::PsPsaSina),
        "",
    );
    assert_eq!(ids(&issues), ["SIUSS-WAAS-011"]);
    assert!(
        verifica_id_flusso("H501.SINBA.20160423.0000001", Some(TipoFlusso::Sinba), "").is_empty()
    );
}

#[test]
fn progressive_allocator_per_ente_type_day() {
    let mut a = AllocatoreProgressivi::new();
    let d = data(2024, 1, 5);
    assert_eq!(
        a.genera("H501", TipoFlusso::PsPsaSina, d).ok(),
        Some(id_ps(1))
    );
    assert_eq!(
        a.genera("H501", TipoFlusso::PsPsaSina, d).ok(),
        Some(id_ps(2))
    );
    assert_eq!(
        a.genera("H501", TipoFlusso::Sinba, d).ok().as_deref(),
        Some("H501.SINBA.20240105.0000001")
    );
    assert_eq!(
        a.genera("H501", TipoFlusso::PsPsaSina, data(2024, 1, 6))
            .ok()
            .as_deref(),
        Some("H501.PS.20240106.0000001")
    );
    // Rebuilt from a register, it continues after the ids there.
    let r = registro(3);
    let mut b = r.allocatore_progressivi();
    assert_eq!(
        b.genera("H501", TipoFlusso::PsPsaSina, d).ok(),
        Some(id_ps(4))
    );
    // Europe/Rome date: 23:30 UTC on 5 January is 6 January in Rome.
    let t = chrono::DateTime::parse_from_rfc3339("2024-01-05T23:30:00Z")
        .expect("t")
        .with_timezone(&chrono::Utc);
    assert_eq!(
        b.genera_al("H501", TipoFlusso::PsPsaSina, t)
            .ok()
            .as_deref(),
        Some("H501.PS.20240106.0000001")
    );
}

// ---------------------------------------------------------------- ts_flusso (006)

#[test]
fn ts_allocator_is_strictly_increasing_per_ente() {
    let mut a = AllocatoreTs::new();
    let mut last = None;
    for ora in [5_000, 5_000, 5_000, 4_000, 6_000, 6_001, 6_001] {
        let t = a.prossimo_a("H501", ora).expect("ts");
        assert!(last.is_none_or(|l| t > l));
        assert!(t.millis() >= ora);
        last = Some(t);
    }
    assert_eq!(last.map(TsFlusso::millis), Some(6_002));
    // Another ente has its own sequence.
    assert_eq!(
        a.prossimo_a("F205", 5_000).map(TsFlusso::millis).ok(),
        Some(5_000)
    );
    // Real clock.
    let t1 = a.prossimo("H501").expect("now");
    let t2 = a.prossimo("H501").expect("now");
    assert!(t2 > t1);
    // Format: RFC 3339 UTC with milliseconds.
    assert_eq!(
        ts(1_701_083_096_852).to_string(),
        "2023-11-27T11:04:56.852Z"
    );
    let s = serde_json::to_string(&ts(1_701_083_096_852)).expect("json");
    assert_eq!(s, "\"2023-11-27T11:04:56.852Z\"");
}

#[test]
fn waas_006_ts_validity_and_order() {
    assert!(verifica_ts_flusso("2023-11-27T11:04:56.852Z", "/ts").is_none());
    assert!(verifica_ts_flusso("2023-11-27T12:04:56+01:00", "/ts").is_none());
    for bad in [
        "",
        "1701083096852",
        "2023-11-27",
        "2023-11-27T25:00:00Z",
        "yesterday",
    ] {
        let i = verifica_ts_flusso(bad, "/ts").expect(bad);
        assert_eq!(i.rule_id, "SIUSS-WAAS-006");
    }
    // Register: a ts not greater than the last of the ente is refused...
    let mut r = registro(2);
    let x = xml(&id_ps(3), "H501", "Comune di Roma", TipoFlusso::PsPsaSina);
    let err = r
        .aggiungi(VoceRegistro::nuova(
            chiave(3),
            TipoFlusso::PsPsaSina,
            id_ps(3),
            ts(2000),
            x.clone(),
        ))
        .expect_err("equal ts");
    assert!(err.to_string().contains("SIUSS-WAAS-006"));
    // ...but another ente may use it.
    let id_f = "F205.PS.20240105.0000001";
    r.aggiungi(VoceRegistro::nuova(
        chiave(9),
        TipoFlusso::PsPsaSina,
        id_f,
        ts(2000),
        x.clone(),
    ))
    .expect("other ente");
    assert!(r.verifica().is_empty());
    // ...and a register read back from storage is checked.
    let mut json: serde_json::Value = serde_json::to_value(&r).expect("json");
    json["voci"][1]["ts_flusso"] = serde_json::Value::from("1970-01-01T00:00:01.000Z");
    let r2: RegistroInvii = serde_json::from_value(json).expect("register");
    let issues = r2.verifica();
    assert_eq!(ids(&issues), ["SIUSS-WAAS-006"]);
    assert_eq!(issues[0].path, "/voci/1/ts_flusso");
    // GET /flussi: two XML flows of one ente with the same ts → the later is not exposed.
    let a = xml(&id_ps(1), "H501", "R", TipoFlusso::PsPsaSina);
    let b = xml(&id_ps(2), "H501", "R", TipoFlusso::PsPsaSina);
    let flussi = [
        FlussoXml {
            xml: a.as_bytes(),
            ts_flusso: ts(10),
        },
        FlussoXml {
            xml: b.as_bytes(),
            ts_flusso: ts(10),
        },
    ];
    let sel = seleziona_flussi_xml(&flussi, &ParametriFlussi::default());
    assert_eq!(sel.esposti, [id_ps(1)]);
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-006"]);
    assert_eq!(sel.issues[0].path, "/1/ts_flusso");
    // A voce with an invalid ts.
    let mut v = voce_valida();
    v.ts_flusso = "2023-13-01T00:00:00Z".into();
    assert_eq!(ids(&verifica_voce(&v, "")), ["SIUSS-WAAS-006"]);
}

// ---------------------------------------------------------------- entries (003-008, 012, 021)

#[test]
fn valid_entry_has_no_finding() {
    let v = voce_valida();
    assert!(verifica_voce(&v, "/elenco_flussi/0").is_empty());
    let json = serde_json::to_string(&v).expect("json");
    assert!(json.starts_with(r#"{"codice_ente":"H501","denominazione_ente":"Comune di Roma","id_flusso":"H501.SINBA.20240105.0000001","tipo":"SINBA","ts_flusso":"2023-11-14T22:13:20.000Z","flusso":""#));
    // additionalProperties: false.
    let extra = json.replacen('{', r#"{"flusso_content":"x","#, 1);
    assert!(serde_json::from_str::<VoceFlusso>(&extra).is_err());
}

#[test]
fn waas_003_type() {
    let mut v = voce_valida();
    v.tipo = "PSA".into();
    let issues = verifica_voce(&v, "/e");
    assert_eq!(ids(&issues), ["SIUSS-WAAS-003"]);
    assert_eq!(issues[0].path, "/e/tipo");
    let mut v = voce_valida();
    v.tipo = "PS_PSA_SINA".into(); // content is SINBA
    assert!(has(&verifica_voce(&v, ""), "SIUSS-WAAS-003"));
}

#[test]
fn waas_004_codice_ente() {
    for bad in ["h501", "H50", "H5011", "1501", ""] {
        let mut v = voce_valida();
        v.codice_ente = bad.into();
        assert!(has(&verifica_voce(&v, ""), "SIUSS-WAAS-004"), "{bad}");
    }
    assert!(!has(&verifica_voce(&voce_valida(), ""), "SIUSS-WAAS-004"));
}

#[test]
fn waas_005_denominazione() {
    let mut v = voce_valida();
    v.denominazione_ente = "è".repeat(256);
    assert!(verifica_voce(&v, "").is_empty());
    v.denominazione_ente.push('x');
    assert_eq!(ids(&verifica_voce(&v, "")), ["SIUSS-WAAS-005"]);
}

#[test]
fn waas_007_base64_and_size() {
    let mut v = voce_valida();
    v.flusso = "not base64!".into();
    // Undecodable: the WaaS rule and the schema-level `format: byte` rule.
    assert_eq!(ids(&verifica_voce(&v, "")), ["SIUSS-WAAS-007", "XML-017"]);
    assert!(!has(&verifica_voce(&voce_valida(), ""), "XML-017"));
    let mut v2 = voce_valida();
    // Line breaks are not allowed.
    v2.flusso.insert(4, '\n');
    assert!(has(&verifica_voce(&v2, ""), "SIUSS-WAAS-007"));
    let mut v3 = voce_valida();
    v3.flusso = "A".repeat(10_000_004);
    // Too long: only the WaaS rule (the content is not decoded).
    assert_eq!(ids(&verifica_voce(&v3, "")), ["SIUSS-WAAS-007"]);
    // Output: a flow whose base64 would exceed 10,000,000 characters is not exposed.
    let id = id_ps(1);
    let mut grande = xml(&id, "H501", "R", TipoFlusso::PsPsaSina);
    grande.push_str(&" ".repeat(7_500_001));
    let sel = seleziona_flussi_xml(
        &[FlussoXml {
            xml: grande.as_bytes(),
            ts_flusso: ts(1),
        }],
        &ParametriFlussi::default(),
    );
    assert!(sel.esposti.is_empty());
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-007"]);
    // Just under the limit it is exposed.
    let mut ok = xml(&id, "H501", "R", TipoFlusso::PsPsaSina);
    let pad = 7_500_000 - ok.len();
    ok.push_str(&" ".repeat(pad));
    let sel = seleziona_flussi_xml(
        &[FlussoXml {
            xml: ok.as_bytes(),
            ts_flusso: ts(1),
        }],
        &ParametriFlussi::default(),
    );
    assert_eq!(sel.esposti, [id]);
    assert_eq!(sel.risposta.elenco_flussi[0].flusso.len(), 10_000_000);
}

#[test]
fn base64_round_trip() {
    let x = xml(
        "H501.SINBA.20240105.0000001",
        "H501",
        "Città di Milano",
        TipoFlusso::Sinba,
    );
    let v = voce_da_xml(x.as_bytes(), ts(1)).expect("voce");
    assert!(!v.flusso.contains('\n'));
    assert_eq!(STANDARD.decode(&v.flusso).expect("base64"), x.as_bytes());
    assert_eq!(v.denominazione_ente, "Città di Milano");
}

#[test]
fn waas_008_not_an_inps_flow() {
    let mut v = voce_valida();
    v.flusso = STANDARD.encode(b"<Flusso><SINBA/></Flusso>");
    assert_eq!(ids(&verifica_voce(&v, "")), ["SIUSS-WAAS-008"]);
    v.flusso = STANDARD.encode(b"hello");
    assert_eq!(ids(&verifica_voce(&v, "")), ["SIUSS-WAAS-008"]);
    assert!(voce_da_xml(b"<html/>", ts(1)).is_err());
    let sel = seleziona_flussi_xml(
        &[FlussoXml {
            xml: b"<html/>",
            ts_flusso: ts(1),
        }],
        &ParametriFlussi::default(),
    );
    assert!(sel.esposti.is_empty());
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-008"]);
    // Register entry whose XML is not a flow: not exposed.
    let mut r = RegistroInvii::new();
    r.aggiungi(VoceRegistro::nuova(
        chiave(1),
        TipoFlusso::PsPsaSina,
        id_ps(1),
        ts(5),
        "<x/>",
    ))
    .expect("add");
    let sel = seleziona_flussi(r.voci(), &ParametriFlussi::default());
    assert!(sel.esposti.is_empty());
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-008"]);
}

#[test]
fn waas_012_and_021_register_entry_differs_from_its_xml() {
    let mut r = RegistroInvii::new();
    // Nome inside differs from the registered id: warning, still exposed.
    let x = xml(
        "H501.PS.20240105.0000099",
        "H501",
        "R",
        TipoFlusso::PsPsaSina,
    );
    r.aggiungi(VoceRegistro::nuova(
        chiave(1),
        TipoFlusso::PsPsaSina,
        id_ps(1),
        ts(5),
        x,
    ))
    .expect("add");
    // Ente/@Indirizzo differs from the id's ente: warning, still exposed.
    let id_f = "F205.PS.20240105.0000001";
    let x = xml(id_f, "H501", "R", TipoFlusso::PsPsaSina);
    r.aggiungi(VoceRegistro::nuova(
        chiave(2),
        TipoFlusso::PsPsaSina,
        id_f,
        ts(6),
        x,
    ))
    .expect("add");
    let sel = seleziona_flussi(r.voci(), &ParametriFlussi::default());
    assert_eq!(sel.esposti, [id_ps(1), id_f.to_string()]);
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-012", "SIUSS-WAAS-021"]);
    assert_eq!(sel.issues[0].path, "/0/id_flusso");
    assert_eq!(sel.issues[1].path, "/1/codice_ente");
    assert!(sel.issues.iter().all(|i| i.severity == Severity::Warning));
    // Consistent entries: none.
    let sel = seleziona_flussi(registro(3).voci(), &ParametriFlussi::default());
    assert!(sel.issues.is_empty());
    assert_eq!(sel.esposti.len(), 3);
}

// ---------------------------------------------------------------- GET /flussi (009, 010)

#[test]
fn waas_009_limit() {
    for bad in [
        "limit=101",
        "limit=-1",
        "limit=abc",
        "limit=1.5",
        "limit=",
        "limit=1&limit=2",
        "max_entries=200",
        "limit=99999999999999999999",
    ] {
        let q = format!("since=0&{bad}");
        let err = ParametriFlussi::da_query(&q).expect_err(bad);
        assert_eq!(ids(&err.issues), ["SIUSS-WAAS-009"], "{bad}");
        assert_eq!(err.problema.status, Some(400));
        let (risposta, issues) = get_flussi(&q, &mut RegistroInvii::new());
        assert_eq!(risposta.status, 400);
        assert_eq!(risposta.content_type, Some("application/problem+json"));
        assert!(has(&issues, "SIUSS-WAAS-009"));
        let p: Problema =
            serde_json::from_str(risposta.body.as_deref().unwrap_or_default()).expect("problem");
        assert!(p.detail.unwrap_or_default().contains("SIUSS-WAAS-009"));
    }
    for (q, limit) in [
        ("since=0", 10),
        ("since=0&limit=0", 0),
        ("since=0&limit=100", 100),
        ("since=0&max_entries=7", 7),
        ("since=0&limit=3&max_entries=7", 3),
        ("since=0&limit=%35", 5),
        ("foo=bar&since=0&limit=005", 5),
    ] {
        assert_eq!(
            ParametriFlussi::da_query(q).map(|p| p.limit).ok(),
            Some(limit),
            "{q}"
        );
    }
}

#[test]
fn waas_010_since() {
    for bad in [
        "",
        "limit=5",
        "since=",
        "since=-1",
        "since=abc",
        "since=1.0",
        "since=+1",
        "since=1&since=2",
        "since=9223372036854775808",
    ] {
        let err = ParametriFlussi::da_query(bad).expect_err(bad);
        assert_eq!(ids(&err.issues), ["SIUSS-WAAS-010"], "{bad}");
    }
    let err = ParametriFlussi::da_query("since=-5&limit=500").expect_err("both");
    assert_eq!(ids(&err.issues), ["SIUSS-WAAS-010", "SIUSS-WAAS-009"]);
    for (q, since) in [
        ("since=0", 0),
        ("since=9223372036854775807", i64::MAX),
        ("since=1700000000000", 1_700_000_000_000),
    ] {
        assert_eq!(
            ParametriFlussi::da_query(q).map(|p| p.since).ok(),
            Some(since)
        );
    }
    let p = ParametriFlussi::da_coppie([("since", "12"), ("limit", "3")]).expect("pairs");
    assert_eq!((p.since, p.limit), (12, 3));
}

#[test]
fn since_is_strict_and_order_is_ascending() {
    // Register order is not ts order.
    let mut r = RegistroInvii::new();
    for (n, t) in [(1, 3000), (2, 1000), (3, 2000)] {
        let ente = ["A001", "B002", "C003"][n - 1];
        let id = format!("{ente}.PS.20240105.0000001");
        let x = xml(&id, ente, "R", TipoFlusso::PsPsaSina);
        r.aggiungi(VoceRegistro::nuova(
            chiave(n),
            TipoFlusso::PsPsaSina,
            &id,
            ts(t),
            x,
        ))
        .expect("add");
    }
    let sel = |since, limit| {
        seleziona_flussi(r.voci(), &ParametriFlussi { since, limit })
            .esposti
            .into_iter()
            .map(|id| id[..4].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(sel(0, 10), ["B002", "C003", "A001"]);
    assert_eq!(sel(1000, 10), ["C003", "A001"]); // strictly greater
    assert_eq!(sel(999, 10), ["B002", "C003", "A001"]);
    assert_eq!(sel(3000, 10), Vec::<String>::new());
    assert_eq!(sel(0, 2), ["B002", "C003"]);
    assert_eq!(sel(0, 0), Vec::<String>::new());
}

#[test]
fn default_limit_is_ten_and_flows_become_exposed() {
    let mut r = registro(12);
    let (risposta, issues) = get_flussi("since=0", &mut r);
    assert!(issues.is_empty());
    assert_eq!(
        (risposta.status, risposta.content_type),
        (200, Some("application/json"))
    );
    let body = risposta.body.unwrap_or_default();
    let got = body_ids(&body);
    assert_eq!(got, (1..=10).map(id_ps).collect::<Vec<_>>());
    let esposti = r
        .voci()
        .iter()
        .filter(|v| v.stato == StatoFlusso::Esposto)
        .count();
    assert_eq!(esposti, 10);
    // Each entry has exactly the six OAS properties, in order.
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let keys: Vec<&String> = v["elenco_flussi"][0]
        .as_object()
        .expect("obj")
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "codice_ente",
            "denominazione_ente",
            "id_flusso",
            "tipo",
            "ts_flusso",
            "flusso"
        ]
    );
    assert_eq!(
        v["elenco_flussi"][0]["ts_flusso"],
        "1970-01-01T00:00:01.000Z"
    );
    // Next page.
    let (risposta, _) = get_flussi("since=10000", &mut r);
    assert_eq!(
        body_ids(&risposta.body.unwrap_or_default()),
        [id_ps(11), id_ps(12)]
    );
    // Nothing new: empty list.
    let (risposta, _) = get_flussi("since=12000&limit=0", &mut r);
    assert_eq!(risposta.body.as_deref(), Some(r#"{"elenco_flussi":[]}"#));
    // Acquired flows stay ACQUISITO when exposed again.
    r.segna_acquisito(&id_ps(1), Some("S1".into()), None)
        .expect("ok");
    let _ = get_flussi("since=0", &mut r);
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Acquisito)
    );
}

#[test]
fn refused_flows_are_never_exposed() {
    let mut r = registro(3);
    r.segna_rifiutato(&id_ps(2), Some("x".into()))
        .expect("refuse");
    let (risposta, _) = get_flussi("since=0&limit=100", &mut r);
    assert_eq!(
        body_ids(&risposta.body.unwrap_or_default()),
        [id_ps(1), id_ps(3)]
    );
    assert_eq!(
        r.voce(&id_ps(2)).map(|v| v.stato),
        Some(StatoFlusso::Rifiutato)
    );
}

#[test]
fn entries_with_errors_are_skipped_and_do_not_count_towards_limit() {
    let mut r = registro(1);
    let bad_id = "H501.PS.20240105.0000002";
    let x = xml(bad_id, "H501", &"d".repeat(300), TipoFlusso::PsPsaSina); // 005
    r.aggiungi(VoceRegistro::nuova(
        chiave(2),
        TipoFlusso::PsPsaSina,
        bad_id,
        ts(1500),
        x,
    ))
    .expect("add");
    let x = xml(&id_ps(3), "H501", "R", TipoFlusso::PsPsaSina);
    r.aggiungi(VoceRegistro::nuova(
        chiave(3),
        TipoFlusso::PsPsaSina,
        id_ps(3),
        ts(3000),
        x,
    ))
    .expect("add");
    let sel = seleziona_flussi(r.voci(), &ParametriFlussi { since: 0, limit: 2 });
    assert_eq!(sel.esposti, [id_ps(1), id_ps(3)]);
    assert_eq!(ids(&sel.issues), ["SIUSS-WAAS-005"]);
    assert_eq!(sel.issues[0].path, "/1/denominazione_ente");
}

#[test]
fn cli_path_from_xml_files() {
    let a = xml(
        "H501.SINBA.20240105.0000001",
        "H501",
        "Roma",
        TipoFlusso::Sinba,
    );
    let b = xml(&id_ps(1), "H501", "Roma", TipoFlusso::PsPsaSina);
    let flussi = [
        FlussoXml {
            xml: a.as_bytes(),
            ts_flusso: ts(20),
        },
        FlussoXml {
            xml: b.as_bytes(),
            ts_flusso: ts(10),
        },
    ];
    let sel = seleziona_flussi_xml(
        &flussi,
        &ParametriFlussi {
            since: 0,
            limit: 10,
        },
    );
    assert!(sel.issues.is_empty());
    assert_eq!(
        sel.esposti,
        [id_ps(1), "H501.SINBA.20240105.0000001".to_string()]
    );
    assert_eq!(sel.risposta.elenco_flussi[0].tipo, "PS_PSA_SINA");
    assert_eq!(sel.risposta.elenco_flussi[1].tipo, "SINBA");
    let body = sel.risposta.to_json();
    assert!(body.starts_with(r#"{"elenco_flussi":[{"codice_ente":"H501""#));
}

// ---------------------------------------------------------------- POST /esiti (013-020, 022)

fn esito(id: &str, codice: &str, extra: &str) -> String {
    format!(
        r#"{{"id_flusso":"{id}","tipo":"PS_PSA_SINA","ts_flusso":"1970-01-01T00:00:01.000Z","ts_acquisizione":"2024-01-05T10:00:00Z","codice_esito":"{codice}"{extra}}}"#
    )
}

fn corpo(esiti: &[String]) -> Vec<u8> {
    format!(r#"{{"elenco_esiti":[{}]}}"#, esiti.join(",")).into_bytes()
}

#[test]
fn esiti_all_four_codes() {
    let mut r = registro(4);
    let body = corpo(&[
        esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"SIUSS-1""#),
        esito(
            &id_ps(2),
            "RICHIESTA_INVALIDA",
            r#","descrizione_esito":"In cooperazione è possibile inviare solo un beneficiario""#,
        ),
        esito(
            &id_ps(3),
            "DATI_NON_TROVATI",
            r#","descrizione_esito":"CF RSSMRA80A01H501U non trovato""#,
        ),
        esito(&id_ps(4), "ERRORE_GENERICO", ""),
    ]);
    let (risposta, issues) = post_esiti(&body, &mut r);
    assert_eq!(risposta.status, 204);
    assert!(risposta.body.is_none());
    assert_eq!(
        ids(&issues),
        ["SIUSS-WAAS-017", "SIUSS-WAAS-018", "SIUSS-WAAS-019"]
    );
    assert_eq!(issues[0].path, "/elenco_esiti/1/codice_esito");
    assert!(issues[0].message_en.contains("solo un beneficiario"));
    // No personal data in findings.
    assert!(!issues[1].message_it.contains("RSSMRA80A01H501U"));
    assert!(issues[1].message_it.contains("RSSMRA*********U"));
    let v1 = r.voce(&id_ps(1)).expect("1");
    assert_eq!(v1.stato, StatoFlusso::Acquisito);
    assert_eq!(v1.id_acquisizione_siuss.as_deref(), Some("SIUSS-1"));
    for n in 2..=4 {
        assert_eq!(
            r.voce(&id_ps(n)).map(|v| v.stato),
            Some(StatoFlusso::Rifiutato)
        );
    }
    assert_eq!(
        r.voce(&id_ps(3))
            .and_then(|v| v.descrizione_esito.as_deref()),
        Some("CF RSSMRA80A01H501U non trovato")
    );
}

#[test]
fn esiti_invalid_json_is_400_and_valid_json_is_204() {
    let mut r = registro(1);
    for bad in [&b"{"[..], b"", b"not json", br#"{"elenco_esiti":[}"#] {
        let (risposta, issues) = post_esiti(bad, &mut r);
        assert_eq!(risposta.status, 400);
        assert_eq!(risposta.content_type, Some("application/problem+json"));
        assert!(issues.is_empty());
    }
    // Valid JSON of the wrong shape: 204 (INPS must not retry forever), with a finding.
    for shape in [&b"[]"[..], br#"{"elenco_esiti":5}"#, b"{}", b"null"] {
        let (risposta, issues) = post_esiti(shape, &mut r);
        assert_eq!(risposta.status, 204);
        assert_eq!(ids(&issues), ["SIUSS-WAAS-013"]);
        assert_eq!(issues[0].path, "/elenco_esiti");
    }
    let (risposta, issues) = post_esiti(br#"{"elenco_esiti":[42, {}]}"#, &mut r);
    assert_eq!(risposta.status, 204);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-013", "SIUSS-WAAS-013"]);
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Pronto)
    );
}

#[test]
fn waas_013_missing_required_property() {
    let mut r = registro(1);
    let senza_ts = esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#)
        .replace(r#""ts_acquisizione":"2024-01-05T10:00:00Z","#, "");
    let (_, issues) = post_esiti(&corpo(&[senza_ts]), &mut r);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-013"]);
    assert_eq!(issues[0].path, "/elenco_esiti/0/ts_acquisizione");
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Pronto)
    );
    let numero = esito(&id_ps(1), "OK", "").replace(r#""tipo":"PS_PSA_SINA""#, r#""tipo":1"#);
    assert!(has(
        &post_esiti(&corpo(&[numero]), &mut r).1,
        "SIUSS-WAAS-013"
    ));
    let (_, issues) = post_esiti(
        &corpo(&[esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#)]),
        &mut r,
    );
    assert!(issues.is_empty());
}

#[test]
fn waas_014_unknown_code() {
    let mut r = registro(1);
    let (risposta, issues) = post_esiti(&corpo(&[esito(&id_ps(1), "KO", "")]), &mut r);
    assert_eq!(risposta.status, 204);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-014"]);
    assert_eq!(issues[0].params["valore"], "KO");
    assert!(issues[0].message_en.contains("KO"));
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Pronto)
    );
    assert!(!has(
        &post_esiti(&corpo(&[esito(&id_ps(1), "ERRORE_GENERICO", "")]), &mut r).1,
        "SIUSS-WAAS-014"
    ));
}

#[test]
fn waas_015_unknown_flow() {
    let mut r = registro(1);
    let (_, issues) = post_esiti(
        &corpo(&[esito(
            "H501.PS.20240105.0000042",
            "OK",
            r#","id_acquisizione_siuss":"S""#,
        )]),
        &mut r,
    );
    assert_eq!(ids(&issues), ["SIUSS-WAAS-015"]);
    assert_eq!(issues[0].path, "/elenco_esiti/0/id_flusso");
    let (_, issues) = post_esiti(
        &corpo(&[esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#)]),
        &mut r,
    );
    assert!(!has(&issues, "SIUSS-WAAS-015"));
}

#[test]
fn waas_016_alias_and_extras() {
    let mut r = registro(2);
    // Spec §3.4.2 example: codice_siuss, codice_ente, denominazione_ente.
    let e = esito(
        &id_ps(1),
        "OK",
        r#","codice_siuss":"C-77","codice_ente":"H501","denominazione_ente":"Roma""#,
    );
    let (risposta, issues) = post_esiti(&corpo(&[e]), &mut r);
    assert_eq!(risposta.status, 204);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-016"]);
    assert_eq!(issues[0].severity, Severity::Info);
    assert_eq!(
        r.voce(&id_ps(1))
            .and_then(|v| v.id_acquisizione_siuss.as_deref()),
        Some("C-77")
    );
    // Only extras.
    let e = esito(
        &id_ps(2),
        "OK",
        r#","id_acquisizione_siuss":"C-78","altro":true"#,
    );
    assert_eq!(ids(&post_esiti(&corpo(&[e]), &mut r).1), ["SIUSS-WAAS-016"]);
    // Neither.
    let e = esito(
        &id_ps(2),
        "OK",
        r#","id_acquisizione_siuss":"C-78","descrizione_esito":"ok""#,
    );
    assert!(post_esiti(&corpo(&[e]), &mut r).1.is_empty());
}

#[test]
fn waas_020_more_than_100() {
    let mut r = registro(1);
    let many: Vec<String> = (0..101)
        .map(|_| esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#))
        .collect();
    let (risposta, issues) = post_esiti(&corpo(&many), &mut r);
    assert_eq!(risposta.status, 204);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-020"]);
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Acquisito)
    );
    let (esiti, issues) = leggi_esiti(&corpo(&many[..100])).expect("read");
    assert_eq!(esiti.len(), 100);
    assert!(issues.is_empty());
}

#[test]
fn waas_022_ok_without_acquisition_code() {
    let mut r = registro(2);
    let (_, issues) = post_esiti(&corpo(&[esito(&id_ps(1), "OK", "")]), &mut r);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-022"]);
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Acquisito)
    );
    let (_, issues) = post_esiti(
        &corpo(&[esito(&id_ps(2), "OK", r#","id_acquisizione_siuss":"  ""#)]),
        &mut r,
    );
    assert_eq!(ids(&issues), ["SIUSS-WAAS-022"]);
    let (_, issues) = post_esiti(
        &corpo(&[esito(&id_ps(2), "OK", r#","id_acquisizione_siuss":"X""#)]),
        &mut r,
    );
    assert!(issues.is_empty());
}

#[test]
fn waas_003_in_esiti() {
    let mut r = registro(1);
    let e =
        esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#).replace("PS_PSA_SINA", "SINBA");
    let (_, issues) = post_esiti(&corpo(&[e]), &mut r);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-003"]);
    let e = esito(&id_ps(1), "OK", r#","id_acquisizione_siuss":"S""#).replace("PS_PSA_SINA", "PS");
    let (_, issues) = post_esiti(&corpo(&[e]), &mut r);
    assert_eq!(ids(&issues), ["SIUSS-WAAS-003", "SIUSS-WAAS-003"]);
    // Still applied (lenient).
    assert_eq!(
        r.voce(&id_ps(1)).map(|v| v.stato),
        Some(StatoFlusso::Acquisito)
    );
}

// ---------------------------------------------------------------- register and corrections

#[test]
fn register_round_trip_and_integrity() {
    let r = registro(2);
    let json = serde_json::to_string(&r).expect("json");
    assert!(json.contains(r#""stato":"PRONTO""#));
    assert!(json.contains(r#""ts_flusso":"1970-01-01T00:00:01.000Z""#));
    let back: RegistroInvii = serde_json::from_str(&json).expect("back");
    assert_eq!(back, r);
    let v = &back.voci()[0];
    assert!(v.integra());
    assert_eq!(v.sha256_xml.len(), 64);
    let mut alterata = v.clone();
    alterata.xml.push(' ');
    assert!(!alterata.integra());
    assert!(r.voce("nope").is_none());
    let mut r = r;
    assert!(r.segna_acquisito("nope", None, None).is_err());
    assert!(r
        .aggiungi(VoceRegistro::nuova(
            chiave(1),
            TipoFlusso::PsPsaSina,
            id_ps(1),
            ts(99_999),
            "x"
        ))
        .is_err());
}

#[test]
fn correction_sequence_c_then_i() {
    let mut r = registro(1);
    let mut a = r.allocatore_ts();
    let k = chiave(1);
    let c = (id_ps(2), xml(&id_ps(2), "H501", "R", TipoFlusso::PsPsaSina));
    let i = (id_ps(3), xml(&id_ps(3), "H501", "R", TipoFlusso::PsPsaSina));
    // Not acquired yet: refused.
    assert!(r
        .registra_correzione(&k, (&c.0, &c.1), (&i.0, &i.1), &mut a, 500)
        .is_err());
    assert_eq!(r.len(), 1);
    r.segna_acquisito(&id_ps(1), Some("S".into()), None)
        .expect("ok");
    let [tc, ti] = r
        .registra_correzione(&k, (&c.0, &c.1), (&i.0, &i.1), &mut a, 500)
        .expect("correction");
    assert!(tc < ti);
    assert!(tc.millis() > 1000); // after the earlier flow of the ente, despite the clock
    assert_eq!(r.len(), 3);
    assert_eq!(
        r.ultimo_inviato(&k).map(|v| v.id_flusso.clone()),
        Some(id_ps(3))
    );
    assert!(r.verifica().is_empty());
    // The new flows are exposed C first.
    let sel = seleziona_flussi(
        r.voci(),
        &ParametriFlussi {
            since: 1000,
            limit: 10,
        },
    );
    assert_eq!(sel.esposti, [id_ps(2), id_ps(3)]);
    // Same ids again: refused, nothing added.
    assert!(r
        .registra_correzione(&k, (&c.0, &c.1), (&i.0, &i.1), &mut a, 500)
        .is_err());
    // Different entes: refused.
    assert!(r
        .registra_correzione(
            &k,
            (&id_ps(4), "x"),
            ("F205.PS.20240105.0000001", "y"),
            &mut a,
            0
        )
        .is_err());
    assert_eq!(r.len(), 3);
    // SINBA has no C.
    let s = ChiaveRecord::Sinba {
        codice_ente: "E1".into(),
        id_beneficiario: "X".into(),
    };
    assert!(r
        .registra_correzione(&s, ("a", "x"), ("b", "y"), &mut a, 0)
        .is_err());
    // A refused flow does not count as sent.
    let mut r = registro(1);
    r.segna_rifiutato(&id_ps(1), None).expect("refuse");
    assert!(r.ultimo_inviato(&k).is_none());
}

#[test]
fn record_keys_of_a_flow() {
    let json = r#"{"identificazione_flusso":{"nome":"n","ente":{"codice":"E1","indirizzo":"H501"}},
        "beneficiari":[{"codice_fiscale":"RSSMRA80A01H501U","anagrafica":{},"indirizzi":[],
        "prestazioni_sociali":[{"codice_prestazione":"A1.01","protocollo_domanda":"P1","data_inizio_prestazione":"2024-03-01"},
                               {"codice_prestazione":"A1.02","protocollo_domanda":"P2","data_evento":"2023-01-02","data_erogazione_prestazione":"2023-05-01"},
                               {"codice_prestazione":"A1.03"}]}]}"#;
    let f: cartella::siuss::FlussoPsPsaSina = serde_json::from_str(json).expect("flow");
    let keys = ChiaveRecord::di_flusso(&cartella::siuss::Flusso::PsPsaSina(f));
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], chiave(1));
    // The segment year of a one-off prestazione is the year of DataErogazionePrestazione.
    assert!(matches!(
        &keys[1],
        ChiaveRecord::Prestazione { anno: 2023, .. }
    ));
}

#[test]
fn the_register_answers_siuss_ps_069_for_cancellations() {
    use cartella::siuss::{verifica, Flusso, OpzioniVerifica};
    use cartella::testing::campioni_siuss;
    let inserimento = Flusso::PsPsaSina(cartella::siuss::FlussoPsPsaSina {
        identificazione_flusso: campioni_siuss::identificazione(),
        beneficiari: vec![campioni_siuss::beneficiario(7)],
    });
    let mut r = RegistroInvii::default();
    r.crea_da_flusso(&inserimento, 1_000).expect("registered");
    let o = OpzioniVerifica {
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 7, 2),
        ultimi_inserimenti: Some(std::sync::Arc::new(r)),
        ..OpzioniVerifica::default()
    };
    let cancella = |importo: &str| {
        let mut f = inserimento.clone();
        if let Flusso::PsPsaSina(ps) = &mut f {
            let p = &mut ps.beneficiari[0].prestazioni_sociali[0];
            p.tipo_operazione = Some("C".into());
            p.importo_mensile = Some(importo.into());
        }
        f
    };
    // The cancellation repeats the insertion: nothing to say.
    assert!(!verifica(&cancella("150.00"), &o).has("SIUSS-PS-069"));
    // It differs from what was sent.
    assert!(verifica(&cancella("160.00"), &o).has("SIUSS-PS-069"));
}

// ---------------------------------------------------------------- status and problems

#[test]
fn status_and_problems() {
    let r = get_status(true);
    assert_eq!(r.status, 200);
    assert_eq!(r.body.as_deref(), Some(r#"{"title":"OK","status":200}"#));
    assert_eq!(get_status(false).status, 503);
    for (p, s) in [
        (Problema::richiesta_non_valida("x"), 400),
        (Problema::non_trovato(), 404),
        (Problema::errore_interno(), 500),
    ] {
        assert_eq!(p.risposta().status, s);
        let back: Problema = serde_json::from_str(&p.to_json()).expect("problem");
        assert_eq!(back, p);
    }
}
