#!/usr/bin/env bash
# deb.sh BINARY OUTDIR: builds OUTDIR/factdesk_VERSION_amd64.deb with dpkg-deb. It installs the
# binary in /usr/bin, the desktop entry in /usr/share/applications and the icon in the hicolor
# theme, declares the Debian packages the binary links to, and has no maintainer scripts:
# removing it removes exactly the files it installed.
set -euo pipefail
bin=$1
out=$2
version=${VERSION:?VERSION is not set (make sets it from FyneApp.toml)}
id=org.factdesk.Factdesk
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
pkg=$root/factdesk_${version}_amd64

install -Dm755 "$bin" "$pkg/usr/bin/factdesk"
install -Dm644 Icon.png "$pkg/usr/share/icons/hicolor/256x256/apps/$id.png"
install -Dm644 scripts/dist/$id.desktop "$pkg/usr/share/applications/$id.desktop"
install -Dm644 /dev/stdin "$pkg/usr/share/doc/factdesk/copyright" <<COPY
Factdesk $version: see https://factdesk.org for the source and its licence.
COPY

# The libraries the binary links to (libc6, libgl1, libwayland-client0) and those GLFW opens at
# run time for X11 and Wayland (objdump -p and the library names in the binary).
depends="libc6, libgl1, libegl1, libwayland-client0, libwayland-cursor0, libwayland-egl1, libxkbcommon0, \
libx11-6, libx11-xcb1, libxcursor1, libxext6, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1"
size=$(du -sk "$pkg/usr" | cut -f1)
mkdir -p "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: factdesk
Version: $version
Section: utils
Priority: optional
Architecture: amd64
Depends: $depends
Installed-Size: $size
Maintainer: Factdesk <team@factdesk.org>
Homepage: https://factdesk.org
Description: check claims across news articles, side by side
 Factdesk is a desktop app for fact-checkers: import articles, open them side by
 side, mark claims, rate them, link sources, share and merge work, and export
 reports. The factdesk command does the same work from a terminal.
CONTROL
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/factdesk_${version}_amd64.deb" >/dev/null
echo "$out/factdesk_${version}_amd64.deb"
