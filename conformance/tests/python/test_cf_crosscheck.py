"""Cross-check of `cartella cf check` against python-codicefiscale (PyPI).

Generates >= 10,000 codes with a fixed seed using python-codicefiscale's ``encode`` (real names,
dates in the last 99 years, birthplaces valid at the birth date), plus omocodic variants, lower-case
/ spaced forms and corrupted codes, feeds them one per line to ``cartella cf check - --format json``
and asserts agreement on validity and on the decoded sex, birth date and birthplace code.

Binary: env ``CARTELLA_BIN``; else ``$CARGO_TARGET_DIR/{release,debug}/cartella``; else
``<repo>/target/{release,debug}/cartella``.

Run::

    python3 -m venv /tmp/venv-cf && /tmp/venv-cf/bin/pip install -r conformance/tests/python/requirements.txt
    cargo build --release -p cartella-cli
    CARTELLA_BIN=target/release/cartella /tmp/venv-cf/bin/pytest -q conformance/tests/python/test_cf_crosscheck.py

Where python-codicefiscale and the spec (rules.md §5) disagree the spec wins; every such case is
classified explicitly below (``KNOWN_DISAGREEMENTS``) and counted, never silently ignored.
"""
from __future__ import annotations

import json
import os
import random
import string
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

codicefiscale = pytest.importorskip("codicefiscale")
from codicefiscale import codicefiscale as cfmod  # noqa: E402

SEED = 20261126
N_BASE = 10_000

REPO = Path(__file__).resolve().parents[3]

# Disagreements allowed because the spec says otherwise (reason recorded per category).
KNOWN_DISAGREEMENTS = {
    "birthplace-is-warning": (
        "rules.md §5.1 steps 3-6: an unknown Belfiore code (CF-011) or one not valid at the birth "
        "date (CF-012) is a *warning*; the code stays valid. python-codicefiscale's decode() "
        "raises (is_valid False) when it finds no birthplace."
    ),
    "century-after-birthplace-retry": (
        "rules.md §5.1 step 4: the century is the latest of 18yy/19yy/20yy not after the reference "
        "year. python-codicefiscale retries 100 years earlier when the birthplace is not valid at "
        "the first date, so the two birth dates differ by a century (we report CF-012)."
    ),
}

SURNAMES = [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
    "Lombardi", "Moretti", "Fo", "Re", "Po", "D'Angelo", "Dell'Acqua", "Zanè", "Nicolò", "Xu",
    "Yi", "Ai", "Iorio", "Oppo", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi",
]
FIRSTNAMES = [
    "Mario", "Laura", "Giuseppe", "Anna", "Francesco", "Maria", "Antonio", "Giulia", "Alessandro",
    "Sofia", "Gianfranco", "Paola", "Luca", "Chiara", "Andrea", "Elena", "Nicolò", "Zoe", "Ugo",
    "Eva", "Ida", "Lia", "Pierluigi", "Maria Grazia", "Gian Marco", "Noè", "Aurora", "Leonardo",
]


def find_binary() -> Path:
    env = os.environ.get("CARTELLA_BIN")
    if env:
        return Path(env)
    roots = []
    if os.environ.get("CARGO_TARGET_DIR"):
        roots.append(Path(os.environ["CARGO_TARGET_DIR"]))
    roots.append(REPO / "target")
    for root in roots:
        for profile in ("release", "debug"):
            p = root / profile / "cartella"
            if p.exists():
                return p
    pytest.skip("cartella binary not found: build it and set CARTELLA_BIN")


def _d(s: str) -> date | None:
    return date.fromisoformat(s[:10]) if s else None


