//! Hardened XML layer of the interscambio readers (`interscambio.md` §2).
//!
//! [`analizza`] turns bytes into a small owned element tree ([`Elemento`]) on top of
//! `quick_xml::NsReader`, enforcing the security rules of §2 item 5:
//!
//! - input size, nesting depth, number of elements and attribute-value length are bounded by
//!   [`LimitiXml`] → `XML-003`;
//! - a DOCTYPE/DTD, or any entity reference other than the five predefined ones and character
//!   references → `XML-002` (nothing is ever expanded or fetched);
//! - input that is not well-formed → `XML-001`;
//! - an encoding other than UTF-8 or UTF-16 → `XML-012`.
//!
//! Every error and every element carries a 1-based line and column.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

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

/// One attribute: qualified name as written (`prefix:local` or `local`) and its unescaped,
/// trimmed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributo {
    /// Namespace prefix (`None` when unprefixed).
    pub prefisso: Option<String>,
    /// Local name.
    pub nome: String,
    /// Value (entities resolved, whitespace trimmed).
    pub valore: String,
}

/// One element of the owned tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Elemento {
    /// Local name (no prefix).
    pub nome: String,
    /// Namespace URI (`None` when the element is in no namespace).
    pub namespace: Option<String>,
    /// Attributes in document order (namespace declarations excluded).
    pub attributi: Vec<Attributo>,
    /// Concatenated text content of this element (not of its children), untrimmed.
    pub testo: String,
    /// Child elements in document order.
    pub figli: Vec<Elemento>,
    /// 1-based line of the start tag.
    pub riga: usize,
    /// 1-based column of the start tag.
    pub colonna: usize,
}

impl Elemento {
    /// The value of an unprefixed attribute.
    pub fn attr(&self, nome: &str) -> Option<&str> {
        self.attributi
            .iter()
            .find(|a| a.prefisso.is_none() && a.nome == nome)
            .map(|a| a.valore.as_str())
    }

    /// The value of a prefixed attribute with this local name (e.g. `xsi:type` → `"type"`).
    pub fn attr_prefissato(&self, nome: &str) -> Option<&str> {
        self.attributi
            .iter()
            .find(|a| a.prefisso.as_deref().is_some_and(|p| p != "xmlns") && a.nome == nome)
            .map(|a| a.valore.as_str())
    }

