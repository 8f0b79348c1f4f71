"""Cartella: the Regione Lombardia *Cartella Sociale Informatizzata* in Python.

A typed binding of the Rust reference implementation: load and dump canonical JSON, validate
(rule catalogue, profiles, suppressions), codice fiscale (:mod:`cartella.cf`), code lists
(:mod:`cartella.codelists`), lifecycle of a *processo di aiuto* (:mod:`cartella.lifecycle`) and
the embedded samples. The binding only translates: every rule lives in the Rust core.

>>> import cartella
>>> c = cartella.samples()[0].load()
>>> cartella.validate(c).is_valid
True
"""

from __future__ import annotations

from . import cf, codelists, errors, lifecycle
from ._cartella import (
    MODEL_VERSION,
    Assistito,
    Cartella,
    Fase,
    Issue,
    PhaseHeader,
    ProcessoAiuto,
    Registry,
    Report,
    Rule,
    RuleSet,
    Sample,
    SuppressedIssue,
    Validator,
    __version__,
    dumps,
    explain,
    implemented_rules,
    json_schema,
    load_dict,
    loads,
    make_issue,
    rules,
    rulesets,
    sample,
    samples,
    validate,
    validate_many,
    validate_message,
)
from .codelists import CodeEntry, CodeTable
from .errors import (
    CartellaError,
    CartellaIOError,
    IllegalTransitionError,
    InvalidArgumentError,
    ParseError,
    SuppressionError,
    TableError,
    UnknownCodeSystemError,
    UnknownRuleError,
    UnsupportedVersionError,
)

__all__ = [
    "MODEL_VERSION",
    "Assistito",
    "Cartella",
    "CartellaError",
    "CartellaIOError",
    "CodeEntry",
    "CodeTable",
    "Fase",
    "IllegalTransitionError",
    "InvalidArgumentError",
    "Issue",
    "ParseError",
    "PhaseHeader",
    "ProcessoAiuto",
    "Registry",
    "Report",
    "Rule",
    "RuleSet",
    "Sample",
    "SuppressedIssue",
    "SuppressionError",
    "TableError",
    "UnknownCodeSystemError",
    "UnknownRuleError",
    "UnsupportedVersionError",
    "Validator",
    "__version__",
    "cf",
    "codelists",
    "dumps",
    "errors",
    "explain",
    "implemented_rules",
    "json_schema",
    "lifecycle",
    "load_dict",
    "loads",
    "make_issue",
    "rules",
    "rulesets",
    "sample",
    "samples",
    "validate",
    "validate_many",
    "validate_message",
]
