//! `POST /esiti` (`siuss.md` §11.3): lenient reading of the outcomes INPS sends, and their
//! application to the send register.
//!
//! Response: `204` whenever the body is syntactically valid JSON, even when entries were skipped
//! (or the body has no `elenco_esiti` array at all: SIUSS-WAAS-013), so that INPS does not retry
//! forever; `400` problem+json only when the body is not JSON. Finding paths point into the
//! request body (`/elenco_esiti/{i}/…`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::problema::{HttpResponse, Problema, Rifiuto};
use super::registro::RegistroInvii;
use super::{issue, segnala, tronca};
use crate::privacy::maschera_testo;
use crate::rules::Issue;

/// Largest number of outcomes in one request (OAS `maxItems 100`; more → SIUSS-WAAS-020).
const ESITI_MASSIMI: usize = 100;
/// Longest text echoed in a finding parameter.
const PARAMETRO_MAX_CARATTERI: usize = 200;

/// `codice_esito` (OAS enumeration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CodiceEsito {
    /// Flow processed.
    Ok,
    /// Inconsistent data (SIUSS-WAAS-018).
    DatiNonTrovati,
    /// Structure not compliant with the SIUSS specifications (SIUSS-WAAS-017).
    RichiestaInvalida,
    /// Other processing error (SIUSS-WAAS-019).
    ErroreGenerico,
}

impl CodiceEsito {
    /// The token (`OK`, `DATI_NON_TROVATI`, `RICHIESTA_INVALIDA`, `ERRORE_GENERICO`).
    pub fn as_str(self) -> &'static str {
        match self {
            CodiceEsito::Ok => "OK",
            CodiceEsito::DatiNonTrovati => "DATI_NON_TROVATI",
            CodiceEsito::RichiestaInvalida => "RICHIESTA_INVALIDA",
            CodiceEsito::ErroreGenerico => "ERRORE_GENERICO",
        }
    }

    /// The code of a token (exact, case-sensitive).
    pub fn da_token(token: &str) -> Option<CodiceEsito> {
        [
            CodiceEsito::Ok,
            CodiceEsito::DatiNonTrovati,
            CodiceEsito::RichiestaInvalida,
            CodiceEsito::ErroreGenerico,
        ]
        .into_iter()
        .find(|c| c.as_str() == token)
    }

    /// The rule a refusal raises: SIUSS-WAAS-017, -018, -019; `None` for `OK`.
    pub fn regola(self) -> Option<&'static str> {
        match self {
            CodiceEsito::Ok => None,
            CodiceEsito::RichiestaInvalida => Some("SIUSS-WAAS-017"),
            CodiceEsito::DatiNonTrovati => Some("SIUSS-WAAS-018"),
            CodiceEsito::ErroreGenerico => Some("SIUSS-WAAS-019"),
        }
    }
}

/// One outcome (OAS `EsitoFlusso`), as written by INPS; members in the OAS order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EsitoFlusso {
    /// The flow the outcome refers to.
    pub id_flusso: String,
    /// `PS_PSA_SINA` or `SINBA`, as received.
    pub tipo: String,
    /// `ts_flusso` as sent, as received.
    pub ts_flusso: String,
    /// When INPS acquired the flow, as received.
    pub ts_acquisizione: String,
    /// The outcome.
    pub codice_esito: CodiceEsito,
    /// Detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descrizione_esito: Option<String>,
    /// SIUSS acquisition code (only with `OK`; alias `codice_siuss` on input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_acquisizione_siuss: Option<String>,
}

/// An outcome read from the request, with its position in `elenco_esiti`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EsitoLetto {
    /// Index in `elenco_esiti`.
    pub indice: usize,
    /// The outcome.
    pub esito: EsitoFlusso,
}

const RICHIESTE: [&str; 5] = [
    "id_flusso",
    "tipo",
    "ts_flusso",
    "ts_acquisizione",
    "codice_esito",
];
const FACOLTATIVE: [&str; 2] = ["descrizione_esito", "id_acquisizione_siuss"];

fn testo(voce: &Map<String, Value>, chiave: &str) -> Option<String> {
    voce.get(chiave).and_then(Value::as_str).map(str::to_string)
}

