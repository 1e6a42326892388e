// The SQLite implementation of CaseStore (include/interdict/cases.h). Its
// tables live in the list store's file beside the list tables, with their
// own schema version (case_meta) so the two evolve independently; see
// docs/cases.md for the schema.
//
// Split by concern: sqlite_case_schema.cpp creates and migrates the tables,
// sqlite_case_store.cpp holds users, settings, customers, designations,
// checkpoints and the audit chain, sqlite_alert_store.cpp alerts, comments
// and the allowlist.
#ifndef INTERDICT_CASES_SQLITE_CASE_STORE_H_
#define INTERDICT_CASES_SQLITE_CASE_STORE_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "interdict/cases.h"
#include "store/sqlite_util.h"

namespace interdict::cases {

// The case schema version this build writes and understands.
inline constexpr std::int64_t kCaseSchemaVersion = 2;

// Creates or migrates the case tables (the list store's schema must already
// be prepared on `db`). Refuses a newer case schema with kUnsupported.
Status PrepareCaseSchema(store::Database& db);

class SqliteCaseStore final : public CaseStore {
 public:
  explicit SqliteCaseStore(store::Database db) : db_(std::move(db)) {}

  Status AddUser(const User& user, const AuditNote& note) override;
  Result<User> GetUser(std::string_view name) override;
  Result<std::vector<User>> Users() override;
  Result<std::optional<std::string>> GetSetting(std::string_view key) override;
  Status SetSetting(std::string_view key, std::string_view value, const AuditNote& note) override;
  Result<UpsertOutcome> UpsertCustomers(const std::vector<ScreenQuery>& records,
                                        std::string_view at, const AuditNote& note) override;
  Result<Customer> GetCustomer(std::string_view id) override;
  Result<std::vector<Customer>> CustomersAfter(std::string_view after_id, std::size_t limit,
                                               bool stale_only) override;
  Result<std::int64_t> CustomerCount() override;
  Result<BatchOutcome> RecordScreening(const ScreeningBatch& batch) override;
  Result<Alert> GetAlert(std::int64_t id) override;
  Result<std::vector<Alert>> FindAlerts(const AlertFilter& filter) override;
  Result<Alert> UpdateAlert(const Alert& alert, const std::optional<AllowlistEntry>& allow,
                            const AuditNote& note) override;
  Result<AlertComment> AddComment(const AlertComment& comment, const AuditNote& note) override;
  Result<std::vector<AlertComment>> Comments(std::int64_t alert_id) override;
  Result<PairHistory> History(std::string_view customer_id, std::string_view entity_id) override;
  Result<std::vector<PairHistory>> Histories(const std::vector<Pair>& pairs) override;
  Result<std::vector<AllowlistEntry>> Allowlist() override;
  Status RemoveAllowlist(std::string_view customer_id, std::string_view entity_id,
                         const AuditNote& note) override;
  Result<Designation> SaveDesignation(const Designation& d, const AuditNote& note) override;
  Result<Designation> GetDesignation(std::int64_t number) override;
  Result<std::vector<Designation>> Designations() override;
  Result<std::optional<std::string>> GetCheckpoint(std::string_view key) override;
  Status SetCheckpoints(const std::vector<std::pair<std::string, std::string>>& values,
                        const AuditNote* note) override;
  Status Audit(const AuditNote& note) override;
  Status ForEachAuditEvent(const std::function<Status(const AuditEvent&)>& visit) override;
  Result<std::vector<AuditEvent>> AuditEventsAbout(std::string_view subject) override;

 private:
  // Helpers below expect mu_ held and, for writes, a write transaction open.
  Status AppendAudit(const AuditNote& note);
  Result<std::vector<Alert>> QueryAlerts(std::string_view where_sql,
                                         const std::vector<std::string>& args,
                                         std::string_view tail_sql);
  Result<std::optional<AllowlistEntry>> FindAllowlist(std::string_view customer_id,
                                                      std::string_view entity_id);
  Result<Designation> ReadDesignation(store::Statement& stmt) const;

  std::recursive_mutex mu_;
  store::Database db_;
};

}  // namespace interdict::cases

#endif  // INTERDICT_CASES_SQLITE_CASE_STORE_H_
