#!/usr/bin/env bash
# tour.sh: screenshots of every screen of the app (main window, claims list, search,
# inspector sections, dialogs) on the demo corpus, in the dark and the light theme, for
# looking at them: OUTDIR (default: a new temporary folder) gets one PNG per step.
#
#   scripts/gui/tour.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${BIN:-bin/factdesk}")
SHOT=${SHOT:-../shared/tools/gui-shot}
OUTDIR=${1:-$(mktemp -d)}
mkdir -p "$OUTDIR"
OUTDIR=$(realpath "$OUTDIR")

for variant in dark light; do
  tmp=$(mktemp -d)
  export HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/home FYNE_THEME=$variant
  mkdir -p "$HOME/.cache"
  sed "s/@V@/$variant/g" scripts/gui/tour.steps >"$tmp/tour.steps"
  # First run on an empty database: the welcome dialog, then the demo corpus.
  "$SHOT" -w 5 -p "$tmp/tour.steps" "$OUTDIR/tour-$variant-end.png" -- "$BIN" --db "$tmp/tour.db" || true
  rm -rf "$tmp"
done
echo "screenshots in $OUTDIR"
