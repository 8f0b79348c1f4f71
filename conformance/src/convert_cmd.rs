//! `cartella convert`: canonical JSON ↔ interscambio XML (`PRSS_IN001004ZZ`).
//!
//! The input format is detected from the content. JSON input is a `MessaggioInterscambio` (a
//! top-level object with a `cartella` member) or a `Cartella`, whose message is built for one
//! process with the envelope options. XML input is read with the hardened reader. The output is
//! the `MessaggioInterscambio` canonical JSON (`--to json`) or the request XML (`--to xml`,
//! `--compat` for the field compatibility forms). Findings (reader, canonical validation, writer)
//! go to standard error; the exit status is the one of `validate`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use cartella::interscambio::opzioni::{
    CodiciGenere, FormaData, FormaTelecom, OpzioniScrittura, PosizioneEsito,
};
use cartella::interscambio::{messaggio_per_processo, oid, scrivi_con_esiti, Busta};
use cartella::json;
use cartella::model::{Cartella, MessaggioInterscambio};
use cartella::rules::{Issue, Report, Severity, Validator};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::documento::{
    adesso, leggi_file, leggi_json, leggi_xml, parse_identificatore, parse_istante, riga_finding,
    rileva_formato, valida_letto, validatore, DocumentoJson, Formato,
};
use crate::output::ProfileArg;

/// Target format of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Destinazione {
    /// The `MessaggioInterscambio` canonical JSON (pretty-printed).
    Json,
    /// The interscambio request `PRSS_IN001004ZZ`.
    Xml,
}

/// Arguments of `cartella convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Target format.
    #[arg(long, value_enum)]
    pub to: Destinazione,

    /// XML output: the writer's compatibility forms seen in the field (`ddMMyyyy` dates, gender
    /// `1`/`2`, no `interactionId/@root`, positional telecom, `comune
    /// residenza`, assistito codice fiscale root
    /// `2.16.840.1.113883.2.9.4.1.2`, esito as a direct child). Still read back to the same model.
    #[arg(long)]
    pub compat: bool,

    /// Input file: canonical JSON or interscambio XML, detected from the content (`-` = stdin).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output file (default: standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// `Cartella` input: the `id_processo` of the process to send (D8: one message per process).
    /// Default: the only process of the cartella (required when it has several).
    #[arg(long = "process", value_name = "ID")]
    pub process: Option<String>,

    /// `Cartella` input: message id, `EXT` (root `2.16.840.1.113883.2.9.2.30.3.2.4.3`) or
    /// `ROOT:EXT`. Default: `MSG-<id_processo>`.
    #[arg(long, value_name = "ID")]
    pub message_id: Option<String>,

    /// `Cartella` input: sending system id (`EXT` or `ROOT:EXT`). Default: the id of the ente
    /// titolare.
    #[arg(long, value_name = "ID")]
    pub sender: Option<String>,

    /// `Cartella` input: receiving system id (`EXT` or `ROOT:EXT`). Default: `DESTINATARIO`.
    #[arg(long, value_name = "ID")]
    pub receiver: Option<String>,

    /// `Cartella` input: creation time of the message (`YYYY-MM-DDTHH:MM:SS`). Default: now.
    #[arg(long, value_name = "DATETIME")]
    pub created: Option<String>,

    /// Also list the notices (`info` findings) on standard error.
    #[arg(short, long)]
    pub verbose: bool,

    /// Profiles of the validation whose findings are reported (as `validate`).
    #[arg(long, value_enum, default_value_t = ProfileArg::Guideline)]
    pub profile: ProfileArg,

    /// Validation date (YYYY-MM-DD). Default: today in Europe/Rome.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::validate_cmd::parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// The writer options of `--compat`: every field form of `interscambio.md` §16 that the reader
/// maps back to the same model. Left out: the regional envelope codes (`Produzione`, `batch`) and the
/// profilo erogante OID `P.4.18` (the reader keeps both as read, so the model would change), and the money form `hl7_mo` (not
/// XSD-valid; the regional `value/@code` form is already the default).
pub fn opzioni_compat() -> OpzioniScrittura {
    OpzioniScrittura {
        date_format: FormaData::DdMmYyyy,
        esito_placement: PosizioneEsito::EncounterEvent,
        patient_cf_root: oid::CODICE_FISCALE_ASSISTITO_SISO.to_string(),
        gender_codes: CodiciGenere::Numerici,
        interaction_id_root: false,
        telecom_form: FormaTelecom::Posizionale,
        relation_addr_use: "comune residenza".to_string(),
        ..OpzioniScrittura::default()
    }
}

