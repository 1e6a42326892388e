// SqliteCaseStore: alerts, comments and the allowlist.
#include <cmath>
#include <nlohmann/json.hpp>

#include "cases/case_store_common.h"
#include "cases/result_util.h"
#include "cases/sqlite_case_store.h"

namespace interdict::cases {

using store::Statement;
using store::Transaction;

namespace {

constexpr const char* kAlertColumns =
    "SELECT id, customer_id, customer_name, entity_id, entity_name, list, score_ppm, "
    "explanation, matched_name, list_version, basis, reason, customer_hash, entity_hash, status, "
    "assignee, proposed, proposed_by, decided_by, decision_note, entity_delisted, opened_at, "
    "updated_at, closed_at, revision FROM alerts ";

Result<Alert> ReadAlert(const Statement& stmt, const std::string& path) {
  Alert a;
  a.id = stmt.Int(0);
  a.customer_id = stmt.Text(1);
  a.customer_name = stmt.Text(2);
  a.entity_id = stmt.Text(3);
  a.entity_name = stmt.Text(4);
  a.list = stmt.Text(5);
  a.score = static_cast<double>(stmt.Int(6)) / 1e6;
  a.explanation = stmt.Text(7);
  a.matched_name = stmt.Text(8);
  a.list_version = stmt.Int(9);
  a.basis = stmt.Text(10);
  a.reason = stmt.Text(11);
  a.customer_hash = stmt.Text(12);
  a.entity_hash = stmt.Text(13);
  std::optional<AlertStatus> status = ParseAlertStatus(stmt.Text(14));
  std::optional<AlertStatus> proposed = ParseAlertStatus(stmt.Text(16));
  if (!status || !proposed) {
    return Err(Status::Corrupt("alert has an unknown status")
                   .InFile(path)
                   .AtElement("alerts/" + std::to_string(a.id)));
  }
  a.status = *status;
  a.assignee = stmt.Text(15);
  a.proposed = *proposed;
  a.proposed_by = stmt.Text(17);
  a.decided_by = stmt.Text(18);
  a.decision_note = stmt.Text(19);
  a.entity_delisted = stmt.Int(20) != 0;
  a.opened_at = stmt.Text(21);
  a.updated_at = stmt.Text(22);
  a.closed_at = stmt.Text(23);
  a.revision = stmt.Int(24);
  return a;
}

}  // namespace

Result<BatchOutcome> SqliteCaseStore::RecordScreening(const ScreeningBatch& batch) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO alerts (customer_id, customer_name, entity_id, entity_name, list, "
                  "score_ppm, explanation, matched_name, list_version, basis, reason, "
                  "customer_hash, entity_hash, status, assignee, proposed, proposed_by, "
                  "decided_by, decision_note, entity_delisted, opened_at, updated_at, closed_at, "
                  "revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                  "'open', '', 'open', '', '', '', 0, ?14, ?14, '', 1) "
                  "ON CONFLICT DO NOTHING RETURNING id"));
  BatchOutcome outcome;
  for (const Alert& a : batch.alerts) {
    insert.Reset();
    insert.Bind(1, a.customer_id).Bind(2, a.customer_name).Bind(3, a.entity_id);
    insert.Bind(4, a.entity_name).Bind(5, a.list).Bind(6, ToPpm(a.score));
    insert.Bind(7, a.explanation).Bind(8, a.matched_name).Bind(9, a.list_version);
    insert.Bind(10, a.basis).Bind(11, a.reason).Bind(12, a.customer_hash);
    insert.Bind(13, a.entity_hash).Bind(14, a.opened_at);
    ASSIGN_OR_RETURN(bool inserted, insert.Step());
    if (!inserted) {
      ++outcome.already_open;
      continue;
    }
    const std::int64_t id = insert.Int(0);
    outcome.opened.push_back(id);
    INTERDICT_RETURN_IF_ERROR(AppendAudit(
        {batch.actor, "alert.open", "alert:" + std::to_string(id), AlertOpenDetails(a)}));
  }
  insert.Reset();  // a RETURNING statement left mid-row would block COMMIT
  ASSIGN_OR_RETURN(Statement mark,
                   db_.Prepare("UPDATE customers SET screened_hash = ?2, screened_at = ?3 "
                               "WHERE id = ?1"));
  for (const auto& [id, hash] : batch.screened) {
    mark.Reset();
    INTERDICT_RETURN_IF_ERROR(mark.Bind(1, id).Bind(2, hash).Bind(3, batch.screened_at).Run());
  }
  if (!batch.checkpoint_key.empty()) {
    ASSIGN_OR_RETURN(Statement checkpoint,
                     db_.Prepare("INSERT INTO case_checkpoints (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    INTERDICT_RETURN_IF_ERROR(
        checkpoint.Bind(1, batch.checkpoint_key).Bind(2, batch.checkpoint_value).Run());
  }
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return outcome;
}

