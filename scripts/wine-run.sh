#!/usr/bin/env bash
# Runs a Windows program under Wine in the project's test prefix (scripts/wine-env.sh):
#   scripts/wine-run.sh <program.exe> [arguments]
# The Linux side's PSModulePath (':'-separated Linux paths) means nothing to a Windows PowerShell: not passed on.
set -euo pipefail
# shellcheck source=scripts/wine-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
unset PSModulePath
# .NET's W^X (executable memory mapped twice, one view writable) goes wrong under Wine 8: importing Pester ends in
# "Internal CLR error (0x80131506)" in DynamicResolver+DestroyScout.Finalize. Off for runs under Wine only;
# Windows keeps the default.
export DOTNET_EnableWriteXorExecute=0
exec "$WINE" "$@"
