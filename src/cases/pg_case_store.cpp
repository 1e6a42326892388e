// PostgresCaseStore: users, settings, customers, designations, checkpoints
// and the audit chain. Alerts are in pg_alert_store.cpp.
#include "cases/pg_case_store.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "cases/case_store_common.h"
#include "cases/result_util.h"
#include "interdict/json.h"
#include "interdict/screen_io.h"

namespace interdict::cases {

using store::PgParams;
using store::PgResult;
using store::PgStatement;
using store::PgTransaction;

namespace {

// Serialises appends to the chain of the connection's schema across every
// process; released when the appending transaction ends.
constexpr PgStatement kLockChain{
    "cases_lock_chain",
    "SELECT pg_advisory_xact_lock(hashtextextended('interdict.audit:' || current_schema(), 0))"};
constexpr PgStatement kChainHead{"cases_chain_head",
                                 "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"};
constexpr PgStatement kAppendAudit{
    "cases_append_audit",
    "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash) "
    "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], "
    "$6::text[], $7::text[], $8::text[])"};
constexpr PgStatement kAuditAbout{
    "cases_audit_about",
    "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit "
    "WHERE subject = $1 ORDER BY seq"};
constexpr PgStatement kUsers{"cases_users",
                             "SELECT name, role, created_at, created_by FROM case_users "
                             "ORDER BY name"};
constexpr PgStatement kAddUser{"cases_add_user",
                               "INSERT INTO case_users (name, role, created_at, created_by) "
                               "VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING"};
constexpr PgStatement kGetSetting{"cases_get_setting",
                                  "SELECT value FROM case_settings WHERE key = $1"};
constexpr PgStatement kSetSetting{"cases_set_setting",
                                  "INSERT INTO case_settings (key, value) VALUES ($1, $2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
constexpr PgStatement kGetCheckpoint{"cases_get_checkpoint",
                                     "SELECT value FROM case_checkpoints WHERE key = $1"};
constexpr PgStatement kSetCheckpoint{"cases_set_checkpoint",
                                     "INSERT INTO case_checkpoints (key, value) VALUES ($1, $2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
constexpr PgStatement kRemoveCheckpoint{"cases_remove_checkpoint",
                                        "DELETE FROM case_checkpoints WHERE key = $1"};
// Imports take turns, so the added/updated counts each reports are exact.
constexpr PgStatement kLockCustomers{
    "cases_lock_customers",
    "SELECT pg_advisory_xact_lock(hashtextextended('interdict.customers:' || current_schema(), "
    "0))"};
constexpr PgStatement kCustomerHashes{
    "cases_customer_hashes", "SELECT id, record_hash FROM customers WHERE id = ANY($1::text[])"};
constexpr PgStatement kUpsertCustomers{
    "cases_upsert_customers",
    "INSERT INTO customers (id, record, record_hash, updated_at) "
    "SELECT u.id, u.record, u.hash, $4 FROM unnest($1::text[], $2::text[], $3::text[]) "
    "AS u(id, record, hash) ON CONFLICT (id) DO UPDATE SET record = excluded.record, "
    "record_hash = excluded.record_hash, updated_at = excluded.updated_at"};
#define INTERDICT_PG_CUSTOMER_COLUMNS \
  "SELECT id, record, record_hash, updated_at, screened_hash, screened_at FROM customers "
constexpr PgStatement kGetCustomer{"cases_get_customer",
                                   INTERDICT_PG_CUSTOMER_COLUMNS "WHERE id = $1"};
constexpr PgStatement kCustomersAfter{
    "cases_customers_after", INTERDICT_PG_CUSTOMER_COLUMNS "WHERE id > $1 ORDER BY id LIMIT $2"};
constexpr PgStatement kStaleCustomersAfter{
    "cases_stale_customers_after", INTERDICT_PG_CUSTOMER_COLUMNS
    "WHERE id > $1 AND screened_hash <> record_hash ORDER BY id LIMIT $2"};
constexpr PgStatement kLockDesignations{
    "cases_lock_designations",
    "SELECT pg_advisory_xact_lock(hashtextextended('interdict.designations:' || "
    "current_schema(), 0))"};
#define INTERDICT_PG_DESIGNATION_COLUMNS                                               \
  "SELECT number, entity, reason, evidence, author, created_at, updated_at, expires, " \
  "removed_at, removed_by, removed_reason, revision FROM designations "
constexpr PgStatement kGetDesignation{"cases_get_designation",
                                      INTERDICT_PG_DESIGNATION_COLUMNS "WHERE number = $1"};
constexpr PgStatement kDesignations{"cases_designations",
                                    INTERDICT_PG_DESIGNATION_COLUMNS "ORDER BY number"};
constexpr PgStatement kSaveDesignation{
    "cases_save_designation",
    "INSERT INTO designations (number, entity, reason, evidence, author, created_at, "
    "updated_at, expires, removed_at, removed_by, removed_reason, revision) VALUES ($1, $2, $3, "
    "$4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (number) DO UPDATE SET "
    "entity = excluded.entity, reason = excluded.reason, evidence = excluded.evidence, "
    "author = excluded.author, created_at = excluded.created_at, "
    "updated_at = excluded.updated_at, expires = excluded.expires, "
    "removed_at = excluded.removed_at, removed_by = excluded.removed_by, "
    "removed_reason = excluded.removed_reason, revision = excluded.revision"};

// Ids per statement when an import looks up or writes customers.
constexpr std::size_t kCustomerChunk = 5000;
// Audit rows read per round trip.
constexpr int kAuditFetch = 5000;

Result<Customer> ReadCustomer(const PgResult& rows, int row, const std::string& server) {
  Result<ScreenQuery> record = ParseScreenQuery(rows.Text(row, 1));
  if (!record) {
    return Err(Status::Corrupt("stored customer record does not parse: " + record.error().message())
                   .InFile(server)
                   .AtElement("customers/" + std::string(rows.Text(row, 0))));
  }
  Customer c;
  c.record = std::move(*record);
  c.record_hash = rows.Text(row, 2);
  c.updated_at = rows.Text(row, 3);
  c.screened_hash = rows.Text(row, 4);
  c.screened_at = rows.Text(row, 5);
  return c;
}

Result<Designation> ReadDesignation(const PgResult& rows, int row, const std::string& server) {
  const std::string where = "designations/" + std::string(rows.Text(row, 0));
  Result<Entity> entity = EntityFromJson(rows.Text(row, 1));
  if (!entity) {
    return Err(
        Status::Corrupt("stored designation entity does not parse: " + entity.error().message())
            .InFile(server)
            .AtElement(where));
  }
  nlohmann::json evidence = nlohmann::json::parse(rows.Text(row, 3), nullptr, false);
  if (!evidence.is_array()) {
    return Err(
        Status::Corrupt("stored evidence is not a JSON array").InFile(server).AtElement(where));
  }
  Designation d;
  d.number = rows.Int(row, 0);
  d.entity = std::move(*entity);
  d.reason = rows.Text(row, 2);
  for (const nlohmann::json& item : evidence) {
    if (item.is_string()) d.evidence.push_back(item.get<std::string>());
  }
  d.author = rows.Text(row, 4);
  d.created_at = rows.Text(row, 5);
  d.updated_at = rows.Text(row, 6);
  d.expires = rows.Text(row, 7);
  d.removed_at = rows.Text(row, 8);
  d.removed_by = rows.Text(row, 9);
  d.removed_reason = rows.Text(row, 10);
  d.revision = rows.Int(row, 11);
  return d;
}

// Columns seq, at, actor, action, subject, details, prev_hash, hash.
AuditEvent AuditEventAt(const PgResult& rows, int r) {
  AuditEvent e;
  e.seq = rows.Int(r, 0);
  e.at = rows.Text(r, 1);
  e.actor = rows.Text(r, 2);
  e.action = rows.Text(r, 3);
  e.subject = rows.Text(r, 4);
  e.details = rows.Text(r, 5);
  e.prev_hash = rows.Text(r, 6);
  e.hash = rows.Text(r, 7);
  return e;
}

}  // namespace

// ---------------------------------------------------------------------------
// Audit

Status PostgresCaseStore::AppendAudit(const std::vector<AuditNote>& notes) {
  if (notes.empty()) return Status::Ok();
  INTERDICT_RETURN_STATUS_IF_ERROR(conn_.Run(kLockChain, PgParams()));
  ASSIGN_OR_RETURN_STATUS(PgResult head, conn_.Run(kChainHead, PgParams()));
  AuditEvent event;
  event.seq = head.rows() > 0 ? head.Int(0, 0) : 0;
  event.hash = head.rows() > 0 ? std::string(head.Text(0, 1)) : std::string(kAuditGenesisHash);
  const std::string at = NowUtc();
  PgArray seq, ats, actors, actions, subjects, details, prev, hashes;
  for (const AuditNote& note : notes) {
    event.prev_hash = std::move(event.hash);
    ++event.seq;
    event.at = at;
    event.actor = note.actor;
    event.action = note.action;
    event.subject = note.subject;
    event.details = DetailsOrEmpty(note.details);
    event.hash = AuditEventHash(event);
    seq.Add(event.seq);
    ats.Add(event.at);
    actors.Add(event.actor);
    actions.Add(event.action);
    subjects.Add(event.subject);
    details.Add(event.details);
    prev.Add(event.prev_hash);
    hashes.Add(event.hash);
  }
  return internal::ToStatus(conn_.Run(kAppendAudit, PgParams()
                                                        .Add(seq.Done())
                                                        .Add(ats.Done())
                                                        .Add(actors.Done())
                                                        .Add(actions.Done())
                                                        .Add(subjects.Done())
                                                        .Add(details.Done())
                                                        .Add(prev.Done())
                                                        .Add(hashes.Done())));
}

Status PostgresCaseStore::Audit(const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

Status PostgresCaseStore::ForEachAuditEvent(const std::function<Status(const AuditEvent&)>& visit) {
  std::lock_guard lock(mu_);
  // One snapshot for the whole pass, read through a cursor in batches.
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kSnapshot));
  INTERDICT_RETURN_STATUS_IF_ERROR(
      conn_.Exec("DECLARE cases_audit NO SCROLL CURSOR FOR SELECT seq, at, actor, action, "
                 "subject, details, prev_hash, hash FROM audit ORDER BY seq"));
  const std::string fetch = "FETCH " + std::to_string(kAuditFetch) + " FROM cases_audit";
  for (;;) {
    ASSIGN_OR_RETURN_STATUS(PgResult rows, conn_.Exec(fetch));
    for (int r = 0; r < rows.rows(); ++r) {
      INTERDICT_RETURN_STATUS_IF_ERROR(visit(AuditEventAt(rows, r)));
    }
    if (rows.rows() < kAuditFetch) break;
  }
  INTERDICT_RETURN_STATUS_IF_ERROR(conn_.Exec("CLOSE cases_audit"));
  return txn.Commit();
}

Result<std::vector<AuditEvent>> PostgresCaseStore::AuditEventsAbout(std::string_view subject) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kAuditAbout, PgParams().Add(subject)));
  std::vector<AuditEvent> events;
  for (int r = 0; r < rows.rows(); ++r) events.push_back(AuditEventAt(rows, r));
  return events;
}

