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


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Prints the plain ``N passed, N failed`` line of the conformance corpus (one test per case
    of ``test_conformance_corpus.py``; an expected failure that fails counts as passed)."""
    passed: set[str] = set()
    failed: set[str] = set()
    for category, reports in terminalreporter.stats.items():
        for report in reports:
            nodeid = getattr(report, "nodeid", "")
            if "test_conformance_corpus.py::test_case[" not in nodeid:
                continue
            if category in ("passed", "xfailed"):
                passed.add(nodeid)
            elif category in ("failed", "error", "xpassed"):
                failed.add(nodeid)
    if passed or failed:
        passed -= failed
        terminalreporter.write_line(
            f"conformance corpus (python): {len(passed)} passed, {len(failed)} failed"
        )
