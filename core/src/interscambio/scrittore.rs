//! Writer of the interchange request `PRSS_IN001004ZZ` (`interscambio.md` §2–§11, §15).
//!
//! The writer is a straight walk of the model emitting elements in XSD sequence order. It never
//! panics on input: values it cannot write in a schema-valid way are written as they are (the
//! validator reports them); structural impossibilities (no process, no phase record, no receiver)
//! are errors.
//!
//! Output goes straight into one pre-sized buffer: fixed markup is copied from string literals,
//! values are escaped in place (clean runs copied in one go), timestamps and dates are written
//! digit by digit, and no per-element attribute list or temporary string is built.

/// Ids of the rules the writer raises (`CSI-REL-009`, `CSI-CMP-025`, `CSI-CMP-026`, `CSI-PRV-002`).
pub const RULES: &[&str] = &["CSI-CMP-025", "CSI-CMP-026", "CSI-PRV-002", "CSI-REL-009"];

use std::cmp::Ordering;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use rust_decimal::RoundingStrategy;

use super::oid::{self, FormaValore, VoceItem};
use super::opzioni::{
    Cicli, CodiciBusta, CodiciGenere, FormaData, FormaImporto, FormaSospensioni, FormaTelecom,
    OpzioniScrittura, PosizioneEsito, Sensibilita,
};
use crate::codelists::Registro;
use crate::error::CartellaError;
use crate::model::*;
use crate::rules::Issue;

// ---------------------------------------------------------------------------------------------
// XML output

/// Minimal XML builder: escaped attributes and text, optional two-space indentation.
///
/// Elements are written either whole (`open`, `empty`, `text` with an attribute list) or piece
/// by piece: [`Xml::start`], then [`Xml::attr`] for each attribute, then [`Xml::end_open`] or
/// [`Xml::end_empty`]. The `lit_*` methods copy fixed markup (a literal with no value to escape).
pub(crate) struct Xml {
    out: String,
    depth: usize,
    indent: bool,
}

/// Escaping class of each byte: `1` escaped everywhere (`&`, `<`, `>`, `\r`), `2` escaped in
/// attribute values only (`"`, `'`, `\t`, `\n`), `0` copied.
static CLASSE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'&' as usize] = 1;
    t[b'<' as usize] = 1;
    t[b'>' as usize] = 1;
    t[b'\r' as usize] = 1;
    t[b'"' as usize] = 2;
    t[b'\'' as usize] = 2;
    t[b'\t' as usize] = 2;
    t[b'\n' as usize] = 2;
    t
};

const UNI: u64 = 0x0101_0101_0101_0101;
const ALTI: u64 = 0x8080_8080_8080_8080;

/// High bit set in the bytes of `w` that may need escaping: below `0x0E` (`\t`, `\n`, `\r`),
/// `"`, `#`, `&`, `'` (`c | 0x05 == 0x27`), `<` or `>` (`c | 0x02 == 0x3E`). No false negative.
#[inline(always)]
fn candidati(w: u64) -> u64 {
    let a = (w | (UNI * 0x05)) ^ (UNI * 0x27);
    let b = (w | (UNI * 0x02)) ^ (UNI * 0x3E);
    ((w.wrapping_sub(UNI * 0x0E) & !w) | (a.wrapping_sub(UNI) & !a) | (b.wrapping_sub(UNI) & !b))
        & ALTI
}

/// Index of the first byte of `b` to escape (in an attribute value when `attributo`). Eight
/// bytes at a time (the last word overlapping the one before): a word is looked at byte by
/// byte only when it holds a [`candidati`] byte.
#[inline(always)]
fn primo_da_sostituire(b: &[u8], attributo: bool) -> Option<usize> {
    // Escaped when `1 <= CLASSE[c] <= limite`.
    let limite = if attributo { 2 } else { 1 };
    let esatto = |c: &u8| CLASSE[usize::from(*c)].wrapping_sub(1) < limite;
    let parola = |p: &[u8]| <[u8; 8]>::try_from(p).map_or(0, u64::from_le_bytes);
    let n = b.len();
    if n < 8 {
        return b.iter().position(esatto);
    }
    let mut blocchi = b.chunks_exact(8);
    let mut base = 0;
    for blocco in &mut blocchi {
        if candidati(parola(blocco)) != 0 {
            if let Some(p) = blocco.iter().position(esatto) {
                return Some(base + p);
            }
        }
        base += 8;
    }
    let resto = blocchi.remainder();
    if !resto.is_empty() && candidati(parola(b.get(n - 8..).unwrap_or_default())) != 0 {
        return resto.iter().position(esatto).map(|p| base + p);
    }
    None
}

/// Appends `s` escaped (no CDATA) to `out`: `&`, `<`, `>`, `\r` always; `"`, `'`, `\t`, `\n` too in
/// attribute values (`attributo`). Runs of other characters are copied as they are.
fn escape_in(out: &mut String, s: &str, attributo: bool) {
    let bytes = s.as_bytes();
    let Some(primo) = primo_da_sostituire(bytes, attributo) else {
        out.push_str(s);
        return;
    };
    let mut da = 0;
    let mut i = primo;
    loop {
        let sostituto = match bytes.get(i) {
            Some(b'&') => "&amp;",
            Some(b'<') => "&lt;",
            Some(b'>') => "&gt;",
            Some(b'\r') => "&#13;",
            Some(b'"') => "&quot;",
            Some(b'\'') => "&apos;",
            Some(b'\t') => "&#9;",
            Some(b'\n') => "&#10;",
            _ => break,
        };
        // `i` is at an ASCII byte, hence at a character boundary.
        out.push_str(s.get(da..i).unwrap_or_default());
        out.push_str(sostituto);
        da = i + 1;
        match bytes
            .get(da..)
            .and_then(|r| primo_da_sostituire(r, attributo))
        {
            Some(p) => i = da + p,
            None => break,
        }
    }
    out.push_str(s.get(da..).unwrap_or_default());
}

/// 48 spaces: indentation of 24 levels.
macro_rules! spazi_48 {
    () => {
        "                                                "
    };
}

/// A newline followed by enough spaces for 48 levels of indentation.
const RIENTRO: &str = concat!("\n", spazi_48!(), spazi_48!());

/// Newline and indentation up to depth 24, copied whole and then cut to size.
const RIENTRO_CORTO: &str = concat!("\n", spazi_48!());
/// Length of [`RIENTRO_CORTO`].
const CORTO: usize = RIENTRO_CORTO.len();

/// Appends `n` in decimal, zero-padded to `larghezza` digits (as `{:0larghezza$}`).
fn cifre(out: &mut String, n: u64, larghezza: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    let mut v = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let inizio = i.min(buf.len().saturating_sub(larghezza));
    for &c in buf.get(inizio..).unwrap_or_default() {
        out.push(char::from(c));
    }
}

impl Xml {
    pub(crate) fn new(indent: bool) -> Xml {
        Xml::con_capacita(indent, 16 * 1024)
    }

    fn con_capacita(indent: bool, capacita: usize) -> Xml {
        let mut out = String::with_capacity(capacita);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Xml {
            out,
            depth: 0,
            indent,
        }
    }

    #[inline]
    fn nl(&mut self) {
        if self.indent {
            let n = 1 + 2 * self.depth;
            if n <= CORTO {
                // A copy of constant length (no `memcpy` call), then cut to size.
                let len = self.out.len();
                self.out.push_str(RIENTRO_CORTO);
                self.out.truncate(len + n);
            } else {
                match RIENTRO.get(..n) {
                    Some(r) => self.out.push_str(r),
                    None => {
                        self.out.push('\n');
                        for _ in 0..self.depth {
                            self.out.push_str("  ");
                        }
                    }
                }
            }
        }
    }

    /// Starts an element: newline and indentation, `<name`.
    #[inline]
    pub(crate) fn start(&mut self, name: &str) {
        self.nl();
        self.out.push('<');
        self.out.push_str(name);
    }

    /// Writes an attribute `k="v"` (value escaped) of the element being started.
    #[inline(always)]
    pub(crate) fn attr(&mut self, k: &str, v: &str) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        escape_in(&mut self.out, v, true);
        self.out.push('"');
    }

    /// Writes an attribute `k="v"` whose value needs no escaping (an OID constant).
    #[inline(always)]
    fn attr_pulito(&mut self, k: &str, v: &'static str) {
        debug_assert!(primo_da_sostituire(v.as_bytes(), true).is_none());
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        self.out.push_str(v);
        self.out.push('"');
    }

    /// Writes an attribute `k="{prefisso}{v}"` (both escaped).
    fn attr_prefisso(&mut self, k: &str, prefisso: &str, v: &str) {
        self.out.push(' ');
        self.out.push_str(k);
        self.out.push_str("=\"");
        escape_in(&mut self.out, prefisso, true);
        escape_in(&mut self.out, v, true);
        self.out.push('"');
    }

    /// Ends the start tag of an element with content.
    #[inline]
    pub(crate) fn end_open(&mut self) {
        self.out.push('>');
        self.depth += 1;
    }

    /// Ends an empty element.
    #[inline]
    pub(crate) fn end_empty(&mut self) {
        self.out.push_str("/>");
    }

    /// Opens an element whose start tag is the literal `tag` (`<name a="v">`, nothing to escape).
    #[inline]
    fn lit_open(&mut self, tag: &str) {
        self.nl();
        self.out.push_str(tag);
        self.depth += 1;
    }

    /// Starts an element with the literal `tag` (`<name a="v"`, nothing to escape), to be
    /// continued with attributes.
    #[inline]
    fn lit_start(&mut self, tag: &str) {
        self.nl();
        self.out.push_str(tag);
    }

    /// Writes the literal empty element `tag` (`<name a="v"/>`, nothing to escape).
    #[inline]
    fn lit_empty(&mut self, tag: &str) {
        self.nl();
        self.out.push_str(tag);
    }

    /// Closes an element with the literal end tag `tag` (`</name>`).
    #[inline]
    fn lit_close(&mut self, tag: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.nl();
        self.out.push_str(tag);
    }

    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.end_open();
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.nl();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.end_empty();
    }

    pub(crate) fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name);
        for (k, v) in attrs {
            self.attr(k, v);
        }
        self.out.push('>');
        escape_in(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub(crate) fn finish(mut self) -> String {
        if self.indent {
            self.out.push('\n');
        }
        self.out
    }
}

