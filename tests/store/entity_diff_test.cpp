// DiffJson: field-level changes between two JSON documents, matching array
// elements by content rather than by position.
#include "store/entity_diff.h"

#include <gtest/gtest.h>

namespace interdict::store {
namespace {

using nlohmann::json;

std::vector<FieldChange> Diff(const char* before, const char* after) {
  return DiffJson(json::parse(before), json::parse(after));
}

void ExpectChange(const FieldChange& c, const std::string& path, const std::string& before,
                  const std::string& after) {
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.before, before);
  EXPECT_EQ(c.after, after);
}

TEST(DiffJson, EqualDocumentsHaveNoChanges) {
  EXPECT_TRUE(Diff(R"({"a":[1,{"b":2}],"c":"x"})", R"({"c":"x","a":[1,{"b":2}]})").empty());
}

TEST(DiffJson, ScalarChangesAndMissingKeys) {
  auto changes = Diff(R"({"id":"x","remarks":"old","gender":"male"})",
                      R"({"id":"x","remarks":"new","listed_on":"2020-01-02"})");
  ASSERT_EQ(changes.size(), 3u);
  ExpectChange(changes[0], "/gender", R"("male")", "");
  ExpectChange(changes[1], "/listed_on", "", R"("2020-01-02")");
  ExpectChange(changes[2], "/remarks", R"("old")", R"("new")");
}

TEST(DiffJson, InsertedNameIsOneChangeNotAShiftOfEveryIndex) {
  auto changes = Diff(
      R"({"names":[{"name":"A","kind":"primary"},{"name":"B","kind":"aka"},{"name":"C","kind":"aka"}]})",
      R"({"names":[{"name":"A","kind":"primary"},{"name":"X","kind":"aka"},{"name":"B","kind":"aka"},{"name":"C","kind":"aka"}]})");
  ASSERT_EQ(changes.size(), 1u);
  ExpectChange(changes[0], "/names/1", "", R"({"kind":"aka","name":"X"})");
}

TEST(DiffJson, RemovedElementUsesItsOldIndex) {
  auto changes = Diff(R"({"programs":["IRAN","SDGT","IFSR"]})", R"({"programs":["IRAN","IFSR"]})");
  ASSERT_EQ(changes.size(), 1u);
  ExpectChange(changes[0], "/programs/1", R"("SDGT")", "");
}

TEST(DiffJson, ElementsWithTheSameIdentityAreComparedFieldByField) {
  auto changes = Diff(
      R"({"names":[{"name":"A","kind":"primary"},{"name":"B","kind":"aka","quality":"weak"}],
          "identifiers":[{"type":"other","value":"P123"}]})",
      R"({"names":[{"name":"A","kind":"primary"},{"name":"B","kind":"aka","quality":"strong","script":"Latn"}],
          "identifiers":[{"type":"passport","value":"P123","country":"ir"}]})");
  ASSERT_EQ(changes.size(), 4u);
  ExpectChange(changes[0], "/identifiers/0/country", "", R"("ir")");
  ExpectChange(changes[1], "/identifiers/0/type", R"("other")", R"("passport")");
  ExpectChange(changes[2], "/names/1/quality", R"("weak")", R"("strong")");
  ExpectChange(changes[3], "/names/1/script", "", R"("Latn")");
}

TEST(DiffJson, DifferentElementsAreRemovedAndAdded) {
  auto changes =
      Diff(R"({"names":[{"name":"A"},{"name":"B"}]})", R"({"names":[{"name":"A"},{"name":"Z"}]})");
  ASSERT_EQ(changes.size(), 2u);
  ExpectChange(changes[0], "/names/1", R"({"name":"B"})", "");
  ExpectChange(changes[1], "/names/1", "", R"({"name":"Z"})");
}

TEST(DiffJson, UnresolvedRelationsAreNotPairedByTheirEmptyTarget) {
  auto changes = Diff(R"({"relations":[{"target":"","target_name":"FOO LTD"}]})",
                      R"({"relations":[{"target":"","target_name":"BAR LTD"}]})");
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].after, "");
  EXPECT_EQ(changes[1].before, "");
}

TEST(DiffJson, ReorderingIsReportedOnTheArray) {
  auto changes =
      Diff(R"({"names":[{"name":"A"},{"name":"B"}]})", R"({"names":[{"name":"B"},{"name":"A"}]})");
  ASSERT_EQ(changes.size(), 1u);
  ExpectChange(changes[0], "/names", R"([{"name":"A"},{"name":"B"}])",
               R"([{"name":"B"},{"name":"A"}])");
}

TEST(DiffJson, DuplicateElementsAreCounted) {
  auto changes = Diff(R"({"c":["ir","ir","sy"]})", R"({"c":["ir","sy"]})");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].before, R"("ir")");
  EXPECT_EQ(changes[0].after, "");
}

TEST(DiffJson, TypeChangeAndPointerEscaping) {
  auto changes = Diff(R"({"a/b":1,"t~x":[1]})", R"({"a/b":"1","t~x":{"k":1}})");
  ASSERT_EQ(changes.size(), 2u);
  ExpectChange(changes[0], "/a~1b", "1", R"("1")");
  ExpectChange(changes[1], "/t~0x", "[1]", R"({"k":1})");
}

}  // namespace
}  // namespace interdict::store
