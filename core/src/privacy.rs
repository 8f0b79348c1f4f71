//! Library-level privacy measures (`privacy.md`): masking of codici fiscali in diagnostics.

/// Masks a codice fiscale (or any identifier) for diagnostics (`privacy.md` §4, decision D5).
///
/// The value is trimmed; if it has at least 8 characters the first 6 and the last one are kept and
/// every character in between becomes `*`; shorter values are masked entirely.
///
/// ```
/// use cartella::privacy::maschera_cf;
/// assert_eq!(maschera_cf("RSSMRA80A01H501U"), "RSSMRA*********U");
/// assert_eq!(maschera_cf("01234567897"), "012345****7");
/// assert_eq!(maschera_cf("RSSMRA"), "******");
/// ```
pub fn maschera_cf(value: &str) -> String {
    let chars: Vec<char> = value.trim().chars().collect();
    let n = chars.len();
    if n >= 8 {
        let mut out = String::with_capacity(n);
        out.extend(&chars[..6]);
        out.extend(std::iter::repeat_n('*', n - 7));
        out.push(chars[n - 1]);
        out
    } else {
        "*".repeat(n)
    }
}
