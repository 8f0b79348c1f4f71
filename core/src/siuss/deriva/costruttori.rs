//! Builders for vendors who hold the data outside a cartella: typed setters that write the
//! lexical forms of the flows (amounts with two decimals, `xs:date`, `H.MM` hours, `MM/YYYY`,
//! INPS codes from the enums of [`crate::model::inps`]).
//!
//! The builders do not validate: run the flow checks (`siuss::regole`) on the result.
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use cartella::model::{AreaUtenza, CaratterePrestazione, GenereInps, PresenzaProvaMezzi};
//! use cartella::siuss::deriva::{CostruttoreBeneficiario, CostruttorePrestazione};
//!
//! let d = |y, m, g| NaiveDate::from_ymd_opt(y, m, g).unwrap();
//! let prestazione = CostruttorePrestazione::new(
//!     "A2.07",
//!     "Assistenza domiciliare socio-assistenziale",
//!     "PROT-1",
//!     PresenzaProvaMezzi::ALL[0],
//!     CaratterePrestazione::Periodico,
//! )
//! .periodo(d(2024, 1, 1), Some(d(2024, 6, 30)))
//! .importo_mensile(Decimal::new(385, 0))
//! .ore_servizio_mensile(12, 30)
//! .presa_carico(true)
//! .area_utenza(AreaUtenza::DisabilitaNonAutosufficienza)
//! .costruisci();
//! assert_eq!(prestazione.importo_mensile.as_deref(), Some("385.00"));
//! assert_eq!(prestazione.periodo_erogazione.as_deref(), Some("6"));
//! assert_eq!(prestazione.ore_servizio_mensile.as_deref(), Some("12.30"));
//!
//! let beneficiario = CostruttoreBeneficiario::new("VLLLNE39E61F205K", "VILLA", "ELENA")
//!     .nascita(1939, "F205", GenereInps::Femmina)
//!     .cittadinanza("380")
//!     .residenza_italia("03", "015146")
//!     .prestazione(prestazione)
//!     .costruisci();
//! assert_eq!(beneficiario.indirizzi[0].codice_nazione.as_deref(), Some("380"));
//! ```

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{formatta_data, formatta_importo, formatta_mese_anno, formatta_ore};
use crate::model::inps::*;
use crate::model::MeseAnno;
use crate::siuss::flusso::{
    Anagrafica, Beneficiario, Ente, IdentificazioneFlusso, Indirizzo, InvaliditaCivile,
    NecessitaInterventiSociali, PrestazioniSociali, Sina, Sinba,
};

/// `IdentificazioneFlusso` with its `Ente` (`siuss.md` §4.2): flow name (see
/// [`nome_flusso`](crate::siuss::nome::nome_flusso)), ente code, optional name, Belfiore code of
/// the seat and the operator's codice fiscale.
pub fn identificazione_flusso(
    nome: &str,
    codice_ente: &str,
    denominazione: Option<&str>,
    belfiore: &str,
    cf_operatore: &str,
) -> IdentificazioneFlusso {
    IdentificazioneFlusso {
        nome: Some(nome.to_string()),
        ente: Ente {
            codice: Some(codice_ente.to_string()),
            denominazione: denominazione.map(str::to_string),
            indirizzo: Some(belfiore.to_string()),
            cf_operatore: Some(cf_operatore.to_string()),
        },
    }
}

/// Builder of a `Beneficiario` (PS-PSA-SINA, `siuss.md` §4.3).
#[derive(Debug, Clone, Default)]
pub struct CostruttoreBeneficiario {
    b: Beneficiario,
}

impl CostruttoreBeneficiario {
    /// Codice fiscale (upper-cased), surname and given name.
    pub fn new(codice_fiscale: &str, cognome: &str, nome: &str) -> Self {
        let mut b = Beneficiario {
            codice_fiscale: Some(codice_fiscale.trim().to_ascii_uppercase()),
            ..Beneficiario::default()
        };
        b.anagrafica.cognome = Some(cognome.to_string());
        b.anagrafica.nome = Some(nome.to_string());
        CostruttoreBeneficiario { b }
    }

    /// Birth year, Belfiore code of the birthplace, sex.
    pub fn nascita(mut self, anno: i32, luogo_belfiore: &str, genere: GenereInps) -> Self {
        let a: &mut Anagrafica = &mut self.b.anagrafica;
        a.anno_nascita = Some(format!("{anno:04}"));
        a.luogo_nascita = Some(luogo_belfiore.to_string());
        a.genere = Some(genere.code().to_string());
        self
    }

