#include "heldout_forms.h"

#include <algorithm>
#include <cctype>

#include "name_text.h"

namespace interdict::eval {
namespace {

bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsVowel(char c) { return std::string_view("aeiouAEIOU").find(c) != std::string_view::npos; }

bool AllLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsLetter);
}

// The letters of a word without surrounding punctuation ("(CST)," -> "CST").
std::string_view Core(std::string_view w) {
  std::size_t b = 0, e = w.size();
  auto keep = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c < 0; };
  while (b < e && !keep(w[b])) ++b;
  while (e > b && !keep(w[e - 1])) --e;
  return w.substr(b, e - b);
}

std::string Lower(std::string_view w) { return AsciiLower(Core(w)); }

bool OneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsSuffix(std::string_view lower) { return OneOf(lower, {"jr", "sr", "ii", "iii", "iv"}); }
bool IsArticle(std::string_view lower) {
  return OneOf(lower, {"al", "el", "bin", "ibn", "ben", "abu", "abou", "de", "da", "del", "van",
                       "von", "di", "le", "la", "bint", "ould"});
}
// Honorifics and ranks lists put before a given name ("YASSIN, Sheik Ahmed",
// "SONE, U Aung Pyae"): not a given name a form would keep.
bool IsHonorific(std::string_view lower) {
  return lower.size() < 2 ||
         OneOf(lower,
               {"sheik",   "sheikh",  "shaikh", "haji",   "hajji", "mullah", "mulla",   "maulvi",
                "mawlawi", "maulana", "qari",   "dr",     "col",   "gen",    "general", "colonel",
                "mr",      "mrs",     "sayed",  "sayyid", "syed",  "seyed",  "imam",    "daw",
                "shaykh",  "sayyed",  "seyyed", "seyyid", "sayyad"});
}

// Words that open a compound given name: "Abdul Rahman", "Abu Bakr".
bool OpensCompound(std::string_view lower) {
  return OneOf(lower, {"abd", "abdul", "abdel", "abdal", "abdol", "abu", "abou", "umm", "al", "el",
                       "bin", "ibn", "ben"});
}

std::optional<std::string> Differs(std::string_view before, std::string after) {
  if (after.empty() || FoldNameUtf8(after) == FoldNameUtf8(before)) return std::nullopt;
  return after;
}

// A random slip in `w` at a letter other than the first: another letter of
// the same kind, a letter dropped, two letters swapped, or one doubled.
std::string Slip(std::string w, Rng& rng) {
  static constexpr std::string_view kVowels = "aeiou", kConsonants = "bcdfghklmnprstvz";
  const std::size_t at = 1 + rng.Below(w.size() - 1);
  const bool upper = std::isupper(static_cast<unsigned char>(w[at])) != 0;
  switch (rng.Below(4)) {
    case 0: {
      std::string_view pool = IsVowel(w[at]) ? kVowels : kConsonants;
      char c = pool[rng.Below(pool.size())];
      w[at] = upper ? static_cast<char>(std::toupper(c)) : c;
      break;
    }
    case 1:
      w.erase(at, 1);
      break;
    case 2:
      if (at + 1 < w.size())
        std::swap(w[at], w[at + 1]);
      else
        std::swap(w[at - 1], w[at]);
      break;
    default:
      w.insert(at, 1, w[at]);
  }
  return w;
}

}  // namespace

std::optional<PersonName> SplitPerson(std::string_view name) {
  PersonName p;
  std::vector<std::string> words = SplitWords(name);
  words.erase(std::remove_if(words.begin(), words.end(),
                             [](const std::string& w) { return IsSuffix(Lower(w)); }),
              words.end());
  auto comma = std::find_if(words.begin(), words.end(),
                            [](const std::string& w) { return !w.empty() && w.back() == ','; });
  if (comma != words.end()) {
    p.had_comma = true;
    p.family.assign(words.begin(), comma + 1);
    p.given.assign(comma + 1, words.end());
    p.family.back().pop_back();
  } else if (words.size() >= 2) {
    std::size_t split = words.size() - 1;
    if (split >= 2 && IsArticle(Lower(words[split - 1]))) --split;
    p.given.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(split));
    p.family.assign(words.begin() + static_cast<std::ptrdiff_t>(split), words.end());
  }
  auto empty = [](const std::string& w) { return Core(w).empty(); };
  p.given.erase(std::remove_if(p.given.begin(), p.given.end(), empty), p.given.end());
  p.family.erase(std::remove_if(p.family.begin(), p.family.end(), empty), p.family.end());
  if (p.given.empty() || p.family.empty()) return std::nullopt;
  return p;
}

