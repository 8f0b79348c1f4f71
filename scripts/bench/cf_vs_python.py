#!/usr/bin/env python3
"""Times python-codicefiscale's ``is_valid`` against Cartella on the same codes; prints the ratio.

Cartella is timed two ways:
  * library: the ``cf/is_valid`` figure printed by ``cargo bench -p cartella --bench codice_fiscale``
    (pass ``--rust-rate N`` to reuse a figure, or ``--run-bench`` to run the bench);
  * CLI: ``cartella cf check - --format json`` over the same codes (end-to-end, including process
    start, stdin parsing, full decoding and JSON output).

Usage::

    pip install python-codicefiscale==0.12.1
    cargo build --release -p cartella-cli
    python3 scripts/bench/cf_vs_python.py --bin target/release/cartella [--n 20000] [--run-bench]
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from codicefiscale import codicefiscale as cfmod

REPO = Path(__file__).resolve().parents[2]


def codes(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    places = ["H501", "F205", "D969", "L219", "A944", "Z404", "Z110", "G273", "F839", "C351"]
    out = []
    while len(out) < n:
        birth = date(1930, 1, 1) + timedelta(days=rng.randrange(90 * 365))
        try:
            c = cfmod.encode(rng.choice(["Rossi", "Bianchi", "Verdi", "Fo"]),
                             rng.choice(["Mario", "Laura", "Anna", "Gianfranco"]),
                             rng.choice("MF"), birth.isoformat(), rng.choice(places))
        except ValueError:
            continue
        if rng.random() < 0.1:
            c = c[:15] + ("A" if c[15] != "A" else "B")
        out.append(c)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.environ.get("CARTELLA_BIN", str(REPO / "target/release/cartella")))
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--rust-rate", type=float, help="codes/s of cf::is_valid from the Rust bench")
    ap.add_argument("--run-bench", action="store_true", help="run cargo bench to get the Rust rate")
    a = ap.parse_args()

    cs = codes(a.n)
    cfmod.is_valid(cs[0])  # warm the data index
    t = time.perf_counter()
    ok = sum(cfmod.is_valid(c) for c in cs)
    py = len(cs) / (time.perf_counter() - t)
    print(f"python-codicefiscale is_valid: {py:,.0f} codes/s ({ok} valid)")

    t = time.perf_counter()
    p = subprocess.run([a.bin, "cf", "check", "-", "--format", "json"], input="\n".join(cs) + "\n",
                       capture_output=True, text=True, check=False)
    cli = len(cs) / (time.perf_counter() - t)
    assert len(p.stdout.splitlines()) == len(cs), p.stderr
    print(f"cartella CLI cf check (full decode + JSON, incl. process start): {cli:,.0f} codes/s "
          f"-> {cli / py:.1f}x python")

    rate = a.rust_rate
    if rate is None and a.run_bench:
        b = subprocess.run(["cargo", "bench", "-p", "cartella", "--bench", "codice_fiscale"],
                           cwd=REPO, capture_output=True, text=True, check=False)
        m = re.search(r"cf/is_valid: (\d+) codes/s", b.stdout)
        rate = float(m.group(1)) if m else None
        if rate is None:
            print(b.stdout[-2000:], b.stderr[-2000:], file=sys.stderr)
    if rate:
        print(f"cartella library cf::is_valid: {rate:,.0f} codes/s -> {rate / py:,.0f}x python")


if __name__ == "__main__":
    main()
