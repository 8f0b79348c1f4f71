//! `cartella rules` (the catalogue as text, JSON or Markdown) and `cartella explain RULE_ID`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

use cartella::rules::{catalogo, RuleDef, Stage};
use clap::{Args, ValueEnum};
use serde_json::{json, Value};

/// Output format of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// One line per rule.
    Text,
    /// One JSON array of rule objects.
    Json,
    /// The Markdown page of the book (`docs/src/rules.md`).
    Markdown,
}

/// Arguments of `cartella rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// Output format of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Readable text.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `cartella explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. `CF-003` (case-insensitive).
    #[arg(value_name = "RULE_ID")]
    pub rule_id: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

/// `implemented` or `planned`.
pub fn status(rule: &RuleDef) -> &'static str {
    if rule.is_implemented() {
        "implemented"
    } else {
        "planned"
    }
}

fn stage_description(stage: Stage) -> &'static str {
    match stage {
        Stage::Xml => "while reading XML (HL7 interscambio or INPS flows)",
        Stage::Canonical => "on a canonical Cartella or MessaggioInterscambio",
        Stage::Siuss => "on a derived or read INPS flow",
        Stage::Waas => "on WaaS API inputs and outputs",
    }
}

fn date_str(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| {
        Value::String(d.format("%Y-%m-%d").to_string())
    })
}

/// The JSON object describing a rule.
pub fn rule_json(rule: &RuleDef) -> Value {
    json!({
        "id": rule.id,
        "severity": rule.severity.as_str(),
        "profile": rule.profile.as_str(),
        "description": rule.description,
        "source": rule.source_tags(),
        "sources": rule.source,
        "ruleset": rule.ruleset,
        "valid_from": date_str(rule.valid_from),
        "valid_to": date_str(rule.valid_to),
        "reference": rule.reference,
        "stage": rule.stage.as_str(),
        "implemented": rule.is_implemented(),
        "status": status(rule),
        "planned_reason": rule.planned_reason(),
        "message_it": rule.message_it,
        "message_en": rule.message_en,
        "params": rule.params,
    })
}

/// Runs `cartella rules`.
pub fn run_rules(args: RulesArgs) -> ExitCode {
    let text = match args.format {
        RulesFormat::Text => rules_text(),
        RulesFormat::Json => {
            let all: Vec<Value> = catalogo().rules().iter().map(rule_json).collect();
            let mut s = serde_json::to_string_pretty(&Value::Array(all))
                .unwrap_or_else(|_| "[]".to_string());
            s.push('\n');
            s
        }
        RulesFormat::Markdown => rules_markdown(),
    };
    write_stdout(&text)
}

fn write_stdout(text: &str) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cartella: cannot write the output: {e}");
            ExitCode::from(2)
        }
    }
}

fn rules_text() -> String {
    let cat = catalogo();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<16} {:<8} {:<10} {:<12} {:<18} {:<10} DESCRIPTION",
        "ID", "SEVERITY", "PROFILE", "STATUS", "RULE SET", "SOURCE"
    );
    for r in cat.rules() {
        let _ = writeln!(
            s,
            "{:<16} {:<8} {:<10} {:<12} {:<18} {:<10} {}",
            r.id,
            r.severity.as_str(),
            r.profile.as_str(),
            status(r),
            r.ruleset,
            r.source_tags(),
            r.description
        );
    }
    let implemented = cat.rules().iter().filter(|r| r.is_implemented()).count();
    let _ = writeln!(
        s,
        "\n{} rules, {} implemented in this version, {} planned.",
        cat.rules().len(),
        implemented,
        cat.rules().len() - implemented
    );
    s
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// Families in catalogue order with their titles (prefix of the id → heading).
fn family_title(family: &str) -> &'static str {
    match family {
        "XML" => "Structural and parse rules",
        "CSI-ENV" => "Envelope",
        "CSI-FAS" => "Phase header",
        "CSI-ANA" => "Assistito",
        "CSI-REL" => "Nucleo familiare, rete sociale, consultants",
        "CSI-ACC" => "Phase A — Accesso e orientamento",
        "CSI-VAL" => "Phase B — Valutazione del bisogno",
        "CSI-PRG" => "Phase C — Elaborazione del progetto individuale",
        "CSI-ERO" => "Phase D — Erogazione del servizio",
        "CSI-FIN" => "Phase E — Valutazione finale",
        "CSI-OPR" => "Operators",
        "CSI-DAT" => "Dates",
        "CSI-MON" => "Money",
        "CSI-COD" => "Code lists and open systems",
        "CSI-LCY" => "Lifecycle and phase order",
        "CSI-PRV" => "Privacy",
        "CSI-CMP" => "Field-compatibility reads",
        "CF" => "Codice fiscale",
        "SIUSS-PS" => "PS-PSA-SINA flow",
        "SIUSS-SINA" => "SINA block",
        "SIUSS-SINBA" => "SINBA flow",
        "SIUSS-WAAS" => "WaaS API",
        _ => "Other rules",
    }
}

