"""Lifecycle: events, current state, allowed transitions, refusals, replay."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

import cartella
from cartella import lifecycle as lc

ENTE = {"id": {"root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "016024"}}


def new_process() -> cartella.ProcessoAiuto:
    return cartella.ProcessoAiuto.from_dict({"id_processo": "P-1"})


def test_full_path_on_a_process() -> None:
    p = new_process()
    assert lc.state(p) == "INIZIALE"
    assert lc.allowed_transitions(p) == ["APRI_ACCESSO"]
    assert lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1") == []
    assert lc.state(p) == "ACCESSO"
    assert set(lc.allowed_transitions(p)) >= {"AVVIA_VALUTAZIONE", "CHIUDI_ACCESSO"}
    lc.apply(p, "AVVIA_VALUTAZIONE", date="2024-01-11", id_fase="B-1")
    assert lc.state(p) == "VALUTAZIONE"
    lc.apply(p, "PRENDI_IN_CARICO", date="2024-01-12", record={"id_fase": "C-1"})
    assert lc.state(p) == "PROGETTAZIONE"
    lc.apply(p, "APPROVA_PROGETTO", date="2024-01-13")
    assert lc.state(p) == "EROGAZIONE"
    lc.apply(p, "ATTIVA_SERVIZIO", date=datetime.date(2024, 1, 14), record={"id_fase": "D-1"})
    assert lc.service_state(p.fasi[-1]) == "A"
    assert "SOSPENDI_SERVIZIO" in lc.allowed_transitions(p)
    lc.apply(p, "SOSPENDI_SERVIZIO", date="2024-02-01", id_fase="D-1")
    assert lc.state(p) == "SOSPESO"
    assert lc.service_state(p.fase("D-1").to_dict()) == "S"  # type: ignore[union-attr]
    lc.apply(p, "RIPRENDI_SERVIZIO", date="2024-02-10", id_fase="D-1")
    lc.apply(p, "CONCLUDI_SERVIZIO", date="2024-03-01", id_fase="D-1", esito="CONCLUSO")
    lc.apply(p, "AVVIA_VALUTAZIONE_FINALE", date="2024-03-02", id_fase="E-1")
    assert lc.state(p) == "VALUTAZIONE_FINALE"
    lc.apply(p, "CHIUDI_PROCESSO", date=datetime.datetime(2024, 3, 3, 10, 30))
    assert lc.state(p) == "CHIUSO" and p.stato == "CHIUSO"
    assert [e["tipo"] for e in p.eventi][0] == "APRI_ACCESSO"
    r = lc.replay(p)
    assert r.state == "CHIUSO" and r.issues == []
    assert r.steps[0].kind == "start" and r.steps[0].phase_index == 0
    assert r.steps[0].instant is not None and r.steps[-1].state == "CHIUSO"
    assert {s.kind for s in r.steps} >= {"start", "end", "suspension", "resumption"}
    assert len(r.outcomes) == len(p.fasi) and r.outcomes[-1] == "CHIUSURA"
    assert "CHIUSO" in repr(r) and "ReplayStep(" in repr(r.steps[0])
    assert lc.allowed_transitions(p) == ["RIAPRI"]


def test_refusal_carries_rule_id_and_leaves_target_unchanged() -> None:
    p = new_process()
    lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    before = p.to_dict()
    with pytest.raises(cartella.IllegalTransitionError) as e:
        lc.apply(p, "APPROVA_PROGETTO", date="2024-01-11")
    assert e.value.rule_id.startswith("CSI-LCY-")
    assert e.value.event == "APPROVA_PROGETTO" and e.value.state == "ACCESSO"
    assert p.to_dict() == before


def test_soft_guard_warning_and_strict_mode() -> None:
    p = new_process()
    lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    q = cartella.ProcessoAiuto.from_dict(p.to_dict())
    warnings = lc.apply(p, "CHIUDI_ACCESSO", date="2024-01-10", esito="SOLO_INFORMAZIONE")
    assert any(w.rule_id == "CSI-FAS-010" and w.severity == "warning" for w in warnings)
    with pytest.raises(cartella.IllegalTransitionError) as e:
        lc.apply(q, "CHIUDI_ACCESSO", date="2024-01-10", esito="SOLO_INFORMAZIONE", strict=True)
    assert e.value.rule_id == "CSI-FAS-010"


def test_on_a_cartella(minimal: dict[str, Any]) -> None:
    c = cartella.load_dict(minimal)
    snapshot = c.copy()
    lc.new_access(c, "P-1", date="2024-01-10", id_fase="A-1", operator_cf="RSSMRA80A01H501U", note="walk-in")
    assert c != snapshot and snapshot.processi == []
    assert lc.state(c, "P-1") == "ACCESSO"
    with pytest.raises(cartella.IllegalTransitionError) as e:
        lc.new_access(c, "P-2", date="2024-01-11", id_fase="A-2")
    assert e.value.rule_id == "CSI-LCY-009"
    lc.apply(c, "CHIUDI_ACCESSO", process_id="P-1", date="2024-01-10", esito="SOLO_INFORMAZIONE")
    assert lc.state(c, "P-1") == "CHIUSO"
    assert c.processi[0].eventi[0]["tipo"] == "NUOVO_ACCESSO"
    lc.new_access(c, "P-2", date="2024-02-01", record={"id_fase": "A-2"})
    assert c.processo("P-2").riapertura_di == "P-1"  # type: ignore[union-attr]
    lc.apply(
        c,
        "TRASFERISCI",
        process_id="P-2",
        date="2024-02-02",
        ente_destinatario=ENTE,
        stessa_regione=True,
    )
    assert lc.state(c, "P-2") == "TRASFERITO"
    assert lc.allowed_transitions(c, "P-2") == []
    assert cartella.validate(c, as_of="2025-01-01").is_valid
    with pytest.raises(cartella.InvalidArgumentError):
        lc.state(c)
    with pytest.raises(cartella.InvalidArgumentError):
        lc.state(c, "nope")
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(c, "ANNULLA", date="2024-02-03")


def test_annulla_and_riapri() -> None:
    p = new_process()
    lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    lc.apply(p, "ANNULLA", date="2024-01-11", note="duplicate")
    assert lc.state(p) == "ANNULLATO"
    q = new_process()
    lc.apply(q, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    lc.apply(q, "CHIUDI_ACCESSO", date="2024-01-10", esito="SOLO_INFORMAZIONE")
    lc.apply(q, "RIAPRI", date="2024-03-01", id_fase="B-1")
    assert lc.state(q) == "VALUTAZIONE"


def test_receive_transfer(minimal: dict[str, Any]) -> None:
    p = new_process()
    lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    c = cartella.load_dict(minimal)
    ricezione = {
        "ente_mittente": ENTE,
        "data_ricezione": "2024-01-12",
        "id_messaggio": {"root": "2.16.840.1.113883.2.9.2.30.3.2.5", "extension": "M-1"},
    }
    lc.receive_transfer(c, p, ricezione=ricezione, date="2024-01-12")
    assert lc.state(c, "P-1") == "ACCESSO"
    with pytest.raises(cartella.InvalidArgumentError):
        lc.receive_transfer(c, p.to_dict(), ricezione=ricezione, date="2024-01-12")


def test_argument_errors() -> None:
    p = new_process()
    with pytest.raises(cartella.InvalidArgumentError) as e:
        lc.apply(p, "VOLA", date="2024-01-10")
    assert e.value.name == "event"
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "APRI_ACCESSO", date="2024-01-10")  # no record
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "APRI_ACCESSO", date="2024-01-10", record={"tipo_fase": "VALUTAZIONE_DEL_BISOGNO", "id_fase": "B"})
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "APRI_ACCESSO", date="2024-01-10", record={"id_fase": "A", "bogus": 1})
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "APRI_ACCESSO", date="yesterday", id_fase="A-1")
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "NUOVO_ACCESSO", date="2024-01-10", id_fase="A-1")
    lc.apply(p, "APRI_ACCESSO", date="2024-01-10", id_fase="A-1")
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "CHIUDI_ACCESSO", date="2024-01-10")  # no esito
    with pytest.raises(cartella.InvalidArgumentError):
        lc.apply(p, "CHIUDI_ACCESSO", date="2024-01-10", esito="FINITO")
    with pytest.raises(TypeError):
        lc.apply("not a process", "ANNULLA", date="2024-01-10")  # type: ignore[arg-type]
    with pytest.raises(cartella.InvalidArgumentError):
        lc.service_state(p.fasi[0])


def test_tables() -> None:
    assert lc.states()[0] == "INIZIALE" and "CHIUSO" in lc.states()
    assert "APRI_ACCESSO" in lc.events() and "NUOVO_ACCESSO" in lc.events()
    assert "SOLO_INFORMAZIONE" in lc.allowed_outcomes("A")
    assert lc.allowed_outcomes("ACCESSO_E_ORIENTAMENTO") == lc.allowed_outcomes("A")
    assert lc.state_after_closing("B", "PRESA_IN_CARICO") == "PROGETTAZIONE"
    assert lc.state_after_closing("D", "CONCLUSO") is None
    with pytest.raises(cartella.InvalidArgumentError):
        lc.allowed_outcomes("Z")


def test_sample_states() -> None:
    c = cartella.sample("percorso-completo").load()
    pid = c.processi[0].id_processo
    assert lc.state(c, pid) == "CHIUSO"
    assert lc.replay(c, pid).issues == []
    bad = cartella.sample("invalido-ciclo-vita").load()
    assert any(i.rule_id == "CSI-LCY-003" for i in lc.replay(bad.processi[0]).issues)
