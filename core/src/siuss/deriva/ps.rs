//! PS-PSA-SINA derivation (`siuss.md` §8.2–§8.6).

use chrono::{Datelike, NaiveDate};

use super::{
    codici_residenza, data_precisa, deriva_ente, flusso_ps, identificazione, importo, raggruppa,
    segmenti_annuali, Contesto, Esiti, ModalitaSina, Numeratore,
};
use crate::codelists::SISTEMA_PRESTAZIONI_INPS;
use crate::model::{
    AreaReddituale, AreaUtenza, CaratterePrestazione, Cartella, FaseErogazioneServizio,
    FaseValutazioneBisogno, FonteDerivazioneValutazione, Genere, InvCiv, NecessitaCureSanitarie,
    PresaInCarico, ProcessoAiuto, ValutazioneSina,
};
use crate::siuss::flusso::{
    Anagrafica, Beneficiario, Ente as EnteFlusso, Flusso, Indirizzo, InvaliditaCivile,
    NecessitaInterventiSociali, PrestazioniSociali, Sina, TipoFlusso,
};

/// A derived prestazione with the ente of its process.
pub(super) type VocePs = (EnteFlusso, String, PrestazioniSociali);

/// `Beneficiario` without prestazioni (`siuss.md` §8.2); `None` when a required value is missing.
pub(super) fn deriva_beneficiario(
    ctx: &Contesto<'_>,
    cartella: &Cartella,
    es: &mut Esiti,
) -> Option<Beneficiario> {
    let a = &cartella.assistito;
    let errori = es.errori();
    let mut an = Anagrafica::default();

    // Codice fiscale.
    let cf = a
        .codice_fiscale
        .as_ref()
        .map(|c| c.normalizzato())
        .filter(|c| !c.is_empty());
    let analisi = cf.as_deref().map(|c| {
        crate::cf::analizza(
            c,
            &crate::cf::OpzioniCf {
                data_riferimento: Some(ctx.riferimento),
                dati_riferimento: ctx.refdata,
                confronto: None,
                persona_fisica: true,
            },
        )
    });
    let cf_personale_valido = analisi
        .as_ref()
        .is_some_and(|x| x.valido && x.tipo == Some(crate::cf::TipoCf::Personale));
    match &cf {
        Some(c) if c.len() == 16 || (c.len() == 11 && c.bytes().all(|b| b.is_ascii_digit())) => {}
        _ => es.emetti(
            "SIUSS-PS-010",
            "/assistito/codice_fiscale",
            [("cf", cf.clone().unwrap_or_default())],
        ),
    }

    // Cognome, Nome.
    for (campo, valore) in [("cognome", &a.cognome), ("nome", &a.nome)] {
        let path = format!("/assistito/{campo}");
        let testo = valore.as_ref().map(|t| t.as_str().trim()).unwrap_or("");
        let n = testo.chars().count();
        let scritto = if n == 0 {
            es.emetti0("SIUSS-PS-013", path);
            None
        } else if n > 36 {
            if ctx.opz.troncamento_nomi {
                es.emetti0("SIUSS-PS-090", path);
                Some(testo.chars().take(36).collect::<String>())
            } else {
                es.emetti0("SIUSS-PS-013", path);
                None
            }
        } else {
            Some(testo.to_string())
        };
        if campo == "cognome" {
            an.cognome = scritto;
        } else {
            an.nome = scritto;
        }
    }

    // AnnoNascita.
    an.anno_nascita = match (a.data_nascita, &analisi) {
        (Some(d), _) => Some(format!("{:04}", d.year())),
        (None, Some(x)) if cf_personale_valido && x.data_nascita.is_some() => {
            es.emetti0("SIUSS-PS-091", "/assistito/data_nascita");
            x.data_nascita.map(|d| format!("{:04}", d.year()))
        }
        _ => {
            es.emetti0("SIUSS-PS-014", "/assistito/data_nascita");
            None
        }
    };

    // LuogoNascita.
    let data_nascita = a.data_nascita.map(|d| d.naive());
    an.luogo_nascita = a
        .codice_belfiore_nascita
        .as_ref()
        .map(|b| b.as_str().trim().to_string())
        .filter(|b| b.len() == 4)
        .or_else(|| {
            cf_personale_valido
                .then(|| {
                    analisi
                        .as_ref()?
                        .luogo_nascita
                        .as_ref()
                        .map(|l| l.codice.clone())
                })
                .flatten()
        })
        .or_else(|| {
            let c = a.comune_nascita.as_ref()?;
            ctx.refdata?
                .comune_per_istat(&c.code, data_nascita)
                .map(|c| c.codice_belfiore.clone())
        })
        .or_else(|| {
            let s = a.stato_nascita.as_ref()?;
            ctx.refdata?
                .stato_per_iso_numerico(&s.code, data_nascita)
                .map(|s| s.codice_belfiore.clone())
        });
    if an.luogo_nascita.is_none() {
        es.emetti0("SIUSS-PS-081", "/assistito/codice_belfiore_nascita");
    }

    // Genere.
    an.genere = match a.genere {
        Some(Genere::M) => Some("1".to_string()),
        Some(Genere::F) => Some("2".to_string()),
        Some(Genere::Un) => None,
        None => match analisi.as_ref().and_then(|x| x.sesso) {
            Some(s) if cf_personale_valido => {
                es.emetti0("SIUSS-PS-096", "/assistito/genere");
                Some(if s == crate::cf::Sesso::F { "2" } else { "1" }.to_string())
            }
            _ => None,
        },
    };
    if an.genere.is_none() {
        es.emetti0("SIUSS-PS-086", "/assistito/genere");
    }

    // Cittadinanza.
    let tre_cifre = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
    an.codice_cittadinanza = Some(match a.cittadinanza.as_ref().map(|c| c.code.trim()) {
        Some(c) if tre_cifre(c) => c.to_string(),
        _ => {
            es.emetti0("SIUSS-PS-083", "/assistito/cittadinanza");
            "990".to_string()
        }
    });
    if !ctx.solo_obbligatori() {
        an.codice_seconda_cittadinanza = a
            .seconda_cittadinanza
            .as_ref()
            .map(|c| c.code.trim().to_string())
            .filter(|c| tre_cifre(c));
    }

    // Indirizzo (residence only).
    let mut indirizzo = Indirizzo::default();
    match &a.residenza {
        None => es.emetti0("SIUSS-PS-019", "/assistito/residenza"),
        Some(res) => {
            let codici = codici_residenza(ctx, res);
            match codici.nazione.as_deref() {
                None => es.emetti0("SIUSS-PS-020", "/assistito/residenza/nazione_iso2"),
                Some("380") => {
                    if codici.comune.is_none() {
                        es.emetti0("SIUSS-PS-022", "/assistito/residenza/comune_istat");
                    }
                    if codici.regione.is_none() {
                        es.emetti0("SIUSS-PS-082", "/assistito/residenza/codice_regione_dm1986");
                    }
                    indirizzo.codice_regione = codici.regione;
                    indirizzo.codice_comune = codici.comune;
                }
                Some(_) => {}
            }
            indirizzo.codice_nazione = codici.nazione;
        }
    }

    if es.errori() > errori {
        return None;
    }
    Some(Beneficiario {
        codice_fiscale: cf,
        anagrafica: an,
        indirizzi: vec![indirizzo],
        prestazioni_sociali: Vec::new(),
    })
}

