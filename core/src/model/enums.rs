//! Structural closed lists (D1, `codelists.md` §2.1 and §8) as Rust enums, and the
//! `codelist!` macro shared with the INPS enumerations ([`super::inps`]).
//!
//! Every enum has the same surface (trait [`ListaChiusa`]): `code()`, `from_code()`, `label()`,
//! `ALL`, `CODES` and `SYSTEM`. JSON carries the code string; an unknown code is a
//! deserialisation error.

/// Common surface of every closed list (structural and INPS).
pub trait ListaChiusa: Copy + Eq + std::fmt::Debug + 'static {
    /// Code system of the list (OID or library/INPS system name).
    const SYSTEM: &'static str;
    /// Every value in list order.
    const ALL: &'static [Self];
    /// Every code in list order.
    const CODES: &'static [&'static str];
    /// Wire code of the value.
    fn code(self) -> &'static str;
    /// Italian label of the value.
    fn label(self) -> &'static str;
    /// Value of a code (exact case), `None` when not listed.
    fn from_code(code: &str) -> Option<Self>;
}

/// Defines a closed list: enum, `code()`/`label()`/`from_code()`, `ALL`, `CODES`, `SYSTEM`,
/// serde (code string), `JsonSchema` (string enum), `Display`/`FromStr`, [`ListaChiusa`].
/// `Default` is the first value (only so that structs can derive `Default`).
macro_rules! codelist {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : $system:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Code system of the list (the `system` column of its CSV).
            pub const SYSTEM: &'static str = $system;
            /// Every value, in list order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Every code, in list order.
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// Wire code of the value.
            pub const fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// Italian label of the value.
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// Value of a code (exact case); `None` when the code is not listed.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::model::enums::ListaChiusa for $name {
            const SYSTEM: &'static str = $system;
            const ALL: &'static [Self] = $name::ALL;
            const CODES: &'static [&'static str] = $name::CODES;
            fn code(self) -> &'static str { $name::code(self) }
            fn label(self) -> &'static str { $name::label(self) }
            fn from_code(code: &str) -> Option<Self> { $name::from_code(code) }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::ALL[0]
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::CartellaError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s).ok_or_else(|| $crate::error::CartellaError::Argomento {
                    name: stringify!($name),
                    message: format!("unknown code {:?}", s.chars().take(64).collect::<String>()),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        write!(f, "a code of {}", $system)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_code(v).ok_or_else(|| E::unknown_variant(v, $name::CODES))
                    }
                }
                d.deserialize_str(V)
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "enum": $name::CODES,
                    "description": concat!("Closed list ", $system, ".")
                })
            }
        }
    };
}
pub(crate) use codelist;

codelist! {
    /// Genere (HL7 AdministrativeGender, `hl7-administrative-gender.csv`).
    pub enum Genere: "2.16.840.1.113883.5.1" {
        /// `M` — maschio.
        M = "M", "Maschio";
        /// `F` — femmina.
        F = "F", "Femmina";
        /// `UN` — non differenziato.
        Un = "UN", "Non differenziato";
    }
}

codelist! {
    /// Tipo di fase (`csi-tipo-fase.csv`): the five characteristic processes A–E.
    pub enum TipoFase: "CSI-LIB-TIPO-FASE" {
        /// A — Accesso e orientamento.
        Accesso = "ACCESSO_E_ORIENTAMENTO", "A - Accesso e orientamento";
        /// B — Valutazione del bisogno.
        ValutazioneBisogno = "VALUTAZIONE_DEL_BISOGNO", "B - Valutazione del bisogno";
        /// C — Elaborazione del progetto individuale.
        ProgettoIndividuale = "ELABORAZIONE_PROGETTO_INDIVIDUALE", "C - Elaborazione del progetto individuale";
        /// D — Erogazione del servizio.
        ErogazioneServizio = "EROGAZIONE_DEL_SERVIZIO", "D - Erogazione del servizio";
        /// E — Valutazione finale e conclusione del processo di aiuto.
        ValutazioneFinale = "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO", "E - Valutazione finale e conclusione del processo di aiuto";
    }
}

impl TipoFase {
    /// Letter of the phase kind (`A`…`E`), also the default wire code (D9).
    pub const fn lettera(self) -> char {
        match self {
            Self::Accesso => 'A',
            Self::ValutazioneBisogno => 'B',
            Self::ProgettoIndividuale => 'C',
            Self::ErogazioneServizio => 'D',
            Self::ValutazioneFinale => 'E',
        }
    }
}

