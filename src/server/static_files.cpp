// See static_files.h.
#include "server/static_files.h"

#include <fstream>
#include <sstream>
#include <string>

#include "server/http_util.h"

namespace interdict::server {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 64ull << 20;
constexpr std::string_view kUnknownType = "application/octet-stream";

std::string_view MimeType(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return kUnknownType;
}

bool IsWithin(const fs::path& path, const fs::path& root) {
  auto [root_end, unused] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

// Only plain relative segments: no "..", ".", empty, hidden or NUL parts.
bool IsSafeRelative(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return false;
  }
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (!segment.empty() && segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code ec;
  if (root.empty()) return;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

fs::path StaticFiles::Resolve(std::string_view path) const {
  if (root_.empty()) return {};
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!IsSafeRelative(path)) return {};
  std::error_code ec;
  fs::path candidate = root_ / fs::path(path);
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  fs::path resolved = fs::canonical(candidate, ec);
  // A missing asset is a 404; any other missing path is a UI route (its last
  // segment may well contain a dot, as entity ids do).
  if (ec && MimeType(candidate) == kUnknownType) {
    resolved = fs::canonical(root_ / "index.html", ec);
  }
  if (ec || !IsWithin(resolved, root_) || !fs::is_regular_file(resolved, ec)) return {};
  return resolved;
}

void StaticFiles::Serve(std::string_view path, httplib::Response& res) const {
  const fs::path file = Resolve(path);
  std::error_code ec;
  if (file.empty() || fs::file_size(file, ec) > kMaxFileBytes || ec) {
    SendError(res, 404, "not_found",
              enabled() ? "no such file"
                        : "the web UI is not installed (build it: cd web && npm run build)",
              "path");
    return;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) {
    SendError(res, 500, "io_error", "cannot read the file", "path");
    return;
  }
  res.status = 200;
  // Hashed asset names never change content; everything else is revalidated.
  const bool immutable = path.find("/assets/") != std::string_view::npos;
  res.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "worker-src 'self' blob:; frame-ancestors 'none'");
  res.set_content(bytes.str(), std::string(MimeType(file)));
}

fs::path DefaultWebRoot() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  for (const fs::path& candidate :
       {exe.parent_path() / "web" / "dist", exe.parent_path().parent_path() / "web" / "dist"}) {
    if (fs::is_regular_file(candidate / "index.html", ec)) return candidate;
  }
  return {};
}

}  // namespace interdict::server
