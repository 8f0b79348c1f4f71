//! The embedded data agree with the specification (`../shared/spec`) and the official INPS
//! schemas (`$CARTELLA_REFERENCE_DIR/siuss`).
//!
//! The spec folder is found through `CARTELLA_SPEC_DIR` (default `../shared/spec` beside the
//! checkout), the reference folder through `CARTELLA_REFERENCE_DIR` (default
//! `../shared/reference`). When a folder is missing the test says so loudly on stderr; under CI
//! (`CI` set) a missing folder is a failure, never a silent pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cartella::codelists::FILES;
use cartella::rules::{catalogo, RULES_CSV};

fn folder(var: &str, default: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(default)
    });
    if dir.is_dir() {
        return Some(dir);
    }
    let msg = format!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !! SKIPPED: {} not found ({var} unset or wrong).\n\
         !! The checks against it did NOT run.\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
        dir.display()
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("{msg}");
    None
}

fn spec_dir() -> Option<PathBuf> {
    folder("CARTELLA_SPEC_DIR", "../shared/spec")
}

fn reference_dir() -> Option<PathBuf> {
    folder("CARTELLA_REFERENCE_DIR", "../shared/reference")
}

#[test]
fn embedded_rules_csv_equals_the_spec() {
    let Some(spec) = spec_dir() else { return };
    let text = std::fs::read_to_string(spec.join("rules.csv")).expect("spec rules.csv");
    assert!(
        text == RULES_CSV,
        "core/data/rules.csv differs from the spec: copy {}",
        spec.join("rules.csv").display()
    );
}

#[test]
fn embedded_code_lists_equal_the_spec() {
    let Some(spec) = spec_dir() else { return };
    let dir = spec.join("codelists");
    let mut on_disk: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("spec codelists folder") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".csv") {
            on_disk.insert(name);
        }
    }
    let embedded: BTreeSet<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        embedded, on_disk,
        "embedded code-list files differ from the spec's list"
    );
    for (name, contents) in FILES {
        let spec_text = std::fs::read_to_string(dir.join(name)).expect("spec file");
        assert!(
            spec_text == *contents,
            "core/data/codelists/{name} differs from the spec"
        );
    }
}

/// Every rule row of `rules.md` (id, severity, profile) agrees with `rules.csv`, and both list the
/// same ids.
#[test]
fn rules_md_agrees_with_the_catalogue() {
    let Some(spec) = spec_dir() else { return };
    let md = std::fs::read_to_string(spec.join("rules.md")).expect("rules.md");
    let mut ids = BTreeSet::new();
    for line in md.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 {
            continue;
        }
        let id = cells[1];
        let is_id = (id.starts_with("XML-")
            || id.starts_with("CSI-")
            || id.starts_with("CF-")
            || id.starts_with("SIUSS-"))
            && id
                .rsplit('-')
                .next()
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        if !is_id {
            continue;
        }
        let rule = catalogo()
            .get(id)
            .unwrap_or_else(|| panic!("{id} of rules.md is not in rules.csv"));
        assert_eq!(rule.severity.as_str(), cells[2], "{id} severity");
        assert_eq!(rule.profile.as_str(), cells[3], "{id} profile");
        ids.insert(id.to_string());
    }
    let csv_ids: BTreeSet<String> = catalogo().rules().iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, csv_ids);
}

/// The `xs:enumeration` values of every simple type of an XSD.
fn xsd_enumerations(xsd: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = xsd;
    while let Some(start) = rest.find("<xs:simpleType name=\"") {
        let after = &rest[start + "<xs:simpleType name=\"".len()..];
        let name_end = after.find('"').expect("closing quote");
        let name = after[..name_end].to_string();
        let body_end = after.find("</xs:simpleType>").unwrap_or(after.len());
        let body = &after[..body_end];
        let mut values = Vec::new();
        let mut b = body;
        while let Some(p) = b.find("<xs:enumeration value=\"") {
            let v = &b[p + "<xs:enumeration value=\"".len()..];
            let e = v.find('"').expect("closing quote");
            values.push(v[..e].to_string());
            b = &v[e..];
        }
        if !values.is_empty() {
            out.push((name, values));
        }
        rest = &after[body_end..];
    }
    out
}

#[test]
fn inps_enumerations_equal_the_official_xsds() {
    let Some(reference) = reference_dir() else {
        return;
    };
    let mut checked = 0;
    for (xsd_file, prefix) in [
        ("PS_PSA_SINA201812.xsd", "INPS.PS_PSA_SINA201812."),
        ("SINBA.xsd", "INPS.SINBA."),
    ] {
        let xsd = std::fs::read_to_string(reference.join("siuss").join(xsd_file)).expect("XSD");
        for (type_name, values) in xsd_enumerations(&xsd) {
            let system = format!("{prefix}{type_name}");
            let table = cartella::codelists::Registro::standard()
                .tabella(&system)
                .unwrap_or_else(|| panic!("no embedded list for {system}"));
            let codes: Vec<&str> = table.voci().iter().map(|v| v.code.as_str()).collect();
            assert_eq!(codes, values, "{system}");
            checked += 1;
        }
    }
    // codelists.md §3 counts 29 SINBA enumerations, but SINBA.xsd defines 33 and index.csv lists a
    // file for each of them: the XSD wins (spec README), so all 33 are checked.
    assert_eq!(checked, 17 + 33, "expected every enumeration of both XSDs");
}
