//! Canonical JSON: lossless round trip (property tests) and the reading rules of `model.md` §1.6.

use cartella::json;
use cartella::model::*;
use cartella::CartellaError;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn cartella_round_trip(x in cartella::testing::cartella()) {
        let j = json::to_string(&x);
        let y = json::from_str(&j).map_err(|e| TestCaseError::fail(format!("{e}\n{j}")))?;
        prop_assert_eq!(&y, &x);
        prop_assert_eq!(json::to_string(&y), j);
        let p = json::to_string_pretty(&x);
        prop_assert_eq!(json::to_string_pretty(&json::from_str(&p).unwrap()), p);
    }

    #[test]
    fn messaggio_round_trip(x in cartella::testing::messaggio_interscambio()) {
        let j = json::messaggio_to_string(&x);
        let y = json::messaggio_from_str(&j).map_err(|e| TestCaseError::fail(format!("{e}\n{j}")))?;
        prop_assert_eq!(&y, &x);
        prop_assert_eq!(json::messaggio_to_string(&y), j);
    }

    #[test]
    fn risposta_round_trip(x in cartella::testing::risposta_interscambio()) {
        let j = json::risposta_to_string(&x);
        let y = json::risposta_from_str(&j).map_err(|e| TestCaseError::fail(format!("{e}\n{j}")))?;
        prop_assert_eq!(&y, &x);
        prop_assert_eq!(json::risposta_to_string(&y), j);
    }

    #[test]
    fn fase_starts_with_tipo_fase(f in cartella::testing::fase()) {
        let j = serde_json::to_string(&f).unwrap();
        let expected = format!("{{\"tipo_fase\":\"{}\",\"id_fase\":", f.tipo().code());
        prop_assert!(j.starts_with(&expected), "{}", j);
    }
}

const MINIMA: &str = r#"{"versione_modello":"1.0","id_cartella":"C-1","ente_titolare":{"id":{"root":"2.16.840.1.113883.2.9.2.30.3.2.4.3"}},"assistito":{}}"#;

fn con(sostituisci: &str, con: &str) -> String {
    assert!(MINIMA.contains(sostituisci));
    MINIMA.replacen(sostituisci, con, 1)
}

