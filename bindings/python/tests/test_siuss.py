from __future__ import annotations

import base64
import datetime
import decimal
import json
from pathlib import Path
from typing import Any

import pytest

import cartella
from cartella import siuss

FIXTURES = Path(__file__).resolve().parents[3] / "core" / "tests" / "fixtures" / "siuss"
CF_OPERATORE = "MRCSLV84L59F205D"
RIFERIMENTO = datetime.date(2024, 12, 31)
CREAZIONE = datetime.date(2025, 1, 15)
CHIAVE = bytes(range(32))


def derive_ps(**kwargs: Any) -> siuss.Derivazione:
    c = cartella.sample("percorso-completo").load()
    return siuss.derive_period(
        c,
        datetime.date(2023, 1, 1),
        RIFERIMENTO,
        cf_operatore=CF_OPERATORE,
        data_riferimento=RIFERIMENTO,
        data_creazione=CREAZIONE,
        regioni_dm1986={"03": "03"},
        **kwargs,
    )


def minore() -> dict[str, Any]:
    """A minimal cartella of a minor taken in charge, with a SINBA record."""
    return {
        "versione_modello": "1.0",
        "id_cartella": "C-000123",
        "ente_titolare": {
            "id": {"root": "2.16.840.1.113883.2.9.2.30.3.2.4.3", "extension": "015146"},
            "denominazione": "Comune di Milano",
            "codice_belfiore": "F205",
        },
        "assistito": {
            "codice_fiscale": "BNCLCU12E10F205X",
            "nome": "LUCA",
            "cognome": "BIANCHI",
            "genere": "M",
            "data_nascita": "2012-05-10",
            "comune_nascita": {"code": "015146", "system": "2.16.840.1.113883.2.9.4.2.3"},
            "residenza": {
                "comune_istat": "015146",
                "regione_istat": "03",
                "nazione_iso2": "IT",
                "codice_regione_dm1986": "03",
            },
        },
        "processi": [
            {
                "id_processo": "P-1",
                "fasi": [
                    {
                        "tipo_fase": "ACCESSO_E_ORIENTAMENTO",
                        "id_fase": "A-1",
                        "stato_fase": "CHIUSA",
                        "data_inizio": "2024-02-10",
                        "data_fine": "2024-02-10",
                        "segnalazione": {"data_segnalazione": "2024-01-20"},
                        "valore_isee": {"amount": "7350.00", "currency": "EUR"},
                    },
                    {
                        "tipo_fase": "EROGAZIONE_DEL_SERVIZIO",
                        "id_fase": "D-1",
                        "stato_fase": "APERTA",
                        "data_inizio": "2024-03-01",
                        "data_attivazione": "2024-03-01",
                        "siuss": {"codice_prestazione": "A1.04"},
                    },
                ],
                "scheda_sinba": {
                    "minore_straniero_non_accompagnato": False,
                    "condizione_minore": "1",
                    "luogo_vita": "1",
                    "scuola_frequentata": "3",
                    "condizione_lavoro": "1",
                    "disabilita": False,
                    "valutazione_minore": "1",
                    "valutazione_famiglia": "1",
                    "segnalazione_autorita_giudiziaria": {"presente": False},
                    "provvedimento_giudiziario": {"presente": False},
                    "composizione_famiglia": ["1", "2"],
                    "fonte_segnalazione": "2",
                },
            }
        ],
    }


# ---- derivation --------------------------------------------------------------------------------


def test_derive_period_gives_one_ps_flow() -> None:
    d = derive_ps()
    assert len(d.flussi) == 1, d.report.errors()
    f = d.flussi[0]
    assert f.tipo == "PS_PSA_SINA"
    assert f.nome == "F205.PS.20250115.0000001"
    assert len(f) == 1
    assert d.report.is_valid
    # D2 and D3 have no siuss block: skipped with an info.
    assert d.report.has("SIUSS-PS-087")
    b = f.to_dict()["beneficiari"][0]
    p = b["prestazioni_sociali"][0]
    assert (p["codice_prestazione"], p["importo_mensile"]) == ("A2.07", "385.00")
    assert b["indirizzi"][0]["codice_regione"] == "03"
    # The same from canonical JSON, and with options.
    c = cartella.sample("percorso-completo").load()
    again = siuss.derive_period(
        c.to_json(),
        "2023-01-01",
        "2024-12-31",
        cf_operatore=CF_OPERATORE,
        data_riferimento="2024-12-31",
        data_creazione=CREAZIONE,
        regioni_dm1986={"03": "03"},
        progressivo=7,
        tolleranza_quote=decimal.Decimal("0.01"),
        campi_opzionali="solo_obbligatori",
        sina="mai",
    )
    assert again.flussi[0].nome == "F205.PS.20250115.0000007"
    assert "sina" not in again.flussi[0].to_dict()["beneficiari"][0]["prestazioni_sociali"][0]


