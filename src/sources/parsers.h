// The per-format parsers behind ParseList()/ParseBuffer() (sources.h).
//
// Each takes the bytes of one decompressed file and the name to use in error
// messages, and returns a ListData or a Status locating the problem (file,
// line or element, what was expected). Parsers validate as they go and never
// return a partial list. All are thread-compatible and allocate only the
// result.
#ifndef INTERDICT_SOURCES_PARSERS_H_
#define INTERDICT_SOURCES_PARSERS_H_

#include <string_view>

#include "interdict/sources.h"
#include "interdict/status.h"

namespace interdict::sources {

// The OFAC legacy CSV set. `primary` is sdn.csv (list "ofac-sdn") or
// cons_prim.csv (list "ofac-cons"); the others may be empty when absent.
struct OfacCsvFiles {
  std::string_view primary, alt, add, comments;
  std::string_view primary_name, alt_name, add_name, comments_name;  // for errors
  bool consolidated = false;
};
Result<ListData> ParseOfacCsvSet(const OfacCsvFiles& files);

Result<ListData> ParseOfacXml(std::string_view xml, std::string_view name);  // enhanced XML
Result<ListData> ParseUnXml(std::string_view xml, std::string_view name);
Result<ListData> ParseEuFsfLegacyXml(std::string_view xml, std::string_view name);
Result<ListData> ParseEuFsfXml(std::string_view xml, std::string_view name);
Result<ListData> ParseUkHmtCsv(std::string_view csv, std::string_view name);
Result<ListData> ParseUsCslCsv(std::string_view csv, std::string_view name);
Result<ListData> ParseBisDpl(std::string_view tsv, std::string_view name);
Result<ListData> ParseFtmJson(std::string_view jsonl, std::string_view name);
// The user's ownership and officer data, CSV or FtM JSON, as list
// "own-relations" (relations_csv.cpp, docs/graph.md).
Result<ListData> ParseRelations(std::string_view bytes, std::string_view name);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_PARSERS_H_
