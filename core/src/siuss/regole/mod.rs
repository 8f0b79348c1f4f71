//! Rules of the national flows on a typed flow (`rules.md` §6–§8, `siuss.md` §2–§7):
//! `SIUSS-PS-*`, `SIUSS-SINA-*` and `SIUSS-SINBA-*`.
//!
//! The rules judge what a flow *says*: every attribute of the typed model is its XSD lexical
//! string, so a flow read from XML keeps invalid values and the rules here report them (XSD facets:
//! lengths, patterns, enumerations through the embedded INPS code lists, `xs:date`, `xs:decimal`,
//! `xs:int`; required attributes) together with the INPS and library cross-field rules.
//! Paths are JSON Pointers into the flow JSON (`/beneficiari/0/prestazioni_sociali/0/importo_mensile`,
//! `/identificazione_flusso/ente/cf_operatore`, `/sinba/0/fascia_eta_beneficiario`).
//!
//! One code path: [`verifica_ps`] and [`verifica_sinba`] feed a [`VerificaIncrementale`], which a
//! streaming reader can feed item by item (memory independent of the number of items, apart from
//! the findings).
//!
//! Interpretations (decisions of this module):
//! - The flow name (§3): a PS-PSA-SINA flow whose `Nome` does not match the lenient read form, or
//!   whose type segment is `SINBA`, raises `SIUSS-PS-002`; a SINBA flow raises the specific
//!   `SIUSS-SINBA-051` instead (not both). The creation date of `SIUSS-PS-070` is the date segment
//!   of a name in the read form (no finding when it is not a calendar date).
//! - `SIUSS-PS-011` replaces `SIUSS-PS-010` for a 16-character code whose only deviation from the
//!   INPS pattern is omocodia letters in positions 7, 8, 10, 11; `SIUSS-PS-012` (and `-007` for the
//!   operator) is judged only on codes that match the INPS pattern (or are omocodic, for `-012`).
//! - `SIUSS-PS-008` is raised only when `SIUSS-PS-005` is not (a value of 4 characters).
//! - `SIUSS-PS-024` is raised for each of `CodiceRegione`, `CodiceComune` present with a valid
//!   `CodiceNazione` other than `380`.
//! - `SIUSS-PS-037` points at the first missing DSU attribute; `SIUSS-PS-068` is raised when
//!   `PresenzaProvaMezzi`=1 and no DSU attribute is present (partial data is `-037`).
//! - `SIUSS-PS-041`: a code of 5–10 characters that is not in the INPS prestazioni table of the
//!   registry (listed codes are fine whatever their shape; unlisted codes are reported, whether or
//!   not they have the usual shape `^[A-Z][0-9]\.[0-9]{2}(\.[0-9]{2})?$`).
//! - `SIUSS-PS-055`: the months between the dates are `12·(year(fine) − year(inizio)) +
//!   month(fine) − month(inizio) + 1` (`siuss.md` §8.4).
//! - `SIUSS-PS-059` points at the amount compared (`importo_mensile` or `importo_prestazione`);
//!   quotas and amount are rounded half-up to 2 decimals, and the difference must not exceed
//!   [`OpzioniVerifica::tolleranza_quote`].
//! - `SIUSS-PS-066`: `DataErogazionePrestazione`, `ImportoPrestazione` on a periodic benefit;
//!   `DataInizioPrestazione`, `DataFinePrestazione`, `PeriodoErogazione`, `ImportoMensile` on a
//!   one-off benefit; one finding per attribute.
//! - `SIUSS-PS-069` needs the last insertion sent for the record key (`siuss.md` §9): it is judged
//!   only when [`OpzioniVerifica::ultimi_inserimenti`] is set ([`UltimiInserimenti`]), or directly
//!   with [`cancellazione_coerente`].
//! - `SIUSS-PS-093` (more than two decimals) counts the decimals of the value (`7.500` has two) and
//!   applies to the `Importo*` attributes, not to `OreServizioMensile`.
//! - `SIUSS-SINBA-034` is also raised when `CodiceNazioneResidenza`=`380` and
//!   `CodiceRegioneResidenza` is present but not 2 digits (it is then not a usable region).
//! - `SIUSS-SINBA-049`: the age in completed years at `as_of` is `year(as_of) − AnnoNascita` or one
//!   less; the band is consistent when one of the two falls in it (`a<3`→1 … `15≤a`→6, §8.7).
//!
//! Rules left to the derivation ([`LASCIATE_ALLA_DERIVAZIONE`]) cannot be judged on a flow.

