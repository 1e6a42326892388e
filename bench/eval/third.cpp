#include "third.h"

#include <algorithm>
#include <functional>
#include <map>

#include "heldout.h"
#include "name_text.h"

namespace interdict::eval {
namespace {

std::uint64_t Mix(std::uint64_t seed, std::string_view s) {
  for (char c : s) seed = (seed ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return seed;
}

bool Strong(const Name& n) {
  return n.quality != NameQuality::kWeak && n.quality != NameQuality::kLow;
}

std::size_t Letters(std::string_view s) {
  std::size_t n = 0;
  for (char32_t c : FoldName(s)) n += c != ' ';
  return n;
}

const Name* PickLatinName(const Entity& e, Rng& rng) {
  std::vector<const Name*> names;
  for (const Name& n : e.names) {
    if (Strong(n) && IsLatinName(n.full) && Letters(n.full) >= 4) names.push_back(&n);
  }
  return names.empty() ? nullptr : rng.Pick(names);
}

bool IsTitleWord(const std::string& folded) {
  static const std::vector<std::string> kTitles = {
      "dr",    "mr",      "mrs",     "ms",     "haji",    "hajji", "sheikh", "shaykh",
      "sheik", "mullah",  "mulla",   "maulvi", "mawlawi", "qari",  "sayyid", "sayed",
      "syed",  "general", "colonel", "col",    "gen",     "imam",  "prof",   "u",
      "daw",   "jr",      "sr",      "ii",     "iii",     "iv"};
  return std::find(kTitles.begin(), kTitles.end(), folded) != kTitles.end();
}

bool IsParticle(const std::string& folded) {
  static const std::vector<std::string> kParticles = {"al", "el", "bin",  "ibn",  "ben", "abu",
                                                      "de", "da", "del",  "van",  "von", "di",
                                                      "le", "la", "bint", "ould", "dos"};
  return std::find(kParticles.begin(), kParticles.end(), folded) != kParticles.end();
}

std::vector<std::string> WithoutTitles(const std::vector<std::string>& words) {
  std::vector<std::string> out;
  for (const std::string& w : words) {
    const std::string f = FoldNameUtf8(w);
    if (!f.empty() && !IsTitleWord(f)) out.push_back(w);
  }
  return out;
}

std::vector<std::string> Countries(const Entity& e) {
  std::vector<std::string> out = e.nationalities;
  out.insert(out.end(), e.citizenships.begin(), e.citizenships.end());
  out.insert(out.end(), e.countries.begin(), e.countries.end());
  for (std::string& c : out) c = AsciiUpper(c);  // the model keeps them lower case
  return out;
}

using Generator = std::function<std::optional<EvalCase>(const Entity&, Rng&)>;
using TextVariant = std::function<std::optional<std::string>(std::string_view, Rng&, std::string&)>;

bool Schemas(const Entity& e, std::initializer_list<Schema> allowed) {
  return std::find(allowed.begin(), allowed.end(), e.schema) != allowed.end();
}

Generator FromName(TextVariant variant, std::initializer_list<Schema> schemas) {
  std::vector<Schema> allowed(schemas);
  return [variant, allowed](const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    if (std::find(allowed.begin(), allowed.end(), e.schema) == allowed.end()) return std::nullopt;
    const Name* name = PickLatinName(e, rng);
    if (name == nullptr) return std::nullopt;
    std::string note;
    auto q = variant(name->full, rng, note);
    if (!q || Letters(*q) < 3) return std::nullopt;
    return EvalCase{"", *q, "", name->full, note};
  };
}

// Persons whose family name is rare in the lists: initials and that name
// still single them out.
Generator InitialsCase(const SkeletonOwners& owners) {
  return [&owners](const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    if (e.schema != Schema::kPerson) return std::nullopt;
    const Name* name = PickLatinName(e, rng);
    if (name == nullptr) return std::nullopt;
    auto person = SplitListedPerson(*name);
    if (!person) return std::nullopt;
    std::size_t rarest = SIZE_MAX, letters = 0;
    for (const std::string& w : SplitWords(FoldNameUtf8(JoinWords(person->family)))) {
      if (IsParticle(w)) continue;
      letters += w.size();
      rarest = std::min(rarest, owners.Owners(w).size());
    }
    if (letters < 5 || rarest > 6) return std::nullopt;
    std::string note;
    auto q = AllInitialsVariant(*person, rng, note);
    if (!q) return std::nullopt;
    return EvalCase{"", *q, "", name->full, note + ",holders=" + std::to_string(rarest)};
  };
}

bool EastAsian(const Entity& e) {
  for (const std::string& c : Countries(e)) {
    if (c == "CN" || c == "KP" || c == "KR" || c == "VN" || c == "TW" || c == "HK" || c == "MO")
      return true;
  }
  return false;
}

std::optional<EvalCase> EastAsianCase(const Entity& e, Rng& rng) {
  if (e.schema != Schema::kPerson || !EastAsian(e)) return std::nullopt;
  const Name* name = PickLatinName(e, rng);
  if (name == nullptr) return std::nullopt;
  auto person = SplitListedPerson(*name);
  if (!person) return std::nullopt;
  // Without a comma or fields, the lists write these names family first.
  const bool fields = std::any_of(name->parts.begin(), name->parts.end(), [](const NamePart& p) {
    return p.type == NamePartType::kFamily;
  });
  if (!fields && name->full.find(',') == std::string::npos) {
    std::vector<std::string> words = SplitWords(name->full);
    person->family.assign(words.begin(), words.begin() + 1);
    person->given.assign(words.begin() + 1, words.end());
  }
  std::string note;
  auto q = EastAsianVariant(*person, rng, note);
  if (!q || FoldNameUtf8(*q) == FoldNameUtf8(name->full)) return std::nullopt;
  return EvalCase{"", *q, "", name->full, note};
}

std::optional<EvalCase> VesselCase(const Entity& e, Rng& rng) {
  if (e.schema != Schema::kVessel) return std::nullopt;
  const Name* name = PickLatinName(e, rng);
  if (name == nullptr) return std::nullopt;
  std::string imo;
  for (const Identifier& id : e.identifiers) {
    std::string digits;
    for (char c : id.value) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (id.type == IdentifierType::kImo && digits.size() == 7) imo = digits;
  }
  std::string note;
  auto q = VesselVariant(name->full, imo, rng, note);
  if (!q) return std::nullopt;
  return EvalCase{"", *q, "", name->full, note};
}

std::optional<EvalCase> NationalCase(const Entity& e, Rng& rng) {
  if (!Schemas(e, {Schema::kPerson, Schema::kOrganization, Schema::kUnknown})) return std::nullopt;
  // Prefer a name written with national letters, which few lists keep.
  const Name* marked = nullptr;
  for (const Name& n : e.names) {
    const std::u32string t = DecodeUtf8(n.full);
    if (Strong(n) && IsLatinName(n.full) &&
        std::any_of(t.begin(), t.end(), [](char32_t c) { return c >= 0xC0 && c <= 0x24F; }))
      marked = &n;
  }
  const Name* name = marked ? marked : PickLatinName(e, rng);
  if (name == nullptr) return std::nullopt;
  std::string note;
  auto q = NationalLettersVariant(name->full, Countries(e), rng, note);
  if (!q) return std::nullopt;
  return EvalCase{"", *q, "", name->full, note};
}

// Entities by list, each list shuffled; lists take turns, each entity is
// tried at most once, until `quota` cases are made.
std::vector<EvalCase> Sample(const std::string& category, const Generator& generate,
                             const std::vector<Entity>& entities, std::size_t quota,
                             std::uint64_t seed) {
  Rng rng(Mix(seed, category));
  std::map<std::string, std::vector<const Entity*>> by_list;
  for (const Entity& e : entities) by_list[e.list].push_back(&e);
  std::vector<std::vector<const Entity*>> queues;
  for (auto& [list, members] : by_list) {
    rng.Shuffle(members);
    queues.push_back(std::move(members));
  }
  std::vector<std::size_t> next(queues.size(), 0);
  std::vector<EvalCase> out;
  for (bool any = true; any && out.size() < quota;) {
    any = false;
    for (std::size_t q = 0; q < queues.size() && out.size() < quota; ++q) {
      while (next[q] < queues[q].size()) {
        const Entity& e = *queues[q][next[q]++];
        any = true;
        std::optional<EvalCase> c = generate(e, rng);
        if (!c) continue;
        c->category = category;
        c->expected_id = e.id;
        out.push_back(std::move(*c));
        break;
      }
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& ThirdCategories() {
  static const std::vector<std::string> kCategories = {
      "t_phonetic",      "t_keyboard",        "t_ocr",           "t_initials_all",
      "t_national",      "t_east_asian",      "t_vessel",        "t_org_words",
      "t_benign_family", "t_benign_initials", "t_benign_company"};
  return kCategories;
}

bool IsAnyBenign(std::string_view category) {
  return IsBenignCategory(category) || category.rfind("t_benign", 0) == 0;
}

std::optional<GivenFamily> SplitListedPerson(const Name& name) {
  GivenFamily p;
  bool has_family = false, has_other = false;
  for (const NamePart& part : name.parts) {
    has_family = has_family || part.type == NamePartType::kFamily;
    has_other = has_other || part.type == NamePartType::kOther;
  }
  if (has_family && !has_other) {  // the list's own fields
    for (const NamePart& part : name.parts) {
      std::vector<std::string> words = SplitWords(part.value);
      if (part.type == NamePartType::kFamily) {
        p.family.insert(p.family.end(), words.begin(), words.end());
      } else if (part.type == NamePartType::kGiven || part.type == NamePartType::kMiddle ||
                 part.type == NamePartType::kPatronymic) {
        p.given.insert(p.given.end(), words.begin(), words.end());
      }
    }
  } else if (const std::size_t comma = name.full.find(','); comma != std::string::npos) {
    p.family = SplitWords(name.full.substr(0, comma));
    p.given = SplitWords(name.full.substr(comma + 1));
  } else {
    std::vector<std::string> words = WithoutTitles(SplitWords(name.full));
    if (words.size() < 2) return std::nullopt;
    std::size_t split = words.size() - 1;
    if (split >= 2 && IsParticle(FoldNameUtf8(words[split - 1]))) --split;
    p.given.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(split));
    p.family.assign(words.begin() + static_cast<std::ptrdiff_t>(split), words.end());
  }
  p.given = WithoutTitles(p.given);
  p.family = WithoutTitles(p.family);
  if (p.given.empty() || p.family.empty()) return std::nullopt;
  return p;
}

Result<std::vector<EvalCase>> MakeThirdSet(const std::vector<Entity>& entities,
                                           const ThirdOptions& options) {
  auto rules = LoadPhoneticRules(options.tables_dir / "third_phonetic.tsv");
  if (!rules) return Err(rules.error());
  const SkeletonOwners owners(entities);
  const std::vector<PhoneticRule>& phonetic = *rules;
  const auto persons = {Schema::kPerson};
  const auto parties = {Schema::kPerson, Schema::kOrganization, Schema::kUnknown};
  std::vector<std::pair<std::string, Generator>> generators = {
      {"t_phonetic",
       FromName([&phonetic](std::string_view n, Rng& r,
                            std::string& note) { return PhoneticVariant(n, phonetic, r, note); },
                persons)},
      {"t_keyboard", FromName(KeyboardVariant, parties)},
      {"t_ocr", FromName(OcrVariant, parties)},
      {"t_initials_all", InitialsCase(owners)},
      {"t_national", NationalCase},
      {"t_east_asian", EastAsianCase},
      {"t_vessel", VesselCase},
      {"t_org_words", FromName(OrgWordsVariant, {Schema::kOrganization})}};
  std::vector<EvalCase> cases;
  for (const auto& [category, generate] : generators) {
    auto sampled = Sample(category, generate, entities, options.per_category, options.seed);
    cases.insert(cases.end(), sampled.begin(), sampled.end());
  }
  auto benign = MakeThirdBenign(entities, options);
  if (!benign) return Err(benign.error());
  cases.insert(cases.end(), benign->begin(), benign->end());
  return cases;
}

}  // namespace interdict::eval
