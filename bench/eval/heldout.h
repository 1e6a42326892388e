// The second, held-out style evaluation set (docs/evaluation.md).
//
// The first set (eval_set.h, variants.cpp) was written next to the engine
// and tuned with it, so a score on it may flatter us. This one is written
// differently on purpose, to tell whether that quality generalises:
//
// * a different sampler: entities drawn uniformly from all lists (a big
//   list is queried as often as its size says), any strong Latin name as
//   the source (aliases too), and its own seed;
// * different variant techniques, modelled on how a person types a name into
//   a payment form: name order and commas, Arabic particles respelled,
//   letters doubled or dropped, two slips in one long name, only the first
//   given name and the family name, honorifics added, original-script
//   names against an index holding only the Latin names (and Latin Russian
//   names written in Cyrillic), company names with translated legal forms,
//   abbreviations, "The", "&" and word order;
// * benign names from its own tables (bench/eval/tables/heldout_*.tsv),
//   kept only when no listed entity holds every one of their words by a
//   brute-force comparison of loose spelling keys.
//
// Like the first set it shares nothing with the engine's tables or
// normaliser. Categories are prefixed "h_"; benign ones start "h_benign".
#ifndef INTERDICT_BENCH_EVAL_HELDOUT_H_
#define INTERDICT_BENCH_EVAL_HELDOUT_H_

#include <string>
#include <vector>

#include "eval_set.h"

namespace interdict::eval {

// The held-out categories in report order, benign ones last.
const std::vector<std::string>& HeldoutCategories();

// True for the benign categories of either set ("benign", "h_benign_*").
bool IsBenignCategory(std::string_view category);

// Options of the held-out set; the seed differs from the first set's.
struct HeldoutOptions {
  std::uint64_t seed = 5501913;
  std::size_t per_category = 400;
  std::size_t benign_persons = 2400;
  std::size_t benign_companies = 800;
  std::filesystem::path tables_dir;  // bench/eval/tables
};

// The category whose queries are in another script than the Latin names
// they must find: screen it against LatinOnly(entities).
inline constexpr std::string_view kScriptCategory = "h_script";

// Positives and benign names.
Result<std::vector<EvalCase>> MakeHeldoutSet(const std::vector<Entity>& entities,
                                             const HeldoutOptions& options);

// The entities with every name outside the Latin script removed.
std::vector<Entity> LatinOnly(const std::vector<Entity>& entities);

// Benign names only (heldout_benign.cpp).
Result<std::vector<EvalCase>> MakeHeldoutBenign(const std::vector<Entity>& entities,
                                                const HeldoutOptions& options);

// Loose spelling keys of one folded word, used to prove benign names are
// not listed: consonant romanisations folded (kh/h, q/k, ph/f, w/v, ...),
// a plural s or final h dropped, doubled letters once, and vowels in two
// classings, one key each: (a e o u | i y) makes "Mohammed" "Muhammad",
// (a | e i y | o u) makes "Rashid" "Rashed"; "Salma" and "Salim" differ in
// both. Two words share a spelling when they share a key.
std::vector<std::string> LooseWordKeys(std::string_view folded_word);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_HELDOUT_H_
