//! The reports of `cartella conformance run`: a self-contained HTML page (inline CSS, no script,
//! no external asset), a JSON summary and a JUnit XML file, all rendered from one
//! [`Certificazione`].
//!
//! Privacy: file labels and free text (parse errors) are masked with
//! `cartella::privacy::maschera_testo` before they get here; finding messages, paths and the
//! directory name are masked again when written, so no output holds a full codice fiscale.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use cartella::rules::{regola, Issue, Report, Severity};
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::documento::TipoDocumento;
use crate::output::{mask_identifiers, ProfileArg};

/// What the runner made of one file.
pub enum Stato {
    /// Read and validated.
    Validato {
        /// Kind of document.
        tipo: TipoDocumento,
        /// The findings.
        report: Report,
    },
    /// Could not be read or parsed.
    Illeggibile {
        /// Kind of document, when the content was read.
        tipo: Option<TipoDocumento>,
        /// Why (masked).
        messaggio: String,
        /// Reader findings of an unreadable XML message.
        issues: Vec<Issue>,
    },
    /// Not a document (neither JSON nor XML): not judged.
    Saltato {
        /// Why.
        motivo: String,
    },
}

/// One file of the export directory.
pub struct EsitoFile {
    /// Path relative to the export directory, `/`-separated, masked.
    pub file: String,
    /// What happened.
    pub stato: Stato,
    /// Time spent on it, in seconds.
    pub secondi: f64,
}

/// Verdict on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdettoFile {
    /// No error-severity finding.
    Valido,
    /// At least one error-severity finding.
    Invalido,
    /// Could not be read or parsed.
    Illeggibile,
    /// Not a document.
    Saltato,
}

impl VerdettoFile {
    /// `valid`, `invalid`, `unreadable`, `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            VerdettoFile::Valido => "valid",
            VerdettoFile::Invalido => "invalid",
            VerdettoFile::Illeggibile => "unreadable",
            VerdettoFile::Saltato => "skipped",
        }
    }
}

impl EsitoFile {
    /// The verdict on the file.
    pub fn verdetto(&self) -> VerdettoFile {
        match &self.stato {
            Stato::Validato { report, .. } if report.is_valid() => VerdettoFile::Valido,
            Stato::Validato { .. } => VerdettoFile::Invalido,
            Stato::Illeggibile { .. } => VerdettoFile::Illeggibile,
            Stato::Saltato { .. } => VerdettoFile::Saltato,
        }
    }

    /// The findings of the file (reader findings for an unreadable XML message).
    pub fn issues(&self) -> &[Issue] {
        match &self.stato {
            Stato::Validato { report, .. } => &report.issues,
            Stato::Illeggibile { issues, .. } => issues,
            Stato::Saltato { .. } => &[],
        }
    }

    fn tipo(&self) -> Option<TipoDocumento> {
        match &self.stato {
            Stato::Validato { tipo, .. } => Some(*tipo),
            Stato::Illeggibile { tipo, .. } => *tipo,
            Stato::Saltato { .. } => None,
        }
    }

    fn conta(&self, severity: Severity) -> usize {
        self.issues()
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    }
}

/// File counts of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totali {
    /// Files judged (every file but the skipped ones).
    pub documenti: usize,
    /// Valid documents.
    pub validi: usize,
    /// Documents with an error-severity finding.
    pub invalidi: usize,
    /// Documents that could not be read or parsed.
    pub illeggibili: usize,
    /// Files that are not documents.
    pub saltati: usize,
    /// Error findings.
    pub errori: usize,
    /// Warning findings.
    pub avvisi: usize,
    /// Notices.
    pub notifiche: usize,
}

/// Findings of one rule across the run.
pub struct ConteggioRegola {
    /// Rule id.
    pub rule_id: String,
    /// The most severe severity of its findings.
    pub severity: Severity,
    /// Number of findings.
    pub findings: usize,
    /// Number of files with at least one finding.
    pub files: usize,
}

/// A whole run: the inputs of the three reports.
pub struct Certificazione {
    /// The export directory as given (masked).
    pub directory: String,
    /// When the run happened (local time).
    pub generato: String,
    /// The `--profile` option.
    pub profilo: ProfileArg,
    /// The validation date.
    pub as_of: NaiveDate,
    /// Version of the library and of the tool.
    pub versione: &'static str,
    /// Every file, in path order.
    pub file: Vec<EsitoFile>,
}

