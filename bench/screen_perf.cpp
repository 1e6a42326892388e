// Screening performance on the real lists and a synthetic 2M-name list.
//
// Prints, for the OFAC SDN + consolidated + UN + US CSL lists: index build
// time, single-query p50/p99, single-thread batch throughput, candidate
// recall against brute force with the same scorer, and — in the same run,
// as the reference — brute-force Jaro-Winkler over every name. Then builds
// a synthetic list of real name parts (default 2,000,000 names) and prints
// build time, bytes per name and p50/p99. The "ready" figure is the time
// from opening a SQLite store holding the four lists to the first answer,
// building the index (reference) and reading the cached index beside the
// store.
//
//   bench_screen_perf [--data DIR] [--synthetic N] [--queries N] [--ready 0|1]
//                     [--reference 0|1] [--slowest N]
//
// --reference 0 skips the brute-force runs (recall and Jaro-Winkler), which
// otherwise dominate a profile of the run; --slowest N prints the N slowest
// queries of the timed run with their candidate counts.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "interdict/screen.h"
#include "interdict/sources.h"
#include "interdict/store.h"
#include "match/screener.h"
#include "match/similarity.h"
#include "text/normalize.h"

namespace {

using Clock = std::chrono::steady_clock;
using interdict::Entity;
using interdict::match::IndexScreener;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

std::vector<Entity> Load(const std::filesystem::path& dir) {
  std::vector<Entity> all;
  for (const char* rel : {"ofac_sdn_2021", "ofac_consolidated_nonsdn/cons_prim.csv",
                          "un_sc/consolidated.xml", "us_csl/consolidated.csv.gz"}) {
    auto data = interdict::ParseList(dir / rel);
    if (!data) {
      std::fprintf(stderr, "%s: %s\n", rel, data.error().ToString().c_str());
      std::exit(1);
    }
    for (Entity& e : data->entities) all.push_back(std::move(e));
  }
  return all;
}

// Realistic queries: listed names as given, reordered, with a typo, or with
// a token dropped.
std::vector<std::string> MakeQueries(const IndexScreener& s, std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto id = static_cast<std::uint32_t>(rng() % s.name_count());
    std::vector<std::string> t = interdict::text::NormalizeTokens(s.index().text_of(id));
    if (t.empty()) continue;
    switch (i % 4) {
      case 1:
        std::reverse(t.begin(), t.end());
        break;
      case 2: {
        auto& tok = t[rng() % t.size()];
        if (tok.size() > 4) tok.erase(rng() % tok.size(), 1);
        break;
      }
      case 3:
        if (t.size() >= 3) t.erase(t.begin() + 1);
        break;
      default:
        break;
    }
    std::string q;
    for (const auto& x : t) q += (q.empty() ? "" : " ") + x;
    out.push_back(q);
  }
  return out;
}

// On a shared machine wall-clock percentiles include time the thread spent
// descheduled; the thread's own CPU time per query does not, so both print.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Latency {
  double p50_us, p99_us, qps;
  double cpu_p50_us, cpu_p99_us, cpu_qps;
};

struct Flags {
  bool reference = true;
  std::size_t slowest = 0;
};
Flags flags;

void PrintSlowest(const IndexScreener& s, const std::vector<std::string>& queries,
                  const std::vector<double>& us) {
  std::vector<std::size_t> order(us.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::size_t n = std::min(flags.slowest, order.size());
  std::partial_sort(order.begin(), order.begin() + n, order.end(),
                    [&](std::size_t a, std::size_t b) { return us[a] > us[b]; });
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    std::printf("  slow %8.1f us  %3zu candidates  %s\n", us[i],
                s.CandidateNames(queries[i]).size(), queries[i].c_str());
  }
}

Latency Measure(const IndexScreener& s, const std::vector<std::string>& queries) {
  std::vector<double> us, cpu_us;
  us.reserve(queries.size());
  cpu_us.reserve(queries.size());
  interdict::ScreenQuery q;
  const auto start = Clock::now();
  const double cpu_start = ThreadCpuSeconds();
  for (const std::string& name : queries) {
    q.name = name;
    const auto t0 = Clock::now();
    const double c0 = ThreadCpuSeconds();
    auto m = s.Screen(q, {});
    cpu_us.push_back((ThreadCpuSeconds() - c0) * 1e6);
    us.push_back(Seconds(t0, Clock::now()) * 1e6);
  }
  const double total = Seconds(start, Clock::now());
  const double cpu_total = ThreadCpuSeconds() - cpu_start;
  if (flags.slowest > 0) PrintSlowest(s, queries, cpu_us);
  return {Percentile(us, 0.5),     Percentile(us, 0.99),     queries.size() / total,
          Percentile(cpu_us, 0.5), Percentile(cpu_us, 0.99), queries.size() / cpu_total};
}

