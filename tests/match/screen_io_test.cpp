#include "interdict/screen_io.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace interdict {
namespace {

TEST(ParseScreenQuery, ReadsEveryField) {
  auto q = ParseScreenQuery(
      R"({"id":"c-17","name":"Mohammad Reza","type":"person","dob":"1961-09","country":"IR",)"
      R"("identifiers":[{"type":"passport","value":"D9004417"}]})");
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_EQ(q->id, "c-17");
  EXPECT_EQ(q->name, "Mohammad Reza");
  EXPECT_EQ(q->type, Schema::kPerson);
  EXPECT_EQ(q->dob->ToString(), "1961-09");
  EXPECT_EQ(q->country, "ir");
  ASSERT_EQ(q->identifiers.size(), 1u);
  EXPECT_EQ(q->identifiers[0].value, "D9004417");
}

TEST(ParseScreenQuery, NullsAreAbsentValues) {
  auto q = ParseScreenQuery(R"({"id":"1","name":"X Y","type":null,"dob":null,"country":null})");
  ASSERT_TRUE(q);
  EXPECT_FALSE(q->type);
  EXPECT_FALSE(q->dob);
  EXPECT_TRUE(q->country.empty());
}

TEST(ParseScreenQuery, NamesTheFieldThatIsWrong) {
  struct Case {
    const char* line;
    const char* field;
  };
  const Case cases[] = {
      {R"({"id":"1"})", "name"},
      {R"({"id":"1","name":""})", "name"},
      {R"({"id":"1","name":"   "})", "name"},
      {R"({"id":"1","name":42})", "name"},
      {R"({"id":"1","name":"A","type":"planet"})", "type"},
      {R"({"id":"1","name":"A","dob":"12/03/1970"})", "dob"},
      {R"({"id":"1","name":"A","country":"Iran"})", "country"},
      {R"({"id":"1","name":"A","identifiers":{}})", "identifiers"},
      {R"({"id":"1","name":"A","identifiers":[{"type":"passport"}]})", "identifiers/0"},
      {R"({"id":[1],"name":"A"})", "id"},
  };
  for (const Case& c : cases) {
    auto q = ParseScreenQuery(c.line);
    ASSERT_FALSE(q) << c.line;
    EXPECT_EQ(q.error().location().element, c.field) << c.line;
  }
}

TEST(ParseScreenQuery, RejectsMalformedJsonOversizedNamesAndBadUtf8) {
  EXPECT_EQ(ParseScreenQuery("{\"name\": ").error().code(), StatusCode::kParseError);
  EXPECT_EQ(ParseScreenQuery("[1,2]").error().code(), StatusCode::kInvalidArgument);
  std::string huge = R"({"name":")" + std::string(100000, 'a') + R"("})";
  EXPECT_EQ(ParseScreenQuery(huge).error().code(), StatusCode::kTooLarge);
  // nlohmann rejects invalid UTF-8 inside JSON strings while parsing.
  EXPECT_FALSE(ParseScreenQuery("{\"name\":\"a\xff\"}"));
}

TEST(ScreenResultJson, HasTheDocumentedShape) {
  ScreenMatch m;
  m.entity_id = "ofac-sdn:306";
  m.list = "ofac-sdn";
  m.name = "BANCO NACIONAL DE CUBA";
  m.primary_name = "BANCO NACIONAL DE CUBA";
  m.schema = Schema::kOrganization;
  m.score = 0.912345;
  m.explanation.tokens.push_back({"banco", "banco", "exact", 1.0, 0.3});
  m.explanation.summary = "3 of 4 tokens exact";
  auto j = nlohmann::json::parse(ScreenResultJson("q1", {m}));
  EXPECT_EQ(j["id"], "q1");
  ASSERT_EQ(j["matches"].size(), 1u);
  EXPECT_EQ(j["matches"][0]["entity_id"], "ofac-sdn:306");
  EXPECT_DOUBLE_EQ(j["matches"][0]["score"].get<double>(), 0.9123);
  EXPECT_EQ(j["matches"][0]["explanation"]["tokens"][0]["rule"], "exact");
  auto e =
      nlohmann::json::parse(ScreenErrorJson("", Status::InvalidArgument("bad").AtElement("dob")));
  EXPECT_TRUE(e["id"].is_null());
  EXPECT_EQ(e["error"]["field"], "dob");
  EXPECT_EQ(e["error"]["code"], "invalid_argument");
  EXPECT_TRUE(e["matches"].empty());
}

TEST(ScreenCsv, ReadsQueriesByHeaderAndWritesRowsPerMatch) {
  std::vector<std::string> header{"id", "name", "country", "identifiers"};
  auto q = ScreenQueryFromCsv(header, {"7", "ACME, Ltd", "ru", "imo:9187629|passport:X1"});
  ASSERT_TRUE(q) << q.error().ToString();
  EXPECT_EQ(q->name, "ACME, Ltd");
  ASSERT_EQ(q->identifiers.size(), 2u);
  EXPECT_EQ(q->identifiers[1].type, "passport");
  EXPECT_FALSE(ScreenQueryFromCsv(header, {"7", "x"}));
  EXPECT_EQ(ScreenQueryFromCsv({"id"}, {"1"}).error().location().element, "name");
  ScreenMatch m;
  m.entity_id = "un-sc:QDi.001";
  m.name = "A, \"B\"";
  m.score = 0.9;
  EXPECT_EQ(ScreenCsvRows("7", {m}), "7,1,un-sc:QDi.001,0.9000,,\"A, \"\"B\"\"\",,unknown,,,,\n");
  EXPECT_EQ(ScreenCsvRows("8", {}), "8,0,,,,,,,,,,\n");
  EXPECT_EQ(ScreenCsvErrorRow("9", Status::InvalidArgument("name is empty").AtElement("name")),
            "9,0,,,,,,,,,,name: name is empty\n");
}

// A match annotated by the graph stage carries its basis per regime with
// the path; one that was not keeps the old shape (no basis member).
TEST(ScreenResult, WritesBasisAndDerivationOnlyWhenAnnotated) {
  ScreenMatch m;
  m.entity_id = "own-relations:acme";
  m.score = 0.95;
  EXPECT_EQ(ScreenResultJson("q", {m}).find("\"basis\""), std::string::npos);
  m.basis = "owned";
  RegimeBasis ofac;
  ofac.regime = "ofac";
  ofac.basis = "owned";
  ofac.rule = "OFAC 50% rule";
  ofac.aggregate_min = ofac.aggregate_max = 60;
  ofac.explanation = "not listed; 60% owned in aggregate by ofac-sdn:1 (35%) and ofac-sdn:2 (25%)";
  ofac.path = {{"ofac-sdn:1", "X", ""}, {"own-relations:acme", "ACME", "owner_of 35%"}};
  RegimeBasis uk;
  uk.regime = "uk";
  uk.basis = "linked";
  uk.explanation = "not listed; linked to listed ofac-sdn:1 via owner_of 35% (1 hop)";
  m.derivation = {ofac, uk};
  const nlohmann::json j = nlohmann::json::parse(ScreenResultJson("q", {m}));
  const nlohmann::json& match = j["matches"][0];
  EXPECT_EQ(match["basis"], "owned");
  ASSERT_EQ(match["derivation"].size(), 2u);
  EXPECT_EQ(match["derivation"][0]["regime"], "ofac");
  EXPECT_EQ(match["derivation"][0]["aggregate_min"], 60.0);
  EXPECT_EQ(match["derivation"][0]["path"][1]["relation"], "owner_of 35%");
  EXPECT_EQ(match["derivation"][1]["basis"], "linked");
  EXPECT_FALSE(match["derivation"][1].contains("aggregate_min"));
  EXPECT_EQ(ScreenCsvRows("q", {m}),
            "q,1,own-relations:acme,0.9500,,,,unknown,,owned,ofac: not listed; 60% owned in "
            "aggregate by ofac-sdn:1 (35%) and ofac-sdn:2 (25%),\n");
}

}  // namespace
}  // namespace interdict
