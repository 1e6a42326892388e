// Benign negatives: ordinary person and company names that are on no list.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "eval_set.h"
#include "name_parts.h"
#include "name_text.h"
#include "variants.h"

namespace interdict::eval {
namespace {

using Table = NameParts;

// One name part: as written, and its Latin renderings (for the filter).
struct Part {
  std::string native;
  std::vector<std::string> latin;
};

// "عمر=Omar/Umar" -> native and two renderings; Cyrillic is transliterated;
// a Latin value is its own rendering.
Part ParsePart(const std::string& value) {
  std::size_t eq = value.find('=');
  Part part{value.substr(0, eq), {}};
  if (eq != std::string::npos) {
    for (std::size_t start = eq + 1, slash;; start = slash + 1) {
      slash = value.find('/', start);
      part.latin.push_back(value.substr(start, slash - start));
      if (slash == std::string::npos) break;
    }
  } else {
    part.latin.push_back(HasCyrillic(value) ? TransliterateCyrillic(value) : value);
  }
  return part;
}

// A generated name and the Latin forms it may take.
struct Generated {
  std::string name;
  std::vector<std::string> renderings;
};

// Fills a pattern such as "given middle family" or "family+given".
Generated FillPattern(const std::string& pattern,
                      const std::map<std::string, std::vector<std::string>>& parts, Rng& rng) {
  Generated out{"", {""}};
  for (const std::string& word : SplitWords(pattern)) {
    if (!out.name.empty()) out.name += ' ';
    std::size_t start = 0;
    for (std::size_t plus;; start = plus + 1) {
      plus = word.find('+', start);
      auto it = parts.find(word.substr(start, plus - start));
      if (it != parts.end() && !it->second.empty()) {
        Part part = ParsePart(rng.Pick(it->second));
        out.name += part.native;
        std::vector<std::string> next;  // every combination of renderings
        for (const std::string& prefix : out.renderings) {
          for (const std::string& latin : part.latin) {
            next.push_back(prefix.empty() ? latin : prefix + " " + latin);
          }
        }
        out.renderings = std::move(next);
      }
      if (plus == std::string::npos) break;
    }
  }
  return out;
}

// Names no benign query may be: every listed name folded, with its words
// sorted, and romanisation-normalised (RomanisedKey). Either side may also
// leave one name out: a listed name of three or more words without one of
// them ("Denis Gusev" is GUSEV, Denis Igorevich without his patronymic,
// which the dropped_middle category counts as a hit), or a listed name with
// one word more ("Vorobyov Stanislav Pavlovich" for VOROBYOV, Stanislav).
struct ListedKeys {
  std::set<std::string> folded, token_sets, romanised;      // listed names
  std::set<std::string> partial_tokens, partial_romanised;  // less one word
  bool IsListed(const std::string& name) const {
    return token_sets.count(TokenSetKey(name)) > 0 || romanised.count(RomanisedKey(name)) > 0;
  }
  bool Contains(const std::string& name) const {
    if (folded.count(FoldNameUtf8(name)) > 0 || IsListed(name) ||
        partial_tokens.count(TokenSetKey(name)) > 0 ||
        partial_romanised.count(RomanisedKey(name)) > 0) {
      return true;
    }
    const std::vector<std::string> words = SplitWords(FoldNameUtf8(name));
    for (std::size_t skip = 0; words.size() >= 3 && skip < words.size(); ++skip) {
      std::vector<std::string> rest = words;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(skip));
      if (IsListed(JoinWords(rest))) return true;
    }
    return false;
  }
  bool ContainsAny(const Generated& g) const {
    if (Contains(g.name)) return true;
    return std::any_of(g.renderings.begin(), g.renderings.end(),
                       [&](const std::string& r) { return Contains(r); });
  }
};

ListedKeys CollectListedKeys(const std::vector<Entity>& entities) {
  ListedKeys keys;
  for (const Entity& e : entities) {
    for (const Name& n : e.names) {
      keys.folded.insert(FoldNameUtf8(n.full));
      keys.token_sets.insert(TokenSetKey(n.full));
      keys.romanised.insert(RomanisedKey(n.full));
      const std::vector<std::string> words = SplitWords(FoldNameUtf8(n.full));
      if (words.size() < 3) continue;
      for (std::size_t skip = 0; skip < words.size(); ++skip) {
        std::vector<std::string> rest = words;
        rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(skip));
        const std::string partial = JoinWords(rest);
        keys.partial_tokens.insert(TokenSetKey(partial));
        keys.partial_romanised.insert(RomanisedKey(partial));
      }
    }
  }
  return keys;
}

// Draws until `count` distinct unlisted names are found (or attempts run out).
template <typename Draw>
void DrawNames(std::size_t count, const ListedKeys& listed, Rng& rng, Draw draw,
               std::set<std::string>& seen, std::vector<EvalCase>& out) {
  std::size_t wanted = out.size() + count;
  for (std::size_t attempts = 0; out.size() < wanted && attempts < count * 50; ++attempts) {
    auto [generated, note] = draw(rng);
    if (generated.name.empty() || listed.ContainsAny(generated) ||
        !seen.insert(FoldNameUtf8(generated.name)).second) {
      continue;
    }
    out.push_back(EvalCase{std::string(kBenign), generated.name, "", "", note});
  }
}

}  // namespace

Result<std::vector<EvalCase>> MakeBenignCases(const std::vector<Entity>& entities,
                                              const EvalSetOptions& options) {
  auto persons = LoadNameParts(options.tables_dir / "persons.tsv", true, "pattern");
  if (!persons) return Err(persons.error());
  auto companies = LoadNameParts(options.tables_dir / "companies.tsv", false, "pattern");
  if (!companies) return Err(companies.error());
  const auto& company_parts = (*companies)[""];
  for (const char* part : {"word", "sector", "legal"}) {
    if (company_parts.count(part) == 0) {
      return Err(Status::ParseError(std::string("missing part '") + part + "'")
                     .InFile((options.tables_dir / "companies.tsv").string()));
    }
  }
  for (const auto& [culture, parts] : *persons) {
    if (parts.count("pattern") == 0 || parts.count("given") == 0 || parts.count("family") == 0) {
      return Err(Status::ParseError("culture '" + culture + "' needs given, family and pattern")
                     .InFile((options.tables_dir / "persons.tsv").string()));
    }
  }

  ListedKeys listed = CollectListedKeys(entities);
  Rng rng(options.seed ^ 0xB3A16Eull);
  std::set<std::string> seen;
  std::vector<EvalCase> out;
  const std::size_t per_culture = options.benign_persons / persons->size();
  for (const auto& [culture, parts] : *persons) {
    auto draw = [&parts = parts, &culture = culture](Rng& r) {
      return std::pair(FillPattern(r.Pick(parts.at("pattern")), parts, r), culture);
    };
    DrawNames(per_culture, listed, rng, draw, seen, out);
  }
  auto draw_company = [&company_parts](Rng& r) {
    std::string name = r.Pick(company_parts.at("word")) + " " + r.Pick(company_parts.at("sector")) +
                       " " + r.Pick(company_parts.at("legal"));
    return std::pair(Generated{name, {name}}, std::string("company"));
  };
  DrawNames(options.benign_companies, listed, rng, draw_company, seen, out);
  return out;
}

}  // namespace interdict::eval
