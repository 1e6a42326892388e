#!/usr/bin/env bash
# Load test for `interdict serve` (docs/api.md#performance): loads the real
# lists from shared/data into a temporary store, starts the server on
# loopback and drives POST /v1/screen with wrk:
#   1. steady load;
#   2. the same while a new version is loaded and the index swapped every
#      RELOAD_EVERY seconds;
#   3. a soak of SOAK_SECONDS, sampling the server's resident memory.
# Usage: bench/server_load.sh [BUILD_DIR] [SECONDS] [SOAK_SECONDS]
# Environment: CONNECTIONS (default 32), THREADS (wrk threads, 1),
# RELOAD_EVERY (5), INTERDICT_SHARED_DATA.
set -euo pipefail
build=${1:-build}
seconds=${2:-20}
soak=${3:-60}
connections=${CONNECTIONS:-32}
wrk_threads=${THREADS:-1}
reload_every=${RELOAD_EVERY:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${INTERDICT_SHARED_DATA:-$root/../shared/data}
exe="$build/interdict"
command -v wrk >/dev/null || { echo "server_load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$exe" ] || { echo "server_load: $exe not built" >&2; exit 1; }

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db="$work/bench.db"

echo "== loading the real lists from $data"
"$exe" --db "$db" load "$data" >/dev/null 2>"$work/load.err" || true
"$exe" --db "$db" lists

# Two versions of the UN list to alternate between during the reload run.
mkdir -p "$work/lists"
cp "$data/un_sc/consolidated.xml" "$work/lists/un-a.xml"
python3 - "$work/lists/un-a.xml" "$work/lists/un-b.xml" <<'PY'
import sys
xml = open(sys.argv[1], encoding="utf-8").read()
ref = xml.index("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>")
begin = xml.rindex("<INDIVIDUAL>", 0, ref)
end = xml.index("</INDIVIDUAL>", ref) + len("</INDIVIDUAL>")
open(sys.argv[2], "w", encoding="utf-8").write(xml[:begin] + xml[end:])
PY

port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"
"$exe" --db "$db" serve --port "$port" --no-web --access-log off --load-root "$work/lists" \
  >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
for _ in $(seq 1 600); do
  curl -sf "$url/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "$url/readyz" >/dev/null || { echo "server did not become ready" >&2; cat "$work/serve.err" >&2; exit 1; }
echo "== index: $(curl -s "$url/readyz")"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

run_wrk() {
  wrk -t "$wrk_threads" -c "$connections" -d "${1}s" --latency -s "$root/bench/screen_request.lua" "$url"
}

echo "== steady: ${seconds}s, $connections connections"
run_wrk "$seconds" | grep -E "Requests/sec|Latency|99%|non-2xx|Socket errors"

echo "== with a reload every ${reload_every}s"
(
  n=0
  end=$((SECONDS + seconds))
  while [ $SECONDS -lt $end ]; do
    sleep "$reload_every"
    file=$([ $((n % 2)) -eq 0 ] && echo un-b.xml || echo un-a.xml)
    curl -s -o /dev/null -w "reload $n: %{http_code} in %{time_total}s\n" -X POST \
      -H 'Content-Type: application/json' -d "{\"path\":\"$file\"}" "$url/v1/lists/load"
    n=$((n + 1))
  done
) &
reloader=$!
run_wrk "$seconds" | grep -E "Requests/sec|Latency|99%|non-2xx|Socket errors"
wait $reloader
curl -s "$url/metrics" | grep -E "^interdict_(index_generation|reloads_total|reload_failures_total)"

echo "== soak: ${soak}s, RSS sampled every 10s (kB)"
before=$(rss)
( for _ in $(seq 1 $((soak / 10))); do sleep 10; echo "rss $(rss)"; done ) &
sampler=$!
run_wrk "$soak" | grep -E "Requests/sec|99%|non-2xx|Socket errors"
wait $sampler
after=$(rss)
echo "rss before soak: ${before} kB, after: ${after} kB"
