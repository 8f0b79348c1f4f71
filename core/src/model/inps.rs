//! INPS closed enumerations used by the canonical-only blocks (`model.md` §7), generated from the
//! embedded code lists `data/codelists/inps-ps-*.csv` and `inps-sinba-*.csv`.
//!
//! Variant names are derived from the Italian labels; the wire value is [`code()`](GenereInps::code).

use super::enums::codelist;

codelist! {
    /// INPS `AreaRedditualeType` (`inps-ps-area-reddituale.csv`).
    pub enum AreaReddituale: "INPS.PS_PSA_SINA201812.AreaRedditualeType" {
        /// `1` — Autonomo e in equilibrio finanziario.
        Autonomo = "1", "Autonomo e in equilibrio finanziario";
        /// `2` — Riceve aiuto da parenti e/o da altre persone.
        AiutoParenti = "2", "Riceve aiuto da parenti e/o da altre persone";
        /// `3` — In condizione di bisogno economico e senza aiuti da parenti o altre persone.
        BisognoSenzaAiuti = "3", "In condizione di bisogno economico e senza aiuti da parenti o altre persone";
    }
}

codelist! {
    /// INPS `AreaSupportoType` (`inps-ps-area-supporto.csv`).
    pub enum AreaSupporto: "INPS.PS_PSA_SINA201812.AreaSupportoType" {
        /// `1` — Presenza della rete familiare o informale.
        ReteFamiliarePresente = "1", "Presenza della rete familiare o informale";
        /// `2` — Presenza parziale e/o temporanea della rete familiare o informale.
        ReteParzialeTemporanea = "2", "Presenza parziale e/o temporanea della rete familiare o informale";
        /// `3` — Assenza della rete familiare o informale.
        ReteAssente = "3", "Assenza della rete familiare o informale";
    }
}

codelist! {
    /// INPS `AreaUtenzaType` (`inps-ps-area-utenza.csv`).
    pub enum AreaUtenza: "INPS.PS_PSA_SINA201812.AreaUtenzaType" {
        /// `1` — Famiglia e minori.
        FamigliaMinori = "1", "Famiglia e minori";
        /// `2` — Disabilità e Non autosufficienza.
        DisabilitaNonAutosufficienza = "2", "Disabilità e Non autosufficienza";
        /// `3` — Povertà ed esclusione sociale.
        PovertaEsclusioneSociale = "3", "Povertà ed esclusione sociale";
    }
}

codelist! {
    /// INPS `AttivitaVitaQuotidianaType` (`inps-ps-attivita-vita-quotidiana.csv`).
    pub enum AttivitaVitaQuotidiana: "INPS.PS_PSA_SINA201812.AttivitaVitaQuotidianaType" {
        /// `1` — Autonomo.
        Autonomo = "1", "Autonomo";
        /// `2` — Parzialmente dipendente.
        ParzialmenteDipendente = "2", "Parzialmente dipendente";
        /// `3` — Totalmente dipendente.
        TotalmenteDipendente = "3", "Totalmente dipendente";
    }
}

codelist! {
    /// INPS `CaratterePrestazioneType` (`inps-ps-carattere-prestazione.csv`).
    pub enum CaratterePrestazione: "INPS.PS_PSA_SINA201812.CaratterePrestazioneType" {
        /// `1` — Periodico.
        Periodico = "1", "Periodico";
        /// `2` — Occasionale (unica soluzione).
        Occasionale = "2", "Occasionale (unica soluzione)";
    }
}

codelist! {
    /// INPS `DisturbiAreaCognitivaType` (`inps-ps-disturbi-area-cognitiva.csv`).
    pub enum DisturbiAreaCognitiva: "INPS.PS_PSA_SINA201812.DisturbiAreaCognitivaType" {
        /// `1` — Lievi.
        Lievi = "1", "Lievi";
        /// `2` — Moderati.
        Moderati = "2", "Moderati";
        /// `3` — Gravi.
        Gravi = "3", "Gravi";
    }
}

codelist! {
    /// INPS `DisturbiComportamentaliType` (`inps-ps-disturbi-comportamentali.csv`).
    pub enum DisturbiComportamentali: "INPS.PS_PSA_SINA201812.DisturbiComportamentaliType" {
        /// `1` — Assenti.
        Assenti = "1", "Assenti";
        /// `2` — Presenti.
        Presenti = "2", "Presenti";
    }
}

codelist! {
    /// INPS `FonteDerivazioneInvaliditaType` (`inps-ps-fonte-derivazione-invalidita.csv`).
    pub enum FonteDerivazioneInvalidita: "INPS.PS_PSA_SINA201812.FonteDerivazioneInvaliditaType" {
        /// `1` — Certificazione invalidita' verificata on line o cartacea.
        CertificazioneVerificata = "1", "Certificazione invalidita' verificata on line o cartacea";
        /// `2` — Dichiarazione della persona.
        DichiarazionePersona = "2", "Dichiarazione della persona";
    }
}

codelist! {
    /// INPS `FonteDerivazioneValutazioneType` (`inps-ps-fonte-derivazione-valutazione.csv`).
    pub enum FonteDerivazioneValutazione: "INPS.PS_PSA_SINA201812.FonteDerivazioneValutazioneType" {
        /// `1` — UVM.
        Uvm = "1", "UVM";
        /// `2` — Cartella sociale.
        CartellaSociale = "2", "Cartella sociale";
        /// `3` — Altra documentazione.
        AltraDocumentazione = "3", "Altra documentazione";
        /// `4` — Raccolta diretta.
        RaccoltaDiretta = "4", "Raccolta diretta";
    }
}

codelist! {
    /// INPS `GenereType` (`inps-ps-genere.csv`).
    pub enum GenereInps: "INPS.PS_PSA_SINA201812.GenereType" {
        /// `1` — Maschio.
        Maschio = "1", "Maschio";
        /// `2` — Femmina.
        Femmina = "2", "Femmina";
    }
}

