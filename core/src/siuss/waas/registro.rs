//! The send register (`siuss.md` §9, §11.5): one entry per flow created, persisted by the caller
//! (the types are serde, e.g. as JSON), with the state machine
//! `PRONTO` → `ESPOSTO` → `ACQUISITO` | `RIFIUTATO`.
//!
//! The ente of an entry, for the per-ente uniqueness of `ts_flusso`, is the `EEEEE` segment of its
//! `id_flusso` (the text before the first `.`).

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::id::{verifica_id_flusso, AllocatoreProgressivi, AllocatoreTs, TsFlusso};
use super::segnala;
use crate::error::CartellaError;
use crate::rules::Issue;
use crate::siuss::flusso::{Beneficiario, Flusso, PrestazioniSociali, TipoFlusso};
use crate::siuss::regole::UltimiInserimenti;

/// Library-side key of a record sent to INPS (`siuss.md` §9). INPS's own matching key is not
/// documented.
///
/// Holds personal data (a codice fiscale): keep it where the register is kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ChiaveRecord {
    /// A `PrestazioniSociali` of a PS-PSA-SINA flow: (`Ente/@Codice`, `@CodiceFiscale`,
    /// `@CodicePrestazione`, `@ProtocolloDomanda`, segment year).
    Prestazione {
        /// `Ente/@Codice`.
        codice_ente: String,
        /// `Beneficiario/@CodiceFiscale`.
        codice_fiscale: String,
        /// `PrestazioniSociali/@CodicePrestazione`.
        codice_prestazione: String,
        /// `PrestazioniSociali/@ProtocolloDomanda`.
        protocollo_domanda: String,
        /// Year of the segment (§8.4): year of `DataInizioPrestazione`, else of `DataEvento`.
        anno: i32,
    },
    /// A `SINBA` element: (`Ente/@Codice`, `@IDBeneficiario`); an update re-sends the full record
    /// with the same `IDBeneficiario` (§9).
    Sinba {
        /// `Ente/@Codice`.
        codice_ente: String,
        /// `SINBA/@IDBeneficiario` (pseudonymous).
        id_beneficiario: String,
    },
}

impl ChiaveRecord {
    /// The key of a prestazione of a beneficiary sent by the ente with code `codice_ente`
    /// (`siuss.md` §9); the segment year is the year of `DataInizioPrestazione` (periodic) or of
    /// `DataErogazionePrestazione` (one-off). `None` when a part of the key is missing.
    pub fn di_prestazione(
        codice_ente: &str,
        beneficiario: &Beneficiario,
        prestazione: &PrestazioniSociali,
    ) -> Option<ChiaveRecord> {
        let anno = prestazione
            .data_inizio_prestazione
            .as_deref()
            .or(prestazione.data_erogazione_prestazione.as_deref())
            .and_then(|d| d.get(..4))
            .and_then(|a| a.parse().ok())?;
        Some(ChiaveRecord::Prestazione {
            codice_ente: codice_ente.to_string(),
            codice_fiscale: beneficiario.codice_fiscale.clone()?,
            codice_prestazione: prestazione.codice_prestazione.clone()?,
            protocollo_domanda: prestazione.protocollo_domanda.clone()?,
            anno,
        })
    }

    /// The keys of the records of a flow, in document order (records whose key is incomplete are
    /// left out).
    pub fn di_flusso(flusso: &Flusso) -> Vec<ChiaveRecord> {
        let ente = flusso
            .identificazione()
            .ente
            .codice
            .clone()
            .unwrap_or_default();
        match flusso {
            Flusso::PsPsaSina(f) => f
                .beneficiari
                .iter()
                .flat_map(|b| {
                    b.prestazioni_sociali
                        .iter()
                        .filter_map(|p| ChiaveRecord::di_prestazione(&ente, b, p))
                })
                .collect(),
            Flusso::Sinba(f) => f
                .sinba
                .iter()
                .filter_map(|s| {
                    Some(ChiaveRecord::Sinba {
                        codice_ente: ente.clone(),
                        id_beneficiario: s.id_beneficiario.clone()?,
                    })
                })
                .collect(),
        }
    }
}

