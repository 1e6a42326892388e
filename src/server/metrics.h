// Request metrics for GET /metrics, in the Prometheus text format:
//   interdict_http_requests_total{route,method,status}
//   interdict_http_request_duration_seconds{route,method,status} (histogram)
// Routes are the registered patterns ("/v1/entities/{id}"), never raw paths,
// so a client cannot grow the label set.
//
// Thread-safe. One short critical section per request.
#ifndef INTERDICT_SERVER_METRICS_H_
#define INTERDICT_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace interdict::server {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void Observe(std::string_view route, std::string_view method, int status, double seconds);
  // Appends the counter and histogram families to `out`.
  void Render(std::string& out) const;
  // Requests so far with this route and status (for tests and readiness).
  std::uint64_t Count(std::string_view route, int status) const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative
  };
  using Key = std::tuple<std::string, std::string, int>;  // route, method, status
  using KeyView = std::tuple<std::string_view, std::string_view, int>;

  // Orders keys and lets find() take string_views without allocating. (A
  // plain std::less<> cannot compare tuples of string and string_view under
  // clang 14 with libstdc++ 12.)
  struct KeyLess {
    using is_transparent = void;
    static KeyView View(const Key& k) { return {std::get<0>(k), std::get<1>(k), std::get<2>(k)}; }
    static const KeyView& View(const KeyView& k) { return k; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return View(a) < View(b);
    }
  };

  mutable std::mutex mutex_;
  std::map<Key, Series, KeyLess> series_;
};

// Appends one sample line: name{labels} value.
void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value);
// A label value with \, " and newlines escaped.
std::string LabelValue(std::string_view value);

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_METRICS_H_
