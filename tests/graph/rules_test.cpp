// Each regime's ownership rule on hand-built networks (docs/graph.md lists
// the cases and the guidance behind them).
#include <gtest/gtest.h>

#include "graph/graph_test_util.h"

namespace interdict::testing {
namespace {

TEST(OwnershipRules, TwoBlockedOwnersAggregateUnderOfacAndEuNotUk) {
  auto n = Build({{"ofac-sdn:X", "ofac-sdn:Y"},
                  {"own:C"},
                  {{"ofac-sdn:X", Owns("own:C", 30)}, {"ofac-sdn:Y", Owns("own:C", 25)}}});
  std::optional<Derivation> ofac = n->BasisOf("own:C", Regime::kOfac);
  ASSERT_TRUE(ofac);
  EXPECT_EQ(ofac->basis, Basis::kOwned);
  EXPECT_DOUBLE_EQ(ofac->aggregate_min, 55);
  ASSERT_EQ(ofac->holdings.size(), 2u);
  EXPECT_EQ(ofac->explanation,
            "not listed; 55% owned in aggregate by ofac-sdn:X (30%) and ofac-sdn:Y (25%)");
  EXPECT_NE(ofac->rule.find("FAQs 398"), std::string::npos);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kEu), Basis::kOwned);
  // UK: neither person holds more than 50%; a minority holding is a link.
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kUk), Basis::kLinked);
  EXPECT_TRUE(n->Derived(Regime::kUk).empty());
}

TEST(OwnershipRules, ExactlyFiftyPercentBlocksOnlyUnderOfac) {
  auto n = Build({{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", Owns("own:C", 50)}}});
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kOwned);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kEu), Basis::kLinked);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kUk), Basis::kLinked);
}

