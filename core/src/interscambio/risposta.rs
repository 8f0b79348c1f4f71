//! Acknowledgement `MCCI_IN000002UV01` (`interscambio.md` §12, D18): the writer and the builder
//! of a [`RispostaInterscambio`] from a validation [`Report`].

use super::oid;
use super::scrittore::{ts, Xml};
use crate::error::CartellaError;
use crate::model::*;
use crate::privacy::maschera_testo;
use crate::rules::{Issue, Report, Severity};

/// Code system of the acknowledgement detail codes (rule ids).
pub const SISTEMA_REGOLE: &str = "CARTELLA-RULES";

/// Options of [`risposta_da_report`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpzioniRisposta {
    /// Lowest severity turned into a detail (default `Warning`: errors and warnings).
    pub severita_minima: Severity,
    /// Maximum number of details (default 100).
    pub max_dettagli: usize,
}

impl Default for OpzioniRisposta {
    fn default() -> Self {
        OpzioniRisposta {
            severita_minima: Severity::Warning,
            max_dettagli: 100,
        }
    }
}

fn rango(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

/// Acknowledgement type of a report (D18): `AR` when blocking (an error of profile `schema`),
/// `AE` with any other error, `AA` otherwise.
pub fn tipo_esito(report: &Report) -> TipoEsito {
    if report.is_blocking() {
        TipoEsito::Ar
    } else if report.count(Severity::Error) > 0 {
        TipoEsito::Ae
    } else {
        TipoEsito::Aa
    }
}

fn dettaglio(i: &Issue) -> DettaglioEsito {
    let tipo = match i.severity {
        Severity::Error => TipoDettaglio::E,
        Severity::Warning => TipoDettaglio::W,
        Severity::Info => TipoDettaglio::I,
    };
    let titolo = crate::rules::regola(&i.rule_id)
        .map(|r| r.description.clone())
        .filter(|t| !t.is_empty());
    DettaglioEsito {
        tipo: Some(tipo),
        codice: Some(Codice {
            code: i.rule_id.clone(),
            system: SISTEMA_REGOLE.to_string(),
            display: titolo.map(Testo::new),
            system_version: None,
        }),
        testo: Some(Testo::new(maschera_testo(&i.message_it))),
        posizioni: i.xml_path.iter().cloned().collect(),
    }
}

/// Builds the acknowledgement of a received request from its validation [`Report`] (§12, D18).
///
/// `mittente` is the receiving system (this side); the receiver of the acknowledgement is the
/// request's sender; processing codes are copied from the request.
pub fn risposta_da_report(
    richiesta: &MessaggioInterscambio,
    report: &Report,
    id_messaggio: Identificatore,
    data_creazione: Istante,
    mittente: Identificatore,
    opzioni: &OpzioniRisposta,
) -> RispostaInterscambio {
    let dettagli = report
        .issues
        .iter()
        .filter(|i| rango(i.severity) >= rango(opzioni.severita_minima))
        .take(opzioni.max_dettagli)
        .map(dettaglio)
        .collect();
    RispostaInterscambio {
        versione_modello: VersioneModello,
        id_messaggio,
        data_creazione,
        processing_code: richiesta.processing_code.clone(),
        processing_mode_code: richiesta.processing_mode_code.clone(),
        accept_ack_code: "NE".to_string(),
        mittente,
        destinatari: vec![richiesta.mittente.clone()],
        tipo_esito: tipo_esito(report),
        id_messaggio_riferito: richiesta.id_messaggio.clone(),
        dettagli,
    }
}

fn id(x: &mut Xml, nome: &str, id: &Identificatore) {
    match id.extension.as_deref() {
        Some(e) => x.empty(nome, &[("root", id.root.as_str()), ("extension", e)]),
        None => x.empty(nome, &[("root", id.root.as_str())]),
    }
}

fn device(x: &mut Xml, ruolo: &str, type_code: &str, d: &Identificatore) {
    x.open(ruolo, &[("typeCode", type_code)]);
    x.open(
        "device",
        &[("classCode", "DEV"), ("determinerCode", "INSTANCE")],
    );
    id(x, "id", d);
    x.close("device");
    x.close(ruolo);
}

fn non_vuoto<'a>(v: &'a str, predefinito: &'a str) -> &'a str {
    if v.trim().is_empty() {
        predefinito
    } else {
        v
    }
}

/// Writes an acknowledgement `MCCI_IN000002UV01` (§12). Details texts are masked
/// (`privacy.md` §4).
///
/// ```
/// use cartella::interscambio::risposta::scrivi_risposta;
/// use cartella::model::*;
/// let r = RispostaInterscambio {
///     id_messaggio: Identificatore { root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"), extension: Some("ACK-1".into()) },
///     data_creazione: Istante::parse("2024-02-01T10:30:00").unwrap(),
///     processing_code: "P".into(), processing_mode_code: "T".into(), accept_ack_code: "NE".into(),
///     mittente: Identificatore { root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"), extension: Some("RCV".into()) },
///     destinatari: vec![Identificatore { root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"), extension: Some("SND".into()) }],
///     tipo_esito: TipoEsito::Aa,
///     id_messaggio_riferito: Identificatore { root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"), extension: Some("MSG-1".into()) },
///     ..Default::default()
/// };
/// let xml = scrivi_risposta(&r, true).unwrap();
/// assert!(xml.contains(r#"<acknowledgement typeCode="AA">"#));
/// ```
pub fn scrivi_risposta(r: &RispostaInterscambio, indent: bool) -> Result<String, CartellaError> {
    if r.destinatari.is_empty() {
        return Err(CartellaError::Argomento {
            name: "risposta",
            message: "at least one destinatario is required (receiver is 1..*)".into(),
        });
    }
    let mut x = Xml::new(indent);
    x.open(
        "MCCI_IN000002UV01",
        &[("xmlns", "urn:hl7-org:v3"), ("ITSVersion", "XML_1.0")],
    );
    id(&mut x, "id", &r.id_messaggio);
    let ct = ts(&r.data_creazione, super::opzioni::FormaData::Hl7);
    x.empty("creationTime", &[("value", &ct)]);
    x.empty(
        "interactionId",
        &[
            ("root", oid::INTERAZIONI_HL7),
            ("extension", "MCCI_IN000002UV01"),
        ],
    );
    x.empty(
        "processingCode",
        &[("code", non_vuoto(&r.processing_code, "P"))],
    );
    x.empty(
        "processingModeCode",
        &[("code", non_vuoto(&r.processing_mode_code, "T"))],
    );
    x.empty(
        "acceptAckCode",
        &[("code", non_vuoto(&r.accept_ack_code, "NE"))],
    );
    for d in &r.destinatari {
        device(&mut x, "receiver", "RCV", d);
    }
    device(&mut x, "sender", "SND", &r.mittente);
    x.open("acknowledgement", &[("typeCode", r.tipo_esito.code())]);
    x.open("targetMessage", &[]);
    id(&mut x, "id", &r.id_messaggio_riferito);
    x.close("targetMessage");
    for d in &r.dettagli {
        match &d.tipo {
            Some(t) => x.open("acknowledgementDetail", &[("typeCode", t.code())]),
            None => x.open("acknowledgementDetail", &[]),
        }
        if let Some(c) = &d.codice {
            let mut a = vec![("code", c.code.as_str())];
            if !c.system.is_empty() {
                a.push(("codeSystem", c.system.as_str()));
            }
            if let Some(v) = c.system_version.as_deref() {
                a.push(("codeSystemVersion", v));
            }
            if let Some(n) = c.display.as_ref() {
                a.push(("displayName", n.as_str()));
            }
            x.empty("code", &a);
        }
        if let Some(t) = &d.testo {
            x.text("text", &[], &maschera_testo(t.as_str()));
        }
        for p in &d.posizioni {
            x.text("location", &[], p);
        }
        x.close("acknowledgementDetail");
    }
    x.close("acknowledgement");
    x.close("MCCI_IN000002UV01");
    Ok(x.finish())
}
