//! Test helpers for the rule families: a complete, realistic cartella as canonical JSON (fictitious
//! persons), JSON Pointer mutation helpers, and validation/assertion shortcuts.
//!
//! Tests start from [`completa`], break one field with [`set`] / [`remove`], validate as of
//! [`as_of`] and assert on the rule id and the exact JSON Pointer.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::{Report, ValidationOptions, Validator};
use crate::model::{Cartella, MessaggioInterscambio};

/// Regional OID prefix `P` (`interscambio.md`): `P.1.5` = `…1.1.5`.
pub(crate) const P: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1";

/// The validation date of the tests.
pub(crate) fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

/// A coded value of the regional system `P.{suffix}`.
pub(crate) fn cod(code: &str, suffix: &str) -> Value {
    json!({ "code": code, "system": format!("{P}.{suffix}") })
}

/// A complete cartella: every field of level G of the families filled in, a process that went
/// through A–E and was closed. No `CSI-*` rule of the canonical families should fire on it.
pub(crate) fn completa() -> Value {
    json!({
        "versione_modello": "1.0",
        "id_cartella": "C-000123",
        "ente_titolare": {
            "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" },
            "denominazione": "Comune di Milano",
            "codice_belfiore": "F205",
            "codice_istat_comune": "015146"
        },
        "assistito": {
            "codice_fiscale": "RSSMRA80A01F205X",
            "nome": "MARIO",
            "cognome": "ROSSI",
            "genere": "M",
            "data_nascita": "1980-01-01",
            "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" },
            "cittadinanza": { "code": "380", "system": "2.16.840.1.113883.2.9.6.2.5" },
            "residenza": { "comune_istat": "015146", "regione_istat": "03", "nazione_iso2": "IT" },
            "domicilio": { "comune_istat": "015146" },
            "contatti": { "telefono": "+390212345678", "cellulare": "3331234567", "email": "mario.rossi@example.org" },
            "documento_identita": { "tipo": cod("CI", "1.6"), "estremi": "CA00000AA" },
            "garanti": { "ats": "321", "asst": "701", "ambito": "30100" },
            "assistenti_personali": [
                { "tipologia": cod("1", "1.24"), "codice_fiscale": "BNCGPP70A01F205F", "nome": "GIUSEPPE", "cognome": "BIANCHI" }
            ],
            "relazioni": [
                {
                    "tipo_relazione": "NUCLEO_FAMILIARE", "tipologia": cod("2", "1.22"),
                    "codice_fiscale": "RSSLCU82B41F205S", "nome": "LUCIA", "cognome": "ROSSI",
                    "data_nascita": "1982-02-01", "comune_nascita_istat": "015146",
                    "comune_residenza_istat": "015146", "caregiver": true
                },
                { "tipo_relazione": "RETE_SOCIALE", "tipologia": cod("1", "1.23"), "nome": "ANNA", "cognome": "VERDI" }
            ]
        },
        "processi": [{
            "id_processo": "P-1",
            "prese_in_carico": [{ "data_inizio": "2024-02-01", "data_fine": "2025-01-20" }],
            "fasi": [
                {
                    "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "CHIUSA",
                    "data_inizio": "2024-01-10", "data_fine": "2024-01-10",
                    "esito": cod("1", "1.2"), "esito_processo": "AVVIO_VALUTAZIONE",
                    "segnalazione": {
                        "data_segnalazione": "2024-01-09",
                        "bisogno_espresso": cod("3", "1.9"),
                        "ente_segnalante": { "codice": "ES-01", "tipologia": cod("2", "1.5"), "denominazione": "Scuola primaria" }
                    },
                    "tipologia_richiesta": cod("2", "1.3"),
                    "modalita_contatto": cod("1", "1.3"),
                    "ambito_intervento_richiesto": cod("4", "1.10"),
                    "dsu": cod("1", "1.16"),
                    "tipologia_isee": cod("1", "1.16"),
                    "valore_isee": { "amount": "7350.00", "currency": "EUR" },
                    "ente_rilevatore": { "codice": cod("015146", "1.20"), "denominazione": "Comune di Milano" },
                    "dsu_protocollo": { "numero": "INPS-ISEE-2024-00000001-00", "anno": "2024", "data": "2024-01-05" }
                },
                {
                    "tipo_fase": "VALUTAZIONE_DEL_BISOGNO", "id_fase": "B-1", "stato_fase": "CHIUSA",
                    "data_inizio": "2024-01-15", "data_fine": "2024-02-01",
                    "esito": cod("2", "1.2"), "esito_processo": "PRESA_IN_CARICO",
                    "data_valutazione": "2024-01-30",
                    "responsabile_valutazione": {
                        "codice_fiscale": "BNCLRA75M41F205A", "nome": "LAURA", "cognome": "BIANCHI",
                        "profilo_professionale": cod("1", "2.1")
                    },
                    "case_manager": { "codice_fiscale": "VRDPLA70A01F205Q", "profilo_professionale": cod("3", "2.18") },
                    "aree_intervento_sociale": [cod("2", "2.2")],
                    "fonte_derivazione_valutazione": cod("1", "2.17")
                },
                {
                    "tipo_fase": "ELABORAZIONE_PROGETTO_INDIVIDUALE", "id_fase": "C-1", "stato_fase": "CHIUSA",
                    "data_inizio": "2024-02-01", "data_fine": "2024-02-10",
                    "esito": cod("3", "1.2"), "esito_processo": "PROGETTO_APPROVATO",
                    "responsabile_progetto": { "codice_fiscale": "BNCLRA75M41F205A", "profilo_professionale": cod("1", "3.2") },
                    "responsabile_monitoraggio": { "codice_fiscale": "VRDPLA70A01F205Q", "profilo_professionale": cod("1", "3.3") },
                    "progetto": {
                        "codice_progetto": "PRJ-2024-001",
                        "oggetto": "Sostegno domiciliare",
                        "data_inizio": "2024-02-10",
                        "data_fine": "2024-12-31",
                        "obiettivi": [{
                            "codice": { "code": "1", "system": format!("{P}.3.9"), "display": "Autonomia domestica" },
                            "tempistica_monitoraggio": { "value": "3", "unit": "mo" },
                            "indicatore_esito": { "code": "3", "system": "CSI-LIB-ESITO-OBIETTIVO" }
                        }],
                        "prestazioni_programmate": [{ "codice": cod("SAD", "4.17"), "data_inizio": "2024-03-01" }]
                    }
                },
                {
                    "tipo_fase": "EROGAZIONE_DEL_SERVIZIO", "id_fase": "D-1", "stato_fase": "CHIUSA",
                    "data_inizio": "2024-03-01", "data_fine": "2024-12-31",
                    "esito": cod("4", "1.2"), "esito_processo": "CONCLUSO",
                    "udo_sociale": cod("SAD01", "4.1"),
                    "modalita_erogazione": cod("1", "4.4"),
                    "area_intervento_sociale": cod("2", "4.5"),
                    "servizio_erogato": cod("SAD", "4.6"),
                    "data_attivazione": "2024-03-01",
                    "data_conclusione": "2024-12-31",
                    "sospensioni": [
                        { "data_inizio": "2024-07-01", "data_fine": "2024-07-31", "motivazione": cod("1", "4.11") },
                        { "data_inizio": "2024-08-15", "data_fine": "2024-08-31", "motivazione": cod("2", "4.11") }
                    ],
                    "tipologia_voucher": cod("1", "4.13"),
                    "valore_voucher": { "amount": "300.00", "currency": "EUR" },
                    "prestazioni_erogate": [{
                        "codice": cod("SAD", "4.17"),
                        "data_inizio": "2024-03-05T09:00", "data_fine": "2024-03-05T11:00",
                        "operatore_erogante": { "codice_fiscale": "BNCGPP70A01F205F", "profilo_professionale": cod("2", "4.19") }
                    }],
                    "stato_intervento": "C"
                },
                {
                    "tipo_fase": "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO", "id_fase": "E-1", "stato_fase": "CHIUSA",
                    "data_inizio": "2025-01-10", "data_fine": "2025-01-20",
                    "esito": cod("5", "1.2"), "esito_processo": "CHIUSURA",
                    "responsabile_chiusura": { "codice_fiscale": "BNCLRA75M41F205A", "nome": "LAURA", "cognome": "BIANCHI" },
                    "data_chiusura_progetto": "2024-12-31",
                    "data_valutazione_finale": "2025-01-15",
                    "valutazione_finale": "Obiettivi del progetto raggiunti.",
                    "motivazione_chiusura": cod("1", "5.3"),
                    "nuovo_progetto": cod("2", "5.7")
                }
            ]
        }]
    })
}

