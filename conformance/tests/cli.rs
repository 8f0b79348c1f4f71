//! Integration tests of the `cartella` binary: the CLI contract (exit codes, JSON line shape,
//! `--as-of`, `--profile`, `--suppress`, `rules`, `explain`) and masking of codici fiscali.

mod common;

use std::path::{Path, PathBuf};

use common::*;

use serde_json::Value;

const AS_OF: &str = "2025-01-15";

fn temp_file(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cartella-cli-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, content).expect("write temp file");
    path
}

/// Every codice fiscale written in the samples (values of `codice_fiscale` keys), plus the
/// deliberately wrong one.
fn sample_codici_fiscali() -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    if k == "codice_fiscale" {
                        if let Some(s) = v.as_str() {
                            out.push(s.to_string());
                        }
                    }
                    walk(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    for s in cartella::samples::all() {
        let v: Value = serde_json::from_str(s.json).expect("sample is JSON");
        walk(&v, &mut out);
    }
    out.sort();
    out.dedup();
    assert!(out.len() >= 8, "the samples carry several codici fiscali");
    out
}

fn assert_no_full_cf(text: &str) {
    for cf in sample_codici_fiscali() {
        assert!(
            !text.contains(&cf),
            "output contains a full codice fiscale ({}…)",
            &cf[..6]
        );
        assert!(
            !text.contains(&cf.to_lowercase()),
            "output contains a full codice fiscale ({}…)",
            &cf[..6]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// validate: exit codes and JSON lines
// ---------------------------------------------------------------------------------------------

#[test]
fn valid_samples_exit_zero() {
    for name in [
        "accesso-informativo",
        "valutato-e-chiuso",
        "percorso-completo",
    ] {
        let o = run(&[
            "validate",
            "--as-of",
            AS_OF,
            "--format",
            "json",
            &sample_path(name),
        ]);
        let lines = json_lines(&o);
        assert_eq!(code(&o), 0, "{name}: {}", stdout(&o));
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0]["valid"], Value::Bool(true));
        for issue in lines[0]["issues"].as_array().unwrap() {
            assert_eq!(
                issue["severity"], "info",
                "{name}: unexpected finding {issue}"
            );
        }
    }
}

#[test]
fn invalid_document_exits_one_with_the_rule() {
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let lines = json_lines(&o);
    assert_eq!(lines[0]["valid"], Value::Bool(false));
    let cf003: Vec<&Value> = lines[0]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["rule_id"] == "CF-003")
        .collect();
    assert_eq!(cf003.len(), 1);
    assert_eq!(cf003[0]["severity"], "error");
    assert_eq!(cf003[0]["path"], "/assistito/codice_fiscale");
    assert!(cf003[0]["message_it"]
        .as_str()
        .unwrap()
        .contains("PGNGLI*********T"));
    assert_no_full_cf(&stdout(&o));
}

#[test]
fn json_line_shape() {
    let files = [
        sample_path("accesso-informativo"),
        sample_path("invalido-date"),
        sample_path("invalido-ciclo-vita"),
    ];
    let mut args = vec!["validate", "--as-of", AS_OF, "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let o = run(&args);
    assert_eq!(code(&o), 1);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3, "one JSON object per file");
    for (line, file) in lines.iter().zip(&files) {
        assert_eq!(line["file"], Value::String(file.clone()));
        assert!(line["valid"].is_boolean());
        for issue in line["issues"].as_array().expect("issues") {
            for key in ["rule_id", "severity", "path", "message_it", "message_en"] {
                assert!(issue[key].is_string(), "issue without {key}: {issue}");
            }
            assert!(["error", "warning", "info"].contains(&issue["severity"].as_str().unwrap()));
            let path = issue["path"].as_str().unwrap();
            assert!(
                path.is_empty() || path.starts_with('/'),
                "not a JSON Pointer: {path}"
            );
        }
    }
    assert!(rule_ids(&lines[1]).contains(&"CSI-DAT-001".to_string()));
    assert!(rule_ids(&lines[2]).contains(&"CSI-LCY-003".to_string()));
}

