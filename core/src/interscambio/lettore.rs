//! Reader of the interchange request `PRSS_IN001004ZZ` (`interscambio.md` §2–§11, §16).
//!
//! [`leggi`] parses the bytes with the hardened XML layer ([`super::xml`]), maps every element of
//! the message back to the canonical model and returns the model together with every finding
//! raised while reading (XML-*, CSI-ENV-*, CSI-CMP-*, and the canonical CSI rules that only the
//! reader can see). Findings are data: a readable but flawed message yields the model plus
//! findings.
//!
//! **Unreadable input** (not well-formed, DOCTYPE, limits, encoding: `XML-001`, `XML-002`,
//! `XML-003`, `XML-012`; or a wrong root element/namespace, `XML-004`) is *not* an `Err`: it gives a
//! [`Lettura`] with `messaggio: None` and the blocking finding (with line and column in its
//! parameters). `Err` is reserved for failures of the library itself (never on input).
//!
//! Every finding carries `xml_path`: absolute, prefix-free, with a 1-based positional predicate
//! on every step below the root (README §5).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::oid;
use super::xml::{analizza, Arena, Elemento, LimitiXml};
use crate::error::CartellaError;
use crate::model::*;
use crate::rules::Issue;

/// HL7 v3 namespace.
pub const NS_HL7: &str = "urn:hl7-org:v3";
/// Default OID of an item of a phase ([`oid::ITEMS`]; `None` for items written without
/// `@codeSystem` and for unknown keys).
fn oid_item(fase: TipoFase, chiave: &str) -> Option<&'static str> {
    oid::item(fase, chiave).and_then(|v| v.oid)
}

/// `unisci!(a, "/b[", n, "]")`: the concatenation of string and integer pieces, written into one
/// buffer sized in advance (the xml and model paths of the reader; cheaper than `format!`).
macro_rules! unisci {
    ($($p:expr),+ $(,)?) => {
        unisci_pezzi(&[$(&$p as &dyn Pezzo),+])
    };
}

/// A piece of [`unisci!`].
trait Pezzo {
    /// Its length in bytes (an upper bound for integers).
    fn lunghezza(&self) -> usize;
    /// Appends it.
    fn scrivi(&self, s: &mut String);
}

impl Pezzo for str {
    fn lunghezza(&self) -> usize {
        self.len()
    }
    fn scrivi(&self, s: &mut String) {
        s.push_str(self);
    }
}

impl Pezzo for String {
    fn lunghezza(&self) -> usize {
        self.len()
    }
    fn scrivi(&self, s: &mut String) {
        s.push_str(self);
    }
}

impl Pezzo for std::borrow::Cow<'_, str> {
    fn lunghezza(&self) -> usize {
        self.len()
    }
    fn scrivi(&self, s: &mut String) {
        s.push_str(self);
    }
}

impl Pezzo for usize {
    fn lunghezza(&self) -> usize {
        20
    }
    fn scrivi(&self, s: &mut String) {
        let mut cifre = [0u8; 20];
        let mut n = *self;
        let mut i = cifre.len();
        loop {
            i -= 1;
            cifre[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &c in &cifre[i..] {
            s.push(char::from(c));
        }
    }
}

impl<T: Pezzo + ?Sized> Pezzo for &T {
    fn lunghezza(&self) -> usize {
        (**self).lunghezza()
    }
    fn scrivi(&self, s: &mut String) {
        (**self).scrivi(s);
    }
}

fn unisci_pezzi(pezzi: &[&dyn Pezzo]) -> String {
    let mut s = String::with_capacity(pezzi.iter().map(|p| p.lunghezza()).sum());
    for p in pezzi {
        p.scrivi(&mut s);
    }
    s
}

/// `item!(self.metodo(&voce, obj.campo))` is `self.metodo(&voce, "campo", &mut obj.campo)`:
/// one item of a phase read into the field of the same name.
macro_rules! item {
    ($self:ident . $metodo:ident ($voce:expr, $obj:ident . $campo:ident)) => {
        $self.$metodo($voce, stringify!($campo), &mut $obj.$campo)
    };
}

/// One item (`observation`) of a phase, with what reading its value needs.
struct Voce<'a> {
    /// The `observation`.
    el: &'a Elemento<'a>,
    fase: TipoFase,
    chiave: &'a str,
    /// Its xml path.
    xp: &'a str,
    /// The model path of the phase.
    base: &'a str,
    /// Whether a second occurrence of a single-valued item is `CSI-COD-011`.
    unico: bool,
}

impl<'a> Voce<'a> {
    /// The item `el` at `xp` of phase `fase`; its key is its `code/@code`.
    fn new(el: &'a Elemento<'a>, fase: TipoFase, xp: &'a str, base: &'a str, unico: bool) -> Self {
        let chiave = el
            .figlio("code")
            .and_then(|c| c.attr("code"))
            .unwrap_or_default();
        Voce {
            el,
            fase,
            chiave,
            xp,
            base,
            unico,
        }
    }

    fn value(&self) -> Option<&'a Elemento<'a>> {
        self.el.figlio("value")
    }

    fn vxp(&self) -> String {
        unisci!(self.xp, "/value[1]")
    }
}

/// Options of the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpzioniLettura {
    /// Limits of the XML layer (`XML-003`).
    pub limiti: LimitiXml,
}

/// Result of reading a message: the model (absent when the input is unreadable) and the findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lettura {
    /// The message read, `None` when the input could not be read at all.
    pub messaggio: Option<MessaggioInterscambio>,
    /// Every finding raised while reading, in document order.
    pub issues: Vec<Issue>,
}

impl Lettura {
    /// Whether a finding of `rule_id` was raised.
    pub fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }
}

/// Reads a `PRSS_IN001004ZZ` request.
///
/// ```
/// use cartella::interscambio::lettore::{leggi, OpzioniLettura};
/// let l = leggi(b"<a/>", &OpzioniLettura::default()).unwrap();
/// assert!(l.messaggio.is_none());
/// assert!(l.has("XML-004"));
/// ```
pub fn leggi(xml: &[u8], opzioni: &OpzioniLettura) -> Result<Lettura, CartellaError> {
    let mut r = Lettore::default();
    let arena = Arena::per_documento(xml.len());
    let radice = match analizza(xml, &opzioni.limiti, &arena) {
        Ok(e) => e,
        Err(e) => {
            r.emetti(e.rule_id, "", "/", e.parametri_issue());
            return Ok(Lettura {
                messaggio: None,
                issues: r.issues,
            });
        }
    };
    let messaggio = r.messaggio(&radice);
    Ok(Lettura {
        messaggio,
        issues: r.issues,
    })
}

/// Checks the shape of a message model (`model.md` §2.2): its cartella must contain exactly one
/// process (`CSI-ENV-012`). [`leggi`] always builds one process; this check is for messages built
/// or deserialised elsewhere (e.g. JSON input of a conversion) before they are written.
///
/// ```
/// use cartella::interscambio::lettore::controlla_messaggio;
/// use cartella::model::MessaggioInterscambio;
/// let issues = controlla_messaggio(&MessaggioInterscambio::default());
/// assert_eq!(issues[0].rule_id, "CSI-ENV-012");
/// ```
pub fn controlla_messaggio(m: &MessaggioInterscambio) -> Vec<Issue> {
    let n = m.cartella.processi.len();
    if n == 1 {
        return Vec::new();
    }
    Issue::new(
        "CSI-ENV-012",
        "/cartella/processi",
        [("numero", n.to_string())],
    )
    .into_iter()
    .collect()
}

/// The field a value is read for: the last segment of the model path, else of the xml path.
fn campo_di(path: &str, xp: &str) -> String {
    let ultimo = |p: &str| {
        p.rsplit('/')
            .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
            .map(|s| s.trim_start_matches('@').to_string())
    };
    ultimo(path).or_else(|| ultimo(xp)).unwrap_or_default()
}

/// Reading state: findings and the element names already reported as unmapped.
#[derive(Default)]
pub(crate) struct Lettore {
    pub(crate) issues: Vec<Issue>,
    non_mappati: BTreeSet<String>,
}

/// Elements found with their xml paths.
type Trovati<'e> = Vec<(&'e Elemento<'e>, String)>;

/// A value read from a TS.
enum Ts {
    Assente,
    Valido(Istante),
    NonValido,
}

impl Lettore {
    pub(crate) fn emetti<'a>(
        &mut self,
        rule_id: &str,
        path: &str,
        xml_path: &str,
        params: impl IntoIterator<Item = (&'a str, String)>,
    ) {
        if let Ok(i) = Issue::new(rule_id, path, params) {
            self.issues.push(i.with_xml_path(xml_path));
        }
    }

