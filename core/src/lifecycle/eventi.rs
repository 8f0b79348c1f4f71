//! API events (`lifecycle.md` §4): [`Evento`], [`applica`] and the cartella-level operations.

use super::replay::{esegui, Rilievo};
use super::{rifiuto, servizio, stato_corrente, Stato};
use crate::error::CartellaError;
use crate::model::{
    Cartella, Codice, CodiceFiscale, Data, Ente, EsitoProcesso, EventoProcesso, Fase, FaseAccesso,
    FaseErogazioneServizio, FaseProgettoIndividuale, FaseValutazioneBisogno, FaseValutazioneFinale,
    Istante, Operatore, Precisione, PresaInCarico, ProcessoAiuto, Ricezione, RuoloOperatore,
    Sospensione, StatoFase, StatoIntervento, StatoProcesso, Testo, TipoEvento, TipoFase,
    Trasferimento,
};
use crate::rules::{Issue, Severity};

/// The service targeted by `ATTIVA_SERVIZIO`: a new D record, or a registered one (`V`/`G`).
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Servizio {
    /// A new D record, activated at once.
    Nuovo(FaseErogazioneServizio),
    /// The `id_fase` of a D record registered earlier (`REGISTRA_SERVIZIO`).
    Registrato(String),
}

/// An API event (`lifecycle.md` §4, same names). Records opened by an event are given whole;
/// the machine sets their header (`stato_fase` `APERTA`, `data_inizio` = event date, no
/// `data_fine`/`esito_processo`). `NUOVO_ACCESSO` and `RICEVI_TRASFERIMENTO` create a process and
/// are cartella operations ([`nuovo_accesso`], [`ricevi_trasferimento`]).
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Evento {
    /// 1 — `APRI_ACCESSO`: opens the A record.
    ApriAccesso(FaseAccesso),
    /// 2 — `AVVIA_VALUTAZIONE`: closes A (`AVVIO_VALUTAZIONE`), opens B.
    AvviaValutazione(FaseValutazioneBisogno),
    /// 3 — `CHIUDI_ACCESSO`: closes A with `SOLO_INFORMAZIONE` or `INVIO_ALTRO_SERVIZIO`.
    ChiudiAccesso {
        /// Outcome of the A record.
        esito: EsitoProcesso,
    },
    /// 4 — `PRENDI_IN_CARICO`: closes B (`PRESA_IN_CARICO`), starts a presa-in-carico period,
    /// opens C.
    PrendiInCarico(FaseProgettoIndividuale),
    /// 5 — `NON_PRENDERE_IN_CARICO`: closes B with `NON_PRESA_IN_CARICO` or
    /// `INVIO_ALTRO_SERVIZIO`.
    NonPrendereInCarico {
        /// Outcome of the B record.
        esito: EsitoProcesso,
    },
    /// 6 — `APPROVA_PROGETTO`: closes the open C (`PROGETTO_APPROVATO`).
    ApprovaProgetto,
    /// 7 — `REGISTRA_SERVIZIO`: opens a D record in `V` (no `data_attivazione`).
    RegistraServizio(FaseErogazioneServizio),
    /// 8 — `METTI_IN_GRADUATORIA`: a D record in `V` goes to `G`.
    MettiInGraduatoria {
        /// Target D record.
        id_fase: String,
    },
    /// 9 — `ATTIVA_SERVIZIO`: activates a new or registered service (`A`).
    AttivaServizio(Servizio),
    /// 10 — `SOSPENDI_SERVIZIO`: opens a suspension on an active service.
    SospendiServizio {
        /// Target D record.
        id_fase: String,
        /// Motivazione (`…1.4.11`).
        motivazione: Option<Codice>,
    },
    /// 11 — `RIPRENDI_SERVIZIO`: closes the open suspension of a service.
    RiprendiServizio {
        /// Target D record.
        id_fase: String,
    },
    /// 12 — `CONCLUDI_SERVIZIO`: closes a D record with `CONCLUSO` or `INTERROTTO`.
    ConcludiServizio {
        /// Target D record.
        id_fase: String,
        /// Outcome of the D record.
        esito: EsitoProcesso,
    },
    /// 13 — `RIPROGETTA`: opens a new C (re-planning); open services stay open.
    Riprogetta(FaseProgettoIndividuale),
    /// 14 — `AVVIA_VALUTAZIONE_FINALE`: opens E (from `PROGETTAZIONE`, the open C is closed
    /// `PROGETTO_NON_ATTIVATO`).
    AvviaValutazioneFinale(FaseValutazioneFinale),
    /// 15 — `NUOVO_PROGETTO`: closes E (`NUOVO_PROGETTO`), opens C.
    NuovoProgetto(FaseProgettoIndividuale),
    /// 16 — `CHIUDI_PROCESSO`: closes E (`CHIUSURA`); the presa-in-carico period ends.
    ChiudiProcesso,
    /// 17 — `RIAPRI`: a closed process goes back to `VALUTAZIONE` with a new B.
    Riapri(FaseValutazioneBisogno),
    /// 19 — `TRASFERISCI`: every open record is closed with `TRASFERIMENTO`; `trasferimento` is
    /// set with the event date.
    Trasferisci {
        /// Ente destinatario.
        ente_destinatario: Ente,
        /// Whether the receiver is in the same region.
        stessa_regione: bool,
        /// Id of the interchange message sent.
        id_messaggio: Option<String>,
    },
    /// 21 — `ANNULLA`: every open record is annulled; the reason is the event's `nota`
    /// (required).
    Annulla,
    /// 22 — `CAMBIA_RESPONSABILE`: replaces the operator of a role on an open record; the
    /// previous operator stays in `eventi` (the event's `operatore`).
    CambiaResponsabile {
        /// Target record (B, C or E).
        id_fase: String,
        /// Role to change (must belong to the record's kind).
        ruolo: RuoloOperatore,
        /// The new operator.
        operatore: Operatore,
    },
}

fn con_id<T: Default>(
    id_fase: impl Into<String>,
    header: fn(&mut T) -> &mut crate::model::IntestazioneFase,
) -> T {
    let mut r = T::default();
    header(&mut r).id_fase = id_fase.into();
    r
}

