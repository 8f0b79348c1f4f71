//! Hardened streaming reader of the INPS flows (`siuss.md` §1, §4, §6, §10).
//!
//! [`LettoreFlusso`] is a pull parser on top of `quick_xml::Reader` (namespaces resolved as
//! `quick_xml::NsReader` resolves them) that yields the flow header and then one item
//! (`Beneficiario` or `SINBA`) at a time, interleaved with the findings raised while reading, in
//! document order. Its memory does not depend on the size of the document: only
//! the item being read, the open elements and one XML event are held.
//!
//! Security (`interscambio.md` §2 item 5, same rules as [`crate::interscambio::xml`]):
//!
//! - a DOCTYPE/DTD or any entity reference other than the five predefined ones and character
//!   references → `XML-002` (nothing is ever expanded or fetched);
//! - the limits of [`LimitiXml`] → `XML-003`: total size (counted while reading, never buffered),
//!   depth, number of elements, length of one attribute value or text value; besides, one XML
//!   event (a start tag with all its attributes, a text run) may not exceed 64 times the attribute
//!   limit, so that a single huge tag cannot exhaust memory;
//! - input that is not well-formed → `XML-001`; an encoding other than UTF-8 or UTF-16 (declared,
//!   or bytes that are not UTF-8) → `XML-012`.
//!
//! Those, and a wrong root element or namespace (`XML-004`), are **blocking**: the reader yields
//! the finding (parameters `riga`, `colonna` included) and stops; [`super::xml::leggi`] then
//! returns no flow. Everything else is reported and reading goes on, keeping the data:
//!
//! - `XML-005`: an element out of the `xs:sequence` order (its data are kept; an
//!   `IdentificazioneFlusso` after the first item is ignored, the header has already been given);
//! - `XML-006`: a required element is missing (`IdentificazioneFlusso`, `Ente`, the items,
//!   `Anagrafica`, `PrestazioniSociali`, SINBA `Prestazioni` and `Famiglia`). A missing or
//!   sixth `Indirizzo` and empty code lists are left to the flow rules (`SIUSS-PS-019`,
//!   `SIUSS-SINA-011`/`-012`, `SIUSS-SINBA-035`/`-036`): the reader keeps every `Indirizzo`;
//! - `XML-009`: a second occurrence of a `maxOccurs=1` element: ignored, the first one wins;
//! - `XML-010` (info): an element, attribute or non-blank text the flow does not have, ignored
//!   (reported once per name); an item of the other flow (`SINBA` in a PS-PSA-SINA flow) too;
//! - `XML-011`: an element inside a text-valued element (`CodicePrestazione`, `InvCiv`,
//!   `ComposizioneFamiglia`): ignored, the text around it is kept.
//!
//! Attribute **values** are never checked here: they are kept as written (after XML attribute-value
//! normalisation, not trimmed) and the flow rules report them with `SIUSS-*` ids. Text values are
//! kept as written too (not trimmed).
//!
//! Every finding has a JSON Pointer `path` into the flow JSON (`/beneficiari/0/indirizzi/1`), an
//! `xml_path` (absolute, prefix-free, 1-based positional predicate on each step below the root) and
//! the parameters `riga` and `colonna` (1-based) of the element concerned.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::fmt::Write as _;
use std::io::{self, BufRead, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{NamespaceResolver, ResolveResult};
use quick_xml::{Reader, XmlVersion};

use super::flusso::{
    Beneficiario, FlussoPsPsaSina, FlussoSinba, IdentificazioneFlusso, PrestazioniSociali, Sinba,
    TipoFlusso, NAMESPACE,
};
use super::Flusso;
use crate::error::CartellaError;
use crate::interscambio::xml::{ErroreXml, LimitiXml};
use crate::rules::Issue;

/// Rule ids the reader raises.
pub const RULES: &[&str] = &[
    "XML-001", "XML-002", "XML-003", "XML-004", "XML-005", "XML-006", "XML-009", "XML-010",
    "XML-011", "XML-012",
];

/// Default limits for INPS flows: upload flows hold many items, so the element and size limits
/// are higher than the interscambio defaults; depth and attribute length are tight (the flows
/// are at most 6 levels deep, the longest attribute is 200 characters).
pub const LIMITI_FLUSSO: LimitiXml = LimitiXml {
    dimensione_massima: 512 * 1024 * 1024,
    profondita_massima: 16,
    elementi_massimi: 10_000_000,
    attributo_massimo: 4 * 1024,
};

/// Options of the flow reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpzioniLetturaFlusso {
    /// Limits of the XML layer (`XML-003`); default [`LIMITI_FLUSSO`].
    pub limiti: LimitiXml,
}

impl Default for OpzioniLetturaFlusso {
    fn default() -> Self {
        OpzioniLetturaFlusso {
            limiti: LIMITI_FLUSSO,
        }
    }
}

/// One event of [`LettoreFlusso`].
#[derive(Debug, Clone, PartialEq)]
pub enum EventoFlusso {
    /// The header: always given once, before the first item (when the document has no item at
    /// all, at its end, with the type guessed from the flow name: `.SINBA.` → SINBA).
    Intestazione {
        /// Which flow (decided by the first item element).
        tipo: TipoFlusso,
        /// `IdentificazioneFlusso` (default when missing: `XML-006`).
        identificazione: IdentificazioneFlusso,
    },
    /// One `Beneficiario` of a PS-PSA-SINA flow.
    Beneficiario(Box<Beneficiario>),
    /// One `SINBA` of a SINBA flow.
    Sinba(Box<Sinba>),
    /// A finding, in document order (blocking ones end the reading).
    Finding(Issue),
}

// ---------------------------------------------------------------------------------------------
// Byte sources: encoding detection, UTF-16 transcoding, counting and limits
// ---------------------------------------------------------------------------------------------

/// Marker of the errors raised by the byte sources, told apart from the caller's I/O errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guasto {
    /// Invalid or truncated UTF-16.
    Utf16(&'static str),
    /// A size limit: the total size or one event.
    Limite(&'static str),
}

impl std::fmt::Display for Guasto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Guasto::Utf16(m) => f.write_str(m),
            Guasto::Limite(l) => write!(f, "limit {l} exceeded"),
        }
    }
}

impl std::error::Error for Guasto {}

fn guasto(g: Guasto) -> io::Error {
    io::Error::other(g)
}

/// UTF-16 (LE or BE) to UTF-8 transcoder.
struct Utf16<R> {
    inner: R,
    le: bool,
    uscita: Vec<u8>,
    pos: usize,
    dispari: Option<u8>,
    alto: Option<u16>,
    finito: bool,
}

