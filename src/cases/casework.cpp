// Casework: users and roles, settings, the alert lifecycle and the audit
// chain's verification. Screening is in rescreen.cpp, imports in
// customer_import.cpp, designations in designations.cpp.
#include "interdict/casework.h"

#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cases/result_util.h"

namespace interdict {
namespace {

// A role or four-eyes refusal: its own code, so front ends map it (HTTP 403)
// without reading the message.
Status PermissionDenied(std::string message) {
  return Status::PermissionDenied("permission denied: " + std::move(message));
}

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// User names are attributed in every audit row: keep them printable.
Status CheckUserName(std::string_view name) {
  if (name.empty() || name.size() > 64) {
    return Status::InvalidArgument("a user name must be 1 to 64 characters");
  }
  for (unsigned char c : name) {
    if (c <= ' ' || c == 0x7f) {
      return Status::InvalidArgument("a user name may not contain spaces or control characters");
    }
  }
  return Status::Ok();
}

AlertStatus ClosedStatus(Decision decision) {
  return decision == Decision::kTrueMatch ? AlertStatus::kClosedTrueMatch
                                          : AlertStatus::kClosedFalsePositive;
}

Status AlreadyClosed(const Alert& alert) {
  return Status::Conflict("alert " + std::to_string(alert.id) + " is already " +
                          std::string(AlertStatusName(alert.status)) +
                          (alert.decided_by.empty() ? "" : " by " + alert.decided_by));
}

}  // namespace

Casework::Casework(Store& lists, CaseStore& cases, CaseworkOptions options)
    : lists_(lists), cases_(cases), options_(std::move(options)) {
  if (!options_.clock) options_.clock = NowUtc;
  if (options_.batch_size == 0) options_.batch_size = 1;
}

// ---------------------------------------------------------------------------
// Users and settings

Result<Role> Casework::Authorize(std::string_view actor, Role needed) {
  if (actor.empty()) return Err(PermissionDenied("no user given (use --user NAME)"));
  ASSIGN_OR_RETURN(std::vector<User> users, cases_.Users());
  if (users.empty()) return Role::kAdmin;  // a fresh install: nobody to check against
  for (const User& user : users) {
    if (user.name != actor) continue;
    if (user.role >= needed) return user.role;
    return Err(PermissionDenied("user '" + user.name + "' is " + std::string(RoleName(user.role)) +
                                "; this needs " + std::string(RoleName(needed))));
  }
  return Err(PermissionDenied("'" + std::string(actor) +
                              "' is not a registered user (interdict users add NAME --role R)"));
}

Status Casework::AddUser(std::string_view actor, std::string_view name, Role role) {
  INTERDICT_RETURN_STATUS_IF_ERROR(Authorize(actor, Role::kAdmin));
  INTERDICT_RETURN_STATUS_IF_ERROR(CheckUserName(name));
  User user{std::string(name), role, options_.clock(), std::string(actor)};
  return cases_.AddUser(user, {std::string(actor), "user.add", "user:" + user.name,
                               Dump({{"role", RoleName(role)}})});
}

Status Casework::SetSetting(std::string_view actor, std::string_view key, std::string_view value) {
  INTERDICT_RETURN_STATUS_IF_ERROR(Authorize(actor, Role::kAdmin));
  if (key == "four_eyes") {
    if (value != "on" && value != "off") {
      return Status::InvalidArgument("four_eyes must be 'on' or 'off', not '" + std::string(value) +
                                     "'");
    }
  } else if (key == "threshold") {
    char* end = nullptr;
    const std::string text(value);
    const double t = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(t > 0 && t <= 1)) {
      return Status::InvalidArgument("threshold must be a number in (0, 1], not '" + text + "'");
    }
  } else {
    return Status::InvalidArgument("unknown setting '" + std::string(key) +
                                   "' (known: four_eyes, threshold)");
  }
  ASSIGN_OR_RETURN_STATUS(std::optional<std::string> before, cases_.GetSetting(key));
  nlohmann::json details = {{"value", value}};
  details["before"] = before ? nlohmann::json(*before) : nlohmann::json(nullptr);
  return cases_.SetSetting(
      key, value,
      {std::string(actor), "setting.set", "setting:" + std::string(key), Dump(details)});
}

Result<std::vector<std::pair<std::string, std::string>>> Casework::Settings(
    std::string_view actor) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAnalyst));
  // The keys SetSetting knows, with the defaults docs/cases.md gives.
  std::vector<std::pair<std::string, std::string>> settings = {{"four_eyes", "off"},
                                                               {"threshold", "0.80"}};
  for (auto& [key, value] : settings) {
    ASSIGN_OR_RETURN(std::optional<std::string> stored, cases_.GetSetting(key));
    if (stored) value = std::move(*stored);
  }
  return settings;
}

