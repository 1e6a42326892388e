// See routes.h.
#include "server/routes.h"

#include "server/case_handlers.h"
#include "server/graph_handlers.h"
#include "server/requests.h"

namespace interdict::server {
namespace {

constexpr std::size_t kSmallBody = 64 << 10;
// Uploads are bounded by the server's --max-upload (set_payload_max_length).
constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);

// Matches one path against a pattern segment by segment; a "{name}" segment
// takes one segment, except a trailing one, which takes the rest (entity ids
// may contain '/').
bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::vector<std::string>& params) {
  params.clear();
  while (!pattern.empty()) {
    const std::size_t pattern_end = pattern.find('/', 1);
    const std::string_view segment = pattern.substr(0, pattern_end);
    pattern.remove_prefix(segment.size());
    if (path.empty() || path.front() != '/') return false;
    if (segment.size() > 2 && segment[1] == '{') {
      std::size_t path_end = pattern.empty() ? path.size() : path.find('/', 1);
      if (path_end == std::string_view::npos) path_end = path.size();
      if (path_end <= 1) return false;
      params.emplace_back(path.substr(1, path_end - 1));
      path.remove_prefix(path_end);
    } else {
      if (!path.starts_with(segment)) return false;
      path.remove_prefix(segment.size());
      if (!path.empty() && path.front() != '/') return false;
    }
  }
  return path.empty();
}

}  // namespace

const std::vector<Route>& Routes() {
  static const std::vector<Route> routes = {
      {"GET", "/healthz", Role::kNone, kSmallBody, HandleHealthz},
      {"GET", "/readyz", Role::kNone, kSmallBody, HandleReadyz},
      {"GET", "/metrics", Role::kScreen, kSmallBody, HandleMetrics},
      {"GET", "/openapi.json", Role::kNone, kSmallBody, HandleOpenApi},
      {"POST", "/v1/screen", Role::kScreen, kMaxScreenBodyBytes, HandleScreen},
      {"POST", "/v1/screen/batch", Role::kScreen, kMaxBatchBodyBytes, HandleScreenBatch},
      // Before "/v1/entities/{id}", whose trailing {id} would take the rest.
      {"GET", "/v1/entities/{id}/network", Role::kScreen, kSmallBody, HandleEntityNetwork},
      {"GET", "/v1/entities/{id}", Role::kScreen, kSmallBody, HandleEntity},
      {"GET", "/v1/derived", Role::kScreen, kSmallBody, HandleDerived},
      {"GET", "/v1/search", Role::kScreen, kSmallBody, HandleSearch},
      {"GET", "/v1/lists", Role::kScreen, kSmallBody, HandleLists},
      {"GET", "/v1/lists/{list}/versions", Role::kScreen, kSmallBody, HandleListVersions},
      {"GET", "/v1/lists/{list}/diff", Role::kScreen, kSmallBody, HandleListDiff},
      {"POST", "/v1/lists/load", Role::kAdmin, kUnbounded, HandleLoad},
      {"POST", "/v1/lists/update", Role::kAdmin, kSmallBody, HandleUpdate},
      // Case work (case_handlers.h): the key's role gates the route, then
      // Casework checks its user (docs/cases.md#users-and-roles).
      {"GET", "/v1/me", Role::kScreen, kSmallBody, HandleMe},
      {"GET", "/v1/alerts", Role::kAnalyst, kSmallBody, HandleAlerts},
      {"POST", "/v1/alerts/{id}/assign", Role::kAnalyst, kSmallBody, HandleAlertAssign},
      {"POST", "/v1/alerts/{id}/decide", Role::kAnalyst, kSmallBody, HandleAlertDecide},
      {"POST", "/v1/alerts/{id}/confirm", Role::kReviewer, kSmallBody, HandleAlertConfirm},
      {"POST", "/v1/alerts/{id}/comments", Role::kAnalyst, kSmallBody, HandleAlertComment},
      {"GET", "/v1/alerts/{id}", Role::kAnalyst, kSmallBody, HandleAlert},
      {"GET", "/v1/allowlist", Role::kAnalyst, kSmallBody, HandleAllowlist},
      {"DELETE", "/v1/allowlist", Role::kReviewer, kSmallBody, HandleAllowlistRemove},
      {"GET", "/v1/designations", Role::kAnalyst, kSmallBody, HandleDesignations},
      {"POST", "/v1/designations", Role::kAdmin, kSmallBody, HandleDesignationAdd},
      {"PUT", "/v1/designations/{number}", Role::kAdmin, kSmallBody, HandleDesignationEdit},
      {"DELETE", "/v1/designations/{number}", Role::kAdmin, kSmallBody, HandleDesignationRemove},
      {"POST", "/v1/customers/import", Role::kAnalyst, kUnbounded, HandleCustomersImport},
      {"GET", "/v1/customers/{id}", Role::kAnalyst, kSmallBody, HandleCustomer},
      {"GET", "/v1/audit/verify", Role::kAdmin, kSmallBody, HandleAuditVerify},
      {"GET", "/v1/audit/export", Role::kAdmin, kSmallBody, HandleAuditExport},
      {"GET", "/v1/settings", Role::kAnalyst, kSmallBody, HandleSettings},
      {"PUT", "/v1/settings/{key}", Role::kAdmin, kSmallBody, HandleSettingPut},
  };
  return routes;
}

const Route* MatchRoute(std::string_view method, std::string_view path,
                        std::vector<std::string>& params, bool& path_exists) {
  path_exists = false;
  const Route* found = nullptr;
  for (const Route& route : Routes()) {
    if (!MatchPattern(route.pattern, path, params)) continue;
    // Literal routes win over patterns ("/v1/lists/load" is not a list named
    // "load"), and they come first in the table for the same prefix.
    path_exists = true;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      found = &route;
      break;
    }
  }
  if (found != nullptr) MatchPattern(found->pattern, path, params);
  return found;
}

}  // namespace interdict::server
