//! `GET /flussi` (`siuss.md` §11.2): query parameters, selection of the flows to expose, response
//! body and the checks on each entry.
//!
//! Selection: the flows whose `ts_flusso` (ms) is strictly greater than `since`, never the
//! `RIFIUTATO` ones, in ascending `ts_flusso` order (ties: input order), at most `limit`. Every
//! candidate entry is checked ([`verifica_voce`]); an entry with a finding of severity `error` is
//! **not exposed** (it would break the OAS contract or be refused by INPS) and does not count
//! towards `limit`; warnings are reported and the entry is exposed. Finding paths are
//! `/{i}/{property}`: `i` is the index of the entry in the input (register entries or XML list),
//! `property` the [`VoceFlusso`] property concerned.
//!
//! Where an entry's data come from:
//! - register entries ([`seleziona_flussi`]): `id_flusso`, `tipo`, `ts_flusso` and the XML from
//!   the [`VoceRegistro`]; `codice_ente` is the `EEEEE` segment of `id_flusso`;
//!   `denominazione_ente` is `Ente/@Denominazione` of the XML (empty when absent). Rules
//!   SIUSS-WAAS-012 and -021 compare them with the XML.
//! - XML flows without a register ([`voce_da_xml`], [`seleziona_flussi_xml`], what the CLI
//!   `cartella siuss flussi` uses): everything from the XML (`IdentificazioneFlusso/@Nome`,
//!   `Ente/@Indirizzo`, `Ente/@Denominazione`, the flow type) except `ts_flusso`, which the caller
//!   supplies (allocated and stored beside the file, or the file's modification time: the
//!   library does not read clocks or file systems here). Two flows of one ente with the same
//!   `ts_flusso` raise SIUSS-WAAS-006 and the later one is not exposed.

use std::collections::HashSet;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::id::{verifica_id_flusso, verifica_ts_flusso, TsFlusso};
use super::problema::{HttpResponse, Rifiuto};
use super::registro::{RegistroInvii, StatoFlusso, VoceRegistro};
use super::segnala;
use crate::error::CartellaError;
use crate::rules::{Issue, Severity};
use crate::siuss::flusso::TipoFlusso;
use crate::siuss::xml::leggi_intestazione;

/// Default of `limit`.
pub const LIMIT_PREDEFINITO: u32 = 10;
/// Largest `limit` (OAS int32 0–100).
pub const LIMIT_MASSIMO: u32 = 100;
/// Largest `flusso` (base64 characters, OAS `maxLength 10000000`).
pub const FLUSSO_MAX_CARATTERI: usize = 10_000_000;
/// Largest `denominazione_ente` (OAS `maxLength 256`).
const DENOMINAZIONE_MAX_CARATTERI: usize = 256;

/// The query of `GET /flussi`, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParametriFlussi {
    /// `since`: ms since the epoch, ≥ 0.
    pub since: i64,
    /// `limit` (alias `max_entries`): 0–100, default 10.
    pub limit: u32,
}

impl Default for ParametriFlussi {
    fn default() -> Self {
        ParametriFlussi {
            since: 0,
            limit: LIMIT_PREDEFINITO,
        }
    }
}

