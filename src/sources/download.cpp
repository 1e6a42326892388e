#include "sources/download.h"

#include <curl/curl.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "interdict/update.h"
#include "sources/io.h"

namespace interdict::sources {
namespace {

constexpr int kMaxBackoffMs = 60'000;
constexpr std::string_view kUnreachable = "cannot reach the server";

void EnsureCurlInitialised() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::string body;
  std::uint64_t max_bytes = 0;
  bool too_large = false;
  const DownloadProgress* progress = nullptr;
};

// libcurl write callback. Returning less than `size * count` aborts the
// transfer, which is how an oversized body (no or lying Content-Length) is
// cut off without buffering it.
size_t WriteBody(char* data, size_t size, size_t count, void* user) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (transfer->body.size() + n > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;
  }
  try {
    transfer->body.append(data, n);
  } catch (...) {  // std::bad_alloc: fail the transfer rather than the process
    return 0;
  }
  return n;
}

int ReportProgress(void* user, curl_off_t total, curl_off_t received, curl_off_t,
                   curl_off_t) noexcept {
  auto* transfer = static_cast<Transfer*>(user);
  if (transfer->progress == nullptr || !*transfer->progress) return 0;
  try {
    (*transfer->progress)(static_cast<std::uint64_t>(received), static_cast<std::uint64_t>(total));
  } catch (...) {
    // A failing progress display must not fail the download.
  }
  return 0;
}

// Failures worth another attempt: the network or the server may recover.
bool IsTransient(CURLcode code) noexcept {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      // Includes CURLE_COULDNT_RESOLVE_HOST: without DNS (no network) every
      // retry would fail the same way, only slower.
      return false;
  }
}

bool IsTransientHttp(long code) noexcept { return code == 408 || code == 429 || code >= 500; }

// The status for a non-200 answer. 401 and 403 say the address wants
// credentials we do not have (or a host blocks us): retrying cannot help and
// the operator must act, so they get their own code and a message naming the
// address.
Status HttpError(long http_status, const std::string& url) {
  const std::string answered = "server answered HTTP " + std::to_string(http_status);
  if (http_status == 401 || http_status == 403) {
    return Status::PermissionDenied(answered + ": access to " + url +
                                    " is refused; check the address, or whether it needs "
                                    "credentials or blocks this host")
        .InFile(url);
  }
  std::string message = answered + ", expected 200";
  if (http_status == 404 || http_status == 410) {
    return Status::NotFound(std::move(message)).InFile(url);
  }
  return Status::IoError(std::move(message)).InFile(url);
}

struct Attempt {
  Result<std::string> body;
  bool transient = false;
};

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

void Configure(CURL* curl, const std::string& url, const DownloadOptions& options,
               std::uint64_t max_bytes, Transfer& transfer, char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  // Only web protocols, also after a redirect: a server must not be able to
  // send us to file:// or anything else.
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT,
                   static_cast<long>(options.connect_timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(options.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, &ReportProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
}

Attempt FetchOnce(const std::string& url, const DownloadOptions& options, std::uint64_t max_bytes,
                  const DownloadProgress& progress) {
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {Err(Status::Internal("curl_easy_init failed").InFile(url)), false};
  Transfer transfer;
  transfer.max_bytes = max_bytes;
  transfer.progress = &progress;
  char error_buffer[CURL_ERROR_SIZE] = {};
  Configure(curl.get(), url, options, max_bytes, transfer, error_buffer);

  const CURLcode code = curl_easy_perform(curl.get());
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return {Err(Status::TooLarge("response exceeds the limit of " + std::to_string(max_bytes) +
                                 " bytes")
                    .InFile(url)),
            false};
  }
  if (code != CURLE_OK) {
    std::string message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
        code == CURLE_COULDNT_CONNECT) {
      message = std::string(kUnreachable) + " (" + message + ")";
    }
    return {Err(Status::IoError(std::move(message)).InFile(url)), IsTransient(code)};
  }
  long http_status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &http_status);
  if (http_status != 200) {
    return {Err(HttpError(http_status, url)), IsTransientHttp(http_status)};
  }
  return {std::move(transfer.body), false};
}