void RealLists(const std::filesystem::path& dir, std::size_t query_count) {
  std::vector<Entity> entities = Load(dir);
  const std::size_t entity_count = entities.size();
  const auto t0 = Clock::now();
  IndexScreener s(std::move(entities));
  const double build = Seconds(t0, Clock::now());
  std::printf("real lists: %zu entities, %zu names, index build %.3f s, %.0f bytes/name\n",
              entity_count, s.name_count(), build, double(s.MemoryBytes()) / s.name_count());

  const auto queries = MakeQueries(s, query_count, 42);
  {
    const std::size_t slowest = std::exchange(flags.slowest, 0);
    Measure(s, std::vector<std::string>(queries.begin(), queries.begin() + 200));  // warm up
    flags.slowest = slowest;
  }
  const Latency l = Measure(s, queries);
  std::printf(
      "indexed screen: p50 %.1f us, p99 %.1f us, batch %.0f queries/s (1 thread, %zu queries)\n",
      l.p50_us, l.p99_us, l.qps, queries.size());
  std::printf("indexed screen, thread CPU time: p50 %.1f us, p99 %.1f us, %.0f queries/s\n",
              l.cpu_p50_us, l.cpu_p99_us, l.cpu_qps);
  if (!flags.reference) return;

  // Candidate recall: alerts brute force finds with the same scorer. Also
  // the lowest Dice estimate (over the threshold) of an alert's name, which
  // IndexScreener::kEstimateCut must stay below.
  std::size_t expected = 0, found = 0;
  std::vector<double> brute_us, ratios;
  for (std::size_t i = 0; i < std::min<std::size_t>(500, queries.size()); ++i) {
    interdict::ScreenQuery q;
    q.name = queries[i];
    interdict::ScreenOptions o;
    o.limit = 1000;
    const auto indexed = s.Screen(q, o);
    o.exhaustive = true;
    const auto b0 = Clock::now();
    const auto brute = s.Screen(q, o);
    brute_us.push_back(Seconds(b0, Clock::now()) * 1e6);
    const auto prepared = interdict::text::PrepareName(queries[i]);
    const auto candidates =
        s.index().Candidates(prepared, s.index().Weigh(prepared), IndexScreener::kMaxCandidates);
    for (const auto& m : brute) {
      double estimate = 0;
      for (const auto& c : candidates) {
        if (s.index().text_of(c.name) == m.name) estimate = std::max<double>(estimate, c.estimate);
      }
      if (estimate > 0) ratios.push_back(estimate / o.threshold);
      ++expected;
      found += std::any_of(indexed.begin(), indexed.end(),
                           [&](const auto& x) { return x.entity_id == m.entity_id; });
    }
  }
  std::printf(
      "candidate recall vs brute force (same scorer): %.4f (%zu/%zu alerts); brute-force scorer "
      "p50 %.0f us\n",
      expected ? double(found) / expected : 1.0, found, expected, Percentile(brute_us, 0.5));
  std::printf("alert name estimate / threshold: min %.3f, 1st percentile %.3f (cut at %.2f)\n",
              Percentile(ratios, 0), Percentile(ratios, 0.01), IndexScreener::kEstimateCut);

  // Reference: brute-force Jaro-Winkler over every normalised name.
  std::vector<std::string> normalised;
  for (std::uint32_t n = 0; n < s.name_count(); ++n) {
    normalised.push_back(interdict::text::NormalizeName(s.index().text_of(n)));
  }
  std::vector<double> jw_us;
  for (std::size_t i = 0; i < std::min<std::size_t>(100, queries.size()); ++i) {
    const auto b0 = Clock::now();
    const std::string q = interdict::text::NormalizeName(queries[i]);
    std::size_t hits = 0;
    for (const auto& n : normalised) hits += interdict::match::JaroWinkler(q, n) >= 0.9;
    jw_us.push_back(Seconds(b0, Clock::now()) * 1e6);
    if (hits == static_cast<std::size_t>(-1)) std::puts("");  // keep the loop
  }
  std::printf("reference brute-force Jaro-Winkler: p50 %.0f us, p99 %.0f us per query\n",
              Percentile(jw_us, 0.5), Percentile(jw_us, 0.99));
}

