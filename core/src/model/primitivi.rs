//! Primitive types of the canonical model (`model.md` §1.2).
//!
//! Syntax-checked types (`Data`, `Istante`, `MeseAnno`, `Decimale`) reject malformed text on
//! deserialisation (API error). Domain-constrained strings (`CodiceFiscale`, ISTAT/Belfiore/ISO
//! codes, `Oid`) accept any string and are checked later by the validator.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::error::CartellaError;

/// Error of the textual form of a primitive value; converted to a serde error on read.
fn errore(tipo: &'static str, testo: &str) -> CartellaError {
    // Never echo long input verbatim: it could be a codice fiscale put in the wrong field.
    let shown: String = if testo.chars().count() > 40 {
        testo.chars().take(40).collect::<String>() + "…"
    } else {
        testo.to_string()
    };
    CartellaError::Argomento {
        name: tipo,
        message: format!("malformed {tipo} {shown:?}"),
    }
}

/// Implements `Serialize` (as `Display` string), `Deserialize` (through `FromStr`) and
/// `JsonSchema` (string with a pattern) for a type with a textual form.
macro_rules! testuale {
    ($ty:ident, $pattern:literal, $descr:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($descr)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse::<$ty>().map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "pattern": $pattern, "description": $descr })
            }
        }
    };
}

fn cifre(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Testo

/// Free text (`Testo`): trimmed on input; the empty string means *absent* (an optional `Testo`
/// field reads `""` as `None`). NFC, control characters and lengths are checked by the validator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Testo(String);

impl Testo {
    /// Builds a text, trimming leading/trailing whitespace.
    pub fn new(s: impl AsRef<str>) -> Self {
        Testo(s.as_ref().trim().to_string())
    }
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// Whether the text is empty (an empty `Testo` is never written by a canonical writer).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Length in Unicode scalar values (the unit of the spec's maximum lengths).
    pub fn len_chars(&self) -> usize {
        self.0.chars().count()
    }
    /// The text, consuming the value.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Testo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl From<&str> for Testo {
    fn from(s: &str) -> Self {
        Testo::new(s)
    }
}
impl From<String> for Testo {
    fn from(s: String) -> Self {
        Testo::new(s)
    }
}
impl AsRef<str> for Testo {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl Serialize for Testo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}
impl<'de> Deserialize<'de> for Testo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        Ok(Testo::new(s))
    }
}
impl JsonSchema for Testo {
    fn schema_name() -> Cow<'static, str> {
        "Testo".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Testo: Unicode NFC, no control characters other than \\n and \\t; trimmed; empty = absent."
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Domain-constrained strings

macro_rules! stringa_dominio {
    ($(#[$m:meta])* $name:ident, $pattern:expr) => {
        $(#[$m])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value as given (not checked: see the validator).
            pub fn new(s: impl Into<String>) -> Self {
                $name(s.into())
            }
            /// The value as stored.
            pub fn as_str(&self) -> &str {
                &self.0
            }
            /// Whether the value matches the syntax of the type (`model.md` §1.2).
            pub fn is_well_formed(&self) -> bool {
                let check: fn(&str) -> bool = $pattern.1;
                check(&self.0)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "pattern": $pattern.0 })
            }
        }
    };
    (@display $name:ident) => {
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

fn tutte_cifre(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

stringa_dominio!(
    /// Object identifier (`^[0-2](\.(0|[1-9][0-9]*))+$`).
    Oid,
    (r"^[0-2](\.(0|[1-9][0-9]*))+$", |s: &str| {
        let mut parts = s.split('.');
        matches!(parts.next(), Some("0" | "1" | "2"))
            && s.contains('.')
            && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0')))
    })
);
stringa_dominio!(@display Oid);
stringa_dominio!(
    /// ISTAT code of a comune (`^[0-9]{6}$`).
    CodiceIstatComune,
    ("^[0-9]{6}$", |s: &str| tutte_cifre(s, 6))
);
stringa_dominio!(@display CodiceIstatComune);
stringa_dominio!(
    /// ISTAT code of a region (`^[0-9]{2}$`, `03` = Lombardia).
    CodiceIstatRegione,
    ("^[0-9]{2}$", |s: &str| tutte_cifre(s, 2))
);
stringa_dominio!(@display CodiceIstatRegione);
stringa_dominio!(
    /// Codice catastale (Belfiore) of a comune or foreign state (`^[A-Z][0-9]{3}$`).
    CodiceBelfiore,
    ("^[A-Z][0-9]{3}$", |s: &str| {
        let b = s.as_bytes();
        b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
    })
);
stringa_dominio!(@display CodiceBelfiore);
stringa_dominio!(
    /// ISO 3166-1 alpha-2 country code (`^[A-Z]{2}$`).
    Iso3166Alpha2,
    ("^[A-Z]{2}$", |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
);
stringa_dominio!(@display Iso3166Alpha2);
stringa_dominio!(
    /// ISO 3166-1 numeric country code (`^[0-9]{3}$`; `990` = non disponibile).
    Iso3166Numerico,
    ("^[0-9]{3}$", |s: &str| tutte_cifre(s, 3))
);
stringa_dominio!(@display Iso3166Numerico);
stringa_dominio!(
    /// Codice fiscale (16 alphanumerics or 11 digits after normalisation). `Debug` and `Display`
    /// are **masked** (`privacy.md` §4): use [`CodiceFiscale::as_str`] / [`CodiceFiscale::valore`]
    /// for the raw value.
    CodiceFiscale,
    ("^([A-Z0-9]{16}|[0-9]{11})$", |s: &str| {
        (s.len() == 16 && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
            || tutte_cifre(s, 11)
    })
);

impl CodiceFiscale {
    /// The raw (unmasked) value; same as [`CodiceFiscale::as_str`].
    pub fn valore(&self) -> &str {
        &self.0
    }
    /// The value masked for diagnostics ([`crate::privacy::maschera_cf`]).
    pub fn mascherato(&self) -> String {
        crate::privacy::maschera_cf(&self.0)
    }
    /// Normalised form: trimmed, upper-case, inner spaces removed (`model.md` §1.2,
    /// [`crate::cf::normalizza`]).
    pub fn normalizzato(&self) -> String {
        crate::cf::normalizza(&self.0).into_owned()
    }
    /// The full (unmasked) value.
    pub fn into_string(self) -> String {
        self.0
    }
}
impl fmt::Debug for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CodiceFiscale({:?})", self.mascherato())
    }
}
impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.mascherato())
    }
}

