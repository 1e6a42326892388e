#include "store/entity_diff.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace interdict::store {
namespace {

using nlohmann::json;

// Members that say which thing an array element describes, most specific
// first: a name's text, an address's one-line form, a relation's target, an
// attribute's key, an identifier's value. Two leftover elements agreeing on
// the first of these that both carry are the same thing, changed.
constexpr std::string_view kIdentityKeys[] = {"name", "full", "target", "key", "value"};

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Appends one reference token to a JSON pointer (RFC 6901 escaping).
std::string Child(const std::string& path, std::string_view token) {
  std::string out = path + "/";
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

bool SameIdentity(const json& a, const json& b) {
  if (!a.is_object() || !b.is_object()) return false;
  for (std::string_view key : kIdentityKeys) {
    auto ia = a.find(key);
    auto ib = b.find(key);
    if (ia == a.end() || ib == b.end()) continue;
    // An empty identity (an unresolved relation's target) identifies nothing.
    if (ia->is_string() && ia->get_ref<const std::string&>().empty()) continue;
    return *ia == *ib;
  }
  return false;
}

class Differ {
 public:
  explicit Differ(std::vector<FieldChange>& out) : out_(out) {}

  void Values(const json& a, const json& b, const std::string& path) {
    if (a == b) return;
    if (a.is_object() && b.is_object()) return Objects(a, b, path);
    if (a.is_array() && b.is_array()) return Arrays(a, b, path);
    out_.push_back({path, Dump(a), Dump(b)});
  }

 private:
  // Keys of nlohmann::json objects iterate in sorted order, so one merge
  // pass visits the union of both key sets.
  void Objects(const json& a, const json& b, const std::string& path) {
    auto ia = a.begin();
    auto ib = b.begin();
    const auto end_a = a.end();
    const auto end_b = b.end();
    while (ia != end_a || ib != end_b) {
      if (ib == end_b || (ia != end_a && ia.key() < ib.key())) {
        out_.push_back({Child(path, ia.key()), Dump(ia.value()), ""});
        ++ia;
      } else if (ia == end_a || ib.key() < ia.key()) {
        out_.push_back({Child(path, ib.key()), "", Dump(ib.value())});
        ++ib;
      } else {
        Values(ia.value(), ib.value(), Child(path, ia.key()));
        ++ia;
        ++ib;
      }
    }
  }

  void Arrays(const json& a, const json& b, const std::string& path) {
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // 1. Equal elements match wherever they are (first unused equal one).
    std::unordered_map<std::string, std::vector<std::size_t>> unmatched_b;
    for (std::size_t j = b.size(); j-- > 0;) unmatched_b[Dump(b[j])].push_back(j);
    std::vector<std::size_t> partner_of_a(a.size(), kNone);
    std::vector<std::size_t> partner_of_b(b.size(), kNone);
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto it = unmatched_b.find(Dump(a[i]));
      if (it == unmatched_b.end() || it->second.empty()) continue;
      std::size_t j = it->second.back();
      it->second.pop_back();
      partner_of_a[i] = j;
      partner_of_b[j] = i;
    }
    // 2. Leftovers describing the same thing are paired as changed.
    std::vector<bool> changed_pair(b.size(), false);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (partner_of_a[i] != kNone) continue;
      for (std::size_t j = 0; j < b.size(); ++j) {
        if (partner_of_b[j] != kNone || !SameIdentity(a[i], b[j])) continue;
        partner_of_a[i] = j;
        partner_of_b[j] = i;
        changed_pair[j] = true;
        break;
      }
    }
    // 3. Report removals (old index), then changes and additions (new index).
    const std::size_t before = out_.size();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (partner_of_a[i] == kNone) out_.push_back({Child(path, i), Dump(a[i]), ""});
    }
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (partner_of_b[j] == kNone) {
        out_.push_back({Child(path, j), "", Dump(b[j])});
      } else if (changed_pair[j]) {
        Values(a[partner_of_b[j]], b[j], Child(path, j));
      }
    }
    // Same elements in a different order: the order itself changed (it
    // matters, e.g. names[0] is the primary name).
    if (out_.size() == before) out_.push_back({path, Dump(a), Dump(b)});
  }

  std::vector<FieldChange>& out_;
};

}  // namespace

std::vector<FieldChange> DiffJson(const json& before, const json& after) {
  std::vector<FieldChange> changes;
  Differ(changes).Values(before, after, "");
  return changes;
}

}  // namespace interdict::store
