//! The rule engine: options, the evaluation context handed to rules, and the [`Validator`].

use std::sync::Arc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::catalogo::{regola, regola_con_modelli, RuleDef};
use super::issue::{params_mascherati, Issue, Profile, Report, Severity, Suppression};
use crate::codelists::Registro;
use crate::model::{Cartella, MessaggioInterscambio};
use crate::refdata::DatiRiferimento;

/// A set of profiles to run (decision D4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Profiles(u8);

impl Profiles {
    /// No profile.
    pub const NONE: Profiles = Profiles(0);
    /// Every profile.
    pub const ALL: Profiles = Profiles(0b111);

    fn bit(p: Profile) -> u8 {
        match p {
            Profile::Schema => 1,
            Profile::Guideline => 2,
            Profile::Siuss => 4,
        }
    }

    /// Exactly these profiles.
    pub fn only(profiles: &[Profile]) -> Profiles {
        Profiles(profiles.iter().fold(0, |acc, p| acc | Profiles::bit(*p)))
    }

    /// The cumulative set up to `profile`: `schema`; `schema`+`guideline`;
    /// `schema`+`guideline`+`siuss`. This is what the CLI's `--profile` selects.
    pub fn up_to(profile: Profile) -> Profiles {
        match profile {
            Profile::Schema => Profiles::only(&[Profile::Schema]),
            Profile::Guideline => Profiles::only(&[Profile::Schema, Profile::Guideline]),
            Profile::Siuss => Profiles::ALL,
        }
    }

    /// Whether the set contains `profile`.
    pub fn contains(self, profile: Profile) -> bool {
        self.0 & Profiles::bit(profile) != 0
    }

    /// The profiles of the set.
    pub fn iter(self) -> impl Iterator<Item = Profile> {
        Profile::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

impl Default for Profiles {
    /// `schema` + `guideline`: what a cartella is checked against when no flow is derived.
    fn default() -> Self {
        Profiles::up_to(Profile::Guideline)
    }
}

/// Which reference data (comuni, foreign states) the rules use.
#[derive(Debug, Clone, Default)]
pub enum ReferenceData {
    /// The tables embedded in the crate (default).
    #[default]
    Embedded,
    /// Tables registered by the caller, replacing the embedded ones.
    Custom(Arc<DatiRiferimento>),
    /// No reference data: checks that need it are downgraded to notices (`CF-018`).
    Disabled,
}

/// Options of a validation.
#[derive(Debug, Clone, Default)]
pub struct ValidationOptions {
    /// Profiles to run; default `schema` + `guideline`.
    pub profiles: Profiles,
    /// Validation date: rule sets in force and "future date" checks are judged on it. Default:
    /// today in Europe/Rome.
    pub as_of: Option<NaiveDate>,
    /// Code lists, registered tables and concept maps. Default: [`Registro::standard`].
    pub registro: Option<Arc<Registro>>,
    /// Reference data.
    pub reference_data: ReferenceData,
    /// Findings to move to [`Report::suppressed`].
    pub suppressions: Vec<Suppression>,
}

impl ValidationOptions {
    /// Options with the given profiles.
    pub fn with_profiles(mut self, profiles: Profiles) -> Self {
        self.profiles = profiles;
        self
    }

    /// Options validating as of `date`.
    pub fn as_of(mut self, date: NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// Options with a code registry.
    pub fn with_registro(mut self, registro: Arc<Registro>) -> Self {
        self.registro = Some(registro);
        self
    }

    /// Options with reference data.
    pub fn with_reference_data(mut self, data: ReferenceData) -> Self {
        self.reference_data = data;
        self
    }

    /// Adds a suppression.
    pub fn suppress(mut self, suppression: Suppression) -> Self {
        self.suppressions.push(suppression);
        self
    }
}

/// Today's date in Europe/Rome (CET/CEST), without a time-zone database.
pub fn oggi_roma() -> NaiveDate {
    data_roma(Utc::now())
}

/// The Europe/Rome (CET/CEST) calendar date of an instant, without a time-zone database: UTC+1,
/// UTC+2 from the last Sunday of March to the last Sunday of October at 01:00 UTC.
///
/// ```
/// use cartella::rules::data_roma;
/// let t = chrono::DateTime::parse_from_rfc3339("2024-07-01T22:30:00Z").unwrap().with_timezone(&chrono::Utc);
/// assert_eq!(data_roma(t).to_string(), "2024-07-02");
/// ```
pub fn data_roma(istante: DateTime<Utc>) -> NaiveDate {
    let now = istante.naive_utc();
    let year = now.year();
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(year, month, 31).unwrap_or(now.date());
        while d.weekday() != chrono::Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d
    };
    let dst_start = last_sunday(3).and_hms_opt(1, 0, 0);
    let dst_end = last_sunday(10).and_hms_opt(1, 0, 0);
    let summer = matches!((dst_start, dst_end), (Some(s), Some(e)) if now >= s && now < e);
    (now + chrono::Duration::hours(if summer { 2 } else { 1 })).date()
}

/// What a rule sees while it runs: the options and the findings raised so far.
///
/// Rules call [`Ctx::emit`]; the context drops findings of rules whose profile is not selected or
/// whose rule set is not in force on the validation date.
pub struct Ctx<'a> {
    profiles: Profiles,
    as_of: NaiveDate,
    registro: &'a Registro,
    refdata: Option<&'a DatiRiferimento>,
    issues: Vec<Issue>,
}

impl<'a> Ctx<'a> {
    /// A context for the given settings.
    pub fn new(
        profiles: Profiles,
        as_of: NaiveDate,
        registro: &'a Registro,
        refdata: Option<&'a DatiRiferimento>,
    ) -> Ctx<'a> {
        Ctx {
            profiles,
            as_of,
            registro,
            refdata,
            issues: Vec::new(),
        }
    }