    /// Citizenship, ISO 3166 numeric (`990` not available).
    pub fn cittadinanza(mut self, iso_numerico: &str) -> Self {
        self.b.anagrafica.codice_cittadinanza = Some(iso_numerico.to_string());
        self
    }

    /// Second citizenship, ISO 3166 numeric.
    pub fn seconda_cittadinanza(mut self, iso_numerico: &str) -> Self {
        self.b.anagrafica.codice_seconda_cittadinanza = Some(iso_numerico.to_string());
        self
    }

    /// Adds an Italian residence (`CodiceNazione` 380): DM 1986 region and ISTAT comune.
    pub fn residenza_italia(mut self, regione_dm1986: &str, comune_istat: &str) -> Self {
        self.b.indirizzi.push(Indirizzo {
            codice_regione: Some(regione_dm1986.to_string()),
            codice_comune: Some(comune_istat.to_string()),
            codice_nazione: Some("380".into()),
        });
        self
    }

    /// Adds a foreign residence (ISO 3166 numeric).
    pub fn residenza_estero(mut self, nazione_iso_numerico: &str) -> Self {
        self.b.indirizzi.push(Indirizzo {
            codice_nazione: Some(nazione_iso_numerico.to_string()),
            ..Indirizzo::default()
        });
        self
    }

    /// Adds a prestazione.
    pub fn prestazione(mut self, prestazione: PrestazioniSociali) -> Self {
        self.b.prestazioni_sociali.push(prestazione);
        self
    }

    /// The element.
    pub fn costruisci(self) -> Beneficiario {
        self.b
    }
}

/// Builder of a `PrestazioniSociali` (`siuss.md` §4.4). `TipoOperazione` starts as `I`.
#[derive(Debug, Clone, Default)]
pub struct CostruttorePrestazione {
    p: PrestazioniSociali,
}

impl CostruttorePrestazione {
    /// The required attributes: INPS code, name, application protocol, means test, character.
    pub fn new(
        codice: &str,
        denominazione: &str,
        protocollo_domanda: &str,
        presenza_prova_mezzi: PresenzaProvaMezzi,
        carattere: CaratterePrestazione,
    ) -> Self {
        CostruttorePrestazione {
            p: PrestazioniSociali {
                tipo_operazione: Some(TipoOperazione::ALL[0].code().into()),
                presenza_prova_mezzi: Some(presenza_prova_mezzi.code().into()),
                carattere_prestazione: Some(carattere.code().into()),
                codice_prestazione: Some(codice.to_string()),
                denominazione_prestazione: Some(denominazione.to_string()),
                protocollo_domanda: Some(protocollo_domanda.to_string()),
                ..PrestazioniSociali::default()
            },
        }
    }

    /// `TipoOperazione` (`I` insert, `C` cancel).
    pub fn tipo_operazione(mut self, t: TipoOperazione) -> Self {
        self.p.tipo_operazione = Some(t.code().into());
        self
    }

    /// The three DSU attributes.
    pub fn dsu(mut self, numero: &str, anno: i32, data: NaiveDate) -> Self {
        self.p.numero_protocollo_dsu = Some(numero.to_string());
        self.p.anno_protocollo_dsu = Some(format!("{anno:04}"));
        self.p.data_dsu = Some(formatta_data(data));
        self
    }

    /// `DataEvento`.
    pub fn data_evento(mut self, data: NaiveDate) -> Self {
        self.p.data_evento = Some(formatta_data(data));
        self
    }

    /// `DataInizioPrestazione`, `DataFinePrestazione` and, when the end is in the same year,
    /// `PeriodoErogazione` (months, `siuss.md` §8.4).
    pub fn periodo(mut self, inizio: NaiveDate, fine: Option<NaiveDate>) -> Self {
        self.p.data_inizio_prestazione = Some(formatta_data(inizio));
        self.p.data_fine_prestazione = fine.map(formatta_data);
        self.p.periodo_erogazione = fine
            .filter(|f| f.year() == inizio.year() && *f >= inizio)
            .map(|f| (f.month() + 1 - inizio.month()).to_string());
        self
    }

    /// `PeriodoErogazione` explicitly (1–12).
    pub fn periodo_erogazione(mut self, mesi: u32) -> Self {
        self.p.periodo_erogazione = Some(mesi.to_string());
        self
    }

    /// `DataErogazionePrestazione`.
    pub fn data_erogazione(mut self, data: NaiveDate) -> Self {
        self.p.data_erogazione_prestazione = Some(formatta_data(data));
        self
    }

    /// `ImportoPrestazione` (two decimals).
    pub fn importo_prestazione(mut self, v: Decimal) -> Self {
        self.p.importo_prestazione = Some(formatta_importo(v));
        self
    }

