//! Interscambio profiling driver (callgrind): runs one stage of the round a fixed number of times
//! on every benchmark message, so instruction counts are comparable between builds.
//!
//! `cargo run --release -p cartella --example interscambio_profilo -- [ITERATIONS]`; under
//! `valgrind --tool=callgrind`, the inclusive cost of `fase_lettura`, `fase_validazione` and
//! `fase_scrittura` (callgrind_annotate `--inclusive=yes`) is the cost of each stage.

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{scrivi, OpzioniScrittura};
use cartella::model::MessaggioInterscambio;
use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::Profile;
use chrono::NaiveDate;

#[path = "comune/messaggi.rs"]
mod messaggi;
use messaggi::messaggi;

// mimalloc, as the `cartella` CLI and the Python and JVM bindings ship with it: the figures
// measure what users run. The `cartella` library itself leaves the allocator to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
