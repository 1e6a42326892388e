// Text rewrites for the held-out evaluation set (heldout.h): how a person
// types a listed name into a payment form. Each returns the rewritten name,
// or nullopt when the rewrite does not apply to it.
#ifndef INTERDICT_BENCH_EVAL_HELDOUT_FORMS_H_
#define INTERDICT_BENCH_EVAL_HELDOUT_FORMS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "variants.h"

namespace interdict::eval {

// A person's name split into given and family words. "FAMILY, Given Middle"
// splits at the comma; otherwise the last word (with a particle before it,
// "al MASRI") is the family name. Generational suffixes (Jr, III) are left
// out.
struct PersonName {
  std::vector<std::string> given, family;
  bool had_comma = false;
};
std::optional<PersonName> SplitPerson(std::string_view name);

// Word case styles: "SMITH", "Smith", "smith".
enum class CaseStyle { kUpper, kTitle, kLower };
std::string Styled(const std::vector<std::string>& words, CaseStyle style);

// Name order and commas: "Given FAMILY", "FAMILY Given", "Family, Given".
std::optional<std::string> FormOrderVariant(std::string_view name, Rng& rng, std::string& note);

// Arabic particles and apostrophes respelled: al-X / Al X / AlX / El-X / X,
// bin / ibn / ben, Abd al-X / Abdul X / Abdel X / AbdulX, Abu / Abou,
// Qa'ida / Qaida.
std::optional<std::string> ParticleVariant(std::string_view name, Rng& rng, std::string& note);

// One letter doubled, a doubled letter written once, or a letter dropped.
std::optional<std::string> LetterVariant(std::string_view name, Rng& rng, std::string& note);

// Two slips in two different long words of a long name.
std::optional<std::string> TwoTyposVariant(std::string_view name, Rng& rng, std::string& note);

// Only the first given name (with its compound, "Abdul Rahman") and the
// family name of a person named with four or five words.
std::optional<std::string> GivenFamilyVariant(std::string_view name, Rng& rng, std::string& note);

// An honorific or rank before the name; `female` picks Mrs/Ms over Mr.
std::optional<std::string> TitleVariant(std::string_view name, bool female, Rng& rng,
                                        std::string& note);

// Company names: the legal form in another language or spelled out, "The",
// "&"/"and", abbreviations (Intl, Co, Corp, Mfg, Ind...) and their
// expansions, "Bank X" / "X Bank"; one or two of them.
std::optional<std::string> CompanyVariant(std::string_view name, Rng& rng, std::string& note);

// A Latin name as a Russian speaker would write it in Cyrillic (a reversed
// simplified BGN/PCGN: kh -> х, zh -> ж, ya -> я, initial e -> э ...).
std::string LatinToCyrillic(std::string_view latin);

// True when a Latin name has an East Slavic patronymic (-ovich, -evna...).
bool HasPatronymic(std::string_view name);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_HELDOUT_FORMS_H_
