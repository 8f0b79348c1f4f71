//! Codice fiscale: normalisation, validation, decoding, consistency checks and encoding
//! (`rules.md` §5, rules `CF-001`…`CF-018`).
//!
//! Pure functions, independent of the validator: the rule engine turns the [`CfFinding`]s of
//! [`analizza`] into findings with messages. Every parameter named `cf` is masked with
//! [`crate::privacy::maschera_cf`], and no `Debug`/`Display` of this module shows a full code
//! ([`CodiceFiscale`] is masked; its raw value is only available through
//! [`CodiceFiscale::as_str`]).
//!
//! ```
//! use cartella::cf::{self, OpzioniCf, Sesso, TipoCf};
//!
//! assert!(cf::is_valid("RSSMRA80A01H501U"));
//! assert!(!cf::is_valid("RSSMRA80A01H501A"));
//!
//! let a = cf::analizza("rssmra80a01h501u", &OpzioniCf::default());
//! assert!(a.valido);
//! assert_eq!(a.tipo, Some(TipoCf::Personale));
//! assert_eq!(a.sesso, Some(Sesso::M));
//! assert_eq!(a.data_nascita, chrono::NaiveDate::from_ymd_opt(1980, 1, 1));
//! assert_eq!(a.luogo_nascita.as_ref().unwrap().codice, "H501");
//! assert_eq!(a.findings[0].rule_id, "CF-017"); // normalised (upper-case)
//! assert_eq!(a.findings[0].params[0].1, "rssmra*********u"); // masked, as received
//! ```

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use crate::error::CartellaError;
use crate::privacy::maschera_cf;
use crate::refdata::{DatiRiferimento, Luogo};

// ---------------------------------------------------------------------------------------------
// Byte tables
// ---------------------------------------------------------------------------------------------

/// Odd-position values (1-based odd positions) of the check character, by byte.
const ODD: [u8; 256] = {
    let letters: [u8; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = letters[i];
        if i < 10 {
            t[b'0' as usize + i] = letters[i];
        }
        i += 1;
    }
    t
};

/// Even-position values of the check character, by byte.
const EVEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 26 {
        t[b'A' as usize + i] = i as u8;
        if i < 10 {
            t[b'0' as usize + i] = i as u8;
        }
        i += 1;
    }
    t
};

const NOT: u8 = 0xFF;

