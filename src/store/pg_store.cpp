#include "store/pg_store.h"

#include <utility>

#include "store/pg_schema.h"

namespace interdict {
namespace store {
namespace {

// Every statement that returns versions selects these columns, in this
// order, from `versions v`; ReadVersion() decodes them.
#define INTERDICT_PG_VERSION_COLUMNS                                                 \
  "v.id, v.list, v.number, v.format, v.sha256, v.source, v.published, v.loaded_at, " \
  "v.entities, v.names, v.relations, v.added, v.removed, v.changed"

// True for the rows of `versions v` that are their list's newest version.
#define INTERDICT_PG_IS_CURRENT \
  "v.number = (SELECT max(c.number) FROM versions c WHERE c.list = v.list)"

constexpr PgStatement kCurrent{"interdict_current", "SELECT " INTERDICT_PG_VERSION_COLUMNS
                                                    " FROM versions v WHERE v.list = $1"
                                                    " ORDER BY v.number DESC LIMIT 1"};
constexpr PgStatement kByNumber{"interdict_by_number",
                                "SELECT " INTERDICT_PG_VERSION_COLUMNS
                                " FROM versions v WHERE v.list = $1 AND v.number = $2"};
constexpr PgStatement kById{
    "interdict_by_id", "SELECT " INTERDICT_PG_VERSION_COLUMNS " FROM versions v WHERE v.id = $1"};
constexpr PgStatement kVersions{"interdict_versions",
                                "SELECT " INTERDICT_PG_VERSION_COLUMNS
                                " FROM versions v WHERE v.list = $1 ORDER BY v.number"};
constexpr PgStatement kEntityVersions{
    "interdict_entity_versions", "SELECT " INTERDICT_PG_VERSION_COLUMNS
                                 " FROM version_entities ve JOIN versions v ON v.id = ve.version_id"
                                 " WHERE ve.entity_id = $1 ORDER BY v.id"};
constexpr PgStatement kLists{"interdict_lists", "SELECT DISTINCT list FROM versions ORDER BY list"};
constexpr PgStatement kMembership{
    "interdict_membership",
    "SELECT entity_id, blob_hash, name FROM version_entities WHERE version_id = $1"};
constexpr PgStatement kBlob{"interdict_blob", "SELECT json FROM entity_blobs WHERE hash = $1"};
constexpr PgStatement kEntityIn{"interdict_entity_in",
                                "SELECT ve.blob_hash, b.json FROM version_entities ve"
                                " JOIN entity_blobs b ON b.hash = ve.blob_hash"
                                " WHERE ve.entity_id = $1 AND ve.version_id = $2"};
constexpr PgStatement kEntityCurrent{"interdict_entity_current",
                                     "SELECT ve.blob_hash, b.json FROM version_entities ve"
                                     " JOIN versions v ON v.id = ve.version_id"
                                     " JOIN entity_blobs b ON b.hash = ve.blob_hash"
                                     " WHERE ve.entity_id = $1 AND " INTERDICT_PG_IS_CURRENT
                                     " ORDER BY v.id DESC LIMIT 1"};

// Rows fetched from a cursor at a time: large enough to amortise the round
// trip, small enough that a pass over a big list stays in a few MB.
constexpr int kFetchRows = 500;

ListVersion ReadVersion(const PgResult& rows, int row) {
  ListVersion v;
  v.id = rows.Int(row, 0);
  v.list = rows.Text(row, 1);
  v.number = rows.Int(row, 2);
  v.format = rows.Text(row, 3);
  v.sha256 = rows.Text(row, 4);
  v.source = rows.Text(row, 5);
  v.published = rows.Text(row, 6);
  v.loaded_at = rows.Text(row, 7);
  v.entities = rows.Int(row, 8);
  v.names = rows.Int(row, 9);
  v.relations = rows.Int(row, 10);
  v.added = rows.Int(row, 11);
  v.removed = rows.Int(row, 12);
  v.changed = rows.Int(row, 13);
  return v;
}

Result<std::optional<ListVersion>> FirstVersion(Result<std::vector<ListVersion>> versions) {
  if (!versions) return Err(versions.error());
  if (versions->empty()) return std::optional<ListVersion>();
  return std::optional<ListVersion>(std::move(versions->front()));
}

}  // namespace

// ---- helpers (mu_ held) ------------------------------------------------------

Result<std::vector<ListVersion>> PostgresStore::QueryVersions(const PgStatement& statement,
                                                              const PgParams& params) {
  Result<PgResult> rows = conn_.Run(statement, params);
  if (!rows) return Err(rows.error());
  std::vector<ListVersion> versions;
  versions.reserve(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) versions.push_back(ReadVersion(*rows, i));
  return versions;
}

Result<std::optional<ListVersion>> PostgresStore::FindCurrent(std::string_view list) {
  return FirstVersion(QueryVersions(kCurrent, PgParams().Add(list)));
}

Result<std::optional<ListVersion>> PostgresStore::FindByNumber(std::string_view list,
                                                               std::int64_t number) {
  return FirstVersion(QueryVersions(kByNumber, PgParams().Add(list).Add(number)));
}

Result<std::optional<ListVersion>> PostgresStore::FindById(std::int64_t version_id) {
  return FirstVersion(QueryVersions(kById, PgParams().Add(version_id)));
}

Result<Membership> PostgresStore::LoadMembership(std::int64_t version_id) {
  Result<PgResult> rows = conn_.Run(kMembership, PgParams().Add(version_id));
  if (!rows) return Err(rows.error());
  Membership members;
  for (int i = 0; i < rows->rows(); ++i) {
    members.emplace(std::string(rows->Text(i, 0)),
                    Member{std::string(rows->Text(i, 1)), std::string(rows->Text(i, 2))});
  }
  return members;
}

Result<nlohmann::json> PostgresStore::LoadBlobJson(std::string_view hash,
                                                   std::string_view entity_id) {
  Result<PgResult> row = conn_.Run(kBlob, PgParams().Add(hash));
  if (!row) return Err(row.error());
  if (row->rows() == 0) {
    return Err(CorruptBlob(entity_id, hash, "the blob is missing").InFile(conn_.server()));
  }
  Result<nlohmann::json> parsed = ParseBlobJson(row->Text(0, 0), entity_id, hash);
  if (!parsed) return Err(std::move(parsed.error()).InFile(conn_.server()));
  return parsed;
}

Status PostgresStore::StreamEntities(std::string_view select, std::int64_t version_id,
                                     const std::function<Status(const Entity&)>& visit) {
  Result<PgTransaction> txn = PgTransaction::Begin(conn_, PgTransaction::Mode::kSnapshot);
  if (!txn) return txn.error();
  // A callback may start another pass: each open cursor needs its own name.
  const std::string cursor = "interdict_entities_" + std::to_string(conn_.transaction_depth);
  std::string sql = "DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(select);
  Result<PgResult> declared =
      version_id != 0 ? conn_.Query(sql.c_str(), PgParams().Add(version_id)) : conn_.Exec(sql);
  if (!declared) return declared.error();
  Status streamed = FetchAll(cursor, visit);
  // Closed even after a failure: a joined transaction outlives this pass.
  Result<PgResult> closed = conn_.Exec("CLOSE " + cursor);
  if (!streamed.ok()) return streamed;
  if (!closed) return closed.error();
  return txn->Commit();
}

Status PostgresStore::FetchAll(const std::string& cursor,
                               const std::function<Status(const Entity&)>& visit) {
  const std::string fetch = "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + cursor;
  for (;;) {
    Result<PgResult> rows = conn_.Exec(fetch);
    if (!rows) return rows.error();
    for (int i = 0; i < rows->rows(); ++i) {
      Result<Entity> entity = DecodeBlob(rows->Text(i, 2), rows->Text(i, 0), rows->Text(i, 1));
      if (!entity) return std::move(entity.error()).InFile(conn_.server());
      Status s = visit(*entity);
      if (!s.ok()) return s;
    }
    if (rows->rows() < kFetchRows) return Status::Ok();
  }
}

Status PostgresStore::NoSuchList(std::string_view list) const {
  return Status::NotFound("no list named \"" + std::string(list) + "\" in the store")
      .InFile(conn_.server());
}

Status PostgresStore::NoSuchVersionId(std::int64_t version_id) const {
  return Status::NotFound("no version with id " + std::to_string(version_id))
      .InFile(conn_.server());
}

// ---- queries -----------------------------------------------------------------

Result<std::vector<std::string>> PostgresStore::Lists() {
  std::lock_guard lock(mu_);
  Result<PgResult> rows = conn_.Run(kLists, PgParams());
  if (!rows) return Err(rows.error());
  std::vector<std::string> lists;
  for (int i = 0; i < rows->rows(); ++i) lists.emplace_back(rows->Text(i, 0));
  return lists;
}

Result<std::vector<ListVersion>> PostgresStore::Versions(std::string_view list) {
  std::lock_guard lock(mu_);
  Result<std::vector<ListVersion>> versions = QueryVersions(kVersions, PgParams().Add(list));
  if (versions && versions->empty()) return Err(NoSuchList(list));
  return versions;
}

Result<ListVersion> PostgresStore::CurrentVersion(std::string_view list) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> current = FindCurrent(list);
  if (!current) return Err(current.error());
  if (!*current) return Err(NoSuchList(list));
  return **current;
}

Result<ListVersion> PostgresStore::Version(std::int64_t version_id) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> version = FindById(version_id);
  if (!version) return Err(version.error());
  if (!*version) return Err(NoSuchVersionId(version_id));
  return **version;
}

