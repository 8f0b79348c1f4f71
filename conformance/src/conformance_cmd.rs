//! `cartella conformance run DIR [--profile P] [--as-of D] [--out OUT]`: the certification runner
//! (`self-test` and `trace` live in [`crate::conformance_suite`]).
//!
//! Validates every file of a vendor's export directory (recursively, in path order) exactly as
//! `cartella validate` does ([`valida_documento`]; canonical JSON `MessaggioInterscambio`
//! documents are read too), and writes into `OUT` (default `./conformance-report`, created if
//! missing) a self-contained `report.html`, a `summary.json` and a `junit.xml`
//! ([`crate::conformance_report`]).
//!
//! - A file is a *document* when its content, after an optional UTF-8 byte order mark and
//!   whitespace, starts with `{`, `[` or `<` (or a UTF-16 byte order mark), or when its name ends
//!   in `.json` or `.xml` whatever its content. Every other file (WaaS `.ts` sidecars, READMEs,
//!   PDFs, empty files without those extensions) is *skipped*: listed in the reports, not judged.
//! - The output directory is never read as input, even when it lies inside `DIR`.
//! - Exit status: `0` the directory conforms (at least one document, none with an error-severity
//!   finding, none unreadable); `1` it does not; `2` usage error, `DIR` missing or not a
//!   directory, or the reports cannot be written.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use cartella::rules::Validator;
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::conformance_report::{Certificazione, EsitoFile, Stato};
use crate::documento::{
    etichetta, io_error_kind, valida_documento, validatore, Esito, MessaggioJson,
};
use crate::output::{mask_identifiers, ProfileArg};
use crate::validate_cmd::parse_date;

/// `cartella conformance ...`.
#[derive(Debug, Args)]
pub struct ConformanceArgs {
    #[command(subcommand)]
    comando: ConformanceCmd,
}

#[derive(Debug, Subcommand)]
enum ConformanceCmd {
    /// Certify a vendor's export directory: validate every file (recursively; canonical JSON,
    /// interscambio XML or INPS flows, detected from the content) and write report.html,
    /// summary.json and junit.xml. Exit 0 when the directory conforms, 1 when it does not.
    Run(RunArgs),
    /// Run the conformance suite (conformance/manifest.json) against the library and print
    /// `N passed, N failed`; `--record` rewrites the expected outcomes (review the diff).
    SelfTest(crate::conformance_suite::SelfTestArgs),
    /// Print the traceability page: spec section → rules → conformance cases (markdown, JSON or
    /// the coverage-gaps list).
    Trace(crate::conformance_suite::TraceArgs),
}

/// Arguments of `cartella conformance run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// The vendor's export directory, read recursively.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Profiles to run, cumulatively: `schema`; `guideline` = schema + guideline; `siuss` = all.
    #[arg(long, value_enum, default_value_t = ProfileArg::Guideline)]
    pub profile: ProfileArg,

    /// Validation date (YYYY-MM-DD): selects the rule sets in force and judges "future" dates.
    /// Default: today in Europe/Rome.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// Directory receiving report.html, summary.json and junit.xml (created if missing; existing
    /// reports are overwritten).
    #[arg(long, value_name = "OUT", default_value = "conformance-report")]
    pub out: PathBuf,
}

/// Runs `cartella conformance`.
pub fn run(args: ConformanceArgs) -> ExitCode {
    match args.comando {
        ConformanceCmd::Run(a) => run_certificazione(a),
        ConformanceCmd::SelfTest(a) => crate::conformance_suite::self_test(a),
        ConformanceCmd::Trace(a) => crate::conformance_suite::trace(a),
    }
}

fn run_certificazione(args: RunArgs) -> ExitCode {
    let nome_dir = mask_identifiers(&etichetta(&args.dir));
    match std::fs::metadata(&args.dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            eprintln!("cartella conformance run: {nome_dir}: not a directory");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!(
                "cartella conformance run: {nome_dir}: {}",
                io_error_kind(&e)
            );
            return ExitCode::from(2);
        }
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!(
            "cartella conformance run: cannot create {}: {}",
            mask_identifiers(&etichetta(&args.out)),
            io_error_kind(&e)
        );
        return ExitCode::from(2);
    }
    // The reports of a previous run are not documents of the vendor.
    let escludi = std::fs::canonicalize(&args.out).ok();

    let validator = validatore(args.profile, args.as_of);
    let mut voci = Vec::new();
    raccogli(
        &args.dir,
        escludi.as_deref(),
        &mut HashSet::new(),
        &mut voci,
    );
    voci.sort_by(|a, b| a.0.cmp(&b.0));

    let file: Vec<EsitoFile> = voci
        .into_iter()
        .map(|(path, lettura)| esamina(&args.dir, &path, lettura, &validator))
        .collect();
    let cert = Certificazione {
        directory: nome_dir,
        generato: chrono::Local::now()
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string(),
        profilo: args.profile,
        as_of: validator.as_of(),
        versione: env!("CARGO_PKG_VERSION"),
        file,
    };

    for (nome, contenuto) in [
        ("report.html", cert.html()),
        ("summary.json", cert.summary_json()),
        ("junit.xml", cert.junit_xml()),
    ] {
        let path = args.out.join(nome);
        if let Err(e) = std::fs::write(&path, contenuto) {
            eprintln!(
                "cartella conformance run: cannot write {}: {}",
                mask_identifiers(&etichetta(&path)),
                io_error_kind(&e)
            );
            return ExitCode::from(2);
        }
    }

    let t = cert.totali();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for f in &cert.file {
        let _ = writeln!(out, "{:<10} {}", f.verdetto().as_str(), f.file);
    }
    let _ = writeln!(
        out,
        "\ncartella conformance run: {} document(s): {} valid, {} invalid, {} unreadable; {} \
         skipped — {}",
        t.documenti,
        t.validi,
        t.invalidi,
        t.illeggibili,
        t.saltati,
        cert.verdetto()
    );
    let _ = writeln!(
        out,
        "reports: {}",
        mask_identifiers(&etichetta(&args.out.join("report.html")))
    );
    let _ = out.flush();
    if cert.conforme() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What the walk found at a path: the bytes, or why they could not be read.