Result<std::vector<Alert>> SqliteCaseStore::QueryAlerts(std::string_view where_sql,
                                                        const std::vector<std::string>& args,
                                                        std::string_view tail_sql) {
  std::string sql = kAlertColumns;
  sql += where_sql;
  sql += ' ';
  sql += tail_sql;
  ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
  for (std::size_t i = 0; i < args.size(); ++i) stmt.Bind(static_cast<int>(i + 1), args[i]);
  std::vector<Alert> alerts;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ASSIGN_OR_RETURN(Alert a, ReadAlert(stmt, db_.path()));
    alerts.push_back(std::move(a));
  }
  return alerts;
}

Result<Alert> SqliteCaseStore::GetAlert(std::int64_t id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(std::vector<Alert> found,
                   QueryAlerts("WHERE id = " + std::to_string(id), {}, ""));
  if (found.empty()) return Err(Status::NotFound("no alert " + std::to_string(id)));
  return std::move(found.front());
}

Result<std::vector<Alert>> SqliteCaseStore::FindAlerts(const AlertFilter& filter) {
  std::lock_guard lock(mu_);
  std::string where = "WHERE 1";
  std::vector<std::string> args;
  auto add = [&](std::string_view clause, std::string value) {
    args.push_back(std::move(value));
    where += " AND ";
    where += clause;
    where += " ?" + std::to_string(args.size());
  };
  if (!filter.statuses.empty()) {
    where += " AND status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      args.emplace_back(AlertStatusName(filter.statuses[i]));
      where += (i ? ", ?" : "?") + std::to_string(args.size());
    }
    where += ")";
  }
  if (!filter.list.empty()) add("list =", filter.list);
  if (!filter.customer_id.empty()) add("customer_id =", filter.customer_id);
  if (!filter.entity_id.empty()) add("entity_id =", filter.entity_id);
  if (!filter.assignee.empty()) add("assignee =", filter.assignee);
  // Scores are numbers we format ourselves: safe to write into the SQL.
  if (filter.min_score) where += " AND score_ppm >= " + std::to_string(ToPpm(*filter.min_score));
  if (filter.max_score) where += " AND score_ppm <= " + std::to_string(ToPpm(*filter.max_score));
  if (!filter.opened_before.empty()) add("opened_at <", filter.opened_before);
  if (!filter.opened_after.empty()) add("opened_at >=", filter.opened_after);
  const std::string tail = "ORDER BY id DESC LIMIT " +
                           std::to_string(std::max<std::int64_t>(filter.limit, 0)) + " OFFSET " +
                           std::to_string(std::max<std::int64_t>(filter.offset, 0));
  return QueryAlerts(where, args, tail);
}

