// See http_util.h.
#include "server/http_util.h"

#include <arpa/inet.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "server/requests.h"

namespace interdict::server {

std::string ErrorJson(std::string_view code, std::string_view message, std::string_view field) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}, {"field", field}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

int HttpStatusFor(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kTooLarge:
      return 413;
    case StatusCode::kUnsupported:
      return 415;
    case StatusCode::kIoError:
    case StatusCode::kCorrupt:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

void SendJson(httplib::Response& res, std::string body, int http_status) {
  res.status = http_status;
  // What set_content() does, without its copy of the body (httplib 0.11
  // takes it by const reference; a screening result is several kB).
  res.body = std::move(body);
  const auto [first, last] = res.headers.equal_range("Content-Type");
  res.headers.erase(first, last);
  res.set_header("Content-Type", kJsonType);
}

void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message, std::string_view field) {
  SendJson(res, ErrorJson(code, message, field), http_status);
}

void SendStatus(httplib::Response& res, const Status& status) {
  SendError(res, HttpStatusFor(status.code()), StatusCodeName(status.code()), status.message(),
            status.location().element);
}

Result<std::int64_t> IntParam(const httplib::Request& req, const char* name, std::int64_t fallback,
                              std::int64_t min, std::int64_t max) {
  if (!req.has_param(name)) return fallback;
  return ParseIntArg(req.get_param_value(name), name, min, max);
}

Result<double> NumberParam(const httplib::Request& req, const char* name, double fallback,
                           double min, double max) {
  if (!req.has_param(name)) return fallback;
  return ParseNumberArg(req.get_param_value(name), name, min, max);
}

std::string PathParam(const httplib::Request& req, std::size_t index) {
  return index < req.matches.size() ? req.matches[index].str() : std::string();
}

bool IsLoopbackHost(std::string_view host) noexcept {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  // Any 127.0.0.0/8 address, written as a dotted quad (not a name that
  // merely starts with "127.").
  in_addr addr{};
  const std::string text(host);
  return inet_pton(AF_INET, text.c_str(), &addr) == 1 && (ntohl(addr.s_addr) >> 24) == 127;
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace interdict::server