/// Decodes `%XX` escapes and `+` of a query component; invalid escapes are kept as written.
fn decodifica(componente: &str) -> String {
    let b = componente.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let esadecimale = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match esadecimale {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An integer written `-?[0-9]+` (no sign `+`, no spaces, no exponent).
fn intero(valore: &str) -> Option<i64> {
    let cifre = valore.strip_prefix('-').unwrap_or(valore);
    if cifre.is_empty() || !cifre.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    valore.parse().ok()
}

impl ParametriFlussi {
    /// Validates a raw query string (`since=0&limit=10`, without `?`; percent-encoding decoded).
    ///
    /// # Errors
    /// A `400` [`Rifiuto`] with SIUSS-WAAS-010 (`since` missing, repeated, not an integer or
    /// negative) and/or SIUSS-WAAS-009 (`limit` repeated, not an integer or outside 0–100).
    ///
    /// ```
    /// use cartella::siuss::waas::ParametriFlussi;
    /// let p = ParametriFlussi::da_query("since=1700000000000&max_entries=3").unwrap();
    /// assert_eq!((p.since, p.limit), (1_700_000_000_000, 3));
    /// assert_eq!(ParametriFlussi::da_query("since=0").unwrap().limit, 10);
    /// assert_eq!(ParametriFlussi::da_query("limit=5").unwrap_err().issues[0].rule_id, "SIUSS-WAAS-010");
    /// ```
    pub fn da_query(query: &str) -> Result<ParametriFlussi, Rifiuto> {
        let coppie: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decodifica(k), decodifica(v))
            })
            .collect();
        Self::da_coppie(coppie.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// Validates query parameters already split and decoded by the caller's framework. Unknown
    /// parameters are ignored. `max_entries` (Spec examples) is an alias of `limit`; when both
    /// are present `limit` (OAS, normative) wins.
    ///
    /// # Errors
    /// As [`ParametriFlussi::da_query`].
    pub fn da_coppie<'a>(
        coppie: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ParametriFlussi, Rifiuto> {
        let mut since = Vec::new();
        let mut limit = Vec::new();
        let mut max_entries = Vec::new();
        for (k, v) in coppie {
            match k {
                "since" => since.push(v),
                "limit" => limit.push(v),
                "max_entries" => max_entries.push(v),
                _ => {}
            }
        }
        let mut issues = Vec::new();
        let since = match since.as_slice() {
            [v] => intero(v).filter(|s| *s >= 0),
            _ => None,
        };
        if since.is_none() {
            segnala(&mut issues, "SIUSS-WAAS-010", "/since".into());
        }
        let (nome, valori) = if limit.is_empty() {
            ("/max_entries", max_entries)
        } else {
            ("/limit", limit)
        };
        let limit = match valori.as_slice() {
            [] => Some(LIMIT_PREDEFINITO),
            [v] => intero(v)
                .filter(|l| (0..=i64::from(LIMIT_MASSIMO)).contains(l))
                .and_then(|l| u32::try_from(l).ok()),
            _ => None,
        };
        if limit.is_none() {
            segnala(&mut issues, "SIUSS-WAAS-009", nome.into());
        }
        match (since, limit) {
            (Some(since), Some(limit)) if issues.is_empty() => Ok(ParametriFlussi { since, limit }),
            _ => Err(Rifiuto::da_issues(issues)),
        }
    }
}

/// One entry of the `GET /flussi` response (OAS `Flusso`, `additionalProperties: false`), members
/// in the OAS order. Values are strings so that an entry received from elsewhere can be checked
/// with [`verifica_voce`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoceFlusso {
    /// Belfiore code of the ente, `^[A-Z][0-9]{3}$`.
    pub codice_ente: String,
    /// Name of the ente, ≤ 256 characters.
    pub denominazione_ente: String,
    /// `id_flusso` (§3), ≤ 64 characters.
    pub id_flusso: String,
    /// `PS_PSA_SINA` or `SINBA`.
    pub tipo: String,
    /// RFC 3339 date-time (written UTC with ms).
    pub ts_flusso: String,
    /// Base64 (RFC 4648, standard alphabet, padded, no line breaks) of the UTF-8 XML,
    /// ≤ 10 000 000 characters.
    pub flusso: String,
}

/// The `GET /flussi` response body `{"elenco_flussi": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RispostaFlussi {
    /// The entries (0–100).
    pub elenco_flussi: Vec<VoceFlusso>,
}

