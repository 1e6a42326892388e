// What the server answers screening and search from: one immutable index
// over the current version of every list. A reload builds a new Snapshot
// beside the live one and swaps the pointer; requests hold a shared_ptr to
// the snapshot they started on, so they finish on it even after a swap.
#ifndef INTERDICT_SERVER_SNAPSHOT_H_
#define INTERDICT_SERVER_SNAPSHOT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "interdict/graph.h"
#include "interdict/screen.h"
#include "interdict/status.h"
#include "interdict/store.h"
#include "interdict/store_json.h"
#include "server/name_search.h"

namespace interdict::server {

struct IndexInfo {
  std::int64_t generation = 0;  // 1 for the first index, +1 per swap
  std::string built_at;         // UTC ISO 8601
  std::int64_t build_ms = 0;
  std::size_t entities = 0;
  std::size_t names = 0;
  std::vector<ListVersion> versions;  // the current version of every list indexed
};

struct Snapshot {
  std::unique_ptr<Screener> screener;
  NameSearch search;
  // The relation graph over the same entities (network and derived routes)
  // and each entity's basis, precomputed so that annotating a screening
  // result is a lookup per match.
  std::unique_ptr<Network> network;
  std::unique_ptr<BasisIndex> basis;
  // Every derived designation per regime, by id, as DerivationToJson text:
  // GET /v1/derived pages through these.
  std::vector<std::string> derived[kRegimeCount];
  IndexInfo info;
};

// Reads every current entity of `store` once and builds the name search and
// the relation network; the screener comes from the index cache file
// `index_cache` when it matches the store's current versions, and is built
// and written there when not ("" = no cache: always built). The cache makes
// a restart over unchanged lists ready in a fraction of the build time.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Store& store, std::int64_t generation,
                                                      const std::string& index_cache = "");

nlohmann::json IndexInfoJson(const IndexInfo& info);

// The live snapshot. Load() is lock-free for readers on the hot path in the
// sense that matters: it never waits for a reload.
class SnapshotSlot {
 public:
  std::shared_ptr<const Snapshot> Load() const noexcept {
    return current_.load(std::memory_order_acquire);
  }
  void Store(std::shared_ptr<const Snapshot> next) noexcept {
    current_.store(std::move(next), std::memory_order_release);
  }

 private:
  std::atomic<std::shared_ptr<const Snapshot>> current_;
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_SNAPSHOT_H_
