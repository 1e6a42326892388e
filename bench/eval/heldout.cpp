#include "heldout.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>

#include "heldout_forms.h"
#include "name_text.h"

namespace interdict::eval {
namespace {

std::uint64_t Mix(std::uint64_t seed, std::string_view s) {
  for (char c : s) seed = (seed ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return seed;
}

std::size_t Letters(std::string_view s) {
  std::size_t n = 0;
  for (char32_t c : FoldName(s)) n += c != ' ';
  return n;
}

bool Strong(const Name& n) {
  return n.quality != NameQuality::kWeak && n.quality != NameQuality::kLow;
}

// Any strong Latin name of the entity, aliases included (the first set
// starts from the primary only).
const std::string* PickLatinName(const Entity& e, Rng& rng) {
  std::vector<const std::string*> names;
  for (const Name& n : e.names) {
    if (Strong(n) && IsLatinName(n.full) && Letters(n.full) >= 4) names.push_back(&n.full);
  }
  return names.empty() ? nullptr : rng.Pick(names);
}

const char* ScriptOf(std::string_view name) {
  for (char32_t c : DecodeUtf8(name)) {
    if (c >= 0x600 && c <= 0x6FF) return "arabic-script";
    if (c >= 0x400 && c <= 0x4FF) return "cyrillic";
    if (c >= 0x370 && c <= 0x3FF) return "greek";
    if (c >= 0x3040 && c <= 0x30FF) return "kana";
    if (c >= 0xAC00 && c <= 0xD7AF) return "hangul";
    if (c >= 0x4E00 && c <= 0x9FFF) return "han";
  }
  return "other-script";
}

using Variant = std::function<std::optional<std::string>(std::string_view, Rng&, std::string&)>;
// A case made from one entity, or nullopt when the category does not apply.
using Generator = std::function<std::optional<EvalCase>(const Entity&, Rng&)>;

Generator FromLatinName(Variant variant, bool persons_only, bool organizations_only) {
  return [=](const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    if (persons_only && e.schema != Schema::kPerson) return std::nullopt;
    if (organizations_only && e.schema != Schema::kOrganization) return std::nullopt;
    const std::string* name = PickLatinName(e, rng);
    if (name == nullptr) return std::nullopt;
    std::string note;
    std::optional<std::string> query = variant(*name, rng, note);
    if (!query || Letters(*query) < 3) return std::nullopt;
    return EvalCase{"", *query, "", *name, note};
  };
}

bool HasAsciiLetter(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
}

// A name the entity's own script gives (UN NAME_ORIGINAL_SCRIPT, FtM), or
// our Cyrillic for a Latin Russian name; screened against Latin names only.
// The EU's Cyrillic and Greek names are translations into EU languages, not
// the party's own script, and names that carry their own Latin rendering
// ("Akrin Saleh Akrin (أقرين صالح أقرين)") are not what anyone types.
std::optional<EvalCase> ScriptCase(const Entity& e, Rng& rng) {
  const bool own_script = e.list == "un-sc" || e.list.rfind("ftm", 0) == 0;
  std::vector<const std::string*> scripted;
  bool has_latin = false;
  for (const Name& n : e.names) {
    if (IsLatinName(n.full)) {
      has_latin = has_latin || (Strong(n) && Letters(n.full) >= 3);
    } else if (own_script && Letters(n.full) >= 2 && !HasAsciiLetter(n.full)) {
      scripted.push_back(&n.full);
    }
  }
  if (!has_latin) return std::nullopt;
  EvalCase c;
  if (!scripted.empty()) {
    c.query = c.source_name = *rng.Pick(scripted);
    c.note = ScriptOf(c.query);
    return c;
  }
  const std::string* latin = PickLatinName(e, rng);
  if (e.schema != Schema::kPerson || latin == nullptr || !HasPatronymic(*latin)) {
    return std::nullopt;
  }
  c.source_name = *latin;
  c.query = LatinToCyrillic(*latin);
  c.note = "cyrillic-from-latin";
  return c;
}

std::vector<std::pair<std::string, Generator>> Generators() {
  std::vector<std::pair<std::string, Generator>> g;
  g.emplace_back("h_form_order", FromLatinName(FormOrderVariant, true, false));
  g.emplace_back("h_particles", FromLatinName(ParticleVariant, false, false));
  g.emplace_back("h_letters", FromLatinName(LetterVariant, false, false));
  g.emplace_back("h_two_typos", FromLatinName(TwoTyposVariant, false, false));
  g.emplace_back("h_given_family", FromLatinName(GivenFamilyVariant, true, false));
  g.emplace_back("h_titles", [](const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    if (e.schema != Schema::kPerson) return std::nullopt;
    const bool female = e.gender == Gender::kFemale;
    Variant v = [female](std::string_view n, Rng& r, std::string& note) {
      return TitleVariant(n, female, r, note);
    };
    return FromLatinName(v, true, false)(e, rng);
  });
  g.emplace_back("h_script", ScriptCase);
  g.emplace_back("h_company", FromLatinName(CompanyVariant, false, true));
  return g;
}

// Entities drawn uniformly from all lists together, each at most once per
// category, until `quota` cases are made.
std::vector<EvalCase> Sample(const std::string& category, const Generator& generate,
                             const std::vector<const Entity*>& pool, std::size_t quota,
                             std::uint64_t seed) {
  Rng rng(Mix(seed, category));
  std::vector<const Entity*> order = pool;
  rng.Shuffle(order);
  std::vector<EvalCase> out;
  for (const Entity* e : order) {
    if (out.size() >= quota) break;
    std::optional<EvalCase> c = generate(*e, rng);
    if (!c) continue;
    c->category = category;
    c->expected_id = e->id;
    out.push_back(std::move(*c));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& HeldoutCategories() {
  static const std::vector<std::string> kCategories = {
      "h_form_order", "h_particles", "h_letters", "h_two_typos",     "h_given_family",
      "h_titles",     "h_script",    "h_company", "h_benign_person", "h_benign_company"};
  return kCategories;
}

bool IsBenignCategory(std::string_view category) {
  return category == kBenign || category.rfind("h_benign", 0) == 0;
}

std::vector<Entity> LatinOnly(const std::vector<Entity>& entities) {
  std::vector<Entity> out = entities;
  for (Entity& e : out) {
    std::erase_if(e.names, [](const Name& n) { return !IsLatinName(n.full); });
  }
  return out;
}

Result<std::vector<EvalCase>> MakeHeldoutSet(const std::vector<Entity>& entities,
                                             const HeldoutOptions& options) {
  std::vector<const Entity*> pool;
  for (const Entity& e : entities) {
    if (e.schema == Schema::kPerson || e.schema == Schema::kOrganization ||
        e.schema == Schema::kUnknown) {
      pool.push_back(&e);
    }
  }
  std::vector<EvalCase> cases;
  for (const auto& [category, generate] : Generators()) {
    std::vector<EvalCase> sampled =
        Sample(category, generate, pool, options.per_category, options.seed);
    cases.insert(cases.end(), sampled.begin(), sampled.end());
  }
  auto benign = MakeHeldoutBenign(entities, options);
  if (!benign) return Err(benign.error());
  cases.insert(cases.end(), benign->begin(), benign->end());
  return cases;
}

}  // namespace interdict::eval
