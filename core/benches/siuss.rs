//! XML codecs of the INPS flows: write and read of a 1 000-beneficiary PS-PSA-SINA upload flow
//! (whole-flow functions and the streaming reader).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use cartella::siuss::xml::{leggi, scrivi, EventoFlusso, LettoreFlusso, OpzioniLetturaFlusso};
use cartella::siuss::*;

fn flusso(n: usize) -> Flusso {
    let s = |v: &str| Some(v.to_string());
    let id = IdentificazioneFlusso {
        nome: s("F205.PS.20240305.0000001"),
        ente: Ente {
            codice: s("F205"),
            denominazione: s("Comune di Milano"),
            indirizzo: s("F205"),
            cf_operatore: s("RSSMRA80A01F205X"),
        },
    };
    let beneficiari = (0..n)
        .map(|i| Beneficiario {
            codice_fiscale: s("RSSMRA80A01F205X"),
            anagrafica: Anagrafica {
                cognome: Some(format!("Rossi {i}")),
                nome: s("Mario"),
                anno_nascita: s("1980"),
                luogo_nascita: s("F205"),
                genere: s("1"),
                codice_cittadinanza: s("380"),
                ..Default::default()
            },
            indirizzi: vec![Indirizzo {
                codice_regione: s("03"),
                codice_comune: s("015146"),
                codice_nazione: s("380"),
            }],
            prestazioni_sociali: vec![PrestazioniSociali {
                tipo_operazione: s("I"),
                presenza_prova_mezzi: s("1"),
                carattere_prestazione: s("1"),
                codice_prestazione: s("A1.01"),
                denominazione_prestazione: s("Assistenza domiciliare & sociale"),
                protocollo_domanda: Some(format!("P-{i:07}")),
                data_inizio_prestazione: s("2024-01-01"),
                data_fine_prestazione: s("2024-12-31"),
                periodo_erogazione: s("12"),
                importo_mensile: s("300.00"),
                importo_quota_ente: s("250.00"),
                importo_quota_utente: s("50.00"),
                presa_carico: s("1"),
                area_utenza: s("2"),
                sina: (i % 4 == 0).then(|| Sina {
                    mobilita: s("2"),
                    attivita_vita_quotidiana: s("2"),
                    disturbi_comportamentali: s("1"),
                    area_reddituale: s("1"),
                    area_supporto: s("2"),
                    fonte_derivazione_valutazione: s("1"),
                    strumento_valutazione: s("1"),
                    invalidita_civile: Some(InvaliditaCivile {
                        inv_civ: vec!["3".into()],
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }],
        })
        .collect();
    Flusso::PsPsaSina(FlussoPsPsaSina {
        identificazione_flusso: id,
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
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
