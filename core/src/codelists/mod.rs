//! Code lists, registered tables and concept maps (`codelists.md`, decision D1).
//!
//! Code lists are **data**: the lists of the specification are embedded in the crate and loaded
//! into a [`Registro`], an immutable-by-convention value handed to validators and writers (no
//! global state). Regional code systems whose values are unknown are **open**: any well-formed code
//! is accepted (notice `CSI-COD-004`) until a table is registered for that system with
//! [`Registro::registra_tabella`]; from then on membership is enforced (`CSI-COD-003`).
//!
//! ```
//! use cartella::codelists::{Registro, Verifica};
//! let mut registro = Registro::standard().clone();
//! let esito = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2";
//! assert!(matches!(registro.verifica(esito, "01", None), Verifica::SistemaAperto));
//! registro.registra_tabella(esito, [("01", Some("Presa in carico"))]).unwrap();
//! assert!(matches!(registro.verifica(esito, "01", None), Verifica::Valido(_)));
//! assert!(matches!(registro.verifica(esito, "99", None), Verifica::NonInTabella));
//! assert_eq!(registro.label("INPS.PS_PSA_SINA201812.CaratterePrestazioneType", "1"), Some("Periodico"));
//! ```

mod files;

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::CartellaError;
pub use files::FILES;
// Lookup tables keyed by short strings from trusted data (embedded files, tables the caller
// registers): rustc's Fx hash, whose speed shows on every coded value validated, instead of SipHash,
// whose DoS resistance buys nothing here.
use rustc_hash::FxHashMap;

/// Name of the pseudo-system listing the open regional systems.
pub const OPEN_SYSTEMS: &str = "CSI-OPEN-SYSTEMS";
/// The regional code system of the phase codes (`encounterEvent/code`).
pub const SISTEMA_CODICE_FASE: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.1";
/// The INPS prestazioni table (open-extensible).
pub const SISTEMA_PRESTAZIONI_INPS: &str = "INPS.SIUSS.CodicePrestazione";

/// The contents of an embedded code-list file, by file name.
pub fn file(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// How values of a code system are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TipoSistema {
    /// A closed list: only listed values are valid.
    Chiuso,
    /// Listed values are fine; well-formed unlisted values are accepted with a warning
    /// (the INPS prestazioni table).
    ApertoEstendibile,
    /// A table registered at run time (or a registered seed): membership and validity enforced.
    TabellaRegistrata,
}

/// One code of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Voce {
    /// The code as written on the wire.
    pub code: String,
    /// Italian label, when known.
    pub label: Option<String>,
    /// First day of validity.
    pub valido_dal: Option<NaiveDate>,
    /// Last day of validity.
    pub valido_al: Option<NaiveDate>,
}

impl Voce {
    /// Whether the code is valid on `date` (`valido_dal ≤ date ≤ valido_al`, open bounds).
    pub fn valida_il(&self, date: NaiveDate) -> bool {
        self.valido_dal.is_none_or(|d| d <= date) && self.valido_al.is_none_or(|d| date <= d)
    }
}

/// A code table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tabella {
    /// System identifier (OID or library/INPS name).
    pub system: String,
    /// Descriptive name, when known.
    pub nome: Option<String>,
    /// How membership is checked.
    pub tipo: TipoSistema,
    voci: Vec<Voce>,
    #[serde(skip)]
    index: FxHashMap<String, usize>,
}

impl Tabella {
    /// A table from its rows (the last row wins for a repeated code).
    pub fn new(system: impl Into<String>, tipo: TipoSistema, voci: Vec<Voce>) -> Tabella {
        let mut index = FxHashMap::with_capacity_and_hasher(voci.len(), Default::default());
        let mut dedup: Vec<Voce> = Vec::with_capacity(voci.len());
        for voce in voci {
            match index.get(&voce.code) {
                Some(&i) => dedup[i] = voce,
                None => {
                    index.insert(voce.code.clone(), dedup.len());
                    dedup.push(voce);
                }
            }
        }
        Tabella {
            system: system.into(),
            nome: None,
            tipo,
            voci: dedup,
            index,
        }
    }

    /// The rows, in file order.
    pub fn voci(&self) -> &[Voce] {
        &self.voci
    }

    /// The row of a code.
    pub fn get(&self, code: &str) -> Option<&Voce> {
        self.index.get(code).map(|&i| &self.voci[i])
    }

    /// Whether the table holds no row.
    pub fn is_empty(&self) -> bool {
        self.voci.is_empty()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.voci.len()
    }
}