TEST(OwnershipRules, FortyNineNineIsNotOwned) {
  auto n = Build({{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", Owns("own:C", 49.9)}}});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(BasisIn(*n, "own:C", r), Basis::kLinked) << RegimeName(r);
    EXPECT_TRUE(n->Derived(r).empty());
  }
  // Just over the EU/UK threshold.
  auto over = Build({{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", Owns("own:C", 50.1)}}});
  EXPECT_EQ(BasisIn(*over, "own:C", Regime::kEu), Basis::kOwned);
  EXPECT_EQ(BasisIn(*over, "own:C", Regime::kUk), Basis::kOwned);
}

TEST(OwnershipRules, ThreeLevelChainOfFiftyPercentIsBlockedNotMultiplied) {
  auto n = Build({{"ofac-sdn:P"},
                  {"own:A", "own:B", "own:C"},
                  {{"ofac-sdn:P", Owns("own:A", 50)},
                   {"own:A", Owns("own:B", 50)},
                   {"own:B", Owns("own:C", 50)}}});
  for (const char* id : {"own:A", "own:B", "own:C"}) {
    EXPECT_EQ(BasisIn(*n, id, Regime::kOfac), Basis::kOwned) << id;
    EXPECT_NE(BasisIn(*n, id, Regime::kEu), Basis::kOwned) << id;
  }
  std::optional<Derivation> c = n->BasisOf("own:C", Regime::kOfac);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->aggregate_min, 50);  // not 12.5
  ASSERT_EQ(c->path.size(), 4u);
  EXPECT_EQ(c->path[0].id, "ofac-sdn:P");
  EXPECT_EQ(c->path[1].id, "own:A");
  EXPECT_EQ(c->path[3].id, "own:C");
  EXPECT_EQ(c->path[3].relation, "owner_of 50%");
  EXPECT_EQ(c->explanation, "not listed; 50% owned in aggregate by own:B (50%; itself owned)");
}

TEST(OwnershipRules, IndirectPlusDirectHoldingsAddUp) {
  // P holds 30% of B itself and 25% through A, which P owns 60%.
  auto n = Build({{"ofac-sdn:P"},
                  {"own:A", "own:B"},
                  {{"ofac-sdn:P", Owns("own:A", 60)},
                   {"ofac-sdn:P", Owns("own:B", 30)},
                   {"own:A", Owns("own:B", 25)}}});
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(BasisIn(*n, "own:B", r), Basis::kOwned) << RegimeName(r);
  }
  std::optional<Derivation> uk = n->BasisOf("own:B", Regime::kUk);
  ASSERT_TRUE(uk);
  EXPECT_DOUBLE_EQ(uk->aggregate_min, 55);
  EXPECT_EQ(uk->explanation,
            "not listed; 55% owned by ofac-sdn:P (directly or through entities it owns or "
            "controls): ofac-sdn:P (30%) and own:A (25%; itself owned)");
}

TEST(OwnershipRules, UkDoesNotAttributeAnotherPersonsVehicle) {
  // A belongs to P1; P2 holds 30% of B directly: 25% + 30% from two people.
  auto n = Build({{"ofac-sdn:P1", "ofac-sdn:P2"},
                  {"own:A", "own:B"},
                  {{"ofac-sdn:P1", Owns("own:A", 60)},
                   {"ofac-sdn:P2", Owns("own:B", 30)},
                   {"own:A", Owns("own:B", 25)}}});
  EXPECT_EQ(BasisIn(*n, "own:B", Regime::kOfac), Basis::kOwned);
  EXPECT_EQ(BasisIn(*n, "own:B", Regime::kEu), Basis::kOwned);
  EXPECT_EQ(BasisIn(*n, "own:B", Regime::kUk), Basis::kLinked);
  EXPECT_EQ(BasisIn(*n, "own:A", Regime::kUk), Basis::kOwned);
}

TEST(OwnershipRules, UkAggregatesAJointArrangement) {
  auto n =
      Build({{"ofac-sdn:X", "ofac-sdn:Y"},
             {"own:C"},
             {{"ofac-sdn:X", Owns("own:C", 30)},
              {"ofac-sdn:Y", Owns("own:C", 25)},
              {"ofac-sdn:X", Rel(RelationType::kAssociate, "ofac-sdn:Y", "joint arrangement")}}});
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kUk), Basis::kOwned);
}

TEST(OwnershipRules, CyclesTerminateAtTheLeastFixpoint) {
  // A and B own each other; P's 30% plus B's 30% would only block A if B
  // were blocked, which needs A: neither is.
  auto n = Build({{"ofac-sdn:P"},
                  {"own:A", "own:B"},
                  {{"ofac-sdn:P", Owns("own:A", 30)},
                   {"own:B", Owns("own:A", 30)},
                   {"own:A", Owns("own:B", 60)}}});
  EXPECT_EQ(BasisIn(*n, "own:A", Regime::kOfac), Basis::kLinked);
  EXPECT_EQ(BasisIn(*n, "own:B", Regime::kOfac), Basis::kNone);
  // Push A over the threshold from outside: the whole ring is blocked.
  auto m = Build({{"ofac-sdn:P"},
                  {"own:A", "own:B"},
                  {{"ofac-sdn:P", Owns("own:A", 50)},
                   {"own:B", Owns("own:A", 30)},
                   {"own:A", Owns("own:B", 60)}}});
  EXPECT_EQ(BasisIn(*m, "own:A", Regime::kOfac), Basis::kOwned);
  EXPECT_EQ(BasisIn(*m, "own:B", Regime::kOfac), Basis::kOwned);
  std::optional<Derivation> a = m->BasisOf("own:A", Regime::kOfac);
  EXPECT_DOUBLE_EQ(a->aggregate_min, 80);  // B, blocked through A, counts too
  EXPECT_EQ(a->path.size(), 2u);
}

TEST(OwnershipRules, ControlBlocksUnderEuAndUkNotOfac) {
  auto n = Build({{"ofac-sdn:P"},
                  {"own:C", "own:D"},
                  {{"ofac-sdn:P", Rel(RelationType::kControls, "own:C", "appoints the board")},
                   {"ofac-sdn:P", Rel(RelationType::kDirectorOf, "own:D", "director")}}});
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kLinked);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kEu), Basis::kControlled);
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kUk), Basis::kControlled);
  EXPECT_EQ(n->BasisOf("own:C", Regime::kEu)->explanation,
            "not listed; controlled in aggregate by ofac-sdn:P (control)");
  // A directorship is a link, not control.
  for (Regime r : {Regime::kOfac, Regime::kEu, Regime::kUk}) {
    EXPECT_EQ(BasisIn(*n, "own:D", r), Basis::kLinked) << RegimeName(r);
  }
}

