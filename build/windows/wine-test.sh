#!/usr/bin/env bash
# Runs the Windows build for real under Wine (Debian's wine64), in a fresh
# prefix: installs Mentorbog.msi silently, upgrades over an older MSI, runs
# the installed exe's command line (demo, check, import with æøå, the audit
# PDF read back with pdftotext, backup), checks where the data lives, the
# refusal of network paths, the single-instance lock, starts the window
# under Xvfb and screenshots it, runs app/platform's Go tests built for
# Windows (the OpenGL probe, opening a PDF at a path with æøå), shows the
# OpenGL message box, and uninstalls (the data stays).
#
#   build/windows/wine-test.sh [DIST [SHOTS]]
#
# DIST holds Mentorbog.exe, mentorbog-cli.exe, Mentorbog.msi and
# Mentorbog-old.msi (make windows-test builds them). Screenshots go to SHOTS
# (default shots/windows).
#
# To add a command: one `step "what it proves" cli ARGS...` line (or
# `step_fails` for a command that must fail) in the "command line" part;
# `expect_output TEXT`, `expect_no_output REGEX` and `expect_file PATH`
# check its result (`cp FILE "$out"` first to check a file's content).
#
# Test scaffolding, never shipped: Wine 8 in Debian 12 has no
# bcryptprimitives.dll, whose ProcessPrng every Go >= 1.22 Windows program
# loads at start; wineshim/ builds a stand-in that calls RtlGenRandom.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/build/windows"
dist=$(cd "${1:-$root/dist/windows}" && pwd)
shots=${2:-$root/shots/windows}
mkdir -p "$shots"
shots=$(cd "$shots" && pwd)