std::string Styled(const std::vector<std::string>& words, CaseStyle style) {
  std::vector<std::string> out;
  for (const std::string& w : words) {
    out.push_back(style == CaseStyle::kUpper   ? AsciiUpper(w)
                  : style == CaseStyle::kLower ? AsciiLower(w)
                                               : MatchCase(w, "Xx"));
  }
  return JoinWords(out);
}

std::optional<std::string> FormOrderVariant(std::string_view name, Rng& rng, std::string& note) {
  auto p = SplitPerson(name);
  if (!p) return std::nullopt;
  const std::string given = Styled(p->given, CaseStyle::kTitle);
  const std::string family = Styled(p->family, CaseStyle::kUpper);
  std::vector<std::pair<std::string, std::string>> forms = {
      {given + " " + family, "given-FAMILY"},
      {family + " " + given, "FAMILY-given-no-comma"},
      {Styled(p->family, CaseStyle::kTitle) + ", " + given, "Family,-Given"},
      {AsciiLower(given + " " + family), "lower-given-family"}};
  if (!p->had_comma) forms.erase(forms.begin());  // as listed, only the case differs
  const auto& [query, form] = rng.Pick(forms);
  note = form;
  return Differs(name, query);
}

std::optional<std::string> ParticleVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::pair<std::string, std::string>> options;  // name, note
  auto with = [&](std::size_t begin, std::size_t end, const std::string& replacement,
                  const char* what) {
    std::vector<std::string> w(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(begin));
    if (!replacement.empty()) w.push_back(replacement);
    w.insert(w.end(), words.begin() + static_cast<std::ptrdiff_t>(end), words.end());
    options.emplace_back(JoinWords(w), what);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const std::string lower = AsciiLower(word);
    const auto style = [&](std::string_view s) { return MatchCase(s, Core(word)); };
    const bool has_next = i + 1 < words.size() && AllLetters(Core(words[i + 1]));
    const std::string next = has_next ? std::string(Core(words[i + 1])) : "";
    if ((lower.rfind("al-", 0) == 0 || lower.rfind("el-", 0) == 0) && word.size() > 4) {
      const std::string rest = word.substr(3);
      const std::string other = lower[0] == 'a' ? "el" : "al";
      with(i, i + 1, style(lower.substr(0, 2)) + " " + rest, "article-spaced");
      with(i, i + 1, style(lower.substr(0, 2)) + AsciiLower(rest), "article-joined");
      with(i, i + 1, style(other) + "-" + rest, "al/el");
      with(i, i + 1, rest, "article-dropped");
    } else if ((lower == "al" || lower == "el") && has_next) {
      with(i, i + 2, style(lower) + "-" + next, "article-hyphened");
      with(i, i + 2, style(lower) + AsciiLower(next), "article-joined");
      with(i, i + 2, next, "article-dropped");
    } else if (OneOf(lower, {"bin", "ibn", "ben"}) && has_next) {
      for (std::string_view other : {"bin", "ibn", "ben"}) {
        if (other != lower) with(i, i + 1, style(other), "bin/ibn/ben");
      }
    } else if (OneOf(lower, {"abd", "abdul", "abdel", "abdal"}) && has_next) {
      std::size_t end = i + 2;
      std::string target = next;
      if (OneOf(AsciiLower(next), {"al", "el", "ul"}) && i + 2 < words.size()) {
        target = std::string(Core(words[i + 2]));  // "Abd al Rahman"
        end = i + 3;
      }
      with(i, end, style("abd al-") + target, "abd-al");
      with(i, end, style("abdul") + " " + target, "abdul");
      with(i, end, style("abdel") + " " + target, "abdel");
      with(i, end, style("abdul") + AsciiLower(target), "abdul-joined");
    } else if (lower.size() > 7 && (lower.rfind("abdul", 0) == 0 || lower.rfind("abdel", 0) == 0) &&
               AllLetters(lower)) {
      const std::string rest = word.substr(5);
      with(i, i + 1, style("abdul") + " " + MatchCase(rest, word), "abdul-split");
      with(i, i + 1, style("abd al-") + MatchCase(rest, word), "abd-al-split");
    } else if (OneOf(lower, {"abu", "abou"}) && has_next) {
      with(i, i + 1, style(lower == "abu" ? "abou" : "abu"), "abu/abou");
      with(i, i + 2, style(lower) + "-" + next, "abu-hyphened");
    } else if (const std::size_t q = word.find('\'');
               q != std::string::npos && q > 0 && q + 1 < word.size()) {
      std::string joined = word, spaced = word;
      joined.erase(q, 1);
      spaced[q] = ' ';
      with(i, i + 1, joined, "apostrophe-dropped");
      if (q == 1) with(i, i + 1, spaced, "apostrophe-spaced");  // O'Brien, D'Souza
    }
  }
  if (options.empty()) return std::nullopt;
  const auto& [query, what] = rng.Pick(options);
  note = what;
  return Differs(name, query);
}

