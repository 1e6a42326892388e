// Loads through the API, versions and diffs, and the hot swap: screening is
// hammered from several threads while new versions are loaded and indexed
// repeatedly, and no request may fail.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "server_fixture.h"

namespace interdict::testing {
namespace {

using nlohmann::json;

// The real UN list without Eric Badege (CDi.001): a plausible next version.
std::string UnWithoutBadege() {
  std::string xml = ReadFile(UnListPath());
  const std::size_t ref = xml.find("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>");
  const std::size_t begin = xml.rfind("<INDIVIDUAL>", ref);
  const std::size_t end = xml.find("</INDIVIDUAL>", ref) + std::string("</INDIVIDUAL>").size();
  if (ref == std::string::npos || begin == std::string::npos) return "";
  return xml.erase(begin, end - begin);
}

httplib::Result Upload(httplib::Client& client, const std::string& bytes) {
  return client.Post("/v1/lists/load?name=consolidated.xml", bytes, "application/octet-stream");
}

TEST(ReloadTest, NotReadyUntilAListIsLoaded) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TestServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto res = client->Get("/readyz");
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(ErrorCode(res), "unavailable");
  res = client->Post("/v1/screen", R"({"name":"Eric Badege"})", "application/json");
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(client->Get("/healthz")->status, 200);

  res = Upload(*client, ReadFile(un));
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Json(res);
  EXPECT_TRUE(body["created"].get<bool>());
  EXPECT_EQ(body["version"]["entities"], 1003);
  EXPECT_EQ(body["version"]["source"], "upload:consolidated.xml");
  EXPECT_EQ(body["index"]["generation"], 1);
  EXPECT_EQ(client->Get("/readyz")->status, 200);
  // The same bytes again: no new version, no new index.
  res = Upload(*client, ReadFile(un));
  EXPECT_FALSE(Json(res)["created"].get<bool>());
  EXPECT_EQ(Json(res)["index"]["generation"], 1);
}

TEST(ReloadTest, NewVersionIsSwappedInAndDiffed) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TestServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  ASSERT_EQ(Upload(*client, ReadFile(un))->status, 200);
  const std::string next = UnWithoutBadege();
  ASSERT_FALSE(next.empty());
  auto res = Upload(*client, next);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["version"]["number"], 2);
  EXPECT_EQ(Json(res)["version"]["removed"], 1);
  EXPECT_EQ(Json(res)["index"]["entities"], 1002);

  // The swapped index no longer holds him.
  res = client->Post("/v1/screen", R"({"name":"Eric Badege"})", "application/json");
  const json screened = Json(res);  // a named value: ranging over a temporary's member dangles
  for (const json& match : screened["matches"]) EXPECT_NE(match["entity_id"], "un-sc:CDi.001");

  res = client->Get("/v1/lists/un-sc/diff?from=1&to=2");
  ASSERT_EQ(res->status, 200) << res->body;
  json diff = Json(res);
  EXPECT_EQ(diff["removed"], 1);
  EXPECT_EQ(diff["added"], 0);
  EXPECT_EQ(diff["total"], 1);
  ASSERT_EQ(diff["changes"].size(), 1u);
  EXPECT_EQ(diff["changes"][0]["id"], "un-sc:CDi.001");
  EXPECT_EQ(diff["changes"][0]["kind"], "removed");
  EXPECT_EQ(diff["changes"][0]["name"], "ERIC BADEGE");
  // Defaults: the current version against the one before.
  EXPECT_EQ(Json(client->Get("/v1/lists/un-sc/diff"))["to"]["number"], 2);
  EXPECT_EQ(client->Get("/v1/lists/un-sc/diff?from=1&to=9")->status, 404);

  // The removed entity is still readable as it was, with its one version.
  res = client->Get("/v1/entities/un-sc:CDi.001?version=1");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Json(res)["versions"].size(), 1u);
}

