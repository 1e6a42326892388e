// A name made ready for comparison: normalised tokens with their keys.
//
// Preparing a name (transliteration, tables, phonetic keys) costs far more
// than comparing two prepared names, so the index prepares every listed name
// once and the scorer only ever sees prepared tokens.
#ifndef INTERDICT_TEXT_PREPARED_H_
#define INTERDICT_TEXT_PREPARED_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/name_tables.h"

namespace interdict::text {

struct PreparedToken {
  std::string text;                 // normalised lower-case ASCII
  std::string phonetic;             // PhoneticKey(text)
  std::string skeleton;             // Skeleton(text)
  std::uint32_t variant_group = 0;  // NameTables::VariantGroup, 0 = none
  TokenClass cls = TokenClass::kName;
  bool transliterated = false;  // came from a non-Latin script
  bool abjad = false;           // came from a script without short vowels
};

struct PreparedName {
  std::vector<PreparedToken> tokens;
  bool transliterated = false;
  bool abjad = false;
};

// Prepares one token that is already normalised.
PreparedToken PrepareToken(std::string_view normalized, bool transliterated = false,
                           bool abjad = false);

// Normalised tokens of a name with known phrases made canonical
// (NormalizeTokens + NameTables::Canonicalize).
std::vector<std::string> CanonicalTokens(std::string_view utf8);

// Normalises and prepares a whole name in any script.
PreparedName PrepareName(std::string_view utf8);

// The part a token plays in a listed person's name. Customer records hold a
// given and a family name field only, so "Jeffrey ASHFIELD" is how
// "ASHFIELD, Jeffrey John James" arrives; scoring can forgive the middle
// names it drops only when it knows which tokens they are.
enum class NameRole : std::uint8_t {
  kNone = 0,  // structure unknown (organisations, one-word names, queries)
  kGiven,     // the first given name, or both words of a compound ("abdul rahman")
  kMiddle,    // every other token of the given part, titles included
  kFamily,    // the whole family name ("pridmore smith", "al tikriti")
};

// Roles of `tokens` (CanonicalTokens(full)) of a person's name `full`, or an
// empty vector when its structure cannot be told. The family name is, first
// found: the part before a comma ("LAST, First Middle"); `family` (the
// list's own family-name field) when it heads or ends the name; a trailing
// run of upper-case words after mixed-case ones ("Ahmed Jan WAZIR"); else
// the last word with an article or particle word before it ("... al
// Baghdadi"). A word is what spaces separate, so a hyphenated family name
// stays whole.
std::vector<NameRole> PersonNameRoles(std::string_view full, std::string_view family,
                                      const std::vector<std::string>& tokens);

// True when a person's first given name and one-word family name (`roles`
// of `tokens`, from PersonNameRoles) are both among the world's most common
// (data/names/common_names.tsv, romanisation variants included): typed
// alone, such a pair ("Jose Perez", "Salem Hamdan") names many people the
// lists' own frequencies cannot tell apart.
bool CommonGivenAndFamily(const std::vector<std::string>& tokens,
                          const std::vector<NameRole>& roles);

// A checksum of the common-names table, so an index cached with other
// roles is rebuilt when the table changes.
std::uint64_t CommonNamesFingerprint() noexcept;

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_PREPARED_H_
