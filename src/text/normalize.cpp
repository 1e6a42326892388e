#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

#include "text/hangul.h"

namespace interdict::text {
namespace {

// Arabic-script letters ICU renders as marks, or not at all, that name
// romanisations write as letters:
// * ayn is written as a vowel ("Omar", "Abd", "Ali"), hamza is dropped,
//   ta marbuta is the final "a" ("Fatima", "Osama");
// * hamza on ya is the vowel i (الطائي AL-TA'I, قائد QAID, فائز FAIZ), and
//   swallows a ya after it;
// * Pashto and Urdu letters, which ICU drops (splitting the word), are
//   written as Afghan and Pakistani names in the lists write them
//   (چوہدری CHAUDHRY, المھاجرین AL-MUHAJIRIN, ټ/ٹ t, ډ/ڈ d, ړ/ڑ r, ښ sh...).
constexpr char kArabicPreRules[] =
    "\\u0639 > a ; \\u0621 > ; \\u0629 > a ; \\u06C3 > a ;"
    "\\u0626 \\u064A > i ; \\u0626 \\u06CC > i ; \\u0626 > i ;"
    "\\u067C > t ; \\u0679 > t ; \\u0689 > d ; \\u0688 > d ; \\u0693 > r ; \\u0691 > r ;"
    "\\u069A > sh ; \\u0696 > zh ; \\u0681 > z ; \\u0685 > s ; \\u06AB > g ;"
    "\\u06BC > n ; \\u06BA > n ; \\u06CD > y ; \\u06D0 > e ; \\u06D2 > e ;"
    "\\u06C1 > h ; \\u06BE > h ; \\u06C0 > a ; \\u06D5 > a ; \\u06A4 > v ;"
    "\\u06A8 > g ; \\u0671 > a ;";

// Persian, Dari, Pashto and Urdu read four Arabic letters as "z" or "s",
// and Afghan, Iranian and Pakistani names in the lists are written so
// (فیض الله FAIZULLAH, ضیا ZIA, ذاکر ZAKIR, ظاهر ZAHIR, ثمین SAMIN); Arabic
// romanises them d/dh, z, dh, th. A text with letters only these languages
// have (HasPersianLetters) is read the Persian way.
constexpr char kPersianPreRules[] = "\\u0636 > z ; \\u0638 > z ; \\u0630 > z ; \\u062B > s ;";

// Russian-Latin/BGN is the romanisation OFAC, the UK and the EU use for
// Cyrillic; everything else goes through ICU's generic Any-Latin.
constexpr char kFoldChain[] =
    "NFKC; [:Cyrillic:] Russian-Latin/BGN; Any-Latin; Latin-ASCII; "
    "[:Nonspacing Mark:] Remove; Lower";

// A run of Hangul syllables this short is a personal name (a one-syllable
// family name and a one- or two-syllable given name); longer runs are
// words of organisation names and stay whole.
constexpr int32_t kMaxHangulNameSyllables = 4;

bool IsArabicLetter(char16_t c) noexcept {
  // U+0670, the dagger alef, is a mark (IsArabicMark) inside this range.
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3 && c != 0x0670) || c == 0x06D5;
}
bool IsArabicMark(char16_t c) noexcept {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;  // harakat, tatweel
}

// Letters of Persian (پ چ ژ گ ک ی), Pashto and Urdu that Arabic does not use.
bool IsPersianLetter(char16_t c) noexcept {
  switch (c) {
    case 0x067E:
    case 0x0686:
    case 0x0698:
    case 0x06AF:
    case 0x06A9:
    case 0x06CC:
    case 0x067C:
    case 0x0679:
    case 0x0689:
    case 0x0688:
    case 0x0693:
    case 0x0691:
    case 0x069A:
    case 0x0696:
    case 0x0681:
    case 0x0685:
    case 0x06AB:
    case 0x06BC:
    case 0x06BA:
    case 0x06CD:
    case 0x06D0:
    case 0x06D2:
    case 0x06C1:
    case 0x06BE:
      return true;
    default:
      return false;
  }
}

bool HasPersianLetters(const icu::UnicodeString& u) noexcept {
  for (int32_t i = 0; i < u.length(); ++i) {
    if (IsPersianLetter(u.charAt(i))) return true;
  }
  return false;
}

// The letters of the Arabic word u[begin, end), marks left out, so that
// الله matches however many harakat or a shadda it is written with.
icu::UnicodeString ArabicLetters(const icu::UnicodeString& u, int32_t begin, int32_t end) {
  icu::UnicodeString letters;
  for (int32_t i = begin; i < end; ++i) {
    if (IsArabicLetter(u.charAt(i))) letters.append(u.charAt(i));
  }
  return letters;
}

// Index in u[begin, end) just past the `count`-th letter (marks after it
// stay with the rest).
int32_t AfterLetters(const icu::UnicodeString& u, int32_t begin, int32_t end, int32_t count) {
  int32_t i = begin;
  for (int32_t seen = 0; i < end && seen < count; ++i) seen += IsArabicLetter(u.charAt(i)) ? 1 : 0;
  return i;
}

// Allah (الله; Urdu writes its last letter ہ) is spelled "allah" directly:
// transliterated letter by letter it would be "allh", whose final h after a
// consonant no Latin spelling has (ABDULLAH, NASRALLAH, HAMIDULLAH).
bool EndsWithAllah(const icu::UnicodeString& letters) {
  static const icu::UnicodeString kAllah = icu::UnicodeString::fromUTF8("\u0627\u0644\u0644\u0647");
  static const icu::UnicodeString kAllahUrdu =
      icu::UnicodeString::fromUTF8("\u0627\u0644\u0644\u06C1");
  return letters.endsWith(kAllah) || letters.endsWith(kAllahUrdu);
}

// Drops the single space that ends `out` when the word before it is
// Arabic, so the next word is written onto it; false when there is none.
bool JoinToPreviousWord(icu::UnicodeString& out) {
  const int32_t n = out.length();
  if (n >= 2 && out.charAt(n - 1) == u' ' &&
      (IsArabicLetter(out.charAt(n - 2)) || IsArabicMark(out.charAt(n - 2)))) {
    out.truncate(n - 1);
    return true;
  }
  return false;
}

// الدين (al-Din, with Arabic or Persian ya) ends a compound name: نور الدين
// is NOUREDDINE, NURUDDIN, سراج الدين SIRAJUDDIN. The lists write these as one
// word three to four times as often as "NUR AL-DIN" (UN 95 to 11, EU 159 to
// 25, OFAC 117 to 71), so it is written onto the name before it, the article
// as spoken: "nwraddyn", "srajaddyn".
bool IsAlDin(const icu::UnicodeString& letters) {
  return letters.length() == 5 && letters.charAt(0) == 0x0627 && letters.charAt(1) == 0x0644 &&
         letters.charAt(2) == 0x062F &&
         (letters.charAt(3) == 0x064A || letters.charAt(3) == 0x06CC) &&
         letters.charAt(4) == 0x0646;
}

// True when `out` ends with the word عبد and one space: the article of the
// next word is written onto it ("ABDAL-RAHMAN", "ABDUL RAHMAN").
bool AfterAbd(const icu::UnicodeString& out) {
  static const icu::UnicodeString kAbd = icu::UnicodeString::fromUTF8("\u0639\u0628\u062F");
  const int32_t n = out.length();
  if (n < 2 || out.charAt(n - 1) != u' ') return false;
  int32_t begin = n - 1;
  while (begin > 0 &&
         (IsArabicLetter(out.charAt(begin - 1)) || IsArabicMark(out.charAt(begin - 1))))
    --begin;
  return ArabicLetters(out, begin, n - 1) == kAbd;
}

// The "sun letters", before which the article's l is spoken as the letter
// itself: al-Din is ad-Din, al-Rahman ar-Rahman.
bool IsSunLetter(char16_t c) noexcept {
  switch (c) {
    case 0x062A:
    case 0x062B:
    case 0x062F:
    case 0x0630:
    case 0x0631:
    case 0x0632:
    case 0x0633:
    case 0x0634:
    case 0x0635:
    case 0x0636:
    case 0x0637:
    case 0x0638:
    case 0x0644:
    case 0x0646:
      return true;
    default:
      return false;
  }
}

// Writes the article and its word u[split, end) as two words. Before a sun
// letter the article is written as spoken, "ad dyn", "ar rhmn": joined to
// the word before it, that is how the lists spell the compound
// (NOUREDDINE, NURUDDIN, ABDURRAHMAN), and apart it is a variant of "al"
// (data/names/variants.tsv).
void AppendArticle(const icu::UnicodeString& u, int32_t split, int32_t end, char16_t next,
                   icu::UnicodeString& out) {
  out.append(char16_t(0x0627)).append(IsSunLetter(next) ? next : char16_t(0x0644));
  out.append(char16_t(' ')).append(u, split, end - split);
}

// A final ه after a consonant is the ending ة written without its dots
// (القاعده for القاعدة AL-QAIDA, عصبه ASBAT, حماده HAMADA) or the Persian
// silent he (زاده ZADEH, فاطمه FATEMEH): a vowel either way, so it is written
// as ة ("a"). After a long vowel it is the consonant (شاه SHAH, فقیه FAQIH),
// and Allah keeps its own spelling.
bool FinalHaIsTaMarbuta(const icu::UnicodeString& letters) {
  const int32_t n = letters.length();
  if (n < 3 || letters.charAt(n - 1) != 0x0647 || EndsWithAllah(letters)) return false;
  switch (letters.charAt(n - 2)) {
    case 0x0627:
    case 0x0622:
    case 0x0623:
    case 0x0625:
    case 0x0648:
    case 0x0624:
    case 0x064A:
    case 0x06CC:
    case 0x0649:
    case 0x0626:
    case 0x0647:
      return false;
    default:
      return true;
  }
}

// Rewrites one Arabic word u[begin, end) onto `out` the way Latin lists
// write its parts:
// * a name ending in Allah is one word ending "allah": عبد الله, عارف الله,
//   خيرالله -> "abdallah", "aarfallah", "khyrallah" (ABDULLAH, AREFULLAH,
//   KHAIRULLAH); Latin lists almost always write these compounds as one
//   word, and Allah standing alone stays "allah";
// * عبد with the article, written together (عبدالغفار) or apart (عبد
//   الغفار), becomes "abdal" and the word ("ABDUL GHAFAR", "ABD AL-GHAFAR"):
//   "abdal" is a variant of abdul/abdel, and the name proper is a word of
//   its own that the index can find;
// * any other article is a word of its own (الخدمات -> "al khdmat"), except
//   when one letter would remain.
void RewriteArabicWord(const icu::UnicodeString& u, int32_t begin, int32_t end,
                       icu::UnicodeString& out) {
  static const icu::UnicodeString kAbdAl =
      icu::UnicodeString::fromUTF8("\u0639\u0628\u062F\u0627\u0644");
  const icu::UnicodeString letters = ArabicLetters(u, begin, end);
  const int32_t count = letters.length();
  if (FinalHaIsTaMarbuta(letters)) {
    icu::UnicodeString word(u, begin, end - begin);
    for (int32_t k = word.length() - 1; k >= 0; --k) {
      if (word.charAt(k) == 0x0647) {
        word.setCharAt(k, 0x0629);
        break;
      }
    }
    RewriteArabicWord(word, 0, word.length(), out);
    return;
  }
  if (EndsWithAllah(letters)) {
    if (count == 4) JoinToPreviousWord(out);
    out.append(u, begin, AfterLetters(u, begin, end, count - 4) - begin);
    out.append(icu::UnicodeString("allah"));
    return;
  }
  if (letters.startsWith(kAbdAl) && count >= kAbdAl.length() + 2) {
    const int32_t split = AfterLetters(u, begin, end, kAbdAl.length());
    out.append(u, begin, split - begin).append(char16_t(' ')).append(u, split, end - split);
    return;
  }
  const bool article = count >= 4 && letters.charAt(0) == 0x0627 && letters.charAt(1) == 0x0644;
  if (article) {
    const int32_t split = AfterLetters(u, begin, end, 2);
    if (AfterAbd(out)) {
      out.truncate(out.length() - 1);
      out.append(u, begin, split - begin).append(char16_t(' ')).append(u, split, end - split);
    } else {
      if (IsAlDin(letters) && JoinToPreviousWord(out)) {
        out.append(icu::UnicodeString::fromUTF8("\u0627\u062F\u062F\u064A\u0646"));
        return;
      }
      AppendArticle(u, split, end, letters.charAt(2), out);
    }
    return;
  }
  // The conjunction wa ("and") written onto the article (والجهاد) is a word
  // of its own, as the lists write it: WAL-JIHAD.
  const bool wal = count >= 5 && letters.charAt(0) == 0x0648 && letters.charAt(1) == 0x0627 &&
                   letters.charAt(2) == 0x0644;
  if (wal) {
    const int32_t split = AfterLetters(u, begin, end, 3);
    out.append(u, begin, split - begin).append(char16_t(' ')).append(u, split, end - split);
    return;
  }
  out.append(u, begin, end - begin);
}

bool IsConjunction(const icu::UnicodeString& u, int32_t begin, int32_t end) {
  return ArabicLetters(u, begin, end) == icu::UnicodeString(char16_t(0x0648));
}

// Writes name parts apart (or together) the way Latin lists write them:
// Arabic words as RewriteArabicWord says; a Korean name is one run of
// syllables (조영호) where lists write "JO Yong Ho": each syllable of a short
// run becomes a word, spelled as the lists spell it (hangul.h).
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
      int32_t end = i;
      while (end < n && (IsArabicLetter(u.charAt(end)) || IsArabicMark(u.charAt(end)))) ++end;
      if (IsConjunction(u, i, end)) {
        // و standing alone is "and": the lists write it onto an article
        // (و الأنصار -> WAL-ANSAR) or leave it out.
        int32_t next = end;
        while (next < n && u.charAt(next) == u' ') ++next;
        const bool article =
            next + 1 < n && u.charAt(next) == 0x0627 && u.charAt(next + 1) == 0x0644;
        if (article) out.append(char16_t(0x0648)).append(u, next, 2).append(char16_t(' '));
        i = article ? next + 2 : end;
        continue;
      }
      RewriteArabicWord(u, i, end, out);
      i = end;
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
