//! Phase header (`CSI-FAS-*`, `rules.md` §4.2, `model.md` §5.1).
//!
//! Interpretations:
//! - `CSI-FAS-001`: an `id_fase` that is empty or only white space (the JSON key itself is required
//!   by the model, so a missing key is a deserialisation error).
//! - `CSI-FAS-002`: one finding per repeated `id_fase` occurrence after the first, in the same
//!   process (param `id_fase`: a record id, not personal data).
//! - `CSI-FAS-003` is not checked on the canonical model: `codice_fase` is `0..1` with level
//!   "S (default from table)", i.e. writers fill the default wire code of the kind; a missing
//!   `encounterEvent/code` can only be seen by the XML reader.
//! - "closed" is `stato_fase = CHIUSA` (an annulled record needs neither an end date nor an
//!   outcome); "open" is `APERTA` or `SOSPESA` for `CSI-FAS-011`, while `CSI-FAS-008` names
//!   `APERTA` only, as its check text does.
//! - `CSI-FAS-010` looks at the regional `esito` (not at `esito_processo`), as the check says.

use super::engine::Ctx;
use crate::model::{Cartella, StatoFase};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-FAS-001",
    "CSI-FAS-002",
    "CSI-FAS-008",
    "CSI-FAS-009",
    "CSI-FAS-010",
    "CSI-FAS-011",
    "CSI-FAS-014",
];

