// Opening a PostgreSQL store: the schema and its version table, refusing
// newer or foreign schemas untouched, and clear errors naming the server (and
// never the password) when it cannot be reached or refuses the login. Also
// OpenStore's choice of backend from the location.
#include <gtest/gtest.h>

#include <string>

#include "interdict/store.h"
#include "store_backend.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::Backend;
using testing::StoreBackend;

class PgStoreOpenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SKIP_WITHOUT_PG();
    backend_ = std::make_unique<StoreBackend>(Backend::kPostgres);
  }
  std::unique_ptr<StoreBackend> backend_;
};

TEST_F(PgStoreOpenTest, CreatesTheSchemaWithAVersionTable) {
  ASSERT_NE(backend_->Open(), nullptr);
  EXPECT_EQ(backend_->Int("SELECT version FROM interdict_schema WHERE component = 'store'"), 1);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM information_schema.tables"
                          " WHERE table_schema = current_schema()"),
            4);  // interdict_schema, versions, entity_blobs, version_entities
  // Reopening an up-to-date store changes nothing.
  ASSERT_NE(backend_->Open(), nullptr);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM interdict_schema"), 1);
}

TEST_F(PgStoreOpenTest, NewerSchemaIsRefusedAndLeftAlone) {
  ASSERT_NE(backend_->Open(), nullptr);
  backend_->Exec("UPDATE interdict_schema SET version = 7 WHERE component = 'store'");
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(backend_->location());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kUnsupported);
  EXPECT_NE(store.error().message().find("schema version 7"), std::string::npos)
      << store.error().ToString();
  EXPECT_EQ(store.error().location().file.rfind("postgresql://", 0), 0u)
      << store.error().location().file;
  EXPECT_EQ(backend_->Int("SELECT version FROM interdict_schema"), 7);
}

TEST_F(PgStoreOpenTest, ForeignTablesOfTheSameNameAreRefusedAndLeftAlone) {
  backend_->Exec("CREATE TABLE versions (x TEXT); INSERT INTO versions VALUES ('mine')");
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(backend_->location());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(store.error().message().find("not an Interdict store"), std::string::npos)
      << store.error().ToString();
  EXPECT_NE(store.error().message().find(backend_->schema()), std::string::npos);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM versions"), 1);
  // Nothing was created beside it, not even the version table: the refusal
  // rolls back the transaction that would have created it.
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM information_schema.tables"
                          " WHERE table_schema = current_schema()"),
            1);
}

TEST_F(PgStoreOpenTest, MissingSchemaIsAClearError) {
  std::string location = testing::WithSearchPath(testing::TestPgConninfo(), "no_such_schema_x");
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(location);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(store.error().message().find("search_path"), std::string::npos)
      << store.error().ToString();
}

TEST_F(PgStoreOpenTest, OpenStoreDispatchesOnTheLocation) {
  Result<std::unique_ptr<Store>> store = OpenStore(backend_->location());
  ASSERT_TRUE(store) << store.error().ToString();
  ASSERT_TRUE(
      (*store)->AddVersion(testing::MakeList("un-sc", {testing::Person("un-sc", "1", "A")}), "x"));
  // The rows went to PostgreSQL, not to a file named like the conninfo.
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM versions"), 1);
}

}  // namespace

// Connection failures need no server of ours: nothing listens on port 1.
TEST(PgStoreErrors, RefusedConnectionNamesTheServerNotThePassword) {
  const std::string conninfo =
      "postgresql://screening:s3cret-pw@127.0.0.1:1/interdict?connect_timeout=5";
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(conninfo);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kIoError);
  EXPECT_EQ(store.error().location().file, "postgresql://screening@127.0.0.1:1/interdict");
  EXPECT_NE(store.error().message().find("cannot connect"), std::string::npos);
  EXPECT_NE(store.error().message().find("refused"), std::string::npos) << store.error().ToString();
  EXPECT_EQ(store.error().ToString().find("s3cret-pw"), std::string::npos)
      << store.error().ToString();
}

TEST(PgStoreErrors, AuthenticationFailureIsReportedWithoutThePassword) {
  INTERDICT_SKIP_WITHOUT_PG();
  // scripts/pg.sh: the server's TCP port requires a password, which the
  // postgres role does not have, so any password fails.
  Result<std::unique_ptr<Store>> probe = OpenPostgresStore(testing::TestPgConninfo());
  ASSERT_TRUE(probe) << probe.error().ToString();
  const std::string port =
      testing::TestPgConninfo().substr(testing::TestPgConninfo().find("port=") + 5, 5);
  const std::string conninfo =
      "host=127.0.0.1 port=" + port + " dbname=interdict_test user=postgres password=wrong-pw-123";
  Result<std::unique_ptr<Store>> store = OpenPostgresStore(conninfo);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kIoError);
  EXPECT_NE(store.error().message().find("password authentication failed"), std::string::npos)
      << store.error().ToString();
  EXPECT_EQ(store.error().location().file,
            "postgresql://postgres@127.0.0.1:" + port + "/interdict_test");
  EXPECT_EQ(store.error().ToString().find("wrong-pw-123"), std::string::npos);
}

TEST(PgStoreErrors, BadConninfoIsAnError) {
  Result<std::unique_ptr<Store>> store = OpenPostgresStore("host=x port=");
  ASSERT_FALSE(store);
  EXPECT_EQ(OpenPostgresStore("").error().code(), StatusCode::kInvalidArgument);
  Result<std::unique_ptr<Store>> garbage = OpenPostgresStore("postgresql://[::1");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), StatusCode::kIoError) << garbage.error().ToString();
}

TEST(OpenStoreLocation, PostgresUrisAndConninfosAreRecognised) {
  EXPECT_TRUE(IsPostgresLocation("postgresql://u@h/db"));
  EXPECT_TRUE(IsPostgresLocation("postgres://h/db"));
  EXPECT_TRUE(IsPostgresLocation("host=/tmp/pg port=5432 dbname=x"));
  EXPECT_TRUE(IsPostgresLocation("dbname = interdict"));
  EXPECT_FALSE(IsPostgresLocation("./interdict.db"));
  EXPECT_FALSE(IsPostgresLocation("/var/lib/host=1/store.db"));
  EXPECT_FALSE(IsPostgresLocation("my-dbname.db"));
  EXPECT_FALSE(IsPostgresLocation(""));
}

TEST(OpenStoreLocation, AnythingElseIsASqliteFile) {
  testing::TempDir dir;
  std::string path = (dir / "s.db").string();
  Result<std::unique_ptr<Store>> store = OpenStore(path);
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_EQ(testing::RawDb(path).Int("PRAGMA application_id"), 0x49444354);
}

}  // namespace interdict