def test_derive_options_are_checked() -> None:
    c = cartella.sample("percorso-completo").load()
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.derive_sinba(c, cf_operatore=CF_OPERATORE, canale="posta")  # type: ignore[arg-type]
    assert e.value.name == "canale"
    with pytest.raises(cartella.InvalidArgumentError) as e:
        derive_ps(tolleranza_quote="zero")
    assert e.value.name == "tolleranza_quote"
    with pytest.raises(cartella.InvalidArgumentError):
        derive_ps(suppress=[("SIUSS-PS-087", "")])
    # Suppressions move findings aside.
    d = derive_ps(suppress=[("SIUSS-PS-087", "", "no SIUSS data for these services")])
    assert not d.report.has("SIUSS-PS-087")
    assert [s.issue.rule_id for s in d.report.suppressed] == ["SIUSS-PS-087"] * 2


def test_derive_prestazione_and_its_errors() -> None:
    c = cartella.sample("percorso-completo").load()
    opts: dict[str, Any] = {
        "cf_operatore": CF_OPERATORE,
        "data_riferimento": RIFERIMENTO,
        "data_creazione": CREAZIONE,
        "regioni_dm1986": {"03": "03"},
    }
    d = siuss.derive_prestazione(c, "MI-D-2023-4511-1", **opts)
    assert [f.nome for f in d.flussi] == ["F205.PS.20250115.0000001"]
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.derive_prestazione(c, "nope", **opts)
    assert e.value.name == "id_fase"
    with pytest.raises(siuss.FlussoNonDerivabileError) as f:
        siuss.derive_prestazione(c, "MI-D-2023-4511-2", **opts)
    assert "SIUSS-PS-080" in [i.rule_id for i in f.value.issues]
    assert isinstance(f.value, cartella.CartellaError)
    # A wrong operator codice fiscale is a blocking finding too.
    opts["cf_operatore"] = "nope"
    with pytest.raises(cartella.FlussoNonDerivabileError) as f:
        siuss.derive_prestazione(c, "MI-D-2023-4511-1", **opts)
    assert "SIUSS-PS-006" in [i.rule_id for i in f.value.issues]


def test_derive_sinba_with_a_key() -> None:
    d = siuss.derive_sinba(
        minore(),
        cf_operatore=CF_OPERATORE,
        data_riferimento=datetime.date(2024, 6, 30),
        data_creazione=CREAZIONE,
        chiave_hmac=CHIAVE,
    )
    assert [f.tipo for f in d.flussi] == ["SINBA"], d.report.errors()
    s = d.flussi[0].to_dict()["sinba"][0]
    assert s["id_beneficiario"] == "F205BR4S9082TB4DEE90"
    assert s["id_beneficiario"] == siuss.id_beneficiario_sinba("F205", "C-000123", CHIAVE)
    assert d.flussi[0].nome == "F205.SINBA.20250115.0000001"
    assert "BNCLCU12E10F205X" not in d.flussi[0].to_xml()
    by_process = siuss.derive_sinba(
        minore(),
        cf_operatore=CF_OPERATORE,
        data_riferimento=datetime.date(2024, 6, 30),
        chiave_hmac=CHIAVE,
        id_caso="processo",
    )
    assert by_process.flussi[0].to_dict()["sinba"][0]["id_beneficiario"] == (
        siuss.id_beneficiario_sinba("F205", "P-1", CHIAVE)
    )
    # Without a key no id can be derived.
    nokey = siuss.derive_sinba(minore(), cf_operatore=CF_OPERATORE)
    assert nokey.flussi == []
    assert nokey.report.has("SIUSS-SINBA-001")


def test_id_beneficiario_sinba_arguments() -> None:
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.id_beneficiario_sinba("F205", "C-1", b"short")
    assert e.value.name == "chiave"
    assert "short" not in str(e.value)
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.id_beneficiario_sinba("Milano", "C-1", CHIAVE)
    assert e.value.name == "belfiore"


