//! `cartella siuss`: the INPS national flows (`siuss.md`).
//!
//! - `siuss export --kind ps|sinba [--channel waas|cooperazione|upload] --cf-operatore CF FILE...
//!   [-o OUT]` derives PS-PSA-SINA or SINBA flows from canonical cartelle (JSON or interscambio
//!   XML) and writes them as XML;
//! - `siuss check [--channel waas|cooperazione|upload] [--format text|json] FILE...` reads flows
//!   with the streaming reader and runs the INPS rules (memory independent of the file size);
//! - `siuss flussi --since MS [--limit N] DIR` prints the WaaS `GET /flussi` body for the flows
//!   in a directory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use cartella::rules::{Issue, Report};
use cartella::siuss::deriva::{
    regioni_dm1986_da_csv, CampiOpzionali, ChiaveHmac, ModalitaSina, OpzioniDerivazione,
    Progressivo,
};
use cartella::siuss::waas::{
    seleziona_flussi_xml, AllocatoreProgressivi, FlussoXml, ParametriFlussi, TsFlusso,
};
use cartella::siuss::xml::OpzioniLetturaFlusso;
use cartella::siuss::{
    deriva_periodo, deriva_sinba, scrittore, verifica_lettura, Canale, Flusso, OpzioniVerifica,
    TipoFlusso,
};
use cartella::Cartella;
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use crate::documento::{
    etichetta, io_error_kind, leggi_file, leggi_json, leggi_xml, rileva_formato, DocumentoJson,
    Formato,
};
use crate::output::mask_identifiers;
use crate::validate_cmd::{
    parse_date, parse_suppression, scrivi_esito, Esito, ReportArgs, ValidateFormat,
};

/// `cartella siuss ...`.
#[derive(Debug, Args)]
pub struct SiussArgs {
    #[command(subcommand)]
    comando: SiussCmd,
}

#[derive(Debug, Subcommand)]
enum SiussCmd {
    /// Derive PS-PSA-SINA or SINBA flows from canonical cartelle (JSON or interscambio XML) and
    /// write them as XML.
    Export(ExportArgs),
    /// Check INPS flow files: XML structure and every INPS rule (streaming: memory does not grow
    /// with the file). Same report and exit status as `cartella validate`.
    Check(CheckArgs),
    /// Print the WaaS `GET /flussi` response body for the flow files of a directory.
    Flussi(FlussiArgs),
}

/// Which flow to derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// PS-PSA-SINA (benefits, with the optional SINA assessment).
    Ps,
    /// SINBA (minors and families taken in charge).
    Sinba,
}

/// Channel of the flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChannelArg {
    /// WaaS pull API: one beneficiary and one prestazione (one SINBA) per flow.
    Waas,
    /// Application cooperation: same single-item limit as `waas`.
    Cooperazione,
    /// File uploaded to the INPS web application: many items per flow.
    Upload,
}

impl ChannelArg {
    fn canale(self) -> Canale {
        match self {
            ChannelArg::Waas => Canale::Waas,
            ChannelArg::Cooperazione => Canale::Cooperazione,
            ChannelArg::Upload => Canale::Upload,
        }
    }
}

/// SINA block policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SinaArg {
    /// When the assessment exists, the person is taken in charge and the area or the code calls
    /// for it (default).
    Auto,
    /// Whenever an assessment exists.
    Sempre,
    /// Never.
    Mai,
}

