// The SQLite implementation of Store (include/interdict/store.h). The design,
// schema and guarantees are described in docs/store.md.
//
// The implementation is split by concern: sqlite_store.cpp opens the store and
// answers queries, version_loader.cpp writes new versions (AddVersion), and
// store_diff.cpp compares versions (Diff).
#ifndef INTERDICT_STORE_SQLITE_STORE_H_
#define INTERDICT_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "interdict/store.h"
#include "store/sqlite_util.h"
#include "store/version_common.h"

namespace interdict::store {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(Database db) : db_(std::move(db)) {}

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

  // The newest version of `list`, or nullopt when it has none.
  Result<std::optional<ListVersion>> FindCurrent(std::string_view list);
  // Version `number` of `list`, or nullopt.
  Result<std::optional<ListVersion>> FindByNumber(std::string_view list, std::int64_t number);
  Result<std::optional<ListVersion>> FindById(std::int64_t version_id);
  Result<std::vector<ListVersion>> QueryVersions(std::string_view sql, std::string_view arg);
  Result<Membership> LoadMembership(std::int64_t version_id);
  // The parsed JSON of one blob; kCorrupt when missing or unparsable.
  Result<nlohmann::json> LoadBlobJson(std::string_view hash, std::string_view entity_id);
  // Runs `sql` (which must select entity_id, blob hash, json, binding
  // `version_id` as ?1 when non-zero) and calls `visit` for each entity.
  Status StreamEntities(std::string_view sql, std::int64_t version_id,
                        const std::function<Status(const Entity&)>& visit);

  // How Diff (store_diff.cpp) finds the versions it compares.
  VersionFinder Finder();

  Status NoSuchList(std::string_view list) const;
  Status NoSuchVersionId(std::int64_t version_id) const;

  // Recursive so that a ForEach callback may call the store's read methods.
  std::recursive_mutex mu_;
  Database db_;
};

}  // namespace interdict::store

#endif  // INTERDICT_STORE_SQLITE_STORE_H_
