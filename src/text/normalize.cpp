#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "text/arabic_script.h"
#include "text/hangul.h"

namespace interdict::text {
namespace {
// Russian-Latin/BGN is the romanisation OFAC, the UK and the EU use for
// Cyrillic; everything else goes through ICU's generic Any-Latin.
constexpr char kFoldChain[] =
    "NFKC; [:Cyrillic:] Russian-Latin/BGN; Any-Latin; Latin-ASCII; "
    "[:Nonspacing Mark:] Remove; Lower";

// A run of Hangul syllables this short is a personal name (a one-syllable
// family name and a one- or two-syllable given name); longer runs are
// words of organisation names and stay whole.
constexpr int32_t kMaxHangulNameSyllables = 4;

// Writes name parts apart (or together) the way Latin lists write them:
// Arabic-script words as RewriteArabicWord (arabic_script.h) says; a Korean
// name is one run of syllables (조영호) where lists write "JO Yong Ho": each
// syllable of a short run becomes a word, spelled as the lists spell it
// (hangul.h).
void SeparateNameParts(icu::UnicodeString& u) {
  icu::UnicodeString out;
  const int32_t n = u.length();
  for (int32_t i = 0; i < n;) {
    const char16_t c = u.charAt(i);
    if (IsHangulSyllable(c)) {
      int32_t end = i;
      while (end < n && IsHangulSyllable(u.charAt(end))) ++end;
      const bool name = end - i <= kMaxHangulNameSyllables;
      for (int32_t k = i; k < end; ++k) {
        if (!name) {
          out.append(u.charAt(k));
          continue;
        }
        if (k > i) out.append(char16_t(' '));
        out.append(icu::UnicodeString::fromUTF8(RomanizeNameSyllable(u.charAt(k), k == i)));
      }
      i = end;
      continue;
    }
    if (IsArabicLetter(c) || IsArabicMark(c)) {
      i = RewriteArabicWord(u, i, out);
      continue;
    }
    out.append(c);
    ++i;
  }
  u = std::move(out);
}

bool NeedsSeparation(const icu::UnicodeString& u) noexcept {
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    // Arabic letters, presentation forms (ﻟ), or Hangul.
    if (IsArabicLetter(c) || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
        IsHangulSyllable(c)) {
      return true;
    }
  }
  return false;
}

struct Prototypes {
  std::unique_ptr<icu::Transliterator> pre;
  std::unique_ptr<icu::Transliterator> persian;
  std::unique_ptr<icu::Transliterator> fold;
  std::mutex clone_mutex;  // clone() of a shared prototype is not documented thread-safe
};

Prototypes& GetPrototypes() {
  static Prototypes* protos = [] {
    auto* p = new Prototypes();
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error;
    p->pre.reset(icu::Transliterator::createFromRules("interdict-arabic-pre",
                                                      icu::UnicodeString::fromUTF8(kArabicPreRules),
                                                      UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) p->pre.reset();
    status = U_ZERO_ERROR;
    p->persian.reset(icu::Transliterator::createFromRules(
        "interdict-persian-pre", icu::UnicodeString::fromUTF8(kPersianPreRules), UTRANS_FORWARD,
        parse_error, status));
    if (U_FAILURE(status)) p->persian.reset();
    status = U_ZERO_ERROR;
    p->fold.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(kFoldChain),
                                                      UTRANS_FORWARD, parse_error, status));
    if (U_FAILURE(status)) p->fold.reset();
    return p;
  }();
  return *protos;
}

// ICU transliterators keep per-call state in some rule sets, so each thread
// uses its own clone of the prototypes built once above.
struct ThreadTransliterators {
  std::unique_ptr<icu::Transliterator> pre;
  std::unique_ptr<icu::Transliterator> persian;
  std::unique_ptr<icu::Transliterator> fold;
  ThreadTransliterators() {
    Prototypes& p = GetPrototypes();
    std::lock_guard<std::mutex> lock(p.clone_mutex);
    if (p.pre) pre.reset(p.pre->clone());
    if (p.persian) persian.reset(p.persian->clone());
    if (p.fold) fold.reset(p.fold->clone());
  }
};

ThreadTransliterators& ForThisThread() {
  thread_local ThreadTransliterators t;
  return t;
}

