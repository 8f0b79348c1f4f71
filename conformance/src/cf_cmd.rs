//! `cartella cf …`: check and decode codici fiscali (`rules.md` §5).
//!
//! Contract (fixed; outside checks depend on it):
//! - `cartella cf check CODE...` exits 0 only if every code is valid; `cartella cf check -`
//!   reads one code per line from stdin (empty lines skipped);
//! - `--format json` prints one JSON object per code and line:
//!   `{"code", "valid", "sex": "M"|"F"|null, "birth_date": "YYYY-MM-DD"|null,
//!   "birthplace": {"code", "name", "kind": "comune"|"estero"}|null, "omocodia", "issues": [...]}`
//!   with issues `{"rule_id", "severity", "path", "message_it", "message_en"}`;
//! - `cartella cf decode CODE --format json` prints the same object.
//!
//! `code` is the **masked** normalised code (`privacy.md` §4: CLI output never shows a full
//! codice fiscale); results come out in input order.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use cartella::cf::{self, AnalisiCf, OpzioniCf, TipoLuogo};
use cartella::refdata::DatiRiferimento;
use cartella::rules::Issue;
use chrono::NaiveDate;
use serde_json::{json, Value};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One human-readable line per code.
    Text,
    /// One JSON object per code and line.
    Json,
}

/// Options shared by `check` and `decode`.
#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Reference date (YYYY-MM-DD) for the century of the birth year; default today.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Do not use the embedded reference tables (birthplace not checked, CF-018).
    #[arg(long)]
    pub no_refdata: bool,
    /// Print each code in full in the `code` field and the text line. By default codes are masked
    /// (`RSSMRA*********U`, privacy.md §4); messages stay masked in any case.
    #[arg(long)]
    pub unmasked: bool,
}

/// `cartella cf` subcommands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum CfCommand {
    /// Validate codes; exit status 0 only if all are valid. `-` reads one code per line from stdin.
    Check {
        /// Codes to check, or `-` for stdin.
        #[arg(required = true)]
        codes: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Decode one code (sex, birth date, birthplace, omocodia, findings).
    Decode {
        /// The code.
        code: String,
        #[command(flatten)]
        common: Common,
    },
}

/// Arguments of `cartella cf`.
#[derive(Debug, Clone, clap::Args)]
pub struct CfArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: CfCommand,
}

/// The code as printed: masked unless the caller asked for it in full.
fn shown(a: &AnalisiCf, unmasked: bool) -> String {
    if unmasked {
        a.normalizzato.as_str().to_string()
    } else {
        a.normalizzato.mascherato()
    }
}

/// JSON object of one analysed code (the CLI contract).
pub fn to_json(a: &AnalisiCf, unmasked: bool) -> Value {
    let issues: Vec<Value> = a
        .findings
        .iter()
        .map(
            |f| match Issue::new(f.rule_id, "", f.params.iter().map(|(k, v)| (*k, v.clone()))) {
                Ok(i) => json!({
                    "rule_id": i.rule_id,
                    "severity": i.severity.as_str(),
                    "path": i.path,
                    "message_it": i.message_it,
                    "message_en": i.message_en,
                }),
                // not in the catalogue (cannot happen for CF-*): still report the id
                Err(_) => json!({
                    "rule_id": f.rule_id,
                    "severity": if f.is_error() { "error" } else { "warning" },
                    "path": "",
                    "message_it": "",
                    "message_en": "",
                }),
            },
        )
        .collect();
    json!({
        "code": shown(a, unmasked),
        "valid": a.valido,
        "sex": a.sesso.map(|s| s.as_str()),
        "birth_date": a.data_nascita.map(|d| d.format("%Y-%m-%d").to_string()),
        "birthplace": a.luogo_nascita.as_ref().map(|l| json!({
            "code": l.codice,
            "name": l.denominazione,
            "kind": match l.tipo { TipoLuogo::Comune => "comune", TipoLuogo::Estero => "estero" },
        })),
        "omocodia": a.omocodia,
        "issues": issues,
    })
}

fn to_text(a: &AnalisiCf, unmasked: bool) -> String {
    let mut s = format!(
        "{} {}",
        shown(a, unmasked),
        if a.valido { "valid" } else { "INVALID" }
    );
    if let Some(x) = a.sesso {
        s.push_str(&format!(" sex={}", x.as_str()));
    }
    if let Some(d) = a.data_nascita {
        s.push_str(&format!(" birth_date={d}"));
    }
    if let Some(l) = &a.luogo_nascita {
        s.push_str(&format!(" birthplace={}", l.codice));
        if let Some(n) = &l.denominazione {
            s.push_str(&format!(" ({n})"));
        }
    }
    if a.omocodia {
        s.push_str(" omocodia");
    }
    for f in &a.findings {
        s.push_str(&format!(" {}", f.rule_id));
    }
    s
}

fn emit(out: &mut impl Write, a: &AnalisiCf, common: &Common) -> std::io::Result<()> {
    match common.format {
        Format::Json => writeln!(out, "{}", to_json(a, common.unmasked)),
        Format::Text => writeln!(out, "{}", to_text(a, common.unmasked)),
    }
}

fn opzioni(c: &Common) -> OpzioniCf<'static> {
    OpzioniCf {
        data_riferimento: c.as_of,
        dati_riferimento: if c.no_refdata {
            None
        } else {
            Some(DatiRiferimento::embedded())
        },
        confronto: None,
        persona_fisica: false,
    }
}

/// Runs `cartella cf …`. Exit status: 0 all valid, 1 some invalid, 2 I/O error.
pub fn run(args: CfArgs) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match args.command {
        CfCommand::Check { codes, common } => {
            let opz = opzioni(&common);
            let mut all_valid = true;
            let mut check = |code: &str, out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>| {
                let a = cf::analizza(code, &opz);
                all_valid &= a.valido;
                emit(out, &a, &common)
            };
            let mut res = Ok(());
            for code in &codes {
                if code == "-" {
                    let stdin = std::io::stdin();
                    for line in stdin.lock().lines() {
                        match line {
                            Ok(l) if l.trim().is_empty() => continue,
                            Ok(l) => {
                                if let Err(e) = check(l.trim_end_matches('\r'), &mut out) {
                                    res = Err(e);
                                    break;
                                }
                            }
                            Err(e) => {
                                res = Err(e);
                                break;
                            }
                        }
                    }
                } else if let Err(e) = check(code, &mut out) {
                    res = Err(e);
                }
                if res.is_err() {
                    break;
                }
            }
            res.map(|()| all_valid)
        }
        CfCommand::Decode { code, common } => {
            let a = cf::analizza(&code, &opzioni(&common));
            emit(&mut out, &a, &common).map(|()| a.valido)
        }
    };
    match result.and_then(|ok| out.flush().map(|()| ok)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cartella cf: {e}");
            ExitCode::from(2)
        }
    }
}
