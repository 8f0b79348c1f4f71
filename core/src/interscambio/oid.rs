//! OID registry of the interchange message (`interscambio.md` §14): the OIDs written by default,
//! the alternates accepted on read, and the 4-letter item keys of the `reference` /
//! `component2/observation` items of every phase.
//!
//! Shared by the writer and the reader. Every OID is data: [`TabellaOid`] overrides any default
//! (writer option `oid_table`).

use std::collections::BTreeMap;

use crate::model::TipoFase;

/// Regional prefix `P` of the interchange OIDs (`2.16.840.1.113883.2.9.2.30.3.2.3.1`).
pub const P: &str = "2.16.840.1.113883.2.9.2.30.3.2.3.1";

macro_rules! p {
    ($s:literal) => {
        concat!("2.16.840.1.113883.2.9.2.30.3.2.3.1.", $s)
    };
}

/// Root of message and device ids (`/id`, `device/id`).
pub const RADICE_MESSAGGIO: &str = "2.16.840.1.113883.2.9.2.30.3.2.4.3";
/// Root of phase-record ids (`encounterEvent/id`).
pub const RADICE_FASE: &str = "2.16.840.1.113883.2.9.2.30.3.2";
/// Phase code system (`encounterEvent/code`, `P.1.1`).
pub const CODICE_FASE: &str = p!("1.1");
/// Esito fase (`dischargeDispositionCode`, `P.1.2`).
pub const ESITO_FASE: &str = p!("1.2");
/// Tipologia ente segnalante (`P.1.5`).
pub const TIPOLOGIA_ENTE_SEGNALANTE: &str = p!("1.5");
/// Tipo documento di identità (`P.1.6`).
pub const TIPO_DOCUMENTO: &str = p!("1.6");
/// Estremi documento di identità, id root (`P.1.7`).
pub const ESTREMI_DOCUMENTO: &str = p!("1.7");
/// Ambito di residenza, id root (`P.1.8`).
pub const AMBITO: &str = p!("1.8");
/// Bisogno espresso (`P.1.9`).
pub const BISOGNO_ESPRESSO: &str = p!("1.9");
/// Ente (COER value system and ente segnalante id root, `P.1.20`).
pub const ENTE: &str = p!("1.20");
/// Relation type: nucleo familiare (`P.1.22`).
pub const RELAZIONE_NUCLEO: &str = p!("1.22");
/// Relation type: rete sociale (`P.1.23`).
pub const RELAZIONE_RETE: &str = p!("1.23");
/// Tipologia assistente personale (`P.1.24`).
pub const ASSISTENTE_PERSONALE: &str = p!("1.24");
/// Profilo responsabile valutazione (`P.2.1`).
pub const PROFILO_RESPONSABILE_VALUTAZIONE: &str = p!("2.1");
/// Profilo case manager (`P.2.18`, shared with COPA).
pub const PROFILO_CASE_MANAGER: &str = p!("2.18");
/// Codice progetto, id root (`P.3.1`).
pub const CODICE_PROGETTO: &str = p!("3.1");
/// Profilo responsabile progetto (`P.3.2`).
pub const PROFILO_RESPONSABILE_PROGETTO: &str = p!("3.2");
/// Profilo responsabile monitoraggio (`P.3.3`).
pub const PROFILO_RESPONSABILE_MONITORAGGIO: &str = p!("3.3");
/// Codice obiettivo (`P.3.9`).
pub const OBIETTIVO: &str = p!("3.9");
/// Codice prestazione (`P.4.17`).
pub const PRESTAZIONE: &str = p!("4.17");
/// Luogo prestazione (`P.4.18`; also the alternate profilo erogante OID).
pub const LUOGO_PRESTAZIONE: &str = p!("4.18");
/// Profilo operatore erogante (`P.4.19`).
pub const PROFILO_EROGANTE: &str = p!("4.19");
/// ATS and ASST codes (shared root).
pub const ATS_ASST: &str = "2.16.840.1.113883.2.9.2.30.4.11";
/// Codice fiscale (every person).
pub const CODICE_FISCALE: &str = "2.16.840.1.113883.2.9.4.3.2";
/// Codice fiscale of the assistito in the reference implementation (option `patient_cf_root`).
pub const CODICE_FISCALE_ASSISTITO_SISO: &str = "2.16.840.1.113883.2.9.4.1.2";
/// Tessera TEAM.
pub const TESSERA_TEAM: &str = "2.16.840.1.113883.2.9.4.1.4";
/// Comune di nascita code system (ISTAT).
pub const COMUNE_NASCITA: &str = "2.16.840.1.113883.2.9.4.2.3";
/// Cittadinanza.
pub const CITTADINANZA: &str = "2.16.840.1.113883.2.9.6.2.5";
/// Titolo di studio.
pub const TITOLO_STUDIO: &str = "2.16.840.1.113883.2.9.6.2.8";
/// HL7 AdministrativeGender.
pub const GENERE: &str = "2.16.840.1.113883.5.1";
/// HL7 MaritalStatus.
pub const STATO_CIVILE: &str = "2.16.840.1.113883.5.2";
/// HL7 interaction ids.
pub const INTERAZIONI_HL7: &str = "2.16.840.1.113883.1.6";