    /// The validation date.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The code registry.
    pub fn registro(&self) -> &'a Registro {
        self.registro
    }

    /// The reference data, unless disabled.
    pub fn refdata(&self) -> Option<&'a DatiRiferimento> {
        self.refdata
    }

    /// Whether a finding of this rule would be kept (profile selected, rule set in force).
    pub fn enabled(&self, rule_id: &str) -> bool {
        regola(rule_id).is_some_and(|r| self.rule_enabled(r))
    }

    fn rule_enabled(&self, rule: &RuleDef) -> bool {
        self.profiles.contains(rule.profile) && rule.in_force(self.as_of)
    }

    /// Raises a finding of `rule_id` at `path` (a JSON Pointer) with its parameters.
    pub fn emit<'p>(
        &mut self,
        rule_id: &str,
        path: impl Into<String>,
        params: impl IntoIterator<Item = (&'p str, String)>,
    ) {
        self.emit_inner(rule_id, None, || path.into(), || params);
    }

    /// [`Ctx::emit`] with the pointer and the parameters computed only when the finding is kept
    /// (profile selected, rule set in force).
    pub(crate) fn emit_con<'p, P>(
        &mut self,
        rule_id: &str,
        path: impl FnOnce() -> String,
        params: impl FnOnce() -> P,
    ) where
        P: IntoIterator<Item = (&'p str, String)>,
    {
        self.emit_inner(rule_id, None, path, params);
    }

    /// Raises a finding with a severity other than the catalogue's (the specification's
    /// downgrades, e.g. to `info` when a needed table is missing).
    pub fn emit_with_severity<'p>(
        &mut self,
        rule_id: &str,
        severity: Severity,
        path: impl Into<String>,
        params: impl IntoIterator<Item = (&'p str, String)>,
    ) {
        self.emit_inner(rule_id, Some(severity), || path.into(), || params);
    }

    /// The finding, built (pointer and parameters computed) only when it is kept.
    fn emit_inner<'p, P>(
        &mut self,
        rule_id: &str,
        severity: Option<Severity>,
        path: impl FnOnce() -> String,
        params: impl FnOnce() -> P,
    ) where
        P: IntoIterator<Item = (&'p str, String)>,
    {
        let Some((rule, modelli)) = regola_con_modelli(rule_id) else {
            debug_assert!(false, "rule {rule_id} is not in the catalogue");
            return;
        };
        if !self.rule_enabled(rule) {
            return;
        }
        let mut issue = Issue::of_rule(rule, modelli, path(), params_mascherati(params()));
        if let Some(s) = severity {
            issue.severity = s;
        }
        self.issues.push(issue);
    }

    /// Adds an already built finding (e.g. from a codec), subject to the same filters.
    pub fn push(&mut self, issue: Issue) {
        if regola(&issue.rule_id).is_some_and(|r| self.rule_enabled(r)) {
            self.issues.push(issue);
        }
    }

    /// The findings raised so far.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Ends the evaluation and returns the findings.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }
}

/// Validates documents with fixed options. Cheap to clone and share between threads.
#[derive(Debug, Clone)]
pub struct Validator {
    profiles: Profiles,
    as_of: Option<NaiveDate>,
    registro: Arc<Registro>,
    reference_data: ReferenceData,
    suppressions: Arc<[Suppression]>,
}

impl Default for Validator {
    fn default() -> Self {
        Validator::new(ValidationOptions::default())
    }
}

