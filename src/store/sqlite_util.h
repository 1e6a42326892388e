// Thin RAII wrappers over the SQLite C API that report failures as Status.
//
// Database owns a connection; Statement owns a prepared statement; Transaction
// rolls back on destruction unless committed. Error messages carry the
// database path and SQLite's own explanation, and SQLite result codes map to
// StatusCode so that callers can tell a corrupt file (kCorrupt) from a
// locked or unwritable one (kIoError). None of these classes is thread-safe;
// the store serialises access.
#ifndef INTERDICT_STORE_SQLITE_UTIL_H_
#define INTERDICT_STORE_SQLITE_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "interdict/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace interdict::store {

class Database;

// A prepared statement. Bind() parameters count from 1, columns from 0.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, std::string_view text) noexcept;
  Statement& Bind(int index, std::int64_t value) noexcept;

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> Step() noexcept;
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE).
  Status Run() noexcept;
  // Makes the statement reusable with new bindings.
  void Reset() noexcept;

  std::int64_t Int(int column) const noexcept;
  std::string_view Text(int column) const noexcept;  // valid until the next Step()

 private:
  friend class Database;
  explicit Statement(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}

  Status Error(int rc) const;

  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;  // first failing sqlite3_bind_* result, reported by Step()
};

class Database {
 public:
  // Opens (creating if needed) the database file at `path` for reading and
  // writing. A file that cannot be written is refused with kIoError.
  static Result<Database> Open(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Result<Statement> Prepare(std::string_view sql) noexcept;
  // Runs one or more statements that return no rows of interest.
  Status Exec(const char* sql) noexcept;
  // Runs a query returning a single integer ("PRAGMA user_version").
  Result<std::int64_t> QueryInt(std::string_view sql) noexcept;

  // A Status for SQLite result `rc`, naming the database and `what` failed.
  Status Error(int rc, std::string_view what) const;

  const std::string& path() const noexcept { return path_; }

 private:
  Database(sqlite3* db, std::string path) noexcept : db_(db), path_(std::move(path)) {}

  sqlite3* db_ = nullptr;
  std::string path_;
};

// A transaction that rolls back when it goes out of scope uncommitted, so an
// early error return leaves the database as it was.
class Transaction {
 public:
  enum class Mode { kRead, kWrite };
  // kWrite takes the write lock up front (BEGIN IMMEDIATE), so a busy
  // database is reported at the start rather than half way through.
  static Result<Transaction> Begin(Database& db, Mode mode);

  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  Status Commit();

 private:
  explicit Transaction(Database* db) noexcept : db_(db) {}
  Database* db_;
};

}  // namespace interdict::store

#endif  // INTERDICT_STORE_SQLITE_UTIL_H_