/// The Markdown page `docs/src/rules.md`. Deterministic: no dates or versions of the build.
pub fn rules_markdown() -> String {
    let cat = catalogo();
    let mut s = String::new();
    let total = cat.rules().len();
    let implemented_count = cat.rules().iter().filter(|r| r.is_implemented()).count();
    let _ = writeln!(s, "# Rule catalogue\n");
    let _ = writeln!(
        s,
        "<!-- Generated by `cargo run -p cartella-cli -- rules --format markdown > docs/src/rules.md`. \
         Do not edit by hand: a test fails when this page differs from the command's output. -->\n"
    );
    let _ = writeln!(
        s,
        "{total} rules ({implemented_count} implemented in this version). Ids are stable; the \
         normative catalogue is `rules.md` / `rules.csv` of the specification, embedded in the crate. \
         **Status** says whether this version evaluates the rule (`implemented`) or whether it comes \
         with a later component (`planned`: XML readers, SIUSS flows, WaaS). Use \
         `cartella explain RULE_ID` for the messages and parameters of a rule.\n"
    );
    let _ = writeln!(s, "## Rule sets\n");
    let _ = writeln!(s, "| Rule set | Valid from | Valid to | Rules |");
    let _ = writeln!(s, "|---|---|---|---|");
    for set in cat.rulesets() {
        let d = |d: Option<chrono::NaiveDate>| {
            d.map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string())
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            set.name,
            d(set.valid_from),
            d(set.valid_to),
            set.rules
        );
    }
    let _ = writeln!(s);
    let mut current: Option<String> = None;
    for r in cat.rules() {
        let family = r.family().to_string();
        if current.as_deref() != Some(family.as_str()) {
            let _ = writeln!(s, "\n## {} (`{}-*`)\n", family_title(&family), family);
            let _ = writeln!(
                s,
                "| ID | Sev. | Profile | Check | Src | Reference | Rule set | Status |"
            );
            let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
            current = Some(family);
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.id,
            r.severity.as_str(),
            r.profile.as_str(),
            cell(&r.description),
            cell(&r.source_tags()),
            cell(&r.reference),
            r.ruleset,
            status(r)
        );
    }
    // Headings were written with a leading blank line; normalise runs of blank lines.
    let mut normalised = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        normalised.push_str(line);
        normalised.push('\n');
    }
    normalised
}

/// Runs `cartella explain`.
pub fn run_explain(args: ExplainArgs) -> ExitCode {
    let id = args.rule_id.trim().to_ascii_uppercase();
    let Some(rule) = catalogo().get(&id) else {
        eprintln!(
            "cartella explain: unknown rule id {:?} (see `cartella rules`)",
            args.rule_id
        );
        return ExitCode::from(2);
    };
    let text = match args.format {
        ExplainFormat::Json => {
            let mut s = serde_json::to_string_pretty(&rule_json(rule)).unwrap_or_default();
            s.push('\n');
            s
        }
        ExplainFormat::Text => explain_text(rule),
    };
    write_stdout(&text)
}

fn explain_text(r: &RuleDef) -> String {
    let mut s = String::new();
    let set = catalogo()
        .rulesets()
        .iter()
        .find(|set| set.name == r.ruleset);
    let _ = writeln!(s, "{} — {}", r.id, r.description);
    let _ = writeln!(s);
    let _ = writeln!(s, "  severity:    {}", r.severity);
    let _ = writeln!(s, "  profile:     {}", r.profile);
    match r.planned_reason() {
        None => {
            let _ = writeln!(s, "  status:      implemented in this version");
        }
        Some(reason) => {
            let _ = writeln!(s, "  status:      planned: {reason}");
        }
    }
    let evaluated = if cartella::lifecycle::RIFIUTI_API.contains(&r.id.as_str()) {
        "as a refusal of the lifecycle API (lifecycle::applica returns TransizioneIllegale)"
    } else {
        stage_description(r.stage)
    };
    let _ = writeln!(s, "  evaluated:   {evaluated}");
    let from = r.valid_from.map_or("no start date".to_string(), |d| {
        format!("in force from {}", d.format("%Y-%m-%d"))
    });
    let to = r.valid_to.map_or("no end date".to_string(), |d| {
        format!("until {}", d.format("%Y-%m-%d"))
    });
    let _ = writeln!(
        s,
        "  rule set:    {} ({from}, {to}{})",
        r.ruleset,
        set.map_or(String::new(), |set| format!(
            "; {} rules in the set",
            set.rules
        ))
    );
    let _ = writeln!(s, "  source:      {}", r.source_tags());
    let _ = writeln!(s, "  reference:   {}", r.reference);
    let _ = writeln!(
        s,
        "  parameters:  {}",
        if r.params.is_empty() {
            "none".to_string()
        } else {
            r.params.join(", ")
        }
    );
    if r.params.iter().any(|p| p == "cf" || p.starts_with("cf_")) {
        let _ = writeln!(
            s,
            "               (a codice fiscale parameter is always masked: RSSMRA*********U)"
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "  message (it): {}", r.message_it);
    let _ = writeln!(s, "  message (en): {}", r.message_en);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_lists_every_rule_once() {
        let md = rules_markdown();
        for r in catalogo().rules() {
            assert_eq!(md.matches(&format!("| {} |", r.id)).count(), 1, "{}", r.id);
        }
        assert!(!md.contains("\n\n\n"));
    }

    #[test]
    fn cells_are_escaped() {
        assert_eq!(cell("a | b"), "a \\| b");
    }
}
