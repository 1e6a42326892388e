// See snapshot.h.
#include "server/snapshot.h"

#include <chrono>

#include "server/http_util.h"

namespace interdict::server {

namespace {

// The name search, the relation network and the derived designations, from
// one read of every current entity.
Status BuildSearchAndNetwork(Store& store, Snapshot& snapshot) {
  std::vector<Entity> entities;
  Status read = store.ForEachCurrentEntity([&](const Entity& entity) {
    entities.push_back(entity);
    return Status::Ok();
  });
  if (!read.ok()) return std::move(read).Prepend("building the index");
  try {
    snapshot.search = NameSearch(entities);
    snapshot.network = std::make_unique<Network>();
    for (const Entity& entity : entities) snapshot.network->AddEntity(entity);
    snapshot.network->Finish();
    snapshot.basis = std::make_unique<BasisIndex>(*snapshot.network);
    for (int r = 0; r < kRegimeCount; ++r) {
      for (const Derivation& d : snapshot.network->Derived(static_cast<Regime>(r))) {
        snapshot.derived[r].push_back(DerivationToJson(d));
      }
    }
  } catch (const std::bad_alloc&) {
    return Status::TooLarge("not enough memory to index the names and relations");
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(Store& store, std::int64_t generation,
                                                      const std::string& index_cache) {
  const auto start = std::chrono::steady_clock::now();
  auto snapshot = std::make_shared<Snapshot>();
  Result<std::vector<std::string>> lists = store.Lists();
  if (!lists) return Err(lists.error());
  for (const std::string& list : *lists) {
    Result<ListVersion> version = store.CurrentVersion(list);
    if (!version) return Err(version.error());
    snapshot->info.versions.push_back(std::move(*version));
  }
  INTERDICT_RETURN_IF_ERROR(BuildSearchAndNetwork(store, *snapshot));
  // On a cache miss BuildScreener reads the entities again (it takes the
  // store, not them): a miss follows a list change, when the index build
  // costs several times the read.
  Result<std::unique_ptr<Screener>> screener = BuildScreener(store, index_cache);
  if (!screener) return Err(screener.error());
  snapshot->screener = std::move(*screener);
  IndexInfo& info = snapshot->info;
  info.generation = generation;
  info.built_at = UtcNow();
  info.entities = snapshot->screener->entity_count();
  info.names = snapshot->screener->name_count();
  info.build_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

nlohmann::json IndexInfoJson(const IndexInfo& info) {
  nlohmann::json versions = nlohmann::json::array();
  for (const ListVersion& v : info.versions) {
    versions.push_back({{"list", v.list}, {"id", v.id}, {"number", v.number}});
  }
  return {{"generation", info.generation}, {"built_at", info.built_at},
          {"build_ms", info.build_ms},     {"entities", info.entities},
          {"names", info.names},           {"versions", std::move(versions)}};
}

}  // namespace interdict::server
