#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD/fuzz for SECONDS each, seeded from
# fuzz/corpus/<target without _fuzzer>/. New inputs go to a scratch folder so
# the committed corpus only changes by hand. Fails on the first crash.
set -euo pipefail
build=${1:-build-asan}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
fuzzers=("$build"/fuzz/*_fuzzer)
if [ ${#fuzzers[@]} -eq 0 ]; then echo "fuzz: no fuzz targets built in $build/fuzz" >&2; exit 1; fi
passed=0; failed=0
for f in "${fuzzers[@]}"; do
  name=$(basename "$f" _fuzzer)
  seeds="$root/fuzz/corpus/$name"
  scratch=$(mktemp -d)
  args=("$scratch")
  [ -d "$seeds" ] && args+=("$seeds")
  echo "fuzz: $name for ${seconds}s"
  if ASAN_OPTIONS=detect_leaks=1 "$f" -max_total_time="$seconds" -rss_limit_mb=2048 \
       -max_len=65536 -timeout=10 -print_final_stats=0 -artifact_prefix="$root/fuzz/" \
       "${args[@]}" >"$scratch.log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "fuzz: $name FAILED"; tail -40 "$scratch.log"
  fi
  rm -rf "$scratch" "$scratch.log"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
