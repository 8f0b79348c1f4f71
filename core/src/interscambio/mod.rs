//! HL7 v3 interscambio codecs (`interscambio.md`): the `PRSS_IN001004ZZ` request and the
//! `MCCI_IN000002UV01` acknowledgement.
//!
//! Writing:
//!
//! ```
//! use cartella::interscambio::{messaggio_per_processo, scrivi_con_esiti, Busta, OpzioniScrittura};
//! use cartella::model::{Identificatore, Istante, Oid};
//!
//! let cartella = cartella::json::from_str(cartella::samples::get("accesso-informativo").unwrap().json).unwrap();
//! let id = |e: &str| Identificatore { root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"), extension: Some(e.into()) };
//! let busta = Busta {
//!     id_messaggio: id("MSG-1"),
//!     data_creazione: Istante::parse("2024-02-01T10:30:00").unwrap(),
//!     mittente: id("016024"),
//!     destinatari: vec![id("AMBITO-DEST")],
//! };
//! let processo = cartella.processi[0].id_processo.clone();
//! let m = messaggio_per_processo(&cartella, &processo, busta).unwrap();
//! let scritto = scrivi_con_esiti(&m, &OpzioniScrittura::default()).unwrap();
//! assert!(scritto.xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
//! assert!(scritto.xml.contains("<creationTime value=\"20240201103000\"/>"));
//! ```

pub mod lettore;
pub mod lettura_risposta;
pub mod xml;

pub mod oid;
pub mod opzioni;
pub mod risposta;
pub mod scrittore;

use std::io::Write;

use crate::error::CartellaError;
use crate::model::{Cartella, Identificatore, Istante, MessaggioInterscambio, VersioneModello};

pub use opzioni::OpzioniScrittura;
pub use risposta::{risposta_da_report, scrivi_risposta, OpzioniRisposta};
pub use scrittore::MessaggioScritto;

/// Writes the request `PRSS_IN001004ZZ` of a message (§4–§11) and returns the XML only; use
/// [`scrivi_con_esiti`] to get the writer's findings too.
///
/// Errors when the message cannot be written at all: not exactly one process, a process without
/// phase records, no destinatario.
pub fn scrivi(m: &MessaggioInterscambio, o: &OpzioniScrittura) -> Result<String, CartellaError> {
    scrittore::scrivi_messaggio(m, o).map(|s| s.xml)
}

/// Writes the request and returns the XML with the writer's findings (`CSI-CMP-025`,
/// `CSI-CMP-026`, `CSI-REL-009`).
pub fn scrivi_con_esiti(
    m: &MessaggioInterscambio,
    o: &OpzioniScrittura,
) -> Result<MessaggioScritto, CartellaError> {
    scrittore::scrivi_messaggio(m, o)
}

/// Writes the request to a writer (UTF-8) and returns the writer's findings.
pub fn scrivi_to<W: Write>(
    mut w: W,
    m: &MessaggioInterscambio,
    o: &OpzioniScrittura,
) -> Result<Vec<crate::rules::Issue>, CartellaError> {
    let s = scrittore::scrivi_messaggio(m, o)?;
    w.write_all(s.xml.as_bytes())?;
    Ok(s.findings)
}

/// Envelope data of a message built by [`messaggio_per_processo`].
#[derive(Debug, Clone, PartialEq)]
pub struct Busta {
    /// Message id (`/id`).
    pub id_messaggio: Identificatore,
    /// Creation time (`/creationTime`; second precision recommended).
    pub data_creazione: Istante,
    /// Sending system (`/sender/device/id`).
    pub mittente: Identificatore,
    /// Receiving systems (`/receiver/device/id`, 1..*).
    pub destinatari: Vec<Identificatore>,
}

/// Builds the message of one process of a cartella (D8): the cartella with that process only,
/// envelope codes `P`, `T`, `AL`.
///
/// Errors when no process has that `id_processo`.
pub fn messaggio_per_processo(
    cartella: &Cartella,
    id_processo: &str,
    busta: Busta,
) -> Result<MessaggioInterscambio, CartellaError> {
    let processo = cartella
        .processi
        .iter()
        .find(|p| p.id_processo == id_processo)
        .ok_or_else(|| CartellaError::Argomento {
            name: "id_processo",
            message: format!("no processo di aiuto with id {id_processo:?}"),
        })?;
    let mut c = cartella.clone();
    c.processi = vec![processo.clone()];
    Ok(MessaggioInterscambio {
        versione_modello: VersioneModello,
        id_messaggio: busta.id_messaggio,
        data_creazione: busta.data_creazione,
        processing_code: "P".to_string(),
        processing_mode_code: "T".to_string(),
        accept_ack_code: "AL".to_string(),
        version_code: None,
        mittente: busta.mittente,
        destinatari: busta.destinatari,
        cartella: c,
    })
}
