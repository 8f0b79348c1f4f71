//! The rule catalogue: every rule of `rules.md`, loaded from the embedded `rules.csv`.
//!
//! The catalogue is data compiled into the crate (decision D6): ids, severities, profiles, rule
//! sets with their effective dates, sources, references and the Italian/English message templates.
//! A test keeps the embedded copy identical to the specification's `rules.csv`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

use super::issue::{Profile, Severity};
use rustc_hash::FxHashMap;

/// The embedded catalogue, byte-identical to the specification's `rules.csv`.
pub const RULES_CSV: &str = include_str!("../../data/rules.csv");

/// Where a rule is evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// While reading XML (HL7 interscambio or INPS flows): `XML-*`, `CSI-CMP-*`, `CSI-ENV-*`.
    Xml,
    /// On a canonical `Cartella` or `MessaggioInterscambio`, however it was obtained: `CSI-*`, `CF-*`.
    Canonical,
    /// On a derived or read INPS flow: `SIUSS-PS-*`, `SIUSS-SINA-*`, `SIUSS-SINBA-*`.
    Siuss,
    /// On WaaS API inputs and outputs: `SIUSS-WAAS-*`.
    Waas,
}

impl Stage {
    /// The token used in JSON and by the CLI: `xml`, `canonical`, `siuss`, `waas`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Xml => "xml",
            Stage::Canonical => "canonical",
            Stage::Siuss => "siuss",
            Stage::Waas => "waas",
        }
    }

    fn of(id: &str) -> Stage {
        if id.starts_with("XML-") || id.starts_with("CSI-CMP-") || id.starts_with("CSI-ENV-") {
            Stage::Xml
        } else if id.starts_with("SIUSS-WAAS-") {
            Stage::Waas
        } else if id.starts_with("SIUSS-") {
            Stage::Siuss
        } else {
            Stage::Canonical
        }
    }
}

/// One rule of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDef {
    /// Stable identifier, e.g. `CSI-ANA-002`.
    pub id: String,
    /// Severity of the findings of this rule.
    pub severity: Severity,
    /// Profile the rule belongs to.
    pub profile: Profile,
    /// Rule set (D6), e.g. `CSI-2016`.
    pub ruleset: String,
    /// First day the rule set is in force (none: no lower bound).
    pub valid_from: Option<NaiveDate>,
    /// Last day the rule set is in force (none: still in force).
    pub valid_to: Option<NaiveDate>,
    /// Provenance tags (`A`, `B`, `INPS`, `D`).
    pub source: Vec<String>,
    /// The XSD constraint, INPS table or spec section the rule enforces.
    pub reference: String,
    /// What the rule checks (English).
    pub description: String,
    /// Italian message template (`{param}` placeholders).
    pub message_it: String,
    /// English message template (`{param}` placeholders).
    pub message_en: String,
    /// Names of the message parameters.
    pub params: Vec<String>,
    /// Where the rule is evaluated.
    pub stage: Stage,
}

impl RuleDef {
    /// Whether the rule's rule set is in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= date) && self.valid_to.is_none_or(|to| date <= to)
    }

    /// The rule-id family, e.g. `CSI-ANA` for `CSI-ANA-002`, `CF` for `CF-001`.
    pub fn family(&self) -> &str {
        self.id
            .rsplit_once('-')
            .map_or(self.id.as_str(), |(f, _)| f)
    }

    /// Source tags written as in the specification, e.g. `[B][INPS]`.
    pub fn source_tags(&self) -> String {
        self.source.iter().map(|s| format!("[{s}]")).collect()
    }
}

/// A rule set with its effective-date range (D6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSet {
    /// Name, e.g. `SIUSS-PS-201812`.
    pub name: String,
    /// First day in force.
    pub valid_from: Option<NaiveDate>,
    /// Last day in force.
    pub valid_to: Option<NaiveDate>,
    /// Number of rules in the set.
    pub rules: usize,
}

/// The parsed catalogue.
pub struct Catalogo {
    rules: Vec<RuleDef>,
    index: FxHashMap<String, usize>,
    rulesets: Vec<RuleSet>,
    /// The Italian and English message templates of each rule, split at their placeholders.
    modelli: Vec<[Modello; 2]>,
}

