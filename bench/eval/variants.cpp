#include "variants.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "name_text.h"

namespace interdict::eval {
namespace {

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

bool AllAsciiLetters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsAlpha);
}

// A word split into punctuation around its letters: `"(CST),"` is
// lead `"(`, core `CST`, trail `),"`.
struct Word {
  std::string lead, core, trail;
  std::string Text() const { return lead + core + trail; }
};

Word SplitWord(std::string_view w) {
  auto keep = [](char c) { return IsAlnum(c) || static_cast<unsigned char>(c) >= 0x80; };
  std::size_t b = 0, e = w.size();
  while (b < e && !keep(w[b])) ++b;
  while (e > b && !keep(w[e - 1])) --e;
  return {std::string(w.substr(0, b)), std::string(w.substr(b, e - b)), std::string(w.substr(e))};
}

bool IsParticle(std::string_view core) {
  static const std::vector<std::string> kParticles = {
      "al",  "el",  "bin", "ben", "ibn", "abu", "abd", "bint", "de", "del", "la",  "da",
      "van", "von", "der", "den", "mc",  "mac", "ul",  "ur",   "ad", "as",  "ash", "at"};
  std::string lower = AsciiLower(core);
  return std::find(kParticles.begin(), kParticles.end(), lower) != kParticles.end();
}

// Splits "FAMILY, Given Middle" at its first comma; nullopt without one.
struct CommaName {
  std::vector<std::string> family, given;
};
std::optional<CommaName> SplitAtComma(std::string_view name) {
  std::size_t comma = name.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  CommaName parts{SplitWords(name.substr(0, comma)), SplitWords(name.substr(comma + 1))};
  if (parts.family.empty() || parts.given.empty()) return std::nullopt;
  return parts;
}

std::string JoinComma(const CommaName& n) {
  return JoinWords(n.family) + ", " + JoinWords(n.given);
}

// Honorifics and generational suffixes: "Haji" in "NAWAY, Haji Ali" is not
// a given name, so dropping "Ali" would leave no given name at all.
bool IsTitleOrSuffix(std::string_view core) {
  static const std::vector<std::string> kTitles = {
      "haji",    "hadji", "hajji",  "alhaj",  "alhaji", "mullah", "mulla",  "maulvi", "mawlawi",
      "maulana", "qari",  "sheikh", "shaikh", "shaykh", "sayed",  "sayyid", "seyed",  "syed",
      "dr",      "mr",    "mrs",    "jr",     "sr",     "ii",     "iii",    "iv"};
  return std::find(kTitles.begin(), kTitles.end(), AsciiLower(core)) != kTitles.end();
}

// The first word of a compound Arabic given name or kunya: the next word
// belongs to it ("Abdul Rahman", "Abu Bakr", "Umm Kulthum"), so dropping or
// abbreviating that word alone gives a name nobody bears.
bool StartsCompound(std::string_view core) {
  static const std::vector<std::string> kPrefixes = {"abd",   "abdul", "abdel", "abdol",
                                                     "abdur", "abdu",  "umm",   "um"};
  const std::string lower = AsciiLower(core);
  return IsParticle(lower) ||
         std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end();
}

// Words whose removal or abbreviation keeps a recognisable name: indexes in
// [begin, end) of real words (not particles such as "al" or "bin", titles,
// or the second word of a compound given name).
std::vector<std::size_t> NameWordIndexes(const std::vector<std::string>& words, std::size_t begin,
                                         std::size_t end) {
  std::vector<std::size_t> out;
  for (std::size_t i = begin; i < end && i < words.size(); ++i) {
    Word w = SplitWord(words[i]);
    if (w.core.size() < 3 || !AllAsciiLetters(w.core) || IsParticle(w.core) ||
        IsTitleOrSuffix(w.core) || StartsCompound(w.core)) {
      continue;
    }
    if (i > 0 && StartsCompound(SplitWord(words[i - 1]).core)) continue;
    out.push_back(i);
  }
  return out;
}

// Given names that are neither the first real given name nor the family
// name (the last word before any suffix: "Hilarion SANTOS III").
std::vector<std::size_t> MiddleIndexes(const std::vector<std::string>& words) {
  std::size_t last = words.size();
  while (last > 0 && IsTitleOrSuffix(SplitWord(words[last - 1]).core)) --last;
  if (last < 3) return {};
  std::vector<std::size_t> real = NameWordIndexes(words, 0, last - 1);
  if (!real.empty()) real.erase(real.begin());
  return real;
}