mod lessico;
mod ps;
mod sina;
mod sinba;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::flusso::{
    Beneficiario, Canale, Flusso, FlussoPsPsaSina, FlussoSinba, IdentificazioneFlusso,
    PrestazioniSociali, Sinba, TipoFlusso,
};
use crate::codelists::{Registro, Tabella};
use crate::refdata::DatiRiferimento;
use crate::rules::{oggi_roma, Ctx, Profiles, Report, Suppression};

use crate::siuss::waas::ChiaveRecord;
pub use lessico::{analizza_nome, nome_conforme_scrittura, NomeFlusso};

/// Ids of the rules this module raises, sorted.
pub const RULES: &[&str] = &[
    "SIUSS-PS-001",
    "SIUSS-PS-002",
    "SIUSS-PS-003",
    "SIUSS-PS-004",
    "SIUSS-PS-005",
    "SIUSS-PS-006",
    "SIUSS-PS-007",
    "SIUSS-PS-008",
    "SIUSS-PS-010",
    "SIUSS-PS-011",
    "SIUSS-PS-012",
    "SIUSS-PS-013",
    "SIUSS-PS-014",
    "SIUSS-PS-015",
    "SIUSS-PS-016",
    "SIUSS-PS-017",
    "SIUSS-PS-018",
    "SIUSS-PS-019",
    "SIUSS-PS-020",
    "SIUSS-PS-021",
    "SIUSS-PS-022",
    "SIUSS-PS-023",
    "SIUSS-PS-024",
    "SIUSS-PS-025",
    "SIUSS-PS-031",
    "SIUSS-PS-032",
    "SIUSS-PS-033",
    "SIUSS-PS-034",
    "SIUSS-PS-035",
    "SIUSS-PS-036",
    "SIUSS-PS-037",
    "SIUSS-PS-038",
    "SIUSS-PS-039",
    "SIUSS-PS-040",
    "SIUSS-PS-041",
    "SIUSS-PS-042",
    "SIUSS-PS-043",
    "SIUSS-PS-045",
    "SIUSS-PS-046",
    "SIUSS-PS-047",
    "SIUSS-PS-048",
    "SIUSS-PS-049",
    "SIUSS-PS-050",
    "SIUSS-PS-051",
    "SIUSS-PS-052",
    "SIUSS-PS-053",
    "SIUSS-PS-054",
    "SIUSS-PS-055",
    "SIUSS-PS-056",
    "SIUSS-PS-057",
    "SIUSS-PS-058",
    "SIUSS-PS-059",
    "SIUSS-PS-060",
    "SIUSS-PS-061",
    "SIUSS-PS-062",
    "SIUSS-PS-063",
    "SIUSS-PS-064",
    "SIUSS-PS-065",
    "SIUSS-PS-066",
    "SIUSS-PS-067",
    "SIUSS-PS-068",
    "SIUSS-PS-069",
    "SIUSS-PS-070",
    "SIUSS-PS-092",
    "SIUSS-PS-093",
    "SIUSS-PS-095",
    "SIUSS-SINA-001",
    "SIUSS-SINA-002",
    "SIUSS-SINA-003",
    "SIUSS-SINA-004",
    "SIUSS-SINA-005",
    "SIUSS-SINA-006",
    "SIUSS-SINA-007",
    "SIUSS-SINA-008",
    "SIUSS-SINA-009",
    "SIUSS-SINA-010",
    "SIUSS-SINA-011",
    "SIUSS-SINA-012",
    "SIUSS-SINA-013",
    "SIUSS-SINA-014",
    "SIUSS-SINA-015",
    "SIUSS-SINA-016",
    "SIUSS-SINA-017",
    "SIUSS-SINA-018",
    "SIUSS-SINBA-001",
    "SIUSS-SINBA-003",
    "SIUSS-SINBA-004",
    "SIUSS-SINBA-005",
    "SIUSS-SINBA-006",
    "SIUSS-SINBA-007",
    "SIUSS-SINBA-008",
    "SIUSS-SINBA-009",
    "SIUSS-SINBA-010",
    "SIUSS-SINBA-011",
    "SIUSS-SINBA-012",
    "SIUSS-SINBA-013",
    "SIUSS-SINBA-014",
    "SIUSS-SINBA-015",
    "SIUSS-SINBA-016",
    "SIUSS-SINBA-017",
    "SIUSS-SINBA-018",
    "SIUSS-SINBA-019",
    "SIUSS-SINBA-020",
    "SIUSS-SINBA-021",
    "SIUSS-SINBA-022",
    "SIUSS-SINBA-023",
    "SIUSS-SINBA-024",
    "SIUSS-SINBA-025",
    "SIUSS-SINBA-026",
    "SIUSS-SINBA-027",
    "SIUSS-SINBA-028",
    "SIUSS-SINBA-029",
    "SIUSS-SINBA-030",
    "SIUSS-SINBA-031",
    "SIUSS-SINBA-032",
    "SIUSS-SINBA-033",
    "SIUSS-SINBA-034",
    "SIUSS-SINBA-035",
    "SIUSS-SINBA-036",
    "SIUSS-SINBA-037",
    "SIUSS-SINBA-038",
    "SIUSS-SINBA-040",
    "SIUSS-SINBA-041",
    "SIUSS-SINBA-042",
    "SIUSS-SINBA-043",
    "SIUSS-SINBA-044",
    "SIUSS-SINBA-045",
    "SIUSS-SINBA-046",
    "SIUSS-SINBA-047",
    "SIUSS-SINBA-048",
    "SIUSS-SINBA-049",
    "SIUSS-SINBA-051",
];

