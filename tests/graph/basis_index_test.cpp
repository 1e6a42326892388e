// BasisIndex and AnnotateBasis: the graph's verdicts on screening matches,
// on hand-built networks and on the real zala FtM file.
#include <gtest/gtest.h>

#include "graph/graph_test_util.h"
#include "interdict/sources.h"
#include "test_util.h"

namespace interdict::testing {
namespace {

ScreenMatch MatchOf(const std::string& id) {
  ScreenMatch m;
  m.entity_id = id;
  m.score = 0.9;
  return m;
}

// X 35% + Y 25% own C (OFAC and EU aggregate; UK does not); C controls D
// (EU and UK: control blocks; OFAC: it does not); E is directed by X; F is
// the user's company that nothing reaches.
Spec Sample() {
  return Spec{{"ofac-sdn:X", "ofac-sdn:Y"},
              {"own:C", "own:D", "own:E", "own:F"},
              {{"ofac-sdn:X", Owns("own:C", 35)},
               {"ofac-sdn:Y", Owns("own:C", 25)},
               {"own:C", Rel(RelationType::kControls, "own:D")},
               {"ofac-sdn:X", Rel(RelationType::kDirectorOf, "own:E")}}};
}

TEST(BasisIndex, GivesEveryRegimeItsBasisAndExplanation) {
  auto network = Build(Sample());
  BasisIndex index(*network);
  EXPECT_EQ(index.listed_count(), 2u);
  std::vector<RegimeBasis> c = index.Find("own:C");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].regime, "ofac");
  EXPECT_EQ(c[0].basis, "owned");
  EXPECT_EQ(c[0].explanation,
            "not listed; 60% owned in aggregate by ofac-sdn:X (35%) and ofac-sdn:Y (25%)");
  EXPECT_DOUBLE_EQ(c[0].aggregate_min, 60);
  ASSERT_EQ(c[0].path.size(), 2u);
  // The path runs through the holding that completed the threshold.
  EXPECT_EQ(c[0].path[0].id, "ofac-sdn:Y");
  EXPECT_EQ(c[0].path[1].relation, "owner_of 25%");
  EXPECT_EQ(c[1].regime, "eu");
  EXPECT_EQ(c[1].basis, "owned");
  EXPECT_EQ(c[2].regime, "uk");
  EXPECT_EQ(c[2].basis, "linked");  // no one person holds more than 50%
  EXPECT_EQ(StrongestBasis(c), "owned");

  std::vector<RegimeBasis> d = index.Find("own:D");
  ASSERT_EQ(d.size(), 1u);  // controlled by C, which EU blocks; OFAC: control alone does not
  EXPECT_EQ(d[0].regime, "eu");
  EXPECT_EQ(d[0].basis, "controlled");
  ASSERT_EQ(d[0].path.size(), 3u);
  EXPECT_EQ(d[0].path[2].relation, "controls");

  std::vector<RegimeBasis> e = index.Find("own:E");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].basis, "linked");
  EXPECT_EQ(e[0].explanation, "not listed; linked to listed ofac-sdn:X via director_of (1 hop)");

  std::vector<RegimeBasis> x = index.Find("ofac-sdn:X");
  ASSERT_EQ(x.size(), 3u);
  EXPECT_EQ(x[2].basis, "listed");
  EXPECT_EQ(x[2].explanation, "listed on ofac-sdn");
  EXPECT_TRUE(index.Find("own:F").empty());
  EXPECT_TRUE(index.Find("nobody").empty());
  EXPECT_EQ(StrongestBasis({}), "none");
}

TEST(AnnotateBasis, DropsMatchesThatNothingBlocksOrLinksUnlessAsked) {
  auto network = Build(Sample());
  BasisIndex index(*network);
  std::vector<ScreenMatch> matches = {MatchOf("own:F"), MatchOf("own:D"), MatchOf("ofac-sdn:Y"),
                                      MatchOf("own:E"), MatchOf("unknown:1")};
  std::vector<ScreenMatch> kept = matches;
  AnnotateBasis(index, kept, AnnotateOptions{true});
  ASSERT_EQ(kept.size(), 5u);
  EXPECT_EQ(kept[0].basis, "none");
  EXPECT_TRUE(kept[0].derivation.empty());
  EXPECT_EQ(kept[4].basis, "none");
  AnnotateBasis(index, matches);
  ASSERT_EQ(matches.size(), 3u);  // order kept
  EXPECT_EQ(matches[0].entity_id, "own:D");
  EXPECT_EQ(matches[0].basis, "controlled");
  EXPECT_EQ(matches[1].basis, "listed");
  EXPECT_EQ(matches[2].basis, "linked");
}

