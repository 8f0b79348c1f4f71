//! Hardened XML layer of the interscambio readers (`interscambio.md` §2).
//!
//! [`analizza`] turns bytes into a small element tree ([`Elemento`]) whose nodes, attribute lists
//! and resolved strings live in an [`Arena`] the caller owns (one allocation per arena chunk, not
//! per node; dropping the tree is dropping the arena), enforcing the security rules of §2 item 5:
//!
//! - input size, nesting depth, number of elements and attribute-value length are bounded by
//!   [`LimitiXml`] → `XML-003`;
//! - a DOCTYPE/DTD, or any entity reference other than the five predefined ones and character
//!   references → `XML-002` (nothing is ever expanded or fetched);
//! - input that is not well-formed → `XML-001`;
//! - an encoding other than UTF-8 or UTF-16 → `XML-012`.
//!
//! Every error carries a 1-based line and column; every element its byte offset ([`posizione`] turns
//! it into a line and column on demand).

use std::borrow::Cow;

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::lettore::NS_HL7;

/// Limits applied while parsing (`interscambio.md` §2 item 5). Exceeding one → `XML-003`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitiXml {
    /// Maximum document size in bytes (default 20 MiB).
    pub dimensione_massima: usize,
    /// Maximum element nesting depth (default 64).
    pub profondita_massima: usize,
    /// Maximum number of elements (default 100 000).
    pub elementi_massimi: usize,
    /// Maximum length in bytes of one attribute value (default 64 KiB).
    pub attributo_massimo: usize,
}

impl Default for LimitiXml {
    fn default() -> Self {
        LimitiXml {
            dimensione_massima: 20 * 1024 * 1024,
            profondita_massima: 64,
            elementi_massimi: 100_000,
            attributo_massimo: 64 * 1024,
        }
    }
}

/// Storage of the trees built by [`analizza`]: nodes, attribute lists and the strings that had to
/// be rebuilt (resolved references, a decoded UTF-16 document) are allocated in it, so a tree
/// costs a handful of allocations whatever its size and is freed at once with the arena.
///
/// ```
/// use cartella::interscambio::xml::{analizza, Arena, LimitiXml};
/// let arena = Arena::new();
/// let radice = analizza(b"<a><b c='1'/></a>", &LimitiXml::default(), &arena).unwrap();
/// assert_eq!(radice.figli[0].attr("c"), Some("1"));
/// ```
#[derive(Debug, Default)]
pub struct Arena {
    bump: bumpalo::Bump,
}

impl Arena {
    /// An empty arena.
    pub fn new() -> Arena {
        Arena::default()
    }

    /// An arena with room for the tree of a document of `byte` bytes (about twice its size), so
    /// reading it needs a single allocation.
    pub fn per_documento(byte: usize) -> Arena {
        Arena {
            bump: bumpalo::Bump::with_capacity(byte.saturating_mul(2).min(64 * 1024 * 1024)),
        }
    }

    fn stringa<'a>(&'a self, s: &str) -> &'a str {
        self.bump.alloc_str(s)
    }

    fn testo<'a>(&'a self, s: Cow<'a, str>) -> &'a str {
        match s {
            Cow::Borrowed(s) => s,
            Cow::Owned(s) => self.stringa(&s),
        }
    }

    fn elenco<'a, T: Copy>(&'a self, elementi: &[T]) -> &'a [T] {
        if elementi.is_empty() {
            &[]
        } else {
            self.bump.alloc_slice_copy(elementi)
        }
    }
}

/// One attribute: qualified name as written (`prefix:local` or `local`) and its unescaped,
/// trimmed value. Names and values borrow from the input, or from the [`Arena`] when they had to
/// be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attributo<'a> {
    /// Namespace prefix (`None` when unprefixed).
    pub prefisso: Option<&'a str>,
    /// Local name.
    pub nome: &'a str,
    /// Value (entities resolved, whitespace trimmed).
    pub valore: &'a str,
}

/// One element of the tree. Names, values and text borrow from the input, or from the [`Arena`]
/// when they had to be rebuilt (resolved references, UTF-16 input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Elemento<'a> {
    /// Local name (no prefix).
    pub nome: &'a str,
    /// Namespace URI (`None` when the element is in no namespace).
    pub namespace: Option<&'a str>,
    /// Attributes in document order (namespace declarations excluded).
    pub attributi: &'a [Attributo<'a>],
    /// Concatenated text content of this element (not of its children), untrimmed; when all of
    /// it is white space, only its first piece is kept (indentation between children).
    pub testo: &'a str,
    /// Child elements in document order.
    pub figli: &'a [Elemento<'a>],
    /// Byte offset of the start tag in the decoded text; [`posizione`] turns it into a 1-based
    /// line and column (computed only when asked: nothing on the reading path needs it).
    pub inizio: usize,
}

