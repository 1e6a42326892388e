// Invariants every parser result must satisfy, checked by each fuzzer: a
// parser may reject input, but what it accepts must be a well-formed list.
#ifndef INTERDICT_FUZZ_FUZZ_UTIL_H_
#define INTERDICT_FUZZ_FUZZ_UTIL_H_

#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "interdict/json.h"
#include "interdict/sources.h"
#include "sources/io.h"

namespace interdict::fuzz {

[[noreturn]] inline void Violated(const char* what) {
  __builtin_trap();
  (void)what;
}

inline void CheckListData(const Result<ListData>& result) {
  if (!result) {
    // A rejection must say what was wrong.
    if (result.error().ok() || result.error().message().empty()) Violated("empty error");
    return;
  }
  std::unordered_set<std::string> ids;
  for (const Entity& e : result->entities) {
    if (e.id.empty()) Violated("entity without id");
    if (!result->is_delta && !ids.insert(e.id).second) Violated("duplicate entity id");
    std::string json = EntityToJson(e);
    if (sources::FindInvalidUtf8(json) != std::string_view::npos) Violated("invalid UTF-8 out");
    auto back = EntityFromJson(json);
    if (!back || EntityToJson(*back) != json) Violated("JSON does not round-trip");
  }
}

}  // namespace interdict::fuzz

#endif  // INTERDICT_FUZZ_FUZZ_UTIL_H_
