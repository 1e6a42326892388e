#include "text/prepared.h"

#include <algorithm>
#include <unordered_set>

#include "text/normalize.h"
#include "text/phonetic.h"

namespace interdict::embedded {
extern const std::string_view names_common_names_tsv;
}  // namespace interdict::embedded

namespace interdict::text {
namespace {

// data/names/common_names.tsv: the names of each part, normalised, and the
// variant groups of those that have one.
struct CommonNames {
  std::unordered_set<std::string> given, family;
  std::unordered_set<std::uint32_t> given_groups, family_groups;

  static const CommonNames& Get() {
    static const CommonNames* table = new CommonNames(embedded::names_common_names_tsv);
    return *table;
  }

  explicit CommonNames(std::string_view tsv) {
    const NameTables& tables = NameTables::Get();
    while (!tsv.empty()) {
      const std::size_t end = tsv.find('\n');
      const std::string_view line = tsv.substr(0, end);
      tsv.remove_prefix(end == std::string_view::npos ? tsv.size() : end + 1);
      const std::size_t tab = line.find('\t');
      if (line.empty() || line.front() == '#' || tab == std::string_view::npos) continue;
      const bool is_given = line.substr(0, tab) == "given";
      for (const std::string& name : NormalizeTokens(line.substr(tab + 1))) {
        (is_given ? given : family).insert(name);
        if (const std::uint32_t g = tables.VariantGroup(name); g != 0) {
          (is_given ? given_groups : family_groups).insert(g);
        }
      }
    }
  }

  bool Has(const std::string& token, bool is_given) const {
    const auto& names = is_given ? given : family;
    const auto& groups = is_given ? given_groups : family_groups;
    if (names.count(token) > 0) return true;
    const std::uint32_t g = NameTables::Get().VariantGroup(token);
    return g != 0 && groups.count(g) > 0;
  }
};

std::vector<std::string_view> SpaceWords(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t begin = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > begin) words.push_back(s.substr(begin, i - begin));
  }
  return words;
}

// Two or more letters, all capitals: "WAZIR", "AL-TIKRITI", not "B." or "Al".
bool IsUpperWord(std::string_view w) {
  int upper = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    upper += (c >= 'A' && c <= 'Z') ? 1 : 0;
  }
  return upper >= 2;
}

bool HasLower(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string_view Span(std::string_view s, std::string_view first, std::string_view last) {
  return s.substr(static_cast<std::size_t>(first.data() - s.data()),
                  static_cast<std::size_t>(last.data() + last.size() - first.data()));
}

enum class Side { kNone, kFront, kBack };

// Where `family` sits in `tokens`: heading or ending it, leaving a given part.
Side Place(const std::vector<std::string>& tokens, const std::vector<std::string>& family,
           bool front_first) {
  if (family.empty() || family.size() >= tokens.size()) return Side::kNone;
  const bool front = std::equal(family.begin(), family.end(), tokens.begin());
  const bool back = std::equal(family.rbegin(), family.rend(), tokens.rbegin());
  if (front && (front_first || !back)) return Side::kFront;
  return back ? Side::kBack : Side::kNone;
}

// The family name's place and token count, by the first rule that applies
// (see PersonNameRoles).
std::pair<Side, std::size_t> FindFamily(std::string_view full, std::string_view family,
                                        const std::vector<std::string>& tokens) {
  auto place = [&](std::string_view text, bool front_first) {
    const std::vector<std::string> f = CanonicalTokens(text);
    return std::make_pair(Place(tokens, f, front_first), f.size());
  };
  if (const std::size_t comma = full.find(','); comma != std::string_view::npos) {
    const auto found = place(full.substr(0, comma), true);
    return found.first == Side::kFront ? found : std::make_pair(Side::kNone, std::size_t{0});
  }
  if (!family.empty()) {
    if (const auto found = place(family, false); found.first != Side::kNone) return found;
  }
  const std::vector<std::string_view> words = SpaceWords(full);
  if (words.size() < 2) return {Side::kNone, 0};
  // Upper-case family words after mixed-case given ones, or before them.
  std::size_t tail = 0, head = 0;
  while (tail < words.size() && IsUpperWord(words[words.size() - 1 - tail])) ++tail;
  while (head < words.size() && IsUpperWord(words[head])) ++head;
  const bool mixed = std::any_of(words.begin(), words.end(), HasLower);
  if (mixed && tail > 0 && tail < words.size()) {
    return place(Span(full, words[words.size() - tail], words.back()), false);
  }
  if (mixed && head > 0 && head < words.size()) {
    return place(Span(full, words.front(), words[head - 1]), true);
  }
  // The last word, with an article or particle word before it.
  std::size_t first = words.size() - 1;
  if (first >= 2) {
    const std::vector<std::string> before = CanonicalTokens(words[first - 1]);
    const NameTables& tables = NameTables::Get();
    if (!before.empty() && std::all_of(before.begin(), before.end(), [&](const std::string& t) {
          return tables.Classify(t) == TokenClass::kParticle;
        })) {
      --first;
    }
  }
  return place(Span(full, words[first], words.back()), false);
}

// The token index after each space-separated word of `full`, when its words
// tokenise to `tokens` one by one (empty when phrases merged across words).
std::vector<std::size_t> WordEnds(std::string_view full, const std::vector<std::string>& tokens) {
  std::vector<std::size_t> ends;
  std::size_t at = 0;
  for (std::string_view word : SpaceWords(full)) {
    for (const std::string& t : CanonicalTokens(word)) {
      if (at == tokens.size() || tokens[at] != t) return {};
      ++at;
    }
    if (ends.empty() || ends.back() != at) ends.push_back(at);
  }
  if (at != tokens.size()) return {};
  return ends;
}

// The end of the word holding token `k`; k + 1 when words are unknown.
std::size_t WordEndAfter(const std::vector<std::size_t>& word_ends, std::size_t k) {
  for (std::size_t end : word_ends) {
    if (end > k) return end;
  }
  return k + 1;
}
}  // namespace