work=$(mktemp -d)
# No Mono/Gecko installer dialogs, and no menu entries written into the
# Linux desktop's own menus (winemenubuilder).
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export MENTORBOG_USER=admin MENTORBOG_PASSWORD=demo-administrator
# A free X display for Xvfb (another test may hold :98).
n=${WINE_TEST_DISPLAY:-98}
while [ -e "/tmp/.X$n-lock" ] && [ "$n" -lt 140 ]; do n=$((n + 1)); done
display=:$n
xvfb=""
cleanup() {
  wineserver -k 2>/dev/null || true
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
out="$work/out.txt"
err="$work/err.txt"
ok() { passed=$((passed + 1)); echo "ok   $1"; }
not_ok() {
  failed=$((failed + 1))
  echo "FAIL $1"
  sed 's/^/     | /' "$out" "$err" 2>/dev/null | head -n 30
}
# run_bounded COMMAND...: runs a command or one of the functions below
# (exported to a child bash) with a time limit and no input.
run_bounded() { timeout 180 bash -c '"$@"' run "$@" >"$out" 2>"$err" </dev/null; }
# step NAME COMMAND...: the command must exit 0 (within 3 minutes, with no
# input: a command that would wait for a password fails instead).
step() {
  local name=$1; shift
  if run_bounded "$@"; then ok "$name"; else not_ok "$name (exit $?)"; fi
}
# step_retry_silent NAME COMMAND...: as step, but a failure that printed
# nothing at all (wine not starting the program, seen once right after
# `wineserver -w`) is reported and retried once; a failure with output
# is not retried.
step_retry_silent() {
  local name=$1; shift
  run_bounded "$@"
  local code=$?
  if [ "$code" = 0 ]; then ok "$name"; return; fi
  if [ -s "$out" ] || [ -s "$err" ]; then not_ok "$name (exit $code)"; return; fi
  echo "   $name: exit $code without any output; running it once more"
  sleep 2
  step "$name (second try)" "$@"
}
# step_fails NAME COMMAND...: the command must exit non-zero (not by timeout).
step_fails() {
  local name=$1; shift
  run_bounded "$@"
  local code=$?
  if [ "$code" = 0 ]; then not_ok "$name (succeeded)"
  elif [ "$code" = 124 ]; then not_ok "$name (timed out)"
  else ok "$name"; fi
}
# expect_output TEXT: the last step printed TEXT (stdout or stderr).
expect_output() {
  if grep -qF -- "$1" "$out" "$err"; then ok "  prints: $1"; else not_ok "  prints: $1"; fi
}
# expect_no_output REGEX: the last step printed nothing matching REGEX.
expect_no_output() {
  if ! grep -qE -- "$1" "$out" "$err"; then ok "  does not print /$1/"; else not_ok "  prints /$1/"; fi
}
expect_file() {
  if [ -s "$1" ]; then ok "  file: ${1#"$WINEPREFIX"/}"; else not_ok "  file: $1"; fi
}
expect_no_file() {
  if [ ! -e "$1" ]; then ok "  gone: ${1#"$WINEPREFIX"/}"; else not_ok "  still there: $1"; fi
}
win() { winepath -w "$1" 2>/dev/null; }
# screenshot FILE: the screen, once something has been drawn (a GL window
# under Wine stays black for a moment after it is mapped).
screenshot() {
  for _ in $(seq 1 20); do
    import -window root "$1"
    [ "$(convert "$1" -format '%[fx:mean>0.05]' info: 2>/dev/null)" = 1 ] && return
    sleep 1
  done
}

echo "== Wine prefix ($(wine --version))"
start=$SECONDS
wineboot -i >/dev/null 2>&1
wineserver -w
user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
local_app_data="$user_dir/AppData/Local"
winuser='C:\users\'"$(id -un)"
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$here/wineshim/bcryptprimitives.c" "$here/wineshim/bcryptprimitives.def" -ladvapi32
# N: is a "mapped network drive": Wine reports the drive type from this key.
mkdir -p "$work/share"
ln -s "$work/share" "$WINEPREFIX/dosdevices/n:"
wine reg add 'HKLM\Software\Wine\Drives' /v 'n:' /t REG_SZ /d network /f >/dev/null 2>&1
wineserver -w
echo "   prefix ready in $((SECONDS - start)) s"

echo "== Install (per user, silent), upgrade over an older version"
programs="$local_app_data/Programs/Mentorbog"
step "msiexec /i Mentorbog-old.msi /qn (0.0.1)" wine msiexec /i "$(win "$dist/Mentorbog-old.msi")" /qn
expect_file "$programs/Mentorbog.exe"
step "msiexec /i Mentorbog.msi /qn (upgrade in place)" wine msiexec /i "$(win "$dist/Mentorbog.msi")" /qn
expect_file "$programs/Mentorbog.exe"
expect_file "$programs/mentorbog-cli.exe"
expect_file "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Mentorbog.lnk"
if cmp -s "$programs/Mentorbog.exe" "$dist/Mentorbog.exe"; then ok "  installed exe is the build"; else not_ok "  installed exe differs from the build"; fi
# Windows keeps a per-user product's entry in HKCU; Wine 8 writes it to HKLM.
installed_products() {
  for hive in HKCU HKLM; do
    wine reg query "$hive"'\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r'
  done
}
export -f installed_products
step "list Programs and Features" installed_products
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")
n=$(grep -cE 'DisplayName +REG_SZ +Mentorbog$' "$out")
if [ "$n" = 1 ] && grep -qE "DisplayVersion +REG_SZ +$version\$" "$out"; then ok "  exactly one Mentorbog, version $version (the old one was replaced)"
else not_ok "  $n entries; want one of version $version"; fi

step_fails "msiexec /i Mentorbog-old.msi /qn over the newer one is refused (no downgrade)" wine msiexec /i "$(win "$dist/Mentorbog-old.msi")" /qn
if cmp -s "$programs/Mentorbog.exe" "$dist/Mentorbog.exe"; then ok "  the newer version is still installed"; else not_ok "  the installed exe changed"; fi

cli() { wine "$winuser"'\AppData\Local\Programs\Mentorbog\mentorbog-cli.exe' "$@"; }
gui() { wine "$winuser"'\AppData\Local\Programs\Mentorbog\Mentorbog.exe' "$@"; }
export winuser
export -f cli gui

echo "== Command line (mentorbog-cli.exe)"
step "version" cli version
expect_output "Mentorbog $version"
step "Mentorbog.exe version (GUI exe, output still visible)" gui version
expect_output "Mentorbog $version"
db="$winuser"'\AppData\Local\Mentorbog\mentorbog.db'
# Without --db the default database is used; before there is one, the
# message names where it is looked for (and the folder is created).
step_fails "check before the first start names the default database" cli check
expect_output "Databasen $db findes ikke."
step "demo --db %LOCALAPPDATA%\\Mentorbog\\mentorbog.db" cli demo --db "$db" --today 2026-11-23
expect_output "Demo-database oprettet"
step "check (no --db: the default database)" cli check
expect_file "$local_app_data/Mentorbog/mentorbog.db"
expect_no_file "$user_dir/AppData/Roaming/Mentorbog"
soeren="$WINEPREFIX/drive_c/Users/Søren Ø/Documents"
mkdir -p "$soeren"
cp "$here/testdata/borgere.csv" "$soeren/borgere æøå.csv"
step "import citizens 'C:\\Users\\Søren Ø\\Documents\\borgere æøå.csv'" cli import citizens 'C:\Users\Søren Ø\Documents\borgere æøå.csv'
expect_output "2 borgere importeret"
# The demo has 40 citizens; the first imported one is number 41.
step "audit --citizen 41 --out 'C:\\Users\\Søren Ø\\Documents\\revisionslog Åse.pdf'" cli audit --citizen 41 --out 'C:\Users\Søren Ø\Documents\revisionslog Åse.pdf'
expect_file "$soeren/revisionslog Åse.pdf"
pdftotext -layout "$soeren/revisionslog Åse.pdf" "$work/audit.txt" 2>/dev/null
cp "$work/audit.txt" "$out"; : >"$err"
expect_output "Åse Øberg"
expect_output "170461-XXXX"
step "audit --citizen 42 --out PDF" cli audit --citizen 42 --out 'C:\Users\Søren Ø\Documents\revisionslog 42.pdf'
pdftotext -layout "$soeren/revisionslog 42.pdf" "$out" 2>/dev/null; : >"$err"
expect_output "Bjørn Ærø"
step "audit --citizen 42 --out CSV (for Excel)" cli audit --citizen 42 --out 'C:\Users\Søren Ø\Documents\revisionslog.csv'
cp "$soeren/revisionslog.csv" "$out" 2>/dev/null; : >"$err"
expect_output "Tidspunkt;Bruger;Handling;Borger-id;Detaljer"
expect_output ";admin;Oprettede;42;"
step "export ics --all --out 'C:\\Users\\Søren Ø\\Documents\\møder æøå.ics'" cli export ics --all --out 'C:\Users\Søren Ø\Documents\møder æøå.ics'
expect_file "$soeren/møder æøå.ics"
cp "$soeren/møder æøå.ics" "$out" 2>/dev/null; : >"$err"
expect_output "BEGIN:VCALENDAR"
expect_output "TZID:Europe/Copenhagen"
expect_no_output '[0-9]{6}-?[0-9]{4}'
step "report status --course 1 (Sep–Oct 2026) --out PDF" cli report status --course 1 --from 2026-09-01 --to 2026-10-31 --out 'C:\Users\Søren Ø\Documents\statusrapport æøå.pdf'
expect_file "$soeren/statusrapport æøå.pdf"
pdftotext -layout "$soeren/statusrapport æøå.pdf" "$out" 2>/dev/null; : >"$err"
expect_output "Statusrapport"
expect_output "Side 1 af"
expect_output "-XXXX"
step "report hours --kommune 1 --month 2026-10 --out PDF" cli report hours --kommune 1 --month 2026-10 --out 'C:\Users\Søren Ø\Documents\timeopgørelse.pdf'
pdftotext -layout "$soeren/timeopgørelse.pdf" "$out" 2>/dev/null; : >"$err"
expect_output "Timeopgørelse"
step "backup --to 'C:\\Users\\Søren Ø\\Sikkerhedskopier'" cli backup --to 'C:\Users\Søren Ø\Sikkerhedskopier'
if ls "$WINEPREFIX/drive_c/Users/Søren Ø/Sikkerhedskopier/"*.db >/dev/null 2>&1; then ok "  backup file written"; else not_ok "  no backup file"; fi
step "backup --to N:\\ (a network drive is fine for backups)" cli backup --to 'N:\'
if ls "$work/share/"*.db >/dev/null 2>&1; then ok "  backup on the network drive"; else not_ok "  no backup on N:"; fi
step "demo --db with æøå and a space" cli demo --db 'C:\Users\Søren Ø\Documents\Mentor bog.db' --today 2026-11-23
step "check --db with æøå and a space" cli check --db 'C:\Users\Søren Ø\Documents\Mentor bog.db'
expect_file "$soeren/Mentor bog.db"
step_fails "check --db \\\\server\\share\\mentorbog.db is refused" cli check --db '\\server\share\mentorbog.db'
step_fails "demo --db \\\\server\\share\\mentorbog.db is refused" cli demo --db '\\server\share\mentorbog.db'
expect_output "netværkssti"
step_fails "demo --db N:\\mentorbog.db (mapped network drive) is refused" cli demo --db 'N:\mentorbog.db'
expect_output "tilknyttet netværksdrev (N:)"
step_fails "demo --db m.db in a console whose folder is N:\\ is refused" \
  wine cmd /c "cd /d N:\ && $winuser\AppData\Local\Programs\Mentorbog\mentorbog-cli.exe demo --db m.db"
expect_output "tilknyttet netværksdrev (N:)"
if [ ! -e "$work/share/m.db" ] && [ ! -e "$work/share/mentorbog.db" ]; then ok "  no database was created on N:"; else not_ok "  a database was created on N:"; fi

echo "== Window (Xvfb $display)"
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display
# A Danish Windows user (Fyne picks the language from the user's locale).
# (bash itself may lack that locale and would say so: quiet.)
{ LC_ALL=da_DK.UTF-8 gui >"$work/gui.log" 2>&1 & } 2>/dev/null
gui_pid=$!
shown=""
for _ in $(seq 1 40); do
  sleep 1
  kill -0 "$gui_pid" 2>/dev/null || break
  if xwininfo -root -tree 2>/dev/null | grep -q '"Mentorbog"'; then shown=1; break; fi
done
if [ -n "$shown" ]; then
  ok "Mentorbog.exe opens its window"
  screenshot "$shots/wine-login.png"
  step_fails "a second Mentorbog on the same database is refused (LockFileEx)" cli check
  expect_output "allerede åben i en anden Mentorbog"
  xdotool search --name '^Mentorbog$' windowactivate --sync >/dev/null 2>&1 || true
  xdotool type --delay 40 admin; xdotool key Return
  xdotool type --delay 40 demo-administrator; xdotool key Return
  sleep 9 # login (Argon2id) and the first layout of the main window
  screenshot "$shots/wine-overview.png"
  echo "   screenshots: $shots/wine-login.png $shots/wine-overview.png"
else
  not_ok "Mentorbog.exe opens its window"
  cat "$work/gui.log"
fi
kill "$gui_pid" 2>/dev/null
wine taskkill /f /im Mentorbog.exe >/dev/null 2>&1
wait "$gui_pid" 2>/dev/null
wineserver -w
step_retry_silent "after the window closed, the database opens again (lock released)" cli check

echo "== Go tests of app/platform built for Windows (OpenGL check, opening a PDF)"
# A PDF viewer stand-in: .pdf opens in Notepad, whose title names the file.
wine reg add 'HKLM\Software\Classes\.pdf' /ve /d Mentorbog.TestPDF /f >/dev/null 2>&1
wine reg add 'HKLM\Software\Classes\Mentorbog.TestPDF\shell\open\command' /ve /d '"C:\windows\notepad.exe" "%1"' /f >/dev/null 2>&1
if (cd "$root" && GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
    go test -c -o "$work/platform.test.exe" ./app/platform) >"$out" 2>"$err"; then
  step "go test ./app/platform under Wine" env MENTORBOG_TEST_GL=ok MENTORBOG_TEST_DESKTOP=1 wine "$work/platform.test.exe" -test.v
  expect_output "--- PASS: TestCheckGraphicsOnThisMachine"
  expect_output "--- PASS: TestOpenFileWithDanishLettersAndSpacesOpensItsProgram"
  step "  the same check with Mesa reporting OpenGL 1.4" env MENTORBOG_TEST_GL=old MESA_GL_VERSION_OVERRIDE=1.4 wine "$work/platform.test.exe" -test.v -test.run CheckGraphics
  expect_output "--- PASS: TestCheckGraphicsOnThisMachine"
else
  not_ok "build the Windows test binary of app/platform"
fi
wine taskkill /f /im notepad.exe >/dev/null 2>&1

echo "== No OpenGL 2.1 (Mesa told to report 1.4): native message box"
MESA_GL_VERSION_OVERRIDE=1.4 gui >"$out" 2>"$err" &
gl_pid=$!
box=""
for _ in $(seq 1 20); do
  sleep 1
  kill -0 "$gl_pid" 2>/dev/null || break
  if xwininfo -root -tree 2>/dev/null | grep -q '"Mentorbog"'; then box=1; break; fi
done
if [ -n "$box" ]; then
  screenshot "$shots/wine-no-opengl.png"
  ok "a message box explains the missing OpenGL"
  # Press OK with the mouse: without a window manager the box need not
  # have the keyboard focus. OK sits centred near the bottom edge.
  wid=$(xdotool search --name '^Mentorbog$' 2>/dev/null | head -n1)
  if [ -n "$wid" ] && eval "$(xdotool getwindowgeometry --shell "$wid")"; then
    xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT - 22)) click 1
  fi
  sleep 2
  kill -0 "$gl_pid" 2>/dev/null && xdotool key Return
fi
for _ in $(seq 1 20); do kill -0 "$gl_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$gl_pid" 2>/dev/null; then
  echo "     the message box did not close; ending it"
  wine taskkill /f /im Mentorbog.exe >/dev/null 2>&1
  kill "$gl_pid" 2>/dev/null
fi
wait "$gl_pid"
code=$?
if [ -n "$box" ] && [ "$code" = 1 ]; then ok "  exit 1 after the box is closed"; else not_ok "  box shown: ${box:-no}, exit $code"; fi
expect_output "OpenGL 2.1 (fundet: OpenGL 1.4"

echo "== Uninstall (silent); the data stays"
step "msiexec /x Mentorbog.msi /qn" wine msiexec /x "$(win "$dist/Mentorbog.msi")" /qn
expect_no_file "$programs/Mentorbog.exe"
expect_no_file "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Mentorbog.lnk"
expect_file "$local_app_data/Mentorbog/mentorbog.db"

echo "Wine test took $((SECONDS - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
