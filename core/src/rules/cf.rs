//! Codice fiscale (`CF-*`, `rules.md` §5) applied to every codice fiscale of the cartella.
//!
//! The analysis itself is [`crate::cf::analizza`]; this module finds the codes, supplies the
//! person's registry data for the consistency rules and turns the analysis findings into
//! findings at the pointer of the code.
//!
//! Codes checked (all of natural persons, so an 11-digit code raises `CF-016`): the assistito,
//! relatives (`relazioni`), assistenti personali, `mmg_pdf`, the segnalante of every A record,
//! the operators of every phase (`responsabile_valutazione`, `case_manager`,
//! `responsabile_progetto`, `responsabile_monitoraggio`, `responsabile_chiusura`), the
//! `operatore_erogante` of planned and delivered prestazioni, and the `operatore` of process
//! events.
//!
//! Consistency data compared (only fields present): assistito — `data_nascita` (`CF-009`),
//! `genere` (`CF-010`, `UN` not compared), `comune_nascita` (ISTAT code, when its system is the
//! binding `2.16.840.1.113883.2.9.4.2.3`) and `stato_nascita` (ISO numeric, when its system is
//! `ISO3166-1-numeric`) (`CF-013`), `cognome`+`nome` (`CF-014`); relatives — birth date, genere,
//! `comune_nascita_istat`, names; assistenti personali — birth date, genere, names; other persons
//! and operators — names.
//!
//! `CF-018` (no reference table) is raised at most once per document, at the first code whose
//! birthplace could not be checked. The reference date for the century of undated codes is the
//! validation date.

use chrono::NaiveDate;

use super::codici::{Percorso, ISO_NUMERICO};
use super::engine::Ctx;
use crate::cf::{analizza, DatiAnagrafici, OpzioniCf, Sesso};
use crate::model::{Cartella, CodiceFiscale, Fase, Genere, Operatore, Persona, Prestazione, Testo};
use crate::refdata::DatiRiferimento;

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[
    "CF-001", "CF-002", "CF-003", "CF-004", "CF-005", "CF-006", "CF-007", "CF-008", "CF-009",
    "CF-010", "CF-011", "CF-012", "CF-013", "CF-014", "CF-015", "CF-016", "CF-017", "CF-018",
];

/// Rules of the family that can only arise while reading or writing HL7 XML (none).
pub(crate) const DEFERRED: &[(&str, &str)] = &[];

/// Binding system of `comune_nascita` (ISTAT comuni).
const SISTEMA_COMUNI: &str = "2.16.840.1.113883.2.9.4.2.3";

fn sesso(g: Option<Genere>) -> Option<Sesso> {
    match g? {
        Genere::M => Some(Sesso::M),
        Genere::F => Some(Sesso::F),
        Genere::Un => None,
    }
}

fn testo(t: &Option<Testo>) -> Option<&str> {
    t.as_ref().map(Testo::as_str)
}

fn nomi<'a>(cognome: &'a Option<Testo>, nome: &'a Option<Testo>) -> DatiAnagrafici<'a> {
    DatiAnagrafici {
        cognome: testo(cognome),
        nome: testo(nome),
        ..DatiAnagrafici::default()
    }
}

struct Verifica<'x, 'c> {
    ctx: &'x mut Ctx<'c>,
    dati: Option<&'c DatiRiferimento>,
    as_of: NaiveDate,
    cf018: bool,
}

impl Verifica<'_, '_> {
    /// Analyses the code at `path` (the pointer of the code itself).
    fn codice(&mut self, path: &Percorso<'_>, cf: &CodiceFiscale, confronto: DatiAnagrafici<'_>) {
        let opz = OpzioniCf {
            data_riferimento: Some(self.as_of),
            dati_riferimento: self.dati,
            confronto: Some(confronto),
            persona_fisica: true,
        };
        let analisi = analizza(cf.as_str(), &opz);
        if analisi.findings.is_empty() {
            return;
        }
        let rendered = path.render();
        for f in analisi.findings {
            if f.rule_id == "CF-018" {
                if self.cf018 {
                    continue;
                }
                self.cf018 = true;
            }
            self.ctx.emit(f.rule_id, rendered.clone(), f.params);
        }
    }