PreparedToken PrepareToken(std::string_view normalized, bool transliterated, bool abjad) {
  PreparedToken t;
  t.text = std::string(normalized);
  t.transliterated = transliterated;
  t.abjad = abjad;
  bool has_digit = false;
  for (char c : t.text) has_digit |= (c >= '0' && c <= '9');
  const NameTables& tables = NameTables::Get();
  // A word with a digit or two that a scanner or a typist put for a letter
  // ("v1adimirovna", "gazpr0m", "ha8ib"): three letters or more, and every
  // digit one that looks like a letter, is that word.
  if (has_digit) {
    std::size_t letters = 0, digits = 0;
    bool lookalike = true;
    for (char c : t.text) {
      if (c >= 'a' && c <= 'z') ++letters;
      if (c >= '0' && c <= '9') {
        ++digits;
        lookalike = lookalike && (c == '0' || c == '1' || c == '5' || c == '8');
      }
    }
    if (lookalike && letters >= 3 && digits <= 2) {
      for (char& c : t.text) {
        c = c == '0' ? 'o' : c == '1' ? 'l' : c == '5' ? 's' : c == '8' ? 'b' : c;
      }
      has_digit = false;
    }
  }
  if (has_digit) {
    t.cls = TokenClass::kNumber;
    return t;  // numbers and codes match exactly: no fuzzy keys
  }
  t.cls = tables.Classify(t.text);
  t.variant_group = tables.VariantGroup(t.text);
  SoundKeys(t.text, t.phonetic, t.skeleton);
  return t;
}

std::vector<std::string> CanonicalTokens(std::string_view utf8) {
  std::vector<std::string> tokens = NormalizeTokens(utf8);
  NameTables::Get().Canonicalize(tokens);
  return tokens;
}

PreparedName PrepareName(std::string_view utf8) {
  PreparedName name;
  const ScriptInfo scripts = DetectScripts(utf8);
  name.transliterated = scripts.non_latin;
  name.abjad = scripts.abjad;
  for (const std::string& token : CanonicalTokens(utf8)) {
    name.tokens.push_back(PrepareToken(token, scripts.non_latin, scripts.abjad));
  }
  return name;
}

std::vector<NameRole> PersonNameRoles(std::string_view full, std::string_view family,
                                      const std::vector<std::string>& tokens) {
  if (tokens.size() < 3 || tokens.size() > kMaxTokens) return {};
  const auto [side, count] = FindFamily(full, family, tokens);
  if (side == Side::kNone) return {};
  std::vector<NameRole> roles(tokens.size(), NameRole::kMiddle);
  const std::size_t given_begin = side == Side::kFront ? count : 0;
  const std::size_t given_end = side == Side::kFront ? tokens.size() : tokens.size() - count;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    if (k < given_begin || k >= given_end) roles[k] = NameRole::kFamily;
  }
  // The first given name skips titles ("Sayyed Mohammad"); a particle opens
  // a compound with the word after it ("Abu Bakr", "Abdul Rahman"); a word
  // written joined stays whole ("Saif-al-Din").
  const NameTables& tables = NameTables::Get();
  std::size_t first = given_begin;
  while (first < given_end && tables.Classify(tokens[first]) != TokenClass::kName &&
         tables.Classify(tokens[first]) != TokenClass::kParticle) {
    ++first;
  }
  if (first == given_end) return {};
  const std::vector<std::size_t> word_ends = WordEnds(full, tokens);
  std::size_t end = WordEndAfter(word_ends, first);
  if (tables.Classify(tokens[end - 1]) == TokenClass::kParticle) {
    end = WordEndAfter(word_ends, end);
  }
  if (end > given_end) return {};
  for (std::size_t k = first; k < end; ++k) roles[k] = NameRole::kGiven;
  return roles;
}

bool CommonGivenAndFamily(const std::vector<std::string>& tokens,
                          const std::vector<NameRole>& roles) {
  const CommonNames& common = CommonNames::Get();
  const NameTables& tables = NameTables::Get();
  int given = 0, family = 0;  // informative tokens, or -1 once one is not common
  for (std::size_t k = 0; k < tokens.size() && k < roles.size(); ++k) {
    // Particles and titles ("al", "abdul") are common everywhere; the
    // names beside them decide.
    if (roles[k] == NameRole::kMiddle || roles[k] == NameRole::kNone ||
        tables.Classify(tokens[k]) != TokenClass::kName) {
      continue;
    }
    const bool is_given = roles[k] == NameRole::kGiven;
    int& count = is_given ? given : family;
    count = (count < 0 || !common.Has(tokens[k], is_given)) ? -1 : count + 1;
  }
  // Two common family names together ("JIMENEZ PEREZ") are a rare pair.
  return given > 0 && family == 1;
}

std::uint64_t CommonNamesFingerprint() noexcept {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : embedded::names_common_names_tsv) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace interdict::text