/// Value of a character in a numeric position: digit value, omocodia letter value, else `NOT`.
const NUM: [u8; 256] = {
    let mut t = [NOT; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        t[OMOCODIA[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Omocodia substitution letters, standing for 0…9.
const OMOCODIA: [u8; 10] = *b"LMNPQRSTUV";

/// Month letters `A B C D E H L M P R S T` → 1…12, else 0.
const MESE: [u8; 256] = {
    let mut t = [0u8; 256];
    let m = *b"ABCDEHLMPRST";
    let mut i = 0;
    while i < 12 {
        t[m[i] as usize] = i as u8 + 1;
        i += 1;
    }
    t
};

/// Letters of each month, index 0 = January.
const LETTERE_MESE: [u8; 12] = *b"ABCDEHLMPRST";

/// 0-based positions that must be letters.
const POS_LETTERE: [usize; 9] = [0, 1, 2, 3, 4, 5, 8, 11, 15];
/// 0-based numeric positions (digits or omocodia letters).
const POS_NUMERICHE: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

/// Days in month for a year that may be leap.
#[inline]
fn giorni_mese(mese: u8, bisestile: bool) -> u8 {
    match mese {
        2 if bisestile => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Check character (`A`…`Z`) of the first 15 characters (upper-case `[A-Z0-9]`).
#[inline]
fn controllo(b: &[u8]) -> u8 {
    let mut s: u32 = 0;
    let mut i = 0;
    while i < 15 {
        s += u32::from(ODD[b[i] as usize]) + u32::from(EVEN[b[i + 1] as usize]);
        i += 2;
        if i == 14 {
            s += u32::from(ODD[b[14] as usize]);
            break;
        }
    }
    b'A' + (s % 26) as u8
}

/// Check character of a 15-character prefix of a personal codice fiscale, or `None` if the
/// prefix is not 15 characters in `[A-Z0-9]`.
///
/// ```
/// assert_eq!(cartella::cf::carattere_controllo("RSSMRA80A01H501"), Some('U'));
/// ```
pub fn carattere_controllo(prefisso: &str) -> Option<char> {
    let b = prefisso.as_bytes();
    if b.len() != 15
        || !b
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    Some(char::from(controllo(b)))
}

/// Check digit of an 11-digit numeric code computed on its first 10 digits (`rules.md` §5.1
/// step 8), or `None` if the input is not 10 or 11 ASCII digits.
///
/// ```
/// assert_eq!(cartella::cf::cifra_controllo_numerico("0123456789"), Some(7));
/// ```
pub fn cifra_controllo_numerico(codice: &str) -> Option<u8> {
    let b = codice.as_bytes();
    if !(b.len() == 10 || b.len() == 11) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(cifra_numerico(b))
}

#[inline]
fn cifra_numerico(b: &[u8]) -> u8 {
    let mut s: u32 = 0;
    for (i, c) in b[..10].iter().enumerate() {
        let d = u32::from(c - b'0');
        if i % 2 == 0 {
            s += d;
        } else {
            let dd = 2 * d;
            s += if dd < 10 { dd } else { dd - 9 };
        }
    }
    ((10 - s % 10) % 10) as u8
}

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// The codice fiscale type of the model: `Debug` and `Display` are masked (`privacy.md` §4); the
/// raw value is only available through [`CodiceFiscale::as_str`].
pub use crate::model::CodiceFiscale;

/// Kind of code after classification (CF-001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TipoCf {
    /// 16-character personal code.
    Personale,
    /// 11-digit numeric code (provisional code or legal entity).
    Numerico,
}

/// Sex encoded in a personal code (day + 40 for women).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sesso {
    /// Male.
    M,
    /// Female.
    F,
}

impl Sesso {
    /// `"M"` or `"F"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sesso::M => "M",
            Sesso::F => "F",
        }
    }
}

/// Kind of birthplace: Italian comune or foreign state (`Z` code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TipoLuogo {
    /// Italian comune.
    Comune,
    /// Foreign state.
    Estero,
}

/// Birthplace decoded from positions 12–15.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LuogoNascitaCf {
    /// Belfiore code (omocodia letters decoded), e.g. `H501`.
    pub codice: String,
    /// Name from the reference tables (valid at the birth date when possible), if known.
    pub denominazione: Option<String>,
    /// Comune or foreign state (from the `Z` prefix).
    pub tipo: TipoLuogo,
    /// Sigla provincia of the comune, if known.
    pub sigla_provincia: Option<String>,
}

/// A rule violation found by [`analizza`]: rule id and the parameters named in `rules.csv`.
/// A parameter `cf` is always masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CfFinding {
    /// Rule id, `CF-001`…`CF-018`.
    pub rule_id: &'static str,
    /// Message parameters (`("cf", masked code)`; none for `CF-018`).
    pub params: Vec<(&'static str, String)>,
}

impl CfFinding {
    fn new(rule_id: &'static str, cf_mascherato: &str) -> CfFinding {
        CfFinding {
            rule_id,
            params: vec![("cf", cf_mascherato.to_string())],
        }
    }

    /// Whether the rule has severity `error` in the catalogue (`CF-001`…`CF-006`, `CF-015`):
    /// such a finding makes the code invalid.
    pub fn is_error(&self) -> bool {
        is_error_rule(self.rule_id)
    }
}

fn is_error_rule(id: &str) -> bool {
    matches!(
        id,
        "CF-001" | "CF-002" | "CF-003" | "CF-004" | "CF-005" | "CF-006" | "CF-015"
    )
}

/// Registry data to compare the code with (consistency rules CF-009, CF-010, CF-013, CF-014).
/// Only the fields present are compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DatiAnagrafici<'a> {
    /// `data_nascita` (CF-009); also fixes the century of the decoded year.
    pub data_nascita: Option<NaiveDate>,
    /// `genere` as M/F (CF-010). Map `UN` (unknown) to `None`: it is not compared.
    pub genere: Option<Sesso>,
    /// `cognome` (CF-014, only with `nome`).
    pub cognome: Option<&'a str>,
    /// `nome` (CF-014, only with `cognome`).
    pub nome: Option<&'a str>,
    /// ISTAT code of `comune_nascita` (CF-013).
    pub comune_nascita_istat: Option<&'a str>,
    /// ISO 3166-1 numeric code of `stato_nascita` (CF-013: `380` Italy vs a `Z` code, a foreign
    /// state vs a comune).
    pub stato_nascita_iso_numerico: Option<&'a str>,
}