impl<R: Read> Utf16<R> {
    fn riempi(&mut self) -> io::Result<()> {
        self.uscita.clear();
        self.pos = 0;
        let mut grezzo = [0u8; 4096];
        let n = loop {
            match self.inner.read(&mut grezzo) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            self.finito = true;
            if self.dispari.is_some() || self.alto.is_some() {
                return Err(guasto(Guasto::Utf16("truncated UTF-16 input")));
            }
            return Ok(());
        }
        let mut byte = self
            .dispari
            .take()
            .into_iter()
            .chain(grezzo.iter().take(n).copied());
        while let Some(a) = byte.next() {
            let Some(b) = byte.next() else {
                self.dispari = Some(a);
                break;
            };
            let u = if self.le {
                u16::from_le_bytes([a, b])
            } else {
                u16::from_be_bytes([a, b])
            };
            let c = if let Some(h) = self.alto.take() {
                if !(0xDC00..=0xDFFF).contains(&u) {
                    return Err(guasto(Guasto::Utf16("invalid UTF-16 input")));
                }
                char::from_u32(0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00))
            } else if (0xD800..=0xDBFF).contains(&u) {
                self.alto = Some(u);
                continue;
            } else {
                char::from_u32(u32::from(u))
            };
            let c = c.ok_or_else(|| guasto(Guasto::Utf16("invalid UTF-16 input")))?;
            let mut b4 = [0u8; 4];
            self.uscita
                .extend_from_slice(c.encode_utf8(&mut b4).as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.uscita.len() {
            if self.finito {
                return Ok(0);
            }
            self.riempi()?;
        }
        let disponibili = self.uscita.get(self.pos..).unwrap_or_default();
        let n = disponibili.len().min(out.len());
        if let (Some(d), Some(s)) = (out.get_mut(..n), disponibili.get(..n)) {
            d.copy_from_slice(s);
        }
        self.pos += n;
        Ok(n)
    }
}

/// The input after encoding detection: UTF-8 (BOM removed) or UTF-16 transcoded to UTF-8.
enum Sorgente<R> {
    /// Not looked at yet.
    Grezza(Option<R>),
    Utf8(io::Chain<Cursor<Vec<u8>>, R>),
    Utf16(Utf16<io::Chain<Cursor<Vec<u8>>, R>>),
}

impl<R: Read> Sorgente<R> {
    /// Reads the first bytes and decides the encoding.
    fn rileva(&mut self) -> io::Result<()> {
        let Sorgente::Grezza(r) = self else {
            return Ok(());
        };
        let Some(mut r) = r.take() else {
            return Ok(());
        };
        let mut inizio = Vec::with_capacity(4);
        let mut b = [0u8; 4];
        while inizio.len() < 4 {
            let manca = 4 - inizio.len();
            match r.read(b.get_mut(..manca).unwrap_or_default()) {
                Ok(0) => break,
                Ok(n) => inizio.extend_from_slice(b.get(..n).unwrap_or_default()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        let utf16 = |inizio: Vec<u8>, salta: usize, le: bool, r: R| {
            let resto = inizio.get(salta..).unwrap_or_default().to_vec();
            Sorgente::Utf16(Utf16 {
                inner: Cursor::new(resto).chain(r),
                le,
                uscita: Vec::with_capacity(8192),
                pos: 0,
                dispari: None,
                alto: None,
                finito: false,
            })
        };
        *self = if inizio.starts_with(&[0xEF, 0xBB, 0xBF]) {
            let resto = inizio.get(3..).unwrap_or_default().to_vec();
            Sorgente::Utf8(Cursor::new(resto).chain(r))
        } else if inizio.starts_with(&[0xFF, 0xFE]) {
            utf16(inizio, 2, true, r)
        } else if inizio.starts_with(&[0xFE, 0xFF]) {
            utf16(inizio, 2, false, r)
        } else if inizio.starts_with(&[0x3C, 0x00]) {
            utf16(inizio, 0, true, r)
        } else if inizio.starts_with(&[0x00, 0x3C]) {
            utf16(inizio, 0, false, r)
        } else {
            Sorgente::Utf8(Cursor::new(inizio).chain(r))
        };
        Ok(())
    }

    fn utf16(&self) -> bool {
        matches!(self, Sorgente::Utf16(_))
    }
}

impl<R: Read> Read for Sorgente<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.rileva()?;
        match self {
            Sorgente::Grezza(_) => Ok(0),
            Sorgente::Utf8(r) => r.read(out),
            Sorgente::Utf16(r) => r.read(out),
        }
    }
}

/// How many bytes of `b` satisfy `f`. Blocks of 128 bytes are counted in a byte-wide
/// accumulator, which the compiler turns into SIMD compares and adds (the plain
/// `filter().count()` widens every byte to a machine word).
#[inline]
fn conta_byte(b: &[u8], f: impl Fn(u8) -> bool + Copy) -> usize {
    let mut blocchi = b.chunks_exact(128);
    let mut n = 0usize;
    for blocco in &mut blocchi {
        let mut k = 0u8;
        for &x in blocco {
            k += u8::from(f(x));
        }
        n += usize::from(k);
    }
    // Fewer than 128 bytes: the count fits a byte too.
    let mut k = 0u8;
    for &x in blocchi.remainder() {
        k += u8::from(f(x));
    }
    n + usize::from(k)
}

/// Buffered source that counts lines and columns of the consumed bytes and enforces the size
/// limits before quick-xml can buffer past them.
struct Contatore<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    consumati: u64,
    riga: usize,
    /// Characters between the start of the line and the consumed offset.
    colonna: usize,
    limite_totale: u64,
    inizio_evento: u64,
    limite_evento: u64,
}

impl<R: Read> Contatore<R> {
    fn posizione(&self) -> (usize, usize) {
        (self.riga, self.colonna + 1)
    }
}

impl<R: Read> Read for Contatore<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let b = self.fill_buf()?;
            let n = b.len().min(out.len());
            if let (Some(d), Some(s)) = (out.get_mut(..n), b.get(..n)) {
                d.copy_from_slice(s);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Contatore<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.len {
            self.pos = 0;
            self.len = loop {
                match self.inner.read(&mut self.buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
        }
        // One byte past a limit may be read, so that reaching it exactly is allowed; the call
        // after that fails.
        let fine_evento = self.inizio_evento.saturating_add(self.limite_evento);
        if self.consumati > self.limite_totale {
            return Err(guasto(Guasto::Limite("dimensione_massima")));
        }
        if self.consumati > fine_evento {
            return Err(guasto(Guasto::Limite("attributo_massimo")));
        }
        if self.pos >= self.len {
            return Ok(&[]);
        }
        let totale = (self.limite_totale + 1).saturating_sub(self.consumati);
        let evento = (fine_evento + 1).saturating_sub(self.consumati);
        let cap = usize::try_from(totale.min(evento)).unwrap_or(usize::MAX);
        let fine = self.len.min(self.pos.saturating_add(cap));
        Ok(self.buf.get(self.pos..fine).unwrap_or_default())
    }

    fn consume(&mut self, n: usize) {
        let fine = self.len.min(self.pos + n);
        let consumati = self.buf.get(self.pos..fine).unwrap_or_default();
        // Lines: the newlines; columns: the characters (bytes that are not UTF-8 continuation
        // bytes) after the last newline. Both counts are branch-free loops the compiler
        // vectorises.
        let righe = conta_byte(consumati, |b| b == b'\n');
        let coda = if righe == 0 {
            consumati
        } else {
            self.riga += righe;
            self.colonna = 0;
            let ultimo = consumati.iter().rposition(|&b| b == b'\n').unwrap_or(0);
            consumati.get(ultimo + 1..).unwrap_or_default()
        };
        self.colonna += conta_byte(coda, |b| (b & 0xC0) != 0x80);
        self.consumati += (fine - self.pos) as u64;
        self.pos = fine;
    }
}

// ---------------------------------------------------------------------------------------------
// Element model of the two XSDs
// ---------------------------------------------------------------------------------------------

/// Text-valued elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Testo {
    /// `SINA/NecessitaInterventiSociali/CodicePrestazione`.
    Necessita,
    /// `SINA/InvaliditaCivile/InvCiv`.
    InvCiv,
    /// `SINBA/Prestazioni/CodicePrestazione`.
    PrestazioneSinba,
    /// `SINBA/Famiglia/ComposizioneFamiglia`.
    Composizione,
}

/// Known elements (and the skipped ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nodo {
    Radice,
    Identificazione,
    Ente,
    Beneficiario,
    Anagrafica,
    Indirizzo,
    Prestazione,
    Sina,
    Necessita,
    Invalidita,
    Sinba,
    PrestazioniSinba,
    Famiglia,
    Testo(Testo),
    /// An unknown or ignored element and its subtree.
    Ignorato,
}

/// A known child: its node, its position in the parent's `xs:sequence`, whether it is
/// `maxOccurs=1`, and its JSON field.
struct Figlio {
    nodo: Nodo,
    passo: u8,
    unico: bool,
}

/// The known child `nome` of `padre` (namespace already checked).
fn figlio(padre: Nodo, nome: &str, tipo: Option<TipoFlusso>) -> Option<Figlio> {
    let f = |nodo, passo, unico| Some(Figlio { nodo, passo, unico });
    match (padre, nome) {
        (Nodo::Radice, "IdentificazioneFlusso") => f(Nodo::Identificazione, 0, true),
        (Nodo::Radice, "Beneficiario") if tipo != Some(TipoFlusso::Sinba) => {
            f(Nodo::Beneficiario, 1, false)
        }
        (Nodo::Radice, "SINBA") if tipo != Some(TipoFlusso::PsPsaSina) => f(Nodo::Sinba, 1, false),
        (Nodo::Identificazione, "Ente") => f(Nodo::Ente, 0, true),
        (Nodo::Beneficiario, "Anagrafica") => f(Nodo::Anagrafica, 0, true),
        (Nodo::Beneficiario, "Indirizzo") => f(Nodo::Indirizzo, 1, false),
        (Nodo::Beneficiario, "PrestazioniSociali") => f(Nodo::Prestazione, 2, false),
        (Nodo::Prestazione, "SINA") => f(Nodo::Sina, 0, true),
        (Nodo::Sina, "NecessitaInterventiSociali") => f(Nodo::Necessita, 0, true),
        (Nodo::Sina, "InvaliditaCivile") => f(Nodo::Invalidita, 1, true),
        (Nodo::Necessita, "CodicePrestazione") => f(Nodo::Testo(Testo::Necessita), 0, false),
        (Nodo::Invalidita, "InvCiv") => f(Nodo::Testo(Testo::InvCiv), 0, false),
        (Nodo::Sinba, "Prestazioni") => f(Nodo::PrestazioniSinba, 0, true),
        (Nodo::Sinba, "Famiglia") => f(Nodo::Famiglia, 1, true),
        (Nodo::PrestazioniSinba, "CodicePrestazione") => {
            f(Nodo::Testo(Testo::PrestazioneSinba), 0, false)
        }
        (Nodo::Famiglia, "ComposizioneFamiglia") => f(Nodo::Testo(Testo::Composizione), 0, false),
        _ => None,
    }
}

/// Required children checked at the end of an element: `(passo, element, JSON field)`.
fn obbligatori(nodo: Nodo) -> &'static [(u8, &'static str, &'static str)] {
    match nodo {
        Nodo::Identificazione => &[(0, "Ente", "ente")],
        Nodo::Beneficiario => &[
            (0, "Anagrafica", "anagrafica"),
            (2, "PrestazioniSociali", "prestazioni_sociali"),
        ],
        Nodo::Sinba => &[
            (0, "Prestazioni", "prestazioni"),
            (1, "Famiglia", "famiglia"),
        ],
        _ => &[],
    }
}

/// Whether text inside the element is its value.
fn testuale(nodo: Nodo) -> bool {
    matches!(nodo, Nodo::Testo(_))
}

/// Largest number of distinct child names whose positions are tracked per element (beyond, the
/// `xml_path` step has no predicate).
const NOMI_FRATELLI: usize = 32;
/// Largest number of distinct names remembered for the once-per-name `XML-010`.
const NOMI_NON_MAPPATI: usize = 256;
/// Attribute count from which duplicate names are found through a hash set instead of a scan
/// (a tag with very many attributes stays linear).
const ATTRIBUTI_SCANSIONE: usize = 16;
/// Largest number of spare strings kept for the next items.
const STRINGHE_RISERVA: usize = 4096;

