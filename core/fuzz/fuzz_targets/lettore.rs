//! Fuzz target: the interscambio readers must never panic on any input.
#![no_main]

use cartella::interscambio::lettore::{leggi, OpzioniLettura};
use cartella::interscambio::lettura_risposta::leggi_risposta;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opzioni = OpzioniLettura::default();
    let _ = leggi(data, &opzioni);
    let _ = leggi_risposta(data, &opzioni);
});
