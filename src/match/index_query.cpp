// NameIndex: answering a query (see index.h for the method).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "match/index.h"
#include "match/index_keys.h"

namespace interdict::match {

using text::PreparedToken;
using text::TokenClass;

void NameIndex::ExactIds(std::string_view text, std::vector<std::uint32_t>& out) const {
  const std::uint64_t h = KeyHash(kTextKey, text);
  const auto [begin, end] = text_directory_.Bucket(h);
  for (std::uint32_t i = begin; i < end; ++i) {
    if (text_hashes_[i] == h && dict_.token(text_tokens_[i]).text == text) {
      out.push_back(text_tokens_[i]);
    }
  }
}

std::uint32_t NameIndex::TextDf(std::string_view text) const {
  thread_local std::vector<std::uint32_t> ids;
  ids.clear();
  ExactIds(text, ids);
  std::uint32_t df = 0;
  for (std::uint32_t id : ids) df += dict_.df(id);
  return df;
}

std::vector<WeightedToken> NameIndex::Weigh(const text::PreparedName& query) const {
  std::vector<WeightedToken> out;
  out.reserve(query.tokens.size());
  for (const PreparedToken& t : query.tokens) {
    out.push_back({&t, TokenWeight(t, TextDf(t.text), names_.size())});
  }
  return out;
}

void NameIndex::Lookup(const PreparedToken& t, std::vector<std::uint32_t>& ids) const {
  ids.clear();
  ExactIds(t.text, ids);
  auto find = [&](std::uint64_t h) {
    const auto [begin, end] = key_directory_.Bucket(h);
    for (std::uint32_t i = begin; i < end; ++i) {
      if (key_hashes_[i] == h) ids.push_back(key_tokens_[i]);
    }
  };
  // The query token's own keys, computed the same way as for the dictionary.
  if (t.cls != TokenClass::kNumber) {
    if (t.variant_group != 0) find(KeyHash(kVariantKey, std::to_string(t.variant_group)));
    if (t.phonetic.size() >= 3) find(KeyHash(kPhoneticKey, t.phonetic));
    if (t.skeleton.size() >= 2) find(KeyHash(kSkeletonKey, t.skeleton));
    if (t.text.size() >= kMinDeleteLength - 1) {
      find(KeyHash(kDeleteKey, t.text));
      for (std::size_t i = 0; t.text.size() >= kMinDeleteLength && i < t.text.size(); ++i) {
        if (i > 0 && t.text[i] == t.text[i - 1]) continue;  // same deletion
        find(DeletionHash(t.text, i));
      }
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

std::vector<std::uint32_t> NameIndex::Candidates(const text::PreparedName& query,
                                                 std::size_t max_candidates) const {
  std::vector<std::uint32_t> out;
  for (const Candidate& c : Candidates(query, Weigh(query), max_candidates)) out.push_back(c.name);
  return out;
}

namespace {

// A query token, or two adjacent ones joined, being looked up.
struct QueryUnit {
  const PreparedToken* token;
  double weight;
};

// Per-thread scratch for Candidates(): credit and a bit per query unit for
// every name (side by side: one cache line per name credited), reset
// through the touched list so a query costs what it touches, not the index
// size; and the query's working arrays, reused.
struct Scratch {
  // The name's weight rides along (in what would be padding), so ranking
  // a name reads one cache line, not this and the name's record.
  struct NameCredit {
    std::uint64_t units = 0;
    float credit = 0;
    float weight = 0;
  };
  std::vector<NameCredit> names;
  std::vector<std::uint32_t> touched;
  std::vector<PreparedToken> joined;
  std::vector<QueryUnit> query_units;
  std::vector<std::uint32_t> ids;
  std::vector<std::pair<float, std::uint32_t>> hits, ranked;
  std::uint64_t loaded = 0;  // NameIndex::serial_ of the weights held
  // Sizes the arrays for `index` and loads its name weights, once per
  // thread and index.
  template <typename Weight>
  void Prepare(std::uint64_t serial, std::size_t count, Weight weight) {
    if (names.size() < count) names.resize(count);
    if (loaded == serial) return;
    for (std::size_t n = 0; n < count; ++n) names[n].weight = weight(n);
    loaded = serial;
  }
  // Credits `name` for query unit `unit`, once per unit (the first, best,
  // credit wins).
  void Credit(std::uint32_t name, std::uint32_t unit, float amount) noexcept {
    const std::uint64_t bit = 1ull << unit;
    NameCredit& n = names[name];
    if (n.units & bit) return;
    if (n.units == 0) touched.push_back(name);
    n.units |= bit;
    n.credit += amount;
  }
};

thread_local Scratch scratch;

// Posting lists are sorted by name, but sparse: on a large index each
// credit is a cache miss the hardware does not foresee, so the loops ask
// for the name a few postings ahead.
constexpr std::size_t kPrefetchAhead = 24;

}  // namespace

void NameIndex::CreditPostings(std::uint32_t begin, std::uint32_t end, std::uint32_t unit,
                               float credit) const {
  for (std::uint32_t p = begin; p < end; ++p) {
    if (p + kPrefetchAhead < end) __builtin_prefetch(&scratch.names[postings_[p + kPrefetchAhead]]);
    scratch.Credit(postings_[p], unit, credit);
  }
}

// Frequent tokens only add to names found otherwise, unless nothing was.
// Either walk each frequent token's postings and credit the names already
// touched, or read each touched name's tokens: the same credits in the same
// order per name, so whichever is cheaper for this query. A name that
// cannot reach `floor` even with every frequent unit's best credit is left
// as it is: it will not be ranked either way.
void NameIndex::CreditDeferred(const std::vector<Deferred>& deferred, float floor) const {
  const std::size_t found = scratch.touched.size();
  std::size_t postings = 0;
  // Credits are float sums: the margin covers their rounding.
  std::array<float, 64> best{};  // per query unit (a name is credited once per unit)
  for (const Deferred& d : deferred) best[d.unit] = std::max(best[d.unit], d.credit);
  double most = 0;  // the most credit the frequent units can add to a name
  for (float b : best) most += b;
  const double need = static_cast<double>(floor) * (1 - 1e-5) - most;
  if (found == 0 && need > 0) return;  // nothing can reach the floor
  for (const Deferred& d : deferred) {
    postings += posting_offsets_[d.token + 1] - posting_offsets_[d.token];
  }
  // A touched name's record and tokens are two cache misses; a posting is a
  // sequential read and a probe of the credit arrays in name order.
  if (found == 0 || postings <= 8 * found) {
    for (const Deferred& d : deferred) {
      const std::uint32_t end = posting_offsets_[d.token + 1];
      for (std::uint32_t p = posting_offsets_[d.token]; p < end; ++p) {
        if (p + kPrefetchAhead < end) {
          __builtin_prefetch(&scratch.names[postings_[p + kPrefetchAhead]]);
        }
        const std::uint32_t name = postings_[p];
        const Scratch::NameCredit& n = scratch.names[name];
        if (found == 0 || (n.units != 0 && n.credit >= need)) {
          scratch.Credit(name, d.unit, d.credit);
        }
      }
    }
    return;
  }
  for (std::size_t i = 0; i < found; ++i) {
    if (i + kPrefetchAhead < found) {
      __builtin_prefetch(&scratch.names[scratch.touched[i + kPrefetchAhead]]);
      __builtin_prefetch(&names_[scratch.touched[i + kPrefetchAhead]]);
    }
    const std::uint32_t name = scratch.touched[i];
    if (scratch.names[name].credit < need) continue;
    const Record& r = names_[name];
    const std::uint32_t* tokens = name_tokens_.data() + r.first_token;
    for (const Deferred& d : deferred) {
      for (std::uint32_t k = 0; k < r.token_count; ++k) {
        if (tokens[k] == d.token) scratch.Credit(name, d.unit, d.credit);
      }
    }
  }
}

std::vector<NameIndex::Candidate> NameIndex::Candidates(const text::PreparedName& query,
                                                        const std::vector<WeightedToken>& weighted,
                                                        std::size_t max_candidates) const {
  scratch.Prepare(serial_, names_.size(), [this](std::size_t n) { return names_[n].weight; });
  scratch.touched.clear();

  // Units: each query token, then each adjacent pair joined.
  std::vector<QueryUnit>& units = scratch.query_units;
  units.clear();
  double total_weight = 0;
  for (const WeightedToken& w : weighted) {
    units.push_back({w.token, w.weight});
    total_weight += w.weight;
  }
  const std::size_t pairs =
      std::min(query.tokens.size() > 0 ? query.tokens.size() - 1 : 0, 64 - units.size());
  scratch.joined.resize(pairs);
  for (std::size_t i = 0; i < pairs; ++i) {
    scratch.joined[i] = text::PrepareToken(query.tokens[i].text + query.tokens[i + 1].text,
                                           query.transliterated, query.abjad);
    units.push_back({&scratch.joined[i], weighted[i].weight + weighted[i + 1].weight});
  }

  thread_local std::vector<Deferred> deferred;
  deferred.clear();
  const std::size_t frequent =
      std::max<std::size_t>(1000, static_cast<std::size_t>(kFrequentFraction * names_.size()));
  std::vector<std::pair<float, std::uint32_t>>& hits = scratch.hits;
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    const PreparedToken& token = *units[u].token;
    Lookup(token, scratch.ids);
    hits.clear();
    for (std::uint32_t id : scratch.ids) {
      const double sim = CompareTokens(token, dict_.token(id)).similarity;
      if (sim > 0) hits.emplace_back(static_cast<float>(sim * units[u].weight), id);
    }
    // Best first, so a name is credited with its best token for this unit.
    std::sort(hits.begin(), hits.end(), std::greater<>());
    // A query token may be a run the list writes apart ("abdulrahman").
    if (u < weighted.size() && token.text.size() >= 4) {
      const std::uint64_t h = KeyHash(kJoinedKey, token.text);
      const auto [begin, end] = joined_directory_.Bucket(h);
      for (std::uint32_t i = begin; i < end; ++i) {
        if (joined_hashes_[i] == h) {
          scratch.Credit(joined_names_[i], u, static_cast<float>(units[u].weight));
        }
      }
    }
    for (const auto& [credit, id] : hits) {
      const std::uint32_t begin = posting_offsets_[id], end = posting_offsets_[id + 1];
      if (end - begin > frequent) {
        deferred.push_back({u, id, credit});
        continue;
      }
      CreditPostings(begin, end, u, credit);
    }
  }
  const float floor = static_cast<float>(kMinCoverage * total_weight);
  if (!deferred.empty()) CreditDeferred(deferred, floor);

  std::vector<std::pair<float, std::uint32_t>>& ranked = scratch.ranked;
  ranked.clear();
  const std::vector<std::uint32_t>& touched = scratch.touched;
  for (std::size_t i = 0; i < touched.size(); ++i) {
    if (i + kPrefetchAhead < touched.size()) {
      __builtin_prefetch(&scratch.names[touched[i + kPrefetchAhead]]);
    }
    const std::uint32_t name = touched[i];
    Scratch::NameCredit& n = scratch.names[name];
    if (n.credit >= floor) {
      const float estimate = 2 * n.credit / (static_cast<float>(total_weight) + n.weight);
      ranked.emplace_back(estimate, name);
    }
    n.units = 0;
    n.credit = 0;
  }
  // Best estimate first, ties by name id: a total order, so selecting the
  // best `keep` and sorting only those gives what sorting everything would.
  const auto better = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  const std::size_t keep = std::min(max_candidates, ranked.size());
  if (keep < ranked.size())
    std::nth_element(ranked.begin(), ranked.begin() + keep, ranked.end(), better);
  std::sort(ranked.begin(), ranked.begin() + keep, better);
  std::vector<Candidate> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) out.push_back({ranked[i].second, ranked[i].first});
  return out;
}

}  // namespace interdict::match