/// Arguments of `cartella siuss export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Which flow.
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// Channel: `waas` and `cooperazione` give one flow per prestazione (per minor); `upload`
    /// one flow per ente with every item.
    #[arg(long, value_enum, default_value_t = ChannelArg::Waas)]
    pub channel: ChannelArg,
    /// Codice fiscale of the operator sending the flows (`Ente/@CFOperatore`).
    #[arg(long, value_name = "CF")]
    pub cf_operatore: String,
    /// Reference date: year segments, age bands, "current" services. Default: today (Europe/Rome).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub data_riferimento: Option<NaiveDate>,
    /// PS only: first day of the period whose prestazioni are exported (default: no lower bound).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub dal: Option<NaiveDate>,
    /// PS only: last day of the period (default: the reference date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub al: Option<NaiveDate>,
    /// Creation date written in the flow names. Default: today (Europe/Rome).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub data_creazione: Option<NaiveDate>,
    /// First daily progressive of the flow names (the next ones count up, per ente and type).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub progressivo: u32,
    /// SINBA: file holding the ente's secret key for the pseudonymous `IDBeneficiario`
    /// (`privacy.md` §3; at least 32 bytes). Without it only ids stored in the cartella are used.
    #[arg(long, value_name = "FILE")]
    pub chiave_hmac: Option<PathBuf>,
    /// SINA block policy.
    #[arg(long, value_enum, default_value_t = SinaArg::Auto)]
    pub sina: SinaArg,
    /// Registered table ISTAT region → DM 1986 region (CSV
    /// `codice_regione_istat,codice_dm1986,denominazione`, `codelists.md` §11). Without it,
    /// `CodiceRegione` comes only from `residenza.codice_regione_dm1986` (no identity default).
    #[arg(long, value_name = "CSV")]
    pub regioni_dm1986: Option<PathBuf>,
    /// Concept maps to register (CSV as `Registro::registra_mappe_csv`), e.g. local service codes
    /// → `INPS.SIUSS.CodicePrestazione`. Repeatable.
    #[arg(long, value_name = "CSV")]
    pub mappe: Vec<PathBuf>,
    /// Write only the attributes INPS requires (data minimisation, `privacy.md` §5).
    #[arg(long)]
    pub solo_obbligatori: bool,
    /// Output. `waas`/`cooperazione`: a directory (created if missing) with one `<Nome>.xml` per
    /// flow and its `ts_flusso` in `<Nome>.ts`, ready for `siuss flussi`. `upload`: a file (a
    /// directory when several enti give several flows). Default: standard output when there is
    /// exactly one flow.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Suppress findings: `RULE_ID:PATH_PREFIX:REASON`. Repeatable.
    #[arg(long, value_name = "RULE_ID:PATH_PREFIX:REASON")]
    pub suppress: Vec<String>,
    /// Canonical JSON cartelle or interscambio XML messages.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `cartella siuss check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Channel the flows are meant for: `waas`/`cooperazione` also enforce one beneficiary and
    /// one prestazione (one SINBA) per flow.
    #[arg(long, value_enum, default_value_t = ChannelArg::Upload)]
    pub channel: ChannelArg,
    /// Date, output and suppression options (as `cartella validate`).
    #[command(flatten)]
    pub report: ReportArgs,
    /// PS-PSA-SINA or SINBA flow files (`-` reads standard input).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `cartella siuss flussi`.
#[derive(Debug, Args)]
pub struct FlussiArgs {
    /// `ts_flusso` (ms since the epoch) of the last flow INPS acquired; `0` on the first call.
    #[arg(long, value_name = "MS", allow_hyphen_values = true)]
    pub since: String,
    /// Maximum number of entries (0–100).
    #[arg(
        long,
        value_name = "N",
        default_value = "10",
        allow_hyphen_values = true
    )]
    pub limit: String,
    /// Directory of flow files (`*.xml`). The `ts_flusso` of `X.xml` is read from `X.ts` beside
    /// it (RFC 3339 or ms since the epoch, as written by `siuss export`), else the file's
    /// modification time.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Runs `cartella siuss`.
pub fn run(args: SiussArgs) -> ExitCode {
    match args.comando {
        SiussCmd::Export(a) => export(a),
        SiussCmd::Check(a) => check(a),
        SiussCmd::Flussi(a) => flussi(a),
    }
}

// ---------------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------------

fn leggi_cartella(path: &Path) -> Result<Cartella, String> {
    let bytes = leggi_file(path)?;
    match rileva_formato(&bytes) {
        Formato::Json => leggi_json(&bytes).map(|d| match d {
            DocumentoJson::Cartella(c) => *c,
            DocumentoJson::Messaggio(m) => m.cartella,
        }),
        Formato::Xml => leggi_xml(&bytes)
            .map(|l| l.messaggio.cartella)
            .map_err(|e| e.messaggio),
    }
}