/// A text safe for a finding parameter: masked and cut.
fn parametro(testo: &str) -> String {
    maschera_testo(&tronca(testo, PARAMETRO_MAX_CARATTERI))
}

/// Reads a `POST /esiti` body leniently.
///
/// Findings: SIUSS-WAAS-020 (more than 100 entries; all are read), -013 (no `elenco_esiti`
/// array, path `/elenco_esiti`; an entry that is not an object, misses a required property or
/// has one that is not a string: skipped), -014
/// (`codice_esito` not in the enumeration; skipped), -016 (alias `codice_siuss` or unknown
/// properties; handled, extras ignored), -003 (`tipo` not `PS_PSA_SINA`/`SINBA`; the entry is
/// still read). A non-string `descrizione_esito` or acquisition code is ignored.
///
/// # Errors
/// A `400` [`Rifiuto`] (no finding) when the body is not JSON.
///
/// ```
/// use cartella::siuss::waas::{leggi_esiti, CodiceEsito};
/// let body = br#"{"elenco_esiti":[{"id_flusso":"H501.PS.20240101.0000001","tipo":"PS_PSA_SINA",
///   "ts_flusso":"2024-01-01T10:00:00.000Z","ts_acquisizione":"2024-01-01T11:00:00Z",
///   "codice_esito":"OK","codice_siuss":"A-1","codice_ente":"H501"}]}"#;
/// let (esiti, issues) = leggi_esiti(body).unwrap();
/// assert_eq!(esiti[0].esito.codice_esito, CodiceEsito::Ok);
/// assert_eq!(esiti[0].esito.id_acquisizione_siuss.as_deref(), Some("A-1"));
/// assert_eq!(issues[0].rule_id, "SIUSS-WAAS-016");
/// assert_eq!(leggi_esiti(b"{").unwrap_err().problema.status, Some(400));
/// ```
pub fn leggi_esiti(corpo: &[u8]) -> Result<(Vec<EsitoLetto>, Vec<Issue>), Rifiuto> {
    let valore: Value = serde_json::from_slice(corpo).map_err(|e| Rifiuto {
        problema: Box::new(Problema::richiesta_non_valida(&format!(
            "The request body is not valid JSON (line {}, column {}).",
            e.line(),
            e.column()
        ))),
        issues: Vec::new(),
    })?;
    let mut issues = Vec::new();
    let Some(elenco) = valore.get("elenco_esiti").and_then(Value::as_array) else {
        segnala(&mut issues, "SIUSS-WAAS-013", "/elenco_esiti".into());
        return Ok((Vec::new(), issues));
    };
    if elenco.len() > ESITI_MASSIMI {
        segnala(&mut issues, "SIUSS-WAAS-020", "/elenco_esiti".into());
    }
    let mut esiti = Vec::new();
    for (indice, voce) in elenco.iter().enumerate() {
        let base = format!("/elenco_esiti/{indice}");
        let Some(voce) = voce.as_object() else {
            segnala(&mut issues, "SIUSS-WAAS-013", base);
            continue;
        };
        let alias = voce.contains_key("codice_siuss");
        let extra = voce.keys().any(|k| {
            !RICHIESTE.contains(&k.as_str())
                && !FACOLTATIVE.contains(&k.as_str())
                && k != "codice_siuss"
        });
        if alias || extra {
            segnala(&mut issues, "SIUSS-WAAS-016", base.clone());
        }
        if let Some(mancante) = RICHIESTE.iter().find(|k| testo(voce, k).is_none()) {
            segnala(&mut issues, "SIUSS-WAAS-013", format!("{base}/{mancante}"));
            continue;
        }
        let codice = testo(voce, "codice_esito").unwrap_or_default();
        let Some(codice_esito) = CodiceEsito::da_token(&codice) else {
            issues.extend(issue(
                "SIUSS-WAAS-014",
                format!("{base}/codice_esito"),
                [("valore", parametro(&codice))],
            ));
            continue;
        };
        let tipo = testo(voce, "tipo").unwrap_or_default();
        if !matches!(tipo.as_str(), "PS_PSA_SINA" | "SINBA") {
            segnala(&mut issues, "SIUSS-WAAS-003", format!("{base}/tipo"));
        }
        esiti.push(EsitoLetto {
            indice,
            esito: EsitoFlusso {
                id_flusso: testo(voce, "id_flusso").unwrap_or_default(),
                tipo,
                ts_flusso: testo(voce, "ts_flusso").unwrap_or_default(),
                ts_acquisizione: testo(voce, "ts_acquisizione").unwrap_or_default(),
                codice_esito,
                descrizione_esito: testo(voce, "descrizione_esito"),
                id_acquisizione_siuss: testo(voce, "id_acquisizione_siuss")
                    .or_else(|| testo(voce, "codice_siuss")),
            },
        });
    }
    Ok((esiti, issues))
}

