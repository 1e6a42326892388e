// Store::AddVersion: writes one list version in one transaction.
//
// The expensive, lock-free part comes first: every entity is serialised to
// canonical JSON and hashed. Then, under the store's mutex and SQLite's write
// lock, the new membership is built (from scratch, or on top of the current
// version for delta data), blobs not yet stored are inserted, and the version
// row is written with its totals. Any failure returns before COMMIT and the
// Transaction guard rolls everything back.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "interdict/json.h"
#include "sources/io.h"
#include "store/sqlite_store.h"

namespace interdict::store {
namespace {

// An entity ready to store: its canonical JSON and the JSON's SHA-256.
struct PreparedEntity {
  const Entity* entity = nullptr;
  std::string json;
  std::string hash;
};

std::vector<PreparedEntity> PrepareEntities(const std::vector<Entity>& entities) {
  std::vector<PreparedEntity> prepared;
  prepared.reserve(entities.size());
  for (const Entity& e : entities) {
    PreparedEntity p{&e, EntityToJson(e), {}};
    p.hash = sources::Sha256Hex(p.json);
    prepared.push_back(std::move(p));
  }
  return prepared;
}

// The identity that decides whether `data` repeats the current version: the
// hash of its source files, or, for data built in memory without files, a
// hash of its content.
std::string IdentityOf(const ListData& data, const std::vector<PreparedEntity>& entities) {
  if (!data.files.empty()) return data.ContentHash();
  std::string content = data.is_delta ? "delta\n" : "full\n";
  for (const PreparedEntity& e : entities) content += e.hash + "\n";
  for (const std::string& id : data.deleted_ids) content += "-" + id + "\n";
  return sources::Sha256Hex(content);
}

std::string UtcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Status CheckIds(const ListData& data) {
  if (data.list.empty()) return Status::InvalidArgument("the list has no name");
  for (std::size_t i = 0; i < data.entities.size(); ++i) {
    if (data.entities[i].id.empty()) {
      return Status::InvalidArgument("entity #" + std::to_string(i + 1) + " has no id")
          .AtElement("entities/" + std::to_string(i));
    }
  }
  return Status::Ok();
}

// Applies `data` to `previous` (ignored unless data is delta). Duplicate ids,
// and for deltas an id both upserted and deleted, are refused: their meaning
// depends on an order ListData does not record.
Result<Membership> NextMembership(const ListData& data, const std::vector<PreparedEntity>& entities,
                                  const Membership& previous) {
  Membership next;
  std::set<std::string_view> upserted;
  if (data.is_delta) next = previous;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const Entity& e = *entities[i].entity;
    if (!upserted.insert(e.id).second) {
      return Err(Status::InvalidArgument("duplicate entity id " + e.id + " (entity #" +
                                         std::to_string(i + 1) + ")")
                     .AtElement(e.id));
    }
    next.insert_or_assign(e.id, Member{entities[i].hash, e.PrimaryName()});
  }
  if (!data.is_delta) return next;
  for (const std::string& id : data.deleted_ids) {
    if (upserted.count(id) != 0) {
      return Err(
          Status::InvalidArgument("delta both updates and deletes entity " + id).AtElement(id));
    }
    next.erase(id);  // deleting an id the list does not hold is a no-op
  }
  return next;
}

struct ChangeCounts {
  std::int64_t added = 0, removed = 0, changed = 0;
};

ChangeCounts CountChanges(const Membership& before, const Membership& after) {
  ChangeCounts c;
  for (const auto& [id, member] : after) {
    auto it = before.find(id);
    if (it == before.end()) {
      ++c.added;
    } else if (it->second.blob_hash != member.blob_hash) {
      ++c.changed;
    }
  }
  for (const auto& entry : before) c.removed += after.count(entry.first) == 0 ? 1 : 0;
  return c;
}

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
  std::vector<const PreparedEntity*> by_hash;
  by_hash.reserve(entities.size());
  for (const PreparedEntity& e : entities) by_hash.push_back(&e);
  std::sort(by_hash.begin(), by_hash.end(),
            [](const PreparedEntity* a, const PreparedEntity* b) { return a->hash < b->hash; });
  for (const PreparedEntity* e : by_hash) {
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