    fn non_mappato(&mut self, e: &Elemento, xml_path: &str) {
        if self.non_mappati.insert(e.nome.to_string()) {
            self.emetti("XML-010", "", xml_path, [("nome", e.nome.to_string())]);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Datatypes
    // -----------------------------------------------------------------------------------------

    /// Parses a TS value (§3.4); `XML-013` on invalid values, `CSI-CMP-001` on `ddMMyyyy`.
    fn ts(&mut self, v: Option<&str>, path: &str, xp: &str) -> Ts {
        let Some(v) = v.filter(|v| !v.is_empty()) else {
            return Ts::Assente;
        };
        match parse_ts(v) {
            Some((i, campo)) => {
                if campo {
                    self.emetti("CSI-CMP-001", path, xp, [("campo", campo_di(path, xp))]);
                }
                Ts::Valido(i)
            }
            None => {
                self.emetti(
                    "XML-013",
                    path,
                    xp,
                    [("lunghezza", v.chars().count().to_string())],
                );
                Ts::NonValido
            }
        }
    }

    fn istante(&mut self, v: Option<&str>, path: &str, xp: &str) -> Option<Istante> {
        match self.ts(v, path, xp) {
            Ts::Valido(i) => Some(i),
            _ => None,
        }
    }

    /// A coded value (§3.2) of an item whose OID is `oid`.
    fn codice_valore(
        &mut self,
        e: &Elemento,
        oid: Option<&str>,
        path: &str,
        xp: &str,
    ) -> Option<Codice> {
        let nf = e.attr("nullFlavor").is_some();
        let Some(code) = e.attr("code").filter(|c| !c.is_empty()) else {
            if !nf {
                self.emetti("CSI-CMP-022", path, xp, [("elemento", e.nome.to_string())]);
            }
            return None;
        };
        if nf {
            self.emetti("XML-015", path, xp, [("elemento", e.nome.to_string())]);
        }
        self.tipo_xsi(e, &["CD", "CE", "CV", "CS", "CO"], path, xp);
        let system = match e.attr("codeSystem").filter(|s| !s.is_empty()) {
            Some("CD" | "ANY" | "MO") => {
                self.emetti("CSI-CMP-013", path, xp, [("chiave", e.nome.to_string())]);
                oid.unwrap_or_default().to_string()
            }
            Some(s) => s.to_string(),
            None => {
                if oid.is_some() {
                    self.emetti("CSI-CMP-006", path, xp, [("chiave", e.nome.to_string())]);
                }
                oid.unwrap_or_default().to_string()
            }
        };
        let c = Codice {
            code: code.to_string(),
            system,
            display: e
                .attr("displayName")
                .filter(|d| !d.is_empty())
                .map(Testo::new),
            system_version: e
                .attr("codeSystemVersion")
                .filter(|d| !d.is_empty())
                .map(str::to_string),
        };
        self.segnaposto(&c, path, xp);
        Some(c)
    }

    /// A coded element whose system is its own `@codeSystem` (no item OID to assume).
    fn codice(&mut self, e: Option<&Elemento>, path: &str, xp: &str) -> Option<Codice> {
        let e = e?;
        e.attr("code")?;
        self.codice_valore(e, None, path, xp)
    }

    /// Money (§3.5).
    fn importo(&mut self, e: &Elemento, path: &str, xp: &str) -> Option<Importo> {
        self.tipo_xsi(e, &["MO"], path, xp);
        let xsi_mo = e.attr_prefissato("type") == Some("MO");
        let (testo, currency) = if xsi_mo && e.attr("value").is_some() {
            self.emetti("CSI-CMP-002", path, xp, [("chiave", e.nome.to_string())]);
            (e.attr("value"), e.attr("currency"))
        } else {
            (e.attr("code"), e.attr("currency"))
        };
        let Some(testo) = testo.filter(|t| !t.is_empty()) else {
            if e.attr("nullFlavor").is_none() {
                self.emetti("CSI-CMP-022", path, xp, [("elemento", e.nome.to_string())]);
            }
            return None;
        };
        let currency = match currency.filter(|c| !c.is_empty()) {
            Some(c) => c.to_string(),
            None => {
                self.emetti("CSI-CMP-003", path, xp, [("chiave", e.nome.to_string())]);
                "EUR".to_string()
            }
        };
        let normalizzato = if testo.contains(',') && !testo.contains('.') {
            self.emetti("CSI-CMP-021", path, xp, [("chiave", e.nome.to_string())]);
            testo.replace(',', ".")
        } else {
            testo.to_string()
        };
        match Decimale::parse(&normalizzato) {
            Ok(amount) => Some(Importo { amount, currency }),
            Err(_) => {
                self.emetti("CSI-MON-008", path, xp, [("chiave", e.nome.to_string())]);
                None
            }
        }
    }

    /// A date carried by an ANY item (§3.7): `@code` TS, or `@value` with an `xsi:type`.
    fn data_any(&mut self, e: &Elemento, path: &str, xp: &str) -> Option<Istante> {
        self.tipo_xsi(e, &["TS", "IVL_TS"], path, xp);
        let v = match e.attr("code") {
            Some(c) => Some(c),
            None => {
                let v = e.attr("value");
                if v.is_some() {
                    self.emetti("CSI-CMP-002", path, xp, [("chiave", e.nome.to_string())]);
                }
                v
            }
        };
        if v.is_none() && e.attr("nullFlavor").is_none() {
            self.emetti("CSI-CMP-022", path, xp, [("elemento", e.nome.to_string())]);
        }
        self.istante(v, path, &unisci!(xp, "/@code"))
    }

    fn testo_el(&mut self, e: Option<&Elemento>) -> Option<Testo> {
        let e = e?;
        let t = e.testo_proprio();
        (!t.is_empty()).then(|| Testo::new(t))
    }

    /// `given`/`family` of a name (§3.9).
    fn nome(
        &mut self,
        e: Option<&Elemento>,
        path: &str,
        xp: &str,
    ) -> (Option<Testo>, Option<Testo>) {
        let Some(n) = e else { return (None, None) };
        let unisci = |nome: &str| {
            let parti: Vec<String> = n
                .figli_nome(nome)
                .map(Elemento::testo_proprio)
                .filter(|s| !s.is_empty())
                .collect();
            (!parti.is_empty()).then(|| Testo::new(parti.join(" ")))
        };
        let (g, f) = (unisci("given"), unisci("family"));
        if g.is_none() && f.is_none() {
            let t = n.testo_completo();
            if !t.is_empty() {
                self.emetti("CSI-CMP-020", path, xp, []);
                return (None, Some(Testo::new(t)));
            }
        }
        (g, f)
    }

    /// Gender (§7.2).
    fn genere(&mut self, e: Option<&Elemento>, path: &str, xp: &str) -> Option<Genere> {
        let e = e?;
        if e.attr("classCode").is_some() {
            self.emetti("CSI-CMP-024", path, xp, []);
        }
        let c = e.attr("code")?;
        match c {
            "M" => Some(Genere::M),
            "F" => Some(Genere::F),
            "UN" => Some(Genere::Un),
            "1" | "2" => {
                self.emetti("CSI-CMP-005", path, xp, [("valore", c.to_string())]);
                Some(if c == "1" { Genere::M } else { Genere::F })
            }
            _ => {
                self.emetti(
                    "CSI-COD-009",
                    path,
                    xp,
                    [("valore", c.to_string()), ("campo", e.nome.to_string())],
                );
                None
            }
        }
    }

    /// A day-precision date (`birthTime`), with `CSI-ANA-024` on other precisions.
    fn data_giorno(&mut self, e: Option<&Elemento>, path: &str, xp: &str) -> Option<Data> {
        let e = e?;
        let xp = unisci!(xp, "/@value");
        let i = self.istante(e.attr("value"), path, &xp)?;
        if i.precision() != Precisione::Giorno {
            self.emetti("CSI-ANA-024", path, &xp, []);
        }
        i.date().map(Data::from)
    }

    /// Codice fiscale of a person from ids with CF roots; other ids returned apart.
    fn cf_persona(
        &mut self,
        ids: &[(&Elemento, String)],
        path: &str,
        assistito: bool,
    ) -> (Option<CodiceFiscale>, Vec<Identificatore>) {
        let mut cf: Option<CodiceFiscale> = None;
        let mut altri = Vec::new();
        for (id, xp) in ids {
            let root = id.attr("root").unwrap_or_default();
            let Some(ext) = id.attr("extension").filter(|x| !x.is_empty()) else {
                continue;
            };
            if root == oid::CODICE_FISCALE || root == oid::CODICE_FISCALE_ASSISTITO_SISO {
                if root == oid::CODICE_FISCALE_ASSISTITO_SISO {
                    self.emetti("CSI-CMP-004", path, xp, []);
                }
                let nuovo = CodiceFiscale::new(ext);
                match &cf {
                    Some(c) if c.normalizzato() != nuovo.normalizzato() => {
                        if assistito {
                            self.emetti("CSI-ANA-023", path, xp, []);
                        }
                    }
                    Some(_) => {}
                    None => cf = Some(nuovo),
                }
            } else if !root.is_empty() && root != oid::TESSERA_TEAM {
                altri.push(Identificatore {
                    root: Oid::new(root),
                    extension: Some(ext.to_string()),
                });
            }
        }
        (cf, altri)
    }

    // -----------------------------------------------------------------------------------------
    // Envelope (§4)
    // -----------------------------------------------------------------------------------------

    fn messaggio(&mut self, radice: &Elemento) -> Option<MessaggioInterscambio> {
        let rp = unisci!("/", radice.nome);
        if radice.nome != "PRSS_IN001004ZZ" || radice.namespace != Some(NS_HL7) {
            self.emetti(
                "XML-004",
                "",
                &rp,
                [
                    ("atteso", unisci!("{", NS_HL7, "}PRSS_IN001004ZZ")),
                    ("trovato", nome_qualificato(radice)),
                ],
            );
            return None;
        }
        let mut cammino = Cammino {
            radice: &rp,
            passi: Vec::with_capacity(32),
        };
        self.namespace_figli(radice, &mut cammino);
        self.struttura(radice, &mut cammino);
        match radice.attr("ITSVersion") {
            None => self.emetti("CSI-CMP-027", "", &rp, []),
            Some("XML_1.0") => {}
            Some(_) => self.emetti(
                "XML-016",
                "",
                &unisci!(rp, "/@ITSVersion"),
                [
                    ("attributo", "ITSVersion".to_string()),
                    ("atteso", "XML_1.0".to_string()),
                ],
            ),
        }
        let mut m = MessaggioInterscambio::default();
        // id
        let idxp = unisci!(rp, "/id[1]");
        match radice.figlio("id") {
            Some(id) if id.attr("extension").is_some_and(|x| !x.is_empty()) => {
                let root = id.attr("root").unwrap_or_default();
                if root != oid::RADICE_MESSAGGIO {
                    self.emetti(
                        "CSI-ENV-009",
                        "/id_messaggio/root",
                        &idxp,
                        [("elemento", "id".to_string()), ("valore", root.to_string())],
                    );
                }
                m.id_messaggio = Identificatore {
                    root: Oid::new(root),
                    extension: id.attr("extension").map(str::to_string),
                };
            }
            _ => self.emetti("CSI-ENV-001", "/id_messaggio", &idxp, []),
        }
        // creationTime
        let ctxp = unisci!(rp, "/creationTime[1]");
        match radice.figlio("creationTime").and_then(|c| c.attr("value")) {
            Some(v) => match self.ts(Some(v), "/data_creazione", &unisci!(ctxp, "/@value")) {
                Ts::Valido(i) => m.data_creazione = i,
                _ => self.emetti("CSI-ENV-002", "/data_creazione", &ctxp, []),
            },
            None => self.emetti("CSI-ENV-002", "/data_creazione", &ctxp, []),
        }
        m.version_code = radice
            .figlio("versionCode")
            .and_then(|v| v.attr("code"))
            .map(str::to_string);
        // interactionId
        let iixp = unisci!(rp, "/interactionId[1]");
        match radice.figlio("interactionId") {
            Some(ii) => {
                if ii.attr("root").is_none() {
                    self.emetti("CSI-CMP-019", "", &iixp, []);
                }
                if ii.attr("extension") != Some("PRSS_IN001004ZZ") {
                    self.emetti(
                        "CSI-ENV-003",
                        "",
                        &iixp,
                        [(
                            "valore",
                            ii.attr("extension").unwrap_or_default().to_string(),
                        )],
                    );
                }
            }
            None => self.emetti("CSI-ENV-003", "", &iixp, [("valore", String::new())]),
        }
        let codice_env = |l: &mut Lettore, nome: &str, ammessi: &[&str], rule: &str, path: &str| {
            let xp = unisci!(rp, "/", nome, "[1]");
            let c = radice
                .figlio(nome)
                .and_then(|e| e.attr("code"))
                .unwrap_or_default()
                .to_string();
            if !ammessi.contains(&c.as_str()) {
                l.emetti(rule, path, &xp, [("valore", c.clone())]);
            }
            c
        };
        m.processing_code = codice_env(
            self,
            "processingCode",
            &["P", "D", "T"],
            "CSI-ENV-004",
            "/processing_code",
        );
        m.processing_mode_code = codice_env(
            self,
            "processingModeCode",
            &["A", "I", "R", "T"],
            "CSI-ENV-005",
            "/processing_mode_code",
        );
        m.accept_ack_code = codice_env(
            self,
            "acceptAckCode",
            &["AL", "ER", "NE"],
            "CSI-ENV-006",
            "/accept_ack_code",
        );
        if let Some(cs) = radice
            .figlio("acceptAckCode")
            .and_then(|a| a.attr("codeSystem"))
        {
            if !uid_valido(cs) {
                self.emetti(
                    "CSI-CMP-018",
                    "/accept_ack_code",
                    &unisci!(rp, "/acceptAckCode[1]/@codeSystem"),
                    [],
                );
            }
        }
        // receivers and sender
        for (i, rcv) in radice.figli_nome("receiver").enumerate() {
            let xp = unisci!(rp, "/receiver[", i + 1, "]/device[1]/id[1]");
            match self.id_device(rcv, &xp, &unisci!("/destinatari/", i)) {
                Some(id) => m.destinatari.push(id),
                None => self.emetti("CSI-ENV-007", &unisci!("/destinatari/", i), &xp, []),
            }
        }
        if radice.figlio("receiver").is_none() {
            self.emetti(
                "CSI-ENV-007",
                "/destinatari",
                &unisci!(rp, "/receiver[1]"),
                [],
            );
        }
        let sxp = unisci!(rp, "/sender[1]/device[1]/id[1]");
        match radice
            .figlio("sender")
            .and_then(|s| self.id_device(s, &sxp, "/mittente"))
        {
            Some(id) => m.mittente = id,
            None => self.emetti("CSI-ENV-008", "/mittente", &sxp, []),
        }
        m.cartella.ente_titolare.id = m.mittente.clone();
        // payload
        let mut processo = ProcessoAiuto::default();
        let cap = unisci!(rp, "/controlActProcess[1]");
        let mut eventi: Vec<(&Elemento, String)> = Vec::new();
        if let Some(ca) = radice.figlio("controlActProcess") {
            for (s, subj) in ca.figli_nome("subject").enumerate() {
                for (k, ee) in subj.figli_nome("encounterEvent").enumerate() {
                    eventi.push((
                        ee,
                        unisci!(cap, "/subject[", s + 1, "]/encounterEvent[", k + 1, "]"),
                    ));
                }
            }
        }
        let totale = eventi.len();
        let mut assistito_letto = false;
        // Records read, with their xml path and the range of the findings raised while reading
        // them (whose model paths are renumbered after sorting).
        let mut letti: Vec<(Fase, String, std::ops::Range<usize>)> = Vec::new();
        for (pos, (ee, xp)) in eventi.iter().enumerate() {
            let j = letti.len();
            let primo_esito = self.issues.len();
            let base = unisci!("/cartella/processi/0/fasi/", j);
            if let Some(fase) = self.fase(ee, xp, &base, pos, totale) {
                if let Some(pa) = ee.figlio("subject").and_then(|s| s.figlio("patient")) {
                    let pxp = unisci!(xp, "/subject[1]/patient[1]");
                    let a = self.assistito(ee, pa, &pxp);
                    if !assistito_letto {
                        m.cartella.assistito = a;
                        assistito_letto = true;
                    } else if let (Some(c1), Some(c2)) =
                        (&m.cartella.assistito.codice_fiscale, &a.codice_fiscale)
                    {
                        if c1.normalizzato() != c2.normalizzato() {
                            self.emetti(
                                "CSI-ENV-011",
                                "/cartella/assistito/codice_fiscale",
                                &pxp,
                                [],
                            );
                        }
                    }
                }
                letti.push((fase, xp.clone(), primo_esito..self.issues.len()));
            }
        }
        let xps = self.ordina_fasi(&mut letti);
        processo.fasi = letti.into_iter().map(|(f, _, _)| f).collect();
        if processo.fasi.is_empty() {
            self.emetti("CSI-ENV-010", "/cartella/processi/0/fasi", &cap, []);
        }
        // Outcome inference (lifecycle §6.1, CSI-LCY-020).
        let replay = crate::lifecycle::replay(&processo);
        for (j, esito) in replay.esiti.iter().enumerate() {
            if let (Some(esito), Some(f)) = (esito, processo.fasi.get_mut(j)) {
                if f.header().esito_processo.is_none() {
                    f.header_mut().esito_processo = Some(*esito);
                    self.emetti(
                        "CSI-LCY-020",
                        &unisci!("/cartella/processi/0/fasi/", j, "/esito_processo"),
                        &xps.get(j).cloned().unwrap_or_default(),
                        [("esito", esito.code().to_string())],
                    );
                }
            }
        }
        processo.stato = replay.stato.processo();
        m.cartella.processi.push(processo);
        Some(m)
    }

    /// XSD structure of the elements the mapping knows (§2 items 4 and 6): order of the
    /// `xs:sequence` (`XML-005`), required children (`XML-006`) and attributes (`XML-007`),
    /// `maxOccurs="1"` (`XML-009`), child elements inside text values (`XML-011`).
    fn struttura<'e>(&mut self, e: &'e Elemento<'e>, c: &mut Cammino<'e>) {
        if TESTUALI.contains(&e.nome) {
            if let Some(f) = e.figli.first() {
                self.emetti(
                    "XML-011",
                    "",
                    &unisci!(c.xp(), "/", f.nome, "[1]"),
                    [("elemento", f.nome.to_string())],
                );
            }
            return;
        }
        if let Some(t) = TIPI_XSD.iter().find(|t| t.nome == e.nome) {
            for a in t.attributi {
                if e.attr(a).is_none_or(str::is_empty) {
                    self.emetti(
                        "XML-007",
                        "",
                        &c.xp(),
                        [
                            ("attributo", (*a).to_string()),
                            ("elemento", e.nome.to_string()),
                        ],
                    );
                }
            }
            for o in t.obbligatori {
                if e.figlio(o).is_none() {
                    self.emetti(
                        "XML-006",
                        "",
                        &unisci!(c.xp(), "/", o, "[1]"),
                        [
                            ("elemento", (*o).to_string()),
                            ("contenitore", e.nome.to_string()),
                        ],
                    );
                }
            }
            for m in t.al_piu_uno {
                if let Some(secondo) = e.figli_nome(m).nth(1) {
                    self.emetti(
                        "XML-009",
                        "",
                        &unisci!(c.xp(), "/", secondo.nome, "[2]"),
                        [("elemento", (*m).to_string()), ("massimo", "1".to_string())],
                    );
                }
            }
            let mut ultimo = 0;
            for (j, f) in e.figli.iter().enumerate() {
                if let Some(i) = t.sequenza.iter().position(|s| *s == f.nome) {
                    if i < ultimo {
                        self.emetti(
                            "XML-005",
                            "",
                            &unisci!(c.xp(), "/", f.nome, "[", posizione_tra_omonimi(e, j), "]"),
                            [("elemento", f.nome.to_string())],
                        );
                    }
                    ultimo = ultimo.max(i);
                }
            }
        }
        for (j, f) in e.figli.iter().enumerate() {
            c.passi.push((e, j));
            self.struttura(f, c);
            c.passi.pop();
        }
    }

    /// `xsi:type` of a value element: `XML-018` when it is not one of `ammessi`.
    fn tipo_xsi(&mut self, e: &Elemento, ammessi: &[&str], path: &str, xp: &str) {
        if let Some(t) = e.attr_prefissato("type") {
            if !ammessi.contains(&t) {
                self.emetti(
                    "XML-018",
                    path,
                    &unisci!(xp, "/@type"),
                    [("tipo", t.to_string()), ("elemento", e.nome.to_string())],
                );
            }
        }
    }

    /// Placeholder codes (codelists.md §2.4, §16 item 25): warning `CSI-COD-007`.
    fn segnaposto(&mut self, c: &Codice, path: &str, xp: &str) {
        let display = c.display.as_ref().map(Testo::as_str);
        if segnaposto(&c.code, &c.system) || display == Some("nome obiettivo") {
            let campo = path.rsplit('/').next().unwrap_or_default().to_string();
            self.emetti("CSI-COD-007", path, xp, [("campo", campo)]);
        }
    }

    /// Sorts the records as `model.md` §4 says: by `data_inizio` (records without it last), ties
    /// by kind A<B<C<D<E, then document order; renumbers the model paths of the findings raised
    /// while reading each record. Returns the xml paths in the new order.
    fn ordina_fasi(
        &mut self,
        letti: &mut Vec<(Fase, String, std::ops::Range<usize>)>,
    ) -> Vec<String> {
        let chiave = |f: &Fase| {
            let h = f.header();
            (
                h.data_inizio.is_none(),
                h.data_inizio.as_ref().map(Istante::inizio),
                f.tipo().lettera(),
            )
        };
        let mut ordine: Vec<usize> = (0..letti.len()).collect();
        ordine.sort_by_key(|&j| chiave(&letti[j].0));
        for (nuovo, &vecchio) in ordine.iter().enumerate() {
            if nuovo == vecchio {
                continue;
            }
            let da = unisci!("/cartella/processi/0/fasi/", vecchio);
            let a = unisci!("/cartella/processi/0/fasi/", nuovo);
            for i in letti[vecchio].2.clone() {
                if let Some(issue) = self.issues.get_mut(i) {
                    if let Some(resto) = issue.path.strip_prefix(&da) {
                        if resto.is_empty() || resto.starts_with('/') {
                            issue.path = unisci!(a, resto);
                        }
                    }
                }
            }
        }
        let mut vecchi: Vec<Option<(Fase, String, std::ops::Range<usize>)>> =
            std::mem::take(letti).into_iter().map(Some).collect();
        for j in ordine {
            if let Some(x) = vecchi.get_mut(j).and_then(Option::take) {
                letti.push(x);
            }
        }
        letti.iter().map(|(_, x, _)| x.clone()).collect()
    }

    fn namespace_figli<'e>(&mut self, e: &'e Elemento<'e>, c: &mut Cammino<'e>) {
        for (j, f) in e.figli.iter().enumerate() {
            c.passi.push((e, j));
            if f.namespace != Some(NS_HL7) {
                self.emetti(
                    "XML-004",
                    "",
                    &c.xp(),
                    [
                        ("atteso", unisci!("{", NS_HL7, "}", f.nome)),
                        ("trovato", nome_qualificato(f)),
                    ],
                );
            } else {
                self.namespace_figli(f, c);
            }
            c.passi.pop();
        }
    }

