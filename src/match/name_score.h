// Scoring one name against another: token alignment with weights.
//
// Every query token may align with at most one list token (or a run of two
// or three tokens written as one on the other side: "AL QUDS"/"ALQUDS").
// Pairs are taken greedily, most similar first, which is optimal whenever
// similarities are distinct per token and within a hair otherwise, at a
// fraction of the cost of the Hungarian method for names of a few tokens.
//
// The score is a weighted Dice coefficient over the two token sets:
//
//            sum over pairs of similarity * (w_query + w_list)
//   score = ----------------------------------------------------------
//            sum of all query weights + sum of all list weights (*)
//
// (*) the heaviest unmatched list token counts 3/4 when at least two
// informative tokens matched, and 1/2 when besides every query token matched
// strongly: lists give full names (patronymics, middle names) that queries
// routinely omit, so one missing middle name costs less than an extra query
// token; further unmatched list tokens cost in full.
// An unmatched patronymic ("-ovich", "-ovna") counts half of that again, and
// an unmatched acronym of the name's other tokens ("BUTEMBO AIRLINES (BAL)")
// a fifth: neither adds identity the rest of the name lacks.
#ifndef INTERDICT_MATCH_NAME_SCORE_H_
#define INTERDICT_MATCH_NAME_SCORE_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "match/similarity.h"
#include "text/normalize.h"
#include "text/prepared.h"

