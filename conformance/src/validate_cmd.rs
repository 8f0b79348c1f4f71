//! `cartella validate`: validates canonical JSON cartelle and interscambio XML messages (format
//! detected from the content), or the embedded samples, and reports the findings as text or as one
//! JSON object per file.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use cartella::rules::{
    Issue, Profiles, Report, Severity, Suppression, ValidationOptions, Validator,
};
use cartella::{samples, CartellaError};

pub use crate::documento::Esito;
use crate::documento::{etichetta, leggi_file, valida_documento, MessaggioJson};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use crate::output::{Lang, ProfileArg};

/// Output format of `validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// A readable report per file.
    Text,
    /// One JSON object per file, each on its own line.
    Json,
}

/// Arguments of `cartella validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Canonical JSON cartelle or interscambio XML messages to validate (`-` reads standard
    /// input); the format is detected from the content (`<` → XML, `{` → JSON).
    #[arg(value_name = "FILE", required_unless_present = "samples")]
    pub files: Vec<PathBuf>,

    /// Validate the samples embedded in the library instead of (or before) files.
    #[arg(long)]
    pub samples: bool,

    /// Profiles to run, cumulatively: `schema`; `guideline` = schema + guideline; `siuss` = all.
    #[arg(long, value_enum, default_value_t = ProfileArg::Guideline)]
    pub profile: ProfileArg,

    /// Date, output and suppression options (shared with `siuss check`).
    #[command(flatten)]
    pub report: ReportArgs,
}

/// The report options shared by `validate` and `siuss check`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Validation date (YYYY-MM-DD): selects the rule sets in force and judges "future" dates.
    /// Default: today in Europe/Rome.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,

    /// Suppress the findings of a rule under a JSON Pointer prefix, with a mandatory reason:
    /// `RULE_ID:PATH_PREFIX:REASON` (an empty prefix suppresses everywhere). Repeatable.
    #[arg(long, value_name = "RULE_ID:PATH_PREFIX:REASON")]
    pub suppress: Vec<String>,

    /// Language of the messages in the text report.
    #[arg(long, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,

    /// Text report: list every notice instead of one line per rule.
    #[arg(short, long)]
    pub verbose: bool,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Parses `RULE_ID:PATH_PREFIX:REASON`.
pub fn parse_suppression(spec: &str) -> Result<Suppression, String> {
    let mut parts = spec.splitn(3, ':');
    let (Some(rule), Some(prefix), Some(reason)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(format!(
            "--suppress {spec:?}: expected RULE_ID:PATH_PREFIX:REASON"
        ));
    };
    Suppression::new(rule.trim(), prefix.trim(), reason.trim()).map_err(|e| match e {
        CartellaError::RegolaSconosciuta(id) => format!("--suppress: unknown rule id {id:?}"),
        CartellaError::SoppressioneSenzaMotivo { rule_id } => {
            format!("--suppress: the suppression of {rule_id} needs a reason")
        }
        other => format!("--suppress: {other}"),
    })
}

/// One input document.
struct Input {
    /// Label shown in reports (`file` of the JSON output).
    label: String,
    /// The bytes, or why they could not be read.
    bytes: Result<Vec<u8>, String>,
    /// For embedded samples: the documented expectation.
    sample: Option<&'static samples::Sample>,
}

fn read_inputs(args: &ValidateArgs) -> Vec<Input> {
    let mut inputs = Vec::new();
    if args.samples {
        for s in samples::all() {
            inputs.push(Input {
                label: format!("sample:{}", s.name),
                bytes: Ok(s.json.as_bytes().to_vec()),
                sample: Some(s),
            });
        }
    }
    for path in &args.files {
        inputs.push(Input {
            label: etichetta(path),
            bytes: leggi_file(path),
            sample: None,
        });
    }
    inputs
}

/// Whether a sample met its documented expectation.
fn sample_ok(sample: &samples::Sample, report: &Report) -> bool {
    if sample.expect_valid {
        report.is_valid()
    } else {
        let expected = sample.expected_rules();
        !report.is_valid() && expected.iter().all(|id| report.has(id))
    }
}

