//! Quickstart: load a cartella from canonical JSON, validate it, read the findings, decode a
//! codice fiscale.
//!
//! Run it with `cargo run -p cartella --example quickstart`.

use cartella::cf::{self, OpzioniCf};
use cartella::rules::{Profiles, Severity, Suppression, ValidationOptions, Validator};
use cartella::{json, samples, Profile};
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Load a cartella. Here an embedded sample; in an application, any canonical JSON text
    //    (e.g. `std::fs::read_to_string("examples/data/percorso-completo.json")?`).
    let text = samples::get("percorso-completo")
        .ok_or("sample not found")?
        .json;
    let cartella = json::from_str(text)?;
    println!(
        "cartella {}: {} process(es), {} phase record(s)",
        cartella.id_cartella,
        cartella.processi.len(),
        cartella
            .processi
            .iter()
            .map(|p| p.fasi.len())
            .sum::<usize>()
    );

    // 2. Validate it: profiles schema + guideline (the default), as of a fixed date.
    let options = ValidationOptions::default()
        .with_profiles(Profiles::up_to(Profile::Guideline))
        .as_of(NaiveDate::from_ymd_opt(2025, 1, 15).ok_or("date")?);
    let report = Validator::new(options).validate(&cartella);
    println!(
        "valid: {} ({} errors, {} warnings, {} notices)",
        report.is_valid(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );

    // 3. Read the findings of a document with an error. Messages never hold a full codice fiscale.
    let wrong = json::from_str(samples::get("invalido-cf").ok_or("sample not found")?.json)?;
    let report = Validator::default().validate(&wrong);
    for issue in report.with_severity(Severity::Error) {
        println!(
            "{} {} at {}: {}",
            issue.severity, issue.rule_id, issue.path, issue.message_it
        );
    }

    // 4. Suppress a finding on purpose: it moves to `report.suppressed`, with its reason.
    let options = ValidationOptions::default().suppress(Suppression::new(
        "CF-003",
        "/assistito/codice_fiscale",
        "codice verificato sul documento di identità",
    )?);
    let report = Validator::new(options).validate(&wrong);
    println!(
        "after suppression: valid = {}, suppressed = {}",
        report.is_valid(),
        report.suppressed.len()
    );

    // 5. Decode a codice fiscale (a fictitious person).
    let analisi = cf::analizza("VLLLNE39E61F205K", &OpzioniCf::default());
    println!(
        "{}: valid = {}, sex = {:?}, born {:?} in {:?}",
        analisi.normalizzato, // Display is masked
        analisi.valido,
        analisi.sesso.map(|s| s.as_str()),
        analisi.data_nascita,
        analisi
            .luogo_nascita
            .as_ref()
            .and_then(|l| l.denominazione.as_deref()),
    );
    Ok(())
}
