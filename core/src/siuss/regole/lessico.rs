//! Lexical checks of XSD values, written by hand (no regex, no allocation): lengths, digit
//! patterns, `xs:date`, `xs:decimal`, `xs:int`, the codice fiscale pattern, `MM/AAAA`, and the flow
//! name forms of `siuss.md` §3.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Length in characters (XSD `length` facets count characters).
pub(super) fn lunghezza(v: &str) -> usize {
    v.chars().count()
}

/// `min ≤ length ≤ max` (characters).
pub(super) fn lunghezza_tra(v: &str, min: usize, max: usize) -> bool {
    // Fast path: the byte length bounds the character count from above.
    if v.len() <= max && v.len() >= min && v.is_ascii() {
        return true;
    }
    (min..=max).contains(&lunghezza(v))
}

/// Exactly `n` ASCII digits (`([0-9]{n})`).
pub(super) fn cifre(v: &str, n: usize) -> bool {
    v.len() == n && v.bytes().all(|b| b.is_ascii_digit())
}

/// `^[A-Z][0-9]{3}$`: a Belfiore (cadastral) code.
pub(super) fn belfiore(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// The XSD whitespace of `collapse` types, trimmed.
fn collassa(v: &str) -> &str {
    let spazio = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    let b = v.as_bytes();
    // Usual case: nothing to trim.
    if !b.first().is_some_and(spazio) && !b.last().is_some_and(spazio) {
        return v;
    }
    v.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn due_cifre(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        }
        _ => None,
    }
}

/// An `xs:date` (`YYYY-MM-DD` with an optional time zone `Z` or `±hh:mm`; 4-digit years); `None`
/// when the value is not one.
pub(crate) fn data(v: &str) -> Option<NaiveDate> {
    let b = collassa(v).as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let anno = b[..4]
        .iter()
        .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
    let mese = due_cifre(&b[5..7])?;
    let giorno = due_cifre(&b[8..10])?;
    let tz_ok = match &b[10..] {
        [] | [b'Z'] => true,
        [s, h1, h2, b':', m1, m2] if (*s == b'+' || *s == b'-') => {
            match (due_cifre(&[*h1, *h2]), due_cifre(&[*m1, *m2])) {
                (Some(h), Some(m)) => (h < 14 && m < 60) || (h == 14 && m == 0),
                _ => false,
            }
        }
        _ => false,
    };
    if !tz_ok || anno == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(anno, mese, giorno)
}

/// An `xs:decimal` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decimale {
    /// Not an `xs:decimal`.
    NonValido,
    /// A valid `xs:decimal` that does not fit a 96-bit decimal (not compared).
    FuoriScala,
    /// The value.
    Valore(Decimal),
}

/// Parses an `xs:decimal` (`(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)`, whitespace collapsed).
pub(super) fn decimale(v: &str) -> Decimale {
    let s = collassa(v).as_bytes();
    let (negativo, resto) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (intera, frazione) = match resto.iter().position(|&c| c == b'.') {
        Some(p) => (&resto[..p], Some(&resto[p + 1..])),
        None => (resto, None),
    };
    let frazione = frazione.unwrap_or_default();
    if intera.is_empty() && frazione.is_empty()
        || !intera.iter().all(u8::is_ascii_digit)
        || !frazione.iter().all(u8::is_ascii_digit)
    {
        return Decimale::NonValido;
    }
    // Leading zeros of the integer part and trailing zeros of the fraction do not count.
    let intera = {
        let z = intera.iter().take_while(|&&c| c == b'0').count();
        &intera[z..]
    };
    let frazione = {
        let z = frazione.iter().rev().take_while(|&&c| c == b'0').count();
        &frazione[..frazione.len() - z]
    };
    if intera.len() + frazione.len() > 28 {
        return Decimale::FuoriScala;
    }
    let mut m: i128 = 0;
    for &c in intera.iter().chain(frazione) {
        m = m * 10 + i128::from(c - b'0');
    }
    if negativo {
        m = -m;
    }
    // `frazione.len() ≤ 28` here, so the scale is valid.
    match Decimal::try_from_i128_with_scale(m, frazione.len() as u32) {
        Ok(d) => Decimale::Valore(d),
        Err(_) => Decimale::FuoriScala,
    }
}

/// Hours and minutes of an `OreServizioMensile` value in the `H.MM` encoding of `siuss.md` §4.5:
/// integer part = hours, up to two decimal digits = minutes (one digit `d` means `d0`); `None`
/// when the value is not an `xs:decimal`. Further decimal digits are ignored; hours saturate.
pub(super) fn ore_minuti(v: &str) -> Option<(u64, u32)> {
    if decimale(v) == Decimale::NonValido {
        return None;
    }
    let s = collassa(v).trim_start_matches(['+', '-']);
    let (ore, min) = match s.split_once('.') {
        Some((o, m)) => (o, m),
        None => (s, ""),
    };
    let ore = ore.bytes().fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
    });
    let mb = min.as_bytes();
    let minuti = match mb {
        [] => 0,
        [d] => u32::from(d - b'0') * 10,
        [a, b, ..] => u32::from(a - b'0') * 10 + u32::from(b - b'0'),
    };
    Some((ore, minuti))
}

