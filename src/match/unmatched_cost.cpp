// What the alignment leaves unmatched costs (unmatched_cost.h).
#include "match/unmatched_cost.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace interdict::match {
namespace {

using text::PreparedToken;
using text::TokenClass;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// East Slavic patronymics as the lists romanise them.
constexpr std::array<std::string_view, 7> kPatronymicSuffixes = {"ovich", "evich", "ovna", "evna",
                                                                 "ichna", "ogly",  "oglu"};

bool IsPatronymic(std::string_view t) {
  // Most tokens end in none of the suffixes' last letters.
  if (t.empty() || (t.back() != 'h' && t.back() != 'a' && t.back() != 'y' && t.back() != 'u')) {
    return false;
  }
  for (std::string_view suffix : kPatronymicSuffixes) {
    if (EndsWith(t, suffix)) return true;
  }
  return false;
}

// Sector words. When a single distinctive word carries the match
// (`sector_counts`: fewer than two informative pairs), the sector words are
// what tells two businesses apart: "Apex Holdings" and "Apex Group" are
// other companies than the listed APEX, "Liberty Investments" another than
// LIBERTY SHIPPING. Such a word one side has and the other lacks costs
// kUnmatchedSectorFactor times its weight. With two distinctive words
// matched the name is specific, and an added sector word is how customers
// write it. A sector word before a designator says what kind of vessel it
// is, not whose ("oil" in OIL TANKER HAYAN).
bool IsSectorWord(const std::vector<WeightedToken>& tokens, std::size_t i) {
  const bool describes = i + 1 < tokens.size() && tokens[i + 1].token->cls == TokenClass::kTitle;
  return tokens[i].token->cls == TokenClass::kOrgWord && !describes;
}

// True when token `t` is one of the `other` side's unmatched tokens cut
// short or the other way round ("tech" / "technology"): the same word
// abbreviated.
bool AbbreviatesUnmatched(const WeightedToken& t, const std::vector<WeightedToken>& other,
                          const std::array<bool, text::kMaxTokens>& other_used) {
  const std::string& a = t.token->text;
  if (a.size() < 3) return false;
  for (std::size_t k = 0; k < other.size() && k < text::kMaxTokens; ++k) {
    if (other_used[k]) continue;
    const std::string& b = other[k].token->text;
    if (b.size() >= 3 && (a.starts_with(b) || b.starts_with(a))) return true;
  }
  return false;
}

// True when the query names the given name before the family name, as a
// given-name field and a family-name field read together do.
bool GivenBeforeFamily(const std::vector<WeightedToken>& list,
                       const std::vector<AlignedPair>& pairs) {
  std::size_t last_given = 0, first_family = text::kMaxTokens;
  for (const AlignedPair& p : pairs) {
    const text::NameRole role = list[p.l_begin].role;
    if (role == text::NameRole::kGiven) last_given = std::max<std::size_t>(last_given, p.q_end);
    if (role == text::NameRole::kFamily) {
      first_family = std::min<std::size_t>(first_family, p.q_begin);
    }
  }
  return last_given <= first_family;
}

}  // namespace

// kUnmatchedSectorFactor for unmatched token `i` of `tokens` when it is a
// sector word that counts (see IsSectorWord), else 1.
double SectorFactor(const std::vector<WeightedToken>& tokens, std::size_t i,
                    const std::vector<WeightedToken>& other,
                    const std::array<bool, text::kMaxTokens>& other_used, bool sector_counts) {
  if (!sector_counts || !IsSectorWord(tokens, i) ||
      AbbreviatesUnmatched(tokens[i], other, other_used))
    return 1.0;
  return kUnmatchedSectorFactor;
}

// True when the last token of a name abbreviates the tokens before it: its
// first two letters are the initials of two adjacent tokens and it is not
// much longer than their number ("BUTEMBO AIRLINES (BAL)").
bool IsAcronymOfOthers(const std::vector<WeightedToken>& tokens, std::size_t k) {
  const std::string& t = tokens[k].token->text;
  if (k + 1 != tokens.size() || k < 2 || t.size() < 2 || t.size() > k + 2) return false;
  // Its first two letters among the initials of tokens [0, k).
  for (std::size_t i = 0; i + 1 < k; ++i) {
    if (tokens[i].token->text[0] == t[0] && tokens[i + 1].token->text[0] == t[1]) return true;
  }
  return false;
}

bool Informative(const text::PreparedToken& t) {
  return t.cls == TokenClass::kName || t.cls == TokenClass::kNumber;
}

