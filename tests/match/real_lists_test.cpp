// The screener on the real lists: named cases from issue 3, original-script
// names against their Latin forms, and the index against brute force.
#include "real_lists.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "interdict/screen.h"
#include "match/screener.h"
#include "text/normalize.h"

namespace interdict {
namespace {

using match::IndexScreener;

class RealListsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::SharedDataDir())) return;
    std::vector<Entity> entities = testing::LoadEntities(testing::ScreeningLists());
    entity_total_ = entities.size();
    screener_ = new IndexScreener(std::move(entities));
  }
  static void TearDownTestSuite() {
    delete screener_;
    screener_ = nullptr;
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(dir, "un_sc");
    ASSERT_NE(screener_, nullptr);
  }

  static std::vector<ScreenMatch> Run(const std::string& name, double threshold = kDefaultThreshold,
                                      bool exhaustive = false) {
    ScreenQuery q;
    q.name = name;
    ScreenOptions o;
    o.threshold = threshold;
    o.limit = 1000;
    o.exhaustive = exhaustive;
    return screener_->Screen(q, o);
  }
  static const ScreenMatch* Find(const std::vector<ScreenMatch>& matches, std::string_view id) {
    for (const auto& m : matches) {
      if (m.entity_id == id) return &m;
    }
    return nullptr;
  }

  static IndexScreener* screener_;
  static std::size_t entity_total_;
};

IndexScreener* RealListsTest::screener_ = nullptr;
std::size_t RealListsTest::entity_total_ = 0;

TEST_F(RealListsTest, IndexesEveryEntityAndName) {
  // 8,976 SDN + 442 consolidated + 1,003 UN + 14,048 CSL entities.
  EXPECT_EQ(entity_total_, 24469u);
  EXPECT_EQ(screener_->entity_count(), 24469u);
  // Distinct name strings per entity that have at least one token.
  EXPECT_EQ(screener_->name_count(), 62518u);
}

TEST_F(RealListsTest, RomanisationVariantsOfRealSdnNames) {
  // ofac-sdn:6365 "BIN LADIN, Usama bin Muhammad bin Awad".
  auto m = Run("Osama bin Mohammed bin Awad bin Laden");
  const ScreenMatch* hit = Find(m, "ofac-sdn:6365");
  ASSERT_NE(hit, nullptr);
  EXPECT_GE(hit->score, 0.85);
  EXPECT_EQ(m.front().explanation.tokens.size(), 7u);
  // ofac-sdn:2682 "ISLAMBOULI, Mohammad Shawqi".
  m = Run("Muhammad Shawki al-Islambuli");
  ASSERT_NE(Find(m, "ofac-sdn:2682"), nullptr);
  // ofac-sdn:2679 "FADLALLAH, Shaykh Muhammad Husayn": title and variants.
  m = Run("Mohammed Hussein Fadlallah");
  hit = Find(m, "ofac-sdn:2679");
  ASSERT_NE(hit, nullptr);
  EXPECT_GE(hit->score, 0.9);
}

TEST_F(RealListsTest, IssueThreeFalsePositivesStayLow) {
  // ofac-sdn:24430 is "11420 CORP.", ofac-sdn:29857 "EMMA LLC".
  auto m = Run("BELLETECH CORP", 0.0);
  const ScreenMatch* corp = Find(m, "ofac-sdn:24430");
  EXPECT_TRUE(corp == nullptr || corp->score < 0.3);
  EXPECT_TRUE(Run("BELLETECH CORP").empty());
  m = Run("EMMA DANIELS", 0.0);
  const ScreenMatch* emma = Find(m, "ofac-sdn:29857");
  ASSERT_NE(emma, nullptr);
  EXPECT_LT(emma->score, kDefaultThreshold - 0.1);
  ASSERT_NE(Find(Run("11420 CORPORATION"), "ofac-sdn:24430"), nullptr);
  ASSERT_NE(Find(Run("EMMA L.L.C."), "ofac-sdn:29857"), nullptr);
}

TEST_F(RealListsTest, ArabicOriginalScriptFindsLatinEntry) {
  // UN IQi.001 is listed as SADDAM HUSSEIN AL-TIKRITI with original script
  // صدام حسين التكريتي. Index the UN list without its original-script
  // names so only transliteration and skeletons can connect them.
  std::vector<Entity> un = testing::LoadEntities({"un_sc/consolidated.xml"});
  std::size_t removed = 0;
  for (Entity& e : un) {
    const auto before = e.names.size();
    std::erase_if(e.names, [](const Name& n) { return text::DetectScripts(n.full).non_latin; });
    removed += before - e.names.size();
  }
  EXPECT_GT(removed, 300u);
  IndexScreener latin_only(std::move(un));
  ScreenQuery q;
  q.name = "صدام حسين التكريتي";
  auto m = latin_only.Screen(q, {});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().entity_id, "un-sc:IQi.001");
  EXPECT_EQ(m.front().explanation.tokens[0].rule, "skeleton");
  q.name = "قصي صدام حسين التكريتي";  // IQi.002 QUSAY SADDAM HUSSEIN AL-TIKRITI
  m = latin_only.Screen(q, {});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().entity_id, "un-sc:IQi.002");
}