/// Options of [`analizza`].
#[derive(Debug, Clone, Copy)]
pub struct OpzioniCf<'a> {
    /// Reference date for the century of the birth year (the latest of 18yy/19yy/20yy not after
    /// its year) when no birth date is given for comparison. `None` = today (UTC).
    pub data_riferimento: Option<NaiveDate>,
    /// Reference tables for the birthplace (CF-011/012/013). `None` = no table registered: the
    /// birthplace is not checked and `CF-018` (info) is reported. [`Default`] uses the embedded
    /// tables.
    pub dati_riferimento: Option<&'a DatiRiferimento>,
    /// Registry data to compare with.
    pub confronto: Option<DatiAnagrafici<'a>>,
    /// The code belongs to a natural person: an 11-digit code raises `CF-016` (info).
    pub persona_fisica: bool,
}

impl Default for OpzioniCf<'static> {
    /// Today as reference date, the embedded reference tables, nothing to compare, not
    /// necessarily a natural person.
    fn default() -> Self {
        OpzioniCf {
            data_riferimento: None,
            dati_riferimento: Some(DatiRiferimento::embedded()),
            confronto: None,
            persona_fisica: false,
        }
    }
}

/// Result of [`analizza`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AnalisiCf {
    /// The normalised value (CF-017), masked in `Debug`.
    pub normalizzato: CodiceFiscale,
    /// Classification; `None` when CF-001 was raised.
    pub tipo: Option<TipoCf>,
    /// No finding of severity `error` (CF-001…006, CF-015). Consistency findings (warnings,
    /// infos) do not make the code invalid.
    pub valido: bool,
    /// Decoded sex (personal codes with a valid day).
    pub sesso: Option<Sesso>,
    /// Decoded birth date (century resolved with the birth date given for comparison, else with
    /// the reference date).
    pub data_nascita: Option<NaiveDate>,
    /// Decoded birthplace.
    pub luogo_nascita: Option<LuogoNascitaCf>,
    /// The code contains omocodia letters (CF-007).
    pub omocodia: bool,
    /// Findings, in rule order.
    pub findings: Vec<CfFinding>,
}

impl AnalisiCf {
    /// Whether a finding with this rule id was raised.
    pub fn has(&self, rule_id: &str) -> bool {
        self.findings.iter().any(|f| f.rule_id == rule_id)
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation and fast validation
// ---------------------------------------------------------------------------------------------

/// Normalises a codice fiscale (`rules.md` §5.1 step 1): removes white space anywhere and
/// upper-cases ASCII letters. Borrows when nothing changes.
///
/// ```
/// assert_eq!(cartella::cf::normalizza(" rssmra 80a01h501u "), "RSSMRA80A01H501U");
/// ```
pub fn normalizza(s: &str) -> Cow<'_, str> {
    let invariato = if s.is_ascii() {
        // ASCII white space: `\t`…`\r` and the space.
        !s.bytes()
            .any(|c| matches!(c, b'\t'..=b'\r' | b' ') || c.is_ascii_lowercase())
    } else {
        s.chars()
            .all(|c| !c.is_whitespace() && !c.is_ascii_lowercase())
    };
    if invariato {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        )
    }
}

/// Whether the 16 bytes (upper-case `[A-Z0-9]`) form a personal code without error findings.
#[inline]
fn personale_valido(b: &[u8; 16]) -> bool {
    for &p in &POS_LETTERE {
        if !b[p].is_ascii_uppercase() {
            return false;
        }
    }
    let mut v = [0u8; 7];
    for (k, &p) in POS_NUMERICHE.iter().enumerate() {
        let x = NUM[b[p] as usize];
        if x == NOT {
            return false;
        }
        v[k] = x;
    }
    let mese = MESE[b[8] as usize];
    if mese == 0 {
        return false;
    }
    let yy = v[0] * 10 + v[1];
    let mut g = v[2] * 10 + v[3];
    if g > 40 {
        g -= 40;
    }
    if g == 0 || g > giorni_mese(mese, yy % 4 == 0) {
        return false;
    }
    controllo(b) == b[15]
}

