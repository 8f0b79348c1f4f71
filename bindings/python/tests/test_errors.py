"""The exception hierarchy and the mapping of core errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

import cartella
from cartella import errors


def test_hierarchy() -> None:
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, cartella.CartellaError)
        assert getattr(cartella, name) is cls
    assert issubclass(cartella.ParseError, ValueError)
    assert issubclass(cartella.UnsupportedVersionError, cartella.ParseError)
    assert issubclass(cartella.UnknownCodeSystemError, LookupError)
    assert issubclass(cartella.InvalidArgumentError, ValueError)
    assert issubclass(cartella.CartellaIOError, OSError)


def test_parse_error_has_position() -> None:
    with pytest.raises(cartella.ParseError) as e:
        cartella.loads('{\n  "versione_modello": "1.0",\n  "x": }')
    assert e.value.line == 3 and e.value.column > 0
    with pytest.raises(cartella.ParseError):
        cartella.loads(b"\xff\xfe")


def test_unknown_key_and_null_rejected(minimal: dict[str, Any]) -> None:
    with pytest.raises(cartella.ParseError, match="unknown field"):
        cartella.load_dict({**minimal, "extra": 1})
    with pytest.raises(cartella.ParseError):
        cartella.load_dict({**minimal, "processi": None})


def test_unsupported_version(minimal: dict[str, Any]) -> None:
    with pytest.raises(cartella.UnsupportedVersionError) as e:
        cartella.load_dict({**minimal, "versione_modello": "2.0"})
    assert e.value.found == "2.0" and e.value.expected == "1.0"


def test_parse_errors_never_show_a_codice_fiscale(minimal: dict[str, Any]) -> None:
    bad = json.dumps({**minimal, "assistito": {"genere": "RSSMRA80A01H501U"}})
    with pytest.raises(cartella.ParseError) as e:
        cartella.loads(bad)
    assert "RSSMRA80A01H501U" not in str(e.value)


def test_type_errors_for_wrong_python_types() -> None:
    with pytest.raises(TypeError):
        cartella.loads(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cartella.load_dict("{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cartella.validate(3.5)  # type: ignore[arg-type]


def test_non_json_values_in_dict(minimal: dict[str, Any]) -> None:
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.load_dict({**minimal, "estensioni": {"x": float("nan")}})
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.load_dict({**minimal, "estensioni": {"x": object()}})
    with pytest.raises(cartella.InvalidArgumentError):
        cartella.load_dict({**minimal, "estensioni": {1: "x"}})
    c = cartella.load_dict({**minimal, "estensioni": {"x": [1, 2.5, True, None, "s", (1, 2)]}})
    assert c.estensioni == {"x": [1, 2.5, True, None, "s", [1, 2]]}


def test_nothing_panics_on_garbage() -> None:
    for junk in ["", "null", "[]", "1", '"x"', "{" * 10000, "\x00"]:
        with pytest.raises(cartella.CartellaError):
            cartella.loads(junk)
