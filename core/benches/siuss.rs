//! XML codecs of the INPS flows: write and read of a 1 000-beneficiary PS-PSA-SINA upload flow
//! (whole-flow functions and the streaming reader) and the check of every flow rule.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use cartella::siuss::xml::{leggi, scrivi, EventoFlusso, LettoreFlusso, OpzioniLetturaFlusso};
use cartella::siuss::*;
use cartella::testing::campioni_siuss;

// mimalloc, as the `cartella` CLI and the Python and JVM bindings ship with it: the figures
// measure what users run. The `cartella` library itself leaves the allocator to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A flow of `n` sample beneficiaries (`testing::campioni_siuss`); every fourth is taken in
/// charge with a SINA assessment.
fn flusso(n: u64) -> Flusso {
    let s = |v: &str| Some(v.to_string());
    let beneficiari = (0..n)
        .map(|i| {
            let mut b = campioni_siuss::beneficiario(i);
            if i % 4 == 0 {
                let p = &mut b.prestazioni_sociali[0];
                p.presa_carico = s("1");
                p.area_utenza = s("2");
                p.sina = Some(Sina {
                    mobilita: s("2"),
                    attivita_vita_quotidiana: s("2"),
                    disturbi_comportamentali: s("1"),
                    area_reddituale: s("1"),
                    area_supporto: s("2"),
                    fonte_derivazione_valutazione: s("1"),
                    strumento_valutazione: s("1"),
                    fonte_derivazione_invalidita: s("1"),
                    invalidita_civile: Some(InvaliditaCivile {
                        inv_civ: vec!["3".into()],
                    }),
                    ..Default::default()
                });
            }
            b
        })
        .collect();
    Flusso::PsPsaSina(FlussoPsPsaSina {
        identificazione_flusso: campioni_siuss::identificazione(),
        beneficiari,
    })
}

fn bench(c: &mut Criterion) {
    let f = flusso(1_000);
    let xml = scrivi(&f);
    let o = OpzioniLetturaFlusso::default();
    let mut g = c.benchmark_group("siuss_1000_beneficiari");
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("scrivi", |b| b.iter(|| scrivi(black_box(&f))));
    g.bench_function("leggi", |b| {
        b.iter(|| {
            let l = leggi(black_box(xml.as_bytes()), &o);
            assert!(l.issues.is_empty());
            l
        })
    });
    g.bench_function("lettore_streaming", |b| {
        b.iter(|| {
            LettoreFlusso::nuovo(black_box(xml.as_bytes()), &o)
                .filter(|e| matches!(e, Ok(EventoFlusso::Beneficiario(_))))
                .count()
        })
    });
    let opzioni = OpzioniVerifica {
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 7, 2),
        ..OpzioniVerifica::default()
    };
    g.bench_function("verifica", |b| b.iter(|| verifica(black_box(&f), &opzioni)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
