//! XML writer of the INPS flows (`siuss.md` §1, §4.1, §4.6, §6.1).
//!
//! Output format (deterministic, compact):
//!
//! - `<?xml version="1.0" encoding="UTF-8"?>` then the root `Flusso` with the INPS namespace as
//!   default namespace (`xmlns="http://inps.it/Casellario"`), no `xsi:schemaLocation`;
//! - **one element per line, no indentation**: every start, empty or end tag is on a line of its
//!   own, text-valued elements (`CodicePrestazione`, `InvCiv`, `ComposizioneFamiglia`) are one line
//!   each (`<InvCiv>1</InvCiv>`); every line, the last included, ends with `\n`;
//! - attributes in XSD declaration order (the `ATTRIBUTI` tables of [`super::flusso`]), only those
//!   present, separated by one space, values in double quotes;
//! - elements without children are written as empty tags (`<Indirizzo CodiceNazione="380"/>`);
//! - the optional SINA containers `NecessitaInterventiSociali` and `InvaliditaCivile` are written
//!   only when they have at least one child (§4.6); the required ones (`Anagrafica`, `Prestazioni`,
//!   `Famiglia`) are always written, empty if need be (the flow rules report them).
//!
//! Escaping: `&`, `<`, `>` and (in attributes) `"` as entities; in attributes tab, line feed and
//! carriage return as character references (`&#9;`, `&#10;`, `&#13;`) so that attribute-value
//! normalisation does not turn them into spaces; in text, carriage return as `&#13;`. Characters
//! XML 1.0 cannot represent at all (C0 controls other than tab, LF, CR; U+FFFE; U+FFFF) are written
//! as U+FFFD: such values never satisfy the XSD, and the flow rules report the original value.

use std::io::Write;

use super::flusso::{
    Beneficiario, Flusso, IdentificazioneFlusso, PrestazioniSociali, Sinba, TipoFlusso, NAMESPACE,
};
use crate::error::CartellaError;

/// The XML declaration written first.
pub const DICHIARAZIONE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>"#;

