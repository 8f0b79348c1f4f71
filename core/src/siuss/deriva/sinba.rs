//! SINBA derivation (`siuss.md` §8.7). Reads only the SINBA allow-list of `privacy.md` §5; the
//! codice fiscale and the names are read only to check a stored or derived `IDBeneficiario`
//! against them (`SIUSS-SINBA-002`), never copied.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{
    codici_residenza, deriva_ente, flusso_sinba, formatta_mese_anno, identificazione, raggruppa,
    Contesto, Esiti, IdCaso, Numeratore,
};
use crate::model::{
    Cartella, FasciaEtaBeneficiario, FasciaIseeBeneficiario, FonteSegnalazione, Istante, MeseAnno,
    MotivazioneChiusuraCarico, Precisione, ProcessoAiuto, SchedaSinba, StatoProcesso,
};
use crate::siuss::flusso::{
    Ente as EnteFlusso, Famiglia, Flusso, PrestazioniSinba, Sinba, TipoFlusso,
};
use crate::siuss::pseudonimo::id_beneficiario_sinba;

/// Age in completed years at `data` of a person born on `nascita`; `None` when `data` precedes
/// the birth.
pub fn eta_compiuta(nascita: NaiveDate, data: NaiveDate) -> Option<u32> {
    if data < nascita {
        return None;
    }
    let mut anni = data.year() - nascita.year();
    if (data.month(), data.day()) < (nascita.month(), nascita.day()) {
        anni -= 1;
    }
    u32::try_from(anni).ok()
}

/// SINBA `FasciaEtaBeneficiario` of an age in completed years (`siuss.md` §8.7): `<3`→1 …
/// `15–17`→6; `18` or more → 6 only when the closure reason is `3` (raggiunta maggiore età),
/// else `None` (`SIUSS-SINBA-039`).
pub fn fascia_eta(anni: u32, chiusura_per_maggiore_eta: bool) -> Option<FasciaEtaBeneficiario> {
    use FasciaEtaBeneficiario as F;
    Some(match anni {
        0..=2 => F::Da0A3,
        3..=5 => F::Da3A6,
        6..=8 => F::Da6A9,
        9..=11 => F::Da9A12,
        12..=14 => F::Da12A15,
        15..=17 => F::Da15A18,
        _ if chiusura_per_maggiore_eta => F::Da15A18,
        _ => return None,
    })
}

/// SINBA `FasciaISEEBeneficiario` of an ISEE value (rounded half-up to cents first): `0`→1,
/// `0.01–3000.00`→2, … `15000.01–20000.00`→7, `>20000.00`→8; `None` for a negative value.
pub fn fascia_isee(valore: Decimal) -> Option<FasciaIseeBeneficiario> {
    use FasciaIseeBeneficiario as F;
    let v = valore.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let soglia = |n: i64| Decimal::new(n, 0);
    Some(if v < Decimal::ZERO {
        return None;
    } else if v.is_zero() {
        F::Zero
    } else if v <= soglia(3000) {
        F::Fino3000
    } else if v <= soglia(6000) {
        F::Da3000A6000
    } else if v <= soglia(9000) {
        F::Da6000A9000
    } else if v <= soglia(12000) {
        F::Da9000A12000
    } else if v <= soglia(15000) {
        F::Da12000A15000
    } else if v <= soglia(20000) {
        F::Da15000A20000
    } else {
        F::Oltre20000
    })
}

/// A derived SINBA element with the ente of its process.
pub(super) type VoceSinba = (EnteFlusso, String, Sinba);

/// One SINBA element per process with a `scheda_sinba`.
pub(super) fn deriva(ctx: &Contesto<'_>, cartella: &Cartella, es: &mut Esiti) -> Vec<VoceSinba> {
    cartella
        .processi
        .iter()
        .enumerate()
        .filter_map(|(pi, p)| {
            let scheda = p.scheda_sinba.as_ref()?;
            deriva_processo(ctx, cartella, (pi, p), scheda, es)
        })
        .collect()
}

fn mese_di(i: &Istante) -> Option<MeseAnno> {
    (i.precision() >= Precisione::Mese)
        .then(|| MeseAnno::new(i.year(), i.month()?))
        .flatten()
}

fn si_no(b: bool) -> String {
    if b { "1" } else { "2" }.to_string()
}

