//! Interscambio throughput: for each message written from the embedded samples (and the full
//! fixture `tests/fixtures/interscambio/completa.json`), one iteration reads the XML with the
//! hardened reader, validates the message (reader findings + canonical rules) and writes it back
//! as XML. Criterion reports messages per second on one core (`Throughput::Elements(1)`).
//!
//! Run: `cargo bench -p cartella --bench interscambio` (`-- --test` runs each benchmark once).

use std::hint::black_box;

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{scrivi, OpzioniScrittura};
use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::Profile;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// mimalloc, as the `cartella` CLI and the Python and JVM bindings ship with it: the figures
// measure what users run. The `cartella` library itself leaves the allocator to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn validator() -> Validator {
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or_default();
    Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    )
}

#[path = "../examples/comune/messaggi.rs"]
mod comune;

/// `(name, xml)` of every message: the first process of each sample and of the full fixture.
fn messaggi() -> Vec<(String, String)> {
    comune::messaggi().unwrap_or_else(|e| panic!("benchmark messages: {e}"))
}

fn bench_round(c: &mut Criterion) {
    let validator = validator();
    let opzioni_lettura = OpzioniLettura::default();
    let opzioni_scrittura = OpzioniScrittura::default();
    let mut group = c.benchmark_group("interscambio parse+validate+write");
    for (name, xml) in messaggi() {
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            b.iter(|| {
                let lettura = leggi(black_box(xml.as_bytes()), &opzioni_lettura).ok()?;
                let m = lettura.messaggio?;
                let report = validator.validate_messaggio(&m);
                let out = scrivi(&m, &opzioni_scrittura).ok()?;
                Some((report.issues.len() + lettura.issues.len(), out.len()))
            })
        });
    }
    group.finish();
}

fn bench_parse(c: &mut Criterion) {
    let opzioni = OpzioniLettura::default();
    let mut group = c.benchmark_group("interscambio parse");
    for (name, xml) in messaggi() {
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| leggi(black_box(xml.as_bytes()), &opzioni).ok())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_round, bench_parse);
criterion_main!(benches);
