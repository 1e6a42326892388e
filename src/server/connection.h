// Connection handling hardened against slow and idle clients.
//
// cpp-httplib 0.11 serves each connection on a pool thread, waiting up to
// its read timeout for every read, so a client that trickles one header byte
// at a time (slowloris) or simply holds connections open can occupy every
// thread. GuardedServer replaces the per-connection loop (httplib's
// protected process_request() still parses and routes) and adds:
//   - a whole-request deadline: headers and body must arrive within
//     request_timeout of the request's first byte, however they trickle;
//   - an idle timeout between keep-alive requests;
//   - load shedding: when more connections wait for a thread than the pool
//     can work off, new ones get an immediate 503 and are closed;
//   - buffered I/O: httplib reads request lines one byte at a time and
//     writes a response's headers and body separately, so each connection
//     reads through a buffer and sends a whole response with one send()
//     (a poll+recv pair per header byte was a quarter of a screening
//     request's CPU).
#ifndef INTERDICT_SERVER_CONNECTION_H_
#define INTERDICT_SERVER_CONNECTION_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

namespace interdict::server {

struct ConnectionLimits {
  int threads = 64;               // pool threads serving connections
  std::size_t max_pending = 256;  // connections queued for a thread before shedding
  std::chrono::milliseconds idle_timeout{5000};
  std::chrono::milliseconds request_timeout{10000};  // first byte to whole body
  std::chrono::milliseconds write_timeout{10000};    // each write
  std::size_t max_requests_per_connection = 10000;
};

// A thread pool that knows how many connections wait for a thread.
class CountingPool final : public httplib::TaskQueue {
 public:
  explicit CountingPool(std::size_t threads) : pool_(threads) {}
  void enqueue(std::function<void()> fn) override;
  void shutdown() override { pool_.shutdown(); }
  std::size_t pending() const noexcept { return pending_.load(std::memory_order_relaxed); }

 private:
  httplib::ThreadPool pool_;
  std::atomic<std::size_t> pending_{0};
};

struct ConnectionStats {
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> shed{0};       // refused with 503: too many waiting
  std::atomic<std::uint64_t> timed_out{0};  // request deadline or write timeout hit
  std::atomic<std::int64_t> active{0};
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(const ConnectionLimits& limits);
  const ConnectionStats& stats() const noexcept { return stats_; }

  // When the current request on this thread began (its first byte), for
  // the access log and latency metrics.
  static std::chrono::steady_clock::time_point RequestStart() noexcept;

 private:
  bool process_and_close_socket(socket_t sock) override;
  void Shed(socket_t sock);

  const ConnectionLimits limits_;
  CountingPool* pool_ = nullptr;  // owned by httplib once handed over
  ConnectionStats stats_;
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_CONNECTION_H_
