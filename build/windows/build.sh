#!/usr/bin/env bash
# Cross-builds Mentorbog for 64-bit Windows on Linux and packs it into a
# per-user MSI:
#
#   dist/windows/Mentorbog.exe       the program (GUI subsystem: no console window)
#   dist/windows/mentorbog-cli.exe   the same program as a console program, for
#                                    cmd.exe, PowerShell and IT scripts
#   dist/windows/Mentorbog.msi       the installer (wixl)
#
# Both exes carry the icon, version information and a manifest (asInvoker,
# per-monitor DPI, long paths) made by go-winres (pinned in go.mod as a
# tool) from FyneApp.toml, so the version never disagrees with
# `mentorbog version`.
#
# Signing: SIGN_PFX=file.pfx SIGN_PASS=secret signs both exes and the MSI
# with osslsigncode (SIGN_TIMESTAMP=url adds an RFC 3161 timestamp).
#
# Environment: OUT (default dist/windows); MSI_VERSION (default: the
# FyneApp.toml version) and MSI_NAME (default Mentorbog.msi), with which
# the upgrade test builds an older MSI; SKIP_EXE=1 packs (and signs) the
# exes already in OUT instead of building them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/build/windows"
cd "$root"
out=${OUT:-dist/windows}
mkdir -p "$out"

toml_value() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -n1; }
version=$(toml_value Version)
build_number=$(toml_value Build)
app_id=$(toml_value ID)
[ -n "$version" ] && [ -n "$app_id" ] || { echo "FyneApp.toml: Version or ID missing" >&2; exit 1; }
file_version="$version.${build_number:-0}"
msi_version=${MSI_VERSION:-$version}
msi="$out/${MSI_NAME:-Mentorbog.msi}"

work=$(mktemp -d)
syso="$root/rsrc_windows_amd64.syso"
trap 'rm -rf "$work" "$syso"' EXIT
cp assets/icon.png "$work/icon.png"

# resources EXE DESCRIPTION: the .syso for one exe (go build links every
# .syso in package main's folder).
resources() {
  sed -e "s|@ID@|$app_id|g" -e "s|@VERSION@|$version|g" -e "s|@FILEVERSION@|$file_version|g" \
      -e "s|@EXE@|$1|g" -e "s|@DESCRIPTION@|$2|g" "$here/winres.json.in" >"$work/winres.json"
  env -u GOOS -u GOARCH -u CGO_ENABLED -u CC go tool go-winres make --in "$work/winres.json" --arch amd64 --out "$root/rsrc"
}

export GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
gobuild() { nice -n "${NICE:-10}" go build -trimpath -tags release,no_emoji "$@" .; }

if [ -z "${SKIP_EXE:-}" ]; then
  start=$SECONDS
  resources Mentorbog.exe "Mentorbog"
  gobuild -ldflags "-s -w -H=windowsgui" -o "$out/Mentorbog.exe"
  resources mentorbog-cli.exe "Mentorbog (kommandolinje)"
  gobuild -ldflags "-s -w" -o "$out/mentorbog-cli.exe"
  echo "built $out/Mentorbog.exe and $out/mentorbog-cli.exe ($version) in $((SECONDS - start)) s"
fi
unset GOOS GOARCH CGO_ENABLED CC

sign() {
  osslsigncode sign -pkcs12 "$SIGN_PFX" ${SIGN_PASS:+-pass "$SIGN_PASS"} \
    -n "Mentorbog" -i "https://mentorbog.dk" -h sha256 \
    ${SIGN_TIMESTAMP:+-ts "$SIGN_TIMESTAMP"} -in "$1" -out "$1.signed" >/dev/null
  mv "$1.signed" "$1"
}
if [ -n "${SIGN_PFX:-}" ]; then
  sign "$out/Mentorbog.exe"
  sign "$out/mentorbog-cli.exe"
fi

# The icon of the shortcut and of "Apps & features", as a small .ico taken
# from the exe (an exe as the MSI's Icon would put a second copy inside).
env -u GOOS -u GOARCH -u CGO_ENABLED -u CC go tool go-winres extract --dir "$work/extracted" "$out/Mentorbog.exe"
cp "$work/extracted/APP_0000.ico" "$out/mentorbog.ico"
# wixl resolves File sources relative to the .wxs, and only relative paths.
cp "$here/mentorbog.wxs" "$out/mentorbog.wxs"
(cd "$out" && wixl -a x64 -D Version="$msi_version" -D SourceDir=. -o "$(basename "$msi")" mentorbog.wxs)
rm -f "$out/mentorbog.wxs" "$out/mentorbog.ico"
if [ -n "${SIGN_PFX:-}" ]; then
  sign "$msi"
  echo "signed with $SIGN_PFX: $out/Mentorbog.exe $out/mentorbog-cli.exe $msi ($msi_version)"
else
  echo "UNSIGNED build (set SIGN_PFX=file.pfx SIGN_PASS=... to sign): $msi ($msi_version)"
fi
