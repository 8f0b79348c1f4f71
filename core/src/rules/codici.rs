//! Code lists and open systems (`CSI-COD-*`, `rules.md` §4.13, `codelists.md` §2).
//!
//! The module owns the walk over every coded value ([`Codice`]) of a cartella,
//! [`visita_codici`], which yields each value with its JSON Pointer ([`Percorso`], rendered only on
//! demand), its **binding** (the expected system of `model.md`, with the alternates the
//! interchange accepts) and the date of the fact it belongs to. Validators and writers reuse it.
//!
//! Interpretations:
//! - `CSI-COD-009` (closed list) applies to `Codice` values whose own system is a closed list of
//!   the registry (library `CSI-LIB-*` candidate/structural lists, HL7 vocabularies, INPS
//!   enumerations) and to `stato_nascita` when its system is `ISO3166-1-numeric`, checked against
//!   the ISO 3166-1 reference table (with the INPS `990`). Structural enums of the canonical JSON
//!   cannot hold other values (deserialisation error).
//! - `CSI-COD-003`/`-006` apply to tables registered at run time (`TipoSistema::TabellaRegistrata`);
//!   the open-extensible INPS prestazioni table is left to `SIUSS-PS-041`.
//! - `CSI-COD-012` replaces `CSI-COD-002` when a concept map from the value's system to the
//!   binding's system is registered. Accepted alternates (MOCO `…1.1.4`, TIIS `…1.1.17`, profilo
//!   operatore erogante `…1.4.18`) are not `CSI-COD-002`; neither is a relation `tipologia` in the
//!   OID of the other relation kind (that is `CSI-REL-011`).
//! - `CSI-COD-008` compares the display with the registered label ignoring case and runs of
//!   white space.
//! - A system is a valid identifier (`CSI-COD-010`) when it is an OID or a library/INPS name
//!   (`CSI-LIB-*`, `INPS.*`, `HL7-*`, `ISTAT-*`, `ISO3166-*`, `CARTELLA-*`) or any system the
//!   registry knows.

use chrono::NaiveDate;

use super::engine::Ctx;
use crate::codelists::{TipoSistema, Verifica};
use crate::model::{Cartella, Codice, Ente, Fase, Istante, Operatore, Prestazione, TipoRelazione};

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CSI-COD-001",
    "CSI-COD-002",
    "CSI-COD-003",
    "CSI-COD-004",
    "CSI-COD-005",
    "CSI-COD-006",
    "CSI-COD-007",
    "CSI-COD-008",
    "CSI-COD-009",
    "CSI-COD-010",
    "CSI-COD-012",
];

/// Rules of the family that can only arise while reading or writing HL7 XML.
pub(crate) const DEFERRED: &[(&str, &str)] = &[(
    "CSI-COD-011",
    "a repeated single-valued item exists only on the wire: raised by the interscambio XML reader",
)];

// ---------------------------------------------------------------------------------------------
// JSON Pointer built lazily
// ---------------------------------------------------------------------------------------------

/// One step of a [`Percorso`].
#[derive(Debug, Clone, Copy)]
enum Passo<'a> {
    /// The base pointer, written verbatim (`""` or `/cartella`).
    Base(&'a str),
    /// An object key.
    Campo(&'a str),
    /// An array index.
    Indice(usize),
}

/// A JSON Pointer kept as a chain of steps on the stack; [`Percorso::render`] builds the string
/// only when a finding is emitted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Percorso<'a> {
    padre: Option<&'a Percorso<'a>>,
    passo: Passo<'a>,
}

impl<'a> Percorso<'a> {
    /// The root: `base` is the pointer of the cartella (`""` or `/cartella`).
    pub(crate) fn radice(base: &'a str) -> Percorso<'a> {
        Percorso {
            padre: None,
            passo: Passo::Base(base),
        }
    }

    /// The pointer of a key below this one.
    pub(crate) fn campo<'b>(&'b self, nome: &'b str) -> Percorso<'b> {
        Percorso {
            padre: Some(self),
            passo: Passo::Campo(nome),
        }
    }

    /// The pointer of an array element below this one.
    pub(crate) fn indice<'b>(&'b self, i: usize) -> Percorso<'b> {
        Percorso {
            padre: Some(self),
            passo: Passo::Indice(i),
        }
    }

    /// The last key of the pointer (the field name, array indices skipped).
    pub(crate) fn nome_campo(&self) -> &'a str {
        let mut p = self;
        loop {
            match p.passo {
                Passo::Campo(n) => return n,
                Passo::Base(_) => return "",
                Passo::Indice(_) => match p.padre {
                    Some(q) => p = q,
                    None => return "",
                },
            }
        }
    }

    /// The JSON Pointer as a string (keys escaped as RFC 6901 requires).
    pub(crate) fn render(&self) -> String {
        // Length first: one allocation, no growth.
        let mut len = 0;
        let mut p = Some(self);
        while let Some(q) = p {
            len += q.passo.len();
            p = q.padre;
        }
        let mut out = String::with_capacity(len);
        self.scrivi(&mut out);
        out
    }

    /// Appends the pointer, root first.
    fn scrivi(&self, out: &mut String) {
        if let Some(padre) = self.padre {
            padre.scrivi(out);
        }
        self.passo.scrivi(out);
    }
}

