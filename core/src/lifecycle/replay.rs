//! Replay validation (`lifecycle.md` §6): events derived from the phase records (§6.2), outcome
//! inference (§6.1) and the replay rules (§6.3).

use std::borrow::Cow;
use std::cmp::Ordering;

use super::{esiti_ammessi, lettera, monoistanza, servizio, stato_dopo_chiusura, Stato};
use crate::model::{
    EsitoProcesso, Fase, Istante, ProcessoAiuto, StatoFase, StatoProcesso, TipoEvento, TipoFase,
};
use crate::rules::Issue;

/// A finding raised by the lifecycle before it is filtered by a context or built as an
/// [`Issue`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rilievo {
    pub(crate) rule: &'static str,
    pub(crate) path: String,
    pub(crate) params: Vec<(&'static str, String)>,
}

impl Rilievo {
    pub(crate) fn new(
        rule: &'static str,
        path: String,
        params: Vec<(&'static str, String)>,
    ) -> Rilievo {
        Rilievo { rule, path, params }
    }
}

/// Kind of a replayed step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TipoPasso {
    /// `S(r)`: a record starts.
    Inizio,
    /// `F(r)`: a record is closed.
    Fine,
    /// `SUS`: suspension `k` of a D record starts.
    Sospensione(usize),
    /// `RES`: suspension `k` of a D record ends.
    Ripresa(usize),
    /// The process was transferred (`trasferimento.data`).
    Trasferimento,
    /// The process was annulled (`ANNULLA` in `eventi`).
    Annullamento,
}

/// One step of a replay, in replay order.
#[derive(Debug, Clone, PartialEq)]
pub struct PassoReplay {
    /// What happened.
    pub tipo: TipoPasso,
    /// Index of the record in `fasi` (none for process-level steps).
    pub fase: Option<usize>,
    /// Instant of the step (none when the record gives no date and nothing precedes it).
    pub istante: Option<Istante>,
    /// State after the step.
    pub stato: Stato,
}

/// Result of replaying a process.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The replayed state (it wins over a stored `stato`, `CSI-LCY-013`).
    pub stato: Stato,
    /// The derived events, in replay order.
    pub eventi: Vec<PassoReplay>,
    /// Every lifecycle finding (`CSI-LCY-*`, `CSI-ERO-013`, `CSI-ERO-015`), with JSON Pointers
    /// relative to the process (`/fasi/{j}`…).
    pub issues: Vec<Issue>,
    /// Effective canonical outcome of every closed record, by index in `fasi` (explicit, or
    /// inferred, `CSI-LCY-020`); `None` for open records.
    pub esiti: Vec<Option<EsitoProcesso>>,
}

impl Replay {
    /// Whether a finding of `rule_id` was raised.
    pub fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }
}

/// Replays a process from its phase records (`lifecycle.md` §6) and reports every finding.
///
/// The history of a process built through [`super::applica`] always replays to its stored state.
pub fn replay(processo: &ProcessoAiuto) -> Replay {
    let e = esegui_con_passi(processo, "", true);
    Replay {
        stato: e.stato,
        eventi: e.passi,
        issues: e
            .rilievi
            .into_iter()
            .filter_map(|r| Issue::new(r.rule, r.path, r.params).ok())
            .collect(),
        esiti: e.esiti,
    }
}

pub(crate) struct Esito {
    pub(crate) stato: Stato,
    pub(crate) passi: Vec<PassoReplay>,
    pub(crate) rilievi: Vec<Rilievo>,
    pub(crate) esiti: Vec<Option<EsitoProcesso>>,
}

/// Tie classes of §6.2: `F` before `SUS`/`RES` before `S`; process-level markers last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Classe {
    Fine,
    SosRip,
    Inizio,
    Marcatore,
}

struct Ev<'a> {
    tipo: TipoPasso,
    fase: Option<usize>,
    /// Borrowed from the process (owned only for the transfer date).
    istante: Option<Cow<'a, Istante>>,
    classe: Classe,
    rango: u8,
    sub: (u8, usize),
    dipende: Vec<usize>,
}

fn rango(t: TipoFase) -> u8 {
    match t {
        TipoFase::Accesso => 0,
        TipoFase::ValutazioneBisogno => 1,
        TipoFase::ProgettoIndividuale => 2,
        TipoFase::ErogazioneServizio => 3,
        TipoFase::ValutazioneFinale => 4,
    }
}

