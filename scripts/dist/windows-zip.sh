#!/usr/bin/env bash
# windows-zip.sh EXE OUTDIR: zips the Windows build as OUTDIR/factdesk_VERSION_windows_amd64.zip,
# with what it needs beside it: the MinGW-w64 runtime DLLs the exe imports (none when it is
# linked statically) and a short read-me.
set -euo pipefail
exe=$1
out=$2
version=${VERSION:?VERSION is not set (make sets it from FyneApp.toml)}
name=factdesk_${version}_windows_amd64
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/$name"
cp "$exe" "$tmp/$name/factdesk.exe"

# DLLs the exe imports that Windows does not ship come from MinGW-w64's runtime.
for dll in $(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | sort -u); do
	case "${dll,,}" in
	libgcc_s_seh-1.dll | libwinpthread-1.dll | libstdc++-6.dll)
		f=$(find /usr/lib/gcc/x86_64-w64-mingw32 /usr/x86_64-w64-mingw32/lib -name "$dll" | head -1)
		[ -n "$f" ] || { echo "windows-zip.sh: $dll not found in MinGW-w64" >&2; exit 1; }
		cp "$f" "$tmp/$name/"
		;;
	esac
done

sed 's/$/\r/' > "$tmp/$name/README.txt" <<TXT
Factdesk $version for Windows (64-bit)

Factdesk helps fact-checkers check claims across news articles, side by side.

Start: double-click factdesk.exe. On first start Windows may warn that the program is from an
unknown publisher: choose "More info", then "Run anyway".

Your work is kept in factdesk.db in %APPDATA%\\fyne\\org.factdesk.Factdesk\\ (File > Open
database... opens another one). Settings (File > Settings...) choose the theme and the text size.

The same program works in a terminal (cmd or PowerShell), for example:
  factdesk.exe --version
  factdesk.exe import article.txt --db C:\\work\\project.db
  factdesk.exe help
TXT
mkdir -p "$out"
out=$(cd "$out" && pwd)
(cd "$tmp" && zip -qr -X "$out/$name.zip" "$name")
echo "$out/$name.zip"