// ---------------------------------------------------------------------------
// Users and settings

Status PostgresCaseStore::AddUser(const User& user, const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(PgResult inserted, conn_.Run(kAddUser, PgParams()
                                                                     .Add(user.name)
                                                                     .Add(RoleName(user.role))
                                                                     .Add(user.created_at)
                                                                     .Add(user.created_by)));
  if (inserted.CommandTag() != "INSERT 0 1") {
    return Status::Conflict("user " + user.name + " already exists");
  }
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

Result<std::vector<User>> PostgresCaseStore::Users() {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kUsers, PgParams()));
  std::vector<User> users;
  for (int r = 0; r < rows.rows(); ++r) {
    std::optional<Role> role = ParseRole(rows.Text(r, 1));
    if (!role) {
      return Err(Status::Corrupt("unknown role '" + std::string(rows.Text(r, 1)) + "'")
                     .InFile(conn_.server())
                     .AtElement("case_users/" + std::string(rows.Text(r, 0))));
    }
    users.push_back({std::string(rows.Text(r, 0)), *role, std::string(rows.Text(r, 2)),
                     std::string(rows.Text(r, 3))});
  }
  return users;
}

Result<User> PostgresCaseStore::GetUser(std::string_view name) {
  ASSIGN_OR_RETURN(std::vector<User> users, Users());
  for (User& user : users) {
    if (user.name == name) return std::move(user);
  }
  return Err(Status::NotFound("no user named '" + std::string(name) + "'"));
}

