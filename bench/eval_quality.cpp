// Screening quality on the labelled evaluation set (docs/evaluation.md).
//
//   bench_eval_quality [DATA_DIR] [--set main|heldout|both|third|all] [--per-category N]
//       [--benign-persons N] [--benign-companies N] [--seed S]
//       [--heldout-per-category N] [--heldout-seed S] [--third-per-category N]
//       [--third-seed S] [--threshold T] [--no-reference]
//       [--write-set FILE.tsv] [--failures FILE.txt]
//
// Loads the real lists from DATA_DIR (default: the shared data beside the
// checkout), builds the evaluation sets (bench/eval: our first generator,
// the held-out style second one, heldout.h, and the third, third.h),
// builds the screener, runs every query, and prints per set and category:
// recall at the threshold, recall@10 at threshold 0, and for benign names
// the false-alert rate. A brute-force Jaro-Winkler screener over the same
// names is printed next to it as the reference, at 0.85, 0.90 and at the
// cut-off that gives the same false-alert rate as ours.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eval/eval_set.h"
#include "eval/heldout.h"
#include "eval/jaro_winkler.h"
#include "eval/name_text.h"
#include "eval/third.h"
#include "interdict/screen.h"
#include "interdict/sources.h"

namespace interdict::eval {
namespace {

struct Flags {
  std::filesystem::path data_dir =
      std::filesystem::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
  std::filesystem::path write_set, failures;
  double threshold = kDefaultThreshold;
  bool main_set = true, heldout_set = true, third_set = false;  // "both"
  bool reference = true;  // --no-reference: skip the Jaro-Winkler reference (quick checks)
  EvalSetOptions set;
  HeldoutOptions heldout;
  ThirdOptions third;
};

bool ParseFlags(int argc, char** argv, Flags& flags) {
  if (const char* env = std::getenv("INTERDICT_SHARED_DATA")) flags.data_dir = env;
  flags.set.tables_dir = std::filesystem::path(INTERDICT_SOURCE_DIR) / "bench" / "eval" / "tables";
  flags.heldout.tables_dir = flags.set.tables_dir;
  flags.third.tables_dir = flags.set.tables_dir;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    auto number = [&]() { return std::strtoull(argv[++i], nullptr, 10); };
    if (arg == "--per-category" && has_value) {
      flags.set.per_category = number();
    } else if (arg == "--benign-persons" && has_value) {
      flags.set.benign_persons = number();
    } else if (arg == "--benign-companies" && has_value) {
      flags.set.benign_companies = number();
    } else if (arg == "--seed" && has_value) {
      flags.set.seed = number();
    } else if (arg == "--set" && has_value) {
      const std::string which = argv[++i];
      flags.main_set = which == "main" || which == "both" || which == "all";
      flags.heldout_set = which == "heldout" || which == "both" || which == "all";
      flags.third_set = which == "third" || which == "all";
      if (!flags.main_set && !flags.heldout_set && !flags.third_set) return false;
    } else if (arg == "--no-reference") {
      flags.reference = false;
    } else if (arg == "--heldout-per-category" && has_value) {
      flags.heldout.per_category = number();
    } else if (arg == "--heldout-seed" && has_value) {
      flags.heldout.seed = number();
    } else if (arg == "--third-per-category" && has_value) {
      flags.third.per_category = number();
    } else if (arg == "--third-seed" && has_value) {
      flags.third.seed = number();
    } else if (arg == "--threshold" && has_value) {
      flags.threshold = std::strtod(argv[++i], nullptr);
    } else if (arg == "--write-set" && has_value) {
      flags.write_set = argv[++i];
    } else if (arg == "--failures" && has_value) {
      flags.failures = argv[++i];
    } else if (!arg.empty() && arg[0] != '-') {
      flags.data_dir = arg;
    } else {
      std::fprintf(stderr,
                   "usage: %s [DATA_DIR] [--set main|heldout|both|third|all] [--per-category N] "
                   "[--benign-persons N] [--benign-companies N] [--seed S] "
                   "[--heldout-per-category N] [--heldout-seed S] [--third-per-category N] "
                   "[--third-seed S] [--threshold T] [--no-reference] "
                   "[--write-set FILE] [--failures FILE]\n",
                   argv[0]);
      return false;
    }
  }
  return true;
}

Result<std::vector<Entity>> LoadLists(const std::filesystem::path& data_dir) {
  std::vector<Entity> entities;
  for (const std::string& relative : EvalListPaths()) {
    auto list = ParseList(data_dir / relative);
    if (!list) return Err(std::move(list.error()).Prepend("loading " + relative));
    std::printf("  %-58s %-10s %6zu entities\n", relative.c_str(), list->list.c_str(),
                list->entities.size());
    std::move(list->entities.begin(), list->entities.end(), std::back_inserter(entities));
  }
  return entities;
}

// What one query produced, for ours and for the reference.
struct Outcome {
  bool alert = false;  // expected entity (benign: any entity) at or above threshold
  bool top10 = false;  // expected entity among the 10 best at threshold 0
  double jw = 0;       // JW score of the expected entity (benign: best of all)
  bool jw_top10 = false;
  double micros = 0, jw_micros = 0;
  std::vector<ScreenMatch> top;  // ours at threshold 0, for the failure report
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// `jw` null skips the reference (--no-reference).
Outcome RunCase(const EvalCase& c, const Screener& screener, const JaroWinklerIndex* jw,
                double threshold) {
  Outcome o;
  ScreenQuery query;
  query.name = c.query;
  const bool benign = IsAnyBenign(c.category);
  auto start = std::chrono::steady_clock::now();
  std::vector<ScreenMatch> alerts = screener.Screen(query, {threshold, 100});
  o.micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  o.alert = benign ? !alerts.empty()
                   : std::any_of(alerts.begin(), alerts.end(), [&](const ScreenMatch& m) {
                       return m.entity_id == c.expected_id;
                     });
  o.top = screener.Screen(query, {0.0, 10});
  o.top10 = !benign && std::any_of(o.top.begin(), o.top.end(), [&](const ScreenMatch& m) {
    return m.entity_id == c.expected_id;
  });

  if (jw == nullptr) return o;
  std::u32string folded = FoldName(c.query);
  start = std::chrono::steady_clock::now();
  double best = jw->MaxScore(folded);
  o.jw_micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (benign) {
    o.jw = best;
  } else {
    int expected = jw->EntityIndex(c.expected_id);
    o.jw = jw->EntityScore(folded, expected);
    o.jw_top10 = o.jw > 0 && jw->CountAbove(folded, o.jw, expected, 10) < 10;
  }
  return o;
}

// The lowest JW cut-off whose false-alert rate on benign names is at most
// `rate`.
double TuneJwThreshold(std::vector<double> benign_scores, double rate) {
  std::sort(benign_scores.rbegin(), benign_scores.rend());
  auto allowed = static_cast<std::size_t>(rate * static_cast<double>(benign_scores.size()));
  if (allowed >= benign_scores.size()) return 0.0;
  return std::min(1.0, benign_scores[allowed] + 1e-9);
}

std::string Percent(std::size_t hits, std::size_t n) {
  if (n == 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(hits) / static_cast<double>(n));
  return buf;
}

void WriteFailures(std::ofstream& out, const std::vector<EvalCase>& cases,
                   const std::vector<Outcome>& outcomes) {
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const EvalCase& c = cases[i];
    const Outcome& o = outcomes[i];
    bool benign = IsAnyBenign(c.category);
    if (benign != o.alert) continue;
    out << c.category << "\tquery=" << c.query;
    if (!benign) out << "\texpected=" << c.expected_id << " (" << c.source_name << ")";
    if (!c.note.empty()) out << "\tnote=" << c.note;
    out << "\n";
    double expected_score = -1;
    for (const ScreenMatch& m : o.top) {
      if (m.entity_id == c.expected_id) expected_score = m.score;
    }
    if (!benign)
      out << "    expected entity score: "
          << (expected_score < 0 ? std::string("not in top 10") : std::to_string(expected_score))
          << "\n";
    for (std::size_t k = 0; k < std::min<std::size_t>(3, o.top.size()); ++k) {
      const ScreenMatch& m = o.top[k];
      out << "    got " << m.score << "\t" << m.entity_id << "\t" << m.name << "\t"
          << m.explanation.summary << "\n";
    }
  }
}

// Per-category counts: alerts and top-10 hits for ours, and for the
// reference at each of its cut-offs.
struct Tally {
  std::size_t n = 0, alert = 0, top10 = 0, jw_top10 = 0;
  std::size_t jw_alert[3] = {0, 0, 0};
  void Add(const Outcome& o, const double (&cuts)[3]) {
    ++n;
    alert += o.alert;
    top10 += o.top10;
    jw_top10 += o.jw_top10;
    for (int k = 0; k < 3; ++k) jw_alert[k] += o.jw >= cuts[k];
  }
};

void PrintRow(const char* label, const Tally& t, bool benign, bool reference) {
  auto jw = [&](std::size_t hits) { return reference ? Percent(hits, t.n) : std::string("-"); };
  std::printf("%-22s %5zu  %9s %8s | %8s %8s %8s %8s\n", label, t.n, Percent(t.alert, t.n).c_str(),
              benign ? "" : Percent(t.top10, t.n).c_str(), jw(t.jw_alert[0]).c_str(),
              jw(t.jw_alert[1]).c_str(), jw(t.jw_alert[2]).c_str(),
              benign ? "" : jw(t.jw_top10).c_str());
}

// One evaluation set: its cases, in the order of its categories, and what
// each query produced.
struct SetRun {
  std::string title;
  const std::vector<std::string>* categories;
  std::vector<EvalCase> cases;
  std::vector<Outcome> outcomes;
};

void Report(const Flags& flags, const SetRun& set) {
  std::vector<double> benign_jw;
  std::size_t benign_n = 0, benign_alerts = 0;
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    if (!IsAnyBenign(set.cases[i].category)) continue;
    ++benign_n;
    benign_alerts += set.outcomes[i].alert;
    benign_jw.push_back(set.outcomes[i].jw);
  }
  double our_rate =
      benign_n ? static_cast<double>(benign_alerts) / static_cast<double>(benign_n) : 0;
  const double cuts[3] = {0.85, 0.90, TuneJwThreshold(benign_jw, our_rate)};

