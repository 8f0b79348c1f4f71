//! Helpers shared by the subcommands: argument enums and masking of free text.

use cartella::rules::Profile;
use clap::ValueEnum;

/// `--profile` of the CLI: the cumulative profile set up to this profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// `schema` only.
    Schema,
    /// `schema` + `guideline` (default).
    Guideline,
    /// `schema` + `guideline` + `siuss`.
    Siuss,
}

impl ProfileArg {
    /// The library profile.
    pub fn profile(self) -> Profile {
        match self {
            ProfileArg::Schema => Profile::Schema,
            ProfileArg::Guideline => Profile::Guideline,
            ProfileArg::Siuss => Profile::Siuss,
        }
    }

    /// `schema+guideline` and the like.
    pub fn cumulative_label(self) -> &'static str {
        match self {
            ProfileArg::Schema => "schema",
            ProfileArg::Guideline => "schema+guideline",
            ProfileArg::Siuss => "schema+guideline+siuss",
        }
    }
}

/// Language of the messages in text reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Italian messages.
    It,
    /// English messages.
    En,
}

/// Masks, in free text (e.g. a parser error message that quotes a value), every run of at least
/// 11 ASCII letters and digits that contains a digit: such a run may be or contain a codice
/// fiscale (16 characters) or a numeric one (11 digits). Masking keeps the first 6 and the last character
/// (`privacy.md` §4). Over-masking an unrelated token is harmless; leaking a code is not.
///
/// ```ignore
/// assert_eq!(mask_identifiers("unknown variant `RSSMRA80A01H501U`"), "unknown variant `RSSMRA*********U`");
/// ```
pub fn mask_identifiers(text: &str) -> String {
    cartella::privacy::maschera_testo(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_codici_fiscali_in_free_text() {
        assert_eq!(
            mask_identifiers("unknown variant `RSSMRA80A01H501U`, expected one of"),
            "unknown variant `RSSMRA*********U`, expected one of"
        );
        assert_eq!(
            mask_identifiers("\"rssmra80a01h501u\""),
            "\"rssmra*********u\""
        );
        assert_eq!(mask_identifiers("piva 01234567897."), "piva 012345****7.");
        assert_eq!(
            mask_identifiers("line 12, column 40: expected value"),
            "line 12, column 40: expected value"
        );
        assert_eq!(
            mask_identifiers("ACCESSO_E_ORIENTAMENTO"),
            "ACCESSO_E_ORIENTAMENTO"
        );
        assert_eq!(mask_identifiers("RSSMRA80A01H501UX9"), "RSSMRA***********9");
    }
}