/// Fast validity check (the hot path: no allocation for ASCII input): the value, normalised as by
/// [`normalizza`], is a personal code with valid structure, omocodia letters, month, day and check
/// character, or an 11-digit code with a correct check digit.
///
/// Equivalent to `analizza(s, opz).valido` for any options: birthplace and consistency checks
/// are warnings and do not affect validity.
pub fn is_valid(s: &str) -> bool {
    let src = s.as_bytes();
    // Fast path: exactly 16 upper-case alphanumerics.
    if src.len() == 16 {
        if let Ok(b) = <&[u8; 16]>::try_from(src) {
            if b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                return personale_valido(b);
            }
        }
    }
    if !s.is_ascii() {
        // Non-ASCII white space may be removed by normalisation: slow path.
        return is_valid_normalizzato(&normalizza(s));
    }
    let mut buf = [0u8; 16];
    let mut n = 0;
    for &c in src {
        if c.is_ascii_whitespace() || c == 0x0B {
            continue;
        }
        if n == 16 {
            return false;
        }
        buf[n] = c.to_ascii_uppercase();
        n += 1;
    }
    is_valid_normalizzato_bytes(&buf[..n])
}

fn is_valid_normalizzato(s: &str) -> bool {
    is_valid_normalizzato_bytes(s.as_bytes())
}

