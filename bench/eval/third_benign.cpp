// Benign names of the third set: each shares one word with a listed party
// and is kept only when, by brute force over every listed name, no entity
// holds all of its words (third.h).
#include <algorithm>
#include <set>

#include "name_parts.h"
#include "name_text.h"
#include "third.h"

namespace interdict::eval {
namespace {

std::vector<std::uint32_t> Union(const std::vector<std::uint32_t>& a,
                                 const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::vector<std::uint32_t> Intersect(const std::vector<std::uint32_t>& a,
                                     const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string LatinText(const Name& n) {
  return HasCyrillic(n.full) ? TransliterateCyrillic(n.full) : n.full;
}

bool IsGenericWord(const std::string& folded) {
  static const std::set<std::string> kGeneric = {
      "company",     "companies",     "limited",      "corporation",  "group",       "holding",
      "holdings",    "international", "trading",      "general",      "industries",  "industrial",
      "enterprise",  "enterprises",   "services",     "investment",   "investments", "development",
      "import",      "export",        "shipping",     "global",       "national",    "foreign",
      "joint",       "stock",         "public",       "private",      "closed",      "society",
      "association", "organization",  "organisation", "front",        "movement",    "party",
      "ministry",    "institute",     "center",       "centre",       "university",  "factory",
      "plant",       "network",       "foundation",   "charity",      "committee",   "council",
      "office",      "agency",        "department",   "republic",     "islamic",     "state",
      "bureau",      "research",      "technology",   "technologies", "engineering", "construction",
      "commercial",  "industry",      "liability",    "management",   "production",  "scientific",
      "military",    "brigade",       "brigades",     "battalion",    "forces",      "army",
      "bank",        "exchange",      "energy",       "petroleum"};
  return kGeneric.count(folded) > 0;
}

struct Tables {
  NameParts given;  // region -> given / countries
  std::vector<std::string> generic, legal;
};

std::string RegionOf(const Entity& e, const Tables& t, Rng& rng) {
  std::vector<std::string> countries = e.nationalities;
  countries.insert(countries.end(), e.citizenships.begin(), e.citizenships.end());
  for (std::string& c : countries) c = AsciiUpper(c);  // the model keeps them lower case
  for (const auto& [region, parts] : t.given) {
    auto it = parts.find("countries");
    if (it == parts.end()) continue;
    for (const std::string& c : countries) {
      if (std::find(it->second.begin(), it->second.end(), c) != it->second.end()) return region;
    }
  }
  auto it = t.given.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(rng.Below(t.given.size())));
  return it->first;
}

std::optional<GivenFamily> ListedPerson(const Entity& e) {
  if (e.schema != Schema::kPerson || e.names.empty() || !IsLatinName(e.names[0].full))
    return std::nullopt;
  return SplitListedPerson(e.names[0]);
}

std::string Title(const std::string& words) {
  std::string out = AsciiLower(words);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((i == 0 || out[i - 1] == ' ' || out[i - 1] == '-') && out[i] >= 'a' && out[i] <= 'z')
      out[i] = static_cast<char>(out[i] - 32);
  }
  return out;
}

// A listed family name with another given name of the person's region.
std::optional<EvalCase> FamilyCase(const Entity& e, const Tables& t, const SkeletonOwners& owners,
                                   Rng& rng) {
  auto person = ListedPerson(e);
  if (!person) return std::nullopt;
  const std::string family = FoldNameUtf8(JoinWords(person->family));
  if (family.size() < 4) return std::nullopt;
  const std::vector<std::string>& givens = t.given.at(RegionOf(e, t, rng)).at("given");
  std::string given = rng.Pick(givens);
  if (rng.Chance(0.25)) given += " " + rng.Pick(givens);
  if (!owners.HoldingAll(FoldNameUtf8(given) + " " + family).empty()) return std::nullopt;
  const std::size_t form = rng.Below(3);
  const std::string query = form == 0   ? Title(given) + " " + Title(family)
                            : form == 1 ? AsciiUpper(family) + ", " + Title(given)
                                        : Title(given) + " " + AsciiUpper(family);
  return EvalCase{"t_benign_family", query, "", e.names[0].full, "shares the family name"};
}

// True when every listed holder of the family name is a person whose other
// names all contradict the initials: each name has a word besides the
// family name and the particles, and none of those words starts with any
// of the initials ("A. PEREZ VERDUZCO" for Roberto PEREZ VERDUZCO). An
// organisation or a name with nothing besides the family name cannot say.
bool InitialsContradicted(const std::string& initials, const std::string& family,
                          const std::vector<Entity>& entities, const SkeletonOwners& owners) {
  std::set<std::string> family_keys;
  for (const std::string& w : SplitWords(family)) family_keys.insert(SkeletonKey(w));
  const std::vector<std::uint32_t> holders = owners.HoldingAll(family);
  if (holders.empty()) return false;
  for (std::uint32_t i : holders) {
    if (entities[i].schema != Schema::kPerson) return false;
    for (const Name& n : entities[i].names) {
      std::size_t others = 0;
      for (const std::string& w : SplitWords(FoldNameUtf8(LatinText(n)))) {
        if (family_keys.count(SkeletonKey(w)) > 0 || w == "al" || w == "el" || w == "bin" ||
            w == "ibn" || w == "abu" || w == "de" || w == "del")
          continue;
        if (initials.find(w[0]) != std::string::npos) return false;
        ++others;
      }
      if (others == 0) return false;
    }
  }
  return true;
}

// A listed family name after initials that contradict every listed holder.
std::optional<EvalCase> InitialsCase(const Entity& e, const std::vector<Entity>& entities,
                                     const SkeletonOwners& owners, Rng& rng) {
  auto person = ListedPerson(e);
  if (!person) return std::nullopt;
  const std::string family = FoldNameUtf8(JoinWords(person->family));
  if (family.size() < 4) return std::nullopt;
  static constexpr std::string_view kFirst = "abcdefghijklmnoprstvwyz";
  std::string initials(1, kFirst[rng.Below(kFirst.size())]);
  if (rng.Chance(0.5)) initials += kFirst[rng.Below(kFirst.size())];
  if (!InitialsContradicted(initials, family, entities, owners)) return std::nullopt;
  GivenFamily fake;
  for (char c : initials) fake.given.emplace_back(1, c);
  fake.family = person->family;
  std::string note;
  auto query = AllInitialsVariant(fake, rng, note);
  if (!query) return std::nullopt;
  return EvalCase{"t_benign_initials", *query, "", e.names[0].full, note};
}

// A listed organisation's distinctive word in an unrelated local firm.
std::optional<EvalCase> CompanyCase(const Entity& e, const Tables& t, const SkeletonOwners& owners,
                                    Rng& rng) {
  if (e.schema != Schema::kOrganization || e.names.empty() || !IsLatinName(e.names[0].full))
    return std::nullopt;
  std::vector<std::string> distinctive;
  for (const std::string& w : SplitWords(FoldNameUtf8(e.names[0].full))) {
    const bool letters =
        std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (w.size() >= 5 && letters && !IsGenericWord(w)) distinctive.push_back(w);
  }
  if (distinctive.empty()) return std::nullopt;
  const std::string word = rng.Pick(distinctive);
  const std::string generic = rng.Pick(t.generic);
  if (!owners.HoldingAll(word + " " + FoldNameUtf8(generic)).empty()) return std::nullopt;
  const std::string query = Title(word) + " " + generic + " " + rng.Pick(t.legal);
  return EvalCase{"t_benign_company", query, "", e.names[0].full, "shares '" + word + "'"};
}

}  // namespace

std::string SkeletonKey(std::string_view folded_word) {
  std::string w;
  for (char c : folded_word) {
    if (c >= 'a' && c <= 'z') w.push_back(c);
  }
  if (w.size() <= 2) return w;
  std::string key(1, std::string_view("aeiouy").find(w[0]) != std::string_view::npos ? '_' : '#');
  for (char c : w) {
    char k = c;
    if (std::string_view("aeiouyhw").find(c) != std::string_view::npos) continue;
    if (c == 'c' || c == 'q' || c == 'k') k = 'k';
    if (c == 'z' || c == 'x') k = 's';
    if (c == 'g') k = 'j';
    if (c == 'v' || c == 'f' || c == 'p') k = 'b';
    if (c == 'd') k = 't';
    if (key.back() != k) key.push_back(k);
  }
  return key;
}

SkeletonOwners::SkeletonOwners(const std::vector<Entity>& entities) {
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    for (const Name& n : entities[i].names) {
      const std::string text = LatinText(n);
      if (!IsLatinName(text)) continue;
      const std::vector<std::string> words = SplitWords(FoldNameUtf8(text));
      for (std::size_t k = 0; k < words.size(); ++k) {
        for (const std::string& w :
             {words[k], k + 1 < words.size() ? words[k] + words[k + 1] : std::string()}) {
          if (w.empty()) continue;
          std::vector<std::uint32_t>& owners = owners_[SkeletonKey(w)];
          if (owners.empty() || owners.back() != i) owners.push_back(i);
        }
      }
    }
  }
}

