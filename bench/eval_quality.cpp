// Screening quality on the labelled evaluation set (docs/evaluation.md).
//
//   bench_eval_quality [DATA_DIR] [--per-category N] [--benign-persons N]
//       [--benign-companies N] [--seed S] [--threshold T]
//       [--write-set FILE.tsv] [--failures FILE.txt]
//
// Loads the real lists from DATA_DIR (default: the shared data beside the
// checkout), builds the evaluation set (bench/eval), builds the screener,
// runs every query, and prints per category: recall at the threshold,
// recall@10 at threshold 0, and for benign names the false-alert rate. A
// brute-force Jaro-Winkler screener over the same names is printed next to
// it as the reference, at 0.85, 0.90 and at the cut-off that gives the same
// false-alert rate as ours.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "eval/eval_set.h"
#include "eval/jaro_winkler.h"
#include "eval/name_text.h"
#include "interdict/screen.h"
#include "interdict/sources.h"

namespace interdict::eval {
namespace {

struct Flags {
  std::filesystem::path data_dir =
      std::filesystem::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
  std::filesystem::path write_set, failures;
  double threshold = kDefaultThreshold;
  EvalSetOptions set;
};

bool ParseFlags(int argc, char** argv, Flags& flags) {
  if (const char* env = std::getenv("INTERDICT_SHARED_DATA")) flags.data_dir = env;
  flags.set.tables_dir = std::filesystem::path(INTERDICT_SOURCE_DIR) / "bench" / "eval" / "tables";
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
                   "usage: %s [DATA_DIR] [--per-category N] [--benign-persons N] "
                   "[--benign-companies N] [--seed S] [--threshold T] [--write-set FILE] "
                   "[--failures FILE]\n",
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

Outcome RunCase(const EvalCase& c, const Screener& screener, const JaroWinklerIndex& jw,
                double threshold) {
  Outcome o;
  ScreenQuery query;
  query.name = c.query;
  const bool benign = c.category == kBenign;
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

  std::u32string folded = FoldName(c.query);
  start = std::chrono::steady_clock::now();
  double best = jw.MaxScore(folded);
  o.jw_micros =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
  if (benign) {
    o.jw = best;
  } else {
    int expected = jw.EntityIndex(c.expected_id);
    o.jw = jw.EntityScore(folded, expected);
    o.jw_top10 = o.jw > 0 && jw.CountAbove(folded, o.jw, expected, 10) < 10;
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

void WriteFailures(const std::filesystem::path& path, const std::vector<EvalCase>& cases,
                   const std::vector<Outcome>& outcomes, double threshold) {
  std::ofstream out(path);
  out << "# Evaluation failures at threshold " << threshold
      << ": positives not alerted on their entity, benign names that alerted.\n";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const EvalCase& c = cases[i];
    const Outcome& o = outcomes[i];
    bool benign = c.category == kBenign;
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

void PrintRow(const char* label, const Tally& t, bool benign) {
  std::printf("%-16s %5zu  %9s %8s | %8s %8s %8s %8s\n", label, t.n, Percent(t.alert, t.n).c_str(),
              benign ? "" : Percent(t.top10, t.n).c_str(), Percent(t.jw_alert[0], t.n).c_str(),
              Percent(t.jw_alert[1], t.n).c_str(), Percent(t.jw_alert[2], t.n).c_str(),
              benign ? "" : Percent(t.jw_top10, t.n).c_str());
}

int Report(const Flags& flags, const std::vector<EvalCase>& cases,
           const std::vector<Outcome>& outcomes) {
  std::vector<double> benign_jw;
  std::size_t benign_n = 0, benign_alerts = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (cases[i].category != kBenign) continue;
    ++benign_n;
    benign_alerts += outcomes[i].alert;
    benign_jw.push_back(outcomes[i].jw);
  }
  double our_rate =
      benign_n ? static_cast<double>(benign_alerts) / static_cast<double>(benign_n) : 0;
  const double cuts[3] = {0.85, 0.90, TuneJwThreshold(benign_jw, our_rate)};

  std::map<std::string, Tally> by_category;
  Tally positives;
  std::vector<double> ours_us, jw_us;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    by_category[cases[i].category].Add(outcomes[i], cuts);
    if (cases[i].category != kBenign) positives.Add(outcomes[i], cuts);
    ours_us.push_back(outcomes[i].micros);
    jw_us.push_back(outcomes[i].jw_micros);
  }
  std::printf(
      "Recall = expected entity alerted (score >= cut-off); @10 = among the 10 best at "
      "threshold 0.\nbenign row = false-alert rate (any alert).\n\n");
  std::printf("%-16s %5s  %9s %8s | %8s %8s %8s %8s\n", "", "", "interdict", "", "JW", "JW", "JW",
              "JW");
  char tuned[16];
  std::snprintf(tuned, sizeof tuned, "@%.3f", cuts[2]);
  char ours[16];
  std::snprintf(ours, sizeof ours, "@%.2f", flags.threshold);
  std::printf("%-16s %5s  %9s %8s | %8s %8s %8s %8s\n", "category", "n", ours, "@10", "@0.85",
              "@0.90", tuned, "@10");
  for (const std::string& category : Categories()) {
    auto it = by_category.find(category);
    if (it != by_category.end() && category != kBenign)
      PrintRow(category.c_str(), it->second, false);
  }
  PrintRow("all positives", positives, false);
  PrintRow("benign (FA)", by_category[std::string(kBenign)], true);
  std::printf("\nJW tuned cut-off %.3f = lowest with a false-alert rate <= ours (%.2f%%).\n",
              cuts[2], 100 * our_rate);
  std::printf(
      "Query time: interdict median %.0f us (p99 %.0f us); JW brute force median %.0f us "
      "(p99 %.0f us)\n",
      Median(ours_us), Percentile(ours_us, 0.99), Median(jw_us), Percentile(jw_us, 0.99));
  double recall =
      positives.n ? static_cast<double>(positives.alert) / static_cast<double>(positives.n) : 0;
  std::printf(
      "Target recall >= 98%% with false alerts <= 1%%: %s (recall %.1f%%, false alerts %.2f%%)\n",
      recall >= 0.98 && our_rate <= 0.01 ? "MET" : "NOT MET", 100 * recall, 100 * our_rate);
  if (!flags.failures.empty()) {
    WriteFailures(flags.failures, cases, outcomes, flags.threshold);
    std::printf("Failures written to %s\n", flags.failures.c_str());
  }
  return 0;
}

int Run(const Flags& flags) {
  std::printf("Loading lists from %s\n", flags.data_dir.c_str());
  auto entities = LoadLists(flags.data_dir);
  if (!entities) {
    std::fprintf(stderr, "error: %s\n", entities.error().ToString().c_str());
    return 1;
  }
  auto cases = MakeEvalSet(*entities, flags.set);
  if (!cases) {
    std::fprintf(stderr, "error: %s\n", cases.error().ToString().c_str());
    return 1;
  }
  if (!flags.write_set.empty()) {
    Status written = WriteEvalSet(*cases, flags.write_set);
    if (!written.ok()) std::fprintf(stderr, "warning: %s\n", written.ToString().c_str());
  }
  JaroWinklerIndex jw(*entities);
  auto build_start = std::chrono::steady_clock::now();
  auto screener = BuildScreener(*entities);
  double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  if (!screener) {
    std::fprintf(stderr, "error: %s\n", screener.error().ToString().c_str());
    return 1;
  }
  std::printf(
      "%zu entities, %zu names (screener: %zu names, built in %.1f s); %zu queries, seed %llu\n\n",
      entities->size(), jw.name_count(), (*screener)->name_count(), build_seconds, cases->size(),
      static_cast<unsigned long long>(flags.set.seed));

  std::vector<Outcome> outcomes;
  outcomes.reserve(cases->size());
  for (const EvalCase& c : *cases) outcomes.push_back(RunCase(c, **screener, jw, flags.threshold));
  return Report(flags, *cases, outcomes);
}

}  // namespace
}  // namespace interdict::eval

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows when piped to a file
  interdict::eval::Flags flags;
  if (!interdict::eval::ParseFlags(argc, argv, flags)) return 2;
  return interdict::eval::Run(flags);
}
