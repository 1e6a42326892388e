#include "interdict/screen_io.h"

#include <gtest/gtest.h>

#include <cmath>
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

// The result line is written directly (model/json_text.h), not through a
// DOM; this is the DOM it replaced, byte for byte the reference.
nlohmann::json ReferenceExplanation(const Explanation& e) {
  auto r = [](double v) { return std::round(v * 1e4) / 1e4; };
  nlohmann::json tokens = nlohmann::json::array();
  for (const TokenAlignment& t : e.tokens)
    tokens.push_back({{"query", t.query},
                      {"list", t.list},
                      {"rule", t.rule},
                      {"similarity", r(t.similarity)},
                      {"weight", r(t.weight)}});
  nlohmann::json adjustments = nlohmann::json::array();
  for (const Adjustment& a : e.adjustments)
    adjustments.push_back({{"factor", a.factor}, {"delta", r(a.delta)}, {"detail", a.detail}});
  return {{"name_score", r(e.name_score)},
          {"tokens", std::move(tokens)},
          {"unmatched_list", e.unmatched_list},
          {"adjustments", std::move(adjustments)},
          {"summary", e.summary}};
}

nlohmann::json ReferenceMatch(const ScreenMatch& m) {
  auto r = [](double v) { return std::round(v * 1e4) / 1e4; };
  nlohmann::json match = {{"entity_id", m.entity_id},
                          {"score", r(m.score)},
                          {"name", m.name},
                          {"list", m.list},
                          {"primary_name", m.primary_name},
                          {"schema", SchemaName(m.schema)},
                          {"explanation", ReferenceExplanation(m.explanation)}};
  if (m.basis.empty()) return match;
  match["basis"] = m.basis;
  nlohmann::json regimes = nlohmann::json::array();
  for (const RegimeBasis& b : m.derivation) {
    nlohmann::json path = nlohmann::json::array();
    for (const BasisStep& step : b.path)
      path.push_back({{"id", step.id}, {"name", step.name}, {"relation", step.relation}});
    nlohmann::json item = {{"regime", b.regime}, {"basis", b.basis}, {"rule", b.rule}};
    if (b.basis == "owned" || b.basis == "possibly_owned") {
      item["aggregate_min"] = r(b.aggregate_min);
      item["aggregate_max"] = r(b.aggregate_max);
    }
    item["explanation"] = b.explanation;
    item["path"] = std::move(path);
    regimes.push_back(std::move(item));
  }
  match["derivation"] = std::move(regimes);
  return match;
}

std::string Dumped(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(ScreenResultJson, IsByteForByteTheDomItReplaced) {
  ScreenMatch plain;
  plain.entity_id = "ofac-sdn:306";
  plain.list = "ofac-sdn";
  plain.name = "BANCO NACIONAL DE CUBA";
  plain.primary_name = "BANCO \"NACIONAL\" DE CUBA\tHAVANA";
  plain.schema = Schema::kOrganization;
  plain.score = 0.912345;
  plain.explanation.name_score = 0.93335;
  plain.explanation.tokens = {{"banco", "banco", "exact", 1.0, 0.3},
                              {"nacional", "", "unmatched", 0, 0.21},
                              {"mhmd", "muhammad", "skeleton", 0.9, 0.123456}};
  plain.explanation.unmatched_list = {"de", "cuba"};
  plain.explanation.adjustments = {{"dob", 0.05, "query DOB 1971 equals listed 1971-03-25"},
                                   {"type", -0.1, "a person is not an organisation"}};
  plain.explanation.summary = "banco ~ banco: name 0.93; dob +0.05";
  ScreenMatch annotated = plain;
  annotated.entity_id = "own-relations:\xd9\x85\xd8\xad";  // UTF-8
  annotated.name = "bad \xff byte";                        // replaced by U+FFFD
  annotated.basis = "owned";
  RegimeBasis ofac{"ofac", "owned", "OFAC 50% rule", 55, 60, "not listed; 55% owned", {}};
  ofac.path = {{"ofac-sdn:1", "X", ""}, {"own-relations:acme", "ACME", "owner_of 35%"}};
  RegimeBasis uk{"uk", "linked", "UK", 0, 0, "linked", {}};
  annotated.derivation = {ofac, uk};
  ScreenMatch empty;
  for (const auto& matches :
       std::vector<std::vector<ScreenMatch>>{{}, {plain}, {annotated}, {plain, annotated, empty}}) {
    nlohmann::json reference;
    reference["id"] = "q\"1";
    reference["matches"] = nlohmann::json::array();
    for (const ScreenMatch& m : matches) reference["matches"].push_back(ReferenceMatch(m));
    EXPECT_EQ(ScreenResultJson("q\"1", matches), Dumped(reference));
  }
  EXPECT_EQ(ExplanationJson(plain.explanation), Dumped(ReferenceExplanation(plain.explanation)));
}

}  // namespace
}  // namespace interdict
