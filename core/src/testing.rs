//! Proptest strategies for the whole canonical model (feature `testing`), reusable by codec
//! tests (canonical JSON, HL7 XML, INPS flows).
//!
//! Generated values are canonical: texts are trimmed and non-empty, dates are real calendar
//! dates, decimals are in canonical form, codici fiscali have a correct check character; empty
//! optional strings never appear. Collections hold at most two elements so that whole cartelle
//! stay small. Keep it in step with the model when a field is added.

#![allow(missing_docs)]

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::model::*;

/// Strategy for a struct from `field: strategy` pairs, each written once; values are drawn in the
/// listed order. The strategies are grouped in tuples of ten (proptest tuples stop at twelve):
/// `strategia!(T { a: sa, b: sb })` is `((sa, sb),).prop_map(|((a, b),)| T { a, b }).boxed()`.
macro_rules! strategia {
    ($tipo:ident { $($campo:ident: $s:expr),+ $(,)? }) => {
        strategia!(@gruppi [] $($s),+)
            .prop_map(|strategia!(@nomi [] $($campo),+)| $tipo { $($campo),+ })
            .boxed()
    };
    (@gruppi [$($g:tt)*]
        $s0:expr, $s1:expr, $s2:expr, $s3:expr, $s4:expr,
        $s5:expr, $s6:expr, $s7:expr, $s8:expr, $s9:expr, $($resto:expr),+) => {
        strategia!(@gruppi [$($g)* ($s0, $s1, $s2, $s3, $s4, $s5, $s6, $s7, $s8, $s9)]
            $($resto),+)
    };
    (@gruppi [$($g:tt)*] $($s:expr),+) => {
        ($($g,)* ($($s,)+),)
    };
    (@nomi [$($g:tt)*]
        $c0:ident, $c1:ident, $c2:ident, $c3:ident, $c4:ident,
        $c5:ident, $c6:ident, $c7:ident, $c8:ident, $c9:ident, $($resto:ident),+) => {
        strategia!(@nomi [$($g)* ($c0, $c1, $c2, $c3, $c4, $c5, $c6, $c7, $c8, $c9)] $($resto),+)
    };
    (@nomi [$($g:tt)*] $($c:ident),+) => {
        ($($g,)* ($($c,)+),)
    };
}

/// A collection of at most two elements (see the module documentation).
fn lista<S: Strategy>(s: S) -> proptest::collection::VecStrategy<S> {
    vec(s, 0..=2)
}

/// Any value of a closed list.
pub fn chiusa<T: ListaChiusa>() -> BoxedStrategy<T> {
    proptest::sample::select(T::ALL).boxed()
}

/// Short free string (identifiers, codes).
pub fn stringa() -> BoxedStrategy<String> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,11}".boxed()
}

/// Canonical `Testo`: trimmed, non-empty, NFC, no control characters.
pub fn testo() -> BoxedStrategy<Testo> {
    "[A-Za-z0-9àèéìòù]([A-Za-z0-9àèéìòù ,.'/-]{0,20}[A-Za-z0-9àèéìòù.])?"
        .prop_map(Testo::new)
        .boxed()
}

/// `Data` between 1900 and 2099.
pub fn data() -> BoxedStrategy<Data> {
    (1900i32..2100, 1u32..=12, 1u32..=31)
        .prop_filter_map("calendar date", |(y, m, d)| Data::from_ymd(y, m, d))
        .boxed()
}

/// `Istante` of any precision, with or without offset.
pub fn istante() -> BoxedStrategy<Istante> {
    (
        data(),
        0usize..7,
        (0u32..24, 0u32..60, 0u32..60),
        (1usize..=4, 0u32..10000),
        option::of((
            any::<bool>(),
            0u32..15,
            prop::sample::select(&[0u32, 30, 45][..]),
        )),
    )
        .prop_filter_map("istante", |(d, p, (h, mi, s), (nf, f), off)| {
            let d = d.to_string();
            let mut t = match p {
                0 => d[..4].to_string(),
                1 => d[..7].to_string(),
                2 => d,
                3 => format!("{d}T{h:02}"),
                4 => format!("{d}T{h:02}:{mi:02}"),
                5 => format!("{d}T{h:02}:{mi:02}:{s:02}"),
                _ => {
                    let frac = format!("{f:04}");
                    format!("{d}T{h:02}:{mi:02}:{s:02}.{}", &frac[..nf])
                }
            };
            if let (true, Some((neg, oh, om))) = (p >= 3, off) {
                t.push_str(&format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' }));
            }
            Istante::parse(&t).ok()
        })
        .boxed()
}

/// `MeseAnno` between 1900 and 2099.
pub fn mese_anno() -> BoxedStrategy<MeseAnno> {
    (1900i32..2100, 1u32..=12)
        .prop_filter_map("mese", |(y, m)| MeseAnno::new(y, m))
        .boxed()
}

/// Canonical `Decimale` (up to 12 integer digits, 0–4 decimals).
pub fn decimale() -> BoxedStrategy<Decimale> {
    (-1_000_000_000i64..1_000_000_000_000i64, 0u32..=4)
        .prop_filter_map("decimale", |(m, s)| {
            Decimale::from_decimal(Decimal::new(m, s))
        })
        .boxed()
}

/// Well-formed `Oid`.
pub fn oid() -> BoxedStrategy<Oid> {
    prop_oneof![
        Just(Oid::new("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.5")),
        "[0-2](\\.(0|[1-9][0-9]{0,4})){1,8}".prop_map(Oid::new),
    ]
    .boxed()
}

/// Check character of the first 15 characters of an alphanumeric codice fiscale.
fn carattere_controllo(s: &str) -> char {
    const DISPARI: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut somma = 0u32;
    for (i, c) in s.chars().enumerate() {
        let v = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - 'A' as u32
        };
        somma += if i % 2 == 0 { DISPARI[v as usize] } else { v };
    }
    char::from(b'A' + (somma % 26) as u8)
}

/// Codice fiscale with a correct check character (alphanumeric, occasionally numeric).
pub fn codice_fiscale() -> BoxedStrategy<CodiceFiscale> {
    prop_oneof![
        4 => "[A-Z]{6}[0-9]{2}[ABCDEHLMPRST][0-7][0-9][A-Z][0-9]{3}".prop_map(|s| {
            let c = carattere_controllo(&s);
            CodiceFiscale::new(format!("{s}{c}"))
        }),
        1 => "[0-9]{11}".prop_map(CodiceFiscale::new),
    ]
    .boxed()
}