/// Applies outcomes to the send register: `OK` → `ACQUISITO` with the acquisition code;
/// other codes → `RIFIUTATO` with the description. A later outcome for the same flow replaces an
/// earlier one.
///
/// Findings: SIUSS-WAAS-015 (unknown `id_flusso`; skipped), -003 (`tipo` differs from the
/// registered flow's; still applied), -022 (`OK` without an acquisition code), -017/-018/-019
/// (refusal, with the masked description) at `/elenco_esiti/{i}/…`. `ts_flusso` and
/// `ts_acquisizione` are kept as received and not checked (the flow is identified by `id_flusso`).
pub fn applica_esiti(esiti: &[EsitoLetto], registro: &mut RegistroInvii) -> Vec<Issue> {
    let mut issues = Vec::new();
    for EsitoLetto { indice, esito } in esiti {
        let base = format!("/elenco_esiti/{indice}");
        let Some(voce) = registro.voce(&esito.id_flusso) else {
            segnala(&mut issues, "SIUSS-WAAS-015", format!("{base}/id_flusso"));
            continue;
        };
        if esito.tipo != voce.tipo.as_str() {
            segnala(&mut issues, "SIUSS-WAAS-003", format!("{base}/tipo"));
        }
        let applicato = match esito.codice_esito.regola() {
            None => {
                let codice = esito
                    .id_acquisizione_siuss
                    .clone()
                    .filter(|c| !c.trim().is_empty());
                if codice.is_none() {
                    segnala(
                        &mut issues,
                        "SIUSS-WAAS-022",
                        format!("{base}/id_acquisizione_siuss"),
                    );
                }
                registro.segna_acquisito(&esito.id_flusso, codice, esito.descrizione_esito.clone())
            }
            Some(regola) => {
                let descrizione = esito.descrizione_esito.as_deref().unwrap_or("-");
                issues.extend(issue(
                    regola,
                    format!("{base}/codice_esito"),
                    [("descrizione", parametro(descrizione))],
                ));
                registro.segna_rifiutato(&esito.id_flusso, esito.descrizione_esito.clone())
            }
        };
        // The flow was found above, so the transition cannot fail.
        debug_assert!(applicato.is_ok());
    }
    issues
}

/// `POST /esiti` on a register: reads the body ([`leggi_esiti`]), applies the outcomes
/// ([`applica_esiti`]) and answers `204`, or `400` problem+json when the body is not JSON.
/// Returns the response and the findings.
pub fn post_esiti(corpo: &[u8], registro: &mut RegistroInvii) -> (HttpResponse, Vec<Issue>) {
    match leggi_esiti(corpo) {
        Err(rifiuto) => (rifiuto.problema.risposta(), rifiuto.issues),
        Ok((esiti, mut issues)) => {
            issues.extend(applica_esiti(&esiti, registro));
            (HttpResponse::nessun_contenuto(), issues)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in [
            CodiceEsito::Ok,
            CodiceEsito::DatiNonTrovati,
            CodiceEsito::RichiestaInvalida,
            CodiceEsito::ErroreGenerico,
        ] {
            assert_eq!(CodiceEsito::da_token(c.as_str()), Some(c));
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert_eq!(CodiceEsito::da_token("ok"), None);
    }

    #[test]
    fn parameters_are_masked_and_cut() {
        assert_eq!(parametro("CF RSSMRA80A01H501U"), "CF RSSMRA*********U");
        assert_eq!(
            parametro(&"a".repeat(1000)).chars().count(),
            PARAMETRO_MAX_CARATTERI
        );
    }
}
