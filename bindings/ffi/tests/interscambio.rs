//! The interscambio functions of the foreign API give the core's output.

use cartella_ffi::*;

fn id(ext: &str) -> Identifier {
    Identifier {
        root: message_id_root(),
        extension: Some(ext.to_string()),
    }
}

fn defaults() -> WriteOptions {
    WriteOptions {
        date_format: None,
        money_form: None,
        esito_placement: None,
        patient_cf_root: None,
        gender_codes: None,
        envelope_codes: None,
        interaction_id_root: true,
        telecom_form: None,
        relation_addr_use: None,
        profilo_erogante_oid: None,
        phase_codes: None,
        cycles: None,
        suspension_form: None,
        oid_table: None,
        indent: true,
        sensitivity_filter: vec![],
    }
}

fn message() -> std::sync::Arc<MessageHandle> {
    let json = sample("percorso-completo".into()).expect("sample").json;
    let c = CartellaHandle::from_json(json).expect("cartella");
    let p = c.processi()[0].id_processo.clone();
    message_for_process(
        c,
        p,
        id("MSG-1"),
        "2024-02-01T10:30:00".into(),
        id("016024"),
        vec![id("AMBITO-DEST")],
    )
    .expect("message")
}

#[test]
fn write_and_read_equal_the_core() {
    let m = message();
    let core_m = cartella::json::messaggio_from_str(&m.to_json()).expect("json");
    let w = write_message(m.clone(), defaults()).expect("xml");
    let want = cartella::interscambio::scrivi(
        &core_m,
        &cartella::interscambio::OpzioniScrittura::default(),
    )
    .expect("core xml");
    assert_eq!(w.xml, want);
    let r = read_message(w.xml.clone().into_bytes(), XmlLimits::default()).expect("read");
    let core_r = cartella::interscambio::lettore::leggi(
        w.xml.as_bytes(),
        &cartella::interscambio::lettore::OpzioniLettura::default(),
    )
    .expect("core read");
    let ids: Vec<_> = r.issues.iter().map(|i| i.rule_id.clone()).collect();
    let want_ids: Vec<_> = core_r.issues.iter().map(|i| i.rule_id.clone()).collect();
    assert_eq!(ids, want_ids);
    let back = r.message.expect("message");
    assert_eq!(back.envelope(), m.envelope());
    let o = WriteOptions {
        date_format: Some(DateFormat::Ddmmyyyy),
        ..defaults()
    };
    let r2 = read_message(
        write_message(m.clone(), o).expect("xml").xml.into_bytes(),
        XmlLimits::default(),
    )
    .expect("read");
    assert!(r2.issues.iter().any(|i| i.rule_id == "CSI-CMP-001"));
    assert!(r2.message.expect("message").same_as(back));
}

#[test]
fn unreadable_input_and_bad_options() {
    let r = read_message(b"<PRSS_IN001004ZZ".to_vec(), XmlLimits::default()).expect("read");
    assert!(r.message.is_none());
    assert_eq!(r.issues.len(), 1);
    assert_eq!(r.issues[0].rule_id, "XML-001");
    let bad = WriteOptions {
        phase_codes: Some(vec!["A".into()]),
        ..defaults()
    };
    assert!(matches!(
        write_message(message(), bad),
        Err(CartellaError::InvalidArgument { name, .. }) if name == "phase_codes"
    ));
}

#[test]
fn acknowledgement_types() {
    let m = message();
    let aa = ack_for(
        m.clone(),
        vec![],
        id("ACK-1"),
        "2024-02-01T10:31:00".into(),
        id("R"),
        AckOptions {
            min_severity: None,
            max_details: 100,
        },
    )
    .expect("ack");
    assert_eq!(aa.ack_type(), "AA");
    let xml = write_ack(aa.clone(), true).expect("xml");
    let back = read_ack(xml.into_bytes(), XmlLimits::default()).expect("read");
    assert!(back.ack.expect("ack").same_as(aa));

    let x = write_message(m.clone(), defaults())
        .expect("xml")
        .xml
        .replacen(
            r#"<id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="MSG-1"/>"#,
            "",
            1,
        );
    let r = read_message(x.into_bytes(), XmlLimits::default()).expect("read");
    assert_eq!(ack_type(r.issues.clone()).expect("type"), "AR");
    let ar = ack_for(
        r.message.expect("message"),
        r.issues,
        id("ACK-2"),
        "2024-02-01T10:31:00".into(),
        id("R"),
        AckOptions {
            min_severity: None,
            max_details: 100,
        },
    )
    .expect("ack");
    assert_eq!(ar.ack_type(), "AR");
    assert!(ar.detail_rule_ids().contains(&"CSI-ENV-001".to_string()));
}