/// The prestazioni of one D record (one per year segment for periodic ones), with the ente of
/// the process. `None` when the record is skipped or not derivable (findings in `es`).
pub(super) fn deriva_record(
    ctx: &Contesto<'_>,
    cartella: &Cartella,
    processo: (usize, &ProcessoAiuto),
    record: (usize, &FaseErogazioneServizio),
    periodo: Option<(NaiveDate, NaiveDate)>,
    es: &mut Esiti,
) -> Option<Vec<VocePs>> {
    let (pi, p) = processo;
    let (fi, d) = record;
    let base = format!("/processi/{pi}/fasi/{fi}");
    let siuss = d.siuss.as_ref();
    let ps = format!("{base}/siuss");

    // CodicePrestazione: explicit, else concept map from servizio_erogato.
    let codice = siuss
        .and_then(|s| s.codice_prestazione.as_deref())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .or_else(|| {
            ctx.traduci(d.servizio_erogato.as_ref(), SISTEMA_PRESTAZIONI_INPS)
                .map(str::to_string)
        });
    let Some(codice) = codice else {
        if siuss.is_none() && periodo.is_some() {
            es.emetti0("SIUSS-PS-087", base);
        } else {
            es.emetti0("SIUSS-PS-080", format!("{ps}/codice_prestazione"));
        }
        return None;
    };
    let errori = es.errori();
    let ente = deriva_ente(ctx, cartella, (pi, p), es);

    let mut pr = PrestazioniSociali {
        tipo_operazione: Some("I".into()),
        ..PrestazioniSociali::default()
    };
    match siuss.and_then(|s| s.presenza_prova_mezzi) {
        Some(v) => pr.presenza_prova_mezzi = Some(v.code().into()),
        None => es.emetti0("SIUSS-PS-034", format!("{ps}/presenza_prova_mezzi")),
    }
    let carattere = siuss.and_then(|s| s.carattere_prestazione);
    match carattere {
        Some(v) => pr.carattere_prestazione = Some(v.code().into()),
        None => es.emetti0("SIUSS-PS-035", format!("{ps}/carattere_prestazione")),
    }

    // DSU: explicit, else the latest A record's protocol.
    let dsu = siuss.and_then(|s| s.dsu.as_ref()).or_else(|| {
        p.accessi()
            .filter(|a| a.dsu_protocollo.is_some())
            .max_by_key(|a| a.intestazione.data_inizio.as_ref().map(|i| i.inizio()))
            .and_then(|a| a.dsu_protocollo.as_ref())
    });
    if let Some(dsu) = dsu {
        pr.numero_protocollo_dsu = Some(dsu.numero.clone());
        pr.anno_protocollo_dsu = Some(dsu.anno.clone());
        pr.data_dsu = Some(super::formatta_data(dsu.data.naive()));
    }

    pr.codice_prestazione = Some(codice.clone());
    let denominazione = siuss
        .and_then(|s| s.denominazione_prestazione.as_deref())
        .map(|s| s.trim().to_string())
        .or_else(|| {
            ctx.registro
                .label(SISTEMA_PRESTAZIONI_INPS, &codice)
                .map(str::to_string)
        })
        .filter(|s| (10..=200).contains(&s.chars().count()));
    match denominazione {
        Some(den) => pr.denominazione_prestazione = Some(den),
        None => es.emetti0("SIUSS-PS-042", format!("{ps}/denominazione_prestazione")),
    }

    let protocollo = siuss
        .and_then(|s| s.protocollo_domanda.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    match protocollo {
        Some(pd) if pd.chars().count() <= 32 => pr.protocollo_domanda = Some(pd.to_string()),
        Some(_) => es.emetti0("SIUSS-PS-043", format!("{ps}/protocollo_domanda")),
        None => {
            let id = d.intestazione.id_fase.trim();
            if (1..=32).contains(&id.chars().count()) {
                es.emetti0("SIUSS-PS-044", format!("{base}/id_fase"));
                pr.protocollo_domanda = Some(id.to_string());
            } else {
                es.emetti0("SIUSS-PS-043", format!("{ps}/protocollo_domanda"));
            }
        }
    }

    if !ctx.solo_obbligatori() {
        pr.data_evento = siuss
            .and_then(|s| s.data_evento)
            .map(|d| super::formatta_data(d.naive()));
    }

    // Amounts.
    if let Some(s) = siuss {
        let put = |v: &Option<crate::model::Decimale>, attr: &str, json: &str, es: &mut Esiti| {
            v.as_ref()
                .map(|v| importo(v, attr, format!("{ps}/{json}"), es))
        };
        pr.importo_quota_ente = put(&s.quota_ente, "ImportoQuotaEnte", "quota_ente", es);
        pr.importo_quota_utente = put(&s.quota_utente, "ImportoQuotaUtente", "quota_utente", es);
        pr.importo_quota_ssn = put(&s.quota_ssn, "ImportoQuotaSSN", "quota_ssn", es);
        if !ctx.solo_obbligatori() {
            pr.importo_quota_richiesta = put(
                &s.importo_quota_richiesta,
                "ImportoQuotaRichiesta",
                "importo_quota_richiesta",
                es,
            );
            pr.importo_soglia_isee = put(
                &s.importo_soglia_isee,
                "ImportoSogliaISEE",
                "importo_soglia_isee",
                es,
            );
            pr.ore_servizio_mensile = s
                .ore_servizio_mensile
                .as_ref()
                .map(|o| super::formatta_ore(o.ore, o.minuti));
        }
    }

    // Periodic: year segments; one-off: the payment date.
    let mut istanze: Vec<(NaiveDate, PrestazioniSociali)> = Vec::new();
    match carattere {
        Some(CaratterePrestazione::Periodico) => {
            match siuss
                .and_then(|s| s.importo_mensile.as_ref())
                .map(|v| (v, format!("{ps}/importo_mensile")))
                .or_else(|| {
                    d.valore_mensile_buono
                        .as_ref()
                        .map(|v| (&v.amount, format!("{base}/valore_mensile_buono")))
                }) {
                Some((v, path)) => {
                    pr.importo_mensile = Some(importo(v, "ImportoMensile", path, es))
                }
                None => es.emetti0("SIUSS-PS-052", format!("{ps}/importo_mensile")),
            }
            if let Some(v) = siuss.and_then(|s| s.importo_prestazione.as_ref()) {
                pr.importo_prestazione = Some(importo(
                    v,
                    "ImportoPrestazione",
                    format!("{ps}/importo_prestazione"),
                    es,
                ));
            }
            if let Some(v) = siuss.and_then(|s| s.data_erogazione) {
                pr.data_erogazione_prestazione = Some(super::formatta_data(v.naive()));
            }
            let inizio = match &d.data_attivazione {
                Some(i) => data_precisa(
                    i,
                    "data_attivazione",
                    format!("{base}/data_attivazione"),
                    es,
                ),
                None => {
                    es.emetti0("SIUSS-PS-046", format!("{base}/data_attivazione"));
                    None
                }
            };
            let fine = d.data_conclusione.as_ref().map(|i| {
                data_precisa(
                    i,
                    "data_conclusione",
                    format!("{base}/data_conclusione"),
                    es,
                )
            });
            if let (Some(s), Some(Some(e))) = (inizio, fine) {
                if e < s {
                    es.emetti0("CSI-DAT-006", format!("{base}/data_conclusione"));
                }
            }
            if let Some(s) = inizio {
                let segmenti = segmenti_annuali(s, fine.flatten(), ctx.riferimento);
                if segmenti.len() > 1 {
                    es.emetti(
                        "SIUSS-PS-085",
                        base.clone(),
                        [("numero", segmenti.len().to_string())],
                    );
                }
                for seg in segmenti {
                    let fine_o_r = seg.fine.unwrap_or(ctx.riferimento.max(seg.inizio));
                    if let Some((dal, al)) = periodo {
                        if seg.inizio > al || fine_o_r < dal {
                            continue;
                        }
                    }
                    let mut x = pr.clone();
                    x.data_inizio_prestazione = Some(super::formatta_data(seg.inizio));
                    x.data_fine_prestazione = seg.fine.map(super::formatta_data);
                    x.periodo_erogazione = seg.periodo_erogazione.map(|n| n.to_string());
                    istanze.push((seg.inizio, x));
                }
            }
        }
        Some(CaratterePrestazione::Occasionale) => {
            match siuss
                .and_then(|s| s.importo_prestazione.as_ref())
                .map(|v| (v, format!("{ps}/importo_prestazione")))
                .or_else(|| {
                    d.importo_erogato
                        .as_ref()
                        .map(|v| (&v.amount, format!("{base}/importo_erogato")))
                }) {
                Some((v, path)) => {
                    pr.importo_prestazione = Some(importo(v, "ImportoPrestazione", path, es))
                }
                None => es.emetti0("SIUSS-PS-050", format!("{ps}/importo_prestazione")),
            }
            if let Some(v) = siuss.and_then(|s| s.importo_mensile.as_ref()) {
                pr.importo_mensile = Some(importo(
                    v,
                    "ImportoMensile",
                    format!("{ps}/importo_mensile"),
                    es,
                ));
            }
            let data = match siuss.and_then(|s| s.data_erogazione) {
                Some(v) => Some(v.naive()),
                None => match &d.data_attivazione {
                    Some(i) => data_precisa(
                        i,
                        "data_attivazione",
                        format!("{base}/data_attivazione"),
                        es,
                    ),
                    None => {
                        es.emetti0("SIUSS-PS-049", format!("{ps}/data_erogazione"));
                        None
                    }
                },
            };
            if let Some(t) = data {
                let nel_periodo = periodo.is_none_or(|(dal, al)| dal <= t && t <= al);
                if nel_periodo {
                    let mut x = pr.clone();
                    x.data_erogazione_prestazione = Some(super::formatta_data(t));
                    istanze.push((t, x));
                }
            }
        }
        None => {}
    }
    if es.errori() > errori {
        return None;
    }
    let (ente, belfiore) = ente?;

    // PresaCarico, AreaUtenza, SINA per instance (reference date t).
    let mut out = Vec::new();
    for (t, mut x) in istanze {
        let errori = es.errori();
        let copertura: Option<&PresaInCarico> =
            p.prese_in_carico.iter().rev().find(|pc| {
                pc.data_inizio.naive() <= t && pc.data_fine.is_none_or(|f| f.naive() >= t)
            });
        let presa = siuss
            .and_then(|s| s.presa_in_carico)
            .unwrap_or(copertura.is_some());
        let b_t = ultima_valutazione(p, t);
        let area = siuss
            .and_then(|s| s.area_utenza)
            .or_else(|| copertura.and_then(|c| c.area_utenza_siuss))
            .or_else(|| {
                ctx.traduci(d.area_intervento_sociale.as_ref(), AreaUtenza::SYSTEM)
                    .and_then(AreaUtenza::from_code)
            })
            .or_else(|| {
                let (_, b) = b_t?;
                ctx.traduci(b.aree_intervento_sociale.first(), AreaUtenza::SYSTEM)
                    .and_then(AreaUtenza::from_code)
            });
        x.presa_carico = Some(if presa { "1" } else { "2" }.into());
        x.area_utenza = area.map(|a| a.code().to_string());
        if presa && area.is_none() {
            es.emetti0("SIUSS-PS-063", format!("{ps}/area_utenza"));
        }
        if !presa && ctx.ha_attributo(&codice, "richiede_presa_in_carico") {
            es.emetti("SIUSS-PS-065", base.clone(), [("codice", codice.clone())]);
            continue;
        }
        let b_sina = match ctx.opz.sina {
            ModalitaSina::Mai => None,
            ModalitaSina::Auto => b_t.filter(|(_, b)| {
                b.valutazione_sina.is_some()
                    && presa
                    && (area == Some(AreaUtenza::DisabilitaNonAutosufficienza)
                        || ctx.ha_attributo(&codice, "sina_applicabile"))
            }),
            ModalitaSina::Sempre => ultima_valutazione_sina(p, t),
        };
        if let Some((bi, b)) = b_sina {
            x.sina = deriva_sina(ctx, (pi, p), (bi, b), t, es);
        }
        if es.errori() > errori {
            continue;
        }
        out.push((ente.clone(), belfiore.clone(), x));
    }
    Some(out)
}

/// The latest B record (by `data_inizio`) started on or before `t`, with its index.
fn ultima_valutazione(p: &ProcessoAiuto, t: NaiveDate) -> Option<(usize, &FaseValutazioneBisogno)> {
    p.fasi
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_valutazione_bisogno().map(|b| (i, b)))
        .filter_map(|(i, b)| {
            let inizio = b.intestazione.data_inizio.as_ref()?.inizio();
            (inizio.date() <= t).then_some((inizio, i, b))
        })
        .max_by_key(|(inizio, i, _)| (*inizio, *i))
        .map(|(_, i, b)| (i, b))
}

