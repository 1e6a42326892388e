// The labelled evaluation set for screening quality (docs/evaluation.md).
//
// Positives are variants of names sampled from the real lists, each labelled
// with its category and the id of the entity it must find. Negatives
// ("benign") are ordinary person and company names built from the name-part
// tables in bench/eval/tables/, minus any that equals a listed name. The
// set is a pure function of the entities, the tables and the seed.
#ifndef INTERDICT_BENCH_EVAL_EVAL_SET_H_
#define INTERDICT_BENCH_EVAL_EVAL_SET_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "interdict/entity.h"
#include "interdict/status.h"

namespace interdict::eval {

inline constexpr std::string_view kBenign = "benign";

// The categories in report order; "benign" last.
const std::vector<std::string>& Categories();

struct EvalCase {
  std::string category;
  std::string query;
  std::string expected_id;  // "" for benign
  std::string source_name;  // the listed name the query was made from
  std::string note;         // e.g. which original script, which culture
};

struct EvalSetOptions {
  std::uint64_t seed = 20261127;
  std::size_t per_category = 500;  // positives per category, at most
  std::size_t benign_persons = 3000;
  std::size_t benign_companies = 1000;
  std::filesystem::path tables_dir;  // bench/eval/tables
};

// The shared-data files the evaluation screens against, relative to the
// shared data folder (tests/test_util.h: SharedDataDir()).
const std::vector<std::string>& EvalListPaths();

Result<std::vector<EvalCase>> MakeEvalSet(const std::vector<Entity>& entities,
                                          const EvalSetOptions& options);

// Benign names only (used by MakeEvalSet; exposed for the tests).
Result<std::vector<EvalCase>> MakeBenignCases(const std::vector<Entity>& entities,
                                              const EvalSetOptions& options);

// category<TAB>query<TAB>expected_id<TAB>source_name<TAB>note, with a header.
Status WriteEvalSet(const std::vector<EvalCase>& cases, const std::filesystem::path& tsv);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_EVAL_SET_H_