Result<bool> Casework::FourEyes() {
  ASSIGN_OR_RETURN(std::optional<std::string> value, cases_.GetSetting("four_eyes"));
  return value && *value == "on";
}

Result<double> Casework::Threshold() {
  ASSIGN_OR_RETURN(std::optional<std::string> value, cases_.GetSetting("threshold"));
  return value ? std::strtod(value->c_str(), nullptr) : kDefaultThreshold;
}

// ---------------------------------------------------------------------------
// The alert lifecycle

Result<Alert> Casework::Transition(std::string_view actor, std::int64_t alert_id,
                                   std::int64_t revision, Role needed, std::string_view action,
                                   std::string_view note, const AlertChange& change) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, needed));
  ASSIGN_OR_RETURN(Alert alert, cases_.GetAlert(alert_id));
  if (revision != 0 && revision != alert.revision) {
    return Err(Status::Conflict("alert " + std::to_string(alert_id) + " is at revision " +
                                std::to_string(alert.revision) + ", not " +
                                std::to_string(revision) + "; reload it"));
  }
  const AlertStatus before = alert.status;
  std::optional<AllowlistEntry> allow;
  INTERDICT_RETURN_IF_ERROR(change(alert, allow));
  alert.updated_at = options_.clock();
  if (allow) allow->created_at = alert.updated_at;
  nlohmann::json details = {{"from", AlertStatusName(before)},
                            {"to", AlertStatusName(alert.status)},
                            {"revision", alert.revision + 1}};
  if (!note.empty()) details["note"] = note;
  if (!alert.assignee.empty()) details["assignee"] = alert.assignee;
  if (allow) details["allowlisted"] = true;
  return cases_.UpdateAlert(alert, allow,
                            {std::string(actor), std::string(action),
                             "alert:" + std::to_string(alert_id), Dump(details)});
}

Result<Alert> Casework::Assign(std::string_view actor, std::int64_t alert_id,
                               std::string_view assignee, std::int64_t revision) {
  if (!assignee.empty()) {
    ASSIGN_OR_RETURN(std::vector<User> users, cases_.Users());
    bool known = users.empty();
    for (const User& user : users) known = known || user.name == assignee;
    if (!known) {
      return Err(Status::InvalidArgument("cannot assign to '" + std::string(assignee) +
                                         "': not a registered user"));
    }
  }
  return Transition(actor, alert_id, revision, Role::kAnalyst, "alert.assign", "",
                    [&](Alert& alert, std::optional<AllowlistEntry>&) {
                      if (IsClosed(alert.status)) return AlreadyClosed(alert);
                      alert.assignee = std::string(assignee);
                      return Status::Ok();
                    });
}

Result<Alert> Casework::StartReview(std::string_view actor, std::int64_t alert_id,
                                    std::int64_t revision) {
  return Transition(actor, alert_id, revision, Role::kAnalyst, "alert.review", "",
                    [&](Alert& alert, std::optional<AllowlistEntry>&) {
                      if (alert.status != AlertStatus::kOpen) {
                        return Status::Conflict("alert " + std::to_string(alert.id) + " is " +
                                                std::string(AlertStatusName(alert.status)) +
                                                ", not open");
                      }
                      alert.status = AlertStatus::kInReview;
                      if (alert.assignee.empty()) alert.assignee = std::string(actor);
                      return Status::Ok();
                    });
}

Result<Alert> Casework::Decide(std::string_view actor, std::int64_t alert_id, Decision decision,
                               std::string_view note, std::int64_t revision) {
  ASSIGN_OR_RETURN(bool four_eyes, FourEyes());
  const std::string when = options_.clock();
  return Transition(
      actor, alert_id, revision, Role::kAnalyst, four_eyes ? "alert.propose" : "alert.decide", note,
      [&](Alert& alert, std::optional<AllowlistEntry>& allow) {
        if (IsClosed(alert.status)) return AlreadyClosed(alert);
        if (alert.status == AlertStatus::kAwaitingConfirmation) {
          return Status::Conflict("alert " + std::to_string(alert.id) + " awaits confirmation of " +
                                  std::string(AlertStatusName(alert.proposed)) + " proposed by " +
                                  alert.proposed_by);
        }
        alert.decision_note = std::string(note);
        if (four_eyes) {
          alert.status = AlertStatus::kAwaitingConfirmation;
          alert.proposed = ClosedStatus(decision);
          alert.proposed_by = std::string(actor);
          return Status::Ok();
        }
        alert.status = ClosedStatus(decision);
        alert.decided_by = std::string(actor);
        alert.closed_at = when;
        if (decision == Decision::kFalsePositive) {
          allow = AllowlistEntry{alert.customer_id,
                                 alert.entity_id,
                                 alert.customer_hash,
                                 alert.entity_hash,
                                 alert.id,
                                 std::string(actor),
                                 when};
        }
        return Status::Ok();
      });
}