codelist! {
    /// Stato della fase (`csi-stato-fase.csv`).
    pub enum StatoFase: "CSI-LIB-STATO-FASE" {
        /// Fase aperta (HL7 `active`).
        Aperta = "APERTA", "Fase aperta (HL7 active)";
        /// Fase chiusa (HL7 `completed`).
        Chiusa = "CHIUSA", "Fase chiusa (HL7 completed)";
        /// Fase sospesa (HL7 `suspended`).
        Sospesa = "SOSPESA", "Fase sospesa (HL7 suspended)";
        /// Fase annullata (HL7 `aborted`).
        Annullata = "ANNULLATA", "Fase annullata (HL7 aborted)";
    }
}

codelist! {
    /// Stato del processo di aiuto (`csi-stato-processo.csv`, `lifecycle.md` §2).
    pub enum StatoProcesso: "CSI-LIB-STATO-PROCESSO" {
        /// Accesso e orientamento in corso.
        Accesso = "ACCESSO", "Accesso e orientamento in corso";
        /// Valutazione del bisogno in corso.
        Valutazione = "VALUTAZIONE", "Valutazione del bisogno in corso";
        /// Elaborazione del progetto individuale in corso.
        Progettazione = "PROGETTAZIONE", "Elaborazione del progetto individuale in corso";
        /// Erogazione dei servizi in corso.
        Erogazione = "EROGAZIONE", "Erogazione dei servizi in corso";
        /// Erogazione sospesa (tutti i servizi aperti sono sospesi).
        Sospeso = "SOSPESO", "Erogazione sospesa (tutti i servizi aperti sono sospesi)";
        /// Valutazione finale in corso.
        ValutazioneFinale = "VALUTAZIONE_FINALE", "Valutazione finale in corso";
        /// Processo di aiuto concluso.
        Chiuso = "CHIUSO", "Processo di aiuto concluso";
        /// Processo trasferito ad altro ente.
        Trasferito = "TRASFERITO", "Processo trasferito ad altro ente";
        /// Processo annullato (cancellazione logica).
        Annullato = "ANNULLATO", "Processo annullato (cancellazione logica)";
    }
}

codelist! {
    /// Esito canonico (`esito_processo`, `csi-esito-processo.csv`, `lifecycle.md` §3, D10).
    pub enum EsitoProcesso: "CSI-LIB-ESITO-PROCESSO" {
        /// Avvio della valutazione del bisogno (A).
        AvvioValutazione = "AVVIO_VALUTAZIONE", "Avvio della valutazione del bisogno";
        /// Solo informazione e orientamento (A).
        SoloInformazione = "SOLO_INFORMAZIONE", "Solo informazione e orientamento";
        /// Invio ad altro servizio (A, B).
        InvioAltroServizio = "INVIO_ALTRO_SERVIZIO", "Invio ad altro servizio";
        /// Presa in carico (B).
        PresaInCarico = "PRESA_IN_CARICO", "Presa in carico";
        /// Non presa in carico (B).
        NonPresaInCarico = "NON_PRESA_IN_CARICO", "Non presa in carico";
        /// Progetto approvato (C).
        ProgettoApprovato = "PROGETTO_APPROVATO", "Progetto approvato";
        /// Progetto non attivato (C).
        ProgettoNonAttivato = "PROGETTO_NON_ATTIVATO", "Progetto non attivato";
        /// Servizio concluso (D).
        Concluso = "CONCLUSO", "Servizio concluso";
        /// Servizio interrotto (D).
        Interrotto = "INTERROTTO", "Servizio interrotto";
        /// Nuovo progetto (E).
        NuovoProgetto = "NUOVO_PROGETTO", "Nuovo progetto";
        /// Chiusura del processo di aiuto (E).
        Chiusura = "CHIUSURA", "Chiusura del processo di aiuto";
        /// Trasferimento ad altro ente (any kind).
        Trasferimento = "TRASFERIMENTO", "Trasferimento ad altro ente";
        /// Annullato (any kind).
        Annullato = "ANNULLATO", "Annullato";
    }
}

codelist! {
    /// Stato dell'intervento di un record D (`csi-stato-intervento.csv`).
    pub enum StatoIntervento: "CSI-LIB-STATO-INTERVENTO" {
        /// `V` — valutazione.
        V = "V", "Valutazione";
        /// `G` — inserito in graduatoria.
        G = "G", "Inserito in graduatoria";
        /// `A` — attivazione.
        A = "A", "Attivazione";
        /// `S` — sospensione.
        S = "S", "Sospensione";
        /// `C` — chiusura.
        C = "C", "Chiusura";
    }
}

