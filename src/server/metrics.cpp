// See metrics.h.
#include "server/metrics.h"

#include <algorithm>
#include <cstdio>

namespace interdict::server {

std::string LabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void AppendSample(std::string& out, std::string_view name, std::string_view labels, double value) {
  char number[48];
  std::snprintf(number, sizeof number, "%.17g", value);
  out.append(name);
  if (!labels.empty()) {
    out += '{';
    out.append(labels);
    out += '}';
  }
  out += ' ';
  out += number;
  out += '\n';
}

void RequestMetrics::Observe(std::string_view route, std::string_view method, int status,
                             double seconds) {
  const std::size_t bucket =
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  std::lock_guard lock(mutex_);
  auto it = series_.find(std::make_tuple(route, method, status));
  if (it == series_.end()) {
    it = series_.emplace(Key{std::string(route), std::string(method), status}, Series{}).first;
  }
  Series& series = it->second;
  ++series.count;
  series.sum += seconds;
  if (bucket < kBuckets.size()) ++series.buckets[bucket];
}

std::uint64_t RequestMetrics::Count(std::string_view route, int status) const {
  std::lock_guard lock(mutex_);
  std::uint64_t total = 0;
  for (const auto& [key, series] : series_) {
    if (std::get<0>(key) == route && std::get<2>(key) == status) total += series.count;
  }
  return total;
}

void RequestMetrics::Render(std::string& out) const {
  std::lock_guard lock(mutex_);
  out += "# HELP interdict_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE interdict_http_requests_total counter\n";
  for (const auto& [key, series] : series_) {
    const auto& [route, method, status] = key;
    AppendSample(out, "interdict_http_requests_total",
                 "route=\"" + LabelValue(route) + "\",method=\"" + LabelValue(method) +
                     "\",status=\"" + std::to_string(status) + "\"",
                 static_cast<double>(series.count));
  }
  out += "# HELP interdict_http_request_duration_seconds Time from request headers to response.\n";
  out += "# TYPE interdict_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : series_) {
    const auto& [route, method, status] = key;
    const std::string labels = "route=\"" + LabelValue(route) + "\",method=\"" +
                               LabelValue(method) + "\",status=\"" + std::to_string(status) + "\"";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += series.buckets[i];
      char le[32];
      std::snprintf(le, sizeof le, "%g", kBuckets[i]);
      AppendSample(out, "interdict_http_request_duration_seconds_bucket",
                   labels + ",le=\"" + le + "\"", static_cast<double>(cumulative));
    }
    AppendSample(out, "interdict_http_request_duration_seconds_bucket", labels + ",le=\"+Inf\"",
                 static_cast<double>(series.count));
    AppendSample(out, "interdict_http_request_duration_seconds_sum", labels, series.sum);
    AppendSample(out, "interdict_http_request_duration_seconds_count", labels,
                 static_cast<double>(series.count));
  }
}

}  // namespace interdict::server
