// Helpers for the store tests: hand-built entities and lists, direct SQLite
// access to look behind the Store interface (row counts, tampering), and the
// backends the shared suites run against (store_backend.h).
#ifndef INTERDICT_TESTS_STORE_STORE_TEST_UTIL_H_
#define INTERDICT_TESTS_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "interdict/entity.h"
#include "interdict/sources.h"
#include "interdict/store.h"

namespace interdict::testing {

// A person with a primary name and optional aliases, in list `list`.
inline Entity Person(const std::string& list, const std::string& key, const std::string& name,
                     const std::vector<std::string>& akas = {}) {
  Entity e;
  e.id = list + ":" + key;
  e.list = list;
  e.schema = Schema::kPerson;
  e.names.push_back({name, NameKind::kPrimary, NameQuality::kUnspecified, "", "", {}});
  for (const std::string& aka : akas) {
    e.names.push_back({aka, NameKind::kAka, NameQuality::kUnspecified, "", "", {}});
  }
  e.programs = {"SDGT"};
  return e;
}

inline ListData MakeList(const std::string& list, std::vector<Entity> entities) {
  ListData data;
  data.list = list;
  data.format = Format::kUnXml;
  data.published = "2026-02-27";
  data.entities = std::move(entities);
  return data;
}

inline std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  EXPECT_TRUE(store.has_value()) << store.error().ToString();
  return store ? std::move(*store) : nullptr;
}

// A raw SQLite connection for inspecting or tampering with a store file.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  std::int64_t Int(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    std::int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }

  std::string Text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return value;
  }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_STORE_STORE_TEST_UTIL_H_