    /// `ImportoMensile` (two decimals).
    pub fn importo_mensile(mut self, v: Decimal) -> Self {
        self.p.importo_mensile = Some(formatta_importo(v));
        self
    }

    /// `ImportoQuotaEnte`, `ImportoQuotaUtente`, `ImportoQuotaSSN` (two decimals; `None` omits).
    pub fn quote(
        mut self,
        ente: Option<Decimal>,
        utente: Option<Decimal>,
        ssn: Option<Decimal>,
    ) -> Self {
        self.p.importo_quota_ente = ente.map(formatta_importo);
        self.p.importo_quota_utente = utente.map(formatta_importo);
        self.p.importo_quota_ssn = ssn.map(formatta_importo);
        self
    }

    /// `ImportoQuotaRichiesta` (two decimals).
    pub fn importo_quota_richiesta(mut self, v: Decimal) -> Self {
        self.p.importo_quota_richiesta = Some(formatta_importo(v));
        self
    }

    /// `ImportoSogliaISEE` (two decimals).
    pub fn importo_soglia_isee(mut self, v: Decimal) -> Self {
        self.p.importo_soglia_isee = Some(formatta_importo(v));
        self
    }

    /// `OreServizioMensile` as `H.MM` (hours and minutes, `siuss.md` §4.5).
    pub fn ore_servizio_mensile(mut self, ore: u16, minuti: u8) -> Self {
        self.p.ore_servizio_mensile = Some(formatta_ore(ore, minuti));
        self
    }

    /// `PresaCarico` (`1` / `2`).
    pub fn presa_carico(mut self, presa: bool) -> Self {
        self.p.presa_carico = Some(if presa { "1" } else { "2" }.into());
        self
    }

    /// `AreaUtenza`.
    pub fn area_utenza(mut self, area: AreaUtenza) -> Self {
        self.p.area_utenza = Some(area.code().into());
        self
    }

    /// The SINA block.
    pub fn sina(mut self, sina: Sina) -> Self {
        self.p.sina = Some(sina);
        self
    }

    /// The element.
    pub fn costruisci(self) -> PrestazioniSociali {
        self.p
    }
}

/// Builder of a `SINA` block (`siuss.md` §4.6).
#[derive(Debug, Clone, Default)]
pub struct CostruttoreSina {
    s: Sina,
}

impl CostruttoreSina {
    /// The required attributes.
    pub fn new(
        mobilita: Mobilita,
        attivita_vita_quotidiana: AttivitaVitaQuotidiana,
        disturbi_comportamentali: DisturbiComportamentali,
        area_reddituale: AreaReddituale,
        area_supporto: AreaSupporto,
        fonte: FonteDerivazioneValutazione,
        strumento: StrumentoValutazione,
    ) -> Self {
        CostruttoreSina {
            s: Sina {
                mobilita: Some(mobilita.code().into()),
                attivita_vita_quotidiana: Some(attivita_vita_quotidiana.code().into()),
                disturbi_comportamentali: Some(disturbi_comportamentali.code().into()),
                area_reddituale: Some(area_reddituale.code().into()),
                area_supporto: Some(area_supporto.code().into()),
                fonte_derivazione_valutazione: Some(fonte.code().into()),
                strumento_valutazione: Some(strumento.code().into()),
                ..Sina::default()
            },
        }
    }

    /// `DisturbiAreaCognitiva`.
    pub fn disturbi_area_cognitiva(mut self, v: DisturbiAreaCognitiva) -> Self {
        self.s.disturbi_area_cognitiva = Some(v.code().into());
        self
    }

    /// `NecessitaCureSanitarie`.
    pub fn necessita_cure_sanitarie(mut self, v: NecessitaCureSanitarie) -> Self {
        self.s.necessita_cure_sanitarie = Some(v.code().into());
        self
    }

    /// `FonteDerivazioneInvalidita`.
    pub fn fonte_derivazione_invalidita(mut self, v: FonteDerivazioneInvalidita) -> Self {
        self.s.fonte_derivazione_invalidita = Some(v.code().into());
        self
    }

    /// Adds an `InvaliditaCivile/InvCiv` value.
    pub fn invalidita(mut self, v: InvCiv) -> Self {
        self.s
            .invalidita_civile
            .get_or_insert_with(InvaliditaCivile::default)
            .inv_civ
            .push(v.code().into());
        self
    }

    /// Adds a `NecessitaInterventiSociali/CodicePrestazione` (INPS prestazione code).
    pub fn necessita_intervento(mut self, codice: &str) -> Self {
        self.s
            .necessita_interventi_sociali
            .get_or_insert_with(NecessitaInterventiSociali::default)
            .codici_prestazione
            .push(codice.to_string());
        self
    }