/// Whether XML 1.0 can represent the character (`Char` production).
fn carattere_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends an attribute value, escaped.
fn scrivi_valore_attributo(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if carattere_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Appends text content, escaped.
fn scrivi_testo(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if carattere_xml(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Appends `<nome a="v" …` (without the closing `>` or `/>`).
fn apri<'a>(
    out: &mut String,
    nome: &str,
    attributi: impl Iterator<Item = (&'static str, &'a str)>,
) {
    out.push('<');
    out.push_str(nome);
    for (a, v) in attributi {
        out.push(' ');
        out.push_str(a);
        out.push_str("=\"");
        scrivi_valore_attributo(out, v);
        out.push('"');
    }
}

/// Appends `>\n` (the element has children) or `/>\n` (it has none).
fn chiudi_apertura(out: &mut String, con_figli: bool) {
    out.push_str(if con_figli { ">\n" } else { "/>\n" });
}

/// Appends `</nome>\n`.
fn chiudi(out: &mut String, nome: &str) {
    out.push_str("</");
    out.push_str(nome);
    out.push_str(">\n");
}

/// Appends a container of text-valued elements (`<Prestazioni>` with `<CodicePrestazione>` …).
fn contenitore_testi(out: &mut String, nome: &str, figlio: &str, testi: &[String]) {
    apri(out, nome, std::iter::empty());
    chiudi_apertura(out, !testi.is_empty());
    if testi.is_empty() {
        return;
    }
    for t in testi {
        out.push('<');
        out.push_str(figlio);
        out.push('>');
        scrivi_testo(out, t);
        chiudi(out, figlio);
    }
    chiudi(out, nome);
}

/// Appends the declaration, the root start tag and `IdentificazioneFlusso`.
fn intestazione(out: &mut String, id: &IdentificazioneFlusso) {
    out.push_str(DICHIARAZIONE);
    out.push('\n');
    out.push_str("<Flusso xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n");
    apri(out, "IdentificazioneFlusso", id.presenti());
    chiudi_apertura(out, true);
    apri(out, "Ente", id.ente.presenti());
    chiudi_apertura(out, false);
    chiudi(out, "IdentificazioneFlusso");
}

/// Appends the root end tag.
fn coda(out: &mut String) {
    chiudi(out, "Flusso");
}

fn prestazione(out: &mut String, p: &PrestazioniSociali) {
    apri(out, "PrestazioniSociali", p.presenti());
    let Some(sina) = &p.sina else {
        chiudi_apertura(out, false);
        return;
    };
    chiudi_apertura(out, true);
    let necessita = sina
        .necessita_interventi_sociali
        .as_ref()
        .filter(|n| !n.codici_prestazione.is_empty());
    let invalidita = sina
        .invalidita_civile
        .as_ref()
        .filter(|i| !i.inv_civ.is_empty());
    apri(out, "SINA", sina.presenti());
    chiudi_apertura(out, necessita.is_some() || invalidita.is_some());
    if necessita.is_some() || invalidita.is_some() {
        if let Some(n) = necessita {
            contenitore_testi(
                out,
                "NecessitaInterventiSociali",
                "CodicePrestazione",
                &n.codici_prestazione,
            );
        }
        if let Some(i) = invalidita {
            contenitore_testi(out, "InvaliditaCivile", "InvCiv", &i.inv_civ);
        }
        chiudi(out, "SINA");
    }
    chiudi(out, "PrestazioniSociali");
}

/// Appends one `Beneficiario` element.
fn beneficiario(out: &mut String, b: &Beneficiario) {
    apri(out, "Beneficiario", b.presenti());
    chiudi_apertura(out, true);
    apri(out, "Anagrafica", b.anagrafica.presenti());
    chiudi_apertura(out, false);
    for i in &b.indirizzi {
        apri(out, "Indirizzo", i.presenti());
        chiudi_apertura(out, false);
    }
    for p in &b.prestazioni_sociali {
        prestazione(out, p);
    }
    chiudi(out, "Beneficiario");
}

/// Appends one `SINBA` element.
fn sinba(out: &mut String, s: &Sinba) {
    apri(out, "SINBA", s.presenti());
    chiudi_apertura(out, true);
    contenitore_testi(
        out,
        "Prestazioni",
        "CodicePrestazione",
        &s.prestazioni.codici_prestazione,
    );
    contenitore_testi(
        out,
        "Famiglia",
        "ComposizioneFamiglia",
        &s.famiglia.composizione_famiglia,
    );
    chiudi(out, "SINBA");
}

/// Writes a whole flow as a string (format: see the [module documentation](self)).
///
/// ```
/// use cartella::siuss::{xml::scrivi, Flusso, FlussoSinba};
/// let x = scrivi(&Flusso::Sinba(FlussoSinba::default()));
/// assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Flusso xmlns=\"http://inps.it/Casellario\">\n"));
/// assert!(x.ends_with("</Flusso>\n"));
/// ```
pub fn scrivi(f: &Flusso) -> String {
    let mut out = String::with_capacity(1024);
    intestazione(&mut out, f.identificazione());
    match f {
        Flusso::PsPsaSina(f) => f.beneficiari.iter().for_each(|b| beneficiario(&mut out, b)),
        Flusso::Sinba(f) => f.sinba.iter().for_each(|s| sinba(&mut out, s)),
    }
    coda(&mut out);
    out
}

/// Writes a whole flow to a writer (UTF-8), item by item through a [`ScrittoreFlusso`].
///
/// # Errors
/// [`CartellaError::Io`] when the writer fails.
pub fn scrivi_to<W: Write>(w: W, f: &Flusso) -> Result<(), CartellaError> {
    let mut s = ScrittoreFlusso::nuovo(w, f.tipo(), f.identificazione())?;
    match f {
        Flusso::PsPsaSina(f) => {
            for b in &f.beneficiari {
                s.beneficiario(b)?;
            }
        }
        Flusso::Sinba(f) => {
            for x in &f.sinba {
                s.sinba(x)?;
            }
        }
    }
    s.fine()?;
    Ok(())
}

/// Streaming writer of an upload flow: the header first, then one item at a time, then
/// [`fine`](Self::fine). Memory does not grow with the number of items: each item is formatted
/// in a reused buffer and handed to the writer with one `write_all` (wrap a file in a
/// `BufWriter` for fewer system calls).
///
/// The output is byte-identical to [`scrivi`] of the same flow.
///
/// ```
/// use cartella::siuss::{xml::ScrittoreFlusso, Beneficiario, IdentificazioneFlusso, TipoFlusso};
/// let mut s = ScrittoreFlusso::nuovo(Vec::new(), TipoFlusso::PsPsaSina, &IdentificazioneFlusso::default()).unwrap();
/// s.beneficiario(&Beneficiario::default()).unwrap();
/// assert!(s.sinba(&Default::default()).is_err()); // wrong item for a PS-PSA-SINA flow
/// let xml = String::from_utf8(s.fine().unwrap()).unwrap();
/// assert_eq!(xml.matches("<Beneficiario>").count(), 1);
/// ```
#[derive(Debug)]
pub struct ScrittoreFlusso<W: Write> {
    w: W,
    tipo: TipoFlusso,
    buf: String,
    elementi: usize,
}

impl<W: Write> ScrittoreFlusso<W> {
    /// Starts a flow of type `tipo`: writes the declaration, the root start tag and
    /// `IdentificazioneFlusso`.
    ///
    /// # Errors
    /// [`CartellaError::Io`] when the writer fails.
    pub fn nuovo(
        w: W,
        tipo: TipoFlusso,
        identificazione: &IdentificazioneFlusso,
    ) -> Result<Self, CartellaError> {
        let mut s = ScrittoreFlusso {
            w,
            tipo,
            buf: String::with_capacity(4096),
            elementi: 0,
        };
        intestazione(&mut s.buf, identificazione);
        s.scarica()?;
        Ok(s)
    }

    /// The type of the flow being written.
    pub fn tipo(&self) -> TipoFlusso {
        self.tipo
    }

    /// How many items were written so far.
    pub fn elementi(&self) -> usize {
        self.elementi
    }

    fn scarica(&mut self) -> Result<(), CartellaError> {
        self.w.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        // Keep the buffer from holding on to the memory of one exceptionally large item.
        if self.buf.capacity() > 1 << 20 {
            self.buf.shrink_to(4096);
        }
        Ok(())
    }

    fn controlla(&self, atteso: TipoFlusso) -> Result<(), CartellaError> {
        if self.tipo == atteso {
            Ok(())
        } else {
            Err(CartellaError::Argomento {
                name: "tipo",
                message: format!(
                    "a {} item cannot be written in a {} flow",
                    atteso.as_str(),
                    self.tipo.as_str()
                ),
            })
        }
    }

    /// Writes one `Beneficiario`.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the flow is a SINBA flow; [`CartellaError::Io`] when the
    /// writer fails.
    pub fn beneficiario(&mut self, b: &Beneficiario) -> Result<(), CartellaError> {
        self.controlla(TipoFlusso::PsPsaSina)?;
        beneficiario(&mut self.buf, b);
        self.elementi += 1;
        self.scarica()
    }

    /// Writes one `SINBA`.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the flow is a PS-PSA-SINA flow; [`CartellaError::Io`]
    /// when the writer fails.
    pub fn sinba(&mut self, s: &Sinba) -> Result<(), CartellaError> {
        self.controlla(TipoFlusso::Sinba)?;
        sinba(&mut self.buf, s);
        self.elementi += 1;
        self.scarica()
    }

    /// Writes the root end tag, flushes and returns the writer. Writing a flow without items is
    /// allowed (the result is not valid against the XSD, which requires at least one item).
    ///
    /// # Errors
    /// [`CartellaError::Io`] when the writer fails.
    pub fn fine(mut self) -> Result<W, CartellaError> {
        coda(&mut self.buf);
        self.scarica()?;
        self.w.flush()?;
        Ok(self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::siuss::flusso::*;

    #[test]
    fn escaping_of_attributes_and_text() {
        let mut s = String::new();
        scrivi_valore_attributo(&mut s, "a&b<c>\"d'\t\n\r\u{1}é");
        assert_eq!(s, "a&amp;b&lt;c&gt;&quot;d'&#9;&#10;&#13;\u{FFFD}é");
        let mut t = String::new();
        scrivi_testo(&mut t, "a&<>\"\r\n\u{FFFF}");
        assert_eq!(t, "a&amp;&lt;&gt;\"&#13;\n\u{FFFD}");
    }

    #[test]
    fn layout_and_containers() {
        let mut p = PrestazioniSociali {
            codice_prestazione: Some("A1.01".into()),
            presa_carico: Some("1".into()),
            tipo_operazione: Some("I".into()),
            ..Default::default()
        };
        p.sina = Some(Sina {
            mobilita: Some("1".into()),
            necessita_interventi_sociali: Some(NecessitaInterventiSociali::default()),
            invalidita_civile: Some(InvaliditaCivile {
                inv_civ: vec!["3".into()],
            }),
            ..Default::default()
        });
        let f = Flusso::PsPsaSina(FlussoPsPsaSina {
            identificazione_flusso: IdentificazioneFlusso {
                nome: Some("F205.PS.20240305.0000012".into()),
                ente: Ente {
                    codice: Some("F205".into()),
                    ..Default::default()
                },
            },
            beneficiari: vec![Beneficiario {
                codice_fiscale: Some("RSSMRA80A01H501U".into()),
                indirizzi: vec![Indirizzo {
                    codice_nazione: Some("380".into()),
                    ..Default::default()
                }],
                prestazioni_sociali: vec![p],
                ..Default::default()
            }],
        });
        let atteso = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Flusso xmlns=\"http://inps.it/Casellario\">
<IdentificazioneFlusso Nome=\"F205.PS.20240305.0000012\">
<Ente Codice=\"F205\"/>
</IdentificazioneFlusso>
<Beneficiario CodiceFiscale=\"RSSMRA80A01H501U\">
<Anagrafica/>
<Indirizzo CodiceNazione=\"380\"/>
<PrestazioniSociali TipoOperazione=\"I\" CodicePrestazione=\"A1.01\" PresaCarico=\"1\">
<SINA Mobilita=\"1\">
<InvaliditaCivile>
<InvCiv>3</InvCiv>
</InvaliditaCivile>
</SINA>
</PrestazioniSociali>
</Beneficiario>
</Flusso>
";
        assert_eq!(scrivi(&f), atteso);
        let mut v = Vec::new();
        scrivi_to(&mut v, &f).unwrap();
        assert_eq!(String::from_utf8(v).unwrap(), atteso);
    }
}