/// An open element. Frames are recycled (see [`Pila`]): their strings keep their capacity.
struct Cornice {
    nodo: Nodo,
    nome: String,
    /// JSON Pointer of the element (of the nearest known ancestor for an ignored one).
    percorso: String,
    /// XML path of the element.
    xml: String,
    riga: usize,
    colonna: usize,
    /// Highest sequence position among the children seen so far.
    passo: Option<u8>,
    /// Sequence positions seen (bit set).
    visti: u32,
    /// Occurrences of each child name so far (for the positional predicates); the first
    /// `n_fratelli` entries are in use, the others are spare.
    fratelli: Vec<(String, usize)>,
    n_fratelli: usize,
}

impl Cornice {
    fn vuota() -> Self {
        Cornice {
            nodo: Nodo::Ignorato,
            nome: String::new(),
            percorso: String::new(),
            xml: String::new(),
            riga: 0,
            colonna: 0,
            passo: None,
            visti: 0,
            fratelli: Vec::new(),
            n_fratelli: 0,
        }
    }

    /// Back to an ignored frame with no data (capacities kept).
    fn reimposta(&mut self) {
        self.nodo = Nodo::Ignorato;
        self.nome.clear();
        self.percorso.clear();
        self.xml.clear();
        self.riga = 0;
        self.colonna = 0;
        self.passo = None;
        self.visti = 0;
        self.n_fratelli = 0;
    }

    /// The 1-based position of a new child named `nome` (0 when not tracked).
    fn conta(&mut self, nome: &str) -> usize {
        let attivi = self.fratelli.get_mut(..self.n_fratelli).unwrap_or_default();
        if let Some((_, n)) = attivi.iter_mut().find(|(f, _)| f == nome) {
            *n += 1;
            return *n;
        }
        if self.n_fratelli < NOMI_FRATELLI {
            if self.n_fratelli == self.fratelli.len() {
                self.fratelli.push((String::new(), 0));
            }
            if let Some((f, n)) = self.fratelli.get_mut(self.n_fratelli) {
                f.clear();
                f.push_str(nome);
                *n = 1;
            }
            self.n_fratelli += 1;
            return 1;
        }
        0
    }
}

/// The stack of open elements. Closed frames stay allocated and are reused by the next elements
/// opened at the same depth, so reading allocates nothing per element once warm.
#[derive(Default)]
struct Pila {
    celle: Vec<Cornice>,
    /// Open frames: `celle[..n]`.
    n: usize,
}

impl Pila {
    fn len(&self) -> usize {
        self.n
    }

    fn is_empty(&self) -> bool {
        self.n == 0
    }

    fn aperte(&self) -> &[Cornice] {
        self.celle.get(..self.n).unwrap_or_default()
    }

    fn first(&self) -> Option<&Cornice> {
        self.aperte().first()
    }

    fn last(&self) -> Option<&Cornice> {
        self.aperte().last()
    }

    fn last_mut(&mut self) -> Option<&mut Cornice> {
        let n = self.n;
        self.celle.get_mut(..n).unwrap_or_default().last_mut()
    }

    fn clear(&mut self) {
        self.n = 0;
    }

    /// Opens an (ignored, empty) frame and returns it.
    fn apri(&mut self) -> &mut Cornice {
        if self.n == self.celle.len() {
            self.celle.push(Cornice::vuota());
        }
        self.n += 1;
        let c = self
            .celle
            .get_mut(self.n - 1)
            .expect("the frame was just ensured");
        c.reimposta();
        c
    }

    /// Opens an ignored frame (no data needed).
    fn apri_ignorata(&mut self) {
        self.apri();
    }

    /// Closes the innermost frame; it stays readable (until the next `apri`) as `chiusa`.
    fn chiudi(&mut self) -> bool {
        if self.n == 0 {
            return false;
        }
        self.n -= 1;
        true
    }

    /// The frame closed last by [`chiudi`](Self::chiudi).
    fn chiusa(&self) -> Option<&Cornice> {
        self.celle.get(self.n)
    }

    /// Reopens the frame closed last.
    fn riapri(&mut self) {
        if self.n < self.celle.len() {
            self.n += 1;
        }
    }

    /// The open frame `i` (0 = root).
    fn get(&self, i: usize) -> Option<&Cornice> {
        self.aperte().get(i)
    }
}

/// One attribute of the start tag being handled: byte ranges of its name in the tag and of its
/// normalised value, in the tag (when normalisation changed nothing) or in the reader's
/// normalised-values buffer.
#[derive(Debug, Clone, Copy)]
struct AttrRif {
    chiave: (usize, usize),
    valore: (usize, usize),
    normalizzato: bool,
}

impl AttrRif {
    /// `(name, value)` given the tag and the normalised-values buffer.
    fn kv<'b>(&self, tag: &'b str, normalizzati: &'b str) -> (&'b str, &'b str) {
        let k = tag.get(self.chiave.0..self.chiave.1).unwrap_or_default();
        let sorgente = if self.normalizzato { normalizzati } else { tag };
        let v = sorgente
            .get(self.valore.0..self.valore.1)
            .unwrap_or_default();
        (k, v)
    }
}

/// Whether XML 1.0 attribute-value normalisation changes this byte (`\t`, `\r`, `\n`, `&`:
/// quick-xml's own test).
#[inline]
fn da_normalizzare(c: u8) -> bool {
    matches!(c, b'\t' | b'\r' | b'\n' | b'&')
}

