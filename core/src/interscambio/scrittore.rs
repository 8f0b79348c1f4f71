//! Writer of the interchange request `PRSS_IN001004ZZ` (`interscambio.md` §2–§11, §15).
//!
//! The writer is a straight walk of the model emitting elements in XSD sequence order. It never
//! panics on input: values it cannot write in a schema-valid way are written as they are (the
//! validator reports them); structural impossibilities (no process, no phase record, no receiver)
//! are errors.

/// Ids of the rules the writer raises (`CSI-REL-009`, `CSI-CMP-025`, `CSI-CMP-026`, `CSI-PRV-002`).
pub const RULES: &[&str] = &["CSI-CMP-025", "CSI-CMP-026", "CSI-PRV-002", "CSI-REL-009"];

use std::cmp::Ordering;

use rust_decimal::RoundingStrategy;

use super::oid::{self, FormaValore};
use super::opzioni::{
    Cicli, CodiciBusta, CodiciGenere, FormaData, FormaImporto, FormaSospensioni, FormaTelecom,
    OpzioniScrittura, PosizioneEsito, Sensibilita,
};
use crate::codelists::Registro;
use crate::error::CartellaError;
use crate::model::*;
use crate::rules::Issue;

// ---------------------------------------------------------------------------------------------
// XML output

/// Minimal XML builder: escaped attributes and text, optional two-space indentation.
pub(crate) struct Xml {
    out: String,
    depth: usize,
    indent: bool,
}

/// Appends `s` escaped (no CDATA) to `out`: `&`, `<`, `>`, `\r` always; `"`, `'`, `\t`, `\n` too in
/// attribute values (`attributo`). Runs of other characters are copied as they are.
fn escape_in(out: &mut String, s: &str, attributo: bool) {
    let mut da = 0;
    for (i, b) in s.bytes().enumerate() {
        let sostituto = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\r' => "&#13;",
            b'"' if attributo => "&quot;",
            b'\'' if attributo => "&apos;",
            b'\t' if attributo => "&#9;",
            b'\n' if attributo => "&#10;",
            _ => continue,
        };
        // `i` is at an ASCII byte, hence at a character boundary.
        out.push_str(s.get(da..i).unwrap_or_default());
        out.push_str(sostituto);
        da = i + 1;
    }
    out.push_str(s.get(da..).unwrap_or_default());
}

impl Xml {
    pub(crate) fn new(indent: bool) -> Xml {
        Xml {
            out: {
                let mut out = String::with_capacity(16 * 1024);
                out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
                out
            },
            depth: 0,
            indent,
        }
    }

    fn nl(&mut self) {
        if self.indent {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.nl();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_in(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push('>');
        self.depth += 1;
    }

    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.nl();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>");
    }

    pub(crate) fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.tag(name, attrs);
        self.out.push('>');
        escape_in(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    pub(crate) fn finish(mut self) -> String {
        if self.indent {
            self.out.push('\n');
        }
        self.out
    }
}

// ---------------------------------------------------------------------------------------------
// Datatypes (§3)

/// HL7 TS of an [`Istante`] (§3.4), preserving its precision; `ddMMyyyy` for day precision
/// when the option asks for it.
pub fn ts(v: &Istante, forma: FormaData) -> String {
    let s = v.as_str();
    let corpo_len = match s.find('T') {
        Some(t) => s[t..].rfind(['+', '-']).map_or(s.len(), |p| t + p),
        None => s.len(),
    };
    let corpo: String = s[..corpo_len]
        .chars()
        .filter(|c| !matches!(c, '-' | 'T' | ':'))
        .collect();
    if forma == FormaData::DdMmYyyy && v.precision() == Precisione::Giorno && corpo.len() == 8 {
        return format!("{}{}{}", &corpo[6..8], &corpo[4..6], &corpo[0..4]);
    }
    match v.offset_minutes() {
        Some(off) => {
            let segno = if off < 0 { '-' } else { '+' };
            let a = off.unsigned_abs();
            format!("{corpo}{segno}{:02}{:02}", a / 60, a % 60)
        }
        None => corpo,
    }
}

/// HL7 TS of a calendar date (day precision).
pub fn ts_data(d: &Data, forma: FormaData) -> String {
    let n = d.naive();
    use chrono::Datelike;
    match forma {
        FormaData::Hl7 => format!("{:04}{:02}{:02}", n.year(), n.month(), n.day()),
        FormaData::DdMmYyyy => format!("{:02}{:02}{:04}", n.day(), n.month(), n.year()),
    }
}

/// Amount with exactly two decimals and `.` separator (§3.5).
pub fn importo_2_decimali(i: &Importo) -> String {
    let v = i
        .amount
        .valore()
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut v = v;
    v.rescale(2);
    v.to_string()
}

fn cf_or_none(cf: &Option<CodiceFiscale>) -> Option<&str> {
    cf.as_ref()
        .map(CodiceFiscale::as_str)
        .filter(|s| !s.is_empty())
}

fn testo_opt(t: &Option<Testo>) -> Option<&str> {
    t.as_ref().map(Testo::as_str).filter(|s| !s.is_empty())
}

/// Attributes of a coded value (CD/CE/CV): `code`, `codeSystem`, `codeSystemVersion`,
/// `displayName`.
fn attr_codice<'a>(c: &'a Codice, system: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut a = vec![("code", c.code.as_str())];
    if let Some(s) = system.filter(|s| !s.is_empty()) {
        a.push(("codeSystem", s));
    }
    if let Some(v) = c.system_version.as_deref() {
        a.push(("codeSystemVersion", v));
    }
    if let Some(d) = testo_opt(&c.display) {
        a.push(("displayName", d));
    }
    a
}

// ---------------------------------------------------------------------------------------------
// Writer

/// Result of writing a request: the XML and the writer's findings.
#[derive(Debug, Clone, PartialEq)]
pub struct MessaggioScritto {
    /// The XML document (UTF-8 text with XML declaration).
    pub xml: String,
    /// Findings of the writer (`CSI-CMP-025`, `CSI-CMP-026`, `CSI-REL-009`), paths into the
    /// canonical JSON of the [`MessaggioInterscambio`].
    pub findings: Vec<Issue>,
}

struct Scrittore<'a> {
    o: &'a OpzioniScrittura,
    x: Xml,
    findings: Vec<Issue>,
    codici_fase: [String; 5],
}

fn indice_tipo(t: TipoFase) -> usize {
    match t {
        TipoFase::Accesso => 0,
        TipoFase::ValutazioneBisogno => 1,
        TipoFase::ProgettoIndividuale => 2,
        TipoFase::ErogazioneServizio => 3,
        TipoFase::ValutazioneFinale => 4,
    }
}

fn codici_fase(o: &OpzioniScrittura) -> [String; 5] {
    if let Some(c) = &o.phase_codes {
        return c.clone();
    }
    let tipi = [
        TipoFase::Accesso,
        TipoFase::ValutazioneBisogno,
        TipoFase::ProgettoIndividuale,
        TipoFase::ErogazioneServizio,
        TipoFase::ValutazioneFinale,
    ];
    let voci = Registro::standard().codici_fase_default();
    tipi.map(|t| {
        voci.get(indice_tipo(t))
            .map(|v| v.code.clone())
            .unwrap_or_else(|| t.lettera().to_string())
    })
}

