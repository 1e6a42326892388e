// The name-part tables of the benign generators (bench/eval/tables/
// persons.tsv, companies.tsv, heldout_persons.tsv, heldout_companies.tsv):
// one row per part, `[key<TAB>]part<TAB>values`, key = culture for the
// person tables and absent for the company tables.
#ifndef INTERDICT_BENCH_EVAL_NAME_PARTS_H_
#define INTERDICT_BENCH_EVAL_NAME_PARTS_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/status.h"

namespace interdict::eval {

// key -> part -> values ("" is the key of an unkeyed table).
using NameParts = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

// Reads a table. Values are words ('_' joins the words of one value:
// "abd_al" -> "abd al"), except in the part named `bar_part`, whose values
// are separated by '|' (patterns or orders, kept as written). Errors name
// the file and line.
Result<NameParts> LoadNameParts(const std::filesystem::path& tsv, bool keyed,
                                std::string_view bar_part);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_NAME_PARTS_H_