impl RispostaFlussi {
    /// The JSON body (members in the OAS order).
    pub fn to_json(&self) -> String {
        // Serialising plain strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The result of a selection: the body, the flows to mark `ESPOSTO`, the findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelezioneFlussi {
    /// The response body.
    pub risposta: RispostaFlussi,
    /// `id_flusso` of the entries in the body, to pass to [`RegistroInvii::segna_esposti`].
    pub esposti: Vec<String>,
    /// Findings on the candidate entries (paths `/{i}/{property}`, see the module docs).
    pub issues: Vec<Issue>,
}

fn tipo_da_token(token: &str) -> Option<TipoFlusso> {
    match token {
        "PS_PSA_SINA" => Some(TipoFlusso::PsPsaSina),
        "SINBA" => Some(TipoFlusso::Sinba),
        _ => None,
    }
}

/// Number of base64 characters of `n` bytes (padded).
fn lunghezza_base64(n: usize) -> usize {
    n.div_ceil(3).saturating_mul(4)
}

/// Builds the `GET /flussi` entry of a flow XML: `id_flusso` = `IdentificazioneFlusso/@Nome`,
/// `codice_ente` = `Ente/@Indirizzo`, `denominazione_ente` = `Ente/@Denominazione` (empty when
/// absent), `tipo` from the content, `flusso` = base64 of the bytes as given; `ts_flusso` is the
/// caller's (see the module docs).
///
/// The entry is not checked: run [`verifica_voce`] (as [`seleziona_flussi_xml`] does).
///
/// # Errors
/// [`CartellaError::Argomento`] (`xml`) when the content is not an INPS flow (SIUSS-WAAS-008) or
/// has no `IdentificazioneFlusso/@Nome`.
///
/// ```
/// use cartella::siuss::waas::{voce_da_xml, TsFlusso};
/// let xml = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="H501.SINBA.20240101.0000001"><Ente Codice="H501" Indirizzo="H501" CFOperatore="x"/></IdentificazioneFlusso><SINBA/></Flusso>"#;
/// let voce = voce_da_xml(xml, TsFlusso::new(1_000).unwrap()).unwrap();
/// assert_eq!((voce.codice_ente.as_str(), voce.tipo.as_str()), ("H501", "SINBA"));
/// assert_eq!(voce.ts_flusso, "1970-01-01T00:00:01.000Z");
/// ```
pub fn voce_da_xml(xml: &[u8], ts_flusso: TsFlusso) -> Result<VoceFlusso, CartellaError> {
    let non_inps = || CartellaError::Argomento {
        name: "xml",
        message: "SIUSS-WAAS-008: not an INPS flow (root Flusso in http://inps.it/Casellario)"
            .into(),
    };
    let (tipo, testa) = leggi_intestazione(xml).ok_or_else(non_inps)?;
    let id_flusso = testa.nome.ok_or_else(|| CartellaError::Argomento {
        name: "xml",
        message: "IdentificazioneFlusso/@Nome missing".into(),
    })?;
    Ok(VoceFlusso {
        codice_ente: testa.ente.indirizzo.unwrap_or_default(),
        denominazione_ente: testa.ente.denominazione.unwrap_or_default(),
        id_flusso,
        tipo: tipo.as_str().to_string(),
        ts_flusso: ts_flusso.to_string(),
        flusso: STANDARD.encode(xml),
    })
}

/// Checks a `GET /flussi` entry; `path` is the JSON Pointer of the entry.
///
/// Findings: SIUSS-WAAS-004 (`codice_ente` not `^[A-Z][0-9]{3}$`), -005 (`denominazione_ente`
/// over 256 characters), -001/-002/-011 (`id_flusso` not in the write form, too long, `TIPO`
/// segment inconsistent with `tipo`), -003 (`tipo` not `PS_PSA_SINA`/`SINBA` or not the type of
/// the content), -006 (`ts_flusso` not a date-time), -007 (`flusso` not base64 or over 10 000 000
/// characters), -008 (decoded content not an INPS flow), -012 (`id_flusso` ≠
/// `IdentificazioneFlusso/@Nome`), -021 (`codice_ente` ≠ `Ente/@Indirizzo`).
///
/// ```
/// use cartella::siuss::waas::{verifica_voce, voce_da_xml, TsFlusso};
/// let xml = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="H501.SINBA.20240101.0000001"><Ente Codice="H501" Indirizzo="H501" CFOperatore="x"/></IdentificazioneFlusso><SINBA/></Flusso>"#;
/// let mut voce = voce_da_xml(xml, TsFlusso::new(1_000).unwrap()).unwrap();
/// assert!(verifica_voce(&voce, "").is_empty());
/// voce.tipo = "PS_PSA_SINA".into();
/// let ids: Vec<_> = verifica_voce(&voce, "").into_iter().map(|i| i.rule_id).collect();
/// assert_eq!(ids, ["SIUSS-WAAS-011", "SIUSS-WAAS-003"]);
/// ```
pub fn verifica_voce(voce: &VoceFlusso, path: &str) -> Vec<Issue> {
    verifica(voce, None, path)
}

/// [`verifica_voce`], with the XML already at hand (not decoded again from `flusso`).
fn verifica(voce: &VoceFlusso, xml: Option<&[u8]>, path: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let e = voce.codice_ente.as_bytes();
    if !(e.len() == 4 && e[0].is_ascii_uppercase() && e[1..].iter().all(u8::is_ascii_digit)) {
        segnala(&mut issues, "SIUSS-WAAS-004", format!("{path}/codice_ente"));
    }
    if voce.denominazione_ente.chars().count() > DENOMINAZIONE_MAX_CARATTERI {
        segnala(
            &mut issues,
            "SIUSS-WAAS-005",
            format!("{path}/denominazione_ente"),
        );
    }
    let tipo = tipo_da_token(&voce.tipo);
    issues.extend(verifica_id_flusso(
        &voce.id_flusso,
        tipo,
        &format!("{path}/id_flusso"),
    ));
    if tipo.is_none() {
        segnala(&mut issues, "SIUSS-WAAS-003", format!("{path}/tipo"));
    }
    issues.extend(verifica_ts_flusso(
        &voce.ts_flusso,
        &format!("{path}/ts_flusso"),
    ));
    let decodificato;
    let contenuto = match xml {
        Some(xml) => Some(xml),
        None if voce.flusso.len() > FLUSSO_MAX_CARATTERI => None,
        None => {
            decodificato = STANDARD.decode(&voce.flusso).ok();
            decodificato.as_deref()
        }
    };
    let percorso_flusso = format!("{path}/flusso");
    if voce.flusso.len() > FLUSSO_MAX_CARATTERI || contenuto.is_none() {
        segnala(&mut issues, "SIUSS-WAAS-007", percorso_flusso.clone());
    }
    if voce.flusso.len() <= FLUSSO_MAX_CARATTERI && contenuto.is_none() {
        // Undecodable base64 is also the schema-level finding of the `format: byte` property.
        segnala(&mut issues, "XML-017", percorso_flusso.clone());
    }
    let Some(contenuto) = contenuto else {
        return issues;
    };
    let (rilevato, testa) = match leggi_intestazione(contenuto) {
        Some(h) => h,
        None => {
            segnala(&mut issues, "SIUSS-WAAS-008", percorso_flusso);
            return issues;
        }
    };
    if tipo.is_some_and(|t| t != rilevato) {
        segnala(&mut issues, "SIUSS-WAAS-003", format!("{path}/tipo"));
    }
    if testa.nome.as_deref() != Some(voce.id_flusso.as_str()) {
        segnala(&mut issues, "SIUSS-WAAS-012", format!("{path}/id_flusso"));
    }
    if testa.ente.indirizzo.as_deref() != Some(voce.codice_ente.as_str()) {
        segnala(&mut issues, "SIUSS-WAAS-021", format!("{path}/codice_ente"));
    }
    issues
}

/// A candidate for exposure.
struct Candidato<'a> {
    indice: usize,
    ts: TsFlusso,
    xml: &'a [u8],
    /// `(id_flusso, tipo)` of a register entry; `None` for a bare XML.
    registro: Option<(&'a str, TipoFlusso)>,
}

/// Builds the entry of a candidate; `None` (with SIUSS-WAAS-007/008) when it cannot be built.
fn costruisci(c: &Candidato<'_>, path: &str, issues: &mut Vec<Issue>) -> Option<VoceFlusso> {
    if lunghezza_base64(c.xml.len()) > FLUSSO_MAX_CARATTERI {
        segnala(issues, "SIUSS-WAAS-007", format!("{path}/flusso"));
        return None;
    }
    match c.registro {
        Some((id, tipo)) => {
            let testa = leggi_intestazione(c.xml)
                .map(|(_, h)| h)
                .unwrap_or_default();
            let codice_ente = id.split('.').next().unwrap_or_default().to_string();
            Some(VoceFlusso {
                codice_ente,
                denominazione_ente: testa.ente.denominazione.unwrap_or_default(),
                id_flusso: id.to_string(),
                tipo: tipo.as_str().to_string(),
                ts_flusso: c.ts.to_string(),
                flusso: STANDARD.encode(c.xml),
            })
        }
        None => match voce_da_xml(c.xml, c.ts) {
            Ok(v) => Some(v),
            Err(_) => {
                segnala(issues, "SIUSS-WAAS-008", format!("{path}/flusso"));
                None
            }
        },
    }
}

fn seleziona(mut candidati: Vec<Candidato<'_>>, parametri: &ParametriFlussi) -> SelezioneFlussi {
    candidati.retain(|c| c.ts.millis() > parametri.since);
    candidati.sort_by_key(|c| (c.ts, c.indice));
    let limit = usize::try_from(parametri.limit).unwrap_or(usize::MAX);
    let mut out = SelezioneFlussi::default();
    let mut visti: HashSet<(String, TsFlusso)> = HashSet::new();
    for c in &candidati {
        if out.risposta.elenco_flussi.len() >= limit {
            break;
        }
        let path = format!("/{}", c.indice);
        let mut issues = Vec::new();
        if let Some(voce) = costruisci(c, &path, &mut issues) {
            issues.extend(verifica(&voce, Some(c.xml), &path));
            if !visti.insert((voce.codice_ente.clone(), c.ts)) {
                segnala(&mut issues, "SIUSS-WAAS-006", format!("{path}/ts_flusso"));
            }
            if !issues.iter().any(|i| i.severity == Severity::Error) {
                out.esposti.push(voce.id_flusso.clone());
                out.risposta.elenco_flussi.push(voce);
            }
        }
        out.issues.extend(issues);
    }
    out
}

/// Selects the register entries to return to `GET /flussi` (see the module docs) and builds the
/// body. Pure: the caller marks [`SelezioneFlussi::esposti`] with
/// [`RegistroInvii::segna_esposti`] (or uses [`get_flussi`]).
pub fn seleziona_flussi(voci: &[VoceRegistro], parametri: &ParametriFlussi) -> SelezioneFlussi {
    let candidati = voci
        .iter()
        .enumerate()
        .filter(|(_, v)| v.stato != StatoFlusso::Rifiutato)
        .map(|(indice, v)| Candidato {
            indice,
            ts: v.ts_flusso,
            xml: v.xml.as_bytes(),
            registro: Some((v.id_flusso.as_str(), v.tipo)),
        })
        .collect();
    seleziona(candidati, parametri)
}

/// A flow XML without a register entry, with the `ts_flusso` the caller assigned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlussoXml<'a> {
    /// The flow XML (UTF-8).
    pub xml: &'a [u8],
    /// Its `ts_flusso`.
    pub ts_flusso: TsFlusso,
}

