//! Unit tests of the interchange writer (`interscambio.md` §3–§12, §15): expected XML fragments
//! per mapping area and per writer option. Output is written without indentation so that
//! fragments are single strings.

use std::collections::BTreeSet;

use cartella::interscambio::opzioni::*;
use cartella::interscambio::risposta::{risposta_da_report, tipo_esito, SISTEMA_REGOLE};
use cartella::interscambio::{
    messaggio_per_processo, scrivi, scrivi_con_esiti, scrivi_risposta, scrivi_to, Busta,
    OpzioniRisposta,
};
use cartella::model::*;
use cartella::rules::{Issue, Report};

const P: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1";

fn ident(e: &str) -> Identificatore {
    Identificatore {
        root: Oid::new("2.16.840.1.113883.2.9.2.30.3.2.4.3"),
        extension: Some(e.to_string()),
    }
}

fn messaggio() -> MessaggioInterscambio {
    let c = cartella::json::from_str(include_str!("fixtures/interscambio/completa.json"))
        .expect("fixture parses");
    let busta = Busta {
        id_messaggio: ident("MSG-2024-000017"),
        data_creazione: Istante::parse("2024-02-01T10:30:00").expect("istante"),
        mittente: ident("015146"),
        destinatari: vec![ident("AMBITO-DEST")],
    };
    messaggio_per_processo(&c, "P-1", busta).expect("message")
}

fn compatto() -> OpzioniScrittura {
    OpzioniScrittura {
        indent: false,
        ..OpzioniScrittura::default()
    }
}

fn xml(m: &MessaggioInterscambio, o: &OpzioniScrittura) -> String {
    scrivi(m, o).expect("written")
}

#[track_caller]
fn contiene(xml: &str, frammento: &str) {
    assert!(
        xml.contains(frammento),
        "fragment not found:\n{frammento}\nin:\n{xml}"
    );
}

#[track_caller]
fn manca(xml: &str, frammento: &str) {
    assert!(
        !xml.contains(frammento),
        "unexpected fragment:\n{frammento}"
    );
}

fn fase_mut(m: &mut MessaggioInterscambio, i: usize) -> &mut Fase {
    &mut m.cartella.processi[0].fasi[i]
}

// ---- envelope (§4) ----------------------------------------------------------------------

#[test]
fn envelope() {
    let x = xml(&messaggio(), &compatto());
    assert!(x.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><PRSS_IN001004ZZ xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">"#));
    contiene(
        &x,
        r#"<id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="MSG-2024-000017"/><creationTime value="20240201103000"/><interactionId root="2.16.840.1.113883.1.6" extension="PRSS_IN001004ZZ"/><processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="AL"/>"#,
    );
    contiene(
        &x,
        r#"<receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="AMBITO-DEST"/></device></receiver><sender typeCode="SND"><device classCode="DEV" determinerCode="INSTANCE"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="015146"/></device></sender><controlActProcess classCode="CACT" moodCode="EVN"><subject typeCode="SUBJ"><encounterEvent classCode="ENC" moodCode="EVN">"#,
    );
    assert!(x.ends_with("</encounterEvent></subject></controlActProcess></PRSS_IN001004ZZ>"));
    manca(&x, "schemaLocation");
}

#[test]
fn every_record_in_order() {
    let m = messaggio();
    let x = xml(&m, &compatto());
    let mut pos = 0;
    for f in &m.cartella.processi[0].fasi {
        let frag = format!(r#"extension="{}"/>"#, f.id());
        let p = x[pos..].find(&frag).expect("record written") + pos;
        pos = p;
    }
    assert_eq!(
        x.matches("<encounterEvent ").count(),
        m.cartella.processi[0].fasi.len()
    );
}

#[test]
fn structural_errors() {
    let mut m = messaggio();
    m.destinatari.clear();
    assert!(scrivi(&m, &compatto()).is_err());
    let mut m = messaggio();
    m.cartella.processi[0].fasi.clear();
    assert!(scrivi(&m, &compatto()).is_err());
    let mut m = messaggio();
    m.cartella.processi.push(m.cartella.processi[0].clone());
    assert!(scrivi(&m, &compatto()).is_err());
    assert!(messaggio_per_processo(
        &m.cartella,
        "nessuno",
        Busta {
            id_messaggio: ident("X"),
            data_creazione: Istante::parse("2024").expect("istante"),
            mittente: ident("A"),
            destinatari: vec![ident("B")],
        }
    )
    .is_err());
}

#[test]
fn scrivi_to_writes_the_same_bytes() {
    let m = messaggio();
    let mut buf = Vec::new();
    let findings = scrivi_to(&mut buf, &m, &compatto()).expect("written");
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(String::from_utf8(buf).expect("utf-8"), xml(&m, &compatto()));
}

// ---- common part (§6) -------------------------------------------------------------------

#[test]
fn common_part_and_esito_inside_effective_time() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<id root="2.16.840.1.113883.2.9.2.30.3.2" extension="MI-A-2023-4511"/><id root="2.16.840.1.113883.2.9.2.30.9.1" extension="X1"/><code code="A" codeSystem="{P}.1.1"/><text>Nota di accesso &amp; &lt;prova&gt;</text><statusCode code="completed"/><effectiveTime><low value="202301160900"/><high value="202301161000"/><dischargeDispositionCode code="VAL" codeSystem="{P}.1.2""#
        ),
    );
}