  std::map<std::string, Tally> by_category;
  Tally positives, benign;
  std::vector<double> ours_us, jw_us;
  for (std::size_t i = 0; i < set.cases.size(); ++i) {
    by_category[set.cases[i].category].Add(set.outcomes[i], cuts);
    (IsAnyBenign(set.cases[i].category) ? benign : positives).Add(set.outcomes[i], cuts);
    ours_us.push_back(set.outcomes[i].micros);
    jw_us.push_back(set.outcomes[i].jw_micros);
  }
  std::printf("== %s ==\n", set.title.c_str());
  std::printf("%-22s %5s  %9s %8s | %8s %8s %8s %8s\n", "", "", "interdict", "", "JW", "JW", "JW",
              "JW");
  char tuned[16];
  std::snprintf(tuned, sizeof tuned, "@%.3f", cuts[2]);
  char ours[16];
  std::snprintf(ours, sizeof ours, "@%.2f", flags.threshold);
  std::printf("%-22s %5s  %9s %8s | %8s %8s %8s %8s\n", "category", "n", ours, "@10", "@0.85",
              "@0.90", tuned, "@10");
  for (const std::string& category : *set.categories) {
    auto it = by_category.find(category);
    if (it != by_category.end() && !IsAnyBenign(category))
      PrintRow(category.c_str(), it->second, false, flags.reference);
  }
  PrintRow("all positives", positives, false, flags.reference);
  std::size_t benign_categories = 0;
  for (const std::string& category : *set.categories) {
    auto it = by_category.find(category);
    if (it == by_category.end() || !IsAnyBenign(category)) continue;
    PrintRow((category + " (FA)").c_str(), it->second, true, flags.reference);
    ++benign_categories;
  }
  if (benign_categories > 1) PrintRow("all benign (FA)", benign, true, flags.reference);
  std::printf("\nJW tuned cut-off %.3f = lowest with a false-alert rate <= ours (%.2f%%).\n",
              cuts[2], 100 * our_rate);
  std::printf(
      "Query time: interdict median %.0f us (p99 %.0f us); JW brute force median %.0f us "
      "(p99 %.0f us)\n",
      Median(ours_us), Percentile(ours_us, 0.99), Median(jw_us), Percentile(jw_us, 0.99));
  double recall =
      positives.n ? static_cast<double>(positives.alert) / static_cast<double>(positives.n) : 0;
  std::printf(
      "Target recall >= 98%% with false alerts <= 1%%: %s (recall %.1f%%, false alerts "
      "%.2f%%)\n\n",
      recall >= 0.98 && our_rate <= 0.01 ? "MET" : "NOT MET", 100 * recall, 100 * our_rate);
}

