#include "store/sqlite_util.h"

#include <sqlite3.h>

#include <utility>

namespace interdict::store {
namespace {

// How long a connection waits for another writer before giving up. Loading
// a large list takes well under a second, so this only trips on a stuck peer.
constexpr int kBusyTimeoutMs = 10'000;

StatusCode CodeOf(int rc) noexcept {
  switch (rc & 0xff) {  // the primary code of an extended result code
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kCorrupt;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return StatusCode::kIoError;
    case SQLITE_CONSTRAINT:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return StatusCode::kInvalidArgument;
    default:
      return StatusCode::kInternal;
  }
}

// Builds the Status for SQLite result `rc` on connection `db` (may be null).
Status SqliteError(sqlite3* db, int rc, std::string_view what, std::string_view path) {
  // sqlite3_errmsg() describes the last failure on this connection, which is
  // more specific than the generic text for `rc`.
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message;
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      message = "the store file is damaged or not a SQLite database (" + detail + ", during " +
                std::string(what) + ")";
      break;
    case SQLITE_CANTOPEN:
      message = std::string(what) + ": " + detail +
                "; check that the folder exists, is writable and the path is not a folder";
      break;
    default:
      message = std::string(what) + ": " + detail;
  }
  return Status(CodeOf(rc), std::move(message)).InFile(std::string(path));
}

}  // namespace

// ---- Statement -------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::string_view text) noexcept {
  int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) noexcept {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  return *this;
}

Result<bool> Statement::Step() noexcept {
  if (bind_error_ != SQLITE_OK) return Err(Error(bind_error_));
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Err(Error(rc));
}

Status Statement::Run() noexcept {
  Result<bool> row = Step();
  if (!row) return row.error();
  Reset();
  return Status::Ok();
}

Status Statement::Error(int rc) const {
  sqlite3* db = sqlite3_db_handle(stmt_);
  const char* path = sqlite3_db_filename(db, "main");
  return SqliteError(db, rc, sqlite3_sql(stmt_), path != nullptr ? path : "");
}

void Statement::Reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

std::int64_t Statement::Int(int column) const noexcept {
  return sqlite3_column_int64(stmt_, column);
}

std::string_view Statement::Text(int column) const noexcept {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

// ---- Database --------------------------------------------------------------

Result<Database> Database::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw, path);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) return Err(db.Error(rc, "cannot open the store"));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // SQLite silently falls back to read-only when the file is not writable;
  // the store must be able to write (WAL needs it even for readers).
  if (sqlite3_db_readonly(raw, "main") == 1) {
    return Err(
        Status::IoError("the store is read-only; check the file's permissions").InFile(path));
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Result<Statement> Database::Prepare(std::string_view sql) noexcept {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Err(Error(rc, sql));
  }
  return Statement(stmt);
}

Status Database::Exec(const char* sql) noexcept {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  return Status::Ok();
}

Result<std::int64_t> Database::QueryInt(std::string_view sql) noexcept {
  Result<Statement> stmt = Prepare(sql);
  if (!stmt) return Err(stmt.error());
  Result<bool> row = stmt->Step();
  if (!row) return Err(row.error());
  if (!*row) return Err(Status::Internal("query returned no row: " + std::string(sql)));
  return stmt->Int(0);
}

Status Database::Error(int rc, std::string_view what) const {
  return SqliteError(db_, rc, what, path_);
}

// ---- Transaction -------------------------------------------------------------

Result<Transaction> Transaction::Begin(Database& db, Mode mode) {
  Status s = db.Exec(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!s.ok()) return Err(std::move(s));
  return Transaction(&db);
}

Transaction::~Transaction() {
  // A failed ROLLBACK means SQLite already rolled back (e.g. after an I/O
  // error); nothing more can be done here.
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Database* db = std::exchange(db_, nullptr);
  Status s = db->Exec("COMMIT");
  if (!s.ok()) (void)db->Exec("ROLLBACK");
  return s;
}

}  // namespace interdict::store
