//! The assistito and its parts (`model.md` §3.3–§3.4).

use super::comune::struttura_canonica;
#[allow(unused_imports)]
use super::*;

struttura_canonica! {
    /// Assistito: the person the cartella is about.
    pub struct Assistito {
        /// Codice fiscale.
        opzionale codice_fiscale: Option<CodiceFiscale>,
        /// Altri identificativi (STP/ENI, id locali).
        lista altri_identificativi: Vec<Identificatore>,
        /// Tessera TEAM (1–40).
        opzionale tessera_team: Option<String>,
        /// Nome (≤ 100).
        testo nome: Option<Testo>,
        /// Cognome (≤ 100).
        testo cognome: Option<Testo>,
        /// Genere (`2.16.840.1.113883.5.1`).
        opzionale genere: Option<Genere>,
        /// Data di nascita.
        opzionale data_nascita: Option<Data>,
        /// Comune di nascita (`2.16.840.1.113883.2.9.4.2.3`, code = ISTAT comune).
        opzionale comune_nascita: Option<Codice>,
        /// Stato estero di nascita (`ISO3166-1-numeric`).
        opzionale stato_nascita: Option<Codice>,
        /// Codice catastale del luogo di nascita.
        opzionale codice_belfiore_nascita: Option<CodiceBelfiore>,
        /// Stato civile (`2.16.840.1.113883.5.2`).
        opzionale stato_civile: Option<Codice>,
        /// Titolo di studio (`2.16.840.1.113883.2.9.6.2.8`).
        opzionale titolo_studio: Option<Codice>,
        /// Cittadinanza (`2.16.840.1.113883.2.9.6.2.5`, code = ISO 3166 numeric).
        opzionale cittadinanza: Option<Codice>,
        /// Seconda cittadinanza.
        opzionale seconda_cittadinanza: Option<Codice>,
        /// Residenza.
        opzionale residenza: Option<Residenza>,
        /// Domicilio.
        opzionale domicilio: Option<Domicilio>,
        /// Recapiti.
        opzionale contatti: Option<Contatti>,
        /// Documento di identità.
        opzionale documento_identita: Option<DocumentoIdentita>,
        /// ATS, ASST, Ambito di residenza.
        opzionale garanti: Option<Garanti>,
        /// Medico di medicina generale / pediatra di famiglia.
        opzionale mmg_pdf: Option<Persona>,
        /// Assistenti personali.
        lista assistenti_personali: Vec<AssistentePersonale>,
        /// Nucleo familiare e rete sociale.
        lista relazioni: Vec<Relazione>,
        /// Deceduto.
        opzionale deceduto: Option<bool>,
        /// Data di decesso.
        opzionale data_decesso: Option<Data>,
    }
}

struttura_canonica! {
    /// Residenza dell'assistito.
    pub struct Residenza {
        /// Comune di residenza.
        opzionale comune_istat: Option<CodiceIstatComune>,
        /// Regione di residenza (ISTAT, `03` = Lombardia; not DM 1986).
        opzionale regione_istat: Option<CodiceIstatRegione>,
        /// Nazione di residenza (absent + `comune_istat` present ⇒ `IT`).
        opzionale nazione_iso2: Option<Iso3166Alpha2>,
        /// Codice regione INPS (DM 1986, `^[0-9]{2}$`).
        opzionale codice_regione_dm1986: Option<String>,
    }
}

struttura_canonica! {
    /// Domicilio dell'assistito.
    pub struct Domicilio {
        /// Comune di domicilio.
        opzionale comune_istat: Option<CodiceIstatComune>,
    }
}

struttura_canonica! {
    /// Recapiti (tag CON).
    pub struct Contatti {
        /// Telefono (`^\+?[0-9]{3,20}$`).
        opzionale telefono: Option<String>,
        /// Cellulare (`^\+?[0-9]{3,20}$`).
        opzionale cellulare: Option<String>,
        /// E-mail (≤ 254, exactly one `@`).
        opzionale email: Option<String>,
    }
}

struttura_canonica! {
    /// Documento di identità.
    pub struct DocumentoIdentita {
        /// Tipo documento (`…1.1.6`).
        opzionale tipo: Option<Codice>,
        /// Estremi del documento (1–64).
        opzionale estremi: Option<String>,
    }
}

struttura_canonica! {
    /// ATS, ASST e Ambito di residenza.
    pub struct Garanti {
        /// ATS (root `2.16.840.1.113883.2.9.2.30.4.11`).
        opzionale ats: Option<String>,
        /// ASST (same root).
        opzionale asst: Option<String>,
        /// Ambito (root `…1.1.8`).
        opzionale ambito: Option<String>,
    }
}

struttura_canonica! {
    /// Assistente personale.
    pub struct AssistentePersonale {
        /// Tipologia assistente personale (`…1.1.24`).
        opzionale tipologia: Option<Codice>,
        /// Codice fiscale.
        opzionale codice_fiscale: Option<CodiceFiscale>,
        /// Nome (≤ 100).
        testo nome: Option<Testo>,
        /// Cognome (≤ 100).
        testo cognome: Option<Testo>,
        /// Genere.
        opzionale genere: Option<Genere>,
        /// Data di nascita.
        opzionale data_nascita: Option<Data>,
        /// Comune di residenza.
        opzionale comune_residenza_istat: Option<CodiceIstatComune>,
    }
}

struttura_canonica! {
    /// Componente del nucleo familiare o della rete sociale.
    pub struct Relazione {
        /// Nucleo familiare / rete sociale.
        richiesto tipo_relazione: TipoRelazione,
        /// Tipologia relazione (`…1.1.22` nucleo, `…1.1.23` rete).
        richiesto tipologia: Codice,
        /// Codice fiscale.
        opzionale codice_fiscale: Option<CodiceFiscale>,
        /// Nome (≤ 100).
        testo nome: Option<Testo>,
        /// Cognome (≤ 100).
        testo cognome: Option<Testo>,
        /// Genere.
        opzionale genere: Option<Genere>,
        /// Data di nascita.
        opzionale data_nascita: Option<Data>,
        /// Comune di nascita.
        opzionale comune_nascita_istat: Option<CodiceIstatComune>,
        /// Comune di residenza.
        opzionale comune_residenza_istat: Option<CodiceIstatComune>,
        /// Caregiver.
        opzionale caregiver: Option<bool>,
    }
}

struttura_canonica! {
    /// Consenso privacy (canonical-only).
    pub struct ConsensoPrivacy {
        /// Ente.
        richiesto ente: Ente,
        /// Data di sottoscrizione.
        richiesto data_sottoscrizione: Data,
        /// Finalità.
        testo finalita: Option<Testo>,
        /// Data di revoca.
        opzionale revocato_il: Option<Data>,
    }
}
