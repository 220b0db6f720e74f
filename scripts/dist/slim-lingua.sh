#!/usr/bin/env bash
# slim-lingua.sh DIR LANG...: prepares in DIR a build of Factdesk whose lingua-go embeds only
# the language models of LANG... (corpus.Languages) instead of all 75 (124 MB).
#
# DIR/lingua-go is a copy of the module from the Go module cache, less the other languages'
# models; DIR/go.mod and DIR/go.sum are the project's, with a replace directive pointing at that
# copy. Build with `go build -modfile=DIR/go.mod`. When corpus/lang.go builds its detector in
# low-accuracy mode, which scores trigrams (falling back on bigrams and unigrams for the trigrams
# a model lacks), the quadrigram and fivegram models go too. Nothing of this is committed: DIR is under
# build/, which git ignores.
set -euo pipefail
dir=$1
shift
langs=("$@")
if [ ${#langs[@]} -eq 0 ]; then
	echo "slim-lingua.sh: no languages given (are they still listed in corpus/lang.go's Languages?)" >&2
	exit 1
fi
mod=github.com/pemistahl/lingua-go
go=${GO:-go}
$go mod download "$mod"
src=$($go list -m -f '{{.Dir}}' "$mod")
[ -d "$src/language-models" ] || { echo "slim-lingua.sh: $src has no language-models folder" >&2; exit 1; }

rm -rf "$dir"
mkdir -p "$dir"
cp -r "$src" "$dir/lingua-go"
chmod -R u+w "$dir/lingua-go"
for m in "$dir"/lingua-go/language-models/*/; do
	code=$(basename "$m")
	keep=
	for l in "${langs[@]}"; do [ "$l" = "$code" ] && keep=1; done
	[ -n "$keep" ] || rm -rf "$m"
done
if grep -q 'WithLowAccuracyMode()' corpus/lang.go; then
	find "$dir/lingua-go/language-models" -type f \( -name 'quadrigrams.*' -o -name 'fivegrams.*' \) -delete
fi
for l in "${langs[@]}"; do
	[ -f "$dir/lingua-go/language-models/$l/trigrams.pb.bin.zip" ] || { echo "slim-lingua.sh: lingua has no models for language $l" >&2; exit 1; }
done
kept=$(find "$dir/lingua-go/language-models" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$kept" -eq ${#langs[@]} ] || { echo "slim-lingua.sh: kept $kept model folders for ${#langs[@]} languages" >&2; exit 1; }

cp go.mod "$dir/go.mod"
cp go.sum "$dir/go.sum"
$go mod edit -replace="$mod=$(cd "$dir/lingua-go" && pwd)" "$dir/go.mod"
echo "lingua-go with the models of ${langs[*]}: $(du -sh "$dir/lingua-go/language-models" | cut -f1) (all: $(du -sh "$src/language-models" | cut -f1))"
