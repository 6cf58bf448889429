#!/usr/bin/env bash
# Tests the Windows packages without Windows:
#   1. Mentorbog.msi read back with msiinfo (msitools): per-user, no
#      elevation, the install folder under %LOCALAPPDATA%\Programs, the
#      Start-menu shortcut, the major upgrade, HKCU only, no user data.
#   2. the exe's version resource, icon and manifest (asInvoker).
#   3. signing: a throwaway self-signed certificate signs the exes and the
#      MSI through build.sh (as `make windows SIGN_PFX=... SIGN_PASS=...`
#      does) and osslsigncode verifies all three against it.
#
#   build/windows/package-test.sh [DIST]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dist=$(cd "${1:-$root/dist/windows}" && pwd)
msi="$dist/Mentorbog.msi"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")

passed=0
failed=0
# expect NAME FILE PATTERN: FILE has a line matching the extended regex.
expect() {
  if grep -qE -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: no line matches /$3/ in"; sed 's/^/     | /' "$2" | head -n 20; fi
}
refute() {
  if ! grep -qE -- "$3" "$2"; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: /$3/ found in"; grep -E -- "$3" "$2" | sed 's/^/     | /'; fi
}
table() { msiinfo export "$msi" "$1" | tr -d '\r' | tail -n +4 >"$work/$1.txt"; echo "$work/$1.txt"; }

echo "== $msi (msiinfo)"
msiinfo tables "$msi" >"$work/tables.txt"
for t in Property Upgrade Shortcut Directory Component File Registry Icon InstallExecuteSequence; do
  expect "table $t" "$work/tables.txt" "^$t\$"
done
msiinfo suminfo "$msi" >"$work/suminfo.txt"
expect "64-bit package" "$work/suminfo.txt" '^Template: x64;'
# PID_WORDCOUNT (msiinfo calls it "Source"): bit 8 = no elevated privileges
# needed, so msiexec never asks for an administrator.
words=$(sed -n 's/^Source: \([0-9]*\).*/\1/p' "$work/suminfo.txt")
if [ -n "$words" ] && (( words & 8 )); then passed=$((passed + 1)); echo "ok   no administrator rights needed (word count $words)"
else failed=$((failed + 1)); echo "FAIL word count '$words' lacks bit 8 (elevation not required)"; fi

p=$(table Property)
expect "ProductName Mentorbog" "$p" $'^ProductName\tMentorbog$'
expect "ProductVersion $version (FyneApp.toml)" "$p" $'^ProductVersion\t'"$version"'$'
expect "fixed UpgradeCode" "$p" $'^UpgradeCode\t\\{EACC2DF3-DFC9-4AAE-964B-02CFAE5BA981\\}$'
expect "Danish product language" "$p" $'^ProductLanguage\t1030$'
refute "per user: no ALLUSERS" "$p" '^ALLUSERS'
expect "icon in Programs and Features" "$p" $'^ARPPRODUCTICON\t'

u=$(table Upgrade)
expect "major upgrade removes older versions" "$u" $'^\\{EACC2DF3-DFC9-4AAE-964B-02CFAE5BA981\\}\t\t'"$version"$'\t\t[0-9]+\t\tWIX_UPGRADE_DETECTED$'
expect "a newer installed version is not downgraded" "$u" 'WIX_DOWNGRADE_DETECTED$'
lc=$(table LaunchCondition)
expect "  with a Danish message" "$lc" $'^NOT WIX_DOWNGRADE_DETECTED\tEn nyere version af Mentorbog er allerede installeret\.$'
s=$(table InstallExecuteSequence)
expect "RemoveExistingProducts runs" "$s" $'^RemoveExistingProducts\t'

d=$(table Directory)
expect "install folder Mentorbog" "$d" $'^INSTALLDIR\tLocalProgramsFolder\tMentorbog$'
expect "  in Programs" "$d" $'^LocalProgramsFolder\tLocalAppDataFolder\tPrograms$'
expect "  in %LOCALAPPDATA%" "$d" $'^LocalAppDataFolder\tTARGETDIR\t'
refute "nothing in Program Files" "$d" 'ProgramFiles'

f=$(table File)
expect "Mentorbog.exe" "$f" $'\tProgram\tMentorbog.exe\t'
expect "mentorbog-cli.exe" "$f" $'\tProgram\tmentorbog-cli.exe\t'
refute "no database or user data in the package" "$f" '\.db|mentorbog\.db'