    fn campo(
        &mut self,
        p: &Percorso<'_>,
        cf: Option<&CodiceFiscale>,
        confronto: DatiAnagrafici<'_>,
    ) {
        if let Some(cf) = cf {
            self.codice(&p.campo("codice_fiscale"), cf, confronto);
        }
    }

    fn persona(&mut self, p: &Percorso<'_>, nome: &str, persona: Option<&Persona>) {
        if let Some(x) = persona {
            if x.codice_fiscale.is_some() {
                self.campo(
                    &p.campo(nome),
                    x.codice_fiscale.as_ref(),
                    nomi(&x.cognome, &x.nome),
                );
            }
        }
    }

    fn operatore(&mut self, p: &Percorso<'_>, nome: &str, op: Option<&Operatore>) {
        if let Some(x) = op {
            if x.codice_fiscale.is_some() {
                self.campo(
                    &p.campo(nome),
                    x.codice_fiscale.as_ref(),
                    nomi(&x.cognome, &x.nome),
                );
            }
        }
    }

    fn prestazioni(&mut self, p: &Percorso<'_>, nome: &str, ps: &[Prestazione]) {
        if ps.iter().all(|x| {
            x.operatore_erogante
                .as_ref()
                .and_then(|o| o.codice_fiscale.as_ref())
                .is_none()
        }) {
            return;
        }
        let pl = p.campo(nome);
        for (i, pr) in ps.iter().enumerate() {
            self.operatore(
                &pl.indice(i),
                "operatore_erogante",
                pr.operatore_erogante.as_ref(),
            );
        }
    }

    fn fase(&mut self, pf: &Percorso<'_>, fase: &Fase) {
        match fase {
            Fase::Accesso(a) => {
                if let Some(s) = &a.segnalazione {
                    self.persona(
                        &pf.campo("segnalazione"),
                        "segnalante",
                        s.segnalante.as_ref(),
                    );
                }
            }
            Fase::ValutazioneBisogno(b) => {
                self.operatore(
                    pf,
                    "responsabile_valutazione",
                    b.responsabile_valutazione.as_ref(),
                );
                self.operatore(pf, "case_manager", b.case_manager.as_ref());
            }
            Fase::ProgettoIndividuale(c) => {
                self.operatore(
                    pf,
                    "responsabile_progetto",
                    c.responsabile_progetto.as_ref(),
                );
                self.operatore(
                    pf,
                    "responsabile_monitoraggio",
                    c.responsabile_monitoraggio.as_ref(),
                );
                if let Some(pr) = &c.progetto {
                    self.prestazioni(
                        &pf.campo("progetto"),
                        "prestazioni_programmate",
                        &pr.prestazioni_programmate,
                    );
                }
            }
            Fase::ErogazioneServizio(d) => {
                self.prestazioni(pf, "prestazioni_erogate", &d.prestazioni_erogate);
            }
            Fase::ValutazioneFinale(e) => {
                self.operatore(
                    pf,
                    "responsabile_chiusura",
                    e.responsabile_chiusura.as_ref(),
                );
            }
        }
    }
}

