// Korean personal names in Latin letters, the way sanctions lists write them.
//
// ICU's Hangul-Latin is a reversible transliteration ("bag bong ju" for
// 박봉주, "li yeong ho" for 리영호, "gim jeong eun" for 김정은), while the lists,
// whose Korean entries are mostly North Korean, write McCune-Reischauer
// without its diacritics, one word per syllable: PAK Pong Ju, RI Yong Ho,
// KIM Jong Un, CHOE Ryong Hae, JANG Song Thaek. RomanizeNameSyllable writes
// a syllable of a name with those consonants (k/t/p, r, RI) and the Revised
// Romanization's "eo" for ㅓ (see hangul.cpp); the South Korean spellings of
// family names (Park, Lee, Choi) are variants in data/names/variants.tsv.
#ifndef INTERDICT_TEXT_HANGUL_H_
#define INTERDICT_TEXT_HANGUL_H_

#include <string>

namespace interdict::text {

// True for a precomposed Hangul syllable (U+AC00..U+D7A3).
inline bool IsHangulSyllable(char16_t c) noexcept { return c >= 0xAC00 && c <= 0xD7A3; }

// The Latin spelling of one Hangul syllable of a personal name, lower case
// ASCII; `syllable` must satisfy IsHangulSyllable. A name's first syllable
// is its family name: 이 is written "ri", as North Korea writes it (리).
std::string RomanizeNameSyllable(char16_t syllable, bool first);

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_HANGUL_H_
