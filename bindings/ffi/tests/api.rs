//! The foreign API called from Rust: it translates the core faithfully and never panics.

use std::collections::HashMap;

use cartella_ffi::*;

fn options(as_of: &str) -> ValidateOptions {
    ValidateOptions {
        profile: None,
        as_of: Some(as_of.to_string()),
        suppressions: vec![],
        registry: None,
        reference_data: None,
    }
}

fn sample_json(name: &str) -> String {
    sample(name.to_string()).map(|s| s.json).unwrap_or_default()
}

#[test]
fn reports_equal_the_core_ones() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap();
    let core = cartella::rules::Validator::new(cartella::ValidationOptions::default().as_of(as_of));
    for s in samples() {
        let want = core.validate(&cartella::json::from_str(&s.json).unwrap());
        let got = validate_json(s.json.clone(), options("2025-01-15")).unwrap();
        let ids: Vec<_> = got.issues.iter().map(|i| i.rule_id.as_str()).collect();
        let want_ids: Vec<_> = want.issues.iter().map(|i| i.rule_id.as_str()).collect();
        assert_eq!(ids, want_ids, "{}", s.name);
        assert_eq!(got.is_valid, want.is_valid());
        assert_eq!(got.is_valid, s.expect_valid, "{}", s.name);
        for r in &s.expected_rules {
            assert!(ids.contains(&r.as_str()), "{}: {r}", s.name);
        }
    }
}

#[test]
fn handle_round_trips_and_validates() {
    let c = CartellaHandle::from_json(sample_json("percorso-completo")).unwrap();
    let again = CartellaHandle::from_json(c.to_json()).unwrap();
    assert_eq!(c.to_json(), again.to_json());
    assert_eq!(c.processi()[0].stato, "CHIUSO");
    assert!(c
        .section_json("/assistito".into())
        .unwrap()
        .starts_with('{'));
    assert!(matches!(
        c.section_json("/nope".into()),
        Err(CartellaError::InvalidArgument { .. })
    ));
    let v = ValidatorHandle::new(options("2025-01-15")).unwrap();
    assert!(v.validate(c.clone()).is_valid);
    assert_eq!(v.as_of(), "2025-01-15");
    let many = v
        .validate_json_many(samples().into_iter().map(|s| s.json).collect())
        .unwrap();
    assert_eq!(many.len(), 6);
}

#[test]
fn errors_are_typed() {
    assert!(matches!(
        CartellaHandle::from_json("{".into()),
        Err(CartellaError::Parse { line: 1, .. })
    ));
    let json = sample_json("accesso-informativo").replacen("\"1.0\"", "\"9.9\"", 1);
    assert!(matches!(
        CartellaHandle::from_json(json),
        Err(CartellaError::UnsupportedVersion { .. })
    ));
    assert!(matches!(
        validate_json(sample_json("invalido-cf"), options("15/01/2025")),
        Err(CartellaError::InvalidArgument { ref name, .. }) if name == "as_of"
    ));
    let mut o = options("2025-01-15");
    o.suppressions.push(SuppressionSpec {
        rule_id: "NOPE-1".into(),
        path_prefix: String::new(),
        reason: "x".into(),
    });
    assert!(matches!(
        validate_json(sample_json("invalido-cf"), o),
        Err(CartellaError::UnknownRule { .. })
    ));
    assert!(matches!(
        explain("NOPE-1".into()),
        Err(CartellaError::UnknownRule { .. })
    ));
    assert!(matches!(
        code_list("1.2.3".into()),
        Err(CartellaError::UnknownCodeSystem { .. })
    ));
}

#[test]
fn garbage_never_panics() {
    for s in [
        "",
        "\u{0}",
        "ÿÿÿ",
        "RSSMRA80A01H501",
        "{\"a\":1}",
        "null",
        "12345678901234567890",
    ] {
        let _ = cf_is_valid(s.into());
        let _ = cf_decode(s.into(), None);
        let _ = cf_encode(s.into(), s.into(), s.into(), Sex::M, s.into(), -1);
        let _ = CartellaHandle::from_json(s.into());
        let _ = validate_json(s.into(), options(s));
        let _ = explain(s.into());
        let _ = code_label(s.into(), s.into());
        let r = RegistryHandle::standard();
        let _ = r.register_csv(s.into());
        let _ = r.check(s.into(), s.into(), Some(s.into()));
        let _ = new_cartella(s.into(), s.into(), s.into());
    }
}

