//! Findings: [`Issue`], [`Report`], [`Severity`], [`Profile`] and suppressions, as data.

use std::collections::HashMap;

use cartella::rules as core;

use crate::error::Result;

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Severity {
    /// The document is wrong.
    Error,
    /// The document is dubious or incomplete.
    Warning,
    /// A notice.
    Info,
}

impl From<core::Severity> for Severity {
    fn from(s: core::Severity) -> Self {
        match s {
            core::Severity::Error => Severity::Error,
            core::Severity::Warning => Severity::Warning,
            core::Severity::Info => Severity::Info,
        }
    }
}

/// Completeness profile of a rule. As a validation option it is cumulative: `Schema`;
/// `Guideline` = schema + guideline (the default); `Siuss` = all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Profile {
    /// Structure.
    Schema,
    /// Expectations of the CSI process.
    Guideline,
    /// What a national INPS flow needs.
    Siuss,
}

impl From<core::Profile> for Profile {
    fn from(p: core::Profile) -> Self {
        match p {
            core::Profile::Schema => Profile::Schema,
            core::Profile::Guideline => Profile::Guideline,
            core::Profile::Siuss => Profile::Siuss,
        }
    }
}

impl From<Profile> for core::Profile {
    fn from(p: Profile) -> Self {
        match p {
            Profile::Schema => core::Profile::Schema,
            Profile::Guideline => core::Profile::Guideline,
            Profile::Siuss => core::Profile::Siuss,
        }
    }
}

/// One finding. `path` is a JSON Pointer into the canonical JSON; parameters named `cf` are
/// masked (first six and last character).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Issue {
    /// Stable rule id, e.g. `CF-003`.
    pub rule_id: String,
    /// Severity.
    pub severity: Severity,
    /// Profile of the rule.
    pub profile: Profile,
    /// JSON Pointer of the offending value.
    pub path: String,
    /// XPath in the HL7 message, when the finding comes from XML.
    pub xml_path: Option<String>,
    /// Italian message.
    pub message_it: String,
    /// English message.
    pub message_en: String,
    /// Message parameters.
    pub params: HashMap<String, String>,
}

impl From<core::Issue> for Issue {
    fn from(i: core::Issue) -> Self {
        Issue {
            rule_id: i.rule_id,
            severity: i.severity.into(),
            profile: i.profile.into(),
            path: i.path,
            xml_path: i.xml_path,
            message_it: i.message_it,
            message_en: i.message_en,
            params: i.params.into_iter().collect(),
        }
    }
}

/// A suppressed finding and the reason of its suppression.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SuppressedIssue {
    /// The finding.
    pub issue: Issue,
    /// Why it was suppressed.
    pub reason: String,
}

/// Result of a validation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Report {
    /// Findings, in evaluation order.
    pub issues: Vec<Issue>,
    /// Suppressed findings (never dropped).
    pub suppressed: Vec<SuppressedIssue>,
    /// No finding of severity `error`.
    pub is_valid: bool,
    /// Some finding blocks the transmission of the document.
    pub is_blocking: bool,
}

impl From<core::Report> for Report {
    fn from(r: core::Report) -> Self {
        let is_valid = r.is_valid();
        let is_blocking = r.is_blocking();
        Report {
            issues: r.issues.into_iter().map(Issue::from).collect(),
            suppressed: r
                .suppressed
                .into_iter()
                .map(|s| SuppressedIssue {
                    issue: s.issue.into(),
                    reason: s.reason,
                })
                .collect(),
            is_valid,
            is_blocking,
        }
    }
}

/// A request to suppress the findings of `rule_id` under the JSON Pointer `path_prefix`
/// (`""` = everywhere), with a mandatory reason.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SuppressionSpec {
    /// Rule id (must be in the catalogue).
    pub rule_id: String,
    /// JSON Pointer prefix.
    pub path_prefix: String,
    /// Reason (not empty).
    pub reason: String,
}

impl SuppressionSpec {
    /// The core suppression; fails on an unknown rule or an empty reason.
    pub(crate) fn to_core(&self) -> Result<core::Suppression> {
        Ok(core::Suppression::new(
            self.rule_id.clone(),
            self.path_prefix.clone(),
            self.reason.clone(),
        )?)
    }
}