fn stato_hl7(s: StatoFase) -> &'static str {
    match s {
        StatoFase::Aperta => "active",
        StatoFase::Chiusa => "completed",
        StatoFase::Sospesa => "suspended",
        StatoFase::Annullata => "aborted",
    }
}

/// Records written under `cycles`, with the indexes of the records left out.
fn fasi_da_scrivere(fasi: &[Fase], cicli: Cicli) -> (Vec<usize>, Vec<usize>) {
    match cicli {
        Cicli::Tutti => ((0..fasi.len()).collect(), Vec::new()),
        Cicli::Singolo => {
            let mut scelti: [Option<usize>; 5] = [None; 5];
            for (i, f) in fasi.iter().enumerate() {
                let k = indice_tipo(f.tipo());
                let sostituisci = match scelti[k] {
                    None => true,
                    Some(j) => match (&fasi[j].header().data_inizio, &f.header().data_inizio) {
                        (Some(a), Some(b)) => a.cmp_common(b) != Some(Ordering::Greater),
                        (None, _) => true,
                        (Some(_), None) => false,
                    },
                };
                if sostituisci {
                    scelti[k] = Some(i);
                }
            }
            let scritti: Vec<usize> = scelti.iter().flatten().copied().collect();
            let esclusi = (0..fasi.len()).filter(|i| !scritti.contains(i)).collect();
            (scritti, esclusi)
        }
    }
}

impl<'a> Scrittore<'a> {
    fn ts(&self, v: &Istante) -> String {
        ts(v, self.o.date_format)
    }

    fn ts_data(&self, d: &Data) -> String {
        ts_data(d, self.o.date_format)
    }

    fn info(&mut self, rule: &str, path: &str, params: Vec<(&str, String)>) {
        if let Ok(i) = Issue::new(rule, path, params) {
            self.findings.push(i);
        }
    }

    fn fisso(&self, nome: &str, predefinito: &'a str) -> String {
        self.o.oid_table.fisso(nome, predefinito).to_string()
    }

    // ---- persons ----------------------------------------------------------------------

    fn name(&mut self, nome: &Option<Testo>, cognome: &Option<Testo>) {
        let (n, c) = (testo_opt(nome), testo_opt(cognome));
        if n.is_none() && c.is_none() {
            return;
        }
        self.x.open("name", &[]);
        if let Some(n) = n {
            self.x.text("given", &[], n);
        }
        if let Some(c) = c {
            self.x.text("family", &[], c);
        }
        self.x.close("name");
    }

    /// `id` of a person whose id is schema-required: CF, or `nullFlavor="NI"` (+ `CSI-REL-009`).
    fn id_cf_richiesto(&mut self, cf: &Option<CodiceFiscale>, path: &str) {
        match cf_or_none(cf) {
            Some(v) => {
                let root = self.fisso("CODICE_FISCALE", oid::CODICE_FISCALE);
                self.x.empty("id", &[("root", &root), ("extension", v)]);
            }
            None => {
                self.x.empty("id", &[("nullFlavor", "NI")]);
                self.info("CSI-REL-009", path, vec![]);
            }
        }
    }

    fn id_cf_opzionale(&mut self, cf: &Option<CodiceFiscale>) {
        if let Some(v) = cf_or_none(cf) {
            let root = self.fisso("CODICE_FISCALE", oid::CODICE_FISCALE);
            self.x.empty("id", &[("root", &root), ("extension", v)]);
        }
    }

    fn genere(&mut self, g: &Option<Genere>) {
        let Some(g) = g else { return };
        let code = match (self.o.gender_codes, g) {
            (CodiciGenere::Numerici, Genere::M) => "1",
            (CodiciGenere::Numerici, Genere::F) => "2",
            (_, g) => g.code(),
        };
        let sys = self.fisso("GENERE", oid::GENERE);
        self.x.empty(
            "administrativeGenderCode",
            &[("code", code), ("codeSystem", &sys)],
        );
    }

    fn addr(&mut self, uso: &str, valore: &str) {
        self.x.open("addr", &[("use", uso)]);
        self.x.text("censusTract", &[], valore);
        self.x.close("addr");
    }

    fn telecom(&mut self, c: &Option<Contatti>) {
        let vuoto = Contatti::default();
        let c = c.as_ref().unwrap_or(&vuoto);
        match self.o.telecom_form {
            FormaTelecom::Hl7 => {
                if let Some(t) = c.telefono.as_deref() {
                    self.x
                        .empty("telecom", &[("value", &format!("tel:{t}")), ("use", "HP")]);
                }
                if let Some(t) = c.cellulare.as_deref() {
                    self.x
                        .empty("telecom", &[("value", &format!("tel:{t}")), ("use", "MC")]);
                }
                if let Some(e) = c.email.as_deref() {
                    self.x
                        .empty("telecom", &[("value", &format!("mailto:{e}"))]);
                }
            }
            FormaTelecom::Posizionale => {
                for v in [&c.telefono, &c.cellulare, &c.email] {
                    match v.as_deref() {
                        Some(v) => self.x.empty("telecom", &[("value", v)]),
                        None => self.x.empty("telecom", &[]),
                    }
                }
            }
        }
    }

    fn operatore_assigned_person(&mut self, op: &Operatore, ruolo_oid: Option<&str>, path: &str) {
        self.x.open("assignedPerson", &[("classCode", "ASSIGNED")]);
        self.id_cf_richiesto(&op.codice_fiscale, &format!("{path}/codice_fiscale"));
        if let Some(ruolo) = ruolo_oid {
            match &op.profilo_professionale {
                Some(p) => {
                    let a = attr_codice(p, Some(ruolo));
                    self.x.empty("code", &a);
                }
                None => self
                    .x
                    .empty("code", &[("nullFlavor", "NI"), ("codeSystem", ruolo)]),
            }
        }
        if testo_opt(&op.nome).is_some() || testo_opt(&op.cognome).is_some() {
            self.x.open("assignedPerson", &[]);
            self.name(&op.nome, &op.cognome);
            self.x.close("assignedPerson");
        }
        self.x.close("assignedPerson");
    }

    fn attender(&mut self, op: &Option<Operatore>, ruolo_oid: Option<&str>, path: &str) {
        let Some(op) = op else { return };
        self.x.open("attender", &[("typeCode", "ATND")]);
        self.operatore_assigned_person(op, ruolo_oid, path);
        self.x.close("attender");
    }

    // ---- assistito (§7.1–§7.4) -------------------------------------------------------

