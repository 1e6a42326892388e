#!/usr/bin/env bash
# Runs the benchmarks against the real lists and prints their figures.
# Each benchmark compares itself with a simple reference in the same run
# (machines here are noisy: read the ratios and medians). What each prints
# and the figures measured: docs/scoring.md "Measured" (bench_screen_perf),
# docs/evaluation.md (bench_eval_quality), docs/graph.md
# (bench_graph_propagation), docs/cases.md (bench_rescreen), docs/api.md
# (server_load).
set -uo pipefail
build=${1:-build}
data=${INTERDICT_SHARED_DATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/data}
status=0
run() {
  local exe="$build/bench/$1"; shift
  if [ ! -x "$exe" ]; then echo "bench: $exe not built" >&2; status=1; return; fi
  echo "== $(basename "$exe") $*"
  "$exe" "$@" || status=1
}
run bench_load_lists "$data"
run bench_screen_perf --data "$data"
run bench_eval_quality "$data" --set all
run bench_graph_propagation
run bench_rescreen --data "$data"
# The HTTP server under wrk: steady, during reloads, and a short soak.
if command -v wrk >/dev/null; then
  echo "== server_load"
  "$(dirname "$0")/../bench/server_load.sh" "$build" 20 60 || status=1
else
  echo "bench: wrk not installed; skipping server_load" >&2
fi
exit $status
