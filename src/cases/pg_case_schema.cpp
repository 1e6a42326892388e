// The case tables on PostgreSQL, and opening a case store on either backend.
//
// The tables mirror the SQLite ones (sqlite_case_schema.cpp) column for
// column, so raw SQL in tests and tools reads the same on both. They are
// versioned as component "case store" in interdict_schema, migrated by the
// list store's PreparePgComponent under its advisory lock.
#include <iterator>
#include <memory>
#include <string>

#include "cases/pg_case_store.h"
#include "interdict/store.h"
#include "store/pg_schema.h"

namespace interdict::cases {
namespace {

// Append only. Sorted and compared ids use the "C" collation so that they
// order byte-wise as in SQLite, whatever the database's locale.
constexpr const char* kCaseMigrations[] = {
    // 0 -> 1: users, settings, customers, alerts, comments, allowlist,
    // designations, checkpoints, audit.
    R"sql(
CREATE TABLE case_users (
  name       TEXT COLLATE "C" PRIMARY KEY,
  role       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE case_settings (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE case_checkpoints (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE customers (
  id            TEXT COLLATE "C" PRIMARY KEY,
  record        TEXT NOT NULL,
  record_hash   TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  screened_hash TEXT NOT NULL DEFAULT '',
  screened_at   TEXT NOT NULL DEFAULT ''
);
-- Customers changed since their last full screening, for the delta run's
-- "changed customers" pass: usually none, so it costs nothing to find them.
CREATE INDEX customers_stale ON customers (id) WHERE screened_hash <> record_hash;
CREATE TABLE alerts (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id     TEXT   COLLATE "C" NOT NULL,
  customer_name   TEXT   NOT NULL,
  entity_id       TEXT   COLLATE "C" NOT NULL,
  entity_name     TEXT   NOT NULL,
  list            TEXT   COLLATE "C" NOT NULL,
  score_ppm       BIGINT NOT NULL,
  explanation     TEXT   NOT NULL,
  matched_name    TEXT   NOT NULL,
  list_version    BIGINT NOT NULL,
  basis           TEXT   NOT NULL,
  reason          TEXT   NOT NULL,
  customer_hash   TEXT   NOT NULL,
  entity_hash     TEXT   NOT NULL,
  status          TEXT   NOT NULL,
  assignee        TEXT   NOT NULL,
  proposed        TEXT   NOT NULL,
  proposed_by     TEXT   NOT NULL,
  decided_by      TEXT   NOT NULL,
  decision_note   TEXT   NOT NULL,
  entity_delisted INTEGER NOT NULL,
  opened_at       TEXT   COLLATE "C" NOT NULL,
  updated_at      TEXT   NOT NULL,
  closed_at       TEXT   NOT NULL,
  revision        BIGINT NOT NULL
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (customer_id, entity_id)
  WHERE status IN ('open', 'in_review', 'awaiting_confirmation');
CREATE INDEX alerts_by_pair ON alerts (customer_id, entity_id, id);
CREATE INDEX alerts_by_entity ON alerts (entity_id);
CREATE INDEX alerts_by_status ON alerts (status, opened_at);
CREATE TABLE alert_comments (
  id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id BIGINT NOT NULL REFERENCES alerts (id),
  author   TEXT   NOT NULL,
  text     TEXT   NOT NULL,
  at       TEXT   NOT NULL
);
CREATE INDEX alert_comments_by_alert ON alert_comments (alert_id, id);
CREATE TABLE allowlist (
  customer_id   TEXT   COLLATE "C" NOT NULL,
  entity_id     TEXT   COLLATE "C" NOT NULL,
  customer_hash TEXT   NOT NULL,
  entity_hash   TEXT   NOT NULL,
  alert_id      BIGINT NOT NULL REFERENCES alerts (id),
  created_by    TEXT   NOT NULL,
  created_at    TEXT   NOT NULL,
  PRIMARY KEY (customer_id, entity_id)
);
CREATE TABLE designations (
  number         BIGINT PRIMARY KEY,
  entity         TEXT   NOT NULL,
  reason         TEXT   NOT NULL,
  evidence       TEXT   NOT NULL,
  author         TEXT   NOT NULL,
  created_at     TEXT   NOT NULL,
  updated_at     TEXT   NOT NULL,
  expires        TEXT   NOT NULL,
  removed_at     TEXT   NOT NULL,
  removed_by     TEXT   NOT NULL,
  removed_reason TEXT   NOT NULL,
  revision       BIGINT NOT NULL
);
CREATE TABLE audit (
  seq       BIGINT PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
-- Append-only for the application; the chain catches anyone who bypasses it.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
)sql",
    // 1 -> 2: an alert's history (its audit rows) without reading the trail.
    R"sql(
CREATE INDEX audit_by_subject ON audit (subject, seq);
)sql",
};

constexpr const char* kCaseTables[] = {"case_users", "customers", "alerts", "audit"};

}  // namespace

PgArray& PgArray::Add(std::string_view value) {
  if (text_.size() > 1) text_ += ',';
  text_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += c;
  }
  text_ += '"';
  return *this;
}

Status PostgresCaseStore::Ready() {
  if (conn_.transaction_depth > 0) return Status::Ok();
  return conn_.EnsureConnected();
}

}  // namespace interdict::cases

namespace interdict {

Result<std::unique_ptr<CaseStore>> OpenPostgresCaseStore(const std::string& conninfo) {
  Result<store::PgConnection> conn = store::PgConnection::Connect(conninfo);
  if (!conn) return Err(conn.error());
  const store::PgComponent component{"case store", cases::kCaseMigrations,
                                     static_cast<std::int64_t>(std::size(cases::kCaseMigrations)),
                                     cases::kCaseTables, std::size(cases::kCaseTables)};
  INTERDICT_RETURN_IF_ERROR(store::PreparePgComponent(*conn, component));
  return std::unique_ptr<CaseStore>(new cases::PostgresCaseStore(std::move(*conn)));
}

Result<std::unique_ptr<CaseStore>> OpenCaseStore(const std::string& location) {
  if (IsPostgresLocation(location)) return OpenPostgresCaseStore(location);
  return OpenSqliteCaseStore(location);
}

}  // namespace interdict