    fn patient(&mut self, a: &Assistito) {
        self.x.open("subject", &[]);
        self.x.open("patient", &[]);
        if let Some(r) = &a.residenza {
            if let Some(v) = &r.comune_istat {
                self.addr("comune residenza", v.as_str());
            }
            if let Some(v) = &r.regione_istat {
                self.addr("regione residenza", v.as_str());
            }
            if let Some(v) = &r.nazione_iso2 {
                self.addr("nazione residenza", v.as_str());
            }
        }
        if let Some(v) = a.domicilio.as_ref().and_then(|d| d.comune_istat.as_ref()) {
            self.addr("comune domicilio", v.as_str());
        }
        if a.contatti.is_some() || self.o.telecom_form == FormaTelecom::Posizionale {
            self.telecom(&a.contatti);
        }
        if let Some(doc) = &a.documento_identita {
            if let Some(estremi) = doc.estremi.as_deref() {
                let root = self.fisso("ESTREMI_DOCUMENTO", oid::ESTREMI_DOCUMENTO);
                self.x.open("subjectOf", &[]);
                self.x.open("identityDocument", &[]);
                self.x
                    .empty("id", &[("root", &root), ("extension", estremi)]);
                if let Some(t) = &doc.tipo {
                    let a = attr_codice(t, Some(&t.system));
                    self.x.empty("code", &a);
                }
                self.x.close("identityDocument");
                self.x.close("subjectOf");
            }
        }
        self.patient_person(a);
        self.x.close("patient");
        self.x.close("subject");
    }

    fn patient_person(&mut self, a: &Assistito) {
        self.x.open("patientPerson", &[]);
        let mut altri_in_id = 0usize;
        match cf_or_none(&a.codice_fiscale) {
            Some(cf) => {
                let root = self.o.patient_cf_root.clone();
                self.x.empty("id", &[("root", &root), ("extension", cf)]);
            }
            None => {
                if let Some(id) = a.altri_identificativi.first() {
                    self.identificatore("id", id);
                    altri_in_id = 1;
                }
            }
        }
        self.name(&a.nome, &a.cognome);
        self.genere(&a.genere);
        if let Some(d) = &a.data_nascita {
            let v = self.ts_data(d);
            self.x.empty("birthTime", &[("value", &v)]);
        }
        if let Some(b) = a.deceduto {
            self.x.empty(
                "deceasedInd",
                &[("value", if b { "true" } else { "false" })],
            );
        }
        if let Some(d) = &a.data_decesso {
            let v = self.ts_data(d);
            self.x.empty("deceasedTime", &[("value", &v)]);
        }
        if let Some(c) = &a.stato_civile {
            let at = attr_codice(c, Some(&c.system));
            self.x.empty("maritalStatusCode", &at);
        }
        if let Some(c) = &a.titolo_studio {
            let at = attr_codice(c, Some(&c.system));
            self.x.empty("educationLevelCode", &at);
        }
        for c in [&a.cittadinanza, &a.seconda_cittadinanza]
            .into_iter()
            .flatten()
        {
            let root = self.fisso("CITTADINANZA", oid::CITTADINANZA);
            self.x.open("asCitizen", &[]);
            self.x
                .open("politicalOrganization", &[("classCode", "ORG")]);
            self.x
                .empty("id", &[("root", &root), ("extension", &c.code)]);
            self.x.close("politicalOrganization");
            self.x.close("asCitizen");
        }
        let altri = a.altri_identificativi.get(altri_in_id..).unwrap_or(&[]);
        if a.tessera_team.is_some() || !altri.is_empty() {
            self.x.open("asOtherIDs", &[]);
            if let Some(t) = a.tessera_team.as_deref() {
                let root = self.fisso("TESSERA_TEAM", oid::TESSERA_TEAM);
                self.x.empty("id", &[("root", &root), ("extension", t)]);
            }
            for id in altri {
                self.identificatore("id", id);
            }
            self.x.close("asOtherIDs");
        }
        if let Some(g) = &a.garanti {
            let ats_root = self.fisso("ATS_ASST", oid::ATS_ASST);
            for v in [&g.ats, &g.asst].into_iter().flatten() {
                self.x.open("guarantor", &[]);
                self.x
                    .open("guarantorOrganization", &[("classCode", "ORG")]);
                self.x.empty("id", &[("root", &ats_root), ("extension", v)]);
                self.x.close("guarantorOrganization");
                self.x.close("guarantor");
            }
            if let Some(v) = &g.ambito {
                let root = self.fisso("AMBITO", oid::AMBITO);
                self.x.open("guarantor", &[]);
                self.x.open("guarantorOrganization", &[]);
                self.x.empty("id", &[("root", &root), ("extension", v)]);
                self.x.close("guarantorOrganization");
                self.x.close("guarantor");
            }
        }
        for r in &a.relazioni {
            self.relazione(r);
        }
        if let Some(c) = &a.comune_nascita {
            self.x.open("birthPlace", &[]);
            self.x.open("birthplace", &[]);
            self.x.open("addr", &[]);
            let at = attr_codice(c, Some(&c.system));
            self.x.empty("code", &at);
            self.x.close("addr");
            self.x.close("birthplace");
            self.x.close("birthPlace");
        }
        self.x.close("patientPerson");
    }

    fn identificatore(&mut self, nome: &str, id: &Identificatore) {
        match id.extension.as_deref() {
            Some(e) => self
                .x
                .empty(nome, &[("root", id.root.as_str()), ("extension", e)]),
            None => self.x.empty(nome, &[("root", id.root.as_str())]),
        }
    }

    fn relazione(&mut self, r: &Relazione) {
        let sys = match r.tipo_relazione {
            TipoRelazione::NucleoFamiliare => self.fisso("RELAZIONE_NUCLEO", oid::RELAZIONE_NUCLEO),
            TipoRelazione::ReteSociale => self.fisso("RELAZIONE_RETE", oid::RELAZIONE_RETE),
        };
        self.x.open("personalRelationship", &[]);
        let at = attr_codice(&r.tipologia, Some(&sys));
        self.x.empty("code", &at);
        if let Some(c) = &r.comune_residenza_istat {
            let uso = self.o.relation_addr_use.clone();
            self.addr(&uso, c.as_str());
        }
        self.x.open("relationshipHolder1", &[]);
        self.id_cf_opzionale(&r.codice_fiscale);
        self.name(&r.nome, &r.cognome);
        if let Some(c) = r.caregiver {
            self.x.text("desc", &[], if c { "1" } else { "0" });
        }
        self.genere(&r.genere);
        if let Some(d) = &r.data_nascita {
            let v = self.ts_data(d);
            self.x.empty("birthTime", &[("value", &v)]);
        }
        if let Some(c) = &r.comune_nascita_istat {
            self.x.open("birthPlace", &[]);
            self.x.open("birthplace", &[]);
            self.addr("comune di nascita", c.as_str());
            self.x.close("birthplace");
            self.x.close("birthPlace");
        }
        self.x.close("relationshipHolder1");
        self.x.close("personalRelationship");
    }

