// Secondary attributes: how a query's type, date of birth, country and
// identifiers move the name score (docs/scoring.md lists every figure).
#ifndef INTERDICT_MATCH_ADJUST_H_
#define INTERDICT_MATCH_ADJUST_H_

#include <string>
#include <vector>

#include "interdict/entity.h"
#include "interdict/screen.h"

namespace interdict::match {

// What the screener keeps of an entity besides its names.
struct EntityFacts {
  std::string id;
  std::string list;
  std::string primary_name;
  Schema schema = Schema::kUnknown;
  std::vector<DateValue> birth_dates;
  std::vector<std::string> countries;    // nationality, citizenship, other links, addresses
  std::vector<std::string> identifiers;  // NormalizeIdentifier() of each value
};

EntityFacts FactsOf(const Entity& entity);

// Upper-case letters and digits only: "A-123 456" -> "A123456".
std::string NormalizeIdentifier(std::string_view value);
// Identifiers shorter than this are too likely to collide to be decisive.
inline constexpr std::size_t kMinIdentifierLength = 5;

inline constexpr double kTypeMismatch = -0.10;
inline constexpr double kDobExact = 0.05;
inline constexpr double kDobSameYear = 0.03;
inline constexpr double kDobNearYear = 0.01;
inline constexpr double kDobConflict = -0.10;
inline constexpr double kCountryMatch = 0.03;
inline constexpr double kCountryMismatch = -0.05;
inline constexpr double kIdentifierFloor = 0.95;  // an exact identifier match scores at least this

// What the adjustments read from a query beyond its fields, worked out once
// per query rather than once per candidate.
struct QueryFacts {
  // The legal form that makes an untyped query an organisation ("llc" in
  // "Victory Construction LLC"); "" when it has none or the query is typed.
  std::string organisation_mark;
};
QueryFacts FactsOfQuery(const ScreenQuery& query);

// The adjustments for `query` (with `query_facts` = FactsOfQuery(query))
// against `facts` given the name score.
std::vector<Adjustment> Adjust(const ScreenQuery& query, const QueryFacts& query_facts,
                               const EntityFacts& facts, double name_score);

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_ADJUST_H_
