//! `cartella conformance self-test` and `cartella conformance trace`: the conformance suite
//! (`conformance/manifest.json`, [`cartella::conformita`]) run against the library, and the
//! traceability page spec section → rules → cases.
//!
//! - `self-test [--manifest PATH] [--format text|json] [--record]` runs every `attivo` case and
//!   prints, per failing case, the expected and actual findings that differ, then the line
//!   `N passed, N failed`. Exit `0` when no case failed, `1` otherwise, `2` when the manifest
//!   cannot be read. `--record` (maintainers) rewrites the `atteso` of every case, active or
//!   draft, from the actual outcome and prints what changed: review the diff before committing.
//! - `trace [--manifest PATH] [--format markdown|json|gaps]` prints the traceability page
//!   (`docs/src/traceability.md`), its JSON form, or the coverage-gaps list
//!   (`conformance/coverage-gaps.txt`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cartella::conformita::{
    confronta, esegui, lacune, tracciabilita, Caso, Differenza, Esito, Finding, Manifest, Traccia,
};
use clap::{Args, ValueEnum};
use serde_json::json;

use crate::documento::io_error_kind;
use crate::output::mask_identifiers;

/// Arguments of `cartella conformance self-test`.
#[derive(Debug, Args)]
pub struct SelfTestArgs {
    /// The manifest. Default: `conformance/manifest.json` under the current directory when it
    /// exists, else the one of the source tree the tool was built from.
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SelfTestFormat::Text)]
    pub format: SelfTestFormat,

    /// Rewrite every case's `atteso` from the actual outcome (maintainers' tool: review the diff
    /// before committing).
    #[arg(long)]
    pub record: bool,
}

/// `--format` of `self-test`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SelfTestFormat {
    /// Human-readable diff and summary line.
    Text,
    /// One JSON object (the summary line goes to standard error).
    Json,
}

/// Arguments of `cartella conformance trace`.
#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The manifest (default as for `self-test`).
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,

    /// `markdown`: the docs page; `json`: every rule with its cases; `gaps`: the coverage-gaps
    /// list (`conformance/coverage-gaps.txt`).
    #[arg(long, value_enum, default_value_t = TraceFormat::Markdown)]
    pub format: TraceFormat,
}

/// `--format` of `trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    /// The traceability page of the book.
    Markdown,
    /// JSON.
    Json,
    /// The coverage-gaps list.
    Gaps,
}

/// The default manifest path.
fn manifest_predefinito() -> PathBuf {
    let locale = Path::new("conformance/manifest.json");
    if locale.is_file() {
        locale.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("manifest.json")
    }
}

/// Reads and checks a manifest; the error is a message for standard error.
pub fn leggi_manifest(path: &Path) -> Result<Manifest, String> {
    let testo = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {}",
            mask_identifiers(&path.display().to_string()),
            io_error_kind(&e)
        )
    })?;
    Manifest::da_json(&testo).map_err(|e| mask_identifiers(&e))
}

/// Reads the input of a case and runs it.
pub fn esegui_caso(base: &Path, caso: &Caso) -> Result<Esito, String> {
    let path = base.join(&caso.input);
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("cannot read {}: {}", caso.input, io_error_kind(&e)))?;
    esegui(caso, &bytes).map_err(|e| mask_identifiers(&e))
}

fn riga(f: &Finding) -> String {
    let path = if f.path.is_empty() { "\"\"" } else { &f.path };
    format!("{} {} {path}", f.rule_id, f.severity.as_str())
}

fn scrivi_differenza(out: &mut impl Write, d: &Differenza) {
    if let Some((a, e)) = d.valido {
        let _ = writeln!(out, "    valido: expected {a}, actual {e}");
    }
    for f in &d.mancanti {
        let _ = writeln!(out, "    - expected {}", riga(f));
    }
    for f in &d.inattesi {
        let _ = writeln!(out, "    + actual   {}", riga(f));
    }
}

fn differenza_json(d: &Differenza) -> serde_json::Value {
    json!({
        "valido": d.valido.map(|(a, e)| json!({"expected": a, "actual": e})),
        "missing": d.mancanti,
        "unexpected": d.inattesi,
    })
}