impl Evento {
    /// `APRI_ACCESSO` with an empty A record of id `id_fase`.
    pub fn apri_accesso(id_fase: impl Into<String>) -> Evento {
        Evento::ApriAccesso(con_id(id_fase, |r: &mut FaseAccesso| &mut r.intestazione))
    }
    /// `AVVIA_VALUTAZIONE` with an empty B record.
    pub fn avvia_valutazione(id_fase: impl Into<String>) -> Evento {
        Evento::AvviaValutazione(con_id(id_fase, |r: &mut FaseValutazioneBisogno| {
            &mut r.intestazione
        }))
    }
    /// `PRENDI_IN_CARICO` with an empty C record.
    pub fn prendi_in_carico(id_fase: impl Into<String>) -> Evento {
        Evento::PrendiInCarico(con_id(id_fase, |r: &mut FaseProgettoIndividuale| {
            &mut r.intestazione
        }))
    }
    /// `REGISTRA_SERVIZIO` with an empty D record.
    pub fn registra_servizio(id_fase: impl Into<String>) -> Evento {
        Evento::RegistraServizio(con_id(id_fase, |r: &mut FaseErogazioneServizio| {
            &mut r.intestazione
        }))
    }
    /// `ATTIVA_SERVIZIO` of a new, empty D record.
    pub fn attiva_nuovo_servizio(id_fase: impl Into<String>) -> Evento {
        Evento::AttivaServizio(Servizio::Nuovo(con_id(
            id_fase,
            |r: &mut FaseErogazioneServizio| &mut r.intestazione,
        )))
    }
    /// `RIPROGETTA` with an empty C record.
    pub fn riprogetta(id_fase: impl Into<String>) -> Evento {
        Evento::Riprogetta(con_id(id_fase, |r: &mut FaseProgettoIndividuale| {
            &mut r.intestazione
        }))
    }
    /// `AVVIA_VALUTAZIONE_FINALE` with an empty E record.
    pub fn avvia_valutazione_finale(id_fase: impl Into<String>) -> Evento {
        Evento::AvviaValutazioneFinale(con_id(id_fase, |r: &mut FaseValutazioneFinale| {
            &mut r.intestazione
        }))
    }
    /// `NUOVO_PROGETTO` with an empty C record.
    pub fn nuovo_progetto(id_fase: impl Into<String>) -> Evento {
        Evento::NuovoProgetto(con_id(id_fase, |r: &mut FaseProgettoIndividuale| {
            &mut r.intestazione
        }))
    }
    /// `RIAPRI` with an empty B record.
    pub fn riapri(id_fase: impl Into<String>) -> Evento {
        Evento::Riapri(con_id(id_fase, |r: &mut FaseValutazioneBisogno| {
            &mut r.intestazione
        }))
    }

    /// The event kind logged in `eventi`.
    pub fn tipo(&self) -> TipoEvento {
        match self {
            Evento::ApriAccesso(_) => TipoEvento::ApriAccesso,
            Evento::AvviaValutazione(_) => TipoEvento::AvviaValutazione,
            Evento::ChiudiAccesso { .. } => TipoEvento::ChiudiAccesso,
            Evento::PrendiInCarico(_) => TipoEvento::PrendiInCarico,
            Evento::NonPrendereInCarico { .. } => TipoEvento::NonPrendereInCarico,
            Evento::ApprovaProgetto => TipoEvento::ApprovaProgetto,
            Evento::RegistraServizio(_) => TipoEvento::RegistraServizio,
            Evento::MettiInGraduatoria { .. } => TipoEvento::MettiInGraduatoria,
            Evento::AttivaServizio(_) => TipoEvento::AttivaServizio,
            Evento::SospendiServizio { .. } => TipoEvento::SospendiServizio,
            Evento::RiprendiServizio { .. } => TipoEvento::RiprendiServizio,
            Evento::ConcludiServizio { .. } => TipoEvento::ConcludiServizio,
            Evento::Riprogetta(_) => TipoEvento::Riprogetta,
            Evento::AvviaValutazioneFinale(_) => TipoEvento::AvviaValutazioneFinale,
            Evento::NuovoProgetto(_) => TipoEvento::NuovoProgetto,
            Evento::ChiudiProcesso => TipoEvento::ChiudiProcesso,
            Evento::Riapri(_) => TipoEvento::Riapri,
            Evento::Trasferisci { .. } => TipoEvento::Trasferisci,
            Evento::Annulla => TipoEvento::Annulla,
            Evento::CambiaResponsabile { .. } => TipoEvento::CambiaResponsabile,
        }
    }
}

/// Data common to every event: its date (at least day precision, not earlier than the last
/// logged event), the acting operator and a note.
#[derive(Debug, Clone, PartialEq)]
pub struct DatiEvento {
    /// Event date.
    pub data: Istante,
    /// Acting operator.
    pub operatore: Option<CodiceFiscale>,
    /// Note (the reason of `ANNULLA`).
    pub nota: Option<Testo>,
}

impl DatiEvento {
    /// An event on `data`, without operator or note.
    pub fn il(data: Istante) -> DatiEvento {
        DatiEvento {
            data,
            operatore: None,
            nota: None,
        }
    }
    /// With the acting operator.
    pub fn con_operatore(mut self, operatore: CodiceFiscale) -> DatiEvento {
        self.operatore = Some(operatore);
        self
    }
    /// With a note.
    pub fn con_nota(mut self, nota: impl Into<Testo>) -> DatiEvento {
        self.nota = Some(nota.into());
        self
    }
}

/// Options of [`applica`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpzioniTransizione {
    /// Strict mode: a soft guard not met (a warning) refuses the event, with the guard's rule id.
    pub rigoroso: bool,
}

impl OpzioniTransizione {
    /// Strict options.
    pub fn rigorose() -> OpzioniTransizione {
        OpzioniTransizione { rigoroso: true }
    }
}

