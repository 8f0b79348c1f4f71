//! Interscambio throughput: for each message written from the embedded samples (and the full
//! fixture `tests/fixtures/interscambio/completa.json`), one iteration reads the XML with the
//! hardened reader, validates the message (reader findings + canonical rules) and writes it back
//! as XML. Criterion reports messages per second on one core (`Throughput::Elements(1)`).
//!
//! Run: `cargo bench -p cartella --bench interscambio` (`-- --test` runs each benchmark once).

use std::hint::black_box;

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{messaggio_per_processo, scrivi, Busta, OpzioniScrittura};
use cartella::model::{Identificatore, Istante, Oid};
use cartella::rules::{Profiles, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn validator() -> Validator {
    let as_of = NaiveDate::from_ymd_opt(2025, 1, 15).unwrap_or_default();
    Validator::new(
        ValidationOptions::default()
            .with_profiles(Profiles::up_to(Profile::Guideline))
            .as_of(as_of),
    )
}

fn id(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

/// `(name, xml)` of every message: the first process of each sample and of the full fixture.
fn messaggi() -> Vec<(String, String)> {
    let mut testi: Vec<(String, String)> = samples::all()
        .iter()
        .map(|s| (s.name.to_string(), s.json.to_string()))
        .collect();
    testi.push((
        "completa".to_string(),
        include_str!("../tests/fixtures/interscambio/completa.json").to_string(),
    ));
    let mut out = Vec::new();
    for (name, testo) in testi {
        let Ok(c) = json::from_str(&testo) else {
            eprintln!("{name}: does not parse; skipped");
            continue;
        };
        let Some(p) = c.processi.first() else {
            continue;
        };
        let Ok(data) = Istante::parse("2024-02-01T10:30:00") else {
            continue;
        };
        let busta = Busta {
            id_messaggio: id(&format!("MSG-{}", p.id_processo)),
            data_creazione: data,
            mittente: c.ente_titolare.id.clone(),
            destinatari: vec![id("DESTINATARIO")],
        };
        let scritto = messaggio_per_processo(&c, &p.id_processo, busta)
            .and_then(|m| scrivi(&m, &OpzioniScrittura::default()));
        match scritto {
            Ok(xml) => out.push((name, xml)),
            Err(e) => eprintln!("{name}: not written ({e}); skipped"),
        }
    }
    out
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
