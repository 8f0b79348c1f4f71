//! Reference data with history (decision D17, `codelists.md` §11): Italian comuni (ISTAT and
//! Belfiore codes, suppressed and merged comuni included), foreign states (Belfiore `Z` codes) and
//! the ISO 3166-1 table.
//!
//! The tables are embedded in the library (built from public data by `scripts/refdata/build.py`,
//! provenance in `core/data/refdata/README.md`) and parsed once, on first use. A caller may load a
//! newer table at run time with [`DatiRiferimento::from_csv`] and pass it wherever a
//! `&DatiRiferimento` is expected.
//!
//! "Valid at date *t*" means `valido_dal ≤ t ≤ valido_al`; an absent bound is open.
//!
//! ```
//! use cartella::refdata::{DatiRiferimento, Luogo};
//! use chrono::NaiveDate;
//!
//! let dati = DatiRiferimento::embedded();
//! let milano = dati.comune_per_belfiore("F205", None).unwrap();
//! assert_eq!(milano.codice_istat.as_deref(), Some("015146"));
//! let d = NaiveDate::from_ymd_opt(1980, 1, 1);
//! assert!(matches!(dati.luogo_per_belfiore("Z404", d), Some(Luogo::Estero(s)) if s.iso3166_alpha2.as_deref() == Some("US")));
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::error::CartellaError;

const COMUNI_CSV: &str = include_str!("../data/refdata/comuni.csv");
const STATI_CSV: &str = include_str!("../data/refdata/stati_esteri.csv");
const ISO_CSV: &str = include_str!("../data/refdata/iso3166.csv");

const COMUNI_HEADER: [&str; 7] = [
    "codice_istat",
    "codice_belfiore",
    "denominazione",
    "sigla_provincia",
    "codice_regione_istat",
    "valido_dal",
    "valido_al",
];
const STATI_HEADER: [&str; 6] = [
    "codice_belfiore",
    "iso3166_alpha2",
    "iso3166_numerico",
    "denominazione",
    "valido_dal",
    "valido_al",
];
const ISO_HEADER: [&str; 3] = ["alpha2", "numerico", "denominazione"];

/// Number of possible Belfiore codes (`[A-Z][0-9]{3}`): the size of the direct-indexed tables.
const SLOTS: usize = 26 * 1000;

/// One comune in one validity interval (a row of `comuni.csv`).
///
/// A comune that changed name or province has several rows with the same Belfiore code; a
/// suppressed comune has a row with `valido_al` set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Comune {
    /// ISTAT code (6 digits), when known for this interval.
    pub codice_istat: Option<String>,
    /// Belfiore (cadastral) code, e.g. `F205`.
    pub codice_belfiore: String,
    /// Name in this interval.
    pub denominazione: String,
    /// Province (sigla) in this interval, when known.
    pub sigla_provincia: Option<String>,
    /// ISTAT region code (2 digits), when known.
    pub codice_regione_istat: Option<String>,
    /// First day of validity (inclusive); `None` = open.
    pub valido_dal: Option<NaiveDate>,
    /// Last day of validity (inclusive); `None` = still valid.
    pub valido_al: Option<NaiveDate>,
}

/// One foreign state in one validity interval (a row of `stati_esteri.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatoEstero {
    /// Belfiore code (`Z` + 3 digits), e.g. `Z404`.
    pub codice_belfiore: String,
    /// ISO 3166-1 alpha-2 (ISO 3166-3 former code for states that no longer exist), when known.
    pub iso3166_alpha2: Option<String>,
    /// ISO 3166-1 numeric (3 digits), when known.
    pub iso3166_numerico: Option<String>,
    /// Italian name.
    pub denominazione: String,
    /// First day of validity (inclusive); `None` = open.
    pub valido_dal: Option<NaiveDate>,
    /// Last day of validity (inclusive); `None` = still valid.
    pub valido_al: Option<NaiveDate>,
}

