#!/usr/bin/env python3
"""Validate the embedded sample cartelle and print their findings.

    pip install ./bindings/python
    python examples/python/validate_samples.py [--profile schema|guideline|siuss] [--as-of YYYY-MM-DD]

Exits 0 when every sample behaves as documented (valid samples without errors or warnings,
invalid samples raising the rules listed in their description), 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime
import sys

import cartella


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=["schema", "guideline", "siuss"], default="guideline")
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=None)
    parser.add_argument("--infos", action="store_true", help="also print info findings")
    args = parser.parse_args(argv)

    samples = cartella.samples()
    # One call validates every sample in parallel, without holding the GIL.
    reports = cartella.validate_many(
        (s.load() for s in samples), profile=args.profile, as_of=args.as_of
    )
    as_documented = True
    for sample, report in zip(samples, reports):
        errors, warnings, infos = (report.count(s) for s in ("error", "warning", "info"))
        print(f"{sample.name}: valid={report.is_valid} "
              f"errors={errors} warnings={warnings} infos={infos}")
        for issue in report.issues:
            if issue.severity == "info" and not args.infos:
                continue
            print(f"  {issue.severity:7} {issue.rule_id:12} {issue.path or '/'}")
            print(f"          {issue.message_en}")
        if sample.expect_valid:
            ok = errors == 0 and warnings == 0
        else:
            ok = all(report.has(rule) for rule in sample.expected_rules)
        if not ok:
            as_documented = False
            print(f"  !! not as documented (expected rules: {sample.expected_rules or 'none'})")
    print("all samples as documented" if as_documented else "some samples NOT as documented")
    return 0 if as_documented else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
