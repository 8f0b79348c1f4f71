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

After the comparison the script prints, per message:

* lxml's breakdown: microseconds of parse, XSD validation and serialisation, each the median over
  batches of the mean time of one call (the three are timed separately, the document of the
  validation and of the serialisation parsed once outside the timing);
* the "20x budget": lxml's time for one round (parse + validation + serialisation in a row,
  median of batches) divided by 20, i.e. the time Cartella's whole round may take for the ratio
  of issue #5;
* the lower bounds of the example ``core/examples/interscambio_soglia.rs``, timed on one core:
  copy + ``memchr`` over the input, tokenising only with quick-xml ``Reader`` and ``NsReader``,
  with the ``xmlparser`` tokenizer, a ``roxmltree`` DOM, and a copy of the output; each as a
  fraction of the 20x budget, and the largest ratio over lxml that an implementation doing only
  "the fastest tokeniser + copy the output" could reach.

Usage::

    python3 scripts/bench/interscambio_vs_lxml.py [--seconds 1] [--reference DIR] [--json FILE]

``--json FILE`` also writes every figure (and the machine's load average before and after)
machine-readably. ``--clock cpu`` (the default where the OS has per-thread CPU clocks) times the
batches of the per-stage figures and of the lower bounds with the CPU time of the timing thread,
on both sides (``time.thread_time`` here, ``CLOCK_THREAD_CPUTIME_ID`` in the example): on an idle
core it equals the elapsed time, on a shared machine it leaves out the time spent waiting for the
core. ``--clock wall`` uses the elapsed time. The first table (messages per second) is always
elapsed time, as before.

lxml is installed into a venv (``~/.cache/cartella-venv-lxml``) when it is not importable; the
script then re-executes itself there. The XSDs are read from ``$CARTELLA_REFERENCE_DIR``
(default ``../shared/reference`` beside the repository), ``interscambio/PRSS_IN001004ZZ_mod.xsd``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
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


EXAMPLES = ("interscambio_throughput", "interscambio_soglia")


def build_examples() -> None:
    """Builds both examples first, on every core: the timed runs below then start at once."""
    cmd = ["cargo", "build", "--quiet", "--release", "-p", "cartella"]
    for example in EXAMPLES:
        cmd += ["--example", example]
    subprocess.run(cmd, cwd=REPO, check=True)


def run_example(example: str, args: list[str]) -> subprocess.CompletedProcess:
    cmd = ["cargo", "run", "--quiet", "--release", "-p", "cartella", "--example", example, "--",
           *args]
    # One core, like lxml.
    if sys.platform.startswith("linux"):
        cmd = ["taskset", "-c", "0", *cmd]
    return subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True)


def micros(text: str) -> float | None:
    """Microseconds of a Rust ``Duration`` printed with ``{:?}`` (``12.3µs``, ``1.2ms``...)."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*(ns|µs|us|ms|s)\s*", text)
    if not m:
        return None
    scale = {"ns": 1e-3, "µs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}[m.group(2)]
    return float(m.group(1)) * scale


def run_cartella(seconds: float, out_dir: Path) -> tuple[dict[str, float], dict[str, dict]]:
    res = run_example("interscambio_throughput",
                      ["--write-dir", str(out_dir), "--seconds", str(seconds)])
    rates = {}
    for line in res.stdout.splitlines():
        name, _size, rate = line.split("\t")
        rates[name] = float(rate)
    # The breakdown on standard error, `name: read X, validate Y, write Z` (optional).
    breakdown: dict[str, dict] = {}
    for line in res.stderr.splitlines():
        name, sep, rest = line.partition(": ")
        if not sep:
            continue
        parts = {}
        for item in rest.split(", "):
            key, _, value = item.partition(" ")
            us = micros(value)
            if us is not None:
                parts[key] = us
        if parts:
            breakdown[name] = parts
    return rates, breakdown


def run_soglia(seconds: float, clock: str) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Lower bounds per message and stage (microseconds), and the output size per message."""
    res = run_example("interscambio_soglia", ["--seconds", str(seconds), "--clock", clock])
    stages: dict[str, dict[str, float]] = {}
    out_bytes: dict[str, int] = {}
    for line in res.stdout.splitlines():
        name, stage, value = line.split("\t")
        if stage == "bytes-uscita":
            out_bytes[name] = int(value)
        elif stage != "bytes":
            stages.setdefault(name, {})[stage] = float(value)
    return stages, out_bytes


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