#[test]
fn phase_code_defaults_and_registered_codes() {
    let mut m = messaggio();
    fase_mut(&mut m, 1).header_mut().codice_fase = None;
    let x = xml(&m, &compatto());
    contiene(
        &x,
        &format!(r#"extension="MI-B-2023-4511"/><code code="B" codeSystem="{P}.1.1"/>"#),
    );
    let o = OpzioniScrittura {
        phase_codes: Some(["1", "2", "3", "4", "5"].map(String::from)),
        ..compatto()
    };
    contiene(
        &xml(&m, &o),
        &format!(r#"extension="MI-B-2023-4511"/><code code="2" codeSystem="{P}.1.1"/>"#),
    );
}

#[test]
fn status_codes() {
    let mut m = messaggio();
    for (stato, code) in [
        (StatoFase::Aperta, "active"),
        (StatoFase::Chiusa, "completed"),
        (StatoFase::Sospesa, "suspended"),
        (StatoFase::Annullata, "aborted"),
    ] {
        fase_mut(&mut m, 0).header_mut().stato_fase = stato;
        contiene(
            &xml(&m, &compatto()),
            &format!(r#"<statusCode code="{code}"/>"#),
        );
    }
    // The raw value read is written back when the status was inferred from the dates.
    let h = fase_mut(&mut m, 0).header_mut();
    h.stato_fase = StatoFase::Chiusa;
    h.stato_fase_codice = Some("Stato_Fase".into());
    contiene(&xml(&m, &compatto()), r#"<statusCode code="Stato_Fase"/>"#);
}

#[test]
fn effective_time_without_start_moves_esito_out() {
    let mut m = messaggio();
    fase_mut(&mut m, 0).header_mut().data_inizio = None;
    let x = xml(&m, &compatto());
    contiene(
        &x,
        &format!(
            r#"<effectiveTime><high value="202301161000"/></effectiveTime><dischargeDispositionCode code="VAL" codeSystem="{P}.1.2""#
        ),
    );
    // B without dates but with data_valutazione: NI placeholder then the second effectiveTime.
    let h = fase_mut(&mut m, 1).header_mut();
    h.data_inizio = None;
    h.data_fine = None;
    let x = xml(&m, &compatto());
    contiene(
        &x,
        r#"<effectiveTime nullFlavor="NI"/><effectiveTime><low value="20230201"/></effectiveTime><dischargeDispositionCode code="PIC""#,
    );
}

// ---- assistito (§7.1–§7.4) --------------------------------------------------------------

#[test]
fn patient_addresses_telecom_document() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        r#"<subject><patient><addr use="comune residenza"><censusTract>015146</censusTract></addr><addr use="regione residenza"><censusTract>03</censusTract></addr><addr use="nazione residenza"><censusTract>IT</censusTract></addr><addr use="comune domicilio"><censusTract>015146</censusTract></addr><telecom value="tel:0200000000" use="HP"/><telecom value="tel:3330000000" use="MC"/><telecom value="mailto:elena.villa@example.invalid"/>"#,
    );
    contiene(
        &x,
        &format!(
            r#"<subjectOf><identityDocument><id root="{P}.1.7" extension="CA00000AA"/><code code="CI" codeSystem="{P}.1.6" displayName="Carta d&apos;identità"/></identityDocument></subjectOf><patientPerson>"#
        ),
    );
}

#[test]
fn patient_person() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        r#"<patientPerson><id root="2.16.840.1.113883.2.9.4.3.2" extension="VLLLNE39E61F205K"/><name><given>ELENA</given><family>VILLA</family></name><administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="19390521"/><deceasedInd value="false"/><maritalStatusCode code="5" codeSystem="2.16.840.1.113883.5.2" displayName="Vedova"/><educationLevelCode code="3" codeSystem="2.16.840.1.113883.2.9.6.2.8" displayName="Licenza media"/><asCitizen><politicalOrganization classCode="ORG"><id root="2.16.840.1.113883.2.9.6.2.5" extension="380"/></politicalOrganization></asCitizen><asCitizen><politicalOrganization classCode="ORG"><id root="2.16.840.1.113883.2.9.6.2.5" extension="250"/></politicalOrganization></asCitizen><asOtherIDs><id root="2.16.840.1.113883.2.9.4.1.4" extension="80380000001234567890"/><id root="2.16.840.1.113883.2.9.2.30.9" extension="LOC-77"/></asOtherIDs>"#,
    );
    contiene(
        &x,
        r#"<birthPlace><birthplace><addr><code code="015146" codeSystem="2.16.840.1.113883.2.9.4.2.3" displayName="Milano"/></addr></birthplace></birthPlace></patientPerson></patient></subject>"#,
    );
}

