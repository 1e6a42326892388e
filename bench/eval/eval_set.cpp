#include "eval_set.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <optional>

#include "name_text.h"
#include "variants.h"

namespace interdict::eval {
namespace {

std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

std::size_t LetterCount(std::string_view s) {
  std::size_t n = 0;
  for (char32_t c : FoldName(s)) n += c != ' ';
  return n;
}

bool IsScreenable(const Entity& e) {
  return e.schema == Schema::kPerson || e.schema == Schema::kOrganization ||
         e.schema == Schema::kUnknown;
}

// The name most categories start from: the primary, when it is Latin and
// long enough to be a name rather than an acronym.
const std::string* SourceName(const Entity& e) {
  const std::string& name = e.PrimaryName();
  if (name.empty() || !IsLatinName(name) || LetterCount(name) < 4) return nullptr;
  return &name;
}

// A partly filled case: the generator's query, source name and note.
using Generator = std::function<std::optional<EvalCase>(const Entity&, Rng&)>;

// Wraps a name-to-query variant function as a Generator over primary names.
Generator FromPrimary(std::function<std::optional<std::string>(std::string_view, Rng&)> variant,
                      std::function<bool(const Entity&)> applies) {
  return [variant = std::move(variant), applies = std::move(applies)](
             const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    const std::string* name = SourceName(e);
    if (name == nullptr || !applies(e)) return std::nullopt;
    std::optional<std::string> query = variant(*name, rng);
    if (!query || LetterCount(*query) < 3) return std::nullopt;
    return EvalCase{"", *query, "", *name, ""};
  };
}

std::optional<EvalCase> AliasCase(const Entity& e, Rng& rng) {
  const std::string* primary = SourceName(e);
  if (primary == nullptr) return std::nullopt;
  std::string primary_key = FoldNameUtf8(*primary);
  std::vector<const Name*> aliases;
  for (const Name& n : e.names) {
    if (n.kind == NameKind::kPrimary || n.quality == NameQuality::kWeak ||
        n.quality == NameQuality::kLow || !IsLatinName(n.full) || LetterCount(n.full) < 4 ||
        FoldNameUtf8(n.full) == primary_key) {
      continue;
    }
    aliases.push_back(&n);
  }
  if (aliases.empty()) return std::nullopt;
  const Name& alias = *rng.Pick(aliases);
  return EvalCase{"", alias.full, "", *primary, std::string(NameKindName(alias.kind))};
}

// Lists whose non-Latin names are the party's own script (UN
// NAME_ORIGINAL_SCRIPT, FtM names). The EU's Cyrillic and Greek names are
// translations into EU languages, not original scripts.
bool HasOriginalScriptNames(const Entity& e) {
  return e.list == "un-sc" || e.list.rfind("ftm", 0) == 0;
}

std::optional<EvalCase> OriginalScriptCase(const Entity& e, Rng& rng) {
  if (!HasOriginalScriptNames(e)) return std::nullopt;
  std::vector<const std::string*> scripted;
  bool has_latin = false;
  for (const Name& n : e.names) {
    if (IsLatinName(n.full)) {
      has_latin = true;
    } else if (LetterCount(n.full) >= 3) {
      scripted.push_back(&n.full);
    }
  }
  if (scripted.empty()) return std::nullopt;
  const std::string& name = *rng.Pick(scripted);
  EvalCase c{"", name, "", name, ""};
  if (HasCyrillic(name) && (!has_latin || rng.Chance(0.4))) {
    c.query = TransliterateCyrillic(name);  // a Latin query for a Cyrillic record
    c.note = has_latin ? "latin-from-cyrillic" : "latin-vs-cyrillic-only";
    if (!IsLatinName(c.query)) return std::nullopt;
  } else if (HasArabic(name)) {
    std::string varied = VaryArabicOrthography(name);
    bool vary = varied != name && rng.Chance(0.5);
    if (vary) c.query = varied;
    c.note = vary ? "arabic-orthography" : "arabic";
  } else {
    c.note = HasCyrillic(name) ? "cyrillic" : "other-script";
  }
  return c;
}

bool IsPerson(const Entity& e) { return e.schema == Schema::kPerson; }
bool IsOrganization(const Entity& e) { return e.schema == Schema::kOrganization; }
bool Any(const Entity&) { return true; }

std::vector<std::pair<std::string, Generator>> MakeGenerators(const RomanisationRules& rules) {
  using V = std::function<std::optional<std::string>(std::string_view, Rng&)>;
  auto exact = [](std::string_view n, Rng&) { return std::optional<std::string>(std::string(n)); };
  std::vector<std::pair<std::string, Generator>> g;
  g.emplace_back("exact", FromPrimary(V(exact), Any));
  g.emplace_back("case_punct", FromPrimary(V(CasePunctVariant), Any));
  g.emplace_back("typo", FromPrimary(V(TypoVariant), Any));
  g.emplace_back("romanisation", [&rules](const Entity& e, Rng& rng) -> std::optional<EvalCase> {
    const std::string* name = SourceName(e);
    if (name == nullptr) return std::nullopt;
    auto q = RomanisationVariant(*name, IsPerson(e), rules, rng);
    if (!q) return std::nullopt;
    return EvalCase{"", *q, "", *name, ""};
  });
  g.emplace_back("reorder", FromPrimary(V(ReorderVariant), IsPerson));
  g.emplace_back("dropped_middle", FromPrimary(V(DroppedMiddleVariant), IsPerson));
  g.emplace_back("initials", FromPrimary(V(InitialsVariant), IsPerson));
  g.emplace_back("spacing", FromPrimary(V(SpacingVariant), Any));
  g.emplace_back("legal_form", FromPrimary(V(LegalFormVariant), IsOrganization));
  g.emplace_back("alias", AliasCase);
  g.emplace_back("original_script", OriginalScriptCase);
  return g;
}

// Draws up to `quota` cases, taking lists in turn so the small lists are
// represented next to the big ones; each entity is used at most once.
std::vector<EvalCase> SampleCategory(
    const std::string& category, const Generator& generate,
    const std::map<std::string, std::vector<const Entity*>>& by_list, std::size_t quota,
    std::uint64_t seed) {
  Rng rng(seed ^ Fnv1a(category));
  std::vector<std::vector<const Entity*>> queues;
  for (const auto& [list, entities] : by_list) {
    queues.push_back(entities);
    rng.Shuffle(queues.back());
  }
  std::vector<std::size_t> cursor(queues.size(), 0);
  std::vector<EvalCase> out;
  bool progressed = true;
  while (out.size() < quota && progressed) {
    progressed = false;
    for (std::size_t q = 0; q < queues.size() && out.size() < quota; ++q) {
      while (cursor[q] < queues[q].size()) {
        const Entity& e = *queues[q][cursor[q]++];
        std::optional<EvalCase> c = generate(e, rng);
        if (!c) continue;
        c->category = category;
        c->expected_id = e.id;
        out.push_back(std::move(*c));
        progressed = true;
        break;
      }
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& Categories() {
  static const std::vector<std::string> kCategories = {
      "exact",           "case_punct",        "typo",    "romanisation", "reorder",
      "dropped_middle",  "initials",          "spacing", "legal_form",   "alias",
      "original_script", std::string(kBenign)};
  return kCategories;
}

const std::vector<std::string>& EvalListPaths() {
  static const std::vector<std::string> kPaths = {
      "ofac_sdn_2021",
      "ofac_consolidated_nonsdn",
      "un_sc/consolidated.xml",
      "us_csl/consolidated.csv.gz",
      "us_bis_dpl/dpl.txt",
      "eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml",
      "uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv",
      "opensanctions_ftm/zala_entities.ftm.json",
      "opensanctions_ftm/t1_entities.ftm.json",
  };
  return kPaths;
}

Result<std::vector<EvalCase>> MakeEvalSet(const std::vector<Entity>& entities,
                                          const EvalSetOptions& options) {
  auto rules = LoadRomanisationRules(options.tables_dir / "romanisation.tsv");
  if (!rules) return Err(rules.error());
  std::map<std::string, std::vector<const Entity*>> by_list;
  for (const Entity& e : entities) {
    if (IsScreenable(e)) by_list[e.list].push_back(&e);
  }
  std::vector<EvalCase> cases;
  for (const auto& [category, generate] : MakeGenerators(*rules)) {
    std::vector<EvalCase> sampled =
        SampleCategory(category, generate, by_list, options.per_category, options.seed);
    cases.insert(cases.end(), sampled.begin(), sampled.end());
  }
  auto benign = MakeBenignCases(entities, options);
  if (!benign) return Err(benign.error());
  cases.insert(cases.end(), benign->begin(), benign->end());
  return cases;
}

Status WriteEvalSet(const std::vector<EvalCase>& cases, const std::filesystem::path& tsv) {
  std::ofstream out(tsv, std::ios::binary);
  if (!out) return Status::IoError("cannot write the evaluation set").InFile(tsv.string());
  auto clean = [](std::string s) {
    std::replace_if(
        s.begin(), s.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return s;
  };
  out << "category\tquery\texpected_id\tsource_name\tnote\n";
  for (const EvalCase& c : cases) {
    out << c.category << '\t' << clean(c.query) << '\t' << c.expected_id << '\t'
        << clean(c.source_name) << '\t' << clean(c.note) << '\n';
  }
  if (!out) return Status::IoError("write failed").InFile(tsv.string());
  return Status::Ok();
}

}  // namespace interdict::eval
