//! `id_flusso` and `ts_flusso` (`siuss.md` §3): generation, parsing and the allocators.
//!
//! - Write form (what the library generates, and what [`verifica_id_flusso`] accepts):
//!   `^[A-Z][0-9]{3}\.(PS|SINBA)\.[0-9]{8}\.[0-9]{7}$`, built by [`id_flusso`] (the same string as
//!   `IdentificazioneFlusso/@Nome`, formatted by [`crate::siuss::nome::nome_flusso`]).
//! - Read form (lenient, [`leggi_id_flusso`]):
//!   `^[A-Za-z0-9]{1,32}\.(PS|PSA|SINA|SINBA)(\.INPS)?\.[0-9]{8}\.[0-9]{1,8}$`, which accepts the INPS
//!   example `H501.PS.INPS.20160423.115235`.
//! - `ts_flusso`: [`TsFlusso`], milliseconds since the epoch written as RFC 3339 UTC with
//!   milliseconds; [`AllocatoreTs`] makes it unique and strictly increasing per ente.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{issue, segnala};
use crate::error::CartellaError;
use crate::rules::{data_roma, Issue, Severity};
use crate::siuss::flusso::TipoFlusso;
use crate::siuss::nome::{nome_flusso, PROGRESSIVO_MAX};
use crate::siuss::regole::{analizza_nome, nome_conforme_scrittura};

/// Maximum length of `id_flusso` (OAS `maxLength 64`, SIUSS-WAAS-002).
pub const ID_FLUSSO_MAX_CARATTERI: usize = 64;

/// The parts of an `id_flusso` read with the lenient form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdFlusso {
    /// `EEEEE`: the ente code (1–32 letters or digits; the library writes a Belfiore code).
    pub codice_ente: String,
    /// The flow type of the `TIPO` segment: `PS`, `PSA`, `SINA` → PS-PSA-SINA; `SINBA` → SINBA.
    pub tipo: TipoFlusso,
    /// `AAAAMMGG`: the creation date.
    pub data: NaiveDate,
    /// `NNNNNNN`: the daily progressive (up to 8 digits on read, 7 on write).
    pub progressivo: u32,
}

impl IdFlusso {
    /// Parses an `id_flusso` with the lenient read form; `None` when it does not match, or when
    /// the date segment is not a calendar date.
    ///
    /// ```
    /// use cartella::siuss::waas::IdFlusso;
    /// use cartella::siuss::TipoFlusso;
    /// let id = IdFlusso::parse("H501.PS.INPS.20160423.115235").unwrap();
    /// assert_eq!((id.codice_ente.as_str(), id.tipo, id.progressivo), ("H501", TipoFlusso::PsPsaSina, 115_235));
    /// assert!(IdFlusso::parse("H501.XX.20160423.1").is_none());
    /// ```
    pub fn parse(id: &str) -> Option<IdFlusso> {
        leggi(id).map(|(id, _)| id)
    }

    /// The id in the write form `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`.
    ///
    /// # Errors
    /// As [`id_flusso`].
    pub fn scrivi(&self) -> Result<String, CartellaError> {
        id_flusso(&self.codice_ente, self.tipo, self.data, self.progressivo)
    }
}

/// Lenient parse (the read form of `siuss.md` §3, [`analizza_nome`]); also returns the `TIPO`
/// segment as written. `None` also when the date segment is not a calendar date.
fn leggi(id: &str) -> Option<(IdFlusso, &str)> {
    let n = analizza_nome(id)?;
    let tipo = match n.tipo {
        "SINBA" => TipoFlusso::Sinba,
        _ => TipoFlusso::PsPsaSina,
    };
    Some((
        IdFlusso {
            codice_ente: n.codice_ente.to_string(),
            tipo,
            data: n.data?,
            progressivo: n.progressivo.parse().ok()?,
        },
        n.tipo,
    ))
}

/// Whether `id` matches the write form `^[A-Z][0-9]{3}\.(PS|SINBA)\.[0-9]{8}\.[0-9]{7}$` (the
/// date segment must also be a calendar date).
fn forma_scrittura(id: &str) -> bool {
    nome_conforme_scrittura(id) && analizza_nome(id).is_some_and(|n| n.data.is_some())
}

