//! Lower bounds ("soglia") of any interscambio round (read + validate + write) on one core, for
//! `scripts/bench/interscambio_vs_lxml.py`.
//!
//! For every benchmark message (the same ones as `interscambio_throughput`, from
//! `comune/messaggi.rs`), times work that *every* implementation has to do at least, with no
//! model built and no rule checked:
//!
//! * `copia+memchr`: copy the input into a fresh buffer and find every `<` with the `memchr`
//!   crate (SIMD); the floor of touching the input at all;
//! * `quickxml-reader`: `quick_xml::Reader` (default configuration, so end names are checked),
//!   every event read and every attribute of every start tag iterated; no allocation, no
//!   unescaping, no namespace resolution;
//! * `quickxml-nsreader`: the same with `quick_xml::NsReader`, resolving the namespace of every
//!   element and every attribute (what the Cartella reader uses);
//! * `xmlparser-token`: the `xmlparser` crate's zero-allocation tokenizer, every token read (it
//!   checks neither end names nor namespaces);
//! * `roxmltree-dom`: `roxmltree::Document::parse`, a read-only DOM with namespaces resolved and
//!   references expanded (the closest Rust analogue of lxml's `fromstring`);
//! * `memcpy-uscita`: allocate and copy a buffer of the output's size (the output of reading the
//!   message and writing it back with Cartella); the floor of producing the output.
//!
//! Prints one line per message and stage, `name<TAB>stage<TAB>microseconds`, plus one line
//! `name<TAB>bytes<TAB>N` and one `name<TAB>bytes-uscita<TAB>N` per message. The time is the
//! median, over `--batches` batches (default 21), of the mean time of one iteration in a batch;
//! the batches of one message and stage share `--seconds` (default 0.5). Inputs go through
//! `std::hint::black_box` and every result feeds a sink, so nothing is optimised away.
//!
//! `--clock cpu` (the default on Unix) times a batch with the CPU time of this thread
//! (`CLOCK_THREAD_CPUTIME_ID`), which on an idle core equals the elapsed time and on a shared
//! machine leaves out the time the thread waits for the core; `--clock wall` times it with
//! `Instant`. `scripts/bench/interscambio_vs_lxml.py` times lxml with the same clock
//! (`time.thread_time` or `time.perf_counter`).
//!
//! `cargo run --release -p cartella --example interscambio_soglia -- [--seconds S]
//! [--batches N] [--clock cpu|wall]`, pinned to one core by the caller (`taskset -c 0`).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::{scrivi, OpzioniScrittura};
use quick_xml::events::Event;

#[path = "comune/messaggi.rs"]
mod messaggi;
use messaggi::messaggi;

/// The clock that times a batch.
#[derive(Clone, Copy, PartialEq)]
enum Orologio {
    /// CPU time of the calling thread.
    Cpu,
    /// Elapsed time.
    Parete,
}

/// Seconds on `clock` since an arbitrary origin.
fn adesso(clock: Orologio, origin: Instant) -> f64 {
    #[cfg(unix)]
    if clock == Orologio::Cpu {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable `timespec`; the clock id is a constant of this
        // platform.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9;
        }
    }
    let _ = clock;
    origin.elapsed().as_secs_f64()
}

/// Median over `batches` batches of the mean duration of one call of `f`, in microseconds. The
/// batch size is calibrated so that the batches together take about `budget` on `clock`.
fn mediana(
    clock: Orologio,
    budget: Duration,
    batches: usize,
    sink: &mut usize,
    mut f: impl FnMut() -> usize,
) -> f64 {
    let origin = Instant::now();
    let now = || adesso(clock, origin);
    // Warm-up and calibration.
    let t = now();
    let mut warm = 0u32;
    while warm < 3 || now() - t < budget.as_secs_f64() / 20.0 {
        *sink = sink.wrapping_add(f());
        warm += 1;
    }
    let one = (now() - t) / f64::from(warm);
    let per_batch = budget.as_secs_f64() / batches as f64;
    let k = ((per_batch / one) as u64).max(1);
    let mut samples = Vec::with_capacity(batches);
    for _ in 0..batches {
        let t = now();
        for _ in 0..k {
            *sink = sink.wrapping_add(f());
        }
        samples.push((now() - t) * 1e6 / k as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn copia_memchr(xml: &str) -> usize {
    let v: Vec<u8> = black_box(xml.as_bytes()).to_vec();
    memchr::memchr_iter(b'<', &v).count() + v.len()
}

fn quickxml_reader(xml: &str) -> usize {
    let mut r = quick_xml::Reader::from_str(black_box(xml));
    let mut c = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                c += e.name().as_ref().len();
                for a in e.attributes() {
                    match a {
                        Ok(a) => c += a.key.as_ref().len() + a.value.len(),
                        Err(_) => return usize::MAX,
                    }
                }
            }
            Ok(Event::Eof) => return c,
            Ok(e) => c += e.len(),
            Err(_) => return usize::MAX,
        }
    }
}