/// How the value of an item is written (`interscambio.md` §3.5, §3.7, §7.6–§11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormaValore {
    /// Coded value: `value code codeSystem type="CD"`.
    Codice,
    /// Narrative: `text`.
    Testo,
    /// Money: `value code type="MO" currency` (§3.5).
    Importo,
    /// Coded ANY item: `value code codeSystem type="ANY"` (§3.7).
    AnyCodice,
    /// Date ANY item: `value code="{TS}" type="ANY"` (§3.7).
    AnyData,
    /// Name ANY item (DEER): `value code="{name}" type="ANY"` (§3.7).
    AnyNome,
}

/// One item of a phase: its key, default OID, accepted alternates and value form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoceItem {
    /// Phase kind that owns the item (the same key may exist in two phases: AMIR).
    pub fase: TipoFase,
    /// 4-letter key written in `code/@code`.
    pub chiave: &'static str,
    /// OID written in `code/@codeSystem` by default (`None`: no `@codeSystem`).
    pub oid: Option<&'static str>,
    /// Other OIDs accepted on read as presumed alternates (info `CSI-CMP-017`).
    pub alternati: &'static [&'static str],
    /// Value form.
    pub forma: FormaValore,
}

macro_rules! voce {
    ($fase:ident, $k:literal, None, [$($alt:expr),*], $forma:ident) => {
        VoceItem { fase: TipoFase::$fase, chiave: $k, oid: None, alternati: &[$($alt),*], forma: FormaValore::$forma }
    };
    ($fase:ident, $k:literal, $oid:literal, [$($alt:expr),*], $forma:ident) => {
        VoceItem { fase: TipoFase::$fase, chiave: $k, oid: Some(p!($oid)), alternati: &[$($alt),*], forma: FormaValore::$forma }
    };
}

/// Every item of §7.6, §8.2, §9.2, §10 and §11, in the order the writer emits them per phase.
pub static ITEMS: &[VoceItem] = VOCI;

