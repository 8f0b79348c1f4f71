//! Reader of the interchange request (`interscambio.md`): one failing and one passing case per
//! rule raised by the reader, on the standard fixture and variants of it.

use cartella::interscambio::lettore::{leggi, Lettura, OpzioniLettura};
use cartella::interscambio::xml::LimitiXml;
use cartella::model::*;
use cartella::Severity;
use proptest::prelude::*;

const STANDARD: &str = include_str!("fixtures/interscambio/standard.xml");

fn leggi_str(s: &str) -> Lettura {
    leggi(s.as_bytes(), &OpzioniLettura::default()).expect("reader never fails on input")
}

/// The standard fixture with one substitution (which must apply).
fn variante(da: &str, a: &str) -> Lettura {
    assert!(STANDARD.contains(da), "fixture does not contain {da:?}");
    leggi_str(&STANDARD.replacen(da, a, 1))
}

fn ha(l: &Lettura, id: &str) -> bool {
    l.has(id)
}

fn standard() -> Lettura {
    leggi_str(STANDARD)
}

#[test]
fn standard_message_reads_without_errors() {
    let l = standard();
    let errori: Vec<_> = l
        .issues
        .iter()
        .filter(|i| i.severity != Severity::Info && i.rule_id != "CSI-CMP-012")
        .map(|i| (&i.rule_id, &i.xml_path))
        .collect();
    assert!(errori.is_empty(), "{errori:?}");
    let m = l.messaggio.expect("model");
    assert_eq!(m.id_messaggio.extension.as_deref(), Some("MSG-1"));
    assert_eq!(m.destinatari.len(), 1);
    assert_eq!(m.mittente.extension.as_deref(), Some("015146"));
    let a = &m.cartella.assistito;
    assert_eq!(
        a.codice_fiscale.as_ref().map(|c| c.valore()),
        Some("RSSMRA80A01F205X")
    );
    assert_eq!(a.nome.as_ref().map(|t| t.as_str()), Some("MARIO"));
    assert_eq!(a.genere, Some(Genere::M));
    assert_eq!(
        a.data_nascita.map(|d| d.to_string()).as_deref(),
        Some("1980-01-01")
    );
    let c = a.contatti.as_ref().unwrap();
    assert_eq!(c.telefono.as_deref(), Some("021234567"));
    assert_eq!(c.cellulare.as_deref(), Some("3331234567"));
    assert_eq!(c.email.as_deref(), Some("a@b.it"));
    let g = a.garanti.as_ref().unwrap();
    assert_eq!(g.ats.as_deref(), Some("321"));
    assert_eq!(g.ambito.as_deref(), Some("AMB1"));
    assert_eq!(a.relazioni.len(), 1);
    assert_eq!(a.relazioni[0].caregiver, Some(true));
    assert!(a.mmg_pdf.is_some());
    let fasi = &m.cartella.processi[0].fasi;
    assert_eq!(fasi.len(), 5);
    let tipi: Vec<_> = fasi.iter().map(|f| f.tipo()).collect();
    assert_eq!(
        tipi,
        [
            TipoFase::Accesso,
            TipoFase::ValutazioneBisogno,
            TipoFase::ProgettoIndividuale,
            TipoFase::ErogazioneServizio,
            TipoFase::ValutazioneFinale
        ]
    );
    let fa = fasi[0].as_accesso().unwrap();
    assert_eq!(fa.valore_isee.as_ref().unwrap().amount.as_str(), "7350.00");
    assert_eq!(fa.intestazione.esito.as_ref().unwrap().code, "1");
    assert_eq!(
        fa.intestazione.esito_processo,
        Some(EsitoProcesso::AvvioValutazione)
    );
    let fb = fasi[1].as_valutazione_bisogno().unwrap();
    assert!(fb.responsabile_valutazione.is_some());
    assert_eq!(
        fb.data_valutazione.as_ref().unwrap().to_string(),
        "2024-01-14"
    );
    assert_eq!(fb.invalidita.len(), 1);
    let fc = fasi[2].as_progetto_individuale().unwrap();
    let pr = fc.progetto.as_ref().unwrap();
    assert_eq!(pr.codice_progetto.as_deref(), Some("PRG-1"));
    assert_eq!(pr.obiettivi.len(), 1);
    assert_eq!(pr.prestazioni_programmate.len(), 1);
    let fd = fasi[3].as_erogazione_servizio().unwrap();
    assert_eq!(fd.sospensioni.len(), 1);
    assert!(fd.sospensioni[0].data_fine.is_some());
    let fe = fasi[4].as_valutazione_finale().unwrap();
    assert!(fe.responsabile_chiusura.is_some());
    assert_eq!(fe.valutazione_finale.as_ref().unwrap().as_str(), "buona");
    assert!(ha(&standard(), "CSI-LCY-020"));
}

#[test]
fn xml_paths_are_absolute_and_positional() {
    let l = variante(
        "<value code=\"7350.00\" type=\"MO\" currency=\"EUR\"/>",
        "<value code=\"7350,00\" type=\"MO\" currency=\"EUR\"/>",
    );
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "CSI-CMP-021")
        .unwrap();
    assert_eq!(
        i.xml_path.as_deref(),
        Some("/PRSS_IN001004ZZ/controlActProcess[1]/subject[1]/encounterEvent[1]/reference[2]/commonObservationEvent[1]/value[1]")
    );
    assert_eq!(i.path, "/cartella/processi/0/fasi/0/valore_isee");
}

// ---------------------------------------------------------------------------------------------
// XML layer
// ---------------------------------------------------------------------------------------------

