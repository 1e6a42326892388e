// The backend-independent half of the store: everything AddVersion and Diff
// compute outside the database, shared by the SQLite and PostgreSQL backends
// so that both give identical versions, identities, counts and diffs.
#ifndef INTERDICT_STORE_VERSION_COMMON_H_
#define INTERDICT_STORE_VERSION_COMMON_H_

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/store.h"

namespace interdict::store {

// The membership of one version: entity id -> (blob hash, primary name).
struct Member {
  std::string blob_hash;
  std::string name;
};
using Membership = std::map<std::string, Member, std::less<>>;

// An entity ready to store: its canonical JSON and the JSON's SHA-256.
struct PreparedEntity {
  const Entity* entity = nullptr;
  std::string json;
  std::string hash;
};

// Serialises and hashes every entity: most of a load's CPU cost, so callers
// do it before taking any lock.
std::vector<PreparedEntity> PrepareEntities(const std::vector<Entity>& entities);

// Pointers to `entities` in blob-hash order, so that new blobs append to the
// hash index rather than landing on random pages.
std::vector<const PreparedEntity*> InHashOrder(const std::vector<PreparedEntity>& entities);

// The identity that decides whether `data` repeats the current version: the
// hash of its source files, or, for data built in memory without files, a
// hash of its content.
std::string IdentityOf(const ListData& data, const std::vector<PreparedEntity>& entities);

// The current time in UTC, ISO 8601 ("2026-11-27T10:00:00Z").
std::string UtcNow();

// Refuses a list without a name and entities without ids (kInvalidArgument).
Status CheckIds(const ListData& data);

// Applies `data` to `previous` (ignored unless data is delta). Duplicate ids,
// and for deltas an id both upserted and deleted, are refused: their meaning
// depends on an order ListData does not record.
Result<Membership> NextMembership(const ListData& data, const std::vector<PreparedEntity>& entities,
                                  const Membership& previous);

struct ChangeCounts {
  std::int64_t added = 0, removed = 0, changed = 0;
};
ChangeCounts CountChanges(const Membership& before, const Membership& after);

// ---- reading blobs -----------------------------------------------------------

// kCorrupt naming the entity and blob.
Status CorruptBlob(std::string_view entity_id, std::string_view hash, std::string_view what);
Result<nlohmann::json> ParseBlobJson(std::string_view json, std::string_view entity_id,
                                     std::string_view hash);
// Stored JSON -> Entity; kCorrupt when it does not parse or has the wrong shape.
Result<Entity> DecodeBlob(std::string_view json, std::string_view entity_id, std::string_view hash);

// ---- diffs -------------------------------------------------------------------

// How a backend finds versions while resolving a diff's ends.
struct VersionFinder {
  std::function<Result<std::optional<ListVersion>>(std::string_view list)> current;
  std::function<Result<std::optional<ListVersion>>(std::string_view list, std::int64_t number)>
      by_number;
  std::string where;  // the store's file or server, for error locations
};

// The two versions Diff(list, from_number, to_number) compares, with no
// changes yet: `to` 0 is the current version, `from` 0 the one before `to`
// (number 0, id 0: the empty list before version 1).
Result<ListDiff> ResolveDiffEnds(const VersionFinder& find, std::string_view list,
                                 std::int64_t from_number, std::int64_t to_number);

// Appends to `changes` the entities that differ between two memberships,
// reading (through `load_blob`) only the blobs of changed entities.
using BlobLoader =
    std::function<Result<nlohmann::json>(std::string_view hash, std::string_view entity_id)>;
Status CompareMemberships(const Membership& before, const Membership& after,
                          const BlobLoader& load_blob, std::vector<EntityChange>& changes);

}  // namespace interdict::store

#endif  // INTERDICT_STORE_VERSION_COMMON_H_
