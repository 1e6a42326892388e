// What the alignment of a query with a listed name leaves unmatched costs:
// the rules that say how much a token no pair took counts against the
// score (docs/scoring.md §3). Internal to the match stage; QueryScorer
// (name_score.h) is their only caller. All functions are pure.
#ifndef INTERDICT_MATCH_UNMATCHED_COST_H_
#define INTERDICT_MATCH_UNMATCHED_COST_H_

#include <array>
#include <cstddef>
#include <vector>

#include "match/name_score.h"

namespace interdict::match {

// A name or a number: a token that says which party, not what kind.
bool Informative(const text::PreparedToken& t);

// True when token `k`, the last of `tokens`, abbreviates the tokens before
// it ("BUTEMBO AIRLINES (BAL)").
bool IsAcronymOfOthers(const std::vector<WeightedToken>& tokens, std::size_t k);

// What unmatched token `k` of a listed name costs relative to its weight
// (an acronym of the others or a patronymic costs less).
double UnmatchedFactor(const std::vector<WeightedToken>& tokens, std::size_t k);

// What unmatched query token `i` costs relative to its weight: an acronym,
// a trailing particle that is a syllable of a name, or a sector word when
// fewer than two distinctive words matched (`sector_counts`); `list_used`
// marks the list tokens the alignment took.
double UnmatchedQueryFactor(const std::vector<WeightedToken>& query, std::size_t i,
                            const std::vector<WeightedToken>& list,
                            const std::array<bool, text::kMaxTokens>& list_used,
                            bool sector_counts);

// Likewise for unmatched list token `j` and the sector-word rule only.
double SectorFactor(const std::vector<WeightedToken>& tokens, std::size_t i,
                    const std::vector<WeightedToken>& other,
                    const std::array<bool, text::kMaxTokens>& other_used, bool sector_counts);

// True when `list` is a person's name of known structure and no token of
// its family name was matched (`used`): the omission earns no discount.
bool FamilyLeftOut(const std::vector<WeightedToken>& list,
                   const std::array<bool, text::kMaxTokens>& used);

// What the unmatched list tokens cost when the query is the listed person's
// first given and whole family name with two or more middle names left out
// (kFurtherMiddleFactor); negative when it is not. `used` marks the list
// tokens the alignment `pairs` took.
double OmittedMiddlesCost(const std::vector<WeightedToken>& list,
                          std::array<bool, text::kMaxTokens> used,
                          const std::vector<AlignedPair>& pairs);

// False when OmittedMiddlesCost cannot apply to `list` whatever the
// alignment (`best_q`: each query token's best similarity to any list token).
bool MayOmitMiddles(const std::vector<WeightedToken>& list,
                    const std::array<double, text::kMaxTokens>& best_q, std::size_t query_size);

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_UNMATCHED_COST_H_