/// The `SIUSS-PS/SINA/SINBA` rules this module does not raise because they cannot be judged on a
/// flow, with the reason: the derivation of a flow from a cartella (`siuss.md` §8) raises them.
pub const LASCIATE_ALLA_DERIVAZIONE: &[(&str, &str)] = &[
    ("SIUSS-PS-044", "says how ProtocolloDomanda was obtained (from the phase id): only the derivation knows"),
    ("SIUSS-PS-080", "CodicePrestazione not derivable: a derivation failure"),
    ("SIUSS-PS-081", "LuogoNascita not derivable: a derivation failure"),
    ("SIUSS-PS-082", "CodiceRegione (DM 1986) not derivable: a derivation failure"),
    ("SIUSS-PS-083", "990 used for a citizenship not derivable: only the derivation knows the source"),
    ("SIUSS-PS-084", "ente codes not derivable: a derivation failure"),
    ("SIUSS-PS-085", "split of a periodic benefit into yearly records: a derivation notice"),
    ("SIUSS-PS-086", "Genere not derivable: a derivation failure"),
    ("SIUSS-PS-087", "D record skipped for lack of SIUSS data: a derivation notice"),
    ("SIUSS-PS-088", "a model date of month/year precision: the flow only has xs:date values"),
    ("SIUSS-PS-089", "Denominazione truncated: only the derivation sees the original value"),
    ("SIUSS-PS-090", "Cognome/Nome truncated: only the derivation sees the original value"),
    ("SIUSS-PS-091", "AnnoNascita taken from the codice fiscale: only the derivation knows the source"),
    ("SIUSS-PS-096", "Genere taken from the codice fiscale: only the derivation knows the source"),
    ("SIUSS-SINBA-002", "IDBeneficiario vs the minor's CF and name: the flow carries neither (privacy §3)"),
    ("SIUSS-SINBA-039", "minor at the reference date: needs the birth date and the process closure date of the cartella"),
    ("SIUSS-SINBA-050", "FasciaISEEBeneficiario vs the ISEE value: the flow carries only the band"),
];