Result<Entity> PostgresStore::GetEntity(std::string_view id, std::int64_t version_id) {
  std::lock_guard lock(mu_);
  // As in the SQLite store: with version 0, the id is looked up across every
  // list's current version, the most recently loaded winning.
  Result<PgResult> row = version_id != 0 ? conn_.Run(kEntityIn, PgParams().Add(id).Add(version_id))
                                         : conn_.Run(kEntityCurrent, PgParams().Add(id));
  if (!row) return Err(row.error());
  if (row->rows() > 0) {
    Result<Entity> entity = DecodeBlob(row->Text(0, 1), id, row->Text(0, 0));
    if (!entity) return Err(std::move(entity.error()).InFile(conn_.server()));
    return entity;
  }
  std::string where = "the current version of any list";
  if (version_id != 0) {
    Result<std::optional<ListVersion>> version = FindById(version_id);
    if (!version) return Err(version.error());
    if (!*version) return Err(NoSuchVersionId(version_id));
    where = "version " + std::to_string((*version)->number) + " of " + (*version)->list;
  }
  return Err(Status::NotFound("no entity " + std::string(id) + " in " + where)
                 .InFile(conn_.server())
                 .AtElement(std::string(id)));
}

Result<std::vector<ListVersion>> PostgresStore::EntityVersions(std::string_view id) {
  std::lock_guard lock(mu_);
  Result<std::vector<ListVersion>> versions = QueryVersions(kEntityVersions, PgParams().Add(id));
  if (versions && versions->empty()) {
    return Err(Status::NotFound("no entity " + std::string(id) + " in any version")
                   .InFile(conn_.server())
                   .AtElement(std::string(id)));
  }
  return versions;
}

