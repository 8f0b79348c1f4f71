//! Streaming codecs of the INPS flows on a large upload flow: 100 000 beneficiaries written
//! through `ScrittoreFlusso` to a temporary file and read back with `LettoreFlusso`, while a
//! counting global allocator (this test binary only) checks that the peak live heap stays small,
//! i.e. that neither side holds the flow in memory. The reading side also runs every flow rule
//! item by item (`VerificaIncrementale`), as `cartella siuss check` does.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufReader, BufWriter};
use std::sync::atomic::{AtomicUsize, Ordering};

use cartella::siuss::xml::{EventoFlusso, LettoreFlusso, OpzioniLetturaFlusso, ScrittoreFlusso};
use cartella::siuss::*;
use cartella::testing::campioni_siuss;

struct Contatore;

static VIVI: AtomicUsize = AtomicUsize::new(0);
static PICCO: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Contatore {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let ora = VIVI.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PICCO.fetch_max(ora, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        VIVI.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let ora = VIVI.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PICCO.fetch_max(ora, Ordering::Relaxed);
            } else {
                VIVI.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATORE: Contatore = Contatore;

const N: usize = 100_000;
/// Peak live heap allowed above the level at the start of a phase.
const MASSIMO: usize = 4 * 1024 * 1024;

fn inizia_fase() -> usize {
    let base = VIVI.load(Ordering::Relaxed);
    PICCO.store(base, Ordering::Relaxed);
    base
}

fn picco_da(base: usize) -> usize {
    PICCO.load(Ordering::Relaxed).saturating_sub(base)
}

#[test]
fn hundred_thousand_beneficiaries_in_constant_memory() {
    let dir = std::env::temp_dir().join(format!("cartella-siuss-streaming-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("flusso.xml");
    let id = campioni_siuss::identificazione();

    // Write.
    let mut b = campioni_siuss::beneficiario(0);
    let base = inizia_fase();
    {
        let w = BufWriter::new(std::fs::File::create(&file).expect("create"));
        let mut s = ScrittoreFlusso::nuovo(w, TipoFlusso::PsPsaSina, &id).expect("start");
        for i in 0..N {
            // Cheap generator: one beneficiary, its protocol number changed in place.
            if let Some(p) = b.prestazioni_sociali[0].protocollo_domanda.as_mut() {
                p.clear();
                p.push_str("P-");
                use std::fmt::Write as _;
                let _ = write!(p, "{i:07}");
            }
            s.beneficiario(&b).expect("write");
        }
        s.fine().expect("end");
    }
    let picco_scrittura = picco_da(base);
    let dimensione = std::fs::metadata(&file).expect("metadata").len();

    // Read. The rules' tables (code lists, reference data) are loaded once per process: load them
    // before measuring, so that the peak shows what grows with the file.
    let _ = verifica_ps(
        &FlussoPsPsaSina {
            identificazione_flusso: id.clone(),
            beneficiari: vec![campioni_siuss::beneficiario(0)],
        },
        &OpzioniVerifica::default(),
    );
    let base = inizia_fase();
    let mut beneficiari = 0usize;
    let mut intestazioni = 0usize;
    let mut findings = 0usize;
    let mut ultimo = String::new();
    let opzioni = OpzioniVerifica {
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 7, 2),
        ..OpzioniVerifica::default()
    };
    let mut verifica = VerificaIncrementale::new(TipoFlusso::PsPsaSina, &opzioni);
    {
        // Read and check item by item, as `cartella siuss check` does.
        let r = BufReader::new(std::fs::File::open(&file).expect("open"));
        for e in LettoreFlusso::nuovo(r, &OpzioniLetturaFlusso::default()) {
            match e.expect("read") {
                EventoFlusso::Intestazione {
                    identificazione, ..
                } => {
                    intestazioni += 1;
                    assert_eq!(identificazione, id);
                    verifica.intestazione(&identificazione);
                }
                EventoFlusso::Beneficiario(x) => {
                    verifica.beneficiario(&x);
                    beneficiari += 1;
                    if beneficiari == N {
                        ultimo = x.prestazioni_sociali[0]
                            .protocollo_domanda
                            .clone()
                            .unwrap_or_default();
                    }
                }
                EventoFlusso::Sinba(_) => panic!("SINBA in a PS flow"),
                EventoFlusso::Finding(i) => {
                    findings += 1;
                    eprintln!("{i}");
                }
            }
        }
    }
    let report = verifica.fine();
    let picco_lettura = picco_da(base);
    let _ = std::fs::remove_dir_all(&dir);

    eprintln!(
        "{N} beneficiaries, {dimensione} bytes; peak live heap: write {picco_scrittura} B, read {picco_lettura} B"
    );
    assert_eq!((intestazioni, beneficiari, findings), (1, N, 0));
    assert!(report.issues.is_empty(), "{:?}", report.issues.first());
    assert_eq!(ultimo, format!("P-{:07}", N - 1));
    assert!(
        dimensione > 30_000_000,
        "the file is much larger than the heap limit"
    );
    assert!(picco_scrittura < MASSIMO, "write peak {picco_scrittura} B");
    assert!(picco_lettura < MASSIMO, "read peak {picco_lettura} B");
}
