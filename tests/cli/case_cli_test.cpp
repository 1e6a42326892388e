// Case work through the `interdict` binary on both backends: the same
// commands against a SQLite file and a PostgreSQL schema (--db), loads
// recorded in the audit trail, and a list load rescreening the monitored
// population against what it added.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"
#include "store/store_backend.h"
#include "test_util.h"

namespace interdict::testing {
namespace {

using nlohmann::json;

class CaseCli : public BackendTest {
 protected:
  RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", backend_->location()});
    return RunInterdict(args);
  }
  std::vector<json> JsonLines(const std::string& text) {
    std::vector<json> rows;
    for (const std::string& line : Lines(text)) {
      if (!line.empty()) rows.push_back(json::parse(line));
    }
    return rows;
  }
  std::vector<json> Alerts(const std::string& customer) {
    RunResult r = Run({"--json", "alerts", "list", "--customer", customer});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return JsonLines(r.out);
  }
  std::vector<std::string> AuditActions() {
    RunResult r = Run({"audit", "export"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> actions;
    for (const json& row : JsonLines(r.out)) {
      actions.push_back(row["action"].get<std::string>() + " " + row["subject"].get<std::string>());
    }
    return actions;
  }
};

TEST_P(CaseCli, LoadImportDecideRescreenOnLoadAndVerify) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  INTERDICT_SHARED_FILE(dpl, "us_bis_dpl/dpl.txt");
  TempDir dir;
  const std::string people = (dir / "people.csv").string();
  WriteFile(people,
            "id,name,type\n"
            "K1,Eric Badege,person\n"
            "K2,Aaron Abraham Villa,person\n"
            "K3,Jane Q Nobody,person\n");

  // No customers yet: the load is audited, nothing is screened.
  RunResult load = Run({"load", un.string(), "--user", "admin1"});
  ASSERT_EQ(load.exit_code, 0) << load.err;
  EXPECT_EQ(load.out.find("rescreen"), std::string::npos) << load.out;
  ASSERT_EQ(Run({"users", "add", "admin1", "--role", "admin", "--user", "admin1"}).exit_code, 0);

  RunResult import = Run({"--json", "customers", "import", people, "--user", "admin1"});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(json::parse(import.out)["added"], 3);
  std::vector<json> k1 = Alerts("K1");
  ASSERT_EQ(k1.size(), 1u);
  EXPECT_EQ(k1[0]["entity_id"], "un-sc:CDi.001");
  EXPECT_TRUE(Alerts("K2").empty());  // not on the UN list

  const std::string id = std::to_string(k1[0]["id"].get<std::int64_t>());
  RunResult decided =
      Run({"alerts", "decide", id, "true_match", "--note", "same person", "--user", "admin1"});
  ASSERT_EQ(decided.exit_code, 0) << decided.err;
  // A second decision read at the first revision loses.
  RunResult stale =
      Run({"alerts", "decide", id, "false_positive", "--revision", "1", "--user", "admin1"});
  EXPECT_EQ(stale.exit_code, 1);
  EXPECT_NE(stale.err.find("conflict"), std::string::npos) << stale.err;
  EXPECT_EQ(Alerts("K1").at(0)["status"], "closed_true_match");

  // The first rescreen is a full one and sets the baseline for delta runs.
  RunResult first = Run({"--json", "rescreen", "--user", "admin1"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(json::parse(first.out)["mode"], "full");

  // A new list loads: the population is screened against its entities at
  // once, and K2 (on the BIS Denied Persons List) alerts.
  RunResult second = Run({"--json", "load", dpl.string(), "--user", "admin1"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const json rescreen = json::parse(second.out)["rescreen"];
  EXPECT_EQ(rescreen["mode"], "delta") << second.out;
  EXPECT_EQ(rescreen["customers"], 3);
  EXPECT_EQ(rescreen["entities_screened_against"], 459);
  EXPECT_EQ(rescreen["versions"], json::array({"us-dpl v1 (+459 ~0 -0)"}));
  std::vector<json> k2 = Alerts("K2");
  ASSERT_EQ(k2.size(), 1u);
  EXPECT_EQ(k2[0]["entity_name"], "AARON ABRAHAM VILLA");
  EXPECT_EQ(k2[0]["reason"], "us-dpl version 1 listed it");
  EXPECT_EQ(Alerts("K1").size(), 1u);  // decided and unchanged: no new alert

  const std::vector<std::string> actions = AuditActions();
  ASSERT_GE(actions.size(), 8u);
  EXPECT_EQ(actions[0], "list.load list:un-sc/1");
  EXPECT_NE(std::find(actions.begin(), actions.end(), "list.load list:us-dpl/1"), actions.end());
  EXPECT_NE(std::find(actions.begin(), actions.end(), "screening.run rescreen"), actions.end());
  RunResult verify = Run({"--json", "audit", "verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(json::parse(verify.out)["rows"], static_cast<int>(actions.size()));

  // Loading the same file again stores no version: audited, no rescreen.
  RunResult again = Run({"load", dpl.string(), "--user", "admin1"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.find("rescreen"), std::string::npos) << again.out;
  EXPECT_EQ(AuditActions().size(), actions.size() + 1);
}

INTERDICT_ON_EVERY_BACKEND(CaseCli);

}  // namespace
}  // namespace interdict::testing
