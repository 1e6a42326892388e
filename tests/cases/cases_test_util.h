// Helpers for the case-work tests: a CaseStore factory per backend (the
// contract tests run against each), a list store and Casework on one
// temporary file, a deterministic clock, and hand-built entities.
#ifndef INTERDICT_TESTS_CASES_CASES_TEST_UTIL_H_
#define INTERDICT_TESTS_CASES_CASES_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "interdict/cases.h"
#include "interdict/casework.h"
#include "interdict/store.h"
#include "store/store_backend.h"
#include "store/store_test_util.h"
#include "test_util.h"

// The tests build AlertFilter with designated initializers and leave the
// other fields at their defaults on purpose; GCC 12 warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace interdict::testing {

// A case-store backend for the contract suite. `open` opens (creating on
// first use) the store that belongs to a test's temporary `dir`; calling it
// again opens another connection to the same store. `exec` runs raw SQL on
// it and says whether the statement succeeded (for tampering and for checking
// that the database refuses something). `cleanup` removes what `open`
// created outside `dir`; `skip` says why the backend cannot run here ("" when
// it can).
struct CaseStoreFactory {
  std::string name;
  std::function<std::unique_ptr<CaseStore>(const std::filesystem::path& dir)> open;
  std::function<bool(const std::filesystem::path& dir, const std::string& sql)> exec;
  std::function<void(const std::filesystem::path& dir)> cleanup = [](const auto&) {};
  std::function<std::string()> skip = [] { return std::string(); };
  // What --db names for the store of `dir`.
  std::function<std::string(const std::filesystem::path& dir)> location;
};

inline CaseStoreFactory SqliteCaseStoreFactory() {
  CaseStoreFactory f;
  f.name = "sqlite";
  f.location = [](const std::filesystem::path& dir) { return (dir / "cases.db").string(); };
  f.open = [location = f.location](const std::filesystem::path& dir) -> std::unique_ptr<CaseStore> {
    Result<std::unique_ptr<CaseStore>> store = OpenCaseStore(location(dir));
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  };
  f.exec = [location = f.location](const std::filesystem::path& dir, const std::string& sql) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(location(dir).c_str(), &db) == SQLITE_OK &&
              sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
  };
  return f;
}

// PostgreSQL at $INTERDICT_TEST_PG: each test's store is a schema of its own,
// named after its temporary folder and dropped when the test ends.
inline CaseStoreFactory PostgresCaseStoreFactory() {
  CaseStoreFactory f;
  f.name = "postgres";
  auto schema = [](const std::filesystem::path& dir) {
    return "interdict_cases_" + std::to_string(std::hash<std::string>()(dir.string()));
  };
  f.location = [schema](const std::filesystem::path& dir) {
    return WithSearchPath(TestPgConninfo(), schema(dir));
  };
  f.skip = [] {
    return TestPgConninfo().empty()
               ? std::string(
                     "INTERDICT_TEST_PG is not set: no PostgreSQL server to test against "
                     "(scripts/pg.sh run CMD starts one; make test does)")
               : std::string();
  };
  f.open = [schema,
            location = f.location](const std::filesystem::path& dir) -> std::unique_ptr<CaseStore> {
    RawPg(TestPgConninfo()).Exec("CREATE SCHEMA IF NOT EXISTS " + schema(dir));
    Result<std::unique_ptr<CaseStore>> store = OpenCaseStore(location(dir));
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  };
  f.exec = [location = f.location](const std::filesystem::path& dir, const std::string& sql) {
    Result<store::PgConnection> conn = store::PgConnection::Connect(location(dir));
    return conn && conn->Exec(sql).has_value();
  };
  f.cleanup = [schema](const std::filesystem::path& dir) {
    RawPg(TestPgConninfo()).Exec("DROP SCHEMA IF EXISTS " + schema(dir) + " CASCADE");
  };
  return f;
}

// "2026-11-27T10:00:00Z", then one second later on every call.
inline std::function<std::string()> SteppingClock(int start_second = 0) {
  auto counter = std::make_shared<std::atomic<int>>(start_second);
  return [counter] {
    const int s = counter->fetch_add(1);
    char text[32];
    std::snprintf(text, sizeof text, "2026-11-27T%02d:%02d:%02dZ", 10 + s / 3600, (s / 60) % 60,
                  s % 60);
    return std::string(text);
  };
}

inline Entity Organization(const std::string& list, const std::string& key,
                           const std::string& name) {
  Entity e = Person(list, key, name);
  e.schema = Schema::kOrganization;
  return e;
}

// A list store, a case store and Casework over one temporary SQLite file.
struct CaseworkFixture {
  TempDir dir;
  std::string path = (dir / "interdict.db").string();
  std::unique_ptr<Store> lists = OpenOrDie(path);
  std::unique_ptr<CaseStore> cases = [this] {
    Result<std::unique_ptr<CaseStore>> c = OpenSqliteCaseStore(path);
    EXPECT_TRUE(c.has_value()) << c.error().ToString();
    return c ? std::move(*c) : nullptr;
  }();
  std::unique_ptr<Casework> work;

  explicit CaseworkFixture(CaseworkOptions options = {}) {
    if (!options.clock || options.clock.target<std::string (*)()>() != nullptr) {
      options.clock = SteppingClock();
    }
    options.threads = 2;
    work = std::make_unique<Casework>(*lists, *cases, std::move(options));
  }

  void Load(const ListData& data) {
    Result<LoadOutcome> outcome = lists->AddVersion(data, "test");
    ASSERT_TRUE(outcome.has_value()) << outcome.error().ToString();
  }

  std::vector<Alert> Alerts(AlertFilter filter = {}) {
    Result<std::vector<Alert>> alerts = cases->FindAlerts(filter);
    EXPECT_TRUE(alerts.has_value()) << alerts.error().ToString();
    return alerts ? *alerts : std::vector<Alert>{};
  }
};

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_CASES_CASES_TEST_UTIL_H_