impl fmt::Debug for Catalogo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The split templates are derived data: not shown.
        f.debug_struct("Catalogo")
            .field("rules", &self.rules)
            .field("index", &self.index)
            .field("rulesets", &self.rulesets)
            .finish()
    }
}

/// A piece of a message template: byte range of literal text or of a placeholder's name.
#[derive(Debug, Clone, Copy)]
enum Pezzo {
    Testo(usize, usize),
    Param(usize, usize),
}

/// The parameters of a finding, read once for both of its messages.
pub(crate) struct Valori<'a> {
    /// The first parameters (all of them, usually), in key order.
    coppie: [(&'a str, &'a str); Valori::N],
    n: usize,
    params: &'a BTreeMap<String, String>,
    /// Bytes of all values.
    totale: usize,
}

impl<'a> Valori<'a> {
    const N: usize = 4;

    pub(crate) fn di(params: &'a BTreeMap<String, String>) -> Valori<'a> {
        let mut v = Valori {
            coppie: [("", ""); Valori::N],
            n: 0,
            params,
            totale: 0,
        };
        for (k, x) in params {
            if v.n < Valori::N {
                v.coppie[v.n] = (k, x);
            }
            v.n += 1;
            v.totale += x.len();
        }
        v
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        if self.n <= Valori::N {
            // Keys are unique: the first match is the value.
            self.coppie[..self.n]
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| *v)
        } else {
            self.params.get(name).map(String::as_str)
        }
    }
}

/// A message template split once at its `{name}` placeholders, so that rendering a finding does
/// not scan the text again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Modello {
    testo: String,
    /// Byte ranges into `testo` (`{`, `}` are ASCII: always on character boundaries).
    pezzi: Vec<Pezzo>,
    /// Bytes of literal text.
    fisso: usize,
}

impl Modello {
    /// Splits `template`. A `{` without a closing `}` and everything after it are text.
    pub(crate) fn di(template: &str) -> Modello {
        fn testo(m: &mut Modello, da: usize, a: usize) {
            if a > da {
                m.pezzi.push(Pezzo::Testo(da, a));
                m.fisso += a - da;
            }
        }
        let mut m = Modello {
            testo: template.to_string(),
            ..Modello::default()
        };
        let b = template.as_bytes();
        let mut da = 0;
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'{' {
                i += 1;
                continue;
            }
            let Some(fine) = b[i + 1..]
                .iter()
                .position(|c| *c == b'}')
                .map(|p| i + 1 + p)
            else {
                break;
            };
            testo(&mut m, da, i);
            m.pezzi.push(Pezzo::Param(i + 1, fine));
            i = fine + 1;
            da = i;
        }
        testo(&mut m, da, b.len());
        m
    }

    /// Renders the template: each placeholder is replaced by its parameter; an unknown
    /// placeholder is kept as written.
    pub(crate) fn render(&self, params: &Valori<'_>) -> String {
        let template = self.testo.as_str();
        let mut out = String::with_capacity(self.fisso + params.totale);
        for pezzo in &self.pezzi {
            match *pezzo {
                Pezzo::Testo(da, a) => out.push_str(&template[da..a]),
                Pezzo::Param(da, a) => {
                    let name = &template[da..a];
                    match params.get(name) {
                        Some(value) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                }
            }
        }
        out
    }
}

/// Error found while parsing a catalogue CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    /// 1-based line of the CSV.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rules.csv line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CatalogueError {}

fn parse_date(s: &str, line: u64) -> Result<Option<NaiveDate>, CatalogueError> {
    if s.is_empty() {
        return Ok(None);
    }
    crate::refdata::data_iso(s)
        .map(Some)
        .map_err(|e| CatalogueError {
            line,
            message: format!("date {s:?}: {e}"),
        })
}

