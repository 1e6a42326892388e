// The web UI's files, served from one folder (--web-root). Paths are
// resolved and checked to stay inside the folder after following symlinks,
// so "..", encoded "%2e%2e", absolute paths and links out are all refused.
// A path that names no file and no known asset type (.js, .css, ...) gets
// index.html, so the UI's client-side routes survive a reload.
#ifndef INTERDICT_SERVER_STATIC_FILES_H_
#define INTERDICT_SERVER_STATIC_FILES_H_

#include <httplib.h>

#include <filesystem>
#include <string_view>

namespace interdict::server {

class StaticFiles {
 public:
  StaticFiles() = default;
  // `root` must be a folder; an empty root serves nothing.
  explicit StaticFiles(const std::filesystem::path& root);

  bool enabled() const noexcept { return !root_.empty(); }
  const std::filesystem::path& root() const noexcept { return root_; }

  // Writes the file for the (already URL-decoded) request path; 404 or 400
  // as JSON errors otherwise.
  void Serve(std::string_view path, httplib::Response& res) const;

  // The file a request path maps to, or empty when there is none or it
  // would leave the root. Exposed for tests.
  std::filesystem::path Resolve(std::string_view path) const;

 private:
  std::filesystem::path root_;  // canonical
};

// The default web root: web/dist beside the binary, or in the source tree
// above a build folder (build/interdict -> web/dist). Empty if neither
// exists.
std::filesystem::path DefaultWebRoot();

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_STATIC_FILES_H_