fn confronta(a: &Ev<'_>, b: &Ev<'_>) -> Ordering {
    let t = match (&a.istante, &b.istante) {
        (Some(x), Some(y)) => x.cmp_common(y).unwrap_or(Ordering::Equal),
        (None, Some(_)) => Ordering::Less,
        (Some(_), None) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    t.then(a.classe.cmp(&b.classe))
        .then(a.rango.cmp(&b.rango))
        .then(a.fase.cmp(&b.fase))
        .then(a.sub.cmp(&b.sub))
}

fn chiusa(f: &Fase) -> bool {
    matches!(f.stato(), StatoFase::Chiusa | StatoFase::Annullata)
}

/// Derives the events of §6.2 and orders them. Returns the events and the replay order.
fn deriva(p: &ProcessoAiuto) -> (Vec<Ev<'_>>, Vec<usize>) {
    let mut evs: Vec<Ev<'_>> = Vec::new();
    let mut senza_data: Vec<(usize, usize)> = Vec::new(); // (record, F event) closed without data_fine
    let mut inizio_di: Vec<usize> = Vec::with_capacity(p.fasi.len());
    let mut precedente: Option<&Istante> = None;
    for (j, f) in p.fasi.iter().enumerate() {
        let h = f.header();
        let r = rango(f.tipo());
        let ist = h.data_inizio.as_ref().or(precedente);
        precedente = ist;
        let s = evs.len();
        inizio_di.push(s);
        evs.push(Ev {
            tipo: TipoPasso::Inizio,
            fase: Some(j),
            istante: ist.map(Cow::Borrowed),
            classe: Classe::Inizio,
            rango: r,
            sub: (0, 0),
            dipende: vec![],
        });
        let mut propri: Vec<usize> = Vec::new();
        if let Fase::ErogazioneServizio(d) = f {
            for (k, sosp) in d.sospensioni.iter().enumerate() {
                let sus = evs.len();
                evs.push(Ev {
                    tipo: TipoPasso::Sospensione(k),
                    fase: Some(j),
                    istante: Some(Cow::Borrowed(&sosp.data_inizio)),
                    classe: Classe::SosRip,
                    rango: r,
                    sub: (1, k),
                    dipende: vec![s],
                });
                propri.push(sus);
                if let Some(fine) = &sosp.data_fine {
                    propri.push(evs.len());
                    evs.push(Ev {
                        tipo: TipoPasso::Ripresa(k),
                        fase: Some(j),
                        istante: Some(Cow::Borrowed(fine)),
                        classe: Classe::SosRip,
                        rango: r,
                        sub: (0, k),
                        dipende: vec![s, sus],
                    });
                }
            }
        }
        if chiusa(f) {
            let mut dipende = vec![s];
            if let Some(fine) = &h.data_fine {
                // The record's own suspension events not strictly after its end come first.
                dipende.extend(propri.iter().copied().filter(|&e| {
                    evs[e]
                        .istante
                        .as_ref()
                        .is_some_and(|i| i.cmp_common(fine) != Some(Ordering::Greater))
                }));
            }
            let id = evs.len();
            evs.push(Ev {
                tipo: TipoPasso::Fine,
                fase: Some(j),
                istante: h.data_fine.as_ref().map(Cow::Borrowed),
                classe: Classe::Fine,
                rango: r,
                sub: (0, 0),
                dipende,
            });
            if h.data_fine.is_none() {
                senza_data.push((j, id));
            }
        }
    }
    if let Some(t) = &p.trasferimento {
        evs.push(Ev {
            tipo: TipoPasso::Trasferimento,
            fase: None,
            istante: Some(Cow::Owned(Istante::from(t.data))),
            classe: Classe::Marcatore,
            rango: 0,
            sub: (0, 0),
            dipende: vec![],
        });
    }
    if let Some(a) = p
        .eventi
        .iter()
        .rev()
        .find(|e| e.tipo == TipoEvento::Annulla)
    {
        evs.push(Ev {
            tipo: TipoPasso::Annullamento,
            fase: None,
            istante: Some(Cow::Borrowed(&a.data)),
            classe: Classe::Marcatore,
            rango: 1,
            sub: (0, 0),
            dipende: vec![],
        });
    }

    // Stable insertion sort: `cmp_common` is not a total order, so no library sort.
    let mut ordine: Vec<usize> = (0..evs.len())
        .filter(|id| !senza_data.iter().any(|(_, f)| f == id))
        .collect();
    for i in 1..ordine.len() {
        let mut j = i;
        while j > 0 && confronta(&evs[ordine[j - 1]], &evs[ordine[j]]) == Ordering::Greater {
            ordine.swap(j - 1, j);
            j -= 1;
        }
    }
    // A closed record without data_fine is closed just before the next S event after its own S.
    for (j, f_id) in senza_data {
        let s_id = inizio_di[j];
        let pos_s = ordine.iter().position(|&e| e == s_id).unwrap_or(0);
        let dopo = ordine
            .iter()
            .enumerate()
            .skip(pos_s + 1)
            .find(|(_, &e)| evs[e].classe == Classe::Inizio)
            .map_or(ordine.len(), |(pos, _)| pos);
        ordine.insert(dopo, f_id);
    }
    // Linearise respecting each record's own order (S before its SUS/RES/F, SUS before RES).
    let mut emesso = vec![false; evs.len()];
    let mut out = Vec::with_capacity(evs.len());
    let mut attesa: Vec<usize> = Vec::new();
    let pronto = |id: usize, emesso: &[bool]| evs[id].dipende.iter().all(|&d| emesso[d]);
    for id in ordine {
        if !pronto(id, &emesso) {
            attesa.push(id);
            continue;
        }
        emesso[id] = true;
        out.push(id);
        while let Some(pos) = attesa.iter().position(|&w| pronto(w, &emesso)) {
            let w = attesa.remove(pos);
            emesso[w] = true;
            out.push(w);
        }
    }
    out.extend(attesa);
    (evs, out)
}

struct Macchina<'a> {
    p: &'a ProcessoAiuto,
    base: &'a str,
    stato: Stato,
    aperto: Vec<bool>,
    sospeso: Vec<bool>,
    pic: bool,
    c_visto: bool,
    esiti: Vec<Option<EsitoProcesso>>,
    rilievi: Vec<Rilievo>,
    /// Kind of the next non-D record in `fasi` order.
    successivo: Vec<Option<TipoFase>>,
    /// For C records: a D record lies between it and the next C or E.
    d_dopo: Vec<bool>,
}

