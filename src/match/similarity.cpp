#include "match/similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "text/phonetic.h"

namespace interdict::match {
namespace {

constexpr std::size_t kMaxLen = 64;  // tokens are at most text::kMaxTokenLength

// Letters romanisations confuse, as a table: bit (y - 'a') of
// kConfusable[x] is set when x and y are one of the pairs e/i, o/u, i/y,
// v/w, k/q, c/k, s/z, a/e (either way round). OsaDistance asks for every
// differing pair of letters it compares.
constexpr std::array<std::uint32_t, 256> kConfusable = [] {
  std::array<std::uint32_t, 256> table{};
  constexpr std::string_view kPairs[] = {"ae", "ei", "iy", "ou", "vw", "kq", "ck", "sz"};
  for (std::string_view pair : kPairs) {
    table[static_cast<unsigned char>(pair[0])] |= 1u << (pair[1] - 'a');
    table[static_cast<unsigned char>(pair[1])] |= 1u << (pair[0] - 'a');
  }
  return table;
}();

bool Confusable(char x, char y) noexcept {
  const unsigned bit = static_cast<unsigned char>(y) - 'a';
  return bit < 26 && ((kConfusable[static_cast<unsigned char>(x)] >> bit) & 1u) != 0;
}

// Short tokens ("al", "li", "wu") are too easy to hit by accident: beyond
// the variant tables they match only exactly, by one confusable letter
// ("win"/"vin", "kim"/"kym") or by an equal sound key ("rol"/"roll").
constexpr std::size_t kShortToken = 3;

// One edit in a 4-letter token ("ivan"/"iran", "yang"/"gang") is a different
// word far more often than one edit in a 10-letter token: there are few
// short names and most of their one-edit neighbours are other real names.
// So the cost scales with length, and again below five letters: 1 edit ->
// 0.55 at 4 letters, 0.76 at 5, 0.80 at 6, 0.85 at 8, 0.88 at 10; one
// confusable substitution (0.5) -> 0.65 at 3 letters, 0.78 at 4.
double EditSimilarity(std::size_t len_a, std::size_t len_b, double edits) noexcept {
  const std::size_t longer = std::max(len_a, len_b);
  const double per_edit =
      1.2 / static_cast<double>(longer) + 0.15 * static_cast<double>(longer < 5 ? 5 - longer : 0);
  return std::max(0.0, 1.0 - per_edit * edits);
}

// Sound keys collide more often the shorter the tokens (Chinese and Korean
// syllables: "jing"/"jiang", "hong"/"huang"), so a shared key is worth less
// below five letters; and a key shared by tokens of very different length
// ("jing"/"jiyoung") has folded away too much to be evidence.
double PhoneticSimilarity(std::size_t len_a, std::size_t len_b) noexcept {
  const std::size_t shorter = std::min(len_a, len_b);
  const std::size_t gap = std::max(len_a, len_b) - shorter;
  if (gap > std::max<std::size_t>(2, shorter / 2)) return 0;
  if (shorter <= 3) return kShortPhoneticSimilarity;
  return shorter == 4 ? kFourLetterPhoneticSimilarity : kPhoneticSimilarity;
}

// An abjad skeleton of two consonants ("dn": Dina, Dany, Dunya, Adan) is
// shared by many unrelated names; three ("slm", "ksm") by fewer.
double SkeletonSimilarity(std::size_t skeleton_length) noexcept {
  if (skeleton_length >= 4) return kAbjadSkeletonSimilarity;
  return skeleton_length == 3 ? kShortSkeletonSimilarity : kTwoLetterSkeletonSimilarity;
}

// The vowel letters heard after one skeleton symbol of a token, as
// LongVowelsAgree asks about them: which letters occur, and the last.
struct VowelGap {
  std::uint8_t letters = 0;  // bit per letter of kGapLetters
  char last = '\0';          // '\0' when the gap is empty
};

constexpr std::string_view kGapLetters = "aeiouyw";

constexpr std::uint8_t LetterBits(std::string_view letters) {
  std::uint8_t bits = 0;
  for (char c : letters) bits |= static_cast<std::uint8_t>(1u << kGapLetters.find(c));
  return bits;
}

// The vowel letters between skeleton symbols of a token: gaps[k] holds
// those after the k-th symbol (gaps[0] stays empty).
void VowelGaps(std::string_view token, std::vector<VowelGap>& gaps) {
  gaps.assign(1, VowelGap{});
  std::size_t length = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const std::size_t now = text::SkeletonLength(token.substr(0, i + 1));
    if (now > length) {
      length = now;
      gaps.resize(length + 1);
    }
    // A vowel that lengthens the skeleton is a leading vowel (its 'a') or
    // follows a final h the skeleton had left out ("rah" -> "r", "rahi" ->
    // "rh"): either way it is heard after the symbol just counted.
    const std::size_t letter = kGapLetters.find(token[i]);
    if (letter != std::string_view::npos) {
      gaps[length].letters |= static_cast<std::uint8_t>(1u << letter);
      gaps[length].last = token[i];
    }
  }
}

// Arabic and Persian spelling writes long vowels (ا و ي, transliterated a,
// w, y) even though it leaves short ones out, so two tokens with the same
// skeleton are still different names when the abjad side writes a long
// vowel where the Latin side has none of its kind: امیر (amyr) is Amir, not
// Umar; حيدر (hydr) is Haidar, not Khaddur; بكري (bkry) is Bakri, not
// Bakr. And a Latin name ending in -i is written with a final ي: كرم (krm)
// is Karam, not Karami. An 'a' may be ayn as well as alef, so it only asks
// for some vowel.
bool LongVowelsAgree(std::string_view abjad, std::string_view latin) {
  thread_local std::vector<VowelGap> a, l;
  VowelGaps(abjad, a);
  VowelGaps(latin, l);
  if (a.size() != l.size()) return true;  // not aligned: no evidence either way
  constexpr std::uint8_t kY = LetterBits("y"), kW = LetterBits("w"), kA = LetterBits("a");
  constexpr std::uint8_t kForY = LetterBits("eiy"), kForFinalY = LetterBits("aeiouy");
  constexpr std::uint8_t kForW = LetterBits("ouw"), kForFinalW = LetterBits("aeiouw");
  for (std::size_t k = 1; k < a.size(); ++k) {
    const bool last = k + 1 == a.size();
    if ((a[k].letters & kY) && !(l[k].letters & (last ? kForFinalY : kForY))) return false;
    if ((a[k].letters & kW) && !(l[k].letters & (last ? kForFinalW : kForW))) return false;
    if ((a[k].letters & kA) && l[k].letters == 0) return false;
    if (last && a[k].letters == 0 && (l[k].last == 'i' || l[k].last == 'y')) return false;
  }
  return true;
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) noexcept {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > kMaxLen) a = a.substr(0, kMaxLen);
  if (b.size() > kMaxLen) b = b.substr(0, kMaxLen);
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const int window = std::max(0, std::max(la, lb) / 2 - 1);
  std::array<bool, kMaxLen> used_a{};
  std::array<bool, kMaxLen> used_b{};
  int matches = 0;
  for (int i = 0; i < la; ++i) {
    const int lo = std::max(0, i - window);
    const int hi = std::min(lb - 1, i + window);
    for (int j = lo; j <= hi; ++j) {
      if (!used_b[j] && a[i] == b[j]) {
        used_a[i] = used_b[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  int transpositions = 0;
  for (int i = 0, j = 0; i < la; ++i) {
    if (!used_a[i]) continue;
    while (!used_b[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = matches;
  const double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  int prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

// Costs are counted in half edits (a confusable substitution is 1, any other
// edit 2) so the table holds small integers. A cell more than floor(bound)
// columns off the diagonal needs that many insertions or deletions, so only
// the band |i - j| <= floor(bound) can lead to a distance within the bound;
// cells outside it count as "too far". With bound <= 2 that is at most five
// cells a row instead of the whole row.
double OsaDistance(std::string_view a, std::string_view b, double bound) noexcept {
  if (a.size() > kMaxLen) a = a.substr(0, kMaxLen);
  if (b.size() > kMaxLen) b = b.substr(0, kMaxLen);
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  const double over = bound + 1;
  if (std::abs(la - lb) > bound) return over;
  const int band = static_cast<int>(std::min(bound, double(kMaxLen)));
  const int limit = static_cast<int>(bound * 2);  // in half edits
  const int far = limit + 1;
  std::array<int, kMaxLen + 1> rows[3];
  int* prev2 = rows[0].data();
  int* prev = rows[1].data();
  int* cur = rows[2].data();
  for (int j = 0; j <= lb; ++j) prev[j] = j <= band ? 2 * j : far;
  for (int i = 1; i <= la; ++i) {
    const int lo = std::max(1, i - band);
    const int hi = std::min(lb, i + band);
    cur[lo - 1] = lo == 1 && i <= band ? 2 * i : far;
    int row_min = cur[lo - 1];
    const char x = a[i - 1];
    for (int j = lo; j <= hi; ++j) {
      const char y = b[j - 1];
      const int substitution = x == y ? 0 : Confusable(x, y) ? 1 : 2;
      int d = std::min({prev[j] + 2, cur[j - 1] + 2, prev[j - 1] + substitution});
      if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) d = std::min(d, prev2[j - 2] + 2);
      d = std::min(d, far);
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (hi < lb) cur[hi + 1] = far;
    if (row_min > limit) return over;
    int* recycled = prev2;
    prev2 = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[lb] > limit ? over : prev[lb] / 2.0;
}

namespace {
// A scanned word with the letter pairs OCR reads for one letter folded back
// (rn -> m, cl -> d, ii -> u, ri -> n, vv -> w, li -> h); false when it
// does not fit the buffer.
bool OcrFold(std::string_view t, char (&out)[48], std::size_t& n) {
  n = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (n >= sizeof out) return false;
    const char c = t[i], d = i + 1 < t.size() ? t[i + 1] : '\0';
    char folded = 0;
    if (c == 'r' && d == 'n')
      folded = 'm';
    else if (c == 'c' && d == 'l')
      folded = 'd';
    else if (c == 'i' && d == 'i')
      folded = 'u';
    else if (c == 'r' && d == 'i')
      folded = 'n';
    else if (c == 'v' && d == 'v')
      folded = 'w';
    else if (c == 'l' && d == 'i')
      folded = 'h';
    if (folded != 0) {
      out[n++] = folded;
      ++i;
    } else {
      out[n++] = c;
    }
  }
  return true;
}

// One OCR confusion apart counts as one edit.
bool OcrConfusable(std::string_view a, std::string_view b) noexcept {
  if (a.size() < 4 || b.size() < 4 || a.size() == b.size()) return false;
  char fa[48], fb[48];
  std::size_t na = 0, nb = 0;
  if (!OcrFold(a, fa, na) || !OcrFold(b, fb, nb)) return false;
  return na == nb && std::string_view(fa, na) == std::string_view(fb, nb);
}

// Clerks of other languages write some sounds with their own letters:
// Spanish j for kh (Jalid = Khalid, Zajarov = Zakharov) and ch for sh
// (Lavrichev = Lavrishev), German j for a y before a vowel (Jahja = Yahya),
// French ch for sh (Bachir = Bashir) and i for an initial y before a vowel
// (Iare = Yare). A bit per such spelling a token holds: tokens whose bits
// agree cannot differ by one, so most pairs skip the respelling.
enum SpellingBit : unsigned {
  kHasJ = 1u,
  kHasKh = 2u,
  kHasYVowel = 4u,
  kHasCh = 8u,
  kHasSh = 16u,
  kLeadIVowel = 32u,
};

bool IsVowel(char c) noexcept { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

unsigned Spellings(std::string_view t) noexcept {
  unsigned bits = 0;
  if (t.size() > 1 && t[0] == 'i' && IsVowel(t[1])) bits |= kLeadIVowel;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (t[i] == 'j') bits |= kHasJ;
    if (t[i] == 'y' && IsVowel(next)) bits |= kHasYVowel;
    if (next == 'h') {
      if (t[i] == 'k') bits |= kHasKh;
      if (t[i] == 'c') bits |= kHasCh;
      if (t[i] == 's') bits |= kHasSh;
    }
  }
  return bits;
}

// `t` with each of those sounds written one way (kh, and y or an initial i
// before a vowel, as j; sh as ch) into `out`; false when it does not fit.
bool Respell(std::string_view t, char (&out)[48], std::size_t& n) noexcept {
  n = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (n >= sizeof out) return false;
    const char c = t[i], next = i + 1 < t.size() ? t[i + 1] : '\0';
    if (c == 'k' && next == 'h') {
      out[n++] = 'j';
      ++i;
    } else if ((c == 'y' || (c == 'i' && i == 0)) && IsVowel(next)) {
      out[n++] = 'j';
    } else if (c == 's' && next == 'h' && (i == 0 || t[i - 1] != 's')) {
      out[n++] = 'c';
    } else {
      out[n++] = c;
    }
  }
  return true;
}

// Whether `x` writes with its letters a sound `y` writes with others: j for
// kh or for a y before a vowel, ch for sh, an initial i for y.
bool WritesOtherwise(unsigned x, unsigned y) noexcept {
  if ((x & kHasJ) && !(y & kHasJ) && (y & (kHasKh | kHasYVowel))) return true;
  if ((x & kHasCh) && !(y & kHasCh) && (y & kHasSh)) return true;
  return (x & kLeadIVowel) && (y & kHasYVowel) && !(y & kLeadIVowel);
}

// The same name written by clerks of two languages: equal sound keys once
// respelled. Less than a sound-key match, since some such pairs are two
// names (Jalil and Khalil are both Arabic given names). Below five letters
// the respelled tokens are East Asian syllables more often than such
// spellings (Yang is not Zhang, Jang not Yang). Most pairs
// stop at the length test or at the letters.
double RespelledSimilarity(std::string_view a, std::string_view b) noexcept {
  const std::size_t shorter = std::min(a.size(), b.size());
  if (shorter < 5 || std::max(a.size(), b.size()) - shorter > 2) return 0;
  const unsigned bits_a = Spellings(a), bits_b = Spellings(b);
  if (!WritesOtherwise(bits_a, bits_b) && !WritesOtherwise(bits_b, bits_a)) return 0;
  char ra[48], rb[48];
  std::size_t na = 0, nb = 0;
  if (!Respell(a, ra, na) || !Respell(b, rb, nb)) return 0;
  const std::string ka = text::PhoneticKey(std::string_view(ra, na));
  if (ka.size() < 3 || ka != text::PhoneticKey(std::string_view(rb, nb))) return 0;
  return std::min(kRespelledSimilarity, PhoneticSimilarity(na, nb));
}

// Letters less the extra letters of German spellings of one sound (dsch,
// tsch, sch: "Dschamil" is Jamil), for the length gap a phonetic match
// allows.
std::size_t SpokenLength(std::string_view t) noexcept {
  std::size_t n = t.size();
  for (std::size_t at = t.find("sch"); at != std::string_view::npos; at = t.find("sch", at + 3)) {
    n -= (at > 0 && (t[at - 1] == 'd' || t[at - 1] == 't')) ? 3 : 2;
  }
  return n;
}
}  // namespace

TokenMatch CompareTokens(const text::PreparedToken& a, const text::PreparedToken& b) noexcept {
  using text::TokenClass;
  const bool translit = a.transliterated != b.transliterated;
  if (a.text == b.text) return {1.0, translit ? MatchRule::kTranslit : MatchRule::kExact, 0};
  if (a.cls == TokenClass::kNumber || b.cls == TokenClass::kNumber) return {};
  if (a.variant_group != 0 && a.variant_group == b.variant_group) {
    return {kVariantSimilarity, MatchRule::kVariant, 0};
  }
  const std::size_t shorter = std::min(a.text.size(), b.text.size());
  if (shorter == 1) {
    const std::string_view longer = a.text.size() == 1 ? b.text : a.text;
    const std::string_view initial = a.text.size() == 1 ? a.text : b.text;
    if (longer.size() > 1 && longer.front() == initial.front()) {
      return {kInitialSimilarity, MatchRule::kInitial, 0};
    }
    return {};
  }
  TokenMatch best;
  // Abjad spellings omit short vowels, so their skeleton is the only fair
  // comparison, and it is trustworthy even for short tokens ("hsn").
  const bool abjad = a.abjad || b.abjad;
  if (!a.skeleton.empty() && a.skeleton == b.skeleton) {
    // Between two Latin spellings vowels are real evidence ("Haddad" is not
    // "Houdoud"); phonetic keys and edits judge those.
    const bool vowels_agree = a.abjad == b.abjad || (a.abjad ? LongVowelsAgree(a.text, b.text)
                                                             : LongVowelsAgree(b.text, a.text));
    if (abjad && a.skeleton.size() >= 2 && vowels_agree) {
      best = {SkeletonSimilarity(a.skeleton.size()), MatchRule::kSkeleton, 0};
    }
  }
  if (shorter < kShortToken) return best;  // "wu"/"wo", "li"/"ly": different names
  if (a.phonetic.size() >= 3 && a.phonetic == b.phonetic) {
    const double sim = PhoneticSimilarity(SpokenLength(a.text), SpokenLength(b.text));
    if (sim > best.similarity) best = {sim, MatchRule::kPhonetic, 0};
  }
  // Before the early return below: a respelling may score above what the
  // fewest edits would.
  if (best.similarity < kRespelledSimilarity) {
    const double sim = RespelledSimilarity(a.text, b.text);
    if (sim > best.similarity) best = {sim, MatchRule::kPhonetic, 0};
  }
  // A three-letter token may differ by one confusable letter at most.
  const double bound = shorter <= kShortToken ? 0.5 : shorter >= 8 ? 2.0 : 1.0;
  // The texts differ, so by at least their length difference and at least
  // half an edit; when even that few edits would not beat the rule found
  // already (a phonetic match of up to seven letters), the distance is
  // not needed.
  const std::size_t length_gap = std::max(a.text.size(), b.text.size()) - shorter;
  const double fewest = std::max(0.5, static_cast<double>(length_gap));
  if (best.similarity > 0 &&
      EditSimilarity(a.text.size(), b.text.size(), fewest) <= best.similarity) {
    return best;
  }
  const double edits = OsaDistance(a.text, b.text, bound);
  if (edits <= bound) {
    const double sim = EditSimilarity(a.text.size(), b.text.size(), edits);
    if (sim > best.similarity) best = {sim, MatchRule::kEdit, edits};
  } else if (a.text.size() + 1 == b.text.size() || b.text.size() + 1 == a.text.size()) {
    if (OcrConfusable(a.text, b.text)) {
      const double sim = EditSimilarity(a.text.size(), b.text.size(), 1.0);
      if (sim > best.similarity) best = {sim, MatchRule::kEdit, 1.0};
    }
  }
  return best;
}

TokenMatch CompareJoined(std::string_view joined, bool abjad,
                         const text::PreparedToken& single) noexcept {
  if (single.cls == text::TokenClass::kNumber) {
    return joined == single.text ? TokenMatch{1.0, MatchRule::kExact, 0} : TokenMatch{};
  }
  if (joined == single.text) return {1.0, MatchRule::kExact, 0};
  TokenMatch best;
  // Joining tokens to meet a skeleton of three consonants or fewer ("lyna
  // awd" -> "lnd" = LINDA) is coincidence more often than a spelling.
  if ((abjad || single.abjad) && single.skeleton.size() >= 4 &&
      text::Skeleton(joined) == single.skeleton &&
      (abjad == single.abjad ||
       (abjad ? LongVowelsAgree(joined, single.text) : LongVowelsAgree(single.text, joined)))) {
    best = {kAbjadSkeletonSimilarity, MatchRule::kSkeleton, 0};
  }
  // Two short syllables joined and respelled ("ma tao" -> MATEO, "he yan" ->
  // HAYAN) are another name: below six letters a join must be exact.
  const std::size_t shorter = std::min(joined.size(), single.text.size());
  if (shorter < 6) return best;
  const double bound = shorter >= 8 ? 2.0 : 1.0;
  const double edits = OsaDistance(joined, single.text, bound);
  if (edits <= bound) {
    const double sim = EditSimilarity(joined.size(), single.text.size(), edits);
    if (sim > best.similarity) best = {sim, MatchRule::kEdit, edits};
  }
  return best;
}

std::string RuleName(const TokenMatch& m) {
  switch (m.rule) {
    case MatchRule::kNone:
      return "none";
    case MatchRule::kExact:
      return "exact";
    case MatchRule::kTranslit:
      return "translit";
    case MatchRule::kVariant:
      return "variant";
    case MatchRule::kPhonetic:
      return "phonetic";
    case MatchRule::kSkeleton:
      return "skeleton";
    case MatchRule::kInitial:
      return "initial";
    case MatchRule::kMerged:
      return "merged";
    case MatchRule::kEdit: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "edit:%g", m.edits);
      return buf;
    }
  }
  return "none";
}

}  // namespace interdict::match
