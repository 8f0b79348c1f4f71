//! Integration tests of `cartella conformance run`: exit codes, the three reports (HTML, JSON
//! summary, JUnit XML) and their agreement, agreement with `cartella validate`, skipped files,
//! HTML escaping, and that no output holds a full codice fiscale.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;

use common::{bin, code, repo};

const AS_OF: &str = "2025-01-15";

/// A fresh temporary directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("cartella-conformance-run", name)
}

fn copy(from: &Path, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

fn sample(name: &str) -> PathBuf {
    repo().join("core/data/samples").join(name)
}

fn siuss_fixture(name: &str) -> PathBuf {
    repo().join("core/tests/fixtures/siuss").join(name)
}

/// Writes the interscambio XML of a sample with `cartella convert --to xml`.
fn write_xml(sample_name: &str, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    let o = bin()
        .args(["convert", "--to", "xml"])
        .arg(sample(sample_name))
        .arg("-o")
        .arg(to)
        .output()
        .expect("run convert");
    assert!(to.is_file(), "convert wrote nothing: {o:?}");
}

/// Writes the canonical JSON `MessaggioInterscambio` of an interscambio XML file.
fn write_message_json(xml: &Path, to: &Path) {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    let o = bin()
        .args(["convert", "--to", "json"])
        .arg(xml)
        .arg("-o")
        .arg(to)
        .output()
        .expect("run convert");
    assert!(to.is_file(), "convert wrote nothing: {o:?}");
}

fn run_conformance(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .args(["conformance", "run"])
        .arg(dir)
        .args(["--as-of", AS_OF, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run cartella conformance run")
}

struct Reports {
    html: String,
    summary: Value,
    summary_text: String,
    junit: Junit,
    junit_text: String,
}

fn read_reports(out: &Path) -> Reports {
    let html = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    let summary_text = std::fs::read_to_string(out.join("summary.json")).expect("summary.json");
    let summary: Value = serde_json::from_str(&summary_text).expect("summary.json is JSON");
    let junit_text = std::fs::read_to_string(out.join("junit.xml")).expect("junit.xml");
    let junit = parse_junit(&junit_text);
    Reports {
        html,
        summary,
        summary_text,
        junit,
        junit_text,
    }
}

/// What the tests read back from junit.xml.
#[derive(Debug, Default)]
struct Junit {
    suites: usize,
    suite_attrs: BTreeMap<String, String>,
    /// name → (has failure, has skipped, failure text)
    cases: BTreeMap<String, (bool, bool, String)>,
}

fn attrs(e: &BytesStart<'_>) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                a.key.as_ref().to_string(),
                a.normalized_value(XmlVersion::Implicit1_0)
                    .expect("attribute value")
                    .into_owned(),
            )
        })
        .collect()
}

