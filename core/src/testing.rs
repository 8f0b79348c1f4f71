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
    ((
        stringa(),
        stringa(),
        option::of(testo()),
        option::of(stringa()),
    ),)
        .prop_map(|((code, system, display, system_version),)| Codice {
            code,
            system,
            display,
            system_version,
        })
        .boxed()
}

/// Strategy for [`Importo`].
pub fn importo() -> BoxedStrategy<Importo> {
    ((decimale(), stringa()),)
        .prop_map(|((amount, currency),)| Importo { amount, currency })
        .boxed()
}

/// Strategy for [`Identificatore`].
pub fn identificatore() -> BoxedStrategy<Identificatore> {
    ((oid(), option::of(stringa())),)
        .prop_map(|((root, extension),)| Identificatore { root, extension })
        .boxed()
}

/// Strategy for [`Quantita`].
pub fn quantita() -> BoxedStrategy<Quantita> {
    ((decimale(), option::of(stringa())),)
        .prop_map(|((value, unit),)| Quantita { value, unit })
        .boxed()
}

/// Strategy for [`Ente`].
pub fn ente() -> BoxedStrategy<Ente> {
    ((
        identificatore(),
        option::of(testo()),
        option::of(codice()),
        option::of(codice_belfiore()),
        option::of(codice_istat_comune()),
        option::of(stringa()),
    ),)
        .prop_map(
            |((
                id,
                denominazione,
                tipologia,
                codice_belfiore,
                codice_istat_comune,
                codice_ente_inps,
            ),)| Ente {
                id,
                denominazione,
                tipologia,
                codice_belfiore,
                codice_istat_comune,
                codice_ente_inps,
            },
        )
        .boxed()
}

/// Strategy for [`Persona`].
pub fn persona() -> BoxedStrategy<Persona> {
    ((
        option::of(codice_fiscale()),
        vec(identificatore(), 0..=2),
        option::of(testo()),
        option::of(testo()),
    ),)
        .prop_map(
            |((codice_fiscale, altri_identificativi, nome, cognome),)| Persona {
                codice_fiscale,
                altri_identificativi,
                nome,
                cognome,
            },
        )
        .boxed()
}

/// Strategy for [`Operatore`].
pub fn operatore() -> BoxedStrategy<Operatore> {
    ((
        option::of(codice_fiscale()),
        vec(identificatore(), 0..=2),
        option::of(testo()),
        option::of(testo()),
        option::of(codice()),
    ),)
        .prop_map(
            |((codice_fiscale, altri_identificativi, nome, cognome, profilo_professionale),)| {
                Operatore {
                    codice_fiscale,
                    altri_identificativi,
                    nome,
                    cognome,
                    profilo_professionale,
                }
            },
        )
        .boxed()
}

/// Strategy for [`Assistito`].
pub fn assistito() -> BoxedStrategy<Assistito> {
    (
        (
            option::of(codice_fiscale()),
            vec(identificatore(), 0..=2),
            option::of(stringa()),
            option::of(testo()),
            option::of(testo()),
            option::of(chiusa::<Genere>()),
            option::of(data()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice_belfiore()),
        ),
        (
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(residenza()),
            option::of(domicilio()),
            option::of(contatti()),
            option::of(documento_identita()),
            option::of(garanti()),
            option::of(persona()),
        ),
        (
            vec(assistente_personale(), 0..=2),
            vec(relazione(), 0..=2),
            option::of(any::<bool>()),
            option::of(data()),
        ),
    )
        .prop_map(
            |(
                (
                    codice_fiscale,
                    altri_identificativi,
                    tessera_team,
                    nome,
                    cognome,
                    genere,
                    data_nascita,
                    comune_nascita,
                    stato_nascita,
                    codice_belfiore_nascita,
                ),
                (
                    stato_civile,
                    titolo_studio,
                    cittadinanza,
                    seconda_cittadinanza,
                    residenza,
                    domicilio,
                    contatti,
                    documento_identita,
                    garanti,
                    mmg_pdf,
                ),
                (assistenti_personali, relazioni, deceduto, data_decesso),
            )| Assistito {
                codice_fiscale,
                altri_identificativi,
                tessera_team,
                nome,
                cognome,
                genere,
                data_nascita,
                comune_nascita,
                stato_nascita,
                codice_belfiore_nascita,
                stato_civile,
                titolo_studio,
                cittadinanza,
                seconda_cittadinanza,
                residenza,
                domicilio,
                contatti,
                documento_identita,
                garanti,
                mmg_pdf,
                assistenti_personali,
                relazioni,
                deceduto,
                data_decesso,
            },
        )
        .boxed()
}