impl Catalogo {
    /// Parses a catalogue in the `rules.csv` format.
    pub fn parse(csv_text: &str) -> Result<Catalogo, CatalogueError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(csv_text.as_bytes());
        let expected = [
            "id",
            "severity",
            "profile",
            "ruleset",
            "valid_from",
            "valid_to",
            "source",
            "reference",
            "check_en",
            "message_it",
            "message_en",
            "params",
        ];
        let headers = reader
            .headers()
            .map_err(|e| CatalogueError {
                line: 1,
                message: e.to_string(),
            })?
            .clone();
        if headers.iter().collect::<Vec<_>>() != expected {
            return Err(CatalogueError {
                line: 1,
                message: format!("unexpected header {headers:?}"),
            });
        }
        let mut rules = Vec::new();
        let mut index = FxHashMap::default();
        for record in reader.records() {
            let record = record.map_err(|e| CatalogueError {
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            })?;
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).unwrap_or_default().to_string();
            let severity = match record.get(1) {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                Some("info") => Severity::Info,
                other => {
                    return Err(CatalogueError {
                        line,
                        message: format!("severity {other:?}"),
                    })
                }
            };
            let profile = match record.get(2) {
                Some("schema") => Profile::Schema,
                Some("guideline") => Profile::Guideline,
                Some("siuss") => Profile::Siuss,
                other => {
                    return Err(CatalogueError {
                        line,
                        message: format!("profile {other:?}"),
                    })
                }
            };
            let id = field(0);
            let rule = RuleDef {
                stage: Stage::of(&id),
                id: id.clone(),
                severity,
                profile,
                ruleset: field(3),
                valid_from: parse_date(&field(4), line)?,
                valid_to: parse_date(&field(5), line)?,
                source: field(6).split_whitespace().map(str::to_string).collect(),
                reference: field(7),
                description: field(8),
                message_it: field(9),
                message_en: field(10),
                params: field(11)
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
            };
            if index.insert(id.clone(), rules.len()).is_some() {
                return Err(CatalogueError {
                    line,
                    message: format!("duplicate rule id {id}"),
                });
            }
            rules.push(rule);
        }
        let mut rulesets: Vec<RuleSet> = Vec::new();
        for rule in &rules {
            match rulesets.iter_mut().find(|s| s.name == rule.ruleset) {
                Some(set) => {
                    if set.valid_from != rule.valid_from || set.valid_to != rule.valid_to {
                        return Err(CatalogueError {
                            line: 0,
                            message: format!(
                                "rule {} disagrees with the dates of rule set {}",
                                rule.id, set.name
                            ),
                        });
                    }
                    set.rules += 1;
                }
                None => rulesets.push(RuleSet {
                    name: rule.ruleset.clone(),
                    valid_from: rule.valid_from,
                    valid_to: rule.valid_to,
                    rules: 1,
                }),
            }
        }
        let modelli = rules
            .iter()
            .map(|r| [Modello::di(&r.message_it), Modello::di(&r.message_en)])
            .collect();
        Ok(Catalogo {
            rules,
            index,
            rulesets,
            modelli,
        })
    }

    /// Every rule, in catalogue order.
    pub fn rules(&self) -> &[RuleDef] {
        &self.rules
    }

    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&RuleDef> {
        self.index.get(id).map(|&i| &self.rules[i])
    }

    /// The rule with this id and its message templates (Italian, English).
    pub(crate) fn get_con_modelli(&self, id: &str) -> Option<(&RuleDef, &[Modello; 2])> {
        self.index
            .get(id)
            .map(|&i| (&self.rules[i], &self.modelli[i]))
    }

    /// The rule sets, in catalogue order.
    pub fn rulesets(&self) -> &[RuleSet] {
        &self.rulesets
    }
}

/// The catalogue embedded in the crate.
///
/// The embedded CSV is checked by the crate's tests; should it ever fail to parse, the catalogue is
/// empty and every finding is dropped, which the tests would catch.
pub fn catalogo() -> &'static Catalogo {
    static CATALOGO: OnceLock<Catalogo> = OnceLock::new();
    CATALOGO.get_or_init(|| {
        Catalogo::parse(RULES_CSV).unwrap_or_else(|_| Catalogo {
            rules: Vec::new(),
            modelli: Vec::new(),
            index: FxHashMap::default(),
            rulesets: Vec::new(),
        })
    })
}

/// The rule with this id in the embedded catalogue.
pub fn regola(id: &str) -> Option<&'static RuleDef> {
    catalogo().get(id)
}

