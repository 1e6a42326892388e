// SqliteCaseStore: users, settings, customers, designations, checkpoints and
// the audit chain. Alerts are in sqlite_alert_store.cpp.
#include "cases/sqlite_case_store.h"

#include <nlohmann/json.hpp>

#include "cases/case_store_common.h"
#include "cases/result_util.h"
#include "interdict/json.h"
#include "interdict/screen_io.h"

namespace interdict::cases {

using store::Statement;
using store::Transaction;

namespace {

Result<Customer> ReadCustomer(const Statement& stmt, const std::string& path) {
  // Columns: id, record, record_hash, updated_at, screened_hash, screened_at.
  Result<ScreenQuery> record = ParseScreenQuery(stmt.Text(1));
  if (!record) {
    return Err(Status::Corrupt("stored customer record does not parse: " + record.error().message())
                   .InFile(path)
                   .AtElement("customers/" + std::string(stmt.Text(0))));
  }
  Customer c;
  c.record = std::move(*record);
  c.record_hash = stmt.Text(2);
  c.updated_at = stmt.Text(3);
  c.screened_hash = stmt.Text(4);
  c.screened_at = stmt.Text(5);
  return c;
}

constexpr const char* kCustomerColumns =
    "SELECT id, record, record_hash, updated_at, screened_hash, screened_at FROM customers ";

}  // namespace

// ---------------------------------------------------------------------------
// Audit

Status SqliteCaseStore::AppendAudit(const AuditNote& note) {
  AuditEvent event;
  ASSIGN_OR_RETURN_STATUS(Statement last,
                          db_.Prepare("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1"));
  ASSIGN_OR_RETURN_STATUS(bool has_last, last.Step());
  event.seq = has_last ? last.Int(0) + 1 : 1;
  event.prev_hash = has_last ? std::string(last.Text(1)) : std::string(kAuditGenesisHash);
  event.at = NowUtc();
  event.actor = note.actor;
  event.action = note.action;
  event.subject = note.subject;
  event.details = DetailsOrEmpty(note.details);
  event.hash = AuditEventHash(event);
  ASSIGN_OR_RETURN_STATUS(
      Statement insert,
      db_.Prepare("INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  return insert.Bind(1, event.seq)
      .Bind(2, event.at)
      .Bind(3, event.actor)
      .Bind(4, event.action)
      .Bind(5, event.subject)
      .Bind(6, event.details)
      .Bind(7, event.prev_hash)
      .Bind(8, event.hash)
      .Run();
}

Status SqliteCaseStore::Audit(const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

namespace {

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit ";

AuditEvent ReadAuditEvent(const Statement& stmt) {
  AuditEvent e;
  e.seq = stmt.Int(0);
  e.at = stmt.Text(1);
  e.actor = stmt.Text(2);
  e.action = stmt.Text(3);
  e.subject = stmt.Text(4);
  e.details = stmt.Text(5);
  e.prev_hash = stmt.Text(6);
  e.hash = stmt.Text(7);
  return e;
}

}  // namespace

Status SqliteCaseStore::ForEachAuditEvent(const std::function<Status(const AuditEvent&)>& visit) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kRead));
  ASSIGN_OR_RETURN_STATUS(Statement stmt, db_.Prepare(std::string(kAuditColumns) + "ORDER BY seq"));
  for (;;) {
    ASSIGN_OR_RETURN_STATUS(bool row, stmt.Step());
    if (!row) break;
    INTERDICT_RETURN_STATUS_IF_ERROR(visit(ReadAuditEvent(stmt)));
  }
  return Status::Ok();
}

Result<std::vector<AuditEvent>> SqliteCaseStore::AuditEventsAbout(std::string_view subject) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(std::string(kAuditColumns) +
                                               "WHERE subject = ?1 ORDER BY subject, seq"));
  stmt.Bind(1, subject);
  std::vector<AuditEvent> events;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    events.push_back(ReadAuditEvent(stmt));
  }
  return events;
}

// ---------------------------------------------------------------------------
// Users and settings

Status SqliteCaseStore::AddUser(const User& user, const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(
      Statement insert,
      db_.Prepare("INSERT INTO case_users (name, role, created_at, created_by) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING RETURNING name"));
  insert.Bind(1, user.name).Bind(2, RoleName(user.role)).Bind(3, user.created_at);
  ASSIGN_OR_RETURN_STATUS(bool inserted, insert.Bind(4, user.created_by).Step());
  insert.Reset();
  if (!inserted) return Status::Conflict("user " + user.name + " already exists");
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

Result<std::vector<User>> SqliteCaseStore::Users() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT name, role, created_at, created_by "
                                               "FROM case_users ORDER BY name"));
  std::vector<User> users;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::optional<Role> role = ParseRole(stmt.Text(1));
    if (!role) {
      return Err(Status::Corrupt("unknown role '" + std::string(stmt.Text(1)) + "'")
                     .InFile(db_.path())
                     .AtElement("case_users/" + std::string(stmt.Text(0))));
    }
    users.push_back(
        {std::string(stmt.Text(0)), *role, std::string(stmt.Text(2)), std::string(stmt.Text(3))});
  }
  return users;
}

