//! Public API of the SIUSS flow rules: a large upload flow is verified item by item.

use cartella::siuss::regole::{verifica, OpzioniVerifica, VerificaIncrementale, RULES};
use cartella::siuss::{Canale, Flusso, FlussoPsPsaSina, TipoFlusso};
use serde_json::json;

fn flusso(n: usize) -> FlussoPsPsaSina {
    let beneficiario = json!({
        "codice_fiscale": "RSSMRA80A01F205X",
        "anagrafica": { "cognome": "ROSSI", "nome": "MARIO", "anno_nascita": "1980",
                        "luogo_nascita": "F205", "genere": "1", "codice_cittadinanza": "380" },
        "indirizzi": [ { "codice_regione": "03", "codice_comune": "015146", "codice_nazione": "380" } ],
        "prestazioni_sociali": [ {
            "tipo_operazione": "I", "presenza_prova_mezzi": "4", "carattere_prestazione": "2",
            "codice_prestazione": "A1.04",
            "denominazione_prestazione": "Contributi economici a integrazione del reddito",
            "protocollo_domanda": "D-1", "data_erogazione_prestazione": "2024-05-02",
            "importo_prestazione": "150.00", "importo_quota_ente": "150.00",
            "presa_carico": "2"
        } ]
    });
    let beneficiari: Vec<_> = (0..n).map(|_| beneficiario.clone()).collect();
    serde_json::from_value(json!({
        "identificazione_flusso": { "nome": "F205.PS.20250115.0000001",
            "ente": { "codice": "F205", "indirizzo": "F205", "cf_operatore": "BNCGPP70A01F205F" } },
        "beneficiari": beneficiari
    }))
    .expect("flow JSON")
}

#[test]
fn a_large_upload_flow_is_clean_and_waas_allows_one_beneficiary() {
    let f = flusso(5_000);
    let o = OpzioniVerifica {
        as_of: chrono::NaiveDate::from_ymd_opt(2025, 6, 30),
        ..OpzioniVerifica::default()
    };
    let r = verifica(&Flusso::PsPsaSina(f.clone()), &o);
    assert!(r.issues.is_empty(), "{:?}", r.rule_ids());

    let waas = OpzioniVerifica {
        canale: Canale::Waas,
        ..o.clone()
    };
    let mut v = VerificaIncrementale::new(TipoFlusso::PsPsaSina, &waas);
    v.intestazione(&f.identificazione_flusso);
    for b in &f.beneficiari {
        v.beneficiario(b);
    }
    let r = v.fine();
    assert_eq!(r.rule_ids(), ["SIUSS-PS-031"]);
    assert!(RULES.contains(&"SIUSS-PS-031"));
}
