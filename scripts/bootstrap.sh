#!/usr/bin/env bash
# Installs the project's tools into the repo-local folder .tools/ (gitignored). Idempotent: whatever is already
# there and works is skipped, so a second run takes a few seconds. Used by developers and by CI.
#
#   .tools/pwsh/pwsh                 PowerShell 7.6.9 (dotnet tool; needs the .NET 10 runtime)
#   .tools/modules/Pester/5.7.1/     Pester 5.7.1 as a module folder: Import-Module .tools/modules/Pester,
#                                    or put .tools/modules on PSModulePath
#   .tools/venv/                     Python venv: moto[server,cognitoidp] boto3 awscli pyotp pycognito
#                                    (from ../shared/wheels when that folder exists, else the normal index)
#   cargo                            pointed at ../shared/cargo's vendored crates when crates.io is unreachable
#   Debian packages (apt, on Linux)  the Windows cross-build and its tests under Wine (docs/toolchain.md):
#                                    rustc-web cargo-web rust-web-src (Rust 1.96 building its own standard
#                                    library; rustup's toolchain stays the Linux one), gcc-mingw-w64-x86-64, wine64
#
# Needs: dotnet (SDK 10), python3 (3.11 for ../shared/wheels; override with PYTHON=...), curl; on Debian,
# root or sudo for the apt packages (skipped when they are already installed).
# Quiet unless something fails; prints one line per tool at the end. To force a reinstall, delete that
# tool's folder under .tools/.
set -euo pipefail

PWSH_VERSION=7.6.9
PESTER_VERSION=5.7.1
PY_PACKAGES=('moto[server,cognitoidp]' boto3 awscli pyotp pycognito)
PY_IMPORTS=(moto boto3 awscli pyotp pycognito)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=$root/.tools
shared=$root/../shared
python=${PYTHON:-python3}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
  DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
export PIP_DISABLE_PIP_VERSION_CHECK=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bootstrap.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

die() { echo "bootstrap: $*" >&2; exit 1; }

# Runs a command with its output captured; shows the output only when the command fails.
quiet() {
  if ! "$@" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    die "failed: $*"
  fi
}

# --- Debian packages for the win-x64 cross-build and Wine ---------------------------------------------------
APT_PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64 wine64)
if command -v dpkg-query >/dev/null 2>&1 && [ "$(uname -m)" = x86_64 ]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null 2>&1 || die "needs root or sudo to install ${missing[*]}"
      sudo=(sudo)
    fi
    quiet "${sudo[@]}" apt-get update
    quiet "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

for cmd in dotnet "$python"; do
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is not on PATH"
done
mkdir -p "$tools"

# The repo's NuGet.Config, if it has one (file names are case-sensitive on Linux). Restores of throwaway
# projects under $tmp would not find it by walking up, so it is passed explicitly.
nuget_cfg=()
for f in NuGet.Config nuget.config NuGet.config; do
  if [ -f "$root/$f" ]; then nuget_cfg=(--configfile "$root/$f"); break; fi
done

# --- PowerShell (dotnet tool) -------------------------------------------------------------------------------
pwsh=$tools/pwsh/pwsh
if ! { [ -x "$pwsh" ] && [ "$("$pwsh" --version 2>/dev/null)" = "PowerShell $PWSH_VERSION" ]; }; then
  rm -rf "$tools/pwsh"
  # Run from the repo root so that a NuGet.Config there is honoured.
  (cd "$root" && quiet dotnet tool install PowerShell --version "$PWSH_VERSION" --tool-path "$tools/pwsh")
  [ "$("$pwsh" --version 2>/dev/null)" = "PowerShell $PWSH_VERSION" ] || die "$pwsh does not run"
fi

# --- Pester (NuGet package 'Pester'; the module sits in the nupkg's tools/ folder) ---------------------------
pester_dir=$tools/modules/Pester/$PESTER_VERSION
if [ ! -f "$pester_dir/Pester.psd1" ]; then
  mkdir -p "$tmp/pester"
  cat >"$tmp/pester/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PESTER_VERSION]" /></ItemGroup>
