#!/usr/bin/env bash
# bench-check: runs the text-view, import and search benchmarks with their same-run baselines
# and fails when a ratio to its baseline falls more than 25% under the figure recorded in the
# bench-check table of docs/PERFORMANCE.md (ratios, not times, so that the check means the
# same on any CPU and under load). About 5 minutes on 2 busy cores. `make bench-check`.
#
#   scripts/bench-check.sh            # run the benchmarks, then compare
#   BENCH_OUT=FILE scripts/bench-check.sh   # keep the raw benchmark output in FILE
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=${BENCH_OUT:-$(mktemp -t bench-check.XXXXXX)}
: >"$out"

step() { echo "== $*" >&2; }

# The text view's operations take milliseconds and RichText's hundreds: each gets enough
# operations for a stable median (RichText's cost per operation depends on how many a run
# makes, so its count is fixed).
step "text view (app/textview)"
$GO test -run '^$' -bench '^Benchmark(SetTextLayout|Rewrap)$' -benchtime 20x -count 5 -timeout 20m ./app/textview/ | tee -a "$out"
step "widget.RichText, the text view's baseline (app/textview)"
$GO test -run '^$' -bench '^BenchmarkRichText(SetTextLayout|Rewrap)$' -benchtime 3x -count 3 -timeout 20m ./app/textview/ | tee -a "$out"

step "import of 10,000 articles against bare INSERTs (storage)"
$GO test -run '^$' -bench '^BenchmarkImport10k$/^batch=200$' -benchtime 1x -count 3 -timeout 30m ./storage/ | tee -a "$out"

step "two-word search against a bare FTS MATCH (storage)"
$GO test -run '^$' -bench '^BenchmarkQueries10k$/^(search|fts_match)_two_words$' -benchtime 150x -count 2 -timeout 30m ./storage/ | tee -a "$out"

step "ratios against docs/PERFORMANCE.md"
$GO run ./scripts/benchcheck -table docs/PERFORMANCE.md "$out"