#[test]
fn xml_001_not_well_formed() {
    let l = leggi_str("<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\">\n<id></PRSS_IN001004ZZ>");
    assert!(l.messaggio.is_none());
    let i = &l.issues[0];
    assert_eq!(i.rule_id, "XML-001");
    assert_eq!(i.params["riga"], "2");
    assert!(!ha(&standard(), "XML-001"));
}

#[test]
fn xml_002_doctype_and_entities() {
    let l = leggi_str("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\">&e;</PRSS_IN001004ZZ>");
    assert!(ha(&l, "XML-002"));
    assert!(l.messaggio.is_none());
    assert!(ha(
        &leggi_str("<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\">&e;</PRSS_IN001004ZZ>"),
        "XML-002"
    ));
    assert!(!ha(&standard(), "XML-002"));
}

#[test]
fn xml_003_limits() {
    let o = OpzioniLettura {
        limiti: LimitiXml {
            profondita_massima: 5,
            ..LimitiXml::default()
        },
    };
    let l = leggi(STANDARD.as_bytes(), &o).unwrap();
    assert!(ha(&l, "XML-003"));
    let i = &l.issues[0];
    assert_eq!(
        i.params.get("limite").map(String::as_str),
        Some("profondita_massima")
    );
    assert_eq!(i.params.get("valore").map(String::as_str), Some("5"));
    assert!(i.params.contains_key("riga") && !i.params.contains_key("dettaglio"));
    let bomb = format!("<a>{}</a>", "<b>".repeat(100) + &"</b>".repeat(100));
    assert!(ha(&leggi_str(&bomb), "XML-003"));
    assert!(!ha(&standard(), "XML-003"));
}