    fn consultants(&mut self, a: &Assistito) {
        if let Some(m) = &a.mmg_pdf {
            self.x.open("consultant", &[("typeCode", "CON")]);
            self.x.open("assignedPerson", &[("classCode", "ASSIGNED")]);
            self.id_cf_richiesto(
                &m.codice_fiscale,
                "/cartella/assistito/mmg_pdf/codice_fiscale",
            );
            if testo_opt(&m.nome).is_some() || testo_opt(&m.cognome).is_some() {
                self.x.open("assignedPerson", &[]);
                self.name(&m.nome, &m.cognome);
                self.x.close("assignedPerson");
            }
            self.x.close("assignedPerson");
            self.x.close("consultant");
        }
        let sys = self.fisso("ASSISTENTE_PERSONALE", oid::ASSISTENTE_PERSONALE);
        for (i, p) in a.assistenti_personali.iter().enumerate() {
            self.x.open("consultant", &[("typeCode", "CON")]);
            self.x.open("assignedPerson", &[("classCode", "ASSIGNED")]);
            self.id_cf_richiesto(
                &p.codice_fiscale,
                &format!("/cartella/assistito/assistenti_personali/{i}/codice_fiscale"),
            );
            match &p.tipologia {
                Some(t) => {
                    let at = attr_codice(t, Some(&sys));
                    self.x.empty("code", &at);
                }
                None => self
                    .x
                    .empty("code", &[("nullFlavor", "NI"), ("codeSystem", &sys)]),
            }
            if let Some(c) = &p.comune_residenza_istat {
                let uso = self.o.relation_addr_use.clone();
                self.addr(&uso, c.as_str());
            }
            self.genere(&p.genere);
            if testo_opt(&p.nome).is_some() || testo_opt(&p.cognome).is_some() {
                self.x.open("assignedPerson", &[]);
                self.name(&p.nome, &p.cognome);
                self.x.close("assignedPerson");
            }
            if let Some(d) = &p.data_nascita {
                let v = self.ts_data(d);
                self.x.empty("birthTime", &[("value", &v)]);
            }
            self.x.close("assignedPerson");
            self.x.close("consultant");
        }
    }

    // ---- segnalazione (§7.5) ------------------------------------------------------------

    fn segnalazione(&mut self, s: &Segnalazione) {
        self.x.open("reason", &[("typeCode", "RSON")]);
        self.x
            .open("need", &[("classCode", "COND"), ("moodCode", "EVN")]);
        if let Some(b) = &s.bisogno_espresso {
            let at = attr_codice(b, Some(&b.system));
            self.x.empty("code", &at);
        }
        if s.data_segnalazione.is_some() || s.segnalante.is_some() || s.ente_segnalante.is_some() {
            self.x.open("informant", &[("typeCode", "INF")]);
            if let Some(d) = &s.data_segnalazione {
                let v = self.ts(d);
                self.x.empty("time", &[("value", &v)]);
            }
            self.x.open("assignedEntity", &[]);
            if let Some(p) = &s.segnalante {
                self.id_cf_opzionale(&p.codice_fiscale);
                if testo_opt(&p.nome).is_some() || testo_opt(&p.cognome).is_some() {
                    self.x.open("assignedPerson", &[]);
                    self.name(&p.nome, &p.cognome);
                    self.x.close("assignedPerson");
                }
            }
            if let Some(e) = &s.ente_segnalante {
                self.x.open("representedOrganization", &[]);
                if let Some(c) = e.codice.as_deref() {
                    let root = self.fisso("ENTE", oid::ENTE);
                    self.x.empty("id", &[("root", &root), ("extension", c)]);
                }
                if let Some(t) = &e.tipologia {
                    let at = attr_codice(t, Some(&t.system));
                    self.x.empty("code", &at);
                }
                if let Some(d) = testo_opt(&e.denominazione) {
                    self.x.text("name", &[], d);
                }
                self.x.close("representedOrganization");
            }
            self.x.close("assignedEntity");
            self.x.close("informant");
        }
        self.x.close("need");
        self.x.close("reason");
    }

    // ---- items (§7.6, §8.2, §9.2, §10, §11) ---------------------------------------------

    /// Writes the `value` or `text` of an item (inside `commonObservationEvent`/`observation`).
    fn valore(&mut self, v: &Valore<'_>, forma: FormaValore) {
        match (v, forma) {
            (Valore::Testo(t), _) => self.x.text("text", &[], t),
            (Valore::Importo(i), _) => {
                let amount = importo_2_decimali(i);
                match self.o.money_form {
                    FormaImporto::CeCode => self.x.empty(
                        "value",
                        &[("code", &amount), ("type", "MO"), ("currency", &i.currency)],
                    ),
                    FormaImporto::Hl7Mo => self.x.empty(
                        "value",
                        &[
                            ("xsi:type", "MO"),
                            ("value", &amount),
                            ("currency", &i.currency),
                        ],
                    ),
                }
            }
            (Valore::Data(d), _) => {
                let t = self.ts(d);
                self.x.empty("value", &[("code", &t), ("type", "ANY")]);
            }
            (Valore::Codice(c), f) => {
                let tipo = if matches!(f, FormaValore::AnyCodice | FormaValore::AnyNome) {
                    "ANY"
                } else {
                    "CD"
                };
                let mut at = attr_codice(c, Some(&c.system));
                at.push(("type", tipo));
                self.x.empty("value", &at);
            }
            (Valore::Nome(n), _) => self.x.empty("value", &[("code", n), ("type", "ANY")]),
        }
    }

    fn code_item(&mut self, fase: TipoFase, chiave: &str) {
        match self.o.oid_table.item(fase, chiave) {
            Some(s) => {
                let s = s.to_string();
                self.x
                    .empty("code", &[("code", chiave), ("codeSystem", &s)]);
            }
            None => self.x.empty("code", &[("code", chiave)]),
        }
    }

    /// The items `v` of phase `fase`, each as a `reference`, in order.
    fn references(&mut self, fase: TipoFase, v: &Voci<'_>) {
        for (k, x) in &v.0 {
            self.reference(fase, k, x);
        }
    }

    fn reference(&mut self, fase: TipoFase, chiave: &str, v: &Valore<'_>) {
        let forma = oid::item(fase, chiave).map_or(FormaValore::Codice, |i| i.forma);
        self.x.open("reference", &[("typeCode", "REFR")]);
        self.x.open("commonObservationEvent", &[]);
        self.code_item(fase, chiave);
        self.valore(v, forma);
        self.x.close("commonObservationEvent");
        self.x.close("reference");
    }

    fn observation(&mut self, fase: TipoFase, chiave: &str, v: &Valore<'_>) {
        let forma = oid::item(fase, chiave).map_or(FormaValore::Codice, |i| i.forma);
        self.x.open("component2", &[("typeCode", "COMP")]);
        self.x.open("observation", &[]);
        self.code_item(fase, chiave);
        self.valore(v, forma);
        self.x.close("observation");
        self.x.close("component2");
    }