fn quickxml_nsreader(xml: &str) -> usize {
    let mut r = quick_xml::NsReader::from_str(black_box(xml));
    r.config_mut().check_end_names = true;
    let mut c = 0usize;
    loop {
        match r.read_resolved_event() {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) => {
                c += usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_)));
                c += e.local_name().as_ref().len();
                for a in e.attributes() {
                    match a {
                        Ok(a) => {
                            let (ns, local) = r.resolver().resolve_attribute(a.key);
                            c +=
                                usize::from(matches!(ns, quick_xml::name::ResolveResult::Bound(_)));
                            c += local.as_ref().len() + a.value.len();
                        }
                        Err(_) => return usize::MAX,
                    }
                }
            }
            Ok((_, Event::Eof)) => return c,
            Ok((_, e)) => c += e.len(),
            Err(_) => return usize::MAX,
        }
    }
}

fn xmlparser_token(xml: &str) -> usize {
    let mut c = 0usize;
    for t in xmlparser::Tokenizer::from(black_box(xml)) {
        match t {
            Ok(xmlparser::Token::Attribute { local, value, .. }) => c += local.len() + value.len(),
            Ok(xmlparser::Token::ElementStart { local, .. }) => c += local.len(),
            Ok(xmlparser::Token::Text { text }) => c += text.len(),
            Ok(_) => c += 1,
            Err(_) => return usize::MAX,
        }
    }
    c
}

fn roxmltree_dom(xml: &str) -> usize {
    match roxmltree::Document::parse(black_box(xml)) {
        Ok(d) => d.descendants().count(),
        Err(_) => usize::MAX,
    }
}

fn memcpy_uscita(out: &[u8]) -> usize {
    let v: Vec<u8> = black_box(out).to_vec();
    black_box(&v);
    v.len()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seconds = 0.5f64;
    let mut batches = 21usize;
    let mut clock = if cfg!(unix) {
        Orologio::Cpu
    } else {
        Orologio::Parete
    };
    let mut i = 0;
    while i < args.len() {
        let value = args
            .get(i + 1)
            .ok_or_else(|| format!("{} needs a value", args[i]))?;
        match args[i].as_str() {
            "--seconds" => seconds = value.parse()?,
            "--batches" => batches = value.parse::<usize>()?.max(1),
            "--clock" => {
                clock = match value.as_str() {
                    "cpu" if cfg!(unix) => Orologio::Cpu,
                    "wall" => Orologio::Parete,
                    other => return Err(format!("unknown clock {other:?}").into()),
                }
            }
            other => return Err(format!("unknown argument {other:?}").into()),
        }
        i += 2;
    }
    let budget = Duration::from_secs_f64(seconds);
    let lettura = OpzioniLettura::default();
    let scrittura = OpzioniScrittura::default();
    let mut sink = 0usize;
    for (name, xml) in &messaggi()? {
        // Every lower bound must accept the message (a tokenizer that fails early is no bound).
        for (stage, n) in [
            ("quickxml-reader", quickxml_reader(xml)),
            ("quickxml-nsreader", quickxml_nsreader(xml)),
            ("xmlparser-token", xmlparser_token(xml)),
            ("roxmltree-dom", roxmltree_dom(xml)),
        ] {
            if n == usize::MAX {
                return Err(format!("{name}: {stage} rejects the message").into());
            }
        }
        // The output: the message read and written back by Cartella.
        let m = leggi(xml.as_bytes(), &lettura)?
            .messaggio
            .ok_or("message not readable")?;
        let out = scrivi(&m, &scrittura)?;
        println!("{name}\tbytes\t{}", xml.len());
        println!("{name}\tbytes-uscita\t{}", out.len());
        let stages: [(&str, &dyn Fn() -> usize); 6] = [
            ("copia+memchr", &|| copia_memchr(xml)),
            ("quickxml-reader", &|| quickxml_reader(xml)),
            ("quickxml-nsreader", &|| quickxml_nsreader(xml)),
            ("xmlparser-token", &|| xmlparser_token(xml)),
            ("roxmltree-dom", &|| roxmltree_dom(xml)),
            ("memcpy-uscita", &|| memcpy_uscita(out.as_bytes())),
        ];
        for (stage, f) in stages {
            let us = mediana(clock, budget, batches, &mut sink, f);
            println!("{name}\t{stage}\t{us:.2}");
        }
    }
    black_box(sink);
    Ok(())
}
