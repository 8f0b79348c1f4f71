#!/usr/bin/env bash
# Issue #6 item 8: `cartella siuss check` versus `xmllint --noout --schema` (structure only) on a
# generated PS-PSA-SINA upload flow.
#
#   scripts/bench/siuss_vs_xmllint.sh [BENEFICIARI...]     (default: 100000 400000)
#
# Builds the release CLI and the generator, generates one file per size, runs each tool RUNS
# times (default 3) under /usr/bin/time and prints, per run, wall seconds, CPU seconds
# (user+sys), throughput (MB/s on wall time) and peak RSS, then the medians and the throughput
# ratio. Targets: ratio ≥ 3, cartella peak RSS ≤ 64 MB whatever the size.
#
# Environment: CARGO_TARGET_DIR (default ~/.cache/cartella-target-siussperf), RUNS (3),
# CARTELLA_REFERENCE_DIR (default /work/shared/reference), BENCH_DIR (default a temp dir),
# AS_OF (2024-08-01).
set -euo pipefail

cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target-siussperf}"
RUNS="${RUNS:-3}"
AS_OF="${AS_OF:-2024-08-01}"
REF="${CARTELLA_REFERENCE_DIR:-/work/shared/reference}"
XSD="$REF/siuss/PS_PSA_SINA201812.xsd"
TIME=/usr/bin/time
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100000 400000)

for tool in xmllint "$TIME"; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
[ -f "$XSD" ] || { echo "missing XSD: $XSD" >&2; exit 2; }

echo "building (release)…" >&2
cargo build --release -q -p cartella-cli
cargo build --release -q -p cartella --example siuss_genera
CARTELLA="$CARGO_TARGET_DIR/release/cartella"
GENERA="$CARGO_TARGET_DIR/release/examples/siuss_genera"

DIR="${BENCH_DIR:-$(mktemp -d)}"
mkdir -p "$DIR"
cleanup() { [ -n "${BENCH_DIR:-}" ] || rm -rf "$DIR"; }
trap cleanup EXIT

# Runs "$@" once under /usr/bin/time; prints "wall cpu rss_kb".
misura() {
    local out="$DIR/time.txt"
    # Exit status 1 (findings) is a result, not a failure; xmllint exits 0 on a valid file.
    "$TIME" -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out"
}

mediana() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-8s %-9s %4s %8s %8s %9s %10s\n' tool beneff run wall_s cpu_s MB/s peak_MB
for n in "${SIZES[@]}"; do
    file="$DIR/ps-$n.xml"
    "$GENERA" "$n" "$file" >/dev/null
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1e6 }')
    declare -A wall=() rss=()
    for tool in cartella xmllint; do
        for r in $(seq 1 "$RUNS"); do
            if [ "$tool" = cartella ]; then
                read -r w c k < <(misura "$CARTELLA" siuss check --as-of "$AS_OF" "$file")
            else
                read -r w c k < <(misura xmllint --noout --schema "$XSD" "$file")
            fi
            wall[$tool]+="$w "
            rss[$tool]+="$k "
            printf '%-8s %-9s %4s %8s %8s %9.1f %10.1f\n' "$tool" "$n" "$r" "$w" "$c" \
                "$(awk -v m="$mb" -v w="$w" 'BEGIN { print (w > 0 ? m / w : 0) }')" \
                "$(awk -v k="$k" 'BEGIN { print k / 1024 }')"
        done
    done
    wc=$(tr ' ' '\n' <<<"${wall[cartella]}" | grep . | mediana)
    wx=$(tr ' ' '\n' <<<"${wall[xmllint]}" | grep . | mediana)
    rc=$(tr ' ' '\n' <<<"${rss[cartella]}" | grep . | sort -g | tail -1)
    rx=$(tr ' ' '\n' <<<"${rss[xmllint]}" | grep . | sort -g | tail -1)
    awk -v n="$n" -v mb="$mb" -v wc="$wc" -v wx="$wx" -v rc="$rc" -v rx="$rx" 'BEGIN {
        printf "== %s beneficiari, %s MB: cartella %.2f s (%.1f MB/s, peak %.1f MB) | xmllint %.2f s (%.1f MB/s, peak %.1f MB) | throughput ratio %.2fx (target >= 3), cartella RSS %s 64 MB\n",
            n, mb, wc, mb / wc, rc / 1024, wx, mb / wx, rx / 1024, wx / wc, (rc / 1024 <= 64 ? "<=" : ">")
    }'
    unset wall rss
    rm -f "$file"
done
