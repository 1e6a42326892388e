// Name knowledge: the tables in data/names/*.tsv, compiled into the binary.
//
// variants.tsv   romanisation variant groups (Mohammad/Muhammad/Mohamed...)
// titles.tsv     honorifics and ranks (Sheikh, Haji, Dr, General...)
// particles.tsv  al, bin, abu, van, de...
// legal_forms.tsv, org_words.tsv, stopwords.tsv
// phrases.tsv    spelled-out forms and their abbreviation
//                ("limited liability company" -> "llc")
//
// The tables are parsed once, on first use, and are read-only afterwards:
// safe from any thread.
#ifndef INTERDICT_TEXT_NAME_TABLES_H_
#define INTERDICT_TEXT_NAME_TABLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace interdict::text {

// What role a token plays in a name; decides how much it weighs.
enum class TokenClass : std::uint8_t {
  kName = 0,   // an ordinary, informative name token
  kNumber,     // contains a digit: matches only exactly
  kTitle,      // honorific / rank
  kParticle,   // al, bin, van...
  kLegalForm,  // ltd, llc, gmbh...
  kOrgWord,    // bank, trading, group...
  kStopword,   // the, of, and...
};

std::string_view TokenClassName(TokenClass c) noexcept;

// A hash of the tables compiled into this binary: anything prepared with
// them (a cached index) is stale when it changes.
std::uint64_t NameTablesFingerprint() noexcept;

class NameTables {
 public:
  // The tables compiled into the binary.
  static const NameTables& Get();

  // Parses tables from TSV text (used by Get() and by tests).
  NameTables(std::string_view variants, std::string_view titles, std::string_view particles,
             std::string_view legal_forms, std::string_view org_words, std::string_view stopwords,
             std::string_view phrases = {});

  // The variant group of a normalised token, or 0 when it is in none.
  std::uint32_t VariantGroup(std::string_view token) const noexcept;
  // The class of a normalised token from the word lists (kName if in none;
  // digits are decided by the caller).
  TokenClass Classify(std::string_view token) const noexcept;

  // True for a legal form that only organisations carry ("llc", "gmbh",
  // "limited"; legal_forms.tsv's "organisation" column).
  bool MarksOrganization(std::string_view token) const noexcept;

  // Replaces every known phrase in `tokens` by its canonical tokens
  // (longest phrase first, left to right). A phrase of two or more words
  // also matches when one of its words of five letters or more is typed
  // with one slip ("limited liability copany") and when its last word runs
  // into the next token ("...stock companysberbank" -> "pjsc sberbank"); a
  // one-word phrase of seven letters or more with one slip ("limitted").
  void Canonicalize(std::vector<std::string>& tokens) const;

  std::size_t variant_spellings() const noexcept { return variant_group_.size(); }
  std::size_t classified_words() const noexcept { return class_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>()(s);
    }
  };
  void AddWords(std::string_view tsv, TokenClass cls);

  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> variant_group_;
  std::unordered_map<std::string, TokenClass, Hash, std::equal_to<>> class_;
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> organisation_marks_;
  struct Phrase {
    std::vector<std::string> words;
    std::vector<std::string> canonical;
  };
  // How a phrase matched at a position: how many tokens it covers, and the
  // rest of a last token its last word ran into ("" when none).
  struct PhraseHit {
    const Phrase* phrase = nullptr;
    std::size_t tokens = 0;
    std::string rest;
  };
  PhraseHit FindPhrase(const std::vector<std::string>& tokens, std::size_t at) const;
  PhraseHit MatchLoosely(const Phrase& p, const std::vector<std::string>& tokens,
                         std::size_t at) const;

  // First word -> phrases starting with it, longest first.
  std::unordered_map<std::string, std::vector<Phrase>, Hash, std::equal_to<>> phrases_;
  // Every multi-word phrase, longest first, for the loose matches.
  std::vector<const Phrase*> multi_word_;
  // Every single-word phrase of seven letters or more ("limited").
  std::vector<const Phrase*> long_single_;
};

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_NAME_TABLES_H_
