#include "store/schema.h"

#include <string>

namespace interdict::store {
namespace {

// Migrations[i] moves a store from schema version i to i + 1. Append only:
// a released step is never edited, so every store reaches the same schema.
constexpr const char* kMigrations[] = {
    // 0 -> 1: versions, content-addressed entity blobs, version membership.
    R"sql(
CREATE TABLE versions (
  id        INTEGER PRIMARY KEY,
  list      TEXT    NOT NULL,
  number    INTEGER NOT NULL,
  format    TEXT    NOT NULL,
  sha256    TEXT    NOT NULL,
  source    TEXT    NOT NULL,
  published TEXT    NOT NULL,
  loaded_at TEXT    NOT NULL,
  entities  INTEGER NOT NULL,
  names     INTEGER NOT NULL,
  relations INTEGER NOT NULL,
  added     INTEGER NOT NULL,
  removed   INTEGER NOT NULL,
  changed   INTEGER NOT NULL,
  UNIQUE (list, number)
);
-- One row per distinct entity content; hash is the SHA-256 of the canonical
-- JSON (include/interdict/json.h). names/relations are kept beside it so a
-- version's totals are a SUM rather than a parse of every blob.
-- The counts come before the JSON so that reading them does not walk the
-- JSON's overflow pages.
CREATE TABLE entity_blobs (
  hash      TEXT    PRIMARY KEY,
  names     INTEGER NOT NULL,
  relations INTEGER NOT NULL,
  json      TEXT    NOT NULL
);
-- Which entities make up each version. `name` is the primary name, kept here
-- so diffs and listings need not read the blobs.
CREATE TABLE version_entities (
  version_id INTEGER NOT NULL REFERENCES versions (id),
  entity_id  TEXT    NOT NULL,
  blob_hash  TEXT    NOT NULL REFERENCES entity_blobs (hash),
  name       TEXT    NOT NULL,
  PRIMARY KEY (version_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX version_entities_by_entity ON version_entities (entity_id, version_id);
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

struct FileIdentity {
  std::int64_t application_id = 0;
  std::int64_t user_version = 0;
  std::int64_t objects = 0;  // tables, indexes, views, triggers
};

Result<FileIdentity> ReadIdentity(Database& db) {
  FileIdentity id;
  Result<std::int64_t> v = db.QueryInt("PRAGMA application_id");
  if (!v) return Err(v.error());
  id.application_id = *v;
  v = db.QueryInt("PRAGMA user_version");
  if (!v) return Err(v.error());
  id.user_version = *v;
  v = db.QueryInt("SELECT count(*) FROM sqlite_schema");
  if (!v) return Err(v.error());
  id.objects = *v;
  return id;
}

// Whether the file can be used as is (true), needs migrating (false), or must
// be refused (an error).
Result<bool> CheckIdentity(const FileIdentity& id, const std::string& path) {
  bool blank = id.application_id == 0 && id.user_version == 0 && id.objects == 0;
  if (!blank && id.application_id != kApplicationId) {
    return Err(Status::InvalidArgument(
                   "this is a SQLite database but not an Interdict store (application_id " +
                   std::to_string(id.application_id) + "); refusing to modify it")
                   .InFile(path));
  }
  if (id.user_version > kSchemaVersion) {
    return Err(Status::Unsupported("the store has schema version " +
                                   std::to_string(id.user_version) +
                                   ", newer than the version this build understands (" +
                                   std::to_string(kSchemaVersion) + "); upgrade interdict")
                   .InFile(path));
  }
  return id.user_version == kSchemaVersion;
}

Status Migrate(Database& db) {
  // Re-read under the write lock: another process may have migrated the
  // file since we looked.
  Result<Transaction> txn = Transaction::Begin(db, Transaction::Mode::kWrite);
  if (!txn) return txn.error();
  Result<FileIdentity> id = ReadIdentity(db);
  if (!id) return id.error();
  Result<bool> current = CheckIdentity(*id, db.path());
  if (!current) return current.error();
  if (*current) return txn->Commit();
  for (std::int64_t v = id->user_version; v < kSchemaVersion; ++v) {
    Status s = db.Exec(kMigrations[v]);
    if (!s.ok()) return s.Prepend("migrating the store to schema version " + std::to_string(v + 1));
  }
  // PRAGMA does not take bound parameters; both values are our constants.
  std::string stamp = "PRAGMA user_version = " + std::to_string(kSchemaVersion) +
                      "; PRAGMA application_id = " + std::to_string(kApplicationId);
  INTERDICT_RETURN_STATUS_IF_ERROR(db.Exec(stamp.c_str()));
  return txn->Commit();
}

}  // namespace

Status PrepareSchema(Database& db) {
  // Reading the identity first also validates the file: a file that is not a
  // database fails here with kCorrupt, before anything is written to it.
  Result<FileIdentity> id = ReadIdentity(db);
  if (!id) return id.error();
  Result<bool> current = CheckIdentity(*id, db.path());
  if (!current) return current.error();
  // WAL lets readers keep reading the previous version while a list loads;
  // synchronous=NORMAL is durable across application crashes and consistent
  // across power loss, which is WAL's documented sweet spot.
  INTERDICT_RETURN_STATUS_IF_ERROR(
      db.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
              "PRAGMA cache_size = -65536"));
  if (*current) return Status::Ok();  // the common case takes no write lock
  return Migrate(db);
}

}  // namespace interdict::store
