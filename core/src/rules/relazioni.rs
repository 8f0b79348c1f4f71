//! Nucleo familiare, rete sociale and assistenti personali (`CSI-REL-*`, `rules.md` §4.4,
//! `model.md` §3.3).

use super::engine::Ctx;
use super::operatori::cf_presente;
use super::privacy::minore_al;
use crate::model::{Cartella, CodiceFiscale, TipoRelazione};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-REL-001",
    "CSI-REL-003",
    "CSI-REL-005",
    "CSI-REL-006",
    "CSI-REL-007",
    "CSI-REL-008",
    "CSI-REL-011",
];

/// Rules of this area that cannot arise on a canonical cartella: (id, where they are raised).
pub(crate) const DEFERRED: &[(&str, &str)] = &[
    (
        "CSI-REL-002",
        "raised by the interscambio XML reader: the relation kind comes from code/@codeSystem; canonical tipo_relazione is a closed enum",
    ),
    (
        "CSI-REL-004",
        "raised by the interscambio XML reader on relationshipHolder1/desc; canonical caregiver is a bool",
    ),
    ("CSI-REL-009", "raised by the interscambio XML writer when it writes id nullFlavor NI (interscambio §3.11)"),
    (
        "CSI-REL-010",
        "raised by the interscambio XML reader on a second consultant without code (interscambio §7.4)",
    ),
];

/// OID of the tipologia of a nucleo familiare member (`…1.1.22`).
const OID_NUCLEO: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22";
/// OID of the tipologia of a rete sociale member (`…1.1.23`).
const OID_RETE: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.23";

