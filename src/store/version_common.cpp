// See version_common.h.
#include "store/version_common.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <utility>

#include "interdict/json.h"
#include "model/entity_json.h"
#include "sources/io.h"
#include "store/entity_diff.h"

namespace interdict::store {

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

std::vector<const PreparedEntity*> InHashOrder(const std::vector<PreparedEntity>& entities) {
  std::vector<const PreparedEntity*> by_hash;
  by_hash.reserve(entities.size());
  for (const PreparedEntity& e : entities) by_hash.push_back(&e);
  std::sort(by_hash.begin(), by_hash.end(),
            [](const PreparedEntity* a, const PreparedEntity* b) { return a->hash < b->hash; });
  return by_hash;
}

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

// ---- reading blobs -----------------------------------------------------------

Status CorruptBlob(std::string_view entity_id, std::string_view hash, std::string_view what) {
  return Status::Corrupt("entity " + std::string(entity_id) + " (blob " + std::string(hash) +
                         "): " + std::string(what))
      .AtElement(std::string(entity_id));
}

Result<nlohmann::json> ParseBlobJson(std::string_view json, std::string_view entity_id,
                                     std::string_view hash) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded())
    return Err(CorruptBlob(entity_id, hash, "the stored JSON does not parse"));
  return parsed;
}

Result<Entity> DecodeBlob(std::string_view json, std::string_view entity_id,
                          std::string_view hash) {
  Result<nlohmann::json> parsed = ParseBlobJson(json, entity_id, hash);
  if (!parsed) return Err(parsed.error());
  Result<Entity> entity = EntityFromJsonValue(*parsed);
  if (!entity) return Err(CorruptBlob(entity_id, hash, entity.error().ToString()));
  return entity;
}

// ---- diffs -------------------------------------------------------------------

namespace {

Status NoSuchVersion(std::string_view list, std::int64_t number, const ListVersion& current,
                     const std::string& where) {
  return Status::NotFound(std::string(list) + " has no version " + std::to_string(number) +
                          " (it has versions 1 to " + std::to_string(current.number) + ")")
      .InFile(where);
}

}  // namespace

Result<ListDiff> ResolveDiffEnds(const VersionFinder& find, std::string_view list,
                                 std::int64_t from_number, std::int64_t to_number) {
  if (from_number < 0 || to_number < 0) {
    return Err(Status::InvalidArgument("version numbers count from 1 (0 means the default)"));
  }
  Result<std::optional<ListVersion>> current = find.current(list);
  if (!current) return Err(current.error());
  if (!*current) {
    return Err(Status::NotFound("no list named \"" + std::string(list) + "\" in the store")
                   .InFile(find.where));
  }
  const ListVersion& newest = **current;

  ListDiff diff;
  diff.to = newest;
  if (to_number != 0 && to_number != newest.number) {
    Result<std::optional<ListVersion>> to = find.by_number(list, to_number);
    if (!to) return Err(to.error());
    if (!*to) return Err(NoSuchVersion(list, to_number, newest, find.where));
    diff.to = **to;
  }
  // The default `from` is the version before `to`; before version 1 is the
  // empty list (number 0), against which everything is added.
  const std::int64_t from = from_number != 0 ? from_number : diff.to.number - 1;
  diff.from.list = std::string(list);
  if (from != 0) {
    Result<std::optional<ListVersion>> found = find.by_number(list, from);
    if (!found) return Err(found.error());
    if (!*found) return Err(NoSuchVersion(list, from, newest, find.where));
    diff.from = **found;
  }
  return diff;
}

Status CompareMemberships(const Membership& before, const Membership& after,
                          const BlobLoader& load_blob, std::vector<EntityChange>& changes) {
  // Both are sorted by id: one merge pass classifies every id.
  auto a = before.begin();
  auto b = after.begin();
  while (a != before.end() || b != after.end()) {
    if (b == after.end() || (a != before.end() && a->first < b->first)) {
      changes.push_back({a->first, a->second.name, ChangeKind::kRemoved, {}});
      ++a;
    } else if (a == before.end() || b->first < a->first) {
      changes.push_back({b->first, b->second.name, ChangeKind::kAdded, {}});
      ++b;
    } else {
      if (a->second.blob_hash != b->second.blob_hash) {
        Result<nlohmann::json> old_json = load_blob(a->second.blob_hash, a->first);
        if (!old_json) return old_json.error();
        Result<nlohmann::json> new_json = load_blob(b->second.blob_hash, b->first);
        if (!new_json) return new_json.error();
        changes.push_back(
            {b->first, b->second.name, ChangeKind::kChanged, DiffJson(*old_json, *new_json)});
      }
      ++a;
      ++b;
    }
  }
  return Status::Ok();
}

}  // namespace interdict::store