// ---------------------------------------------------------------------------------------------
// Data

/// Calendar date `YYYY-MM-DD` (strict form, real calendar date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Data(pub NaiveDate);

impl Data {
    /// Date from year, month, day; `None` when not a calendar date.
    pub fn from_ymd(anno: i32, mese: u32, giorno: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(anno, mese, giorno).map(Data)
    }
    /// The `chrono` date.
    pub fn naive(self) -> NaiveDate {
        self.0
    }
    /// Year.
    pub fn year(self) -> i32 {
        self.0.year()
    }
}
impl Default for Data {
    /// 1970-01-01 (only so that structs can derive `Default`).
    fn default() -> Self {
        Data(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN))
    }
}
impl From<NaiveDate> for Data {
    fn from(d: NaiveDate) -> Self {
        Data(d)
    }
}
impl From<Data> for NaiveDate {
    fn from(d: Data) -> Self {
        d.0
    }
}
impl fmt::Display for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.0.month(),
            self.0.day()
        )
    }
}
impl FromStr for Data {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(errore("Data", s));
        }
        let (y, m, d) = (cifre(&s[0..4]), cifre(&s[5..7]), cifre(&s[8..10]));
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => {
                Data::from_ymd(y as i32, m, d).ok_or_else(|| errore("Data", s))
            }
            _ => Err(errore("Data", s)),
        }
    }
}
testuale!(
    Data,
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "Data: YYYY-MM-DD (a real calendar date)"
);

