// Screening: which listed entities may a name be?
//
// A Screener holds an in-memory candidate index over the names of a set of
// entities (normally every current entity in a Store). Screen() finds the
// candidates for a query through the index, scores each with the full scorer
// and returns those at or above the threshold, best first, each with an
// explanation an analyst can read.
//
// Thread safety: a built Screener is immutable; Screen() and Compare() may
// be called from any number of threads at once. Screen() never throws.
#ifndef INTERDICT_SCREEN_H_
#define INTERDICT_SCREEN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"
#include "interdict/status.h"

namespace interdict {

class Store;

// The documented default threshold (docs/scoring.md): a score at or above it
// is an alert.
inline constexpr double kDefaultThreshold = 0.80;

struct QueryIdentifier {
  std::string type;  // IdentifierTypeName() spelling, or free text
  std::string value;
};

struct ScreenQuery {
  std::string id;    // echoed in results
  std::string name;  // any script
  std::optional<Schema> type;
  std::optional<PartialDate> dob;
  std::string country;  // ISO alpha-2
  std::vector<QueryIdentifier> identifiers;
};

// How one query token lined up with one token of the list name.
struct TokenAlignment {
  std::string query;  // the query token as normalised
  std::string list;   // the list token as normalised ("" = unmatched)
  std::string rule;   // "exact", "variant", "phonetic", "skeleton", "edit:1", "initial", ...
  double similarity = 0;
  double weight = 0;  // this token's share of the name score
};

// A secondary attribute that moved the score ("dob", "country", "type",
// "gender", "identifier").
struct Adjustment {
  std::string factor;
  double delta = 0;
  std::string detail;  // "query DOB 1971 equals listed 1971-03-25"
};

struct Explanation {
  double name_score = 0;  // before adjustments
  std::vector<TokenAlignment> tokens;
  std::vector<std::string> unmatched_list;  // list tokens no query token took
  std::vector<Adjustment> adjustments;
  std::string summary;  // one line for humans
};

// One step of a path from a listed entity down to the matched one.
struct BasisStep {
  std::string id;
  std::string name;
  std::string relation;  // how this step is reached from the previous: "owner_of 51%"
};

// How the matched entity stands under one regime's sanctions rules
// (docs/graph.md): on a list, or derived from listed owners or controllers,
// or linked to a listed entity (for review; linked never blocks).
struct RegimeBasis {
  std::string regime;  // "ofac", "eu", "uk"
  std::string basis;   // "listed", "owned", "controlled", "possibly_owned", "linked"
  std::string rule;    // the rule applied, with its citation
  // Percent held by the counted blocked owners (owned, possibly owned).
  double aggregate_min = 0;
  double aggregate_max = 0;
  // "not listed; 60% owned in aggregate by ofac-sdn:X (35%) and ofac-sdn:Y (25%)"
  std::string explanation;
  std::vector<BasisStep> path;  // from a listed entity to this one
};

struct ScreenMatch {
  std::string entity_id;
  std::string list;
  std::string name;  // the list name that matched best
  std::string primary_name;
  Schema schema = Schema::kUnknown;
  double score = 0;  // 0..1, calibrated: same number, same confidence
  Explanation explanation;
  // Filled by the graph stage (AnnotateBasis in interdict/graph.h), which
  // the matcher does not know about; empty when the match was not
  // annotated. `basis` is the strongest over the regimes: "listed" >
  // "owned" > "controlled" > "possibly_owned" > "linked" > "none".
  std::string basis;
  std::vector<RegimeBasis> derivation;  // the regimes under which basis != none
};

struct ScreenOptions {
  double threshold = kDefaultThreshold;
  int limit = 10;
  // Score every indexed name instead of the index's candidates (slow; for
  // differential tests and measuring the candidate stage's recall).
  bool exhaustive = false;
};

class Screener {
 public:
  virtual ~Screener() = default;

  // Matches at or above options.threshold, best first, at most options.limit.
  virtual std::vector<ScreenMatch> Screen(const ScreenQuery& query,
                                          const ScreenOptions& options) const noexcept = 0;

  // Scores two names directly (no index), with the same scorer.
  virtual ScreenMatch Compare(std::string_view name1, std::string_view name2,
                              std::optional<Schema> type) const noexcept = 0;

  virtual std::size_t name_count() const noexcept = 0;
  virtual std::size_t entity_count() const noexcept = 0;
};

// Builds a screener over the given entities.
Result<std::unique_ptr<Screener>> BuildScreener(std::vector<Entity> entities);

// Builds a screener over every current entity in the store, using (and
// refreshing) the cached index beside the store file when one is given.
Result<std::unique_ptr<Screener>> BuildScreener(Store& store, const std::string& cache_path = "");

}  // namespace interdict

#endif  // INTERDICT_SCREEN_H_
