#!/usr/bin/env python3
"""Benchmarks of the ``cartella`` Python package; prints two ratios.

1. ``cartella.cf.check_many`` on 1,000,000 codes vs a loop of python-codicefiscale's
   ``is_valid``. python-codicefiscale takes about a millisecond per code, so by default it is
   timed on a deterministic sample of ``--pcf-n`` codes of the same population and its
   per-code time is extrapolated to the million (say ``--pcf-n 1000000`` to time it all;
   it takes about half an hour). Target: >= 1000x.
2. ``cartella.Validator.validate_many`` over the embedded samples (repeated to ``--docs``
   documents, already loaded) vs the same work in Rust (``bindings/python/examples/
   bench_validate.rs``: same samples, same validator options, rayon, results in order),
   i.e. the binding overhead. Target: <= 1.5x. ``--rust-ns N`` reuses a Rust figure
   (ns per document) instead of building and running the example.

Usage::

    pip install ./bindings/python python-codicefiscale
    python3 scripts/bench/python_bench.py [--n 1000000] [--pcf-n 20000] [--docs 6000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Literal, Optional

import cartella
from cartella import cf

REPO = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2025, 6, 30)


def make_codes(n: int, seed: int = 20261126) -> list[str]:
    """``n`` codes: valid ones (with omocodia) and 10% corrupted, deterministic."""
    rng = random.Random(seed)
    places = ["H501", "F205", "D969", "L219", "A944", "Z404", "Z110", "G273", "F839", "C351"]
    surnames = ["Rossi", "Bianchi", "Verdi", "Fo", "Colombo", "Ferrari"]
    names = ["Mario", "Laura", "Gianfranco", "Ada", "Elena", "Luca"]
    base: list[str] = []
    for _ in range(min(n, 50_000)):
        birth = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(90 * 365))
        sex: Literal["M", "F"] = "M" if rng.random() < 0.5 else "F"
        code = cf.encode(
            rng.choice(surnames),
            rng.choice(names),
            birth,
            sex,
            rng.choice(places),
            0 if rng.random() < 0.9 else rng.randrange(1, 8),
        )
        if rng.random() < 0.1:
            code = code[:15] + ("A" if code[15] != "A" else "B")
        base.append(code)
    return [base[i % len(base)] for i in range(n)]


def best_of(rounds: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_cf(n: int, pcf_n: int) -> float:
    from codicefiscale import codicefiscale as pcf

    codes = make_codes(n)
    t_ours = best_of(5, lambda: cf.check_many(codes))
    sample = codes[:: max(1, n // pcf_n)][:pcf_n]
    t = time.perf_counter()
    theirs = [pcf.is_valid(c) for c in sample]
    t_pcf_each = (time.perf_counter() - t) / len(sample)
    ours_sample = cf.check_many(sample)
    agree = sum(a == b for a, b in zip(ours_sample, theirs)) / len(sample)
    t_pcf = t_pcf_each * n
    ratio = t_pcf / t_ours
    print(f"cf.check_many({n:,} codes): {t_ours * 1e3:.1f} ms ({t_ours / n * 1e9:.0f} ns/code)")
    extrap = "" if len(sample) == n else f", timed on {len(sample):,} codes and extrapolated"
    print(
        f"python-codicefiscale is_valid loop: {t_pcf:.1f} s "
        f"({t_pcf_each * 1e6:.0f} us/code{extrap}); agreement on the sample {agree:.2%}"
    )
    print(f"RATIO cf: cartella is {ratio:,.0f}x faster (target >= 1000x)")
    return ratio


def rust_ns_per_doc(docs: int) -> Optional[float]:
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", str(Path.home() / ".cache" / "cartella-target"))
    cmd = [
        "cargo", "run", "--quiet", "--release", "-p", "cartella-python",
        "--example", "bench_validate", "--", str(docs), "7",
    ]
    try:
        out = subprocess.run(cmd, cwd=REPO, env=env, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"cannot run the Rust baseline ({e}); pass --rust-ns", file=sys.stderr)
        return None
    m = re.search(r"ns_per_doc=(\d+)", out.stdout)
    return float(m.group(1)) if m else None


def bench_validate(docs: int, rust_ns: Optional[float]) -> Optional[float]:
    samples = [s.load() for s in cartella.samples()]
    batch = [samples[i % len(samples)] for i in range(docs)]
    v = cartella.Validator("guideline", as_of=AS_OF)
    v.validate_many(batch[:100])  # warm-up
    t = best_of(7, lambda: v.validate_many(batch))
    py_ns = t / docs * 1e9
    print(f"validate_many({docs:,} sample documents): {t * 1e3:.1f} ms ({py_ns:,.0f} ns/doc)")
    if rust_ns is None:
        rust_ns = rust_ns_per_doc(docs)
    if rust_ns is None:
        return None
    ratio = py_ns / rust_ns
    print(f"Rust, same work (rayon, same Validator): {rust_ns:,.0f} ns/doc")
    print(f"RATIO validate: binding overhead {ratio:.2f}x Rust (target <= 1.5x)")
    return ratio


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--n", type=int, default=1_000_000, help="codes for check_many")
    p.add_argument("--pcf-n", type=int, default=20_000, help="codes timed with python-codicefiscale")
    p.add_argument("--docs", type=int, default=6_000, help="documents for validate_many")
    p.add_argument("--rust-ns", type=float, default=None, help="Rust ns/doc (skip the Rust run)")
    p.add_argument("--skip-cf", action="store_true")
    p.add_argument("--skip-validate", action="store_true")
    args = p.parse_args(argv)
    print(f"cartella {cartella.__version__}, cores: {os.cpu_count()}")
    if not args.skip_cf:
        bench_cf(args.n, args.pcf_n)
    if not args.skip_validate:
        bench_validate(args.docs, args.rust_ns)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
