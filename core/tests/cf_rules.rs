//! Codice fiscale: the test vectors of `rules.md` §5.1 and, for every CF rule, one triggering
//! and one non-triggering case.

use cartella::cf::{self, AnalisiCf, DatiAnagrafici, OpzioniCf, Sesso, TipoCf, TipoLuogo};
use cartella::refdata::DatiRiferimento;
use chrono::NaiveDate;

fn d(y: i32, m: u32, g: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, g).expect("date")
}

fn opz() -> OpzioniCf<'static> {
    OpzioniCf {
        data_riferimento: Some(d(2026, 1, 1)),
        ..OpzioniCf::default()
    }
}

fn con(c: DatiAnagrafici<'static>) -> OpzioniCf<'static> {
    OpzioniCf {
        confronto: Some(c),
        ..opz()
    }
}

fn a(s: &str) -> AnalisiCf {
    cf::analizza(s, &opz())
}

fn ids(x: &AnalisiCf) -> Vec<&'static str> {
    x.findings.iter().map(|f| f.rule_id).collect()
}

/// `rule` is raised for `yes` and not for `no`.
fn pair(rule: &str, yes: &AnalisiCf, no: &AnalisiCf) {
    assert!(yes.has(rule), "{rule} expected in {:?}", ids(yes));
    assert!(!no.has(rule), "{rule} not expected in {:?}", ids(no));
}

#[test]
fn vectors_of_rules_5_1() {
    let x = a("RSSMRA80A01H501U");
    assert!(x.valido && x.findings.is_empty(), "{:?}", ids(&x));
    assert_eq!(
        (x.tipo, x.sesso, x.data_nascita),
        (Some(TipoCf::Personale), Some(Sesso::M), Some(d(1980, 1, 1)))
    );
    let l = x.luogo_nascita.as_ref().expect("place");
    assert_eq!((l.codice.as_str(), l.tipo), ("H501", TipoLuogo::Comune));
    assert_eq!(l.denominazione.as_deref(), Some("Roma"));
    assert_eq!(l.sigla_provincia.as_deref(), Some("RM"));

    let x = cf::analizza(
        "BNCLRA75M41F205A",
        &con(DatiAnagrafici {
            cognome: Some("Bianchi"),
            nome: Some("Laura"),
            ..Default::default()
        }),
    );
    assert!(x.valido && x.findings.is_empty(), "{:?}", ids(&x));
    assert_eq!(
        (x.sesso, x.data_nascita),
        (Some(Sesso::F), Some(d(1975, 8, 1)))
    );
    assert_eq!(
        x.luogo_nascita.as_ref().map(|l| l.codice.as_str()),
        Some("F205")
    );

    let x = a("RSSMRA8LA01H501F");
    assert!(x.valido && x.omocodia);
    assert_eq!(ids(&x), ["CF-007", "CF-008"]);
    assert_eq!(x.data_nascita, Some(d(1980, 1, 1))); // L = 0

    assert_eq!(ids(&a("RSSMRA80A01H501A")), ["CF-003"]);
    assert!(!a("RSSMRA80A01H501A").valido);
    assert_eq!(ids(&a("RSSMRA80K01H501V")), ["CF-004"]);
    assert!(!a("RSSMRA80K01H501V").valido);

    let x = a("01234567897");
    assert!(x.valido && x.findings.is_empty());
    assert_eq!(x.tipo, Some(TipoCf::Numerico));
    assert_eq!(ids(&a("01234567890")), ["CF-015"]);

    for (s, ok) in [
        ("RSSMRA80A01H501U", true),
        ("BNCLRA75M41F205A", true),
        ("RSSMRA8LA01H501F", true),
        ("RSSMRA80A01H501A", false),
        ("RSSMRA80K01H501V", false),
        ("01234567897", true),
        ("01234567890", false),
    ] {
        assert_eq!(cf::is_valid(s), ok, "{s}");
    }
}

#[test]
fn cf_001_classification() {
    pair("CF-001", &a("RSSMRA80A01H501"), &a("RSSMRA80A01H501U"));
    for s in [
        "",
        "RSSMRA80A01H501UX",
        "0123456789",
        "RSSMRA80A01H50-U",
        "RSSMRA80A01H501É",
        "0123456789A",
    ] {
        let x = a(s);
        assert_eq!(ids(&x), ["CF-001"], "{s:?}");
        assert!(!x.valido && x.tipo.is_none());
    }
}

