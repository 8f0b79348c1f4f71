//! Findings: [`Issue`], [`Report`], [`Severity`], [`Profile`] and suppressions.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::catalogo::{regola, regola_con_modelli, Modello, RuleDef, Valori};
use crate::error::CartellaError;
use crate::privacy::maschera_cf;

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document is wrong.
    Error,
    /// The document is dubious or incomplete.
    Warning,
    /// A notice.
    Info,
}

impl Severity {
    /// The token used in the catalogue and in JSON (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Completeness profile of a rule (decision D4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Structure: invalid against the reference XSD or not representable in the model.
    Schema,
    /// Expectations of the CSI process (completeness, consistency, phase order).
    Guideline,
    /// What a national INPS flow needs.
    Siuss,
}

impl Profile {
    /// Every profile, in cumulative order.
    pub const ALL: [Profile; 3] = [Profile::Schema, Profile::Guideline, Profile::Siuss];

    /// The token used in the catalogue and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Schema => "schema",
            Profile::Guideline => "guideline",
            Profile::Siuss => "siuss",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = CartellaError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "schema" => Ok(Profile::Schema),
            "guideline" => Ok(Profile::Guideline),
            "siuss" => Ok(Profile::Siuss),
            other => Err(CartellaError::Argomento {
                name: "profile",
                message: format!("{other:?} is not one of schema, guideline, siuss"),
            }),
        }
    }
}

/// One validation finding (decision D5). Findings are data, never errors.
///
/// Messages and parameters never contain a full codice fiscale: a parameter named `cf` is masked
/// (`privacy.md` §4) before it is stored or rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable rule id, e.g. `CSI-ANA-002`.
    pub rule_id: String,
    /// Severity, from the catalogue.
    pub severity: Severity,
    /// Profile of the rule.
    pub profile: Profile,
    /// JSON Pointer into the canonical model (empty string = the whole document).
    pub path: String,
    /// Absolute XML path, when the finding was raised while reading XML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml_path: Option<String>,
    /// Italian message.
    pub message_it: String,
    /// English message.
    pub message_en: String,
    /// Message parameters (masked).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

/// Whether a parameter may hold a codice fiscale and is masked.
#[inline]
pub(crate) fn param_cf(name: &str) -> bool {
    name == "cf" || name.starts_with("cf_")
}

/// The masked parameters, as stored in an [`Issue`]. Built by insertion: findings have a handful
/// of parameters, and a repeated name keeps its last value (as collecting into a map does).
pub(crate) fn params_mascherati<'a>(
    params: impl IntoIterator<Item = (&'a str, String)>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (name, value) in params {
        let value = if param_cf(name) {
            maschera_cf(&value)
        } else {
            value
        };
        out.insert(name.to_string(), value);
    }
    out
}

impl Issue {
    /// Builds a finding of a catalogue rule: severity, profile and messages come from the
    /// catalogue; parameters named `cf` (or `cf_*`) are masked.
    ///
    /// ```
    /// use cartella::rules::Issue;
    /// let issue = Issue::new("CF-003", "/assistito/codice_fiscale", [("cf", "RSSMRA80A01H501A".to_string())]).unwrap();
    /// assert_eq!(issue.params["cf"], "RSSMRA*********A");
    /// assert!(issue.message_en.contains("RSSMRA*********A"));
    /// ```
    pub fn new<'a>(
        rule_id: &str,
        path: impl Into<String>,
        params: impl IntoIterator<Item = (&'a str, String)>,
    ) -> Result<Issue, CartellaError> {
        let (rule, modelli) = regola_con_modelli(rule_id)
            .ok_or_else(|| CartellaError::RegolaSconosciuta(rule_id.to_string()))?;
        Ok(Issue::of_rule(
            rule,
            modelli,
            path.into(),
            params_mascherati(params),
        ))
    }

