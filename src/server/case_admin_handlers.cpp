// Own designations and the audit trail over HTTP: GET|POST /v1/designations,
// PUT|DELETE /v1/designations/{number}, GET /v1/audit/verify,
// GET /v1/audit/export, and GET /v1/me (who a key acts as).
//
// A designation change writes a new version of list "own" (Casework), then
// rebuilds the live index the way a list load does, so the next screening
// request sees it.
#include <nlohmann/json.hpp>

#include "cases/result_util.h"
#include "interdict/countries.h"
#include "server/case_handlers.h"
#include "server/http_util.h"
#include "server/server.h"

namespace interdict::server {
namespace {

using nlohmann::json;
using namespace casehttp;

Result<Identifier> IdentifierOf(const json& item, std::size_t index) {
  const std::string field = "identifiers/" + std::to_string(index);
  if (!item.is_object()) {
    return Err(Status::InvalidArgument("an identifier is {\"type\": ..., \"value\": ...}")
                   .AtElement(field));
  }
  Result<std::string> type = StringField(item, "type");
  Result<std::string> value = StringField(item, "value");
  if (!type || !value || type->empty() || value->empty()) {
    return Err(
        Status::InvalidArgument("an identifier needs a string type and value").AtElement(field));
  }
  Identifier identifier;
  identifier.type = ParseIdentifierType(*type).value_or(IdentifierType::kOther);
  identifier.label = *type;
  identifier.value = *value;
  return identifier;
}

// The listed entity a designation body describes (docs/api.md#designations).
Result<Entity> EntityOf(const json& body) {
  Entity e;
  ASSIGN_OR_RETURN(std::string type, StringField(body, "type", "person"));
  std::optional<Schema> schema = ParseSchema(type);
  if (!schema || *schema == Schema::kUnknown) {
    return Err(Status::InvalidArgument("type must be person, organization, vessel or aircraft")
                   .AtElement("type"));
  }
  e.schema = *schema;
  ASSIGN_OR_RETURN(std::string name, StringField(body, "name"));
  if (name.empty())
    return Err(Status::InvalidArgument("a designation needs a name").AtElement("name"));
  e.names.push_back({name, NameKind::kPrimary, NameQuality::kStrong, "", "", {}});
  ASSIGN_OR_RETURN(std::vector<std::string> aliases, StringsField(body, "aliases"));
  for (const std::string& alias : aliases) {
    if (alias.empty()) continue;
    e.names.push_back({alias, NameKind::kAka, NameQuality::kUnspecified, "", "", {}});
  }
  ASSIGN_OR_RETURN(std::string dob, StringField(body, "dob"));
  if (!dob.empty()) {
    std::optional<PartialDate> date = PartialDate::Parse(dob);
    if (!date) {
      return Err(
          Status::InvalidArgument("dob must be YYYY, YYYY-MM or YYYY-MM-DD").AtElement("dob"));
    }
    e.birth_dates.push_back({*date, {}, false, ""});
  }
  ASSIGN_OR_RETURN(std::string country, StringField(body, "country"));
  if (!country.empty()) {
    std::string code = CountryCode(country);
    if (code.empty()) {
      return Err(
          Status::InvalidArgument("unknown country \"" + country + "\"").AtElement("country"));
    }
    e.countries.push_back(std::move(code));
  }
  if (const auto ids = body.find("identifiers"); ids != body.end() && !ids->is_null()) {
    if (!ids->is_array()) {
      return Err(Status::InvalidArgument("identifiers must be an array").AtElement("identifiers"));
    }
    for (std::size_t i = 0; i < ids->size(); ++i) {
      ASSIGN_OR_RETURN(Identifier identifier, IdentifierOf((*ids)[i], i));
      e.identifiers.push_back(std::move(identifier));
    }
  }
  ASSIGN_OR_RETURN(e.programs, StringsField(body, "programs"));
  ASSIGN_OR_RETURN(e.remarks, StringField(body, "remarks"));
  return e;
}

struct DesignationBody {
  Entity entity;
  std::string reason;
  std::vector<std::string> evidence;
  std::string expires;
};

Result<DesignationBody> DesignationBodyOf(const httplib::Request& req) {
  ASSIGN_OR_RETURN(json body, BodyObject(req));
  DesignationBody out;
  ASSIGN_OR_RETURN(out.entity, EntityOf(body));
  ASSIGN_OR_RETURN(out.reason, StringField(body, "reason"));
  ASSIGN_OR_RETURN(out.evidence, StringsField(body, "evidence"));
  ASSIGN_OR_RETURN(out.expires, StringField(body, "expires"));
  if (!out.expires.empty() &&
      (out.expires.size() != 10 || !PartialDate::Parse(out.expires).has_value())) {
    return Err(Status::InvalidArgument("expires must be a date, YYYY-MM-DD").AtElement("expires"));
  }
  return out;
}

// After a change to list "own": the index is rebuilt so screening sees it.
void SendDesignation(const Call& call, const Result<Designation>& d, int http_status) {
  if (!d) return SendStatus(call.res, d.error());
  json out = {{"designation", json::parse(DesignationToJson(*d))}};
  if (Status s = call.state.service->Reload(); !s.ok()) {
    // Saved, but the index still holds the old list: say so rather than fail.
    out["index_error"] = s.ToString();
  }
  const std::shared_ptr<const Snapshot> live = call.state.service->snapshot();
  out["index"] = live ? IndexInfoJson(live->info) : json(nullptr);
  SendJson(call.res, Dump(out), http_status);
}

}  // namespace

void HandleDesignations(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<std::vector<Designation>> all = work->cases().Designations();
  if (!all) return SendStatus(call.res, all.error());
  const std::string today = UtcNow().substr(0, 10);
  json out = json::array();
  for (const Designation& d : *all) {
    json item = json::parse(DesignationToJson(d));
    item["active"] = d.ActiveOn(today);
    out.push_back(std::move(item));
  }
  SendJson(call.res, Dump({{"designations", std::move(out)}}));
}

void HandleDesignationAdd(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<DesignationBody> body = DesignationBodyOf(call.req);
  if (!body) return SendStatus(call.res, body.error());
  SendDesignation(call,
                  work->AddDesignation(RequestUser(), std::move(body->entity), body->reason,
                                       std::move(body->evidence), body->expires),
                  201);
}

void HandleDesignationEdit(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<std::int64_t> number = IdParam(call, "number");
  if (!number) return SendStatus(call.res, number.error());
  Result<DesignationBody> body = DesignationBodyOf(call.req);
  if (!body) return SendStatus(call.res, body.error());
  SendDesignation(call,
                  work->EditDesignation(RequestUser(), *number, std::move(body->entity),
                                        body->reason, std::move(body->evidence), body->expires),
                  200);
}

void HandleDesignationRemove(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<std::int64_t> number = IdParam(call, "number");
  if (!number) return SendStatus(call.res, number.error());
  const std::string reason = call.req.get_param_value("reason");
  if (reason.empty()) {
    return SendError(call.res, 400, "invalid_argument",
                     "removing a designation needs ?reason=", "reason");
  }
  SendDesignation(call, work->RemoveDesignation(RequestUser(), *number, reason), 200);
}

void HandleAuditVerify(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  const AuditVerification check = work->VerifyAudit();
  json out = {{"ok", check.status.ok()}, {"rows", check.rows}, {"head", check.head}};
  if (!check.status.ok()) out["error"] = check.status.ToString();
  SendJson(call.res, Dump(out));
}

void HandleAuditExport(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  std::string lines;
  Status s = work->cases().ForEachAuditEvent([&](const AuditEvent& event) {
    lines += AuditEventToJson(event);
    lines += '\n';
    return Status::Ok();
  });
  if (!s.ok()) return SendStatus(call.res, s);
  call.res.status = 200;
  call.res.set_content(std::move(lines), "application/x-ndjson");
}

namespace {

// The settings in effect, as {"settings": {"four_eyes": "off", ...}}.
void SendSettings(const Call& call, Casework& work) {
  Result<std::vector<std::pair<std::string, std::string>>> settings = work.Settings(RequestUser());
  if (!settings) return SendStatus(call.res, settings.error());
  json out = json::object();
  for (const auto& [key, value] : *settings) out[key] = value;
  SendJson(call.res, Dump({{"settings", std::move(out)}}));
}

}  // namespace

void HandleSettings(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  SendSettings(call, *work);
}

// PUT /v1/settings/{key} {"value": "on"}: a configuration change, audited
// (setting.set) with the key's user as the actor; answers with every setting.
void HandleSettingPut(const Call& call) {
  Casework* work = CaseworkOf(call);
  if (work == nullptr) return;
  Result<json> body = BodyObject(call.req);
  if (!body) return SendStatus(call.res, body.error());
  const auto value = body->find("value");
  if (value == body->end() || !value->is_string()) {
    return SendError(call.res, 400, "invalid_argument", "the body needs \"value\", a string",
                     "value");
  }
  const Status s = work->SetSetting(RequestUser(), call.params.at(0), value->get<std::string>());
  if (!s.ok()) return SendStatus(call.res, s);
  SendSettings(call, *work);
}

void HandleMe(const Call& call) {
  SendJson(call.res, Dump({{"user", RequestUser()},
                           {"role", RoleName(RequestRole())},
                           {"keys", call.state.keys.has_value()},
                           {"case_work", call.state.service->casework() != nullptr}}));
}

}  // namespace interdict::server