// ---------------------------------------------------------------------------------------------
// Datatypes (§3)

/// HL7 TS of an [`Istante`] (§3.4), preserving its precision; `ddMMyyyy` for day precision
/// when the option asks for it.
pub fn ts(v: &Istante, forma: FormaData) -> String {
    let mut s = String::with_capacity(24);
    ts_in(&mut s, v, forma);
    s
}

/// Appends [`ts`] of `v` to `out`.
fn ts_in(out: &mut String, v: &Istante, forma: FormaData) {
    let s = v.as_str().as_bytes();
    let corpo_len = match s.iter().position(|&c| c == b'T') {
        Some(t) => s
            .get(t..)
            .and_then(|r| r.iter().rposition(|&c| c == b'+' || c == b'-'))
            .map_or(s.len(), |p| t + p),
        None => s.len(),
    };
    // The body without its `-`, `T`, `:` (ASCII bytes: dropping them leaves UTF-8 text).
    let mut buf = [0u8; 32];
    let mut n = 0;
    for &c in s.get(..corpo_len).unwrap_or_default() {
        if !matches!(c, b'-' | b'T' | b':') {
            match buf.get_mut(n) {
                Some(b) => *b = c,
                None => return ts_in_lungo(out, v, forma),
            }
            n += 1;
        }
    }
    let Ok(corpo) = std::str::from_utf8(buf.get(..n).unwrap_or_default()) else {
        return ts_in_lungo(out, v, forma);
    };
    if forma == FormaData::DdMmYyyy && v.precision() == Precisione::Giorno && corpo.len() == 8 {
        if let (Some(g), Some(m), Some(a)) = (corpo.get(6..8), corpo.get(4..6), corpo.get(..4)) {
            out.push_str(g);
            out.push_str(m);
            out.push_str(a);
            return;
        }
    }
    out.push_str(corpo);
    if let Some(off) = v.offset_minutes() {
        out.push(if off < 0 { '-' } else { '+' });
        let a = off.unsigned_abs();
        cifre(out, u64::from(a / 60), 2);
        cifre(out, u64::from(a % 60), 2);
    }
}

/// [`ts_in`] for a text too long for its buffer (not an `Istante` of the canonical form).
#[cold]
fn ts_in_lungo(out: &mut String, v: &Istante, forma: FormaData) {
    let s = v.as_str();
    let corpo_len = match s.find('T') {
        Some(t) => s[t..].rfind(['+', '-']).map_or(s.len(), |p| t + p),
        None => s.len(),
    };
    let corpo: String = s[..corpo_len]
        .chars()
        .filter(|c| !matches!(c, '-' | 'T' | ':'))
        .collect();
    if forma == FormaData::DdMmYyyy && v.precision() == Precisione::Giorno && corpo.len() == 8 {
        out.push_str(&corpo[6..8]);
        out.push_str(&corpo[4..6]);
        out.push_str(&corpo[0..4]);
        return;
    }
    out.push_str(&corpo);
    if let Some(off) = v.offset_minutes() {
        let segno = if off < 0 { '-' } else { '+' };
        let a = off.unsigned_abs();
        let _ = write!(out, "{segno}{:02}{:02}", a / 60, a % 60);
    }
}

/// HL7 TS of a calendar date (day precision).
pub fn ts_data(d: &Data, forma: FormaData) -> String {
    let mut s = String::with_capacity(10);
    ts_data_in(&mut s, d, forma);
    s
}

/// Appends [`ts_data`] of `d` to `out`.
fn ts_data_in(out: &mut String, d: &Data, forma: FormaData) {
    let n = d.naive();
    use chrono::Datelike;
    let anno = |out: &mut String| match u64::try_from(n.year()) {
        Ok(y) => cifre(out, y, 4),
        Err(_) => {
            let _ = write!(out, "{:04}", n.year());
        }
    };
    match forma {
        FormaData::Hl7 => {
            anno(out);
            cifre(out, u64::from(n.month()), 2);
            cifre(out, u64::from(n.day()), 2);
        }
        FormaData::DdMmYyyy => {
            cifre(out, u64::from(n.day()), 2);
            cifre(out, u64::from(n.month()), 2);
            anno(out);
        }
    }
}

/// Amount with exactly two decimals and `.` separator (§3.5).
pub fn importo_2_decimali(i: &Importo) -> String {
    let mut s = String::with_capacity(20);
    importo_in(&mut s, i);
    s
}

/// Appends [`importo_2_decimali`] of `i` to `out`.
fn importo_in(out: &mut String, i: &Importo) {
    let mut v = i
        .amount
        .valore()
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    // As `Display` writes it: sign, integer part, `.`, two decimals.
    match (v.scale(), u64::try_from(v.mantissa().unsigned_abs())) {
        (2, Ok(m)) => {
            if v.is_sign_negative() {
                out.push('-');
            }
            cifre(out, m / 100, 1);
            out.push('.');
            cifre(out, m % 100, 2);
        }
        _ => {
            let _ = write!(out, "{v}");
        }
    }
}

fn cf_or_none(cf: &Option<CodiceFiscale>) -> Option<&str> {
    cf.as_ref()
        .map(CodiceFiscale::as_str)
        .filter(|s| !s.is_empty())
}

fn testo_opt(t: &Option<Testo>) -> Option<&str> {
    t.as_ref().map(Testo::as_str).filter(|s| !s.is_empty())
}

impl Xml {
    /// Attributes of a coded value (CD/CE/CV): `code`, `codeSystem`, `codeSystemVersion`,
    /// `displayName`.
    fn attr_codice(&mut self, c: &Codice, system: Option<&str>) {
        self.attr("code", &c.code);
        if let Some(s) = system.filter(|s| !s.is_empty()) {
            self.attr("codeSystem", s);
        }
        if let Some(v) = c.system_version.as_deref() {
            self.attr("codeSystemVersion", v);
        }
        if let Some(d) = testo_opt(&c.display) {
            self.attr("displayName", d);
        }
    }

    /// Empty element `name` with the attributes of a coded value.
    fn codice(&mut self, name: &str, c: &Codice, system: Option<&str>) {
        self.start(name);
        self.attr_codice(c, system);
        self.end_empty();
    }

    /// Empty element `name` with the attributes of a coded value in its own system.
    fn codice_proprio(&mut self, name: &str, c: &Codice) {
        self.codice(name, c, Some(&c.system));
    }

    /// `<name root="…" extension="…"/>`.
    fn id(&mut self, name: &str, root: &str, extension: &str) {
        self.start(name);
        self.attr("root", root);
        self.attr("extension", extension);
        self.end_empty();
    }

