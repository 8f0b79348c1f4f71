//! Interscambio throughput on one core, for `scripts/bench/interscambio_vs_lxml.py`.
//!
//! For every message written from the embedded samples and from the full fixture
//! `tests/fixtures/interscambio/completa.json`, times read (hardened parser) + validation (reader
//! findings + canonical rules) + write, and prints one line per message:
//! `name<TAB>bytes<TAB>messages_per_second`.
//!
//! `cargo run --release -p cartella --example interscambio_throughput -- [--write-dir DIR]
//! [--seconds S]`: `--write-dir` also writes each message as `DIR/<name>.xml` (the inputs of the
//! lxml comparison); `--seconds` is the time spent per message (default 1).

use std::time::{Duration, Instant};

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{scrivi, OpzioniScrittura};
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut write_dir = None;
    let mut seconds = 1.0f64;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--write-dir" => write_dir = args.get(i + 1).cloned(),
            "--seconds" => seconds = args.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(1.0),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
        i += 2;
    }
    let messaggi = messaggi()?;
    if let Some(dir) = &write_dir {
        std::fs::create_dir_all(dir)?;
        for (name, xml) in &messaggi {
            std::fs::write(std::path::Path::new(dir).join(format!("{name}.xml")), xml)?;
        }
    }
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("date")?;
    let validator = Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    );
    let lettura = OpzioniLettura::default();
    let scrittura = OpzioniScrittura::default();
    let budget = Duration::from_secs_f64(seconds);
    for (name, xml) in &messaggi {
        let start = Instant::now();
        let mut n = 0u64;
        let mut sink = 0usize;
        while start.elapsed() < budget || n == 0 {
            for _ in 0..16 {
                let l = leggi(std::hint::black_box(xml.as_bytes()), &lettura)?;
                let m = l.messaggio.ok_or("message not readable")?;
                let report = validator.validate_messaggio(&m);
                let out = scrivi(&m, &scrittura)?;
                sink += report.issues.len() + l.issues.len() + out.len();
                n += 1;
            }
        }
        let rate = n as f64 / start.elapsed().as_secs_f64();
        std::hint::black_box(sink);
        println!("{name}\t{}\t{rate:.1}", xml.len());
        // Breakdown on standard error: microseconds per read, validation, write.
        let l = leggi(xml.as_bytes(), &lettura)?;
        let m = l.messaggio.ok_or("message not readable")?;
        let k = 20u32;
        let t = Instant::now();
        for _ in 0..k {
            std::hint::black_box(leggi(xml.as_bytes(), &lettura)?);
        }
        let read = t.elapsed() / k;
        let t = Instant::now();
        for _ in 0..k {
            std::hint::black_box(validator.validate_messaggio(&m));
        }
        let validate = t.elapsed() / k;
        let t = Instant::now();
        for _ in 0..k {
            std::hint::black_box(scrivi(&m, &scrittura)?);
        }
        let write = t.elapsed() / k;
        eprintln!("{name}: read {read:?}, validate {validate:?}, write {write:?}");
    }
    Ok(())
}
