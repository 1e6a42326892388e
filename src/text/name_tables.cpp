#include "text/name_tables.h"

#include <algorithm>

#include "text/normalize.h"

namespace interdict::embedded {
extern const std::string_view names_variants_tsv;
extern const std::string_view names_titles_tsv;
extern const std::string_view names_particles_tsv;
extern const std::string_view names_legal_forms_tsv;
extern const std::string_view names_org_words_tsv;
extern const std::string_view names_stopwords_tsv;
extern const std::string_view names_phrases_tsv;
}  // namespace interdict::embedded

namespace interdict::text {
namespace {

// Calls `fn(line)` for each non-empty line that is not a # comment.
template <typename Fn>
void ForEachDataLine(std::string_view tsv, Fn fn) {
  while (!tsv.empty()) {
    const std::size_t end = tsv.find('\n');
    std::string_view line = tsv.substr(0, end);
    tsv.remove_prefix(end == std::string_view::npos ? tsv.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fn(line);
  }
}

// Table entries go through the same normaliser as names, so a table may
// spell "sa'id" or "S.A." and still match what Tokenize() produces.
std::string NormalizeEntry(std::string_view entry) {
  const auto tokens = NormalizeTokens(entry);
  std::string joined;
  for (const auto& t : tokens) joined += t;
  return joined;
}

// A phrase word this long may be typed with one slip and still be read as
// the phrase: "copany" for "company", "liabilty" for "liability".
constexpr std::size_t kMinSlipWord = 5;
// A phrase of one word must be this long to be read through a slip.
constexpr std::size_t kMinSlipSingleWord = 7;
// A glued last word must leave a real word behind ("companysberbank").
constexpr std::size_t kMinGluedRest = 3;

// True when `a` and `b` differ by at most one insertion, deletion,
// substitution or transposition of neighbours.
bool WithinOneSlip(std::string_view a, std::string_view b) noexcept {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;
  if (a.size() < b.size()) return a.substr(i) == b.substr(i + 1);
  if (a.substr(i + 1) == b.substr(i + 1)) return true;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

// Bumped when Canonicalize() or the normaliser (normalize.cpp) changes what
// a name becomes for the same tables, so indexes cached by an older binary
// are rebuilt. 2: loose legal-form phrases, the Arabic article and Hangul
// syllables written apart, BGN's middle dot kept inside a word.
constexpr std::uint64_t kCanonicalizeVersion = 2;

}  // namespace

std::string_view TokenClassName(TokenClass c) noexcept {
  switch (c) {
    case TokenClass::kName:
      return "name";
    case TokenClass::kNumber:
      return "number";
    case TokenClass::kTitle:
      return "title";
    case TokenClass::kParticle:
      return "particle";
    case TokenClass::kLegalForm:
      return "legal_form";
    case TokenClass::kOrgWord:
      return "org_word";
    case TokenClass::kStopword:
      return "stopword";
  }
  return "name";
}

std::uint64_t NameTablesFingerprint() noexcept {
  std::uint64_t h = 1469598103934665603ull;
  for (std::string_view table :
       {embedded::names_variants_tsv, embedded::names_titles_tsv, embedded::names_particles_tsv,
        embedded::names_legal_forms_tsv, embedded::names_org_words_tsv,
        embedded::names_stopwords_tsv, embedded::names_phrases_tsv}) {
    for (unsigned char c : table) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;  // table boundary
  }
  return (h ^ kCanonicalizeVersion) * 1099511628211ull;
}

const NameTables& NameTables::Get() {
  static const NameTables* tables = new NameTables(
      embedded::names_variants_tsv, embedded::names_titles_tsv, embedded::names_particles_tsv,
      embedded::names_legal_forms_tsv, embedded::names_org_words_tsv, embedded::names_stopwords_tsv,
      embedded::names_phrases_tsv);
  return *tables;
}

NameTables::NameTables(std::string_view variants, std::string_view titles,
                       std::string_view particles, std::string_view legal_forms,
                       std::string_view org_words, std::string_view stopwords,
                       std::string_view phrases) {
  std::uint32_t group = 0;
  ForEachDataLine(variants, [&](std::string_view line) {
    ++group;
    while (!line.empty()) {
      const std::size_t tab = line.find('\t');
      const std::string spelling = NormalizeEntry(line.substr(0, tab));
      line.remove_prefix(tab == std::string_view::npos ? line.size() : tab + 1);
      // A spelling in two groups keeps its first: groups never merge.
      if (!spelling.empty()) variant_group_.emplace(spelling, group);
    }
  });
  // First class wins, so the order says which reading of an ambiguous word
  // ("as": Arabic article or Norwegian AS) is used.
  AddWords(stopwords, TokenClass::kStopword);
  AddWords(titles, TokenClass::kTitle);
  AddWords(legal_forms, TokenClass::kLegalForm);
  ForEachDataLine(legal_forms, [&](std::string_view line) {
    const std::size_t tab = line.find('\t');
    if (tab != std::string_view::npos && line.substr(tab + 1) == "organisation") {
      organisation_marks_.emplace(NormalizeEntry(line.substr(0, tab)), true);
    }
  });
  AddWords(org_words, TokenClass::kOrgWord);
  AddWords(particles, TokenClass::kParticle);
  ForEachDataLine(phrases, [&](std::string_view line) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    Phrase p{NormalizeTokens(line.substr(0, tab)), NormalizeTokens(line.substr(tab + 1))};
    if (p.words.size() < 1 || p.canonical.empty()) return;
    auto& list = phrases_[p.words.front()];
    list.push_back(std::move(p));
    std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
  });
  for (const auto& [first, list] : phrases_) {
    for (const Phrase& p : list) {
      if (p.words.size() >= 2) multi_word_.push_back(&p);
      if (p.words.size() == 1 && p.words[0].size() >= kMinSlipSingleWord) {
        long_single_.push_back(&p);
      }
    }
  }
  std::sort(long_single_.begin(), long_single_.end(),
            [](const Phrase* a, const Phrase* b) { return a->words < b->words; });
  std::sort(multi_word_.begin(), multi_word_.end(), [](const Phrase* a, const Phrase* b) {
    return a->words.size() != b->words.size() ? a->words.size() > b->words.size()
                                              : a->words < b->words;
  });
}

// Walks the phrase's words over the tokens from `at`: each word equal to
// its token, two words run together in one token ("publicjoint"), at most
// one word of five letters or more with one slip, and the last word run
// into the next name ("companysberbank").
NameTables::PhraseHit NameTables::MatchLoosely(const Phrase& p,
                                               const std::vector<std::string>& tokens,
                                               std::size_t at) const {
  const std::size_t n = p.words.size();
  std::size_t t = at;
  bool slipped = false;
  for (std::size_t w = 0; w < n; ++w, ++t) {
    if (t >= tokens.size()) return {};
    const std::string& word = p.words[w];
    const std::string& token = tokens[t];
    if (word == token) continue;
    if (w + 1 < n && token.size() == word.size() + p.words[w + 1].size() &&
        token.compare(0, word.size(), word) == 0 &&
        token.compare(word.size(), std::string::npos, p.words[w + 1]) == 0) {
      ++w;  // two phrase words in this one token
      continue;
    }
    if (!slipped && word.size() >= kMinSlipWord && WithinOneSlip(word, token)) {
      slipped = true;
      continue;
    }
    // A short last word ("co") would split any token that starts with it.
    if (w + 1 == n && word.size() >= kMinSlipWord && token.size() >= word.size() + kMinGluedRest &&
        token.compare(0, word.size(), word) == 0) {
      return {&p, t + 1 - at, token.substr(word.size())};
    }
    return {};
  }
  return {&p, t - at, ""};
}

NameTables::PhraseHit NameTables::FindPhrase(const std::vector<std::string>& tokens,
                                             std::size_t at) const {
  // Exact phrases of two or more words first, then the loose ones, then a
  // single word: "x" alone may be a phrase, but "x y z" with a slip in "z"
  // is the longer one.
  const Phrase* single = nullptr;
  const auto it = phrases_.find(tokens[at]);
  if (it != phrases_.end()) {
    for (const Phrase& p : it->second) {
      if (at + p.words.size() > tokens.size() ||
          !std::equal(p.words.begin(), p.words.end(), tokens.begin() + at)) {
        continue;
      }
      if (p.words.size() == 1) {
        single = &p;
        break;
      }
      return {&p, p.words.size(), ""};
    }
  }
  // Loose matches for phrases of two or more words.
  for (const Phrase* p : multi_word_) {
    const std::string& first = p->words.front();
    const std::string& token = tokens[at];
    if (first[0] != token[0] && (first.size() < 2 || token.size() < 2 || first[1] != token[1])) {
      continue;  // a slip keeps the first or the second letter
    }
    PhraseHit hit = MatchLoosely(*p, tokens, at);
    if (hit.phrase != nullptr) return hit;
  }
  if (single != nullptr) return {single, 1, ""};
  // A long single word with one slip ("aktiengesselschaft"): no name is one
  // slip from a seven-letter legal form, but shorter ones ("corp", "intl")
  // are too close to other words.
  for (const Phrase* p : long_single_) {
    if (p->words[0][0] == tokens[at][0] && WithinOneSlip(p->words[0], tokens[at])) {
      return {p, 1, ""};
    }
  }
  return {};
}

void NameTables::Canonicalize(std::vector<std::string>& tokens) const {
  if (phrases_.empty()) return;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size();) {
    PhraseHit hit = FindPhrase(tokens, i);
    if (hit.phrase == nullptr) {
      out.push_back(std::move(tokens[i++]));
      continue;
    }
    out.insert(out.end(), hit.phrase->canonical.begin(), hit.phrase->canonical.end());
    if (!hit.rest.empty()) out.push_back(std::move(hit.rest));
    i += hit.tokens;
  }
  tokens = std::move(out);  // every token was moved into `out`
}

void NameTables::AddWords(std::string_view tsv, TokenClass cls) {
  ForEachDataLine(tsv, [&](std::string_view line) {
    const std::string word = NormalizeEntry(line.substr(0, line.find('\t')));
    if (!word.empty()) class_.emplace(word, cls);
  });
}

std::uint32_t NameTables::VariantGroup(std::string_view token) const noexcept {
  const auto it = variant_group_.find(token);
  return it == variant_group_.end() ? 0 : it->second;
}

bool NameTables::MarksOrganization(std::string_view token) const noexcept {
  return organisation_marks_.find(token) != organisation_marks_.end();
}

TokenClass NameTables::Classify(std::string_view token) const noexcept {
  const auto it = class_.find(token);
  return it == class_.end() ? TokenClass::kName : it->second;
}

}  // namespace interdict::text