fn rango(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn plurale(n: usize, uno: &str, molti: &str) -> String {
    format!("{n} {}", if n == 1 { uno } else { molti })
}

impl Certificazione {
    /// File and finding counts.
    pub fn totali(&self) -> Totali {
        let mut t = Totali::default();
        for f in &self.file {
            match f.verdetto() {
                VerdettoFile::Valido => t.validi += 1,
                VerdettoFile::Invalido => t.invalidi += 1,
                VerdettoFile::Illeggibile => t.illeggibili += 1,
                VerdettoFile::Saltato => t.saltati += 1,
            }
            t.errori += f.conta(Severity::Error);
            t.avvisi += f.conta(Severity::Warning);
            t.notifiche += f.conta(Severity::Info);
        }
        t.documenti = t.validi + t.invalidi + t.illeggibili;
        t
    }

    /// Whether the directory conforms: at least one document, none invalid or unreadable.
    pub fn conforme(&self) -> bool {
        let t = self.totali();
        t.documenti > 0 && t.invalidi == 0 && t.illeggibili == 0
    }

    /// `CONFORMS` or `DOES NOT CONFORM`.
    pub fn verdetto(&self) -> &'static str {
        if self.conforme() {
            "CONFORMS"
        } else {
            "DOES NOT CONFORM"
        }
    }

    /// Findings per rule: most severe first, then by rule id.
    pub fn per_regola(&self) -> Vec<ConteggioRegola> {
        let mut mappa: BTreeMap<&str, ConteggioRegola> = BTreeMap::new();
        for f in &self.file {
            let mut viste: Vec<&str> = Vec::new();
            for i in f.issues() {
                let c = mappa
                    .entry(i.rule_id.as_str())
                    .or_insert_with(|| ConteggioRegola {
                        rule_id: i.rule_id.clone(),
                        severity: i.severity,
                        findings: 0,
                        files: 0,
                    });
                c.findings += 1;
                if rango(i.severity) < rango(c.severity) {
                    c.severity = i.severity;
                }
                if !viste.contains(&i.rule_id.as_str()) {
                    viste.push(i.rule_id.as_str());
                    c.files += 1;
                }
            }
        }
        let mut v: Vec<ConteggioRegola> = mappa.into_values().collect();
        v.sort_by(|a, b| {
            rango(a.severity)
                .cmp(&rango(b.severity))
                .then_with(|| a.rule_id.cmp(&b.rule_id))
        });
        v
    }

    fn riassunto(&self) -> String {
        let t = self.totali();
        format!(
            "{}: {} valid, {} invalid, {} unreadable; {} skipped",
            plurale(t.documenti, "document", "documents"),
            t.validi,
            t.invalidi,
            t.illeggibili,
            plurale(t.saltati, "file", "files")
        )
    }

    // -----------------------------------------------------------------------------------------
    // summary.json
    // -----------------------------------------------------------------------------------------

    /// The JSON summary (pretty-printed, with a final newline).
    pub fn summary_json(&self) -> String {
        let t = self.totali();
        let files: Vec<Value> = self
            .file
            .iter()
            .map(|f| {
                let mut v = json!({
                    "file": f.file,
                    "format": f.tipo().map(TipoDocumento::etichetta),
                    "verdict": f.verdetto().as_str(),
                    "counts": {
                        "error": f.conta(Severity::Error),
                        "warning": f.conta(Severity::Warning),
                        "info": f.conta(Severity::Info),
                    },
                    "findings": f.issues().iter().map(|i| json!({
                        "rule_id": i.rule_id,
                        "severity": i.severity.as_str(),
                        "path": mask_identifiers(&i.path),
                    })).collect::<Vec<_>>(),
                });
                if let Some(obj) = v.as_object_mut() {
                    match &f.stato {
                        Stato::Illeggibile { messaggio, .. } => {
                            obj.insert("error".into(), Value::String(messaggio.clone()));
                        }
                        Stato::Saltato { motivo } => {
                            obj.insert("reason".into(), Value::String(motivo.clone()));
                        }
                        Stato::Validato { .. } => {}
                    }
                }
                v
            })
            .collect();
        let rules: Vec<Value> = self
            .per_regola()
            .iter()
            .map(|c| {
                let def = regola(&c.rule_id);
                json!({
                    "rule_id": c.rule_id,
                    "severity": c.severity.as_str(),
                    "findings": c.findings,
                    "files": c.files,
                    "description": def.map(|r| r.description.clone()),
                    "source": def.map(|r| r.source.clone()),
                    "reference": def.map(|r| r.reference.clone()),
                })
            })
            .collect();
        let v = json!({
            "tool": "cartella conformance run",
            "library_version": self.versione,
            "model_version": cartella::VERSIONE_MODELLO,
            "directory": self.directory,
            "generated": self.generato,
            "profile": self.profilo.profile().as_str(),
            "profiles": self.profilo.cumulative_label(),
            "as_of": self.as_of.format("%Y-%m-%d").to_string(),
            "verdict": self.verdetto(),
            "conforms": self.conforme(),
            "totals": {
                "documents": t.documenti,
                "valid": t.validi,
                "invalid": t.invalidi,
                "unreadable": t.illeggibili,
                "skipped": t.saltati,
                "findings": {"error": t.errori, "warning": t.avvisi, "info": t.notifiche},
            },
            "rules": rules,
            "files": files,
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".to_string());
        s.push('\n');
        s
    }

    // -----------------------------------------------------------------------------------------
    // junit.xml
    // -----------------------------------------------------------------------------------------

    /// The JUnit XML file: one `testsuite`, one `testcase` per file; a `failure` for invalid and
    /// unreadable files, `skipped` for files that are not documents.
    pub fn junit_xml(&self) -> String {
        let t = self.totali();
        let tempo: f64 = self.file.iter().map(|f| f.secondi).sum();
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<testsuites name=\"cartella conformance\" tests=\"{}\" failures=\"{}\" errors=\"0\" \
             skipped=\"{}\" time=\"{tempo:.3}\">",
            self.file.len(),
            t.invalidi + t.illeggibili,
            t.saltati
        );
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" \
             time=\"{tempo:.3}\">",
            xml(&format!("conformance {}", self.directory)),
            self.file.len(),
            t.invalidi + t.illeggibili,
            t.saltati
        );
        s.push_str("    <properties>\n");
        for (k, v) in [
            ("directory", self.directory.clone()),
            ("generated", self.generato.clone()),
            ("profile", self.profilo.cumulative_label().to_string()),
            ("as_of", self.as_of.format("%Y-%m-%d").to_string()),
            ("library_version", self.versione.to_string()),
            ("verdict", self.verdetto().to_string()),
        ] {
            let _ = writeln!(
                s,
                "      <property name=\"{}\" value=\"{}\"/>",
                xml(k),
                xml(&v)
            );
        }
        s.push_str("    </properties>\n");
        for f in &self.file {
            let classe = f.tipo().map_or("not a document", TipoDocumento::etichetta);
            let _ = write!(
                s,
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                xml(&format!("conformance.{classe}")),
                xml(&f.file),
                f.secondi
            );
            match (&f.stato, f.verdetto()) {
                (Stato::Saltato { motivo }, _) => {
                    let _ = writeln!(
                        s,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        xml(motivo)
                    );
                }
                (Stato::Illeggibile { messaggio, .. }, _) => {
                    let mut corpo = format!("{messaggio}\n");
                    for i in f.issues().iter().filter(|i| i.severity == Severity::Error) {
                        corpo.push_str(&riga(i));
                    }
                    let _ = writeln!(
                        s,
                        ">\n      <failure type=\"unreadable\" message=\"{}\">{}</failure>\n    \
                         </testcase>",
                        xml(&format!("unreadable: {messaggio}")),
                        xml_testo(&corpo)
                    );
                }
                (_, VerdettoFile::Invalido) => {
                    let errori: Vec<&Issue> = f
                        .issues()
                        .iter()
                        .filter(|i| i.severity == Severity::Error)
                        .collect();
                    let mut corpo = String::new();
                    for i in &errori {
                        corpo.push_str(&riga(i));
                    }
                    let mut ids: Vec<&str> = Vec::new();
                    for i in &errori {
                        if !ids.contains(&i.rule_id.as_str()) {
                            ids.push(i.rule_id.as_str());
                        }
                    }
                    let _ = writeln!(
                        s,
                        ">\n      <failure type=\"invalid\" message=\"{}\">{}</failure>\n    \
                         </testcase>",
                        xml(&format!(
                            "{}: {}",
                            plurale(errori.len(), "error finding", "error findings"),
                            ids.join(", ")
                        )),
                        xml_testo(&corpo)
                    );
                }
                _ => s.push_str("/>\n"),
            }
        }
        s.push_str("  </testsuite>\n</testsuites>\n");
        s
    }

    // -----------------------------------------------------------------------------------------
    // report.html
    // -----------------------------------------------------------------------------------------

    /// The self-contained HTML report.
    pub fn html(&self) -> String {
        let t = self.totali();
        let conforme = self.conforme();
        let mut s = String::with_capacity(64 * 1024);
        s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        let _ = writeln!(
            s,
            "<title>Conformance report — {} — {}</title>",
            html(&self.directory),
            self.verdetto()
        );
        s.push_str(CSS);
        s.push_str("</head>\n<body>\n");
        s.push_str(
            "<header><h1>Cartella conformance report</h1>\n<p class=\"sub\">Cartella Sociale \
             Informatizzata (Regione Lombardia, d.g.r. X/5499/2016) — interscambio HL7 v3 and \
             INPS SIUSS flows</p></header>\n",
        );

        // Summary.
        s.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
        let _ = writeln!(
            s,
            "<p id=\"verdict\" class=\"verdict {}\">{}</p>",
            if conforme { "ok" } else { "ko" },
            self.verdetto()
        );
        let _ = writeln!(s, "<p id=\"totals\">{}</p>", html(&self.riassunto()));
        s.push_str("<table class=\"kv\">\n");
        let righe = [
            ("Directory", self.directory.clone()),
            ("Date", self.generato.clone()),
            (
                "Profile",
                format!(
                    "{} ({})",
                    self.profilo.profile().as_str(),
                    self.profilo.cumulative_label()
                ),
            ),
            ("As of", self.as_of.format("%Y-%m-%d").to_string()),
            (
                "Library version",
                format!(
                    "cartella {} (canonical model {})",
                    self.versione,
                    cartella::VERSIONE_MODELLO
                ),
            ),
            ("Documents", t.documenti.to_string()),
            ("Valid", t.validi.to_string()),
            ("Invalid", t.invalidi.to_string()),
            ("Unreadable", t.illeggibili.to_string()),
            ("Skipped (not documents)", t.saltati.to_string()),
            (
                "Findings",
                format!(
                    "{}, {}, {}",
                    plurale(t.errori, "error", "errors"),
                    plurale(t.avvisi, "warning", "warnings"),
                    plurale(t.notifiche, "notice", "notices")
                ),
            ),
        ];
        for (k, v) in righe {
            let _ = writeln!(s, "<tr><th>{}</th><td>{}</td></tr>", html(k), html(&v));
        }
        s.push_str("</table>\n");
        s.push_str(
            "<p class=\"note\">The directory conforms when it holds at least one document and no \
             document has an error-severity finding or cannot be read. Warnings and notices do not \
             affect the verdict. Files that are neither JSON nor XML are skipped. Codici fiscali \
             are masked (<code>RSSMRA*********U</code>).</p>\n</section>\n",
        );

        // Files overview.
        s.push_str("<section id=\"files\">\n<h2>Files</h2>\n");
        s.push_str(
            "<table class=\"grid\">\n<thead><tr><th>File</th><th>Format</th><th>Verdict</th>\
             <th>Errors</th><th>Warnings</th><th>Notices</th></tr></thead>\n<tbody>\n",
        );
        for (n, f) in self.file.iter().enumerate() {
            let v = f.verdetto();
            let _ = writeln!(
                s,
                "<tr><td><a href=\"#file-{n}\">{}</a></td><td>{}</td><td><span class=\"badge \
                 {}\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td></tr>",
                html(&f.file),
                html(f.tipo().map_or("—", TipoDocumento::etichetta)),
                v.as_str(),
                v.as_str(),
                f.conta(Severity::Error),
                f.conta(Severity::Warning),
                f.conta(Severity::Info),
            );
        }
        s.push_str("</tbody>\n</table>\n</section>\n");

        // Findings per file.
        s.push_str("<section id=\"findings\">\n<h2>Findings per file</h2>\n");
        for (n, f) in self.file.iter().enumerate() {
            let v = f.verdetto();
            let _ = writeln!(
                s,
                "<article class=\"file\" id=\"file-{n}\">\n<h3>{} <span class=\"badge {}\">{}</span></h3>",
                html(&f.file),
                v.as_str(),
                v.as_str()
            );
            match &f.stato {
                Stato::Saltato { motivo } => {
                    let _ = writeln!(
                        s,
                        "<p class=\"note\">Skipped: {}.</p>\n</article>",
                        html(motivo)
                    );
                    continue;
                }
                Stato::Illeggibile { messaggio, .. } => {
                    let _ = writeln!(
                        s,
                        "<p class=\"error-text\">Not read: {}</p>",
                        html(messaggio)
                    );
                }
                Stato::Validato { tipo, .. } => {
                    let _ = writeln!(
                        s,
                        "<p class=\"meta\">{} — {}, {}, {}</p>",
                        html(tipo.etichetta()),
                        plurale(f.conta(Severity::Error), "error", "errors"),
                        plurale(f.conta(Severity::Warning), "warning", "warnings"),
                        plurale(f.conta(Severity::Info), "notice", "notices")
                    );
                }
            }
            if f.issues().is_empty() {
                if f.verdetto() == VerdettoFile::Valido {
                    s.push_str("<p class=\"note\">No findings.</p>\n");
                }
                s.push_str("</article>\n");
                continue;
            }
            let (avvisi, notifiche): (Vec<&Issue>, Vec<&Issue>) = f
                .issues()
                .iter()
                .partition(|i| i.severity != Severity::Info);
            let mut avvisi = avvisi;
            avvisi.sort_by_key(|i| rango(i.severity));
            if !avvisi.is_empty() {
                tabella_findings(&mut s, &avvisi);
            }
            if !notifiche.is_empty() {
                let _ = writeln!(
                    s,
                    "<details class=\"notices\"><summary>{}</summary>",
                    plurale(notifiche.len(), "notice", "notices")
                );
                tabella_findings(&mut s, &notifiche);
                s.push_str("</details>\n");
            }
            s.push_str("</article>\n");
        }
        s.push_str("</section>\n");

        // Rules.
        s.push_str("<section id=\"rules\">\n<h2>Findings per rule</h2>\n");
        let regole = self.per_regola();
        if regole.is_empty() {
            s.push_str("<p class=\"note\">No findings.</p>\n");
        } else {
            s.push_str(
                "<p class=\"note\">Source tags: [A] guideline evidence (Allegato A), [B] \
                 interchange schema and its implementation evidence (Allegato B), [INPS] INPS \
                 schemas and specifications, [D] a design decision where the sources are silent. \
                 <em>Spec section</em> is the XSD constraint, INPS table or section of the \
                 specification the rule enforces (<code>cartella explain RULE_ID</code>).</p>\n",
            );
            s.push_str(
                "<table class=\"grid\">\n<thead><tr><th>Rule</th><th>Severity</th>\
                 <th>Findings</th><th>Files</th><th>Check</th><th>Source</th>\
                 <th>Spec section</th><th>Rule set</th></tr></thead>\n<tbody>\n",
            );
            for c in &regole {
                let def = regola(&c.rule_id);
                let _ = writeln!(
                    s,
                    "<tr id=\"rule-{id}\" class=\"{sev}\"><td class=\"id\"><code>{id}</code></td>\
                     <td><span class=\"sev {sev}\">{sev}</span></td><td class=\"num\">{}</td>\
                     <td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    c.findings,
                    c.files,
                    html(def.map_or("(not in the catalogue)", |r| r.description.as_str())),
                    html(&def.map_or(String::new(), |r| r.source_tags())),
                    html(def.map_or("", |r| r.reference.as_str())),
                    html(def.map_or("", |r| r.ruleset.as_str())),
                    id = html(&c.rule_id),
                    sev = c.severity.as_str(),
                );
            }
            s.push_str("</tbody>\n</table>\n");
        }
        s.push_str("</section>\n");

        // Skipped.
        let saltati: Vec<(&str, &str)> = self
            .file
            .iter()
            .filter_map(|f| match &f.stato {
                Stato::Saltato { motivo } => Some((f.file.as_str(), motivo.as_str())),
                _ => None,
            })
            .collect();
        s.push_str("<section id=\"skipped\">\n<h2>Skipped files</h2>\n");
        if saltati.is_empty() {
            s.push_str("<p class=\"note\">None.</p>\n");
        } else {
            s.push_str("<ul>\n");
            for (file, motivo) in saltati {
                let _ = writeln!(s, "<li><code>{}</code> — {}</li>", html(file), html(motivo));
            }
            s.push_str("</ul>\n");
        }
        s.push_str("</section>\n");
        let _ = writeln!(
            s,
            "<footer>Generated by <code>cartella conformance run</code> (cartella {}) on {}.</footer>",
            html(self.versione),
            html(&self.generato)
        );
        s.push_str("</body>\n</html>\n");
        s
    }
}

