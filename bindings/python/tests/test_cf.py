"""Codice fiscale: the spec's test vectors (rules.md §5.1) and the API surface."""

from __future__ import annotations

import datetime
import random
import threading
from typing import Literal

import pytest

import cartella
from cartella import cf


@pytest.mark.parametrize(
    "code,valid",
    [
        ("RSSMRA80A01H501U", True),
        ("BNCLRA75M41F205A", True),
        ("RSSMRA8LA01H501F", True),
        ("RSSMRA80A01H501A", False),
        ("RSSMRA80K01H501V", False),
        ("01234567897", True),
        ("01234567890", False),
        (" rssmra80a01h501u ", True),
        ("", False),
        ("RSSMRA80A01H501", False),
    ],
)
def test_spec_vectors(code: str, valid: bool) -> None:
    assert cf.is_valid(code) is valid
    assert cf.decode(code).is_valid is valid
    assert cf.check_many([code]) == [valid]


def test_decode_fields() -> None:
    d = cf.decode("BNCLRA75M41F205A")
    assert isinstance(d, cf.DecodedCf)
    assert d.kind == "personal" and d.is_valid
    assert d.sex == "F"
    assert d.birth_date == datetime.date(1975, 8, 1)
    assert d.birthplace is not None
    assert (d.birthplace.code, d.birthplace.kind) == ("F205", "comune")
    assert d.birthplace.name is not None and d.birthplace.name.lower() == "milano"
    assert d.birthplace.province == "MI"
    assert not d.omocodia and d.issues == []
    assert d.code == "BNCLRA75M41F205A" and d.masked == "BNCLRA*********A"
    assert "BNCLRA75M41F205A" not in repr(d) and "F205" in repr(d.birthplace)


def test_decode_omocodia_and_findings() -> None:
    d = cf.decode("RSSMRA8LA01H501F")
    assert d.is_valid and d.omocodia
    assert {"CF-007", "CF-008"} <= set(d.rule_ids)
    assert d.birth_date == datetime.date(1980, 1, 1)  # L stands for 0
    bad = cf.decode("RSSMRA80A01H501A")
    assert not bad.is_valid and bad.rule_ids == ["CF-003"]
    (issue,) = bad.issues
    assert issue.severity == "error" and issue.params["cf"] == "RSSMRA*********A"
    assert cf.decode("rssmra80a01h501u").rule_ids[0] == "CF-017"
    n = cf.decode("01234567897", natural_person=True)
    assert n.kind == "numeric" and n.is_valid and "CF-016" in n.rule_ids
    assert cf.decode("XX").kind is None and "CF-001" in cf.decode("XX").rule_ids


def test_decode_reference_date_and_tables() -> None:
    code = cf.encode("Rossi", "Mario", datetime.date(1920, 3, 4), "M", "H501")
    assert cf.decode(code).birth_date == datetime.date(2020, 3, 4)
    assert cf.decode(code, datetime.date(2010, 1, 1)).birth_date == datetime.date(1920, 3, 4)
    assert cf.decode(code, "2010-01-01").birth_date == datetime.date(1920, 3, 4)
    no_tables = cf.decode("RSSMRA80A01H501U", reference_data=False)
    assert "CF-018" in no_tables.rule_ids and no_tables.birthplace is not None
    assert no_tables.birthplace.name is None


def test_decode_consistency_checks() -> None:
    code = "RSSMRA80A01H501U"
    ok = cf.decode(code, birth_date="1980-01-01", sex="M", surname="Rossi", name="Mario")
    assert ok.rule_ids == []
    bad = cf.decode(code, birth_date=datetime.date(1981, 1, 1), sex="F", surname="Bianchi", name="Laura")
    assert {"CF-009", "CF-010", "CF-014"} <= set(bad.rule_ids)
    assert bad.is_valid  # consistency findings are warnings
    assert cf.decode(code, sex="UN").rule_ids == []
    mismatch = cf.decode(code, birth_comune_istat="015146")
    assert "CF-013" in mismatch.rule_ids
    with pytest.raises(cartella.InvalidArgumentError):
        cf.decode(code, sex="X")  # type: ignore[arg-type]


def test_encode() -> None:
    d = datetime.date(1980, 1, 1)
    assert cf.encode("Rossi", "Mario", d, "M", "H501") == "RSSMRA80A01H501U"
    assert cf.encode("Rossi", "Mario", "1980-01-01", "M", "h501", omocodia=1) == "RSSMRA80A01H50MM"
    assert cf.encode("Bianchi", "Laura", datetime.date(1975, 8, 1), "F", "F205") == "BNCLRA75M41F205A"
    for level in range(8):
        code = cf.encode("Verdi", "Giuseppe", d, "M", "Z404", omocodia=level)
        assert cf.is_valid(code)
        assert cf.decode(code).omocodia is (level > 0)
    with pytest.raises(cartella.InvalidArgumentError):
        cf.encode("Rossi", "Mario", d, "M", "H50")
    with pytest.raises(cartella.InvalidArgumentError):
        cf.encode("Rossi", "Mario", d, "M", "H501", omocodia=8)
    with pytest.raises(cartella.InvalidArgumentError):
        cf.encode("Rossi", "Mario", d, "X", "H501")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        cf.encode("Rossi", "Mario", d, "M", "H501", omocodia=-1)


def test_helpers() -> None:
    assert cf.normalize(" rssmra 80a01h501u ") == "RSSMRA80A01H501U"
    assert cf.check_character("RSSMRA80A01H501") == "U"
    assert cf.check_character("short") is None
    assert cf.check_digit("01234567897") == 7
    assert cf.surname_letters("Bianchi") == "BNC" and cf.surname_letters("Fo") == "FOX"
    assert cf.name_letters("Gianfranco") == "GFR"
    assert cf.mask("RSSMRA80A01H501U") == "RSSMRA*********U"


def test_check_many_order_and_agreement() -> None:
    rng = random.Random(7)
    sexes: tuple[Literal["M"], Literal["F"]] = ("M", "F")
    base = [
        cf.encode(
            "Rossi",
            "Mario",
            datetime.date(1950 + i % 70, 1 + i % 12, 1 + i % 28),
            sexes[i % 2],
            "H501",
            i % 8,
        )
        for i in range(500)
    ]
    codes = []
    for c in base * 100:  # 50,000 codes: parallel path
        r = rng.random()
        if r < 0.3:
            c = c[:15] + ("A" if c[15] != "A" else "B")
        elif r < 0.4:
            c = c.lower()
        elif r < 0.45:
            c = c[:5]
        codes.append(c)
    got = cf.check_many(codes)
    assert got == [cf.is_valid(c) for c in codes]
    assert cf.check_many(tuple(codes[:10])) == got[:10]
    assert cf.check_many(c for c in codes[:10]) == got[:10]
    assert cf.check_many([]) == []
    with pytest.raises(TypeError):
        cf.check_many([1, 2])  # type: ignore[list-item]


def test_check_many_from_threads() -> None:
    codes = ["RSSMRA80A01H501U", "RSSMRA80A01H501A"] * 50_000
    results: list[list[bool]] = []

    def run() -> None:
        results.append(cf.check_many(codes))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == [True, False] * 50_000 for r in results)
