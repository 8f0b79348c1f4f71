//! Helpers shared by the integration tests that need the official schemas.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Prints a loud banner for a check that did not run; under `CI` the skip is a failure.
pub fn salta(cosa: &str, msg: &str) {
    let msg = format!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !! SKIPPED: {msg}\n\
         !! {cosa} did NOT run.\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("{msg}");
}

/// The folder `sottocartella` of the reference schemas (`CARTELLA_REFERENCE_DIR`, default
/// `../shared/reference` beside the workspace) when it holds every file of `richiesti` and
/// `xmllint` runs; otherwise `None` after a loud [`salta`] naming `cosa`.
pub fn riferimento(sottocartella: &str, richiesti: &[&str], cosa: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CARTELLA_REFERENCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("../shared/reference")
        })
        .join(sottocartella);
    if !richiesti.iter().all(|f| dir.join(f).is_file()) {
        salta(
            cosa,
            &format!(
                "{} not found (CARTELLA_REFERENCE_DIR unset or wrong)",
                dir.display()
            ),
        );
        return None;
    }
    if Command::new("xmllint").arg("--version").output().is_err() {
        salta(cosa, "xmllint not found (apt-get install libxml2-utils)");
        return None;
    }
    Some(dir)
}