const std::vector<std::uint32_t>& SkeletonOwners::Owners(std::string_view folded_word) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = owners_.find(SkeletonKey(folded_word));
  return it == owners_.end() ? kNone : it->second;
}

std::vector<std::uint32_t> SkeletonOwners::HoldingAll(std::string_view name) const {
  const std::vector<std::string> words = SplitWords(FoldNameUtf8(name));
  std::vector<std::uint32_t> all;
  for (std::size_t k = 0; k < words.size(); ++k) {
    std::vector<std::uint32_t> any = Owners(words[k]);
    if (k > 0) any = Union(any, Owners(words[k - 1] + words[k]));
    if (k + 1 < words.size()) any = Union(any, Owners(words[k] + words[k + 1]));
    all = k == 0 ? any : Intersect(all, any);
    if (all.empty()) break;
  }
  return all;
}

Result<std::vector<EvalCase>> MakeThirdBenign(const std::vector<Entity>& entities,
                                              const ThirdOptions& options) {
  Tables t;
  auto given = LoadNameParts(options.tables_dir / "third_given.tsv", true, "");
  if (!given) return Err(given.error());
  t.given = std::move(*given);
  for (const auto& [region, parts] : t.given) {
    if (parts.count("given") == 0 || parts.at("given").empty())
      return Err(Status::ParseError("region '" + region + "' has no given names")
                     .InFile((options.tables_dir / "third_given.tsv").string()));
  }
  auto companies = LoadNameParts(options.tables_dir / "third_companies.tsv", false, "generic");
  if (!companies) return Err(companies.error());
  t.generic = (*companies)[""]["generic"];
  t.legal = (*companies)[""]["legal"];
  if (t.generic.empty() || t.legal.empty())
    return Err(Status::ParseError("needs 'generic' and 'legal' rows")
                   .InFile((options.tables_dir / "third_companies.tsv").string()));

  const SkeletonOwners owners(entities);
  Rng rng(options.seed ^ 0x7B1E9ull);
  std::vector<const Entity*> order;
  for (const Entity& e : entities) order.push_back(&e);
  rng.Shuffle(order);
  std::set<std::string> seen;
  std::vector<EvalCase> out;
  std::size_t family = 0, initials = 0, company = 0;
  const std::size_t quota = options.per_category;
  for (const Entity* e : order) {
    std::optional<EvalCase> c;
    if (family < quota && (c = FamilyCase(*e, t, owners, rng)) && seen.insert(c->query).second) {
      ++family;
      out.push_back(*c);
    }
    if (initials < quota && (c = InitialsCase(*e, entities, owners, rng)) &&
        seen.insert(c->query).second) {
      ++initials;
      out.push_back(*c);
    }
    if (company < quota && (c = CompanyCase(*e, t, owners, rng)) && seen.insert(c->query).second) {
      ++company;
      out.push_back(*c);
    }
  }
  return out;
}

}  // namespace interdict::eval