/// Outcome of checking a code against the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verifica<'a> {
    /// The code is in the table and valid at the date given.
    Valido(&'a Voce),
    /// The code is in the table but not valid at the date given (`CSI-COD-006`).
    NonValidoAllaData(&'a Voce),
    /// The system has a table and the code is not in it (`CSI-COD-003`, or the INPS rule of a
    /// closed INPS list; a warning for open-extensible tables).
    NonInTabella,
    /// The system is an open regional system without a registered table (`CSI-COD-004`).
    SistemaAperto,
    /// The system is neither registered nor a known open system.
    SistemaSconosciuto,
}

/// Code lists, registered tables, open systems and concept maps.
///
/// Clone [`Registro::standard`] and register tables on the copy; share it with validators through
/// an `Arc`.
#[derive(Debug, Clone, Default)]
pub struct Registro {
    tabelle: FxHashMap<String, Arc<Tabella>>,
    aperti: BTreeMap<String, String>,
    /// origin system → destination system → source code → target code.
    mappe: HashMap<String, HashMap<String, HashMap<String, String>>>,
    codici_fase_default: Vec<Voce>,
}

fn parse_opt_date(
    s: Option<&str>,
    table: &str,
    line: u64,
) -> Result<Option<NaiveDate>, CartellaError> {
    match s.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => crate::refdata::data_iso(v)
            .map(Some)
            .map_err(|e| CartellaError::Tabella {
                table: table.to_string(),
                message: format!("line {line}: date {v:?}: {e}"),
            }),
    }
}