#[test]
fn xml_012_encoding() {
    let l = leggi_str(&STANDARD.replacen("UTF-8", "ISO-8859-1", 1));
    assert!(ha(&l, "XML-012"));
    assert_eq!(
        l.issues[0].params.get("codifica").map(String::as_str),
        Some("ISO-8859-1")
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in STANDARD.replacen("UTF-8", "UTF-16", 1).encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let l = leggi(&utf16, &OpzioniLettura::default()).unwrap();
    assert!(l.messaggio.is_some());
    assert!(!ha(&l, "XML-012"));
}

#[test]
fn xml_004_root_and_namespace() {
    assert!(ha(
        &variante("xmlns=\"urn:hl7-org:v3\"", "xmlns=\"urn:other\""),
        "XML-004"
    ));
    assert!(ha(
        &leggi_str("<MCCI_IN000002UV01 xmlns=\"urn:hl7-org:v3\"/>"),
        "XML-004"
    ));
    let l = variante(
        "<processingCode code=\"P\"/>",
        "<processingCode code=\"P\"/><x:foo xmlns:x=\"urn:x\"/>",
    );
    assert!(ha(&l, "XML-004"));
    assert!(!ha(&standard(), "XML-004"));
}

#[test]
fn xml_016_and_cmp_027_its_version() {
    assert!(ha(
        &variante("ITSVersion=\"XML_1.0\"", "ITSVersion=\"XML_2.0\""),
        "XML-016"
    ));
    let l = variante(" ITSVersion=\"XML_1.0\"", "");
    assert!(ha(&l, "CSI-CMP-027"));
    assert!(l.messaggio.is_some());
    assert!(!ha(&standard(), "XML-016"));
    assert!(!ha(&standard(), "CSI-CMP-027"));
}

#[test]
fn xml_013_invalid_ts() {
    assert!(ha(
        &variante("<low value=\"20240112\"/>", "<low value=\"1221\"/>"),
        "XML-013"
    ));
    assert!(!ha(&standard(), "XML-013"));
}

#[test]
fn xml_014_phase_id_root() {
    assert!(ha(
        &variante(
            "root=\"2.16.840.1.113883.2.9.2.30.3.2\" extension=\"B-1\"",
            "root=\"2..3\" extension=\"B-1\""
        ),
        "XML-014"
    ));
    assert!(!ha(&standard(), "XML-014"));
}

#[test]
fn xml_010_unmapped_elements() {
    let l = variante("<reference typeCode=\"REFR\"><commonObservationEvent><code code=\"TIRI\"", "<reference typeCode=\"REFR\"><commonObservationEvent><code code=\"ZZZZ\"/></commonObservationEvent></reference><reference typeCode=\"REFR\"><commonObservationEvent><code code=\"TIRI\"");
    assert!(ha(&l, "XML-010"));
    assert!(!ha(&standard(), "XML-010"));
}

#[test]
fn xml_015_null_flavor_with_value() {
    assert!(ha(
        &variante("<value code=\"T1\"", "<value nullFlavor=\"NI\" code=\"T1\""),
        "XML-015"
    ));
    assert!(!ha(&standard(), "XML-015"));
}

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

#[test]
fn env_001_message_id() {
    assert!(ha(&variante(" extension=\"MSG-1\"", ""), "CSI-ENV-001"));
    assert!(!ha(&standard(), "CSI-ENV-001"));
}

#[test]
fn env_002_creation_time() {
    assert!(ha(
        &variante(
            "<creationTime value=\"20240201103000\"/>",
            "<creationTime value=\"x\"/>"
        ),
        "CSI-ENV-002"
    ));
    assert!(!ha(&standard(), "CSI-ENV-002"));
}

#[test]
fn env_003_interaction_id() {
    assert!(ha(
        &variante(
            "extension=\"PRSS_IN001004ZZ\"",
            "extension=\"PRSS_IN000000ZZ\""
        ),
        "CSI-ENV-003"
    ));
    assert!(!ha(&standard(), "CSI-ENV-003"));
}

#[test]
fn env_004_005_006_regional_codes() {
    assert!(ha(
        &variante(
            "<processingCode code=\"P\"/>",
            "<processingCode code=\"Produzione\"/>"
        ),
        "CSI-ENV-004"
    ));
    assert!(ha(
        &variante(
            "<processingModeCode code=\"T\"/>",
            "<processingModeCode code=\"batch\"/>"
        ),
        "CSI-ENV-005"
    ));
    assert!(ha(
        &variante(
            "<acceptAckCode code=\"AL\"/>",
            "<acceptAckCode code=\"1.2.3\"/>"
        ),
        "CSI-ENV-006"
    ));
    let s = standard();
    assert!(!ha(&s, "CSI-ENV-004") && !ha(&s, "CSI-ENV-005") && !ha(&s, "CSI-ENV-006"));
    let l = variante(
        "<processingCode code=\"P\"/>",
        "<processingCode code=\"Produzione\"/>",
    );
    assert_eq!(l.messaggio.unwrap().processing_code, "Produzione");
}

#[test]
fn env_007_008_device_ids() {
    assert!(ha(&variante(" extension=\"DEST\"", ""), "CSI-ENV-007"));
    assert!(ha(
        &variante(
            " extension=\"015146\"/></device></sender>",
            "/></device></sender>"
        ),
        "CSI-ENV-008"
    ));
    assert!(!ha(&standard(), "CSI-ENV-007") && !ha(&standard(), "CSI-ENV-008"));
}

#[test]
fn env_009_id_root() {
    assert!(ha(
        &variante(
            "root=\"2.16.840.1.113883.2.9.2.30.3.2.4.3\" extension=\"MSG-1\"",
            "root=\"1.2.3\" extension=\"MSG-1\""
        ),
        "CSI-ENV-009"
    ));
    assert!(!ha(&standard(), "CSI-ENV-009"));
}

#[test]
fn env_010_no_phase_record() {
    let s = STANDARD;
    let a = s.find("<controlActProcess").unwrap();
    let b = s.find("</controlActProcess>").unwrap();
    let x = format!(
        "{}<controlActProcess classCode=\"CACT\" moodCode=\"EVN\"/>{}",
        &s[..a],
        &s[b + "</controlActProcess>".len()..]
    );
    assert!(ha(&leggi_str(&x), "CSI-ENV-010"));
    assert!(!ha(&standard(), "CSI-ENV-010"));
}

#[test]
fn env_011_two_assistiti() {
    let extra = "<subject><patient><patientPerson><id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"VRDGPP70A01F205X\"/></patientPerson></patient></subject><reference typeCode=\"REFR\"><commonObservationEvent><code code=\"INVA\"";
    let l = variante(
        "<reference typeCode=\"REFR\"><commonObservationEvent><code code=\"INVA\"",
        extra,
    );
    assert!(ha(&l, "CSI-ENV-011"), "{:?}", l.issues);
    assert!(!ha(&standard(), "CSI-ENV-011"));
}

#[test]
fn cmp_018_019_ack_codesystem_and_interaction_root() {
    assert!(ha(
        &variante(
            "<acceptAckCode code=\"AL\"/>",
            "<acceptAckCode code=\"AL\" codeSystem=\"AcknowledgementType HL7\"/>"
        ),
        "CSI-CMP-018"
    ));
    assert!(ha(
        &variante(
            "<interactionId root=\"2.16.840.1.113883.1.6\" extension",
            "<interactionId extension"
        ),
        "CSI-CMP-019"
    ));
    assert!(!ha(&standard(), "CSI-CMP-018") && !ha(&standard(), "CSI-CMP-019"));
}

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

#[test]
fn fas_003_004_013_phase_code() {
    let l = variante(
        "<code code=\"B\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.1\"/>",
        "",
    );
    assert!(ha(&l, "CSI-FAS-003"));
    // Inferred from content (second effectiveTime, attender P.2.1).
    assert!(ha(&l, "CSI-FAS-004"));
    let fasi = &l.messaggio.unwrap().cartella.processi[0].fasi;
    assert_eq!(fasi[1].tipo(), TipoFase::ValutazioneBisogno);
    let l = variante("<code code=\"B\" codeSystem", "<code code=\"2\" codeSystem");
    assert!(ha(&l, "CSI-FAS-013"));
    let l = variante(
        "<code code=\"B\" codeSystem",
        "<code code=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.1\" codeSystem",
    );
    assert!(ha(&l, "CSI-FAS-004"));
    let s = standard();
    assert!(!ha(&s, "CSI-FAS-003") && !ha(&s, "CSI-FAS-004") && !ha(&s, "CSI-FAS-013"));
}

#[test]
fn fas_005_conflicting_signals() {
    // Phase B code removed and an A-only signal added: B and A signals conflict.
    let l = variante(
        "<code code=\"B\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.1\"/>",
        "<code code=\"XX\"/><reason><need classCode=\"COND\" moodCode=\"EVN\"/></reason>",
    );
    assert!(ha(&l, "CSI-FAS-005"));
    assert_eq!(l.messaggio.unwrap().cartella.processi[0].fasi.len(), 4);
    assert!(!ha(&standard(), "CSI-FAS-005"));
}

#[test]
fn fas_006_007_status() {
    let l = variante("<statusCode code=\"completed\"/>", "");
    assert!(ha(&l, "CSI-FAS-006"));
    let l = variante(
        "<statusCode code=\"completed\"/>",
        "<statusCode code=\"Stato_Fase\"/>",
    );
    assert!(ha(&l, "CSI-FAS-007"));
    let m = l.messaggio.unwrap();
    let h = m.cartella.processi[0].fasi[0].header();
    assert_eq!(h.stato_fase, StatoFase::Chiusa);
    assert_eq!(h.stato_fase_codice.as_deref(), Some("Stato_Fase"));
    assert!(!ha(&standard(), "CSI-FAS-006") && !ha(&standard(), "CSI-FAS-007"));
}

#[test]
fn fas_012_and_cmp_007_esito_placement() {
    let both = "<dischargeDispositionCode code=\"1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2\"/></effectiveTime><dischargeDispositionCode code=\"2\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2\"/>";
    let l = variante("<dischargeDispositionCode code=\"1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2\"/></effectiveTime>", both);
    assert!(ha(&l, "CSI-FAS-012"));
    let direct = "</effectiveTime><dischargeDispositionCode code=\"1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2\"/>";
    let l = variante("<dischargeDispositionCode code=\"1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2\"/></effectiveTime>", direct);
    assert!(ha(&l, "CSI-CMP-007"));
    assert!(!ha(&l, "CSI-FAS-012"));
    assert!(!ha(&standard(), "CSI-FAS-012") && !ha(&standard(), "CSI-CMP-007"));
}

#[test]
fn cmp_023_empty_encounter_events_dropped() {
    let l = variante("<encounterEvent classCode=\"ENC\" moodCode=\"EVN\">", "<encounterEvent><id root=\"2.16.840.1.113883.2.9.2.30.3.2\"/><code code=\"1.2\"/><statusCode code=\"Stato_Fase\"/></encounterEvent><encounterEvent classCode=\"ENC\" moodCode=\"EVN\">");
    assert!(ha(&l, "CSI-CMP-023"));
    assert_eq!(l.messaggio.unwrap().cartella.processi[0].fasi.len(), 5);
    assert!(!ha(&standard(), "CSI-CMP-023"));
}

// ---------------------------------------------------------------------------------------------
// Compatibility (§16)
// ---------------------------------------------------------------------------------------------

#[test]
fn cmp_001_ddmmyyyy() {
    let l = variante("<low value=\"20240112\"/>", "<low value=\"12012024\"/>");
    assert!(ha(&l, "CSI-CMP-001"));
    let m = l.messaggio.unwrap();
    assert_eq!(
        m.cartella.processi[0].fasi[1]
            .header()
            .data_inizio
            .as_ref()
            .unwrap()
            .to_string(),
        "2024-01-12"
    );
    assert!(!ha(&standard(), "CSI-CMP-001"));
}

#[test]
fn cmp_002_003_021_mon_008_money() {
    let isee = "<value code=\"7350.00\" type=\"MO\" currency=\"EUR\"/>";
    let l = variante(isee, "<value xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"MO\" value=\"7350.00\" currency=\"EUR\"/>");
    assert!(ha(&l, "CSI-CMP-002"));
    assert_eq!(
        l.messaggio.unwrap().cartella.processi[0].fasi[0]
            .as_accesso()
            .unwrap()
            .valore_isee
            .as_ref()
            .unwrap()
            .amount
            .as_str(),
        "7350.00"
    );
    assert!(ha(
        &variante(isee, "<value code=\"7350.00\" codeSystem=\"MO\"/>"),
        "CSI-CMP-003"
    ));
    assert!(ha(
        &variante(
            isee,
            "<value code=\"7350,00\" type=\"MO\" currency=\"EUR\"/>"
        ),
        "CSI-CMP-021"
    ));
    assert!(ha(
        &variante(isee, "<value code=\"tanti\" type=\"MO\" currency=\"EUR\"/>"),
        "CSI-MON-008"
    ));
    let s = standard();
    for id in ["CSI-CMP-002", "CSI-CMP-003", "CSI-CMP-021", "CSI-MON-008"] {
        assert!(!ha(&s, id), "{id}");
    }
}

#[test]
fn cmp_004_cf_root_and_ana_023() {
    let l = variante(
        "<id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"RSSMRA80A01F205X\"/>",
        "<id root=\"2.16.840.1.113883.2.9.4.1.2\" extension=\"RSSMRA80A01F205X\"/>",
    );
    assert!(ha(&l, "CSI-CMP-004"));
    assert!(l
        .messaggio
        .unwrap()
        .cartella
        .assistito
        .codice_fiscale
        .is_some());
    let l = variante("<id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"RSSMRA80A01F205X\"/>", "<id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"RSSMRA80A01F205X\"/><id root=\"2.16.840.1.113883.2.9.4.1.2\" extension=\"VRDGPP70A01F205X\"/>");
    assert!(ha(&l, "CSI-ANA-023"));
    assert!(!ha(&standard(), "CSI-CMP-004") && !ha(&standard(), "CSI-ANA-023"));
}

#[test]
fn cmp_005_024_cod_009_gender() {
    let g = "<administrativeGenderCode code=\"M\"";
    let l = variante(g, "<administrativeGenderCode code=\"1\"");
    assert!(ha(&l, "CSI-CMP-005"));
    assert_eq!(
        l.messaggio.unwrap().cartella.assistito.genere,
        Some(Genere::M)
    );
    assert!(ha(
        &variante(g, "<administrativeGenderCode code=\"X\""),
        "CSI-COD-009"
    ));
    assert!(ha(
        &variante(g, "<administrativeGenderCode classCode=\"PLC\" code=\"M\""),
        "CSI-CMP-024"
    ));
    let s = standard();
    assert!(!ha(&s, "CSI-CMP-005") && !ha(&s, "CSI-COD-009") && !ha(&s, "CSI-CMP-024"));
}

#[test]
fn cmp_006_013_value_system() {
    let v =
        "<value code=\"T1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\" type=\"CD\"/>";
    let l = variante(v, "<value code=\"T1\"/>");
    assert!(ha(&l, "CSI-CMP-006"));
    let m = l.messaggio.unwrap();
    assert_eq!(
        m.cartella.processi[0].fasi[0]
            .as_accesso()
            .unwrap()
            .tipologia_richiesta
            .as_ref()
            .unwrap()
            .system,
        "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3"
    );
    assert!(ha(
        &variante(v, "<value code=\"T1\" codeSystem=\"CD\"/>"),
        "CSI-CMP-013"
    ));
    assert!(!ha(&standard(), "CSI-CMP-006") && !ha(&standard(), "CSI-CMP-013"));
}

#[test]
fn cmp_008_relation_addr_use() {
    let l = variante("<relationshipHolder1>", "<addr use=\"comune residenza\"><censusTract>015146</censusTract></addr><relationshipHolder1>");
    assert!(ha(&l, "CSI-CMP-008"));
    assert!(!ha(&standard(), "CSI-CMP-008"));
}

#[test]
fn cmp_009_birthplace_census_tract() {
    let l = variante(
        "<code code=\"015146\" codeSystem=\"2.16.840.1.113883.2.9.4.2.3\"/>",
        "<censusTract>015146</censusTract>",
    );
    assert!(ha(&l, "CSI-CMP-009"));
    assert_eq!(
        l.messaggio
            .unwrap()
            .cartella
            .assistito
            .comune_nascita
            .unwrap()
            .code,
        "015146"
    );
    assert!(!ha(&standard(), "CSI-CMP-009"));
}

#[test]
fn cmp_010_positional_telecom() {
    let l = variante(
        "<telecom value=\"tel:021234567\" use=\"HP\"/>",
        "<telecom value=\"021234567\"/>",
    );
    assert!(ha(&l, "CSI-CMP-010"));
    assert_eq!(
        l.messaggio
            .unwrap()
            .cartella
            .assistito
            .contatti
            .unwrap()
            .telefono
            .as_deref(),
        Some("021234567")
    );
    assert!(!ha(&standard(), "CSI-CMP-010"));
}

#[test]
fn cmp_011_attender_by_position_and_opr_004() {
    let l = variante(
        "<code code=\"AS\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.2.1\"/>",
        "",
    );
    assert!(ha(&l, "CSI-CMP-011"));
    let m = l.messaggio.unwrap();
    assert!(m.cartella.processi[0].fasi[1]
        .as_valutazione_bisogno()
        .unwrap()
        .responsabile_valutazione
        .is_some());
    let at = "<attender typeCode=\"ATND\"><assignedPerson classCode=\"ASSIGNED\"><id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"VRDGPP70A01F205X\"/></assignedPerson></attender>";
    let l = variante(at, &format!("{at}{at}"));
    assert!(ha(&l, "CSI-OPR-004"));
    assert!(!ha(&standard(), "CSI-CMP-011") && !ha(&standard(), "CSI-OPR-004"));
}

#[test]
fn cmp_012_ana_020_guarantors() {
    let g = "extension=\"321\"";
    assert!(ha(&standard(), "CSI-CMP-012"));
    let l = variante(g, "extension=\"XYZ\"");
    assert!(ha(&l, "CSI-ANA-020"));
    assert!(!ha(&standard(), "CSI-ANA-020"));
    let senza_ats = variante("<guarantor><guarantorOrganization classCode=\"ORG\"><id root=\"2.16.840.1.113883.2.9.2.30.4.11\" extension=\"321\"/></guarantorOrganization></guarantor>", "");
    assert!(!ha(&senza_ats, "CSI-CMP-012"));
}

#[test]
fn cmp_014_ente_segnalante_code_bug() {
    let l = variante("<informant typeCode=\"INF\"><time value=\"20240109\"/><assignedEntity/></informant>", "<informant typeCode=\"INF\"><time value=\"20240109\"/><assignedEntity><representedOrganization><id root=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.20\" extension=\"E1\"/><code code=\"E1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.5\"/></representedOrganization></assignedEntity></informant>");
    assert!(ha(&l, "CSI-CMP-014"));
    assert!(!ha(&standard(), "CSI-CMP-014"));
}

#[test]
fn cmp_015_profilo_erogante_oid() {
    let l = variante("<act classCode=\"ACT\" moodCode=\"INT\"><code code=\"P1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.4.17\"/>", "<act classCode=\"ACT\" moodCode=\"INT\"><code code=\"P1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.4.17\"/><performer typeCode=\"PRF\"><assignedEntity><code code=\"OP\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.4.18\"/></assignedEntity></performer>");
    assert!(ha(&l, "CSI-CMP-015"));
    assert!(!ha(&standard(), "CSI-CMP-015"));
}

#[test]
fn cmp_016_017_item_oids() {
    let l = variante(
        "<code code=\"TIRI\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\"/>",
        "<code code=\"TIRI\" codeSystem=\"1.2.3\"/>",
    );
    assert!(ha(&l, "CSI-CMP-016"));
    let l = variante(
        "<code code=\"TIRI\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\"/>",
        "<code code=\"MOCO\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.4\"/>",
    );
    assert!(ha(&l, "CSI-CMP-017"));
    assert!(!ha(&standard(), "CSI-CMP-016") && !ha(&standard(), "CSI-CMP-017"));
}

#[test]
fn cmp_020_name_without_parts() {
    let l = variante(
        "<name><given>MARIO</given><family>ROSSI</family></name>",
        "<name>ROSSI MARIO</name>",
    );
    assert!(ha(&l, "CSI-CMP-020"));
    assert_eq!(
        l.messaggio
            .unwrap()
            .cartella
            .assistito
            .cognome
            .unwrap()
            .as_str(),
        "ROSSI MARIO"
    );
    assert!(!ha(&standard(), "CSI-CMP-020"));
}

#[test]
fn cmp_022_empty_placeholders() {
    assert!(ha(&variante("<value code=\"T1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\" type=\"CD\"/>", "<value type=\"CD\"/>"), "CSI-CMP-022"));
    assert!(!ha(&standard(), "CSI-CMP-022"));
}

// ---------------------------------------------------------------------------------------------
// Canonical rules raised by the reader
// ---------------------------------------------------------------------------------------------

#[test]
fn ana_024_birth_time_precision() {
    assert!(ha(
        &variante(
            "<birthTime value=\"19800101\"/>",
            "<birthTime value=\"198001011200\"/>"
        ),
        "CSI-ANA-024"
    ));
    let l = variante(
        "<birthTime value=\"19800101\"/>",
        "<birthTime value=\"198001011200\"/>",
    );
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "CSI-ANA-024")
        .unwrap();
    // No parameter: the birth date is personal data.
    assert!(i.params.is_empty());
    assert!(!ha(&standard(), "CSI-ANA-024"));
}