    /// Element `name` with no attribute and escaped text content.
    fn testo(&mut self, name: &str, text: &str) {
        self.start(name);
        self.out.push('>');
        escape_in(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// `<name value="{TS}"/>`.
    fn valore_ts(&mut self, name: &str, v: &Istante, forma: FormaData) {
        self.start(name);
        self.out.push_str(" value=\"");
        let inizio = self.out.len();
        ts_in(&mut self.out, v, forma);
        self.escape_da(inizio);
        self.out.push_str("\"/>");
    }

    /// `<name value="{TS}"/>` of a calendar date.
    fn valore_data(&mut self, name: &str, d: &Data, forma: FormaData) {
        self.start(name);
        self.out.push_str(" value=\"");
        let inizio = self.out.len();
        ts_data_in(&mut self.out, d, forma);
        self.escape_da(inizio);
        self.out.push_str("\"/>");
    }

    /// Escapes, as an attribute value, what was appended to the output from `inizio` (a value
    /// written in place). A no-op on the digit strings of timestamps, dates and amounts.
    fn escape_da(&mut self, inizio: usize) {
        let scritto = self.out.as_bytes().get(inizio..).unwrap_or_default();
        if scritto.iter().any(|b| CLASSE[usize::from(*b)] != 0) {
            let grezzo = self.out.split_off(inizio);
            escape_in(&mut self.out, &grezzo, true);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writer

/// Result of writing a request: the XML and the writer's findings.
#[derive(Debug, Clone, PartialEq)]
pub struct MessaggioScritto {
    /// The XML document (UTF-8 text with XML declaration).
    pub xml: String,
    /// Findings of the writer (`CSI-CMP-025`, `CSI-CMP-026`, `CSI-REL-009`), paths into the
    /// canonical JSON of the [`MessaggioInterscambio`].
    pub findings: Vec<Issue>,
}

struct Scrittore<'a> {
    o: &'a OpzioniScrittura,
    x: Xml,
    findings: Vec<Issue>,
    /// Whether `o.oid_table` has no override (every OID is its default).
    oid_predefiniti: bool,
}

fn indice_tipo(t: TipoFase) -> usize {
    match t {
        TipoFase::Accesso => 0,
        TipoFase::ValutazioneBisogno => 1,
        TipoFase::ProgettoIndividuale => 2,
        TipoFase::ErogazioneServizio => 3,
        TipoFase::ValutazioneFinale => 4,
    }
}

/// Wire code of a phase kind without a `codice_fase`: option `phase_codes`, else the registered
/// table of `P.1.1` defaults, else the letter. The registry is only loaded when needed.
fn codice_fase(o: &OpzioniScrittura, t: TipoFase) -> &str {
    if let Some(c) = &o.phase_codes {
        return &c[indice_tipo(t)];
    }
    match Registro::standard()
        .codici_fase_default()
        .get(indice_tipo(t))
    {
        Some(v) => &v.code,
        None => match t {
            TipoFase::Accesso => "A",
            TipoFase::ValutazioneBisogno => "B",
            TipoFase::ProgettoIndividuale => "C",
            TipoFase::ErogazioneServizio => "D",
            TipoFase::ValutazioneFinale => "E",
        },
    }
}

fn stato_hl7(s: StatoFase) -> &'static str {
    match s {
        StatoFase::Aperta => "active",
        StatoFase::Chiusa => "completed",
        StatoFase::Sospesa => "suspended",
        StatoFase::Annullata => "aborted",
    }
}

/// Records written under `cycles`, with the indexes of the records left out.
fn fasi_da_scrivere(fasi: &[Fase], cicli: Cicli) -> (Vec<usize>, Vec<usize>) {
    match cicli {
        Cicli::Tutti => ((0..fasi.len()).collect(), Vec::new()),
        Cicli::Singolo => {
            let mut scelti: [Option<usize>; 5] = [None; 5];
            for (i, f) in fasi.iter().enumerate() {
                let k = indice_tipo(f.tipo());
                let sostituisci = match scelti[k] {
                    None => true,
                    Some(j) => match (&fasi[j].header().data_inizio, &f.header().data_inizio) {
                        (Some(a), Some(b)) => a.cmp_common(b) != Some(Ordering::Greater),
                        (None, _) => true,
                        (Some(_), None) => false,
                    },
                };
                if sostituisci {
                    scelti[k] = Some(i);
                }
            }
            let scritti: Vec<usize> = scelti.iter().flatten().copied().collect();
            let esclusi = (0..fasi.len()).filter(|i| !scritti.contains(i)).collect();
            (scritti, esclusi)
        }
    }
}

/// Size hint of the output buffer: the length of the last message written (any thread).
static ULTIMA_LUNGHEZZA: AtomicUsize = AtomicUsize::new(0);

impl<'a> Scrittore<'a> {
    fn info(&mut self, rule: &str, path: &str, params: Vec<(&str, String)>) {
        if let Ok(i) = Issue::new(rule, path, params) {
            self.findings.push(i);
        }
    }

    fn fisso(&self, nome: &str, predefinito: &'a str) -> &'a str {
        let o = self.o;
        o.oid_table.fisso(nome, predefinito)
    }

    /// `<name value="{TS}"/>` with the option `date_format`.
    fn valore_ts(&mut self, name: &str, v: &Istante) {
        self.x.valore_ts(name, v, self.o.date_format);
    }

    /// `<name value="{TS}"/>` of a calendar date with the option `date_format`.
    fn valore_data(&mut self, name: &str, d: &Data) {
        self.x.valore_data(name, d, self.o.date_format);
    }

    // ---- persons ----------------------------------------------------------------------

    fn name(&mut self, nome: &Option<Testo>, cognome: &Option<Testo>) {
        let (n, c) = (testo_opt(nome), testo_opt(cognome));
        if n.is_none() && c.is_none() {
            return;
        }
        self.x.lit_open("<name>");
        if let Some(n) = n {
            self.x.testo("given", n);
        }
        if let Some(c) = c {
            self.x.testo("family", c);
        }
        self.x.lit_close("</name>");
    }

    /// `<{apertura}><name>…</name></…>` when the person has a name (`apertura` is the literal
    /// start tag of an `assignedPerson`).
    fn assigned_person_nome(
        &mut self,
        apertura: &str,
        nome: &Option<Testo>,
        cognome: &Option<Testo>,
    ) {
        if testo_opt(nome).is_some() || testo_opt(cognome).is_some() {
            self.x.lit_open(apertura);
            self.name(nome, cognome);
            self.x.lit_close("</assignedPerson>");
        }
    }

    /// `id` of a person whose id is schema-required: CF, or `nullFlavor="NI"` (+ `CSI-REL-009`
    /// at `{path}{suffisso}`).
    fn id_cf_richiesto(&mut self, cf: &Option<CodiceFiscale>, path: &str, suffisso: &str) {
        match cf_or_none(cf) {
            Some(v) => {
                let root = self.fisso("CODICE_FISCALE", oid::CODICE_FISCALE);
                self.x.id("id", root, v);
            }
            None => {
                self.x.lit_empty("<id nullFlavor=\"NI\"/>");
                let path = format!("{path}{suffisso}");
                self.info("CSI-REL-009", &path, vec![]);
            }
        }
    }

    fn id_cf_opzionale(&mut self, cf: &Option<CodiceFiscale>) {
        if let Some(v) = cf_or_none(cf) {
            let root = self.fisso("CODICE_FISCALE", oid::CODICE_FISCALE);
            self.x.id("id", root, v);
        }
    }

    fn genere(&mut self, g: &Option<Genere>) {
        let Some(g) = g else { return };
        let code = match (self.o.gender_codes, g) {
            (CodiciGenere::Numerici, Genere::M) => "1",
            (CodiciGenere::Numerici, Genere::F) => "2",
            (_, g) => g.code(),
        };
        let sys = self.fisso("GENERE", oid::GENERE);
        self.x.start("administrativeGenderCode");
        self.x.attr("code", code);
        self.x.attr("codeSystem", sys);
        self.x.end_empty();
    }

    fn addr(&mut self, uso: &str, valore: &str) {
        self.x.start("addr");
        self.x.attr("use", uso);
        self.x.end_open();
        self.x.testo("censusTract", valore);
        self.x.lit_close("</addr>");
    }

    fn telecom(&mut self, c: &Option<Contatti>) {
        let vuoto = Contatti::default();
        let c = c.as_ref().unwrap_or(&vuoto);
        match self.o.telecom_form {
            FormaTelecom::Hl7 => {
                for (v, prefisso, uso) in [
                    (&c.telefono, "tel:", Some("HP")),
                    (&c.cellulare, "tel:", Some("MC")),
                    (&c.email, "mailto:", None),
                ] {
                    if let Some(t) = v.as_deref() {
                        self.x.start("telecom");
                        self.x.attr_prefisso("value", prefisso, t);
                        if let Some(u) = uso {
                            self.x.attr("use", u);
                        }
                        self.x.end_empty();
                    }
                }
            }
            FormaTelecom::Posizionale => {
                for v in [&c.telefono, &c.cellulare, &c.email] {
                    match v.as_deref() {
                        Some(v) => self.x.empty("telecom", &[("value", v)]),
                        None => self.x.lit_empty("<telecom/>"),
                    }
                }
            }
        }
    }

    fn operatore_assigned_person(&mut self, op: &Operatore, ruolo_oid: Option<&str>, path: &str) {
        self.x.lit_open("<assignedPerson classCode=\"ASSIGNED\">");
        self.id_cf_richiesto(&op.codice_fiscale, path, "/codice_fiscale");
        if let Some(ruolo) = ruolo_oid {
            match &op.profilo_professionale {
                Some(p) => self.x.codice("code", p, Some(ruolo)),
                None => {
                    self.x.lit_start("<code nullFlavor=\"NI\"");
                    self.x.attr("codeSystem", ruolo);
                    self.x.end_empty();
                }
            }
        }
        self.assigned_person_nome("<assignedPerson>", &op.nome, &op.cognome);
        self.x.lit_close("</assignedPerson>");
    }

    fn attender(&mut self, op: &Option<Operatore>, ruolo_oid: Option<&str>, path: &str) {
        let Some(op) = op else { return };
        self.x.lit_open("<attender typeCode=\"ATND\">");
        self.operatore_assigned_person(op, ruolo_oid, path);
        self.x.lit_close("</attender>");
    }

    // ---- assistito (§7.1–§7.4) -------------------------------------------------------

    fn patient(&mut self, a: &Assistito) {
        self.x.lit_open("<subject>");
        self.x.lit_open("<patient>");
        if let Some(r) = &a.residenza {
            if let Some(v) = &r.comune_istat {
                self.addr("comune residenza", v.as_str());
            }
            if let Some(v) = &r.regione_istat {
                self.addr("regione residenza", v.as_str());
            }
            if let Some(v) = &r.nazione_iso2 {
                self.addr("nazione residenza", v.as_str());
            }
        }
        if let Some(v) = a.domicilio.as_ref().and_then(|d| d.comune_istat.as_ref()) {
            self.addr("comune domicilio", v.as_str());
        }
        if a.contatti.is_some() || self.o.telecom_form == FormaTelecom::Posizionale {
            self.telecom(&a.contatti);
        }
        if let Some(doc) = &a.documento_identita {
            if let Some(estremi) = doc.estremi.as_deref() {
                let root = self.fisso("ESTREMI_DOCUMENTO", oid::ESTREMI_DOCUMENTO);
                self.x.lit_open("<subjectOf>");
                self.x.lit_open("<identityDocument>");
                self.x.id("id", root, estremi);
                if let Some(t) = &doc.tipo {
                    self.x.codice_proprio("code", t);
                }
                self.x.lit_close("</identityDocument>");
                self.x.lit_close("</subjectOf>");
            }
        }
        self.patient_person(a);
        self.x.lit_close("</patient>");
        self.x.lit_close("</subject>");
    }

    fn patient_person(&mut self, a: &Assistito) {
        let o = self.o;
        self.x.lit_open("<patientPerson>");
        let mut altri_in_id = 0usize;
        match cf_or_none(&a.codice_fiscale) {
            Some(cf) => self.x.id("id", &o.patient_cf_root, cf),
            None => {
                if let Some(id) = a.altri_identificativi.first() {
                    self.identificatore("id", id);
                    altri_in_id = 1;
                }
            }
        }
        self.name(&a.nome, &a.cognome);
        self.genere(&a.genere);
        if let Some(d) = &a.data_nascita {
            self.valore_data("birthTime", d);
        }
        if let Some(b) = a.deceduto {
            self.x.lit_empty(if b {
                "<deceasedInd value=\"true\"/>"
            } else {
                "<deceasedInd value=\"false\"/>"
            });
        }
        if let Some(d) = &a.data_decesso {
            self.valore_data("deceasedTime", d);
        }
        if let Some(c) = &a.stato_civile {
            self.x.codice_proprio("maritalStatusCode", c);
        }
        if let Some(c) = &a.titolo_studio {
            self.x.codice_proprio("educationLevelCode", c);
        }
        for c in [&a.cittadinanza, &a.seconda_cittadinanza]
            .into_iter()
            .flatten()
        {
            let root = self.fisso("CITTADINANZA", oid::CITTADINANZA);
            self.x.lit_open("<asCitizen>");
            self.x.lit_open("<politicalOrganization classCode=\"ORG\">");
            self.x.id("id", root, &c.code);
            self.x.lit_close("</politicalOrganization>");
            self.x.lit_close("</asCitizen>");
        }
        let altri = a.altri_identificativi.get(altri_in_id..).unwrap_or(&[]);
        if a.tessera_team.is_some() || !altri.is_empty() {
            self.x.lit_open("<asOtherIDs>");
            if let Some(t) = a.tessera_team.as_deref() {
                let root = self.fisso("TESSERA_TEAM", oid::TESSERA_TEAM);
                self.x.id("id", root, t);
            }
            for id in altri {
                self.identificatore("id", id);
            }
            self.x.lit_close("</asOtherIDs>");
        }
        if let Some(g) = &a.garanti {
            let ats_root = self.fisso("ATS_ASST", oid::ATS_ASST);
            for v in [&g.ats, &g.asst].into_iter().flatten() {
                self.x.lit_open("<guarantor>");
                self.x.lit_open("<guarantorOrganization classCode=\"ORG\">");
                self.x.id("id", ats_root, v);
                self.x.lit_close("</guarantorOrganization>");
                self.x.lit_close("</guarantor>");
            }
            if let Some(v) = &g.ambito {
                let root = self.fisso("AMBITO", oid::AMBITO);
                self.x.lit_open("<guarantor>");
                self.x.lit_open("<guarantorOrganization>");
                self.x.id("id", root, v);
                self.x.lit_close("</guarantorOrganization>");
                self.x.lit_close("</guarantor>");
            }
        }
        for r in &a.relazioni {
            self.relazione(r);
        }
        if let Some(c) = &a.comune_nascita {
            self.x.lit_open("<birthPlace>");
            self.x.lit_open("<birthplace>");
            self.x.lit_open("<addr>");
            self.x.codice_proprio("code", c);
            self.x.lit_close("</addr>");
            self.x.lit_close("</birthplace>");
            self.x.lit_close("</birthPlace>");
        }
        self.x.lit_close("</patientPerson>");
    }

    fn identificatore(&mut self, nome: &str, id: &Identificatore) {
        self.x.start(nome);
        self.x.attr("root", id.root.as_str());
        if let Some(e) = id.extension.as_deref() {
            self.x.attr("extension", e);
        }
        self.x.end_empty();
    }

    fn relazione(&mut self, r: &Relazione) {
        let o = self.o;
        let sys = match r.tipo_relazione {
            TipoRelazione::NucleoFamiliare => self.fisso("RELAZIONE_NUCLEO", oid::RELAZIONE_NUCLEO),
            TipoRelazione::ReteSociale => self.fisso("RELAZIONE_RETE", oid::RELAZIONE_RETE),
        };
        self.x.lit_open("<personalRelationship>");
        self.x.codice("code", &r.tipologia, Some(sys));
        if let Some(c) = &r.comune_residenza_istat {
            self.addr(&o.relation_addr_use, c.as_str());
        }
        self.x.lit_open("<relationshipHolder1>");
        self.id_cf_opzionale(&r.codice_fiscale);
        self.name(&r.nome, &r.cognome);
        if let Some(c) = r.caregiver {
            self.x.lit_empty(if c {
                "<desc>1</desc>"
            } else {
                "<desc>0</desc>"
            });
        }
        self.genere(&r.genere);
        if let Some(d) = &r.data_nascita {
            self.valore_data("birthTime", d);
        }
        if let Some(c) = &r.comune_nascita_istat {
            self.x.lit_open("<birthPlace>");
            self.x.lit_open("<birthplace>");
            self.addr("comune di nascita", c.as_str());
            self.x.lit_close("</birthplace>");
            self.x.lit_close("</birthPlace>");
        }
        self.x.lit_close("</relationshipHolder1>");
        self.x.lit_close("</personalRelationship>");
    }

    fn consultants(&mut self, a: &Assistito) {
        let o = self.o;
        if let Some(m) = &a.mmg_pdf {
            self.x.lit_open("<consultant typeCode=\"CON\">");
            self.x.lit_open("<assignedPerson classCode=\"ASSIGNED\">");
            self.id_cf_richiesto(
                &m.codice_fiscale,
                "/cartella/assistito/mmg_pdf/codice_fiscale",
                "",
            );
            self.assigned_person_nome("<assignedPerson>", &m.nome, &m.cognome);
            self.x.lit_close("</assignedPerson>");
            self.x.lit_close("</consultant>");
        }
        let sys = self.fisso("ASSISTENTE_PERSONALE", oid::ASSISTENTE_PERSONALE);
        for (i, p) in a.assistenti_personali.iter().enumerate() {
            self.x.lit_open("<consultant typeCode=\"CON\">");
            self.x.lit_open("<assignedPerson classCode=\"ASSIGNED\">");
            if cf_or_none(&p.codice_fiscale).is_some() {
                self.id_cf_richiesto(&p.codice_fiscale, "", "");
            } else {
                self.id_cf_richiesto(
                    &p.codice_fiscale,
                    &format!("/cartella/assistito/assistenti_personali/{i}"),
                    "/codice_fiscale",
                );
            }
            match &p.tipologia {
                Some(t) => self.x.codice("code", t, Some(sys)),
                None => {
                    self.x.lit_start("<code nullFlavor=\"NI\"");
                    self.x.attr("codeSystem", sys);
                    self.x.end_empty();
                }
            }
            if let Some(c) = &p.comune_residenza_istat {
                self.addr(&o.relation_addr_use, c.as_str());
            }
            self.genere(&p.genere);
            self.assigned_person_nome("<assignedPerson>", &p.nome, &p.cognome);
            if let Some(d) = &p.data_nascita {
                self.valore_data("birthTime", d);
            }
            self.x.lit_close("</assignedPerson>");
            self.x.lit_close("</consultant>");
        }
    }

    // ---- segnalazione (§7.5) ------------------------------------------------------------

    fn segnalazione(&mut self, s: &Segnalazione) {
        self.x.lit_open("<reason typeCode=\"RSON\">");
        self.x
            .lit_open("<need classCode=\"COND\" moodCode=\"EVN\">");
        if let Some(b) = &s.bisogno_espresso {
            self.x.codice_proprio("code", b);
        }
        if s.data_segnalazione.is_some() || s.segnalante.is_some() || s.ente_segnalante.is_some() {
            self.x.lit_open("<informant typeCode=\"INF\">");
            if let Some(d) = &s.data_segnalazione {
                self.valore_ts("time", d);
            }
            self.x.lit_open("<assignedEntity>");
            if let Some(p) = &s.segnalante {
                self.id_cf_opzionale(&p.codice_fiscale);
                self.assigned_person_nome("<assignedPerson>", &p.nome, &p.cognome);
            }
            if let Some(e) = &s.ente_segnalante {
                self.x.lit_open("<representedOrganization>");
                if let Some(c) = e.codice.as_deref() {
                    let root = self.fisso("ENTE", oid::ENTE);
                    self.x.id("id", root, c);
                }
                if let Some(t) = &e.tipologia {
                    self.x.codice_proprio("code", t);
                }
                if let Some(d) = testo_opt(&e.denominazione) {
                    self.x.testo("name", d);
                }
                self.x.lit_close("</representedOrganization>");
            }
            self.x.lit_close("</assignedEntity>");
            self.x.lit_close("</informant>");
        }
        self.x.lit_close("</need>");
        self.x.lit_close("</reason>");
    }

    // ---- items (§7.6, §8.2, §9.2, §10, §11) ---------------------------------------------

    /// Writes the `value` or `text` of an item (inside `commonObservationEvent`/`observation`).
    fn valore(&mut self, v: &Valore<'_>, forma: FormaValore) {
        match (v, forma) {
            (Valore::Testo(t), _) => self.x.testo("text", t),
            (Valore::Importo(i), _) => {
                match self.o.money_form {
                    FormaImporto::CeCode => self.x.lit_start("<value code=\""),
                    FormaImporto::Hl7Mo => {
                        self.x.lit_start("<value xsi:type=\"MO\" value=\"");
                    }
                }
                let inizio = self.x.out.len();
                importo_in(&mut self.x.out, i);
                self.x.escape_da(inizio);
                self.x.out.push('"');
                if self.o.money_form == FormaImporto::CeCode {
                    self.x.out.push_str(" type=\"MO\"");
                }
                self.x.attr("currency", &i.currency);
                self.x.end_empty();
            }
            (Valore::Data(d), _) => {
                self.x.lit_start("<value code=\"");
                let inizio = self.x.out.len();
                ts_in(&mut self.x.out, d, self.o.date_format);
                self.x.escape_da(inizio);
                self.x.out.push_str("\" type=\"ANY\"/>");
            }
            (Valore::Codice(c), f) => {
                self.x.start("value");
                self.x.attr_codice(c, Some(&c.system));
                self.x.out.push_str(
                    if matches!(f, FormaValore::AnyCodice | FormaValore::AnyNome) {
                        " type=\"ANY\"/>"
                    } else {
                        " type=\"CD\"/>"
                    },
                );
            }
            (Valore::Nome(n), _) => {
                self.x.start("value");
                self.x.attr("code", n);
                self.x.out.push_str(" type=\"ANY\"/>");
            }
        }
    }

    /// `code` of an item: its key and the OID of the table (none for an unknown key).
    fn code_item(&mut self, fase: TipoFase, chiave: &str, voce: Option<&'static VoceItem>) {
        let o = self.o;
        self.x.start("code");
        self.x.attr("code", chiave);
        if self.oid_predefiniti {
            if let Some(s) = voce.and_then(|v| v.oid) {
                self.x.attr_pulito("codeSystem", s);
            }
        } else if let Some(s) = o.oid_table.item(fase, chiave) {
            self.x.attr("codeSystem", s);
        }
        self.x.end_empty();
    }

    /// The items `v` of phase `fase`, each as a `reference`, in order.
    fn references(&mut self, fase: TipoFase, v: &Voci<'_>) {
        for (k, x) in &v.0 {
            self.reference(fase, k, x);
        }
    }

    fn reference(&mut self, fase: TipoFase, chiave: &str, v: &Valore<'_>) {
        let voce = oid::item(fase, chiave);
        let forma = voce.map_or(FormaValore::Codice, |i| i.forma);
        self.x.lit_open("<reference typeCode=\"REFR\">");
        self.x.lit_open("<commonObservationEvent>");
        self.code_item(fase, chiave, voce);
        self.valore(v, forma);
        self.x.lit_close("</commonObservationEvent>");
        self.x.lit_close("</reference>");
    }

    fn observation(&mut self, fase: TipoFase, chiave: &str, v: &Valore<'_>) {
        let voce = oid::item(fase, chiave);
        let forma = voce.map_or(FormaValore::Codice, |i| i.forma);
        self.x.lit_open("<component2 typeCode=\"COMP\">");
        self.x.lit_open("<observation>");
        self.code_item(fase, chiave, voce);
        self.valore(v, forma);
        self.x.lit_close("</observation>");
        self.x.lit_close("</component2>");
    }

    fn prestazione(&mut self, p: &Prestazione, apertura: &str) {
        let o = self.o;
        self.x.lit_open("<component2 typeCode=\"COMP\">");
        self.x.lit_open(apertura);
        if let Some(c) = &p.codice {
            self.x.codice_proprio("code", c);
        }
        self.ivl(&p.data_inizio, &p.data_fine);
        if let Some(op) = &p.operatore_erogante {
            self.x.lit_open("<performer typeCode=\"PRF\">");
            self.x.lit_open("<assignedEntity>");
            self.id_cf_opzionale(&op.codice_fiscale);
            if let Some(pr) = &op.profilo_professionale {
                self.x.codice("code", pr, Some(&o.profilo_erogante_oid));
            }
            self.assigned_person_nome("<assignedPerson classCode=\"PSN\">", &op.nome, &op.cognome);
            self.x.lit_close("</assignedEntity>");
            self.x.lit_close("</performer>");
        }
        if let Some(l) = &p.luogo {
            self.x.lit_open("<location typeCode=\"LOC\">");
            self.x.lit_open("<serviceFacility>");
            self.x.codice_proprio("code", l);
            self.x.lit_close("</serviceFacility>");
            self.x.lit_close("</location>");
        }
        self.x.lit_close("</act>");
        self.x.lit_close("</component2>");
    }

    /// `effectiveTime` with `low`/`high` (omitted when both are absent).
    fn ivl(&mut self, low: &Option<Istante>, high: &Option<Istante>) {
        if low.is_none() && high.is_none() {
            return;
        }
        self.x.lit_open("<effectiveTime>");
        if let Some(l) = low {
            self.valore_ts("low", l);
        }
        if let Some(h) = high {
            self.valore_ts("high", h);
        }
        self.x.lit_close("</effectiveTime>");
    }

    // ---- phase records (§6–§11) -----------------------------------------------------------

    fn fase(&mut self, f: &Fase, assistito: &Assistito) {
        let o = self.o;
        let h = f.header();
        let tipo = f.tipo();
        self.x
            .lit_open("<encounterEvent classCode=\"ENC\" moodCode=\"EVN\">");
        let root = self.fisso("RADICE_FASE", oid::RADICE_FASE);
        self.x.id("id", root, &h.id_fase);
        for id in &h.altri_id {
            self.identificatore("id", id);
        }
        let codice = match &h.codice_fase {
            Some(c) => c.code.as_str(),
            None => codice_fase(o, tipo),
        };
        let sys = self.fisso("CODICE_FASE", oid::CODICE_FASE);
        self.x.start("code");
        self.x.attr("code", codice);
        self.x.attr("codeSystem", sys);
        self.x.end_empty();
        if let Some(t) = testo_opt(&h.annotazioni) {
            self.x.testo("text", t);
        }
        let inferito = if h.data_fine.is_some() {
            StatoFase::Chiusa
        } else {
            StatoFase::Aperta
        };
        let stato = match h.stato_fase_codice.as_deref() {
            Some(raw) if h.stato_fase == inferito && !raw.is_empty() => raw,
            _ => stato_hl7(h.stato_fase),
        };
        self.x.start("statusCode");
        self.x.attr("code", stato);
        self.x.end_empty();

        // effectiveTime and esito (§6.3)
        let data_valutazione = f
            .as_valutazione_bisogno()
            .and_then(|b| b.data_valutazione.as_ref());
        let esito_dentro = h.esito.is_some()
            && h.data_inizio.is_some()
            && o.esito_placement == PosizioneEsito::EffectiveTime;
        if let Some(l) = &h.data_inizio {
            self.x.lit_open("<effectiveTime>");
            self.valore_ts("low", l);
            if let Some(hi) = &h.data_fine {
                self.valore_ts("high", hi);
            }
            if esito_dentro {
                if let Some(e) = &h.esito {
                    self.x.codice_proprio("dischargeDispositionCode", e);
                }
            }
            self.x.lit_close("</effectiveTime>");
        } else if let Some(hi) = &h.data_fine {
            self.x.lit_open("<effectiveTime>");
            self.valore_ts("high", hi);
            self.x.lit_close("</effectiveTime>");
        } else if data_valutazione.is_some() {
            self.x.lit_empty("<effectiveTime nullFlavor=\"NI\"/>");
        }
        if let Some(d) = data_valutazione {
            self.x.lit_open("<effectiveTime>");
            self.valore_ts("low", d);
            self.x.lit_close("</effectiveTime>");
        }
        if !esito_dentro {
            if let Some(e) = &h.esito {
                self.x.codice_proprio("dischargeDispositionCode", e);
            }
        }

        match f {
            Fase::Accesso(a) => self.fase_a(a, assistito),
            Fase::ValutazioneBisogno(b) => self.fase_b(b),
            Fase::ProgettoIndividuale(c) => self.fase_c(c),
            Fase::ErogazioneServizio(d) => self.fase_d(d),
            Fase::ValutazioneFinale(e) => self.fase_e(e),
        }
        self.x.lit_close("</encounterEvent>");
    }

    fn fase_a(&mut self, a: &FaseAccesso, assistito: &Assistito) {
        self.patient(assistito);
        self.consultants(assistito);
        if let Some(s) = &a.segnalazione {
            self.segnalazione(s);
        }
        let t = TipoFase::Accesso;
        let mut v = Voci::default();
        v.codice("TIRI", &a.tipologia_richiesta)
            .codice("MOCO", &a.modalita_contatto)
            .codice("AMIR", &a.ambito_intervento_richiesto)
            .codice("CONF", &a.composizione_nucleo)
            .codice("NUNF", &a.numerosita_nucleo)
            .codice("NURS", &a.numerosita_rete_sociale)
            .codice("PROV", &a.provenienza)
            .codice("ARRE", &a.area_reddituale)
            .codice("DSU0", &a.dsu)
            .codice("TIIS", &a.tipologia_isee)
            .importo("ISEE", &a.valore_isee)
            .codice("OCAS", &a.occupazione);
        if let Some(e) = &a.ente_rilevatore {
            v.codice("COER", &e.codice);
            if let Some(d) = testo_opt(&e.denominazione) {
                v.0.push(("DEER", Valore::Nome(d)));
            }
        }
        self.references(t, &v);
    }

    fn fase_b(&mut self, b: &FaseValutazioneBisogno) {
        let rv = self.fisso(
            "PROFILO_RESPONSABILE_VALUTAZIONE",
            oid::PROFILO_RESPONSABILE_VALUTAZIONE,
        );
        let cm = self.fisso("PROFILO_CASE_MANAGER", oid::PROFILO_CASE_MANAGER);
        self.attender(
            &b.responsabile_valutazione,
            Some(rv),
            "/responsabile_valutazione",
        );
        self.attender(&b.case_manager, Some(cm), "/case_manager");
        let mut v = Voci::default();
        v.codici("AMIR", &b.aree_intervento_sociale)
            .codici("ESTI", &b.esenzioni_ticket)
            .testo("DSGI", &b.struttura_sociosanitaria_in_carico)
            .testo("SSGE", &b.servizi_sociosanitari_erogati)
            .codici("INVA", &b.invalidita)
            .codice("INFR", &b.indennita_frequenza)
            .codici("PRSI", &b.previdenze_inps)
            .codice("APIC", &b.assegno_pensione_invalidita)
            .codice("UTPP", &b.patologia_psichiatrica)
            .testo("PACO", &b.patologie_correnti)
            .codice("POPA", &b.portatore_protesi_ausili)
            .codice("MOAF", &b.motivazione_affido)
            .codice("VNCS", &b.necessita_cure_sanitarie)
            .codici("NISS", &b.necessita_interventi_sociosanitari)
            .codici("NISO", &b.necessita_interventi_sociali)
            .codice("FODV", &b.fonte_derivazione_valutazione)
            .codici("COPA", &b.protesi_ausili);
        self.references(TipoFase::ValutazioneBisogno, &v);
    }

    fn fase_c(&mut self, c: &FaseProgettoIndividuale) {
        let rp = self.fisso(
            "PROFILO_RESPONSABILE_PROGETTO",
            oid::PROFILO_RESPONSABILE_PROGETTO,
        );
        let rm = self.fisso(
            "PROFILO_RESPONSABILE_MONITORAGGIO",
            oid::PROFILO_RESPONSABILE_MONITORAGGIO,
        );
        self.attender(&c.responsabile_progetto, Some(rp), "/responsabile_progetto");
        self.attender(
            &c.responsabile_monitoraggio,
            Some(rm),
            "/responsabile_monitoraggio",
        );
        let Some(p) = &c.progetto else { return };
        let t = TipoFase::ProgettoIndividuale;
        self.x.lit_open("<pertinentInformation2 typeCode=\"PERT\">");
        self.x
            .lit_open("<carePlan classCode=\"PCPR\" moodCode=\"INT\">");
        if let Some(cp) = p.codice_progetto.as_deref() {
            let root = self.fisso("CODICE_PROGETTO", oid::CODICE_PROGETTO);
            self.x.id("id", root, cp);
        }
        if let Some(o) = testo_opt(&p.oggetto) {
            self.x.testo("title", o);
        }
        self.ivl(&p.data_inizio, &p.data_fine);
        for g in &p.obiettivi {
            self.x.lit_open("<finalGoal>");
            self.x.lit_open("<observationGoal>");
            self.x.codice_proprio("code", &g.codice);
            if let Some(q) = &g.tempistica_monitoraggio {
                self.x.lit_open("<effectiveTime>");
                self.x.start("width");
                self.x.attr("value", q.value.as_str());
                if let Some(u) = q.unit.as_deref() {
                    self.x.attr("unit", u);
                }
                self.x.end_empty();
                self.x.lit_close("</effectiveTime>");
            }
            if let Some(v) = &g.indicatore_esito {
                self.x.start("value");
                self.x.attr_codice(v, Some(&v.system));
                self.x.out.push_str(" type=\"CD\"/>");
            }
            self.x.lit_close("</observationGoal>");
            self.x.lit_close("</finalGoal>");
        }
        let mut v = Voci::default();
        v.codice("FRPR", &p.frequenza_prestazioni)
            .codice("SESP", &p.servizio_sociale_professionale)
            .codice("INAS", &p.integrazione_sanitaria)
            .importo("VAPR", &p.valore_progetto)
            .importo("COEA", &p.compartecipazione_assistito);
        for (k, x) in &v.0 {
            self.observation(t, k, x);
        }
        for pr in &p.prestazioni_programmate {
            self.prestazione(pr, "<act classCode=\"ACT\" moodCode=\"INT\">");
        }
        self.x.lit_close("</carePlan>");
        self.x.lit_close("</pertinentInformation2>");
    }

    fn fase_d(&mut self, d: &FaseErogazioneServizio) {
        let t = TipoFase::ErogazioneServizio;
        if let Some(s) = testo_opt(&d.struttura_fuori_rete) {
            self.reference(t, "DSFR", &Valore::Testo(s));
        }
        let ultima = match self.o.suspension_form {
            FormaSospensioni::Tutte => None,
            FormaSospensioni::Ultima => {
                let mut ultima: Option<&Sospensione> = None;
                for s in &d.sospensioni {
                    let prendi = match ultima {
                        None => true,
                        Some(u) => {
                            u.data_inizio.cmp_common(&s.data_inizio) != Some(Ordering::Greater)
                        }
                    };
                    if prendi {
                        ultima = Some(s);
                    }
                }
                Some(ultima)
            }
        };
        let sospensioni: &[Sospensione] = match ultima {
            None => &d.sospensioni,
            Some(u) => u.map(std::slice::from_ref).unwrap_or_default(),
        };
        let mut v = Voci::default();
        v.codice("UDOS", &d.udo_sociale)
            .codice("SOER", &d.soggetto_erogatore)
            .codice("MOER", &d.modalita_erogazione)
            .codice("ARIS", &d.area_intervento_sociale)
            .codice("SEER", &d.servizio_erogato)
            .data("DAAS", &d.data_attivazione)
            .data("DACS", &d.data_conclusione);
        for s in sospensioni {
            v.0.push(("DAIS", Valore::Data(&s.data_inizio)));
            v.data("DAFS", &s.data_fine).codice("MOSO", &s.motivazione);
        }
        v.importo("VMBS", &d.valore_mensile_buono)
            .codice("TIVS", &d.tipologia_voucher)
            .importo("VAVO", &d.valore_voucher)
            .importo("IMER", &d.importo_erogato)
            .importo("RIRE", &d.riprogrammazione_risorse);
        let items = v.0;
        if items.is_empty() && d.prestazioni_erogate.is_empty() {
            return;
        }
        self.x.lit_open("<pertinentInformation2 typeCode=\"PERT\">");
        self.x
            .lit_open("<carePlan classCode=\"PCPR\" moodCode=\"INT\">");
        for (k, v) in &items {
            self.observation(t, k, v);
        }
        for p in &d.prestazioni_erogate {
            self.prestazione(p, "<act classCode=\"ACT\" moodCode=\"EVN\">");
        }
        self.x.lit_close("</carePlan>");
        self.x.lit_close("</pertinentInformation2>");
    }

    fn fase_e(&mut self, e: &FaseValutazioneFinale) {
        self.attender(&e.responsabile_chiusura, None, "/responsabile_chiusura");
        let t = TipoFase::ValutazioneFinale;
        let mut v = Voci::default();
        v.data("DAVF", &e.data_valutazione_finale)
            .testo("VAFI", &e.valutazione_finale)
            .codice("MOCP", &e.motivazione_chiusura)
            .importo("RIEF", &e.risorse_economiche_finali)
            .testo("RIRA", &e.risultati_raggiunti)
            .testo("RINR", &e.risultati_non_raggiunti)
            .codice("NUPR", &e.nuovo_progetto);
        let items = v.0;
        if items.is_empty() && e.data_chiusura_progetto.is_none() {
            return;
        }
        self.x.lit_open("<pertinentInformation2 typeCode=\"PERT\">");
        self.x
            .lit_open("<carePlan classCode=\"PCPR\" moodCode=\"INT\">");
        if let Some(d) = &e.data_chiusura_progetto {
            self.x.lit_open("<effectiveTime>");
            self.valore_ts("high", d);
            self.x.lit_close("</effectiveTime>");
        }
        for (k, v) in &items {
            self.observation(t, k, v);
        }
        self.x.lit_close("</carePlan>");
        self.x.lit_close("</pertinentInformation2>");
    }
}

/// Value of an item, by form.
enum Valore<'a> {
    Codice(&'a Codice),
    Testo(&'a str),
    Importo(&'a Importo),
    Data(&'a Istante),
    Nome(&'a str),
}

/// The items of a phase in the order they are written, each with its key; absent (and empty
/// text) values are left out.
struct Voci<'a>(Vec<(&'static str, Valore<'a>)>);

impl Default for Voci<'_> {
    fn default() -> Self {
        Voci(Vec::with_capacity(24))
    }
}

impl<'a> Voci<'a> {
    fn codice(&mut self, k: &'static str, c: &'a Option<Codice>) -> &mut Self {
        self.0.extend(c.as_ref().map(|c| (k, Valore::Codice(c))));
        self
    }

    fn codici(&mut self, k: &'static str, cs: &'a [Codice]) -> &mut Self {
        self.0.extend(cs.iter().map(|c| (k, Valore::Codice(c))));
        self
    }

    fn testo(&mut self, k: &'static str, t: &'a Option<Testo>) -> &mut Self {
        self.0.extend(testo_opt(t).map(|t| (k, Valore::Testo(t))));
        self
    }

    fn importo(&mut self, k: &'static str, i: &'a Option<Importo>) -> &mut Self {
        self.0.extend(i.as_ref().map(|i| (k, Valore::Importo(i))));
        self
    }

    fn data(&mut self, k: &'static str, d: &'a Option<Istante>) -> &mut Self {
        self.0.extend(d.as_ref().map(|d| (k, Valore::Data(d))));
        self
    }
}

/// `<{ruolo}><device classCode="DEV" determinerCode="INSTANCE"><id …/></device></{ruolo}>`;
/// `apertura`, `chiusura`: the literal tags of `ruolo`.
fn device(x: &mut Xml, apertura: &str, chiusura: &str, id: &Identificatore) {
    x.lit_open(apertura);
    x.lit_open("<device classCode=\"DEV\" determinerCode=\"INSTANCE\">");
    x.start("id");
    x.attr("root", id.root.as_str());
    if let Some(e) = id.extension.as_deref() {
        x.attr("extension", e);
    }
    x.end_empty();
    x.lit_close("</device>");
    x.lit_close(chiusura);
}

fn non_vuoto<'a>(v: &'a str, predefinito: &'a str) -> &'a str {
    if v.trim().is_empty() {
        predefinito
    } else {
        v
    }
}

/// Writes a request; see [`crate::interscambio::scrivi_con_esiti`].
pub(crate) fn scrivi_messaggio(
    m: &MessaggioInterscambio,
    o: &OpzioniScrittura,
) -> Result<MessaggioScritto, CartellaError> {
    let processo = match m.cartella.processi.as_slice() {
        [p] => p,
        altri => {
            return Err(CartellaError::Argomento {
                name: "messaggio",
                message: format!(
                    "a message carries exactly one processo di aiuto (found {})",
                    altri.len()
                ),
            })
        }
    };
    if processo.fasi.is_empty() {
        return Err(CartellaError::Argomento {
            name: "messaggio",
            message: "the processo di aiuto has no phase record (encounterEvent is 1..*)".into(),
        });
    }
    if m.destinatari.is_empty() {
        return Err(CartellaError::Argomento {
            name: "messaggio",
            message: "at least one destinatario is required (receiver is 1..*)".into(),
        });
    }
    let mut filtrato;
    let mut findings_filtro = Vec::new();
    let m = if o.filtro_sensibilita.is_empty() {
        m
    } else {
        filtrato = m.clone();
        filtra(&mut filtrato, &o.filtro_sensibilita, &mut findings_filtro);
        &filtrato
    };
    let processo = m.cartella.processi.first().unwrap_or(processo);
    // Room for the message, guessed from the last one written (growth copies the whole buffer).
    let ultima = ULTIMA_LUNGHEZZA.load(AtomicOrdering::Relaxed);
    let mut w = Scrittore {
        o,
        x: Xml::con_capacita(o.indent, (ultima + ultima / 8).max(16 * 1024)),
        findings: findings_filtro,
        oid_predefiniti: o.oid_table.sostituzioni().is_empty(),
    };
    w.x.lit_start("<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\"");
    if o.money_form == FormaImporto::Hl7Mo {
        w.x.out
            .push_str(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
        w.info(
            "CSI-CMP-026",
            "",
            vec![("opzione", "money_form=hl7_mo".to_string())],
        );
    }
    w.x.out.push_str(" ITSVersion=\"XML_1.0\"");
    w.x.end_open();
    w.identificatore("id", &m.id_messaggio);
    w.valore_ts("creationTime", &m.data_creazione);
    if let Some(v) = m.version_code.as_deref() {
        w.x.empty("versionCode", &[("code", v)]);
    }
    if o.interaction_id_root {
        let r = w.fisso("INTERAZIONI_HL7", oid::INTERAZIONI_HL7);
        w.x.start("interactionId");
        w.x.attr("root", r);
        w.x.out.push_str(" extension=\"PRSS_IN001004ZZ\"/>");
    } else {
        w.x.lit_empty("<interactionId extension=\"PRSS_IN001004ZZ\"/>");
    }
    let (pc, pm) = match o.envelope_codes {
        CodiciBusta::Hl7 => (
            non_vuoto(&m.processing_code, "P"),
            non_vuoto(&m.processing_mode_code, "T"),
        ),
        CodiciBusta::Regionali => ("Produzione", "batch"),
    };
    w.x.empty("processingCode", &[("code", pc)]);
    w.x.empty("processingModeCode", &[("code", pm)]);
    w.x.empty(
        "acceptAckCode",
        &[("code", non_vuoto(&m.accept_ack_code, "AL"))],
    );
    for d in &m.destinatari {
        device(&mut w.x, "<receiver typeCode=\"RCV\">", "</receiver>", d);
    }
    device(
        &mut w.x,
        "<sender typeCode=\"SND\">",
        "</sender>",
        &m.mittente,
    );
    w.x.lit_open("<controlActProcess classCode=\"CACT\" moodCode=\"EVN\">");
    w.x.lit_open("<subject typeCode=\"SUBJ\">");
    let (scritti, esclusi) = fasi_da_scrivere(&processo.fasi, o.cycles);
    for i in scritti {
        if let Some(f) = processo.fasi.get(i) {
            let prima = w.findings.len();
            w.fase(f, &m.cartella.assistito);
            // Attender paths are relative to the record: make them absolute.
            for issue in &mut w.findings[prima..] {
                if issue.path.starts_with("/responsabile")
                    || issue.path.starts_with("/case_manager")
                {
                    issue.path = format!("/cartella/processi/0/fasi/{i}{}", issue.path);
                }
            }
        }
    }
    if !esclusi.is_empty() {
        w.info(
            "CSI-CMP-025",
            "/cartella/processi/0/fasi",
            vec![("numero", esclusi.len().to_string())],
        );
    }
    w.x.lit_close("</subject>");
    w.x.lit_close("</controlActProcess>");
    w.x.lit_close("</PRSS_IN001004ZZ>");
    let mut xml = w.x.finish();
    ULTIMA_LUNGHEZZA.store(xml.len(), AtomicOrdering::Relaxed);
    if xml.capacity() > 2 * xml.len() + 64 * 1024 {
        // Guessed from a much larger message: do not hand out the spare room.
        xml.shrink_to_fit();
    }
    Ok(MessaggioScritto {
        xml,
        findings: w.findings,
    })
}

// ---------------------------------------------------------------------------------------------
// Sensitivity filter (`privacy.md` §2, §6)

/// Drops from `m` every field the interchange carries whose tags (`privacy.md` §2) intersect
/// `tags`, reporting each (info `CSI-PRV-002`). The "minor ⇒ every field is `MIN`" rule of §2 is
/// not applied here (it would empty the message): filter on `MIN` drops the fields tagged `MIN`
/// explicitly.
fn filtra(
    m: &mut MessaggioInterscambio,
    tags: &std::collections::BTreeSet<Sensibilita>,
    findings: &mut Vec<Issue>,
) {
    use Sensibilita::*;
    let hit = |t: &[Sensibilita]| t.iter().any(|x| tags.contains(x));
    let mut dropped: Vec<String> = Vec::new();
    macro_rules! via {
        ($cond:expr, $field:expr, $path:expr) => {
            if $cond && $field.is_some() {
                $field = None;
                dropped.push($path);
            }
        };
    }
    macro_rules! via_lista {
        ($cond:expr, $field:expr, $path:expr) => {
            if $cond && !$field.is_empty() {
                $field.clear();
                dropped.push($path);
            }
        };
    }
    let a = &mut m.cartella.assistito;
    let base = "/cartella/assistito".to_string();
    let ide = hit(&[Ide]);
    via!(ide, a.codice_fiscale, format!("{base}/codice_fiscale"));
    via!(ide, a.nome, format!("{base}/nome"));
    via!(ide, a.cognome, format!("{base}/cognome"));
    via!(ide, a.data_nascita, format!("{base}/data_nascita"));
    via!(ide, a.comune_nascita, format!("{base}/comune_nascita"));
    via!(ide, a.tessera_team, format!("{base}/tessera_team"));
    via!(
        ide,
        a.documento_identita,
        format!("{base}/documento_identita")
    );
    via_lista!(
        ide,
        a.altri_identificativi,
        format!("{base}/altri_identificativi")
    );
    via!(hit(&[Con]), a.contatti, format!("{base}/contatti"));
    via!(hit(&[Sal]), a.mmg_pdf, format!("{base}/mmg_pdf"));
    for (i, r) in a.relazioni.iter_mut().enumerate() {
        let p = format!("{base}/relazioni/{i}");
        via!(hit(&[Sal]), r.caregiver, format!("{p}/caregiver"));
        via!(ide, r.codice_fiscale, format!("{p}/codice_fiscale"));
        via!(ide, r.nome, format!("{p}/nome"));
        via!(ide, r.cognome, format!("{p}/cognome"));
        via!(ide, r.data_nascita, format!("{p}/data_nascita"));
        via!(
            ide,
            r.comune_nascita_istat,
            format!("{p}/comune_nascita_istat")
        );
    }
    for (i, r) in a.assistenti_personali.iter_mut().enumerate() {
        let p = format!("{base}/assistenti_personali/{i}");
        via!(ide, r.codice_fiscale, format!("{p}/codice_fiscale"));
        via!(ide, r.nome, format!("{p}/nome"));
        via!(ide, r.cognome, format!("{p}/cognome"));
        via!(ide, r.data_nascita, format!("{p}/data_nascita"));
    }
    let (sal, eco) = (hit(&[Sal]), hit(&[Eco]));
    for (pi, processo) in m.cartella.processi.iter_mut().enumerate() {
        for (fi, f) in processo.fasi.iter_mut().enumerate() {
            let p = format!("/cartella/processi/{pi}/fasi/{fi}");
            via!(sal, f.header_mut().annotazioni, format!("{p}/annotazioni"));
            match f {
                Fase::Accesso(x) => {
                    via!(eco, x.area_reddituale, format!("{p}/area_reddituale"));
                    via!(eco, x.dsu, format!("{p}/dsu"));
                    via!(eco, x.tipologia_isee, format!("{p}/tipologia_isee"));
                    via!(eco, x.valore_isee, format!("{p}/valore_isee"));
                }
                Fase::ValutazioneBisogno(x) => {
                    via_lista!(sal, x.esenzioni_ticket, format!("{p}/esenzioni_ticket"));
                    via!(
                        sal,
                        x.struttura_sociosanitaria_in_carico,
                        format!("{p}/struttura_sociosanitaria_in_carico")
                    );
                    via!(
                        sal,
                        x.servizi_sociosanitari_erogati,
                        format!("{p}/servizi_sociosanitari_erogati")
                    );
                    via_lista!(sal, x.invalidita, format!("{p}/invalidita"));
                    via!(
                        hit(&[Sal, Min]),
                        x.indennita_frequenza,
                        format!("{p}/indennita_frequenza")
                    );
                    via!(
                        hit(&[Sal, Eco]),
                        x.assegno_pensione_invalidita,
                        format!("{p}/assegno_pensione_invalidita")
                    );
                    via!(
                        sal,
                        x.patologia_psichiatrica,
                        format!("{p}/patologia_psichiatrica")
                    );
                    via!(sal, x.patologie_correnti, format!("{p}/patologie_correnti"));
                    via!(
                        sal,
                        x.portatore_protesi_ausili,
                        format!("{p}/portatore_protesi_ausili")
                    );
                    via_lista!(sal, x.protesi_ausili, format!("{p}/protesi_ausili"));
                    via!(
                        sal,
                        x.necessita_cure_sanitarie,
                        format!("{p}/necessita_cure_sanitarie")
                    );
                    via_lista!(
                        sal,
                        x.necessita_interventi_sociosanitari,
                        format!("{p}/necessita_interventi_sociosanitari")
                    );
                    via!(
                        hit(&[Giu, Min]),
                        x.motivazione_affido,
                        format!("{p}/motivazione_affido")
                    );
                    via_lista!(eco, x.previdenze_inps, format!("{p}/previdenze_inps"));
                }
                Fase::ProgettoIndividuale(_) => {}
                Fase::ErogazioneServizio(x) => {
                    via!(
                        eco,
                        x.valore_mensile_buono,
                        format!("{p}/valore_mensile_buono")
                    );
                    via!(eco, x.valore_voucher, format!("{p}/valore_voucher"));
                    via!(eco, x.importo_erogato, format!("{p}/importo_erogato"));
                    via!(
                        eco,
                        x.riprogrammazione_risorse,
                        format!("{p}/riprogrammazione_risorse")
                    );
                }
                Fase::ValutazioneFinale(x) => {
                    via!(
                        eco,
                        x.risorse_economiche_finali,
                        format!("{p}/risorse_economiche_finali")
                    );
                    via!(sal, x.valutazione_finale, format!("{p}/valutazione_finale"));
                    via!(
                        sal,
                        x.risultati_raggiunti,
                        format!("{p}/risultati_raggiunti")
                    );
                    via!(
                        sal,
                        x.risultati_non_raggiunti,
                        format!("{p}/risultati_non_raggiunti")
                    );
                }
            }
        }
    }
    for path in dropped {
        if let Ok(i) = Issue::new("CSI-PRV-002", path, [("numero", "1".to_string())]) {
            findings.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// The escaping of the first writer, character by character.
    fn escape_riferimento(s: &str, attributo: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push_str("&#13;"),
                '"' if attributo => out.push_str("&quot;"),
                '\'' if attributo => out.push_str("&apos;"),
                '\t' if attributo => out.push_str("&#9;"),
                '\n' if attributo => out.push_str("&#10;"),
                c => out.push(c),
            }
        }
        out
    }

    /// [`ts`] of the first writer (`chars` filter and `format!`).
    fn ts_riferimento(v: &Istante, forma: FormaData) -> String {
        let s = v.as_str();
        let corpo_len = match s.find('T') {
            Some(t) => s[t..].rfind(['+', '-']).map_or(s.len(), |p| t + p),
            None => s.len(),
        };
        let corpo: String = s[..corpo_len]
            .chars()
            .filter(|c| !matches!(c, '-' | 'T' | ':'))
            .collect();
        if forma == FormaData::DdMmYyyy && v.precision() == Precisione::Giorno && corpo.len() == 8 {
            return format!("{}{}{}", &corpo[6..8], &corpo[4..6], &corpo[0..4]);
        }
        match v.offset_minutes() {
            Some(off) => {
                let segno = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs();
                format!("{corpo}{segno}{:02}{:02}", a / 60, a % 60)
            }
            None => corpo,
        }
    }

    fn importo(s: &str) -> Importo {
        Importo {
            amount: Decimale::parse(s).expect("decimale"),
            currency: "EUR".into(),
        }
    }

    /// [`importo_2_decimali`] of the first writer (`Decimal::to_string`).
    fn importo_riferimento(i: &Importo) -> String {
        let mut v = i
            .amount
            .valore()
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        v.rescale(2);
        v.to_string()
    }

    proptest! {
        #[test]
        fn escape_matches_the_character_by_character_escaping(
            s in "[a-z0-9.&<>\"'\t\n\r\u{1}\u{e} #àé€-]{0,40}",
            attributo in any::<bool>(),
        ) {
            let mut out = String::from("x");
            escape_in(&mut out, &s, attributo);
            prop_assert_eq!(&out[1..], escape_riferimento(&s, attributo));
        }

        #[test]
        fn escape_finds_a_special_byte_at_any_position(
            n in 0usize..40,
            k in 0usize..40,
            c in proptest::sample::select(&['&', '<', '>', '"', '\'', '\t', '\n', '\r', '#', ' ', '\u{b}'][..]),
            attributo in any::<bool>(),
        ) {
            let mut s: String = "0123456789.abcdefghijklmnopqrstuvwxyzABCD".chars().take(n).collect();
            s.insert(k.min(n), c);
            let mut out = String::new();
            escape_in(&mut out, &s, attributo);
            prop_assert_eq!(out, escape_riferimento(&s, attributo));
        }

        #[test]
        fn amounts_match_decimal_display(m in any::<i64>(), scala in 0u32..=4) {
            let m = m % 10_000_000_000_000_000;
            let d = Decimal::new(m, scala);
            if let Some(a) = Decimale::from_decimal(d) {
                let i = Importo { amount: a, currency: "EUR".into() };
                prop_assert_eq!(importo_2_decimali(&i), importo_riferimento(&i));
            }
        }
    }

    #[test]
    fn amounts_edge_cases() {
        for s in [
            "0",
            "-0",
            "-0.00",
            "-0.001",
            "-0.005",
            "0.005",
            "0.004",
            "-0.0049",
            "007.50",
            "999999999999.9999",
            "-999999999999.9999",
            "1",
            "10.1",
            "0.1",
            "123.4550",
        ] {
            let i = importo(s);
            assert_eq!(importo_2_decimali(&i), importo_riferimento(&i), "{s}");
        }
    }

    #[test]
    fn timestamps_match_the_first_writer() {
        let mut istanti: Vec<Istante> = [
            "2024",
            "2024-02",
            "2024-02-01",
            "2024-02-01T10",
            "2024-02-01T10:30",
            "2024-02-01T10:30:05",
            "2024-02-01T10:30:05.1",
            "2024-02-01T10:30:05.1234",
            "2024-02-01T10+01:00",
            "2024-02-01T10:30-05:30",
            "2024-02-01T10:30:05.12+00:00",
            "2024-02-01T10:30:05-00:00",
            "0001-01-01",
            "9999-12-31T23:59:59.9999-23:59",
        ]
        .iter()
        .map(|s| Istante::parse(s).expect("istante"))
        .collect();
        for d in [
            NaiveDateExt::ymd(-5, 3, 4),
            NaiveDateExt::ymd(12345, 6, 7),
            NaiveDateExt::ymd(2024, 2, 29),
            NaiveDateExt::ymd(0, 1, 1),
        ] {
            istanti.push(Istante::from(d));
        }
        for v in &istanti {
            for forma in [FormaData::Hl7, FormaData::DdMmYyyy] {
                assert_eq!(ts(v, forma), ts_riferimento(v, forma), "{v:?}");
            }
        }
    }

    #[test]
    fn dates_match_format() {
        use chrono::Datelike;
        for d in [
            NaiveDateExt::ymd(-5, 3, 4),
            NaiveDateExt::ymd(-12345, 3, 4),
            NaiveDateExt::ymd(12345, 6, 7),
            NaiveDateExt::ymd(2024, 2, 29),
            NaiveDateExt::ymd(0, 1, 1),
            NaiveDateExt::ymd(7, 11, 30),
        ] {
            let n = d.naive();
            assert_eq!(
                ts_data(&d, FormaData::Hl7),
                format!("{:04}{:02}{:02}", n.year(), n.month(), n.day())
            );
            assert_eq!(
                ts_data(&d, FormaData::DdMmYyyy),
                format!("{:02}{:02}{:04}", n.day(), n.month(), n.year())
            );
        }
    }

    #[test]
    fn indentation_beyond_the_short_run() {
        for indent in [true, false] {
            let mut x = Xml::new(indent);
            let mut atteso = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            for d in 0..60 {
                x.lit_open("<a>");
                if indent {
                    atteso.push('\n');
                    atteso.push_str(&"  ".repeat(d));
                }
                atteso.push_str("<a>");
            }
            for d in (0..60).rev() {
                x.lit_close("</a>");
                if indent {
                    atteso.push('\n');
                    atteso.push_str(&"  ".repeat(d));
                }
                atteso.push_str("</a>");
            }
            assert_eq!(x.out, atteso);
        }
    }

    /// Dates for the tests.
    struct NaiveDateExt;
    impl NaiveDateExt {
        fn ymd(y: i32, m: u32, d: u32) -> Data {
            Data::from_ymd(y, m, d).expect("date")
        }
    }
}
