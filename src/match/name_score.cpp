#include "match/name_score.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "text/normalize.h"

namespace interdict::match {
namespace {

using text::PreparedToken;
using text::TokenClass;

constexpr std::size_t kMaxRun = 3;  // "abd al rahman" -> "abdalrahman"

bool Informative(const PreparedToken& t) {
  return t.cls == TokenClass::kName || t.cls == TokenClass::kNumber;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// East Slavic patronymics as the lists romanise them.
bool IsPatronymic(std::string_view t) {
  for (std::string_view suffix : {"ovich", "evich", "ovna", "evna", "ichna", "ogly", "oglu"}) {
    if (EndsWith(t, suffix)) return true;
  }
  return false;
}

// True when the last token of a name abbreviates the tokens before it: its
// first two letters are the initials of two adjacent tokens and it is not
// much longer than their number ("BUTEMBO AIRLINES (BAL)").
bool IsAcronymOfOthers(const std::vector<WeightedToken>& tokens, std::size_t k) {
  const std::string& t = tokens[k].token->text;
  if (k + 1 != tokens.size() || k < 2 || t.size() < 2 || t.size() > k + 2) return false;
  std::string initials;
  for (std::size_t i = 0; i < k; ++i) initials.push_back(tokens[i].token->text[0]);
  return initials.find(t.substr(0, 2)) != std::string::npos;
}

// What an unmatched token costs relative to its weight.
double UnmatchedFactor(const std::vector<WeightedToken>& tokens, std::size_t k) {
  if (IsAcronymOfOthers(tokens, k)) return kUnmatchedAcronymFactor;
  if (IsPatronymic(tokens[k].token->text)) return kUnmatchedPatronymicFactor;
  return 1.0;
}

double SpanWeight(const std::vector<WeightedToken>& tokens, std::size_t begin, std::size_t end) {
  double w = 0;
  for (std::size_t i = begin; i < end; ++i) w += tokens[i].weight;
  return w;
}

// Adds pairs where tokens [begin, begin+run) of `many` are written as the
// single token `one_index` of `one`. Cheap length and first-letter checks
// avoid preparing concatenations that cannot match.
void AddMergedPairs(const std::vector<WeightedToken>& many, const std::vector<WeightedToken>& one,
                    bool many_is_query, std::vector<AlignedPair>& pairs) {
  for (std::size_t begin = 0; begin + 1 < many.size(); ++begin) {
    std::string concat = many[begin].token->text;
    for (std::size_t run = 2; run <= kMaxRun && begin + run <= many.size(); ++run) {
      concat += many[begin + run - 1].token->text;
      for (std::size_t j = 0; j < one.size(); ++j) {
        const std::string& single = one[j].token->text;
        if (single.empty() || single.front() != concat.front()) continue;
        const std::size_t gap = single.size() > concat.size() ? single.size() - concat.size()
                                                              : concat.size() - single.size();
        if (gap > 2) continue;
        const TokenMatch m = CompareJoined(concat, many[begin].token->abjad, *one[j].token);
        if (m.similarity < kMergedMinSimilarity) continue;
        AlignedPair p;
        const auto b = static_cast<std::uint8_t>(begin);
        const auto e = static_cast<std::uint8_t>(begin + run);
        const auto s = static_cast<std::uint8_t>(j);
        if (many_is_query) {
          p.q_begin = b, p.q_end = e, p.l_begin = s, p.l_end = static_cast<std::uint8_t>(s + 1);
        } else {
          p.l_begin = b, p.l_end = e, p.q_begin = s, p.q_end = static_cast<std::uint8_t>(s + 1);
        }
        p.match = {m.similarity, MatchRule::kMerged, 0};
        p.weight = SpanWeight(many, begin, begin + run) + one[j].weight;
        pairs.push_back(p);
      }
    }
  }
}

}  // namespace

NameScore ScoreName(const std::vector<WeightedToken>& query,
                    const std::vector<WeightedToken>& list) {
  NameScore result;
  if (query.empty() || list.empty()) return result;
  thread_local std::vector<AlignedPair> candidates;
  candidates.clear();
  for (std::size_t i = 0; i < query.size(); ++i) {
    for (std::size_t j = 0; j < list.size(); ++j) {
      const TokenMatch m = CompareTokens(*query[i].token, *list[j].token);
      if (m.similarity <= 0) continue;
      AlignedPair p;
      p.q_begin = static_cast<std::uint8_t>(i);
      p.q_end = static_cast<std::uint8_t>(i + 1);
      p.l_begin = static_cast<std::uint8_t>(j);
      p.l_end = static_cast<std::uint8_t>(j + 1);
      p.match = m;
      p.weight = query[i].weight + list[j].weight;
      candidates.push_back(p);
    }
  }
  AddMergedPairs(query, list, /*many_is_query=*/true, candidates);
  AddMergedPairs(list, query, /*many_is_query=*/false, candidates);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const AlignedPair& a, const AlignedPair& b) {
                     if (a.match.similarity != b.match.similarity) {
                       return a.match.similarity > b.match.similarity;
                     }
                     return a.weight > b.weight;
                   });

