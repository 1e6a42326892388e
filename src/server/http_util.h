// Small pieces every handler shares: the JSON error envelope, the mapping
// from Status codes to HTTP statuses, and typed query-parameter reading.
#ifndef INTERDICT_SERVER_HTTP_UTIL_H_
#define INTERDICT_SERVER_HTTP_UTIL_H_

#include <httplib.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "interdict/status.h"

namespace interdict::server {

inline constexpr char kJsonType[] = "application/json";

// {"error": {"code": ..., "message": ..., "field": ...}} (one line).
std::string ErrorJson(std::string_view code, std::string_view message, std::string_view field);

// The HTTP status for a library Status: invalid_argument/parse_error 400,
// not_found 404, conflict 409, too_large 413, unsupported 415, else 500.
int HttpStatusFor(StatusCode code) noexcept;

// Writes an error response.
void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message, std::string_view field = "");
// Writes `status` as an error response with its mapped HTTP status; the
// field is the status's location().element.
void SendStatus(httplib::Response& res, const Status& status);
void SendJson(httplib::Response& res, std::string body, int http_status = 200);

// An optional integer query parameter within [min, max]; `fallback` when
// absent. Errors are kInvalidArgument naming the parameter.
Result<std::int64_t> IntParam(const httplib::Request& req, const char* name, std::int64_t fallback,
                              std::int64_t min, std::int64_t max);
Result<double> NumberParam(const httplib::Request& req, const char* name, double fallback,
                           double min, double max);

// A path parameter captured by the route's regex (already URL-decoded).
std::string PathParam(const httplib::Request& req, std::size_t index);

// Whether `host` is a loopback address ("127.0.0.1", "::1", "localhost").
bool IsLoopbackHost(std::string_view host) noexcept;

// UTC now as ISO 8601 ("2026-11-27T10:00:00Z").
std::string UtcNow();

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_HTTP_UTIL_H_
