// How real-world queries differ from the listed name: one generator per
// category of the evaluation set (docs/evaluation.md).
//
// Each generator takes a listed name and returns a query a customer record
// or a payment message could plausibly carry for the same party, or nullopt
// when the category does not apply to that name (no middle name to drop, no
// word long enough for a typo, ...). Generators draw from a caller-owned
// Rng, so a fixed seed gives the same evaluation set on every machine.
#ifndef INTERDICT_BENCH_EVAL_VARIANTS_H_
#define INTERDICT_BENCH_EVAL_VARIANTS_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interdict/status.h"

namespace interdict::eval {

// A small deterministic generator: std::mt19937_64 is specified exactly, the
// standard distributions are not, so we draw with our own helpers.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n); n must be > 0.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }

 private:
  std::uint64_t state_;
};

// The spelling rules of bench/eval/tables/romanisation.tsv.
struct RomanisationRules {
  std::vector<std::vector<std::string>> groups;  // lower-case spellings of one name
  std::vector<std::pair<std::string, std::string>> infixes;
};
Result<RomanisationRules> LoadRomanisationRules(const std::filesystem::path& tsv);

// One spelling-rule change in one word. Whole-word rules apply to any name;
// infix rules only to persons (they would garble ordinary company words).
std::optional<std::string> RomanisationVariant(std::string_view name, bool is_person,
                                               const RomanisationRules& rules, Rng& rng);

// One keyboard slip (insertion, deletion, substitution or transposition) in a
// word of at least five letters, never at its first letter.
std::optional<std::string> TypoVariant(std::string_view name, Rng& rng);

// "FAMILY, Given" -> "Given FAMILY"; otherwise the last word moved to the
// front, or two neighbouring words swapped.
std::optional<std::string> ReorderVariant(std::string_view name, Rng& rng);

// Drops one middle given name (needs at least three words).
std::optional<std::string> DroppedMiddleVariant(std::string_view name, Rng& rng);

// Reduces one given name to its initial ("Nikita" -> "N.").
std::optional<std::string> InitialsVariant(std::string_view name, Rng& rng);

// Merges two words, splits one, or changes hyphens to spaces or back.
std::optional<std::string> SpacingVariant(std::string_view name, Rng& rng);

// Adds, drops or respells a company's legal form ("LLC", "Co., Ltd.", "JSC").
std::optional<std::string> LegalFormVariant(std::string_view name, Rng& rng);

// Changes letter case and/or strips punctuation.
std::optional<std::string> CasePunctVariant(std::string_view name, Rng& rng);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_VARIANTS_H_