    /// Child elements with this local name.
    pub fn figli_nome<'a>(&'a self, nome: &'a str) -> impl Iterator<Item = &'a Elemento> + 'a {
        self.figli.iter().filter(move |f| f.nome == nome)
    }

    /// The first child with this local name.
    pub fn figlio(&self, nome: &str) -> Option<&Elemento> {
        self.figli.iter().find(|f| f.nome == nome)
    }

    /// The trimmed text content of this element only (text of child elements excluded): the value
    /// of a text-valued element, whose unexpected children are ignored (`XML-011`).
    pub fn testo_proprio(&self) -> String {
        self.testo.trim().to_string()
    }

    /// The trimmed text content of this element and all its descendants, concatenated.
    pub fn testo_completo(&self) -> String {
        let mut s = String::new();
        fn raccogli(e: &Elemento, s: &mut String) {
            s.push_str(&e.testo);
            for f in &e.figli {
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

/// Line/column of a byte offset in a text.
fn posizione(testo: &str, offset: usize) -> (usize, usize) {
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

/// Line/column of increasing byte offsets, computed incrementally: element positions are asked
/// in document order, so the scan never goes back (linear in the document, not quadratic).
struct Posizionatore<'t> {
    testo: &'t [u8],
    offset: usize,
    riga: usize,
    /// Characters between the start of the current line and `offset`.
    colonna: usize,
}

impl<'t> Posizionatore<'t> {
    fn new(testo: &'t str) -> Self {
        Posizionatore {
            testo: testo.as_bytes(),
            offset: 0,
            riga: 1,
            colonna: 0,
        }
    }

    fn posizione(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.testo.len());
        if offset < self.offset {
            return posizione(std::str::from_utf8(self.testo).unwrap_or_default(), offset);
        }
        for b in self.testo.get(self.offset..offset).unwrap_or_default() {
            if *b == b'\n' {
                self.riga += 1;
                self.colonna = 0;
            } else if (*b & 0xC0) != 0x80 {
                // count characters, not UTF-8 continuation bytes
                self.colonna += 1;
            }
        }
        self.offset = offset;
        (self.riga, self.colonna + 1)
    }
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
fn decodifica(xml: &[u8]) -> Result<String, ErroreXml> {
    let utf16 = |dati: &[u8], le: bool| -> Result<String, ErroreXml> {
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

fn bytes_utf8(dati: &[u8]) -> Result<String, ErroreXml> {
    match std::str::from_utf8(dati) {
        Ok(s) => Ok(s.to_string()),
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

/// Parses a document into an owned tree under the given limits.
///
/// ```
/// use cartella::interscambio::xml::{analizza, LimitiXml};
/// let e = analizza(b"<a xmlns='urn:x'><b c=' 1 '>t</b></a>", &LimitiXml::default()).unwrap();
/// assert_eq!(e.figli[0].attr("c"), Some("1"));
/// let err = analizza(b"<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", &LimitiXml::default()).unwrap_err();
/// assert_eq!(err.rule_id, "XML-002");
/// ```
pub fn analizza(xml: &[u8], limiti: &LimitiXml) -> Result<Elemento, ErroreXml> {
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
    let testo = decodifica(xml)?;
    let mut reader = NsReader::from_str(&testo);
    reader.config_mut().check_end_names = true;
    let mut posizioni = Posizionatore::new(&testo);
    let mut pila: Vec<Elemento> = Vec::new();
    let mut radice: Option<Elemento> = None;
    let mut conteggio = 0usize;
    loop {
        let inizio = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let evento = reader.read_resolved_event();
        let (ns, evento) = match evento {
            Ok((ns, ev)) => (
                match ns {
                    ResolveResult::Bound(n) => Some(String::from(AsRef::<str>::as_ref(&n))),
                    ResolveResult::Unbound => None,
                    ResolveResult::Unknown(p) => {
                        return Err(errore(
                            "XML-001",
                            format!("undeclared namespace prefix {p:?}"),
                            posizione(&testo, inizio),
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
                    posizione(&testo, off),
                ));
            }
        };
        // Skip whitespace before the first markup for the position of the element.
        let pos_tag = testo
            .get(inizio..)
            .and_then(|t| t.find('<'))
            .map_or(inizio, |p| inizio + p);
        match evento {
            Event::Start(ref s) | Event::Empty(ref s) => {
                let vuoto = matches!(evento, Event::Empty(_));
                if radice.is_some() {
                    return Err(errore(
                        "XML-001",
                        "content after the root element",
                        posizione(&testo, pos_tag),
                    ));
                }
                conteggio += 1;
                if conteggio > limiti.elementi_massimi {
                    return Err(errore(
                        "XML-003",
                        format!("more than {} elements", limiti.elementi_massimi),
                        posizione(&testo, pos_tag),
                    )
                    .con("limite", "elementi_massimi")
                    .con("valore", limiti.elementi_massimi));
                }
                if pila.len() + 1 > limiti.profondita_massima {
                    return Err(errore(
                        "XML-003",
                        format!("depth exceeds {}", limiti.profondita_massima),
                        posizione(&testo, pos_tag),
                    )
                    .con("limite", "profondita_massima")
                    .con("valore", limiti.profondita_massima));
                }
                let (riga, colonna) = posizioni.posizione(pos_tag);
                let nome = String::from(AsRef::<str>::as_ref(&s.local_name()));
                let mut attributi = Vec::new();
                for a in s.attributes() {
                    let a = a.map_err(|e| {
                        errore(
                            "XML-001",
                            format!("malformed attribute: {e}"),
                            (riga, colonna),
                        )
                    })?;
                    let chiave = String::from(AsRef::<str>::as_ref(&a.key));
                    if chiave == "xmlns" || chiave.starts_with("xmlns:") {
                        continue;
                    }
                    let grezzo = String::from(AsRef::<str>::as_ref(&a.value));
                    if grezzo.len() > limiti.attributo_massimo {
                        return Err(errore(
                            "XML-003",
                            format!(
                                "attribute value longer than {} bytes",
                                limiti.attributo_massimo
                            ),
                            (riga, colonna),
                        )
                        .con("limite", "attributo_massimo")
                        .con("valore", limiti.attributo_massimo));
                    }
                    let valore = risolvi_riferimenti(&grezzo).map_err(|m| {
                        let id = if m.starts_with("entity") {
                            "XML-002"
                        } else {
                            "XML-001"
                        };
                        errore(id, m, (riga, colonna))
                    })?;
                    let (prefisso, locale) = match chiave.split_once(':') {
                        Some((p, l)) => (Some(p.to_string()), l.to_string()),
                        None => (None, chiave),
                    };
                    attributi.push(Attributo {
                        prefisso,
                        nome: locale,
                        valore: valore.trim().to_string(),
                    });
                }
                let el = Elemento {
                    nome,
                    namespace: ns,
                    attributi,
                    testo: String::new(),
                    figli: Vec::new(),
                    riga,
                    colonna,
                };
                if vuoto {
                    chiudi(&mut pila, &mut radice, el);
                } else {
                    pila.push(el);
                }
            }
            Event::End(_) => {
                if let Some(el) = pila.pop() {
                    chiudi(&mut pila, &mut radice, el);
                }
            }
            Event::Text(t) => {
                let contenuto = t.xml10_content();
                if let Some(cima) = pila.last_mut() {
                    cima.testo.push_str(&contenuto);
                } else if !contenuto.trim().is_empty() {
                    return Err(errore(
                        "XML-001",
                        "text outside the root element",
                        posizione(&testo, inizio),
                    ));
                }
            }
            Event::CData(c) => {
                let contenuto = c.xml10_content();
                if let Some(cima) = pila.last_mut() {
                    cima.testo.push_str(&contenuto);
                } else {
                    return Err(errore(
                        "XML-001",
                        "CDATA outside the root element",
                        posizione(&testo, inizio),
                    ));
                }
            }
            Event::GeneralRef(r) => {
                let nome: &str = &r;
                let rc = || posizione(&testo, inizio);
                let sostituto = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => {
                            return Err(errore("XML-001", "invalid character reference", rc()));
                        }
                    }
                } else if let Some((_, v)) = PREDEFINITE.iter().find(|(n, _)| *n == nome) {
                    (*v).to_string()
                } else {
                    return Err(errore(
                        "XML-002",
                        format!("entity reference &{nome}; is not allowed"),
                        rc(),
                    ));
                };
                match pila.last_mut() {
                    Some(cima) => cima.testo.push_str(&sostituto),
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
                    posizione(&testo, pos_tag),
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
            posizione(&testo, testo.len()),
        ));
    }
    radice.ok_or_else(|| errore("XML-001", "no root element", (1, 1)))
}

fn chiudi(pila: &mut [Elemento], radice: &mut Option<Elemento>, el: Elemento) {
    match pila.last_mut() {
        Some(padre) => padre.figli.push(el),
        None => *radice = Some(el),
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
        analizza(x, &LimitiXml::default()).unwrap_err()
    }

    #[test]
    fn tree_with_positions() {
        let e = analizza(
            b"<?xml version=\"1.0\"?>\n<v3:a xmlns:v3=\"urn:hl7-org:v3\">\n  <v3:b x=\"&lt;1&gt;\">t&amp;u</v3:b></v3:a>",
            &LimitiXml::default(),
        )
        .unwrap();
        assert_eq!(e.nome, "a");
        assert_eq!(e.namespace.as_deref(), Some("urn:hl7-org:v3"));
        assert_eq!((e.riga, e.colonna), (2, 1));
        let b = &e.figli[0];
        assert_eq!((b.riga, b.colonna), (3, 3));
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
        assert!(analizza(b"<a b='&#65;'>&#x42;&quot;</a>", &LimitiXml::default()).is_ok());
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
        assert_eq!(analizza(&big, &l).unwrap_err().rule_id, "XML-003");
        assert_eq!(
            analizza(b"<a><a><a><a/></a></a></a>", &l)
                .unwrap_err()
                .rule_id,
            "XML-003"
        );
        assert_eq!(
            analizza(b"<a><b/><b/><b/><b/></a>", &l)
                .unwrap_err()
                .rule_id,
            "XML-003"
        );
        assert_eq!(
            analizza(b"<a b='123456'/>", &l).unwrap_err().rule_id,
            "XML-003"
        );
        assert!(analizza(b"<a><a><a/></a></a>", &l).is_ok());
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
        assert_eq!(analizza(&v, &LimitiXml::default()).unwrap().testo, "è");
        assert!(analizza(
            b"\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?><a/>",
            &LimitiXml::default()
        )
        .is_ok());
    }
}