#[test]
fn rel_002_004_relations() {
    let l = variante(
        "codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22\"",
        "codeSystem=\"1.2.3\"",
    );
    assert!(ha(&l, "CSI-REL-002"));
    assert!(l.messaggio.unwrap().cartella.assistito.relazioni.is_empty());
    assert!(ha(
        &variante("<desc>1</desc>", "<desc>forse</desc>"),
        "CSI-REL-004"
    ));
    assert!(!ha(&standard(), "CSI-REL-002") && !ha(&standard(), "CSI-REL-004"));
}

#[test]
fn rel_010_second_consultant_without_code() {
    let c = "<consultant typeCode=\"CON\"><assignedPerson classCode=\"ASSIGNED\"><id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"BNCLGU70A01F205X\"/></assignedPerson></consultant>";
    let l = variante(c, &format!("{c}{c}"));
    assert!(ha(&l, "CSI-REL-010"));
    assert_eq!(
        l.messaggio
            .unwrap()
            .cartella
            .assistito
            .assistenti_personali
            .len(),
        1
    );
    assert!(!ha(&standard(), "CSI-REL-010"));
}

#[test]
fn ero_016_orphan_dafs() {
    let l = variante("<observation><code code=\"DAIS\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.4.9\"/><value code=\"20240301\" type=\"ANY\"/></observation>", "<observation><code code=\"XXXX\"/></observation>");
    assert!(ha(&l, "CSI-ERO-016"));
    assert!(!ha(&standard(), "CSI-ERO-016"));
}

