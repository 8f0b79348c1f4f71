//! Embedded reference data (D17): known rows, history, lookups, run-time replacement.

use cartella::refdata::{DatiRiferimento, Luogo};
use cartella::CartellaError;
use chrono::NaiveDate;

fn d(y: i32, m: u32, g: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, g)
}

#[test]
fn milano() {
    let r = DatiRiferimento::embedded();
    let c = r.comune_per_belfiore("F205", None).expect("F205");
    assert_eq!(c.denominazione, "Milano");
    assert_eq!(c.codice_istat.as_deref(), Some("015146"));
    assert_eq!(c.sigla_provincia.as_deref(), Some("MI"));
    assert_eq!(c.codice_regione_istat.as_deref(), Some("03"));
    assert!(c.valido_al.is_none());
    assert_eq!(
        r.comune_per_istat("015146", d(1980, 1, 1))
            .map(|c| c.codice_belfiore.as_str()),
        Some("F205")
    );
    assert!(r.comuni_per_belfiore("F205").len() > 1, "history rows");
    assert!(r
        .comuni_per_belfiore("F205")
        .windows(2)
        .all(|w| w[0].valido_dal <= w[1].valido_dal));
}

#[test]
fn suppressed_comune_resolves_before_suppression_only() {
    // Virgilio (MN), H123, suppressed on 2014-02-03 (merged into Borgo Virgilio, M340).
    let r = DatiRiferimento::embedded();
    let before = r
        .comune_per_belfiore("H123", d(1980, 5, 1))
        .expect("valid in 1980");
    assert_eq!(before.denominazione, "Virgilio");
    assert!(
        r.comune_per_belfiore("H123", d(2014, 2, 3)).is_some(),
        "last day inclusive"
    );
    assert!(r.comune_per_belfiore("H123", d(2014, 2, 4)).is_none());
    assert!(r.comune_per_belfiore("H123", d(2020, 1, 1)).is_none());
    // without a date: the last row
    assert_eq!(
        r.comune_per_belfiore("H123", None)
            .and_then(|c| c.valido_al),
        d(2014, 2, 3)
    );
    let nuovo = r
        .comune_per_belfiore("M340", d(2020, 1, 1))
        .expect("Borgo Virgilio");
    assert_eq!(nuovo.codice_istat.as_deref(), Some("020071"));
    assert!(
        r.comune_per_belfiore("M340", d(2010, 1, 1)).is_none(),
        "did not exist yet"
    );
}

#[test]
fn merged_comune() {
    // Vermezzo (L768) + Zelo Surrigone (M160) → Vermezzo con Zelo (M424) from 2019-02-08.
    let r = DatiRiferimento::embedded();
    assert!(r.comune_per_belfiore("L768", d(1990, 1, 1)).is_some());
    assert!(r.comune_per_belfiore("M160", d(2019, 2, 7)).is_some());
    assert!(r.comune_per_belfiore("L768", d(2019, 2, 8)).is_none());
    assert!(r.comune_per_belfiore("M424", d(2019, 2, 8)).is_some());
    assert!(r.comune_per_belfiore("M424", d(2019, 2, 7)).is_none());
    assert_eq!(
        r.comune_per_istat("015251", None)
            .map(|c| c.codice_belfiore.as_str()),
        Some("M424")
    );
}

#[test]
fn province_change_keeps_belfiore() {
    // Monza F704: MI until 2009-06-29, MB afterwards.
    let r = DatiRiferimento::embedded();
    assert_eq!(
        r.comune_per_belfiore("F704", d(1990, 1, 1))
            .and_then(|c| c.sigla_provincia.as_deref()),
        Some("MI")
    );
    assert_eq!(
        r.comune_per_belfiore("F704", d(2010, 1, 1))
            .and_then(|c| c.sigla_provincia.as_deref()),
        Some("MB")
    );
}

#[test]
fn foreign_states() {
    let r = DatiRiferimento::embedded();
    let usa = r.stato_per_belfiore("Z404", d(1950, 1, 1)).expect("Z404");
    assert_eq!(usa.iso3166_alpha2.as_deref(), Some("US"));
    assert_eq!(usa.iso3166_numerico.as_deref(), Some("840"));
    assert_eq!(
        r.stato_per_iso_numerico("840", None)
            .map(|s| s.codice_belfiore.as_str()),
        Some("Z404")
    );
    // former states
    let urss = r
        .stato_per_belfiore("Z135", d(1970, 1, 1))
        .expect("URSS in 1970");
    assert_eq!(urss.iso3166_numerico.as_deref(), Some("810"));
    assert!(r.stato_per_belfiore("Z135", d(2000, 1, 1)).is_none());
    assert!(
        r.stato_per_belfiore("Z118", d(1980, 1, 1)).is_some(),
        "Jugoslavia"
    );
    assert!(
        r.stato_per_belfiore("Z105", d(1980, 1, 1)).is_some(),
        "Cecoslovacchia"
    );
    match r.luogo_per_belfiore("Z404", None) {
        Some(Luogo::Estero(s)) => assert_eq!(s.codice_belfiore, "Z404"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        r.luogo_per_belfiore("F205", d(2000, 1, 1)),
        Some(Luogo::Comune(_))
    ));
    assert!(r.luogo_per_belfiore("Z999", None).is_none());
    assert!(
        r.luogo_per_belfiore("f205", None).is_none(),
        "codes are upper-case"
    );
    assert!(r.luogo_per_belfiore("", None).is_none());
}