/// Runs `cartella conformance self-test`.
pub fn self_test(args: SelfTestArgs) -> ExitCode {
    let path = args.manifest.unwrap_or_else(manifest_predefinito);
    let mut manifest = match leggi_manifest(&path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("cartella conformance self-test: {e}");
            return ExitCode::from(2);
        }
    };
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    if args.record {
        return registra(&path, &base, &mut manifest);
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut passati, mut falliti, mut bozze) = (0usize, 0usize, 0usize);
    let mut casi_json = Vec::new();
    for caso in &manifest.casi {
        if !caso.attivo() {
            bozze += 1;
            continue;
        }
        let (stato, dettaglio) = match esegui_caso(&base, caso) {
            Ok(effettivo) => match confronta(&caso.atteso, &effettivo) {
                None => ("passed", None),
                Some(d) => {
                    if args.format == SelfTestFormat::Text {
                        let _ = writeln!(out, "FAIL {} ({})", caso.id, caso.tipo.as_str());
                        scrivi_differenza(&mut out, &d);
                    }
                    ("failed", Some(differenza_json(&d)))
                }
            },
            Err(e) => {
                if args.format == SelfTestFormat::Text {
                    let _ = writeln!(out, "FAIL {} ({}): {e}", caso.id, caso.tipo.as_str());
                }
                ("failed", Some(json!({ "error": e })))
            }
        };
        if stato == "passed" {
            passati += 1;
        } else {
            falliti += 1;
        }
        casi_json.push(json!({"id": caso.id, "status": stato, "diff": dettaglio}));
    }
    let sommario = format!("{passati} passed, {falliti} failed");
    match args.format {
        SelfTestFormat::Text => {
            if bozze > 0 {
                let _ = writeln!(out, "({bozze} draft case(s) not run)");
            }
            let _ = writeln!(out, "{sommario}");
        }
        SelfTestFormat::Json => {
            let v = json!({
                "passed": passati,
                "failed": falliti,
                "drafts": bozze,
                "cases": casi_json,
            });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            );
            eprintln!("{sommario}");
        }
    }
    let _ = out.flush();
    if falliti == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `--record`: rewrites every case's `atteso` from the actual outcome.
fn registra(path: &Path, base: &Path, manifest: &mut Manifest) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut cambiati, mut errori) = (0usize, 0usize);
    for caso in &mut manifest.casi {
        match esegui_caso(base, caso) {
            Ok(effettivo) => {
                if let Some(d) = confronta(&caso.atteso, &effettivo) {
                    let _ = writeln!(out, "RECORD {} ({})", caso.id, caso.tipo.as_str());
                    scrivi_differenza(&mut out, &d);
                    cambiati += 1;
                }
                caso.atteso = effettivo.ordinato();
            }
            Err(e) => {
                let _ = writeln!(out, "ERROR {}: {e} (atteso left unchanged)", caso.id);
                errori += 1;
            }
        }
    }
    if let Err(e) = std::fs::write(path, manifest.to_json()) {
        eprintln!(
            "cartella conformance self-test: cannot write {}: {}",
            mask_identifiers(&path.display().to_string()),
            io_error_kind(&e)
        );
        return ExitCode::from(2);
    }
    let _ = writeln!(
        out,
        "recorded {} case(s): {cambiati} changed, {errori} could not run; review the diff \
         (git diff conformance/manifest.json) before committing",
        manifest.casi.len()
    );
    if errori == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Runs `cartella conformance trace`.
pub fn trace(args: TraceArgs) -> ExitCode {
    let path = args.manifest.unwrap_or_else(manifest_predefinito);
    let manifest = match leggi_manifest(&path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("cartella conformance trace: {e}");
            return ExitCode::from(2);
        }
    };
    let testo = match args.format {
        TraceFormat::Markdown => pagina_markdown(&manifest),
        TraceFormat::Json => trace_json(&manifest),
        TraceFormat::Gaps => lista_lacune(&manifest),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let _ = out.write_all(testo.as_bytes());
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// Specification documents named by the first word of a rule `reference`.
const DOCUMENTI_SPEC: &[&str] = &[
    "CF",
    "HL7",
    "INPS",
    "ISO",
    "ISTAT",
    "OAS",
    "Spec",
    "XML",
    "XSD",
    "codelists",
    "comuni",
    "datatypes-base_mod.xsd",
    "interscambio",
    "lifecycle",
    "model",
    "privacy",
    "rules",
    "siuss",
];

/// The spec document of a rule reference: its first word when it names a document (`model`,
/// `XSD`, `interscambio`, `Spec`, `OAS`...); the design decisions `D`, `D1`... are grouped as
/// `decisions`, envelope paths (`/creationTime`...) as `interscambio envelope`, other element
/// and type names as `HL7 elements`.
fn documento_spec(reference: &str) -> String {
    let primo = reference
        .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ':']);
    if primo.is_empty() {
        "(none)".to_string()
    } else if primo.starts_with('D') && primo[1..].chars().all(|c| c.is_ascii_digit()) {
        "decisions".to_string()
    } else if primo.starts_with('/') {
        "interscambio envelope".to_string()
    } else if DOCUMENTI_SPEC.contains(&primo) {
        primo.to_string()
    } else {
        "HL7 elements".to_string()
    }
}