codelist! {
    /// INPS `InvCivType` (`inps-ps-inv-civ.csv`).
    pub enum InvCiv: "INPS.PS_PSA_SINA201812.InvCivType" {
        /// `1` — Certificazione Invalidita' Civile parziale non inferiore al 75%.
        ParzialeAlmeno75 = "1", "Certificazione Invalidita' Civile parziale non inferiore al 75%";
        /// `2` — Certificazione Invalidita' Civile Totale (100%) Con Indennita' di accompagnamento.
        TotaleConAccompagnamento = "2", "Certificazione Invalidita' Civile Totale (100%) Con Indennita' di accompagnamento";
        /// `3` — Certificazione Invalidita' Civile totale (100%) senza indennita' di accompagnamento.
        TotaleSenzaAccompagnamento = "3", "Certificazione Invalidita' Civile totale (100%) senza indennita' di accompagnamento";
        /// `4` — Certificazione Npi.
        CertificazioneNpi = "4", "Certificazione Npi";
        /// `5` — Certificazione L.104 (art.3, comma 1).
        L104Art3Comma1 = "5", "Certificazione L.104 (art.3, comma 1)";
        /// `6` — Certificazione L.104 (art.3, comma 3).
        L104Art3Comma3 = "6", "Certificazione L.104 (art.3, comma 3)";
        /// `7` — Certificazione L.104 (art.12).
        L104Art12 = "7", "Certificazione L.104 (art.12)";
        /// `8` — Certificazione L.104 (art.13).
        L104Art13 = "8", "Certificazione L.104 (art.13)";
    }
}

codelist! {
    /// INPS `MobilitaType` (`inps-ps-mobilita.csv`).
    pub enum Mobilita: "INPS.PS_PSA_SINA201812.MobilitaType" {
        /// `1` — Si sposta da solo.
        SiSpostaDaSolo = "1", "Si sposta da solo";
        /// `2` — Si Sposta Assistito.
        SiSpostaAssistito = "2", "Si Sposta Assistito";
        /// `3` — Non Si Sposta.
        NonSiSposta = "3", "Non Si Sposta";
    }
}

codelist! {
    /// INPS `NecessitaCureSanitarieType` (`inps-ps-necessita-cure-sanitarie.csv`).
    pub enum NecessitaCureSanitarie: "INPS.PS_PSA_SINA201812.NecessitaCureSanitarieType" {
        /// `1` — Bassa.
        Bassa = "1", "Bassa";
        /// `2` — Media.
        Media = "2", "Media";
        /// `3` — Alta.
        Alta = "3", "Alta";
    }
}

codelist! {
    /// INPS `PresaCaricoType` (`inps-ps-presa-carico.csv`).
    pub enum PresaCarico: "INPS.PS_PSA_SINA201812.PresaCaricoType" {
        /// `1` — SI.
        Si = "1", "SI";
        /// `2` — NO.
        No = "2", "NO";
    }
}

codelist! {
    /// INPS `PresenzaProvaMezziType` (`inps-ps-presenza-prova-mezzi.csv`).
    pub enum PresenzaProvaMezzi: "INPS.PS_PSA_SINA201812.PresenzaProvaMezziType" {
        /// `1` — Prestazione soggetta a ISEE.
        SoggettaIsee = "1", "Prestazione soggetta a ISEE";
        /// `2` — Prestazione soggetta a prova dei mezzi, ma non attraverso ISEE (es. prestaz. inps, agevolaz. tribut.).
        ProvaMezziNonIsee = "2", "Prestazione soggetta a prova dei mezzi, ma non attraverso ISEE (es. prestaz. inps, agevolaz. tribut.)";
        /// `3` — Prestazione in generale soggetta a ISEE, ma sottratta alla prova dei mezzi per lo specifico beneficiario in virtu' di altri criteri di bisogno (es. asilo nido per bambino con disabilità o in famiglie numerose, ecc.).
        IseeSottrattaProvaMezzi = "3", "Prestazione in generale soggetta a ISEE, ma sottratta alla prova dei mezzi per lo specifico beneficiario in virtu' di altri criteri di bisogno (es. asilo nido per bambino con disabilità o in famiglie numerose, ecc.)";
        /// `4` — Prestazione non soggetta a prova dei mezzi (assenza di criteri economici nella disciplina dell'erogazione.
        NonSoggetta = "4", "Prestazione non soggetta a prova dei mezzi (assenza di criteri economici nella disciplina dell'erogazione";
    }
}

codelist! {
    /// INPS `StrumentoValutazioneType` (`inps-ps-strumento-valutazione.csv`).
    pub enum StrumentoValutazione: "INPS.PS_PSA_SINA201812.StrumentoValutazioneType" {
        /// `1` — SVAMA.
        Svama = "1", "SVAMA";
        /// `2` — AGED.
        Aged = "2", "AGED";
        /// `3` — RUG.
        Rug = "3", "RUG";
        /// `4` — SOSIA.
        Sosia = "4", "SOSIA";
        /// `5` — SCHEMA POLARE.
        SchemaPolare = "5", "SCHEMA POLARE";
        /// `6` — VALGRAF.
        Valgraf = "6", "VALGRAF";
        /// `7` — Altro Sistema Di Codifica.
        AltroSistemaCodifica = "7", "Altro Sistema Di Codifica";
    }
}

codelist! {
    /// INPS `TipoOperazioneType` (`inps-ps-tipo-operazione.csv`).
    pub enum TipoOperazione: "INPS.PS_PSA_SINA201812.TipoOperazioneType" {
        /// `I` — Inserimento.
        Inserimento = "I", "Inserimento";
        /// `C` — Cancellazione.
        Cancellazione = "C", "Cancellazione";
    }
}

codelist! {
    /// INPS `AutoritaProvvedimentoType` (`inps-sinba-autorita-provvedimento.csv`).
    pub enum AutoritaProvvedimento: "INPS.SINBA.AutoritaProvvedimentoType" {
        /// `1` — Giudice tutelare.
        GiudiceTutelare = "1", "Giudice tutelare";
        /// `2` — Tribunale per i minori.
        TribunaleMinori = "2", "Tribunale per i minori";
        /// `3` — Procura per i minori.
        ProcuraMinori = "3", "Procura per i minori";
        /// `4` — Tribunale ordinario.
        TribunaleOrdinario = "4", "Tribunale ordinario";
    }
}

codelist! {
    /// INPS `CarattereAffidoType` (`inps-sinba-carattere-affido.csv`).
    pub enum CarattereAffido: "INPS.SINBA.CarattereAffidoType" {
        /// `1` — Residenziale.
        Residenziale = "1", "Residenziale";
        /// `2` — Diurno.
        Diurno = "2", "Diurno";
    }
}