/// `CodiceIstatComune`.
pub fn codice_istat_comune() -> BoxedStrategy<CodiceIstatComune> {
    "[0-9]{6}".prop_map(CodiceIstatComune::new).boxed()
}

/// `CodiceIstatRegione`.
pub fn codice_istat_regione() -> BoxedStrategy<CodiceIstatRegione> {
    "[0-2][0-9]".prop_map(CodiceIstatRegione::new).boxed()
}

/// `CodiceBelfiore`.
pub fn codice_belfiore() -> BoxedStrategy<CodiceBelfiore> {
    "[A-Z][0-9]{3}".prop_map(CodiceBelfiore::new).boxed()
}

/// `Iso3166Alpha2`.
pub fn iso3166_alpha2() -> BoxedStrategy<Iso3166Alpha2> {
    "[A-Z]{2}".prop_map(Iso3166Alpha2::new).boxed()
}

/// `Iso3166Numerico`.
pub fn iso3166_numerico() -> BoxedStrategy<Iso3166Numerico> {
    "[0-9]{3}".prop_map(Iso3166Numerico::new).boxed()
}

/// Vendor extensions: a small object of scalar values.
pub fn estensioni() -> BoxedStrategy<Estensioni> {
    let valore = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z ]{0,8}".prop_map(serde_json::Value::from),
        vec(any::<i32>(), 0..3).prop_map(serde_json::Value::from),
    ];
    proptest::collection::btree_map("[a-z_]{1,8}", valore, 0..3)
        .prop_map(|m| m.into_iter().collect::<Estensioni>())
        .boxed()
}

/// Strategy for [`Codice`].
pub fn codice() -> BoxedStrategy<Codice> {
    strategia!(Codice {
        code: stringa(),
        system: stringa(),
        display: option::of(testo()),
        system_version: option::of(stringa()),
    })
}

/// Strategy for [`Importo`].
pub fn importo() -> BoxedStrategy<Importo> {
    strategia!(Importo {
        amount: decimale(),
        currency: stringa(),
    })
}

/// Strategy for [`Identificatore`].
pub fn identificatore() -> BoxedStrategy<Identificatore> {
    strategia!(Identificatore {
        root: oid(),
        extension: option::of(stringa()),
    })
}

/// Strategy for [`Quantita`].
pub fn quantita() -> BoxedStrategy<Quantita> {
    strategia!(Quantita {
        value: decimale(),
        unit: option::of(stringa()),
    })
}

/// Strategy for [`Ente`].
pub fn ente() -> BoxedStrategy<Ente> {
    strategia!(Ente {
        id: identificatore(),
        denominazione: option::of(testo()),
        tipologia: option::of(codice()),
        codice_belfiore: option::of(codice_belfiore()),
        codice_istat_comune: option::of(codice_istat_comune()),
        codice_ente_inps: option::of(stringa()),
    })
}

/// Strategy for [`Persona`].
pub fn persona() -> BoxedStrategy<Persona> {
    strategia!(Persona {
        codice_fiscale: option::of(codice_fiscale()),
        altri_identificativi: lista(identificatore()),
        nome: option::of(testo()),
        cognome: option::of(testo()),
    })
}

/// Strategy for [`Operatore`].
pub fn operatore() -> BoxedStrategy<Operatore> {
    strategia!(Operatore {
        codice_fiscale: option::of(codice_fiscale()),
        altri_identificativi: lista(identificatore()),
        nome: option::of(testo()),
        cognome: option::of(testo()),
        profilo_professionale: option::of(codice()),
    })
}

/// Strategy for [`Assistito`].
pub fn assistito() -> BoxedStrategy<Assistito> {
    strategia!(Assistito {
        codice_fiscale: option::of(codice_fiscale()),
        altri_identificativi: lista(identificatore()),
        tessera_team: option::of(stringa()),
        nome: option::of(testo()),
        cognome: option::of(testo()),
        genere: option::of(chiusa::<Genere>()),
        data_nascita: option::of(data()),
        comune_nascita: option::of(codice()),
        stato_nascita: option::of(codice()),
        codice_belfiore_nascita: option::of(codice_belfiore()),
        stato_civile: option::of(codice()),
        titolo_studio: option::of(codice()),
        cittadinanza: option::of(codice()),
        seconda_cittadinanza: option::of(codice()),
        residenza: option::of(residenza()),
        domicilio: option::of(domicilio()),
        contatti: option::of(contatti()),
        documento_identita: option::of(documento_identita()),
        garanti: option::of(garanti()),
        mmg_pdf: option::of(persona()),
        assistenti_personali: lista(assistente_personale()),
        relazioni: lista(relazione()),
        deceduto: option::of(any::<bool>()),
        data_decesso: option::of(data()),
    })
}

/// Strategy for [`Residenza`].
pub fn residenza() -> BoxedStrategy<Residenza> {
    strategia!(Residenza {
        comune_istat: option::of(codice_istat_comune()),
        regione_istat: option::of(codice_istat_regione()),
        nazione_iso2: option::of(iso3166_alpha2()),
        codice_regione_dm1986: option::of(stringa()),
    })
}

/// Strategy for [`Domicilio`].
pub fn domicilio() -> BoxedStrategy<Domicilio> {
    strategia!(Domicilio {
        comune_istat: option::of(codice_istat_comune()),
    })
}

/// Strategy for [`Contatti`].
pub fn contatti() -> BoxedStrategy<Contatti> {
    strategia!(Contatti {
        telefono: option::of(stringa()),
        cellulare: option::of(stringa()),
        email: option::of(stringa()),
    })
}

/// Strategy for [`DocumentoIdentita`].
pub fn documento_identita() -> BoxedStrategy<DocumentoIdentita> {
    strategia!(DocumentoIdentita {
        tipo: option::of(codice()),
        estremi: option::of(stringa()),
    })
}

/// Strategy for [`Garanti`].
pub fn garanti() -> BoxedStrategy<Garanti> {
    strategia!(Garanti {
        ats: option::of(stringa()),
        asst: option::of(stringa()),
        ambito: option::of(stringa()),
    })
}

/// Strategy for [`AssistentePersonale`].
pub fn assistente_personale() -> BoxedStrategy<AssistentePersonale> {
    strategia!(AssistentePersonale {
        tipologia: option::of(codice()),
        codice_fiscale: option::of(codice_fiscale()),
        nome: option::of(testo()),
        cognome: option::of(testo()),
        genere: option::of(chiusa::<Genere>()),
        data_nascita: option::of(data()),
        comune_residenza_istat: option::of(codice_istat_comune()),
    })
}