/// Sets the value at a JSON Pointer, creating the last key when absent (the parent must exist);
/// an index equal to an array's length appends.
pub(crate) fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer with a '/'");
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent at {parent}"));
    match target {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
        }
        Value::Array(a) => {
            let i: usize = key.parse().expect("array index");
            if i == a.len() {
                a.push(value);
            } else {
                a[i] = value;
            }
        }
        _ => panic!("parent of {pointer} is not a container"),
    }
}

/// Removes the value at a JSON Pointer (it must exist).
pub(crate) fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer with a '/'");
    match doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no parent at {parent}"))
    {
        Value::Object(m) => {
            m.remove(key)
                .unwrap_or_else(|| panic!("nothing at {pointer}"));
        }
        Value::Array(a) => {
            a.remove(key.parse::<usize>().expect("array index"));
        }
        _ => panic!("parent of {pointer} is not a container"),
    }
}

/// Reads canonical JSON into a cartella (panics on an API error: the test data is wrong).
pub(crate) fn cartella(doc: &Value) -> Cartella {
    crate::json::from_str(&doc.to_string())
        .unwrap_or_else(|e| panic!("test cartella does not deserialise: {e}"))
}

/// Validates with the default profiles (`schema` + `guideline`) as of [`as_of`].
pub(crate) fn valida(doc: &Value) -> Report {
    valida_con(doc, ValidationOptions::default())
}