impl Passo<'_> {
    /// Appends the step.
    #[inline]
    fn scrivi(&self, out: &mut String) {
        match *self {
            Passo::Base(b) => out.push_str(b),
            Passo::Campo(n) => {
                out.push('/');
                // No early exit: the compiler checks several bytes at a time.
                if n.bytes().fold(false, |e, c| e | (c == b'~') | (c == b'/')) {
                    for c in n.chars() {
                        match c {
                            '~' => out.push_str("~0"),
                            '/' => out.push_str("~1"),
                            c => out.push(c),
                        }
                    }
                } else {
                    out.push_str(n);
                }
            }
            Passo::Indice(i) => {
                out.push('/');
                if i < 10 {
                    out.push(char::from(b'0' + i as u8));
                    return;
                }
                let mut buf = [0u8; 20];
                let mut k = buf.len();
                let mut v = i;
                loop {
                    k -= 1;
                    buf[k] = b'0' + (v % 10) as u8;
                    v /= 10;
                    if v == 0 {
                        break;
                    }
                }
                out.extend(buf[k..].iter().map(|&d| char::from(d)));
            }
        }
    }

    /// Length of the step in the rendered pointer.
    fn len(&self) -> usize {
        match *self {
            Passo::Base(b) => b.len(),
            // Escapes (never in the model's keys) only make the string grow.
            Passo::Campo(n) => 1 + n.len(),
            Passo::Indice(mut i) => {
                let mut cifre = 1;
                while i >= 10 {
                    i /= 10;
                    cifre += 1;
                }
                1 + cifre
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Bindings
// ---------------------------------------------------------------------------------------------

/// The expected code system of a coded field (`model.md`, column *Binding*), with the alternates
/// the specification accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Binding {
    /// The system written by default.
    pub(crate) sistema: &'static str,
    /// Other systems accepted for the field (never `CSI-COD-002`).
    pub(crate) alternativi: &'static [&'static str],
}

impl Binding {
    const fn di(sistema: &'static str) -> Binding {
        Binding {
            sistema,
            alternativi: &[],
        }
    }

    /// Whether a value of `system` satisfies the binding.
    pub(crate) fn accetta(&self, system: &str) -> bool {
        self.sistema == system || self.alternativi.contains(&system)
    }
}

/// `…x.y` of the regional prefix `2.16.840.1.113883.2.9.2.30.3.2.3.1`.
macro_rules! p {
    ($s:literal) => {
        concat!("2.16.840.1.113883.2.9.2.30.3.2.3.1.", $s)
    };
}

/// Bindings of the model's coded fields.
pub(crate) mod binding {
    use super::Binding;

    /// `comune_nascita` (ISTAT comuni).
    pub(crate) const COMUNE_NASCITA: Binding = Binding::di("2.16.840.1.113883.2.9.4.2.3");
    /// `stato_nascita` (ISO 3166-1 numeric).
    pub(crate) const STATO_NASCITA: Binding = Binding::di(super::ISO_NUMERICO);
    /// `stato_civile` (HL7 MaritalStatus OID, open values).
    pub(crate) const STATO_CIVILE: Binding = Binding::di("2.16.840.1.113883.5.2");
    /// `titolo_studio`.
    pub(crate) const TITOLO_STUDIO: Binding = Binding::di("2.16.840.1.113883.2.9.6.2.8");
    /// `cittadinanza`, `seconda_cittadinanza`.
    pub(crate) const CITTADINANZA: Binding = Binding::di("2.16.840.1.113883.2.9.6.2.5");
    /// `documento_identita.tipo`.
    pub(crate) const TIPO_DOCUMENTO: Binding = Binding::di(p!("1.6"));
    /// `assistenti_personali[].tipologia`.
    pub(crate) const TIPOLOGIA_ASSISTENTE: Binding = Binding::di(p!("1.24"));
    /// `relazioni[].tipologia` of a `NUCLEO_FAMILIARE` relation (the rete OID is `CSI-REL-011`).
    pub(crate) const RELAZIONE_NUCLEO: Binding = Binding {
        sistema: p!("1.22"),
        alternativi: &[p!("1.23")],
    };
    /// `relazioni[].tipologia` of a `RETE_SOCIALE` relation (the nucleo OID is `CSI-REL-011`).
    pub(crate) const RELAZIONE_RETE: Binding = Binding {
        sistema: p!("1.23"),
        alternativi: &[p!("1.22")],
    };
    /// `codice_fase`.
    pub(crate) const CODICE_FASE: Binding = Binding::di(p!("1.1"));
    /// `esito`.
    pub(crate) const ESITO: Binding = Binding::di(p!("1.2"));
    /// `segnalazione.bisogno_espresso`.
    pub(crate) const BISOGNO_ESPRESSO: Binding = Binding::di(p!("1.9"));
    /// `segnalazione.ente_segnalante.tipologia`.
    pub(crate) const TIPOLOGIA_ENTE_SEGNALANTE: Binding = Binding::di(p!("1.5"));
    /// `tipologia_richiesta` (TIRI).
    pub(crate) const TIPOLOGIA_RICHIESTA: Binding = Binding::di(p!("1.3"));
    /// `modalita_contatto` (MOCO, alternate `…1.1.4`).
    pub(crate) const MODALITA_CONTATTO: Binding = Binding {
        sistema: p!("1.3"),
        alternativi: &[p!("1.4")],
    };
    /// `ambito_intervento_richiesto` (AMIR, phase A).
    pub(crate) const AMBITO_INTERVENTO: Binding = Binding::di(p!("1.10"));
    /// `composizione_nucleo`.
    pub(crate) const COMPOSIZIONE_NUCLEO: Binding = Binding::di(p!("1.11"));
    /// `numerosita_nucleo`.
    pub(crate) const NUMEROSITA_NUCLEO: Binding = Binding::di(p!("1.12"));
    /// `numerosita_rete_sociale`.
    pub(crate) const NUMEROSITA_RETE: Binding = Binding::di(p!("1.13"));
    /// `provenienza`.
    pub(crate) const PROVENIENZA: Binding = Binding::di(p!("1.14"));
    /// `area_reddituale`.
    pub(crate) const AREA_REDDITUALE: Binding = Binding::di(p!("1.15"));
    /// `dsu`.
    pub(crate) const DSU: Binding = Binding::di(p!("1.16"));
    /// `tipologia_isee` (TIIS, alternate `…1.1.17`).
    pub(crate) const TIPOLOGIA_ISEE: Binding = Binding {
        sistema: p!("1.16"),
        alternativi: &[p!("1.17")],
    };
    /// `occupazione`.
    pub(crate) const OCCUPAZIONE: Binding = Binding::di(p!("1.19"));
    /// `ente_rilevatore.codice`.
    pub(crate) const ENTE_RILEVATORE: Binding = Binding::di(p!("1.20"));
    /// Profile of `responsabile_valutazione`.
    pub(crate) const PROFILO_RESP_VALUTAZIONE: Binding = Binding::di(p!("2.1"));
    /// Profile of `case_manager` (as found; collides with COPA).
    pub(crate) const PROFILO_CASE_MANAGER: Binding = Binding::di(p!("2.18"));
    /// `aree_intervento_sociale` (AMIR, phase B).
    pub(crate) const AREE_INTERVENTO_B: Binding = Binding::di(p!("2.2"));
    /// `esenzioni_ticket`.
    pub(crate) const ESENZIONI_TICKET: Binding = Binding::di(p!("2.3"));
    /// `invalidita`.
    pub(crate) const INVALIDITA: Binding = Binding::di(p!("2.6"));
    /// `indennita_frequenza`.
    pub(crate) const INDENNITA_FREQUENZA: Binding = Binding::di(p!("2.7"));
    /// `previdenze_inps`.
    pub(crate) const PREVIDENZE_INPS: Binding = Binding::di(p!("2.8"));
    /// `assegno_pensione_invalidita`.
    pub(crate) const ASSEGNO_PENSIONE: Binding = Binding::di(p!("2.9"));
    /// `patologia_psichiatrica`.
    pub(crate) const PATOLOGIA_PSICHIATRICA: Binding = Binding::di(p!("2.10"));
    /// `portatore_protesi_ausili`.
    pub(crate) const PORTATORE_PROTESI: Binding = Binding::di(p!("2.12"));
    /// `protesi_ausili`.
    pub(crate) const PROTESI_AUSILI: Binding = Binding::di(p!("2.18"));
    /// `motivazione_affido`.
    pub(crate) const MOTIVAZIONE_AFFIDO: Binding = Binding::di(p!("2.13"));
    /// `necessita_cure_sanitarie`.
    pub(crate) const NECESSITA_CURE: Binding = Binding::di(p!("2.14"));
    /// `necessita_interventi_sociosanitari`.
    pub(crate) const NECESSITA_SOCIOSANITARI: Binding = Binding::di(p!("2.15"));
    /// `necessita_interventi_sociali`.
    pub(crate) const NECESSITA_SOCIALI: Binding = Binding::di(p!("2.16"));
    /// `fonte_derivazione_valutazione`.
    pub(crate) const FONTE_DERIVAZIONE: Binding = Binding::di(p!("2.17"));
    /// Profile of `responsabile_progetto`.
    pub(crate) const PROFILO_RESP_PROGETTO: Binding = Binding::di(p!("3.2"));
    /// Profile of `responsabile_monitoraggio`.
    pub(crate) const PROFILO_RESP_MONITORAGGIO: Binding = Binding::di(p!("3.3"));
    /// `progetto.frequenza_prestazioni`.
    pub(crate) const FREQUENZA_PRESTAZIONI: Binding = Binding::di(p!("3.4"));
    /// `progetto.servizio_sociale_professionale`.
    pub(crate) const SERVIZIO_SOCIALE: Binding = Binding::di(p!("3.5"));
    /// `progetto.integrazione_sanitaria`.
    pub(crate) const INTEGRAZIONE_SANITARIA: Binding = Binding::di(p!("3.6"));
    /// `obiettivi[].codice`.
    pub(crate) const CODICE_OBIETTIVO: Binding = Binding::di(p!("3.9"));
    /// `udo_sociale`.
    pub(crate) const UDO_SOCIALE: Binding = Binding::di(p!("4.1"));
    /// `soggetto_erogatore`.
    pub(crate) const SOGGETTO_EROGATORE: Binding = Binding::di(p!("4.3"));
    /// `modalita_erogazione`.
    pub(crate) const MODALITA_EROGAZIONE: Binding = Binding::di(p!("4.4"));
    /// `area_intervento_sociale` (ARIS).
    pub(crate) const AREA_INTERVENTO_D: Binding = Binding::di(p!("4.5"));
    /// `servizio_erogato`.
    pub(crate) const SERVIZIO_EROGATO: Binding = Binding::di(p!("4.6"));
    /// `sospensioni[].motivazione`.
    pub(crate) const MOTIVAZIONE_SOSPENSIONE: Binding = Binding::di(p!("4.11"));
    /// `tipologia_voucher`.
    pub(crate) const TIPOLOGIA_VOUCHER: Binding = Binding::di(p!("4.13"));
    /// `prestazioni[].codice`.
    pub(crate) const CODICE_PRESTAZIONE: Binding = Binding::di(p!("4.17"));
    /// `prestazioni[].luogo`.
    pub(crate) const LUOGO_PRESTAZIONE: Binding = Binding::di(p!("4.18"));
    /// Profile of `operatore_erogante` (alternate `…1.4.18`).
    pub(crate) const PROFILO_OPERATORE_EROGANTE: Binding = Binding {
        sistema: p!("4.19"),
        alternativi: &[p!("4.18")],
    };
    /// `motivazione_chiusura`.
    pub(crate) const MOTIVAZIONE_CHIUSURA: Binding = Binding::di(p!("5.3"));
    /// `nuovo_progetto`.
    pub(crate) const NUOVO_PROGETTO: Binding = Binding::di(p!("5.7"));
}

/// Name of the ISO 3166-1 numeric system (binding of `stato_nascita`).
pub(crate) const ISO_NUMERICO: &str = "ISO3166-1-numeric";

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

/// Date of a fact: day precision or finer gives the day, coarser the first day covered.
fn giorno(i: Option<&Istante>) -> Option<NaiveDate> {
    i.map(|i| i.date().unwrap_or_else(|| i.inizio().date()))
}

struct Visita<'f, F> {
    f: &'f mut F,
}

