// `interdict update` against a local HTTP server serving copies of the real
// list files (read at test time): what is stored, what is reported, and that
// a failing source neither stops the others nor stores anything.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::LocalServer;
using testing::ReadFile;
using testing::RunInterdict;
using testing::RunResult;
using testing::SharedDataDir;
using testing::TempDir;
using testing::WriteFile;

// Short timeouts and no retries keep failure cases fast.
const json kQuickDownload = {{"timeout_seconds", 10}, {"retries", 0}, {"backoff_ms", 10}};

class CliUpdateTest : public ::testing::Test {
 protected:
  // Serves the OFAC SDN set, the UN list and the BIS DPL from the shared data.
  void ServeRealFiles() {
    const fs::path data = SharedDataDir();
    for (const char* name : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
      server_.Serve(std::string("/ofac/") + name, ReadFile(data / "ofac_sdn_2021" / name));
    }
    server_.Serve("/un/consolidated.xml", ReadFile(data / "un_sc" / "consolidated.xml"));
    server_.Serve("/bis/dpl.txt", ReadFile(data / "us_bis_dpl" / "dpl.txt"));
  }
  json SdnSource() const {
    json files = json::array();
    for (const char* name : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
      files.push_back({{"name", name}, {"url", server_.Url(std::string("/ofac/") + name)}});
    }
    return {{"list", "ofac-sdn"}, {"format", "ofac-csv"}, {"files", files}};
  }
  json UrlSource(const std::string& list, const std::string& path) const {
    return {{"list", list}, {"url", server_.Url(path)}};
  }
  // (A vector, not a json: a one-element braced list would not be an array.)
  std::string WriteConfig(const std::vector<json>& sources, const json& download = kQuickDownload) {
    const std::string path = (dir_ / "sources.json").string();
    WriteFile(path, json{{"download", download}, {"sources", json(sources)}}.dump(2));
    return path;
  }
  RunResult Update(const std::string& config, std::vector<std::string> extra = {},
                   const std::vector<std::string>& env = {}) {
    std::vector<std::string> args = {"--db", db_, "update", "--config", config};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunInterdict(args, env);
  }
  json Lists() {
    RunResult lists = RunInterdict({"--db", db_, "lists", "--json"});
    EXPECT_EQ(lists.exit_code, 0) << lists.err;
    return json::parse(lists.out, nullptr, false);
  }

  LocalServer server_;
  TempDir dir_;
  std::string db_ = (dir_ / "store.db").string();
};

