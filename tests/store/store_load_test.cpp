// AddVersion and the queries that read versions back: counts, content
// addressing, identical reloads, deltas and rollback on failure.
#include <gtest/gtest.h>

#include <regex>

#include "interdict/json.h"
#include "interdict/store.h"
#include "store_backend.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::MakeList;
using testing::Person;

class StoreLoadTest : public testing::BackendTest {
 protected:
  // Three entities, six names, one relation.
  static ListData FirstVersion() {
    Entity a = Person("un-sc", "QDi.1", "ALPHA ONE", {"A. ONE", "ALFA"});
    Entity b = Person("un-sc", "QDi.2", "BRAVO TWO", {"B. TWO"});
    Entity c = Person("un-sc", "QDe.3", "CHARLIE THREE");
    c.schema = Schema::kOrganization;
    c.relations.push_back({RelationType::kOwnedBy, "un-sc:QDi.1", "", 50, 50, "", {}, {}, ""});
    return MakeList("un-sc", {a, b, c});
  }

  std::int64_t BlobCount() { return backend_->Int("SELECT count(*) FROM entity_blobs"); }
};

TEST_P(StoreLoadTest, EmptyStoreHasNoLists) {
  Result<std::vector<std::string>> lists = store_->Lists();
  ASSERT_TRUE(lists) << lists.error().ToString();
  EXPECT_TRUE(lists->empty());
  Result<ListVersion> current = store_->CurrentVersion("un-sc");
  ASSERT_FALSE(current);
  EXPECT_EQ(current.error().code(), StatusCode::kNotFound);
  EXPECT_NE(current.error().message().find("un-sc"), std::string::npos);
  EXPECT_EQ(store_->Versions("un-sc").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Version(1).error().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.1").error().code(), StatusCode::kNotFound);
}

TEST_P(StoreLoadTest, FirstVersionRecordsMetadataAndCounts) {
  ListData data = FirstVersion();
  Result<LoadOutcome> outcome = store_->AddVersion(data, "/data/un.xml");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  EXPECT_TRUE(outcome->created);
  const ListVersion& v = outcome->version;
  EXPECT_GT(v.id, 0);
  EXPECT_EQ(v.list, "un-sc");
  EXPECT_EQ(v.number, 1);
  EXPECT_EQ(v.format, "un-xml");
  EXPECT_EQ(v.source, "/data/un.xml");
  EXPECT_EQ(v.published, "2026-02-27");
  EXPECT_EQ(v.sha256.size(), 64u);
  EXPECT_TRUE(std::regex_match(v.loaded_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << v.loaded_at;
  EXPECT_EQ(v.entities, 3);
  EXPECT_EQ(v.names, 6);
  EXPECT_EQ(v.relations, 1);
  EXPECT_EQ(v.added, 3);
  EXPECT_EQ(v.removed, 0);
  EXPECT_EQ(v.changed, 0);

  EXPECT_EQ(*store_->Lists(), std::vector<std::string>{"un-sc"});
  Result<ListVersion> current = store_->CurrentVersion("un-sc");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->id, v.id);
  EXPECT_EQ(current->names, 6);
  Result<ListVersion> by_id = store_->Version(v.id);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->sha256, v.sha256);

  // Entities come back exactly as given.
  for (const Entity& e : data.entities) {
    Result<Entity> stored = store_->GetEntity(e.id);
    ASSERT_TRUE(stored) << stored.error().ToString();
    EXPECT_EQ(EntityToJson(*stored), EntityToJson(e));
  }
  Result<Entity> c = store_->GetEntity("un-sc:QDe.3", v.id);
  ASSERT_TRUE(c);
  ASSERT_EQ(c->relations.size(), 1u);
  EXPECT_EQ(c->relations[0].target, "un-sc:QDi.1");
  EXPECT_EQ(c->relations[0].share_min, 50);
}

TEST_P(StoreLoadTest, SecondVersionCountsChangesAndSharesUnchangedBlobs) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "v1"));
  EXPECT_EQ(BlobCount(), 3);
  ListData next = FirstVersion();
  next.entities[1].names.push_back({"BRAVO 2", NameKind::kAka, {}, "", "", {}});  // changed
  next.entities.erase(next.entities.begin() + 2);                                 // removed
  next.entities.push_back(Person("un-sc", "QDi.4", "DELTA FOUR"));                // added
  Result<LoadOutcome> outcome = store_->AddVersion(next, "v2");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  const ListVersion& v2 = outcome->version;
  EXPECT_TRUE(outcome->created);
  EXPECT_EQ(v2.number, 2);
  EXPECT_EQ(v2.entities, 3);
  EXPECT_EQ(v2.names, 3 + 3 + 1);
  EXPECT_EQ(v2.relations, 0);
  EXPECT_EQ(v2.added, 1);
  EXPECT_EQ(v2.removed, 1);
  EXPECT_EQ(v2.changed, 1);
  // QDi.1 is unchanged and shares its blob: 3 + changed QDi.2 + new QDi.4.
  EXPECT_EQ(BlobCount(), 5);

  Result<std::vector<ListVersion>> versions = store_->Versions("un-sc");
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].number, 1);
  EXPECT_EQ((*versions)[1].number, 2);
  EXPECT_LT((*versions)[0].id, (*versions)[1].id);

  // The removed entity is gone from the current version but kept in v1.
  Result<Entity> removed = store_->GetEntity("un-sc:QDe.3");
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->GetEntity("un-sc:QDe.3", (*versions)[0].id));
  Result<Entity> absent = store_->GetEntity("un-sc:QDe.3", v2.id);
  ASSERT_FALSE(absent);
  EXPECT_NE(absent.error().message().find("version 2 of un-sc"), std::string::npos)
      << absent.error().ToString();
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.1", 999).error().code(), StatusCode::kNotFound);

  // Each version serves its own content of the changed entity.
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.2", (*versions)[0].id)->names.size(), 2u);
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.2")->names.size(), 3u);

  Result<std::vector<ListVersion>> seen = store_->EntityVersions("un-sc:QDi.1");
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].number, 1);
  EXPECT_EQ((*seen)[1].number, 2);
  EXPECT_EQ(store_->EntityVersions("un-sc:QDe.3")->size(), 1u);
  EXPECT_EQ(store_->EntityVersions("un-sc:nope").error().code(), StatusCode::kNotFound);
}

