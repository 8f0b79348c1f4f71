#!/usr/bin/env bash
# Builds the Rust library of the JVM bindings and generates the Kotlin bindings from it.
# Called by Maven (exec-maven-plugin, phase generate-sources); runnable by hand:
#
#   bash bindings/jvm/build-native.sh [release|debug] [NATIVE_DIR] [GENERATED_DIR]
#
# 1. cargo build -p cartella-ffi --lib (release by default)
# 2. copies the library to NATIVE_DIR/linux-x86-64/libcartella_ffi.so (a jar resource: JNA finds
#    it there on the class path)
# 3. uniffi-bindgen (the crate's own binary, exact uniffi version) generates the Kotlin bindings
#    from the compiled library into GENERATED_DIR.
#
# CARGO_TARGET_DIR: cargo build directory, default $HOME/.cache/cartella-target.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PROFILE="${1:-release}"
NATIVE_DIR="${2:-$HERE/target/native}"
GENERATED_DIR="${3:-$HERE/target/generated-sources/uniffi}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cartella-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PLATFORM=linux-x86-64; LIB=libcartella_ffi.so ;;
    Linux-aarch64) PLATFORM=linux-aarch64; LIB=libcartella_ffi.so ;;
    Darwin-arm64) PLATFORM=darwin-aarch64; LIB=libcartella_ffi.dylib ;;
    Darwin-x86_64) PLATFORM=darwin-x86-64; LIB=libcartella_ffi.dylib ;;
    *) echo "build-native.sh: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

cd "$ROOT"
case "$PROFILE" in
    release)
        echo "[cartella] cargo build --release -p cartella-ffi --lib (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
        # Without the bindgen feature: the shared library does not need uniffi's CLI.
        cargo build --release -p cartella-ffi --lib --no-default-features
        OUT="$CARGO_TARGET_DIR/release/$LIB"
        ;;
    debug)
        echo "[cartella] cargo build -p cartella-ffi --lib (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
        cargo build -p cartella-ffi --lib --no-default-features
        OUT="$CARGO_TARGET_DIR/debug/$LIB"
        ;;
    *) echo "build-native.sh: profile must be release or debug, not $PROFILE" >&2; exit 1 ;;
esac
test -f "$OUT"

mkdir -p "$NATIVE_DIR/$PLATFORM"
cp -f "$OUT" "$NATIVE_DIR/$PLATFORM/$LIB"
echo "[cartella] native library: $NATIVE_DIR/$PLATFORM/$LIB"

rm -rf "$GENERATED_DIR"
mkdir -p "$GENERATED_DIR"
echo "[cartella] uniffi-bindgen generate --language kotlin"
cargo run --quiet -p cartella-ffi --bin uniffi-bindgen -- \
    generate --library "$OUT" --language kotlin --no-format --out-dir "$GENERATED_DIR"
find "$GENERATED_DIR" -name '*.kt' -print | sed 's/^/[cartella] generated: /'
