//! XML codecs of the INPS flows (`siuss.md` §1, §4, §6, §10): findings of the reader (each
//! `XML-*` path with a failing and a passing case), round trips (`read(write(f)) == f` by
//! proptest, `write(read(x))` semantically equal to `x` for the fixtures) and validation of the
//! written flows against the official XSDs with `xmllint`
//! (`$CARTELLA_REFERENCE_DIR/siuss`, default `../shared/reference` beside the checkout).
//!
//! When `xmllint` or the reference folder is missing the XSD tests say so loudly on stderr; under
//! CI (`CI` set) that is a failure, never a silent pass.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use cartella::siuss::xml::*;
use cartella::siuss::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use quick_xml::events::Event;

const NS: &str = "http://inps.it/Casellario";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn fixture(nome: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/siuss")
        .join(nome);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const FIXTURES: &[(&str, TipoFlusso)] = &[
    ("ps-completo.xml", TipoFlusso::PsPsaSina),
    ("ps-minimo.xml", TipoFlusso::PsPsaSina),
    ("ps-sina.xml", TipoFlusso::PsPsaSina),
    ("sinba-completo.xml", TipoFlusso::Sinba),
    ("sinba-minimo.xml", TipoFlusso::Sinba),
];

fn leggi_str(x: &str) -> FlussoLetto {
    leggi(x.as_bytes(), &OpzioniLetturaFlusso::default())
}

fn ids(l: &FlussoLetto) -> Vec<&str> {
    l.issues.iter().map(|i| i.rule_id.as_str()).collect()
}

/// The single finding of `rule_id`.
fn finding<'a>(l: &'a FlussoLetto, rule_id: &str) -> &'a cartella::rules::Issue {
    let v: Vec<_> = l.issues.iter().filter(|i| i.rule_id == rule_id).collect();
    assert_eq!(v.len(), 1, "expected one {rule_id}, got {:#?}", l.issues);
    v[0]
}

/// A PS flow around `beneficiari` (raw XML of the items).
fn ps(beneficiari: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Flusso xmlns="{NS}">
<IdentificazioneFlusso Nome="F205.PS.20240305.0000001"><Ente Codice="F205" Indirizzo="F205" CFOperatore="RSSMRA80A01F205X"/></IdentificazioneFlusso>
{beneficiari}
</Flusso>
"#
    )
}

const BEN: &str = r#"<Beneficiario CodiceFiscale="RSSMRA80A01F205X"><Anagrafica Cognome="Rossi"/><Indirizzo CodiceNazione="380"/><PrestazioniSociali PresenzaProvaMezzi="1"/></Beneficiario>"#;

/// A SINBA flow around `items`.
fn sinba(items: &str) -> String {
    format!(
        r#"<Flusso xmlns="{NS}"><IdentificazioneFlusso Nome="F205.SINBA.20240305.0000001"><Ente Codice="F205"/></IdentificazioneFlusso>{items}</Flusso>"#
    )
}

const SINBA: &str = r#"<SINBA IDBeneficiario="1"><Prestazioni><CodicePrestazione>A1.01</CodicePrestazione></Prestazioni><Famiglia><ComposizioneFamiglia>1</ComposizioneFamiglia></Famiglia></SINBA>"#;

fn ps_letto(l: &FlussoLetto) -> &FlussoPsPsaSina {
    match l.flusso.as_ref() {
        Some(Flusso::PsPsaSina(f)) => f,
        altro => panic!("expected a PS flow, got {altro:?} ({:#?})", l.issues),
    }
}

fn sinba_letto(l: &FlussoLetto) -> &FlussoSinba {
    match l.flusso.as_ref() {
        Some(Flusso::Sinba(f)) => f,
        altro => panic!("expected a SINBA flow, got {altro:?} ({:#?})", l.issues),
    }
}