/// Strategy for [`Relazione`].
pub fn relazione() -> BoxedStrategy<Relazione> {
    strategia!(Relazione {
        tipo_relazione: chiusa::<TipoRelazione>(),
        tipologia: codice(),
        codice_fiscale: option::of(codice_fiscale()),
        nome: option::of(testo()),
        cognome: option::of(testo()),
        genere: option::of(chiusa::<Genere>()),
        data_nascita: option::of(data()),
        comune_nascita_istat: option::of(codice_istat_comune()),
        comune_residenza_istat: option::of(codice_istat_comune()),
        caregiver: option::of(any::<bool>()),
    })
}

/// Strategy for [`ConsensoPrivacy`].
pub fn consenso_privacy() -> BoxedStrategy<ConsensoPrivacy> {
    strategia!(ConsensoPrivacy {
        ente: ente(),
        data_sottoscrizione: data(),
        finalita: option::of(testo()),
        revocato_il: option::of(data()),
    })
}

/// Strategy for [`ProcessoAiuto`].
pub fn processo_aiuto() -> BoxedStrategy<ProcessoAiuto> {
    strategia!(ProcessoAiuto {
        id_processo: stringa(),
        stato: option::of(chiusa::<StatoProcesso>()),
        ente_titolare: option::of(ente()),
        prese_in_carico: lista(presa_in_carico()),
        riapertura_di: option::of(stringa()),
        trasferimento: option::of(trasferimento()),
        ricevuto_da: option::of(ricezione()),
        fasi: lista(fase()),
        eventi: lista(evento_processo()),
        scheda_sinba: option::of(scheda_sinba()),
    })
}

/// Strategy for [`PresaInCarico`].
pub fn presa_in_carico() -> BoxedStrategy<PresaInCarico> {
    strategia!(PresaInCarico {
        data_inizio: data(),
        data_fine: option::of(data()),
        area_utenza_siuss: option::of(chiusa::<AreaUtenza>()),
    })
}

/// Strategy for [`Trasferimento`].
pub fn trasferimento() -> BoxedStrategy<Trasferimento> {
    strategia!(Trasferimento {
        data: data(),
        ente_destinatario: ente(),
        stessa_regione: any::<bool>(),
        id_messaggio: option::of(stringa()),
    })
}

/// Strategy for [`Ricezione`].
pub fn ricezione() -> BoxedStrategy<Ricezione> {
    strategia!(Ricezione {
        ente_mittente: ente(),
        data_ricezione: istante(),
        id_messaggio: identificatore(),
    })
}

/// Strategy for [`EventoProcesso`].
pub fn evento_processo() -> BoxedStrategy<EventoProcesso> {
    strategia!(EventoProcesso {
        tipo: chiusa::<TipoEvento>(),
        data: istante(),
        stato_da: option::of(chiusa::<StatoProcesso>()),
        stato_a: option::of(chiusa::<StatoProcesso>()),
        id_fase: option::of(stringa()),
        operatore: option::of(codice_fiscale()),
        nota: option::of(testo()),
    })
}

/// Strategy for [`Segnalazione`].
pub fn segnalazione() -> BoxedStrategy<Segnalazione> {
    strategia!(Segnalazione {
        data_segnalazione: option::of(istante()),
        bisogno_espresso: option::of(codice()),
        segnalante: option::of(persona()),
        ente_segnalante: option::of(ente_segnalante()),
    })
}

/// Strategy for [`EnteSegnalante`].
pub fn ente_segnalante() -> BoxedStrategy<EnteSegnalante> {
    strategia!(EnteSegnalante {
        codice: option::of(stringa()),
        tipologia: option::of(codice()),
        denominazione: option::of(testo()),
    })
}

/// Strategy for [`EnteRilevatore`].
pub fn ente_rilevatore() -> BoxedStrategy<EnteRilevatore> {
    strategia!(EnteRilevatore {
        codice: option::of(codice()),
        denominazione: option::of(testo()),
    })
}

/// Strategy for [`ProtocolloDsu`].
pub fn protocollo_dsu() -> BoxedStrategy<ProtocolloDsu> {
    strategia!(ProtocolloDsu {
        numero: stringa(),
        anno: stringa(),
        data: data(),
    })
}

/// Strategy for [`ProgettoIndividuale`].
pub fn progetto_individuale() -> BoxedStrategy<ProgettoIndividuale> {
    strategia!(ProgettoIndividuale {
        codice_progetto: option::of(stringa()),
        oggetto: option::of(testo()),
        data_inizio: option::of(istante()),
        data_fine: option::of(istante()),
        obiettivi: lista(obiettivo()),
        frequenza_prestazioni: option::of(codice()),
        servizio_sociale_professionale: option::of(codice()),
        integrazione_sanitaria: option::of(codice()),
        valore_progetto: option::of(importo()),
        compartecipazione_assistito: option::of(importo()),
        prestazioni_programmate: lista(prestazione()),
    })
}

/// Strategy for [`Obiettivo`].
pub fn obiettivo() -> BoxedStrategy<Obiettivo> {
    strategia!(Obiettivo {
        codice: codice(),
        tempistica_monitoraggio: option::of(quantita()),
        indicatore_esito: option::of(codice()),
    })
}

/// Strategy for [`Prestazione`].
pub fn prestazione() -> BoxedStrategy<Prestazione> {
    strategia!(Prestazione {
        codice: option::of(codice()),
        data_inizio: option::of(istante()),
        data_fine: option::of(istante()),
        operatore_erogante: option::of(operatore()),
        luogo: option::of(codice()),
    })
}

/// Strategy for [`Sospensione`].
pub fn sospensione() -> BoxedStrategy<Sospensione> {
    strategia!(Sospensione {
        data_inizio: istante(),
        data_fine: option::of(istante()),
        motivazione: option::of(codice()),
    })
}