# ---- the flow: XML, JSON -------------------------------------------------------------------------


def test_flow_xml_and_json_round_trips() -> None:
    f = derive_ps().flussi[0]
    xml = f.to_xml()
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert 'xmlns="http://inps.it/Casellario"' in xml
    r = siuss.read_xml(xml.encode())
    assert r.issues == []
    assert r.flusso == f
    assert siuss.read_xml(xml).flusso == f
    assert siuss.Flusso.from_json(f.to_json()) == f
    assert siuss.Flusso.from_json(f.to_json(pretty=True).encode()) == f
    assert siuss.Flusso.from_dict(f.to_dict()) == f
    # JSON names are the spec's snake_case names.
    d = json.loads(f.to_json())
    assert d["identificazione_flusso"]["ente"]["cf_operatore"] == CF_OPERATORE
    with pytest.raises(cartella.ParseError):
        siuss.Flusso.from_json('{"identificazione_flusso": {}, "extra": 1}')
    assert 'Flusso(tipo="PS_PSA_SINA"' in repr(f)


def test_read_xml_unreadable_is_not_an_exception() -> None:
    r = siuss.read_xml(b"<Flusso/>")
    assert r.flusso is None
    assert r.has("XML-004")
    assert "XML-004" in r.rule_ids()
    r = siuss.read_xml(b"not xml at all")
    assert r.flusso is None and r.issues
    with pytest.raises(TypeError):
        siuss.read_xml(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.xml")))
def test_fixtures_read_and_check_streaming_equals_whole(name: str) -> None:
    path = FIXTURES / name
    r = siuss.read_xml(path.read_bytes())
    assert r.flusso is not None
    assert r.issues == []
    assert r.flusso.tipo == ("SINBA" if name.startswith("sinba") else "PS_PSA_SINA")
    whole = siuss.check(r.flusso, as_of=datetime.date(2024, 6, 30))
    streaming = siuss.check_file(path, as_of=datetime.date(2024, 6, 30))
    assert streaming.rule_ids() == whole.rule_ids()
    assert [i.path for i in streaming.issues] == [i.path for i in whole.issues]
    assert siuss.check_file(str(path), as_of="2024-06-30").rule_ids() == whole.rule_ids()


def test_check_options() -> None:
    f = derive_ps().flussi[0]
    assert siuss.check(f, canale="waas", as_of=RIFERIMENTO).is_valid
    # Two beneficiaries in one flow: fine for upload, not for waas.
    d = f.to_dict()
    d["beneficiari"].append(d["beneficiari"][0])
    doppio = siuss.Flusso.from_dict(d)
    assert len(doppio) == 2
    waas_report = siuss.check(doppio, canale="waas", as_of=RIFERIMENTO)
    upload_report = siuss.check(doppio, canale="upload", as_of=RIFERIMENTO)
    assert set(waas_report.rule_ids()) - set(upload_report.rule_ids())
    with pytest.raises(cartella.InvalidArgumentError):
        siuss.check(f, as_of="31/12/2024")
    with pytest.raises(cartella.CartellaIOError):
        siuss.check_file(FIXTURES / "missing.xml")


# ---- WaaS ---------------------------------------------------------------------------------------


def test_id_flusso() -> None:
    assert siuss.id_flusso("F205", "PS_PSA_SINA", datetime.date(2024, 3, 5), 12) == (
        "F205.PS.20240305.0000012"
    )
    assert siuss.id_flusso("H501", "SINBA", "2024-01-31", 7) == "H501.SINBA.20240131.0000007"
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.id_flusso("Roma", "SINBA", "2024-01-31", 7)
    assert e.value.name == "codice_ente"
    i = siuss.IdFlusso.parse("H501.PS.INPS.20160423.115235")
    assert i is not None
    assert (i.codice_ente, i.tipo, i.data, i.progressivo) == (
        "H501",
        "PS_PSA_SINA",
        datetime.date(2016, 4, 23),
        115235,
    )
    assert i.to_str() == "H501.PS.20160423.0115235"
    assert siuss.IdFlusso.parse("H501.XX.20160423.1") is None


def test_parametri_flussi() -> None:
    p = siuss.ParametriFlussi.from_query("since=1700000000000&max_entries=3")
    assert (p.since, p.limit) == (1_700_000_000_000, 3)
    assert siuss.ParametriFlussi(0).limit == 10
    with pytest.raises(siuss.RifiutoError) as e:
        siuss.ParametriFlussi.from_query("limit=5")
    assert e.value.response is not None
    assert e.value.response.status == 400
    assert e.value.response.content_type == "application/problem+json"
    assert [i.rule_id for i in e.value.response.issues] == ["SIUSS-WAAS-010"]
    with pytest.raises(cartella.RifiutoError):
        siuss.ParametriFlussi(0, limit=101)


def test_register_get_flussi_and_post_esiti() -> None:
    registro = siuss.RegistroInvii()
    assert len(registro) == 0
    f = derive_ps().flussi[0]
    assert f.nome is not None
    ts = registro.add(f, now_ms=1_700_000_000_000)
    assert ts == 1_700_000_000_000
    assert f.nome in registro
    v = registro.voce(f.nome)
    assert v is not None
    assert (v.stato, v.tipo, v.ts_flusso) == ("PRONTO", "PS_PSA_SINA", ts)
    assert v.xml == f.to_xml()
    assert v.chiave_record["prestazione"]["codice_prestazione"] == "A2.07"
    assert registro.check() == []
    with pytest.raises(cartella.InvalidArgumentError):
        registro.add(f, now_ms=1_700_000_000_001)  # same id_flusso
    # Persisted and read back.
    copia = siuss.RegistroInvii.from_json(registro.to_json())
    assert copia == registro
    # GET /flussi exposes the flow.
    r = siuss.get_flussi("since=0&limit=5", registro)
    assert (r.status, r.content_type) == (200, "application/json")
    assert r.body is not None
    body = json.loads(r.body)
    assert [e["id_flusso"] for e in body["elenco_flussi"]] == [f.nome]
    assert base64.b64decode(body["elenco_flussi"][0]["flusso"]).decode() == f.to_xml()
    assert registro.voci[0].stato == "ESPOSTO"
    bad = siuss.get_flussi("limit=5", registro)
    assert bad.status == 400
    assert [i.rule_id for i in bad.issues] == ["SIUSS-WAAS-010"]
    # POST /esiti acquires it.
    esiti = {
        "elenco_esiti": [
            {
                "id_flusso": f.nome,
                "tipo": "PS_PSA_SINA",
                "ts_flusso": body["elenco_flussi"][0]["ts_flusso"],
                "ts_acquisizione": "2024-01-02T10:00:00Z",
                "codice_esito": "OK",
                "id_acquisizione_siuss": "ACQ-1",
            }
        ]
    }
    r = siuss.post_esiti(json.dumps(esiti), registro)
    assert (r.status, r.body) == (204, None)
    v = registro.voce(f.nome)
    assert v is not None
    assert (v.stato, v.id_acquisizione_siuss) == ("ACQUISITO", "ACQ-1")
    assert siuss.post_esiti(b"{", registro).status == 400
    with pytest.raises(cartella.ParseError):
        siuss.RegistroInvii.from_json("[]")


def test_flows_without_a_register() -> None:
    f = derive_ps().flussi[0]
    xml = f.to_xml().encode()
    v = siuss.voce_from_xml(xml, 1_000)
    assert (v.codice_ente, v.tipo, v.id_flusso) == ("F205", "PS_PSA_SINA", f.nome)
    assert v.ts_flusso == "1970-01-01T00:00:01.000Z"
    assert base64.b64decode(v.flusso) == xml
    assert v.to_dict()["id_flusso"] == f.nome
    with pytest.raises(cartella.InvalidArgumentError):
        siuss.voce_from_xml(b"<Altro/>", 1_000)
    with pytest.raises(cartella.InvalidArgumentError) as e:
        siuss.voce_from_xml(xml, -1)
    assert e.value.name == "ts_flusso"
    sel = siuss.select_flussi_xml([(xml, 5)], siuss.ParametriFlussi(4))
    assert sel.esposti == [f.nome]
    assert [x.id_flusso for x in sel.voci] == [f.nome]
    assert json.loads(sel.body)["elenco_flussi"][0]["id_flusso"] == f.nome
    assert siuss.select_flussi_xml([(xml, 5)], "since=5").esposti == []
    sel = siuss.select_flussi_xml([(b"<Altro/>", 5)], "since=0")
    assert sel.esposti == [] and [i.rule_id for i in sel.issues] == ["SIUSS-WAAS-008"]
