// National letters and organisation wording of the third evaluation set
// (third.h).
#include <algorithm>
#include <map>

#include "name_text.h"
#include "third.h"

namespace interdict::eval {
namespace {

bool HasAny(const std::vector<std::string>& countries, std::initializer_list<const char*> set) {
  return std::any_of(countries.begin(), countries.end(), [&](const std::string& c) {
    return std::find_if(set.begin(), set.end(), [&](const char* s) { return c == s; }) != set.end();
  });
}

// A listed letter with diacritics as the national ASCII convention spells
// it (German ü -> ue, Scandinavian å -> aa, Turkish ş -> sh, Slavic č ->
// ch); letters without such a convention lose their mark.
std::u32string AsciiConvention(char32_t c) {
  static const std::map<char32_t, std::u32string> kDigraphs = {
      {U'ü', U"ue"}, {U'ö', U"oe"}, {U'ä', U"ae"}, {U'ß', U"ss"}, {U'ø', U"oe"}, {U'å', U"aa"},
      {U'æ', U"ae"}, {U'ş', U"sh"}, {U'ç', U"ch"}, {U'č', U"ch"}, {U'š', U"sh"}, {U'ž', U"zh"},
      {U'ć', U"ch"}, {U'đ', U"dj"}, {U'ñ', U"ny"}, {U'Ü', U"UE"}, {U'Ö', U"OE"}, {U'Ä', U"AE"},
      {U'Ø', U"OE"}, {U'Å', U"AA"}, {U'Ş', U"SH"}, {U'Ç', U"CH"}, {U'Č', U"CH"}, {U'Š', U"SH"},
      {U'Ž', U"ZH"}, {U'Ć', U"CH"}, {U'Đ', U"DJ"}, {U'Ñ', U"NY"}, {U'ı', U"i"},  {U'ğ', U"g"},
      {U'İ', U"I"},  {U'Ğ', U"G"}};
  auto it = kDigraphs.find(c);
  if (it != kDigraphs.end()) return it->second;
  const std::u32string folded = FoldName(EncodeUtf8(std::u32string(1, c)));
  if (folded.size() == 1 && folded[0] < 0x80) {
    const bool upper = c >= 0xC0 && c <= 0xDE;
    return std::u32string(1, upper ? static_cast<char32_t>(folded[0] - 32) : folded[0]);
  }
  return std::u32string(1, c);
}

// ASCII spellings a clerk of these countries writes with national letters.
const std::vector<std::pair<std::string, std::string>>* NationalRules(
    const std::vector<std::string>& countries) {
  static const std::vector<std::pair<std::string, std::string>> kSlavic = {
      {"sh", "š"}, {"ch", "č"}, {"zh", "ž"}, {"ic$", "ić"}, {"dj", "đ"}};
  static const std::vector<std::pair<std::string, std::string>> kTurkish = {
      {"sh", "ş"}, {"ch", "ç"}, {"ogu", "oğu"}, {"aga", "ağa"}, {"oga", "oğa"}, {"igi", "iği"}};
  static const std::vector<std::pair<std::string, std::string>> kGerman = {
      {"ue", "ü"}, {"oe", "ö"}, {"ae", "ä"}};
  static const std::vector<std::pair<std::string, std::string>> kNordic = {{"oe", "ø"},
                                                                           {"aa", "å"}};
  // English-style "ny" before a vowel (Penya, Nunyez); a final "ny"
  // (Jhonny) or "nia" (Sonia) is no ñ.
  static const std::vector<std::pair<std::string, std::string>> kSpanish = {
      {"nya", "ña"}, {"nye", "ñe"}, {"nyo", "ño"}, {"nyu", "ñu"}};
  if (HasAny(countries, {"RS", "BA", "HR", "ME", "SI", "CZ", "SK", "MK"})) return &kSlavic;
  if (HasAny(countries, {"TR", "AZ", "TM"})) return &kTurkish;
  if (HasAny(countries, {"DE", "AT", "CH", "LI"})) return &kGerman;
  if (HasAny(countries, {"NO", "DK", "SE", "FI", "IS"})) return &kNordic;
  if (HasAny(countries, {"ES", "MX", "CO", "VE", "AR", "PE", "CL", "EC", "PA", "NI"}))
    return &kSpanish;
  return nullptr;
}

// Latin Extended-A pairs capital and small letters as (even, odd) except
// in two runs (Ĺ..ň, Ź..ž), where the small letter is even.
bool LowerIsOdd(char32_t c) { return !((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)); }

bool IsLetterAt(std::string_view s, std::size_t at) {
  return at < s.size() && ((s[at] | 0x20) >= 'a' && (s[at] | 0x20) <= 'z');
}

// Whether rule `from` fits at `at`; a final '$' means "at the word's end".
bool Fits(std::string_view lower, std::size_t at, std::string_view from) {
  const bool at_end = !from.empty() && from.back() == '$';
  if (at_end) from.remove_suffix(1);
  if (lower.compare(at, from.size(), from) != 0) return false;
  return !at_end || !IsLetterAt(lower, at + from.size());
}

std::size_t FitLength(std::string_view from) {
  return from.size() - (!from.empty() && from.back() == '$');
}

// "ue" in Manuel, Miguel, Enrique is two letters, not a German ü: after q
// or g, or before a final l.
bool NotAnUmlaut(std::string_view lower, std::size_t at, std::string_view from) {
  if (from != "ue" && from != "oe" && from != "ae") return false;
  const char before = lower[at - 1];
  const bool final_l = at + 3 <= lower.size() && lower[at + 2] == 'l' && !IsLetterAt(lower, at + 3);
  return before == 'q' || before == 'g' || final_l;
}

std::string WithNationalLetters(std::string_view name,
                                const std::vector<std::pair<std::string, std::string>>& rules,
                                Rng& rng) {
  std::string lower = AsciiLower(name), out;
  for (std::size_t at = 0; at < lower.size();) {
    const auto* hit = static_cast<const std::pair<std::string, std::string>*>(nullptr);
    for (const auto& r : rules) {
      if (Fits(lower, at, r.first)) hit = &r;
    }
    // Not every occurrence: clerks are inconsistent, and a rule must fit.
    if (hit && at > 0 && IsLetterAt(lower, at - 1) && !NotAnUmlaut(lower, at, hit->first) &&
        rng.Chance(0.7)) {
      std::u32string rep = DecodeUtf8(hit->second);
      if (name[at] >= 'A' && name[at] <= 'Z') {
        // The capitals: ASCII, Latin-1 (32 before) and Latin Extended-A
        // (the code point before the small letter).
        for (char32_t& c : rep) {
          if (c >= 'a' && c <= 'z')
            c -= 32;
          else if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
            c -= 32;
          else if (c >= 0x100 && c <= 0x17F && (c % 2 == 1) == LowerIsOdd(c))
            c -= 1;
        }
      }
      out += EncodeUtf8(rep);
      at += FitLength(hit->first);
    } else {
      out += name[at++];
    }
  }
  return out;
}

bool IsLegalWord(const std::string& folded) {
  static const std::vector<std::string> kForms = {
      "ltd",    "limited", "llc",  "co",      "company", "corp",         "corporation",
      "inc",    "jsc",     "ojsc", "cjsc",    "pjsc",    "ooo",          "zao",
      "oao",    "pao",     "ao",   "gmbh",    "ag",      "sa",           "s a",
      "sarl",   "srl",     "bv",   "nv",      "plc",     "fze",          "fzco",
      "fzc",    "llp",     "pte",  "pvt",     "joint",   "stock",        "liability",
      "public", "closed",  "open", "private", "l l c",   "incorporated", "too"};
  return std::find(kForms.begin(), kForms.end(), folded) != kForms.end();
}

bool IsSmallWord(const std::string& folded) {
  return folded == "of" || folded == "the" || folded == "and" || folded == "for" || folded == "&";
}

}  // namespace

std::optional<std::string> NationalLettersVariant(std::string_view name,
                                                  const std::vector<std::string>& countries,
                                                  Rng& rng, std::string& note) {
  const std::u32string text = DecodeUtf8(name);
  const bool marked = std::any_of(text.begin(), text.end(), [](char32_t c) {
    return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7;
  });
  if (marked) {  // the list writes national letters; the query does not
    std::u32string out;
    for (char32_t c : text)
      out += c >= 0xC0 && c <= 0x24F ? AsciiConvention(c) : std::u32string(1, c);
    note = "national->ascii";
    std::string q = EncodeUtf8(out);
    return q == name ? std::nullopt : std::optional<std::string>(q);
  }
  const auto* rules = NationalRules(countries);
  if (rules == nullptr) return std::nullopt;
  std::string q = WithNationalLetters(name, *rules, rng);
  if (q == name) return std::nullopt;
  note = "ascii->national";
  return q;
}

std::optional<std::string> OrgWordsVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  auto folded = [](const std::string& w) { return FoldNameUtf8(w); };
  std::size_t b = 0, e = words.size();
  while (e > b + 2 && IsLegalWord(folded(words[e - 1]))) --e;
  while (b + 2 < e && IsLegalWord(folded(words[b]))) ++b;
  const bool dropped_form = b > 0 || e < words.size();
  std::vector<std::string> kept(words.begin() + static_cast<std::ptrdiff_t>(b),
                                words.begin() + static_cast<std::ptrdiff_t>(e));
  // "Bank of Kunlun" -> "Kunlun Bank": one word, "of", the rest.
  bool reordered = false;
  if (kept.size() >= 3 && folded(kept[1]) == "of" && rng.Chance(0.7)) {
    std::vector<std::string> swapped(kept.begin() + 2, kept.end());
    swapped.push_back(kept[0]);
    kept = swapped;
    reordered = true;
  }
  const std::size_t before = kept.size();
  std::erase_if(kept, [&](const std::string& w) { return IsSmallWord(folded(w)); });
  const bool small = kept.size() < before;
  if (kept.size() < 2 || !(dropped_form || reordered)) return std::nullopt;
  for (std::string& w : kept) {
    while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.pop_back();
  }
  note = std::string(dropped_form ? "form-dropped " : "") + (reordered ? "of-reordered " : "") +
         (small ? "small-words-dropped" : "");
  std::string q = JoinWords(kept);
  if (FoldNameUtf8(q) == FoldNameUtf8(name)) return std::nullopt;
  return q;
}

}  // namespace interdict::eval
