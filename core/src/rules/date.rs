//! Dates (`CSI-DAT-*`, `rules.md` §4.11).
//!
//! Comparisons use [`Istante::cmp_common`] semantics: values equal on their common precision are
//! not ordered and never violate an ordering rule (`2024-01` is neither before nor after
//! `2024-01-10`). A [`Data`] compares as a day-precision value.
//!
//! Interpretations (the check texts do not list fields):
//! - `CSI-DAT-015` (year outside 1800–2199) covers every `Data` and `Istante` of the cartella
//!   (SINBA month-dates have their own INPS rules).
//! - `CSI-DAT-002` ("future") covers dates of facts that must already have happened: phase start
//!   and end, referral, assessment, activation, conclusion, suspensions, delivered prestazioni,
//!   final evaluation and project closure, SIUSS event/delivery dates, DSU date, presa in carico,
//!   transfer, receipt, process events, consents, data_decesso. Planned dates (project start/end,
//!   planned prestazioni) may lie in the future. Birth dates have their own rules (`-003`, `-017`).
//! - `CSI-DAT-004` (before the assistito's birth) covers the same dates of the processes plus the
//!   planned ones; the DSU date (a household declaration) and consents are exempt.
//! - `CSI-DAT-014` (after data_decesso) covers the dates that *start* something: phase start
//!   (except E records, which legitimately close a process after a death), referral, assessment,
//!   project start, activation, suspension start, delivered prestazione start, presa in carico
//!   start. Ends and closures normally follow a death and are exempt.
//! - `CSI-DAT-007`: a suspension starting before `data_attivazione`, or starting or ending after
//!   `data_conclusione`.
//! - `CSI-DAT-009`: the "following C record" is the first C record after the B record in `fasi`.
//! - `CSI-DAT-010`/`-011`: the project start is the `progetto.data_inizio` of the last C record
//!   before the E record in `fasi`, else that C record's `data_inizio`.
//! - `CSI-DAT-017`: relatives and assistenti personali (operators carry no birth date in the
//!   model); param `campo` is the collection (`relazioni`, `assistenti_personali`).
//! - Param `campo` is the field's key (e.g. `data_inizio`); the path locates the record.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};

use super::codici::Percorso;
use super::engine::Ctx;
use crate::model::{Cartella, Data, Fase, Istante, Precisione, Prestazione};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-DAT-001",
    "CSI-DAT-002",
    "CSI-DAT-003",
    "CSI-DAT-004",
    "CSI-DAT-005",
    "CSI-DAT-006",
    "CSI-DAT-007",
    "CSI-DAT-008",
    "CSI-DAT-009",
    "CSI-DAT-010",
    "CSI-DAT-011",
    "CSI-DAT-012",
    "CSI-DAT-013",
    "CSI-DAT-014",
    "CSI-DAT-015",
    "CSI-DAT-016",
    "CSI-DAT-017",
    "CSI-DAT-018",
];

/// Rules of the family that can only arise while reading or writing HL7 XML (none).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// A point in time of the model: a calendar date or a partial date-time.
#[derive(Debug, Clone, Copy)]
enum Quando<'a> {
    Giorno(NaiveDate),
    Istante(&'a Istante),
}

impl From<Data> for Quando<'_> {
    fn from(d: Data) -> Self {
        Quando::Giorno(d.naive())
    }
}

impl<'a> From<&'a Istante> for Quando<'a> {
    fn from(i: &'a Istante) -> Self {
        Quando::Istante(i)
    }
}

/// A day against a partial date-time, on their common precision (as [`Istante::cmp_common`]).
fn cmp_giorno_istante(d: NaiveDate, i: &Istante) -> Option<Ordering> {
    let (y, m, g) = (d.year(), d.month(), d.day());
    let p = i.precision();
    let o = match p {
        Precisione::Anno => y.cmp(&i.year()),
        Precisione::Mese => (y, m).cmp(&(i.year(), i.month().unwrap_or(0))),
        _ => {
            let di = i.date()?;
            (y, m, g).cmp(&(di.year(), di.month(), di.day()))
        }
    };
    match o {
        Ordering::Equal if p == Precisione::Giorno => Some(Ordering::Equal),
        Ordering::Equal => None,
        o => Some(o),
    }
}