    /// The element.
    pub fn costruisci(self) -> Sina {
        self.s
    }
}

/// Builder of a `SINBA` element (`siuss.md` §6.2). Start from the pseudonymous id (see
/// [`id_beneficiario_sinba`](crate::siuss::pseudonimo::id_beneficiario_sinba)); the other
/// attributes are set one by one.
#[derive(Debug, Clone, Default)]
pub struct CostruttoreSinba {
    s: Sinba,
}

fn si_no(b: bool) -> Option<String> {
    Some(if b { "1" } else { "2" }.into())
}

impl CostruttoreSinba {
    /// `IDBeneficiario`.
    pub fn new(id_beneficiario: &str) -> Self {
        CostruttoreSinba {
            s: Sinba {
                id_beneficiario: Some(id_beneficiario.to_string()),
                ..Sinba::default()
            },
        }
    }

    /// `MinoreStranieroNoAcc`, `CondizioneMinore`, `LuogoVita`, `ScuolaFrequentata`,
    /// `CondizioneLavoro`.
    pub fn condizione(
        mut self,
        straniero_non_accompagnato: bool,
        condizione: CondizioneMinore,
        luogo_vita: LuogoVita,
        scuola: ScuolaFrequentata,
        lavoro: CondizioneLavoro,
    ) -> Self {
        self.s.minore_straniero_no_acc = si_no(straniero_non_accompagnato);
        self.s.condizione_minore = Some(condizione.code().into());
        self.s.luogo_vita = Some(luogo_vita.code().into());
        self.s.scuola_frequentata = Some(scuola.code().into());
        self.s.condizione_lavoro = Some(lavoro.code().into());
        self
    }

    /// `Disabilita`, `TipoDisabilita`, `InvCivCertificazioni`.
    pub fn disabilita(
        mut self,
        disabilita: bool,
        tipo: Option<TipoDisabilita>,
        certificazioni: Option<InvCivCertificazioni>,
    ) -> Self {
        self.s.disabilita = si_no(disabilita);
        self.s.tipo_disabilita = tipo.map(|v| v.code().into());
        self.s.inv_civ_certificazioni = certificazioni.map(|v| v.code().into());
        self
    }

    /// Father's (`padre = true`) or mother's attributes: citizenship (ISO numeric), DM 1986
    /// region, education, occupation.
    pub fn genitore(
        mut self,
        padre: bool,
        cittadinanza: Option<&str>,
        regione_dm1986: Option<&str>,
        titolo_studio: Option<TitoloStudio>,
        occupazione: Option<Occupazione>,
    ) -> Self {
        let c = cittadinanza.map(str::to_string);
        let r = regione_dm1986.map(str::to_string);
        let t = titolo_studio.map(|v| v.code().to_string());
        let o = occupazione.map(|v| v.code().to_string());
        if padre {
            (
                self.s.codice_cittadinanza_padre,
                self.s.codice_regione_residenza_padre,
                self.s.titolo_studio_padre,
                self.s.occupazione_padre,
            ) = (c, r, t, o);
        } else {
            (
                self.s.codice_cittadinanza_madre,
                self.s.codice_regione_residenza_madre,
                self.s.titolo_studio_madre,
                self.s.occupazione_madre,
            ) = (c, r, t, o);
        }
        self
    }

    /// `DataPrimaSegnalazione` (`MM/YYYY`) and `FonteSegnalazione`.
    pub fn segnalazione(mut self, prima: MeseAnno, fonte: FonteSegnalazione) -> Self {
        self.s.data_prima_segnalazione = Some(formatta_mese_anno(prima));
        self.s.fonte_segnalazione = Some(fonte.code().into());
        self
    }

    /// `ValutazioneMinore`, `ValutazioneFamigliaMinore`.
    pub fn valutazione(
        mut self,
        minore: ValutazioneMinore,
        famiglia: ValutazioneFamigliaMinore,
    ) -> Self {
        self.s.valutazione_minore = Some(minore.code().into());
        self.s.valutazione_famiglia_minore = Some(famiglia.code().into());
        self
    }

    /// `SegnalazioneAutoritaGiudiziaria` and `DataSegnalazione`.
    pub fn segnalazione_autorita_giudiziaria(
        mut self,
        presente: bool,
        data: Option<MeseAnno>,
    ) -> Self {
        self.s.segnalazione_autorita_giudiziaria = si_no(presente);
        self.s.data_segnalazione = data.map(formatta_mese_anno);
        self
    }

