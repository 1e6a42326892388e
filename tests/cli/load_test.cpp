// `interdict load`, `lists`, `show` and `export`, run as a user would: the
// built binary on temporary stores, fed the real list files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_test_util.h"
#include "interdict/sources.h"
#include "test_util.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Lines;
using testing::ReadFile;
using testing::RunInterdict;
using testing::RunResult;
using testing::SharedDataDir;
using testing::TempDir;
using testing::WriteFile;

constexpr std::size_t kSdnEntities = 8976;

// One store holding the OFAC SDN 2021 set, loaded once for the tests that
// only read it (loading it takes a while in a debug build).
struct SdnStore {
  TempDir dir;
  std::string db = (dir / "store.db").string();
  RunResult first_load;
  std::size_t expected_names = 0;
  std::size_t expected_relations = 0;
};

SdnStore& LoadedSdnStore() {
  static const std::unique_ptr<SdnStore> store = [] {
    auto s = std::make_unique<SdnStore>();
    const fs::path folder = SharedDataDir() / "ofac_sdn_2021";
    s->first_load = RunInterdict({"--db", s->db, "load", folder.string()});
    // The counts the CLI reports must be those of the parsed list.
    Result<ListData> data = ParseList(folder);
    if (data) {
      for (const Entity& e : data->entities) {
        s->expected_names += e.names.size();
        s->expected_relations += e.relations.size();
      }
    }
    return s;
  }();
  return *store;
}

json ParseJson(const std::string& text) {
  json value = json::parse(text, nullptr, false);
  EXPECT_FALSE(value.is_discarded()) << text;
  return value;
}

TEST(CliLoadTest, LoadsTheOfacSdnFolderAndPrintsTheCounts) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  ASSERT_EQ(store.first_load.exit_code, 0) << store.first_load.err;
  ASSERT_GT(store.expected_names, kSdnEntities);  // aliases on top of primaries
  const std::string expected =
      "ofac-sdn: version 1, 8976 entities, " + std::to_string(store.expected_names) + " names, " +
      std::to_string(store.expected_relations) + " relations (+8976 -0 ~0)";
  EXPECT_EQ(Lines(store.first_load.out), std::vector<std::string>{expected});
  // stderr is not a terminal here: no progress line.
  EXPECT_EQ(store.first_load.err.find('\r'), std::string::npos);
}

TEST(CliLoadTest, ListsJsonDescribesTheCurrentVersion) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  RunResult lists = RunInterdict({"--db", store.db, "lists", "--json"});
  ASSERT_EQ(lists.exit_code, 0) << lists.err;
  json value = ParseJson(lists.out);
  ASSERT_TRUE(value.is_array());
  ASSERT_EQ(value.size(), 1u);
  EXPECT_EQ(value[0]["list"], "ofac-sdn");
  EXPECT_EQ(value[0]["versions"], 1);
  const json& current = value[0]["current"];
  EXPECT_EQ(current["number"], 1);
  EXPECT_EQ(current["entities"], kSdnEntities);
  EXPECT_EQ(current["names"], store.expected_names);
  EXPECT_EQ(current["relations"], store.expected_relations);
  EXPECT_EQ(current["added"], kSdnEntities);
  EXPECT_EQ(current["format"], "ofac-csv");
  EXPECT_EQ(current["sha256"].get<std::string>().size(), 64u);
  EXPECT_TRUE(current["loaded_at"].get<std::string>().ends_with("Z"));
  EXPECT_TRUE(current["source"].get<std::string>().ends_with("ofac_sdn_2021"));

  RunResult table = RunInterdict({"--db", store.db, "lists"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  std::vector<std::string> lines = Lines(table.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].starts_with("LIST")) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("ofac-sdn  ")) << lines[1];
  EXPECT_NE(lines[1].find(" 8976 "), std::string::npos) << lines[1];
}

TEST(CliLoadTest, LoadingTheSameFilesAgainChangesNothing) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  RunResult again = RunInterdict({"--db", store.db, "load", folder.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "ofac-sdn: unchanged (version 1, 8976 entities)\n");
  RunResult lists = RunInterdict({"--db", store.db, "lists", "--json"});
  EXPECT_EQ(ParseJson(lists.out)[0]["versions"], 1);
}

