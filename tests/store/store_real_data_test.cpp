// The store on real lists: the UN Security Council consolidated list
// (1,003 entities, 4,121 names) and OFAC's consolidated non-SDN list (443
// entities) round-trip through the store exactly, reload idempotently, and a
// modified version yields the expected counts and diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "interdict/json.h"
#include "interdict/sources.h"
#include "interdict/store.h"
#include "store_backend.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

class StoreRealDataTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    INTERDICT_SHARED_FILE(un_path, "un_sc/consolidated.xml");
    Result<ListData> parsed = ParseList(un_path);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    un_ = std::move(*parsed);
    ASSERT_EQ(un_.entities.size(), 1003u);
  }

  static std::int64_t CountNames(const ListData& data) {
    std::int64_t n = 0;
    for (const Entity& e : data.entities) n += static_cast<std::int64_t>(e.names.size());
    return n;
  }

  ListData un_;
};

TEST_P(StoreRealDataTest, UnListRoundTripsExactly) {
  Result<LoadOutcome> outcome = store_->AddVersion(un_, "un_sc/consolidated.xml");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  const ListVersion& v = outcome->version;
  EXPECT_EQ(v.list, "un-sc");
  EXPECT_EQ(v.format, "un-xml");
  EXPECT_EQ(v.published, "2026-02-27T00:00:09.554Z");
  EXPECT_EQ(v.sha256, un_.ContentHash());
  EXPECT_EQ(v.entities, 1003);
  EXPECT_EQ(v.names, 4121);
  EXPECT_EQ(v.names, CountNames(un_));
  EXPECT_EQ(v.added, 1003);
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM entity_blobs"), 1003);

  // Every entity comes back byte-identical in canonical JSON, in id order.
  std::map<std::string, std::string> expected;
  for (const Entity& e : un_.entities) expected[e.id] = EntityToJson(e);
  auto next = expected.begin();
  int visited = 0;
  Status s = store_->ForEachEntity(v.id, [&](const Entity& e) {
    ++visited;
    if (next == expected.end() || next->first != e.id) {
      return Status::Internal("unexpected entity " + e.id);
    }
    EXPECT_EQ(EntityToJson(e), next->second) << e.id;
    ++next;
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(visited, 1003);

  Result<Entity> zidane = store_->GetEntity("un-sc:QDi.001");
  ASSERT_TRUE(zidane) << zidane.error().ToString();
  EXPECT_EQ(zidane->PrimaryName(), "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE");
  ASSERT_EQ(zidane->names.size(), 7u);
  EXPECT_EQ(zidane->names[1].full, "محمد صلاح الدين عبدالحليم زيدان");
  EXPECT_EQ(zidane->names[1].script, "Arab");
  EXPECT_EQ(zidane->nationalities, std::vector<std::string>{"eg"});
}

TEST_P(StoreRealDataTest, ReloadingTheSameFileCreatesNothing) {
  ASSERT_TRUE(store_->AddVersion(un_, "first"));
  INTERDICT_SHARED_FILE(un_path, "un_sc/consolidated.xml");
  Result<ListData> reparsed = ParseList(un_path);
  ASSERT_TRUE(reparsed);
  Result<LoadOutcome> again = store_->AddVersion(*reparsed, "second");
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->version.source, "first");
  EXPECT_EQ(store_->Versions("un-sc")->size(), 1u);
}

TEST_P(StoreRealDataTest, ModifiedVersionCountsAndDiff) {
  ASSERT_TRUE(store_->AddVersion(un_, "v1"));
  // Next "release": ten entities delisted, one alias added to QDi.001.
  ListData next = un_;
  next.files.clear();  // an in-memory edit: identity comes from the content
  next.entities.erase(next.entities.begin(), next.entities.begin() + 10);
  std::vector<std::string> delisted;
  for (int i = 0; i < 10; ++i) delisted.push_back(un_.entities[i].id);
  Entity* zidane = nullptr;
  for (Entity& e : next.entities) {
    if (e.id == "un-sc:QDi.001") zidane = &e;
  }
  ASSERT_NE(zidane, nullptr);
  zidane->names.push_back({"SAIF AL-ADEL", NameKind::kAka, NameQuality::kUnspecified, "", "", {}});

  Result<LoadOutcome> outcome = store_->AddVersion(next, "v2");
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  EXPECT_EQ(outcome->version.entities, 993);
  EXPECT_EQ(outcome->version.removed, 10);
  EXPECT_EQ(outcome->version.changed, 1);
  EXPECT_EQ(outcome->version.added, 0);
  EXPECT_EQ(outcome->version.names, CountNames(next));
  // 992 unchanged entities share their blobs: only the changed one is new.
  EXPECT_EQ(backend_->Int("SELECT count(*) FROM entity_blobs"), 1004);

  Result<ListDiff> diff = store_->Diff("un-sc");
  ASSERT_TRUE(diff) << diff.error().ToString();
  ASSERT_EQ(diff->changes.size(), 11u);
  int removed = 0;
  for (const EntityChange& c : diff->changes) {
    if (c.kind == ChangeKind::kRemoved) {
      ++removed;
      EXPECT_NE(std::find(delisted.begin(), delisted.end(), c.id), delisted.end()) << c.id;
      continue;
    }
    EXPECT_EQ(c.id, "un-sc:QDi.001");
    EXPECT_EQ(c.kind, ChangeKind::kChanged);
    ASSERT_EQ(c.fields.size(), 1u);
    EXPECT_EQ(c.fields[0].path, "/names/7");
    EXPECT_EQ(c.fields[0].before, "");
    EXPECT_EQ(c.fields[0].after, R"({"kind":"aka","name":"SAIF AL-ADEL"})");
  }
  EXPECT_EQ(removed, 10);
  // The old version still serves the delisted entities.
  EXPECT_TRUE(store_->GetEntity(delisted[0], diff->from.id));
  EXPECT_EQ(store_->GetEntity(delisted[0]).error().code(), StatusCode::kNotFound);
}

TEST_P(StoreRealDataTest, TwoListsSideBySide) {
  INTERDICT_SHARED_FILE(ofac_path, "ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP");
  Result<ListData> ofac = ParseList(ofac_path);
  ASSERT_TRUE(ofac) << ofac.error().ToString();
  ASSERT_EQ(ofac->entities.size(), 443u);
  ASSERT_TRUE(store_->AddVersion(un_, "un"));
  Result<LoadOutcome> loaded = store_->AddVersion(*ofac, "ofac");
  ASSERT_TRUE(loaded) << loaded.error().ToString();
  EXPECT_EQ(loaded->version.entities, 443);
  EXPECT_EQ(loaded->version.names, CountNames(*ofac));

  std::map<std::string, int> per_list;
  Status s = store_->ForEachCurrentEntity([&](const Entity& e) {
    ++per_list[e.list];
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(per_list["un-sc"], 1003);
  EXPECT_EQ(per_list[ofac->list], 443);
  EXPECT_EQ(store_->Lists()->size(), 2u);
}

INTERDICT_ON_EVERY_BACKEND(StoreRealDataTest);

}  // namespace
}  // namespace interdict