// Open the store, build or read the screener, answer one query: what a
// starting `interdict screen` or `interdict serve` does before it can work.
double ReadySeconds(const std::string& db, const std::string& cache) {
  const auto t0 = Clock::now();
  auto store = interdict::OpenSqliteStore(db);
  if (!store) std::exit(1);
  auto screener = interdict::BuildScreener(**store, cache);
  if (!screener) std::exit(1);
  interdict::ScreenQuery q;
  q.name = "Usama bin Ladin";
  if ((*screener)->Screen(q, {}).empty()) std::exit(1);
  return Seconds(t0, Clock::now());
}

void Ready(const std::filesystem::path& dir) {
  const std::filesystem::path tmp =
      std::filesystem::temp_directory_path() / ("interdict-ready-" + std::to_string(getpid()));
  std::filesystem::create_directories(tmp);
  const std::string db = (tmp / "interdict.db").string();
  {
    auto store = interdict::OpenSqliteStore(db);
    if (!store) std::exit(1);
    for (const char* rel : {"ofac_sdn_2021", "ofac_consolidated_nonsdn/cons_prim.csv",
                            "un_sc/consolidated.xml", "us_csl/consolidated.csv.gz"}) {
      auto data = interdict::ParseList(dir / rel);
      if (!data || !(*store)->AddVersion(*data, rel)) std::exit(1);
    }
  }
  const std::string cache = db + ".index";
  std::vector<double> built, cached;
  for (int i = 0; i < 3; ++i) built.push_back(ReadySeconds(db, ""));
  ReadySeconds(db, cache);  // writes the cache
  for (int i = 0; i < 3; ++i) cached.push_back(ReadySeconds(db, cache));
  const double b = *std::min_element(built.begin(), built.end());
  const double c = *std::min_element(cached.begin(), cached.end());
  std::printf(
      "ready (open store to first answer, best of 3): %.3f s with cached index (%.1f MB), "
      "%.3f s building it (reference); %.1fx faster\n",
      c, std::filesystem::file_size(cache) / 1e6, b, b / c);
  std::filesystem::remove_all(tmp);
}

// A synthetic list: names assembled from real name tokens, so token
// frequencies look like a real list's.
void Synthetic(const std::filesystem::path& dir, std::size_t count, std::size_t query_count) {
  std::vector<std::string> parts;
  {
    std::vector<Entity> real = Load(dir);
    for (const Entity& e : real) {
      for (const auto& n : e.names) {
        for (auto& t : interdict::text::NormalizeTokens(n.full)) {
          if (t.size() >= 3) parts.push_back(std::move(t));
        }
      }
    }
  }
  std::mt19937 rng(7);
  std::vector<Entity> entities(count);
  for (std::size_t i = 0; i < count; ++i) {
    Entity& e = entities[i];
    e.id = "synthetic:" + std::to_string(i);
    e.list = "synthetic";
    e.schema = interdict::Schema::kPerson;
    interdict::Name n;
    const int tokens = 2 + static_cast<int>(rng() % 3);
    for (int k = 0; k < tokens; ++k) n.full += (k ? " " : "") + parts[rng() % parts.size()];
    e.names.push_back(std::move(n));
  }
  const auto t0 = Clock::now();
  IndexScreener s(std::move(entities));
  const double build = Seconds(t0, Clock::now());
  std::printf("synthetic: %zu names, index build %.2f s, %.0f bytes/name\n", s.name_count(), build,
              double(s.MemoryBytes()) / s.name_count());
  const auto queries = MakeQueries(s, query_count, 43);
  const Latency l = Measure(s, queries);
  std::printf("synthetic screen: p50 %.1f us, p99 %.1f us, batch %.0f queries/s\n", l.p50_us,
              l.p99_us, l.qps);
  std::printf("synthetic screen, thread CPU time: p50 %.1f us, p99 %.1f us, %.0f queries/s\n",
              l.cpu_p50_us, l.cpu_p99_us, l.cpu_qps);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir =
      std::filesystem::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
  if (const char* env = std::getenv("INTERDICT_SHARED_DATA")) dir = env;
  std::size_t synthetic = 2000000, queries = 5000;
  bool ready = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") dir = argv[i + 1];
    if (flag == "--synthetic") synthetic = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--queries") queries = std::strtoull(argv[i + 1], nullptr, 10);
    if (flag == "--ready") ready = std::string(argv[i + 1]) != "0";
    if (flag == "--reference") flags.reference = std::string(argv[i + 1]) != "0";
    if (flag == "--slowest") flags.slowest = std::strtoull(argv[i + 1], nullptr, 10);
  }
  RealLists(dir, queries);
  if (ready) Ready(dir);
  if (synthetic > 0) Synthetic(dir, synthetic, queries);
  return 0;
}
