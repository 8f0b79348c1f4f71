//! Helpers shared by the integration tests of the `cartella` binary.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The `cartella` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cartella"))
}

/// The workspace root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Path of an embedded sample cartella.
pub fn sample_path(name: &str) -> String {
    repo()
        .join("core/data/samples")
        .join(format!("{name}.json"))
        .display()
        .to_string()
}

/// Runs `cartella ARGS`.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run cartella")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// Parses the JSON lines of `--format json` reports.
pub fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// The rule ids of a JSON report line.
pub fn rule_ids(line: &Value) -> Vec<String> {
    line["issues"]
        .as_array()
        .expect("issues array")
        .iter()
        .map(|i| i["rule_id"].as_str().expect("rule_id").to_string())
        .collect()
}

/// A fresh temporary directory for one test (`prefix` names the test binary).
pub fn temp_dir(prefix: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
