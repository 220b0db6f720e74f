#!/usr/bin/env bash
# side-by-side.sh: the README screenshot, from the real app in a real X window (Xvfb).
# Imports the three seed articles with the command line into a temporary database, makes
# claims in all three verdicts and links them, then opens the two French articles and the
# English one side by side (View > Open article…, driven by the keyboard) and selects a claim.
#
#   scripts/gui/side-by-side.sh            writes docs/screenshot.png
#   BIN=path/to/factdesk OUT=x.png scripts/gui/side-by-side.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${BIN:-bin/factdesk}")
SEEDS=$(realpath "${SEEDS:-../shared/seeds}")
OUT=${OUT:-docs/screenshot.png}
SHOT=${SHOT:-../shared/tools/gui-shot}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/side-by-side.db
# A fresh home: no preferences from earlier runs (panes, window size, reviewer).
export HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/home
mkdir -p "$HOME/.cache"
who="Sam Reviewer"
fd() { "$BIN" "$@" --db "$db" --reviewer "$who"; }

fd import "$SEEDS/000_f6bb23693e27c5f2.txt" "$SEEDS/003_262efa452888d538.txt" "$SEEDS/004_532ae3c648773e60.txt" >"$tmp/imported"
en=$(sed -n 1p "$tmp/imported" | cut -f1)
fr1=$(sed -n 2p "$tmp/imported" | cut -f1)
fr2=$(sed -n 3p "$tmp/imported" | cut -f1)

claim() { fd claim add --article "$1" --quote "$2" --verdict "$3" --note "$4"; }
toll_en=$(claim "$en" "The official death toll is 300 to 400, including around fifty civilians" confirmed \
  "Matches the Armenian and Azerbaijani official figures of 8 October.")
toll_fr=$(claim "$fr1" "300 à 400 morts, dont une cinquantaine de civils" confirmed "Same figure as France 24.")
unclear=$(claim "$en" "it was not clear whether the two foreign chiefs of the two countries had accepted Moscow's invitation" unverified \
  "Check the ministries' statements of 9 October.")
notyet=$(claim "$fr1" "les deux chefs de diplomatie n’ont pas confirmé leur participation" unverified "")
confirmed=$(claim "$fr2" "Bakou et Erevan avaient confirmé leur participation aux consultations" disputed \
  "Single source (RIA Novosti via News-Front); contradicted by AFP at the time of writing.")
thousands=$(claim "$en" "each side claiming to have eliminated thousands of enemy soldiers" unverified \
  "Belligerents' claims: no independent count.")
fd link add "$toll_en" "$toll_fr" --relation same >/dev/null
fd link add "$unclear" "$notyet" --relation same >/dev/null
fd link add "$confirmed" "$notyet" --relation contradicts >/dev/null
fd source add "$confirmed" --url "https://www.example.org/afp-2020-10-09" --title "AFP dispatch, 9 October 2020" \
  --relation contradicts >/dev/null 2>&1 || true
: "$thousands"

"$SHOT" -w 5 -p scripts/gui/side-by-side.steps "$tmp/shot.png" -- "$BIN" --db "$db" --reviewer "$who"
mkdir -p "$(dirname "$OUT")"
cp "$tmp/shot.png" "$OUT"
echo "wrote $OUT"
