// Writing JSON text directly, for the hot paths that emit one line per
// request or query (screen results, the access log): building an nlohmann
// DOM first cost a third of a screening request's CPU in the server.
//
// The text is what nlohmann's dump(-1, ' ', false, replace) writes for the
// same values: strings as UTF-8 with ", \ and control bytes escaped (invalid
// UTF-8 replaced by U+FFFD), numbers in shortest round-trip form with ".0"
// on integral values, non-finite numbers as null. tests/model/
// json_text_test.cpp checks it against nlohmann.
#ifndef INTERDICT_MODEL_JSON_TEXT_H_
#define INTERDICT_MODEL_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace interdict::json_text {

// Appends `value` as a quoted JSON string.
void AppendString(std::string& out, std::string_view value);
// Appends `value` as a JSON number (null when not finite).
void AppendNumber(std::string& out, double value);
// Appends `,"name":` (or `"name":` when `first`); `name` must need no escape.
void AppendKey(std::string& out, std::string_view name, bool first = false);

}  // namespace interdict::json_text

#endif  // INTERDICT_MODEL_JSON_TEXT_H_