/// The table of [`ITEMS`], as a constant (for [`INTERVALLI`]).
const VOCI: &[VoceItem] = &[
    // A — §7.6
    voce!(Accesso, "TIRI", "1.3", [], Codice),
    voce!(Accesso, "MOCO", "1.3", [p!("1.4")], Codice),
    voce!(Accesso, "AMIR", "1.10", [], Codice),
    voce!(Accesso, "CONF", "1.11", [], Codice),
    voce!(Accesso, "NUNF", "1.12", [], Codice),
    voce!(Accesso, "NURS", "1.13", [], Codice),
    voce!(Accesso, "PROV", "1.14", [], Codice),
    voce!(Accesso, "ARRE", "1.15", [], Codice),
    voce!(Accesso, "DSU0", "1.16", [], Codice),
    voce!(Accesso, "TIIS", "1.16", [p!("1.17")], Codice),
    voce!(Accesso, "ISEE", "1.18", [], Importo),
    voce!(Accesso, "OCAS", "1.19", [], Codice),
    voce!(Accesso, "COER", "1.20", [], Codice),
    voce!(Accesso, "DEER", None, [p!("1.21")], AnyNome),
    // B — §8.2
    voce!(ValutazioneBisogno, "AMIR", "2.2", [], Codice),
    voce!(ValutazioneBisogno, "ESTI", "2.3", [], Codice),
    voce!(ValutazioneBisogno, "DSGI", None, [p!("2.4")], Testo),
    voce!(ValutazioneBisogno, "SSGE", "2.5", [], Testo),
    voce!(ValutazioneBisogno, "INVA", "2.6", [], Codice),
    voce!(ValutazioneBisogno, "INFR", "2.7", [], Codice),
    voce!(ValutazioneBisogno, "PRSI", "2.8", [], Codice),
    voce!(ValutazioneBisogno, "APIC", "2.9", [], Codice),
    voce!(ValutazioneBisogno, "UTPP", "2.10", [], Codice),
    voce!(ValutazioneBisogno, "PACO", "2.11", [], Testo),
    voce!(ValutazioneBisogno, "POPA", "2.12", [], Codice),
    voce!(ValutazioneBisogno, "MOAF", "2.13", [], Codice),
    voce!(ValutazioneBisogno, "VNCS", "2.14", [], Codice),
    voce!(ValutazioneBisogno, "NISS", "2.15", [], Codice),
    voce!(ValutazioneBisogno, "NISO", "2.16", [], Codice),
    voce!(ValutazioneBisogno, "FODV", "2.17", [], Codice),
    voce!(ValutazioneBisogno, "COPA", "2.18", [], Codice),
    // C — §9.2
    voce!(ProgettoIndividuale, "FRPR", "3.4", [], AnyCodice),
    voce!(ProgettoIndividuale, "SESP", "3.5", [], AnyCodice),
    voce!(ProgettoIndividuale, "INAS", "3.6", [], AnyCodice),
    voce!(ProgettoIndividuale, "VAPR", "3.7", [], Importo),
    voce!(ProgettoIndividuale, "COEA", "3.8", [], Importo),
    // D — §10
    voce!(ErogazioneServizio, "DSFR", "4.2", [], Testo),
    voce!(ErogazioneServizio, "UDOS", "4.1", [], Codice),
    voce!(ErogazioneServizio, "SOER", "4.3", [], Codice),
    voce!(ErogazioneServizio, "MOER", "4.4", [], Codice),
    voce!(ErogazioneServizio, "ARIS", "4.5", [], Codice),
    voce!(ErogazioneServizio, "SEER", "4.6", [], Codice),
    voce!(ErogazioneServizio, "DAAS", "4.7", [], AnyData),
    voce!(ErogazioneServizio, "DACS", "4.8", [], AnyData),
    voce!(ErogazioneServizio, "DAIS", "4.9", [], AnyData),
    voce!(ErogazioneServizio, "DAFS", "4.10", [], AnyData),
    voce!(ErogazioneServizio, "MOSO", "4.11", [], Codice),
    voce!(ErogazioneServizio, "VMBS", "4.12", [], Importo),
    voce!(ErogazioneServizio, "TIVS", "4.13", [], Codice),
    voce!(ErogazioneServizio, "VAVO", "4.14", [], Importo),
    voce!(ErogazioneServizio, "IMER", "4.15", [], Importo),
    voce!(ErogazioneServizio, "RIRE", "4.16", [], Importo),
    // E — §11
    voce!(ValutazioneFinale, "DAVF", "5.1", [], AnyData),
    voce!(ValutazioneFinale, "VAFI", "5.2", [], Testo),
    voce!(ValutazioneFinale, "MOCP", "5.3", [], AnyCodice),
    voce!(ValutazioneFinale, "RIEF", "5.4", [], Importo),
    voce!(ValutazioneFinale, "RIRA", "5.5", [], Testo),
    voce!(ValutazioneFinale, "RINR", "5.6", [], Testo),
    voce!(ValutazioneFinale, "NUPR", "5.7", [], Codice),
];

