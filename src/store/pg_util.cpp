#include "store/pg_util.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace interdict::store {
namespace {

// How long connecting may take before it is reported as failed; a user's
// conninfo may set its own connect_timeout, which wins.
constexpr const char* kConnectTimeoutSeconds = "10";

// SQLSTATE class (the first two characters) -> StatusCode.
StatusCode CodeOfSqlState(std::string_view state) noexcept {
  std::string_view cls = state.substr(0, 2);
  if (cls == "08" || cls == "53" || cls == "57" || cls == "58") return StatusCode::kIoError;
  if (cls == "40" || cls == "23" || cls == "55") return StatusCode::kConflict;
  if (cls == "XX") return StatusCode::kCorrupt;
  if (cls == "22") return StatusCode::kInvalidArgument;
  if (cls == "28") return StatusCode::kIoError;  // authorisation
  return StatusCode::kInternal;
}

// libpq's messages end with a newline; Status messages do not.
std::string TrimMessage(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// postgresql://user@host:port/dbname of a (possibly failed) connection. The
// password is never part of it. A unix-socket folder stands in for the host.
std::string DescribeServer(const PGconn* conn) {
  auto text = [](const char* s) { return std::string(s != nullptr ? s : ""); };
  std::string host = text(PQhost(conn));
  if (host.empty()) host = "localhost";
  return "postgresql://" + text(PQuser(conn)) + "@" + host + ":" + text(PQport(conn)) + "/" +
         text(PQdb(conn));
}

}  // namespace

// ---- PgParams / PgResult ----------------------------------------------------

std::vector<const char*> PgParams::Pointers() const {
  std::vector<const char*> pointers;
  pointers.reserve(values_.size());
  for (const std::string& v : values_) pointers.push_back(v.c_str());
  return pointers;
}

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PgResult::~PgResult() { PQclear(result_); }

int PgResult::rows() const noexcept { return result_ != nullptr ? PQntuples(result_) : 0; }

std::string_view PgResult::Text(int row, int column) const noexcept {
  if (result_ == nullptr || PQgetisnull(result_, row, column)) return {};
  return {PQgetvalue(result_, row, column),
          static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

std::int64_t PgResult::Int(int row, int column) const noexcept {
  if (result_ == nullptr || PQgetisnull(result_, row, column)) return 0;
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

std::string_view PgResult::CommandTag() const noexcept {
  return result_ != nullptr ? PQcmdStatus(result_) : "";
}

// ---- PgConnection -----------------------------------------------------------

Result<PgConnection> PgConnection::Connect(const std::string& conninfo) {
  // Keywords are applied in order and later ones win: the defaults before the
  // user's conninfo (expanded from "dbname"), the encoding after it, because
  // the store reads and writes UTF-8 whatever the server's default is.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                            "client_encoding", nullptr};
  const char* values[] = {kConnectTimeoutSeconds, "interdict", conninfo.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Err(Status::Internal("libpq could not allocate a connection"));
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string server = DescribeServer(conn);
    std::string detail = TrimMessage(PQerrorMessage(conn));
    PQfinish(conn);
    return Err(Status::IoError("cannot connect to the PostgreSQL server: " + detail)
                   .InFile(std::move(server)));
  }
  // Notices ("relation already exists, skipping") are expected and not for
  // the user; libpq would print them on stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return PgConnection(conn, DescribeServer(conn));
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : transaction_depth(other.transaction_depth),
      conn_(std::exchange(other.conn_, nullptr)),
      server_(std::move(other.server_)),
      prepared_(std::move(other.prepared_)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  if (this != &other) {
    PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
    server_ = std::move(other.server_);
    prepared_ = std::move(other.prepared_);
    transaction_depth = other.transaction_depth;
  }
  return *this;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Status PgConnection::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  if (transaction_depth > 0) {
    return Error(StatusCode::kIoError, "the connection was lost", PQerrorMessage(conn_));
  }
  PQreset(conn_);
  prepared_.clear();  // prepared statements live and die with the session
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Error(StatusCode::kIoError, "reconnecting", PQerrorMessage(conn_));
  }
  return Status::Ok();
}

Status PgConnection::Error(StatusCode code, std::string_view what, std::string_view detail) const {
  std::string message(what);
  std::string trimmed = TrimMessage(std::string(detail).c_str());
  if (!trimmed.empty()) message += ": " + trimmed;
  return Status(code, std::move(message)).InFile(server_);
}

Result<PgResult> PgConnection::Check(PGresult* raw, std::string_view what) {
  PgResult result(raw);
  if (raw == nullptr) {
    return Err(Error(StatusCode::kIoError, what, PQerrorMessage(conn_)));
  }
  ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) {
    return result;
  }
  const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
  StatusCode code = state != nullptr ? CodeOfSqlState(state)
                                     : (PQstatus(conn_) == CONNECTION_OK ? StatusCode::kInternal
                                                                         : StatusCode::kIoError);
  return Err(Error(code, what, PQresultErrorMessage(raw)));
}

Result<PgResult> PgConnection::Exec(std::string_view sql) {
  std::string text(sql);
  return Check(PQexec(conn_, text.c_str()), text.substr(0, text.find_first_of(" \n")));
}

Result<PgResult> PgConnection::Query(const char* sql, const PgParams& params) {
  std::vector<const char*> values = params.Pointers();
  return Check(PQexecParams(conn_, sql, params.size(), nullptr, values.data(), nullptr, nullptr, 0),
               "query");
}

Result<PgResult> PgConnection::Run(const PgStatement& statement, const PgParams& params) {
  if (prepared_.count(statement.name) == 0) {
    Result<PgResult> prepared = Check(PQprepare(conn_, statement.name, statement.sql, 0, nullptr),
                                      std::string("preparing ") + statement.name);
    if (!prepared) return prepared;
    prepared_.emplace(statement.name);
  }
  std::vector<const char*> values = params.Pointers();
  return Check(
      PQexecPrepared(conn_, statement.name, params.size(), values.data(), nullptr, nullptr, 0),
      statement.name);
}

Status PgConnection::CopyIn(const char* copy_sql, std::string_view rows) {
  Result<PgResult> started = Check(PQexec(conn_, copy_sql), "COPY");
  if (!started) return started.error();
  // PQputCopyData takes an int length: send large loads in chunks.
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < rows.size(); at += kChunk) {
    std::size_t n = std::min(kChunk, rows.size() - at);
    if (PQputCopyData(conn_, rows.data() + at, static_cast<int>(n)) != 1) {
      return Error(StatusCode::kIoError, "sending COPY data", PQerrorMessage(conn_));
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) {
    return Error(StatusCode::kIoError, "ending COPY", PQerrorMessage(conn_));
  }
  // The COPY's own outcome, then the end of its results.
  Status status = Status::Ok();
  while (PGresult* raw = PQgetResult(conn_)) {
    Result<PgResult> checked = Check(raw, "COPY");
    if (!checked && status.ok()) status = checked.error();
  }
  return status;
}

void CopyField(std::string& row, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\':
        row += "\\\\";
        break;
      case '\t':
        row += "\\t";
        break;
      case '\n':
        row += "\\n";
        break;
      case '\r':
        row += "\\r";
        break;
      default:
        row += c;
    }
  }
}

// ---- PgTransaction ----------------------------------------------------------

Result<PgTransaction> PgTransaction::Begin(PgConnection& conn, Mode mode) {
  if (conn.transaction_depth > 0) {
    ++conn.transaction_depth;
    return PgTransaction(&conn, false);
  }
  if (Status s = conn.EnsureConnected(); !s.ok()) return Err(std::move(s));
  Result<PgResult> begun =
      conn.Exec(mode == Mode::kWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                     : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  if (!begun) return Err(begun.error());
  conn.transaction_depth = 1;
  return PgTransaction(&conn, true);
}

PgTransaction::~PgTransaction() {
  if (conn_ == nullptr) return;
  --conn_->transaction_depth;
  if (outermost_) (void)conn_->Exec("ROLLBACK");
}

Status PgTransaction::Commit() {
  PgConnection* conn = std::exchange(conn_, nullptr);
  if (conn == nullptr) return Status::Internal("transaction committed twice");
  --conn->transaction_depth;
  if (!outermost_) return Status::Ok();
  Result<PgResult> done = conn->Exec("COMMIT");
  if (!done) return done.error();
  // COMMIT of a transaction a failed statement aborted succeeds as ROLLBACK.
  if (done->CommandTag() != "COMMIT") {
    return conn->Error(StatusCode::kConflict, "the transaction was rolled back", "");
  }
  return Status::Ok();
}

}  // namespace interdict::store