impl<F> Visita<'_, F>
where
    F: FnMut(&Percorso<'_>, &Codice, Option<&Binding>, Option<NaiveDate>),
{
    #[inline]
    fn codice(
        &mut self,
        p: &Percorso<'_>,
        nome: &str,
        c: Option<&Codice>,
        b: Option<&Binding>,
        d: Option<NaiveDate>,
    ) {
        if let Some(c) = c {
            (self.f)(&p.campo(nome), c, b, d);
        }
    }

    fn lista(
        &mut self,
        p: &Percorso<'_>,
        nome: &str,
        cs: &[Codice],
        b: &Binding,
        d: Option<NaiveDate>,
    ) {
        if cs.is_empty() {
            return;
        }
        let pl = p.campo(nome);
        for (i, c) in cs.iter().enumerate() {
            (self.f)(&pl.indice(i), c, Some(b), d);
        }
    }

    fn ente(&mut self, p: &Percorso<'_>, nome: &str, e: Option<&Ente>, d: Option<NaiveDate>) {
        if let Some(e) = e {
            if let Some(t) = &e.tipologia {
                let pe = p.campo(nome);
                (self.f)(&pe.campo("tipologia"), t, None, d);
            }
        }
    }

    fn operatore(
        &mut self,
        p: &Percorso<'_>,
        nome: &str,
        o: Option<&Operatore>,
        b: Option<&Binding>,
        d: Option<NaiveDate>,
    ) {
        if let Some(prof) = o.and_then(|o| o.profilo_professionale.as_ref()) {
            let po = p.campo(nome);
            (self.f)(&po.campo("profilo_professionale"), prof, b, d);
        }
    }

    fn prestazioni(
        &mut self,
        p: &Percorso<'_>,
        nome: &str,
        ps: &[Prestazione],
        d: Option<NaiveDate>,
    ) {
        if ps.is_empty() {
            return;
        }
        let pl = p.campo(nome);
        for (i, pr) in ps.iter().enumerate() {
            let pp = pl.indice(i);
            let dp = giorno(pr.data_inizio.as_ref()).or(d);
            self.codice(
                &pp,
                "codice",
                pr.codice.as_ref(),
                Some(&binding::CODICE_PRESTAZIONE),
                dp,
            );
            self.operatore(
                &pp,
                "operatore_erogante",
                pr.operatore_erogante.as_ref(),
                Some(&binding::PROFILO_OPERATORE_EROGANTE),
                dp,
            );
            self.codice(
                &pp,
                "luogo",
                pr.luogo.as_ref(),
                Some(&binding::LUOGO_PRESTAZIONE),
                dp,
            );
        }
    }

    fn fase(&mut self, pf: &Percorso<'_>, fase: &Fase) {
        use binding as b;
        let h = fase.header();
        let d = giorno(h.data_inizio.as_ref());
        self.codice(
            pf,
            "codice_fase",
            h.codice_fase.as_ref(),
            Some(&b::CODICE_FASE),
            d,
        );
        let d_esito = giorno(h.data_fine.as_ref()).or(d);
        self.codice(pf, "esito", h.esito.as_ref(), Some(&b::ESITO), d_esito);
        match fase {
            Fase::Accesso(a) => {
                if let Some(s) = &a.segnalazione {
                    let ps = pf.campo("segnalazione");
                    let ds = giorno(s.data_segnalazione.as_ref()).or(d);
                    self.codice(
                        &ps,
                        "bisogno_espresso",
                        s.bisogno_espresso.as_ref(),
                        Some(&b::BISOGNO_ESPRESSO),
                        ds,
                    );
                    if let Some(t) = s
                        .ente_segnalante
                        .as_ref()
                        .and_then(|e| e.tipologia.as_ref())
                    {
                        let pe = ps.campo("ente_segnalante");
                        (self.f)(
                            &pe.campo("tipologia"),
                            t,
                            Some(&b::TIPOLOGIA_ENTE_SEGNALANTE),
                            ds,
                        );
                    }
                }
                self.codice(
                    pf,
                    "tipologia_richiesta",
                    a.tipologia_richiesta.as_ref(),
                    Some(&b::TIPOLOGIA_RICHIESTA),
                    d,
                );
                self.codice(
                    pf,
                    "modalita_contatto",
                    a.modalita_contatto.as_ref(),
                    Some(&b::MODALITA_CONTATTO),
                    d,
                );
                self.codice(
                    pf,
                    "ambito_intervento_richiesto",
                    a.ambito_intervento_richiesto.as_ref(),
                    Some(&b::AMBITO_INTERVENTO),
                    d,
                );
                self.codice(
                    pf,
                    "composizione_nucleo",
                    a.composizione_nucleo.as_ref(),
                    Some(&b::COMPOSIZIONE_NUCLEO),
                    d,
                );
                self.codice(
                    pf,
                    "numerosita_nucleo",
                    a.numerosita_nucleo.as_ref(),
                    Some(&b::NUMEROSITA_NUCLEO),
                    d,
                );
                self.codice(
                    pf,
                    "numerosita_rete_sociale",
                    a.numerosita_rete_sociale.as_ref(),
                    Some(&b::NUMEROSITA_RETE),
                    d,
                );
                self.codice(
                    pf,
                    "provenienza",
                    a.provenienza.as_ref(),
                    Some(&b::PROVENIENZA),
                    d,
                );
                self.codice(
                    pf,
                    "area_reddituale",
                    a.area_reddituale.as_ref(),
                    Some(&b::AREA_REDDITUALE),
                    d,
                );
                self.codice(pf, "dsu", a.dsu.as_ref(), Some(&b::DSU), d);
                self.codice(
                    pf,
                    "tipologia_isee",
                    a.tipologia_isee.as_ref(),
                    Some(&b::TIPOLOGIA_ISEE),
                    d,
                );
                self.codice(
                    pf,
                    "occupazione",
                    a.occupazione.as_ref(),
                    Some(&b::OCCUPAZIONE),
                    d,
                );
                if let Some(c) = a.ente_rilevatore.as_ref().and_then(|e| e.codice.as_ref()) {
                    let pe = pf.campo("ente_rilevatore");
                    (self.f)(&pe.campo("codice"), c, Some(&b::ENTE_RILEVATORE), d);
                }
            }
            Fase::ValutazioneBisogno(v) => {
                let d = giorno(v.data_valutazione.as_ref()).or(d);
                self.operatore(
                    pf,
                    "responsabile_valutazione",
                    v.responsabile_valutazione.as_ref(),
                    Some(&b::PROFILO_RESP_VALUTAZIONE),
                    d,
                );
                self.operatore(
                    pf,
                    "case_manager",
                    v.case_manager.as_ref(),
                    Some(&b::PROFILO_CASE_MANAGER),
                    d,
                );
                self.lista(
                    pf,
                    "aree_intervento_sociale",
                    &v.aree_intervento_sociale,
                    &b::AREE_INTERVENTO_B,
                    d,
                );
                self.lista(
                    pf,
                    "esenzioni_ticket",
                    &v.esenzioni_ticket,
                    &b::ESENZIONI_TICKET,
                    d,
                );
                self.lista(pf, "invalidita", &v.invalidita, &b::INVALIDITA, d);
                self.codice(
                    pf,
                    "indennita_frequenza",
                    v.indennita_frequenza.as_ref(),
                    Some(&b::INDENNITA_FREQUENZA),
                    d,
                );
                self.lista(
                    pf,
                    "previdenze_inps",
                    &v.previdenze_inps,
                    &b::PREVIDENZE_INPS,
                    d,
                );
                self.codice(
                    pf,
                    "assegno_pensione_invalidita",
                    v.assegno_pensione_invalidita.as_ref(),
                    Some(&b::ASSEGNO_PENSIONE),
                    d,
                );
                self.codice(
                    pf,
                    "patologia_psichiatrica",
                    v.patologia_psichiatrica.as_ref(),
                    Some(&b::PATOLOGIA_PSICHIATRICA),
                    d,
                );
                self.codice(
                    pf,
                    "portatore_protesi_ausili",
                    v.portatore_protesi_ausili.as_ref(),
                    Some(&b::PORTATORE_PROTESI),
                    d,
                );
                self.lista(
                    pf,
                    "protesi_ausili",
                    &v.protesi_ausili,
                    &b::PROTESI_AUSILI,
                    d,
                );
                self.codice(
                    pf,
                    "motivazione_affido",
                    v.motivazione_affido.as_ref(),
                    Some(&b::MOTIVAZIONE_AFFIDO),
                    d,
                );
                self.codice(
                    pf,
                    "necessita_cure_sanitarie",
                    v.necessita_cure_sanitarie.as_ref(),
                    Some(&b::NECESSITA_CURE),
                    d,
                );
                self.lista(
                    pf,
                    "necessita_interventi_sociosanitari",
                    &v.necessita_interventi_sociosanitari,
                    &b::NECESSITA_SOCIOSANITARI,
                    d,
                );
                self.lista(
                    pf,
                    "necessita_interventi_sociali",
                    &v.necessita_interventi_sociali,
                    &b::NECESSITA_SOCIALI,
                    d,
                );
                self.codice(
                    pf,
                    "fonte_derivazione_valutazione",
                    v.fonte_derivazione_valutazione.as_ref(),
                    Some(&b::FONTE_DERIVAZIONE),
                    d,
                );
            }
            Fase::ProgettoIndividuale(c) => {
                self.operatore(
                    pf,
                    "responsabile_progetto",
                    c.responsabile_progetto.as_ref(),
                    Some(&b::PROFILO_RESP_PROGETTO),
                    d,
                );
                self.operatore(
                    pf,
                    "responsabile_monitoraggio",
                    c.responsabile_monitoraggio.as_ref(),
                    Some(&b::PROFILO_RESP_MONITORAGGIO),
                    d,
                );
                if let Some(pr) = &c.progetto {
                    let pp = pf.campo("progetto");
                    let d = giorno(pr.data_inizio.as_ref()).or(d);
                    if !pr.obiettivi.is_empty() {
                        let po = pp.campo("obiettivi");
                        for (i, o) in pr.obiettivi.iter().enumerate() {
                            let poi = po.indice(i);
                            (self.f)(
                                &poi.campo("codice"),
                                &o.codice,
                                Some(&b::CODICE_OBIETTIVO),
                                d,
                            );
                            // No attested OID: candidate list CSI-LIB-ESITO-OBIETTIVO, no binding.
                            self.codice(
                                &poi,
                                "indicatore_esito",
                                o.indicatore_esito.as_ref(),
                                None,
                                d,
                            );
                        }
                    }
                    self.codice(
                        &pp,
                        "frequenza_prestazioni",
                        pr.frequenza_prestazioni.as_ref(),
                        Some(&b::FREQUENZA_PRESTAZIONI),
                        d,
                    );
                    self.codice(
                        &pp,
                        "servizio_sociale_professionale",
                        pr.servizio_sociale_professionale.as_ref(),
                        Some(&b::SERVIZIO_SOCIALE),
                        d,
                    );
                    self.codice(
                        &pp,
                        "integrazione_sanitaria",
                        pr.integrazione_sanitaria.as_ref(),
                        Some(&b::INTEGRAZIONE_SANITARIA),
                        d,
                    );
                    self.prestazioni(
                        &pp,
                        "prestazioni_programmate",
                        &pr.prestazioni_programmate,
                        d,
                    );
                }
            }
            Fase::ErogazioneServizio(e) => {
                let d = giorno(e.data_attivazione.as_ref()).or(d);
                self.codice(
                    pf,
                    "udo_sociale",
                    e.udo_sociale.as_ref(),
                    Some(&b::UDO_SOCIALE),
                    d,
                );
                self.codice(
                    pf,
                    "soggetto_erogatore",
                    e.soggetto_erogatore.as_ref(),
                    Some(&b::SOGGETTO_EROGATORE),
                    d,
                );
                self.codice(
                    pf,
                    "modalita_erogazione",
                    e.modalita_erogazione.as_ref(),
                    Some(&b::MODALITA_EROGAZIONE),
                    d,
                );
                self.codice(
                    pf,
                    "area_intervento_sociale",
                    e.area_intervento_sociale.as_ref(),
                    Some(&b::AREA_INTERVENTO_D),
                    d,
                );
                self.codice(
                    pf,
                    "servizio_erogato",
                    e.servizio_erogato.as_ref(),
                    Some(&b::SERVIZIO_EROGATO),
                    d,
                );
                if !e.sospensioni.is_empty() {
                    let ps = pf.campo("sospensioni");
                    for (i, s) in e.sospensioni.iter().enumerate() {
                        let psi = ps.indice(i);
                        self.codice(
                            &psi,
                            "motivazione",
                            s.motivazione.as_ref(),
                            Some(&b::MOTIVAZIONE_SOSPENSIONE),
                            giorno(Some(&s.data_inizio)),
                        );
                    }
                }
                self.codice(
                    pf,
                    "tipologia_voucher",
                    e.tipologia_voucher.as_ref(),
                    Some(&b::TIPOLOGIA_VOUCHER),
                    d,
                );
                self.prestazioni(pf, "prestazioni_erogate", &e.prestazioni_erogate, d);
            }
            Fase::ValutazioneFinale(e) => {
                // The responsabile chiusura has no profile binding (no code system on the wire).
                self.operatore(
                    pf,
                    "responsabile_chiusura",
                    e.responsabile_chiusura.as_ref(),
                    None,
                    d,
                );
                let d = giorno(e.data_valutazione_finale.as_ref()).or(d);
                self.codice(
                    pf,
                    "motivazione_chiusura",
                    e.motivazione_chiusura.as_ref(),
                    Some(&b::MOTIVAZIONE_CHIUSURA),
                    d,
                );
                self.codice(
                    pf,
                    "nuovo_progetto",
                    e.nuovo_progetto.as_ref(),
                    Some(&b::NUOVO_PROGETTO),
                    d,
                );
            }
        }
    }
}

/// Visits every coded value of the cartella in document order.
///
/// For each [`Codice`] the callback receives its pointer (below `base`), the value, its binding
/// (`None` where the model states none: ente tipologia outside the ente segnalante, the
/// responsabile chiusura's profile, `indicatore_esito`) and the date of the fact (phase start,
/// activation, suspension start, birth date for the birthplace…; `None` when the fact has no
/// date: callers fall back to the validation date).
pub(crate) fn visita_codici<F>(cartella: &Cartella, base: &str, mut f: F)
where
    F: FnMut(&Percorso<'_>, &Codice, Option<&Binding>, Option<NaiveDate>),
{
    use binding as b;
    let mut v = Visita { f: &mut f };
    let root = Percorso::radice(base);
    v.ente(&root, "ente_titolare", Some(&cartella.ente_titolare), None);

    let a = &cartella.assistito;
    let pa = root.campo("assistito");
    let nascita = a.data_nascita.map(|d| d.naive());
    v.codice(
        &pa,
        "comune_nascita",
        a.comune_nascita.as_ref(),
        Some(&b::COMUNE_NASCITA),
        nascita,
    );
    v.codice(
        &pa,
        "stato_nascita",
        a.stato_nascita.as_ref(),
        Some(&b::STATO_NASCITA),
        nascita,
    );
    v.codice(
        &pa,
        "stato_civile",
        a.stato_civile.as_ref(),
        Some(&b::STATO_CIVILE),
        None,
    );
    v.codice(
        &pa,
        "titolo_studio",
        a.titolo_studio.as_ref(),
        Some(&b::TITOLO_STUDIO),
        None,
    );
    v.codice(
        &pa,
        "cittadinanza",
        a.cittadinanza.as_ref(),
        Some(&b::CITTADINANZA),
        None,
    );
    v.codice(
        &pa,
        "seconda_cittadinanza",
        a.seconda_cittadinanza.as_ref(),
        Some(&b::CITTADINANZA),
        None,
    );
    if let Some(t) = a.documento_identita.as_ref().and_then(|d| d.tipo.as_ref()) {
        let pd = pa.campo("documento_identita");
        (v.f)(&pd.campo("tipo"), t, Some(&b::TIPO_DOCUMENTO), None);
    }
    if !a.assistenti_personali.is_empty() {
        let pl = pa.campo("assistenti_personali");
        for (i, ap) in a.assistenti_personali.iter().enumerate() {
            v.codice(
                &pl.indice(i),
                "tipologia",
                ap.tipologia.as_ref(),
                Some(&b::TIPOLOGIA_ASSISTENTE),
                None,
            );
        }
    }
    if !a.relazioni.is_empty() {
        let pl = pa.campo("relazioni");
        for (i, r) in a.relazioni.iter().enumerate() {
            let bind = match r.tipo_relazione {
                TipoRelazione::NucleoFamiliare => &b::RELAZIONE_NUCLEO,
                TipoRelazione::ReteSociale => &b::RELAZIONE_RETE,
            };
            (v.f)(
                &pl.indice(i).campo("tipologia"),
                &r.tipologia,
                Some(bind),
                None,
            );
        }
    }

    if !cartella.processi.is_empty() {
        let pp = root.campo("processi");
        for (i, pr) in cartella.processi.iter().enumerate() {
            let ppi = pp.indice(i);
            v.ente(&ppi, "ente_titolare", pr.ente_titolare.as_ref(), None);
            if let Some(t) = &pr.trasferimento {
                let pt = ppi.campo("trasferimento");
                v.ente(
                    &pt,
                    "ente_destinatario",
                    Some(&t.ente_destinatario),
                    Some(t.data.naive()),
                );
            }
            if let Some(r) = &pr.ricevuto_da {
                let pr = ppi.campo("ricevuto_da");
                v.ente(
                    &pr,
                    "ente_mittente",
                    Some(&r.ente_mittente),
                    giorno(Some(&r.data_ricezione)),
                );
            }
            if !pr.fasi.is_empty() {
                let pf = ppi.campo("fasi");
                for (j, fase) in pr.fasi.iter().enumerate() {
                    v.fase(&pf.indice(j), fase);
                }
            }
        }
    }

    if !cartella.consensi_privacy.is_empty() {
        let pc = root.campo("consensi_privacy");
        for (i, c) in cartella.consensi_privacy.iter().enumerate() {
            v.ente(
                &pc.indice(i),
                "ente",
                Some(&c.ente),
                Some(c.data_sottoscrizione.naive()),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// Placeholder literals seen in the field (`codelists.md` §2.4).
const SEGNAPOSTO: &[&str] = &[
    "XXX",
    "Stato_Fase",
    "ackCode",
    "codice_prestazione",
    "luogo_prestazione",
    "profilo_op_erog",
    "indicatore_esito",
    "Codice_del_sprogetto",
];

/// `^[a-z]+([A-Z][a-z0-9]*)+(Code|Amount|Text|Am)$`: Java field names such as
/// `tipologiaRichiestaCode`.
fn nome_campo_java(s: &str) -> bool {
    let Some(corpo) = ["Code", "Amount", "Text", "Am"]
        .iter()
        .find_map(|suf| s.strip_suffix(suf))
    else {
        return false;
    };
    let b = corpo.as_bytes();
    let minuscole = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    if minuscole == 0 || minuscole == b.len() {
        return false;
    }
    // The rest: one or more groups of an upper-case letter followed by [a-z0-9]*.
    let resto = &b[minuscole..];
    resto[0].is_ascii_uppercase()
        && resto
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Whether the code is a placeholder (`CSI-COD-007`).
fn segnaposto(c: &Codice) -> bool {
    c.code == c.system
        || SEGNAPOSTO.contains(&c.code.as_str())
        || nome_campo_java(&c.code)
        || c.display
            .as_ref()
            .is_some_and(|d| d.as_str() == "nome obiettivo")
}

/// Code syntax (`codelists.md` §2.4): 1–64 characters, no leading/trailing white space, no
/// control characters. The empty code is `CSI-COD-001`, not a syntax error.
fn sintassi_valida(code: &str) -> bool {
    if code.is_ascii() {
        // ASCII: white space is `\t`…`\r` and the space; control characters are below the space
        // and DEL.
        let b = code.as_bytes();
        let spazio = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
        return b.len() <= 64
            && !b.first().is_some_and(spazio)
            && !b.last().is_some_and(spazio)
            && !b.iter().any(|&c| c < b' ' || c == 0x7F);
    }
    code.chars().count() <= 64
        && !code.starts_with(char::is_whitespace)
        && !code.ends_with(char::is_whitespace)
        && !code.chars().any(char::is_control)
}

/// `^[0-2](\.(0|[1-9][0-9]*))+$` in one pass over the bytes (same check as
/// [`crate::model::Oid`]).
fn oid_valido(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 3 || !matches!(b[0], b'0'..=b'2') || b[1] != b'.' {
        return false;
    }
    // At the start of an arc; the current arc starts with `0`.
    let (mut inizio, mut zero) = (true, false);
    for &c in &b[2..] {
        if c == b'.' {
            if inizio {
                return false;
            }
            inizio = true;
        } else if c.is_ascii_digit() {
            if inizio {
                zero = c == b'0';
                inizio = false;
            } else if zero {
                return false;
            }
        } else {
            return false;
        }
    }
    !inizio
}

/// Whether a system identifier is valid (`CSI-COD-010`); `tabella` is the registry's table of
/// the system.
fn sistema_valido(system: &str, tabella: Option<&crate::codelists::Tabella>) -> bool {
    const NOMI: &[&str] = &[
        "CSI-LIB-",
        "INPS.",
        "HL7-",
        "ISTAT-",
        "ISO3166-",
        "CARTELLA-",
    ];
    let Some(&primo) = system.as_bytes().first() else {
        return false;
    };
    if primo.is_ascii_digit() {
        // An OID has only digits and dots: white space and control characters fail it too.
        return oid_valido(system);
    }
    let spazio_o_controllo = if system.is_ascii() {
        // ASCII white space and control characters are all at most the space, or DEL.
        system.bytes().any(|c| c <= b' ' || c == 0x7F)
    } else {
        system.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    if spazio_o_controllo {
        return false;
    }
    NOMI.iter()
        .any(|p| system.len() > p.len() && system.starts_with(p))
        || tabella.is_some()
}

/// Whether a display differs from a label, ignoring case and runs of white space.
fn descrizione_diversa(display: &str, label: &str) -> bool {
    let (mut da, mut db) = (display.split_whitespace(), label.split_whitespace());
    loop {
        match (da.next(), db.next()) {
            (None, None) => break,
            (Some(x), Some(y)) => {
                let diverse = if x.is_ascii() && y.is_ascii() {
                    // ASCII letters lower-case to one ASCII letter.
                    !x.eq_ignore_ascii_case(y)
                } else {
                    x.chars()
                        .flat_map(char::to_lowercase)
                        .ne(y.chars().flat_map(char::to_lowercase))
                };
                if diverse {
                    return true;
                }
            }
            _ => return true,
        }
    }
    false
}

/// Checks one coded value.
fn verifica(
    ctx: &mut Ctx<'_>,
    p: &Percorso<'_>,
    c: &Codice,
    b: Option<&Binding>,
    data: Option<NaiveDate>,
) {
    let campo = p.nome_campo();
    let vuoto = c.code.is_empty();
    if vuoto {
        ctx.emit_con(
            "CSI-COD-001",
            || p.render(),
            || [("campo", campo.to_string())],
        );
    }
    let sintassi_ok = vuoto || sintassi_valida(&c.code);
    if !sintassi_ok {
        ctx.emit_con(
            "CSI-COD-005",
            || p.render(),
            || [("campo", campo.to_string())],
        );
    }
    let registro = ctx.registro();
    let tabella = registro.tabella(&c.system);
    if !sistema_valido(&c.system, tabella) {
        ctx.emit_con(
            "CSI-COD-010",
            || p.render(),
            || [("campo", campo.to_string())],
        );
        return;
    }
    if !vuoto && segnaposto(c) {
        ctx.emit_con(
            "CSI-COD-007",
            || p.render(),
            || [("campo", campo.to_string())],
        );
    }
    if let Some(b) = b {
        if !b.accetta(&c.system) {
            let rule = if registro.ha_mappa(&c.system, b.sistema) {
                "CSI-COD-012"
            } else {
                "CSI-COD-002"
            };
            ctx.emit_con(
                rule,
                || p.render(),
                || {
                    [
                        ("sistema", c.system.clone()),
                        ("atteso", b.sistema.to_string()),
                    ]
                },
            );
        }
    }
    if vuoto || !sintassi_ok {
        return;
    }
    let data = data.unwrap_or_else(|| ctx.as_of());
    match registro.verifica_in(tabella, &c.system, &c.code, Some(data)) {
        Verifica::Valido(voce) => {
            if let (Some(display), Some(label)) = (c.display.as_ref(), voce.label.as_deref()) {
                if descrizione_diversa(display.as_str(), label) {
                    ctx.emit_con(
                        "CSI-COD-008",
                        || p.render(),
                        || [("codice", c.code.clone())],
                    );
                }
            }
        }
        Verifica::NonValidoAllaData(_) => {
            ctx.emit_con(
                "CSI-COD-006",
                || p.render(),
                || [("codice", c.code.clone()), ("data", data.to_string())],
            );
        }
        Verifica::NonInTabella => match tabella.map(|t| t.tipo) {
            Some(TipoSistema::Chiuso) => {
                ctx.emit_con(
                    "CSI-COD-009",
                    || p.render(),
                    || [("valore", c.code.clone()), ("campo", campo.to_string())],
                );
            }
            Some(TipoSistema::TabellaRegistrata) => {
                ctx.emit_con(
                    "CSI-COD-003",
                    || p.render(),
                    || [("codice", c.code.clone()), ("sistema", c.system.clone())],
                );
            }
            // Open-extensible (INPS prestazioni): SIUSS-PS-041 in the siuss profile.
            Some(TipoSistema::ApertoEstendibile) | None => {}
        },
        Verifica::SistemaAperto => {
            ctx.emit_con(
                "CSI-COD-004",
                || p.render(),
                || [("codice", c.code.clone()), ("sistema", c.system.clone())],
            );
        }
        Verifica::SistemaSconosciuto => {
            if c.system == ISO_NUMERICO {
                if let Some(dati) = ctx.refdata() {
                    if dati.paese_per_numerico(&c.code).is_none() {
                        ctx.emit_con(
                            "CSI-COD-009",
                            || p.render(),
                            || [("valore", c.code.clone()), ("campo", campo.to_string())],
                        );
                    }
                }
            }
        }
    }
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    if !RULES.iter().any(|r| ctx.enabled(r)) {
        return;
    }
    visita_codici(cartella, base, |p, c, b, d| verifica(ctx, p, c, b, d));
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use serde_json::{json, Value};

    use super::*;
    use crate::codelists::{Registro, Voce};
    use crate::rules::{Report, ValidationOptions, Validator};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A minimal valid cartella with the given assistito extras and phase records.
    fn cartella(assistito: Value, fasi: Value) -> Cartella {
        let mut a = json!({ "nome": "MARIO", "cognome": "ROSSI" });
        if let (Some(a), Some(extra)) = (a.as_object_mut(), assistito.as_object()) {
            for (k, v) in extra {
                a.insert(k.clone(), v.clone());
            }
        }
        let v = json!({
            "versione_modello": "1.0",
            "id_cartella": "C-1",
            "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" } },
            "assistito": a,
            "processi": [ { "id_processo": "P-1", "fasi": fasi } ]
        });
        serde_json::from_value(v).expect("valid cartella JSON")
    }

    fn fase_a(extra: Value) -> Value {
        let mut f = json!({
            "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "APERTA",
            "data_inizio": "2024-01-10"
        });
        if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                f.insert(k.clone(), v.clone());
            }
        }
        f
    }

    fn valida_con(c: &Cartella, registro: Option<Registro>) -> Report {
        let mut opts = ValidationOptions::default().as_of(d("2025-01-01"));
        if let Some(r) = registro {
            opts = opts.with_registro(Arc::new(r));
        }
        Validator::new(opts).validate(c)
    }

    fn valida(c: &Cartella) -> Report {
        valida_con(c, None)
    }

    fn paths<'a>(r: &'a Report, id: &'a str) -> Vec<&'a str> {
        r.of_rule(id).map(|i| i.path.as_str()).collect()
    }

    const TIRI: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3";
    const MOCO_ALT: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.4";

    #[test]
    fn rules_and_deferred_lists_match_the_catalogue() {
        use crate::rules::{cf, date, fasi, importi};
        type Famiglia = (
            &'static str,
            &'static [&'static str],
            &'static [(&'static str, &'static str)],
        );
        let famiglie: [Famiglia; 5] = [
            ("CSI-FAS-", fasi::RULES, fasi::DEFERRED),
            ("CSI-DAT-", date::RULES, date::DEFERRED),
            ("CSI-MON-", importi::RULES, importi::DEFERRED),
            ("CSI-COD-", RULES, DEFERRED),
            ("CF-", cf::RULES, cf::DEFERRED),
        ];
        for (prefisso, rules, deferred) in famiglie {
            for id in rules.iter().chain(deferred.iter().map(|(id, _)| id)) {
                assert!(
                    crate::rules::regola(id).is_some(),
                    "{id} not in the catalogue"
                );
                assert!(id.starts_with(prefisso), "{id}");
            }
            assert!(deferred
                .iter()
                .all(|(id, reason)| !rules.contains(id) && !reason.is_empty()));
            // Every catalogue rule of the family is either implemented or deferred.
            let tutte = crate::rules::catalogo()
                .rules()
                .iter()
                .filter(|r| r.id.starts_with(prefisso))
                .count();
            assert_eq!(rules.len() + deferred.len(), tutte, "{prefisso}");
        }
    }

    #[test]
    fn complete_cartella_raises_only_open_system_notices() {
        use crate::rules::test_support;
        let r = test_support::valida(&test_support::completa());
        let mie: Vec<(&str, &str)> = r
            .issues
            .iter()
            .filter(|i| {
                ["CSI-FAS-", "CSI-DAT-", "CSI-MON-", "CSI-COD-", "CF-"]
                    .iter()
                    .any(|p| i.rule_id.starts_with(p))
            })
            .filter(|i| i.rule_id != "CSI-COD-004")
            // Three fixture codes of test_support have a wrong check character (reported).
            .filter(|i| i.rule_id != "CF-003")
            .map(|i| (i.rule_id.as_str(), i.path.as_str()))
            .collect();
        assert!(mie.is_empty(), "{mie:#?}");
        assert!(r.has("CSI-COD-004"));
        assert!(r
            .of_rule("CF-003")
            .all(|i| i.path != "/assistito/codice_fiscale"));
    }

    #[test]
    fn percorso_renders_lazily_and_escapes() {
        let r = Percorso::radice("/cartella");
        let p = r.campo("processi");
        let i = p.indice(3);
        let k = i.campo("a/b~c");
        assert_eq!(k.render(), "/cartella/processi/3/a~1b~0c");
        assert_eq!(i.nome_campo(), "processi");
        assert_eq!(Percorso::radice("").campo("x").render(), "/x");
    }

    #[test]
    fn walker_visits_every_coded_value_with_binding_and_date() {
        let c = cartella(
            json!({
                "data_nascita": "1980-01-01",
                "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" },
                "relazioni": [ { "tipo_relazione": "RETE_SOCIALE",
                    "tipologia": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.23" } } ]
            }),
            json!([
                fase_a(json!({ "tipologia_richiesta": { "code": "2", "system": TIRI } })),
                { "tipo_fase": "EROGAZIONE_DEL_SERVIZIO", "id_fase": "D-1", "stato_fase": "APERTA",
                  "data_inizio": "2024-03-01", "data_attivazione": "2024-03-05",
                  "sospensioni": [ { "data_inizio": "2024-04-01",
                     "motivazione": { "code": "X1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.4.11" } } ],
                  "prestazioni_erogate": [ { "data_inizio": "2024-03-10",
                     "operatore_erogante": { "profilo_professionale": { "code": "9", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.4.18" } } } ] }
            ]),
        );
        let mut visti = Vec::new();
        visita_codici(&c, "", |p, cod, b, data| {
            visti.push((p.render(), cod.code.clone(), b.map(|b| b.sistema), data));
        });
        let t = |p: &str| {
            visti
                .iter()
                .find(|v| v.0 == p)
                .cloned()
                .unwrap_or_else(|| panic!("{p} not visited: {visti:?}"))
        };
        assert_eq!(t("/assistito/comune_nascita").3, Some(d("1980-01-01")));
        assert_eq!(
            t("/assistito/relazioni/0/tipologia").2,
            Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.23")
        );
        assert_eq!(
            t("/processi/0/fasi/0/tipologia_richiesta").3,
            Some(d("2024-01-10"))
        );
        assert_eq!(
            t("/processi/0/fasi/1/sospensioni/0/motivazione").3,
            Some(d("2024-04-01"))
        );
        let op =
            t("/processi/0/fasi/1/prestazioni_erogate/0/operatore_erogante/profilo_professionale");
        assert_eq!(op.2, Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.4.19"));
        assert_eq!(op.3, Some(d("2024-03-10")));
        assert_eq!(visti.len(), 5);
    }

    #[test]
    fn cod_001_empty_code() {
        let bad = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "", "system": TIRI } })
            )]),
        );
        let r = valida(&bad);
        assert_eq!(
            paths(&r, "CSI-COD-001"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        assert_eq!(
            r.of_rule("CSI-COD-001").next().unwrap().params["campo"],
            "tipologia_richiesta"
        );
        let ok = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "2", "system": TIRI } })
            )]),
        );
        assert!(!valida(&ok).has("CSI-COD-001"));
    }

    #[test]
    fn cod_002_binding_mismatch_but_not_for_alternates() {
        let bad = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "2", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.9" } })
            )]),
        );
        let r = valida(&bad);
        assert_eq!(
            paths(&r, "CSI-COD-002"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        let i = r.of_rule("CSI-COD-002").next().unwrap();
        assert_eq!(i.params["atteso"], TIRI);
        // MOCO in the alternate …1.1.4 and TIIS in …1.1.17 are accepted.
        let ok = cartella(
            json!({}),
            json!([fase_a(json!({
                "modalita_contatto": { "code": "1", "system": MOCO_ALT },
                "tipologia_isee": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.17" }
            }))]),
        );
        assert!(!valida(&ok).has("CSI-COD-002"));
    }

    #[test]
    fn cod_012_concept_map_instead_of_002() {
        let c = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_isee": { "code": "1", "system": "CSI-LIB-TIPOLOGIA-ISEE" } })
            )]),
        );
        assert!(valida(&c).has("CSI-COD-002"));
        assert!(!valida(&c).has("CSI-COD-012"));
        let mut reg = Registro::standard().clone();
        reg.registra_mappa(
            "CSI-LIB-TIPOLOGIA-ISEE",
            "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.16",
            [("1", "01")],
        );
        let r = valida_con(&c, Some(reg));
        assert_eq!(
            paths(&r, "CSI-COD-012"),
            ["/processi/0/fasi/0/tipologia_isee"]
        );
        assert!(!r.has("CSI-COD-002"));
    }

    #[test]
    fn cod_003_004_006_open_system_then_registered_table() {
        let c = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "2", "system": TIRI } })
            )]),
        );
        let r = valida(&c);
        assert_eq!(
            paths(&r, "CSI-COD-004"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        assert_eq!(
            r.of_rule("CSI-COD-004").next().unwrap().params["codice"],
            "2"
        );
        assert!(!r.has("CSI-COD-003"));

        let mut reg = Registro::standard().clone();
        reg.registra_voci(
            TIRI,
            vec![
                Voce {
                    code: "1".into(),
                    label: Some("Uno".into()),
                    valido_dal: None,
                    valido_al: None,
                },
                Voce {
                    code: "2".into(),
                    label: Some("Due".into()),
                    valido_dal: None,
                    valido_al: Some(d("2023-12-31")),
                },
            ],
        )
        .unwrap();
        // Registered: no more COD-004; "2" expired before the phase start.
        let r = valida_con(&c, Some(reg.clone()));
        assert!(!r.has("CSI-COD-004"));
        assert_eq!(
            paths(&r, "CSI-COD-006"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        assert_eq!(
            r.of_rule("CSI-COD-006").next().unwrap().params["data"],
            "2024-01-10"
        );
        let c3 = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "3", "system": TIRI } })
            )]),
        );
        let r = valida_con(&c3, Some(reg.clone()));
        assert_eq!(
            paths(&r, "CSI-COD-003"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        let c1 = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "1", "system": TIRI } })
            )]),
        );
        let r = valida_con(&c1, Some(reg));
        assert!(!r.has("CSI-COD-003") && !r.has("CSI-COD-006") && !r.has("CSI-COD-004"));
    }

    #[test]
    fn cod_005_syntax() {
        for bad in [" 2", "2 ", "a\u{1}b", &"x".repeat(65)] {
            let c = cartella(
                json!({}),
                json!([fase_a(
                    json!({ "tipologia_richiesta": { "code": bad, "system": TIRI } })
                )]),
            );
            assert_eq!(
                paths(&valida(&c), "CSI-COD-005"),
                ["/processi/0/fasi/0/tipologia_richiesta"],
                "{bad:?}"
            );
        }
        let c = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "A 1", "system": TIRI } })
            )]),
        );
        assert!(!valida(&c).has("CSI-COD-005"));
    }

    #[test]
    fn cod_007_placeholders() {
        for (code, display) in [
            (TIRI, None),
            ("XXX", None),
            ("tipologiaRichiestaCode", None),
            ("1", Some("nome obiettivo")),
        ] {
            let mut cod = json!({ "code": code, "system": TIRI });
            if let Some(dsp) = display {
                cod["display"] = json!(dsp);
            }
            let c = cartella(
                json!({}),
                json!([fase_a(json!({ "tipologia_richiesta": cod }))]),
            );
            assert_eq!(
                paths(&valida(&c), "CSI-COD-007"),
                ["/processi/0/fasi/0/tipologia_richiesta"],
                "{code}"
            );
        }
        for ok in ["01", "Code", "abcCode", "ACode"] {
            let c = cartella(
                json!({}),
                json!([fase_a(
                    json!({ "tipologia_richiesta": { "code": ok, "system": TIRI } })
                )]),
            );
            assert!(!valida(&c).has("CSI-COD-007"), "{ok}");
        }
    }

    #[test]
    fn cod_008_display_differs_from_label() {
        let mut reg = Registro::standard().clone();
        reg.registra_tabella(TIRI, [("1", Some("Accesso  spontaneo"))])
            .unwrap();
        let c = |display: &str| {
            cartella(
                json!({}),
                json!([fase_a(
                    json!({ "tipologia_richiesta": { "code": "1", "system": TIRI, "display": display } })
                )]),
            )
        };
        let r = valida_con(&c("Segnalazione"), Some(reg.clone()));
        assert_eq!(
            paths(&r, "CSI-COD-008"),
            ["/processi/0/fasi/0/tipologia_richiesta"]
        );
        assert!(!valida_con(&c("accesso spontaneo"), Some(reg)).has("CSI-COD-008"));
    }

    #[test]
    fn cod_009_closed_lists() {
        let c = |system: &str, code: &str| {
            cartella(
                json!({}),
                json!([ fase_a(json!({})), { "tipo_fase": "ELABORAZIONE_PROGETTO_INDIVIDUALE", "id_fase": "C-1",
                    "stato_fase": "APERTA", "data_inizio": "2024-02-01",
                    "progetto": { "obiettivi": [ { "codice": { "code": "O1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.3.9" },
                        "indicatore_esito": { "code": code, "system": system } } ] } } ]),
            )
        };
        let r = valida(&c("CSI-LIB-ESITO-OBIETTIVO", "7"));
        assert_eq!(
            paths(&r, "CSI-COD-009"),
            ["/processi/0/fasi/1/progetto/obiettivi/0/indicatore_esito"]
        );
        assert_eq!(
            r.of_rule("CSI-COD-009").next().unwrap().params["campo"],
            "indicatore_esito"
        );
        assert!(!valida(&c("CSI-LIB-ESITO-OBIETTIVO", "3")).has("CSI-COD-009"));
        // stato_nascita against ISO 3166-1 numeric.
        let s = |code: &str| {
            cartella(
                json!({ "stato_nascita": { "code": code, "system": "ISO3166-1-numeric" } }),
                json!([]),
            )
        };
        assert_eq!(
            paths(&valida(&s("999")), "CSI-COD-009"),
            ["/assistito/stato_nascita"]
        );
        assert!(!valida(&s("840")).has("CSI-COD-009"));
    }

    #[test]
    fn cod_010_invalid_system() {
        for bad in ["", "2.16.840.01", "urn:oid:1.2", "foo"] {
            let c = cartella(
                json!({}),
                json!([fase_a(
                    json!({ "tipologia_richiesta": { "code": "1", "system": bad } })
                )]),
            );
            let r = valida(&c);
            assert_eq!(
                paths(&r, "CSI-COD-010"),
                ["/processi/0/fasi/0/tipologia_richiesta"],
                "{bad:?}"
            );
            assert!(
                !r.has("CSI-COD-002"),
                "no binding check on an invalid system"
            );
        }
        let c = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "1", "system": "CSI-LIB-MODALITA-CONTATTO" } })
            )]),
        );
        assert!(!valida(&c).has("CSI-COD-010"));
    }

    #[test]
    fn message_interchange_base_is_prefixed() {
        let c = cartella(
            json!({}),
            json!([fase_a(
                json!({ "tipologia_richiesta": { "code": "", "system": TIRI } })
            )]),
        );
        let reg = Registro::standard();
        let mut ctx = Ctx::new(
            crate::rules::Profiles::default(),
            d("2025-01-01"),
            reg,
            None,
        );
        check(&mut ctx, &c, "/cartella");
        assert!(ctx.issues().iter().any(|i| i.rule_id == "CSI-COD-001"
            && i.path == "/cartella/processi/0/fasi/0/tipologia_richiesta"));
    }

    /// Every string of `alfabeto` up to `max` characters.
    fn stringhe(alfabeto: &[&str], max: usize) -> Vec<String> {
        let mut tutte = vec![String::new()];
        let mut livello = vec![String::new()];
        for _ in 0..max {
            livello = livello
                .iter()
                .flat_map(|s| alfabeto.iter().map(move |a| format!("{s}{a}")))
                .collect();
            tutte.extend(livello.iter().cloned());
        }
        tutte
    }

    #[test]
    fn byte_level_checks_agree_with_the_char_level_definitions() {
        // The definitions the byte-level checks replace.
        let oid = |s: &str| {
            let mut parti = s.split('.');
            matches!(parti.next(), Some("0" | "1" | "2"))
                && s.contains('.')
                && parti.all(|p| {
                    !p.is_empty()
                        && p.bytes().all(|b| b.is_ascii_digit())
                        && (p == "0" || !p.starts_with('0'))
                })
        };
        let sintassi = |code: &str| {
            code.chars().count() <= 64
                && !code.starts_with(char::is_whitespace)
                && !code.ends_with(char::is_whitespace)
                && !code.chars().any(char::is_control)
        };
        let sistema = |system: &str| {
            !system.is_empty()
                && !system.chars().any(|c| c.is_whitespace() || c.is_control())
                && if system.as_bytes()[0].is_ascii_digit() {
                    oid(system)
                } else {
                    system.starts_with("INPS.") && system.len() > 5
                }
        };
        let alfabeto = [
            "0", "1", "3", ".", " ", "\t", "\u{b}", "\u{1f}", "\u{7f}", "a", "é", "\u{a0}",
        ];
        for s in stringhe(&alfabeto, 5) {
            assert_eq!(oid_valido(&s), oid(&s), "{s:?}");
            assert_eq!(sintassi_valida(&s), sintassi(&s), "{s:?}");
            let inps = format!("INPS.{s}");
            assert_eq!(sistema_valido(&s, None), sistema(&s), "{s:?}");
            assert_eq!(sistema_valido(&inps, None), sistema(&inps), "{inps:?}");
        }
        let lungo = "7".repeat(64);
        assert!(sintassi_valida(&lungo) && !sintassi_valida(&format!("{lungo}7")));
        assert!(oid_valido("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2"));
        for (a, b) in [
            ("Coniugato", "coniugato"),
            ("a  b", "A B"),
            ("Città", "CITTÀ"),
        ] {
            assert!(!descrizione_diversa(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("Coniugato", "Coniugata"),
            ("a b", "ab"),
            ("Città", "Citta"),
        ] {
            assert!(descrizione_diversa(a, b), "{a} {b}");
        }
    }

    #[test]
    fn pointers_are_rendered_escaped_at_any_depth() {
        let root = Percorso::radice("/cartella");
        let a = root.campo("a/b");
        let b = a.indice(12);
        let c = b.campo("m~n");
        assert_eq!(c.render(), "/cartella/a~1b/12/m~0n");
        assert_eq!(Percorso::radice("").render(), "");
        assert_eq!(Percorso::radice("").indice(0).render(), "/0");
        // A deep pointer.
        fn profondo(p: &Percorso<'_>, n: usize, atteso: &mut String) -> String {
            if n == 0 {
                return p.render();
            }
            atteso.push_str(&format!("/k{n}/{n}"));
            let nome = format!("k{n}");
            let q = p.campo(&nome);
            profondo(&q.indice(n), n - 1, atteso)
        }
        let mut atteso = String::from("/x");
        let reso = profondo(&Percorso::radice("/x"), 20, &mut atteso);
        assert_eq!(reso, atteso);
    }
}