    fn id_device(&mut self, padre: &Elemento, xp: &str, path: &str) -> Option<Identificatore> {
        let id = padre.figlio("device")?.figlio("id")?;
        let ext = id.attr("extension").filter(|x| !x.is_empty())?;
        let root = id.attr("root").unwrap_or_default();
        if root != oid::RADICE_MESSAGGIO {
            self.emetti(
                "CSI-ENV-009",
                path,
                xp,
                [
                    ("elemento", unisci!(padre.nome, "/device/id")),
                    ("valore", root.to_string()),
                ],
            );
        }
        Some(Identificatore {
            root: Oid::new(root),
            extension: Some(ext.to_string()),
        })
    }

    // -----------------------------------------------------------------------------------------
    // Phase records (§6)
    // -----------------------------------------------------------------------------------------

    fn fase(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        pos: usize,
        totale: usize,
    ) -> Option<Fase> {
        let code_el = ee.figlio("code");
        let code = code_el
            .and_then(|c| c.attr("code"))
            .filter(|c| !c.is_empty());
        let cxp = unisci!(xp, "/code[1]");
        if code.is_none() {
            self.emetti("CSI-FAS-003", &unisci!(base, "/codice_fase"), &cxp, []);
        }
        // Empty placeholder record (§5, CSI-CMP-023).
        if vuoto(ee) {
            self.emetti("CSI-CMP-023", base, xp, []);
            return None;
        }
        let tipo = match code.and_then(alias_fase) {
            Some((t, alias)) => {
                if alias {
                    self.emetti(
                        "CSI-FAS-013",
                        &unisci!(base, "/codice_fase"),
                        &cxp,
                        [("codice", code.unwrap_or_default().to_string())],
                    );
                }
                t
            }
            None => {
                let segnali = segnali(ee);
                match segnali.as_slice() {
                    [t] => {
                        self.emetti(
                            "CSI-FAS-004",
                            &unisci!(base, "/tipo_fase"),
                            xp,
                            [
                                ("metodo", "segnali".to_string()),
                                ("codice", code.unwrap_or_default().to_string()),
                            ],
                        );
                        *t
                    }
                    [] if totale == 5 => {
                        self.emetti(
                            "CSI-FAS-004",
                            &unisci!(base, "/tipo_fase"),
                            xp,
                            [
                                ("metodo", "posizione".to_string()),
                                ("codice", code.unwrap_or_default().to_string()),
                            ],
                        );
                        TIPI[pos.min(4)]
                    }
                    _ => {
                        self.emetti("CSI-FAS-005", base, xp, []);
                        return None;
                    }
                }
            }
        };
        let mut h = IntestazioneFase::default();
        // ids
        let mut primo = true;
        for (k, id) in ee.figli_nome("id").enumerate() {
            let root = id.attr("root").unwrap_or_default();
            let ext = id.attr("extension").map(str::to_string);
            if root.is_empty() || !uid_valido(root) {
                self.emetti(
                    "XML-014",
                    &unisci!(base, "/id_fase"),
                    &unisci!(xp, "/id[", k + 1, "]/@root"),
                    [
                        ("attributo", "root".to_string()),
                        ("valore", root.to_string()),
                    ],
                );
            }
            if primo && root == oid::RADICE_FASE {
                h.id_fase = ext.unwrap_or_default();
                primo = false;
            } else {
                h.altri_id.push(Identificatore {
                    root: Oid::new(root),
                    extension: ext,
                });
            }
        }
        if primo {
            // No id with the phase root: take the first id.
            if let Some(first) = (!h.altri_id.is_empty()).then(|| h.altri_id.remove(0)) {
                h.id_fase = first.extension.unwrap_or_default();
            }
        }
        h.codice_fase = code_el.and_then(|c| {
            c.attr("code").filter(|s| !s.is_empty()).map(|code| Codice {
                code: code.to_string(),
                system: c.attr("codeSystem").unwrap_or_default().to_string(),
                display: c.attr("displayName").map(Testo::new),
                system_version: c.attr("codeSystemVersion").map(str::to_string),
            })
        });
        h.annotazioni = self.testo_el(ee.figlio("text"));
        // dates and esito
        let et: Vec<&Elemento> = ee.figli_nome("effectiveTime").collect();
        let mut esito_et = None;
        if let Some(e1) = et.first() {
            let exp = unisci!(xp, "/effectiveTime[1]");
            h.data_inizio = e1.figlio("low").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(base, "/data_inizio"),
                    &unisci!(exp, "/low[1]/@value"),
                )
            });
            h.data_fine = e1.figlio("high").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(base, "/data_fine"),
                    &unisci!(exp, "/high[1]/@value"),
                )
            });
            esito_et = self.codice(
                e1.figlio("dischargeDispositionCode"),
                &unisci!(base, "/esito"),
                &unisci!(exp, "/dischargeDispositionCode[1]"),
            );
        }
        let dxp = unisci!(xp, "/dischargeDispositionCode[1]");
        let esito_dir = self.codice(
            ee.figlio("dischargeDispositionCode"),
            &unisci!(base, "/esito"),
            &dxp,
        );
        h.esito = match (esito_et, esito_dir) {
            (Some(a), Some(b)) => {
                if a.code != b.code || a.system != b.system {
                    self.emetti("CSI-FAS-012", &unisci!(base, "/esito"), &dxp, []);
                }
                Some(a)
            }
            (Some(a), None) => Some(a),
            (None, Some(b)) => {
                self.emetti("CSI-CMP-007", &unisci!(base, "/esito"), &dxp, []);
                Some(b)
            }
            (None, None) => None,
        };
        // status
        let sxp = unisci!(xp, "/statusCode[1]");
        match ee.figlio("statusCode").and_then(|s| s.attr("code")) {
            None => {
                self.emetti("CSI-FAS-006", &unisci!(base, "/stato_fase"), &sxp, []);
                h.stato_fase = if h.data_fine.is_some() {
                    StatoFase::Chiusa
                } else {
                    StatoFase::Aperta
                };
            }
            Some(s) => {
                h.stato_fase = match s {
                    "active" | "new" | "normal" | "held" => StatoFase::Aperta,
                    "completed" => StatoFase::Chiusa,
                    "suspended" => StatoFase::Sospesa,
                    "aborted" | "cancelled" | "nullified" | "obsolete" => StatoFase::Annullata,
                    altro => {
                        self.emetti(
                            "CSI-FAS-007",
                            &unisci!(base, "/stato_fase"),
                            &sxp,
                            [("valore", altro.to_string())],
                        );
                        h.stato_fase_codice = Some(altro.to_string());
                        if h.data_fine.is_some() {
                            StatoFase::Chiusa
                        } else {
                            StatoFase::Aperta
                        }
                    }
                };
            }
        }
        let fase = match tipo {
            TipoFase::Accesso => Fase::Accesso(self.fase_a(ee, xp, base, h)),
            TipoFase::ValutazioneBisogno => {
                Fase::ValutazioneBisogno(self.fase_b(ee, xp, base, h, &et))
            }
            TipoFase::ProgettoIndividuale => {
                Fase::ProgettoIndividuale(self.fase_c(ee, xp, base, h))
            }
            TipoFase::ErogazioneServizio => Fase::ErogazioneServizio(self.fase_d(ee, xp, base, h)),
            TipoFase::ValutazioneFinale => Fase::ValutazioneFinale(self.fase_e(ee, xp, base, h)),
        };
        // Unmapped children of the encounterEvent.
        for f in ee.figli {
            if !matches!(
                f.nome,
                "id" | "code"
                    | "text"
                    | "statusCode"
                    | "effectiveTime"
                    | "dischargeDispositionCode"
                    | "subject"
                    | "attender"
                    | "consultant"
                    | "reason"
                    | "reference"
                    | "pertinentInformation2"
            ) {
                self.non_mappato(f, &unisci!(xp, "/", f.nome, "[1]"));
            }
        }
        Some(fase)
    }

    /// The `commonObservationEvent`s of the `reference`s of a record, with their xml paths.
    fn riferimenti<'e>(ee: &'e Elemento<'e>, xp: &str) -> Trovati<'e> {
        let mut v = Vec::new();
        for (r, rf) in ee.figli_nome("reference").enumerate() {
            for (k, coe) in rf.figli_nome("commonObservationEvent").enumerate() {
                v.push((
                    coe,
                    unisci!(
                        xp,
                        "/reference[",
                        r + 1,
                        "]/commonObservationEvent[",
                        k + 1,
                        "]"
                    ),
                ));
            }
        }
        v
    }

    /// A single-valued item: the OID check, `CSI-COD-011` (where the phase checks it) if the
    /// field is already set, then the value read by `leggi` (given the model path), kept only
    /// when there is one.
    fn item_singolo<T>(
        &mut self,
        v: &Voce,
        campo: &str,
        slot: &mut Option<T>,
        leggi: impl FnOnce(&mut Self, &str) -> Option<T>,
    ) {
        let path = unisci!(v.base, "/", campo);
        self.verifica_item(v.el, v.fase, v.chiave, &path, v.xp);
        if v.unico && slot.is_some() {
            self.emetti(
                "CSI-COD-011",
                &path,
                v.xp,
                [("chiave", v.chiave.to_string())],
            );
        }
        if let Some(x) = leggi(self, &path) {
            *slot = Some(x);
        }
    }

    /// A single-valued coded item.
    fn item_codice(&mut self, v: &Voce, campo: &str, slot: &mut Option<Codice>) {
        self.item_singolo(v, campo, slot, |s, path| {
            let oid = oid_item(v.fase, v.chiave);
            v.value()
                .and_then(|e| s.codice_valore(e, oid, path, &v.vxp()))
        });
    }

    /// A single-valued amount item.
    fn item_importo(&mut self, v: &Voce, campo: &str, slot: &mut Option<Importo>) {
        self.item_singolo(v, campo, slot, |s, path| {
            v.value().and_then(|e| s.importo(e, path, &v.vxp()))
        });
    }

    /// A single-valued date item.
    fn item_data(&mut self, v: &Voce, campo: &str, slot: &mut Option<Istante>) {
        self.item_singolo(v, campo, slot, |s, path| {
            v.value().and_then(|e| s.data_any(e, path, &v.vxp()))
        });
    }

    /// A single-valued text item (its `text`).
    fn item_testo(&mut self, v: &Voce, campo: &str, slot: &mut Option<Testo>) {
        self.item_singolo(v, campo, slot, |s, _| s.testo_el(v.el.figlio("text")));
    }

    /// A repeatable coded item: one more entry of the list.
    fn item_lista(&mut self, v: &Voce, campo: &str, lista: &mut Vec<Codice>) {
        let path = unisci!(v.base, "/", campo, "/", lista.len());
        self.verifica_item(v.el, v.fase, v.chiave, &path, v.xp);
        let oid = oid_item(v.fase, v.chiave);
        if let Some(c) = v
            .value()
            .and_then(|e| self.codice_valore(e, oid, &path, &v.vxp()))
        {
            lista.push(c);
        }
    }

    /// The item OID check of §7.6 / §14 against the registry ([`oid::ITEMS`]): the default OID
    /// is silent, an accepted alternate is `CSI-CMP-017`, any other OID `CSI-CMP-016`; a missing
    /// `@codeSystem` is accepted.
    fn verifica_item(
        &mut self,
        obs: &Elemento,
        fase: TipoFase,
        chiave: &str,
        path: &str,
        xp: &str,
    ) {
        let Some(cs) = obs.figlio("code").and_then(|c| c.attr("codeSystem")) else {
            return;
        };
        let Some(voce) = oid::item(fase, chiave) else {
            return;
        };
        if voce.oid == Some(cs) {
            return;
        }
        let regola = if oid::accettato(voce, cs) {
            "CSI-CMP-017"
        } else {
            "CSI-CMP-016"
        };
        self.emetti(
            regola,
            path,
            &unisci!(xp, "/code[1]/@codeSystem"),
            if regola == "CSI-CMP-016" {
                vec![("chiave", chiave.to_string()), ("valore", cs.to_string())]
            } else {
                vec![("chiave", chiave.to_string())]
            },
        );
    }

    fn fase_a(&mut self, ee: &Elemento, xp: &str, base: &str, h: IntestazioneFase) -> FaseAccesso {
        let mut a = FaseAccesso {
            intestazione: h,
            ..Default::default()
        };
        // segnalazione
        if let Some(need) = ee.figlio("reason").and_then(|r| r.figlio("need")) {
            let nxp = unisci!(xp, "/reason[1]/need[1]");
            let sp = unisci!(base, "/segnalazione");
            let mut s = Segnalazione {
                bisogno_espresso: self.codice(
                    need.figlio("code"),
                    &unisci!(sp, "/bisogno_espresso"),
                    &unisci!(nxp, "/code[1]"),
                ),
                ..Default::default()
            };
            if let Some(inf) = need.figlio("informant") {
                let ixp = unisci!(nxp, "/informant[1]");
                if let Some(t) = inf.figlio("time") {
                    let v = t
                        .attr("value")
                        .or_else(|| t.figlio("low").and_then(|l| l.attr("value")));
                    s.data_segnalazione = self.istante(
                        v,
                        &unisci!(sp, "/data_segnalazione"),
                        &unisci!(ixp, "/time[1]"),
                    );
                }
                if let Some(ae) = inf.figlio("assignedEntity") {
                    let axp = unisci!(ixp, "/assignedEntity[1]");
                    let ids: Vec<(&Elemento, String)> = ae
                        .figli_nome("id")
                        .enumerate()
                        .map(|(k, i)| (i, unisci!(axp, "/id[", k + 1, "]")))
                        .collect();
                    let (cf, altri) =
                        self.cf_persona(&ids, &unisci!(sp, "/segnalante/codice_fiscale"), false);
                    let (nome, cognome) = self.nome(
                        ae.figlio("assignedPerson").and_then(|p| p.figlio("name")),
                        &unisci!(sp, "/segnalante"),
                        &unisci!(axp, "/assignedPerson[1]/name[1]"),
                    );
                    if cf.is_some() || nome.is_some() || cognome.is_some() || !altri.is_empty() {
                        s.segnalante = Some(Persona {
                            codice_fiscale: cf,
                            altri_identificativi: altri,
                            nome,
                            cognome,
                        });
                    }
                    if let Some(ro) = ae.figlio("representedOrganization") {
                        let rxp = unisci!(axp, "/representedOrganization[1]");
                        let codice = ro
                            .figlio("id")
                            .and_then(|i| i.attr("extension"))
                            .map(str::to_string);
                        let tipologia = self.codice(
                            ro.figlio("code"),
                            &unisci!(sp, "/ente_segnalante/tipologia"),
                            &unisci!(rxp, "/code[1]"),
                        );
                        if let (Some(c), Some(t)) = (&codice, &tipologia) {
                            if *c == t.code {
                                self.emetti(
                                    "CSI-CMP-014",
                                    &unisci!(sp, "/ente_segnalante/tipologia"),
                                    &unisci!(rxp, "/code[1]"),
                                    [],
                                );
                            }
                        }
                        let denominazione = self.testo_el(ro.figlio("name"));
                        if codice.is_some() || tipologia.is_some() || denominazione.is_some() {
                            s.ente_segnalante = Some(EnteSegnalante {
                                codice,
                                tipologia,
                                denominazione,
                            });
                        }
                    }
                }
            }
            a.segnalazione = Some(s);
        }
        for (obs, oxp) in Self::riferimenti(ee, xp) {
            let voce = Voce::new(obs, TipoFase::Accesso, &oxp, base, true);
            let key = voce.chiave.to_string();
            let value = obs.figlio("value");
            let vxp = unisci!(oxp, "/value[1]");
            match key.as_str() {
                "TIRI" => item!(self.item_codice(&voce, a.tipologia_richiesta)),
                "MOCO" => item!(self.item_codice(&voce, a.modalita_contatto)),
                "AMIR" => item!(self.item_codice(&voce, a.ambito_intervento_richiesto)),
                "CONF" => item!(self.item_codice(&voce, a.composizione_nucleo)),
                "NUNF" => item!(self.item_codice(&voce, a.numerosita_nucleo)),
                "NURS" => item!(self.item_codice(&voce, a.numerosita_rete_sociale)),
                "PROV" => item!(self.item_codice(&voce, a.provenienza)),
                "ARRE" => item!(self.item_codice(&voce, a.area_reddituale)),
                "DSU0" => item!(self.item_codice(&voce, a.dsu)),
                "TIIS" => item!(self.item_codice(&voce, a.tipologia_isee)),
                "OCAS" => item!(self.item_codice(&voce, a.occupazione)),
                "ISEE" => item!(self.item_importo(&voce, a.valore_isee)),
                "COER" => {
                    let path = unisci!(base, "/ente_rilevatore/codice");
                    self.verifica_item(obs, TipoFase::Accesso, &key, &path, &oxp);
                    if let Some(c) = value.and_then(|v| {
                        self.codice_valore(v, oid_item(TipoFase::Accesso, &key), &path, &vxp)
                    }) {
                        a.ente_rilevatore
                            .get_or_insert_with(Default::default)
                            .codice = Some(c);
                    }
                }
                "DEER" => {
                    let path = unisci!(base, "/ente_rilevatore/denominazione");
                    self.verifica_item(obs, TipoFase::Accesso, &key, &path, &oxp);
                    let t = value
                        .and_then(|v| v.attr("code").or(v.attr("value")))
                        .map(Testo::new)
                        .or_else(|| self.testo_el(obs.figlio("text")));
                    if let Some(t) = t {
                        a.ente_rilevatore
                            .get_or_insert_with(Default::default)
                            .denominazione = Some(t);
                    }
                }
                _ => self.non_mappato(obs, &oxp),
            }
        }
        a
    }

    fn assistito(&mut self, _ee: &Elemento, pa: &Elemento, pxp: &str) -> Assistito {
        let base = "/cartella/assistito";
        let mut a = Assistito::default();
        // addresses
        for (k, addr) in pa.figli_nome("addr").enumerate() {
            let axp = unisci!(pxp, "/addr[", k + 1, "]");
            let uso = normalizza_uso(addr.attr("use").unwrap_or_default());
            let v = addr
                .figlio("censusTract")
                .map(Elemento::testo_completo)
                .filter(|s| !s.is_empty())
                .or_else(|| {
                    addr.figlio("code")
                        .and_then(|c| c.attr("code"))
                        .map(str::to_string)
                });
            let Some(v) = v else { continue };
            match uso.as_str() {
                "comune residenza" | "comune di residenza" => {
                    a.residenza
                        .get_or_insert_with(Default::default)
                        .comune_istat = Some(CodiceIstatComune::new(v))
                }
                "regione residenza" | "regione di residenza" => {
                    a.residenza
                        .get_or_insert_with(Default::default)
                        .regione_istat = Some(CodiceIstatRegione::new(v))
                }
                "nazione residenza" | "nazione di residenza" => {
                    a.residenza
                        .get_or_insert_with(Default::default)
                        .nazione_iso2 = Some(Iso3166Alpha2::new(v))
                }
                "comune domicilio" | "comune di domicilio" => {
                    a.domicilio
                        .get_or_insert_with(Default::default)
                        .comune_istat = Some(CodiceIstatComune::new(v))
                }
                _ => self.emetti(
                    "XML-010",
                    base,
                    &unisci!(axp, "/@use"),
                    [("nome", "addr/@use".to_string())],
                ),
            }
        }
        // telecom
        a.contatti = self.telecom(pa, pxp, &unisci!(base, "/contatti"));
        // identity document
        if let Some(doc) = pa
            .figlio("subjectOf")
            .and_then(|s| s.figlio("identityDocument"))
        {
            let dxp = unisci!(pxp, "/subjectOf[1]/identityDocument[1]");
            let estremi = doc
                .figlio("id")
                .and_then(|i| i.attr("extension"))
                .map(str::to_string);
            let tipo = self.codice(
                doc.figlio("code"),
                &unisci!(base, "/documento_identita/tipo"),
                &unisci!(dxp, "/code[1]"),
            );
            if estremi.is_some() || tipo.is_some() {
                a.documento_identita = Some(DocumentoIdentita { tipo, estremi });
            }
        }
        let Some(pp) = pa.figlio("patientPerson") else {
            return a;
        };
        let ppxp = unisci!(pxp, "/patientPerson[1]");
        let mut ids: Vec<(&Elemento, String)> = pp
            .figli_nome("id")
            .enumerate()
            .map(|(k, i)| (i, unisci!(ppxp, "/id[", k + 1, "]")))
            .collect();
        for (k, aoi) in pp.figli_nome("asOtherIDs").enumerate() {
            for (j, id) in aoi.figli_nome("id").enumerate() {
                let ixp = unisci!(ppxp, "/asOtherIDs[", k + 1, "]/id[", j + 1, "]");
                if id.attr("root") == Some(oid::TESSERA_TEAM) {
                    a.tessera_team = id.attr("extension").map(str::to_string);
                }
                ids.push((id, ixp));
            }
        }
        let (cf, altri) = self.cf_persona(&ids, &unisci!(base, "/codice_fiscale"), true);
        a.codice_fiscale = cf;
        a.altri_identificativi = altri;
        (a.nome, a.cognome) = self.nome(pp.figlio("name"), base, &unisci!(ppxp, "/name[1]"));
        a.genere = self.genere(
            pp.figlio("administrativeGenderCode"),
            &unisci!(base, "/genere"),
            &unisci!(ppxp, "/administrativeGenderCode[1]"),
        );
        a.data_nascita = self.data_giorno(
            pp.figlio("birthTime"),
            &unisci!(base, "/data_nascita"),
            &unisci!(ppxp, "/birthTime[1]"),
        );
        a.deceduto = pp
            .figlio("deceasedInd")
            .and_then(|d| d.attr("value"))
            .and_then(|v| match v {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            });
        a.data_decesso = self.data_giorno(
            pp.figlio("deceasedTime"),
            &unisci!(base, "/data_decesso"),
            &unisci!(ppxp, "/deceasedTime[1]"),
        );
        a.stato_civile = self.codice(
            pp.figlio("maritalStatusCode"),
            &unisci!(base, "/stato_civile"),
            &unisci!(ppxp, "/maritalStatusCode[1]"),
        );
        a.titolo_studio = self.codice(
            pp.figlio("educationLevelCode"),
            &unisci!(base, "/titolo_studio"),
            &unisci!(ppxp, "/educationLevelCode[1]"),
        );
        for (k, c) in pp.figli_nome("asCitizen").enumerate() {
            let id = c
                .figlio("politicalOrganization")
                .and_then(|o| o.figlio("id"));
            let cod = id.and_then(|i| {
                i.attr("extension").map(|x| Codice {
                    code: x.to_string(),
                    system: i.attr("root").unwrap_or_default().to_string(),
                    ..Default::default()
                })
            });
            match k {
                0 => a.cittadinanza = cod,
                1 => a.seconda_cittadinanza = cod,
                _ => self.emetti(
                    "CSI-ANA-013",
                    &unisci!(base, "/seconda_cittadinanza"),
                    &unisci!(ppxp, "/asCitizen[", k + 1, "]"),
                    [],
                ),
            }
        }
        a.garanti = self.garanti(pp, &ppxp, &unisci!(base, "/garanti"));
        // relations
        for (k, pr) in pp.figli_nome("personalRelationship").enumerate() {
            let rxp = unisci!(ppxp, "/personalRelationship[", k + 1, "]");
            let rp = unisci!(base, "/relazioni/", a.relazioni.len());
            if let Some(r) = self.relazione(pr, &rxp, &rp) {
                a.relazioni.push(r);
            }
        }
        // birth place
        if let Some(addr) = pp
            .figlio("birthPlace")
            .and_then(|b| b.figlio("birthplace"))
            .and_then(|b| b.figlio("addr"))
        {
            let bxp = unisci!(ppxp, "/birthPlace[1]/birthplace[1]/addr[1]");
            if let Some(c) = addr.figlio("code").filter(|c| c.attr("code").is_some()) {
                a.comune_nascita = self.codice_valore(
                    c,
                    Some(oid::COMUNE_NASCITA),
                    &unisci!(base, "/comune_nascita"),
                    &unisci!(bxp, "/code[1]"),
                );
            } else if let Some(ct) = addr.figlio("censusTract") {
                let t = ct.testo_completo();
                if !t.is_empty() {
                    self.emetti(
                        "CSI-CMP-009",
                        &unisci!(base, "/comune_nascita"),
                        &unisci!(bxp, "/censusTract[1]"),
                        [],
                    );
                    a.comune_nascita = Some(Codice {
                        code: t,
                        system: oid::COMUNE_NASCITA.to_string(),
                        ..Default::default()
                    });
                }
            }
        }
        // consultants of the record
        let mut mmg_letto = false;
        for (k, con) in _ee.figli_nome("consultant").enumerate() {
            let cxp = unisci!(
                pxp.trim_end_matches("/subject[1]/patient[1]"),
                "/consultant[",
                k + 1,
                "]/assignedPerson[1]"
            );
            let Some(ap) = con.figlio("assignedPerson") else {
                continue;
            };
            let ids: Vec<(&Elemento, String)> = ap
                .figli_nome("id")
                .enumerate()
                .map(|(j, i)| (i, unisci!(cxp, "/id[", j + 1, "]")))
                .collect();
            let code = ap.figlio("code");
            let is_ap = code.and_then(|c| c.attr("codeSystem")) == Some(oid::ASSISTENTE_PERSONALE);
            if !is_ap && !mmg_letto && code.is_none() {
                mmg_letto = true;
                let (cf, altri) =
                    self.cf_persona(&ids, &unisci!(base, "/mmg_pdf/codice_fiscale"), false);
                let (nome, cognome) = self.nome(
                    ap.figlio("assignedPerson").and_then(|p| p.figlio("name")),
                    &unisci!(base, "/mmg_pdf"),
                    &unisci!(cxp, "/assignedPerson[1]/name[1]"),
                );
                a.mmg_pdf = Some(Persona {
                    codice_fiscale: cf,
                    altri_identificativi: altri,
                    nome,
                    cognome,
                });
                continue;
            }
            let ap_path = unisci!(base, "/assistenti_personali/", a.assistenti_personali.len());
            if !is_ap && code.is_none() {
                self.emetti("CSI-REL-010", &ap_path, &cxp, []);
            }
            let (cf, _) = self.cf_persona(&ids, &unisci!(ap_path, "/codice_fiscale"), false);
            let tipologia = code.and_then(|c| {
                c.attr("code").map(|cc| Codice {
                    code: cc.to_string(),
                    system: c.attr("codeSystem").unwrap_or_default().to_string(),
                    display: c.attr("displayName").map(Testo::new),
                    system_version: None,
                })
            });
            let (nome, cognome) = self.nome(
                ap.figlio("assignedPerson").and_then(|p| p.figlio("name")),
                &ap_path,
                &unisci!(cxp, "/assignedPerson[1]/name[1]"),
            );
            let comune = ap.figli_nome("addr").find_map(|ad| {
                let u = normalizza_uso(ad.attr("use").unwrap_or_default());
                (u == "comune di residenza" || u == "comune residenza")
                    .then(|| ad.figlio("censusTract").map(Elemento::testo_completo))
                    .flatten()
                    .filter(|s| !s.is_empty())
            });
            a.assistenti_personali.push(AssistentePersonale {
                tipologia,
                codice_fiscale: cf,
                nome,
                cognome,
                genere: self.genere(
                    ap.figlio("administrativeGenderCode"),
                    &unisci!(ap_path, "/genere"),
                    &unisci!(cxp, "/administrativeGenderCode[1]"),
                ),
                data_nascita: self.data_giorno(
                    ap.figlio("birthTime"),
                    &unisci!(ap_path, "/data_nascita"),
                    &unisci!(cxp, "/birthTime[1]"),
                ),
                comune_residenza_istat: comune.map(CodiceIstatComune::new),
            });
        }
        a
    }

    fn telecom(&mut self, pa: &Elemento, pxp: &str, path: &str) -> Option<Contatti> {
        let mut c = Contatti::default();
        for (k, t) in pa.figli_nome("telecom").enumerate() {
            let txp = unisci!(pxp, "/telecom[", k + 1, "]");
            let Some(v) = t.attr("value").filter(|v| !v.is_empty()) else {
                continue;
            };
            let uso = t.attr("use").unwrap_or_default();
            if let Some(e) = v.strip_prefix("mailto:") {
                c.email = Some(e.to_string());
            } else if v.contains('@') {
                c.email = Some(v.to_string());
            } else {
                let numero = v.strip_prefix("tel:").unwrap_or(v).to_string();
                let usi: Vec<&str> = uso.split_whitespace().collect();
                if usi.contains(&"MC") {
                    c.cellulare = Some(numero);
                } else if usi.iter().any(|u| matches!(*u, "H" | "HP" | "HV" | "WP")) {
                    c.telefono = Some(numero);
                } else {
                    self.emetti("CSI-CMP-010", path, &txp, []);
                    match k {
                        0 => c.telefono = Some(numero),
                        1 => c.cellulare = Some(numero),
                        _ => c.email = Some(numero),
                    }
                }
            }
        }
        (c != Contatti::default()).then_some(c)
    }

    fn garanti(&mut self, pp: &Elemento, ppxp: &str, path: &str) -> Option<Garanti> {
        let mut g = Garanti::default();
        let mut condivisi: Vec<(String, String)> = Vec::new();
        for (k, gu) in pp.figli_nome("guarantor").enumerate() {
            let gxp = unisci!(
                ppxp,
                "/guarantor[",
                k + 1,
                "]/guarantorOrganization[1]/id[1]"
            );
            let Some(id) = gu
                .figlio("guarantorOrganization")
                .and_then(|o| o.figlio("id"))
            else {
                continue;
            };
            let Some(ext) = id.attr("extension") else {
                continue;
            };
            match id.attr("root").unwrap_or_default() {
                r if r == oid::AMBITO => g.ambito = Some(ext.to_string()),
                oid::ATS_ASST => condivisi.push((ext.to_string(), gxp)),
                _ => self.emetti("CSI-ANA-020", path, &gxp, []),
            }
        }
        let n = condivisi.len();
        for (i, (ext, gxp)) in condivisi.into_iter().enumerate() {
            let tipo = if ext.len() == 3
                && ext.starts_with('3')
                && ext.bytes().all(|b| b.is_ascii_digit())
            {
                Some(true)
            } else if ext.len() == 3
                && ext.starts_with('7')
                && ext.bytes().all(|b| b.is_ascii_digit())
            {
                Some(false)
            } else if n == 2 {
                Some(i == 0)
            } else {
                None
            };
            match tipo {
                Some(ats) => {
                    self.emetti("CSI-CMP-012", path, &gxp, [("valore", ext.clone())]);
                    let slot = if ats { &mut g.ats } else { &mut g.asst };
                    if slot.is_some() {
                        self.emetti("CSI-ANA-020", path, &gxp, []);
                    } else {
                        *slot = Some(ext);
                    }
                }
                None => self.emetti("CSI-ANA-020", path, &gxp, []),
            }
        }
        (g != Garanti::default()).then_some(g)
    }

    fn relazione(&mut self, pr: &Elemento, rxp: &str, rp: &str) -> Option<Relazione> {
        let code = pr.figlio("code");
        let cs = code.and_then(|c| c.attr("codeSystem")).unwrap_or_default();
        let tipo = if cs == oid::RELAZIONE_NUCLEO {
            TipoRelazione::NucleoFamiliare
        } else if cs == oid::RELAZIONE_RETE {
            TipoRelazione::ReteSociale
        } else {
            self.emetti(
                "CSI-REL-002",
                &unisci!(rp, "/tipo_relazione"),
                &unisci!(rxp, "/code[1]"),
                [],
            );
            return None;
        };
        if pr.figlio("relationshipHolder2").is_some() {
            self.non_mappato(
                pr.figlio("relationshipHolder2")?,
                &unisci!(rxp, "/relationshipHolder2[1]"),
            );
            return None;
        }
        let codice = code.and_then(|c| c.attr("code")).unwrap_or_default();
        if codice.is_empty() {
            self.emetti(
                "CSI-REL-001",
                &unisci!(rp, "/tipologia"),
                &unisci!(rxp, "/code[1]"),
                [],
            );
        }
        let mut r = Relazione {
            tipo_relazione: tipo,
            tipologia: Codice {
                code: codice.to_string(),
                system: cs.to_string(),
                display: code
                    .and_then(|c| c.attr("displayName"))
                    .filter(|d| !d.is_empty())
                    .map(Testo::new),
                system_version: code
                    .and_then(|c| c.attr("codeSystemVersion"))
                    .filter(|d| !d.is_empty())
                    .map(str::to_string),
            },
            ..Default::default()
        };
        for ad in pr.figli_nome("addr") {
            let u = normalizza_uso(ad.attr("use").unwrap_or_default());
            if u == "comune di residenza" || u == "comune residenza" {
                if u == "comune residenza" {
                    self.emetti(
                        "CSI-CMP-008",
                        &unisci!(rp, "/comune_residenza_istat"),
                        &unisci!(rxp, "/addr[1]"),
                        [("valore", u.clone())],
                    );
                }
                r.comune_residenza_istat = ad
                    .figlio("censusTract")
                    .map(Elemento::testo_completo)
                    .filter(|s| !s.is_empty())
                    .map(CodiceIstatComune::new);
            }
        }
        if let Some(h) = pr.figlio("relationshipHolder1") {
            let hxp = unisci!(rxp, "/relationshipHolder1[1]");
            let ids: Vec<(&Elemento, String)> = h
                .figli_nome("id")
                .enumerate()
                .map(|(j, i)| (i, unisci!(hxp, "/id[", j + 1, "]")))
                .collect();
            (r.codice_fiscale, _) = self.cf_persona(&ids, &unisci!(rp, "/codice_fiscale"), false);
            (r.nome, r.cognome) = self.nome(h.figlio("name"), rp, &unisci!(hxp, "/name[1]"));
            if let Some(d) = h.figlio("desc") {
                let t = d.testo_completo();
                r.caregiver = match t.to_ascii_uppercase().as_str() {
                    "1" | "TRUE" | "S" | "SI" => Some(true),
                    "0" | "FALSE" | "N" | "NO" => Some(false),
                    "" => None,
                    _ => {
                        self.emetti(
                            "CSI-REL-004",
                            &unisci!(rp, "/caregiver"),
                            &unisci!(hxp, "/desc[1]"),
                            [("valore", t.clone())],
                        );
                        None
                    }
                };
            }
            r.genere = self.genere(
                h.figlio("administrativeGenderCode"),
                &unisci!(rp, "/genere"),
                &unisci!(hxp, "/administrativeGenderCode[1]"),
            );
            r.data_nascita = self.data_giorno(
                h.figlio("birthTime"),
                &unisci!(rp, "/data_nascita"),
                &unisci!(hxp, "/birthTime[1]"),
            );
            if let Some(ad) = h
                .figlio("birthPlace")
                .and_then(|b| b.figlio("birthplace"))
                .and_then(|b| b.figlio("addr"))
            {
                r.comune_nascita_istat = ad
                    .figlio("censusTract")
                    .map(Elemento::testo_completo)
                    .filter(|s| !s.is_empty())
                    .or_else(|| {
                        ad.figlio("code")
                            .and_then(|c| c.attr("code"))
                            .map(str::to_string)
                    })
                    .map(CodiceIstatComune::new);
            }
        }
        Some(r)
    }

    /// Attenders by role (§8.1): `ruoli` = (profile OID of the role) in order.
    fn attenders(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        ruoli: &[Option<String>],
        nomi: &[&str],
    ) -> Vec<Option<Operatore>> {
        let mut out: Vec<Option<Operatore>> = vec![None; ruoli.len()];
        let mut senza_ruolo = Vec::new();
        for (k, at) in ee.figli_nome("attender").enumerate() {
            let axp = unisci!(xp, "/attender[", k + 1, "]/assignedPerson[1]");
            let Some(ap) = at.figlio("assignedPerson") else {
                continue;
            };
            let cs = ap.figlio("code").and_then(|c| c.attr("codeSystem"));
            let idx = cs.and_then(|cs| ruoli.iter().position(|r| r.as_deref() == Some(cs)));
            match idx {
                Some(i) if out[i].is_none() => {
                    let path = unisci!(base, "/", nomi[i]);
                    out[i] = Some(self.operatore(ap, &axp, &path, true));
                }
                _ => senza_ruolo.push((ap, axp)),
            }
        }
        for (ap, axp) in senza_ruolo {
            match out.iter().position(Option::is_none) {
                Some(i) => {
                    let path = unisci!(base, "/", nomi[i]);
                    if ruoli[i].is_some() {
                        self.emetti("CSI-CMP-011", &path, &axp, [("ruolo", nomi[i].to_string())]);
                    } else if ap.figlio("code").is_some() {
                        self.emetti("CSI-FIN-007", &path, &unisci!(axp, "/code[1]"), []);
                    }
                    out[i] = Some(self.operatore(ap, &axp, &path, ruoli[i].is_some()));
                }
                None => self.emetti("CSI-OPR-004", base, &axp, []),
            }
        }
        out
    }

    fn operatore(&mut self, ap: &Elemento, axp: &str, path: &str, con_profilo: bool) -> Operatore {
        let ids: Vec<(&Elemento, String)> = ap
            .figli_nome("id")
            .enumerate()
            .map(|(j, i)| (i, unisci!(axp, "/id[", j + 1, "]")))
            .collect();
        let (cf, altri) = self.cf_persona(&ids, &unisci!(path, "/codice_fiscale"), false);
        let (nome, cognome) = self.nome(
            ap.figlio("assignedPerson").and_then(|p| p.figlio("name")),
            path,
            &unisci!(axp, "/assignedPerson[1]/name[1]"),
        );
        let profilo = if con_profilo {
            ap.figlio("code").and_then(|c| {
                c.attr("code").map(|cc| Codice {
                    code: cc.to_string(),
                    system: c.attr("codeSystem").unwrap_or_default().to_string(),
                    display: c.attr("displayName").map(Testo::new),
                    system_version: None,
                })
            })
        } else {
            None
        };
        Operatore {
            codice_fiscale: cf,
            altri_identificativi: altri,
            nome,
            cognome,
            profilo_professionale: profilo,
        }
    }

    fn fase_b(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        h: IntestazioneFase,
        et: &[&Elemento],
    ) -> FaseValutazioneBisogno {
        let mut b = FaseValutazioneBisogno {
            intestazione: h,
            ..Default::default()
        };
        if let Some(e2) = et.get(1) {
            b.data_valutazione = e2.figlio("low").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(base, "/data_valutazione"),
                    &unisci!(xp, "/effectiveTime[2]/low[1]/@value"),
                )
            });
        }
        let ops = self.attenders(
            ee,
            xp,
            base,
            &[
                Some(oid::PROFILO_RESPONSABILE_VALUTAZIONE.to_string()),
                Some(oid::PROFILO_CASE_MANAGER.to_string()),
            ],
            &["responsabile_valutazione", "case_manager"],
        );
        let mut it = ops.into_iter();
        b.responsabile_valutazione = it.next().flatten();
        b.case_manager = it.next().flatten();
        for (obs, oxp) in Self::riferimenti(ee, xp) {
            let voce = Voce::new(obs, TipoFase::ValutazioneBisogno, &oxp, base, true);
            let key = voce.chiave.to_string();
            match key.as_str() {
                "AMIR" => item!(self.item_lista(&voce, b.aree_intervento_sociale)),
                "ESTI" => item!(self.item_lista(&voce, b.esenzioni_ticket)),
                "DSGI" => item!(self.item_testo(&voce, b.struttura_sociosanitaria_in_carico)),
                "SSGE" => item!(self.item_testo(&voce, b.servizi_sociosanitari_erogati)),
                "INVA" => item!(self.item_lista(&voce, b.invalidita)),
                "INFR" => item!(self.item_codice(&voce, b.indennita_frequenza)),
                "PRSI" => item!(self.item_lista(&voce, b.previdenze_inps)),
                "APIC" => item!(self.item_codice(&voce, b.assegno_pensione_invalidita)),
                "UTPP" => item!(self.item_codice(&voce, b.patologia_psichiatrica)),
                "PACO" => item!(self.item_testo(&voce, b.patologie_correnti)),
                "POPA" => item!(self.item_codice(&voce, b.portatore_protesi_ausili)),
                "MOAF" => item!(self.item_codice(&voce, b.motivazione_affido)),
                "VNCS" => item!(self.item_codice(&voce, b.necessita_cure_sanitarie)),
                "NISS" => item!(self.item_lista(&voce, b.necessita_interventi_sociosanitari)),
                "NISO" => item!(self.item_lista(&voce, b.necessita_interventi_sociali)),
                "FODV" => item!(self.item_codice(&voce, b.fonte_derivazione_valutazione)),
                "COPA" => item!(self.item_lista(&voce, b.protesi_ausili)),
                _ => self.non_mappato(obs, &oxp),
            }
        }
        b
    }

    /// `pertinentInformation2/carePlan` and its `component2` observations and acts.
    fn care_plan<'e>(ee: &'e Elemento<'e>, xp: &str) -> Option<(&'e Elemento<'e>, String)> {
        let cp = ee.figlio("pertinentInformation2")?.figlio("carePlan")?;
        Some((cp, unisci!(xp, "/pertinentInformation2[1]/carePlan[1]")))
    }

    fn componenti<'e>(cp: &'e Elemento, cxp: &str) -> (Trovati<'e>, Trovati<'e>) {
        let mut obs = Vec::new();
        let mut acts = Vec::new();
        for (k, c2) in cp.figli_nome("component2").enumerate() {
            for (j, o) in c2.figli_nome("observation").enumerate() {
                obs.push((
                    o,
                    unisci!(cxp, "/component2[", k + 1, "]/observation[", j + 1, "]"),
                ));
            }
            for (j, a) in c2.figli_nome("act").enumerate() {
                acts.push((a, unisci!(cxp, "/component2[", k + 1, "]/act[", j + 1, "]")));
            }
        }
        (obs, acts)
    }

    fn prestazione(&mut self, act: &Elemento, axp: &str, path: &str) -> Prestazione {
        let mut pr = Prestazione {
            codice: act.figlio("code").and_then(|c| {
                self.codice_valore(
                    c,
                    Some(oid::PRESTAZIONE),
                    &unisci!(path, "/codice"),
                    &unisci!(axp, "/code[1]"),
                )
            }),
            ..Default::default()
        };
        if let Some(et) = act.figlio("effectiveTime") {
            pr.data_inizio = et.figlio("low").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(path, "/data_inizio"),
                    &unisci!(axp, "/effectiveTime[1]/low[1]/@value"),
                )
            });
            pr.data_fine = et.figlio("high").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(path, "/data_fine"),
                    &unisci!(axp, "/effectiveTime[1]/high[1]/@value"),
                )
            });
        }
        if let Some(ae) = act
            .figlio("performer")
            .and_then(|p| p.figlio("assignedEntity"))
        {
            let exp = unisci!(axp, "/performer[1]/assignedEntity[1]");
            let opath = unisci!(path, "/operatore_erogante");
            let mut op = self.operatore(ae, &exp, &opath, true);
            if let Some(pp) = &op.profilo_professionale {
                if pp.system == oid::LUOGO_PRESTAZIONE {
                    self.emetti(
                        "CSI-CMP-015",
                        &unisci!(opath, "/profilo_professionale"),
                        &unisci!(exp, "/code[1]"),
                        [],
                    );
                }
            }
            if op == Operatore::default() {
                op = Operatore::default();
            }
            pr.operatore_erogante = (op != Operatore::default()).then_some(op);
        }
        if let Some(c) = act
            .figlio("location")
            .and_then(|l| l.figlio("serviceFacility"))
            .and_then(|s| s.figlio("code"))
        {
            pr.luogo = self.codice_valore(
                c,
                Some(oid::LUOGO_PRESTAZIONE),
                &unisci!(path, "/luogo"),
                &unisci!(axp, "/location[1]/serviceFacility[1]/code[1]"),
            );
        }
        pr
    }

    fn fase_c(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        h: IntestazioneFase,
    ) -> FaseProgettoIndividuale {
        let mut c = FaseProgettoIndividuale {
            intestazione: h,
            ..Default::default()
        };
        let ops = self.attenders(
            ee,
            xp,
            base,
            &[
                Some(oid::PROFILO_RESPONSABILE_PROGETTO.to_string()),
                Some(oid::PROFILO_RESPONSABILE_MONITORAGGIO.to_string()),
            ],
            &["responsabile_progetto", "responsabile_monitoraggio"],
        );
        let mut it = ops.into_iter();
        c.responsabile_progetto = it.next().flatten();
        c.responsabile_monitoraggio = it.next().flatten();
        let Some((cp, cxp)) = Self::care_plan(ee, xp) else {
            return c;
        };
        let pbase = unisci!(base, "/progetto");
        let mut pr = ProgettoIndividuale {
            codice_progetto: cp
                .figlio("id")
                .and_then(|i| i.attr("extension"))
                .map(str::to_string),
            oggetto: self.testo_el(cp.figlio("title")),
            ..Default::default()
        };
        if let Some(et) = cp.figlio("effectiveTime") {
            pr.data_inizio = et.figlio("low").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(pbase, "/data_inizio"),
                    &unisci!(cxp, "/effectiveTime[1]/low[1]/@value"),
                )
            });
            pr.data_fine = et.figlio("high").and_then(|l| {
                self.istante(
                    l.attr("value"),
                    &unisci!(pbase, "/data_fine"),
                    &unisci!(cxp, "/effectiveTime[1]/high[1]/@value"),
                )
            });
        }
        for (k, fg) in cp.figli_nome("finalGoal").enumerate() {
            let Some(og) = fg.figlio("observationGoal") else {
                continue;
            };
            let gxp = unisci!(cxp, "/finalGoal[", k + 1, "]/observationGoal[1]");
            let gp = unisci!(pbase, "/obiettivi/", pr.obiettivi.len());
            let Some(codice) = og.figlio("code").and_then(|cc| {
                self.codice_valore(
                    cc,
                    Some(oid::OBIETTIVO),
                    &unisci!(gp, "/codice"),
                    &unisci!(gxp, "/code[1]"),
                )
            }) else {
                continue;
            };
            let tempistica = og
                .figlio("effectiveTime")
                .and_then(|e| e.figlio("width"))
                .and_then(|w| {
                    let v = Decimale::parse(w.attr("value")?).ok()?;
                    let unit = w.attr("unit").map(str::to_string);
                    if unit.is_none() {
                        self.emetti(
                            "CSI-PRG-008",
                            &unisci!(gp, "/tempistica_monitoraggio"),
                            &unisci!(gxp, "/effectiveTime[1]/width[1]"),
                            [],
                        );
                    }
                    Some(Quantita { value: v, unit })
                });
            let indicatore = og.figlio("value").and_then(|v| {
                self.codice_valore(
                    v,
                    None,
                    &unisci!(gp, "/indicatore_esito"),
                    &unisci!(gxp, "/value[1]"),
                )
            });
            pr.obiettivi.push(Obiettivo {
                codice,
                tempistica_monitoraggio: tempistica,
                indicatore_esito: indicatore,
            });
        }
        let (obs, acts) = Self::componenti(cp, &cxp);
        for (o, oxp) in obs {
            let voce = Voce::new(o, TipoFase::ProgettoIndividuale, &oxp, &pbase, true);
            let key = voce.chiave.to_string();
            match key.as_str() {
                "FRPR" => item!(self.item_codice(&voce, pr.frequenza_prestazioni)),
                "SESP" => item!(self.item_codice(&voce, pr.servizio_sociale_professionale)),
                "INAS" => item!(self.item_codice(&voce, pr.integrazione_sanitaria)),
                "VAPR" => item!(self.item_importo(&voce, pr.valore_progetto)),
                "COEA" => item!(self.item_importo(&voce, pr.compartecipazione_assistito)),
                _ => self.non_mappato(o, &oxp),
            }
        }
        for (a, axp) in acts {
            let path = unisci!(
                pbase,
                "/prestazioni_programmate/",
                pr.prestazioni_programmate.len()
            );
            let x = self.prestazione(a, &axp, &path);
            pr.prestazioni_programmate.push(x);
        }
        c.progetto = Some(pr);
        c
    }

    fn fase_d(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        h: IntestazioneFase,
    ) -> FaseErogazioneServizio {
        let mut d = FaseErogazioneServizio {
            intestazione: h,
            ..Default::default()
        };
        for (obs, oxp) in Self::riferimenti(ee, xp) {
            let key = obs
                .figlio("code")
                .and_then(|c| c.attr("code"))
                .unwrap_or_default();
            if key == "DSFR" {
                let path = unisci!(base, "/struttura_fuori_rete");
                self.verifica_item(obs, TipoFase::ErogazioneServizio, key, &path, &oxp);
                d.struttura_fuori_rete = self.testo_el(obs.figlio("text"));
            } else {
                self.non_mappato(obs, &oxp);
            }
        }
        let Some((cp, cxp)) = Self::care_plan(ee, xp) else {
            return d;
        };
        let (obs, acts) = Self::componenti(cp, &cxp);
        for (o, oxp) in obs {
            let voce = Voce::new(o, TipoFase::ErogazioneServizio, &oxp, base, true);
            let key = voce.chiave.to_string();
            let value = o.figlio("value");
            let vxp = unisci!(oxp, "/value[1]");
            match key.as_str() {
                "UDOS" => item!(self.item_codice(&voce, d.udo_sociale)),
                "SOER" => item!(self.item_codice(&voce, d.soggetto_erogatore)),
                "MOER" => item!(self.item_codice(&voce, d.modalita_erogazione)),
                "ARIS" => item!(self.item_codice(&voce, d.area_intervento_sociale)),
                "SEER" => item!(self.item_codice(&voce, d.servizio_erogato)),
                "DAAS" => item!(self.item_data(&voce, d.data_attivazione)),
                "DACS" => item!(self.item_data(&voce, d.data_conclusione)),
                "VMBS" => item!(self.item_importo(&voce, d.valore_mensile_buono)),
                "TIVS" => item!(self.item_codice(&voce, d.tipologia_voucher)),
                "VAVO" => item!(self.item_importo(&voce, d.valore_voucher)),
                "IMER" => item!(self.item_importo(&voce, d.importo_erogato)),
                "RIRE" => item!(self.item_importo(&voce, d.riprogrammazione_risorse)),
                "DAIS" => {
                    let path = unisci!(base, "/sospensioni/", d.sospensioni.len(), "/data_inizio");
                    self.verifica_item(o, TipoFase::ErogazioneServizio, &key, &path, &oxp);
                    if let Some(i) = value.and_then(|v| self.data_any(v, &path, &vxp)) {
                        d.sospensioni.push(Sospensione {
                            data_inizio: i,
                            data_fine: None,
                            motivazione: None,
                        });
                    }
                }
                "DAFS" | "MOSO" => {
                    let fine = key == "DAFS";
                    let aperta = d.sospensioni.iter().rposition(|s| {
                        if fine {
                            s.data_fine.is_none()
                        } else {
                            s.motivazione.is_none()
                        }
                    });
                    let Some(k) = aperta else {
                        self.emetti("CSI-ERO-016", &unisci!(base, "/sospensioni"), &oxp, []);
                        continue;
                    };
                    // Attach only to the most recent suspension.
                    if k + 1 != d.sospensioni.len() {
                        self.emetti("CSI-ERO-016", &unisci!(base, "/sospensioni"), &oxp, []);
                        continue;
                    }
                    if fine {
                        let path = unisci!(base, "/sospensioni/", k, "/data_fine");
                        self.verifica_item(o, TipoFase::ErogazioneServizio, &key, &path, &oxp);
                        let v = value.and_then(|v| self.data_any(v, &path, &vxp));
                        if let Some(s) = d.sospensioni.get_mut(k) {
                            s.data_fine = v;
                        }
                    } else {
                        let path = unisci!(base, "/sospensioni/", k, "/motivazione");
                        self.verifica_item(o, TipoFase::ErogazioneServizio, &key, &path, &oxp);
                        let v = value.and_then(|v| {
                            self.codice_valore(
                                v,
                                oid_item(TipoFase::ErogazioneServizio, &key),
                                &path,
                                &vxp,
                            )
                        });
                        if let Some(s) = d.sospensioni.get_mut(k) {
                            s.motivazione = v;
                        }
                    }
                }
                _ => self.non_mappato(o, &oxp),
            }
        }
        for (a, axp) in acts {
            let path = unisci!(base, "/prestazioni_erogate/", d.prestazioni_erogate.len());
            let x = self.prestazione(a, &axp, &path);
            d.prestazioni_erogate.push(x);
        }
        d
    }

    fn fase_e(
        &mut self,
        ee: &Elemento,
        xp: &str,
        base: &str,
        h: IntestazioneFase,
    ) -> FaseValutazioneFinale {
        let mut e = FaseValutazioneFinale {
            intestazione: h,
            ..Default::default()
        };
        e.responsabile_chiusura = self
            .attenders(ee, xp, base, &[None], &["responsabile_chiusura"])
            .into_iter()
            .next()
            .flatten();
        let Some((cp, cxp)) = Self::care_plan(ee, xp) else {
            return e;
        };
        if let Some(hi) = cp.figlio("effectiveTime").and_then(|t| t.figlio("high")) {
            e.data_chiusura_progetto = self.istante(
                hi.attr("value"),
                &unisci!(base, "/data_chiusura_progetto"),
                &unisci!(cxp, "/effectiveTime[1]/high[1]/@value"),
            );
        }
        let (obs, acts) = Self::componenti(cp, &cxp);
        for (o, oxp) in obs {
            let voce = Voce::new(o, TipoFase::ValutazioneFinale, &oxp, base, false);
            let key = voce.chiave.to_string();
            match key.as_str() {
                "DAVF" => item!(self.item_data(&voce, e.data_valutazione_finale)),
                "VAFI" => item!(self.item_testo(&voce, e.valutazione_finale)),
                "MOCP" => item!(self.item_codice(&voce, e.motivazione_chiusura)),
                "RIEF" => item!(self.item_importo(&voce, e.risorse_economiche_finali)),
                "RIRA" => item!(self.item_testo(&voce, e.risultati_raggiunti)),
                "RINR" => item!(self.item_testo(&voce, e.risultati_non_raggiunti)),
                "NUPR" => item!(self.item_codice(&voce, e.nuovo_progetto)),
                _ => self.non_mappato(o, &oxp),
            }
        }
        for (a, axp) in acts {
            self.non_mappato(a, &axp);
        }
        e
    }
}

