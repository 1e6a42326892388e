// The HTTP API against the real UN Security Council consolidated list
// (1,003 entities): screening, batches, entities, search, lists, diffs,
// metrics, and the error contract.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "server/routes.h"
#include "server_fixture.h"

namespace interdict::testing {
namespace {

using nlohmann::json;

class ApiTest : public SharedServerTest<ApiTest> {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(UnListPath())) return;
    StartSharedServer(LoadUnList);
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
    UseSharedServer();
  }
  httplib::Result Screen(const std::string& body, const std::string& query = "") {
    return client_->Post(("/v1/screen" + query).c_str(), body, "application/json");
  }
};

TEST_F(ApiTest, ReadyzReportsTheRealIndex) {
  auto res = client_->Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const json body = Json(res);
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["index"]["entities"], 1003);
  EXPECT_GE(body["index"]["names"].get<int>(), 4000);
  ASSERT_EQ(body["index"]["versions"].size(), 1u);
  EXPECT_EQ(body["index"]["versions"][0]["list"], "un-sc");
  EXPECT_EQ(body["index"]["versions"][0]["number"], 1);
  EXPECT_EQ(Json(client_->Get("/healthz"))["status"], "ok");
}

TEST_F(ApiTest, ScreensAListedNameInAnotherSpelling) {
  auto res = Screen(R"({"id":"q1","name":"Erik Badeghe","type":"person","dob":"1971"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Json(res);
  EXPECT_EQ(body["id"], "q1");
  ASSERT_FALSE(body["matches"].empty()) << res->body;
  const json& top = body["matches"][0];
  EXPECT_EQ(top["entity_id"], "un-sc:CDi.001");
  EXPECT_EQ(top["primary_name"], "ERIC BADEGE");
  EXPECT_EQ(top["list"], "un-sc");
  EXPECT_EQ(top["schema"], "person");
  EXPECT_GE(top["score"].get<double>(), 0.8);
  EXPECT_FALSE(top["explanation"]["tokens"].empty());
}

TEST_F(ApiTest, ScreensArabicScript) {
  auto res = Screen(R"({"name":"محمد صلاح الدين عبدالحليم زيدان"})");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Json(res);
  EXPECT_TRUE(body["id"].is_string());
  ASSERT_FALSE(body["matches"].empty());
  EXPECT_EQ(body["matches"][0]["entity_id"], "un-sc:QDi.001");
}

TEST_F(ApiTest, ThresholdAndLimitParameters) {
  auto res = Screen(R"({"name":"Mohammed"})", "?threshold=0.3&limit=3");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_LE(Json(res)["matches"].size(), 3u);
  res = Screen(R"({"name":"Mohammed"})", "?threshold=1.5");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "threshold");
  res = Screen(R"({"name":"Mohammed"})", "?limit=0");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "limit");
}

TEST_F(ApiTest, ScreenErrors) {
  auto res = Screen("{\"name\": ");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorCode(res), "parse_error");
  res = Screen(R"({"name": 5})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "name");
  res = Screen(R"({"name":"X","dob":"1971-13-01"})");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "dob");
  res = Screen(R"(["not an object"])");
  EXPECT_EQ(res->status, 400);
  res = Screen("{\"name\":\"" + std::string(2000, 'a') + "\"}");
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Json(res)["error"]["field"], "name");
  res = Screen("{\"name\":\"\xff\xfe\"}");
  EXPECT_EQ(res->status, 400);
  // Over the route's body limit: refused from Content-Length, unread.
  res = Screen("{\"name\":\"x\",\"pad\":\"" + std::string(70000, ' ') + "\"}");
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(ErrorCode(res), "too_large");
}

TEST_F(ApiTest, BatchKeepsOrderAndReportsBadQueriesInPlace) {
  auto res = client_->Post("/v1/screen/batch",
                           R"({"queries":[{"id":"a","name":"Eric Badege"},)"
                           R"({"id":"b","name":"Someone","dob":"yesterday"},)"
                           R"({"id":"c","name":"Zidane Mohammed Salahaldin"}]})",
                           "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json results = Json(res)["results"];
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0]["id"], "a");
  EXPECT_EQ(results[0]["matches"][0]["entity_id"], "un-sc:CDi.001");
  EXPECT_TRUE(results[1]["id"].is_null());
  EXPECT_EQ(results[1]["error"]["field"], "queries/1/dob");
  EXPECT_TRUE(results[1]["matches"].empty());
  EXPECT_EQ(results[2]["id"], "c");
  EXPECT_EQ(results[2]["matches"][0]["entity_id"], "un-sc:QDi.001");
}

TEST_F(ApiTest, BatchLimits) {
  std::string body = "{\"queries\":[";
  for (int i = 0; i < 1001; ++i) body += std::string(i ? "," : "") + "{\"name\":\"a\"}";
  body += "]}";
  auto res = client_->Post("/v1/screen/batch", body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Json(res)["error"]["field"], "queries");
  res = client_->Post("/v1/screen/batch", R"({"queries":[]})", "application/json");
  EXPECT_EQ(res->status, 400);
  res = client_->Post("/v1/screen/batch", R"({"queries":{"name":"x"}})", "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "queries");
}

TEST_F(ApiTest, EntityWithVersions) {
  auto res = client_->Get("/v1/entities/un-sc:QDi.001");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Json(res);
  EXPECT_EQ(body["entity"]["id"], "un-sc:QDi.001");
  EXPECT_EQ(body["entity"]["names"][0]["name"], "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE");
  EXPECT_EQ(body["entity"]["names"].size(), 7u);
  EXPECT_EQ(body["entity"]["nationalities"], json::array({"eg"}));
  ASSERT_EQ(body["versions"].size(), 1u);
  EXPECT_EQ(body["versions"][0]["list"], "un-sc");
  EXPECT_EQ(body["versions"][0]["entities"], 1003);

  res = client_->Get("/v1/entities/un-sc:NOPE.999");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "not_found");
  res = client_->Get("/v1/entities/un-sc:QDi.001?version=abc");
  EXPECT_EQ(res->status, 400);
}