namespace interdict::match {

inline constexpr std::uint32_t kNoTokenId = 0xFFFFFFFF;

// The informativeness scale of TokenWeight (index.h): a token's rarity in
// bits, log2(names / df), maps linearly onto [kMinInformation, 1], reaching
// 1 at kFullInformationBits (a token in 1/4096 of the names or fewer). The
// scorer's evidence rules (omitted middles, initials) read it back.
inline constexpr double kMinInformation = 0.35;
inline constexpr double kFullInformationBits = 12.0;
inline double InformationOfBits(double bits) noexcept {
  return std::clamp(kMinInformation + (1 - kMinInformation) * bits / kFullInformationBits,
                    kMinInformation, 1.0);
}
// The rarity in bits a name token's weight stands for (its inverse).
inline double BitsOfNameWeight(double weight) noexcept {
  return std::clamp((weight - kMinInformation) * kFullInformationBits / (1 - kMinInformation), 0.0,
                    kFullInformationBits);
}

struct WeightedToken {
  const text::PreparedToken* token = nullptr;
  double weight = 0;
  // The token's dictionary id when it comes from the index (kNoTokenId for
  // a query's own tokens): the key under which QueryScorer memoises
  // comparisons.
  std::uint32_t id = kNoTokenId;
  // Its part in a listed person's name (kNone for queries and where unknown).
  text::NameRole role = text::NameRole::kNone;
};

// One alignment: query tokens [q_begin, q_end) with list tokens
// [l_begin, l_end); one side always spans a single token.
struct AlignedPair {
  std::uint8_t q_begin = 0, q_end = 0;
  std::uint8_t l_begin = 0, l_end = 0;
  TokenMatch match;
  double weight = 0;  // w_query + w_list of the spans
};

struct NameScore {
  double score = 0;
  double total_weight = 0;  // the denominator
  std::vector<AlignedPair> pairs;
  std::vector<std::uint8_t> unmatched_query;
  std::vector<std::uint8_t> unmatched_list;
  double unmatched_list_factor = 1.0;  // kUnmatchedListDiscount or 1, see above
  // The query is the listed person's first given name and whole family name
  // with two or more middle names left out (see OmittedMiddles below):
  // unmatched_list holds exactly those middle names.
  bool middles_omitted = false;
};

// Unmatched list tokens count this much when >= 2 informative tokens matched,
inline constexpr double kUnmatchedListDiscount = 0.75;
// and this much when, besides, every query token matched at least
// kStrongSimilarity (exact, variant, phonetic of 5+ letters, long skeleton).
inline constexpr double kUnmatchedListFullQueryDiscount = 0.5;
inline constexpr double kStrongSimilarity = 0.9;
inline constexpr double kUnmatchedPatronymicFactor = 0.5;
inline constexpr double kUnmatchedAcronymFactor = 0.2;
// A sector word ("group", "holdings", "trading") on either side left
// unmatched when fewer than two distinctive words matched costs what a name
// of the same rarity would: its weight over the class weight of sector
// words (0.35, docs/scoring.md), name_score.cpp UnmatchedQueryCost. Only
// raising a cost, so MayReach's bound (each token's cost at least its
// weight) holds.
inline constexpr double kUnmatchedSectorFactor = 1.0 / 0.35;
// An unmatched particle closing the query is a name (name_score.cpp,
// UnmatchedQueryFactor): its weight over the particle class weight, 0.25.
inline constexpr double kTrailingParticleFactor = 1.0 / 0.25;
// Omitted middle names. A query that names a listed person's first given
// name and then the whole family name (text::NameRole), each word as listed
// or as a romanisation variant of it, leaving out two or more middle names,
// is how a customer record (given + family fields only) writes that person.
// Its omitted middles cost together what one omitted name costs
// (kUnmatchedListFullQueryDiscount of the heaviest) plus kFurtherMiddleFactor
// of each further one, so it alerts while staying below a full or
// one-omitted match. Only when the given and family names together are
// specific: their list weights must sum to kMinOmittedEvidence. A name
// token's weight is 0.35 + 0.65 * bits / 12 with bits = log2(names / df)
// (TokenWeight), so the sum is 0.7 + 0.65 * (joint bits) / 12: a given and
// a family name drawn independently meet by chance in df_g * df_f / names
// listed names, fewer than one when the joint bits exceed log2(names) = 16.0
// for the 66,703 names of the real lists, i.e. a sum of 1.57. Mohammad +
// Khan or Ali + Hassan (about 1.3) fall short; Jeffrey + Ashfield (2.0) not.
inline constexpr double kOmittedMiddlesSimilarity = 0.95;  // kVariantSimilarity
inline constexpr double kFurtherMiddleFactor = 0.1;
inline constexpr double kMinOmittedEvidence = 1.57;
// A merged run must be at least this similar to count.
inline constexpr double kMergedMinSimilarity = 0.85;
// Two adjacent tokens on each side with the same letters and the space
// elsewhere ("ANHUIL AND" / "ANHUI LAND", "FREIGHTL TD" / "FREIGHT LTD"):
// the letters are all there, one keystroke is out of place.
inline constexpr double kShiftedSpaceSimilarity = 0.95;

// Initials (name_initials.cpp). An initial weighs half a name
// (TokenWeight) and matches any name with its letter at kInitialSimilarity.
//
// A query initial left unmatched while the list still has an unmatched
// given or middle name, none of them with its letter, contradicts the
// list: "A. PEREZ VERDUZCO" names someone other than Roberto PEREZ
// VERDUZCO, as "Antonio PEREZ VERDUZCO" would. It then costs what the name
// it stands for would (kConflictingInitialFactor times an initial's
// weight, and at least kConflictingInitialShare of the name it
// contradicts: a one-letter stopword opening the query, "A. IZTUETA", is an
// initial that weighs almost nothing), and the list's unmatched names get
// no omission discount.
inline constexpr double kConflictingInitialFactor = 2.0;
inline constexpr double kConflictingInitialShare = 0.5;
// Given names as initials before a rare family name ("B. SUKIRNO" for
// Bambang SUKIRNO, "Daraghmeh, A. H."): a listed person's whole family name
// matched (as listed or a variant), and each query initial matching one of
// their given or middle names, is a specific match when the family name's
// rarity and the initials' letters together carry kMinInitialsEvidenceBits
// (log2 of the 66,703 listed names, as for omitted middles): the family
// tokens' bits (from their list weights) plus kInitialBits (log2 26) per
// initial. The initials then count at kRareFamilyInitialSimilarity: "B.
// SUKIRNO" scores about 0.85, below the full name and above the threshold;
// "M. KHAN" (Khan in hundreds of names) gains nothing.
// Without the list's structure (names of two words), the names matched in
// full stand for the family name. Initials written together ("VV", "M.S."
// read as "ms") stand for as many consecutive given names, when the token
// is rare enough (kMinJoinedInitialsWeight, about 1 name in 500) not to be
// a short name of its own (Ali, Kim, Li).
inline constexpr double kRareFamilyInitialSimilarity = 0.75;
inline constexpr double kMinJoinedInitialsWeight = 0.85;
inline constexpr double kMinInitialsEvidenceBits = 16.0;
inline constexpr double kInitialBits = 4.7;

// True when query token `t` may be initials written together ("VV", "M.S."
// read as "ms"): two or three letters, a name token, and rare enough as a
// token (kMinJoinedInitialsWeight) not to be a short name of its own.
bool IsJoinedInitials(const WeightedToken& t) noexcept;

// What query token `i`, an initial the alignment left unmatched, costs
// when it contradicts the list's unmatched given names (`list_used`:
// matched list tokens), or 0 when it does not.
double ContradictingInitialCost(const std::vector<WeightedToken>& query,
                                const std::vector<WeightedToken>& list, std::size_t i,
                                const std::array<bool, text::kMaxTokens>& list_used);
// Pairs each unmatched query token of joined initials with the first
// unmatched run of given names they spell (at kInitialSimilarity), marking
// both used; true when it added any.
bool AddJoinedInitials(const std::vector<WeightedToken>& query,
                       const std::vector<WeightedToken>& list,
                       std::array<bool, text::kMaxTokens>& query_used,
                       std::array<bool, text::kMaxTokens>& list_used,
                       std::vector<AlignedPair>& pairs);
// `numerator` with the initials of a rare family name raised to
// kRareFamilyInitialSimilarity, or -1 when the rule does not apply.
double RareFamilyInitialsNumerator(const std::vector<WeightedToken>& query,
                                   const std::vector<WeightedToken>& list,
                                   const std::vector<AlignedPair>& pairs, double numerator);
// Raises MayReach's per-token bounds where that rule might apply.
void RaiseInitialBounds(const std::vector<WeightedToken>& query,
                        const std::vector<WeightedToken>& list,
                        std::array<double, text::kMaxTokens>& best_q,
                        std::array<double, text::kMaxTokens>& best_l);

NameScore ScoreName(const std::vector<WeightedToken>& query,
                    const std::vector<WeightedToken>& list);

// ScoreName for one query against many names, with the same results. List
// tokens from the index repeat across a query's candidates ("muhammad" in
// most of them), so each (query token, dictionary token) comparison is made
// once per query and remembered; the query's own joined runs are built once.
// One per thread, Reset() per query; the query's tokens must outlive it.
class QueryScorer {
 public:
  QueryScorer();
  void Reset(const std::vector<WeightedToken>& query);
  // Scores `list` into `out`, reusing out's vectors.
  void Score(const std::vector<WeightedToken>& list, NameScore& out);
  // False only when Score(list) is certainly below `at_least` (> 0): an
  // upper bound from each token's best similarity against the other side
  // (merged runs counted at their best), every token either matched at its
  // best or unmatched at its least cost, and the largest discount for an
  // omitted list token. Costs the comparisons Score would make, not the
  // alignment.
  bool MayReach(const std::vector<WeightedToken>& list, double at_least);