#[test]
fn cod_011_repeated_single_valued_item() {
    let r = "<reference typeCode=\"REFR\"><commonObservationEvent><code code=\"TIRI\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\"/><value code=\"T1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\" type=\"CD\"/></commonObservationEvent></reference>";
    let l = variante(r, &format!("{r}{}", r.replace("T1", "T2")));
    assert!(ha(&l, "CSI-COD-011"));
    let m = l.messaggio.unwrap();
    assert_eq!(
        m.cartella.processi[0].fasi[0]
            .as_accesso()
            .unwrap()
            .tipologia_richiesta
            .as_ref()
            .unwrap()
            .code,
        "T2"
    );
    assert!(!ha(&standard(), "CSI-COD-011"));
}

#[test]
fn prg_008_width_without_unit() {
    assert!(ha(
        &variante("<width value=\"12\" unit=\"mo\"/>", "<width value=\"12\"/>"),
        "CSI-PRG-008"
    ));
    assert!(!ha(&standard(), "CSI-PRG-008"));
}

// ---------------------------------------------------------------------------------------------
// Hostile input: the reader never panics.
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = leggi(&bytes, &OpzioniLettura::default());
    }

    #[test]
    fn mutated_fixture_never_panics(pos in 0usize..8000, len in 0usize..40, ins in "[<>/=\"a-zA-Z0-9&;. ]{0,12}") {
        let s = STANDARD.as_bytes();
        let a = pos.min(s.len());
        let b = (a + len).min(s.len());
        let mut v = s[..a].to_vec();
        v.extend_from_slice(ins.as_bytes());
        v.extend_from_slice(&s[b..]);
        let _ = leggi(&v, &OpzioniLettura::default());
    }
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement
// ---------------------------------------------------------------------------------------------