/// Appends the decimal digits of `n` (as `write!(s, "{n}")`, without the formatting machinery).
fn scrivi_numero(s: &mut String, n: usize) {
    let mut cifre = [0u8; 20];
    let mut i = cifre.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(c) = cifre.get_mut(i) {
            *c = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &c in cifre.get(i..).unwrap_or_default() {
        s.push(char::from(c));
    }
}

/// The byte range of `parte` inside `tutto`, when it is a sub-slice of it.
fn intervallo(tutto: &str, parte: &str) -> Option<(usize, usize)> {
    let inizio = (parte.as_ptr() as usize).checked_sub(tutto.as_ptr() as usize)?;
    let fine = inizio.checked_add(parte.len())?;
    (fine <= tutto.len() && tutto.get(inizio..fine) == Some(parte)).then_some((inizio, fine))
}

/// A queued event: the items wait in the reader's ready slots (see
/// [`LettoreFlusso::prossimo_evento`]).
#[derive(Debug)]
enum InCoda {
    Evento(EventoFlusso),
    Beneficiario,
    Sinba,
}

/// One event of [`LettoreFlusso::prossimo_evento`]: an [`EventoFlusso`] whose item is lent by the
/// reader instead of given (the reader reuses its storage for the next item).
#[derive(Debug, Clone, PartialEq)]
pub enum EventoFlussoRif<'a> {
    /// The header, as [`EventoFlusso::Intestazione`].
    Intestazione {
        /// Which flow (decided by the first item element).
        tipo: TipoFlusso,
        /// `IdentificazioneFlusso` (default when missing: `XML-006`).
        identificazione: IdentificazioneFlusso,
    },
    /// One `Beneficiario` of a PS-PSA-SINA flow.
    Beneficiario(&'a Beneficiario),
    /// One `SINBA` of a SINBA flow.
    Sinba(&'a Sinba),
    /// A finding, as [`EventoFlusso::Finding`].
    Finding(Issue),
}

/// Empties a `Beneficiario` for reuse, its strings moving to `riserva`.
fn ricicla_beneficiario(b: &mut Beneficiario, riserva: &mut Vec<String>) {
    b.svuota_in(riserva);
    b.anagrafica.svuota_in(riserva);
    for i in &mut b.indirizzi {
        i.svuota_in(riserva);
    }
    b.indirizzi.clear();
    for p in &mut b.prestazioni_sociali {
        p.svuota_in(riserva);
    }
    b.prestazioni_sociali.clear();
    riserva.truncate(STRINGHE_RISERVA);
}

/// Empties a `SINBA` for reuse, its strings moving to `riserva`.
fn ricicla_sinba(s: &mut Sinba, riserva: &mut Vec<String>) {
    s.svuota_in(riserva);
    riserva.append(&mut s.prestazioni.codici_prestazione);
    riserva.append(&mut s.famiglia.composizione_famiglia);
    riserva.truncate(STRINGHE_RISERVA);
}

/// Streaming reader of an INPS flow: an iterator of [`EventoFlusso`] (see the
/// [module documentation](self) for the findings).
///
/// `Err` items are I/O errors of the underlying reader only; problems of the input are
/// findings. After a blocking finding (or an `Err`) the iterator ends.
///
/// [`prossimo_evento`](Self::prossimo_evento) gives the same events with the items lent instead
/// of given, which lets the reader reuse their storage (faster on large files).
///
/// ```
/// use cartella::siuss::xml::{EventoFlusso, LettoreFlusso, OpzioniLetturaFlusso};
/// let x = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="n"><Ente Codice="c"/></IdentificazioneFlusso><SINBA IDBeneficiario="1"><Prestazioni/><Famiglia/></SINBA></Flusso>"#;
/// let mut n = 0;
/// for e in LettoreFlusso::nuovo(&x[..], &OpzioniLetturaFlusso::default()) {
///     if let EventoFlusso::Sinba(s) = e.unwrap() {
///         assert_eq!(s.id_beneficiario.as_deref(), Some("1"));
///         n += 1;
///     }
/// }
/// assert_eq!(n, 1);
/// ```
pub struct LettoreFlusso<R: BufRead> {
    reader: Reader<Contatore<Sorgente<R>>>,
    /// Namespace scopes (as `quick_xml::NsReader`, with the declarations looked for only in
    /// tags that have some).
    ns: NamespaceResolver,
    /// The scope of the last empty or end tag is still to be closed.
    ns_da_chiudere: bool,
    buf: Vec<u8>,
    limiti: LimitiXml,
    coda: VecDeque<InCoda>,
    finito: bool,
    interrotto: bool,
    pila: Pila,
    radice_vista: bool,
    radice_chiusa: bool,
    elementi: usize,
    tipo: Option<TipoFlusso>,
    intestazione_data: bool,
    identificazione: IdentificazioneFlusso,
    /// Items started so far (the current one is `elementi_flusso - 1`).
    elementi_flusso: usize,
    beneficiario: Option<Beneficiario>,
    sinba: Option<Sinba>,
    /// Ready slots: the last item read, given or lent by the next event.
    pronto_beneficiario: Option<Beneficiario>,
    pronto_sinba: Option<Sinba>,
    /// The last item lent: its storage is reused for the next item.
    libero_beneficiario: Option<Beneficiario>,
    libero_sinba: Option<Sinba>,
    /// Spare strings for the attributes of the next items.
    riserva: Vec<String>,
    testo: String,
    non_mappati: BTreeSet<String>,
    /// Position of the current event.
    rc: (usize, usize),
    /// Attributes of the start tag being handled (see [`AttrRif`]).
    attr: Vec<AttrRif>,
    /// Attribute values changed by normalisation.
    attr_normalizzati: String,
    /// Names of the attributes of the start tag being handled (duplicate check).
    chiavi: Vec<(usize, usize)>,
    /// The same names, for tags with many attributes.
    chiavi_hash: HashSet<String>,
    /// Scratch strings for the paths of the element being opened.
    tmp_percorso: String,
    tmp_xml: String,
}

impl<R: BufRead> std::fmt::Debug for LettoreFlusso<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LettoreFlusso")
            .field("tipo", &self.tipo)
            .field("elementi_flusso", &self.elementi_flusso)
            .field("finito", &self.finito)
            .field("interrotto", &self.interrotto)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> LettoreFlusso<R> {
    /// A reader of `r` under the given options. Nothing is read before the first call to
    /// `next`.
    pub fn nuovo(r: R, opzioni: &OpzioniLetturaFlusso) -> Self {
        let limiti = opzioni.limiti;
        let contatore = Contatore {
            inner: Sorgente::Grezza(Some(r)),
            buf: vec![0u8; 64 * 1024].into_boxed_slice(),
            pos: 0,
            len: 0,
            consumati: 0,
            riga: 1,
            colonna: 0,
            limite_totale: limiti.dimensione_massima as u64,
            inizio_evento: 0,
            limite_evento: (limiti.attributo_massimo as u64)
                .saturating_mul(64)
                .max(64 * 1024),
        };
        let mut reader = Reader::from_reader(contatore);
        reader.config_mut().check_end_names = true;
        LettoreFlusso {
            reader,
            ns: NamespaceResolver::default(),
            ns_da_chiudere: false,
            buf: Vec::with_capacity(4096),
            limiti,
            coda: VecDeque::new(),
            finito: false,
            interrotto: false,
            pila: Pila::default(),
            radice_vista: false,
            radice_chiusa: false,
            elementi: 0,
            tipo: None,
            intestazione_data: false,
            identificazione: IdentificazioneFlusso::default(),
            elementi_flusso: 0,
            beneficiario: None,
            sinba: None,
            pronto_beneficiario: None,
            pronto_sinba: None,
            libero_beneficiario: None,
            libero_sinba: None,
            riserva: Vec::new(),
            testo: String::new(),
            non_mappati: BTreeSet::new(),
            rc: (1, 1),
            attr: Vec::new(),
            attr_normalizzati: String::new(),
            chiavi: Vec::new(),
            chiavi_hash: HashSet::new(),
            tmp_percorso: String::new(),
            tmp_xml: String::new(),
        }
    }

    /// Whether a blocking finding stopped the reading (the flow is unreadable).
    pub fn interrotto(&self) -> bool {
        self.interrotto
    }

    /// The flow type, once decided (by the first item element).
    pub fn tipo(&self) -> Option<TipoFlusso> {
        self.tipo
    }

    /// How many items (`Beneficiario` / `SINBA`) were met so far.
    pub fn elementi_letti(&self) -> usize {
        self.elementi_flusso
    }

    /// The next event, as [`Iterator::next`] gives it but with the item lent
    /// ([`EventoFlussoRif`]): the reader reuses the item's storage for the next one, so reading
    /// a large upload flow this way allocates almost nothing per item. Same events, in the same
    /// order, as the iterator.
    ///
    /// ```
    /// use cartella::siuss::xml::{EventoFlussoRif, LettoreFlusso, OpzioniLetturaFlusso};
    /// let x = br#"<Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="n"><Ente Codice="c"/></IdentificazioneFlusso><SINBA IDBeneficiario="1"><Prestazioni/><Famiglia/></SINBA><SINBA IDBeneficiario="2"><Prestazioni/><Famiglia/></SINBA></Flusso>"#;
    /// let mut lettore = LettoreFlusso::nuovo(&x[..], &OpzioniLetturaFlusso::default());
    /// let mut ids = Vec::new();
    /// while let Some(e) = lettore.prossimo_evento() {
    ///     if let EventoFlussoRif::Sinba(s) = e.unwrap() {
    ///         ids.push(s.id_beneficiario.clone().unwrap());
    ///     }
    /// }
    /// assert_eq!(ids, ["1", "2"]);
    /// ```
    pub fn prossimo_evento(&mut self) -> Option<Result<EventoFlussoRif<'_>, CartellaError>> {
        let evento = loop {
            if let Some(e) = self.coda.pop_front() {
                break e;
            }
            if self.finito {
                return None;
            }
            if let Err(e) = self.avanza() {
                return Some(Err(e));
            }
        };
        Some(Ok(match evento {
            InCoda::Evento(EventoFlusso::Finding(i)) => EventoFlussoRif::Finding(i),
            InCoda::Evento(EventoFlusso::Intestazione {
                tipo,
                identificazione,
            }) => EventoFlussoRif::Intestazione {
                tipo,
                identificazione,
            },
            InCoda::Evento(EventoFlusso::Beneficiario(b)) => {
                EventoFlussoRif::Beneficiario(self.libero_beneficiario.insert(*b))
            }
            InCoda::Evento(EventoFlusso::Sinba(s)) => {
                EventoFlussoRif::Sinba(self.libero_sinba.insert(*s))
            }
            InCoda::Beneficiario => {
                let b = self.pronto_beneficiario.take().unwrap_or_default();
                EventoFlussoRif::Beneficiario(self.libero_beneficiario.insert(b))
            }
            InCoda::Sinba => {
                let s = self.pronto_sinba.take().unwrap_or_default();
                EventoFlussoRif::Sinba(self.libero_sinba.insert(s))
            }
        }))
    }

    // -----------------------------------------------------------------------------------------
    // Findings
    // -----------------------------------------------------------------------------------------

    fn emetti<'a>(
        &mut self,
        rule_id: &str,
        path: &str,
        xml_path: &str,
        rc: (usize, usize),
        params: impl IntoIterator<Item = (&'a str, String)>,
    ) {
        let mut p: Vec<(&str, String)> =
            vec![("riga", rc.0.to_string()), ("colonna", rc.1.to_string())];
        p.extend(params);
        if let Ok(i) = Issue::new(rule_id, path, p) {
            self.coda.push_back(InCoda::Evento(EventoFlusso::Finding(
                i.with_xml_path(if xml_path.is_empty() { "/" } else { xml_path }),
            )));
        }
    }

    /// A blocking error: reported, then the reading stops.
    fn blocca(&mut self, e: ErroreXml) {
        let xml_path = self
            .pila
            .aperte()
            .iter()
            .rev()
            .find(|c| c.nodo != Nodo::Ignorato)
            .map_or_else(|| "/".to_string(), |c| c.xml.clone());
        if let Ok(i) = Issue::new(e.rule_id, "", e.parametri_issue()) {
            self.coda.push_back(InCoda::Evento(EventoFlusso::Finding(
                i.with_xml_path(xml_path),
            )));
        }
        self.finito = true;
        self.interrotto = true;
        self.pila.clear();
        self.beneficiario = None;
        self.sinba = None;
    }

    fn errore(
        &self,
        rule_id: &'static str,
        messaggio: impl Into<String>,
        parametri: Vec<(&'static str, String)>,
    ) -> ErroreXml {
        let messaggio = messaggio.into();
        let parametri = if rule_id == "XML-001" {
            vec![("dettaglio", messaggio.clone())]
        } else {
            parametri
        };
        ErroreXml {
            rule_id,
            messaggio,
            riga: self.rc.0,
            colonna: self.rc.1,
            parametri,
        }
    }

    fn limite(&self, limite: &'static str, valore: usize) -> ErroreXml {
        self.errore(
            "XML-003",
            format!("limit {limite} ({valore}) exceeded"),
            vec![
                ("limite", limite.to_string()),
                ("valore", valore.to_string()),
            ],
        )
    }

    /// `XML-010` once per name.
    fn non_mappato(&mut self, nome: String, path: &str, xml_path: &str, rc: (usize, usize)) {
        if self.non_mappati.contains(&nome) {
            return;
        }
        if self.non_mappati.len() < NOMI_NON_MAPPATI {
            self.non_mappati.insert(nome.clone());
        }
        self.emetti("XML-010", path, xml_path, rc, [("nome", nome)]);
    }

    // -----------------------------------------------------------------------------------------
    // Reading
    // -----------------------------------------------------------------------------------------

    /// Reads and handles one XML event. `Err` only for I/O errors of the caller's reader.
    fn avanza(&mut self) -> Result<(), CartellaError> {
        // The event borrows the buffer, not the reader: the handlers can use `self`.
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let esito = self.avanza_in(&mut buf);
        self.buf = buf;
        esito
    }

    fn avanza_in(&mut self, buf: &mut Vec<u8>) -> Result<(), CartellaError> {
        {
            let c = self.reader.get_mut();
            c.inizio_evento = c.consumati;
        }
        self.rc = self.reader.get_ref().posizione();
        // Namespace scopes, as `quick_xml::NsReader` keeps them.
        if self.ns_da_chiudere {
            self.ns.pop();
            self.ns_da_chiudere = false;
        }
        let letto = match self.reader.read_event_into(buf) {
            Ok(ev) => {
                let ambito = match &ev {
                    Event::Start(s) | Event::Empty(s) => {
                        // Only declarations open bindings: a tag without `xmlns` opens an
                        // empty scope (same resolver state, without a second attribute pass).
                        let esito = if s.attributes_raw().contains("xmlns") {
                            self.ns.push(s)
                        } else {
                            self.ns.push(&BytesStart::from_content("", 0))
                        };
                        self.ns_da_chiudere = matches!(ev, Event::Empty(_));
                        esito.map_err(quick_xml::Error::Namespace)
                    }
                    Event::End(_) => {
                        self.ns_da_chiudere = true;
                        Ok(())
                    }
                    _ => Ok(()),
                };
                ambito.map(|()| ev)
            }
            Err(e) => Err(e),
        };
        let (ns, evento) = match letto {
            Ok(ev) => {
                let (risolto, ev) = self.ns.resolve_event(ev);
                let ns = match risolto {
                    ResolveResult::Bound(n) => Some(AsRef::<str>::as_ref(&n) == NAMESPACE),
                    ResolveResult::Unbound => None,
                    ResolveResult::Unknown(p) => {
                        let e = self.errore(
                            "XML-001",
                            format!("undeclared namespace prefix {p:?}"),
                            Vec::new(),
                        );
                        self.blocca(e);
                        return Ok(());
                    }
                };
                (ns, ev)
            }
            Err(e) => return self.errore_quick_xml(e),
        };
        // `ns`: Some(true) in the INPS namespace, Some(false) in another one, None in none.
        let nel_namespace = ns == Some(true);
        let esito = match evento {
            Event::Start(s) => self.apri(&s, nel_namespace, false),
            Event::Empty(s) => self.apri(&s, nel_namespace, true),
            Event::End(_) => {
                self.chiudi();
                Ok(())
            }
            Event::Text(t) => self.testo(&t.xml10_content()),
            Event::CData(c) => self.testo(&c.xml10_content()),
            Event::GeneralRef(r) => {
                let nome: &str = &r;
                let sostituto = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => Ok(c.to_string()),
                        _ => Err(self.errore("XML-001", "invalid character reference", Vec::new())),
                    }
                } else if let Some(v) = quick_xml::escape::resolve_predefined_entity(nome) {
                    Ok(v.to_string())
                } else {
                    Err(self.errore(
                        "XML-002",
                        format!("entity reference &{nome}; is not allowed"),
                        Vec::new(),
                    ))
                };
                match sostituto {
                    Ok(s) if self.pila.is_empty() => Err(self.errore(
                        "XML-001",
                        format!("reference {s:?} outside the root element"),
                        Vec::new(),
                    )),
                    Ok(s) => self.testo(&s),
                    Err(e) => Err(e),
                }
            }
            Event::DocType(_) => Err(self.errore(
                "XML-002",
                "DOCTYPE declarations are not allowed",
                Vec::new(),
            )),
            Event::Decl(d) => self.dichiarazione(&d),
            Event::PI(_) | Event::Comment(_) => Ok(()),
            Event::Eof => {
                let esito = if !self.pila.is_empty() {
                    Err(self.errore(
                        "XML-001",
                        "unexpected end of document: unclosed elements",
                        Vec::new(),
                    ))
                } else if !self.radice_vista {
                    Err(self.errore("XML-001", "no root element", Vec::new()))
                } else {
                    Ok(())
                };
                self.finito = true;
                esito
            }
        };
        if let Err(e) = esito {
            self.blocca(e);
        }
        Ok(())
    }

    fn errore_quick_xml(&mut self, e: quick_xml::Error) -> Result<(), CartellaError> {
        let err = match &e {
            quick_xml::Error::Io(io) => {
                match io.get_ref().and_then(|g| g.downcast_ref::<Guasto>()) {
                    Some(Guasto::Limite(l)) => {
                        let valore = if *l == "dimensione_massima" {
                            self.limiti.dimensione_massima
                        } else {
                            self.limiti.attributo_massimo
                        };
                        self.limite(l, valore)
                    }
                    Some(Guasto::Utf16(m)) => self.errore("XML-001", *m, Vec::new()),
                    None => {
                        self.finito = true;
                        self.interrotto = true;
                        return Err(CartellaError::Io(io::Error::new(io.kind(), io.to_string())));
                    }
                }
            }
            quick_xml::Error::Encoding(_) => self.errore(
                "XML-012",
                "input is not valid UTF-8",
                vec![("codifica", "non UTF-8".to_string())],
            ),
            quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(_, n)) => {
                self.errore(
                    "XML-002",
                    format!("entity reference &{n}; is not allowed"),
                    Vec::new(),
                )
            }
            altro => self.errore("XML-001", format!("not well-formed: {altro}"), Vec::new()),
        };
        self.blocca(err);
        Ok(())
    }

    /// The XML declaration: UTF-8 (or UTF-16 for UTF-16 input) only.
    fn dichiarazione(&mut self, d: &quick_xml::events::BytesDecl<'_>) -> Result<(), ErroreXml> {
        let Some(enc) = d.encoding() else {
            return Ok(());
        };
        let enc = enc
            .map_err(|e| {
                self.errore(
                    "XML-001",
                    format!("malformed XML declaration: {e}"),
                    Vec::new(),
                )
            })?
            .to_string();
        let e = enc.to_ascii_lowercase();
        let utf16 = self.reader.get_ref().inner.utf16();
        let ok = matches!(e.as_str(), "utf-8" | "utf8")
            || (utf16 && matches!(e.as_str(), "utf-16" | "utf-16le" | "utf-16be" | "utf16"));
        if ok {
            Ok(())
        } else {
            Err(self.errore(
                "XML-012",
                format!("unsupported encoding {enc:?}"),
                vec![("codifica", enc)],
            ))
        }
    }

    /// Text, CDATA or a resolved reference.
    fn testo(&mut self, t: &str) -> Result<(), ErroreXml> {
        let Some(cima) = self.pila.last() else {
            if self.radice_vista || !t.trim().is_empty() {
                if t.trim().is_empty() {
                    return Ok(());
                }
                return Err(self.errore("XML-001", "text outside the root element", Vec::new()));
            }
            return Ok(());
        };
        if testuale(cima.nodo) {
            if self.testo.len() + t.len() > self.limiti.attributo_massimo {
                return Err(self.limite("attributo_massimo", self.limiti.attributo_massimo));
            }
            self.testo.push_str(t);
        } else if cima.nodo != Nodo::Ignorato && !t.trim().is_empty() {
            let (percorso, xml, rc) = (cima.percorso.clone(), cima.xml.clone(), self.rc);
            self.non_mappato("#text".to_string(), &percorso, &xml, rc);
        }
        Ok(())
    }

    /// Gives the header (once).
    fn dai_intestazione(&mut self, tipo: TipoFlusso) {
        if self.intestazione_data {
            return;
        }
        self.intestazione_data = true;
        let radice = self.pila.first();
        let visto = radice.is_some_and(|r| r.visti & 1 != 0);
        if !visto {
            let rc = radice.map_or((1, 1), |r| (r.riga, r.colonna));
            self.emetti(
                "XML-006",
                "/identificazione_flusso",
                "/Flusso",
                rc,
                [
                    ("elemento", "IdentificazioneFlusso".to_string()),
                    ("contenitore", "Flusso".to_string()),
                ],
            );
        }
        self.coda
            .push_back(InCoda::Evento(EventoFlusso::Intestazione {
                tipo,
                identificazione: std::mem::take(&mut self.identificazione),
            }));
    }

    /// JSON Pointer and XML path of the open element `i` (copies, for findings).
    fn percorsi(&self, i: usize) -> (String, String) {
        self.pila
            .get(i)
            .map(|c| (c.percorso.clone(), c.xml.clone()))
            .unwrap_or_default()
    }

    /// A start (or empty) tag.
    fn apri(
        &mut self,
        s: &BytesStart<'_>,
        nel_namespace: bool,
        vuoto: bool,
    ) -> Result<(), ErroreXml> {
        let nome_locale = s.local_name();
        let nome: &str = nome_locale.as_ref();
        if self.radice_chiusa {
            return Err(self.errore("XML-001", "content after the root element", Vec::new()));
        }
        self.elementi += 1;
        if self.elementi > self.limiti.elementi_massimi {
            return Err(self.limite("elementi_massimi", self.limiti.elementi_massimi));
        }
        if self.pila.len() + 1 > self.limiti.profondita_massima {
            return Err(self.limite("profondita_massima", self.limiti.profondita_massima));
        }
        let rc = self.rc;
        // Attributes: always parsed, for well-formedness, entities and limits.
        self.attributi(s)?;
        let tag: &str = s;

        let Some(i_padre) = self.pila.len().checked_sub(1) else {
            // The root.
            self.radice_vista = true;
            if !(nel_namespace && nome == "Flusso") {
                let trovato = match self.ns.resolve_element(s.name()).0 {
                    ResolveResult::Bound(n) => {
                        format!("{{{}}}{nome}", AsRef::<str>::as_ref(&n))
                    }
                    _ => nome.to_string(),
                };
                return Err(self.errore(
                    "XML-004",
                    format!("root {trovato}"),
                    vec![
                        ("atteso", format!("{{{NAMESPACE}}}Flusso")),
                        ("trovato", trovato),
                    ],
                ));
            }
            let c = self.pila.apri();
            c.nodo = Nodo::Radice;
            c.nome.push_str(nome);
            c.xml.push_str("/Flusso");
            c.riga = rc.0;
            c.colonna = rc.1;
            let nomi: Vec<String> = self
                .attr
                .iter()
                .map(|a| format!("Flusso/@{}", a.kv(tag, &self.attr_normalizzati).0))
                .collect();
            for n in nomi {
                self.non_mappato(n, "", "/Flusso", rc);
            }
            if vuoto {
                self.chiudi();
            }
            return Ok(());
        };
        let Some(padre) = self.pila.last_mut() else {
            return Ok(());
        };
        if padre.nodo == Nodo::Ignorato {
            if !vuoto {
                self.pila.apri_ignorata();
            }
            return Ok(());
        }
        let pos = padre.conta(nome);
        let padre_nodo = padre.nodo;
        let mut xml = std::mem::take(&mut self.tmp_xml);
        xml.clear();
        xml.push_str(&padre.xml);
        xml.push('/');
        xml.push_str(nome);
        if pos != 0 {
            xml.push('[');
            scrivi_numero(&mut xml, pos);
            xml.push(']');
        }
        let esito = self.apri_figlio(
            s,
            nome,
            tag,
            i_padre,
            padre_nodo,
            &xml,
            nel_namespace,
            vuoto,
        );
        self.tmp_xml = xml;
        esito
    }

    /// A child of a known element; `xml` is its XML path (and ends up in its frame).
    #[allow(clippy::too_many_arguments)]
    fn apri_figlio(
        &mut self,
        s: &BytesStart<'_>,
        nome: &str,
        tag: &str,
        i_padre: usize,
        padre_nodo: Nodo,
        xml: &str,
        nel_namespace: bool,
        vuoto: bool,
    ) -> Result<(), ErroreXml> {
        let rc = self.rc;
        if testuale(padre_nodo) {
            let (padre_percorso, _) = self.percorsi(i_padre);
            self.emetti(
                "XML-011",
                &padre_percorso,
                xml,
                rc,
                [("elemento", nome.to_string())],
            );
            return self.ignora(vuoto);
        }
        let noto = if nel_namespace {
            figlio(padre_nodo, nome, self.tipo)
        } else {
            None
        };
        let Some(noto) = noto else {
            let qualificato = if nel_namespace {
                nome.to_string()
            } else {
                match self.ns.resolve_element(s.name()).0 {
                    ResolveResult::Bound(n) => format!("{{{}}}{nome}", AsRef::<str>::as_ref(&n)),
                    _ => nome.to_string(),
                }
            };
            let (padre_percorso, padre_xml) = self.percorsi(i_padre);
            self.non_mappato(qualificato, &padre_percorso, &padre_xml, rc);
            return self.ignora(vuoto);
        };

        // Sequence order and maxOccurs=1.
        let (gia_visto, fuori_ordine) = {
            let Some(padre) = self.pila.last_mut() else {
                return Ok(());
            };
            let bit = 1u32 << noto.passo;
            let gia = padre.visti & bit != 0;
            let fuori = padre.passo.is_some_and(|p| noto.passo < p);
            padre.visti |= bit;
            padre.passo = Some(padre.passo.map_or(noto.passo, |p| p.max(noto.passo)));
            (gia, fuori)
        };
        if noto.nodo == Nodo::Identificazione && self.intestazione_data {
            // Too late: the header has been given already.
            self.emetti(
                "XML-005",
                "/identificazione_flusso",
                xml,
                rc,
                [("elemento", nome.to_string())],
            );
            return self.ignora(vuoto);
        }
        if noto.unico && gia_visto {
            let (padre_percorso, _) = self.percorsi(i_padre);
            let percorso = format!("{padre_percorso}/{}", campo_json(noto.nodo));
            self.emetti(
                "XML-009",
                &percorso,
                xml,
                rc,
                [("elemento", nome.to_string()), ("massimo", "1".to_string())],
            );
            return self.ignora(vuoto);
        }

        // Apply the element.
        let mut percorso = std::mem::take(&mut self.tmp_percorso);
        self.applica(noto.nodo, i_padre, tag, nome, xml, rc, &mut percorso);
        if fuori_ordine {
            self.emetti(
                "XML-005",
                &percorso,
                xml,
                rc,
                [("elemento", nome.to_string())],
            );
        }
        if testuale(noto.nodo) {
            self.testo.clear();
        }
        let c = self.pila.apri();
        c.nodo = noto.nodo;
        c.nome.push_str(nome);
        // The frame takes the path strings; its old (cleared) ones become the scratch ones.
        std::mem::swap(&mut c.percorso, &mut percorso);
        c.xml.push_str(xml);
        c.riga = rc.0;
        c.colonna = rc.1;
        self.tmp_percorso = percorso;
        if vuoto {
            self.chiudi();
        }
        Ok(())
    }

    /// Skips the element (and its subtree).
    fn ignora(&mut self, vuoto: bool) -> Result<(), ErroreXml> {
        if !vuoto {
            self.pila.apri_ignorata();
        }
        Ok(())
    }

    /// The attributes of a start tag as `(name, normalised value)` ranges in `self.attr`,
    /// namespace declarations excluded.
    ///
    /// Tags of the usual shape (`name="value"` separated by whitespace) are split here; any
    /// other shape goes through quick-xml's attribute iterator, which gives the same attributes
    /// and the exact error of a malformed tag. Either way each attribute goes through
    /// [`registra`](Self::registra) in document order, so the first problem met is the one
    /// reported.
    fn attributi(&mut self, s: &BytesStart<'_>) -> Result<(), ErroreXml> {
        let tag: &str = s;
        let inizio = tag.len() - s.attributes_raw().len();
        match self.attributi_rapidi(tag, inizio) {
            Some(esito) => esito,
            None => self.attributi_quick_xml(s),
        }
    }

    fn azzera_attributi(&mut self) {
        self.attr.clear();
        self.attr_normalizzati.clear();
        self.chiavi.clear();
        if !self.chiavi_hash.is_empty() {
            self.chiavi_hash.clear();
        }
    }

    /// The attributes of a tag of the usual shape, as quick-xml reads them (XML mode): names run
    /// up to `=` or whitespace, values are quoted. `None` for any other shape (whitespace around
    /// `=`, an unquoted or unterminated value, a name without value).
    fn attributi_rapidi(&mut self, tag: &str, inizio: usize) -> Option<Result<(), ErroreXml>> {
        self.azzera_attributi();
        let b = tag.as_bytes();
        let spazio = |c: u8| matches!(c, b' ' | b'\r' | b'\n' | b'\t');
        let mut i = inizio;
        loop {
            while b.get(i).is_some_and(|&c| spazio(c)) {
                i += 1;
            }
            if i >= b.len() {
                return Some(Ok(()));
            }
            let k0 = i;
            while b.get(i).is_some_and(|&c| c != b'=' && !spazio(c)) {
                i += 1;
            }
            if b.get(i) != Some(&b'=') {
                return None;
            }
            let k1 = i;
            let q = *b.get(i + 1)?;
            if q != b'"' && q != b'\'' {
                return None;
            }
            let v0 = i + 2;
            // One pass finds the closing quote and whether the value needs normalising.
            let mut speciale = false;
            let v1 = v0
                + b.get(v0..)?.iter().position(|&c| {
                    speciale |= da_normalizzare(c);
                    c == q
                })?;
            i = v1 + 1;
            if let Err(e) = self.registra(tag, (k0, k1), (v0, v1), speciale) {
                return Some(Err(e));
            }
        }
    }

    /// The attributes through quick-xml's iterator (duplicates checked by
    /// [`registra`](Self::registra), as quick-xml would).
    fn attributi_quick_xml(&mut self, s: &BytesStart<'_>) -> Result<(), ErroreXml> {
        self.azzera_attributi();
        let tag: &str = s;
        for a in s.attributes().with_checks(false) {
            let a = a.map_err(|e| {
                self.errore("XML-001", format!("malformed attribute: {e}"), Vec::new())
            })?;
            let k = intervallo(tag, a.key.0);
            let v = match &a.value {
                Cow::Borrowed(v) => intervallo(tag, v),
                Cow::Owned(_) => None,
            };
            let (Some(k), Some(v)) = (k, v) else {
                return Err(self.errore(
                    "XML-001",
                    "malformed attribute: outside the tag",
                    Vec::new(),
                ));
            };
            let speciale = tag
                .as_bytes()
                .get(v.0..v.1)
                .unwrap_or_default()
                .iter()
                .any(|&c| da_normalizzare(c));
            self.registra(tag, k, v, speciale)?;
        }
        Ok(())
    }

    /// The start of an earlier attribute of the tag with the name `chiave`, if any.
    fn duplicato(&mut self, tag: &str, chiave: &str) -> Option<usize> {
        let uguale = |r: &(usize, usize)| {
            r.1 - r.0 == chiave.len()
                && tag.as_bytes().get(r.0) == chiave.as_bytes().first()
                && tag.get(r.0..r.1) == Some(chiave)
        };
        if self.chiavi.len() >= ATTRIBUTI_SCANSIONE {
            // Many attributes: a hash set of the names keeps the tag linear.
            if self.chiavi_hash.is_empty() {
                for r in &self.chiavi {
                    self.chiavi_hash
                        .insert(tag.get(r.0..r.1).unwrap_or_default().to_string());
                }
            }
            if self.chiavi_hash.insert(chiave.to_string()) {
                return None;
            }
        }
        self.chiavi.iter().find(|r| uguale(r)).map(|r| r.0)
    }

    /// One attribute (byte ranges of its name and raw value in `tag`): duplicate names, namespace
    /// declarations (skipped), the length limit and the normalisation of the value (references
    /// resolved, whitespace replaced) as quick-xml does them.
    ///
    /// `da_normalizzare`: whether the raw value holds a character that normalisation changes
    /// (else it is kept as written, as quick-xml would).
    fn registra(
        &mut self,
        tag: &str,
        k: (usize, usize),
        v: (usize, usize),
        da_normalizzare: bool,
    ) -> Result<(), ErroreXml> {
        let chiave = tag.get(k.0..k.1).unwrap_or_default();
        if let Some(p) = self.duplicato(tag, chiave) {
            let e = quick_xml::events::attributes::AttrError::Duplicated(k.0, p);
            return Err(self.errore("XML-001", format!("malformed attribute: {e}"), Vec::new()));
        }
        self.chiavi.push(k);
        if chiave == "xmlns" || chiave.starts_with("xmlns:") {
            return Ok(());
        }
        let grezzo = tag.get(v.0..v.1).unwrap_or_default();
        if grezzo.len() > self.limiti.attributo_massimo {
            return Err(self.limite("attributo_massimo", self.limiti.attributo_massimo));
        }
        let (valore, normalizzato) = if da_normalizzare {
            let a = quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName(chiave),
                value: Cow::Borrowed(grezzo),
            };
            let valore = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|e| match e {
                    quick_xml::Error::Escape(
                        quick_xml::escape::EscapeError::UnrecognizedEntity(_, n),
                    ) => self.errore(
                        "XML-002",
                        format!("entity reference &{n}; is not allowed"),
                        Vec::new(),
                    ),
                    altro => self.errore(
                        "XML-001",
                        format!("malformed attribute value: {altro}"),
                        Vec::new(),
                    ),
                })?;
            let inizio = self.attr_normalizzati.len();
            self.attr_normalizzati.push_str(&valore);
            ((inizio, self.attr_normalizzati.len()), true)
        } else {
            (v, false)
        };
        self.attr.push(AttrRif {
            chiave: k,
            valore,
            normalizzato,
        });
        Ok(())
    }

    /// Builds the model for a known element that opens; writes its JSON Pointer in `percorso`.
    #[allow(clippy::too_many_arguments)]
    fn applica(
        &mut self,
        nodo: Nodo,
        i_padre: usize,
        tag: &str,
        nome: &str,
        xml: &str,
        rc: (usize, usize),
        percorso: &mut String,
    ) {
        // Items first: they may give the header.
        match nodo {
            Nodo::Beneficiario => {
                self.tipo = Some(TipoFlusso::PsPsaSina);
                self.dai_intestazione(TipoFlusso::PsPsaSina);
                self.elementi_flusso += 1;
                let mut b = self.libero_beneficiario.take().unwrap_or_default();
                ricicla_beneficiario(&mut b, &mut self.riserva);
                self.beneficiario = Some(b);
            }
            Nodo::Sinba => {
                self.tipo = Some(TipoFlusso::Sinba);
                self.dai_intestazione(TipoFlusso::Sinba);
                self.elementi_flusso += 1;
                let mut s = self.libero_sinba.take().unwrap_or_default();
                ricicla_sinba(&mut s, &mut self.riserva);
                self.sinba = Some(s);
            }
            _ => {}
        }
        percorso.clear();
        let padre_percorso = self.pila.get(i_padre).map_or("", |c| c.percorso.as_str());
        let _ = match nodo {
            Nodo::Beneficiario | Nodo::Sinba => {
                percorso.push_str(match self.tipo {
                    Some(TipoFlusso::Sinba) => "/sinba/",
                    _ => "/beneficiari/",
                });
                scrivi_numero(percorso, self.elementi_flusso.saturating_sub(1));
                Ok(())
            }
            Nodo::Indirizzo => {
                percorso.push_str(padre_percorso);
                percorso.push_str("/indirizzi/");
                scrivi_numero(
                    percorso,
                    self.beneficiario.as_ref().map_or(0, |b| b.indirizzi.len()),
                );
                Ok(())
            }
            Nodo::Prestazione => {
                percorso.push_str(padre_percorso);
                percorso.push_str("/prestazioni_sociali/");
                scrivi_numero(
                    percorso,
                    self.beneficiario
                        .as_ref()
                        .map_or(0, |b| b.prestazioni_sociali.len()),
                );
                Ok(())
            }
            Nodo::Testo(t) => {
                let ben = self.beneficiario.as_ref();
                let sina = ben
                    .and_then(|b| b.prestazioni_sociali.last())
                    .and_then(|p| p.sina.as_ref());
                let (campo, n) = match t {
                    Testo::Necessita => (
                        "codici_prestazione",
                        sina.and_then(|s| s.necessita_interventi_sociali.as_ref())
                            .map_or(0, |n| n.codici_prestazione.len()),
                    ),
                    Testo::InvCiv => (
                        "inv_civ",
                        sina.and_then(|s| s.invalidita_civile.as_ref())
                            .map_or(0, |n| n.inv_civ.len()),
                    ),
                    Testo::PrestazioneSinba => (
                        "codici_prestazione",
                        self.sinba
                            .as_ref()
                            .map_or(0, |s| s.prestazioni.codici_prestazione.len()),
                    ),
                    Testo::Composizione => (
                        "composizione_famiglia",
                        self.sinba
                            .as_ref()
                            .map_or(0, |s| s.famiglia.composizione_famiglia.len()),
                    ),
                };
                write!(percorso, "{padre_percorso}/{campo}/{n}")
            }
            _ => {
                percorso.push_str(padre_percorso);
                percorso.push('/');
                percorso.push_str(campo_json(nodo));
                Ok(())
            }
        };
        // The element of the model that takes the attributes.
        {
            fn prest(b: Option<&mut Beneficiario>) -> Option<&mut PrestazioniSociali> {
                b.and_then(|b| b.prestazioni_sociali.last_mut())
            }
            match nodo {
                Nodo::Indirizzo => {
                    if let Some(b) = self.beneficiario.as_mut() {
                        b.indirizzi.push(Default::default());
                    }
                }
                Nodo::Prestazione => {
                    if let Some(b) = self.beneficiario.as_mut() {
                        b.prestazioni_sociali.push(Default::default());
                    }
                }
                Nodo::Sina => {
                    if let Some(p) = prest(self.beneficiario.as_mut()) {
                        p.sina = Some(Default::default());
                    }
                }
                Nodo::Necessita => {
                    if let Some(s) = prest(self.beneficiario.as_mut()).and_then(|p| p.sina.as_mut())
                    {
                        s.necessita_interventi_sociali = Some(Default::default());
                    }
                }
                Nodo::Invalidita => {
                    if let Some(s) = prest(self.beneficiario.as_mut()).and_then(|p| p.sina.as_mut())
                    {
                        s.invalidita_civile = Some(Default::default());
                    }
                }
                _ => {}
            }
        }
        if self.attr.is_empty() {
            return;
        }
        let attr = std::mem::take(&mut self.attr);
        let normalizzati = std::mem::take(&mut self.attr_normalizzati);
        let mut sconosciuti = Vec::new();
        let mut cursore = 0;
        for a in &attr {
            let (k, v) = a.kv(tag, &normalizzati);
            // A prefixed name (`k` with `:`) is never an attribute of the flows: `imposta_*`
            // refuses it like any other unknown name.
            if !self.imposta_attributo(nodo, k, v, &mut cursore) {
                sconosciuti.push(k.to_string());
            }
        }
        self.attr = attr;
        self.attr_normalizzati = normalizzati;
        for k in sconosciuti {
            self.non_mappato(format!("{nome}/@{k}"), percorso, xml, rc);
        }
    }

    /// Sets attribute `k` of the model element of `nodo` being read; `false` when it has no such
    /// attribute.
    fn imposta_attributo(&mut self, nodo: Nodo, k: &str, v: &str, c: &mut usize) -> bool {
        let r = &mut self.riserva;
        let ben = self.beneficiario.as_mut();
        match nodo {
            Nodo::Identificazione => self.identificazione.imposta_da(k, v, r, c),
            Nodo::Ente => self.identificazione.ente.imposta_da(k, v, r, c),
            Nodo::Beneficiario => ben.is_some_and(|b| b.imposta_da(k, v, r, c)),
            Nodo::Anagrafica => ben.is_some_and(|b| b.anagrafica.imposta_da(k, v, r, c)),
            Nodo::Indirizzo => ben
                .and_then(|b| b.indirizzi.last_mut())
                .is_some_and(|i| i.imposta_da(k, v, r, c)),
            Nodo::Prestazione => ben
                .and_then(|b| b.prestazioni_sociali.last_mut())
                .is_some_and(|p| p.imposta_da(k, v, r, c)),
            Nodo::Sina => ben
                .and_then(|b| b.prestazioni_sociali.last_mut())
                .and_then(|p| p.sina.as_mut())
                .is_some_and(|s| s.imposta_da(k, v, r, c)),
            Nodo::Sinba => self
                .sinba
                .as_mut()
                .is_some_and(|s| s.imposta_da(k, v, r, c)),
            _ => false,
        }
    }

    /// An end tag (or the end of an empty element).
    fn chiudi(&mut self) {
        if !self.pila.chiudi() {
            return;
        }
        let Some(c) = self.pila.chiusa() else {
            return;
        };
        let (nodo, visti, rc) = (c.nodo, c.visti, (c.riga, c.colonna));
        for (passo, elemento, campo) in obbligatori(nodo) {
            if visti & (1 << passo) == 0 {
                let Some(c) = self.pila.chiusa() else {
                    return;
                };
                let percorso = format!("{}/{campo}", c.percorso);
                let (xml, contenitore) = (c.xml.clone(), c.nome.clone());
                self.emetti(
                    "XML-006",
                    &percorso,
                    &xml,
                    rc,
                    [
                        ("elemento", (*elemento).to_string()),
                        ("contenitore", contenitore),
                    ],
                );
            }
        }
        match nodo {
            Nodo::Testo(t) => {
                let v = std::mem::take(&mut self.testo);
                let prest = self
                    .beneficiario
                    .as_mut()
                    .and_then(|b| b.prestazioni_sociali.last_mut())
                    .and_then(|p| p.sina.as_mut());
                match t {
                    Testo::Necessita => {
                        if let Some(n) = prest.and_then(|s| s.necessita_interventi_sociali.as_mut())
                        {
                            n.codici_prestazione.push(v);
                        }
                    }
                    Testo::InvCiv => {
                        if let Some(n) = prest.and_then(|s| s.invalidita_civile.as_mut()) {
                            n.inv_civ.push(v);
                        }
                    }
                    Testo::PrestazioneSinba => {
                        if let Some(s) = self.sinba.as_mut() {
                            s.prestazioni.codici_prestazione.push(v);
                        }
                    }
                    Testo::Composizione => {
                        if let Some(s) = self.sinba.as_mut() {
                            s.famiglia.composizione_famiglia.push(v);
                        }
                    }
                }
            }
            Nodo::Beneficiario => {
                if let Some(b) = self.beneficiario.take() {
                    self.pronto_beneficiario = Some(b);
                    self.coda.push_back(InCoda::Beneficiario);
                }
            }
            Nodo::Sinba => {
                if let Some(s) = self.sinba.take() {
                    self.pronto_sinba = Some(s);
                    self.coda.push_back(InCoda::Sinba);
                }
            }
            Nodo::Radice => {
                self.radice_chiusa = true;
                if !self.intestazione_data {
                    let tipo = if self
                        .identificazione
                        .nome
                        .as_deref()
                        .is_some_and(|n| n.contains(".SINBA."))
                    {
                        TipoFlusso::Sinba
                    } else {
                        TipoFlusso::PsPsaSina
                    };
                    // The header (with XML-006 for IdentificazioneFlusso if missing) first.
                    self.pila.riapri();
                    self.dai_intestazione(tipo);
                    self.pila.chiudi();
                    let Some(c) = self.pila.chiusa() else {
                        return;
                    };
                    let xml = c.xml.clone();
                    let (elemento, campo) = match tipo {
                        TipoFlusso::PsPsaSina => ("Beneficiario", "/beneficiari"),
                        TipoFlusso::Sinba => ("SINBA", "/sinba"),
                    };
                    self.emetti(
                        "XML-006",
                        campo,
                        &xml,
                        rc,
                        [
                            ("elemento", elemento.to_string()),
                            ("contenitore", "Flusso".to_string()),
                        ],
                    );
                }
            }
            _ => {}
        }
    }
}