/// The rule with this id in the embedded catalogue, with its message templates.
pub(crate) fn regola_con_modelli(id: &str) -> Option<(&'static RuleDef, &'static [Modello; 2])> {
    catalogo().get_con_modelli(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_parses_with_every_rule() {
        let cat = Catalogo::parse(RULES_CSV).expect("embedded rules.csv parses");
        assert_eq!(cat.rules().len(), 414);
        let cf = cat.get("CF-001").unwrap();
        assert_eq!(cf.severity, Severity::Error);
        assert_eq!(cf.profile, Profile::Schema);
        assert_eq!(cf.params, vec!["cf".to_string()]);
        assert_eq!(cf.stage, Stage::Canonical);
        assert_eq!(cat.get("XML-001").unwrap().stage, Stage::Xml);
        assert_eq!(cat.get("SIUSS-WAAS-001").unwrap().stage, Stage::Waas);
        assert_eq!(cf.family(), "CF");
        assert_eq!(cat.get("CSI-ANA-002").unwrap().family(), "CSI-ANA");
    }

    #[test]
    fn split_templates_render_every_message_as_the_text_scan() {
        // The rendering the split templates replace.
        fn scan(template: &str, params: &BTreeMap<String, String>) -> String {
            let mut out = String::new();
            let b = template.as_bytes();
            let (mut da, mut i) = (0, 0);
            while i < b.len() {
                if b[i] != b'{' {
                    i += 1;
                    continue;
                }
                let Some(fine) = b[i + 1..]
                    .iter()
                    .position(|c| *c == b'}')
                    .map(|p| i + 1 + p)
                else {
                    break;
                };
                out.push_str(&template[da..i]);
                let name = &template[i + 1..fine];
                match params.get(name) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(&template[i..=fine]),
                }
                i = fine + 1;
                da = i;
            }
            out.push_str(&template[da..]);
            out
        }
        let cat = catalogo();
        for rule in cat.rules() {
            let (r, modelli) = cat.get_con_modelli(&rule.id).unwrap();
            assert!(std::ptr::eq(r, rule));
            // All parameters, some, none, and more than fit the inline array.
            let tutti: BTreeMap<String, String> = rule
                .params
                .iter()
                .enumerate()
                .map(|(i, p)| (p.clone(), format!("v{i}-à")))
                .collect();
            let meta: BTreeMap<String, String> = tutti
                .iter()
                .skip(1)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let molti: BTreeMap<String, String> = tutti
                .clone()
                .into_iter()
                .chain((0..6).map(|i| (format!("x{i}"), "x".to_string())))
                .collect();
            for params in [&tutti, &meta, &BTreeMap::new(), &molti] {
                let valori = Valori::di(params);
                assert_eq!(
                    modelli[0].render(&valori),
                    scan(&rule.message_it, params),
                    "{}",
                    rule.id
                );
                assert_eq!(
                    modelli[1].render(&valori),
                    scan(&rule.message_en, params),
                    "{}",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn rule_sets_have_the_dates_of_rules_md() {
        let cat = catalogo();
        let get = |n: &str| cat.rulesets().iter().find(|s| s.name == n).unwrap().clone();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(get("CSI-2016").valid_from, d("2016-08-02"));
        assert_eq!(get("CF-1").valid_from, None);
        assert_eq!(get("SIUSS-PS-201812").valid_from, d("2018-12-01"));
        assert_eq!(get("SIUSS-SINBA-1.0.0").valid_from, d("2016-11-07"));
        assert_eq!(get("WAAS-1").valid_from, d("2023-02-08"));
        assert_eq!(get("WAAS-2.0").valid_from, d("2024-06-12"));
        let csi = cat.get("CSI-ANA-002").unwrap();
        assert!(!csi.in_force(d("2016-08-01").unwrap()));
        assert!(csi.in_force(d("2016-08-02").unwrap()));
    }

    #[test]
    fn malformed_catalogue_is_an_error_with_a_line() {
        let bad = "id,severity,profile,ruleset,valid_from,valid_to,source,reference,check_en,message_it,message_en,params\nX-1,fatal,schema,X,,,D,r,c,m,m,\n";
        let err = Catalogo::parse(bad).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("severity"));
        let dup = "id,severity,profile,ruleset,valid_from,valid_to,source,reference,check_en,message_it,message_en,params\nX-1,info,schema,X,,,D,r,c,m,m,\nX-1,info,schema,X,,,D,r,c,m,m,\n";
        assert!(Catalogo::parse(dup)
            .unwrap_err()
            .message
            .contains("duplicate"));
    }
}
