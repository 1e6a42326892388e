// Benign names of the held-out set: common names of many cultures and
// common company names, kept only when, by brute force over every listed
// name of every entity, no entity holds all of their words.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "heldout.h"
#include "heldout_forms.h"
#include "name_parts.h"
#include "name_text.h"

namespace interdict::eval {
namespace {

using Table = NameParts;

// Which entities hold a word (by LooseWordKey), over every name they have.
class WordOwners {
 public:
  explicit WordOwners(const std::vector<Entity>& entities) {
    for (std::uint32_t i = 0; i < entities.size(); ++i) {
      for (const Name& n : entities[i].names) {
        std::string text = HasCyrillic(n.full) ? TransliterateCyrillic(n.full) : n.full;
        if (!IsLatinName(text)) continue;
        for (const std::string& w : SplitWords(FoldNameUtf8(text))) {
          for (const std::string& key : LooseWordKeys(w)) {
            std::vector<std::uint32_t>& owners = owners_[key];
            if (owners.empty() || owners.back() != i) owners.push_back(i);
          }
        }
      }
    }
  }
  // Entities holding every word of `latin` (written apart or joined).
  std::vector<std::uint32_t> HoldingAll(const std::string& latin) const {
    const std::vector<std::string> words = SplitWords(FoldNameUtf8(latin));
    std::vector<std::uint32_t> all = Owners(words.empty() ? "" : words[0]);
    for (std::size_t k = 1; k < words.size(); ++k) all = Intersect(all, Owners(words[k]));
    if (words.size() > 1) {
      std::string joined;
      for (const std::string& w : words) joined += w;
      all = Union(all, Owners(joined));
    }
    return all;
  }
  static std::vector<std::uint32_t> Intersect(const std::vector<std::uint32_t>& a,
                                              const std::vector<std::uint32_t>& b) {
    std::vector<std::uint32_t> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }
  static std::vector<std::uint32_t> Union(const std::vector<std::uint32_t>& a,
                                          const std::vector<std::uint32_t>& b) {
    std::vector<std::uint32_t> out;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
  }

 private:
  std::vector<std::uint32_t> Owners(const std::string& word) const {
    std::vector<std::uint32_t> all;
    for (const std::string& key : LooseWordKeys(word)) {
      auto it = owners_.find(key);
      if (it != owners_.end()) all = Union(all, it->second);
    }
    return all;
  }
  std::unordered_map<std::string, std::vector<std::uint32_t>> owners_;
};

// A name part as written, and the Latin spellings it may take.
struct Part {
  std::string native;
  std::vector<std::string> latin;
};

Part ParsePart(const std::string& value) {
  const std::size_t eq = value.find('=');
  Part part{value.substr(0, eq), {}};
  if (eq == std::string::npos) {
    part.latin.push_back(HasCyrillic(value) ? TransliterateCyrillic(value) : value);
    return part;
  }
  for (std::size_t start = eq + 1, slash;; start = slash + 1) {
    slash = value.find('/', start);
    part.latin.push_back(value.substr(start, slash - start));
    if (slash == std::string::npos) break;
  }
  return part;
}

// True when one entity holds every part in some spelling.
bool Listed(const std::vector<Part>& parts, const WordOwners& owners) {
  std::vector<std::uint32_t> common;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    std::vector<std::uint32_t> any;
    for (const std::string& spelling : parts[k].latin) {
      any = WordOwners::Union(any, owners.HoldingAll(spelling));
    }
    common = k == 0 ? any : WordOwners::Intersect(common, any);
    if (common.empty()) return false;
  }
  return true;
}

// "given family", "family given" or "family+given", sometimes with a title
// or as "FAMILY, Given" the way a form may store it.
std::string Compose(const Part& given, const Part& family, const std::string& order, Rng& rng,
                    std::string& note) {
  if (order == "family+given") return family.native + given.native;
  const bool latin = IsLatinName(given.native);
  if (order == "family given") return family.native + " " + given.native;
  if (latin && rng.Chance(0.2)) {
    note += ",comma";
    return AsciiUpper(family.native) + ", " + given.native;
  }
  if (latin && rng.Chance(0.15)) {
    static const std::vector<std::string> kTitles = {"Dr", "Dr.", "Eng.", "Prof.", "Haji"};
    note += ",title";
    return rng.Pick(kTitles) + " " + given.native + " " + family.native;
  }
  return given.native + " " + family.native;
}

void PersonCases(const Table& persons, const WordOwners& owners, const HeldoutOptions& options,
                 Rng& rng, std::set<std::string>& seen, std::vector<EvalCase>& out) {
  const std::size_t per_culture = options.benign_persons / std::max<std::size_t>(1, persons.size());
  for (const auto& [culture, parts] : persons) {
    const auto &given = parts.at("given"), &family = parts.at("family"),
               &orders = parts.at("order");
    std::size_t made = 0;
    for (std::size_t attempt = 0; made < per_culture && attempt < per_culture * 40; ++attempt) {
      const Part g = ParsePart(rng.Pick(given)), f = ParsePart(rng.Pick(family));
      std::string note = culture;
      const std::string name = Compose(g, f, rng.Pick(orders), rng, note);
      if (Listed({g, f}, owners) || !seen.insert(FoldNameUtf8(name)).second) continue;
      out.push_back(EvalCase{"h_benign_person", name, "", "", note});
      ++made;
    }
  }
}

void CompanyCases(const std::map<std::string, std::vector<std::string>>& parts,
                  const WordOwners& owners, const HeldoutOptions& options, Rng& rng,
                  std::set<std::string>& seen, std::vector<EvalCase>& out) {
  std::set<std::string> generic;
  for (const std::string& g : parts.at("generic")) generic.insert(AsciiLower(g));
  std::size_t made = 0;
  for (std::size_t attempt = 0;
       made < options.benign_companies && attempt < options.benign_companies * 40; ++attempt) {
    const std::string word = rng.Pick(parts.at("word")), sector = rng.Pick(parts.at("sector"));
    const std::string name = word + " " + sector + " " + rng.Pick(parts.at("legal"));
    // Every word but the legal form; and, when two or more remain, the
    // distinctive words alone ("Golden Star" of GOLDEN STAR CO).
    std::vector<Part> all, distinctive;
    for (const std::string& w : SplitWords(word + " " + sector)) {
      const std::string lower = AsciiLower(w);
      if (lower == "al" || lower == "el" || lower == "the" || lower == "and") continue;
      all.push_back({w, {w}});
      if (generic.count(AsciiLower(w)) == 0) distinctive.push_back({w, {w}});
    }
    if (Listed(all, owners) || (distinctive.size() >= 2 && Listed(distinctive, owners)) ||
        !seen.insert(FoldNameUtf8(name)).second) {
      continue;
    }
    out.push_back(EvalCase{"h_benign_company", name, "", "", "company"});
    ++made;
  }
}

}  // namespace

