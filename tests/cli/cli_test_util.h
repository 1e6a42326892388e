// Helpers for the CLI and downloader tests: running the built `interdict`
// binary, and a local HTTP server (127.0.0.1, any free port) whose routes a
// test defines.
#ifndef INTERDICT_TESTS_CLI_CLI_TEST_UTIL_H_
#define INTERDICT_TESTS_CLI_CLI_TEST_UTIL_H_

#include <httplib.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace interdict::testing {

struct RunResult {
  int exit_code = -1;  // the exit status, or 128 + signal
  std::string out;
  std::string err;
};

// Runs `binary args...` with `extra_env` ("NAME=value") added to this
// process's environment, collecting stdout and stderr.
inline RunResult RunProgram(const std::string& binary, const std::vector<std::string>& args,
                            const std::vector<std::string>& extra_env = {}) {
  RunResult result;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
    posix_spawn_file_actions_addclose(&actions, fd);
  }
  std::vector<std::string> argv_storage = {binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) env_storage.emplace_back(*e);
  env_storage.insert(env_storage.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (std::string& var : env_storage) envp.push_back(var.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned == 0) {
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    char buffer[65536];
    while (open_fds > 0 && poll(fds, 2, -1) > 0) {
      for (int i = 0; i < 2; ++i) {
        if (fds[i].fd < 0 || fds[i].revents == 0) continue;
        const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
        if (n > 0) {
          sinks[i]->append(buffer, static_cast<size_t>(n));
        } else {
          close(fds[i].fd);
          fds[i].fd = -1;
          --open_fds;
        }
      }
    }
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  } else {
    close(out_pipe[0]);
    close(err_pipe[0]);
  }
  return result;
}

inline RunResult RunInterdict(const std::vector<std::string>& args,
                              const std::vector<std::string>& extra_env = {}) {
  return RunProgram(INTERDICT_BINARY_DIR "/interdict", args, extra_env);
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// An HTTP server on 127.0.0.1 for the duration of a test. Routes may be added
// at any time; unknown paths answer 404.
class LocalServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  LocalServer() {
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      Handler handler;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++hits_[request.path];
        user_agents_.push_back(request.get_header_value("User-Agent"));
        auto it = routes_.find(request.path);
        if (it != routes_.end()) handler = it->second;
      }
      if (handler) {
        handler(request, response);
      } else {
        response.status = 404;
        response.set_content("not found", "text/plain");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only works on a running server; wait for the accept loop.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalServer() {
    stopping_ = true;
    server_.stop();
    thread_.join();
  }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;

  void Route(const std::string& path, Handler handler) {
    std::lock_guard<std::mutex> lock(mutex_);
    routes_[path] = std::move(handler);
  }
  // Serves `bytes` with 200 at `path`.
  void Serve(const std::string& path, std::string bytes) {
    Route(path, [bytes = std::move(bytes)](const httplib::Request&, httplib::Response& response) {
      response.set_content(bytes, "application/octet-stream");
    });
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int Hits(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    return hits_[path];
  }
  std::vector<std::string> UserAgents() {
    std::lock_guard<std::mutex> lock(mutex_);
    return user_agents_;
  }
  // Sleeps in a handler for up to `duration`, returning early when the
  // server shuts down so a test never waits on a slow route it abandoned.
  void Stall(std::chrono::milliseconds duration) const {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (!stopping_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::map<std::string, Handler> routes_;
  std::map<std::string, int> hits_;
  std::vector<std::string> user_agents_;
};

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_CLI_CLI_TEST_UTIL_H_