codelist! {
    /// Tipo di relazione: nucleo familiare o rete sociale (`csi-tipo-relazione.csv`).
    pub enum TipoRelazione: "CSI-LIB-TIPO-RELAZIONE" {
        /// Componente del nucleo familiare (tipologia `…1.1.22`).
        NucleoFamiliare = "NUCLEO_FAMILIARE", "Componente del nucleo familiare";
        /// Componente della rete sociale (tipologia `…1.1.23`).
        ReteSociale = "RETE_SOCIALE", "Componente della rete sociale";
    }
}

codelist! {
    /// Ruolo dell'operatore (attender roles, `csi-ruolo-operatore.csv`, `model.md` §6).
    pub enum RuoloOperatore: "CSI-LIB-RUOLO-OPERATORE" {
        /// Responsabile della valutazione (B).
        ResponsabileValutazione = "RESPONSABILE_VALUTAZIONE", "Responsabile della valutazione";
        /// Case manager (B).
        CaseManager = "CASE_MANAGER", "Case manager";
        /// Responsabile del progetto (C).
        ResponsabileProgetto = "RESPONSABILE_PROGETTO", "Responsabile del progetto";
        /// Responsabile del monitoraggio (C).
        ResponsabileMonitoraggio = "RESPONSABILE_MONITORAGGIO", "Responsabile del monitoraggio";
        /// Responsabile della chiusura (E).
        ResponsabileChiusura = "RESPONSABILE_CHIUSURA", "Responsabile della chiusura";
    }
}

codelist! {
    /// Tipo di evento del processo (`EventoProcesso.tipo`, `lifecycle.md` §4).
    pub enum TipoEvento: "CSI-LIB-EVENTO-PROCESSO" {
        /// 1 — apertura dell'accesso.
        ApriAccesso = "APRI_ACCESSO", "Apertura accesso";
        /// 2 — avvio della valutazione del bisogno.
        AvviaValutazione = "AVVIA_VALUTAZIONE", "Avvio valutazione del bisogno";
        /// 3 — chiusura dell'accesso senza valutazione.
        ChiudiAccesso = "CHIUDI_ACCESSO", "Chiusura accesso";
        /// 4 — presa in carico.
        PrendiInCarico = "PRENDI_IN_CARICO", "Presa in carico";
        /// 5 — non presa in carico.
        NonPrendereInCarico = "NON_PRENDERE_IN_CARICO", "Non presa in carico";
        /// 6 — approvazione del progetto.
        ApprovaProgetto = "APPROVA_PROGETTO", "Approvazione progetto";
        /// 7 — registrazione di un servizio.
        RegistraServizio = "REGISTRA_SERVIZIO", "Registrazione servizio";
        /// 8 — inserimento in graduatoria.
        MettiInGraduatoria = "METTI_IN_GRADUATORIA", "Inserimento in graduatoria";
        /// 9 — attivazione di un servizio.
        AttivaServizio = "ATTIVA_SERVIZIO", "Attivazione servizio";
        /// 10 — sospensione di un servizio.
        SospendiServizio = "SOSPENDI_SERVIZIO", "Sospensione servizio";
        /// 11 — ripresa di un servizio sospeso.
        RiprendiServizio = "RIPRENDI_SERVIZIO", "Ripresa servizio";
        /// 12 — conclusione di un servizio.
        ConcludiServizio = "CONCLUDI_SERVIZIO", "Conclusione servizio";
        /// 13 — riprogettazione.
        Riprogetta = "RIPROGETTA", "Riprogettazione";
        /// 14 — avvio della valutazione finale.
        AvviaValutazioneFinale = "AVVIA_VALUTAZIONE_FINALE", "Avvio valutazione finale";
        /// 15 — nuovo progetto dopo la valutazione finale.
        NuovoProgetto = "NUOVO_PROGETTO", "Nuovo progetto";
        /// 16 — chiusura del processo.
        ChiudiProcesso = "CHIUDI_PROCESSO", "Chiusura processo";
        /// 17 — riapertura dello stesso processo.
        Riapri = "RIAPRI", "Riapertura processo";
        /// 18 — nuovo accesso (nuovo processo).
        NuovoAccesso = "NUOVO_ACCESSO", "Nuovo accesso";
        /// 19 — trasferimento ad altro ente.
        Trasferisci = "TRASFERISCI", "Trasferimento ad altro ente";
        /// 20 — ricezione di un trasferimento.
        RiceviTrasferimento = "RICEVI_TRASFERIMENTO", "Ricezione trasferimento";
        /// 21 — annullamento.
        Annulla = "ANNULLA", "Annullamento";
        /// 22 — cambio di responsabile.
        CambiaResponsabile = "CAMBIA_RESPONSABILE", "Cambio responsabile";
    }
}

