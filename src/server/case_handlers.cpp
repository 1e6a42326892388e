// Alerts, the allowlist and customers over HTTP: GET /v1/alerts,
// GET /v1/alerts/{id}, POST /v1/alerts/{id}/{assign,decide,confirm,comments},
// GET|DELETE /v1/allowlist, POST /v1/customers/import, GET /v1/customers/{id}.
#include "server/case_handlers.h"

#include <chrono>
#include <ctime>
#include <optional>

#include "cases/result_util.h"
#include "interdict/json.h"
#include "server/http_util.h"
#include "server/requests.h"
#include "server/server.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using namespace casehttp;

constexpr std::int64_t kMaxAlertPage = 500;
constexpr std::int64_t kDefaultAlertPage = 50;

// The UTC time `days` ago, as alerts are stamped ("2026-11-27T10:00:00Z").
std::string DaysAgo(std::int64_t days) {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() -
                                                             std::chrono::hours(24 * days));
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// status=open,in_review (or the groups "active" and "closed").
Status AddStatuses(std::string_view text, std::vector<AlertStatus>& out) {
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
    if (name == "active") {
      out.insert(out.end(),
                 {AlertStatus::kOpen, AlertStatus::kInReview, AlertStatus::kAwaitingConfirmation});
    } else if (name == "closed") {
      out.insert(out.end(), {AlertStatus::kClosedTrueMatch, AlertStatus::kClosedFalsePositive,
                             AlertStatus::kClosedDelisted});
    } else if (std::optional<AlertStatus> status = ParseAlertStatus(name)) {
      out.push_back(*status);
    } else {
      return Status::InvalidArgument("unknown alert status \"" + std::string(name) + "\"")
          .AtElement("status");
    }
  }
  return Status::Ok();
}

Result<AlertFilter> FilterOf(const httplib::Request& req) {
  AlertFilter filter;
  INTERDICT_RETURN_IF_ERROR(AddStatuses(req.get_param_value("status"), filter.statuses));
  filter.list = req.get_param_value("list");
  filter.assignee = req.get_param_value("assignee");
  filter.customer_id = req.get_param_value("customer");
  filter.entity_id = req.get_param_value("entity");
  if (req.has_param("min_score")) {
    ASSIGN_OR_RETURN(filter.min_score, NumberParam(req, "min_score", 0, 0, 1));
  }
  if (req.has_param("max_score")) {
    ASSIGN_OR_RETURN(filter.max_score, NumberParam(req, "max_score", 1, 0, 1));
  }
  if (req.has_param("max_age_days")) {
    ASSIGN_OR_RETURN(std::int64_t days, IntParam(req, "max_age_days", 0, 0, 36500));
    filter.opened_after = DaysAgo(days);
  }
  if (req.has_param("min_age_days")) {
    ASSIGN_OR_RETURN(std::int64_t days, IntParam(req, "min_age_days", 0, 0, 36500));
    filter.opened_before = DaysAgo(days);
  }
  ASSIGN_OR_RETURN(filter.offset, IntParam(req, "offset", 0, 0, INT32_MAX));
  ASSIGN_OR_RETURN(filter.limit, IntParam(req, "limit", kDefaultAlertPage, 1, kMaxAlertPage));
  return filter;
}

json AlertJson(const Alert& alert) { return json::parse(AlertToJson(alert)); }

// The alert named by the path, or a 404 naming the id.
Result<Alert> AlertOf(const Call& call, Casework& work) {
  ASSIGN_OR_RETURN(std::int64_t id, IdParam(call, "id"));
  Result<Alert> alert = work.cases().GetAlert(id);
  if (!alert && alert.error().code() == StatusCode::kNotFound) {
    return Err(Status::NotFound("no alert " + std::to_string(id)).AtElement("id"));
  }
  return alert;
}

// The audit rows about one alert, oldest first (an indexed query).
Result<json> AlertHistory(Casework& work, std::int64_t id) {
  ASSIGN_OR_RETURN(std::vector<AuditEvent> events,
                   work.cases().AuditEventsAbout("alert:" + std::to_string(id)));
  json rows = json::array();
  for (const AuditEvent& event : events) rows.push_back(json::parse(AuditEventToJson(event)));
  return rows;
}