Result<std::optional<std::string>> PostgresCaseStore::ReadKeyValue(const PgStatement& statement,
                                                                   std::string_view key) {
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(statement, PgParams().Add(key)));
  if (rows.rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(std::string(rows.Text(0, 0)));
}

Result<std::optional<std::string>> PostgresCaseStore::GetSetting(std::string_view key) {
  std::lock_guard lock(mu_);
  return ReadKeyValue(kGetSetting, key);
}

Status PostgresCaseStore::SetSetting(std::string_view key, std::string_view value,
                                     const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  INTERDICT_RETURN_STATUS_IF_ERROR(conn_.Run(kSetSetting, PgParams().Add(key).Add(value)));
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

// ---------------------------------------------------------------------------
// Customers

Result<UpsertOutcome> PostgresCaseStore::UpsertCustomers(const std::vector<ScreenQuery>& records,
                                                         std::string_view at,
                                                         const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  INTERDICT_RETURN_IF_ERROR(conn_.Run(kLockCustomers, PgParams()));
  UpsertOutcome outcome;
  for (std::size_t begin = 0; begin < records.size(); begin += kCustomerChunk) {
    const std::size_t end = std::min(records.size(), begin + kCustomerChunk);
    PgArray ids;
    for (std::size_t i = begin; i < end; ++i) ids.Add(records[i].id);
    ASSIGN_OR_RETURN(PgResult known, conn_.Run(kCustomerHashes, PgParams().Add(ids.Done())));
    std::unordered_map<std::string_view, std::string_view> stored;
    for (int r = 0; r < known.rows(); ++r) stored.emplace(known.Text(r, 0), known.Text(r, 1));
    PgArray changed_ids, json, hashes;
    for (std::size_t i = begin; i < end; ++i) {
      const ScreenQuery& record = records[i];
      const std::string hash = CustomerRecordHash(record);
      auto found = stored.find(record.id);
      if (found != stored.end() && found->second == hash) {
        ++outcome.unchanged;
        continue;
      }
      ++(found != stored.end() ? outcome.updated : outcome.added);
      outcome.changed_ids.push_back(record.id);
      changed_ids.Add(record.id);
      json.Add(CustomerRecordJson(record));
      hashes.Add(hash);
    }
    if (changed_ids.empty()) continue;
    INTERDICT_RETURN_IF_ERROR(
        conn_.Run(kUpsertCustomers,
                  PgParams().Add(changed_ids.Done()).Add(json.Done()).Add(hashes.Done()).Add(at)));
  }
  INTERDICT_RETURN_IF_ERROR(AppendAudit(WithUpsertCounts(note, outcome)));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return outcome;
}

Result<Customer> PostgresCaseStore::GetCustomer(std::string_view id) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kGetCustomer, PgParams().Add(id)));
  if (rows.rows() == 0)
    return Err(Status::NotFound("no customer with id '" + std::string(id) + "'"));
  return ReadCustomer(rows, 0, conn_.server());
}

