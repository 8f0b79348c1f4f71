#!/usr/bin/env bash
# Fuzzes the interscambio readers (core/fuzz, target `lettore`: request reader and
# acknowledgement reader) for a bounded time.
#
# Usage: scripts/fuzz.sh [seconds]   (default 60; the fuzzing time, excluding the build)
#
# Installs what it needs: a nightly toolchain (cargo-fuzz builds with -Zsanitizer) and
# cargo-fuzz. The corpus is seeded with the XML fixtures. Exit status 0: no crash within the
# time; non-zero: a crash (the reproducer is in core/fuzz/artifacts/lettore/).
# Without network/nightly, the proptests `random_bytes_never_panic` /
# `mutated_fixture_never_panics` in core/tests/interscambio_reader.rs are the no-panic check.
set -euo pipefail
SECS="${1:-60}"
case "$SECS" in
  '' | *[!0-9]*) echo "fuzz.sh: seconds must be a positive integer" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../core"
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
mkdir -p fuzz/corpus/lettore
cp -n tests/fixtures/interscambio/*.xml fuzz/corpus/lettore/ 2>/dev/null || true
# Build first (unbounded but finite), then fuzz for exactly SECS seconds; `timeout` is a safety
# net should libFuzzer not stop on its own.
cargo +nightly fuzz build lettore
exec timeout --signal=INT "$((SECS + 60))" \
  cargo +nightly fuzz run lettore -- -max_total_time="$SECS" -max_len=65536 -timeout=10
