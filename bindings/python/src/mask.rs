//! Masking of error texts produced by serde for values given through the binding (lifecycle
//! payloads, registry rows): anything that could be a codice fiscale is masked with
//! [`cartella::privacy::maschera_cf`], as the core does for its own parse errors.
//!
//! The core's equivalent (`json::maschera_identificativi`) is crate-private; this mirrors it
//! (same criteria) until the core exposes it.

/// Masks every alphanumeric run that could be or hide a codice fiscale: 11 digits, or 16 or more
/// characters containing a digit or all upper-case.
pub fn maschera_testo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        let numerico = n == 11 && run.chars().all(|c| c.is_ascii_digit());
        let alfanumerico = n >= 16
            && (run.chars().any(|c| c.is_ascii_digit()) || run.chars().all(char::is_uppercase));
        if numerico || alfanumerico {
            out.push_str(&cartella::privacy::maschera_cf(run));
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
