// See server.h. Request flow: GuardedServer reads the request line and
// headers; the pre-routing hook matches the route, checks the API key and
// the body limit (before any body is read); httplib reads the body; the
// catch-all handler calls the route's handler; the logger records metrics
// and the access log line.
#include "server/server.h"

#include <charconv>

#include "server/http_util.h"
#include "server/routes.h"

namespace interdict::server {
namespace {

using HandlerResponse = httplib::Server::HandlerResponse;

// The route found for the request being served on this thread.
struct RequestContext {
  const Route* route = nullptr;
  std::vector<std::string> params;
  std::string key_label;
  std::string user;  // see RequestUser()
  Role role = Role::kNone;
};
thread_local RequestContext t_context;

// The key from "Authorization: Bearer KEY", else from "X-API-Key: KEY".
std::string ApiKeyOf(const httplib::Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && std::string_view(auth).starts_with(kBearer)) {
    return auth.substr(kBearer.size());
  }
  return req.get_header_value("X-API-Key");
}

std::string ErrorCodeForStatus(int status) {
  switch (status) {
    case 400:
      return "invalid_argument";
    case 401:
      return "unauthenticated";
    case 403:
      return "permission_denied";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 411:
      return "length_required";
    case 413:
      return "too_large";
    case 414:
      return "too_large";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "invalid_argument";
  }
}

// Whether the key on the request may use `route`; writes 401/403 if not.
bool Authorize(ServerState& state, const Route& route, const httplib::Request& req,
               httplib::Response& res) {
  if (!state.keys) {
    t_context.user = std::string(kLocalUser);
    t_context.role = Role::kAdmin;
    return true;
  }
  if (route.role == Role::kNone) return true;
  const std::string key = ApiKeyOf(req);
  if (key.empty()) {
    res.set_header("WWW-Authenticate", "Bearer");
    SendError(res, 401, "unauthenticated",
              "an API key is required: send Authorization: Bearer KEY or X-API-Key: KEY");
    return false;
  }
  const std::optional<ApiKey> found = state.keys->Find(key);
  if (!found) {
    res.set_header("WWW-Authenticate", "Bearer");
    SendError(res, 401, "unauthenticated", "unknown API key");
    return false;
  }
  t_context.key_label = found->label;
  t_context.user = found->user;
  t_context.role = found->role;
  if (static_cast<int>(found->role) < static_cast<int>(route.role)) {
    SendError(res, 403, "permission_denied",
              "this route needs a key with the " + std::string(RoleName(route.role)) + " role");
    return false;
  }
  return true;
}

// Refuses bodies over the route's limit before they are read.
bool CheckBody(const Route& route, const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos &&
      route.max_body != static_cast<std::size_t>(-1)) {
    SendError(res, 411, "length_required", "send a Content-Length; chunked bodies are refused");
    return false;
  }
  const std::string& header = req.get_header_value("Content-Length");
  std::uint64_t length = 0;
  const auto [end, ec] = std::from_chars(header.data(), header.data() + header.size(), length);
  if (!header.empty() && (ec != std::errc() || end != header.data() + header.size())) {
    SendError(res, 400, "invalid_argument", "Content-Length is not a number");
    return false;
  }
  if (length > route.max_body) {
    SendError(res, 413, "too_large",
              "the body is larger than this route's limit of " + std::to_string(route.max_body) +
                  " bytes");
    return false;
  }
  return true;
}

void ApplyCors(const ServerState& state, const httplib::Request& req, httplib::Response& res) {
  const std::string& allowed = state.options.cors_origin;
  if (allowed.empty()) return;
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty() || (allowed != "*" && origin != allowed)) return;
  res.set_header("Access-Control-Allow-Origin", allowed == "*" ? "*" : origin);
  res.set_header("Vary", "Origin");
  if (req.method == "OPTIONS") {
    res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Authorization, X-API-Key, Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
  }
}

}  // namespace

