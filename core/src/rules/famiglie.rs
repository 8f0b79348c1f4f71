//! Dispatch of the canonical rule families (`CSI-*` except `CMP`/`ENV`, and `CF-*`).
//!
//! Each family lives in a module of its own exposing `check(ctx, cartella, base)` (`base` is the
//! JSON Pointer of the cartella inside the validated document: `""` for a cartella, `/cartella`
//! for an interchange message) and `RULES`, the ids it implements.

use super::catalogo::{RuleDef, Stage};
use super::engine::Ctx;
use super::{
    accesso, anagrafica, cf, codici, date, erogazione, fasi, finale, importi, operatori, privacy,
    progetto, relazioni, valutazione,
};
use crate::model::{Cartella, MessaggioInterscambio};

type Check = fn(&mut Ctx<'_>, &Cartella, &str);

/// One rule family: its check, the ids it implements, and the ids of its area that are raised
/// elsewhere (by the XML codecs, by API refusals), each with the reason.
struct Famiglia {
    check: Check,
    rules: &'static [&'static str],
    deferred: &'static [(&'static str, &'static str)],
}

macro_rules! famiglia {
    ($($m:ident)::+) => {
        Famiglia { check: $($m)::+::check, rules: $($m)::+::RULES, deferred: $($m)::+::DEFERRED }
    };
}

/// The families, in evaluation order.
const FAMIGLIE: &[Famiglia] = &[
    famiglia!(fasi),
    famiglia!(anagrafica),
    famiglia!(relazioni),
    famiglia!(accesso),
    famiglia!(valutazione),
    famiglia!(progetto),
    famiglia!(erogazione),
    famiglia!(finale),
    famiglia!(operatori),
    famiglia!(date),
    famiglia!(importi),
    famiglia!(codici),
    famiglia!(cf),
    famiglia!(crate::lifecycle),
    famiglia!(privacy),
];

/// Ids of every rule the canonical validator implements, sorted.
pub static IMPLEMENTED: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut ids: Vec<&'static str> = FAMIGLIE
        .iter()
        .flat_map(|f| f.rules.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
});

/// Rules of the canonical families that are raised elsewhere (XML readers and writers, API
/// refusals), with the reason, sorted by id.
pub static DEFERRED: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        let mut ids: Vec<(&'static str, &'static str)> = FAMIGLIE
            .iter()
            .flat_map(|f| f.deferred.iter().copied())
            .collect();
        ids.sort_unstable();
        ids
    });

impl RuleDef {
    /// Whether this version raises the rule: on the canonical model, while reading or writing
    /// the HL7 interscambio or the INPS flows, on WaaS API inputs, or as a refusal of the
    /// lifecycle API ([`crate::lifecycle::RIFIUTI_API`]).
    pub fn is_implemented(&self) -> bool {
        let id = self.id.as_str();
        (self.stage == Stage::Canonical && IMPLEMENTED.binary_search(&id).is_ok())
            || crate::interscambio::scrittore::RULES.contains(&id)
            || crate::interscambio::lettore::RULES.contains(&id)
            || crate::siuss::waas::RULES.contains(&id)
            || crate::siuss::regole::RULES.contains(&id)
            || crate::siuss::deriva::RULES.contains(&id)
            || crate::lifecycle::RIFIUTI_API.contains(&id)
    }

    /// Why a rule is not evaluated by this version and what will raise it; `None` when it is.
    pub fn planned_reason(&self) -> Option<&'static str> {
        if self.is_implemented() {
            return None;
        }
        if let Some((_, reason)) = DEFERRED.iter().find(|(id, _)| *id == self.id) {
            return Some(reason);
        }
        Some(match self.stage {
            Stage::Xml => {
                "raised by the XML readers (HL7 interscambio, INPS flows), which come with later components"
            }
            Stage::Siuss => "raised on INPS flows, which come with a later component",
            Stage::Waas => "raised on WaaS API inputs and outputs, which come with a later component",
            Stage::Canonical => "not evaluated by this version",
        })
    }
}

/// Runs every family on a cartella.
pub(crate) fn valida_cartella(ctx: &mut Ctx<'_>, cartella: &Cartella, base: &str) {
    for famiglia in FAMIGLIE {
        (famiglia.check)(ctx, cartella, base);
    }
}

/// Runs every family on the cartella of an interchange message.
pub(crate) fn valida_messaggio(ctx: &mut Ctx<'_>, messaggio: &MessaggioInterscambio) {
    valida_cartella(ctx, &messaggio.cartella, "/cartella");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::catalogo;

    /// Every `CF-*` and canonical `CSI-*` rule of the catalogue is either implemented by exactly
    /// one family or explicitly deferred with a reason; never both, never neither.
    #[test]
    fn every_canonical_rule_is_implemented_or_deferred() {
        let deferred: Vec<&str> = DEFERRED.iter().map(|(id, _)| *id).collect();
        let mut seen = std::collections::HashSet::new();
        for f in FAMIGLIE {
            for id in f.rules {
                assert!(seen.insert(*id), "{id} implemented by two families");
            }
        }
        for rule in catalogo()
            .rules()
            .iter()
            .filter(|r| r.stage == Stage::Canonical)
        {
            let id = rule.id.as_str();
            let implemented = IMPLEMENTED.contains(&id);
            let is_deferred = deferred.contains(&id);
            assert!(
                implemented != is_deferred,
                "{id}: implemented={implemented} deferred={is_deferred}"
            );
        }
        for (id, reason) in DEFERRED.iter() {
            assert!(
                catalogo().get(id).is_some(),
                "deferred {id} not in the catalogue"
            );
            assert!(!reason.trim().is_empty(), "deferred {id} without a reason");
        }
        for id in IMPLEMENTED.iter() {
            assert!(
                catalogo()
                    .get(id)
                    .is_some_and(|r| r.stage == Stage::Canonical),
                "{id}"
            );
        }
    }
}
