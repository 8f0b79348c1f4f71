//! The `SINBA` element (`SIUSS-SINBA-001`…`-049`).

use chrono::Datelike;

use super::lessico;
use super::sina::{enumerazione, Enumerazione};
use super::{in_tabella, VerificaIncrementale};
use crate::siuss::flusso::Sinba;

/// The enumerated attributes of `SinbaType`, in XSD order.
pub(super) const ENUMERAZIONI: &[Enumerazione<Sinba>] = &[
    enumerazione!(
        Sinba,
        minore_straniero_no_acc,
        "MinoreStranieroNoAccType",
        "SIUSS-SINBA-003",
        true
    ),
    enumerazione!(
        Sinba,
        condizione_minore,
        "CondizioneMinoreType",
        "SIUSS-SINBA-004",
        true
    ),
    enumerazione!(Sinba, luogo_vita, "LuogoVitaType", "SIUSS-SINBA-005", true),
    enumerazione!(
        Sinba,
        scuola_frequentata,
        "ScuolaFrequentataType",
        "SIUSS-SINBA-006",
        true
    ),
    enumerazione!(
        Sinba,
        condizione_lavoro,
        "CondizioneLavoroType",
        "SIUSS-SINBA-007",
        true
    ),
    enumerazione!(Sinba, disabilita, "DisabilitaType", "SIUSS-SINBA-008", true),
    enumerazione!(
        Sinba,
        tipo_disabilita,
        "TipoDisabilitaType",
        "SIUSS-SINBA-009",
        false
    ),
    enumerazione!(
        Sinba,
        inv_civ_certificazioni,
        "InvCivCertificazioniType",
        "SIUSS-SINBA-010",
        false
    ),
    enumerazione!(
        Sinba,
        titolo_studio_padre,
        "TitoloStudioType",
        "SIUSS-SINBA-013",
        false
    ),
    enumerazione!(
        Sinba,
        titolo_studio_madre,
        "TitoloStudioType",
        "SIUSS-SINBA-013",
        false
    ),
    enumerazione!(
        Sinba,
        occupazione_padre,
        "OccupazioneType",
        "SIUSS-SINBA-013",
        false
    ),
    enumerazione!(
        Sinba,
        occupazione_madre,
        "OccupazioneType",
        "SIUSS-SINBA-013",
        false
    ),
    enumerazione!(
        Sinba,
        fonte_segnalazione,
        "FonteSegnalazioneType",
        "SIUSS-SINBA-015",
        true
    ),
    enumerazione!(
        Sinba,
        valutazione_minore,
        "ValutazioneMinoreType",
        "SIUSS-SINBA-016",
        true
    ),
    enumerazione!(
        Sinba,
        valutazione_famiglia_minore,
        "ValutazioneFamigliaMinoreType",
        "SIUSS-SINBA-017",
        true
    ),
    enumerazione!(
        Sinba,
        segnalazione_autorita_giudiziaria,
        "SegnalazioneAutoritaGiudiziariaType",
        "SIUSS-SINBA-018",
        true
    ),
    enumerazione!(
        Sinba,
        provvedimento_giudiziario,
        "ProvvedimentoGiudiziarioType",
        "SIUSS-SINBA-021",
        true
    ),
    enumerazione!(
        Sinba,
        autorita_provvedimento,
        "AutoritaProvvedimentoType",
        "SIUSS-SINBA-024",
        false
    ),
    enumerazione!(
        Sinba,
        potesta_tutela,
        "PotestaTutelaType",
        "SIUSS-SINBA-024",
        false
    ),
    enumerazione!(
        Sinba,
        tipo_provvedimento_giudiziario,
        "TipoProvvedimentoGiudiziarioType",
        "SIUSS-SINBA-024",
        false
    ),
    enumerazione!(
        Sinba,
        forma_intervento_affido,
        "FormaInterventoAffidoType",
        "SIUSS-SINBA-025",
        false
    ),
    enumerazione!(
        Sinba,
        tipo_intervento_affido,
        "TipoInterventoAffidoType",
        "SIUSS-SINBA-025",
        false
    ),
    enumerazione!(
        Sinba,
        durata_affido,
        "DurataAffidoType",
        "SIUSS-SINBA-025",
        false
    ),
    enumerazione!(
        Sinba,
        carattere_affido,
        "CarattereAffidoType",
        "SIUSS-SINBA-025",
        false
    ),
    enumerazione!(
        Sinba,
        esito_affido,
        "EsitoAffidoType",
        "SIUSS-SINBA-025",
        false
    ),
    enumerazione!(
        Sinba,
        carattere_inserimento_residenziale,
        "CarattereInserimentoResidenzialeType",
        "SIUSS-SINBA-026",
        false
    ),
    enumerazione!(
        Sinba,
        forma_inserimento_residenziale,
        "FormaInserimentoResidenzialeType",
        "SIUSS-SINBA-026",
        false
    ),
    enumerazione!(
        Sinba,
        tipo_inserimento_residenziale,
        "TipoInserimentoResidenzialeType",
        "SIUSS-SINBA-026",
        false
    ),
    enumerazione!(
        Sinba,
        esito_inserimento_struttura,
        "EsitoInserimentoStrutturaType",
        "SIUSS-SINBA-026",
        false
    ),
    enumerazione!(
        Sinba,
        motivazione_chiusura_carico,
        "MotivazioneChiusuraCaricoType",
        "SIUSS-SINBA-027",
        false
    ),
    enumerazione!(
        Sinba,
        situazione_chiusura_carico,
        "SituazioneChiusuraCaricoType",
        "SIUSS-SINBA-027",
        false
    ),
    enumerazione!(
        Sinba,
        collaborazioni_interventi,
        "CollaborazioniInterventiType",
        "SIUSS-SINBA-028",
        false
    ),
    enumerazione!(
        Sinba,
        fascia_eta_beneficiario,
        "FasciaEtaBeneficiarioType",
        "SIUSS-SINBA-030",
        true
    ),
    enumerazione!(
        Sinba,
        fascia_isee_beneficiario,
        "FasciaISEEBeneficiarioType",
        "SIUSS-SINBA-031",
        false
    ),
];

