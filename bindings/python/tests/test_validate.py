"""Validation, reports, suppressions, the rule catalogue and batch validation."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest

import cartella

AS_OF = datetime.date(2025, 6, 30)


def test_samples_validate_as_documented() -> None:
    for s in cartella.samples():
        r = cartella.validate(s.load(), as_of=AS_OF)
        assert isinstance(r, cartella.Report)
        if s.expect_valid:
            assert r.is_valid, s.name
            assert r.count("error") == 0 and r.count("warning") == 0, s.name
        else:
            assert not r.is_valid, s.name
            for rule_id in s.expected_rules:
                assert r.has(rule_id), (s.name, rule_id)


def test_accepts_cartella_str_bytes_dict() -> None:
    s = cartella.sample("invalido-cf")
    c = s.load()
    reports = [
        cartella.validate(x, as_of=AS_OF) for x in (c, s.json, s.json.encode(), c.to_dict())
    ]
    assert all(r.to_dict() == reports[0].to_dict() for r in reports)


def test_issue_shape() -> None:
    r = cartella.validate(cartella.sample("invalido-cf").load(), as_of=AS_OF)
    (issue,) = r.with_severity("error")
    assert issue.rule_id == "CF-003"
    assert issue.severity == "error"
    assert issue.profile == "guideline"
    assert issue.path.startswith("/")
    assert issue.xml_path is None
    assert issue.message_it and issue.message_en
    assert "cf" in issue.params and "*" in issue.params["cf"]
    assert not issue.is_blocking
    d = issue.to_dict()
    assert d["rule_id"] == "CF-003" and d["params"] == issue.params
    assert issue.rule_id in str(issue) and "CF-003" in repr(issue)
    assert issue == r.with_severity("error")[0] and hash(issue) == hash(r.issues[r.issues.index(issue)])
    assert r.errors()[r.issues.index(issue)] == d
    assert r.rule_ids() == sorted(set(i.rule_id for i in r.issues))
    assert "is_valid=False" in repr(r)
    assert r.to_dict()["issues"][0] == r.issues[0].to_dict()
    assert isinstance(r.to_json(), str)


def test_profiles_are_cumulative() -> None:
    c = cartella.sample("invalido-cf").load()
    schema = cartella.validate(c, "schema", as_of=AS_OF)
    guideline = cartella.validate(c, "guideline", as_of=AS_OF)
    siuss = cartella.validate(c, profile="siuss", as_of=AS_OF)
    assert {i.profile for i in schema.issues} <= {"schema"}
    assert {i.profile for i in guideline.issues} <= {"schema", "guideline"}
    assert not schema.has("CF-003") and guideline.has("CF-003") and siuss.has("CF-003")
    assert len(siuss.issues) >= len(guideline.issues) >= len(schema.issues)
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.validate(c, "strict")  # type: ignore[arg-type]


def test_blocking(minimal: dict[str, Any]) -> None:
    doc = {**minimal, "assistito": {"codice_fiscale": "XX"}}
    r = cartella.validate(doc, as_of=AS_OF)
    assert r.is_blocking and not r.is_valid
    assert any(i.is_blocking and i.rule_id == "CF-001" for i in r.issues)


def test_suppressions_keep_findings_apart() -> None:
    c = cartella.sample("invalido-cf").load()
    r = cartella.validate(c, as_of=AS_OF, suppress=[("CF-003", "/assistito", "known test data")])
    assert r.is_valid and not r.has("CF-003")
    (s,) = r.suppressed
    assert s.issue.rule_id == "CF-003" and s.reason == "known test data"
    assert "CF-003" in repr(s)
    assert r.to_dict()["suppressed"][0]["reason"] == "known test data"
    other = cartella.validate(c, as_of=AS_OF, suppress=[("CF-003", "/processi", "elsewhere")])
    assert other.has("CF-003") and other.suppressed == []
    with pytest.raises(cartella.SuppressionError):
        cartella.validate(c, suppress=[("CF-003", "", "  ")])
    with pytest.raises(cartella.UnknownRuleError):
        cartella.validate(c, suppress=[("NOPE-1", "", "x")])
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.validate(c, suppress=[("CF-003", "")])  # type: ignore[list-item]


def test_as_of_accepts_date_datetime_and_str() -> None:
    c = cartella.sample("percorso-completo").load()
    a = cartella.validate(c, as_of=datetime.date(2025, 1, 1))
    b = cartella.validate(c, as_of="2025-01-01")
    d = cartella.validate(c, as_of=datetime.datetime(2025, 1, 1, 12, 0))
    assert a.to_dict() == b.to_dict() == d.to_dict()
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.validate(c, as_of="01/01/2025")


def test_reference_data_disabled() -> None:
    c = cartella.sample("percorso-completo").load()
    r = cartella.validate(c, as_of=AS_OF, reference_data=False)
    assert r.has("CF-018")


def test_validator_reuse_and_many() -> None:
    v = cartella.Validator("guideline", as_of=AS_OF)
    assert v.profile == "guideline" and v.as_of == AS_OF
    assert "guideline" in repr(v)
    docs = [s.load() for s in cartella.samples()] * 20
    many = v.validate_many(docs)
    assert [r.to_dict() for r in many] == [v.validate(d).to_dict() for d in docs]
    mixed: list[Any] = [docs[0], docs[1].to_json(), docs[2].to_bytes(), docs[3].to_dict()]
    assert [r.to_dict() for r in cartella.validate_many(mixed, as_of=AS_OF)] == [
        cartella.validate(d, as_of=AS_OF).to_dict() for d in docs[:4]
    ]
    # generators work too
    assert len(cartella.validate_many((d for d in docs[:3]), as_of=AS_OF)) == 3
    assert cartella.validate_many([]) == []
    assert cartella.Validator().profile == "guideline"


def test_validate_many_reports_the_failing_index() -> None:
    docs: list[Any] = [cartella.sample("accesso-informativo").json, "{broken", "{}"]
    with pytest.raises(cartella.ParseError) as e:
        cartella.validate_many(docs)
    assert e.value.index == 1


def test_validate_many_releases_the_gil() -> None:
    docs = [s.load() for s in cartella.samples()] * 200
    ticks = 0
    done = threading.Event()

    def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=ticker)
    t.start()
    try:
        cartella.validate_many(docs, as_of=AS_OF)
    finally:
        done.set()
        t.join()
    assert ticks > 0


def test_validate_message() -> None:
    c = cartella.sample("accesso-informativo").load()
    msg = {
        "versione_modello": "1.0",
        "id_messaggio": {"root": "2.16.840.1.113883.2.9.2.30.3.2.5", "extension": "M-1"},
        "data_creazione": "2024-01-10T10:00",
        "processing_code": "P",
        "processing_mode_code": "T",
        "accept_ack_code": "AL",
        "mittente": {"root": "2.16.840.1.113883.2.9.2.30.3.2.6", "extension": "S-1"},
        "destinatari": [{"root": "2.16.840.1.113883.2.9.2.30.3.2.6", "extension": "S-2"}],
        "cartella": c.to_dict(),
    }
    r = cartella.validate_message(msg, as_of=AS_OF)
    assert isinstance(r, cartella.Report)
    assert all(i.path.startswith("/") or i.path == "" for i in r.issues)
    with pytest.raises(cartella.ParseError):
        cartella.validate_message("{}")


def test_catalogue() -> None:
    rules = cartella.rules()
    assert len(rules) > 100
    ids = [r.id for r in rules]
    assert len(set(ids)) == len(ids)
    r = cartella.explain("CF-003")
    assert (r.id, r.severity, r.profile) == ("CF-003", "error", "guideline")
    assert r.family == "CF" and r.stage == "canonical"
    assert "cf" in r.params and r.message_it and r.message_en and r.description
    assert r.source == ["D"] and r.reference
    assert r.in_force(datetime.date(2025, 1, 1)) and r.in_force("2025-01-01")
    assert r.to_dict()["id"] == "CF-003"
    assert isinstance(r.ruleset, str)
    assert r.valid_from is None or isinstance(r.valid_from, datetime.date)
    assert r.valid_to is None or isinstance(r.valid_to, datetime.date)
    with pytest.raises(cartella.UnknownRuleError) as e:
        cartella.explain("NOPE-001")
    assert e.value.rule_id == "NOPE-001"
    sets = cartella.rulesets()
    assert sets and sum(s.rules for s in sets) == len(rules)
    assert all(isinstance(s.name, str) for s in sets) and repr(sets[0]).startswith("RuleSet(")
    implemented = cartella.implemented_rules()
    assert "CF-003" in implemented and set(implemented) <= set(ids)


def test_make_issue_masks_cf() -> None:
    i = cartella.make_issue("CF-003", "/assistito/codice_fiscale", {"cf": "RSSMRA80A01H501A"})
    assert i.params["cf"] == "RSSMRA*********A"
    assert "RSSMRA*********A" in i.message_en
    with pytest.raises(cartella.UnknownRuleError):
        cartella.make_issue("NOPE")