codelist! {
    /// INPS `CarattereInserimentoResidenzialeType` (`inps-sinba-carattere-inserimento-residenziale.csv`).
    pub enum CarattereInserimentoResidenziale: "INPS.SINBA.CarattereInserimentoResidenzialeType" {
        /// `1` — familiare-prevalente accoglienza abitativa.
        FamiliareAccoglienzaAbitativa = "1", "familiare-prevalente accoglienza abitativa";
        /// `2` — familiare-prevalente funzione tutelare.
        FamiliareFunzioneTutelare = "2", "familiare-prevalente funzione tutelare";
        /// `3` — familiare-funzione socio-educativa.
        FamiliareSocioEducativa = "3", "familiare-funzione socio-educativa";
        /// `4` — comunitario-accoglienza di emergenza.
        ComunitarioEmergenza = "4", "comunitario-accoglienza di emergenza";
        /// `5` — comunitario-prevalente accoglienza abitativa.
        ComunitarioAccoglienzaAbitativa = "5", "comunitario-prevalente accoglienza abitativa";
        /// `6` — comunitario-prevalente funzione tutelare.
        ComunitarioFunzioneTutelare = "6", "comunitario-prevalente funzione tutelare";
        /// `7` — comunitario-funzione socio-educativa.
        ComunitarioSocioEducativa = "7", "comunitario-funzione socio-educativa";
        /// `8` — comunitario-funzione educativa-psicologica.
        ComunitarioEducativoPsicologica = "8", "comunitario-funzione educativa-psicologica";
        /// `9` — comunitario-funzione integrazione socio-sanitaria bassa.
        ComunitarioSocioSanitariaBassa = "9", "comunitario-funzione integrazione socio-sanitaria bassa";
        /// `10` — comunitario-funzione integrazione socio-sanitaria medio-alta.
        ComunitarioSocioSanitariaMedioAlta = "10", "comunitario-funzione integrazione socio-sanitaria medio-alta";
    }
}

codelist! {
    /// INPS `CollaborazioniInterventiType` (`inps-sinba-collaborazioni-interventi.csv`).
    pub enum CollaborazioniInterventi: "INPS.SINBA.CollaborazioniInterventiType" {
        /// `1` — SERT.
        Sert = "1", "SERT";
        /// `2` — NPI.
        Npi = "2", "NPI";
        /// `3` — psicologia.
        Psicologia = "3", "psicologia";
        /// `4` — clinica/dsm.
        ClinicaDsm = "4", "clinica/dsm";
        /// `5` — altri servizi sociali (consultorio, centri famiglia, adulti, di altro abito/distretto).
        AltriServiziSociali = "5", "altri servizi sociali (consultorio, centri famiglia, adulti, di altro abito/distretto)";
        /// `6` — ussm ministero giustizia.
        UssmMinisteroGiustizia = "6", "ussm ministero giustizia";
        /// `7` — scuola.
        Scuola = "7", "scuola";
        /// `8` — servizi privato sociale associazionismo, volontariato.
        ServiziPrivatoSocialeAssociazionismo = "8", "servizi privato sociale associazionismo, volontariato";
        /// `9` — altro.
        Altro = "9", "altro";
    }
}

codelist! {
    /// INPS `ComposizioneFamigliaType` (`inps-sinba-composizione-famiglia.csv`).
    pub enum ComposizioneFamiglia: "INPS.SINBA.ComposizioneFamigliaType" {
        /// `1` — Madre.
        Madre = "1", "Madre";
        /// `2` — Padre.
        Padre = "2", "Padre";
        /// `3` — Fratelli/Sorelle.
        FratelliSorelle = "3", "Fratelli/Sorelle";
        /// `4` — Nonno/a.
        Nonno = "4", "Nonno/a";
        /// `5` — Compagno/a della madre o del padre.
        CompagnoMadrePadre = "5", "Compagno/a della madre o del padre";
        /// `6` — Altri conviventi.
        AltriConviventi = "6", "Altri conviventi";
    }
}

codelist! {
    /// INPS `CondizioneLavoroType` (`inps-sinba-condizione-lavoro.csv`).
    pub enum CondizioneLavoro: "INPS.SINBA.CondizioneLavoroType" {
        /// `1` — inattivo (non in età da lavoro, non ha e non cerca lavoro).
        Inattivo = "1", "inattivo (non in età da lavoro, non ha e non cerca lavoro)";
        /// `2` — occupato.
        Occupato = "2", "occupato";
        /// `3` — disoccupato alla ricerca di nuova occupazione.
        Disoccupato = "3", "disoccupato alla ricerca di nuova occupazione";
        /// `4` — in cerca di prima occupazione.
        InCercaPrimaOccupazione = "4", "in cerca di prima occupazione";
    }
}

codelist! {
    /// INPS `CondizioneMinoreType` (`inps-sinba-condizione-minore.csv`).
    pub enum CondizioneMinore: "INPS.SINBA.CondizioneMinoreType" {
        /// `1` — Non orfano.
        NonOrfano = "1", "Non orfano";
        /// `2` — Orfano di entrambi.
        OrfanoEntrambi = "2", "Orfano di entrambi";
        /// `3` — Orfano di padre.
        OrfanoPadre = "3", "Orfano di padre";
        /// `4` — Orfano di madre.
        OrfanoMadre = "4", "Orfano di madre";
        /// `5` — Genitori ignoti.
        GenitoriIgnoti = "5", "Genitori ignoti";
    }
}

codelist! {
    /// INPS `DisabilitaType` (`inps-sinba-disabilita.csv`).
    pub enum Disabilita: "INPS.SINBA.DisabilitaType" {
        /// `1` — SI.
        Si = "1", "SI";
        /// `2` — NO.
        No = "2", "NO";
    }
}

codelist! {
    /// INPS `DurataAffidoType` (`inps-sinba-durata-affido.csv`).
    pub enum DurataAffido: "INPS.SINBA.DurataAffidoType" {
        /// `1` — Tempo pieno.
        TempoPieno = "1", "Tempo pieno";
        /// `2` — Tempo parziale.
        TempoParziale = "2", "Tempo parziale";
    }
}

