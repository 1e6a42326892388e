// Store::Diff over hand-built versions: which entities changed and how.
#include <gtest/gtest.h>

#include "interdict/store.h"
#include "store_backend.h"
#include "store_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::MakeList;
using testing::Person;

class StoreDiffTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // v1: A, B, C.  v2: A unchanged, B gains an alias and a programme,
    // C removed, D added.  v3: D's remarks change.
    Entity a = Person("ofac-sdn", "1", "AL-QAIDA", {"THE BASE"});
    Entity b = Person("ofac-sdn", "2", "BANCO NACIONAL DE CUBA");
    Entity c = Person("ofac-sdn", "3", "CHARLIE");
    Entity d = Person("ofac-sdn", "4", "DELTA SHIPPING");
    d.remarks = "first";
    ASSERT_TRUE(store_->AddVersion(MakeList("ofac-sdn", {a, b, c}), "v1"));
    Entity b2 = b;
    b2.names.push_back({"BNC", NameKind::kAka, NameQuality::kUnspecified, "", "", {}});
    b2.programs.push_back("CUBA");
    ASSERT_TRUE(store_->AddVersion(MakeList("ofac-sdn", {a, b2, d}), "v2"));
    Entity d2 = d;
    d2.remarks = "second";
    ASSERT_TRUE(store_->AddVersion(MakeList("ofac-sdn", {a, b2, d2}), "v3"));
  }
};

TEST_P(StoreDiffTest, DefaultComparesTheLastTwoVersions) {
  Result<ListDiff> diff = store_->Diff("ofac-sdn");
  ASSERT_TRUE(diff) << diff.error().ToString();
  EXPECT_EQ(diff->from.number, 2);
  EXPECT_EQ(diff->to.number, 3);
  ASSERT_EQ(diff->changes.size(), 1u);
  const EntityChange& d = diff->changes[0];
  EXPECT_EQ(d.id, "ofac-sdn:4");
  EXPECT_EQ(d.name, "DELTA SHIPPING");
  EXPECT_EQ(d.kind, ChangeKind::kChanged);
  ASSERT_EQ(d.fields.size(), 1u);
  EXPECT_EQ(d.fields[0].path, "/remarks");
  EXPECT_EQ(d.fields[0].before, "\"first\"");
  EXPECT_EQ(d.fields[0].after, "\"second\"");
}

TEST_P(StoreDiffTest, ExplicitVersionsReportAddedRemovedAndFieldChanges) {
  Result<ListDiff> diff = store_->Diff("ofac-sdn", 1, 2);
  ASSERT_TRUE(diff) << diff.error().ToString();
  EXPECT_EQ(diff->from.number, 1);
  EXPECT_EQ(diff->to.number, 2);
  ASSERT_EQ(diff->changes.size(), 3u);  // sorted by id; A is unchanged

  const EntityChange& b = diff->changes[0];
  EXPECT_EQ(b.id, "ofac-sdn:2");
  EXPECT_EQ(b.kind, ChangeKind::kChanged);
  ASSERT_EQ(b.fields.size(), 2u);
  EXPECT_EQ(b.fields[0].path, "/names/1");
  EXPECT_EQ(b.fields[0].before, "");
  EXPECT_EQ(b.fields[0].after, R"({"kind":"aka","name":"BNC"})");
  EXPECT_EQ(b.fields[1].path, "/programs/1");
  EXPECT_EQ(b.fields[1].after, "\"CUBA\"");

  EXPECT_EQ(diff->changes[1].id, "ofac-sdn:3");
  EXPECT_EQ(diff->changes[1].kind, ChangeKind::kRemoved);
  EXPECT_EQ(diff->changes[1].name, "CHARLIE");
  EXPECT_TRUE(diff->changes[1].fields.empty());
  EXPECT_EQ(diff->changes[2].id, "ofac-sdn:4");
  EXPECT_EQ(diff->changes[2].kind, ChangeKind::kAdded);
  EXPECT_EQ(diff->changes[2].name, "DELTA SHIPPING");

  // The version's stored counts agree with the diff.
  EXPECT_EQ(diff->to.added, 1);
  EXPECT_EQ(diff->to.removed, 1);
  EXPECT_EQ(diff->to.changed, 1);
}

TEST_P(StoreDiffTest, FirstVersionIsAllAdded) {
  Result<ListDiff> diff = store_->Diff("ofac-sdn", 0, 1);
  ASSERT_TRUE(diff) << diff.error().ToString();
  EXPECT_EQ(diff->from.number, 0);
  EXPECT_EQ(diff->from.id, 0);
  EXPECT_EQ(diff->from.list, "ofac-sdn");
  ASSERT_EQ(diff->changes.size(), 3u);
  for (const EntityChange& c : diff->changes) EXPECT_EQ(c.kind, ChangeKind::kAdded) << c.id;
}

TEST_P(StoreDiffTest, BackwardsDiffInvertsTheChanges) {
  Result<ListDiff> diff = store_->Diff("ofac-sdn", 3, 1);
  ASSERT_TRUE(diff) << diff.error().ToString();
  ASSERT_EQ(diff->changes.size(), 3u);
  EXPECT_EQ(diff->changes[0].kind, ChangeKind::kChanged);  // B loses its alias
  EXPECT_EQ(diff->changes[0].fields[0].before, R"({"kind":"aka","name":"BNC"})");
  EXPECT_EQ(diff->changes[1].kind, ChangeKind::kAdded);    // C comes back
  EXPECT_EQ(diff->changes[2].kind, ChangeKind::kRemoved);  // D goes
  EXPECT_EQ(diff->changes[2].name, "DELTA SHIPPING");
  EXPECT_TRUE(store_->Diff("ofac-sdn", 2, 2)->changes.empty());
}

TEST_P(StoreDiffTest, UnknownListsAndVersionsAreErrors) {
  Result<ListDiff> no_list = store_->Diff("un-sc");
  ASSERT_FALSE(no_list);
  EXPECT_EQ(no_list.error().code(), StatusCode::kNotFound);
  Result<ListDiff> no_version = store_->Diff("ofac-sdn", 1, 9);
  ASSERT_FALSE(no_version);
  EXPECT_EQ(no_version.error().code(), StatusCode::kNotFound);
  EXPECT_NE(no_version.error().message().find("no version 9 (it has versions 1 to 3)"),
            std::string::npos)
      << no_version.error().ToString();
  EXPECT_EQ(store_->Diff("ofac-sdn", 7, 0).error().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Diff("ofac-sdn", -1, 2).error().code(), StatusCode::kInvalidArgument);
}

INTERDICT_ON_EVERY_BACKEND(StoreDiffTest);

}  // namespace
}  // namespace interdict
