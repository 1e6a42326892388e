// interdict serve: the HTTP API (docs/api.md, docs/openapi.json) over a
// Service, plus the web UI's static files.
//
//   auto server = Server::Create(options);   // opens the store, reads keys
//   (*server)->Start();                       // binds, builds the index, serves
//   ... (*server)->port() ...
//   (*server)->Stop();
#ifndef INTERDICT_SERVER_SERVER_H_
#define INTERDICT_SERVER_SERVER_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "interdict/status.h"
#include "server/access_log.h"
#include "server/connection.h"
#include "server/keys.h"
#include "server/metrics.h"
#include "server/service.h"
#include "server/static_files.h"

namespace interdict::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (see Server::port())
  ServiceOptions service;
  // API keys; required when `host` is not a loopback address.
  std::filesystem::path keys_file;
  // The web UI's folder; empty = DefaultWebRoot(). serve_web=false: none.
  std::filesystem::path web_root;
  bool serve_web = true;
  // The one origin allowed cross-origin requests ("*" for any); "" = CORS off.
  std::string cors_origin;
  // Access log: "" = stderr, "off" = none, else a file appended to.
  std::string access_log;
  std::uint64_t max_upload_bytes = 256ull << 20;
  ConnectionLimits limits;
};

// What handlers share (routes.h: Call::state).
struct ServerState {
  Service* service = nullptr;
  std::optional<KeyRing> keys;  // nullopt: keys off (loopback only)
  RequestMetrics metrics;
  const ConnectionStats* connections = nullptr;
  StaticFiles web;
  ServerOptions options;
};

// Who case work in the request being handled on this thread is attributed
// to: the API key's user (keys.h, KeyUser), or kLocalUser when keys are off
// (loopback only). Valid inside a route handler.
inline constexpr std::string_view kLocalUser = "local";
std::string_view RequestUser() noexcept;
// The key's role (kAdmin when keys are off; kNone on an open route).
Role RequestRole() noexcept;

class Server {
 public:
  // Fails, without binding, on a non-loopback host without keys, an
  // unreadable keys file, a store that cannot be opened or a bad load root.
  static Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, starts building the index and serves on a background thread.
  Status Start();
  // Blocks until Stop() (from another thread or a signal handler thread).
  void Wait();
  void Stop();

  int port() const noexcept { return port_; }
  Service& service() noexcept { return *service_; }
  ServerState& state() noexcept { return state_; }

 private:
  explicit Server(ServerOptions options);
  void Install();

  std::unique_ptr<Service> service_;
  ServerState state_;
  std::unique_ptr<GuardedServer> http_;
  std::unique_ptr<AccessLog> log_;  // null: off
  std::thread thread_;
  int port_ = 0;
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_SERVER_H_
