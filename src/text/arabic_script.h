// Arabic-script names (Arabic, Persian, Pashto, Urdu) made ready for ICU's
// transliteration, the way Latin lists write them: which words are one
// (ABDULLAH, NOUREDDINE) and which apart (AL-KHIDAMAT, ABDUL GHAFAR), the
// article as spoken before sun letters, the letters ICU does not know.
// Internal to normalize.cpp; see docs/scoring.md, "1. Normalisation".
#ifndef INTERDICT_TEXT_ARABIC_SCRIPT_H_
#define INTERDICT_TEXT_ARABIC_SCRIPT_H_

#include <unicode/unistr.h>

#include <cstdint>

namespace interdict::text {

// ICU transliteration rules applied before Any-Latin: every Arabic-script
// text, and Persian-letter text (HasPersianLetters) before those.
extern const char kArabicPreRules[];
extern const char kPersianPreRules[];

bool IsArabicLetter(char16_t c) noexcept;
bool IsArabicMark(char16_t c) noexcept;  // harakat, dagger alef, tatweel

// True when the text has letters Persian, Pashto or Urdu use and Arabic
// does not (پ چ ژ گ ک ی ...): its ض ظ ذ ث are read z, z, z, s.
bool HasPersianLetters(const icu::UnicodeString& u) noexcept;

// Rewrites the Arabic-script word starting at u[begin] onto `out` (still in
// Arabic letters, with a few parts already in Latin: "allah") and returns
// where it ends.
int32_t RewriteArabicWord(const icu::UnicodeString& u, int32_t begin, icu::UnicodeString& out);

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_ARABIC_SCRIPT_H_