bool IsAscii(std::string_view s) noexcept {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

char LowerAscii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool IsAlnum(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsApostrophe(char c) noexcept { return c == '\'' || c == '`' || c == '"'; }

// Decodes one code point; invalid or truncated sequences yield U+FFFD and
// advance one byte so decoding always makes progress.
char32_t NextCodePoint(std::string_view s, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return s[i++];
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

bool IsLatinOrCommon(char32_t cp) noexcept {
  return cp < 0x0370 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0xFF00 && cp <= 0xFF5E) || cp == 0xFFFD;
}

bool IsAbjad(char32_t cp) noexcept {
  return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFF);
}

}  // namespace

ScriptInfo DetectScripts(std::string_view utf8) noexcept {
  ScriptInfo info;
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = NextCodePoint(utf8, i);
    if (IsLatinOrCommon(cp)) continue;
    info.non_latin = true;
    if (IsAbjad(cp)) info.abjad = true;
  }
  return info;
}

bool TransliterationAvailable() noexcept { return GetPrototypes().fold != nullptr; }

std::string FoldToAscii(std::string_view utf8) noexcept {
  std::string out;
  if (IsAscii(utf8)) {
    out.resize(utf8.size());
    for (std::size_t i = 0; i < utf8.size(); ++i) out[i] = LowerAscii(utf8[i]);
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
  ThreadTransliterators& t = ForThisThread();
  if (NeedsSeparation(u)) {
    // Presentation forms (ﺍﻝ) are folded first so the article is found.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_SUCCESS(status)) {
      icu::UnicodeString folded = nfkc->normalize(u, status);
      if (U_SUCCESS(status)) u = std::move(folded);
    }
    SeparateNameParts(u);
  }
  if (t.persian && HasPersianLetters(u)) t.persian->transliterate(u);
  if (t.pre) t.pre->transliterate(u);
  if (t.fold) t.fold->transliterate(u);
  std::string folded;
  u.toUTF8String(folded);
  // Whatever is still not ASCII has no Latin rendering: it separates words.
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    const char32_t cp = NextCodePoint(folded, i);
    // BGN writes a middle dot inside a word where two letters could be read
    // as one (ТС -> "t·s": otvet·stvennost'): it is not a word boundary.
    if (cp == 0x00B7) continue;
    out.push_back(cp < 0x80 ? LowerAscii(static_cast<char>(cp)) : ' ');
  }
  return out;
}

std::vector<std::string> Tokenize(std::string_view ascii) noexcept {
  std::vector<std::string> tokens;
  std::string current;
  bool truncated = false;
  auto flush = [&] {
    if (!current.empty() && tokens.size() < kMaxTokens) tokens.push_back(current);
    current.clear();
    truncated = false;
  };
  const std::size_t n = ascii.size();
  for (std::size_t i = 0; i < n && tokens.size() < kMaxTokens; ++i) {
    const char c = LowerAscii(ascii[i]);
    if (IsAlnum(c)) {
      if (current.size() < kMaxTokenLength) {
        current.push_back(c);
      } else {
        truncated = true;
      }
      continue;
    }
    const bool inside_word = !current.empty() && i + 1 < n && IsAlnum(LowerAscii(ascii[i + 1]));
    if (IsApostrophe(c) && (inside_word || current.empty())) continue;
    // "s.a." / "u.s.a": a dot between single letters joins an abbreviation.
    if (c == '.' && inside_word && !truncated) {
      const bool single_before = current.size() == 1 || (i >= 2 && ascii[i - 2] == '.');
      const bool single_after = i + 2 >= n || !IsAlnum(LowerAscii(ascii[i + 2]));
      if (single_before && single_after) continue;
    }
    flush();
  }
  flush();
  return tokens;
}

std::vector<std::string> NormalizeTokens(std::string_view utf8) noexcept {
  return Tokenize(FoldToAscii(utf8));
}

std::string NormalizeName(std::string_view utf8) noexcept {
  std::string joined;
  for (const std::string& token : NormalizeTokens(utf8)) {
    if (!joined.empty()) joined.push_back(' ');
    joined += token;
  }
  return joined;
}

}  // namespace interdict::text
