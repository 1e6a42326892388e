// NameIndex and TokenDict to bytes and back, for the on-disk index cache.
//
// Everything is written as built, prepared keys included, so reading a cache
// costs copying arrays and re-hashing the token texts, not preparing tokens.
// Reading validates every count, id and offset before the index is used.
#include <algorithm>

#include "match/index.h"
#include "text/normalize.h"

namespace interdict::match {
namespace {

constexpr std::uint8_t kTransliteratedBit = 1;
constexpr std::uint8_t kAbjadBit = 2;
constexpr std::uint8_t kLastClass = static_cast<std::uint8_t>(text::TokenClass::kStopword);

// Offsets [0, offsets.back()] increasing, ending at `size`.
bool ValidOffsets(const std::vector<std::uint32_t>& offsets, std::size_t size) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != size) return false;
  return std::is_sorted(offsets.begin(), offsets.end());
}

bool AllBelow(const std::vector<std::uint32_t>& ids, std::size_t limit) {
  return std::all_of(ids.begin(), ids.end(), [limit](std::uint32_t id) { return id < limit; });
}

}  // namespace

void TokenDict::Serialize(ByteWriter& w) const {
  w.Put<std::uint64_t>(tokens_.size());
  for (const text::PreparedToken& t : tokens_) {
    w.PutString(t.text);
    w.PutString(t.phonetic);
    w.PutString(t.skeleton);
    w.Put<std::uint32_t>(t.variant_group);
    w.Put<std::uint8_t>(static_cast<std::uint8_t>(t.cls));
    w.Put<std::uint8_t>((t.transliterated ? kTransliteratedBit : 0) | (t.abjad ? kAbjadBit : 0));
  }
  w.PutVector(df_);
}

bool TokenDict::Deserialize(ByteReader& r) {
  // Each token takes at least three string lengths, a group, class and flags.
  const std::size_t count = r.GetCount(3 * 4 + 4 + 2);
  tokens_.clear();
  ids_.clear();
  tokens_.reserve(count);
  ids_.reserve(count);
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    text::PreparedToken t;
    t.text = r.GetString();
    t.phonetic = r.GetString();
    t.skeleton = r.GetString();
    t.variant_group = r.Get<std::uint32_t>();
    const auto cls = r.Get<std::uint8_t>();
    const auto flags = r.Get<std::uint8_t>();
    if (cls > kLastClass || flags > (kTransliteratedBit | kAbjadBit) || t.text.empty() ||
        t.text.size() > text::kMaxTokenLength) {
      r.Fail();
    }
    t.cls = static_cast<text::TokenClass>(cls);
    t.transliterated = flags & kTransliteratedBit;
    t.abjad = flags & kAbjadBit;
    const bool fresh =
        ids_.emplace(Key(t.text, t.transliterated, t.abjad), static_cast<std::uint32_t>(i)).second;
    if (!fresh) r.Fail();  // the same token twice: not a dictionary this code wrote
    tokens_.push_back(std::move(t));
  }
  r.GetVector(df_);
  return r.ok() && df_.size() == tokens_.size();
}

void NameIndex::Serialize(ByteWriter& w) const {
  dict_.Serialize(w);
  w.PutVector(token_weights_);
  w.Put<std::uint64_t>(names_.size());
  for (const Record& n : names_) {
    w.Put(n.entity);
    w.Put(n.first_token);
    w.Put(n.text_offset);
    w.Put(n.text_length);
    w.Put(n.token_count);
    w.Put(n.weight);
  }
  w.PutVector(name_tokens_);
  w.PutVector(name_roles_);
  w.PutString(text_);
  w.Put<std::uint64_t>(joined_hashes_.size());
  for (std::size_t i = 0; i < joined_hashes_.size(); ++i) {
    w.Put(joined_hashes_[i]);
    w.Put(joined_names_[i]);
  }
  w.PutVector(posting_offsets_);
  w.PutVector(postings_);
  w.PutVector(key_hashes_);
  w.PutVector(key_tokens_);
}

bool NameIndex::Deserialize(ByteReader& r) {
  if (!dict_.Deserialize(r)) return false;
  r.GetVector(token_weights_);
  const std::size_t count = r.GetCount(4 * 3 + 2 + 1 + 4);
  names_.clear();
  names_.reserve(count);
  for (std::size_t i = 0; i < count && r.ok(); ++i) {
    Record n;
    n.entity = r.Get<std::uint32_t>();
    n.first_token = r.Get<std::uint32_t>();
    n.text_offset = r.Get<std::uint32_t>();
    n.text_length = r.Get<std::uint16_t>();
    n.token_count = r.Get<std::uint8_t>();
    n.weight = r.Get<float>();
    names_.push_back(n);
  }
  r.GetVector(name_tokens_);
  r.GetVector(name_roles_);
  text_ = r.GetString();
  const std::size_t joined = r.GetCount(8 + 4);
  joined_hashes_.clear();
  joined_names_.clear();
  joined_hashes_.reserve(joined);
  joined_names_.reserve(joined);
  for (std::size_t i = 0; i < joined && r.ok(); ++i) {
    joined_hashes_.push_back(r.Get<std::uint64_t>());
    joined_names_.push_back(r.Get<std::uint32_t>());
  }
  r.GetVector(posting_offsets_);
  r.GetVector(postings_);
  r.GetVector(key_hashes_);
  r.GetVector(key_tokens_);
  if (!r.ok() || !Valid()) return false;
  BuildLookupTables();
  return true;
}

// Every invariant Candidates(), Tokens() and text_of() rely on.
bool NameIndex::Valid() const noexcept {
  const std::size_t tokens = dict_.size();
  if (token_weights_.size() != tokens || !AllBelow(name_tokens_, tokens) ||
      !AllBelow(key_tokens_, tokens) || !AllBelow(postings_, names_.size()) ||
      name_roles_.size() != name_tokens_.size() ||
      !std::all_of(name_roles_.begin(), name_roles_.end(),
                   [](text::NameRole role) { return role <= text::NameRole::kFamily; }) ||
      key_hashes_.size() != key_tokens_.size() ||
      !std::is_sorted(key_hashes_.begin(), key_hashes_.end()) ||
      !std::is_sorted(joined_hashes_.begin(), joined_hashes_.end()) ||
      joined_names_.size() != joined_hashes_.size() || !AllBelow(joined_names_, names_.size()) ||
      posting_offsets_.size() != tokens + 1 || !ValidOffsets(posting_offsets_, postings_.size())) {
    return false;
  }
  for (const Record& n : names_) {
    if (n.token_count == 0 || n.token_count > text::kMaxTokens ||
        std::size_t{n.first_token} + n.token_count > name_tokens_.size() ||
        std::size_t{n.text_offset} + n.text_length > text_.size()) {
      return false;
    }
  }
  return true;
}

}  // namespace interdict::match
