//! Phase records (`model.md` §5): the common header and the five phase kinds A–E.
//!
//! In Rust every phase struct embeds the common header as `intestazione` ([`IntestazioneFase`]);
//! in JSON the record is flat and internally tagged: `tipo_fase` first, then the header keys, then
//! the phase-specific keys. Serialisation is written out field by field (byte-stable key order);
//! deserialisation goes through private flat mirror structs (`deny_unknown_fields`).
//!
//! Everything is declared once by `fasi_canoniche!` from the field lists at the bottom of this
//! file (spec table order; field kinds as for `comune::campi_canonici!`): the public structs, the
//! JSON mirrors (header fields injected), the `Serialize` code, the conversions, [`Fase`] and its
//! accessors. Keep the table order when editing.

use schemars::JsonSchema;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

#[allow(unused_imports)]
use super::*;

/// Writes one field into a map being serialised, omitting it as its kind says (`None`, empty
/// list); `richiesto` fields are always written.
macro_rules! serializza_campo {
    ($m:ident, richiesto, $f:ident, $v:expr) => {
        $m.serialize_entry(stringify!($f), $v)?;
    };
    ($m:ident, opzionale, $f:ident, $v:expr) => {
        if let Some(v) = $v {
            $m.serialize_entry(stringify!($f), v)?;
        }
    };
    ($m:ident, testo, $f:ident, $v:expr) => {
        serializza_campo!($m, opzionale, $f, $v)
    };
    ($m:ident, lista, $f:ident, $v:expr) => {
        if !$v.is_empty() {
            $m.serialize_entry(stringify!($f), $v)?;
        }
    };
}

