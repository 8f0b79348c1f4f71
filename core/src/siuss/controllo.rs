//! Checking of a flow read from a byte stream: the streaming reader ([`LettoreFlusso`]) feeding
//! the incremental checks ([`VerificaIncrementale`]), item by item, so that memory does not grow
//! with the size of the flow. Shared by `cartella siuss check`, `cartella validate`, `cartella
//! conformance run` and [`crate::documento::valida`].

use std::io::BufRead;

use crate::error::CartellaError;
use crate::rules::{Issue, Report};

use super::regole::{OpzioniVerifica, VerificaIncrementale};
use super::xml::{EventoFlussoRif, LettoreFlusso, OpzioniLetturaFlusso};

/// Reads one INPS flow (PS-PSA-SINA or SINBA) with the streaming reader and checks it item by
/// item: the reader findings (`XML-*`) come first, then the findings of every INPS rule. When the
/// reader stopped on a blocking finding, the rules are not judged. The suppressions of `opzioni`
/// apply to reader and rule findings alike.
///
/// # Errors
/// [`CartellaError::Io`] and other errors of the underlying reader only (problems of the input are
/// findings).
///
/// ```
/// use cartella::siuss::{verifica_lettura, OpzioniVerifica};
/// use cartella::siuss::xml::OpzioniLetturaFlusso;
/// let report = verifica_lettura(&b"<Flusso/>"[..], &OpzioniVerifica::default(),
///     &OpzioniLetturaFlusso::default()).unwrap();
/// assert!(!report.is_valid());
/// ```
pub fn verifica_lettura<R: BufRead>(
    r: R,
    opzioni: &OpzioniVerifica,
    lettura: &OpzioniLetturaFlusso,
) -> Result<Report, CartellaError> {
    let mut lettore = LettoreFlusso::nuovo(r, lettura);
    let mut findings: Vec<Issue> = Vec::new();
    let mut verifica: Option<VerificaIncrementale<'_>> = None;
    // Items are lent by the reader, which reuses their storage for the next one.
    while let Some(evento) = lettore.prossimo_evento() {
        match evento? {
            EventoFlussoRif::Intestazione {
                tipo,
                identificazione,
            } => {
                let mut v = VerificaIncrementale::new(tipo, opzioni);
                v.intestazione(&identificazione);
                verifica = Some(v);
            }
            EventoFlussoRif::Beneficiario(b) => {
                if let Some(v) = verifica.as_mut() {
                    v.beneficiario(b);
                }
            }
            EventoFlussoRif::Sinba(s) => {
                if let Some(v) = verifica.as_mut() {
                    v.sinba(s);
                }
            }
            EventoFlussoRif::Finding(i) => findings.push(i),
        }
    }
    let mut report = Report::new();
    report.issues = findings;
    if !lettore.interrotto() {
        if let Some(v) = verifica {
            report.extend(v.fine());
        }
    }
    report.apply_suppressions(&opzioni.suppressions);
    Ok(report)
}
