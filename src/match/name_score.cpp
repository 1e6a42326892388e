#include "match/name_score.h"

#include <algorithm>
#include <array>
#include <bit>
#include <optional>
#include <string>
#include <string_view>

#include "match/unmatched_cost.h"
#include "text/normalize.h"

namespace interdict::match {
namespace {

using text::PreparedToken;
using text::TokenClass;

constexpr std::size_t kMaxRun = 3;  // "abd al rahman" -> "abdalrahman"

double SpanWeight(const std::vector<WeightedToken>& tokens, std::size_t begin, std::size_t end) {
  double w = 0;
  for (std::size_t i = begin; i < end; ++i) w += tokens[i].weight;
  return w;
}

AlignedPair MakePair(std::size_t q_begin, std::size_t q_end, std::size_t l_begin, std::size_t l_end,
                     const TokenMatch& match, double weight) {
  AlignedPair p;
  p.q_begin = static_cast<std::uint8_t>(q_begin);
  p.q_end = static_cast<std::uint8_t>(q_end);
  p.l_begin = static_cast<std::uint8_t>(l_begin);
  p.l_end = static_cast<std::uint8_t>(l_end);
  p.match = match;
  p.weight = weight;
  return p;
}

// A merged run is compared only with a single token that starts with the
// same letter and differs in length by at most two.
bool MayMerge(char run_front, std::size_t run_length, const std::string& single) {
  if (single.empty() || single.front() != run_front) return false;
  const std::size_t gap =
      single.size() > run_length ? single.size() - run_length : run_length - single.size();
  return gap <= 2;
}

AlignedPair MergedPair(std::size_t many_begin, std::size_t many_end, std::size_t one,
                       bool many_is_query, double similarity, double weight) {
  const TokenMatch m{similarity, MatchRule::kMerged, 0};
  return many_is_query ? MakePair(many_begin, many_end, one, one + 1, m, weight)
                       : MakePair(one, one + 1, many_begin, many_end, m, weight);
}

// Most similar first, then heaviest; ties keep their order. A name usually
// yields a few dozen pairs, where insertion sort beats std::stable_sort's
// buffer allocation and merging.
void SortPairs(std::vector<AlignedPair>& pairs) {
  auto before = [](const AlignedPair& a, const AlignedPair& b) {
    if (a.match.similarity != b.match.similarity) return a.match.similarity > b.match.similarity;
    return a.weight > b.weight;
  };
  if (pairs.size() > 64) {  // 32 tokens against 32: keep n log n
    std::stable_sort(pairs.begin(), pairs.end(), before);
    return;
  }
  for (std::size_t k = 1; k < pairs.size(); ++k) {
    const AlignedPair p = pairs[k];
    std::size_t at = k;
    for (; at > 0 && before(p, pairs[at - 1]); --at) pairs[at] = pairs[at - 1];
    pairs[at] = p;
  }
}

// The first letter of tokens [begin, end) written together, '\0' if empty.
char RunFront(const std::vector<WeightedToken>& tokens, std::size_t begin, std::size_t end) {
  for (std::size_t k = begin; k < end; ++k) {
    if (!tokens[k].token->text.empty()) return tokens[k].token->text.front();
  }
  return '\0';
}

// Adds pairs where list tokens [begin, begin+run) are written as the single
// query token j. The concatenation is built only when the cheap length and
// first-letter checks let some query token through.
void AddListRuns(const std::vector<WeightedToken>& list, const std::vector<WeightedToken>& query,
                 std::vector<AlignedPair>& pairs) {
  std::string concat;
  for (std::size_t begin = 0; begin + 1 < list.size(); ++begin) {
    std::size_t length = list[begin].token->text.size();
    for (std::size_t run = 2; run <= kMaxRun && begin + run <= list.size(); ++run) {
      length += list[begin + run - 1].token->text.size();
      const char front = RunFront(list, begin, begin + run);
      if (front == '\0') continue;
      concat.clear();
      for (std::size_t j = 0; j < query.size(); ++j) {
        if (!MayMerge(front, length, query[j].token->text)) continue;
        if (concat.empty()) {
          for (std::size_t k = begin; k < begin + run; ++k) concat += list[k].token->text;
        }
        const TokenMatch m = CompareJoined(concat, list[begin].token->abjad, *query[j].token);
        if (m.similarity < kMergedMinSimilarity) continue;
        pairs.push_back(MergedPair(begin, begin + run, j, /*many_is_query=*/false, m.similarity,
                                   SpanWeight(list, begin, begin + run) + query[j].weight));
      }
    }
  }
}

// True when tokens a b and c d hold the same letters with the space in
// another place ("anhuil and" / "anhui land"): a space typed a letter or
// two early or late.
bool ShiftedSpace(const std::string& a, const std::string& b, const std::string& c,
                  const std::string& d) {
  if (a.size() + b.size() != c.size() + d.size() || a.size() == c.size() || a.empty() ||
      c.empty() || a[0] != c[0]) {
    return false;
  }
  const std::size_t n = a.size() + b.size();
  for (std::size_t k = 0; k < n; ++k) {
    const char x = k < a.size() ? a[k] : b[k - a.size()];
    const char y = k < c.size() ? c[k] : d[k - c.size()];
    if (x != y) return false;
  }
  return true;
}

// Calls `found(i, j)` for each pair of query tokens i, i+1 and list tokens
// j, j+1 written with a shifted space.
template <typename Found>
void ForEachShiftedSpace(const std::vector<WeightedToken>& query,
                         const std::vector<WeightedToken>& list, Found found) {
  for (std::size_t i = 0; i + 1 < query.size(); ++i) {
    for (std::size_t j = 0; j + 1 < list.size(); ++j) {
      if (ShiftedSpace(query[i].token->text, query[i + 1].token->text, list[j].token->text,
                       list[j + 1].token->text)) {
        found(i, j);
      }
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// QueryScorer

namespace {
constexpr std::size_t kFirstSlots = 1024;          // a power of two; doubles when half full
constexpr std::uint64_t kRunKeyBase = 1ull << 32;  // run r's keys: (r + 1) << 32 | id

std::size_t SlotOf(std::uint64_t key, std::size_t slots) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (slots - 1);
}
}  // namespace

QueryScorer::QueryScorer() = default;

void QueryScorer::Reset(const std::vector<WeightedToken>& query) {
  query_ = &query;
  runs_.clear();
  for (std::size_t begin = 0; begin + 1 < query.size(); ++begin) {
    std::string concat = query[begin].token->text;
    for (std::size_t run = 2; run <= kMaxRun && begin + run <= query.size(); ++run) {
      concat += query[begin + run - 1].token->text;
      runs_.push_back(
          {concat, static_cast<std::uint8_t>(begin), static_cast<std::uint8_t>(begin + run)});
    }
  }
  runs_by_letter_.fill(0);
  tokens_by_letter_.fill(0);
  for (std::size_t r = 0; r < runs_.size() && r < 64; ++r) {
    if (runs_[r].text.empty()) continue;  // tokens are never empty; be safe
    runs_by_letter_[static_cast<unsigned char>(runs_[r].text.front())] |= 1ull << r;
  }
  for (std::size_t i = 0; i < query.size() && i < 32; ++i) {
    const std::string& t = query[i].token->text;
    if (!t.empty()) tokens_by_letter_[static_cast<unsigned char>(t.front())] |= 1u << i;
  }
  matches_.clear();
  if (++stamp_ == 0) {  // wrapped: forget every stamp
    for (Slot& slot : slots_) slot.stamp = 0;
    stamp_ = 1;
  }
  live_ = 0;
}

QueryScorer::Slot& QueryScorer::Probe(std::uint64_t key) {
  if (slots_.empty()) slots_.assign(kFirstSlots, Slot{0, 0, 0});
  for (std::size_t i = SlotOf(key, slots_.size());; i = (i + 1) & (slots_.size() - 1)) {
    Slot& slot = slots_[i];
    if (slot.stamp != stamp_ || slot.key == key) return slot;
  }
}

void QueryScorer::Remember(Slot& slot, std::uint64_t key, std::uint32_t offset) {
  slot = {key, offset, stamp_};
  if (++live_ * 2 <= slots_.size()) return;
  std::vector<Slot> old(slots_.size() * 2, Slot{0, 0, 0});
  old.swap(slots_);
  for (const Slot& s : old) {
    if (s.stamp == stamp_) Probe(s.key) = s;
  }
}

std::uint32_t QueryScorer::Row(const WeightedToken& list_token) {
  const std::vector<WeightedToken>& query = *query_;
  const auto offset = static_cast<std::uint32_t>(matches_.size());
  if (list_token.id == kNoTokenId) {  // not from the index: nothing to remember it by
    for (const WeightedToken& q : query) {
      matches_.push_back(CompareTokens(*q.token, *list_token.token));
    }
    return offset;
  }
  Slot& slot = Probe(list_token.id);
  if (slot.stamp == stamp_) return slot.offset;
  for (const WeightedToken& q : query)
    matches_.push_back(CompareTokens(*q.token, *list_token.token));
  Remember(slot, list_token.id, offset);
  return offset;
}

TokenMatch QueryScorer::RunMatch(std::size_t run, const WeightedToken& list_token) {
  const Run& r = runs_[run];
  auto compute = [&] {
    return CompareJoined(r.text, (*query_)[r.begin].token->abjad, *list_token.token);
  };
  if (list_token.id == kNoTokenId) return compute();
  const std::uint64_t key = (run + 1) * kRunKeyBase | list_token.id;
  Slot& slot = Probe(key);
  if (slot.stamp == stamp_) return matches_[slot.offset];
  const auto offset = static_cast<std::uint32_t>(matches_.size());
  matches_.push_back(compute());
  Remember(slot, key, offset);
  return matches_[offset];
}

// Adds pairs where query runs are written as one list token, in the order
// ScoreName has always considered them (stable sorting keeps ties in it).
void QueryScorer::AddQueryRuns(const std::vector<WeightedToken>& list) {
  const std::vector<WeightedToken>& query = *query_;
  for (std::size_t r = 0; r < runs_.size(); ++r) {
    const Run& run = runs_[r];
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (run.text.empty() || !MayMerge(run.text.front(), run.text.size(), list[j].token->text)) {
        continue;
      }
      const TokenMatch m = RunMatch(r, list[j]);
      if (m.similarity < kMergedMinSimilarity) continue;
      pairs_.push_back(MergedPair(run.begin, run.end, j, /*many_is_query=*/true, m.similarity,
                                  SpanWeight(query, run.begin, run.end) + list[j].weight));
    }
  }
}

void QueryScorer::FillRows(const std::vector<WeightedToken>& list) {
  rows_.resize(list.size());
  for (std::size_t j = 0; j < list.size(); ++j) rows_[j] = Row(list[j]);
}

bool QueryScorer::MayReach(const std::vector<WeightedToken>& list, double at_least) {
  const std::vector<WeightedToken>& query = *query_;
  if (query.empty() || list.empty()) return false;  // scores 0
  if (query.size() > text::kMaxTokens || list.size() > text::kMaxTokens) return true;
  std::array<double, text::kMaxTokens> best_q{}, best_l{};
  FillRows(list);
  for (std::size_t j = 0; j < list.size(); ++j) {
    for (std::size_t i = 0; i < query.size(); ++i) {
      const double sim = matches_[rows_[j] + i].similarity;
      best_q[i] = std::max(best_q[i], sim);
      best_l[j] = std::max(best_l[j], sim);
    }
  }
  // Query runs written as one list token, as AddQueryRuns finds them (only
  // runs with the list token's first letter can pass MayMerge).
  for (std::size_t j = 0; j < list.size(); ++j) {
    const std::string& single = list[j].token->text;
    if (single.empty()) continue;
    for (std::uint64_t m = runs_by_letter_[static_cast<unsigned char>(single.front())]; m != 0;
         m &= m - 1) {
      const auto r = static_cast<std::size_t>(std::countr_zero(m));
      if (!MayMerge(runs_[r].text.front(), runs_[r].text.size(), single)) continue;
      const double sim = RunMatch(r, list[j]).similarity;
      if (sim < kMergedMinSimilarity) continue;
      best_l[j] = std::max(best_l[j], sim);
      for (std::size_t k = runs_[r].begin; k < runs_[r].end; ++k)
        best_q[k] = std::max(best_q[k], sim);
    }
  }
  ForEachShiftedSpace(query, list, [&](std::size_t i, std::size_t j) {
    for (std::size_t k = 0; k < 2; ++k) {
      best_q[i + k] = std::max(best_q[i + k], kShiftedSpaceSimilarity);
      best_l[j + k] = std::max(best_l[j + k], kShiftedSpaceSimilarity);
    }
  });
  // List runs written as one query token: wherever AddListRuns would try
  // one, count it as exact rather than build and compare it.
  for (std::size_t begin = 0; begin + 1 < list.size(); ++begin) {
    std::size_t length = list[begin].token->text.size();
    for (std::size_t run = 2; run <= kMaxRun && begin + run <= list.size(); ++run) {
      length += list[begin + run - 1].token->text.size();
      const char front = RunFront(list, begin, begin + run);
      if (front == '\0') continue;
      for (std::uint32_t m = tokens_by_letter_[static_cast<unsigned char>(front)]; m != 0;
           m &= m - 1) {
        const auto j = static_cast<std::size_t>(std::countr_zero(m));
        if (!MayMerge(front, length, query[j].token->text)) continue;
        best_q[j] = 1.0;
        for (std::size_t k = begin; k < begin + run; ++k) best_l[k] = 1.0;
      }
    }
  }
  RaiseInitialBounds(query, list, best_q, best_l);
  // score >= T needs sum(matched: sim * w) >= T * (sum(matched: w) +
  // sum(unmatched: cost) - discount); each token adds at most the larger of
  // (best - T) * w and -T * cost, the discount at most half the largest
  // unmatched list cost.
  const double t = at_least;
  const bool omission = MayOmitMiddles(list, best_q, query.size());
  double slack = 0, largest_list_cost = 0;
  for (std::size_t i = 0; i < query.size(); ++i) {
    const double cost =
        query[i].weight * (IsAcronymOfOthers(query, i) ? kUnmatchedAcronymFactor : 1.0);
    slack += std::max((best_q[i] - t) * query[i].weight, -t * cost);
  }
  for (std::size_t j = 0; j < list.size(); ++j) {
    double cost = list[j].weight * UnmatchedFactor(list, j);
    // An omitted middle name may cost as little as OmittedMiddlesCost says.
    if (omission && list[j].role == text::NameRole::kMiddle) cost *= kFurtherMiddleFactor;
    slack += std::max((best_l[j] - t) * list[j].weight, -t * cost);
    largest_list_cost = std::max(largest_list_cost, cost);
  }
  slack += (1.0 - kUnmatchedListFullQueryDiscount) * t * largest_list_cost;
  return slack >= 0;
}

void QueryScorer::Score(const std::vector<WeightedToken>& list, NameScore& result) {
  const std::vector<WeightedToken>& query = *query_;
  result.score = 0;
  result.total_weight = 0;
  result.pairs.clear();
  result.unmatched_query.clear();
  result.unmatched_list.clear();
  result.unmatched_list_factor = 1.0;
  result.middles_omitted = false;
  if (query.empty() || list.empty()) return;
  std::vector<AlignedPair>& candidates = pairs_;
  candidates.clear();
  FillRows(list);
  for (std::size_t i = 0; i < query.size(); ++i) {
    for (std::size_t j = 0; j < list.size(); ++j) {
      const TokenMatch& m = matches_[rows_[j] + i];
      if (m.similarity <= 0) continue;
      candidates.push_back(MakePair(i, i + 1, j, j + 1, m, query[i].weight + list[j].weight));
    }
  }
  AddQueryRuns(list);
  AddListRuns(list, query, candidates);
  ForEachShiftedSpace(query, list, [&](std::size_t i, std::size_t j) {
    candidates.push_back(MakePair(i, i + 2, j, j + 2,
                                  {kShiftedSpaceSimilarity, MatchRule::kMerged, 0},
                                  SpanWeight(query, i, i + 2) + SpanWeight(list, j, j + 2)));
  });
  SortPairs(candidates);

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
  double weakest = 1.0;    // the least similar pair
  for (const AlignedPair& p : candidates) {
    if (!free_span(q_used, p.q_begin, p.q_end) || !free_span(l_used, p.l_begin, p.l_end)) continue;
    for (std::size_t k = p.q_begin; k < p.q_end; ++k) q_used[k] = true;
    for (std::size_t k = p.l_begin; k < p.l_end; ++k) l_used[k] = true;
    numerator += p.match.similarity * p.weight;
    matched_weight += p.weight;
    all_strong = all_strong && p.match.similarity >= kStrongSimilarity;
    weakest = std::min(weakest, p.match.similarity);
    if (p.match.similarity >= 0.8 && Informative(*query[p.q_begin].token) &&
        Informative(*list[p.l_begin].token)) {
      ++informative_matches;
    }
    result.pairs.push_back(p);
  }
  const std::size_t aligned = result.pairs.size();
  if (AddJoinedInitials(query, list, q_used, l_used, result.pairs)) {
    for (std::size_t k = aligned; k < result.pairs.size(); ++k) {
      const AlignedPair& p = result.pairs[k];
      numerator += p.match.similarity * p.weight;
      matched_weight += p.weight;
      all_strong = false;
      weakest = std::min(weakest, p.match.similarity);
    }
  }
  double unmatched_query = 0, unmatched_list = 0, heaviest_unmatched_list = 0;
  const bool sector_counts = informative_matches < 2;
  bool contradicted = false;  // an initial stands for another given name
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (q_used[i]) continue;
    result.unmatched_query.push_back(static_cast<std::uint8_t>(i));
    const double conflict = ContradictingInitialCost(query, list, i, l_used);
    contradicted = contradicted || conflict > 0;
    unmatched_query += conflict > 0 ? conflict
                                    : query[i].weight * UnmatchedQueryFactor(query, i, list, l_used,
                                                                             sector_counts);
  }
  for (std::size_t j = 0; j < list.size(); ++j) {
    if (l_used[j]) continue;
    result.unmatched_list.push_back(static_cast<std::uint8_t>(j));
    const double cost = list[j].weight * UnmatchedFactor(list, j) *
                        SectorFactor(list, j, query, q_used, sector_counts);
    unmatched_list += cost;
    heaviest_unmatched_list = std::max(heaviest_unmatched_list, cost);
  }
  // A query whose every token found its list token by a strong rule, with
  // one list token left over, is the listed name with one name left out ("Muhammad Ahmad" for
  // "Muhammad Yunis Ahmad"); one that needed weak or partial matches earns less benefit of the
  // doubt.
  // Initials of a rare family name (name_initials.cpp) weigh as names do,
  // and earn the same discount for an omitted name.
  bool rare_initials = false;
  if (!contradicted && result.unmatched_query.empty()) {
    const double raised = RareFamilyInitialsNumerator(query, list, result.pairs, numerator);
    rare_initials = raised > numerator;
    if (rare_initials) numerator = raised;
  }
  if ((informative_matches < 2 && !rare_initials) || contradicted || FamilyLeftOut(list, l_used)) {
    result.unmatched_list_factor = 1.0;
  } else if (all_strong && result.unmatched_query.empty() && result.unmatched_list.size() == 1) {
    result.unmatched_list_factor = kUnmatchedListFullQueryDiscount;
  } else {
    result.unmatched_list_factor = kUnmatchedListDiscount;
  }
  // The discount covers one omitted name (a middle name or patronymic);
  // every further unmatched list token costs in full, unless the query is
  // the person's given and family name with the middle names left out.
  result.total_weight = matched_weight + unmatched_query + unmatched_list -
                        (1.0 - result.unmatched_list_factor) * heaviest_unmatched_list;
  if (weakest >= kOmittedMiddlesSimilarity && result.unmatched_query.empty() &&
      result.unmatched_list.size() >= 2 && informative_matches >= 2) {
    const double omitted = OmittedMiddlesCost(list, l_used, result.pairs);
    if (omitted >= 0 && matched_weight + omitted < result.total_weight) {
      result.total_weight = matched_weight + omitted;
      result.middles_omitted = true;
    }
  }
  result.score = result.total_weight > 0 ? numerator / result.total_weight : 0;
}

NameScore ScoreName(const std::vector<WeightedToken>& query,
                    const std::vector<WeightedToken>& list) {
  QueryScorer scorer;
  scorer.Reset(query);
  NameScore result;
  scorer.Score(list, result);
  return result;
}

}  // namespace interdict::match
