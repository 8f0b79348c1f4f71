"""Type stubs of the native module ``cartella._cartella`` (the Rust binding).

Import from :mod:`cartella`, :mod:`cartella.cf`, :mod:`cartella.codelists` and
:mod:`cartella.lifecycle` rather than from here.
"""

import datetime
import decimal
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Optional, Tuple, TypeAlias, Union, final

_DateLike: TypeAlias = Union[datetime.date, str]
_InstantLike: TypeAlias = Union[datetime.date, datetime.datetime, str]
_JsonDoc: TypeAlias = Union[str, bytes, bytearray, dict[str, Any]]
_ProfileName: TypeAlias = Literal["schema", "guideline", "siuss"]
_Severity: TypeAlias = Literal["error", "warning", "info"]
_Suppression: TypeAlias = Tuple[str, str, str]
_CodeRow: TypeAlias = Union[
    "CodeEntry",
    str,
    Tuple[str, Optional[str]],
    Tuple[str, Optional[str], Optional[_DateLike], Optional[_DateLike]],
]

__all__ = [
    "__version__",
    "Assistito",
    "Birthplace",
    "Cartella",
    "CodeEntry",
    "CodeTable",
    "DecodedCf",
    "Fase",
    "Issue",
    "MODEL_VERSION",
    "PhaseHeader",
    "ProcessoAiuto",
    "Registry",
    "Replay",
    "ReplayStep",
    "Report",
    "Rule",
    "RuleSet",
    "Sample",
    "SuppressedIssue",
    "Validator",
    "allowed_outcomes",
    "allowed_transitions",
    "apply",
    "check_character",
    "check_digit",
    "check_many",
    "codelist_files",
    "decode",
    "dumps",
    "encode",
    "events",
    "explain",
    "implemented_rules",
    "is_valid",
    "json_schema",
    "load_dict",
    "loads",
    "make_issue",
    "mask",
    "name_letters",
    "new_access",
    "normalize",
    "receive_transfer",
    "replay",
    "rules",
    "rulesets",
    "sample",
    "samples",
    "service_state",
    "state",
    "state_after_closing",
    "states",
    "surname_letters",
    "validate",
    "validate_many",
    "validate_message",
    "Case",
    "Difference",
    "DocumentResult",
    "Finding",
    "Manifest",
    "Outcome",
    "validate_document",
    "Ack",
    "AckReadResult",
    "Identifier",
    "Message",
    "ReadResult",
    "WrittenMessage",
    "ack_for",
    "ack_type",
    "message_for_process",
    "read_ack",
    "read_message",
    "write_ack",
    "write_message",
    "Derivazione",
    "Flusso",
    "FlussoLetto",
    "HttpResponse",
    "IdFlusso",
    "ParametriFlussi",
    "RegistroInvii",
    "SelezioneFlussi",
    "VoceFlusso",
    "VoceRegistro",
    "get_flussi",
    "id_beneficiario_sinba",
    "id_flusso",
    "post_esiti",
    "select_flussi_xml",
    "siuss_check",
    "siuss_check_file",
    "siuss_derive_period",
    "siuss_derive_prestazione",
    "siuss_derive_sinba",
    "siuss_read_xml",
    "voce_from_xml",
]

MODEL_VERSION: str
__version__: str

# --- model -------------------------------------------------------------------------------------

