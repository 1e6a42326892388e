// PostgresCaseStore: alerts, comments and the allowlist.
#include <map>
#include <utility>

#include "cases/case_store_common.h"
#include "cases/pg_case_store.h"
#include "cases/result_util.h"

namespace interdict::cases {

using store::PgParams;
using store::PgResult;
using store::PgStatement;
using store::PgTransaction;

namespace {

#define INTERDICT_PG_ALERT_COLUMNS                                                               \
  "SELECT id, customer_id, customer_name, entity_id, entity_name, list, score_ppm, "             \
  "explanation, matched_name, list_version, basis, reason, customer_hash, entity_hash, status, " \
  "assignee, proposed, proposed_by, decided_by, decision_note, entity_delisted, opened_at, "     \
  "updated_at, closed_at, revision FROM alerts "

#define INTERDICT_PG_OPEN_STATUSES "('open', 'in_review', 'awaiting_confirmation')"

// A batch's new alerts in one statement. Rows keep their input order, so ids
// rise in the order the screening found them; a pair that already has an
// open alert (or appears twice in the batch) is skipped by the partial
// unique index rather than failing the batch.
constexpr PgStatement kInsertAlerts{
    "cases_insert_alerts",
    "INSERT INTO alerts (customer_id, customer_name, entity_id, entity_name, list, score_ppm, "
    "explanation, matched_name, list_version, basis, reason, customer_hash, entity_hash, status, "
    "assignee, proposed, proposed_by, decided_by, decision_note, entity_delisted, opened_at, "
    "updated_at, closed_at, revision) "
    "SELECT b.c, b.cn, b.e, b.en, b.l, b.s, b.x, b.m, b.v, b.ba, b.r, b.ch, b.eh, 'open', '', "
    "'open', '', '', '', 0, b.o, b.o, '', 1 FROM unnest($1::text[], $2::text[], $3::text[], "
    "$4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::bigint[], $10::text[], "
    "$11::text[], $12::text[], $13::text[], $14::text[]) WITH ORDINALITY "
    "AS b(c, cn, e, en, l, s, x, m, v, ba, r, ch, eh, o, n) ORDER BY b.n "
    "ON CONFLICT DO NOTHING RETURNING id, customer_id, entity_id"};
constexpr PgStatement kMarkScreened{
    "cases_mark_screened",
    "UPDATE customers c SET screened_hash = u.hash, screened_at = $3 "
    "FROM unnest($1::text[], $2::text[]) AS u(id, hash) WHERE c.id = u.id"};
constexpr PgStatement kSetCheckpoint{"cases_set_checkpoint",
                                     "INSERT INTO case_checkpoints (key, value) VALUES ($1, $2) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
// The revision check and the write are one statement: of two decisions read
// at the same revision, the second finds the row changed once the first's
// lock is released and matches nothing.
constexpr PgStatement kUpdateAlert{
    "cases_update_alert",
    "UPDATE alerts SET status = $3, assignee = $4, proposed = $5, proposed_by = $6, "
    "decided_by = $7, decision_note = $8, entity_delisted = $9, updated_at = $10, "
    "closed_at = $11, revision = revision + 1 WHERE id = $1 AND revision = $2 RETURNING revision"};
constexpr PgStatement kPutAllowlist{
    "cases_put_allowlist",
    "INSERT INTO allowlist (customer_id, entity_id, customer_hash, entity_hash, alert_id, "
    "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (customer_id, entity_id) DO UPDATE SET customer_hash = excluded.customer_hash, "
    "entity_hash = excluded.entity_hash, alert_id = excluded.alert_id, "
    "created_by = excluded.created_by, created_at = excluded.created_at"};
#define INTERDICT_PG_ALLOWLIST_COLUMNS \
  "SELECT customer_id, entity_id, customer_hash, entity_hash, alert_id, created_by, created_at "
constexpr PgStatement kFindAllowlist{"cases_find_allowlist", INTERDICT_PG_ALLOWLIST_COLUMNS
                                     "FROM allowlist WHERE customer_id = $1 AND entity_id = $2"};
constexpr PgStatement kAllowlist{"cases_allowlist", INTERDICT_PG_ALLOWLIST_COLUMNS
                                 "FROM allowlist ORDER BY customer_id, entity_id"};
constexpr PgStatement kRemoveAllowlist{
    "cases_remove_allowlist",
    "DELETE FROM allowlist WHERE customer_id = $1 AND entity_id = $2 RETURNING alert_id"};
constexpr PgStatement kAlertExists{"cases_alert_exists",
                                   "SELECT 1 FROM alerts WHERE id = $1 FOR SHARE"};
constexpr PgStatement kAddComment{"cases_add_comment",
                                  "INSERT INTO alert_comments (alert_id, author, text, at) "
                                  "VALUES ($1, $2, $3, $4) RETURNING id"};
constexpr PgStatement kComments{"cases_comments",
                                "SELECT id, alert_id, author, text, at FROM alert_comments "
                                "WHERE alert_id = $1 ORDER BY id"};
constexpr PgStatement kGetAlert{"cases_get_alert", INTERDICT_PG_ALERT_COLUMNS "WHERE id = $1"};
constexpr PgStatement kOpenOnPair{
    "cases_open_on_pair", INTERDICT_PG_ALERT_COLUMNS
    "WHERE customer_id = $1 AND entity_id = $2 AND status IN " INTERDICT_PG_OPEN_STATUSES
    " LIMIT 1"};
constexpr PgStatement kLastClosedOnPair{
    "cases_last_closed_on_pair", INTERDICT_PG_ALERT_COLUMNS
    "WHERE customer_id = $1 AND entity_id = $2 AND status NOT IN " INTERDICT_PG_OPEN_STATUSES
    " ORDER BY id DESC LIMIT 1"};

// Every alert and allowlist entry of a batch of pairs, each row led by the
// pair's position (from 1); alerts newest first.
constexpr PgStatement kAlertsOfPairs{
    "cases_alerts_of_pairs",
    "SELECT p.n, a.id, a.customer_id, a.customer_name, a.entity_id, a.entity_name, a.list, "
    "a.score_ppm, a.explanation, a.matched_name, a.list_version, a.basis, a.reason, "
    "a.customer_hash, a.entity_hash, a.status, a.assignee, a.proposed, a.proposed_by, "
    "a.decided_by, a.decision_note, a.entity_delisted, a.opened_at, a.updated_at, a.closed_at, "
    "a.revision FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(c, e, n) "
    "JOIN alerts a ON a.customer_id = p.c AND a.entity_id = p.e ORDER BY p.n, a.id DESC"};
constexpr PgStatement kAllowlistOfPairs{
    "cases_allowlist_of_pairs",
    "SELECT p.n, l.customer_id, l.entity_id, l.customer_hash, l.entity_hash, l.alert_id, "
    "l.created_by, l.created_at FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(c, e, n) "
    "JOIN allowlist l ON l.customer_id = p.c AND l.entity_id = p.e"};

Result<Alert> ReadAlert(const PgResult& rows, int r, const std::string& server, int first = 0) {
  // Columns as INTERDICT_PG_ALERT_COLUMNS lists them, from column `first`.
  auto text = [&](int c) { return rows.Text(r, first + c); };
  auto integer = [&](int c) { return rows.Int(r, first + c); };
  Alert a;
  a.id = integer(0);
  a.customer_id = text(1);
  a.customer_name = text(2);
  a.entity_id = text(3);
  a.entity_name = text(4);
  a.list = text(5);
  a.score = static_cast<double>(integer(6)) / 1e6;
  a.explanation = text(7);
  a.matched_name = text(8);
  a.list_version = integer(9);
  a.basis = text(10);
  a.reason = text(11);
  a.customer_hash = text(12);
  a.entity_hash = text(13);
  std::optional<AlertStatus> status = ParseAlertStatus(text(14));
  std::optional<AlertStatus> proposed = ParseAlertStatus(text(16));
  if (!status || !proposed) {
    return Err(Status::Corrupt("alert has an unknown status")
                   .InFile(server)
                   .AtElement("alerts/" + std::to_string(a.id)));
  }
  a.status = *status;
  a.assignee = text(15);
  a.proposed = *proposed;
  a.proposed_by = text(17);
  a.decided_by = text(18);
  a.decision_note = text(19);
  a.entity_delisted = integer(20) != 0;
  a.opened_at = text(21);
  a.updated_at = text(22);
  a.closed_at = text(23);
  a.revision = integer(24);
  return a;
}

AllowlistEntry ReadAllowlist(const PgResult& rows, int r, int first = 0) {
  auto text = [&](int c) { return std::string(rows.Text(r, first + c)); };
  return {text(0), text(1), text(2), text(3), rows.Int(r, first + 4), text(5), text(6)};
}

}  // namespace

Status PostgresCaseStore::InsertAlerts(const ScreeningBatch& batch, BatchOutcome& outcome,
                                       std::vector<AuditNote>& notes) {
  if (batch.alerts.empty()) return Status::Ok();
  PgArray columns[14];
  for (const Alert& a : batch.alerts) {
    columns[0].Add(a.customer_id);
    columns[1].Add(a.customer_name);
    columns[2].Add(a.entity_id);
    columns[3].Add(a.entity_name);
    columns[4].Add(a.list);
    columns[5].Add(ToPpm(a.score));
    columns[6].Add(a.explanation);
    columns[7].Add(a.matched_name);
    columns[8].Add(a.list_version);
    columns[9].Add(a.basis);
    columns[10].Add(a.reason);
    columns[11].Add(a.customer_hash);
    columns[12].Add(a.entity_hash);
    columns[13].Add(a.opened_at);
  }
  PgParams params;
  for (const PgArray& column : columns) params.Add(column.Done());
  ASSIGN_OR_RETURN_STATUS(PgResult inserted, conn_.Run(kInsertAlerts, params));
  std::map<std::pair<std::string_view, std::string_view>, std::int64_t> ids;
  for (int r = 0; r < inserted.rows(); ++r) {
    ids.emplace(std::pair(inserted.Text(r, 1), inserted.Text(r, 2)), inserted.Int(r, 0));
  }
  for (const Alert& a : batch.alerts) {
    auto found = ids.find({a.customer_id, a.entity_id});
    if (found == ids.end()) {
      ++outcome.already_open;
      continue;
    }
    outcome.opened.push_back(found->second);
    notes.push_back(
        {batch.actor, "alert.open", "alert:" + std::to_string(found->second), AlertOpenDetails(a)});
    ids.erase(found);  // a second hit on the pair in this batch was skipped
  }
  return Status::Ok();
}

Result<BatchOutcome> PostgresCaseStore::RecordScreening(const ScreeningBatch& batch) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  BatchOutcome outcome;
  std::vector<AuditNote> notes;
  INTERDICT_RETURN_IF_ERROR(InsertAlerts(batch, outcome, notes));
  if (!batch.screened.empty()) {
    PgArray ids, hashes;
    for (const auto& [id, hash] : batch.screened) {
      ids.Add(id);
      hashes.Add(hash);
    }
    INTERDICT_RETURN_IF_ERROR(conn_.Run(
        kMarkScreened, PgParams().Add(ids.Done()).Add(hashes.Done()).Add(batch.screened_at)));
  }
  if (!batch.checkpoint_key.empty()) {
    INTERDICT_RETURN_IF_ERROR(conn_.Run(
        kSetCheckpoint, PgParams().Add(batch.checkpoint_key).Add(batch.checkpoint_value)));
  }
  INTERDICT_RETURN_IF_ERROR(AppendAudit(notes));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return outcome;
}

Result<std::vector<Alert>> PostgresCaseStore::QueryAlerts(const std::string& where_sql,
                                                          const PgParams& params) {
  INTERDICT_RETURN_IF_ERROR(Ready());
  const std::string sql = INTERDICT_PG_ALERT_COLUMNS + where_sql;
  ASSIGN_OR_RETURN(PgResult rows, conn_.Query(sql.c_str(), params));
  std::vector<Alert> alerts;
  alerts.reserve(static_cast<std::size_t>(rows.rows()));
  for (int r = 0; r < rows.rows(); ++r) {
    ASSIGN_OR_RETURN(Alert a, ReadAlert(rows, r, conn_.server()));
    alerts.push_back(std::move(a));
  }
  return alerts;
}

Result<Alert> PostgresCaseStore::GetAlert(std::int64_t id) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kGetAlert, PgParams().Add(id)));
  if (rows.rows() == 0) return Err(Status::NotFound("no alert " + std::to_string(id)));
  return ReadAlert(rows, 0, conn_.server());
}

