//! `GET /status` and problem details (`application/problem+json`, RFC 9457; `siuss.md` §11.1,
//! §11.4).
//!
//! Problem texts never contain personal data: the constructors take fixed texts, and the details
//! built by this module name rules and parameters only; a caller-given detail is masked with
//! [`crate::privacy::maschera_testo`] and cut to 4096 characters.

use serde::{Deserialize, Serialize};

use super::tronca;
use crate::privacy::maschera_testo;
use crate::rules::Issue;

/// Media type of problem bodies.
pub const CONTENT_TYPE_PROBLEMA: &str = "application/problem+json";
/// Media type of the `GET /flussi` body.
pub const CONTENT_TYPE_JSON: &str = "application/json";

/// Maximum length of the problem strings (OAS `maxLength 4096`).
const MAX_TESTO: usize = 4096;

/// A problem details object (OAS `Problem`, `additionalProperties: false`). Absent members are
/// not written; members are written in the OAS order.
///
/// ```
/// use cartella::siuss::waas::Problema;
/// assert_eq!(Problema::ok().to_json(), r#"{"title":"OK","status":200}"#);
/// assert_eq!(Problema::non_trovato().status, Some(404));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problema {
    /// `type`: URI reference identifying the problem type (`about:blank` when absent).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// `title`: short summary of the problem type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `status`: the HTTP status code (100–599).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// `detail`: explanation of this occurrence (no personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// `instance`: URI reference of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

impl Problema {
    /// A problem with a status and a title.
    pub fn con_stato(status: u16, title: &str) -> Problema {
        Problema {
            problem_type: None,
            title: Some(tronca(title, MAX_TESTO)),
            status: Some(status),
            detail: None,
            instance: None,
        }
    }

    /// The healthy `GET /status` body: `{"title":"OK","status":200}`.
    pub fn ok() -> Problema {
        Problema::con_stato(200, "OK")
    }

    /// `400 Bad Request` with a detail (masked, at most 4096 characters).
    pub fn richiesta_non_valida(detail: &str) -> Problema {
        Problema::con_stato(400, "Bad Request").con_dettaglio(detail)
    }

    /// `404 Not Found`.
    pub fn non_trovato() -> Problema {
        Problema::con_stato(404, "Not Found")
    }

    /// `500 Internal Server Error` (no detail: internal causes are not disclosed).
    pub fn errore_interno() -> Problema {
        Problema::con_stato(500, "Internal Server Error")
    }

    /// `503 Service Unavailable`, the unhealthy `GET /status` answer.
    pub fn non_disponibile() -> Problema {
        Problema::con_stato(503, "Service Unavailable")
    }

    /// The same problem with a detail (masked with [`maschera_testo`], at most 4096 characters).
    pub fn con_dettaglio(mut self, detail: &str) -> Problema {
        self.detail = Some(tronca(&maschera_testo(detail), MAX_TESTO));
        self
    }

    /// The same problem with an `instance` URI (at most 4096 characters).
    pub fn con_istanza(mut self, instance: &str) -> Problema {
        self.instance = Some(tronca(instance, MAX_TESTO));
        self
    }

    /// The JSON body.
    pub fn to_json(&self) -> String {
        // Serialising plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The HTTP response carrying this problem (status 500 when the problem has none).
    pub fn risposta(&self) -> HttpResponse {
        HttpResponse {
            status: self.status.unwrap_or(500),
            content_type: Some(CONTENT_TYPE_PROBLEMA),
            body: Some(self.to_json()),
        }
    }
}

/// A refused request: the `400` problem and the findings explaining it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rifiuto {
    /// The `400` problem body; its detail lists the rule ids and English messages (boxed, to
    /// keep `Result`s small).
    pub problema: Box<Problema>,
    /// The findings (SIUSS-WAAS-009, -010 for `GET /flussi`); empty when the request was refused
    /// for a reason that has no rule (malformed `POST /esiti` JSON).
    pub issues: Vec<Issue>,
}

impl Rifiuto {
    /// A `400` refusal explained by findings.
    pub(crate) fn da_issues(issues: Vec<Issue>) -> Rifiuto {
        let detail = issues
            .iter()
            .map(|i| format!("{}: {}", i.rule_id, i.message_en))
            .collect::<Vec<_>>()
            .join(" ");
        Rifiuto {
            problema: Box::new(Problema::richiesta_non_valida(&detail)),
            issues,
        }
    }
}

/// A transport-free HTTP response: what the vendor's server sends back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// `Content-Type` header, when there is a body.
    pub content_type: Option<&'static str>,
    /// Body, `None` for `204 No Content`.
    pub body: Option<String>,
}

impl HttpResponse {
    /// `204 No Content`.
    pub fn nessun_contenuto() -> HttpResponse {
        HttpResponse {
            status: 204,
            content_type: None,
            body: None,
        }
    }

    /// `200` with an `application/json` body.
    pub fn json(body: String) -> HttpResponse {
        HttpResponse {
            status: 200,
            content_type: Some(CONTENT_TYPE_JSON),
            body: Some(body),
        }
    }
}

/// `GET /status` (`siuss.md` §11.1): `200` with `{"title":"OK","status":200}` when `sano`,
/// otherwise `503` problem.
///
/// ```
/// use cartella::siuss::waas::get_status;
/// let r = get_status(true);
/// assert_eq!((r.status, r.content_type), (200, Some("application/problem+json")));
/// assert_eq!(get_status(false).status, 503);
/// ```
pub fn get_status(sano: bool) -> HttpResponse {
    if sano {
        Problema::ok().risposta()
    } else {
        Problema::non_disponibile().risposta()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_have_no_extra_members_and_no_personal_data() {
        let p =
            Problema::richiesta_non_valida("codice RSSMRA80A01H501U errato").con_istanza("/flussi");
        let json = p.to_json();
        assert_eq!(
            json,
            r#"{"title":"Bad Request","status":400,"detail":"codice RSSMRA*********U errato","instance":"/flussi"}"#
        );
        let back: Problema = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<Problema>(r#"{"status":400,"extra":1}"#).is_err());
        let p: Problema =
            serde_json::from_str(r#"{"type":"about:blank","status":500}"#).unwrap_or_default();
        assert_eq!(p.problem_type.as_deref(), Some("about:blank"));
        assert_eq!(Problema::errore_interno().risposta().status, 500);
        let lungo = "x".repeat(5000);
        let detail = Problema::richiesta_non_valida(&lungo)
            .detail
            .unwrap_or_default();
        assert_eq!(detail.chars().count(), MAX_TESTO);
    }
}
