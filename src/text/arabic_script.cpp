#include "text/arabic_script.h"

namespace interdict::text {

// Arabic-script letters ICU renders as marks, or not at all, that name
// romanisations write as letters:
// * ayn is written as a vowel ("Omar", "Abd", "Ali"), hamza is dropped,
//   ta marbuta is the final "a" ("Fatima", "Osama");
// * hamza on ya is the vowel i (الطائي AL-TA'I, قائد QAID, فائز FAIZ), and
//   swallows a ya after it;
// * Pashto and Urdu letters, which ICU drops (splitting the word), are
//   written as Afghan and Pakistani names in the lists write them
//   (چوہدری CHAUDHRY, المھاجرین AL-MUHAJIRIN, ټ/ٹ t, ډ/ڈ d, ړ/ڑ r, ښ sh...).
const char kArabicPreRules[] =
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
const char kPersianPreRules[] = "\\u0636 > z ; \\u0638 > z ; \\u0630 > z ; \\u062B > s ;";

bool IsArabicLetter(char16_t c) noexcept {
  // U+0670, the dagger alef, is a mark (IsArabicMark) inside this range.
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3 && c != 0x0670) || c == 0x06D5;
}
bool IsArabicMark(char16_t c) noexcept {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;  // harakat, tatweel
}

namespace {

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
void RewriteWord(const icu::UnicodeString& u, int32_t begin, int32_t end, icu::UnicodeString& out) {
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
    RewriteWord(word, 0, word.length(), out);
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

}  // namespace

bool HasPersianLetters(const icu::UnicodeString& u) noexcept {
  for (int32_t i = 0; i < u.length(); ++i) {
    if (IsPersianLetter(u.charAt(i))) return true;
  }
  return false;
}

int32_t RewriteArabicWord(const icu::UnicodeString& u, int32_t begin, icu::UnicodeString& out) {
  const int32_t n = u.length();
  int32_t end = begin;
  while (end < n && (IsArabicLetter(u.charAt(end)) || IsArabicMark(u.charAt(end)))) ++end;
  if (!IsConjunction(u, begin, end)) {
    RewriteWord(u, begin, end, out);
    return end;
  }
  // و standing alone is "and": the lists write it onto an article
  // (و الأنصار -> WAL-ANSAR) or leave it out.
  int32_t next = end;
  while (next < n && u.charAt(next) == u' ') ++next;
  const bool article = next + 1 < n && u.charAt(next) == 0x0627 && u.charAt(next + 1) == 0x0644;
  if (!article) return end;
  out.append(char16_t(0x0648)).append(u, next, 2).append(char16_t(' '));
  return next + 2;
}

}  // namespace interdict::text