Result<std::vector<Alert>> PostgresCaseStore::FindAlerts(const AlertFilter& filter) {
  std::lock_guard lock(mu_);
  std::string where = "WHERE true";
  PgParams params;
  auto add = [&](std::string_view clause, std::string_view value) {
    params.Add(value);
    where += " AND ";
    where += clause;
    where += " $" + std::to_string(params.size());
  };
  if (!filter.statuses.empty()) {
    where += " AND status IN (";
    for (std::size_t i = 0; i < filter.statuses.size(); ++i) {
      params.Add(AlertStatusName(filter.statuses[i]));
      where += (i ? ", $" : "$") + std::to_string(params.size());
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
  where += " ORDER BY id DESC LIMIT " + std::to_string(std::max<std::int64_t>(filter.limit, 0)) +
           " OFFSET " + std::to_string(std::max<std::int64_t>(filter.offset, 0));
  return QueryAlerts(where, params);
}

Result<Alert> PostgresCaseStore::UpdateAlert(const Alert& alert,
                                             const std::optional<AllowlistEntry>& allow,
                                             const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  ASSIGN_OR_RETURN(PgResult updated,
                   conn_.Run(kUpdateAlert, PgParams()
                                               .Add(alert.id)
                                               .Add(alert.revision)
                                               .Add(AlertStatusName(alert.status))
                                               .Add(alert.assignee)
                                               .Add(AlertStatusName(alert.proposed))
                                               .Add(alert.proposed_by)
                                               .Add(alert.decided_by)
                                               .Add(alert.decision_note)
                                               .Add(std::int64_t{alert.entity_delisted ? 1 : 0})
                                               .Add(alert.updated_at)
                                               .Add(alert.closed_at)));
  if (updated.rows() == 0) {
    ASSIGN_OR_RETURN(PgResult current, conn_.Run(kGetAlert, PgParams().Add(alert.id)));
    if (current.rows() == 0) return Err(Status::NotFound("no alert " + std::to_string(alert.id)));
    ASSIGN_OR_RETURN(Alert now, ReadAlert(current, 0, conn_.server()));
    return Err(Status::Conflict(
        "alert " + std::to_string(alert.id) + " was changed by someone else (now revision " +
        std::to_string(now.revision) + ", status " + std::string(AlertStatusName(now.status)) +
        "); reload it and decide again"));
  }
  Alert saved = alert;
  saved.revision = updated.Int(0, 0);
  if (allow) {
    INTERDICT_RETURN_IF_ERROR(conn_.Run(kPutAllowlist, PgParams()
                                                           .Add(allow->customer_id)
                                                           .Add(allow->entity_id)
                                                           .Add(allow->customer_hash)
                                                           .Add(allow->entity_hash)
                                                           .Add(allow->alert_id)
                                                           .Add(allow->created_by)
                                                           .Add(allow->created_at)));
  }
  INTERDICT_RETURN_IF_ERROR(AppendAudit(note));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<AlertComment> PostgresCaseStore::AddComment(const AlertComment& comment,
                                                   const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  ASSIGN_OR_RETURN(PgResult exists, conn_.Run(kAlertExists, PgParams().Add(comment.alert_id)));
  if (exists.rows() == 0) {
    return Err(Status::NotFound("no alert " + std::to_string(comment.alert_id)));
  }
  ASSIGN_OR_RETURN(
      PgResult inserted,
      conn_.Run(
          kAddComment,
          PgParams().Add(comment.alert_id).Add(comment.author).Add(comment.text).Add(comment.at)));
  if (inserted.rows() == 0) return Err(Status::Internal("inserting a comment returned no id"));
  AlertComment saved = comment;
  saved.id = inserted.Int(0, 0);
  INTERDICT_RETURN_IF_ERROR(AppendAudit(note));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return saved;
}

Result<std::vector<AlertComment>> PostgresCaseStore::Comments(std::int64_t alert_id) {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kComments, PgParams().Add(alert_id)));
  std::vector<AlertComment> comments;
  for (int r = 0; r < rows.rows(); ++r) {
    comments.push_back({rows.Int(r, 0), rows.Int(r, 1), std::string(rows.Text(r, 2)),
                        std::string(rows.Text(r, 3)), std::string(rows.Text(r, 4))});
  }
  return comments;
}

Result<std::optional<AllowlistEntry>> PostgresCaseStore::FindAllowlist(std::string_view customer_id,
                                                                       std::string_view entity_id) {
  ASSIGN_OR_RETURN(PgResult rows,
                   conn_.Run(kFindAllowlist, PgParams().Add(customer_id).Add(entity_id)));
  if (rows.rows() == 0) return std::optional<AllowlistEntry>();
  return std::optional<AllowlistEntry>(ReadAllowlist(rows, 0));
}

Result<PairHistory> PostgresCaseStore::History(std::string_view customer_id,
                                               std::string_view entity_id) {
  std::lock_guard lock(mu_);
  // One snapshot: a decision committing in between cannot be half seen.
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kSnapshot));
  PairHistory history;
  const PgParams pair = PgParams().Add(customer_id).Add(entity_id);
  ASSIGN_OR_RETURN(PgResult open, conn_.Run(kOpenOnPair, pair));
  if (open.rows() > 0) {
    ASSIGN_OR_RETURN(history.open, ReadAlert(open, 0, conn_.server()));
  }
  ASSIGN_OR_RETURN(PgResult closed, conn_.Run(kLastClosedOnPair, pair));
  if (closed.rows() > 0) {
    ASSIGN_OR_RETURN(history.last_closed, ReadAlert(closed, 0, conn_.server()));
  }
  ASSIGN_OR_RETURN(history.allowed, FindAllowlist(customer_id, entity_id));
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return history;
}

