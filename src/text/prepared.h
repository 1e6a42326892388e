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

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_PREPARED_H_