codelist! {
    /// INPS `EsitoAffidoType` (`inps-sinba-esito-affido.csv`).
    pub enum EsitoAffido: "INPS.SINBA.EsitoAffidoType" {
        /// `1` — rientrato nella famiglia di origine.
        RientratoNellaFamigliaOrigine = "1", "rientrato nella famiglia di origine";
        /// `2` — affidata ad altro nucleo familiare.
        AffidataAltroNucleoFamiliare = "2", "affidata ad altro nucleo familiare";
        /// `3` — adottato.
        Adottato = "3", "adottato";
        /// `4` — inserito in struttura socio-educativa.
        InseritoStrutturaSocioEducativa = "4", "inserito in struttura socio-educativa";
        /// `5` — inserito in struttura sanitaria.
        InseritoStrutturaSanitaria = "5", "inserito in struttura sanitaria";
        /// `6` — vita in autonomia.
        VitaAutonomia = "6", "vita in autonomia";
        /// `7` — rimpatriato.
        Rimpatriato = "7", "rimpatriato";
        /// `8` — destinazione ignota.
        DestinazioneIgnota = "8", "destinazione ignota";
        /// `9` — altro.
        Altro = "9", "altro";
    }
}

codelist! {
    /// INPS `EsitoInserimentoStrutturaType` (`inps-sinba-esito-inserimento-struttura.csv`).
    pub enum EsitoInserimentoStruttura: "INPS.SINBA.EsitoInserimentoStrutturaType" {
        /// `1` — rientrato nella famiglia di origine.
        RientratoNellaFamigliaOrigine = "1", "rientrato nella famiglia di origine";
        /// `2` — in famiglia affidataria o affidatario.
        FamigliaAffidatariaAffidatario = "2", "in famiglia affidataria o affidatario";
        /// `3` — adottato.
        Adottato = "3", "adottato";
        /// `4` — inserito in altra struttura socio-educativa.
        InseritoAltraStrutturaSocio = "4", "inserito in altra struttura socio-educativa";
        /// `5` — inserito in struttura sanitaria.
        InseritoStrutturaSanitaria = "5", "inserito in struttura sanitaria";
        /// `6` — reso autonomo.
        ResoAutonomo = "6", "reso autonomo";
        /// `7` — rimpatriato.
        Rimpatriato = "7", "rimpatriato";
        /// `8` — destinazione ignota.
        DestinazioneIgnota = "8", "destinazione ignota";
        /// `9` — altro.
        Altro = "9", "altro";
    }
}

codelist! {
    /// INPS `FasciaEtaBeneficiarioType` (`inps-sinba-fascia-eta-beneficiario.csv`).
    pub enum FasciaEtaBeneficiario: "INPS.SINBA.FasciaEtaBeneficiarioType" {
        /// `1` — 0-3 anni.
        Da0A3 = "1", "0-3 anni";
        /// `2` — 3-6 anni.
        Da3A6 = "2", "3-6 anni";
        /// `3` — 6-9 anni.
        Da6A9 = "3", "6-9 anni";
        /// `4` — 9-12 anni.
        Da9A12 = "4", "9-12 anni";
        /// `5` — 12-15 anni.
        Da12A15 = "5", "12-15 anni";
        /// `6` — 15-18 anni.
        Da15A18 = "6", "15-18 anni";
    }
}

codelist! {
    /// INPS `FasciaISEEBeneficiarioType` (`inps-sinba-fascia-isee-beneficiario.csv`).
    pub enum FasciaIseeBeneficiario: "INPS.SINBA.FasciaISEEBeneficiarioType" {
        /// `1` — Valore ISEE=0.
        Zero = "1", "Valore ISEE=0";
        /// `2` — Tra 0.01 a 3000 Euro.
        Fino3000 = "2", "Tra 0.01 a 3000 Euro";
        /// `3` — Tra 3000.01 e 6000.
        Da3000A6000 = "3", "Tra 3000.01 e 6000";
        /// `4` — Tra 6000.01 e 9000.
        Da6000A9000 = "4", "Tra 6000.01 e 9000";
        /// `5` — Tra 9000.01 e 12000.
        Da9000A12000 = "5", "Tra 9000.01 e 12000";
        /// `6` — Tra 12000.01 e 15000.
        Da12000A15000 = "6", "Tra 12000.01 e 15000";
        /// `7` — Tra 15000.01 e 20000.
        Da15000A20000 = "7", "Tra 15000.01 e 20000";
        /// `8` — Oltre i 20000 euro.
        Oltre20000 = "8", "Oltre i 20000 euro";
    }
}

codelist! {
    /// INPS `FonteSegnalazioneType` (`inps-sinba-fonte-segnalazione.csv`).
    pub enum FonteSegnalazione: "INPS.SINBA.FonteSegnalazioneType" {
        /// `1` — servizio sociale minori della giustizia minorile.
        ServizioSocialeMinoriGiustizia = "1", "servizio sociale minori della giustizia minorile";
        /// `2` — altro servizio sociale (consultori, centri famiglia, di altro ambito/distretto, ..).
        AltroServizioSociale = "2", "altro servizio sociale (consultori, centri famiglia, di altro ambito/distretto, ..)";
        /// `3` — servizi sanitari/medico di base/pediatra.
        ServiziSanitariMedicoBase = "3", "servizi sanitari/medico di base/pediatra";
        /// `4` — privato sociale/volontariato.
        PrivatoSocialeVolontariato = "4", "privato sociale/volontariato";
        /// `5` — forze dell'ordine.
        ForzeDellOrdine = "5", "forze dell'ordine";
        /// `6` — beneficiario stesso.
        BeneficiarioStesso = "6", "beneficiario stesso";
        /// `7` — genitori affidatari/tutore.
        GenitoriAffidatariTutore = "7", "genitori affidatari/tutore";
        /// `8` — genitori/fratelli/altri familiari conviventi.
        GenitoriFratelliAltriFamiliari = "8", "genitori/fratelli/altri familiari conviventi";
        /// `9` — parenti non conviventi.
        ParentiNonConviventi = "9", "parenti non conviventi";
        /// `10` — tribunale ordinario.
        TribunaleOrdinario = "10", "tribunale ordinario";
        /// `11` — autorità giudiziarie minorili.
        AutoritaGiudiziarieMinorili = "11", "autorità giudiziarie minorili";
        /// `12` — professionista privato.
        ProfessionistaPrivato = "12", "professionista privato";
        /// `13` — scuola.
        Scuola = "13", "scuola";
        /// `14` — vicinato o conoscenti.
        VicinatoConoscenti = "14", "vicinato o conoscenti";
    }
}

codelist! {
    /// INPS `FormaInserimentoResidenzialeType` (`inps-sinba-forma-inserimento-residenziale.csv`).
    pub enum FormaInserimentoResidenziale: "INPS.SINBA.FormaInserimentoResidenzialeType" {
        /// `1` — Consensuale.
        Consensuale = "1", "Consensuale";
        /// `2` — Giudiziario.
        Giudiziario = "2", "Giudiziario";
    }
}