/// Writes the findings table of a file (rule, severity, path, Italian and English messages).
fn tabella_findings(s: &mut String, issues: &[&Issue]) {
    s.push_str(
        "<table class=\"grid findings\">\n<thead><tr><th>Rule</th><th>Severity</th>\
         <th>Path</th><th>Messaggio (it)</th><th>Message (en)</th></tr></thead>\n<tbody>\n",
    );
    for i in issues {
        let percorso = if i.path.is_empty() { "/" } else { &i.path };
        let xml_path = i.xml_path.as_deref().map_or(String::new(), |x| {
            format!("<br><small>{}</small>", html(&mask_identifiers(x)))
        });
        let _ = writeln!(
            s,
            "<tr class=\"{sev}\"><td class=\"id\"><a href=\"#rule-{id}\">{id}</a></td>\
             <td><span class=\"sev {sev}\">{sev}</span></td><td><code>{}</code>{xml_path}</td>\
             <td lang=\"it\">{}</td><td>{}</td></tr>",
            html(&mask_identifiers(percorso)),
            html(&mask_identifiers(&i.message_it)),
            html(&mask_identifiers(&i.message_en)),
            sev = i.severity.as_str(),
            id = html(&i.rule_id),
        );
    }
    s.push_str("</tbody>\n</table>\n");
}

