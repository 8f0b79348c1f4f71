#!/usr/bin/env bash
# Writes what the Rust CLI reports on the sample cartelle, for the JVM tests to compare with:
#   bash bindings/jvm/rust-reference.sh [OUT]     (default bindings/jvm/target/rust-reference.tsv)
# One line per finding: profile, as-of date, sample name, rule id, severity, JSON Pointer path, in
# the CLI's order; a sample without findings gets one line with rule id "-". The tests
# (RustParity*) read it through the system property cartella.rust.reference and are skipped when
# the file is missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$HERE/target/rust-reference.tsv}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}"
cd "$ROOT"
cargo build --quiet -p cartella-cli
BIN="$CARGO_TARGET_DIR/debug/cartella"
mkdir -p "$(dirname "$OUT")"
TMP="$(mktemp)"
trap 'rm -f "$TMP"' EXIT
for profile in schema guideline siuss; do
    for as_of in 2025-01-15 2000-01-01; do
        # Exit status 1 = some file has an error: expected for the invalid samples.
        "$BIN" validate --format json --profile "$profile" --as-of "$as_of" examples/data/*.json \
            | python3 -c '
import json, os, sys
profile, as_of = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    d = json.loads(line)
    name = os.path.basename(d["file"])[:-5]
    if "error" in d:
        sys.exit("cannot read " + d["file"] + ": " + d["error"])
    if not d["issues"]:
        print("\t".join([profile, as_of, name, "-", "-", "-"]))
    for i in d["issues"]:
        print("\t".join([profile, as_of, name, i["rule_id"], i["severity"], i["path"]]))
' "$profile" "$as_of" >> "$TMP" || [ "${PIPESTATUS[0]}" -le 1 ]
    done
done
mv "$TMP" "$OUT"
trap - EXIT
echo "[cartella] Rust reference: $OUT ($(wc -l < "$OUT") lines)"