/// The first present attribute of a group, as its JSON name.
fn primo_presente<'a>(campi: &[(&'a str, Option<&str>)]) -> Option<&'a str> {
    campi.iter().find(|(_, v)| v.is_some()).map(|(c, _)| *c)
}

/// The first absent attribute of a group, as its JSON name.
fn primo_assente<'a>(campi: &[(&'a str, Option<&str>)]) -> Option<&'a str> {
    campi.iter().find(|(_, v)| v.is_none()).map(|(c, _)| *c)
}

/// The age band of an age in completed years (`siuss.md` §8.7; 18 and over → 6).
fn fascia(eta: i32) -> i32 {
    (eta / 3 + 1).min(6)
}

impl VerificaIncrementale<'_> {
    pub(super) fn verifica_sinba(&mut self, k: usize, s: &Sinba) {
        let p = |campo: &str| format!("/sinba/{k}/{campo}");

        if !s
            .id_beneficiario
            .as_deref()
            .is_some_and(|v| lessico::lunghezza_tra(v, 1, 20))
        {
            self.ctx.emit("SIUSS-SINBA-001", p("id_beneficiario"), []);
        }
        for (e, t) in ENUMERAZIONI.iter().zip(&self.tabelle.sinba) {
            match (e.valore)(s) {
                None if e.obbligatoria => self.ctx.emit(e.regola, p(e.json), []),
                Some(v) if !in_tabella(*t, v) => self.ctx.emit(e.regola, p(e.json), []),
                _ => {}
            }
        }

        // Patterns.
        for (campo, v, n) in [
            (
                "codice_cittadinanza_padre",
                s.codice_cittadinanza_padre.as_deref(),
                3,
            ),
            (
                "codice_cittadinanza_madre",
                s.codice_cittadinanza_madre.as_deref(),
                3,
            ),
            (
                "codice_regione_residenza_padre",
                s.codice_regione_residenza_padre.as_deref(),
                2,
            ),
            (
                "codice_regione_residenza_madre",
                s.codice_regione_residenza_madre.as_deref(),
                2,
            ),
        ] {
            if v.is_some_and(|v| !lessico::cifre(v, n)) {
                self.ctx.emit("SIUSS-SINBA-012", p(campo), []);
            }
        }
        let anno_nascita = match s.anno_nascita.as_deref() {
            Some(a) if lessico::cifre(a, 4) => a.parse::<i32>().ok(),
            _ => {
                self.ctx.emit("SIUSS-SINBA-032", p("anno_nascita"), []);
                None
            }
        };
        let nazione = s
            .codice_nazione_residenza
            .as_deref()
            .filter(|n| lessico::cifre(n, 3));
        if nazione.is_none() {
            self.ctx
                .emit("SIUSS-SINBA-033", p("codice_nazione_residenza"), []);
        }
        if nazione == Some("380")
            && !s
                .codice_regione_residenza
                .as_deref()
                .is_some_and(|r| lessico::cifre(r, 2))
        {
            self.ctx
                .emit("SIUSS-SINBA-034", p("codice_regione_residenza"), []);
        }
        match s.numero_componenti_isee.as_deref().map(lessico::intero) {
            Some(Some(n)) if (1..=9).contains(&n) => {}
            Some(_) => self
                .ctx
                .emit("SIUSS-SINBA-029", p("numero_componenti_isee"), []),
            None => {}
        }

        // Month/year dates: 014, 040, 041, 042.
        let prima = match s
            .data_prima_segnalazione
            .as_deref()
            .and_then(lessico::mese_anno)
        {
            Some(d) => Some(d),
            None => {
                self.ctx
                    .emit("SIUSS-SINBA-014", p("data_prima_segnalazione"), []);
                None
            }
        };
        let mut date = [
            ("DataPrimaSegnalazione", "data_prima_segnalazione", prima),
            ("DataSegnalazione", "data_segnalazione", None),
            (
                "DataProvvedimentoGiudiziario",
                "data_provvedimento_giudiziario",
                None,
            ),
        ];
        for (k, v) in [
            (1, s.data_segnalazione.as_deref()),
            (2, s.data_provvedimento_giudiziario.as_deref()),
        ] {
            let Some(v) = v else { continue };
            let (xsd, json, _) = date[k];
            match lessico::mese_anno(v) {
                Some(d) => date[k].2 = Some(d),
                None => self
                    .ctx
                    .emit("SIUSS-SINBA-040", p(json), [("attributo", xsd.to_string())]),
            }
        }
        let as_of = self.ctx.as_of();
        if prima.is_some_and(|(y, m)| (y, m) > (as_of.year(), as_of.month())) {
            self.ctx
                .emit("SIUSS-SINBA-041", p("data_prima_segnalazione"), []);
        }
        if let Some(nascita) = anno_nascita {
            for (xsd, json, d) in date {
                if d.is_some_and(|(y, _)| y < nascita) {
                    self.ctx
                        .emit("SIUSS-SINBA-042", p(json), [("attributo", xsd.to_string())]);
                }
            }
        }

        // 049: age band vs birth year at the reference date.
        if let (Some(nascita), Some(f)) = (
            anno_nascita,
            s.fascia_eta_beneficiario
                .as_deref()
                .and_then(|f| f.parse::<i32>().ok())
                .filter(|f| (1..=6).contains(f)),
        ) {
            let massima = as_of.year() - nascita;
            let coerente = [massima - 1, massima]
                .iter()
                .any(|&eta| eta >= 0 && fascia(eta) == f);
            if !coerente {
                self.ctx
                    .emit("SIUSS-SINBA-049", p("fascia_eta_beneficiario"), []);
            }
        }

        // Disability: 011, 044, 045.
        match s.disabilita.as_deref() {
            Some("1") if s.tipo_disabilita.is_none() => {
                self.ctx.emit("SIUSS-SINBA-011", p("tipo_disabilita"), [])
            }
            Some("2") => {
                if s.tipo_disabilita.is_some() {
                    self.ctx.emit("SIUSS-SINBA-044", p("tipo_disabilita"), []);
                }
                if s.inv_civ_certificazioni.is_some() {
                    self.ctx
                        .emit("SIUSS-SINBA-045", p("inv_civ_certificazioni"), []);
                }
            }
            _ => {}
        }

        // Judicial referral and measure: 019, 020, 022, 023.
        match s.segnalazione_autorita_giudiziaria.as_deref() {
            Some("1") if s.data_segnalazione.is_none() => {
                self.ctx.emit("SIUSS-SINBA-019", p("data_segnalazione"), [])
            }
            Some("2") if s.data_segnalazione.is_some() => {
                self.ctx.emit("SIUSS-SINBA-020", p("data_segnalazione"), [])
            }
            _ => {}
        }
        let provvedimento = [
            (
                "data_provvedimento_giudiziario",
                s.data_provvedimento_giudiziario.as_deref(),
            ),
            (
                "autorita_provvedimento",
                s.autorita_provvedimento.as_deref(),
            ),
            (
                "tipo_provvedimento_giudiziario",
                s.tipo_provvedimento_giudiziario.as_deref(),
            ),
            ("potesta_tutela", s.potesta_tutela.as_deref()),
        ];
        match s.provvedimento_giudiziario.as_deref() {
            Some("1") => {
                if let Some(campo) = primo_assente(&provvedimento[..3]) {
                    self.ctx.emit("SIUSS-SINBA-022", p(campo), []);
                }
            }
            Some("2") => {
                if let Some(campo) = primo_presente(&provvedimento) {
                    self.ctx.emit("SIUSS-SINBA-023", p(campo), []);
                }
            }
            _ => {}
        }

        // Foster care, residential placement, closure: 043, 046, 047, 048.
        let affido = [
            (
                "forma_intervento_affido",
                s.forma_intervento_affido.as_deref(),
            ),
            (
                "tipo_intervento_affido",
                s.tipo_intervento_affido.as_deref(),
            ),
            ("durata_affido", s.durata_affido.as_deref()),
            ("carattere_affido", s.carattere_affido.as_deref()),
            ("esito_affido", s.esito_affido.as_deref()),
        ];
        let inserimento = [
            (
                "carattere_inserimento_residenziale",
                s.carattere_inserimento_residenziale.as_deref(),
            ),
            (
                "forma_inserimento_residenziale",
                s.forma_inserimento_residenziale.as_deref(),
            ),
            (
                "tipo_inserimento_residenziale",
                s.tipo_inserimento_residenziale.as_deref(),
            ),
            (
                "esito_inserimento_struttura",
                s.esito_inserimento_struttura.as_deref(),
            ),
        ];
        let con_affido = primo_presente(&affido).is_some();
        let con_inserimento = primo_presente(&inserimento).is_some();
        match s.luogo_vita.as_deref() {
            Some("3") if !con_affido => self.ctx.emit("SIUSS-SINBA-043", p("luogo_vita"), []),
            Some("4" | "5") if !con_inserimento => {
                self.ctx.emit("SIUSS-SINBA-043", p("luogo_vita"), [])
            }
            _ => {}
        }
        if con_affido {
            if let Some(campo) = primo_assente(&affido[..2]) {
                self.ctx.emit("SIUSS-SINBA-046", p(campo), []);
            }
        }
        if con_inserimento && s.carattere_inserimento_residenziale.is_none() {
            self.ctx.emit(
                "SIUSS-SINBA-047",
                p("carattere_inserimento_residenziale"),
                [],
            );
        }
        match (
            s.motivazione_chiusura_carico.is_some(),
            s.situazione_chiusura_carico.is_some(),
        ) {
            (true, false) => self
                .ctx
                .emit("SIUSS-SINBA-048", p("situazione_chiusura_carico"), []),
            (false, true) => self
                .ctx
                .emit("SIUSS-SINBA-048", p("motivazione_chiusura_carico"), []),
            _ => {}
        }

        // Children: 035, 036, 037.
        let codici = &s.prestazioni.codici_prestazione;
        if codici.is_empty() {
            self.ctx
                .emit("SIUSS-SINBA-035", p("prestazioni/codici_prestazione"), []);
        }
        for (n, c) in codici.iter().enumerate() {
            if !lessico::lunghezza_tra(c, 5, 10) {
                self.ctx.emit(
                    "SIUSS-SINBA-035",
                    p(&format!("prestazioni/codici_prestazione/{n}")),
                    [],
                );
            }
        }
        let famiglia = &s.famiglia.composizione_famiglia;
        if famiglia.is_empty() {
            self.ctx
                .emit("SIUSS-SINBA-036", p("famiglia/composizione_famiglia"), []);
        }
        for (n, c) in famiglia.iter().enumerate() {
            let pn = || p(&format!("famiglia/composizione_famiglia/{n}"));
            if !in_tabella(self.tabelle.composizione_famiglia, c) {
                self.ctx.emit("SIUSS-SINBA-036", pn(), []);
            }
            if famiglia[..n].contains(c) {
                self.ctx.emit("SIUSS-SINBA-037", pn(), []);
            }
        }
    }
}