impl Quando<'_> {
    fn anno(&self) -> i32 {
        match self {
            Quando::Giorno(d) => d.year(),
            Quando::Istante(i) => i.year(),
        }
    }

    /// Order on the common precision; `None` = not ordered.
    fn cmp(&self, altro: &Quando<'_>) -> Option<Ordering> {
        match (self, altro) {
            (Quando::Giorno(a), Quando::Giorno(b)) => Some(a.cmp(b)),
            (Quando::Istante(a), Quando::Istante(b)) => a.cmp_common(b),
            (Quando::Giorno(a), Quando::Istante(b)) => cmp_giorno_istante(*a, b),
            (Quando::Istante(a), Quando::Giorno(b)) => {
                cmp_giorno_istante(*b, a).map(Ordering::reverse)
            }
        }
    }

    fn prima_di(&self, altro: &Quando<'_>) -> bool {
        self.cmp(altro) == Some(Ordering::Less)
    }

    fn dopo(&self, altro: &Quando<'_>) -> bool {
        self.cmp(altro) == Some(Ordering::Greater)
    }
}

/// `CSI-DAT-002` applies.
const FUTURO: u8 = 1;
/// `CSI-DAT-004` applies.
const NASCITA: u8 = 2;
/// `CSI-DAT-014` applies.
const DECESSO: u8 = 4;

struct Date<'x, 'c> {
    ctx: &'x mut Ctx<'c>,
    oggi: Quando<'static>,
    nascita: Option<Quando<'static>>,
    decesso: Option<Quando<'static>>,
}