// ---------------------------------------------------------------------------------------------
// MeseAnno

/// Month of a year, `YYYY-MM` (SINBA month-dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeseAnno {
    anno: u16,
    mese: u8,
}

impl MeseAnno {
    /// Month from year (0–9999) and month (1–12).
    pub fn new(anno: i32, mese: u32) -> Option<Self> {
        if (0..=9999).contains(&anno) && (1..=12).contains(&mese) {
            Some(MeseAnno {
                anno: anno as u16,
                mese: mese as u8,
            })
        } else {
            None
        }
    }
    /// Year.
    pub fn year(self) -> i32 {
        i32::from(self.anno)
    }
    /// Month 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.mese)
    }
    /// First day of the month.
    pub fn primo_giorno(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1)
    }
}
impl Default for MeseAnno {
    /// 1970-01 (only so that structs can derive `Default`).
    fn default() -> Self {
        MeseAnno {
            anno: 1970,
            mese: 1,
        }
    }
}
impl fmt::Display for MeseAnno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.anno, self.mese)
    }
}
impl FromStr for MeseAnno {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' {
            return Err(errore("MeseAnno", s));
        }
        match (cifre(&s[0..4]), cifre(&s[5..7])) {
            (Some(y), Some(m)) => MeseAnno::new(y as i32, m).ok_or_else(|| errore("MeseAnno", s)),
            _ => Err(errore("MeseAnno", s)),
        }
    }
}
testuale!(MeseAnno, "^[0-9]{4}-(0[1-9]|1[0-2])$", "MeseAnno: YYYY-MM");

// ---------------------------------------------------------------------------------------------
// Istante

/// Precision of an [`Istante`], from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precisione {
    /// `YYYY`
    Anno,
    /// `YYYY-MM`
    Mese,
    /// `YYYY-MM-DD`
    Giorno,
    /// `YYYY-MM-DDTHH`
    Ora,
    /// `YYYY-MM-DDTHH:MM`
    Minuto,
    /// `YYYY-MM-DDTHH:MM:SS`
    Secondo,
    /// `YYYY-MM-DDTHH:MM:SS.f{1,4}`
    FrazioneSecondo,
}

/// Partial date-time keeping its precision (`model.md` §1.2): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`,
/// `YYYY-MM-DDTHH`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS`, optionally `.f{1,4}` after the
/// seconds and, when a time is present, an offset `+HH:MM`/`-HH:MM`. The text round-trips
/// byte-identically.
///
/// `Istante` is deliberately not `PartialOrd`: compare with [`Istante::cmp_common`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Istante {
    testo: String,
    anno: u16,
    mese: u8,
    giorno: u8,
    ora: u8,
    minuto: u8,
    secondo: u8,
    /// Fraction scaled to 4 digits (`.5` → 5000).
    frazione: u16,
    precisione: Precisione,
    /// Offset in minutes east of UTC.
    offset: Option<i16>,
}

impl Istante {
    /// Parses the canonical text form.
    pub fn parse(s: &str) -> Result<Self, CartellaError> {
        Self::parse_opt(s).ok_or_else(|| errore("Istante", s))
    }

