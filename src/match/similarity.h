// String and token similarity for name matching.
//
// JaroWinkler and OsaDistance are the classic measures (JaroWinkler is also
// the brute-force baseline in bench/screen_perf.cpp). CompareTokens decides
// how well one prepared name token stands for another and by which rule;
// the rules are ordered from most to least certain and the first that
// applies wins (see docs/scoring.md for the figures and why).
#ifndef INTERDICT_MATCH_SIMILARITY_H_
#define INTERDICT_MATCH_SIMILARITY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "text/prepared.h"

namespace interdict::match {

// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::string_view a, std::string_view b) noexcept;

// Optimal-string-alignment (restricted Damerau) distance where substituting
// letters that romanisations confuse (e/i, o/u, i/y, v/w, k/q, c/k, s/z,
// a/e) costs 0.5. Returns a value above `bound` as soon as the distance is
// known to exceed it, so a small bound makes it cheap.
double OsaDistance(std::string_view a, std::string_view b, double bound) noexcept;

enum class MatchRule : std::uint8_t {
  kNone = 0,
  kExact,
  kTranslit,  // exact after transliteration from another script
  kVariant,   // same romanisation variant group
  kPhonetic,
  kSkeleton,
  kEdit,
  kInitial,
  kMerged,  // two or three tokens on one side written as one on the other
};

struct TokenMatch {
  double similarity = 0;
  MatchRule rule = MatchRule::kNone;
  double edits = 0;  // for kEdit
};

// How well list token `b` stands for query token `a`. Symmetric except for
// the rule name reported.
TokenMatch CompareTokens(const text::PreparedToken& a, const text::PreparedToken& b) noexcept;

// How well adjacent tokens written as one (`joined`, already concatenated)
// stand for the single token `single`: exact, an edit, or (abjad) the
// skeleton. Cheaper than preparing the joined text as a token.
TokenMatch CompareJoined(std::string_view joined, bool abjad,
                         const text::PreparedToken& single) noexcept;

// The rule as it appears in explanations: "exact", "edit:1", "edit:1.5"...
std::string RuleName(const TokenMatch& m);

// Similarity figures per rule (documented in docs/scoring.md).
inline constexpr double kVariantSimilarity = 0.95;
inline constexpr double kPhoneticSimilarity = 0.92;            // shorter token >= 5 letters
inline constexpr double kFourLetterPhoneticSimilarity = 0.85;  // shorter token 4 letters
inline constexpr double kShortPhoneticSimilarity = 0.80;       // shorter token 3 letters
inline constexpr double kAbjadSkeletonSimilarity = 0.90;       // skeleton >= 4 symbols
inline constexpr double kShortSkeletonSimilarity = 0.85;       // 3 symbols
inline constexpr double kTwoLetterSkeletonSimilarity = 0.70;   // 2 symbols
// Same sound key once another language's letters are respelled (Jalid).
inline constexpr double kRespelledSimilarity = 0.88;
inline constexpr double kInitialSimilarity = 0.50;

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_SIMILARITY_H_
