#include <iterator>
#include <memory>
#include <string>

#include "cases/sqlite_case_store.h"
#include "store/schema.h"

namespace interdict::cases {
namespace {

// Migrations[i] moves the case tables from version i to i + 1. Append only.
constexpr const char* kMigrations[] = {
    // 0 -> 1: users, settings, customers, alerts, comments, allowlist,
    // designations, checkpoints, audit.
    R"sql(
CREATE TABLE case_users (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE case_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE case_checkpoints (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- `record` is CustomerRecordJson(); screened_hash is record_hash as of the
-- last full screening, so a changed customer is record_hash != screened_hash.
CREATE TABLE customers (
  id            TEXT PRIMARY KEY,
  record        TEXT NOT NULL,
  record_hash   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  screened_hash TEXT NOT NULL DEFAULT '',
  screened_at   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  customer_id     TEXT    NOT NULL,
  customer_name   TEXT    NOT NULL,
  entity_id       TEXT    NOT NULL,
  entity_name     TEXT    NOT NULL,
  list            TEXT    NOT NULL,
  score_ppm       INTEGER NOT NULL,  -- score * 1e6, exact in an integer column
  explanation     TEXT    NOT NULL,
  matched_name    TEXT    NOT NULL,
  list_version    INTEGER NOT NULL,
  basis           TEXT    NOT NULL,
  reason          TEXT    NOT NULL,
  customer_hash   TEXT    NOT NULL,
  entity_hash     TEXT    NOT NULL,
  status          TEXT    NOT NULL,
  assignee        TEXT    NOT NULL,
  proposed        TEXT    NOT NULL,
  proposed_by     TEXT    NOT NULL,
  decided_by      TEXT    NOT NULL,
  decision_note   TEXT    NOT NULL,
  entity_delisted INTEGER NOT NULL,
  opened_at       TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL,
  closed_at       TEXT    NOT NULL,
  revision        INTEGER NOT NULL
);
-- At most one alert per (customer, entity) that is not closed: a re-run
-- rescreen cannot duplicate one.
CREATE UNIQUE INDEX alerts_one_open ON alerts (customer_id, entity_id)
  WHERE status IN ('open', 'in_review', 'awaiting_confirmation');
CREATE INDEX alerts_by_pair ON alerts (customer_id, entity_id, id);
CREATE INDEX alerts_by_entity ON alerts (entity_id);
CREATE INDEX alerts_by_status ON alerts (status, opened_at);
CREATE TABLE alert_comments (
  id       INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts (id),
  author   TEXT    NOT NULL,
  text     TEXT    NOT NULL,
  at       TEXT    NOT NULL
);
CREATE INDEX alert_comments_by_alert ON alert_comments (alert_id, id);
CREATE TABLE allowlist (
  customer_id   TEXT    NOT NULL,
  entity_id     TEXT    NOT NULL,
  customer_hash TEXT    NOT NULL,
  entity_hash   TEXT    NOT NULL,
  alert_id      INTEGER NOT NULL REFERENCES alerts (id),
  created_by    TEXT    NOT NULL,
  created_at    TEXT    NOT NULL,
  PRIMARY KEY (customer_id, entity_id)
) WITHOUT ROWID;
CREATE TABLE designations (
  number         INTEGER PRIMARY KEY,
  entity         TEXT    NOT NULL,  -- EntityToJson()
  reason         TEXT    NOT NULL,
  evidence       TEXT    NOT NULL,  -- JSON array of strings
  author         TEXT    NOT NULL,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  expires        TEXT    NOT NULL,
  removed_at     TEXT    NOT NULL,
  removed_by     TEXT    NOT NULL,
  removed_reason TEXT    NOT NULL,
  revision       INTEGER NOT NULL
);
-- hash = SHA-256(prev_hash + "\n" + canonical row), see AuditEventHash().
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
-- Append-only for the application; the chain catches anyone who drops these.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)sql",
    // 1 -> 2: an alert's history (its audit rows) without reading the trail.
    R"sql(
CREATE INDEX audit_by_subject ON audit (subject, seq);
)sql",
};
static_assert(std::size(kMigrations) == kCaseSchemaVersion);

Result<std::int64_t> ReadCaseVersion(store::Database& db) {
  Result<store::Statement> stmt =
      db.Prepare("SELECT value FROM case_meta WHERE key = 'schema_version'");
  if (!stmt) return Err(stmt.error());
  Result<bool> row = stmt->Step();
  if (!row) return Err(row.error());
  return *row ? stmt->Int(0) : 0;
}

}  // namespace

Status PrepareCaseSchema(store::Database& db) {
  Result<store::Transaction> txn = store::Transaction::Begin(db, store::Transaction::Mode::kWrite);
  if (!txn) return txn.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS case_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"));
  Result<std::int64_t> version = ReadCaseVersion(db);
  if (!version) return version.error();
  if (*version > kCaseSchemaVersion) {
    return Status::Unsupported("the case tables have schema version " + std::to_string(*version) +
                               ", newer than this build understands (" +
                               std::to_string(kCaseSchemaVersion) + "); upgrade interdict")
        .InFile(db.path());
  }
  if (*version == kCaseSchemaVersion) return txn->Commit();
  for (std::int64_t v = *version; v < kCaseSchemaVersion; ++v) {
    Status s = db.Exec(kMigrations[v]);
    if (!s.ok()) return s.Prepend("migrating the case tables to version " + std::to_string(v + 1));
  }
  Result<store::Statement> stamp = db.Prepare(
      "INSERT INTO case_meta (key, value) VALUES ('schema_version', ?1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stamp) return stamp.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(stamp->Bind(1, kCaseSchemaVersion).Run());
  return txn->Commit();
}

}  // namespace interdict::cases

namespace interdict {

Result<std::unique_ptr<CaseStore>> OpenSqliteCaseStore(const std::string& path) {
  Result<store::Database> db = store::Database::Open(path);
  if (!db) return Err(db.error());
  // The list store's preparation checks the file is an Interdict store (or
  // new) and sets WAL; the case tables are added beside its tables.
  INTERDICT_RETURN_IF_ERROR(store::PrepareSchema(*db));
  INTERDICT_RETURN_IF_ERROR(cases::PrepareCaseSchema(*db));
  return std::unique_ptr<CaseStore>(new cases::SqliteCaseStore(std::move(*db)));
}

}  // namespace interdict
