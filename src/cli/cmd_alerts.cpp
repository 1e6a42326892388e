// interdict alerts list|show|review|assign|decide|confirm|comment|allowlist:
// the analyst's queue and the decisions on it.
#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "interdict/json.h"

namespace interdict::cli {
namespace {

struct AlertArgs {
  std::string user;
  std::int64_t id = 0;
  std::int64_t revision = 0;
  std::vector<std::string> statuses;
  std::string list, customer, entity, assignee;
  std::optional<double> min_score, max_score;
  int older_than_days = -1;
  std::int64_t limit = 100;
  std::string decision, note, text;
  bool reject = false;
  std::string remove_customer, remove_entity;
};

// The UTC time `days` ago, as the ISO text alerts are stamped with.
std::string DaysAgo(int days) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() -
                                                             std::chrono::hours(24 * days));
  std::tm utc{};
  gmtime_r(&t, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

std::string Score(double score) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << score;
  return out.str();
}

int RunList(const GlobalOptions& options, const AlertArgs& args) {
  AlertFilter filter;
  for (const std::string& s : args.statuses) {
    std::optional<AlertStatus> status = ParseAlertStatus(s);
    if (!status) return Fail(Status::InvalidArgument("unknown status '" + s + "'"));
    filter.statuses.push_back(*status);
  }
  filter.list = args.list;
  filter.customer_id = args.customer;
  filter.entity_id = args.entity;
  filter.assignee = args.assignee;
  filter.min_score = args.min_score;
  filter.max_score = args.max_score;
  if (args.older_than_days >= 0) filter.opened_before = DaysAgo(args.older_than_days);
  filter.limit = args.limit;
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Result<std::vector<Alert>> alerts = session->cases->FindAlerts(filter);
  if (!alerts) return Fail(alerts.error());
  if (options.json) {
    for (const Alert& a : *alerts) std::cout << AlertToJson(a) << "\n";
    return kExitOk;
  }
  Table table({"ID", "STATUS", "SCORE", "CUSTOMER", "ENTITY", "LIST", "OPENED", "ASSIGNEE"});
  for (const Alert& a : *alerts) {
    table.AddRow({std::to_string(a.id),
                  std::string(AlertStatusName(a.status)) + (a.entity_delisted ? " (delisted)" : ""),
                  Score(a.score), a.customer_id + " " + a.customer_name,
                  a.entity_id + " " + a.entity_name, a.list, a.opened_at, OrDash(a.assignee)});
  }
  if (table.empty()) {
    std::cout << "No alerts match.\n";
  } else {
    table.Print(std::cout);
  }
  return kExitOk;
}

int RunShow(const GlobalOptions& options, const AlertArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Result<Alert> alert = session->cases->GetAlert(args.id);
  if (!alert) return Fail(alert.error());
  Result<std::vector<AlertComment>> comments = session->cases->Comments(args.id);
  if (!comments) return Fail(comments.error());
  Result<Customer> customer = session->cases->GetCustomer(alert->customer_id);
  // The entity as it was in the version the hit was found in.
  Result<Entity> entity = session->lists->GetEntity(alert->entity_id, alert->list_version);
  if (options.json) {
    nlohmann::json json = nlohmann::json::parse(AlertToJson(*alert));
    json["comments"] = nlohmann::json::array();
    for (const AlertComment& c : *comments)
      json["comments"].push_back(nlohmann::json::parse(CommentToJson(c)));
    json["customer"] = customer ? nlohmann::json::parse(CustomerRecordJson(customer->record))
                                : nlohmann::json(nullptr);
    json["entity"] =
        entity ? nlohmann::json::parse(EntityToJson(*entity)) : nlohmann::json(nullptr);
    std::cout << json.dump(2) << "\n";
    return kExitOk;
  }
  const Alert& a = *alert;
  std::cout << "alert " << a.id << " (revision " << a.revision
            << "): " << AlertStatusName(a.status);
  if (a.status == AlertStatus::kAwaitingConfirmation) {
    std::cout << " -> " << AlertStatusName(a.proposed) << " proposed by " << a.proposed_by;
  }
  if (a.entity_delisted) std::cout << " [entity delisted since]";
  std::cout << "\n  score     " << Score(a.score) << "  (" << a.reason << ")\n"
            << "  customer  " << a.customer_id << "  "
            << (customer ? CustomerRecordJson(customer->record) : a.customer_name) << "\n"
            << "  entity    " << a.entity_id << "  " << a.entity_name << "  [" << a.list
            << ", version id " << a.list_version << "]\n"
            << "  matched   " << a.matched_name << "\n"
            << "  basis     " << a.basis << "\n"
            << "  why       " << a.explanation << "\n"
            << "  opened    " << a.opened_at << "  assignee " << OrDash(a.assignee) << "\n";
  if (IsClosed(a.status)) {
    std::cout << "  closed    " << a.closed_at << " by " << a.decided_by << ": "
              << OrDash(a.decision_note) << "\n";
  }
  for (const AlertComment& c : *comments) {
    std::cout << "  comment   " << c.at << " " << c.author << ": " << c.text << "\n";
  }
  return kExitOk;
}

// Prints the alert after a change, or fails.
int Report(const GlobalOptions& options, const Result<Alert>& alert) {
  if (!alert) return Fail(alert.error());
  if (options.json) {
    std::cout << AlertToJson(*alert) << "\n";
  } else {
    std::cout << "alert " << alert->id << ": " << AlertStatusName(alert->status) << " (revision "
              << alert->revision << ")\n";
  }
  return kExitOk;
}

int RunChange(const GlobalOptions& options, const AlertArgs& args, std::string_view what) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  Casework& work = *session->work;
  if (what == "review") return Report(options, work.StartReview(args.user, args.id, args.revision));
  if (what == "assign") {
    return Report(options, work.Assign(args.user, args.id, args.assignee, args.revision));
  }
  if (what == "confirm") {
    return Report(options,
                  work.Confirm(args.user, args.id, !args.reject, args.note, args.revision));
  }
  if (what == "comment") {
    Result<AlertComment> comment = work.Comment(args.user, args.id, args.text);
    if (!comment) return Fail(comment.error());
    std::cout << (options.json ? CommentToJson(*comment) : "comment added") << "\n";
    return kExitOk;
  }
  Decision decision;
  if (args.decision == "true_match") {
    decision = Decision::kTrueMatch;
  } else if (args.decision == "false_positive") {
    decision = Decision::kFalsePositive;
  } else {
    return Fail(Status::InvalidArgument("decide true_match or false_positive, not '" +
                                        args.decision + "'"));
  }
  return Report(options, work.Decide(args.user, args.id, decision, args.note, args.revision));
}

