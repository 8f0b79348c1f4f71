//! validate_document and the conformance case runner through the foreign API.

use cartella_ffi::*;

const MANIFEST: &str = r#"{"versione": 1, "casi": [{
    "id": "q", "descrizione": "", "tipo": "waas_query", "input": "q.txt", "tags": [],
    "stato": "attivo", "profilo": "siuss", "as_of": "2025-01-01",
    "atteso": {"valido": false, "findings": [
        {"rule_id": "SIUSS-WAAS-010", "severity": "error", "path": "/since"}]}}]}"#;

fn options() -> ValidateOptions {
    ValidateOptions {
        profile: None,
        as_of: Some("2025-01-01".into()),
        suppressions: vec![],
        registry: None,
        reference_data: None,
    }
}

#[test]
fn validate_document_detects_and_never_fails_on_input() {
    let json = sample("accesso-informativo".into()).expect("sample").json;
    let d = validate_document(json.into_bytes(), options()).expect("options are fine");
    assert_eq!(d.kind, DocumentKind::CartellaJson);
    assert!(d.is_valid && d.error.is_none());
    assert_eq!(d.report.map(|r| r.issues), Some(d.issues));
    for input in [&b""[..], b"\xFF", b"{", b"<x/>", b"garbage"] {
        let d = validate_document(input.to_vec(), options()).expect("data, not an error");
        assert!(d.report.is_none() || !d.is_valid || d.error.is_none());
    }
}

#[test]
fn manifest_cases_run_and_compare() {
    let m = ManifestHandle::from_json(MANIFEST.into()).expect("manifest");
    assert_eq!(m.version(), 1);
    let cases = m.cases();
    assert_eq!(cases[0].id, "q");
    assert!(cases[0].active && cases[0].document_options.is_none());
    assert!(cases[0].expected.passed);
    let ok = m.run_case("q".into(), b"limit=5".to_vec()).expect("runs");
    assert!(ok.passed && !ok.valid);
    assert_eq!(ok.findings, cases[0].expected.findings);
    let ko = m.run_case("q".into(), b"since=0".to_vec()).expect("runs");
    let d = ko.difference.expect("differs");
    assert_eq!(
        (d.expected_valid, d.actual_valid),
        (Some(false), Some(true))
    );
    assert_eq!(d.missing[0].rule_id, "SIUSS-WAAS-010");
    assert!(matches!(
        m.run_case("nope".into(), vec![]),
        Err(CartellaError::InvalidArgument { .. })
    ));
    assert!(matches!(
        ManifestHandle::from_json("{".into()),
        Err(CartellaError::InvalidArgument { .. })
    ));
}
