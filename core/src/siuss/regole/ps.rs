//! `Beneficiario`, `Anagrafica`, `Indirizzo` and `PrestazioniSociali` (`SIUSS-PS-010`…`-095`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::lessico::{self, Decimale};
use super::{in_tabella, ChiaveRecord, VerificaIncrementale};
use crate::siuss::flusso::{Beneficiario, PrestazioniSociali};

/// The `xs:decimal` attributes: (XSD name, JSON name, value, is an amount).
type CampoDecimale<'p> = (&'static str, &'static str, Option<&'p str>, bool);

/// Two-decimal text of an amount (rounded half-up).
fn due_decimali(d: Decimal) -> String {
    let mut r = arrotonda(d);
    r.rescale(2);
    r.to_string()
}

/// Rounds half-up (away from zero) to 2 decimals.
fn arrotonda(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl VerificaIncrementale<'_> {
    pub(super) fn verifica_beneficiario(&mut self, i: usize, b: &Beneficiario) {
        let pb = |campo: &str| format!("/beneficiari/{i}/{campo}");
        // Codice fiscale: 010 / 011 / 012.
        let cf = b.codice_fiscale.as_deref();
        let mut cf_valido_16 = None;
        match cf {
            None => self.ctx.emit(
                "SIUSS-PS-010",
                pb("codice_fiscale"),
                [("cf", String::new())],
            ),
            Some(c) => {
                let pattern = lessico::pattern_cf(c);
                let omocodico = !pattern && lessico::omocodico_non_inps(c);
                if omocodico {
                    self.ctx.emit(
                        "SIUSS-PS-011",
                        pb("codice_fiscale"),
                        [("cf", c.to_string())],
                    );
                } else if !pattern {
                    self.ctx.emit(
                        "SIUSS-PS-010",
                        pb("codice_fiscale"),
                        [("cf", c.to_string())],
                    );
                }
                if pattern || omocodico {
                    if crate::cf::is_valid(c) {
                        if c.len() == 16 {
                            cf_valido_16 = Some(c);
                        }
                    } else {
                        self.ctx.emit(
                            "SIUSS-PS-012",
                            pb("codice_fiscale"),
                            [("cf", c.to_string())],
                        );
                    }
                }
            }
        }

        // Anagrafica.
        let a = &b.anagrafica;
        let pa = |campo: &str| format!("/beneficiari/{i}/anagrafica/{campo}");
        for (nome, v) in [("cognome", &a.cognome), ("nome", &a.nome)] {
            if !v
                .as_deref()
                .is_some_and(|v| lessico::lunghezza_tra(v, 1, 36))
            {
                self.ctx.emit("SIUSS-PS-013", pa(nome), []);
            }
        }
        match a.anno_nascita.as_deref() {
            Some(anno) if lessico::cifre(anno, 4) => {
                if let (Some(c), Ok(n)) = (cf_valido_16, anno.parse::<i32>()) {
                    if lessico::anno_cf(c).is_some_and(|yy| yy != n % 100) {
                        self.ctx.emit("SIUSS-PS-025", pa("anno_nascita"), []);
                    }
                }
            }
            _ => self.ctx.emit("SIUSS-PS-014", pa("anno_nascita"), []),
        }
        if a.luogo_nascita.as_deref().map(lessico::lunghezza) != Some(4) {
            self.ctx.emit("SIUSS-PS-015", pa("luogo_nascita"), []);
        }
        if !a
            .genere
            .as_deref()
            .is_some_and(|g| in_tabella(self.tabelle.genere, g))
        {
            self.ctx.emit("SIUSS-PS-016", pa("genere"), []);
        }
        if !a
            .codice_cittadinanza
            .as_deref()
            .is_some_and(|c| lessico::cifre(c, 3))
        {
            self.ctx.emit("SIUSS-PS-017", pa("codice_cittadinanza"), []);
        }
        if a.codice_seconda_cittadinanza
            .as_deref()
            .is_some_and(|c| !lessico::cifre(c, 3))
        {
            self.ctx
                .emit("SIUSS-PS-018", pa("codice_seconda_cittadinanza"), []);
        }

        // Indirizzo (1..5).
        if b.indirizzi.is_empty() || b.indirizzi.len() > 5 {
            self.ctx.emit("SIUSS-PS-019", pb("indirizzi"), []);
        }
        for (k, ind) in b.indirizzi.iter().enumerate() {
            let pi = |campo: &str| format!("/beneficiari/{i}/indirizzi/{k}/{campo}");
            let nazione = ind
                .codice_nazione
                .as_deref()
                .filter(|n| lessico::cifre(n, 3));
            if nazione.is_none() {
                self.ctx.emit("SIUSS-PS-020", pi("codice_nazione"), []);
            }
            let regione = ind.codice_regione.as_deref();
            let comune = ind.codice_comune.as_deref();
            if regione.is_some_and(|r| !lessico::cifre(r, 2)) {
                self.ctx.emit("SIUSS-PS-023", pi("codice_regione"), []);
            }
            if comune.is_some_and(|c| !lessico::cifre(c, 6)) {
                self.ctx.emit("SIUSS-PS-023", pi("codice_comune"), []);
            }
            match nazione {
                Some("380") => {
                    if regione.is_none() {
                        self.ctx.emit("SIUSS-PS-021", pi("codice_regione"), []);
                    }
                    if comune.is_none() {
                        self.ctx.emit("SIUSS-PS-022", pi("codice_comune"), []);
                    }
                }
                Some(_) => {
                    if regione.is_some() {
                        self.ctx.emit("SIUSS-PS-024", pi("codice_regione"), []);
                    }
                    if comune.is_some() {
                        self.ctx.emit("SIUSS-PS-024", pi("codice_comune"), []);
                    }
                }
                None => {}
            }
        }

        // PrestazioniSociali.
        if b.prestazioni_sociali.len() > 1 && self.o.canale.singolo() {
            self.ctx.emit("SIUSS-PS-032", pb("prestazioni_sociali"), []);
        }
        for (j, p) in b.prestazioni_sociali.iter().enumerate() {
            self.verifica_prestazione(i, j, b, p);
        }
    }

    fn verifica_prestazione(
        &mut self,
        i: usize,
        j: usize,
        b: &Beneficiario,
        p: &PrestazioniSociali,
    ) {
        let pp = |campo: &str| format!("/beneficiari/{i}/prestazioni_sociali/{j}/{campo}");
        let t = &self.tabelle;

        // Enumerations.
        if p.tipo_operazione
            .as_deref()
            .is_some_and(|v| !in_tabella(t.tipo_operazione, v))
        {
            self.ctx.emit("SIUSS-PS-033", pp("tipo_operazione"), []);
        }
        let ppm = p.presenza_prova_mezzi.as_deref();
        if !ppm.is_some_and(|v| in_tabella(t.presenza_prova_mezzi, v)) {
            self.ctx
                .emit("SIUSS-PS-034", pp("presenza_prova_mezzi"), []);
        }
        let carattere = match p.carattere_prestazione.as_deref() {
            None => {
                self.ctx
                    .emit("SIUSS-PS-035", pp("carattere_prestazione"), []);
                None
            }
            Some(v) if !in_tabella(t.carattere_prestazione, v) => {
                self.ctx
                    .emit("SIUSS-PS-036", pp("carattere_prestazione"), []);
                None
            }
            Some(v) => Some(v),
        };
        let periodica = carattere == Some("1");
        let occasionale = carattere == Some("2");
        let presa = p.presa_carico.as_deref();
        if !presa.is_some_and(|v| in_tabella(t.presa_carico, v)) {
            self.ctx.emit("SIUSS-PS-062", pp("presa_carico"), []);
        }
        let area = p.area_utenza.as_deref();
        match area {
            None if presa == Some("1") => self.ctx.emit("SIUSS-PS-063", pp("area_utenza"), []),
            Some(v) if !in_tabella(t.area_utenza, v) => {
                self.ctx.emit("SIUSS-PS-064", pp("area_utenza"), [])
            }
            _ => {}
        }

        // DSU: 037 all-or-none, 038 facets, 039 year, 068 ISEE without DSU.
        let dsu = [
            ("numero_protocollo_dsu", p.numero_protocollo_dsu.as_deref()),
            ("anno_protocollo_dsu", p.anno_protocollo_dsu.as_deref()),
            ("data_dsu", p.data_dsu.as_deref()),
        ];
        let presenti = dsu.iter().filter(|(_, v)| v.is_some()).count();
        if presenti > 0 && presenti < dsu.len() {
            if let Some((campo, _)) = dsu.iter().find(|(_, v)| v.is_none()) {
                self.ctx.emit("SIUSS-PS-037", pp(campo), []);
            }
        }
        if presenti == 0 && ppm == Some("1") {
            self.ctx
                .emit("SIUSS-PS-068", pp("presenza_prova_mezzi"), []);
        }
        if p.numero_protocollo_dsu
            .as_deref()
            .is_some_and(|n| !lessico::lunghezza_tra(n, 0, 30))
        {
            self.ctx.emit(
                "SIUSS-PS-038",
                pp("numero_protocollo_dsu"),
                [("attributo", "NumeroProtocolloDSU".to_string())],
            );
        }
        let anno_dsu = match p.anno_protocollo_dsu.as_deref() {
            Some(a) if lessico::cifre(a, 4) => a.parse::<i32>().ok(),
            Some(_) => {
                self.ctx.emit(
                    "SIUSS-PS-038",
                    pp("anno_protocollo_dsu"),
                    [("attributo", "AnnoProtocolloDSU".to_string())],
                );
                None
            }
            None => None,
        };
        let data_dsu = match p.data_dsu.as_deref() {
            Some(d) => {
                let data = lessico::data(d);
                if data.is_none() {
                    self.ctx.emit(
                        "SIUSS-PS-038",
                        pp("data_dsu"),
                        [("attributo", "DataDSU".to_string())],
                    );
                }
                data
            }
            None => None,
        };
        if let (Some(a), Some(d)) = (anno_dsu, data_dsu) {
            if a != d.year() {
                self.ctx.emit("SIUSS-PS-039", pp("anno_protocollo_dsu"), []);
            }
        }

        // Codes and texts.
        let codice = match p.codice_prestazione.as_deref() {
            Some(c) if lessico::lunghezza_tra(c, 5, 10) => {
                if self.tabelle.prestazioni.is_some_and(|t| t.get(c).is_none()) {
                    self.ctx.emit(
                        "SIUSS-PS-041",
                        pp("codice_prestazione"),
                        [("codice", c.to_string())],
                    );
                }
                Some(c)
            }
            _ => {
                self.ctx.emit("SIUSS-PS-040", pp("codice_prestazione"), []);
                None
            }
        };
        if !p
            .denominazione_prestazione
            .as_deref()
            .is_some_and(|d| lessico::lunghezza_tra(d, 10, 200))
        {
            self.ctx
                .emit("SIUSS-PS-042", pp("denominazione_prestazione"), []);
        }
        if !p
            .protocollo_domanda
            .as_deref()
            .is_some_and(|d| lessico::lunghezza_tra(d, 1, 32))
        {
            self.ctx.emit("SIUSS-PS-043", pp("protocollo_domanda"), []);
        }
        if let Some(c) = codice {
            if presa == Some("2") && self.attributi.richiede_presa_in_carico.contains(&c) {
                self.ctx.emit(
                    "SIUSS-PS-065",
                    pp("codice_prestazione"),
                    [("codice", c.to_string())],
                );
            }
            if p.data_evento.is_none() && self.attributi.richiede_data_evento.contains(&c) {
                self.ctx.emit(
                    "SIUSS-PS-092",
                    pp("data_evento"),
                    [("codice", c.to_string())],
                );
            }
        }

        // Dates.
        if p.data_evento
            .as_deref()
            .is_some_and(|d| lessico::data(d).is_none())
        {
            self.ctx.emit("SIUSS-PS-045", pp("data_evento"), []);
        }
        let inizio = p.data_inizio_prestazione.as_deref().and_then(lessico::data);
        let fine = p.data_fine_prestazione.as_deref().and_then(lessico::data);
        let erogazione = p
            .data_erogazione_prestazione
            .as_deref()
            .and_then(lessico::data);
        if periodica && p.data_inizio_prestazione.is_none() {
            self.ctx
                .emit("SIUSS-PS-046", pp("data_inizio_prestazione"), []);
        }
        if occasionale && p.data_erogazione_prestazione.is_none() {
            self.ctx
                .emit("SIUSS-PS-049", pp("data_erogazione_prestazione"), []);
        }
        if let (Some(s), Some(e)) = (inizio, fine) {
            if s.year() != e.year() {
                self.ctx
                    .emit("SIUSS-PS-047", pp("data_fine_prestazione"), []);
            }
            if e < s {
                self.ctx
                    .emit("SIUSS-PS-048", pp("data_fine_prestazione"), []);
            }
        }
        if let Some(df) = self.data_flusso {
            if inizio.is_some_and(|d| d > df) {
                self.ctx
                    .emit("SIUSS-PS-070", pp("data_inizio_prestazione"), []);
            }
            if erogazione.is_some_and(|d| d > df) {
                self.ctx
                    .emit("SIUSS-PS-070", pp("data_erogazione_prestazione"), []);
            }
        }
        match p.periodo_erogazione.as_deref().map(lessico::intero) {
            Some(Some(n)) if (1..=12).contains(&n) => {
                if let (Some(s), Some(e)) = (inizio, fine) {
                    if e >= s && i64::from(n) > mesi(s, e) {
                        self.ctx.emit("SIUSS-PS-055", pp("periodo_erogazione"), []);
                    }
                }
            }
            Some(_) => self.ctx.emit("SIUSS-PS-054", pp("periodo_erogazione"), []),
            None => {}
        }

        // Attributes of the other nature (066).
        let estranei: &[(&str, bool)] = if periodica {
            &[
                (
                    "data_erogazione_prestazione",
                    p.data_erogazione_prestazione.is_some(),
                ),
                ("importo_prestazione", p.importo_prestazione.is_some()),
            ]
        } else if occasionale {
            &[
                (
                    "data_inizio_prestazione",
                    p.data_inizio_prestazione.is_some(),
                ),
                ("data_fine_prestazione", p.data_fine_prestazione.is_some()),
                ("periodo_erogazione", p.periodo_erogazione.is_some()),
                ("importo_mensile", p.importo_mensile.is_some()),
            ]
        } else {
            &[]
        };
        for (campo, presente) in estranei {
            if *presente {
                self.ctx.emit("SIUSS-PS-066", pp(campo), []);
            }
        }

        // Amounts.
        self.verifica_importi(&pp, p, periodica, occasionale);

        // SINA.
        self.verifica_sina_prestazione(i, j, p, codice, presa, area);

        // 069: a cancellation must repeat the last insertion sent.
        if p.tipo_operazione.as_deref() == Some("C") {
            if let Some(register) = &self.o.ultimi_inserimenti {
                let ente = self.codice_ente.as_deref().unwrap_or_default();
                let ultimo = ChiaveRecord::di_prestazione(ente, b, p)
                    .and_then(|chiave| register.ultimo_inserimento(&chiave));
                if let Some(ultimo) = ultimo {
                    if !super::cancellazione_coerente(p, &ultimo) {
                        self.ctx.emit(
                            "SIUSS-PS-069",
                            format!("/beneficiari/{i}/prestazioni_sociali/{j}"),
                            [],
                        );
                    }
                }
            }
        }
    }

    fn verifica_importi(
        &mut self,
        pp: &dyn Fn(&str) -> String,
        p: &PrestazioniSociali,
        periodica: bool,
        occasionale: bool,
    ) {
        let campi: [CampoDecimale<'_>; 8] = [
            (
                "ImportoPrestazione",
                "importo_prestazione",
                p.importo_prestazione.as_deref(),
                true,
            ),
            (
                "ImportoMensile",
                "importo_mensile",
                p.importo_mensile.as_deref(),
                true,
            ),
            (
                "ImportoQuotaEnte",
                "importo_quota_ente",
                p.importo_quota_ente.as_deref(),
                true,
            ),
            (
                "ImportoQuotaUtente",
                "importo_quota_utente",
                p.importo_quota_utente.as_deref(),
                true,
            ),
            (
                "ImportoQuotaSSN",
                "importo_quota_ssn",
                p.importo_quota_ssn.as_deref(),
                true,
            ),
            (
                "ImportoQuotaRichiesta",
                "importo_quota_richiesta",
                p.importo_quota_richiesta.as_deref(),
                true,
            ),
            (
                "ImportoSogliaISEE",
                "importo_soglia_isee",
                p.importo_soglia_isee.as_deref(),
                true,
            ),
            (
                "OreServizioMensile",
                "ore_servizio_mensile",
                p.ore_servizio_mensile.as_deref(),
                false,
            ),
        ];
        // Parsed values, parallel to `campi` (`None`: absent, invalid or out of scale).
        let mut valori: [Option<Decimal>; 8] = [None; 8];
        // Whether every present value is a comparable decimal.
        let mut tutti_validi = [true; 8];
        for (k, (xsd, json, v, importo)) in campi.iter().enumerate() {
            let Some(v) = v else { continue };
            match lessico::decimale(v) {
                Decimale::NonValido => {
                    tutti_validi[k] = false;
                    self.ctx
                        .emit("SIUSS-PS-060", pp(json), [("attributo", xsd.to_string())]);
                }
                Decimale::FuoriScala => tutti_validi[k] = false,
                Decimale::Valore(d) => {
                    valori[k] = Some(d);
                    if *importo && d.normalize().scale() > 2 {
                        self.ctx
                            .emit("SIUSS-PS-093", pp(json), [("attributo", xsd.to_string())]);
                    }
                }
            }
        }
        let [prestazione, mensile, ente, utente, ssn, richiesta, soglia, _] = valori;
        if occasionale && p.importo_prestazione.is_none() {
            self.ctx.emit("SIUSS-PS-050", pp("importo_prestazione"), []);
        }
        if periodica && p.importo_mensile.is_none() {
            self.ctx.emit("SIUSS-PS-052", pp("importo_mensile"), []);
        }
        let positivo = |d: Option<Decimal>| d.is_none_or(|d| d > Decimal::ZERO);
        if !positivo(prestazione) {
            self.ctx.emit("SIUSS-PS-051", pp("importo_prestazione"), []);
        }
        if !positivo(mensile) {
            self.ctx.emit("SIUSS-PS-053", pp("importo_mensile"), []);
        }
        if !positivo(ente) {
            self.ctx.emit("SIUSS-PS-056", pp("importo_quota_ente"), []);
        }
        if utente.is_some_and(|d| d < Decimal::ZERO) {
            self.ctx
                .emit("SIUSS-PS-057", pp("importo_quota_utente"), []);
        }
        if !positivo(ssn) {
            self.ctx.emit("SIUSS-PS-058", pp("importo_quota_ssn"), []);
        }
        for (d, xsd, json) in [
            (
                richiesta,
                "ImportoQuotaRichiesta",
                "importo_quota_richiesta",
            ),
            (soglia, "ImportoSogliaISEE", "importo_soglia_isee"),
        ] {
            if d.is_some_and(|d| d < Decimal::ZERO) {
                self.ctx
                    .emit("SIUSS-PS-067", pp(json), [("attributo", xsd.to_string())]);
            }
        }

        // 059: quota sum.
        let quote_presenti = [2, 3, 4].iter().any(|&k| campi[k].2.is_some());
        let quote_valide = [2, 3, 4].iter().all(|&k| tutti_validi[k]);
        let bersaglio = if periodica {
            Some((mensile, 1, "importo_mensile"))
        } else if occasionale {
            Some((prestazione, 0, "importo_prestazione"))
        } else {
            None
        };
        if let Some((Some(importo), k, json)) = bersaglio {
            if quote_presenti && quote_valide && tutti_validi[k] {
                let somma: Decimal = [ente, utente, ssn]
                    .into_iter()
                    .flatten()
                    .map(arrotonda)
                    .sum();
                let importo = arrotonda(importo);
                if (somma - importo).abs() > self.o.tolleranza_quote {
                    self.ctx.emit(
                        "SIUSS-PS-059",
                        pp(json),
                        [
                            ("somma", due_decimali(somma)),
                            ("importo", due_decimali(importo)),
                        ],
                    );
                }
            }
        }

        // OreServizioMensile (§4.5): 061 minutes, 095 more than 744 hours.
        if let Some((ore, minuti)) = p
            .ore_servizio_mensile
            .as_deref()
            .and_then(lessico::ore_minuti)
        {
            if minuti > 59 {
                self.ctx
                    .emit("SIUSS-PS-061", pp("ore_servizio_mensile"), []);
            }
            if ore > 744 || (ore == 744 && minuti > 0) {
                self.ctx
                    .emit("SIUSS-PS-095", pp("ore_servizio_mensile"), []);
            }
        }
    }
}

/// Calendar months touched by the period `s..=e` (`siuss.md` §8.4).
fn mesi(s: NaiveDate, e: NaiveDate) -> i64 {
    i64::from(e.year() - s.year()) * 12 + i64::from(e.month()) - i64::from(s.month()) + 1
}
