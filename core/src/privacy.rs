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
    let t = value.trim();
    let n = t.chars().count();
    if n < 8 {
        return "*".repeat(n);
    }
    // Byte offsets of the seventh character and of the last one (no intermediate vector).
    let settimo = t.char_indices().nth(6).map_or(t.len(), |(i, _)| i);
    let ultimo = t.char_indices().next_back().map_or(t.len(), |(i, _)| i);
    let mut out = String::with_capacity(t.len());
    out.push_str(t.get(..settimo).unwrap_or_default());
    out.extend(std::iter::repeat_n('*', n - 7));
    out.push_str(t.get(ultimo..).unwrap_or_default());
    out
}

/// Masks, with [`maschera_cf`], every alphanumeric run that could be or hide a codice fiscale: 11
/// or more characters containing a digit (numeric CF, alphanumeric CF in any case, omocodia
/// included), or 16 or more upper-case letters. Field names and enum tokens are not touched;
/// over-masking an unrelated token is harmless, leaking a code is not.
/// Used for every diagnostic text that may echo input (parse errors, binding and CLI errors).
///
/// ```
/// use cartella::privacy::maschera_testo;
/// assert_eq!(maschera_testo("invalid value RSSMRA80A01H501U at line 3"), "invalid value RSSMRA*********U at line 3");
/// assert_eq!(maschera_testo("\"rssmra80a01h501u\""), "\"rssmra*********u\"");
/// ```
pub fn maschera_testo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        let con_cifre = n >= 11 && run.chars().any(|c| c.is_ascii_digit());
        let maiuscole = n >= 16 && run.chars().all(char::is_uppercase);
        if con_cifre || maiuscole {
            out.push_str(&maschera_cf(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masking_agrees_with_the_char_definition() {
        let per_caratteri = |value: &str| {
            let chars: Vec<char> = value.trim().chars().collect();
            let n = chars.len();
            if n >= 8 {
                chars[..6]
                    .iter()
                    .chain(std::iter::repeat_n(&'*', n - 7))
                    .chain(&chars[n - 1..])
                    .collect::<String>()
            } else {
                "*".repeat(n)
            }
        };
        for s in [
            "",
            " ",
            "RSSMRA",
            "RSSMRA8",
            "RSSMRA80",
            "RSSMRA80A01H501U",
            " rssmra80a01h501u\t",
            "01234567897",
            "AB CD EFGH",
            "ÀBCDÉFGHI",
            "RSSMRA80A01H501Ü",
            "\u{a0}RSSMRA80A01H501U\u{a0}",
        ] {
            assert_eq!(maschera_cf(s), per_caratteri(s), "{s:?}");
        }
    }

    #[test]
    fn masking_of_free_text() {
        assert_eq!(
            maschera_testo("unknown variant `RSSMRA80A01F205X`, expected `M`"),
            "unknown variant `RSSMRA*********X`, expected `M`"
        );
        assert_eq!(maschera_testo("2024-01-10 ok"), "2024-01-10 ok");
        assert_eq!(maschera_testo("cf 01234567897."), "cf 012345****7.");
        let tokens = "`VALUTAZIONE_DEL_BISOGNO`, `necessita_interventi_sociosanitari`";
        assert_eq!(maschera_testo(tokens), tokens);
    }
}