TEST(BasisIndex, FollowsTheNetworkAfterADelisting) {
  Spec spec = Sample();
  auto network = Build(spec);
  network->ApplyEntity(EntityOf(spec, "ofac-sdn:Y", true), false);  // Y delisted
  BasisIndex index(*network);
  std::vector<RegimeBasis> c = index.Find("own:C");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].basis, "linked");  // 35% is not enough
  // C no longer blocks D, and control is followed one hop only: not linked.
  EXPECT_TRUE(index.Find("own:D").empty());
}

// A screener that returns fixed matches and records the limit it was asked
// for, to check what ScreenWithBasis asks and keeps.
class FixedScreener : public Screener {
 public:
  explicit FixedScreener(std::vector<ScreenMatch> matches) : matches_(std::move(matches)) {}
  std::vector<ScreenMatch> Screen(const ScreenQuery&,
                                  const ScreenOptions& options) const noexcept override {
    asked_ = options.limit;
    std::vector<ScreenMatch> out = matches_;
    if (out.size() > static_cast<std::size_t>(options.limit)) out.resize(options.limit);
    return out;
  }
  ScreenMatch Compare(std::string_view, std::string_view,
                      std::optional<Schema>) const noexcept override {
    return {};
  }
  std::size_t name_count() const noexcept override { return 0; }
  std::size_t entity_count() const noexcept override { return 0; }
  int asked() const { return asked_; }

 private:
  std::vector<ScreenMatch> matches_;
  mutable int asked_ = 0;
};

TEST(ScreenWithBasis, DroppedMatchesDoNotPushOutALowerRankedListedOne) {
  auto network = Build(Sample());
  BasisIndex index(*network);
  // Ranked: two unrelated companies, then the listed Y, then C (owned).
  FixedScreener screener(
      {MatchOf("own:F"), MatchOf("unknown:1"), MatchOf("ofac-sdn:Y"), MatchOf("own:C")});
  ScreenOptions options;
  options.limit = 1;
  std::vector<ScreenMatch> matches = ScreenWithBasis(screener, index, ScreenQuery{}, options);
  EXPECT_EQ(screener.asked(), 12);  // 2 * limit + 10
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].entity_id, "ofac-sdn:Y");
  // Keeping "none" needs no more than the limit.
  matches = ScreenWithBasis(screener, index, ScreenQuery{}, options, AnnotateOptions{true});
  EXPECT_EQ(screener.asked(), 1);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].basis, "none");
}

// The real zala file today: every holding of a listed person has ended, so
// no company is derived, and the drone association that Zakharov directs is
// linked; the registry companies he once held are nothing today.
TEST(BasisIndex, ZalaToday) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/zala_entities.ftm.json");
  Result<ListData> data = ParseList(path);
  ASSERT_TRUE(data) << data.error().ToString();
  NetworkOptions options;
  options.as_of = PartialDate{2025, 6, 1};
  Network network(options);
  for (const Entity& entity : data->entities) network.AddEntity(entity);
  network.Finish();
  BasisIndex index(network);
  EXPECT_EQ(index.listed_count(), 13u);
  EXPECT_EQ(index.derived_count(), 1u);
  std::vector<ScreenMatch> matches = {MatchOf("ftm:NK-9Xa4Kg7Y7nfccE7VcZt6Q6"),   // СПС
                                      MatchOf("ftm:NK-SiYwWfxwLVrVeFswsvAvsm"),   // association
                                      MatchOf("ftm:NK-aU5ybkbRFJucf8YMwsJvDw")};  // Zakharov
  AnnotateBasis(index, matches);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].basis, "linked");
  ASSERT_EQ(matches[0].derivation.size(), 3u);
  EXPECT_EQ(matches[0].derivation[0].explanation,
            "not listed; linked to listed ftm:NK-aU5ybkbRFJucf8YMwsJvDw via director_of (1 hop)");
  EXPECT_EQ(matches[1].basis, "listed");
  EXPECT_EQ(matches[1].derivation[0].explanation, "listed on " + data->list);
}

}  // namespace
}  // namespace interdict::testing