def generate() -> list[tuple[str, str]]:
    """(code, origin) pairs; origin in base|omocode|normalise|corrupt|garbage."""
    rng = random.Random(SEED)
    data = codicefiscale.data.get_municipalities_data() + codicefiscale.data.get_countries_data()
    today = date.today()
    # python-codicefiscale decodes the year relative to today: keep births in the last 99 years
    lo_bound = date(today.year - 99, 1, 1)
    places = []
    for m in data:
        lo = max(_d(m["date_created"]) or lo_bound, lo_bound)
        hi = min(_d(m["date_deleted"]) or today, today)
        if lo <= hi and len(m["code"]) == 4:
            places.append((m["code"], lo, hi))
    out: list[tuple[str, str]] = []
    while len([o for o in out if o[1] != "garbage"]) < N_BASE:
        code_bp, lo, hi = places[rng.randrange(len(places))]
        birth = lo + timedelta(days=rng.randrange((hi - lo).days + 1))
        try:
            code = cfmod.encode(
                lastname=rng.choice(SURNAMES),
                firstname=rng.choice(FIRSTNAMES),
                gender=rng.choice("MF"),
                birthdate=birth.isoformat(),
                birthplace=code_bp,
            )
        except ValueError:
            continue  # python-codicefiscale cannot encode it (its own data); not our concern
        r = rng.random()
        if r < 0.15:
            omocodes = cfmod.decode(code)["omocodes"][1:]
            out.append((rng.choice(omocodes), "omocode"))
        elif r < 0.20:
            low = code.lower() if rng.random() < 0.5 else code
            i = rng.randrange(1, 16)
            out.append((low[:i] + " " + low[i:], "normalise"))
        elif r < 0.35:
            out.append((corrupt(code, rng), "corrupt"))
        else:
            out.append((code, "base"))
    for _ in range(200):
        n = rng.choice([0, 5, 11, 15, 16, 17])
        out.append(("".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n)) or "X", "garbage"))
    return out


def corrupt(code: str, rng: random.Random) -> str:
    chars = list(code)
    kind = rng.randrange(3)
    if kind == 0:  # substitute one character
        i = rng.randrange(16)
        chars[i] = rng.choice([c for c in string.ascii_uppercase + string.digits if c != chars[i]])
    elif kind == 1:  # swap two adjacent characters
        i = rng.randrange(15)
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:  # wrong check character
        chars[15] = rng.choice([c for c in string.ascii_uppercase if c != chars[15]])
    return "".join(chars)


def python_view(code: str) -> dict:
    try:
        d = cfmod.decode(code)
    except (ValueError, KeyError, IndexError):
        return {"valid": False}
    return {
        "valid": True,
        "sex": d["gender"],
        "birth_date": d["birthdate"].date().isoformat(),
        "birthplace": d["birthplace"]["code"],
    }


@pytest.fixture(scope="module")
def results():
    codes = generate()
    binary = find_binary()
    proc = subprocess.run(
        [str(binary), "cf", "check", "-", "--format", "json"],
        input="\n".join(c for c, _ in codes) + "\n",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == len(codes), "one JSON object per input line"
    return [(code, origin, json.loads(line)) for (code, origin), line in zip(codes, lines)]


def test_enough_codes(results):
    assert len([r for r in results if r[1] != "garbage"]) >= 10_000
    origins = {o for _, o, _ in results}
    assert {"base", "omocode", "normalise", "corrupt", "garbage"} <= origins


def test_agreement_with_python_codicefiscale(results):
    known: dict[str, int] = {k: 0 for k in KNOWN_DISAGREEMENTS}
    problems = []
    for code, origin, ours in results:
        py = python_view(code)
        rule_ids = {i["rule_id"] for i in ours["issues"]}
        if ours["valid"] != py["valid"]:
            if ours["valid"] and not py["valid"] and rule_ids & {"CF-011", "CF-012"}:
                known["birthplace-is-warning"] += 1
                continue
            problems.append((origin, "validity", code, ours["valid"], py["valid"], sorted(rule_ids)))
            continue
        if not py["valid"]:
            continue
        if ours["sex"] != py["sex"]:
            problems.append((origin, "sex", code, ours["sex"], py["sex"]))
        if ours["birthplace"] is None or ours["birthplace"]["code"] != py["birthplace"]:
            problems.append((origin, "birthplace", code, ours["birthplace"], py["birthplace"]))
        if ours["birth_date"] != py["birth_date"]:
            if "CF-012" in rule_ids and ours["birth_date"][4:] == py["birth_date"][4:]:
                known["century-after-birthplace-retry"] += 1
                continue
            problems.append((origin, "birth_date", code, ours["birth_date"], py["birth_date"]))
    print("known, spec-motivated disagreements:", known)
    assert not problems, f"{len(problems)} disagreements, first: {problems[:10]}"
    # the spec-motivated disagreements are rare edge cases, not a systematic difference
    assert sum(known.values()) < len(results) * 0.02, known


def test_generated_codes_are_valid_for_both(results):
    for code, origin, ours in results:
        if origin in ("base", "omocode", "normalise"):
            assert ours["valid"], (origin, ours["code"], ours["issues"])
            assert ours["omocodia"] == (origin == "omocode")


def test_output_is_masked(results):
    for code, _, ours in results:
        c = code.replace(" ", "").upper()
        if len(c) >= 8:
            assert c not in json.dumps(ours).upper()
            assert ours["code"] == c[:6] + "*" * (len(c) - 7) + c[-1]
