#!/usr/bin/env bash
# JVM vs Rust: validation of the embedded sample cartelle.
#
#   bash scripts/bench/jvm_bench.sh [SECONDS_PER_MEASURE]   (default 1.0)
#
# Rust: bindings/ffi/examples/validate_loop.rs (release). JVM: examples/java Bench.java through the
# jar (release native library, JNA + uniffi), same method: profile guideline, as of 2025-01-15,
# one reusable validator, warm-up then a timed loop; "validate" = a loaded cartella,
# "parse+validate" = from the JSON text, "batch" = every sample parsed and validated in one call
# (Validator.validateAll: the boundary crossed once). Prints ns/op per sample and the JVM/Rust ratio (target
# <= 2x). Builds and installs the jar first unless SKIP_JAR=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
SECONDS_PER="${1:-1.0}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}"
MVN=(mvn -B -q -Dstyle.color=never)

if [ "${SKIP_JAR:-0}" != 1 ]; then
    echo "== building the jar (release native library)"
    "${MVN[@]}" -f bindings/jvm/pom.xml -DskipTests install
fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
echo "== Rust timed loop (cargo run --release -p cartella-ffi --example validate_loop)"
cargo run --quiet --release -p cartella-ffi --no-default-features --example validate_loop -- "$SECONDS_PER" | tee "$OUT/rust.txt"
echo "== JVM timed loop (examples/java Bench, $(java -version 2>&1 | head -1))"
# A fresh JVM (exec:exec), not Maven's own (exec:java).
"${MVN[@]}" -f examples/java/pom.xml compile exec:exec -Dexec.executable=java \
    -Dexec.args="-cp %classpath it.cartella.examples.Bench $SECONDS_PER" | tee "$OUT/jvm.txt"

python3 - "$OUT/rust.txt" "$OUT/jvm.txt" <<'PY'
import math, sys
def read(p):
    d = {}
    for line in open(p):
        parts = line.split()
        if len(parts) == 4 and parts[0] in ("rust", "jvm"):
            d[(parts[1], parts[2])] = float(parts[3])
    return d
rust, jvm = read(sys.argv[1]), read(sys.argv[2])
print()
print(f"{'measure':<15} {'sample':<22} {'rust µs':>9} {'jvm µs':>9} {'ratio':>6}")
worst = 0.0
for measure in ("validate", "parse+validate", "batch"):
    ratios = []
    for (m, s), r in rust.items():
        if m != measure or (m, s) not in jvm:
            continue
        j = jvm[(m, s)]
        ratios.append(j / r)
        print(f"{m:<15} {s:<22} {r/1000:9.1f} {j/1000:9.1f} {j/r:6.2f}")
    if ratios:
        g = math.exp(sum(map(math.log, ratios)) / len(ratios))
        worst = max(worst, max(ratios))
        print(f"{measure:<15} {'geometric mean':<22} {'':>9} {'':>9} {g:6.2f}")
print(f"worst ratio {worst:.2f} (target <= 2.00): {'OK' if worst <= 2.0 else 'ABOVE TARGET'}")
PY
