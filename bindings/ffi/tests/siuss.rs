//! The SIUSS functions of the foreign API give the core's output and fail without panicking.

use cartella_ffi::*;

fn options() -> DeriveOptions {
    DeriveOptions {
        cf_operatore: "MRCSLV84L59F205D".into(),
        canale: None,
        data_riferimento: Some("2024-12-31".into()),
        data_creazione: Some("2025-01-15".into()),
        progressivo: 1,
        tolleranza_quote: None,
        troncamento_nomi: true,
        sina: None,
        chiave_hmac: None,
        id_caso: None,
        campi_opzionali: None,
        regioni_dm1986: [("03".to_string(), "03".to_string())].into_iter().collect(),
        suppressions: vec![],
        registry: None,
    }
}

fn check_options() -> CheckOptions {
    CheckOptions {
        canale: None,
        as_of: Some("2024-12-31".into()),
        tolleranza_quote: None,
        suppressions: vec![],
        registry: None,
    }
}

#[test]
fn derivation_equals_the_core() {
    let json = sample("percorso-completo".into()).expect("sample").json;
    let c = CartellaHandle::from_json(json.clone()).expect("cartella");
    let d = derive_period(c, "2023-01-01".into(), "2024-12-31".into(), options()).expect("derive");
    let core_c = cartella::json::from_str(&json).expect("json");
    let mut o = cartella::siuss::OpzioniDerivazione::con_operatore("MRCSLV84L59F205D");
    o.data_riferimento = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
    o.data_creazione = chrono::NaiveDate::from_ymd_opt(2025, 1, 15);
    o.regioni_dm1986.insert("03".into(), "03".into());
    let want = cartella::siuss::deriva_periodo(
        &core_c,
        chrono::NaiveDate::from_ymd_opt(2023, 1, 1).expect("date"),
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31).expect("date"),
        &o,
    );
    assert_eq!(d.flussi.len(), want.flussi.len());
    assert_eq!(
        d.flussi[0].to_xml(),
        cartella::siuss::xml::scrivi(&want.flussi[0])
    );
    assert_eq!(d.report, Report::from(want.report));
    let r = read_flusso_xml(d.flussi[0].to_xml().into_bytes(), XmlLimits::default());
    assert!(r.issues.is_empty());
    assert!(r.flusso.expect("flow").same_as(d.flussi[0].clone()));
    assert!(d.flussi[0].check(check_options()).expect("check").is_valid);
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let json = sample("percorso-completo".into()).expect("sample").json;
    let c = CartellaHandle::from_json(json).expect("cartella");
    let mut o = options();
    o.progressivo = -1;
    assert!(matches!(
        derive_sinba(c.clone(), o),
        Err(CartellaError::InvalidArgument { .. })
    ));
    let mut o = options();
    o.tolleranza_quote = Some("x".into());
    assert!(matches!(
        derive_sinba(c.clone(), o),
        Err(CartellaError::InvalidArgument { .. })
    ));
    assert!(matches!(
        derive_prestazione(c, "MI-D-2023-4511-2".into(), options()),
        Err(CartellaError::FlussoNonDerivabile { issues, .. }) if issues.iter().any(|i| i.rule_id == "SIUSS-PS-080")
    ));
    assert!(matches!(
        parametri_flussi("limit=5".into()),
        Err(CartellaError::Rifiuto { response, .. }) if response.status == 400
    ));
    assert!(matches!(
        FlussoHandle::from_json("{".into()),
        Err(CartellaError::Parse { .. })
    ));
    assert!(
        read_flusso_xml(vec![0xff, 0x00, 0x3c], XmlLimits::default())
            .flusso
            .is_none()
    );
    assert!(voce_from_xml(b"<x/>".to_vec(), -5).is_err());
    assert!(check_file("/no/such/file.xml".into(), check_options()).is_err());
    assert!(id_flusso("F205".into(), TipoFlusso::Sinba, "2024-02-30".into(), 1).is_err());
    assert!(id_beneficiario_sinba("F205".into(), "C".into(), vec![1; 3]).is_err());
    let r = RegistroInviiHandle::new();
    assert_eq!(post_esiti(b"{".to_vec(), r.clone()).status, 400);
    assert_eq!(get_flussi("since=0".into(), r).status, 200);
}
