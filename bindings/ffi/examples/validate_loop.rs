//! Timed loop: validation of the embedded samples in Rust, the baseline of the JVM benchmark
//! (`scripts/bench/jvm_bench.sh`, `examples/java/.../Bench.java` uses the same method): profile
//! guideline, as of 2025-01-15, one reusable validator; `validate` on an already parsed cartella,
//! `parse+validate` from the JSON text, `batch` = parse+validate of every sample in one call. Prints `rust <measure> <sample> <ns/op>` lines.
//!
//! Run: `cargo run --release -p cartella-ffi --example validate_loop [-- SECONDS]`

use std::hint::black_box;
use std::time::{Duration, Instant};

use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
// Links the shared library's crate, hence its global allocator (mimalloc with the feature
// `mimalloc`): the baseline runs with the allocator the JVM loads.
use cartella_ffi as _;

fn ns_per_op<T>(seconds: f64, mut op: impl FnMut() -> T) -> f64 {
    let warm_end = Instant::now() + Duration::from_secs_f64(seconds * 0.5);
    while Instant::now() < warm_end {
        black_box(op());
    }
    let start = Instant::now();
    let end = start + Duration::from_secs_f64(seconds);
    let mut n: u64 = 0;
    loop {
        for _ in 0..16 {
            black_box(op());
        }
        n += 16;
        let now = Instant::now();
        if now >= end {
            return (now - start).as_nanos() as f64 / n as f64;
        }
    }
}

fn main() {
    let seconds: f64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let Some(as_of) = chrono::NaiveDate::from_ymd_opt(2025, 1, 15) else {
        return;
    };
    let validator = Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    );
    for sample in samples::all() {
        let cartella = match json::from_str(sample.json) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("sample {} does not parse: {e}", sample.name);
                continue;
            }
        };
        let v = ns_per_op(seconds, || validator.validate(black_box(&cartella)));
        println!("rust validate {} {v:.0}", sample.name);
        let pv = ns_per_op(seconds, || {
            json::from_str(black_box(sample.json))
                .ok()
                .map(|c| validator.validate(&c))
        });
        println!("rust parse+validate {} {pv:.0}", sample.name);
    }
    let all: Vec<&str> = samples::all().iter().map(|s| s.json).collect();
    let batch = ns_per_op(seconds, || {
        all.iter()
            .filter_map(|j| json::from_str(black_box(j)).ok())
            .map(|c| validator.validate(&c))
            .collect::<Vec<_>>()
    });
    println!("rust batch all-samples {batch:.0}");
}