#[test]
fn unreadable_and_unparseable_files_exit_two_and_the_others_are_still_reported() {
    let broken = temp_file("broken.json", "{ \"versione_modello\": \"1.0\", ");
    let missing = repo().join("does-not-exist.json");
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        broken.to_str().unwrap(),
        missing.to_str().unwrap(),
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 2);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3);
    for line in &lines[..2] {
        assert_eq!(line["valid"], Value::Bool(false));
        assert!(
            line["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{line}"
        );
    }
    assert_eq!(lines[2]["valid"], Value::Bool(true));
    assert!(lines[2].get("error").is_none());

    // Text format: same exit status, a readable line for the broken file.
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        broken.to_str().unwrap(),
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("NOT READ"));
}

#[test]
fn parse_errors_never_show_a_full_codice_fiscale() {
    // A codice fiscale in a closed-list field and in a wrongly typed field: the parser quotes them.
    let text = cartella::samples::get("accesso-informativo").unwrap().json;
    let bad_enum = text.replacen("\"genere\": \"F\"", "\"genere\": \"PGNGLI58C54A794S\"", 1);
    assert_ne!(bad_enum, text);
    let bad_type = text.replacen(
        "\"versione_modello\": \"1.0\"",
        "\"versione_modello\": \"PGNGLI58C54A794S\"",
        1,
    );
    let bad_key = text.replacen(
        "\"nome\": \"GIULIA\"",
        "\"PGNGLI58C54A794S\": \"GIULIA\"",
        1,
    );
    for (i, content) in [bad_enum, bad_type, bad_key].iter().enumerate() {
        let f = temp_file(&format!("cf-in-error-{i}.json"), content);
        for format in ["json", "text"] {
            let o = run(&["validate", "--format", format, f.to_str().unwrap()]);
            assert_eq!(code(&o), 2, "{}", stdout(&o));
            assert_no_full_cf(&stdout(&o));
            assert_no_full_cf(&stderr(&o));
        }
    }
}

#[test]
fn as_of_selects_the_rule_sets_in_force() {
    // CSI-2016 is in force from 2016-08-02: before that date only CF-* (no lower bound) run.
    let o = run(&[
        "validate",
        "--as-of",
        "2016-08-01",
        "--format",
        "json",
        &sample_path("invalido-date"),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let ids = rule_ids(&json_lines(&o)[0]);
    assert!(ids.iter().all(|id| !id.starts_with("CSI-")), "{ids:?}");

    let o = run(&[
        "validate",
        "--as-of",
        "2016-08-02",
        "--format",
        "json",
        &sample_path("invalido-date"),
    ]);
    assert_eq!(code(&o), 1);
    assert!(rule_ids(&json_lines(&o)[0]).contains(&"CSI-DAT-001".to_string()));

    // A CF error is judged whatever the date.
    let o = run(&[
        "validate",
        "--as-of",
        "2000-01-01",
        "--format",
        "json",
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 1);

    let o = run(&[
        "validate",
        "--as-of",
        "2025-02-30",
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 2, "an impossible date is a usage error");
}

#[test]
fn profile_schema_drops_guideline_findings() {
    let default = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        &sample_path("invalido-date"),
    ]);
    let guideline_findings = json_lines(&default)[0]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["profile"] == "guideline")
        .count();
    assert!(guideline_findings > 0);

    for name in [
        "invalido-date",
        "invalido-cf",
        "invalido-ciclo-vita",
        "percorso-completo",
    ] {
        let o = run(&[
            "validate",
            "--profile",
            "schema",
            "--as-of",
            AS_OF,
            "--format",
            "json",
            &sample_path(name),
        ]);
        assert_eq!(code(&o), 0, "{name}: {}", stdout(&o));
        for issue in json_lines(&o)[0]["issues"].as_array().unwrap() {
            assert_eq!(issue["profile"], "schema", "{name}: {issue}");
        }
    }
    let o = run(&[
        "validate",
        "--profile",
        "nonsense",
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 2);
}

#[test]
fn suppressions_move_findings_aside_with_their_reason() {
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--suppress",
        "CF-003:/assistito:codice fiscale verificato allo sportello",
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let line = &json_lines(&o)[0];
    assert!(!rule_ids(line).contains(&"CF-003".to_string()));
    let suppressed = line["suppressed"].as_array().expect("suppressed");
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["rule_id"], "CF-003");
    assert_eq!(
        suppressed[0]["reason"],
        "codice fiscale verificato allo sportello"
    );

    // A prefix elsewhere does not match.
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--suppress",
        "CF-003:/processi:x",
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 1);

    for bad in ["NOPE-001::reason", "CF-003:/assistito:", "CF-003"] {
        let o = run(&["validate", "--suppress", bad, &sample_path("invalido-cf")]);
        assert_eq!(code(&o), 2, "{bad}");
        assert!(!stderr(&o).is_empty());
    }
}

