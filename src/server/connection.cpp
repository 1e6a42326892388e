// See connection.h.
#include "server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "server/http_util.h"

namespace interdict::server {
namespace {

using Clock = std::chrono::steady_clock;

thread_local Clock::time_point t_request_start;

// Waits until `sock` is ready for `events` or `timeout` passes.
bool WaitFor(socket_t sock, short events, std::chrono::milliseconds timeout) {
  pollfd fd{sock, events, 0};
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    const int n = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

std::string AddressOf(const sockaddr_storage& addr, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = ntohs(in6->sin6_port);
  }
  return text;
}

// One request's view of the socket: reads stop at the request deadline, so
// a trickling client is cut off however regularly it sends.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, const ConnectionLimits& limits, ConnectionStats& stats)
      : sock_(sock), limits_(limits), stats_(stats) {}

  bool is_readable() const override { return WaitFor(sock_, POLLIN, Left()); }
  bool is_writable() const override { return WaitFor(sock_, POLLOUT, limits_.write_timeout); }

  ssize_t read(char* ptr, size_t size) override {
    if (!started_) {
      started_ = true;
      deadline_ = Clock::now() + limits_.request_timeout;
      t_request_start = Clock::now();
    }
    if (!WaitFor(sock_, POLLIN, Left())) return TimedOut();
    for (;;) {
      const ssize_t n = ::recv(sock_, ptr, size, 0);
      if (n >= 0 || errno != EINTR) return n;
    }
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!WaitFor(sock_, POLLOUT, limits_.write_timeout)) return TimedOut();
    for (;;) {
      const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
      if (n >= 0 || errno != EINTR) return n;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip = AddressOf(addr, port);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      ip = AddressOf(addr, port);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  std::chrono::milliseconds Left() const {
    if (!started_) return limits_.request_timeout;
    return std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  }
  ssize_t TimedOut() {
    ++stats_.timed_out;
    return -1;
  }

  const socket_t sock_;
  const ConnectionLimits& limits_;
  ConnectionStats& stats_;
  bool started_ = false;
  Clock::time_point deadline_;
};

}  // namespace

void CountingPool::enqueue(std::function<void()> fn) {
  pending_.fetch_add(1, std::memory_order_relaxed);
  pool_.enqueue([this, fn = std::move(fn)] {
    pending_.fetch_sub(1, std::memory_order_relaxed);
    fn();
  });
}

GuardedServer::GuardedServer(const ConnectionLimits& limits) : limits_(limits) {
  new_task_queue = [this] {
    pool_ = new CountingPool(static_cast<std::size_t>(limits_.threads));
    return pool_;
  };
}

Clock::time_point GuardedServer::RequestStart() noexcept { return t_request_start; }

void GuardedServer::Shed(socket_t sock) {
  ++stats_.shed;
  const std::string body = ErrorJson("unavailable", "the server is overloaded; retry shortly", "");
  const std::string response =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + std::string(kJsonType) +
      "\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body;
  // Best effort and non-blocking: a shed client gets no more of our time.
  [[maybe_unused]] const ssize_t sent =
      ::send(sock, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  ++stats_.accepted;
  // Responses are written whole; without this, Nagle's algorithm and the
  // client's delayed ACK add ~40 ms to every keep-alive request.
  const int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (pool_ != nullptr && pool_->pending() > limits_.max_pending) {
    Shed(sock);
  } else {
    ++stats_.active;
    bool first = true;
    for (std::size_t served = 0; served < limits_.max_requests_per_connection && is_running();
         ++served) {
      // A new connection gets the whole request deadline to start talking;
      // between keep-alive requests only the idle timeout.
      if (!WaitFor(sock, POLLIN, first ? limits_.request_timeout : limits_.idle_timeout)) break;
      first = false;
      DeadlineStream stream(sock, limits_, stats_);
      const bool last = served + 1 == limits_.max_requests_per_connection;
      bool closed = false;
      t_request_start = Clock::now();
      if (!process_request(stream, last, closed, nullptr) || closed) break;
    }
    --stats_.active;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

}  // namespace interdict::server
