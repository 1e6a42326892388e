// PostgresStore::AddVersion and ::Diff. The steps match the SQLite store's
// (version_loader.cpp, store_diff.cpp) and share their backend-independent
// parts; what is PostgreSQL's own is the locking (an advisory lock per list
// serialises writers across processes) and the bulk transfer (COPY).
#include <string>
#include <utility>
#include <vector>

#include "store/pg_store.h"

namespace interdict::store {
namespace {

// Taken by AddVersion for the length of its transaction: writers of one list
// (in this store's schema) queue here, so reading the current version and
// writing the next number cannot interleave. The key is a 64-bit hash;
// another list colliding with it only costs some waiting.
constexpr PgStatement kLockList{"interdict_lock_list",
                                "SELECT pg_advisory_xact_lock(hashtextextended("
                                "'interdict.list:' || current_schema() || ':' || $1, 0))"};
constexpr PgStatement kInsertVersion{
    "interdict_insert_version",
    "INSERT INTO versions (list, number, format, sha256, source, published, loaded_at,"
    " entities, names, relations, added, removed, changed)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, 0, 0, 0, 0) RETURNING id"};
constexpr PgStatement kWriteTotals{
    "interdict_write_totals",
    "UPDATE versions SET"
    " (entities, names, relations) = (SELECT count(*), coalesce(sum(b.names), 0),"
    "   coalesce(sum(b.relations), 0) FROM version_entities ve"
    "   JOIN entity_blobs b ON b.hash = ve.blob_hash WHERE ve.version_id = $1),"
    " added = $2, removed = $3, changed = $4"
    " WHERE id = $1"};

// Blobs arrive in a temporary table first so that the insert can skip the
// ones already stored (ON CONFLICT), which COPY into entity_blobs cannot.
constexpr const char* kCreateIncoming =
    "CREATE TEMP TABLE IF NOT EXISTS interdict_incoming_blobs ("
    " hash TEXT COLLATE \"C\", names BIGINT, relations BIGINT, json TEXT)"
    " ON COMMIT DELETE ROWS";
constexpr const char* kCopyIncoming =
    "COPY interdict_incoming_blobs (hash, names, relations, json) FROM STDIN";
constexpr const char* kMergeIncoming =
    "INSERT INTO entity_blobs (hash, names, relations, json)"
    " SELECT hash, names, relations, json FROM interdict_incoming_blobs ORDER BY hash"
    " ON CONFLICT (hash) DO NOTHING";
constexpr const char* kCopyMembership =
    "COPY version_entities (version_id, entity_id, blob_hash, name) FROM STDIN";

}  // namespace

Result<std::int64_t> PostgresStore::InsertVersionRow(const ListData& data, std::string_view source,
                                                     std::string_view identity,
                                                     std::int64_t number) {
  Result<PgResult> row = conn_.Run(kInsertVersion, PgParams()
                                                       .Add(data.list)
                                                       .Add(number)
                                                       .Add(FormatName(data.format))
                                                       .Add(identity)
                                                       .Add(source)
                                                       .Add(data.published)
                                                       .Add(UtcNow()));
  if (!row) return Err(row.error());
  if (row->rows() != 1) return Err(Status::Internal("INSERT ... RETURNING returned no row"));
  return row->Int(0, 0);
}

Status PostgresStore::InsertBlobs(const std::vector<PreparedEntity>& entities) {
  if (entities.empty()) return Status::Ok();
  std::string rows;
  for (const PreparedEntity* e : InHashOrder(entities)) {
    rows += e->hash;
    rows += '\t';
    rows += std::to_string(e->entity->names.size());
    rows += '\t';
    rows += std::to_string(e->entity->relations.size());
    rows += '\t';
    CopyField(rows, e->json);
    rows += '\n';
  }
  if (Result<PgResult> r = conn_.Exec(kCreateIncoming); !r) return r.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(conn_.CopyIn(kCopyIncoming, rows));
  Result<PgResult> merged = conn_.Exec(kMergeIncoming);
  return merged ? Status::Ok() : merged.error();
}

Status PostgresStore::InsertMembership(std::int64_t version_id, const Membership& members) {
  if (members.empty()) return Status::Ok();
  const std::string version = std::to_string(version_id) + "\t";
  std::string rows;
  for (const auto& [id, member] : members) {
    rows += version;
    CopyField(rows, id);
    rows += '\t';
    rows += member.blob_hash;
    rows += '\t';
    CopyField(rows, member.name);
    rows += '\n';
  }
  return conn_.CopyIn(kCopyMembership, rows);
}

Status PostgresStore::WriteTotals(std::int64_t version_id, const ChangeCounts& changes) {
  Result<PgResult> updated = conn_.Run(
      kWriteTotals,
      PgParams().Add(version_id).Add(changes.added).Add(changes.removed).Add(changes.changed));
  return updated ? Status::Ok() : updated.error();
}

Result<LoadOutcome> PostgresStore::AddVersion(const ListData& data, std::string_view source) {
  auto fail = [&](Status s) { return Err(std::move(s.Prepend("storing " + data.list))); };
  if (Status s = CheckIds(data); !s.ok()) return fail(std::move(s));
  // An unchanged download is answered before paying for serialisation
  // (and checked again under the lock below).
  if (!data.files.empty()) {
    std::lock_guard lock(mu_);
    Result<std::optional<ListVersion>> current = FindCurrent(data.list);
    if (!current) return fail(current.error());
    if (*current && (*current)->sha256 == data.ContentHash()) return LoadOutcome{**current, false};
  }
  std::vector<PreparedEntity> entities = PrepareEntities(data.entities);
  std::string identity = IdentityOf(data, entities);

  std::lock_guard lock(mu_);
  Result<PgTransaction> txn = PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite);
  if (!txn) return fail(txn.error());
  if (Result<PgResult> locked = conn_.Run(kLockList, PgParams().Add(data.list)); !locked) {
    return fail(locked.error());
  }
  // READ COMMITTED: read after taking the lock, this sees the version the
  // previous holder committed.
  Result<std::optional<ListVersion>> current = FindCurrent(data.list);
  if (!current) return fail(current.error());
  if (*current && (*current)->sha256 == identity) return LoadOutcome{**current, false};

