// interdict serve [--host H] [--port P] [--keys FILE] ...: the HTTP API and
// web UI (docs/api.md). interdict keys add --keys FILE --role ROLE: creates
// an API key, stores its hash and prints the key once.
#include <signal.h>

#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "server/server.h"

namespace interdict::cli {
namespace {

struct ServeArgs {
  server::ServerOptions server;
  std::string sources;
  int request_timeout = 10;
  int idle_timeout = 5;
  bool no_web = false;
};

int RunServe(const GlobalOptions& options, ServeArgs& args) {
  server::ServerOptions& opts = args.server;
  opts.service.db_path = options.db.empty() ? DefaultStorePath() : options.db;
  opts.service.sources_config = args.sources;
  opts.serve_web = !args.no_web;
  opts.limits.request_timeout = std::chrono::seconds(args.request_timeout);
  opts.limits.write_timeout = std::chrono::seconds(args.request_timeout);
  opts.limits.idle_timeout = std::chrono::seconds(args.idle_timeout);
  if (opts.service.update_interval_seconds > 0 && args.sources.empty()) {
    std::cerr << "interdict: --update-interval needs --sources FILE\n";
    return kExitUsage;
  }
  // Signals go to this thread's sigwait(), not to a server thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Result<std::unique_ptr<server::Server>> server = server::Server::Create(opts);
  if (!server) return Fail(server.error());
  if (Status s = (*server)->Start(); !s.ok()) return Fail(s);
  const std::string url = "http://" + opts.host + ":" + std::to_string((*server)->port());
  std::cout << "interdict serve: listening on " << url << "/ (API: " << url
            << "/v1, OpenAPI: " << url << "/openapi.json)";
  if (!(*server)->state().web.enabled()) std::cout << "; web UI not built";
  std::cout << std::endl;
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cerr << "interdict serve: stopping\n";
  (*server)->Stop();
  return kExitOk;
}

int RunKeysAdd(const std::string& file, const std::string& role_name, const std::string& label) {
  const std::optional<server::Role> role = server::ParseRole(role_name);
  if (!role) {
    std::cerr << "interdict: --role must be screen, analyst, reviewer or admin\n";
    return kExitUsage;
  }
  Result<std::string> key = server::GenerateKey();
  if (!key) return Fail(key.error());
  if (Status s = server::AppendKey(file, *key, *role, label); !s.ok()) return Fail(s);
  std::cout << *key << "\n";
  std::cerr << "interdict: added a " << role_name << " key to " << file
            << "; it is shown only now (the file keeps its SHA-256)\n";
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  server::ServerOptions& s = args->server;
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and web UI (docs/api.md)");
  cmd->add_option("--host", s.host, "Address to bind (keys are required off loopback)")
      ->capture_default_str();
  cmd->add_option("--port", s.port, "Port (0: any free one)")->capture_default_str();
  cmd->add_option("--keys", s.keys_file, "API keys file (see `interdict keys add`)");
  cmd->add_option("--web-root", s.web_root, "Web UI folder (default: web/dist)");
  cmd->add_flag("--no-web", args->no_web, "Serve the API only");
  cmd->add_option("--load-root", s.service.load_root,
                  "Folder POST /v1/lists/load may read files from (default: none)");
  cmd->add_option("--sources", args->sources, "Sources config for updates (as interdict update)");
  cmd->add_option("--update-interval", s.service.update_interval_seconds,
                  "Seconds between scheduled updates (0: none)");
  cmd->add_option("--cors-origin", s.cors_origin, "Allow cross-origin requests from this origin");
  cmd->add_option("--access-log", s.access_log, "Access log file (default: stderr; \"off\")");
  cmd->add_option("--threads", s.limits.threads, "Connection threads")->capture_default_str();
  cmd->add_option("--max-pending", s.limits.max_pending,
                  "Connections waiting for a thread before new ones get 503")
      ->capture_default_str();
  cmd->add_option("--request-timeout", args->request_timeout,
                  "Seconds a request may take to arrive (slow clients are cut off)")
      ->capture_default_str();
  cmd->add_option("--idle-timeout", args->idle_timeout, "Keep-alive idle seconds")
      ->capture_default_str();
  cmd->add_option("--max-upload", s.max_upload_bytes, "Largest list upload, bytes")
      ->capture_default_str();
  cmd->callback([&options, &exit_code, args] { exit_code = RunServe(options, *args); });
}

void RegisterKeys(CLI::App& app, GlobalOptions& /*options*/, int& exit_code) {
  auto* keys = app.add_subcommand("keys", "Manage API keys for interdict serve");
  keys->require_subcommand(1);
  auto* add = keys->add_subcommand("add", "Create a key, store its hash, print it once");
  auto file = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>("screen");
  auto label = std::make_shared<std::string>();
  add->add_option("--keys", *file, "Keys file (created if absent)")->required();
  add->add_option("--role", *role, "screen, analyst, reviewer or admin")->capture_default_str();
  add->add_option("--name", *label,
                  "The key holder: the user case work is attributed to, and the access log label");
  add->callback([&exit_code, file, role, label] { exit_code = RunKeysAdd(*file, *role, *label); });
}

}  // namespace interdict::cli
