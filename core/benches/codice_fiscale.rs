//! Codice fiscale throughput: `cf::is_valid` (hot path, target ≥ 10 M codes/s/core) and the
//! full `cf::analizza` (decode with birthplace lookup) over 100k pre-generated codes.
//!
//! Run: `cargo bench -p cartella --bench codice_fiscale`. Besides Criterion's report the bench
//! prints the derived codes-per-second figures (`cf/is_valid: N codes/s`), which
//! `scripts/bench/cf_vs_python.py` parses.

use std::hint::black_box;
use std::time::Instant;

use cartella::cf::{self, OpzioniCf, Sesso};
use cartella::refdata::DatiRiferimento;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

// mimalloc, as the `cartella` CLI and the Python and JVM bindings ship with it: the figures
// measure what users run. The `cartella` library itself leaves the allocator to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Deterministic pseudo-random generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// 100k codes: mostly valid (some omocodic), ~10 % with a wrong check character.
pub fn codes(n: usize) -> Vec<String> {
    const SURNAMES: [&str; 8] = [
        "Rossi",
        "Bianchi",
        "Esposito",
        "Colombo",
        "Fo",
        "Dell'Acqua",
        "Zanè",
        "Ricci",
    ];
    const NAMES: [&str; 8] = [
        "Mario",
        "Laura",
        "Gianfranco",
        "Anna",
        "Lu",
        "Nicolò",
        "Giulia",
        "Francesca",
    ];
    let dati = DatiRiferimento::embedded();
    let places: Vec<&str> = dati
        .comuni()
        .iter()
        .filter(|c| c.valido_al.is_none())
        .map(|c| c.codice_belfiore.as_str())
        .chain(
            dati.stati_esteri()
                .iter()
                .map(|s| s.codice_belfiore.as_str()),
        )
        .collect();
    let mut rng = Rng(0x5EED_CAFE_F00D_u64);
    let start = NaiveDate::from_ymd_opt(1920, 1, 1).expect("date");
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let d = start + chrono::Duration::days(rng.below(36_500) as i64);
        let sex = if rng.below(2) == 0 {
            Sesso::M
        } else {
            Sesso::F
        };
        let om = if rng.below(10) == 0 {
            1 + rng.below(7) as u8
        } else {
            0
        };
        let place = places[rng.below(places.len() as u64) as usize];
        let mut code = cf::codifica(
            SURNAMES[rng.below(8) as usize],
            NAMES[rng.below(8) as usize],
            d,
            sex,
            place,
            om,
        )
        .expect("encode");
        if rng.below(10) == 0 {
            // corrupt the check character
            let last = code.pop().expect("16 chars");
            code.push(if last == 'A' { 'B' } else { 'A' });
        }
        out.push(code);
    }
    out
}

fn report(name: &str, n: usize, f: impl Fn(&str) -> bool) {
    let codes = codes(n);
    let rounds = 20;
    let t = Instant::now();
    let mut ok = 0usize;
    for _ in 0..rounds {
        for c in &codes {
            ok += usize::from(f(black_box(c)));
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let rate = (rounds * codes.len()) as f64 / secs;
    println!("{name}: {rate:.0} codes/s ({ok} valid results)");
}

fn bench(c: &mut Criterion) {
    let codes = codes(100_000);
    let opz = OpzioniCf {
        data_riferimento: NaiveDate::from_ymd_opt(2026, 1, 1),
        ..OpzioniCf::default()
    };
    let mut g = c.benchmark_group("cf");
    g.throughput(Throughput::Elements(codes.len() as u64));
    g.bench_function("is_valid_100k", |b| {
        b.iter(|| codes.iter().filter(|c| cf::is_valid(black_box(c))).count())
    });
    g.bench_function("analizza_100k", |b| {
        b.iter(|| {
            codes
                .iter()
                .filter(|c| cf::analizza(black_box(c), &opz).valido)
                .count()
        })
    });
    g.finish();
    report("cf/is_valid", 100_000, cf::is_valid);
    report("cf/analizza", 100_000, |c| cf::analizza(c, &opz).valido);
}

criterion_group!(benches, bench);
criterion_main!(benches);
