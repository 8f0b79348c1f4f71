//! The embedded sample cartelle.

use cartella::samples as core;

/// An embedded sample cartella.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Sample {
    /// Short name, e.g. `accesso-informativo`.
    pub name: String,
    /// What the sample shows; for invalid samples, the rules it triggers.
    pub description: String,
    /// The canonical JSON text.
    pub json: String,
    /// Whether the sample has no error and no warning under the default profiles.
    pub expect_valid: bool,
    /// The rule ids an invalid sample is documented to trigger (empty for valid samples).
    pub expected_rules: Vec<String>,
}

fn of(s: &core::Sample) -> Sample {
    Sample {
        name: s.name.to_string(),
        description: s.description.to_string(),
        json: s.json.to_string(),
        expect_valid: s.expect_valid,
        expected_rules: s.expected_rules().into_iter().map(str::to_string).collect(),
    }
}

/// Every embedded sample: the valid ones first, then the invalid ones.
#[uniffi::export]
pub fn samples() -> Vec<Sample> {
    core::all().iter().map(of).collect()
}

/// The sample with this name.
#[uniffi::export]
pub fn sample(name: String) -> Option<Sample> {
    core::get(&name).map(of)
}