    fn parse_opt(s: &str) -> Option<Self> {
        if !s.is_ascii() {
            return None;
        }
        let (corpo, offset) = match s.find('T') {
            Some(t) => {
                // An offset may only follow a time.
                let tail = &s[t..];
                match tail.rfind(['+', '-']) {
                    Some(p) => {
                        let (c, o) = s.split_at(t + p);
                        (c, Some(o))
                    }
                    None => (s, None),
                }
            }
            None => (s, None),
        };
        let (data, tempo) = match corpo.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (corpo, None),
        };
        let mut parti = data.split('-');
        let anno_s = parti.next()?;
        if anno_s.len() != 4 {
            return None;
        }
        let anno = cifre(anno_s)? as u16;
        let mut ist = Istante {
            testo: s.to_string(),
            anno,
            mese: 1,
            giorno: 1,
            ora: 0,
            minuto: 0,
            secondo: 0,
            frazione: 0,
            precisione: Precisione::Anno,
            offset: None,
        };
        let due = |p: &str| if p.len() == 2 { cifre(p) } else { None };
        if let Some(m) = parti.next() {
            let m = due(m)?;
            if !(1..=12).contains(&m) {
                return None;
            }
            ist.mese = m as u8;
            ist.precisione = Precisione::Mese;
        }
        if let Some(d) = parti.next() {
            let d = due(d)?;
            NaiveDate::from_ymd_opt(i32::from(anno), u32::from(ist.mese), d)?;
            ist.giorno = d as u8;
            ist.precisione = Precisione::Giorno;
        }
        if parti.next().is_some() {
            return None;
        }
        if let Some(t) = tempo {
            if ist.precisione != Precisione::Giorno {
                return None;
            }
            let (hms, fraz) = match t.split_once('.') {
                Some((a, b)) => (a, Some(b)),
                None => (t, None),
            };
            let mut campi = hms.split(':');
            let h = due(campi.next()?)?;
            if h > 23 {
                return None;
            }
            ist.ora = h as u8;
            ist.precisione = Precisione::Ora;
            if let Some(mi) = campi.next() {
                let mi = due(mi)?;
                if mi > 59 {
                    return None;
                }
                ist.minuto = mi as u8;
                ist.precisione = Precisione::Minuto;
            }
            if let Some(se) = campi.next() {
                let se = due(se)?;
                if se > 59 {
                    return None;
                }
                ist.secondo = se as u8;
                ist.precisione = Precisione::Secondo;
            }
            if campi.next().is_some() {
                return None;
            }
            if let Some(f) = fraz {
                if ist.precisione != Precisione::Secondo || f.is_empty() || f.len() > 4 {
                    return None;
                }
                let v = cifre(f)?;
                ist.frazione = (v * 10u32.pow(4 - f.len() as u32)) as u16;
                ist.precisione = Precisione::FrazioneSecondo;
            }
        }
        if let Some(o) = offset {
            let b = o.as_bytes();
            if b.len() != 6 || b[3] != b':' {
                return None;
            }
            let (h, m) = (due(&o[1..3])?, due(&o[4..6])?);
            if h > 23 || m > 59 {
                return None;
            }
            let minuti = (h * 60 + m) as i16;
            ist.offset = Some(if b[0] == b'-' { -minuti } else { minuti });
        }
        Some(ist)
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.testo
    }
    /// Precision of the value.
    pub fn precision(&self) -> Precisione {
        self.precisione
    }
    /// Year.
    pub fn year(&self) -> i32 {
        i32::from(self.anno)
    }
    /// Month (1–12) when the precision is month or finer.
    pub fn month(&self) -> Option<u32> {
        (self.precisione >= Precisione::Mese).then_some(u32::from(self.mese))
    }
    /// Calendar date when the precision is day or finer (local date, offset ignored).
    pub fn date(&self) -> Option<NaiveDate> {
        if self.precisione >= Precisione::Giorno {
            NaiveDate::from_ymd_opt(self.year(), u32::from(self.mese), u32::from(self.giorno))
        } else {
            None
        }
    }
    /// Offset in minutes east of UTC, when written.
    pub fn offset_minutes(&self) -> Option<i32> {
        self.offset.map(i32::from)
    }
    /// Earliest local date-time covered by the value (missing parts = their minimum).
    pub fn inizio(&self) -> NaiveDateTime {
        let d = NaiveDate::from_ymd_opt(self.year(), u32::from(self.mese), u32::from(self.giorno))
            .unwrap_or(NaiveDate::MIN);
        let t = NaiveTime::from_hms_milli_opt(
            u32::from(self.ora),
            u32::from(self.minuto),
            u32::from(self.secondo),
            u32::from(self.frazione / 10),
        )
        .unwrap_or(NaiveTime::MIN);
        d.and_time(t)
    }

    /// Components truncated to a precision, as a comparable tuple.
    fn chiave(&self, p: Precisione, utc: bool) -> [i64; 7] {
        let mut k = [
            i64::from(self.anno),
            i64::from(self.mese),
            i64::from(self.giorno),
            i64::from(self.ora),
            i64::from(self.minuto),
            i64::from(self.secondo),
            i64::from(self.frazione),
        ];
        if utc {
            if let Some(off) = self.offset {
                let shifted = self.inizio() - chrono::Duration::minutes(i64::from(off));
                k[0] = i64::from(shifted.year());
                k[1] = i64::from(shifted.month());
                k[2] = i64::from(shifted.day());
                k[3] = i64::from(chrono::Timelike::hour(&shifted));
                k[4] = i64::from(chrono::Timelike::minute(&shifted));
            }
        }
        let n = p as usize + 1;
        for v in k.iter_mut().skip(n) {
            *v = 0;
        }
        k
    }

    /// Compares two values on their **common precision** (`model.md` §1.2).
    ///
    /// Both values are truncated to the coarser of the two precisions. If the truncated values
    /// differ, their order is returned. If they are equal, the result is `Some(Equal)` when the
    /// two precisions are the same and `None` ("not ordered") otherwise: e.g. `2024-01` vs
    /// `2024-01-10` is `None`, never a date-order error. When both values carry an offset (hence
    /// a time), they are compared in UTC; otherwise local wall-clock components are compared.
    pub fn cmp_common(&self, other: &Istante) -> Option<Ordering> {
        let p = self.precisione.min(other.precisione);
        let utc = self.offset.is_some() && other.offset.is_some();
        match self.chiave(p, utc).cmp(&other.chiave(p, utc)) {
            Ordering::Equal if self.precisione == other.precisione => Some(Ordering::Equal),
            Ordering::Equal => None,
            o => Some(o),
        }
    }

    /// `true` when `self` is certainly before `other` ([`Istante::cmp_common`] is `Less`).
    pub fn is_before(&self, other: &Istante) -> bool {
        self.cmp_common(other) == Some(Ordering::Less)
    }
}