TEST_F(RealListsTest, CyrillicFtmNamesFindTheirLatinForms) {
  // t1: Tatiana Vladimirovna ZJURAVLEVA, also written Tatyana Vladimirovna
  // ZHURAVLEVA and Татьяна Владимировна ЖУРАВЛЕВА.
  std::vector<Entity> ftm = testing::LoadEntities({"opensanctions_ftm/t1_entities.ftm.json"});
  ASSERT_EQ(ftm.size(), 6u);
  for (Entity& e : ftm) {
    std::erase_if(e.names, [](const Name& n) { return text::DetectScripts(n.full).non_latin; });
  }
  IndexScreener latin_only(std::move(ftm));
  ScreenQuery q;
  q.name = "Татьяна Владимировна ЖУРАВЛЕВА";
  auto m = latin_only.Screen(q, {});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().entity_id, "ftm:NK-2KeUB68qUJtykm3BuAcazG");
  EXPECT_GE(m.front().score, 0.95);
  q.name = "Кузьменко Виталий Юрьевич";
  m = latin_only.Screen(q, {});
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m.front().entity_id, "ftm:NK-2Ka3UvopqbpZmVDFjWd4LA");
}

// Queries derived from real listed names: as listed, reordered, with a typo,
// with a token dropped. The index must find what brute force finds.
std::string Perturb(const std::string& name, int how) {
  std::vector<std::string> tokens = text::NormalizeTokens(name);
  if (tokens.empty()) return name;
  switch (how % 4) {
    case 1:
      std::reverse(tokens.begin(), tokens.end());
      break;
    case 2: {
      auto longest =
          std::max_element(tokens.begin(), tokens.end(),
                           [](const auto& a, const auto& b) { return a.size() < b.size(); });
      if (longest->size() > 4) longest->erase(longest->size() / 2, 1);
      break;
    }
    case 3:
      if (tokens.size() >= 3) tokens.erase(tokens.begin() + 1);
      break;
    default:
      break;
  }
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

TEST_F(RealListsTest, IndexAgreesWithBruteForce) {
  const std::size_t names = screener_->name_count();
  const std::size_t queries = 160;
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < queries; ++i) {
    const auto id = static_cast<std::uint32_t>((i * 7919) % names);
    texts.push_back(Perturb(std::string(screener_->index().text_of(id)), static_cast<int>(i)));
  }
  std::vector<std::size_t> expected(2, 0), found(2, 0), top_agree(2, 0), top_total(2, 0);
  auto work = [&](int part) {
    for (std::size_t i = part; i < texts.size(); i += 2) {
      const auto brute = Run(texts[i], 0.7, /*exhaustive=*/true);
      const auto indexed = Run(texts[i], 0.7);
      std::set<std::string> got;
      for (const auto& m : indexed) got.insert(m.entity_id);
      for (const auto& m : brute) {
        if (m.score < kDefaultThreshold) continue;
        ++expected[part];
        found[part] += got.count(m.entity_id);
      }
      if (!brute.empty()) {
        ++top_total[part];
        top_agree[part] += !indexed.empty() && indexed[0].score == brute[0].score;
      }
    }
  };
  std::thread other(work, 1);
  work(0);
  other.join();
  const double recall = double(found[0] + found[1]) / double(expected[0] + expected[1]);
  const double top = double(top_agree[0] + top_agree[1]) / double(top_total[0] + top_total[1]);
  std::printf(
      "candidate recall %.4f over %zu brute-force alerts; top-1 agreement %.4f over %zu queries\n",
      recall, expected[0] + expected[1], top, top_total[0] + top_total[1]);
  EXPECT_GT(expected[0] + expected[1], 200u);
  EXPECT_GE(recall, 0.99);
  EXPECT_GE(top, 0.99);
}

// Skipping names whose score bound is below the threshold
// (QueryScorer::MayReach) must change no result: same entities, scores,
// names and explanations as scoring every candidate, at the default and
// lower thresholds, at threshold 0 (sweeps), with the attributes that can
// raise a name score, and in the brute-force mode.
TEST_F(RealListsTest, PruningChangesNoResult) {
  const std::size_t names = screener_->name_count();
  std::size_t compared = 0, returned = 0;
  auto same = [&](const ScreenQuery& q, const ScreenOptions& o) {
    screener_->set_pruning(false);
    const auto full = screener_->Screen(q, o);
    screener_->set_pruning(true);
    const auto pruned = screener_->Screen(q, o);
    ++compared;
    returned += full.size();
    ASSERT_EQ(pruned.size(), full.size()) << q.name << " at " << o.threshold;
    for (std::size_t k = 0; k < full.size(); ++k) {
      EXPECT_EQ(pruned[k].entity_id, full[k].entity_id) << q.name;
      EXPECT_EQ(pruned[k].score, full[k].score) << q.name;
      EXPECT_EQ(pruned[k].name, full[k].name) << q.name;
      EXPECT_EQ(pruned[k].explanation.summary, full[k].explanation.summary) << q.name;
    }
  };
  for (std::size_t i = 0; i < 300; ++i) {
    const auto id = static_cast<std::uint32_t>((i * 6007 + 11) % names);
    ScreenQuery q;
    q.name = Perturb(std::string(screener_->index().text_of(id)), static_cast<int>(i));
    if (i % 3 == 1) q.dob = PartialDate{static_cast<std::int16_t>(1950 + i % 40), 0, 0};
    if (i % 5 == 2) q.country = i % 2 ? "ir" : "ru";
    for (double threshold : {kDefaultThreshold, 0.9, 0.6, 0.3}) {
      ScreenOptions o;
      o.threshold = threshold;
      o.limit = 1000;
      same(q, o);
    }
    ScreenOptions sweep;
    sweep.threshold = 0;
    sweep.limit = 10;
    same(q, sweep);
    if (i % 30 == 0) {
      ScreenOptions brute;
      brute.exhaustive = true;
      brute.limit = 1000;
      same(q, brute);
    }
  }
  screener_->set_pruning(true);
  EXPECT_EQ(compared, 300u * 5 + 10);
  EXPECT_GT(returned, 1000u);  // the comparison saw real matches
}

}  // namespace
}  // namespace interdict