Result<json> AlertDetail(Casework& work, const Alert& alert) {
  json out = {{"alert", AlertJson(alert)}, {"user", RequestUser()}};
  ASSIGN_OR_RETURN(out["four_eyes"], work.FourEyes());
  Result<Customer> customer = work.cases().GetCustomer(alert.customer_id);
  out["customer"] = customer ? json::parse(CustomerRecordJson(customer->record)) : json(nullptr);
  // The entity as it was in the version the hit was found in.
  Result<Entity> entity = work.lists().GetEntity(alert.entity_id, alert.list_version);
  out["entity"] = entity ? json::parse(EntityToJson(*entity)) : json(nullptr);
  ASSIGN_OR_RETURN(std::vector<AlertComment> comments, work.cases().Comments(alert.id));
  out["comments"] = json::array();
  for (const AlertComment& c : comments) out["comments"].push_back(json::parse(CommentToJson(c)));
  ASSIGN_OR_RETURN(out["history"], AlertHistory(work, alert.id));
  AlertFilter pair;
  pair.customer_id = alert.customer_id;
  pair.entity_id = alert.entity_id;
  pair.limit = 20;
  ASSIGN_OR_RETURN(std::vector<Alert> related, work.cases().FindAlerts(pair));
  out["related"] = json::array();
  for (const Alert& other : related) {
    if (other.id != alert.id) out["related"].push_back(AlertJson(other));
  }
  return out;
}

void SendAlert(const Call& call, const Result<Alert>& alert) {
  if (!alert) return SendStatus(call.res, alert.error());
  SendJson(call.res, AlertToJson(*alert));
}

// The body's expected_version: the alert revision the client read (0: any).
Result<std::int64_t> ExpectedVersion(const json& body) {
  ASSIGN_OR_RETURN(std::int64_t version, IntField(body, "expected_version", 0));
  if (version < 0) {
    return Err(Status::InvalidArgument("expected_version must be a revision (1 or more)")
                   .AtElement("expected_version"));
  }
  return version;
}

}  // namespace

void HandleAlerts(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<AlertFilter> filter = FilterOf(call.req);
  if (!filter) return SendStatus(call.res, filter.error());
  const std::int64_t limit = filter->limit;
  ++filter->limit;  // one more tells whether another page follows
  Result<std::vector<Alert>> alerts = work->cases().FindAlerts(*filter);
  if (!alerts) return SendStatus(call.res, alerts.error());
  const bool more = static_cast<std::int64_t>(alerts->size()) > limit;
  if (more) alerts->pop_back();
  json out = {{"offset", filter->offset}, {"limit", limit}, {"more", more}};
  out["alerts"] = json::array();
  for (const Alert& alert : *alerts) out["alerts"].push_back(AlertJson(alert));
  SendJson(call.res, Dump(out));
}

void HandleAlert(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<Alert> alert = AlertOf(call, *work);
  if (!alert) return SendStatus(call.res, alert.error());
  Result<json> detail = AlertDetail(*work, *alert);
  if (!detail) return SendStatus(call.res, detail.error());
  SendJson(call.res, Dump(*detail));
}

namespace {

// What every POST /v1/alerts/{id}/... starts from: the case work, the alert
// the path names and the JSON body. nullopt when one is missing, the error
// already sent.
struct AlertPost {
  Casework* work;
  Alert alert;
  json body;
};

std::optional<AlertPost> ReadAlertPost(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return std::nullopt;
  Result<Alert> alert = AlertOf(call, *work);
  if (!alert) {
    SendStatus(call.res, alert.error());
    return std::nullopt;
  }
  Result<json> body = BodyObject(call.req);
  if (!body) {
    SendStatus(call.res, body.error());
    return std::nullopt;
  }
  return AlertPost{work, std::move(*alert), std::move(*body)};
}

}  // namespace

void HandleAlertAssign(const Call& call) {
  std::optional<AlertPost> post = ReadAlertPost(call);
  if (!post) return;
  Result<std::string> assignee = StringField(post->body, "assignee", std::string(RequestUser()));
  Result<std::int64_t> version = ExpectedVersion(post->body);
  for (const Status* s :
       {assignee ? nullptr : &assignee.error(), version ? nullptr : &version.error()}) {
    if (s != nullptr) return SendStatus(call.res, *s);
  }
  SendAlert(call, post->work->Assign(RequestUser(), post->alert.id, *assignee, *version));
}

