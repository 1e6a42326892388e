// A streaming reader for delimited text (RFC 4180 CSV, and the tab-separated
// BIS file): quoted fields with doubled quotes, quoted line breaks, CRLF or
// LF. It tracks the line and byte where each record starts, so parsers can
// report "file:line:byte: expected 12 fields, found 9".
//
// The reader does not own the text; it must outlive the reader. Not
// thread-safe (one reader per thread).
#ifndef INTERDICT_SOURCES_CSV_H_
#define INTERDICT_SOURCES_CSV_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::sources {

struct CsvRecord {
  std::vector<std::string> fields;
  std::int64_t line = 0;  // 1-based line where the record starts
  std::int64_t byte = 0;  // 1-based byte offset where the record starts
};

class CsvReader {
 public:
  // `name` is used in error locations (usually the file name).
  CsvReader(std::string_view text, std::string_view name, char delimiter = ',');

  // Reads the next record into *record. Returns false at the end of input.
  // A malformed record (an unterminated quote, a stray quote inside an
  // unquoted field) sets status() and returns false. Blank lines are skipped.
  // A trailing 0x1A (DOS end-of-file, as in OFAC files) ends the input.
  bool Next(CsvRecord* record);

  const Status& status() const noexcept { return status_; }

  // Limits a single field (default 1 MiB); longer fields are an error.
  void set_max_field_bytes(std::size_t n) noexcept { max_field_bytes_ = n; }

  // An error located at `record` (file, line, byte), for parsers to return.
  Status ErrorAt(const CsvRecord& record, std::string message) const;

 private:
  std::string_view text_;
  std::string name_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::int64_t line_ = 1;
  std::size_t max_field_bytes_ = 1 << 20;
  Status status_;
};

// Finds each of `names` in the header record `header` (fields compared after
// trimming white space): out[i] becomes the field index of names[i]. For
// lists whose columns move between editions but keep their names (US CSL,
// BIS DPL). A missing column is a parse error at the header naming it and
// `expected` ("the US CSL CSV header"), so a wrong file reads as one.
Status FindColumns(const CsvReader& reader, const CsvRecord& header,
                   std::span<const std::string_view> names, std::string_view expected,
                   std::span<std::size_t> out);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_CSV_H_
