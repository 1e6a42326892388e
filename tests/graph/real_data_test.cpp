// The network on real data: the OpenSanctions zala file (real Ownership,
// Directorship and Family records around Alexander Zakharov and ZALA) and
// the OFAC SDN "Linked To:" remarks.
#include <gtest/gtest.h>

#include "interdict/graph.h"
#include "interdict/sources.h"
#include "test_util.h"

namespace interdict::testing {
namespace {

constexpr char kZakharov[] = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw";
constexpr char kSps[] = "ftm:NK-9Xa4Kg7Y7nfccE7VcZt6Q6";         // ООО "СПС"
constexpr char kTst[] = "ftm:ru-inn-5920040846";                 // ООО "ЦСТ"
constexpr char kIzhtelecom[] = "ftm:NK-56Edov9bas9puzaChH5pBy";  // ООО "ИЖТЕЛЕКОМ"
constexpr char kAssociation[] = "ftm:NK-SiYwWfxwLVrVeFswsvAvsm";

std::unique_ptr<Network> ZalaAsOf(const ListData& data, PartialDate as_of) {
  NetworkOptions options;
  options.as_of = as_of;
  auto network = std::make_unique<Network>(options);
  for (const Entity& entity : data.entities) network->AddEntity(entity);
  network->Finish();
  return network;
}

std::vector<std::string> DerivedIds(const Network& network, Regime regime) {
  std::vector<std::string> ids;
  for (const Derivation& d : network.Derived(regime)) ids.push_back(d.entity_id);
  return ids;
}

class Zala : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SHARED_FILE(path, "opensanctions_ftm/zala_entities.ftm.json");
    Result<ListData> parsed = ParseList(path);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    data_ = std::move(*parsed);
  }
  ListData data_;
};

TEST_F(Zala, SanctionedFtmEntitiesAreTheSeeds) {
  // 17 parties: 13 carry a Sanction record or the topic "sanction"; the
  // four companies from the Russian registry (ext_ru_egrul) and the drone
  // association (topic "sanction.linked") do not.
  int listed = 0;
  for (const Entity& e : data_.entities) listed += IsListedEntity(e) ? 1 : 0;
  EXPECT_EQ(data_.entities.size(), 17u);
  EXPECT_EQ(listed, 13);
  auto network = ZalaAsOf(data_, {2025, 6, 1});
  EXPECT_EQ(network->node_count(), 17u);
  EXPECT_EQ(network->edge_count(), 21u);  // 14 ownership, 3 directorship, 4 family
  EXPECT_EQ(network->BasisOf(kZakharov, Regime::kOfac)->basis, Basis::kListed);
  EXPECT_EQ(network->BasisOf(kAssociation, Regime::kOfac)->basis, Basis::kLinked);
}

TEST_F(Zala, TodayEveryUnlistedHoldingHasEnded) {
  // Zakharov's stakes in СПС (to 2022-11-22), ЦСТ (to 2019-08-02) and
  // ИЖТЕЛЕКОМ (to 2012-06-30) have all ended; his directorship of the
  // association has not, which makes it linked, not blocked.
  auto network = ZalaAsOf(data_, {2025, 6, 1});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_TRUE(network->Derived(r).empty()) << RegimeName(r);
    std::vector<Derivation> linked = network->Linked(r);
    ASSERT_EQ(linked.size(), 1u);
    EXPECT_EQ(linked[0].entity_id, kAssociation);
    EXPECT_EQ(linked[0].explanation, std::string("not listed; linked to listed ") + kZakharov +
                                         " via director_of (1 hop)");
  }
}

TEST_F(Zala, In2021SpsWasOwnedUnderEveryRegime) {
  auto network = ZalaAsOf(data_, {2021, 6, 1});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(DerivedIds(*network, r), std::vector<std::string>{kSps}) << RegimeName(r);
    std::optional<Derivation> d = network->BasisOf(kSps, r);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->basis, Basis::kOwned);
    EXPECT_DOUBLE_EQ(d->aggregate_min, 75);
    ASSERT_EQ(d->holdings.size(), 1u);
    EXPECT_EQ(d->holdings[0].owner_id, kZakharov);
    EXPECT_EQ(d->holdings[0].source, "ftm:ru-5528524ef7d9bfc955a598ba8fd2cbe084a549d5");
    ASSERT_EQ(d->path.size(), 2u);
    EXPECT_EQ(d->path[1].relation, "owner_of 75%");
  }
}