/// Strategy for [`DatiSiussPrestazione`].
pub fn dati_siuss_prestazione() -> BoxedStrategy<DatiSiussPrestazione> {
    strategia!(DatiSiussPrestazione {
        codice_prestazione: option::of(stringa()),
        denominazione_prestazione: option::of(stringa()),
        presenza_prova_mezzi: option::of(chiusa::<PresenzaProvaMezzi>()),
        carattere_prestazione: option::of(chiusa::<CaratterePrestazione>()),
        protocollo_domanda: option::of(stringa()),
        data_evento: option::of(data()),
        data_erogazione: option::of(data()),
        importo_mensile: option::of(decimale()),
        importo_prestazione: option::of(decimale()),
        quota_ente: option::of(decimale()),
        quota_utente: option::of(decimale()),
        quota_ssn: option::of(decimale()),
        importo_quota_richiesta: option::of(decimale()),
        importo_soglia_isee: option::of(decimale()),
        ore_servizio_mensile: option::of(ore_servizio_mensile()),
        presa_in_carico: option::of(any::<bool>()),
        area_utenza: option::of(chiusa::<AreaUtenza>()),
        dsu: option::of(protocollo_dsu()),
        escludi: option::of(any::<bool>()),
    })
}

/// Strategy for [`OreServizioMensile`].
pub fn ore_servizio_mensile() -> BoxedStrategy<OreServizioMensile> {
    strategia!(OreServizioMensile {
        ore: 0u16..=744,
        minuti: 0u8..=59,
    })
}

/// Strategy for [`ValutazioneSina`].
pub fn valutazione_sina() -> BoxedStrategy<ValutazioneSina> {
    strategia!(ValutazioneSina {
        mobilita: option::of(chiusa::<Mobilita>()),
        attivita_vita_quotidiana: option::of(chiusa::<AttivitaVitaQuotidiana>()),
        disturbi_area_cognitiva: option::of(chiusa::<DisturbiAreaCognitiva>()),
        disturbi_comportamentali: option::of(chiusa::<DisturbiComportamentali>()),
        necessita_cure_sanitarie: option::of(chiusa::<NecessitaCureSanitarie>()),
        area_reddituale: option::of(chiusa::<AreaReddituale>()),
        area_supporto: option::of(chiusa::<AreaSupporto>()),
        fonte_derivazione_valutazione: option::of(chiusa::<FonteDerivazioneValutazione>()),
        strumento_valutazione: option::of(chiusa::<StrumentoValutazione>()),
        fonte_derivazione_invalidita: option::of(chiusa::<FonteDerivazioneInvalidita>()),
        invalidita_civile: lista(chiusa::<InvCiv>()),
        necessita_interventi_sociali: lista(stringa()),
    })
}

/// Strategy for [`SchedaSinba`].
pub fn scheda_sinba() -> BoxedStrategy<SchedaSinba> {
    strategia!(SchedaSinba {
        id_beneficiario: option::of(stringa()),
        minore_straniero_non_accompagnato: option::of(any::<bool>()),
        condizione_minore: option::of(chiusa::<CondizioneMinore>()),
        luogo_vita: option::of(chiusa::<LuogoVita>()),
        scuola_frequentata: option::of(chiusa::<ScuolaFrequentata>()),
        condizione_lavoro: option::of(chiusa::<CondizioneLavoro>()),
        disabilita: option::of(any::<bool>()),
        tipo_disabilita: option::of(chiusa::<TipoDisabilita>()),
        invciv_certificazioni: option::of(chiusa::<InvCivCertificazioni>()),
        padre: option::of(genitore_sinba()),
        madre: option::of(genitore_sinba()),
        data_prima_segnalazione: option::of(mese_anno()),
        fonte_segnalazione: option::of(chiusa::<FonteSegnalazione>()),
        valutazione_minore: option::of(chiusa::<ValutazioneMinore>()),
        valutazione_famiglia: option::of(chiusa::<ValutazioneFamigliaMinore>()),
        segnalazione_autorita_giudiziaria: option::of(segnalazione_autorita_giudiziaria_sinba()),
        provvedimento_giudiziario: option::of(provvedimento_giudiziario_sinba()),
        affido: option::of(affido_sinba()),
        inserimento_residenziale: option::of(inserimento_residenziale_sinba()),
        chiusura: option::of(chiusura_sinba()),
        collaborazioni_interventi: option::of(chiusa::<CollaborazioniInterventi>()),
        numero_componenti_isee: option::of(1u8..=9),
        fascia_isee: option::of(chiusa::<FasciaIseeBeneficiario>()),
        composizione_famiglia: lista(chiusa::<ComposizioneFamiglia>()),
        prestazioni: lista(stringa()),
    })
}

/// Strategy for [`GenitoreSinba`].
pub fn genitore_sinba() -> BoxedStrategy<GenitoreSinba> {
    strategia!(GenitoreSinba {
        codice_cittadinanza: option::of(iso3166_numerico()),
        codice_regione_residenza: option::of(stringa()),
        titolo_studio: option::of(chiusa::<TitoloStudio>()),
        occupazione: option::of(chiusa::<Occupazione>()),
    })
}

/// Strategy for [`SegnalazioneAutoritaGiudiziariaSinba`].
pub fn segnalazione_autorita_giudiziaria_sinba(
) -> BoxedStrategy<SegnalazioneAutoritaGiudiziariaSinba> {
    strategia!(SegnalazioneAutoritaGiudiziariaSinba {
        presente: any::<bool>(),
        data: option::of(mese_anno()),
    })
}

/// Strategy for [`ProvvedimentoGiudiziarioSinba`].
pub fn provvedimento_giudiziario_sinba() -> BoxedStrategy<ProvvedimentoGiudiziarioSinba> {
    strategia!(ProvvedimentoGiudiziarioSinba {
        presente: any::<bool>(),
        data: option::of(mese_anno()),
        autorita: option::of(chiusa::<AutoritaProvvedimento>()),
        potesta_tutela: option::of(chiusa::<PotestaTutela>()),
        tipo: option::of(chiusa::<TipoProvvedimentoGiudiziario>()),
    })
}

/// Strategy for [`AffidoSinba`].
pub fn affido_sinba() -> BoxedStrategy<AffidoSinba> {
    strategia!(AffidoSinba {
        forma: option::of(chiusa::<FormaInterventoAffido>()),
        tipo: option::of(chiusa::<TipoInterventoAffido>()),
        durata: option::of(chiusa::<DurataAffido>()),
        carattere: option::of(chiusa::<CarattereAffido>()),
        esito: option::of(chiusa::<EsitoAffido>()),
    })
}