/// The coverage-gaps list, as committed in `conformance/coverage-gaps.txt`.
pub fn lista_lacune(manifest: &Manifest) -> String {
    let mut s = String::from(
        "# Rules still lacking a conformance case (generated by `cartella conformance trace \
         --format gaps`).\n# One line per gap: RULE_ID missing trigger|non-trigger. The list may \
         only shrink: conformance/tests/corpus_coverage.rs\n# fails when a rule lacks a case and \
         is not listed, and when a listed rule is covered.\n",
    );
    for l in lacune(manifest) {
        s.push_str(&l);
        s.push('\n');
    }
    s
}

fn trace_json(manifest: &Manifest) -> String {
    let voci: Vec<serde_json::Value> = tracciabilita(manifest)
        .iter()
        .map(|t| {
            json!({
                "rule_id": t.regola.id,
                "severity": t.regola.severity,
                "reference": t.regola.reference,
                "document": documento_spec(&t.regola.reference),
                "triggering": t.trigger,
                "not_triggering": t.non_trigger,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({ "rules": voci })).unwrap_or_default();
    s.push('\n');
    s
}

fn elenco(ids: &[String], max: usize) -> String {
    if ids.is_empty() {
        return "—".to_string();
    }
    let mut parti: Vec<String> = ids.iter().take(max).map(|i| format!("`{i}`")).collect();
    if ids.len() > max {
        parti.push(format!("+{} more", ids.len() - max));
    }
    parti.join(", ")
}

fn cella(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The traceability page of the book (`docs/src/traceability.md`).
pub fn pagina_markdown(manifest: &Manifest) -> String {
    let tracce = tracciabilita(manifest);
    let attivi = manifest.casi.iter().filter(|c| c.attivo()).count();
    let con_trigger = tracce.iter().filter(|t| !t.trigger.is_empty()).count();
    let con_non = tracce.iter().filter(|t| !t.non_trigger.is_empty()).count();
    let mut s = String::new();
    s.push_str("# Traceability\n\n");
    s.push_str(
        "<!-- Generated by `cartella conformance trace --format markdown`; do not edit. -->\n\n",
    );
    s.push_str(
        "Spec sections → rules → conformance cases. For every rule of the catalogue, grouped by \
         the specification document and section of its `reference`, the active cases of \
         `conformance/manifest.json` whose expected findings contain it (*triggering*) and the \
         active cases of a kind that can raise it whose expected findings do not \
         (*not triggering*; at most five ids are shown). See [Conformance suite](conformance.md).\n\n",
    );
    s.push_str(&format!(
        "{} rules, {attivi} active cases: {con_trigger} rules have a triggering case, {con_non} a \
         non-triggering case.\n",
        tracce.len()
    ));
    let mut documenti: Vec<String> = tracce
        .iter()
        .map(|t| documento_spec(&t.regola.reference))
        .collect();
    documenti.sort();
    documenti.dedup();
    for d in documenti {
        let mut righe: Vec<&Traccia> = tracce
            .iter()
            .filter(|t| documento_spec(&t.regola.reference) == d)
            .collect();
        righe.sort_by(|a, b| a.regola.reference.cmp(&b.regola.reference));
        s.push_str(&format!("\n## {d}\n\n"));
        s.push_str("| Section | Rule | Severity | Triggering | Not triggering |\n");
        s.push_str("|---|---|---|---|---|\n");
        for t in righe {
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cella(&t.regola.reference),
                t.regola.id,
                t.regola.severity.as_str(),
                elenco(&t.trigger, 5),
                elenco(&t.non_trigger, 5)
            ));
        }
    }
    s
}