std::vector<std::string> LooseWordKeys(std::string_view folded_word) {
  std::string w;
  for (char c : folded_word) {
    if (c >= 'a' && c <= 'z') w.push_back(c);
  }
  static const std::vector<std::pair<std::string_view, std::string_view>> kFolds = {
      {"kh", "h"}, {"gh", "g"}, {"ph", "f"}, {"th", "t"}, {"dh", "d"}, {"sh", "s"},
      {"ch", "c"}, {"zh", "j"}, {"dj", "j"}, {"ck", "k"}, {"q", "k"},  {"c", "k"},
      {"w", "v"},  {"x", "ks"}, {"ou", "u"}, {"oo", "u"}, {"ee", "i"}};
  for (const auto& [from, to] : kFolds) {
    for (std::size_t at = w.find(from); at != std::string::npos;
         at = w.find(from, at + to.size())) {
      w.replace(at, from.size(), to);
    }
  }
  // A plural or a final h is no other name: "Holdings"/"Holding",
  // "Abdullah"/"Abdulla".
  if (w.size() > 4 && (w.back() == 's' || w.back() == 'h')) w.pop_back();
  // Two vowel classings: (a e o u | i y) joins Mohammed and Muhammad,
  // (a | e i y | o u) joins Rashid and Rashed.
  std::vector<std::string> keys(2);
  for (char c : w) {
    const bool vowel = std::string_view("aeiouy").find(c) != std::string_view::npos;
    const char k1 = !vowel ? c : (c == 'i' || c == 'y') ? 'i' : 'a';
    const char k2 = !vowel ? c : c == 'a' ? 'a' : (c == 'o' || c == 'u') ? 'u' : 'i';
    for (auto [key, k] : {std::pair{&keys[0], k1}, std::pair{&keys[1], k2}}) {
      if (key->empty() || key->back() != k) key->push_back(k);  // doubles and vowel runs once
    }
  }
  keys[1].insert(keys[1].begin(), '2');  // the two classings never collide
  return keys;
}

Result<std::vector<EvalCase>> MakeHeldoutBenign(const std::vector<Entity>& entities,
                                                const HeldoutOptions& options) {
  auto persons = LoadNameParts(options.tables_dir / "heldout_persons.tsv", true, "order");
  if (!persons) return Err(persons.error());
  auto companies = LoadNameParts(options.tables_dir / "heldout_companies.tsv", false, "order");
  if (!companies) return Err(companies.error());
  for (const auto& [culture, parts] : *persons) {
    for (const char* part : {"given", "family", "order"}) {
      if (parts.count(part) == 0) {
        return Err(Status::ParseError("culture '" + culture + "' has no " + part)
                       .InFile((options.tables_dir / "heldout_persons.tsv").string()));
      }
    }
  }
  for (const char* part : {"word", "sector", "legal", "generic"}) {
    if ((*companies)[""].count(part) == 0) {
      return Err(Status::ParseError(std::string("missing part '") + part + "'")
                     .InFile((options.tables_dir / "heldout_companies.tsv").string()));
    }
  }
  const WordOwners owners(entities);
  Rng rng(options.seed ^ 0x5EED0Bull);
  std::set<std::string> seen;
  std::vector<EvalCase> out;
  PersonCases(*persons, owners, options, rng, seen, out);
  CompanyCases((*companies)[""], owners, options, rng, seen, out);
  return out;
}

}  // namespace interdict::eval
