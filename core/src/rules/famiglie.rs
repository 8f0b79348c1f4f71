//! Dispatch of the canonical rule families (`CSI-*` except `CMP`/`ENV`, and `CF-*`).
//!
//! Each family lives in a module of its own exposing `check(ctx, cartella, base)` (`base` is the
//! JSON Pointer of the cartella inside the validated document: `""` for a cartella, `/cartella`
//! for an interchange message) and `RULES`, the ids it implements.

use super::engine::Ctx;
use super::{
    accesso, anagrafica, cf, codici, date, erogazione, fasi, finale, importi, operatori, privacy,
    progetto, relazioni, valutazione,
};
use crate::model::{Cartella, MessaggioInterscambio};

type Check = fn(&mut Ctx<'_>, &Cartella, &str);

/// The families, in evaluation order, with the rule ids each implements.
const FAMIGLIE: &[(Check, &[&str])] = &[
    (fasi::check, fasi::RULES),
    (anagrafica::check, anagrafica::RULES),
    (relazioni::check, relazioni::RULES),
    (accesso::check, accesso::RULES),
    (valutazione::check, valutazione::RULES),
    (progetto::check, progetto::RULES),
    (erogazione::check, erogazione::RULES),
    (finale::check, finale::RULES),
    (operatori::check, operatori::RULES),
    (date::check, date::RULES),
    (importi::check, importi::RULES),
    (codici::check, codici::RULES),
    (cf::check, cf::RULES),
    (crate::lifecycle::check, crate::lifecycle::RULES),
    (privacy::check, privacy::RULES),
];

/// Ids of every rule the canonical validator implements, sorted.
pub static IMPLEMENTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut ids: Vec<&'static str> = FAMIGLIE
        .iter()
        .flat_map(|(_, rules)| rules.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
});

/// Runs every family on a cartella.
pub(crate) fn valida_cartella(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for (check, _) in FAMIGLIE {
        check(ctx, cartella, base);
    }
}

/// Runs every family on the cartella of an interchange message.
pub(crate) fn valida_messaggio(ctx: &mut Ctx<'_>, messaggio: &MessaggioInterscambio) {
    valida_cartella(ctx, &messaggio.cartella, "/cartella");
}
