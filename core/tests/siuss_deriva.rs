//! Derivation of the INPS flows from a cartella (`siuss.md` §8): each derivation rule with a
//! triggering and a non-triggering case, channels, SINBA, minimisation, the embedded sample.

use std::sync::Arc;

use chrono::NaiveDate;
use serde_json::{json, Value};

use cartella::codelists::Registro;
use cartella::model::Cartella;
use cartella::rules::Severity;
use cartella::siuss::deriva::{
    deriva_periodo, deriva_prestazione, deriva_sinba, ChiaveHmac, Derivazione, ModalitaSina,
    OpzioniDerivazione, Progressivo,
};
use cartella::siuss::{id_beneficiario_sinba, Canale, Flusso, PrestazioniSociali, Sinba};
use cartella::CartellaError;

const D1: &str = "MI-D-2023-4511-1";
const CF_OPERATORE: &str = "MRCSLV84L59F205D";

fn d(y: i32, m: u32, g: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, g).expect("date")
}

fn campione() -> Value {
    let s = cartella::samples::get("percorso-completo").expect("sample");
    serde_json::from_str(s.json).expect("json")
}

fn carica(v: &Value) -> Cartella {
    cartella::json::from_str(&v.to_string()).expect("canonical JSON")
}

/// Index of the fase with this id in the first process.
fn fase(v: &Value, id: &str) -> usize {
    v["processi"][0]["fasi"]
        .as_array()
        .and_then(|f| f.iter().position(|x| x["id_fase"] == id))
        .expect("fase")
}

fn siuss_d1(v: &mut Value) -> &mut Value {
    let i = fase(v, D1);
    &mut v["processi"][0]["fasi"][i]["siuss"]
}

fn opzioni() -> OpzioniDerivazione {
    let mut o = OpzioniDerivazione::con_operatore(CF_OPERATORE);
    o.data_riferimento = Some(d(2024, 12, 31));
    o.data_creazione = Some(d(2025, 1, 15));
    o.regioni_dm1986.insert("03".into(), "03".into());
    o
}

fn prestazioni(der: &Derivazione) -> Vec<&PrestazioniSociali> {
    der.flussi
        .iter()
        .flat_map(|f| match f {
            Flusso::PsPsaSina(f) => f
                .beneficiari
                .iter()
                .flat_map(|b| b.prestazioni_sociali.iter())
                .collect::<Vec<_>>(),
            Flusso::Sinba(_) => Vec::new(),
        })
        .collect()
}

fn sinba(der: &Derivazione) -> Vec<&Sinba> {
    der.flussi
        .iter()
        .flat_map(|f| match f {
            Flusso::Sinba(f) => f.sinba.iter().collect::<Vec<_>>(),
            Flusso::PsPsaSina(_) => Vec::new(),
        })
        .collect()
}

fn ha(der: &Derivazione, rule: &str) -> bool {
    der.report.has(rule)
}

/// `deriva_prestazione` on D1; panics on error.
fn d1(v: &Value, o: &OpzioniDerivazione) -> Derivazione {
    match deriva_prestazione(&carica(v), D1, o) {
        Ok(x) => x,
        Err(e) => panic!("{e}"),
    }
}