/// Builds the `id_flusso` (and flow name) `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`
/// (`siuss.md` §3 decision); one formatter with [`crate::siuss::nome::nome_flusso`].
///
/// # Errors
/// [`CartellaError::Argomento`] when `codice_ente` is not `^[A-Z][0-9]{3}$`, `progressivo` is
/// outside 1–9 999 999 or the year of `data` is not 4 digits.
///
/// ```
/// use cartella::siuss::waas::id_flusso;
/// use cartella::siuss::TipoFlusso;
/// let data = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
/// assert_eq!(id_flusso("H501", TipoFlusso::Sinba, data, 7).unwrap(), "H501.SINBA.20240131.0000007");
/// ```
pub fn id_flusso(
    codice_ente: &str,
    tipo: TipoFlusso,
    data: NaiveDate,
    progressivo: u32,
) -> Result<String, CartellaError> {
    nome_flusso(codice_ente, tipo, data, progressivo)
}

/// Reads an `id_flusso` received or found in a flow with the lenient form.
///
/// Findings (at `path`): SIUSS-WAAS-002 (longer than 64 characters, error), SIUSS-WAAS-001
/// (not the read form, downgraded to a warning as `siuss.md` §3 prescribes for reading),
/// SIUSS-WAAS-011 (the `TIPO` segment does not fit `tipo`, when given).
///
/// ```
/// use cartella::siuss::waas::leggi_id_flusso;
/// use cartella::siuss::TipoFlusso;
/// let (id, issues) = leggi_id_flusso("H501.PS.20240101.1", Some(TipoFlusso::Sinba), "/id_flusso");
/// assert!(id.is_some());
/// assert_eq!(issues[0].rule_id, "SIUSS-WAAS-011");
/// ```
pub fn leggi_id_flusso(
    id: &str,
    tipo: Option<TipoFlusso>,
    path: &str,
) -> (Option<IdFlusso>, Vec<Issue>) {
    let mut issues = Vec::new();
    if id.chars().count() > ID_FLUSSO_MAX_CARATTERI {
        segnala(&mut issues, "SIUSS-WAAS-002", path.to_string());
    }
    match leggi(id) {
        Some((letto, _)) => {
            if tipo.is_some_and(|t| t != letto.tipo) {
                segnala(&mut issues, "SIUSS-WAAS-011", path.to_string());
            }
            (Some(letto), issues)
        }
        None => {
            issues.extend(
                issue("SIUSS-WAAS-001", path, []).map(|i| i.with_severity(Severity::Warning)),
            );
            (None, issues)
        }
    }
}

/// Checks an `id_flusso` the library writes (a `GET /flussi` entry) against the write form.
///
/// Findings (at `path`, catalogue severity): SIUSS-WAAS-002 (longer than 64 characters),
/// SIUSS-WAAS-001 (not `^[A-Z][0-9]{3}\.(PS|SINBA)\.[0-9]{8}\.[0-9]{7}$`), SIUSS-WAAS-011 (the
/// `TIPO` segment is not the segment of `tipo`, when given).
///
/// ```
/// use cartella::siuss::waas::verifica_id_flusso;
/// use cartella::siuss::TipoFlusso;
/// assert!(verifica_id_flusso("H501.PS.20240101.0000001", Some(TipoFlusso::PsPsaSina), "").is_empty());
/// assert_eq!(verifica_id_flusso("H501.PS.INPS.20160423.115235", None, "")[0].rule_id, "SIUSS-WAAS-001");
/// ```
pub fn verifica_id_flusso(id: &str, tipo: Option<TipoFlusso>, path: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    if id.chars().count() > ID_FLUSSO_MAX_CARATTERI {
        segnala(&mut issues, "SIUSS-WAAS-002", path.to_string());
    }
    if !forma_scrittura(id) {
        segnala(&mut issues, "SIUSS-WAAS-001", path.to_string());
    }
    if let (Some(tipo), Some((_, segmento))) = (tipo, leggi(id)) {
        if segmento != tipo.segmento() {
            segnala(&mut issues, "SIUSS-WAAS-011", path.to_string());
        }
    }
    issues
}

