#!/usr/bin/env bash
# linux-tar.sh BINARY OUTDIR "FYNE_TOOL": packages the Linux build with the Fyne packaging tool
# (fyne package: the binary, the desktop entry, the icon and the Makefile that installs them) as
# OUTDIR/factdesk_VERSION_linux_amd64.tar.xz. The tool works in a scratch folder with a copy of
# FyneApp.toml and the icon, so that it cannot change the project's files.
set -euo pipefail
bin=$1
out=$2
tool=$3
version=${VERSION:?VERSION is not set (make sets it from FyneApp.toml)}
go=${GO:-go}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp FyneApp.toml Icon.png "$tmp/"
cp "$bin" "$tmp/factdesk"
# The tool looks for Go code in its folder even when given the executable.
printf 'package main\n\nfunc main() {}\n' >"$tmp/main.go"
mkdir -p "$out"
out=$(cd "$out" && pwd)
(cd "$tmp" && $go run "$tool" package --os linux --exe factdesk --name Factdesk \
	--app-id org.factdesk.Factdesk --icon Icon.png --release)
mv "$tmp/Factdesk.tar.xz" "$out/factdesk_${version}_linux_amd64.tar.xz"
echo "$out/factdesk_${version}_linux_amd64.tar.xz"
