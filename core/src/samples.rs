//! Embedded sample cartelle in canonical JSON (`core/data/samples/`, also reachable as
//! `examples/data/` in the repository).
//!
//! Every sample is fictitious: the persons do not exist, the codici fiscali are syntactically
//! valid with correct check characters and consistent with the birth data and names of the sample
//! (except in `invalido-cf`, on purpose). They follow `model.md` exactly and cover the typical paths
//! of a *processo di aiuto* in Lombardy, plus a few documents that are invalid on purpose.
//!
//! The valid samples validate without errors and warnings under the default profiles (`schema` +
//! `guideline`); notices (`info`, e.g. `CSI-COD-004` for the open regional code systems) are
//! expected. Each invalid sample says in its description which rules it triggers.
//!
//! ```
//! use cartella::{json, samples};
//!
//! let sample = samples::get("percorso-completo").unwrap();
//! assert!(sample.expect_valid);
//! let cartella = json::from_str(sample.json).unwrap();
//! assert_eq!(cartella.processi.len(), 1);
//! assert!(samples::all().iter().any(|s| !s.expect_valid));
//! ```

/// One embedded sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// Short name, e.g. `accesso-informativo` (also the file name without `.json`).
    pub name: &'static str,
    /// What the sample shows; for invalid samples, the rule ids it triggers.
    pub description: &'static str,
    /// The canonical JSON text.
    pub json: &'static str,
    /// Whether the sample is expected to have no error and no warning (default profiles).
    pub expect_valid: bool,
}

impl Sample {
    /// The rule ids an invalid sample is documented to trigger (parsed from its description: the
    /// ids listed after `Triggers:`). Empty for valid samples.
    ///
    /// ```
    /// let s = cartella::samples::get("invalido-cf").unwrap();
    /// assert_eq!(s.expected_rules(), vec!["CF-003"]);
    /// ```
    pub fn expected_rules(&self) -> Vec<&'static str> {
        let Some((_, tail)) = self.description.split_once("Triggers:") else {
            return Vec::new();
        };
        tail.split(|c: char| c == ',' || c.is_whitespace())
            .map(|t| t.trim_end_matches('.'))
            .filter(|t| {
                t.contains('-')
                    && t.ends_with(|c: char| c.is_ascii_digit())
                    && t.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            })
            .collect()
    }
}

static SAMPLES: [Sample; 6] = [
    Sample {
        name: "accesso-informativo",
        description: "Phase A only: a citizen asks the Comune di Bergamo's social secretariat for \
                      information; the access record is closed the same morning with outcome \
                      SOLO_INFORMAZIONE and the process is CHIUSO.",
        json: include_str!("../data/samples/accesso-informativo.json"),
        expect_valid: true,
    },
    Sample {
        name: "valutato-e-chiuso",
        description: "Phases A and B: a referral by the family doctor leads to an assessment by a \
                      social worker of the Comune di Como; the need is covered by the family, so B \
                      is closed with NON_PRESA_IN_CARICO and the process is CHIUSO.",
        json: include_str!("../data/samples/valutato-e-chiuso.json"),
        expect_valid: true,
    },
    Sample {
        name: "percorso-completo",
        description:
            "The full path A-B-C-D-E with re-planning (Comune di Milano): presa in carico, a \
                      first project with home care (one suspension for a hospital stay) and a \
                      monthly social bonus, final evaluation with NUOVO_PROGETTO, a second project \
                      with meals at home, final closure; operators with professional profiles, \
                      ISEE and DSU, amounts, a caregiver in the social network and SIUSS/SINA data.",
        json: include_str!("../data/samples/percorso-completo.json"),
        expect_valid: true,
    },
    Sample {
        name: "invalido-cf",
        description: "The accesso-informativo cartella with a wrong check character in the \
                      assistito's codice fiscale. Triggers: CF-003.",
        json: include_str!("../data/samples/invalido-cf.json"),
        expect_valid: false,
    },
    Sample {
        name: "invalido-date",
        description: "The accesso-informativo cartella whose phase A ends the day before it \
                      starts. Triggers: CSI-DAT-001.",
        json: include_str!("../data/samples/invalido-date.json"),
        expect_valid: false,
    },
    Sample {
        name: "invalido-ciclo-vita",
        description:
            "An access record closed with AVVIO_VALUTAZIONE followed directly by a project \
                      record (C) without any B record closed with PRESA_IN_CARICO. Triggers: \
                      CSI-LCY-003.",
        json: include_str!("../data/samples/invalido-ciclo-vita.json"),
        expect_valid: false,
    },
];

/// Every embedded sample: the valid ones first, then the invalid ones.
pub fn all() -> &'static [Sample] {
    &SAMPLES
}

/// The sample with this name.
pub fn get(name: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_expected_rules_parse() {
        let mut names: Vec<_> = all().iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all().len());
        for s in all() {
            assert_eq!(s.expect_valid, s.expected_rules().is_empty(), "{}", s.name);
        }
        assert_eq!(
            get("invalido-ciclo-vita").map(Sample::expected_rules),
            Some(vec!["CSI-LCY-003"])
        );
        assert!(get("nope").is_none());
    }
}
