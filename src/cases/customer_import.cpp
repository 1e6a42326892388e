// Importing the monitored population from CSV or JSON lines: every row is
// checked before anything is written, then all rows are written in one
// transaction and the new and changed ones are screened.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "cases/result_util.h"
#include "cases/screen_target.h"
#include "interdict/casework.h"
#include "interdict/screen_io.h"
#include "sources/csv.h"
#include "sources/io.h"

namespace interdict {
namespace {

// More errors than this are not collected: the file is wrong throughout.
constexpr std::size_t kMaxErrors = 100;

struct ParsedRows {
  std::vector<ScreenQuery> records;
  std::vector<Status> errors;
  std::int64_t rows = 0;
};

// Per-row checks shared by both formats: an id, and no id twice.
void AddRow(Result<ScreenQuery> row, std::int64_t line, std::string_view source,
            std::unordered_map<std::string, std::int64_t>& first_line, ParsedRows& out) {
  ++out.rows;
  if (out.errors.size() >= kMaxErrors) return;
  if (!row) {
    out.errors.push_back(std::move(row).error().InFile(std::string(source)).AtLine(line));
    return;
  }
  if (row->id.empty()) {
    out.errors.push_back(Status::InvalidArgument("every customer needs an id")
                             .InFile(std::string(source))
                             .AtLine(line)
                             .AtElement("id"));
    return;
  }
  auto [it, inserted] = first_line.emplace(row->id, line);
  if (!inserted) {
    out.errors.push_back(Status::InvalidArgument("customer id '" + row->id +
                                                 "' appears again (first on line " +
                                                 std::to_string(it->second) + ")")
                             .InFile(std::string(source))
                             .AtLine(line)
                             .AtElement("id"));
    return;
  }
  out.records.push_back(std::move(*row));
}

ParsedRows ParseJsonLines(std::string_view text, std::string_view source) {
  ParsedRows out;
  std::unordered_map<std::string, std::int64_t> first_line;
  std::int64_t line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (sources::Trim(line).empty()) continue;
    AddRow(ParseScreenQuery(line), line_number, source, first_line, out);
  }
  return out;
}

ParsedRows ParseCsv(std::string_view text, std::string_view source) {
  ParsedRows out;
  std::unordered_map<std::string, std::int64_t> first_line;
  sources::CsvReader reader(text, source);
  sources::CsvRecord record;
  if (!reader.Next(&record)) {
    out.errors.push_back(
        reader.status().ok()
            ? Status::InvalidArgument("the file is empty").InFile(std::string(source))
            : reader.status());
    return out;
  }
  std::vector<std::string> header;
  for (const std::string& field : record.fields) {
    std::string column(sources::Trim(field));
    for (char& c : column) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    header.push_back(std::move(column));
  }
  for (const char* needed : {"id", "name"}) {
    if (std::find(header.begin(), header.end(), needed) == header.end()) {
      out.errors.push_back(
          Status::InvalidArgument(std::string("the header has no '") + needed +
                                  "' column (expected id,name,type,dob,country,identifiers)")
              .InFile(std::string(source))
              .AtLine(record.line));
      return out;
    }
  }
  while (reader.Next(&record)) {
    AddRow(ScreenQueryFromCsv(header, record.fields), record.line, source, first_line, out);
  }
  if (!reader.status().ok()) out.errors.push_back(reader.status());
  return out;
}

}  // namespace

Result<ImportReport> Casework::ImportCustomers(std::string_view actor, std::string_view text,
                                               std::string_view source) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAnalyst));
  ImportReport report;
  report.source = std::string(source);
  if (std::size_t bad = sources::FindInvalidUtf8(text); bad != std::string_view::npos) {
    report.errors.push_back(Status::ParseError("the file is not valid UTF-8")
                                .InFile(std::string(source))
                                .AtLine(sources::LineOfOffset(text, bad))
                                .AtByte(static_cast<std::int64_t>(bad) + 1));
    return report;
  }
  const std::string_view body = sources::Trim(text);
  ParsedRows parsed =
      !body.empty() && body.front() == '{' ? ParseJsonLines(text, source) : ParseCsv(text, source);
  report.rows = parsed.rows;
  report.errors = std::move(parsed.errors);
  if (report.errors.empty() && parsed.records.empty()) {
    report.errors.push_back(
        Status::InvalidArgument("no customer rows").InFile(std::string(source)));
  }
  if (!report.errors.empty()) return report;

  const nlohmann::json details = {{"source", source}, {"rows", report.rows}};
  ASSIGN_OR_RETURN(report.upsert,
                   cases_.UpsertCustomers(
                       parsed.records, options_.clock(),
                       {std::string(actor), "customers.import", "customers",
                        details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)}));
  if (report.upsert.changed_ids.empty()) return report;
  ASSIGN_OR_RETURN(std::vector<std::string> lists, lists_.Lists());
  if (lists.empty()) return report;  // nothing to screen against yet; rescreen will
  std::vector<ListVersion> current;
  for (const std::string& list : lists) {
    ASSIGN_OR_RETURN(ListVersion v, lists_.CurrentVersion(list));
    current.push_back(std::move(v));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<ScreenTarget> target,
                   FullTarget(current, "new or changed customer record"));
  RescreenReport screening;
  INTERDICT_RETURN_IF_ERROR(ScreenBatches(actor, *target, true, true, "", "", screening));
  report.screened = screening.customers;
  report.alerts_opened = screening.alerts_opened;
  return report;
}

}  // namespace interdict
