// The pure request-handling pieces: body and parameter readers, the route
// matcher, the metrics text, and prefix search.
#include "server/requests.h"

#include <gtest/gtest.h>

#include "server/metrics.h"
#include "server/name_search.h"
#include "server/routes.h"

namespace interdict::server {
namespace {

TEST(RequestsTest, BatchEnvelope) {
  EXPECT_EQ(ParseBatchBody("{").error().code(), StatusCode::kParseError);
  EXPECT_EQ(ParseBatchBody("[]").error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseBatchBody(R"({"queries":"x"})").error().location().element, "queries");
  auto batch =
      ParseBatchBody(R"({"queries":[{"name":"A B"},{"name":""},{"name":"C","type":"ship"}]})");
  ASSERT_TRUE(batch) << batch.error().ToString();
  ASSERT_EQ(batch->size(), 3u);
  EXPECT_EQ((*batch)[0]->name, "A B");
  EXPECT_EQ((*batch)[1].error().location().element, "queries/1/name");
  EXPECT_EQ((*batch)[2].error().location().element, "queries/2/type");
  EXPECT_EQ(ParseBatchBody(std::string(kMaxBatchBodyBytes + 1, ' ')).error().code(),
            StatusCode::kTooLarge);
  EXPECT_EQ(ParseScreenBody(std::string(kMaxScreenBodyBytes + 1, ' ')).error().code(),
            StatusCode::kTooLarge);
}

TEST(RequestsTest, ScreenOptions) {
  auto options = ParseScreenOptions("", "");
  ASSERT_TRUE(options);
  EXPECT_DOUBLE_EQ(options->threshold, kDefaultThreshold);
  EXPECT_EQ(options->limit, 10);
  options = ParseScreenOptions("0.5", "25");
  EXPECT_DOUBLE_EQ(options->threshold, 0.5);
  EXPECT_EQ(options->limit, 25);
  for (const char* bad : {"-0.1", "1.01", "nan", "inf", "0.5x", " 0.5"}) {
    EXPECT_FALSE(ParseScreenOptions(bad, "")) << bad;
  }
  for (const char* bad : {"0", "101", "5.5", "ten"})
    EXPECT_FALSE(ParseScreenOptions("", bad)) << bad;
  EXPECT_EQ(ParseIntArg("99999999999999999999", "offset", 0, 10).error().location().element,
            "offset");
}

TEST(RoutesTest, MatchesPatternsAndRefusesNearMisses) {
  std::vector<std::string> params;
  bool exists = false;
  const Route* route = MatchRoute("GET", "/v1/entities/un-sc:QDi.001", params, exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/v1/entities/{id}");
  EXPECT_EQ(params, std::vector<std::string>{"un-sc:QDi.001"});
  // A trailing parameter takes the rest: ids may hold '/'.
  route = MatchRoute("GET", "/v1/entities/ftm:a/b", params, exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(params, std::vector<std::string>{"ftm:a/b"});
  route = MatchRoute("GET", "/v1/lists/ofac-sdn/diff", params, exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/v1/lists/{list}/diff");
  EXPECT_EQ(params, std::vector<std::string>{"ofac-sdn"});
  route = MatchRoute("POST", "/v1/lists/load", params, exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->role, Role::kAdmin);
  EXPECT_EQ(MatchRoute("GET", "/v1/lists/load", params, exists), nullptr);
  EXPECT_TRUE(exists);  // -> 405, not 404
  for (const char* path : {"/v1/screenx", "/v1/screen/", "/v1/entities/", "/v1/lists//versions",
                           "/v1", "", "/healthz/x"}) {
    EXPECT_EQ(MatchRoute("GET", path, params, exists), nullptr) << path;
    EXPECT_EQ(MatchRoute("POST", path, params, exists), nullptr) << path;
  }
  EXPECT_EQ(MatchRoute("HEAD", "/healthz", params, exists)->pattern, "/healthz");
}

TEST(MetricsTest, HistogramIsCumulative) {
  RequestMetrics metrics;
  metrics.Observe("/v1/screen", "POST", 200, 0.0004);
  metrics.Observe("/v1/screen", "POST", 200, 0.003);
  metrics.Observe("/v1/screen", "POST", 200, 20);
  metrics.Observe("/v1/screen", "POST", 400, 0.001);
  EXPECT_EQ(metrics.Count("/v1/screen", 200), 3u);
  std::string text;
  metrics.Render(text);
  const std::string labels = "route=\"/v1/screen\",method=\"POST\",status=\"200\"";
  EXPECT_NE(text.find("interdict_http_requests_total{" + labels + "} 3\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"10\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("_bucket{" + labels + ",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_EQ(LabelValue("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

Name NameOf(const char* full) {
  Name name;
  name.full = full;
  return name;
}

SearchFilter Only(std::optional<Schema> schema, std::string list) {
  SearchFilter filter;
  filter.schema = schema;
  filter.list = std::move(list);
  return filter;
}

TEST(NameSearchTest, WordPrefixesRankWholeNamePrefixesFirst) {
  std::vector<Entity> entities(3);
  entities[0].id = "x:1";
  entities[0].list = "x";
  entities[0].schema = Schema::kPerson;
  entities[0].names = {NameOf("Osama bin Laden"), NameOf("Usama bin Ladin")};
  entities[1].id = "x:2";
  entities[1].list = "x";
  entities[1].schema = Schema::kOrganization;
  entities[1].names = {NameOf("Bin Laden Construction")};
  entities[2].id = "y:3";
  entities[2].list = "y";
  entities[2].schema = Schema::kPerson;
  entities[2].names = {NameOf("Мохаммед Ладен")};
  NameSearch search(entities);
  auto hits = search.Prefix("bin lad", {}, 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].entity_id, "x:2");  // the name starts with the query
  EXPECT_EQ(hits[1].entity_id, "x:1");
  EXPECT_EQ(hits[1].primary_name, "Osama bin Laden");
  hits = search.Prefix("BIN LAD", Only(Schema::kPerson, ""), 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entity_id, "x:1");
  EXPECT_EQ(search.Prefix("lad", Only(std::nullopt, "y"), 10).size(),
            1u);  // transliterated Cyrillic
  EXPECT_TRUE(search.Prefix("zzz", {}, 10).empty());
  EXPECT_TRUE(search.Prefix("  ", {}, 10).empty());
  EXPECT_EQ(search.Prefix("bin", {}, 1).size(), 1u);
}

}  // namespace
}  // namespace interdict::server