codelist! {
    /// INPS `FormaInterventoAffidoType` (`inps-sinba-forma-intervento-affido.csv`).
    pub enum FormaInterventoAffido: "INPS.SINBA.FormaInterventoAffidoType" {
        /// `1` — Consensuale.
        Consensuale = "1", "Consensuale";
        /// `2` — Giudiziario.
        Giudiziario = "2", "Giudiziario";
    }
}

codelist! {
    /// INPS `InvCivCertificazioniType` (`inps-sinba-inv-civ-certificazioni.csv`).
    pub enum InvCivCertificazioni: "INPS.SINBA.InvCivCertificazioniType" {
        /// `1` — certificazione invalidità civile parziale non inferiore al 75%.
        ParzialeAlmeno75 = "1", "certificazione invalidità civile parziale non inferiore al 75%";
        /// `2` — certificazione invalidità civile totale (100%) con indennità di accompagnamento.
        TotaleConAccompagnamento = "2", "certificazione invalidità civile totale (100%) con indennità di accompagnamento";
        /// `3` — certificazione invalidità civile totale (100%) senza indennità di accompagnamento.
        TotaleSenzaAccompagnamento = "3", "certificazione invalidità civile totale (100%) senza indennità di accompagnamento";
        /// `4` — certificazione NPI.
        CertificazioneNpi = "4", "certificazione NPI";
        /// `5` — certificazione l.104.
        CertificazioneL104 = "5", "certificazione l.104";
    }
}

codelist! {
    /// INPS `LuogoVitaType` (`inps-sinba-luogo-vita.csv`).
    pub enum LuogoVita: "INPS.SINBA.LuogoVitaType" {
        /// `1` — nella sua famiglia.
        NellaSuaFamiglia = "1", "nella sua famiglia";
        /// `2` — presso parenti.
        PressoParenti = "2", "presso parenti";
        /// `3` — in famiglia affidataria.
        FamigliaAffidataria = "3", "in famiglia affidataria";
        /// `4` — in struttura residenziale sociale.
        StrutturaResidenzialeSociale = "4", "in struttura residenziale sociale";
        /// `5` — in struttura residenziale sanitaria.
        StrutturaResidenzialeSanitaria = "5", "in struttura residenziale sanitaria";
        /// `6` — in istituto penale minorile.
        IstitutoPenaleMinorile = "6", "in istituto penale minorile";
        /// `7` — con amici e conoscenti.
        AmiciConoscenti = "7", "con amici e conoscenti";
        /// `8` — senza dimora.
        SenzaDimora = "8", "senza dimora";
    }
}

codelist! {
    /// INPS `MinoreStranieroNoAccType` (`inps-sinba-minore-straniero-no-acc.csv`).
    pub enum MinoreStranieroNoAcc: "INPS.SINBA.MinoreStranieroNoAccType" {
        /// `1` — SI.
        Si = "1", "SI";
        /// `2` — NO.
        No = "2", "NO";
    }
}

codelist! {
    /// INPS `MotivazioneChiusuraCaricoType` (`inps-sinba-motivazione-chiusura-carico.csv`).
    pub enum MotivazioneChiusuraCarico: "INPS.SINBA.MotivazioneChiusuraCaricoType" {
        /// `1` — passaggio a servizio territoriale altro ambito/distretto della stessa regione.
        AltroAmbitoStessaRegione = "1", "passaggio a servizio territoriale altro ambito/distretto della stessa regione";
        /// `2` — passaggio a servizio territoriale altro ambito/distretto di altra regione.
        AltroAmbitoAltraRegione = "2", "passaggio a servizio territoriale altro ambito/distretto di altra regione";
        /// `3` — raggiunta età maggiorenne.
        RaggiuntaMaggioreEta = "3", "raggiunta età maggiorenne";
        /// `4` — conclusione degli interventi e della presa in carico per risoluzione dello stato di bisogno.
        ConclusioneInterventi = "4", "conclusione degli interventi e della presa in carico per risoluzione dello stato di bisogno";
        /// `5` — uscita richiesta dal minore utente o dalla famiglia.
        UscitaRichiesta = "5", "uscita richiesta dal minore utente o dalla famiglia";
        /// `6` — rimpatrio.
        Rimpatrio = "6", "rimpatrio";
        /// `7` — irreperibilità.
        Irreperibilita = "7", "irreperibilità";
        /// `8` — decesso.
        Decesso = "8", "decesso";
        /// `9` — altro.
        Altro = "9", "altro";
    }
}

codelist! {
    /// INPS `OccupazioneType` (`inps-sinba-occupazione.csv`).
    pub enum Occupazione: "INPS.SINBA.OccupazioneType" {
        /// `1` — occupato.
        Occupato = "1", "occupato";
        /// `2` — disoccupato alla ricerca di nuova occupazione.
        Disoccupato = "2", "disoccupato alla ricerca di nuova occupazione";
        /// `3` — in cerca di prima occupazione.
        InCercaPrimaOccupazione = "3", "in cerca di prima occupazione";
        /// `4` — casalinga/o.
        Casalinga = "4", "casalinga/o";
        /// `5` — studente.
        Studente = "5", "studente";
        /// `6` — ritirato/a dal lavoro.
        Ritirato = "6", "ritirato/a dal lavoro";
        /// `7` — inabile al lavoro.
        InabileLavoro = "7", "inabile al lavoro";
        /// `8` — in altra condizione.
        AltraCondizione = "8", "in altra condizione";
    }
}

codelist! {
    /// INPS `PotestaTutelaType` (`inps-sinba-potesta-tutela.csv`).
    pub enum PotestaTutela: "INPS.SINBA.PotestaTutelaType" {
        /// `1` — sospensione potestà genitoriale.
        SospensionePotestaGenitoriale = "1", "sospensione potestà genitoriale";
        /// `2` — decadenza potestà genitoriale.
        DecadenzaPotestaGenitoriale = "2", "decadenza potestà genitoriale";
        /// `3` — prescrizioni ai genitori.
        PrescrizioniAiGenitori = "3", "prescrizioni ai genitori";
        /// `4` — tutela a parenti o altri soggetti.
        TutelaParentiAltriSoggetti = "4", "tutela a parenti o altri soggetti";
        /// `5` — curatela.
        Curatela = "5", "curatela";
    }
}

