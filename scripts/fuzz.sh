#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD/fuzz for SECONDS each, FUZZ_JOBS
# (default: one per core) at a time, seeded from
# fuzz/corpus/<target without _fuzzer>/. New inputs go to a scratch folder so
# the committed corpus only changes by hand. Fails when any fuzzer crashes.
set -euo pipefail
build=${1:-build-asan}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
shopt -s nullglob
fuzzers=("$build"/fuzz/*_fuzzer)
if [ ${#fuzzers[@]} -eq 0 ]; then echo "fuzz: no fuzz targets built in $build/fuzz" >&2; exit 1; fi
shared=${INTERDICT_SHARED_DATA:-$root/../shared/data}

# Seeds cut at run time from the real list files (never committed): the
# first 16 KiB of each file of the fuzzer's format.
seed_files() {
  case "$1" in
    ofac_csv) echo ofac_sdn_2021/sdn.csv ofac_consolidated_nonsdn/cons_prim.csv ;;
    ofac_xml) echo ofac_consolidated_nonsdn/CONS_ENHANCED.XML ;;
    un_xml) echo un_sc/consolidated.xml ;;
    eu_fsf_legacy_xml) echo eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml ;;
    uk_hmt_csv) echo uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv ;;
    us_csl_csv) echo us_csl/consolidated.csv.gz ;;
    bis_dpl) echo us_bis_dpl/dpl.txt ;;
    ftm_json) echo opensanctions_ftm/zala_entities.ftm.json opensanctions_ftm/t2_20240528014702-pfh_entities.delta.json ;;
    csv) echo ofac_sdn_2021/alt.csv us_bis_dpl/dpl.txt ;;
    parse_buffer) echo un_sc/consolidated.xml opensanctions_ftm/t1_entities.ftm.json ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP ;;
  esac
}

add_seeds() {  # add_seeds NAME DIR
  local f
  [ -d "$shared" ] || return 0
  for f in $(seed_files "$1"); do
    case "$f" in
      *.XML) unzip -p "$shared/ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP" 2>/dev/null | head -c 16384 > "$2/seed-xml" || true ;;
      *.gz) zcat "$shared/$f" 2>/dev/null | head -c 16384 > "$2/seed-$(basename "$f")" || true ;;
      *.ZIP) cp "$shared/$f" "$2/seed-zip" ;;
      *) head -c 16384 "$shared/$f" > "$2/seed-$(basename "$f")" ;;
    esac
  done
}

# One fuzzer: seeds, a bounded run, a verdict line in $results. A crash's
# log tail is printed with it.
run_one() {  # run_one FUZZER
  local f=$1 name scratch
  name=$(basename "$f" _fuzzer)
  scratch=$(mktemp -d)
  add_seeds "$name" "$scratch"
  local args=("$scratch")
  [ -d "$root/fuzz/corpus/$name" ] && args+=("$root/fuzz/corpus/$name")
  if ASAN_OPTIONS=detect_leaks=1 "$f" -max_total_time="$seconds" -rss_limit_mb=2048 \
       -max_len=65536 -timeout=10 -print_final_stats=0 -artifact_prefix="$root/fuzz/" \
       "${args[@]}" >"$scratch.log" 2>&1; then
    echo "fuzz: $name passed (${seconds}s)"
  else
    { echo "fuzz: $name FAILED"; tail -40 "$scratch.log"; } >&2
    echo "$name" >>"$failures"
  fi
  rm -rf "$scratch" "$scratch.log"
}

# Each fuzzer is single-threaded and runs for a fixed time, so running one
# per core gives every fuzzer the same SECONDS in a fraction of the wall time.
jobs=${FUZZ_JOBS:-$(nproc)}
failures=$(mktemp)
trap 'rm -f "$failures"' EXIT
running=0
for f in "${fuzzers[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  echo "fuzz: $(basename "$f" _fuzzer) for ${seconds}s"
  run_one "$f" &
  running=$((running + 1))
done
wait
failed=$(wc -l <"$failures")
echo "fuzz: $(( ${#fuzzers[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
