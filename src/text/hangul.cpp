#include "text/hangul.h"

#include <array>
#include <string_view>

namespace interdict::text {
namespace {

// A syllable is (initial * 21 + vowel) * 28 + final, from U+AC00.
constexpr int kVowels = 21;
constexpr int kFinals = 28;

// Initial consonants. Each syllable of a name is a word of its own in the
// lists, so each starts as a word does: k, t, p (KIM, TONG, PAK), j for ㅈ as
// North Korea writes it (JONG, JANG), r for ㄹ (RI, RYONG). ㅌ is "th"
// (THAEK), whose sound key is t; ㅋ and ㅍ are k and p, as "kh" and "ph"
// would fold to other sounds.
constexpr std::array<std::string_view, 19> kInitials = {"k",  "kk", "n",  "t",  "tt", "r", "m",
                                                        "p",  "pp", "s",  "ss", "",   "j", "jj",
                                                        "ch", "k",  "th", "p",  "h"};

// Vowels: ㅡ loses its breve (ŭ: UN), but ㅓ stays "eo" (JEONG, YEONG) where
// North Korea writes "o" (JONG, YONG): the variant table and one edit still
// join the two (KIM Jong Un 0.98, HYON Yong Chol 0.85), while writing ㅓ as
// "o" made unlisted Korean names read exactly like listed ones except for a
// one-letter family name (강현우 ~ JANG Hyon U 0.82): held-out persons'
// false alerts rose 0.8% -> 0.9% at four seeds with "o", none with "eo".
constexpr std::array<std::string_view, kVowels> kVowelSpellings = {
    "a",  "ae", "ya", "yae", "eo", "e",  "yeo", "ye", "o",  "wa", "wae",
    "oe", "yo", "u",  "wo",  "we", "wi", "yu",  "u",  "ui", "i"};

// Final consonants as pronounced at the end of a word (0 = none).
constexpr std::array<std::string_view, kFinals> kFinalSpellings = {
    "",  "k", "k", "k", "n", "n", "n", "t",  "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

constexpr char16_t kI = 0xC774;  // 이

}  // namespace

std::string RomanizeNameSyllable(char16_t syllable, bool first) {
  if (first && syllable == kI) return "ri";
  const int index = syllable - 0xAC00;
  const int initial = index / (kVowels * kFinals);
  const int vowel = (index / kFinals) % kVowels;
  const int final_consonant = index % kFinals;
  std::string out(kInitials[initial]);
  out += kVowelSpellings[vowel];
  out += kFinalSpellings[final_consonant];
  return out;
}

}  // namespace interdict::text