#[inline]
fn is_valid_normalizzato_bytes(b: &[u8]) -> bool {
    match b.len() {
        16 => match <&[u8; 16]>::try_from(b) {
            Ok(a)
                if a.iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) =>
            {
                personale_valido(a)
            }
            _ => false,
        },
        11 => b.iter().all(u8::is_ascii_digit) && cifra_numerico(b) == b[10] - b'0',
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Full analysis
// ---------------------------------------------------------------------------------------------

/// Whether `s` is only an 11-digit code followed by up to 5 spaces (the INPS form, whose spaces
/// are removed on read without CF-017).
fn forma_inps(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 11
        && b.len() <= 16
        && b[..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(|&c| c == b' ')
}

/// The masked input, computed on the first finding (a valid code has none).
struct Maschera<'a> {
    input: &'a str,
    mascherato: std::cell::OnceCell<String>,
}

impl<'a> Maschera<'a> {
    fn new(input: &'a str) -> Maschera<'a> {
        Maschera {
            input,
            mascherato: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &str {
        self.mascherato.get_or_init(|| maschera_cf(self.input))
    }
}

/// Analyses a codice fiscale: normalisation (CF-017), classification (CF-001), structure
/// (CF-002, CF-006), omocodia (CF-007, CF-008), check character (CF-003), month (CF-004), day
/// (CF-005), numeric code (CF-015, CF-016), birthplace (CF-011, CF-012, CF-018) and, with
/// [`OpzioniCf::confronto`], consistency with the registry data (CF-009, CF-010, CF-013, CF-014).
///
/// Never panics, whatever the input.
pub fn analizza(input: &str, opz: &OpzioniCf<'_>) -> AnalisiCf {
    let masked = Maschera::new(input);
    let norm = normalizza(input);
    let mut out = AnalisiCf {
        normalizzato: CodiceFiscale::new(norm.to_string()),
        tipo: None,
        valido: false,
        sesso: None,
        data_nascita: None,
        luogo_nascita: None,
        omocodia: false,
        findings: Vec::new(),
    };
    let f = &mut out.findings;
    if norm != input && !forma_inps(input) {
        f.push(CfFinding::new("CF-017", masked.get()));
    }
    let b = norm.as_bytes();
    let alnum = b
        .iter()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if b.len() == 11 && b.iter().all(u8::is_ascii_digit) {
        out.tipo = Some(TipoCf::Numerico);
        if cifra_numerico(b) != b[10] - b'0' {
            f.push(CfFinding::new("CF-015", masked.get()));
        }
        if opz.persona_fisica {
            f.push(CfFinding::new("CF-016", masked.get()));
        }
    } else if let (true, Ok(code)) = (alnum, <&[u8; 16]>::try_from(b)) {
        out.tipo = Some(TipoCf::Personale);
        analizza_personale(code, &masked, opz, &mut out);
    } else {
        f.push(CfFinding::new("CF-001", masked.get()));
    }
    out.valido = !out.findings.iter().any(CfFinding::is_error);
    out
}

fn analizza_personale(
    b: &[u8; 16],
    masked: &Maschera<'_>,
    opz: &OpzioniCf<'_>,
    out: &mut AnalisiCf,
) {
    let f = &mut out.findings;
    // CF-002: letters where letters are required
    if POS_LETTERE.iter().any(|&p| !b[p].is_ascii_uppercase()) {
        f.push(CfFinding::new("CF-002", masked.get()));
        return;
    }
    // CF-006 / CF-007 / CF-008
    let mut v = [0u8; 7];
    let mut cattiva = false;
    let mut omocodia = false;
    let mut omocodia_data = false;
    for (k, &p) in POS_NUMERICHE.iter().enumerate() {
        let c = b[p];
        let x = NUM[c as usize];
        if x == NOT {
            cattiva = true;
        } else if c.is_ascii_uppercase() {
            omocodia = true;
            if k < 4 {
                omocodia_data = true;
            }
        }
        v[k] = x;
    }
    if cattiva {
        f.push(CfFinding::new("CF-006", masked.get()));
    }
    if omocodia {
        out.omocodia = true;
        f.push(CfFinding::new("CF-007", masked.get()));
        if omocodia_data {
            f.push(CfFinding::new("CF-008", masked.get()));
        }
    }
    // CF-003 on the code as written
    if controllo(b) != b[15] {
        f.push(CfFinding::new("CF-003", masked.get()));
    }
    if cattiva {
        return;
    }
    // CF-004 month
    let mese = MESE[b[8] as usize];
    if mese == 0 {
        f.push(CfFinding::new("CF-004", masked.get()));
    }
    // CF-005 day
    let yy = v[0] * 10 + v[1];
    let gg = v[2] * 10 + v[3];
    let (giorno, sesso) = match gg {
        1..=31 => (gg, Some(Sesso::M)),
        41..=71 => (gg - 40, Some(Sesso::F)),
        _ => (0, None),
    };
    let giorno_ok = sesso.is_some() && (mese == 0 || giorno <= giorni_mese(mese, yy % 4 == 0));
    if !giorno_ok {
        f.push(CfFinding::new("CF-005", masked.get()));
    } else {
        out.sesso = sesso;
    }
    let confronto = opz.confronto.unwrap_or_default();
    if mese != 0 && giorno_ok {
        out.data_nascita = risolvi_data(
            yy,
            mese,
            giorno,
            confronto.data_nascita,
            opz.data_riferimento,
        );
    }
    // Birthplace code: position 12 + decoded 13–15
    let codice: String = [
        char::from(b[11]),
        char::from(b'0' + v[4]),
        char::from(b'0' + v[5]),
        char::from(b'0' + v[6]),
    ]
    .iter()
    .collect();
    let estero = b[11] == b'Z';
    let mut luogo = LuogoNascitaCf {
        codice,
        denominazione: None,
        tipo: if estero {
            TipoLuogo::Estero
        } else {
            TipoLuogo::Comune
        },
        sigla_provincia: None,
    };
    match opz.dati_riferimento {
        None => f.push(CfFinding {
            rule_id: "CF-018",
            params: Vec::new(),
        }),
        Some(dati) => {
            if !dati.belfiore_noto(&luogo.codice) {
                f.push(CfFinding::new("CF-011", masked.get()));
            } else {
                let alla_data = out
                    .data_nascita
                    .map(|d| dati.luogo_per_belfiore(&luogo.codice, Some(d)));
                if let Some(None) = alla_data {
                    f.push(CfFinding::new("CF-012", masked.get()));
                }
                let l = alla_data
                    .flatten()
                    .or_else(|| dati.luogo_per_belfiore(&luogo.codice, None));
                if let Some(l) = l {
                    luogo.denominazione = Some(l.denominazione().to_string());
                    if let Luogo::Comune(c) = l {
                        luogo.sigla_provincia = c.sigla_provincia.clone();
                    }
                }
            }
        }
    }
    // Consistency (CF-009, CF-010, CF-013, CF-014)
    if let Some(d) = confronto.data_nascita {
        if mese != 0
            && giorno_ok
            && ((d.year().rem_euclid(100)) as u8 != yy
                || d.month() as u8 != mese
                || d.day() as u8 != giorno)
        {
            f.push(CfFinding::new("CF-009", masked.get()));
        }
    }
    if let (Some(g), Some(s)) = (confronto.genere, out.sesso) {
        if g != s {
            f.push(CfFinding::new("CF-010", masked.get()));
        }
    }
    if incoerente_luogo(&luogo, &confronto, out.data_nascita, opz.dati_riferimento) {
        f.push(CfFinding::new("CF-013", masked.get()));
    }
    if let (Some(cognome), Some(nome)) = (confronto.cognome, confronto.nome) {
        let (c, n) = (Tre::di(cognome, false), Tre::di(nome, true));
        // Names without any letter cannot be compared.
        if c.lettere > 0 && n.lettere > 0 && (c.codice() != b[0..3] || n.codice() != b[3..6]) {
            f.push(CfFinding::new("CF-014", masked.get()));
        }
    }
    out.luogo_nascita = Some(luogo);
}

fn incoerente_luogo(
    luogo: &LuogoNascitaCf,
    confronto: &DatiAnagrafici<'_>,
    data: Option<NaiveDate>,
    dati: Option<&DatiRiferimento>,
) -> bool {
    if let Some(stato) = confronto.stato_nascita_iso_numerico {
        let italia = stato.trim() == "380";
        if italia == (luogo.tipo == TipoLuogo::Estero) {
            return true;
        }
    }
    if let (Some(istat), Some(dati)) = (confronto.comune_nascita_istat, dati) {
        if luogo.tipo == TipoLuogo::Estero {
            return true;
        }
        let atteso = data
            .and_then(|d| dati.comune_per_istat(istat, Some(d)))
            .or_else(|| dati.comune_per_istat(istat, None));
        if let Some(c) = atteso {
            return c.codice_belfiore != luogo.codice;
        }
    }
    false
}

/// Resolves the century of a decoded date: the year of the given birth date when its last two
/// digits match, else the latest of 18yy/19yy/20yy (with an existing date) not after the reference
/// year.
fn risolvi_data(
    yy: u8,
    mese: u8,
    giorno: u8,
    nascita: Option<NaiveDate>,
    riferimento: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let (m, g) = (u32::from(mese), u32::from(giorno));
    if let Some(d) = nascita {
        if d.year().rem_euclid(100) == i32::from(yy) {
            if let Some(x) = NaiveDate::from_ymd_opt(d.year(), m, g) {
                return Some(x);
            }
        }
    }
    let rif = riferimento
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
        .year();
    [2000, 1900, 1800]
        .iter()
        .map(|c| c + i32::from(yy))
        .filter(|&y| y <= rif)
        .find_map(|y| NaiveDate::from_ymd_opt(y, m, g))
}

// ---------------------------------------------------------------------------------------------
// Name letters and encoding
// ---------------------------------------------------------------------------------------------

/// Calls `f` with each upper-case `A`–`Z` letter of a name, diacritics stripped, other characters
/// dropped.
fn per_lettere(s: &str, mut f: impl FnMut(u8)) {
    if s.is_ascii() {
        // Canonical decomposition leaves ASCII unchanged.
        s.bytes()
            .filter(u8::is_ascii_alphabetic)
            .for_each(|c| f(c.to_ascii_uppercase()));
    } else {
        s.nfd()
            .filter(char::is_ascii_alphabetic)
            .for_each(|c| f(c.to_ascii_uppercase() as u8));
    }
}

fn is_vocale(c: u8) -> bool {
    matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
}

/// The three letters a surname or a name encodes, computed without allocating.
struct Tre {
    /// First consonants (up to 4), then first vowels (up to 3).
    consonanti: [u8; 4],
    n_consonanti: usize,
    vocali: [u8; 3],
    n_vocali: usize,
    /// Number of letters of the value.
    lettere: usize,
    /// Rule of the name (4 or more consonants: the 1st, 3rd and 4th).
    nome: bool,
}

impl Tre {
    fn di(s: &str, nome: bool) -> Tre {
        let mut t = Tre {
            consonanti: [0; 4],
            n_consonanti: 0,
            vocali: [0; 3],
            n_vocali: 0,
            lettere: 0,
            nome,
        };
        per_lettere(s, |c| {
            t.lettere += 1;
            if is_vocale(c) {
                if t.n_vocali < 3 {
                    t.vocali[t.n_vocali] = c;
                }
                t.n_vocali += 1;
            } else {
                if t.n_consonanti < 4 {
                    t.consonanti[t.n_consonanti] = c;
                }
                t.n_consonanti += 1;
            }
        });
        t
    }

    /// The three letters: consonants, then vowels, then `X` (the name's rule first).
    fn codice(&self) -> [u8; 3] {
        if self.nome && self.n_consonanti >= 4 {
            return [self.consonanti[0], self.consonanti[2], self.consonanti[3]];
        }
        let mut out = [b'X'; 3];
        let cons = &self.consonanti[..self.n_consonanti.min(3)];
        let voc = &self.vocali[..self.n_vocali.min(3)];
        for (o, c) in out.iter_mut().zip(cons.iter().chain(voc)) {
            *o = *c;
        }
        out
    }

    fn stringa(&self) -> String {
        self.codice().iter().map(|&c| char::from(c)).collect()
    }
}

/// Surname letters (positions 1–3): consonants, then vowels, then `X`, first three.
///
/// ```
/// assert_eq!(cartella::cf::lettere_cognome("Bianchi"), "BNC");
/// assert_eq!(cartella::cf::lettere_cognome("Fo"), "FOX");
/// ```
pub fn lettere_cognome(cognome: &str) -> String {
    Tre::di(cognome, false).stringa()
}

/// Name letters (positions 4–6): with 4 or more consonants the 1st, 3rd and 4th; otherwise as
/// for the surname.
///
/// ```
/// assert_eq!(cartella::cf::lettere_nome("Laura"), "LRA");
/// assert_eq!(cartella::cf::lettere_nome("Gianfranco"), "GFR");
/// ```
pub fn lettere_nome(nome: &str) -> String {
    Tre::di(nome, true).stringa()
}

/// Encodes a personal codice fiscale.
///
/// `omocodia` (0…7) is the number of numeric positions, from the right (15, 14, 13, 11, 10, 8,
/// 7), replaced by their omocodia letters; 0 gives the base code. The Belfiore code must be a
/// letter and 3 digits (case-insensitive). Only the last two digits of the year are encoded.
///
/// ```
/// use cartella::cf::{codifica, Sesso};
/// let d = chrono::NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
/// assert_eq!(codifica("Rossi", "Mario", d, Sesso::M, "H501", 0).unwrap(), "RSSMRA80A01H501U");
/// assert_eq!(codifica("Rossi", "Mario", d, Sesso::M, "H501", 1).unwrap(), "RSSMRA80A01H50MM");
/// ```
///
/// Errors: [`CartellaError::Argomento`] for a malformed Belfiore code or `omocodia > 7` (the
/// message never echoes names).
pub fn codifica(
    cognome: &str,
    nome: &str,
    data_nascita: NaiveDate,
    sesso: Sesso,
    belfiore: &str,
    omocodia: u8,
) -> Result<String, CartellaError> {
    let bf = belfiore.trim().to_ascii_uppercase();
    let bb = bf.as_bytes();
    if !(bb.len() == 4 && bb[0].is_ascii_uppercase() && bb[1..].iter().all(u8::is_ascii_digit)) {
        return Err(CartellaError::Argomento {
            name: "belfiore",
            message: "must be a letter followed by 3 digits".to_string(),
        });
    }
    if omocodia > 7 {
        return Err(CartellaError::Argomento {
            name: "omocodia",
            message: format!("level {omocodia} out of range 0..=7"),
        });
    }
    let mut b = [0u8; 16];
    b[0..3].copy_from_slice(lettere_cognome(cognome).as_bytes());
    b[3..6].copy_from_slice(lettere_nome(nome).as_bytes());
    let yy = data_nascita.year().rem_euclid(100) as u8;
    b[6] = b'0' + yy / 10;
    b[7] = b'0' + yy % 10;
    b[8] = LETTERE_MESE[data_nascita.month0() as usize];
    let gg = data_nascita.day() as u8 + if sesso == Sesso::F { 40 } else { 0 };
    b[9] = b'0' + gg / 10;
    b[10] = b'0' + gg % 10;
    b[11..15].copy_from_slice(bb);
    for &p in POS_NUMERICHE.iter().rev().take(usize::from(omocodia)) {
        b[p] = OMOCODIA[usize::from(b[p] - b'0')];
    }
    b[15] = controllo(&b);
    Ok(b.iter().map(|&c| char::from(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_letters_agree_with_the_vector_definition() {
        // The definition `Tre` replaces.
        fn lettere(s: &str) -> Vec<u8> {
            s.nfd()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_uppercase() as u8)
                .collect()
        }
        fn tre(c: &[u8], v: &[u8]) -> String {
            c.iter()
                .chain(v)
                .chain(b"XXX")
                .take(3)
                .map(|&x| char::from(x))
                .collect()
        }
        let cognome = |s: &str| {
            let (c, v): (Vec<u8>, Vec<u8>) = lettere(s).iter().partition(|&&x| !is_vocale(x));
            tre(&c, &v)
        };
        let nome = |s: &str| {
            let (c, v): (Vec<u8>, Vec<u8>) = lettere(s).iter().partition(|&&x| !is_vocale(x));
            if c.len() >= 4 {
                [c[0], c[2], c[3]].iter().map(|&x| char::from(x)).collect()
            } else {
                tre(&c, &v)
            }
        };
        for s in [
            "",
            "A",
            "Fo",
            "Ré",
            "Nicolò",
            "Gianfranco",
            "De Rossi",
            "D'Amico",
            "Àèìòù",
            "Ñandú",
            "Łukasz",
            "ÆØÅ",
            "Marìa José",
            "X Æ A-12",
            "aeiou",
            "bcdfg",
            "  ",
        ] {
            assert_eq!(lettere_cognome(s), cognome(s), "{s:?}");
            assert_eq!(lettere_nome(s), nome(s), "{s:?}");
            let t = Tre::di(s, false);
            assert_eq!(t.lettere, lettere(s).len(), "{s:?}");
        }
    }

    #[test]
    fn check_char_table() {
        assert_eq!(carattere_controllo("RSSMRA80A01H501"), Some('U'));
        assert_eq!(carattere_controllo("BNCLRA75M41F205"), Some('A'));
        assert_eq!(carattere_controllo("RSSMRA8LA01H501"), Some('F'));
        assert_eq!(carattere_controllo("rssmra80a01h501"), None);
    }

    #[test]
    fn numeric_check_digit() {
        assert_eq!(cifra_controllo_numerico("01234567897"), Some(7));
        assert!(is_valid("01234567897"));
        assert!(!is_valid("01234567890"));
    }

    #[test]
    fn fast_and_full_agree_on_vectors() {
        for s in [
            "RSSMRA80A01H501U",
            "BNCLRA75M41F205A",
            "RSSMRA8LA01H501F",
            "RSSMRA80A01H501A",
            "RSSMRA80K01H501V",
            "01234567897",
            "01234567890",
            " rssmra80a01h501u ",
            "",
            "RSSMRA80A01H501\u{a0}U",
        ] {
            assert_eq!(
                is_valid(s),
                analizza(s, &OpzioniCf::default()).valido,
                "{s:?}"
            );
        }
    }

    #[test]
    fn debug_is_masked() {
        let a = analizza("RSSMRA80A01H501U", &OpzioniCf::default());
        let dbg = format!("{a:?}");
        assert!(!dbg.contains("RSSMRA80A01H501U"));
        assert!(dbg.contains("RSSMRA*********U"));
        assert_eq!(a.normalizzato.to_string(), "RSSMRA*********U");
    }
}
