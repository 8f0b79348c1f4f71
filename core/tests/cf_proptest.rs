//! Property tests of the codice fiscale module: encode → decode round trip over random names,
//! dates and places from the embedded tables; omocodic variants; arbitrary input never panics.

use cartella::cf::{self, DatiAnagrafici, OpzioniCf, Sesso};
use cartella::refdata::DatiRiferimento;
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

/// (Belfiore code, a date at which it is valid) for every row of the embedded tables.
fn places() -> &'static [(String, NaiveDate)] {
    static P: std::sync::OnceLock<Vec<(String, NaiveDate)>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let r = DatiRiferimento::embedded();
        let min = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
        r.comuni()
            .iter()
            .map(|c| {
                (
                    c.codice_belfiore.clone(),
                    c.valido_dal.unwrap_or(min).max(min),
                )
            })
            .chain(r.stati_esteri().iter().map(|s| {
                (
                    s.codice_belfiore.clone(),
                    s.valido_dal.unwrap_or(min).max(min),
                )
            }))
            .collect()
    })
}

fn name() -> impl Strategy<Value = String> {
    "[A-Za-zàèéìòùÀÈ' ]{0,14}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn round_trip(cognome in name(), nome in name(), idx in 0usize..100_000, offset in 0i64..30, f in any::<bool>(), omo in 0u8..=7) {
        let (code, from) = &places()[idx % places().len()];
        let date = *from + chrono::Duration::days(offset);
        let sesso = if f { Sesso::F } else { Sesso::M };
        let s = cf::codifica(&cognome, &nome, date, sesso, code, omo).expect("encode");
        prop_assert!(cf::is_valid(&s));
        let opz = OpzioniCf {
            data_riferimento: NaiveDate::from_ymd_opt(2026, 12, 31),
            confronto: Some(DatiAnagrafici {
                data_nascita: Some(date),
                genere: Some(sesso),
                cognome: Some(&cognome),
                nome: Some(&nome),
                ..Default::default()
            }),
            ..OpzioniCf::default()
        };
        let a = cf::analizza(&s, &opz);
        prop_assert!(a.valido);
        prop_assert_eq!(a.sesso, Some(sesso));
        prop_assert_eq!(a.data_nascita, Some(date));
        prop_assert_eq!(a.luogo_nascita.as_ref().map(|l| l.codice.as_str()), Some(code.as_str()));
        prop_assert_eq!(a.omocodia, omo > 0);
        for r in ["CF-003", "CF-009", "CF-010", "CF-011", "CF-014"] {
            prop_assert!(!a.has(r), "{} for {:?}", r, a.findings);
        }
    }

    #[test]
    fn omocodic_variants_decode_the_same(y in 1900i32..2025, doy in 0u32..365, f in any::<bool>(), idx in 0usize..100_000) {
        let date = NaiveDate::from_yo_opt(y, doy + 1).unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 1, 1).expect("date"));
        let sesso = if f { Sesso::F } else { Sesso::M };
        let (code, _) = &places()[idx % places().len()];
        let opz = OpzioniCf { data_riferimento: NaiveDate::from_ymd_opt(2026, 1, 1), dati_riferimento: None, ..OpzioniCf::default() };
        let base = cf::analizza(&cf::codifica("Verdi", "Giuseppe", date, sesso, code, 0).expect("encode"), &opz);
        prop_assert!(base.valido);
        for omo in 1..=7u8 {
            let s = cf::codifica("Verdi", "Giuseppe", date, sesso, code, omo).expect("encode");
            prop_assert!(cf::is_valid(&s));
            let a = cf::analizza(&s, &opz);
            prop_assert!(a.valido && a.omocodia);
            prop_assert_eq!(a.sesso, base.sesso);
            prop_assert_eq!(a.data_nascita, base.data_nascita);
            prop_assert_eq!(a.luogo_nascita.as_ref().map(|l| &l.codice), base.luogo_nascita.as_ref().map(|l| &l.codice));
            prop_assert_eq!(a.has("CF-008"), omo >= 4);
        }
        prop_assert_eq!(base.data_nascita.map(|d| d.year() % 100), Some(y % 100));
    }

    #[test]
    fn random_strings_never_panic(s in "\\PC{0,40}") {
        let a = cf::analizza(&s, &OpzioniCf::default());
        prop_assert_eq!(a.valido, cf::is_valid(&s));
        let _ = cf::normalizza(&s);
    }

    #[test]
    fn random_cf_shaped_strings_agree(s in "[A-Z0-9a-z ]{11,18}") {
        let a = cf::analizza(&s, &OpzioniCf::default());
        prop_assert_eq!(a.valido, cf::is_valid(&s));
        for f in &a.findings {
            for (_, v) in &f.params {
                prop_assert_eq!(v, &cartella::privacy::maschera_cf(&s));
            }
        }
    }

    #[test]
    fn single_char_corruption_is_detected(idx in 0usize..100_000, pos in 0usize..15, c in "[A-Z0-9]") {
        let (code, from) = &places()[idx % places().len()];
        let s = cf::codifica("Rossi", "Maria", *from, Sesso::F, code, 0).expect("encode");
        let mut b = s.into_bytes();
        let c = c.as_bytes()[0];
        prop_assume!(b[pos] != c);
        b[pos] = c;
        let t = String::from_utf8(b).expect("ascii");
        // any single substitution changes the check sum, except swaps between characters of
        // equal value; the check character then no longer matches or the structure breaks
        let a = cf::analizza(&t, &OpzioniCf::default());
        prop_assert_eq!(a.valido, cf::is_valid(&t));
    }
}