codelist! {
    /// INPS `ProvvedimentoGiudiziarioType` (`inps-sinba-provvedimento-giudiziario.csv`).
    pub enum ProvvedimentoGiudiziario: "INPS.SINBA.ProvvedimentoGiudiziarioType" {
        /// `1` — SI.
        Si = "1", "SI";
        /// `2` — NO.
        No = "2", "NO";
    }
}

codelist! {
    /// INPS `ScuolaFrequentataType` (`inps-sinba-scuola-frequentata.csv`).
    pub enum ScuolaFrequentata: "INPS.SINBA.ScuolaFrequentataType" {
        /// `1` — nessuna scuola.
        NessunaScuola = "1", "nessuna scuola";
        /// `2` — struttura.
        Struttura = "2", "struttura";
        /// `3` — asilo nido.
        AsiloNido = "3", "asilo nido";
        /// `4` — scuola dell'infanzia.
        ScuolaDellInfanzia = "4", "scuola dell'infanzia";
        /// `5` — scuola primaria.
        ScuolaPrimaria = "5", "scuola primaria";
        /// `6` — scuola secondaria I grado.
        ScuolaSecondariaGrado = "6", "scuola secondaria I grado";
        /// `7` — scuola secondaria II grado.
        ScuolaSecondariaIiGrado = "7", "scuola secondaria II grado";
        /// `8` — corso formazione professionale.
        CorsoFormazioneProfessionale = "8", "corso formazione professionale";
    }
}

codelist! {
    /// INPS `SegnalazioneAutoritaGiudiziariaType` (`inps-sinba-segnalazione-autorita-giudiziaria.csv`).
    pub enum SegnalazioneAutoritaGiudiziaria: "INPS.SINBA.SegnalazioneAutoritaGiudiziariaType" {
        /// `1` — SI.
        Si = "1", "SI";
        /// `2` — NO.
        No = "2", "NO";
    }
}

codelist! {
    /// INPS `SituazioneChiusuraCaricoType` (`inps-sinba-situazione-chiusura-carico.csv`).
    pub enum SituazioneChiusuraCarico: "INPS.SINBA.SituazioneChiusuraCaricoType" {
        /// `1` — Nella famiglia di origine.
        NellaFamigliaOrigine = "1", "Nella famiglia di origine";
        /// `2` — vita in autonomia (in appartamento anche con altri non familiari o parenti).
        VitaAutonomia = "2", "vita in autonomia (in appartamento anche con altri non familiari o parenti)";
        /// `3` — rimane nella famiglia affidataria anche se maggiorenne.
        RimaneNellaFamigliaAffidataria = "3", "rimane nella famiglia affidataria anche se maggiorenne";
        /// `4` — rimane nella struttura residenziale socio-assistenziale anche se maggiorenne.
        RimaneNellaStrutturaResidenziale = "4", "rimane nella struttura residenziale socio-assistenziale anche se maggiorenne";
        /// `5` — collocato in struttura residenziale sanitaria.
        CollocatoStrutturaResidenzialeSanitaria = "5", "collocato in struttura residenziale sanitaria";
        /// `6` — adottato in una nuova famiglia.
        AdottatoUnaNuovaFamiglia = "6", "adottato in una nuova famiglia";
        /// `7` — in istituto penale.
        IstitutoPenale = "7", "in istituto penale";
        /// `8` — destinazione ignota.
        DestinazioneIgnota = "8", "destinazione ignota";
    }
}

codelist! {
    /// INPS `TipoDisabilitaType` (`inps-sinba-tipo-disabilita.csv`).
    pub enum TipoDisabilita: "INPS.SINBA.TipoDisabilitaType" {
        /// `1` — Fisica.
        Fisica = "1", "Fisica";
        /// `2` — Psichica.
        Psichica = "2", "Psichica";
        /// `3` — Sensoriale.
        Sensoriale = "3", "Sensoriale";
        /// `4` — Plurima.
        Plurima = "4", "Plurima";
    }
}

codelist! {
    /// INPS `TipoInserimentoResidenzialeType` (`inps-sinba-tipo-inserimento-residenziale.csv`).
    pub enum TipoInserimentoResidenziale: "INPS.SINBA.TipoInserimentoResidenzialeType" {
        /// `1` — Con genitore.
        Genitore = "1", "Con genitore";
        /// `2` — Senza genitore.
        SenzaGenitore = "2", "Senza genitore";
    }
}

codelist! {
    /// INPS `TipoInterventoAffidoType` (`inps-sinba-tipo-intervento-affido.csv`).
    pub enum TipoInterventoAffido: "INPS.SINBA.TipoInterventoAffidoType" {
        /// `1` — Intrafamiliare.
        Intrafamiliare = "1", "Intrafamiliare";
        /// `2` — Eterofamiliare.
        Eterofamiliare = "2", "Eterofamiliare";
    }
}

codelist! {
    /// INPS `TipoProvvedimentoGiudiziarioType` (`inps-sinba-tipo-provvedimento-giudiziario.csv`).
    pub enum TipoProvvedimentoGiudiziario: "INPS.SINBA.TipoProvvedimentoGiudiziarioType" {
        /// `1` — adottabilità.
        Adottabilita = "1", "adottabilità";
        /// `2` — adozione nazionale.
        AdozioneNazionale = "2", "adozione nazionale";
        /// `3` — adozione internazionale.
        AdozioneInternazionale = "3", "adozione internazionale";
        /// `4` — affidamento familiare.
        AffidamentoFamiliare = "4", "affidamento familiare";
        /// `5` — affido al servizio sociale.
        AffidoServizioSociale = "5", "affido al servizio sociale";
        /// `6` — affidamento a uno dei genitori in caso di separazione.
        AffidamentoUnoGenitoriCaso = "6", "affidamento a uno dei genitori in caso di separazione";
        /// `7` — vigilanza.
        Vigilanza = "7", "vigilanza";
        /// `8` — post-adozione "allontanamento del minore in via d'emergenza (art.403 c.c.).
        PostAdozioneAllontanamentoMinore = "8", "post-adozione \"allontanamento del minore in via d'emergenza (art.403 c.c.)";
    }
}