Result<std::vector<Customer>> PostgresCaseStore::CustomersAfter(std::string_view after_id,
                                                                std::size_t limit,
                                                                bool stale_only) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows,
                   conn_.Run(stale_only ? kStaleCustomersAfter : kCustomersAfter,
                             PgParams().Add(after_id).Add(static_cast<std::int64_t>(limit))));
  std::vector<Customer> customers;
  customers.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r) {
    ASSIGN_OR_RETURN(Customer c, ReadCustomer(rows, r, conn_.server()));
    customers.push_back(std::move(c));
  }
  return customers;
}

Result<std::int64_t> PostgresCaseStore::CustomerCount() {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Exec("SELECT count(*) FROM customers"));
  return rows.Int(0, 0);
}

// ---------------------------------------------------------------------------
// Checkpoints

Result<std::optional<std::string>> PostgresCaseStore::GetCheckpoint(std::string_view key) {
  std::lock_guard lock(mu_);
  return ReadKeyValue(kGetCheckpoint, key);
}

Status PostgresCaseStore::SetCheckpoints(
    const std::vector<std::pair<std::string, std::string>>& values, const AuditNote* note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  for (const auto& [key, value] : values) {
    Result<PgResult> done = value.empty()
                                ? conn_.Run(kRemoveCheckpoint, PgParams().Add(key))
                                : conn_.Run(kSetCheckpoint, PgParams().Add(key).Add(value));
    if (!done) return done.error();
  }
  if (note != nullptr) INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(*note));
  return txn.Commit();
}

