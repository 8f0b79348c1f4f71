//! Whole-cartella validation throughput over the embedded samples: `Validator::validate` on an
//! already parsed cartella, and canonical JSON parsing followed by validation.
//!
//! Run: `cargo bench -p cartella --bench validate` (`-- --test` runs each benchmark once).

use std::hint::black_box;

use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
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

fn bench_validate(c: &mut Criterion) {
    let validator = validator();
    let mut group = c.benchmark_group("validate");
    for sample in samples::all() {
        let Ok(cartella) = json::from_str(sample.json) else {
            eprintln!("sample {} does not parse; skipped", sample.name);
            continue;
        };
        group.throughput(Throughput::Elements(1));
        group.bench_function(sample.name, |b| {
            b.iter(|| validator.validate(black_box(&cartella)))
        });
    }
    group.finish();
}

fn bench_parse_and_validate(c: &mut Criterion) {
    let validator = validator();
    let mut group = c.benchmark_group("parse+validate");
    for sample in samples::all() {
        group.throughput(Throughput::Bytes(sample.json.len() as u64));
        group.bench_function(sample.name, |b| {
            b.iter(|| match json::from_str(black_box(sample.json)) {
                Ok(cartella) => Some(validator.validate(&cartella)),
                Err(_) => None,
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse");
    let sample = samples::get("percorso-completo").map_or("", |s| s.json);
    group.throughput(Throughput::Bytes(sample.len() as u64));
    group.bench_function("percorso-completo", |b| {
        b.iter(|| json::from_str(black_box(sample)).is_ok())
    });
    group.finish();
}

criterion_group!(benches, bench_validate, bench_parse_and_validate);
criterion_main!(benches);