impl fmt::Debug for Istante {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Istante({})", self.testo)
    }
}
impl fmt::Display for Istante {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.testo)
    }
}
impl Default for Istante {
    /// `1970` (only so that structs can derive `Default`).
    fn default() -> Self {
        Istante::from_year(1970).unwrap_or_else(|| Istante::from(Data::default()))
    }
}
impl Istante {
    /// Year-precision value (0–9999).
    pub fn from_year(anno: i32) -> Option<Self> {
        if (0..=9999).contains(&anno) {
            Self::parse_opt(&format!("{anno:04}"))
        } else {
            None
        }
    }
}
impl From<Data> for Istante {
    /// Day-precision value.
    fn from(d: Data) -> Self {
        let n = d.0;
        Istante {
            testo: d.to_string(),
            anno: n.year().clamp(0, 9999) as u16,
            mese: n.month() as u8,
            giorno: n.day() as u8,
            ora: 0,
            minuto: 0,
            secondo: 0,
            frazione: 0,
            precisione: Precisione::Giorno,
            offset: None,
        }
    }
}
impl From<NaiveDate> for Istante {
    fn from(d: NaiveDate) -> Self {
        Istante::from(Data(d))
    }
}
impl FromStr for Istante {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Istante::parse(s)
    }
}
testuale!(
    Istante,
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,4})?)?)?([+-][0-9]{2}:[0-9]{2})?)?)?)?$",
    "Istante: partial date-time YYYY[-MM[-DD[THH[:MM[:SS[.f{1,4}]]][+HH:MM|-HH:MM]]]]"
);

// ---------------------------------------------------------------------------------------------
// Decimale

/// Exact decimal written as a string matching `^-?[0-9]{1,12}(\.[0-9]{1,4})?$`. The written text
/// is kept, so `"7350.00"` and non-canonical forms such as `"007.50"` round-trip; equality is on
/// the text. [`Decimale::valore`] gives the number, [`Decimale::is_canonical`] tells whether the
/// text is in canonical form (rule `CSI-MON-006`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimale {
    valore: Decimal,
    testo: String,
}

