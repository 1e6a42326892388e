// What every CaseStore backend writes the same way: the details of the
// audit rows a store adds on its own (alert.open, the import counts), and
// scores kept as integers so a filter compares exactly on every backend.
#ifndef INTERDICT_CASES_CASE_STORE_COMMON_H_
#define INTERDICT_CASES_CASE_STORE_COMMON_H_

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "interdict/cases.h"

namespace interdict::cases {

// Scores are stored as parts per million.
inline std::int64_t ToPpm(double score) { return std::llround(score * 1e6); }

inline std::string DetailsOrEmpty(const std::string& details) {
  return details.empty() ? "{}" : details;
}

inline std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The details of the "alert.open" row RecordScreening writes for each alert.
inline std::string AlertOpenDetails(const Alert& a) {
  return DumpJson({{"customer", a.customer_id},
                   {"entity", a.entity_id},
                   {"score", a.score},
                   {"list_version", a.list_version},
                   {"reason", a.reason}});
}

// The import's note with the upsert's counts added to its details.
inline AuditNote WithUpsertCounts(const AuditNote& note, const UpsertOutcome& outcome) {
  AuditNote stamped = note;
  nlohmann::json details = nlohmann::json::parse(DetailsOrEmpty(note.details), nullptr, false);
  if (details.is_object()) {
    details["added"] = outcome.added;
    details["updated"] = outcome.updated;
    details["unchanged"] = outcome.unchanged;
    stamped.details = DumpJson(details);
  }
  return stamped;
}

}  // namespace interdict::cases

#endif  // INTERDICT_CASES_CASE_STORE_COMMON_H_