void HandleAlertDecide(const Call& call) {
  std::optional<AlertPost> post = ReadAlertPost(call);
  if (!post) return;
  Casework* work = post->work;
  const Alert& alert = post->alert;
  const json& body = post->body;
  Result<std::string> decision = StringField(body, "decision");
  Result<std::string> comment = StringField(body, "comment");
  Result<std::int64_t> version = ExpectedVersion(body);
  for (const Status* s :
       {decision ? nullptr : &decision.error(), comment ? nullptr : &comment.error(),
        version ? nullptr : &version.error()}) {
    if (s != nullptr) return SendStatus(call.res, *s);
  }
  const std::string_view user = RequestUser();
  if (*decision == "in_review") {
    Result<Alert> reviewed = work->StartReview(user, alert.id, *version);
    if (reviewed && !comment->empty()) {
      Result<AlertComment> added = work->Comment(user, alert.id, *comment);
      if (!added) return SendStatus(call.res, added.error());
    }
    return SendAlert(call, reviewed);
  }
  if (*decision != "true_match" && *decision != "false_positive") {
    return SendError(call.res, 400, "invalid_argument",
                     "decision must be \"true_match\", \"false_positive\" or \"in_review\"",
                     "decision");
  }
  // A closure is what a regulator reads later: it must say why.
  if (comment->empty()) {
    return SendError(call.res, 400, "invalid_argument", "closing an alert needs a comment",
                     "comment");
  }
  const Decision closure =
      *decision == "true_match" ? Decision::kTrueMatch : Decision::kFalsePositive;
  SendAlert(call, work->Decide(user, alert.id, closure, *comment, *version));
}

void HandleAlertConfirm(const Call& call) {
  std::optional<AlertPost> post = ReadAlertPost(call);
  if (!post) return;
  Casework* work = post->work;
  const Alert& alert = post->alert;
  const json& body = post->body;
  const auto approve = body.find("approve");
  if (approve == body.end() || !approve->is_boolean()) {
    return SendError(call.res, 400, "invalid_argument", "approve must be true or false", "approve");
  }
  Result<std::string> comment = StringField(body, "comment");
  if (!comment) return SendStatus(call.res, comment.error());
  Result<std::int64_t> version = ExpectedVersion(body);
  if (!version) return SendStatus(call.res, version.error());
  SendAlert(call, work->Confirm(RequestUser(), alert.id, approve->get<bool>(), *comment, *version));
}

void HandleAlertComment(const Call& call) {
  std::optional<AlertPost> post = ReadAlertPost(call);
  if (!post) return;
  Result<std::string> text = StringField(post->body, "text");
  if (!text) return SendStatus(call.res, text.error());
  if (text->empty()) {
    return SendError(call.res, 400, "invalid_argument", "a comment needs text", "text");
  }
  Result<AlertComment> comment = post->work->Comment(RequestUser(), post->alert.id, *text);
  if (!comment) return SendStatus(call.res, comment.error());
  SendJson(call.res, CommentToJson(*comment), 201);
}

void HandleAllowlist(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<std::vector<AllowlistEntry>> entries = work->cases().Allowlist();
  if (!entries) return SendStatus(call.res, entries.error());
  json out = json::array();
  for (const AllowlistEntry& e : *entries) {
    json entry = {{"customer_id", e.customer_id},     {"entity_id", e.entity_id},
                  {"customer_hash", e.customer_hash}, {"entity_hash", e.entity_hash},
                  {"alert_id", e.alert_id},           {"created_by", e.created_by},
                  {"created_at", e.created_at}};
    // Names as the deciding alert saw them, for people reading the list.
    if (Result<Alert> alert = work->cases().GetAlert(e.alert_id)) {
      entry["customer_name"] = alert->customer_name;
      entry["entity_name"] = alert->entity_name;
      entry["decision_note"] = alert->decision_note;
    }
    out.push_back(std::move(entry));
  }
  SendJson(call.res, Dump({{"entries", std::move(out)}}));
}

void HandleAllowlistRemove(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  const std::string customer = call.req.get_param_value("customer");
  const std::string entity = call.req.get_param_value("entity");
  if (customer.empty() || entity.empty()) {
    return SendError(call.res, 400, "invalid_argument",
                     "give the pair to remove as ?customer=ID&entity=ID",
                     customer.empty() ? "customer" : "entity");
  }
  if (Status s = work->RemoveAllowlist(RequestUser(), customer, entity); !s.ok()) {
    return SendStatus(call.res, s);
  }
  SendJson(call.res, Dump({{"removed", {{"customer_id", customer}, {"entity_id", entity}}}}));
}

