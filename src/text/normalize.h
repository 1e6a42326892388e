// Text normalisation for matching: any script in, lower-case ASCII tokens out.
//
// FoldToAscii() applies NFKC, transliterates every script ICU knows to Latin
// (Cyrillic by the BGN/PCGN romanisation the lists use, Arabic with a few
// name-specific pre-rules), strips diacritics and lower-cases. Tokenize()
// splits the result into name tokens. Both are pure functions of their input,
// never throw and are safe to call from any thread: the expensive ICU
// transliterator is built once and cloned per thread.
#ifndef INTERDICT_TEXT_NORMALIZE_H_
#define INTERDICT_TEXT_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace interdict::text {

// Limits that keep hostile input cheap: longer names are cut, not refused.
inline constexpr std::size_t kMaxTokens = 32;
inline constexpr std::size_t kMaxTokenLength = 48;

// Which scripts a text uses, from its code points.
struct ScriptInfo {
  bool non_latin = false;  // letters outside Latin: transliteration is needed
  bool abjad = false;      // Arabic, Hebrew or Syriac: short vowels are not written
};
ScriptInfo DetectScripts(std::string_view utf8) noexcept;

// Lower-case ASCII rendering of `utf8`. Invalid UTF-8 sequences become
// separators. Characters with no Latin rendering are dropped.
std::string FoldToAscii(std::string_view utf8) noexcept;

// Splits folded ASCII text into tokens of [a-z0-9]. Apostrophes inside a word
// are removed ("o'brien" -> "obrien"); dotted abbreviations are joined
// ("s.a." -> "sa"); every other character separates. At most kMaxTokens
// tokens of at most kMaxTokenLength characters are returned.
std::vector<std::string> Tokenize(std::string_view ascii) noexcept;

// FoldToAscii + Tokenize.
std::vector<std::string> NormalizeTokens(std::string_view utf8) noexcept;

// The normalised tokens joined by single spaces ("Al-Qa'ida" -> "al qaida").
std::string NormalizeName(std::string_view utf8) noexcept;

// True when ICU transliteration is available (it can fail only when the ICU
// data library is missing); without it non-ASCII letters are dropped.
bool TransliterationAvailable() noexcept;

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_NORMALIZE_H_