impl Date<'_, '_> {
    /// Checks one date of the cartella at `p/nome` with the rules selected by `regole`.
    fn data<'q>(
        &mut self,
        p: &Percorso<'_>,
        nome: &str,
        v: Option<impl Into<Quando<'q>>>,
        regole: u8,
    ) {
        let Some(v) = v else { return };
        let v: Quando<'q> = v.into();
        let anno = v.anno();
        if !(1800..=2199).contains(&anno) {
            self.ctx.emit(
                "CSI-DAT-015",
                p.campo(nome).render(),
                [("campo", nome.to_string())],
            );
        }
        if regole & FUTURO != 0 && v.dopo(&self.oggi) {
            self.ctx.emit(
                "CSI-DAT-002",
                p.campo(nome).render(),
                [("campo", nome.to_string())],
            );
        }
        if regole & NASCITA != 0 && self.nascita.is_some_and(|n| v.prima_di(&n)) {
            self.ctx.emit(
                "CSI-DAT-004",
                p.campo(nome).render(),
                [("campo", nome.to_string())],
            );
        }
        if regole & DECESSO != 0 && self.decesso.is_some_and(|m| v.dopo(&m)) {
            self.ctx.emit(
                "CSI-DAT-014",
                p.campo(nome).render(),
                [("campo", nome.to_string())],
            );
        }
    }

    /// `rule` when `fine` precedes `inizio`, at `p/campo_fine`.
    fn ordine(
        &mut self,
        rule: &str,
        p: &Percorso<'_>,
        campo_fine: &str,
        inizio: Option<&Istante>,
        fine: Option<&Istante>,
    ) {
        if let (Some(i), Some(f)) = (inizio, fine) {
            if f.is_before(i) {
                self.ctx.emit(rule, p.campo(campo_fine).render(), []);
            }
        }
    }

    fn prestazioni(&mut self, p: &Percorso<'_>, nome: &str, ps: &[Prestazione], erogate: bool) {
        if ps.is_empty() {
            return;
        }
        let pl = p.campo(nome);
        let (r_inizio, r_fine) = if erogate {
            (FUTURO | NASCITA | DECESSO, FUTURO | NASCITA)
        } else {
            (NASCITA, NASCITA)
        };
        for (i, pr) in ps.iter().enumerate() {
            let pp = pl.indice(i);
            self.data(&pp, "data_inizio", pr.data_inizio.as_ref(), r_inizio);
            self.data(&pp, "data_fine", pr.data_fine.as_ref(), r_fine);
            self.ordine(
                "CSI-DAT-013",
                &pp,
                "data_fine",
                pr.data_inizio.as_ref(),
                pr.data_fine.as_ref(),
            );
        }
    }

    fn fase(&mut self, pf: &Percorso<'_>, fase: &Fase, fasi: &[Fase], j: usize) {
        let h = fase.header();
        let inizio_regole = if matches!(fase, Fase::ValutazioneFinale(_)) {
            FUTURO | NASCITA
        } else {
            FUTURO | NASCITA | DECESSO
        };
        self.data(pf, "data_inizio", h.data_inizio.as_ref(), inizio_regole);
        self.data(pf, "data_fine", h.data_fine.as_ref(), FUTURO | NASCITA);
        self.ordine(
            "CSI-DAT-001",
            pf,
            "data_fine",
            h.data_inizio.as_ref(),
            h.data_fine.as_ref(),
        );
        match fase {
            Fase::Accesso(a) => {
                if let Some(s) = &a.segnalazione {
                    let ps = pf.campo("segnalazione");
                    self.data(
                        &ps,
                        "data_segnalazione",
                        s.data_segnalazione.as_ref(),
                        FUTURO | NASCITA | DECESSO,
                    );
                    if let (Some(ds), Some(di)) = (&s.data_segnalazione, &h.data_inizio) {
                        if di.is_before(ds) {
                            self.ctx.emit(
                                "CSI-DAT-012",
                                ps.campo("data_segnalazione").render(),
                                [],
                            );
                        }
                    }
                }
                if let Some(dsu) = &a.dsu_protocollo {
                    self.data(&pf.campo("dsu_protocollo"), "data", Some(dsu.data), FUTURO);
                }
            }
            Fase::ValutazioneBisogno(b) => {
                self.data(
                    pf,
                    "data_valutazione",
                    b.data_valutazione.as_ref(),
                    FUTURO | NASCITA | DECESSO,
                );
                if let Some(dv) = &b.data_valutazione {
                    if h.data_inizio.as_ref().is_some_and(|di| dv.is_before(di)) {
                        self.ctx
                            .emit("CSI-DAT-018", pf.campo("data_valutazione").render(), []);
                    }
                    let c_dopo = fasi[j + 1..]
                        .iter()
                        .find(|f| matches!(f, Fase::ProgettoIndividuale(_)));
                    if let Some(c_inizio) = c_dopo.and_then(|c| c.header().data_inizio.as_ref()) {
                        if c_inizio.is_before(dv) {
                            self.ctx
                                .emit("CSI-DAT-009", pf.campo("data_valutazione").render(), []);
                        }
                    }
                }
            }
            Fase::ProgettoIndividuale(c) => {
                if let Some(pr) = &c.progetto {
                    let pp = pf.campo("progetto");
                    self.data(
                        &pp,
                        "data_inizio",
                        pr.data_inizio.as_ref(),
                        NASCITA | DECESSO,
                    );
                    self.data(&pp, "data_fine", pr.data_fine.as_ref(), NASCITA);
                    self.ordine(
                        "CSI-DAT-005",
                        &pp,
                        "data_fine",
                        pr.data_inizio.as_ref(),
                        pr.data_fine.as_ref(),
                    );
                    self.prestazioni(
                        &pp,
                        "prestazioni_programmate",
                        &pr.prestazioni_programmate,
                        false,
                    );
                }
            }
            Fase::ErogazioneServizio(d) => {
                self.data(
                    pf,
                    "data_attivazione",
                    d.data_attivazione.as_ref(),
                    FUTURO | NASCITA | DECESSO,
                );
                self.data(
                    pf,
                    "data_conclusione",
                    d.data_conclusione.as_ref(),
                    FUTURO | NASCITA,
                );
                self.ordine(
                    "CSI-DAT-006",
                    pf,
                    "data_conclusione",
                    d.data_attivazione.as_ref(),
                    d.data_conclusione.as_ref(),
                );
                if !d.sospensioni.is_empty() {
                    let ps = pf.campo("sospensioni");
                    for (k, s) in d.sospensioni.iter().enumerate() {
                        let psk = ps.indice(k);
                        self.data(
                            &psk,
                            "data_inizio",
                            Some(&s.data_inizio),
                            FUTURO | NASCITA | DECESSO,
                        );
                        self.data(&psk, "data_fine", s.data_fine.as_ref(), FUTURO | NASCITA);
                        self.ordine(
                            "CSI-DAT-008",
                            &psk,
                            "data_fine",
                            Some(&s.data_inizio),
                            s.data_fine.as_ref(),
                        );
                        let prima = d
                            .data_attivazione
                            .as_ref()
                            .is_some_and(|a| s.data_inizio.is_before(a));
                        let dopo = d.data_conclusione.as_ref().is_some_and(|c| {
                            c.is_before(&s.data_inizio)
                                || s.data_fine.as_ref().is_some_and(|f| c.is_before(f))
                        });
                        if prima || dopo {
                            self.ctx.emit("CSI-DAT-007", psk.render(), []);
                        }
                    }
                }
                self.prestazioni(pf, "prestazioni_erogate", &d.prestazioni_erogate, true);
                if let Some(s) = &d.siuss {
                    let ps = pf.campo("siuss");
                    self.data(&ps, "data_evento", s.data_evento, FUTURO | NASCITA);
                    self.data(&ps, "data_erogazione", s.data_erogazione, FUTURO | NASCITA);
                    if let Some(dsu) = &s.dsu {
                        self.data(&ps.campo("dsu"), "data", Some(dsu.data), FUTURO);
                    }
                }
            }
            Fase::ValutazioneFinale(e) => {
                self.data(
                    pf,
                    "data_chiusura_progetto",
                    e.data_chiusura_progetto.as_ref(),
                    FUTURO | NASCITA,
                );
                self.data(
                    pf,
                    "data_valutazione_finale",
                    e.data_valutazione_finale.as_ref(),
                    FUTURO | NASCITA,
                );
                let c_prima = fasi[..j]
                    .iter()
                    .rev()
                    .find_map(Fase::as_progetto_individuale);
                let inizio_progetto = c_prima.and_then(|c| {
                    c.progetto
                        .as_ref()
                        .and_then(|p| p.data_inizio.as_ref())
                        .or(c.intestazione.data_inizio.as_ref())
                });
                if let Some(ip) = inizio_progetto {
                    if e.data_chiusura_progetto
                        .as_ref()
                        .is_some_and(|d| d.is_before(ip))
                    {
                        self.ctx.emit(
                            "CSI-DAT-010",
                            pf.campo("data_chiusura_progetto").render(),
                            [],
                        );
                    }
                    if e.data_valutazione_finale
                        .as_ref()
                        .is_some_and(|d| d.is_before(ip))
                    {
                        self.ctx.emit(
                            "CSI-DAT-011",
                            pf.campo("data_valutazione_finale").render(),
                            [],
                        );
                    }
                }
            }
        }
    }
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    let a = &cartella.assistito;
    let oggi = Quando::Giorno(ctx.as_of());
    let mut date = Date {
        ctx,
        oggi,
        nascita: a.data_nascita.map(Quando::from),
        decesso: a.data_decesso.map(Quando::from),
    };
    let root = Percorso::radice(base);
    let pa = root.campo("assistito");

    if let Some(n) = a.data_nascita {
        date.data(&pa, "data_nascita", Some(n), 0);
        if n.naive() > date.oggi_giorno() {
            date.ctx
                .emit("CSI-DAT-003", pa.campo("data_nascita").render(), []);
        }
    }
    if let Some(m) = a.data_decesso {
        date.data(&pa, "data_decesso", Some(m), FUTURO);
        if a.data_nascita.is_some_and(|n| m < n) {
            date.ctx
                .emit("CSI-DAT-016", pa.campo("data_decesso").render(), []);
        }
    }
    if !a.relazioni.is_empty() {
        let pl = pa.campo("relazioni");
        for (i, r) in a.relazioni.iter().enumerate() {
            date.nascita_altrui(&pl, i, r.data_nascita, "relazioni");
        }
    }
    if !a.assistenti_personali.is_empty() {
        let pl = pa.campo("assistenti_personali");
        for (i, r) in a.assistenti_personali.iter().enumerate() {
            date.nascita_altrui(&pl, i, r.data_nascita, "assistenti_personali");
        }
    }

    let pp = root.campo("processi");
    for (i, pr) in cartella.processi.iter().enumerate() {
        let ppi = pp.indice(i);
        if !pr.prese_in_carico.is_empty() {
            let pc = ppi.campo("prese_in_carico");
            for (k, p) in pr.prese_in_carico.iter().enumerate() {
                let pk = pc.indice(k);
                date.data(
                    &pk,
                    "data_inizio",
                    Some(p.data_inizio),
                    FUTURO | NASCITA | DECESSO,
                );
                date.data(&pk, "data_fine", p.data_fine, FUTURO | NASCITA);
            }
        }
        if let Some(t) = &pr.trasferimento {
            date.data(
                &ppi.campo("trasferimento"),
                "data",
                Some(t.data),
                FUTURO | NASCITA,
            );
        }
        if let Some(r) = &pr.ricevuto_da {
            date.data(
                &ppi.campo("ricevuto_da"),
                "data_ricezione",
                Some(&r.data_ricezione),
                FUTURO | NASCITA,
            );
        }
        if !pr.fasi.is_empty() {
            let pf = ppi.campo("fasi");
            for (j, fase) in pr.fasi.iter().enumerate() {
                date.fase(&pf.indice(j), fase, &pr.fasi, j);
            }
        }
        if !pr.eventi.is_empty() {
            let pe = ppi.campo("eventi");
            for (k, e) in pr.eventi.iter().enumerate() {
                date.data(&pe.indice(k), "data", Some(&e.data), FUTURO | NASCITA);
            }
        }
    }

    if !cartella.consensi_privacy.is_empty() {
        let pc = root.campo("consensi_privacy");
        for (i, c) in cartella.consensi_privacy.iter().enumerate() {
            let pi = pc.indice(i);
            date.data(
                &pi,
                "data_sottoscrizione",
                Some(c.data_sottoscrizione),
                FUTURO,
            );
            date.data(&pi, "revocato_il", c.revocato_il, FUTURO);
        }
    }
}

