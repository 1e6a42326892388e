#include "store/sqlite_store.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <utility>

#include "model/entity_json.h"
#include "store/schema.h"

namespace interdict {
namespace store {
namespace {

// Every query that returns versions selects these columns, in this order, from
// `versions v`; ReadVersion() decodes them.
#define INTERDICT_VERSION_COLUMNS                                                    \
  "v.id, v.list, v.number, v.format, v.sha256, v.source, v.published, v.loaded_at, " \
  "v.entities, v.names, v.relations, v.added, v.removed, v.changed"

// True for the rows of `versions v` that are their list's newest version.
#define INTERDICT_IS_CURRENT \
  "v.number = (SELECT max(c.number) FROM versions c WHERE c.list = v.list)"

ListVersion ReadVersion(const Statement& row) {
  ListVersion v;
  v.id = row.Int(0);
  v.list = row.Text(1);
  v.number = row.Int(2);
  v.format = row.Text(3);
  v.sha256 = row.Text(4);
  v.source = row.Text(5);
  v.published = row.Text(6);
  v.loaded_at = row.Text(7);
  v.entities = row.Int(8);
  v.names = row.Int(9);
  v.relations = row.Int(10);
  v.added = row.Int(11);
  v.removed = row.Int(12);
  v.changed = row.Int(13);
  return v;
}

// Runs a prepared version query and returns the first row, if any.
Result<std::optional<ListVersion>> FirstVersion(Statement& stmt) {
  Result<bool> row = stmt.Step();
  if (!row) return Err(row.error());
  if (!*row) return std::optional<ListVersion>();
  return std::optional<ListVersion>(ReadVersion(stmt));
}

}  // namespace

// ---- helpers (mu_ held) ------------------------------------------------------

Result<std::optional<ListVersion>> SqliteStore::FindCurrent(std::string_view list) {
  Result<Statement> stmt = db_.Prepare("SELECT " INTERDICT_VERSION_COLUMNS
                                       " FROM versions v WHERE v.list = ?1"
                                       " ORDER BY v.number DESC LIMIT 1");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, list);
  return FirstVersion(*stmt);
}

Result<std::optional<ListVersion>> SqliteStore::FindByNumber(std::string_view list,
                                                             std::int64_t number) {
  Result<Statement> stmt = db_.Prepare("SELECT " INTERDICT_VERSION_COLUMNS
                                       " FROM versions v WHERE v.list = ?1 AND v.number = ?2");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, list).Bind(2, number);
  return FirstVersion(*stmt);
}

Result<std::optional<ListVersion>> SqliteStore::FindById(std::int64_t version_id) {
  Result<Statement> stmt =
      db_.Prepare("SELECT " INTERDICT_VERSION_COLUMNS " FROM versions v WHERE v.id = ?1");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, version_id);
  return FirstVersion(*stmt);
}

Result<std::vector<ListVersion>> SqliteStore::QueryVersions(std::string_view sql,
                                                            std::string_view arg) {
  Result<Statement> stmt = db_.Prepare(sql);
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, arg);
  std::vector<ListVersion> versions;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row) return Err(row.error());
    if (!*row) return versions;
    versions.push_back(ReadVersion(*stmt));
  }
}

Result<Membership> SqliteStore::LoadMembership(std::int64_t version_id) {
  Result<Statement> stmt =
      db_.Prepare("SELECT entity_id, blob_hash, name FROM version_entities WHERE version_id = ?1");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, version_id);
  Membership members;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row) return Err(row.error());
    if (!*row) return members;
    members.emplace_hint(members.end(), std::string(stmt->Text(0)),
                         Member{std::string(stmt->Text(1)), std::string(stmt->Text(2))});
  }
}

Result<nlohmann::json> SqliteStore::LoadBlobJson(std::string_view hash,
                                                 std::string_view entity_id) {
  Result<Statement> stmt = db_.Prepare("SELECT json FROM entity_blobs WHERE hash = ?1");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, hash);
  Result<bool> row = stmt->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(CorruptBlob(entity_id, hash, "the blob is missing").InFile(db_.path()));
  Result<nlohmann::json> parsed = ParseBlobJson(stmt->Text(0), entity_id, hash);
  if (!parsed) return Err(std::move(parsed.error()).InFile(db_.path()));
  return parsed;
}

Status SqliteStore::NoSuchList(std::string_view list) const {
  return Status::NotFound("no list named \"" + std::string(list) + "\" in the store")
      .InFile(db_.path());
}

Status SqliteStore::NoSuchVersionId(std::int64_t version_id) const {
  return Status::NotFound("no version with id " + std::to_string(version_id)).InFile(db_.path());
}

Status SqliteStore::StreamEntities(std::string_view sql, std::int64_t version_id,
                                   const std::function<Status(const Entity&)>& visit) {
  Result<Statement> stmt = db_.Prepare(sql);
  if (!stmt) return stmt.error();
  if (version_id != 0) stmt->Bind(1, version_id);
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row) return row.error();
    if (!*row) return Status::Ok();
    Result<Entity> entity = DecodeBlob(stmt->Text(2), stmt->Text(0), stmt->Text(1));
    if (!entity) return std::move(entity.error()).InFile(db_.path());
    Status s = visit(*entity);
    if (!s.ok()) return s;
  }
}

// ---- queries ---------------------------------------------------------------

Result<std::vector<std::string>> SqliteStore::Lists() {
  std::lock_guard lock(mu_);
  Result<Statement> stmt = db_.Prepare("SELECT DISTINCT list FROM versions ORDER BY list");
  if (!stmt) return Err(stmt.error());
  std::vector<std::string> lists;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row) return Err(row.error());
    if (!*row) return lists;
    lists.emplace_back(stmt->Text(0));
  }
}