#[test]
fn patient_without_cf_uses_first_other_identifier() {
    let mut m = messaggio();
    m.cartella.assistito.codice_fiscale = None;
    let x = xml(&m, &compatto());
    contiene(
        &x,
        r#"<patientPerson><id root="2.16.840.1.113883.2.9.2.30.9" extension="LOC-77"/><name>"#,
    );
    contiene(
        &x,
        r#"<asOtherIDs><id root="2.16.840.1.113883.2.9.4.1.4" extension="80380000001234567890"/></asOtherIDs>"#,
    );
}

#[test]
fn guarantors() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<guarantor><guarantorOrganization classCode="ORG"><id root="2.16.840.1.113883.2.9.2.30.4.11" extension="321"/></guarantorOrganization></guarantor><guarantor><guarantorOrganization classCode="ORG"><id root="2.16.840.1.113883.2.9.2.30.4.11" extension="712"/></guarantorOrganization></guarantor><guarantor><guarantorOrganization><id root="{P}.1.8" extension="MI01"/></guarantorOrganization></guarantor>"#
        ),
    );
}

#[test]
fn relationships() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<personalRelationship><code code="FGL" codeSystem="{P}.1.23" displayName="Figlia non convivente"/><addr use="comune di residenza"><censusTract>015146</censusTract></addr><relationshipHolder1><id root="2.16.840.1.113883.2.9.4.3.2" extension="CLMCHR66R52F205C"/><name><given>CHIARA</given><family>COLOMBO</family></name><desc>1</desc><administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="19661012"/><birthPlace><birthplace><addr use="comune di nascita"><censusTract>015146</censusTract></addr></birthplace></birthPlace></relationshipHolder1></personalRelationship>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<personalRelationship><code code="CON" codeSystem="{P}.1.22" displayName="Coniuge"/><relationshipHolder1><name><given>LUIGI</given><family>VILLA</family></name><desc>0</desc>"#
        ),
    );
}

#[test]
fn consultants_mmg_then_assistenti() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"</subject><consultant typeCode="CON"><assignedPerson classCode="ASSIGNED"><id root="2.16.840.1.113883.2.9.4.3.2" extension="FMGPLA65H25F205E"/><assignedPerson><name><given>PAOLO</given><family>FUMAGALLI</family></name></assignedPerson></assignedPerson></consultant><consultant typeCode="CON"><assignedPerson classCode="ASSIGNED"><id root="2.16.840.1.113883.2.9.4.3.2" extension="RSSMRA80A01F205X"/><code code="BAD" codeSystem="{P}.1.24" displayName="Badante"/><addr use="comune di residenza"><censusTract>015146</censusTract></addr><administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/><assignedPerson><name><given>MARIA</given><family>ROSSI</family></name></assignedPerson><birthTime value="19800101"/></assignedPerson></consultant>"#
        ),
    );
}

#[test]
fn persons_without_cf_get_null_flavor_and_rel_009() {
    let mut m = messaggio();
    if let Some(mmg) = m.cartella.assistito.mmg_pdf.as_mut() {
        mmg.codice_fiscale = None;
    }
    m.cartella.assistito.assistenti_personali[0].codice_fiscale = None;
    m.cartella.assistito.assistenti_personali[0].tipologia = None;
    if let Some(b) = fase_mut(&mut m, 1).as_valutazione_bisogno_mut() {
        if let Some(o) = b.case_manager.as_mut() {
            o.codice_fiscale = None;
            o.profilo_professionale = None;
        }
    }
    let s = scrivi_con_esiti(&m, &compatto()).expect("written");
    contiene(
        &s.xml,
        r#"<consultant typeCode="CON"><assignedPerson classCode="ASSIGNED"><id nullFlavor="NI"/><assignedPerson><name><given>PAOLO</given>"#,
    );
    contiene(
        &s.xml,
        &format!(r#"<id nullFlavor="NI"/><code nullFlavor="NI" codeSystem="{P}.1.24"/>"#),
    );
    contiene(
        &s.xml,
        &format!(
            r#"<attender typeCode="ATND"><assignedPerson classCode="ASSIGNED"><id nullFlavor="NI"/><code nullFlavor="NI" codeSystem="{P}.2.18"/>"#
        ),
    );
    let paths: Vec<&str> = s
        .findings
        .iter()
        .filter(|i| i.rule_id == "CSI-REL-009")
        .map(|i| i.path.as_str())
        .collect();
    assert!(
        paths.contains(&"/cartella/assistito/mmg_pdf/codice_fiscale"),
        "{paths:?}"
    );
    assert!(paths.contains(&"/cartella/assistito/assistenti_personali/0/codice_fiscale"));
    assert!(paths.contains(&"/cartella/processi/0/fasi/1/case_manager/codice_fiscale"));
}

// ---- segnalazione and references (§7.5, §7.6) ---------------------------------------------

#[test]
fn segnalazione() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<reason typeCode="RSON"><need classCode="COND" moodCode="EVN"><code code="ASS" codeSystem="{P}.1.9" displayName="Assistenza"/><informant typeCode="INF"><time value="20240110"/><assignedEntity><id root="2.16.840.1.113883.2.9.4.3.2" extension="FMGPLA65H25F205E"/><assignedPerson><name><given>PAOLO</given><family>FUMAGALLI</family></name></assignedPerson><representedOrganization><id root="{P}.1.20" extension="015146"/><code code="COM" codeSystem="{P}.1.5"/><name>Comune di Milano</name></representedOrganization></assignedEntity></informant></need></reason>"#
        ),
    );
}

