//! Table-driven tests: a valid base flow of each type, one mutation per rule.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::*;
use crate::rules::{catalogo, regola, Severity, Stage};
use crate::siuss::flusso::{Canale, FlussoPsPsaSina, FlussoSinba};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

fn opzioni() -> OpzioniVerifica {
    OpzioniVerifica {
        as_of: Some(as_of()),
        ..OpzioniVerifica::default()
    }
}

const B: &str = "/beneficiari/0";
const P: &str = "/beneficiari/0/prestazioni_sociali/0";
const S: &str = "/beneficiari/0/prestazioni_sociali/0/sina";
const Q: &str = "/sinba/0";
const E: &str = "/identificazione_flusso/ente";

fn ente() -> Value {
    json!({ "codice": "F205", "denominazione": "Comune di Milano", "indirizzo": "F205",
            "cf_operatore": "BNCGPP70A01F205F" })
}

fn prestazione() -> Value {
    json!({
        "tipo_operazione": "I", "presenza_prova_mezzi": "1", "carattere_prestazione": "1",
        "numero_protocollo_dsu": "INPS-ISEE-2024-00000123456-00", "anno_protocollo_dsu": "2024",
        "data_dsu": "2024-01-20", "codice_prestazione": "A2.07",
        "denominazione_prestazione": "Assistenza domiciliare socio-assistenziale",
        "protocollo_domanda": "D-2024-001", "data_evento": "2024-02-15",
        "data_inizio_prestazione": "2024-03-01", "data_fine_prestazione": "2024-12-31",
        "periodo_erogazione": "10", "importo_mensile": "300.00", "importo_quota_ente": "250.00",
        "importo_quota_utente": "50.00", "importo_quota_richiesta": "60.00",
        "importo_soglia_isee": "20000.00", "ore_servizio_mensile": "12.30",
        "presa_carico": "1", "area_utenza": "2",
        "sina": {
            "mobilita": "1", "attivita_vita_quotidiana": "2", "disturbi_area_cognitiva": "1",
            "disturbi_comportamentali": "1", "necessita_cure_sanitarie": "2", "area_reddituale": "1",
            "area_supporto": "2", "fonte_derivazione_valutazione": "1", "strumento_valutazione": "1",
            "fonte_derivazione_invalidita": "1",
            "necessita_interventi_sociali": { "codici_prestazione": ["A2.07"] },
            "invalidita_civile": { "inv_civ": ["1"] }
        }
    })
}

fn beneficiario() -> Value {
    json!({
        "codice_fiscale": "RSSMRA80A01F205X",
        "anagrafica": { "cognome": "ROSSI", "nome": "MARIO", "anno_nascita": "1980",
                        "luogo_nascita": "F205", "genere": "1", "codice_cittadinanza": "380" },
        "indirizzi": [ { "codice_regione": "03", "codice_comune": "015146", "codice_nazione": "380" } ],
        "prestazioni_sociali": [ prestazione() ]
    })
}

/// A PS-PSA-SINA flow valid per the XSD and every rule (JSON).
fn ps_json() -> Value {
    json!({
        "identificazione_flusso": { "nome": "F205.PS.20250115.0000001", "ente": ente() },
        "beneficiari": [ beneficiario() ]
    })
}

/// The `SINBA` element of [`sinba_json`].
fn elemento_sinba() -> Value {
    serde_json::from_str(
        r#"{
            "id_beneficiario": "SB0000000001", "minore_straniero_no_acc": "2", "condizione_minore": "1",
            "luogo_vita": "1", "scuola_frequentata": "5", "condizione_lavoro": "1", "disabilita": "1",
            "tipo_disabilita": "1", "inv_civ_certificazioni": "1",
            "codice_cittadinanza_padre": "380", "codice_cittadinanza_madre": "380",
            "codice_regione_residenza_padre": "03", "codice_regione_residenza_madre": "03",
            "titolo_studio_padre": "3", "titolo_studio_madre": "4", "occupazione_padre": "1",
            "occupazione_madre": "2", "data_prima_segnalazione": "03/2023", "fonte_segnalazione": "1",
            "valutazione_minore": "1", "valutazione_famiglia_minore": "1",
            "segnalazione_autorita_giudiziaria": "1", "data_segnalazione": "04/2023",
            "provvedimento_giudiziario": "1", "data_provvedimento_giudiziario": "06/2023",
            "autorita_provvedimento": "1", "potesta_tutela": "1", "tipo_provvedimento_giudiziario": "1",
            "numero_componenti_isee": "4", "fascia_eta_beneficiario": "4",
            "fascia_isee_beneficiario": "3", "anno_nascita": "2015", "codice_regione_residenza": "03",
            "codice_nazione_residenza": "380",
            "prestazioni": { "codici_prestazione": ["A2.02"] },
            "famiglia": { "composizione_famiglia": ["1", "2"] }
        }"#,
    )
    .expect("SINBA element JSON")
}

/// A SINBA flow valid per the XSD and every rule (JSON).
fn sinba_json() -> Value {
    json!({
        "identificazione_flusso": { "nome": "F205.SINBA.20250115.0000001", "ente": ente() },
        "sinba": [ elemento_sinba() ]
    })
}