#[test]
fn cf_002_structure() {
    pair("CF-002", &a("R5SMRA80A01H501U"), &a("RSSMRA80A01H501U"));
    pair("CF-002", &a("RSSMRA80101H501U"), &a("RSSMRA80A01H501U")); // month digit
    pair("CF-002", &a("RSSMRA80A011501U"), &a("RSSMRA80A01H501U")); // place letter
    pair("CF-002", &a("RSSMRA80A01H5011"), &a("RSSMRA80A01H501U")); // check digit
}

#[test]
fn cf_003_check_character() {
    pair("CF-003", &a("RSSMRA80A01H501A"), &a("RSSMRA80A01H501U"));
}

#[test]
fn cf_004_month() {
    pair("CF-004", &a("RSSMRA80K01H501V"), &a("RSSMRA80A01H501U"));
}

#[test]
fn cf_005_day() {
    let enc = |g: &str| {
        let p = format!("RSSMRA80A{g}H501");
        let c = cf::carattere_controllo(&p).expect("prefix");
        a(&format!("{p}{c}"))
    };
    pair("CF-005", &enc("32"), &enc("31"));
    pair("CF-005", &enc("00"), &enc("41"));
    pair("CF-005", &enc("72"), &enc("71"));
    pair("CF-005", &enc("40"), &enc("01"));
    // day must exist in the month: 30 February never, 29 February only for a leap candidate year
    let feb = |yy: &str, g: &str| {
        let p = format!("RSSMRA{yy}B{g}H501");
        let c = cf::carattere_controllo(&p).expect("prefix");
        a(&format!("{p}{c}"))
    };
    pair("CF-005", &feb("80", "30"), &feb("80", "29"));
    pair("CF-005", &feb("81", "29"), &feb("00", "29"));
    pair("CF-005", &feb("81", "69"), &feb("84", "69"));
    let x = feb("00", "29");
    assert_eq!(x.data_nascita, Some(d(2000, 2, 29)));
    // April has 30 days
    let apr = |g: &str| {
        let p = format!("RSSMRA80D{g}H501");
        let c = cf::carattere_controllo(&p).expect("prefix");
        a(&format!("{p}{c}"))
    };
    pair("CF-005", &apr("31"), &apr("30"));
}

#[test]
fn cf_006_007_008_omocodia() {
    // W is not an omocodia letter
    let p = "RSSMRA80A01H5W1";
    let c = cf::carattere_controllo(p).expect("prefix");
    let bad = a(&format!("{p}{c}"));
    pair("CF-006", &bad, &a("RSSMRA80A01H50MM"));
    assert!(!bad.valido && !bad.has("CF-003"));
    // omocodic only in the place part: CF-007 without CF-008
    let only_place = a("RSSMRA80A01H50MM");
    assert!(only_place.valido);
    pair("CF-007", &only_place, &a("RSSMRA80A01H501U"));
    pair("CF-008", &a("RSSMRA8LA01H501F"), &only_place);
    assert_eq!(
        only_place.luogo_nascita.as_ref().map(|l| l.codice.as_str()),
        Some("H501")
    );
}

#[test]
fn cf_009_birth_date() {
    let yes = cf::analizza(
        "RSSMRA80A01H501U",
        &con(DatiAnagrafici {
            data_nascita: Some(d(1980, 1, 2)),
            ..Default::default()
        }),
    );
    let no = cf::analizza(
        "RSSMRA80A01H501U",
        &con(DatiAnagrafici {
            data_nascita: Some(d(1980, 1, 1)),
            ..Default::default()
        }),
    );
    pair("CF-009", &yes, &no);
    assert!(yes.valido, "warnings do not invalidate");
    // a given birth date fixes the century
    let old = cf::analizza(
        "RSSMRA80A01H501U",
        &con(DatiAnagrafici {
            data_nascita: Some(d(1880, 1, 1)),
            ..Default::default()
        }),
    );
    assert_eq!(old.data_nascita, Some(d(1880, 1, 1)));
    assert!(!old.has("CF-009"));
}