TEST_P(StoreLoadTest, IdenticalReloadCreatesNothing) {
  Result<LoadOutcome> first = store_->AddVersion(FirstVersion(), "a");
  ASSERT_TRUE(first);
  Result<LoadOutcome> again = store_->AddVersion(FirstVersion(), "b");
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->version.id, first->version.id);
  EXPECT_EQ(again->version.source, "a");
  EXPECT_EQ(store_->Versions("un-sc")->size(), 1u);
}

TEST_P(StoreLoadTest, SourceFilesDecideIdentity) {
  ListData data = FirstVersion();
  data.files.push_back({"un.xml", std::string(64, 'a'), 100});
  Result<LoadOutcome> first = store_->AddVersion(data, "un.xml");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version.sha256, data.ContentHash());
  // Same files: the same version, whatever the parse produced.
  ListData reparsed = data;
  reparsed.entities.pop_back();
  Result<LoadOutcome> again = store_->AddVersion(reparsed, "un.xml");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  // Different files: a new version.
  ListData changed = data;
  changed.files[0].sha256 = std::string(64, 'b');
  Result<LoadOutcome> next = store_->AddVersion(changed, "un.xml");
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->created);
  EXPECT_EQ(next->version.number, 2);
  EXPECT_EQ(next->version.changed + next->version.added + next->version.removed, 0);
}

TEST_P(StoreLoadTest, RevertingToOlderContentIsANewVersion) {
  ListData a = FirstVersion();
  ListData b = FirstVersion();
  b.entities.pop_back();
  ASSERT_TRUE(store_->AddVersion(a, "1"));
  ASSERT_TRUE(store_->AddVersion(b, "2"));
  Result<LoadOutcome> back = store_->AddVersion(a, "3");
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->created);
  EXPECT_EQ(back->version.number, 3);
  EXPECT_EQ(back->version.added, 1);
  EXPECT_EQ(BlobCount(), 3);  // nothing new to store
}

TEST_P(StoreLoadTest, DeltaAppliesOnTopOfCurrentVersion) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "full"));
  ListData delta = MakeList("un-sc", {});
  delta.is_delta = true;
  Entity bravo = FirstVersion().entities[1];
  bravo.remarks = "updated";
  delta.entities = {bravo, Person("un-sc", "QDi.5", "ECHO FIVE", {"E5"})};
  delta.deleted_ids = {"un-sc:QDe.3", "un-sc:never-existed"};
  Result<LoadOutcome> outcome = store_->AddVersion(delta, "delta-1");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  const ListVersion& v = outcome->version;
  EXPECT_EQ(v.number, 2);
  EXPECT_EQ(v.entities, 3);       // QDi.1 carried over, QDi.2 updated, QDi.5 added
  EXPECT_EQ(v.names, 3 + 2 + 2);  // names of the carried-over entity count too
  EXPECT_EQ(v.relations, 0);      // QDe.3 and its relation are gone
  EXPECT_EQ(v.added, 1);
  EXPECT_EQ(v.removed, 1);
  EXPECT_EQ(v.changed, 1);
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.2")->remarks, "updated");
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.1")->PrimaryName(), "ALPHA ONE");
  EXPECT_EQ(store_->GetEntity("un-sc:QDe.3").error().code(), StatusCode::kNotFound);

  // The same delta again repeats the current version: nothing is created.
  Result<LoadOutcome> again = store_->AddVersion(delta, "delta-1");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
}