/// The rule ids of a failed `deriva_prestazione` on D1.
fn d1_errore(v: &Value, o: &OpzioniDerivazione) -> Vec<String> {
    match deriva_prestazione(&carica(v), D1, o) {
        Err(CartellaError::FlussoNonDerivabile { findings }) => {
            findings.into_iter().map(|i| i.rule_id).collect()
        }
        Ok(_) => panic!("derivable"),
        Err(e) => panic!("{e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The embedded sample

#[test]
fn campione_percorso_completo() {
    let v = campione();
    let der = deriva_periodo(&carica(&v), d(2023, 1, 1), d(2024, 12, 31), &opzioni());
    assert_eq!(der.flussi.len(), 1, "{:#?}", der.report);
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!("PS expected")
    };
    let id = &f.identificazione_flusso;
    assert_eq!(id.nome.as_deref(), Some("F205.PS.20250115.0000001"));
    assert_eq!(id.ente.codice.as_deref(), Some("F205"));
    assert_eq!(id.ente.indirizzo.as_deref(), Some("F205"));
    assert_eq!(id.ente.cf_operatore.as_deref(), Some(CF_OPERATORE));
    let b = &f.beneficiari[0];
    assert_eq!(b.codice_fiscale.as_deref(), Some("VLLLNE39E61F205K"));
    assert_eq!(b.anagrafica.anno_nascita.as_deref(), Some("1939"));
    assert_eq!(b.anagrafica.luogo_nascita.as_deref(), Some("F205"));
    assert_eq!(b.anagrafica.genere.as_deref(), Some("2"));
    assert_eq!(b.anagrafica.codice_cittadinanza.as_deref(), Some("380"));
    assert_eq!(b.indirizzi[0].codice_nazione.as_deref(), Some("380"));
    assert_eq!(b.indirizzi[0].codice_comune.as_deref(), Some("015146"));
    assert_eq!(b.indirizzi[0].codice_regione.as_deref(), Some("03"));
    let p = &b.prestazioni_sociali[0];
    assert_eq!(p.tipo_operazione.as_deref(), Some("I"));
    assert_eq!(p.codice_prestazione.as_deref(), Some("A2.07"));
    assert_eq!(p.presenza_prova_mezzi.as_deref(), Some("1"));
    assert_eq!(p.carattere_prestazione.as_deref(), Some("1"));
    assert_eq!(
        p.numero_protocollo_dsu.as_deref(),
        Some("INPS-ISEE-2023-00000001A-00")
    );
    assert_eq!(p.data_dsu.as_deref(), Some("2023-01-10"));
    assert_eq!(p.protocollo_domanda.as_deref(), Some("MI-SAD-2023-0042"));
    assert_eq!(p.data_inizio_prestazione.as_deref(), Some("2023-03-01"));
    assert_eq!(p.data_fine_prestazione.as_deref(), Some("2023-08-31"));
    assert_eq!(p.periodo_erogazione.as_deref(), Some("6"));
    assert_eq!(p.importo_mensile.as_deref(), Some("385.00"));
    assert_eq!(p.importo_quota_ente.as_deref(), Some("330.00"));
    assert_eq!(p.importo_quota_utente.as_deref(), Some("55.00"));
    assert_eq!(p.presa_carico.as_deref(), Some("1"));
    assert_eq!(p.area_utenza.as_deref(), Some("2"));
    let sina = p.sina.as_ref().expect("SINA attached (auto, area 2)");
    assert_eq!(sina.mobilita.as_deref(), Some("2"));
    assert_eq!(sina.strumento_valutazione.as_deref(), Some("1"));
    // D2 and D3 have no siuss block and no concept map.
    assert_eq!(der.report.of_rule("SIUSS-PS-087").count(), 2);
    assert!(
        !der.report
            .issues
            .iter()
            .any(|i| i.severity == Severity::Error),
        "{:#?}",
        der.report
    );
}

#[test]
fn deriva_prestazione_errori_di_argomento() {
    let c = carica(&campione());
    assert!(matches!(
        deriva_prestazione(&c, "nope", &opzioni()),
        Err(CartellaError::Argomento { .. })
    ));
    // D2 has no siuss block and no concept map: SIUSS-PS-080 when asked explicitly.
    match deriva_prestazione(&c, "MI-D-2023-4511-2", &opzioni()) {
        Err(CartellaError::FlussoNonDerivabile { findings }) => {
            assert!(findings.iter().any(|i| i.rule_id == "SIUSS-PS-080"))
        }
        other => panic!("{other:?}"),
    }
    let mut v = campione();
    siuss_d1(&mut v)["escludi"] = json!(true);
    assert!(matches!(
        deriva_prestazione(&carica(&v), D1, &opzioni()),
        Err(CartellaError::Argomento { .. })
    ));
}

#[test]
fn ps_080_mappa_concettuale() {
    let mut v = campione();
    siuss_d1(&mut v)["codice_prestazione"].take();
    if let Some(o) = siuss_d1(&mut v).as_object_mut() {
        o.remove("codice_prestazione");
    }
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-PS-080".to_string()));
    // With a concept map from servizio_erogato the code is derived.
    let mut r = Registro::standard().clone();
    r.registra_mappa(
        "2.16.840.1.113883.2.9.2.30.3.2.3.1.4.6",
        "INPS.SIUSS.CodicePrestazione",
        [("SAD", "A2.07")],
    );
    let mut o = opzioni();
    o.registro = Some(Arc::new(r));
    let der = d1(&v, &o);
    assert_eq!(
        prestazioni(&der)[0].codice_prestazione.as_deref(),
        Some("A2.07")
    );
    assert!(!ha(&der, "SIUSS-PS-080"));
}

#[test]
fn ps_044_protocollo_da_id_fase() {
    let v = campione();
    assert!(!ha(&d1(&v, &opzioni()), "SIUSS-PS-044"));
    let mut v = campione();
    if let Some(o) = siuss_d1(&mut v).as_object_mut() {
        o.remove("protocollo_domanda");
    }
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-044"));
    assert_eq!(prestazioni(&der)[0].protocollo_domanda.as_deref(), Some(D1));
}

#[test]
fn ps_081_luogo_nascita() {
    let v = campione();
    assert!(!ha(&d1(&v, &opzioni()), "SIUSS-PS-081"));
    // Wrong check character: the CF cannot be used; no comune di nascita.
    let mut v = campione();
    v["assistito"]["codice_fiscale"] = json!("VLLLNE39E61F205A");
    if let Some(a) = v["assistito"].as_object_mut() {
        a.remove("comune_nascita");
    }
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-PS-081".to_string()));
    // Belfiore from the comuni table when the CF is unusable.
    let mut v = campione();
    v["assistito"]["codice_fiscale"] = json!("VLLLNE39E61F205A");
    let der = d1(&v, &opzioni());
    assert_eq!(der.flussi.len(), 1, "{:?}", der.report.rule_ids());
}

#[test]
fn ps_082_regione_dm1986() {
    let v = campione();
    let mut o = opzioni();
    o.regioni_dm1986.clear();
    assert!(d1_errore(&v, &o).contains(&"SIUSS-PS-082".to_string()));
    let mut v = campione();
    v["assistito"]["residenza"]["codice_regione_dm1986"] = json!("09");
    let der = d1(&v, &o);
    assert!(!ha(&der, "SIUSS-PS-082"));
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!()
    };
    assert_eq!(
        f.beneficiari[0].indirizzi[0].codice_regione.as_deref(),
        Some("09")
    );
}

#[test]
fn ps_083_cittadinanza_990() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-083"));
    let mut v = campione();
    if let Some(a) = v["assistito"].as_object_mut() {
        a.remove("cittadinanza");
    }
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-083"));
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!()
    };
    assert_eq!(
        f.beneficiari[0].anagrafica.codice_cittadinanza.as_deref(),
        Some("990")
    );
}