int RunAllowlist(const GlobalOptions& options, const AlertArgs& args) {
  Result<CaseSession> session = OpenCases(options, StoreMode::kExisting);
  if (!session) return Fail(session.error());
  if (!args.remove_customer.empty()) {
    Status s = session->work->RemoveAllowlist(args.user, args.remove_customer, args.remove_entity);
    if (!s.ok()) return Fail(s);
    std::cout << "removed\n";
    return kExitOk;
  }
  Result<std::vector<AllowlistEntry>> entries = session->cases->Allowlist();
  if (!entries) return Fail(entries.error());
  Table table({"CUSTOMER", "ENTITY", "ALERT", "BY", "AT"});
  for (const AllowlistEntry& e : *entries) {
    if (options.json) {
      std::cout << nlohmann::json({{"customer_id", e.customer_id},
                                   {"entity_id", e.entity_id},
                                   {"customer_hash", e.customer_hash},
                                   {"entity_hash", e.entity_hash},
                                   {"alert_id", e.alert_id},
                                   {"created_by", e.created_by},
                                   {"created_at", e.created_at}})
                       .dump()
                << "\n";
    }
    table.AddRow(
        {e.customer_id, e.entity_id, std::to_string(e.alert_id), e.created_by, e.created_at});
  }
  if (!options.json) table.Print(std::cout);
  return kExitOk;
}

