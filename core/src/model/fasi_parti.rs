//! Parts of the phase records (`model.md` §5.2–§5.5).

use super::comune::struttura_canonica;
#[allow(unused_imports)]
use super::*;

struttura_canonica! {
    /// Segnalazione (phase A).
    pub struct Segnalazione {
        /// Data segnalazione.
        opzionale data_segnalazione: Option<Istante>,
        /// Bisogno espresso (`…1.1.9`).
        opzionale bisogno_espresso: Option<Codice>,
        /// Segnalante (persona).
        opzionale segnalante: Option<Persona>,
        /// Ente segnalante.
        opzionale ente_segnalante: Option<EnteSegnalante>,
    }
}

struttura_canonica! {
    /// Ente segnalante.
    pub struct EnteSegnalante {
        /// Codice ente (id root `…1.1.20`, 1–64).
        opzionale codice: Option<String>,
        /// Tipologia ente (`…1.1.5`).
        opzionale tipologia: Option<Codice>,
        /// Denominazione (≤ 256).
        testo denominazione: Option<Testo>,
    }
}

struttura_canonica! {
    /// Ente rilevatore.
    pub struct EnteRilevatore {
        /// Codice ente rilevatore (`…1.1.20`).
        opzionale codice: Option<Codice>,
        /// Denominazione (≤ 256).
        testo denominazione: Option<Testo>,
    }
}

struttura_canonica! {
    /// Protocollo DSU (all three fields when present, `SIUSS-PS-037`).
    pub struct ProtocolloDsu {
        /// Numero di protocollo (1–30).
        richiesto numero: String,
        /// Anno (`^[0-9]{4}$`).
        richiesto anno: String,
        /// Data di presentazione.
        richiesto data: Data,
    }
}

struttura_canonica! {
    /// Progetto individuale (phase C).
    pub struct ProgettoIndividuale {
        /// Codice progetto (id root `…1.3.1`, 1–64).
        opzionale codice_progetto: Option<String>,
        /// Oggetto del progetto (≤ 512).
        testo oggetto: Option<Testo>,
        /// Data inizio progetto.
        opzionale data_inizio: Option<Istante>,
        /// Data fine progetto.
        opzionale data_fine: Option<Istante>,
        /// Obiettivi.
        lista obiettivi: Vec<Obiettivo>,
        /// Frequenza prestazioni (`…1.3.4`).
        opzionale frequenza_prestazioni: Option<Codice>,
        /// Servizio sociale professionale (`…1.3.5`).
        opzionale servizio_sociale_professionale: Option<Codice>,
        /// Integrazione con assistenza sanitaria (`…1.3.6`).
        opzionale integrazione_sanitaria: Option<Codice>,
        /// Valore del progetto.
        opzionale valore_progetto: Option<Importo>,
        /// Compartecipazione economica assistito.
        opzionale compartecipazione_assistito: Option<Importo>,
        /// Servizi/prestazioni da erogare.
        lista prestazioni_programmate: Vec<Prestazione>,
    }
}

struttura_canonica! {
    /// Obiettivo del progetto.
    pub struct Obiettivo {
        /// Codice obiettivo (+ nome in `display`, `…1.3.9`).
        richiesto codice: Codice,
        /// Tempistiche di monitoraggio (UCUM time unit).
        opzionale tempistica_monitoraggio: Option<Quantita>,
        /// Indicatore di esito.
        opzionale indicatore_esito: Option<Codice>,
    }
}

struttura_canonica! {
    /// Prestazione (planned in C, delivered in D).
    pub struct Prestazione {
        /// Codice prestazione (`…1.4.17`).
        opzionale codice: Option<Codice>,
        /// Data-ora inizio.
        opzionale data_inizio: Option<Istante>,
        /// Data-ora fine.
        opzionale data_fine: Option<Istante>,
        /// Operatore erogante (profilo `…1.4.19`).
        opzionale operatore_erogante: Option<Operatore>,
        /// Luogo della prestazione (`…1.4.18`).
        opzionale luogo: Option<Codice>,
    }
}

struttura_canonica! {
    /// Sospensione di un servizio (phase D).
    pub struct Sospensione {
        /// Data inizio sospensione (DAIS).
        richiesto data_inizio: Istante,
        /// Data fine sospensione (DAFS).
        opzionale data_fine: Option<Istante>,
        /// Motivazione (`…1.4.11`, MOSO).
        opzionale motivazione: Option<Codice>,
    }
}
