// `interdict serve --sources F --update-interval N`: the server downloads the
// lists by itself on a schedule. A local HTTP server plays the official
// address, serving the real UN list; the served file then changes and the
// next scheduled run must store and index version 2 without any request.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "cli/cli_test_util.h"
#include "server/server_fixture.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::LocalServer;
using testing::ReadFile;
using testing::TestServer;
using testing::UnListPath;

// The real UN list without the individual CDi.001: what the "official"
// address serves once the list has changed.
std::string WithoutCdi001(const std::string& xml) {
  const std::size_t ref = xml.find("<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>");
  if (ref == std::string::npos) return "";
  const std::size_t begin = xml.rfind("<INDIVIDUAL>", ref);
  const std::string close = "</INDIVIDUAL>";
  const std::size_t end = xml.find(close, ref);
  if (begin == std::string::npos || end == std::string::npos) return "";
  return xml.substr(0, begin) + xml.substr(end + close.size());
}

// Polls `probe` every 100 ms for up to two minutes (the sanitizer build
// parses slowly); true once it holds.
bool Eventually(const std::function<bool()>& probe) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < until) {
    if (probe()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return probe();
}

class ScheduledUpdateTest : public ::testing::Test {
 protected:
  nlohmann::json Lists() {
    auto res = server_->Client()->Get("/v1/lists");
    if (!res || res->status != 200) return nullptr;
    return nlohmann::json::parse(res->body, nullptr, false);
  }
  std::string Metrics() {
    auto res = server_->Client()->Get("/metrics");
    return res && res->status == 200 ? res->body : "";
  }
  // The un-sc entry of /v1/lists, or null.
  nlohmann::json UnList() {
    const nlohmann::json lists = Lists();
    if (!lists.is_object()) return nullptr;
    for (const nlohmann::json& list : lists["lists"]) {
      if (list.value("list", "") == "un-sc") return list;
    }
    return nullptr;
  }

  LocalServer official_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ScheduledUpdateTest, LoadsNewVersionsByItselfAndShowsThem) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  const std::string v1 = ReadFile(un);
  const std::string v2 = WithoutCdi001(v1);
  ASSERT_FALSE(v2.empty()) << "CDi.001 is no longer in the UN list";
  official_.Serve("/consolidated.xml", v1);

  testing::TempDir config_dir;
  const std::filesystem::path config = config_dir / "sources.json";
  nlohmann::json sources = {
      {"download", {{"retries", 0}, {"timeout_seconds", 60}}},
      {"sources",
       {{{"list", "un-sc"}, {"format", "un-xml"}, {"url", official_.Url("/consolidated.xml")}}}}};
  std::ofstream(config) << sources.dump(2);

  server::ServerOptions options;
  options.service.sources_config = config;
  options.service.update_interval_seconds = 1;
  server_ = std::make_unique<TestServer>(options);
  ASSERT_TRUE(server_->ok()) << server_->error();

  // The first scheduled run stores and indexes version 1; nobody asked.
  ASSERT_TRUE(Eventually([&] {
    const nlohmann::json list = UnList();
    return list.is_object() && list["current"].value("number", 0) == 1;
  })) << Lists().dump(2);
  ASSERT_TRUE(server_->WaitReady());
  const nlohmann::json first = UnList();
  EXPECT_EQ(first["versions"], 1);
  EXPECT_EQ(first["current"]["source"], official_.Url("/consolidated.xml"));
  const int entities = first["current"]["entities"];
  EXPECT_GT(entities, 900);
  ASSERT_TRUE(Eventually([&] {
    const std::string metrics = Metrics();
    return metrics.find("interdict_list_version{list=\"un-sc\"} 1\n") != std::string::npos &&
           metrics.find("interdict_last_update_success 1\n") != std::string::npos;
  })) << Metrics();
  EXPECT_EQ(Lists()["update_interval_seconds"], 1);

  // Later runs fetch the same bytes: nothing new is stored.
  const int hits = official_.Hits("/consolidated.xml");
  ASSERT_TRUE(Eventually([&] {
    const nlohmann::json last = Lists()["last_update"];
    return official_.Hits("/consolidated.xml") > hits && last.is_object() &&
           last.value("unchanged", 0) == 1;
  }));
  EXPECT_EQ(UnList()["versions"], 1);

  // The official file changes; the next run loads version 2 on its own.
  official_.Serve("/consolidated.xml", v2);
  ASSERT_TRUE(Eventually([&] {
    const nlohmann::json list = UnList();
    return list.is_object() && list["current"].value("number", 0) == 2;
  })) << Lists().dump(2);
  const nlohmann::json second = UnList();
  EXPECT_EQ(second["versions"], 2);
  EXPECT_EQ(second["current"]["entities"], entities - 1);
  EXPECT_EQ(second["current"]["removed"], 1);
  EXPECT_EQ(second["current"]["added"], 0);
  ASSERT_TRUE(Eventually([&] {
    const std::string metrics = Metrics();
    const std::string count = std::to_string(entities - 1) + "\n";
    return metrics.find("interdict_list_version{list=\"un-sc\"} 2\n") != std::string::npos &&
           metrics.find("interdict_list_entities{list=\"un-sc\"} " + count) != std::string::npos &&
           metrics.find("interdict_index_entities " + count) != std::string::npos;
  })) << Metrics();
}

}  // namespace
}  // namespace interdict