/// The JSON field of a single-occurrence element.
fn campo_json(nodo: Nodo) -> &'static str {
    match nodo {
        Nodo::Identificazione => "identificazione_flusso",
        Nodo::Ente => "ente",
        Nodo::Anagrafica => "anagrafica",
        Nodo::Sina => "sina",
        Nodo::Necessita => "necessita_interventi_sociali",
        Nodo::Invalidita => "invalidita_civile",
        Nodo::PrestazioniSinba => "prestazioni",
        Nodo::Famiglia => "famiglia",
        _ => "",
    }
}

impl<R: BufRead> Iterator for LettoreFlusso<R> {
    type Item = Result<EventoFlusso, CartellaError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(e) = self.coda.pop_front() {
                return Some(Ok(match e {
                    InCoda::Evento(e) => e,
                    InCoda::Beneficiario => EventoFlusso::Beneficiario(Box::new(
                        self.pronto_beneficiario.take().unwrap_or_default(),
                    )),
                    InCoda::Sinba => {
                        EventoFlusso::Sinba(Box::new(self.pronto_sinba.take().unwrap_or_default()))
                    }
                }));
            }
            if self.finito {
                return None;
            }
            if let Err(e) = self.avanza() {
                return Some(Err(e));
            }
        }
    }
}

/// Result of reading a whole flow: the flow (absent when the input is unreadable) and the
/// findings (mirrors [`crate::interscambio::lettore::Lettura`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlussoLetto {
    /// The flow read, `None` when a blocking finding (`XML-001`–`XML-004`, `XML-012`) stopped
    /// the reading.
    pub flusso: Option<Flusso>,
    /// Every finding raised while reading, in document order.
    pub issues: Vec<Issue>,
}