/// Strategy for [`Residenza`].
pub fn residenza() -> BoxedStrategy<Residenza> {
    ((
        option::of(codice_istat_comune()),
        option::of(codice_istat_regione()),
        option::of(iso3166_alpha2()),
        option::of(stringa()),
    ),)
        .prop_map(
            |((comune_istat, regione_istat, nazione_iso2, codice_regione_dm1986),)| Residenza {
                comune_istat,
                regione_istat,
                nazione_iso2,
                codice_regione_dm1986,
            },
        )
        .boxed()
}

/// Strategy for [`Domicilio`].
pub fn domicilio() -> BoxedStrategy<Domicilio> {
    ((option::of(codice_istat_comune()),),)
        .prop_map(|((comune_istat,),)| Domicilio { comune_istat })
        .boxed()
}

/// Strategy for [`Contatti`].
pub fn contatti() -> BoxedStrategy<Contatti> {
    ((
        option::of(stringa()),
        option::of(stringa()),
        option::of(stringa()),
    ),)
        .prop_map(|((telefono, cellulare, email),)| Contatti {
            telefono,
            cellulare,
            email,
        })
        .boxed()
}

/// Strategy for [`DocumentoIdentita`].
pub fn documento_identita() -> BoxedStrategy<DocumentoIdentita> {
    ((option::of(codice()), option::of(stringa())),)
        .prop_map(|((tipo, estremi),)| DocumentoIdentita { tipo, estremi })
        .boxed()
}

/// Strategy for [`Garanti`].
pub fn garanti() -> BoxedStrategy<Garanti> {
    ((
        option::of(stringa()),
        option::of(stringa()),
        option::of(stringa()),
    ),)
        .prop_map(|((ats, asst, ambito),)| Garanti { ats, asst, ambito })
        .boxed()
}

/// Strategy for [`AssistentePersonale`].
pub fn assistente_personale() -> BoxedStrategy<AssistentePersonale> {
    ((
        option::of(codice()),
        option::of(codice_fiscale()),
        option::of(testo()),
        option::of(testo()),
        option::of(chiusa::<Genere>()),
        option::of(data()),
        option::of(codice_istat_comune()),
    ),)
        .prop_map(
            |((
                tipologia,
                codice_fiscale,
                nome,
                cognome,
                genere,
                data_nascita,
                comune_residenza_istat,
            ),)| AssistentePersonale {
                tipologia,
                codice_fiscale,
                nome,
                cognome,
                genere,
                data_nascita,
                comune_residenza_istat,
            },
        )
        .boxed()
}

/// Strategy for [`Relazione`].
pub fn relazione() -> BoxedStrategy<Relazione> {
    ((
        chiusa::<TipoRelazione>(),
        codice(),
        option::of(codice_fiscale()),
        option::of(testo()),
        option::of(testo()),
        option::of(chiusa::<Genere>()),
        option::of(data()),
        option::of(codice_istat_comune()),
        option::of(codice_istat_comune()),
        option::of(any::<bool>()),
    ),)
        .prop_map(
            |((
                tipo_relazione,
                tipologia,
                codice_fiscale,
                nome,
                cognome,
                genere,
                data_nascita,
                comune_nascita_istat,
                comune_residenza_istat,
                caregiver,
            ),)| Relazione {
                tipo_relazione,
                tipologia,
                codice_fiscale,
                nome,
                cognome,
                genere,
                data_nascita,
                comune_nascita_istat,
                comune_residenza_istat,
                caregiver,
            },
        )
        .boxed()
}

/// Strategy for [`ConsensoPrivacy`].
pub fn consenso_privacy() -> BoxedStrategy<ConsensoPrivacy> {
    ((ente(), data(), option::of(testo()), option::of(data())),)
        .prop_map(
            |((ente, data_sottoscrizione, finalita, revocato_il),)| ConsensoPrivacy {
                ente,
                data_sottoscrizione,
                finalita,
                revocato_il,
            },
        )
        .boxed()
}

/// Strategy for [`ProcessoAiuto`].
pub fn processo_aiuto() -> BoxedStrategy<ProcessoAiuto> {
    ((
        stringa(),
        option::of(chiusa::<StatoProcesso>()),
        option::of(ente()),
        vec(presa_in_carico(), 0..=2),
        option::of(stringa()),
        option::of(trasferimento()),
        option::of(ricezione()),
        vec(fase(), 0..=2),
        vec(evento_processo(), 0..=2),
        option::of(scheda_sinba()),
    ),)
        .prop_map(
            |((
                id_processo,
                stato,
                ente_titolare,
                prese_in_carico,
                riapertura_di,
                trasferimento,
                ricevuto_da,
                fasi,
                eventi,
                scheda_sinba,
            ),)| ProcessoAiuto {
                id_processo,
                stato,
                ente_titolare,
                prese_in_carico,
                riapertura_di,
                trasferimento,
                ricevuto_da,
                fasi,
                eventi,
                scheda_sinba,
            },
        )
        .boxed()
}

