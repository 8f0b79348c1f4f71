"""Code lists: lookup, listing, registration of open systems, concept maps."""

from __future__ import annotations

import datetime

import pytest

import cartella
from cartella import codelists

AS_OF = datetime.date(2025, 6, 30)

CARATTERE = "INPS.PS_PSA_SINA201812.CaratterePrestazioneType"
ESITO = "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.2"  # open regional system


def test_lookup_label_list() -> None:
    assert codelists.label(CARATTERE, "1") == "Periodico"
    e = codelists.lookup(CARATTERE, "1")
    assert e is not None and e.code == "1" and e.label == "Periodico"
    assert codelists.lookup(CARATTERE, "zz") is None
    entries = codelists.list_system(CARATTERE)
    assert [x.code for x in entries][:1] == ["1"]
    t = codelists.table(CARATTERE)
    assert t is not None and len(t) == len(entries) and "1" in t and "zz" not in t
    assert t.kind == "chiuso" and t.system == CARATTERE
    assert t.get("1") == e and t.entries == entries
    assert CARATTERE in codelists.systems()
    assert ESITO in codelists.open_systems()
    assert codelists.check(CARATTERE, "1") == "valid"
    assert codelists.check(CARATTERE, "zz") == "not_in_table"
    assert codelists.check(ESITO, "01") == "open_system"
    assert codelists.check("1.2.3", "x") == "unknown_system"
    with pytest.raises(cartella.UnknownCodeSystemError) as err:
        codelists.list_system("1.2.3")
    assert err.value.system == "1.2.3"
    assert "index.csv" in codelists.files()


def test_register_table_enforces_membership() -> None:
    reg = cartella.Registry()
    assert reg.is_open(ESITO) and ESITO not in reg
    reg.register_table(ESITO, {"VAL": "Avvio della valutazione", "INF": None})
    assert not reg.is_open(ESITO) and ESITO in reg
    assert reg.check(ESITO, "VAL") == "valid"
    assert reg.check(ESITO, "ZZZ") == "not_in_table"
    assert reg.label(ESITO, "VAL") == "Avvio della valutazione"
    table = reg.table(ESITO)
    assert table is not None and table.kind == "tabella-registrata"
    # the standard registry is untouched
    assert codelists.standard().is_open(ESITO)

    c = cartella.sample("percorso-completo").load()
    before = cartella.validate(c, as_of=AS_OF)
    after = cartella.validate(c, as_of=AS_OF, registry=reg)
    assert before.is_valid
    assert any(i.rule_id == "CSI-COD-003" for i in after.issues)
    assert cartella.Validator(registry=reg, as_of=AS_OF).validate(c).to_dict() == after.to_dict()


def test_register_rows_forms_and_dates() -> None:
    reg = cartella.Registry.empty()
    assert reg.systems() == [] and reg.open_systems() == {}
    reg.register_table("S1", [("A", "a"), ("B", None, "2020-01-01", datetime.date(2020, 12, 31)), "C"])
    reg.register_table("S2", [cartella.CodeEntry("X", "x", valid_from="2021-01-01")])
    assert reg.systems() == ["S1", "S2"]
    b = reg.lookup("S1", "B")
    assert b is not None and b.valid_from == datetime.date(2020, 1, 1)
    assert b.is_valid_on("2020-06-01") and not b.is_valid_on(datetime.date(2021, 6, 1))
    assert reg.check("S1", "B", at="2021-06-01") == "not_valid_at_date"
    assert reg.check("S1", "B", at=datetime.date(2020, 6, 1)) == "valid"
    assert "CodeEntry(" in repr(b)
    with pytest.raises(cartella.InvalidArgumentError):
        reg.register_table("S3", [42])  # type: ignore[list-item]
    with pytest.raises(cartella.InvalidArgumentError):
        reg.register_table("  ", {"A": None})
    with pytest.raises(cartella.TableError):
        reg.register_table("S3", {"": "empty"})
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.CodeEntry("")


def test_register_csv_and_maps() -> None:
    reg = cartella.Registry()
    systems = reg.register_csv("code,label,system,source\nX1,Uno,SYS-A,D\nX2,Due,SYS-A,D\n")
    assert systems == ["SYS-A"] and reg.label("SYS-A", "X2") == "Due"
    assert reg.register_csv(b"code,label,system,source\nY,,SYS-B,D\n") == ["SYS-B"]
    with pytest.raises(cartella.TableError):
        reg.register_csv("nocode\n1\n")
    reg.register_map("SYS-A", "SYS-B", {"X1": "Y"})
    assert reg.has_map("SYS-A", "SYS-B") and reg.translate("SYS-A", "X1", "SYS-B") == "Y"
    assert reg.translate("SYS-A", "X2", "SYS-B") is None
    reg.register_maps_csv(
        "source_system,source_code,target_system,target_code,source\nSYS-B,Y,SYS-A,X2,D\n"
    )
    assert reg.translate("SYS-B", "Y", "SYS-A") == "X2"
    reg.register_map("P", "Q", [("1", "2")])
    assert reg.translate("P", "1", "Q") == "2"
    reg.register_ats_seed()
    assert len(reg.systems()) > len(cartella.Registry().systems())
    assert [e.code for e in reg.phase_code_defaults()] == ["A", "B", "C", "D", "E"]
    cp = reg.copy()
    cp.register_table("ONLY-COPY", ["z"])
    assert "ONLY-COPY" in cp and "ONLY-COPY" not in reg
    assert "Registry(" in repr(reg)