/// Validates with the given options, as of [`as_of`].
pub(crate) fn valida_con(doc: &Value, options: ValidationOptions) -> Report {
    Validator::new(options.as_of(as_of())).validate(&cartella(doc))
}

/// Validates the cartella wrapped in an interchange message (pointer prefix `/cartella`).
pub(crate) fn valida_messaggio(doc: &Value) -> Report {
    let m = json!({
        "versione_modello": "1.0",
        "id_messaggio": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "MSG-1" },
        "data_creazione": "2025-06-30T10:00",
        "processing_code": "P",
        "processing_mode_code": "T",
        "accept_ack_code": "AL",
        "mittente": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "SENDER" },
        "destinatari": [{ "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "RECEIVER" }],
        "cartella": doc
    });
    let m: MessaggioInterscambio = crate::json::parse(&m.to_string())
        .unwrap_or_else(|e| panic!("test message does not deserialise: {e}"));
    Validator::new(ValidationOptions::default().as_of(as_of())).validate_messaggio(&m)
}

/// Asserts that `rule` was raised at exactly `path` (and shows what was raised otherwise).
#[track_caller]
pub(crate) fn assert_path(report: &Report, rule: &str, path: &str) {
    assert!(
        report.of_rule(rule).any(|i| i.path == path),
        "{rule} expected at {path}; raised: {:?}",
        report
            .issues
            .iter()
            .map(|i| (&i.rule_id, &i.path))
            .collect::<Vec<_>>()
    );
}

/// Asserts that `rule` was not raised at all.
#[track_caller]
pub(crate) fn assert_absent(report: &Report, rule: &str) {
    let hits: Vec<&str> = report.of_rule(rule).map(|i| i.path.as_str()).collect();
    assert!(hits.is_empty(), "{rule} not expected; raised at {hits:?}");
}

/// Asserts that none of `rules` was raised.
#[track_caller]
pub(crate) fn assert_none_of(report: &Report, rules: &[&str]) {
    let hits: Vec<(&str, &str)> = report
        .issues
        .iter()
        .filter(|i| rules.contains(&i.rule_id.as_str()))
        .map(|i| (i.rule_id.as_str(), i.path.as_str()))
        .collect();
    assert!(hits.is_empty(), "unexpected findings: {hits:?}");
}

/// Every `CSI-*` rule of the families owned here is either implemented on the canonical model
/// (`RULES`) or deferred to a codec with a reason (`DEFERRED`), never both; the lifecycle owns
/// `CSI-ERO-013` and `CSI-ERO-015`.
#[test]
fn famiglie_coperte_o_rinviate() {
    use super::{
        accesso, anagrafica, catalogo, erogazione, finale, operatori, privacy, progetto, relazioni,
        valutazione,
    };
    type Famiglia<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
    let famiglie: &[Famiglia<'_>] = &[
        ("CSI-ANA-", anagrafica::RULES, anagrafica::DEFERRED),
        ("CSI-REL-", relazioni::RULES, relazioni::DEFERRED),
        ("CSI-ACC-", accesso::RULES, accesso::DEFERRED),
        ("CSI-VAL-", valutazione::RULES, valutazione::DEFERRED),
        ("CSI-PRG-", progetto::RULES, progetto::DEFERRED),
        ("CSI-ERO-", erogazione::RULES, erogazione::DEFERRED),
        ("CSI-FIN-", finale::RULES, finale::DEFERRED),
        ("CSI-OPR-", operatori::RULES, operatori::DEFERRED),
        ("CSI-PRV-", privacy::RULES, privacy::DEFERRED),
    ];
    let altrui = ["CSI-ERO-013", "CSI-ERO-015"];
    for (prefisso, rules, deferred) in famiglie {
        for id in rules
            .iter()
            .copied()
            .chain(deferred.iter().map(|(id, _)| *id))
        {
            assert!(
                id.starts_with(prefisso) && catalogo().get(id).is_some(),
                "{id} not in the catalogue"
            );
        }
        for (id, reason) in deferred.iter() {
            assert!(!rules.contains(id), "{id} both implemented and deferred");
            assert!(!reason.is_empty());
        }
        for r in catalogo()
            .rules()
            .iter()
            .filter(|r| r.id.starts_with(prefisso))
        {
            let id = r.id.as_str();
            assert!(
                rules.contains(&id)
                    || deferred.iter().any(|(d, _)| *d == id)
                    || altrui.contains(&id),
                "{id} neither implemented nor deferred"
            );
        }
    }
}
