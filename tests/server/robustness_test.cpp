// Hostile and careless clients: trickled requests (slowloris), piles of idle
// connections, chunked bodies, garbage request lines. The server must answer
// with clean errors or close the connection, and keep serving.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "server_fixture.h"

namespace interdict::testing {
namespace {

using Clock = std::chrono::steady_clock;

server::ServerOptions ShortTimeouts() {
  server::ServerOptions options;
  options.limits.request_timeout = std::chrono::milliseconds(1000);
  options.limits.idle_timeout = std::chrono::milliseconds(500);
  options.limits.threads = 8;
  options.limits.max_pending = 16;
  return options;
}

TEST(RobustnessTest, SlowlorisIsCutOffAtTheRequestDeadline) {
  TestServer server(ShortTimeouts());
  ASSERT_TRUE(server.ok()) << server.error();
  const int fd = Connect(server.port());
  ASSERT_GE(fd, 0);
  const std::string request = "POST /v1/screen HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  const auto start = Clock::now();
  bool cut_off = false;
  // One byte every 200 ms: each read is well inside any per-read timeout,
  // but the whole request never arrives.
  for (int i = 0; i < 50 && !cut_off; ++i) {
    const char byte = i < static_cast<int>(request.size()) ? request[i] : 'a';
    if (::send(fd, &byte, 1, MSG_NOSIGNAL) != 1) cut_off = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    char buf[256];
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) cut_off = true;
  }
  ::close(fd);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_TRUE(cut_off);
  EXPECT_LT(seconds, 3.0);
  EXPECT_EQ(server.Client()->Get("/healthz")->status, 200);
  const std::string metrics = server.Client()->Get("/metrics")->body;
  EXPECT_EQ(metrics.find("interdict_requests_timed_out_total 0\n"), std::string::npos);
}

TEST(RobustnessTest, IdleConnectionsDoNotTakeItDown) {
  TestServer server(ShortTimeouts());
  ASSERT_TRUE(server.ok()) << server.error();
  // Far more silent connections than threads.
  std::vector<int> idle;
  for (int i = 0; i < 300; ++i) {
    const int fd = Connect(server.port());
    if (fd >= 0) idle.push_back(fd);
  }
  EXPECT_GT(idle.size(), 200u);
  // Meanwhile real requests get an answer (possibly a clean 503 while the
  // pile is shed) within a few seconds, and 200 once it is gone.
  const auto start = Clock::now();
  int status = 0;
  while (status != 200 && Clock::now() - start < std::chrono::seconds(15)) {
    auto client = server.Client();
    client->set_connection_timeout(2, 0);
    auto res = client->Get("/healthz");
    if (res) {
      status = res->status;
      EXPECT_TRUE(status == 200 || status == 503) << status;
    }
  }
  EXPECT_EQ(status, 200);
  for (int fd : idle) ::close(fd);
  EXPECT_EQ(server.Client()->Get("/healthz")->status, 200);
}

TEST(RobustnessTest, ChunkedAndGarbageRequests) {
  TestServer server(ShortTimeouts());
  ASSERT_TRUE(server.ok()) << server.error();
  std::string response =
      RawRequest(server.port(),
                 "POST /v1/screen HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                 "Connection: close\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 411", 0), 0u) << response;
  EXPECT_NE(response.find("length_required"), std::string::npos);

  response = RawRequest(server.port(), "BLAH\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 400", 0), 0u) << response;

  response = RawRequest(server.port(),
                        "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: 9999999999\r\n"
                        "Connection: close\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 413", 0), 0u) << response;

  response = RawRequest(server.port(),
                        "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n"
                        "Connection: close\r\n\r\n");
  EXPECT_EQ(response.rfind("HTTP/1.1 400", 0), 0u) << response;

  // A body shorter than its Content-Length: the deadline ends the wait.
  response = RawRequest(server.port(),
                        "POST /v1/screen HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
  EXPECT_EQ(response.find("HTTP/1.1 200"), std::string::npos);
  EXPECT_EQ(server.Client()->Get("/healthz")->status, 200);
}

TEST(RobustnessTest, AccessLogWritesOneJsonLinePerRequest) {
  TempDir dir;
  server::ServerOptions options;
  options.access_log = (dir / "access.log").string();
  {
    TestServer server(options);
    ASSERT_TRUE(server.ok()) << server.error();
    auto client = server.Client();
    client->Get("/healthz");
    client->Get("/v1/search?q=secret%20name");
  }
  const std::string log = ReadFile(dir / "access.log");
  std::istringstream lines(log);
  std::string line;
  std::vector<nlohmann::json> entries;
  while (std::getline(lines, line)) entries.push_back(nlohmann::json::parse(line, nullptr, false));
  ASSERT_EQ(entries.size(), 2u) << log;
  // Each request came on its own connection, so the lines may be in either
  // order.
  if (entries[0]["route"] != "/healthz") std::swap(entries[0], entries[1]);
  EXPECT_EQ(entries[0]["route"], "/healthz");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_EQ(entries[0]["method"], "GET");
  EXPECT_TRUE(entries[0]["ms"].is_number());
  EXPECT_EQ(entries[1]["route"], "/v1/search");
  EXPECT_EQ(entries[1]["status"], 503);
  // Query strings (names being screened) stay out of the log.
  EXPECT_EQ(log.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace interdict::testing