// The screener and the reference over one view of the entities.
struct Engines {
  std::unique_ptr<Screener> screener;
  std::unique_ptr<JaroWinklerIndex> jw;
};

Result<Engines> BuildEngines(const std::vector<Entity>& entities, const char* what) {
  Engines e;
  e.jw = std::make_unique<JaroWinklerIndex>(entities);
  auto start = std::chrono::steady_clock::now();
  auto screener = BuildScreener(entities);
  if (!screener) return Err(std::move(screener.error()));
  e.screener = std::move(*screener);
  std::printf("%s: %zu names, screener built in %.1f s\n", what, e.jw->name_count(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return e;
}

Result<std::vector<SetRun>> MakeSets(const Flags& flags, const std::vector<Entity>& entities) {
  std::vector<SetRun> sets;
  if (flags.main_set) {
    auto cases = MakeEvalSet(entities, flags.set);
    if (!cases) return Err(std::move(cases.error()));
    sets.push_back({"first set: our generator (bench/eval/variants.cpp, benign.cpp), seed " +
                        std::to_string(flags.set.seed),
                    &Categories(),
                    std::move(*cases),
                    {}});
  }
  if (flags.heldout_set) {
    auto cases = MakeHeldoutSet(entities, flags.heldout);
    if (!cases) return Err(std::move(cases.error()));
    sets.push_back({"second set: held-out style generator (bench/eval/heldout*.cpp), seed " +
                        std::to_string(flags.heldout.seed) + "; h_script against Latin names only",
                    &HeldoutCategories(),
                    std::move(*cases),
                    {}});
  }
  if (flags.third_set) {
    auto cases = MakeThirdSet(entities, flags.third);
    if (!cases) return Err(std::move(cases.error()));
    sets.push_back(
        {"third set: ear, keyboard, OCR, initials, national letters, East Asian "
         "order, vessels (bench/eval/third*.cpp), seed " +
             std::to_string(flags.third.seed),
         &ThirdCategories(),
         std::move(*cases),
         {}});
  }
  return sets;
}

int Run(const Flags& flags) {
  std::printf("Loading lists from %s\n", flags.data_dir.c_str());
  auto entities = LoadLists(flags.data_dir);
  auto sets =
      entities ? MakeSets(flags, *entities) : Result<std::vector<SetRun>>(Err(entities.error()));
  auto all = sets ? BuildEngines(*entities, "all names") : Result<Engines>(Err(sets.error()));
  // Original-script queries of the second set must find Latin names only.
  Result<Engines> latin = Engines{};
  if (all && flags.heldout_set) latin = BuildEngines(LatinOnly(*entities), "Latin names only");
  if (!all || !latin) {
    std::fprintf(stderr, "error: %s\n", (all ? latin : all).error().ToString().c_str());
    return 1;
  }
  if (!flags.write_set.empty()) {
    std::vector<EvalCase> every;
    for (const SetRun& set : *sets) every.insert(every.end(), set.cases.begin(), set.cases.end());
    Status written = WriteEvalSet(every, flags.write_set);
    if (!written.ok()) std::fprintf(stderr, "warning: %s\n", written.ToString().c_str());
  }
  std::printf(
      "%zu entities. Recall = expected entity alerted (score >= cut-off); @10 = among "
      "the 10 best at threshold 0.\n(FA) rows = false-alert rate (any alert).\n\n",
      entities->size());
  std::ofstream failures;
  if (!flags.failures.empty()) {
    failures.open(flags.failures);
    failures << "# Evaluation failures at threshold " << flags.threshold
             << ": positives not alerted on their entity, benign names that alerted.\n";
  }
  for (SetRun& set : *sets) {
    set.outcomes.reserve(set.cases.size());
    for (const EvalCase& c : set.cases) {
      const Engines& e = c.category == kScriptCategory ? *latin : *all;
      set.outcomes.push_back(
          RunCase(c, *e.screener, flags.reference ? e.jw.get() : nullptr, flags.threshold));
    }
    Report(flags, set);
    if (failures.is_open()) {
      failures << "## " << set.title << "\n";
      WriteFailures(failures, set.cases, set.outcomes);
    }
  }
  if (failures.is_open()) std::printf("Failures written to %s\n", flags.failures.c_str());
  return 0;
}

}  // namespace
}  // namespace interdict::eval

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when piped to a file
  interdict::eval::Flags flags;
  if (!interdict::eval::ParseFlags(argc, argv, flags)) return 2;
  return interdict::eval::Run(flags);
}
