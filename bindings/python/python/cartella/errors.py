"""Exceptions of the ``cartella`` package.

Every failure of an operation raises a subclass of :class:`CartellaError`. Validation findings are
never exceptions: they are :class:`cartella.Issue` objects in a :class:`cartella.Report`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ._cartella import HttpResponse, Issue

__all__ = [
    "CartellaError",
    "ParseError",
    "UnsupportedVersionError",
    "TableError",
    "UnknownCodeSystemError",
    "UnknownRuleError",
    "SuppressionError",
    "IllegalTransitionError",
    "InvalidArgumentError",
    "CartellaIOError",
    "FlussoNonDerivabileError",
    "RifiutoError",
]


class CartellaError(Exception):
    """Base class of every error raised by ``cartella``."""

    #: Index of the failing item in a batch call (``validate_many``), else ``None``.
    index: Optional[int]

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.index = None


class ParseError(CartellaError, ValueError):
    """The canonical JSON could not be read into the model."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        #: 1-based line (0 when unknown).
        self.line = line
        #: 1-based column (0 when unknown).
        self.column = column


class UnsupportedVersionError(ParseError):
    """``versione_modello`` is not a version this library reads."""

    def __init__(self, message: str, found: str = "", expected: str = "") -> None:
        super().__init__(message)
        self.found = found
        self.expected = expected


class TableError(CartellaError, ValueError):
    """A code table, reference table or concept map could not be loaded."""

    def __init__(self, message: str, table: str = "") -> None:
        super().__init__(message)
        self.table = table


class UnknownCodeSystemError(CartellaError, LookupError):
    """A code system is not known to the registry."""

    def __init__(self, message: str, system: str = "") -> None:
        super().__init__(message)
        self.system = system


class UnknownRuleError(CartellaError, LookupError):
    """A rule id is not in the catalogue."""

    def __init__(self, message: str, rule_id: str = "") -> None:
        super().__init__(message)
        self.rule_id = rule_id


class SuppressionError(CartellaError, ValueError):
    """A suppression was given without a reason."""

    def __init__(self, message: str, rule_id: str = "") -> None:
        super().__init__(message)
        self.rule_id = rule_id


class IllegalTransitionError(CartellaError):
    """A lifecycle event is not allowed; ``rule_id`` is the rule it violates (``CSI-LCY-*``…)."""

    def __init__(self, message: str, rule_id: str = "", event: str = "", state: str = "") -> None:
        super().__init__(message)
        self.rule_id = rule_id
        self.event = event
        self.state = state


class InvalidArgumentError(CartellaError, ValueError):
    """A value given to an API function is malformed (``name`` is the argument)."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name


class CartellaIOError(CartellaError, OSError):
    """Reading or writing through a caller's reader/writer failed."""


class FlussoNonDerivabileError(CartellaError, ValueError):
    """A national flow cannot be derived from the D record asked for (``siuss.md`` §8);
    ``issues`` are the blocking findings."""

    def __init__(self, message: str, issues: "Optional[list[Issue]]" = None) -> None:
        super().__init__(message)
        #: The blocking findings.
        self.issues: "list[Issue]" = list(issues or [])


class RifiutoError(CartellaError, ValueError):
    """A WaaS request was refused: ``response`` is the ``400`` problem response to send back,
    with its findings (``response.issues``)."""

    def __init__(self, message: str, response: "Optional[HttpResponse]" = None) -> None:
        super().__init__(message)
        #: The ``application/problem+json`` response.
        self.response: "Optional[HttpResponse]" = response