/// Parses junit.xml strictly (any XML error fails the test) with the shape CI tools read:
/// `testsuites` > one `testsuite` > `testcase` (> `failure` | `skipped`).
fn parse_junit(text: &str) -> Junit {
    let mut reader = Reader::from_str(text);
    let mut j = Junit::default();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    loop {
        let ev = reader.read_event().expect("junit.xml is well-formed XML");
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Text(t) => {
                if let Some(name) = &current {
                    if stack.last().map(String::as_str) == Some("failure") {
                        let text = t.xml10_content().into_owned();
                        if let Some(c) = j.cases.get_mut(name) {
                            c.2.push_str(&text);
                        }
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let Some(e) = e else { continue };
        let tag = e.name().as_ref().to_string();
        let a = attrs(&e);
        match tag.as_str() {
            "testsuites" => assert!(stack.is_empty(), "testsuites is the root"),
            "testsuite" => {
                assert_eq!(stack.last().map(String::as_str), Some("testsuites"));
                j.suites += 1;
                j.suite_attrs = a;
            }
            "testcase" => {
                assert_eq!(stack.last().map(String::as_str), Some("testsuite"));
                let name = a.get("name").expect("testcase name").clone();
                assert!(a.contains_key("classname"));
                j.cases.insert(name.clone(), (false, false, String::new()));
                current = Some(name);
            }
            "failure" | "skipped" => {
                assert_eq!(stack.last().map(String::as_str), Some("testcase"));
                let name = current.clone().expect("inside a testcase");
                let c = j.cases.get_mut(&name).expect("case");
                if tag == "failure" {
                    assert!(a.contains_key("message"), "failure has a message");
                    c.0 = true;
                } else {
                    c.1 = true;
                }
            }
            "properties" | "property" => {}
            other => panic!("unexpected element {other} in junit.xml"),
        }
        if !empty {
            stack.push(tag);
        }
    }
    assert!(stack.is_empty(), "junit.xml: unclosed elements {stack:?}");
    j
}

/// Whether `text` holds a full codice fiscale: 16 characters with the shape of a personal code
/// (omocodia letters allowed in the digit positions).
fn full_codice_fiscale(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let digit = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    let letter = |c: u8| c.is_ascii_uppercase();
    let shape: &[u8] = b"AAAAAADDADDADDDA";
    for w in b.windows(16) {
        let ok = w.iter().zip(shape).all(|(&c, &s)| {
            let c = c.to_ascii_uppercase();
            if s == b'A' {
                letter(c)
            } else {
                digit(c)
            }
        });
        if ok {
            return Some(String::from_utf8_lossy(w).into_owned());
        }
    }
    None
}

fn files_by_name(summary: &Value) -> BTreeMap<String, Value> {
    summary["files"]
        .as_array()
        .expect("files array")
        .iter()
        .map(|f| (f["file"].as_str().expect("file").to_string(), f.clone()))
        .collect()
}

/// The vendor export used by several tests: every supported format, an invalid document, an
/// unreadable one, a file named after a codice fiscale and files that are not documents.
fn mixed_export(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let export = dir.join("export");
    copy(
        &sample("percorso-completo.json"),
        &export.join("percorso-completo.json"),
    );
    copy(
        &sample("invalido-cf.json"),
        &export.join("invalido-cf.json"),
    );
    write_xml(
        "percorso-completo.json",
        &export.join("interscambio/messaggio.xml"),
    );
    write_message_json(
        &export.join("interscambio/messaggio.xml"),
        &export.join("interscambio/messaggio.json"),
    );
    copy(
        &siuss_fixture("sinba-completo.xml"),
        &export.join("inps/sinba-completo.xml"),
    );
    std::fs::write(export.join("inps/sinba-completo.ts"), "1719835200000\n").expect("write");
    std::fs::write(export.join("rotto.json"), "{ \"versione_modello\": ").expect("write");
    std::fs::write(export.join("README"), "Export of 2025-01-15.\n").expect("write");
    // A file named after a codice fiscale: its name must be masked in every report.
    copy(
        &sample("accesso-informativo.json"),
        &export.join("RSSMRA80A01H501U.json"),
    );
    dir
}

#[test]
fn mixed_export_does_not_conform_and_the_reports_agree() {
    let dir = mixed_export("mixed");
    let export = dir.join("export");
    let out = dir.join("report");
    let o = run_conformance(&export, &out, &[]);
    let stdout = String::from_utf8(o.stdout.clone()).expect("UTF-8");
    assert_eq!(code(&o), 1, "{o:?}");
    assert!(stdout.contains("DOES NOT CONFORM"), "{stdout}");

    let r = read_reports(&out);
    let s = &r.summary;
    assert_eq!(s["verdict"], "DOES NOT CONFORM");
    assert_eq!(s["conforms"], false);
    assert_eq!(s["as_of"], AS_OF);
    assert_eq!(s["profile"], "guideline");
    assert_eq!(s["library_version"], env!("CARGO_PKG_VERSION"));

    let files = files_by_name(s);
    let verdict = |f: &str| {
        files
            .get(f)
            .unwrap_or_else(|| panic!("{f} missing from summary.json: {:?}", files.keys()))
            ["verdict"]
            .as_str()
            .expect("verdict")
            .to_string()
    };
    assert_eq!(verdict("percorso-completo.json"), "valid");
    assert_eq!(verdict("invalido-cf.json"), "invalid");
    assert_eq!(verdict("interscambio/messaggio.xml"), "valid");
    assert_eq!(verdict("interscambio/messaggio.json"), "valid");
    assert_eq!(verdict("inps/sinba-completo.xml"), "valid");
    assert_eq!(verdict("rotto.json"), "unreadable");
    assert_eq!(verdict("inps/sinba-completo.ts"), "skipped");
    assert_eq!(verdict("README"), "skipped");
    assert_eq!(verdict("RSSMRA*********U.json"), "valid");
    assert_eq!(
        files["interscambio/messaggio.json"]["format"],
        "interscambio message JSON"
    );
    assert_eq!(
        files["interscambio/messaggio.xml"]["format"],
        "interscambio XML"
    );
    assert_eq!(files["inps/sinba-completo.xml"]["format"], "INPS flow XML");
    assert_eq!(files["percorso-completo.json"]["format"], "cartella JSON");
    assert!(files["rotto.json"]["error"]
        .as_str()
        .expect("error text")
        .contains("not canonical JSON"));
    assert_eq!(files["README"]["reason"], "neither JSON nor XML");
    let cf_findings: Vec<&Value> = files["invalido-cf.json"]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(!cf_findings.is_empty());
    for f in &cf_findings {
        assert!(f["rule_id"].as_str().expect("rule_id").starts_with("CF-"));
        assert_eq!(
            f.as_object().expect("finding").len(),
            3,
            "findings are {{rule_id, severity, path}}"
        );
    }

    // Totals.
    let t = &s["totals"];
    assert_eq!(t["documents"], 7);
    assert_eq!(t["valid"], 5);
    assert_eq!(t["invalid"], 1);
    assert_eq!(t["unreadable"], 1);
    assert_eq!(t["skipped"], 2);

    // Per-rule counts add up to the findings of the files, and carry the spec reference.
    let mut per_rule: BTreeMap<String, u64> = BTreeMap::new();
    for f in files.values() {
        for i in f["findings"].as_array().expect("findings") {
            *per_rule
                .entry(i["rule_id"].as_str().expect("id").to_string())
                .or_default() += 1;
        }
    }
    let rules = s["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), per_rule.len());
    for r in rules {
        let id = r["rule_id"].as_str().expect("rule_id");
        assert_eq!(r["findings"].as_u64(), per_rule.get(id).copied(), "{id}");
        assert!(
            !r["reference"].as_str().unwrap_or_default().is_empty(),
            "{id} has a spec reference"
        );
    }

    // JUnit: one suite, one case per file, failures exactly for the non-conforming files.
    let j = &r.junit;
    assert_eq!(j.suites, 1);
    assert_eq!(j.cases.len(), files.len());
    assert_eq!(j.suite_attrs["tests"], files.len().to_string());
    assert_eq!(j.suite_attrs["failures"], "2");
    assert_eq!(j.suite_attrs["skipped"], "2");
    for (name, f) in &files {
        let (failure, skipped, text) = j
            .cases
            .get(name)
            .unwrap_or_else(|| panic!("no testcase {name}"));
        let v = f["verdict"].as_str().expect("verdict");
        assert_eq!(*failure, v == "invalid" || v == "unreadable", "{name}");
        assert_eq!(*skipped, v == "skipped", "{name}");
        for finding in f["findings"].as_array().expect("findings") {
            if finding["severity"] == "error" {
                let id = finding["rule_id"].as_str().expect("id");
                assert!(text.contains(id), "{name}: failure lists {id}: {text}");
            }
        }
    }

    // HTML: summary block, every file, the rule ids with their spec section, the verdict.
    let h = &r.html;
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("<section id=\"summary\">"));
    assert!(h.contains("<p id=\"verdict\" class=\"verdict ko\">DOES NOT CONFORM</p>"));
    assert!(h.contains(
        "<p id=\"totals\">7 documents: 5 valid, 1 invalid, 1 unreadable; 2 files skipped</p>"
    ));
    assert!(h.contains("<tr><th>As of</th><td>2025-01-15</td></tr>"));
    assert!(h.contains("<tr><th>Profile</th><td>guideline (schema+guideline)</td></tr>"));
    assert!(h.contains(&format!(
        "<tr><th>Library version</th><td>cartella {}",
        env!("CARGO_PKG_VERSION")
    )));
    assert!(h.contains("<tr><th>Directory</th>"));
    for name in files.keys() {
        assert!(h.contains(&format!(">{name}</a>")), "HTML lists {name}");
    }
    for r in rules {
        let id = r["rule_id"].as_str().expect("id");
        assert!(
            h.contains(&format!("<tr id=\"rule-{id}\"")),
            "HTML rule row {id}"
        );
    }
    let cf_rule = cf_findings[0]["rule_id"].as_str().expect("id");
    let reference = rules
        .iter()
        .find(|r| r["rule_id"] == cf_rule)
        .and_then(|r| r["reference"].as_str())
        .expect("reference");
    assert!(h.contains(&format!("<td>{reference}</td>")));
    assert!(h.contains("Carattere di controllo del codice fiscale errato"));
    assert!(h.contains("Wrong codice fiscale check character"));
    assert!(h.contains("Not read: not canonical JSON"));
    assert!(!h.contains("<script"), "no script");
    assert!(!h.contains("src=\"http"), "no external asset");
    assert!(!h.contains("<link"), "no external stylesheet");

    // No full codice fiscale anywhere.
    for (what, text) in [
        ("report.html", &r.html),
        ("summary.json", &r.summary_text),
        ("junit.xml", &r.junit_text),
        ("stdout", &stdout),
    ] {
        assert_eq!(
            full_codice_fiscale(text),
            None,
            "{what} shows a codice fiscale"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verdicts_and_findings_agree_with_validate() {
    let dir = mixed_export("agree");
    let export = dir.join("export");
    let out = dir.join("report");
    run_conformance(&export, &out, &["--profile", "siuss"]);
    let r = read_reports(&out);
    assert_eq!(r.summary["profile"], "siuss");
    let files = files_by_name(&r.summary);
    // `validate` reads JSON as a cartella only; messages are covered by the runner alone.
    for name in [
        "percorso-completo.json",
        "invalido-cf.json",
        "interscambio/messaggio.xml",
        "inps/sinba-completo.xml",
        "rotto.json",
    ] {
        let o = bin()
            .args([
                "validate",
                "--format",
                "json",
                "--profile",
                "siuss",
                "--as-of",
                AS_OF,
            ])
            .arg(export.join(name))
            .output()
            .expect("run validate");
        let line: Value = serde_json::from_slice(&o.stdout).expect("one JSON line");
        let f = &files[name];
        let unreadable = line.get("error").is_some();
        assert_eq!(f["verdict"] == "unreadable", unreadable, "{name}");
        if !unreadable {
            assert_eq!(
                line["valid"].as_bool(),
                Some(f["verdict"] == "valid"),
                "{name}"
            );
        }
        let ids = |v: &Value| {
            let mut ids: Vec<(String, String, String)> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|i| {
                    (
                        i["rule_id"].as_str().unwrap_or_default().to_string(),
                        i["severity"].as_str().unwrap_or_default().to_string(),
                        i["path"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&line["issues"]), ids(&f["findings"]), "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn conforming_export_exits_0() {
    let dir = temp_dir("conforming");
    let export = dir.join("export");
    copy(&sample("percorso-completo.json"), &export.join("a.json"));
    write_xml("valutato-e-chiuso.json", &export.join("b/messaggio.xml"));
    copy(
        &siuss_fixture("sinba-minimo.xml"),
        &export.join("b/sinba.xml"),
    );
    std::fs::write(export.join("NOTE.txt"), "not a document").expect("write");
    // The output directory lies inside the export: it is never read back as input.
    let out = export.join("conformance-report");
    for round in 0..2 {
        let o = run_conformance(&export, &out, &[]);
        assert_eq!(code(&o), 0, "round {round}: {o:?}");
        let r = read_reports(&out);
        assert_eq!(r.summary["verdict"], "CONFORMS");
        assert_eq!(r.summary["totals"]["documents"], 3, "round {round}");
        assert_eq!(r.summary["totals"]["skipped"], 1, "round {round}");
        assert_eq!(r.junit.suite_attrs["failures"], "0");
        assert_eq!(r.junit.cases.len(), 4);
        assert!(r.html.contains("class=\"verdict ok\">CONFORMS</p>"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn default_output_directory_is_conformance_report() {
    let dir = temp_dir("default-out");
    let export = dir.join("export");
    copy(&sample("percorso-completo.json"), &export.join("a.json"));
    let o = bin()
        .current_dir(&dir)
        .args(["conformance", "run", "export", "--as-of", AS_OF])
        .output()
        .expect("run");
    assert_eq!(code(&o), 0, "{o:?}");
    for f in ["report.html", "summary.json", "junit.xml"] {
        assert!(dir.join("conformance-report").join(f).is_file(), "{f}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn empty_export_does_not_conform() {
    let dir = temp_dir("empty");
    let export = dir.join("export");
    std::fs::create_dir_all(&export).expect("mkdir");
    std::fs::write(export.join("README.md"), "# nothing here\n").expect("write");
    let out = dir.join("report");
    let o = run_conformance(&export, &out, &[]);
    assert_eq!(code(&o), 1, "{o:?}");
    let r = read_reports(&out);
    assert_eq!(r.summary["verdict"], "DOES NOT CONFORM");
    assert_eq!(r.summary["totals"]["documents"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    let dir = temp_dir("usage");
    let out = dir.join("report");
    let missing = run_conformance(&dir.join("no-such-dir"), &out, &[]);
    assert_eq!(code(&missing), 2, "{missing:?}");
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    assert!(!out.join("summary.json").exists());

    let file = dir.join("file.json");
    copy(&sample("percorso-completo.json"), &file);
    let not_dir = run_conformance(&file, &out, &[]);
    assert_eq!(code(&not_dir), 2, "{not_dir:?}");
    assert!(String::from_utf8_lossy(&not_dir.stderr).contains("not a directory"));

    let bad_date = run_conformance(&dir, &out, &["--as-of", "15/01/2025"]);
    assert_eq!(code(&bad_date), 2);
    let bad_profile = run_conformance(&dir, &out, &["--profile", "nope"]);
    assert_eq!(code(&bad_profile), 2);
    let no_dir = bin().args(["conformance", "run"]).output().expect("run");
    assert_eq!(code(&no_dir), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn names_and_messages_are_escaped_in_html_and_xml() {
    let dir = temp_dir("escape");
    let export = dir.join("export");
    std::fs::create_dir_all(&export).expect("mkdir");
    std::fs::write(export.join("<b>&'x\".json"), "{ \"<i>\": ").expect("write");
    std::fs::write(export.join("z.xml"), "<not-interscambio a=\"<&>\"/>").expect("write");
    let out = dir.join("report");
    let o = run_conformance(&export, &out, &[]);
    assert_eq!(code(&o), 1);
    let r = read_reports(&out);
    assert!(r.html.contains("&lt;b&gt;&amp;&#39;x&quot;.json"));
    assert!(!r.html.contains("<b>"), "a raw tag from a file name");
    assert!(!r.html.contains("<i>"), "a raw tag from a parse error");
    let files = files_by_name(&r.summary);
    assert_eq!(files["<b>&'x\".json"]["verdict"], "unreadable");
    assert_eq!(files["z.xml"]["verdict"], "unreadable");
    assert!(r.junit.cases.contains_key("<b>&'x\".json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn finds_no_codice_fiscale_in_innocent_text() {
    assert_eq!(full_codice_fiscale("RSSMRA*********U 2025-01-15"), None);
    assert_eq!(
        full_codice_fiscale("x RSSMRA80A01H501U y").as_deref(),
        Some("RSSMRA80A01H501U")
    );
}