impl<'a> Elemento<'a> {
    /// The value of an unprefixed attribute.
    pub fn attr(&self, nome: &str) -> Option<&'a str> {
        self.attributi
            .iter()
            .find(|a| a.prefisso.is_none() && a.nome == nome)
            .map(|a| a.valore)
    }

    /// The value of a prefixed attribute with this local name (e.g. `xsi:type` → `"type"`).
    pub fn attr_prefissato(&self, nome: &str) -> Option<&'a str> {
        self.attributi
            .iter()
            .find(|a| a.prefisso.is_some_and(|p| p != "xmlns") && a.nome == nome)
            .map(|a| a.valore)
    }

    /// Child elements with this local name.
    pub fn figli_nome<'s>(&'s self, nome: &'s str) -> impl Iterator<Item = &'a Elemento<'a>> + 's {
        self.figli.iter().filter(move |f| f.nome == nome)
    }

    /// The first child with this local name.
    pub fn figlio(&self, nome: &str) -> Option<&'a Elemento<'a>> {
        self.figli.iter().find(|f| f.nome == nome)
    }

    /// The trimmed text content of this element only (text of child elements excluded): the value
    /// of a text-valued element, whose unexpected children are ignored (`XML-011`).
    pub fn testo_proprio(&self) -> String {
        self.testo.trim().to_string()
    }

    /// The trimmed text content of this element and all its descendants, concatenated.
    pub fn testo_completo(&self) -> String {
        if self.figli.is_empty() {
            return self.testo_proprio();
        }
        let mut s = String::new();
        fn raccogli(e: &Elemento<'_>, s: &mut String) {
            s.push_str(e.testo);
            for f in e.figli {
                raccogli(f, s);
            }
        }
        raccogli(self, &mut s);
        s.trim().to_string()
    }
}

/// A fatal error of the XML layer: the rule it raises and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErroreXml {
    /// `XML-001`, `XML-002`, `XML-003` or `XML-012`.
    pub rule_id: &'static str,
    /// Description (English, no personal data).
    pub messaggio: String,
    /// 1-based line (1 when unknown).
    pub riga: usize,
    /// 1-based column (1 when unknown).
    pub colonna: usize,
    /// The parameters of the rule (its catalogue `params`; never personal data).
    pub parametri: Vec<(&'static str, String)>,
}

impl ErroreXml {
    /// The parameters of the finding: the rule's parameters plus `riga` and `colonna`.
    pub fn parametri_issue(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("riga", self.riga.to_string()),
            ("colonna", self.colonna.to_string()),
        ];
        p.extend(self.parametri.iter().cloned());
        p
    }

    fn con(mut self, nome: &'static str, valore: impl ToString) -> Self {
        self.parametri.push((nome, valore.to_string()));
        self
    }
}

impl std::fmt::Display for ErroreXml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.rule_id, self.messaggio, self.riga, self.colonna
        )
    }
}

impl std::error::Error for ErroreXml {}

/// 1-based line and column (in characters) of a byte offset in a text, e.g. of
/// [`Elemento::inizio`] in the decoded document.
pub fn posizione(testo: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(testo.len());
    let prima = testo.as_bytes().get(..offset).unwrap_or_default();
    let riga = prima.iter().filter(|b| **b == b'\n').count() + 1;
    let inizio = prima.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let colonna = String::from_utf8_lossy(prima.get(inizio..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    (riga, colonna)
}

/// An error of `rule_id`; `XML-001` carries its description as `dettaglio`, the other rules'
/// parameters are added with [`ErroreXml::con`].
fn errore(rule_id: &'static str, messaggio: impl Into<String>, rc: (usize, usize)) -> ErroreXml {
    let messaggio = messaggio.into();
    let parametri = if rule_id == "XML-001" {
        vec![("dettaglio", messaggio.clone())]
    } else {
        Vec::new()
    };
    ErroreXml {
        rule_id,
        messaggio,
        riga: rc.0,
        colonna: rc.1,
        parametri,
    }
}

/// Decodes the input to UTF-8 text: BOM detection (UTF-8, UTF-16LE/BE), then the encoding of the
/// XML declaration, which must be UTF-8 or UTF-16 (`XML-012`).
fn decodifica(xml: &[u8]) -> Result<Cow<'_, str>, ErroreXml> {
    let utf16 = |dati: &[u8], le: bool| -> Result<Cow<'_, str>, ErroreXml> {
        if dati.len() % 2 != 0 {
            return Err(errore("XML-001", "truncated UTF-16 input", (1, 1)));
        }
        let unita = dati.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(unita)
            .collect::<Result<String, _>>()
            .map(Cow::Owned)
            .map_err(|_| errore("XML-001", "invalid UTF-16 input", (1, 1)))
    };
    let (testo, da_utf16) = if let Some(resto) = xml.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (bytes_utf8(resto)?, false)
    } else if let Some(resto) = xml.strip_prefix(&[0xFF, 0xFE]) {
        (utf16(resto, true)?, true)
    } else if let Some(resto) = xml.strip_prefix(&[0xFE, 0xFF]) {
        (utf16(resto, false)?, true)
    } else if xml.starts_with(&[0x3C, 0x00]) {
        (utf16(xml, true)?, true)
    } else if xml.starts_with(&[0x00, 0x3C]) {
        (utf16(xml, false)?, true)
    } else {
        (bytes_utf8(xml)?, false)
    };
    if let Some(enc) = encoding_dichiarato(&testo) {
        let e = enc.to_ascii_lowercase();
        let ok = matches!(e.as_str(), "utf-8" | "utf8")
            || (matches!(e.as_str(), "utf-16" | "utf-16le" | "utf-16be" | "utf16") && da_utf16)
            // A UTF-16 declaration on bytes that decode as ASCII-compatible text is accepted as
            // UTF-8 only if the declaration says UTF-8: anything else is refused.
            ;
        if !ok {
            return Err(
                errore("XML-012", format!("unsupported encoding {enc:?}"), (1, 1))
                    .con("codifica", enc),
            );
        }
    }
    Ok(testo)
}

