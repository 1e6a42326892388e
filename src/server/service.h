// The server's state behind the HTTP layer: the store, the live index
// snapshot, and everything that changes them (loads, updates, reloads).
//
// Changes are serialised by one writer lock; screening never takes it. A
// change parses and stores the new version, builds a whole new snapshot
// beside the live one and swaps it in (snapshot.h), so requests never see a
// half-built index and never wait for a reload.
#ifndef INTERDICT_SERVER_SERVICE_H_
#define INTERDICT_SERVER_SERVICE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>

#include "interdict/cases.h"
#include "interdict/casework.h"
#include "interdict/store.h"
#include "server/snapshot.h"

namespace interdict::server {

struct ServiceOptions {
  std::string db_path;
  // POST /v1/lists/load may name files only inside this folder; empty
  // refuses path loads (raw uploads still work).
  std::filesystem::path load_root;
  // The sources config for scheduled and requested updates; empty = none.
  std::filesystem::path sources_config;
  int update_interval_seconds = 0;  // 0 = no scheduled updates
};

struct LoadResult {
  LoadOutcome outcome;
  std::size_t warnings = 0;
  IndexInfo index;  // the live index after the load
};

class Service {
 public:
  static constexpr std::chrono::seconds kWriterWait{120};

  static Result<std::unique_ptr<Service>> Open(ServiceOptions options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Builds the first index, then runs scheduled updates, on a background
  // thread; the server answers (not ready) meanwhile.
  void Start();
  void Stop();

  // The live index, or null before the first one is built.
  std::shared_ptr<const Snapshot> snapshot() const noexcept { return slot_.Load(); }
  Store& store() noexcept { return *store_; }
  // Case work over the case tables of the same --db, or null when they
  // cannot be opened there (casework_status() says why; case routes answer
  // 503 with it).
  Casework* casework() noexcept { return casework_.get(); }
  const Status& casework_status() const noexcept { return casework_status_; }
  const ServiceOptions& options() const noexcept { return options_; }

  // Admin operations. They wait up to kWriterWait for a running change
  // (the startup build, another load, an update), then fail with kConflict.
  Result<LoadResult> LoadPath(std::string_view path, std::string_view format,
                              std::string_view list);
  Result<LoadResult> LoadBytes(std::string_view bytes, std::string_view name,
                               std::string_view format, std::string_view list);
  Result<nlohmann::json> Update();
  // Rebuilds the index from the store and swaps it in.
  Status Reload();

  // What the last update did (null if none ran), and reload tallies.
  nlohmann::json LastUpdate() const;
  std::uint64_t reloads_ok() const noexcept { return reloads_ok_; }
  std::uint64_t reloads_failed() const noexcept { return reloads_failed_; }

  // Resolves a path for LoadPath: inside load_root after following symlinks.
  Result<std::filesystem::path> ResolveLoadPath(std::string_view path) const;

 private:
  Service(ServiceOptions options, std::unique_ptr<Store> store);
  void OpenCasework();
  Result<LoadResult> StoreAndReload(const Result<ListData>& data, std::string_view source);
  Status ReloadLocked();
  // Where the screening index is cached (snapshot.h), or "" for none.
  std::string IndexCachePath() const;
  nlohmann::json UpdateLocked();
  void Run();

  const ServiceOptions options_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<CaseStore> cases_;
  std::unique_ptr<Casework> casework_;  // over store_ and cases_
  Status casework_status_;
  SnapshotSlot slot_;
  std::timed_mutex writer_;  // held by every change

  std::atomic<std::uint64_t> reloads_ok_{0}, reloads_failed_{0};
  std::atomic<std::int64_t> generation_{0};
  mutable std::mutex last_update_mutex_;
  nlohmann::json last_update_;

  std::mutex run_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_SERVICE_H_
