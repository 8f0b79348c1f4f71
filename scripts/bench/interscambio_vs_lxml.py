#!/usr/bin/env python3
"""Times lxml (parse + XSD validation + serialisation) against Cartella (read + validate + write)
on the same interscambio messages; prints both figures per message and the ratio.

The messages are the ones written from the embedded samples and from the full fixture
``core/tests/fixtures/interscambio/completa.json``, produced by the example
``core/examples/interscambio_throughput.rs`` (``--write-dir``), which also times Cartella on one
core: hardened read, reader findings + canonical rules, write.

lxml is timed on one core too: ``etree.fromstring`` (parse) + ``XMLSchema.validate`` against
``PRSS_IN001004ZZ_mod.xsd`` (schema compiled once, outside the timing) + ``etree.tostring``.
This is *less* work than Cartella does: XSD validation checks structure and datatypes only, none
of the canonical rules, and lxml builds no domain model.

Usage::

    python3 scripts/bench/interscambio_vs_lxml.py [--seconds 1] [--reference DIR]

lxml is installed into a venv (``~/.cache/cartella-venv-lxml``) when it is not importable; the
script then re-executes itself there. The XSDs are read from ``$CARTELLA_REFERENCE_DIR``
(default ``../shared/reference`` beside the repository), ``interscambio/PRSS_IN001004ZZ_mod.xsd``.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = Path.home() / ".cache" / "cartella-venv-lxml"


def ensure_lxml() -> None:
    try:
        import lxml  # noqa: F401
    except ImportError:
        if os.environ.get("CARTELLA_LXML_VENV") == "1":
            sys.exit("lxml is still not importable in the venv")
        py = VENV / "bin" / "python"
        if not py.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "lxml"], check=True)
        env = dict(os.environ, CARTELLA_LXML_VENV="1")
        os.execve(str(py), [str(py), __file__, *sys.argv[1:]], env)


def reference_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("CARTELLA_REFERENCE_DIR")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "reference"


def run_cartella(seconds: float, out_dir: Path) -> dict[str, float]:
    target = os.environ.get("CARGO_TARGET_DIR")
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "cartella", "--example",
           "interscambio_throughput", "--", "--write-dir", str(out_dir), "--seconds", str(seconds)]
    env = dict(os.environ)
    if target:
        env["CARGO_TARGET_DIR"] = target
    # One core, like lxml.
    if sys.platform.startswith("linux"):
        cmd = ["taskset", "-c", "0", *cmd]
    res = subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True, text=True)
    rates = {}
    for line in res.stdout.splitlines():
        name, _size, rate = line.split("\t")
        rates[name] = float(rate)
    return rates


def time_lxml(xml: bytes, schema, seconds: float) -> tuple[float, bool]:
    from lxml import etree

    valid = True
    n = 0
    start = time.perf_counter()
    while True:
        for _ in range(8):
            doc = etree.fromstring(xml)
            valid = schema.validate(doc)
            etree.tostring(doc, xml_declaration=True, encoding="UTF-8")
            n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed, valid


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=1.0, help="time per message and side")
    ap.add_argument("--reference", help="reference directory (default $CARTELLA_REFERENCE_DIR)")
    args = ap.parse_args()
    ensure_lxml()
    from lxml import etree

    if sys.platform.startswith("linux"):
        os.sched_setaffinity(0, {0})
    xsd = reference_dir(args.reference) / "interscambio" / "PRSS_IN001004ZZ_mod.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        rates = run_cartella(args.seconds, out_dir)
        print(f"{'message':<22} {'bytes':>7} {'lxml msg/s':>12} {'XSD':>5} "
              f"{'cartella msg/s':>15} {'ratio':>7}")
        ratios = []
        for name, rate in rates.items():
            xml = (out_dir / f"{name}.xml").read_bytes()
            lx, valid = time_lxml(xml, schema, args.seconds)
            ratio = rate / lx
            ratios.append(ratio)
            print(f"{name:<22} {len(xml):>7} {lx:>12.0f} {'ok' if valid else 'no':>5} "
                  f"{rate:>15.0f} {ratio:>6.1f}x")
        if ratios:
            print(f"\nratio cartella / lxml: min {min(ratios):.1f}x, max {max(ratios):.1f}x "
                  "(cartella: read + reader findings + canonical rules + write; "
                  "lxml: parse + XSD validation + serialisation; one core each)")


if __name__ == "__main__":
    main()