char KeyboardNeighbour(char c, Rng& rng) {
  static constexpr std::string_view kRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
  char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view row : kRows) {
    std::size_t at = row.find(lower);
    if (at == std::string_view::npos) continue;
    std::string options;
    if (at > 0) options.push_back(row[at - 1]);
    if (at + 1 < row.size()) options.push_back(row[at + 1]);
    char out = options[rng.Below(options.size())];
    return std::isupper(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(out)) : out;
  }
  return c;
}

std::optional<std::string> Changed(std::string_view original, std::string candidate) {
  if (candidate.empty() || candidate == original) return std::nullopt;
  return candidate;
}

// The legal forms we recognise and produce, one group per meaning. Written
// for this evaluation, independently of the engine's own tables.
const std::vector<std::vector<std::string>>& LegalForms() {
  static const std::vector<std::vector<std::string>> kForms = {
      {"LLC", "L.L.C.", "Limited Liability Company", "OOO"},
      {"LTD", "LTD.", "LIMITED", "CO., LTD.", "COMPANY LIMITED"},
      {"JSC", "Joint Stock Company", "OJSC", "CJSC", "PJSC", "AO", "OAO", "ZAO", "PAO"},
      {"INC", "INC.", "INCORPORATED", "CORP", "CORP.", "CORPORATION"},
      {"CO", "CO.", "COMPANY"},
      {"S.A.", "SA", "S.A. DE C.V.", "SOCIEDAD ANONIMA", "S.A.S.", "SAS"},
      {"GMBH", "AG"},
      {"FZE", "FZCO", "FZ-LLC"},
      {"PLC", "LLP"},
      {"PTE LTD", "PVT LTD", "SDN BHD"},
      {"SARL", "SRL", "LTDA", "LTDA.", "BV", "B.V."},
  };
  return kForms;
}

// A legal-form key: upper case without dots, commas or spaces.
std::string FormKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAlnum(c)) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

// How many trailing (or, with `leading`, leading) words of `words` spell a
// legal form; 0 when none does.
std::size_t LegalFormWords(const std::vector<std::string>& words, bool leading) {
  for (std::size_t n = std::min<std::size_t>(4, words.size() - 1); n >= 1; --n) {
    std::vector<std::string> part(leading ? words.begin() : words.end() - n,
                                  leading ? words.begin() + n : words.end());
    std::string key = FormKey(JoinWords(part));
    for (const auto& group : LegalForms()) {
      for (const std::string& form : group) {
        if (FormKey(form) == key) return n;
      }
    }
  }
  return 0;
}

// Government bodies, armed groups and charities carry no legal form, so we
// add one only to names with a commercial word and no official one.
bool LooksLikeBusiness(const std::vector<std::string>& words) {
  static const std::vector<std::string> kNonBusiness = {
      "state",         "general",    "ministry",   "organization", "organisation", "islamic",
      "front",         "army",       "brigade",    "brigades",     "committee",    "directorate",
      "establishment", "foundation", "movement",   "party",        "council",      "network",
      "battalion",     "institute",  "university", "republic",     "government",   "department",
      "charity",       "relief",     "society",    "association",  "jihad",        "mujahidin"};
  static const std::vector<std::string> kBusiness = {
      "trading",       "trade",       "industries",     "industrial",   "import",
      "export",        "shipping",    "bank",           "airlines",     "air",
      "holding",       "holdings",    "international",  "enterprises",  "enterprise",
      "services",      "engineering", "technology",     "technologies", "petroleum",
      "oil",           "gas",         "investment",     "investments",  "construction",
      "manufacturing", "commercial",  "logistics",      "electronics",  "systems",
      "marine",        "maritime",    "exchange",       "textile",      "textiles",
      "chemical",      "chemicals",   "pharmaceutical", "tankers",      "energy",
      "development",   "metals",      "mining",         "steel",        "aviation",
      "transport",     "tourism",     "import-export"};
  if (words.size() > 5) return false;
  bool business = false;
  for (const std::string& w : words) {
    std::string lower = AsciiLower(SplitWord(w).core);
    if (w.find('(') != std::string::npos ||
        std::find(kNonBusiness.begin(), kNonBusiness.end(), lower) != kNonBusiness.end()) {
      return false;
    }
    business |= std::find(kBusiness.begin(), kBusiness.end(), lower) != kBusiness.end();
  }
  return business;
}

}  // namespace

std::uint64_t Rng::Next() {  // splitmix64
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Result<RomanisationRules> LoadRomanisationRules(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  if (!in) return Err(Status::NotFound("cannot open romanisation rules").InFile(tsv.string()));
  RomanisationRules rules;
  std::string line;
  for (std::int64_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) {
      fields.push_back(line.substr(start, tab - start));
    }
    fields.push_back(line.substr(start));
    if (fields[0] == "group" && fields.size() == 2 && SplitWords(fields[1]).size() >= 2) {
      rules.groups.push_back(SplitWords(AsciiLower(fields[1])));
    } else if (fields[0] == "infix" && fields.size() == 3 && !fields[1].empty()) {
      rules.infixes.emplace_back(fields[1], fields[2]);
    } else {
      return Err(Status::ParseError("expected 'group<TAB>words' or 'infix<TAB>from<TAB>to'")
                     .InFile(tsv.string())
                     .AtLine(line_no));
    }
  }
  if (rules.groups.empty() || rules.infixes.empty()) {
    return Err(Status::ParseError("no rules found").InFile(tsv.string()));
  }
  return rules;
}