TEST_F(ApiTest, SearchByPrefixThenFuzzy) {
  auto res = client_->Get("/v1/search?q=badeg");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = Json(res);
  ASSERT_GE(body["total"].get<int>(), 1);
  EXPECT_EQ(body["results"][0]["entity_id"], "un-sc:CDi.001");
  EXPECT_EQ(body["results"][0]["match"], "prefix");

  // Every UN name with a word starting "moham", paged 5 at a time.
  res = client_->Get("/v1/search?q=moham&limit=5&offset=5&type=person");
  body = Json(res);
  EXPECT_GT(body["total"].get<int>(), 10);
  EXPECT_EQ(body["results"].size(), 5u);
  EXPECT_EQ(body["offset"], 5);
  for (const json& hit : body["results"]) EXPECT_EQ(hit["schema"], "person");

  // A misspelling no prefix matches still finds the entity fuzzily.
  res = client_->Get("/v1/search?q=Erik%20Badeghe");
  body = Json(res);
  bool found = false;
  for (const json& hit : body["results"]) found |= hit["entity_id"] == "un-sc:CDi.001";
  EXPECT_TRUE(found) << res->body;

  EXPECT_EQ(client_->Get("/v1/search")->status, 400);
  EXPECT_EQ(client_->Get("/v1/search?q=x&type=ship")->status, 400);
  EXPECT_EQ(client_->Get("/v1/search?q=x&limit=1000")->status, 400);
}

TEST_F(ApiTest, ListsAndVersions) {
  auto res = client_->Get("/v1/lists");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json body = Json(res);
  ASSERT_EQ(body["lists"].size(), 1u);
  EXPECT_EQ(body["lists"][0]["list"], "un-sc");
  EXPECT_EQ(body["lists"][0]["versions"], 1);
  EXPECT_EQ(body["lists"][0]["current"]["entities"], 1003);
  EXPECT_EQ(body["lists"][0]["current"]["format"], "un-xml");
  EXPECT_TRUE(body["last_update"].is_null());
  EXPECT_EQ(body["index"]["entities"], 1003);

  res = client_->Get("/v1/lists/un-sc/versions");
  body = Json(res);
  ASSERT_EQ(body["versions"].size(), 1u);
  EXPECT_EQ(body["versions"][0]["number"], 1);
  EXPECT_EQ(body["versions"][0]["added"], 1003);
  EXPECT_EQ(client_->Get("/v1/lists/nope/versions")->status, 404);
  EXPECT_EQ(client_->Get("/v1/lists/nope/diff")->status, 404);
}

TEST_F(ApiTest, UnknownRoutesAndMethods) {
  auto res = client_->Get("/v1/nothing");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorCode(res), "not_found");
  res = client_->Get("/v1/screen");
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(ErrorCode(res), "method_not_allowed");
  res = client_->Delete("/v1/lists");
  EXPECT_GE(res->status, 400);
}

TEST_F(ApiTest, MetricsCountRequestsByRoute) {
  ASSERT_EQ(Screen(R"({"name":"Eric Badege"})")->status, 200);
  ASSERT_EQ(client_->Get("/v1/entities/un-sc:NOPE")->status, 404);
  // A request is counted by the access logger after its response is sent, so
  // on a slow machine the counters may trail the client by a moment.
  const std::string screened =
      "interdict_http_requests_total{route=\"/v1/screen\",method=\"POST\",status=\"200\"}";
  const std::string not_found = "route=\"/v1/entities/{id}\",method=\"GET\",status=\"404\"";
  std::string text;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto res = client_->Get("/metrics");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    text = res->body;
    if (text.find(screened) != std::string::npos && text.find(not_found) != std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_NE(text.find("interdict_http_requests_total{route=\"/v1/screen\",method=\"POST\","
                      "status=\"200\"}"),
            std::string::npos);
  // Routes are labelled by pattern, not by the raw path.
  EXPECT_NE(text.find("route=\"/v1/entities/{id}\",method=\"GET\",status=\"404\""),
            std::string::npos);
  EXPECT_EQ(text.find("NOPE"), std::string::npos);
  EXPECT_NE(text.find("interdict_http_request_duration_seconds_bucket{route=\"/v1/screen\""),
            std::string::npos);
  EXPECT_NE(text.find("interdict_index_entities 1003\n"), std::string::npos);
  EXPECT_NE(text.find("interdict_list_version{list=\"un-sc\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("interdict_index_ready 1\n"), std::string::npos);
}

// docs/openapi.json (as served) describes exactly the registered routes.
TEST_F(ApiTest, OpenApiMatchesRoutes) {
  auto res = client_->Get("/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const json doc = Json(res);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::string> documented, registered;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(upper + " " + path);
      // The role each operation documents is the one the server enforces.
      for (const server::Route& route : server::Routes()) {
        if (route.pattern == path && route.method == upper) {
          EXPECT_EQ(operation["x-interdict-role"], server::RoleName(route.role)) << path;
        }
      }
    }
  }
  for (const server::Route& route : server::Routes()) {
    registered.insert(std::string(route.method) + " " + std::string(route.pattern));
  }
  EXPECT_EQ(documented, registered);
  // The served document is the file in docs/, byte for byte.
  EXPECT_EQ(res->body, ReadFile(std::filesystem::path(INTERDICT_SOURCE_DIR) / "docs/openapi.json"));
}

}  // namespace
}  // namespace interdict::testing