/// Strategy for [`InserimentoResidenzialeSinba`].
pub fn inserimento_residenziale_sinba() -> BoxedStrategy<InserimentoResidenzialeSinba> {
    strategia!(InserimentoResidenzialeSinba {
        carattere: option::of(chiusa::<CarattereInserimentoResidenziale>()),
        forma: option::of(chiusa::<FormaInserimentoResidenziale>()),
        tipo: option::of(chiusa::<TipoInserimentoResidenziale>()),
        esito: option::of(chiusa::<EsitoInserimentoStruttura>()),
    })
}

/// Strategy for [`ChiusuraSinba`].
pub fn chiusura_sinba() -> BoxedStrategy<ChiusuraSinba> {
    strategia!(ChiusuraSinba {
        motivazione: option::of(chiusa::<MotivazioneChiusuraCarico>()),
        situazione: option::of(chiusa::<SituazioneChiusuraCarico>()),
    })
}

/// Strategy for [`Cartella`].
pub fn cartella() -> BoxedStrategy<Cartella> {
    strategia!(Cartella {
        versione_modello: Just(VersioneModello),
        id_cartella: stringa(),
        ente_titolare: ente(),
        assistito: assistito(),
        processi: lista(processo_aiuto()),
        consensi_privacy: lista(consenso_privacy()),
        estensioni: option::of(estensioni()),
    })
}

/// Strategy for [`MessaggioInterscambio`].
pub fn messaggio_interscambio() -> BoxedStrategy<MessaggioInterscambio> {
    strategia!(MessaggioInterscambio {
        versione_modello: Just(VersioneModello),
        id_messaggio: identificatore(),
        data_creazione: istante(),
        processing_code: stringa(),
        processing_mode_code: stringa(),
        accept_ack_code: stringa(),
        version_code: option::of(stringa()),
        mittente: identificatore(),
        destinatari: vec(identificatore(), 1..=2),
        cartella: cartella(),
    })
}

/// Strategy for [`RispostaInterscambio`].
pub fn risposta_interscambio() -> BoxedStrategy<RispostaInterscambio> {
    strategia!(RispostaInterscambio {
        versione_modello: Just(VersioneModello),
        id_messaggio: identificatore(),
        data_creazione: istante(),
        processing_code: stringa(),
        processing_mode_code: stringa(),
        accept_ack_code: stringa(),
        mittente: identificatore(),
        destinatari: vec(identificatore(), 1..=2),
        tipo_esito: chiusa::<TipoEsito>(),
        id_messaggio_riferito: identificatore(),
        dettagli: lista(dettaglio_esito()),
    })
}

/// Strategy for [`DettaglioEsito`].
pub fn dettaglio_esito() -> BoxedStrategy<DettaglioEsito> {
    strategia!(DettaglioEsito {
        tipo: option::of(chiusa::<TipoDettaglio>()),
        codice: option::of(codice()),
        testo: option::of(testo()),
        posizioni: lista(stringa()),
    })
}

/// Strategy for [`IntestazioneFase`].
pub fn intestazione_fase() -> BoxedStrategy<IntestazioneFase> {
    strategia!(IntestazioneFase {
        id_fase: stringa(),
        altri_id: lista(identificatore()),
        codice_fase: option::of(codice()),
        stato_fase: chiusa::<StatoFase>(),
        stato_fase_codice: option::of(stringa()),
        data_inizio: option::of(istante()),
        data_fine: option::of(istante()),
        esito: option::of(codice()),
        esito_processo: option::of(chiusa::<EsitoProcesso>()),
        annotazioni: option::of(testo()),
    })
}

/// Strategy for [`FaseAccesso`].
pub fn fase_accesso() -> BoxedStrategy<FaseAccesso> {
    strategia!(FaseAccesso {
        intestazione: intestazione_fase(),
        segnalazione: option::of(segnalazione()),
        tipologia_richiesta: option::of(codice()),
        modalita_contatto: option::of(codice()),
        ambito_intervento_richiesto: option::of(codice()),
        composizione_nucleo: option::of(codice()),
        numerosita_nucleo: option::of(codice()),
        numerosita_rete_sociale: option::of(codice()),
        provenienza: option::of(codice()),
        area_reddituale: option::of(codice()),
        dsu: option::of(codice()),
        tipologia_isee: option::of(codice()),
        valore_isee: option::of(importo()),
        occupazione: option::of(codice()),
        ente_rilevatore: option::of(ente_rilevatore()),
        dsu_protocollo: option::of(protocollo_dsu()),
    })
}

/// Strategy for [`FaseValutazioneBisogno`].
pub fn fase_valutazione_bisogno() -> BoxedStrategy<FaseValutazioneBisogno> {
    strategia!(FaseValutazioneBisogno {
        intestazione: intestazione_fase(),
        data_valutazione: option::of(istante()),
        responsabile_valutazione: option::of(operatore()),
        case_manager: option::of(operatore()),
        aree_intervento_sociale: lista(codice()),
        esenzioni_ticket: lista(codice()),
        struttura_sociosanitaria_in_carico: option::of(testo()),
        servizi_sociosanitari_erogati: option::of(testo()),
        invalidita: lista(codice()),
        indennita_frequenza: option::of(codice()),
        previdenze_inps: lista(codice()),
        assegno_pensione_invalidita: option::of(codice()),
        patologia_psichiatrica: option::of(codice()),
        patologie_correnti: option::of(testo()),
        portatore_protesi_ausili: option::of(codice()),
        protesi_ausili: lista(codice()),
        motivazione_affido: option::of(codice()),
        necessita_cure_sanitarie: option::of(codice()),
        necessita_interventi_sociosanitari: lista(codice()),
        necessita_interventi_sociali: lista(codice()),
        fonte_derivazione_valutazione: option::of(codice()),
        valutazione_sina: option::of(valutazione_sina()),
    })
}

/// Strategy for [`FaseProgettoIndividuale`].
pub fn fase_progetto_individuale() -> BoxedStrategy<FaseProgettoIndividuale> {
    strategia!(FaseProgettoIndividuale {
        intestazione: intestazione_fase(),
        responsabile_progetto: option::of(operatore()),
        responsabile_monitoraggio: option::of(operatore()),
        progetto: option::of(progetto_individuale()),
    })
}