codelist! {
    /// Tipo di esito della risposta (HL7 AcknowledgementType, `hl7-acknowledgement-type.csv`).
    pub enum TipoEsito: "HL7-AcknowledgementType" {
        /// `AA` — importato senza errori.
        Aa = "AA", "Application Acknowledgement Accept";
        /// `AE` — importato con errori non bloccanti.
        Ae = "AE", "Application Acknowledgement Error";
        /// `AR` — non importato.
        Ar = "AR", "Application Acknowledgement Reject";
        /// `CA` — commit accept.
        Ca = "CA", "Accept Acknowledgement Commit Accept";
        /// `CE` — commit error.
        Ce = "CE", "Accept Acknowledgement Commit Error";
        /// `CR` — commit reject.
        Cr = "CR", "Accept Acknowledgement Commit Reject";
    }
}

codelist! {
    /// Tipo di dettaglio dell'esito (HL7 AcknowledgementDetailType,
    /// `hl7-acknowledgement-detail-type.csv`).
    pub enum TipoDettaglio: "HL7-AcknowledgementDetailType" {
        /// `E` — errore.
        E = "E", "Error";
        /// `W` — avvertimento.
        W = "W", "Warning";
        /// `I` — informazione.
        I = "I", "Information";
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::ListaChiusa;

    /// Asserts that the enum's codes, labels and system equal the rows of its CSV file.
    pub(crate) fn assert_csv<T: ListaChiusa>(csv_text: &str) {
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers = reader.headers().expect("headers").clone();
        let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
        let (c, l, s) = (col("code"), col("label"), col("system"));
        let rows: Vec<(String, String, String)> = reader
            .records()
            .map(|r| {
                let r = r.expect("record");
                (r[c].to_string(), r[l].to_string(), r[s].to_string())
            })
            .collect();
        let ours: Vec<(String, String, String)> = T::ALL
            .iter()
            .map(|v| {
                (
                    v.code().to_string(),
                    v.label().to_string(),
                    T::SYSTEM.to_string(),
                )
            })
            .collect();
        assert_eq!(
            ours,
            rows,
            "{} differs from its CSV",
            std::any::type_name::<T>()
        );
        assert_eq!(T::CODES.len(), T::ALL.len());
        for v in T::ALL {
            assert_eq!(T::from_code(v.code()), Some(*v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::assert_csv;
    use super::*;

    #[test]
    fn structural_enums_equal_their_csv() {
        assert_csv::<Genere>(include_str!(
            "../../data/codelists/hl7-administrative-gender.csv"
        ));
        assert_csv::<TipoFase>(include_str!("../../data/codelists/csi-tipo-fase.csv"));
        assert_csv::<StatoFase>(include_str!("../../data/codelists/csi-stato-fase.csv"));
        assert_csv::<StatoProcesso>(include_str!("../../data/codelists/csi-stato-processo.csv"));
        assert_csv::<EsitoProcesso>(include_str!("../../data/codelists/csi-esito-processo.csv"));
        assert_csv::<StatoIntervento>(include_str!(
            "../../data/codelists/csi-stato-intervento.csv"
        ));
        assert_csv::<TipoRelazione>(include_str!("../../data/codelists/csi-tipo-relazione.csv"));
        assert_csv::<RuoloOperatore>(include_str!("../../data/codelists/csi-ruolo-operatore.csv"));
        assert_csv::<TipoEsito>(include_str!(
            "../../data/codelists/hl7-acknowledgement-type.csv"
        ));
        assert_csv::<TipoDettaglio>(include_str!(
            "../../data/codelists/hl7-acknowledgement-detail-type.csv"
        ));
    }

    #[test]
    fn unknown_code_is_rejected() {
        assert_eq!(StatoFase::from_code("aperta"), None);
        assert!(serde_json::from_str::<StatoFase>("\"X\"").is_err());
        assert_eq!(serde_json::to_string(&Genere::Un).unwrap(), "\"UN\"");
    }
}