type Lettura = Result<Vec<u8>, String>;

/// Collects the files under `dir` (symbolic links followed, each directory visited once, `escludi`
/// left out) with their content or the reason they could not be read.
fn raccogli(
    dir: &Path,
    escludi: Option<&Path>,
    visitate: &mut HashSet<PathBuf>,
    voci: &mut Vec<(PathBuf, Lettura)>,
) {
    let canonica = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if escludi == Some(canonica.as_path()) || !visitate.insert(canonica) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            voci.push((
                dir.to_path_buf(),
                Err(format!("cannot read the directory: {}", io_error_kind(&e))),
            ));
            return;
        }
    };
    for entry in entries {
        let path = match entry {
            Ok(e) => e.path(),
            Err(e) => {
                voci.push((
                    dir.to_path_buf(),
                    Err(format!("cannot read the directory: {}", io_error_kind(&e))),
                ));
                continue;
            }
        };
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => raccogli(&path, escludi, visitate, voci),
            Ok(_) => {
                let bytes = std::fs::read(&path)
                    .map_err(|e| format!("cannot read the file: {}", io_error_kind(&e)));
                voci.push((path, bytes));
            }
            Err(e) => voci.push((
                path,
                Err(format!("cannot read the file: {}", io_error_kind(&e))),
            )),
        }
    }
}

/// The label of a file: its path relative to the export directory, `/`-separated, masked.
fn etichetta_relativa(dir: &Path, path: &Path) -> String {
    let relativo = path.strip_prefix(dir).unwrap_or(path);
    let parti: Vec<String> = relativo
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect();
    let testo = if parti.is_empty() {
        ".".to_string()
    } else {
        parti.join("/")
    };
    mask_identifiers(&testo)
}

/// Why a file is not a document, or `None` when it is one (see the module documentation).
pub fn motivo_salto(bytes: &[u8], path: &Path) -> Option<&'static str> {
    let estensione_documento = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("xml"));
    if estensione_documento || bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE])
    {
        return None;
    }
    let resto = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match resto.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[' | b'<') => None,
        Some(_) => Some("neither JSON nor XML"),
        None => Some("empty file"),
    }
}

/// Judges one file.
fn esamina(dir: &Path, path: &Path, lettura: Lettura, validator: &Validator) -> EsitoFile {
    let inizio = Instant::now();
    let file = etichetta_relativa(dir, path);
    let stato = match lettura {
        Err(messaggio) => Stato::Illeggibile {
            tipo: None,
            messaggio: mask_identifiers(&messaggio),
            issues: Vec::new(),
        },
        Ok(bytes) => match motivo_salto(&bytes, path) {
            Some(motivo) => Stato::Saltato {
                motivo: motivo.to_string(),
            },
            None => {
                let d = valida_documento(validator, &bytes, &[], MessaggioJson::Letto);
                match d.esito {
                    Esito::Validated(report) => Stato::Validato {
                        tipo: d.tipo,
                        report,
                    },
                    Esito::Failed(messaggio, issues) => Stato::Illeggibile {
                        tipo: Some(d.tipo),
                        messaggio: mask_identifiers(&messaggio),
                        issues,
                    },
                }
            }
        },
    };
    EsitoFile {
        file,
        stato,
        secondi: inizio.elapsed().as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_what_is_neither_json_nor_xml() {
        let p = Path::new("a.ts");
        assert_eq!(
            motivo_salto(b"1719835200000\n", p),
            Some("neither JSON nor XML")
        );
        assert_eq!(motivo_salto(b"  \n", p), Some("empty file"));
        assert_eq!(
            motivo_salto(b"# README", Path::new("README.md")),
            Some("neither JSON nor XML")
        );
        assert_eq!(motivo_salto(b"\xEF\xBB\xBF {\"a\":1}", p), None);
        assert_eq!(motivo_salto(b"<?xml version='1.0'?>", p), None);
        assert_eq!(motivo_salto(b"[]", p), None);
        assert_eq!(motivo_salto(b"\xFF\xFE<\0", p), None);
        // A .json or .xml file is a document whatever its content (an empty export is an error).
        assert_eq!(motivo_salto(b"", Path::new("x.JSON")), None);
        assert_eq!(motivo_salto(b"garbage", Path::new("x.xml")), None);
    }

    #[test]
    fn labels_are_relative_and_masked() {
        let dir = Path::new("/tmp/export");
        assert_eq!(
            etichetta_relativa(dir, Path::new("/tmp/export/a/b.json")),
            "a/b.json"
        );
        assert_eq!(
            etichetta_relativa(dir, Path::new("/tmp/export/RSSMRA80A01H501U.json")),
            "RSSMRA*********U.json"
        );
    }
}