std::optional<std::string> RomanisationVariant(std::string_view name, bool is_person,
                                               const RomanisationRules& rules, Rng& rng) {
  std::vector<std::string> words = SplitWords(name);
  struct Change {
    std::size_t word;
    std::string core;
  };
  std::vector<Change> whole, infix;
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word w = SplitWord(words[i]);
    std::string lower = AsciiLower(w.core);
    for (const auto& group : rules.groups) {
      if (std::find(group.begin(), group.end(), lower) == group.end()) continue;
      for (const std::string& other : group) {
        if (other != lower) whole.push_back({i, MatchCase(other, w.core)});
      }
    }
    if (!is_person || !AllAsciiLetters(w.core) || w.core.size() < 3) continue;
    for (const auto& [from, to] : rules.infixes) {
      for (std::size_t at = lower.find(from); at != std::string::npos;
           at = lower.find(from, at + 1)) {
        std::string core = lower;
        core.replace(at, from.size(), to);
        infix.push_back({i, MatchCase(core, w.core)});
      }
    }
  }
  if (whole.empty() && infix.empty()) return std::nullopt;
  const std::vector<Change>& pool =
      infix.empty() || (!whole.empty() && rng.Chance(0.6)) ? whole : infix;
  const Change& change = rng.Pick(pool);
  Word w = SplitWord(words[change.word]);
  words[change.word] = w.lead + change.core + w.trail;
  return Changed(name, JoinWords(words));
}

std::optional<std::string> TypoVariant(std::string_view name, Rng& rng) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> eligible;
  for (std::size_t i = 0; i < words.size(); ++i) {
    Word w = SplitWord(words[i]);
    if (w.core.size() >= 5 && AllAsciiLetters(w.core)) eligible.push_back(i);
  }
  if (eligible.empty()) return std::nullopt;
  std::size_t index = rng.Pick(eligible);
  Word w = SplitWord(words[index]);
  std::string& s = w.core;
  std::size_t at = 1 + rng.Below(s.size() - 1);  // never the first letter
  switch (rng.Below(4)) {
    case 0:
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), KeyboardNeighbour(s[at], rng));
      break;
    case 1:
      s.erase(at, 1);
      break;
    case 2:
      s[at] = KeyboardNeighbour(s[at], rng);
      break;
    default:
      if (at + 1 >= s.size()) at = s.size() - 2;
      if (s[at] == s[at + 1]) return std::nullopt;
      std::swap(s[at], s[at + 1]);
  }
  words[index] = w.Text();
  return Changed(name, JoinWords(words));
}

std::optional<std::string> ReorderVariant(std::string_view name, Rng& rng) {
  if (auto comma = SplitAtComma(name)) {
    std::vector<std::string> words = comma->given;
    words.insert(words.end(), comma->family.begin(), comma->family.end());
    return Changed(name, JoinWords(words));
  }
  std::vector<std::string> words = SplitWords(name);
  if (words.size() < 2) return std::nullopt;
  if (words.size() == 2 || rng.Chance(0.5)) {
    std::rotate(words.rbegin(), words.rbegin() + 1, words.rend());  // last word first
  } else {
    std::size_t at = rng.Below(words.size() - 1);
    std::swap(words[at], words[at + 1]);
  }
  return Changed(name, JoinWords(words));
}

std::optional<std::string> DroppedMiddleVariant(std::string_view name, Rng& rng) {
  if (auto comma = SplitAtComma(name)) {
    // "FAMILY, Given Middle": every real given word after the first is a
    // middle name (titles such as "Haji" are not the first).
    std::vector<std::size_t> middles = NameWordIndexes(comma->given, 0, comma->given.size());
    if (middles.size() < 2) return std::nullopt;
    middles.erase(middles.begin());
    comma->given.erase(comma->given.begin() + static_cast<std::ptrdiff_t>(rng.Pick(middles)));
    return Changed(name, JoinComma(*comma));
  }
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> middles = MiddleIndexes(words);
  if (middles.empty()) return std::nullopt;
  words.erase(words.begin() + static_cast<std::ptrdiff_t>(rng.Pick(middles)));
  return Changed(name, JoinWords(words));
}

