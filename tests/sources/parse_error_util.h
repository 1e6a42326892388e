// A check the parser suites share: a document a parser must refuse, with the
// exact location of the refusal.
#ifndef INTERDICT_TESTS_SOURCES_PARSE_ERROR_UTIL_H_
#define INTERDICT_TESTS_SOURCES_PARSE_ERROR_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "interdict/sources.h"
#include "interdict/status.h"

namespace interdict::testing {

using DocumentParser = Result<ListData> (*)(std::string_view text, std::string_view name);

// `parse` refuses `text` (parsed as "bad.xml") with a kParseError at `line`
// whose message contains `fragment` and, when given, at XML path `element`.
inline void ExpectParseErrorFrom(DocumentParser parse, const std::string& text, std::int64_t line,
                                 std::string_view fragment, std::string_view element = "") {
  Result<ListData> r = parse(text, "bad.xml");
  ASSERT_FALSE(r) << "parsed: " << text;
  const Status& s = r.error();
  EXPECT_EQ(s.code(), StatusCode::kParseError) << s.ToString();
  EXPECT_EQ(s.location().file, "bad.xml");
  EXPECT_EQ(s.location().line, line) << s.ToString();
  EXPECT_NE(s.message().find(fragment), std::string::npos) << s.ToString();
  if (!element.empty()) {
    EXPECT_EQ(s.location().element, element) << s.ToString();
  }
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_SOURCES_PARSE_ERROR_UTIL_H_