  Membership previous;
  if (*current) {
    Result<Membership> loaded = LoadMembership((*current)->id);
    if (!loaded) return fail(loaded.error());
    previous = std::move(*loaded);
  }

  const std::int64_t number = *current ? (*current)->number + 1 : 1;
  Result<std::int64_t> version_id = InsertVersionRow(data, source, identity, number);
  if (!version_id) return fail(version_id.error());
  if (Status s = InsertBlobs(entities); !s.ok()) return fail(std::move(s));
  Result<Membership> next = NextMembership(data, entities, previous);
  if (!next) return fail(next.error());
  if (Status s = InsertMembership(*version_id, *next); !s.ok()) return fail(std::move(s));
  if (Status s = WriteTotals(*version_id, CountChanges(previous, *next)); !s.ok()) {
    return fail(std::move(s));
  }
  Result<std::optional<ListVersion>> stored = FindById(*version_id);
  if (!stored) return fail(stored.error());
  if (!*stored) return fail(Status::Internal("the new version vanished before commit"));
  if (Status s = txn->Commit(); !s.ok()) return fail(std::move(s));
  return LoadOutcome{**stored, true};
}

Result<ListDiff> PostgresStore::Diff(std::string_view list, std::int64_t from_number,
                                     std::int64_t to_number) {
  std::lock_guard lock(mu_);
  // Every read below sees the same snapshot, even while another process loads.
  Result<PgTransaction> txn = PgTransaction::Begin(conn_, PgTransaction::Mode::kSnapshot);
  if (!txn) return Err(txn.error());
  VersionFinder finder{
      [this](std::string_view l) { return FindCurrent(l); },
      [this](std::string_view l, std::int64_t number) { return FindByNumber(l, number); },
      conn_.server()};
  Result<ListDiff> diff = ResolveDiffEnds(finder, list, from_number, to_number);
  if (!diff) return diff;

  Membership before;
  if (diff->from.id != 0) {
    Result<Membership> loaded = LoadMembership(diff->from.id);
    if (!loaded) return Err(loaded.error());
    before = std::move(*loaded);
  }
  Result<Membership> after = LoadMembership(diff->to.id);
  if (!after) return Err(after.error());
  BlobLoader load_blob = [this](std::string_view hash, std::string_view entity_id) {
    return LoadBlobJson(hash, entity_id);
  };
  if (Status s = CompareMemberships(before, *after, load_blob, diff->changes); !s.ok()) {
    return Err(s);
  }
  if (Status s = txn->Commit(); !s.ok()) return Err(std::move(s));
  return diff;
}

}  // namespace interdict::store