TEST_P(StoreLoadTest, DeltaWithoutPreviousVersionStartsEmpty) {
  ListData delta = MakeList("ftm-sanctions", {Person("ftm", "abc", "ONLY ONE")});
  delta.entities[0].list = "ftm-sanctions";
  delta.is_delta = true;
  delta.deleted_ids = {"ftm:gone"};
  Result<LoadOutcome> outcome = store_->AddVersion(delta, "d");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  EXPECT_EQ(outcome->version.entities, 1);
  EXPECT_EQ(outcome->version.added, 1);
  // An FtM id's prefix is not its list name; lookup still finds it.
  Result<Entity> e = store_->GetEntity("ftm:abc");
  ASSERT_TRUE(e) << e.error().ToString();
  EXPECT_EQ(e->list, "ftm-sanctions");
}

TEST_P(StoreLoadTest, DeltaThatUpdatesAndDeletesOneIdIsRefused) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "full"));
  ListData delta = MakeList("un-sc", {Person("un-sc", "QDi.1", "ALPHA")});
  delta.is_delta = true;
  delta.deleted_ids = {"un-sc:QDi.1"};
  Result<LoadOutcome> outcome = store_->AddVersion(delta, "bad");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message().find("un-sc:QDi.1"), std::string::npos);
  EXPECT_EQ(store_->Versions("un-sc")->size(), 1u);
}

TEST_P(StoreLoadTest, FailureMidLoadRollsEverythingBack) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "v1"));
  const std::int64_t blobs = BlobCount();
  // A new entity (whose blob is written first) and then a duplicate id: the
  // load fails after it has written a version row and a blob.
  ListData bad = FirstVersion();
  bad.entities.push_back(Person("un-sc", "QDi.9", "NEW NINE"));
  bad.entities.push_back(Person("un-sc", "QDi.1", "IMPOSTOR"));
  Result<LoadOutcome> outcome = store_->AddVersion(bad, "bad");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message().find("duplicate entity id un-sc:QDi.1"), std::string::npos)
      << outcome.error().ToString();
  EXPECT_NE(outcome.error().message().find("storing un-sc"), std::string::npos);

  EXPECT_EQ(store_->Versions("un-sc")->size(), 1u);
  EXPECT_EQ(BlobCount(), blobs);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM versions"), 1);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM version_entities"), 3);
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.9").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.1")->PrimaryName(), "ALPHA ONE");

  // The store is still usable and numbering has no gap.
  bad.entities.pop_back();
  Result<LoadOutcome> good = store_->AddVersion(bad, "good");
  ASSERT_TRUE(good) << good.error().ToString();
  EXPECT_EQ(good->version.number, 2);
  EXPECT_EQ(good->version.added, 1);
}

TEST_P(StoreLoadTest, MissingIdsAndListNameAreRefused) {
  ListData no_id = FirstVersion();
  no_id.entities[1].id.clear();
  Result<LoadOutcome> outcome = store_->AddVersion(no_id, "x");
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(outcome.error().message().find("entity #2 has no id"), std::string::npos)
      << outcome.error().ToString();
  ListData no_list = FirstVersion();
  no_list.list.clear();
  EXPECT_EQ(store_->AddVersion(no_list, "x").error().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->Lists()->empty());
}

TEST_P(StoreLoadTest, EmptyListIsAValidVersion) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "v1"));
  Result<LoadOutcome> empty = store_->AddVersion(MakeList("un-sc", {}), "v2");
  ASSERT_TRUE(empty) << empty.error().ToString();
  EXPECT_EQ(empty->version.entities, 0);
  EXPECT_EQ(empty->version.names, 0);
  EXPECT_EQ(empty->version.removed, 3);
}