/// Allocator of the daily progressive, unique per ente, type and day (`siuss.md` §3).
///
/// The state (the last progressive given for each `{ente}.{PS|SINBA}.{yyyyMMdd}` prefix) is
/// serialisable: the caller persists it, or rebuilds it from its send register with
/// [`AllocatoreProgressivi::osserva`].
///
/// ```
/// use cartella::siuss::waas::AllocatoreProgressivi;
/// use cartella::siuss::TipoFlusso;
/// let data = chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap();
/// let mut a = AllocatoreProgressivi::new();
/// assert_eq!(a.genera("H501", TipoFlusso::PsPsaSina, data).unwrap(), "H501.PS.20240502.0000001");
/// assert_eq!(a.genera("H501", TipoFlusso::PsPsaSina, data).unwrap(), "H501.PS.20240502.0000002");
/// assert_eq!(a.genera("H501", TipoFlusso::Sinba, data).unwrap(), "H501.SINBA.20240502.0000001");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocatoreProgressivi {
    /// Last progressive given, by `{ente}.{PS|SINBA}.{yyyyMMdd}`.
    ultimi: BTreeMap<String, u32>,
}

impl AllocatoreProgressivi {
    /// An allocator that has given no progressive yet.
    pub fn new() -> AllocatoreProgressivi {
        AllocatoreProgressivi::default()
    }

    fn chiave(codice_ente: &str, tipo: TipoFlusso, data: NaiveDate) -> String {
        format!(
            "{codice_ente}.{}.{}",
            tipo.segmento(),
            data.format("%Y%m%d")
        )
    }

    /// The next progressive for the ente, type and day (1 for the first).
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the arguments cannot form an `id_flusso` (see
    /// [`id_flusso`]) or the 9 999 999 progressives of the day are used up.
    pub fn prossimo(
        &mut self,
        codice_ente: &str,
        tipo: TipoFlusso,
        data: NaiveDate,
    ) -> Result<u32, CartellaError> {
        id_flusso(codice_ente, tipo, data, 1)?;
        let ultimo = self
            .ultimi
            .entry(Self::chiave(codice_ente, tipo, data))
            .or_insert(0);
        if *ultimo >= PROGRESSIVO_MAX {
            return Err(CartellaError::Argomento {
                name: "progressivo",
                message: "the 9999999 daily progressives of this ente and type are used up".into(),
            });
        }
        *ultimo += 1;
        Ok(*ultimo)
    }

    /// Allocates the next progressive and returns the `id_flusso`.
    ///
    /// # Errors
    /// As [`AllocatoreProgressivi::prossimo`].
    pub fn genera(
        &mut self,
        codice_ente: &str,
        tipo: TipoFlusso,
        data: NaiveDate,
    ) -> Result<String, CartellaError> {
        let progressivo = self.prossimo(codice_ente, tipo, data)?;
        id_flusso(codice_ente, tipo, data, progressivo)
    }

    /// Allocates an `id_flusso` for the instant `istante`, dated with its Europe/Rome date.
    ///
    /// # Errors
    /// As [`AllocatoreProgressivi::prossimo`].
    pub fn genera_al(
        &mut self,
        codice_ente: &str,
        tipo: TipoFlusso,
        istante: DateTime<Utc>,
    ) -> Result<String, CartellaError> {
        self.genera(codice_ente, tipo, data_roma(istante))
    }

    /// Records an `id_flusso` given earlier (e.g. one in the send register), so that later
    /// progressives of its ente, type and day are greater. Ids that do not parse are ignored.
    pub fn osserva(&mut self, id: &str) {
        if let Some(id) = IdFlusso::parse(id) {
            let ultimo = self
                .ultimi
                .entry(Self::chiave(&id.codice_ente, id.tipo, id.data))
                .or_insert(0);
            *ultimo = (*ultimo).max(id.progressivo);
        }
    }

    /// Forgets the days before `data` (their progressives are no longer needed).
    pub fn dimentica_prima_di(&mut self, data: NaiveDate) {
        self.ultimi.retain(|chiave, _| {
            chiave
                .rsplit('.')
                .next()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                .is_none_or(|d| d >= data)
        });
    }
}

/// A `ts_flusso`: milliseconds since 1970-01-01T00:00:00Z, from 0 to the end of year 9999.
///
/// Written (`Display`, serde) as RFC 3339 UTC with milliseconds (`2023-11-27T11:04:56.852Z`);
/// read (`FromStr`, serde) from any RFC 3339 date-time, any offset, digits beyond the millisecond
/// dropped.
///
/// ```
/// use cartella::siuss::waas::TsFlusso;
/// let ts: TsFlusso = "2023-11-27T12:04:56.852+01:00".parse().unwrap();
/// assert_eq!(ts.to_string(), "2023-11-27T11:04:56.852Z");
/// assert_eq!(TsFlusso::new(ts.millis()), Some(ts));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TsFlusso(i64);

impl TsFlusso {
    /// Largest value: 9999-12-31T23:59:59.999Z.
    pub const MAX: i64 = 253_402_300_799_999;

