// The relation graph over HTTP, on the real zala FtM file plus a hand-built
// own-relations file: screening results carry the basis and its proof, the
// network and derived routes, and matches nothing blocks are dropped.
#include <gtest/gtest.h>

#include <set>

#include "server_fixture.h"
#include "sources/parsers.h"

namespace interdict::testing {
namespace {

using nlohmann::json;

constexpr char kZakharov[] = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw";  // Alexander ZAKHAROV
constexpr char kSvetlana[] = "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc";  // Svetlana ZAKHAROVA
constexpr char kAssociation[] = "ftm:NK-SiYwWfxwLVrVeFswsvAvsm";

// Acme: 30% Zakharov + 25% Svetlana Zakharova (OFAC, EU: owned in
// aggregate; UK: neither holds more than 50%, so linked). Beta: held by the
// user's own holding; nothing blocks or links it.
constexpr char kRelations[] =
    "owner_id,owner_name,owned_id,owned_name,share,relation,source,date\n"
    "ftm:NK-aU5ybkbRFJucf8YMwsJvDw,Alexander ZAKHAROV,ACME1,Acme Drone Parts LLC,30%,owner,kyc "
    "2024,2020-01-01\n"
    "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc,Svetlana ZAKHAROVA,ACME1,,25%,owner,kyc 2024,2020-01-01\n"
    "H9,Harbor Holdings Ltd,BETA1,Beta Logistics Ltd,100,owner,kyc 2024,\n";

std::filesystem::path ZalaPath() {
  return SharedDataDir() / "opensanctions_ftm" / "zala_entities.ftm.json";
}

// Zala plus the relations above, as two lists.
void LoadZalaAndRelations(const std::string& db) {
  const std::filesystem::path zala = ZalaPath();
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store) << store.error().ToString();
  auto data = ParseList(zala);
  ASSERT_TRUE(data) << data.error().ToString();
  ASSERT_TRUE((*store)->AddVersion(*data, zala.string()));
  auto own = sources::ParseRelations(kRelations, "mine.csv");
  ASSERT_TRUE(own) << own.error().ToString();
  ASSERT_TRUE((*store)->AddVersion(*own, "mine.csv"));
}

class GraphApiTest : public SharedServerTest<GraphApiTest> {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(ZalaPath())) return;
    StartSharedServer(LoadZalaAndRelations);
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(zala, "opensanctions_ftm/zala_entities.ftm.json");
    UseSharedServer();
  }
  json Screen(const std::string& name, const std::string& query = "") {
    auto res = client_->Post(("/v1/screen" + query).c_str(), json{{"name", name}}.dump(),
                             "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    return Json(res);
  }
  json Get(const std::string& path, int status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    return Json(res);
  }
  static const json* MatchFor(const json& result, const std::string& id) {
    for (const json& m : result["matches"]) {
      if (m["entity_id"] == id) return &m;
    }
    return nullptr;
  }
};

TEST_F(GraphApiTest, ScreeningAnOwnedCompanyReportsTheAggregateAndPath) {
  const json result = Screen("Acme Drone Parts LLC");
  const json* acme = MatchFor(result, "own:ACME1");
  ASSERT_NE(acme, nullptr) << result.dump();
  EXPECT_EQ((*acme)["basis"], "owned");
  const json& derivation = (*acme)["derivation"];
  ASSERT_EQ(derivation.size(), 3u);
  EXPECT_EQ(derivation[0]["regime"], "ofac");
  EXPECT_EQ(derivation[0]["basis"], "owned");
  EXPECT_EQ(derivation[0]["aggregate_min"], 55.0);
  EXPECT_EQ(derivation[0]["explanation"], std::string("not listed; 55% owned in aggregate by ") +
                                              kZakharov + " (30%) and " + kSvetlana + " (25%)");
  ASSERT_EQ(derivation[0]["path"].size(), 2u);
  EXPECT_EQ(derivation[0]["path"][1]["id"], "own:ACME1");
  EXPECT_EQ(derivation[1]["regime"], "eu");
  EXPECT_EQ(derivation[1]["basis"], "owned");
  EXPECT_EQ(derivation[2]["regime"], "uk");
  EXPECT_EQ(derivation[2]["basis"], "linked");  // no one person holds more than 50%
}

TEST_F(GraphApiTest, ScreeningTheLinkedAssociationAndTheListedDirector) {
  const json association = Screen("НЕКОММЕРЧЕСКОЕ ПАРТНЕРСТВО АССОЦИАЦИЯ БЕСПИЛОТНЫХ СИСТЕМ");
  const json* a = MatchFor(association, kAssociation);
  ASSERT_NE(a, nullptr) << association.dump();
  EXPECT_EQ((*a)["basis"], "linked");
  EXPECT_EQ((*a)["derivation"][0]["explanation"],
            std::string("not listed; linked to listed ") + kZakharov + " via director_of (1 hop)");
  const json zakharov = Screen("Alexander Vyacheslavovich ZAKHAROV");
  const json* z = MatchFor(zakharov, kZakharov);
  ASSERT_NE(z, nullptr) << zakharov.dump();
  EXPECT_EQ((*z)["basis"], "listed");
}

