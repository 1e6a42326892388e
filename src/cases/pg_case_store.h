// The PostgreSQL implementation of CaseStore (include/interdict/cases.h), for
// deployments where several `interdict serve` processes share case work. It
// keeps the SQLite store's semantics; what differs is how the database
// enforces them across processes:
//
// - Decisions: UpdateAlert is one conditional UPDATE (WHERE revision = the
//   revision read). Of two concurrent writers the second waits for the
//   first's row lock, then re-checks the condition against the committed
//   row and matches nothing: kConflict.
// - The audit chain: every transaction appends its audit rows last, under a
//   transaction-scoped advisory lock on the schema's chain. Appenders take
//   turns, each reading the head the previous one committed, so the chain
//   never forks; the lock is held only from the append to the commit.
// - Screening batches: alerts, "screened" marks and the checkpoint of one
//   batch are one transaction, sent as arrays (unnest) rather than row by
//   row; the partial unique index on open (customer, entity) pairs makes a
//   repeated batch open nothing.
//
// Files: pg_case_schema.cpp (tables, migrations, opening), pg_case_store.cpp
// (users, settings, customers, designations, checkpoints, audit),
// pg_alert_store.cpp (alerts, comments, allowlist).
#ifndef INTERDICT_CASES_PG_CASE_STORE_H_
#define INTERDICT_CASES_PG_CASE_STORE_H_

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/cases.h"
#include "store/pg_util.h"

namespace interdict::cases {

// Builds a PostgreSQL array literal of text values, to send a batch as one
// parameter and read it back with unnest($n::text[]).
class PgArray {
 public:
  PgArray& Add(std::string_view value);
  PgArray& Add(std::int64_t value) { return Add(std::string_view(std::to_string(value))); }
  std::string Done() const { return text_ + "}"; }
  bool empty() const noexcept { return text_.size() == 1; }

 private:
  std::string text_ = "{";
};

class PostgresCaseStore final : public CaseStore {
 public:
  explicit PostgresCaseStore(store::PgConnection conn) : conn_(std::move(conn)) {}

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
  // Helpers below expect mu_ held. Writes run inside a PgTransaction;
  // AppendAudit must be the transaction's last write (see the header note).
  Status AppendAudit(const std::vector<AuditNote>& notes);
  Status AppendAudit(const AuditNote& note) { return AppendAudit(std::vector<AuditNote>{note}); }
  // Reconnects a lost connection before a statement outside a transaction.
  Status Ready();
  Result<std::vector<Alert>> QueryAlerts(const std::string& where_sql,
                                         const store::PgParams& params);
  Result<std::optional<AllowlistEntry>> FindAllowlist(std::string_view customer_id,
                                                      std::string_view entity_id);
  Result<std::optional<std::string>> ReadKeyValue(const store::PgStatement& statement,
                                                  std::string_view key);
  Status InsertAlerts(const ScreeningBatch& batch, BatchOutcome& outcome,
                      std::vector<AuditNote>& notes);

  std::recursive_mutex mu_;
  store::PgConnection conn_;
};

}  // namespace interdict::cases

#endif  // INTERDICT_CASES_PG_CASE_STORE_H_
