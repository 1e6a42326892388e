// The third evaluation set (docs/evaluation.md): written apart from the
// first two, with techniques neither uses, to find what still generalises
// badly.
//
// * sampler: lists in turn (each list as often as any other), any strong
//   Latin name of the entity, vessels included, the list's own name parts
//   (given / family fields) where it gives them, its own seed;
// * techniques: how a name reaches a bank's records other than by typing
//   it from a document: heard and written down by a clerk of another
//   language, slipped on a QWERTY keyboard (any letter, short words too),
//   scanned by OCR, reduced to initials, written with national letters or
//   without them, East Asian order and syllable joining, vessels with their
//   prefixes and IMO numbers, organisations with their legal form and small
//   words dropped;
// * benign names that share ONE word with a listed party: a listed family
//   name with another given name, a listed family name with initials that
//   every listed holder's given names contradict, a listed organisation's
//   distinctive word in an
//   unrelated local firm; each proved unlisted by brute force over every
//   name with a consonant-skeleton key looser than the other sets' keys.
//
// Like the others it shares nothing with the engine's tables or normaliser.
// Categories are prefixed "t_"; benign ones start "t_benign".
#ifndef INTERDICT_BENCH_EVAL_THIRD_H_
#define INTERDICT_BENCH_EVAL_THIRD_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval_set.h"
#include "variants.h"

namespace interdict::eval {

// The third set's categories in report order, benign ones last.
const std::vector<std::string>& ThirdCategories();

// True for the benign categories of any set ("benign", "h_benign_*",
// "t_benign_*").
bool IsAnyBenign(std::string_view category);

struct ThirdOptions {
  std::uint64_t seed = 7340021;
  std::size_t per_category = 300;
  std::filesystem::path tables_dir;  // bench/eval/tables
};

Result<std::vector<EvalCase>> MakeThirdSet(const std::vector<Entity>& entities,
                                           const ThirdOptions& options);

// A listed person's name split by the list's own fields where it has them
// (given / middle / patronymic vs family), else at a comma, else before the
// last word. Titles and suffixes are left out.
struct GivenFamily {
  std::vector<std::string> given, family;
};
std::optional<GivenFamily> SplitListedPerson(const Name& name);

// A consonant skeleton of one folded word, looser than the other sets' keys
// (vowels, h, w, y dropped; c/k/q, s/z, j/g, v/b/f/p, d/t folded; doubles
// once): two words with one skeleton may be one name in two spellings.
std::string SkeletonKey(std::string_view folded_word);

// Which entities hold a word, by SkeletonKey, over all their Latin names
// (Cyrillic ones transliterated).
class SkeletonOwners {
 public:
  explicit SkeletonOwners(const std::vector<Entity>& entities);
  // Sorted entity indexes holding the word (folded); empty when none.
  const std::vector<std::uint32_t>& Owners(std::string_view folded_word) const;
  // Entities holding every word of `name` (a word joined with the next one
  // counts too: "Abu Bakr" is held by "ABUBAKR").
  std::vector<std::uint32_t> HoldingAll(std::string_view name) const;

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> owners_;
};

// Rewrites of third_variants.cpp; each returns nullopt when it does not
// apply. `rules` are the rows of tables/third_phonetic.tsv.
struct PhoneticRule {
  std::string language, from, to, where;
};
Result<std::vector<PhoneticRule>> LoadPhoneticRules(const std::filesystem::path& tsv);
std::optional<std::string> PhoneticVariant(std::string_view name,
                                           const std::vector<PhoneticRule>& rules, Rng& rng,
                                           std::string& note);
std::optional<std::string> KeyboardVariant(std::string_view name, Rng& rng, std::string& note);
std::optional<std::string> OcrVariant(std::string_view name, Rng& rng, std::string& note);
// `countries`: the entity's nationalities and country links (ISO alpha-2),
// which say whose national letters a clerk would use.
std::optional<std::string> NationalLettersVariant(std::string_view name,
                                                  const std::vector<std::string>& countries,
                                                  Rng& rng, std::string& note);
std::optional<std::string> AllInitialsVariant(const GivenFamily& person, Rng& rng,
                                              std::string& note);
std::optional<std::string> EastAsianVariant(const GivenFamily& person, Rng& rng, std::string& note);
std::optional<std::string> VesselVariant(std::string_view name, std::string_view imo, Rng& rng,
                                         std::string& note);
std::optional<std::string> OrgWordsVariant(std::string_view name, Rng& rng, std::string& note);

// Benign names of third_benign.cpp.
Result<std::vector<EvalCase>> MakeThirdBenign(const std::vector<Entity>& entities,
                                              const ThirdOptions& options);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_THIRD_H_
