from __future__ import annotations

import datetime
from typing import Any

import pytest

import cartella
from cartella import interscambio

AS_OF = datetime.date(2025, 6, 30)
CF_ROOT_ALT = "2.16.840.1.113883.2.9.4.1.2"


@pytest.fixture
def message() -> interscambio.Message:
    c = cartella.sample("percorso-completo").load()
    return interscambio.message_for_process(
        c,
        c.processi[0].id_processo,
        message_id="MSG-1",
        created="2024-02-01T10:30:00",
        sender="016024",
        receivers=["AMBITO-DEST"],
    )


def test_message_for_process_envelope(message: interscambio.Message) -> None:
    assert message.message_id == interscambio.Identifier("MSG-1")
    assert message.message_id.root == "2.16.840.1.113883.2.9.2.30.3.2.4.3"
    assert message.created == "2024-02-01T10:30:00"
    assert (message.processing_code, message.processing_mode_code) == ("P", "T")
    assert message.accept_ack_code == "AL"
    assert message.sender.extension == "016024"
    assert [r.extension for r in message.receivers] == ["AMBITO-DEST"]
    assert len(message.cartella.processi) == 1
    # Other identifier forms give the same envelope.
    c = cartella.sample("percorso-completo").load()
    m2 = interscambio.message_for_process(
        c,
        c.processi[0].id_processo,
        message_id=("2.16.840.1.113883.2.9.2.30.3.2.4.3", "MSG-1"),
        created=datetime.datetime(2024, 2, 1, 10, 30, 0),
        sender={"root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "016024"},
        receivers="AMBITO-DEST",
    )
    assert m2 == message
    with pytest.raises(cartella.InvalidArgumentError) as e:
        interscambio.message_for_process(
            c, "NO-SUCH", message_id="M", created="2024-02-01", sender="S", receivers=["R"]
        )
    assert e.value.name == "id_processo"


def test_message_json_roundtrip(message: interscambio.Message) -> None:
    assert interscambio.Message.from_json(message.to_json()) == message
    assert interscambio.Message.from_json(message.to_json(pretty=True).encode()) == message
    d: dict[str, Any] = message.to_dict()
    assert d["id_messaggio"]["extension"] == "MSG-1"
    assert interscambio.Message.from_dict(d) == message
    with pytest.raises(cartella.ParseError):
        interscambio.Message.from_json("{}")


def test_write_then_read_back(message: interscambio.Message) -> None:
    w = interscambio.write_message(message)
    assert w.xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<creationTime value="20240201103000"/>' in w.xml
    assert w.issues == []
    r = interscambio.read_message(w.xml)
    m = r.message
    assert m is not None
    assert not any(i.is_blocking for i in r.issues)
    assert all(i.xml_path is not None and i.xml_path.startswith("/") for i in r.issues)
    # Envelope and assistito read back equal; canonical-only fields (ids of the cartella and of
    # the process) are not carried by the interchange, so the XML is the fixed point.
    assert m.message_id == message.message_id
    assert m.created == message.created
    assert m.sender == message.sender
    assert m.receivers == message.receivers
    assert m.cartella.assistito.codice_fiscale == message.cartella.assistito.codice_fiscale
    assert len(m.cartella.processi[0].fasi) == len(message.cartella.processi[0].fasi)
    assert interscambio.write_message(m).xml == w.xml
    # bytes input reads the same
    assert interscambio.read_message(w.xml.encode()).message == m


@pytest.mark.parametrize(
    ("options", "rule_id"),
    [
        ({"date_format": "ddmmyyyy"}, "CSI-CMP-001"),
        ({"gender_codes": "numeric"}, "CSI-CMP-005"),
        ({"esito_placement": "encounter_event"}, "CSI-CMP-007"),
        ({"interaction_id_root": False}, "CSI-CMP-019"),
        ({"telecom_form": "positional"}, "CSI-CMP-010"),
        ({"patient_cf_root": CF_ROOT_ALT}, "CSI-CMP-004"),
        ({"money_form": "hl7_mo"}, "CSI-CMP-002"),
        ({"relation_addr_use": "comune residenza"}, "CSI-CMP-008"),
    ],
)
def test_compat_option_forms_read_back(
    message: interscambio.Message, options: dict[str, Any], rule_id: str
) -> None:
    base = interscambio.read_message(interscambio.write_message(message).xml)
    assert not base.has(rule_id)
    w = interscambio.write_message(message, **options)
    r = interscambio.read_message(w.xml)
    assert r.has(rule_id)
    assert r.message is not None
    assert r.message == base.message


def test_writer_findings_and_regional_envelope(message: interscambio.Message) -> None:
    w = interscambio.write_message(message, money_form="hl7_mo", indent=False)
    assert [i.rule_id for i in w.issues] == ["CSI-CMP-026"]
    assert "\n  <" not in w.xml
    r = interscambio.read_message(interscambio.write_message(message, envelope_codes="regional").xml)
    assert r.has("CSI-ENV-004") and r.has("CSI-ENV-005")
    assert r.message is not None
    assert r.message.processing_code == "Produzione"
    single = interscambio.write_message(message, cycles="single")
    assert "CSI-CMP-025" in [i.rule_id for i in single.issues]
    # A message given as canonical JSON writes the same XML.
    assert interscambio.write_message(message.to_json()).xml == interscambio.write_message(message).xml


def test_bad_writer_options(message: interscambio.Message) -> None:
    with pytest.raises(cartella.InvalidArgumentError) as e:
        interscambio.write_message(message, date_format="iso")  # type: ignore[arg-type]
    assert e.value.name == "date_format"
    with pytest.raises(cartella.InvalidArgumentError) as e:
        interscambio.write_message(message, phase_codes=["A", "B"])
    assert e.value.name == "phase_codes"


def test_broken_xml_gives_xml_001_and_no_message() -> None:
    r = interscambio.read_message(b'<PRSS_IN001004ZZ xmlns="urn:hl7-org:v3"><id')
    assert r.message is None
    assert r.rule_ids() == ["XML-001"]
    i = r.issues[0]
    assert i.is_blocking
    assert i.params["riga"] == "1"
    assert "colonna" in i.params
    wrong_root = interscambio.read_message("<a/>")
    assert wrong_root.message is None
    assert wrong_root.has("XML-004")
    doctype = interscambio.read_message('<!DOCTYPE x [<!ENTITY e "x">]><x/>')
    assert doctype.message is None and doctype.has("XML-002")


def test_read_limits(message: interscambio.Message) -> None:
    xml = interscambio.write_message(message).xml
    r = interscambio.read_message(xml, max_size=100)
    assert r.message is None
    assert r.has("XML-003")
    with pytest.raises(TypeError):
        interscambio.read_message(42)  # type: ignore[arg-type]


def test_validate_message_object(message: interscambio.Message) -> None:
    r1 = cartella.validate_message(message, as_of=AS_OF)
    r2 = cartella.validate_message(message.to_json(), as_of=AS_OF)
    assert r1.rule_ids() == r2.rule_ids()
    assert not r1.is_blocking


def test_ack_accept(message: interscambio.Message) -> None:
    report = interscambio.validate_message(message, as_of=AS_OF)
    assert interscambio.ack_type(report) == "AA"
    ack = interscambio.ack_for(
        message, report, message_id="ACK-1", created="2024-02-01T10:31:00", sender="RICEVENTE"
    )
    assert ack.ack_type == "AA"
    assert ack.target_message_id == message.message_id
    assert ack.receivers == [message.sender]
    xml = interscambio.write_ack(ack)
    assert '<acknowledgement typeCode="AA">' in xml
    back = interscambio.read_ack(xml)
    assert back.ack is not None
    assert back.ack == ack
    assert not any(i.is_blocking for i in back.issues)
    assert interscambio.Ack.from_json(ack.to_json()) == ack
    assert interscambio.Ack.from_dict(ack.to_dict()) == ack


def test_ack_reject_from_read_findings(message: interscambio.Message) -> None:
    xml = interscambio.write_message(message).xml
    without_id = xml.replace(
        '<id root="2.16.840.1.113883.2.9.2.30.3.2.4.3" extension="MSG-1"/>', "", 1
    )
    r = interscambio.read_message(without_id)
    assert r.has("CSI-ENV-001")
    assert r.message is not None
    assert interscambio.ack_type(r) == "AR"
    ack = interscambio.ack_for(
        r.message, r, message_id="ACK-2", created="2024-02-01T10:31:00", sender="RICEVENTE"
    )
    assert ack.ack_type == "AR"
    assert "CSI-ENV-001" in ack.detail_rule_ids()
    assert ack.details[0]["codice"]["system"] == "CARTELLA-RULES"
    xml_ack = interscambio.write_ack(ack, indent=False)
    assert '<acknowledgement typeCode="AR">' in xml_ack
    back = interscambio.read_ack(xml_ack)
    assert back.ack is not None and back.ack.ack_type == "AR"
    assert back.ack.detail_rule_ids() == ack.detail_rule_ids()
    # An explicit list of issues works too.
    assert interscambio.ack_type([i for i in r.issues if i.rule_id == "CSI-ENV-001"]) == "AR"
    assert interscambio.ack_type([]) == "AA"


def test_read_ack_broken() -> None:
    r = interscambio.read_ack("<MCCI_IN000002UV01")
    assert r.ack is None
    assert r.rule_ids() == ["XML-001"]
    assert interscambio.read_ack("<a/>").has("XML-004")


def test_package_exports() -> None:
    assert cartella.read_message is interscambio.read_message
    assert cartella.Message is interscambio.Message
    assert "interscambio" in cartella.__all__