fn deriva_processo(
    ctx: &Contesto<'_>,
    cartella: &Cartella,
    processo: (usize, &ProcessoAiuto),
    scheda: &SchedaSinba,
    es: &mut Esiti,
) -> Option<VoceSinba> {
    let (pi, p) = processo;
    let base = format!("/processi/{pi}/scheda_sinba");
    let campo = |c: &str| format!("{base}/{c}");
    let errori = es.errori();
    let a = &cartella.assistito;
    let ente = deriva_ente(ctx, cartella, (pi, p), es);
    let mut s = Sinba::default();

    // IDBeneficiario: stored, else HMAC.
    let id = match scheda
        .id_beneficiario
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty())
    {
        Some(x) if x.chars().count() <= 20 => Some(x.to_string()),
        Some(_) => {
            es.emetti0("SIUSS-SINBA-001", campo("id_beneficiario"));
            None
        }
        None => {
            let caso = match ctx.opz.id_caso {
                IdCaso::Cartella => cartella.id_cartella.as_str(),
                IdCaso::Processo => p.id_processo.as_str(),
            };
            let derivato = match (&ctx.opz.chiave_hmac, &ente) {
                (Some(k), Some((_, belfiore))) => {
                    id_beneficiario_sinba(belfiore, caso, k.as_bytes()).ok()
                }
                _ => None,
            };
            if derivato.is_none() && ente.is_some() {
                es.emetti0("SIUSS-SINBA-001", campo("id_beneficiario"));
            }
            derivato
        }
    };
    if let Some(id) = &id {
        let idl = id.to_lowercase();
        let cf = a
            .codice_fiscale
            .as_ref()
            .map(|c| c.normalizzato().to_lowercase())
            .filter(|c| c.len() >= 11);
        let contiene_cf = cf.is_some_and(|c| idl.contains(&c) || idl.contains(&c[..11]));
        let contiene_nome = [&a.cognome, &a.nome].into_iter().any(|t| {
            t.as_ref()
                .map(|t| t.as_str().trim().to_lowercase())
                .is_some_and(|t| t.chars().count() >= 3 && idl.contains(&t))
        });
        if contiene_cf || contiene_nome {
            es.emetti0("SIUSS-SINBA-002", campo("id_beneficiario"));
        }
    }
    s.id_beneficiario = id;

    // Required closed values of the scheda.
    let richiesto = |v: Option<String>, regola: &str, c: &str, es: &mut Esiti| {
        if v.is_none() {
            es.emetti0(regola, campo(c));
        }
        v
    };
    s.minore_straniero_no_acc = richiesto(
        scheda.minore_straniero_non_accompagnato.map(si_no),
        "SIUSS-SINBA-003",
        "minore_straniero_non_accompagnato",
        es,
    );
    s.condizione_minore = richiesto(
        scheda.condizione_minore.map(|x| x.code().into()),
        "SIUSS-SINBA-004",
        "condizione_minore",
        es,
    );
    s.luogo_vita = richiesto(
        scheda.luogo_vita.map(|x| x.code().into()),
        "SIUSS-SINBA-005",
        "luogo_vita",
        es,
    );
    s.scuola_frequentata = richiesto(
        scheda.scuola_frequentata.map(|x| x.code().into()),
        "SIUSS-SINBA-006",
        "scuola_frequentata",
        es,
    );
    s.condizione_lavoro = richiesto(
        scheda.condizione_lavoro.map(|x| x.code().into()),
        "SIUSS-SINBA-007",
        "condizione_lavoro",
        es,
    );
    s.disabilita = richiesto(
        scheda.disabilita.map(si_no),
        "SIUSS-SINBA-008",
        "disabilita",
        es,
    );
    s.valutazione_minore = richiesto(
        scheda.valutazione_minore.map(|x| x.code().into()),
        "SIUSS-SINBA-016",
        "valutazione_minore",
        es,
    );
    s.valutazione_famiglia_minore = richiesto(
        scheda.valutazione_famiglia.map(|x| x.code().into()),
        "SIUSS-SINBA-017",
        "valutazione_famiglia",
        es,
    );
    s.segnalazione_autorita_giudiziaria = richiesto(
        scheda
            .segnalazione_autorita_giudiziaria
            .as_ref()
            .map(|x| si_no(x.presente)),
        "SIUSS-SINBA-018",
        "segnalazione_autorita_giudiziaria",
        es,
    );
    s.provvedimento_giudiziario = richiesto(
        scheda
            .provvedimento_giudiziario
            .as_ref()
            .map(|x| si_no(x.presente)),
        "SIUSS-SINBA-021",
        "provvedimento_giudiziario",
        es,
    );

    // Optional values of the scheda.
    if let Some(x) = &scheda.segnalazione_autorita_giudiziaria {
        s.data_segnalazione = x.data.map(formatta_mese_anno);
    }
    if let Some(x) = &scheda.provvedimento_giudiziario {
        s.data_provvedimento_giudiziario = x.data.map(formatta_mese_anno);
        s.autorita_provvedimento = x.autorita.map(|v| v.code().into());
        s.potesta_tutela = x.potesta_tutela.map(|v| v.code().into());
        s.tipo_provvedimento_giudiziario = x.tipo.map(|v| v.code().into());
    }
    if let Some(x) = &scheda.affido {
        s.forma_intervento_affido = x.forma.map(|v| v.code().into());
        s.tipo_intervento_affido = x.tipo.map(|v| v.code().into());
        s.durata_affido = x.durata.map(|v| v.code().into());
        s.carattere_affido = x.carattere.map(|v| v.code().into());
        s.esito_affido = x.esito.map(|v| v.code().into());
    }
    if let Some(x) = &scheda.inserimento_residenziale {
        s.carattere_inserimento_residenziale = x.carattere.map(|v| v.code().into());
        s.forma_inserimento_residenziale = x.forma.map(|v| v.code().into());
        s.tipo_inserimento_residenziale = x.tipo.map(|v| v.code().into());
        s.esito_inserimento_struttura = x.esito.map(|v| v.code().into());
    }
    if !ctx.solo_obbligatori() {
        s.tipo_disabilita = scheda.tipo_disabilita.map(|v| v.code().into());
        s.inv_civ_certificazioni = scheda.invciv_certificazioni.map(|v| v.code().into());
        s.collaborazioni_interventi = scheda.collaborazioni_interventi.map(|v| v.code().into());
        s.numero_componenti_isee = scheda.numero_componenti_isee.map(|n| n.to_string());
        if let Some(g) = &scheda.padre {
            s.codice_cittadinanza_padre = g.codice_cittadinanza.as_ref().map(|c| c.to_string());
            s.codice_regione_residenza_padre = g.codice_regione_residenza.clone();
            s.titolo_studio_padre = g.titolo_studio.map(|v| v.code().into());
            s.occupazione_padre = g.occupazione.map(|v| v.code().into());
        }
        if let Some(g) = &scheda.madre {
            s.codice_cittadinanza_madre = g.codice_cittadinanza.as_ref().map(|c| c.to_string());
            s.codice_regione_residenza_madre = g.codice_regione_residenza.clone();
            s.titolo_studio_madre = g.titolo_studio.map(|v| v.code().into());
            s.occupazione_madre = g.occupazione.map(|v| v.code().into());
        }
    }

    // Reference date r: closing date of a closed (transferred) process, else R.
    let r = match p.stato {
        Some(StatoProcesso::Trasferito) => p.trasferimento.as_ref().map(|t| t.data.naive()),
        Some(StatoProcesso::Chiuso) => p
            .valutazioni_finali()
            .filter_map(|e| {
                let h = &e.intestazione;
                h.data_fine.as_ref().or(h.data_inizio.as_ref())?.date()
            })
            .max(),
        _ => None,
    }
    .unwrap_or(ctx.riferimento);

    // AnnoNascita, FasciaEtaBeneficiario (only year and band leave the cartella).
    let motivazione_esplicita = scheda.chiusura.as_ref().and_then(|c| c.motivazione);
    match a.data_nascita {
        Some(n) => {
            s.anno_nascita = Some(format!("{:04}", n.year()));
            let maggiore_eta =
                motivazione_esplicita == Some(MotivazioneChiusuraCarico::RaggiuntaMaggioreEta);
            match eta_compiuta(n.naive(), r) {
                Some(anni) => match fascia_eta(anni, maggiore_eta) {
                    Some(f) => s.fascia_eta_beneficiario = Some(f.code().into()),
                    None => es.emetti0("SIUSS-SINBA-039", "/assistito/data_nascita"),
                },
                None => es.emetti0("SIUSS-SINBA-030", "/assistito/data_nascita"),
            }
        }
        None => {
            es.emetti0("SIUSS-SINBA-032", "/assistito/data_nascita");
            es.emetti0("SIUSS-SINBA-030", "/assistito/data_nascita");
        }
    }

    // Residence: nation and region only.
    match &a.residenza {
        None => es.emetti0("SIUSS-SINBA-033", "/assistito/residenza"),
        Some(res) => {
            let codici = codici_residenza(ctx, res);
            match codici.nazione.as_deref() {
                None => es.emetti0("SIUSS-SINBA-033", "/assistito/residenza/nazione_iso2"),
                Some("380") => {
                    if codici.regione.is_none() {
                        es.emetti0(
                            "SIUSS-SINBA-034",
                            "/assistito/residenza/codice_regione_dm1986",
                        );
                    }
                    s.codice_regione_residenza = codici.regione;
                }
                Some(_) => {}
            }
            s.codice_nazione_residenza = codici.nazione;
        }
    }

    // DataPrimaSegnalazione.
    let prima = scheda
        .data_prima_segnalazione
        .or_else(|| {
            p.accessi()
                .filter_map(|x| x.segnalazione.as_ref()?.data_segnalazione.as_ref())
                .filter_map(mese_di)
                .min()
        })
        .or_else(|| {
            p.accessi()
                .filter_map(|x| x.intestazione.data_inizio.as_ref())
                .filter_map(mese_di)
                .min()
        });
    match prima {
        Some(m) => s.data_prima_segnalazione = Some(formatta_mese_anno(m)),
        None => es.emetti0("SIUSS-SINBA-014", campo("data_prima_segnalazione")),
    }

    // FonteSegnalazione: explicit, else concept map from the earliest mappable ente segnalante.
    let fonte = scheda.fonte_segnalazione.or_else(|| {
        let mut accessi: Vec<_> = p.accessi().collect();
        accessi.sort_by_key(|x| x.intestazione.data_inizio.as_ref().map(|i| i.inizio()));
        accessi.iter().find_map(|x| {
            let tipologia = x
                .segnalazione
                .as_ref()?
                .ente_segnalante
                .as_ref()?
                .tipologia
                .as_ref();
            ctx.traduci(tipologia, FonteSegnalazione::SYSTEM)
                .and_then(FonteSegnalazione::from_code)
        })
    });
    match fonte {
        Some(f) => s.fonte_segnalazione = Some(f.code().into()),
        None => es.emetti0("SIUSS-SINBA-015", campo("fonte_segnalazione")),
    }

    // FasciaISEEBeneficiario: explicit, else from the latest A ISEE value.
    let isee = p
        .accessi()
        .filter(|x| x.valore_isee.is_some())
        .max_by_key(|x| x.intestazione.data_inizio.as_ref().map(|i| i.inizio()))
        .and_then(|x| x.valore_isee.as_ref())
        .map(|v| v.amount.valore());
    let fascia = match (scheda.fascia_isee, isee) {
        (Some(f), Some(v)) => {
            if fascia_isee(v) != Some(f) {
                es.emetti0("SIUSS-SINBA-050", campo("fascia_isee"));
            }
            Some(f)
        }
        (Some(f), None) => Some(f),
        (None, Some(v)) => fascia_isee(v),
        (None, None) => None,
    };
    if !ctx.solo_obbligatori() {
        s.fascia_isee_beneficiario = fascia.map(|f| f.code().into());
    }

    // Closure.
    let motivazione = motivazione_esplicita
        .or_else(|| {
            p.trasferimento.as_ref().map(|t| {
                if t.stessa_regione {
                    MotivazioneChiusuraCarico::AltroAmbitoStessaRegione
                } else {
                    MotivazioneChiusuraCarico::AltroAmbitoAltraRegione
                }
            })
        })
        .or_else(|| {
            let decesso = a.data_decesso?.naive();
            let inizio = p
                .accessi()
                .filter_map(|x| x.intestazione.data_inizio.as_ref())
                .map(|i| i.inizio().date())
                .min();
            inizio
                .is_none_or(|i| i <= decesso)
                .then_some(MotivazioneChiusuraCarico::Decesso)
        });
    s.motivazione_chiusura_carico = motivazione.map(|m| m.code().into());
    s.situazione_chiusura_carico = scheda
        .chiusura
        .as_ref()
        .and_then(|c| c.situazione)
        .map(|v| v.code().into());

    // Prestazioni: explicit, else the INPS codes of the D records active in the year of r.
    let codici: Vec<String> = if scheda.prestazioni.is_empty() {
        let anno = r.year();
        p.erogazioni()
            .filter(|d| {
                d.data_attivazione
                    .as_ref()
                    .is_some_and(|x| x.year() <= anno)
                    && d.data_conclusione.as_ref().is_none_or(|x| x.year() >= anno)
            })
            .filter_map(|d| d.siuss.as_ref()?.codice_prestazione.as_deref())
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    } else {
        scheda
            .prestazioni
            .iter()
            .map(|c| c.trim().to_string())
            .collect()
    };
    if codici.is_empty() {
        es.emetti0("SIUSS-SINBA-035", campo("prestazioni"));
    }
    s.prestazioni = PrestazioniSinba {
        codici_prestazione: codici,
    };
    if scheda.composizione_famiglia.is_empty() {
        es.emetti0("SIUSS-SINBA-036", campo("composizione_famiglia"));
    }
    s.famiglia = Famiglia {
        composizione_famiglia: scheda
            .composizione_famiglia
            .iter()
            .map(|c| c.code().to_string())
            .collect(),
    };

    if es.errori() > errori {
        return None;
    }
    let (ente, belfiore) = ente?;
    Some((ente, belfiore, s))
}

