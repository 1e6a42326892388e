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
  return h;
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
}

void NameTables::Canonicalize(std::vector<std::string>& tokens) const {
  if (phrases_.empty()) return;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size();) {
    const auto it = phrases_.find(tokens[i]);
    const Phrase* hit = nullptr;
    if (it != phrases_.end()) {
      for (const Phrase& p : it->second) {
        if (i + p.words.size() <= tokens.size() &&
            std::equal(p.words.begin(), p.words.end(), tokens.begin() + i)) {
          hit = &p;
          break;
        }
      }
    }
    if (hit == nullptr) {
      out.push_back(std::move(tokens[i++]));
      continue;
    }
    out.insert(out.end(), hit->canonical.begin(), hit->canonical.end());
    i += hit->words.size();
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

TokenClass NameTables::Classify(std::string_view token) const noexcept {
  const auto it = class_.find(token);
  return it == class_.end() ? TokenClass::kName : it->second;
}

}  // namespace interdict::text
