#include "text/phonetic.h"

#include <array>
#include <cstring>
#include <vector>

namespace interdict::text {
namespace {

// One folded sound: a consonant letter, a vowel class ('a', 'i', 'u') or a
// semivowel (w/y inside a word: a consonant to the ear, a long vowel in
// abjad romanisations).
struct Sound {
  char symbol;
  enum Kind : char { kConsonant, kVowel, kSemivowel, kDigit } kind;
};

struct Digraph {
  std::string_view from;
  char to;
};

// Longest first: "tsch" before "sch" before "sh"/"ch".
constexpr std::array<Digraph, 21> kDigraphs = {{
    {"dsch", 'j'}, {"shch", 'x'}, {"tsch", 'c'}, {"dzh", 'j'}, {"sch", 'x'}, {"tch", 'c'},
    {"sh", 'x'},   {"zh", 'j'},   {"dj", 'j'},   {"ch", 'c'},  {"ts", 'c'},  {"tz", 'c'},
    {"ph", 'f'},   {"kh", 'h'},   {"gh", 'k'},   {"th", 't'},  {"dh", 'd'},  {"ck", 'k'},
    {"ou", 'u'},   {"oo", 'u'},   {"ee", 'i'},
}};

bool IsVowelLetter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

char VowelClass(char c) {
  switch (c) {
    case 'e':
    case 'i':
    case 'y':
      return 'i';
    case 'o':
    case 'u':
      return 'u';
    default:
      return 'a';
  }
}

// Only letters that begin a digraph need the table; the rest (most letters)
// skip it with one lookup.
constexpr std::array<bool, 256> kDigraphStart = [] {
  std::array<bool, 256> starts{};
  for (const Digraph& d : kDigraphs) starts[static_cast<unsigned char>(d.from[0])] = true;
  return starts;
}();

// Folds `t` into `out` (cleared first; reused so a key costs no allocation
// once the thread's buffer has grown).
void Fold(std::string_view t, std::vector<Sound>& out) {
  out.clear();
  out.reserve(2 * t.size());  // "x" gives two sounds
  std::size_t i = 0;
  // A leading "y" before a vowel is a glide lists keep or drop
  // ("Yevgeny"/"Evgeny", "Yusuf"/"Usuf"); it never identifies a name.
  if (t.size() > 1 && t[0] == 'y' && IsVowelLetter(t[1])) i = 1;
  auto push = [&out](char symbol, Sound::Kind kind) {
    if (!out.empty() && out.back().symbol == symbol && out.back().kind == kind) return;
    out.push_back({symbol, kind});
  };
  // French writes an initial w as "ou" before a vowel (Oualid = Walid).
  if (t.size() > 2 && t[0] == 'o' && t[1] == 'u' && IsVowelLetter(t[2])) {
    push('v', Sound::kConsonant);
    i = 2;
  }
  while (i < t.size()) {
    const char c = t[i];
    if (kDigraphStart[static_cast<unsigned char>(c)]) {
      bool matched = false;
      // In table order, so the longest digraph still wins.
      for (const Digraph& d : kDigraphs) {
        if (d.from[0] == c && t.size() - i >= d.from.size() &&
            std::memcmp(t.data() + i, d.from.data(), d.from.size()) == 0) {
          const bool vowel = d.to == 'u' || d.to == 'i';
          push(d.to, vowel ? Sound::kVowel : Sound::kConsonant);
          i += d.from.size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
    }
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    // A final -off/-eff is the old spelling of -ov/-ev (Smirnoff).
    if (c == 'f' && next == 'f' && i + 2 == t.size() && i > 0 && IsVowelLetter(t[i - 1])) {
      push('v', Sound::kConsonant);
      i += 2;
      continue;
    }
    if (c >= '0' && c <= '9') {
      push(c, Sound::kDigit);
    } else if (IsVowelLetter(c)) {
      push(VowelClass(c), Sound::kVowel);
    } else if (c == 'y' || c == 'w') {
      push(c == 'y' ? 'i' : 'v', i == 0 ? Sound::kConsonant : Sound::kSemivowel);
    } else if (c == 'q') {
      push('k', Sound::kConsonant);
    } else if (c == 'c') {
      push((next == 'e' || next == 'i' || next == 'y') ? 's' : 'k', Sound::kConsonant);
    } else if (c == 'x') {
      push('k', Sound::kConsonant);
      push('s', Sound::kConsonant);
    } else {
      push(c, Sound::kConsonant);
    }
    ++i;
  }
}

std::vector<Sound>& FoldBuffer() {
  thread_local std::vector<Sound> sounds;
  return sounds;
}

std::string PhoneticKeyOf(const std::vector<Sound>& sounds) {
  std::string key;
  key.reserve(sounds.size());
  bool in_vowels = false;
  for (std::size_t i = 0; i < sounds.size(); ++i) {
    const Sound& s = sounds[i];
    const bool vowel = s.kind == Sound::kVowel || (s.kind == Sound::kSemivowel && s.symbol == 'i');
    if (vowel) {
      if (!in_vowels) key.push_back(s.symbol == 'i' ? 'i' : s.symbol);
      in_vowels = true;
      continue;
    }
    in_vowels = false;
    // A final "h" after a vowel is silent: "Abdullah"/"Abdulla".
    if (s.symbol == 'h' && i + 1 == sounds.size() && i > 0 && sounds[i - 1].kind == Sound::kVowel) {
      continue;
    }
    if (key.empty() || key.back() != s.symbol) key.push_back(s.symbol);
  }
  return key;
}

// Calls `emit` with each symbol of the skeleton of `sounds`, in order.
template <typename Emit>
void ForEachSkeletonSymbol(const std::vector<Sound>& sounds, Emit emit) {
  for (std::size_t i = 0; i < sounds.size(); ++i) {
    const Sound& s = sounds[i];
    if (s.kind == Sound::kVowel || s.kind == Sound::kSemivowel ||
        (i == 0 && s.symbol == 'i' && s.kind == Sound::kConsonant)) {
      if (i == 0) emit('a');
      continue;
    }
    if (s.symbol == 'h' && i + 1 == sounds.size() && i > 0 &&
        sounds[i - 1].kind != Sound::kConsonant) {
      continue;
    }
    emit(s.symbol);
  }
}

std::string SkeletonOf(const std::vector<Sound>& sounds) {
  std::string key;
  key.reserve(sounds.size());
  ForEachSkeletonSymbol(sounds, [&key](char c) { key.push_back(c); });
  return key;
}

}  // namespace

std::string PhoneticKey(std::string_view token) {
  std::vector<Sound>& sounds = FoldBuffer();
  Fold(token, sounds);
  return PhoneticKeyOf(sounds);
}

std::string Skeleton(std::string_view token) {
  std::vector<Sound>& sounds = FoldBuffer();
  Fold(token, sounds);
  return SkeletonOf(sounds);
}

std::size_t SkeletonLength(std::string_view token) {
  std::vector<Sound>& sounds = FoldBuffer();
  Fold(token, sounds);
  std::size_t length = 0;
  ForEachSkeletonSymbol(sounds, [&length](char) { ++length; });
  return length;
}

void SoundKeys(std::string_view token, std::string& phonetic, std::string& skeleton) {
  std::vector<Sound>& sounds = FoldBuffer();
  Fold(token, sounds);
  phonetic = PhoneticKeyOf(sounds);
  skeleton = SkeletonOf(sounds);
}

}  // namespace interdict::text
