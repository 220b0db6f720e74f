#!/usr/bin/env bash
# perf.sh: measures the desktop app in a real window (Xvfb) with FACTDESK_TRACE=1 on a
# database of N short articles (default 10,000) and two of 200 KB with 1,000 claims each:
#   run 1 opens the two long articles side by side (View > Open article…);
#   runs 2-4 start the app again, which reopens both panes at once.
# It prints the trace lines: first window painted, corpus list loaded, each pane open and the
# two panes restored (time to the first frame that shows them), with RSS and Go heap.
#
#   scripts/gui/perf.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
BIN=$(realpath "${BIN:-bin/factdesk}")
SHOT=${SHOT:-../shared/tools/gui-shot}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/perf.db
echo "== making a database of $N articles + 2 x 200 KB (1,000 claims each)"
go build -o "$tmp/perfdb" ./scripts/gui/perfdb
"$tmp/perfdb" -db "$db" -n "$N" >/dev/null
# A fresh home for the app's preferences (set after go build, which needs the real one).
export HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/home FACTDESK_TRACE=1
mkdir -p "$HOME/.cache"
ls -l "$db" | awk '{printf "database: %.1f MB\n", $5/1048576}'

cat >"$tmp/open.steps" <<'STEPS'
key ctrl+p
sleep 0.8
type Zeppelin
key Return
sleep 1.5
key ctrl+p
sleep 0.8
type Quokka
key Return
sleep 2
STEPS
show() { grep -E "trace: (first window|corpus list \(|pane open|[0-9] panes restored|read [0-9] panes)" "$1" | sed 's/^.*trace: /  /'; }
echo "== run 1: open the two long articles one after the other"
"$SHOT" -w 6 -p "$tmp/open.steps" "$tmp/run1.png" -- "$BIN" --db "$db" --reviewer Perf >/dev/null
show "$tmp/run1.png.log"
for i in 2 3 4; do
  echo "== run $i: start with the two panes restored"
  "$SHOT" -w 6 "$tmp/run$i.png" -- "$BIN" --db "$db" --reviewer Perf >/dev/null
  show "$tmp/run$i.png.log"
done
cp "$tmp/run4.png" "${OUT:-/tmp/factdesk-perf.png}"
echo "screenshot of the last run: ${OUT:-/tmp/factdesk-perf.png}"
