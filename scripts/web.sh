#!/usr/bin/env bash
# The analyst web UI (web/): build it, or run its end-to-end tests.
#
#   scripts/web.sh build          npm ci (when the lock file changed) and
#                                 npm run build -> web/dist/
#   scripts/web.sh test [BUILD]   end-to-end tests: BUILD/interdict (default
#                                 build/) serving web/dist on the real lists,
#                                 driven in headless /usr/bin/chromium;
#                                 screenshots in BUILD/web-screenshots/
#
# Without npm both steps are skipped with a message (exit 0): the C++ build
# and tests do not need the UI. The tests need Debian's chromium (in the
# Makefile's DEB_PACKAGES).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
web=$root/web

require_npm() {
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "web.sh: npm/node not found; skipping the web UI ($1). Install Debian's npm to build it." >&2
    exit 0
  fi
}

# npm ci reinstalls from scratch; only do it when the lock file is newer than
# what node_modules was installed from.
install_deps() {
  local stamp=$web/node_modules/.package-lock.json
  if [[ ! -f $stamp || $web/package-lock.json -nt $stamp ]]; then
    (cd "$web" && npm ci --no-audit --no-fund)
  fi
}

build() {
  require_npm build
  install_deps
  (cd "$web" && npm run build)
}

run_tests() {
  require_npm tests
  local build_dir=${1:-$root/build}
  build_dir=$(cd "$build_dir" && pwd)
  if [[ ! -x $build_dir/interdict ]]; then
    echo "web.sh: $build_dir/interdict is missing; build it first (make build)" >&2
    exit 1
  fi
  [[ -f $web/dist/index.html ]] || build
  install_deps
  cd "$web"
  INTERDICT_BIN=$build_dir/interdict INTERDICT_SCREENSHOTS=$build_dir/web-screenshots \
    node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./e2e/summary-reporter.mjs --test-reporter-destination=stdout \
    e2e/ui.test.mjs e2e/cases.test.mjs e2e/graph.test.mjs
}

case ${1:-} in
  build) build ;;
  test) run_tests "${2:-}" ;;
  *)
    echo "usage: $0 build | test [BUILD_DIR]" >&2
    exit 2
    ;;
esac