/// One finding as a line of a JUnit failure body.
fn riga(i: &Issue) -> String {
    let percorso = if i.path.is_empty() { "/" } else { &i.path };
    mask_identifiers(&format!(
        "{} {} {percorso}: {} / {}\n",
        i.severity.as_str(),
        i.rule_id,
        i.message_en,
        i.message_it
    ))
}

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an XML 1.0 attribute value (line breaks and tabs as character references,
/// so that they survive attribute-value normalisation); characters XML 1.0 cannot hold (control
/// characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD.
pub fn xml(text: &str) -> String {
    escape_xml(text, true)
}

/// Escapes text for XML 1.0 element content (line breaks kept as they are).
pub fn xml_testo(text: &str) -> String {
    escape_xml(text, false)
}

fn escape_xml(text: &str, attributo: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' if !attributo => out.push(c),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "<style>
:root { --ok: #1b7f3b; --ko: #b3261e; --warn: #8a5a00; --muted: #5f6368; --line: #d9dce1; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328;
       margin: 0 auto; max-width: 1200px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; overflow-wrap: anywhere; }
.sub, .note, .meta, footer { color: var(--muted); }
.verdict { display: inline-block; font-size: 1.4rem; font-weight: 700; padding: .35rem .9rem;
           border-radius: 6px; color: #fff; margin: .25rem 0 .5rem; }
.verdict.ok { background: var(--ok); }
.verdict.ko { background: var(--ko); }
table { border-collapse: collapse; margin: .5rem 0; }
table.kv th { text-align: left; padding: .2rem 1rem .2rem 0; font-weight: 600; vertical-align: top; }
table.kv td { padding: .2rem 0; overflow-wrap: anywhere; }
table.grid { width: 100%; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
                               vertical-align: top; }
table.grid thead th { background: #f3f4f6; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
small { color: var(--muted); overflow-wrap: anywhere; }
td.id, tr[id] td:first-child { white-space: nowrap; }
details.notices > summary { cursor: pointer; color: var(--muted); margin: .35rem 0; }
.badge, .sev { display: inline-block; padding: 0 .45rem; border-radius: 10px; font-size: 12px;
               font-weight: 600; border: 1px solid currentColor; }
.badge.valid { color: var(--ok); }
.badge.invalid, .badge.unreadable, .sev.error { color: var(--ko); }
.badge.skipped, .sev.info { color: var(--muted); }
.sev.warning { color: var(--warn); }
tr.error td:first-child { border-left: 3px solid var(--ko); }
tr.warning td:first-child { border-left: 3px solid var(--warn); }
.error-text { color: var(--ko); }
article.file { margin-bottom: 1rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; font-size: 12px; }
@media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
</style>
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html_and_xml() {
        assert_eq!(
            html("<a href=\"x\">R&D 'q'</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D &#39;q&#39;&lt;/a&gt;"
        );
        assert_eq!(
            xml("a<b & \"c\"\n\u{1}"),
            "a&lt;b &amp; &quot;c&quot;&#10;\u{FFFD}"
        );
        assert_eq!(xml_testo("a\nb]]>\u{0}"), "a\nb]]&gt;\u{FFFD}");
    }
}
