#!/usr/bin/env bash
# Runs a Windows program under Wine in the project's test prefix (scripts/wine-env.sh):
#   scripts/wine-run.sh <program.exe> [arguments]
# The Linux side's PSModulePath (':'-separated Linux paths) means nothing to a Windows PowerShell: not passed on.
set -euo pipefail
# shellcheck source=scripts/wine-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/wine-env.sh"
unset PSModulePath
exec "$WINE" "$@"
