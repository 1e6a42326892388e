// See service.h.
#include "server/service.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "interdict/sources.h"
#include "interdict/update.h"
#include "server/http_util.h"

namespace interdict::server {
namespace {

namespace fs = std::filesystem;

Status Busy() {
  return Status::Conflict(
      "another load, update or reload is still running after 2 minutes; try again later");
}

Result<ParseOptions> MakeParseOptions(std::string_view format, std::string_view list) {
  ParseOptions parse;
  parse.list = std::string(list);
  if (!format.empty() && format != "auto") {
    const std::optional<Format> parsed = ParseFormat(format);
    if (!parsed) {
      return Err(Status::InvalidArgument("unknown format \"" + std::string(format) + "\"")
                     .AtElement("format"));
    }
    parse.format = *parsed;
  }
  return parse;
}

// Whether `path` is `root` or lies beneath it (both canonical).
bool IsWithin(const fs::path& path, const fs::path& root) {
  auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace

Result<std::unique_ptr<Service>> Service::Open(ServiceOptions options) {
  if (!options.load_root.empty()) {
    std::error_code ec;
    fs::path root = fs::canonical(options.load_root, ec);
    if (ec || !fs::is_directory(root, ec)) {
      return Err(Status::NotFound("the load root is not a folder").InFile(options.load_root));
    }
    options.load_root = std::move(root);
  }
  Result<std::unique_ptr<Store>> store = OpenStore(options.db_path);
  if (!store) return Err(store.error());
  return std::unique_ptr<Service>(new Service(std::move(options), std::move(*store)));
}

Service::Service(ServiceOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)), store_(std::move(store)) {
  OpenCasework();
}

void Service::OpenCasework() {
  // The case tables live beside the lists (docs/cases.md), on either
  // backend. Without them the list routes still serve; case routes say why.
  Result<std::unique_ptr<CaseStore>> cases = OpenCaseStore(options_.db_path);
  if (!cases) {
    casework_status_ = cases.error();
    std::cerr << "interdict serve: case work is off: " << casework_status_.ToString() << "\n";
    return;
  }
  cases_ = std::move(*cases);
  casework_ = std::make_unique<Casework>(*store_, *cases_);
}

Service::~Service() { Stop(); }

void Service::Start() {
  std::lock_guard lock(run_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Service::Stop() {
  {
    std::lock_guard lock(run_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Service::Run() {
  if (Status s = Reload(); !s.ok()) {
    std::cerr << "interdict serve: building the index: " << s.ToString() << "\n";
  }
  if (options_.update_interval_seconds <= 0 || options_.sources_config.empty()) return;
  const auto interval = std::chrono::seconds(options_.update_interval_seconds);
  std::unique_lock lock(run_mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    lock.unlock();
    {
      // A scheduled update waits for a running load rather than skipping.
      std::lock_guard writer(writer_);
      UpdateLocked();
    }
    lock.lock();
  }
}

Status Service::Reload() {
  std::lock_guard lock(writer_);
  return ReloadLocked();
}

Status Service::ReloadLocked() {
  Result<std::shared_ptr<const Snapshot>> next =
      BuildSnapshot(*store_, generation_ + 1, IndexCachePath());
  if (!next) {
    ++reloads_failed_;
    return next.error();
  }
  // An empty store has nothing to screen against: stay not ready.
  if ((*next)->info.versions.empty()) return Status();
  ++generation_;
  slot_.Store(std::move(*next));
  ++reloads_ok_;
  return Status();
}

std::string Service::IndexCachePath() const {
  // The CLI's cache beside the SQLite file (interdict screen writes and
  // reads the same one); a PostgreSQL store has no file to sit beside.
  if (options_.db_path.empty() || IsPostgresLocation(options_.db_path)) return "";
  return options_.db_path + ".index";
}

Result<fs::path> Service::ResolveLoadPath(std::string_view path) const {
  if (options_.load_root.empty()) {
    return Err(Status::Unsupported(
                   "loading by path is off: start the server with --load-root FOLDER, or send "
                   "the file's bytes")
                   .AtElement("path"));
  }
  if (path.empty() || path.find('\0') != std::string_view::npos) {
    return Err(Status::InvalidArgument("path must be a non-empty file name").AtElement("path"));
  }
  fs::path requested(path);
  if (requested.is_relative()) requested = options_.load_root / requested;
  std::error_code ec;
  // canonical() follows every symlink, so a link inside the root that points
  // outside it is caught too.
  const fs::path resolved = fs::canonical(requested, ec);
  if (ec) {
    return Err(Status::NotFound("no such file or folder under the load root").AtElement("path"));
  }
  if (!IsWithin(resolved, options_.load_root)) {
    return Err(Status::InvalidArgument("path is outside the server's load root").AtElement("path"));
  }
  return resolved;
}

Result<LoadResult> Service::LoadPath(std::string_view path, std::string_view format,
                                     std::string_view list) {
  Result<fs::path> resolved = ResolveLoadPath(path);
  if (!resolved) return Err(resolved.error());
  Result<ParseOptions> parse = MakeParseOptions(format, list);
  if (!parse) return Err(parse.error());
  std::unique_lock lock(writer_, kWriterWait);
  if (!lock.owns_lock()) return Err(Busy());
  return StoreAndReload(ParseList(*resolved, *parse), resolved->string());
}

Result<LoadResult> Service::LoadBytes(std::string_view bytes, std::string_view name,
                                      std::string_view format, std::string_view list) {
  Result<ParseOptions> parse = MakeParseOptions(format, list);
  if (!parse) return Err(parse.error());
  const std::string file_name = name.empty() ? "upload" : std::string(name);
  std::unique_lock lock(writer_, kWriterWait);
  if (!lock.owns_lock()) return Err(Busy());
  return StoreAndReload(ParseBuffer(bytes, file_name, *parse), "upload:" + file_name);
}

Result<LoadResult> Service::StoreAndReload(const Result<ListData>& data, std::string_view source) {
  if (!data) return Err(data.error());
  Result<LoadOutcome> outcome = store_->AddVersion(*data, source);
  if (!outcome) return Err(outcome.error());
  // Unchanged content leaves the index as it is; a first load or a new
  // version (or a store that was empty at startup) needs a new index.
  if (outcome->created || slot_.Load() == nullptr) {
    INTERDICT_RETURN_IF_ERROR(ReloadLocked());
  }
  LoadResult result{std::move(*outcome), data->warnings.size(), {}};
  if (auto live = slot_.Load()) result.index = live->info;
  return result;
}

Result<nlohmann::json> Service::Update() {
  if (options_.sources_config.empty()) {
    return Err(Status::NotFound("updates are off: start the server with --sources FILE"));
  }
  std::unique_lock lock(writer_, kWriterWait);
  if (!lock.owns_lock()) return Err(Busy());
  return UpdateLocked();
}

nlohmann::json Service::UpdateLocked() {
  nlohmann::json report = {{"started_at", UtcNow()}};
  nlohmann::json results = nlohmann::json::array();
  std::size_t updated = 0, unchanged = 0, failed = 0;
  Result<SourcesConfig> config = LoadSourcesConfig(options_.sources_config);
  if (!config) {
    ++failed;
    results.push_back({{"list", ""}, {"error", config.error().ToString()}});
  } else {
    // The same steps as `interdict update`: fetch and verify, then store.
    for (const SourceSpec& source : config->sources) {
      Result<FetchedList> fetched = FetchList(source, config->download);
      Result<LoadOutcome> outcome =
          fetched ? store_->AddVersion(fetched->data, fetched->source) : Err(fetched.error());
      if (!outcome) {
        ++failed;
        results.push_back({{"list", source.list}, {"error", outcome.error().ToString()}});
        continue;
      }
      ++(outcome->created ? updated : unchanged);
      results.push_back({{"list", outcome->version.list},
                         {"created", outcome->created},
                         {"version", VersionToJson(outcome->version)}});
    }
  }
  if (updated > 0 || slot_.Load() == nullptr) {
    if (Status s = ReloadLocked(); !s.ok()) {
      ++failed;
      results.push_back({{"list", ""}, {"error", "rebuilding the index: " + s.ToString()}});
    }
  }
  report["finished_at"] = UtcNow();
  report["ok"] = failed == 0;
  report["updated"] = updated;
  report["unchanged"] = unchanged;
  report["failed"] = failed;
  report["results"] = std::move(results);
  std::lock_guard lock(last_update_mutex_);
  last_update_ = report;
  return report;
}

nlohmann::json Service::LastUpdate() const {
  std::lock_guard lock(last_update_mutex_);
  return last_update_;  // null until an update ran
}

}  // namespace interdict::server