impl Decimale {
    /// Parses the JSON text form.
    pub fn parse(s: &str) -> Result<Self, CartellaError> {
        if !Self::sintassi(s) {
            return Err(errore("Decimale", s));
        }
        let valore = Decimal::from_str_exact(s).map_err(|_| errore("Decimale", s))?;
        Ok(Decimale {
            valore,
            testo: s.to_string(),
        })
    }

    fn sintassi(s: &str) -> bool {
        let corpo = s.strip_prefix('-').unwrap_or(s);
        let (int, fraz) = match corpo.split_once('.') {
            Some((a, b)) => (a, Some(b)),
            None => (corpo, None),
        };
        let ok = |p: &str, max: usize| {
            !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit())
        };
        ok(int, 12) && fraz.is_none_or(|f| ok(f, 4))
    }

    /// Builds a value from a decimal, written in canonical form (its own scale kept);
    /// `None` when it has more than 12 integer digits or more than 4 decimals.
    pub fn from_decimal(d: Decimal) -> Option<Self> {
        let d = if d.is_zero() && d.is_sign_negative() {
            -d
        } else {
            d
        };
        Self::parse(&d.to_string()).ok()
    }
    /// The numeric value.
    pub fn valore(&self) -> Decimal {
        self.valore
    }
    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.testo
    }
    /// Number of decimals as written.
    pub fn scale(&self) -> u32 {
        self.testo
            .split_once('.')
            .map_or(0, |(_, f)| f.len() as u32)
    }
    /// Canonical form: no leading zeros in the integer part (except a single `0`) and no
    /// negative zero.
    pub fn is_canonical(&self) -> bool {
        let corpo = self.testo.strip_prefix('-');
        let negativo = corpo.is_some();
        let corpo = corpo.unwrap_or(&self.testo);
        let int = corpo.split('.').next().unwrap_or("");
        let zeri_iniziali = int.len() > 1 && int.starts_with('0');
        !(zeri_iniziali || negativo && self.valore.is_zero())
    }
}
impl fmt::Debug for Decimale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimale({})", self.testo)
    }
}
impl fmt::Display for Decimale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.testo)
    }
}
impl Default for Decimale {
    /// `0`.
    fn default() -> Self {
        Decimale {
            valore: Decimal::ZERO,
            testo: "0".to_string(),
        }
    }
}
impl FromStr for Decimale {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimale::parse(s)
    }
}
testuale!(
    Decimale,
    "^-?[0-9]{1,12}(\\.[0-9]{1,4})?$",
    "Decimale: exact decimal as a string, ^-?[0-9]{1,12}(\\.[0-9]{1,4})?$"
);

// ---------------------------------------------------------------------------------------------
// versione_modello

/// The `versione_modello` marker: always `"1.0"` ([`crate::VERSIONE_MODELLO`]); any other value
/// is a deserialisation error (mapped to [`CartellaError::VersioneModello`] by [`crate::json`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VersioneModello;

/// Prefix of the serde error raised for a wrong `versione_modello` (recognised by `json.rs`).
pub(crate) const ERRORE_VERSIONE: &str = "versione_modello non supportata: ";

