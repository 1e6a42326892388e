#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PostgreSQL store tests.
#
#   scripts/pg.sh start   initdb (once) and start a server whose data lives in
#                         $INTERDICT_PG_DIR (default /tmp/interdict-pg); prints
#                         the export line for INTERDICT_TEST_PG. Idempotent: a
#                         running server is reused.
#   scripts/pg.sh env     prints the export line (after start)
#   scripts/pg.sh stop    stops the server and removes its data
#   scripts/pg.sh run CMD...
#                         runs CMD with INTERDICT_TEST_PG exported, starting a
#                         server for it and stopping it afterwards (even when
#                         CMD fails); a server already running is used and
#                         left running. Exits with CMD's status.
#
# Typical use:  eval "$(scripts/pg.sh start)"
#
# The server listens on a unix socket in the data folder and on 127.0.0.1:
# $INTERDICT_PG_PORT (default 54329). The socket trusts the `postgres` user; TCP
# requires a password (scram-sha-256), so the tests can provoke an
# authentication failure. fsync is off: nothing here needs to survive a power
# cut, and tests create and drop many schemas. The server runs as the
# `postgres` system user (Debian's postgresql package creates it), because
# PostgreSQL refuses to run as root.
set -euo pipefail

dir=${INTERDICT_PG_DIR:-/tmp/interdict-pg}
port=${INTERDICT_PG_PORT:-54329}
db=interdict_test
data=$dir/data
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

die() {
  echo "pg.sh: $*" >&2
  exit 1
}

# Runs a command as the postgres user (or as ourselves when not root).
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

conninfo() { echo "host=$dir port=$port dbname=$db user=postgres"; }

print_env() { echo "export INTERDICT_TEST_PG='$(conninfo)'"; }

running() { [[ -f $data/postmaster.pid ]] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  [[ -n $bin && -x $bin/initdb ]] || die "PostgreSQL server binaries not found; apt-get install postgresql"
  if [[ $(id -u) -eq 0 ]]; then id postgres >/dev/null 2>&1 || die "no postgres system user"; fi
  if ! running; then
    if [[ ! -f $data/PG_VERSION ]]; then
      rm -rf "$dir"
      mkdir -p "$dir"
      [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
      as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        die "initdb failed"
      }
    fi
    as_pg "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null || {
      tail -n 20 "$dir/server.log" >&2
      die "the server did not start (see $dir/server.log)"
    }
  fi
  as_pg "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qtAX \
    -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
    as_pg "$bin/createdb" -h "$dir" -p "$port" -U postgres "$db"
  chmod 755 "$dir"  # the tests connect through the socket as another OS user
  print_env
}

stop() {
  if running; then as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  rm -rf "$dir"
}

run() {
  local started=0 rc=0 env_line
  running || started=1
  env_line=$(start)  # a failed start stops here (set -e), not in the tests
  eval "$env_line"
  export INTERDICT_TEST_PG
  "$@" || rc=$?
  if [[ $started -eq 1 ]]; then stop; fi
  return $rc
}

case ${1:-} in
  start) start ;;
  run)
    shift
    [[ $# -gt 0 ]] || die "usage: scripts/pg.sh run COMMAND [ARGS...]"
    run "$@"
    ;;
  env) print_env ;;
  stop) stop ;;
  *) die "usage: scripts/pg.sh start|env|stop|run COMMAND..." ;;
esac
