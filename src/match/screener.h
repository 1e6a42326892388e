// The Screener implementation (include/interdict/screen.h), exposed inside
// the project so tests and benches can reach the candidate stage and the
// brute-force mode directly.
#ifndef INTERDICT_MATCH_SCREENER_H_
#define INTERDICT_MATCH_SCREENER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "interdict/screen.h"
#include "match/adjust.h"
#include "match/entity_table.h"
#include "match/index.h"

namespace interdict::match {

class IndexScreener final : public Screener {
 public:
  // Names scored per query at most (the candidate cap).
  static constexpr std::size_t kMaxCandidates = 200;
  // Below this name score, adjustments other than an identifier match are
  // not applied: attributes cannot make a wrong name right.
  static constexpr double kAdjustFloor = 0.5;
  // With a threshold, candidates whose Dice estimate is below this fraction
  // of it are not scored. The estimate counts only the query side's credit
  // and no discount for an omitted middle name, so it runs below the score;
  // on the real lists no alert's best name had an estimate below 0.71 of the
  // threshold (bench/screen_perf prints the recall this keeps).
  static constexpr double kEstimateCut = 0.6;

  explicit IndexScreener(std::vector<Entity> entities);

  std::vector<ScreenMatch> Screen(const ScreenQuery& query,
                                  const ScreenOptions& options) const noexcept override;
  ScreenMatch Compare(std::string_view name1, std::string_view name2,
                      std::optional<Schema> type) const noexcept override;
  std::size_t name_count() const noexcept override { return index_.size(); }
  std::size_t entity_count() const noexcept override { return entities_.size(); }

  // The candidate stage alone: ids of names that would be scored.
  std::vector<std::uint32_t> CandidateNames(std::string_view query_name) const;
  const NameIndex& index() const noexcept { return index_; }
  // Whether names that certainly score below the threshold are skipped
  // before alignment (QueryScorer::MayReach). On by default; off only to
  // check that it changes no result (tests) or to measure what it saves.
  void set_pruning(bool on) noexcept { pruning_ = on; }
  std::size_t MemoryBytes() const noexcept;

  // The built screener as bytes for the on-disk cache (match/index_cache.h),
  // and back: nullptr when the bytes are not a screener this code wrote.
  void Serialize(ByteWriter& w) const;
  static std::unique_ptr<IndexScreener> Deserialize(ByteReader& r);

 private:
  IndexScreener() = default;
  // An entity's best-scoring name (name_score 0 and no name: found only by
  // an identifier).
  struct Scored {
    std::uint32_t entity;
    std::uint32_t name;
    double name_score;
    bool by_name;
  };
  std::vector<ScreenMatch> ScreenImpl(const ScreenQuery& query, const ScreenOptions& options) const;
  // The best name of each entity among `names` scoring above 0 and at
  // least `at_least`, by entity. Names whose score certainly falls below
  // `at_least` are not aligned at all (QueryScorer::MayReach).
  void ScoreNames(QueryScorer& scorer, const std::vector<std::uint32_t>& names, double at_least,
                  std::vector<Scored>& best) const;
  // The name score below which a name cannot make `query` a match (0: none).
  double PruneBelow(const ScreenQuery& query, const ScreenOptions& options) const;
  // The name score moved by the entity's secondary attributes, in [0, 1].
  double FinalScore(const ScreenQuery& query, const QueryFacts& query_facts, const Scored& scored,
                    std::vector<Adjustment>& adjustments) const;
  ScreenMatch MakeMatch(const std::vector<WeightedToken>& q, QueryScorer& scorer,
                        const Scored& scored, double score,
                        std::vector<Adjustment> adjustments) const;

  NameIndex index_;
  EntityTable entities_;
  std::vector<std::uint32_t> first_name_;  // entity -> its first name id (CSR)
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_identifier_;
  bool pruning_ = true;
};

// Builds the explanation for a scored pair (shared by Screen and Compare).
Explanation Explain(const std::vector<WeightedToken>& query, const std::vector<WeightedToken>& list,
                    const NameScore& score);

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_SCREENER_H_
