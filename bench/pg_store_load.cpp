// Loading the real OFAC SDN list (2021 CSV trio, 8,976 entities) into the
// PostgreSQL store against the SQLite store, in one run:
//   BM_Load/<backend>        - the first version into an empty store
//   BM_Reload1Pct/<backend>  - a next version with 1% of the entities changed
//                              (unchanged entities share their stored blobs)
//   BM_ReadAll/<backend>     - ForEachCurrentEntity over the stored version
// Each reports entities/s (items_per_second); wall-clock time is what counts
// for PostgreSQL, whose work happens in the server process, so it is used
// throughout (UseRealTime).
//
// The PostgreSQL cases run when INTERDICT_TEST_PG names a server
// (eval "$(scripts/pg.sh start)"); each iteration uses a fresh schema.
// The list is read from $INTERDICT_SHARED_DATA (default ../shared/data).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>

#include "interdict/sources.h"
#include "interdict/store.h"
#include "store/pg_util.h"

namespace interdict {
namespace {

std::filesystem::path SharedDataDir() {
  if (const char* env = std::getenv("INTERDICT_SHARED_DATA")) return env;
  return std::filesystem::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
}

const ListData& Sdn() {
  static const ListData data = [] {
    Result<ListData> parsed = ParseList((SharedDataDir() / "ofac_sdn_2021").string());
    if (!parsed) {
      std::cerr << "cannot read the OFAC SDN list: " << parsed.error().ToString() << "\n";
      std::exit(1);
    }
    return std::move(*parsed);
  }();
  return data;
}

// 1% of the entities with edited remarks, and no source files (so the
// identity comes from the content).
ListData OnePercentChanged() {
  ListData next = Sdn();
  next.files.clear();
  for (std::size_t i = 0; i < next.entities.size(); i += 100)
    next.entities[i].remarks += " (amended)";
  return next;
}

// A fresh, empty store of one backend; removed on destruction.
class Scratch {
 public:
  explicit Scratch(bool postgres) {
    std::random_device rd;
    std::string tag = std::to_string(rd()) + std::to_string(rd());
    if (!postgres) {
      location_ =
          (std::filesystem::temp_directory_path() / ("interdict-bench-" + tag + ".db")).string();
      return;
    }
    schema_ = "interdict_bench_" + tag;
    Result<store::PgConnection> conn =
        store::PgConnection::Connect(std::getenv("INTERDICT_TEST_PG"));
    if (!conn || !conn->Exec("CREATE SCHEMA " + schema_)) {
      std::cerr << "cannot create a schema on INTERDICT_TEST_PG\n";
      std::exit(1);
    }
    admin_.emplace(std::move(*conn));
    location_ =
        std::string(std::getenv("INTERDICT_TEST_PG")) + " options='-csearch_path=" + schema_ + "'";
  }
  ~Scratch() {
    if (admin_) {
      (void)admin_->Exec("DROP SCHEMA " + schema_ + " CASCADE");
      return;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location_ + suffix);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  std::unique_ptr<Store> Open() const {
    Result<std::unique_ptr<Store>> store = OpenStore(location_);
    if (!store) {
      std::cerr << store.error().ToString() << "\n";
      std::exit(1);
    }
    return std::move(*store);
  }

 private:
  std::string location_;
  std::string schema_;
  std::optional<store::PgConnection> admin_;
};

void BM_Load(benchmark::State& state) {
  const ListData& sdn = Sdn();
  for (auto _ : state) {
    state.PauseTiming();
    auto scratch = std::make_unique<Scratch>(state.range(0) == 1);
    std::unique_ptr<Store> store = scratch->Open();
    state.ResumeTiming();
    Result<LoadOutcome> outcome = store->AddVersion(sdn, "sdn");
    if (!outcome || outcome->version.entities != 8976) state.SkipWithError("load failed");
    state.PauseTiming();
    store.reset();
    scratch.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sdn.entities.size()));
}

void BM_Reload1Pct(benchmark::State& state) {
  Scratch scratch(state.range(0) == 1);
  std::unique_ptr<Store> store = scratch.Open();
  ListData base = Sdn();
  base.files.clear();
  ListData changed = OnePercentChanged();
  if (!store->AddVersion(base, "sdn")) state.SkipWithError("load failed");
  bool flip = false;
  for (auto _ : state) {
    // Alternate between the two contents: each load is a new version with
    // 90 changed entities.
    Result<LoadOutcome> outcome = store->AddVersion(flip ? base : changed, "sdn");
    if (!outcome || !outcome->created) state.SkipWithError("the reload made no version");
    flip = !flip;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(base.entities.size()));
}

void BM_ReadAll(benchmark::State& state) {
  Scratch scratch(state.range(0) == 1);
  std::unique_ptr<Store> store = scratch.Open();
  if (!store->AddVersion(Sdn(), "sdn")) state.SkipWithError("load failed");
  for (auto _ : state) {
    std::int64_t seen = 0;
    Status s = store->ForEachCurrentEntity([&](const Entity&) {
      ++seen;
      return Status::Ok();
    });
    if (!s.ok() || seen != 8976) state.SkipWithError("read failed");
  }
  state.SetItemsProcessed(state.iterations() * 8976);
}

// Arg 0: SQLite; 1: PostgreSQL (registered only with a server to use).
void Register() {
  const bool pg = std::getenv("INTERDICT_TEST_PG") != nullptr;
  if (!pg) std::cerr << "INTERDICT_TEST_PG is not set: PostgreSQL cases skipped\n";
  for (int backend : {0, 1}) {
    if (backend == 1 && !pg) continue;
    const char* name = backend == 0 ? "sqlite" : "postgres";
    benchmark::RegisterBenchmark((std::string("BM_Load/") + name).c_str(), BM_Load)
        ->Arg(backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(5);
    benchmark::RegisterBenchmark((std::string("BM_Reload1Pct/") + name).c_str(), BM_Reload1Pct)
        ->Arg(backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(6);
    benchmark::RegisterBenchmark((std::string("BM_ReadAll/") + name).c_str(), BM_ReadAll)
        ->Arg(backend)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(5);
  }
}

}  // namespace
}  // namespace interdict

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  interdict::Register();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
