//! Rust baseline for `scripts/bench/python_bench.py`: the same work as
//! `cartella.Validator(...).validate_many(docs)` in Python — the embedded samples, parsed once,
//! repeated to `--docs` documents, validated in parallel with rayon by one `Validator` (profile
//! `guideline`, fixed `as_of`), results collected in order.
//!
//! ```text
//! cargo run --release -p cartella-python --example bench_validate -- [docs] [rounds]
//! ```
//! Prints `ns_per_doc=<best of rounds>`.

use std::time::Instant;

use cartella::rules::{Profile, Profiles, ValidationOptions, Validator};
use rayon::prelude::*;

// The extension module's allocator (mimalloc with the opt-in feature `mimalloc`), so that the ratio measures
// the binding and not a difference of allocators.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let docs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(6000);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let samples: Vec<cartella::Cartella> = cartella::samples::all()
        .iter()
        .filter_map(|s| cartella::json::from_str(s.json).ok())
        .collect();
    if samples.is_empty() {
        eprintln!("no sample could be parsed");
        std::process::exit(1);
    }
    let batch: Vec<&cartella::Cartella> = samples.iter().cycle().take(docs).collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    let validator = Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    );
    let mut best = f64::INFINITY;
    let mut issues = 0usize;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let reports: Vec<cartella::Report> =
            batch.par_iter().map(|c| validator.validate(c)).collect();
        let ns = t.elapsed().as_nanos() as f64 / batch.len() as f64;
        issues = reports.iter().map(|r| r.issues.len()).sum();
        best = best.min(ns);
    }
    println!(
        "docs={} issues={} ns_per_doc={:.0}",
        batch.len(),
        issues,
        best
    );
}
