#include "interdict/json.h"

#include <gtest/gtest.h>

#include "interdict/entity.h"

namespace interdict {
namespace {

Entity SampleEntity() {
  Entity e;
  e.id = "ofac-sdn:306";
  e.list = "ofac-sdn";
  e.schema = Schema::kOrganization;
  e.names.push_back({"BANCO NACIONAL DE CUBA", NameKind::kPrimary, NameQuality::kUnspecified, "", "", {}});
  e.names.push_back({"BNC", NameKind::kAka, NameQuality::kWeak, "Latn", "", {}});
  Name parts{"Мария Осетрова", NameKind::kAka, NameQuality::kStrong, "Cyrl", "ru",
             {{NamePartType::kGiven, "Мария"}, {NamePartType::kFamily, "Осетрова"}}};
  e.names.push_back(parts);
  e.birth_dates.push_back({{1971, 3, 0}, {}, false, ""});
  e.birth_dates.push_back({{1960, 0, 0}, {1962, 0, 0}, true, "circa 1960 to 1962"});
  e.addresses.push_back({"Zweierstrasse 35, Zurich CH-8022, Switzerland", "Zweierstrasse 35",
                         "Zurich", "", "CH-8022", "ch", "Switzerland"});
  e.identifiers.push_back({IdentifierType::kImo, "Vessel Registration Identification IMO",
                           "9187629", "", ""});
  Relation r;
  r.type = RelationType::kOwnedBy;
  r.target = "ofac-sdn:1";
  r.share_min = 25;
  r.share_max = 50;
  e.relations.push_back(r);
  e.programs = {"CUBA"};
  e.listed_on = {2001, 1, 2};
  e.attributes.push_back({"vessel_flag", "Panama"});
  return e;
}

TEST(EntityJson, RoundTripsEveryField) {
  Entity e = SampleEntity();
  std::string json = EntityToJson(e);
  auto back = EntityFromJson(json);
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(EntityToJson(*back), json);
  EXPECT_EQ(back->names[2].parts[1].value, "Осетрова");
  EXPECT_EQ(back->birth_dates[1].to.year, 1962);
  EXPECT_TRUE(back->birth_dates[1].approximate);
  EXPECT_EQ(*back->relations[0].share_max, 50);
}

TEST(EntityJson, HasTheDocumentedKeys) {
  std::string json = EntityToJson(SampleEntity());
  EXPECT_NE(json.find("\"id\":\"ofac-sdn:306\""), std::string::npos);
  EXPECT_NE(json.find("\"schema\":\"organization\""), std::string::npos);
  EXPECT_NE(json.find("\"name\":\"BNC\""), std::string::npos);
  EXPECT_NE(json.find("\"kind\":\"aka\""), std::string::npos);
  EXPECT_NE(json.find("\"type\":\"owned_by\""), std::string::npos);
  EXPECT_NE(json.find("\"target\":\"ofac-sdn:1\""), std::string::npos);
}

TEST(EntityJson, EmptyEntityStillHasNamesAndRelations) {
  Entity e;
  e.id = "x:1";
  std::string json = EntityToJson(e);
  EXPECT_NE(json.find("\"names\":[]"), std::string::npos);
  EXPECT_NE(json.find("\"relations\":[]"), std::string::npos);
}

TEST(EntityJson, ReportsThePathOfAWrongType) {
  auto r = EntityFromJson(R"({"id":"a","names":[{"name":5}]})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location().element, "/names/0/name");
  r = EntityFromJson(R"({"id":"a","schema":"planet"})");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("planet"), std::string::npos);
  EXPECT_FALSE(EntityFromJson("{not json"));
}

TEST(PartialDate, ParsesAndPrints) {
  EXPECT_EQ(PartialDate::Parse("1971")->ToString(), "1971");
  EXPECT_EQ(PartialDate::Parse("1971-03")->ToString(), "1971-03");
  EXPECT_EQ(PartialDate::Parse("1971-03-25")->ToString(), "1971-03-25");
  EXPECT_EQ(PartialDate::Parse("2026-02-27T00:00:09.554Z")->ToString(), "2026-02-27");
  EXPECT_FALSE(PartialDate::Parse("1971-13"));
  EXPECT_FALSE(PartialDate::Parse("1971-02-30"));
  EXPECT_FALSE(PartialDate::Parse("1900-02-29"));
  EXPECT_TRUE(PartialDate::Parse("2000-02-29"));
  EXPECT_FALSE(PartialDate::Parse("71"));
  EXPECT_FALSE(PartialDate::Parse(""));
  EXPECT_FALSE(PartialDate::Parse("1971-3-5"));
}

}  // namespace
}  // namespace interdict
