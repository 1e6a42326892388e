#!/usr/bin/env bash
# `make run`: fills the store, then runs the main job.
#
#   scripts/run.sh BINARY DB [LISTS]
#
# With LISTS (files or folders, space-separated) the lists are loaded from
# disk; without, they are downloaded from their official addresses
# (config/sources.json). It then prints what the store holds, an example
# lookup and an example screen, and starts the main job: `interdict serve`,
# the HTTP API and analyst UI on http://127.0.0.1:8080/ (HOST, PORT override).
set -uo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 BINARY DB [LISTS]" >&2
  exit 2
fi
BINARY=$1
DB=$2
LISTS=${3:-}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ ! -x $BINARY ]]; then
  echo "run.sh: $BINARY is not an executable; build it first (make build)" >&2
  exit 1
fi
interdict() { "$BINARY" --db "$DB" "$@"; }

echo "== Loading lists into $DB"
if [[ -n $LISTS ]]; then
  # Word splitting is wanted: LISTS may name several paths.
  # shellcheck disable=SC2086
  interdict load $LISTS
  status=$?
else
  interdict update --config "$ROOT/config/sources.json"
  status=$?
  if [[ $status -eq 1 ]]; then
    echo >&2
    echo "run.sh: no list could be downloaded (see the errors above; without network access" >&2
    echo "        every download fails). Load the lists from a local folder instead:" >&2
    echo "            make run LISTS=../shared/data" >&2
  fi
fi
case $status in
  0) ;;
  3) echo "run.sh: some lists failed to load (see above); continuing with the rest" >&2 ;;
  *) exit "$status" ;;
esac

echo
echo "== Lists in the store"
interdict lists || exit $?

# An example lookup: the first UN Security Council entry when the UN list is
# loaded, else the first entity of whatever is.
example=un-sc:QDi.001
if ! interdict show "$example" --json >/dev/null 2>&1; then
  example=$(interdict export --format jsonl 2>/dev/null | head -n 1 |
    sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
fi
if [[ -n $example ]]; then
  echo
  echo "== Example lookup: interdict show $example"
  interdict show "$example" || exit $?
fi

# An example screen, once the screening command exists.
if "$BINARY" screen --help >/dev/null 2>&1; then
  echo
  echo "== Example screen: interdict screen \"Usama bin Ladin\""
  interdict screen "Usama bin Ladin" || exit $?
fi

# The main job: the screening service and the analyst UI on the embedded
# store, until Ctrl-C. HOST/PORT override the loopback default;
# INTERDICT_RUN_SERVE=0 stops here (the test of this script uses it).
if [[ ${INTERDICT_RUN_SERVE:-1} == 0 ]]; then
  exit 0
fi
echo
echo "== Starting the screening service and web UI (Ctrl-C stops it)"
exec "$BINARY" --db "$DB" serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" \
  --web-root "$ROOT/web/dist"