#[test]
fn codice_fiscale() {
    let d = cf_decode("VLLLNE39E61F205K".into(), None).unwrap();
    assert!(d.is_valid);
    assert_eq!(d.sex, Some(Sex::F));
    assert_eq!(d.birth_date.as_deref(), Some("1939-05-21"));
    assert_eq!(d.birthplace.map(|b| b.kind), Some(BirthplaceKind::Comune));
    let bad = cf_decode("RSSMRA80A01H501A".into(), None).unwrap();
    assert!(bad.issues.iter().any(|i| i.rule_id == "CF-003"));
    assert_eq!(
        cf_encode(
            "Rossi".into(),
            "Mario".into(),
            "1980-01-01".into(),
            Sex::M,
            "H501".into(),
            0
        )
        .unwrap(),
        "RSSMRA80A01H501U"
    );
    assert!(matches!(
        cf_encode(
            "Rossi".into(),
            "Mario".into(),
            "1980-01-01".into(),
            Sex::M,
            "H501".into(),
            300
        ),
        Err(CartellaError::InvalidArgument { .. })
    ));
    assert_eq!(
        cf_check_many(vec!["RSSMRA80A01H501U".into(), "x".into()]),
        vec![true, false]
    );
}

#[test]
fn registry_turns_open_system_notice_into_membership_error() {
    let system = "2.16.840.1.113883.2.9.6.2.5";
    let at = |r: &Report| -> Vec<String> {
        r.issues
            .iter()
            .filter(|i| i.path == "/assistito/cittadinanza")
            .map(|i| i.rule_id.clone())
            .collect()
    };
    let json = sample_json("accesso-informativo");
    assert_eq!(
        at(&validate_json(json.clone(), options("2025-01-15")).unwrap()),
        ["CSI-COD-004"]
    );
    let registry = RegistryHandle::standard();
    registry
        .register_table(
            system.into(),
            vec![CodeEntry {
                code: "999".into(),
                label: None,
                valid_from: None,
                valid_to: None,
            }],
        )
        .unwrap();
    let mut o = options("2025-01-15");
    o.registry = Some(registry.clone());
    assert_eq!(at(&validate_json(json, o).unwrap()), ["CSI-COD-003"]);
    assert_eq!(
        registry.check(system.into(), "380".into(), None).unwrap(),
        CodeCheck::NotInTable
    );
    registry.register_map(
        "a".into(),
        "b".into(),
        HashMap::from([("1".into(), "2".into())]),
    );
    assert_eq!(
        registry
            .translate("a".into(), "1".into(), "b".into())
            .as_deref(),
        Some("2")
    );
}

#[test]
fn lifecycle_events() {
    let c = CartellaHandle::from_json(sample_json("accesso-informativo")).unwrap();
    let id = c.processi()[0].id_processo.clone();
    assert_eq!(c.allowed_transitions(id).unwrap(), ["RIAPRI"]);
    let data = EventData {
        date: "2025-02-03".into(),
        operatore: None,
        nota: None,
    };
    c.new_access("P-2".into(), "A-2".into(), data.clone(), None, false)
        .unwrap();
    assert_eq!(c.current_state("P-2".into()).unwrap(), "ACCESSO");
    let event = |kind: &str, esito: Option<&str>| LifecycleEvent {
        kind: kind.into(),
        id_fase: None,
        record_json: None,
        registered_service: false,
        esito: esito.map(str::to_string),
        motivazione_json: None,
        ente_destinatario_json: None,
        stessa_regione: false,
        id_messaggio: None,
        ruolo: None,
        operatore_json: None,
    };
    let refused = c.apply_event(
        "P-2".into(),
        event("APPROVA_PROGETTO", None),
        data.clone(),
        false,
    );
    assert!(
        matches!(refused, Err(CartellaError::IllegalTransition { ref rule_id, .. }) if rule_id.starts_with("CSI-LCY-"))
    );
    let warnings = c
        .apply_event(
            "P-2".into(),
            event("CHIUDI_ACCESSO", Some("SOLO_INFORMAZIONE")),
            data.clone(),
            false,
        )
        .unwrap();
    assert!(warnings.iter().any(|i| i.rule_id == "CSI-FAS-010"));
    assert_eq!(c.replay("P-2".into()).unwrap().state, "CHIUSO");
    assert!(matches!(
        c.apply_event("P-2".into(), event("NUOVO_ACCESSO", None), data, false),
        Err(CartellaError::InvalidArgument { .. })
    ));
}

#[test]
fn catalogue_and_samples() {
    assert!(rules().len() > 400);
    let r = explain("CF-003".into()).unwrap();
    assert_eq!(r.severity, Severity::Error);
    assert!(r.implemented);
    assert_eq!(samples().len(), 6);
    assert_eq!(
        sample("invalido-cf".into()).unwrap().expected_rules,
        ["CF-003"]
    );
    assert!(sample("nope".into()).is_none());
    assert_eq!(model_version(), "1.0");
    assert_eq!(
        code_label(
            "INPS.PS_PSA_SINA201812.CaratterePrestazioneType".into(),
            "1".into()
        )
        .as_deref(),
        Some("Periodico")
    );
}
