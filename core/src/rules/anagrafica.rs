//! Assistito (`CSI-ANA-*`, `rules.md` §4.3, `model.md` §3.3).
//!
//! Reference data: `CSI-ANA-009`, `-014` and `-021` use the comuni table ([`Ctx::refdata`]).
//! Without it (D17) `CSI-ANA-014` is downgraded to `info` (the code cannot be confirmed), while
//! `CSI-ANA-009` and the comune part of `CSI-ANA-021` are skipped (no inconsistency can be shown).

use chrono::NaiveDate;

use super::engine::Ctx;
use super::issue::Severity;
use super::operatori::{cf_presente, presente};
use crate::model::{Assistito, Cartella, Codice, Ente};
use crate::refdata::DatiRiferimento;

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-ANA-001",
    "CSI-ANA-002",
    "CSI-ANA-003",
    "CSI-ANA-004",
    "CSI-ANA-005",
    "CSI-ANA-006",
    "CSI-ANA-007",
    "CSI-ANA-008",
    "CSI-ANA-009",
    "CSI-ANA-010",
    "CSI-ANA-011",
    "CSI-ANA-012",
    "CSI-ANA-013",
    "CSI-ANA-014",
    "CSI-ANA-015",
    "CSI-ANA-016",
    "CSI-ANA-017",
    "CSI-ANA-018",
    "CSI-ANA-019",
    "CSI-ANA-021",
];

/// Rules of this area that cannot arise on a canonical cartella: (id, where they are raised).
pub(crate) const DEFERRED: &[(&str, &str)] = &[
    (
        "CSI-ANA-020",
        "raised by the interscambio XML reader while classifying guarantors (interscambio §7.2.1); canonical garanti are classified by their key",
    ),
    (
        "CSI-ANA-023",
        "raised by the interscambio XML reader (two CF ids in patientPerson/asOtherIDs); the canonical model holds one codice fiscale",
    ),
    (
        "CSI-ANA-024",
        "raised by the interscambio XML reader on birthTime precision; the canonical data_nascita is a day-precision Data",
    ),
];

/// ISO 3166-1 numeric code of Italy.
const ITALIA: &str = "380";
/// ISTAT code of Regione Lombardia (the region of ATS, ASST and Ambiti).
const LOMBARDIA: &str = "03";

fn sei_cifre(s: &str) -> bool {
    s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit())
}