// What an unmatched token costs relative to its weight.
double UnmatchedFactor(const std::vector<WeightedToken>& tokens, std::size_t k) {
  if (IsAcronymOfOthers(tokens, k)) return kUnmatchedAcronymFactor;
  if (IsPatronymic(tokens[k].token->text)) return kUnmatchedPatronymicFactor;
  return 1.0;
}

// What unmatched query token `i` costs relative to its weight. A particle
// (bin, van, de) binds to the name after it; closing a query of two or more
// words it binds to nothing and is a name of its own, written apart from
// the one before ("Kang Su-bin": the syllable bin, not "son of"), and costs
// what a name of its rarity would: its weight over the particle class
// weight (kTrailingParticleFactor).
double UnmatchedQueryFactor(const std::vector<WeightedToken>& query, std::size_t i,
                            const std::vector<WeightedToken>& list,
                            const std::array<bool, text::kMaxTokens>& list_used,
                            bool sector_counts) {
  if (IsAcronymOfOthers(query, i)) return kUnmatchedAcronymFactor;
  if (i >= 1 && i + 1 == query.size() && query[i].token->cls == TokenClass::kParticle) {
    return kTrailingParticleFactor;
  }
  return SectorFactor(query, i, list, list_used, sector_counts);
}

// True when `list` is a person's name of known structure and no token of
// its family name was matched (`used`). A query may leave out a middle name,
// never the family name: "Andreyev Pavel" is not GOLDFINCH, Paul Andrew,
// whose given names it happens to echo, so the omission earns no discount.
bool FamilyLeftOut(const std::vector<WeightedToken>& list,
                   const std::array<bool, text::kMaxTokens>& used) {
  bool has_family = false;
  for (std::size_t j = 0; j < list.size() && j < text::kMaxTokens; ++j) {
    if (list[j].role != text::NameRole::kFamily) continue;
    if (used[j]) return false;
    has_family = true;
  }
  return has_family;
}

// What the unmatched list tokens cost when the query is the listed person's
// first given and whole family name with two or more middle names left out
// (see kFurtherMiddleFactor in the header); negative when it is not. `used`
// marks the list tokens the alignment `pairs` took.
double OmittedMiddlesCost(const std::vector<WeightedToken>& list,
                          std::array<bool, text::kMaxTokens> used,
                          const std::vector<AlignedPair>& pairs) {
  // The same token twice ("zuhair talib abd AL sattar AL naqib"): the
  // alignment may take either, so a family or given token left over counts
  // as taken when its twin among the middles was.
  for (std::size_t j = 0; j < list.size(); ++j) {
    if (used[j] || list[j].role == text::NameRole::kMiddle) continue;
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (used[k] && list[k].role == text::NameRole::kMiddle &&
          list[k].token->text == list[j].token->text) {
        used[k] = false;
        used[j] = true;
        break;
      }
    }
  }
  double evidence = 0, middles = 0, heaviest = 0;
  int omitted = 0;
  for (std::size_t j = 0; j < list.size(); ++j) {
    const text::NameRole role = list[j].role;
    // Every given and family token matched; the query may name some
    // middle names too ("Jeffrey John ASHFIELD" scores above "Jeffrey
    // ASHFIELD" whatever the list's length).
    if (role == text::NameRole::kNone || (role != text::NameRole::kMiddle && !used[j])) return -1;
    if (role != text::NameRole::kMiddle) {
      evidence += list[j].weight;
    } else if (!used[j]) {
      const double cost = list[j].weight * UnmatchedFactor(list, j);
      middles += cost;
      heaviest = std::max(heaviest, cost);
      ++omitted;
    }
  }
  if (omitted < 2 || evidence < kMinOmittedEvidence || !GivenBeforeFamily(list, pairs)) return -1;
  return kUnmatchedListFullQueryDiscount * heaviest + kFurtherMiddleFactor * (middles - heaviest);
}

// False when OmittedMiddlesCost cannot apply to `list` whatever the
// alignment: too few middle names, a pair too common, or a query token with
// no similar enough list token (`best_q`, per query token).
bool MayOmitMiddles(const std::vector<WeightedToken>& list,
                    const std::array<double, text::kMaxTokens>& best_q, std::size_t query_size) {
  double evidence = 0;
  int middles = 0;
  for (const WeightedToken& t : list) {
    if (t.role == text::NameRole::kNone) return false;
    if (t.role == text::NameRole::kMiddle) {
      ++middles;
    } else {
      evidence += t.weight;
    }
  }
  if (middles < 2 || evidence < kMinOmittedEvidence) return false;
  for (std::size_t i = 0; i < query_size; ++i) {
    if (best_q[i] < kOmittedMiddlesSimilarity) return false;
  }
  return true;
}

}  // namespace interdict::match
