//! Writes a large PS-PSA-SINA upload flow for benchmarks and streaming tests: `N` beneficiaries
//! (default 100,000), each with one periodic prestazione, valid against the XSD and the INPS
//! rules, through the streaming writer (memory does not grow with `N`).
//!
//! ```text
//! cargo run --release -p cartella --example siuss_genera -- 100000 /tmp/ps-100k.xml
//! ```

use std::fs::File;
use std::io::BufWriter;

use cartella::siuss::scrittore::ScrittoreFlusso;
use cartella::siuss::{
    Anagrafica, Beneficiario, Ente, IdentificazioneFlusso, Indirizzo, PrestazioniSociali,
    TipoFlusso,
};

const CONSONANTI: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

/// A valid codice fiscale for a woman born on 1 August 1985 in Milano (F205), whose six name
/// letters encode `i` in base 20 over the consonants.
fn codice_fiscale(mut i: u64) -> String {
    let mut lettere = [b'B'; 6];
    for l in lettere.iter_mut().rev() {
        *l = CONSONANTI[(i % 20) as usize];
        i /= 20;
    }
    let mut cf = String::with_capacity(16);
    cf.push_str(std::str::from_utf8(&lettere).unwrap_or("BBBBBB"));
    cf.push_str("85M41F205");
    let controllo = cartella::cf::carattere_controllo(&cf).unwrap_or('X');
    cf.push(controllo);
    cf
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn beneficiario(i: u64) -> Beneficiario {
    Beneficiario {
        codice_fiscale: Some(codice_fiscale(i)),
        anagrafica: Anagrafica {
            cognome: s("Bianchi"),
            nome: s("Laura"),
            anno_nascita: s("1985"),
            luogo_nascita: s("F205"),
            genere: s("2"),
            codice_cittadinanza: s("380"),
            codice_seconda_cittadinanza: None,
        },
        indirizzi: vec![Indirizzo {
            codice_regione: s("03"),
            codice_comune: s("015146"),
            codice_nazione: s("380"),
        }],
        prestazioni_sociali: vec![PrestazioniSociali {
            tipo_operazione: s("I"),
            presenza_prova_mezzi: s("2"),
            carattere_prestazione: s("1"),
            codice_prestazione: s("A1.01"),
            denominazione_prestazione: s("Assegno per il nucleo familiare erogati dai comuni"),
            protocollo_domanda: Some(format!("PROT-2024-{i:08}")),
            data_inizio_prestazione: s("2024-01-01"),
            data_fine_prestazione: s("2024-06-30"),
            periodo_erogazione: s("6"),
            importo_mensile: s("150.00"),
            presa_carico: s("2"),
            ..PrestazioniSociali::default()
        }],
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().map(|a| a.parse()).transpose()?.unwrap_or(100_000);
    let out = args.next().unwrap_or_else(|| "ps-grande.xml".to_string());
    let id = IdentificazioneFlusso {
        nome: s("F205.PS.20240701.0000001"),
        ente: Ente {
            codice: s("F205"),
            denominazione: s("Comune di Milano"),
            indirizzo: s("F205"),
            cf_operatore: Some(codice_fiscale(u64::MAX / 2)),
        },
    };
    let file = BufWriter::with_capacity(1 << 16, File::create(&out)?);
    let mut w = ScrittoreFlusso::nuovo(file, TipoFlusso::PsPsaSina, &id)?;
    for i in 0..n {
        w.beneficiario(&beneficiario(i))?;
    }
    w.fine()?;
    eprintln!("{out}: {n} beneficiaries");
    Ok(())
}
