// Rewrites of the third evaluation set (third.h). None of them reads the
// engine's tables or the other sets' rules.
#include <algorithm>
#include <cctype>
#include <fstream>

#include "name_text.h"
#include "third.h"

namespace interdict::eval {
namespace {

bool IsAsciiLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
char Upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }

bool AllLetters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), IsAsciiLetter);
}

// A word split into leading punctuation, letters, trailing punctuation.
struct Word {
  std::string lead, core, trail;
};
Word Split(const std::string& w) {
  std::size_t b = 0, e = w.size();
  while (b < e && !IsAsciiLetter(w[b]) && static_cast<unsigned char>(w[b]) < 0x80) ++b;
  while (e > b && !IsAsciiLetter(w[e - 1]) && static_cast<unsigned char>(w[e - 1]) < 0x80) --e;
  return {w.substr(0, b), w.substr(b, e - b), w.substr(e)};
}

// `lower` written in the case style of `model` (ALL CAPS, Title, lower).
std::string Recase(std::string lower, std::string_view model) {
  const bool all_upper = model.size() > 1 && std::all_of(model.begin(), model.end(), [](char c) {
                           return !IsAsciiLetter(c) || IsUpper(c);
                         });
  if (all_upper) {
    std::transform(lower.begin(), lower.end(), lower.begin(), Upper);
  } else if (!model.empty() && IsUpper(model[0]) && !lower.empty()) {
    lower[0] = Upper(lower[0]);
  }
  return lower;
}

std::optional<std::string> IfChanged(std::string_view before, const std::string& after) {
  if (after.empty() || after == before) return std::nullopt;
  return after;
}

bool RuleFits(const PhoneticRule& r, const std::string& w, std::size_t at) {
  if (w.compare(at, r.from.size(), r.from) != 0) return false;
  const bool start = at == 0, end = at + r.from.size() == w.size();
  if (r.where == "start") return start;
  if (r.where == "end") return end && !start;
  if (r.where == "mid") return !start && !end;
  return true;
}

// One word written by ear with one language's rules, left to right, so a
// rule's output is never rewritten by another.
std::string ByEar(const std::string& lower, const std::vector<const PhoneticRule*>& rules) {
  std::string out;
  for (std::size_t at = 0; at < lower.size();) {
    const PhoneticRule* hit = nullptr;
    for (const PhoneticRule* r : rules) {
      if (RuleFits(*r, lower, at) && (!hit || r->from.size() > hit->from.size())) hit = r;
    }
    if (hit) {
      out += hit->to;
      at += hit->from.size();
    } else {
      out += lower[at++];
    }
  }
  return out;
}

// QWERTY neighbours of a lower-case letter.
std::string Neighbours(char c) {
  static const std::string_view kRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  std::string out;
  for (int r = 0; r < 3; ++r) {
    const std::size_t i = kRows[r].find(c);
    if (i == std::string_view::npos) continue;
    if (i > 0) out += kRows[r][i - 1];
    if (i + 1 < kRows[r].size()) out += kRows[r][i + 1];
    if (r > 0) {
      if (i < kRows[r - 1].size()) out += kRows[r - 1][i];
      if (i + 1 < kRows[r - 1].size()) out += kRows[r - 1][i + 1];
    }
    if (r < 2) {
      if (i > 0 && i - 1 < kRows[r + 1].size()) out += kRows[r + 1][i - 1];
      if (i < kRows[r + 1].size()) out += kRows[r + 1][i];
    }
  }
  return out;
}

char LikeCase(char c, char model) { return IsUpper(model) ? Upper(c) : Lower(c); }

// Words of 3+ ASCII letters, by index.
std::vector<std::size_t> LetterWords(const std::vector<std::string>& words, std::size_t min) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (Split(words[i]).core.size() >= min && AllLetters(Split(words[i]).core)) out.push_back(i);
  }
  return out;
}

}  // namespace

