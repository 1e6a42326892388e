// Case work over HTTP (docs/api.md#case-work): alerts and decisions, the
// allowlist, own designations, customers and the audit trail. Each handler
// is one Casework call acting as RequestUser() (the API key's user), so
// the workflow's rules (roles, four-eyes, optimistic revisions) are the
// CLI's. The route table (routes.cpp) gates each route by key role first.
#ifndef INTERDICT_SERVER_CASE_HANDLERS_H_
#define INTERDICT_SERVER_CASE_HANDLERS_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/casework.h"
#include "interdict/status.h"
#include "server/routes.h"

namespace interdict::server {

// Alerts, allowlist, customers (case_handlers.cpp).
void HandleAlerts(const Call& call);
void HandleAlert(const Call& call);
void HandleAlertAssign(const Call& call);
void HandleAlertDecide(const Call& call);
void HandleAlertConfirm(const Call& call);
void HandleAlertComment(const Call& call);
void HandleAllowlist(const Call& call);
void HandleAllowlistRemove(const Call& call);
void HandleCustomersImport(const Call& call);
void HandleCustomer(const Call& call);

// Own designations, the audit trail and settings (case_admin_handlers.cpp).
void HandleDesignations(const Call& call);
void HandleDesignationAdd(const Call& call);
void HandleDesignationEdit(const Call& call);
void HandleDesignationRemove(const Call& call);
void HandleAuditVerify(const Call& call);
void HandleAuditExport(const Call& call);
void HandleSettings(const Call& call);
void HandleSettingPut(const Call& call);
void HandleMe(const Call& call);

// Helpers both files share.
namespace casehttp {

// The server's Casework, or null after writing a 503 naming why.
Casework* CaseworkOf(const Call& call);

// The request body as a JSON object (an empty body is {}); errors name the
// problem and are kParseError / kInvalidArgument.
Result<nlohmann::json> BodyObject(const httplib::Request& req);

// Typed optional members of a body object: `fallback` when absent or null; a
// member of another type is kInvalidArgument naming it as the field.
Result<std::string> StringField(const nlohmann::json& body, const char* name,
                                std::string fallback = "");
Result<std::vector<std::string>> StringsField(const nlohmann::json& body, const char* name);
Result<std::int64_t> IntField(const nlohmann::json& body, const char* name, std::int64_t fallback);

// A path parameter that must be a positive integer (an alert id, a
// designation number); `name` is the field named in the error.
Result<std::int64_t> IdParam(const Call& call, const char* name);

std::string Dump(const nlohmann::json& json);

}  // namespace casehttp
}  // namespace interdict::server

#endif  // INTERDICT_SERVER_CASE_HANDLERS_H_