#[test]
fn ps_084_codici_ente() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-084"));
    let mut v = campione();
    if let Some(e) = v["ente_titolare"].as_object_mut() {
        e.remove("codice_belfiore");
    }
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-PS-084".to_string()));
}

#[test]
fn ps_085_segmenti_annuali() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-085"));
    let mut v = campione();
    let i = fase(&v, D1);
    v["processi"][0]["fasi"][i]["data_conclusione"] = json!("2024-03-31");
    v["processi"][0]["prese_in_carico"][0]["data_fine"] = json!("2024-12-31");
    let der = d1(&v, &opzioni());
    let i85: Vec<_> = der.report.of_rule("SIUSS-PS-085").collect();
    assert_eq!(i85.len(), 1);
    assert_eq!(i85[0].params["numero"], "2");
    let p = prestazioni(&der);
    assert_eq!(p.len(), 2);
    assert_eq!(der.flussi.len(), 2, "waas: one flow per prestazione");
    assert_eq!(p[0].data_fine_prestazione.as_deref(), Some("2023-12-31"));
    assert_eq!(p[0].periodo_erogazione.as_deref(), Some("10"));
    assert_eq!(p[1].data_inizio_prestazione.as_deref(), Some("2024-01-01"));
    assert_eq!(p[1].periodo_erogazione.as_deref(), Some("3"));
    assert_eq!(
        der.flussi[1].identificazione().nome.as_deref(),
        Some("F205.PS.20250115.0000002")
    );
    // deriva_periodo keeps only the segments in the period.
    let der = deriva_periodo(&carica(&v), d(2024, 1, 1), d(2024, 12, 31), &opzioni());
    assert_eq!(prestazioni(&der).len(), 1);
}

#[test]
fn ps_086_096_genere() {
    let der = d1(&campione(), &opzioni());
    assert!(!ha(&der, "SIUSS-PS-086") && !ha(&der, "SIUSS-PS-096"));
    let mut v = campione();
    if let Some(a) = v["assistito"].as_object_mut() {
        a.remove("genere");
    }
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-096"));
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!()
    };
    assert_eq!(f.beneficiari[0].anagrafica.genere.as_deref(), Some("2"));
    let mut v = campione();
    v["assistito"]["genere"] = json!("UN");
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-PS-086".to_string()));
}

