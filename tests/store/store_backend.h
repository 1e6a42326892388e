// The store backends the shared store suites run against: SQLite always,
// PostgreSQL when $INTERDICT_TEST_PG names a server (scripts/pg.sh start sets
// it; `make test` does this). Each test gets a fresh store: a new file, or a
// new PostgreSQL schema dropped afterwards. Raw SQL (row counts, tampering)
// works on both because the two schemas use the same table and column names.
#ifndef INTERDICT_TESTS_STORE_STORE_BACKEND_H_
#define INTERDICT_TESTS_STORE_STORE_BACKEND_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "interdict/store.h"
#include "store/pg_util.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// $INTERDICT_TEST_PG, or "" when PostgreSQL tests should skip.
inline std::string TestPgConninfo() {
  const char* env = std::getenv("INTERDICT_TEST_PG");
  return env != nullptr ? env : "";
}

#define INTERDICT_SKIP_WITHOUT_PG()                                                     \
  if (::interdict::testing::TestPgConninfo().empty())                                   \
  GTEST_SKIP() << "INTERDICT_TEST_PG is not set: no PostgreSQL server to test against " \
                  "(eval \"$(scripts/pg.sh start)\" starts one; make test does)"

// A raw connection for inspecting or tampering with a PostgreSQL store,
// through the store's own libpq wrapper.
class RawPg {
 public:
  explicit RawPg(const std::string& conninfo) {
    Result<store::PgConnection> conn = store::PgConnection::Connect(conninfo);
    EXPECT_TRUE(conn) << conn.error().ToString();
    if (conn) conn_ = std::make_unique<store::PgConnection>(std::move(*conn));
  }

  // The first column of the first row ("" when there is none).
  std::string Text(const std::string& sql) {
    if (!conn_) return "";
    Result<store::PgResult> r = conn_->Exec(sql);
    EXPECT_TRUE(r) << sql << ": " << r.error().ToString();
    return r && r->rows() > 0 ? std::string(r->Text(0, 0)) : "";
  }
  std::int64_t Int(const std::string& sql) {
    std::string text = Text(sql);
    return text.empty() ? -1 : std::stoll(text);
  }
  void Exec(const std::string& sql) { Text(sql); }

 private:
  std::unique_ptr<store::PgConnection> conn_;
};

// `conninfo` (key=value or URI) with its search_path set to `schema`.
inline std::string WithSearchPath(const std::string& conninfo, const std::string& schema) {
  if (conninfo.find("://") == std::string::npos) {
    return conninfo + " options='-csearch_path=" + schema + "'";
  }
  const char* glue = conninfo.find('?') == std::string::npos ? "?" : "&";
  return conninfo + glue + "options=-csearch_path%3D" + schema;
}

// Where a test's store lives, and raw SQL access to it.
class StoreBackend {
 public:
  explicit StoreBackend(Backend backend) : backend_(backend) {
    if (backend == Backend::kSqlite) {
      location_ = (dir_ / "store.db").string();
      return;
    }
    std::random_device rd;
    schema_ = "interdict_test_" + std::to_string(rd()) + std::to_string(rd());
    admin_ = std::make_unique<RawPg>(TestPgConninfo());
    admin_->Exec("CREATE SCHEMA " + schema_);
    location_ = WithSearchPath(TestPgConninfo(), schema_);
  }
  ~StoreBackend() {
    if (admin_) admin_->Exec("DROP SCHEMA " + schema_ + " CASCADE");
  }
  StoreBackend(const StoreBackend&) = delete;
  StoreBackend& operator=(const StoreBackend&) = delete;

  Backend backend() const { return backend_; }
  // For OpenStore(): a file path or a conninfo.
  const std::string& location() const { return location_; }
  const std::string& schema() const { return schema_; }

  // Another connection to the same store.
  std::unique_ptr<Store> Open() const {
    Result<std::unique_ptr<Store>> store = OpenStore(location_);
    EXPECT_TRUE(store.has_value()) << store.error().ToString();
    return store ? std::move(*store) : nullptr;
  }

  std::int64_t Int(const std::string& sql) {
    if (backend_ == Backend::kSqlite) return RawDb(location_).Int(sql);
    return RawPg(location_).Int(sql);
  }
  void Exec(const std::string& sql) {
    if (backend_ == Backend::kSqlite) return RawDb(location_).Exec(sql);
    RawPg(location_).Exec(sql);
  }

 private:
  Backend backend_;
  TempDir dir_;
  std::string location_;
  std::string schema_;
  std::unique_ptr<RawPg> admin_;
};

// Base for suites run on every backend: skips PostgreSQL without a server.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      INTERDICT_SKIP_WITHOUT_PG();
    }
    backend_ = std::make_unique<StoreBackend>(GetParam());
    store_ = backend_->Open();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Store> store_;
};

#define INTERDICT_ON_EVERY_BACKEND(suite)                                               \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                             \
                           ::testing::Values(::interdict::testing::Backend::kSqlite,    \
                                             ::interdict::testing::Backend::kPostgres), \
                           ::interdict::testing::BackendName)

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_STORE_STORE_BACKEND_H_
