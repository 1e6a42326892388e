// Cheaper forms of key computations used on the screening path must give
// exactly what the plain forms give, on every token of the real lists.
#include <gtest/gtest.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "real_lists.h"
#include "text/phonetic.h"
#include "text/prepared.h"

namespace interdict::text {
namespace {

// Every distinct normalised token of the four screening lists, Latin and
// transliterated alike.
std::vector<std::string> RealTokens() {
  std::unordered_set<std::string> seen;
  std::vector<std::string> tokens;
  for (const Entity& e : testing::LoadEntities(testing::ScreeningLists())) {
    for (const Name& n : e.names) {
      for (std::string& t : CanonicalTokens(n.full)) {
        if (seen.insert(t).second) tokens.push_back(std::move(t));
      }
    }
  }
  return tokens;
}

TEST(SpeedKeys, SkeletonLengthIsTheSkeletonsLength) {
  for (std::string_view t : {"", "a", "rah", "rahi", "muhammad", "mhmd", "yevgeny", "abdullah",
                             "schtschedrin", "xavier", "ciccio", "hwyw"}) {
    EXPECT_EQ(SkeletonLength(t), Skeleton(t).size()) << t;
  }
}

TEST(SpeedKeys, SkeletonLengthOfEveryPrefixOfRealTokens) {
  INTERDICT_SHARED_FILE(sdn, "ofac_sdn_2021");
  const std::vector<std::string> tokens = RealTokens();
  ASSERT_GT(tokens.size(), 20000u);
  std::size_t checked = 0;
  for (const std::string& t : tokens) {
    // LongVowelsAgree measures every prefix, so every prefix is checked.
    for (std::size_t n = 1; n <= t.size(); ++n) {
      const std::string_view prefix(t.data(), n);
      ASSERT_EQ(SkeletonLength(prefix), Skeleton(prefix).size()) << prefix;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100000u);
}

}  // namespace
}  // namespace interdict::text