// ---------------------------------------------------------------------------
// Designations

Result<Designation> PostgresCaseStore::SaveDesignation(const Designation& d,
                                                       const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  // Numbers are max + 1: creators in other processes take turns.
  INTERDICT_RETURN_IF_ERROR(conn_.Run(kLockDesignations, PgParams()));
  Designation saved = d;
  if (saved.number == 0) {
    ASSIGN_OR_RETURN(PgResult max, conn_.Exec("SELECT coalesce(max(number), 0) FROM designations"));
    saved.number = max.Int(0, 0) + 1;
    saved.revision = 0;
  } else {
    ASSIGN_OR_RETURN(PgResult current, conn_.Run(kGetDesignation, PgParams().Add(saved.number)));
    if (current.rows() == 0) {
      return Err(Status::NotFound("no designation own:" + std::to_string(saved.number)));
    }
    const std::int64_t revision = current.Int(0, 11);
    if (revision != saved.revision) {
      return Err(Status::Conflict("designation own:" + std::to_string(saved.number) +
                                  " was changed by someone else (revision " +
                                  std::to_string(revision) + ", expected " +
                                  std::to_string(saved.revision) + ")"));
    }
  }
  ++saved.revision;
  saved.entity.id = std::string(kOwnList) + ":" + std::to_string(saved.number);
  saved.entity.list = std::string(kOwnList);
  const nlohmann::json evidence = saved.evidence;
  INTERDICT_RETURN_IF_ERROR(conn_.Run(kSaveDesignation, PgParams()
                                                            .Add(saved.number)
                                                            .Add(EntityToJson(saved.entity))
                                                            .Add(saved.reason)
                                                            .Add(DumpJson(evidence))
                                                            .Add(saved.author)
                                                            .Add(saved.created_at)
                                                            .Add(saved.updated_at)
                                                            .Add(saved.expires)
                                                            .Add(saved.removed_at)
                                                            .Add(saved.removed_by)
                                                            .Add(saved.removed_reason)
                                                            .Add(saved.revision)));
  AuditNote stamped = note;
  if (stamped.subject.empty()) stamped.subject = saved.entity.id;
  INTERDICT_RETURN_IF_ERROR(AppendAudit(stamped));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<Designation> PostgresCaseStore::GetDesignation(std::int64_t number) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kGetDesignation, PgParams().Add(number)));
  if (rows.rows() == 0)
    return Err(Status::NotFound("no designation own:" + std::to_string(number)));
  return ReadDesignation(rows, 0, conn_.server());
}

Result<std::vector<Designation>> PostgresCaseStore::Designations() {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kDesignations, PgParams()));
  std::vector<Designation> all;
  for (int r = 0; r < rows.rows(); ++r) {
    ASSIGN_OR_RETURN(Designation d, ReadDesignation(rows, r, conn_.server()));
    all.push_back(std::move(d));
  }
  return all;
}

}  // namespace interdict::cases