/// Canonical form of a document: elements with namespace, sorted attributes and non-blank text,
/// in document order (comments, declaration, whitespace and attribute order ignored).
fn canonico(xml: &[u8]) -> Vec<String> {
    let mut r = quick_xml::NsReader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut profondita = 0usize;
    loop {
        buf.clear();
        let (ns, ev) = r.read_resolved_event_into(&mut buf).expect("well-formed");
        let ns = format!("{ns:?}");
        match ev {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let mut attr: Vec<String> = s
                    .attributes()
                    .map(|a| a.expect("attribute"))
                    .filter(|a| !AsRef::<str>::as_ref(&a.key).starts_with("xmlns"))
                    .map(|a| {
                        format!(
                            "{}={:?}",
                            AsRef::<str>::as_ref(&a.key),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                        )
                    })
                    .collect();
                attr.sort();
                let nome = s.local_name();
                out.push(format!(
                    "{profondita} {ns} {} {}",
                    AsRef::<str>::as_ref(&nome),
                    attr.join(" ")
                ));
                if matches!(ev, Event::Start(_)) {
                    profondita += 1;
                }
            }
            Event::End(_) => profondita -= 1,
            Event::Text(t) if !t.trim().is_empty() => out.push(format!("text {:?}", &*t)),
            Event::GeneralRef(g) => out.push(format!("ref {:?}", &*g)),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// xmllint
// ---------------------------------------------------------------------------------------------

/// The siuss reference folder, when it and `xmllint` are available.
fn ambiente() -> Option<PathBuf> {
    common::riferimento(
        "siuss",
        &["PS_PSA_SINA201812.xsd", "SINBA.xsd"],
        "The XSD validation of the INPS flow writer",
    )
}

fn schema(tipo: TipoFlusso) -> &'static str {
    match tipo {
        TipoFlusso::PsPsaSina => "PS_PSA_SINA201812.xsd",
        TipoFlusso::Sinba => "SINBA.xsd",
    }
}

/// Validates documents against a schema in one `xmllint` run; panics with the errors.
fn valida(dir: &Path, tipo: TipoFlusso, docs: &[(String, String)]) {
    let tmp = std::env::temp_dir().join(format!(
        "cartella-siuss-xsd-{}-{}",
        std::process::id(),
        tipo.as_str()
    ));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let mut files = Vec::new();
    for (i, (nome, xml)) in docs.iter().enumerate() {
        let f = tmp.join(format!("{i:04}-{nome}.xml"));
        std::fs::write(&f, xml).expect("write temp");
        files.push(f);
    }
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(dir.join(schema(tipo)))
        .args(&files)
        .output()
        .expect("xmllint runs");
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(
        out.status.success(),
        "xmllint {}:\n{}",
        schema(tipo),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Fixtures and round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn fixtures_are_read_without_findings_and_rewritten_equal() {
    for (nome, tipo) in FIXTURES {
        let x = fixture(nome);
        assert_eq!(rileva_tipo(&x), Some(*tipo), "{nome}");
        let l = leggi(&x, &OpzioniLetturaFlusso::default());
        assert!(l.issues.is_empty(), "{nome}: {:#?}", l.issues);
        let f = l.flusso.expect("flow");
        assert_eq!(f.tipo(), *tipo);
        let scritto = scrivi(&f);
        assert_eq!(canonico(&x), canonico(scritto.as_bytes()), "{nome}");
        // And reading the written flow gives the same model.
        let di_nuovo = leggi_str(&scritto);
        assert!(di_nuovo.issues.is_empty());
        assert_eq!(di_nuovo.flusso.as_ref(), Some(&f));
    }
}

#[test]
fn fixture_values_are_kept_lexically() {
    let l = leggi(
        &fixture("ps-completo.xml"),
        &OpzioniLetturaFlusso::default(),
    );
    let f = ps_letto(&l);
    assert_eq!(
        f.identificazione_flusso.ente.denominazione.as_deref(),
        Some("Comune di Milano & \"Servizi\" <sociali>")
    );
    assert_eq!(f.beneficiari.len(), 2);
    let b = &f.beneficiari[0];
    assert_eq!(b.indirizzi.len(), 2);
    assert_eq!(b.prestazioni_sociali.len(), 2);
    let p = &b.prestazioni_sociali[0];
    assert_eq!(p.ore_servizio_mensile.as_deref(), Some("12.30"));
    let sina = p.sina.as_ref().expect("sina");
    assert_eq!(
        sina.necessita_interventi_sociali
            .as_ref()
            .unwrap()
            .codici_prestazione,
        vec!["A1.01", "B2.03.01"]
    );
    assert_eq!(
        sina.invalidita_civile.as_ref().unwrap().inv_civ,
        vec!["1", "8"]
    );
    // Trailing spaces of an 11-digit codice fiscale are kept.
    assert_eq!(
        f.beneficiari[1].codice_fiscale.as_deref(),
        Some("12345678901  ")
    );
    let l = leggi(
        &fixture("sinba-completo.xml"),
        &OpzioniLetturaFlusso::default(),
    );
    let s = &sinba_letto(&l).sinba[0];
    for (xsd, _) in Sinba::ATTRIBUTI {
        assert!(s.attributo(xsd).is_some(), "{xsd} missing");
    }
    assert_eq!(s.famiglia.composizione_famiglia, vec!["1", "6"]);
}

#[test]
fn written_fixtures_are_valid_against_the_xsd() {
    let Some(dir) = ambiente() else { return };
    for tipo in [TipoFlusso::PsPsaSina, TipoFlusso::Sinba] {
        let docs: Vec<(String, String)> = FIXTURES
            .iter()
            .filter(|(_, t)| *t == tipo)
            .map(|(nome, _)| {
                let l = leggi(&fixture(nome), &OpzioniLetturaFlusso::default());
                (nome.replace(".xml", ""), scrivi(&l.flusso.expect("flow")))
            })
            .collect();
        valida(&dir, tipo, &docs);
    }
}

/// A handful of generated flows of each type, written and validated with xmllint.
#[test]
fn generated_flows_are_valid_against_the_xsd() {
    let Some(dir) = ambiente() else { return };
    let mut runner = TestRunner::new(Config::default());
    let mut ps = Vec::new();
    let mut sb = Vec::new();
    for i in 0..40 {
        let f = cartella::testing::flusso_ps()
            .new_tree(&mut runner)
            .expect("tree")
            .current();
        ps.push((format!("ps{i}"), scrivi(&Flusso::PsPsaSina(f))));
        let f = cartella::testing::flusso_sinba()
            .new_tree(&mut runner)
            .expect("tree")
            .current();
        sb.push((format!("sinba{i}"), scrivi(&Flusso::Sinba(f))));
    }
    valida(&dir, TipoFlusso::PsPsaSina, &ps);
    valida(&dir, TipoFlusso::Sinba, &sb);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn read_write_round_trip_ps(f in cartella::testing::flusso_ps()) {
        let f = Flusso::PsPsaSina(f);
        let x = scrivi(&f);
        let l = leggi_str(&x);
        prop_assert!(l.issues.is_empty(), "{:#?}", l.issues);
        prop_assert_eq!(l.flusso.as_ref(), Some(&f));
        // The streaming writer writes the same bytes.
        let mut v = Vec::new();
        scrivi_to(&mut v, &f).unwrap();
        prop_assert_eq!(String::from_utf8(v).unwrap(), x);
    }

    #[test]
    fn read_write_round_trip_sinba(f in cartella::testing::flusso_sinba()) {
        let f = Flusso::Sinba(f);
        let x = scrivi(&f);
        let l = leggi_str(&x);
        prop_assert!(l.issues.is_empty(), "{:#?}", l.issues);
        prop_assert_eq!(l.flusso.as_ref(), Some(&f));
        prop_assert_eq!(rileva_tipo(x.as_bytes()), Some(TipoFlusso::Sinba));
    }
}

#[test]
fn escaping_round_trips_any_text() {
    let valore = "a&b<c>\"d'\te\nf\r\ng  h";
    let mut f = FlussoSinba::default();
    f.identificazione_flusso.nome = Some(valore.to_string());
    f.sinba.push(Sinba {
        id_beneficiario: Some(String::new()),
        prestazioni: PrestazioniSinba {
            codici_prestazione: vec![valore.to_string(), " x ".to_string()],
        },
        ..Default::default()
    });
    let f = Flusso::Sinba(f);
    let x = scrivi(&f);
    assert!(x.contains("Nome=\"a&amp;b&lt;c&gt;&quot;d'&#9;e&#10;f&#13;&#10;g  h\""));
    let l = leggi_str(&x);
    assert_eq!(l.flusso, Some(f));
}

#[test]
fn layout_is_one_element_per_line() {
    let l = leggi(&fixture("ps-sina.xml"), &OpzioniLetturaFlusso::default());
    let x = scrivi(&l.flusso.unwrap());
    assert!(x.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Flusso xmlns=\"http://inps.it/Casellario\">\n"
    ));
    assert!(!x.contains("schemaLocation"));
    for riga in x.lines().skip(1) {
        assert!(riga.starts_with('<') && riga.ends_with('>'), "{riga}");
        assert_eq!(
            riga.matches('<').count(),
            if riga.contains("</") && !riga.starts_with("</") {
                2
            } else {
                1
            },
            "{riga}"
        );
    }
    // Attributes in XSD order.
    let p = x
        .lines()
        .find(|r| r.starts_with("<PrestazioniSociali"))
        .unwrap();
    let ordine: Vec<&str> = PrestazioniSociali::ATTRIBUTI
        .iter()
        .map(|(a, _)| *a)
        .filter(|a| p.contains(&format!(" {a}=")))
        .collect();
    let mut posizioni: Vec<usize> = ordine
        .iter()
        .map(|a| p.find(&format!(" {a}=")).unwrap())
        .collect();
    let ordinate = {
        let mut v = posizioni.clone();
        v.sort();
        v
    };
    assert_eq!(posizioni, ordinate);
    posizioni.dedup();
    // A SINA without containers is an empty element; with only InvaliditaCivile, only that one.
    assert!(x.contains("<SINA Mobilita=\"1\" AttivitaVitaQuotidiana=\"1\" DisturbiComportamentali=\"1\" AreaReddituale=\"1\" AreaSupporto=\"1\" FonteDerivazioneValutazione=\"4\" StrumentoValutazione=\"2\"/>"));
    assert!(!x.contains("NecessitaInterventiSociali"));
}

#[test]
fn empty_optional_containers_are_not_written() {
    let mut f = FlussoPsPsaSina::default();
    f.beneficiari.push(Beneficiario {
        prestazioni_sociali: vec![PrestazioniSociali {
            sina: Some(Sina {
                necessita_interventi_sociali: Some(NecessitaInterventiSociali::default()),
                invalidita_civile: Some(InvaliditaCivile::default()),
                ..Default::default()
            }),
            ..Default::default()
        }],
        ..Default::default()
    });
    let x = scrivi(&Flusso::PsPsaSina(f));
    assert!(x.contains("<SINA/>"));
    assert!(!x.contains("Necessita") && !x.contains("InvaliditaCivile"));
}

#[test]
fn streaming_writer_and_reader_agree_with_the_whole_flow_functions() {
    let l = leggi(
        &fixture("ps-completo.xml"),
        &OpzioniLetturaFlusso::default(),
    );
    let Some(Flusso::PsPsaSina(f)) = l.flusso else {
        panic!()
    };
    let mut s =
        ScrittoreFlusso::nuovo(Vec::new(), TipoFlusso::PsPsaSina, &f.identificazione_flusso)
            .unwrap();
    for b in &f.beneficiari {
        s.beneficiario(b).unwrap();
    }
    assert!(matches!(
        s.sinba(&Sinba::default()),
        Err(cartella::CartellaError::Argomento { .. })
    ));
    assert_eq!(s.elementi(), 2);
    let v = s.fine().unwrap();
    let scritto = String::from_utf8(v).unwrap();
    assert_eq!(scritto, scrivi(&Flusso::PsPsaSina(f.clone())));
    let eventi: Vec<EventoFlusso> =
        LettoreFlusso::nuovo(scritto.as_bytes(), &OpzioniLetturaFlusso::default())
            .map(Result::unwrap)
            .collect();
    assert_eq!(eventi.len(), 3);
    assert!(
        matches!(&eventi[0], EventoFlusso::Intestazione { tipo: TipoFlusso::PsPsaSina, identificazione } if *identificazione == f.identificazione_flusso)
    );
    assert!(matches!(&eventi[2], EventoFlusso::Beneficiario(b) if **b == f.beneficiari[1]));
}

#[test]
fn rileva_tipo_cases() {
    assert_eq!(rileva_tipo(ps(BEN).as_bytes()), Some(TipoFlusso::PsPsaSina));
    assert_eq!(
        rileva_tipo(sinba(SINBA).as_bytes()),
        Some(TipoFlusso::Sinba)
    );
    // Unknown elements before the first item are skipped.
    assert_eq!(
        rileva_tipo(sinba(&format!("<X/>{SINBA}")).as_bytes()),
        Some(TipoFlusso::Sinba)
    );
    // Broken after the first item: still detected.
    assert_eq!(
        rileva_tipo(&ps(BEN).as_bytes()[..ps(BEN).len() - 12]),
        Some(TipoFlusso::PsPsaSina)
    );
    assert_eq!(rileva_tipo(ps("").as_bytes()), None);
    assert_eq!(rileva_tipo(b"<Flusso><Beneficiario/></Flusso>"), None);
    assert_eq!(
        rileva_tipo(b"<x:Flusso xmlns:x='urn:other'><x:SINBA/></x:Flusso>"),
        None
    );
    assert_eq!(
        rileva_tipo(
            b"<!DOCTYPE Flusso><Flusso xmlns='http://inps.it/Casellario'><SINBA/></Flusso>"
        ),
        None
    );
    assert_eq!(rileva_tipo(b"not xml"), None);
    assert_eq!(rileva_tipo(b""), None);
    // Prefixed INPS namespace.
    assert_eq!(
        rileva_tipo(b"<c:Flusso xmlns:c='http://inps.it/Casellario'><c:SINBA/></c:Flusso>"),
        Some(TipoFlusso::Sinba)
    );
}

// ---------------------------------------------------------------------------------------------
// Findings: a failing and a passing case for each XML-* path
// ---------------------------------------------------------------------------------------------

#[test]
fn rules_constant_lists_the_rules_raised() {
    for r in RULES {
        assert!(
            cartella::rules::regola(r).is_some(),
            "{r} not in the catalogue"
        );
    }
    let mut v = RULES.to_vec();
    v.sort();
    v.dedup();
    assert_eq!(v.len(), RULES.len());
    assert!(
        RULES.contains(&"XML-004") && !RULES.contains(&"XML-007") && !RULES.contains(&"XML-008")
    );
}

#[test]
fn xml_001_not_well_formed() {
    let l = leggi_str(&format!(
        "<Flusso xmlns=\"{NS}\">\n  <IdentificazioneFlusso>\n</Flusso>"
    ));
    assert!(l.flusso.is_none());
    let i = finding(&l, "XML-001");
    assert_eq!(i.params["riga"], "3");
    assert!(i.params.contains_key("dettaglio"));
    assert!(i.is_blocking());
    for x in [
        "".to_string(),
        format!("<Flusso xmlns=\"{NS}\">"),
        format!("{}<Flusso xmlns=\"{NS}\"/>", ps(BEN)),
        format!("{}trailing", ps(BEN)),
        "<Flusso xmlns:a='x' a:b='1' a:b='2'/>".to_string(),
        "<p:Flusso/>".to_string(),
    ] {
        let l = leggi_str(&x);
        assert_eq!(ids(&l), vec!["XML-001"], "{x}");
        assert!(l.flusso.is_none());
    }
    // Items already read before the error are not returned as a flow.
    let x = ps(BEN);
    let l = leggi_str(&x[..x.len() - 3]);
    assert!(l.has("XML-001") && l.flusso.is_none());
    // Passing.
    assert!(leggi_str(&ps(BEN)).issues.is_empty());
}

#[test]
fn xml_002_doctype_and_entities() {
    for x in [
        format!(
            "<!DOCTYPE Flusso SYSTEM \"file:///etc/passwd\">{}",
            sinba(SINBA)
        ),
        format!("<!DOCTYPE Flusso [<!ENTITY e 'x'>]>{}", sinba(SINBA)),
        sinba(&SINBA.replace("A1.01", "&ext;")),
        sinba(&SINBA.replace("IDBeneficiario=\"1\"", "IDBeneficiario=\"&ext;\"")),
    ] {
        let l = leggi_str(&x);
        assert_eq!(ids(&l), vec!["XML-002"], "{x}");
        assert!(l.flusso.is_none());
    }
    // Predefined entities and character references are fine.
    let l = leggi_str(&sinba(&SINBA.replace("A1.01", "A&amp;&#49;&#x32;")));
    assert!(l.issues.is_empty(), "{:?}", l.issues);
    assert_eq!(
        sinba_letto(&l).sinba[0].prestazioni.codici_prestazione,
        vec!["A&12"]
    );
}

#[test]
fn xml_003_limits() {
    let base = cartella::interscambio::xml::LimitiXml {
        dimensione_massima: 10_000,
        profondita_massima: 8,
        elementi_massimi: 100,
        attributo_massimo: 64,
    };
    let o = |f: &dyn Fn(&mut cartella::interscambio::xml::LimitiXml)| {
        let mut limiti = base;
        f(&mut limiti);
        OpzioniLetturaFlusso { limiti }
    };
    let x = sinba(SINBA);
    assert!(leggi(x.as_bytes(), &o(&|_| {})).issues.is_empty());
    let casi: Vec<(&str, OpzioniLetturaFlusso, String)> = vec![
        (
            "dimensione_massima",
            o(&|l| l.dimensione_massima = x.len() - 1),
            x.clone(),
        ),
        (
            "profondita_massima",
            o(&|l| l.profondita_massima = 3),
            x.clone(),
        ),
        (
            "elementi_massimi",
            o(&|l| l.elementi_massimi = 5),
            x.clone(),
        ),
        (
            "attributo_massimo",
            o(&|_| {}),
            sinba(&SINBA.replace("\"1\"", &format!("\"{}\"", "x".repeat(65)))),
        ),
        (
            "attributo_massimo",
            o(&|_| {}),
            sinba(&SINBA.replace("A1.01", &"x".repeat(65))),
        ),
    ];
    for (limite, o, x) in casi {
        let l = leggi(x.as_bytes(), &o);
        eprintln!("case {limite}");
        let i = finding(&l, "XML-003");
        assert_eq!(i.params["limite"], limite);
        assert!(l.flusso.is_none());
    }
    // Exactly at the limits: fine.
    let l = leggi(
        x.as_bytes(),
        &o(&|l| {
            l.dimensione_massima = x.len();
            l.profondita_massima = 4;
            l.elementi_massimi = 9;
        }),
    );
    assert!(l.issues.is_empty(), "{:?}", l.issues);
    // One huge tag is refused before it is buffered whole.
    let enorme = format!("<Flusso xmlns=\"{NS}\" a=\"{}\"/>", "x".repeat(1 << 20));
    assert_eq!(
        ids(&leggi(
            enorme.as_bytes(),
            &o(&|l| l.dimensione_massima = 1 << 22)
        )),
        vec!["XML-003"]
    );
}

#[test]
fn xml_004_root_and_namespace() {
    for (x, trovato) in [
        (
            "<Flussi xmlns='http://inps.it/Casellario'/>".to_string(),
            "{http://inps.it/Casellario}Flussi",
        ),
        ("<Flusso/>".to_string(), "Flusso"),
        (
            "<Flusso xmlns='urn:x'><SINBA/></Flusso>".to_string(),
            "{urn:x}Flusso",
        ),
    ] {
        let l = leggi_str(&x);
        let i = finding(&l, "XML-004");
        assert_eq!(i.params["trovato"], trovato);
        assert_eq!(i.params["atteso"], "{http://inps.it/Casellario}Flusso");
        assert!(l.flusso.is_none());
        assert_eq!(l.issues.len(), 1);
    }
    assert!(leggi_str(&sinba(SINBA)).flusso.is_some());
}

#[test]
fn xml_005_order() {
    // Indirizzo after PrestazioniSociali: reported, kept.
    let b = r#"<Beneficiario CodiceFiscale="X"><Anagrafica/><PrestazioniSociali/><Indirizzo CodiceNazione="380"/></Beneficiario>"#;
    let l = leggi_str(&ps(b));
    let i = finding(&l, "XML-005");
    assert_eq!(i.params["elemento"], "Indirizzo");
    assert_eq!(i.path, "/beneficiari/0/indirizzi/0");
    assert_eq!(
        i.xml_path.as_deref(),
        Some("/Flusso/Beneficiario[1]/Indirizzo[1]")
    );
    assert_eq!(ps_letto(&l).beneficiari[0].indirizzi.len(), 1);
    // SINBA: Famiglia before Prestazioni.
    let s = r#"<SINBA><Famiglia><ComposizioneFamiglia>1</ComposizioneFamiglia></Famiglia><Prestazioni><CodicePrestazione>A1.01</CodicePrestazione></Prestazioni></SINBA>"#;
    let l = leggi_str(&sinba(s));
    assert_eq!(finding(&l, "XML-005").path, "/sinba/0/prestazioni");
    assert_eq!(
        sinba_letto(&l).sinba[0].prestazioni.codici_prestazione,
        vec!["A1.01"]
    );
    // IdentificazioneFlusso after the items: reported (and missing when the header was given).
    let x = format!("<Flusso xmlns=\"{NS}\">{SINBA}<IdentificazioneFlusso Nome=\"n\"><Ente/></IdentificazioneFlusso></Flusso>");
    let l = leggi_str(&x);
    assert_eq!(ids(&l), vec!["XML-006", "XML-005"]);
    assert_eq!(sinba_letto(&l).sinba.len(), 1);
    // Passing: the right order.
    assert!(leggi_str(&ps(BEN)).issues.is_empty());
}

#[test]
fn xml_006_missing_elements() {
    let casi: Vec<(String, &str, &str, &str)> = vec![
        (ps(r#"<Beneficiario><Indirizzo/><PrestazioniSociali/></Beneficiario>"#), "Anagrafica", "Beneficiario", "/beneficiari/0/anagrafica"),
        (ps(r#"<Beneficiario><Anagrafica/><Indirizzo/></Beneficiario>"#), "PrestazioniSociali", "Beneficiario", "/beneficiari/0/prestazioni_sociali"),
        (format!("<Flusso xmlns=\"{NS}\"><IdentificazioneFlusso/>{BEN}</Flusso>"), "Ente", "IdentificazioneFlusso", "/identificazione_flusso/ente"),
        (format!("<Flusso xmlns=\"{NS}\">{BEN}</Flusso>"), "IdentificazioneFlusso", "Flusso", "/identificazione_flusso"),
        (ps(""), "Beneficiario", "Flusso", "/beneficiari"),
        (sinba(""), "SINBA", "Flusso", "/sinba"),
        (sinba("<SINBA><Prestazioni><CodicePrestazione>A1.01</CodicePrestazione></Prestazioni></SINBA>"), "Famiglia", "SINBA", "/sinba/0/famiglia"),
        (sinba("<SINBA><Famiglia/></SINBA>"), "Prestazioni", "SINBA", "/sinba/0/prestazioni"),
    ];
    for (x, elemento, contenitore, path) in casi {
        let l = leggi_str(&x);
        let i = finding(&l, "XML-006");
        assert_eq!(
            (
                i.params["elemento"].as_str(),
                i.params["contenitore"].as_str(),
                i.path.as_str()
            ),
            (elemento, contenitore, path),
            "{x}"
        );
        assert!(l.flusso.is_some(), "not blocking");
    }
    // A flow without items still has its type from the name.
    assert_eq!(
        leggi_str(&sinba("")).flusso.unwrap().tipo(),
        TipoFlusso::Sinba
    );
    // Missing Indirizzo and empty code lists are left to the flow rules.
    let l = leggi_str(&ps(
        r#"<Beneficiario><Anagrafica/><PrestazioniSociali><SINA><InvaliditaCivile/></SINA></PrestazioniSociali></Beneficiario>"#,
    ));
    assert!(l.issues.is_empty(), "{:?}", l.issues);
    let p = &ps_letto(&l).beneficiari[0].prestazioni_sociali[0];
    assert_eq!(
        p.sina.as_ref().unwrap().invalidita_civile,
        Some(InvaliditaCivile::default())
    );
    assert!(
        leggi_str(&sinba("<SINBA><Prestazioni/><Famiglia/></SINBA>"))
            .issues
            .is_empty()
    );
}

#[test]
fn xml_009_max_occurs() {
    let b = r#"<Beneficiario><Anagrafica Nome="a"/><Anagrafica Nome="b"/><Indirizzo/><PrestazioniSociali><SINA Mobilita="1"/><SINA Mobilita="2"/></PrestazioniSociali></Beneficiario>"#;
    let l = leggi_str(&ps(b));
    assert_eq!(ids(&l), vec!["XML-009", "XML-009"]);
    assert_eq!(l.issues[0].path, "/beneficiari/0/anagrafica");
    assert_eq!(l.issues[0].params["massimo"], "1");
    assert_eq!(
        l.issues[1].path,
        "/beneficiari/0/prestazioni_sociali/0/sina"
    );
    assert_eq!(
        l.issues[1].xml_path.as_deref(),
        Some("/Flusso/Beneficiario[1]/PrestazioniSociali[1]/SINA[2]")
    );
    let ben = &ps_letto(&l).beneficiari[0];
    assert_eq!(
        ben.anagrafica.nome.as_deref(),
        Some("a"),
        "the first one wins"
    );
    assert_eq!(
        ben.prestazioni_sociali[0]
            .sina
            .as_ref()
            .unwrap()
            .mobilita
            .as_deref(),
        Some("1")
    );
    // Six Indirizzo: no XML-009 (SIUSS-PS-019 of the flow rules), all kept.
    let b = format!(
        "<Beneficiario><Anagrafica/>{}<PrestazioniSociali/></Beneficiario>",
        "<Indirizzo/>".repeat(6)
    );
    let l = leggi_str(&ps(&b));
    assert!(l.issues.is_empty());
    assert_eq!(ps_letto(&l).beneficiari[0].indirizzi.len(), 6);
    let l = leggi_str(&sinba(
        "<SINBA><Prestazioni/><Prestazioni/><Famiglia/><Famiglia/></SINBA>",
    ));
    assert_eq!(ids(&l), vec!["XML-009", "XML-009"]);
}

#[test]
fn xml_010_unknown_elements_and_attributes_are_ignored() {
    let b = r#"<Beneficiario CodiceFiscale="X" Extra="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="y"><Anagrafica/><Indirizzo/><Nota><Anagrafica/></Nota><Nota/><PrestazioniSociali/>testo</Beneficiario><SINBA/>"#;
    let l = leggi_str(&ps(b));
    let nomi: Vec<&str> = l
        .issues
        .iter()
        .map(|i| {
            assert_eq!(i.rule_id, "XML-010");
            i.params["nome"].as_str()
        })
        .collect();
    assert_eq!(
        nomi,
        vec![
            "Beneficiario/@Extra",
            "Beneficiario/@xsi:type",
            "Nota",
            "#text",
            "SINBA"
        ]
    );
    assert!(l.issues.iter().all(|i| !i.is_blocking()));
    assert_eq!(l.issues[2].path, "/beneficiari/0");
    assert_eq!(
        l.issues[2].xml_path.as_deref(),
        Some("/Flusso/Beneficiario[1]")
    );
    let f = ps_letto(&l);
    assert_eq!(f.beneficiari.len(), 1);
    assert_eq!(f.beneficiari[0].codice_fiscale.as_deref(), Some("X"));
    // Elements of another namespace.
    let l = leggi_str(&ps(
        &BEN.replace("<Anagrafica", "<o:Anagrafica xmlns:o='urn:o'")
    ));
    assert!(l.has("XML-010") && l.has("XML-006"));
    assert_eq!(finding(&l, "XML-010").params["nome"], "{urn:o}Anagrafica");
    // Passing: comments and processing instructions are not findings.
    assert!(leggi_str(&ps(&format!("<!-- c --><?pi x?>{BEN}")))
        .issues
        .is_empty());
}

#[test]
fn xml_011_element_inside_a_text_value() {
    let s = r#"<SINBA><Prestazioni><CodicePrestazione>A1<b>zz</b>.01</CodicePrestazione></Prestazioni><Famiglia/></SINBA>"#;
    let l = leggi_str(&sinba(s));
    let i = finding(&l, "XML-011");
    assert_eq!(i.params["elemento"], "b");
    assert_eq!(i.path, "/sinba/0/prestazioni/codici_prestazione/0");
    assert_eq!(
        sinba_letto(&l).sinba[0].prestazioni.codici_prestazione,
        vec!["A1.01"]
    );
    assert!(leggi_str(&sinba(SINBA)).issues.is_empty());
}

#[test]
fn xml_012_encoding() {
    let l = leggi_str(&format!(
        "<?xml version='1.0' encoding='ISO-8859-1'?>{}",
        sinba(SINBA)
    ));
    assert_eq!(finding(&l, "XML-012").params["codifica"], "ISO-8859-1");
    assert!(l.flusso.is_none());
    let mut x = sinba(SINBA).into_bytes();
    let p = x.windows(5).position(|w| w == b"A1.01").unwrap();
    x[p] = 0xE8;
    let l = leggi(&x, &OpzioniLetturaFlusso::default());
    assert_eq!(ids(&l), vec!["XML-012"]);
    // UTF-16 (with and without BOM) and UTF-8 with BOM are fine.
    let testo = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n{}",
        sinba(&SINBA.replace("A1.01", "A1.€𝄞"))
    );
    let mut le = vec![0xFF, 0xFE];
    let mut be = Vec::new();
    for u in testo.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for x in [le, be] {
        let l = leggi(&x, &OpzioniLetturaFlusso::default());
        assert!(l.issues.is_empty(), "{:?}", l.issues);
        assert_eq!(
            sinba_letto(&l).sinba[0].prestazioni.codici_prestazione,
            vec!["A1.€𝄞"]
        );
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(
        format!("<?xml version='1.0' encoding='utf-8'?>{}", sinba(SINBA)).as_bytes(),
    );
    assert!(leggi(&bom, &OpzioniLetturaFlusso::default())
        .issues
        .is_empty());
    // Truncated UTF-16 is not well-formed.
    let l = leggi(
        &[0xFF, 0xFE, 0x3C, 0x00, 0x61],
        &OpzioniLetturaFlusso::default(),
    );
    assert!(l.has("XML-001"));
}

#[test]
fn findings_carry_line_and_column() {
    let x = format!("<Flusso xmlns=\"{NS}\">\n<IdentificazioneFlusso Nome=\"n\"><Ente/></IdentificazioneFlusso>\n  <SINBA><Prestazioni/><Famiglia/>\n    <Altro/></SINBA></Flusso>");
    let l = leggi_str(&x);
    let i = finding(&l, "XML-010");
    assert_eq!(
        (i.params["riga"].as_str(), i.params["colonna"].as_str()),
        ("4", "5")
    );
    assert_eq!(i.path, "/sinba/0");
    assert_eq!(i.xml_path.as_deref(), Some("/Flusso/SINBA[1]"));
}

#[test]
fn io_errors_are_errors_not_findings() {
    struct Guasto;
    impl std::io::Read for Guasto {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let r = leggi_da(
        std::io::BufReader::new(Guasto),
        &OpzioniLetturaFlusso::default(),
    );
    assert!(matches!(r, Err(cartella::CartellaError::Io(_))));
}
