//! Integration tests of `cartella siuss export|check|flussi` and of INPS flows given to
//! `cartella validate`: exit codes, the JSON report shape shared with `validate`, the WaaS
//! single-item limit, the `GET /flussi` body, and that flows never show a full codice fiscale in
//! reports.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

use serde_json::Value;

fn fixture(name: &str) -> String {
    repo()
        .join("core/tests/fixtures/siuss")
        .join(name)
        .display()
        .to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("cartella-siuss-cli", name)
}

/// A test-only ISTAT → DM 1986 table (the real one is not public, open question 17).
fn tabella_dm1986(dir: &Path) -> String {
    let p = dir.join("dm1986.csv");
    std::fs::write(
        &p,
        "codice_regione_istat,codice_dm1986,denominazione\n03,03,Lombardia (test)\n",
    )
    .expect("write table");
    p.display().to_string()
}

/// Exports the PS flow of `percorso-completo` on the WaaS channel into `dir`.
fn export_waas(dir: &Path) -> Output {
    let out = dir.join("flussi");
    run(&[
        "siuss",
        "export",
        "--kind",
        "ps",
        "--channel",
        "waas",
        "--cf-operatore",
        "RSSMRA80A01H501U",
        "--data-riferimento",
        "2024-06-30",
        "--data-creazione",
        "2024-07-01",
        "--regioni-dm1986",
        &tabella_dm1986(dir),
        &sample_path("percorso-completo"),
        "-o",
        &out.display().to_string(),
    ])
}