void HandleCustomersImport(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  const std::string name = call.req.has_param("name") ? call.req.get_param_value("name") : "upload";
  Result<ImportReport> report = work->ImportCustomers(RequestUser(), call.req.body, "api:" + name);
  if (!report) return SendStatus(call.res, report.error());
  json errors = json::array();
  for (const Status& e : report->errors) {
    errors.push_back({{"code", StatusCodeName(e.code())},
                      {"message", e.message()},
                      {"line", e.location().line},
                      {"field", e.location().element}});
  }
  if (!report->errors.empty()) {
    // Nothing was written: the client fixes the rows and sends them again.
    return SendJson(
        call.res,
        Dump({{"error",
               {{"code", "invalid_argument"},
                {"message", std::to_string(errors.size()) + " of " + std::to_string(report->rows) +
                                " rows have errors; nothing was imported"},
                {"field", "body"}}},
              {"errors", std::move(errors)}}),
        400);
  }
  SendJson(call.res, Dump({{"source", report->source},
                           {"rows", report->rows},
                           {"added", report->upsert.added},
                           {"updated", report->upsert.updated},
                           {"unchanged", report->upsert.unchanged},
                           {"screened", report->screened},
                           {"alerts_opened", report->alerts_opened},
                           {"errors", json::array()}}));
}

void HandleCustomer(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  const std::string& id = call.params.at(0);
  Result<Customer> customer = work->cases().GetCustomer(id);
  if (!customer) {
    return SendStatus(call.res, customer.error().code() == StatusCode::kNotFound
                                    ? Status::NotFound("no customer \"" + id + "\"").AtElement("id")
                                    : customer.error());
  }
  AlertFilter filter;
  filter.customer_id = id;
  filter.limit = kMaxAlertPage;
  Result<std::vector<Alert>> alerts = work->cases().FindAlerts(filter);
  if (!alerts) return SendStatus(call.res, alerts.error());
  json out = {{"record", json::parse(CustomerRecordJson(customer->record))},
              {"record_hash", customer->record_hash},
              {"updated_at", customer->updated_at},
              {"screened_at", customer->screened_at},
              {"alerts", json::array()}};
  for (const Alert& alert : *alerts) out["alerts"].push_back(AlertJson(alert));
  SendJson(call.res, Dump(out));
}

// ---------------------------------------------------------------------------

namespace casehttp {

Casework* CaseworkOf(const Call& call) {
  Casework* work = call.state.service->casework();
  if (work == nullptr) {
    SendError(call.res, 503, "unavailable",
              "case work is off: " + call.state.service->casework_status().message());
  }
  return work;
}

Result<json> BodyObject(const httplib::Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  json body = json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    return Err(Status::ParseError("the body is not valid JSON").AtElement("body"));
  }
  if (!body.is_object()) {
    return Err(Status::InvalidArgument("the body must be a JSON object").AtElement("body"));
  }
  return body;
}

Result<std::string> StringField(const json& body, const char* name, std::string fallback) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_string()) {
    return Err(Status::InvalidArgument(std::string(name) + " must be a string").AtElement(name));
  }
  return it->get<std::string>();
}

Result<std::vector<std::string>> StringsField(const json& body, const char* name) {
  std::vector<std::string> out;
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (it->is_array()) {
    for (const json& item : *it) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == it->size()) return out;
  }
  return Err(
      Status::InvalidArgument(std::string(name) + " must be an array of strings").AtElement(name));
}

Result<std::int64_t> IntField(const json& body, const char* name, std::int64_t fallback) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) {
    return Err(Status::InvalidArgument(std::string(name) + " must be an integer").AtElement(name));
  }
  return it->get<std::int64_t>();
}

Result<std::int64_t> IdParam(const Call& call, const char* name) {
  Result<std::int64_t> id = ParseIntArg(call.params.at(0), name, 1, INT64_MAX);
  if (!id) {
    // A path that names no record is a 404, like any unknown id.
    return Err(Status::NotFound("no such " + std::string(name) + " \"" + call.params.at(0) + "\"")
                   .AtElement(name));
  }
  return id;
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace casehttp
}  // namespace interdict::server
