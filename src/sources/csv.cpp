// RFC 4180 reader with positions; see csv.h.
#include "sources/csv.h"

#include "sources/io.h"

namespace interdict::sources {

CsvReader::CsvReader(std::string_view text, std::string_view name, char delimiter)
    : text_(text), name_(name), delimiter_(delimiter) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // UTF-8 byte order mark
}

Status CsvReader::ErrorAt(const CsvRecord& record, std::string message) const {
  return Status::ParseError(std::move(message))
      .InFile(name_)
      .AtLine(record.line)
      .AtByte(record.byte);
}

bool CsvReader::Next(CsvRecord* record) {
  record->fields.clear();
  if (!status_.ok()) return false;
  // Skip blank lines; stop at the end or at a DOS end-of-file byte.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size() || text_[pos_] == '\x1A') return false;
  record->line = line_;
  record->byte = static_cast<std::int64_t>(pos_) + 1;

  auto fail = [&](std::string message) {
    status_ = Status::ParseError(std::move(message))
                  .InFile(name_)
                  .AtLine(line_)
                  .AtByte(static_cast<std::int64_t>(pos_) + 1);
    return false;
  };

  std::string field;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // this field began with a quote
  while (true) {
    if (pos_ >= text_.size()) {
      if (quoted)
        return fail("unterminated quoted field (opened in record at line " +
                    std::to_string(record->line) + ")");
      record->fields.push_back(std::move(field));
      return true;
    }
    char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
        } else {
          quoted = false;
          ++pos_;
        }
        continue;
      }
      if (c == '\n') ++line_;
      field += c;
      ++pos_;
    } else if (c == delimiter_) {
      record->fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
    } else if (c == '\n' || c == '\r' || c == '\x1A') {
      record->fields.push_back(std::move(field));
      if (c == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') {
        ++pos_;
        ++line_;
      }
      return true;
    } else if (c == '"') {
      // A quote opens a field only at its start. Some publishers (OFAC) put
      // padding after the closing quote ("x" ,), which we accept; a quote in
      // the middle of unquoted text is malformed.
      if (!field.empty() || was_quoted) return fail("unexpected quote inside a field");
      quoted = was_quoted = true;
      ++pos_;
    } else {
      field += c;
      ++pos_;
    }
    if (field.size() > max_field_bytes_)
      return fail("field longer than " + std::to_string(max_field_bytes_) + " bytes");
  }
}

Status FindColumns(const CsvReader& reader, const CsvRecord& header,
                   std::span<const std::string_view> names, std::string_view expected,
                   std::span<std::size_t> out) {
  for (std::size_t c = 0; c < names.size() && c < out.size(); ++c) {
    std::size_t i = 0;
    while (i < header.fields.size() && Trim(header.fields[i]) != names[c]) ++i;
    if (i == header.fields.size()) {
      return reader
          .ErrorAt(header, "header has no \"" + std::string(names[c]) + "\" column (expected " +
                               std::string(expected) + ")")
          .AtElement(std::string(names[c]));
    }
    out[c] = i;
  }
  return Status::Ok();
}

}  // namespace interdict::sources