fn errore_json(text: &str) -> String {
    match json::from_str(text) {
        Err(CartellaError::Json { message, .. }) => message,
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn minimal_document_round_trips() {
    let c = json::from_str(MINIMA).unwrap();
    assert_eq!(json::to_string(&c), MINIMA);
}

#[test]
fn null_is_rejected() {
    errore_json(&con(r#""assistito":{}"#, r#""assistito":{"nome":null}"#));
    errore_json(&con(
        r#""assistito":{}"#,
        r#""assistito":{},"processi":null"#,
    ));
    errore_json(&con(r#""assistito":{}"#, r#""assistito":{"genere":null}"#));
    errore_json(&con(
        r#""assistito":{}"#,
        r#""assistito":{},"estensioni":null"#,
    ));
}

#[test]
fn unknown_keys_are_rejected_except_in_estensioni() {
    let m = errore_json(&con(
        r#""assistito":{}"#,
        r#""assistito":{"soprannome":"X"}"#,
    ));
    assert!(m.contains("soprannome"), "{m}");
    errore_json(&con(
        r#""id_cartella":"C-1""#,
        r#""id_cartella":"C-1","extra":1"#,
    ));
    let fase = r#""processi":[{"id_processo":"P","fasi":[{"tipo_fase":"ACCESSO_E_ORIENTAMENTO","id_fase":"A","stato_fase":"APERTA","sconosciuto":true}]}]"#;
    errore_json(&con(
        r#""assistito":{}"#,
        &format!(r#""assistito":{{}},{fase}"#),
    ));

    let est = r#""assistito":{},"estensioni":{"vendor":{"x":[1,null,"y"]},"z":null}"#;
    let text = con(r#""assistito":{}"#, est);
    let c = json::from_str(&text).unwrap();
    let e = c.estensioni.as_ref().unwrap();
    assert_eq!(e["vendor"]["x"][1], serde_json::Value::Null);
    assert_eq!(json::to_string(&c), text);
}

#[test]
fn versione_modello_is_required_and_checked() {
    match json::from_str(&con(
        r#""versione_modello":"1.0""#,
        r#""versione_modello":"2.0""#,
    )) {
        Err(CartellaError::VersioneModello { found, expected }) => {
            assert_eq!(found, "2.0");
            assert_eq!(expected, "1.0");
        }
        other => panic!("{other:?}"),
    }
    let m = errore_json(&MINIMA.replacen(r#""versione_modello":"1.0","#, "", 1));
    assert!(m.contains("versione_modello"), "{m}");
    errore_json(&con(
        r#""versione_modello":"1.0""#,
        r#""versione_modello":1.0"#,
    ));
}

#[test]
fn malformed_values_are_api_errors() {
    for (a, b) in [
        (
            r#""assistito":{}"#,
            r#""assistito":{"data_nascita":"1980-02-30"}"#,
        ),
        (
            r#""assistito":{}"#,
            r#""assistito":{"data_nascita":"01/01/1980"}"#,
        ),
        (
            r#""assistito":{}"#,
            r#""assistito":{"data_nascita":"1980-1-01"}"#,
        ),
        (r#""assistito":{}"#, r#""assistito":{"genere":"m"}"#),
        (r#""assistito":{}"#, r#""assistito":{"deceduto":"true"}"#),
        (r#""id_cartella":"C-1""#, r#""id_cartella":7"#),
        (r#""id_cartella":"C-1","#, ""),
    ] {
        errore_json(&con(a, b));
    }
    let fase = |campo: &str| {
        con(
            r#""assistito":{}"#,
            &format!(
                r#""assistito":{{}},"processi":[{{"id_processo":"P","fasi":[{{"tipo_fase":"ACCESSO_E_ORIENTAMENTO","id_fase":"A","stato_fase":"APERTA",{campo}}}]}}]"#
            ),
        )
    };
    for bad in [
        r#""data_inizio":"2024-01-10 10:00""#,
        r#""data_inizio":"2024-13""#,
        r#""data_inizio":"2024-01-10T25""#,
        r#""valore_isee":{"amount":"7.350,00","currency":"EUR"}"#,
        r#""valore_isee":{"amount":"1e3","currency":"EUR"}"#,
        r#""valore_isee":{"amount":7350,"currency":"EUR"}"#,
        r#""valore_isee":{"amount":"1.12345","currency":"EUR"}"#,
        r#""esito_processo":"BOH""#,
    ] {
        errore_json(&fase(bad));
    }
    // Good values for contrast, including a non-canonical decimal kept as written.
    let ok = json::from_str(&fase(
        r#""data_inizio":"2024-01-10T10:00+01:00","valore_isee":{"amount":"007.50","currency":"USD"}"#,
    ))
    .unwrap();
    let a = ok.processi[0].accessi().next().unwrap();
    let v = a.valore_isee.as_ref().unwrap();
    assert_eq!(v.amount.as_str(), "007.50");
    assert!(!v.amount.is_canonical());
    assert_eq!(v.currency, "USD");
    // unknown phase kind
    errore_json(&fase(r#""x":1"#).replace("ACCESSO_E_ORIENTAMENTO", "ACCESSO"));
}

#[test]
fn domain_strings_accept_any_string() {
    let text = con(
        r#""assistito":{}"#,
        r#""assistito":{"codice_fiscale":"not a cf","comune_nascita":{"code":" x ","system":"nope"},"residenza":{"comune_istat":"MILANO","nazione_iso2":"italy"}}"#,
    );
    let c = json::from_str(&text).unwrap();
    assert_eq!(
        c.assistito.codice_fiscale.as_ref().unwrap().as_str(),
        "not a cf"
    );
    assert!(!c
        .assistito
        .residenza
        .as_ref()
        .unwrap()
        .comune_istat
        .as_ref()
        .unwrap()
        .is_well_formed());
    assert_eq!(json::to_string(&c), text);
}

#[test]
fn testo_is_trimmed_and_empty_is_absent() {
    let c = json::from_str(&con(
        r#""assistito":{}"#,
        r#""assistito":{"nome":"  MARIO ","cognome":"   "}"#,
    ))
    .unwrap();
    assert_eq!(c.assistito.nome.as_ref().unwrap().as_str(), "MARIO");
    assert_eq!(c.assistito.cognome, None);
    assert_eq!(
        json::to_string(&c),
        con(r#""assistito":{}"#, r#""assistito":{"nome":"MARIO"}"#)
    );
}

#[test]
fn errors_never_contain_a_full_codice_fiscale() {
    let text = con(
        r#""assistito":{}"#,
        r#""assistito":{"genere":"RSSMRA80A01F205X"}"#,
    );
    let err = json::from_str(&text).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("RSSMRA80A01F205X"), "{shown}");
    assert!(shown.contains("RSSMRA*********X"), "{shown}");
    let text = con(
        r#""assistito":{}"#,
        r#""assistito":{"data_nascita":"RSSMRA80A01F205X"}"#,
    );
    let shown = format!("{}", json::from_str(&text).unwrap_err());
    assert!(!shown.contains("RSSMRA80A01F205X"), "{shown}");
}

#[test]
fn key_order_follows_the_tables() {
    // Keys deliberately out of order on input.
    let input = r#"{
      "processi": [ { "fasi": [ {
          "valore_isee": { "currency": "EUR", "amount": "7350.00" },
          "esito_processo": "AVVIO_VALUTAZIONE", "data_fine": "2024-01-10",
          "data_inizio": "2024-01-10", "stato_fase": "CHIUSA", "id_fase": "A-1",
          "tipologia_richiesta": { "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3", "code": "2" },
          "tipo_fase": "ACCESSO_E_ORIENTAMENTO" } ],
        "id_processo": "P-1" } ],
      "assistito": { "genere": "F", "nome": "ANNA", "codice_fiscale": "BNCLRA75M41F205A" },
      "ente_titolare": { "denominazione": "Comune di Milano", "id": { "extension": "015146", "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3" } },
      "id_cartella": "C-9",
      "versione_modello": "1.0"
    }"#;
    let c = json::from_str(input).unwrap();
    let expected = concat!(
        r#"{"versione_modello":"1.0","id_cartella":"C-9","#,
        r#""ente_titolare":{"id":{"root":"2.16.840.1.113883.2.9.2.30.3.2.4.3","extension":"015146"},"denominazione":"Comune di Milano"},"#,
        r#""assistito":{"codice_fiscale":"BNCLRA75M41F205A","nome":"ANNA","genere":"F"},"#,
        r#""processi":[{"id_processo":"P-1","fasi":[{"tipo_fase":"ACCESSO_E_ORIENTAMENTO","id_fase":"A-1","#,
        r#""stato_fase":"CHIUSA","data_inizio":"2024-01-10","data_fine":"2024-01-10","esito_processo":"AVVIO_VALUTAZIONE","#,
        r#""tipologia_richiesta":{"code":"2","system":"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3"},"#,
        r#""valore_isee":{"amount":"7350.00","currency":"EUR"}}]}]}"#
    );
    assert_eq!(json::to_string(&c), expected);
    let pretty = json::to_string_pretty(&c);
    assert!(pretty.starts_with("{\n  \"versione_modello\": \"1.0\",\n  \"id_cartella\""));
}

/// The example of `model.md` §9 (its elided parts filled in minimally).
const ESEMPIO_MODEL_9: &str = r#"{
  "versione_modello": "1.0",
  "id_cartella": "C-000123",
  "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" },
                     "denominazione": "Comune di Milano", "codice_belfiore": "F205" },
  "assistito": {
    "codice_fiscale": "RSSMRA80A01F205X", "nome": "MARIO", "cognome": "ROSSI", "genere": "M",
    "data_nascita": "1980-01-01",
    "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" },
    "cittadinanza": { "code": "380", "system": "2.16.840.1.113883.2.9.6.2.5" },
    "residenza": { "comune_istat": "015146", "regione_istat": "03", "nazione_iso2": "IT" }
  },
  "processi": [ {
    "id_processo": "P-1",
    "fasi": [
      { "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "CHIUSA",
        "data_inizio": "2024-01-10", "data_fine": "2024-01-10", "esito_processo": "AVVIO_VALUTAZIONE",
        "tipologia_richiesta": { "code": "2", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3" },
        "valore_isee": { "amount": "7350.00", "currency": "EUR" } },
      { "tipo_fase": "VALUTAZIONE_DEL_BISOGNO", "id_fase": "B-1", "stato_fase": "APERTA",
        "data_inizio": "2024-01-15",
        "responsabile_valutazione": { "codice_fiscale": "BNCLRA75M41F205A",
          "profilo_professionale": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.2.1" } } }
    ]
  } ]
}"#;

#[test]
fn example_of_model_md_9_parses() {
    let c = json::from_str(ESEMPIO_MODEL_9).unwrap();
    assert_eq!(c.assistito.genere, Some(Genere::M));
    assert_eq!(
        c.assistito.codice_fiscale.as_ref().unwrap().as_str(),
        "RSSMRA80A01F205X"
    );
    let p = &c.processi[0];
    assert_eq!(p.fasi.len(), 2);
    assert_eq!(p.fasi[0].tipo(), TipoFase::Accesso);
    assert_eq!(
        p.fasi[0].header().esito_processo,
        Some(EsitoProcesso::AvvioValutazione)
    );
    assert_eq!(p.fasi[1].id(), "B-1");
    assert!(p.fasi[1].is_open());
    let b = p.valutazioni().next().unwrap();
    assert_eq!(
        b.responsabile_valutazione
            .as_ref()
            .unwrap()
            .codice_fiscale
            .as_ref()
            .unwrap()
            .as_str(),
        "BNCLRA75M41F205A"
    );
    let a = p.accessi().next().unwrap();
    assert_eq!(a.valore_isee.as_ref().unwrap().amount.as_str(), "7350.00");
    assert!(
        a.intestazione
            .data_inizio
            .as_ref()
            .unwrap()
            .cmp_common(b.intestazione.data_inizio.as_ref().unwrap())
            == Some(std::cmp::Ordering::Less)
    );
    // Canonical re-write is stable.
    let j = json::to_string(&c);
    assert_eq!(json::to_string(&json::from_str(&j).unwrap()), j);
    // Debug never shows a full codice fiscale.
    assert!(!format!("{c:?}").contains("RSSMRA80A01F205X"));
}

#[test]
fn building_values_with_default() {
    let c = Cartella {
        id_cartella: "C-1".into(),
        processi: vec![ProcessoAiuto {
            id_processo: "P-1".into(),
            fasi: vec![Fase::ErogazioneServizio(FaseErogazioneServizio {
                intestazione: IntestazioneFase {
                    id_fase: "D-1".into(),
                    stato_fase: StatoFase::Aperta,
                    ..Default::default()
                },
                stato_intervento: Some(StatoIntervento::A),
                ..Default::default()
            })],
            ..Default::default()
        }],
        ..Default::default()
    };
    let j = json::to_string(&c);
    assert!(j.contains(r#"{"tipo_fase":"EROGAZIONE_DEL_SERVIZIO","id_fase":"D-1","stato_fase":"APERTA","stato_intervento":"A"}"#), "{j}");
    assert_eq!(json::from_str(&j).unwrap(), c);
}

#[test]
fn reader_and_slice_apis() {
    let c = json::from_slice(MINIMA.as_bytes()).unwrap();
    assert_eq!(json::from_reader(MINIMA.as_bytes()).unwrap(), c);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(MINIMA.as_bytes());
    assert!(json::from_slice(&bom).is_err());
    match json::from_str("{\n  \"versione_modello\": \"1.0\",\n  \"x\"") {
        Err(CartellaError::Json { line, column, .. }) => assert!(line == 3 && column > 0),
        other => panic!("{other:?}"),
    }
}
