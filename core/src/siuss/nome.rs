//! Flow name and WaaS `id_flusso` (`siuss.md` §3).
//!
//! The library writes the same string as `IdentificazioneFlusso/@Nome` and as WaaS `id_flusso`:
//! `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`.

use chrono::NaiveDate;

use crate::error::CartellaError;
use crate::siuss::flusso::TipoFlusso;

/// Largest daily progressive (7 digits).
pub const PROGRESSIVO_MAX: u32 = 9_999_999;

/// Builds the flow name / `id_flusso` `{codice_ente}.{PS|SINBA}.{yyyyMMdd}.{progressivo:07}`
/// (`siuss.md` §3, write regex `^[A-Z][0-9]{3}\.(PS|SINBA)\.[0-9]{8}\.[0-9]{7}$`).
///
/// `codice_ente` is the 4-character Belfiore code of the ente (`^[A-Z][0-9]{3}$`), `data` the local
/// (Europe/Rome) creation date, `progressivo` the daily progressive, 1–9 999 999.
///
/// # Errors
/// [`CartellaError::Argomento`] when `codice_ente` does not match `^[A-Z][0-9]{3}$`, when
/// `progressivo` is outside 1–9 999 999, or when the year of `data` is not 4 digits.
///
/// ```
/// use cartella::siuss::{nome::nome_flusso, TipoFlusso};
/// let data = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
/// assert_eq!(nome_flusso("F205", TipoFlusso::PsPsaSina, data, 12).unwrap(), "F205.PS.20240305.0000012");
/// ```
pub fn nome_flusso(
    codice_ente: &str,
    tipo: TipoFlusso,
    data: NaiveDate,
    progressivo: u32,
) -> Result<String, CartellaError> {
    let b = codice_ente.as_bytes();
    let ente_ok =
        b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit);
    if !ente_ok {
        return Err(CartellaError::Argomento {
            name: "codice_ente",
            message: "expected a Belfiore code ^[A-Z][0-9]{3}$".into(),
        });
    }
    if !(1..=PROGRESSIVO_MAX).contains(&progressivo) {
        return Err(CartellaError::Argomento {
            name: "progressivo",
            message: format!("{progressivo} outside 1..=9999999"),
        });
    }
    let anno = chrono::Datelike::year(&data);
    if !(1000..=9999).contains(&anno) {
        return Err(CartellaError::Argomento {
            name: "data",
            message: format!("year {anno} is not 4 digits"),
        });
    }
    Ok(format!(
        "{codice_ente}.{}.{}.{progressivo:07}",
        tipo.segmento(),
        data.format("%Y%m%d")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, g: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, g).expect("valid date")
    }

    #[test]
    fn formato() {
        assert_eq!(
            nome_flusso("H501", TipoFlusso::PsPsaSina, d(2016, 4, 23), 1)
                .ok()
                .as_deref(),
            Some("H501.PS.20160423.0000001")
        );
        assert_eq!(
            nome_flusso("F205", TipoFlusso::Sinba, d(2024, 12, 31), PROGRESSIVO_MAX)
                .ok()
                .as_deref(),
            Some("F205.SINBA.20241231.9999999")
        );
    }

    #[test]
    fn argomenti_non_validi() {
        for ente in ["", "h501", "H50", "H5011", "1501", "H5O1", "È501"] {
            assert!(
                nome_flusso(ente, TipoFlusso::PsPsaSina, d(2024, 1, 1), 1).is_err(),
                "{ente}"
            );
        }
        assert!(nome_flusso("H501", TipoFlusso::PsPsaSina, d(2024, 1, 1), 0).is_err());
        assert!(nome_flusso("H501", TipoFlusso::Sinba, d(2024, 1, 1), 10_000_000).is_err());
        assert!(nome_flusso("H501", TipoFlusso::Sinba, d(10000, 1, 1), 1).is_err());
    }

    #[test]
    fn lunghezza_entro_i_limiti() {
        let n = nome_flusso("H501", TipoFlusso::Sinba, d(2024, 1, 1), 42).unwrap_or_default();
        assert!(n.len() <= 50);
    }
}