fn tre_cifre(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `01`–`20`.
fn regione_valida(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(s.parse::<u8>(), Ok(1..=20))
}

/// Whether a coded place is a foreign state (not Italy).
fn stato_estero(c: Option<&Codice>) -> bool {
    c.is_some_and(|c| {
        let code = c.code.trim();
        !code.is_empty() && code != ITALIA
    })
}

/// Evidence that the assistito was born abroad: a foreign `stato_nascita`, a `Z` Belfiore code, or
/// a `Z` in the birthplace part (position 12) of a 16-character codice fiscale.
fn nato_all_estero(a: &Assistito) -> bool {
    stato_estero(a.stato_nascita.as_ref())
        || a.codice_belfiore_nascita
            .as_ref()
            .is_some_and(|b| b.as_str().trim().starts_with(['Z', 'z']))
        || a.codice_fiscale.as_ref().is_some_and(|cf| {
            let b = cf.as_str().trim().as_bytes();
            b.len() == 16 && b[11].eq_ignore_ascii_case(&b'Z')
        })
}

/// Whether an ISTAT comune code is known and valid at `data` (without a date: known at any
/// date). A code that is current now is also accepted for an earlier date when the comune (same
/// Belfiore code) existed then under another code (e.g. a birthplace recorded with today's code).
fn comune_valido(rd: &DatiRiferimento, code: &str, data: Option<NaiveDate>) -> bool {
    match data {
        None => rd.comune_per_istat(code, None).is_some(),
        Some(d) => {
            rd.comune_per_istat(code, Some(d)).is_some()
                || rd.comune_per_istat(code, None).is_some_and(|c| {
                    rd.comune_per_belfiore(&c.codice_belfiore, Some(d))
                        .is_some()
                })
        }
    }
}

/// `CSI-ANA-011` (syntax) and `CSI-ANA-014` (comuni table) on one ISTAT comune code. `path` is
/// only called when a finding is raised.
fn comune(
    ctx: &mut Ctx<'_>,
    code: &str,
    campo: &'static str,
    data: Option<NaiveDate>,
    path: impl Fn() -> String,
) {
    if !sei_cifre(code) {
        ctx.emit("CSI-ANA-011", path(), [("campo", campo.to_string())]);
        return;
    }
    match ctx.refdata() {
        Some(rd) => {
            if !comune_valido(rd, code, data) {
                ctx.emit("CSI-ANA-014", path(), [("comune", code.to_string())]);
            }
        }
        None => ctx.emit_with_severity(
            "CSI-ANA-014",
            Severity::Info,
            path(),
            [("comune", code.to_string())],
        ),
    }
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let a = &cartella.assistito;
    completezza(ctx, a, base);
    luoghi(ctx, cartella, base);
    cittadinanze(ctx, a, base);
    residenza(ctx, a, base);
    documento_e_contatti(ctx, a, base);
    if a.deceduto == Some(false) && a.data_decesso.is_some() {
        ctx.emit("CSI-ANA-018", format!("{base}/assistito/deceduto"), []);
    }
}

/// Missing fields of level G (`CSI-ANA-001`…`-008`).
fn completezza(ctx: &mut Ctx<'_>, a: &Assistito, base: &str) {
    let cf = cf_presente(a.codice_fiscale.as_ref());
    if !cf && a.altri_identificativi.is_empty() && !presente(a.tessera_team.as_ref()) {
        ctx.emit("CSI-ANA-001", format!("{base}/assistito"), []);
    }
    if !cf {
        ctx.emit(
            "CSI-ANA-002",
            format!("{base}/assistito/codice_fiscale"),
            [],
        );
    }
    if a.nome.is_none() {
        ctx.emit("CSI-ANA-003", format!("{base}/assistito/nome"), []);
    }
    if a.cognome.is_none() {
        ctx.emit("CSI-ANA-003", format!("{base}/assistito/cognome"), []);
    }
    if a.genere.is_none() {
        ctx.emit("CSI-ANA-004", format!("{base}/assistito/genere"), []);
    }
    if a.data_nascita.is_none() {
        ctx.emit("CSI-ANA-005", format!("{base}/assistito/data_nascita"), []);
    }
    if a.comune_nascita.is_none() && !nato_all_estero(a) {
        ctx.emit(
            "CSI-ANA-006",
            format!("{base}/assistito/comune_nascita"),
            [],
        );
    }
    if a.cittadinanza.is_none() {
        ctx.emit("CSI-ANA-007", format!("{base}/assistito/cittadinanza"), []);
    }
    let estero = a
        .residenza
        .as_ref()
        .and_then(|r| r.nazione_iso2.as_ref())
        .is_some_and(|n| !n.as_str().trim().eq_ignore_ascii_case("IT"));
    if !estero
        && a.residenza
            .as_ref()
            .and_then(|r| r.comune_istat.as_ref())
            .is_none()
    {
        ctx.emit(
            "CSI-ANA-008",
            format!("{base}/assistito/residenza/comune_istat"),
            [],
        );
    }
}

/// Birthplace consistency and every ISTAT comune code of the cartella (`CSI-ANA-011`, `-014`,
/// `-017`).
fn luoghi(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let a = &cartella.assistito;
    let oggi = Some(ctx.as_of());
    let nascita = a.data_nascita.map(|d| d.naive());
    if let Some(c) = &a.comune_nascita {
        if stato_estero(a.stato_nascita.as_ref()) {
            ctx.emit("CSI-ANA-017", format!("{base}/assistito/stato_nascita"), []);
        }
        comune(
            ctx,
            c.code.trim(),
            "assistito.comune_nascita",
            nascita,
            || format!("{base}/assistito/comune_nascita/code"),
        );
    }
    if let Some(c) = a.residenza.as_ref().and_then(|r| r.comune_istat.as_ref()) {
        comune(
            ctx,
            c.as_str(),
            "assistito.residenza.comune_istat",
            oggi,
            || format!("{base}/assistito/residenza/comune_istat"),
        );
    }
    if let Some(c) = a.domicilio.as_ref().and_then(|d| d.comune_istat.as_ref()) {
        comune(
            ctx,
            c.as_str(),
            "assistito.domicilio.comune_istat",
            oggi,
            || format!("{base}/assistito/domicilio/comune_istat"),
        );
    }
    for (i, r) in a.relazioni.iter().enumerate() {
        if let Some(c) = &r.comune_nascita_istat {
            let data = r.data_nascita.map(|d| d.naive());
            comune(
                ctx,
                c.as_str(),
                "relazioni.comune_nascita_istat",
                data,
                || format!("{base}/assistito/relazioni/{i}/comune_nascita_istat"),
            );
        }
        if let Some(c) = &r.comune_residenza_istat {
            comune(
                ctx,
                c.as_str(),
                "relazioni.comune_residenza_istat",
                oggi,
                || format!("{base}/assistito/relazioni/{i}/comune_residenza_istat"),
            );
        }
    }
    for (i, ap) in a.assistenti_personali.iter().enumerate() {
        if let Some(c) = &ap.comune_residenza_istat {
            comune(
                ctx,
                c.as_str(),
                "assistenti_personali.comune_residenza_istat",
                oggi,
                || format!("{base}/assistito/assistenti_personali/{i}/comune_residenza_istat"),
            );
        }
    }
    ente(ctx, &cartella.ente_titolare, oggi, || {
        format!("{base}/ente_titolare/codice_istat_comune")
    });
    for (p, processo) in cartella.processi.iter().enumerate() {
        if let Some(e) = &processo.ente_titolare {
            ente(ctx, e, oggi, || {
                format!("{base}/processi/{p}/ente_titolare/codice_istat_comune")
            });
        }
        if let Some(t) = &processo.trasferimento {
            ente(ctx, &t.ente_destinatario, oggi, || {
                format!("{base}/processi/{p}/trasferimento/ente_destinatario/codice_istat_comune")
            });
        }
        if let Some(r) = &processo.ricevuto_da {
            ente(ctx, &r.ente_mittente, oggi, || {
                format!("{base}/processi/{p}/ricevuto_da/ente_mittente/codice_istat_comune")
            });
        }
    }
}

fn ente(ctx: &mut Ctx<'_>, e: &Ente, data: Option<NaiveDate>, path: impl Fn() -> String) {
    if let Some(c) = &e.codice_istat_comune {
        comune(ctx, c.as_str(), "ente.codice_istat_comune", data, path);
    }
}

/// `CSI-ANA-013`, `CSI-ANA-019`.
fn cittadinanze(ctx: &mut Ctx<'_>, a: &Assistito, base: &str) {
    if let Some(c) = &a.cittadinanza {
        if !tre_cifre(&c.code) {
            ctx.emit(
                "CSI-ANA-019",
                format!("{base}/assistito/cittadinanza/code"),
                [("valore", c.code.clone())],
            );
        }
    }
    if let Some(c2) = &a.seconda_cittadinanza {
        if !tre_cifre(&c2.code) {
            ctx.emit(
                "CSI-ANA-019",
                format!("{base}/assistito/seconda_cittadinanza/code"),
                [("valore", c2.code.clone())],
            );
        }
        if a.cittadinanza
            .as_ref()
            .is_some_and(|c| c.code.trim() == c2.code.trim())
        {
            ctx.emit(
                "CSI-ANA-013",
                format!("{base}/assistito/seconda_cittadinanza"),
                [],
            );
        }
    }
}

/// `CSI-ANA-009`, `-010`, `-012`, `-021`.
fn residenza(ctx: &mut Ctx<'_>, a: &Assistito, base: &str) {
    let Some(res) = &a.residenza else {
        return;
    };
    if let Some(n) = &res.nazione_iso2 {
        let noto = n.is_well_formed()
            && match ctx.refdata() {
                Some(rd) => rd.paese_per_alpha2(n.as_str()).is_some(),
                None => true, // syntax only without the ISO table
            };
        if !noto {
            ctx.emit(
                "CSI-ANA-010",
                format!("{base}/assistito/residenza/nazione_iso2"),
                [("valore", n.as_str().to_string())],
            );
        }
    }
    let regione = res.regione_istat.as_ref().map(|r| r.as_str());
    if let Some(r) = regione {
        if !regione_valida(r) {
            ctx.emit(
                "CSI-ANA-012",
                format!("{base}/assistito/residenza/regione_istat"),
                [("valore", r.to_string())],
            );
        }
    }
    // Region of the comune of residence, from the comuni table.
    let comune = res
        .comune_istat
        .as_ref()
        .map(|c| c.as_str())
        .filter(|c| sei_cifre(c));
    let regione_del_comune = match (comune, ctx.refdata()) {
        (Some(c), Some(rd)) => rd
            .comune_per_istat(c, Some(ctx.as_of()))
            .or_else(|| rd.comune_per_istat(c, None))
            .and_then(|row| row.codice_regione_istat.as_deref()),
        _ => None,
    };
    if let (Some(r), Some(rc), Some(c)) = (
        regione.filter(|r| regione_valida(r)),
        regione_del_comune,
        comune,
    ) {
        if r != rc {
            ctx.emit(
                "CSI-ANA-009",
                format!("{base}/assistito/residenza/regione_istat"),
                [("comune", c.to_string())],
            );
        }
    }
    // ATS, ASST and Ambito are Lombard bodies "di residenza": a residence abroad or in a comune
    // of another region contradicts them.
    let garanti = a.garanti.as_ref().is_some_and(|g| {
        presente(g.ats.as_ref()) || presente(g.asst.as_ref()) || presente(g.ambito.as_ref())
    });
    if garanti {
        let estero = res
            .nazione_iso2
            .as_ref()
            .is_some_and(|n| !n.as_str().trim().eq_ignore_ascii_case("IT"));
        let fuori_regione = regione_del_comune.is_some_and(|rc| rc != LOMBARDIA);
        if estero || fuori_regione {
            ctx.emit("CSI-ANA-021", format!("{base}/assistito/garanti"), []);
        }
    }
}

/// `CSI-ANA-015`, `CSI-ANA-016`.
fn documento_e_contatti(ctx: &mut Ctx<'_>, a: &Assistito, base: &str) {
    if let Some(doc) = &a.documento_identita {
        match (doc.tipo.is_some(), presente(doc.estremi.as_ref())) {
            (true, false) => ctx.emit(
                "CSI-ANA-015",
                format!("{base}/assistito/documento_identita/estremi"),
                [],
            ),
            (false, true) => ctx.emit(
                "CSI-ANA-015",
                format!("{base}/assistito/documento_identita/tipo"),
                [],
            ),
            _ => {}
        }
    }
    if let Some(c) = &a.contatti {
        for (campo, valore) in [("telefono", &c.telefono), ("cellulare", &c.cellulare)] {
            if valore.as_deref().is_some_and(|v| !telefono_valido(v)) {
                ctx.emit(
                    "CSI-ANA-016",
                    format!("{base}/assistito/contatti/{campo}"),
                    [("campo", campo.to_string())],
                );
            }
        }
        if c.email.as_deref().is_some_and(|v| !email_valida(v)) {
            ctx.emit(
                "CSI-ANA-016",
                format!("{base}/assistito/contatti/email"),
                [("campo", "email".to_string())],
            );
        }
    }
}

/// `^\+?[0-9]{3,20}$` after removing the separators the model normalises away (spaces, `.`, `-`,
/// `/`, `(`, `)`), so that a value not yet normalised is not reported.
fn telefono_valido(v: &str) -> bool {
    let v = v.trim();
    let cifre = v.strip_prefix('+').unwrap_or(v);
    let mut n = 0usize;
    for b in cifre.bytes() {
        match b {
            b'0'..=b'9' => n += 1,
            b' ' | b'.' | b'-' | b'/' | b'(' | b')' => {}
            _ => return false,
        }
    }
    (3..=20).contains(&n)
}

/// At most 254 characters, exactly one `@` with text on both sides, no whitespace.
fn email_valida(v: &str) -> bool {
    let v = v.trim();
    if v.chars().count() > 254 || v.chars().any(char::is_whitespace) {
        return false;
    }
    let mut parti = v.split('@');
    matches!((parti.next(), parti.next(), parti.next()), (Some(l), Some(d), None) if !l.is_empty() && !d.is_empty())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::test_support::*;
    use super::super::{ReferenceData, Severity, ValidationOptions};

    #[test]
    fn completa_senza_rilievi() {
        assert_none_of(&valida(&completa()), super::RULES);
    }

    #[test]
    fn ana_001_002_identificativi() {
        let mut v = completa();
        remove(&mut v, "/assistito/codice_fiscale");
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-001", "/assistito");
        assert_path(&r, "CSI-ANA-002", "/assistito/codice_fiscale");
        // Another identifier satisfies CSI-ANA-001 but not CSI-ANA-002.
        set(
            &mut v,
            "/assistito/tessera_team",
            "80380000000000000001".into(),
        );
        let r = valida(&v);
        assert_absent(&r, "CSI-ANA-001");
        assert_path(&r, "CSI-ANA-002", "/assistito/codice_fiscale");
        let r = valida(&completa());
        assert_absent(&r, "CSI-ANA-001");
        assert_absent(&r, "CSI-ANA-002");
    }

    #[test]
    fn ana_003_004_005_007_campi_anagrafici() {
        let mut v = completa();
        for campo in ["nome", "cognome", "genere", "data_nascita", "cittadinanza"] {
            remove(&mut v, &format!("/assistito/{campo}"));
        }
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-003", "/assistito/nome");
        assert_path(&r, "CSI-ANA-003", "/assistito/cognome");
        assert_path(&r, "CSI-ANA-004", "/assistito/genere");
        assert_path(&r, "CSI-ANA-005", "/assistito/data_nascita");
        assert_path(&r, "CSI-ANA-007", "/assistito/cittadinanza");
        // Blank text is absent.
        let mut v = completa();
        set(&mut v, "/assistito/nome", "  ".into());
        assert_path(&valida(&v), "CSI-ANA-003", "/assistito/nome");
    }

    #[test]
    fn ana_006_comune_di_nascita_solo_per_nati_in_italia() {
        let mut v = completa();
        remove(&mut v, "/assistito/comune_nascita");
        assert_path(&valida(&v), "CSI-ANA-006", "/assistito/comune_nascita");
        // Born abroad: by stato_nascita, by Belfiore Z code, by the CF birthplace.
        let mut estero = v.clone();
        set(
            &mut estero,
            "/assistito/stato_nascita",
            json!({ "code": "840", "system": "ISO3166-1-numeric" }),
        );
        assert_absent(&valida(&estero), "CSI-ANA-006");
        let mut estero = v.clone();
        set(
            &mut estero,
            "/assistito/codice_belfiore_nascita",
            "Z404".into(),
        );
        assert_absent(&valida(&estero), "CSI-ANA-006");
        let mut estero = v.clone();
        set(
            &mut estero,
            "/assistito/codice_fiscale",
            "RSSMRA80A01Z404R".into(),
        );
        assert_absent(&valida(&estero), "CSI-ANA-006");
        // stato_nascita = Italy is no evidence of foreign birth.
        set(
            &mut v,
            "/assistito/stato_nascita",
            json!({ "code": "380", "system": "ISO3166-1-numeric" }),
        );
        assert_path(&valida(&v), "CSI-ANA-006", "/assistito/comune_nascita");
    }

    #[test]
    fn ana_008_comune_di_residenza() {
        let mut v = completa();
        remove(&mut v, "/assistito/residenza/comune_istat");
        remove(&mut v, "/assistito/garanti");
        assert_path(
            &valida(&v),
            "CSI-ANA-008",
            "/assistito/residenza/comune_istat",
        );
        let mut v = completa();
        remove(&mut v, "/assistito/residenza");
        assert_path(
            &valida(&v),
            "CSI-ANA-008",
            "/assistito/residenza/comune_istat",
        );
        // Residence abroad: no ISTAT comune expected.
        let mut v = completa();
        set(
            &mut v,
            "/assistito/residenza",
            json!({ "nazione_iso2": "CH" }),
        );
        remove(&mut v, "/assistito/garanti");
        assert_absent(&valida(&v), "CSI-ANA-008");
    }

    #[test]
    fn ana_009_regione_incoerente_con_il_comune() {
        let mut v = completa();
        set(&mut v, "/assistito/residenza/regione_istat", "12".into());
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-009", "/assistito/residenza/regione_istat");
        assert_eq!(
            r.of_rule("CSI-ANA-009").next().unwrap().params["comune"],
            "015146"
        );
        // Without reference data the inconsistency cannot be shown.
        let r = valida_con(
            &v,
            ValidationOptions::default().with_reference_data(ReferenceData::Disabled),
        );
        assert_absent(&r, "CSI-ANA-009");
        // Roma in Lazio (12) is consistent.
        set(&mut v, "/assistito/residenza/comune_istat", "058091".into());
        remove(&mut v, "/assistito/garanti");
        assert_absent(&valida(&v), "CSI-ANA-009");
    }

    #[test]
    fn ana_010_nazione_iso2() {
        for bad in ["it", "XX", "ITA"] {
            let mut v = completa();
            set(&mut v, "/assistito/residenza/nazione_iso2", bad.into());
            let r = valida(&v);
            assert_path(&r, "CSI-ANA-010", "/assistito/residenza/nazione_iso2");
            assert_eq!(
                r.of_rule("CSI-ANA-010").next().unwrap().params["valore"],
                bad
            );
        }
        let mut v = completa();
        set(&mut v, "/assistito/residenza/nazione_iso2", "XX".into());
        // Syntax only without the ISO table.
        let r = valida_con(
            &v,
            ValidationOptions::default().with_reference_data(ReferenceData::Disabled),
        );
        assert_absent(&r, "CSI-ANA-010");
    }

    #[test]
    fn ana_011_codice_istat_non_di_sei_cifre() {
        let mut v = completa();
        set(&mut v, "/assistito/residenza/comune_istat", "15146".into());
        set(
            &mut v,
            "/assistito/relazioni/0/comune_nascita_istat",
            "F205".into(),
        );
        set(
            &mut v,
            "/ente_titolare/codice_istat_comune",
            "01514X".into(),
        );
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-011", "/assistito/residenza/comune_istat");
        assert_path(
            &r,
            "CSI-ANA-011",
            "/assistito/relazioni/0/comune_nascita_istat",
        );
        assert_path(&r, "CSI-ANA-011", "/ente_titolare/codice_istat_comune");
        let campi: Vec<&str> = r
            .of_rule("CSI-ANA-011")
            .map(|i| i.params["campo"].as_str())
            .collect();
        assert!(
            campi.contains(&"assistito.residenza.comune_istat"),
            "{campi:?}"
        );
        assert_absent(&r, "CSI-ANA-014");
    }

    #[test]
    fn ana_012_regione_istat() {
        for bad in ["00", "21", "3", "LO"] {
            let mut v = completa();
            set(&mut v, "/assistito/residenza/regione_istat", bad.into());
            let r = valida(&v);
            assert_path(&r, "CSI-ANA-012", "/assistito/residenza/regione_istat");
            assert_absent(&r, "CSI-ANA-009");
        }
        let mut v = completa();
        set(&mut v, "/assistito/residenza/regione_istat", "20".into());
        assert_absent(&valida(&v), "CSI-ANA-012");
    }

    #[test]
    fn ana_013_seconda_cittadinanza_uguale() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/seconda_cittadinanza",
            json!({ "code": "380", "system": "2.16.840.1.113883.2.9.6.2.5" }),
        );
        assert_path(
            &valida(&v),
            "CSI-ANA-013",
            "/assistito/seconda_cittadinanza",
        );
        set(&mut v, "/assistito/seconda_cittadinanza/code", "756".into());
        assert_absent(&valida(&v), "CSI-ANA-013");
    }

    #[test]
    fn ana_014_comune_sconosciuto_o_non_valido_alla_data() {
        // Unknown code.
        let mut v = completa();
        set(&mut v, "/assistito/domicilio/comune_istat", "999999".into());
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-014", "/assistito/domicilio/comune_istat");
        assert_eq!(
            r.of_rule("CSI-ANA-014").next().unwrap().params["comune"],
            "999999"
        );
        assert_eq!(
            r.of_rule("CSI-ANA-014").next().unwrap().severity,
            Severity::Warning
        );
        // Monza (108033, from 2009): residence today is fine, a birth comune in 1980 is accepted
        // because the comune (F704) existed then under another code.
        let mut v = completa();
        set(&mut v, "/assistito/comune_nascita/code", "108033".into());
        assert_absent(&valida(&v), "CSI-ANA-014");
        // A comune that did not exist at the birth date.
        let mut v = completa();
        set(&mut v, "/assistito/comune_nascita/code", "108033".into());
        set(&mut v, "/assistito/data_nascita", "1800-01-01".into());
        remove(&mut v, "/assistito/codice_fiscale");
        assert_path(&valida(&v), "CSI-ANA-014", "/assistito/comune_nascita/code");
    }

    #[test]
    fn ana_014_senza_tabelle_declassato_a_info() {
        let r = valida_con(
            &completa(),
            ValidationOptions::default().with_reference_data(ReferenceData::Disabled),
        );
        let issue = r
            .of_rule("CSI-ANA-014")
            .find(|i| i.path == "/assistito/residenza/comune_istat")
            .expect("info finding without tables");
        assert_eq!(issue.severity, Severity::Info);
        assert!(r
            .of_rule("CSI-ANA-014")
            .all(|i| i.severity == Severity::Info));
    }

    #[test]
    fn ana_015_documento_incompleto() {
        let mut v = completa();
        remove(&mut v, "/assistito/documento_identita/estremi");
        assert_path(
            &valida(&v),
            "CSI-ANA-015",
            "/assistito/documento_identita/estremi",
        );
        let mut v = completa();
        remove(&mut v, "/assistito/documento_identita/tipo");
        assert_path(
            &valida(&v),
            "CSI-ANA-015",
            "/assistito/documento_identita/tipo",
        );
        assert_absent(&valida(&completa()), "CSI-ANA-015");
    }

    #[test]
    fn ana_016_recapiti() {
        let mut v = completa();
        set(&mut v, "/assistito/contatti/telefono", "02-abc".into());
        set(
            &mut v,
            "/assistito/contatti/email",
            "mario@@example.org".into(),
        );
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-016", "/assistito/contatti/telefono");
        assert_path(&r, "CSI-ANA-016", "/assistito/contatti/email");
        assert!(r
            .of_rule("CSI-ANA-016")
            .any(|i| i.params["campo"] == "email"));
        // The value itself never reaches the message.
        assert!(r
            .of_rule("CSI-ANA-016")
            .all(|i| !i.message_it.contains("example")));
        for (campo, ok) in [
            ("telefono", "02 1234 5678"),
            ("cellulare", "+39 333 1234567"),
            ("email", "a@b"),
        ] {
            let mut v = completa();
            set(&mut v, &format!("/assistito/contatti/{campo}"), ok.into());
            assert_absent(&valida(&v), "CSI-ANA-016");
        }
        for (campo, bad) in [
            ("cellulare", "12"),
            ("email", "senza-chiocciola"),
            ("email", "a b@c"),
        ] {
            let mut v = completa();
            set(&mut v, &format!("/assistito/contatti/{campo}"), bad.into());
            assert_path(
                &valida(&v),
                "CSI-ANA-016",
                &format!("/assistito/contatti/{campo}"),
            );
        }
    }

    #[test]
    fn ana_017_comune_italiano_e_stato_estero() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/stato_nascita",
            json!({ "code": "756", "system": "ISO3166-1-numeric" }),
        );
        assert_path(&valida(&v), "CSI-ANA-017", "/assistito/stato_nascita");
        set(&mut v, "/assistito/stato_nascita/code", "380".into());
        assert_absent(&valida(&v), "CSI-ANA-017");
    }

    #[test]
    fn ana_018_deceduto_falso_con_data_decesso() {
        let mut v = completa();
        set(&mut v, "/assistito/deceduto", false.into());
        set(&mut v, "/assistito/data_decesso", "2025-01-05".into());
        assert_path(&valida(&v), "CSI-ANA-018", "/assistito/deceduto");
        set(&mut v, "/assistito/deceduto", true.into());
        assert_absent(&valida(&v), "CSI-ANA-018");
    }

    #[test]
    fn ana_019_cittadinanza_non_di_tre_cifre() {
        let mut v = completa();
        set(&mut v, "/assistito/cittadinanza/code", "IT".into());
        set(
            &mut v,
            "/assistito/seconda_cittadinanza",
            json!({ "code": "7560", "system": "2.16.840.1.113883.2.9.6.2.5" }),
        );
        let r = valida(&v);
        assert_path(&r, "CSI-ANA-019", "/assistito/cittadinanza/code");
        assert_path(&r, "CSI-ANA-019", "/assistito/seconda_cittadinanza/code");
        assert!(r.of_rule("CSI-ANA-019").any(|i| i.params["valore"] == "IT"));
        assert_absent(&valida(&completa()), "CSI-ANA-019");
    }

    #[test]
    fn ana_021_garanti_e_residenza_fuori_lombardia() {
        let mut v = completa();
        set(
            &mut v,
            "/assistito/residenza",
            json!({ "comune_istat": "058091", "regione_istat": "12" }),
        );
        assert_path(&valida(&v), "CSI-ANA-021", "/assistito/garanti");
        let mut v = completa();
        set(
            &mut v,
            "/assistito/residenza",
            json!({ "nazione_iso2": "CH" }),
        );
        assert_path(&valida(&v), "CSI-ANA-021", "/assistito/garanti");
        // Lombard residence, or no guarantors: consistent.
        assert_absent(&valida(&completa()), "CSI-ANA-021");
        let mut v = completa();
        set(
            &mut v,
            "/assistito/residenza",
            json!({ "comune_istat": "058091", "regione_istat": "12" }),
        );
        remove(&mut v, "/assistito/garanti");
        assert_absent(&valida(&v), "CSI-ANA-021");
    }

    #[test]
    fn percorsi_nel_messaggio() {
        let mut v = completa();
        remove(&mut v, "/assistito/genere");
        assert_path(
            &valida_messaggio(&v),
            "CSI-ANA-004",
            "/cartella/assistito/genere",
        );
    }
}