/// The register knows what was last sent for a record: the insertion a cancellation must repeat
/// (`SIUSS-PS-069`, [`crate::siuss::OpzioniVerifica::ultimi_inserimenti`]).
impl UltimiInserimenti for RegistroInvii {
    fn ultimo_inserimento(&self, chiave: &ChiaveRecord) -> Option<PrestazioniSociali> {
        let voce = self.ultimo_inviato(chiave)?;
        let letto = crate::siuss::xml::leggi(
            voce.xml.as_bytes(),
            &crate::siuss::xml::OpzioniLetturaFlusso::default(),
        );
        let Some(Flusso::PsPsaSina(f)) = letto.flusso else {
            return None;
        };
        let ente = f
            .identificazione_flusso
            .ente
            .codice
            .clone()
            .unwrap_or_default();
        f.beneficiari.iter().find_map(|b| {
            b.prestazioni_sociali
                .iter()
                .filter(|p| p.tipo_operazione.as_deref() != Some("C"))
                .find(|p| ChiaveRecord::di_prestazione(&ente, b, p).as_ref() == Some(chiave))
                .cloned()
        })
    }
}

/// State of a flow in the send register (`siuss.md` §11.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatoFlusso {
    /// Created, in the register, never returned by `GET /flussi`.
    Pronto,
    /// Returned at least once by `GET /flussi`.
    Esposto,
    /// INPS answered `OK`.
    Acquisito,
    /// INPS answered another `codice_esito`; never exposed again (its correction is a new flow).
    Rifiutato,
}

impl StatoFlusso {
    /// The token: `PRONTO`, `ESPOSTO`, `ACQUISITO`, `RIFIUTATO`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatoFlusso::Pronto => "PRONTO",
            StatoFlusso::Esposto => "ESPOSTO",
            StatoFlusso::Acquisito => "ACQUISITO",
            StatoFlusso::Rifiutato => "RIFIUTATO",
        }
    }
}