#[test]
fn export_writes_a_waas_flow_that_checks_clean_and_is_listed_by_flussi() {
    let dir = temp_dir("export");
    let o = export_waas(&dir);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = dir.join("flussi");
    let xml = out.join("F205.PS.20240701.0000001.xml");
    assert!(xml.is_file(), "{}", stderr(&o));
    assert!(out.join("F205.PS.20240701.0000001.ts").is_file());
    let text = std::fs::read_to_string(&xml).expect("flow");
    assert!(text.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    assert!(text.contains(r#"<Flusso xmlns="http://inps.it/Casellario">"#));

    let o = run(&[
        "siuss",
        "check",
        "--channel",
        "waas",
        "--as-of",
        "2024-07-02",
        "--format",
        "json",
        &xml.display().to_string(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[0]["counts"]["error"], 0);

    // `validate` recognises the flow by its content and runs the same checks.
    let o = run(&[
        "validate",
        "--format",
        "json",
        "--as-of",
        "2024-07-02",
        &xml.display().to_string(),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(json_lines(&o)[0]["valid"], true);

    let o = run(&[
        "siuss",
        "flussi",
        "--since",
        "0",
        "--limit",
        "10",
        &out.display().to_string(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let body: Value = serde_json::from_str(stdout(&o).trim()).expect("JSON body");
    let voci = body["elenco_flussi"].as_array().expect("elenco_flussi");
    assert_eq!(voci.len(), 1);
    let voce = &voci[0];
    assert_eq!(voce["id_flusso"], "F205.PS.20240701.0000001");
    assert_eq!(voce["tipo"], "PS_PSA_SINA");
    assert_eq!(voce["codice_ente"], "F205");
    let keys: Vec<&str> = voce
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
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

    // `since` equal to the flow's ts: nothing newer.
    let ts = std::fs::read_to_string(out.join("F205.PS.20240701.0000001.ts")).expect("ts");
    let ms = chrono::DateTime::parse_from_rfc3339(ts.trim())
        .expect("RFC 3339")
        .timestamp_millis()
        .to_string();
    let o = run(&[
        "siuss",
        "flussi",
        "--since",
        &ms,
        &out.display().to_string(),
    ]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).trim(), r#"{"elenco_flussi":[]}"#);
}

#[test]
fn export_without_a_region_table_reports_the_derivation_rule_and_exits_one() {
    let dir = temp_dir("noregion");
    let o = run(&[
        "siuss",
        "export",
        "--kind",
        "ps",
        "--channel",
        "upload",
        "--cf-operatore",
        "RSSMRA80A01H501U",
        "--data-riferimento",
        "2024-06-30",
        &sample_path("percorso-completo"),
        "-o",
        &dir.join("ps.xml").display().to_string(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("SIUSS-PS-082"), "{}", stderr(&o));
}

#[test]
fn flussi_rejects_bad_parameters_with_a_problem_body() {
    let dir = temp_dir("params");
    for (since, limit, rule) in [
        ("-1", "10", "SIUSS-WAAS-010"),
        ("0", "101", "SIUSS-WAAS-009"),
        ("x", "1", "SIUSS-WAAS-010"),
    ] {
        let o = run(&[
            "siuss",
            "flussi",
            "--since",
            since,
            "--limit",
            limit,
            &dir.display().to_string(),
        ]);
        assert_eq!(code(&o), 2, "since={since} limit={limit}");
        let body: Value = serde_json::from_str(stdout(&o).trim()).expect("problem+json");
        assert_eq!(body["status"], 400);
        assert!(stderr(&o).contains(rule), "{}", stderr(&o));
    }
}

#[test]
fn check_reports_inps_rules_in_the_validate_json_shape() {
    let o = run(&[
        "siuss",
        "check",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        &fixture("ps-minimo.xml"),
        &fixture("sinba-minimo.xml"),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    for key in [
        "file",
        "valid",
        "blocking",
        "counts",
        "issues",
        "suppressed",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(lines[0]["valid"], false);
    assert!(rule_ids(&lines[0]).contains(&"SIUSS-PS-035".to_string()));
    assert_eq!(lines[1]["valid"], true);
    // Paths point into the flow JSON.
    let path = lines[0]["issues"][0]["path"].as_str().expect("path");
    assert!(
        path.starts_with("/beneficiari/0/") || path.starts_with("/identificazione_flusso"),
        "{path}"
    );
}

#[test]
fn check_enforces_one_item_per_flow_on_the_waas_channel() {
    let fixture = fixture("ps-completo.xml");
    let upload = run(&[
        "siuss",
        "check",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        &fixture,
    ]);
    assert!(!rule_ids(&json_lines(&upload)[0]).contains(&"SIUSS-PS-032".to_string()));
    let waas = run(&[
        "siuss",
        "check",
        "--channel",
        "waas",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        &fixture,
    ]);
    assert_eq!(code(&waas), 1);
    assert!(rule_ids(&json_lines(&waas)[0]).contains(&"SIUSS-PS-032".to_string()));
}

#[test]
fn check_of_unreadable_and_malformed_inputs() {
    let dir = temp_dir("bad");
    let broken = dir.join("broken.xml");
    std::fs::write(
        &broken,
        "<Flusso xmlns=\"http://inps.it/Casellario\"><Identificazione",
    )
    .expect("write");
    let o = run(&[
        "siuss",
        "check",
        "--format",
        "json",
        &broken.display().to_string(),
    ]);
    assert_eq!(code(&o), 1);
    assert!(rule_ids(&json_lines(&o)[0]).contains(&"XML-001".to_string()));

    let o = run(&[
        "siuss",
        "check",
        &dir.join("missing.xml").display().to_string(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("NOT READ"));
}

#[test]
fn suppressions_apply_to_flow_findings() {
    let fixture = fixture("ps-minimo.xml");
    let o = run(&[
        "siuss",
        "check",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        "--suppress",
        "SIUSS-PS-035::accepted for this test",
        &fixture,
    ]);
    let line = &json_lines(&o)[0];
    assert!(!rule_ids(line).contains(&"SIUSS-PS-035".to_string()));
    let suppressed = line["suppressed"].as_array().expect("suppressed");
    assert!(suppressed.iter().any(|s| s["rule_id"] == "SIUSS-PS-035"));
}

#[test]
fn reports_never_show_a_full_codice_fiscale() {
    let o = run(&[
        "siuss",
        "check",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        &fixture("ps-completo.xml"),
    ]);
    let text = stdout(&o);
    for cf in ["BNCLRA85M41F205Z", "RSSMRA80A01F205X"] {
        assert!(!text.contains(cf), "{cf} in the report");
    }
}
