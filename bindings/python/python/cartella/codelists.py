"""Code lists (``codelists.md``, decision D1).

The module-level functions read the standard registry. To enforce a table for an open regional
system, register it on your own :class:`Registry` and pass that to
``cartella.validate(..., registry=reg)``.

>>> from cartella import codelists
>>> codelists.label("INPS.PS_PSA_SINA201812.CaratterePrestazioneType", "1")
'Periodico'
"""

from __future__ import annotations

import datetime
from typing import Dict, List, Optional, Union

from ._cartella import CodeEntry, CodeTable, Registry
from ._cartella import codelist_files as _codelist_files

__all__ = [
    "CodeEntry",
    "CodeTable",
    "Registry",
    "check",
    "files",
    "label",
    "list_system",
    "lookup",
    "open_systems",
    "standard",
    "systems",
    "table",
]

_STANDARD: Optional[Registry] = None


def standard() -> Registry:
    """The standard registry (shared, read it only; use ``Registry()`` for a copy to modify)."""
    global _STANDARD
    if _STANDARD is None:
        _STANDARD = Registry.standard()
    return _STANDARD


def lookup(system: str, code: str) -> Optional[CodeEntry]:
    """The entry of ``code`` in ``system`` (OID or library/INPS name), or ``None``."""
    return standard().lookup(system, code)


def label(system: str, code: str) -> Optional[str]:
    """The label of ``code`` in ``system``, or ``None``."""
    return standard().label(system, code)


def list_system(system: str) -> List[CodeEntry]:
    """Every entry of a system (raises ``UnknownCodeSystemError`` when it has no table)."""
    return standard().list_system(system)


def table(system: str) -> Optional[CodeTable]:
    """The table of a system, or ``None``."""
    return standard().table(system)


def check(system: str, code: str, at: Union[datetime.date, str, None] = None) -> str:
    """``valid``, ``not_valid_at_date``, ``not_in_table``, ``open_system`` or ``unknown_system``."""
    return standard().check(system, code, at)


def systems() -> List[str]:
    """The systems that have a table, sorted."""
    return standard().systems()


def open_systems() -> Dict[str, str]:
    """The open regional systems (OID → meaning)."""
    return standard().open_systems()


def files() -> Dict[str, str]:
    """The embedded code-list files: name → CSV text."""
    return dict(_codelist_files())
