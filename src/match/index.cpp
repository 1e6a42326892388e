#include "match/index.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "text/normalize.h"

namespace interdict::match {
namespace {

using text::PreparedToken;
using text::TokenClass;

// Key namespaces, so a skeleton never collides with a deletion.
enum KeySpace : char {
  kVariantKey = 'V',
  kPhoneticKey = 'P',
  kSkeletonKey = 'S',
  kDeleteKey = 'D',
  kJoinedKey = 'J',  // adjacent tokens written together
};

std::uint64_t KeyHash(KeySpace space, std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull ^ static_cast<std::uint64_t>(space);
  h *= 1099511628211ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Typo keys only for tokens long enough that one deletion still identifies.
constexpr std::size_t kMinDeleteLength = 5;
// Concatenations are looked up only this long (a merged run is a real word).
constexpr std::size_t kMaxJoinedRun = 3;

double ClassWeight(TokenClass c) noexcept {
  switch (c) {
    case TokenClass::kName:
    case TokenClass::kNumber:
      return 1.0;
    case TokenClass::kOrgWord:
      return 0.35;
    case TokenClass::kParticle:
      return 0.25;
    case TokenClass::kLegalForm:
      return 0.15;
    case TokenClass::kTitle:
    case TokenClass::kStopword:
      return 0.05;
  }
  return 1.0;
}

// Per-thread scratch for Candidates(): credit and a bit per query unit for
// every name. Reset through the touched list, so a query costs what it
// touches, not the index size.
struct Scratch {
  std::vector<float> credit;
  std::vector<std::uint64_t> units;
  std::vector<std::uint32_t> touched;
  void Reserve(std::size_t names) {
    if (credit.size() < names) {
      credit.resize(names, 0.0f);
      units.resize(names, 0);
    }
  }
};

}  // namespace

// ---------------------------------------------------------------------------
// TokenDict

std::string TokenDict::Key(std::string_view text, bool transliterated, bool abjad) {
  std::string key(text);
  key.push_back(static_cast<char>('0' + (transliterated ? 1 : 0) + (abjad ? 2 : 0)));
  return key;
}

std::uint32_t TokenDict::Intern(std::string_view text, bool transliterated, bool abjad) {
  auto [it, inserted] = ids_.emplace(Key(text, transliterated, abjad), 0);
  if (inserted) {
    it->second = static_cast<std::uint32_t>(tokens_.size());
    tokens_.push_back(text::PrepareToken(text, transliterated, abjad));
    df_.push_back(0);
  }
  return it->second;
}

void TokenDict::FindAll(std::string_view text, std::vector<std::uint32_t>& out) const {
  for (int flags : {0, 1, 3}) {
    const auto it = ids_.find(Key(text, flags & 1, flags & 2));
    if (it != ids_.end()) out.push_back(it->second);
  }
}

std::uint32_t TokenDict::TextDf(std::string_view text) const {
  std::vector<std::uint32_t> ids;
  FindAll(text, ids);
  std::uint32_t df = 0;
  for (std::uint32_t id : ids) df += df_[id];
  return df;
}

std::size_t TokenDict::MemoryBytes() const noexcept {
  std::size_t bytes = ids_.size() * 64 + tokens_.capacity() * sizeof(PreparedToken) +
                      df_.capacity() * sizeof(std::uint32_t);
  for (const auto& t : tokens_) {
    for (const std::string* s : {&t.text, &t.phonetic, &t.skeleton}) {
      if (s->capacity() > 15) bytes += s->capacity() + 1;
    }
  }
  return bytes;
}

double TokenWeight(const PreparedToken& token, std::uint32_t df, std::size_t names) noexcept {
  double info = 1.0;
  if (df > 0 && names > 0) {
    // 1.0 for a token in 1/4096 of names or fewer, falling to 0.35 for one
    // in every name: a fixed scale, so weights mean the same in any index.
    const double rarity = std::log2(static_cast<double>(names) / df);
    info = std::clamp(0.35 + 0.65 * rarity / 12.0, 0.35, 1.0);
  }
  double w = ClassWeight(token.cls) * info;
  if (token.text.size() == 1) w *= 0.5;  // an initial says less than a name
  return w;
}

// ---------------------------------------------------------------------------
// NameIndex: building

bool NameIndex::Add(std::uint32_t entity, std::string_view name) {
  const text::ScriptInfo scripts = text::DetectScripts(name);
  const std::vector<std::string> tokens = text::CanonicalTokens(name);
  if (tokens.empty()) return false;
  const auto name_id = static_cast<std::uint32_t>(names_.size());
  Record r;
  r.entity = entity;
  r.first_token = static_cast<std::uint32_t>(name_tokens_.size());
  r.token_count = static_cast<std::uint8_t>(tokens.size());
  r.weight = 0;
  r.text_offset = static_cast<std::uint32_t>(text_.size());
  const std::string_view shown = name.substr(0, 0xFFFF);
  r.text_length = static_cast<std::uint16_t>(shown.size());
  text_.append(shown);
  for (const std::string& t : tokens) {
    name_tokens_.push_back(dict_.Intern(t, scripts.non_latin, scripts.abjad));
  }
  // Joined runs: every adjacent pair, and triples whose middle is a particle
  // ("abd al rahman").
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::string joined = tokens[i];
    for (std::size_t run = 2; run <= kMaxJoinedRun && i + run <= tokens.size(); ++run) {
      joined += tokens[i + run - 1];
      if (run == 3 &&
          dict_.token(name_tokens_[r.first_token + i + 1]).cls != TokenClass::kParticle) {
        break;
      }
      joined_.emplace_back(KeyHash(kJoinedKey, joined), name_id);
    }
  }
  names_.push_back(r);
  return true;
}

void NameIndex::AddKeys(std::uint32_t id,
                        std::vector<std::pair<std::uint64_t, std::uint32_t>>& keys) const {
  const PreparedToken& t = dict_.token(id);
  if (t.cls == TokenClass::kNumber) return;  // numbers match only exactly
  if (t.variant_group != 0) {
    keys.emplace_back(KeyHash(kVariantKey, std::to_string(t.variant_group)), id);
  }
  if (t.phonetic.size() >= 3) keys.emplace_back(KeyHash(kPhoneticKey, t.phonetic), id);
  if (t.skeleton.size() >= 2) keys.emplace_back(KeyHash(kSkeletonKey, t.skeleton), id);
  if (t.text.size() >= kMinDeleteLength - 1) {
    keys.emplace_back(KeyHash(kDeleteKey, t.text), id);
    if (t.text.size() >= kMinDeleteLength) {
      std::string deleted;
      for (std::size_t i = 0; i < t.text.size(); ++i) {
        if (i > 0 && t.text[i] == t.text[i - 1]) continue;  // same deletion
        deleted.assign(t.text, 0, i);
        deleted.append(t.text, i + 1);
        keys.emplace_back(KeyHash(kDeleteKey, deleted), id);
      }
    }
  }
}

void NameIndex::Finish() {
  // Document frequencies count each token once per name.
  std::sort(joined_.begin(), joined_.end());
  joined_.erase(std::unique(joined_.begin(), joined_.end()), joined_.end());
  joined_.shrink_to_fit();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(name_tokens_.size());
  for (std::uint32_t n = 0; n < names_.size(); ++n) {
    const Record& r = names_[n];
    for (std::uint32_t k = 0; k < r.token_count; ++k) {
      pairs.emplace_back(name_tokens_[r.first_token + k], n);
    }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  for (std::uint32_t n = 0; n < names_.size(); ++n) {
    const Record& r = names_[n];
    std::vector<std::uint32_t> seen(name_tokens_.begin() + r.first_token,
                                    name_tokens_.begin() + r.first_token + r.token_count);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (std::uint32_t id : seen) dict_.AddDocument(id);
  }
  token_weights_.resize(dict_.size());
  for (std::uint32_t id = 0; id < dict_.size(); ++id) {
    token_weights_[id] =
        static_cast<float>(TokenWeight(dict_.token(id), dict_.df(id), names_.size()));
  }
  for (Record& r : names_) {
    r.weight = 0;
    for (std::uint32_t k = 0; k < r.token_count; ++k) {
      r.weight += token_weights_[name_tokens_[r.first_token + k]];
    }
  }
  posting_offsets_.assign(dict_.size() + 1, 0);
  for (const auto& [token, name] : pairs) ++posting_offsets_[token + 1];
  for (std::size_t i = 1; i < posting_offsets_.size(); ++i) {
    posting_offsets_[i] += posting_offsets_[i - 1];
  }
  postings_.resize(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) postings_[i] = pairs[i].second;
  pairs = {};

  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  keys.reserve(dict_.size() * 8);
  for (std::uint32_t id = 0; id < dict_.size(); ++id) AddKeys(id, keys);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  key_hashes_.resize(keys.size());
  key_tokens_.resize(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    key_hashes_[i] = keys[i].first;
    key_tokens_[i] = keys[i].second;
  }
  names_.shrink_to_fit();
  name_tokens_.shrink_to_fit();
  text_.shrink_to_fit();
}

// ---------------------------------------------------------------------------
// NameIndex: queries

std::string_view NameIndex::text_of(std::uint32_t name) const noexcept {
  const Record& r = names_[name];
  return std::string_view(text_).substr(r.text_offset, r.text_length);
}

void NameIndex::Tokens(std::uint32_t name, std::vector<WeightedToken>& out) const {
  out.clear();
  const Record& r = names_[name];
  for (std::uint32_t k = 0; k < r.token_count; ++k) {
    const std::uint32_t id = name_tokens_[r.first_token + k];
    out.push_back({&dict_.token(id), token_weights_[id]});
  }
}

std::vector<WeightedToken> NameIndex::Weigh(const text::PreparedName& query) const {
  std::vector<WeightedToken> out;
  out.reserve(query.tokens.size());
  for (const PreparedToken& t : query.tokens) {
    out.push_back({&t, TokenWeight(t, dict_.TextDf(t.text), names_.size())});
  }
  return out;
}

void NameIndex::Lookup(const PreparedToken& t, std::vector<std::uint32_t>& ids) const {
  ids.clear();
  dict_.FindAll(t.text, ids);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> keys;
  // The query token's own keys, computed the same way as for the dictionary.
  if (t.cls != TokenClass::kNumber) {
    if (t.variant_group != 0)
      keys.emplace_back(KeyHash(kVariantKey, std::to_string(t.variant_group)), 0);
    if (t.phonetic.size() >= 3) keys.emplace_back(KeyHash(kPhoneticKey, t.phonetic), 0);
    if (t.skeleton.size() >= 2) keys.emplace_back(KeyHash(kSkeletonKey, t.skeleton), 0);
    if (t.text.size() >= kMinDeleteLength - 1) {
      keys.emplace_back(KeyHash(kDeleteKey, t.text), 0);
      std::string deleted;
      for (std::size_t i = 0; t.text.size() >= kMinDeleteLength && i < t.text.size(); ++i) {
        deleted.assign(t.text, 0, i);
        deleted.append(t.text, i + 1);
        keys.emplace_back(KeyHash(kDeleteKey, deleted), 0);
      }
    }
  }
  for (const auto& key : keys) {
    auto it = std::lower_bound(key_hashes_.begin(), key_hashes_.end(), key.first);
    for (; it != key_hashes_.end() && *it == key.first; ++it) {
      ids.push_back(key_tokens_[it - key_hashes_.begin()]);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

struct NameIndex::Unit {
  PreparedToken token;
  double weight;
};

std::vector<std::uint32_t> NameIndex::Candidates(const text::PreparedName& query,
                                                 std::size_t max_candidates) const {
  std::vector<std::uint32_t> out;
  for (const Candidate& c : Candidates(query, Weigh(query), max_candidates)) out.push_back(c.name);
  return out;
}

std::vector<NameIndex::Candidate> NameIndex::Candidates(const text::PreparedName& query,
                                                        const std::vector<WeightedToken>& weighted,
                                                        std::size_t max_candidates) const {
  thread_local Scratch scratch;
  scratch.Reserve(names_.size());
  scratch.touched.clear();

  // Units: each query token, then each adjacent pair joined.
  std::vector<Unit> units;
  double total_weight = 0;
  for (const WeightedToken& w : weighted) {
    units.push_back({*w.token, w.weight});
    total_weight += w.weight;
  }
  for (std::size_t i = 0; i + 1 < query.tokens.size() && units.size() < 64; ++i) {
    units.push_back({text::PrepareToken(query.tokens[i].text + query.tokens[i + 1].text,
                                        query.transliterated, query.abjad),
                     weighted[i].weight + weighted[i + 1].weight});
  }

  struct Deferred {
    std::size_t unit;
    std::uint32_t token;
    float credit;
  };
  std::vector<Deferred> deferred;
  const std::size_t frequent =
      std::max<std::size_t>(1000, static_cast<std::size_t>(kFrequentFraction * names_.size()));
  std::vector<std::uint32_t> ids;
  std::vector<std::pair<float, std::uint32_t>> hits;
  auto credit_name = [&](std::uint32_t name, std::size_t unit, float credit) {
    const std::uint64_t bit = 1ull << unit;
    if (scratch.units[name] & bit) return;
    if (scratch.units[name] == 0) scratch.touched.push_back(name);
    scratch.units[name] |= bit;
    scratch.credit[name] += credit;
  };
  for (std::size_t u = 0; u < units.size(); ++u) {
    Lookup(units[u].token, ids);
    hits.clear();
    for (std::uint32_t id : ids) {
      const double sim = CompareTokens(units[u].token, dict_.token(id)).similarity;
      if (sim > 0) hits.emplace_back(static_cast<float>(sim * units[u].weight), id);
    }
    // Best first, so a name is credited with its best token for this unit.
    std::sort(hits.begin(), hits.end(), std::greater<>());
    // A query token may be a run the list writes apart ("abdulrahman").
    if (u < weighted.size() && units[u].token.text.size() >= 4) {
      const std::uint64_t h = KeyHash(kJoinedKey, units[u].token.text);
      auto it = std::lower_bound(joined_.begin(), joined_.end(), std::make_pair(h, 0u));
      for (; it != joined_.end() && it->first == h; ++it) {
        credit_name(it->second, u, static_cast<float>(units[u].weight));
      }
    }
    for (const auto& [credit, id] : hits) {
      const std::uint32_t begin = posting_offsets_[id], end = posting_offsets_[id + 1];
      if (end - begin > frequent) {
        deferred.push_back({u, id, credit});
        continue;
      }
      for (std::uint32_t p = begin; p < end; ++p) credit_name(postings_[p], u, credit);
    }
  }
  // Frequent tokens only add to names found otherwise, unless nothing was.
  if (scratch.touched.empty()) {
    for (const Deferred& d : deferred) {
      for (std::uint32_t p = posting_offsets_[d.token]; p < posting_offsets_[d.token + 1]; ++p) {
        credit_name(postings_[p], d.unit, d.credit);
      }
    }
  } else if (!deferred.empty()) {
    const std::size_t found = scratch.touched.size();
    for (std::size_t i = 0; i < found; ++i) {
      const std::uint32_t name = scratch.touched[i];
      const Record& r = names_[name];
      for (const Deferred& d : deferred) {
        for (std::uint32_t k = 0; k < r.token_count; ++k) {
          if (name_tokens_[r.first_token + k] == d.token) credit_name(name, d.unit, d.credit);
        }
      }
    }
  }

  const float floor = static_cast<float>(kMinCoverage * total_weight);
  std::vector<std::pair<float, std::uint32_t>> ranked;
  for (std::uint32_t name : scratch.touched) {
    if (scratch.credit[name] >= floor) {
      const float estimate =
          2 * scratch.credit[name] / (static_cast<float>(total_weight) + names_[name].weight);
      ranked.emplace_back(estimate, name);
    }
    scratch.credit[name] = 0;
    scratch.units[name] = 0;
  }
  const std::size_t keep = std::min(max_candidates, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + keep, ranked.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<Candidate> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) out.push_back({ranked[i].second, ranked[i].first});
  return out;
}

std::size_t NameIndex::MemoryBytes() const noexcept {
  return dict_.MemoryBytes() + names_.capacity() * sizeof(Record) + name_tokens_.capacity() * 4 +
         text_.capacity() + posting_offsets_.capacity() * 4 + postings_.capacity() * 4 +
         key_hashes_.capacity() * 8 + key_tokens_.capacity() * 4 + token_weights_.capacity() * 4 +
         joined_.capacity() * sizeof(joined_[0]);
}

}  // namespace interdict::match