TEST_F(Zala, In2016TstWasOwnedAndIn2010IzhtelecomPossibly) {
  auto in_2016 = ZalaAsOf(data_, {2016, 1, 1});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(DerivedIds(*in_2016, r), std::vector<std::string>{kTst}) << RegimeName(r);
  }
  // The 2002-2012 stake in ИЖТЕЛЕКОМ has a share count but no percentage.
  auto in_2010 = ZalaAsOf(data_, {2010, 1, 1});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(DerivedIds(*in_2010, r), std::vector<std::string>{kIzhtelecom}) << RegimeName(r);
    std::optional<Derivation> d = in_2010->BasisOf(kIzhtelecom, r);
    EXPECT_EQ(d->basis, Basis::kPossiblyOwned);
    EXPECT_DOUBLE_EQ(d->aggregate_min, 0);
    EXPECT_DOUBLE_EQ(d->aggregate_max, 100);
  }
}

TEST_F(Zala, NetworkViewShowsSharesAndHistory) {
  auto network = ZalaAsOf(data_, {2025, 6, 1});
  Result<Neighbourhood> hood = network->Around(kZakharov, 1);
  ASSERT_TRUE(hood) << hood.error().ToString();
  // Zakharov: 10 ownership records (to 8 companies), 2 directorships and 4
  // family ties; plus his wife's 1% of LLC CST among the neighbours.
  EXPECT_EQ(hood->nodes.size(), 14u);
  EXPECT_EQ(hood->edges.size(), 17u);
  EXPECT_EQ(hood->nodes[0].id, kZakharov);
  int ended = 0;
  for (const NetworkEdge& e : hood->edges) ended += e.current ? 0 : 1;
  EXPECT_EQ(ended, 10);  // all but his 51% of LLC CST, held since 2015
  const std::string dot = NeighbourhoodToDot(*hood);
  EXPECT_NE(dot.find("owner_of 75% (ended)"), std::string::npos);
  const std::string graphml = NeighbourhoodToGraphml(*hood);
  EXPECT_NE(graphml.find("<data key=\"share\">75%</data>"), std::string::npos);
}

class OfacLinkedTo : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SHARED_FILE(path, "ofac_sdn_2021");
    Result<ListData> parsed = ParseList(path);
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    data_ = std::move(*parsed);
  }
  // Only `seed` is treated as listed, so every other SDN reached is linked.
  std::vector<Derivation> LinkedFrom(const std::string& seed, int depth) {
    NetworkOptions options;
    options.as_of = PartialDate{2021, 7, 1};
    options.link_depths.linked_to = depth;
    options.is_listed = [seed](const Entity& e) { return e.id == seed; };
    Network network(options);
    for (const Entity& entity : data_.entities) network.AddEntity(entity);
    network.Finish();
    return network.Linked(Regime::kOfac);
  }
  ListData data_;
};

TEST_F(OfacLinkedTo, AllSdnEntitiesAreListedAndTheLinksResolve) {
  Network network;
  for (const Entity& entity : data_.entities) network.AddEntity(entity);
  network.Finish();
  EXPECT_EQ(network.node_count(), 8976u);
  EXPECT_EQ(network.edge_count(), 3397u);
  EXPECT_TRUE(network.Derived(Regime::kOfac).empty());  // "Linked To:" never blocks
  EXPECT_TRUE(network.Linked(Regime::kOfac).empty());   // everyone is listed already
}

TEST_F(OfacLinkedTo, HopsAroundTheNationalIranianTankerCompany) {
  // 138 SDN entries say "Linked To: NATIONAL IRANIAN TANKER COMPANY" and
  // NITC's own entry names one more: 139 at one hop.
  const std::string nitc = "ofac-sdn:15117";
  std::vector<Derivation> one = LinkedFrom(nitc, 1);
  EXPECT_EQ(one.size(), 139u);
  EXPECT_EQ(LinkedFrom(nitc, 2).size(), 196u);
  EXPECT_EQ(LinkedFrom(nitc, 3).size(), 285u);
  for (const Derivation& d : one) {
    ASSERT_EQ(d.path.size(), 2u);
    EXPECT_EQ(d.path[0].id, nitc);
    EXPECT_EQ(d.basis, Basis::kLinked);
  }
  // Banco Nacional de Cuba has no links at all.
  EXPECT_TRUE(LinkedFrom("ofac-sdn:306", 3).empty());
}

}  // namespace
}  // namespace interdict::testing