Result<Alert> Casework::Confirm(std::string_view actor, std::int64_t alert_id, bool approve,
                                std::string_view note, std::int64_t revision) {
  const std::string when = options_.clock();
  return Transition(
      actor, alert_id, revision, Role::kReviewer, approve ? "alert.confirm" : "alert.reject", note,
      [&](Alert& alert, std::optional<AllowlistEntry>& allow) {
        if (IsClosed(alert.status)) return AlreadyClosed(alert);
        if (alert.status != AlertStatus::kAwaitingConfirmation) {
          return Status::InvalidArgument("alert " + std::to_string(alert.id) + " is " +
                                         std::string(AlertStatusName(alert.status)) +
                                         "; only a proposed closure can be confirmed or rejected");
        }
        if (alert.proposed_by == actor) {
          return PermissionDenied("four-eyes: " + alert.proposed_by +
                                  " proposed this closure; another user must confirm it");
        }
        if (!approve) {
          alert.status = AlertStatus::kInReview;
          alert.proposed = AlertStatus::kOpen;
          alert.proposed_by.clear();
          return Status::Ok();
        }
        alert.status = alert.proposed;
        alert.decided_by = std::string(actor);
        alert.closed_at = when;
        if (alert.status == AlertStatus::kClosedFalsePositive) {
          allow = AllowlistEntry{alert.customer_id,
                                 alert.entity_id,
                                 alert.customer_hash,
                                 alert.entity_hash,
                                 alert.id,
                                 alert.proposed_by,
                                 when};
        }
        return Status::Ok();
      });
}

Result<AlertComment> Casework::Comment(std::string_view actor, std::int64_t alert_id,
                                       std::string_view text) {
  INTERDICT_RETURN_IF_ERROR(Authorize(actor, Role::kAnalyst));
  if (text.empty()) return Err(Status::InvalidArgument("a comment needs text"));
  AlertComment comment{0, alert_id, std::string(actor), std::string(text), options_.clock()};
  return cases_.AddComment(comment, {std::string(actor), "alert.comment",
                                     "alert:" + std::to_string(alert_id), Dump({{"text", text}})});
}

Status Casework::RemoveAllowlist(std::string_view actor, std::string_view customer_id,
                                 std::string_view entity_id) {
  INTERDICT_RETURN_STATUS_IF_ERROR(Authorize(actor, Role::kReviewer));
  return cases_.RemoveAllowlist(
      customer_id, entity_id,
      {std::string(actor), "allowlist.remove", "customer:" + std::string(customer_id),
       Dump({{"entity", entity_id}})});
}

// ---------------------------------------------------------------------------
// Audit

AuditVerification Casework::VerifyAudit() {
  AuditVerification result;
  std::string prev(kAuditGenesisHash);
  Status s = cases_.ForEachAuditEvent([&](const AuditEvent& event) {
    const std::string where = "audit row " + std::to_string(event.seq);
    if (event.seq != result.rows + 1) {
      return Status::Corrupt("the audit trail jumps from row " + std::to_string(result.rows) +
                             " to row " + std::to_string(event.seq) + ": rows were deleted")
          .AtElement(where);
    }
    if (event.prev_hash != prev) {
      return Status::Corrupt("row " + std::to_string(event.seq) +
                             " does not chain to the row before it (a row before it was "
                             "changed, deleted or inserted)")
          .AtElement(where);
    }
    if (AuditEventHash(event) != event.hash) {
      return Status::Corrupt("row " + std::to_string(event.seq) +
                             " was altered after it was written (its content no longer matches "
                             "its hash)")
          .AtElement(where);
    }
    prev = event.hash;
    ++result.rows;
    return Status::Ok();
  });
  result.head = prev;
  result.status = std::move(s);
  return result;
}

Status Casework::RecordListLoad(std::string_view actor, const LoadOutcome& outcome) {
  const ListVersion& v = outcome.version;
  nlohmann::json details = {{"list", v.list},          {"version", v.number},
                            {"version_id", v.id},      {"sha256", v.sha256},
                            {"source", v.source},      {"entities", v.entities},
                            {"added", v.added},        {"removed", v.removed},
                            {"changed", v.changed},    {"created", outcome.created},
                            {"loaded_at", v.loaded_at}};
  return cases_.Audit({std::string(actor), "list.load",
                       "list:" + v.list + "/" + std::to_string(v.number), Dump(details)});
}

}  // namespace interdict