    /// `ProvvedimentoGiudiziario` and its details.
    pub fn provvedimento_giudiziario(
        mut self,
        presente: bool,
        data: Option<MeseAnno>,
        autorita: Option<AutoritaProvvedimento>,
        potesta_tutela: Option<PotestaTutela>,
        tipo: Option<TipoProvvedimentoGiudiziario>,
    ) -> Self {
        self.s.provvedimento_giudiziario = si_no(presente);
        self.s.data_provvedimento_giudiziario = data.map(formatta_mese_anno);
        self.s.autorita_provvedimento = autorita.map(|v| v.code().into());
        self.s.potesta_tutela = potesta_tutela.map(|v| v.code().into());
        self.s.tipo_provvedimento_giudiziario = tipo.map(|v| v.code().into());
        self
    }

    /// Affido attributes.
    pub fn affido(
        mut self,
        forma: FormaInterventoAffido,
        tipo: TipoInterventoAffido,
        durata: Option<DurataAffido>,
        carattere: Option<CarattereAffido>,
        esito: Option<EsitoAffido>,
    ) -> Self {
        self.s.forma_intervento_affido = Some(forma.code().into());
        self.s.tipo_intervento_affido = Some(tipo.code().into());
        self.s.durata_affido = durata.map(|v| v.code().into());
        self.s.carattere_affido = carattere.map(|v| v.code().into());
        self.s.esito_affido = esito.map(|v| v.code().into());
        self
    }

    /// Residential placement attributes.
    pub fn inserimento_residenziale(
        mut self,
        carattere: CarattereInserimentoResidenziale,
        forma: Option<FormaInserimentoResidenziale>,
        tipo: Option<TipoInserimentoResidenziale>,
        esito: Option<EsitoInserimentoStruttura>,
    ) -> Self {
        self.s.carattere_inserimento_residenziale = Some(carattere.code().into());
        self.s.forma_inserimento_residenziale = forma.map(|v| v.code().into());
        self.s.tipo_inserimento_residenziale = tipo.map(|v| v.code().into());
        self.s.esito_inserimento_struttura = esito.map(|v| v.code().into());
        self
    }

    /// `MotivazioneChiusuraCarico`, `SituazioneChiusuraCarico`.
    pub fn chiusura(
        mut self,
        motivazione: MotivazioneChiusuraCarico,
        situazione: Option<SituazioneChiusuraCarico>,
    ) -> Self {
        self.s.motivazione_chiusura_carico = Some(motivazione.code().into());
        self.s.situazione_chiusura_carico = situazione.map(|v| v.code().into());
        self
    }

    /// `CollaborazioniInterventi`.
    pub fn collaborazioni(mut self, v: CollaborazioniInterventi) -> Self {
        self.s.collaborazioni_interventi = Some(v.code().into());
        self
    }

    /// `NumeroComponentiISEE`, `FasciaISEEBeneficiario`.
    pub fn isee(mut self, componenti: Option<u8>, fascia: Option<FasciaIseeBeneficiario>) -> Self {
        self.s.numero_componenti_isee = componenti.map(|n| n.to_string());
        self.s.fascia_isee_beneficiario = fascia.map(|v| v.code().into());
        self
    }

    /// `AnnoNascita` and `FasciaEtaBeneficiario` (see
    /// [`fascia_eta`](super::fascia_eta)).
    pub fn eta(mut self, anno_nascita: i32, fascia: FasciaEtaBeneficiario) -> Self {
        self.s.anno_nascita = Some(format!("{anno_nascita:04}"));
        self.s.fascia_eta_beneficiario = Some(fascia.code().into());
        self
    }

    /// Residence: ISO numeric nation and, for Italy, the DM 1986 region.
    pub fn residenza(mut self, nazione_iso_numerico: &str, regione_dm1986: Option<&str>) -> Self {
        self.s.codice_nazione_residenza = Some(nazione_iso_numerico.to_string());
        self.s.codice_regione_residenza = regione_dm1986.map(str::to_string);
        self
    }

    /// Adds a `Prestazioni/CodicePrestazione`.
    pub fn prestazione(mut self, codice: &str) -> Self {
        self.s
            .prestazioni
            .codici_prestazione
            .push(codice.to_string());
        self
    }

    /// Adds a `Famiglia/ComposizioneFamiglia` value.
    pub fn componente(mut self, v: ComposizioneFamiglia) -> Self {
        self.s.famiglia.composizione_famiglia.push(v.code().into());
        self
    }

    /// The element.
    pub fn costruisci(self) -> Sinba {
        self.s
    }
}