/// The API event that opens a record of this kind (for the `evento` parameter).
fn evento_apertura(f: &Fase) -> TipoEvento {
    match f {
        Fase::Accesso(_) => TipoEvento::ApriAccesso,
        Fase::ValutazioneBisogno(_) => TipoEvento::AvviaValutazione,
        Fase::ProgettoIndividuale(_) => TipoEvento::PrendiInCarico,
        Fase::ErogazioneServizio(d) if d.data_attivazione.is_none() => TipoEvento::RegistraServizio,
        Fase::ErogazioneServizio(_) => TipoEvento::AttivaServizio,
        Fase::ValutazioneFinale(_) => TipoEvento::AvviaValutazioneFinale,
    }
}

fn stato_di_apertura(t: TipoFase) -> StatoProcesso {
    match t {
        TipoFase::Accesso => StatoProcesso::Accesso,
        TipoFase::ValutazioneBisogno => StatoProcesso::Valutazione,
        TipoFase::ProgettoIndividuale => StatoProcesso::Progettazione,
        TipoFase::ErogazioneServizio => StatoProcesso::Erogazione,
        TipoFase::ValutazioneFinale => StatoProcesso::ValutazioneFinale,
    }
}

impl<'a> Macchina<'a> {
    fn new(p: &'a ProcessoAiuto, base: &'a str) -> Macchina<'a> {
        let n = p.fasi.len();
        let tipi: Vec<TipoFase> = p.fasi.iter().map(Fase::tipo).collect();
        let successivo = (0..n)
            .map(|j| {
                tipi[j + 1..]
                    .iter()
                    .copied()
                    .find(|t| *t != TipoFase::ErogazioneServizio)
            })
            .collect();
        let d_dopo = (0..n)
            .map(|j| {
                tipi[j + 1..]
                    .iter()
                    .take_while(|t| {
                        !matches!(
                            t,
                            TipoFase::ProgettoIndividuale | TipoFase::ValutazioneFinale
                        )
                    })
                    .any(|t| *t == TipoFase::ErogazioneServizio)
            })
            .collect();
        Macchina {
            p,
            base,
            stato: Stato::Iniziale,
            aperto: vec![false; n],
            sospeso: vec![false; n],
            pic: false,
            c_visto: false,
            esiti: vec![None; n],
            rilievi: Vec::new(),
            successivo,
            d_dopo,
        }
    }

    fn path(&self, j: usize) -> String {
        format!("{}/fasi/{}", self.base, j)
    }

    fn emetti(&mut self, rule: &'static str, path: String, params: Vec<(&'static str, String)>) {
        self.rilievi.push(Rilievo::new(rule, path, params));
    }

    fn tipo(&self, j: usize) -> TipoFase {
        self.p.fasi[j].tipo()
    }

    fn aperto_di(&self, t: TipoFase) -> Option<usize> {
        (0..self.aperto.len()).find(|&j| self.aperto[j] && self.tipo(j) == t)
    }

    fn d_aperti(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.aperto.len())
            .filter(|&j| self.aperto[j] && self.tipo(j) == TipoFase::ErogazioneServizio)
    }

    /// §5: `SOSPESO` iff at least one D is open and every open D is suspended.
    fn ricalcola(&mut self) {
        if matches!(
            self.stato,
            Stato::Processo(StatoProcesso::Erogazione | StatoProcesso::Sospeso)
        ) {
            let sospeso = {
                let mut aperti = self.d_aperti().peekable();
                aperti.peek().is_some() && aperti.all(|j| self.sospeso[j])
            };
            self.stato = Stato::Processo(if sospeso {
                StatoProcesso::Sospeso
            } else {
                StatoProcesso::Erogazione
            });
        }
    }

    /// Closes, without a finding, every open single-instance record other than `j`.
    fn chiudi_monoistanza(&mut self, j: usize) {
        for k in 0..self.aperto.len() {
            if k != j && self.aperto[k] && monoistanza(self.tipo(k)) {
                self.aperto[k] = false;
            }
        }
    }

    /// Legal opening of `j`, entering `stato`.
    fn entra(&mut self, j: usize, stato: StatoProcesso) {
        self.chiudi_monoistanza(j);
        self.aperto[j] = true;
        self.stato = Stato::Processo(stato);
        self.ricalcola();
    }

    /// An opening applied "as if legal" after an error.
    fn forza(&mut self, j: usize) {
        let t = self.tipo(j);
        self.entra(j, stato_di_apertura(t));
    }

    /// A predecessor still open when the next phase starts: implicitly closed (`CSI-LCY-022`).
    fn chiudi_implicitamente(&mut self, k: usize, esito: EsitoProcesso) {
        self.aperto[k] = false;
        if esito == EsitoProcesso::PresaInCarico {
            self.pic = true;
        }
        let path = self.path(k);
        self.emetti(
            "CSI-LCY-022",
            path,
            vec![("tipo_fase", lettera(self.tipo(k)))],
        );
    }

    fn servizi_aperti(&mut self, j: usize) {
        if self.d_aperti().next().is_some() {
            let path = self.path(j);
            self.emetti(
                "CSI-LCY-014",
                path,
                vec![("guard", "servizi_aperti".to_string())],
            );
        }
    }

    fn illegale(&mut self, j: usize) {
        let path = self.path(j);
        let evento = evento_apertura(&self.p.fasi[j]).code().to_string();
        let stato = self.stato.code().to_string();
        self.emetti(
            "CSI-LCY-001",
            path,
            vec![("evento", evento), ("stato", stato)],
        );
        self.forza(j);
    }

    fn errore_forzato(
        &mut self,
        j: usize,
        rule: &'static str,
        params: Vec<(&'static str, String)>,
    ) {
        let path = self.path(j);
        self.emetti(rule, path, params);
        self.forza(j);
    }

    fn inizio(&mut self, j: usize) {
        use StatoProcesso as S;
        let tipo = self.tipo(j);
        if self.stato.is_terminale() {
            let path = self.path(j);
            self.emetti("CSI-LCY-007", path, vec![]);
            self.aperto[j] = true;
            return;
        }
        if tipo == TipoFase::Accesso {
            if self.stato == Stato::Iniziale {
                self.entra(j, S::Accesso);
            } else {
                self.errore_forzato(j, "CSI-LCY-018", vec![]);
            }
            return;
        }
        if self.stato == Stato::Iniziale {
            self.errore_forzato(j, "CSI-LCY-002", vec![]);
            if tipo == TipoFase::ProgettoIndividuale {
                self.c_visto = true;
            }
            return;
        }
        if self.stato == Stato::Processo(S::Chiuso) && tipo != TipoFase::ValutazioneBisogno {
            self.errore_forzato(j, "CSI-LCY-006", vec![("tipo_fase", lettera(tipo))]);
            if tipo == TipoFase::ProgettoIndividuale {
                self.c_visto = true;
            }
            return;
        }
        let st = self.stato.processo();
        match tipo {
            TipoFase::ValutazioneBisogno => {
                let b_aperto = self.aperto_di(TipoFase::ValutazioneBisogno);
                match (st, self.aperto_di(TipoFase::Accesso)) {
                    (Some(S::Valutazione), _) if b_aperto.is_none() => {
                        self.entra(j, S::Valutazione)
                    }
                    (Some(S::Chiuso), _) => self.entra(j, S::Valutazione),
                    (Some(S::Accesso), Some(a)) => {
                        self.chiudi_implicitamente(a, EsitoProcesso::AvvioValutazione);
                        self.entra(j, S::Valutazione);
                    }
                    (Some(S::Valutazione), _) => {
                        self.errore_forzato(j, "CSI-LCY-008", vec![("tipo_fase", lettera(tipo))])
                    }
                    _ => self.illegale(j),
                }
            }
            TipoFase::ProgettoIndividuale => {
                let c_aperto = self.aperto_di(TipoFase::ProgettoIndividuale);
                match (st, self.aperto_di(TipoFase::ValutazioneBisogno)) {
                    (Some(S::Progettazione), _) if c_aperto.is_none() => {
                        self.entra(j, S::Progettazione)
                    }
                    (Some(S::Erogazione | S::Sospeso), _) => self.entra(j, S::Progettazione),
                    (Some(S::Valutazione), Some(b)) => {
                        self.chiudi_implicitamente(b, EsitoProcesso::PresaInCarico);
                        self.entra(j, S::Progettazione);
                    }
                    (Some(S::Progettazione), _) => {
                        self.errore_forzato(j, "CSI-LCY-008", vec![("tipo_fase", lettera(tipo))])
                    }
                    _ if !self.pic => self.errore_forzato(j, "CSI-LCY-003", vec![]),
                    _ => self.illegale(j),
                }
                self.c_visto = true;
            }
            TipoFase::ErogazioneServizio => {
                match (st, self.aperto_di(TipoFase::ProgettoIndividuale)) {
                    (Some(S::Erogazione | S::Sospeso), _) => {
                        self.aperto[j] = true;
                        self.ricalcola();
                    }
                    (Some(S::Progettazione), Some(c)) => {
                        self.chiudi_implicitamente(c, EsitoProcesso::ProgettoApprovato);
                        self.stato = Stato::Processo(S::Erogazione);
                        self.aperto[j] = true;
                        self.ricalcola();
                    }
                    _ => self.errore_forzato(j, "CSI-LCY-004", vec![]),
                }
            }
            TipoFase::ValutazioneFinale => {
                let e_aperto = self.aperto_di(TipoFase::ValutazioneFinale);
                match (st, self.aperto_di(TipoFase::ProgettoIndividuale)) {
                    (Some(S::Erogazione | S::Sospeso), _) | (Some(S::ValutazioneFinale), _)
                        if e_aperto.is_none() =>
                    {
                        self.servizi_aperti(j);
                        self.entra(j, S::ValutazioneFinale);
                    }
                    (Some(S::Progettazione), Some(c)) => {
                        self.chiudi_implicitamente(c, EsitoProcesso::ProgettoNonAttivato);
                        self.servizi_aperti(j);
                        self.entra(j, S::ValutazioneFinale);
                    }
                    (Some(S::ValutazioneFinale), _) => {
                        self.errore_forzato(j, "CSI-LCY-008", vec![("tipo_fase", lettera(tipo))])
                    }
                    _ if !self.c_visto => self.errore_forzato(j, "CSI-LCY-005", vec![]),
                    _ => self.illegale(j),
                }
            }
            TipoFase::Accesso => {}
        }
    }

    /// Outcome inferred from the structure of the process (§6.1), ignoring `stato_fase`.
    fn strutturale(&self, j: usize) -> EsitoProcesso {
        use EsitoProcesso as E;
        let succ = self.successivo[j];
        match self.tipo(j) {
            TipoFase::Accesso if succ == Some(TipoFase::ValutazioneBisogno) => E::AvvioValutazione,
            TipoFase::Accesso => E::SoloInformazione,
            TipoFase::ValutazioneBisogno if succ == Some(TipoFase::ProgettoIndividuale) => {
                E::PresaInCarico
            }
            TipoFase::ValutazioneBisogno => E::NonPresaInCarico,
            TipoFase::ProgettoIndividuale if self.d_dopo[j] => E::ProgettoApprovato,
            TipoFase::ProgettoIndividuale if succ == Some(TipoFase::ValutazioneFinale) => {
                E::ProgettoNonAttivato
            }
            TipoFase::ProgettoIndividuale => E::ProgettoApprovato,
            TipoFase::ErogazioneServizio => E::Concluso,
            TipoFase::ValutazioneFinale if succ == Some(TipoFase::ProgettoIndividuale) => {
                E::NuovoProgetto
            }
            TipoFase::ValutazioneFinale => E::Chiusura,
        }
    }

    /// Whether an explicit outcome is contradicted by the following record (`CSI-LCY-017`): an
    /// outcome that stops the path (`NON_PRESA_IN_CARICO`/`INVIO_ALTRO_SERVIZIO` on B,
    /// `PROGETTO_NON_ATTIVATO` on C, `CHIUSURA` on E) followed by the record that continues it (C
    /// after B; a D of the plan after C; C after E). Forward outcomes followed by an unexpected
    /// record are reported by the opening rules (`CSI-LCY-003`, `-004`, `-005`, `-001`).
    fn contraddetto(&self, j: usize, esito: EsitoProcesso) -> bool {
        use EsitoProcesso as E;
        use TipoFase as T;
        let succ = self.successivo[j];
        match (self.tipo(j), esito) {
            (T::ValutazioneBisogno, E::NonPresaInCarico | E::InvioAltroServizio) => {
                succ == Some(T::ProgettoIndividuale)
            }
            (T::ProgettoIndividuale, E::ProgettoNonAttivato) => self.d_dopo[j],
            (T::ValutazioneFinale, E::Chiusura) => succ == Some(T::ProgettoIndividuale),
            _ => false,
        }
    }

    fn fine(&mut self, j: usize) {
        let f = &self.p.fasi[j];
        let h = f.header();
        let tipo = f.tipo();
        let annullata = h.stato_fase == StatoFase::Annullata;
        let (esito, inferito) = match (annullata, h.esito_processo) {
            (true, e) => (EsitoProcesso::Annullato, e.is_none()),
            (false, Some(e)) => (e, false),
            (false, None) => (self.strutturale(j), true),
        };
        let mut effettivo = esito;
        if inferito {
            self.emetti(
                "CSI-LCY-020",
                self.path(j),
                vec![("esito", esito.code().to_string())],
            );
        } else if !esiti_ammessi(tipo).contains(&esito) {
            self.emetti(
                "CSI-LCY-016",
                self.path(j),
                vec![
                    ("esito", esito.code().to_string()),
                    ("tipo_fase", lettera(tipo)),
                ],
            );
            effettivo = self.strutturale(j);
        } else if self.contraddetto(j, esito) {
            self.emetti(
                "CSI-LCY-017",
                self.path(j),
                vec![("esito", esito.code().to_string())],
            );
            effettivo = self.strutturale(j);
        }
        self.esiti[j] = Some(effettivo);
        if !self.aperto[j] {
            return; // already closed implicitly
        }
        self.aperto[j] = false;
        self.sospeso[j] = false;
        if !self.stato.is_terminale() {
            match effettivo {
                EsitoProcesso::Trasferimento => {
                    self.stato = Stato::Processo(StatoProcesso::Trasferito)
                }
                EsitoProcesso::Annullato => self.stato = Stato::Processo(StatoProcesso::Annullato),
                e if tipo != TipoFase::ErogazioneServizio => {
                    if let Some(s) = stato_dopo_chiusura(tipo, e) {
                        self.stato = Stato::Processo(s);
                    }
                    if e == EsitoProcesso::PresaInCarico {
                        self.pic = true;
                    }
                }
                _ => {}
            }
        }
        self.ricalcola();
    }

    fn sospensione(&mut self, j: usize, k: usize) {
        let Some(d) = self.p.fasi[j].as_erogazione_servizio() else {
            return;
        };
        let Some(s) = d.sospensioni.get(k) else {
            return;
        };
        let attivo = d
            .data_attivazione
            .as_ref()
            .is_some_and(|a| !s.data_inizio.is_before(a))
            && !d
                .data_conclusione
                .as_ref()
                .is_some_and(|c| c.is_before(&s.data_inizio));
        if !self.aperto[j] || self.sospeso[j] || !attivo {
            let path = format!("{}/sospensioni/{k}", self.path(j));
            self.emetti("CSI-LCY-010", path, vec![]);
        }
        self.sospeso[j] = true;
        self.ricalcola();
    }

    fn ripresa(&mut self, j: usize, k: usize) {
        if !self.sospeso[j] {
            let path = format!("{}/sospensioni/{k}", self.path(j));
            self.emetti("CSI-LCY-011", path, vec![]);
        }
        self.sospeso[j] = false;
        self.ricalcola();
    }

    fn marcatore(&mut self, stato: StatoProcesso) {
        if !self.stato.is_terminale() {
            self.stato = Stato::Processo(stato);
        }
    }

    fn fine_replay(&mut self) {
        if self.stato == Stato::Processo(StatoProcesso::Chiuso) {
            let aperti: Vec<usize> = self.d_aperti().collect();
            for j in aperti {
                let path = self.path(j);
                self.emetti("CSI-LCY-012", path, vec![]);
            }
        }
        if let Some(s) = self.p.stato {
            if self.stato != Stato::Processo(s) {
                let params = vec![
                    ("stato", s.code().to_string()),
                    ("atteso", self.stato.code().to_string()),
                ];
                self.emetti("CSI-LCY-013", format!("{}/stato", self.base), params);
            }
        }
        for (j, f) in self.p.fasi.iter().enumerate() {
            if let Some(d) = f.as_erogazione_servizio() {
                servizio::verifica(d, || format!("{}/fasi/{}", self.base, j), &mut self.rilievi);
            }
        }
    }
}

