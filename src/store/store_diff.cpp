// Store::Diff: which entities differ between two versions of a list, and for
// changed ones which fields. Entities are compared by blob hash first, so only
// those whose content changed are read and diffed field by field.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "store/entity_diff.h"
#include "store/sqlite_store.h"

namespace interdict::store {
namespace {

Status NoSuchVersion(std::string_view list, std::int64_t number, const ListVersion& current,
                     const std::string& path) {
  return Status::NotFound(std::string(list) + " has no version " + std::to_string(number) +
                          " (it has versions 1 to " + std::to_string(current.number) + ")")
      .InFile(path);
}

}  // namespace

Result<ListDiff> SqliteStore::Diff(std::string_view list, std::int64_t from_number,
                                   std::int64_t to_number) {
  if (from_number < 0 || to_number < 0) {
    return Err(Status::InvalidArgument("version numbers count from 1 (0 means the default)"));
  }
  std::lock_guard lock(mu_);
  // Every read below sees the same snapshot, even while another process loads.
  Result<Transaction> txn = Transaction::Begin(db_, Transaction::Mode::kRead);
  if (!txn) return Err(txn.error());
  Result<ListDiff> diff = DiffEnds(list, from_number, to_number);
  if (!diff) return diff;

  Membership before;
  if (diff->from.id != 0) {
    Result<Membership> loaded = LoadMembership(diff->from.id);
    if (!loaded) return Err(loaded.error());
    before = std::move(*loaded);
  }
  Result<Membership> after = LoadMembership(diff->to.id);
  if (!after) return Err(after.error());
  if (Status s = CompareMemberships(before, *after, diff->changes); !s.ok()) return Err(s);
  return diff;
}

Result<ListDiff> SqliteStore::DiffEnds(std::string_view list, std::int64_t from_number,
                                       std::int64_t to_number) {
  Result<std::optional<ListVersion>> current = FindCurrent(list);
  if (!current) return Err(current.error());
  if (!*current) return Err(NoSuchList(list));
  const ListVersion& newest = **current;

  ListDiff diff;
  diff.to = newest;
  if (to_number != 0 && to_number != newest.number) {
    Result<std::optional<ListVersion>> to = FindByNumber(list, to_number);
    if (!to) return Err(to.error());
    if (!*to) return Err(NoSuchVersion(list, to_number, newest, db_.path()));
    diff.to = **to;
  }
  // The default `from` is the version before `to`; before version 1 is the
  // empty list (number 0), against which everything is added.
  const std::int64_t from = from_number != 0 ? from_number : diff.to.number - 1;
  diff.from.list = std::string(list);
  if (from != 0) {
    Result<std::optional<ListVersion>> found = FindByNumber(list, from);
    if (!found) return Err(found.error());
    if (!*found) return Err(NoSuchVersion(list, from, newest, db_.path()));
    diff.from = **found;
  }
  return diff;
}

Status SqliteStore::CompareMemberships(const Membership& before, const Membership& after,
                                       std::vector<EntityChange>& changes) {
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
        Result<nlohmann::json> old_json = LoadBlobJson(a->second.blob_hash, a->first);
        if (!old_json) return old_json.error();
        Result<nlohmann::json> new_json = LoadBlobJson(b->second.blob_hash, b->first);
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