Result<std::string> DownloadRemote(const std::string& url, const DownloadOptions& options,
                                   std::uint64_t max_bytes, const DownloadProgress& progress) {
  EnsureCurlInitialised();
  const int retries = std::max(0, options.retries);
  for (int attempt = 0;; ++attempt) {
    Attempt result = FetchOnce(url, options, max_bytes, progress);
    if (result.body || !result.transient || attempt >= retries) {
      if (!result.body && attempt > 0) {
        return Err(std::move(result.body.error())
                       .Prepend("gave up after " + std::to_string(attempt + 1) + " attempts"));
      }
      return std::move(result.body);
    }
    const long long wait_ms = std::min<long long>(
        static_cast<long long>(options.backoff_ms) << std::min(attempt, 20), kMaxBackoffMs);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
  }
}

}  // namespace

bool IsUnreachable(const Status& status) noexcept {
  return status.code() == StatusCode::kIoError &&
         status.message().find(kUnreachable) != std::string::npos;
}

bool IsRemoteUrl(std::string_view url) noexcept {
  return url.starts_with("http://") || url.starts_with("https://");
}

std::string LocalPathOfUrl(std::string_view url) {
  if (!url.starts_with("file://")) return std::string(url);
  url.remove_prefix(7);
  if (url.starts_with("localhost/")) url.remove_prefix(9);
  // Percent-escapes, as in file:///data/OFAC%20lists/sdn.csv.
  std::string path;
  path.reserve(url.size());
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '%' && i + 2 < url.size() &&
        std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
      path.push_back(static_cast<char>(std::stoi(std::string(url.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      path.push_back(url[i]);
    }
  }
  return path;
}

Result<std::string> DownloadUrl(std::string_view url, const DownloadOptions& options,
                                std::uint64_t max_bytes, const DownloadProgress& progress) {
  if (IsRemoteUrl(url)) return DownloadRemote(std::string(url), options, max_bytes, progress);
  if (url.find("://") != std::string_view::npos && !url.starts_with("file://")) {
    return Err(Status::Unsupported("only http://, https:// and file:// addresses are supported")
                   .InFile(std::string(url)));
  }
  const std::filesystem::path path = LocalPathOfUrl(url);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Err(Status::InvalidArgument("is a folder, expected a file").InFile(path.string()));
  }
  return ReadFile(path, max_bytes);
}

}  // namespace interdict::sources

namespace interdict {
namespace {

// A private folder under the system temporary folder, removed with its
// contents when it goes out of scope. Multi-file sets are written here so
// ParseList() can read them as the folder it expects.
class ScratchDir {
 public:
  static Result<ScratchDir> Create() {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "interdict-fetch-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return Err(Status::IoError("cannot create a temporary folder: " +
                                 std::generic_category().message(errno))
                     .InFile(pattern));
    }
    return ScratchDir(pattern);
  }
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

struct FetchedFile {
  std::string name;
  std::string url;  // the address that answered
  std::string bytes;
};

// Tries the file's addresses in order. When all fail, the official (first)
// address's error is the one reported: a mirror's error is rarely the news.
Result<FetchedFile> FetchFile(const SourceFileSpec& file, const DownloadOptions& options,
                              std::uint64_t max_bytes, const DownloadProgress& progress) {
  if (file.urls.empty()) {
    return Err(Status::InvalidArgument("no address given").AtElement(file.name));
  }
  Status first_error;
  for (const std::string& url : file.urls) {
    Result<std::string> body = sources::DownloadUrl(url, options, max_bytes, progress);
    if (body && body->empty()) body = Err(Status::ParseError("the file is empty").InFile(url));
    if (body) return FetchedFile{file.name, url, std::move(*body)};
    if (first_error.ok()) first_error = std::move(body.error());
  }
  if (file.urls.size() > 1) {
    first_error.Prepend("all " + std::to_string(file.urls.size()) + " addresses failed, the first");
  }
  return Err(std::move(first_error));
}

// Parser errors name the file as the parser saw it (a name, or a path in the
// scratch folder); point them at the address it came from instead.
Status Relocate(Status status, const std::vector<FetchedFile>& files,
                const std::filesystem::path& folder) {
  const std::string& where = status.location().file;
  for (const FetchedFile& file : files) {
    if (where == file.name || (!folder.empty() && where == (folder / file.name).string())) {
      return std::move(status).InFile(file.url);
    }
  }
  return status;
}