Result<Alert> SqliteCaseStore::UpdateAlert(const Alert& alert,
                                           const std::optional<AllowlistEntry>& allow,
                                           const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  // The revision check and the write are one statement: of two decisions
  // read at the same revision, exactly one matches the WHERE clause.
  ASSIGN_OR_RETURN(
      Statement update,
      db_.Prepare("UPDATE alerts SET status = ?3, assignee = ?4, proposed = ?5, proposed_by = ?6, "
                  "decided_by = ?7, decision_note = ?8, entity_delisted = ?9, updated_at = ?10, "
                  "closed_at = ?11, revision = revision + 1 "
                  "WHERE id = ?1 AND revision = ?2 RETURNING revision"));
  update.Bind(1, alert.id).Bind(2, alert.revision).Bind(3, AlertStatusName(alert.status));
  update.Bind(4, alert.assignee).Bind(5, AlertStatusName(alert.proposed));
  update.Bind(6, alert.proposed_by).Bind(7, alert.decided_by).Bind(8, alert.decision_note);
  update.Bind(9, std::int64_t{alert.entity_delisted ? 1 : 0}).Bind(10, alert.updated_at);
  update.Bind(11, alert.closed_at);
  ASSIGN_OR_RETURN(bool updated, update.Step());
  if (!updated) {
    update.Reset();
    ASSIGN_OR_RETURN(std::vector<Alert> current,
                     QueryAlerts("WHERE id = " + std::to_string(alert.id), {}, ""));
    if (current.empty()) return Err(Status::NotFound("no alert " + std::to_string(alert.id)));
    return Err(Status::Conflict(
        "alert " + std::to_string(alert.id) + " was changed by someone else (now revision " +
        std::to_string(current.front().revision) + ", status " +
        std::string(AlertStatusName(current.front().status)) + "); reload it and decide again"));
  }
  Alert saved = alert;
  saved.revision = update.Int(0);
  update.Reset();
  if (allow) {
    ASSIGN_OR_RETURN(
        Statement put,
        db_.Prepare("INSERT OR REPLACE INTO allowlist (customer_id, entity_id, customer_hash, "
                    "entity_hash, alert_id, created_by, created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    INTERDICT_RETURN_IF_ERROR(put.Bind(1, allow->customer_id)
                                  .Bind(2, allow->entity_id)
                                  .Bind(3, allow->customer_hash)
                                  .Bind(4, allow->entity_hash)
                                  .Bind(5, allow->alert_id)
                                  .Bind(6, allow->created_by)
                                  .Bind(7, allow->created_at)
                                  .Run());
  }
  INTERDICT_RETURN_IF_ERROR(AppendAudit(note));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<AlertComment> SqliteCaseStore::AddComment(const AlertComment& comment,
                                                 const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN(Statement exists, db_.Prepare("SELECT 1 FROM alerts WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool found, exists.Bind(1, comment.alert_id).Step());
  if (!found) return Err(Status::NotFound("no alert " + std::to_string(comment.alert_id)));
  ASSIGN_OR_RETURN(Statement insert,
                   db_.Prepare("INSERT INTO alert_comments (alert_id, author, text, at) "
                               "VALUES (?1, ?2, ?3, ?4) RETURNING id"));
  insert.Bind(1, comment.alert_id).Bind(2, comment.author).Bind(3, comment.text);
  ASSIGN_OR_RETURN(bool inserted, insert.Bind(4, comment.at).Step());
  if (!inserted) return Err(Status::Internal("inserting a comment returned no id"));
  AlertComment saved = comment;
  saved.id = insert.Int(0);
  insert.Reset();
  INTERDICT_RETURN_IF_ERROR(AppendAudit(note));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<std::vector<AlertComment>> SqliteCaseStore::Comments(std::int64_t alert_id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare("SELECT id, alert_id, author, text, at FROM alert_comments "
                               "WHERE alert_id = ?1 ORDER BY id"));
  stmt.Bind(1, alert_id);
  std::vector<AlertComment> comments;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    comments.push_back({stmt.Int(0), stmt.Int(1), std::string(stmt.Text(2)),
                        std::string(stmt.Text(3)), std::string(stmt.Text(4))});
  }
  return comments;
}

Result<std::optional<AllowlistEntry>> SqliteCaseStore::FindAllowlist(std::string_view customer_id,
                                                                     std::string_view entity_id) {
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare("SELECT customer_id, entity_id, customer_hash, entity_hash, "
                               "alert_id, created_by, created_at FROM allowlist "
                               "WHERE customer_id = ?1 AND entity_id = ?2"));
  ASSIGN_OR_RETURN(bool row, stmt.Bind(1, customer_id).Bind(2, entity_id).Step());
  if (!row) return std::optional<AllowlistEntry>();
  return AllowlistEntry{std::string(stmt.Text(0)),
                        std::string(stmt.Text(1)),
                        std::string(stmt.Text(2)),
                        std::string(stmt.Text(3)),
                        stmt.Int(4),
                        std::string(stmt.Text(5)),
                        std::string(stmt.Text(6))};
}

Result<PairHistory> SqliteCaseStore::History(std::string_view customer_id,
                                             std::string_view entity_id) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kRead));
  PairHistory history;
  const std::vector<std::string> args = {std::string(customer_id), std::string(entity_id)};
  ASSIGN_OR_RETURN(std::vector<Alert> open,
                   QueryAlerts("WHERE customer_id = ?1 AND entity_id = ?2 AND status IN "
                               "('open', 'in_review', 'awaiting_confirmation')",
                               args, "LIMIT 1"));
  if (!open.empty()) history.open = std::move(open.front());
  ASSIGN_OR_RETURN(std::vector<Alert> closed,
                   QueryAlerts("WHERE customer_id = ?1 AND entity_id = ?2 AND status IN "
                               "('closed_true_match', 'closed_false_positive', 'closed_delisted')",
                               args, "ORDER BY id DESC LIMIT 1"));
  if (!closed.empty()) history.last_closed = std::move(closed.front());
  ASSIGN_OR_RETURN(history.allowed, FindAllowlist(customer_id, entity_id));
  return history;
}