/// The item of a phase kind with a key (`None` for an unknown key).
///
/// ```
/// use cartella::interscambio::oid::{item, FormaValore};
/// use cartella::model::TipoFase;
/// let isee = item(TipoFase::Accesso, "ISEE").unwrap();
/// assert_eq!(isee.oid, Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.18"));
/// assert_eq!(isee.forma, FormaValore::Importo);
/// assert!(item(TipoFase::ValutazioneBisogno, "ISEE").is_none());
/// ```
pub fn item(fase: TipoFase, chiave: &str) -> Option<&'static VoceItem> {
    let (da, a) = INTERVALLI[indice_fase(fase)];
    let voci = ITEMS.get(da..a).unwrap_or_default();
    // Keys are 4 bytes: compare them as one word (no `memcmp` call per entry).
    if let Ok(k) = <[u8; 4]>::try_from(chiave.as_bytes()) {
        let k = u32::from_ne_bytes(k);
        return voci.iter().find(|v| {
            v.fase == fase
                && <[u8; 4]>::try_from(v.chiave.as_bytes())
                    .is_ok_and(|c| u32::from_ne_bytes(c) == k)
        });
    }
    voci.iter().find(|v| v.fase == fase && v.chiave == chiave)
}

const fn indice_fase(fase: TipoFase) -> usize {
    match fase {
        TipoFase::Accesso => 0,
        TipoFase::ValutazioneBisogno => 1,
        TipoFase::ProgettoIndividuale => 2,
        TipoFase::ErogazioneServizio => 3,
        TipoFase::ValutazioneFinale => 4,
    }
}

/// Per phase kind, the smallest range of [`ITEMS`] (computed on [`VOCI`]) holding all its items.
const INTERVALLI: [(usize, usize); 5] = {
    let mut r = [(usize::MAX, 0); 5];
    let mut i = 0;
    while i < VOCI.len() {
        let k = indice_fase(VOCI[i].fase);
        if i < r[k].0 {
            r[k].0 = i;
        }
        r[k].1 = i + 1;
        i += 1;
    }
    let mut k = 0;
    while k < 5 {
        if r[k].0 > r[k].1 {
            r[k].0 = r[k].1;
        }
        k += 1;
    }
    r
};

/// Key of an item in a [`TabellaOid`]: the phase letter, a dot and the item key (`A.TIRI`).
pub fn chiave_item(fase: TipoFase, chiave: &str) -> String {
    format!("{}.{chiave}", fase.lettera())
}

/// Whether `oid` is accepted on read for an item: its default, or one of its alternates.
pub fn accettato(voce: &VoceItem, oid: &str) -> bool {
    voce.oid == Some(oid) || voce.alternati.contains(&oid)
}

/// OID table used by the writer: the §14 defaults plus caller overrides (writer option
/// `oid_table`).
///
/// Overrides are keyed by [`chiave_item`] for items (`A.MOCO`, value `None` = write no
/// `@codeSystem`) or by the name of a fixed OID constant of this module (`RADICE_MESSAGGIO`,
/// `PROFILO_CASE_MANAGER`, …).
///
/// ```
/// use cartella::interscambio::oid::TabellaOid;
/// use cartella::model::TipoFase;
/// let t = TabellaOid::default().con("A.MOCO", Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.4"));
/// assert_eq!(t.item(TipoFase::Accesso, "MOCO"), Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.4"));
/// assert_eq!(t.item(TipoFase::Accesso, "TIRI"), Some("2.16.840.1.113883.2.9.2.30.3.2.3.1.1.3"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TabellaOid {
    sostituzioni: BTreeMap<String, Option<String>>,
}

