from __future__ import annotations

import datetime
from typing import Any

import pytest

import cartella

AS_OF = datetime.date(2025, 6, 30)


@pytest.fixture
def percorso() -> cartella.Cartella:
    return cartella.sample("percorso-completo").load()


@pytest.fixture
def minimal() -> dict[str, Any]:
    return {
        "versione_modello": "1.0",
        "id_cartella": "C-1",
        "ente_titolare": {
            "id": {"root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146"}
        },
        "assistito": {"nome": "MARIO", "cognome": "ROSSI"},
    }
