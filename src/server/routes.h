// The API's route table: one entry per operation in docs/openapi.json (a
// test checks they agree). Matching is by path segments with {param}
// placeholders, done once per request before the body is read, so the
// route's role and body limit apply before a byte of body is accepted.
#ifndef INTERDICT_SERVER_ROUTES_H_
#define INTERDICT_SERVER_ROUTES_H_

#include <httplib.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "server/keys.h"

namespace interdict::server {

class Service;
struct ServerState;

// What a handler gets: the request, the response to fill, the path
// parameters in pattern order, and the server's state.
struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  const std::vector<std::string>& params;
  ServerState& state;
};

using HandlerFn = void (*)(const Call&);

struct Route {
  std::string_view method;   // "GET", "POST"
  std::string_view pattern;  // OpenAPI form: "/v1/entities/{id}"
  Role role;                 // needed when keys are on; kNone = open
  std::size_t max_body;      // bytes; larger requests get 413 unread
  HandlerFn handler;
};

// Every route, in registration order.
const std::vector<Route>& Routes();

// The route for `method` and (decoded) `path`, filling `params`; null when
// none matches. `path_exists` tells whether the path matched under another
// method (for 405 rather than 404).
const Route* MatchRoute(std::string_view method, std::string_view path,
                        std::vector<std::string>& params, bool& path_exists);

// Handlers (api_handlers.cpp, list_handlers.cpp, ops_handlers.cpp).
void HandleScreen(const Call& call);
void HandleScreenBatch(const Call& call);
void HandleEntity(const Call& call);
void HandleSearch(const Call& call);
void HandleLists(const Call& call);
void HandleListVersions(const Call& call);
void HandleListDiff(const Call& call);
void HandleLoad(const Call& call);
void HandleUpdate(const Call& call);
void HandleHealthz(const Call& call);
void HandleReadyz(const Call& call);
void HandleMetrics(const Call& call);
void HandleOpenApi(const Call& call);

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_ROUTES_H_