@final
class Cartella:
    """A cartella sociale (the canonical document)."""

    @property
    def versione_modello(self) -> str: ...
    @property
    def id_cartella(self) -> str: ...
    @property
    def ente_titolare(self) -> dict[str, Any]: ...
    @property
    def assistito(self) -> Assistito: ...
    @property
    def processi(self) -> list[ProcessoAiuto]: ...
    @property
    def consensi_privacy(self) -> list[dict[str, Any]]: ...
    @property
    def estensioni(self) -> Optional[dict[str, Any]]: ...
    def processo(self, id_processo: str) -> Optional[ProcessoAiuto]: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def to_bytes(self) -> bytes: ...
    def to_dict(self) -> dict[str, Any]: ...
    def copy(self) -> Cartella: ...
    def __copy__(self) -> Cartella: ...
    def __deepcopy__(self, _memo: Any) -> Cartella: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Assistito:
    """The person assisted."""

    @property
    def codice_fiscale(self) -> Optional[str]: ...
    @property
    def codice_fiscale_masked(self) -> Optional[str]: ...
    @property
    def nome(self) -> Optional[str]: ...
    @property
    def cognome(self) -> Optional[str]: ...
    @property
    def genere(self) -> Optional[Literal["M", "F", "UN"]]: ...
    @property
    def data_nascita(self) -> Optional[datetime.date]: ...
    @property
    def comune_nascita(self) -> Optional[dict[str, Any]]: ...
    @property
    def stato_nascita(self) -> Optional[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class ProcessoAiuto:
    """A processo di aiuto (a snapshot; lifecycle events on it change it in place)."""

    @staticmethod
    def from_dict(data: Union[dict[str, Any], str]) -> ProcessoAiuto: ...
    @property
    def id_processo(self) -> str: ...
    @property
    def stato(self) -> Optional[str]: ...
    @property
    def riapertura_di(self) -> Optional[str]: ...
    @property
    def fasi(self) -> list[Fase]: ...
    @property
    def eventi(self) -> list[dict[str, Any]]: ...
    @property
    def prese_in_carico(self) -> list[dict[str, Any]]: ...
    def fase(self, id_fase: str) -> Optional[Fase]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Fase:
    """A phase record (A–E)."""

    @property
    def kind(
        self,
    ) -> Literal[
        "ACCESSO_E_ORIENTAMENTO",
        "VALUTAZIONE_DEL_BISOGNO",
        "ELABORAZIONE_PROGETTO_INDIVIDUALE",
        "EROGAZIONE_DEL_SERVIZIO",
        "VALUTAZIONE_FINALE_E_CONCLUSIONE_PROCESSO_AIUTO",
    ]: ...
    @property
    def letter(self) -> Literal["A", "B", "C", "D", "E"]: ...
    @property
    def id_fase(self) -> str: ...
    @property
    def header(self) -> PhaseHeader: ...
    @property
    def is_open(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class PhaseHeader:
    """Header common to every phase record."""

    @property
    def id_fase(self) -> str: ...
    @property
    def stato_fase(self) -> Literal["APERTA", "CHIUSA", "SOSPESA", "ANNULLATA"]: ...
    @property
    def data_inizio(self) -> Optional[str]: ...
    @property
    def data_fine(self) -> Optional[str]: ...
    @property
    def esito(self) -> Optional[dict[str, Any]]: ...
    @property
    def esito_processo(self) -> Optional[str]: ...
    @property
    def codice_fase(self) -> Optional[dict[str, Any]]: ...
    @property
    def annotazioni(self) -> Optional[str]: ...

def loads(data: Union[str, bytes, bytearray]) -> Cartella: ...
def load_dict(data: dict[str, Any]) -> Cartella: ...
def dumps(cartella: Cartella, pretty: bool = False) -> str: ...
def json_schema() -> dict[str, Any]: ...

# --- validation --------------------------------------------------------------------------------

@final
class Issue:
    """One finding. Findings are data, never exceptions."""

    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def profile(self) -> _ProfileName: ...
    @property
    def path(self) -> str: ...
    @property
    def xml_path(self) -> Optional[str]: ...
    @property
    def message_it(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def params(self) -> dict[str, str]: ...
    @property
    def is_blocking(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class SuppressedIssue:
    """A suppressed finding and the reason of its suppression."""

    @property
    def issue(self) -> Issue: ...
    @property
    def reason(self) -> str: ...

@final
class Report:
    """The result of a validation."""

    @property
    def issues(self) -> list[Issue]: ...
    @property
    def suppressed(self) -> list[SuppressedIssue]: ...
    @property
    def is_valid(self) -> bool: ...
    @property
    def is_blocking(self) -> bool: ...
    def with_severity(self, severity: _Severity) -> list[Issue]: ...
    def count(self, severity: _Severity) -> int: ...
    def has(self, rule_id: str) -> bool: ...
    def rule_ids(self) -> list[str]: ...
    def errors(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Validator:
    """Validation options fixed once; reuse for many documents. Thread-safe."""

    def __new__(
        cls,
        profile: _ProfileName = "guideline",
        *,
        as_of: Optional[_DateLike] = None,
        suppress: Optional[Iterable[_Suppression]] = None,
        registry: Optional[Registry] = None,
        reference_data: bool = True,
    ) -> Validator: ...
    @property
    def profile(self) -> _ProfileName: ...
    @property
    def as_of(self) -> datetime.date: ...
    def validate(self, cartella: Union[Cartella, _JsonDoc]) -> Report: ...
    def validate_many(self, cartelle: Iterable[Union[Cartella, _JsonDoc]]) -> list[Report]: ...
    def validate_message(self, message: Union[Message, _JsonDoc]) -> Report: ...

def validate(
    cartella: Union[Cartella, _JsonDoc],
    profile: _ProfileName = "guideline",
    *,
    as_of: Optional[_DateLike] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> Report: ...
def validate_many(
    cartelle: Iterable[Union[Cartella, _JsonDoc]],
    profile: _ProfileName = "guideline",
    *,
    as_of: Optional[_DateLike] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> list[Report]: ...
def validate_message(
    message: Union[Message, _JsonDoc],
    profile: _ProfileName = "guideline",
    *,
    as_of: Optional[_DateLike] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> Report: ...
# --- documents of any format, conformance suite -------------------------------------------------

_DocumentKind: TypeAlias = Literal[
    "cartella_json", "message_json", "interscambio_xml", "inps_flow", "ack_xml"
]
_CaseKind: TypeAlias = Literal[
    "documento",
    "derivazione_ps",
    "derivazione_sinba",
    "waas_voce",
    "waas_query",
    "waas_esiti",
    "ciclo_di_vita",
    "scrittura_interscambio",
]

@final
class DocumentResult:
    """A document validated by :func:`validate_document`: its kind and the report, or why it
    could not be read."""

    @property
    def kind(self) -> _DocumentKind: ...
    @property
    def label(self) -> str: ...
    @property
    def report(self) -> Optional[Report]: ...
    @property
    def error(self) -> Optional[str]: ...
    @property
    def issues(self) -> list[Issue]: ...
    @property
    def is_valid(self) -> bool: ...

def validate_document(
    data: Union[bytes, bytearray, str],
    *,
    profile: _ProfileName = "guideline",
    as_of: Optional[_DateLike] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> DocumentResult: ...
@final
class Finding:
    """One finding of the conformance suite, without message text."""

    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def path(self) -> str: ...
    def as_tuple(self) -> tuple[str, _Severity, str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Difference:
    """How an actual outcome differs from the expected one."""

    @property
    def valid(self) -> Optional[tuple[bool, bool]]: ...
    @property
    def missing(self) -> list[Finding]: ...
    @property
    def unexpected(self) -> list[Finding]: ...

@final
class Outcome:
    """An outcome of a case, expected or actual (with its difference from the expected one)."""

    @property
    def valid(self) -> bool: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def difference(self) -> Optional[Difference]: ...
    @property
    def passed(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Case:
    """One case of the conformance manifest."""

    @property
    def id(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def kind(self) -> _CaseKind: ...
    @property
    def input(self) -> str: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def status(self) -> Literal["attivo", "bozza"]: ...
    @property
    def active(self) -> bool: ...
    @property
    def profile(self) -> _ProfileName: ...
    @property
    def as_of(self) -> str: ...
    @property
    def options(self) -> Optional[dict[str, Any]]: ...
    @property
    def expected(self) -> Outcome: ...
    def run(self, input: Union[bytes, bytearray, str]) -> Outcome: ...

@final
class Manifest:
    """The conformance manifest (``conformance/manifest.json``)."""

    @staticmethod
    def from_json(text: Union[str, bytes, bytearray]) -> Manifest: ...
    @property
    def version(self) -> int: ...
    @property
    def cases(self) -> list[Case]: ...
    def case(self, id: str) -> Optional[Case]: ...
    def __len__(self) -> int: ...

@final
class Rule:
    """One rule of the catalogue."""

    @property
    def id(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def profile(self) -> _ProfileName: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def valid_from(self) -> Optional[datetime.date]: ...
    @property
    def valid_to(self) -> Optional[datetime.date]: ...
    @property
    def source(self) -> list[str]: ...
    @property
    def reference(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def message_it(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    @property
    def params(self) -> list[str]: ...
    @property
    def stage(self) -> Literal["xml", "canonical", "siuss", "waas"]: ...
    @property
    def family(self) -> str: ...
    def in_force(self, date: _DateLike) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class RuleSet:
    """A rule set with its effective dates."""

    @property
    def name(self) -> str: ...
    @property
    def valid_from(self) -> Optional[datetime.date]: ...
    @property
    def valid_to(self) -> Optional[datetime.date]: ...
    @property
    def rules(self) -> int: ...

def rules() -> list[Rule]: ...
def explain(rule_id: str) -> Rule: ...
def rulesets() -> list[RuleSet]: ...
def implemented_rules() -> list[str]: ...
def make_issue(rule_id: str, path: str = "", params: Optional[Mapping[str, str]] = None) -> Issue: ...

# --- code lists --------------------------------------------------------------------------------

@final
class CodeEntry:
    """One code of a table."""

    def __new__(
        cls,
        code: str,
        label: Optional[str] = None,
        valid_from: Optional[_DateLike] = None,
        valid_to: Optional[_DateLike] = None,
    ) -> CodeEntry: ...
    @property
    def code(self) -> str: ...
    @property
    def label(self) -> Optional[str]: ...
    @property
    def valid_from(self) -> Optional[datetime.date]: ...
    @property
    def valid_to(self) -> Optional[datetime.date]: ...
    def is_valid_on(self, date: _DateLike) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class CodeTable:
    """A code table (a snapshot)."""

    @property
    def system(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def kind(self) -> Literal["chiuso", "aperto-estendibile", "tabella-registrata"]: ...
    @property
    def entries(self) -> list[CodeEntry]: ...
    def get(self, code: str) -> Optional[CodeEntry]: ...
    def __contains__(self, code: str, /) -> bool: ...
    def __len__(self) -> int: ...

@final
class Registry:
    """Code lists, registered tables, open systems and concept maps."""

    def __new__(cls) -> Registry: ...
    @staticmethod
    def standard() -> Registry: ...
    @staticmethod
    def empty() -> Registry: ...
    def copy(self) -> Registry: ...
    def register_table(
        self, system: str, rows: Union[Mapping[str, Optional[str]], Iterable[_CodeRow]]
    ) -> None: ...
    def register_csv(self, data: Union[str, bytes]) -> list[str]: ...
    def register_ats_seed(self) -> None: ...
    def register_map(
        self,
        source_system: str,
        target_system: str,
        pairs: Union[Mapping[str, str], Iterable[Tuple[str, str]]],
    ) -> None: ...
    def register_maps_csv(self, data: Union[str, bytes]) -> None: ...
    def translate(self, source_system: str, code: str, target_system: str) -> Optional[str]: ...
    def has_map(self, source_system: str, target_system: str) -> bool: ...
    def lookup(self, system: str, code: str) -> Optional[CodeEntry]: ...
    def label(self, system: str, code: str) -> Optional[str]: ...
    def check(
        self, system: str, code: str, at: Optional[_DateLike] = None
    ) -> Literal["valid", "not_valid_at_date", "not_in_table", "open_system", "unknown_system"]: ...
    def table(self, system: str) -> Optional[CodeTable]: ...
    def list_system(self, system: str) -> list[CodeEntry]: ...
    def systems(self) -> list[str]: ...
    def open_systems(self) -> dict[str, str]: ...
    def is_open(self, system: str) -> bool: ...
    def phase_code_defaults(self) -> list[CodeEntry]: ...
    def __contains__(self, system: str, /) -> bool: ...

def codelist_files() -> list[tuple[str, str]]: ...

# --- codice fiscale ----------------------------------------------------------------------------

@final
class Birthplace:
    """Birthplace decoded from positions 12–15 of a codice fiscale."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def kind(self) -> Literal["comune", "estero"]: ...
    @property
    def province(self) -> Optional[str]: ...

@final
class DecodedCf:
    """Result of ``cf.decode``."""

    @property
    def code(self) -> str: ...
    @property
    def masked(self) -> str: ...
    @property
    def kind(self) -> Optional[Literal["personal", "numeric"]]: ...
    @property
    def is_valid(self) -> bool: ...
    @property
    def sex(self) -> Optional[Literal["M", "F"]]: ...
    @property
    def birth_date(self) -> Optional[datetime.date]: ...
    @property
    def birthplace(self) -> Optional[Birthplace]: ...
    @property
    def omocodia(self) -> bool: ...
    @property
    def issues(self) -> list[Issue]: ...
    @property
    def rule_ids(self) -> list[str]: ...

def is_valid(code: str) -> bool: ...
def check_many(codes: Iterable[str]) -> list[bool]: ...
def decode(
    code: str,
    reference_date: Optional[_DateLike] = None,
    *,
    reference_data: bool = True,
    natural_person: bool = False,
    birth_date: Optional[_DateLike] = None,
    sex: Optional[Literal["M", "F", "UN"]] = None,
    surname: Optional[str] = None,
    name: Optional[str] = None,
    birth_comune_istat: Optional[str] = None,
    birth_country_iso: Optional[str] = None,
) -> DecodedCf: ...
def encode(
    surname: str,
    name: str,
    birth_date: _DateLike,
    sex: Literal["M", "F"],
    birthplace: str,
    omocodia: int = 0,
) -> str: ...
def normalize(code: str) -> str: ...
def check_character(prefix: str) -> Optional[str]: ...
def check_digit(code: str) -> Optional[int]: ...
def surname_letters(surname: str) -> str: ...
def name_letters(name: str) -> str: ...
def mask(code: str) -> str: ...

# --- lifecycle ---------------------------------------------------------------------------------

@final
class ReplayStep:
    """One replayed step."""

    @property
    def kind(
        self,
    ) -> Literal["start", "end", "suspension", "resumption", "transfer", "annulment"]: ...
    @property
    def suspension(self) -> Optional[int]: ...
    @property
    def phase_index(self) -> Optional[int]: ...
    @property
    def instant(self) -> Optional[str]: ...
    @property
    def state(self) -> str: ...

@final
class Replay:
    """Result of replaying a process from its phase records."""

    @property
    def state(self) -> str: ...
    @property
    def steps(self) -> list[ReplayStep]: ...
    @property
    def issues(self) -> list[Issue]: ...
    @property
    def outcomes(self) -> list[Optional[str]]: ...

def apply(
    target: Union[Cartella, ProcessoAiuto],
    event: str,
    *,
    date: _InstantLike,
    process_id: Optional[str] = None,
    record: Optional[dict[str, Any]] = None,
    id_fase: Optional[str] = None,
    esito: Optional[str] = None,
    motivazione: Optional[dict[str, Any]] = None,
    ente_destinatario: Optional[dict[str, Any]] = None,
    stessa_regione: bool = False,
    id_messaggio: Optional[str] = None,
    ruolo: Optional[str] = None,
    operatore: Optional[dict[str, Any]] = None,
    operator_cf: Optional[str] = None,
    note: Optional[str] = None,
    strict: bool = False,
) -> list[Issue]: ...
def new_access(
    cartella: Cartella,
    process_id: str,
    *,
    date: _InstantLike,
    record: Optional[dict[str, Any]] = None,
    id_fase: Optional[str] = None,
    operator_cf: Optional[str] = None,
    note: Optional[str] = None,
    strict: bool = False,
) -> list[Issue]: ...
def receive_transfer(
    cartella: Cartella,
    processo: Union[ProcessoAiuto, dict[str, Any]],
    *,
    ricezione: dict[str, Any],
    date: _InstantLike,
    operator_cf: Optional[str] = None,
    note: Optional[str] = None,
) -> list[Issue]: ...
def state(target: Union[Cartella, ProcessoAiuto], process_id: Optional[str] = None) -> str: ...
def allowed_transitions(
    target: Union[Cartella, ProcessoAiuto], process_id: Optional[str] = None
) -> list[str]: ...
def replay(target: Union[Cartella, ProcessoAiuto], process_id: Optional[str] = None) -> Replay: ...
def allowed_outcomes(kind: str) -> list[str]: ...
def state_after_closing(kind: str, outcome: str) -> Optional[str]: ...
def service_state(fase: Union[Fase, dict[str, Any]]) -> Literal["V", "G", "A", "S", "C"]: ...
def states() -> list[str]: ...
def events() -> list[str]: ...

# --- samples -----------------------------------------------------------------------------------

@final
class Sample:
    """One embedded sample cartella."""

    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def json(self) -> str: ...
    @property
    def expect_valid(self) -> bool: ...
    @property
    def expected_rules(self) -> list[str]: ...
    def load(self) -> Cartella: ...

def samples() -> list[Sample]: ...
def sample(name: str) -> Sample: ...

# --- interscambio ------------------------------------------------------------------------------

_IdentifierLike: TypeAlias = Union["Identifier", str, Tuple[str, Optional[str]], dict[str, Any]]
_XmlInput: TypeAlias = Union[str, bytes, bytearray]
_ReportLike: TypeAlias = Union[Report, "ReadResult", Iterable[Issue]]

@final
class Identifier:
    """An HL7 instance identifier (``root`` OID, optional ``extension``)."""

    def __new__(cls, extension: Optional[str], root: str = ...) -> Identifier: ...
    @property
    def root(self) -> str: ...
    @property
    def extension(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Message:
    """An interchange message ``PRSS_IN001004ZZ``: envelope plus the cartella."""

    @staticmethod
    def from_json(data: Union[str, bytes, bytearray]) -> Message: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> Message: ...
    @property
    def message_id(self) -> Identifier: ...
    @property
    def created(self) -> str: ...
    @property
    def processing_code(self) -> str: ...
    @property
    def processing_mode_code(self) -> str: ...
    @property
    def accept_ack_code(self) -> str: ...
    @property
    def version_code(self) -> Optional[str]: ...
    @property
    def sender(self) -> Identifier: ...
    @property
    def receivers(self) -> list[Identifier]: ...
    @property
    def cartella(self) -> Cartella: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class ReadResult:
    """The message read (``None`` when the input is unreadable) and the findings."""

    @property
    def message(self) -> Optional[Message]: ...
    @property
    def issues(self) -> list[Issue]: ...
    def has(self, rule_id: str) -> bool: ...
    def rule_ids(self) -> list[str]: ...

@final
class WrittenMessage:
    """The XML written and the writer's findings."""

    @property
    def xml(self) -> str: ...
    @property
    def issues(self) -> list[Issue]: ...

@final
class Ack:
    """An acknowledgement ``MCCI_IN000002UV01``."""

    @staticmethod
    def from_json(data: Union[str, bytes, bytearray]) -> Ack: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> Ack: ...
    @property
    def message_id(self) -> Identifier: ...
    @property
    def created(self) -> str: ...
    @property
    def sender(self) -> Identifier: ...
    @property
    def receivers(self) -> list[Identifier]: ...
    @property
    def ack_type(self) -> Literal["AA", "AE", "AR", "CA", "CE", "CR"]: ...
    @property
    def target_message_id(self) -> Identifier: ...
    @property
    def details(self) -> list[dict[str, Any]]: ...
    def detail_rule_ids(self) -> list[str]: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class AckReadResult:
    """The acknowledgement read (``None`` when the input is unreadable) and the findings."""

    @property
    def ack(self) -> Optional[Ack]: ...
    @property
    def issues(self) -> list[Issue]: ...
    def has(self, rule_id: str) -> bool: ...
    def rule_ids(self) -> list[str]: ...

def read_message(
    xml: _XmlInput,
    *,
    max_size: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_elements: Optional[int] = None,
    max_attribute: Optional[int] = None,
) -> ReadResult: ...
def write_message(
    message: Union[Message, _JsonDoc],
    *,
    date_format: Literal["hl7", "ddmmyyyy"] = "hl7",
    money_form: Literal["ce_code", "hl7_mo"] = "ce_code",
    esito_placement: Literal["effective_time", "encounter_event"] = "effective_time",
    patient_cf_root: Optional[str] = None,
    gender_codes: Literal["hl7", "numeric"] = "hl7",
    envelope_codes: Literal["hl7", "regional"] = "hl7",
    interaction_id_root: bool = True,
    telecom_form: Literal["hl7", "positional"] = "hl7",
    relation_addr_use: Optional[str] = None,
    profilo_erogante_oid: Optional[str] = None,
    phase_codes: Optional[Sequence[str]] = None,
    cycles: Literal["all", "single"] = "all",
    suspension_form: Literal["all", "latest"] = "all",
    oid_table: Optional[Mapping[str, Optional[str]]] = None,
    indent: bool = True,
    filtro_sensibilita: Optional[Sequence[Literal["IDE", "CON", "SAL", "SES", "GIU", "ECO", "MIN"]]] = None,
) -> WrittenMessage: ...
def message_for_process(
    cartella: Union[Cartella, _JsonDoc],
    process_id: str,
    *,
    message_id: _IdentifierLike,
    created: _InstantLike,
    sender: _IdentifierLike,
    receivers: Union[str, Iterable[_IdentifierLike]],
) -> Message: ...
def ack_type(report: _ReportLike) -> Literal["AA", "AE", "AR"]: ...
def ack_for(
    message: Union[Message, _JsonDoc],
    report: _ReportLike,
    *,
    message_id: _IdentifierLike,
    created: _InstantLike,
    sender: _IdentifierLike,
    min_severity: _Severity = "warning",
    max_details: int = 100,
) -> Ack: ...
def write_ack(ack: Union[Ack, _JsonDoc], *, indent: bool = True) -> str: ...
def read_ack(
    xml: _XmlInput,
    *,
    max_size: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_elements: Optional[int] = None,
    max_attribute: Optional[int] = None,
) -> AckReadResult: ...

# --- national flows (SIUSS) ---------------------------------------------------------------------

_TipoFlusso: TypeAlias = Literal["PS_PSA_SINA", "SINBA"]
_Canale: TypeAlias = Literal["waas", "cooperazione", "upload"]
_Amount: TypeAlias = Union[decimal.Decimal, int, str]
_Bytes: TypeAlias = Union[str, bytes, bytearray]

@final
class Flusso:
    """A PS-PSA-SINA or SINBA flow (``siuss.md`` §10). Immutable."""

    @staticmethod
    def from_json(data: Union[str, bytes, bytearray]) -> Flusso: ...
    @staticmethod
    def from_dict(data: dict[str, Any]) -> Flusso: ...
    @property
    def tipo(self) -> _TipoFlusso: ...
    @property
    def nome(self) -> Optional[str]: ...
    def __len__(self) -> int: ...
    def to_xml(self) -> str: ...
    def to_json(self, pretty: bool = False) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Derivazione:
    """Result of a derivation: the flows and the findings."""

    @property
    def flussi(self) -> list[Flusso]: ...
    @property
    def report(self) -> Report: ...

@final
class FlussoLetto:
    """The flow read (``None`` when the input is unreadable) and the reader's findings."""

    @property
    def flusso(self) -> Optional[Flusso]: ...
    @property
    def issues(self) -> list[Issue]: ...
    def has(self, rule_id: str) -> bool: ...
    def rule_ids(self) -> list[str]: ...

@final
class IdFlusso:
    """The parts of an ``id_flusso`` (lenient read form)."""

    @staticmethod
    def parse(id: str) -> Optional[IdFlusso]: ...
    @property
    def codice_ente(self) -> str: ...
    @property
    def tipo(self) -> _TipoFlusso: ...
    @property
    def data(self) -> datetime.date: ...
    @property
    def progressivo(self) -> int: ...
    def to_str(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class HttpResponse:
    """A transport-free HTTP response of the WaaS API, with the findings of the call."""

    @property
    def status(self) -> int: ...
    @property
    def content_type(self) -> Optional[str]: ...
    @property
    def body(self) -> Optional[str]: ...
    @property
    def issues(self) -> list[Issue]: ...

@final
class ParametriFlussi:
    """The validated query of ``GET /flussi``."""

    def __new__(cls, since: int, limit: int = 10) -> ParametriFlussi: ...
    @staticmethod
    def from_query(query: str) -> ParametriFlussi: ...
    @property
    def since(self) -> int: ...
    @property
    def limit(self) -> int: ...

@final
class VoceFlusso:
    """One entry of the ``GET /flussi`` response."""

    @property
    def codice_ente(self) -> str: ...
    @property
    def denominazione_ente(self) -> str: ...
    @property
    def id_flusso(self) -> str: ...
    @property
    def tipo(self) -> str: ...
    @property
    def ts_flusso(self) -> str: ...
    @property
    def flusso(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class SelezioneFlussi:
    """A selection of flows for ``GET /flussi``."""

    @property
    def body(self) -> str: ...
    @property
    def voci(self) -> list[VoceFlusso]: ...
    @property
    def esposti(self) -> list[str]: ...
    @property
    def issues(self) -> list[Issue]: ...

@final
class VoceRegistro:
    """One flow in the send register."""

    @property
    def id_flusso(self) -> str: ...
    @property
    def tipo(self) -> _TipoFlusso: ...
    @property
    def ts_flusso(self) -> int: ...
    @property
    def stato(self) -> Literal["PRONTO", "ESPOSTO", "ACQUISITO", "RIFIUTATO"]: ...
    @property
    def xml(self) -> str: ...
    @property
    def sha256_xml(self) -> str: ...
    @property
    def chiave_record(self) -> dict[str, Any]: ...
    @property
    def id_acquisizione_siuss(self) -> Optional[str]: ...
    @property
    def descrizione_esito(self) -> Optional[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class RegistroInvii:
    """The send register of the WaaS API, kept by the caller."""

    def __new__(cls) -> RegistroInvii: ...
    @staticmethod
    def from_json(data: Union[str, bytes, bytearray]) -> RegistroInvii: ...
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...
    def __contains__(self, id_flusso: str, /) -> bool: ...
    @property
    def voci(self) -> list[VoceRegistro]: ...
    def voce(self, id_flusso: str) -> Optional[VoceRegistro]: ...
    def add(self, flusso: Flusso, *, now_ms: Optional[int] = None) -> int: ...
    def check(self) -> list[Issue]: ...
    def __eq__(self, other: object, /) -> bool: ...

def siuss_derive_period(
    cartella: Union[Cartella, _JsonDoc],
    dal: _DateLike,
    al: _DateLike,
    *,
    cf_operatore: str,
    canale: _Canale = "waas",
    data_riferimento: Optional[_DateLike] = None,
    data_creazione: Optional[_DateLike] = None,
    progressivo: int = 1,
    tolleranza_quote: Optional[_Amount] = None,
    troncamento_nomi: bool = True,
    sina: Literal["auto", "sempre", "mai"] = "auto",
    chiave_hmac: Optional[bytes] = None,
    id_caso: Literal["cartella", "processo"] = "cartella",
    campi_opzionali: Literal["se_presenti", "solo_obbligatori"] = "se_presenti",
    regioni_dm1986: Optional[Mapping[str, str]] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> Derivazione: ...
def siuss_derive_prestazione(
    cartella: Union[Cartella, _JsonDoc],
    id_fase: str,
    *,
    cf_operatore: str,
    canale: _Canale = "waas",
    data_riferimento: Optional[_DateLike] = None,
    data_creazione: Optional[_DateLike] = None,
    progressivo: int = 1,
    tolleranza_quote: Optional[_Amount] = None,
    troncamento_nomi: bool = True,
    sina: Literal["auto", "sempre", "mai"] = "auto",
    chiave_hmac: Optional[bytes] = None,
    id_caso: Literal["cartella", "processo"] = "cartella",
    campi_opzionali: Literal["se_presenti", "solo_obbligatori"] = "se_presenti",
    regioni_dm1986: Optional[Mapping[str, str]] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> Derivazione: ...
def siuss_derive_sinba(
    cartella: Union[Cartella, _JsonDoc],
    *,
    cf_operatore: str,
    canale: _Canale = "waas",
    data_riferimento: Optional[_DateLike] = None,
    data_creazione: Optional[_DateLike] = None,
    progressivo: int = 1,
    tolleranza_quote: Optional[_Amount] = None,
    troncamento_nomi: bool = True,
    sina: Literal["auto", "sempre", "mai"] = "auto",
    chiave_hmac: Optional[bytes] = None,
    id_caso: Literal["cartella", "processo"] = "cartella",
    campi_opzionali: Literal["se_presenti", "solo_obbligatori"] = "se_presenti",
    regioni_dm1986: Optional[Mapping[str, str]] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
    reference_data: bool = True,
) -> Derivazione: ...
def siuss_check(
    flusso: Flusso,
    *,
    canale: _Canale = "upload",
    as_of: Optional[_DateLike] = None,
    tolleranza_quote: Optional[_Amount] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
) -> Report: ...
def siuss_check_file(
    path: Union[str, os.PathLike[str]],
    *,
    canale: _Canale = "upload",
    as_of: Optional[_DateLike] = None,
    tolleranza_quote: Optional[_Amount] = None,
    suppress: Optional[Iterable[_Suppression]] = None,
    registry: Optional[Registry] = None,
) -> Report: ...
def siuss_read_xml(
    xml: _Bytes,
    *,
    max_size: Optional[int] = None,
    max_depth: Optional[int] = None,
    max_elements: Optional[int] = None,
    max_attribute: Optional[int] = None,
) -> FlussoLetto: ...
def id_flusso(codice_ente: str, tipo: _TipoFlusso, data: _DateLike, progressivo: int) -> str: ...
def voce_from_xml(xml: _Bytes, ts_flusso: int) -> VoceFlusso: ...
def select_flussi_xml(
    flussi: Iterable[Tuple[_Bytes, int]], parametri: Union[ParametriFlussi, str]
) -> SelezioneFlussi: ...
def get_flussi(query: str, registro: RegistroInvii) -> HttpResponse: ...
def post_esiti(body: _Bytes, registro: RegistroInvii) -> HttpResponse: ...
def id_beneficiario_sinba(belfiore: str, id_caso: str, chiave: bytes) -> str: ...