impl Validator {
    /// A validator with these options.
    pub fn new(options: ValidationOptions) -> Validator {
        Validator {
            profiles: options.profiles,
            as_of: options.as_of,
            registro: options
                .registro
                .unwrap_or_else(|| Arc::clone(Registro::standard_condiviso())),
            reference_data: options.reference_data,
            suppressions: options.suppressions.into(),
        }
    }

    /// The validation date used now (the configured one, else today in Europe/Rome).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(oggi_roma)
    }

    /// The code registry.
    pub fn registro(&self) -> &Registro {
        &self.registro
    }

    fn refdata(&self) -> Option<&DatiRiferimento> {
        match &self.reference_data {
            ReferenceData::Embedded => Some(DatiRiferimento::embedded()),
            ReferenceData::Custom(d) => Some(d),
            ReferenceData::Disabled => None,
        }
    }

    /// A fresh evaluation context with this validator's settings.
    pub fn context(&self) -> Ctx<'_> {
        Ctx::new(self.profiles, self.as_of(), &self.registro, self.refdata())
    }

    /// Turns the findings of a context into a report, applying the suppressions.
    pub fn finish(&self, ctx: Ctx<'_>) -> Report {
        let mut report = Report {
            issues: ctx.into_issues(),
            suppressed: Vec::new(),
        };
        report.apply_suppressions(&self.suppressions);
        report
    }

    /// Validates a cartella with every canonical rule (`CSI-*`, `CF-*`).
    pub fn validate(&self, cartella: &Cartella) -> Report {
        let mut ctx = self.context();
        super::famiglie::valida_cartella(&mut ctx, cartella, "");
        self.finish(ctx)
    }

    /// Validates an interchange message: its cartella (pointer `/cartella`) plus the message-level
    /// rules.
    pub fn validate_messaggio(&self, messaggio: &MessaggioInterscambio) -> Report {
        let mut ctx = self.context();
        // CSI-ENV-012: a message carries exactly one process (the XML reader builds one; a
        // message given as JSON may not).
        let processi = messaggio.cartella.processi.len();
        if processi != 1 {
            ctx.emit(
                "CSI-ENV-012",
                "/cartella/processi",
                [("numero", processi.to_string())],
            );
        }
        super::famiglie::valida_messaggio(&mut ctx, messaggio);
        self.finish(ctx)
    }

    /// Validates many cartelle, in order.
    pub fn validate_many<'c>(
        &self,
        cartelle: impl IntoIterator<Item = &'c Cartella>,
    ) -> Vec<Report> {
        cartelle.into_iter().map(|c| self.validate(c)).collect()
    }
}

/// Validates a cartella with default options (profiles `schema` + `guideline`, as of today).
pub fn validate(cartella: &Cartella) -> Report {
    Validator::default().validate(cartella)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_sets() {
        let g = Profiles::up_to(Profile::Guideline);
        assert!(
            g.contains(Profile::Schema)
                && g.contains(Profile::Guideline)
                && !g.contains(Profile::Siuss)
        );
        assert_eq!(Profiles::up_to(Profile::Siuss), Profiles::ALL);
        assert_eq!(
            Profiles::only(&[Profile::Siuss]).iter().collect::<Vec<_>>(),
            vec![Profile::Siuss]
        );
        assert_eq!(Profiles::default(), g);
    }

    #[test]
    fn context_filters_by_profile_and_rule_set_date() {
        let registro = Registro::standard();
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut ctx = Ctx::new(
            Profiles::up_to(Profile::Schema),
            d("2024-01-01"),
            registro,
            None,
        );
        ctx.emit("CSI-ANA-002", "/assistito", []); // guideline: dropped
        ctx.emit(
            "CF-001",
            "/assistito/codice_fiscale",
            [("cf", "X".to_string())],
        );
        assert_eq!(ctx.issues().len(), 1);
        let mut old = Ctx::new(Profiles::ALL, d("2010-01-01"), registro, None);
        old.emit("CSI-ANA-002", "/assistito", []); // CSI-2016 not yet in force
        old.emit("CF-003", "/x", [("cf", "RSSMRA80A01H501A".to_string())]);
        assert_eq!(old.issues().len(), 1);
        assert_eq!(old.issues()[0].params["cf"], "RSSMRA*********A");
        assert!(!old.enabled("CSI-ANA-002"));
        assert!(old.enabled("CF-003"));
    }

    #[test]
    fn rome_today_is_close_to_utc_today() {
        let diff = (oggi_roma() - Utc::now().date_naive()).num_days();
        assert!((0..=1).contains(&diff));
    }
}