sc=$(table Shortcut)
expect "Start-menu shortcut to Mentorbog.exe" "$sc" $'^MentorbogShortcut\tProgramMenuFolder\tMentorbog\t[A-Za-z]+\t\\[INSTALLDIR\\]Mentorbog.exe\t'

r=$(table Registry)
refute "registry: HKCU only (root 1)" "$r" $'^[^\t]+\t[023]\t'
c=$(table Component)
expect "components keyed by HKCU values" "$c" $'^Program\t\\{[-0-9A-F]+\\}\tINSTALLDIR\t[0-9]+\t\treg'

echo "== Version resource, icon and manifest (read back with go-winres extract)"
for exe in Mentorbog.exe mentorbog-cli.exe; do
  x86_64-w64-mingw32-objdump -p "$dist/$exe" | grep '^Subsystem' >"$work/$exe.subsystem"
  if [ "$exe" = Mentorbog.exe ]; then
    expect "$exe: GUI subsystem (no console window)" "$work/$exe.subsystem" '\(Windows GUI\)'
  else
    expect "$exe: console subsystem" "$work/$exe.subsystem" '\(Windows CUI\)'
  fi
  res="$work/res-$exe"
  (cd "$root" && go tool go-winres extract --xml-manifest --dir "$res" "$dist/$exe")
  expect "$exe: FileVersion $version" "$res/winres.json" '"FileVersion": "'"$version"'"'
  expect "$exe: ProductName Mentorbog" "$res/winres.json" '"ProductName": "Mentorbog"'
  expect "$exe: OriginalFilename $exe" "$res/winres.json" '"OriginalFilename": "'"$exe"'"'
  expect "$exe: manifest asInvoker (no UAC prompt)" "$res/app.manifest" 'requestedExecutionLevel level="asInvoker"'
  expect "$exe: manifest per-monitor DPI" "$res/app.manifest" 'permonitorv2'
  expect "$exe: manifest long paths" "$res/app.manifest" '<longPathAware[^>]*>true<'
  if [ -s "$res/APP_0000.ico" ]; then passed=$((passed + 1)); echo "ok   $exe: icon"
  else failed=$((failed + 1)); echo "FAIL $exe: no icon resource"; fi
done

echo "== Signing with a throwaway self-signed certificate"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Mentorbog Testsignatur/O=Mentorbog" \
  -addext "extendedKeyUsage=codeSigning" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/test.pfx" \
  -passout pass:test-kodeord-æøå 2>/dev/null
mkdir -p "$work/signed"
cp "$dist/Mentorbog.exe" "$dist/mentorbog-cli.exe" "$work/signed/"
if SKIP_EXE=1 OUT="$work/signed" SIGN_PFX="$work/test.pfx" SIGN_PASS=test-kodeord-æøå \
  "$root/build/windows/build.sh" >"$work/sign.log" 2>&1; then
  passed=$((passed + 1)); echo "ok   build.sh signs with SIGN_PFX/SIGN_PASS"
else
  failed=$((failed + 1)); echo "FAIL build.sh with SIGN_PFX"; sed 's/^/     | /' "$work/sign.log"
fi
for f in Mentorbog.exe mentorbog-cli.exe Mentorbog.msi; do
  osslsigncode verify -in "$work/signed/$f" -CAfile "$work/cert.pem" >"$work/verify-$f.txt" 2>&1
  expect "$f: osslsigncode verify" "$work/verify-$f.txt" '^Signature verification: ok'
  expect "$f:   signed by the test certificate" "$work/verify-$f.txt" 'Subject: .*CN *= *Mentorbog Testsignatur'
done
# The unsigned build is really unsigned, and a tampered file fails.
osslsigncode verify -in "$dist/Mentorbog.msi" -CAfile "$work/cert.pem" >"$work/unsigned.txt" 2>&1
refute "the unsigned MSI has no signature" "$work/unsigned.txt" '^Signature verification: ok'
cp "$work/signed/mentorbog-cli.exe" "$work/tampered.exe"
printf 'X' | dd of="$work/tampered.exe" bs=1 seek=4096 conv=notrunc 2>/dev/null
osslsigncode verify -in "$work/tampered.exe" -CAfile "$work/cert.pem" >"$work/tampered.txt" 2>&1
refute "a tampered exe fails verification" "$work/tampered.txt" '^Signature verification: ok'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
