//! Streaming codecs of the INPS flows on a large upload flow: 100 000 beneficiaries written
//! through `ScrittoreFlusso` to a temporary file and read back with `LettoreFlusso`, while a
//! counting global allocator (this test binary only) checks that the peak live heap stays small,
//! i.e. that neither side holds the flow in memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufReader, BufWriter};
use std::sync::atomic::{AtomicUsize, Ordering};

use cartella::siuss::xml::{EventoFlusso, LettoreFlusso, OpzioniLetturaFlusso, ScrittoreFlusso};
use cartella::siuss::*;

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

fn beneficiario() -> Beneficiario {
    let s = |v: &str| Some(v.to_string());
    Beneficiario {
        codice_fiscale: s("RSSMRA80A01F205X"),
        anagrafica: Anagrafica {
            cognome: s("Rossi"),
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
            denominazione_prestazione: s("Assistenza domiciliare"),
            protocollo_domanda: s("P-0000000"),
            data_inizio_prestazione: s("2024-01-01"),
            importo_mensile: s("300.00"),
            presa_carico: s("2"),
            ..Default::default()
        }],
    }
}

#[test]
fn hundred_thousand_beneficiaries_in_constant_memory() {
    let dir = std::env::temp_dir().join(format!("cartella-siuss-streaming-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("flusso.xml");
    let id = IdentificazioneFlusso {
        nome: Some("F205.PS.20240305.0000001".into()),
        ente: Ente {
            codice: Some("F205".into()),
            ..Default::default()
        },
    };

    // Write.
    let mut b = beneficiario();
    let base = inizia_fase();
    {
        let w = BufWriter::new(std::fs::File::create(&file).expect("create"));
        let mut s = ScrittoreFlusso::nuovo(w, TipoFlusso::PsPsaSina, &id).expect("start");
        for i in 0..N {
            // Cheap generator: one beneficiary, its protocol number changed in place.
            if let Some(p) = b.prestazioni_sociali[0].protocollo_domanda.as_mut() {
                p.truncate(2);
                use std::fmt::Write as _;
                let _ = write!(p, "{i:07}");
            }
            s.beneficiario(&b).expect("write");
        }
        s.fine().expect("end");
    }
    let picco_scrittura = picco_da(base);
    let dimensione = std::fs::metadata(&file).expect("metadata").len();

    // Read.
    let base = inizia_fase();
    let mut beneficiari = 0usize;
    let mut intestazioni = 0usize;
    let mut findings = 0usize;
    let mut ultimo = String::new();
    {
        let r = BufReader::new(std::fs::File::open(&file).expect("open"));
        for e in LettoreFlusso::nuovo(r, &OpzioniLetturaFlusso::default()) {
            match e.expect("read") {
                EventoFlusso::Intestazione {
                    identificazione, ..
                } => {
                    intestazioni += 1;
                    assert_eq!(identificazione, id);
                }
                EventoFlusso::Beneficiario(x) => {
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
    let picco_lettura = picco_da(base);
    let _ = std::fs::remove_dir_all(&dir);

    eprintln!(
        "{N} beneficiaries, {dimensione} bytes; peak live heap: write {picco_scrittura} B, read {picco_lettura} B"
    );
    assert_eq!((intestazioni, beneficiari, findings), (1, N, 0));
    assert_eq!(ultimo, format!("P-{:07}", N - 1));
    assert!(
        dimensione > 30_000_000,
        "the file is much larger than the heap limit"
    );
    assert!(picco_scrittura < MASSIMO, "write peak {picco_scrittura} B");
    assert!(picco_lettura < MASSIMO, "read peak {picco_lettura} B");
}