const RISPOSTA: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<MCCI_IN000002UV01 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">
  <id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="ACK-1"/>
  <creationTime value="20240201103100"/>
  <interactionId root="2.16.840.1.113883.1.6" extension="MCCI_IN000002UV01"/>
  <processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>
  <receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="015146"/></device></receiver>
  <sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="DEST"/></device></sender>
  <acknowledgement typeCode="AE">
    <targetMessage><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="MSG-1"/></targetMessage>
    <acknowledgementDetail typeCode="E"><code code="CSI-FAS-012" codeSystem="CARTELLA-RULES"/><text>Esito</text><location>/PRSS_IN001004ZZ</location></acknowledgementDetail>
  </acknowledgement>
</MCCI_IN000002UV01>"#;

#[test]
fn acknowledgement_is_read() {
    use cartella::interscambio::lettura_risposta::leggi_risposta;
    let l = leggi_risposta(RISPOSTA.as_bytes(), &OpzioniLettura::default()).unwrap();
    assert!(l.issues.is_empty(), "{:?}", l.issues);
    let r = l.risposta.unwrap();
    assert_eq!(r.tipo_esito, TipoEsito::Ae);
    assert_eq!(r.id_messaggio_riferito.extension.as_deref(), Some("MSG-1"));
    assert_eq!(r.dettagli.len(), 1);
    assert_eq!(r.dettagli[0].tipo, Some(TipoDettaglio::E));
    assert_eq!(r.dettagli[0].posizioni, ["/PRSS_IN001004ZZ"]);
    let bad = RISPOSTA.replace("MCCI_IN000002UV01\"/>", "X\"/>");
    assert!(leggi_risposta(bad.as_bytes(), &OpzioniLettura::default())
        .unwrap()
        .issues
        .iter()
        .any(|i| i.rule_id == "CSI-ENV-003"));
    let bad = RISPOSTA.replace("typeCode=\"AE\"", "typeCode=\"ZZ\"");
    assert!(leggi_risposta(bad.as_bytes(), &OpzioniLettura::default())
        .unwrap()
        .issues
        .iter()
        .any(|i| i.rule_id == "XML-008"));
    assert!(leggi_risposta(b"<a", &OpzioniLettura::default())
        .unwrap()
        .risposta
        .is_none());
}