/// The last insertion sent for a record key (`siuss.md` §9), for `SIUSS-PS-069`.
///
/// Implemented by [`crate::siuss::waas::RegistroInvii`] (the library's send register) and by any
/// closure over [`ChiaveRecord`] (the caller's own register). Only consulted for records with
/// `TipoOperazione`=`C`, so an implementation may be slow-ish (a database look-up).
pub trait UltimiInserimenti: Send + Sync {
    /// The `PrestazioniSociali` last sent with `TipoOperazione`=`I` (or absent) for this key, if
    /// the register knows it.
    fn ultimo_inserimento(&self, chiave: &ChiaveRecord) -> Option<PrestazioniSociali>;
}

impl<F> UltimiInserimenti for F
where
    F: Fn(&ChiaveRecord) -> Option<PrestazioniSociali> + Send + Sync,
{
    fn ultimo_inserimento(&self, chiave: &ChiaveRecord) -> Option<PrestazioniSociali> {
        self(chiave)
    }
}

/// Whether a cancellation record (`TipoOperazione`=`C`) repeats the last insertion sent: every
/// attribute other than `TipoOperazione`, and the SINA block, are equal (`SIUSS-PS-069` when not).
pub fn cancellazione_coerente(
    cancellazione: &PrestazioniSociali,
    ultimo_inserimento: &PrestazioniSociali,
) -> bool {
    PrestazioniSociali::ATTRIBUTI
        .iter()
        .filter(|(xsd, _)| *xsd != "TipoOperazione")
        .all(|(xsd, _)| cancellazione.attributo(xsd) == ultimo_inserimento.attributo(xsd))
        && cancellazione.sina == ultimo_inserimento.sina
}

/// Options of [`verifica`].
#[derive(Clone)]
pub struct OpzioniVerifica {
    /// Channel the flow travels on (`SIUSS-PS-031`, `-032`, `SIUSS-SINBA-038`). Default
    /// [`Canale::Upload`] (no single-item limit).
    pub canale: Canale,
    /// Reference date: rule sets in force, "future" checks (`SIUSS-SINBA-041`) and the age band
    /// (`SIUSS-SINBA-049`). Default: today in Europe/Rome.
    pub as_of: Option<NaiveDate>,
    /// Tolerance of the quota sum rule `SIUSS-PS-059` (default `0.00`).
    pub tolleranza_quote: Decimal,
    /// Code lists (INPS enumerations, prestazioni table). Default: [`Registro::standard`]; an INPS
    /// list missing from a custom registry is taken from the standard one.
    pub registro: Option<Arc<Registro>>,
    /// Findings to move to [`Report::suppressed`].
    pub suppressions: Vec<Suppression>,
    /// Send register for `SIUSS-PS-069`; `None` (default) = the rule is not judged.
    pub ultimi_inserimenti: Option<Arc<dyn UltimiInserimenti>>,
}

impl Default for OpzioniVerifica {
    fn default() -> Self {
        OpzioniVerifica {
            canale: Canale::Upload,
            as_of: None,
            tolleranza_quote: Decimal::ZERO,
            registro: None,
            suppressions: Vec::new(),
            ultimi_inserimenti: None,
        }
    }
}

impl fmt::Debug for OpzioniVerifica {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpzioniVerifica")
            .field("canale", &self.canale)
            .field("as_of", &self.as_of)
            .field("tolleranza_quote", &self.tolleranza_quote)
            .field("registro", &self.registro.as_ref().map(|_| "custom"))
            .field("suppressions", &self.suppressions)
            .field("ultimi_inserimenti", &self.ultimi_inserimenti.is_some())
            .finish()
    }
}

