# Sourced, not run: sets up the environment for cross-building cgip_native for another target with Debian's
# rustc-web (scripts/bootstrap.sh installs it). Defines `cross_cargo <cargo args...>`.
#
# Why this is not the normal toolchain: rustup's toolchain (the Linux build) has no standard library for the
# cross targets and this machine kind cannot download one, so the standard library is built from Debian's
# rust-web-src (-Zbuild-std, which needs RUSTC_BOOTSTRAP=1). Build-std resolves the standard library's own
# dependencies through the crates-io source, so that source must hold both the project's vendored crates and
# the standard library's (library/vendor): a merged directory of links, used through a separate CARGO_HOME so
# that the developer's own cargo configuration and the repo's Cargo files stay as they are.
# Everything it makes lives under target/cross/ (rebuilt on demand after `cargo clean`).

cross_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cross_rustc=/usr/bin/rustc
cross_cargo_bin=/usr/bin/cargo
[ -x "$cross_rustc" ] && [ -x "$cross_cargo_bin" ] || { echo "cross-env: Debian's rustc-web/cargo-web are not installed (bash scripts/bootstrap.sh)" >&2; return 1; }
cross_std_src=$("$cross_rustc" --print sysroot)/lib/rustlib/src/rust/library
[ -d "$cross_std_src/vendor" ] || { echo "cross-env: rust-web-src is not installed ($cross_std_src/vendor missing)" >&2; return 1; }

# The project's vendored crates, as scripts/bootstrap.sh configured them for the normal cargo (empty when
# cargo reaches crates.io, in which case build-std fetches the standard library's crates from there too).
cross_project_vendor=$(sed -n '/^\[source\.shared-vendor\]/,/^\[/s/^directory = "\(.*\)"$/\1/p' "${CARGO_HOME:-$HOME/.cargo}/config.toml" 2>/dev/null || true)

cross_dir=$cross_root/target/cross
export CARGO_HOME=$cross_dir/cargo-home
if [ -n "$cross_project_vendor" ]; then
  stamp="$cross_project_vendor|$cross_std_src/vendor"
  if [ "$(cat "$cross_dir/vendor.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$cross_dir/vendor" "$CARGO_HOME"
    mkdir -p "$cross_dir/vendor" "$CARGO_HOME"
    # A crate in both sets is the same release with the same checksum file: the first link wins.
    for crate in "$cross_project_vendor"/* "$cross_std_src"/vendor/*; do
      [ -e "$cross_dir/vendor/${crate##*/}" ] || ln -s "$crate" "$cross_dir/vendor/${crate##*/}"
    done
    cat >"$CARGO_HOME/config.toml" <<TOML
[source.crates-io]
replace-with = "merged-vendor"

[source.merged-vendor]
directory = "$cross_dir/vendor"

[net]
offline = true
TOML
    echo "$stamp" >"$cross_dir/vendor.stamp"
  fi
else
  mkdir -p "$CARGO_HOME"
fi

export RUSTC=$cross_rustc RUSTDOC=${cross_rustc%rustc}rustdoc RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc

# cross_cargo <subcommand> <args...>: Debian's cargo on the repo's workspace, building the standard library too.
# `test` is named even for builds: build-std makes every crate depend on each standard crate it builds, and
# cargo adds libtest only for test builds, so with the default set the test build after the release build
# would compile every dependency again (about 20 minutes here). Named always, both share one set.
cross_cargo() {
  local sub=$1
  shift
  "$cross_cargo_bin" -Zbuild-std=std,test "$sub" --manifest-path "$cross_root/Cargo.toml" "$@"
}