fn argomento(name: &'static str, message: impl Into<String>) -> CartellaError {
    CartellaError::Argomento {
        name,
        message: message.into(),
    }
}

/// The event kinds allowed in the current state of the process (`lifecycle.md` §4, column
/// *From*), narrowed by the structural guards that do not depend on the payload (an open C for
/// `APPROVA_PROGETTO`, a service in the right state for service events, …).
/// `NUOVO_ACCESSO` and `RICEVI_TRASFERIMENTO` are cartella operations and are not listed.
pub fn transizioni_ammesse(processo: &ProcessoAiuto) -> Vec<TipoEvento> {
    use StatoProcesso as S;
    use TipoEvento as T;
    let stato = stato_corrente(processo);
    let aperto = |t: TipoFase| processo.fasi.iter().any(|f| f.is_open() && f.tipo() == t);
    let d = || {
        processo
            .fasi
            .iter()
            .filter(|f| f.is_open())
            .filter_map(Fase::as_erogazione_servizio)
    };
    let mut out = Vec::new();
    let Stato::Processo(s) = stato else {
        return vec![T::ApriAccesso];
    };
    match s {
        S::Accesso => out.extend([T::AvviaValutazione, T::ChiudiAccesso]),
        S::Valutazione => out.extend([T::PrendiInCarico, T::NonPrendereInCarico]),
        S::Progettazione => {
            if aperto(TipoFase::ProgettoIndividuale) {
                out.extend([T::ApprovaProgetto, T::AvviaValutazioneFinale]);
            }
        }
        S::Erogazione | S::Sospeso => {
            out.push(T::RegistraServizio);
            if d().any(|d| servizio::stato_intervento(d) == StatoIntervento::V) {
                out.push(T::MettiInGraduatoria);
            }
            out.push(T::AttivaServizio);
            if d().any(|d| servizio::stato_intervento(d) == StatoIntervento::A) {
                out.push(T::SospendiServizio);
            }
            if d().any(|d| servizio::sospensione_aperta(d).is_some()) {
                out.push(T::RiprendiServizio);
            }
        }
        S::ValutazioneFinale => {
            if aperto(TipoFase::ValutazioneFinale) {
                out.push(T::NuovoProgetto);
                if !aperto(TipoFase::ErogazioneServizio) {
                    out.push(T::ChiudiProcesso);
                }
            }
        }
        S::Chiuso => out.push(T::Riapri),
        S::Trasferito | S::Annullato => return out,
    }
    if matches!(
        s,
        S::Erogazione | S::Sospeso | S::Progettazione | S::ValutazioneFinale
    ) && d().next().is_some()
    {
        out.push(T::ConcludiServizio);
    }
    if matches!(s, S::Erogazione | S::Sospeso) && !aperto(TipoFase::ProgettoIndividuale) {
        out.push(T::Riprogetta);
    }
    if matches!(s, S::Erogazione | S::Sospeso) {
        out.push(T::AvviaValutazioneFinale);
    }
    if s != S::Chiuso {
        out.push(T::Trasferisci);
        out.push(T::Annulla);
        let ruoli = processo.fasi.iter().any(|f| {
            f.is_open()
                && matches!(
                    f.tipo(),
                    TipoFase::ValutazioneBisogno
                        | TipoFase::ProgettoIndividuale
                        | TipoFase::ValutazioneFinale
                )
        });
        if ruoli {
            out.push(T::CambiaResponsabile);
        }
    }
    out
}

/// Applies an API event to a process (`lifecycle.md` §4).
///
/// On success the process is updated (records created/closed, `prese_in_carico`, `stato`), the
/// event is appended to `eventi` and the soft-guard findings (warnings, paths relative to the
/// process) are returned. On refusal the process is unchanged and the error is
/// [`CartellaError::TransizioneIllegale`] with the violated rule (`CSI-LCY-*`, `CSI-DAT-001`,
/// or in strict mode the soft guard's rule), or [`CartellaError::Argomento`] for a malformed
/// request (unknown target, duplicate `id_fase`, date of less than day precision or earlier
/// than the last event, an event that would not replay to the same state because its date ties
/// with earlier records: give a time).
///
/// `CSI-LCY-009` (one process in progress per cartella) needs the cartella: use
/// [`applica_in_cartella`].
pub fn applica(
    processo: &mut ProcessoAiuto,
    evento: Evento,
    dati: DatiEvento,
    opzioni: &OpzioniTransizione,
) -> Result<Vec<Issue>, CartellaError> {
    applica_base(processo, evento, dati, opzioni, "")
}

/// [`applica`] on the process `id_processo` of a cartella, with the cartella-level guard
/// `CSI-LCY-009` for `APRI_ACCESSO` and `RIAPRI`. Finding paths are rooted at the cartella.
pub fn applica_in_cartella(
    cartella: &mut Cartella,
    id_processo: &str,
    evento: Evento,
    dati: DatiEvento,
    opzioni: &OpzioniTransizione,
) -> Result<Vec<Issue>, CartellaError> {
    let i = cartella
        .processi
        .iter()
        .position(|p| p.id_processo == id_processo)
        .ok_or_else(|| argomento("id_processo", "no process with this id in the cartella"))?;
    if matches!(evento, Evento::ApriAccesso(_) | Evento::Riapri(_)) {
        let altro_aperto = cartella
            .processi
            .iter()
            .enumerate()
            .any(|(k, p)| k != i && stato_corrente(p).is_aperto());
        if altro_aperto {
            return Err(rifiuto(
                "CSI-LCY-009",
                evento.tipo(),
                stato_corrente(&cartella.processi[i]),
            ));
        }
    }
    let base = format!("/processi/{i}");
    applica_base(&mut cartella.processi[i], evento, dati, opzioni, &base)
}