/// Builds the message of one process of a cartella from the envelope options.
fn messaggio_da_cartella(
    c: &Cartella,
    args: &ConvertArgs,
) -> Result<MessaggioInterscambio, String> {
    let processo = match &args.process {
        Some(p) => p.clone(),
        None => match c.processi.as_slice() {
            [unico] => unico.id_processo.clone(),
            [] => return Err("the cartella has no processo di aiuto to send".to_string()),
            _ => {
                return Err(format!(
                    "the cartella has {} processi di aiuto: choose one with --process ID",
                    c.processi.len()
                ))
            }
        },
    };
    let id_messaggio = match &args.message_id {
        Some(s) => parse_identificatore(s)?,
        None => parse_identificatore(&format!("MSG-{processo}"))?,
    };
    let mittente = match &args.sender {
        Some(s) => parse_identificatore(s)?,
        None => c.ente_titolare.id.clone(),
    };
    let destinatario = parse_identificatore(args.receiver.as_deref().unwrap_or("DESTINATARIO"))?;
    let data_creazione = match &args.created {
        Some(s) => parse_istante(s)?,
        None => adesso()?,
    };
    let busta = Busta {
        id_messaggio,
        data_creazione,
        mittente,
        destinatari: vec![destinatario],
    };
    messaggio_per_processo(c, &processo, busta).map_err(|e| e.to_string())
}

/// Writes the findings to standard error, one per line: errors and warnings, and the notices
/// (`info`) only when `verbose` (otherwise their count).
pub fn stampa_findings(comando: &str, issues: &[Issue], verbose: bool) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut nascoste = 0usize;
    for i in issues {
        if i.severity == Severity::Info && !verbose {
            nascoste += 1;
        } else {
            let _ = writeln!(err, "cartella {comando}: {}", riga_finding(i));
        }
    }
    if nascoste > 0 {
        let _ = writeln!(
            err,
            "cartella {comando}: {nascoste} notice(s) not shown (use --verbose)"
        );
    }
}

/// Writes the output (file or stdout).
pub fn scrivi_output(output: Option<&PathBuf>, testo: &str) -> Result<(), String> {
    match output {
        Some(path) => std::fs::write(path, testo).map_err(|e| {
            format!(
                "cannot write {}: {}",
                path.display(),
                crate::documento::io_error_kind(&e)
            )
        }),
        None => {
            let stdout = io::stdout();
            let mut out = stdout.lock();
            out.write_all(testo.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the output: {}", e.kind()))
        }
    }
}

/// Reads the input as a message (building it from a cartella when needed) and validates it.
fn leggi_input(
    validator: &Validator,
    bytes: &[u8],
    args: &ConvertArgs,
) -> Result<(MessaggioInterscambio, Report), (String, Vec<Issue>)> {
    match rileva_formato(bytes) {
        Formato::Xml => {
            let letto = leggi_xml(bytes).map_err(|e| (e.messaggio, e.issues))?;
            let report = valida_letto(validator, &letto);
            Ok((letto.messaggio, report))
        }
        Formato::Json => {
            let m = match leggi_json(bytes).map_err(|e| (e, Vec::new()))? {
                DocumentoJson::Messaggio(m) => *m,
                DocumentoJson::Cartella(c) => {
                    messaggio_da_cartella(&c, args).map_err(|e| (e, Vec::new()))?
                }
            };
            let report = validator.validate_messaggio(&m);
            Ok((m, report))
        }
    }
}

/// Runs `cartella convert`.
pub fn run(args: ConvertArgs) -> ExitCode {
    let fail = |message: &str| {
        eprintln!("cartella convert: {message}");
        ExitCode::from(2)
    };
    let bytes = match leggi_file(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let validator = validatore(args.profile, args.as_of);
    let (m, report) = match leggi_input(&validator, &bytes, &args) {
        Ok(l) => l,
        Err((message, issues)) => {
            stampa_findings("convert", &issues, args.verbose);
            return fail(&message);
        }
    };
    let mut findings = report.issues;
    let testo = match args.to {
        Destinazione::Json => json::messaggio_to_string_pretty(&m),
        Destinazione::Xml => {
            let opzioni = if args.compat {
                opzioni_compat()
            } else {
                OpzioniScrittura::default()
            };
            match scrivi_con_esiti(&m, &opzioni) {
                Ok(scritto) => {
                    findings.extend(scritto.findings);
                    scritto.xml
                }
                Err(e) => {
                    stampa_findings("convert", &findings, args.verbose);
                    return fail(&format!(
                        "cannot write the message: {}",
                        crate::output::mask_identifiers(&e.to_string())
                    ));
                }
            }
        }
    };
    let testo = if testo.ends_with('\n') {
        testo
    } else {
        testo + "\n"
    };
    stampa_findings("convert", &findings, args.verbose);
    if let Err(e) = scrivi_output(args.output.as_ref(), &testo) {
        return fail(&e);
    }
    if findings.iter().any(|i| i.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