/// Declares the header, the five phase kinds and [`Fase`] (see the module documentation).
///
/// Internal steps (`@…`) go through `campi_canonici!`, which normalises a field list and calls
/// back with `{ [docs] [serde attributes] kind name: Type }` items.
macro_rules! fasi_canoniche {
    (
        $(#[doc = $doc_int:literal])*
        intestazione $intestazione:tt
        $(
            $(#[doc = $doc:literal])*
            $variante:ident($wire:literal, $as:ident, $as_mut:ident) => $nome:ident,
            $json:ident as $schema:literal $campi:tt
        )*
    ) => {
        fasi_canoniche!(@intestazione [$(#[doc = $doc_int])*] $intestazione);
        $(
            fasi_canoniche!(
                @fase $intestazione [$(#[doc = $doc])*] $variante $nome $json $schema $campi
            );
        )*

        /// A phase record: one of the five kinds A–E, internally tagged by `tipo_fase` in JSON.
        ///
        /// Variants are not boxed: records live in `Vec<Fase>`, where every element has the size of the
        /// largest variant anyway, and unboxed variants keep pattern matching simple for rule writers.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Fase {
            $(
                $(#[doc = $doc])*
                $variante($nome),
            )*
        }

        /// Flat JSON form of [`Fase`] (deserialisation and schema only).
        #[derive(Deserialize, JsonSchema)]
        #[serde(tag = "tipo_fase")]
        #[schemars(rename = "Fase")]
        #[allow(clippy::large_enum_variant)]
        enum FaseJson {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $wire)]
                $variante($json),
            )*
        }

        impl From<FaseJson> for Fase {
            fn from(j: FaseJson) -> Self {
                match j {
                    $(FaseJson::$variante(f) => Fase::$variante(f.into()),)*
                }
            }
        }

        impl Serialize for Fase {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                m.serialize_entry("tipo_fase", &self.tipo())?;
                match self {
                    $(Fase::$variante(f) => f.serializza_campi(&mut m)?,)*
                }
                m.end()
            }
        }

        impl Fase {
            /// Kind of the record.
            pub fn tipo(&self) -> TipoFase {
                match self {
                    $(Fase::$variante(_) => TipoFase::$variante,)*
                }
            }

            /// Common header (`id_fase`, `stato_fase`, dates, `esito`, `esito_processo`, …).
            pub fn header(&self) -> &IntestazioneFase {
                match self {
                    $(Fase::$variante(f) => &f.intestazione,)*
                }
            }

            /// Mutable common header.
            pub fn header_mut(&mut self) -> &mut IntestazioneFase {
                match self {
                    $(Fase::$variante(f) => &mut f.intestazione,)*
                }
            }

            $(
                #[doc = concat!("The ", $wire, " record, if this is one.")]
                pub fn $as(&self) -> Option<&$nome> {
                    match self {
                        Fase::$variante(f) => Some(f),
                        _ => None,
                    }
                }

                #[doc = concat!("The ", $wire, " record, mutable, if this is one.")]
                pub fn $as_mut(&mut self) -> Option<&mut $nome> {
                    match self {
                        Fase::$variante(f) => Some(f),
                        _ => None,
                    }
                }
            )*
        }
    };

    // The header struct and its serialisation.
    (@intestazione $docs:tt { $($campi:tt)* }) => {
        super::comune::campi_canonici!([fasi_canoniche] [@intestazione_emetti $docs] [] $($campi)*);
    };
    (@intestazione_emetti [$($docs:tt)*]
        [$({ [$($doc:tt)*] $serde:tt $tipo:ident $f:ident : $ty:ty })*]) => {
        $($docs)*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct IntestazioneFase {
            $($($doc)* pub $f: $ty,)*
        }

        impl IntestazioneFase {
            /// Writes the header entries, in table order, into a map being serialised.
            fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                $(serializza_campo!(m, $tipo, $f, &self.$f);)*
                Ok(())
            }
        }
    };

    // One phase kind: normalise the header, then the phase fields, then emit.
    (@fase { $($intestazione:tt)* } $docs:tt $variante:ident $nome:ident $json:ident $schema:literal
        $campi:tt) => {
        super::comune::campi_canonici!(
            [fasi_canoniche]
            [@fase_campi $docs $variante $nome $json $schema $campi]
            []
            $($intestazione)*
        );
    };
    (@fase_campi $docs:tt $variante:ident $nome:ident $json:ident $schema:literal { $($campi:tt)* }
        $intestazione:tt) => {
        super::comune::campi_canonici!(
            [fasi_canoniche]
            [@fase_emetti $docs $variante $nome $json $schema $intestazione]
            []
            $($campi)*
        );
    };
    (@fase_emetti [$($docs:tt)*] $variante:ident $nome:ident $json:ident $schema:literal
        [$({ [$($hdoc:tt)*] [$($hserde:tt)*] $htipo:ident $hf:ident : $hty:ty })*]
        [$({ [$($doc:tt)*] [$($serde:tt)*] $tipo:ident $f:ident : $ty:ty })*]) => {
        $($docs)*
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct $nome {
            /// Intestazione comune (`model.md` §5.1), flattened in JSON.
            pub intestazione: IntestazioneFase,
            $($($doc)* pub $f: $ty,)*
        }

        impl $nome {
            /// Kind of this phase record.
            pub const TIPO: TipoFase = TipoFase::$variante;

            fn serializza_campi<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
                self.intestazione.serializza_campi(m)?;
                $(serializza_campo!(m, $tipo, $f, &self.$f);)*
                Ok(())
            }
        }

        impl From<$nome> for Fase {
            fn from(f: $nome) -> Self {
                Fase::$variante(f)
            }
        }

        $($docs)*
        #[derive(Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[schemars(rename = $schema)]
        struct $json {
            $($($hdoc)* $($hserde)* $hf: $hty,)*
            $($($doc)* $($serde)* $f: $ty,)*
        }

        impl From<$json> for $nome {
            fn from(j: $json) -> Self {
                $nome {
                    intestazione: IntestazioneFase {
                        $($hf: j.$hf,)*
                    },
                    $($f: j.$f,)*
                }
            }
        }
    };
}

fasi_canoniche! {
    /// Common header of every phase record (`model.md` §5.1).
    intestazione {
        /// Identificativo univoco della fase (1–64, root `2.16.840.1.113883.2.9.2.30.3.2`).
        richiesto id_fase: String,
        /// Altri identificativi della fase.
        lista altri_id: Vec<Identificatore>,
        /// Codice della fase sul wire (`…1.1.1`, default `A`–`E`).
        opzionale codice_fase: Option<Codice>,
        /// Stato della fase.
        richiesto stato_fase: StatoFase,
        /// Stato della fase (valore ricevuto, kept when not mappable).
        opzionale stato_fase_codice: Option<String>,
        /// Data/ora inizio fase.
        opzionale data_inizio: Option<Istante>,
        /// Data/ora fine fase.
        opzionale data_fine: Option<Istante>,
        /// Esito della fase (regional wire outcome, `…1.1.2`).
        opzionale esito: Option<Codice>,
        /// Esito canonico (drives the lifecycle, D10).
        opzionale esito_processo: Option<EsitoProcesso>,
        /// Annotazioni testuali (≤ 4000).
        testo annotazioni: Option<Testo>,
    }

    /// A — Accesso e orientamento (`model.md` §5.2).
    Accesso("ACCESSO_E_ORIENTAMENTO", as_accesso, as_accesso_mut)
        => FaseAccesso, FaseAccessoJson as "FaseAccesso"
    {
        /// Segnalazione.
        opzionale segnalazione: Option<Segnalazione>,
        /// Tipologia richiesta (`…1.1.3`, TIRI).
        opzionale tipologia_richiesta: Option<Codice>,
        /// Modalità di contatto (`…1.1.3`, alternate `…1.1.4`, MOCO).
        opzionale modalita_contatto: Option<Codice>,
        /// Ambito di intervento richiesto (`…1.1.10`, AMIR).
        opzionale ambito_intervento_richiesto: Option<Codice>,
        /// Composizione nucleo familiare (`…1.1.11`, CONF).
        opzionale composizione_nucleo: Option<Codice>,
        /// Numerosità nucleo familiare (`…1.1.12`, NUNF).
        opzionale numerosita_nucleo: Option<Codice>,
        /// Numerosità rete sociale (`…1.1.13`, NURS).
        opzionale numerosita_rete_sociale: Option<Codice>,
        /// Provenienza (`…1.1.14`, PROV).
        opzionale provenienza: Option<Codice>,
        /// Area reddituale (`…1.1.15`, ARRE).
        opzionale area_reddituale: Option<Codice>,
        /// DSU (`…1.1.16`, DSU0).
        opzionale dsu: Option<Codice>,
        /// Tipologia ISEE (`…1.1.16`, alternate `…1.1.17`, TIIS).
        opzionale tipologia_isee: Option<Codice>,
        /// ISEE (ISEE).
        opzionale valore_isee: Option<Importo>,
        /// Occupazione assistito (`…1.1.19`, OCAS).
        opzionale occupazione: Option<Codice>,
        /// Ente rilevatore (COER, DEER).
        opzionale ente_rilevatore: Option<EnteRilevatore>,
        /// Protocollo DSU (canonical-only).
        opzionale dsu_protocollo: Option<ProtocolloDsu>,
    }

    /// B — Valutazione del bisogno (`model.md` §5.3).
    ValutazioneBisogno("VALUTAZIONE_DEL_BISOGNO", as_valutazione_bisogno, as_valutazione_bisogno_mut)
        => FaseValutazioneBisogno, FaseValutazioneBisognoJson as "FaseValutazioneBisogno"
    {
        /// Data valutazione.
        opzionale data_valutazione: Option<Istante>,
        /// Responsabile della valutazione (profilo `…1.2.1`).
        opzionale responsabile_valutazione: Option<Operatore>,
        /// Case manager (profilo `…1.2.18`).
        opzionale case_manager: Option<Operatore>,
        /// Aree di intervento sociale (`…1.2.2`, AMIR).
        lista aree_intervento_sociale: Vec<Codice>,
        /// Esenzioni ticket (`…1.2.3`, ESTI).
        lista esenzioni_ticket: Vec<Codice>,
        /// Denominazione struttura socio-sanitaria che ha in carico la persona (≤ 512, DSGI).
        testo struttura_sociosanitaria_in_carico: Option<Testo>,
        /// Servizi socio-sanitari già erogati (SSGE).
        testo servizi_sociosanitari_erogati: Option<Testo>,
        /// Invalidità (`…1.2.6`, INVA).
        lista invalidita: Vec<Codice>,
        /// Indennità di frequenza (`…1.2.7`, INFR).
        opzionale indennita_frequenza: Option<Codice>,
        /// Previdenze sociali INPS (`…1.2.8`, PRSI).
        lista previdenze_inps: Vec<Codice>,
        /// Assegno/pensione di invalidità civile (`…1.2.9`, APIC).
        opzionale assegno_pensione_invalidita: Option<Codice>,
        /// Utente con patologia psichiatrica (`…1.2.10`, UTPP).
        opzionale patologia_psichiatrica: Option<Codice>,
        /// Patologie correnti (PACO).
        testo patologie_correnti: Option<Testo>,
        /// Portatore di protesi e ausili (`…1.2.12`, POPA).
        opzionale portatore_protesi_ausili: Option<Codice>,
        /// Codici protesi/ausilio (`…1.2.18`, COPA).
        lista protesi_ausili: Vec<Codice>,
        /// Motivazione affido (`…1.2.13`, MOAF).
        opzionale motivazione_affido: Option<Codice>,
        /// Valutazione necessità di cure sanitarie (`…1.2.14`, VNCS).
        opzionale necessita_cure_sanitarie: Option<Codice>,
        /// Necessità di interventi socio-sanitari (`…1.2.15`, NISS).
        lista necessita_interventi_sociosanitari: Vec<Codice>,
        /// Necessità di interventi sociali (`…1.2.16`, NISO).
        lista necessita_interventi_sociali: Vec<Codice>,
        /// Fonte di derivazione della valutazione (`…1.2.17`, FODV).
        opzionale fonte_derivazione_valutazione: Option<Codice>,
        /// Valutazione SINA (canonical-only).
        opzionale valutazione_sina: Option<ValutazioneSina>,
    }

    /// C — Elaborazione del progetto individuale (`model.md` §5.4).
    ProgettoIndividuale("ELABORAZIONE_PROGETTO_INDIVIDUALE", as_progetto_individuale, as_progetto_individuale_mut)
        => FaseProgettoIndividuale, FaseProgettoIndividualeJson as "FaseProgettoIndividuale"
    {
        /// Responsabile del progetto (profilo `…1.3.2`).
        opzionale responsabile_progetto: Option<Operatore>,
        /// Responsabile del monitoraggio (profilo `…1.3.3`).
        opzionale responsabile_monitoraggio: Option<Operatore>,
        /// Progetto individuale.
        opzionale progetto: Option<ProgettoIndividuale>,
    }

    /// D — Erogazione del servizio: one activated service or measure (`model.md` §5.5).
    ErogazioneServizio("EROGAZIONE_DEL_SERVIZIO", as_erogazione_servizio, as_erogazione_servizio_mut)
        => FaseErogazioneServizio, FaseErogazioneServizioJson as "FaseErogazioneServizio"
    {
        /// Denominazione struttura fuori rete (≤ 256, DSFR).
        testo struttura_fuori_rete: Option<Testo>,
        /// Unità d'offerta sociale (`…1.4.1`, UDOS).
        opzionale udo_sociale: Option<Codice>,
        /// Soggetto erogatore (`…1.4.3`, SOER).
        opzionale soggetto_erogatore: Option<Codice>,
        /// Modalità di erogazione (`…1.4.4`, MOER).
        opzionale modalita_erogazione: Option<Codice>,
        /// Area intervento sociale (`…1.4.5`, ARIS).
        opzionale area_intervento_sociale: Option<Codice>,
        /// Servizio erogato (`…1.4.6`, SEER).
        opzionale servizio_erogato: Option<Codice>,
        /// Data attivazione servizio (DAAS).
        opzionale data_attivazione: Option<Istante>,
        /// Data conclusione servizio (DACS).
        opzionale data_conclusione: Option<Istante>,
        /// Sospensioni (DAIS, DAFS, MOSO).
        lista sospensioni: Vec<Sospensione>,
        /// Valore mensile buono sociale (VMBS).
        opzionale valore_mensile_buono: Option<Importo>,
        /// Tipologia voucher sociale (`…1.4.13`, TIVS).
        opzionale tipologia_voucher: Option<Codice>,
        /// Valore voucher (VAVO).
        opzionale valore_voucher: Option<Importo>,
        /// Importo erogato (IMER).
        opzionale importo_erogato: Option<Importo>,
        /// Riprogrammazione risorse economiche (RIRE).
        opzionale riprogrammazione_risorse: Option<Importo>,
        /// Prestazioni erogate.
        lista prestazioni_erogate: Vec<Prestazione>,
        /// Stato dell'intervento (canonical-only).
        opzionale stato_intervento: Option<StatoIntervento>,
        /// Dati per il SIUSS (canonical-only).
        opzionale siuss: Option<DatiSiussPrestazione>,
    }

    /// E — Valutazione finale e conclusione del processo di aiuto (`model.md` §5.6).
    ValutazioneFinale("VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO", as_valutazione_finale, as_valutazione_finale_mut)
        => FaseValutazioneFinale, FaseValutazioneFinaleJson as "FaseValutazioneFinale"
    {
        /// Responsabile chiusura.
        opzionale responsabile_chiusura: Option<Operatore>,
        /// Data chiusura progetto.
        opzionale data_chiusura_progetto: Option<Istante>,
        /// Data valutazione finale (DAVF).
        opzionale data_valutazione_finale: Option<Istante>,
        /// Valutazione finale (VAFI).
        testo valutazione_finale: Option<Testo>,
        /// Motivazione chiusura progetto (`…1.5.3`, MOCP).
        opzionale motivazione_chiusura: Option<Codice>,
        /// Risorse economiche finali (RIEF).
        opzionale risorse_economiche_finali: Option<Importo>,
        /// Risultati raggiunti (RIRA).
        testo risultati_raggiunti: Option<Testo>,
        /// Risultati non raggiunti (RINR).
        testo risultati_non_raggiunti: Option<Testo>,
        /// Nuovo progetto (`…1.5.7`, NUPR).
        opzionale nuovo_progetto: Option<Codice>,
    }
}

impl<'de> Deserialize<'de> for Fase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        FaseJson::deserialize(d).map(Fase::from)
    }
}

impl JsonSchema for Fase {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Fase".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        FaseJson::json_schema(generator)
    }
}

impl Default for Fase {
    /// An empty A record (only so that containers can derive `Default`).
    fn default() -> Self {
        Fase::Accesso(FaseAccesso::default())
    }
}

impl Fase {
    /// `id_fase` of the record.
    pub fn id(&self) -> &str {
        &self.header().id_fase
    }

    /// `stato_fase` of the record.
    pub fn stato(&self) -> StatoFase {
        self.header().stato_fase
    }

    /// `true` when `stato_fase` is `APERTA` or `SOSPESA` (the record is not closed/annulled).
    pub fn is_open(&self) -> bool {
        matches!(self.stato(), StatoFase::Aperta | StatoFase::Sospesa)
    }
}