impl FlussoLetto {
    /// Whether a finding of `rule_id` was raised.
    pub fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }
}

/// Reads a whole flow from a reader, through [`LettoreFlusso`].
///
/// # Errors
/// [`CartellaError::Io`] when the reader fails (never for problems of the input: those are
/// findings).
pub fn leggi_da<R: BufRead>(
    r: R,
    opzioni: &OpzioniLetturaFlusso,
) -> Result<FlussoLetto, CartellaError> {
    let mut lettore = LettoreFlusso::nuovo(r, opzioni);
    let mut flusso: Option<Flusso> = None;
    let mut issues = Vec::new();
    for evento in lettore.by_ref() {
        match evento? {
            EventoFlusso::Intestazione {
                tipo,
                identificazione,
            } => {
                flusso = Some(match tipo {
                    TipoFlusso::PsPsaSina => Flusso::PsPsaSina(FlussoPsPsaSina {
                        identificazione_flusso: identificazione,
                        beneficiari: Vec::new(),
                    }),
                    TipoFlusso::Sinba => Flusso::Sinba(FlussoSinba {
                        identificazione_flusso: identificazione,
                        sinba: Vec::new(),
                    }),
                })
            }
            EventoFlusso::Beneficiario(b) => {
                if let Some(Flusso::PsPsaSina(f)) = &mut flusso {
                    f.beneficiari.push(*b);
                }
            }
            EventoFlusso::Sinba(s) => {
                if let Some(Flusso::Sinba(f)) = &mut flusso {
                    f.sinba.push(*s);
                }
            }
            EventoFlusso::Finding(i) => issues.push(i),
        }
    }
    if lettore.interrotto() {
        flusso = None;
    }
    Ok(FlussoLetto { flusso, issues })
}

