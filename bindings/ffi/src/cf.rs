//! Codice fiscale: check, decode, encode.

use cartella::cf as core;
use cartella::refdata::DatiRiferimento;

use crate::error::{CartellaError, Result};
use crate::findings::Issue;

/// Sex encoded in a personal code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Sex {
    /// Male.
    M,
    /// Female (day + 40).
    F,
}

impl From<core::Sesso> for Sex {
    fn from(s: core::Sesso) -> Self {
        match s {
            core::Sesso::M => Sex::M,
            core::Sesso::F => Sex::F,
        }
    }
}

impl From<Sex> for core::Sesso {
    fn from(s: Sex) -> Self {
        match s {
            Sex::M => core::Sesso::M,
            Sex::F => core::Sesso::F,
        }
    }
}

/// Kind of birthplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum BirthplaceKind {
    /// Italian comune.
    Comune,
    /// Foreign state (`Z` code).
    Estero,
}

/// Birthplace decoded from positions 12–15.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Birthplace {
    /// Belfiore code (omocodia letters decoded), e.g. `H501`.
    pub code: String,
    /// Name from the reference tables, if known.
    pub name: Option<String>,
    /// Comune or foreign state.
    pub kind: BirthplaceKind,
    /// Sigla provincia of the comune, if known.
    pub province: Option<String>,
}

/// A decoded codice fiscale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CfDecoded {
    /// The normalised code (white space removed, upper case). Unmasked: it is the caller's input.
    pub normalized: String,
    /// The normalised code masked (`RSSMRA*********U`), for logs.
    pub masked: String,
    /// `PERSONALE` (16 characters) or `NUMERICO` (11 digits); absent when unclassifiable.
    pub kind: Option<String>,
    /// No error-severity finding (`CF-001`…`CF-006`, `CF-015`).
    pub is_valid: bool,
    /// Decoded sex.
    pub sex: Option<Sex>,
    /// Decoded birth date `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// Decoded birthplace.
    pub birthplace: Option<Birthplace>,
    /// The code contains omocodia letters.
    pub omocodia: bool,
    /// Findings (`CF-*`), with severity and messages from the catalogue; `cf` parameters masked.
    pub issues: Vec<Issue>,
}

/// Options of [`cf_decode`].
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct CfOptions {
    /// Reference date `YYYY-MM-DD` for the century of the birth year. Default today.
    #[uniffi(default = None)]
    pub reference_date: Option<String>,
    /// The code belongs to a natural person (an 11-digit code raises `CF-016`).
    #[uniffi(default = false)]
    pub natural_person: bool,
    /// Check the birthplace against the embedded reference tables (default true; false raises
    /// `CF-018`).
    #[uniffi(default = true)]
    pub check_birthplace: bool,
}

/// Whether the code is a valid codice fiscale (16-character personal or 11-digit numeric; white
/// space and case are normalised). Fast path, same verdict as [`cf_decode`]'s `is_valid`.
#[uniffi::export]
pub fn cf_is_valid(code: String) -> bool {
    core::is_valid(&code)
}

/// [`cf_is_valid`] on many codes, in order.
#[uniffi::export]
pub fn cf_check_many(codes: Vec<String>) -> Vec<bool> {
    codes.iter().map(|c| core::is_valid(c)).collect()
}

/// Decodes and checks a codice fiscale. `options` = `None` for the defaults.
#[uniffi::export(default(options = None))]
pub fn cf_decode(code: String, options: Option<CfOptions>) -> Result<CfDecoded> {
    let o = options.unwrap_or(CfOptions {
        reference_date: None,
        natural_person: false,
        check_birthplace: true,
    });
    let data_riferimento = o
        .reference_date
        .as_deref()
        .map(|d| crate::parse_date("reference_date", d))
        .transpose()?;
    let opz = core::OpzioniCf {
        data_riferimento,
        dati_riferimento: o.check_birthplace.then(DatiRiferimento::embedded),
        confronto: None,
        persona_fisica: o.natural_person,
    };
    let a = core::analizza(&code, &opz);
    let mut issues = Vec::with_capacity(a.findings.len());
    for f in &a.findings {
        let params = f.params.iter().map(|(k, v)| (*k, v.clone()));
        issues.push(cartella::rules::Issue::new(f.rule_id, "", params)?.into());
    }
    Ok(CfDecoded {
        normalized: a.normalizzato.as_str().to_string(),
        masked: a.normalizzato.mascherato(),
        kind: a.tipo.map(|t| match t {
            core::TipoCf::Personale => "PERSONALE".to_string(),
            core::TipoCf::Numerico => "NUMERICO".to_string(),
        }),
        is_valid: a.valido,
        sex: a.sesso.map(Sex::from),
        birth_date: a.data_nascita.map(crate::iso),
        birthplace: a.luogo_nascita.map(|l| Birthplace {
            code: l.codice,
            name: l.denominazione,
            kind: match l.tipo {
                core::TipoLuogo::Comune => BirthplaceKind::Comune,
                core::TipoLuogo::Estero => BirthplaceKind::Estero,
            },
            province: l.sigla_provincia,
        }),
        omocodia: a.omocodia,
        issues,
    })
}

/// Encodes a personal codice fiscale. `birth_date` is `YYYY-MM-DD`; `belfiore` a letter and 3
/// digits; `omocodia` (0…7) the number of numeric positions replaced by omocodia letters.
#[uniffi::export(default(omocodia = 0))]
pub fn cf_encode(
    surname: String,
    name: String,
    birth_date: String,
    sex: Sex,
    belfiore: String,
    omocodia: i32,
) -> Result<String> {
    let date = crate::parse_date("birth_date", &birth_date)?;
    let omocodia = u8::try_from(omocodia).map_err(|_| {
        CartellaError::argument("omocodia", format!("level {omocodia} out of range 0..=7"))
    })?;
    Ok(core::codifica(
        &surname,
        &name,
        date,
        sex.into(),
        &belfiore,
        omocodia,
    )?)
}