Result<std::vector<PhoneticRule>> LoadPhoneticRules(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) return Err(Status::NotFound("cannot open phonetic table").InFile(tsv.string()));
  std::vector<PhoneticRule> rules;
  std::string line;
  for (std::int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    PhoneticRule r;
    std::vector<std::string*> fields = {&r.language, &r.from, &r.to, &r.where};
    std::size_t start = 0, k = 0;
    for (; k < fields.size() && start <= line.size(); ++k) {
      const std::size_t tab = line.find('\t', start);
      *fields[k] = line.substr(start, tab - start);
      start = tab == std::string::npos ? line.size() + 1 : tab + 1;
    }
    const bool where_ok =
        r.where == "any" || r.where == "start" || r.where == "end" || r.where == "mid";
    if (k != 4 || r.from.empty() || !where_ok) {
      return Err(Status::ParseError("expected language<TAB>from<TAB>to<TAB>any|start|end|mid")
                     .InFile(tsv.string())
                     .AtLine(line_no));
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

std::optional<std::string> PhoneticVariant(std::string_view name,
                                           const std::vector<PhoneticRule>& rules, Rng& rng,
                                           std::string& note) {
  std::vector<std::string> languages;
  for (const PhoneticRule& r : rules) {
    if (std::find(languages.begin(), languages.end(), r.language) == languages.end())
      languages.push_back(r.language);
  }
  rng.Shuffle(languages);
  const std::vector<std::string> words = SplitWords(name);
  for (const std::string& language : languages) {
    std::vector<const PhoneticRule*> mine;
    for (const PhoneticRule& r : rules) {
      if (r.language == language) mine.push_back(&r);
    }
    std::vector<std::string> out = words;
    for (std::string& w : out) {
      Word parts = Split(w);
      if (!AllLetters(parts.core)) continue;
      std::string lower = parts.core;
      std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
      w = parts.lead + Recase(ByEar(lower, mine), parts.core) + parts.trail;
    }
    if (auto q = IfChanged(name, JoinWords(out))) {
      note = "clerk:" + language;
      return q;
    }
  }
  return std::nullopt;
}

std::optional<std::string> KeyboardVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> eligible = LetterWords(words, 3);
  if (words.size() < 2 || eligible.empty()) return std::nullopt;
  const std::size_t wi = rng.Pick(eligible);
  Word w = Split(words[wi]);
  std::string& core = w.core;
  const std::size_t at = rng.Below(core.size());
  const std::string near = Neighbours(Lower(core[at]));
  switch (rng.Below(5)) {
    case 0:  // the neighbouring key instead
      note = "adjacent-key";
      core[at] = LikeCase(near[rng.Below(near.size())], core[at]);
      break;
    case 1:  // the neighbouring key as well (a fat finger)
      note = "fat-finger";
      core.insert(at + rng.Below(2), 1, LikeCase(near[rng.Below(near.size())], core[at]));
      break;
    case 2:  // two letters typed in the wrong order
      note = "transposed";
      if (at + 1 < core.size())
        std::swap(core[at], core[at + 1]);
      else
        std::swap(core[at - 1], core[at]);
      break;
    case 3:  // the key bounced
      note = "repeated-key";
      core.insert(at, 1, core[at]);
      break;
    default: {  // the space bar a letter early or late
      note = "space-slip";
      if (wi + 1 >= words.size() || !AllLetters(Split(words[wi + 1]).core)) return std::nullopt;
      Word next = Split(words[wi + 1]);
      if (!w.trail.empty() || !next.lead.empty() || core.size() < 4) return std::nullopt;
      if (rng.Chance(0.5)) {
        next.core.insert(next.core.begin(), core.back());
        core.pop_back();
      } else {
        core.push_back(next.core.front());
        next.core.erase(next.core.begin());
      }
      words[wi + 1] = next.lead + next.core + next.trail;
    }
  }
  words[wi] = w.lead + core + w.trail;
  return IfChanged(name, JoinWords(words));
}

std::optional<std::string> OcrVariant(std::string_view name, Rng& rng, std::string& note) {
  // Shapes a scanner confuses; letters compared in lower case.
  static const std::pair<std::string_view, std::string_view> kConfusions[] = {
      {"rn", "m"}, {"m", "rn"}, {"cl", "d"}, {"d", "cl"}, {"o", "0"}, {"l", "1"},
      {"i", "l"},  {"l", "i"},  {"s", "5"},  {"b", "8"},  {"e", "c"}, {"w", "vv"},
      {"h", "li"}, {"g", "q"},  {"u", "ii"}, {"n", "ri"}};
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> eligible = LetterWords(words, 4);
  if (eligible.empty()) return std::nullopt;
  const std::size_t wi = rng.Pick(eligible);
  Word w = Split(words[wi]);
  std::string lower = w.core;
  std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
  std::vector<std::pair<std::size_t, std::size_t>> spots;  // position, confusion
  for (std::size_t k = 0; k < std::size(kConfusions); ++k) {
    for (std::size_t at = lower.find(kConfusions[k].first); at != std::string::npos;
         at = lower.find(kConfusions[k].first, at + 1)) {
      spots.emplace_back(at, k);
    }
  }
  if (spots.empty()) return std::nullopt;
  const auto [at, k] = rng.Pick(spots);
  std::string to(kConfusions[k].second);
  for (char& c : to) c = LikeCase(c, w.core[at]);
  note = std::string(kConfusions[k].first) + ">" + std::string(kConfusions[k].second);
  w.core.replace(at, kConfusions[k].first.size(), to);
  words[wi] = w.lead + w.core + w.trail;
  return IfChanged(name, JoinWords(words));
}

std::optional<std::string> AllInitialsVariant(const GivenFamily& person, Rng& rng,
                                              std::string& note) {
  std::string letters;
  for (const std::string& g : person.given) {
    for (const std::string& part : SplitWords(FoldNameUtf8(g))) {
      if (!part.empty() && IsAsciiLetter(part[0])) letters += Upper(part[0]);
    }
  }
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  std::string dotted, tight;
  for (char c : letters) {
    dotted += std::string(dotted.empty() ? "" : " ") + c + ".";
    tight += std::string(1, c) + ".";
  }
  std::string family = JoinWords(person.family);
  const std::string upper = AsciiUpper(family), title = Recase(AsciiLower(family), "Xx");
  const std::vector<std::pair<std::string, std::string>> forms = {
      {dotted + " " + upper, "I. I. FAMILY"},
      {tight + " " + title, "I.I. Family"},
      {letters + " " + upper, "II FAMILY"},
      {title + ", " + dotted, "Family, I. I."},
      {upper + " " + letters, "FAMILY II"}};
  const auto& [query, form] = rng.Pick(forms);
  note = form;
  return query;
}

std::optional<std::string> EastAsianVariant(const GivenFamily& person, Rng& rng,
                                            std::string& note) {
  if (person.family.size() != 1 || person.given.empty() || person.given.size() > 2)
    return std::nullopt;
  std::vector<std::string> syllables;
  for (const std::string& g : person.given) {
    std::string folded = g;
    std::replace(folded.begin(), folded.end(), '-', ' ');
    for (const std::string& s : SplitWords(folded)) syllables.push_back(AsciiLower(s));
  }
  if (syllables.empty() || syllables.size() > 2) return std::nullopt;
  for (const std::string& s : syllables) {
    if (!AllLetters(s) || s.size() > 6) return std::nullopt;
  }
  std::vector<std::string> givens;
  const std::string joined = syllables.size() == 2 ? syllables[0] + syllables[1] : syllables[0];
  givens.push_back(Recase(joined, "Xx"));
  if (syllables.size() == 2) {
    givens.push_back(Recase(syllables[0], "Xx") + "-" + syllables[1]);
    givens.push_back(Recase(syllables[0], "Xx") + " " + Recase(syllables[1], "Xx"));
  }
  const std::string family = Recase(AsciiLower(person.family[0]), "Xx");
  const std::size_t g = rng.Below(givens.size());
  const bool family_first = rng.Chance(0.5);
  note = std::string(family_first ? "family-first" : "family-last") + (g == 0   ? ",joined"
                                                                       : g == 1 ? ",hyphen"
                                                                                : ",spaced");
  return family_first ? family + " " + givens[g] : givens[g] + " " + family;
}

std::optional<std::string> VesselVariant(std::string_view name, std::string_view imo, Rng& rng,
                                         std::string& note) {
  static const std::vector<std::string> kPrefixes = {"M/V", "MV",     "M.V.",       "MT",
                                                     "M/T", "Tanker", "OIL TANKER", "Vessel"};
  std::string query = std::string(name);
  const std::size_t how = rng.Below(imo.empty() ? 1 : 3);
  const std::string& prefix = rng.Pick(kPrefixes);
  note = prefix;
  if (how != 2) query = prefix + " " + query;
  if (how == 1) {
    query += " (IMO " + std::string(imo) + ")";
    note += ",(IMO n)";
  } else if (how == 2) {
    query = "IMO" + std::string(imo) + " " + query;
    note = "IMOn name";
  }
  return query;
}

}  // namespace interdict::eval