Result<std::vector<PairHistory>> SqliteCaseStore::Histories(const std::vector<Pair>& pairs) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kRead));
  // Two statements prepared once for the batch (History() prepares per call).
  ASSIGN_OR_RETURN(Statement alerts,
                   db_.Prepare(std::string(kAlertColumns) +
                               "WHERE customer_id = ?1 AND entity_id = ?2 ORDER BY id DESC"));
  ASSIGN_OR_RETURN(Statement allowed,
                   db_.Prepare("SELECT customer_id, entity_id, customer_hash, entity_hash, "
                               "alert_id, created_by, created_at FROM allowlist "
                               "WHERE customer_id = ?1 AND entity_id = ?2"));
  std::vector<PairHistory> histories(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    PairHistory& h = histories[i];
    alerts.Reset();
    alerts.Bind(1, pairs[i].first).Bind(2, pairs[i].second);
    for (;;) {
      ASSIGN_OR_RETURN(bool row, alerts.Step());
      if (!row) break;
      ASSIGN_OR_RETURN(Alert a, ReadAlert(alerts, db_.path()));
      if (!IsClosed(a.status)) {
        if (!h.open) h.open = std::move(a);
      } else if (!h.last_closed) {
        h.last_closed = std::move(a);  // rows come newest first
      }
    }
    allowed.Reset();
    ASSIGN_OR_RETURN(bool listed, allowed.Bind(1, pairs[i].first).Bind(2, pairs[i].second).Step());
    if (listed) {
      h.allowed = AllowlistEntry{std::string(allowed.Text(0)),
                                 std::string(allowed.Text(1)),
                                 std::string(allowed.Text(2)),
                                 std::string(allowed.Text(3)),
                                 allowed.Int(4),
                                 std::string(allowed.Text(5)),
                                 std::string(allowed.Text(6))};
    }
  }
  return histories;
}

Result<std::vector<AllowlistEntry>> SqliteCaseStore::Allowlist() {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(Statement stmt,
                   db_.Prepare("SELECT customer_id, entity_id, customer_hash, entity_hash, "
                               "alert_id, created_by, created_at FROM allowlist "
                               "ORDER BY customer_id, entity_id"));
  std::vector<AllowlistEntry> entries;
  for (;;) {
    ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    entries.push_back({std::string(stmt.Text(0)), std::string(stmt.Text(1)),
                       std::string(stmt.Text(2)), std::string(stmt.Text(3)), stmt.Int(4),
                       std::string(stmt.Text(5)), std::string(stmt.Text(6))});
  }
  return entries;
}

Status SqliteCaseStore::RemoveAllowlist(std::string_view customer_id, std::string_view entity_id,
                                        const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(Transaction txn, Transaction::Begin(db_, Transaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(
      Statement remove,
      db_.Prepare("DELETE FROM allowlist WHERE customer_id = ?1 AND entity_id = ?2 "
                  "RETURNING alert_id"));
  ASSIGN_OR_RETURN_STATUS(bool removed, remove.Bind(1, customer_id).Bind(2, entity_id).Step());
  if (!removed) {
    return Status::NotFound("no allowlist entry for customer '" + std::string(customer_id) +
                            "' and entity '" + std::string(entity_id) + "'");
  }
  remove.Reset();
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

}  // namespace interdict::cases
