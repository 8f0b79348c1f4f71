#!/usr/bin/env bash
# CI of the Kotlin/Java bindings: builds the jar from scratch, runs the Kotlin and Java tests
# (JUnit 5 through Surefire, including the comparison with the Rust CLI's findings), installs the
# jar in the local Maven repository, then builds and runs the Java and Kotlin examples (validation
# and the INPS flow workflow, SiussFlows).
#
#   bash bindings/jvm/ci.sh
#
# Needs: cargo, JDK 17 (`java`/`javac`), Maven (`mvn`, installed with apt-get when missing),
# python3 (to turn the CLI's JSON into the reference table), network access to Maven Central.
# Environment: CARGO_TARGET_DIR (default $HOME/.cache/cartella-target), CARTELLA_CARGO_PROFILE
# (release, default, or debug), MAVEN_ARGS (extra Maven arguments), CARTELLA_CONFORMANCE_MANIFEST
# (the manifest of the conformance corpus runner, default conformance/manifest.json).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
PROFILE="${CARTELLA_CARGO_PROFILE:-release}"
START=$SECONDS
step() { printf '\n==== [jvm] %s (%ds) ====\n' "$*" "$((SECONDS - START))"; }
fail() { printf '\n==== [jvm] FAILED: %s ====\n' "$*" >&2; exit 1; }

step "toolchain"
if ! command -v mvn > /dev/null 2>&1; then
    if command -v apt-get > /dev/null 2>&1; then
        apt-get update -qq && apt-get install -y -qq maven > /dev/null
    fi
fi
command -v mvn > /dev/null 2>&1 || fail "Maven (mvn) is not installed"
{ java -version 2>&1 || true; } | head -1
{ mvn -version 2>&1 || true; } | head -1  # head may close the pipe early (SIGPIPE under pipefail)
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${JAVA_MAJOR:-0}" -ge 17 ] || fail "JDK 17 or newer needed (found ${JAVA_MAJOR:-none})"
MANIFEST="${CARTELLA_CONFORMANCE_MANIFEST:-$PWD/conformance/manifest.json}"
MVN=(mvn -B -Dstyle.color=never ${MAVEN_ARGS:-})

step "clean"
"${MVN[@]}" -q -f bindings/jvm/pom.xml clean || fail "mvn clean"

step "Rust reference findings (cartella CLI on examples/data)"
bash bindings/jvm/rust-reference.sh || fail "rust-reference.sh"

step "jar: cargo build ($PROFILE) + uniffi-bindgen + Kotlin/Java compile + tests + install"
"${MVN[@]}" -f bindings/jvm/pom.xml -Dcartella.cargo.profile="$PROFILE" \
    -Dcartella.conformance.manifest="$MANIFEST" install \
    | tee "$CARGO_TARGET_DIR/jvm-mvn.log" | grep -E 'cartella\]|Tests run|FAIL|ERROR|BUILD|Building jar' \
    || true
# The conformance corpus leg (ConformanceCorpusTest: one dynamic test per active case), plainly.
CORPUS_XML="bindings/jvm/target/surefire-reports/TEST-it.cartella.ConformanceCorpusTest.xml"
[ -f "$CORPUS_XML" ] && python3 - "$CORPUS_XML" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
failed = sum(1 for t in cases if t.find("failure") is not None or t.find("error") is not None)
print(f"conformance corpus (jvm): {len(cases) - failed} passed, {failed} failed")
PY
[ -f "$CORPUS_XML" ] || echo "conformance corpus (jvm): did not run ($CORPUS_XML missing)"
grep -q 'BUILD SUCCESS' "$CARGO_TARGET_DIR/jvm-mvn.log" || { tail -n 60 "$CARGO_TARGET_DIR/jvm-mvn.log"; fail "mvn install"; }
# The Rust comparison must have run, not been skipped.
if grep -E 'Tests run:.*Skipped: [1-9]' "$CARGO_TARGET_DIR/jvm-mvn.log" | grep -q .; then
    fail "some JVM tests were skipped (is target/rust-reference.tsv missing?)"
fi
[ -f "$CORPUS_XML" ] || fail "the conformance corpus runner did not run"
JAR="bindings/jvm/target/cartella-0.1.0.jar"
jar tf "$JAR" | grep -qx 'linux-x86-64/libcartella_ffi.so' || fail "the jar lacks linux-x86-64/libcartella_ffi.so"
echo "jar: $JAR ($(du -h "$JAR" | cut -f1)), native library bundled"

step "Java example (examples/java)"
"${MVN[@]}" -q -f examples/java/pom.xml clean compile exec:java -Dexec.args="invalido-cf" \
    | tee "$CARGO_TARGET_DIR/jvm-example-java.log" || fail "Java example"
grep -q 'CF-003' "$CARGO_TARGET_DIR/jvm-example-java.log" || fail "Java example did not report CF-003"

step "Kotlin example (examples/kotlin)"
"${MVN[@]}" -q -f examples/kotlin/pom.xml clean compile exec:java \
    | tee "$CARGO_TARGET_DIR/jvm-example-kotlin.log" || fail "Kotlin example"
grep -q 'valid=true' "$CARGO_TARGET_DIR/jvm-example-kotlin.log" || fail "Kotlin example did not validate percorso-completo"

# The INPS flow workflow (second main class of each example project): derive, check, register, GET /flussi.
SIUSS_OUT="$CARGO_TARGET_DIR/jvm-example-siuss-flows"
rm -rf "$SIUSS_OUT" && mkdir -p "$SIUSS_OUT"
step "Java example: INPS flows (examples/java SiussFlows)"
"${MVN[@]}" -q -f examples/java/pom.xml compile exec:java \
    -Dexec.mainClass=it.cartella.examples.SiussFlows -Dexec.args="$SIUSS_OUT" \
    | tee "$CARGO_TARGET_DIR/jvm-example-java-siuss.log" || fail "Java example SiussFlows"
grep -q 'GET /flussi?since=0&limit=10 -> 200' "$CARGO_TARGET_DIR/jvm-example-java-siuss.log" \
    && grep -q 'id_flusso F205.PS.20240701.0000001 ' "$CARGO_TARGET_DIR/jvm-example-java-siuss.log" \
    || fail "Java example SiussFlows did not list F205.PS.20240701.0000001"

step "Kotlin example: INPS flows (examples/kotlin SiussFlows.kt)"
"${MVN[@]}" -q -f examples/kotlin/pom.xml compile exec:java \
    -Dexec.mainClass=it.cartella.examples.SiussFlowsKt -Dexec.args="$SIUSS_OUT" \
    | tee "$CARGO_TARGET_DIR/jvm-example-kotlin-siuss.log" || fail "Kotlin example SiussFlows"
grep -q 'GET /flussi?since=0&limit=10 -> 200' "$CARGO_TARGET_DIR/jvm-example-kotlin-siuss.log" \
    && grep -q 'id_flusso F205.PS.20240701.0000001 ' "$CARGO_TARGET_DIR/jvm-example-kotlin-siuss.log" \
    || fail "Kotlin example SiussFlows did not list F205.PS.20240701.0000001"

step "summary"
grep -E '^\[(INFO|WARNING)\] Tests run:' "$CARGO_TARGET_DIR/jvm-mvn.log" | tail -n 1
echo "JVM bindings OK"
