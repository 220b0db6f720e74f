#!/usr/bin/env bash
# make-claim.sh: in the real app (Xvfb), drag-select a span of an article with the mouse and
# make it a claim with the keyboard (Enter), then check with `factdesk claims --json` that the
# database has the claim, with a quote that is a span of the article's text.
#
#   scripts/gui/make-claim.sh       exit 0 when the claim is in the database
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${BIN:-bin/factdesk}")
SEEDS=$(realpath "${SEEDS:-../shared/seeds}")
SHOT=${SHOT:-../shared/tools/gui-shot}
OUTDIR=${OUTDIR:-$(mktemp -d)}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/make-claim.db
export HOME=$tmp/home XDG_RUNTIME_DIR=$tmp/home
mkdir -p "$HOME/.cache"
who="Drag Tester"
"$BIN" import "$SEEDS/000_f6bb23693e27c5f2.txt" --db "$db" --reviewer "$who" >/dev/null

"$SHOT" -w 5 -p scripts/gui/make-claim.steps "$OUTDIR/make-claim.png" -- "$BIN" --db "$db" --reviewer "$who"

json=$("$BIN" claims --json --db "$db" --reviewer "$who")
article=$("$BIN" articles --json --db "$db" --reviewer "$who" | grep -m1 '"id"' | sed 's/.*"id": "\([^"]*\)".*/\1/')
text=$("$BIN" show "$article" --db "$db" --reviewer "$who")
python3 - "$json" "$text" "$who" <<'PY'
import json, sys
claims, text, who = json.loads(sys.argv[1] or "[]"), sys.argv[2], sys.argv[3]
if len(claims) != 1:
    sys.exit(f"make-claim: want 1 claim in the database, found {len(claims)}")
c = claims[0]
quote = c.get("quote") or c.get("exact") or ""
if len(quote) < 5 or quote not in text:
    sys.exit(f"make-claim: the claim's quote {quote!r} is not a span of the article")
by = c.get("created_by") or c.get("reviewer") or ""
if by and by != who:
    sys.exit(f"make-claim: claim recorded for {by!r}, want {who!r}")
print(f"make-claim: ok, claim {c.get('id','?')[:8]} = {quote!r} ({c.get('verdict')})")
PY
echo "screenshots in $OUTDIR"