std::optional<std::string> LetterVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::pair<std::string, std::string>> options;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (!AllLetters(w) || w.size() < 4) continue;
    auto with = [&](std::string changed, const char* what) {
      std::vector<std::string> copy = words;
      copy[i] = std::move(changed);
      options.emplace_back(JoinWords(copy), what);
    };
    for (std::size_t k = 1; k + 1 < w.size(); ++k) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(w[k])));
      if (std::tolower(static_cast<unsigned char>(w[k + 1])) == c) {
        with(w.substr(0, k) + w.substr(k + 1), "undoubled");
      } else if (!IsVowel(c) && IsVowel(w[k - 1]) && IsVowel(w[k + 1]) &&
                 std::string_view("hwyxq").find(c) == std::string_view::npos) {
        with(w.substr(0, k + 1) + w.substr(k), "doubled");
      }
      if (w.size() >= 6) with(w.substr(0, k) + w.substr(k + 1), "dropped");
    }
  }
  if (options.empty()) return std::nullopt;
  // Doubling and undoubling are what people do most; a dropped letter is one
  // of many options per word, so it would otherwise dominate.
  std::vector<std::pair<std::string, std::string>> doubles;
  std::copy_if(options.begin(), options.end(), std::back_inserter(doubles),
               [](const auto& o) { return o.second != "dropped"; });
  const auto& pool = !doubles.empty() && rng.Chance(0.6) ? doubles : options;
  const auto& [query, what] = rng.Pick(pool);
  note = what;
  return Differs(name, query);
}

std::optional<std::string> TwoTyposVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> long_words;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    letters += std::count_if(words[i].begin(), words[i].end(), IsLetter);
    if (AllLetters(words[i]) && words[i].size() >= 6) long_words.push_back(i);
  }
  if (long_words.size() < 2 || letters < 14) return std::nullopt;
  rng.Shuffle(long_words);
  for (int k = 0; k < 2; ++k) words[long_words[k]] = Slip(words[long_words[k]], rng);
  note = "two-slips";
  return Differs(name, JoinWords(words));
}

std::optional<std::string> GivenFamilyVariant(std::string_view name, Rng& rng, std::string& note) {
  auto p = SplitPerson(name);
  if (!p) return std::nullopt;
  const std::size_t total = p->given.size() + p->family.size();
  if (total < 4 || total > 5) return std::nullopt;
  std::size_t first = 0;
  while (first + 1 < p->given.size() && IsHonorific(Lower(p->given[first]))) ++first;
  std::vector<std::string> given = {p->given[first]};
  if (OpensCompound(Lower(p->given[first])) && first + 1 < p->given.size()) {
    given.push_back(p->given[first + 1]);
  }
  if (given.size() + p->family.size() + 2 > total) return std::nullopt;  // drops 2+ words
  note = p->had_comma ? "from-comma-form" : "first-and-last";
  const bool upper_family = rng.Chance(0.5);
  return Differs(name, Styled(given, CaseStyle::kTitle) + " " +
                           Styled(p->family, upper_family ? CaseStyle::kUpper : CaseStyle::kTitle));
}

std::optional<std::string> TitleVariant(std::string_view name, bool female, Rng& rng,
                                        std::string& note) {
  static const std::vector<std::string> kAny = {"Dr",    "Dr.",  "Haji",    "Hajji",  "Sheikh",
                                                "Prof.", "Eng.", "General", "Gen.",   "Colonel",
                                                "Col.",  "Imam", "Mullah",  "Sayyid", "H.E."};
  static const std::vector<std::string> kMale = {"Mr", "Mr.", "Mister"};
  static const std::vector<std::string> kFemale = {"Mrs", "Mrs.", "Ms", "Madam"};
  const auto& courtesy = female ? kFemale : kMale;
  const std::string& title = rng.Chance(0.4) ? rng.Pick(courtesy) : rng.Pick(kAny);
  note = title;
  std::string body(name);
  if (auto p = SplitPerson(name); p && p->had_comma && rng.Chance(0.6)) {
    body = Styled(p->given, CaseStyle::kTitle) + " " + Styled(p->family, CaseStyle::kTitle);
  }
  return title + " " + body;
}

bool HasPatronymic(std::string_view name) {
  for (const std::string& w : SplitWords(AsciiLower(name))) {
    const std::string core(Core(w));
    for (std::string_view suffix : {"ovich", "evich", "ovna", "evna", "ichna"}) {
      if (core.size() > suffix.size() + 2 && core.ends_with(suffix)) return true;
    }
  }
  return false;
}

}  // namespace interdict::eval
