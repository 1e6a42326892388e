// A server on 127.0.0.1 with an ephemeral port over a temporary store, for
// the server tests; optionally preloaded with the real UN SC list.
#ifndef INTERDICT_TESTS_SERVER_SERVER_FIXTURE_H_
#define INTERDICT_TESTS_SERVER_SERVER_FIXTURE_H_

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "interdict/sources.h"
#include "interdict/store.h"
#include "server/server.h"
#include "test_util.h"

namespace interdict::testing {

inline std::filesystem::path UnListPath() { return SharedDataDir() / "un_sc" / "consolidated.xml"; }

// Stores the real UN list in the store at `db`.
inline void LoadUnList(const std::string& db) {
  auto store = OpenSqliteStore(db);
  ASSERT_TRUE(store) << store.error().ToString();
  auto data = ParseList(UnListPath());
  ASSERT_TRUE(data) << data.error().ToString();
  auto outcome = (*store)->AddVersion(*data, UnListPath().string());
  ASSERT_TRUE(outcome) << outcome.error().ToString();
}

class TestServer {
 public:
  explicit TestServer(server::ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.service.db_path.empty()) options.service.db_path = (dir_ / "test.db").string();
    if (options.access_log.empty()) options.access_log = "off";
    auto created = server::Server::Create(std::move(options));
    if (!created) {
      error_ = created.error().ToString();
      return;
    }
    server_ = std::move(*created);
    const Status started = server_->Start();
    if (!started.ok()) {
      error_ = started.ToString();
      server_.reset();
    }
  }

  bool ok() const { return server_ != nullptr; }
  const std::string& error() const { return error_; }
  server::Server& server() { return *server_; }
  int port() const { return server_->port(); }
  const TempDir& dir() const { return dir_; }

  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client->set_read_timeout(30, 0);
    return client;
  }

  // Waits (up to 60 s) for /readyz to say ready.
  bool WaitReady() const {
    auto client = Client();
    for (int i = 0; i < 600; ++i) {
      auto res = client->Get("/readyz");
      if (res && res->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

 private:
  TempDir dir_;
  std::unique_ptr<server::Server> server_;
  std::string error_;
};

// A test suite whose tests share one server, started once over a store the
// suite fills. A suite derives from SharedServerTest<itself>, calls
// StartSharedServer(fill) from SetUpTestSuite() once it knows its data is
// there, and UseSharedServer() from SetUp() after INTERDICT_SHARED_FILE.
template <typename Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  // `fill` stores the suite's lists in the SQLite store it is given; the
  // server starts over it and is ready (an index built) on return.
  static void StartSharedServer(const std::function<void(const std::string& db)>& fill) {
    db_dir_ = std::make_unique<TempDir>();
    const std::string db = (*db_dir_ / "suite.db").string();
    fill(db);
    if (::testing::Test::HasFatalFailure()) return;
    server::ServerOptions options;
    options.service.db_path = db;
    server_ = std::make_unique<TestServer>(std::move(options));
    ASSERT_TRUE(server_->ok()) << server_->error();
    ASSERT_TRUE(server_->WaitReady());
  }
  static void TearDownTestSuite() {
    server_.reset();
    db_dir_.reset();
  }
  void UseSharedServer() {
    ASSERT_TRUE(server_ != nullptr && server_->ok()) << "the suite's server did not start";
    client_ = server_->Client();
  }

  inline static std::unique_ptr<TempDir> db_dir_;
  inline static std::unique_ptr<TestServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

// A connected TCP socket to 127.0.0.1:port, or -1.
inline int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends `request` as is (no client normalises it) and reads the whole
// response until the server closes the connection or 10 s pass.
inline std::string RawRequest(int port, const std::string& request) {
  const int fd = Connect(port);
  if (fd < 0) return "";
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    ::close(fd);
    return "";
  }
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) response.append(buf, n);
  ::close(fd);
  return response;
}

inline nlohmann::json Json(const httplib::Result& res) {
  if (!res) return nullptr;
  return nlohmann::json::parse(res->body, nullptr, false);
}

// The error code of an error response, or "" if it is not one.
inline std::string ErrorCode(const httplib::Result& res) {
  const nlohmann::json body = Json(res);
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_SERVER_SERVER_FIXTURE_H_
