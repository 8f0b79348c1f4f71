#!/usr/bin/env bash
# Headless-browser check of the certification report (issue 7, "Done when"): runs
# `cartella conformance run` on a small export (one valid sample, one invalid), renders
# report.html with headless Chromium (`--dump-dom`) and asserts that the rendered DOM shows the
# summary, the verdict and a finding, and no full codice fiscale.
#
# Usage: bash scripts/check_report_html.sh [PATH/TO/cartella]
#   The binary defaults to $CARGO_TARGET_DIR/debug/cartella (built by scripts/test.sh).
# Chromium: `chromium`, `chromium-browser` or `google-chrome` on PATH (or $CHROMIUM). When none is
# found and apt-get is usable (root), `apt-get install -y chromium` is tried. When Chromium is
# still missing the check prints a SKIPPED banner and exits 0 — or fails when $CI is set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
BIN="${1:-${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}/debug/cartella}"
if [ ! -x "$BIN" ]; then
    echo "check_report_html: no cartella binary at $BIN (build it with cargo build -p cartella-cli)" >&2
    exit 2
fi

find_chromium() {
    if [ -n "${CHROMIUM:-}" ] && command -v "$CHROMIUM" > /dev/null 2>&1; then
        command -v "$CHROMIUM"
        return 0
    fi
    for c in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$c" > /dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

CHROME="$(find_chromium || true)"
if [ -z "$CHROME" ] && command -v apt-get > /dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "check_report_html: chromium missing, installing it with apt-get"
    { apt-get update -qq && apt-get install -y -qq chromium; } > /dev/null 2>&1 || true
    CHROME="$(find_chromium || true)"
fi
if [ -z "$CHROME" ]; then
    echo "##################################################################" >&2
    echo "##  SKIPPED: headless-browser check of the conformance report   ##" >&2
    echo "##  (no chromium; install it with: apt-get install -y chromium)  ##" >&2
    echo "##################################################################" >&2
    if [ -n "${CI:-}" ]; then
        echo "check_report_html: CI is set, a skipped check is a failure" >&2
        exit 1
    fi
    exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/export"
cp "$ROOT/examples/data/percorso-completo.json" "$WORK/export/"
cp "$ROOT/examples/data/invalido-cf.json" "$WORK/export/"

set +e
"$BIN" conformance run "$WORK/export" --as-of 2025-01-15 --out "$WORK/report" > "$WORK/run.log"
status=$?
set -e
if [ "$status" != 1 ]; then
    echo "check_report_html: expected exit status 1 (an invalid document), got $status" >&2
    cat "$WORK/run.log" >&2
    exit 1
fi

# Chromium refuses its sandbox as root; a private profile keeps concurrent runs apart.
timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --user-data-dir="$WORK/profile" --dump-dom "file://$WORK/report/report.html" \
    > "$WORK/dom.html" 2> "$WORK/chromium.log" || {
    echo "check_report_html: chromium failed" >&2
    cat "$WORK/chromium.log" >&2
    exit 1
}

fail=0
expect() {
    if grep -qF -- "$1" "$WORK/dom.html"; then
        echo "  ok: $2"
    else
        echo "  MISSING in the rendered DOM: $2 ($1)" >&2
        fail=1
    fi
}
echo "check_report_html: $($CHROME --version 2> /dev/null || echo chromium) rendered report.html"
expect 'id="summary"' "the summary block"
expect 'DOES NOT CONFORM' "the verdict"
expect '2 documents: 1 valid, 1 invalid, 0 unreadable; 0 files skipped' "the summary counts"
expect '<th>As of</th><td>2025-01-15</td>' "the validation date"
expect 'invalido-cf.json' "the invalid file"
expect 'percorso-completo.json' "the valid file"
expect '>CF-003<' "a finding's rule id"
expect 'Wrong codice fiscale check character' "a finding's English message"
expect 'Carattere di controllo del codice fiscale errato' "a finding's Italian message"
expect 'id="rule-CF-003"' "the per-rule row with its spec section"
if grep -qE '[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]' "$WORK/dom.html"; then
    echo "  FULL CODICE FISCALE in the rendered DOM" >&2
    fail=1
else
    echo "  ok: no full codice fiscale"
fi
if [ "$fail" != 0 ]; then
    echo "check_report_html: FAILED (rendered DOM kept in $WORK/dom.html)" >&2
    trap - EXIT
    exit 1
fi
echo "check_report_html: passed"
