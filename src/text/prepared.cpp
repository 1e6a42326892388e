#include "text/prepared.h"

#include "text/normalize.h"
#include "text/phonetic.h"

namespace interdict::text {

PreparedToken PrepareToken(std::string_view normalized, bool transliterated, bool abjad) {
  PreparedToken t;
  t.text = std::string(normalized);
  t.transliterated = transliterated;
  t.abjad = abjad;
  bool has_digit = false;
  for (char c : t.text) has_digit |= (c >= '0' && c <= '9');
  const NameTables& tables = NameTables::Get();
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

}  // namespace interdict::text