def cpu_clock_available() -> bool:
    try:
        time.thread_time()
        return sys.platform.startswith("linux") or sys.platform == "darwin"
    except (AttributeError, OSError):
        return False


def median_micros(f, seconds: float, clock: str, batches: int = 21) -> float:
    """Median over ``batches`` batches of the mean time of one ``f()`` on ``clock`` (``cpu``:
    this thread's CPU time, ``wall``: elapsed time), in microseconds."""
    now = time.thread_time if clock == "cpu" else time.perf_counter
    start = now()
    warm = 0
    while warm < 3 or now() - start < seconds / 20:
        f()
        warm += 1
    one = (now() - start) / warm
    k = max(1, int(seconds / batches / one))
    samples = []
    for _ in range(batches):
        t = now()
        for _ in range(k):
            f()
        samples.append((now() - t) * 1e6 / k)
    return statistics.median(samples)


def lxml_stages(xml: bytes, schema, seconds: float, clock: str) -> dict[str, float]:
    """lxml's parse, XSD validation and serialisation timed separately, and the three in a row
    (``round``), in microseconds."""
    from lxml import etree

    def round_trip() -> None:
        d = etree.fromstring(xml)
        schema.validate(d)
        etree.tostring(d, xml_declaration=True, encoding="UTF-8")

    doc = etree.fromstring(xml)
    each = seconds / 4
    return {
        "parse": median_micros(lambda: etree.fromstring(xml), each, clock),
        "validate": median_micros(lambda: schema.validate(doc), each, clock),
        "serialise": median_micros(
            lambda: etree.tostring(doc, xml_declaration=True, encoding="UTF-8"), each, clock),
        "round": median_micros(round_trip, each, clock),
    }


def loadavg() -> list[float] | None:
    try:
        return list(os.getloadavg())
    except OSError:
        return None