/// A row of the ISO 3166-1 table (`iso3166.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Paese {
    /// Alpha-2 code; `None` for the INPS row `990` (non disponibile).
    pub alpha2: Option<String>,
    /// Numeric code, 3 digits.
    pub numerico: String,
    /// Name.
    pub denominazione: String,
}

/// A birthplace resolved from a Belfiore code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Luogo<'a> {
    /// An Italian comune.
    Comune(&'a Comune),
    /// A foreign state (`Z` code).
    Estero(&'a StatoEstero),
}

impl Luogo<'_> {
    /// Belfiore code of the place.
    pub fn codice_belfiore(&self) -> &str {
        match self {
            Luogo::Comune(c) => &c.codice_belfiore,
            Luogo::Estero(s) => &s.codice_belfiore,
        }
    }

    /// Name of the place.
    pub fn denominazione(&self) -> &str {
        match self {
            Luogo::Comune(c) => &c.denominazione,
            Luogo::Estero(s) => &s.denominazione,
        }
    }
}

/// Something with a validity interval.
trait Validita {
    fn dal(&self) -> Option<NaiveDate>;
    fn al(&self) -> Option<NaiveDate>;
    fn valido_il(&self, t: NaiveDate) -> bool {
        self.dal().is_none_or(|d| d <= t) && self.al().is_none_or(|a| t <= a)
    }
}

impl Validita for Comune {
    fn dal(&self) -> Option<NaiveDate> {
        self.valido_dal
    }
    fn al(&self) -> Option<NaiveDate> {
        self.valido_al
    }
}

impl Validita for StatoEstero {
    fn dal(&self) -> Option<NaiveDate> {
        self.valido_dal
    }
    fn al(&self) -> Option<NaiveDate> {
        self.valido_al
    }
}

impl Comune {
    /// Whether this row is valid at `data` (`valido_dal ≤ data ≤ valido_al`, open bounds).
    pub fn valido_il(&self, data: NaiveDate) -> bool {
        Validita::valido_il(self, data)
    }
}

impl StatoEstero {
    /// Whether this row is valid at `data` (`valido_dal ≤ data ≤ valido_al`, open bounds).
    pub fn valido_il(&self, data: NaiveDate) -> bool {
        Validita::valido_il(self, data)
    }
}

/// Picks the row valid at `as_of` (the latest-starting one when intervals overlap) or, without a
/// date, the current row (open `valido_al`), else the most recent one. `rows` are sorted by
/// `valido_dal`.
fn scegli<'a, T: Validita + 'a>(
    rows: impl DoubleEndedIterator<Item = &'a T>,
    as_of: Option<NaiveDate>,
) -> Option<&'a T> {
    let mut rows = rows.rev();
    match as_of {
        Some(t) => rows.find(|r| r.valido_il(t)),
        None => {
            let mut first = None;
            for r in rows {
                if r.al().is_none() {
                    return Some(r);
                }
                if first.is_none() {
                    first = Some(r);
                }
            }
            first
        }
    }
}

/// Direct index of a Belfiore code (`[A-Z][0-9]{3}`, upper-case) into `0..SLOTS`.
#[inline]
fn slot(code: &[u8]) -> Option<usize> {
    match code {
        [l @ b'A'..=b'Z', a @ b'0'..=b'9', b @ b'0'..=b'9', c @ b'0'..=b'9'] => Some(
            (*l - b'A') as usize * 1000
                + (*a - b'0') as usize * 100
                + (*b - b'0') as usize * 10
                + (*c - b'0') as usize,
        ),
        _ => None,
    }
}

