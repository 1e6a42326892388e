// `interdict screen` end to end with the relation graph: the real zala FtM
// file loaded, the user's own relations imported, and screening reports
// each match's basis (owned, linked, listed) with its proof, in every
// output form, dropping matches nothing blocks unless --keep-none.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_test_util.h"
#include "test_util.h"

namespace interdict {
namespace {

using nlohmann::json;
using testing::Lines;
using testing::RunInterdict;
using testing::RunResult;
using testing::SharedDataDir;
using testing::TempDir;
using testing::WriteFile;

constexpr char kZakharov[] = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw";
constexpr char kSvetlana[] = "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc";

class ScreenBasis : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SHARED_FILE(zala, "opensanctions_ftm/zala_entities.ftm.json");
    RunResult load = RunInterdict({"--db", db_, "load", zala.string()});
    ASSERT_EQ(load.exit_code, 0) << load.err;
    const std::string csv = (dir_ / "mine.csv").string();
    WriteFile(csv,
              "owner_id,owner_name,owned_id,owned_name,share,relation,source,date\n"
              "ftm:NK-aU5ybkbRFJucf8YMwsJvDw,,ACME1,Acme Drone Parts LLC,30%,owner,kyc,2020-01-01\n"
              "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc,,ACME1,,25%,owner,kyc,2020-01-01\n"
              "H9,Harbor Holdings Ltd,BETA1,Beta Logistics Ltd,100,owner,kyc,\n");
    RunResult import = RunInterdict({"--db", db_, "import-relations", csv});
    ASSERT_EQ(import.exit_code, 0) << import.err;
  }
  RunResult Screen(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_, "screen"});
    return RunInterdict(args);
  }

  TempDir dir_;
  std::string db_ = (dir_ / "store.db").string();
};

TEST_F(ScreenBasis, JsonCarriesTheBasisAndThePathPerRegime) {
  RunResult r = Screen({"--json", "Acme Drone Parts LLC"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json result = json::parse(r.out);
  ASSERT_FALSE(result["matches"].empty()) << r.out;
  const json& acme = result["matches"][0];
  EXPECT_EQ(acme["entity_id"], "own:ACME1");
  EXPECT_EQ(acme["basis"], "owned");
  ASSERT_EQ(acme["derivation"].size(), 3u);
  EXPECT_EQ(acme["derivation"][0]["explanation"],
            std::string("not listed; 55% owned in aggregate by ") + kZakharov + " (30%) and " +
                kSvetlana + " (25%)");
  // The path runs through the holding that completed the threshold.
  EXPECT_EQ(acme["derivation"][0]["path"][0]["id"], kSvetlana);
  EXPECT_EQ(acme["derivation"][0]["path"][1]["relation"], "owner_of 25%");
  EXPECT_EQ(acme["derivation"][2]["regime"], "uk");
  EXPECT_EQ(acme["derivation"][2]["basis"], "linked");
}

TEST_F(ScreenBasis, TableAndCsvShowTheBasis) {
  RunResult table = Screen({"Acme Drone Parts LLC"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("owned"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("ofac: not listed; 55% owned in aggregate by"), std::string::npos)
      << table.out;
  const std::string input = (dir_ / "q.csv").string();
  WriteFile(input, "id,name\n1,Acme Drone Parts LLC\n2,Beta Logistics Ltd\n");
  RunResult csv = Screen({"--input", input, "--format", "csv", "--threads", "1"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const std::vector<std::string> lines = Lines(csv.out);
  ASSERT_EQ(lines.size(), 3u) << csv.out;
  EXPECT_EQ(lines[0],
            "id,rank,entity_id,score,list,name,primary_name,schema,summary,basis,"
            "basis_explanation,error");
  EXPECT_NE(lines[1].find(",own:ACME1,"), std::string::npos);
  EXPECT_NE(lines[1].find(",owned,\"ofac, eu: not listed; 55% owned in aggregate by "),
            std::string::npos)
      << lines[1];
  EXPECT_EQ(lines[2], "2,0,,,,,,,,,,");  // Beta: nothing blocks or links it
}

TEST_F(ScreenBasis, LinkedAndUnrelatedCompanies) {
  RunResult linked = Screen({"--json", "НЕКОММЕРЧЕСКОЕ ПАРТНЕРСТВО АССОЦИАЦИЯ БЕСПИЛОТНЫХ СИСТЕМ"});
  ASSERT_EQ(linked.exit_code, 0) << linked.err;
  const json result = json::parse(linked.out);
  ASSERT_FALSE(result["matches"].empty()) << linked.out;
  EXPECT_EQ(result["matches"][0]["basis"], "linked");
  // ООО "СПС": Zakharov's 75% ended in 2022, so today it is nothing: only
  // --keep-none reports it.
  const std::string sps_name = "ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ СПС";
  auto find_sps = [](const RunResult& r) -> json {
    const json parsed = json::parse(r.out);  // not a range-for over a temporary's member
    for (const json& m : parsed["matches"]) {
      if (m["entity_id"] == "ftm:NK-9Xa4Kg7Y7nfccE7VcZt6Q6") return m;
    }
    return nullptr;
  };
  RunResult sps = Screen({"--json", sps_name});
  ASSERT_EQ(sps.exit_code, 0) << sps.err;
  EXPECT_TRUE(find_sps(sps).is_null()) << sps.out;
  RunResult sps_kept = Screen({"--json", "--keep-none", sps_name});
  ASSERT_EQ(sps_kept.exit_code, 0) << sps_kept.err;
  ASSERT_FALSE(find_sps(sps_kept).is_null()) << sps_kept.out;
  EXPECT_EQ(find_sps(sps_kept)["basis"], "none");
  RunResult beta = Screen({"--json", "--keep-none", "Beta Logistics Ltd"});
  ASSERT_EQ(beta.exit_code, 0) << beta.err;
  const json kept = json::parse(beta.out);
  ASSERT_FALSE(kept["matches"].empty()) << beta.out;
  EXPECT_EQ(kept["matches"][0]["entity_id"], "own:BETA1");
  EXPECT_EQ(kept["matches"][0]["basis"], "none");
}

}  // namespace
}  // namespace interdict
