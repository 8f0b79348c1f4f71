//! The embedded samples: every valid sample validates without errors and warnings (notices are
//! expected), every invalid sample raises the rules its description documents, and every
//! codice fiscale in the samples is syntactically valid except where a sample says otherwise.

use cartella::rules::{Profiles, Severity, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
use chrono::NaiveDate;

fn validator() -> Validator {
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).expect("date");
    Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    )
}

#[test]
fn there_are_valid_and_invalid_samples_with_the_documented_names() {
    for name in [
        "accesso-informativo",
        "valutato-e-chiuso",
        "percorso-completo",
        "invalido-cf",
        "invalido-date",
        "invalido-ciclo-vita",
    ] {
        assert!(samples::get(name).is_some(), "{name}");
    }
    assert!(samples::all().iter().filter(|s| s.expect_valid).count() >= 3);
    assert!(samples::all().iter().filter(|s| !s.expect_valid).count() >= 3);
}

#[test]
fn every_sample_parses_and_round_trips() {
    for s in samples::all() {
        let cartella = json::from_str(s.json).unwrap_or_else(|e| panic!("{}: {e}", s.name));
        let again = json::from_str(&json::to_string_pretty(&cartella)).expect("re-read");
        assert_eq!(cartella, again, "{}", s.name);
    }
}

#[test]
fn valid_samples_have_no_errors_and_no_warnings() {
    let v = validator();
    for s in samples::all().iter().filter(|s| s.expect_valid) {
        let cartella = json::from_str(s.json).expect("parse");
        let report = v.validate(&cartella);
        let bad: Vec<String> = report
            .issues
            .iter()
            .filter(|i| i.severity != Severity::Info)
            .map(ToString::to_string)
            .collect();
        assert!(bad.is_empty(), "{}:\n  {}", s.name, bad.join("\n  "));
        assert!(report.is_valid());
    }
}

#[test]
fn invalid_samples_raise_their_documented_rules() {
    let v = validator();
    for s in samples::all().iter().filter(|s| !s.expect_valid) {
        let expected = s.expected_rules();
        assert!(
            !expected.is_empty(),
            "{}: the description must list the rules it triggers",
            s.name
        );
        let cartella = json::from_str(s.json).expect("parse");
        let report = v.validate(&cartella);
        assert!(!report.is_valid(), "{} should have an error", s.name);
        for id in expected {
            assert!(
                cartella::rules::catalogo().get(id).is_some(),
                "{}: documented rule {id} is not in the catalogue",
                s.name
            );
            assert!(
                report.has(id),
                "{}: expected {id}, got {:?}",
                s.name,
                report.rule_ids()
            );
        }
    }
}

#[test]
fn sample_codici_fiscali_are_well_formed() {
    for s in samples::all() {
        let v: serde_json::Value = serde_json::from_str(s.json).expect("JSON");
        let mut codes = Vec::new();
        collect(&v, &mut codes);
        assert!(!codes.is_empty(), "{}", s.name);
        for code in codes {
            let ok = cartella::cf::is_valid(&code);
            if s.name == "invalido-cf" && code.starts_with("PGNGLI") {
                assert!(!ok, "{}: the assistito's code is wrong on purpose", s.name);
            } else {
                assert!(
                    ok,
                    "{}: {}… is not a valid codice fiscale",
                    s.name,
                    &code[..6]
                );
            }
        }
    }
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "codice_fiscale" {
                    if let Some(s) = v.as_str() {
                        out.push(s.to_string());
                    }
                }
                collect(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        _ => {}
    }
}
