//! `cartella ack`: reads a received interscambio request (XML, or its canonical JSON), validates
//! it and writes the `MCCI_IN000002UV01` acknowledgement (`interscambio.md` §12, D18): `AR` when
//! the request is blocking (an error of profile `schema`, including `XML-*`), `AE` with any other
//! error, `AA` otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use cartella::interscambio::risposta::{risposta_da_report, tipo_esito};
use cartella::interscambio::{scrivi_risposta, OpzioniRisposta};
use cartella::model::{MessaggioInterscambio, TipoEsito};
use cartella::rules::Report;
use chrono::NaiveDate;
use clap::Args;

use crate::convert_cmd::{scrivi_output, stampa_findings};
use crate::documento::{
    adesso, leggi_file, leggi_json, leggi_xml, parse_identificatore, parse_istante, rileva_formato,
    valida_letto, validatore, DocumentoJson, Formato,
};
use crate::output::ProfileArg;

/// Arguments of `cartella ack`.
#[derive(Debug, Args)]
pub struct AckArgs {
    /// The received request: interscambio XML or `MessaggioInterscambio` canonical JSON, detected
    /// from the content (`-` = stdin).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output file of the acknowledgement (default: standard output).
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Profiles of the validation (as `validate`).
    #[arg(long, value_enum, default_value_t = ProfileArg::Guideline)]
    pub profile: ProfileArg,

    /// Validation date (YYYY-MM-DD). Default: today in Europe/Rome.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::validate_cmd::parse_date)]
    pub as_of: Option<NaiveDate>,

    /// Id of the acknowledgement (`EXT` under root `2.16.840.1.113883.2.9.2.30.3.2.4.3`, or
    /// `ROOT:EXT`). Default: `ACK-` + the extension (else the root) of the request id.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The acknowledging system (`/sender/device/id`, `EXT` or `ROOT:EXT`). Default: the first
    /// receiver of the request.
    #[arg(long, value_name = "ID")]
    pub sender: Option<String>,

    /// Creation time of the acknowledgement (`YYYY-MM-DDTHH:MM:SS`). Default: now.
    #[arg(long, value_name = "DATETIME")]
    pub created: Option<String>,

    /// Also list the notices (`info` findings) on standard error.
    #[arg(short, long)]
    pub verbose: bool,

    /// Maximum number of acknowledgement details (errors, then warnings, in finding order).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_details: usize,
}

fn leggi_richiesta(
    args: &AckArgs,
    bytes: &[u8],
) -> Result<(MessaggioInterscambio, Report), (String, Vec<cartella::rules::Issue>)> {
    let validator = validatore(args.profile, args.as_of);
    match rileva_formato(bytes) {
        Formato::Xml => {
            let letto = leggi_xml(bytes).map_err(|e| (e.messaggio, e.issues))?;
            let report = valida_letto(&validator, &letto);
            Ok((letto.messaggio, report))
        }
        Formato::Json => match leggi_json(bytes).map_err(|e| (e, Vec::new()))? {
            DocumentoJson::Messaggio(m) => {
                let report = validator.validate_messaggio(&m);
                Ok((*m, report))
            }
            DocumentoJson::Cartella(_) => Err((
                "a cartella is not a received message: convert it first (cartella convert --to xml)"
                    .to_string(),
                Vec::new(),
            )),
        },
    }
}

/// Runs `cartella ack`. Exit status: `0` acknowledgement `AA` written; `1` `AE` or `AR` written;
/// `2` the request cannot be read at all (no acknowledgement: its id is unknown) or a usage error.
pub fn run(args: AckArgs) -> ExitCode {
    let fail = |message: &str| {
        eprintln!("cartella ack: {message}");
        ExitCode::from(2)
    };
    let bytes = match leggi_file(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let (richiesta, report) = match leggi_richiesta(&args, &bytes) {
        Ok(r) => r,
        Err((message, issues)) => {
            stampa_findings("ack", &issues, args.verbose);
            return fail(&message);
        }
    };
    let id = match &args.id {
        Some(s) => parse_identificatore(s),
        None => {
            let rif = richiesta
                .id_messaggio
                .extension
                .clone()
                .unwrap_or_else(|| richiesta.id_messaggio.root.as_str().to_string());
            parse_identificatore(&format!("ACK-{rif}"))
        }
    };
    let mittente = match (&args.sender, richiesta.destinatari.first()) {
        (Some(s), _) => parse_identificatore(s),
        (None, Some(d)) => Ok(d.clone()),
        (None, None) => parse_identificatore("DESTINATARIO"),
    };
    let data = match &args.created {
        Some(s) => parse_istante(s),
        None => adesso(),
    };
    let (id, mittente, data) = match (id, mittente, data) {
        (Ok(i), Ok(m), Ok(d)) => (i, m, d),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return fail(&e),
    };
    let opzioni = OpzioniRisposta {
        max_dettagli: args.max_details,
        ..OpzioniRisposta::default()
    };
    let risposta = risposta_da_report(&richiesta, &report, id, data, mittente, &opzioni);
    let xml = match scrivi_risposta(&risposta, true) {
        Ok(x) => x,
        Err(e) => {
            return fail(&format!(
                "cannot write the acknowledgement: {}",
                crate::output::mask_identifiers(&e.to_string())
            ))
        }
    };
    stampa_findings("ack", &report.issues, args.verbose);
    let testo = if xml.ends_with('\n') { xml } else { xml + "\n" };
    if let Err(e) = scrivi_output(args.output.as_ref(), &testo) {
        return fail(&e);
    }
    let tipo = tipo_esito(&report);
    eprintln!("cartella ack: acknowledgement {}", tipo.code());
    if tipo == TipoEsito::Aa {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
