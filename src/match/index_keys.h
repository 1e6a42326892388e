// Hashed lookup keys of the candidate index (internal to index*.cpp).
//
// Every key a token is filed under is a 64-bit FNV-1a hash of its text in a
// namespace, so a skeleton never collides with a deletion; building
// (index.cpp) and querying (index_query.cpp) must compute them alike.
#ifndef INTERDICT_MATCH_INDEX_KEYS_H_
#define INTERDICT_MATCH_INDEX_KEYS_H_

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "text/prepared.h"

namespace interdict::match {

// Key namespaces, so a skeleton never collides with a deletion.
enum KeySpace : char {
  kVariantKey = 'V',
  kPhoneticKey = 'P',
  kSkeletonKey = 'S',
  kDeleteKey = 'D',
  kJoinedKey = 'J',  // adjacent tokens written together
  kTextKey = 'T',    // a dictionary token's exact text (any script flavour)
};

// FNV-1a, fed in pieces so a deletion's key needs no string built.
inline constexpr std::uint64_t kFnvPrime = 1099511628211ull;

inline std::uint64_t KeyStart(KeySpace space) noexcept {
  return (1469598103934665603ull ^ static_cast<std::uint64_t>(space)) * kFnvPrime;
}

inline std::uint64_t KeyAdd(std::uint64_t h, std::string_view s) noexcept {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

inline std::uint64_t KeyHash(KeySpace space, std::string_view s) noexcept {
  return KeyAdd(KeyStart(space), s);
}

// The key of `s` with its letter `i` removed.
inline std::uint64_t DeletionHash(std::string_view s, std::size_t i) noexcept {
  return KeyAdd(KeyAdd(KeyStart(kDeleteKey), s.substr(0, i)), s.substr(i + 1));
}

// Typo keys only for tokens long enough that one deletion still identifies.
inline constexpr std::size_t kMinDeleteLength = 5;

// Calls `emit(hash)` for every key token `t` is filed (index.cpp) and
// looked up (index_query.cpp) under besides its exact text: one function
// for both, so the two sides cannot drift apart. Numbers match only
// exactly and get none.
template <typename Emit>
void ForEachTokenKey(const text::PreparedToken& t, Emit&& emit) {
  if (t.cls == text::TokenClass::kNumber) return;
  if (t.variant_group != 0) {
    char digits[16];  // the group's decimal digits
    const auto end = std::to_chars(digits, digits + sizeof digits, t.variant_group).ptr;
    emit(KeyHash(kVariantKey, std::string_view(digits, static_cast<std::size_t>(end - digits))));
  }
  if (t.phonetic.size() >= 3) emit(KeyHash(kPhoneticKey, t.phonetic));
  if (t.skeleton.size() >= 2) emit(KeyHash(kSkeletonKey, t.skeleton));
  if (t.text.size() >= kMinDeleteLength - 1) {
    emit(KeyHash(kDeleteKey, t.text));
    for (std::size_t i = 0; t.text.size() >= kMinDeleteLength && i < t.text.size(); ++i) {
      if (i > 0 && t.text[i] == t.text[i - 1]) continue;  // same deletion
      emit(DeletionHash(t.text, i));
    }
  }
}
}  // namespace interdict::match

#endif  // INTERDICT_MATCH_INDEX_KEYS_H_