impl TabellaOid {
    /// Adds (or replaces) an override.
    pub fn con(mut self, chiave: impl Into<String>, oid: Option<&str>) -> Self {
        self.sostituzioni
            .insert(chiave.into(), oid.map(str::to_string));
        self
    }

    /// The overrides, by key.
    pub fn sostituzioni(&self) -> &BTreeMap<String, Option<String>> {
        &self.sostituzioni
    }

    /// OID written for an item (`None`: no `@codeSystem`; unknown item: `None`).
    pub fn item(&self, fase: TipoFase, chiave: &str) -> Option<&str> {
        match self.sostituzioni.get(&chiave_item(fase, chiave)) {
            Some(o) => o.as_deref(),
            None => item(fase, chiave).and_then(|v| v.oid),
        }
    }

    /// OID written for a fixed use, given the constant's name and its default value.
    pub fn fisso<'a>(&'a self, nome: &str, predefinito: &'a str) -> &'a str {
        match self.sostituzioni.get(nome) {
            Some(Some(o)) => o,
            _ => predefinito,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_unique_per_phase_and_under_p() {
        for (i, a) in ITEMS.iter().enumerate() {
            for b in &ITEMS[i + 1..] {
                assert!(!(a.fase == b.fase && a.chiave == b.chiave), "{}", a.chiave);
            }
            if let Some(o) = a.oid {
                assert!(o.starts_with(P), "{o}");
            }
        }
        assert_eq!(ITEMS.len(), 14 + 17 + 5 + 16 + 7);
    }

    #[test]
    fn item_lookup_matches_a_linear_search() {
        let fasi = [
            TipoFase::Accesso,
            TipoFase::ValutazioneBisogno,
            TipoFase::ProgettoIndividuale,
            TipoFase::ErogazioneServizio,
            TipoFase::ValutazioneFinale,
        ];
        let mut chiavi: Vec<&str> = ITEMS.iter().map(|v| v.chiave).collect();
        chiavi.extend(["", "A", "AMI", "AMIRX", "amir", "ZZZZ"]);
        for f in fasi {
            for k in &chiavi {
                let atteso = ITEMS.iter().find(|v| v.fase == f && v.chiave == *k);
                assert_eq!(item(f, k), atteso, "{f:?} {k}");
            }
        }
    }

    #[test]
    fn shared_and_missing_oids_follow_section_14() {
        assert_eq!(
            item(TipoFase::Accesso, "TIRI").and_then(|v| v.oid),
            item(TipoFase::Accesso, "MOCO").and_then(|v| v.oid)
        );
        assert_eq!(item(TipoFase::Accesso, "DEER").and_then(|v| v.oid), None);
        assert_eq!(
            item(TipoFase::ValutazioneBisogno, "DSGI").and_then(|v| v.oid),
            None
        );
        assert_eq!(
            item(TipoFase::ValutazioneBisogno, "COPA").and_then(|v| v.oid),
            Some(PROFILO_CASE_MANAGER)
        );
        let moco = item(TipoFase::Accesso, "MOCO").expect("MOCO");
        assert!(accettato(moco, p!("1.4")));
        assert!(!accettato(moco, p!("1.5")));
        let t = TabellaOid::default()
            .con("A.DEER", Some(p!("1.21")))
            .con("RADICE_FASE", Some("1.2.3"));
        assert_eq!(t.item(TipoFase::Accesso, "DEER"), Some(p!("1.21")));
        assert_eq!(t.fisso("RADICE_FASE", RADICE_FASE), "1.2.3");
        assert_eq!(
            t.fisso("RADICE_MESSAGGIO", RADICE_MESSAGGIO),
            RADICE_MESSAGGIO
        );
    }
}