/// An `xs:int` (`(\+|-)?[0-9]+` in the 32-bit range, whitespace collapsed).
pub(super) fn intero(v: &str) -> Option<i32> {
    let s = collassa(v);
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.strip_prefix('+').unwrap_or(s).parse::<i32>().ok()
}

/// `DataMeseAnnoType` (`((0[1-9])|(1[0-2]))[/](19|20)[0-9]{2}`) as `(year, month)`.
pub(super) fn mese_anno(v: &str) -> Option<(i32, u32)> {
    let b = v.as_bytes();
    if b.len() != 7 || b[2] != b'/' {
        return None;
    }
    let mese = due_cifre(&b[..2])?;
    let secolo = due_cifre(&b[3..5])?;
    let anni = due_cifre(&b[5..7])?;
    if !(1..=12).contains(&mese) || !(secolo == 19 || secolo == 20) {
        return None;
    }
    Some((i32::try_from(secolo * 100 + anni).ok()?, mese))
}

/// The INPS codice fiscale pattern
/// `([A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z])|(\d{11} {0,5})`.
pub(super) fn pattern_cf(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() == 16 && b.iter().take(6).all(u8::is_ascii_alphabetic) {
        let lettera = |i: usize| b[i].is_ascii_alphabetic();
        let cifra = |i: usize| b[i].is_ascii_digit();
        return cifra(6)
            && cifra(7)
            && lettera(8)
            && cifra(9)
            && cifra(10)
            && lettera(11)
            && b[12..15].iter().all(u8::is_ascii_alphanumeric)
            && lettera(15);
    }
    (11..=16).contains(&b.len())
        && b[..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(|&c| c == b' ')
}

/// Omocodia letters (`L`=0 … `V`=9), either case.
fn omocodia(c: u8) -> Option<u8> {
    let i = b"LMNPQRSTUV"
        .iter()
        .position(|&l| l == c.to_ascii_uppercase())?;
    u8::try_from(i).ok()
}

/// A 16-character code that follows the personal structure with omocodia letters in positions 7,
/// 8, 10 or 11 (at least one): it does not match the INPS pattern (`SIUSS-PS-011`).
pub(super) fn omocodico_non_inps(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 16 || !b.iter().take(6).all(u8::is_ascii_alphabetic) {
        return false;
    }
    let pos = [6, 7, 9, 10];
    let ok = |i: usize| b[i].is_ascii_digit() || omocodia(b[i]).is_some();
    pos.iter().all(|&i| ok(i))
        && pos.iter().any(|&i| !b[i].is_ascii_digit())
        && b[8].is_ascii_alphabetic()
        && b[11].is_ascii_alphabetic()
        && b[12..15]
            .iter()
            .all(|&c| c.is_ascii_digit() || omocodia(c).is_some())
        && b[15].is_ascii_alphabetic()
}

/// The two-digit birth year of a 16-character code (omocodia letters decoded).
pub(super) fn anno_cf(v: &str) -> Option<i32> {
    let b = v.as_bytes();
    if b.len() != 16 {
        return None;
    }
    let cifra = |c: u8| {
        if c.is_ascii_digit() {
            Some(c - b'0')
        } else {
            omocodia(c)
        }
    };
    Some(i32::from(cifra(b[6])?) * 10 + i32::from(cifra(b[7])?))
}

/// A flow name in the lenient read form of `siuss.md` §3:
/// `^[A-Za-z0-9]{1,32}\.(PS|PSA|SINA|SINBA)(\.INPS)?\.[0-9]{8}\.[0-9]{1,8}$`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NomeFlusso<'a> {
    /// `{Codice Ente}` (1–32 ASCII letters or digits).
    pub codice_ente: &'a str,
    /// Type segment: `PS`, `PSA`, `SINA` or `SINBA`.
    pub tipo: &'a str,
    /// The optional `.INPS` segment of the INPS examples is present.
    pub inps: bool,
    /// The date segment (`yyyyMMdd`), as written.
    pub data_testo: &'a str,
    /// The date segment as a date; `None` when the 8 digits are not a calendar date.
    pub data: Option<NaiveDate>,
    /// The daily progressive (1–8 digits), as written.
    pub progressivo: &'a str,
}

