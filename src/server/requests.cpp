// See requests.h.
#include "server/requests.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace interdict::server {
namespace {

using nlohmann::json;

Status TooLarge(std::string message, std::string field) {
  return Status::TooLarge(std::move(message)).AtElement(std::move(field));
}

}  // namespace

Result<ScreenQuery> ParseScreenBody(std::string_view body) {
  if (body.size() > kMaxScreenBodyBytes) {
    return Err(
        TooLarge("the body is larger than " + std::to_string(kMaxScreenBodyBytes) + " bytes", ""));
  }
  return ParseScreenQuery(body);
}

Result<std::vector<Result<ScreenQuery>>> ParseBatchBody(std::string_view body) {
  if (body.size() > kMaxBatchBodyBytes) {
    return Err(
        TooLarge("the body is larger than " + std::to_string(kMaxBatchBodyBytes) + " bytes", ""));
  }
  const json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Err(Status::ParseError("malformed JSON"));
  if (!doc.is_object()) {
    return Err(Status::InvalidArgument("the body must be an object {\"queries\": [...]}"));
  }
  const auto queries = doc.find("queries");
  if (queries == doc.end() || !queries->is_array()) {
    return Err(
        Status::InvalidArgument("queries must be an array of query objects").AtElement("queries"));
  }
  if (queries->empty()) {
    return Err(Status::InvalidArgument("queries is empty").AtElement("queries"));
  }
  if (queries->size() > kMaxBatchQueries) {
    return Err(TooLarge("at most " + std::to_string(kMaxBatchQueries) + " queries per batch, got " +
                            std::to_string(queries->size()),
                        "queries"));
  }
  std::vector<Result<ScreenQuery>> out;
  out.reserve(queries->size());
  for (std::size_t i = 0; i < queries->size(); ++i) {
    // The per-query reader is the CLI's, so both front ends accept exactly
    // the same queries; re-serialising one small object is cheap.
    Result<ScreenQuery> query =
        ParseScreenQuery((*queries)[i].dump(-1, ' ', false, json::error_handler_t::replace));
    if (!query) {
      Status error = query.error();
      const std::string& field = error.location().element;
      error.AtElement("queries/" + std::to_string(i) + (field.empty() ? "" : "/" + field));
      query = Err(std::move(error));
    }
    out.push_back(std::move(query));
  }
  return out;
}

Result<std::int64_t> ParseIntArg(std::string_view text, const char* name, std::int64_t min,
                                 std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Err(Status::InvalidArgument(std::string(name) + " must be an integer from " +
                                       std::to_string(min) + " to " + std::to_string(max))
                   .AtElement(name));
  }
  return value;
}

Result<double> ParseNumberArg(std::string_view text, const char* name, double min, double max) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < min || value > max) {
    char range[80];
    std::snprintf(range, sizeof range, " must be a number from %g to %g", min, max);
    return Err(Status::InvalidArgument(std::string(name) + range).AtElement(name));
  }
  return value;
}

Result<ScreenOptions> ParseScreenOptions(std::string_view threshold, std::string_view limit) {
  ScreenOptions options;
  if (!threshold.empty()) {
    Result<double> value = ParseNumberArg(threshold, "threshold", 0, 1);
    if (!value) return Err(value.error());
    options.threshold = *value;
  }
  if (!limit.empty()) {
    Result<std::int64_t> value = ParseIntArg(limit, "limit", 1, kMaxMatchLimit);
    if (!value) return Err(value.error());
    options.limit = static_cast<int>(*value);
  }
  return options;
}

}  // namespace interdict::server
