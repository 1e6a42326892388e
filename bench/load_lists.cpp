// Benchmark: loading real lists end to end (read, parse, store) — issue 2's
// targets: the OFAC SDN CSV set (8,976 entities) in under 1 s and the UN XML
// in under 0.5 s on a 2-core machine, with peak memory.
//
// For each list it prints the median of several runs of:
//   parse   ParseList() alone
//   load    ParseList() + Store::AddVersion() into a fresh SQLite store
//   ref     the reference: read the files and hash them (the floor any
//           loader pays), so `load/ref` is comparable across noisy machines.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "interdict/sources.h"
#include "interdict/store.h"
#include "sources/io.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double MedianMs(int runs, const std::function<void()>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// The reference: read every file of the list and SHA-256 it.
void ReadAndHash(const fs::path& path) {
  std::vector<fs::path> files;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::directory_iterator(path)) files.push_back(e.path());
  } else {
    files.push_back(path);
  }
  for (const auto& f : files) {
    auto bytes = interdict::sources::ReadFile(f, 1ull << 30);
    if (bytes) interdict::sources::Sha256Hex(*bytes);
  }
}

struct Case {
  const char* label;
  const char* relative;
  double target_ms;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path data =
      argc > 1 ? fs::path(argv[1]) : fs::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
  if (!fs::exists(data)) {
    std::fprintf(stderr, "bench_load_lists: no list data at %s (pass the folder)\n", data.c_str());
    return 1;
  }
  const Case cases[] = {
      {"OFAC SDN CSV set", "ofac_sdn_2021", 1000},
      {"UN SC XML", "un_sc/consolidated.xml", 500},
      {"OFAC consolidated CSV", "ofac_consolidated_nonsdn", 0},
      {"OFAC enhanced XML (zip)", "ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP", 0},
      {"US CSL (gzip)", "us_csl/consolidated.csv.gz", 0},
      {"EU FSF 2016 XML", "eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml", 0},
      {"UK HMT CSV", "uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv", 0},
      {"BIS DPL", "us_bis_dpl/dpl.txt", 0},
      {"FtM zala", "opensanctions_ftm/zala_entities.ftm.json", 0},
  };
  const int runs = 5;
  fs::path tmp = fs::temp_directory_path() / ("interdict-bench-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  std::printf("%-26s %9s %9s %9s %8s %9s %s\n", "list", "entities", "parse ms", "load ms", "ref ms",
              "load/ref", "target");
  bool all_met = true;
  for (const Case& c : cases) {
    fs::path path = data / c.relative;
    std::size_t entities = 0;
    double parse_ms = MedianMs(runs, [&] {
      auto parsed = interdict::ParseList(path);
      entities = parsed ? parsed->entities.size() : 0;
    });
    int run = 0;
    double load_ms = MedianMs(runs, [&] {
      fs::path db = tmp / ("load-" + std::to_string(run++) + ".db");
      auto store = interdict::OpenSqliteStore(db.string());
      auto parsed = interdict::ParseList(path);
      if (store && parsed) (void)(*store)->AddVersion(*parsed, path.string());
    });
    double ref_ms = MedianMs(runs, [&] { ReadAndHash(path); });
    std::string verdict = "-";
    if (c.target_ms > 0) {
      bool met = load_ms < c.target_ms;
      all_met = all_met && met;
      verdict =
          (met ? "met (< " : "MISSED (< ") + std::to_string(static_cast<int>(c.target_ms)) + " ms)";
    }
    std::printf("%-26s %9zu %9.1f %9.1f %8.2f %9.1f %s\n", c.label, entities, parse_ms, load_ms,
                ref_ms, ref_ms > 0 ? load_ms / ref_ms : 0.0, verdict.c_str());
  }
  fs::remove_all(tmp);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak resident memory: %.1f MiB (whole benchmark process)\n",
              usage.ru_maxrss / 1024.0);
  return all_met ? 0 : 2;
}
