// The wire forms of screening: one JSON line (or CSV row) per query in, one
// per query out. The CLI's batch mode, `interdict compare` and the HTTP
// server all use these, so every front end speaks the same format
// (docs/api.md#screening).
//
// Query line:  {"id": str, "name": str, "type": "person"|"organization"|
//               "vessel"|"aircraft"|null, "dob": "YYYY[-MM[-DD]]"|null,
//               "country": "ir"|null, "identifiers": [{"type","value"}]}
// Result line: {"id": str, "matches": [{"entity_id", "score", "name",
//               "list", "primary_name", "schema", "explanation": {...},
//               "basis", "derivation": [{"regime", "basis", "rule",
//               "aggregate_min", "aggregate_max", "explanation",
//               "path": [{"id", "name", "relation"}]}]}]}
//              (basis and derivation only when the match was annotated by
//              AnnotateBasis, interdict/graph.h; aggregate_* for owned and
//              possibly_owned)
//              and, for a query that could not be read,
//              {"id": str|null, "error": {"code", "message", "field"}, "matches": []}
#ifndef INTERDICT_SCREEN_IO_H_
#define INTERDICT_SCREEN_IO_H_

#include <string>
#include <string_view>
#include <vector>

#include "interdict/screen.h"
#include "interdict/status.h"

namespace interdict {

// Limits on a query, enforced by ParseScreenQuery (documented in the API).
inline constexpr std::size_t kMaxQueryNameBytes = 1024;
inline constexpr std::size_t kMaxQueryIdentifiers = 32;

// Reads one query line. Errors are kInvalidArgument (or kParseError for
// malformed JSON) with the offending field in location().element.
Result<ScreenQuery> ParseScreenQuery(std::string_view json_line);

// One result line (no trailing newline).
std::string ScreenResultJson(std::string_view query_id, const std::vector<ScreenMatch>& matches);
// A result line for a query that failed; `query_id` may be empty (null).
std::string ScreenErrorJson(std::string_view query_id, const Status& error);
// The explanation object alone, as in result lines.
std::string ExplanationJson(const Explanation& explanation);
// The "derivation" array alone, as in result lines.
std::string RegimeBasesJson(const std::vector<RegimeBasis>& derivation);

// CSV: a header row naming the columns (id,name,type,dob,country and
// optionally identifiers, written "type:value|type:value"); rows map to
// queries. Output rows: one per match (rank 1..n), or one row with empty
// match fields for a query with none or with an error. Columns:
// id,rank,entity_id,score,list,name,primary_name,schema,summary,basis,
// basis_explanation,error (basis_explanation: the regimes of the strongest
// basis and its explanation, "ofac, eu: not listed; 60% owned ...").
std::string ScreenCsvHeader();
std::string ScreenCsvRows(std::string_view query_id, const std::vector<ScreenMatch>& matches);
std::string ScreenCsvErrorRow(std::string_view query_id, const Status& error);

// Builds a query from CSV fields given the header; errors name the column.
Result<ScreenQuery> ScreenQueryFromCsv(const std::vector<std::string>& header,
                                       const std::vector<std::string>& fields);

}  // namespace interdict

#endif  // INTERDICT_SCREEN_IO_H_
