#!/usr/bin/env bash
# dist-check.sh DIST: tests the release artifacts in DIST (made by `make dist`):
#  - SHA256SUMS matches the files;
#  - the .deb: its control fields, `dpkg -x` into a scratch root and a CLI round trip with the
#    binary it installs (--version, import, claim add, export in four formats, checked); then
#    installed and removed with dpkg in a scratch dpkg root, leaving no file behind;
#  - the Windows zip: factdesk.exe under Wine doing the same round trip;
#  - the .tar.xz: unpacked, its desktop entry checked with desktop-file-validate, the binary run,
#    and its install Makefile run into a scratch folder.
set -euo pipefail
dist=$(cd "$1" && pwd)
version=${VERSION:?VERSION is not set (make sets it from FyneApp.toml)}
here=$(pwd)
work=$(mktemp -d /tmp/factdesk-dist-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }
ok() { echo "dist-check: ok: $*"; }

(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the files"
ok "SHA256SUMS"

# The articles of the round trip: the project's test articles when the clone has them, and two
# written here, whose quotes the claims use.
articles=$work/articles
mkdir -p "$articles"
if [ -d "$here/testdata/articles" ]; then cp -r "$here/testdata/articles/." "$articles/"; fi
cat > "$articles/dist-check-en.txt" <<'TXT'
Harbour bridge reopens after two years of repairs

The harbour bridge reopened to traffic on Monday after repairs that cost 48 million euros, the
regional transport authority said. Engineers replaced 312 cables and the whole deck surface.
"The bridge is safe for another fifty years," the authority's chief engineer told reporters.
TXT
cat > "$articles/dist-check-fr.txt" <<'TXT'
Le pont du port rouvre après deux ans de travaux

Le pont du port a rouvert à la circulation lundi, après des travaux qui ont coûté 48 millions
d'euros, a indiqué l'autorité régionale des transports. Les ingénieurs ont remplacé 312 câbles
ainsi que tout le tablier. « Le pont est sûr pour cinquante ans », a déclaré l'ingénieur en chef.
TXT

# roundtrip NAME PATHSTYLE CMD...: the CLI round trip with the factdesk command CMD..., in
# $work/NAME. PATHSTYLE is unix or wine (Wine sees / as drive Z:).
roundtrip() {
	local name=$1 style=$2
	shift 2
	local fd=("$@") dir=$work/$name
	mkdir -p "$dir"
	local db=$dir/project.db
	local v
	v=$("${fd[@]}" --version | tr -d '\r')
	grep -qx "factdesk $version" <<<"$v" || fail "$name: --version printed: $v"
	"${fd[@]}" import "$articles" --db "$db" --reviewer "Dist Check" --json | tr -d '\r' >"$dir/import.json" ||
		fail "$name: import failed"
	local n id lang claim
	n=$(jq 'length' "$dir/import.json")
	[ "$n" -ge 2 ] || fail "$name: imported $n articles, want at least 2"
	id=$(jq -r '.[] | select(.path | test("dist-check-en")) | .article.id' "$dir/import.json")
	lang=$(jq -r '.[] | select(.path | test("dist-check-fr")) | .article.language' "$dir/import.json")
	[ -n "$id" ] || fail "$name: the English article is not in the import's output: $(cat "$dir/import.json")"
	[ "$lang" = fr ] || fail "$name: the French article was detected as \"$lang\""
	claim=$("${fd[@]}" claim add --article "$id" --quote "repairs that cost 48 million euros" --verdict disputed \
		--note "The authority's report says 51 million." --db "$db" --reviewer "Dist Check" --json | tr -d '\r' | jq -r '.id')
	[ -n "$claim" ] && [ "$claim" != null ] || fail "$name: claim add printed no id"
	local f
	for f in json html csv md; do
		"${fd[@]}" export --format $f --out "$dir/report.$f" --db "$db" >/dev/null || fail "$name: export --format $f failed"
		[ -s "$dir/report.$f" ] || fail "$name: export --format $f wrote nothing"
		grep -q "repairs that cost 48 million euros" "$dir/report.$f" || fail "$name: report.$f does not have the claim's quote"
	done
	[ "$(jq '[.claims[] | select(.verdict == "disputed")] | length' "$dir/report.json")" = 1 ] ||
		fail "$name: the JSON export does not have the one disputed claim"
	grep -q "51 million" "$dir/report.html" || fail "$name: the HTML report does not have the claim's note"
	ok "$name: --version, import of $n articles, claim add, export json/html/csv/md"
}

# --- the .deb ---
deb=$(ls "$dist"/factdesk_*_amd64.deb)
dpkg-deb -f "$deb" Package Version Architecture Depends >"$work/control"
grep -qx "Version: $version" "$work/control" || fail ".deb version: $(cat "$work/control")"
grep -q "^Depends: .*libgl1" "$work/control" || fail ".deb declares no dependencies: $(cat "$work/control")"
root=$work/deb-root
dpkg -x "$deb" "$root"
for f in usr/bin/factdesk usr/share/applications/org.factdesk.Factdesk.desktop usr/share/icons/hicolor/256x256/apps/org.factdesk.Factdesk.png; do
	[ -s "$root/$f" ] || fail ".deb does not install /$f"
done
desktop-file-validate "$root/usr/share/applications/org.factdesk.Factdesk.desktop" || fail ".deb's desktop entry is not valid"
missing=$(ldd "$root/usr/bin/factdesk" | grep "not found" || true)
[ -z "$missing" ] || fail ".deb's binary misses libraries: $missing"
roundtrip deb unix "$root/usr/bin/factdesk"

# Installed and removed with dpkg in a scratch root: removal leaves nothing behind.
droot=$work/dpkg-root
mkdir -p "$droot/var/lib/dpkg/info" "$droot/var/lib/dpkg/updates"
touch "$droot/var/lib/dpkg/status"
dpkg --root="$droot" --force-depends --force-not-root --force-script-chrootless -i "$deb" >"$work/dpkg.log" 2>&1 ||
	fail "dpkg -i in a scratch root: $(cat "$work/dpkg.log")"
[ -x "$droot/usr/bin/factdesk" ] || fail "dpkg -i did not install /usr/bin/factdesk"
dpkg --root="$droot" --force-not-root --force-script-chrootless -r factdesk >>"$work/dpkg.log" 2>&1 ||
	fail "dpkg -r: $(cat "$work/dpkg.log")"
left=$(find "$droot" -not -type d -not -path "$droot/var/lib/dpkg/*")
[ -z "$left" ] || fail "dpkg -r left files: $left"
ok ".deb installs and removes cleanly ($(sed -n 's/^Depends: //p' "$work/control"))"

# --- the Windows zip, under Wine ---
zip=$(ls "$dist"/factdesk_*_windows_amd64.zip)
unzip -q "$zip" -d "$work/win"
exe=$(ls "$work"/win/*/factdesk.exe)
[ -s "$(dirname "$exe")/README.txt" ] || fail "the zip has no README.txt"
export WINEPREFIX=${WINEPREFIX:-$work/wine} WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wineboot --init >/dev/null 2>&1 || true
# Go's runtime needs bcryptprimitives.dll (Windows 10 and later have it; Wine 8 does not): a
# stand-in built from scripts/dist/wine-bcryptprimitives.c, for this check only.
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$sys32/bcryptprimitives.dll" ]; then
	x86_64-w64-mingw32-gcc -O2 -shared -o "$sys32/bcryptprimitives.dll" "$here/scripts/dist/wine-bcryptprimitives.c" -lbcrypt ||
		fail "cannot build the bcryptprimitives.dll stand-in for Wine"
fi
roundtrip windows wine wine "$exe"
wineserver -k 2>/dev/null || true

# --- the .tar.xz made by fyne package ---
tarball=$(ls "$dist"/factdesk_*_linux_amd64.tar.xz)
mkdir -p "$work/tar"
tar -xJf "$tarball" -C "$work/tar"
desktop=$(find "$work/tar" -name '*.desktop')
[ -n "$desktop" ] || fail "the .tar.xz has no desktop entry"
desktop-file-validate "$desktop" || fail "the .tar.xz's desktop entry is not valid"
bin=$(find "$work/tar" -type f -name factdesk -perm -u+x | head -1)
[ -n "$bin" ] || fail "the .tar.xz has no factdesk binary"
"$bin" --version | grep -qx "factdesk $version" || fail "the .tar.xz's binary is not version $version"
mk=$(find "$work/tar" -name Makefile | head -1)
[ -n "$mk" ] || fail "the .tar.xz has no install Makefile"
make -s -C "$(dirname "$mk")" install DESTDIR="$work/tar-installed" PREFIX=/usr >/dev/null 2>&1 ||
	fail "the .tar.xz's Makefile does not install"
[ -x "$work/tar-installed/usr/bin/factdesk" ] || [ -x "$work/tar-installed/usr/local/bin/factdesk" ] ||
	fail "the .tar.xz's Makefile did not install the binary: $(find "$work/tar-installed" -type f)"
ok ".tar.xz: desktop entry valid, binary runs, its Makefile installs ($(basename "$desktop"))"
echo "dist-check: every artifact passed"