fn bytes_utf8(dati: &[u8]) -> Result<Cow<'_, str>, ErroreXml> {
    match std::str::from_utf8(dati) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let ok = dati.get(..e.valid_up_to()).unwrap_or_default();
            let prefisso = String::from_utf8_lossy(ok);
            let rc = posizione(&prefisso, prefisso.len());
            // Bytes that are not UTF-8 without a declaration of another encoding: most likely a
            // legacy single-byte encoding.
            let testo = String::from_utf8_lossy(dati);
            if let Some(enc) = encoding_dichiarato(&testo) {
                let e = enc.to_ascii_lowercase();
                if !matches!(e.as_str(), "utf-8" | "utf8") {
                    return Err(
                        errore("XML-012", format!("unsupported encoding {enc:?}"), (1, 1))
                            .con("codifica", enc),
                    );
                }
            }
            Err(errore("XML-012", "input is not valid UTF-8", rc).con("codifica", "non UTF-8"))
        }
    }
}

/// The `encoding` pseudo-attribute of the XML declaration, if any.
fn encoding_dichiarato(testo: &str) -> Option<&str> {
    let t = testo.strip_prefix("<?xml")?;
    let fine = t.find("?>")?;
    let decl = t.get(..fine)?;
    let p = decl.find("encoding")?;
    let resto = decl.get(p + "encoding".len()..)?.trim_start();
    let resto = resto.strip_prefix('=')?.trim_start();
    let q = resto.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let resto = resto.get(1..)?;
    let e = resto.find(q)?;
    resto.get(..e)
}

const PREDEFINITE: [(&str, &str); 5] = [
    ("lt", "<"),
    ("gt", ">"),
    ("amp", "&"),
    ("apos", "'"),
    ("quot", "\""),
];

/// Parses a document into a tree under the given limits; the tree borrows from the input and
/// from `arena`.
///
/// ```
/// use cartella::interscambio::xml::{analizza, Arena, LimitiXml};
/// let arena = Arena::new();
/// let e = analizza(b"<a xmlns='urn:x'><b c=' 1 '>t</b></a>", &LimitiXml::default(), &arena).unwrap();
/// assert_eq!(e.figli[0].attr("c"), Some("1"));
/// let err = analizza(b"<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", &LimitiXml::default(), &arena)
///     .unwrap_err();
/// assert_eq!(err.rule_id, "XML-002");
/// ```
pub fn analizza<'a>(
    xml: &'a [u8],
    limiti: &LimitiXml,
    arena: &'a Arena,
) -> Result<Elemento<'a>, ErroreXml> {
    if xml.len() > limiti.dimensione_massima {
        return Err(errore(
            "XML-003",
            format!(
                "document size {} exceeds the limit {}",
                xml.len(),
                limiti.dimensione_massima
            ),
            (1, 1),
        )
        .con("limite", "dimensione_massima")
        .con("valore", limiti.dimensione_massima));
    }
    let testo = arena.testo(decodifica(xml)?);
    match costruisci_veloce(testo, limiti, arena) {
        Some(radice) => Ok(radice),
        None => costruisci(testo, limiti, arena),
    }
}

/// XML white space.
fn spazio(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Length of the name starting at `b[i..]`: ASCII letters, digits, `_`, `-`, `.`, at most one
/// `:` not at the end; not starting with a digit, `-`, `.` or `:` (0 when there is no such name).
fn lunghezza_nome(b: &[u8], i: usize) -> usize {
    let resto = b.get(i..).unwrap_or_default();
    match resto.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {}
        _ => return 0,
    }
    let mut due_punti = 0;
    let mut n = 1;
    while let Some(&c) = resto.get(n) {
        match CARATTERI_NOME[usize::from(c)] {
            1 => {}
            2 => due_punti += 1,
            _ => break,
        }
        n += 1;
    }
    if due_punti > 1 || resto.get(n - 1) == Some(&b':') {
        return 0;
    }
    n
}

/// The bytes of a name after its first: 1 for ASCII letters, digits, `_`, `-`, `.`; 2 for `:`;
/// 0 for anything else.
const CARATTERI_NOME: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.' {
            t[c] = 1;
        }
        c += 1;
    }
    t[b':' as usize] = 2;
    t
};

/// A qualified name split at its colon (names from [`lunghezza_nome`] have at most one, not at
/// either end): prefix (`None` when unprefixed) and local name.
fn dividi_nome(qname: &str) -> (Option<&str>, &str) {
    match memchr::memchr(b':', qname.as_bytes()) {
        Some(p) => (qname.get(..p), qname.get(p + 1..).unwrap_or_default()),
        None => (None, qname),
    }
}

/// Index of the first byte at or after `i` that is not white space.
fn salta_spazi(b: &[u8], mut i: usize) -> usize {
    while b.get(i).copied().is_some_and(spazio) {
        i += 1;
    }
    i
}

/// The attributes of a tag from `b[i..]` up to `>` or `/>` (`?>` for the XML declaration,
/// `decl`; strict syntax: white space before
/// each attribute, quoted values without `<`, no duplicates); returns the index of `>` or `/`
/// and whether the tag is empty. `None` on anything else.
fn attributi_grezzi<'t>(
    testo: &'t str,
    mut i: usize,
    decl: bool,
    out: &mut Vec<(&'t str, &'t str)>,
) -> Option<(usize, bool)> {
    let b = testo.as_bytes();
    loop {
        let dopo = salta_spazi(b, i);
        match b.get(dopo)? {
            b'?' if decl => return (b.get(dopo + 1) == Some(&b'>')).then_some((dopo, false)),
            b'>' if !decl => return Some((dopo, false)),
            b'/' if !decl => return (b.get(dopo + 1) == Some(&b'>')).then_some((dopo, true)),
            _ => {}
        }
        if dopo == i {
            return None;
        }
        let n = lunghezza_nome(b, dopo);
        if n == 0 {
            return None;
        }
        let nome = testo.get(dopo..dopo + n)?;
        let j = salta_spazi(b, dopo + n);
        if b.get(j) != Some(&b'=') {
            return None;
        }
        let j = salta_spazi(b, j + 1);
        let q = *b.get(j)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let fine = j + 1 + memchr::memchr3(q, b'<', b'>', b.get(j + 1..)?)?;
        if b.get(fine) != Some(&q) {
            return None;
        }
        let valore = testo.get(j + 1..fine)?;
        if out.iter().any(|(k, _)| *k == nome) {
            return None;
        }
        out.push((nome, valore));
        i = fine + 1;
    }
}