    fn prestazione(&mut self, p: &Prestazione, mood: &str) {
        self.x.open("component2", &[("typeCode", "COMP")]);
        self.x
            .open("act", &[("classCode", "ACT"), ("moodCode", mood)]);
        if let Some(c) = &p.codice {
            let at = attr_codice(c, Some(&c.system));
            self.x.empty("code", &at);
        }
        self.ivl(&p.data_inizio, &p.data_fine);
        if let Some(op) = &p.operatore_erogante {
            self.x.open("performer", &[("typeCode", "PRF")]);
            self.x.open("assignedEntity", &[]);
            self.id_cf_opzionale(&op.codice_fiscale);
            if let Some(pr) = &op.profilo_professionale {
                let sys = self.o.profilo_erogante_oid.clone();
                let at = attr_codice(pr, Some(&sys));
                self.x.empty("code", &at);
            }
            if testo_opt(&op.nome).is_some() || testo_opt(&op.cognome).is_some() {
                self.x.open("assignedPerson", &[("classCode", "PSN")]);
                self.name(&op.nome, &op.cognome);
                self.x.close("assignedPerson");
            }
            self.x.close("assignedEntity");
            self.x.close("performer");
        }
        if let Some(l) = &p.luogo {
            self.x.open("location", &[("typeCode", "LOC")]);
            self.x.open("serviceFacility", &[]);
            let at = attr_codice(l, Some(&l.system));
            self.x.empty("code", &at);
            self.x.close("serviceFacility");
            self.x.close("location");
        }
        self.x.close("act");
        self.x.close("component2");
    }

    /// `effectiveTime` with `low`/`high` (omitted when both are absent).
    fn ivl(&mut self, low: &Option<Istante>, high: &Option<Istante>) {
        if low.is_none() && high.is_none() {
            return;
        }
        self.x.open("effectiveTime", &[]);
        if let Some(l) = low {
            let v = self.ts(l);
            self.x.empty("low", &[("value", &v)]);
        }
        if let Some(h) = high {
            let v = self.ts(h);
            self.x.empty("high", &[("value", &v)]);
        }
        self.x.close("effectiveTime");
    }

    // ---- phase records (§6–§11) -----------------------------------------------------------

    fn fase(&mut self, f: &Fase, assistito: &Assistito) {
        let h = f.header();
        let tipo = f.tipo();
        self.x.open(
            "encounterEvent",
            &[("classCode", "ENC"), ("moodCode", "EVN")],
        );
        let root = self.fisso("RADICE_FASE", oid::RADICE_FASE);
        self.x
            .empty("id", &[("root", &root), ("extension", &h.id_fase)]);
        for id in &h.altri_id {
            self.identificatore("id", id);
        }
        let codice = match &h.codice_fase {
            Some(c) => c.code.clone(),
            None => self.codici_fase[indice_tipo(tipo)].clone(),
        };
        let sys = self.fisso("CODICE_FASE", oid::CODICE_FASE);
        self.x
            .empty("code", &[("code", &codice), ("codeSystem", &sys)]);
        if let Some(t) = testo_opt(&h.annotazioni) {
            self.x.text("text", &[], t);
        }
        let inferito = if h.data_fine.is_some() {
            StatoFase::Chiusa
        } else {
            StatoFase::Aperta
        };
        let stato = match h.stato_fase_codice.as_deref() {
            Some(raw) if h.stato_fase == inferito && !raw.is_empty() => raw.to_string(),
            _ => stato_hl7(h.stato_fase).to_string(),
        };
        self.x.empty("statusCode", &[("code", &stato)]);

        // effectiveTime and esito (§6.3)
        let data_valutazione = f
            .as_valutazione_bisogno()
            .and_then(|b| b.data_valutazione.as_ref());
        let esito_dentro = h.esito.is_some()
            && h.data_inizio.is_some()
            && self.o.esito_placement == PosizioneEsito::EffectiveTime;
        if let Some(l) = &h.data_inizio {
            self.x.open("effectiveTime", &[]);
            let v = self.ts(l);
            self.x.empty("low", &[("value", &v)]);
            if let Some(hi) = &h.data_fine {
                let v = self.ts(hi);
                self.x.empty("high", &[("value", &v)]);
            }
            if esito_dentro {
                if let Some(e) = &h.esito {
                    let at = attr_codice(e, Some(&e.system));
                    self.x.empty("dischargeDispositionCode", &at);
                }
            }
            self.x.close("effectiveTime");
        } else if let Some(hi) = &h.data_fine {
            self.x.open("effectiveTime", &[]);
            let v = self.ts(hi);
            self.x.empty("high", &[("value", &v)]);
            self.x.close("effectiveTime");
        } else if data_valutazione.is_some() {
            self.x.empty("effectiveTime", &[("nullFlavor", "NI")]);
        }
        if let Some(d) = data_valutazione {
            self.x.open("effectiveTime", &[]);
            let v = self.ts(d);
            self.x.empty("low", &[("value", &v)]);
            self.x.close("effectiveTime");
        }
        if !esito_dentro {
            if let Some(e) = &h.esito {
                let at = attr_codice(e, Some(&e.system));
                self.x.empty("dischargeDispositionCode", &at);
            }
        }

        match f {
            Fase::Accesso(a) => self.fase_a(a, assistito),
            Fase::ValutazioneBisogno(b) => self.fase_b(b),
            Fase::ProgettoIndividuale(c) => self.fase_c(c),
            Fase::ErogazioneServizio(d) => self.fase_d(d),
            Fase::ValutazioneFinale(e) => self.fase_e(e),
        }
        self.x.close("encounterEvent");
    }

    fn fase_a(&mut self, a: &FaseAccesso, assistito: &Assistito) {
        self.patient(assistito);
        self.consultants(assistito);
        if let Some(s) = &a.segnalazione {
            self.segnalazione(s);
        }
        let t = TipoFase::Accesso;
        let mut v = Voci::default();
        v.codice("TIRI", &a.tipologia_richiesta)
            .codice("MOCO", &a.modalita_contatto)
            .codice("AMIR", &a.ambito_intervento_richiesto)
            .codice("CONF", &a.composizione_nucleo)
            .codice("NUNF", &a.numerosita_nucleo)
            .codice("NURS", &a.numerosita_rete_sociale)
            .codice("PROV", &a.provenienza)
            .codice("ARRE", &a.area_reddituale)
            .codice("DSU0", &a.dsu)
            .codice("TIIS", &a.tipologia_isee)
            .importo("ISEE", &a.valore_isee)
            .codice("OCAS", &a.occupazione);
        if let Some(e) = &a.ente_rilevatore {
            v.codice("COER", &e.codice);
            if let Some(d) = testo_opt(&e.denominazione) {
                v.0.push(("DEER", Valore::Nome(d)));
            }
        }
        self.references(t, &v);
    }

