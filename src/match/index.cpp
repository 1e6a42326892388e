#include "match/index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>

#include "match/index_keys.h"
#include "text/normalize.h"

namespace interdict::match {
namespace {

using text::PreparedToken;
using text::TokenClass;

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

std::vector<text::NameRole> IndexedPersonRoles(std::string_view name, std::string_view family,
                                               const std::vector<std::string>& tokens) {
  std::vector<text::NameRole> roles = text::PersonNameRoles(name, family, tokens);
  // A common pair typed alone names too many people to forgive omissions.
  if (text::CommonGivenAndFamily(tokens, roles)) roles.clear();
  return roles;
}

double TokenWeight(const PreparedToken& token, std::uint32_t df, std::size_t names) noexcept {
  double info = 1.0;
  if (df > 0 && names > 0) {
    // 1.0 for a token in 1/4096 of names or fewer, falling to 0.35 for one
    // in every name: a fixed scale, so weights mean the same in any index.
    info = InformationOfBits(std::log2(static_cast<double>(names) / df));
  }
  double w = ClassWeight(token.cls) * info;
  if (token.text.size() == 1) w *= 0.5;  // an initial says less than a name
  return w;
}

// ---------------------------------------------------------------------------
// NameIndex: building

bool NameIndex::Add(std::uint32_t entity, std::string_view name, bool person,
                    std::string_view family) {
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
  std::vector<text::NameRole> roles;
  if (person) roles = IndexedPersonRoles(name, family, tokens);
  roles.resize(tokens.size(), text::NameRole::kNone);
  name_roles_.insert(name_roles_.end(), roles.begin(), roles.end());
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
      joined_hashes_.push_back(KeyHash(kJoinedKey, joined));
      joined_names_.push_back(name_id);
    }
  }
  names_.push_back(r);
  return true;
}

bool NameIndex::Add(std::uint32_t entity, const Name& name, bool person) {
  std::string family;
  for (const NamePart& part : name.parts) {
    if (part.type != NamePartType::kFamily) continue;
    if (!family.empty()) family += ' ';
    family += part.value;
  }
  return Add(entity, name.full, person, family);
}

void NameIndex::AddKeys(std::uint32_t id,
                        std::vector<std::pair<std::uint64_t, std::uint32_t>>& keys) const {
  ForEachTokenKey(dict_.token(id), [&](std::uint64_t h) { keys.emplace_back(h, id); });
}

void NameIndex::Finish() {
  // Document frequencies count each token once per name.
  {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> joined(joined_hashes_.size());
    for (std::size_t i = 0; i < joined.size(); ++i) {
      joined[i] = {joined_hashes_[i], joined_names_[i]};
    }
    std::sort(joined.begin(), joined.end());
    joined.erase(std::unique(joined.begin(), joined.end()), joined.end());
    joined_hashes_.resize(joined.size());
    joined_names_.resize(joined.size());
    for (std::size_t i = 0; i < joined.size(); ++i) {
      std::tie(joined_hashes_[i], joined_names_[i]) = joined[i];
    }
    joined_hashes_.shrink_to_fit();
    joined_names_.shrink_to_fit();
  }
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
  name_roles_.shrink_to_fit();
  text_.shrink_to_fit();
  BuildLookupTables();
}

void NameIndex::BuildLookupTables() {
  // Per-thread scratch keeps this index's name weights; a process-wide
  // serial (never reused, unlike an address) says whose they are.
  static std::atomic<std::uint64_t> serials{0};
  serial_ = ++serials;
  key_directory_.Build(key_hashes_);
  joined_directory_.Build(joined_hashes_);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> texts(dict_.size());
  for (std::uint32_t id = 0; id < dict_.size(); ++id) {
    texts[id] = {KeyHash(kTextKey, dict_.token(id).text), id};
  }
  std::sort(texts.begin(), texts.end());
  text_hashes_.resize(texts.size());
  text_tokens_.resize(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::tie(text_hashes_[i], text_tokens_[i]) = texts[i];
  }
  text_directory_.Build(text_hashes_);
  AdviseHugePages();
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
    out.push_back({&dict_.token(id), token_weights_[id], id, name_roles_[r.first_token + k]});
  }
}

std::size_t NameIndex::MemoryBytes() const noexcept {
  return dict_.MemoryBytes() + names_.capacity() * sizeof(Record) + name_tokens_.capacity() * 4 +
         name_roles_.capacity() + text_.capacity() + posting_offsets_.capacity() * 4 +
         postings_.capacity() * 4 + key_hashes_.capacity() * 8 + key_tokens_.capacity() * 4 +
         token_weights_.capacity() * 4 + joined_hashes_.capacity() * 8 +
         joined_names_.capacity() * 4 + text_hashes_.capacity() * 8 + text_tokens_.capacity() * 4 +
         key_directory_.MemoryBytes() + joined_directory_.MemoryBytes() +
         text_directory_.MemoryBytes();
}

}  // namespace interdict::match