#[test]
fn accesso_references_in_table_order() {
    let x = xml(&messaggio(), &compatto());
    let chiavi = [
        "TIRI", "MOCO", "AMIR", "CONF", "NUNF", "NURS", "PROV", "ARRE", "DSU0", "TIIS", "ISEE",
        "OCAS", "COER", "DEER",
    ];
    let mut pos = 0;
    for k in chiavi {
        let frag =
            format!(r#"<reference typeCode="REFR"><commonObservationEvent><code code="{k}""#);
        pos = x[pos..]
            .find(&frag)
            .unwrap_or_else(|| panic!("{k} missing or out of order"))
            + pos;
    }
    contiene(
        &x,
        &format!(
            r#"<code code="TIRI" codeSystem="{P}.1.3"/><value code="SER" codeSystem="{P}.1.3" displayName="Richiesta di servizio" type="CD"/>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<code code="ISEE" codeSystem="{P}.1.18"/><value code="9850.00" type="MO" currency="EUR"/>"#
        ),
    );
    contiene(
        &x,
        r#"<code code="DEER"/><value code="Servizio sociale territoriale - Municipio 4" type="ANY"/>"#,
    );
    contiene(&x, &format!(r#"<code code="TIIS" codeSystem="{P}.1.16"/>"#));
}

// ---- B (§8) --------------------------------------------------------------------------------

#[test]
fn valutazione() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<attender typeCode="ATND"><assignedPerson classCode="ASSIGNED"><id root="2.16.840.1.113883.2.9.4.3.2" extension="MRCSLV84L59F205D"/><code code="AS" codeSystem="{P}.2.1" displayName="Assistente sociale"/><assignedPerson><name><given>SILVIA</given><family>MARCHETTI</family></name></assignedPerson></assignedPerson></attender><attender typeCode="ATND"><assignedPerson classCode="ASSIGNED"><id root="2.16.840.1.113883.2.9.4.3.2" extension="LNGDVD79T03G388F"/><code code="EDU" codeSystem="{P}.2.18""#
        ),
    );
    contiene(&x, r#"<code code="DSGI"/><text>RSA Il Girasole</text>"#);
    contiene(
        &x,
        &format!(r#"<code code="PACO" codeSystem="{P}.2.11"/><text>Diabete</text>"#),
    );
    contiene(
        &x,
        &format!(
            r#"<code code="COPA" codeSystem="{P}.2.18"/><value code="C1" codeSystem="{P}.2.18" type="CD"/></commonObservationEvent></reference><reference typeCode="REFR"><commonObservationEvent><code code="COPA" codeSystem="{P}.2.18"/><value code="C2""#
        ),
    );
    contiene(&x, &format!(r#"<code code="AMIR" codeSystem="{P}.2.2"/>"#));
    let chiavi = [
        "AMIR", "ESTI", "DSGI", "SSGE", "INVA", "INFR", "PRSI", "APIC", "UTPP", "PACO", "POPA",
        "MOAF", "VNCS", "NISS", "NISO", "FODV", "COPA",
    ];
    let inizio = x.find("MI-B-2023-4511").expect("B");
    let mut pos = inizio;
    for k in chiavi {
        let frag = format!(r#"<commonObservationEvent><code code="{k}""#);
        pos = x[pos..]
            .find(&frag)
            .unwrap_or_else(|| panic!("{k} missing or out of order"))
            + pos;
    }
}

// ---- C (§9) --------------------------------------------------------------------------------

#[test]
fn progetto() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(r#"<code code="AS" codeSystem="{P}.3.2" displayName="Assistente sociale"/>"#),
    );
    contiene(
        &x,
        &format!(
            r#"<code code="EDU" codeSystem="{P}.3.3" displayName="Educatore professionale"/>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<pertinentInformation2 typeCode="PERT"><carePlan classCode="PCPR" moodCode="INT"><id root="{P}.3.1" extension="PI-2023-0042"/><title>Sostegno alla domiciliarità: igiene personale e sostegno economico</title><effectiveTime><low value="20230220"/><high value="20230831"/></effectiveTime><finalGoal><observationGoal><code code="OB-IGI" codeSystem="{P}.3.9" displayName="Mantenere l&apos;igiene personale a domicilio"/><effectiveTime><width value="3" unit="mo"/></effectiveTime><value code="3" codeSystem="CSI-LIB-ESITO-OBIETTIVO" displayName="Sì (obiettivo raggiunto)" type="CD"/></observationGoal></finalGoal>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<component2 typeCode="COMP"><observation><code code="FRPR" codeSystem="{P}.3.4"/><value code="SETT" codeSystem="{P}.3.4" type="ANY"/></observation></component2>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<observation><code code="COEA" codeSystem="{P}.3.8"/><value code="120.50" type="MO" currency="EUR"/></observation>"#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<component2 typeCode="COMP"><act classCode="ACT" moodCode="INT"><code code="SAD-IGI" codeSystem="{P}.4.17" displayName="Igiene personale a domicilio"/><effectiveTime><low value="20230301"/><high value="20230831"/></effectiveTime></act></component2>"#
        ),
    );
}

// ---- D (§10) -------------------------------------------------------------------------------

#[test]
fn erogazione_items_suspensions_and_acts() {
    let x = xml(&messaggio(), &compatto());
    contiene(
        &x,
        &format!(
            r#"<reference typeCode="REFR"><commonObservationEvent><code code="DSFR" codeSystem="{P}.4.2"/><text>Centro diurno esterno</text></commonObservationEvent></reference><pertinentInformation2 typeCode="PERT"><carePlan classCode="PCPR" moodCode="INT"><component2 typeCode="COMP"><observation><code code="UDOS""#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<code code="DAIS" codeSystem="{P}.4.9"/><value code="20230510" type="ANY"/></observation></component2><component2 typeCode="COMP"><observation><code code="DAFS" codeSystem="{P}.4.10"/><value code="20230524" type="ANY"/></observation></component2><component2 typeCode="COMP"><observation><code code="MOSO" codeSystem="{P}.4.11"/><value code="RIC" codeSystem="{P}.4.11" displayName="Ricovero ospedaliero" type="CD"/></observation></component2><component2 typeCode="COMP"><observation><code code="DAIS" codeSystem="{P}.4.9"/><value code="20230610" type="ANY"/></observation></component2><component2 typeCode="COMP"><observation><code code="VMBS""#
        ),
    );
    contiene(
        &x,
        &format!(
            r#"<act classCode="ACT" moodCode="EVN"><code code="SAD-IGI" codeSystem="{P}.4.17" displayName="Igiene personale a domicilio"/><effectiveTime><low value="202303020830"/><high value="202303020930"/></effectiveTime><performer typeCode="PRF"><assignedEntity><id root="2.16.840.1.113883.2.9.4.3.2" extension="RTOSRA90D48A794U"/><code code="ASA" codeSystem="{P}.4.19" displayName="Ausiliario socio-assistenziale"/><assignedPerson classCode="PSN"><name><given>SARA</given><family>ROTA</family></name></assignedPerson></assignedEntity></performer><location typeCode="LOC"><serviceFacility><code code="DOM" codeSystem="{P}.4.18" displayName="Domicilio dell&apos;assistito"/></serviceFacility></location></act>"#
        ),
    );
    // siuss / stato_intervento are canonical-only.
    manca(&x, "siuss");
}

// ---- E (§11) -------------------------------------------------------------------------------

#[test]
fn valutazione_finale() {
    let m = messaggio();
    let x = xml(&m, &compatto());
    let e = m.cartella.processi[0]
        .fasi
        .iter()
        .find_map(Fase::as_valutazione_finale)
        .expect("E");
    let id = &e.intestazione.id_fase;
    let inizio = x.find(id.as_str()).expect("E written");
    let e_xml = &x[inizio..];
    contiene(
        e_xml,
        r#"<attender typeCode="ATND"><assignedPerson classCode="ASSIGNED"><id root="2.16.840.1.113883.2.9.4.3.2""#,
    );
    let attender =
        &e_xml[e_xml.find("<attender").expect("attender")..e_xml.find("</attender>").expect("end")];
    manca(attender, "<code ");
    contiene(
        e_xml,
        r#"<pertinentInformation2 typeCode="PERT"><carePlan classCode="PCPR" moodCode="INT"><effectiveTime><high value=""#,
    );
    contiene(
        e_xml,
        &format!(r#"<observation><code code="DAVF" codeSystem="{P}.5.1"/><value code=""#),
    );
    contiene(
        e_xml,
        &format!(r#"<observation><code code="VAFI" codeSystem="{P}.5.2"/><text>"#),
    );
    contiene(
        e_xml,
        &format!(r#"<observation><code code="MOCP" codeSystem="{P}.5.3"/><value code=""#),
    );
    contiene(
        e_xml,
        &format!(r#"<observation><code code="NUPR" codeSystem="{P}.5.7"/><value code=""#),
    );
}

// ---- datatypes (§3) -------------------------------------------------------------------------

#[test]
fn timestamps_keep_precision_and_offset() {
    use cartella::interscambio::scrittore::ts;
    for (canon, hl7) in [
        ("2024", "2024"),
        ("2024-02", "202402"),
        ("2024-02-01", "20240201"),
        ("2024-02-01T10", "2024020110"),
        ("2024-02-01T10:30", "202402011030"),
        ("2024-02-01T10:30:05", "20240201103005"),
        ("2024-02-01T10:30:05.25", "20240201103005.25"),
        ("2024-02-01T10:30+01:00", "202402011030+0100"),
        ("2024-02-01T10:30:05-05:30", "20240201103005-0530"),
    ] {
        let i = Istante::parse(canon).expect("istante");
        assert_eq!(ts(&i, FormaData::Hl7), hl7, "{canon}");
    }
    let g = Istante::parse("2024-02-01").expect("istante");
    assert_eq!(ts(&g, FormaData::DdMmYyyy), "01022024");
    let m = Istante::parse("2024-02-01T10:30").expect("istante");
    assert_eq!(ts(&m, FormaData::DdMmYyyy), "202402011030");
}

#[test]
fn money_has_two_decimals() {
    use cartella::interscambio::scrittore::importo_2_decimali;
    for (a, w) in [
        ("7350", "7350.00"),
        ("120.5", "120.50"),
        ("0.005", "0.01"),
        ("12.3456", "12.35"),
        ("-3.1", "-3.10"),
    ] {
        let i = Importo {
            amount: Decimale::parse(a).expect("decimale"),
            currency: "EUR".into(),
        };
        assert_eq!(importo_2_decimali(&i), w);
    }
}

// ---- writer options (§15) ---------------------------------------------------------------------

#[test]
fn option_date_format_ddmmyyyy() {
    let o = OpzioniScrittura {
        date_format: FormaData::DdMmYyyy,
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(&x, r#"<effectiveTime><low value="23012023"/>"#);
    contiene(&x, r#"<birthTime value="21051939"/>"#);
    // Not day precision: HL7 form even with the option.
    contiene(&x, r#"<creationTime value="20240201103000"/>"#);
    contiene(&x, r#"<low value="202303020830"/>"#);
}

#[test]
fn option_money_form_hl7_mo() {
    let o = OpzioniScrittura {
        money_form: FormaImporto::Hl7Mo,
        ..compatto()
    };
    let s = scrivi_con_esiti(&messaggio(), &o).expect("written");
    contiene(
        &s.xml,
        r#"<PRSS_IN001004ZZ xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ITSVersion="XML_1.0">"#,
    );
    contiene(
        &s.xml,
        r#"<value xsi:type="MO" value="9850.00" currency="EUR"/>"#,
    );
    let i = s
        .findings
        .iter()
        .find(|i| i.rule_id == "CSI-CMP-026")
        .expect("CSI-CMP-026");
    assert_eq!(i.params["opzione"], "money_form=hl7_mo");
    // Default: no finding, no xsi namespace.
    let s = scrivi_con_esiti(&messaggio(), &compatto()).expect("written");
    assert!(s.findings.is_empty());
    manca(&s.xml, "xmlns:xsi");
}

#[test]
fn option_esito_placement() {
    let o = OpzioniScrittura {
        esito_placement: PosizioneEsito::EncounterEvent,
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(
        &x,
        &format!(
            r#"<effectiveTime><low value="202301160900"/><high value="202301161000"/></effectiveTime><dischargeDispositionCode code="VAL" codeSystem="{P}.1.2""#
        ),
    );
    manca(&x, "</dischargeDispositionCode></effectiveTime>");
}

#[test]
fn option_patient_cf_root() {
    let o = OpzioniScrittura {
        patient_cf_root: "2.16.840.1.113883.2.9.4.1.2".into(),
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(
        &x,
        r#"<patientPerson><id root="2.16.840.1.113883.2.9.4.1.2" extension="VLLLNE39E61F205K"/>"#,
    );
    // Other persons keep the HL7 Italia root.
    contiene(
        &x,
        r#"<id root="2.16.840.1.113883.2.9.4.3.2" extension="CLMCHR66R52F205C"/>"#,
    );
}

#[test]
fn option_gender_codes_numeric() {
    let o = OpzioniScrittura {
        gender_codes: CodiciGenere::Numerici,
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(
        &x,
        r#"<administrativeGenderCode code="2" codeSystem="2.16.840.1.113883.5.1"/>"#,
    );
    contiene(
        &x,
        r#"<administrativeGenderCode code="1" codeSystem="2.16.840.1.113883.5.1"/>"#,
    );
    manca(&x, r#"<administrativeGenderCode code="F""#);
}

#[test]
fn option_envelope_codes_and_interaction_root() {
    let o = OpzioniScrittura {
        envelope_codes: CodiciBusta::Regionali,
        interaction_id_root: false,
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(
        &x,
        r#"<interactionId extension="PRSS_IN001004ZZ"/><processingCode code="Produzione"/><processingModeCode code="batch"/><acceptAckCode code="AL"/>"#,
    );
}

#[test]
fn option_telecom_positional() {
    let mut m = messaggio();
    if let Some(c) = m.cartella.assistito.contatti.as_mut() {
        c.cellulare = None;
    }
    let o = OpzioniScrittura {
        telecom_form: FormaTelecom::Posizionale,
        ..compatto()
    };
    let x = xml(&m, &o);
    contiene(
        &x,
        r#"<telecom value="0200000000"/><telecom/><telecom value="elena.villa@example.invalid"/>"#,
    );
}

#[test]
fn option_relation_addr_use() {
    let o = OpzioniScrittura {
        relation_addr_use: "comune residenza".into(),
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(
        &x,
        r#"<code code="FGL" codeSystem="2.16.840.1.113883.2.9.2.30.3.2.3.1.1.23" displayName="Figlia non convivente"/><addr use="comune residenza">"#,
    );
}

#[test]
fn option_profilo_erogante_oid() {
    let o = OpzioniScrittura {
        profilo_erogante_oid: format!("{P}.4.18"),
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(&x, &format!(r#"<code code="ASA" codeSystem="{P}.4.18""#));
}

#[test]
fn option_cycles_single() {
    let m = messaggio();
    let o = OpzioniScrittura {
        cycles: Cicli::Singolo,
        ..compatto()
    };
    let s = scrivi_con_esiti(&m, &o).expect("written");
    assert_eq!(s.xml.matches("<encounterEvent ").count(), 5);
    let codes: Vec<&str> = ["A", "B", "C", "D", "E"].into_iter().collect();
    let mut pos = 0;
    for c in codes {
        let frag = format!(r#"<code code="{c}" codeSystem="{P}.1.1"/>"#);
        pos = s.xml[pos..].find(&frag).expect("kind order") + pos;
    }
    let i = s
        .findings
        .iter()
        .find(|i| i.rule_id == "CSI-CMP-025")
        .expect("CSI-CMP-025");
    assert_eq!(
        i.params["numero"],
        (m.cartella.processi[0].fasi.len() - 5).to_string()
    );
    // The latest C record is the one kept.
    let ultimo_c = m.cartella.processi[0]
        .fasi
        .iter()
        .rfind(|f| f.tipo() == TipoFase::ProgettoIndividuale)
        .expect("C");
    contiene(&s.xml, &format!(r#"extension="{}"/>"#, ultimo_c.id()));
}

#[test]
fn option_suspension_form_latest() {
    let o = OpzioniScrittura {
        suspension_form: FormaSospensioni::Ultima,
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(&x, r#"<value code="20230610" type="ANY"/>"#);
    manca(&x, r#"<value code="20230510" type="ANY"/>"#);
}

#[test]
fn option_oid_table() {
    let o = OpzioniScrittura {
        oid_table: cartella::interscambio::oid::TabellaOid::default()
            .con("A.MOCO", Some(&format!("{P}.1.4")))
            .con("B.DSGI", Some(&format!("{P}.2.4"))),
        ..compatto()
    };
    let x = xml(&messaggio(), &o);
    contiene(&x, &format!(r#"<code code="MOCO" codeSystem="{P}.1.4"/>"#));
    contiene(&x, &format!(r#"<code code="DSGI" codeSystem="{P}.2.4"/>"#));
}

#[test]
fn option_indent() {
    let x = xml(&messaggio(), &OpzioniScrittura::default());
    assert!(x.contains("\n  <id root="));
    assert!(!xml(&messaggio(), &compatto()).contains('\n'));
}

#[test]
fn option_filtro_sensibilita() {
    let o = OpzioniScrittura {
        filtro_sensibilita: BTreeSet::from([Sensibilita::Eco, Sensibilita::Sal]),
        ..compatto()
    };
    let s = scrivi_con_esiti(&messaggio(), &o).expect("written");
    manca(&s.xml, r#"<code code="ISEE""#);
    manca(&s.xml, r#"<code code="PACO""#);
    manca(&s.xml, r#"<code code="IMER""#);
    manca(&s.xml, "<desc>1</desc>");
    manca(
        &s.xml,
        "FUMAGALLI</family></name></assignedPerson></assignedPerson></consultant>",
    );
    contiene(&s.xml, r#"<code code="TIRI""#);
    let paths: Vec<&str> = s
        .findings
        .iter()
        .filter(|i| i.rule_id == "CSI-PRV-002")
        .map(|i| i.path.as_str())
        .collect();
    assert!(
        paths.contains(&"/cartella/processi/0/fasi/0/valore_isee"),
        "{paths:?}"
    );
    assert!(paths.contains(&"/cartella/assistito/mmg_pdf"));
    assert!(paths.contains(&"/cartella/processi/0/fasi/1/patologie_correnti"));
}

// ---- canonical-only data (§13) ----------------------------------------------------------------

#[test]
fn canonical_only_data_is_not_written() {
    let x = xml(&messaggio(), &compatto());
    for s in [
        "dsu_protocollo",
        "scheda_sinba",
        "estensioni",
        "consensi",
        "PRESA_IN_CARICO",
        "esito_processo",
    ] {
        manca(&x, s);
    }
}

// ---- acknowledgement (§12) -----------------------------------------------------------------

#[test]
fn acknowledgement_from_report() {
    let m = messaggio();
    let quando = Istante::parse("2024-02-01T10:31:00").expect("istante");
    let mut report = Report::new();
    let ack = |r: &Report| {
        risposta_da_report(
            &m,
            r,
            ident("ACK-1"),
            quando.clone(),
            ident("RICEVENTE"),
            &OpzioniRisposta::default(),
        )
    };
    let a = ack(&report);
    assert_eq!(a.tipo_esito, TipoEsito::Aa);
    assert_eq!(a.destinatari, vec![m.mittente.clone()]);
    assert_eq!(a.id_messaggio_riferito, m.id_messaggio);
    assert_eq!(a.accept_ack_code, "NE");

    report
        .issues
        .push(Issue::new("CSI-CMP-025", "/x", [("numero", "1".to_string())]).expect("rule"));
    assert_eq!(tipo_esito(&report), TipoEsito::Aa);
    assert!(
        ack(&report).dettagli.is_empty(),
        "infos are not details by default"
    );

    let guideline_error = cartella::rules::catalogo()
        .rules()
        .iter()
        .find(|r| {
            r.severity == cartella::Severity::Error
                && r.profile == cartella::Profile::Guideline
                && r.params.is_empty()
        })
        .expect("a guideline error rule");
    report
        .issues
        .push(Issue::new(&guideline_error.id, "/y", []).expect("rule"));
    assert_eq!(tipo_esito(&report), TipoEsito::Ae);

    report.issues.push(
        Issue::new(
            "CF-003",
            "/cartella/assistito/codice_fiscale",
            [("cf", "RSSMRA80A01H501A".to_string())],
        )
        .expect("rule")
        .with_xml_path("/PRSS_IN001004ZZ/controlActProcess/subject[1]/encounterEvent[1]"),
    );
    assert_eq!(
        tipo_esito(&report),
        TipoEsito::Ae,
        "CF-003 is a guideline error"
    );
    let schema_error = cartella::rules::catalogo()
        .rules()
        .iter()
        .find(|r| {
            r.severity == cartella::Severity::Error
                && r.profile == cartella::Profile::Schema
                && r.params.is_empty()
        })
        .expect("a schema error rule");
    report
        .issues
        .push(Issue::new(&schema_error.id, "/z", []).expect("rule"));
    let a = ack(&report);
    assert_eq!(a.tipo_esito, TipoEsito::Ar);
    let d = a
        .dettagli
        .iter()
        .find(|d| d.codice.as_ref().is_some_and(|c| c.code == "CF-003"))
        .expect("detail");
    assert_eq!(d.tipo, Some(TipoDettaglio::E));
    assert_eq!(
        d.codice.as_ref().map(|c| c.system.as_str()),
        Some(SISTEMA_REGOLE)
    );
    assert_eq!(
        d.posizioni,
        vec!["/PRSS_IN001004ZZ/controlActProcess/subject[1]/encounterEvent[1]".to_string()]
    );

    let x = scrivi_risposta(&a, false).expect("xml");
    assert!(x.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><MCCI_IN000002UV01 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="ACK-1"/><creationTime value="20240201103100"/><interactionId root="2.16.840.1.113883.1.6" extension="MCCI_IN000002UV01"/><processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/><receiver typeCode="RCV"><device classCode="DEV" determinerCode="INSTANCE"><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="015146"/></device></receiver><sender typeCode="SND">"#));
    contiene(
        &x,
        r#"<acknowledgement typeCode="AR"><targetMessage><id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="MSG-2024-000017"/></targetMessage><acknowledgementDetail typeCode="E">"#,
    );
    contiene(
        &x,
        r#"<acknowledgementDetail typeCode="E"><code code="CF-003" codeSystem="CARTELLA-RULES" displayName="Check character mismatch."/>"#,
    );
    contiene(
        &x,
        "<location>/PRSS_IN001004ZZ/controlActProcess/subject[1]/encounterEvent[1]</location>",
    );
    manca(&x, "RSSMRA80A01H501A");
    contiene(&x, "RSSMRA*********A");

    let tutte = OpzioniRisposta {
        severita_minima: cartella::Severity::Info,
        max_dettagli: 2,
    };
    let a = risposta_da_report(
        &m,
        &report,
        ident("ACK-2"),
        quando.clone(),
        ident("R"),
        &tutte,
    );
    assert_eq!(a.dettagli.len(), 2);
    assert_eq!(a.dettagli[0].tipo, Some(TipoDettaglio::I));
}
