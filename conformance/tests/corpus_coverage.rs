//! Checks of the conformance suite that do not run cases one by one:
//!
//! - the coverage test: every rule of the catalogue has an active case whose expected findings
//!   contain it and an active case of a kind that can raise it whose expected findings do not,
//!   except the gaps listed in `conformance/coverage-gaps.txt`, a list that may only shrink;
//! - the manifest is valid, its inputs exist and its JSON Schema is the committed one;
//! - `conformance/expected-failures/rust.txt` lists only existing cases, each with a reason.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cartella::conformita::{lacune, schema_json, Manifest};

fn radice() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn manifest() -> Manifest {
    let testo = std::fs::read_to_string(radice().join("manifest.json")).expect("manifest.json");
    Manifest::da_json(&testo).unwrap_or_else(|e| panic!("conformance/manifest.json: {e}"))
}

#[test]
fn every_rule_has_a_triggering_and_a_non_triggering_case_or_a_listed_gap() {
    let attuali: BTreeSet<String> = lacune(&manifest()).into_iter().collect();
    let testo = std::fs::read_to_string(radice().join("coverage-gaps.txt")).unwrap_or_default();
    let elencate: BTreeSet<String> = testo
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let non_elencate: Vec<&String> = attuali.difference(&elencate).collect();
    let coperte: Vec<&String> = elencate.difference(&attuali).collect();
    let mut errori = String::new();
    if !non_elencate.is_empty() {
        errori.push_str(&format!(
            "rules lacking a case and not listed in conformance/coverage-gaps.txt (add a case; \
             a gap may not be added to the list):\n  {}\n",
            non_elencate
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        ));
    }
    if !coperte.is_empty() {
        errori.push_str(&format!(
            "gaps listed in conformance/coverage-gaps.txt that are now covered (remove these \
             lines, e.g. regenerate with `cargo run -p cartella-cli -- conformance trace \
             --format gaps > conformance/coverage-gaps.txt`):\n  {}\n",
            coperte
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n  ")
        ));
    }
    assert!(errori.is_empty(), "{errori}");
}

#[test]
fn gaps_lines_have_the_documented_form() {
    let testo = std::fs::read_to_string(radice().join("coverage-gaps.txt")).unwrap_or_default();
    for l in testo
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let parti: Vec<&str> = l.split_whitespace().collect();
        assert!(
            parti.len() == 3
                && cartella::rules::regola(parti[0]).is_some()
                && parti[1] == "missing"
                && matches!(parti[2], "trigger" | "non-trigger"),
            "coverage-gaps.txt: {l:?} is not `RULE_ID missing trigger|non-trigger`"
        );
    }
}

#[test]
fn manifest_inputs_exist() {
    for c in &manifest().casi {
        assert!(
            radice().join(&c.input).is_file(),
            "{}: input {} does not exist",
            c.id,
            c.input
        );
    }
}

#[test]
fn manifest_is_in_its_committed_form() {
    let testo = std::fs::read_to_string(radice().join("manifest.json")).expect("manifest.json");
    assert_eq!(
        manifest().to_json(),
        testo,
        "conformance/manifest.json is not in the form the tools write (two-space JSON, fields in \
         model order); `cartella conformance self-test --record` rewrites it"
    );
}

#[test]
fn manifest_schema_matches_the_case_model() {
    let committed =
        std::fs::read_to_string(radice().join("manifest.schema.json")).unwrap_or_default();
    let generated = schema_json();
    if committed != generated {
        let _ = std::fs::write(
            std::env::temp_dir().join("manifest.schema.json"),
            &generated,
        );
        panic!(
            "conformance/manifest.schema.json differs from the schema of \
             cartella::conformita::Manifest; the generated one was written to {}",
            std::env::temp_dir().join("manifest.schema.json").display()
        );
    }
    let v: serde_json::Value = serde_json::from_str(&committed).expect("schema JSON");
    assert_eq!(
        v["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "the manifest schema must be JSON Schema 2020-12"
    );
}

#[test]
fn expected_failures_list_existing_cases_with_a_reason() {
    let m = manifest();
    let testo = std::fs::read_to_string(radice().join("expected-failures/rust.txt"))
        .expect("expected-failures/rust.txt");
    for l in testo.lines() {
        let (id, nota) = l.split_once('#').unwrap_or((l, ""));
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        assert!(
            m.caso(id).is_some(),
            "expected-failures/rust.txt: no case {id:?}"
        );
        assert!(
            !nota.trim().is_empty(),
            "expected-failures/rust.txt: {id} needs a `# reason` on its line"
        );
    }
}