TEST_P(StoreLoadTest, ForEachEntityStreamsInIdOrderAndStopsOnError) {
  Result<LoadOutcome> v1 = store_->AddVersion(FirstVersion(), "v1");
  ASSERT_TRUE(v1);
  std::vector<std::string> ids;
  Status s = store_->ForEachEntity(v1->version.id, [&](const Entity& e) {
    ids.push_back(e.id);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ids, (std::vector<std::string>{"un-sc:QDe.3", "un-sc:QDi.1", "un-sc:QDi.2"}));

  int visited = 0;
  s = store_->ForEachEntity(v1->version.id, [&](const Entity&) {
    ++visited;
    return Status::Conflict("stop here");
  });
  EXPECT_EQ(s.code(), StatusCode::kConflict);
  EXPECT_EQ(visited, 1);
  EXPECT_EQ(store_->ForEachEntity(12345, [](const Entity&) { return Status::Ok(); }).code(),
            StatusCode::kNotFound);
}

TEST_P(StoreLoadTest, ForEachCurrentEntityCoversEveryListsNewestVersion) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "v1"));
  ListData smaller = FirstVersion();
  smaller.entities.resize(1);
  ASSERT_TRUE(store_->AddVersion(smaller, "v2"));
  ASSERT_TRUE(store_->AddVersion(MakeList("ofac-sdn", {Person("ofac-sdn", "7", "SEVEN")}), "o"));
  std::vector<std::string> ids;
  Status s = store_->ForEachCurrentEntity([&](const Entity& e) {
    ids.push_back(e.id);
    // A callback may use the store's read methods.
    EXPECT_TRUE(store_->GetEntity(e.id));
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ids, (std::vector<std::string>{"ofac-sdn:7", "un-sc:QDi.1"}));
  EXPECT_EQ(*store_->Lists(), (std::vector<std::string>{"ofac-sdn", "un-sc"}));
}

TEST_P(StoreLoadTest, CorruptBlobIsReportedNotTrusted) {
  ASSERT_TRUE(store_->AddVersion(FirstVersion(), "v1"));
  backend_->Exec(
      "UPDATE entity_blobs SET json = '{\"id\": 5' WHERE hash = (SELECT blob_hash FROM "
      "version_entities WHERE entity_id = 'un-sc:QDi.2')");
  Result<Entity> e = store_->GetEntity("un-sc:QDi.2");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code(), StatusCode::kCorrupt);
  EXPECT_NE(e.error().message().find("un-sc:QDi.2"), std::string::npos) << e.error().ToString();
  Status s = store_->ForEachCurrentEntity([](const Entity&) { return Status::Ok(); });
  EXPECT_EQ(s.code(), StatusCode::kCorrupt);
  // Valid JSON of the wrong shape is corrupt too.
  backend_->Exec(
      "UPDATE entity_blobs SET json = '{\"names\": 5}' WHERE hash = (SELECT blob_hash FROM "
      "version_entities WHERE entity_id = 'un-sc:QDi.1')");
  EXPECT_EQ(store_->GetEntity("un-sc:QDi.1").error().code(), StatusCode::kCorrupt);
  // A diff that has to read a blob that does not parse fails the same way.
  ListData next = FirstVersion();
  next.entities[1].remarks = "changed";
  ASSERT_TRUE(store_->AddVersion(next, "v2"));
  Result<ListDiff> diff = store_->Diff("un-sc");
  ASSERT_FALSE(diff);
  EXPECT_EQ(diff.error().code(), StatusCode::kCorrupt);
  EXPECT_NE(diff.error().message().find("un-sc:QDi.2"), std::string::npos);
}

TEST_P(StoreLoadTest, ReopenedStoreKeepsEverything) {
  Result<LoadOutcome> v1 = store_->AddVersion(FirstVersion(), "v1");
  ASSERT_TRUE(v1);
  store_.reset();
  std::unique_ptr<Store> reopened = backend_->Open();
  ASSERT_NE(reopened, nullptr);
  Result<ListVersion> current = reopened->CurrentVersion("un-sc");
  ASSERT_TRUE(current) << current.error().ToString();
  EXPECT_EQ(current->id, v1->version.id);
  EXPECT_EQ(current->sha256, v1->version.sha256);
  EXPECT_EQ(current->entities, 3);
  EXPECT_EQ(EntityToJson(*reopened->GetEntity("un-sc:QDe.3")),
            EntityToJson(FirstVersion().entities[2]));
  // And the reopened store still deduplicates against what it holds.
  EXPECT_FALSE(reopened->AddVersion(FirstVersion(), "again")->created);
}

INTERDICT_ON_EVERY_BACKEND(StoreLoadTest);

}  // namespace
}  // namespace interdict