    /// A finding of `rule`, whose message templates (Italian, English) are `modelli`.
    pub(crate) fn of_rule(
        rule: &RuleDef,
        modelli: &[Modello; 2],
        path: String,
        params: BTreeMap<String, String>,
    ) -> Issue {
        // Every template placeholder is filled, and nothing else is passed (no personal data
        // sneaks into parameters) except the position of an XML finding.
        debug_assert!(
            params
                .keys()
                .all(|k| rule.params.iter().any(|p| p == k) || k == "riga" || k == "colonna")
                && rule.params.iter().all(|p| params.contains_key(p)),
            "{}: parameters {:?} differ from the catalogue's {:?}",
            rule.id,
            params.keys().collect::<Vec<_>>(),
            rule.params
        );
        let valori = Valori::di(&params);
        let (message_it, message_en) = (modelli[0].render(&valori), modelli[1].render(&valori));
        Issue {
            rule_id: rule.id.clone(),
            severity: rule.severity,
            profile: rule.profile,
            path,
            xml_path: None,
            message_it,
            message_en,
            params,
        }
    }

    /// Same finding with another severity (used where the specification downgrades a check, e.g.
    /// to `info` when a reference table is missing).
    pub fn with_severity(mut self, severity: Severity) -> Issue {
        self.severity = severity;
        self
    }

    /// Same finding with the XML path where it was raised.
    pub fn with_xml_path(mut self, xml_path: impl Into<String>) -> Issue {
        self.xml_path = Some(xml_path.into());
        self
    }

    /// Whether the finding is blocking: an error of profile `schema` (README §5).
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Error && self.profile == Profile::Schema
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(
            f,
            "{} {} {}: {}",
            self.severity, self.rule_id, path, self.message_en
        )
    }
}

/// A request to suppress the findings of one rule under a path prefix. The reason is mandatory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppression {
    rule_id: String,
    path_prefix: String,
    reason: String,
}

impl Suppression {
    /// A suppression of `rule_id` for every path starting with `path_prefix` (`""` = everywhere).
    ///
    /// Fails when the rule id is not in the catalogue or the reason is empty.
    pub fn new(
        rule_id: impl Into<String>,
        path_prefix: impl Into<String>,
        reason: impl Into<String>,
    ) -> Result<Suppression, CartellaError> {
        let rule_id = rule_id.into();
        let reason = reason.into();
        if regola(&rule_id).is_none() {
            return Err(CartellaError::RegolaSconosciuta(rule_id));
        }
        if reason.trim().is_empty() {
            return Err(CartellaError::SoppressioneSenzaMotivo { rule_id });
        }
        Ok(Suppression {
            rule_id,
            path_prefix: path_prefix.into(),
            reason,
        })
    }

    /// Rule id.
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }

    /// Path prefix (a JSON Pointer; matches the path itself and everything below it).
    pub fn path_prefix(&self) -> &str {
        &self.path_prefix
    }

    /// The reason given.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether this suppression covers the finding.
    pub fn matches(&self, issue: &Issue) -> bool {
        if issue.rule_id != self.rule_id {
            return false;
        }
        let prefix = self.path_prefix.trim_end_matches('/');
        prefix.is_empty()
            || issue.path == prefix
            || (issue.path.starts_with(prefix)
                && issue.path.as_bytes().get(prefix.len()) == Some(&b'/'))
    }
}

/// A finding that was suppressed, with the reason of its suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedIssue {
    /// The finding.
    pub issue: Issue,
    /// Why it was suppressed.
    pub reason: String,
}

