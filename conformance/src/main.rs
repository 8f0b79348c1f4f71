//! The `cartella` command-line tool.
//!
//! - `cartella validate [--samples] [--profile P] [--as-of DATE] [--format text|json] FILE...`
//!   (canonical JSON or interscambio XML, detected from the content)
//! - `cartella convert --to json|xml [--compat] FILE [-o OUT]`
//! - `cartella ack FILE [-o OUT] [--profile P] [--as-of DATE]`
//! - `cartella rules [--format text|json|markdown]`
//! - `cartella explain RULE_ID`
//! - `cartella cf check|decode ...`
//! - `cartella siuss export --kind ps|sinba [--channel waas|cooperazione|upload] FILE... [-o OUT]`
//! - `cartella siuss check [--channel waas|cooperazione|upload] [--format text|json] FILE...`
//! - `cartella siuss flussi --since MS [--limit N] DIR`
//! - `cartella conformance run DIR [--profile P] [--as-of D] [--out OUT]` (exit status: `0` the
//!   directory conforms, `1` it does not, `2` usage error or missing directory)
//! - `cartella conformance self-test [--manifest PATH] [--format text|json] [--record]`
//! - `cartella conformance trace [--manifest PATH] [--format markdown|json|gaps]`
//!
//! Exit status: `0` success; `1` some document has an error-severity finding (for `--samples`: some
//! sample did not meet its documented expectation); `2` usage error, unknown rule id, or a document
//! that cannot be read or parsed.
//!
//! The binary uses mimalloc as its global allocator (cargo feature `mimalloc`, on by default; build
//! with `--no-default-features` for the system allocator). The `cartella` library itself never
//! chooses an allocator.

use std::process::ExitCode;

use clap::Parser;

mod ack_cmd;
mod cf_cmd;
mod conformance_cmd;
mod conformance_report;
mod conformance_suite;
mod convert_cmd;
mod documento;
mod output;
mod rules_cmd;
mod siuss_cmd;
mod validate_cmd;

/// mimalloc: faster than the system allocator on the many small allocations of reading and
/// validating documents (the benchmarks in `core/benches` use it too). Feature `mimalloc`.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Command line of `cartella`.
#[derive(Debug, Parser)]
#[command(
    name = "cartella",
    version,
    about = "Cartella Sociale Informatizzata (Regione Lombardia) reference tool",
    long_about = "Cartella Sociale Informatizzata (Regione Lombardia, d.g.r. X/5499/2016) reference tool: \
                  validates canonical JSON cartelle and interscambio XML messages, converts between them, \
                  writes interscambio acknowledgements, lists and explains the rule catalogue, checks \
                  and decodes codici fiscali, handles the INPS flows and certifies vendors' export \
                  directories (`conformance run`).\n\nExit status: 0 success; 1 a document has an \
                  error-severity finding; 2 usage error or a document that cannot be read or parsed."
)]
enum Cli {
    /// Validate canonical JSON cartelle or interscambio XML messages (format detected from the
    /// content), or the embedded samples, and report the findings.
    Validate(validate_cmd::ValidateArgs),
    /// Convert between canonical JSON and the interscambio XML `PRSS_IN001004ZZ`.
    Convert(convert_cmd::ConvertArgs),
    /// Validate a received interscambio message and write its acknowledgement `MCCI_IN000002UV01`.
    Ack(ack_cmd::AckArgs),
    /// List every rule of the catalogue.
    Rules(rules_cmd::RulesArgs),
    /// Explain one rule: messages, parameters, rule set and dates.
    Explain(rules_cmd::ExplainArgs),
    /// Check or decode codici fiscali.
    Cf(cf_cmd::CfArgs),
    /// INPS national flows (SIUSS PS-PSA-SINA and SINBA) and the WaaS API: export, check, flussi.
    Siuss(siuss_cmd::SiussArgs),
    /// Certification: validate a vendor's export directory and write HTML, JSON and JUnit
    /// reports (`conformance run DIR`).
    Conformance(conformance_cmd::ConformanceArgs),
}

fn main() -> ExitCode {
    match Cli::parse() {
        Cli::Validate(args) => validate_cmd::run(args),
        Cli::Convert(args) => convert_cmd::run(args),
        Cli::Ack(args) => ack_cmd::run(args),
        Cli::Rules(args) => rules_cmd::run_rules(args),
        Cli::Explain(args) => rules_cmd::run_explain(args),
        Cli::Cf(args) => cf_cmd::run(args),
        Cli::Siuss(args) => siuss_cmd::run(args),
        Cli::Conformance(args) => conformance_cmd::run(args),
    }
}
