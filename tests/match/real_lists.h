// Loads real lists from the shared data folder for the match tests.
#ifndef INTERDICT_TESTS_MATCH_REAL_LISTS_H_
#define INTERDICT_TESTS_MATCH_REAL_LISTS_H_

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "interdict/sources.h"
#include "test_util.h"

namespace interdict::testing {

// Parses each file (relative to SharedDataDir()) and appends its entities;
// a parse failure fails the calling test.
inline std::vector<Entity> LoadEntities(const std::vector<std::string>& relative_paths) {
  std::vector<Entity> all;
  for (const std::string& rel : relative_paths) {
    auto data = ParseList(SharedDataDir() / rel);
    EXPECT_TRUE(data.has_value()) << rel << ": " << (data ? "" : data.error().ToString());
    if (!data) continue;
    for (Entity& e : data->entities) all.push_back(std::move(e));
  }
  return all;
}

// The four US/UN lists of the performance target (~24k entities).
inline const std::vector<std::string>& ScreeningLists() {
  static const std::vector<std::string> lists = {
      "ofac_sdn_2021", "ofac_consolidated_nonsdn/cons_prim.csv", "un_sc/consolidated.xml",
      "us_csl/consolidated.csv.gz"};
  return lists;
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_MATCH_REAL_LISTS_H_
