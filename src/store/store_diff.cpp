// Store::Diff: which entities differ between two versions of a list, and for
// changed ones which fields. Resolving the versions and comparing memberships
// are shared with the PostgreSQL backend (version_common.h); this file reads
// them from SQLite inside one read transaction.
#include <string>
#include <utility>

#include "store/sqlite_store.h"

namespace interdict::store {

VersionFinder SqliteStore::Finder() {
  return VersionFinder{
      [this](std::string_view list) { return FindCurrent(list); },
      [this](std::string_view list, std::int64_t number) { return FindByNumber(list, number); },
      db_.path()};
}

Result<ListDiff> SqliteStore::Diff(std::string_view list, std::int64_t from_number,
                                   std::int64_t to_number) {
  std::lock_guard lock(mu_);
  // Every read below sees the same snapshot, even while another process loads.
  Result<Transaction> txn = Transaction::Begin(db_, Transaction::Mode::kRead);
  if (!txn) return Err(txn.error());
  Result<ListDiff> diff = ResolveDiffEnds(Finder(), list, from_number, to_number);
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
  return diff;
}

}  // namespace interdict::store