/// The text of an open element, in both parsers: the text so far and whether it is all white
/// space. White space after text that is all white space is not appended (the indentation
/// between children): the first piece stands for it, and no string is built.
struct Testo<'t> {
    testo: Cow<'t, str>,
    spazi: bool,
}

impl Default for Testo<'_> {
    fn default() -> Self {
        Testo {
            testo: Cow::Borrowed(""),
            spazi: true,
        }
    }
}

impl<'t> Testo<'t> {
    /// Appends the text `t` of the fast path (`riferimenti`: whether it has references, resolved
    /// here; `solo_spazi`: whether it is all white space); `None` on references other than the
    /// predefined entities (left to the full parser, like `\r` and `>`, which the caller
    /// refuses).
    fn aggiungi(&mut self, t: &'t str, riferimenti: bool, solo_spazi: bool) -> Option<()> {
        if !riferimenti {
            self.pezzo(Cow::Borrowed(t), solo_spazi);
            return Some(());
        }
        // The full parser sees the text around each reference as a piece of its own.
        let mut resto = t;
        while let Some(p) = resto.find('&') {
            let prima = resto.get(..p)?;
            self.pezzo(Cow::Borrowed(prima), spazi_soltanto(prima));
            let dopo = resto.get(p + 1..)?;
            let fine = dopo.find(';')?;
            let nome = dopo.get(..fine)?;
            let (_, v) = PREDEFINITE.iter().find(|(n, _)| *n == nome)?;
            self.pezzo(Cow::Borrowed(v), false);
            resto = dopo.get(fine + 1..)?;
        }
        self.pezzo(Cow::Borrowed(resto), spazi_soltanto(resto));
        Some(())
    }

    /// One piece of text (`spazi`: whether it is all white space): the full parser's text
    /// events, or the pieces of [`Testo::aggiungi`].
    fn pezzo(&mut self, p: Cow<'t, str>, spazi: bool) {
        if p.is_empty() || (spazi && self.spazi && !self.testo.is_empty()) {
            return;
        }
        self.spazi &= spazi;
        accoda(&mut self.testo, p);
    }
}

/// Closes an open element: its text and children (the tail of `figli` from `primo`) move into
/// the arena.
fn completa<'t>(
    arena: &'t Arena,
    mut el: Elemento<'t>,
    testo: Testo<'t>,
    figli: &mut Vec<Elemento<'t>>,
    primo: usize,
) -> Elemento<'t> {
    el.testo = arena.testo(testo.testo);
    el.figli = arena.elenco(figli.get(primo..).unwrap_or_default());
    figli.truncate(primo);
    el
}

/// The namespaces reserved by XML (their bindings are left to the full parser).
const NS_RISERVATI: [&str; 2] = [
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
];

