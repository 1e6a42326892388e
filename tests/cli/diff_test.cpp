// `interdict diff` and versioned `show`: two versions of the UN list, the
// second derived at test time from the real file with two individuals
// dropped and one renamed, must differ by exactly that.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Lines;
using testing::ReadFile;
using testing::RunInterdict;
using testing::RunResult;
using testing::TempDir;
using testing::WriteFile;

constexpr std::size_t kUnEntities = 730 + 273;

std::string Between(const std::string& text, std::size_t from, const std::string& open,
                    const std::string& close) {
  const std::size_t begin = text.find(open, from) + open.size();
  return text.substr(begin, text.find(close, begin) - begin);
}

// The real UN list with its first two INDIVIDUAL records removed and the
// third one's first name changed; records what it did.
struct EditedUnList {
  std::string original;
  std::string edited;
  std::string removed[2];  // entity ids
  std::string renamed;
  std::string new_first_name;
};

EditedUnList Edit(const std::string& xml) {
  EditedUnList out;
  out.original = xml;
  std::size_t starts[3];
  std::size_t at = 0;
  for (std::size_t& start : starts) {
    start = xml.find("<INDIVIDUAL>", at);
    at = start + 1;
  }
  for (int i = 0; i < 2; ++i) {
    out.removed[i] =
        "un-sc:" + Between(xml, starts[i], "<REFERENCE_NUMBER>", "</REFERENCE_NUMBER>");
  }
  out.renamed = "un-sc:" + Between(xml, starts[2], "<REFERENCE_NUMBER>", "</REFERENCE_NUMBER>");
  const std::string first_name = Between(xml, starts[2], "<FIRST_NAME>", "</FIRST_NAME>");
  out.new_first_name = first_name + " JUNIOR";
  out.edited = xml;
  const std::size_t name_at = xml.find("<FIRST_NAME>", starts[2]) + 12;
  out.edited.replace(name_at, first_name.size(), out.new_first_name);
  // Removing whole records, from the end so earlier offsets stay valid.
  const std::string close = "</INDIVIDUAL>";
  out.edited.erase(starts[0], xml.find(close, starts[1]) + close.size() - starts[0]);
  return out;
}

class CliDiffTest : public ::testing::Test {
 protected:
  void LoadBoth(const fs::path& un) {
    list_ = Edit(ReadFile(un));
    WriteFile(dir_ / "v1.xml", list_.original);
    WriteFile(dir_ / "v2.xml", list_.edited);
    RunResult v1 = Run({"load", (dir_ / "v1.xml").string()});
    ASSERT_EQ(v1.exit_code, 0) << v1.err;
    RunResult v2 = Run({"load", (dir_ / "v2.xml").string()});
    ASSERT_EQ(v2.exit_code, 0) << v2.err;
    ASSERT_TRUE(v2.out.starts_with("un-sc: version 2, 1001 entities, ")) << v2.out;
    ASSERT_TRUE(v2.out.ends_with(" (+0 -2 ~1)\n")) << v2.out;
  }
  RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunInterdict(args);
  }

  TempDir dir_;
  std::string db_ = (dir_ / "store.db").string();
  EditedUnList list_;
};

TEST_F(CliDiffTest, JsonListsExactlyTheEdits) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  LoadBoth(un);
  RunResult diff = Run({"diff", "un-sc", "--json"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  json value = json::parse(diff.out, nullptr, false);
  ASSERT_FALSE(value.is_discarded()) << diff.out;
  EXPECT_EQ(value["list"], "un-sc");
  EXPECT_EQ(value["from"]["number"], 1);
  EXPECT_EQ(value["to"]["number"], 2);
  EXPECT_EQ(value["from"]["entities"], kUnEntities);
  EXPECT_EQ(value["to"]["entities"], kUnEntities - 2);
  EXPECT_EQ(value["added"], 0);
  EXPECT_EQ(value["removed"], 2);
  EXPECT_EQ(value["changed"], 1);
  std::set<std::string> removed, changed;
  for (const json& change : value["changes"]) {
    if (change["kind"] == "removed") removed.insert(change["id"].get<std::string>());
    if (change["kind"] != "changed") continue;
    changed.insert(change["id"].get<std::string>());
    ASSERT_FALSE(change["fields"].empty());
    bool saw_new_name = false;
    for (const json& field : change["fields"]) {
      EXPECT_TRUE(field["path"].get<std::string>().starts_with("/names")) << field;
      saw_new_name =
          saw_new_name || field["after"].dump().find(list_.new_first_name) != std::string::npos;
    }
    EXPECT_TRUE(saw_new_name) << change.dump(2);
  }
  EXPECT_EQ(removed, (std::set<std::string>{list_.removed[0], list_.removed[1]}));
  EXPECT_EQ(changed, std::set<std::string>{list_.renamed});
}

TEST_F(CliDiffTest, TextAndReverseDirection) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  LoadBoth(un);
  RunResult text = Run({"diff", "un-sc", "1", "2"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  std::vector<std::string> lines = Lines(text.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines[0].find("0 added, 2 removed, 1 changed"), std::string::npos) << lines[0];
  for (const std::string& id : list_.removed) {
    EXPECT_NE(text.out.find("\n- " + id + "  "), std::string::npos) << id << "\n" << text.out;
  }
  EXPECT_NE(text.out.find("\n~ " + list_.renamed + "  "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("    /names"), std::string::npos) << text.out;

  RunResult reverse = Run({"diff", "un-sc", "2", "1", "--json"});
  ASSERT_EQ(reverse.exit_code, 0) << reverse.err;
  json value = json::parse(reverse.out, nullptr, false);
  EXPECT_EQ(value["added"], 2);
  EXPECT_EQ(value["removed"], 0);
  EXPECT_EQ(value["changed"], 1);

  EXPECT_EQ(Run({"diff", "un-sc", "1", "7"}).exit_code, 1);
  EXPECT_EQ(Run({"diff", "no-such-list"}).exit_code, 1);
}

TEST_F(CliDiffTest, ShowFollowsVersions) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  LoadBoth(un);
  // A removed entity is shown as it was last listed, not as current.
  RunResult removed = Run({"show", list_.removed[0]});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.out.find("un-sc, version 1, loaded"), std::string::npos) << removed.out;
  EXPECT_EQ(removed.out.find("(current)"), std::string::npos);
  RunResult gone = Run({"show", list_.removed[0], "--version", "2"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("not in version 2"), std::string::npos) << gone.err;

  RunResult before = Run({"show", list_.renamed, "--version", "1", "--json"});
  RunResult after = Run({"show", list_.renamed, "--json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(before.out.find(list_.new_first_name), std::string::npos);
  EXPECT_NE(after.out.find(list_.new_first_name), std::string::npos);

  RunResult exported = Run({"export", "--list", "un-sc"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(Lines(exported.out).size(), kUnEntities - 2);

  // Going back to the original content is a third version, not "unchanged".
  RunResult v3 = Run({"load", (dir_ / "v1.xml").string()});
  ASSERT_EQ(v3.exit_code, 0) << v3.err;
  EXPECT_TRUE(v3.out.starts_with("un-sc: version 3, 1003 entities, ")) << v3.out;
  EXPECT_TRUE(v3.out.ends_with(" (+2 -0 ~1)\n")) << v3.out;
}

}  // namespace
}  // namespace interdict
