"""validate_document (any format, detected from the content) and cartella.conformance."""

from __future__ import annotations

import json

import pytest

import cartella
from cartella import conformance

CASE = {
    "id": "query-vuota",
    "descrizione": "GET /flussi without since",
    "tipo": "waas_query",
    "input": "cases/q.txt",
    "tags": ["waas"],
    "stato": "attivo",
    "profilo": "siuss",
    "as_of": "2025-01-01",
    "atteso": {
        "valido": False,
        "findings": [{"rule_id": "SIUSS-WAAS-010", "severity": "error", "path": "/since"}],
    },
}


def manifest(**changes: object) -> conformance.Manifest:
    return conformance.Manifest.from_json(
        json.dumps({"versione": 1, "casi": [{**CASE, **changes}]})
    )


def test_validate_document_detects_json_and_validates() -> None:
    data = cartella.sample("accesso-informativo").json.encode()
    d = cartella.validate_document(data, profile="schema", as_of="2025-01-01")
    assert d.kind == "cartella_json"
    assert d.error is None and d.report is not None
    assert d.is_valid and d.issues == d.report.issues


def test_validate_document_unreadable_is_data_not_exception() -> None:
    d = cartella.validate_document(b"garbage")
    assert d.kind == "cartella_json"
    assert d.report is None and d.error and not d.is_valid
    x = cartella.validate_document(b"<PRSS_IN001004ZZ>")
    assert x.kind == "interscambio_xml" and x.label == "interscambio XML"


def test_validate_document_rejects_bad_options() -> None:
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.validate_document(b"{}", as_of="2025-13-01")
    with pytest.raises(TypeError):
        cartella.validate_document(42)  # type: ignore[arg-type]


def test_manifest_case_and_outcome() -> None:
    m = manifest()
    assert m.version == 1 and len(m) == 1
    case = m.cases[0]
    assert (case.id, case.kind, case.status, case.active, case.profile) == (
        "query-vuota",
        "waas_query",
        "attivo",
        True,
        "siuss",
    )
    assert case.options is None and m.case("nope") is None
    assert case.expected.passed and case.expected.difference is None
    out = case.run(b"limit=5")
    assert out.passed and not out.valid
    assert [f.as_tuple() for f in out.findings] == [("SIUSS-WAAS-010", "error", "/since")]
    assert out.findings == case.expected.findings
    assert out.to_dict() == CASE["atteso"]


def test_run_reports_the_difference() -> None:
    out = manifest().cases[0].run(b"since=0&limit=5")
    assert not out.passed and out.valid
    d = out.difference
    assert d is not None and d.valid == (False, True)
    assert [f.rule_id for f in d.missing] == ["SIUSS-WAAS-010"] and d.unexpected == []
    assert "- SIUSS-WAAS-010" in str(d)


def test_bad_manifest_and_unrunnable_case_raise() -> None:
    with pytest.raises(cartella.InvalidArgumentError, match="as_of"):
        manifest(as_of="2025-13-01")
    with pytest.raises(cartella.InvalidArgumentError):
        conformance.Manifest.from_json("{")
    case = manifest(tipo="derivazione_ps").cases[0]
    with pytest.raises(cartella.InvalidArgumentError, match="cannot run"):
        case.run(b"not a cartella")