codelist! {
    /// INPS `TitoloStudioType` (`inps-sinba-titolo-studio.csv`).
    pub enum TitoloStudio: "INPS.SINBA.TitoloStudioType" {
        /// `1` — nessun titolo.
        NessunTitolo = "1", "nessun titolo";
        /// `2` — licenza elementare.
        LicenzaElementare = "2", "licenza elementare";
        /// `3` — licenza media.
        LicenzaMedia = "3", "licenza media";
        /// `4` — qualifica professionale.
        QualificaProfessionale = "4", "qualifica professionale";
        /// `5` — diploma scuola superiore.
        DiplomaScuolaSuperiore = "5", "diploma scuola superiore";
        /// `6` — laurea o diploma di laurea.
        LaureaDiplomaLaurea = "6", "laurea o diploma di laurea";
    }
}

codelist! {
    /// INPS `ValutazioneFamigliaMinoreType` (`inps-sinba-valutazione-famiglia-minore.csv`).
    pub enum ValutazioneFamigliaMinore: "INPS.SINBA.ValutazioneFamigliaMinoreType" {
        /// `1` — nessuna specifica.
        NessunaSpecifica = "1", "nessuna specifica";
        /// `2` — problematica fragilità/inadeguatezza genitoriale, problematiche socio-educative e relazionali.
        ProblematicaFragilitaInadeguatezzaGenitoriale = "2", "problematica fragilità/inadeguatezza genitoriale, problematiche socio-educative e relazionali";
        /// `3` — dipendenza.
        Dipendenza = "3", "dipendenza";
        /// `4` — problematiche psichiatriche.
        ProblematichePsichiatriche = "4", "problematiche psichiatriche";
        /// `5` — altre problematiche sanitarie.
        AltreProblematicheSanitarie = "5", "altre problematiche sanitarie";
        /// `6` — grave conflittualità familiare.
        GraveConflittualitaFamiliare = "6", "grave conflittualità familiare";
        /// `7` — famiglia maltrattante.
        FamigliaMaltrattante = "7", "famiglia maltrattante";
        /// `8` — famiglia abusante.
        FamigliaAbusante = "8", "famiglia abusante";
        /// `9` — problemi giudiziari.
        ProblemiGiudiziari = "9", "problemi giudiziari";
        /// `10` — fallimento affido preadottivo nel I anno.
        FallimentoAffidoPreadottivoNel = "10", "fallimento affido preadottivo nel I anno";
        /// `11` — inadempienza obblighi sanitari.
        InadempienzaObblighiSanitari = "11", "inadempienza obblighi sanitari";
        /// `12` — difficoltà economiche.
        DifficoltaEconomiche = "12", "difficoltà economiche";
        /// `13` — difficoltà abitative.
        DifficoltaAbitative = "13", "difficoltà abitative";
    }
}