/// Parses a 3-digit numeric code.
fn numerico3(code: &str) -> Option<u16> {
    let b = code.as_bytes();
    if b.len() == 3 && b.iter().all(u8::is_ascii_digit) {
        Some(b.iter().fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0')))
    } else {
        None
    }
}

/// Parses a 6-digit ISTAT code.
fn istat6(code: &str) -> Option<u32> {
    let b = code.as_bytes();
    if b.len() == 6 && b.iter().all(u8::is_ascii_digit) {
        Some(b.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
    } else {
        None
    }
}

/// The reference tables: comuni, foreign states and ISO 3166-1, indexed for fast lookups.
///
/// Obtain the embedded tables with [`DatiRiferimento::embedded`] or load replacements with
/// [`DatiRiferimento::from_csv`]. Lookups do not allocate.
pub struct DatiRiferimento {
    comuni: Vec<Comune>,
    /// Belfiore slot → range in `comuni` (rows of one code are contiguous, sorted by `valido_dal`).
    comuni_idx: Vec<(u32, u32)>,
    /// ISTAT code → indexes into `comuni`, sorted by `valido_dal`.
    comuni_istat: HashMap<u32, Vec<u32>>,
    stati: Vec<StatoEstero>,
    stati_idx: Vec<(u32, u32)>,
    /// ISO numeric → indexes into `stati`, sorted by `valido_dal`.
    stati_iso: HashMap<u16, Vec<u32>>,
    paesi: Vec<Paese>,
    /// numeric → index into `paesi` (dense, 0..=999).
    paesi_num: Vec<Option<u32>>,
    /// alpha-2 (`(a-'A')*26 + (b-'A')`) → index into `paesi`.
    paesi_a2: Vec<Option<u32>>,
}

impl std::fmt::Debug for DatiRiferimento {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatiRiferimento")
            .field("comuni", &self.comuni.len())
            .field("stati_esteri", &self.stati.len())
            .field("paesi", &self.paesi.len())
            .finish()
    }
}

static EMBEDDED: OnceLock<DatiRiferimento> = OnceLock::new();

fn tab_err(table: &str, message: String) -> CartellaError {
    CartellaError::Tabella {
        table: table.to_string(),
        message,
    }
}

/// Reads a CSV with an exact header; yields `(line, fields)` per data row.
fn leggi_csv(
    table: &str,
    input: impl Read,
    header: &[&str],
) -> Result<Vec<(u64, Vec<String>)>, CartellaError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(input);
    let h = rdr
        .headers()
        .map_err(|e| tab_err(table, format!("line 1: {e}")))?
        .clone();
    let found: Vec<&str> = h
        .iter()
        .map(|s| s.trim_start_matches('\u{feff}').trim())
        .collect();
    if found != header {
        return Err(tab_err(
            table,
            format!("line 1: header must be `{}`", header.join(",")),
        ));
    }
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            tab_err(table, format!("line {line}: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != header.len() {
            return Err(tab_err(
                table,
                format!(
                    "line {line}: expected {} fields, found {}",
                    header.len(),
                    rec.len()
                ),
            ));
        }
        out.push((line, rec.iter().map(|s| s.trim().to_string()).collect()));
    }
    Ok(out)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A `YYYY-MM-DD` date of the embedded tables (reference data, code lists, rule catalogue):
/// [`data_iso_veloce`] for the thousands written exactly so, [`NaiveDate::parse_from_str`] for the
/// rest, which decides (and words the error) as it always did.
pub(crate) fn data_iso(s: &str) -> chrono::ParseResult<NaiveDate> {
    match data_iso_veloce(s) {
        Some(d) => Ok(d),
        None => NaiveDate::parse_from_str(s, "%Y-%m-%d"),
    }
}

/// A date written exactly `YYYY-MM-DD`, parsed without a format string; `None` for any other
/// text or an impossible date.
pub(crate) fn data_iso_veloce(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let anno = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(anno, num(5..7)?, num(8..10)?)
}

fn data(table: &str, line: u64, col: &str, s: &str) -> Result<Option<NaiveDate>, CartellaError> {
    if s.is_empty() {
        return Ok(None);
    }
    data_iso(s).map(Some).map_err(|_| {
        tab_err(
            table,
            format!("line {line}: {col} {s:?} is not a date YYYY-MM-DD"),
        )
    })
}

fn intervallo(
    table: &str,
    line: u64,
    dal: &str,
    al: &str,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), CartellaError> {
    let d = data(table, line, "valido_dal", dal)?;
    let a = data(table, line, "valido_al", al)?;
    if let (Some(d), Some(a)) = (d, a) {
        if d > a {
            return Err(tab_err(
                table,
                format!("line {line}: valido_dal after valido_al"),
            ));
        }
    }
    Ok((d, a))
}

fn belfiore(table: &str, line: u64, s: &str, estero: bool) -> Result<String, CartellaError> {
    let ok = slot(s.as_bytes()).is_some() && s.starts_with('Z') == estero;
    if ok {
        Ok(s.to_string())
    } else {
        let what = if estero {
            "Z + 3 digits"
        } else {
            "a letter other than Z + 3 digits"
        };
        Err(tab_err(
            table,
            format!("line {line}: codice_belfiore {s:?} must be {what}"),
        ))
    }
}

/// Sorts rows by (Belfiore, valido_dal) and builds the direct slot index.
fn indice_belfiore<T>(
    rows: &mut [T],
    key: impl Fn(&T) -> (&str, Option<NaiveDate>),
) -> Vec<(u32, u32)> {
    rows.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut idx = vec![(0u32, 0u32); SLOTS];
    let mut i = 0;
    while i < rows.len() {
        let code = key(&rows[i]).0;
        let mut j = i + 1;
        while j < rows.len() && key(&rows[j]).0 == code {
            j += 1;
        }
        if let Some(s) = slot(code.as_bytes()) {
            idx[s] = (i as u32, (j - i) as u32);
        }
        i = j;
    }
    idx
}

impl DatiRiferimento {
    /// The tables embedded in the library, parsed on first use.
    ///
    /// # Panics
    /// Never in a released crate: the embedded CSV files are checked by the crate's tests (a
    /// corrupted embedded table would be a build defect, reported with the table and line).
    pub fn embedded() -> &'static DatiRiferimento {
        EMBEDDED.get_or_init(|| {
            match Self::from_csv(
                COMUNI_CSV.as_bytes(),
                STATI_CSV.as_bytes(),
                ISO_CSV.as_bytes(),
            ) {
                Ok(d) => d,
                // The embedded data is a constant of the build, not input: fail loudly.
                Err(e) => panic!("embedded reference data is corrupt: {e}"),
            }
        })
    }

    /// Loads the three tables from CSV (headers of `codelists.md` §11, UTF-8, comma-separated).
    ///
    /// Errors are [`CartellaError::Tabella`] naming the table (`comuni`, `stati_esteri`,
    /// `iso3166`) and the 1-based line.
    pub fn from_csv(
        comuni: impl Read,
        stati: impl Read,
        iso: impl Read,
    ) -> Result<Self, CartellaError> {
        let mut cs = Vec::new();
        for (line, f) in leggi_csv("comuni", comuni, &COMUNI_HEADER)? {
            if !f[0].is_empty() && istat6(&f[0]).is_none() {
                return Err(tab_err(
                    "comuni",
                    format!("line {line}: codice_istat {:?} must be 6 digits", f[0]),
                ));
            }
            if f[2].is_empty() {
                return Err(tab_err(
                    "comuni",
                    format!("line {line}: denominazione is empty"),
                ));
            }
            let (dal, al) = intervallo("comuni", line, &f[5], &f[6])?;
            cs.push(Comune {
                codice_istat: opt(&f[0]),
                codice_belfiore: belfiore("comuni", line, &f[1], false)?,
                denominazione: f[2].clone(),
                sigla_provincia: opt(&f[3]),
                codice_regione_istat: opt(&f[4]),
                valido_dal: dal,
                valido_al: al,
            });
        }
        let mut ss = Vec::new();
        for (line, f) in leggi_csv("stati_esteri", stati, &STATI_HEADER)? {
            let alpha2_ok = f[1].len() == 2 && f[1].bytes().all(|b| b.is_ascii_uppercase());
            if !f[1].is_empty() && !alpha2_ok {
                return Err(tab_err(
                    "stati_esteri",
                    format!("line {line}: iso3166_alpha2 {:?} must be 2 letters", f[1]),
                ));
            }
            if !f[2].is_empty() && numerico3(&f[2]).is_none() {
                return Err(tab_err(
                    "stati_esteri",
                    format!("line {line}: iso3166_numerico {:?} must be 3 digits", f[2]),
                ));
            }
            let (dal, al) = intervallo("stati_esteri", line, &f[4], &f[5])?;
            ss.push(StatoEstero {
                codice_belfiore: belfiore("stati_esteri", line, &f[0], true)?,
                iso3166_alpha2: opt(&f[1]),
                iso3166_numerico: opt(&f[2]),
                denominazione: f[3].clone(),
                valido_dal: dal,
                valido_al: al,
            });
        }
        let mut ps = Vec::new();
        let mut paesi_num = vec![None; 1000];
        let mut paesi_a2 = vec![None; 26 * 26];
        for (line, f) in leggi_csv("iso3166", iso, &ISO_HEADER)? {
            let Some(n) = numerico3(&f[1]) else {
                return Err(tab_err(
                    "iso3166",
                    format!("line {line}: numerico {:?} must be 3 digits", f[1]),
                ));
            };
            let i = ps.len() as u32;
            if !f[0].is_empty() {
                match f[0].as_bytes() {
                    [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
                        let k = usize::from(a - b'A') * 26 + usize::from(b - b'A');
                        if paesi_a2[k].is_some() {
                            return Err(tab_err(
                                "iso3166",
                                format!("line {line}: duplicate alpha2 {}", f[0]),
                            ));
                        }
                        paesi_a2[k] = Some(i);
                    }
                    _ => {
                        return Err(tab_err(
                            "iso3166",
                            format!("line {line}: alpha2 {:?} must be 2 letters", f[0]),
                        ))
                    }
                }
            }
            if paesi_num[usize::from(n)].is_some() {
                return Err(tab_err(
                    "iso3166",
                    format!("line {line}: duplicate numerico {}", f[1]),
                ));
            }
            paesi_num[usize::from(n)] = Some(i);
            ps.push(Paese {
                alpha2: opt(&f[0]),
                numerico: f[1].clone(),
                denominazione: f[2].clone(),
            });
        }

        let comuni_idx = indice_belfiore(&mut cs, |c| (c.codice_belfiore.as_str(), c.valido_dal));
        let stati_idx = indice_belfiore(&mut ss, |s| (s.codice_belfiore.as_str(), s.valido_dal));
        let mut comuni_istat: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, c) in cs.iter().enumerate() {
            if let Some(k) = c.codice_istat.as_deref().and_then(istat6) {
                comuni_istat.entry(k).or_default().push(i as u32);
            }
        }
        for v in comuni_istat.values_mut() {
            v.sort_by_key(|&i| cs[i as usize].valido_dal);
        }
        let mut stati_iso: HashMap<u16, Vec<u32>> = HashMap::new();
        for (i, s) in ss.iter().enumerate() {
            if let Some(k) = s.iso3166_numerico.as_deref().and_then(numerico3) {
                stati_iso.entry(k).or_default().push(i as u32);
            }
        }
        for v in stati_iso.values_mut() {
            v.sort_by_key(|&i| ss[i as usize].valido_dal);
        }
        Ok(DatiRiferimento {
            comuni: cs,
            comuni_idx,
            comuni_istat,
            stati: ss,
            stati_idx,
            stati_iso,
            paesi: ps,
            paesi_num,
            paesi_a2,
        })
    }

    /// All comune rows, sorted by Belfiore code then `valido_dal`.
    pub fn comuni(&self) -> &[Comune] {
        &self.comuni
    }

    /// All foreign-state rows, sorted by Belfiore code then `valido_dal`.
    pub fn stati_esteri(&self) -> &[StatoEstero] {
        &self.stati
    }

    /// The ISO 3166-1 table (with the INPS row `990`).
    pub fn paesi(&self) -> &[Paese] {
        &self.paesi
    }

    /// All historical rows of a comune Belfiore code, sorted by `valido_dal` (empty if unknown).
    /// The code must be upper-case.
    pub fn comuni_per_belfiore(&self, code: &str) -> &[Comune] {
        match slot(code.as_bytes()) {
            Some(s) => {
                let (start, len) = self.comuni_idx[s];
                &self.comuni[start as usize..(start + len) as usize]
            }
            None => &[],
        }
    }

    /// All historical rows of a foreign-state Belfiore code (`Z…`), sorted by `valido_dal`.
    pub fn stati_per_belfiore(&self, code: &str) -> &[StatoEstero] {
        match slot(code.as_bytes()) {
            Some(s) => {
                let (start, len) = self.stati_idx[s];
                &self.stati[start as usize..(start + len) as usize]
            }
            None => &[],
        }
    }

    /// The comune with this Belfiore code valid at `as_of`; without a date, the current row (or the
    /// last one of a suppressed comune).
    pub fn comune_per_belfiore(&self, code: &str, as_of: Option<NaiveDate>) -> Option<&Comune> {
        scegli(self.comuni_per_belfiore(code).iter(), as_of)
    }

    /// The comune with this ISTAT code (6 digits) valid at `as_of`; without a date, the current
    /// row or the last one.
    pub fn comune_per_istat(&self, code: &str, as_of: Option<NaiveDate>) -> Option<&Comune> {
        let idx = self.comuni_istat.get(&istat6(code)?)?;
        scegli(idx.iter().map(|&i| &self.comuni[i as usize]), as_of)
    }

    /// The foreign state with this Belfiore code valid at `as_of` (same date semantics).
    pub fn stato_per_belfiore(&self, code: &str, as_of: Option<NaiveDate>) -> Option<&StatoEstero> {
        scegli(self.stati_per_belfiore(code).iter(), as_of)
    }

    /// The foreign state with this ISO 3166-1 numeric code valid at `as_of` (same date semantics;
    /// several rows may share a numeric code, e.g. former states).
    pub fn stato_per_iso_numerico(
        &self,
        code: &str,
        as_of: Option<NaiveDate>,
    ) -> Option<&StatoEstero> {
        let idx = self.stati_iso.get(&numerico3(code)?)?;
        scegli(idx.iter().map(|&i| &self.stati[i as usize]), as_of)
    }

    /// The ISO 3166-1 row with this alpha-2 code (upper-case).
    pub fn paese_per_alpha2(&self, code: &str) -> Option<&Paese> {
        match code.as_bytes() {
            [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
                let i = self.paesi_a2[usize::from(a - b'A') * 26 + usize::from(b - b'A')]?;
                self.paesi.get(i as usize)
            }
            _ => None,
        }
    }

    /// The ISO 3166-1 row with this numeric code (3 digits; `990` = non disponibile).
    pub fn paese_per_numerico(&self, code: &str) -> Option<&Paese> {
        let i = self.paesi_num[usize::from(numerico3(code)?)]?;
        self.paesi.get(i as usize)
    }

    /// The place (comune or foreign state, by the `Z` prefix) with this Belfiore code valid at
    /// `as_of`; without a date, the current or last row.
    pub fn luogo_per_belfiore(&self, code: &str, as_of: Option<NaiveDate>) -> Option<Luogo<'_>> {
        if code.starts_with('Z') {
            self.stato_per_belfiore(code, as_of).map(Luogo::Estero)
        } else {
            self.comune_per_belfiore(code, as_of).map(Luogo::Comune)
        }
    }

    /// Whether the Belfiore code exists in the tables at any date.
    pub fn belfiore_noto(&self, code: &str) -> bool {
        if code.starts_with('Z') {
            !self.stati_per_belfiore(code).is_empty()
        } else {
            !self.comuni_per_belfiore(code).is_empty()
        }
    }
}
