#!/usr/bin/env python3
"""The INPS flow workflow of a vendor (docs/src/siuss.md, "Worked example"), for the WaaS channel.

    pip install ./bindings/python
    python examples/python/siuss_flows.py [OUT_DIR]

Derives the PS-PSA-SINA flow of the sample ``percorso-completo``, prints the findings, writes the
XML (to OUT_DIR, default the current directory), checks it for the ``waas`` channel, registers it
in a send register and prints what ``GET /flussi?since=0&limit=10`` answers. Exits 0 when the flow
is valid and listed, 1 otherwise.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import sys

import cartella
from cartella import siuss


def main(argv: list[str]) -> int:
    out_dir = pathlib.Path(argv[0]) if argv else pathlib.Path(".")
    c = cartella.sample("percorso-completo").load()

    # 1. Derive the PS-PSA-SINA flows (one per prestazione on the WaaS channel). The one-line
    #    region table is a stand-in: register the real ISTAT -> DM 1986 table (README, open
    #    question 17); without it, Italian residents fail with SIUSS-PS-082.
    d = siuss.derive_period(
        c,
        datetime.date(2023, 1, 1),
        datetime.date(2024, 6, 30),
        cf_operatore="RSSMRA80A01H501U",
        canale="waas",
        data_riferimento=datetime.date(2024, 6, 30),
        data_creazione=datetime.date(2024, 7, 1),
        regioni_dm1986={"03": "03"},
    )
    print(f"derived {len(d.flussi)} flow(s): {[f.nome for f in d.flussi]}")
    for issue in d.report.issues:
        print(f"  {issue.severity:7} {issue.rule_id:14} {issue.path or '/'}: {issue.message_en}")
    if not d.flussi:
        print("no flow derived")
        return 1

    registro = siuss.RegistroInvii()
    ok = True
    for flusso in d.flussi:
        # 2. Write the XML (INPS format), named after the flow (= its WaaS id_flusso).
        path = out_dir / f"{flusso.nome}.xml"
        path.write_text(flusso.to_xml(), encoding="utf-8")
        print(f"wrote {path}")

        # 3. Check it as INPS will for the WaaS channel (one item per flow): no errors expected.
        report = siuss.check_file(path, canale="waas", as_of=datetime.date(2024, 6, 30))
        print(f"check {flusso.nome} (waas): valid={report.is_valid} errors={report.count('error')}")
        ok = ok and report.is_valid

        # 4. Register it: a PRONTO entry with its ts_flusso (persist the register with to_json()).
        registro.add(flusso)

    # 5. What the WaaS API answers to INPS's GET /flussi?since=0&limit=10.
    response = siuss.get_flussi("since=0&limit=10", registro)
    body: dict[str, list[dict[str, str]]] = json.loads(response.body or "{}")
    listed = [voce["id_flusso"] for voce in body.get("elenco_flussi", [])]
    print(f"GET /flussi?since=0&limit=10 -> {response.status}")
    for id_flusso in listed:
        voce = registro.voce(id_flusso)  # returned entries move PRONTO -> ESPOSTO
        print(f"  id_flusso {id_flusso} ({voce.stato if voce else '?'})")
    ok = ok and response.status == 200 and listed == [f.nome for f in d.flussi]
    print("flow workflow OK" if ok else "flow workflow NOT as expected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