codelist! {
    /// INPS `ValutazioneMinoreType` (`inps-sinba-valutazione-minore.csv`).
    pub enum ValutazioneMinore: "INPS.SINBA.ValutazioneMinoreType" {
        /// `1` — nessuna specifica problematica.
        NessunaSpecificaProblematica = "1", "nessuna specifica problematica";
        /// `2` — problemi relazionali e comportamentali.
        ProblemiRelazionaliComportamentali = "2", "problemi relazionali e comportamentali";
        /// `3` — dipendenze.
        Dipendenze = "3", "dipendenze";
        /// `4` — presunto stato di abbandono.
        PresuntoStatoAbbandono = "4", "presunto stato di abbandono";
        /// `5` — problemi sanitari.
        ProblemiSanitari = "5", "problemi sanitari";
        /// `6` — violenza sessuale subita, prostituzione, tratta, pedopornografia.
        ViolenzaSessualeSubitaProstituzione = "6", "violenza sessuale subita, prostituzione, tratta, pedopornografia";
        /// `7` — altre forme di violenza e maltrattamento subite.
        AltreFormeViolenzaMaltrattamento = "7", "altre forme di violenza e maltrattamento subite";
        /// `8` — comportamenti di grave devianza.
        ComportamentiGraveDevianza = "8", "comportamenti di grave devianza";
        /// `9` — problemi di autonomia, disabilità.
        ProblemiAutonomiaDisabilita = "9", "problemi di autonomia, disabilità";
        /// `10` — coinvolto in procedure penali.
        CoinvoltoProcedurePenali = "10", "coinvolto in procedure penali";
        /// `11` — gestante/madre minorenne.
        GestanteMadreMinorenne = "11", "gestante/madre minorenne";
        /// `12` — minore straniero non accompagnato.
        MinoreStranieroNonAccompagnato = "12", "minore straniero non accompagnato";
        /// `13` — abbandono scolastico.
        AbbandonoScolastico = "13", "abbandono scolastico";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_equal_their_csv() {
        crate::model::enums::test_support::assert_csv::<AreaReddituale>(include_str!(
            "../../data/codelists/inps-ps-area-reddituale.csv"
        ));
        crate::model::enums::test_support::assert_csv::<AreaSupporto>(include_str!(
            "../../data/codelists/inps-ps-area-supporto.csv"
        ));
        crate::model::enums::test_support::assert_csv::<AreaUtenza>(include_str!(
            "../../data/codelists/inps-ps-area-utenza.csv"
        ));
        crate::model::enums::test_support::assert_csv::<AttivitaVitaQuotidiana>(include_str!(
            "../../data/codelists/inps-ps-attivita-vita-quotidiana.csv"
        ));
        crate::model::enums::test_support::assert_csv::<CaratterePrestazione>(include_str!(
            "../../data/codelists/inps-ps-carattere-prestazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<DisturbiAreaCognitiva>(include_str!(
            "../../data/codelists/inps-ps-disturbi-area-cognitiva.csv"
        ));
        crate::model::enums::test_support::assert_csv::<DisturbiComportamentali>(include_str!(
            "../../data/codelists/inps-ps-disturbi-comportamentali.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FonteDerivazioneInvalidita>(include_str!(
            "../../data/codelists/inps-ps-fonte-derivazione-invalidita.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FonteDerivazioneValutazione>(include_str!(
            "../../data/codelists/inps-ps-fonte-derivazione-valutazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<GenereInps>(include_str!(
            "../../data/codelists/inps-ps-genere.csv"
        ));
        crate::model::enums::test_support::assert_csv::<InvCiv>(include_str!(
            "../../data/codelists/inps-ps-inv-civ.csv"
        ));
        crate::model::enums::test_support::assert_csv::<Mobilita>(include_str!(
            "../../data/codelists/inps-ps-mobilita.csv"
        ));
        crate::model::enums::test_support::assert_csv::<NecessitaCureSanitarie>(include_str!(
            "../../data/codelists/inps-ps-necessita-cure-sanitarie.csv"
        ));
        crate::model::enums::test_support::assert_csv::<PresaCarico>(include_str!(
            "../../data/codelists/inps-ps-presa-carico.csv"
        ));
        crate::model::enums::test_support::assert_csv::<PresenzaProvaMezzi>(include_str!(
            "../../data/codelists/inps-ps-presenza-prova-mezzi.csv"
        ));
        crate::model::enums::test_support::assert_csv::<StrumentoValutazione>(include_str!(
            "../../data/codelists/inps-ps-strumento-valutazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<TipoOperazione>(include_str!(
            "../../data/codelists/inps-ps-tipo-operazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<AutoritaProvvedimento>(include_str!(
            "../../data/codelists/inps-sinba-autorita-provvedimento.csv"
        ));
        crate::model::enums::test_support::assert_csv::<CarattereAffido>(include_str!(
            "../../data/codelists/inps-sinba-carattere-affido.csv"
        ));
        crate::model::enums::test_support::assert_csv::<CarattereInserimentoResidenziale>(
            include_str!("../../data/codelists/inps-sinba-carattere-inserimento-residenziale.csv"),
        );
        crate::model::enums::test_support::assert_csv::<CollaborazioniInterventi>(include_str!(
            "../../data/codelists/inps-sinba-collaborazioni-interventi.csv"
        ));
        crate::model::enums::test_support::assert_csv::<ComposizioneFamiglia>(include_str!(
            "../../data/codelists/inps-sinba-composizione-famiglia.csv"
        ));
        crate::model::enums::test_support::assert_csv::<CondizioneLavoro>(include_str!(
            "../../data/codelists/inps-sinba-condizione-lavoro.csv"
        ));
        crate::model::enums::test_support::assert_csv::<CondizioneMinore>(include_str!(
            "../../data/codelists/inps-sinba-condizione-minore.csv"
        ));
        crate::model::enums::test_support::assert_csv::<Disabilita>(include_str!(
            "../../data/codelists/inps-sinba-disabilita.csv"
        ));
        crate::model::enums::test_support::assert_csv::<DurataAffido>(include_str!(
            "../../data/codelists/inps-sinba-durata-affido.csv"
        ));
        crate::model::enums::test_support::assert_csv::<EsitoAffido>(include_str!(
            "../../data/codelists/inps-sinba-esito-affido.csv"
        ));
        crate::model::enums::test_support::assert_csv::<EsitoInserimentoStruttura>(include_str!(
            "../../data/codelists/inps-sinba-esito-inserimento-struttura.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FasciaEtaBeneficiario>(include_str!(
            "../../data/codelists/inps-sinba-fascia-eta-beneficiario.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FasciaIseeBeneficiario>(include_str!(
            "../../data/codelists/inps-sinba-fascia-isee-beneficiario.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FonteSegnalazione>(include_str!(
            "../../data/codelists/inps-sinba-fonte-segnalazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<FormaInserimentoResidenziale>(
            include_str!("../../data/codelists/inps-sinba-forma-inserimento-residenziale.csv"),
        );
        crate::model::enums::test_support::assert_csv::<FormaInterventoAffido>(include_str!(
            "../../data/codelists/inps-sinba-forma-intervento-affido.csv"
        ));
        crate::model::enums::test_support::assert_csv::<InvCivCertificazioni>(include_str!(
            "../../data/codelists/inps-sinba-inv-civ-certificazioni.csv"
        ));
        crate::model::enums::test_support::assert_csv::<LuogoVita>(include_str!(
            "../../data/codelists/inps-sinba-luogo-vita.csv"
        ));
        crate::model::enums::test_support::assert_csv::<MinoreStranieroNoAcc>(include_str!(
            "../../data/codelists/inps-sinba-minore-straniero-no-acc.csv"
        ));
        crate::model::enums::test_support::assert_csv::<MotivazioneChiusuraCarico>(include_str!(
            "../../data/codelists/inps-sinba-motivazione-chiusura-carico.csv"
        ));
        crate::model::enums::test_support::assert_csv::<Occupazione>(include_str!(
            "../../data/codelists/inps-sinba-occupazione.csv"
        ));
        crate::model::enums::test_support::assert_csv::<PotestaTutela>(include_str!(
            "../../data/codelists/inps-sinba-potesta-tutela.csv"
        ));
        crate::model::enums::test_support::assert_csv::<ProvvedimentoGiudiziario>(include_str!(
            "../../data/codelists/inps-sinba-provvedimento-giudiziario.csv"
        ));
        crate::model::enums::test_support::assert_csv::<ScuolaFrequentata>(include_str!(
            "../../data/codelists/inps-sinba-scuola-frequentata.csv"
        ));
        crate::model::enums::test_support::assert_csv::<SegnalazioneAutoritaGiudiziaria>(
            include_str!("../../data/codelists/inps-sinba-segnalazione-autorita-giudiziaria.csv"),
        );
        crate::model::enums::test_support::assert_csv::<SituazioneChiusuraCarico>(include_str!(
            "../../data/codelists/inps-sinba-situazione-chiusura-carico.csv"
        ));
        crate::model::enums::test_support::assert_csv::<TipoDisabilita>(include_str!(
            "../../data/codelists/inps-sinba-tipo-disabilita.csv"
        ));
        crate::model::enums::test_support::assert_csv::<TipoInserimentoResidenziale>(include_str!(
            "../../data/codelists/inps-sinba-tipo-inserimento-residenziale.csv"
        ));
        crate::model::enums::test_support::assert_csv::<TipoInterventoAffido>(include_str!(
            "../../data/codelists/inps-sinba-tipo-intervento-affido.csv"
        ));
        crate::model::enums::test_support::assert_csv::<TipoProvvedimentoGiudiziario>(
            include_str!("../../data/codelists/inps-sinba-tipo-provvedimento-giudiziario.csv"),
        );
        crate::model::enums::test_support::assert_csv::<TitoloStudio>(include_str!(
            "../../data/codelists/inps-sinba-titolo-studio.csv"
        ));
        crate::model::enums::test_support::assert_csv::<ValutazioneFamigliaMinore>(include_str!(
            "../../data/codelists/inps-sinba-valutazione-famiglia-minore.csv"
        ));
        crate::model::enums::test_support::assert_csv::<ValutazioneMinore>(include_str!(
            "../../data/codelists/inps-sinba-valutazione-minore.csv"
        ));
    }
}
