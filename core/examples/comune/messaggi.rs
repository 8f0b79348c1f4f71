//! The benchmark messages shared by the interscambio examples and benchmark: the first process
//! of each embedded sample and of the full fixture `completa`, written as `PRSS_IN001004ZZ`.

use cartella::interscambio::{messaggio_per_processo, scrivi, Busta, OpzioniScrittura};
use cartella::model::{Identificatore, Istante, Oid};
use cartella::{json, samples};

fn id(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

/// `(name, xml)` of every benchmark message.
pub fn messaggi() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut testi: Vec<(String, &str)> = samples::all()
        .iter()
        .map(|s| (s.name.to_string(), s.json))
        .collect();
    testi.push((
        "completa".to_string(),
        include_str!("../../tests/fixtures/interscambio/completa.json"),
    ));
    let mut out = Vec::new();
    for (name, testo) in testi {
        let c = json::from_str(testo)?;
        let Some(p) = c.processi.first() else {
            continue;
        };
        let busta = Busta {
            id_messaggio: id(&format!("MSG-{}", p.id_processo)),
            data_creazione: Istante::parse("2024-02-01T10:30:00")?,
            mittente: c.ente_titolare.id.clone(),
            destinatari: vec![id("DESTINATARIO")],
        };
        let m = messaggio_per_processo(&c, &p.id_processo, busta)?;
        out.push((name, scrivi(&m, &OpzioniScrittura::default())?));
    }
    Ok(out)
}
