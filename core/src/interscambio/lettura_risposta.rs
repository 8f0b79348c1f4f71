//! Reader of the acknowledgement `MCCI_IN000002UV01` (`interscambio.md` §12).
//!
//! Same conventions as [`super::lettore`]: unreadable input gives a [`LetturaRisposta`] without
//! model and with the blocking `XML-*` finding; `Err` is never returned on input.

use super::lettore::{Lettore, OpzioniLettura, NS_HL7};
use super::xml::{analizza, Arena, Elemento};
use crate::error::CartellaError;
use crate::model::*;
use crate::rules::Issue;

/// Result of reading an acknowledgement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LetturaRisposta {
    /// The acknowledgement read, `None` when the input could not be read.
    pub risposta: Option<RispostaInterscambio>,
    /// Findings raised while reading.
    pub issues: Vec<Issue>,
}

fn id_di(e: Option<&Elemento>) -> Option<Identificatore> {
    let e = e?;
    Some(Identificatore {
        root: Oid::new(e.attr("root").unwrap_or_default()),
        extension: e.attr("extension").map(str::to_string),
    })
}

/// Reads a `MCCI_IN000002UV01` acknowledgement.
///
/// ```
/// use cartella::interscambio::lettura_risposta::leggi_risposta;
/// use cartella::interscambio::lettore::OpzioniLettura;
/// let l = leggi_risposta(b"<x/>", &OpzioniLettura::default()).unwrap();
/// assert!(l.risposta.is_none());
/// ```
pub fn leggi_risposta(
    xml: &[u8],
    opzioni: &OpzioniLettura,
) -> Result<LetturaRisposta, CartellaError> {
    let mut r = Lettore::default();
    let arena = Arena::per_documento(xml.len());
    let radice = match analizza(xml, &opzioni.limiti, &arena) {
        Ok(e) => e,
        Err(e) => {
            r.emetti(e.rule_id, "", "/", e.parametri_issue());
            return Ok(LetturaRisposta {
                risposta: None,
                issues: r.issues,
            });
        }
    };
    let rp = format!("/{}", radice.nome);
    if radice.nome != "MCCI_IN000002UV01" || radice.namespace != Some(NS_HL7) {
        r.emetti(
            "XML-004",
            "",
            &rp,
            [
                ("atteso", format!("{{{NS_HL7}}}MCCI_IN000002UV01")),
                ("trovato", super::lettore::nome_qualificato(&radice)),
            ],
        );
        return Ok(LetturaRisposta {
            risposta: None,
            issues: r.issues,
        });
    }
    match radice.attr("ITSVersion") {
        None => r.emetti("CSI-CMP-027", "", &rp, []),
        Some("XML_1.0") => {}
        Some(_) => r.emetti(
            "XML-016",
            "",
            &format!("{rp}/@ITSVersion"),
            [
                ("attributo", "ITSVersion".to_string()),
                ("atteso", "XML_1.0".to_string()),
            ],
        ),
    }
    let mut m = RispostaInterscambio::default();
    match id_di(radice.figlio("id")).filter(|i| i.extension.is_some()) {
        Some(id) => m.id_messaggio = id,
        None => r.emetti("CSI-ENV-001", "/id_messaggio", &format!("{rp}/id[1]"), []),
    }
    let ct = radice.figlio("creationTime").and_then(|c| c.attr("value"));
    match ct.and_then(super::lettore::parse_ts) {
        Some((i, campo)) => {
            if campo {
                r.emetti(
                    "CSI-CMP-001",
                    "/data_creazione",
                    &format!("{rp}/creationTime[1]/@value"),
                    [("campo", "data_creazione".to_string())],
                );
            }
            m.data_creazione = i;
        }
        None => r.emetti(
            "CSI-ENV-002",
            "/data_creazione",
            &format!("{rp}/creationTime[1]"),
            [],
        ),
    }
    if radice
        .figlio("interactionId")
        .and_then(|i| i.attr("extension"))
        != Some("MCCI_IN000002UV01")
    {
        r.emetti(
            "CSI-ENV-003",
            "",
            &format!("{rp}/interactionId[1]"),
            [("valore", String::new())],
        );
    }
    let codice = |n: &str| {
        radice
            .figlio(n)
            .and_then(|e| e.attr("code"))
            .unwrap_or_default()
            .to_string()
    };
    m.processing_code = codice("processingCode");
    m.processing_mode_code = codice("processingModeCode");
    m.accept_ack_code = codice("acceptAckCode");
    for (i, rcv) in radice.figli_nome("receiver").enumerate() {
        match id_di(rcv.figlio("device").and_then(|d| d.figlio("id")))
            .filter(|i| i.extension.is_some())
        {
            Some(id) => m.destinatari.push(id),
            None => r.emetti(
                "CSI-ENV-007",
                &format!("/destinatari/{i}"),
                &format!("{rp}/receiver[{}]/device[1]/id[1]", i + 1),
                [],
            ),
        }
    }
    match id_di(
        radice
            .figlio("sender")
            .and_then(|s| s.figlio("device"))
            .and_then(|d| d.figlio("id")),
    )
    .filter(|i| i.extension.is_some())
    {
        Some(id) => m.mittente = id,
        None => r.emetti(
            "CSI-ENV-008",
            "/mittente",
            &format!("{rp}/sender[1]/device[1]/id[1]"),
            [],
        ),
    }
    if let Some(ack) = radice.figlio("acknowledgement") {
        let axp = format!("{rp}/acknowledgement[1]");
        let tc = ack.attr("typeCode").unwrap_or_default();
        match serde_json::from_value::<TipoEsito>(serde_json::Value::String(tc.to_string())) {
            Ok(t) => m.tipo_esito = t,
            Err(_) => r.emetti(
                "XML-008",
                "/tipo_esito",
                &format!("{axp}/@typeCode"),
                [
                    ("nome", "typeCode".to_string()),
                    ("vincolo", "AA|AE|AR|CA|CE|CR".to_string()),
                ],
            ),
        }
        if let Some(id) = id_di(ack.figlio("targetMessage").and_then(|t| t.figlio("id"))) {
            m.id_messaggio_riferito = id;
        }
        for det in ack.figli_nome("acknowledgementDetail") {
            let tipo = det.attr("typeCode").and_then(|t| {
                serde_json::from_value::<TipoDettaglio>(serde_json::Value::String(t.to_string()))
                    .ok()
            });
            let codice = det.figlio("code").and_then(|c| {
                c.attr("code").map(|code| Codice {
                    code: code.to_string(),
                    system: c.attr("codeSystem").unwrap_or_default().to_string(),
                    display: c.attr("displayName").map(Testo::new),
                    system_version: None,
                })
            });
            let testo = det
                .figlio("text")
                .map(Elemento::testo_completo)
                .filter(|t| !t.is_empty())
                .map(Testo::new);
            let posizioni = det
                .figli_nome("location")
                .map(Elemento::testo_completo)
                .filter(|t| !t.is_empty())
                .collect();
            m.dettagli.push(DettaglioEsito {
                tipo,
                codice,
                testo,
                posizioni,
            });
        }
    } else {
        r.emetti(
            "XML-006",
            "/tipo_esito",
            &format!("{rp}/acknowledgement[1]"),
            [
                ("elemento", "acknowledgement".to_string()),
                ("contenitore", "MCCI_IN000002UV01".to_string()),
            ],
        );
    }
    Ok(LetturaRisposta {
        risposta: Some(m),
        issues: r.issues,
    })
}