/// Verifies a flow of either type with every rule of this module.
pub fn verifica(flusso: &Flusso, o: &OpzioniVerifica) -> Report {
    match flusso {
        Flusso::PsPsaSina(f) => verifica_ps(f, o),
        Flusso::Sinba(f) => verifica_sinba(f, o),
    }
}

/// Verifies a PS-PSA-SINA flow.
pub fn verifica_ps(f: &FlussoPsPsaSina, o: &OpzioniVerifica) -> Report {
    let mut v = VerificaIncrementale::new(TipoFlusso::PsPsaSina, o);
    v.intestazione(&f.identificazione_flusso);
    for b in &f.beneficiari {
        v.beneficiario(b);
    }
    v.fine()
}

/// Verifies a SINBA flow.
pub fn verifica_sinba(f: &FlussoSinba, o: &OpzioniVerifica) -> Report {
    let mut v = VerificaIncrementale::new(TipoFlusso::Sinba, o);
    v.intestazione(&f.identificazione_flusso);
    for s in &f.sinba {
        v.sinba(s);
    }
    v.fine()
}

/// The attribute table `inps-prestazioni-attributi.csv`, by attribute.
struct AttributiPrestazioni {
    richiede_presa_in_carico: Vec<&'static str>,
    sina_applicabile: Vec<&'static str>,
    richiede_data_evento: Vec<&'static str>,
}

fn attributi_prestazioni() -> &'static AttributiPrestazioni {
    static A: OnceLock<AttributiPrestazioni> = OnceLock::new();
    A.get_or_init(|| {
        let righe = crate::codelists::attributi_prestazioni();
        let di = |nome: &str| -> Vec<&'static str> {
            righe
                .iter()
                .filter(|(_, a, v)| *a == nome && v.trim() == "true")
                .map(|(c, _, _)| *c)
                .collect()
        };
        AttributiPrestazioni {
            richiede_presa_in_carico: di("richiede_presa_in_carico"),
            sina_applicabile: di("sina_applicabile"),
            richiede_data_evento: di("richiede_data_evento"),
        }
    })
}

/// System names of the INPS enumerations used by the PS-PSA-SINA rules.
const SISTEMA_PS: &str = "INPS.PS_PSA_SINA201812.";
/// System names of the INPS enumerations used by the SINBA rules.
const SISTEMA_SINBA: &str = "INPS.SINBA.";

/// A code table of the registry (falling back to the standard registry).
fn tabella<'a>(registro: &'a Registro, system: &str) -> Option<&'a Tabella> {
    registro
        .tabella(system)
        .or_else(|| Registro::standard().tabella(system))
}

/// Tables resolved once per verification.
struct Tabelle<'a> {
    genere: Option<&'a Tabella>,
    tipo_operazione: Option<&'a Tabella>,
    presenza_prova_mezzi: Option<&'a Tabella>,
    carattere_prestazione: Option<&'a Tabella>,
    presa_carico: Option<&'a Tabella>,
    area_utenza: Option<&'a Tabella>,
    inv_civ: Option<&'a Tabella>,
    prestazioni: Option<&'a Tabella>,
    composizione_famiglia: Option<&'a Tabella>,
    /// Parallel to [`sina::ENUMERAZIONI`].
    sina: Vec<Option<&'a Tabella>>,
    /// Parallel to [`sinba::ENUMERAZIONI`].
    sinba: Vec<Option<&'a Tabella>>,
}

