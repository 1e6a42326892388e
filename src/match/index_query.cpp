// NameIndex: answering a query (see index.h for the method).
#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>

#include "match/index.h"
#include "match/index_keys.h"

namespace interdict::match {

using text::PreparedToken;
using text::TokenClass;

namespace {

// A query reads a few hundred places scattered over arrays of megabytes
// (tens of megabytes for millions of names). With 4 KiB pages most of those
// reads also miss the TLB, and a page walk costs about what the cache miss
// does; a 2 MiB page covers 512 times as much. So the arrays are advised
// as huge pages and collapsed into them now (they are already written),
// over the 2 MiB-aligned part of each. Advice only: where the kernel has
// no transparent huge pages or no MADV_COLLAPSE (before 6.1) nothing
// changes, and the results never do.
void AdviseHugePages(const void* data, std::size_t bytes) noexcept {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = start & ~(kHugePage - 1);
  const std::uintptr_t end = (start + bytes + kHugePage - 1) & ~(kHugePage - 1);
  if (end <= begin) return;
  void* region = reinterpret_cast<void*>(begin);
  madvise(region, end - begin, MADV_HUGEPAGE);
  // MADV_COLLAPSE (Linux 6.1), which glibc's headers may not name yet.
  constexpr int kCollapse = 25;
  madvise(region, end - begin, kCollapse);
}

template <typename T>
void AdviseHugePages(const std::vector<T>& v) noexcept {
  AdviseHugePages(v.data(), v.size() * sizeof(T));
}

}  // namespace

void NameIndex::AdviseHugePages() const noexcept {
  using match::AdviseHugePages;
  if (dict_.size() > 0) AdviseHugePages(&dict_.token(0), dict_.size() * sizeof(PreparedToken));
  AdviseHugePages(token_weights_);
  AdviseHugePages(names_);
  AdviseHugePages(name_tokens_);
  AdviseHugePages(name_roles_);
  AdviseHugePages(joined_hashes_);
  AdviseHugePages(joined_names_);
  AdviseHugePages(posting_offsets_);
  AdviseHugePages(postings_);
  AdviseHugePages(key_hashes_);
  AdviseHugePages(key_tokens_);
  AdviseHugePages(text_hashes_);
  AdviseHugePages(text_tokens_);
  for (const HashDirectory* d : {&key_directory_, &joined_directory_, &text_directory_}) {
    AdviseHugePages(d->data(), d->bytes());
  }
}

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

void NameIndex::Prefetch(std::uint32_t name, int stage) const noexcept {
  const Record& r = names_[name];
  if (stage == 0) {
    __builtin_prefetch(&r);
    return;
  }
  const std::uint32_t* tokens = name_tokens_.data() + r.first_token;
  if (stage == 1) {
    __builtin_prefetch(tokens);
    return;
  }
  for (std::uint32_t k = 0; k < r.token_count; ++k) {
    __builtin_prefetch(&dict_.token(tokens[k]));
    __builtin_prefetch(&token_weights_[tokens[k]]);
  }
}

std::vector<WeightedToken> NameIndex::Weigh(const text::PreparedName& query) const {
  std::vector<WeightedToken> out;
  out.reserve(query.tokens.size());
  for (const PreparedToken& t : query.tokens) {
    out.push_back({&t, TokenWeight(t, TextDf(t.text), names_.size())});
  }
  return out;
}

namespace {

using Span = std::pair<std::uint32_t, std::uint32_t>;

}  // namespace

struct NameIndex::Probes {
  struct Unit {
    std::uint64_t text_hash;
    std::uint64_t joined_hash;  // valid when `joined`
    bool joined;                // also look up runs the list writes apart
    Span text_bucket, joined_bucket;
    std::uint32_t first_key, last_key;  // into keys
  };
  std::vector<Unit> units;
  std::vector<std::uint64_t> keys;
  std::vector<Span> buckets;  // beside keys
};

// Each probe is a directory read and a read of the hashes it points at,
// and both miss the cache on a large index. So: every directory entry is
// asked for, then every bucket read and its hashes asked for; the
// comparisons (FinishProbe) come last, by which time most have arrived.
void NameIndex::StartProbes(Probes& p) const {
  for (const Probes::Unit& u : p.units) {
    text_directory_.Prefetch(u.text_hash);
    if (u.joined) joined_directory_.Prefetch(u.joined_hash);
  }
  for (std::uint64_t h : p.keys) key_directory_.Prefetch(h);
  for (Probes::Unit& u : p.units) {
    u.text_bucket = text_directory_.Bucket(u.text_hash);
    if (u.text_bucket.first < u.text_bucket.second) {
      __builtin_prefetch(&text_hashes_[u.text_bucket.first]);
    }
    u.joined_bucket = u.joined ? joined_directory_.Bucket(u.joined_hash) : Span{0, 0};
    if (u.joined_bucket.first < u.joined_bucket.second) {
      __builtin_prefetch(&joined_hashes_[u.joined_bucket.first]);
    }
  }
  p.buckets.resize(p.keys.size());
  for (std::size_t k = 0; k < p.keys.size(); ++k) {
    p.buckets[k] = key_directory_.Bucket(p.keys[k]);
    if (p.buckets[k].first < p.buckets[k].second) {
      __builtin_prefetch(&key_hashes_[p.buckets[k].first]);
    }
  }
}

void NameIndex::FinishProbe(const Probes& p, std::size_t unit, const PreparedToken& t,
                            std::vector<std::uint32_t>& ids) const {
  ids.clear();
  const Probes::Unit& u = p.units[unit];
  for (std::uint32_t i = u.text_bucket.first; i < u.text_bucket.second; ++i) {
    if (text_hashes_[i] == u.text_hash && dict_.token(text_tokens_[i]).text == t.text) {
      ids.push_back(text_tokens_[i]);
    }
  }
  for (std::uint32_t k = u.first_key; k < u.last_key; ++k) {
    for (std::uint32_t i = p.buckets[k].first; i < p.buckets[k].second; ++i) {
      if (key_hashes_[i] == p.keys[k]) ids.push_back(key_tokens_[i]);
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
  std::vector<std::uint64_t> hits;    // credit's bits << 32 | dictionary id
  std::vector<std::uint64_t> ranked;  // estimate's bits << 32 | ~name
  std::uint64_t loaded = 0;           // NameIndex::serial_ of the weights held
  // Sizes the arrays for `index` and loads its name weights, once per
  // thread and index.
  template <typename Weight>
  void Prepare(std::uint64_t serial, std::size_t count, Weight weight) {
    if (names.size() < count) {
      names.resize(count);
      AdviseHugePages(names);
    }
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
                                                        std::size_t max_candidates,
                                                        double min_estimate) const {
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

  thread_local Probes probes;
  probes.units.clear();
  probes.keys.clear();
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    const PreparedToken& token = *units[u].token;
    Probes::Unit p{};
    p.text_hash = KeyHash(kTextKey, token.text);
    // A query token may be a run the list writes apart ("abdulrahman").
    p.joined = u < weighted.size() && token.text.size() >= 4;
    if (p.joined) p.joined_hash = KeyHash(kJoinedKey, token.text);
    p.first_key = static_cast<std::uint32_t>(probes.keys.size());
    ForEachTokenKey(token, [&](std::uint64_t h) { probes.keys.push_back(h); });
    p.last_key = static_cast<std::uint32_t>(probes.keys.size());
    probes.units.push_back(p);
  }
  StartProbes(probes);

  thread_local std::vector<Deferred> deferred;
  deferred.clear();
  const std::size_t frequent =
      std::max<std::size_t>(1000, static_cast<std::size_t>(kFrequentFraction * names_.size()));
  std::vector<std::uint64_t>& hits = scratch.hits;
  for (std::uint32_t u = 0; u < units.size(); ++u) {
    const PreparedToken& token = *units[u].token;
    FinishProbe(probes, u, token, scratch.ids);
    hits.clear();
    const std::vector<std::uint32_t>& ids = scratch.ids;
    for (std::size_t k = 0; k < ids.size(); ++k) {
      // A dictionary token is two cache lines somewhere in the dictionary.
      if (k + 2 < ids.size()) {
        const auto* next = reinterpret_cast<const char*>(&dict_.token(ids[k + 2]));
        __builtin_prefetch(next);
        __builtin_prefetch(next + 64);
      }
      const double sim = CompareTokens(token, dict_.token(ids[k])).similarity;
      if (sim > 0) {
        __builtin_prefetch(&posting_offsets_[ids[k]]);
        // Best first below: a non-negative float's bits order as its value,
        // so (credit, id) descending is one integer order.
        const float credit = static_cast<float>(sim * units[u].weight);
        hits.push_back(std::uint64_t{std::bit_cast<std::uint32_t>(credit)} << 32 | ids[k]);
      }
    }
    // Best first, so a name is credited with its best token for this unit.
    std::sort(hits.begin(), hits.end(), std::greater<>());
    // Each hit's postings start somewhere else in the postings array: ask
    // for all of them before walking the first.
    for (const std::uint64_t hit : hits) {
      __builtin_prefetch(&postings_[posting_offsets_[static_cast<std::uint32_t>(hit)]]);
    }
    // A query token may be a run the list writes apart ("abdulrahman").
    const Probes::Unit& probe = probes.units[u];
    for (std::uint32_t i = probe.joined_bucket.first; i < probe.joined_bucket.second; ++i) {
      if (joined_hashes_[i] == probe.joined_hash) {
        scratch.Credit(joined_names_[i], u, static_cast<float>(units[u].weight));
      }
    }
    for (const std::uint64_t hit : hits) {
      const auto id = static_cast<std::uint32_t>(hit);
      const float credit = std::bit_cast<float>(static_cast<std::uint32_t>(hit >> 32));
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

  // Ranked as one integer each: the estimate's bits (it is positive, so its
  // bits order as its value) over the complement of the name id, so that
  // descending integer order is best estimate first, ties by lower name id:
  // a total order, so selecting the best `keep` and sorting only those
  // gives what sorting everything would.
  std::vector<std::uint64_t>& ranked = scratch.ranked;
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
      // Every name at or above min_estimate ranks before every name below
      // it, so leaving those out changes neither which of the best
      // max_candidates are returned nor their order.
      if (estimate >= min_estimate) {
        ranked.push_back(std::uint64_t{std::bit_cast<std::uint32_t>(estimate)} << 32 | ~name);
      }
    }
    n.units = 0;
    n.credit = 0;
  }
  const std::size_t keep = std::min(max_candidates, ranked.size());
  if (keep < ranked.size()) {
    std::nth_element(ranked.begin(), ranked.begin() + keep, ranked.end(), std::greater<>());
  }
  std::sort(ranked.begin(), ranked.begin() + keep, std::greater<>());
  std::vector<Candidate> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) {
    out.push_back({~static_cast<std::uint32_t>(ranked[i]),
                   std::bit_cast<float>(static_cast<std::uint32_t>(ranked[i] >> 32))});
  }
  return out;
}

}  // namespace interdict::match