TEST(ReloadTest, BadUploadsLeaveTheLiveIndexAlone) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TestServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  const std::string xml = ReadFile(un);
  ASSERT_EQ(Upload(*client, xml)->status, 200);
  // Truncated in the middle of an element: a parse error naming the line.
  auto res = Upload(*client, xml.substr(0, xml.size() / 2));
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(ErrorCode(res), "parse_error");
  res = client->Post("/v1/lists/load?format=no-such-format", xml, "application/octet-stream");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Json(res)["error"]["field"], "format");
  res = Upload(*client, "");
  EXPECT_EQ(res->status, 400);
  const json ready = Json(client->Get("/readyz"));
  EXPECT_EQ(ready["index"]["generation"], 1);
  EXPECT_EQ(ready["index"]["entities"], 1003);
}

// Hammer /v1/screen while versions alternate and the index is rebuilt and
// swapped again and again: every request must succeed.
TEST(ReloadTest, NoRequestFailsDuringRepeatedReloads) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TestServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto admin = server.Client();
  const std::string versions[2] = {ReadFile(un), UnWithoutBadege()};
  ASSERT_EQ(Upload(*admin, versions[0])->status, 200);

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      auto client = server.Client();
      while (!stop) {
        auto res = client->Post("/v1/screen", R"({"name":"Mohammed Zidane","type":"person"})",
                                "application/json");
        if (res && res->status == 200 && Json(res)["matches"].is_array()) {
          ++ok;
        } else {
          ++failed;
        }
      }
    });
  }
  // Alternate between two contents so each load is a new version.
  constexpr int kReloads = 6;
  for (int i = 1; i <= kReloads; ++i) {
    auto res = Upload(*admin, versions[i % 2]);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_TRUE(Json(res)["created"].get<bool>());
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(ok, 100);
  EXPECT_EQ(Json(admin->Get("/readyz"))["index"]["generation"], kReloads + 1);
  EXPECT_EQ(server.server().service().reloads_ok(), static_cast<std::uint64_t>(kReloads + 1));
}

// The screening index is cached beside the store file (as `interdict screen`
// does): a restart over unchanged lists reads it instead of rebuilding, and
// a new version replaces it.
TEST(ReloadTest, RestartReadsTheCachedIndexAndANewVersionReplacesIt) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TempDir dir;
  const std::string db = (dir / "un.db").string();
  const std::filesystem::path cache = db + ".index";
  LoadUnList(db);
  server::ServerOptions options;
  options.service.db_path = db;
  const std::string query = R"({"name":"Erik Badeghe","type":"person"})";
  std::string first_result;
  {
    TestServer server(options);
    ASSERT_TRUE(server.ok()) << server.error();
    ASSERT_TRUE(server.WaitReady());
    first_result = server.Client()->Post("/v1/screen", query, "application/json")->body;
  }
  ASSERT_TRUE(std::filesystem::exists(cache));
  const auto written = std::filesystem::last_write_time(cache);
  const std::string cached_bytes = ReadFile(cache);
  {
    TestServer server(options);
    ASSERT_TRUE(server.ok()) << server.error();
    ASSERT_TRUE(server.WaitReady());
    // A cache miss would have rebuilt the index and written the file again.
    EXPECT_EQ(std::filesystem::last_write_time(cache), written);
    auto client = server.Client();
    EXPECT_EQ(client->Post("/v1/screen", query, "application/json")->body, first_result);
    EXPECT_NE(first_result.find("un-sc:CDi.001"), std::string::npos) << first_result;

    ASSERT_EQ(Upload(*client, UnWithoutBadege())->status, 200);
    const std::string after = client->Post("/v1/screen", query, "application/json")->body;
    EXPECT_EQ(after.find("un-sc:CDi.001"), std::string::npos) << after;
  }
  EXPECT_NE(ReadFile(cache), cached_bytes);
}

}  // namespace
}  // namespace interdict::testing