#[test]
fn ps_087_record_senza_dati_siuss() {
    let mut r = Registro::standard().clone();
    r.registra_mappa(
        "2.16.840.1.113883.2.9.2.30.3.2.3.1.4.6",
        "INPS.SIUSS.CodicePrestazione",
        [("BSC", "A1.04"), ("PAS", "A2.10")],
    );
    let mut o = opzioni();
    o.registro = Some(Arc::new(r));
    let der = deriva_periodo(&carica(&campione()), d(2023, 1, 1), d(2024, 12, 31), &o);
    // With a concept map the records are no longer skipped (they fail on other values).
    assert!(!ha(&der, "SIUSS-PS-087"), "{:?}", der.report.rule_ids());
}

#[test]
fn ps_088_precisione_date() {
    let mut v = campione();
    let i = fase(&v, D1);
    v["processi"][0]["fasi"][i]["data_attivazione"] = json!("2023-03");
    let errori = d1_errore(&v, &opzioni());
    assert!(errori.contains(&"SIUSS-PS-088".to_string()));
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-088"));
}

#[test]
fn ps_089_denominazione_ente() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-089"));
    let mut v = campione();
    v["ente_titolare"]["denominazione"] = json!("X".repeat(120));
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-089"));
    let den = der.flussi[0]
        .identificazione()
        .ente
        .denominazione
        .clone()
        .unwrap_or_default();
    assert_eq!(den.chars().count(), 100);
}

#[test]
fn ps_090_013_troncamento_nomi() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-090"));
    let mut v = campione();
    v["assistito"]["cognome"] = json!("VILLA".repeat(8));
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-090"));
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!()
    };
    assert_eq!(
        f.beneficiari[0].anagrafica.cognome.as_deref().map(str::len),
        Some(36)
    );
    let mut o = opzioni();
    o.troncamento_nomi = false;
    assert!(d1_errore(&v, &o).contains(&"SIUSS-PS-013".to_string()));
}

#[test]
fn ps_091_anno_da_cf() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-091"));
    let mut v = campione();
    if let Some(a) = v["assistito"].as_object_mut() {
        a.remove("data_nascita");
    }
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-091"));
    let Flusso::PsPsaSina(f) = &der.flussi[0] else {
        panic!()
    };
    assert_eq!(
        f.beneficiari[0].anagrafica.anno_nascita.as_deref(),
        Some("1939")
    );
}

#[test]
fn ps_093_importi_due_decimali() {
    assert!(!ha(&d1(&campione(), &opzioni()), "SIUSS-PS-093"));
    let mut v = campione();
    siuss_d1(&mut v)["importo_mensile"] = json!("385.005");
    siuss_d1(&mut v)["quota_ente"] = json!("330.005");
    let der = d1(&v, &opzioni());
    assert_eq!(der.report.of_rule("SIUSS-PS-093").count(), 2);
    assert_eq!(
        prestazioni(&der)[0].importo_mensile.as_deref(),
        Some("385.01")
    );
}

#[test]
fn ps_065_presa_in_carico_richiesta() {
    let mut v = campione();
    siuss_d1(&mut v)["codice_prestazione"] = json!("A2.16");
    assert!(!ha(&d1(&v, &opzioni()), "SIUSS-PS-065"));
    siuss_d1(&mut v)["presa_in_carico"] = json!(false);
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-065"));
    assert!(der.flussi.is_empty());
}

#[test]
fn ps_063_area_utenza() {
    let mut v = campione();
    if let Some(o) = siuss_d1(&mut v).as_object_mut() {
        o.remove("area_utenza");
    }
    // The covering presa-in-carico period gives the area.
    let der = d1(&v, &opzioni());
    assert!(!ha(&der, "SIUSS-PS-063"));
    assert_eq!(prestazioni(&der)[0].area_utenza.as_deref(), Some("2"));
    if let Some(p) = v["processi"][0]["prese_in_carico"][0].as_object_mut() {
        p.remove("area_utenza_siuss");
    }
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-PS-063".to_string()));
}