/// Builds the flows: one per SINBA element on `waas`/`cooperazione`, one per ente on `upload`.
pub(super) fn assembla(
    ctx: &Contesto<'_>,
    voci: Vec<VoceSinba>,
    numeratore: &mut Numeratore,
    es: &mut Esiti,
) -> Vec<Flusso> {
    let mut flussi = Vec::new();
    for (ente, belfiore, elementi) in raggruppa(ctx.opz.canale, voci) {
        let Some(nome) = numeratore.nome(ctx, &belfiore, TipoFlusso::Sinba, es) else {
            continue;
        };
        flussi.push(flusso_sinba(identificazione(nome, &ente), elementi));
    }
    flussi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, g: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, g).unwrap_or_default()
    }

    #[test]
    fn eta() {
        assert_eq!(eta_compiuta(d(2010, 5, 20), d(2024, 5, 19)), Some(13));
        assert_eq!(eta_compiuta(d(2010, 5, 20), d(2024, 5, 20)), Some(14));
        assert_eq!(eta_compiuta(d(2008, 2, 29), d(2026, 2, 28)), Some(17));
        assert_eq!(eta_compiuta(d(2008, 2, 29), d(2026, 3, 1)), Some(18));
        assert_eq!(eta_compiuta(d(2024, 1, 2), d(2024, 1, 1)), None);
    }

    #[test]
    fn fasce_eta() {
        use FasciaEtaBeneficiario as F;
        let casi = [
            (0, F::Da0A3),
            (2, F::Da0A3),
            (3, F::Da3A6),
            (5, F::Da3A6),
            (6, F::Da6A9),
            (8, F::Da6A9),
            (9, F::Da9A12),
            (11, F::Da9A12),
            (12, F::Da12A15),
            (14, F::Da12A15),
            (15, F::Da15A18),
            (17, F::Da15A18),
        ];
        for (anni, fascia) in casi {
            assert_eq!(fascia_eta(anni, false), Some(fascia), "{anni}");
        }
        assert_eq!(fascia_eta(18, false), None);
        assert_eq!(fascia_eta(18, true), Some(F::Da15A18));
        assert_eq!(fascia_eta(30, true), Some(F::Da15A18));
    }

    #[test]
    fn fasce_isee() {
        use FasciaIseeBeneficiario as F;
        let casi = [
            ("0", F::Zero),
            ("0.00", F::Zero),
            ("0.004", F::Zero),
            ("0.01", F::Fino3000),
            ("3000.00", F::Fino3000),
            ("3000.004", F::Fino3000),
            ("3000.01", F::Da3000A6000),
            ("6000", F::Da3000A6000),
            ("6000.01", F::Da6000A9000),
            ("9000", F::Da6000A9000),
            ("9000.01", F::Da9000A12000),
            ("12000", F::Da9000A12000),
            ("12000.01", F::Da12000A15000),
            ("15000", F::Da12000A15000),
            ("15000.01", F::Da15000A20000),
            ("20000.00", F::Da15000A20000),
            ("20000.01", F::Oltre20000),
            ("150000", F::Oltre20000),
        ];
        for (v, fascia) in casi {
            let v: Decimal = v.parse().unwrap_or_default();
            assert_eq!(fascia_isee(v), Some(fascia), "{v}");
        }
        assert_eq!(fascia_isee(Decimal::new(-1, 2)), None);
    }
}