Result<User> SqliteCaseStore::GetUser(std::string_view name) {
  ASSIGN_OR_RETURN(std::vector<User> users, Users());
  for (User& user : users) {
    if (user.name == name) return std::move(user);
  }
  return Err(Status::NotFound("no user named '" + std::string(name) + "'"));
}

Result<std::optional<std::string>> SqliteCaseStore::GetSetting(std::string_view key) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT value FROM case_settings WHERE key = ?1"));
  ASSIGN_OR_RETURN(bool row, stmt.Bind(1, key).Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(stmt.Text(0)));
}

Status SqliteCaseStore::SetSetting(std::string_view key, std::string_view value,
                                   const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(Statement upsert,
                          db_.Prepare("INSERT INTO case_settings (key, value) VALUES (?1, ?2) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  INTERDICT_RETURN_STATUS_IF_ERROR(upsert.Bind(1, key).Bind(2, value).Run());
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

// ---------------------------------------------------------------------------
// Customers

Result<UpsertOutcome> SqliteCaseStore::UpsertCustomers(const std::vector<ScreenQuery>& records,
                                                       std::string_view at, const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN(Statement find, db_.Prepare("SELECT record_hash FROM customers WHERE id = ?1"));
  ASSIGN_OR_RETURN(Statement upsert,
                   db_.Prepare("INSERT INTO customers (id, record, record_hash, updated_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
                               "record = excluded.record, record_hash = excluded.record_hash, "
                               "updated_at = excluded.updated_at"));
  UpsertOutcome outcome;
  for (const ScreenQuery& record : records) {
    const std::string hash = CustomerRecordHash(record);
    find.Reset();
    ASSIGN_OR_RETURN(bool exists, find.Bind(1, record.id).Step());
    if (exists && find.Text(0) == hash) {
      ++outcome.unchanged;
      continue;
    }
    ++(exists ? outcome.updated : outcome.added);
    outcome.changed_ids.push_back(record.id);
    upsert.Reset();
    INTERDICT_RETURN_IF_ERROR(upsert.Bind(1, record.id)
                                  .Bind(2, CustomerRecordJson(record))
                                  .Bind(3, hash)
                                  .Bind(4, at)
                                  .Run());
  }
  INTERDICT_RETURN_IF_ERROR(AppendAudit(WithUpsertCounts(note, outcome)));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return outcome;
}

Result<Customer> SqliteCaseStore::GetCustomer(std::string_view id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(std::string(kCustomerColumns) + "WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool row, stmt.Bind(1, id).Step());
  if (!row) return Err(Status::NotFound("no customer with id '" + std::string(id) + "'"));
  return ReadCustomer(stmt, db_.path());
}

Result<std::vector<Customer>> SqliteCaseStore::CustomersAfter(std::string_view after_id,
                                                              std::size_t limit, bool stale_only) {
  std::lock_guard lock(mu_);
  std::string sql = std::string(kCustomerColumns) + "WHERE id > ?1 ";
  if (stale_only) sql += "AND screened_hash != record_hash ";
  sql += "ORDER BY id LIMIT ?2";
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
  stmt.Bind(1, after_id).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<Customer> customers;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Customer c, ReadCustomer(stmt, db_.path()));
    customers.push_back(std::move(c));
  }
  return customers;
}

Result<std::int64_t> SqliteCaseStore::CustomerCount() {
  std::lock_guard lock(mu_);
  return db_.QueryInt("SELECT count(*) FROM customers");
}

// ---------------------------------------------------------------------------
// Checkpoints

Result<std::optional<std::string>> SqliteCaseStore::GetCheckpoint(std::string_view key) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare("SELECT value FROM case_checkpoints WHERE key = ?1"));
  ASSIGN_OR_RETURN(bool row, stmt.Bind(1, key).Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(stmt.Text(0)));
}