Result<std::vector<PairHistory>> PostgresCaseStore::Histories(const std::vector<Pair>& pairs) {
  std::lock_guard lock(mu_);
  std::vector<PairHistory> histories(pairs.size());
  if (pairs.empty()) return histories;
  PgArray customers, entities;
  for (const auto& [customer_id, entity_id] : pairs) {
    customers.Add(customer_id);
    entities.Add(entity_id);
  }
  const PgParams params = PgParams().Add(customers.Done()).Add(entities.Done());
  // Two statements for the whole batch in one snapshot; most pairs have no
  // history at all, so both usually return nothing.
  ASSIGN_OR_RETURN(PgTransaction txn, PgTransaction::Begin(conn_, PgTransaction::Mode::kSnapshot));
  ASSIGN_OR_RETURN(PgResult alerts, conn_.Run(kAlertsOfPairs, params));
  for (int r = 0; r < alerts.rows(); ++r) {
    PairHistory& h = histories[static_cast<std::size_t>(alerts.Int(r, 0) - 1)];
    ASSIGN_OR_RETURN(Alert a, ReadAlert(alerts, r, conn_.server(), 1));
    if (!IsClosed(a.status)) {
      if (!h.open) h.open = std::move(a);
    } else if (!h.last_closed) {
      h.last_closed = std::move(a);  // rows come newest first
    }
  }
  ASSIGN_OR_RETURN(PgResult allowed, conn_.Run(kAllowlistOfPairs, params));
  for (int r = 0; r < allowed.rows(); ++r) {
    histories[static_cast<std::size_t>(allowed.Int(r, 0) - 1)].allowed =
        ReadAllowlist(allowed, r, 1);
  }
  INTERDICT_RETURN_IF_ERROR(txn.Commit());
  return histories;
}