TEST(CliLoadTest, ShowJsonIsTheEntitysExportLine) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  RunResult show = RunInterdict({"--db", store.db, "show", "ofac-sdn:306", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  RunResult exported = RunInterdict({"--db", store.db, "export", "--format", "jsonl"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::vector<std::string> lines = Lines(exported.out);
  ASSERT_EQ(lines.size(), kSdnEntities);
  std::string line_306;
  for (const std::string& line : lines) {
    if (line.find("\"id\":\"ofac-sdn:306\"") != std::string::npos) line_306 = line;
  }
  EXPECT_EQ(show.out, line_306 + "\n");
  json entity = ParseJson(show.out);
  EXPECT_EQ(entity["id"], "ofac-sdn:306");
  EXPECT_EQ(entity["names"][0]["name"], "BANCO NACIONAL DE CUBA");
  EXPECT_EQ(entity["names"].size(), 3u);
  EXPECT_EQ(entity["addresses"].size(), 4u);

  // --output writes the same bytes to a file (and says how many on stderr).
  TempDir out_dir;
  const std::string out_file = (out_dir / "all.jsonl").string();
  RunResult to_file =
      RunInterdict({"--db", store.db, "export", "--list", "ofac-sdn", "--output", out_file});
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(ReadFile(out_file), exported.out);
  EXPECT_FALSE(fs::exists(out_file + ".partial"));
  EXPECT_NE(to_file.err.find("wrote 8976 entities"), std::string::npos) << to_file.err;
}

TEST(CliLoadTest, ShowPrintsEverythingForPeople) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  RunResult show = RunInterdict({"--db", store.db, "show", "ofac-sdn:306"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(show.out.starts_with("ofac-sdn:306  BANCO NACIONAL DE CUBA\n")) << show.out;
  // The alias from alt.csv, the address from add.csv, the program, the
  // remark and the version it is in.
  for (const char* expected :
       {"NATIONAL BANK OF CUBA", "Zweierstrasse 35", "Zurich", "CUBA", "a.k.a. 'BNC'",
        "ofac-sdn, version 1 (current)", "Names", "Addresses", "In versions", "organization"}) {
    EXPECT_NE(show.out.find(expected), std::string::npos) << expected << "\n" << show.out;
  }
}

TEST(CliLoadTest, UnknownEntityAndMissingStoreFail) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  RunResult unknown = RunInterdict({"--db", store.db, "show", "ofac-sdn:999999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("ofac-sdn:999999999"), std::string::npos) << unknown.err;
  RunResult no_version = RunInterdict({"--db", store.db, "show", "ofac-sdn:306", "--version", "9"});
  EXPECT_EQ(no_version.exit_code, 1);
  EXPECT_NE(no_version.err.find("has no version 9"), std::string::npos) << no_version.err;

  TempDir dir;
  const std::string missing = (dir / "missing.db").string();
  for (const std::vector<std::string>& args : {std::vector<std::string>{"lists"},
                                               {"show", "ofac-sdn:306"},
                                               {"diff", "ofac-sdn"},
                                               {"export"}}) {
    std::vector<std::string> full = {"--db", missing};
    full.insert(full.end(), args.begin(), args.end());
    RunResult result = RunInterdict(full);
    EXPECT_EQ(result.exit_code, 1) << args[0];
    EXPECT_NE(result.err.find("no store here"), std::string::npos) << result.err;
  }
  EXPECT_FALSE(fs::exists(missing)) << "read-only commands must not create a store";
}

// A copy of the SDN set with one malformed row in the middle of sdn.csv.
TEST(CliLoadTest, BadFileFailsWithFileAndLineAndLeavesTheStoreAlone) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  const SdnStore& store = LoadedSdnStore();
  TempDir dir;
  const fs::path bad = dir / "ofac_sdn_broken";
  fs::create_directories(bad);
  for (const char* name : {"alt.csv", "add.csv", "sdn_comments.csv"}) {
    fs::copy_file(folder / name, bad / name);
  }
  const std::string sdn = ReadFile(folder / "sdn.csv");
  std::size_t offset = 0;
  for (int line = 0; line < 4000; ++line) offset = sdn.find('\n', offset) + 1;
  WriteFile(bad / "sdn.csv",
            sdn.substr(0, offset) + "99999999,\"ONLY TWO FIELDS\"\r\n" + sdn.substr(offset));
  RunResult before = RunInterdict({"--db", store.db, "lists", "--json"});

  RunResult load = RunInterdict({"--db", store.db, "load", bad.string()});
  EXPECT_EQ(load.exit_code, 1);
  EXPECT_EQ(load.out, "");
  EXPECT_NE(load.err.find("sdn.csv:4001"), std::string::npos) << load.err;

  RunResult after = RunInterdict({"--db", store.db, "lists", "--json"});
  EXPECT_EQ(after.out, before.out);

  // A truncated XML file: the same, and still nothing stored.
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  const std::string xml = ReadFile(un);
  WriteFile(dir / "truncated.xml", xml.substr(0, xml.size() / 2));
  RunResult truncated = RunInterdict({"--db", store.db, "load", (dir / "truncated.xml").string()});
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_NE(truncated.err.find("truncated.xml:"), std::string::npos) << truncated.err;
  EXPECT_EQ(RunInterdict({"--db", store.db, "lists", "--json"}).out, before.out);
}

TEST(CliLoadTest, OneFailingPathDoesNotStopTheOthers) {
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  TempDir dir;
  const std::string db = (dir / "store.db").string();
  WriteFile(dir / "not_a_list.xml", "<root><nothing/></root>");
  RunResult load = RunInterdict({"--db", db, "load", (dir / "nope.csv").string(), dpl.string(),
                                 (dir / "not_a_list.xml").string()});
  EXPECT_EQ(load.exit_code, 3) << load.err;
  EXPECT_NE(load.err.find("nope.csv: no such file or folder"), std::string::npos) << load.err;
  EXPECT_NE(load.err.find("not_a_list.xml"), std::string::npos) << load.err;
  EXPECT_NE(load.out.find("us-dpl: version 1, "), std::string::npos) << load.out;

  RunResult all_bad = RunInterdict({"--db", db, "load", (dir / "nope.csv").string()});
  EXPECT_EQ(all_bad.exit_code, 1);
}

TEST(CliLoadTest, FoldersAreSearchedAndUnrecognisedFilesSkipped) {
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  INTERDICT_SHARED_FILE(t1, "opensanctions_ftm/t1_entities.ftm.json");
  TempDir dir;
  const fs::path lists = dir / "lists";
  fs::create_directories(lists / "nested");
  fs::copy_file(dpl, lists / "dpl.txt");
  fs::copy_file(t1, lists / "nested" / "t1_entities.ftm.json");
  WriteFile(lists / "README.md", "# notes about these files\n");
  const std::string db = (dir / "store.db").string();
  RunResult load = RunInterdict({"--db", db, "load", lists.string(), "--json"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_NE(load.err.find("skipped " + (lists / "README.md").string()), std::string::npos)
      << load.err;
  json result = ParseJson(load.out);
  ASSERT_EQ(result["results"].size(), 2u) << load.out;
  ASSERT_EQ(result["skipped"].size(), 1u);
  for (const json& item : result["results"]) {
    EXPECT_TRUE(item["created"].get<bool>()) << item;
    EXPECT_GT(item["version"]["entities"].get<int>(), 0) << item;
  }
}

// A folder holding one list in two formats, and FtM deltas: loading it twice
// must not add versions the second time.
TEST(CliLoadTest, ReloadingAFolderIsIdempotent) {
  INTERDICT_SHARED_FILE(cons, "ofac_consolidated_nonsdn");
  INTERDICT_SHARED_FILE(ftm, "opensanctions_ftm");
  TempDir dir;
  const fs::path lists = dir / "lists";
  fs::create_directories(lists / "deltas");
  fs::copy(cons, lists / "cons");
  for (const char* name :
       {"t2_20240527194702-wnk_entities.delta.json", "t2_20240528014702-pfh_entities.delta.json"}) {
    fs::copy_file(ftm / name, lists / "deltas" / name);
  }
  const std::string db = (dir / "store.db").string();
  RunResult first = RunInterdict({"--db", db, "load", lists.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("ofac-cons: version 1, 442 entities, "), std::string::npos) << first.out;
  EXPECT_NE(first.err.find("skipped " + (lists / "cons" / "CONS_ENHANCED.ZIP").string() +
                           ": holds list ofac-cons, already loaded from"),
            std::string::npos)
      << first.err;
  EXPECT_NE(first.out.find("ftm-t2: version 1, "), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("ftm-t2: version 2, "), std::string::npos) << first.out;

  RunResult second = RunInterdict({"--db", db, "load", lists.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(Lines(second.out),
            (std::vector<std::string>{"ofac-cons: unchanged (version 1, 442 entities)",
                                      "ftm-t2: unchanged (version 1, 2 entities)",
                                      "ftm-t2: unchanged (version 2, 3 entities)"}));
  json lists_json = ParseJson(RunInterdict({"--db", db, "lists", "--json"}).out);
  ASSERT_EQ(lists_json.size(), 2u);
  EXPECT_EQ(lists_json[0]["list"], "ftm-t2");
  EXPECT_EQ(lists_json[0]["versions"], 2);
  EXPECT_EQ(lists_json[1]["list"], "ofac-cons");
  EXPECT_EQ(lists_json[1]["versions"], 1);
}

TEST(CliLoadTest, UsageErrors) {
  EXPECT_EQ(RunInterdict({}).exit_code, 2);
  EXPECT_EQ(RunInterdict({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(RunInterdict({"show"}).exit_code, 2);
  EXPECT_EQ(RunInterdict({"load"}).exit_code, 2);
  EXPECT_EQ(RunInterdict({"export", "--format", "csv"}).exit_code, 2);
  RunResult format = RunInterdict({"load", "--format", "pdf", "/dev/null"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.err.find("unknown format \"pdf\""), std::string::npos) << format.err;
}

TEST(CliLoadTest, EveryCommandHasHelp) {
  for (const char* command : {"load", "update", "lists", "show", "diff", "export", "version"}) {
    RunResult help = RunInterdict({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << ": " << help.out;
    EXPECT_NE(help.out.find(command), std::string::npos) << command;
  }
  RunResult top = RunInterdict({"--help"});
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("update"), std::string::npos);
  EXPECT_EQ(RunInterdict({"version"}).out, "interdict 0.1.0\n");
}

}  // namespace
}  // namespace interdict