TEST_F(CliUpdateTest, StoresWhatDownloadsAndReportsTheRest) {
  if (!fs::exists(SharedDataDir())) GTEST_SKIP() << "real list data not found";
  ServeRealFiles();
  const std::string config = WriteConfig(
      {SdnSource(), UrlSource("un-sc", "/un/consolidated.xml"), UrlSource("us-dpl", "/gone.txt")});

  RunResult first = Update(config);
  EXPECT_EQ(first.exit_code, 3) << first.out << first.err;
  EXPECT_NE(first.out.find("ofac-sdn: version 1, 8976 entities, "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("un-sc: version 1, 1003 entities, "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("update: 2 updated, 0 unchanged, 1 failed"), std::string::npos);
  EXPECT_NE(first.err.find("us-dpl: " + server_.Url("/gone.txt")), std::string::npos) << first.err;
  EXPECT_NE(first.err.find("HTTP 404"), std::string::npos) << first.err;

  json lists = Lists();
  ASSERT_EQ(lists.size(), 2u) << lists;
  EXPECT_EQ(lists[0]["list"], "ofac-sdn");
  EXPECT_EQ(lists[0]["current"]["entities"], 8976);
  EXPECT_NE(lists[0]["current"]["source"].get<std::string>().find(server_.Url("/ofac/sdn.csv")),
            std::string::npos);
  EXPECT_EQ(lists[1]["list"], "un-sc");
  EXPECT_EQ(lists[1]["current"]["source"], server_.Url("/un/consolidated.xml"));

  // The same bytes again: nothing new is stored.
  RunResult second = Update(config);
  EXPECT_EQ(second.exit_code, 3);
  EXPECT_NE(second.out.find("ofac-sdn: unchanged (version 1, 8976 entities)"), std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("un-sc: unchanged (version 1, 1003 entities)"), std::string::npos);
  EXPECT_NE(second.out.find("update: 0 updated, 2 unchanged, 1 failed"), std::string::npos);
  EXPECT_EQ(Lists()[0]["versions"], 1);

  // --only picks sources; all of them succeeding is exit 0.
  RunResult only = Update(config, {"--only", "un-sc", "--json"});
  EXPECT_EQ(only.exit_code, 0) << only.err;
  json summary = json::parse(only.out, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << only.out;
  EXPECT_EQ(summary["unchanged"], 1);
  EXPECT_EQ(summary["failed"], 0);
  ASSERT_EQ(summary["results"].size(), 1u);
  EXPECT_EQ(summary["results"][0]["version"]["list"], "un-sc");
  EXPECT_EQ(summary["results"][0]["bytes"], 2'030'620);

  RunResult unknown = Update(config, {"--only", "eu-fsf"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no source for list \"eu-fsf\""), std::string::npos) << unknown.err;
}

TEST_F(CliUpdateTest, GarbageOversizedAndSlowSourcesStoreNothing) {
  if (!fs::exists(SharedDataDir())) GTEST_SKIP() << "real list data not found";
  ServeRealFiles();
  server_.Serve("/garbage.xml", "<html><body>502 Bad Gateway</body></html>");
  server_.Route("/slow.xml", [this](const httplib::Request&, httplib::Response& response) {
    server_.Stall(std::chrono::seconds(6));
    response.set_content("too late", "text/plain");
  });
  json big = UrlSource("us-dpl", "/bis/dpl.txt");
  big["max_bytes"] = 10'000;  // the real file is 145,613 bytes
  json download = kQuickDownload;
  download["timeout_seconds"] = 1;
  const std::string config = WriteConfig(
      {UrlSource("un-sc", "/garbage.xml"), big, UrlSource("eu-fsf", "/slow.xml")}, download);

  RunResult update = Update(config);
  EXPECT_EQ(update.exit_code, 1) << update.out << update.err;
  EXPECT_NE(update.out.find("update: 0 updated, 0 unchanged, 3 failed"), std::string::npos)
      << update.out;
  EXPECT_NE(update.err.find("un-sc: " + server_.Url("/garbage.xml")), std::string::npos)
      << update.err;
  EXPECT_NE(update.err.find("exceeds the limit of 10000 bytes (too_large)"), std::string::npos)
      << update.err;
  EXPECT_NE(update.err.find("eu-fsf: " + server_.Url("/slow.xml")), std::string::npos);
  EXPECT_NE(update.err.find("imed out"), std::string::npos) << update.err;
  EXPECT_TRUE(Lists().empty());
}

TEST_F(CliUpdateTest, NoNetworkSaysSo) {
  const std::string config = WriteConfig({{{"list", "un-sc"}, {"url", "http://127.0.0.1:1/un.xml"}},
                                          {{"list", "us-dpl"}, {"url", "http://127.0.0.1:1/dpl"}}});
  RunResult update = Update(config);
  EXPECT_EQ(update.exit_code, 1);
  EXPECT_NE(update.err.find("cannot reach the server"), std::string::npos) << update.err;
  EXPECT_NE(update.err.find("no network access"), std::string::npos) << update.err;
}

TEST_F(CliUpdateTest, LocalSourcesWorkOffline) {
  INTERDICT_SHARED_FILE(folder, "ofac_consolidated_nonsdn");
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  const std::string config =
      WriteConfig({{{"list", "ofac-cons"}, {"format", "ofac-csv"}, {"path", folder.string()}},
                   {{"list", "us-dpl"}, {"url", "file://" + dpl.string()}}});
  RunResult update = Update(config);
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_NE(update.out.find("ofac-cons: version 1, 442 entities, "), std::string::npos)
      << update.out;
  EXPECT_NE(update.out.find("us-dpl: version 1, "), std::string::npos) << update.out;
}

TEST_F(CliUpdateTest, ProgressOnlyWhenAsked) {
  if (!fs::exists(SharedDataDir())) GTEST_SKIP() << "real list data not found";
  const std::string dpl = ReadFile(SharedDataDir() / "us_bis_dpl" / "dpl.txt");
  server_.Route("/dpl.txt", [this, dpl](const httplib::Request&, httplib::Response& response) {
    server_.Stall(std::chrono::milliseconds(1500));  // long enough for the progress line
    response.set_content(dpl, "text/plain");
  });
  const std::string config = WriteConfig({UrlSource("us-dpl", "/dpl.txt")});
  RunResult quiet = Update(config);
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err.find('\r'), std::string::npos);  // stderr is a pipe here
  RunResult shown = Update(config, {}, {"INTERDICT_PROGRESS=always"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.err.find("\r\033[Kdownloading us-dpl"), std::string::npos) << shown.err;
}

TEST_F(CliUpdateTest, BadConfigIsReported) {
  WriteFile(dir_ / "bad.json", "{\"sources\": [{\"list\": \"x\", \"url\": \"gopher://x\"}]}");
  RunResult update = Update((dir_ / "bad.json").string());
  EXPECT_EQ(update.exit_code, 1);
  EXPECT_NE(update.err.find("bad.json: /sources/0/url: unsupported scheme"), std::string::npos)
      << update.err;
  RunResult missing = Update((dir_ / "missing.json").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.json"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(db_)) << "a failed update must not create a store";
}

// scripts/run.sh (make run) with local lists: loads, summarises, looks up.
TEST(RunScriptTest, LoadsListsAndShowsAnExample) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  TempDir dir;
  const std::string db = (dir / "run.db").string();
  // Without INTERDICT_RUN_SERVE=0 the script ends by serving until stopped.
  testing::RunResult run = testing::RunProgram(
      "/usr/bin/env", {"INTERDICT_RUN_SERVE=0", "/bin/bash", INTERDICT_SOURCE_DIR "/scripts/run.sh",
                       INTERDICT_BINARY_DIR "/interdict", db, un.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("un-sc: version 1, 1003 entities"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("== Lists in the store"), std::string::npos);
  EXPECT_NE(run.out.find("== Example lookup: interdict show un-sc:QDi.001"), std::string::npos);
  EXPECT_NE(run.out.find("un-sc:QDi.001  "), std::string::npos) << run.out;
}

}  // namespace
}  // namespace interdict