/// Replays `p`; findings are rooted at `base` (the JSON Pointer of the process). The steps
/// ([`Esito::passi`]) are left empty: [`replay`] is the one that reports them.
pub(crate) fn esegui(p: &ProcessoAiuto, base: &str) -> Esito {
    esegui_con_passi(p, base, false)
}

/// Replays `p`, recording the steps when `con_passi`.
fn esegui_con_passi(p: &ProcessoAiuto, base: &str, con_passi: bool) -> Esito {
    let (evs, ordine) = deriva(p);
    let mut m = Macchina::new(p, base);
    let mut passi = Vec::with_capacity(if con_passi { ordine.len() } else { 0 });
    for id in ordine {
        let ev = &evs[id];
        match (ev.tipo, ev.fase) {
            (TipoPasso::Inizio, Some(j)) => m.inizio(j),
            (TipoPasso::Fine, Some(j)) => m.fine(j),
            (TipoPasso::Sospensione(k), Some(j)) => m.sospensione(j, k),
            (TipoPasso::Ripresa(k), Some(j)) => m.ripresa(j, k),
            (TipoPasso::Trasferimento, _) => m.marcatore(StatoProcesso::Trasferito),
            (TipoPasso::Annullamento, _) => m.marcatore(StatoProcesso::Annullato),
            _ => {}
        }
        if con_passi {
            passi.push(PassoReplay {
                tipo: ev.tipo,
                fase: ev.fase,
                istante: ev.istante.as_deref().cloned(),
                stato: m.stato,
            });
        }
    }
    m.fine_replay();
    Esito {
        stato: m.stato,
        passi,
        rilievi: m.rilievi,
        esiti: m.esiti,
    }
}