/// Runs the family.
pub(crate) fn check(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    if !RULES.iter().any(|r| ctx.enabled(r)) {
        return;
    }
    let dati = ctx.refdata();
    let as_of = ctx.as_of();
    let mut v = Verifica {
        ctx,
        dati,
        as_of,
        cf018: false,
    };
    let root = Percorso::radice(base);
    let a = &cartella.assistito;
    let pa = root.campo("assistito");

    let confronto = DatiAnagrafici {
        data_nascita: a.data_nascita.map(|d| d.naive()),
        genere: sesso(a.genere),
        cognome: testo(&a.cognome),
        nome: testo(&a.nome),
        comune_nascita_istat: a
            .comune_nascita
            .as_ref()
            .filter(|c| c.system == SISTEMA_COMUNI)
            .map(|c| c.code.as_str()),
        stato_nascita_iso_numerico: a
            .stato_nascita
            .as_ref()
            .filter(|c| c.system == ISO_NUMERICO)
            .map(|c| c.code.as_str()),
    };
    v.campo(&pa, a.codice_fiscale.as_ref(), confronto);

    if a.relazioni.iter().any(|r| r.codice_fiscale.is_some()) {
        let pl = pa.campo("relazioni");
        for (i, r) in a.relazioni.iter().enumerate() {
            let confronto = DatiAnagrafici {
                data_nascita: r.data_nascita.map(|d| d.naive()),
                genere: sesso(r.genere),
                cognome: testo(&r.cognome),
                nome: testo(&r.nome),
                comune_nascita_istat: r.comune_nascita_istat.as_ref().map(|c| c.as_str()),
                stato_nascita_iso_numerico: None,
            };
            v.campo(&pl.indice(i), r.codice_fiscale.as_ref(), confronto);
        }
    }
    if a.assistenti_personali
        .iter()
        .any(|r| r.codice_fiscale.is_some())
    {
        let pl = pa.campo("assistenti_personali");
        for (i, r) in a.assistenti_personali.iter().enumerate() {
            let confronto = DatiAnagrafici {
                data_nascita: r.data_nascita.map(|d| d.naive()),
                genere: sesso(r.genere),
                cognome: testo(&r.cognome),
                nome: testo(&r.nome),
                ..DatiAnagrafici::default()
            };
            v.campo(&pl.indice(i), r.codice_fiscale.as_ref(), confronto);
        }
    }
    v.persona(&pa, "mmg_pdf", a.mmg_pdf.as_ref());

    if cartella.processi.is_empty() {
        return;
    }
    let pp = root.campo("processi");
    for (i, pr) in cartella.processi.iter().enumerate() {
        let ppi = pp.indice(i);
        if !pr.fasi.is_empty() {
            let pf = ppi.campo("fasi");
            for (j, fase) in pr.fasi.iter().enumerate() {
                v.fase(&pf.indice(j), fase);
            }
        }
        if pr.eventi.iter().any(|e| e.operatore.is_some()) {
            let pe = ppi.campo("eventi");
            for (k, e) in pr.eventi.iter().enumerate() {
                if let Some(cf) = &e.operatore {
                    v.codice(
                        &pe.indice(k).campo("operatore"),
                        cf,
                        DatiAnagrafici::default(),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::rules::{ReferenceData, Report, Severity, ValidationOptions, Validator};

    fn cartella(assistito: Value, fasi: Value) -> Cartella {
        let mut a = json!({});
        for (k, v) in assistito.as_object().unwrap() {
            a[k] = v.clone();
        }
        serde_json::from_value(json!({
            "versione_modello": "1.0",
            "id_cartella": "C-1",
            "ente_titolare": { "id": { "root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146" } },
            "assistito": a,
            "processi": [ { "id_processo": "P-1", "fasi": fasi } ]
        }))
        .expect("valid cartella JSON")
    }

    fn opzioni() -> ValidationOptions {
        ValidationOptions::default().as_of(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
    }

    fn valida(assistito: Value, fasi: Value) -> Report {
        Validator::new(opzioni()).validate(&cartella(assistito, fasi))
    }

    fn cf_ids(r: &Report) -> Vec<&str> {
        r.issues
            .iter()
            .filter(|i| i.rule_id.starts_with("CF-"))
            .map(|i| i.rule_id.as_str())
            .collect()
    }

    fn paths<'a>(r: &'a Report, id: &'a str) -> Vec<&'a str> {
        r.of_rule(id).map(|i| i.path.as_str()).collect()
    }

    const CF_ASSISTITO: &str = "/assistito/codice_fiscale";

    /// Mario Rossi, born in Roma (H501, ISTAT 058091) on 1980-01-01.
    fn mario() -> Value {
        json!({ "codice_fiscale": "RSSMRA80A01H501U", "nome": "Mario", "cognome": "Rossi", "genere": "M",
                "data_nascita": "1980-01-01",
                "comune_nascita": { "code": "058091", "system": "2.16.840.1.113883.2.9.4.2.3" } })
    }

    fn con(mut base: Value, campi: Value) -> Value {
        for (k, v) in campi.as_object().unwrap() {
            base[k] = v.clone();
        }
        base
    }

    #[test]
    fn valid_vectors_raise_nothing() {
        assert!(
            cf_ids(&valida(mario(), json!([]))).is_empty(),
            "{:?}",
            cf_ids(&valida(mario(), json!([])))
        );
        let laura = json!({ "codice_fiscale": "BNCLRA75M41F205A", "nome": "Laura", "cognome": "Bianchi", "genere": "F",
            "data_nascita": "1975-08-01", "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" } });
        assert!(cf_ids(&valida(laura, json!([]))).is_empty());
    }

    #[test]
    fn cf_001_002_syntax() {
        let r = valida(json!({ "codice_fiscale": "RSSMRA80A01" }), json!([]));
        assert_eq!(paths(&r, "CF-001"), [CF_ASSISTITO]);
        assert_eq!(
            r.of_rule("CF-001").next().unwrap().params["cf"],
            "RSSMRA****1"
        );
        let r = valida(json!({ "codice_fiscale": "RSS1RA80A01H501U" }), json!([]));
        assert_eq!(paths(&r, "CF-002"), [CF_ASSISTITO]);
        let r = valida(json!({ "codice_fiscale": "RSSMRA80A01H501U" }), json!([]));
        assert!(!r.has("CF-001") && !r.has("CF-002"));
    }

    #[test]
    fn cf_003_004_005_006_vectors() {
        assert_eq!(
            paths(
                &valida(json!({ "codice_fiscale": "RSSMRA80A01H501A" }), json!([])),
                "CF-003"
            ),
            [CF_ASSISTITO]
        );
        let r = valida(json!({ "codice_fiscale": "RSSMRA80K01H501V" }), json!([]));
        assert_eq!(paths(&r, "CF-004"), [CF_ASSISTITO]);
        assert!(!r.has("CF-003"));
        let day = |s: &str| format!("{s}{}", crate::cf::carattere_controllo(s).unwrap());
        let r = valida(
            json!({ "codice_fiscale": day("RSSMRA80A35H501") }),
            json!([]),
        );
        assert_eq!(paths(&r, "CF-005"), [CF_ASSISTITO]);
        let r = valida(
            json!({ "codice_fiscale": day("RSSMRA8AA01H501") }),
            json!([]),
        );
        assert_eq!(paths(&r, "CF-006"), [CF_ASSISTITO]);
        let r = valida(mario(), json!([]));
        for id in ["CF-003", "CF-004", "CF-005", "CF-006"] {
            assert!(!r.has(id), "{id}");
        }
    }

    #[test]
    fn cf_007_008_omocodic() {
        let r = valida(json!({ "codice_fiscale": "RSSMRA8LA01H501F" }), json!([]));
        assert_eq!(paths(&r, "CF-007"), [CF_ASSISTITO]);
        assert_eq!(paths(&r, "CF-008"), [CF_ASSISTITO]);
        let r = valida(json!({ "codice_fiscale": "RSSMRA80A01H50MM" }), json!([]));
        assert!(r.has("CF-007") && !r.has("CF-008"));
        assert!(!valida(mario(), json!([])).has("CF-007"));
    }

    #[test]
    fn cf_009_010_014_consistency_with_assistito() {
        let r = valida(
            con(mario(), json!({ "data_nascita": "1980-01-02" })),
            json!([]),
        );
        assert_eq!(cf_ids(&r), ["CF-009"]);
        assert_eq!(paths(&r, "CF-009"), [CF_ASSISTITO]);
        assert_eq!(
            r.of_rule("CF-009").next().unwrap().params["cf"],
            "RSSMRA*********U"
        );
        let r = valida(con(mario(), json!({ "genere": "F" })), json!([]));
        assert_eq!(cf_ids(&r), ["CF-010"]);
        assert!(!valida(con(mario(), json!({ "genere": "UN" })), json!([])).has("CF-010"));
        let r = valida(con(mario(), json!({ "cognome": "Bianchi" })), json!([]));
        assert_eq!(cf_ids(&r), ["CF-014"]);
        // Only when both names are present.
        let mut senza_nome = mario();
        senza_nome.as_object_mut().unwrap().remove("nome");
        assert!(!valida(con(senza_nome, json!({ "cognome": "Bianchi" })), json!([])).has("CF-014"));
    }

    #[test]
    fn cf_011_012_013_birthplace() {
        // CF-013: comune di nascita Milano (F205) vs H501 in the code; foreign state vs a comune.
        let r = valida(
            con(
                mario(),
                json!({ "comune_nascita": { "code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3" } }),
            ),
            json!([]),
        );
        assert_eq!(cf_ids(&r), ["CF-013"]);
        let mut estero = mario();
        estero.as_object_mut().unwrap().remove("comune_nascita");
        estero["stato_nascita"] = json!({ "code": "840", "system": "ISO3166-1-numeric" });
        assert_eq!(cf_ids(&valida(estero, json!([]))), ["CF-013"]);
        // CF-011: unknown Belfiore code.
        let cf = |s: &str| format!("{s}{}", crate::cf::carattere_controllo(s).unwrap());
        let r = valida(
            json!({ "codice_fiscale": cf("RSSMRA80A01Z999") }),
            json!([]),
        );
        assert_eq!(paths(&r, "CF-011"), [CF_ASSISTITO]);
        // CF-012: a comune that did not exist yet at the birth date.
        let dati = DatiRiferimento::embedded();
        let nato = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap();
        let nuovo = dati
            .comuni()
            .iter()
            .find(|c| {
                let righe = dati.comuni_per_belfiore(&c.codice_belfiore);
                !c.codice_belfiore.starts_with('Z')
                    && righe.iter().all(|r| r.valido_dal.is_some_and(|d| d > nato))
            })
            .expect("a comune created after 1980");
        let r = valida(
            json!({ "codice_fiscale": cf(&format!("RSSMRA80A01{}", nuovo.codice_belfiore)), "data_nascita": "1980-01-01" }),
            json!([]),
        );
        assert_eq!(paths(&r, "CF-012"), [CF_ASSISTITO]);
        assert!(!valida(mario(), json!([])).has("CF-011"));
    }

    #[test]
    fn cf_015_016_numeric_codes() {
        let r = valida(json!({ "codice_fiscale": "01234567890" }), json!([]));
        assert_eq!(paths(&r, "CF-015"), [CF_ASSISTITO]);
        let r = valida(json!({ "codice_fiscale": "01234567897" }), json!([]));
        assert!(!r.has("CF-015"));
        assert_eq!(paths(&r, "CF-016"), [CF_ASSISTITO]);
        assert_eq!(r.of_rule("CF-016").next().unwrap().severity, Severity::Info);
        assert!(!valida(mario(), json!([])).has("CF-016"));
    }

    #[test]
    fn cf_017_normalised() {
        let r = valida(
            con(mario(), json!({ "codice_fiscale": "rssmra80a01h501u" })),
            json!([]),
        );
        assert_eq!(cf_ids(&r), ["CF-017"]);
        assert_eq!(
            r.of_rule("CF-017").next().unwrap().params["cf"],
            "rssmra*********u"
        );
        assert!(!valida(mario(), json!([])).has("CF-017"));
    }

    #[test]
    fn cf_018_once_per_document_without_reference_data() {
        let c = cartella(
            mario(),
            json!([{ "tipo_fase": "VALUTAZIONE_DEL_BISOGNO", "id_fase": "B-1", "stato_fase": "APERTA", "data_inizio": "2024-01-01",
                     "responsabile_valutazione": { "codice_fiscale": "BNCLRA75M41F205A" } }]),
        );
        let r = Validator::new(opzioni().with_reference_data(ReferenceData::Disabled)).validate(&c);
        assert_eq!(paths(&r, "CF-018"), [CF_ASSISTITO]);
        assert!(!r.has("CF-011") && !r.has("CF-013"));
        assert!(!Validator::new(opzioni()).validate(&c).has("CF-018"));
    }

    #[test]
    fn every_codice_fiscale_of_the_cartella_is_checked() {
        let bad = "RSSMRA80A01H501A"; // CF-003
        let op = json!({ "codice_fiscale": bad });
        let c = cartella(
            con(
                mario(),
                json!({
                    "mmg_pdf": { "codice_fiscale": bad },
                    "assistenti_personali": [ { "codice_fiscale": bad } ],
                    "relazioni": [ { "tipo_relazione": "NUCLEO_FAMILIARE",
                        "tipologia": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22" }, "codice_fiscale": bad } ]
                }),
            ),
            json!([
                { "tipo_fase": "ACCESSO_E_ORIENTAMENTO", "id_fase": "A-1", "stato_fase": "CHIUSA", "data_inizio": "2024-01-01",
                  "segnalazione": { "segnalante": { "codice_fiscale": bad } } },
                { "tipo_fase": "VALUTAZIONE_DEL_BISOGNO", "id_fase": "B-1", "stato_fase": "CHIUSA", "data_inizio": "2024-01-02",
                  "responsabile_valutazione": op, "case_manager": op },
                { "tipo_fase": "ELABORAZIONE_PROGETTO_INDIVIDUALE", "id_fase": "C-1", "stato_fase": "CHIUSA", "data_inizio": "2024-01-03",
                  "responsabile_progetto": op, "responsabile_monitoraggio": op,
                  "progetto": { "prestazioni_programmate": [ { "operatore_erogante": op } ] } },
                { "tipo_fase": "EROGAZIONE_DEL_SERVIZIO", "id_fase": "D-1", "stato_fase": "APERTA", "data_inizio": "2024-01-04",
                  "prestazioni_erogate": [ {}, { "operatore_erogante": op } ] },
                { "tipo_fase": "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO", "id_fase": "E-1", "stato_fase": "APERTA",
                  "data_inizio": "2024-01-05", "responsabile_chiusura": op }
            ]),
        );
        let r = Validator::new(opzioni()).validate(&c);
        let p = paths(&r, "CF-003");
        assert_eq!(
            p,
            [
                "/assistito/relazioni/0/codice_fiscale",
                "/assistito/assistenti_personali/0/codice_fiscale",
                "/assistito/mmg_pdf/codice_fiscale",
                "/processi/0/fasi/0/segnalazione/segnalante/codice_fiscale",
                "/processi/0/fasi/1/responsabile_valutazione/codice_fiscale",
                "/processi/0/fasi/1/case_manager/codice_fiscale",
                "/processi/0/fasi/2/responsabile_progetto/codice_fiscale",
                "/processi/0/fasi/2/responsabile_monitoraggio/codice_fiscale",
                "/processi/0/fasi/2/progetto/prestazioni_programmate/0/operatore_erogante/codice_fiscale",
                "/processi/0/fasi/3/prestazioni_erogate/1/operatore_erogante/codice_fiscale",
                "/processi/0/fasi/4/responsabile_chiusura/codice_fiscale",
            ]
        );
        // Messages never carry the full code.
        assert!(r
            .issues
            .iter()
            .all(|i| !i.message_it.contains(bad) && !i.message_en.contains(bad)));
    }

    #[test]
    fn relatives_are_compared_with_their_own_data() {
        let c = cartella(
            con(
                mario(),
                json!({ "relazioni": [ { "tipo_relazione": "NUCLEO_FAMILIARE",
                "tipologia": { "code": "1", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22" },
                "codice_fiscale": "BNCLRA75M41F205A", "nome": "Laura", "cognome": "Bianchi", "genere": "M",
                "data_nascita": "1975-08-02", "comune_nascita_istat": "058091" } ] }),
            ),
            json!([]),
        );
        let r = Validator::new(opzioni()).validate(&c);
        assert_eq!(cf_ids(&r), ["CF-009", "CF-010", "CF-013"]);
        assert!(r
            .issues
            .iter()
            .filter(|i| i.rule_id.starts_with("CF-"))
            .all(|i| i.path == "/assistito/relazioni/0/codice_fiscale"));
    }
}
