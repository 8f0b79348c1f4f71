//! Rule family (being written).

use super::engine::Ctx;
use crate::model::Cartella;

/// Ids of the rules implemented here.
pub(crate) const RULES: &[&str] = &[];

/// Runs the family.
pub(crate) fn check(_ctx: &mut Ctx<'_>, _cartella: &Cartella, _base: &str) {}