    fn fase_b(&mut self, b: &FaseValutazioneBisogno) {
        let rv = self.fisso(
            "PROFILO_RESPONSABILE_VALUTAZIONE",
            oid::PROFILO_RESPONSABILE_VALUTAZIONE,
        );
        let cm = self.fisso("PROFILO_CASE_MANAGER", oid::PROFILO_CASE_MANAGER);
        self.attender(
            &b.responsabile_valutazione,
            Some(&rv),
            "/responsabile_valutazione",
        );
        self.attender(&b.case_manager, Some(&cm), "/case_manager");
        let mut v = Voci::default();
        v.codici("AMIR", &b.aree_intervento_sociale)
            .codici("ESTI", &b.esenzioni_ticket)
            .testo("DSGI", &b.struttura_sociosanitaria_in_carico)
            .testo("SSGE", &b.servizi_sociosanitari_erogati)
            .codici("INVA", &b.invalidita)
            .codice("INFR", &b.indennita_frequenza)
            .codici("PRSI", &b.previdenze_inps)
            .codice("APIC", &b.assegno_pensione_invalidita)
            .codice("UTPP", &b.patologia_psichiatrica)
            .testo("PACO", &b.patologie_correnti)
            .codice("POPA", &b.portatore_protesi_ausili)
            .codice("MOAF", &b.motivazione_affido)
            .codice("VNCS", &b.necessita_cure_sanitarie)
            .codici("NISS", &b.necessita_interventi_sociosanitari)
            .codici("NISO", &b.necessita_interventi_sociali)
            .codice("FODV", &b.fonte_derivazione_valutazione)
            .codici("COPA", &b.protesi_ausili);
        self.references(TipoFase::ValutazioneBisogno, &v);
    }

    fn fase_c(&mut self, c: &FaseProgettoIndividuale) {
        let rp = self.fisso(
            "PROFILO_RESPONSABILE_PROGETTO",
            oid::PROFILO_RESPONSABILE_PROGETTO,
        );
        let rm = self.fisso(
            "PROFILO_RESPONSABILE_MONITORAGGIO",
            oid::PROFILO_RESPONSABILE_MONITORAGGIO,
        );
        self.attender(
            &c.responsabile_progetto,
            Some(&rp),
            "/responsabile_progetto",
        );
        self.attender(
            &c.responsabile_monitoraggio,
            Some(&rm),
            "/responsabile_monitoraggio",
        );
        let Some(p) = &c.progetto else { return };
        let t = TipoFase::ProgettoIndividuale;
        self.x
            .open("pertinentInformation2", &[("typeCode", "PERT")]);
        self.x
            .open("carePlan", &[("classCode", "PCPR"), ("moodCode", "INT")]);
        if let Some(cp) = p.codice_progetto.as_deref() {
            let root = self.fisso("CODICE_PROGETTO", oid::CODICE_PROGETTO);
            self.x.empty("id", &[("root", &root), ("extension", cp)]);
        }
        if let Some(o) = testo_opt(&p.oggetto) {
            self.x.text("title", &[], o);
        }
        self.ivl(&p.data_inizio, &p.data_fine);
        for g in &p.obiettivi {
            self.x.open("finalGoal", &[]);
            self.x.open("observationGoal", &[]);
            let at = attr_codice(&g.codice, Some(&g.codice.system));
            self.x.empty("code", &at);
            if let Some(q) = &g.tempistica_monitoraggio {
                self.x.open("effectiveTime", &[]);
                match q.unit.as_deref() {
                    Some(u) => self
                        .x
                        .empty("width", &[("value", q.value.as_str()), ("unit", u)]),
                    None => self.x.empty("width", &[("value", q.value.as_str())]),
                }
                self.x.close("effectiveTime");
            }
            if let Some(v) = &g.indicatore_esito {
                let mut at = attr_codice(v, Some(&v.system));
                at.push(("type", "CD"));
                self.x.empty("value", &at);
            }
            self.x.close("observationGoal");
            self.x.close("finalGoal");
        }
        let mut v = Voci::default();
        v.codice("FRPR", &p.frequenza_prestazioni)
            .codice("SESP", &p.servizio_sociale_professionale)
            .codice("INAS", &p.integrazione_sanitaria)
            .importo("VAPR", &p.valore_progetto)
            .importo("COEA", &p.compartecipazione_assistito);
        for (k, x) in &v.0 {
            self.observation(t, k, x);
        }
        for pr in &p.prestazioni_programmate {
            self.prestazione(pr, "INT");
        }
        self.x.close("carePlan");
        self.x.close("pertinentInformation2");
    }

    fn fase_d(&mut self, d: &FaseErogazioneServizio) {
        let t = TipoFase::ErogazioneServizio;
        if let Some(s) = testo_opt(&d.struttura_fuori_rete) {
            self.reference(t, "DSFR", &Valore::Testo(s));
        }
        let sospensioni: Vec<&Sospensione> = match self.o.suspension_form {
            FormaSospensioni::Tutte => d.sospensioni.iter().collect(),
            FormaSospensioni::Ultima => {
                let mut ultima: Option<&Sospensione> = None;
                for s in &d.sospensioni {
                    let prendi = match ultima {
                        None => true,
                        Some(u) => {
                            u.data_inizio.cmp_common(&s.data_inizio) != Some(Ordering::Greater)
                        }
                    };
                    if prendi {
                        ultima = Some(s);
                    }
                }
                ultima.into_iter().collect()
            }
        };
        let mut v = Voci::default();
        v.codice("UDOS", &d.udo_sociale)
            .codice("SOER", &d.soggetto_erogatore)
            .codice("MOER", &d.modalita_erogazione)
            .codice("ARIS", &d.area_intervento_sociale)
            .codice("SEER", &d.servizio_erogato)
            .data("DAAS", &d.data_attivazione)
            .data("DACS", &d.data_conclusione);
        for s in sospensioni {
            v.0.push(("DAIS", Valore::Data(&s.data_inizio)));
            v.data("DAFS", &s.data_fine).codice("MOSO", &s.motivazione);
        }
        v.importo("VMBS", &d.valore_mensile_buono)
            .codice("TIVS", &d.tipologia_voucher)
            .importo("VAVO", &d.valore_voucher)
            .importo("IMER", &d.importo_erogato)
            .importo("RIRE", &d.riprogrammazione_risorse);
        let items = v.0;
        if items.is_empty() && d.prestazioni_erogate.is_empty() {
            return;
        }
        self.x
            .open("pertinentInformation2", &[("typeCode", "PERT")]);
        self.x
            .open("carePlan", &[("classCode", "PCPR"), ("moodCode", "INT")]);
        for (k, v) in &items {
            self.observation(t, k, v);
        }
        for p in &d.prestazioni_erogate {
            self.prestazione(p, "EVN");
        }
        self.x.close("carePlan");
        self.x.close("pertinentInformation2");
    }

    fn fase_e(&mut self, e: &FaseValutazioneFinale) {
        self.attender(&e.responsabile_chiusura, None, "/responsabile_chiusura");
        let t = TipoFase::ValutazioneFinale;
        let mut v = Voci::default();
        v.data("DAVF", &e.data_valutazione_finale)
            .testo("VAFI", &e.valutazione_finale)
            .codice("MOCP", &e.motivazione_chiusura)
            .importo("RIEF", &e.risorse_economiche_finali)
            .testo("RIRA", &e.risultati_raggiunti)
            .testo("RINR", &e.risultati_non_raggiunti)
            .codice("NUPR", &e.nuovo_progetto);
        let items = v.0;
        if items.is_empty() && e.data_chiusura_progetto.is_none() {
            return;
        }
        self.x
            .open("pertinentInformation2", &[("typeCode", "PERT")]);
        self.x
            .open("carePlan", &[("classCode", "PCPR"), ("moodCode", "INT")]);
        if let Some(d) = &e.data_chiusura_progetto {
            self.x.open("effectiveTime", &[]);
            let v = self.ts(d);
            self.x.empty("high", &[("value", &v)]);
            self.x.close("effectiveTime");
        }
        for (k, v) in &items {
            self.observation(t, k, v);
        }
        self.x.close("carePlan");
        self.x.close("pertinentInformation2");
    }
}