/// Rules of the family that can only arise while reading or writing HL7 XML.
pub(crate) const DEFERRED: &[(&str, &str)] = &[
    (
        "CSI-FAS-003",
        "codice_fase is optional in the canonical model (writers emit the default code of the kind): a missing encounterEvent/code is raised by the interscambio XML reader",
    ),
    ("CSI-FAS-004", "phase kind inference from content/position: raised by the interscambio XML reader"),
    ("CSI-FAS-005", "undeterminable phase kind (record not imported): raised by the interscambio XML reader"),
    ("CSI-FAS-006", "missing statusCode: stato_fase is required in the model; raised by the interscambio XML reader"),
    ("CSI-FAS-007", "unrecognised statusCode value: raised by the interscambio XML reader"),
    ("CSI-FAS-012", "esito present in both wire places with different values: raised by the interscambio XML reader"),
    ("CSI-FAS-013", "phase code accepted as an alias: raised by the interscambio XML reader"),
];

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (i, processo) in cartella.processi.iter().enumerate() {
        for (j, fase) in processo.fasi.iter().enumerate() {
            let h = fase.header();
            let path = || format!("{base}/processi/{i}/fasi/{j}");
            let id = h.id_fase.trim();
            if id.is_empty() {
                ctx.emit("CSI-FAS-001", format!("{}/id_fase", path()), []);
            } else if processo.fasi[..j]
                .iter()
                .any(|f| f.header().id_fase.trim() == id)
            {
                ctx.emit(
                    "CSI-FAS-002",
                    format!("{}/id_fase", path()),
                    [("id_fase", id.to_string())],
                );
            }
            if h.data_inizio.is_none() {
                ctx.emit("CSI-FAS-014", path(), []);
            }
            match h.stato_fase {
                StatoFase::Aperta | StatoFase::Sospesa => {
                    if h.stato_fase == StatoFase::Aperta && h.data_fine.is_some() {
                        ctx.emit("CSI-FAS-008", format!("{}/data_fine", path()), []);
                    }
                    if h.esito.is_some() {
                        ctx.emit("CSI-FAS-011", format!("{}/esito", path()), []);
                    }
                }
                StatoFase::Chiusa => {
                    if h.data_fine.is_none() {
                        ctx.emit("CSI-FAS-009", path(), []);
                    }
                    if h.esito.is_none() {
                        ctx.emit("CSI-FAS-010", path(), []);
                    }
                }
                StatoFase::Annullata => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use serde_json::{json, Value};

    use crate::model::Cartella;
    use crate::rules::{Report, ValidationOptions, Validator};

    const ESITO: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2";

    fn cartella(fasi: Value) -> Cartella {
        serde_json::from_value(json!({
            "versione_modello": "1.0",
            "id_cartella": "C-1",
            "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" } },
            "assistito": { "nome": "MARIO", "cognome": "ROSSI" },
            "processi": [ { "id_processo": "P-1", "fasi": fasi } ]
        }))
        .expect("valid cartella JSON")
    }

    fn valida(fasi: Value) -> Report {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        Validator::new(ValidationOptions::default().as_of(as_of)).validate(&cartella(fasi))
    }

    fn paths<'a>(r: &'a Report, id: &'a str) -> Vec<&'a str> {
        r.of_rule(id).map(|i| i.path.as_str()).collect()
    }

    fn a(id: &str, stato: &str) -> Value {
        json!({ "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": id, "stato_fase": stato, "data_inizio": "2024-01-10" })
    }

    #[test]
    fn fas_001_empty_id() {
        let r = valida(json!([a("  ", "APERTA")]));
        assert_eq!(paths(&r, "CSI-FAS-001"), ["/processi/0/fasi/0/id_fase"]);
        assert!(!valida(json!([a("A-1", "APERTA")])).has("CSI-FAS-001"));
    }

    #[test]
    fn fas_002_duplicate_id_in_process() {
        let mut b = a("A-1", "APERTA");
        b["tipo_fase"] = json!("VALUTAZIONE_DEL_BISOGNO");
        let r = valida(json!([a("A-1", "APERTA"), b]));
        assert_eq!(paths(&r, "CSI-FAS-002"), ["/processi/0/fasi/1/id_fase"]);
        assert_eq!(
            r.of_rule("CSI-FAS-002").next().unwrap().params["id_fase"],
            "A-1"
        );
        assert!(r
            .of_rule("CSI-FAS-002")
            .next()
            .unwrap()
            .message_it
            .contains("A-1"));
        let mut b = a("B-1", "APERTA");
        b["tipo_fase"] = json!("VALUTAZIONE_DEL_BISOGNO");
        assert!(!valida(json!([a("A-1", "APERTA"), b])).has("CSI-FAS-002"));
    }

    #[test]
    fn fas_008_open_with_end_date() {
        let mut f = a("A-1", "APERTA");
        f["data_fine"] = json!("2024-01-11");
        assert_eq!(
            paths(&valida(json!([f])), "CSI-FAS-008"),
            ["/processi/0/fasi/0/data_fine"]
        );
        assert!(!valida(json!([a("A-1", "APERTA")])).has("CSI-FAS-008"));
    }

    #[test]
    fn fas_009_010_closed_without_end_or_esito() {
        let r = valida(json!([a("A-1", "CHIUSA")]));
        assert_eq!(paths(&r, "CSI-FAS-009"), ["/processi/0/fasi/0"]);
        assert_eq!(paths(&r, "CSI-FAS-010"), ["/processi/0/fasi/0"]);
        let mut f = a("A-1", "CHIUSA");
        f["data_fine"] = json!("2024-01-11");
        f["esito"] = json!({ "code": "01", "system": ESITO });
        let r = valida(json!([f]));
        assert!(!r.has("CSI-FAS-009") && !r.has("CSI-FAS-010"));
        // An annulled record needs neither.
        let r = valida(json!([a("A-1", "ANNULLATA")]));
        assert!(!r.has("CSI-FAS-009") && !r.has("CSI-FAS-010"));
    }

    #[test]
    fn fas_011_esito_on_open_phase() {
        let mut f = a("A-1", "SOSPESA");
        f["esito"] = json!({ "code": "01", "system": ESITO });
        assert_eq!(
            paths(&valida(json!([f])), "CSI-FAS-011"),
            ["/processi/0/fasi/0/esito"]
        );
        let mut f = a("A-1", "CHIUSA");
        f["esito"] = json!({ "code": "01", "system": ESITO });
        assert!(!valida(json!([f])).has("CSI-FAS-011"));
    }

    #[test]
    fn fas_014_no_start_date() {
        let mut f = a("A-1", "APERTA");
        f.as_object_mut().unwrap().remove("data_inizio");
        assert_eq!(
            paths(&valida(json!([f])), "CSI-FAS-014"),
            ["/processi/0/fasi/0"]
        );
        assert!(!valida(json!([a("A-1", "APERTA")])).has("CSI-FAS-014"));
    }
}