Status SqliteCaseStore::SetCheckpoints(
    const std::vector<std::pair<std::string, std::string>>& values, const AuditNote* note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(Statement upsert,
                          db_.Prepare("INSERT INTO case_checkpoints (key, value) VALUES (?1, ?2) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
  ASSIGN_OR_RETURN_STATUS(Statement remove,
                          db_.Prepare("DELETE FROM case_checkpoints WHERE key = ?1"));
  for (const auto& [key, value] : values) {
    Statement& stmt = value.empty() ? remove : upsert;
    stmt.Reset();
    stmt.Bind(1, key);
    if (!value.empty()) stmt.Bind(2, value);
    INTERDICT_RETURN_STATUS_IF_ERROR(stmt.Run());
  }
  if (note != nullptr) INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(*note));
  return txn.Commit();
}

// ---------------------------------------------------------------------------
// Designations

namespace {
constexpr const char* kDesignationColumns =
    "SELECT number, entity, reason, evidence, author, created_at, updated_at, expires, "
    "removed_at, removed_by, removed_reason, revision FROM designations ";
}  // namespace

Result<Designation> SqliteCaseStore::ReadDesignation(Statement& stmt) const {
  const std::string where = "designations/" + std::to_string(stmt.Int(0));
  Result<Entity> entity = EntityFromJson(stmt.Text(1));
  if (!entity) {
    return Err(
        Status::Corrupt("stored designation entity does not parse: " + entity.error().message())
            .InFile(db_.path())
            .AtElement(where));
  }
  nlohmann::json evidence = nlohmann::json::parse(stmt.Text(3), nullptr, false);
  if (!evidence.is_array()) {
    return Err(
        Status::Corrupt("stored evidence is not a JSON array").InFile(db_.path()).AtElement(where));
  }
  Designation d;
  d.number = stmt.Int(0);
  d.entity = std::move(*entity);
  d.reason = stmt.Text(2);
  for (const nlohmann::json& item : evidence) {
    if (item.is_string()) d.evidence.push_back(item.get<std::string>());
  }
  d.author = stmt.Text(4);
  d.created_at = stmt.Text(5);
  d.updated_at = stmt.Text(6);
  d.expires = stmt.Text(7);
  d.removed_at = stmt.Text(8);
  d.removed_by = stmt.Text(9);
  d.removed_reason = stmt.Text(10);
  d.revision = stmt.Int(11);
  return d;
}

Result<Designation> SqliteCaseStore::SaveDesignation(const Designation& d, const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  Designation saved = d;
  if (saved.number == 0) {
    ASSIGN_OR_RETURN(std::int64_t max,
                     db_.QueryInt("SELECT coalesce(max(number), 0) FROM designations"));
    saved.number = max + 1;
    saved.revision = 0;
  } else {
    ASSIGN_OR_RETURN(Statement current,
                     db_.Prepare("SELECT revision FROM designations WHERE number = ?1"));
    ASSIGN_OR_RETURN(bool exists, current.Bind(1, saved.number).Step());
    if (!exists) return Err(Status::NotFound("no designation own:" + std::to_string(saved.number)));
    if (current.Int(0) != saved.revision) {
      return Err(Status::Conflict("designation own:" + std::to_string(saved.number) +
                                  " was changed by someone else (revision " +
                                  std::to_string(current.Int(0)) + ", expected " +
                                  std::to_string(saved.revision) + ")"));
    }
  }
  ++saved.revision;
  saved.entity.id = std::string(kOwnList) + ":" + std::to_string(saved.number);
  saved.entity.list = std::string(kOwnList);
  nlohmann::json evidence = saved.evidence;
  ASSIGN_OR_RETURN(
      Statement upsert,
      db_.Prepare("INSERT OR REPLACE INTO designations (number, entity, reason, evidence, author, "
                  "created_at, updated_at, expires, removed_at, removed_by, removed_reason, "
                  "revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  INTERDICT_RETURN_IF_ERROR(
      upsert.Bind(1, saved.number)
          .Bind(2, EntityToJson(saved.entity))
          .Bind(3, saved.reason)
          .Bind(4, evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
          .Bind(5, saved.author)
          .Bind(6, saved.created_at)
          .Bind(7, saved.updated_at)
          .Bind(8, saved.expires)
          .Bind(9, saved.removed_at)
          .Bind(10, saved.removed_by)
          .Bind(11, saved.removed_reason)
          .Bind(12, saved.revision)
          .Run());
  AuditNote stamped = note;
  if (stamped.subject.empty()) stamped.subject = saved.entity.id;
  INTERDICT_RETURN_IF_ERROR(AppendAudit(stamped));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<Designation> SqliteCaseStore::GetDesignation(std::int64_t number) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare(std::string(kDesignationColumns) + "WHERE number = ?1"));
  ASSIGN_OR_RETURN(bool row, stmt.Bind(1, number).Step());
  if (!row) return Err(Status::NotFound("no designation own:" + std::to_string(number)));
  return ReadDesignation(stmt);
}

Result<std::vector<Designation>> SqliteCaseStore::Designations() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare(std::string(kDesignationColumns) + "ORDER BY number"));
  std::vector<Designation> all;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Designation d, ReadDesignation(stmt));
    all.push_back(std::move(d));
  }
  return all;
}

}  // namespace interdict::cases
