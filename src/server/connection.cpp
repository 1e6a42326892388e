// See connection.h.
#include "server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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

// What outlives one request on a keep-alive connection: bytes read ahead
// (the next pipelined request may already be in the buffer), the response
// being assembled, and the peer's addresses (httplib asks for them on every
// request; they cannot change).
class Connection {
 public:
  // httplib's own socket buffer size; a request's line, headers and small
  // body usually arrive in one read.
  static constexpr std::size_t kReadBuffer = 4096;
  // A response larger than this is sent as it is produced.
  static constexpr std::size_t kWriteBuffer = 64 << 10;

  Connection(socket_t sock, const ConnectionLimits& limits, ConnectionStats& stats)
      : sock_(sock), limits_(limits), stats_(stats) {}

  socket_t socket() const noexcept { return sock_; }
  const ConnectionLimits& limits() const noexcept { return limits_; }
  bool has_input() const noexcept { return begin_ < end_; }

  // Copies buffered bytes to `ptr`, or reads more from the socket, waiting
  // until `deadline`. Returns what recv() would: >0, 0 at end of stream, -1.
  ssize_t Read(char* ptr, std::size_t size, Clock::time_point deadline) {
    if (!has_input()) {
      // The peer may be waiting for what we wrote (100 Continue) before it
      // sends more.
      if (!Flush()) return -1;
      if (size >= kReadBuffer) return Receive(ptr, size, deadline);
      const ssize_t n = Receive(buffer_, kReadBuffer, deadline);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t Write(const char* ptr, std::size_t size) {
    out_.append(ptr, size);
    if (out_.size() >= kWriteBuffer && !Flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  // Sends everything written so far; false if the peer is gone or stops
  // reading for write_timeout.
  bool Flush() {
    std::size_t sent = 0;
    while (sent < out_.size()) {
      const ssize_t n =
          ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) &&
                 WaitFor(sock_, POLLOUT, limits_.write_timeout)) {
        continue;
      } else {
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) ++stats_.timed_out;
        out_.clear();
        return false;
      }
    }
    out_.clear();
    return true;
  }

  void Remote(std::string& ip, int& port) { Describe(remote_, ::getpeername, ip, port); }
  void Local(std::string& ip, int& port) { Describe(local_, ::getsockname, ip, port); }

  void TimedOut() noexcept { ++stats_.timed_out; }

 private:
  // recv() without blocking; waits for input only when there is none, so
  // a busy connection costs one system call per read.
  ssize_t Receive(char* ptr, std::size_t size, Clock::time_point deadline) {
    for (;;) {
      // Checked before every read, data or not: a client that keeps
      // trickling is still cut off at the deadline.
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) break;
      const ssize_t n = ::recv(sock_, ptr, size, MSG_DONTWAIT);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!WaitFor(sock_, POLLIN, left)) break;
    }
    TimedOut();
    return -1;
  }

  struct Endpoint {
    bool known = false;
    std::string ip;
    int port = 0;
  };

  // getpeername/getsockname once per connection.
  template <typename Getter>
  void Describe(Endpoint& end, Getter getter, std::string& ip, int& port) {
    if (!end.known) {
      end.known = true;
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      if (getter(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
        end.ip = AddressOf(addr, end.port);
      }
    }
    ip = end.ip;
    port = end.port;
  }

  const socket_t sock_;
  const ConnectionLimits& limits_;
  ConnectionStats& stats_;
  char buffer_[kReadBuffer];
  std::size_t begin_ = 0, end_ = 0;
  std::string out_;
  Endpoint remote_, local_;
};

// One request's view of its connection: reads stop at the request
// deadline, so a trickling client is cut off however regularly it sends.
class DeadlineStream final : public httplib::Stream {
 public:
  explicit DeadlineStream(Connection& connection) : connection_(connection) {}

  bool is_readable() const override {
    return connection_.has_input() || WaitFor(connection_.socket(), POLLIN,
                                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                                  Deadline() - Clock::now()));
  }
  bool is_writable() const override {
    return WaitFor(connection_.socket(), POLLOUT, connection_.limits().write_timeout);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (!started_) {
      started_ = true;
      deadline_ = Clock::now() + connection_.limits().request_timeout;
    }
    return connection_.Read(ptr, size, deadline_);
  }
  ssize_t write(const char* ptr, size_t size) override { return connection_.Write(ptr, size); }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    connection_.Remote(ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    connection_.Local(ip, port);
  }
  socket_t socket() const override { return connection_.socket(); }

 private:
  Clock::time_point Deadline() const {
    return started_ ? deadline_ : Clock::now() + connection_.limits().request_timeout;
  }

  Connection& connection_;
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
    Connection connection(sock, limits_, stats_);
    bool first = true;
    for (std::size_t served = 0; served < limits_.max_requests_per_connection && is_running();
         ++served) {
      // A new connection gets the whole request deadline to start talking;
      // between keep-alive requests only the idle timeout. A pipelined
      // request already read ahead needs no wait.
      if (!connection.has_input() &&
          !WaitFor(sock, POLLIN, first ? limits_.request_timeout : limits_.idle_timeout)) {
        break;
      }
      first = false;
      DeadlineStream stream(connection);
      const bool last = served + 1 == limits_.max_requests_per_connection;
      bool closed = false;
      t_request_start = Clock::now();
      const bool ok = process_request(stream, last, closed, nullptr);
      if (!connection.Flush() || !ok || closed) break;
    }
    --stats_.active;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

}  // namespace interdict::server