/// Parses a flow name in the lenient read form (`siuss.md` §3); `None` when it does not match.
///
/// ```
/// use cartella::siuss::regole::analizza_nome;
/// let n = analizza_nome("H501.PS.INPS.20160423.115235").unwrap();
/// assert_eq!((n.codice_ente, n.tipo, n.inps, n.progressivo), ("H501", "PS", true, "115235"));
/// assert!(analizza_nome("H501-PS-20160423-1").is_none());
/// ```
pub fn analizza_nome(nome: &str) -> Option<NomeFlusso<'_>> {
    let mut parti = nome.split('.');
    let codice_ente = parti.next()?;
    let tipo = parti.next()?;
    let mut terza = parti.next()?;
    let inps = terza == "INPS";
    if inps {
        terza = parti.next()?;
    }
    let progressivo = parti.next()?;
    if parti.next().is_some()
        || !(1..=32).contains(&codice_ente.len())
        || !codice_ente.bytes().all(|b| b.is_ascii_alphanumeric())
        || !matches!(tipo, "PS" | "PSA" | "SINA" | "SINBA")
        || !cifre(terza, 8)
        || !(1..=8).contains(&progressivo.len())
        || !progressivo.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let data = NaiveDate::parse_from_str(terza, "%Y%m%d").ok();
    Some(NomeFlusso {
        codice_ente,
        tipo,
        inps,
        data_testo: terza,
        data,
        progressivo,
    })
}

/// Whether a flow name has the form the library writes (`siuss.md` §3):
/// `^[A-Z][0-9]{3}\.(PS|SINBA)\.[0-9]{8}\.[0-9]{7}$`.
///
/// ```
/// use cartella::siuss::regole::nome_conforme_scrittura;
/// assert!(nome_conforme_scrittura("H501.PS.20240115.0000001"));
/// assert!(!nome_conforme_scrittura("H501.PS.INPS.20160423.115235"));
/// ```
pub fn nome_conforme_scrittura(nome: &str) -> bool {
    analizza_nome(nome).is_some_and(|n| {
        belfiore(n.codice_ente)
            && matches!(n.tipo, "PS" | "SINBA")
            && !n.inps
            && n.progressivo.len() == 7
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(data("2024-02-29"), d("2024-02-29"));
        assert_eq!(data(" 2024-02-29Z "), d("2024-02-29"));
        assert_eq!(data("2024-02-29+01:00"), d("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "29/02/2024",
            "2024-02-29T00:00",
            "0000-01-01",
            "2024-02-29+15:00",
            "",
        ] {
            assert_eq!(data(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals() {
        let v = |s: &str| match decimale(s) {
            Decimale::Valore(d) => Some(d.to_string()),
            _ => None,
        };
        assert_eq!(
            v("12.50").as_deref(),
            Some("12.5"),
            "trailing zeros do not count"
        );
        assert_eq!(v("+.5").as_deref(), Some("0.5"));
        assert_eq!(v("-3.").as_deref(), Some("-3"));
        assert_eq!(v(" 007.100 ").as_deref(), Some("7.1"));
        for bad in ["", ".", "1,5", "1e3", "--1", "1.2.3", "abc", "+"] {
            assert_eq!(decimale(bad), Decimale::NonValido, "{bad}");
        }
        assert_eq!(decimale(&"9".repeat(40)), Decimale::FuoriScala);
    }

    #[test]
    fn integers_hours_and_months() {
        assert_eq!(intero(" +07 "), Some(7));
        assert_eq!(intero("-1"), Some(-1));
        assert_eq!(intero("1.0"), None);
        assert_eq!(intero("99999999999"), None);
        assert_eq!(ore_minuti("12.30"), Some((12, 30)));
        assert_eq!(ore_minuti("2.5"), Some((2, 50)));
        assert_eq!(ore_minuti("2"), Some((2, 0)));
        assert_eq!(ore_minuti("2,30"), None);
        assert_eq!(mese_anno("03/2024"), Some((2024, 3)));
        for bad in ["13/2024", "00/2024", "3/2024", "03/2124", "03-2024"] {
            assert_eq!(mese_anno(bad), None, "{bad}");
        }
    }

    #[test]
    fn codice_fiscale_patterns() {
        assert!(pattern_cf("RSSMRA80A01F205X"));
        assert!(pattern_cf("rssmra80a01f205x"));
        assert!(pattern_cf("12345678901"));
        assert!(pattern_cf("12345678901     "));
        assert!(!pattern_cf("12345678901      "));
        assert!(!pattern_cf("RSSMRA8LA01F205X"));
        assert!(omocodico_non_inps("RSSMRA8LA01F205X"));
        assert!(!omocodico_non_inps("RSSMRA80A01F205X"));
        assert_eq!(anno_cf("RSSMRAULA01F205X"), Some(80));
    }

    #[test]
    fn flow_names() {
        let n = analizza_nome("F205.SINBA.20250115.0000001").unwrap();
        assert_eq!(n.tipo, "SINBA");
        assert_eq!(n.data, NaiveDate::from_ymd_opt(2025, 1, 15));
        assert!(analizza_nome("F205.PS.20251315.1").unwrap().data.is_none());
        for bad in [
            "F205.XX.20250115.1",
            "F205.PS.2025011.1",
            "F205.PS.20250115.123456789",
            ".PS.20250115.1",
            "F205.PS.20250115.1.2",
            "F205.PS.INPS",
        ] {
            assert!(analizza_nome(bad).is_none(), "{bad}");
        }
        assert!(nome_conforme_scrittura("F205.SINBA.20250115.0000001"));
        assert!(!nome_conforme_scrittura("F205.PSA.20250115.0000001"));
        assert!(!nome_conforme_scrittura("F205.PS.20250115.1"));
    }
}