// ---------------------------------------------------------------------------------------------
// XSD structure (XML-005/006/007/009/011/018), placeholders, sorting, rule list
// ---------------------------------------------------------------------------------------------

const ORDINE_BUSTA: &str = "<processingCode code=\"P\"/>\n  <processingModeCode code=\"T\"/>";

#[test]
fn xml_005_element_out_of_sequence_order() {
    assert!(!ha(&standard(), "XML-005"));
    let l = variante(
        ORDINE_BUSTA,
        "<processingModeCode code=\"T\"/>\n  <processingCode code=\"P\"/>",
    );
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "XML-005")
        .expect("XML-005");
    assert_eq!(
        i.xml_path.as_deref(),
        Some("/PRSS_IN001004ZZ/processingCode[1]")
    );
    // The content is still mapped (§2 item 4).
    let m = l.messaggio.expect("model");
    assert_eq!(m.processing_code, "P");
    assert_eq!(m.processing_mode_code, "T");
}

#[test]
fn xml_006_required_child_missing() {
    assert!(!ha(&standard(), "XML-006"));
    let l = variante("<assignedEntity/></informant>", "</informant>");
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "XML-006")
        .expect("XML-006");
    assert_eq!(
        i.params.get("elemento").map(String::as_str),
        Some("assignedEntity")
    );
    assert_eq!(
        i.params.get("contenitore").map(String::as_str),
        Some("informant")
    );
}

#[test]
fn xml_007_required_attribute_missing() {
    assert!(!ha(&standard(), "XML-007"));
    let l = variante("<receiver typeCode=\"RCV\">", "<receiver>");
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "XML-007")
        .expect("XML-007");
    assert_eq!(
        i.params.get("attributo").map(String::as_str),
        Some("typeCode")
    );
    let l = variante(
        "<controlActProcess classCode=\"CACT\" moodCode=\"EVN\">",
        "<controlActProcess classCode=\"CACT\">",
    );
    assert!(ha(&l, "XML-007"));
}

#[test]
fn xml_009_element_repeated_beyond_max_occurs() {
    assert!(!ha(&standard(), "XML-009"));
    let ct = "<creationTime value=\"20240201103000\"/>";
    let l = variante(ct, &format!("{ct}<creationTime value=\"20240202103000\"/>"));
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "XML-009")
        .expect("XML-009");
    assert_eq!(
        i.xml_path.as_deref(),
        Some("/PRSS_IN001004ZZ/creationTime[2]")
    );
    assert_eq!(i.params.get("massimo").map(String::as_str), Some("1"));
}

#[test]
fn xml_011_child_element_inside_text_value_is_ignored() {
    assert!(!ha(&standard(), "XML-011"));
    let l = variante(
        "<text>diabete</text>",
        "<text>diabete<b>grassetto</b></text>",
    );
    assert!(ha(&l, "XML-011"));
    let m = l.messaggio.expect("model");
    let b = m.cartella.processi[0]
        .fasi
        .iter()
        .find_map(|f| match f {
            Fase::ValutazioneBisogno(b) => Some(b),
            _ => None,
        })
        .expect("B");
    assert_eq!(
        b.patologie_correnti.as_ref().map(Testo::as_str),
        Some("diabete")
    );
}

#[test]
fn xml_018_xsi_type_not_allowed_for_the_item() {
    let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    let mo = "<value code=\"1000.00\" type=\"MO\" currency=\"EUR\"/>";
    let l = variante(
        mo,
        &format!("<value {xsi} xsi:type=\"PQ\" code=\"1000.00\" currency=\"EUR\"/>"),
    );
    assert!(ha(&l, "XML-018"));
    let l = variante(
        mo,
        &format!("<value {xsi} xsi:type=\"MO\" code=\"1000.00\" currency=\"EUR\"/>"),
    );
    assert!(!ha(&l, "XML-018"));
    assert!(!ha(&standard(), "XML-018"));
}

#[test]
fn cod_007_placeholder_codes() {
    assert!(!ha(&standard(), "CSI-COD-007"));
    let t1 = "<value code=\"T1\"";
    for segnaposto in ["XXX", "tipologiaRichiestaCode", "codice_prestazione"] {
        let l = variante(t1, &format!("<value code=\"{segnaposto}\""));
        let i = l
            .issues
            .iter()
            .find(|i| i.rule_id == "CSI-COD-007")
            .unwrap_or_else(|| panic!("CSI-COD-007 for {segnaposto}"));
        assert_eq!(
            i.params.get("campo").map(String::as_str),
            Some("tipologia_richiesta")
        );
    }
    // The code equals its own code-system OID.
    let l = variante(
        "<value code=\"T1\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\"",
        "<value code=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3\"",
    );
    assert!(ha(&l, "CSI-COD-007"));
    // An ordinary camel-case code without a Java suffix is not a placeholder.
    assert!(!ha(
        &variante(t1, "<value code=\"tipoRichiesta\""),
        "CSI-COD-007"
    ));
}

