# Interdict: the two commands a fresh Debian machine needs are `make run` and
# `make test` (see README.md). Everything else here serves those two.

SHELL := /bin/bash
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
DB ?= interdict.db
LISTS ?=
FUZZ_SECONDS ?= 15
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

# Debian packages the build, the tests and the tools need.
DEB_PACKAGES := build-essential cmake ninja-build pkg-config clang llvm libclang-rt-14-dev \
  libicu-dev libpugixml-dev nlohmann-json3-dev libcli11-dev libexpected-dev \
  libcpp-httplib-dev libzip-dev libsqlite3-dev zlib1g-dev libssl-dev \
  libcurl4-openssl-dev libgtest-dev libgmock-dev libbenchmark-dev sqlite3 \
  python3 ca-certificates unzip wrk curl chromium \
  libpq-dev postgresql lld

.PHONY: deps build build-asan test test-release test-asan test-web fuzz bench run format clean

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The optimised build; the binary is build/interdict.
build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	scripts/web.sh build

# Tests, fuzzers and tools under AddressSanitizer + UndefinedBehaviorSanitizer.
# Warnings are errors in the GCC build above; clang prints its own here.
# -O1 runs the suites faster than -O0 with the same checks;
# -g1 keeps the line tables sanitizer reports need and little else.
ASAN_FLAGS := -O1 -g1
build-asan: deps
	CC=clang CXX=clang++ cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_C_FLAGS_DEBUG="$(ASAN_FLAGS)" -DCMAKE_CXX_FLAGS_DEBUG="$(ASAN_FLAGS)" \
	  -DINTERDICT_SANITIZE=ON -DINTERDICT_FUZZ=ON -DINTERDICT_BENCH=OFF -DINTERDICT_WERROR=OFF >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# Both test runs get a throwaway PostgreSQL server (scripts/pg.sh run starts
# it, exports INTERDICT_TEST_PG and stops it afterwards, also on failure), so
# the store suites run against PostgreSQL as well as SQLite.
PG_RUN := $(CURDIR)/scripts/pg.sh run

test-release: build
	cd $(BUILD) && $(PG_RUN) ctest --output-on-failure -j $(JOBS) --timeout 600

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(PG_RUN) ctest --output-on-failure -j $(JOBS) --timeout 900

# Short, bounded libFuzzer runs over every parser, seeded from fuzz/corpus/.
fuzz: build-asan
	scripts/fuzz.sh $(ASAN_BUILD) $(FUZZ_SECONDS)

# End-to-end tests of the web UI in headless Chromium against build/interdict.
test-web: build
	scripts/web.sh test $(BUILD)

test: test-release test-asan fuzz test-web
	@echo "make test: all suites passed"

bench: build
	scripts/bench.sh $(BUILD)

# Loads the lists (downloaded from their official addresses, or from a local
# folder with LISTS=DIR) into $(DB), then starts the main job.
run: build
	scripts/run.sh $(BUILD)/interdict $(DB) "$(LISTS)"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