#[test]
fn text_report_groups_findings_and_counts_them() {
    let o = run(&[
        "validate",
        "--as-of",
        AS_OF,
        &sample_path("invalido-cf"),
        &sample_path("percorso-completo"),
    ]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("errors:"), "{out}");
    assert!(out.contains("CF-003 /assistito/codice_fiscale"), "{out}");
    assert!(out.contains("1 error, "), "{out}");
    assert!(
        out.contains("0 errors, 0 warnings, "),
        "percorso-completo is clean: {out}"
    );
    assert!(out.contains("notices"), "{out}");
    assert_no_full_cf(&out);

    let it = run(&[
        "validate",
        "--as-of",
        AS_OF,
        "--lang",
        "it",
        "--verbose",
        &sample_path("invalido-cf"),
    ]);
    assert_no_full_cf(&stdout(&it));
}

#[test]
fn embedded_samples_meet_their_expectations() {
    let o = run(&["validate", "--samples", "--as-of", AS_OF]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}");
    for s in cartella::samples::all() {
        assert!(out.contains(&format!("sample:{}", s.name)), "{out}");
    }
    assert!(!out.contains("NOT AS EXPECTED"), "{out}");
    assert_no_full_cf(&out);

    let o = run(&[
        "validate",
        "--samples",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), cartella::samples::all().len());
    for line in &lines {
        assert_eq!(line["as_expected"], Value::Bool(true), "{line}");
    }
    assert_no_full_cf(&stdout(&o));

    let o = run(&["validate"]);
    assert_eq!(code(&o), 2, "no file and no --samples is a usage error");
}

#[test]
fn stdin_is_read_with_a_dash() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = bin()
        .args(["validate", "--as-of", AS_OF, "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let text = cartella::samples::get("invalido-cf").unwrap().json;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write stdin");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(code(&o), 1);
    assert_eq!(json_lines(&o)[0]["file"], "-");
}

// ---------------------------------------------------------------------------------------------
// rules and explain
// ---------------------------------------------------------------------------------------------

