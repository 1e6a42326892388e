#include "jaro_winkler.h"

#include <algorithm>

#include "name_text.h"

namespace interdict::eval {

double JaroWinkler(std::u32string_view a, std::u32string_view b) noexcept {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  if (a.size() > b.size()) std::swap(a, b);
  const std::size_t window = std::max<std::size_t>(b.size() / 2, 1) - 1;
  // Names are short; fixed buffers keep the hot loop free of allocation.
  constexpr std::size_t kMax = 512;
  if (b.size() > kMax) b = b.substr(0, kMax);
  if (a.size() > kMax) a = a.substr(0, kMax);
  bool a_matched[kMax] = {};
  bool b_matched[kMax] = {};
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::size_t lo = i > window ? i - window : 0;
    std::size_t hi = std::min(i + window + 1, b.size());
    for (std::size_t j = lo; j < hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    transpositions += a[i] != b[j];
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + 0.1 * static_cast<double>(prefix) * (1.0 - jaro);
}

JaroWinklerIndex::JaroWinklerIndex(const std::vector<Entity>& entities) {
  names_of_entity_.resize(entities.size());
  for (std::size_t e = 0; e < entities.size(); ++e) {
    entity_index_.emplace(entities[e].id, static_cast<int>(e));
    for (const Name& n : entities[e].names) {
      std::u32string folded = FoldName(n.full);
      if (folded.empty()) continue;
      names_of_entity_[e].push_back(names_.size());
      names_.push_back({text_.size(), folded.size(), static_cast<int>(e), HistogramOf(folded)});
      text_ += folded;
    }
  }
}

int JaroWinklerIndex::EntityIndex(const std::string& id) const {
  auto it = entity_index_.find(id);
  return it == entity_index_.end() ? -1 : it->second;
}

JaroWinklerIndex::Histogram JaroWinklerIndex::HistogramOf(std::u32string_view s) noexcept {
  Histogram h{};
  for (char32_t c : s) {
    std::uint8_t& bucket = h[c % 32];
    if (bucket < 255) ++bucket;
  }
  return h;
}

double JaroWinklerIndex::UpperBound(const Histogram& q, std::size_t q_len,
                                    const IndexedName& n) noexcept {
  // Matching characters are equal, so they fall in the same bucket.
  std::size_t shared = 0;
  for (std::size_t b = 0; b < q.size(); ++b) shared += std::min(q[b], n.histogram[b]);
  shared = std::min({shared, q_len, n.length});
  if (shared == 0) return 0.0;
  const double m = static_cast<double>(shared);
  const double jaro =
      (m / static_cast<double>(q_len) + m / static_cast<double>(n.length) + 1.0) / 3.0;
  return jaro + 0.4 * (1.0 - jaro);
}

double JaroWinklerIndex::EntityScore(std::u32string_view query, int entity) const noexcept {
  double best = 0;
  if (entity < 0) return best;
  for (std::size_t i : names_of_entity_[static_cast<std::size_t>(entity)]) {
    best = std::max(best, JaroWinkler(query, Text(names_[i])));
  }
  return best;
}

std::size_t JaroWinklerIndex::CountAbove(std::u32string_view query, double floor, int except,
                                         std::size_t limit) const noexcept {
  const Histogram q = HistogramOf(query);
  std::size_t count = 0;
  int last_counted = -1;
  for (const IndexedName& n : names_) {
    if (n.entity == except || n.entity == last_counted) continue;
    if (UpperBound(q, query.size(), n) <= floor) continue;
    if (JaroWinkler(query, Text(n)) <= floor) continue;
    // Names of one entity are contiguous, so one look-back de-duplicates.
    last_counted = n.entity;
    if (++count >= limit) break;
  }
  return count;
}

double JaroWinklerIndex::MaxScore(std::u32string_view query) const noexcept {
  const Histogram q = HistogramOf(query);
  double best = 0;
  for (const IndexedName& n : names_) {
    if (UpperBound(q, query.size(), n) <= best) continue;
    best = std::max(best, JaroWinkler(query, Text(n)));
  }
  return best;
}

}  // namespace interdict::eval