std::optional<std::string> InitialsVariant(std::string_view name, Rng& rng) {
  auto initial = [](const std::string& word) {
    Word w = SplitWord(word);
    return std::string(1, w.core[0]) + "." + w.trail;
  };
  if (auto comma = SplitAtComma(name)) {
    if (comma->family.size() + comma->given.size() < 3) return std::nullopt;
    std::vector<std::size_t> eligible = NameWordIndexes(comma->given, 0, comma->given.size());
    if (eligible.empty()) return std::nullopt;
    std::size_t index = rng.Pick(eligible);
    comma->given[index] = initial(comma->given[index]);
    return Changed(name, JoinComma(*comma));
  }
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::size_t> middles = MiddleIndexes(words);
  if (middles.empty()) return std::nullopt;
  std::size_t index = rng.Pick(middles);
  words[index] = initial(words[index]);
  return Changed(name, JoinWords(words));
}

std::optional<std::string> SpacingVariant(std::string_view name, Rng& rng) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::string> options;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    std::size_t hyphen = w.find('-');
    if (hyphen != std::string::npos && hyphen > 0 && hyphen + 1 < w.size()) {
      std::vector<std::string> split = words, merged = words;
      split[i] = w.substr(0, hyphen) + " " + w.substr(hyphen + 1);
      merged[i] = w.substr(0, hyphen) + w.substr(hyphen + 1);
      options.push_back(JoinWords(split));
      options.push_back(JoinWords(merged));
    }
    Word core = SplitWord(w);
    if (core.core.size() >= 8 && AllAsciiLetters(core.core)) {
      std::size_t at = 3 + rng.Below(core.core.size() - 5);
      std::vector<std::string> split = words;
      split[i] = core.lead + core.core.substr(0, at) + " " + core.core.substr(at) + core.trail;
      options.push_back(JoinWords(split));
    }
    if (i + 1 < words.size() && IsAlnum(w.back()) && IsAlnum(words[i + 1].front())) {
      std::vector<std::string> merged = words, hyphened = words;
      merged[i] += merged[i + 1];
      merged.erase(merged.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      options.push_back(JoinWords(merged));
      if (IsParticle(w)) {
        hyphened[i] += "-" + hyphened[i + 1];
        hyphened.erase(hyphened.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        options.push_back(JoinWords(hyphened));
      }
    }
  }
  if (options.empty()) return std::nullopt;
  return Changed(name, rng.Pick(options));
}

std::optional<std::string> LegalFormVariant(std::string_view name, Rng& rng) {
  std::vector<std::string> words = SplitWords(name);
  if (words.empty()) return std::nullopt;
  bool leading = false;
  std::size_t n = words.size() > 1 ? LegalFormWords(words, false) : 0;
  if (n == 0 && words.size() > 1) {
    n = LegalFormWords(words, true);
    leading = n > 0;
  }
  auto rest = [&]() {
    return leading ? std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(n),
                                              words.end())
                   : std::vector<std::string>(words.begin(),
                                              words.end() - static_cast<std::ptrdiff_t>(n));
  };
  const auto& forms = LegalForms();
  std::string form = rng.Pick(rng.Pick(forms));
  if (AsciiUpper(name) == name) form = AsciiUpper(form);
  if (n == 0) {  // no legal form: add one, if the name looks like a business
    if (!LooksLikeBusiness(words)) return std::nullopt;
    return Changed(name, std::string(name) + (rng.Chance(0.3) ? ", " : " ") + form);
  }
  std::vector<std::string> kept = rest();
  std::string body = JoinWords(kept);
  if (!body.empty() && body.back() == ',') body.pop_back();
  std::size_t letters = std::count_if(body.begin(), body.end(), IsAlpha);
  if (letters >= 4 && rng.Chance(0.5)) return Changed(name, body);  // drop it
  return Changed(name, leading ? form + " " + body : body + " " + form);
}

std::optional<std::string> CasePunctVariant(std::string_view name, Rng& rng) {
  std::string out(name);
  bool strip = rng.Chance(0.5);
  if (strip) {
    std::string stripped;
    for (char c : out) {
      if (std::string_view(".,;:'\"()").find(c) == std::string_view::npos) stripped.push_back(c);
    }
    out = JoinWords(SplitWords(stripped));
  }
  if (!strip || rng.Chance(0.5)) {
    switch (rng.Below(3)) {
      case 0:
        out = AsciiLower(out);
        break;
      case 1:
        out = AsciiUpper(out);
        break;
      default: {
        std::vector<std::string> words = SplitWords(out);
        for (std::string& w : words) w = MatchCase(w, "Xx");
        out = JoinWords(words);
      }
    }
  }
  return Changed(name, out);
}

}  // namespace interdict::eval
