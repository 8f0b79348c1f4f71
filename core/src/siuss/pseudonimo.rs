//! Pseudonymous SINBA `IDBeneficiario` (`privacy.md` §3, decision D15).
//!
//! `IDBeneficiario = belfiore ‖ Crockford-Base32(first 80 bits of HMAC-SHA-256(K, msg))` with
//! `msg = "SINBA-ID-v1" ‖ 0x1F ‖ belfiore ‖ 0x1F ‖ NFC(id_caso)`. The id is never derived from the
//! codice fiscale, the name or the birth date; the key never appears in any output.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

use crate::error::CartellaError;

/// Domain-separation prefix of the message (`privacy.md` §3 step 1).
pub const VERSIONE_ID: &str = "SINBA-ID-v1";
/// Minimum length of the key, in bytes.
pub const LUNGHEZZA_MINIMA_CHIAVE: usize = 32;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Derives the SINBA `IDBeneficiario` of a case (`privacy.md` §3): 20 characters matching
/// `^[A-Z][0-9]{3}[0-9A-Z]{16}$`.
///
/// - `belfiore`: Belfiore code of the reporting ente (`Ente/@Indirizzo`), `^[A-Z][0-9]{3}$`;
/// - `id_caso`: the vendor's stable case id (by default `id_cartella`), NFC-normalised here;
/// - `chiave`: the ente's secret key, at least 32 bytes.
///
/// # Errors
/// [`CartellaError::Argomento`] when `belfiore` is not a Belfiore code, `id_caso` is empty or the
/// key is shorter than 32 bytes. Messages never contain the key.
///
/// ```
/// use cartella::siuss::pseudonimo::id_beneficiario_sinba;
/// let chiave: Vec<u8> = (0u8..32).collect();
/// assert_eq!(id_beneficiario_sinba("F205", "C-000123", &chiave).unwrap(), "F205BR4S9082TB4DEE90");
/// ```
pub fn id_beneficiario_sinba(
    belfiore: &str,
    id_caso: &str,
    chiave: &[u8],
) -> Result<String, CartellaError> {
    let b = belfiore.as_bytes();
    if !(b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)) {
        return Err(CartellaError::Argomento {
            name: "belfiore",
            message: "expected a Belfiore code ^[A-Z][0-9]{3}$".into(),
        });
    }
    if id_caso.is_empty() {
        return Err(CartellaError::Argomento {
            name: "id_caso",
            message: "empty case id".into(),
        });
    }
    if chiave.len() < LUNGHEZZA_MINIMA_CHIAVE {
        return Err(CartellaError::Argomento {
            name: "chiave",
            message: format!("the key must be at least {LUNGHEZZA_MINIMA_CHIAVE} bytes"),
        });
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(chiave).map_err(|_| CartellaError::Argomento {
        name: "chiave",
        message: "unusable HMAC key".into(),
    })?;
    let caso: String = id_caso.nfc().collect();
    mac.update(VERSIONE_ID.as_bytes());
    mac.update(&[0x1F]);
    mac.update(belfiore.as_bytes());
    mac.update(&[0x1F]);
    mac.update(caso.as_bytes());
    let digest = mac.finalize().into_bytes();
    Ok(format!("{belfiore}{}", crockford_80(&digest[..10])))
}

/// Writes 10 bytes (an unsigned big-endian 80-bit integer) as 16 Crockford Base32 digits.
fn crockford_80(bytes: &[u8]) -> String {
    let valore = bytes
        .iter()
        .take(10)
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b));
    (0..16)
        .rev()
        .map(|i| char::from(CROCKFORD[((valore >> (5 * i)) & 0x1F) as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chiave() -> Vec<u8> {
        (0u8..32).collect()
    }

    #[test]
    fn vettori_di_prova() {
        for (belfiore, caso, atteso) in [
            ("F205", "C-000123", "F205BR4S9082TB4DEE90"),
            ("F205", "C-000124", "F205S1889JPXSW5WEX2S"),
            ("H501", "C-000123", "H501ZGNGP32V8C8J4E71"),
        ] {
            assert_eq!(
                id_beneficiario_sinba(belfiore, caso, &chiave())
                    .ok()
                    .as_deref(),
                Some(atteso)
            );
        }
    }

    #[test]
    fn hmac_dei_vettori() {
        let mut mac = Hmac::<Sha256>::new_from_slice(&chiave()).expect("key");
        mac.update(b"SINBA-ID-v1\x1FF205\x1FC-000123");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5e09948102d2c8d739209ec2b5330aaf915368abdf46c0c82c04cb7aed06d0e3"
        );
    }

    #[test]
    fn formato_e_nfc() {
        let id = id_beneficiario_sinba("F205", "caso-é", &chiave()).unwrap_or_default();
        assert_eq!(id.len(), 20);
        assert!(id[4..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
        // "e" + combining acute accent normalises to the same id as the precomposed form.
        assert_eq!(
            id_beneficiario_sinba("F205", "caso-e\u{301}", &chiave()).ok(),
            Some(id)
        );
    }

    #[test]
    fn argomenti_non_validi() {
        assert!(id_beneficiario_sinba("f205", "C-1", &chiave()).is_err());
        assert!(id_beneficiario_sinba("F205", "", &chiave()).is_err());
        let corta = [0u8; 31];
        let err = id_beneficiario_sinba("F205", "C-1", &corta).err();
        assert!(matches!(
            err,
            Some(CartellaError::Argomento { name: "chiave", .. })
        ));
    }
}
