//! Money (`CSI-MON-*`, `rules.md` §4.12, `model.md` §1.2–§1.3).
//!
//! Every [`Importo`] of the model is checked: `valore_isee` (A); `valore_progetto`,
//! `compartecipazione_assistito` (C); `valore_mensile_buono`, `valore_voucher`,
//! `importo_erogato`, `riprogrammazione_risorse` (D); `risorse_economiche_finali` (E). The bare
//! decimals of the canonical-only SIUSS block are INPS attributes checked by the `SIUSS-PS` rules.
//!
//! Interpretations:
//! - `CSI-MON-003` counts the decimals of the value (`7.500` has two), not of its text.
//! - `CSI-MON-006` is the canonical form of the text (no leading zeros, no negative zero;
//!   [`crate::model::Decimale::is_canonical`]); the syntax itself is enforced on deserialisation.
//! - `CSI-MON-004`/`-005` compare amounts only when both are in EUR. For `CSI-MON-005` the
//!   "approved plan" of a D record is the last C record before it in the process whose
//!   `esito_processo` is absent or `PROGETTO_APPROVATO` and whose project has a `valore_progetto`.
//! - `CSI-MON-007` applies to `valore_mensile_buono` and `valore_voucher`.

use super::codici::Percorso;
use super::engine::Ctx;
use crate::model::{Cartella, EsitoProcesso, Fase, Importo};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-MON-001",
    "CSI-MON-002",
    "CSI-MON-003",
    "CSI-MON-004",
    "CSI-MON-005",
    "CSI-MON-006",
    "CSI-MON-007",
];

/// Rules of the family that can only arise while reading or writing HL7 XML.
pub(crate) const DEFERRED: &[(&str, &str)] = &[(
    "CSI-MON-008",
    "an unparsable amount cannot reach the canonical model (Decimale rejects it): raised by the interscambio XML reader",
)];

const EUR: &str = "EUR";

/// Checks one amount; `zero` enables `CSI-MON-007`.
fn verifica(
    ctx: &mut Ctx<'_>,
    p: &Percorso<'_>,
    nome: &str,
    importo: Option<&Importo>,
    zero: bool,
) {
    let Some(importo) = importo else { return };
    let p = p.campo(nome);
    if importo.currency != EUR {
        ctx.emit(
            "CSI-MON-001",
            p.campo("currency").render(),
            [("valuta", importo.currency.clone())],
        );
    }
    let valore = importo.amount.valore();
    if !importo.amount.is_canonical() {
        ctx.emit(
            "CSI-MON-006",
            p.campo("amount").render(),
            [("campo", nome.to_string())],
        );
    }
    if valore.is_sign_negative() && !valore.is_zero() {
        ctx.emit(
            "CSI-MON-002",
            p.campo("amount").render(),
            [("campo", nome.to_string())],
        );
    }
    if valore.normalize().scale() > 2 {
        ctx.emit(
            "CSI-MON-003",
            p.campo("amount").render(),
            [("campo", nome.to_string())],
        );
    }
    if zero && valore.is_zero() {
        ctx.emit(
            "CSI-MON-007",
            p.campo("amount").render(),
            [("campo", nome.to_string())],
        );
    }
}