Result<std::vector<ListVersion>> SqliteStore::Versions(std::string_view list) {
  std::lock_guard lock(mu_);
  Result<std::vector<ListVersion>> versions = QueryVersions(
      "SELECT " INTERDICT_VERSION_COLUMNS " FROM versions v WHERE v.list = ?1 ORDER BY v.number",
      list);
  if (versions && versions->empty()) {
    return Err(NoSuchList(list));
  }
  return versions;
}

Result<ListVersion> SqliteStore::CurrentVersion(std::string_view list) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> current = FindCurrent(list);
  if (!current) return Err(current.error());
  if (!*current) {
    return Err(NoSuchList(list));
  }
  return **current;
}

Result<ListVersion> SqliteStore::Version(std::int64_t version_id) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> version = FindById(version_id);
  if (!version) return Err(version.error());
  if (!*version) {
    return Err(NoSuchVersionId(version_id));
  }
  return **version;
}

Result<Entity> SqliteStore::GetEntity(std::string_view id, std::int64_t version_id) {
  std::lock_guard lock(mu_);
  // An id's prefix is not always its list (FtM ids are "ftm:<id>" in list
  // "ftm-<dataset>"), so look the id up across every list's current version;
  // if several lists hold it, the most recently loaded wins.
  Result<Statement> stmt =
      version_id != 0
          ? db_.Prepare(
                "SELECT ve.blob_hash, b.json FROM version_entities ve"
                " JOIN entity_blobs b ON b.hash = ve.blob_hash"
                " WHERE ve.entity_id = ?1 AND ve.version_id = ?2")
          : db_.Prepare(
                "SELECT ve.blob_hash, b.json FROM version_entities ve"
                " JOIN versions v ON v.id = ve.version_id"
                " JOIN entity_blobs b ON b.hash = ve.blob_hash"
                " WHERE ve.entity_id = ?1 AND " INTERDICT_IS_CURRENT " ORDER BY v.id DESC LIMIT 1");
  if (!stmt) return Err(stmt.error());
  stmt->Bind(1, id);
  if (version_id != 0) stmt->Bind(2, version_id);
  Result<bool> row = stmt->Step();
  if (!row) return Err(row.error());
  if (*row) {
    Result<Entity> entity = DecodeBlob(stmt->Text(1), id, stmt->Text(0));
    if (!entity) return Err(std::move(entity.error()).InFile(db_.path()));
    return entity;
  }
  std::string where = "the current version of any list";
  if (version_id != 0) {
    Result<std::optional<ListVersion>> version = FindById(version_id);
    if (!version) return Err(version.error());
    if (!*version) {
      return Err(NoSuchVersionId(version_id));
    }
    where = "version " + std::to_string((*version)->number) + " of " + (*version)->list;
  }
  return Err(Status::NotFound("no entity " + std::string(id) + " in " + where)
                 .InFile(db_.path())
                 .AtElement(std::string(id)));
}

Result<std::vector<ListVersion>> SqliteStore::EntityVersions(std::string_view id) {
  std::lock_guard lock(mu_);
  Result<std::vector<ListVersion>> versions =
      QueryVersions("SELECT " INTERDICT_VERSION_COLUMNS
                    " FROM version_entities ve JOIN versions v ON v.id = ve.version_id"
                    " WHERE ve.entity_id = ?1 ORDER BY v.id",
                    id);
  if (versions && versions->empty()) {
    return Err(Status::NotFound("no entity " + std::string(id) + " in any version")
                   .InFile(db_.path())
                   .AtElement(std::string(id)));
  }
  return versions;
}

Status SqliteStore::ForEachEntity(std::int64_t version_id,
                                  const std::function<Status(const Entity&)>& visit) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> version = FindById(version_id);
  if (!version) return version.error();
  if (!*version) {
    return NoSuchVersionId(version_id);
  }
  return StreamEntities(
      "SELECT ve.entity_id, ve.blob_hash, b.json FROM version_entities ve"
      " JOIN entity_blobs b ON b.hash = ve.blob_hash"
      " WHERE ve.version_id = ?1 ORDER BY ve.entity_id",
      version_id, visit);
}

Status SqliteStore::ForEachCurrentEntity(const std::function<Status(const Entity&)>& visit) {
  std::lock_guard lock(mu_);
  // One statement reads one snapshot, so a load committing meanwhile is
  // seen either entirely or not at all.
  return StreamEntities(
      "SELECT ve.entity_id, ve.blob_hash, b.json FROM versions v"
      " JOIN version_entities ve ON ve.version_id = v.id"
      " JOIN entity_blobs b ON b.hash = ve.blob_hash"
      " WHERE " INTERDICT_IS_CURRENT " ORDER BY v.list, ve.entity_id",
      0, visit);
}

}  // namespace store

// ---- public entry points ---------------------------------------------------

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  if (path.empty()) return Err(Status::InvalidArgument("the store path is empty"));
  Result<store::Database> db = store::Database::Open(path);
  if (!db) return Err(db.error());
  Status s = store::PrepareSchema(*db);
  if (!s.ok()) return Err(std::move(s));
  return std::unique_ptr<Store>(std::make_unique<store::SqliteStore>(std::move(*db)));
}

std::string DefaultStorePath() {
  const char* env = std::getenv("INTERDICT_DB");
  if (env != nullptr && *env != '\0') return env;
  return "./interdict.db";
}

}  // namespace interdict