impl<'a> Tabelle<'a> {
    fn new(registro: &'a Registro) -> Tabelle<'a> {
        let ps = |t: &str| tabella(registro, &format!("{SISTEMA_PS}{t}"));
        Tabelle {
            genere: ps("GenereType"),
            tipo_operazione: ps("TipoOperazioneType"),
            presenza_prova_mezzi: ps("PresenzaProvaMezziType"),
            carattere_prestazione: ps("CaratterePrestazioneType"),
            presa_carico: ps("PresaCaricoType"),
            area_utenza: ps("AreaUtenzaType"),
            inv_civ: ps("InvCivType"),
            prestazioni: tabella(registro, crate::codelists::SISTEMA_PRESTAZIONI_INPS),
            composizione_famiglia: tabella(
                registro,
                &format!("{SISTEMA_SINBA}ComposizioneFamigliaType"),
            ),
            sina: sina::ENUMERAZIONI.iter().map(|e| ps(e.tipo)).collect(),
            sinba: sinba::ENUMERAZIONI
                .iter()
                .map(|e| tabella(registro, &format!("{SISTEMA_SINBA}{}", e.tipo)))
                .collect(),
        }
    }
}

/// Whether `v` is a code of the table (an absent table cannot be judged: `true`).
fn in_tabella(t: Option<&Tabella>, v: &str) -> bool {
    // The INPS enumerations are a handful of short codes: comparing them is cheaper than
    // hashing the value (same answer: the codes of a table are unique).
    const SCANSIONE: usize = 16;
    t.is_none_or(|t| {
        if t.len() <= SCANSIONE {
            t.voci().iter().any(|voce| voce.code == v)
        } else {
            t.get(v).is_some()
        }
    })
}

/// Incremental verification for streaming readers: feed the header, then each `Beneficiario`
/// (PS-PSA-SINA) or `SINBA` element in document order, then call [`fine`](Self::fine). Memory is
/// independent of the number of items (apart from the findings).
///
/// ```
/// use cartella::siuss::flusso::{FlussoSinba, TipoFlusso};
/// use cartella::siuss::regole::{OpzioniVerifica, VerificaIncrementale};
/// let flusso = FlussoSinba::default();
/// let o = OpzioniVerifica::default();
/// let mut v = VerificaIncrementale::new(TipoFlusso::Sinba, &o);
/// v.intestazione(&flusso.identificazione_flusso);
/// for s in &flusso.sinba {
///     v.sinba(s);
/// }
/// let report = v.fine();
/// assert!(report.has("SIUSS-PS-001")); // no flow name
/// ```
pub struct VerificaIncrementale<'a> {
    o: &'a OpzioniVerifica,
    tipo: TipoFlusso,
    ctx: Ctx<'a>,
    tabelle: Tabelle<'a>,
    attributi: &'static AttributiPrestazioni,
    /// Creation date of the flow (date segment of `Nome`).
    data_flusso: Option<NaiveDate>,
    /// `Ente/@Codice`, for the record key of `SIUSS-PS-069`.
    codice_ente: Option<String>,
    beneficiari: usize,
    sinba: usize,
}

impl fmt::Debug for VerificaIncrementale<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerificaIncrementale")
            .field("tipo", &self.tipo)
            .field("beneficiari", &self.beneficiari)
            .field("sinba", &self.sinba)
            .field("findings", &self.ctx.issues().len())
            .finish()
    }
}

impl<'a> VerificaIncrementale<'a> {
    /// Starts the verification of a flow of type `tipo` with options `o`.
    pub fn new(tipo: TipoFlusso, o: &'a OpzioniVerifica) -> VerificaIncrementale<'a> {
        let registro: &'a Registro = match &o.registro {
            Some(r) => r,
            None => Registro::standard(),
        };
        let as_of = o.as_of.unwrap_or_else(oggi_roma);
        VerificaIncrementale {
            o,
            tipo,
            ctx: Ctx::new(
                Profiles::ALL,
                as_of,
                registro,
                Some(DatiRiferimento::embedded()),
            ),
            tabelle: Tabelle::new(registro),
            attributi: attributi_prestazioni(),
            data_flusso: None,
            codice_ente: None,
            beneficiari: 0,
            sinba: 0,
        }
    }