/// Runs `cartella validate`.
pub fn run(args: ValidateArgs) -> ExitCode {
    let mut suppressions = Vec::new();
    for spec in &args.report.suppress {
        match parse_suppression(spec) {
            Ok(s) => suppressions.push(s),
            Err(message) => {
                eprintln!("cartella validate: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let profile = args.profile.profile();
    let mut options = ValidationOptions::default().with_profiles(Profiles::up_to(profile));
    options.as_of = args.report.as_of;
    options.suppressions = suppressions.clone();
    let validator = Validator::new(options);

    let inputs = read_inputs(&args);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.report.format == ValidateFormat::Text {
        let _ = writeln!(
            out,
            "cartella validate: profiles {}, as of {}",
            args.profile.cumulative_label(),
            validator.as_of()
        );
    }

    let mut any_failed = false;
    let mut any_invalid = false;
    let mut summary = Summary::default();
    for input in &inputs {
        let outcome = match &input.bytes {
            Err(message) => Esito::Failed(message.clone(), Vec::new()),
            Ok(bytes) => {
                valida_documento(&validator, bytes, &suppressions, MessaggioJson::NonLetto).esito
            }
        };
        match &outcome {
            Esito::Failed(..) => {
                any_failed = true;
                summary.failed += 1;
            }
            Esito::Validated(report) => {
                let bad = match input.sample {
                    Some(sample) => !sample_ok(sample, report),
                    None => !report.is_valid(),
                };
                if bad {
                    any_invalid = true;
                }
                if report.is_valid() {
                    summary.valid += 1;
                } else {
                    summary.invalid += 1;
                }
            }
        }
        let written = scrivi_esito(
            &mut out,
            &input.label,
            input.sample,
            &outcome,
            args.report.format,
            args.report.lang,
            args.report.verbose,
        );
        if written.is_err() {
            // Broken pipe or closed stdout: stop quietly, keep the exit status meaningful.
            break;
        }
    }
    if args.report.format == ValidateFormat::Text {
        let _ = writeln!(
            out,
            "\n{} document(s): {} valid, {} with errors, {} unreadable",
            inputs.len(),
            summary.valid,
            summary.invalid,
            summary.failed
        );
        if args.samples {
            let _ = writeln!(
                out,
                "(embedded samples: the exit status says whether each sample met its expectation: \
                 valid samples without errors, invalid samples with their documented rules)"
            );
        }
    }
    let _ = out.flush();
    if any_failed {
        ExitCode::from(2)
    } else if any_invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Default)]
struct Summary {
    valid: usize,
    invalid: usize,
    failed: usize,
}

fn issue_json(issue: &Issue) -> Value {
    let mut v = json!({
        "rule_id": issue.rule_id,
        "severity": issue.severity.as_str(),
        "profile": issue.profile.as_str(),
        "path": issue.path,
        "message_it": issue.message_it,
        "message_en": issue.message_en,
    });
    if let (Some(xml_path), Some(obj)) = (&issue.xml_path, v.as_object_mut()) {
        obj.insert("xml_path".into(), Value::String(xml_path.clone()));
    }
    v
}

/// Writes the report of one document in the chosen format (shared with `siuss check`).
pub fn scrivi_esito(
    out: &mut impl Write,
    label: &str,
    sample: Option<&samples::Sample>,
    esito: &Esito,
    format: ValidateFormat,
    lang: Lang,
    verbose: bool,
) -> io::Result<()> {
    match format {
        ValidateFormat::Json => writeln!(out, "{}", json_line(label, sample, esito)),
        ValidateFormat::Text => write_text(out, label, sample, esito, lang, verbose),
    }
}

fn json_line(label: &str, sample: Option<&samples::Sample>, outcome: &Esito) -> Value {
    let mut v = match outcome {
        Esito::Failed(message, issues) => json!({
            "file": label,
            "valid": false,
            "error": message,
            "issues": issues.iter().map(issue_json).collect::<Vec<_>>(),
        }),
        Esito::Validated(report) => json!({
            "file": label,
            "valid": report.is_valid(),
            "blocking": report.is_blocking(),
            "counts": {
                "error": report.count(Severity::Error),
                "warning": report.count(Severity::Warning),
                "info": report.count(Severity::Info),
            },
            "issues": report.issues.iter().map(issue_json).collect::<Vec<_>>(),
            "suppressed": report.suppressed.iter().map(|s| {
                let mut i = issue_json(&s.issue);
                if let Some(obj) = i.as_object_mut() {
                    obj.insert("reason".into(), Value::String(s.reason.clone()));
                }
                i
            }).collect::<Vec<_>>(),
        }),
    };
    if let (Some(sample), Some(obj)) = (sample, v.as_object_mut()) {
        obj.insert("expect_valid".into(), Value::Bool(sample.expect_valid));
        if let Esito::Validated(report) = outcome {
            obj.insert("as_expected".into(), Value::Bool(sample_ok(sample, report)));
        }
    }
    v
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn write_text(
    out: &mut impl Write,
    label: &str,
    sample: Option<&samples::Sample>,
    outcome: &Esito,
    lang: Lang,
    verbose: bool,
) -> io::Result<()> {
    writeln!(out)?;
    let report = match outcome {
        Esito::Failed(message, _) => {
            writeln!(out, "== {label}: NOT READ")?;
            writeln!(out, "   {message}")?;
            return Ok(());
        }
        Esito::Validated(report) => report,
    };
    let verdict = if report.is_blocking() {
        "INVALID (blocking)"
    } else if report.is_valid() {
        "VALID"
    } else {
        "INVALID"
    };
    writeln!(
        out,
        "== {label}: {verdict} — {}, {}, {}",
        plural(report.count(Severity::Error), "error", "errors"),
        plural(report.count(Severity::Warning), "warning", "warnings"),
        plural(report.count(Severity::Info), "notice", "notices"),
    )?;
    if let Some(sample) = sample {
        let expected = if sample.expect_valid {
            "expected valid".to_string()
        } else {
            format!("expected invalid ({})", sample.expected_rules().join(", "))
        };
        let met = if sample_ok(sample, report) {
            "as expected"
        } else {
            "NOT AS EXPECTED"
        };
        writeln!(out, "   {}: {expected}, {met}", sample.name)?;
    }
    let message = |i: &Issue| match lang {
        Lang::It => i.message_it.clone(),
        Lang::En => i.message_en.clone(),
    };
    for (severity, title) in [(Severity::Error, "errors"), (Severity::Warning, "warnings")] {
        let items: Vec<&Issue> = report.with_severity(severity).collect();
        if items.is_empty() {
            continue;
        }
        writeln!(out, "   {title}:")?;
        for i in items {
            writeln!(out, "     {} {}", i.rule_id, display_path(&i.path))?;
            writeln!(out, "       {}", message(i))?;
        }
    }
    let notices: Vec<&Issue> = report.with_severity(Severity::Info).collect();
    if !notices.is_empty() {
        writeln!(out, "   notices:")?;
        if verbose {
            for i in notices {
                writeln!(out, "     {} {}", i.rule_id, display_path(&i.path))?;
                writeln!(out, "       {}", message(i))?;
            }
        } else {
            let mut by_rule: BTreeMap<&str, Vec<&Issue>> = BTreeMap::new();
            for i in notices {
                by_rule.entry(i.rule_id.as_str()).or_default().push(i);
            }
            for (rule_id, items) in by_rule {
                let description =
                    cartella::rules::regola(rule_id).map_or("", |r| r.description.as_str());
                if items.len() == 1 {
                    writeln!(out, "     {rule_id} {}", display_path(&items[0].path))?;
                    writeln!(out, "       {}", message(items[0]))?;
                } else {
                    writeln!(out, "     {rule_id} ×{} — {description}", items.len())?;
                }
            }
            if report.count(Severity::Info) > 0 {
                writeln!(out, "     (use --verbose to list every notice)")?;
            }
        }
    }
    if !report.suppressed.is_empty() {
        writeln!(out, "   suppressed:")?;
        for s in &report.suppressed {
            writeln!(
                out,
                "     {} {} — reason: {}",
                s.issue.rule_id,
                display_path(&s.issue.path),
                s.reason
            )?;
        }
    }
    Ok(())
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "/"
    } else {
        path
    }
}