/// The latest B record with a `valutazione_sina`: started on or before `t` if any, else any.
fn ultima_valutazione_sina(
    p: &ProcessoAiuto,
    t: NaiveDate,
) -> Option<(usize, &FaseValutazioneBisogno)> {
    let con_sina = || {
        p.fasi
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.as_valutazione_bisogno().map(|b| (i, b)))
            .filter(|(_, b)| b.valutazione_sina.is_some())
            .map(|(i, b)| {
                let inizio = b.intestazione.data_inizio.as_ref().map(|x| x.inizio());
                (inizio, i, b)
            })
    };
    con_sina()
        .filter(|(inizio, _, _)| inizio.is_some_and(|x| x.date() <= t))
        .max_by_key(|(inizio, i, _)| (*inizio, *i))
        .or_else(|| con_sina().max_by_key(|(inizio, i, _)| (*inizio, *i)))
        .map(|(_, i, b)| (i, b))
}

/// The SINA block from a B record (`siuss.md` §8.6); `None` with `SIUSS-SINA-00x` errors when a
/// required value is missing.
fn deriva_sina(
    ctx: &Contesto<'_>,
    processo: (usize, &ProcessoAiuto),
    valutazione: (usize, &FaseValutazioneBisogno),
    t: NaiveDate,
    es: &mut Esiti,
) -> Option<Sina> {
    let (pi, p) = processo;
    let (bi, b) = valutazione;
    let vuota = ValutazioneSina::default();
    let v = b.valutazione_sina.as_ref().unwrap_or(&vuota);
    let base = format!("/processi/{pi}/fasi/{bi}/valutazione_sina");
    let errori = es.errori();
    let mut s = Sina::default();
    let richiesto = |valore: Option<&'static str>, regola: &str, campo: &str, es: &mut Esiti| {
        if valore.is_none() {
            es.emetti0(regola, format!("{base}/{campo}"));
        }
        valore.map(str::to_string)
    };
    s.mobilita = richiesto(
        v.mobilita.map(|x| x.code()),
        "SIUSS-SINA-001",
        "mobilita",
        es,
    );
    s.attivita_vita_quotidiana = richiesto(
        v.attivita_vita_quotidiana.map(|x| x.code()),
        "SIUSS-SINA-002",
        "attivita_vita_quotidiana",
        es,
    );
    s.disturbi_comportamentali = richiesto(
        v.disturbi_comportamentali.map(|x| x.code()),
        "SIUSS-SINA-004",
        "disturbi_comportamentali",
        es,
    );
    let area_reddituale = v.area_reddituale.or_else(|| {
        let a = p
            .accessi()
            .filter(|a| a.area_reddituale.is_some())
            .filter(|a| {
                a.intestazione
                    .data_inizio
                    .as_ref()
                    .is_none_or(|i| i.inizio().date() <= t)
            })
            .max_by_key(|a| a.intestazione.data_inizio.as_ref().map(|i| i.inizio()))?;
        ctx.traduci(a.area_reddituale.as_ref(), AreaReddituale::SYSTEM)
            .and_then(AreaReddituale::from_code)
    });
    s.area_reddituale = richiesto(
        area_reddituale.map(|x| x.code()),
        "SIUSS-SINA-006",
        "area_reddituale",
        es,
    );
    s.area_supporto = richiesto(
        v.area_supporto.map(|x| x.code()),
        "SIUSS-SINA-007",
        "area_supporto",
        es,
    );
    let fonte = v.fonte_derivazione_valutazione.or_else(|| {
        ctx.traduci(
            b.fonte_derivazione_valutazione.as_ref(),
            FonteDerivazioneValutazione::SYSTEM,
        )
        .and_then(FonteDerivazioneValutazione::from_code)
    });
    s.fonte_derivazione_valutazione = richiesto(
        fonte.map(|x| x.code()),
        "SIUSS-SINA-008",
        "fonte_derivazione_valutazione",
        es,
    );
    s.strumento_valutazione = richiesto(
        v.strumento_valutazione.map(|x| x.code()),
        "SIUSS-SINA-009",
        "strumento_valutazione",
        es,
    );
    if !ctx.solo_obbligatori() {
        s.disturbi_area_cognitiva = v.disturbi_area_cognitiva.map(|x| x.code().into());
        s.necessita_cure_sanitarie = v
            .necessita_cure_sanitarie
            .or_else(|| {
                ctx.traduci(
                    b.necessita_cure_sanitarie.as_ref(),
                    NecessitaCureSanitarie::SYSTEM,
                )
                .and_then(NecessitaCureSanitarie::from_code)
            })
            .map(|x| x.code().into());
        s.fonte_derivazione_invalidita = v.fonte_derivazione_invalidita.map(|x| x.code().into());
    }
    let inv: Vec<String> = if v.invalidita_civile.is_empty() {
        b.invalidita
            .iter()
            .filter_map(|c| {
                ctx.traduci(Some(c), InvCiv::SYSTEM)
                    .and_then(InvCiv::from_code)
            })
            .map(|x| x.code().to_string())
            .collect()
    } else {
        v.invalidita_civile
            .iter()
            .map(|x| x.code().to_string())
            .collect()
    };
    if !inv.is_empty() {
        s.invalidita_civile = Some(InvaliditaCivile { inv_civ: inv });
    }
    let nis: Vec<String> = if v.necessita_interventi_sociali.is_empty() {
        b.necessita_interventi_sociali
            .iter()
            .filter_map(|c| ctx.traduci(Some(c), SISTEMA_PRESTAZIONI_INPS))
            .map(str::to_string)
            .collect()
    } else {
        v.necessita_interventi_sociali
            .iter()
            .map(|c| c.trim().to_string())
            .collect()
    };
    if !nis.is_empty() {
        s.necessita_interventi_sociali = Some(NecessitaInterventiSociali {
            codici_prestazione: nis,
        });
    }
    (es.errori() == errori).then_some(s)
}

/// Builds the flows: one per prestazione on `waas`/`cooperazione`, one per ente on `upload`.
pub(super) fn assembla(
    ctx: &Contesto<'_>,
    beneficiario: Beneficiario,
    voci: Vec<VocePs>,
    numeratore: &mut Numeratore,
    es: &mut Esiti,
) -> Vec<Flusso> {
    let mut flussi = Vec::new();
    for (ente, belfiore, prestazioni) in raggruppa(ctx.opz.canale, voci) {
        let Some(nome) = numeratore.nome(ctx, &belfiore, TipoFlusso::PsPsaSina, es) else {
            continue;
        };
        let mut b = beneficiario.clone();
        b.prestazioni_sociali = prestazioni;
        flussi.push(flusso_ps(identificazione(nome, &ente), vec![b]));
    }
    flussi
}