/// Every rule id that the request reader ([`leggi`]), the XML layer ([`super::xml`]) and the
/// acknowledgement reader ([`super::lettura_risposta`]) can raise.
pub const RULES: &[&str] = &[
    "XML-001",
    "XML-002",
    "XML-003",
    "XML-004",
    "XML-005",
    "XML-006",
    "XML-007",
    "XML-008",
    "XML-009",
    "XML-010",
    "XML-011",
    "XML-012",
    "XML-013",
    "XML-014",
    "XML-015",
    "XML-016",
    "XML-018",
    "CSI-ENV-001",
    "CSI-ENV-002",
    "CSI-ENV-003",
    "CSI-ENV-004",
    "CSI-ENV-005",
    "CSI-ENV-006",
    "CSI-ENV-007",
    "CSI-ENV-008",
    "CSI-ENV-009",
    "CSI-ENV-010",
    "CSI-ENV-011",
    "CSI-ENV-012",
    "CSI-CMP-001",
    "CSI-CMP-002",
    "CSI-CMP-003",
    "CSI-CMP-004",
    "CSI-CMP-005",
    "CSI-CMP-006",
    "CSI-CMP-007",
    "CSI-CMP-008",
    "CSI-CMP-009",
    "CSI-CMP-010",
    "CSI-CMP-011",
    "CSI-CMP-012",
    "CSI-CMP-013",
    "CSI-CMP-014",
    "CSI-CMP-015",
    "CSI-CMP-016",
    "CSI-CMP-017",
    "CSI-CMP-018",
    "CSI-CMP-019",
    "CSI-CMP-020",
    "CSI-CMP-021",
    "CSI-CMP-022",
    "CSI-CMP-023",
    "CSI-CMP-024",
    "CSI-CMP-027",
    "CSI-COD-007",
    "CSI-COD-009",
    "CSI-COD-011",
    "CSI-ANA-013",
    "CSI-ANA-020",
    "CSI-ANA-023",
    "CSI-ANA-024",
    "CSI-ERO-016",
    "CSI-FAS-003",
    "CSI-FAS-004",
    "CSI-FAS-005",
    "CSI-FAS-006",
    "CSI-FAS-007",
    "CSI-FAS-012",
    "CSI-FAS-013",
    "CSI-FIN-007",
    "CSI-LCY-020",
    "CSI-MON-008",
    "CSI-OPR-004",
    "CSI-PRG-008",
    "CSI-REL-001",
    "CSI-REL-002",
    "CSI-REL-004",
    "CSI-REL-010",
];