/// Strategy for [`PresaInCarico`].
pub fn presa_in_carico() -> BoxedStrategy<PresaInCarico> {
    ((
        data(),
        option::of(data()),
        option::of(chiusa::<AreaUtenza>()),
    ),)
        .prop_map(
            |((data_inizio, data_fine, area_utenza_siuss),)| PresaInCarico {
                data_inizio,
                data_fine,
                area_utenza_siuss,
            },
        )
        .boxed()
}

/// Strategy for [`Trasferimento`].
pub fn trasferimento() -> BoxedStrategy<Trasferimento> {
    ((data(), ente(), any::<bool>(), option::of(stringa())),)
        .prop_map(
            |((data, ente_destinatario, stessa_regione, id_messaggio),)| Trasferimento {
                data,
                ente_destinatario,
                stessa_regione,
                id_messaggio,
            },
        )
        .boxed()
}

/// Strategy for [`Ricezione`].
pub fn ricezione() -> BoxedStrategy<Ricezione> {
    ((ente(), istante(), identificatore()),)
        .prop_map(
            |((ente_mittente, data_ricezione, id_messaggio),)| Ricezione {
                ente_mittente,
                data_ricezione,
                id_messaggio,
            },
        )
        .boxed()
}

/// Strategy for [`EventoProcesso`].
pub fn evento_processo() -> BoxedStrategy<EventoProcesso> {
    ((
        chiusa::<TipoEvento>(),
        istante(),
        option::of(chiusa::<StatoProcesso>()),
        option::of(chiusa::<StatoProcesso>()),
        option::of(stringa()),
        option::of(codice_fiscale()),
        option::of(testo()),
    ),)
        .prop_map(
            |((tipo, data, stato_da, stato_a, id_fase, operatore, nota),)| EventoProcesso {
                tipo,
                data,
                stato_da,
                stato_a,
                id_fase,
                operatore,
                nota,
            },
        )
        .boxed()
}

/// Strategy for [`Segnalazione`].
pub fn segnalazione() -> BoxedStrategy<Segnalazione> {
    ((
        option::of(istante()),
        option::of(codice()),
        option::of(persona()),
        option::of(ente_segnalante()),
    ),)
        .prop_map(
            |((data_segnalazione, bisogno_espresso, segnalante, ente_segnalante),)| Segnalazione {
                data_segnalazione,
                bisogno_espresso,
                segnalante,
                ente_segnalante,
            },
        )
        .boxed()
}

/// Strategy for [`EnteSegnalante`].
pub fn ente_segnalante() -> BoxedStrategy<EnteSegnalante> {
    ((
        option::of(stringa()),
        option::of(codice()),
        option::of(testo()),
    ),)
        .prop_map(|((codice, tipologia, denominazione),)| EnteSegnalante {
            codice,
            tipologia,
            denominazione,
        })
        .boxed()
}

/// Strategy for [`EnteRilevatore`].
pub fn ente_rilevatore() -> BoxedStrategy<EnteRilevatore> {
    ((option::of(codice()), option::of(testo())),)
        .prop_map(|((codice, denominazione),)| EnteRilevatore {
            codice,
            denominazione,
        })
        .boxed()
}

/// Strategy for [`ProtocolloDsu`].
pub fn protocollo_dsu() -> BoxedStrategy<ProtocolloDsu> {
    ((stringa(), stringa(), data()),)
        .prop_map(|((numero, anno, data),)| ProtocolloDsu { numero, anno, data })
        .boxed()
}

/// Strategy for [`ProgettoIndividuale`].
pub fn progetto_individuale() -> BoxedStrategy<ProgettoIndividuale> {
    (
        (
            option::of(stringa()),
            option::of(testo()),
            option::of(istante()),
            option::of(istante()),
            vec(obiettivo(), 0..=2),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(importo()),
            option::of(importo()),
        ),
        (vec(prestazione(), 0..=2),),
    )
        .prop_map(
            |(
                (
                    codice_progetto,
                    oggetto,
                    data_inizio,
                    data_fine,
                    obiettivi,
                    frequenza_prestazioni,
                    servizio_sociale_professionale,
                    integrazione_sanitaria,
                    valore_progetto,
                    compartecipazione_assistito,
                ),
                (prestazioni_programmate,),
            )| ProgettoIndividuale {
                codice_progetto,
                oggetto,
                data_inizio,
                data_fine,
                obiettivi,
                frequenza_prestazioni,
                servizio_sociale_professionale,
                integrazione_sanitaria,
                valore_progetto,
                compartecipazione_assistito,
                prestazioni_programmate,
            },
        )
        .boxed()
}