 private:
  struct Slot {
    std::uint64_t key;     // a dictionary id, or a run's key (see RunMatch)
    std::uint32_t offset;  // into matches_
    std::uint32_t stamp;   // live when equal to stamp_
  };
  // A run of 2-3 adjacent query tokens written together.
  struct Run {
    std::string text;
    std::uint8_t begin, end;
  };
  // The offset in matches_ of the comparisons of every query token with
  // `list_token`, in query order (computed on first sight of its id).
  std::uint32_t Row(const WeightedToken& list_token);
  // CompareJoined of query run `run` with `list_token`, remembered likewise.
  TokenMatch RunMatch(std::size_t run, const WeightedToken& list_token);
  // The slot holding `key`, or the free slot where it belongs.
  Slot& Probe(std::uint64_t key);
  void Remember(Slot& slot, std::uint64_t key, std::uint32_t offset);
  void AddQueryRuns(const std::vector<WeightedToken>& list);
  // Each list token's row in matches_ (Row()), into rows_.
  void FillRows(const std::vector<WeightedToken>& list);

  const std::vector<WeightedToken>* query_ = nullptr;
  std::vector<Run> runs_;
  std::vector<TokenMatch> matches_;
  std::vector<Slot> slots_;  // open addressing, a power of two
  std::uint32_t stamp_ = 0;
  std::size_t live_ = 0;
  std::vector<AlignedPair> pairs_;   // the candidate pairs of one name
  std::vector<std::uint32_t> rows_;  // per list token of the current name
  // By first letter: the query runs (bit r) and query tokens (bit i) that
  // start with it, so MayReach tries only merges whose first letters agree.
  std::array<std::uint64_t, 256> runs_by_letter_{};
  std::array<std::uint32_t, 256> tokens_by_letter_{};
};

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_NAME_SCORE_H_