/// Same codice fiscale, ignoring surrounding spaces and case.
fn stesso_cf(a: &CodiceFiscale, b: &CodiceFiscale) -> bool {
    let (a, b) = (a.as_str().trim(), b.as_str().trim());
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let a = &cartella.assistito;
    let oggi = ctx.as_of();
    for (i, r) in a.relazioni.iter().enumerate() {
        if r.tipologia.code.trim().is_empty() {
            ctx.emit(
                "CSI-REL-001",
                format!("{base}/assistito/relazioni/{i}/tipologia"),
                [],
            );
        }
        let atteso = match r.tipo_relazione {
            TipoRelazione::NucleoFamiliare => OID_NUCLEO,
            TipoRelazione::ReteSociale => OID_RETE,
        };
        if r.tipologia.system.trim() != atteso {
            ctx.emit(
                "CSI-REL-011",
                format!("{base}/assistito/relazioni/{i}/tipologia/system"),
                [],
            );
        }
        let cf = r.codice_fiscale.as_ref().filter(|c| cf_presente(Some(c)));
        if cf.is_none() && r.nome.is_none() && r.cognome.is_none() {
            ctx.emit("CSI-REL-003", format!("{base}/assistito/relazioni/{i}"), []);
        }
        if r.caregiver == Some(true) && r.data_nascita.is_some_and(|n| minore_al(n.naive(), oggi)) {
            ctx.emit(
                "CSI-REL-005",
                format!("{base}/assistito/relazioni/{i}/caregiver"),
                [],
            );
        }
        if let Some(cf) = cf {
            if a.codice_fiscale.as_ref().is_some_and(|x| stesso_cf(x, cf)) {
                ctx.emit(
                    "CSI-REL-006",
                    format!("{base}/assistito/relazioni/{i}/codice_fiscale"),
                    [],
                );
            }
            let ripetuto = a.relazioni[..i].iter().any(|prima| {
                prima.tipo_relazione == r.tipo_relazione
                    && prima
                        .codice_fiscale
                        .as_ref()
                        .is_some_and(|x| stesso_cf(x, cf))
            });
            if ripetuto {
                ctx.emit(
                    "CSI-REL-007",
                    format!("{base}/assistito/relazioni/{i}/codice_fiscale"),
                    [("cf", cf.as_str().trim().to_string())],
                );
            }
        }
    }
    for (i, ap) in a.assistenti_personali.iter().enumerate() {
        if ap.tipologia.is_none() {
            ctx.emit(
                "CSI-REL-008",
                format!("{base}/assistito/assistenti_personali/{i}/tipologia"),
                [],
            );
        }
        let Some(cf) = ap.codice_fiscale.as_ref().filter(|c| cf_presente(Some(c))) else {
            continue;
        };
        if a.assistenti_personali[..i].iter().any(|prima| {
            prima
                .codice_fiscale
                .as_ref()
                .is_some_and(|x| stesso_cf(x, cf))
        }) {
            ctx.emit(
                "CSI-REL-007",
                format!("{base}/assistito/assistenti_personali/{i}/codice_fiscale"),
                [("cf", cf.as_str().trim().to_string())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::*;

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn rel_001_tipologia_senza_codice() {
        let mut v = completa();
        set(&mut v, "/assistito/relazioni/1/tipologia/code", "".into());
        let r = valida(&v);
        assert_path(&r, "CSI-REL-001", "/assistito/relazioni/1/tipologia");
        assert_absent(&r, "CSI-REL-011");
        assert_absent(&valida(&completa()), "CSI-REL-001");
    }

    #[test]
    fn rel_003_componente_senza_cf_ne_nominativo() {
        let mut v = completa();
        remove(&mut v, "/assistito/relazioni/1/nome");
        assert_absent(&valida(&v), "CSI-REL-003");
        remove(&mut v, "/assistito/relazioni/1/cognome");
        assert_path(&valida(&v), "CSI-REL-003", "/assistito/relazioni/1");
    }

    #[test]
    fn rel_005_caregiver_minorenne() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/relazioni/0/data_nascita",
            "2010-03-01".into(),
        );
        assert_path(
            &valida(&v),
            "CSI-REL-005",
            "/assistito/relazioni/0/caregiver",
        );
        set(&mut v, "/assistito/relazioni/0/caregiver", false.into());
        assert_absent(&valida(&v), "CSI-REL-005");
        // 18 on the validation date.
        let mut v = completa();
        set(
            &mut v,
            "/assistito/relazioni/0/data_nascita",
            "2007-06-30".into(),
        );
        assert_absent(&valida(&v), "CSI-REL-005");
    }

    #[test]
    fn rel_006_stesso_cf_dell_assistito() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/relazioni/0/codice_fiscale",
            "rssmra80a01f205x ".into(),
        );
        assert_path(
            &valida(&v),
            "CSI-REL-006",
            "/assistito/relazioni/0/codice_fiscale",
        );
        assert_absent(&valida(&completa()), "CSI-REL-006");
    }

    #[test]
    fn rel_007_componente_ripetuto() {
        let mut v = completa();
        let primo = v.pointer("/assistito/relazioni/0").unwrap().clone();
        set(&mut v, "/assistito/relazioni/2", primo.clone());
        let r = valida(&v);
        assert_path(&r, "CSI-REL-007", "/assistito/relazioni/2/codice_fiscale");
        let issue = r.of_rule("CSI-REL-007").next().unwrap();
        assert_eq!(
            issue.params["cf"], "RSSLCU*********S",
            "codice fiscale masked"
        );
        assert!(!issue.message_it.contains("RSSLCU82B41F205S"));
        assert_eq!(r.of_rule("CSI-REL-007").count(), 1);
        // Same person in the other kind of relation: not a duplicate.
        let mut altro = primo;
        altro["tipo_relazione"] = json!("RETE_SOCIALE");
        altro["tipologia"] = cod("1", "1.23");
        let mut v = completa();
        set(&mut v, "/assistito/relazioni/2", altro);
        assert_absent(&valida(&v), "CSI-REL-007");
        // Assistenti personali.
        let mut v = completa();
        let ap = v
            .pointer("/assistito/assistenti_personali/0")
            .unwrap()
            .clone();
        set(&mut v, "/assistito/assistenti_personali/1", ap);
        assert_path(
            &valida(&v),
            "CSI-REL-007",
            "/assistito/assistenti_personali/1/codice_fiscale",
        );
    }

    #[test]
    fn rel_008_assistente_senza_tipologia() {
        let mut v = completa();
        remove(&mut v, "/assistito/assistenti_personali/0/tipologia");
        assert_path(
            &valida(&v),
            "CSI-REL-008",
            "/assistito/assistenti_personali/0/tipologia",
        );
        assert_absent(&valida(&completa()), "CSI-REL-008");
    }

    #[test]
    fn rel_011_sistema_incoerente_con_il_tipo() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/relazioni/0/tipologia/system",
            format!("{P}.1.23").into(),
        );
        let r = valida(&v);
        assert_path(&r, "CSI-REL-011", "/assistito/relazioni/0/tipologia/system");
        assert_eq!(r.of_rule("CSI-REL-011").count(), 1);
        assert_eq!(
            r.of_rule("CSI-REL-011").next().unwrap().severity,
            super::super::Severity::Error
        );
    }
}
