// Given names written as initials (name_score.h: "Initials").
#include <algorithm>

#include "match/name_score.h"

namespace interdict::match {
namespace {

bool IsName(const text::PreparedToken& t) { return t.cls == text::TokenClass::kName; }
bool IsInitial(const text::PreparedToken& t) { return t.text.size() == 1 && IsName(t); }
// A one-letter stopword ("a", "e", "y": "and" in some languages) is also an
// initial when it matched a given name as one, or opens the query.
bool MayBeInitial(const text::PreparedToken& t) {
  return t.text.size() == 1 && (IsName(t) || t.cls == text::TokenClass::kStopword);
}

// Besides, at either end of the query, a one-letter particle ("e", "i").
bool MayBeEdgeInitial(const text::PreparedToken& t) {
  return MayBeInitial(t) || (t.text.size() == 1 && t.cls == text::TokenClass::kParticle);
}

// A list token an initial may stand for: a given or middle name.
bool Abbreviable(const WeightedToken& t) {
  return IsName(*t.token) && t.token->text.size() >= 2 && t.role != text::NameRole::kFamily;
}

bool Structured(const std::vector<WeightedToken>& list) {
  return !list.empty() && std::all_of(list.begin(), list.end(), [](const WeightedToken& t) {
    return t.role != text::NameRole::kNone;
  });
}

bool IsInitialPair(const std::vector<WeightedToken>& query, const AlignedPair& p) {
  return p.match.rule == MatchRule::kInitial && p.q_end == p.q_begin + 1 &&
         (MayBeInitial(*query[p.q_begin].token) || p.l_end > p.l_begin + 1);
}

}  // namespace

bool IsJoinedInitials(const WeightedToken& t) noexcept {
  const std::string& s = t.token->text;
  return t.token->cls == text::TokenClass::kName && s.size() >= 2 && s.size() <= 3 &&
         t.weight >= kMinJoinedInitialsWeight &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

double ContradictingInitialCost(const std::vector<WeightedToken>& query,
                                const std::vector<WeightedToken>& list, std::size_t i,
                                const std::array<bool, text::kMaxTokens>& list_used) {
  // A one-letter stopword or particle opening or closing the query ("A.
  // PEREZ", "E JAFARI", "NOORINAJAD E") is an initial: a conjunction ("y",
  // "e", "i" in Spanish, Portuguese, Catalan names) only ever joins two
  // names.
  const bool edge = i == 0 || i + 1 == query.size();
  if (!IsInitial(*query[i].token) && !(edge && MayBeEdgeInitial(*query[i].token))) return 0;
  const char letter = query[i].token->text[0];
  double contradicted = 0;  // the heaviest given name the initial is not
  for (std::size_t j = 0; j < list.size() && j < text::kMaxTokens; ++j) {
    if (list_used[j] || !Abbreviable(list[j])) continue;
    if (list[j].token->text[0] == letter) return 0;  // it may abbreviate this one
    contradicted = std::max(contradicted, list[j].weight);
  }
  if (contradicted == 0) return 0;
  return std::max(kConflictingInitialFactor * query[i].weight,
                  kConflictingInitialShare * contradicted);
}

bool AddJoinedInitials(const std::vector<WeightedToken>& query,
                       const std::vector<WeightedToken>& list,
                       std::array<bool, text::kMaxTokens>& query_used,
                       std::array<bool, text::kMaxTokens>& list_used,
                       std::vector<AlignedPair>& pairs) {
  bool added = false;
  for (std::size_t i = 0; i < query.size() && i < text::kMaxTokens; ++i) {
    if (query_used[i] || !IsJoinedInitials(query[i])) continue;
    const std::string& letters = query[i].token->text;
    for (std::size_t b = 0; b + letters.size() <= list.size(); ++b) {
      bool fits = true;
      double weight = query[i].weight;
      for (std::size_t k = 0; k < letters.size() && fits; ++k) {
        const WeightedToken& t = list[b + k];
        fits = !list_used[b + k] && Abbreviable(t) && t.token->text[0] == letters[k];
        weight += t.weight;
      }
      if (!fits) continue;
      AlignedPair p;
      p.q_begin = static_cast<std::uint8_t>(i);
      p.q_end = static_cast<std::uint8_t>(i + 1);
      p.l_begin = static_cast<std::uint8_t>(b);
      p.l_end = static_cast<std::uint8_t>(b + letters.size());
      p.match = {kInitialSimilarity, MatchRule::kInitial, 0};
      p.weight = weight;
      pairs.push_back(p);
      query_used[i] = true;
      for (std::size_t k = b; k < b + letters.size(); ++k) list_used[k] = true;
      added = true;
      break;
    }
  }
  return added;
}

double RareFamilyInitialsNumerator(const std::vector<WeightedToken>& query,
                                   const std::vector<WeightedToken>& list,
                                   const std::vector<AlignedPair>& pairs, double numerator) {
  const bool structured = Structured(list);
  std::array<bool, text::kMaxTokens> matched{};
  double bits = 0, raised = numerator;
  int initials = 0;
  for (const AlignedPair& p : pairs) {
    if (IsInitialPair(query, p)) {
      initials += p.l_end - p.l_begin;
      raised += (kRareFamilyInitialSimilarity - p.match.similarity) * p.weight;
      continue;
    }
    if (p.match.similarity < kOmittedMiddlesSimilarity) continue;
    for (std::size_t k = p.l_begin; k < p.l_end; ++k) {
      matched[k] = true;
      // Without the list's structure, the names matched in full stand for
      // the family name.
      if (IsName(*list[k].token) && (!structured || list[k].role == text::NameRole::kFamily))
        bits += BitsOfNameWeight(list[k].weight);
    }
  }
  for (std::size_t j = 0; structured && j < list.size(); ++j) {
    if (list[j].role == text::NameRole::kFamily && !matched[j]) return -1;
  }
  if (initials == 0 || bits + kInitialBits * initials < kMinInitialsEvidenceBits) return -1;
  return raised;
}

void RaiseInitialBounds(const std::vector<WeightedToken>& query,
                        const std::vector<WeightedToken>& list,
                        std::array<double, text::kMaxTokens>& best_q,
                        std::array<double, text::kMaxTokens>& best_l) {
  std::string letters;  // first letters the query's initials may stand for
  for (std::size_t i = 0; i < query.size() && i < text::kMaxTokens; ++i) {
    const bool single = MayBeInitial(*query[i].token) && best_q[i] >= kInitialSimilarity;
    if (single || IsJoinedInitials(query[i])) {
      best_q[i] = std::max(best_q[i], kRareFamilyInitialSimilarity);
      letters += query[i].token->text;
    }
  }
  if (letters.empty()) return;
  for (std::size_t j = 0; j < list.size() && j < text::kMaxTokens; ++j) {
    if (Abbreviable(list[j]) && letters.find(list[j].token->text[0]) != std::string::npos)
      best_l[j] = std::max(best_l[j], kRareFamilyInitialSimilarity);
  }
}

}  // namespace interdict::match