/// Reads a code-list CSV (`code,label,system,source[,valido_dal,valido_al]`) into `(system, Voce)`.
fn read_code_csv(name: &str, reader: impl Read) -> Result<Vec<(String, Voce)>, CartellaError> {
    let err = |line: u64, message: String| CartellaError::Tabella {
        table: name.to_string(),
        message: format!("line {line}: {message}"),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(reader);
    let headers = rdr.headers().map_err(|e| err(1, e.to_string()))?.clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (Some(c_code), Some(c_system)) = (col("code"), col("system")) else {
        return Err(err(
            1,
            "header must contain code and system (code,label,system,source[,valido_dal,valido_al])"
                .into(),
        ));
    };
    let (c_label, c_dal, c_al) = (col("label"), col("valido_dal"), col("valido_al"));
    let mut out = Vec::new();
    for record in rdr.records() {
        let record =
            record.map_err(|e| err(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let code = record.get(c_code).unwrap_or_default();
        if code.is_empty() {
            return Err(err(line, "empty code".into()));
        }
        let system = record.get(c_system).unwrap_or_default();
        if system.is_empty() {
            return Err(err(line, "empty system".into()));
        }
        let label = c_label
            .and_then(|c| record.get(c))
            .filter(|l| !l.is_empty())
            .map(str::to_string);
        let voce = Voce {
            code: code.to_string(),
            label,
            valido_dal: parse_opt_date(c_dal.and_then(|c| record.get(c)), name, line)?,
            valido_al: parse_opt_date(c_al.and_then(|c| record.get(c)), name, line)?,
        };
        out.push((system.to_string(), voce));
    }
    Ok(out)
}

impl Registro {
    /// An empty registry: no list, no open system.
    pub fn vuoto() -> Registro {
        Registro::default()
    }

    /// The standard registry: every closed list of the specification, the open-extensible INPS
    /// prestazioni table and the open regional systems. Registered-table seeds (the Lombardy ATS
    /// list) are **not** registered (`codelists.md` §7).
    pub fn standard() -> &'static Registro {
        Registro::standard_condiviso()
    }

    /// The standard registry behind a shared pointer: what a [`Validator`](crate::rules::Validator)
    /// without a registry of its own holds (cloning the pointer, never the tables, which cost
    /// milliseconds to copy).
    pub(crate) fn standard_condiviso() -> &'static Arc<Registro> {
        static STANDARD: OnceLock<Arc<Registro>> = OnceLock::new();
        STANDARD.get_or_init(|| Arc::new(Registro::build_standard().unwrap_or_default()))
    }

    fn build_standard() -> Result<Registro, CartellaError> {
        let mut registro = Registro::default();
        let index = file("index.csv").unwrap_or_default();
        let mut rdr = csv::ReaderBuilder::new().from_reader(index.as_bytes());
        for record in rdr.records() {
            let record = record.map_err(|e| CartellaError::Tabella {
                table: "index.csv".into(),
                message: e.to_string(),
            })?;
            let (name, system, label, closed) = (
                record.get(0).unwrap_or_default(),
                record.get(1).unwrap_or_default(),
                record.get(2).unwrap_or_default(),
                record.get(4).unwrap_or_default(),
            );
            let Some(contents) = file(name) else { continue };
            match (name, closed) {
                ("open-systems.csv", _) => {
                    for (_, voce) in read_code_csv(name, contents.as_bytes())? {
                        registro
                            .aperti
                            .insert(voce.code, voce.label.unwrap_or_default());
                    }
                }
                ("csi-codice-fase-default.csv", _) => {
                    registro.codici_fase_default = read_code_csv(name, contents.as_bytes())?
                        .into_iter()
                        .map(|(_, v)| v)
                        .collect();
                }
                (_, "closed") | (_, "open-extensible") => {
                    let tipo = if closed == "closed" {
                        TipoSistema::Chiuso
                    } else {
                        TipoSistema::ApertoEstendibile
                    };
                    let voci = read_code_csv(name, contents.as_bytes())?
                        .into_iter()
                        .map(|(_, v)| v)
                        .collect();
                    let mut tabella = Tabella::new(system, tipo, voci);
                    tabella.nome = Some(label.to_string()).filter(|l| !l.is_empty());
                    registro
                        .tabelle
                        .insert(system.to_string(), Arc::new(tabella));
                }
                _ => {}
            }
        }
        Ok(registro)
    }

    /// Registers (or replaces) the table of `system`. Registering a table for an open regional
    /// system turns membership checking on for it (D1).
    pub fn registra_tabella<'a, L: Into<Option<&'a str>>>(
        &mut self,
        system: &str,
        righe: impl IntoIterator<Item = (&'a str, L)>,
    ) -> Result<(), CartellaError> {
        let voci = righe
            .into_iter()
            .map(|(code, label)| Voce {
                code: code.to_string(),
                label: label.into().map(str::to_string),
                valido_dal: None,
                valido_al: None,
            })
            .collect();
        self.registra_voci(system, voci)
    }

    /// Registers (or replaces) the table of `system` from full rows (with validity dates).
    pub fn registra_voci(&mut self, system: &str, voci: Vec<Voce>) -> Result<(), CartellaError> {
        if system.trim().is_empty() {
            return Err(CartellaError::Argomento {
                name: "system",
                message: "empty code system".into(),
            });
        }
        if let Some(v) = voci.iter().find(|v| v.code.is_empty()) {
            return Err(CartellaError::Tabella {
                table: system.to_string(),
                message: format!("empty code (label {:?})", v.label),
            });
        }
        let tabella = Tabella::new(system, TipoSistema::TabellaRegistrata, voci);
        self.tabelle.insert(system.to_string(), Arc::new(tabella));
        Ok(())
    }

    /// Registers the tables of a CSV in the format of `codelists.md` §2.2
    /// (`code,label,system,source` plus optional `valido_dal,valido_al`); one table per system
    /// found in the file. Returns the systems registered.
    pub fn registra_csv(&mut self, reader: impl Read) -> Result<Vec<String>, CartellaError> {
        let rows = read_code_csv("csv", reader)?;
        let mut by_system: BTreeMap<String, Vec<Voce>> = BTreeMap::new();
        for (system, voce) in rows {
            by_system.entry(system).or_default().push(voce);
        }
        let systems: Vec<String> = by_system.keys().cloned().collect();
        for (system, voci) in by_system {
            self.registra_voci(&system, voci)?;
        }
        Ok(systems)
    }

    /// Registers the Lombardy ATS seed list (`lombardia-ats.csv`, unverified labels).
    pub fn registra_seed_ats(&mut self) -> Result<(), CartellaError> {
        let contents = file("lombardia-ats.csv").unwrap_or_default();
        self.registra_csv(contents.as_bytes()).map(|_| ())
    }

    /// Registers a concept map from `sistema_origine` to `sistema_destinazione` (one target per
    /// source code; re-registering replaces the map).
    pub fn registra_mappa<'a>(
        &mut self,
        sistema_origine: &str,
        sistema_destinazione: &str,
        coppie: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        let map = coppie
            .into_iter()
            .map(|(s, t)| (s.to_string(), t.to_string()))
            .collect();
        self.mappe
            .entry(sistema_origine.to_string())
            .or_default()
            .insert(sistema_destinazione.to_string(), map);
    }

    /// Registers the concept maps of a CSV `source_system,source_code,target_system,target_code,source`.
    pub fn registra_mappe_csv(&mut self, reader: impl Read) -> Result<(), CartellaError> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(reader);
        let mut maps: HashMap<String, HashMap<String, HashMap<String, String>>> = HashMap::new();
        for record in rdr.records() {
            let record = record.map_err(|e| CartellaError::Tabella {
                table: "concept map".into(),
                message: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let f = |i| record.get(i).unwrap_or_default().to_string();
            if f(0).is_empty() || f(1).is_empty() || f(2).is_empty() || f(3).is_empty() {
                return Err(CartellaError::Tabella {
                    table: "concept map".into(),
                    message: format!("line {line}: empty field"),
                });
            }
            maps.entry(f(0))
                .or_default()
                .entry(f(2))
                .or_default()
                .insert(f(1), f(3));
        }
        for (origine, per_destinazione) in maps {
            self.mappe
                .entry(origine)
                .or_default()
                .extend(per_destinazione);
        }
        Ok(())
    }

    /// Translates a code through a registered concept map.
    pub fn traduci(
        &self,
        sistema_origine: &str,
        code: &str,
        sistema_destinazione: &str,
    ) -> Option<&str> {
        self.mappe
            .get(sistema_origine)
            .and_then(|m| m.get(sistema_destinazione))
            .and_then(|m| m.get(code))
            .map(String::as_str)
    }

    /// Whether a concept map between the two systems is registered.
    pub fn ha_mappa(&self, sistema_origine: &str, sistema_destinazione: &str) -> bool {
        self.mappe
            .get(sistema_origine)
            .is_some_and(|m| m.contains_key(sistema_destinazione))
    }

    /// The table of a system, if one is registered or embedded.
    pub fn tabella(&self, system: &str) -> Option<&Tabella> {
        self.tabelle.get(system).map(Arc::as_ref)
    }

    /// The systems that have a table, sorted.
    pub fn sistemi(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.tabelle.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// The open regional systems (OID → meaning), including those that now have a table.
    pub fn sistemi_aperti(&self) -> &BTreeMap<String, String> {
        &self.aperti
    }

    /// Whether `system` is an open regional system **without** a registered table.
    pub fn is_aperto(&self, system: &str) -> bool {
        self.aperti.contains_key(system) && !self.tabelle.contains_key(system)
    }

    /// The row of a code.
    pub fn lookup(&self, system: &str, code: &str) -> Option<&Voce> {
        self.tabella(system).and_then(|t| t.get(code))
    }

    /// The label of a code.
    pub fn label(&self, system: &str, code: &str) -> Option<&str> {
        self.lookup(system, code).and_then(|v| v.label.as_deref())
    }

    /// Checks a code of a system, optionally at a reference date.
    pub fn verifica(&self, system: &str, code: &str, at: Option<NaiveDate>) -> Verifica<'_> {
        self.verifica_in(self.tabella(system), system, code, at)
    }

    /// [`Registro::verifica`] with the table of `system` already looked up
    /// (`self.tabella(system)`), for callers that need the table anyway.
    pub(crate) fn verifica_in<'r>(
        &'r self,
        tabella: Option<&'r Tabella>,
        system: &str,
        code: &str,
        at: Option<NaiveDate>,
    ) -> Verifica<'r> {
        match tabella {
            Some(t) => match t.get(code) {
                Some(v) if at.is_none_or(|d| v.valida_il(d)) => Verifica::Valido(v),
                Some(v) => Verifica::NonValidoAllaData(v),
                None => Verifica::NonInTabella,
            },
            None if self.aperti.contains_key(system) => Verifica::SistemaAperto,
            None => Verifica::SistemaSconosciuto,
        }
    }

    /// The phase code written by default for a phase kind token (`csi-codice-fase-default.csv`):
    /// the rows of the file, in order (A…E).
    pub fn codici_fase_default(&self) -> &[Voce] {
        &self.codici_fase_default
    }
}

