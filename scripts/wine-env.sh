# Sourced, not run: a Wine prefix for running the Windows build's tests on Linux (Debian's wine64, installed by
# scripts/bootstrap.sh). Exports WINEPREFIX and WINE (the wine64 loader); creates the prefix on first use.
#
# The prefix is a Windows 10 with one addition for tests only: Wine 8 has no bcryptprimitives.dll, whose
# ProcessPrng every Rust program (std >= 1.78) imports, so each Rust program would exit with status 53.
# tests/wine/bcryptprimitives.c is a stand-in built with mingw and copied into system32. It is never shipped:
# Windows 10 and later have the real DLL.
wine_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export WINE=/usr/lib/wine/wine64
[ -x "$WINE" ] || { echo "wine-env: wine64 is not installed (bash scripts/bootstrap.sh)" >&2; return 1; }
export WINEPREFIX=$wine_root/target/wine/prefix WINEDEBUG=-all WINEARCH=win64
# Gecko/Mono installers would be offered on first start; .NET programs here are self-contained.
export WINEDLLOVERRIDES="mshtml="

if [ ! -f "$WINEPREFIX/.cgip-ready" ]; then
  rm -rf "$WINEPREFIX"
  mkdir -p "$WINEPREFIX"
  "$WINE" wineboot -i >/dev/null 2>&1
  "$WINE" winecfg /v win10 >/dev/null 2>&1
  /usr/lib/wine/wineserver -w
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    "$wine_root/tests/wine/bcryptprimitives.c" "$wine_root/tests/wine/bcryptprimitives.def"
  touch "$WINEPREFIX/.cgip-ready"
fi
