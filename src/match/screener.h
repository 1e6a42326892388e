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
#include "match/index.h"

namespace interdict::match {

class IndexScreener final : public Screener {
 public:
  // Names scored per query at most (the candidate cap).
  static constexpr std::size_t kMaxCandidates = 200;
  // Below this name score, adjustments other than an identifier match are
  // not applied: attributes cannot make a wrong name right.
  static constexpr double kAdjustFloor = 0.5;

  explicit IndexScreener(std::vector<Entity> entities);

  std::vector<ScreenMatch> Screen(const ScreenQuery& query,
                                  const ScreenOptions& options) const noexcept override;
  ScreenMatch Compare(std::string_view name1, std::string_view name2,
                      std::optional<Schema> type) const noexcept override;
  std::size_t name_count() const noexcept override { return index_.size(); }
  std::size_t entity_count() const noexcept override { return facts_.size(); }

  // The candidate stage alone: ids of names that would be scored.
  std::vector<std::uint32_t> CandidateNames(std::string_view query_name) const;
  const NameIndex& index() const noexcept { return index_; }
  std::size_t MemoryBytes() const noexcept;

 private:
  struct Scored {
    std::uint32_t name;
    NameScore score;
  };
  std::vector<ScreenMatch> ScreenImpl(const ScreenQuery& query, const ScreenOptions& options) const;
  void ScoreNames(const std::vector<WeightedToken>& query, const std::vector<std::uint32_t>& names,
                  std::unordered_map<std::uint32_t, Scored>& best) const;
  ScreenMatch MakeMatch(const ScreenQuery& query, const std::vector<WeightedToken>& q,
                        std::uint32_t entity, const Scored& scored) const;

  NameIndex index_;
  std::vector<EntityFacts> facts_;
  std::vector<std::uint32_t> first_name_;  // entity -> its first name id (CSR)
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_identifier_;
};

// Builds the explanation for a scored pair (shared by Screen and Compare).
Explanation Explain(const std::vector<WeightedToken>& query, const std::vector<WeightedToken>& list,
                    const NameScore& score);

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_SCREENER_H_