/// Value of an item, by form.
enum Valore<'a> {
    Codice(&'a Codice),
    Testo(&'a str),
    Importo(&'a Importo),
    Data(&'a Istante),
    Nome(&'a str),
}

/// The items of a phase in the order they are written, each with its key; absent (and empty
/// text) values are left out.
#[derive(Default)]
struct Voci<'a>(Vec<(&'static str, Valore<'a>)>);

impl<'a> Voci<'a> {
    fn codice(&mut self, k: &'static str, c: &'a Option<Codice>) -> &mut Self {
        self.0.extend(c.as_ref().map(|c| (k, Valore::Codice(c))));
        self
    }

    fn codici(&mut self, k: &'static str, cs: &'a [Codice]) -> &mut Self {
        self.0.extend(cs.iter().map(|c| (k, Valore::Codice(c))));
        self
    }

    fn testo(&mut self, k: &'static str, t: &'a Option<Testo>) -> &mut Self {
        self.0.extend(testo_opt(t).map(|t| (k, Valore::Testo(t))));
        self
    }

    fn importo(&mut self, k: &'static str, i: &'a Option<Importo>) -> &mut Self {
        self.0.extend(i.as_ref().map(|i| (k, Valore::Importo(i))));
        self
    }

    fn data(&mut self, k: &'static str, d: &'a Option<Istante>) -> &mut Self {
        self.0.extend(d.as_ref().map(|d| (k, Valore::Data(d))));
        self
    }
}

fn device(x: &mut Xml, ruolo: &str, type_code: &str, id: &Identificatore) {
    x.open(ruolo, &[("typeCode", type_code)]);
    x.open(
        "device",
        &[("classCode", "DEV"), ("determinerCode", "INSTANCE")],
    );
    match id.extension.as_deref() {
        Some(e) => x.empty("id", &[("root", id.root.as_str()), ("extension", e)]),
        None => x.empty("id", &[("root", id.root.as_str())]),
    }
    x.close("device");
    x.close(ruolo);
}

fn non_vuoto<'a>(v: &'a str, predefinito: &'a str) -> &'a str {
    if v.trim().is_empty() {
        predefinito
    } else {
        v
    }
}

/// Writes a request; see [`crate::interscambio::scrivi_con_esiti`].
pub(crate) fn scrivi_messaggio(
    m: &MessaggioInterscambio,
    o: &OpzioniScrittura,
) -> Result<MessaggioScritto, CartellaError> {
    let processo = match m.cartella.processi.as_slice() {
        [p] => p,
        altri => {
            return Err(CartellaError::Argomento {
                name: "messaggio",
                message: format!(
                    "a message carries exactly one processo di aiuto (found {})",
                    altri.len()
                ),
            })
        }
    };
    if processo.fasi.is_empty() {
        return Err(CartellaError::Argomento {
            name: "messaggio",
            message: "the processo di aiuto has no phase record (encounterEvent is 1..*)".into(),
        });
    }
    if m.destinatari.is_empty() {
        return Err(CartellaError::Argomento {
            name: "messaggio",
            message: "at least one destinatario is required (receiver is 1..*)".into(),
        });
    }
    let mut filtrato;
    let mut findings_filtro = Vec::new();
    let m = if o.filtro_sensibilita.is_empty() {
        m
    } else {
        filtrato = m.clone();
        filtra(&mut filtrato, &o.filtro_sensibilita, &mut findings_filtro);
        &filtrato
    };
    let processo = m.cartella.processi.first().unwrap_or(processo);
    let mut w = Scrittore {
        o,
        x: Xml::new(o.indent),
        findings: findings_filtro,
        codici_fase: codici_fase(o),
    };
    let mut root_attrs = vec![("xmlns", "urn:hl7-org:v3")];
    if o.money_form == FormaImporto::Hl7Mo {
        root_attrs.push(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
        w.info(
            "CSI-CMP-026",
            "",
            vec![("opzione", "money_form=hl7_mo".to_string())],
        );
    }
    root_attrs.push(("ITSVersion", "XML_1.0"));
    w.x.open("PRSS_IN001004ZZ", &root_attrs);
    w.identificatore("id", &m.id_messaggio);
    let ct = w.ts(&m.data_creazione);
    w.x.empty("creationTime", &[("value", &ct)]);
    if let Some(v) = m.version_code.as_deref() {
        w.x.empty("versionCode", &[("code", v)]);
    }
    if o.interaction_id_root {
        let r = w.fisso("INTERAZIONI_HL7", oid::INTERAZIONI_HL7);
        w.x.empty(
            "interactionId",
            &[("root", &r), ("extension", "PRSS_IN001004ZZ")],
        );
    } else {
        w.x.empty("interactionId", &[("extension", "PRSS_IN001004ZZ")]);
    }
    let (pc, pm) = match o.envelope_codes {
        CodiciBusta::Hl7 => (
            non_vuoto(&m.processing_code, "P"),
            non_vuoto(&m.processing_mode_code, "T"),
        ),
        CodiciBusta::Regionali => ("Produzione", "batch"),
    };
    w.x.empty("processingCode", &[("code", pc)]);
    w.x.empty("processingModeCode", &[("code", pm)]);
    w.x.empty(
        "acceptAckCode",
        &[("code", non_vuoto(&m.accept_ack_code, "AL"))],
    );
    for d in &m.destinatari {
        device(&mut w.x, "receiver", "RCV", d);
    }
    device(&mut w.x, "sender", "SND", &m.mittente);
    w.x.open(
        "controlActProcess",
        &[("classCode", "CACT"), ("moodCode", "EVN")],
    );
    w.x.open("subject", &[("typeCode", "SUBJ")]);
    let (scritti, esclusi) = fasi_da_scrivere(&processo.fasi, o.cycles);
    for i in scritti {
        if let Some(f) = processo.fasi.get(i) {
            let prima = w.findings.len();
            w.fase(f, &m.cartella.assistito);
            // Attender paths are relative to the record: make them absolute.
            for issue in &mut w.findings[prima..] {
                if issue.path.starts_with("/responsabile")
                    || issue.path.starts_with("/case_manager")
                {
                    issue.path = format!("/cartella/processi/0/fasi/{i}{}", issue.path);
                }
            }
        }
    }
    if !esclusi.is_empty() {
        w.info(
            "CSI-CMP-025",
            "/cartella/processi/0/fasi",
            vec![("numero", esclusi.len().to_string())],
        );
    }
    w.x.close("subject");
    w.x.close("controlActProcess");
    w.x.close("PRSS_IN001004ZZ");
    Ok(MessaggioScritto {
        xml: w.x.finish(),
        findings: w.findings,
    })
}

// ---------------------------------------------------------------------------------------------
// Sensitivity filter (`privacy.md` §2, §6)

/// Drops from `m` every field the interchange carries whose tags (`privacy.md` §2) intersect
/// `tags`, reporting each (info `CSI-PRV-002`). The "minor ⇒ every field is `MIN`" rule of §2 is
/// not applied here (it would empty the message): filter on `MIN` drops the fields tagged `MIN`
/// explicitly.
fn filtra(
    m: &mut MessaggioInterscambio,
    tags: &std::collections::BTreeSet<Sensibilita>,
    findings: &mut Vec<Issue>,
) {
    use Sensibilita::*;
    let hit = |t: &[Sensibilita]| t.iter().any(|x| tags.contains(x));
    let mut dropped: Vec<String> = Vec::new();
    macro_rules! via {
        ($cond:expr, $field:expr, $path:expr) => {
            if $cond && $field.is_some() {
                $field = None;
                dropped.push($path);
            }
        };
    }
    macro_rules! via_lista {
        ($cond:expr, $field:expr, $path:expr) => {
            if $cond && !$field.is_empty() {
                $field.clear();
                dropped.push($path);
            }
        };
    }
    let a = &mut m.cartella.assistito;
    let base = "/cartella/assistito".to_string();
    let ide = hit(&[Ide]);
    via!(ide, a.codice_fiscale, format!("{base}/codice_fiscale"));
    via!(ide, a.nome, format!("{base}/nome"));
    via!(ide, a.cognome, format!("{base}/cognome"));
    via!(ide, a.data_nascita, format!("{base}/data_nascita"));
    via!(ide, a.comune_nascita, format!("{base}/comune_nascita"));
    via!(ide, a.tessera_team, format!("{base}/tessera_team"));
    via!(
        ide,
        a.documento_identita,
        format!("{base}/documento_identita")
    );
    via_lista!(
        ide,
        a.altri_identificativi,
        format!("{base}/altri_identificativi")
    );
    via!(hit(&[Con]), a.contatti, format!("{base}/contatti"));
    via!(hit(&[Sal]), a.mmg_pdf, format!("{base}/mmg_pdf"));
    for (i, r) in a.relazioni.iter_mut().enumerate() {
        let p = format!("{base}/relazioni/{i}");
        via!(hit(&[Sal]), r.caregiver, format!("{p}/caregiver"));
        via!(ide, r.codice_fiscale, format!("{p}/codice_fiscale"));
        via!(ide, r.nome, format!("{p}/nome"));
        via!(ide, r.cognome, format!("{p}/cognome"));
        via!(ide, r.data_nascita, format!("{p}/data_nascita"));
        via!(
            ide,
            r.comune_nascita_istat,
            format!("{p}/comune_nascita_istat")
        );
    }
    for (i, r) in a.assistenti_personali.iter_mut().enumerate() {
        let p = format!("{base}/assistenti_personali/{i}");
        via!(ide, r.codice_fiscale, format!("{p}/codice_fiscale"));
        via!(ide, r.nome, format!("{p}/nome"));
        via!(ide, r.cognome, format!("{p}/cognome"));
        via!(ide, r.data_nascita, format!("{p}/data_nascita"));
    }
    let (sal, eco) = (hit(&[Sal]), hit(&[Eco]));
    for (pi, processo) in m.cartella.processi.iter_mut().enumerate() {
        for (fi, f) in processo.fasi.iter_mut().enumerate() {
            let p = format!("/cartella/processi/{pi}/fasi/{fi}");
            via!(sal, f.header_mut().annotazioni, format!("{p}/annotazioni"));
            match f {
                Fase::Accesso(x) => {
                    via!(eco, x.area_reddituale, format!("{p}/area_reddituale"));
                    via!(eco, x.dsu, format!("{p}/dsu"));
                    via!(eco, x.tipologia_isee, format!("{p}/tipologia_isee"));
                    via!(eco, x.valore_isee, format!("{p}/valore_isee"));
                }
                Fase::ValutazioneBisogno(x) => {
                    via_lista!(sal, x.esenzioni_ticket, format!("{p}/esenzioni_ticket"));
                    via!(
                        sal,
                        x.struttura_sociosanitaria_in_carico,
                        format!("{p}/struttura_sociosanitaria_in_carico")
                    );
                    via!(
                        sal,
                        x.servizi_sociosanitari_erogati,
                        format!("{p}/servizi_sociosanitari_erogati")
                    );
                    via_lista!(sal, x.invalidita, format!("{p}/invalidita"));
                    via!(
                        hit(&[Sal, Min]),
                        x.indennita_frequenza,
                        format!("{p}/indennita_frequenza")
                    );
                    via!(
                        hit(&[Sal, Eco]),
                        x.assegno_pensione_invalidita,
                        format!("{p}/assegno_pensione_invalidita")
                    );
                    via!(
                        sal,
                        x.patologia_psichiatrica,
                        format!("{p}/patologia_psichiatrica")
                    );
                    via!(sal, x.patologie_correnti, format!("{p}/patologie_correnti"));
                    via!(
                        sal,
                        x.portatore_protesi_ausili,
                        format!("{p}/portatore_protesi_ausili")
                    );
                    via_lista!(sal, x.protesi_ausili, format!("{p}/protesi_ausili"));
                    via!(
                        sal,
                        x.necessita_cure_sanitarie,
                        format!("{p}/necessita_cure_sanitarie")
                    );
                    via_lista!(
                        sal,
                        x.necessita_interventi_sociosanitari,
                        format!("{p}/necessita_interventi_sociosanitari")
                    );
                    via!(
                        hit(&[Giu, Min]),
                        x.motivazione_affido,
                        format!("{p}/motivazione_affido")
                    );
                    via_lista!(eco, x.previdenze_inps, format!("{p}/previdenze_inps"));
                }
                Fase::ProgettoIndividuale(_) => {}
                Fase::ErogazioneServizio(x) => {
                    via!(
                        eco,
                        x.valore_mensile_buono,
                        format!("{p}/valore_mensile_buono")
                    );
                    via!(eco, x.valore_voucher, format!("{p}/valore_voucher"));
                    via!(eco, x.importo_erogato, format!("{p}/importo_erogato"));
                    via!(
                        eco,
                        x.riprogrammazione_risorse,
                        format!("{p}/riprogrammazione_risorse")
                    );
                }
                Fase::ValutazioneFinale(x) => {
                    via!(
                        eco,
                        x.risorse_economiche_finali,
                        format!("{p}/risorse_economiche_finali")
                    );
                    via!(sal, x.valutazione_finale, format!("{p}/valutazione_finale"));
                    via!(
                        sal,
                        x.risultati_raggiunti,
                        format!("{p}/risultati_raggiunti")
                    );
                    via!(
                        sal,
                        x.risultati_non_raggiunti,
                        format!("{p}/risultati_non_raggiunti")
                    );
                }
            }
        }
    }
    for path in dropped {
        if let Ok(i) = Issue::new("CSI-PRV-002", path, [("numero", "1".to_string())]) {
            findings.push(i);
        }
    }
}
