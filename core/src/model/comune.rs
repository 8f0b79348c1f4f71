//! Common parts: `Ente`, `Persona`, `Operatore` (`model.md` §3.1–§3.2), and the declaration
//! macros shared by the model files (`campi_canonici!`, `struttura_canonica!`).

#[allow(unused_imports)]
use super::*;

/// Normalises a list of canonical-JSON fields and hands it to a callback macro.
///
/// Each input field is `/// doc` comments, a *kind*, then `name: Type`:
///
/// | kind | Rust type | canonical JSON |
/// |---|---|---|
/// | `richiesto` | `T` | always written; required on input |
/// | `opzionale` | `Option<T>` | omitted when absent; `null` rejected |
/// | `testo` | `Option<Testo>` | as `opzionale`, and `""` reads as absent |
/// | `lista` | `Vec<T>` | omitted when empty; `null` rejected |
///
/// The callback `[path::to::macro]` is invoked as `macro!(ARGS... [FIELDS])`, where each
/// normalised field is `{ [#[doc…]…] [#[serde(…)]] kind name: Type }` (the serde attributes of its
/// kind, the only place where they are written).
macro_rules! campi_canonici {
    ([$($cb:tt)*] [$($args:tt)*] [$($fatti:tt)*]) => {
        $($cb)*!($($args)* [$($fatti)*]);
    };
    ($cb:tt $args:tt [$($fatti:tt)*]
        $(#[$($doc:tt)*])* richiesto $f:ident : $ty:ty $(, $($resto:tt)*)?) => {
        $crate::model::comune::campi_canonici!($cb $args [$($fatti)*
            { [$(#[$($doc)*])*] [] richiesto $f: $ty }
        ] $($($resto)*)?);
    };
    ($cb:tt $args:tt [$($fatti:tt)*]
        $(#[$($doc:tt)*])* opzionale $f:ident : $ty:ty $(, $($resto:tt)*)?) => {
        $crate::model::comune::campi_canonici!($cb $args [$($fatti)*
            { [$(#[$($doc)*])*] [#[serde(
                default,
                deserialize_with = "super::serde_util::opzionale",
                skip_serializing_if = "Option::is_none"
            )]] opzionale $f: $ty }
        ] $($($resto)*)?);
    };
    ($cb:tt $args:tt [$($fatti:tt)*]
        $(#[$($doc:tt)*])* testo $f:ident : $ty:ty $(, $($resto:tt)*)?) => {
        $crate::model::comune::campi_canonici!($cb $args [$($fatti)*
            { [$(#[$($doc)*])*] [#[serde(
                default,
                deserialize_with = "super::serde_util::testo_opzionale",
                skip_serializing_if = "Option::is_none"
            )]] testo $f: $ty }
        ] $($($resto)*)?);
    };
    ($cb:tt $args:tt [$($fatti:tt)*]
        $(#[$($doc:tt)*])* lista $f:ident : $ty:ty $(, $($resto:tt)*)?) => {
        $crate::model::comune::campi_canonici!($cb $args [$($fatti)*
            { [$(#[$($doc)*])*] [#[serde(
                default,
                skip_serializing_if = "Vec::is_empty"
            )]] lista $f: $ty }
        ] $($($resto)*)?);
    };
}
pub(crate) use campi_canonici;

/// Declares a plain canonical record: a public struct with `pub` fields, deriving
/// `Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema` with
/// `deny_unknown_fields`; fields are written as for `campi_canonici!`.
macro_rules! struttura_canonica {
    ($(#[$($m:tt)*])* pub struct $nome:ident { $($campi:tt)* }) => {
        $crate::model::comune::campi_canonici!(
            [$crate::model::comune::struttura_canonica]
            [@emetti [$(#[$($m)*])*] $nome]
            []
            $($campi)*
        );
    };
    (@emetti [$($m:tt)*] $nome:ident
        [$({ [$($doc:tt)*] [$($serde:tt)*] $tipo:ident $f:ident : $ty:ty })*]) => {
        $($m)*
        #[derive(
            Debug,
            Clone,
            PartialEq,
            Default,
            ::serde::Serialize,
            ::serde::Deserialize,
            ::schemars::JsonSchema
        )]
        #[serde(deny_unknown_fields)]
        pub struct $nome {
            $($($doc)* $($serde)* pub $f: $ty,)*
        }
    };
}
pub(crate) use struttura_canonica;

struttura_canonica! {
    /// Ente: any organisation (owner, referrer, recorder, guarantor, sender/receiver, INPS reporting entity).
    pub struct Ente {
        /// Identificativo (root = namespace of the code).
        richiesto id: Identificatore,
        /// Denominazione (≤ 256).
        testo denominazione: Option<Testo>,
        /// Tipologia ente (binding depends on use; ente segnalante: `…1.1.5`).
        opzionale tipologia: Option<Codice>,
        /// Codice catastale (sent as INPS `Ente/@Indirizzo`).
        opzionale codice_belfiore: Option<CodiceBelfiore>,
        /// Codice ISTAT comune.
        opzionale codice_istat_comune: Option<CodiceIstatComune>,
        /// Codice ente INPS (1–32; defaults to `codice_belfiore`).
        opzionale codice_ente_inps: Option<String>,
    }
}

struttura_canonica! {
    /// Persona: a person referenced by a record.
    pub struct Persona {
        /// Codice fiscale.
        opzionale codice_fiscale: Option<CodiceFiscale>,
        /// Altri identificativi.
        lista altri_identificativi: Vec<Identificatore>,
        /// Nome (≤ 100).
        testo nome: Option<Testo>,
        /// Cognome (≤ 100).
        testo cognome: Option<Testo>,
    }
}

struttura_canonica! {
    /// Operatore: a professional identified by codice fiscale (`Persona` + profilo professionale).
    pub struct Operatore {
        /// Codice fiscale.
        opzionale codice_fiscale: Option<CodiceFiscale>,
        /// Altri identificativi.
        lista altri_identificativi: Vec<Identificatore>,
        /// Nome (≤ 100).
        testo nome: Option<Testo>,
        /// Cognome (≤ 100).
        testo cognome: Option<Testo>,
        /// Profilo professionale (binding depends on the role, `model.md` §6).
        opzionale profilo_professionale: Option<Codice>,
    }
}
