// See access_log.h.
#include "server/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>

#include "model/json_text.h"
#include "server/http_util.h"

namespace interdict::server {
namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out += ",\"";
  out.append(name);
  out += "\":";
  json_text::AppendString(out, value);
}

}  // namespace

std::string AccessLogLine(const AccessLogEntry& entry) {
  std::string line;
  line.reserve(192 + entry.path.size());
  line += "{\"ts\":\"";
  line += UtcNow();
  line += '"';
  AppendField(line, "remote", entry.remote);
  AppendField(line, "method", entry.method);
  AppendField(line, "path", entry.path);
  AppendField(line, "route", entry.route);
  char numbers[96];
  const double ms = std::isfinite(entry.seconds) ? entry.seconds * 1e3 : 0;
  std::snprintf(numbers, sizeof numbers, ",\"status\":%d,\"ms\":%.2f,\"bytes\":%zu", entry.status,
                ms, entry.bytes);
  line += numbers;
  if (!entry.key.empty()) AppendField(line, "key", entry.key);
  line += "}\n";
  return line;
}

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& where) {
  if (where == "off") return std::unique_ptr<AccessLog>();
  if (where.empty()) return std::unique_ptr<AccessLog>(new AccessLog(STDERR_FILENO, false));
  const int fd = ::open(where.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Err(Status::IoError("cannot open the access log").InFile(where));
  return std::unique_ptr<AccessLog>(new AccessLog(fd, true));
}

AccessLog::~AccessLog() {
  if (owned_) ::close(fd_);
}

void AccessLog::Write(const AccessLogEntry& entry) noexcept {
  try {
    const std::string line = AccessLogLine(entry);
    std::size_t written = 0;
    while (written < line.size()) {
      const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      written += static_cast<std::size_t>(n);
    }
  } catch (const std::bad_alloc&) {
    // A line lost to memory exhaustion; the request itself was served.
  }
}

}  // namespace interdict::server