/// Minimal RFC 4180 reader (the test must not trust the library's own parser).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {}
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[test]
fn rules_json_lists_the_whole_catalogue_as_in_rules_csv() {
    let o = run(&["rules", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let rules: Vec<Value> = serde_json::from_str(&stdout(&o)).expect("one JSON array");
    assert_eq!(rules.len(), 414);

    let csv = std::fs::read_to_string(repo().join("core/data/rules.csv")).expect("rules.csv");
    let rows = read_csv(&csv);
    let header = &rows[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (id, sev, prof, set, src, check) = (
        col("id"),
        col("severity"),
        col("profile"),
        col("ruleset"),
        col("source"),
        col("check_en"),
    );
    let data = &rows[1..];
    assert_eq!(data.len(), rules.len());
    for (row, rule) in data.iter().zip(&rules) {
        assert_eq!(rule["id"], Value::String(row[id].clone()));
        assert_eq!(
            rule["severity"],
            Value::String(row[sev].clone()),
            "{}",
            row[id]
        );
        assert_eq!(
            rule["profile"],
            Value::String(row[prof].clone()),
            "{}",
            row[id]
        );
        assert_eq!(
            rule["ruleset"],
            Value::String(row[set].clone()),
            "{}",
            row[id]
        );
        assert_eq!(
            rule["description"],
            Value::String(row[check].clone()),
            "{}",
            row[id]
        );
        let tags: String = row[src]
            .split_whitespace()
            .map(|t| format!("[{t}]"))
            .collect();
        assert_eq!(rule["source"], Value::String(tags), "{}", row[id]);
        let status = rule["status"].as_str().unwrap();
        assert!(status == "implemented" || status == "planned");
        assert_eq!(rule["implemented"], Value::Bool(status == "implemented"));
        // INPS flow and WaaS rules are raised by `cartella::siuss`; XML rules by the readers.
        if row[id].starts_with("SIUSS-") {
            assert_eq!(status, "implemented", "{}", row[id]);
        }
        let by_reader = cartella::interscambio::lettore::RULES.contains(&row[id].as_str());
        if by_reader {
            assert_eq!(status, "implemented", "{}", row[id]);
        }
    }
    // Every implemented id is a canonical rule of the catalogue.
    for implemented in cartella::rules::IMPLEMENTED.iter() {
        let r = rules
            .iter()
            .find(|r| r["id"] == *implemented)
            .expect("implemented id in the catalogue");
        assert_eq!(r["status"], "implemented");
    }
}

#[test]
fn rules_text_and_markdown() {
    let o = run(&["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("CF-003") && out.contains("SIUSS-WAAS-022"));
    assert!(out.contains("414 rules"));

    let o = run(&["rules", "--format", "markdown"]);
    assert_eq!(code(&o), 0);
    let md = stdout(&o);
    assert!(md.starts_with("# Rule catalogue"));
    assert!(md.contains("| CSI-LCY-003 | error | guideline |"));
}

#[test]
fn explain_prints_one_rule_fully() {
    let o = run(&["explain", "CF-003"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let rule = cartella::rules::catalogo().get("CF-003").unwrap();
    assert!(out.contains(&rule.message_it), "{out}");
    assert!(out.contains(&rule.message_en), "{out}");
    assert!(out.contains("CF-1"), "{out}");
    assert!(out.contains("guideline") && out.contains("error"));
    assert!(out.contains("cf"), "parameters: {out}");

    let o = run(&["explain", "csi-dat-001"]);
    assert_eq!(code(&o), 0, "ids are case-insensitive");
    assert!(stdout(&o).contains("CSI-2016") && stdout(&o).contains("2016-08-02"));

    let o = run(&["explain", "SIUSS-PS-001", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["id"], "SIUSS-PS-001");
    assert_eq!(v["status"], "implemented");
    assert_eq!(v["ruleset"], "SIUSS-PS-201812");

    let o = run(&["explain", "NOPE-999"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown rule id"));
    assert!(stdout(&o).is_empty());
}

// ---------------------------------------------------------------------------------------------
// cf subcommand (wired here; its own behaviour is tested by its module and the Python suite)
// ---------------------------------------------------------------------------------------------

#[test]
fn cf_subcommand_is_wired_and_masks() {
    let o = run(&["cf", "check", "PGNGLI58C54A794S"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert_no_full_cf(&stdout(&o));
    let o = run(&["cf", "check", "PGNGLI58C54A794T"]);
    assert_ne!(code(&o), 0);
    assert_no_full_cf(&stdout(&o));
    let o = run(&["cf", "decode", "VLLLNE39E61F205K", "--format", "json"]);
    assert_eq!(code(&o), 0);
    assert_no_full_cf(&stdout(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["birth_date"], "1939-05-21");
    assert_eq!(v["sex"], "F");
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    for sub in ["validate", "rules", "explain", "cf"] {
        assert!(stdout(&o).contains(sub), "{sub}");
    }
    assert_eq!(code(&run(&["--version"])), 0);
    assert_eq!(code(&run(&["frobnicate"])), 2);
}

#[test]
fn cf_codes_are_masked_unless_asked_for_in_full() {
    let masked = run(&["cf", "decode", "RSSMRA80A01H501U", "--format", "json"]);
    assert_eq!(code(&masked), 0);
    assert_eq!(json_lines(&masked)[0]["code"], "RSSMRA*********U");
    let full = run(&[
        "cf",
        "decode",
        "rssmra80a01h501u",
        "--format",
        "json",
        "--unmasked",
    ]);
    assert_eq!(code(&full), 0);
    let line = &json_lines(&full)[0];
    assert_eq!(line["code"], "RSSMRA80A01H501U", "normalised, in full");
    let wrong = run(&[
        "cf",
        "check",
        "RSSMRA80A01H501A",
        "--format",
        "json",
        "--unmasked",
    ]);
    assert_eq!(code(&wrong), 1);
    let line = &json_lines(&wrong)[0];
    assert_eq!(line["code"], "RSSMRA80A01H501A");
    assert!(
        !line["issues"].to_string().contains("80A01H501"),
        "messages stay masked: {line}"
    );
}

// ---------------------------------------------------------------------------------------------
// interscambio: validate (format detection), convert, ack
// ---------------------------------------------------------------------------------------------

const CREATED: &str = "2024-02-01T10:30:00";

/// Converts a sample (a `Cartella` JSON) to interscambio XML with a fixed creation time.
fn sample_xml(name: &str) -> String {
    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--created",
        CREATED,
        "--as-of",
        AS_OF,
        &sample_path(name),
    ]);
    assert!(
        code(&o) <= 1,
        "convert {name}: exit {}\n{}",
        code(&o),
        stderr(&o)
    );
    stdout(&o)
}

fn sample_xml_file(name: &str) -> PathBuf {
    temp_file(&format!("{name}.xml"), &sample_xml(name))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn validate_detects_xml_from_the_content() {
    let xml = sample_xml("accesso-informativo");
    assert!(xml.starts_with("<?xml"), "{xml}");
    // Any extension, leading whitespace and a UTF-8 BOM: still XML.
    let plain = temp_file("accesso.data", &xml);
    let bom = temp_file("accesso-bom.json", &format!("\u{feff}\n  {xml}"));
    let o = run(&[
        "validate",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        path_str(&plain),
        path_str(&bom),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["valid"], true, "{line}");
        for key in ["file", "valid", "issues"] {
            assert!(line.get(key).is_some(), "missing {key}: {line}");
        }
        let issues = line["issues"].as_array().expect("issues");
        // Findings raised while reading carry the XML path; canonical ones point under /cartella.
        assert!(issues.iter().any(|i| i["xml_path"]
            .as_str()
            .is_some_and(|x| x.starts_with("/PRSS_IN001004ZZ"))));
        assert!(issues.iter().all(|i| i["path"]
            .as_str()
            .is_some_and(|p| p.is_empty() || p.starts_with('/'))));
        for i in issues {
            for key in ["rule_id", "severity", "path", "message_it", "message_en"] {
                assert!(i.get(key).is_some(), "issue without {key}: {i}");
            }
        }
    }
    // A JSON document with a BOM is still JSON.
    let json_bom = temp_file(
        "accesso-bom-real.json",
        &format!(
            "\u{feff}{}",
            std::fs::read_to_string(sample_path("accesso-informativo")).expect("sample")
        ),
    );
    let o = run(&["validate", "--as-of", AS_OF, path_str(&json_bom)]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn validate_xml_reports_canonical_rules_under_cartella_and_exits_one() {
    let file = sample_xml_file("invalido-cf");
    let o = run(&[
        "validate",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        path_str(&file),
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let line = &json_lines(&o)[0];
    assert_eq!(line["valid"], false);
    let cf003: Vec<&Value> = line["issues"]
        .as_array()
        .expect("issues")
        .iter()
        .filter(|i| i["rule_id"] == "CF-003")
        .collect();
    assert_eq!(cf003.len(), 1, "CF-003 once (deduplicated): {line}");
    assert_eq!(cf003[0]["path"], "/cartella/assistito/codice_fiscale");
    assert_no_full_cf(&stdout(&o));
}

#[test]
fn unparseable_xml_exits_two_like_unreadable_json() {
    let broken = temp_file("broken.xml", "<PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\">");
    let wrong_root = temp_file("wrong-root.xml", "<?xml version=\"1.0\"?><foo/>");
    let doctype = temp_file(
        "doctype.xml",
        "<!DOCTYPE a [<!ENTITY x \"y\">]><PRSS_IN001004ZZ xmlns=\"urn:hl7-org:v3\"/>",
    );
    let o = run(&[
        "validate",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        path_str(&broken),
        path_str(&wrong_root),
        path_str(&doctype),
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 4, "the other files are still reported");
    for (line, rule) in lines.iter().zip(["XML-001", "XML-004", "XML-002"]) {
        assert_eq!(line["valid"], false);
        let error = line["error"].as_str().expect("error message");
        assert!(error.contains(rule), "{rule} in {error}");
        assert!(rule_ids(line).contains(&rule.to_string()), "{line}");
    }
    assert_eq!(lines[3]["valid"], true);
    // The text report says NOT READ.
    let o = run(&["validate", path_str(&broken)]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("NOT READ"), "{}", stdout(&o));
}

#[test]
fn convert_xml_to_json_and_back_with_compat_reads_back_equal() {
    for name in [
        "percorso-completo",
        "accesso-informativo",
        "valutato-e-chiuso",
    ] {
        let xml = sample_xml_file(name);
        let o = run(&["convert", "--to", "json", "--as-of", AS_OF, path_str(&xml)]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let first = stdout(&o);
        let m = cartella::json::messaggio_from_str(&first).expect("a MessaggioInterscambio");
        assert_eq!(m.cartella.processi.len(), 1);
        assert_eq!(m.data_creazione.to_string(), CREATED);

        let json_file = temp_file(&format!("{name}.msg.json"), &first);
        let compat = temp_file(&format!("{name}.compat.xml"), "");
        let o = run(&[
            "convert",
            "--to",
            "xml",
            "--compat",
            "--as-of",
            AS_OF,
            path_str(&json_file),
            "-o",
            path_str(&compat),
        ]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "-o writes the file, not stdout");
        let compat_xml = std::fs::read_to_string(&compat).expect("written");
        assert!(compat_xml.contains("<interactionId extension=\"PRSS_IN001004ZZ\"/>"));
        assert!(!compat_xml.contains("<administrativeGenderCode code=\"F\""));
        assert!(!compat_xml.contains("<administrativeGenderCode code=\"M\""));
        // ddMMyyyy birth date (no HL7 yyyyMMdd form of it).
        let birth = m
            .cartella
            .assistito
            .data_nascita
            .as_ref()
            .expect("birth date")
            .to_string();
        let (y, rest) = birth.split_at(4);
        let ddmmyyyy = format!("{}{}{y}", &rest[4..6], &rest[1..3]);
        assert!(
            compat_xml.contains(&format!("<birthTime value=\"{ddmmyyyy}\"/>")),
            "{name}: {ddmmyyyy}"
        );

        let o = run(&[
            "convert",
            "--to",
            "json",
            "--as-of",
            AS_OF,
            path_str(&compat),
        ]);
        assert_eq!(code(&o), 0, "{name}: {}", stderr(&o));
        let again = cartella::json::messaggio_from_str(&stdout(&o)).expect("read back");
        assert_eq!(again, m, "{name}: --compat output reads back equal");
    }
}

#[test]
fn convert_cartella_builds_the_envelope_with_defaults_and_options() {
    let o = run(&[
        "convert",
        "--to",
        "json",
        "--created",
        CREATED,
        "--as-of",
        AS_OF,
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m = cartella::json::messaggio_from_str(&stdout(&o)).expect("message");
    assert_eq!(
        m.id_messaggio.extension.as_deref(),
        Some("MSG-BG-2024-000318-P1")
    );
    assert_eq!(m.mittente, m.cartella.ente_titolare.id);
    assert_eq!(m.destinatari[0].extension.as_deref(), Some("DESTINATARIO"));
    assert_eq!(
        m.destinatari[0].root.as_str(),
        "2.16.840.1.113883.2.9.2.30.3.2.4.3"
    );
    assert_eq!(
        (m.processing_code.as_str(), m.processing_mode_code.as_str()),
        ("P", "T")
    );

    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--created",
        CREATED,
        "--message-id",
        "M-77",
        "--sender",
        "1.2.3:SND",
        "--receiver",
        "RCV-9",
        "--process",
        "BG-2024-000318-P1",
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(xml.contains(r#"extension="M-77"/>"#));
    assert!(xml.contains(r#"<id root="1.2.3" extension="SND"/>"#));
    assert!(xml.contains(r#"extension="RCV-9"/>"#));
    assert!(xml.contains(r#"<creationTime value="20240201103000"/>"#));

    // Unknown process, and a cartella with two processes without --process: exit 2.
    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--process",
        "NOPE",
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    let mut v: Value = serde_json::from_str(
        &std::fs::read_to_string(sample_path("accesso-informativo")).expect("sample"),
    )
    .expect("JSON");
    let mut second = v["processi"][0].clone();
    second["id_processo"] = Value::String("SECOND".into());
    v["processi"].as_array_mut().expect("processi").push(second);
    let two = temp_file("two-processes.json", &v.to_string());
    let o = run(&["convert", "--to", "xml", path_str(&two)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--process"), "{}", stderr(&o));
    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--process",
        "SECOND",
        path_str(&two),
    ]);
    assert!(code(&o) <= 1, "{}", stderr(&o));
    assert!(stdout(&o).contains("<PRSS_IN001004ZZ"));
}

#[test]
fn convert_reports_findings_on_stderr_with_validate_exit_codes() {
    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--created",
        CREATED,
        "--as-of",
        AS_OF,
        &sample_path("invalido-cf"),
    ]);
    assert_eq!(code(&o), 1, "an error-severity finding: exit 1");
    assert!(
        stdout(&o).starts_with("<?xml"),
        "the output is still written"
    );
    let err = stderr(&o);
    assert!(
        err.contains("error CF-003 /cartella/assistito/codice_fiscale"),
        "{err}"
    );
    assert!(
        !err.contains(" info "),
        "notices only with --verbose: {err}"
    );
    // The XML carries the codici fiscali by design; the findings never do.
    assert_no_full_cf(&err);
    let o = run(&[
        "convert",
        "--to",
        "xml",
        "--verbose",
        "--created",
        CREATED,
        "--as-of",
        AS_OF,
        &sample_path("accesso-informativo"),
    ]);
    assert_eq!(code(&o), 0);
    assert!(stderr(&o).contains(" info "), "{}", stderr(&o));

    let broken = temp_file("convert-broken.xml", "<PRSS_IN001004ZZ");
    let o = run(&["convert", "--to", "json", path_str(&broken)]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("XML-001"), "{}", stderr(&o));
    let garbage = temp_file("convert-garbage.json", "{\"id_cartella\": 3}");
    let o = run(&["convert", "--to", "xml", path_str(&garbage)]);
    assert_eq!(code(&o), 2);
    let o = run(&["convert", "--to", "yaml", path_str(&garbage)]);
    assert_eq!(code(&o), 2, "usage error");
}

#[test]
fn ack_accepts_a_valid_message_and_rejects_a_broken_one() {
    let ok = sample_xml_file("accesso-informativo");
    let o = run(&[
        "ack",
        "--as-of",
        AS_OF,
        "--created",
        "2024-02-02T08:00:00",
        path_str(&ok),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let ack = stdout(&o);
    assert!(
        ack.contains("<MCCI_IN000002UV01 xmlns=\"urn:hl7-org:v3\""),
        "{ack}"
    );
    assert!(ack.contains("<acknowledgement typeCode=\"AA\">"), "{ack}");
    assert!(ack.contains("extension=\"ACK-MSG-BG-2024-000318-P1\""));
    assert!(ack.contains("<targetMessage>"));
    assert!(ack.contains("extension=\"MSG-BG-2024-000318-P1\""));
    assert!(ack.contains("<creationTime value=\"20240202080000\"/>"));
    assert!(
        !ack.contains("acknowledgementDetail"),
        "no error or warning: {ack}"
    );
    assert!(stderr(&o).contains("acknowledgement AA"));

    // The acknowledgement can be read back.
    let read = cartella::interscambio::lettura_risposta::leggi_risposta(
        ack.as_bytes(),
        &Default::default(),
    )
    .expect("no library failure");
    let risposta = read.risposta.expect("a readable acknowledgement");
    assert_eq!(risposta.tipo_esito, cartella::model::TipoEsito::Aa);

    // A message with an invalid creation time: blocking (schema profile) → AR.
    let broken_xml = std::fs::read_to_string(&ok).expect("xml").replace(
        "<creationTime value=\"20240201103000\"/>",
        "<creationTime value=\"garbage\"/>",
    );
    let broken = temp_file("ack-broken.xml", &broken_xml);
    let out = temp_file("ack-broken.out.xml", "");
    let o = run(&[
        "ack",
        "--as-of",
        AS_OF,
        path_str(&broken),
        "-o",
        path_str(&out),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
    let ack = std::fs::read_to_string(&out).expect("written");
    assert!(ack.contains("<acknowledgement typeCode=\"AR\">"), "{ack}");
    assert!(ack.contains("<acknowledgementDetail typeCode=\"E\">"));
    assert!(ack.contains("codeSystem=\"CARTELLA-RULES\""));
    assert!(ack.contains("CSI-ENV-002"), "{ack}");

    // An error outside the schema profile → AE, with the masked message.
    let invalid = sample_xml_file("invalido-cf");
    let o = run(&["ack", "--as-of", AS_OF, path_str(&invalid)]);
    assert_eq!(code(&o), 1);
    let ack = stdout(&o);
    assert!(ack.contains("<acknowledgement typeCode=\"AE\">"), "{ack}");
    assert!(ack.contains("code=\"CF-003\""));
    assert_no_full_cf(&ack);

    // Not a message at all: no acknowledgement, exit 2.
    let garbage = temp_file("ack-garbage.xml", "<<<");
    let o = run(&["ack", path_str(&garbage)]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
}