/// Strategy for [`FaseErogazioneServizio`].
pub fn fase_erogazione_servizio() -> BoxedStrategy<FaseErogazioneServizio> {
    strategia!(FaseErogazioneServizio {
        intestazione: intestazione_fase(),
        struttura_fuori_rete: option::of(testo()),
        udo_sociale: option::of(codice()),
        soggetto_erogatore: option::of(codice()),
        modalita_erogazione: option::of(codice()),
        area_intervento_sociale: option::of(codice()),
        servizio_erogato: option::of(codice()),
        data_attivazione: option::of(istante()),
        data_conclusione: option::of(istante()),
        sospensioni: lista(sospensione()),
        valore_mensile_buono: option::of(importo()),
        tipologia_voucher: option::of(codice()),
        valore_voucher: option::of(importo()),
        importo_erogato: option::of(importo()),
        riprogrammazione_risorse: option::of(importo()),
        prestazioni_erogate: lista(prestazione()),
        stato_intervento: option::of(chiusa::<StatoIntervento>()),
        siuss: option::of(dati_siuss_prestazione()),
    })
}

/// Strategy for [`FaseValutazioneFinale`].
pub fn fase_valutazione_finale() -> BoxedStrategy<FaseValutazioneFinale> {
    strategia!(FaseValutazioneFinale {
        intestazione: intestazione_fase(),
        responsabile_chiusura: option::of(operatore()),
        data_chiusura_progetto: option::of(istante()),
        data_valutazione_finale: option::of(istante()),
        valutazione_finale: option::of(testo()),
        motivazione_chiusura: option::of(codice()),
        risorse_economiche_finali: option::of(importo()),
        risultati_raggiunti: option::of(testo()),
        risultati_non_raggiunti: option::of(testo()),
        nuovo_progetto: option::of(codice()),
    })
}