#[test]
fn iso_table() {
    let r = DatiRiferimento::embedded();
    assert_eq!(
        r.paese_per_alpha2("IT").map(|p| p.numerico.as_str()),
        Some("380")
    );
    assert_eq!(
        r.paese_per_numerico("840")
            .and_then(|p| p.alpha2.as_deref()),
        Some("US")
    );
    let nd = r.paese_per_numerico("990").expect("990 [INPS]");
    assert!(nd.alpha2.is_none());
    assert!(r.paese_per_numerico("84").is_none());
    assert!(r.paese_per_alpha2("XX").is_none());
    assert!(r.paesi().len() >= 250);
}

const CH: &str = "codice_istat,codice_belfiore,denominazione,sigla_provincia,codice_regione_istat,valido_dal,valido_al\n";
const SH: &str =
    "codice_belfiore,iso3166_alpha2,iso3166_numerico,denominazione,valido_dal,valido_al\n";
const IH: &str = "alpha2,numerico,denominazione\n";

fn load(c: &str, s: &str, i: &str) -> Result<DatiRiferimento, CartellaError> {
    DatiRiferimento::from_csv(c.as_bytes(), s.as_bytes(), i.as_bytes())
}

fn err_text(r: Result<DatiRiferimento, CartellaError>) -> String {
    match r {
        Err(e @ CartellaError::Tabella { .. }) => e.to_string(),
        Err(e) => panic!("wrong error kind {e}"),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn from_csv_replaces_tables() {
    let r = load(
        &format!("{CH}099001,X001,Nuovo,XX,99,2030-01-01,\n"),
        &format!("{SH}Z999,QQ,999,Stato,,\n"),
        &format!("{IH}QQ,999,Q\n,990,non disponibile\n"),
    )
    .expect("valid tables");
    assert_eq!(r.comuni().len(), 1);
    assert!(r.comune_per_belfiore("X001", d(2029, 1, 1)).is_none());
    assert!(r.comune_per_belfiore("X001", d(2030, 1, 1)).is_some());
    assert!(r.comune_per_belfiore("F205", None).is_none());
    assert_eq!(
        r.stato_per_iso_numerico("999", None)
            .map(|s| s.codice_belfiore.as_str()),
        Some("Z999")
    );
}

#[test]
fn from_csv_errors_have_line_numbers() {
    let ok_s = SH.to_string();
    let ok_i = IH.to_string();
    let e = err_text(load("codice,belfiore\n", &ok_s, &ok_i));
    assert!(e.contains("comuni") && e.contains("line 1"), "{e}");
    let e = err_text(load(
        &format!("{CH}015146,F205,Milano,MI,03,,\n015146,F20,Milano,MI,03,,\n"),
        &ok_s,
        &ok_i,
    ));
    assert!(e.contains("line 3") && e.contains("codice_belfiore"), "{e}");
    let e = err_text(load(
        &format!("{CH}015146,F205,Milano,MI,03,1990-13-01,\n"),
        &ok_s,
        &ok_i,
    ));
    assert!(e.contains("line 2") && e.contains("valido_dal"), "{e}");
    let e = err_text(load(
        &format!("{CH}015146,F205,Milano,MI,03,2000-01-01,1999-01-01\n"),
        &ok_s,
        &ok_i,
    ));
    assert!(e.contains("line 2"), "{e}");
    let e = err_text(load(
        &format!("{CH}15146,F205,Milano,MI,03,,\n"),
        &ok_s,
        &ok_i,
    ));
    assert!(e.contains("codice_istat"), "{e}");
    let e = err_text(load(&format!("{CH}015146,F205,Milano\n"), &ok_s, &ok_i));
    assert!(e.contains("line 2") && e.contains("fields"), "{e}");
    let e = err_text(load(
        CH,
        &format!("{SH}Z404,US,840,USA,,\nF205,IT,380,Italia,,\n"),
        &ok_i,
    ));
    assert!(e.contains("stati_esteri") && e.contains("line 3"), "{e}");
    let e = err_text(load(CH, &ok_s, &format!("{IH}IT,380,Italia\nIT,381,Bis\n")));
    assert!(
        e.contains("iso3166") && e.contains("line 3") && e.contains("duplicate"),
        "{e}"
    );
    let e = err_text(load(CH, &ok_s, &format!("{IH}IT,38,Italia\n")));
    assert!(e.contains("line 2"), "{e}");
}
