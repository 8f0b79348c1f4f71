//! Integration tests of the `cartella` binary: the CLI contract (exit codes, JSON line shape,
//! `--as-of`, `--profile`, `--suppress`, `rules`, `explain`) and masking of codici fiscali.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const AS_OF: &str = "2025-01-15";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cartella"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn sample_path(name: &str) -> String {
    repo()
        .join("core/data/samples")
        .join(format!("{name}.json"))
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run cartella")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// Parses the JSON lines of `validate --format json`.
fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

fn rule_ids(line: &Value) -> Vec<String> {
    line["issues"]
        .as_array()
        .expect("issues array")
        .iter()
        .map(|i| i["rule_id"].as_str().expect("rule_id").to_string())
        .collect()
}

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
        if !(row[id].starts_with("CF-") || row[id].starts_with("CSI-")) {
            assert_eq!(status, "planned", "{}", row[id]);
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
    assert_eq!(v["status"], "planned");
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