Result<std::vector<AllowlistEntry>> PostgresCaseStore::Allowlist() {
  std::lock_guard lock(mu_);
  INTERDICT_RETURN_IF_ERROR(Ready());
  ASSIGN_OR_RETURN(PgResult rows, conn_.Run(kAllowlist, PgParams()));
  std::vector<AllowlistEntry> entries;
  for (int r = 0; r < rows.rows(); ++r) entries.push_back(ReadAllowlist(rows, r));
  return entries;
}

Status PostgresCaseStore::RemoveAllowlist(std::string_view customer_id, std::string_view entity_id,
                                          const AuditNote& note) {
  std::lock_guard lock(mu_);
  ASSIGN_OR_RETURN_STATUS(PgTransaction txn,
                          PgTransaction::Begin(conn_, PgTransaction::Mode::kWrite));
  ASSIGN_OR_RETURN_STATUS(PgResult removed,
                          conn_.Run(kRemoveAllowlist, PgParams().Add(customer_id).Add(entity_id)));
  if (removed.rows() == 0) {
    return Status::NotFound("no allowlist entry for customer '" + std::string(customer_id) +
                            "' and entity '" + std::string(entity_id) + "'");
  }
  INTERDICT_RETURN_STATUS_IF_ERROR(AppendAudit(note));
  return txn.Commit();
}

}  // namespace interdict::cases