/// `NUOVO_ACCESSO` (event 18): creates a new process `id_processo` with its A record. When the
/// last process of the cartella is `CHIUSO` it becomes `riapertura_di`. Refused with
/// `CSI-LCY-009` while another process is in progress.
pub fn nuovo_accesso(
    cartella: &mut Cartella,
    id_processo: impl Into<String>,
    accesso: FaseAccesso,
    dati: DatiEvento,
    opzioni: &OpzioniTransizione,
) -> Result<Vec<Issue>, CartellaError> {
    let id_processo = id_processo.into();
    if id_processo.is_empty() || cartella.processo(&id_processo).is_some() {
        return Err(argomento(
            "id_processo",
            "empty or already used in the cartella",
        ));
    }
    if cartella
        .processi
        .iter()
        .any(|p| stato_corrente(p).is_aperto())
    {
        return Err(rifiuto(
            "CSI-LCY-009",
            TipoEvento::NuovoAccesso,
            Stato::Iniziale,
        ));
    }
    let riapertura_di = cartella
        .processi
        .last()
        .filter(|p| stato_corrente(p) == Stato::Processo(StatoProcesso::Chiuso))
        .map(|p| p.id_processo.clone());
    let mut p = ProcessoAiuto {
        id_processo,
        riapertura_di,
        ..Default::default()
    };
    let i = cartella.processi.len();
    let issues = applica_base(
        &mut p,
        Evento::ApriAccesso(accesso),
        dati,
        opzioni,
        &format!("/processi/{i}"),
    )?;
    if let Some(e) = p.eventi.last_mut() {
        e.tipo = TipoEvento::NuovoAccesso;
    }
    cartella.processi.push(p);
    Ok(issues)
}

/// `RICEVI_TRASFERIMENTO` (event 20): imports a process received from another ente as a new
/// process of the cartella. Its records keep their ids and are continued as they are; the state
/// is the replayed state of the received records; `ricevuto_da` is set and `ente_titolare` is
/// the receiver (the cartella's owner). Refused with `CSI-LCY-009` while another process is in
/// progress, and with `CSI-LCY-007` when the received process replays to `TRASFERITO` or
/// `ANNULLATO`. Returns the replay findings of the received process.
pub fn ricevi_trasferimento(
    cartella: &mut Cartella,
    mut processo: ProcessoAiuto,
    ricezione: Ricezione,
    dati: DatiEvento,
) -> Result<Vec<Issue>, CartellaError> {
    if processo.id_processo.is_empty() || cartella.processo(&processo.id_processo).is_some() {
        return Err(argomento(
            "id_processo",
            "empty or already used in the cartella",
        ));
    }
    if cartella
        .processi
        .iter()
        .any(|p| stato_corrente(p).is_aperto())
    {
        return Err(rifiuto(
            "CSI-LCY-009",
            TipoEvento::RiceviTrasferimento,
            Stato::Iniziale,
        ));
    }
    let i = cartella.processi.len();
    let esito = esegui(&processo, &format!("/processi/{i}"));
    if esito.stato.is_terminale() || esito.stato == Stato::Iniziale {
        return Err(rifiuto(
            "CSI-LCY-007",
            TipoEvento::RiceviTrasferimento,
            esito.stato,
        ));
    }
    processo.stato = esito.stato.processo();
    processo.ricevuto_da = Some(ricezione);
    processo.ente_titolare = Some(cartella.ente_titolare.clone());
    processo.trasferimento = None;
    processo.eventi.push(EventoProcesso {
        tipo: TipoEvento::RiceviTrasferimento,
        data: dati.data,
        stato_da: None,
        stato_a: esito.stato.processo(),
        id_fase: None,
        operatore: dati.operatore,
        nota: dati.nota,
    });
    cartella.processi.push(processo);
    Ok(esito
        .rilievi
        .into_iter()
        .filter_map(|r| Issue::new(r.rule, r.path, r.params).ok())
        .collect())
}

/// Working state of one application.
struct Lavoro<'a> {
    p: &'a mut ProcessoAiuto,
    evento: TipoEvento,
    da: Stato,
    dati: &'a DatiEvento,
    base: &'a str,
    avvisi: Vec<Rilievo>,
    /// `CAMBIA_RESPONSABILE`: the previous operator and the role.
    precedente: Option<CodiceFiscale>,
    ruolo: Option<RuoloOperatore>,
}

