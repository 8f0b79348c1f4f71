//! Messages and acknowledgements written by the library are valid against the official XSDs
//! (`$CARTELLA_REFERENCE_DIR/interscambio`, default `../shared/reference` beside the checkout),
//! checked with `xmllint --schema`.
//!
//! When `xmllint` or the reference folder is missing the tests say so loudly on stderr; under CI
//! (`CI` set) that is a failure, never a silent pass.
//!
//! Proptest-generated cartelle are made representable first (see [`rappresentabile`]): the
//! strategies draw code systems from free strings, while HL7 `@codeSystem` must be a `uid`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use cartella::interscambio::opzioni::*;
use cartella::interscambio::{
    messaggio_per_processo, risposta_da_report, scrivi, scrivi_con_esiti, scrivi_risposta, Busta,
    OpzioniRisposta,
};
use cartella::model::*;
use cartella::rules::{Issue, Report};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// The interscambio reference folder, when it and `xmllint` are available.
fn ambiente() -> Option<PathBuf> {
    common::riferimento(
        "interscambio",
        &["PRSS_IN001004ZZ_mod.xsd"],
        "The XSD validation of the interscambio writer",
    )
}

/// Validates documents against a schema in one `xmllint` run; panics with the errors.
fn valida(dir: &Path, schema: &str, docs: &[(String, String)]) {
    let tmp = std::env::temp_dir().join(format!(
        "cartella-xsd-{}-{}",
        std::process::id(),
        schema.replace('.', "_")
    ));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let mut files = Vec::new();
    for (i, (nome, xml)) in docs.iter().enumerate() {
        let f = tmp.join(format!("{i:04}-{nome}.xml"));
        std::fs::write(&f, xml).expect("write temp");
        files.push(f);
    }
    for chunk in files.chunks(200) {
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(dir.join(schema))
            .args(chunk)
            .output()
            .expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "XSD validation failed ({schema}):\n{}",
            stderr
                .lines()
                .filter(|l| !l.ends_with(" validates"))
                .take(40)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

const PRSS: &str = "PRSS_IN001004ZZ_mod.xsd";
const MCCI: &str = "MCCI_IN000002UV01_mod.xsd";

fn ident(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

fn busta() -> Busta {
    Busta {
        id_messaggio: ident("MSG-2024-000017"),
        data_creazione: Istante::parse("2024-02-01T10:30:00").expect("istante"),
        mittente: ident("015146"),
        destinatari: vec![ident("AMBITO-DEST")],
    }
}

fn messaggi_campione() -> Vec<(String, MessaggioInterscambio)> {
    let mut out = Vec::new();
    for s in cartella::samples::all().iter().filter(|s| s.expect_valid) {
        let c = cartella::json::from_str(s.json).expect("sample parses");
        for p in &c.processi {
            let m = messaggio_per_processo(&c, &p.id_processo, busta()).expect("message");
            out.push((format!("{}-{}", s.name, p.id_processo), m));
        }
    }
    out
}

#[test]
fn samples_are_xsd_valid_with_every_valid_option_set() {
    let Some(dir) = ambiente() else { return };
    let opzioni = [
        OpzioniScrittura::default(),
        OpzioniScrittura {
            date_format: FormaData::DdMmYyyy,
            esito_placement: PosizioneEsito::EncounterEvent,
            patient_cf_root: "2.16.840.1.113883.2.9.4.1.2".into(),
            gender_codes: CodiciGenere::Numerici,
            envelope_codes: CodiciBusta::Regionali,
            interaction_id_root: false,
            telecom_form: FormaTelecom::Posizionale,
            relation_addr_use: "comune residenza".into(),
            profilo_erogante_oid: "2.16.840.1.113883.2.9.2.30.3.2.3.1.4.18".into(),
            cycles: Cicli::Singolo,
            suspension_form: FormaSospensioni::Ultima,
            indent: false,
            ..OpzioniScrittura::default()
        },
    ];
    let mut docs = Vec::new();
    for (nome, m) in messaggi_campione() {
        for (k, o) in opzioni.iter().enumerate() {
            docs.push((format!("{nome}-{k}"), scrivi(&m, o).expect("written")));
        }
    }
    assert!(docs.len() >= 6, "samples found: {}", docs.len());
    valida(&dir, PRSS, &docs);
}

/// A hand-written cartella filling every field the interchange carries, in every phase.
pub fn cartella_completa() -> Cartella {
    let text = include_str!("fixtures/interscambio/completa.json");
    cartella::json::from_str(text).expect("fixture parses")
}

#[test]
fn full_fixture_is_xsd_valid() {
    let Some(dir) = ambiente() else { return };
    let c = cartella_completa();
    let m = messaggio_per_processo(&c, "P-1", busta()).expect("message");
    let mut docs = vec![(
        "completa".to_string(),
        scrivi(&m, &Default::default()).expect("xml"),
    )];
    // Corner cases of §6.3: no dates at all, only data_fine, B with data_valutazione only.
    let mut m2 = m.clone();
    for f in &mut m2.cartella.processi[0].fasi {
        let h = f.header_mut();
        h.data_inizio = None;
    }
    docs.push((
        "senza-inizio".into(),
        scrivi(&m2, &Default::default()).expect("xml"),
    ));
    for f in &mut m2.cartella.processi[0].fasi {
        f.header_mut().data_fine = None;
    }
    docs.push((
        "senza-date".into(),
        scrivi(&m2, &Default::default()).expect("xml"),
    ));
    // Persons without codice fiscale (nullFlavor NI).
    let mut m3 = m.clone();
    m3.cartella.assistito.codice_fiscale = None;
    if let Some(mmg) = m3.cartella.assistito.mmg_pdf.as_mut() {
        mmg.codice_fiscale = None;
    }
    for a in &mut m3.cartella.assistito.assistenti_personali {
        a.codice_fiscale = None;
        a.tipologia = None;
    }
    for f in &mut m3.cartella.processi[0].fasi {
        if let Some(b) = f.as_valutazione_bisogno_mut() {
            if let Some(o) = b.responsabile_valutazione.as_mut() {
                o.codice_fiscale = None;
                o.profilo_professionale = None;
            }
        }
    }
    docs.push((
        "senza-cf".into(),
        scrivi(&m3, &Default::default()).expect("xml"),
    ));
    valida(&dir, PRSS, &docs);
}

/// Makes a generated code representable in HL7: a code system that is not an HL7 `uid` (OID,
/// UUID or `[A-Za-z][A-Za-z0-9-]*`) is replaced by a fixed OID. With the contact filter of
/// [`sanifica`] this is the only change made to generated data; the writer itself writes every
/// value as it is.
fn rappresentabile(c: &mut Codice) {
    if !is_uid(&c.system) {
        c.system = "2.16.840.1.113883.2.9.2.30.3.2.3.1.99".to_string();
    }
}

fn is_uid(s: &str) -> bool {
    let oid = Oid::new(s).is_well_formed();
    let ruid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    oid || ruid
}

fn sanifica(m: &mut MessaggioInterscambio) {
    // Walk every Codice through serde: simplest exhaustive traversal of the model.
    let mut v = serde_json::to_value(&*m).expect("to json");
    fn visita(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                if o.contains_key("code") && o.contains_key("system") {
                    if let Ok(mut c) =
                        serde_json::from_value::<Codice>(serde_json::Value::Object(o.clone()))
                    {
                        rappresentabile(&mut c);
                        if let Ok(n) = serde_json::to_value(&c) {
                            *v = n;
                            return;
                        }
                    }
                }
                for (_, x) in o.iter_mut() {
                    visita(x);
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(visita),
            _ => {}
        }
    }
    visita(&mut v);
    if let Ok(n) = serde_json::from_value(v) {
        *m = n;
    }
    // Contacts outside their model syntax (phone `^\+?[0-9]{3,20}$`, e-mail with one `@`) may
    // look like a URL with an invalid scheme once written bare (`telecom_form = positional`).
    if let Some(c) = m.cartella.assistito.contatti.as_mut() {
        let ok = |s: &String| !s.contains(':');
        c.telefono = c.telefono.take().filter(ok);
        c.cellulare = c.cellulare.take().filter(ok);
        c.email = c.email.take().filter(ok);
    }
}

#[test]
fn generated_messages_are_xsd_valid() {
    let Some(dir) = ambiente() else { return };
    let mut runner = TestRunner::new(Config {
        cases: 64,
        ..Config::default()
    });
    let strategia = (
        cartella::testing::messaggio_interscambio(),
        cartella::testing::processo_aiuto(),
        proptest::collection::vec(cartella::testing::fase(), 1..6),
    );
    let mut docs = Vec::new();
    for i in 0..64 {
        let tree = strategia.new_tree(&mut runner).expect("value");
        let (mut m, mut p, fasi) = tree.current();
        p.fasi = fasi;
        m.cartella.processi = vec![p];
        sanifica(&mut m);
        let o = if i % 2 == 0 {
            OpzioniScrittura::default()
        } else {
            OpzioniScrittura {
                date_format: FormaData::DdMmYyyy,
                telecom_form: FormaTelecom::Posizionale,
                esito_placement: PosizioneEsito::EncounterEvent,
                ..OpzioniScrittura::default()
            }
        };
        docs.push((format!("gen{i}"), scrivi(&m, &o).expect("written")));
    }
    assert!(docs.len() >= 50);
    valida(&dir, PRSS, &docs);
}

#[test]
fn acknowledgements_are_xsd_valid() {
    let Some(dir) = ambiente() else { return };
    let (_, m) = messaggi_campione().into_iter().next().expect("one sample");
    let mut report = Report::new();
    let mut docs = Vec::new();
    let ack = |r: &Report| {
        risposta_da_report(
            &m,
            r,
            ident("ACK-1"),
            Istante::parse("2024-02-01T10:31:00").expect("istante"),
            ident("RICEVENTE"),
            &OpzioniRisposta::default(),
        )
    };
    docs.push((
        "aa".into(),
        scrivi_risposta(&ack(&report), true).expect("xml"),
    ));
    report.issues.push(
        Issue::new(
            "CF-003",
            "/cartella/assistito/codice_fiscale",
            [("cf", "RSSMRA80A01H501A".to_string())],
        )
        .expect("rule")
        .with_xml_path("/PRSS_IN001004ZZ/controlActProcess/subject[1]/encounterEvent[1]"),
    );
    docs.push((
        "ar".into(),
        scrivi_risposta(&ack(&report), false).expect("xml"),
    ));
    let mut runner = TestRunner::new(Config::default());
    for i in 0..20 {
        let mut r = cartella::testing::risposta_interscambio()
            .new_tree(&mut runner)
            .expect("value")
            .current();
        for d in &mut r.dettagli {
            if let Some(c) = d.codice.as_mut() {
                rappresentabile(c);
            }
        }
        docs.push((format!("gen{i}"), scrivi_risposta(&r, true).expect("xml")));
    }
    valida(&dir, MCCI, &docs);
}

#[test]
fn hl7_mo_is_reported_as_not_xsd_valid() {
    let (_, m) = messaggi_campione().into_iter().next().expect("one sample");
    let o = OpzioniScrittura {
        money_form: FormaImporto::Hl7Mo,
        ..Default::default()
    };
    let s = scrivi_con_esiti(&m, &o).expect("written");
    assert!(s.findings.iter().any(|i| i.rule_id == "CSI-CMP-026"));
}
