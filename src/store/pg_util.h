// Thin RAII wrappers over libpq that report failures as Status.
//
// PgConnection owns a connection and its prepared statements; PgResult owns a
// result; PgTransaction rolls back on destruction unless committed. Errors
// name the server as postgresql://user@host:port/dbname (never the password)
// and map SQLSTATE classes to StatusCode: a connection problem is kIoError, a
// serialisation failure or deadlock kConflict, damaged data kCorrupt. None of
// these classes is thread-safe; the store serialises access.
#ifndef INTERDICT_STORE_PG_UTIL_H_
#define INTERDICT_STORE_PG_UTIL_H_

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

struct pg_conn;
struct pg_result;

namespace interdict::store {

// Query parameters, sent in text format. Values are copied.
class PgParams {
 public:
  PgParams& Add(std::string_view text) {
    values_.emplace_back(text);
    return *this;
  }
  PgParams& Add(std::int64_t value) {
    values_.push_back(std::to_string(value));
    return *this;
  }
  std::vector<const char*> Pointers() const;
  int size() const noexcept { return static_cast<int>(values_.size()); }

 private:
  std::vector<std::string> values_;
};

// A query result. Rows and columns count from 0.
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* result) noexcept : result_(result) {}
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const noexcept;
  std::string_view Text(int row, int column) const noexcept;  // "" for NULL
  std::int64_t Int(int row, int column) const noexcept;       // 0 for NULL or non-numeric
  std::string_view CommandTag() const noexcept;               // "COMMIT", "INSERT 0 1", ...

 private:
  pg_result* result_ = nullptr;
};

// A named statement, prepared on a connection the first time it is used.
struct PgStatement {
  const char* name;
  const char* sql;
};

class PgConnection {
 public:
  // Connects with a libpq conninfo string or postgresql:// URI. A refused
  // connection or failed authentication is kIoError naming the server.
  static Result<PgConnection> Connect(const std::string& conninfo);

  PgConnection(PgConnection&& other) noexcept;
  PgConnection& operator=(PgConnection&& other) noexcept;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Reconnects when the connection was lost (a server restart), outside a
  // transaction; statements are prepared again on first use.
  Status EnsureConnected();

  // Runs one or more statements without parameters.
  Result<PgResult> Exec(std::string_view sql);
  // Runs a statement with parameters ($1, $2, ...), unprepared.
  Result<PgResult> Query(const char* sql, const PgParams& params);
  // Runs a named statement, preparing it on first use.
  Result<PgResult> Run(const PgStatement& statement, const PgParams& params);
  // COPY ... FROM STDIN with `rows` in text format (see CopyField).
  Status CopyIn(const char* copy_sql, std::string_view rows);

  // A Status naming the server for a failure described by `detail`.
  Status Error(StatusCode code, std::string_view what, std::string_view detail) const;

  // postgresql://user@host:port/dbname, for messages.
  const std::string& server() const noexcept { return server_; }

  // Transaction nesting (see PgTransaction).
  int transaction_depth = 0;

 private:
  PgConnection(pg_conn* conn, std::string server) noexcept
      : conn_(conn), server_(std::move(server)) {}
  // Checks a finished command's result; `what` describes it for errors.
  Result<PgResult> Check(pg_result* result, std::string_view what);

  pg_conn* conn_ = nullptr;
  std::string server_;
  std::set<std::string, std::less<>> prepared_;
};

// Appends `value` to a COPY text-format row, escaping what COPY treats
// specially (backslash, tab, newline, carriage return).
void CopyField(std::string& row, std::string_view value);

// A transaction that rolls back when it goes out of scope uncommitted. A
// transaction begun while another is open on the connection joins it: only
// the outermost one commits or rolls back, so a ForEach callback may call
// methods that open their own.
class PgTransaction {
 public:
  enum class Mode {
    kWrite,     // READ COMMITTED; writers serialise with locks
    kSnapshot,  // REPEATABLE READ READ ONLY: every read sees one snapshot
  };
  static Result<PgTransaction> Begin(PgConnection& conn, Mode mode);

  PgTransaction(PgTransaction&& other) noexcept
      : conn_(std::exchange(other.conn_, nullptr)), outermost_(other.outermost_) {}
  PgTransaction& operator=(PgTransaction&&) = delete;
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  ~PgTransaction();

  Status Commit();

 private:
  PgTransaction(PgConnection* conn, bool outermost) noexcept : conn_(conn), outermost_(outermost) {}
  PgConnection* conn_;
  bool outermost_;
};

}  // namespace interdict::store

#endif  // INTERDICT_STORE_PG_UTIL_H_
