"""The pytest runner of the conformance suite: one test per active case of
``conformance/manifest.json`` (test id = case id), same semantics as the Rust runner
(``conformance/tests/corpus.rs``).

The manifest is ``$CARTELLA_CONFORMANCE_MANIFEST`` (set by ``bindings/python/ci.sh``), default
``conformance/manifest.json`` of this repository; case inputs are read relative to it. A case
listed in ``expected-failures/python.txt`` beside the manifest is ``xfail(strict=True)``: it must
fail, and the list must stay empty unless a ``# reason`` explains an entry.

``documento`` cases are asserted through the generic API (:func:`cartella.validate_document`,
with the case's options translated) and also checked against the case runner; the other kinds,
and ``documento`` cases with the INPS-flow options ``canale``/``registro`` (no equivalent in
``validate_document``), through :meth:`Case.run`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional, Protocol

import pytest

import cartella
from cartella import conformance

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = Path(
    os.environ.get("CARTELLA_CONFORMANCE_MANIFEST") or ROOT / "conformance" / "manifest.json"
)
EXPECTED_FAILURES = MANIFEST.parent / "expected-failures" / "python.txt"

Row = tuple[str, str, str]
Result = tuple[bool, list[Row]]


class _Finding(Protocol):
    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def path(self) -> str: ...


def rows(findings: Iterable[_Finding]) -> list[Row]:
    """The findings as a sorted list of ``(rule_id, severity, path)``."""
    return sorted((f.rule_id, f.severity, f.path) for f in findings)


def expected_failures() -> dict[str, str]:
    """``case id -> reason`` of the expected-failure list (comment lines and blanks skipped)."""
    out: dict[str, str] = {}
    if not EXPECTED_FAILURES.exists():
        return out
    for line in EXPECTED_FAILURES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        case_id, _, reason = line.partition("#")
        out[case_id.strip()] = reason.strip()
    return out


def load_manifest() -> tuple[Optional[conformance.Manifest], Optional[str]]:
    try:
        return conformance.Manifest.from_json(MANIFEST.read_bytes()), None
    except (OSError, cartella.CartellaError) as e:
        return None, f"{MANIFEST}: {e}"


_MANIFEST, _MANIFEST_ERROR = load_manifest()
_XFAIL = expected_failures()


def params() -> list[Any]:
    out: list[Any] = []
    for case in _MANIFEST.cases if _MANIFEST is not None else []:
        if not case.active:
            continue
        marks = []
        if case.id in _XFAIL:
            marks.append(pytest.mark.xfail(strict=True, reason=_XFAIL[case.id] or "listed"))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def describe(expected: Result, actual: Result) -> str:
    """The differing findings (``- expected``, ``+ actual``) and validity."""
    lines = []
    if expected[0] != actual[0]:
        lines.append(f"valid: expected {expected[0]}, actual {actual[0]}")
    e, a = Counter(expected[1]), Counter(actual[1])
    lines += [f"- {r}" for r in sorted((e - a).elements())]
    lines += [f"+ {r}" for r in sorted((a - e).elements())]
    return "\n".join(lines)


def test_manifest_reads() -> None:
    assert _MANIFEST_ERROR is None, _MANIFEST_ERROR


def validate_document(case: conformance.Case, data: bytes) -> Optional[cartella.DocumentResult]:
    """``validate_document`` with the options of a ``documento`` case: code tables and concept
    maps registered on the standard registry, reference data. ``None`` for the INPS-flow options
    ``canale`` and ``registro`` (``validate_document`` checks flows on the ``upload`` channel
    without a send register: no equivalent)."""
    options = case.options or {}
    known = {"canale", "registro", "tabelle_csv", "mappe_csv", "dati_riferimento"}
    unknown = set(options) - known
    assert not unknown, f"documento options not translated by this runner: {sorted(unknown)}"
    if "canale" in options or "registro" in options:
        return None
    registry: Optional[cartella.Registry] = None
    if options.get("tabelle_csv") or options.get("mappe_csv"):
        registry = cartella.Registry.standard()
        for table in options.get("tabelle_csv", []):
            registry.register_csv(table)
        for maps in options.get("mappe_csv", []):
            registry.register_maps_csv(maps)
    return cartella.validate_document(
        data,
        profile=case.profile,
        as_of=case.as_of,
        registry=registry,
        reference_data=options.get("dati_riferimento", True) is not False,
    )


@pytest.mark.parametrize("case", params())
def test_case(case: conformance.Case) -> None:
    data = (MANIFEST.parent / case.input).read_bytes()
    run = case.run(data)
    by_runner: Result = (run.valid, rows(run.findings))
    d = validate_document(case, data) if case.kind == "documento" else None
    if d is not None:
        actual: Result = (d.is_valid, rows(d.issues))
        assert actual == by_runner, (
            "validate_document disagrees with the case runner:\n" + describe(by_runner, actual)
        )
    else:
        actual = by_runner
    expected: Result = (case.expected.valid, rows(case.expected.findings))
    assert actual == expected, describe(expected, actual)
    assert run.passed, str(run.difference)


def test_expected_failures_are_listed_cases_with_a_reason() -> None:
    assert _MANIFEST is not None, _MANIFEST_ERROR
    active = {c.id for c in _MANIFEST.cases if c.active}
    for case_id, reason in _XFAIL.items():
        assert case_id in active, f"{EXPECTED_FAILURES.name}: {case_id} is not an active case"
        assert reason, f"{EXPECTED_FAILURES.name}: {case_id} needs a `# reason`"
