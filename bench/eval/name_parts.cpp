// See name_parts.h.
#include "name_parts.h"

#include <algorithm>
#include <fstream>

#include "name_text.h"

namespace interdict::eval {
namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> fields;
  for (std::size_t start = 0, at;; start = at + 1) {
    at = text.find(separator, start);
    fields.push_back(text.substr(start, at - start));
    if (at == std::string::npos) break;
  }
  return fields;
}

}  // namespace

Result<NameParts> LoadNameParts(const std::filesystem::path& tsv, bool keyed,
                                std::string_view bar_part) {
  std::ifstream in(tsv);
  if (!in) return Err(Status::NotFound("cannot open name table").InFile(tsv.string()));
  NameParts table;
  std::string line;
  for (std::int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = Split(line, '\t');
    if (fields.size() != (keyed ? 3u : 2u)) {
      return Err(Status::ParseError(keyed ? "expected culture<TAB>part<TAB>values"
                                          : "expected part<TAB>values")
                     .InFile(tsv.string())
                     .AtLine(line_no));
    }
    const std::string& part = fields[fields.size() - 2];
    std::vector<std::string>& into = table[keyed ? fields[0] : ""][part];
    if (part == bar_part) {
      for (std::string& value : Split(fields.back(), '|')) into.push_back(std::move(value));
      continue;
    }
    for (std::string word : SplitWords(fields.back())) {
      std::replace(word.begin(), word.end(), '_', ' ');
      into.push_back(std::move(word));
    }
  }
  return table;
}

}  // namespace interdict::eval
