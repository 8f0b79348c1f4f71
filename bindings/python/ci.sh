#!/usr/bin/env bash
# Builds the cartella Python package in a fresh venv and runs its checks: pytest, mypy stubtest,
# mypy --strict on the tests and the examples, and the examples themselves. Exits non-zero on failure.
#
#   CARTELLA_VENV_DIR   venv to (re)create   (default: $HOME/.cache/cartella-venv-py)
#   CARGO_TARGET_DIR    cargo target dir      (default: $HOME/.cache/cartella-target)
#   CARTELLA_CONFORMANCE_MANIFEST  manifest of the corpus runner (default: conformance/manifest.json)
set -euo pipefail

MATURIN_VERSION=1.16.0
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${CARTELLA_VENV_DIR:-$HOME/.cache/cartella-venv-py}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}"
PYTHON="${PYTHON:-python3}"

step() { printf '\n==> %s\n' "$*"; }

step "fresh venv in $VENV"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
PY="$VENV/bin/python"
export PATH="$VENV/bin:$PATH"
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet "maturin==$MATURIN_VERSION" pytest mypy python-codicefiscale

step "pip install ./bindings/python (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
# Exactly what a user runs; the build backend (maturin, pinned in pyproject.toml) is fetched by pip.
"$PY" -m pip install "$ROOT/bindings/python"

# Run everything from outside the source tree so that the installed package is what is tested.
cd "$ROOT"
# The conformance corpus runner (tests/test_conformance_corpus.py) reads this manifest.
export CARTELLA_CONFORMANCE_MANIFEST="${CARTELLA_CONFORMANCE_MANIFEST:-$ROOT/conformance/manifest.json}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

step "pytest (with the conformance corpus: 'conformance corpus (python): N passed, N failed')"
(cd "$TMP" && "$PY" -m pytest -q -p no:cacheprovider "$ROOT/bindings/python/tests")

step "stubtest"
(cd "$TMP" && "$PY" -m mypy.stubtest cartella)

step "mypy --strict (tests, examples)"
(cd "$TMP" && "$PY" -m mypy --strict --cache-dir "$TMP/.mypy_cache" \
    "$ROOT/bindings/python/tests" "$ROOT/examples/python/validate_samples.py" \
    "$ROOT/examples/python/siuss_flows.py")

step "example"
(cd "$TMP" && "$PY" "$ROOT/examples/python/validate_samples.py")

step "example: INPS flows (siuss_flows.py)"
(cd "$TMP" && "$PY" "$ROOT/examples/python/siuss_flows.py" "$TMP") | tee "$TMP/siuss_flows.log"
grep -q '^GET /flussi?since=0&limit=10 -> 200$' "$TMP/siuss_flows.log" \
    || { echo "siuss_flows.py: GET /flussi did not answer 200" >&2; exit 1; }
grep -q '^  id_flusso F205.PS.20240701.0000001 ' "$TMP/siuss_flows.log" \
    || { echo "siuss_flows.py: F205.PS.20240701.0000001 not listed" >&2; exit 1; }

step "python bindings: all checks passed"
