//! Interscambio profiling driver (callgrind): runs one stage of the round a fixed number of times
//! on every benchmark message, so instruction counts are comparable between builds.
//!
//! `cargo run --release -p cartella --example interscambio_profilo -- [ITERATIONS]`; under
//! `valgrind --tool=callgrind`, the inclusive cost of `fase_lettura`, `fase_validazione` and
//! `fase_scrittura` (callgrind_annotate `--inclusive=yes`) is the cost of each stage.

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{messaggio_per_processo, scrivi, Busta, OpzioniScrittura};
use cartella::model::{Identificatore, Istante, MessaggioInterscambio, Oid};
use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
use chrono::NaiveDate;

fn id(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

fn messaggi() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut testi: Vec<(String, &str)> = samples::all()
        .iter()
        .map(|s| (s.name.to_string(), s.json))
        .collect();
    testi.push((
        "completa".to_string(),
        include_str!("../tests/fixtures/interscambio/completa.json"),
    ));
    let mut out = Vec::new();
    for (name, testo) in testi {
        let c = json::from_str(testo)?;
        let Some(p) = c.processi.first() else {
            continue;
        };
        let busta = Busta {
            id_messaggio: id(&format!("MSG-{}", p.id_processo)),
            data_creazione: Istante::parse("2024-02-01T10:30:00")?,
            mittente: c.ente_titolare.id.clone(),
            destinatari: vec![id("DESTINATARIO")],
        };
        let m = messaggio_per_processo(&c, &p.id_processo, busta)?;
        out.push((name, scrivi(&m, &OpzioniScrittura::default())?));
    }
    Ok(out)
}

#[inline(never)]
fn fase_lettura(xml: &[(String, String)], o: &OpzioniLettura, n: usize) -> usize {
    let mut sink = 0;
    for _ in 0..n {
        for (_, x) in xml {
            let l = leggi(std::hint::black_box(x.as_bytes()), o);
            sink += l.map(|l| l.issues.len()).unwrap_or(0);
        }
    }
    sink
}

#[inline(never)]
fn fase_validazione(m: &[MessaggioInterscambio], v: &Validator, n: usize) -> usize {
    let mut sink = 0;
    for _ in 0..n {
        for m in m {
            sink += v.validate_messaggio(std::hint::black_box(m)).issues.len();
        }
    }
    sink
}

#[inline(never)]
fn fase_scrittura(m: &[MessaggioInterscambio], o: &OpzioniScrittura, n: usize) -> usize {
    let mut sink = 0;
    for _ in 0..n {
        for m in m {
            sink += scrivi(std::hint::black_box(m), o)
                .map(|s| s.len())
                .unwrap_or(0);
        }
    }
    sink
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let xml = messaggi()?;
    let lettura = OpzioniLettura::default();
    let modelli: Vec<MessaggioInterscambio> = xml
        .iter()
        .map(|(_, x)| leggi(x.as_bytes(), &lettura).ok().and_then(|l| l.messaggio))
        .collect::<Option<_>>()
        .ok_or("message not readable")?;
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("date")?;
    let validator = Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    );
    // Warm-up outside the measured functions (lazy statics).
    validator.validate_messaggio(&modelli[0]);
    let a = fase_lettura(&xml, &lettura, n);
    let b = fase_validazione(&modelli, &validator, n);
    let c = fase_scrittura(&modelli, &OpzioniScrittura::default(), n);
    println!("{} messages x {n}: {a} {b} {c}", xml.len());
    Ok(())
}
