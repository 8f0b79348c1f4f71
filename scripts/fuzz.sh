#!/usr/bin/env bash
# Fuzzes the interscambio reader (core/fuzz, target `lettore`) for a bounded time.
# Usage: scripts/fuzz.sh [seconds]   (default 60)
# Needs a nightly toolchain (cargo-fuzz uses -Zsanitizer). Without nightly, the proptest
# `random_bytes_never_panic` / `mutated_fixture_never_panics` in core/tests/interscambio_reader.rs
# is the no-panic check.
set -euo pipefail
SECS="${1:-60}"
cd "$(dirname "$0")/../core"
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz.sh: no nightly toolchain installed (rustup toolchain install nightly)." >&2
  echo "fuzz.sh: cargo-fuzz needs nightly; run instead: cargo test -p cartella --test interscambio_reader" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
mkdir -p fuzz/corpus/lettore
cp -n tests/fixtures/interscambio/*.xml fuzz/corpus/lettore/ 2>/dev/null || true
exec cargo +nightly fuzz run lettore -- -max_total_time="$SECS" -max_len=65536
