#include "interdict/status.h"

#include <string>

namespace interdict {

std::string_view StatusCodeName(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kParseError: return "parse_error";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kPermissionDenied: return "permission_denied";
  }
  return "unknown";
}

Status& Status::Prepend(std::string_view context) & {
  message_ = std::string(context) + ": " + message_;
  return *this;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out;
  if (!location_.file.empty()) out += location_.file;
  if (location_.line > 0) out += (out.empty() ? "line " : ":") + std::to_string(location_.line);
  if (location_.byte > 0) out += (out.empty() ? "byte " : ":") + std::to_string(location_.byte);
  if (!location_.element.empty()) out += (out.empty() ? "" : ": ") + location_.element;
  if (!out.empty()) out += ": ";
  out += message_;
  out += " (";
  out += StatusCodeName(code_);
  out += ")";
  return out;
}

}  // namespace interdict
