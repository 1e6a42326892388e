// The PostgreSQL implementation of Store (include/interdict/store.h), for
// deployments where several `interdict serve` instances share one database.
// It has the SQLite store's semantics (docs/store.md) and shares its
// backend-independent half (version_common.h); what differs is how the
// database keeps them:
//
// - AddVersion runs in one READ COMMITTED transaction holding a
//   transaction-scoped advisory lock on the list, so concurrent writers of
//   one list, in any process, take turns and number versions without gaps;
//   writers of different lists do not wait for each other.
// - Blobs and memberships are sent with COPY, not row by row.
// - ForEach and Diff read inside one REPEATABLE READ transaction: a pass sees
//   one snapshot even while another process loads. ForEach reads through a
//   cursor in batches, so memory stays bounded and the callback may call the
//   store's read methods (they join the open transaction).
//
// The implementation is split like the SQLite one: pg_store.cpp opens the
// store and answers queries, pg_loader.cpp writes versions and diffs them.
#ifndef INTERDICT_STORE_PG_STORE_H_
#define INTERDICT_STORE_PG_STORE_H_

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "interdict/store.h"
#include "store/pg_util.h"
#include "store/version_common.h"

namespace interdict::store {

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(PgConnection conn) : conn_(std::move(conn)) {}

  Result<LoadOutcome> AddVersion(const ListData& data, std::string_view source) override;
  Result<std::vector<std::string>> Lists() override;
  Result<std::vector<ListVersion>> Versions(std::string_view list) override;
  Result<ListVersion> CurrentVersion(std::string_view list) override;
  Result<ListVersion> Version(std::int64_t version_id) override;
  Result<Entity> GetEntity(std::string_view id, std::int64_t version_id) override;
  Result<std::vector<ListVersion>> EntityVersions(std::string_view id) override;
  Status ForEachEntity(std::int64_t version_id,
                       const std::function<Status(const Entity&)>& visit) override;
  Status ForEachCurrentEntity(const std::function<Status(const Entity&)>& visit) override;
  Result<ListDiff> Diff(std::string_view list, std::int64_t from_number,
                        std::int64_t to_number) override;

 private:
  // Helpers below expect mu_ to be held.

  // Runs a statement returning version rows.
  Result<std::vector<ListVersion>> QueryVersions(const PgStatement& statement,
                                                 const PgParams& params);
  Result<std::optional<ListVersion>> FindCurrent(std::string_view list);
  Result<std::optional<ListVersion>> FindByNumber(std::string_view list, std::int64_t number);
  Result<std::optional<ListVersion>> FindById(std::int64_t version_id);
  Result<Membership> LoadMembership(std::int64_t version_id);
  Result<nlohmann::json> LoadBlobJson(std::string_view hash, std::string_view entity_id);
  // Streams `select` (entity_id, blob hash, json; with $1 = version_id when
  // non-zero) through a cursor inside a snapshot transaction.
  Status StreamEntities(std::string_view select, std::int64_t version_id,
                        const std::function<Status(const Entity&)>& visit);
  // Fetches every row of an open cursor, calling `visit` for each entity.
  Status FetchAll(const std::string& cursor, const std::function<Status(const Entity&)>& visit);

  // AddVersion's steps (pg_loader.cpp), inside its transaction.
  Result<std::int64_t> InsertVersionRow(const ListData& data, std::string_view source,
                                        std::string_view identity, std::int64_t number);
  Status InsertBlobs(const std::vector<PreparedEntity>& entities);
  Status InsertMembership(std::int64_t version_id, const Membership& members);
  Status WriteTotals(std::int64_t version_id, const ChangeCounts& changes);

  Status NoSuchList(std::string_view list) const;
  Status NoSuchVersionId(std::int64_t version_id) const;

  // Recursive so that a ForEach callback may call the store's read methods.
  std::recursive_mutex mu_;
  PgConnection conn_;
};

}  // namespace interdict::store

#endif  // INTERDICT_STORE_PG_STORE_H_