Status PostgresStore::ForEachEntity(std::int64_t version_id,
                                    const std::function<Status(const Entity&)>& visit) {
  std::lock_guard lock(mu_);
  Result<std::optional<ListVersion>> version = FindById(version_id);
  if (!version) return version.error();
  if (!*version) return NoSuchVersionId(version_id);
  return StreamEntities(
      "SELECT ve.entity_id, ve.blob_hash, b.json FROM version_entities ve"
      " JOIN entity_blobs b ON b.hash = ve.blob_hash"
      " WHERE ve.version_id = $1 ORDER BY ve.entity_id",
      version_id, visit);
}

Status PostgresStore::ForEachCurrentEntity(const std::function<Status(const Entity&)>& visit) {
  std::lock_guard lock(mu_);
  return StreamEntities(
      "SELECT ve.entity_id, ve.blob_hash, b.json FROM versions v"
      " JOIN version_entities ve ON ve.version_id = v.id"
      " JOIN entity_blobs b ON b.hash = ve.blob_hash"
      " WHERE " INTERDICT_PG_IS_CURRENT " ORDER BY v.list, ve.entity_id",
      0, visit);
}

}  // namespace store

// ---- public entry point ------------------------------------------------------

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& conninfo) {
  if (conninfo.empty()) return Err(Status::InvalidArgument("the PostgreSQL conninfo is empty"));
  Result<store::PgConnection> conn = store::PgConnection::Connect(conninfo);
  if (!conn) return Err(conn.error());
  if (Status s = store::PreparePgStoreSchema(*conn); !s.ok()) return Err(std::move(s));
  return std::unique_ptr<Store>(std::make_unique<store::PostgresStore>(std::move(*conn)));
}

}  // namespace interdict