/// XSD facts of one complex type the mapping knows, keyed by element name.
struct TipoXsd {
    nome: &'static str,
    /// Order of the `xs:sequence` (names the mapping knows; others are not checked).
    sequenza: &'static [&'static str],
    /// Children with `minOccurs="1"` (`XML-006`).
    obbligatori: &'static [&'static str],
    /// Children with `maxOccurs="1"` (`XML-009`).
    al_piu_uno: &'static [&'static str],
    /// Required attributes (`XML-007`, `interscambio.md` §4).
    attributi: &'static [&'static str],
}

/// Text-valued elements (`ST`/`ED` parts, mixed content): child elements are `XML-011`.
const TESTUALI: &[&str] = &["text", "title", "given", "family", "censusTract", "desc"];

/// The types checked by `struttura` (`interscambio.md` §4, §6, §7, §9; XSD sequences).
static TIPI_XSD: &[TipoXsd] = &[
    TipoXsd {
        nome: "PRSS_IN001004ZZ",
        sequenza: &[
            "realmCode",
            "typeId",
            "templateId",
            "id",
            "creationTime",
            "securityText",
            "versionCode",
            "interactionId",
            "profileId",
            "processingCode",
            "processingModeCode",
            "acceptAckCode",
            "sequenceNumber",
            "attachmentText",
            "receiver",
            "respondTo",
            "sender",
            "attentionLine",
            "controlActProcess",
        ],
        obbligatori: &[
            "interactionId",
            "processingCode",
            "processingModeCode",
            "acceptAckCode",
            "sender",
            "controlActProcess",
        ],
        al_piu_uno: &[
            "typeId",
            "id",
            "creationTime",
            "securityText",
            "versionCode",
            "interactionId",
            "processingCode",
            "processingModeCode",
            "acceptAckCode",
            "sequenceNumber",
            "sender",
            "controlActProcess",
        ],
        attributi: &[],
    },
    TipoXsd {
        nome: "receiver",
        sequenza: &["realmCode", "typeId", "templateId", "telecom", "device"],
        obbligatori: &["device"],
        al_piu_uno: &["device"],
        attributi: &["typeCode"],
    },
    TipoXsd {
        nome: "sender",
        sequenza: &["realmCode", "typeId", "templateId", "telecom", "device"],
        obbligatori: &["device"],
        al_piu_uno: &["device"],
        attributi: &[],
    },
    TipoXsd {
        nome: "device",
        sequenza: &["id", "name", "desc", "existenceTime", "telecom"],
        obbligatori: &[],
        al_piu_uno: &["desc", "existenceTime"],
        attributi: &["classCode", "determinerCode"],
    },
    TipoXsd {
        nome: "controlActProcess",
        sequenza: &[],
        obbligatori: &[],
        al_piu_uno: &[],
        attributi: &["classCode", "moodCode"],
    },
    TipoXsd {
        nome: "encounterEvent",
        sequenza: &[
            "id",
            "code",
            "text",
            "statusCode",
            "effectiveTime",
            "dischargeDispositionCode",
            "subject",
            "attender",
            "consultant",
            "reason",
            "reference",
            "pertinentInformation1",
            "pertinentInformation2",
            "pertinentInformation3",
            "componentOf",
        ],
        obbligatori: &[],
        al_piu_uno: &[
            "code",
            "text",
            "statusCode",
            "dischargeDispositionCode",
            "componentOf",
        ],
        attributi: &[],
    },
    TipoXsd {
        nome: "patient",
        sequenza: &[
            "id",
            "addr",
            "telecom",
            "statusCode",
            "effectiveTime",
            "confidentialityCode",
            "veryImportantPersonCode",
            "subjectOf",
            "patientPerson",
            "providerOrganization",
        ],
        obbligatori: &[],
        al_piu_uno: &[
            "statusCode",
            "effectiveTime",
            "confidentialityCode",
            "veryImportantPersonCode",
            "subjectOf",
            "patientPerson",
            "providerOrganization",
        ],
        attributi: &[],
    },
    TipoXsd {
        nome: "patientPerson",
        sequenza: &[
            "id",
            "name",
            "desc",
            "statusCode",
            "administrativeGenderCode",
            "birthTime",
            "deceasedInd",
            "deceasedTime",
            "maritalStatusCode",
            "educationLevelCode",
            "asCitizen",
            "asOtherIDs",
            "guarantor",
            "personalRelationship",
            "birthPlace",
            "languageCommunication",
        ],
        obbligatori: &[],
        al_piu_uno: &[
            "desc",
            "statusCode",
            "administrativeGenderCode",
            "birthTime",
            "deceasedInd",
            "deceasedTime",
            "maritalStatusCode",
            "educationLevelCode",
            "birthPlace",
        ],
        attributi: &[],
    },
    TipoXsd {
        nome: "identityDocument",
        sequenza: &["id", "code", "text", "effectiveTime"],
        obbligatori: &[],
        al_piu_uno: &["code", "text", "effectiveTime"],
        attributi: &[],
    },
    TipoXsd {
        nome: "informant",
        sequenza: &["time", "modeCode", "assignedEntity"],
        obbligatori: &["assignedEntity"],
        al_piu_uno: &["time", "modeCode", "assignedEntity"],
        attributi: &["typeCode"],
    },
    TipoXsd {
        nome: "pertinentInformation2",
        sequenza: &[],
        obbligatori: &["carePlan"],
        al_piu_uno: &["carePlan"],
        attributi: &["typeCode"],
    },
    TipoXsd {
        nome: "carePlan",
        sequenza: &[
            "id",
            "code",
            "title",
            "statusCode",
            "effectiveTime",
            "performer",
            "author",
            "dataEnterer",
            "verifier",
            "finalGoal",
            "reason",
            "component1",
            "component2",
            "component3",
            "targetOf",
        ],
        obbligatori: &[],
        al_piu_uno: &["code", "title", "statusCode", "effectiveTime"],
        attributi: &["classCode", "moodCode"],
    },
];

