#!/usr/bin/env bash
# Load test for `interdict serve` (docs/api.md#performance): loads the real
# lists from shared/data into a temporary store, starts the server on
# loopback and drives POST /v1/screen with wrk:
#   0. GET /healthz, the HTTP layer's ceiling;
#   1. steady load;
#   2. the same while a new version is loaded and the index swapped every
#      RELOAD_EVERY seconds;
#   3. a soak of SOAK_SECONDS, sampling the server's resident memory and
#      judging whether it stays flat (start/median/end RSS and a verdict).
# Usage: bench/server_load.sh [BUILD_DIR] [SECONDS] [SOAK_SECONDS]
# The 10-minute soak of issue #4: bench/server_load.sh build 20 600
# Environment: CONNECTIONS (default 32), THREADS (wrk threads, 1),
# RELOAD_EVERY (5), SAMPLE_EVERY (RSS sampling, 10 s), FLAT_PCT (5),
# INTERDICT_SHARED_DATA.
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

# The HTTP layer alone (no screening): what the server can do at most.
echo "== HTTP ceiling, GET /healthz: ${seconds}s, $connections connections"
wrk -t "$wrk_threads" -c "$connections" -d "${seconds}s" --latency "$url/healthz" |
  grep -E "Requests/sec|Latency|99%|Non-2xx|Socket errors"

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

# Memory over the soak: the server's RSS every SAMPLE_EVERY seconds while wrk
# keeps it busy. Flat means the last third of the samples sits within
# FLAT_PCT % of the first third (medians of each, so one allocator burst
# does not decide); a leak of a few bytes per request grows steadily and fails.
sample_every=${SAMPLE_EVERY:-10}
echo "== soak: ${soak}s, RSS sampled every ${sample_every}s"
echo "$(rss)" >"$work/rss"
( while sleep "$sample_every"; do rss >>"$work/rss" 2>/dev/null || break; done ) &
sampler=$!
run_wrk "$soak" | grep -E "Requests/sec|99%|non-2xx|Socket errors"
kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
rss >>"$work/rss"
python3 - "$work/rss" "${FLAT_PCT:-5}" <<'PY'
import statistics, sys
kb = [int(line) for line in open(sys.argv[1]) if line.strip()]
flat_pct = float(sys.argv[2])
third = max(1, len(kb) // 3)
head, tail = statistics.median(kb[:third]), statistics.median(kb[-third:])
growth = 100.0 * (tail - head) / head
print("rss samples: %d, start %d kB, median %d kB, end %d kB, min %d kB, max %d kB"
      % (len(kb), kb[0], statistics.median(kb), kb[-1], min(kb), max(kb)))
print("rss first-third median %d kB -> last-third median %d kB: %+.1f%%" % (head, tail, growth))
print("rss verdict: %s (limit %+.1f%%)" % ("FLAT" if growth <= flat_pct else "GROWING", flat_pct))
PY
