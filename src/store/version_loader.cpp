// Store::AddVersion: writes one list version in one transaction.
//
// The expensive, lock-free part comes first: every entity is serialised to
// canonical JSON and hashed. Then, under the store's mutex and SQLite's write
// lock, the new membership is built (from scratch, or on top of the current
// version for delta data), blobs not yet stored are inserted, and the version
// row is written with its totals. Any failure returns before COMMIT and the
// Transaction guard rolls everything back.
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite_store.h"
#include "store/version_common.h"

namespace interdict::store {
namespace {

// The version row goes first so that the rows below can reference it; its
// totals are filled in by WriteTotals() once the membership is written.
Result<std::int64_t> InsertVersionRow(Database& db, const ListData& data, std::string_view source,
                                      std::string_view identity, std::int64_t number) {
  Result<Statement> insert = db.Prepare(
      "INSERT INTO versions (list, number, format, sha256, source, published, loaded_at,"
      " entities, names, relations, added, removed, changed)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 0, 0, 0, 0) RETURNING id");
  if (!insert) return Err(insert.error());
  insert->Bind(1, data.list)
      .Bind(2, number)
      .Bind(3, FormatName(data.format))
      .Bind(4, identity)
      .Bind(5, source)
      .Bind(6, data.published)
      .Bind(7, UtcNow());
  Result<bool> row = insert->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::Internal("INSERT ... RETURNING returned no row"));
  return insert->Int(0);
}

// Stores the blobs not stored yet. In hash order, so that new blobs append
// to the index's B-tree pages rather than landing on random ones.
Status InsertBlobs(Database& db, const std::vector<PreparedEntity>& entities) {
  Result<Statement> insert = db.Prepare(
      "INSERT INTO entity_blobs (hash, json, names, relations) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (hash) DO NOTHING");
  if (!insert) return insert.error();
  for (const PreparedEntity* e : InHashOrder(entities)) {
    insert->Bind(1, e->hash)
        .Bind(2, e->json)
        .Bind(3, static_cast<std::int64_t>(e->entity->names.size()))
        .Bind(4, static_cast<std::int64_t>(e->entity->relations.size()));
    if (Status s = insert->Run(); !s.ok()) return std::move(s).AtElement(e->entity->id);
  }
  return Status::Ok();
}

Status InsertMembership(Database& db, std::int64_t version_id, const Membership& members) {
  Result<Statement> insert = db.Prepare(
      "INSERT INTO version_entities (version_id, entity_id, blob_hash, name)"
      " VALUES (?1, ?2, ?3, ?4)");
  if (!insert) return insert.error();
  for (const auto& [id, member] : members) {
    insert->Bind(1, version_id).Bind(2, id).Bind(3, member.blob_hash).Bind(4, member.name);
    if (Status s = insert->Run(); !s.ok()) return std::move(s).AtElement(id);
  }
  return Status::Ok();
}

Status WriteTotals(Database& db, std::int64_t version_id, const ChangeCounts& changes) {
  Result<Statement> update = db.Prepare(
      "UPDATE versions SET"
      " (entities, names, relations) = (SELECT count(*), coalesce(sum(b.names), 0),"
      "   coalesce(sum(b.relations), 0) FROM version_entities ve"
      "   JOIN entity_blobs b ON b.hash = ve.blob_hash WHERE ve.version_id = ?1),"
      " added = ?2, removed = ?3, changed = ?4"
      " WHERE id = ?1");
  if (!update) return update.error();
  update->Bind(1, version_id)
      .Bind(2, changes.added)
      .Bind(3, changes.removed)
      .Bind(4, changes.changed);
  return update->Run();
}

}  // namespace

Result<LoadOutcome> SqliteStore::AddVersion(const ListData& data, std::string_view source) {
  auto fail = [&](Status s) { return Err(std::move(s.Prepend("storing " + data.list))); };
  if (Status s = CheckIds(data); !s.ok()) return fail(std::move(s));
  // Re-loading an unchanged download is the common case of a scheduled
  // update: when the source files identify the data, answer it before paying
  // for serialisation. (Checked again under the write lock below.)
  if (!data.files.empty()) {
    std::lock_guard lock(mu_);
    Result<std::optional<ListVersion>> current = FindCurrent(data.list);
    if (!current) return fail(current.error());
    if (*current && (*current)->sha256 == data.ContentHash()) return LoadOutcome{**current, false};
  }
  std::vector<PreparedEntity> entities = PrepareEntities(data.entities);
  std::string identity = IdentityOf(data, entities);

  std::lock_guard lock(mu_);
  Result<Transaction> txn = Transaction::Begin(db_, Transaction::Mode::kWrite);
  if (!txn) return fail(txn.error());
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
  Result<std::int64_t> version_id = InsertVersionRow(db_, data, source, identity, number);
  if (!version_id) return fail(version_id.error());
  if (Status s = InsertBlobs(db_, entities); !s.ok()) return fail(std::move(s));
  Result<Membership> next = NextMembership(data, entities, previous);
  if (!next) return fail(next.error());
  if (Status s = InsertMembership(db_, *version_id, *next); !s.ok()) return fail(std::move(s));
  Status totals = WriteTotals(db_, *version_id, CountChanges(previous, *next));
  if (!totals.ok()) return fail(std::move(totals));

  Result<std::optional<ListVersion>> stored = FindById(*version_id);
  if (!stored) return fail(stored.error());
  if (!*stored) return fail(Status::Internal("the new version vanished before commit"));
  if (Status s = txn->Commit(); !s.ok()) return fail(std::move(s));
  return LoadOutcome{**stored, true};
}

}  // namespace interdict::store