/// Placeholder code (codelists.md §2.4): the code equals its own code-system OID, is a known
/// placeholder, or looks like a Java field name (`^[a-z]+([A-Z][a-z0-9]*)+(Code|Amount|Text|Am)$`).
pub(crate) fn segnaposto(code: &str, system: &str) -> bool {
    const NOTI: &[&str] = &[
        "XXX",
        "Stato_Fase",
        "ackCode",
        "codice_prestazione",
        "luogo_prestazione",
        "profilo_op_erog",
        "indicatore_esito",
        "Codice_del_sprogetto",
    ];
    (!system.is_empty() && code == system) || NOTI.contains(&code) || nome_java(code)
}

/// `^[a-z]+([A-Z][a-z0-9]*)+(Code|Amount|Text|Am)$`.
fn nome_java(s: &str) -> bool {
    let Some(corpo) = ["Code", "Amount", "Text", "Am"]
        .iter()
        .find_map(|suf| s.strip_suffix(suf))
    else {
        return false;
    };
    let minuscole = corpo.bytes().take_while(u8::is_ascii_lowercase).count();
    let resto = &corpo[minuscole..];
    if minuscole == 0 || resto.is_empty() || !resto.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    resto
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_lowercase() || b.is_ascii_digit())
}

const TIPI: [TipoFase; 5] = [
    TipoFase::Accesso,
    TipoFase::ValutazioneBisogno,
    TipoFase::ProgettoIndividuale,
    TipoFase::ErogazioneServizio,
    TipoFase::ValutazioneFinale,
];