impl Date<'_, '_> {
    /// Birth date of a relative or assistente personale (`CSI-DAT-015`, `CSI-DAT-017`).
    fn nascita_altrui(&mut self, pl: &Percorso<'_>, i: usize, n: Option<Data>, nome: &str) {
        let Some(n) = n else { return };
        let pi = pl.indice(i);
        self.data(&pi, "data_nascita", Some(n), 0);
        if n.naive() > self.oggi_giorno() {
            self.ctx.emit(
                "CSI-DAT-017",
                pi.campo("data_nascita").render(),
                [("campo", nome.to_string())],
            );
        }
    }

    fn oggi_giorno(&self) -> NaiveDate {
        match self.oggi {
            Quando::Giorno(d) => d,
            Quando::Istante(i) => i.inizio().date(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::{Report, ValidationOptions, Validator};

    fn cartella(assistito: Value, fasi: Value) -> Cartella {
        let mut a = json!({ "nome": "MARIO", "cognome": "ROSSI" });
        for (k, v) in assistito.as_object().unwrap() {
            a[k] = v.clone();
        }
        serde_json::from_value(json!({
            "versione_modello": "1.0",
            "id_cartella": "C-1",
            "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" } },
            "assistito": a,
            "processi": [ { "id_processo": "P-1", "fasi": fasi } ]
        }))
        .expect("valid cartella JSON")
    }

    fn valida(assistito: Value, fasi: Value) -> Report {
        let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        Validator::new(ValidationOptions::default().as_of(as_of))
            .validate(&cartella(assistito, fasi))
    }

    fn paths<'a>(r: &'a Report, id: &'a str) -> Vec<&'a str> {
        r.of_rule(id).map(|i| i.path.as_str()).collect()
    }

    fn fase(tipo: &str, id: &str, campi: Value) -> Value {
        let mut f = json!({ "tipo_fase": tipo, "id_fase": id, "stato_fase": "APERTA" });
        for (k, v) in campi.as_object().unwrap() {
            f[k] = v.clone();
        }
        f
    }
    fn a(campi: Value) -> Value {
        fase("ACCESSO_E_ORIENTAMENTO", "A-1", campi)
    }
    fn b(campi: Value) -> Value {
        fase("VALUTAZIONE_DEL_BISOGNO", "B-1", campi)
    }
    fn c(campi: Value) -> Value {
        fase("ELABORAZIONE_PROGETTO_INDIVIDUALE", "C-1", campi)
    }
    fn d(campi: Value) -> Value {
        fase("EROGAZIONE_DEL_SERVIZIO", "D-1", campi)
    }
    fn e(campi: Value) -> Value {
        fase(
            "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO",
            "E-1",
            campi,
        )
    }
    fn nessuno() -> Value {
        json!({})
    }

    #[test]
    fn common_precision_is_not_ordered() {
        let i = |s: &str| Istante::parse(s).unwrap();
        let g = |s: &str| Quando::Giorno(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        let (m, gg) = (i("2024-01"), i("2024-01-10T10:00"));
        assert_eq!(g("2024-01-10").cmp(&Quando::Istante(&m)), None);
        assert_eq!(g("2024-01-10").cmp(&Quando::Istante(&gg)), None);
        assert_eq!(
            g("2024-01-11").cmp(&Quando::Istante(&gg)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            Quando::Istante(&m).cmp(&g("2023-12-31")),
            Some(Ordering::Greater)
        );
        let day = i("2024-01-10");
        assert_eq!(
            g("2024-01-10").cmp(&Quando::Istante(&day)),
            Some(Ordering::Equal)
        );
    }

    #[test]
    fn dat_001_phase_end_before_start() {
        let r = valida(
            nessuno(),
            json!([a(
                json!({ "data_inizio": "2024-01-10", "data_fine": "2024-01-09" })
            )]),
        );
        assert_eq!(paths(&r, "CSI-DAT-001"), ["/processi/0/fasi/0/data_fine"]);
        // Equal on the common precision: not ordered.
        let r = valida(
            nessuno(),
            json!([a(
                json!({ "data_inizio": "2024-01-10T10:00", "data_fine": "2024-01-10" })
            )]),
        );
        assert!(!r.has("CSI-DAT-001"));
        let r = valida(
            nessuno(),
            json!([a(
                json!({ "data_inizio": "2024-01", "data_fine": "2024-01-02" })
            )]),
        );
        assert!(!r.has("CSI-DAT-001"));
    }

    #[test]
    fn dat_002_future_dates() {
        let r = valida(
            nessuno(),
            json!([a(json!({ "data_inizio": "2025-02-01" }))]),
        );
        assert_eq!(paths(&r, "CSI-DAT-002"), ["/processi/0/fasi/0/data_inizio"]);
        assert_eq!(
            r.of_rule("CSI-DAT-002").next().unwrap().params["campo"],
            "data_inizio"
        );
        // The validation day itself, a same-month partial value and planned dates are fine.
        let r = valida(
            nessuno(),
            json!([
                a(json!({ "data_inizio": "2025-01-01T18:00" })),
                b(json!({ "data_inizio": "2025-01" })),
                c(
                    json!({ "data_inizio": "2024-12-01", "progetto": { "data_inizio": "2025-03-01", "data_fine": "2026-01-01",
                    "prestazioni_programmate": [ { "data_inizio": "2025-03-02" } ] } })
                )
            ]),
        );
        assert!(!r.has("CSI-DAT-002"), "{:?}", paths(&r, "CSI-DAT-002"));
    }

    #[test]
    fn dat_003_birth_in_future() {
        let r = valida(json!({ "data_nascita": "2025-01-02" }), json!([]));
        assert_eq!(paths(&r, "CSI-DAT-003"), ["/assistito/data_nascita"]);
        assert!(!r.has("CSI-DAT-002"));
        assert!(!valida(json!({ "data_nascita": "2025-01-01" }), json!([])).has("CSI-DAT-003"));
    }

    #[test]
    fn dat_004_before_birth() {
        let r = valida(
            json!({ "data_nascita": "2020-05-10" }),
            json!([a(
                json!({ "data_inizio": "2020-05-09", "segnalazione": { "data_segnalazione": "2020-04" } })
            )]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-004"),
            [
                "/processi/0/fasi/0/data_inizio",
                "/processi/0/fasi/0/segnalazione/data_segnalazione"
            ]
        );
        let r = valida(
            json!({ "data_nascita": "2020-05-10" }),
            json!([a(json!({ "data_inizio": "2020-05" }))]),
        );
        assert!(!r.has("CSI-DAT-004"));
    }

    #[test]
    fn dat_005_project_end_before_start() {
        let r = valida(
            nessuno(),
            json!([c(
                json!({ "data_inizio": "2024-01-01", "progetto": { "data_inizio": "2024-02-01", "data_fine": "2024-01-31" } })
            )]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-005"),
            ["/processi/0/fasi/0/progetto/data_fine"]
        );
        let r = valida(
            nessuno(),
            json!([c(
                json!({ "progetto": { "data_inizio": "2024-02-01", "data_fine": "2024-02-01" } })
            )]),
        );
        assert!(!r.has("CSI-DAT-005"));
    }

    #[test]
    fn dat_006_007_008_service_and_suspensions() {
        let r = valida(
            nessuno(),
            json!([d(
                json!({ "data_inizio": "2024-01-01", "data_attivazione": "2024-02-01", "data_conclusione": "2024-01-15",
                "sospensioni": [
                    { "data_inizio": "2024-01-20", "data_fine": "2024-01-10" },
                    { "data_inizio": "2024-01-05" }
                ] })
            )]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-006"),
            ["/processi/0/fasi/0/data_conclusione"]
        );
        assert_eq!(
            paths(&r, "CSI-DAT-008"),
            ["/processi/0/fasi/0/sospensioni/0/data_fine"]
        );
        assert_eq!(
            paths(&r, "CSI-DAT-007"),
            [
                "/processi/0/fasi/0/sospensioni/0",
                "/processi/0/fasi/0/sospensioni/1"
            ]
        );
        let r = valida(
            nessuno(),
            json!([d(
                json!({ "data_inizio": "2024-01-01", "data_attivazione": "2024-02-01", "data_conclusione": "2024-06-30",
                "sospensioni": [ { "data_inizio": "2024-02-01", "data_fine": "2024-06-30" }, { "data_inizio": "2024-06" } ] })
            )]),
        );
        assert!(!r.has("CSI-DAT-006") && !r.has("CSI-DAT-007") && !r.has("CSI-DAT-008"));
    }

    #[test]
    fn dat_009_018_assessment_dates() {
        let r = valida(
            nessuno(),
            json!([
                b(json!({ "data_inizio": "2024-02-01", "data_valutazione": "2024-03-10" })),
                c(json!({ "data_inizio": "2024-03-01" })),
                fase(
                    "VALUTAZIONE_DEL_BISOGNO",
                    "B-2",
                    json!({ "data_inizio": "2024-05-01", "data_valutazione": "2024-04-30" })
                )
            ]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-009"),
            ["/processi/0/fasi/0/data_valutazione"]
        );
        assert_eq!(
            paths(&r, "CSI-DAT-018"),
            ["/processi/0/fasi/2/data_valutazione"]
        );
        let r = valida(
            nessuno(),
            json!([
                b(json!({ "data_inizio": "2024-02-01", "data_valutazione": "2024-02-10" })),
                c(json!({ "data_inizio": "2024-03-01" }))
            ]),
        );
        assert!(!r.has("CSI-DAT-009") && !r.has("CSI-DAT-018"));
    }

    #[test]
    fn dat_010_011_final_evaluation_before_project_start() {
        let fasi = |chiusura: &str, valutazione: &str| {
            json!([
                c(
                    json!({ "data_inizio": "2024-01-01", "progetto": { "data_inizio": "2024-02-01" } })
                ),
                e(
                    json!({ "data_inizio": "2024-06-01", "data_chiusura_progetto": chiusura, "data_valutazione_finale": valutazione })
                )
            ])
        };
        let r = valida(nessuno(), fasi("2024-01-15", "2024-01-20"));
        assert_eq!(
            paths(&r, "CSI-DAT-010"),
            ["/processi/0/fasi/1/data_chiusura_progetto"]
        );
        assert_eq!(
            paths(&r, "CSI-DAT-011"),
            ["/processi/0/fasi/1/data_valutazione_finale"]
        );
        let r = valida(nessuno(), fasi("2024-06-01", "2024-02"));
        assert!(!r.has("CSI-DAT-010") && !r.has("CSI-DAT-011"));
    }

    #[test]
    fn dat_012_referral_after_access() {
        let r = valida(
            nessuno(),
            json!([a(
                json!({ "data_inizio": "2024-01-10", "segnalazione": { "data_segnalazione": "2024-01-11" } })
            )]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-012"),
            ["/processi/0/fasi/0/segnalazione/data_segnalazione"]
        );
        let r = valida(
            nessuno(),
            json!([a(
                json!({ "data_inizio": "2024-01-10", "segnalazione": { "data_segnalazione": "2024-01-09" } })
            )]),
        );
        assert!(!r.has("CSI-DAT-012"));
    }

    #[test]
    fn dat_013_prestazione_end_before_start() {
        let r = valida(
            nessuno(),
            json!([
                c(
                    json!({ "progetto": { "prestazioni_programmate": [ { "data_inizio": "2024-03-01T10:00", "data_fine": "2024-03-01T09:00" } ] } })
                ),
                d(
                    json!({ "prestazioni_erogate": [ { "data_inizio": "2024-03-01", "data_fine": "2024-03-01T09:00" } ] })
                )
            ]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-013"),
            ["/processi/0/fasi/0/progetto/prestazioni_programmate/0/data_fine"]
        );
    }

    #[test]
    fn dat_014_after_death() {
        let r = valida(
            json!({ "data_nascita": "1940-01-01", "deceduto": true, "data_decesso": "2024-03-01" }),
            json!([
                a(json!({ "data_inizio": "2024-01-10", "data_fine": "2024-03-05" })),
                d(json!({ "data_inizio": "2024-03-02" })),
                e(json!({ "data_inizio": "2024-03-10" }))
            ]),
        );
        assert_eq!(paths(&r, "CSI-DAT-014"), ["/processi/0/fasi/1/data_inizio"]);
        assert_eq!(
            r.of_rule("CSI-DAT-014").next().unwrap().params["campo"],
            "data_inizio"
        );
    }

    #[test]
    fn dat_015_year_range() {
        let r = valida(
            json!({ "data_nascita": "1799-12-31" }),
            json!([
                a(json!({ "data_inizio": "2200" })),
                c(json!({ "progetto": { "data_fine": "2199-12-31" } }))
            ]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-015"),
            ["/assistito/data_nascita", "/processi/0/fasi/0/data_inizio"]
        );
        assert!(!valida(json!({ "data_nascita": "1800-01-01" }), json!([])).has("CSI-DAT-015"));
    }

    #[test]
    fn dat_016_death_before_birth() {
        let r = valida(
            json!({ "data_nascita": "1980-01-01", "data_decesso": "1979-12-31" }),
            json!([]),
        );
        assert_eq!(paths(&r, "CSI-DAT-016"), ["/assistito/data_decesso"]);
        assert!(!valida(
            json!({ "data_nascita": "1980-01-01", "data_decesso": "1980-01-01" }),
            json!([])
        )
        .has("CSI-DAT-016"));
    }

    #[test]
    fn dat_017_relatives_born_in_future() {
        let r = valida(
            json!({
                "relazioni": [ { "tipo_relazione": "NUCLEO_FAMILIARE",
                    "tipologia": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22" }, "data_nascita": "2030-01-01" } ],
                "assistenti_personali": [ { "data_nascita": "1990-01-01" } ]
            }),
            json!([]),
        );
        assert_eq!(
            paths(&r, "CSI-DAT-017"),
            ["/assistito/relazioni/0/data_nascita"]
        );
        assert_eq!(
            r.of_rule("CSI-DAT-017").next().unwrap().params["campo"],
            "relazioni"
        );
    }
}
