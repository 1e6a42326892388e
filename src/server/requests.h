// Reading screening requests: the bodies of POST /v1/screen and
// POST /v1/screen/batch and their query parameters. Pure functions over
// bytes, so the fuzzer (fuzz/server_request_fuzzer.cpp) reaches them
// without a network.
#ifndef INTERDICT_SERVER_REQUESTS_H_
#define INTERDICT_SERVER_REQUESTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "interdict/screen.h"
#include "interdict/screen_io.h"
#include "interdict/status.h"

namespace interdict::server {

// Documented limits (docs/api.md#limits).
inline constexpr std::size_t kMaxBatchQueries = 1000;
inline constexpr std::size_t kMaxScreenBodyBytes = 64 << 10;
inline constexpr std::size_t kMaxBatchBodyBytes = 4 << 20;
inline constexpr int kMaxMatchLimit = 100;

// One query: the CLI's batch line. Errors name the field.
Result<ScreenQuery> ParseScreenBody(std::string_view body);

// {"queries": [...]}: each query is read on its own, so one bad query yields
// an error in its slot ("queries/3/dob") and the others are still screened.
// The whole request fails (kParseError, kInvalidArgument, kTooLarge) only
// when the envelope is wrong or holds more than kMaxBatchQueries queries.
Result<std::vector<Result<ScreenQuery>>> ParseBatchBody(std::string_view body);

// A decimal integer / finite number within [min, max]; errors are
// kInvalidArgument naming `name` (the parameter) as the field.
Result<std::int64_t> ParseIntArg(std::string_view text, const char* name, std::int64_t min,
                                 std::int64_t max);
Result<double> ParseNumberArg(std::string_view text, const char* name, double min, double max);

// threshold (0..1) and limit (1..kMaxMatchLimit) from strings as given in
// the query string; empty means the default.
Result<ScreenOptions> ParseScreenOptions(std::string_view threshold, std::string_view limit);

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_REQUESTS_H_