    /// Checks `IdentificazioneFlusso` and `Ente` (`SIUSS-PS-001`…`-008`, `SIUSS-SINBA-051`).
    pub fn intestazione(&mut self, id: &IdentificazioneFlusso) {
        const NOME: &str = "/identificazione_flusso/nome";
        match id.nome.as_deref() {
            None => self.ctx.emit("SIUSS-PS-001", NOME, []),
            Some(n) => {
                let len = lessico::lunghezza(n);
                if len == 0 || len > 50 {
                    self.ctx.emit("SIUSS-PS-001", NOME, []);
                }
                let nome = analizza_nome(n);
                self.data_flusso = nome.as_ref().and_then(|x| x.data);
                if len > 0 {
                    match self.tipo {
                        TipoFlusso::PsPsaSina => {
                            if nome.is_none_or(|x| x.tipo == "SINBA") {
                                self.ctx.emit("SIUSS-PS-002", NOME, []);
                            }
                        }
                        TipoFlusso::Sinba => {
                            if nome.is_none_or(|x| x.tipo != "SINBA") {
                                self.ctx.emit("SIUSS-SINBA-051", NOME, []);
                            }
                        }
                    }
                }
            }
        }
        let ente = &id.ente;
        const ENTE: &str = "/identificazione_flusso/ente";
        if !ente
            .codice
            .as_deref()
            .is_some_and(|c| lessico::lunghezza_tra(c, 1, 32))
        {
            self.ctx.emit("SIUSS-PS-003", format!("{ENTE}/codice"), []);
        }
        self.codice_ente = ente.codice.clone();
        if ente
            .denominazione
            .as_deref()
            .is_some_and(|d| !lessico::lunghezza_tra(d, 1, 100))
        {
            self.ctx
                .emit("SIUSS-PS-004", format!("{ENTE}/denominazione"), []);
        }
        match ente.indirizzo.as_deref() {
            Some(i) if lessico::lunghezza(i) == 4 => {
                if !lessico::belfiore(i) {
                    self.ctx
                        .emit("SIUSS-PS-008", format!("{ENTE}/indirizzo"), []);
                }
            }
            _ => self
                .ctx
                .emit("SIUSS-PS-005", format!("{ENTE}/indirizzo"), []),
        }
        let cf = ente.cf_operatore.as_deref();
        let path = || format!("{ENTE}/cf_operatore");
        match cf {
            Some(c) if lessico::pattern_cf(c) => {
                if !crate::cf::is_valid(c) {
                    self.ctx
                        .emit("SIUSS-PS-007", path(), [("cf", c.to_string())]);
                }
            }
            _ => self.ctx.emit(
                "SIUSS-PS-006",
                path(),
                [("cf", cf.unwrap_or_default().to_string())],
            ),
        }
    }

    /// Checks one `Beneficiario` with its `Anagrafica`, `Indirizzo`, `PrestazioniSociali` and SINA
    /// blocks; its index is the number of beneficiaries fed so far.
    pub fn beneficiario(&mut self, b: &Beneficiario) {
        let i = self.beneficiari;
        self.beneficiari += 1;
        if self.beneficiari == 2 && self.o.canale.singolo() {
            self.ctx.emit("SIUSS-PS-031", "/beneficiari", []);
        }
        self.verifica_beneficiario(i, b);
    }

    /// Checks one `SINBA` element; its index is the number of elements fed so far.
    pub fn sinba(&mut self, s: &Sinba) {
        let k = self.sinba;
        self.sinba += 1;
        if self.sinba == 2 && self.o.canale.singolo() {
            self.ctx.emit("SIUSS-SINBA-038", "/sinba", []);
        }
        self.verifica_sinba(k, s);
    }

    /// Ends the verification: the findings, with the suppressions of the options applied.
    pub fn fine(self) -> Report {
        let mut report = Report {
            issues: self.ctx.into_issues(),
            suppressed: Vec::new(),
        };
        report.apply_suppressions(&self.o.suppressions);
        report
    }
}