std::string_view RequestUser() noexcept { return t_context.user; }
Role RequestRole() noexcept { return t_context.role; }

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  std::unique_ptr<Server> server(new Server(std::move(options)));
  ServerState& state = server->state_;
  const ServerOptions& opts = state.options;
  if (!opts.keys_file.empty()) {
    Result<KeyRing> keys = KeyRing::Load(opts.keys_file);
    if (!keys) return Err(keys.error());
    if (keys->size() == 0) {
      return Err(Status::InvalidArgument("the keys file holds no keys; add one with "
                                         "`interdict keys add --keys FILE --role admin`")
                     .InFile(opts.keys_file.string()));
    }
    state.keys = std::move(*keys);
  } else if (!IsLoopbackHost(opts.host)) {
    return Err(Status::InvalidArgument(
        "refusing to listen on " + opts.host +
        " without API keys: give --keys FILE (see `interdict keys add`), or bind to 127.0.0.1"));
  }
  if (opts.serve_web) {
    state.web = StaticFiles(opts.web_root.empty() ? DefaultWebRoot() : opts.web_root);
    if (!opts.web_root.empty() && !state.web.enabled()) {
      return Err(Status::NotFound("the web root is not a folder").InFile(opts.web_root.string()));
    }
  }
  Result<std::unique_ptr<AccessLog>> log = AccessLog::Open(opts.access_log);
  if (!log) return Err(log.error());
  server->log_ = std::move(*log);
  Result<std::unique_ptr<Service>> service = Service::Open(opts.service);
  if (!service) return Err(service.error());
  server->service_ = std::move(*service);
  state.service = server->service_.get();
  server->Install();
  return server;
}

Server::Server(ServerOptions options) {
  state_.options = std::move(options);
  http_ = std::make_unique<GuardedServer>(state_.options.limits);
  state_.connections = &http_->stats();
}

Server::~Server() { Stop(); }

void Server::Install() {
  http_->set_payload_max_length(state_.options.max_upload_bytes);
  http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    t_context = RequestContext{};
    ApplyCors(state_, req, res);
    if (req.method == "OPTIONS") {
      res.status = 204;
      return HandlerResponse::Handled;
    }
    bool path_exists = false;
    t_context.route = MatchRoute(req.method, req.path, t_context.params, path_exists);
    if (t_context.route == nullptr) {
      if (path_exists) {
        SendError(res, 405, "method_not_allowed", req.method + " is not allowed here");
      } else if ((req.method == "GET" || req.method == "HEAD") && !req.path.starts_with("/v1/")) {
        state_.web.Serve(req.path, res);
      } else {
        SendError(res, 404, "not_found", "no such route; see /openapi.json", "path");
      }
      return HandlerResponse::Handled;
    }
    if (!Authorize(state_, *t_context.route, req, res) || !CheckBody(*t_context.route, req, res)) {
      return HandlerResponse::Handled;
    }
    return HandlerResponse::Unhandled;
  });
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    if (t_context.route == nullptr) {
      SendError(res, 404, "not_found", "no such route", "path");
      return;
    }
    t_context.route->handler(Call{req, res, t_context.params, state_});
  };
  http_->Get(".*", dispatch);
  http_->Post(".*", dispatch);
  http_->Put(".*", dispatch);
  http_->Delete(".*", dispatch);
  http_->set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return HandlerResponse::Unhandled;
        SendError(res, res.status, ErrorCodeForStatus(res.status),
                  res.status == 413 ? "the body is too large" : "the request could not be read");
        return HandlerResponse::Handled;
      }));
  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        // Library code returns Status; reaching here means allocation
        // failure or a bug. Do not echo what() to clients.
        SendError(res, 500, "internal", "internal error");
      });
  http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                         GuardedServer::RequestStart())
                               .count();
    const std::string_view route = t_context.route != nullptr     ? t_context.route->pattern
                                   : req.path.starts_with("/v1/") ? "unmatched"
                                                                  : "static";
    state_.metrics.Observe(route, req.method, res.status, seconds);
    if (log_ == nullptr) return;
    log_->Write({.remote = req.remote_addr,
                 .method = req.method,
                 .path = req.path,
                 .route = route,
                 .key = t_context.key_label,
                 .status = res.status,
                 .seconds = seconds,
                 .bytes = res.body.size()});
  });
}

Status Server::Start() {
  const ServerOptions& opts = state_.options;
  if (opts.port == 0) {
    port_ = http_->bind_to_any_port(opts.host);
  } else {
    port_ = http_->bind_to_port(opts.host, opts.port) ? opts.port : -1;
  }
  if (port_ <= 0) {
    return Status::IoError("cannot listen on " + opts.host + ":" + std::to_string(opts.port) +
                           " (in use, or not an address of this machine)");
  }
  service_->Start();
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  return Status();
}

void Server::Wait() {
  if (thread_.joinable()) thread_.join();
}

void Server::Stop() {
  if (http_) http_->stop();
  Wait();
  if (service_) service_->Stop();
}

}  // namespace interdict::server
