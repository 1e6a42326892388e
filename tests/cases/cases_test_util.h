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
#include "store/store_test_util.h"
#include "test_util.h"

// The tests build AlertFilter with designated initializers and leave the
// other fields at their defaults on purpose; GCC 12 warns about that.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace interdict::testing {

// Opens a case store in `dir`. A PostgreSQL backend adds its own factory
// (for example one that creates a fresh schema) and instantiates the
// contract suite with it: INSTANTIATE_TEST_SUITE_P(Postgres, CaseStoreContract, ...).
struct CaseStoreFactory {
  std::string name;
  std::function<std::unique_ptr<CaseStore>(const std::filesystem::path& dir)> open;
};

inline CaseStoreFactory SqliteCaseStoreFactory() {
  return {"sqlite", [](const std::filesystem::path& dir) -> std::unique_ptr<CaseStore> {
            Result<std::unique_ptr<CaseStore>> store =
                OpenSqliteCaseStore((dir / "cases.db").string());
            EXPECT_TRUE(store.has_value()) << store.error().ToString();
            return store ? std::move(*store) : nullptr;
          }};
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
