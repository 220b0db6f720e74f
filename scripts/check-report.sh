#!/usr/bin/env bash
# check-report.sh: the reports as a person sees them (make check-report).
# Imports the three seed articles into a temporary database with the command line, makes
# claims in all three verdicts by two reviewers, with sources for and against and links across
# the articles, then exports every format to out/ and renders:
#   out/report-html.png          the HTML report in headless Chromium (1200 px wide, the top 2400 px)
#   out/report-html-print-N.png  the HTML report as Chromium prints it (A4), page by page
#   out/report-pdf-N.png         the PDF report (pdftoppm, 60 dpi), page by page
# and checks that the CSV and JSON exports read back (python3 and jq, when installed).
#
#   scripts/check-report.sh
#   BIN=path/to/factdesk SEEDS=path/to/seeds OUT=dir scripts/check-report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${BIN:-bin/factdesk}")
SEEDS=$(realpath "${SEEDS:-../shared/seeds}")
OUT=${OUT:-out}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}

[ -x "$BIN" ] || { echo "check-report: $BIN is missing: run make build" >&2; exit 1; }
[ -n "$CHROMIUM" ] || { echo "check-report: chromium is not installed: run make gui-deps" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "check-report: pdftoppm is not installed: run make deps (poppler-utils)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/check.db
mkdir -p "$OUT"
rm -f "$OUT"/report*
who="Alice Martin"
fd() { "$BIN" "$@" --db "$db" --reviewer "$who"; }

fd import "$SEEDS/000_f6bb23693e27c5f2.txt" "$SEEDS/003_262efa452888d538.txt" "$SEEDS/004_532ae3c648773e60.txt" >"$tmp/imported"
en=$(sed -n 1p "$tmp/imported" | cut -f1)
fr=$(sed -n 2p "$tmp/imported" | cut -f1)
ru=$(sed -n 3p "$tmp/imported" | cut -f1)

claim() { fd claim add --article "$1" --quote "$2" --verdict "$3" --note "$4"; }
toll_en=$(claim "$en" "The official death toll is 300 to 400, including around fifty civilians" unverified "")
unclear=$(claim "$en" "it was not clear whether the two foreign chiefs of the two countries had accepted Moscow's invitation" confirmed \
  "True when written (Thursday evening): neither ministry had answered yet.")
soldiers=$(claim "$en" "each side claiming to have eliminated thousands of enemy soldiers" unverified \
  "Claims by the belligerents; no independent count.")
geneva=$(claim "$en" "Ceyhun Bayramov was in Geneva on Thursday" confirmed "OSCE Minsk Group communiqué of 8 October.")
toll_fr=$(claim "$fr" "300 à 400 morts, dont une cinquantaine de civils" confirmed "Même bilan que l’AFP : « 300 à 400 morts ».")
notyet=$(claim "$fr" "les deux chefs de diplomatie n’ont pas confirmé leur participation" confirmed "Accurate on the morning of 9 October.")
kremlin=$(claim "$fr" "« Le 9 octobre, les ministres des Affaires étrangères de l’Azerbaïdjan et de l’Arménie sont invités à Moscou pour mener des consultations »" \
  confirmed "Kremlin statement quoted verbatim.")
confirmed=$(claim "$ru" "Bakou et Erevan avaient confirmé leur participation aux consultations" disputed \
  "No such statement on the Russian foreign ministry’s site on 9 October; RIA Novosti (РИА Новости) only reported the flight.")
plane=$(claim "$ru" "l’avion avec le ministre azerbaïdjanais des Affaires étrangères est arrivé à Moscou" confirmed \
  "Flight tracking shows the government aircraft landing at Vnukovo.")
martial=$(claim "$ru" "L’Arménie a déclaré la loi martiale et – pour la première fois, une mobilisation générale" unverified "")

fd link add "$toll_en" "$toll_fr" --relation same >/dev/null
fd link add "$notyet" "$confirmed" --relation contradicts >/dev/null
fd link add "$unclear" "$confirmed" --relation contradicts >/dev/null
fd link add "$plane" "$confirmed" --relation supports >/dev/null
fd source add "$toll_fr" --url "https://www.afp.com/fr" --title "Haut-Karabakh : le bilan dépasse 300 morts" --publisher AFP \
  --quote "Le bilan officiel est de 300 à 400 morts, dont une cinquantaine de civils." --accessed 2020-10-09 >/dev/null
fd source add "$confirmed" --url "https://www.mid.ru/ru/press_service/" --title "Сообщение для СМИ о консультациях в Москве" \
  --publisher "МИД России" --relation contradicts --accessed 2020-10-10 >/dev/null
fd source add "$kremlin" --title "Kremlin statement of 8 October 2020, read to the press pool" --publisher "Kremlin press service" \
  --accessed 2020-10-08 >/dev/null
fd source add "$geneva" --url "https://www.osce.org/minsk-group" --title "Co-Chairs of the OSCE Minsk Group meet the Azerbaijani foreign minister" \
  --publisher OSCE --accessed 2020-10-09 >/dev/null

# A second reviewer rates differently.
who="Дмитрий Орлов"
fd claim set "$toll_en" --verdict confirmed --note "Same figure as AFP’s French dispatch — « 300 à 400 morts »." >/dev/null
fd claim set "$geneva" --verdict disputed --note "The French article dates the meeting “hier jeudi 8 octobre” — check the date line." >/dev/null
fd link add "$geneva" "$notyet" --relation supports >/dev/null

settings=(--title "Haut-Karabakh : les pourparlers de Moscou — 8–9 octobre 2020" --org "Factdesk Demo Desk"
  --site-url "https://factcheck.example/reports/karabakh-2020-10")
for f in html pdf md csv json claimreview w3c; do
  ext=$f; [ "$f" = claimreview ] && ext=claimreview.jsonld; [ "$f" = w3c ] && ext=w3c.jsonld
  fd export --format "$f" --out "$OUT/report.$ext" "${settings[@]}"
done

html=$(realpath "$OUT/report.html")
profile=$(mktemp -d)
chrome=("$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile")
timeout 120 "${chrome[@]}" --screenshot="$OUT/report-html.png" --window-size=1200,2400 "file://$html" >"$tmp/chromium.log" 2>&1 ||
  { cat "$tmp/chromium.log" >&2; exit 1; }
timeout 120 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$tmp/print.pdf" "file://$html" >>"$tmp/chromium.log" 2>&1 ||
  { cat "$tmp/chromium.log" >&2; exit 1; }
rm -rf "$profile"
pdftoppm -png -r 60 "$tmp/print.pdf" "$OUT/report-html-print"
pdftoppm -png -r 60 "$OUT/report.pdf" "$OUT/report-pdf"

# The data exports read back.
if command -v python3 >/dev/null; then
  python3 - "$OUT/report.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert len(rows) == 11, f"CSV: {len(rows)} rows, want a header and 10 claims"
assert all(len(r) == len(rows[0]) for r in rows), "CSV: rows of different lengths"
print(f"CSV reads back: {len(rows) - 1} claims, {len(rows[0])} columns")
EOF
fi
if command -v jq >/dev/null; then
  jq -e '(.claims | length) == 10 and (.links | length) == 9 and (.sources | length) == 4' "$OUT/report.json" >/dev/null ||
    { echo "check-report: the JSON export does not hold 10 claims, 9 links and 4 sources" >&2; exit 1; }
  echo "JSON reads back: $(jq -r '"\(.claims | length) claims, \(.links | length) links, \(.sources | length) sources, \(.history | length) history entries"' "$OUT/report.json")"
fi

echo "Look at these:"
ls -1 "$OUT"/report-html.png "$OUT"/report-html-print-*.png "$OUT"/report-pdf-*.png