/// Phase kind from the code (§6.1 steps 1–2): `(kind, is_alias)`.
fn alias_fase(code: &str) -> Option<(TipoFase, bool)> {
    let i = match code {
        "A" | "B" | "C" | "D" | "E" => {
            return Some((TIPI[usize::from(code.as_bytes()[0] - b'A')], false));
        }
        "1" | "3.3.1" | "ACCESSO_E_ORIENTAMENTO" => 0,
        "2" | "3.3.2" | "VALUTAZIONE_DEL_BISOGNO" => 1,
        "3" | "3.3.3" | "ELABORAZIONE_PROGETTO_INDIVIDUALE" => 2,
        "4" | "3.3.4" | "EROGAZIONE_DEL_SERVIZIO" => 3,
        "5" | "3.3.5" | "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO" => 4,
        _ => return None,
    };
    Some((TIPI[i], true))
}

/// Content signals of §6.1 step 3: the distinct kinds signalled.
fn segnali(ee: &Elemento) -> Vec<TipoFase> {
    let mut s = BTreeSet::new();
    let chiave_oid = |o: &Elemento| {
        let c = o.figlio("code");
        (
            c.and_then(|c| c.attr("code"))
                .unwrap_or_default()
                .to_string(),
            c.and_then(|c| c.attr("codeSystem"))
                .unwrap_or_default()
                .to_string(),
        )
    };
    if ee
        .figlio("subject")
        .and_then(|s| s.figlio("patient"))
        .is_some()
        || ee.figlio("reason").and_then(|r| r.figlio("need")).is_some()
        || ee.figlio("consultant").is_some()
    {
        s.insert(0);
    }
    for at in ee.figli_nome("attender") {
        let cs = at
            .figlio("assignedPerson")
            .and_then(|a| a.figlio("code"))
            .and_then(|c| c.attr("codeSystem"))
            .unwrap_or_default();
        if cs == oid::PROFILO_RESPONSABILE_VALUTAZIONE || cs == oid::PROFILO_CASE_MANAGER {
            s.insert(1);
        }
        if cs == oid::PROFILO_RESPONSABILE_PROGETTO || cs == oid::PROFILO_RESPONSABILE_MONITORAGGIO
        {
            s.insert(2);
        }
    }
    if ee.figli_nome("effectiveTime").count() > 1 {
        s.insert(1);
    }
    for rf in ee.figli_nome("reference") {
        for o in rf.figli_nome("commonObservationEvent") {
            let (k, sistema) = chiave_oid(o);
            match k.as_str() {
                "TIRI" | "MOCO" | "CONF" | "NUNF" | "NURS" | "PROV" | "ARRE" | "DSU0" | "TIIS"
                | "ISEE" | "OCAS" | "COER" | "DEER" => {
                    s.insert(0);
                }
                "AMIR" if Some(sistema.as_str()) == oid_item(TipoFase::Accesso, "AMIR") => {
                    s.insert(0);
                }
                "AMIR"
                    if Some(sistema.as_str()) == oid_item(TipoFase::ValutazioneBisogno, "AMIR") =>
                {
                    s.insert(1);
                }
                "ESTI" | "DSGI" | "SSGE" | "INVA" | "INFR" | "PRSI" | "APIC" | "UTPP" | "PACO"
                | "POPA" | "MOAF" | "VNCS" | "NISS" | "NISO" | "FODV" | "COPA" => {
                    s.insert(1);
                }
                "DSFR" => {
                    s.insert(3);
                }
                _ => {}
            }
        }
    }
    if let Some(cp) = ee
        .figlio("pertinentInformation2")
        .and_then(|p| p.figlio("carePlan"))
    {
        if cp.figlio("id").and_then(|i| i.attr("root")) == Some(oid::CODICE_PROGETTO)
            || cp.figlio("title").is_some()
            || cp.figlio("finalGoal").is_some()
        {
            s.insert(2);
        }
        if let Some(et) = cp.figlio("effectiveTime") {
            if et.figlio("high").is_some() && et.figlio("low").is_none() {
                s.insert(4);
            }
        }
        for c2 in cp.figli_nome("component2") {
            for o in c2.figli_nome("observation") {
                let (k, _) = chiave_oid(o);
                match k.as_str() {
                    "FRPR" | "SESP" | "INAS" | "VAPR" | "COEA" => {
                        s.insert(2);
                    }
                    "UDOS" | "SOER" | "MOER" | "ARIS" | "SEER" | "DAAS" | "DACS" | "DAIS"
                    | "DAFS" | "MOSO" | "VMBS" | "TIVS" | "VAVO" | "IMER" | "RIRE" => {
                        s.insert(3);
                    }
                    "DAVF" | "VAFI" | "MOCP" | "RIEF" | "RIRA" | "RINR" | "NUPR" => {
                        s.insert(4);
                    }
                    _ => {}
                }
            }
        }
    }
    s.into_iter().filter_map(|i| TIPI.get(i).copied()).collect()
}

