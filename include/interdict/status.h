// Status and Result: how errors cross every boundary in Interdict.
//
// A Status is either OK or carries a code, a human message and where the
// problem was found (file, line, byte offset, element or record). Functions
// that can fail return Result<T> (tl::expected<T, Status>); exceptions thrown
// by third-party libraries are caught at the edge and turned into a Status.
//
// Status is a plain value type: copyable, movable, and safe to share between
// threads once constructed.
#ifndef INTERDICT_STATUS_H_
#define INTERDICT_STATUS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace interdict {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable
  kParseError,       // input data does not match its format
  kNotFound,         // a named thing (file, entity, list, version) is absent
  kIoError,          // the operating system or network said no
  kUnsupported,      // a format or feature this build does not handle
  kConflict,         // a concurrent change won (e.g. two decisions on one alert)
  kTooLarge,         // input exceeds a documented limit
  kCorrupt,          // stored data failed an integrity check
  kInternal,         // a bug: an invariant did not hold
  kPermissionDenied, // credentials missing or refused (HTTP 401/403, file modes)
};

// Returns a stable lower-case name such as "parse_error".
std::string_view StatusCodeName(StatusCode code) noexcept;

// Where in an input a problem was found. Every field is optional; line and
// byte count from 1 (0 means unknown).
struct Location {
  std::string file;
  std::int64_t line = 0;
  std::int64_t byte = 0;
  std::string element;  // XML path, JSON pointer, column name or record id
};

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status ParseError(std::string m) { return {StatusCode::kParseError, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
  static Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }

  bool ok() const noexcept { return code_ == StatusCode::kOk; }
  StatusCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const Location& location() const noexcept { return location_; }

  // Builders that attach context; each returns *this so they chain:
  //   return Status::ParseError("expected 12 fields").InFile(p).AtLine(7);
  Status& InFile(std::string file) & { location_.file = std::move(file); return *this; }
  Status& AtLine(std::int64_t line) & { location_.line = line; return *this; }
  Status& AtByte(std::int64_t byte) & { location_.byte = byte; return *this; }
  Status& AtElement(std::string element) & { location_.element = std::move(element); return *this; }
  Status&& InFile(std::string file) && { return std::move(InFile(std::move(file))); }
  Status&& AtLine(std::int64_t line) && { return std::move(AtLine(line)); }
  Status&& AtByte(std::int64_t byte) && { return std::move(AtByte(byte)); }
  Status&& AtElement(std::string element) && { return std::move(AtElement(std::move(element))); }

  // Prefixes the message with outer context: "loading ofac-sdn: <message>".
  Status& Prepend(std::string_view context) &;
  Status&& Prepend(std::string_view context) && { return std::move(Prepend(context)); }

  // "file:line:byte: element: message (parse_error)"; "OK" when ok().
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  Location location_;
};

template <typename T>
using Result = tl::expected<T, Status>;

// Wraps a Status for returning from a function that returns Result<T>.
inline tl::unexpected<Status> Err(Status s) { return tl::unexpected<Status>(std::move(s)); }

}  // namespace interdict

// Propagates a failure from an expression yielding a Status or a Result<T>.
// INTERDICT_RETURN_IF_ERROR is for functions that return Result<U>;
// INTERDICT_RETURN_STATUS_IF_ERROR for functions that return Status.
#define INTERDICT_RETURN_IF_ERROR(expr)                                 \
  do {                                                                  \
    auto interdict_status_ = ::interdict::internal::ToStatus((expr));   \
    if (!interdict_status_.ok())                                        \
      return ::interdict::Err(std::move(interdict_status_));            \
  } while (0)

#define INTERDICT_RETURN_STATUS_IF_ERROR(expr)                          \
  do {                                                                  \
    auto interdict_status_ = ::interdict::internal::ToStatus((expr));   \
    if (!interdict_status_.ok()) return interdict_status_;              \
  } while (0)

namespace interdict::internal {
inline Status ToStatus(Status s) { return s; }
template <typename T>
Status ToStatus(const Result<T>& r) { return r ? Status() : r.error(); }
}  // namespace interdict::internal

#endif  // INTERDICT_STATUS_H_
