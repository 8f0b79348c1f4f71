//! Writes a large PS-PSA-SINA upload flow for benchmarks: `N` beneficiaries (default 100,000),
//! each with one periodic prestazione, valid against the XSD and the INPS rules
//! (`cartella::testing::campioni_siuss`), through the streaming writer (memory does not grow
//! with `N`).
//!
//! ```text
//! cargo run --release -p cartella --example siuss_genera -- 100000 /tmp/ps-100k.xml
//! ```

use std::fs::File;
use std::io::BufWriter;

use cartella::siuss::scrittore::ScrittoreFlusso;
use cartella::siuss::TipoFlusso;
use cartella::testing::campioni_siuss::{beneficiario, identificazione};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(100_000);
    let out = args.next().unwrap_or_else(|| "ps-grande.xml".to_string());
    let file = BufWriter::with_capacity(1 << 16, File::create(&out)?);
    let mut w = ScrittoreFlusso::nuovo(file, TipoFlusso::PsPsaSina, &identificazione())?;
    for i in 0..n {
        w.beneficiario(&beneficiario(i))?;
    }
    w.fine()?;
    eprintln!("{out}: {n} beneficiaries");
    Ok(())
}
