// See name_search.h.
#include "server/name_search.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "text/normalize.h"

namespace interdict::server {
namespace {

// Whether some word of the space-separated `normalized` starts with `prefix`.
bool HasWordStartingWith(std::string_view normalized, std::string_view prefix) {
  std::size_t start = 0;
  while (start <= normalized.size()) {
    std::size_t end = normalized.find(' ', start);
    if (end == std::string_view::npos) end = normalized.size();
    if (normalized.substr(start, end - start).starts_with(prefix)) return true;
    start = end + 1;
  }
  return false;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

}  // namespace

NameSearch::NameSearch(const std::vector<Entity>& entities) {
  entities_.reserve(entities.size());
  for (const Entity& entity : entities) {
    const auto entity_index = static_cast<std::uint32_t>(entities_.size());
    entities_.push_back({entity.id, entity.list, entity.PrimaryName(), entity.schema});
    for (const Name& name : entity.names) {
      std::vector<std::string> words = text::NormalizeTokens(name.full);
      if (words.empty()) continue;
      const auto name_index = static_cast<std::uint32_t>(names_.size());
      for (std::string& word : words) words_.push_back({word, name_index});
      names_.push_back({name.full, Join(words), entity_index});
    }
  }
  std::sort(words_.begin(), words_.end());
  // A name repeating a word would otherwise be scanned twice.
  words_.erase(std::unique(words_.begin(), words_.end(),
                           [](const Word& a, const Word& b) {
                             return a.name == b.name && a.text == b.text;
                           }),
               words_.end());
}

bool NameSearch::Matches(const NameRef& name, const std::vector<std::string>& words) const {
  for (const std::string& word : words) {
    if (!HasWordStartingWith(name.normalized, word)) return false;
  }
  return true;
}

std::vector<PrefixHit> NameSearch::Prefix(std::string_view query, const SearchFilter& filter,
                                          std::size_t max) const {
  const std::vector<std::string> words = text::NormalizeTokens(query);
  if (words.empty() || max == 0) return {};
  const std::string whole = Join(words);
  // The longest word narrows the scan the most.
  const std::string& anchor = *std::max_element(
      words.begin(), words.end(),
      [](const std::string& a, const std::string& b) { return a.size() < b.size(); });

  // Best name per entity, ranked by (not a whole-name prefix, length, text).
  using Rank = std::tuple<bool, std::size_t, std::string_view>;
  std::vector<std::pair<Rank, std::uint32_t>> best;
  std::unordered_map<std::uint32_t, std::size_t> slot_of_entity;  // entity -> index in best
  std::unordered_set<std::uint32_t> seen_names;
  auto it = std::lower_bound(words_.begin(), words_.end(), Word{anchor, 0});
  for (std::size_t scanned = 0; it != words_.end() && scanned < kMaxScan; ++it, ++scanned) {
    if (!std::string_view(it->text).starts_with(anchor)) break;
    if (!seen_names.insert(it->name).second) continue;
    const NameRef& name = names_[it->name];
    const EntityRef& entity = entities_[name.entity];
    if (filter.schema && entity.schema != *filter.schema) continue;
    if (!filter.list.empty() && entity.list != filter.list) continue;
    if (!Matches(name, words)) continue;
    const Rank rank{!std::string_view(name.normalized).starts_with(whole), name.normalized.size(),
                    name.normalized};
    const auto [slot, inserted] = slot_of_entity.try_emplace(name.entity, best.size());
    if (inserted) {
      best.push_back({rank, it->name});
    } else if (rank < best[slot->second].first) {
      best[slot->second] = {rank, it->name};
    }
  }
  std::sort(best.begin(), best.end());
  if (best.size() > max) best.resize(max);
  std::vector<PrefixHit> hits;
  hits.reserve(best.size());
  for (const auto& [rank, name_index] : best) {
    const NameRef& name = names_[name_index];
    const EntityRef& entity = entities_[name.entity];
    hits.push_back({entity.id, entity.list, name.text, entity.primary_name, entity.schema});
  }
  return hits;
}

}  // namespace interdict::server
