#!/usr/bin/env bash
# Builds the release native library for one platform and copies it, stripped, into a module folder's
# runtimes/<rid>/native/ (the layout module/src/Native/NativeLibraryResolver.cs looks in).
#
#   scripts/build-native.sh <rid> <module-dir>      rid: linux-x64 | win-x64
#
# linux-x64 is built by the normal toolchain (rustup); win-x64 is cross-built with Debian's
# rustc-web building its own standard library (scripts/cross-env.sh). All share the one target/ directory,
# each target in its own subfolder, so every target is built once and rebuilt incrementally.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
rid=${1:?usage: build-native.sh <rid> <module-dir>}
dest=${2:?usage: build-native.sh <rid> <module-dir>}/runtimes/$rid/native

case "$rid" in
  linux-x64) triple=x86_64-unknown-linux-gnu lib=libcgip_native.so strip=strip ;;
  win-x64) triple=x86_64-pc-windows-gnu lib=cgip_native.dll strip=x86_64-w64-mingw32-strip ;;
  *) echo "build-native: no recipe for '$rid' on this machine (macOS: built on a Mac; docs/toolchain.md)" >&2; exit 2 ;;
esac

if [ "$rid" = linux-x64 ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  # The host build: no --target, so target/release/ stays the folder cargo test and developers use.
  cargo build --release --manifest-path "$root/Cargo.toml" -p cgip_native
  built=$target/release/$lib
else
  # shellcheck source=scripts/cross-env.sh
  source "$root/scripts/cross-env.sh"
  cross_cargo build --release -p cgip_native --target "$triple"
  built=$target/$triple/release/$lib
fi

mkdir -p "$dest"
# The release profile keeps symbol tables (strip = "debuginfo"); the shipped copy needs none of them.
"$strip" --strip-unneeded -o "$dest/$lib" "$built"
echo "$rid: $dest/$lib ($(( $(stat -c %s "$dest/$lib") / 1024 / 1024 )) MB)"