impl Lavoro<'_> {
    fn rifiuta(&self, rule: &str) -> CartellaError {
        rifiuto(rule, self.evento, self.da)
    }

    fn path(&self, j: usize, campo: &str) -> String {
        if campo.is_empty() {
            format!("{}/fasi/{j}", self.base)
        } else {
            format!("{}/fasi/{j}/{campo}", self.base)
        }
    }

    fn avviso_se(&mut self, manca: bool, rule: &'static str, j: usize, campo: &str) {
        if manca {
            let path = self.path(j, campo);
            self.avvisi.push(Rilievo::new(rule, path, vec![]));
        }
    }

    /// Index of the open record of a single-instance kind.
    fn aperto(&self, t: TipoFase) -> Option<usize> {
        self.p
            .fasi
            .iter()
            .rposition(|f| f.is_open() && f.tipo() == t)
    }

    fn d_aperti(&self) -> Vec<usize> {
        (0..self.p.fasi.len())
            .filter(|&j| {
                self.p.fasi[j].is_open() && self.p.fasi[j].tipo() == TipoFase::ErogazioneServizio
            })
            .collect()
    }

    /// The D record `id_fase` (index).
    fn servizio(&self, id_fase: &str) -> Result<usize, CartellaError> {
        self.p
            .fasi
            .iter()
            .position(|f| f.id() == id_fase && f.tipo() == TipoFase::ErogazioneServizio)
            .ok_or_else(|| argomento("id_fase", "no D record with this id in the process"))
    }

    fn d(&mut self, j: usize) -> Result<&mut FaseErogazioneServizio, CartellaError> {
        self.p
            .fasi
            .get_mut(j)
            .and_then(Fase::as_erogazione_servizio_mut)
            .ok_or_else(|| argomento("id_fase", "not a D record"))
    }

    /// Checks the event date against the record it closes (`CSI-DAT-001`).
    fn verifica_data(&self, j: usize) -> Result<(), CartellaError> {
        match &self.p.fasi[j].header().data_inizio {
            Some(inizio) if self.dati.data.is_before(inizio) => Err(self.rifiuta("CSI-DAT-001")),
            _ => Ok(()),
        }
    }

    /// Closes record `j` with `esito` on the event date.
    fn chiudi(
        &mut self,
        j: usize,
        esito: EsitoProcesso,
        stato_fase: StatoFase,
    ) -> Result<(), CartellaError> {
        self.verifica_data(j)?;
        let data = self.dati.data.clone();
        let h = self.p.fasi[j].header_mut();
        h.stato_fase = stato_fase;
        h.data_fine = Some(data);
        h.esito_processo = Some(esito);
        Ok(())
    }

    /// Opens a new record (header set by the machine). Returns its index.
    fn apri(&mut self, mut fase: Fase) -> Result<usize, CartellaError> {
        let id = fase.id().to_string();
        if id.is_empty() || self.p.fase(&id).is_some() {
            return Err(argomento("id_fase", "empty or already used in the process"));
        }
        let h = fase.header_mut();
        h.stato_fase = StatoFase::Aperta;
        h.data_inizio = Some(self.dati.data.clone());
        h.data_fine = None;
        h.esito_processo = None;
        self.p.fasi.push(fase);
        Ok(self.p.fasi.len() - 1)
    }

    /// §5 on a state reached by a service event.
    fn derivato(&self, s: StatoProcesso) -> StatoProcesso {
        if !matches!(s, StatoProcesso::Erogazione | StatoProcesso::Sospeso) {
            return s;
        }
        let aperti = self.d_aperti();
        let tutti_sospesi = !aperti.is_empty()
            && aperti.iter().all(|&j| {
                self.p.fasi[j]
                    .as_erogazione_servizio()
                    .is_some_and(|d| servizio::sospensione_aperta(d).is_some())
            });
        if tutti_sospesi {
            StatoProcesso::Sospeso
        } else {
            StatoProcesso::Erogazione
        }
    }

    /// Performs the event; returns the new state and the record concerned.
    fn esegui(&mut self, evento: Evento) -> Result<(StatoProcesso, Option<String>), CartellaError> {
        use StatoProcesso as S;
        let st = self.da.processo();
        let in_stato = |ammessi: &[S]| st.is_some_and(|s| ammessi.contains(&s));
        let non_terminale = [
            S::Accesso,
            S::Valutazione,
            S::Progettazione,
            S::Erogazione,
            S::Sospeso,
            S::ValutazioneFinale,
        ];
        let eroga = [S::Erogazione, S::Sospeso];
        let ok = match &evento {
            Evento::ApriAccesso(_) => self.da == Stato::Iniziale,
            Evento::AvviaValutazione(_) | Evento::ChiudiAccesso { .. } => in_stato(&[S::Accesso]),
            Evento::PrendiInCarico(_) | Evento::NonPrendereInCarico { .. } => {
                in_stato(&[S::Valutazione])
            }
            Evento::ApprovaProgetto => in_stato(&[S::Progettazione]),
            Evento::RegistraServizio(_)
            | Evento::MettiInGraduatoria { .. }
            | Evento::AttivaServizio(_)
            | Evento::SospendiServizio { .. }
            | Evento::RiprendiServizio { .. }
            | Evento::Riprogetta(_) => in_stato(&eroga),
            Evento::ConcludiServizio { .. } => in_stato(&[
                S::Erogazione,
                S::Sospeso,
                S::Progettazione,
                S::ValutazioneFinale,
            ]),
            Evento::AvviaValutazioneFinale(_) => {
                in_stato(&[S::Erogazione, S::Sospeso, S::Progettazione])
            }
            Evento::NuovoProgetto(_) | Evento::ChiudiProcesso => in_stato(&[S::ValutazioneFinale]),
            Evento::Riapri(_) => in_stato(&[S::Chiuso]),
            Evento::Trasferisci { .. } | Evento::Annulla | Evento::CambiaResponsabile { .. } => {
                in_stato(&non_terminale)
            }
        };
        if !ok {
            return Err(match (&evento, st) {
                (Evento::Riapri(_), Some(S::Trasferito | S::Annullato)) => {
                    self.rifiuta("CSI-LCY-015")
                }
                (_, Some(S::Trasferito | S::Annullato)) => self.rifiuta("CSI-LCY-007"),
                _ => self.rifiuta("CSI-LCY-001"),
            });
        }
        let da = st.unwrap_or(S::Accesso);
        match evento {
            Evento::ApriAccesso(a) => {
                let j = self.apri(Fase::Accesso(a))?;
                Ok((S::Accesso, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::AvviaValutazione(b) => {
                if let Some(a) = self.aperto(TipoFase::Accesso) {
                    let (tr, mc) = self.p.fasi[a].as_accesso().map_or((false, false), |a| {
                        (
                            a.tipologia_richiesta.is_none(),
                            a.modalita_contatto.is_none(),
                        )
                    });
                    self.avviso_se(tr, "CSI-ACC-007", a, "tipologia_richiesta");
                    self.avviso_se(mc, "CSI-ACC-008", a, "modalita_contatto");
                    self.chiudi(a, EsitoProcesso::AvvioValutazione, StatoFase::Chiusa)?;
                }
                let j = self.apri(Fase::ValutazioneBisogno(b))?;
                Ok((S::Valutazione, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::ChiudiAccesso { esito } => {
                if !matches!(
                    esito,
                    EsitoProcesso::SoloInformazione | EsitoProcesso::InvioAltroServizio
                ) {
                    return Err(self.rifiuta("CSI-LCY-016"));
                }
                let a = self
                    .aperto(TipoFase::Accesso)
                    .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                let manca = self.p.fasi[a].header().esito.is_none();
                self.avviso_se(manca, "CSI-FAS-010", a, "esito");
                self.chiudi(a, esito, StatoFase::Chiusa)?;
                Ok((S::Chiuso, Some(self.p.fasi[a].id().to_string())))
            }
            Evento::PrendiInCarico(c) => {
                let data = self
                    .dati
                    .data
                    .date()
                    .map(Data)
                    .ok_or_else(|| argomento("data", "day precision needed"))?;
                if let Some(b) = self.aperto(TipoFase::ValutazioneBisogno) {
                    let (rv, dv) =
                        self.p.fasi[b]
                            .as_valutazione_bisogno()
                            .map_or((false, false), |b| {
                                (
                                    b.responsabile_valutazione.is_none(),
                                    b.data_valutazione.is_none(),
                                )
                            });
                    self.avviso_se(rv, "CSI-VAL-001", b, "responsabile_valutazione");
                    self.avviso_se(dv, "CSI-VAL-002", b, "data_valutazione");
                    self.chiudi(b, EsitoProcesso::PresaInCarico, StatoFase::Chiusa)?;
                }
                let j = self.apri(Fase::ProgettoIndividuale(c))?;
                self.p.prese_in_carico.push(PresaInCarico {
                    data_inizio: data,
                    data_fine: None,
                    area_utenza_siuss: None,
                });
                Ok((S::Progettazione, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::NonPrendereInCarico { esito } => {
                if !matches!(
                    esito,
                    EsitoProcesso::NonPresaInCarico | EsitoProcesso::InvioAltroServizio
                ) {
                    return Err(self.rifiuta("CSI-LCY-016"));
                }
                let b = self
                    .aperto(TipoFase::ValutazioneBisogno)
                    .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                let dv = self.p.fasi[b]
                    .as_valutazione_bisogno()
                    .is_some_and(|b| b.data_valutazione.is_none());
                self.avviso_se(dv, "CSI-VAL-002", b, "data_valutazione");
                self.chiudi(b, esito, StatoFase::Chiusa)?;
                Ok((S::Chiuso, Some(self.p.fasi[b].id().to_string())))
            }
            Evento::ApprovaProgetto => {
                let c = self
                    .aperto(TipoFase::ProgettoIndividuale)
                    .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                let (rp, cp, ob) =
                    self.p.fasi[c]
                        .as_progetto_individuale()
                        .map_or((false, false, false), |c| {
                            let prog = c.progetto.as_ref();
                            (
                                c.responsabile_progetto.is_none(),
                                prog.and_then(|p| p.codice_progetto.as_ref()).is_none(),
                                prog.and_then(|p| p.obiettivi.first()).is_none(),
                            )
                        });
                self.avviso_se(rp, "CSI-PRG-001", c, "responsabile_progetto");
                self.avviso_se(cp, "CSI-PRG-004", c, "progetto/codice_progetto");
                self.avviso_se(ob, "CSI-PRG-006", c, "progetto/obiettivi");
                self.chiudi(c, EsitoProcesso::ProgettoApprovato, StatoFase::Chiusa)?;
                Ok((
                    self.derivato(S::Erogazione),
                    Some(self.p.fasi[c].id().to_string()),
                ))
            }
            Evento::RegistraServizio(mut d) => {
                d.data_attivazione = None;
                d.data_conclusione = None;
                d.sospensioni.clear();
                d.stato_intervento = Some(StatoIntervento::V);
                let j = self.apri(Fase::ErogazioneServizio(d))?;
                Ok((self.derivato(da), Some(self.p.fasi[j].id().to_string())))
            }
            Evento::MettiInGraduatoria { id_fase } => {
                let j = self.servizio(&id_fase)?;
                let d = self.d(j)?;
                let s = servizio::stato_intervento(d);
                if s != StatoIntervento::V || !self.p.fasi[j].is_open() {
                    return Err(self.rifiuta("CSI-LCY-023"));
                }
                self.d(j)?.stato_intervento = Some(StatoIntervento::G);
                Ok((da, Some(id_fase)))
            }
            Evento::AttivaServizio(servizio) => {
                let data = self.dati.data.clone();
                let j = match servizio {
                    Servizio::Nuovo(mut d) => {
                        d.data_attivazione = Some(data);
                        d.data_conclusione = None;
                        d.sospensioni.clear();
                        d.stato_intervento = Some(StatoIntervento::A);
                        self.apri(Fase::ErogazioneServizio(d))?
                    }
                    Servizio::Registrato(id) => {
                        let j = self.servizio(&id)?;
                        let aperto = self.p.fasi[j].is_open();
                        let d = self.d(j)?;
                        if !aperto
                            || !matches!(
                                servizio::stato_intervento(d),
                                StatoIntervento::V | StatoIntervento::G
                            )
                        {
                            return Err(self.rifiuta("CSI-LCY-023"));
                        }
                        d.data_attivazione = Some(data);
                        d.stato_intervento = Some(StatoIntervento::A);
                        j
                    }
                };
                let (se, pr) =
                    self.p.fasi[j]
                        .as_erogazione_servizio()
                        .map_or((false, false), |d| {
                            (
                                d.servizio_erogato.is_none(),
                                d.udo_sociale.is_none()
                                    && d.struttura_fuori_rete.is_none()
                                    && d.soggetto_erogatore.is_none(),
                            )
                        });
                self.avviso_se(se, "CSI-ERO-003", j, "servizio_erogato");
                self.avviso_se(pr, "CSI-ERO-001", j, "");
                Ok((self.derivato(da), Some(self.p.fasi[j].id().to_string())))
            }
            Evento::SospendiServizio {
                id_fase,
                motivazione,
            } => {
                let j = self.servizio(&id_fase)?;
                let aperto = self.p.fasi[j].is_open();
                let data = self.dati.data.clone();
                let d = self.d(j)?;
                let attivo = servizio::stato_intervento(d) == StatoIntervento::A
                    && d.data_attivazione.is_some()
                    && servizio::sospensione_aperta(d).is_none();
                if !aperto || !attivo {
                    return Err(self.rifiuta("CSI-LCY-010"));
                }
                let manca = motivazione.is_none();
                d.sospensioni.push(Sospensione {
                    data_inizio: data,
                    data_fine: None,
                    motivazione,
                });
                d.stato_intervento = Some(StatoIntervento::S);
                d.intestazione.stato_fase = StatoFase::Sospesa;
                let k = d.sospensioni.len() - 1;
                self.avviso_se(manca, "CSI-ERO-010", j, &format!("sospensioni/{k}"));
                Ok((self.derivato(da), Some(id_fase)))
            }
            Evento::RiprendiServizio { id_fase } => {
                let j = self.servizio(&id_fase)?;
                let aperto = self.p.fasi[j].is_open();
                let data = self.dati.data.clone();
                let d = self.d(j)?;
                let Some(k) = servizio::sospensione_aperta(d).filter(|_| aperto) else {
                    return Err(self.rifiuta("CSI-LCY-011"));
                };
                if data.is_before(&d.sospensioni[k].data_inizio) {
                    return Err(self.rifiuta("CSI-DAT-001"));
                }
                d.sospensioni[k].data_fine = Some(data);
                d.stato_intervento = Some(StatoIntervento::A);
                d.intestazione.stato_fase = StatoFase::Aperta;
                Ok((self.derivato(da), Some(id_fase)))
            }
            Evento::ConcludiServizio { id_fase, esito } => {
                if !matches!(esito, EsitoProcesso::Concluso | EsitoProcesso::Interrotto) {
                    return Err(self.rifiuta("CSI-LCY-016"));
                }
                let j = self.servizio(&id_fase)?;
                if !self.p.fasi[j].is_open() {
                    return Err(self.rifiuta("CSI-LCY-023"));
                }
                self.concludi_servizio(j, esito, StatoFase::Chiusa)?;
                Ok((self.derivato(da), Some(id_fase)))
            }
            Evento::Riprogetta(c) => {
                if self.aperto(TipoFase::ProgettoIndividuale).is_some() {
                    return Err(self.rifiuta("CSI-LCY-008"));
                }
                let j = self.apri(Fase::ProgettoIndividuale(c))?;
                Ok((S::Progettazione, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::AvviaValutazioneFinale(e) => {
                if da == S::Progettazione {
                    let c = self
                        .aperto(TipoFase::ProgettoIndividuale)
                        .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                    self.chiudi(c, EsitoProcesso::ProgettoNonAttivato, StatoFase::Chiusa)?;
                }
                let j = self.apri(Fase::ValutazioneFinale(e))?;
                if !self.d_aperti().is_empty() {
                    let path = self.path(j, "");
                    self.avvisi.push(Rilievo::new(
                        "CSI-LCY-014",
                        path,
                        vec![("guard", "servizi_aperti".to_string())],
                    ));
                }
                Ok((S::ValutazioneFinale, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::NuovoProgetto(c) => {
                let e = self
                    .aperto(TipoFase::ValutazioneFinale)
                    .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                let np = self.p.fasi[e]
                    .as_valutazione_finale()
                    .is_some_and(|e| e.nuovo_progetto.is_none());
                self.avviso_se(np, "CSI-FIN-004", e, "nuovo_progetto");
                self.chiudi(e, EsitoProcesso::NuovoProgetto, StatoFase::Chiusa)?;
                let j = self.apri(Fase::ProgettoIndividuale(c))?;
                Ok((S::Progettazione, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::ChiudiProcesso => {
                let e = self
                    .aperto(TipoFase::ValutazioneFinale)
                    .ok_or_else(|| self.rifiuta("CSI-LCY-001"))?;
                if !self.d_aperti().is_empty() {
                    return Err(self.rifiuta("CSI-LCY-012"));
                }
                let (rc, mc, dv) =
                    self.p.fasi[e]
                        .as_valutazione_finale()
                        .map_or((false, false, false), |e| {
                            (
                                e.responsabile_chiusura.is_none(),
                                e.motivazione_chiusura.is_none(),
                                e.data_valutazione_finale.is_none(),
                            )
                        });
                self.avviso_se(rc, "CSI-FIN-001", e, "responsabile_chiusura");
                self.avviso_se(mc, "CSI-FIN-002", e, "motivazione_chiusura");
                self.avviso_se(dv, "CSI-FIN-003", e, "data_valutazione_finale");
                self.chiudi(e, EsitoProcesso::Chiusura, StatoFase::Chiusa)?;
                Ok((S::Chiuso, Some(self.p.fasi[e].id().to_string())))
            }
            Evento::Riapri(b) => {
                let j = self.apri(Fase::ValutazioneBisogno(b))?;
                Ok((S::Valutazione, Some(self.p.fasi[j].id().to_string())))
            }
            Evento::Trasferisci {
                ente_destinatario,
                stessa_regione,
                id_messaggio,
            } => {
                if ente_destinatario.id.root.as_str().is_empty() {
                    return Err(argomento(
                        "ente_destinatario",
                        "the destination ente needs an id",
                    ));
                }
                let data = self
                    .dati
                    .data
                    .date()
                    .map(Data)
                    .ok_or_else(|| argomento("data", "day precision needed"))?;
                self.chiudi_tutti(EsitoProcesso::Trasferimento, StatoFase::Chiusa)?;
                self.p.trasferimento = Some(Trasferimento {
                    data,
                    ente_destinatario,
                    stessa_regione,
                    id_messaggio,
                });
                Ok((S::Trasferito, None))
            }
            Evento::Annulla => {
                if self.dati.nota.as_ref().filter(|n| !n.is_empty()).is_none() {
                    return Err(argomento("nota", "ANNULLA needs a reason"));
                }
                self.chiudi_tutti(EsitoProcesso::Annullato, StatoFase::Annullata)?;
                Ok((S::Annullato, None))
            }
            Evento::CambiaResponsabile {
                id_fase,
                ruolo,
                operatore,
            } => {
                let j = self
                    .p
                    .fasi
                    .iter()
                    .position(|f| f.id() == id_fase)
                    .ok_or_else(|| argomento("id_fase", "no record with this id in the process"))?;
                if !self.p.fasi[j].is_open() {
                    return Err(self.rifiuta("CSI-LCY-001"));
                }
                let campo: &mut Option<Operatore> = match (&mut self.p.fasi[j], ruolo) {
                    (Fase::ValutazioneBisogno(b), RuoloOperatore::ResponsabileValutazione) => {
                        &mut b.responsabile_valutazione
                    }
                    (Fase::ValutazioneBisogno(b), RuoloOperatore::CaseManager) => {
                        &mut b.case_manager
                    }
                    (Fase::ProgettoIndividuale(c), RuoloOperatore::ResponsabileProgetto) => {
                        &mut c.responsabile_progetto
                    }
                    (Fase::ProgettoIndividuale(c), RuoloOperatore::ResponsabileMonitoraggio) => {
                        &mut c.responsabile_monitoraggio
                    }
                    (Fase::ValutazioneFinale(e), RuoloOperatore::ResponsabileChiusura) => {
                        &mut e.responsabile_chiusura
                    }
                    _ => {
                        return Err(argomento(
                            "ruolo",
                            "the role does not belong to the record's phase kind",
                        ))
                    }
                };
                let precedente = campo.replace(operatore);
                self.precedente = precedente.and_then(|o| o.codice_fiscale);
                self.ruolo = Some(ruolo);
                Ok((da, Some(id_fase)))
            }
        }
    }

    fn concludi_servizio(
        &mut self,
        j: usize,
        esito: EsitoProcesso,
        stato_fase: StatoFase,
    ) -> Result<(), CartellaError> {
        self.chiudi(j, esito, stato_fase)?;
        let data = self.dati.data.clone();
        let d = self.d(j)?;
        if let Some(k) = servizio::sospensione_aperta(d) {
            d.sospensioni[k].data_fine = Some(data.clone());
        }
        if d.data_attivazione.is_some() {
            d.data_conclusione = Some(data);
        }
        d.stato_intervento = Some(StatoIntervento::C);
        Ok(())
    }

    /// Closes every open record (`TRASFERISCI`, `ANNULLA`).
    fn chiudi_tutti(
        &mut self,
        esito: EsitoProcesso,
        stato_fase: StatoFase,
    ) -> Result<(), CartellaError> {
        let aperti: Vec<usize> = (0..self.p.fasi.len())
            .filter(|&j| self.p.fasi[j].is_open())
            .collect();
        for j in aperti {
            if self.p.fasi[j].tipo() == TipoFase::ErogazioneServizio
                && stato_fase == StatoFase::Chiusa
            {
                self.concludi_servizio(j, esito, stato_fase)?;
            } else {
                self.chiudi(j, esito, stato_fase)?;
            }
        }
        Ok(())
    }
}

/// Ends the open presa-in-carico period on `data`.
fn chiudi_presa_in_carico(p: &mut ProcessoAiuto, data: &Istante) {
    let data = data.date().map(Data);
    if let Some(pic) = p
        .prese_in_carico
        .iter_mut()
        .rev()
        .find(|p| p.data_fine.is_none())
    {
        pic.data_fine = data;
    }
}

/// Lifecycle findings that an applied event must not add to the replay of the process (every
/// `CSI-LCY-*` finding except the stored-state comparison, the soft guard and the inference
/// notice, which an event may legitimately change).
fn incoerenze(rilievi: &[Rilievo]) -> usize {
    rilievi
        .iter()
        .filter(|r| {
            r.rule.starts_with("CSI-LCY-")
                && !matches!(r.rule, "CSI-LCY-013" | "CSI-LCY-014" | "CSI-LCY-020")
        })
        .count()
}

fn applica_base(
    processo: &mut ProcessoAiuto,
    evento: Evento,
    dati: DatiEvento,
    opzioni: &OpzioniTransizione,
    base: &str,
) -> Result<Vec<Issue>, CartellaError> {
    if dati.data.precision() < Precisione::Giorno {
        return Err(argomento(
            "data",
            "an event date needs at least day precision",
        ));
    }
    if processo
        .eventi
        .last()
        .is_some_and(|u| dati.data.is_before(&u.data))
    {
        return Err(argomento(
            "data",
            "the event date is earlier than the last event of the process",
        ));
    }
    let prima = esegui(processo, "");
    let da = prima.stato;
    let tipo = evento.tipo();
    let mut copia = processo.clone();
    let mut lavoro = Lavoro {
        p: &mut copia,
        evento: tipo,
        da,
        dati: &dati,
        base,
        avvisi: Vec::new(),
        precedente: None,
        ruolo: None,
    };
    let (a, id_fase) = lavoro.esegui(evento)?;
    let avvisi = std::mem::take(&mut lavoro.avvisi);
    let (precedente, ruolo) = (lavoro.precedente.take(), lavoro.ruolo);
    let issues = avvisi
        .into_iter()
        .map(|r| Issue::new(r.rule, r.path, r.params))
        .collect::<Result<Vec<Issue>, CartellaError>>()?;
    if opzioni.rigoroso {
        if let Some(w) = issues.iter().find(|i| i.severity == Severity::Warning) {
            return Err(rifiuto(&w.rule_id, tipo, da));
        }
    }
    if matches!(
        a,
        StatoProcesso::Chiuso | StatoProcesso::Trasferito | StatoProcesso::Annullato
    ) {
        chiudi_presa_in_carico(&mut copia, &dati.data);
    }
    copia.stato = Some(a);
    let (operatore, nota) = match ruolo {
        Some(r) => {
            let nota = match &dati.nota {
                Some(n) => format!("{}: {}", r.code(), n),
                None => r.code().to_string(),
            };
            (precedente, Some(Testo::from(nota)))
        }
        None => (dati.operatore.clone(), dati.nota.clone()),
    };
    copia.eventi.push(EventoProcesso {
        tipo,
        data: dati.data.clone(),
        stato_da: da.processo(),
        stato_a: Some(a),
        id_fase,
        operatore,
        nota,
    });
    let dopo = esegui(&copia, "");
    if dopo.stato != Stato::Processo(a) || incoerenze(&dopo.rilievi) > incoerenze(&prima.rilievi) {
        return Err(argomento(
            "data",
            format!(
                "{} on this date would not replay to {} (ties with earlier records of the same instant): give a time or a later date",
                tipo.code(),
                a.code()
            ),
        ));
    }
    *processo = copia;
    Ok(issues)
}
