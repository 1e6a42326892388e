// Downloading lists from their official addresses (`interdict update`).
//
// A sources config (config/sources.json, documented in docs/cli.md) names
// each list, its format and where to fetch it: one URL, several files that
// form one set (the OFAC CSV set: sdn.csv, alt.csv, add.csv,
// sdn_comments.csv), or a local file or folder for offline use. FetchList()
// downloads a source with libcurl (timeouts, redirects, a size limit, HTTPS
// verification, retries with backoff) and verifies it by parsing it: the
// result is a complete ListData ready for Store::AddVersion, or a Status, and
// never a partial list.
//
// Functions here are thread-compatible: distinct calls may run concurrently.
#ifndef INTERDICT_UPDATE_H_
#define INTERDICT_UPDATE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/sources.h"
#include "interdict/status.h"

namespace interdict {

struct DownloadOptions {
  int connect_timeout_seconds = 30;
  // The whole transfer of one file, including redirects.
  int timeout_seconds = 600;
  // A body larger than this is refused with kTooLarge (checked against
  // Content-Length up front and against the bytes received).
  std::uint64_t max_bytes = 512ull << 20;
  // Attempts after the first on transient failures (connection errors,
  // timeouts, HTTP 408/429/5xx); the wait doubles from backoff_ms each time.
  int retries = 3;
  int backoff_ms = 2000;
  int max_redirects = 10;
  std::string user_agent = "interdict/0.1 (sanctions list updater; +https://github.com/interdict)";
};

// One file of a source. `urls` are alternatives tried in order (a mirror
// after the official address); each is http(s)://, file:// or a local path.
struct SourceFileSpec {
  std::string name;  // the file's name in its set ("sdn.csv"); used in errors
  std::vector<std::string> urls;
};

struct SourceSpec {
  std::string list;  // list name to store under ("ofac-sdn"); "" = the parser's
  Format format = Format::kAuto;
  std::string description;
  // Either files to download (several make one set, parsed as a folder)...
  std::vector<SourceFileSpec> files;
  // ...or a local file or folder, parsed in place.
  std::filesystem::path path;
  std::uint64_t max_bytes = 0;  // overrides DownloadOptions::max_bytes when > 0
};

struct SourcesConfig {
  DownloadOptions download;
  std::vector<SourceSpec> sources;
};

// Reads a sources config. Relative local paths in it are resolved against the
// config file's folder. Errors name the file and the JSON path.
Result<SourcesConfig> LoadSourcesConfig(const std::filesystem::path& path);
Result<SourcesConfig> ParseSourcesConfig(std::string_view json, std::string_view name,
                                         const std::filesystem::path& base_dir);

// Called while a file downloads: bytes received so far and the expected
// total (0 when the server does not say).
using DownloadProgress = std::function<void(std::uint64_t received, std::uint64_t total)>;

struct FetchedList {
  ListData data;
  std::string source;       // where it came from: the URL(s) or path used
  std::uint64_t bytes = 0;  // raw bytes downloaded or read
};

// Downloads (or reads) one source and parses it. Fails with the first error:
// a file that cannot be fetched, is empty or too large, or does not parse, or
// a full list that parses to no entities.
Result<FetchedList> FetchList(const SourceSpec& source, const DownloadOptions& options,
                              const DownloadProgress& progress = {});

}  // namespace interdict

#endif  // INTERDICT_UPDATE_H_
