//! The `SINA` block of a `PrestazioniSociali` (`SIUSS-SINA-001`…`-018`).

use super::{in_tabella, VerificaIncrementale};
use crate::siuss::flusso::{PrestazioniSociali, Sina};

/// An enumerated attribute: XSD name, JSON name, XSD type (INPS code list), rule, use, accessor.
pub(super) struct Enumerazione<T: 'static> {
    pub(super) json: &'static str,
    pub(super) tipo: &'static str,
    pub(super) regola: &'static str,
    pub(super) obbligatoria: bool,
    pub(super) valore: fn(&T) -> Option<&str>,
}

macro_rules! enumerazione {
    ($t:ty, $campo:ident, $tipo:literal, $regola:literal, $obbl:literal) => {
        Enumerazione::<$t> {
            json: stringify!($campo),
            tipo: $tipo,
            regola: $regola,
            obbligatoria: $obbl,
            valore: |x: &$t| x.$campo.as_deref(),
        }
    };
}
pub(super) use enumerazione;

/// The enumerated attributes of `SINAType`, in XSD order.
pub(super) const ENUMERAZIONI: &[Enumerazione<Sina>] = &[
    enumerazione!(Sina, mobilita, "MobilitaType", "SIUSS-SINA-001", true),
    enumerazione!(
        Sina,
        attivita_vita_quotidiana,
        "AttivitaVitaQuotidianaType",
        "SIUSS-SINA-002",
        true
    ),
    enumerazione!(
        Sina,
        disturbi_area_cognitiva,
        "DisturbiAreaCognitivaType",
        "SIUSS-SINA-003",
        false
    ),
    enumerazione!(
        Sina,
        disturbi_comportamentali,
        "DisturbiComportamentaliType",
        "SIUSS-SINA-004",
        true
    ),
    enumerazione!(
        Sina,
        necessita_cure_sanitarie,
        "NecessitaCureSanitarieType",
        "SIUSS-SINA-005",
        false
    ),
    enumerazione!(
        Sina,
        area_reddituale,
        "AreaRedditualeType",
        "SIUSS-SINA-006",
        true
    ),
    enumerazione!(
        Sina,
        area_supporto,
        "AreaSupportoType",
        "SIUSS-SINA-007",
        true
    ),
    enumerazione!(
        Sina,
        fonte_derivazione_valutazione,
        "FonteDerivazioneValutazioneType",
        "SIUSS-SINA-008",
        true
    ),
    enumerazione!(
        Sina,
        strumento_valutazione,
        "StrumentoValutazioneType",
        "SIUSS-SINA-009",
        true
    ),
    enumerazione!(
        Sina,
        fonte_derivazione_invalidita,
        "FonteDerivazioneInvaliditaType",
        "SIUSS-SINA-010",
        false
    ),
];

impl VerificaIncrementale<'_> {
    /// SINA rules of prestazione `j` of beneficiary `i`: attachment (014–016) and the block.
    pub(super) fn verifica_sina_prestazione(
        &mut self,
        i: usize,
        j: usize,
        p: &PrestazioniSociali,
        codice: Option<&str>,
        presa: Option<&str>,
        area: Option<&str>,
    ) {
        let applicabile = codice.is_some_and(|c| self.attributi.sina_applicabile.contains(&c));
        let Some(s) = &p.sina else {
            if presa == Some("1") && area == Some("2") && applicabile {
                self.ctx.emit(
                    "SIUSS-SINA-016",
                    format!("/beneficiari/{i}/prestazioni_sociali/{j}"),
                    [],
                );
            }
            return;
        };
        // Paths are built only when a finding is raised.
        let base = || format!("/beneficiari/{i}/prestazioni_sociali/{j}/sina");
        if presa == Some("2") {
            self.ctx.emit("SIUSS-SINA-014", base(), []);
        }
        if area != Some("2") && !applicabile {
            self.ctx.emit("SIUSS-SINA-015", base(), []);
        }
        let ps = |campo: &str| format!("/beneficiari/{i}/prestazioni_sociali/{j}/sina/{campo}");
        for (e, t) in ENUMERAZIONI.iter().zip(&self.tabelle.sina) {
            match (e.valore)(s) {
                None if e.obbligatoria => self.ctx.emit(e.regola, ps(e.json), []),
                Some(v) if !in_tabella(*t, v) => self.ctx.emit(e.regola, ps(e.json), []),
                _ => {}
            }
        }
        if let Some(n) = &s.necessita_interventi_sociali {
            if n.codici_prestazione.is_empty() {
                self.ctx.emit(
                    "SIUSS-SINA-011",
                    ps("necessita_interventi_sociali/codici_prestazione"),
                    [],
                );
            }
            for (k, c) in n.codici_prestazione.iter().enumerate() {
                if !super::lessico::lunghezza_tra(c, 5, 10) {
                    self.ctx.emit(
                        "SIUSS-SINA-011",
                        ps(&format!(
                            "necessita_interventi_sociali/codici_prestazione/{k}"
                        )),
                        [],
                    );
                }
            }
        }
        if let Some(inv) = &s.invalidita_civile {
            let codici = &inv.inv_civ;
            if codici.is_empty() {
                self.ctx
                    .emit("SIUSS-SINA-012", ps("invalidita_civile/inv_civ"), []);
            } else if s.fonte_derivazione_invalidita.is_none() {
                self.ctx.emit("SIUSS-SINA-013", ps("invalidita_civile"), []);
            }
            for (k, c) in codici.iter().enumerate() {
                let pk = || ps(&format!("invalidita_civile/inv_civ/{k}"));
                if !in_tabella(self.tabelle.inv_civ, c) {
                    self.ctx.emit("SIUSS-SINA-012", pk(), []);
                }
                if codici[..k].contains(c) {
                    self.ctx.emit("SIUSS-SINA-017", pk(), []);
                }
            }
            if codici.iter().any(|c| c == "2") && codici.iter().any(|c| c == "3") {
                self.ctx.emit("SIUSS-SINA-018", ps("invalidita_civile"), []);
            }
        }
    }
}