/// An `encounterEvent` with placeholder header, no dates and no mapped content (§5).
fn vuoto(ee: &Elemento) -> bool {
    let id_vuoto = ee
        .figli_nome("id")
        .all(|i| i.attr("extension").is_none_or(str::is_empty));
    let senza_date = ee.figli_nome("effectiveTime").all(|e| {
        e.figlio("low").and_then(|l| l.attr("value")).is_none()
            && e.figlio("high").and_then(|l| l.attr("value")).is_none()
    });
    let senza_contenuto = ee
        .figli
        .iter()
        .all(|f| matches!(f.nome, "id" | "code" | "statusCode" | "effectiveTime"));
    id_vuoto && senza_date && senza_contenuto
}

/// Element name in Clark notation (`{namespace}local`, or `local` without namespace), for the
/// `atteso`/`trovato` parameters of `XML-004`.
pub(crate) fn nome_qualificato(e: &Elemento) -> String {
    match &e.namespace {
        Some(ns) => unisci!("{", ns, "}", e.nome),
        None => e.nome.to_string(),
    }
}

/// Normalises an address `@use`: lower case, trimmed, single spaces.
fn normalizza_uso(u: &str) -> String {
    u.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a string is a uid (OID, UUID or ruid) (§3.1).
pub(crate) fn uid_valido(s: &str) -> bool {
    let oid = !s.is_empty()
        && s.split('.').all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p == "0" || !p.starts_with('0'))
        });
    let uuid = s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    let ruid = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    oid || uuid || ruid
}

/// Parses a TS (§3.4) into an `Istante`; the flag is true for the `ddMMyyyy` field form.
pub(crate) fn parse_ts(v: &str) -> Option<(Istante, bool)> {
    let (corpo, offset) = match v.find(['+', '-']) {
        Some(i) => (v.get(..i)?, Some(v.get(i..)?)),
        None => (v, None),
    };
    let (cifre, frazione) = match corpo.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (corpo, None),
    };
    if !cifre.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frazione
        .is_some_and(|f| f.is_empty() || f.len() > 4 || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if frazione.is_some() && cifre.len() != 14 {
        return None;
    }
    let n = |a: usize, b: usize| cifre.get(a..b).and_then(|s| s.parse::<u32>().ok());
    let anno_ok = |y: u32| (1800..=2199).contains(&y);
    let reale =
        |y: u32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    if cifre.len() == 8 && offset.is_none() {
        let hl7 = anno_ok(n(0, 4)?) && reale(n(0, 4)?, n(4, 6)?, n(6, 8)?).is_some();
        if hl7 {
            let s = unisci!(&cifre[0..4], "-", &cifre[4..6], "-", &cifre[6..8]);
            return Istante::parse(&s).ok().map(|i| (i, false));
        }
        let campo = anno_ok(n(4, 8)?) && reale(n(4, 8)?, n(2, 4)?, n(0, 2)?).is_some();
        if campo {
            let s = unisci!(&cifre[4..8], "-", &cifre[2..4], "-", &cifre[0..2]);
            return Istante::parse(&s).ok().map(|i| (i, true));
        }
        return None;
    }
    if !matches!(cifre.len(), 4 | 6 | 8 | 10 | 12 | 14) || !anno_ok(n(0, 4)?) {
        return None;
    }
    let mut s = cifre.get(0..4)?.to_string();
    if cifre.len() >= 6 {
        s.push('-');
        s.push_str(cifre.get(4..6)?);
    }
    if cifre.len() >= 8 {
        s.push('-');
        s.push_str(cifre.get(6..8)?);
    }
    if cifre.len() >= 10 {
        s.push('T');
        s.push_str(cifre.get(8..10)?);
    }
    if cifre.len() >= 12 {
        s.push(':');
        s.push_str(cifre.get(10..12)?);
    }
    if cifre.len() >= 14 {
        s.push(':');
        s.push_str(cifre.get(12..14)?);
    }
    if let Some(f) = frazione {
        s.push('.');
        s.push_str(f);
    }
    if let Some(o) = offset {
        if cifre.len() < 10 || o.len() != 5 || !o.get(1..)?.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.push_str(o.get(0..3)?);
        s.push(':');
        s.push_str(o.get(3..5)?);
    }
    Istante::parse(&s).ok().map(|i| (i, false))
}

/// The xml path of an element reached by a walk of the tree: the path of the root and, for each
/// step, the parent and the index of the child taken. The path string is built only when a
/// finding needs it.
struct Cammino<'e> {
    radice: &'e str,
    passi: Vec<(&'e Elemento<'e>, usize)>,
}

impl Cammino<'_> {
    fn xp(&self) -> String {
        let mut xp = self.radice.to_string();
        for &(padre, j) in &self.passi {
            if let Some(f) = padre.figli.get(j) {
                let _ = write!(xp, "/{}[{}]", f.nome, posizione_tra_omonimi(padre, j));
            }
        }
        xp
    }
}

/// The 1-based position of child `j` of `padre` among its siblings of the same name.
fn posizione_tra_omonimi(padre: &Elemento, j: usize) -> usize {
    let nome = padre.figli.get(j).map(|f| f.nome);
    padre
        .figli
        .iter()
        .take(j + 1)
        .filter(|g| Some(g.nome) == nome)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_forms() {
        assert_eq!(parse_ts("20240110").unwrap().0.to_string(), "2024-01-10");
        let (i, campo) = parse_ts("12092017").unwrap();
        assert!(campo);
        assert_eq!(i.to_string(), "2017-09-12");
        assert!(parse_ts("123").is_none());
        assert!(parse_ts("1221").is_none());
        assert!(parse_ts("312323").is_none());
        assert_eq!(
            parse_ts("202401101030").unwrap().0.to_string(),
            "2024-01-10T10:30"
        );
        assert_eq!(
            parse_ts("20240110103000+0100").unwrap().0.to_string(),
            "2024-01-10T10:30:00+01:00"
        );
    }

    #[test]
    fn uids() {
        assert!(uid_valido("2.16.840.1"));
        assert!(!uid_valido("2..1"));
        assert!(!uid_valido("AcknowledgementType HL7"));
    }
}