/// Fast path of [`costruisci`] for the plain documents writers produce: elements, attributes,
/// text with the predefined entities, namespace declarations, an XML declaration. It reads
/// the text in one pass without an event reader and gives up (`None`) on anything else or on
/// anything [`costruisci`] would report (comments, PIs, CDATA, DOCTYPE, character
/// references, carriage returns, malformed or unusual syntax, unknown prefixes, reserved
/// namespaces, exceeded limits): the caller then runs [`costruisci`], so findings and
/// positions always come from the full parser. When it succeeds, the tree is the one
/// [`costruisci`] builds.
fn costruisci_veloce<'t>(
    testo: &'t str,
    limiti: &LimitiXml,
    arena: &'t Arena,
) -> Option<Elemento<'t>> {
    let b = testo.as_bytes();
    let mut grezzi: Vec<(&'t str, &'t str)> = Vec::new();
    let mut i = 0;
    if b.starts_with(b"<?xml") && b.get(5).copied().is_some_and(spazio) {
        let fine = testo.find("?>")?;
        let (f, _) = attributi_grezzi(testo, 5, true, &mut grezzi)?;
        if f != fine
            || !grezzi
                .iter()
                .all(|(k, _)| matches!(*k, "version" | "encoding" | "standalone"))
        {
            return None;
        }
        grezzi.clear();
        i = fine + 2;
    }
    // Open elements: the element, its text so far, where its children start in `figli`, its
    // qualified name and the number of namespace bindings before it. `figli` holds the children
    // of every open element, copied into the arena (one slice) when their parent closes.
    let mut pila: Vec<(Elemento<'t>, Testo<'t>, usize, &'t str, usize)> = Vec::new();
    let mut figli: Vec<Elemento<'t>> = Vec::new();
    let mut attributi: Vec<Attributo<'t>> = Vec::new();
    // Namespace bindings in scope: prefix (`""` for the default namespace) and URI (`None`
    // for `xmlns=""`).
    let mut legami: Vec<(&'t str, Option<&'t str>)> = Vec::new();
    let mut radice: Option<Elemento<'t>> = None;
    let mut conteggio = 0usize;
    loop {
        // Text up to the next `<`: whether it is all white space, whether it has references.
        let fine_testo = memchr::memchr(b'<', b.get(i..)?).map_or(b.len(), |p| i + p);
        if fine_testo > i {
            let t = testo.get(i..fine_testo)?;
            let tb = t.as_bytes();
            if memchr::memchr2(b'\r', b'>', tb).is_some() {
                return None;
            }
            let riferimenti = memchr::memchr(b'&', tb).is_some();
            let solo_spazi = !riferimenti && spazi_soltanto(t);
            match pila.last_mut() {
                Some((_, testo_cima, ..)) => testo_cima.aggiungi(t, riferimenti, solo_spazi)?,
                None if solo_spazi => {}
                None => return None,
            }
        }
        let prossimo = (fine_testo < b.len()).then_some(fine_testo);
        let Some(lt) = prossimo else {
            break;
        };
        match b.get(lt + 1)? {
            b'/' => {
                let n = lunghezza_nome(b, lt + 2);
                let nome = testo.get(lt + 2..lt + 2 + n)?;
                let gt = lt + 2 + n;
                if n == 0 || b.get(gt) != Some(&b'>') {
                    return None;
                }
                let (el, testo_el, primo, qname, legami_prima) = pila.pop()?;
                if qname != nome {
                    return None;
                }
                legami.truncate(legami_prima);
                let el = completa(arena, el, testo_el, &mut figli, primo);
                chiudi(!pila.is_empty(), &mut figli, &mut radice, el);
                i = gt + 1;
            }
            b'!' | b'?' => return None,
            _ => {
                let n = lunghezza_nome(b, lt + 1);
                if n == 0 {
                    return None;
                }
                let qname = testo.get(lt + 1..lt + 1 + n)?;
                grezzi.clear();
                let (f, vuoto) = attributi_grezzi(testo, lt + 1 + n, false, &mut grezzi)?;
                conteggio += 1;
                if radice.is_some()
                    || conteggio > limiti.elementi_massimi
                    || pila.len() + 1 > limiti.profondita_massima
                {
                    return None;
                }
                let legami_prima = legami.len();
                for &(k, v) in &grezzi {
                    let prefisso = if k == "xmlns" {
                        ""
                    } else if let Some(p) = k.strip_prefix("xmlns:") {
                        if p.is_empty() || p.contains(':') || v.is_empty() {
                            return None;
                        }
                        p
                    } else {
                        continue;
                    };
                    if prefisso.starts_with("xml")
                        || NS_RISERVATI.contains(&v)
                        || v.contains('&')
                        || legami.len() >= 16
                    {
                        return None;
                    }
                    legami.push((prefisso, (!v.is_empty()).then_some(v)));
                }
                let (prefisso, locale) = dividi_nome(qname);
                let prefisso = prefisso.unwrap_or_default();
                if locale.is_empty() || locale.contains(':') || prefisso.starts_with("xml") {
                    return None;
                }
                let ns = match legami.iter().rev().find(|(p, _)| *p == prefisso) {
                    Some((_, uri)) => *uri,
                    None if prefisso.is_empty() => None,
                    None => return None,
                };
                for &(chiave, grezzo) in &grezzi {
                    if chiave == "xmlns" || chiave.starts_with("xmlns:") {
                        continue;
                    }
                    if grezzo.len() > limiti.attributo_massimo {
                        return None;
                    }
                    let valore = if memchr::memchr3(b'&', b'\t', b'\n', grezzo.as_bytes()).is_some()
                        || memchr::memchr(b'\r', grezzo.as_bytes()).is_some()
                    {
                        arena.stringa(risolvi_riferimenti(grezzo).ok()?.trim())
                    } else {
                        grezzo.trim()
                    };
                    let (prefisso, nome) = dividi_nome(chiave);
                    attributi.push(Attributo {
                        prefisso,
                        nome,
                        valore,
                    });
                }
                let el = Elemento {
                    nome: locale,
                    namespace: ns,
                    attributi: arena.elenco(&attributi),
                    testo: "",
                    figli: &[],
                    inizio: lt,
                };
                attributi.clear();
                if vuoto {
                    legami.truncate(legami_prima);
                    chiudi(!pila.is_empty(), &mut figli, &mut radice, el);
                    i = f + 2;
                } else {
                    pila.push((el, Testo::default(), figli.len(), qname, legami_prima));
                    i = f + 1;
                }
            }
        }
    }
    if !pila.is_empty() {
        return None;
    }
    radice
}

/// `s` as a slice of `testo` when it lies inside it (events of a slice reader borrow the input),
/// else a copy in the arena.
fn presta<'t>(testo: &'t str, s: &str, arena: &'t Arena) -> &'t str {
    let inizio = s.as_ptr().addr().wrapping_sub(testo.as_ptr().addr());
    match inizio
        .checked_add(s.len())
        .and_then(|fine| testo.get(inizio..fine))
    {
        Some(t) => t,
        None => arena.stringa(s),
    }
}

/// Whether a text is empty or all XML white space.
fn spazi_soltanto(t: &str) -> bool {
    t.bytes().all(spazio)
}

/// Appends a piece of text (borrowing when it is the first piece).
fn accoda<'t>(testo: &mut Cow<'t, str>, pezzo: Cow<'t, str>) {
    if pezzo.is_empty() {
        return;
    }
    match testo {
        Cow::Borrowed("") => *testo = pezzo,
        Cow::Borrowed(t) => {
            let mut s = String::with_capacity((t.len() + pezzo.len()) * 4);
            s.push_str(t);
            s.push_str(&pezzo);
            *testo = Cow::Owned(s);
        }
        Cow::Owned(s) => s.push_str(&pezzo),
    }
}