/// `a > b` when both are in EUR.
fn maggiore(a: &Importo, b: &Importo) -> bool {
    a.currency == EUR && b.currency == EUR && a.amount.valore() > b.amount.valore()
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let root = Percorso::radice(base);
    let pp = root.campo("processi");
    for (i, processo) in cartella.processi.iter().enumerate() {
        let ppi = pp.indice(i);
        let pf = ppi.campo("fasi");
        // valore_progetto of the approved plan in force (last C record seen).
        let mut piano: Option<&Importo> = None;
        for (j, fase) in processo.fasi.iter().enumerate() {
            let p = pf.indice(j);
            match fase {
                Fase::Accesso(a) => verifica(ctx, &p, "valore_isee", a.valore_isee.as_ref(), false),
                Fase::ProgettoIndividuale(c) => {
                    let Some(prog) = &c.progetto else { continue };
                    let pr = p.campo("progetto");
                    verifica(
                        ctx,
                        &pr,
                        "valore_progetto",
                        prog.valore_progetto.as_ref(),
                        false,
                    );
                    verifica(
                        ctx,
                        &pr,
                        "compartecipazione_assistito",
                        prog.compartecipazione_assistito.as_ref(),
                        false,
                    );
                    if let (Some(comp), Some(val)) =
                        (&prog.compartecipazione_assistito, &prog.valore_progetto)
                    {
                        if maggiore(comp, val) {
                            ctx.emit(
                                "CSI-MON-004",
                                pr.campo("compartecipazione_assistito").render(),
                                [],
                            );
                        }
                    }
                    let approvato = matches!(
                        c.intestazione.esito_processo,
                        None | Some(EsitoProcesso::ProgettoApprovato)
                    );
                    if approvato && prog.valore_progetto.is_some() {
                        piano = prog.valore_progetto.as_ref();
                    }
                }
                Fase::ErogazioneServizio(d) => {
                    verifica(
                        ctx,
                        &p,
                        "valore_mensile_buono",
                        d.valore_mensile_buono.as_ref(),
                        true,
                    );
                    verifica(ctx, &p, "valore_voucher", d.valore_voucher.as_ref(), true);
                    verifica(
                        ctx,
                        &p,
                        "importo_erogato",
                        d.importo_erogato.as_ref(),
                        false,
                    );
                    verifica(
                        ctx,
                        &p,
                        "riprogrammazione_risorse",
                        d.riprogrammazione_risorse.as_ref(),
                        false,
                    );
                    if let (Some(erogato), Some(valore)) = (&d.importo_erogato, piano) {
                        if maggiore(erogato, valore) {
                            ctx.emit("CSI-MON-005", p.campo("importo_erogato").render(), []);
                        }
                    }
                }
                Fase::ValutazioneFinale(e) => {
                    verifica(
                        ctx,
                        &p,
                        "risorse_economiche_finali",
                        e.risorse_economiche_finali.as_ref(),
                        false,
                    );
                }
                Fase::ValutazioneBisogno(_) => {}
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

    fn isee(amount: &str, currency: &str) -> Value {
        json!([{ "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "APERTA",
                 "data_inizio": "2024-01-10", "valore_isee": { "amount": amount, "currency": currency } }])
    }

    fn c(valore: &str, comp: &str, esito: Option<&str>) -> Value {
        let mut f = json!({ "tipo_fase": "ELABORAZIONE_PROGETTO_INDIVIDUALE", "id_fase": "C-1", "stato_fase": "CHIUSA",
                 "data_inizio": "2024-02-01",
                 "progetto": { "valore_progetto": { "amount": valore, "currency": "EUR" },
                               "compartecipazione_assistito": { "amount": comp, "currency": "EUR" } } });
        if let Some(e) = esito {
            f["esito_processo"] = json!(e);
        }
        f
    }

    fn d(campi: Value) -> Value {
        let mut f = json!({ "tipo_fase": "EROGAZIONE_DEL_SERVIZIO", "id_fase": "D-1", "stato_fase": "APERTA",
                            "data_inizio": "2024-03-01" });
        for (k, v) in campi.as_object().unwrap() {
            f[k] = v.clone();
        }
        f
    }

    const P: &str = "/processi/0/fasi/0/valore_isee";

    #[test]
    fn mon_001_currency() {
        let r = valida(isee("10.00", "USD"));
        assert_eq!(paths(&r, "CSI-MON-001"), [format!("{P}/currency")]);
        assert_eq!(
            r.of_rule("CSI-MON-001").next().unwrap().params["valuta"],
            "USD"
        );
        assert!(!valida(isee("10.00", "EUR")).has("CSI-MON-001"));
    }

    #[test]
    fn mon_002_negative() {
        assert_eq!(
            paths(&valida(isee("-1.50", "EUR")), "CSI-MON-002"),
            [format!("{P}/amount")]
        );
        assert!(!valida(isee("0", "EUR")).has("CSI-MON-002"));
        assert!(
            !valida(isee("-0.00", "EUR")).has("CSI-MON-002"),
            "negative zero is CSI-MON-006"
        );
    }

    #[test]
    fn mon_003_more_than_two_decimals() {
        let r = valida(isee("7350.125", "EUR"));
        assert_eq!(paths(&r, "CSI-MON-003"), [format!("{P}/amount")]);
        assert_eq!(
            r.of_rule("CSI-MON-003").next().unwrap().params["campo"],
            "valore_isee"
        );
        assert!(!valida(isee("7350.1200", "EUR")).has("CSI-MON-003"));
    }

    #[test]
    fn mon_006_canonical_form() {
        for bad in ["007.50", "-0", "-0.00", "00"] {
            assert_eq!(
                paths(&valida(isee(bad, "EUR")), "CSI-MON-006"),
                [format!("{P}/amount")],
                "{bad}"
            );
        }
        for ok in ["0", "0.50", "7350.00", "10"] {
            assert!(!valida(isee(ok, "EUR")).has("CSI-MON-006"), "{ok}");
        }
    }

    #[test]
    fn mon_004_copayment_above_project_value() {
        let r = valida(json!([c("100.00", "150.00", None)]));
        assert_eq!(
            paths(&r, "CSI-MON-004"),
            ["/processi/0/fasi/0/progetto/compartecipazione_assistito"]
        );
        assert!(!valida(json!([c("100.00", "100.00", None)])).has("CSI-MON-004"));
    }

    #[test]
    fn mon_005_paid_above_approved_plan() {
        let erogato = |v: &str| d(json!({ "importo_erogato": { "amount": v, "currency": "EUR" } }));
        let r = valida(json!([
            c("100.00", "0", Some("PROGETTO_APPROVATO")),
            erogato("120.00")
        ]));
        assert_eq!(
            paths(&r, "CSI-MON-005"),
            ["/processi/0/fasi/1/importo_erogato"]
        );
        assert!(!valida(json!([c("100.00", "0", None), erogato("100.00")])).has("CSI-MON-005"));
        // A plan not activated is not the approved plan.
        assert!(!valida(json!([
            c("100.00", "0", Some("PROGETTO_NON_ATTIVATO")),
            erogato("120.00")
        ]))
        .has("CSI-MON-005"));
    }

    #[test]
    fn mon_007_zero_bonus_or_voucher() {
        let r = valida(json!([d(json!({
            "valore_mensile_buono": { "amount": "0.00", "currency": "EUR" },
            "valore_voucher": { "amount": "5", "currency": "EUR" },
            "importo_erogato": { "amount": "0", "currency": "EUR" }
        }))]));
        assert_eq!(
            paths(&r, "CSI-MON-007"),
            ["/processi/0/fasi/0/valore_mensile_buono/amount"]
        );
        assert!(!valida(isee("0", "EUR")).has("CSI-MON-007"));
    }

    #[test]
    fn every_amount_of_the_model_is_checked() {
        let r = valida(json!([
            { "tipo_fase": "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO", "id_fase": "E-1", "stato_fase": "APERTA",
              "data_inizio": "2024-05-01", "risorse_economiche_finali": { "amount": "-3", "currency": "EUR" } },
            d(json!({ "riprogrammazione_risorse": { "amount": "1", "currency": "GBP" } }))
        ]));
        assert_eq!(
            paths(&r, "CSI-MON-002"),
            ["/processi/0/fasi/0/risorse_economiche_finali/amount"]
        );
        assert_eq!(
            paths(&r, "CSI-MON-001"),
            ["/processi/0/fasi/1/riprogrammazione_risorse/currency"]
        );
    }
}