impl fmt::Display for StatoFlusso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One flow in the send register (`siuss.md` §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoceRegistro {
    /// Key of the record the flow carries.
    pub chiave_record: ChiaveRecord,
    /// Flow type.
    pub tipo: TipoFlusso,
    /// `id_flusso` (= `IdentificazioneFlusso/@Nome`).
    pub id_flusso: String,
    /// `ts_flusso`.
    pub ts_flusso: TsFlusso,
    /// SHA-256 of the XML, lower-case hex.
    pub sha256_xml: String,
    /// The flow XML (UTF-8), exactly as exposed.
    pub xml: String,
    /// State.
    pub stato: StatoFlusso,
    /// SIUSS acquisition code (`OK` outcomes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_acquisizione_siuss: Option<String>,
    /// Outcome description given by INPS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descrizione_esito: Option<String>,
}

/// Lower-case hex SHA-256 of a text.
fn sha256_hex(testo: &str) -> String {
    Sha256::digest(testo.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl VoceRegistro {
    /// A new entry in state `PRONTO`, with the SHA-256 of the XML.
    pub fn nuova(
        chiave_record: ChiaveRecord,
        tipo: TipoFlusso,
        id_flusso: impl Into<String>,
        ts_flusso: TsFlusso,
        xml: impl Into<String>,
    ) -> VoceRegistro {
        let xml = xml.into();
        VoceRegistro {
            chiave_record,
            tipo,
            id_flusso: id_flusso.into(),
            ts_flusso,
            sha256_xml: sha256_hex(&xml),
            xml,
            stato: StatoFlusso::Pronto,
            id_acquisizione_siuss: None,
            descrizione_esito: None,
        }
    }

    /// The ente of the entry: the `EEEEE` segment of `id_flusso`.
    pub fn codice_ente(&self) -> &str {
        ente_di(&self.id_flusso)
    }

    /// Whether `sha256_xml` is the SHA-256 of `xml` (the XML was not altered since registration).
    pub fn integra(&self) -> bool {
        self.sha256_xml.eq_ignore_ascii_case(&sha256_hex(&self.xml))
    }
}

fn ente_di(id_flusso: &str) -> &str {
    id_flusso.split('.').next().unwrap_or(id_flusso)
}

fn argomento(name: &'static str, message: impl Into<String>) -> CartellaError {
    CartellaError::Argomento {
        name,
        message: message.into(),
    }
}

/// The send register: the flows created, in creation order.
///
/// ```
/// use cartella::siuss::waas::{AllocatoreTs, ChiaveRecord, RegistroInvii, StatoFlusso};
/// use cartella::siuss::TipoFlusso;
/// let mut registro = RegistroInvii::new();
/// let mut ts = AllocatoreTs::new();
/// let chiave = ChiaveRecord::Sinba { codice_ente: "H501".into(), id_beneficiario: "X1".into() };
/// registro
///     .crea(chiave, TipoFlusso::Sinba, "H501.SINBA.20240101.0000001", "<Flusso/>", &mut ts, 1_000)
///     .unwrap();
/// registro.segna_esposti(["H501.SINBA.20240101.0000001"]);
/// assert_eq!(registro.voce("H501.SINBA.20240101.0000001").unwrap().stato, StatoFlusso::Esposto);
/// let json = serde_json::to_string(&registro).unwrap();
/// assert_eq!(serde_json::from_str::<RegistroInvii>(&json).unwrap(), registro);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistroInvii {
    /// The entries, in creation order.
    voci: Vec<VoceRegistro>,
}

impl RegistroInvii {
    /// An empty register.
    pub fn new() -> RegistroInvii {
        RegistroInvii::default()
    }

    /// The entries, in creation order.
    pub fn voci(&self) -> &[VoceRegistro] {
        &self.voci
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.voci.len()
    }

    /// Whether the register is empty.
    pub fn is_empty(&self) -> bool {
        self.voci.is_empty()
    }

    /// The entry of a flow.
    pub fn voce(&self, id_flusso: &str) -> Option<&VoceRegistro> {
        self.voci.iter().find(|v| v.id_flusso == id_flusso)
    }

    fn voce_mut(&mut self, id_flusso: &str) -> Result<&mut VoceRegistro, CartellaError> {
        self.voci
            .iter_mut()
            .find(|v| v.id_flusso == id_flusso)
            .ok_or_else(|| argomento("id_flusso", "no such flow in the send register"))
    }

    fn ultimo_ts(&self, codice_ente: &str) -> Option<TsFlusso> {
        self.voci
            .iter()
            .filter(|v| v.codice_ente() == codice_ente)
            .map(|v| v.ts_flusso)
            .max()
    }

    fn ammissibile(&self, voce: &VoceRegistro) -> Result<(), CartellaError> {
        if self.voce(&voce.id_flusso).is_some() {
            return Err(argomento("id_flusso", "already in the send register"));
        }
        if self
            .ultimo_ts(voce.codice_ente())
            .is_some_and(|ultimo| voce.ts_flusso <= ultimo)
        {
            return Err(argomento(
                "ts_flusso",
                "SIUSS-WAAS-006: not greater than the last ts_flusso of the ente",
            ));
        }
        Ok(())
    }

    /// Adds an entry.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the `id_flusso` is already registered, or the `ts_flusso`
    /// is not greater than every `ts_flusso` of the same ente (SIUSS-WAAS-006).
    pub fn aggiungi(&mut self, voce: VoceRegistro) -> Result<(), CartellaError> {
        self.ammissibile(&voce)?;
        self.voci.push(voce);
        Ok(())
    }

    /// Creates and adds a `PRONTO` entry, its `ts_flusso` allocated by `ts` for the ente of
    /// `id_flusso` at clock reading `ora_ms`; returns the `ts_flusso`.
    ///
    /// The allocator is first brought past the register's last `ts_flusso` of the ente.
    ///
    /// # Errors
    /// As [`RegistroInvii::aggiungi`] and [`AllocatoreTs::prossimo_a`].
    pub fn crea(
        &mut self,
        chiave_record: ChiaveRecord,
        tipo: TipoFlusso,
        id_flusso: &str,
        xml: &str,
        ts: &mut AllocatoreTs,
        ora_ms: i64,
    ) -> Result<TsFlusso, CartellaError> {
        let ente = ente_di(id_flusso);
        if let Some(ultimo) = self.ultimo_ts(ente) {
            ts.osserva(ente, ultimo);
        }
        if self.voce(id_flusso).is_some() {
            return Err(argomento("id_flusso", "already in the send register"));
        }
        let ts_flusso = ts.prossimo_a(ente, ora_ms)?;
        self.aggiungi(VoceRegistro::nuova(
            chiave_record,
            tipo,
            id_flusso,
            ts_flusso,
            xml,
        ))?;
        Ok(ts_flusso)
    }

    /// Registers a flow ready to send (`PRONTO`): its single record key, its name as `id_flusso`,
    /// its XML as written by [`crate::siuss::scrittore::scrivi`], and a fresh `ts_flusso` from the
    /// register's own allocator (`max(ora_ms, last + 1)` per ente). What a vendor calls after
    /// deriving a WaaS flow.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the flow does not hold exactly one record with a
    /// complete key (WaaS flows hold one), has no `IdentificazioneFlusso/@Nome`, or the id is
    /// already registered.
    pub fn crea_da_flusso(
        &mut self,
        flusso: &Flusso,
        ora_ms: i64,
    ) -> Result<TsFlusso, CartellaError> {
        let chiavi = ChiaveRecord::di_flusso(flusso);
        let n = chiavi.len();
        let Ok([chiave]) = <[ChiaveRecord; 1]>::try_from(chiavi) else {
            return Err(argomento(
                "flusso",
                format!("a register entry carries one record with a complete key, found {n}"),
            ));
        };
        let id = flusso
            .identificazione()
            .nome
            .clone()
            .ok_or_else(|| argomento("flusso", "IdentificazioneFlusso/@Nome missing"))?;
        let xml = crate::siuss::scrittore::scrivi(flusso);
        let mut allocatore = self.allocatore_ts();
        self.crea(chiave, flusso.tipo(), &id, &xml, &mut allocatore, ora_ms)
    }

    /// Marks the flows returned by `GET /flussi` as `ESPOSTO` (only those in `PRONTO`; the other
    /// states are kept). Unknown ids are ignored.
    pub fn segna_esposti<I, S>(&mut self, ids: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let ids: HashSet<String> = ids.into_iter().map(|s| s.as_ref().to_string()).collect();
        for v in &mut self.voci {
            if v.stato == StatoFlusso::Pronto && ids.contains(&v.id_flusso) {
                v.stato = StatoFlusso::Esposto;
            }
        }
    }

    /// Records an `OK` outcome: state `ACQUISITO`, with the acquisition code and description.
    /// A later outcome for the same flow replaces an earlier one.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the flow is not in the register.
    pub fn segna_acquisito(
        &mut self,
        id_flusso: &str,
        id_acquisizione_siuss: Option<String>,
        descrizione_esito: Option<String>,
    ) -> Result<(), CartellaError> {
        let v = self.voce_mut(id_flusso)?;
        v.stato = StatoFlusso::Acquisito;
        v.id_acquisizione_siuss = id_acquisizione_siuss;
        v.descrizione_esito = descrizione_esito;
        Ok(())
    }

    /// Records a refusal: state `RIFIUTATO`, with the description. A later outcome for the same
    /// flow replaces an earlier one.
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the flow is not in the register.
    pub fn segna_rifiutato(
        &mut self,
        id_flusso: &str,
        descrizione_esito: Option<String>,
    ) -> Result<(), CartellaError> {
        let v = self.voce_mut(id_flusso)?;
        v.stato = StatoFlusso::Rifiutato;
        v.id_acquisizione_siuss = None;
        v.descrizione_esito = descrizione_esito;
        Ok(())
    }

    /// The entry last sent for a record key: the one with the greatest `ts_flusso` among those not
    /// `RIFIUTATO` (a refused flow was not acquired, `siuss.md` §9). Its `xml` is what a
    /// cancellation (`TipoOperazione="C"`) must repeat.
    pub fn ultimo_inviato(&self, chiave: &ChiaveRecord) -> Option<&VoceRegistro> {
        self.voci
            .iter()
            .filter(|v| &v.chiave_record == chiave && v.stato != StatoFlusso::Rifiutato)
            .max_by_key(|v| v.ts_flusso)
    }

    /// Registers the correction of a PS-PSA-SINA record already acquired by INPS (`siuss.md` §9):
    /// first the flow `annullamento` (`(id_flusso, xml)`: the record exactly as last sent, with
    /// `TipoOperazione="C"`), then the flow `reinserimento` (the corrected record,
    /// `TipoOperazione="I"`); the `C` flow gets the smaller `ts_flusso`. Both entries are
    /// `PRONTO`; their `ts_flusso` are returned in that order.
    ///
    /// The XMLs are built by the caller (their `IdentificazioneFlusso/@Nome` must be the ids);
    /// the content of the `C` record is checked by rule SIUSS-PS-069, not here. A record whose
    /// last flow was refused needs no `C`: it is simply sent again with [`RegistroInvii::crea`].
    ///
    /// # Errors
    /// [`CartellaError::Argomento`] when the key is not a PS-PSA-SINA one, when the last flow sent
    /// for the key is missing or not `ACQUISITO` (wait for its outcome), or when an id is already
    /// registered, both ids are the same or they belong to different entes; nothing is
    /// added then.
    pub fn registra_correzione(
        &mut self,
        chiave: &ChiaveRecord,
        annullamento: (&str, &str),
        reinserimento: (&str, &str),
        ts: &mut AllocatoreTs,
        ora_ms: i64,
    ) -> Result<[TsFlusso; 2], CartellaError> {
        if !matches!(chiave, ChiaveRecord::Prestazione { .. }) {
            return Err(argomento(
                "chiave_record",
                "SINBA has no TipoOperazione: send the full record again",
            ));
        }
        match self.ultimo_inviato(chiave).map(|v| v.stato) {
            Some(StatoFlusso::Acquisito) => {}
            Some(_) => {
                return Err(argomento(
                    "chiave_record",
                    "the last flow of the record has no OK outcome yet",
                ))
            }
            None => {
                return Err(argomento(
                    "chiave_record",
                    "no flow of the record was acquired by INPS",
                ))
            }
        }
        let (id_c, xml_c) = annullamento;
        let (id_i, xml_i) = reinserimento;
        if id_c == id_i || self.voce(id_c).is_some() || self.voce(id_i).is_some() {
            return Err(argomento(
                "id_flusso",
                "the two flows need new, distinct ids",
            ));
        }
        let ente = ente_di(id_c);
        if ente_di(id_i) != ente {
            return Err(argomento(
                "id_flusso",
                "the two flows must belong to the same ente",
            ));
        }
        // Allocate on a copy, so that a failure leaves the caller's allocator untouched.
        let mut prova = ts.clone();
        if let Some(ultimo) = self.ultimo_ts(ente) {
            prova.osserva(ente, ultimo);
        }
        let ts_c = prova.prossimo_a(ente, ora_ms)?;
        let ts_i = prova.prossimo_a(ente, ora_ms)?;
        let c = VoceRegistro::nuova(chiave.clone(), TipoFlusso::PsPsaSina, id_c, ts_c, xml_c);
        let i = VoceRegistro::nuova(chiave.clone(), TipoFlusso::PsPsaSina, id_i, ts_i, xml_i);
        // Both are admissible before either is added: new distinct ids, ts_c < ts_i, both
        // greater than the ente's last.
        self.ammissibile(&c)?;
        self.ammissibile(&i)?;
        self.voci.push(c);
        self.voci.push(i);
        *ts = prova;
        Ok([ts_c, ts_i])
    }

    /// A `ts_flusso` allocator that continues after the register's entries.
    pub fn allocatore_ts(&self) -> AllocatoreTs {
        let mut a = AllocatoreTs::new();
        for v in &self.voci {
            a.osserva(v.codice_ente(), v.ts_flusso);
        }
        a
    }

    /// A progressive allocator that continues after the register's `id_flusso`s.
    pub fn allocatore_progressivi(&self) -> AllocatoreProgressivi {
        let mut a = AllocatoreProgressivi::new();
        for v in &self.voci {
            a.osserva(&v.id_flusso);
        }
        a
    }

    /// Checks a register (e.g. one read back from storage). Findings, with paths into the
    /// register JSON (`/voci/{i}/…`): SIUSS-WAAS-001, -002, -011 on `id_flusso` (write form);
    /// SIUSS-WAAS-006 on a `ts_flusso` not greater than an earlier one of the same ente.
    pub fn verifica(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        let mut ultimi: BTreeMap<&str, TsFlusso> = BTreeMap::new();
        for (i, v) in self.voci.iter().enumerate() {
            issues.extend(verifica_id_flusso(
                &v.id_flusso,
                Some(v.tipo),
                &format!("/voci/{i}/id_flusso"),
            ));
            let ente = v.codice_ente();
            if ultimi.get(ente).is_some_and(|u| v.ts_flusso <= *u) {
                segnala(
                    &mut issues,
                    "SIUSS-WAAS-006",
                    format!("/voci/{i}/ts_flusso"),
                );
            }
            let u = ultimi.entry(ente).or_insert(v.ts_flusso);
            *u = (*u).max(v.ts_flusso);
        }
        issues
    }

    /// Whether the flow is in the register.
    pub fn contiene(&self, id_flusso: &str) -> bool {
        self.voce(id_flusso).is_some()
    }
}
