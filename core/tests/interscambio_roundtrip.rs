//! Round trips of the interchange request (`interscambio.md` §13).
//!
//! **Model → XML → model.** `leggi(scrivi(m, o))` must equal `m` on everything the XML carries.
//! The comparison is made on the JSON form of both models after a *projection* that removes the
//! canonical-only data of §13.1 (reconstructed by the reader's defaults, outside the guarantee):
//! `id_cartella`, `id_processo`, the process `stato`, `eventi`, `prese_in_carico`,
//! `trasferimento`, `ricevuto_da`, `riapertura_di`, the process `ente_titolare`, `scheda_sinba`,
//! `siuss`, `valutazione_sina`, `dsu_protocollo`, `stato_intervento`, `stato_nascita`,
//! `codice_belfiore_nascita`, `codice_regione_dm1986`, `consensi_privacy`, `estensioni`, the `Ente`
//! fields other than `id` and the re-inferred `esito_processo`. Empty optional values (`null`,
//! `[]`, `{}`) are dropped on both sides, so "absent" and "empty" compare equal.
//!
//! **XML → model → XML.** For the XML fixtures, `scrivi(leggi(x))` equals `x` after
//! canonicalisation ([`canonico`]): element names (namespace-resolved, prefix-free), attributes as
//! a sorted set (`xmlns*` and `xsi:schemaLocation` dropped), trimmed non-empty text; comments and
//! whitespace-only text ignored. The `reference` elements of an `encounterEvent` and the
//! `component2` elements of a `carePlan` compare as multisets (§13.2), other children in order.

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::opzioni::*;
use cartella::interscambio::xml::{analizza, Arena, Elemento, LimitiXml};
use cartella::interscambio::{messaggio_per_processo, scrivi, Busta};
use cartella::model::*;
use proptest::prelude::*;
use serde_json::Value;

const COMPLETA: &str = include_str!("fixtures/interscambio/completa.json");
const STANDARD: &str = include_str!("fixtures/interscambio/standard.xml");

fn ident(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

fn busta() -> Busta {
    Busta {
        id_messaggio: ident("MSG-RT-1"),
        data_creazione: Istante::parse("2024-02-01T10:30:00").expect("istante"),
        mittente: ident("015146"),
        destinatari: vec![ident("AMBITO-DEST")],
    }
}

/// Keys removed anywhere in the JSON tree: canonical-only data (§13.1).
const SOLO_CANONICI: &[&str] = &[
    "id_cartella",
    "id_processo",
    "eventi",
    "prese_in_carico",
    "trasferimento",
    "ricevuto_da",
    "riapertura_di",
    "scheda_sinba",
    "siuss",
    "valutazione_sina",
    "dsu_protocollo",
    "stato_intervento",
    "stato_nascita",
    "codice_belfiore_nascita",
    "codice_regione_dm1986",
    "consensi_privacy",
    "estensioni",
    "esito_processo",
];

fn pulisci(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in SOLO_CANONICI {
                m.remove(*k);
            }
            for x in m.values_mut() {
                pulisci(x);
            }
            m.retain(|_, x| !vuoto(x));
        }
        Value::Array(a) => a.iter_mut().for_each(pulisci),
        _ => {}
    }
}

/// Money is written with two decimals (§3.5): amounts compare by value, so trailing zeros of
/// the fraction are removed on both sides.
fn importi(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    Value::String(s) if k == "amount" && s.contains('.') => {
                        *s = s.trim_end_matches('0').trim_end_matches('.').to_string();
                    }
                    _ => importi(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(importi),
        _ => {}
    }
}

