// Incremental updates must give exactly what a full recompute gives.
#include <gtest/gtest.h>

#include <random>

#include "graph/graph_test_util.h"

namespace interdict::testing {
namespace {

std::string Summary(const Network& n) {
  std::string out;
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    for (const Derivation& d : n.Derived(r)) {
      out += std::string(RegimeName(r)) + " " + d.entity_id + " " +
             std::string(BasisName(d.basis)) + " " + std::to_string(d.aggregate_min) + "-" +
             std::to_string(d.aggregate_max) + "\n";
    }
  }
  return out;
}

TEST(Incremental, DelistingAnOwnerRemovesTheDerivedDesignation) {
  Spec spec{{"ofac-sdn:X", "ofac-sdn:Y"},
            {"own:C", "own:D"},
            {{"ofac-sdn:X", Owns("own:C", 30)},
             {"ofac-sdn:Y", Owns("own:C", 25)},
             {"own:C", Owns("own:D", 70)}}};
  auto n = Build(spec);
  EXPECT_EQ(BasisIn(*n, "own:D", Regime::kOfac), Basis::kOwned);
  n->ApplyEntity(EntityOf(spec, "ofac-sdn:Y", true), false);  // Y delisted
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kLinked);
  EXPECT_EQ(BasisIn(*n, "own:D", Regime::kOfac), Basis::kNone);
  n->ApplyEntity(EntityOf(spec, "ofac-sdn:Y", true), true);  // listed again
  EXPECT_EQ(BasisIn(*n, "own:D", Regime::kOfac), Basis::kOwned);
  ASSERT_TRUE(n->RemoveEntity("ofac-sdn:X").ok());
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kLinked);
  EXPECT_EQ(n->RemoveEntity("ofac-sdn:nobody").code(), StatusCode::kNotFound);
}

TEST(Incremental, NewListingAndChangedHoldingUpdateEveryRegime) {
  Spec spec{{"ofac-sdn:X"},
            {"own:P", "own:C"},
            {{"own:P", Owns("own:C", 60)}, {"ofac-sdn:X", Owns("own:C", 10)}}};
  auto n = Build(spec);
  EXPECT_EQ(Summary(*n), "");
  n->ApplyEntity(EntityOf(spec, "own:P", true), true);
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(BasisIn(*n, "own:C", r), Basis::kOwned) << RegimeName(r);
  }
  Entity p = EntityOf(spec, "own:P", true);
  p.relations[0].share_min = p.relations[0].share_max = 45;  // P sells down to 45%
  n->ApplyEntity(p, true);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kOwned);  // 45 + 10 in aggregate
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kUk), Basis::kLinked);
}

// Random changes applied one by one agree with a network built from scratch:
// a sparse graph, and a dense one full of cycles where a delisting's support
// runs through rings of companies.
class RandomChanges : public ::testing::TestWithParam<std::pair<int, int>> {};

INSTANTIATE_TEST_SUITE_P(Incremental, RandomChanges,
                         ::testing::Values(std::pair{40, 3}, std::pair{120, 6}, std::pair{300, 8}));

TEST_P(RandomChanges, MatchFullRecompute) {
  std::mt19937 rng(7);
  const int kNodes = GetParam().first;
  const int kMaxHoldings = GetParam().second;
  auto id = [](int i) { return "own:" + std::to_string(i); };
  std::vector<Entity> entities(kNodes);
  std::vector<bool> listed(kNodes);
  auto randomize = [&](int i) {
    Entity e = MakeEntity(id(i), false);
    const int holdings = static_cast<int>(rng() % kMaxHoldings);
    for (int h = 0; h < holdings; ++h) {
      const int target = static_cast<int>(rng() % kNodes);
      const int kind = static_cast<int>(rng() % 10);
      if (kind < 7) {
        e.relations.push_back(Owns(id(target), static_cast<double>(10 + rng() % 50)));
      } else if (kind < 8) {
        e.relations.push_back(Owns(id(target), 20, 70));
      } else {
        e.relations.push_back(Rel(RelationType::kControls, id(target)));
      }
    }
    entities[i] = e;
    listed[i] = rng() % 6 == 0;
  };
  for (int i = 0; i < kNodes; ++i) randomize(i);
  NetworkOptions options;
  options.as_of = PartialDate{2025, 1, 1};
  Network incremental(options);
  for (int i = 0; i < kNodes; ++i) incremental.AddEntity(entities[i], listed[i]);
  incremental.Finish();
  for (int step = 0; step < 60; ++step) {
    const int i = static_cast<int>(rng() % kNodes);
    if (rng() % 2 == 0) {
      listed[i] = !listed[i];  // listing or delisting only
    } else {
      randomize(i);
    }
    incremental.ApplyEntity(entities[i], listed[i]);
    Network full(options);
    for (int j = 0; j < kNodes; ++j) full.AddEntity(entities[j], listed[j]);
    full.Finish();
    ASSERT_EQ(Summary(incremental), Summary(full)) << "after step " << step;
    // Every proof still starts at an entity that is listed now.
    for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
      for (const Derivation& d : incremental.Derived(r)) {
        ASSERT_GE(d.path.size(), 2u) << d.entity_id;
        EXPECT_TRUE(listed[std::stoi(d.path.front().id.substr(4))])
            << RegimeName(r) << " " << d.entity_id << " after step " << step;
      }
    }
  }
}

}  // namespace
}  // namespace interdict::testing