</Project>
EOF
  quiet dotnet restore "$tmp/pester/download.csproj" --packages "$tmp/pester/packages" ${nuget_cfg[@]+"${nuget_cfg[@]}"}
  src=$tmp/pester/packages/pester/$PESTER_VERSION/tools
  [ -f "$src/Pester.psd1" ] || die "Pester $PESTER_VERSION nupkg has no tools/Pester.psd1"
  mkdir -p "$tools/modules/Pester"
  stage=$tools/modules/Pester/.staging-$PESTER_VERSION
  rm -rf "$stage"
  cp -R "$src" "$stage"
  rm -f "$stage/VERIFICATION.txt" # Chocolatey's checksum note, not part of the module
  # Check the module imports and runs a test under the installed pwsh before putting it in place.
  mkdir -p "$tmp/pester/t"
  echo "Describe 'bootstrap' { It 'runs' { 1 + 1 | Should -Be 2 } }" >"$tmp/pester/t/Smoke.Tests.ps1"
  quiet "$pwsh" -NoProfile -NonInteractive -Command "
    \$ErrorActionPreference = 'Stop'
    Import-Module '$stage/Pester.psd1'
    if ((Get-Module Pester).Version -ne [version]'$PESTER_VERSION') { throw 'wrong Pester version' }
    \$c = New-PesterConfiguration
    \$c.Run.Path = '$tmp/pester/t'; \$c.Run.PassThru = \$true; \$c.Output.Verbosity = 'None'
    \$r = Invoke-Pester -Configuration \$c
    if (\$r.PassedCount -ne 1 -or \$r.FailedCount -ne 0) { throw 'Pester smoke test failed' }"
  mv "$stage" "$pester_dir"
fi

# --- Python venv ----------------------------------------------------------------------------------------------
venv=$tools/venv
pip_src=()
if [ -d "$shared/wheels" ]; then
  pip_src=(--no-index --find-links "$(cd "$shared/wheels" && pwd)")
fi
stamp_want="${PY_PACKAGES[*]} | ${pip_src[*]:-index}"
venv_ok() {
  [ -x "$venv/bin/python" ] && [ -f "$venv/.bootstrap-stamp" ] &&
    [ "$(cat "$venv/.bootstrap-stamp")" = "$stamp_want" ] &&
    "$venv/bin/moto_server" --help >/dev/null 2>&1
}
if ! venv_ok; then
  rm -rf "$venv"
  quiet "$python" -m venv "$venv"
  quiet "$venv/bin/pip" install -q ${pip_src[@]+"${pip_src[@]}"} "${PY_PACKAGES[@]}"
  "$venv/bin/moto_server" --help >/dev/null 2>&1 || die "$venv/bin/moto_server --help fails"
  quiet "$venv/bin/python" -c "import $(IFS=,; echo "${PY_IMPORTS[*]}")"
  echo "$stamp_want" >"$venv/.bootstrap-stamp"
fi

# --- Rust: vendored crates when crates.io is unreachable -----------------------------------------------------
crates="crates.io"
if [ -f "$shared/cargo/use-vendor.sh" ] &&
  ! curl -sS --connect-timeout 3 -m 5 -o /dev/null https://index.crates.io/config.json >/dev/null 2>&1; then
  quiet bash "$shared/cargo/use-vendor.sh"
  crates="offline, ../shared/cargo vendor"
fi

# --- Summary --------------------------------------------------------------------------------------------------
pester_ver=$(sed -n "s/^[[:space:]]*ModuleVersion[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$pester_dir/Pester.psd1")
py_line=$("$venv/bin/python" - <<'EOF'
import sys
from importlib.metadata import version
pk = ["moto", "boto3", "awscli", "pyotp", "pycognito"]
print("python  %s  .tools/venv (%s)" % (sys.version.split()[0], ", ".join("%s %s" % (p, version(p)) for p in pk)))
EOF
)
echo "dotnet  $(dotnet --version)"
echo "pwsh    $("$pwsh" --version | sed 's/^PowerShell //')  .tools/pwsh/pwsh"
echo "Pester  $pester_ver  .tools/modules/Pester/$pester_ver"
echo "$py_line"
if [ -x /usr/bin/rustc ] && [ -x /usr/lib/wine/wine64 ]; then
  echo "win-x64 rustc $(/usr/bin/rustc --version | awk '{print $2}') (Debian rustc-web, -Zbuild-std), $(x86_64-w64-mingw32-gcc --version | head -1), $(/usr/lib/wine/wine64 --version)"
fi
if command -v cargo >/dev/null 2>&1; then
  echo "cargo   $(cargo --version | awk '{print $2}')  rustc $(rustc --version 2>/dev/null | awk '{print $2}')  (crates: $crates)"
else
  echo "cargo   not installed  (crates: $crates)"
fi