#[test]
fn ps_obbligatori_mancanti() {
    let mut v = campione();
    if let Some(o) = siuss_d1(&mut v).as_object_mut() {
        o.remove("presenza_prova_mezzi");
        o.remove("importo_mensile");
    }
    let e = d1_errore(&v, &opzioni());
    assert!(e.contains(&"SIUSS-PS-034".to_string()), "{e:?}");
    assert!(e.contains(&"SIUSS-PS-052".to_string()), "{e:?}");
}

#[test]
fn ps_006_cf_operatore() {
    let mut o = opzioni();
    o.cf_operatore = String::new();
    let e = d1_errore(&campione(), &o);
    assert!(e.contains(&"SIUSS-PS-006".to_string()));
    // Findings never carry the full operator CF.
    o.cf_operatore = "RSSMRA80A01H501".into();
    match deriva_prestazione(&carica(&campione()), D1, &o) {
        Err(CartellaError::FlussoNonDerivabile { findings }) => {
            let i = findings
                .iter()
                .find(|i| i.rule_id == "SIUSS-PS-006")
                .expect("006");
            assert!(!i.message_it.contains("RSSMRA80A01H501"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn csi_dat_006_fine_prima_di_inizio() {
    let mut v = campione();
    let i = fase(&v, D1);
    v["processi"][0]["fasi"][i]["data_conclusione"] = json!("2023-02-01");
    assert!(d1_errore(&v, &opzioni()).contains(&"CSI-DAT-006".to_string()));
}

#[test]
fn sina_mancante_e_modalita() {
    let b = |v: &Value| fase(v, "MI-B-2023-4511");
    let mut v = campione();
    let bi = b(&v);
    if let Some(s) = v["processi"][0]["fasi"][bi]["valutazione_sina"].as_object_mut() {
        s.remove("mobilita");
    }
    assert!(d1_errore(&v, &opzioni()).contains(&"SIUSS-SINA-001".to_string()));
    // sina = mai: no block, no SINA error.
    let mut o = opzioni();
    o.sina = ModalitaSina::Mai;
    let der = d1(&v, &o);
    assert!(prestazioni(&der)[0].sina.is_none());
    assert!(!ha(&der, "SIUSS-SINA-001"));
    // sempre: attached even without presa in carico.
    let mut v = campione();
    siuss_d1(&mut v)["presa_in_carico"] = json!(false);
    let der = d1(&v, &opzioni());
    assert!(prestazioni(&der)[0].sina.is_none());
    let mut o = opzioni();
    o.sina = ModalitaSina::Sempre;
    assert!(prestazioni(&d1(&v, &o))[0].sina.is_some());
}

#[test]
fn canale_upload_raggruppa() {
    let mut v = campione();
    let i = fase(&v, D1);
    v["processi"][0]["fasi"][i]["data_conclusione"] = json!("2024-03-31");
    v["processi"][0]["prese_in_carico"][0]["data_fine"] = json!("2024-12-31");
    let mut o = opzioni();
    o.canale = Canale::Upload;
    o.progressivo = Progressivo::Da(41);
    let der = d1(&v, &o);
    assert_eq!(der.flussi.len(), 1);
    assert_eq!(prestazioni(&der).len(), 2);
    assert_eq!(
        der.flussi[0].identificazione().nome.as_deref(),
        Some("F205.PS.20250115.0000041")
    );
    // A caller-supplied progressive.
    let mut o = opzioni();
    o.progressivo = Progressivo::Fornitore(Arc::new(|_: &str, _, _| 7u32));
    let der = d1(&v, &o);
    assert!(der
        .flussi
        .iter()
        .all(|f| f.identificazione().nome.as_deref() == Some("F205.PS.20250115.0000007")));
    // Out-of-range progressive: SIUSS-WAAS-001, no flow.
    let mut o = opzioni();
    o.progressivo = Progressivo::Da(0);
    match deriva_prestazione(&carica(&campione()), D1, &o) {
        Err(CartellaError::FlussoNonDerivabile { findings }) => {
            assert!(findings.iter().any(|i| i.rule_id == "SIUSS-WAAS-001"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn solo_obbligatori() {
    let mut v = campione();
    siuss_d1(&mut v)["ore_servizio_mensile"] = json!({ "ore": 12, "minuti": 30 });
    let der = d1(&v, &opzioni());
    assert_eq!(
        prestazioni(&der)[0].ore_servizio_mensile.as_deref(),
        Some("12.30")
    );
    assert!(der.flussi[0].identificazione().ente.denominazione.is_some());
    let mut o = opzioni();
    o.campi_opzionali = cartella::siuss::deriva::CampiOpzionali::SoloObbligatori;
    let der = d1(&v, &o);
    assert!(prestazioni(&der)[0].ore_servizio_mensile.is_none());
    assert!(der.flussi[0].identificazione().ente.denominazione.is_none());
    assert!(prestazioni(&der)[0]
        .sina
        .as_ref()
        .is_some_and(|s| s.disturbi_area_cognitiva.is_none()));
}

// ---------------------------------------------------------------------------------------------
// SINBA

const CHIAVE: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];

fn minore() -> Value {
    json!({
        "versione_modello": "1.0",
        "id_cartella": "C-000123",
        "ente_titolare": {
            "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" },
            "denominazione": "Comune di Milano",
            "codice_belfiore": "F205"
        },
        "assistito": {
            "codice_fiscale": "BNCLCU12E10F205X",
            "nome": "LUCA",
            "cognome": "BIANCHI",
            "genere": "M",
            "data_nascita": "2012-05-10",
            "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" },
            "residenza": { "comune_istat": "015146", "regione_istat": "03", "nazione_iso2": "IT" }
        },
        "processi": [ {
            "id_processo": "P-1",
            "fasi": [
                { "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "CHIUSA",
                  "data_inizio": "2024-02-10", "data_fine": "2024-02-10",
                  "segnalazione": { "data_segnalazione": "2024-01-20" },
                  "valore_isee": { "amount": "7350.00", "currency": "EUR" } },
                { "tipo_fase": "EROGAZIONE_DEL_SERVIZIO", "id_fase": "D-1", "stato_fase": "APERTA",
                  "data_inizio": "2024-03-01", "data_attivazione": "2024-03-01",
                  "siuss": { "codice_prestazione": "A1.04" } }
            ],
            "scheda_sinba": {
                "minore_straniero_non_accompagnato": false,
                "condizione_minore": "1",
                "luogo_vita": "1",
                "scuola_frequentata": "3",
                "condizione_lavoro": "1",
                "disabilita": false,
                "valutazione_minore": "1",
                "valutazione_famiglia": "1",
                "segnalazione_autorita_giudiziaria": { "presente": false },
                "provvedimento_giudiziario": { "presente": false },
                "composizione_famiglia": ["1", "2"]
            }
        } ]
    })
}

fn opzioni_sinba() -> OpzioniDerivazione {
    let mut o = opzioni();
    o.data_riferimento = Some(d(2024, 6, 30));
    o.chiave_hmac = Some(ChiaveHmac::new(CHIAVE.to_vec()));
    o
}

fn con_fonte(mut v: Value) -> Value {
    v["processi"][0]["scheda_sinba"]["fonte_segnalazione"] = json!("2");
    v
}

#[test]
fn sinba_derivazione_completa() {
    let v = con_fonte(minore());
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    let s = sinba(&der);
    assert_eq!(s.len(), 1, "{:#?}", der.report);
    let s = s[0];
    let atteso = id_beneficiario_sinba("F205", "C-000123", &CHIAVE).expect("id");
    assert_eq!(s.id_beneficiario.as_deref(), Some(atteso.as_str()));
    assert_eq!(s.id_beneficiario.as_deref(), Some("F205BR4S9082TB4DEE90"));
    assert_eq!(s.anno_nascita.as_deref(), Some("2012"));
    assert_eq!(s.fascia_eta_beneficiario.as_deref(), Some("5"), "12 years");
    assert_eq!(s.fascia_isee_beneficiario.as_deref(), Some("4"));
    assert_eq!(s.data_prima_segnalazione.as_deref(), Some("01/2024"));
    assert_eq!(s.minore_straniero_no_acc.as_deref(), Some("2"));
    assert_eq!(s.codice_nazione_residenza.as_deref(), Some("380"));
    assert_eq!(s.codice_regione_residenza.as_deref(), Some("03"));
    assert_eq!(s.prestazioni.codici_prestazione, vec!["A1.04".to_string()]);
    assert_eq!(s.famiglia.composizione_famiglia, vec!["1", "2"]);
    assert!(s.motivazione_chiusura_carico.is_none());
    assert_eq!(
        der.flussi[0].identificazione().nome.as_deref(),
        Some("F205.SINBA.20250115.0000001")
    );
    assert!(
        !der.report
            .issues
            .iter()
            .any(|i| i.severity == Severity::Error),
        "{:#?}",
        der.report
    );
    // Processo id as case id.
    let mut o = opzioni_sinba();
    o.id_caso = cartella::siuss::deriva::IdCaso::Processo;
    let der = deriva_sinba(&carica(&v), &o);
    assert_eq!(
        sinba(&der)[0].id_beneficiario,
        id_beneficiario_sinba("F205", "P-1", &CHIAVE).ok()
    );
}

#[test]
fn sinba_001_senza_chiave() {
    let v = con_fonte(minore());
    let mut o = opzioni_sinba();
    o.chiave_hmac = None;
    let der = deriva_sinba(&carica(&v), &o);
    assert!(ha(&der, "SIUSS-SINBA-001"));
    assert!(der.flussi.is_empty());
    // A stored id needs no key.
    let mut v = v;
    v["processi"][0]["scheda_sinba"]["id_beneficiario"] = json!("F205XYZ0000000000001");
    let der = deriva_sinba(&carica(&v), &o);
    assert!(!ha(&der, "SIUSS-SINBA-001"));
    assert_eq!(
        sinba(&der)[0].id_beneficiario.as_deref(),
        Some("F205XYZ0000000000001")
    );
}

#[test]
fn sinba_002_id_con_dati_identificativi() {
    let mut v = con_fonte(minore());
    v["processi"][0]["scheda_sinba"]["id_beneficiario"] = json!("ID-bianchi-01");
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert!(ha(&der, "SIUSS-SINBA-002"));
    v["processi"][0]["scheda_sinba"]["id_beneficiario"] = json!("BNCLCU12E10");
    assert!(ha(
        &deriva_sinba(&carica(&v), &opzioni_sinba()),
        "SIUSS-SINBA-002"
    ));
    v["processi"][0]["scheda_sinba"]["id_beneficiario"] = json!("ID-000001");
    assert!(!ha(
        &deriva_sinba(&carica(&v), &opzioni_sinba()),
        "SIUSS-SINBA-002"
    ));
}

#[test]
fn sinba_039_non_minore() {
    let mut v = con_fonte(minore());
    v["assistito"]["data_nascita"] = json!("2000-01-01");
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert!(ha(&der, "SIUSS-SINBA-039"));
    assert!(der.flussi.is_empty());
    // Closed for reaching majority: band 6.
    v["processi"][0]["scheda_sinba"]["chiusura"] = json!({ "motivazione": "3" });
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert!(!ha(&der, "SIUSS-SINBA-039"));
    assert_eq!(sinba(&der)[0].fascia_eta_beneficiario.as_deref(), Some("6"));
}

#[test]
fn sinba_050_fascia_isee_incoerente() {
    let mut v = con_fonte(minore());
    v["processi"][0]["scheda_sinba"]["fascia_isee"] = json!("4");
    assert!(!ha(
        &deriva_sinba(&carica(&v), &opzioni_sinba()),
        "SIUSS-SINBA-050"
    ));
    v["processi"][0]["scheda_sinba"]["fascia_isee"] = json!("2");
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert!(ha(&der, "SIUSS-SINBA-050"));
    assert_eq!(
        sinba(&der)[0].fascia_isee_beneficiario.as_deref(),
        Some("2")
    );
}

#[test]
fn sinba_obbligatori_e_derivazioni() {
    // No fonte_segnalazione and no concept map: SIUSS-SINBA-015.
    let der = deriva_sinba(&carica(&minore()), &opzioni_sinba());
    assert!(ha(&der, "SIUSS-SINBA-015"));
    // Concept map from the ente segnalante's tipologia.
    let mut v = minore();
    v["processi"][0]["fasi"][0]["segnalazione"]["ente_segnalante"] = json!({ "tipologia": { "code": "SCU", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.5" } });
    let mut r = Registro::standard().clone();
    r.registra_mappa(
        "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.5",
        "INPS.SINBA.FonteSegnalazioneType",
        [("SCU", "5")],
    );
    let mut o = opzioni_sinba();
    o.registro = Some(Arc::new(r));
    let der = deriva_sinba(&carica(&v), &o);
    assert!(!ha(&der, "SIUSS-SINBA-015"), "{:?}", der.report.rule_ids());
    assert_eq!(sinba(&der)[0].fonte_segnalazione.as_deref(), Some("5"));
    // Missing composition and residence region.
    let mut v = con_fonte(minore());
    v["processi"][0]["scheda_sinba"]["composizione_famiglia"] = json!([]);
    let mut o = opzioni_sinba();
    o.regioni_dm1986.clear();
    let der = deriva_sinba(&carica(&v), &o);
    assert!(ha(&der, "SIUSS-SINBA-036"));
    assert!(ha(&der, "SIUSS-SINBA-034"));
    // Transfer gives the closure reason.
    let mut v = con_fonte(minore());
    v["processi"][0]["trasferimento"] = json!({
        "data": "2024-05-31", "stessa_regione": true,
        "ente_destinatario": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015200" } }
    });
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert_eq!(
        sinba(&der)[0].motivazione_chiusura_carico.as_deref(),
        Some("1")
    );
}

// ---------------------------------------------------------------------------------------------
// Minimisation (privacy.md §5)

const SENTINELLA: &str = "ZQXSENTINELZQX";

/// Replaces every free text, label and third-party name with the sentinel.
fn marca(v: &mut Value, percorso: &str) {
    const CHIAVI: &[&str] = &[
        "annotazioni",
        "display",
        "denominazione",
        "oggetto",
        "valutazione_finale",
        "risultati_raggiunti",
        "risultati_non_raggiunti",
        "patologie_correnti",
        "servizi_sociosanitari_erogati",
        "struttura_sociosanitaria_in_carico",
        "struttura_fuori_rete",
        "nome",
        "cognome",
        "nota",
        "finalita",
    ];
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                let p = format!("{percorso}/{k}");
                // The ente's name and the assistito's name are allow-listed for PS.
                let ammesso = p == "/ente_titolare/denominazione"
                    || p == "/assistito/nome"
                    || p == "/assistito/cognome";
                if CHIAVI.contains(&k.as_str()) && x.is_string() && !ammesso {
                    *x = json!(SENTINELLA);
                } else {
                    marca(x, &p);
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter_mut().enumerate() {
                marca(x, &format!("{percorso}/{i}"));
            }
        }
        _ => {}
    }
}

#[test]
fn minimizzazione_ps_nessun_testo_libero() {
    let mut v = campione();
    marca(&mut v, "");
    if let Some(o) = siuss_d1(&mut v).as_object_mut() {
        // Without an explicit name the table label is used, never a cartella text.
        o.remove("denominazione_prestazione");
    }
    let c = carica(&v);
    assert!(cartella::json::to_string(&c).contains(SENTINELLA));
    let der = deriva_periodo(&c, d(2023, 1, 1), d(2024, 12, 31), &opzioni());
    assert_eq!(der.flussi.len(), 1, "{:?}", der.report.rule_ids());
    let testo = serde_json::to_string(&der.flussi).expect("json");
    assert!(!testo.contains(SENTINELLA), "{testo}");
    assert!(!testo.contains("elena.villa"), "contacts");
    assert!(!serde_json::to_string(&der.report.issues)
        .expect("json")
        .contains(SENTINELLA));
}

#[test]
fn minimizzazione_sinba() {
    let mut v = con_fonte(minore());
    marca(&mut v, "");
    v["assistito"]["nome"] = json!(SENTINELLA);
    v["assistito"]["cognome"] = json!(SENTINELLA);
    let der = deriva_sinba(&carica(&v), &opzioni_sinba());
    assert_eq!(sinba(&der).len(), 1, "{:?}", der.report.rule_ids());
    let Flusso::Sinba(f) = &der.flussi[0] else {
        panic!()
    };
    let testo = serde_json::to_string(&f.sinba).expect("json");
    for vietato in [
        SENTINELLA,
        "BNCLCU12E10F205X",
        "BNCLCU12E10",
        "2012-05-10",
        "015146",
        "LUCA",
        "BIANCHI",
    ] {
        assert!(!testo.contains(vietato), "{vietato} in {testo}");
    }
    let report = serde_json::to_string(&der.report.issues).expect("json");
    assert!(!report.contains(SENTINELLA));
    assert!(!report.contains("BNCLCU12E10F205X"));
}

#[test]
fn report_include_i_controlli_del_flusso() {
    // A quota sum that does not match ImportoMensile: found by the flow checks.
    let mut v = campione();
    siuss_d1(&mut v)["quota_utente"] = json!("50.00");
    let der = d1(&v, &opzioni());
    assert!(ha(&der, "SIUSS-PS-059"), "{:?}", der.report.rule_ids());
    assert!(der
        .report
        .of_rule("SIUSS-PS-059")
        .all(|i| i.path.starts_with("/beneficiari")));
}