    /// The `ts_flusso` of `ms` milliseconds since the epoch; `None` outside 0..=[`TsFlusso::MAX`].
    pub fn new(ms: i64) -> Option<TsFlusso> {
        (0..=Self::MAX).contains(&ms).then_some(TsFlusso(ms))
    }

    /// The current instant.
    pub fn ora() -> TsFlusso {
        TsFlusso(Utc::now().timestamp_millis().clamp(0, Self::MAX))
    }

    /// Milliseconds since the epoch (what `since` is compared with).
    pub fn millis(self) -> i64 {
        self.0
    }
}

impl fmt::Display for TsFlusso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match DateTime::<Utc>::from_timestamp_millis(self.0) {
            Some(t) => f.write_str(&t.to_rfc3339_opts(SecondsFormat::Millis, true)),
            None => write!(f, "{}", self.0),
        }
    }
}

impl FromStr for TsFlusso {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<TsFlusso, CartellaError> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .and_then(|t| TsFlusso::new(t.timestamp_millis()))
            .ok_or_else(|| CartellaError::Argomento {
                name: "ts_flusso",
                message: "not an RFC 3339 date-time between 1970 and 9999".into(),
            })
    }
}

impl Serialize for TsFlusso {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TsFlusso {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TsFlusso, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Checks a `ts_flusso` string: SIUSS-WAAS-006 at `path` when it is not an RFC 3339 date-time
/// between 1970 and 9999.
pub fn verifica_ts_flusso(ts: &str, path: &str) -> Option<Issue> {
    match ts.parse::<TsFlusso>() {
        Ok(_) => None,
        Err(_) => issue("SIUSS-WAAS-006", path, []),
    }
}

/// Allocator of `ts_flusso`, unique and strictly increasing per ente across both flow types
/// (`siuss.md` §3): `max(now_ms, last_ms + 1)`.
///
/// The state (the last value given to each ente) is serialisable; it can also be rebuilt from the
/// send register ([`crate::siuss::waas::RegistroInvii::allocatore_ts`]).
///
/// ```
/// use cartella::siuss::waas::AllocatoreTs;
/// let mut a = AllocatoreTs::new();
/// let t1 = a.prossimo_a("H501", 1_700_000_000_000).unwrap();
/// let t2 = a.prossimo_a("H501", 1_700_000_000_000).unwrap(); // same clock reading
/// let t3 = a.prossimo_a("H501", 1_600_000_000_000).unwrap(); // clock went back
/// assert!(t1 < t2 && t2 < t3);
/// assert_eq!(t1.to_string(), "2023-11-14T22:13:20.000Z");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocatoreTs {
    /// Last `ts_flusso` given, by ente.
    ultimi: BTreeMap<String, TsFlusso>,
}

impl AllocatoreTs {
    /// An allocator that has given no timestamp yet.
    pub fn new() -> AllocatoreTs {
        AllocatoreTs::default()
    }

    /// The next `ts_flusso` of the ente for a clock reading of `ora_ms` milliseconds.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the result would leave 0..=[`TsFlusso::MAX`].
    pub fn prossimo_a(
        &mut self,
        codice_ente: &str,
        ora_ms: i64,
    ) -> Result<TsFlusso, CartellaError> {
        let minimo = match self.ultimi.get(codice_ente) {
            Some(ultimo) => ultimo.0.checked_add(1),
            None => Some(0),
        };
        let ts = minimo
            .map(|m| m.max(ora_ms))
            .and_then(TsFlusso::new)
            .ok_or_else(|| CartellaError::Argomento {
                name: "ts_flusso",
                message: "timestamp out of range".into(),
            })?;
        self.ultimi.insert(codice_ente.to_string(), ts);
        Ok(ts)
    }

    /// The next `ts_flusso` of the ente, from the system clock.
    ///
    /// # Errors
    /// As [`AllocatoreTs::prossimo_a`].
    pub fn prossimo(&mut self, codice_ente: &str) -> Result<TsFlusso, CartellaError> {
        self.prossimo_a(codice_ente, Utc::now().timestamp_millis())
    }

    /// Records a `ts_flusso` given earlier to the ente, so that later ones are greater.
    pub fn osserva(&mut self, codice_ente: &str, ts: TsFlusso) {
        let ultimo = self.ultimi.entry(codice_ente.to_string()).or_insert(ts);
        *ultimo = (*ultimo).max(ts);
    }