fn vuoto(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// The projection of a message on what the XML carries.
fn proiezione(m: &MessaggioInterscambio) -> Value {
    let mut v = serde_json::to_value(m).expect("serialisable");
    if let Some(c) = v.get_mut("cartella").and_then(Value::as_object_mut) {
        // Ente fields other than `id` (the titolare id is the sender id).
        if let Some(e) = c.get_mut("ente_titolare").and_then(Value::as_object_mut) {
            e.retain(|k, _| k == "id");
        }
        if let Some(ps) = c.get_mut("processi").and_then(Value::as_array_mut) {
            for p in ps.iter_mut().filter_map(Value::as_object_mut) {
                p.remove("stato");
                p.remove("ente_titolare");
            }
        }
    }
    // Format limit (§7.2): citizenships travel as `politicalOrganization/id` (root + code); the
    // display name and code-system version of the code are not carried.
    if let Some(a) = v
        .pointer_mut("/cartella/assistito")
        .and_then(Value::as_object_mut)
    {
        for k in ["cittadinanza", "seconda_cittadinanza"] {
            if let Some(c) = a.get_mut(k).and_then(Value::as_object_mut) {
                c.remove("display");
                c.remove("system_version");
            }
        }
    }
    pulisci(&mut v);
    importi(&mut v);
    v
}

/// Differing paths between two JSON values (for readable failures).
fn differenze(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut chiavi: Vec<&String> = x.keys().chain(y.keys()).collect();
            chiavi.sort();
            chiavi.dedup();
            for k in chiavi {
                let p = format!("{path}/{k}");
                match (x.get(k), y.get(k)) {
                    (Some(u), Some(w)) => differenze(u, w, &p, out),
                    (u, w) => out.push(format!("{p}: {u:?} != {w:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, w)) in x.iter().zip(y).enumerate() {
                differenze(u, w, &format!("{path}/{i}"), out);
            }
        }
        _ => {
            if a != b {
                out.push(format!("{path}: {a} != {b}"));
            }
        }
    }
}

#[track_caller]
fn stesso(atteso: &MessaggioInterscambio, letto: &MessaggioInterscambio, ctx: &str) {
    let (a, b) = (proiezione(atteso), proiezione(letto));
    let mut d = Vec::new();
    differenze(&a, &b, "", &mut d);
    assert!(d.is_empty(), "{ctx}: round trip differs:\n{}", d.join("\n"));
}

/// Writes and reads back; the written document raises no XML-* or placeholder finding on read
/// (the writer's output follows the XSD structure the reader checks).
fn rilettura(m: &MessaggioInterscambio, o: &OpzioniScrittura) -> MessaggioInterscambio {
    let xml = scrivi(m, o).expect("written");
    let l = leggi(xml.as_bytes(), &OpzioniLettura::default()).expect("read");
    let xml_issues: Vec<_> = l
        .issues
        .iter()
        .filter(|i| i.rule_id.starts_with("XML-") || i.rule_id == "CSI-COD-007")
        .map(|i| (&i.rule_id, &i.xml_path))
        .collect();
    assert!(xml_issues.is_empty(), "{xml_issues:?}");
    l.messaggio
        .unwrap_or_else(|| panic!("unreadable: {:?}", l.issues))
}

fn completa() -> MessaggioInterscambio {
    let c = cartella::json::from_str(COMPLETA).expect("fixture parses");
    messaggio_per_processo(&c, "P-1", busta()).expect("message")
}

/// The writer options of §15 that change the wire form but not the content.
fn opzioni_non_predefinite() -> Vec<(&'static str, OpzioniScrittura)> {
    let d = OpzioniScrittura::default;
    vec![
        ("default", d()),
        (
            "no indent",
            OpzioniScrittura {
                indent: false,
                ..d()
            },
        ),
        (
            "date ddMMyyyy",
            OpzioniScrittura {
                date_format: FormaData::DdMmYyyy,
                ..d()
            },
        ),
        (
            "money xsi:type MO",
            OpzioniScrittura {
                money_form: FormaImporto::Hl7Mo,
                ..d()
            },
        ),
        (
            "esito on encounterEvent",
            OpzioniScrittura {
                esito_placement: PosizioneEsito::EncounterEvent,
                ..d()
            },
        ),
        (
            "numeric gender codes",
            OpzioniScrittura {
                gender_codes: CodiciGenere::Numerici,
                ..d()
            },
        ),
        (
            "regional envelope codes",
            OpzioniScrittura {
                envelope_codes: CodiciBusta::Regionali,
                ..d()
            },
        ),
        (
            "no interactionId root",
            OpzioniScrittura {
                interaction_id_root: false,
                ..d()
            },
        ),
        (
            "positional telecom",
            OpzioniScrittura {
                telecom_form: FormaTelecom::Posizionale,
                ..d()
            },
        ),
        (
            "relation @use",
            OpzioniScrittura {
                relation_addr_use: "comune residenza".to_string(),
                ..d()
            },
        ),
        (
            "CF root of the reference implementation",
            OpzioniScrittura {
                patient_cf_root: cartella::interscambio::oid::CODICE_FISCALE_ASSISTITO_SISO
                    .to_string(),
                ..d()
            },
        ),
        (
            "numeric phase codes",
            OpzioniScrittura {
                phase_codes: Some(["1", "2", "3", "4", "5"].map(String::from)),
                ..d()
            },
        ),
    ]
}

#[test]
fn completa_round_trips_with_default_options() {
    let m = completa();
    stesso(&m, &rilettura(&m, &OpzioniScrittura::default()), "default");
}

#[test]
fn completa_round_trips_with_every_compat_option() {
    let m = completa();
    for (nome, o) in opzioni_non_predefinite() {
        let mut letto = rilettura(&m, &o);
        if o.envelope_codes == CodiciBusta::Regionali {
            // §16 item 16: the regional envelope codes are kept as read (info CSI-ENV-004/005);
            // they stand for `P` and `T`.
            assert_eq!(letto.processing_code, "Produzione");
            assert_eq!(letto.processing_mode_code, "batch");
            letto.processing_code = "P".into();
            letto.processing_mode_code = "T".into();
        }
        stesso(&m, &letto, nome);
    }
}

#[test]
fn every_valid_sample_round_trips_per_process() {
    let mut n = 0;
    for s in cartella::samples::all().iter().filter(|s| s.expect_valid) {
        let c = cartella::json::from_str(s.json).expect("sample parses");
        for p in &c.processi {
            if p.fasi.is_empty() {
                continue;
            }
            // The owner's id travels as the sender id (§4): the envelope uses it.
            let b = Busta {
                mittente: c.ente_titolare.id.clone(),
                ..busta()
            };
            let m = messaggio_per_processo(&c, &p.id_processo, b).expect("message");
            stesso(&m, &rilettura(&m, &OpzioniScrittura::default()), s.name);
            n += 1;
        }
    }
    assert!(n > 0, "no sample was round-tripped");
}

// ---------------------------------------------------------------------------------------------
// XML → model → XML
// ---------------------------------------------------------------------------------------------

/// A canonical tree: name, sorted attributes, trimmed text, children.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Nodo {
    nome: String,
    attributi: Vec<(String, String)>,
    testo: String,
    figli: Vec<Nodo>,
}

/// Canonical form of an element (see the module documentation).
fn canonico(e: &Elemento) -> Nodo {
    let mut attributi: Vec<(String, String)> = e
        .attributi
        .iter()
        .filter(|a| a.nome != "schemaLocation" && a.prefisso != Some("xmlns"))
        .map(|a| {
            // Prefixed attributes (only `xsi:` in these messages) keep a marker.
            let nome = match a.prefisso {
                Some(_) => format!("xsi:{}", a.nome),
                None => a.nome.to_string(),
            };
            (nome, a.valore.trim().to_string())
        })
        .collect();
    attributi.sort();
    let mut figli: Vec<Nodo> = e.figli.iter().map(canonico).collect();
    if e.nome == "encounterEvent" || e.nome == "carePlan" {
        // Unordered groups (§13.2): sort the `reference` / `component2` children among
        // themselves, keeping their position block.
        let gruppo = if e.nome == "encounterEvent" {
            "reference"
        } else {
            "component2"
        };
        let mut g: Vec<Nodo> = figli.iter().filter(|f| f.nome == gruppo).cloned().collect();
        g.sort();
        let mut it = g.into_iter();
        for f in figli.iter_mut().filter(|f| f.nome == gruppo) {
            if let Some(x) = it.next() {
                *f = x;
            }
        }
    }
    Nodo {
        nome: e.nome.to_string(),
        attributi,
        testo: e.testo.trim().to_string(),
        figli,
    }
}

fn albero(xml: &str) -> Nodo {
    let arena = Arena::new();
    canonico(&analizza(xml.as_bytes(), &LimitiXml::default(), &arena).expect("well-formed"))
}

fn prima_differenza(a: &Nodo, b: &Nodo, path: &str) -> Option<String> {
    let p = format!("{path}/{}", a.nome);
    if a.nome != b.nome || a.attributi != b.attributi || a.testo != b.testo {
        return Some(format!("{p}: {a:?}\n!=\n{b:?}"));
    }
    if a.figli.len() != b.figli.len() {
        let na: Vec<_> = a.figli.iter().map(|f| &f.nome).collect();
        let nb: Vec<_> = b.figli.iter().map(|f| &f.nome).collect();
        return Some(format!("{p}: children {na:?} != {nb:?}"));
    }
    a.figli
        .iter()
        .zip(&b.figli)
        .find_map(|(x, y)| prima_differenza(x, y, &p))
}

#[track_caller]
fn xml_stabile(xml: &str, o: &OpzioniScrittura, ctx: &str) {
    let l = leggi(xml.as_bytes(), &OpzioniLettura::default()).expect("read");
    let m = l.messaggio.expect("readable");
    let riscritto = scrivi(&m, o).expect("written");
    let (a, b) = (albero(xml), albero(&riscritto));
    if let Some(d) = prima_differenza(&a, &b, "") {
        panic!("{ctx}: XML round trip differs at {d}");
    }
}

#[test]
fn written_documents_round_trip_as_xml_for_every_option() {
    let m = completa();
    for (nome, o) in opzioni_non_predefinite() {
        let x = scrivi(&m, &o).expect("written");
        xml_stabile(&x, &o, nome);
    }
}

#[test]
fn standard_fixture_round_trips_as_xml() {
    // The fixture is written in the default dialect except where noted in it; the reader's
    // model, written with the default options, gives the same canonical tree.
    xml_stabile(STANDARD, &OpzioniScrittura::default(), "standard.xml");
}

#[test]
fn canonicalisation_detects_real_differences() {
    let a = albero(r#"<a xmlns="urn:hl7-org:v3"><b x="1">t</b><c/></a>"#);
    let b = albero(r#"<v3:a xmlns:v3="urn:hl7-org:v3"><v3:b x="1"> t </v3:b><v3:c/></v3:a>"#);
    assert_eq!(
        a, b,
        "prefixes and surrounding whitespace are not significant"
    );
    let c = albero(r#"<a xmlns="urn:hl7-org:v3"><b x="2">t</b><c/></a>"#);
    assert!(prima_differenza(&a, &c, "").is_some());
    let d = albero(r#"<a xmlns="urn:hl7-org:v3"><c/><b x="1">t</b></a>"#);
    assert!(
        prima_differenza(&a, &d, "").is_some(),
        "order is significant"
    );
}

// ---------------------------------------------------------------------------------------------
// Property: model → XML → model on generated messages
// ---------------------------------------------------------------------------------------------

/// A generated variation of the complete fixture: which phase records are kept (always the
/// access record, which carries the assistito, §7: without it the assistito is not written),
/// and generated values (`cartella::testing`) for the free-text, date and money fields of the
/// assistito and of every record.
///
/// Adaptations to what the format carries (§13.1):
/// - annotations and names: `Testo` values as generated (the reader trims, the generator never
///   produces surrounding whitespace);
/// - money: amounts rounded to two decimals (§3.5 writes two decimals), currency `EUR`;
/// - record start dates: a generated day plus generated strictly positive gaps, so that the
///   fixture order is the `data_inizio` order in which the reader sorts records (model §4);
/// - the birth date is a day (`birthTime` is a day, CSI-ANA-024).
fn variazione() -> impl Strategy<Value = MessaggioInterscambio> {
    let n = completa().cartella.processi[0].fasi.len();
    (
        proptest::collection::vec(any::<bool>(), n),
        proptest::collection::vec(proptest::option::of(cartella::testing::testo()), n),
        cartella::testing::data(),
        proptest::collection::vec(1i64..60, n),
        cartella::testing::testo(),
        cartella::testing::testo(),
        cartella::testing::data(),
        cartella::testing::decimale(),
    )
        .prop_map(
            move |(tieni, note, base, salti, nome, cognome, nascita, isee)| {
                let mut m = completa();
                let mut giorno = chrono::NaiveDate::parse_from_str(&base.to_string(), "%Y-%m-%d")
                    .unwrap_or_default();
                let inizi: Vec<String> = salti
                    .iter()
                    .map(|s| {
                        giorno += chrono::Duration::days(*s);
                        giorno.format("%Y-%m-%d").to_string()
                    })
                    .collect();
                let a = &mut m.cartella.assistito;
                a.nome = Some(nome);
                a.cognome = Some(cognome);
                a.data_nascita = Some(nascita);
                let p = &mut m.cartella.processi[0];
                let fasi = std::mem::take(&mut p.fasi);
                for (k, mut f) in fasi.into_iter().enumerate() {
                    if k > 0 && !tieni[k] {
                        continue;
                    }
                    let h = f.header_mut();
                    h.annotazioni = note[k].clone();
                    h.data_inizio = Istante::parse(&inizi[k]).ok();
                    if let Fase::Accesso(acc) = &mut f {
                        let arrotondato = isee.to_string();
                        let (intero, frazione) =
                            arrotondato.split_once('.').unwrap_or((&arrotondato, ""));
                        let due: String = frazione.chars().chain("00".chars()).take(2).collect();
                        acc.valore_isee =
                            Decimale::parse(&format!("{intero}.{due}"))
                                .ok()
                                .map(|amount| Importo {
                                    amount,
                                    currency: "EUR".into(),
                                });
                    }
                    p.fasi.push(f);
                }
                m
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn generated_variations_round_trip(m in variazione()) {
        let letto = rilettura(&m, &OpzioniScrittura::default());
        stesso(&m, &letto, "generated");
        let compat = OpzioniScrittura {
            date_format: FormaData::DdMmYyyy,
            money_form: FormaImporto::Hl7Mo,
            esito_placement: PosizioneEsito::EncounterEvent,
            telecom_form: FormaTelecom::Posizionale,
            ..OpzioniScrittura::default()
        };
        stesso(&m, &rilettura(&m, &compat), "generated, compat forms");
    }
}
