// The access log: one JSON object per request, one line each,
//   {"ts":"2026-11-27T10:00:00Z","remote":"127.0.0.1","method":"POST",
//    "path":"/v1/screen","route":"/v1/screen","status":200,"ms":0.42,
//    "bytes":5120,"key":"ci"}
// ("key", the API key's label, only when keys are on). Query strings, which
// carry the names being screened, are never logged.
//
// Each line goes out in one write(2) on a descriptor opened O_APPEND, with
// no lock and no user-space buffer: lines from concurrent requests never
// interleave in a file (nor in a pipe while under PIPE_BUF bytes), nothing
// is lost to a buffer on a crash, and a request pays one system call rather
// than a mutex, a JSON document and a stream flush.
#ifndef INTERDICT_SERVER_ACCESS_LOG_H_
#define INTERDICT_SERVER_ACCESS_LOG_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "interdict/status.h"

namespace interdict::server {

struct AccessLogEntry {
  std::string_view remote, method, path, route, key;
  int status = 0;
  double seconds = 0;
  std::size_t bytes = 0;
};

// The entry's line, ending in '\n'.
std::string AccessLogLine(const AccessLogEntry& entry);

class AccessLog {
 public:
  // "" = stderr, "off" = no log (null), else a file appended to (created
  // if missing).
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& where);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Best effort: a log that cannot be written does not fail the request.
  void Write(const AccessLogEntry& entry) noexcept;

 private:
  AccessLog(int fd, bool owned) : fd_(fd), owned_(owned) {}

  const int fd_;
  const bool owned_;
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_ACCESS_LOG_H_
