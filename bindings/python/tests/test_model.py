"""Loading, dumping and the typed model objects."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from typing import Any

import pytest

import cartella


def test_loads_str_bytes_and_dict_agree(minimal: dict[str, Any]) -> None:
    text = json.dumps(minimal)
    a = cartella.loads(text)
    b = cartella.loads(text.encode())
    c = cartella.loads(bytearray(text.encode()))
    d = cartella.load_dict(minimal)
    assert a == b == c == d
    assert a.id_cartella == "C-1"
    assert a.versione_modello == cartella.MODEL_VERSION == "1.0"


def test_round_trip_is_byte_stable() -> None:
    for s in cartella.samples():
        c = cartella.loads(s.json)
        text = c.to_json()
        assert cartella.loads(text).to_json() == text
        assert cartella.dumps(c) == text
        assert c.to_bytes() == text.encode()
        assert json.loads(c.to_json(pretty=True)) == json.loads(text)
        assert cartella.load_dict(c.to_dict()) == c
        assert c.to_dict() == json.loads(text)


def test_dict_key_order_is_canonical(minimal: dict[str, Any]) -> None:
    shuffled = dict(reversed(list(minimal.items())))
    assert cartella.load_dict(shuffled).to_json().startswith(
        '{"versione_modello":"1.0","id_cartella":"C-1"'
    )


def test_typed_entities(percorso: cartella.Cartella) -> None:
    a = percorso.assistito
    assert isinstance(a, cartella.Assistito)
    assert a.cognome == "VILLA" and a.nome == "ELENA"
    assert a.genere == "F"
    assert a.data_nascita == datetime.date(1939, 5, 21)
    assert a.codice_fiscale == "VLLLNE39E61F205K"
    assert a.codice_fiscale_masked == "VLLLNE*********K"
    assert "VLLLNE39E61F205K" not in repr(a)
    assert a.comune_nascita is not None and a.comune_nascita["code"] == "015146"
    assert a.stato_nascita is None
    assert a.to_dict()["cognome"] == "VILLA"
    assert percorso.ente_titolare["id"]["extension"] == "015146"
    assert percorso.consensi_privacy == [] or isinstance(percorso.consensi_privacy, list)

    (p,) = percorso.processi
    assert isinstance(p, cartella.ProcessoAiuto)
    assert p.id_processo == "MI-2023-004511-P1"
    assert p.stato == "CHIUSO"
    assert percorso.processo(p.id_processo) is not None
    assert percorso.processo("nope") is None
    assert [f.letter for f in p.fasi][:2] == ["A", "B"]
    assert {f.letter for f in p.fasi} == {"A", "B", "C", "D", "E"}
    assert isinstance(p.eventi, list)
    assert p.prese_in_carico[0]["data_inizio"] == "2023-02-06"

    f = p.fasi[0]
    assert isinstance(f, cartella.Fase)
    assert f.kind == "ACCESSO_E_ORIENTAMENTO"
    assert f.id_fase == "MI-A-2023-4511"
    assert not f.is_open
    h = f.header
    assert isinstance(h, cartella.PhaseHeader)
    assert h.id_fase == f.id_fase
    assert h.stato_fase == "CHIUSA"
    assert h.data_inizio == "2023-01-16T09:00"
    assert h.data_fine == "2023-01-16T10:00"
    assert h.esito_processo == "AVVIO_VALUTAZIONE"
    assert h.esito is not None and h.esito["code"] == "VAL"
    assert h.codice_fase == {"code": "A", "system": "2.16.840.1.113883.2.9.2.30.3.2.3.1.1.1"}
    assert f.to_dict()["tipo_fase"] == "ACCESSO_E_ORIENTAMENTO"
    assert p.fase(f.id_fase) is not None and p.fase("nope") is None
    assert p.to_dict()["id_processo"] == p.id_processo


def test_copy_pickle_and_equality(percorso: cartella.Cartella) -> None:
    c2 = copy.deepcopy(percorso)
    assert c2 == percorso and c2 is not percorso
    assert copy.copy(percorso) == percorso
    assert pickle.loads(pickle.dumps(percorso)) == percorso
    assert percorso != cartella.sample("accesso-informativo").load()
    assert (percorso == 3) is False
    assert "MI-2023-004511" in repr(percorso)


def test_processo_from_dict() -> None:
    p = cartella.ProcessoAiuto.from_dict({"id_processo": "P-9"})
    assert p.id_processo == "P-9" and p.fasi == [] and p.stato is None
    assert cartella.ProcessoAiuto.from_dict('{"id_processo": "P-8"}').id_processo == "P-8"
    with pytest.raises(cartella.ParseError):
        cartella.ProcessoAiuto.from_dict({"id_processo": "P-9", "nope": 1})


def test_json_schema() -> None:
    schema = cartella.json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "properties" in schema and "id_cartella" in schema["properties"]


def test_samples() -> None:
    all_samples = cartella.samples()
    assert len(all_samples) >= 6
    names = [s.name for s in all_samples]
    assert len(set(names)) == len(names)
    for s in all_samples:
        assert s.expect_valid == (s.expected_rules == [])
        assert isinstance(s.description, str) and s.json.startswith("{")
        assert cartella.sample(s.name).name == s.name
    assert cartella.sample("invalido-cf").expected_rules == ["CF-003"]
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.sample("nope")