Result<ListData> ParseFetched(const std::vector<FetchedFile>& files, const ParseOptions& parse) {
  if (files.size() == 1) {
    Result<ListData> data = ParseBuffer(files[0].bytes, files[0].name, parse);
    if (!data) return Err(Relocate(std::move(data.error()), files, {}));
    return data;
  }
  Result<ScratchDir> dir = ScratchDir::Create();
  INTERDICT_RETURN_IF_ERROR(dir);
  for (const FetchedFile& file : files) {
    const std::filesystem::path path = dir->path() / file.name;
    std::ofstream out(path, std::ios::binary);
    out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
    out.close();
    if (!out) return Err(Status::IoError("cannot write a temporary copy").InFile(path.string()));
  }
  Result<ListData> data = ParseList(dir->path(), parse);
  if (!data) return Err(Relocate(std::move(data.error()), files, dir->path()));
  // Name the files by their set names, not the scratch folder that is about
  // to disappear, so the same content always describes itself the same way.
  for (SourceFile& source_file : data->files) {
    source_file.path = std::filesystem::path(source_file.path).filename().string();
  }
  return data;
}

std::string JoinUrls(const std::vector<FetchedFile>& files) {
  std::string out;
  for (const FetchedFile& file : files) out += (out.empty() ? "" : " ") + file.url;
  return out;
}

// A full list that parses to nothing is a broken download (an error page
// that happens to be well-formed), not a list whose entries were all lifted.
Result<FetchedList> CheckNotEmpty(FetchedList fetched) {
  if (!fetched.data.is_delta && fetched.data.entities.empty()) {
    return Err(
        Status::ParseError("parsed no entities; refusing to replace the list with an empty one")
            .InFile(fetched.source));
  }
  return fetched;
}

Result<FetchedList> ParseLocal(const std::filesystem::path& path, const ParseOptions& parse) {
  Result<ListData> data = ParseList(path, parse);
  INTERDICT_RETURN_IF_ERROR(data);
  FetchedList fetched;
  fetched.data = std::move(*data);
  fetched.source = path.string();
  for (const SourceFile& file : fetched.data.files) fetched.bytes += file.size;
  return CheckNotEmpty(std::move(fetched));
}

Result<FetchedList> FetchAndParse(const std::vector<SourceFileSpec>& specs,
                                  const DownloadOptions& options, std::uint64_t max_bytes,
                                  const ParseOptions& parse, const DownloadProgress& progress) {
  FetchedList fetched;
  std::vector<FetchedFile> files;
  for (const SourceFileSpec& spec : specs) {
    Result<FetchedFile> one = FetchFile(spec, options, max_bytes, progress);
    INTERDICT_RETURN_IF_ERROR(one);
    fetched.bytes += one->bytes.size();
    files.push_back(std::move(*one));
  }
  Result<ListData> data = ParseFetched(files, parse);
  INTERDICT_RETURN_IF_ERROR(data);
  fetched.data = std::move(*data);
  fetched.source = JoinUrls(files);
  return CheckNotEmpty(std::move(fetched));
}

// The folder a single file:// address names, or "".
std::filesystem::path LocalFolder(const SourceSpec& source) {
  if (source.files.size() != 1 || source.files[0].urls.size() != 1) return {};
  const std::string& url = source.files[0].urls[0];
  if (sources::IsRemoteUrl(url)) return {};
  std::filesystem::path path = sources::LocalPathOfUrl(url);
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? path : std::filesystem::path();
}

}  // namespace

Result<FetchedList> FetchList(const SourceSpec& source, const DownloadOptions& options,
                              const DownloadProgress& progress) {
  ParseOptions parse;
  parse.format = source.format;
  parse.list = source.list;
  const std::uint64_t max_bytes = source.max_bytes > 0 ? source.max_bytes : options.max_bytes;

  if (!source.path.empty()) return ParseLocal(source.path, parse);
  if (std::filesystem::path folder = LocalFolder(source); !folder.empty()) {
    return ParseLocal(folder, parse);
  }
  if (source.files.empty()) {
    return Err(
        Status::InvalidArgument("the source names no files to fetch").AtElement(source.list));
  }
  if (source.files.size() > 1 || source.files[0].urls.size() <= 1) {
    return FetchAndParse(source.files, options, max_bytes, parse, progress);
  }
  // One file with alternative addresses: an address that answers with
  // something unparseable (a moved page served as HTML) falls through to the
  // next one, like an address that does not answer.
  Status first_error;
  for (const std::string& url : source.files[0].urls) {
    Result<FetchedList> fetched = FetchAndParse({SourceFileSpec{source.files[0].name, {url}}},
                                                options, max_bytes, parse, progress);
    if (fetched) return fetched;
    if (first_error.ok()) first_error = std::move(fetched.error());
  }
  return Err(std::move(first_error.Prepend("all " + std::to_string(source.files[0].urls.size()) +
                                           " addresses failed, the first")));
}

}  // namespace interdict