TEST(OwnershipRules, RangedAndMissingSharesArePossiblyOwned) {
  Relation unnamed;
  unnamed.type = RelationType::kOwnedBy;
  unnamed.target_name = "Nominee Holdings";
  unnamed.share_min = unnamed.share_max = 20;
  auto n = Build({{"ofac-sdn:X"},
                  {"own:R", "own:U", "own:N"},
                  {{"ofac-sdn:X", Owns("own:R", 25, 60)},
                   {"ofac-sdn:X", Owns("own:U", std::nullopt)},
                   {"ofac-sdn:X", Owns("own:N", 40)},
                   {"own:N", unnamed}}});
  std::optional<Derivation> r = n->BasisOf("own:R", Regime::kOfac);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->basis, Basis::kPossiblyOwned);
  EXPECT_DOUBLE_EQ(r->aggregate_min, 25);
  EXPECT_DOUBLE_EQ(r->aggregate_max, 60);
  std::optional<Derivation> u = n->BasisOf("own:U", Regime::kUk);
  EXPECT_EQ(u->basis, Basis::kPossiblyOwned);
  EXPECT_DOUBLE_EQ(u->aggregate_max, 100);
  // 40% by X and 20% by a party the data does not name: possibly 40-60%.
  std::optional<Derivation> nominee = n->BasisOf("own:N", Regime::kEu);
  EXPECT_EQ(nominee->basis, Basis::kPossiblyOwned);
  EXPECT_DOUBLE_EQ(nominee->aggregate_min, 40);
  EXPECT_DOUBLE_EQ(nominee->aggregate_max, 60);
  ASSERT_EQ(nominee->holdings.size(), 2u);
  EXPECT_NE(nominee->explanation.find("unnamed party \"Nominee Holdings\" (20%)"),
            std::string::npos)
      << nominee->explanation;
}

TEST(OwnershipRules, RepeatedRecordsOfOneHoldingCountOnce) {
  auto n = Build({{"ofac-sdn:X"},
                  {"own:C", "own:D"},
                  {{"ofac-sdn:X", Owns("own:C", 30)},
                   {"ofac-sdn:X", Owns("own:C", 30)},
                   {"ofac-sdn:X", Owns("own:D", 49)},
                   {"ofac-sdn:X", Owns("own:D", std::nullopt)}}});
  EXPECT_EQ(BasisIn(*n, "own:C", Regime::kOfac), Basis::kLinked);  // 30%, not 60%
  EXPECT_EQ(BasisIn(*n, "own:D", Regime::kOfac), Basis::kLinked);  // 49% beats unknown
}

TEST(OwnershipRules, EndedHoldingsDoNotCount) {
  Relation ended = Owns("own:C", 60);
  ended.end.from = PartialDate{2020, 0, 0};
  Spec spec{{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", ended}}};
  EXPECT_EQ(BasisIn(*Build(spec), "own:C", Regime::kOfac), Basis::kNone);
  NetworkOptions in_2020;
  in_2020.as_of = PartialDate{2020, 12, 31};  // "2020" runs to the end of the year
  EXPECT_EQ(BasisIn(*Build(spec, in_2020), "own:C", Regime::kOfac), Basis::kOwned);
}

TEST(OwnershipRules, UnknownIdAndConfiguredRules) {
  auto n =
      Build({{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", Rel(RelationType::kControls, "own:C")}}});
  EXPECT_FALSE(n->BasisOf("own:nobody", Regime::kOfac));
  EXPECT_EQ(n->Around("own:nobody", 1).error().code(), StatusCode::kNotFound);
  NetworkOptions no_control;
  no_control.rules[static_cast<int>(Regime::kEu)].control = false;
  auto m =
      Build({{"ofac-sdn:X"}, {"own:C"}, {{"ofac-sdn:X", Rel(RelationType::kControls, "own:C")}}},
            no_control);
  EXPECT_EQ(BasisIn(*m, "own:C", Regime::kEu), Basis::kLinked);
  EXPECT_EQ(ParseRegime("uk"), Regime::kUk);
  EXPECT_FALSE(ParseRegime("us"));
}

}  // namespace
}  // namespace interdict::testing