/// [`seleziona_flussi`] for flows held in memory without a register (every flow is exposable;
/// metadata from [`voce_da_xml`]). Used by `cartella siuss flussi --since MS --limit N DIR`.
///
/// ```
/// use cartella::siuss::waas::{seleziona_flussi_xml, FlussoXml, ParametriFlussi, TsFlusso};
/// let xml = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="H501.SINBA.20240101.0000001"><Ente Codice="H501" Indirizzo="H501" CFOperatore="x"/></IdentificazioneFlusso><SINBA/></Flusso>"#;
/// let flussi = [FlussoXml { xml, ts_flusso: TsFlusso::new(5).unwrap() }];
/// let sel = seleziona_flussi_xml(&flussi, &ParametriFlussi { since: 4, limit: 10 });
/// assert_eq!(sel.esposti, ["H501.SINBA.20240101.0000001"]);
/// let sel = seleziona_flussi_xml(&flussi, &ParametriFlussi { since: 5, limit: 10 });
/// assert!(sel.esposti.is_empty());
/// ```
pub fn seleziona_flussi_xml(
    flussi: &[FlussoXml<'_>],
    parametri: &ParametriFlussi,
) -> SelezioneFlussi {
    let candidati = flussi
        .iter()
        .enumerate()
        .map(|(indice, f)| Candidato {
            indice,
            ts: f.ts_flusso,
            xml: f.xml,
            registro: None,
        })
        .collect();
    seleziona(candidati, parametri)
}

/// `GET /flussi?{query}` on a register: `400` problem for a bad query (SIUSS-WAAS-009/010),
/// otherwise `200` `application/json` with the selected entries, which move `PRONTO` →
/// `ESPOSTO`. Returns the response and the findings.
pub fn get_flussi(query: &str, registro: &mut RegistroInvii) -> (HttpResponse, Vec<Issue>) {
    match ParametriFlussi::da_query(query) {
        Err(rifiuto) => (rifiuto.problema.risposta(), rifiuto.issues),
        Ok(parametri) => {
            let selezione = seleziona_flussi(registro.voci(), &parametri);
            registro.segna_esposti(&selezione.esposti);
            (
                HttpResponse::json(selezione.risposta.to_json()),
                selezione.issues,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_reading() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="A&amp;B"><Ente Codice="1" Denominazione="Comune di X" Indirizzo="H501" CFOperatore="x"/></IdentificazioneFlusso><Beneficiario/></Flusso>"#;
        let (tipo, h) = leggi_intestazione(xml).expect("a PS flow");
        assert_eq!(tipo, TipoFlusso::PsPsaSina);
        assert_eq!(h.nome.as_deref(), Some("A&B"));
        assert_eq!(h.ente.indirizzo.as_deref(), Some("H501"));
        assert_eq!(h.ente.denominazione.as_deref(), Some("Comune di X"));
        assert!(leggi_intestazione(b"<Altro/>").is_none());
        assert!(leggi_intestazione(b"not xml").is_none());
        // Elements of another namespace do not count.
        let xml = br#"<Flusso xmlns="http://inps.it/Casellario" xmlns:o="urn:o"><o:IdentificazioneFlusso Nome="x"/><IdentificazioneFlusso Nome="y"/><SINBA/></Flusso>"#;
        assert_eq!(
            leggi_intestazione(xml).and_then(|(_, h)| h.nome).as_deref(),
            Some("y")
        );
        // No item: not a flow INPS could take.
        let xml = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="n"/></Flusso>"#;
        assert!(leggi_intestazione(xml).is_none());
    }

    #[test]
    fn query_decoding() {
        assert_eq!(decodifica("a%20b+c%zz%4"), "a b c%zz%4");
        assert_eq!(intero("007"), Some(7));
        for bad in ["", "-", "+1", " 1", "1e3", "1.0", "0x1"] {
            assert_eq!(intero(bad), None, "{bad}");
        }
        assert_eq!(lunghezza_base64(0), 0);
        assert_eq!(lunghezza_base64(1), 4);
        assert_eq!(lunghezza_base64(3), 4);
        assert_eq!(lunghezza_base64(4), 8);
    }
}