    /// The last `ts_flusso` given to the ente.
    pub fn ultimo(&self, codice_ente: &str) -> Option<TsFlusso> {
        self.ultimi.get(codice_ente).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, g: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, g).unwrap_or_default()
    }

    #[test]
    fn write_and_read_forms() {
        let id = id_flusso("H501", TipoFlusso::PsPsaSina, d(2024, 2, 29), 42).unwrap_or_default();
        assert_eq!(id, "H501.PS.20240229.0000042");
        assert!(forma_scrittura(&id));
        let letto = IdFlusso::parse(&id).expect("parses");
        assert_eq!(letto.scrivi().ok().as_deref(), Some(id.as_str()));
        for buono in [
            "H501.PS.INPS.20160423.115235",
            "h501.PSA.20160423.12345678",
            "ABCDE.SINA.20160423.1",
            "H501.SINBA.20160423.0000001",
        ] {
            assert!(IdFlusso::parse(buono).is_some(), "{buono}");
            assert!(
                !forma_scrittura(buono) || buono.starts_with("H501.SINBA"),
                "{buono}"
            );
        }
        for cattivo in [
            "",
            "H501",
            "H501.PS.20160423",
            "H501.XX.20160423.1",
            "H501.PS.2016042.1",
            "H501.PS.20161332.1",
            "H501.PS.20160423.123456789",
            "H501.PS.20160423.",
            "H5-1.PS.20160423.1",
            "H501.PS.EXTRA.20160423.1",
            "H501.PS.20160423.1.2",
            "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABC.PS.20160423.1",
        ] {
            assert!(IdFlusso::parse(cattivo).is_none(), "{cattivo}");
            assert!(!forma_scrittura(cattivo), "{cattivo}");
        }
        for cattivo in [
            "H501.PSA.20160423.0000001",
            "H501.PS.20160423.1",
            "h501.PS.20160423.0000001",
        ] {
            assert!(!forma_scrittura(cattivo), "{cattivo}");
        }
    }

    #[test]
    fn progressives_per_ente_type_and_day() {
        let mut a = AllocatoreProgressivi::new();
        a.osserva("H501.PS.INPS.20240101.115235");
        assert_eq!(
            a.prossimo("H501", TipoFlusso::PsPsaSina, d(2024, 1, 1))
                .ok(),
            Some(115_236)
        );
        assert_eq!(
            a.prossimo("H501", TipoFlusso::PsPsaSina, d(2024, 1, 2))
                .ok(),
            Some(1)
        );
        assert_eq!(
            a.prossimo("F205", TipoFlusso::PsPsaSina, d(2024, 1, 1))
                .ok(),
            Some(1)
        );
        assert!(a
            .prossimo("bad", TipoFlusso::PsPsaSina, d(2024, 1, 1))
            .is_err());
        a.osserva("H501.SINBA.20240101.9999999");
        assert!(a
            .prossimo("H501", TipoFlusso::Sinba, d(2024, 1, 1))
            .is_err());
        a.dimentica_prima_di(d(2024, 1, 2));
        assert_eq!(
            a.prossimo("H501", TipoFlusso::Sinba, d(2024, 1, 1)).ok(),
            Some(1)
        );
        let json = serde_json::to_string(&a).unwrap_or_default();
        let b: AllocatoreProgressivi = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(a, b);
    }

    #[test]
    fn ts_limits() {
        assert!(TsFlusso::new(-1).is_none());
        assert!(TsFlusso::new(TsFlusso::MAX + 1).is_none());
        assert_eq!(
            TsFlusso::new(TsFlusso::MAX)
                .map(|t| t.to_string())
                .as_deref(),
            Some("9999-12-31T23:59:59.999Z")
        );
        assert_eq!(
            TsFlusso::new(0).map(|t| t.to_string()).as_deref(),
            Some("1970-01-01T00:00:00.000Z")
        );
        let mut a = AllocatoreTs::new();
        a.osserva("H501", TsFlusso(TsFlusso::MAX));
        assert!(a.prossimo_a("H501", 0).is_err());
        assert!("2023-11-27T11:04:56.8529Z".parse::<TsFlusso>().is_ok());
        assert!("2023-11-27T11:04Z".parse::<TsFlusso>().is_err());
        assert!("1969-12-31T23:59:59Z".parse::<TsFlusso>().is_err());
    }
}