/// The result of a validation: the findings, and the suppressed ones kept apart (never dropped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Findings, in the order the rules raised them.
    pub issues: Vec<Issue>,
    /// Findings suppressed by the caller, with their reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<SuppressedIssue>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Report {
        Report::default()
    }

    /// No finding of severity `error`.
    pub fn is_valid(&self) -> bool {
        !self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// Some finding is blocking (an error of profile `schema`).
    pub fn is_blocking(&self) -> bool {
        self.issues.iter().any(Issue::is_blocking)
    }

    /// Findings of one severity.
    pub fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(move |i| i.severity == severity)
    }

    /// Number of findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.with_severity(severity).count()
    }

    /// Findings of one rule.
    pub fn of_rule<'a>(&'a self, rule_id: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.rule_id == rule_id)
    }

    /// Whether some finding has this rule id.
    pub fn has(&self, rule_id: &str) -> bool {
        self.issues.iter().any(|i| i.rule_id == rule_id)
    }

    /// Sorted, de-duplicated rule ids of the findings.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.issues.iter().map(|i| i.rule_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Appends the findings of another report.
    pub fn extend(&mut self, other: Report) {
        self.issues.extend(other.issues);
        self.suppressed.extend(other.suppressed);
    }

    /// Moves the findings covered by a suppression to [`Report::suppressed`].
    pub fn apply_suppressions(&mut self, suppressions: &[Suppression]) {
        if suppressions.is_empty() {
            return;
        }
        let issues = std::mem::take(&mut self.issues);
        for issue in issues {
            match suppressions.iter().find(|s| s.matches(&issue)) {
                Some(s) => self.suppressed.push(SuppressedIssue {
                    issue,
                    reason: s.reason.clone(),
                }),
                None => self.issues.push(issue),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_replaces_known_placeholders_and_keeps_unknown_ones() {
        let mut p = BTreeMap::new();
        p.insert("a".to_string(), "1".to_string());
        let render = |t: &str| Modello::di(t).render(&Valori::di(&p));
        assert_eq!(render("x {a} y {b} z {"), "x 1 y {b} z {");
        assert_eq!(render("{a}{a}"), "11");
        assert_eq!(render("{a{b}} é {"), "{a{b}} é {");
        assert_eq!(render(""), "");
    }

    #[test]
    fn issue_masks_codice_fiscale_everywhere() {
        let i = Issue::new(
            "CF-001",
            "/assistito/codice_fiscale",
            [("cf", "RSSMRA80A01H501U".to_string())],
        )
        .unwrap();
        assert_eq!(i.severity, Severity::Error);
        assert_eq!(i.profile, Profile::Schema);
        assert!(i.message_it.contains("RSSMRA*********U"));
        assert!(!i.message_it.contains("RSSMRA80A01H501U"));
        assert!(!format!("{i:?}").contains("80A01H501"));
        assert!(i.is_blocking());
    }

    #[test]
    fn unknown_rule_is_an_error() {
        assert!(matches!(
            Issue::new("NOPE-1", "", []),
            Err(CartellaError::RegolaSconosciuta(_))
        ));
    }

    #[test]
    fn suppression_requires_a_reason_and_matches_by_prefix() {
        assert!(matches!(
            Suppression::new("CSI-ANA-002", "", "  "),
            Err(CartellaError::SoppressioneSenzaMotivo { .. })
        ));
        assert!(Suppression::new("NOPE-1", "", "x").is_err());
        let s = Suppression::new("CSI-ANA-002", "/assistito", "anonymous access").unwrap();
        let hit = Issue::new("CSI-ANA-002", "/assistito/codice_fiscale", []).unwrap();
        let sibling = Issue::new("CSI-ANA-002", "/assistitox", []).unwrap();
        let other = Issue::new("CSI-ANA-003", "/assistito/nome", []).unwrap();
        assert!(s.matches(&hit));
        assert!(!s.matches(&sibling));
        assert!(!s.matches(&other));
        let mut report = Report {
            issues: vec![hit, other],
            suppressed: vec![],
        };
        report.apply_suppressions(&[s]);
        assert_eq!(report.issues.len(), 1);
        assert_eq!(report.suppressed.len(), 1);
        assert_eq!(report.suppressed[0].reason, "anonymous access");
    }

    #[test]
    fn report_validity_and_blocking() {
        let warn = Issue::new("CSI-ANA-002", "/assistito", []).unwrap();
        let guideline_error = Issue::new("CSI-DAT-001", "/processi/0/fasi/0", []).unwrap();
        let mut r = Report {
            issues: vec![warn],
            suppressed: vec![],
        };
        assert!(r.is_valid());
        r.issues.push(guideline_error);
        assert!(!r.is_valid());
        assert!(!r.is_blocking());
        assert_eq!(r.rule_ids(), vec!["CSI-ANA-002", "CSI-DAT-001"]);
    }
}
