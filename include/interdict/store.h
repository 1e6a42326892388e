// The store: every loaded version of every list, kept forever.
//
// A version is created by AddVersion() in one transaction: readers see the
// previous version until it commits, and a failure leaves the store as it was.
// Adding content identical to the list's current version creates nothing.
// Entities are kept content-addressed, so an entity unchanged between versions
// is stored once.
//
// Thread safety: a Store object may be used from several threads; calls are
// serialised internally. Several processes may open the same SQLite file
// (WAL mode) or PostgreSQL database; writers wait for each other.
#ifndef INTERDICT_STORE_H_
#define INTERDICT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"
#include "interdict/sources.h"
#include "interdict/status.h"

namespace interdict {

struct ListVersion {
  std::int64_t id = 0;  // unique across the store, increasing
  std::string list;
  std::int64_t number = 0;  // 1, 2, 3… within the list
  std::string format;       // FormatName() of the parsed source
  std::string sha256;       // ListData::ContentHash()
  std::string source;       // path or URL it was loaded from
  std::string published;    // date stated by the file, or ""
  std::string loaded_at;    // UTC, ISO 8601 ("2026-11-27T10:00:00Z")
  std::int64_t entities = 0;
  std::int64_t names = 0;
  std::int64_t relations = 0;
  // Against the previous version of the same list (all added for the first).
  std::int64_t added = 0;
  std::int64_t removed = 0;
  std::int64_t changed = 0;
};

struct LoadOutcome {
  ListVersion version;   // the new version, or the current one when unchanged
  bool created = false;  // false: the content equals the current version
};

// One field that differs between two versions of an entity. `path` is a
// JSON-pointer-like path into the entity's JSON ("/names/2/full").
struct FieldChange {
  std::string path;
  std::string before;  // JSON text, "" when absent
  std::string after;
};

enum class ChangeKind : std::uint8_t { kAdded, kRemoved, kChanged };

struct EntityChange {
  std::string id;
  std::string name;  // primary name (the new one, or the old one for removals)
  ChangeKind kind = ChangeKind::kChanged;
  std::vector<FieldChange> fields;  // only for kChanged
};

struct ListDiff {
  ListVersion from;
  ListVersion to;
  std::vector<EntityChange> changes;  // sorted by id
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores `data` as a new version of data.list. `source` records where it
  // came from. Delta data is applied on top of the current version.
  virtual Result<LoadOutcome> AddVersion(const ListData& data, std::string_view source) = 0;

  // Names of the lists that have at least one version, sorted.
  virtual Result<std::vector<std::string>> Lists() = 0;
  // Versions of one list, oldest first.
  virtual Result<std::vector<ListVersion>> Versions(std::string_view list) = 0;
  // The newest version of `list`; kNotFound if it has none.
  virtual Result<ListVersion> CurrentVersion(std::string_view list) = 0;
  // A version by its store-wide id; kNotFound if absent.
  virtual Result<ListVersion> Version(std::int64_t version_id) = 0;

  // An entity as it is in `version_id`, or in its list's current version when
  // version_id is 0. kNotFound when absent.
  virtual Result<Entity> GetEntity(std::string_view id, std::int64_t version_id = 0) = 0;
  // The versions (of its list) in which the entity appears, oldest first.
  virtual Result<std::vector<ListVersion>> EntityVersions(std::string_view id) = 0;

  // Calls `visit` for every entity of the given version, in id order.
  // Stops early and returns the callback's Status if it is not OK.
  virtual Status ForEachEntity(std::int64_t version_id,
                               const std::function<Status(const Entity&)>& visit) = 0;
  // Every entity of the current version of every list.
  virtual Status ForEachCurrentEntity(const std::function<Status(const Entity&)>& visit) = 0;

  // Differences between two versions of one list. `from`/`to` of 0 mean the
  // version before the current one and the current one.
  virtual Result<ListDiff> Diff(std::string_view list, std::int64_t from_number = 0,
                                std::int64_t to_number = 0) = 0;
};

// Opens (creating if needed) the SQLite store at `path`.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

// Opens (creating the tables if needed) the PostgreSQL store at `conninfo`, a
// libpq connection string ("host=db dbname=interdict user=screening") or URI
// ("postgresql://screening@db/interdict"). The tables live in the
// connection's current schema. Errors name the server, never the password:
// kIoError when it cannot be reached or refuses the login, kUnsupported for a
// store written by a newer build, kInvalidArgument for a schema holding
// another application's tables of the same names.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo);

// Whether `location` names a PostgreSQL database rather than a SQLite file:
// a postgresql:// or postgres:// URI, or a key=value conninfo with host= or
// dbname=.
bool IsPostgresLocation(std::string_view location) noexcept;

// Opens the store at `location`: PostgreSQL when IsPostgresLocation(),
// otherwise the SQLite file at that path.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

// The default store location: $INTERDICT_DB, else "./interdict.db".
std::string DefaultStorePath();

}  // namespace interdict

#endif  // INTERDICT_STORE_H_