fn export(args: ExportArgs) -> ExitCode {
    let mut suppressions = Vec::new();
    for spec in &args.suppress {
        match parse_suppression(spec) {
            Ok(s) => suppressions.push(s),
            Err(m) => {
                eprintln!("cartella siuss export: {m}");
                return ExitCode::from(2);
            }
        }
    }
    let chiave = match &args.chiave_hmac {
        None => None,
        Some(p) => match std::fs::read(p) {
            Ok(k) => Some(ChiaveHmac::new(trim_ascii_end(k))),
            Err(e) => {
                eprintln!(
                    "cartella siuss export: cannot read the key file {}: {}",
                    etichetta(p),
                    io_error_kind(&e)
                );
                return ExitCode::from(2);
            }
        },
    };
    let regioni_dm1986 = match &args.regioni_dm1986 {
        None => Default::default(),
        Some(p) => match File::open(p)
            .map_err(|e| io_error_kind(&e))
            .and_then(|f| regioni_dm1986_da_csv(f).map_err(|e| e.to_string()))
        {
            Ok(t) => t,
            Err(m) => {
                eprintln!("cartella siuss export: {}: {m}", etichetta(p));
                return ExitCode::from(2);
            }
        },
    };
    let registro = if args.mappe.is_empty() {
        None
    } else {
        let mut r = cartella::codelists::Registro::standard().clone();
        for p in &args.mappe {
            let esito = File::open(p)
                .map_err(|e| io_error_kind(&e))
                .and_then(|f| r.registra_mappe_csv(f).map_err(|e| e.to_string()));
            if let Err(m) = esito {
                eprintln!("cartella siuss export: {}: {m}", etichetta(p));
                return ExitCode::from(2);
            }
        }
        Some(Arc::new(r))
    };
    // One progressive counter across every input file: flow names stay unique per ente, type
    // and day.
    let allocatore = Arc::new(Mutex::new(AllocatoreProgressivi::new()));
    let primo = args.progressivo.max(1);
    let fornitore = {
        let allocatore = Arc::clone(&allocatore);
        move |ente: &str, tipo: TipoFlusso, data: NaiveDate| -> u32 {
            let mut a = allocatore.lock().unwrap_or_else(|p| p.into_inner());
            let n = a.prossimo(ente, tipo, data).unwrap_or(1);
            n + primo - 1
        }
    };
    let opzioni = OpzioniDerivazione {
        canale: args.channel.canale(),
        cf_operatore: args.cf_operatore.clone(),
        data_riferimento: args.data_riferimento,
        data_creazione: args.data_creazione,
        progressivo: Progressivo::Fornitore(Arc::new(fornitore)),
        sina: match args.sina {
            SinaArg::Auto => ModalitaSina::Auto,
            SinaArg::Sempre => ModalitaSina::Sempre,
            SinaArg::Mai => ModalitaSina::Mai,
        },
        chiave_hmac: chiave,
        campi_opzionali: if args.solo_obbligatori {
            CampiOpzionali::SoloObbligatori
        } else {
            CampiOpzionali::SePresenti
        },
        suppressions,
        regioni_dm1986,
        registro,
        ..OpzioniDerivazione::default()
    };
    let riferimento = args
        .data_riferimento
        .unwrap_or_else(cartella::rules::oggi_roma);
    let dal = args.dal.unwrap_or(NaiveDate::MIN);
    let al = args.al.unwrap_or(riferimento);

    let mut flussi: Vec<Flusso> = Vec::new();
    let mut errori = false;
    let mut illeggibili = false;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for path in &args.files {
        let label = etichetta(path);
        let cartella = match leggi_cartella(path) {
            Ok(c) => c,
            Err(m) => {
                let _ = writeln!(err, "{label}: NOT READ: {m}");
                illeggibili = true;
                continue;
            }
        };
        let d = match args.kind {
            KindArg::Ps => deriva_periodo(&cartella, dal, al, &opzioni),
            KindArg::Sinba => deriva_sinba(&cartella, &opzioni),
        };
        if !d.report.is_valid() {
            errori = true;
        }
        for i in &d.report.issues {
            let _ = writeln!(err, "{label}: {}", riga(i));
        }
        flussi.extend(d.flussi);
    }
    if args.channel == ChannelArg::Upload {
        flussi = unisci_upload(flussi);
    }
    let _ = writeln!(
        err,
        "cartella siuss export: {} flow(s) derived from {} file(s)",
        flussi.len(),
        args.files.len()
    );
    // WaaS and cooperation flows are one file each (with their `ts_flusso` beside them, for
    // `siuss flussi`): `-o` names a directory. Upload flows go to a file unless `-o` is an
    // existing directory or several flows were derived (several enti).
    let come_dir = args.channel != ChannelArg::Upload
        || flussi.len() > 1
        || args.output.as_deref().is_some_and(Path::is_dir);
    if let Err(m) = scrivi_flussi(&flussi, args.output.as_deref(), come_dir) {
        let _ = writeln!(err, "cartella siuss export: {m}");
        return ExitCode::from(2);
    }
    if illeggibili {
        ExitCode::from(2)
    } else if errori {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn trim_ascii_end(mut k: Vec<u8>) -> Vec<u8> {
    while k.last().is_some_and(|b| b.is_ascii_whitespace()) {
        k.pop();
    }
    k
}

/// Upload channel: flows of the same ente and type (same `IdentificazioneFlusso` but for the
/// progressive) from several cartelle become one flow, named after the first.
fn unisci_upload(flussi: Vec<Flusso>) -> Vec<Flusso> {
    let mut out: Vec<Flusso> = Vec::new();
    for f in flussi {
        let bersaglio = out
            .iter_mut()
            .find(|g| g.tipo() == f.tipo() && g.identificazione().ente == f.identificazione().ente);
        match (bersaglio, f) {
            (Some(Flusso::PsPsaSina(g)), Flusso::PsPsaSina(f)) => {
                g.beneficiari.extend(f.beneficiari)
            }
            (Some(Flusso::Sinba(g)), Flusso::Sinba(f)) => g.sinba.extend(f.sinba),
            (_, f) => out.push(f),
        }
    }
    out
}

fn nome_file(f: &Flusso, indice: usize) -> String {
    let nome = f.identificazione().nome.clone().unwrap_or_default();
    let pulito: String = nome
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    if pulito.is_empty() {
        format!("flusso-{indice}.xml")
    } else {
        format!("{pulito}.xml")
    }
}

/// Writes the flows: stdout (one flow), a file, or a directory. In a directory,
/// each `X.xml` gets a `X.ts` beside it with its `ts_flusso` (unique, strictly increasing per
/// ente), which `siuss flussi` reads back.
fn scrivi_flussi(flussi: &[Flusso], out: Option<&Path>, come_dir: bool) -> Result<(), String> {
    match (out, come_dir) {
        (None, _) if flussi.len() > 1 => Err(format!(
            "{} flows: give a directory with -o DIR (one file per flow)",
            flussi.len()
        )),
        (None, _) => {
            let stdout = io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            for f in flussi {
                scrittore::scrivi_to(&mut w, f).map_err(|e| e.to_string())?;
            }
            w.flush().map_err(|e| io_error_kind(&e))
        }
        (Some(p), false) => {
            let Some(f) = flussi.first() else {
                return Ok(());
            };
            let file =
                File::create(p).map_err(|e| format!("{}: {}", etichetta(p), io_error_kind(&e)))?;
            let mut w = BufWriter::new(file);
            scrittore::scrivi_to(&mut w, f).map_err(|e| e.to_string())?;
            w.flush().map_err(|e| io_error_kind(&e))
        }
        (Some(dir), true) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: {}", etichetta(dir), io_error_kind(&e)))?;
            let mut ts = cartella::siuss::waas::AllocatoreTs::new();
            for (i, f) in flussi.iter().enumerate() {
                let nome = nome_file(f, i);
                let path = dir.join(&nome);
                let file = File::create(&path)
                    .map_err(|e| format!("{}: {}", etichetta(&path), io_error_kind(&e)))?;
                let mut w = BufWriter::new(file);
                scrittore::scrivi_to(&mut w, f).map_err(|e| e.to_string())?;
                w.flush().map_err(|e| io_error_kind(&e))?;
                let ente = f
                    .identificazione()
                    .ente
                    .indirizzo
                    .clone()
                    .unwrap_or_default();
                let t = ts.prossimo(&ente).map_err(|e| e.to_string())?;
                let ts_path = path.with_extension("ts");
                std::fs::write(&ts_path, format!("{t}\n"))
                    .map_err(|e| format!("{}: {}", etichetta(&ts_path), io_error_kind(&e)))?;
            }
            Ok(())
        }
    }
}

fn riga(i: &Issue) -> String {
    format!(
        "{} {} {} — {}",
        i.severity.as_str(),
        i.rule_id,
        if i.path.is_empty() { "/" } else { &i.path },
        i.message_en
    )
}

// ---------------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------------

/// Reads one flow with the streaming reader and checks it item by item
/// ([`cartella::siuss::verifica_lettura`]); the error is free of user data.
fn verifica_file<R: BufRead>(r: R, opzioni: &OpzioniVerifica) -> Result<Report, String> {
    verifica_lettura(r, opzioni, &OpzioniLetturaFlusso::default())
        .map_err(|e| mask_identifiers(&e.to_string()))
}

fn check(args: CheckArgs) -> ExitCode {
    let mut suppressions = Vec::new();
    for spec in &args.report.suppress {
        match parse_suppression(spec) {
            Ok(s) => suppressions.push(s),
            Err(m) => {
                eprintln!("cartella siuss check: {m}");
                return ExitCode::from(2);
            }
        }
    }
    let opzioni = OpzioniVerifica {
        canale: args.channel.canale(),
        as_of: args.report.as_of,
        suppressions,
        ..OpzioniVerifica::default()
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if args.report.format == ValidateFormat::Text {
        let _ = writeln!(
            out,
            "cartella siuss check: channel {}, as of {}",
            opzioni.canale.as_str(),
            opzioni.as_of.unwrap_or_else(cartella::rules::oggi_roma)
        );
    }
    let mut conteggio = Conteggio::default();
    for path in &args.files {
        let label = etichetta(path);
        let esito = if path.as_os_str() == "-" {
            verifica_file(io::stdin().lock(), &opzioni)
        } else {
            match File::open(path) {
                Err(e) => Err(format!("cannot read the file: {}", io_error_kind(&e))),
                Ok(f) => verifica_file(BufReader::with_capacity(1 << 16, f), &opzioni),
            }
        };
        let esito = match esito {
            Ok(report) => {
                if report.is_valid() {
                    conteggio.validi += 1;
                } else {
                    conteggio.invalidi += 1;
                }
                Esito::Validated(report)
            }
            Err(m) => {
                conteggio.falliti += 1;
                Esito::Failed(m, Vec::new())
            }
        };
        if scrivi_esito(
            &mut out,
            &label,
            None,
            &esito,
            args.report.format,
            args.report.lang,
            args.report.verbose,
        )
        .is_err()
        {
            break;
        }
    }
    if args.report.format == ValidateFormat::Text {
        let _ = writeln!(
            out,
            "\n{} flow file(s): {} valid, {} with errors, {} unreadable",
            args.files.len(),
            conteggio.validi,
            conteggio.invalidi,
            conteggio.falliti
        );
    }
    let _ = out.flush();
    if conteggio.falliti > 0 {
        ExitCode::from(2)
    } else if conteggio.invalidi > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Default)]
struct Conteggio {
    validi: usize,
    invalidi: usize,
    falliti: usize,
}

// ---------------------------------------------------------------------------------------------
// flussi
// ---------------------------------------------------------------------------------------------

/// `ts_flusso` of a flow file: the sidecar `X.ts` (RFC 3339 or ms), else the modification time.
fn ts_di(path: &Path) -> Result<TsFlusso, String> {
    let sidecar = path.with_extension("ts");
    if let Ok(testo) = std::fs::read_to_string(&sidecar) {
        let t = testo.trim();
        let ms = t.parse::<i64>().ok().or_else(|| {
            chrono::DateTime::parse_from_rfc3339(t)
                .ok()
                .map(|d| d.timestamp_millis())
        });
        return ms
            .and_then(TsFlusso::new)
            .ok_or_else(|| format!("{}: not a ts_flusso", etichetta(&sidecar)));
    }
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{}: {}", etichetta(path), io_error_kind(&e)))?;
    let ms = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .ok_or_else(|| format!("{}: no modification time", etichetta(path)))?;
    TsFlusso::new(ms).ok_or_else(|| format!("{}: no modification time", etichetta(path)))
}

fn flussi(args: FlussiArgs) -> ExitCode {
    let query = format!("since={}&limit={}", args.since.trim(), args.limit.trim());
    let parametri = match ParametriFlussi::da_query(&query) {
        Ok(p) => p,
        Err(rifiuto) => {
            let r = rifiuto.problema.risposta();
            let _ = writeln!(io::stdout().lock(), "{}", r.body.unwrap_or_default());
            for i in &rifiuto.issues {
                eprintln!("{}", riga(i));
            }
            return ExitCode::from(2);
        }
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
            .collect(),
        Err(e) => {
            eprintln!(
                "cartella siuss flussi: {}: {}",
                etichetta(&args.dir),
                io_error_kind(&e)
            );
            return ExitCode::from(2);
        }
    };
    files.sort();
    let mut contenuti: Vec<(Vec<u8>, TsFlusso)> = Vec::new();
    for p in &files {
        let bytes = match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => {
                eprintln!(
                    "cartella siuss flussi: {}: {}",
                    etichetta(p),
                    io_error_kind(&e)
                );
                return ExitCode::from(2);
            }
        };
        match ts_di(p) {
            Ok(ts) => contenuti.push((bytes, ts)),
            Err(m) => {
                eprintln!("cartella siuss flussi: {m}");
                return ExitCode::from(2);
            }
        }
    }
    let xml: Vec<FlussoXml<'_>> = contenuti
        .iter()
        .map(|(b, ts)| FlussoXml {
            xml: b,
            ts_flusso: *ts,
        })
        .collect();
    let selezione = seleziona_flussi_xml(&xml, &parametri);
    // A closed pipe is not an error of the command.
    let _ = writeln!(io::stdout().lock(), "{}", selezione.risposta.to_json());
    for i in &selezione.issues {
        // Paths are `/{index}/{property}`: name the file instead of the index.
        let file = i
            .path
            .split('/')
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| files.get(n))
            .map(|p| etichetta(p))
            .unwrap_or_default();
        eprintln!("{file}: {}", riga(i));
    }
    ExitCode::SUCCESS
}