/// Reads a whole flow from bytes (see the [module documentation](self) for the findings).
///
/// ```
/// use cartella::siuss::xml::{leggi, OpzioniLetturaFlusso};
/// let l = leggi(b"<Flusso/>", &OpzioniLetturaFlusso::default());
/// assert!(l.flusso.is_none());
/// assert!(l.has("XML-004"));
/// ```
pub fn leggi(xml: &[u8], opzioni: &OpzioniLetturaFlusso) -> FlussoLetto {
    // A slice never fails to read.
    leggi_da(xml, opzioni).unwrap_or_default()
}

/// Which flow a document is: the root must be `Flusso` in the INPS namespace
/// (`http://inps.it/Casellario`); the first item element in that namespace, `Beneficiario`
/// (PS-PSA-SINA) or `SINBA` (SINBA), decides.
///
/// Only the document up to the first item is read: `Some` does not mean that the rest is
/// well-formed or valid. `None` when the document is unreadable before the first item (not
/// well-formed, DOCTYPE, wrong root or namespace…) or has no item.
///
/// ```
/// use cartella::siuss::xml::rileva_tipo;
/// use cartella::siuss::TipoFlusso;
/// let x = br#"<?xml version="1.0" encoding="UTF-8"?><Flusso xmlns="http://inps.it/Casellario"><IdentificazioneFlusso Nome="x"><Ente/></IdentificazioneFlusso><SINBA/></Flusso>"#;
/// assert_eq!(rileva_tipo(x), Some(TipoFlusso::Sinba));
/// assert_eq!(rileva_tipo(b"<Flusso><Beneficiario/></Flusso>"), None); // no namespace
/// ```
pub fn rileva_tipo(xml: &[u8]) -> Option<TipoFlusso> {
    leggi_intestazione(xml).map(|(tipo, _)| tipo)
}

/// The type and the `IdentificazioneFlusso` of a flow, read as [`rileva_tipo`] reads (only up
/// to the first item); `None` in the same cases.
pub fn leggi_intestazione(xml: &[u8]) -> Option<(TipoFlusso, IdentificazioneFlusso)> {
    let mut lettore = LettoreFlusso::nuovo(xml, &OpzioniLetturaFlusso::default());
    while let Some(Ok(evento)) = lettore.next() {
        if let EventoFlusso::Intestazione {
            tipo,
            identificazione,
        } = evento
        {
            return (lettore.elementi_letti() > 0).then_some((tipo, identificazione));
        }
    }
    None
}