  // Names have at most text::kMaxTokens tokens.
  std::array<bool, text::kMaxTokens> q_used{}, l_used{};
  auto free_span = [](const std::array<bool, text::kMaxTokens>& used, std::size_t b,
                      std::size_t e) {
    for (std::size_t k = b; k < e; ++k) {
      if (used[k]) return false;
    }
    return true;
  };
  double numerator = 0, matched_weight = 0;
  int informative_matches = 0;
  bool all_strong = true;  // every pair at least kStrongSimilarity
  for (const AlignedPair& p : candidates) {
    if (!free_span(q_used, p.q_begin, p.q_end) || !free_span(l_used, p.l_begin, p.l_end)) continue;
    for (std::size_t k = p.q_begin; k < p.q_end; ++k) q_used[k] = true;
    for (std::size_t k = p.l_begin; k < p.l_end; ++k) l_used[k] = true;
    numerator += p.match.similarity * p.weight;
    matched_weight += p.weight;
    all_strong = all_strong && p.match.similarity >= kStrongSimilarity;
    if (p.match.similarity >= 0.8 && Informative(*query[p.q_begin].token) &&
        Informative(*list[p.l_begin].token)) {
      ++informative_matches;
    }
    result.pairs.push_back(p);
  }
  double unmatched_query = 0, unmatched_list = 0, heaviest_unmatched_list = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (q_used[i]) continue;
    result.unmatched_query.push_back(static_cast<std::uint8_t>(i));
    unmatched_query +=
        query[i].weight * (IsAcronymOfOthers(query, i) ? kUnmatchedAcronymFactor : 1.0);
  }
  for (std::size_t j = 0; j < list.size(); ++j) {
    if (l_used[j]) continue;
    result.unmatched_list.push_back(static_cast<std::uint8_t>(j));
    const double cost = list[j].weight * UnmatchedFactor(list, j);
    unmatched_list += cost;
    heaviest_unmatched_list = std::max(heaviest_unmatched_list, cost);
  }
  // A query whose every token found its list token by a strong rule, with
  // one list token left over, is the listed name with one name left out ("Muhammad Ahmad" for
  // "Muhammad Yunis Ahmad"); one that needed weak or partial matches earns less benefit of the
  // doubt.
  if (informative_matches < 2) {
    result.unmatched_list_factor = 1.0;
  } else if (all_strong && result.unmatched_query.empty() && result.unmatched_list.size() == 1) {
    result.unmatched_list_factor = kUnmatchedListFullQueryDiscount;
  } else {
    result.unmatched_list_factor = kUnmatchedListDiscount;
  }
  // The discount covers one omitted name (a middle name or patronymic);
  // every further unmatched list token costs in full.
  result.total_weight = matched_weight + unmatched_query + unmatched_list -
                        (1.0 - result.unmatched_list_factor) * heaviest_unmatched_list;
  result.score = result.total_weight > 0 ? numerator / result.total_weight : 0;
  return result;
}

}  // namespace interdict::match
