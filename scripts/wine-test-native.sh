#!/usr/bin/env bash
# The native crate's tests for x86_64-pc-windows-gnu, run under Wine: `cargo test --release` with Debian's
# rustc-web (scripts/cross-env.sh), so the dependencies are those of the release build of the win-x64 library.
# Left out, because they cannot run in a Windows test process here:
#   abi_calls_lose_no_memory_under_valgrind  valgrind is a Linux tool (the Linux run has it)
#   tests/srp_references.rs                  starts python and node from .tools, which are Linux programs
#   passed_names_cover_every_variable_the_sdk_reads
#                                            runs cargo metadata (a Linux program) to read the crates' sources,
#                                            which are the same for both targets
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/cross-env.sh
source "$root/scripts/cross-env.sh"
# shellcheck source=scripts/wine-env.sh
source "$root/scripts/wine-env.sh"
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE
cross_cargo test --release -p cgip_native --target x86_64-pc-windows-gnu --lib --test bindings \
  -- --skip abi_calls_lose_no_memory_under_valgrind --skip passed_names_cover_every_variable_the_sdk_reads