#[test]
fn century_resolution() {
    let with_ref = |y: i32| {
        cf::analizza(
            "RSSMRA20A01H501G",
            &OpzioniCf {
                data_riferimento: Some(d(y, 6, 1)),
                ..OpzioniCf::default()
            },
        )
        .data_nascita
    };
    assert_eq!(cf::carattere_controllo("RSSMRA20A01H501"), Some('G'));
    assert_eq!(with_ref(2026), Some(d(2020, 1, 1)));
    assert_eq!(with_ref(2019), Some(d(1920, 1, 1)));
    assert_eq!(with_ref(1919), Some(d(1820, 1, 1)));
    assert_eq!(with_ref(1800), None);
}

#[test]
fn cf_010_sex() {
    let yes = cf::analizza(
        "BNCLRA75M41F205A",
        &con(DatiAnagrafici {
            genere: Some(Sesso::M),
            ..Default::default()
        }),
    );
    let no = cf::analizza(
        "BNCLRA75M41F205A",
        &con(DatiAnagrafici {
            genere: Some(Sesso::F),
            ..Default::default()
        }),
    );
    pair("CF-010", &yes, &no);
    pair("CF-010", &yes, &a("BNCLRA75M41F205A"));
}

#[test]
fn cf_011_012_018_birthplace() {
    // unknown code X999
    let p = "RSSMRA80A01X999";
    let unknown = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    pair("CF-011", &unknown, &a("RSSMRA80A01H501U"));
    assert!(unknown.valido);
    // Borgo Virgilio M340 exists only from 2014: a 1980 birth there → CF-012
    let p = "RSSMRA80A01M340";
    let early = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    let p = "RSSMRA15A01M340";
    let late = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    pair("CF-012", &early, &late);
    // suppressed Virgilio H123: fine in 1980
    let p = "RSSMRA80A01H123";
    let sup = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    assert!(!sup.has("CF-012") && !sup.has("CF-011"), "{:?}", ids(&sup));
    assert_eq!(
        sup.luogo_nascita
            .as_ref()
            .and_then(|l| l.denominazione.as_deref()),
        Some("Virgilio")
    );
    // foreign: URSS Z135 valid in 1980, not in 2005
    let p = "RSSMRA80A01Z135";
    let urss = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    assert_eq!(
        urss.luogo_nascita.as_ref().map(|l| l.tipo),
        Some(TipoLuogo::Estero)
    );
    let p = "RSSMRA05A01Z135";
    let urss_late = a(&format!("{p}{}", cf::carattere_controllo(p).expect("p")));
    pair("CF-012", &urss_late, &urss);
    // no table
    let none = cf::analizza(
        "RSSMRA80A01H501U",
        &OpzioniCf {
            dati_riferimento: None,
            ..opz()
        },
    );
    pair("CF-018", &none, &a("RSSMRA80A01H501U"));
    assert!(none.findings[0].params.is_empty());
    assert!(none
        .luogo_nascita
        .as_ref()
        .is_some_and(|l| l.denominazione.is_none()));
    // a table loaded at run time
    let custom = DatiRiferimento::from_csv(
        "codice_istat,codice_belfiore,denominazione,sigla_provincia,codice_regione_istat,valido_dal,valido_al\n058091,H501,Roma,RM,12,,\n".as_bytes(),
        "codice_belfiore,iso3166_alpha2,iso3166_numerico,denominazione,valido_dal,valido_al\n".as_bytes(),
        "alpha2,numerico,denominazione\n".as_bytes(),
    )
    .expect("tables");
    let x = cf::analizza(
        "BNCLRA75M41F205A",
        &OpzioniCf {
            dati_riferimento: Some(&custom),
            ..opz()
        },
    );
    assert!(x.has("CF-011"));
}

#[test]
fn cf_013_birthplace_consistency() {
    let c = |istat: Option<&'static str>, stato: Option<&'static str>| {
        cf::analizza(
            "RSSMRA80A01H501U",
            &con(DatiAnagrafici {
                comune_nascita_istat: istat,
                stato_nascita_iso_numerico: stato,
                ..Default::default()
            }),
        )
    };
    pair("CF-013", &c(Some("015146"), None), &c(Some("058091"), None)); // Milano vs Roma
    pair("CF-013", &c(None, Some("840")), &c(None, Some("380")));
    let p = "RSSMRA80A01Z404";
    let usa = format!("{p}{}", cf::carattere_controllo(p).expect("p"));
    let yes = cf::analizza(
        &usa,
        &con(DatiAnagrafici {
            stato_nascita_iso_numerico: Some("380"),
            ..Default::default()
        }),
    );
    let no = cf::analizza(
        &usa,
        &con(DatiAnagrafici {
            stato_nascita_iso_numerico: Some("840"),
            ..Default::default()
        }),
    );
    pair("CF-013", &yes, &no);
}

