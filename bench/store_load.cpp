// Loading a list version into the SQLite store.
//
// A synthetic list of 9,000 entities shaped like real ones (several aliases
// with name parts, dates, addresses, identifiers, programmes, a relation)
// is stored:
//   BM_AddVersionFresh    - the first version of the list into an empty store
//   BM_AddVersionOnePercent - a new version where 1% of the entities changed
//                           (the common daily update: unchanged entities
//                           share their stored blobs)
//   BM_ReferencePlainInsert - the reference: the same canonical JSON inserted
//                           into a plain (id, json) table in one transaction,
//                           with no hashing, deduplication or bookkeeping
//   BM_CanonicalJsonAndHash - the part of AddVersion that is not SQLite:
//                           serialising and hashing every entity
//   BM_ReadAllCurrent     - ForEachCurrentEntity over the stored version
// Each reports entities/s (items_per_second).
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "interdict/json.h"
#include "interdict/store.h"
#include "sources/io.h"

namespace interdict {
namespace {

constexpr int kEntities = 9000;

Entity MakeEntity(int i, std::mt19937& rng) {
  static const char* kGiven[] = {"MOHAMMAD", "ALI", "HASSAN", "IVAN", "SERGEI", "KIM", "ANA"};
  static const char* kFamily[] = {"RAHIMI", "PETROV", "AL-ZAWAHIRI", "SOKOLOV", "PARK", "KHAN"};
  auto pick = [&](const auto& arr) { return arr[rng() % std::size(arr)]; };
  Entity e;
  e.id = "bench:" + std::to_string(i);
  e.list = "bench";
  e.schema = i % 3 == 0 ? Schema::kOrganization : Schema::kPerson;
  for (int n = 0; n < 1 + static_cast<int>(rng() % 4); ++n) {
    std::string given = pick(kGiven), family = pick(kFamily);
    e.names.push_back({given + " " + family + " " + std::to_string(i),
                       n == 0 ? NameKind::kPrimary : NameKind::kAka,
                       NameQuality::kUnspecified,
                       "Latn",
                       "",
                       {{NamePartType::kGiven, given}, {NamePartType::kFamily, family}}});
  }
  e.birth_dates.push_back({{static_cast<std::int16_t>(1940 + i % 60), 3, 14}, {}, false, ""});
  e.nationalities = {"ir"};
  e.addresses.push_back({"Street " + std::to_string(i) + ", Tehran, Iran",
                         "Street " + std::to_string(i), "Tehran", "", "", "ir", "Iran"});
  e.identifiers.push_back(
      {IdentifierType::kPassport, "Passport", "P" + std::to_string(rng()), "ir", "issued 2010"});
  e.programs = {"SDGT", "IRGC"};
  e.listed_on = {2012, 5, 1};
  e.remarks = "Synthetic remarks for benchmarking entity " + std::to_string(i) + ".";
  if (i > 0)
    e.relations.push_back({RelationType::kLinkedTo,
                           "bench:" + std::to_string(i - 1),
                           "",
                           std::nullopt,
                           std::nullopt,
                           "",
                           {},
                           {},
                           ""});
  return e;
}

ListData SyntheticList() {
  std::mt19937 rng(42);
  ListData data;
  data.list = "bench";
  data.format = Format::kUnXml;
  for (int i = 0; i < kEntities; ++i) data.entities.push_back(MakeEntity(i, rng));
  return data;
}

const ListData& List() {
  static const ListData data = SyntheticList();
  return data;
}

// A store file in a fresh temporary directory, removed afterwards.
class ScratchStore {
 public:
  ScratchStore() {
    dir_ = std::filesystem::temp_directory_path() /
           ("interdict-bench-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir_);
  }
  ~ScratchStore() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "store.db").string(); }

 private:
  std::filesystem::path dir_;
};

std::unique_ptr<Store> Open(const ScratchStore& scratch, benchmark::State& state) {
  Result<std::unique_ptr<Store>> store = OpenSqliteStore(scratch.path());
  if (!store) state.SkipWithError(store.error().ToString().c_str());
  return store ? std::move(*store) : nullptr;
}

void BM_AddVersionFresh(benchmark::State& state) {
  const ListData& data = List();
  for (auto _ : state) {
    state.PauseTiming();
    auto scratch = std::make_unique<ScratchStore>();
    std::unique_ptr<Store> store = Open(*scratch, state);
    if (!store) break;
    state.ResumeTiming();
    Result<LoadOutcome> outcome = store->AddVersion(data, "bench");
    if (!outcome) state.SkipWithError(outcome.error().ToString().c_str());
    state.PauseTiming();
    store.reset();
    scratch.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kEntities);
}
BENCHMARK(BM_AddVersionFresh)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_AddVersionOnePercent(benchmark::State& state) {
  ScratchStore scratch;
  std::unique_ptr<Store> store = Open(scratch, state);
  if (!store || !store->AddVersion(List(), "v1")) return state.SkipWithError("setup failed");
  ListData next = List();
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ++round;
    for (int i = 0; i < kEntities; i += 100)
      next.entities[i].remarks = "round " + std::to_string(round);
    state.ResumeTiming();
    Result<LoadOutcome> outcome = store->AddVersion(next, "next");
    if (!outcome || outcome->version.changed != kEntities / 100) {
      state.SkipWithError("unexpected load outcome");
    }
  }
  state.SetItemsProcessed(state.iterations() * kEntities);
}
BENCHMARK(BM_AddVersionOnePercent)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ReferencePlainInsert(benchmark::State& state) {
  std::vector<std::string> json;
  for (const Entity& e : List().entities) json.push_back(EntityToJson(e));
  for (auto _ : state) {
    state.PauseTiming();
    ScratchStore scratch;
    sqlite3* db = nullptr;
    sqlite3_open(scratch.path().c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 "CREATE TABLE entities (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    state.ResumeTiming();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO entities VALUES (?1, ?2)", -1, &insert, nullptr);
    for (std::size_t i = 0; i < json.size(); ++i) {
      const std::string& id = List().entities[i].id;
      sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 2, json[i].data(), static_cast<int>(json[i].size()), SQLITE_STATIC);
      if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      state.SkipWithError(sqlite3_errmsg(db));
    }
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * kEntities);
}
BENCHMARK(BM_ReferencePlainInsert)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_CanonicalJsonAndHash(benchmark::State& state) {
  for (auto _ : state) {
    for (const Entity& e : List().entities) {
      benchmark::DoNotOptimize(sources::Sha256Hex(EntityToJson(e)));
    }
  }
  state.SetItemsProcessed(state.iterations() * kEntities);
}
BENCHMARK(BM_CanonicalJsonAndHash)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_ReadAllCurrent(benchmark::State& state) {
  ScratchStore scratch;
  std::unique_ptr<Store> store = Open(scratch, state);
  if (!store || !store->AddVersion(List(), "v1")) return state.SkipWithError("setup failed");
  for (auto _ : state) {
    std::size_t names = 0;
    Status s = store->ForEachCurrentEntity([&](const Entity& e) {
      names += e.names.size();
      return Status::Ok();
    });
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    benchmark::DoNotOptimize(names);
  }
  state.SetItemsProcessed(state.iterations() * kEntities);
}
BENCHMARK(BM_ReadAllCurrent)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace interdict

BENCHMARK_MAIN();