impl Serialize for VersioneModello {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(crate::VERSIONE_MODELLO)
    }
}
impl<'de> Deserialize<'de> for VersioneModello {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        if s == crate::VERSIONE_MODELLO {
            Ok(VersioneModello)
        } else {
            let shown: String = s.chars().take(16).collect();
            Err(de::Error::custom(format_args!(
                "{ERRORE_VERSIONE}{shown:?}"
            )))
        }
    }
}
impl JsonSchema for VersioneModello {
    fn schema_name() -> Cow<'static, str> {
        "VersioneModello".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "const": crate::VERSIONE_MODELLO })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(s: &str) -> Istante {
        Istante::parse(s).unwrap()
    }

    #[test]
    fn istante_forms() {
        for ok in [
            "2024",
            "2024-01",
            "2024-01-10",
            "2024-01-10T09",
            "2024-01-10T09:30",
            "2024-01-10T09:30:15",
            "2024-01-10T09:30:15.1234",
            "2024-01-10T09:30+01:00",
            "2024-01-10T09-05:00",
        ] {
            assert_eq!(i(ok).as_str(), ok);
        }
        for ko in [
            "24",
            "2024-1",
            "2024-13",
            "2024-02-30",
            "2024-01-10T24",
            "2024-01-10T09:60",
            "2024-01-10T09:30:15.12345",
            "2024-01-10T09:30.5",
            "2024+01:00",
            "2024-01-10 09:30",
            "2024-01-10T",
            "2024-01-10T09:30+0100",
            "",
            "２０２４",
        ] {
            assert!(Istante::parse(ko).is_err(), "{ko}");
        }
        assert_eq!(i("2024-01-10T09:30").precision(), Precisione::Minuto);
        assert_eq!(i("2024-02").date(), None);
        assert_eq!(i("2024-02-03").date(), NaiveDate::from_ymd_opt(2024, 2, 3));
    }

    #[test]
    fn istante_cmp_common() {
        assert_eq!(i("2024-01").cmp_common(&i("2024-01-10")), None);
        assert_eq!(
            i("2024-01-10").cmp_common(&i("2024-01-10")),
            Some(Ordering::Equal)
        );
        assert_eq!(
            i("2024-01").cmp_common(&i("2024-02-01")),
            Some(Ordering::Less)
        );
        assert_eq!(
            i("2024-01-10T10").cmp_common(&i("2024-01-10T09:59")),
            Some(Ordering::Greater)
        );
        assert_eq!(
            i("2024-01-10T10:00+01:00").cmp_common(&i("2024-01-10T09:00+00:00")),
            Some(Ordering::Equal)
        );
        assert_eq!(
            i("2024-01-10T09:30:00.5").cmp_common(&i("2024-01-10T09:30:00.50")),
            Some(Ordering::Equal)
        );
        assert!(i("2023").is_before(&i("2024-01-01")));
        assert_eq!(
            Istante::from(Data::from_ymd(2024, 1, 2).unwrap()).as_str(),
            "2024-01-02"
        );
    }

    #[test]
    fn decimale_forms() {
        for ok in ["0", "7350.00", "-1.5", "007.50", "123456789012.1234"] {
            assert_eq!(Decimale::parse(ok).unwrap().as_str(), ok);
        }
        for ko in [
            "",
            ".5",
            "5.",
            "1e3",
            "1,5",
            "+1",
            "1234567890123",
            "1.12345",
            " 1",
        ] {
            assert!(Decimale::parse(ko).is_err(), "{ko}");
        }
        assert!(!Decimale::parse("007.50").unwrap().is_canonical());
        assert!(!Decimale::parse("-0.00").unwrap().is_canonical());
        assert!(Decimale::parse("7.50").unwrap().is_canonical());
        assert_eq!(
            Decimale::parse("7.50").unwrap().valore(),
            Decimal::new(750, 2)
        );
    }

    #[test]
    fn data_and_mese() {
        assert!("2024-02-29".parse::<Data>().is_ok());
        assert!("2023-02-29".parse::<Data>().is_err());
        assert!("2024-2-01".parse::<Data>().is_err());
        assert!("2024-07".parse::<MeseAnno>().is_ok());
        assert!("2024-13".parse::<MeseAnno>().is_err());
    }

    #[test]
    fn codice_fiscale_is_masked() {
        let cf = CodiceFiscale::new("RSSMRA80A01F205X");
        assert_eq!(format!("{cf}"), "RSSMRA*********X");
        assert!(!format!("{cf:?}").contains("RSSMRA80A01F205X"));
        assert_eq!(cf.as_str(), "RSSMRA80A01F205X");
        assert!(cf.is_well_formed());
    }
}