CLI::App* AlertCommand(CLI::App* alerts, const char* name, const char* help, AlertArgs& args) {
  auto* cmd = alerts->add_subcommand(name, help);
  cmd->add_option("id", args.id, "Alert id")->required();
  cmd->add_option("--revision", args.revision,
                  "Fail with a conflict unless the alert is still at this revision");
  AddUserOption(cmd, args.user);
  return cmd;
}

}  // namespace

void RegisterAlerts(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<AlertArgs>();
  auto* alerts = app.add_subcommand("alerts", "The alert queue and decisions");
  alerts->require_subcommand(1);
  auto* list = alerts->add_subcommand("list", "Alerts, newest first, filtered");
  list->add_option("--status", args->statuses,
                   "open, in_review, awaiting_confirmation, closed_true_match, "
                   "closed_false_positive, closed_delisted (repeatable)");
  list->add_option("--list", args->list, "Only hits on this list");
  list->add_option("--customer", args->customer, "Only this customer");
  list->add_option("--entity", args->entity, "Only this entity");
  list->add_option("--assignee", args->assignee, "Only alerts assigned to this user");
  list->add_option("--min-score", args->min_score, "Score at least");
  list->add_option("--max-score", args->max_score, "Score at most");
  list->add_option("--older-than", args->older_than_days, "Opened more than DAYS ago");
  list->add_option("--limit", args->limit, "At most this many (default 100)");
  list->callback([&options, &exit_code, args] { exit_code = RunList(options, *args); });

  auto* show =
      alerts->add_subcommand("show", "One alert: customer and entity, explanation, history");
  show->add_option("id", args->id, "Alert id")->required();
  show->callback([&options, &exit_code, args] { exit_code = RunShow(options, *args); });

  AlertCommand(alerts, "review", "Start reviewing an open alert", *args)
      ->callback([&options, &exit_code, args] { exit_code = RunChange(options, *args, "review"); });
  auto* assign = AlertCommand(alerts, "assign", "Assign an alert to a user", *args);
  assign->add_option("assignee", args->assignee, "User (empty to unassign)")->required();
  assign->callback(
      [&options, &exit_code, args] { exit_code = RunChange(options, *args, "assign"); });
  auto* decide = AlertCommand(alerts, "decide", "Close as true_match or false_positive", *args);
  decide->add_option("decision", args->decision, "true_match or false_positive")->required();
  decide->add_option("--note", args->note, "Why");
  decide->callback(
      [&options, &exit_code, args] { exit_code = RunChange(options, *args, "decide"); });
  auto* confirm =
      AlertCommand(alerts, "confirm", "Four-eyes: confirm (or --reject) a closure", *args);
  confirm->add_flag("--reject", args->reject, "Send it back to review instead");
  confirm->add_option("--note", args->note, "Why");
  confirm->callback(
      [&options, &exit_code, args] { exit_code = RunChange(options, *args, "confirm"); });
  auto* comment = AlertCommand(alerts, "comment", "Add a comment", *args);
  comment->add_option("text", args->text, "The comment")->required();
  comment->callback(
      [&options, &exit_code, args] { exit_code = RunChange(options, *args, "comment"); });

  auto* allow = alerts->add_subcommand("allowlist", "Pairs closed as false positives");
  allow->add_option("--remove", args->remove_customer, "Remove the entry of this customer...");
  allow->add_option("--entity", args->remove_entity, "...and this entity");
  AddUserOption(allow, args->user);
  allow->callback([&options, &exit_code, args] { exit_code = RunAllowlist(options, *args); });
}

}  // namespace interdict::cli