#[test]
fn cf_014_name_letters() {
    let c = |cognome: &'static str, nome: &'static str| {
        cf::analizza(
            "BNCLRA75M41F205A",
            &con(DatiAnagrafici {
                cognome: Some(cognome),
                nome: Some(nome),
                ..Default::default()
            }),
        )
    };
    pair("CF-014", &c("Bianchi", "Paola"), &c("Bianchi", "Laura"));
    pair("CF-014", &c("Rossi", "Laura"), &c("  biànchi ", "LÀURA"));
    // only when both names are present
    let only = cf::analizza(
        "BNCLRA75M41F205A",
        &con(DatiAnagrafici {
            cognome: Some("Rossi"),
            ..Default::default()
        }),
    );
    assert!(!only.has("CF-014"));
    assert_eq!(cf::lettere_cognome("De Rossi"), "DRS");
    assert_eq!(cf::lettere_cognome("Ré"), "REX");
    assert_eq!(cf::lettere_nome("Nicolò"), "NCL");
    assert_eq!(cf::lettere_nome("Alessandro"), "LSN");
}

#[test]
fn cf_015_016_numeric() {
    pair("CF-015", &a("01234567890"), &a("01234567897"));
    let pf = OpzioniCf {
        persona_fisica: true,
        ..opz()
    };
    pair(
        "CF-016",
        &cf::analizza("01234567897", &pf),
        &a("01234567897"),
    );
    assert!(cf::analizza("01234567897", &pf).valido, "CF-016 is info");
}

#[test]
fn cf_017_normalisation() {
    pair("CF-017", &a(" rssmra80a01h501u"), &a("RSSMRA80A01H501U"));
    pair("CF-017", &a("RSSMRA 80A01 H501U"), &a("RSSMRA80A01H501U"));
    let x = a("rssmra80a01h501u");
    assert!(x.valido && x.normalizzato.as_str() == "RSSMRA80A01H501U");
    // INPS form: 11 digits followed by up to 5 spaces, no CF-017
    let inps = a("01234567897   ");
    assert!(inps.valido && !inps.has("CF-017"));
    assert_eq!(cf::normalizza("RSSMRA80A01H501U"), "RSSMRA80A01H501U");
    assert!(matches!(
        cf::normalizza("RSSMRA80A01H501U"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn findings_are_masked() {
    for s in [
        "RSSMRA80A01H501A",
        "rssmra80a01h501u",
        "01234567890",
        "RSSMRA80A01H501UX",
    ] {
        let x = a(s);
        assert!(!x.findings.is_empty());
        for f in &x.findings {
            for (k, v) in &f.params {
                assert_eq!(*k, "cf");
                assert_eq!(v, &cartella::privacy::maschera_cf(s));
                assert!(!v.contains(&s.trim()[6..10]), "{v}");
            }
        }
        let dbg = format!("{x:?}");
        assert!(
            !dbg.to_uppercase().contains(&s.trim().to_uppercase()),
            "{dbg}"
        );
    }
}

#[test]
fn encode() {
    assert_eq!(
        cf::codifica("Rossi", "Mario", d(1980, 1, 1), Sesso::M, "H501", 0).expect("ok"),
        "RSSMRA80A01H501U"
    );
    assert_eq!(
        cf::codifica("Bianchi", "Laura", d(1975, 8, 1), Sesso::F, "f205", 0).expect("ok"),
        "BNCLRA75M41F205A"
    );
    assert_eq!(
        cf::codifica("Rossi", "Mario", d(1980, 1, 1), Sesso::M, "H501", 7).expect("ok"),
        "RSSMRAULALMHRLMF".replace(
            "RLMF",
            &format!(
                "RLM{}",
                cf::carattere_controllo("RSSMRAULALMHRLM").expect("p")
            )
        )
    );
    assert!(cf::codifica("Rossi", "Mario", d(1980, 1, 1), Sesso::M, "H50", 0).is_err());
    assert!(cf::codifica("Rossi", "Mario", d(1980, 1, 1), Sesso::M, "H501", 8).is_err());
}
