//! Writer options (`interscambio.md` §15). Defaults produce the XSD-valid HL7 forms (D7); every
//! alternative reproduces a form seen in the field.

use std::collections::BTreeSet;

use super::oid::{self, TabellaOid};

/// Sensitivity tags of `privacy.md` §1 used by the writer option `filtro_sensibilita`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensibilita {
    /// `IDE`: direct identifiers.
    Ide,
    /// `CON`: contact data.
    Con,
    /// `SAL`: health, disability, care needs (free texts are treated as `SAL`).
    Sal,
    /// `SES`: sexual life or sexual violence (no such field in the interchange).
    Ses,
    /// `GIU`: judicial data.
    Giu,
    /// `ECO`: economic situation.
    Eco,
    /// `MIN`: data that exist only for minors.
    Min,
}

/// Form of day-precision dates (§3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormaData {
    /// HL7 `yyyyMMdd[HHmm[ss]]` (default).
    #[default]
    Hl7,
    /// `ddMMyyyy` for values of day precision (compatibility, `CSI-CMP-001` on read).
    DdMmYyyy,
}

/// Form of money values (§3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormaImporto {
    /// Regional `value code="…" type="MO" currency="EUR"` (default, the XSD-valid form).
    #[default]
    CeCode,
    /// HL7 `xsi:type="MO" value="…" currency="EUR"`: **not** XSD-valid (info `CSI-CMP-026`).
    Hl7Mo,
}

/// Placement of the phase outcome (§6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PosizioneEsito {
    /// Inside the first `effectiveTime` (regional `_mod` IVL_TS, default).
    #[default]
    EffectiveTime,
    /// Direct child `encounterEvent/dischargeDispositionCode`.
    EncounterEvent,
}

/// Gender codes (§7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodiciGenere {
    /// HL7 `M`/`F`/`UN` (default).
    #[default]
    Hl7,
    /// `1`/`2` as in the regional examples (`UN` stays `UN`).
    Numerici,
}

/// Envelope codes (§4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodiciBusta {
    /// The codes held by the message (`P`, `T`, `AL` by default).
    #[default]
    Hl7,
    /// Regional literals: `processingCode="Produzione"`, `processingModeCode="batch"`.
    Regionali,
}

/// Form of the telecom elements (§3.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormaTelecom {
    /// `tel:`/`mailto:` with `@use` (default).
    #[default]
    Hl7,
    /// Exactly three bare values (telefono, cellulare, email), empty `<telecom/>` for missing ones.
    Posizionale,
}

/// Which phase records are written (§5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cicli {
    /// Every record, in the order of the process (default).
    #[default]
    Tutti,
    /// At most one record per kind (the latest by `data_inizio`), in kind order A–E; the others
    /// are reported (info `CSI-CMP-025`).
    Singolo,
}

/// Which suspensions of a D record are written (§10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormaSospensioni {
    /// All, in chronological order (default).
    #[default]
    Tutte,
    /// Only the latest.
    Ultima,
}

/// Options of the interchange writer (`interscambio.md` §15).
///
/// ```
/// use cartella::interscambio::opzioni::{OpzioniScrittura, FormaData};
/// let o = OpzioniScrittura { date_format: FormaData::DdMmYyyy, ..Default::default() };
/// assert!(o.indent);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpzioniScrittura {
    /// `date_format` (§3.4).
    pub date_format: FormaData,
    /// `money_form` (§3.5).
    pub money_form: FormaImporto,
    /// `esito_placement` (§6.3).
    pub esito_placement: PosizioneEsito,
    /// `patient_cf_root` (§7.2): root of the assistito's codice fiscale.
    pub patient_cf_root: String,
    /// `gender_codes` (§7.2).
    pub gender_codes: CodiciGenere,
    /// `envelope_codes` (§4).
    pub envelope_codes: CodiciBusta,
    /// `interaction_id_root` (§4): write `interactionId/@root`.
    pub interaction_id_root: bool,
    /// `telecom_form` (§3.10).
    pub telecom_form: FormaTelecom,
    /// `relation_addr_use` (§3.8): `@use` of the residence address of relations and assistenti
    /// personali.
    pub relation_addr_use: String,
    /// `profilo_erogante_oid` (§9.3).
    pub profilo_erogante_oid: String,
    /// `phase_codes` (§6.1): wire code per kind, A–E order. `None`: the registered table of
    /// `P.1.1` defaults (`Registro::codici_fase_default`, `A`…`E`).
    pub phase_codes: Option<[String; 5]>,
    /// `cycles` (§5).
    pub cycles: Cicli,
    /// `suspension_form` (§10).
    pub suspension_form: FormaSospensioni,
    /// `oid_table` (§14).
    pub oid_table: TabellaOid,
    /// `indent`: two spaces (`true`, default) or none.
    pub indent: bool,
    /// `filtro_sensibilita` (`privacy.md` §6): items whose tags (`privacy.md` §2) intersect the
    /// set are not written; each dropped item is reported (info `CSI-PRV-002`). Default empty.
    pub filtro_sensibilita: BTreeSet<Sensibilita>,
}

impl Default for OpzioniScrittura {
    fn default() -> Self {
        OpzioniScrittura {
            date_format: FormaData::Hl7,
            money_form: FormaImporto::CeCode,
            esito_placement: PosizioneEsito::EffectiveTime,
            patient_cf_root: oid::CODICE_FISCALE.to_string(),
            gender_codes: CodiciGenere::Hl7,
            envelope_codes: CodiciBusta::Hl7,
            interaction_id_root: true,
            telecom_form: FormaTelecom::Hl7,
            relation_addr_use: "comune di residenza".to_string(),
            profilo_erogante_oid: oid::PROFILO_EROGANTE.to_string(),
            phase_codes: None,
            cycles: Cicli::Tutti,
            suspension_form: FormaSospensioni::Tutte,
            oid_table: TabellaOid::default(),
            indent: true,
            filtro_sensibilita: BTreeSet::new(),
        }
    }
}