#[test]
fn ana_013_third_citizenship_ignored() {
    let c = "<asCitizen><politicalOrganization classCode=\"ORG\"><id root=\"2.16.840.1.113883.2.9.6.2.5\" extension=\"380\"/></politicalOrganization></asCitizen>";
    assert!(!ha(&standard(), "CSI-ANA-013"));
    let l = variante(c, &format!("{c}{c}{c}"));
    assert!(ha(&l, "CSI-ANA-013"));
    let a = l.messaggio.expect("model").cartella.assistito;
    assert!(a.seconda_cittadinanza.is_some());
}

#[test]
fn rel_001_relation_without_type_code() {
    assert!(!ha(&standard(), "CSI-REL-001"));
    let l = variante(
        "<code code=\"01\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22\"/>",
        "<code codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.1.22\"/>",
    );
    assert!(ha(&l, "CSI-REL-001"));
}

#[test]
fn fin_007_closing_attender_with_a_profile_code() {
    let at = "<assignedPerson classCode=\"ASSIGNED\"><id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"VRDGPP70A01F205X\"/></assignedPerson>";
    assert!(!ha(&standard(), "CSI-FIN-007"));
    let l = variante(
        at,
        "<assignedPerson classCode=\"ASSIGNED\"><id root=\"2.16.840.1.113883.2.9.4.3.2\" extension=\"VRDGPP70A01F205X\"/><code code=\"AS\" codeSystem=\"2.16.840.1.113883.2.9.2.30.3.2.3.1.2.1\"/></assignedPerson>",
    );
    assert!(ha(&l, "CSI-FIN-007"), "{:?}", l.issues);
}

#[test]
fn phase_records_are_sorted_by_start_then_kind() {
    let tipi = |l: &Lettura| -> Vec<TipoFase> {
        l.messaggio.as_ref().expect("model").cartella.processi[0]
            .fasi
            .iter()
            .map(Fase::tipo)
            .collect()
    };
    let std_order = tipi(&standard());
    assert_eq!(std_order.first(), Some(&TipoFase::Accesso));
    // B starts before A: B comes first.
    let l = variante(
        "<low value=\"20240112\"/><high value=\"20240115\"/>",
        "<low value=\"20230112\"/><high value=\"20240115\"/>",
    );
    let t = tipi(&l);
    assert_eq!(&t[..2], &[TipoFase::ValutazioneBisogno, TipoFase::Accesso]);
    // Findings raised while reading a record follow it to its sorted position.
    let l = variante(
        "<low value=\"20240112\"/><high value=\"20240115\"/>",
        "<low value=\"20230112\"/><high value=\"20240115\"/>",
    );
    assert!(l
        .issues
        .iter()
        .filter(|i| i
            .xml_path
            .as_deref()
            .is_some_and(|x| x.contains("encounterEvent[2]")))
        .all(|i| !i.path.starts_with("/cartella/processi/0/fasi/1")));
}

#[test]
fn env_012_message_without_exactly_one_process() {
    use cartella::interscambio::lettore::controlla_messaggio;
    let m = standard().messaggio.expect("model");
    assert!(controlla_messaggio(&m).is_empty());
    let mut due = m.clone();
    due.cartella.processi.push(due.cartella.processi[0].clone());
    let issues = controlla_messaggio(&due);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].rule_id, "CSI-ENV-012");
    assert_eq!(
        issues[0].params.get("numero").map(String::as_str),
        Some("2")
    );
    let mut nessuno = m;
    nessuno.cartella.processi.clear();
    assert_eq!(controlla_messaggio(&nessuno)[0].rule_id, "CSI-ENV-012");
}

#[test]
fn rules_list_is_in_the_catalogue_and_tested() {
    use cartella::interscambio::lettore::RULES;
    let test = [
        include_str!("interscambio_reader.rs"),
        include_str!("interscambio_roundtrip.rs"),
        include_str!("interscambio_writer.rs"),
        include_str!("interscambio_xsd.rs"),
    ]
    .concat();
    for id in RULES {
        assert!(
            cartella::rules::regola(id).is_some(),
            "{id} not in the catalogue"
        );
        // Occurrences in this test's own list do not count: look for the id in a test body.
        let quotato = format!("\"{id}\"");
        let altrove = test.matches(&quotato).count() + test.matches(&format!("{id}\\\"")).count();
        assert!(altrove > 0, "{id} is not exercised by any test");
    }
    let mut ordinati = RULES.to_vec();
    ordinati.sort_unstable();
    ordinati.dedup();
    assert_eq!(ordinati.len(), RULES.len(), "duplicate ids");
}

#[test]
fn xml_004_message_names_expected_and_found_root() {
    let l = leggi_str("<PRSS_IN001004ZZ xmlns=\"urn:other\"/>");
    let i = l
        .issues
        .iter()
        .find(|i| i.rule_id == "XML-004")
        .expect("XML-004");
    assert_eq!(
        i.params.get("atteso").map(String::as_str),
        Some("{urn:hl7-org:v3}PRSS_IN001004ZZ")
    );
    assert_eq!(
        i.params.get("trovato").map(String::as_str),
        Some("{urn:other}PRSS_IN001004ZZ")
    );
    assert!(
        i.message_en.contains("{urn:other}PRSS_IN001004ZZ"),
        "{}",
        i.message_en
    );
}
