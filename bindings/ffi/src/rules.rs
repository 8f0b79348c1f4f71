//! The rule catalogue.

use cartella::rules::{self as core, RuleDef};

use crate::error::{CartellaError, Result};
use crate::findings::{Profile, Severity};

/// One rule of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RuleInfo {
    /// Stable id, e.g. `CSI-ANA-002`.
    pub id: String,
    /// Severity.
    pub severity: Severity,
    /// Profile.
    pub profile: Profile,
    /// Rule set (a group of rules in force together).
    pub ruleset: String,
    /// First day the rule is in force `YYYY-MM-DD`.
    pub valid_from: Option<String>,
    /// Last day the rule is in force `YYYY-MM-DD`.
    pub valid_to: Option<String>,
    /// Provenance tags (`A`, `B`, `INPS`, `D`).
    pub source: Vec<String>,
    /// INPS/XSD reference.
    pub reference: String,
    /// What the rule checks.
    pub description: String,
    /// Italian message template.
    pub message_it: String,
    /// English message template.
    pub message_en: String,
    /// Parameters of the templates.
    pub params: Vec<String>,
    /// Where the rule is evaluated: `xml`, `canonical`, `siuss`, `waas`.
    pub stage: String,
    /// Whether this version implements the rule (otherwise a later component will).
    pub implemented: bool,
}

fn info(r: &RuleDef) -> RuleInfo {
    RuleInfo {
        id: r.id.clone(),
        severity: r.severity.into(),
        profile: r.profile.into(),
        ruleset: r.ruleset.clone(),
        valid_from: r.valid_from.map(crate::iso),
        valid_to: r.valid_to.map(crate::iso),
        source: r.source.clone(),
        reference: r.reference.clone(),
        description: r.description.clone(),
        message_it: r.message_it.clone(),
        message_en: r.message_en.clone(),
        params: r.params.clone(),
        stage: r.stage.as_str().to_string(),
        implemented: r.is_implemented(),
    }
}

/// Every rule of the catalogue, in catalogue order.
#[uniffi::export]
pub fn rules() -> Vec<RuleInfo> {
    core::catalogo().rules().iter().map(info).collect()
}

/// One rule in full; `UnknownRule` when the id is not in the catalogue.
#[uniffi::export]
pub fn explain(rule_id: String) -> Result<RuleInfo> {
    core::regola(rule_id.trim())
        .map(info)
        .ok_or_else(|| CartellaError::UnknownRule {
            detail: format!("unknown rule id {rule_id}"),
            rule_id,
        })
}