# Lower-bound stages of interscambio_soglia that read the input (tokenisers), and the write bound.
TOKENISERS = ("quickxml-reader", "quickxml-nsreader", "xmlparser-token", "roxmltree-dom")
WRITE_BOUND = "memcpy-uscita"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=1.0, help="time per message and side")
    ap.add_argument("--reference", help="reference directory (default $CARTELLA_REFERENCE_DIR)")
    ap.add_argument("--json", metavar="FILE", help="also write every figure to FILE as JSON")
    ap.add_argument("--clock", choices=("cpu", "wall"),
                    help="clock of the per-stage figures and lower bounds (default: cpu where "
                         "available, else wall)")
    args = ap.parse_args()
    if args.clock is None:
        args.clock = "cpu" if cpu_clock_available() else "wall"
    ensure_lxml()
    from lxml import etree

    load_before = loadavg()
    # Before pinning: the build may use every core (the timed runs are pinned).
    build_examples()
    if sys.platform.startswith("linux"):
        os.sched_setaffinity(0, {0})
    xsd = reference_dir(args.reference) / "interscambio" / "PRSS_IN001004ZZ_mod.xsd"
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    messages: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = Path(tmp)
        rates, cartella_parts = run_cartella(args.seconds, out_dir)
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
            messages[name] = {
                "bytes": len(xml),
                "xsd_valid": bool(valid),
                "lxml": {"messages_per_second": lx, "round_us": 1e6 / lx},
                "cartella": {"messages_per_second": rate, "round_us": 1e6 / rate,
                             "stages_us": cartella_parts.get(name, {})},
                "ratio": ratio,
            }
        if ratios:
            print(f"\nratio cartella / lxml: min {min(ratios):.1f}x, max {max(ratios):.1f}x "
                  "(cartella: read + reader findings + canonical rules + write; "
                  "lxml: parse + XSD validation + serialisation; one core each)")

        # lxml per stage.
        print(f"\nlxml per stage, microseconds (median of batches, {args.clock} clock, one core; "
              "round = the three in a row, median of batches; mean = 1e6 / lxml msg/s above):")
        print(f"{'message':<22} {'parse':>9} {'validate':>9} {'serialise':>9} {'sum':>9} "
              f"{'round':>9} {'mean':>9}")
        for name, m in messages.items():
            xml = (out_dir / f"{name}.xml").read_bytes()
            st = lxml_stages(xml, schema, args.seconds, args.clock)
            rnd = st.pop("round")
            m["lxml"]["stages_us"] = st
            m["lxml"]["round_median_us"] = rnd
            total = sum(st.values())
            print(f"{name:<22} {st['parse']:>9.1f} {st['validate']:>9.1f} "
                  f"{st['serialise']:>9.1f} {total:>9.1f} {rnd:>9.1f} "
                  f"{m['lxml']['round_us']:>9.1f}")

    if cartella_parts:
        print("\ncartella per stage, microseconds (interscambio_throughput: mean of 20 calls each; "
              "round = 1e6 / cartella msg/s above):")
        keys = sorted({k for p in cartella_parts.values() for k in p},
                      key=lambda k: ["read", "validate", "write"].index(k)
                      if k in ("read", "validate", "write") else 9)
        print(f"{'message':<22} " + " ".join(f"{k:>9}" for k in keys) + f" {'round':>9}")
        for name, m in messages.items():
            p = m["cartella"]["stages_us"]
            print(f"{name:<22} " + " ".join(f"{p.get(k, float('nan')):>9.1f}" for k in keys)
                  + f" {m['cartella']['round_us']:>9.1f}")

    # The 20x budget and the lower bounds.
    soglia, out_bytes = run_soglia(args.seconds, args.clock)
    stages = ["copia+memchr", *TOKENISERS, WRITE_BOUND]
    print("\n20x budget = lxml round (median) / 20, microseconds; lower bounds of any "
          f"implementation (interscambio_soglia, one core, median of batches, {args.clock} "
          "clock, microseconds):")
    print(f"{'message':<22} {'budget':>8} " + " ".join(f"{s:>17}" for s in stages))
    for name, m in messages.items():
        # The median, like the lower bounds (the mean is the more sensitive to other load).
        budget = m["lxml"]["round_median_us"] / 20
        b = soglia.get(name, {})
        m["budget_20x_us"] = budget
        m["soglia_us"] = b
        m["bytes_output"] = out_bytes.get(name)
        print(f"{name:<22} {budget:>8.1f} "
              + " ".join(f"{b.get(s, float('nan')):>17.1f}" for s in stages))
    print("\nfraction of the 20x budget taken by the lower bounds alone "
          "(tokenise only, no model, no rule, no write; > 1 = 20x out of reach):")
    print(f"{'message':<22} " + " ".join(f"{s:>17}" for s in stages)
          + f" {'floor':>7} {'max ratio':>9}")
    worst = []
    for name, m in messages.items():
        budget = m["budget_20x_us"]
        b = m["soglia_us"]
        fractions = {s: b[s] / budget for s in stages if s in b}
        m["fraction_of_budget"] = fractions
        toks = [b[s] for s in TOKENISERS if s in b]
        if toks and WRITE_BOUND in b:
            # The cheapest tokeniser plus copying the output: what the fastest conceivable
            # implementation built on these tokenisers spends before any model or rule.
            floor = min(toks) + b[WRITE_BOUND]
            m["floor_us"] = floor
            m["floor_fraction_of_budget"] = floor / budget
            m["max_ratio_over_lxml"] = m["lxml"]["round_median_us"] / floor
            worst.append((m["max_ratio_over_lxml"], name))
            tail = f" {floor / budget:>7.2f} {m['max_ratio_over_lxml']:>8.1f}x"
        else:
            tail = ""
        print(f"{name:<22} " + " ".join(f"{fractions.get(s, float('nan')):>17.2f}" for s in stages)
              + tail)
    if worst:
        best = max(worst)
        print(f"\nfloor = fastest tokeniser + {WRITE_BOUND}; max ratio = lxml round / floor, the "
              "ratio over lxml of an implementation that only tokenises and copies the output: "
              f"min {min(worst)[0]:.1f}x ({min(worst)[1]}), max {best[0]:.1f}x ({best[1]})")
    load_after = loadavg()
    if load_before is not None:
        print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
              f"(cores: {os.cpu_count()}; a load above 1 inflates the elapsed-time figures: the "
              "first table, cartella per stage, and every figure with --clock wall)")

    if args.json:
        from lxml import etree as _etree

        data = {
            "seconds": args.seconds,
            "clock": args.clock,
            "units": "microseconds unless named otherwise; one core",
            "machine": {
                "cores": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
                "lxml": ".".join(map(str, _etree.LXML_VERSION)),
                "libxml2": ".".join(map(str, _etree.LIBXML_VERSION)),
                "libxslt": ".".join(map(str, _etree.LIBXSLT_VERSION)),
                "load_average_before": load_before,
                "load_average_after": load_after,
            },
            "xsd": str(xsd),
            "ratio_min": min(ratios) if ratios else None,
            "ratio_max": max(ratios) if ratios else None,
            "max_ratio_over_lxml_min": min(worst)[0] if worst else None,
            "messages": messages,
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