TEST_F(GraphApiTest, MatchesNothingBlocksAreDroppedUnlessKept) {
  EXPECT_EQ(MatchFor(Screen("Beta Logistics Ltd"), "own:BETA1"), nullptr);
  const json kept = Screen("Beta Logistics Ltd", "?keep_none=true");
  const json* beta = MatchFor(kept, "own:BETA1");
  ASSERT_NE(beta, nullptr) << kept.dump();
  EXPECT_EQ((*beta)["basis"], "none");
  EXPECT_TRUE((*beta)["derivation"].empty());
  auto bad = client_->Post("/v1/screen?keep_none=yes", R"({"name":"x"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  // The batch route annotates the same way.
  auto batch = client_->Post("/v1/screen/batch",
                             R"({"queries":[{"id":"1","name":"Acme Drone Parts LLC"},)"
                             R"({"id":"2","name":"Beta Logistics Ltd"}]})",
                             "application/json");
  ASSERT_TRUE(batch);
  const json results = Json(batch)["results"];
  ASSERT_EQ(results.size(), 2u);
  ASSERT_NE(MatchFor(results[0], "own:ACME1"), nullptr);
  EXPECT_EQ((*MatchFor(results[0], "own:ACME1"))["basis"], "owned");
  EXPECT_EQ(MatchFor(results[1], "own:BETA1"), nullptr);
}

TEST_F(GraphApiTest, NetworkRouteShowsSharesAndBasisPerRegime) {
  const json hood = Get("/v1/entities/own:ACME1/network?depth=1");
  EXPECT_EQ(hood["center"], "own:ACME1");
  EXPECT_EQ(hood["depth"], 1);
  ASSERT_EQ(hood["nodes"].size(), 3u);  // Acme and its two owners
  EXPECT_EQ(hood["nodes"][0]["id"], "own:ACME1");
  EXPECT_EQ(hood["nodes"][0]["basis"]["ofac"], "owned");
  EXPECT_EQ(hood["nodes"][0]["basis"]["uk"], "linked");
  EXPECT_EQ(hood["nodes"][1]["basis"]["ofac"], "listed");
  // The two holdings, and the family relation between the two owners.
  ASSERT_EQ(hood["edges"].size(), 3u);
  double shares = 0;
  int holdings = 0;
  for (const json& edge : hood["edges"]) {
    if (edge["to"] != "own:ACME1") {
      const std::set<std::string> ends = {edge["from"], edge["to"]};
      EXPECT_EQ(ends, (std::set<std::string>{kZakharov, kSvetlana})) << edge.dump();
      continue;
    }
    EXPECT_EQ(edge["type"], "owner_of");
    shares += edge["share_min"].get<double>();
    ++holdings;
  }
  EXPECT_EQ(holdings, 2);
  EXPECT_DOUBLE_EQ(shares, 55);
  // Depth 2 reaches what Zakharov directs; the default depth is 2.
  EXPECT_GT(Get("/v1/entities/own:ACME1/network")["nodes"].size(), 3u);
  EXPECT_EQ(Get("/v1/entities/own:nobody/network", 404)["error"]["code"], "not_found");
  EXPECT_EQ(Get("/v1/entities/own:ACME1/network?depth=9", 400)["error"]["field"], "depth");
  // The entity route itself still answers, and a POST is not allowed.
  EXPECT_EQ(Get("/v1/entities/own:ACME1")["entity"]["id"], "own:ACME1");
  auto post = client_->Post("/v1/entities/own:ACME1/network", "", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(GraphApiTest, DerivedRoutePagesEachRegime) {
  const json ofac = Get("/v1/derived?regime=ofac");
  EXPECT_EQ(ofac["regime"], "ofac");
  EXPECT_EQ(ofac["total"], 1);
  ASSERT_EQ(ofac["results"].size(), 1u);
  const json& d = ofac["results"][0];
  EXPECT_EQ(d["id"], "own:ACME1");
  EXPECT_EQ(d["basis"], "owned");
  ASSERT_EQ(d["holdings"].size(), 2u);
  EXPECT_EQ(d["holdings"][0]["source"], "kyc 2024");
  EXPECT_EQ(Get("/v1/derived?regime=eu")["total"], 1);
  EXPECT_EQ(Get("/v1/derived?regime=uk")["total"], 0);
  const json page = Get("/v1/derived?regime=ofac&offset=1&limit=5");
  EXPECT_EQ(page["total"], 1);
  EXPECT_TRUE(page["results"].empty());
  EXPECT_EQ(Get("/v1/derived?regime=us", 400)["error"]["field"], "regime");
  EXPECT_EQ(Get("/v1/derived", 400)["error"]["field"], "regime");
}

TEST_F(GraphApiTest, SearchHitsCarryTheBasis) {
  const json hits = Get("/v1/search?q=Beta%20Logistics");
  ASSERT_FALSE(hits["results"].empty());
  EXPECT_EQ(hits["results"][0]["entity_id"], "own:BETA1");
  EXPECT_EQ(hits["results"][0]["basis"], "none");
  const json acme = Get("/v1/search?q=Acme");
  ASSERT_FALSE(acme["results"].empty());
  EXPECT_EQ(acme["results"][0]["basis"], "owned");
}

}  // namespace
}  // namespace interdict::testing