/// Strategy for [`Fase`] (any kind).
pub fn fase() -> BoxedStrategy<Fase> {
    prop_oneof![
        fase_accesso().prop_map(Fase::Accesso),
        fase_valutazione_bisogno().prop_map(Fase::ValutazioneBisogno),
        fase_progetto_individuale().prop_map(Fase::ProgettoIndividuale),
        fase_erogazione_servizio().prop_map(Fase::ErogazioneServizio),
        fase_valutazione_finale().prop_map(Fase::ValutazioneFinale),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// INPS flows (`siuss.md` §4, §6): XSD-valid typed flows for the XML codec tests
// ---------------------------------------------------------------------------------------------

pub use strategie_siuss::{
    beneficiario_siuss, flusso_ps, flusso_sinba, identificazione_flusso, sinba_siuss,
};

/// Strategies for the typed INPS flows. Every generated flow is valid against its XSD
/// (`PS_PSA_SINA201812.xsd`, `SINBA.xsd`): enumerations, patterns, lengths, `xs:date`,
/// `xs:decimal`, `xs:int` ranges, occurrence bounds; optional SINA containers are absent or
/// non-empty. Free texts include characters that need escaping and XML whitespace.
mod strategie_siuss {
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;

    use crate::siuss::flusso::*;

    /// An enumeration value `1`..=`n`.
    fn enumerato(n: u8) -> BoxedStrategy<String> {
        (1..=n).prop_map(|v| v.to_string()).boxed()
    }

    fn opz(s: BoxedStrategy<String>) -> BoxedStrategy<Option<String>> {
        option::of(s).boxed()
    }

    /// Free text of `min..=max` characters, with characters to escape and XML whitespace.
    fn testo_libero(min: usize, max: usize) -> BoxedStrategy<String> {
        vec(
            prop_oneof![
                6 => proptest::char::range('a', 'z'),
                2 => proptest::char::range('A', 'Z'),
                1 => proptest::sample::select(vec![
                    ' ', '&', '<', '>', '"', '\'', 'è', 'à', 'ß', '€', '\t', '\n', '\r', '.', '/',
                ]),
            ],
            min..=max,
        )
        .prop_map(|c| c.into_iter().collect())
        .boxed()
    }

    fn cifre(n: usize) -> BoxedStrategy<String> {
        proptest::string::string_regex(&format!("[0-9]{{{n}}}"))
            .map(|s| s.boxed())
            .unwrap_or_else(|_| Just("0".repeat(n)).boxed())
    }

    fn regex(r: &str) -> BoxedStrategy<String> {
        proptest::string::string_regex(r)
            .map(|s| s.boxed())
            .unwrap_or_else(|_| Just(String::new()).boxed())
    }

    /// `CodiceFiscale` / `CFOperatore` pattern (16 characters, or 11 digits and 0–5 spaces).
    fn cf() -> BoxedStrategy<String> {
        prop_oneof![
            4 => regex("[A-Z]{6}[0-9]{2}[A-Za-z][0-9]{2}[A-Z][A-Z0-9]{3}[A-Z]"),
            1 => regex("[0-9]{11} {0,5}"),
        ]
        .boxed()
    }

    fn data() -> BoxedStrategy<String> {
        (1990u32..=2030, 1u32..=12, 1u32..=28)
            .prop_map(|(a, m, g)| format!("{a:04}-{m:02}-{g:02}"))
            .boxed()
    }

    fn decimale() -> BoxedStrategy<String> {
        regex("-?[0-9]{1,6}(\\.[0-9]{1,2})?")
    }

    fn mese_anno() -> BoxedStrategy<String> {
        (1u32..=12, 1900u32..=2099)
            .prop_map(|(m, a)| format!("{m:02}/{a}"))
            .boxed()
    }

    fn codice_prestazione() -> BoxedStrategy<String> {
        regex("[A-Z][0-9]\\.[0-9]{2}(\\.[0-9]{2})?")
    }

    /// Strategy for [`IdentificazioneFlusso`].
    pub fn identificazione_flusso() -> BoxedStrategy<IdentificazioneFlusso> {
        (
            regex("[A-Z][0-9]{3}\\.(PS|SINBA)\\.[0-9]{8}\\.[0-9]{7}"),
            testo_libero(1, 32),
            opz(testo_libero(1, 100)),
            regex("[A-Z][0-9]{3}"),
            cf(),
        )
            .prop_map(
                |(nome, codice, denominazione, indirizzo, cf)| IdentificazioneFlusso {
                    nome: Some(nome),
                    ente: Ente {
                        codice: Some(codice),
                        denominazione,
                        indirizzo: Some(indirizzo),
                        cf_operatore: Some(cf),
                    },
                },
            )
            .boxed()
    }

    fn anagrafica() -> BoxedStrategy<Anagrafica> {
        (
            testo_libero(1, 36),
            testo_libero(1, 36),
            cifre(4),
            regex("[A-Z][0-9]{3}"),
            enumerato(2),
            cifre(3),
            opz(cifre(3)),
        )
            .prop_map(
                |(cognome, nome, anno, luogo, genere, citt, citt2)| Anagrafica {
                    cognome: Some(cognome),
                    nome: Some(nome),
                    anno_nascita: Some(anno),
                    luogo_nascita: Some(luogo),
                    genere: Some(genere),
                    codice_cittadinanza: Some(citt),
                    codice_seconda_cittadinanza: citt2,
                },
            )
            .boxed()
    }

    fn indirizzo() -> BoxedStrategy<Indirizzo> {
        (opz(cifre(2)), opz(cifre(6)), cifre(3))
            .prop_map(|(r, c, n)| Indirizzo {
                codice_regione: r,
                codice_comune: c,
                codice_nazione: Some(n),
            })
            .boxed()
    }

    fn sina() -> BoxedStrategy<Sina> {
        (
            (
                enumerato(3),
                enumerato(3),
                opz(enumerato(3)),
                enumerato(2),
                opz(enumerato(3)),
                enumerato(3),
                enumerato(3),
                enumerato(4),
                enumerato(7),
                opz(enumerato(2)),
            ),
            option::of(vec(codice_prestazione(), 1..=3)),
            option::of(vec(enumerato(8), 1..=3)),
        )
            .prop_map(|((a, b, c, d, e, f, g, h, i, j), nec, inv)| Sina {
                mobilita: Some(a),
                attivita_vita_quotidiana: Some(b),
                disturbi_area_cognitiva: c,
                disturbi_comportamentali: Some(d),
                necessita_cure_sanitarie: e,
                area_reddituale: Some(f),
                area_supporto: Some(g),
                fonte_derivazione_valutazione: Some(h),
                strumento_valutazione: Some(i),
                fonte_derivazione_invalidita: j,
                necessita_interventi_sociali: nec
                    .map(|codici_prestazione| NecessitaInterventiSociali { codici_prestazione }),
                invalidita_civile: inv.map(|inv_civ| InvaliditaCivile { inv_civ }),
            })
            .boxed()
    }

    fn prestazione() -> BoxedStrategy<PrestazioniSociali> {
        (
            (
                opz(prop_oneof![Just("I".to_string()), Just("C".to_string())].boxed()),
                enumerato(4),
                opz(enumerato(2)),
                opz(testo_libero(0, 30)),
                opz(cifre(4)),
                opz(data()),
                codice_prestazione(),
                testo_libero(10, 60),
                testo_libero(1, 32),
                opz(data()),
            ),
            (
                opz(data()),
                opz(data()),
                opz(data()),
                opz(decimale()),
                opz((1u8..=12).prop_map(|v| v.to_string()).boxed()),
                opz(decimale()),
                opz(decimale()),
                opz(decimale()),
                opz(decimale()),
                opz(decimale()),
            ),
            (
                opz(decimale()),
                opz(regex("[0-9]{1,3}\\.[0-5][0-9]")),
                enumerato(2),
                opz(enumerato(3)),
                option::of(sina()),
            ),
        )
            .prop_map(
                |(
                    (a, b, c, d, e, f, g, h, i, j),
                    (k, l, m, n, o, p, q, r, s, t),
                    (u, v, w, x, sina),
                )| {
                    PrestazioniSociali {
                        tipo_operazione: a,
                        presenza_prova_mezzi: Some(b),
                        carattere_prestazione: c,
                        numero_protocollo_dsu: d,
                        anno_protocollo_dsu: e,
                        data_dsu: f,
                        codice_prestazione: Some(g),
                        denominazione_prestazione: Some(h),
                        protocollo_domanda: Some(i),
                        data_evento: j,
                        data_inizio_prestazione: k,
                        data_fine_prestazione: l,
                        data_erogazione_prestazione: m,
                        importo_prestazione: n,
                        periodo_erogazione: o,
                        importo_mensile: p,
                        importo_quota_ente: q,
                        importo_quota_utente: r,
                        importo_quota_ssn: s,
                        importo_quota_richiesta: t,
                        importo_soglia_isee: u,
                        ore_servizio_mensile: v,
                        presa_carico: Some(w),
                        area_utenza: x,
                        sina,
                    }
                },
            )
            .boxed()
    }

    /// Strategy for [`Beneficiario`] (1–5 `Indirizzo`, 1–3 `PrestazioniSociali`).
    pub fn beneficiario_siuss() -> BoxedStrategy<Beneficiario> {
        (
            cf(),
            anagrafica(),
            vec(indirizzo(), 1..=5),
            vec(prestazione(), 1..=3),
        )
            .prop_map(
                |(cf, anagrafica, indirizzi, prestazioni_sociali)| Beneficiario {
                    codice_fiscale: Some(cf),
                    anagrafica,
                    indirizzi,
                    prestazioni_sociali,
                },
            )
            .boxed()
    }

    /// Strategy for an XSD-valid [`FlussoPsPsaSina`] (1–3 beneficiaries).
    pub fn flusso_ps() -> BoxedStrategy<FlussoPsPsaSina> {
        (identificazione_flusso(), vec(beneficiario_siuss(), 1..=3))
            .prop_map(|(identificazione_flusso, beneficiari)| FlussoPsPsaSina {
                identificazione_flusso,
                beneficiari,
            })
            .boxed()
    }

    /// Strategy for [`Sinba`] (every attribute drawn from its XSD type).
    pub fn sinba_siuss() -> BoxedStrategy<Sinba> {
        // (attribute, strategy, required) in XSD order.
        let attributi: Vec<(&'static str, BoxedStrategy<String>, bool)> = vec![
            ("IDBeneficiario", regex("[A-Za-z0-9_-]{1,20}"), true),
            ("MinoreStranieroNoAcc", enumerato(2), true),
            ("CondizioneMinore", enumerato(5), true),
            ("LuogoVita", enumerato(8), true),
            ("ScuolaFrequentata", enumerato(8), true),
            ("CondizioneLavoro", enumerato(4), true),
            ("Disabilita", enumerato(2), true),
            ("TipoDisabilita", enumerato(4), false),
            ("InvCivCertificazioni", enumerato(5), false),
            ("CodiceCittadinanzaPadre", cifre(3), false),
            ("CodiceCittadinanzaMadre", cifre(3), false),
            ("CodiceRegioneResidenzaPadre", cifre(2), false),
            ("CodiceRegioneResidenzaMadre", cifre(2), false),
            ("TitoloStudioPadre", enumerato(6), false),
            ("TitoloStudioMadre", enumerato(6), false),
            ("OccupazionePadre", enumerato(8), false),
            ("OccupazioneMadre", enumerato(8), false),
            ("DataPrimaSegnalazione", mese_anno(), true),
            ("FonteSegnalazione", enumerato(14), true),
            ("ValutazioneMinore", enumerato(13), true),
            ("ValutazioneFamigliaMinore", enumerato(13), true),
            ("SegnalazioneAutoritaGiudiziaria", enumerato(2), true),
            ("DataSegnalazione", mese_anno(), false),
            ("ProvvedimentoGiudiziario", enumerato(2), true),
            ("DataProvvedimentoGiudiziario", mese_anno(), false),
            ("AutoritaProvvedimento", enumerato(4), false),
            ("PotestaTutela", enumerato(5), false),
            ("TipoProvvedimentoGiudiziario", enumerato(8), false),
            ("FormaInterventoAffido", enumerato(2), false),
            ("TipoInterventoAffido", enumerato(2), false),
            ("DurataAffido", enumerato(2), false),
            ("CarattereAffido", enumerato(2), false),
            ("EsitoAffido", enumerato(9), false),
            ("CarattereInserimentoResidenziale", enumerato(10), false),
            ("FormaInserimentoResidenziale", enumerato(2), false),
            ("TipoInserimentoResidenziale", enumerato(2), false),
            ("EsitoInserimentoStruttura", enumerato(9), false),
            ("MotivazioneChiusuraCarico", enumerato(9), false),
            ("SituazioneChiusuraCarico", enumerato(8), false),
            ("CollaborazioniInterventi", enumerato(9), false),
            ("NumeroComponentiISEE", enumerato(9), false),
            ("FasciaEtaBeneficiario", enumerato(6), true),
            ("FasciaISEEBeneficiario", enumerato(8), false),
            ("AnnoNascita", cifre(4), true),
            ("CodiceRegioneResidenza", cifre(2), false),
            ("CodiceNazioneResidenza", cifre(3), true),
        ];
        let nomi: Vec<&'static str> = attributi.iter().map(|(n, _, _)| *n).collect();
        let valori: Vec<BoxedStrategy<Option<String>>> = attributi
            .into_iter()
            .map(|(_, s, obbligatorio)| {
                if obbligatorio {
                    s.prop_map(Some).boxed()
                } else {
                    opz(s)
                }
            })
            .collect();
        (
            valori,
            vec(codice_prestazione(), 1..=3),
            vec(enumerato(6), 1..=3),
        )
            .prop_map(move |(valori, codici_prestazione, composizione_famiglia)| {
                let mut s = Sinba {
                    prestazioni: PrestazioniSinba { codici_prestazione },
                    famiglia: Famiglia {
                        composizione_famiglia,
                    },
                    ..Default::default()
                };
                for (nome, valore) in nomi.iter().zip(valori) {
                    s.imposta(nome, valore);
                }
                s
            })
            .boxed()
    }

    /// Strategy for an XSD-valid [`FlussoSinba`] (1–3 items).
    pub fn flusso_sinba() -> BoxedStrategy<FlussoSinba> {
        (identificazione_flusso(), vec(sinba_siuss(), 1..=3))
            .prop_map(|(identificazione_flusso, sinba)| FlussoSinba {
                identificazione_flusso,
                sinba,
            })
            .boxed()
    }
}

/// Deterministic INPS flow items for benchmarks and large-file tests (no randomness): valid
/// against the XSD and every flow rule, distinct per index.
pub mod campioni_siuss {
    use crate::siuss::{
        Anagrafica, Beneficiario, Ente, IdentificazioneFlusso, Indirizzo, PrestazioniSociali,
    };

    const CONSONANTI: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    /// A valid codice fiscale of a woman born on 1 August 1985 in Milano (F205) whose six name
    /// letters encode `i` in base 20 over the consonants (distinct for `i` < 64 million).
    pub fn codice_fiscale(mut i: u64) -> String {
        let mut lettere = [b'B'; 6];
        for l in lettere.iter_mut().rev() {
            *l = CONSONANTI[(i % 20) as usize];
            i /= 20;
        }
        let mut cf: String = lettere.iter().map(|&b| char::from(b)).collect();
        cf.push_str("85M41F205");
        if let Some(c) = crate::cf::carattere_controllo(&cf) {
            cf.push(c);
        }
        cf
    }

    /// The header of a PS-PSA-SINA flow of the Comune di Milano created on 1 July 2024.
    pub fn identificazione() -> IdentificazioneFlusso {
        IdentificazioneFlusso {
            nome: s("F205.PS.20240701.0000001"),
            ente: Ente {
                codice: s("F205"),
                denominazione: s("Comune di Milano"),
                indirizzo: s("F205"),
                cf_operatore: Some(codice_fiscale(u64::from(u32::MAX))),
            },
        }
    }

    /// Beneficiary `i`: one periodic prestazione (January–June 2024, 150.00 a month, quotas
    /// summing to it), resident in Milano.
    pub fn beneficiario(i: u64) -> Beneficiario {
        Beneficiario {
            codice_fiscale: Some(codice_fiscale(i)),
            anagrafica: Anagrafica {
                cognome: s("Bianchi"),
                nome: s("Laura"),
                anno_nascita: s("1985"),
                luogo_nascita: s("F205"),
                genere: s("2"),
                codice_cittadinanza: s("380"),
                codice_seconda_cittadinanza: None,
            },
            indirizzi: vec![Indirizzo {
                codice_regione: s("03"),
                codice_comune: s("015146"),
                codice_nazione: s("380"),
            }],
            prestazioni_sociali: vec![PrestazioniSociali {
                tipo_operazione: s("I"),
                presenza_prova_mezzi: s("2"),
                carattere_prestazione: s("1"),
                codice_prestazione: s("A1.01"),
                denominazione_prestazione: s("Assegno per il nucleo familiare erogati dai comuni"),
                protocollo_domanda: Some(format!("PROT-2024-{i:08}")),
                data_inizio_prestazione: s("2024-01-01"),
                data_fine_prestazione: s("2024-06-30"),
                periodo_erogazione: s("6"),
                importo_mensile: s("150.00"),
                importo_quota_ente: s("120.00"),
                importo_quota_utente: s("30.00"),
                presa_carico: s("2"),
                ..PrestazioniSociali::default()
            }],
        }
    }
}
