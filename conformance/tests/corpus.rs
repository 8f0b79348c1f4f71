//! The Rust runner of the conformance suite: one trial per case of `conformance/manifest.json`
//! (draft cases are listed as ignored), run through `cartella::conformita::esegui`. A case listed
//! in `conformance/expected-failures/rust.txt` must fail (and passes the trial when it does); the
//! list must stay empty unless a note explains an entry (enforced by `corpus_coverage.rs`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use cartella::conformita::{confronta, esegui, Manifest};
use libtest_mimic::{Arguments, Failed, Trial};

fn radice() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The ids of `expected-failures/rust.txt` (text before `#`, trimmed, non-empty).
fn fallimenti_attesi() -> HashSet<String> {
    std::fs::read_to_string(radice().join("expected-failures/rust.txt"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn main() {
    let args = Arguments::from_args();
    let testo = std::fs::read_to_string(radice().join("manifest.json")).unwrap_or_default();
    let manifest = match Manifest::da_json(&testo) {
        Ok(m) => m,
        Err(e) => {
            let trial = Trial::test("manifest", move || Err(Failed::from(e)));
            libtest_mimic::run(&args, vec![trial]).exit();
        }
    };
    let attesi = fallimenti_attesi();
    let trials = manifest
        .casi
        .into_iter()
        .map(|caso| {
            let id = caso.id.clone();
            let atteso_fallimento = attesi.contains(&id);
            let attivo = caso.attivo();
            let kind = caso.tipo.as_str();
            Trial::test(id, move || {
                let path = radice().join(&caso.input);
                let bytes =
                    std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", caso.input))?;
                let esito = esegui(&caso, &bytes).map(|e| confronta(&caso.atteso, &e));
                let fallito = match &esito {
                    Ok(None) => None,
                    Ok(Some(d)) => Some(format!("{d:#?}")),
                    Err(e) => Some(format!("cannot run: {e}")),
                };
                match (fallito, atteso_fallimento) {
                    (None, false) | (Some(_), true) => Ok(()),
                    (Some(m), false) => Err(m.into()),
                    (None, true) => Err("listed in expected-failures/rust.txt but passes: \
                                         remove it from the list"
                        .into()),
                }
            })
            .with_kind(kind)
            .with_ignored_flag(!attivo)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