/// The tree of a decoded document; strings borrow from `testo`.
fn costruisci<'t>(
    testo: &'t str,
    limiti: &LimitiXml,
    arena: &'t Arena,
) -> Result<Elemento<'t>, ErroreXml> {
    let mut reader = NsReader::from_str(testo);
    reader.config_mut().check_end_names = true;
    // Open elements with their text so far and the index in `figli` where their children start;
    // `figli` holds the children of every open element, copied into the arena (one slice) when
    // their parent closes.
    let mut pila: Vec<(Elemento<'t>, Testo<'t>, usize)> = Vec::new();
    let mut figli: Vec<Elemento<'t>> = Vec::new();
    let mut attributi: Vec<Attributo<'t>> = Vec::new();
    let mut radice: Option<Elemento<'t>> = None;
    let mut conteggio = 0usize;
    loop {
        let inizio = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let evento = reader.read_resolved_event();
        let (ns, evento) = match evento {
            Ok((ns, ev)) => (
                match ns {
                    ResolveResult::Bound(n) => {
                        let n: &str = n.as_ref();
                        Some(if n == NS_HL7 {
                            NS_HL7
                        } else {
                            presta(testo, n, arena)
                        })
                    }
                    ResolveResult::Unbound => None,
                    ResolveResult::Unknown(p) => {
                        return Err(errore(
                            "XML-001",
                            format!("undeclared namespace prefix {p:?}"),
                            posizione(testo, inizio),
                        ))
                    }
                },
                ev,
            ),
            Err(e) => {
                let off = usize::try_from(reader.error_position()).unwrap_or(0);
                return Err(errore(
                    "XML-001",
                    format!("not well-formed: {e}"),
                    posizione(testo, off),
                ));
            }
        };
        // Skip whitespace before the first markup for the position of the element.
        let pos_tag = || {
            testo
                .get(inizio..)
                .and_then(|t| t.find('<'))
                .map_or(inizio, |p| inizio + p)
        };
        match evento {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let vuoto = matches!(evento, Event::Empty(_));
                let pos_tag = pos_tag();
                if radice.is_some() {
                    return Err(errore(
                        "XML-001",
                        "content after the root element",
                        posizione(testo, pos_tag),
                    ));
                }
                conteggio += 1;
                if conteggio > limiti.elementi_massimi {
                    return Err(errore(
                        "XML-003",
                        format!("more than {} elements", limiti.elementi_massimi),
                        posizione(testo, pos_tag),
                    )
                    .con("limite", "elementi_massimi")
                    .con("valore", limiti.elementi_massimi));
                }
                if pila.len() + 1 > limiti.profondita_massima {
                    return Err(errore(
                        "XML-003",
                        format!("depth exceeds {}", limiti.profondita_massima),
                        posizione(testo, pos_tag),
                    )
                    .con("limite", "profondita_massima")
                    .con("valore", limiti.profondita_massima));
                }
                let nome = presta(testo, s.local_name().as_ref(), arena);
                for a in s.attributes() {
                    let a = a.map_err(|e| {
                        errore(
                            "XML-001",
                            format!("malformed attribute: {e}"),
                            posizione(testo, pos_tag),
                        )
                    })?;
                    let chiave: &str = a.key.as_ref();
                    if chiave == "xmlns" || chiave.starts_with("xmlns:") {
                        continue;
                    }
                    let grezzo: &str = &a.value;
                    if grezzo.len() > limiti.attributo_massimo {
                        return Err(errore(
                            "XML-003",
                            format!(
                                "attribute value longer than {} bytes",
                                limiti.attributo_massimo
                            ),
                            posizione(testo, pos_tag),
                        )
                        .con("limite", "attributo_massimo")
                        .con("valore", limiti.attributo_massimo));
                    }
                    let valore = if grezzo
                        .bytes()
                        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
                    {
                        let valore = risolvi_riferimenti(grezzo).map_err(|m| {
                            let id = if m.starts_with("entity") {
                                "XML-002"
                            } else {
                                "XML-001"
                            };
                            errore(id, m, posizione(testo, pos_tag))
                        })?;
                        arena.stringa(valore.trim())
                    } else {
                        presta(testo, grezzo.trim(), arena)
                    };
                    let (prefisso, locale) = dividi_nome(chiave);
                    let prefisso = prefisso.map(|p| presta(testo, p, arena));
                    let locale = presta(testo, locale, arena);
                    attributi.push(Attributo {
                        prefisso,
                        nome: locale,
                        valore,
                    });
                }
                let el = Elemento {
                    nome,
                    namespace: ns,
                    attributi: arena.elenco(&attributi),
                    testo: "",
                    figli: &[],
                    inizio: pos_tag,
                };
                attributi.clear();
                if vuoto {
                    chiudi(!pila.is_empty(), &mut figli, &mut radice, el);
                } else {
                    pila.push((el, Testo::default(), figli.len()));
                }
            }
            Event::End(_) => {
                if let Some((el, testo_el, primo)) = pila.pop() {
                    let el = completa(arena, el, testo_el, &mut figli, primo);
                    chiudi(!pila.is_empty(), &mut figli, &mut radice, el);
                }
            }
            Event::Text(t) => {
                let contenuto = t.xml10_content();
                if let Some((_, testo_cima, _)) = pila.last_mut() {
                    let spazi = spazi_soltanto(&contenuto);
                    testo_cima.pezzo(contenuto, spazi);
                } else if !contenuto.trim().is_empty() {
                    return Err(errore(
                        "XML-001",
                        "text outside the root element",
                        posizione(testo, inizio),
                    ));
                }
            }
            Event::CData(c) => {
                let contenuto = c.xml10_content();
                if let Some((_, testo_cima, _)) = pila.last_mut() {
                    let spazi = spazi_soltanto(&contenuto);
                    testo_cima.pezzo(contenuto, spazi);
                } else {
                    return Err(errore(
                        "XML-001",
                        "CDATA outside the root element",
                        posizione(testo, inizio),
                    ));
                }
            }
            Event::GeneralRef(r) => {
                let nome: &str = &r;
                let rc = || posizione(testo, inizio);
                let sostituto: Cow<'t, str> = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        _ => {
                            return Err(errore("XML-001", "invalid character reference", rc()));
                        }
                    }
                } else if let Some((_, v)) = PREDEFINITE.iter().find(|(n, _)| *n == nome) {
                    Cow::Borrowed(v)
                } else {
                    return Err(errore(
                        "XML-002",
                        format!("entity reference &{nome}; is not allowed"),
                        rc(),
                    ));
                };
                match pila.last_mut() {
                    Some((_, testo_cima, _)) => {
                        let spazi = spazi_soltanto(&sostituto);
                        testo_cima.pezzo(sostituto, spazi);
                    }
                    None => {
                        return Err(errore(
                            "XML-001",
                            "reference outside the root element",
                            rc(),
                        ))
                    }
                }
            }
            Event::DocType(_) => {
                return Err(errore(
                    "XML-002",
                    "DOCTYPE declarations are not allowed",
                    posizione(testo, pos_tag()),
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !pila.is_empty() {
        return Err(errore(
            "XML-001",
            "unexpected end of document: unclosed elements",
            posizione(testo, testo.len()),
        ));
    }
    radice.ok_or_else(|| errore("XML-001", "no root element", (1, 1)))
}

/// A closed element: a child of the open element on top of the stack (`aperti`: whether one is
/// open), else the root.
fn chiudi<'t>(
    aperti: bool,
    figli: &mut Vec<Elemento<'t>>,
    radice: &mut Option<Elemento<'t>>,
    el: Elemento<'t>,
) {
    if !aperti {
        *radice = Some(el);
    } else {
        figli.push(el);
    }
}

/// Resolves the predefined entities and character references of an attribute value; any other
/// entity is refused (message starting with `entity`).
fn risolvi_riferimenti(grezzo: &str) -> Result<String, String> {
    let mut out = String::with_capacity(grezzo.len());
    let mut resto = grezzo;
    while let Some(p) = resto.find('&') {
        out.push_str(resto.get(..p).unwrap_or_default());
        let dopo = resto.get(p + 1..).unwrap_or_default();
        let fine = dopo
            .find(';')
            .ok_or_else(|| "unterminated reference in attribute value".to_string())?;
        let nome = dopo.get(..fine).unwrap_or_default();
        if let Some(num) = nome.strip_prefix('#') {
            let codice = if let Some(h) = num.strip_prefix('x') {
                u32::from_str_radix(h, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            let c = codice
                .and_then(char::from_u32)
                .ok_or_else(|| "invalid character reference".to_string())?;
            out.push(c);
        } else if let Some((_, v)) = PREDEFINITE.iter().find(|(n, _)| *n == nome) {
            out.push_str(v);
        } else {
            return Err(format!("entity reference &{nome}; is not allowed"));
        }
        resto = dopo.get(fine + 1..).unwrap_or_default();
    }
    out.push_str(resto);
    // Attribute-value normalisation (XML 1.0 §3.3.3): white space characters become spaces.
    Ok(out.replace(['\t', '\n', '\r'], " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(x: &[u8]) -> ErroreXml {
        analizza(x, &LimitiXml::default(), &Arena::new()).unwrap_err()
    }

    fn leggi<'a>(x: &'a [u8], l: &LimitiXml, arena: &'a Arena) -> Result<Elemento<'a>, ErroreXml> {
        analizza(x, l, arena)
    }

    const XML_POS: &[u8] = b"<?xml version=\"1.0\"?>\n<v3:a xmlns:v3=\"urn:hl7-org:v3\">\n  <v3:b x=\"&lt;1&gt;\">t&amp;u</v3:b></v3:a>";

    #[test]
    fn tree_with_positions() {
        let arena = Arena::new();
        let e = analizza(XML_POS, &LimitiXml::default(), &arena).unwrap();
        assert_eq!(e.nome, "a");
        assert_eq!(e.namespace, Some("urn:hl7-org:v3"));
        let testo = std::str::from_utf8(XML_POS).unwrap();
        assert_eq!(posizione(testo, e.inizio), (2, 1));
        let b = &e.figli[0];
        assert_eq!(posizione(testo, b.inizio), (3, 3));
        assert_eq!(b.attr("x"), Some("<1>"));
        assert_eq!(b.testo, "t&u");
    }

    #[test]
    fn xml_001_not_well_formed() {
        let e = err(b"<a>\n<b></a>");
        assert_eq!(e.rule_id, "XML-001");
        assert_eq!(e.riga, 2);
        assert_eq!(err(b"").rule_id, "XML-001");
        assert_eq!(err(b"<a/><b/>").rule_id, "XML-001");
        assert_eq!(err(b"<a>").rule_id, "XML-001");
    }

    #[test]
    fn xml_002_doctype_and_entities() {
        assert_eq!(
            err(b"<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>").rule_id,
            "XML-002"
        );
        assert_eq!(err(b"<a>&ext;</a>").rule_id, "XML-002");
        assert_eq!(err(b"<a b=\"&ext;\"/>").rule_id, "XML-002");
        assert!(analizza(
            b"<a b='&#65;'>&#x42;&quot;</a>",
            &LimitiXml::default(),
            &Arena::new()
        )
        .is_ok());
    }

    #[test]
    fn xml_003_limits() {
        let l = LimitiXml {
            dimensione_massima: 100,
            profondita_massima: 3,
            elementi_massimi: 4,
            attributo_massimo: 5,
        };
        let big = vec![b' '; 101];
        assert_eq!(
            leggi(&big, &l, &Arena::new()).unwrap_err().rule_id,
            "XML-003"
        );
        assert_eq!(
            leggi(b"<a><a><a><a/></a></a></a>", &l, &Arena::new())
                .unwrap_err()
                .rule_id,
            "XML-003"
        );
        assert_eq!(
            leggi(b"<a><b/><b/><b/><b/></a>", &l, &Arena::new())
                .unwrap_err()
                .rule_id,
            "XML-003"
        );
        assert_eq!(
            leggi(b"<a b='123456'/>", &l, &Arena::new())
                .unwrap_err()
                .rule_id,
            "XML-003"
        );
        assert!(leggi(b"<a><a><a/></a></a>", &l, &Arena::new()).is_ok());
    }

    /// Whenever the fast path builds a tree, it is the tree of the full parser, and the full
    /// parser accepts the document.
    fn stessa_lettura(testo: &str) -> bool {
        let l = LimitiXml::default();
        let arena = Arena::new();
        match costruisci_veloce(testo, &l, &arena) {
            Some(veloce) => {
                assert_eq!(Ok(veloce), costruisci(testo, &l, &arena), "{testo}");
                true
            }
            None => false,
        }
    }

    fn messaggi_scritti() -> Vec<String> {
        use crate::interscambio::{messaggio_per_processo, scrivi, Busta, OpzioniScrittura};
        use crate::model::{Identificatore, Istante, Oid};
        let id = |e: &str| Identificatore {
            root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
            extension: Some(e.to_string()),
        };
        let mut out =
            vec![include_str!("../../tests/fixtures/interscambio/standard.xml").to_string()];
        for s in crate::samples::all() {
            let c = crate::json::from_str(s.json).unwrap();
            let Some(p) = c.processi.first() else {
                continue;
            };
            let busta = Busta {
                id_messaggio: id("MSG-1"),
                data_creazione: Istante::parse("2024-02-01T10:30:00").unwrap(),
                mittente: c.ente_titolare.id.clone(),
                destinatari: vec![id("DEST")],
            };
            let m = messaggio_per_processo(&c, &p.id_processo, busta).unwrap();
            for indent in [false, true] {
                let o = OpzioniScrittura {
                    indent,
                    ..OpzioniScrittura::default()
                };
                out.push(scrivi(&m, &o).unwrap());
            }
        }
        out
    }

    #[test]
    fn fast_path_builds_the_tree_of_the_full_parser() {
        for m in messaggi_scritti() {
            assert!(stessa_lettura(&m), "the fast path reads written messages");
        }
        for x in [
            "<a/>",
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a x = ' 1 ' y=\"\t2&amp;\"/>\n",
            "<v3:a xmlns:v3='urn:hl7-org:v3' xmlns='urn:x'><b/><v3:c xmlns=''><d/></v3:c></v3:a>",
            "<a xmlns='urn:hl7-org:v3' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'><v xsi:type='CD' code='1'/></a>",
            "<a>x &lt; y &amp;&amp; z<b>t</b> u &quot;&apos;</a>",
            "<a><b></b><b>1</b><c/>  </a>",
            "<a>\u{e8} \u{a0}</a>",
        ] {
            assert!(stessa_lettura(x), "{x}");
        }
        for x in [
            "<a>&#65;</a>",
            "<a>\r\n</a>",
            "<!-- c --><a/>",
            "<a><![CDATA[x]]></a>",
            "<p:a/>",
            "<a></b>",
            "<a b='1' b='2'/>",
            "<a b='1'c='2'/>",
            "<a>x > y</a>",
            "<?xml version='1.0'?><?pi x?><a/>",
            "<a/><b/>",
            "x<a/>",
        ] {
            assert!(!stessa_lettura(x), "{x}");
        }
        // Perturbed messages: wherever the fast path still succeeds, the full parser agrees.
        let base = messaggi_scritti().swap_remove(0);
        let inserti = [
            "\r",
            " ",
            "\t",
            "&",
            "<",
            ">",
            "\"",
            "'",
            ":",
            "x:",
            "&amp;",
            "&#65;",
            "&x;",
            "<!-- c -->",
            "</a>",
            "<a>",
            "<a/>",
            "=",
            " xmlns:q='u'",
            " xmlns=''",
            " q:b='1'",
            "/",
            "?",
            "!",
            "]]>",
            "\u{e8}",
        ];
        let mut veloci = 0;
        let mut i = 0;
        while i < base.len() {
            if base.is_char_boundary(i) {
                for ins in inserti {
                    let mut t = base.clone();
                    t.insert_str(i, ins);
                    veloci += usize::from(stessa_lettura(&t));
                }
                let mut t = base.clone();
                if let Some(c) = t[i..].chars().next() {
                    t.replace_range(i..i + c.len_utf8(), "");
                    veloci += usize::from(stessa_lettura(&t));
                }
            }
            i += 13;
        }
        assert!(veloci > 0);
    }

    #[test]
    fn xml_012_encoding() {
        assert_eq!(
            err(b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>").rule_id,
            "XML-012"
        );
        assert_eq!(err(b"<a>\xe8</a>").rule_id, "XML-012");
        // UTF-16LE with BOM.
        let mut v = vec![0xFF, 0xFE];
        for u in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>è</a>".encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        let arena = Arena::new();
        assert_eq!(
            analizza(&v, &LimitiXml::default(), &arena).unwrap().testo,
            "è"
        );
        assert!(analizza(
            b"\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?><a/>",
            &LimitiXml::default(),
            &arena
        )
        .is_ok());
    }
}
