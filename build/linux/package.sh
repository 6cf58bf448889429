#!/usr/bin/env bash
# Packs Mentorbog for Linux: dist/linux/Mentorbog-VERSION-linux-amd64.tar.xz
# with the binary, a desktop entry, the icon and a Makefile that installs
# them (`make user-install` into ~/.local, or `sudo make install`). The
# layout is the one `fyne package -os linux` makes (usr/local/...), built
# without the fyne tool. Then the archive is checked: its files, the desktop
# entry (desktop-file-validate when installed) and the packed binary's
# version.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/build/linux"
cd "$root"
out=${OUT:-dist/linux}
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
arch=$(go env GOARCH)
name="Mentorbog-$version-linux-$arch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg="$work/$name"

go build -trimpath -tags release,no_emoji -ldflags "-s -w" -o "$pkg/usr/local/bin/mentorbog" .
install -Dm644 "$here/mentorbog.desktop" "$pkg/usr/local/share/applications/mentorbog.desktop"
install -Dm644 assets/icon.png "$pkg/usr/local/share/icons/hicolor/512x512/apps/mentorbog.png"
install -Dm644 "$here/Makefile.in" "$pkg/Makefile"
mkdir -p "$out"
tar -C "$work" --owner=0 --group=0 -cJf "$out/$name.tar.xz" "$name"

# Check what was packed, from the archive itself.
mkdir "$work/check"
tar -C "$work/check" -xJf "$out/$name.tar.xz"
c="$work/check/$name"
for f in usr/local/bin/mentorbog usr/local/share/applications/mentorbog.desktop \
         usr/local/share/icons/hicolor/512x512/apps/mentorbog.png Makefile; do
  [ -s "$c/$f" ] || { echo "missing in the archive: $f" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$c/usr/local/share/applications/mentorbog.desktop"
fi
got=$("$c/usr/local/bin/mentorbog" version)
[ "$got" = "Mentorbog $version" ] || { echo "packed binary says '$got', want 'Mentorbog $version'" >&2; exit 1; }
make -s -C "$c" install DESTDIR="$work/root" PREFIX=/usr >/dev/null
[ -x "$work/root/usr/bin/mentorbog" ] || { echo "make install did not install the binary" >&2; exit 1; }
echo "$out/$name.tar.xz ($(du -h "$out/$name.tar.xz" | cut -f1), $got)"
