// The reference screener: brute-force Jaro-Winkler over every listed name.
//
// This is what most open-source screeners do (fold case and accents, compare
// the whole query with each whole name, alert above a fixed cut-off), so the
// quality benchmark prints it next to the engine. It shares no code with the
// engine. Names are folded with FoldName() (name_text.h).
#ifndef INTERDICT_BENCH_EVAL_JARO_WINKLER_H_
#define INTERDICT_BENCH_EVAL_JARO_WINKLER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/entity.h"

namespace interdict::eval {

// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4).
double JaroWinkler(std::u32string_view a, std::u32string_view b) noexcept;

class JaroWinklerIndex {
 public:
  explicit JaroWinklerIndex(const std::vector<Entity>& entities);

  // Index of an entity id, or -1.
  int EntityIndex(const std::string& id) const;
  // Best score of any of the entity's names.
  double EntityScore(std::u32string_view query, int entity) const noexcept;
  // Entities (other than `except`) whose best score is above `floor`,
  // counting no further than `limit`.
  std::size_t CountAbove(std::u32string_view query, double floor, int except,
                         std::size_t limit) const noexcept;
  // Best score over every name.
  double MaxScore(std::u32string_view query) const noexcept;

  std::size_t name_count() const noexcept { return names_.size(); }

 private:
  using Histogram = std::array<std::uint8_t, 32>;
  struct IndexedName {
    std::size_t offset, length;
    int entity;
    Histogram histogram;
  };
  static Histogram HistogramOf(std::u32string_view s) noexcept;
  // An upper bound of JaroWinkler(query, name) from the letters they share.
  static double UpperBound(const Histogram& q, std::size_t q_len, const IndexedName& n) noexcept;
  std::u32string_view Text(const IndexedName& n) const noexcept {
    return std::u32string_view(text_).substr(n.offset, n.length);
  }

  std::u32string text_;
  std::vector<IndexedName> names_;
  std::vector<std::vector<std::size_t>> names_of_entity_;
  std::unordered_map<std::string, int> entity_index_;
};

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_JARO_WINKLER_H_
