// Opening a store: creation, schema versioning, and refusing files that are
// not stores (corrupt, foreign, newer, unwritable) with a clear Status.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "interdict/store.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::RawDb;

TEST(StoreOpen, CreatesAVersionedWalDatabase) {
  testing::TempDir dir;
  std::string path = (dir / "new.db").string();
  ASSERT_NE(testing::OpenOrDie(path), nullptr);
  ASSERT_TRUE(std::filesystem::exists(path));
  RawDb raw(path);
  EXPECT_EQ(raw.Int("PRAGMA user_version"), 1);
  EXPECT_EQ(raw.Int("PRAGMA application_id"), 0x49444354);
  EXPECT_EQ(raw.Text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), 3);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'version_entities_by_entity'"),
            1);
}

TEST(StoreOpen, AnEmptyFileBecomesAStore) {
  testing::TempDir dir;
  std::string path = (dir / "empty.db").string();
  testing::WriteFile(path, "");
  std::unique_ptr<Store> store = testing::OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->Lists()->empty());
}

TEST(StoreOpen, ReopeningAnUpToDateStoreChangesNothing) {
  testing::TempDir dir;
  std::string path = (dir / "s.db").string();
  ASSERT_NE(testing::OpenOrDie(path), nullptr);
  ASSERT_NE(testing::OpenOrDie(path), nullptr);
  EXPECT_EQ(RawDb(path).Int("PRAGMA user_version"), 1);
}

TEST(StoreOpen, NewerSchemaIsRefused) {
  testing::TempDir dir;
  std::string path = (dir / "future.db").string();
  ASSERT_NE(testing::OpenOrDie(path), nullptr);
  RawDb(path).Exec("PRAGMA user_version = 7");
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kUnsupported);
  EXPECT_NE(store.error().message().find("schema version 7"), std::string::npos)
      << store.error().ToString();
  EXPECT_EQ(store.error().location().file, path);
  EXPECT_EQ(RawDb(path).Int("PRAGMA user_version"), 7);  // left alone
}

TEST(StoreOpen, ForeignSqliteDatabaseIsRefusedAndLeftAlone) {
  testing::TempDir dir;
  std::string path = (dir / "other.db").string();
  RawDb(path).Exec("CREATE TABLE versions (x TEXT); INSERT INTO versions VALUES ('mine')");
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(store.error().message().find("not an Interdict store"), std::string::npos);
  RawDb raw(path);
  EXPECT_EQ(raw.Int("SELECT count(*) FROM sqlite_schema"), 1);
  EXPECT_EQ(raw.Text("SELECT x FROM versions"), "mine");
  EXPECT_EQ(raw.Int("PRAGMA user_version"), 0);
}

TEST(StoreOpen, NonDatabaseFileIsCorrupt) {
  testing::TempDir dir;
  std::string path = (dir / "notes.db").string();
  std::string text;
  for (int i = 0; i < 200; ++i) text += "this is not a SQLite database\n";
  testing::WriteFile(path, text);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), StatusCode::kCorrupt) << store.error().ToString();
  EXPECT_EQ(store.error().location().file, path);
  EXPECT_NE(store.error().message().find("damaged or not a SQLite database"), std::string::npos);
  EXPECT_EQ(testing::ReadFile(path), text);  // not modified
}

TEST(StoreOpen, DamagedStoreIsCorrupt) {
  testing::TempDir dir;
  std::string path = (dir / "damaged.db").string();
  {
    std::unique_ptr<Store> store = testing::OpenOrDie(path);
    std::vector<Entity> entities;
    for (int i = 0; i < 300; ++i) {
      entities.push_back(testing::Person("un-sc", std::to_string(i), "NAME " + std::to_string(i)));
    }
    ASSERT_TRUE(store->AddVersion(testing::MakeList("un-sc", entities), "x"));
  }
  // Overwrite every page after the first (the schema) with garbage.
  std::string bytes = testing::ReadFile(path);
  ASSERT_GT(bytes.size(), 8192u);
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
  testing::WriteFile(path, bytes);
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
  if (!store) {
    EXPECT_EQ(store.error().code(), StatusCode::kCorrupt) << store.error().ToString();
    return;
  }
  Status s = (*store)->ForEachCurrentEntity([](const Entity&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kCorrupt) << s.ToString();
}

TEST(StoreOpen, UnwritableLocationsAreIoErrors) {
  testing::TempDir dir;
  for (const std::string& path : {(dir / "no" / "such" / "dir" / "s.db").string(),
                                  dir.path().string(), std::string("/proc/interdict-test.db")}) {
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(path);
    ASSERT_FALSE(store) << path;
    EXPECT_EQ(store.error().code(), StatusCode::kIoError) << store.error().ToString();
    EXPECT_EQ(store.error().location().file, path);
  }
  EXPECT_EQ(OpenSqliteStore("").error().code(), StatusCode::kInvalidArgument);
}

TEST(StoreOpen, DefaultPathHonoursInterdictDb) {
  const char* saved = std::getenv("INTERDICT_DB");
  std::string saved_value = saved ? saved : "";
  ::setenv("INTERDICT_DB", "/tmp/elsewhere.db", 1);
  EXPECT_EQ(DefaultStorePath(), "/tmp/elsewhere.db");
  ::setenv("INTERDICT_DB", "", 1);
  EXPECT_EQ(DefaultStorePath(), "./interdict.db");
  ::unsetenv("INTERDICT_DB");
  EXPECT_EQ(DefaultStorePath(), "./interdict.db");
  if (saved) ::setenv("INTERDICT_DB", saved_value.c_str(), 1);
}

}  // namespace
}  // namespace interdict