/// Strategy for [`Obiettivo`].
pub fn obiettivo() -> BoxedStrategy<Obiettivo> {
    ((codice(), option::of(quantita()), option::of(codice())),)
        .prop_map(
            |((codice, tempistica_monitoraggio, indicatore_esito),)| Obiettivo {
                codice,
                tempistica_monitoraggio,
                indicatore_esito,
            },
        )
        .boxed()
}

/// Strategy for [`Prestazione`].
pub fn prestazione() -> BoxedStrategy<Prestazione> {
    ((
        option::of(codice()),
        option::of(istante()),
        option::of(istante()),
        option::of(operatore()),
        option::of(codice()),
    ),)
        .prop_map(
            |((codice, data_inizio, data_fine, operatore_erogante, luogo),)| Prestazione {
                codice,
                data_inizio,
                data_fine,
                operatore_erogante,
                luogo,
            },
        )
        .boxed()
}

/// Strategy for [`Sospensione`].
pub fn sospensione() -> BoxedStrategy<Sospensione> {
    ((istante(), option::of(istante()), option::of(codice())),)
        .prop_map(|((data_inizio, data_fine, motivazione),)| Sospensione {
            data_inizio,
            data_fine,
            motivazione,
        })
        .boxed()
}

/// Strategy for [`DatiSiussPrestazione`].
pub fn dati_siuss_prestazione() -> BoxedStrategy<DatiSiussPrestazione> {
    (
        (
            option::of(stringa()),
            option::of(stringa()),
            option::of(chiusa::<PresenzaProvaMezzi>()),
            option::of(chiusa::<CaratterePrestazione>()),
            option::of(stringa()),
            option::of(data()),
            option::of(data()),
            option::of(decimale()),
            option::of(decimale()),
            option::of(decimale()),
        ),
        (
            option::of(decimale()),
            option::of(decimale()),
            option::of(decimale()),
            option::of(decimale()),
            option::of(ore_servizio_mensile()),
            option::of(any::<bool>()),
            option::of(chiusa::<AreaUtenza>()),
            option::of(protocollo_dsu()),
            option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |(
                (
                    codice_prestazione,
                    denominazione_prestazione,
                    presenza_prova_mezzi,
                    carattere_prestazione,
                    protocollo_domanda,
                    data_evento,
                    data_erogazione,
                    importo_mensile,
                    importo_prestazione,
                    quota_ente,
                ),
                (
                    quota_utente,
                    quota_ssn,
                    importo_quota_richiesta,
                    importo_soglia_isee,
                    ore_servizio_mensile,
                    presa_in_carico,
                    area_utenza,
                    dsu,
                    escludi,
                ),
            )| DatiSiussPrestazione {
                codice_prestazione,
                denominazione_prestazione,
                presenza_prova_mezzi,
                carattere_prestazione,
                protocollo_domanda,
                data_evento,
                data_erogazione,
                importo_mensile,
                importo_prestazione,
                quota_ente,
                quota_utente,
                quota_ssn,
                importo_quota_richiesta,
                importo_soglia_isee,
                ore_servizio_mensile,
                presa_in_carico,
                area_utenza,
                dsu,
                escludi,
            },
        )
        .boxed()
}

/// Strategy for [`OreServizioMensile`].
pub fn ore_servizio_mensile() -> BoxedStrategy<OreServizioMensile> {
    ((0u16..=744, 0u8..=59),)
        .prop_map(|((ore, minuti),)| OreServizioMensile { ore, minuti })
        .boxed()
}

/// Strategy for [`ValutazioneSina`].
pub fn valutazione_sina() -> BoxedStrategy<ValutazioneSina> {
    (
        (
            option::of(chiusa::<Mobilita>()),
            option::of(chiusa::<AttivitaVitaQuotidiana>()),
            option::of(chiusa::<DisturbiAreaCognitiva>()),
            option::of(chiusa::<DisturbiComportamentali>()),
            option::of(chiusa::<NecessitaCureSanitarie>()),
            option::of(chiusa::<AreaReddituale>()),
            option::of(chiusa::<AreaSupporto>()),
            option::of(chiusa::<FonteDerivazioneValutazione>()),
            option::of(chiusa::<StrumentoValutazione>()),
            option::of(chiusa::<FonteDerivazioneInvalidita>()),
        ),
        (vec(chiusa::<InvCiv>(), 0..=2), vec(stringa(), 0..=2)),
    )
        .prop_map(
            |(
                (
                    mobilita,
                    attivita_vita_quotidiana,
                    disturbi_area_cognitiva,
                    disturbi_comportamentali,
                    necessita_cure_sanitarie,
                    area_reddituale,
                    area_supporto,
                    fonte_derivazione_valutazione,
                    strumento_valutazione,
                    fonte_derivazione_invalidita,
                ),
                (invalidita_civile, necessita_interventi_sociali),
            )| ValutazioneSina {
                mobilita,
                attivita_vita_quotidiana,
                disturbi_area_cognitiva,
                disturbi_comportamentali,
                necessita_cure_sanitarie,
                area_reddituale,
                area_supporto,
                fonte_derivazione_valutazione,
                strumento_valutazione,
                fonte_derivazione_invalidita,
                invalidita_civile,
                necessita_interventi_sociali,
            },
        )
        .boxed()
}

/// Strategy for [`SchedaSinba`].
pub fn scheda_sinba() -> BoxedStrategy<SchedaSinba> {
    (
        (
            option::of(stringa()),
            option::of(any::<bool>()),
            option::of(chiusa::<CondizioneMinore>()),
            option::of(chiusa::<LuogoVita>()),
            option::of(chiusa::<ScuolaFrequentata>()),
            option::of(chiusa::<CondizioneLavoro>()),
            option::of(any::<bool>()),
            option::of(chiusa::<TipoDisabilita>()),
            option::of(chiusa::<InvCivCertificazioni>()),
            option::of(genitore_sinba()),
        ),
        (
            option::of(genitore_sinba()),
            option::of(mese_anno()),
            option::of(chiusa::<FonteSegnalazione>()),
            option::of(chiusa::<ValutazioneMinore>()),
            option::of(chiusa::<ValutazioneFamigliaMinore>()),
            option::of(segnalazione_autorita_giudiziaria_sinba()),
            option::of(provvedimento_giudiziario_sinba()),
            option::of(affido_sinba()),
            option::of(inserimento_residenziale_sinba()),
            option::of(chiusura_sinba()),
        ),
        (
            option::of(chiusa::<CollaborazioniInterventi>()),
            option::of(1u8..=9),
            option::of(chiusa::<FasciaIseeBeneficiario>()),
            vec(chiusa::<ComposizioneFamiglia>(), 0..=2),
            vec(stringa(), 0..=2),
        ),
    )
        .prop_map(
            |(
                (
                    id_beneficiario,
                    minore_straniero_non_accompagnato,
                    condizione_minore,
                    luogo_vita,
                    scuola_frequentata,
                    condizione_lavoro,
                    disabilita,
                    tipo_disabilita,
                    invciv_certificazioni,
                    padre,
                ),
                (
                    madre,
                    data_prima_segnalazione,
                    fonte_segnalazione,
                    valutazione_minore,
                    valutazione_famiglia,
                    segnalazione_autorita_giudiziaria,
                    provvedimento_giudiziario,
                    affido,
                    inserimento_residenziale,
                    chiusura,
                ),
                (
                    collaborazioni_interventi,
                    numero_componenti_isee,
                    fascia_isee,
                    composizione_famiglia,
                    prestazioni,
                ),
            )| SchedaSinba {
                id_beneficiario,
                minore_straniero_non_accompagnato,
                condizione_minore,
                luogo_vita,
                scuola_frequentata,
                condizione_lavoro,
                disabilita,
                tipo_disabilita,
                invciv_certificazioni,
                padre,
                madre,
                data_prima_segnalazione,
                fonte_segnalazione,
                valutazione_minore,
                valutazione_famiglia,
                segnalazione_autorita_giudiziaria,
                provvedimento_giudiziario,
                affido,
                inserimento_residenziale,
                chiusura,
                collaborazioni_interventi,
                numero_componenti_isee,
                fascia_isee,
                composizione_famiglia,
                prestazioni,
            },
        )
        .boxed()
}

/// Strategy for [`GenitoreSinba`].
pub fn genitore_sinba() -> BoxedStrategy<GenitoreSinba> {
    ((
        option::of(iso3166_numerico()),
        option::of(stringa()),
        option::of(chiusa::<TitoloStudio>()),
        option::of(chiusa::<Occupazione>()),
    ),)
        .prop_map(
            |((codice_cittadinanza, codice_regione_residenza, titolo_studio, occupazione),)| {
                GenitoreSinba {
                    codice_cittadinanza,
                    codice_regione_residenza,
                    titolo_studio,
                    occupazione,
                }
            },
        )
        .boxed()
}

/// Strategy for [`SegnalazioneAutoritaGiudiziariaSinba`].
pub fn segnalazione_autorita_giudiziaria_sinba(
) -> BoxedStrategy<SegnalazioneAutoritaGiudiziariaSinba> {
    ((any::<bool>(), option::of(mese_anno())),)
        .prop_map(|((presente, data),)| SegnalazioneAutoritaGiudiziariaSinba { presente, data })
        .boxed()
}

/// Strategy for [`ProvvedimentoGiudiziarioSinba`].
pub fn provvedimento_giudiziario_sinba() -> BoxedStrategy<ProvvedimentoGiudiziarioSinba> {
    ((
        any::<bool>(),
        option::of(mese_anno()),
        option::of(chiusa::<AutoritaProvvedimento>()),
        option::of(chiusa::<PotestaTutela>()),
        option::of(chiusa::<TipoProvvedimentoGiudiziario>()),
    ),)
        .prop_map(|((presente, data, autorita, potesta_tutela, tipo),)| {
            ProvvedimentoGiudiziarioSinba {
                presente,
                data,
                autorita,
                potesta_tutela,
                tipo,
            }
        })
        .boxed()
}

/// Strategy for [`AffidoSinba`].
pub fn affido_sinba() -> BoxedStrategy<AffidoSinba> {
    ((
        option::of(chiusa::<FormaInterventoAffido>()),
        option::of(chiusa::<TipoInterventoAffido>()),
        option::of(chiusa::<DurataAffido>()),
        option::of(chiusa::<CarattereAffido>()),
        option::of(chiusa::<EsitoAffido>()),
    ),)
        .prop_map(|((forma, tipo, durata, carattere, esito),)| AffidoSinba {
            forma,
            tipo,
            durata,
            carattere,
            esito,
        })
        .boxed()
}

/// Strategy for [`InserimentoResidenzialeSinba`].
pub fn inserimento_residenziale_sinba() -> BoxedStrategy<InserimentoResidenzialeSinba> {
    ((
        option::of(chiusa::<CarattereInserimentoResidenziale>()),
        option::of(chiusa::<FormaInserimentoResidenziale>()),
        option::of(chiusa::<TipoInserimentoResidenziale>()),
        option::of(chiusa::<EsitoInserimentoStruttura>()),
    ),)
        .prop_map(
            |((carattere, forma, tipo, esito),)| InserimentoResidenzialeSinba {
                carattere,
                forma,
                tipo,
                esito,
            },
        )
        .boxed()
}

/// Strategy for [`ChiusuraSinba`].
pub fn chiusura_sinba() -> BoxedStrategy<ChiusuraSinba> {
    ((
        option::of(chiusa::<MotivazioneChiusuraCarico>()),
        option::of(chiusa::<SituazioneChiusuraCarico>()),
    ),)
        .prop_map(|((motivazione, situazione),)| ChiusuraSinba {
            motivazione,
            situazione,
        })
        .boxed()
}

/// Strategy for [`Cartella`].
pub fn cartella() -> BoxedStrategy<Cartella> {
    ((
        Just(VersioneModello),
        stringa(),
        ente(),
        assistito(),
        vec(processo_aiuto(), 0..=2),
        vec(consenso_privacy(), 0..=2),
        option::of(estensioni()),
    ),)
        .prop_map(
            |((
                versione_modello,
                id_cartella,
                ente_titolare,
                assistito,
                processi,
                consensi_privacy,
                estensioni,
            ),)| Cartella {
                versione_modello,
                id_cartella,
                ente_titolare,
                assistito,
                processi,
                consensi_privacy,
                estensioni,
            },
        )
        .boxed()
}

/// Strategy for [`MessaggioInterscambio`].
pub fn messaggio_interscambio() -> BoxedStrategy<MessaggioInterscambio> {
    ((
        Just(VersioneModello),
        identificatore(),
        istante(),
        stringa(),
        stringa(),
        stringa(),
        option::of(stringa()),
        identificatore(),
        vec(identificatore(), 1..=2),
        cartella(),
    ),)
        .prop_map(
            |((
                versione_modello,
                id_messaggio,
                data_creazione,
                processing_code,
                processing_mode_code,
                accept_ack_code,
                version_code,
                mittente,
                destinatari,
                cartella,
            ),)| MessaggioInterscambio {
                versione_modello,
                id_messaggio,
                data_creazione,
                processing_code,
                processing_mode_code,
                accept_ack_code,
                version_code,
                mittente,
                destinatari,
                cartella,
            },
        )
        .boxed()
}

/// Strategy for [`RispostaInterscambio`].
pub fn risposta_interscambio() -> BoxedStrategy<RispostaInterscambio> {
    (
        (
            Just(VersioneModello),
            identificatore(),
            istante(),
            stringa(),
            stringa(),
            stringa(),
            identificatore(),
            vec(identificatore(), 1..=2),
            chiusa::<TipoEsito>(),
            identificatore(),
        ),
        (vec(dettaglio_esito(), 0..=2),),
    )
        .prop_map(
            |(
                (
                    versione_modello,
                    id_messaggio,
                    data_creazione,
                    processing_code,
                    processing_mode_code,
                    accept_ack_code,
                    mittente,
                    destinatari,
                    tipo_esito,
                    id_messaggio_riferito,
                ),
                (dettagli,),
            )| RispostaInterscambio {
                versione_modello,
                id_messaggio,
                data_creazione,
                processing_code,
                processing_mode_code,
                accept_ack_code,
                mittente,
                destinatari,
                tipo_esito,
                id_messaggio_riferito,
                dettagli,
            },
        )
        .boxed()
}

/// Strategy for [`DettaglioEsito`].
pub fn dettaglio_esito() -> BoxedStrategy<DettaglioEsito> {
    ((
        option::of(chiusa::<TipoDettaglio>()),
        option::of(codice()),
        option::of(testo()),
        vec(stringa(), 0..=2),
    ),)
        .prop_map(|((tipo, codice, testo, posizioni),)| DettaglioEsito {
            tipo,
            codice,
            testo,
            posizioni,
        })
        .boxed()
}

/// Strategy for [`IntestazioneFase`].
pub fn intestazione_fase() -> BoxedStrategy<IntestazioneFase> {
    ((
        stringa(),
        vec(identificatore(), 0..=2),
        option::of(codice()),
        chiusa::<StatoFase>(),
        option::of(stringa()),
        option::of(istante()),
        option::of(istante()),
        option::of(codice()),
        option::of(chiusa::<EsitoProcesso>()),
        option::of(testo()),
    ),)
        .prop_map(
            |((
                id_fase,
                altri_id,
                codice_fase,
                stato_fase,
                stato_fase_codice,
                data_inizio,
                data_fine,
                esito,
                esito_processo,
                annotazioni,
            ),)| IntestazioneFase {
                id_fase,
                altri_id,
                codice_fase,
                stato_fase,
                stato_fase_codice,
                data_inizio,
                data_fine,
                esito,
                esito_processo,
                annotazioni,
            },
        )
        .boxed()
}

/// Strategy for [`FaseAccesso`].
pub fn fase_accesso() -> BoxedStrategy<FaseAccesso> {
    (
        (
            intestazione_fase(),
            option::of(segnalazione()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
        ),
        (
            option::of(codice()),
            option::of(codice()),
            option::of(importo()),
            option::of(codice()),
            option::of(ente_rilevatore()),
            option::of(protocollo_dsu()),
        ),
    )
        .prop_map(
            |(
                (
                    intestazione,
                    segnalazione,
                    tipologia_richiesta,
                    modalita_contatto,
                    ambito_intervento_richiesto,
                    composizione_nucleo,
                    numerosita_nucleo,
                    numerosita_rete_sociale,
                    provenienza,
                    area_reddituale,
                ),
                (dsu, tipologia_isee, valore_isee, occupazione, ente_rilevatore, dsu_protocollo),
            )| FaseAccesso {
                intestazione,
                segnalazione,
                tipologia_richiesta,
                modalita_contatto,
                ambito_intervento_richiesto,
                composizione_nucleo,
                numerosita_nucleo,
                numerosita_rete_sociale,
                provenienza,
                area_reddituale,
                dsu,
                tipologia_isee,
                valore_isee,
                occupazione,
                ente_rilevatore,
                dsu_protocollo,
            },
        )
        .boxed()
}

/// Strategy for [`FaseValutazioneBisogno`].
pub fn fase_valutazione_bisogno() -> BoxedStrategy<FaseValutazioneBisogno> {
    (
        (
            intestazione_fase(),
            option::of(istante()),
            option::of(operatore()),
            option::of(operatore()),
            vec(codice(), 0..=2),
            vec(codice(), 0..=2),
            option::of(testo()),
            option::of(testo()),
            vec(codice(), 0..=2),
            option::of(codice()),
        ),
        (
            vec(codice(), 0..=2),
            option::of(codice()),
            option::of(codice()),
            option::of(testo()),
            option::of(codice()),
            vec(codice(), 0..=2),
            option::of(codice()),
            option::of(codice()),
            vec(codice(), 0..=2),
            vec(codice(), 0..=2),
        ),
        (option::of(codice()), option::of(valutazione_sina())),
    )
        .prop_map(
            |(
                (
                    intestazione,
                    data_valutazione,
                    responsabile_valutazione,
                    case_manager,
                    aree_intervento_sociale,
                    esenzioni_ticket,
                    struttura_sociosanitaria_in_carico,
                    servizi_sociosanitari_erogati,
                    invalidita,
                    indennita_frequenza,
                ),
                (
                    previdenze_inps,
                    assegno_pensione_invalidita,
                    patologia_psichiatrica,
                    patologie_correnti,
                    portatore_protesi_ausili,
                    protesi_ausili,
                    motivazione_affido,
                    necessita_cure_sanitarie,
                    necessita_interventi_sociosanitari,
                    necessita_interventi_sociali,
                ),
                (fonte_derivazione_valutazione, valutazione_sina),
            )| FaseValutazioneBisogno {
                intestazione,
                data_valutazione,
                responsabile_valutazione,
                case_manager,
                aree_intervento_sociale,
                esenzioni_ticket,
                struttura_sociosanitaria_in_carico,
                servizi_sociosanitari_erogati,
                invalidita,
                indennita_frequenza,
                previdenze_inps,
                assegno_pensione_invalidita,
                patologia_psichiatrica,
                patologie_correnti,
                portatore_protesi_ausili,
                protesi_ausili,
                motivazione_affido,
                necessita_cure_sanitarie,
                necessita_interventi_sociosanitari,
                necessita_interventi_sociali,
                fonte_derivazione_valutazione,
                valutazione_sina,
            },
        )
        .boxed()
}

/// Strategy for [`FaseProgettoIndividuale`].
pub fn fase_progetto_individuale() -> BoxedStrategy<FaseProgettoIndividuale> {
    ((
        intestazione_fase(),
        option::of(operatore()),
        option::of(operatore()),
        option::of(progetto_individuale()),
    ),)
        .prop_map(
            |((intestazione, responsabile_progetto, responsabile_monitoraggio, progetto),)| {
                FaseProgettoIndividuale {
                    intestazione,
                    responsabile_progetto,
                    responsabile_monitoraggio,
                    progetto,
                }
            },
        )
        .boxed()
}

/// Strategy for [`FaseErogazioneServizio`].
pub fn fase_erogazione_servizio() -> BoxedStrategy<FaseErogazioneServizio> {
    (
        (
            intestazione_fase(),
            option::of(testo()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(codice()),
            option::of(istante()),
            option::of(istante()),
            vec(sospensione(), 0..=2),
        ),
        (
            option::of(importo()),
            option::of(codice()),
            option::of(importo()),
            option::of(importo()),
            option::of(importo()),
            vec(prestazione(), 0..=2),
            option::of(chiusa::<StatoIntervento>()),
            option::of(dati_siuss_prestazione()),
        ),
    )
        .prop_map(
            |(
                (
                    intestazione,
                    struttura_fuori_rete,
                    udo_sociale,
                    soggetto_erogatore,
                    modalita_erogazione,
                    area_intervento_sociale,
                    servizio_erogato,
                    data_attivazione,
                    data_conclusione,
                    sospensioni,
                ),
                (
                    valore_mensile_buono,
                    tipologia_voucher,
                    valore_voucher,
                    importo_erogato,
                    riprogrammazione_risorse,
                    prestazioni_erogate,
                    stato_intervento,
                    siuss,
                ),
            )| FaseErogazioneServizio {
                intestazione,
                struttura_fuori_rete,
                udo_sociale,
                soggetto_erogatore,
                modalita_erogazione,
                area_intervento_sociale,
                servizio_erogato,
                data_attivazione,
                data_conclusione,
                sospensioni,
                valore_mensile_buono,
                tipologia_voucher,
                valore_voucher,
                importo_erogato,
                riprogrammazione_risorse,
                prestazioni_erogate,
                stato_intervento,
                siuss,
            },
        )
        .boxed()
}

/// Strategy for [`FaseValutazioneFinale`].
pub fn fase_valutazione_finale() -> BoxedStrategy<FaseValutazioneFinale> {
    ((
        intestazione_fase(),
        option::of(operatore()),
        option::of(istante()),
        option::of(istante()),
        option::of(testo()),
        option::of(codice()),
        option::of(importo()),
        option::of(testo()),
        option::of(testo()),
        option::of(codice()),
    ),)
        .prop_map(
            |((
                intestazione,
                responsabile_chiusura,
                data_chiusura_progetto,
                data_valutazione_finale,
                valutazione_finale,
                motivazione_chiusura,
                risorse_economiche_finali,
                risultati_raggiunti,
                risultati_non_raggiunti,
                nuovo_progetto,
            ),)| FaseValutazioneFinale {
                intestazione,
                responsabile_chiusura,
                data_chiusura_progetto,
                data_valutazione_finale,
                valutazione_finale,
                motivazione_chiusura,
                risorse_economiche_finali,
                risultati_raggiunti,
                risultati_non_raggiunti,
                nuovo_progetto,
            },
        )
        .boxed()
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