/// Reads the attribute table `inps-prestazioni-attributi.csv`: `(code, attribute, value)`.
pub fn attributi_prestazioni() -> Vec<(&'static str, &'static str, &'static str)> {
    file("inps-prestazioni-attributi.csv")
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((it.next()?, it.next()?, it.next()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_as_with_the_format_string() {
        let chrono = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        for s in [
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "9999-12-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "2024-1-05",
            "2024-01-5",
            "+2024-01-05",
            "2024/01/05",
            "2024-01-05 ",
            "20240105",
            "",
            "abcd-ef-gh",
            "２０２４-01-05",
        ] {
            let fast = crate::refdata::data_iso_veloce(s);
            if fast.is_some() {
                assert_eq!(fast, chrono(s), "{s:?}");
            }
            // Anything the fast path declines goes to chrono: same outcome overall.
            assert_eq!(crate::refdata::data_iso(s).ok(), chrono(s), "{s:?}");
        }
        assert_eq!(
            crate::refdata::data_iso_veloce("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(crate::refdata::data_iso_veloce("2023-02-29"), None);
    }

    #[test]
    fn standard_registry_has_every_closed_list_and_open_system() {
        let r = Registro::standard();
        assert!(r.sistemi().len() >= 70, "{}", r.sistemi().len());
        assert_eq!(r.sistemi_aperti().len(), 63);
        assert!(r.is_aperto("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2"));
        assert_eq!(
            r.tabella(SISTEMA_PRESTAZIONI_INPS).map(|t| t.tipo),
            Some(TipoSistema::ApertoEstendibile)
        );
        assert_eq!(
            r.tabella("CSI-LIB-TIPO-FASE").map(|t| t.tipo),
            Some(TipoSistema::Chiuso)
        );
        assert!(
            r.tabella("2.16.840.1.113883.2.9.2.30.4.11").is_none(),
            "ATS seed not registered by default"
        );
        assert_eq!(r.codici_fase_default().len(), 5);
        assert!(matches!(
            r.verifica("NOPE", "x", None),
            Verifica::SistemaSconosciuto
        ));
    }

    #[test]
    fn registration_enforces_membership_and_validity() {
        let mut r = Registro::standard().clone();
        let sys = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3";
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let csv = format!(
            "code,label,system,source,valido_dal,valido_al\n1,Uno,{sys},D,2017-01-01,2020-12-31\n"
        );
        assert_eq!(
            r.registra_csv(csv.as_bytes()).unwrap(),
            vec![sys.to_string()]
        );
        assert!(!r.is_aperto(sys));
        assert!(matches!(
            r.verifica(sys, "1", Some(d("2018-05-01"))),
            Verifica::Valido(_)
        ));
        assert!(matches!(
            r.verifica(sys, "1", Some(d("2021-01-01"))),
            Verifica::NonValidoAllaData(_)
        ));
        assert!(matches!(r.verifica(sys, "2", None), Verifica::NonInTabella));
        // the standard registry is untouched
        assert!(Registro::standard().is_aperto(sys));
        r.registra_seed_ats().unwrap();
        assert_eq!(
            r.label("2.16.840.1.113883.2.9.2.30.4.11", "321"),
            Some("ATS della Città Metropolitana di Milano")
        );
    }

    #[test]
    fn malformed_tables_are_errors_with_lines() {
        let mut r = Registro::vuoto();
        let e = r
            .registra_csv("code,label,system,source\n,x,S,D\n".as_bytes())
            .unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        let e = r.registra_csv("code,label\n1,x\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("header"), "{e}");
        let e = r
            .registra_csv("code,label,system,source,valido_dal\n1,x,S,D,2020-13-01\n".as_bytes())
            .unwrap_err();
        assert!(e.to_string().contains("date"), "{e}");
    }

    #[test]
    fn concept_maps_translate() {
        let mut r = Registro::vuoto();
        r.registra_mappa(
            "ISTAT-AREA-UTENZA",
            "INPS.PS_PSA_SINA201812.AreaUtenzaType",
            [("FAM", "1")],
        );
        assert_eq!(
            r.traduci(
                "ISTAT-AREA-UTENZA",
                "FAM",
                "INPS.PS_PSA_SINA201812.AreaUtenzaType"
            ),
            Some("1")
        );
        assert_eq!(
            r.traduci(
                "ISTAT-AREA-UTENZA",
                "DIS",
                "INPS.PS_PSA_SINA201812.AreaUtenzaType"
            ),
            None
        );
        r.registra_mappe_csv(
            "source_system,source_code,target_system,target_code,source\nA,x,B,y,D\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(r.traduci("A", "x", "B"), Some("y"));
        assert!(r.ha_mappa("A", "B"));
    }

    #[test]
    fn prestazioni_attributes_are_read() {
        let a = attributi_prestazioni();
        assert!(a.contains(&("A2.16", "richiede_presa_in_carico", "true")));
    }
}
