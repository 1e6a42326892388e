// Browsing by name (GET /v1/search): a sorted table of the normalised words
// of every indexed name, so "osam bin" finds every name with a word starting
// "osam" and a word starting "bin" without scoring. The fuzzy half of a
// search is the screener's (see api_handlers.cpp).
//
// Immutable once built; safe to query from any number of threads.
#ifndef INTERDICT_SERVER_NAME_SEARCH_H_
#define INTERDICT_SERVER_NAME_SEARCH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"

namespace interdict::server {

struct SearchFilter {
  std::optional<Schema> schema;
  std::string list;  // "" = every list
};

struct PrefixHit {
  std::string_view entity_id;
  std::string_view list;
  std::string_view name;  // the name that matched
  std::string_view primary_name;
  Schema schema = Schema::kUnknown;
};

class NameSearch {
 public:
  // Words scanned per query at most, so a one-letter prefix stays cheap.
  static constexpr std::size_t kMaxScan = 50000;

  NameSearch() = default;
  explicit NameSearch(const std::vector<Entity>& entities);

  // Entities with a name in which every query word is the start of some word,
  // at most `max` of them (one hit per entity, its best name). Names that
  // start with the whole query come first, then shorter names, then by name.
  std::vector<PrefixHit> Prefix(std::string_view query, const SearchFilter& filter,
                                std::size_t max) const;

  std::size_t name_count() const noexcept { return names_.size(); }

 private:
  struct EntityRef {
    std::string id, list, primary_name;
    Schema schema = Schema::kUnknown;
  };
  struct NameRef {
    std::string text;        // as listed
    std::string normalized;  // words joined by single spaces
    std::uint32_t entity = 0;
  };
  struct Word {
    std::string text;
    std::uint32_t name = 0;
    bool operator<(const Word& other) const noexcept {
      return text != other.text ? text < other.text : name < other.name;
    }
  };

  bool Matches(const NameRef& name, const std::vector<std::string>& words) const;

  std::vector<EntityRef> entities_;
  std::vector<NameRef> names_;
  std::vector<Word> words_;  // sorted
};

}  // namespace interdict::server

#endif  // INTERDICT_SERVER_NAME_SEARCH_H_