fn ps_valido() -> FlussoPsPsaSina {
    serde_json::from_value(ps_json()).expect("valid PS flow JSON")
}

fn sinba_valido() -> FlussoSinba {
    serde_json::from_value(sinba_json()).expect("valid SINBA flow JSON")
}

/// Sets the value at a JSON Pointer (the parent must exist).
fn set(v: &mut Value, ptr: &str, x: Value) {
    let (parent, key) = ptr.rsplit_once('/').expect("pointer");
    match v.pointer_mut(parent).expect(ptr) {
        Value::Object(m) => {
            m.insert(key.to_string(), x);
        }
        Value::Array(a) => {
            let i: usize = key.parse().expect("index");
            if i == a.len() {
                a.push(x);
            } else {
                a[i] = x;
            }
        }
        _ => panic!("{ptr}: parent is not a container"),
    }
}

/// Removes the member at a JSON Pointer.
fn del(v: &mut Value, ptr: &str) {
    let (parent, key) = ptr.rsplit_once('/').expect("pointer");
    if let Some(Value::Object(m)) = v.pointer_mut(parent) {
        m.remove(key);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tipo {
    Ps,
    Sinba,
}

/// A change of the verification options.
type CambiaOpzioni = Box<dyn Fn(&mut OpzioniVerifica)>;

/// One row: the rule, the path where it must be raised, the mutation of the base flow, and an
/// optional change of the options.
struct Caso {
    id: &'static str,
    tipo: Tipo,
    path: String,
    muta: Box<dyn Fn(&mut Value)>,
    opzioni: Option<CambiaOpzioni>,
}

fn ps(id: &'static str, path: impl Into<String>, muta: impl Fn(&mut Value) + 'static) -> Caso {
    Caso {
        id,
        tipo: Tipo::Ps,
        path: path.into(),
        muta: Box::new(muta),
        opzioni: None,
    }
}

fn sb(id: &'static str, path: impl Into<String>, muta: impl Fn(&mut Value) + 'static) -> Caso {
    Caso {
        tipo: Tipo::Sinba,
        ..ps(id, path, muta)
    }
}

impl Caso {
    fn con(mut self, o: impl Fn(&mut OpzioniVerifica) + 'static) -> Caso {
        self.opzioni = Some(Box::new(o));
        self
    }
}

/// `set` at `base/field`.
fn s(ptr: String, x: &str) -> impl Fn(&mut Value) {
    let x = x.to_string();
    move |v: &mut Value| set(v, &ptr, json!(x))
}

/// `del` at a pointer.
fn d(ptr: String) -> impl Fn(&mut Value) {
    move |v: &mut Value| del(v, &ptr)
}

fn f(base: &str, campo: &str) -> String {
    format!("{base}/{campo}")
}

/// Changes the base prestazione into a valid one-off benefit.
fn occasionale(v: &mut Value) {
    set(v, &f(P, "carattere_prestazione"), json!("2"));
    for c in [
        "data_inizio_prestazione",
        "data_fine_prestazione",
        "periodo_erogazione",
        "importo_mensile",
    ] {
        del(v, &f(P, c));
    }
    set(v, &f(P, "data_erogazione_prestazione"), json!("2024-03-01"));
    set(v, &f(P, "importo_prestazione"), json!("300.00"));
}

fn casi() -> Vec<Caso> {
    let p = |c: &str| f(P, c);
    let sn = |c: &str| f(S, c);
    let q = |c: &str| f(Q, c);
    let a = |c: &str| f(B, &format!("anagrafica/{c}"));
    let ind = |c: &str| f(B, &format!("indirizzi/0/{c}"));
    let nome = "/identificazione_flusso/nome".to_string();
    vec![
        // Header.
        ps("SIUSS-PS-001", nome.clone(), d(nome.clone())),
        ps(
            "SIUSS-PS-002",
            nome.clone(),
            s(nome.clone(), "F205-PS-20250115-1"),
        ),
        ps("SIUSS-PS-003", f(E, "codice"), s(f(E, "codice"), "")),
        ps(
            "SIUSS-PS-004",
            f(E, "denominazione"),
            s(f(E, "denominazione"), ""),
        ),
        ps(
            "SIUSS-PS-005",
            f(E, "indirizzo"),
            s(f(E, "indirizzo"), "F2055"),
        ),
        ps(
            "SIUSS-PS-006",
            f(E, "cf_operatore"),
            s(f(E, "cf_operatore"), "XYZ"),
        ),
        ps(
            "SIUSS-PS-007",
            f(E, "cf_operatore"),
            s(f(E, "cf_operatore"), "BNCGPP70A01F205A"),
        ),
        ps(
            "SIUSS-PS-008",
            f(E, "indirizzo"),
            s(f(E, "indirizzo"), "f205"),
        ),
        // Beneficiary.
        ps(
            "SIUSS-PS-010",
            f(B, "codice_fiscale"),
            s(f(B, "codice_fiscale"), "RSSMRA80A01F205"),
        ),
        ps(
            "SIUSS-PS-011",
            f(B, "codice_fiscale"),
            s(f(B, "codice_fiscale"), "RSSMRA8LA01F205X"),
        ),
        ps(
            "SIUSS-PS-012",
            f(B, "codice_fiscale"),
            s(f(B, "codice_fiscale"), "RSSMRA80A01F205A"),
        ),
        ps("SIUSS-PS-013", a("cognome"), s(a("cognome"), "")),
        ps(
            "SIUSS-PS-014",
            a("anno_nascita"),
            s(a("anno_nascita"), "80"),
        ),
        ps(
            "SIUSS-PS-015",
            a("luogo_nascita"),
            s(a("luogo_nascita"), "F20"),
        ),
        ps("SIUSS-PS-016", a("genere"), s(a("genere"), "M")),
        ps(
            "SIUSS-PS-017",
            a("codice_cittadinanza"),
            s(a("codice_cittadinanza"), "IT"),
        ),
        ps(
            "SIUSS-PS-018",
            a("codice_seconda_cittadinanza"),
            s(a("codice_seconda_cittadinanza"), "3800"),
        ),
        ps("SIUSS-PS-019", f(B, "indirizzi"), |v: &mut Value| {
            set(v, &f(B, "indirizzi"), json!([]))
        }),
        ps(
            "SIUSS-PS-020",
            ind("codice_nazione"),
            d(ind("codice_nazione")),
        ),
        ps(
            "SIUSS-PS-021",
            ind("codice_regione"),
            d(ind("codice_regione")),
        ),
        ps(
            "SIUSS-PS-022",
            ind("codice_comune"),
            d(ind("codice_comune")),
        ),
        ps(
            "SIUSS-PS-023",
            ind("codice_comune"),
            s(ind("codice_comune"), "15146"),
        ),
        ps(
            "SIUSS-PS-024",
            ind("codice_regione"),
            s(ind("codice_nazione"), "756"),
        ),
        ps(
            "SIUSS-PS-025",
            a("anno_nascita"),
            s(a("anno_nascita"), "1981"),
        ),
        ps("SIUSS-PS-031", "/beneficiari", |v: &mut Value| {
            set(v, "/beneficiari/1", beneficiario())
        })
        .con(|o| o.canale = Canale::Waas),
        ps(
            "SIUSS-PS-032",
            f(B, "prestazioni_sociali"),
            |v: &mut Value| set(v, &f(B, "prestazioni_sociali/1"), prestazione()),
        )
        .con(|o| o.canale = Canale::Cooperazione),
        // Prestazione.
        ps(
            "SIUSS-PS-033",
            p("tipo_operazione"),
            s(p("tipo_operazione"), "U"),
        ),
        ps(
            "SIUSS-PS-034",
            p("presenza_prova_mezzi"),
            s(p("presenza_prova_mezzi"), "5"),
        ),
        ps(
            "SIUSS-PS-035",
            p("carattere_prestazione"),
            d(p("carattere_prestazione")),
        ),
        ps(
            "SIUSS-PS-036",
            p("carattere_prestazione"),
            s(p("carattere_prestazione"), "3"),
        ),
        ps("SIUSS-PS-037", p("data_dsu"), d(p("data_dsu"))),
        ps(
            "SIUSS-PS-038",
            p("anno_protocollo_dsu"),
            s(p("anno_protocollo_dsu"), "24"),
        ),
        ps(
            "SIUSS-PS-039",
            p("anno_protocollo_dsu"),
            s(p("anno_protocollo_dsu"), "2023"),
        ),
        ps(
            "SIUSS-PS-040",
            p("codice_prestazione"),
            s(p("codice_prestazione"), "A2"),
        ),
        ps(
            "SIUSS-PS-041",
            p("codice_prestazione"),
            s(p("codice_prestazione"), "X9.99"),
        ),
        ps(
            "SIUSS-PS-042",
            p("denominazione_prestazione"),
            s(p("denominazione_prestazione"), "Corto"),
        ),
        ps(
            "SIUSS-PS-043",
            p("protocollo_domanda"),
            s(p("protocollo_domanda"), ""),
        ),
        ps(
            "SIUSS-PS-045",
            p("data_evento"),
            s(p("data_evento"), "2024-02-30"),
        ),
        ps(
            "SIUSS-PS-046",
            p("data_inizio_prestazione"),
            d(p("data_inizio_prestazione")),
        ),
        ps(
            "SIUSS-PS-047",
            p("data_fine_prestazione"),
            s(p("data_fine_prestazione"), "2025-01-10"),
        ),
        ps(
            "SIUSS-PS-048",
            p("data_fine_prestazione"),
            s(p("data_fine_prestazione"), "2024-02-01"),
        ),
        ps(
            "SIUSS-PS-049",
            p("data_erogazione_prestazione"),
            |v: &mut Value| {
                occasionale(v);
                del(v, &f(P, "data_erogazione_prestazione"));
            },
        ),
        ps("SIUSS-PS-050", p("importo_prestazione"), |v: &mut Value| {
            occasionale(v);
            del(v, &f(P, "importo_prestazione"));
        }),
        ps("SIUSS-PS-051", p("importo_prestazione"), |v: &mut Value| {
            occasionale(v);
            set(v, &f(P, "importo_prestazione"), json!("0.00"));
        }),
        ps(
            "SIUSS-PS-052",
            p("importo_mensile"),
            d(p("importo_mensile")),
        ),
        ps(
            "SIUSS-PS-053",
            p("importo_mensile"),
            s(p("importo_mensile"), "-300.00"),
        ),
        ps(
            "SIUSS-PS-054",
            p("periodo_erogazione"),
            s(p("periodo_erogazione"), "13"),
        ),
        ps(
            "SIUSS-PS-055",
            p("periodo_erogazione"),
            s(p("periodo_erogazione"), "12"),
        ),
        ps(
            "SIUSS-PS-056",
            p("importo_quota_ente"),
            s(p("importo_quota_ente"), "0"),
        ),
        ps(
            "SIUSS-PS-057",
            p("importo_quota_utente"),
            s(p("importo_quota_utente"), "-1"),
        ),
        ps(
            "SIUSS-PS-058",
            p("importo_quota_ssn"),
            s(p("importo_quota_ssn"), "0.00"),
        ),
        ps(
            "SIUSS-PS-059",
            p("importo_mensile"),
            s(p("importo_quota_ente"), "200.00"),
        ),
        ps(
            "SIUSS-PS-060",
            p("importo_mensile"),
            s(p("importo_mensile"), "300,00"),
        ),
        ps(
            "SIUSS-PS-061",
            p("ore_servizio_mensile"),
            s(p("ore_servizio_mensile"), "12.75"),
        ),
        ps("SIUSS-PS-062", p("presa_carico"), s(p("presa_carico"), "3")),
        ps("SIUSS-PS-063", p("area_utenza"), d(p("area_utenza"))),
        ps("SIUSS-PS-064", p("area_utenza"), s(p("area_utenza"), "4")),
        ps("SIUSS-PS-065", p("codice_prestazione"), |v: &mut Value| {
            set(v, &f(P, "codice_prestazione"), json!("A2.16"));
            set(v, &f(P, "presa_carico"), json!("2"));
        }),
        ps(
            "SIUSS-PS-066",
            p("data_erogazione_prestazione"),
            s(p("data_erogazione_prestazione"), "2024-03-01"),
        ),
        ps(
            "SIUSS-PS-067",
            p("importo_quota_richiesta"),
            s(p("importo_quota_richiesta"), "-5"),
        ),
        ps(
            "SIUSS-PS-068",
            p("presenza_prova_mezzi"),
            |v: &mut Value| {
                for c in ["numero_protocollo_dsu", "anno_protocollo_dsu", "data_dsu"] {
                    del(v, &f(P, c));
                }
            },
        ),
        ps("SIUSS-PS-069", P, s(p("tipo_operazione"), "C")).con(|o| {
            let mut ultimo: PrestazioniSociali =
                serde_json::from_value(prestazione()).expect("prestazione");
            ultimo.importo_mensile = Some("310.00".into());
            o.ultimi_inserimenti = Some(Arc::new(move |_: &ChiaveRecord| Some(ultimo.clone())));
        }),
        ps(
            "SIUSS-PS-070",
            p("data_inizio_prestazione"),
            |v: &mut Value| {
                set(v, &f(P, "data_inizio_prestazione"), json!("2025-02-01"));
                set(v, &f(P, "data_fine_prestazione"), json!("2025-11-30"));
            },
        ),
        ps("SIUSS-PS-092", p("data_evento"), |v: &mut Value| {
            set(v, &f(P, "codice_prestazione"), json!("A1.05.01"));
            del(v, &f(P, "data_evento"));
        }),
        ps(
            "SIUSS-PS-093",
            p("importo_quota_richiesta"),
            s(p("importo_quota_richiesta"), "60.005"),
        ),
        ps(
            "SIUSS-PS-095",
            p("ore_servizio_mensile"),
            s(p("ore_servizio_mensile"), "745.00"),
        ),
        // SINA.
        ps("SIUSS-SINA-001", sn("mobilita"), d(sn("mobilita"))),
        ps(
            "SIUSS-SINA-002",
            sn("attivita_vita_quotidiana"),
            s(sn("attivita_vita_quotidiana"), "4"),
        ),
        ps(
            "SIUSS-SINA-003",
            sn("disturbi_area_cognitiva"),
            s(sn("disturbi_area_cognitiva"), "4"),
        ),
        ps(
            "SIUSS-SINA-004",
            sn("disturbi_comportamentali"),
            d(sn("disturbi_comportamentali")),
        ),
        ps(
            "SIUSS-SINA-005",
            sn("necessita_cure_sanitarie"),
            s(sn("necessita_cure_sanitarie"), "0"),
        ),
        ps(
            "SIUSS-SINA-006",
            sn("area_reddituale"),
            s(sn("area_reddituale"), "9"),
        ),
        ps(
            "SIUSS-SINA-007",
            sn("area_supporto"),
            s(sn("area_supporto"), "x"),
        ),
        ps(
            "SIUSS-SINA-008",
            sn("fonte_derivazione_valutazione"),
            s(sn("fonte_derivazione_valutazione"), "5"),
        ),
        ps(
            "SIUSS-SINA-009",
            sn("strumento_valutazione"),
            s(sn("strumento_valutazione"), "8"),
        ),
        ps(
            "SIUSS-SINA-010",
            sn("fonte_derivazione_invalidita"),
            s(sn("fonte_derivazione_invalidita"), "3"),
        ),
        ps(
            "SIUSS-SINA-011",
            sn("necessita_interventi_sociali/codici_prestazione/0"),
            s(
                sn("necessita_interventi_sociali/codici_prestazione/0"),
                "A2",
            ),
        ),
        ps(
            "SIUSS-SINA-012",
            sn("invalidita_civile/inv_civ/0"),
            s(sn("invalidita_civile/inv_civ/0"), "9"),
        ),
        ps(
            "SIUSS-SINA-013",
            sn("invalidita_civile"),
            d(sn("fonte_derivazione_invalidita")),
        ),
        ps("SIUSS-SINA-014", S, s(p("presa_carico"), "2")),
        ps("SIUSS-SINA-015", S, |v: &mut Value| {
            set(v, &f(P, "codice_prestazione"), json!("A2.01"));
            set(v, &f(P, "area_utenza"), json!("1"));
        }),
        ps("SIUSS-SINA-016", P, d(p("sina"))),
        ps(
            "SIUSS-SINA-017",
            sn("invalidita_civile/inv_civ/1"),
            s(sn("invalidita_civile/inv_civ/1"), "1"),
        ),
        ps(
            "SIUSS-SINA-018",
            sn("invalidita_civile"),
            |v: &mut Value| set(v, &f(S, "invalidita_civile/inv_civ"), json!(["2", "3"])),
        ),
        // SINBA.
        sb(
            "SIUSS-SINBA-001",
            q("id_beneficiario"),
            s(q("id_beneficiario"), ""),
        ),
        sb(
            "SIUSS-SINBA-003",
            q("minore_straniero_no_acc"),
            s(q("minore_straniero_no_acc"), "3"),
        ),
        sb(
            "SIUSS-SINBA-004",
            q("condizione_minore"),
            s(q("condizione_minore"), "6"),
        ),
        sb("SIUSS-SINBA-005", q("luogo_vita"), s(q("luogo_vita"), "9")),
        sb(
            "SIUSS-SINBA-006",
            q("scuola_frequentata"),
            s(q("scuola_frequentata"), "9"),
        ),
        sb(
            "SIUSS-SINBA-007",
            q("condizione_lavoro"),
            s(q("condizione_lavoro"), "5"),
        ),
        sb("SIUSS-SINBA-008", q("disabilita"), d(q("disabilita"))),
        sb(
            "SIUSS-SINBA-009",
            q("tipo_disabilita"),
            s(q("tipo_disabilita"), "5"),
        ),
        sb(
            "SIUSS-SINBA-010",
            q("inv_civ_certificazioni"),
            s(q("inv_civ_certificazioni"), "6"),
        ),
        sb(
            "SIUSS-SINBA-011",
            q("tipo_disabilita"),
            d(q("tipo_disabilita")),
        ),
        sb(
            "SIUSS-SINBA-012",
            q("codice_cittadinanza_padre"),
            s(q("codice_cittadinanza_padre"), "38"),
        ),
        sb(
            "SIUSS-SINBA-013",
            q("titolo_studio_madre"),
            s(q("titolo_studio_madre"), "7"),
        ),
        sb(
            "SIUSS-SINBA-014",
            q("data_prima_segnalazione"),
            s(q("data_prima_segnalazione"), "2023-03"),
        ),
        sb(
            "SIUSS-SINBA-015",
            q("fonte_segnalazione"),
            s(q("fonte_segnalazione"), "15"),
        ),
        sb(
            "SIUSS-SINBA-016",
            q("valutazione_minore"),
            s(q("valutazione_minore"), "14"),
        ),
        sb(
            "SIUSS-SINBA-017",
            q("valutazione_famiglia_minore"),
            s(q("valutazione_famiglia_minore"), "0"),
        ),
        sb(
            "SIUSS-SINBA-018",
            q("segnalazione_autorita_giudiziaria"),
            d(q("segnalazione_autorita_giudiziaria")),
        ),
        sb(
            "SIUSS-SINBA-019",
            q("data_segnalazione"),
            d(q("data_segnalazione")),
        ),
        sb(
            "SIUSS-SINBA-020",
            q("data_segnalazione"),
            s(q("segnalazione_autorita_giudiziaria"), "2"),
        ),
        sb(
            "SIUSS-SINBA-021",
            q("provvedimento_giudiziario"),
            s(q("provvedimento_giudiziario"), "3"),
        ),
        sb(
            "SIUSS-SINBA-022",
            q("autorita_provvedimento"),
            d(q("autorita_provvedimento")),
        ),
        sb(
            "SIUSS-SINBA-023",
            q("data_provvedimento_giudiziario"),
            s(q("provvedimento_giudiziario"), "2"),
        ),
        sb(
            "SIUSS-SINBA-024",
            q("potesta_tutela"),
            s(q("potesta_tutela"), "6"),
        ),
        sb("SIUSS-SINBA-025", q("esito_affido"), |v: &mut Value| {
            set(v, &f(Q, "forma_intervento_affido"), json!("1"));
            set(v, &f(Q, "tipo_intervento_affido"), json!("2"));
            set(v, &f(Q, "esito_affido"), json!("10"));
        }),
        sb(
            "SIUSS-SINBA-026",
            q("carattere_inserimento_residenziale"),
            s(q("carattere_inserimento_residenziale"), "11"),
        ),
        sb(
            "SIUSS-SINBA-027",
            q("motivazione_chiusura_carico"),
            |v: &mut Value| {
                set(v, &f(Q, "motivazione_chiusura_carico"), json!("10"));
                set(v, &f(Q, "situazione_chiusura_carico"), json!("1"));
            },
        ),
        sb(
            "SIUSS-SINBA-028",
            q("collaborazioni_interventi"),
            s(q("collaborazioni_interventi"), "10"),
        ),
        sb(
            "SIUSS-SINBA-029",
            q("numero_componenti_isee"),
            s(q("numero_componenti_isee"), "0"),
        ),
        sb(
            "SIUSS-SINBA-030",
            q("fascia_eta_beneficiario"),
            s(q("fascia_eta_beneficiario"), "7"),
        ),
        sb(
            "SIUSS-SINBA-031",
            q("fascia_isee_beneficiario"),
            s(q("fascia_isee_beneficiario"), "9"),
        ),
        sb(
            "SIUSS-SINBA-032",
            q("anno_nascita"),
            s(q("anno_nascita"), "15"),
        ),
        sb(
            "SIUSS-SINBA-033",
            q("codice_nazione_residenza"),
            s(q("codice_nazione_residenza"), "IT"),
        ),
        sb(
            "SIUSS-SINBA-034",
            q("codice_regione_residenza"),
            d(q("codice_regione_residenza")),
        ),
        sb(
            "SIUSS-SINBA-035",
            q("prestazioni/codici_prestazione"),
            |v: &mut Value| set(v, &f(Q, "prestazioni/codici_prestazione"), json!([])),
        ),
        sb(
            "SIUSS-SINBA-036",
            q("famiglia/composizione_famiglia/0"),
            s(q("famiglia/composizione_famiglia/0"), "7"),
        ),
        sb(
            "SIUSS-SINBA-037",
            q("famiglia/composizione_famiglia/1"),
            s(q("famiglia/composizione_famiglia/1"), "1"),
        ),
        sb("SIUSS-SINBA-038", "/sinba", |v: &mut Value| {
            let uno = v["sinba"][0].clone();
            set(v, "/sinba/1", uno)
        })
        .con(|o| o.canale = Canale::Waas),
        sb(
            "SIUSS-SINBA-040",
            q("data_segnalazione"),
            s(q("data_segnalazione"), "4/2023"),
        ),
        sb(
            "SIUSS-SINBA-041",
            q("data_prima_segnalazione"),
            s(q("data_prima_segnalazione"), "07/2025"),
        ),
        sb(
            "SIUSS-SINBA-042",
            q("data_prima_segnalazione"),
            s(q("data_prima_segnalazione"), "03/2014"),
        ),
        sb("SIUSS-SINBA-043", q("luogo_vita"), s(q("luogo_vita"), "3")),
        sb(
            "SIUSS-SINBA-044",
            q("tipo_disabilita"),
            s(q("disabilita"), "2"),
        ),
        sb(
            "SIUSS-SINBA-045",
            q("inv_civ_certificazioni"),
            |v: &mut Value| {
                set(v, &f(Q, "disabilita"), json!("2"));
                del(v, &f(Q, "tipo_disabilita"));
            },
        ),
        sb(
            "SIUSS-SINBA-046",
            q("tipo_intervento_affido"),
            s(q("forma_intervento_affido"), "1"),
        ),
        sb(
            "SIUSS-SINBA-047",
            q("carattere_inserimento_residenziale"),
            s(q("forma_inserimento_residenziale"), "1"),
        ),
        sb(
            "SIUSS-SINBA-048",
            q("situazione_chiusura_carico"),
            s(q("motivazione_chiusura_carico"), "1"),
        ),
        sb(
            "SIUSS-SINBA-049",
            q("fascia_eta_beneficiario"),
            s(q("fascia_eta_beneficiario"), "2"),
        ),
        sb(
            "SIUSS-SINBA-051",
            nome.clone(),
            s(nome, "F205.PS.20250115.0000001"),
        ),
    ]
}

fn verifica_json(tipo: Tipo, v: Value, o: &OpzioniVerifica) -> Report {
    match tipo {
        Tipo::Ps => verifica_ps(&serde_json::from_value(v).expect("PS JSON"), o),
        Tipo::Sinba => verifica_sinba(&serde_json::from_value(v).expect("SINBA JSON"), o),
    }
}

fn base(tipo: Tipo) -> Value {
    match tipo {
        Tipo::Ps => ps_json(),
        Tipo::Sinba => sinba_json(),
    }
}

#[test]
fn the_base_flows_are_valid() {
    for canale in [Canale::Upload, Canale::Waas, Canale::Cooperazione] {
        let o = OpzioniVerifica {
            canale,
            ..opzioni()
        };
        let r = verifica_ps(&ps_valido(), &o);
        assert!(r.issues.is_empty(), "{:#?}", r.issues);
        let r = verifica_sinba(&sinba_valido(), &o);
        assert!(r.issues.is_empty(), "{:#?}", r.issues);
    }
}

#[test]
fn every_rule_fires_on_its_mutation_and_not_on_the_base() {
    for caso in casi() {
        let mut o = opzioni();
        if let Some(m) = &caso.opzioni {
            m(&mut o);
        }
        // Non-triggering: the base flow with the same options.
        let r = verifica_json(caso.tipo, base(caso.tipo), &o);
        assert!(!r.has(caso.id), "{} fires on the base flow", caso.id);
        // Triggering.
        let mut v = base(caso.tipo);
        (caso.muta)(&mut v);
        let r = verifica_json(caso.tipo, v.clone(), &o);
        let paths: Vec<&str> = r.of_rule(caso.id).map(|i| i.path.as_str()).collect();
        assert!(
            paths.contains(&caso.path.as_str()),
            "{}: expected at {}, got {:?}; all: {:?}",
            caso.id,
            caso.path,
            paths,
            r.rule_ids()
        );
        // Every finding points into the flow: the parent of its path exists.
        for i in &r.issues {
            let parent = i.path.rsplit_once('/').map_or("", |(p, _)| p);
            assert!(
                v.pointer(parent).is_some(),
                "{}: {} does not point into the flow",
                i.rule_id,
                i.path
            );
        }
    }
}

#[test]
fn every_rule_of_the_module_is_in_the_table_and_in_the_catalogue() {
    let ids: Vec<&str> = casi().iter().map(|c| c.id).collect();
    for id in RULES {
        assert!(ids.contains(id), "{id} has no case");
        let r = regola(id).unwrap_or_else(|| panic!("{id} not in the catalogue"));
        assert_eq!(r.stage, Stage::Siuss, "{id}");
        assert!(r.is_implemented(), "{id}");
    }
    for id in &ids {
        assert!(RULES.contains(id), "{id} tested but not in RULES");
    }
    let mut sorted = RULES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted, RULES, "RULES sorted and without repetitions");
    // Every SIUSS-PS/SINA/SINBA rule of the catalogue is here or left to the derivation.
    for rule in catalogo().rules() {
        let id = rule.id.as_str();
        if !(id.starts_with("SIUSS-PS-")
            || id.starts_with("SIUSS-SINA-")
            || id.starts_with("SIUSS-SINBA-"))
        {
            continue;
        }
        let qui = RULES.contains(&id);
        let altrove = LASCIATE_ALLA_DERIVAZIONE.iter().any(|(x, _)| *x == id);
        assert!(qui != altrove, "{id}: here={qui} derivation={altrove}");
    }
}

#[test]
fn incremental_and_batch_agree() {
    let mut v = ps_json();
    set(&mut v, &f(P, "importo_mensile"), json!("x"));
    set(&mut v, "/beneficiari/1", beneficiario());
    set(&mut v, "/beneficiari/1/codice_fiscale", json!("BAD"));
    let flusso: FlussoPsPsaSina = serde_json::from_value(v).expect("PS JSON");
    let o = OpzioniVerifica {
        canale: Canale::Waas,
        ..opzioni()
    };
    let batch = verifica(&Flusso::PsPsaSina(flusso.clone()), &o);
    let mut inc = VerificaIncrementale::new(TipoFlusso::PsPsaSina, &o);
    inc.intestazione(&flusso.identificazione_flusso);
    for b in &flusso.beneficiari {
        inc.beneficiario(b);
    }
    assert_eq!(inc.fine(), batch);
    assert!(batch.has("SIUSS-PS-031"));
    assert_eq!(
        batch
            .of_rule("SIUSS-PS-010")
            .map(|i| i.path.as_str())
            .collect::<Vec<_>>(),
        ["/beneficiari/1/codice_fiscale"]
    );
}

#[test]
fn codice_fiscale_parameters_are_masked_and_011_replaces_010() {
    let mut v = ps_json();
    set(&mut v, &f(B, "codice_fiscale"), json!("RSSMRA8LA01F205X"));
    let r = verifica_json(Tipo::Ps, v, &opzioni());
    assert!(!r.has("SIUSS-PS-010"));
    let i = r.of_rule("SIUSS-PS-011").next().expect("011");
    assert!(i.params["cf"].contains('*'), "{}", i.params["cf"]);
    assert!(!i.message_it.contains("RSSMRA8LA01F205X"));
    // An 11-digit code with trailing blanks matches the INPS pattern.
    let mut v = ps_json();
    set(&mut v, &f(B, "codice_fiscale"), json!("12345678903  "));
    let r = verifica_json(Tipo::Ps, v, &opzioni());
    assert!(!r.has("SIUSS-PS-010") && !r.has("SIUSS-PS-011"));
}

#[test]
fn quota_sum_uses_rounding_and_tolerance() {
    let mut v = ps_json();
    set(&mut v, &f(P, "importo_quota_ente"), json!("249.995"));
    set(&mut v, &f(P, "importo_quota_utente"), json!("50"));
    let r = verifica_json(Tipo::Ps, v.clone(), &opzioni());
    assert!(!r.has("SIUSS-PS-059"), "249.995 rounds half-up to 250.00");
    set(&mut v, &f(P, "importo_quota_ente"), json!("249.99"));
    let r = verifica_json(Tipo::Ps, v.clone(), &opzioni());
    let i = r.of_rule("SIUSS-PS-059").next().expect("059");
    assert_eq!(
        (i.params["somma"].as_str(), i.params["importo"].as_str()),
        ("299.99", "300.00")
    );
    let o = OpzioniVerifica {
        tolleranza_quote: Decimal::new(1, 2),
        ..opzioni()
    };
    assert!(!verifica_json(Tipo::Ps, v, &o).has("SIUSS-PS-059"));
    // One-off benefits compare with ImportoPrestazione.
    let mut v = ps_json();
    occasionale(&mut v);
    assert!(!verifica_json(Tipo::Ps, v.clone(), &opzioni()).has("SIUSS-PS-059"));
    set(&mut v, &f(P, "importo_prestazione"), json!("310"));
    let r = verifica_json(Tipo::Ps, v, &opzioni());
    assert_eq!(
        r.of_rule("SIUSS-PS-059").next().map(|i| i.path.as_str()),
        Some(f(P, "importo_prestazione").as_str())
    );
}

#[test]
fn near_misses_do_not_fire() {
    let o = opzioni();
    let ok = |tipo: Tipo, id: &str, muta: &dyn Fn(&mut Value)| {
        let mut v = base(tipo);
        muta(&mut v);
        let r = verifica_json(tipo, v, &o);
        assert!(!r.has(id), "{id}: {:?}", r.rule_ids());
    };
    // Lenient read form of the name with the `.INPS` segment and 8 digits.
    ok(Tipo::Ps, "SIUSS-PS-002", &|v| {
        set(
            v,
            "/identificazione_flusso/nome",
            json!("H501.PS.INPS.20250115.12345678"),
        )
    });
    // A foreign residence without region and comune.
    ok(Tipo::Ps, "SIUSS-PS-024", &|v| {
        set(v, &f(B, "indirizzi/0"), json!({ "codice_nazione": "756" }))
    });
    // OreServizioMensile with one decimal digit (tens of minutes), exactly 744 hours.
    ok(Tipo::Ps, "SIUSS-PS-061", &|v| {
        set(v, &f(P, "ore_servizio_mensile"), json!("2.5"))
    });
    ok(Tipo::Ps, "SIUSS-PS-095", &|v| {
        set(v, &f(P, "ore_servizio_mensile"), json!("744.00"))
    });
    // A quota of zero for the user is fine; 7.500 has two decimals.
    ok(Tipo::Ps, "SIUSS-PS-057", &|v| {
        set(v, &f(P, "importo_quota_utente"), json!("0"));
        set(v, &f(P, "importo_quota_ente"), json!("300"));
    });
    ok(Tipo::Ps, "SIUSS-PS-093", &|v| {
        set(v, &f(P, "importo_quota_richiesta"), json!("7.500"))
    });
    // A listed sub-code is in the table.
    ok(Tipo::Ps, "SIUSS-PS-041", &|v| {
        set(v, &f(P, "codice_prestazione"), json!("A1.05.01"))
    });
    // Age band at the boundary: born 2016, 8 or 9 at 2025-06-30 → band 3 or 4.
    ok(Tipo::Sinba, "SIUSS-SINBA-049", &|v| {
        set(v, &f(Q, "anno_nascita"), json!("2016"));
        set(v, &f(Q, "fascia_eta_beneficiario"), json!("3"));
    });
    // A cancellation equal to the last insertion.
    let mut uguale = opzioni();
    uguale.ultimi_inserimenti = Some(Arc::new(|k: &ChiaveRecord| {
        assert!(matches!(
            k,
            ChiaveRecord::Prestazione { codice_ente, anno: 2024, .. } if codice_ente == "F205"
        ));
        serde_json::from_value(prestazione()).ok()
    }));
    let mut v = ps_json();
    set(&mut v, &f(P, "tipo_operazione"), json!("C"));
    assert!(!verifica_json(Tipo::Ps, v, &uguale).has("SIUSS-PS-069"));
}

#[test]
fn severities_and_suppressions() {
    let mut v = ps_json();
    set(&mut v, &f(P, "ore_servizio_mensile"), json!("12.75"));
    let r = verifica_json(Tipo::Ps, v.clone(), &opzioni());
    assert_eq!(
        r.of_rule("SIUSS-PS-061").next().map(|i| i.severity),
        Some(Severity::Warning)
    );
    let o = OpzioniVerifica {
        suppressions: vec![Suppression::new("SIUSS-PS-061", P, "known").expect("suppression")],
        ..opzioni()
    };
    let r = verifica_json(Tipo::Ps, v, &o);
    assert!(!r.has("SIUSS-PS-061"));
    assert_eq!(r.suppressed.len(), 1);
}
