#include "store/pg_schema.h"

#include <string>

namespace interdict::store {
namespace {

// Append only: a released step is never edited, so every store reaches the
// same schema. Text columns that are sorted or compared use the "C"
// collation so that ids order byte-wise, as in the SQLite store, whatever the
// database's locale.
constexpr const char* kStoreMigrations[] = {
    // 0 -> 1: versions, content-addressed entity blobs, version membership.
    R"sql(
CREATE TABLE versions (
  id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  list      TEXT    COLLATE "C" NOT NULL,
  number    BIGINT  NOT NULL,
  format    TEXT    NOT NULL,
  sha256    TEXT    NOT NULL,
  source    TEXT    NOT NULL,
  published TEXT    NOT NULL,
  loaded_at TEXT    NOT NULL,
  entities  BIGINT  NOT NULL,
  names     BIGINT  NOT NULL,
  relations BIGINT  NOT NULL,
  added     BIGINT  NOT NULL,
  removed   BIGINT  NOT NULL,
  changed   BIGINT  NOT NULL,
  UNIQUE (list, number)
);
CREATE TABLE entity_blobs (
  hash      TEXT    COLLATE "C" PRIMARY KEY,
  names     BIGINT  NOT NULL,
  relations BIGINT  NOT NULL,
  json      TEXT    NOT NULL
);
CREATE TABLE version_entities (
  version_id BIGINT NOT NULL REFERENCES versions (id),
  entity_id  TEXT   COLLATE "C" NOT NULL,
  blob_hash  TEXT   COLLATE "C" NOT NULL REFERENCES entity_blobs (hash),
  name       TEXT   NOT NULL,
  PRIMARY KEY (version_id, entity_id)
);
CREATE INDEX version_entities_by_entity ON version_entities (entity_id, version_id);
)sql",
};
static_assert(std::size(kStoreMigrations) == kPgSchemaVersion);

constexpr const char* kStoreTables[] = {"versions", "entity_blobs", "version_entities"};

// Serialises schema changes to the current schema across every connection
// (the lock is released at the end of the transaction).
constexpr const char* kLockSchema =
    "SELECT pg_advisory_xact_lock(hashtextextended('interdict.schema:' || current_schema(), 0))";

Result<std::int64_t> RecordedVersion(PgConnection& conn, std::string_view component) {
  Result<PgResult> row = conn.Query("SELECT version FROM interdict_schema WHERE component = $1",
                                    PgParams().Add(component));
  if (!row) return Err(row.error());
  return row->rows() == 0 ? 0 : row->Int(0, 0);
}

// Whether the current schema holds a table of the component's that the
// version table does not account for.
Result<bool> HasForeignTables(PgConnection& conn, const PgComponent& component) {
  for (std::size_t i = 0; i < component.table_count; ++i) {
    Result<PgResult> found =
        conn.Query("SELECT to_regclass(quote_ident(current_schema()) || '.' || $1) IS NOT NULL",
                   PgParams().Add(component.tables[i]));
    if (!found) return Err(found.error());
    if (found->Text(0, 0) == "t") return true;
  }
  return false;
}

Status CheckVersion(PgConnection& conn, const PgComponent& component, std::int64_t version) {
  if (version > component.version) {
    return Status::Unsupported("the " + std::string(component.name) + " has schema version " +
                               std::to_string(version) +
                               ", newer than the version this build understands (" +
                               std::to_string(component.version) + "); upgrade interdict")
        .InFile(conn.server());
  }
  return Status::Ok();
}

}  // namespace

Status PreparePgComponent(PgConnection& conn, const PgComponent& component) {
  Result<PgTransaction> txn = PgTransaction::Begin(conn, PgTransaction::Mode::kWrite);
  if (!txn) return txn.error();
  // Fails when search_path names no existing schema: nothing to create in.
  Result<PgResult> schema = conn.Exec("SELECT current_schema()");
  if (!schema) return schema.error();
  if (schema->Text(0, 0).empty()) {
    return Status::InvalidArgument(
               "the connection's search_path names no existing schema to keep the store in")
        .InFile(conn.server());
  }
  if (Result<PgResult> locked = conn.Exec(kLockSchema); !locked) return locked.error();
  Result<PgResult> created = conn.Exec(
      "CREATE TABLE IF NOT EXISTS interdict_schema ("
      " component TEXT PRIMARY KEY, version BIGINT NOT NULL, updated_at TEXT NOT NULL)");
  if (!created) return created.error();
  Result<std::int64_t> version = RecordedVersion(conn, component.name);
  if (!version) return version.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(CheckVersion(conn, component, *version));
  if (*version == component.version) return txn->Commit();
  if (*version == 0) {
    Result<bool> foreign = HasForeignTables(conn, component);
    if (!foreign) return foreign.error();
    if (*foreign) {
      return Status::InvalidArgument("schema " + std::string(schema->Text(0, 0)) +
                                     " holds tables named like the Interdict " +
                                     std::string(component.name) +
                                     "'s but is not an Interdict store; refusing to modify it")
          .InFile(conn.server());
    }
  }
  for (std::int64_t v = *version; v < component.version; ++v) {
    Result<PgResult> migrated = conn.Exec(component.migrations[v]);
    if (!migrated) {
      return std::move(migrated.error())
          .Prepend("migrating the " + std::string(component.name) + " to schema version " +
                   std::to_string(v + 1));
    }
  }
  Result<PgResult> stamped = conn.Query(
      "INSERT INTO interdict_schema (component, version, updated_at) VALUES ($1, $2, now()::text)"
      " ON CONFLICT (component) DO UPDATE SET version = excluded.version,"
      " updated_at = excluded.updated_at",
      PgParams().Add(component.name).Add(component.version));
  if (!stamped) return stamped.error();
  return txn->Commit();
}

Status PreparePgStoreSchema(PgConnection& conn) {
  return PreparePgComponent(conn, PgComponent{"store", kStoreMigrations, kPgSchemaVersion,
                                              kStoreTables, std::size(kStoreTables)});
}

}  // namespace interdict::store
