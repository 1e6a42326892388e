// Benchmark: screening a monitored population through Casework (issue 6's
// targets: 1,000,000 customers in full in under 5 minutes on 2 cores, and a
// delta rescreen against ~50 added or changed entities in under 10 s, on
// SQLite and on PostgreSQL).
//
//   bench_rescreen [--customers N] [--backend sqlite|pg] [--data DIR] [--db LOCATION]
//
// N defaults to 20,000 (a quick run); the figure is --customers
// 1000000. --backend pg uses $INTERDICT_TEST_PG (scripts/pg.sh run starts a
// server) with a fresh schema, or --db CONNINFO.
//
// 1. loads every real list under DIR into a fresh store;
// 2. stores N synthetic customers built from real name parts (0.5% are
//    listed names as written, the rest recombine given and family names or
//    build company names from listed organisations' words);
// 3. full rescreen, timed, split into building the screener, Screen() on
//    every thread, and the rest (store reads and writes, alert rules);
// 4. a new OFAC SDN version with 25 changed and 25 added entities, then a
//    delta rescreen, timed and split the same way;
// 5. the reference in the same run: the same population screened in memory
//    against every entity with no store, no alerts and no checkpoints.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "interdict/cases.h"
#include "interdict/casework.h"
#include "interdict/screen.h"
#include "interdict/sources.h"
#include "interdict/store.h"
#include "store/pg_util.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using interdict::Entity;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

[[noreturn]] void Die(const interdict::Status& s) {
  std::fprintf(stderr, "bench_rescreen: %s\n", s.ToString().c_str());
  std::exit(1);
}

template <typename T>
T Check(interdict::Result<T> r) {
  if (!r) Die(r.error());
  return std::move(*r);
}

struct NamePool {
  std::vector<std::string> given, family, org_words, listed;
};

NamePool CollectNames(interdict::Store& store) {
  NamePool pool;
  interdict::Status s = store.ForEachCurrentEntity([&](const Entity& e) {
    if (e.names.empty()) return interdict::Status::Ok();
    if (e.schema == interdict::Schema::kPerson) {
      for (const interdict::NamePart& p : e.names[0].parts) {
        if (p.value.find(',') != std::string::npos || p.value.find('"') != std::string::npos)
          continue;
        if (p.type == interdict::NamePartType::kGiven) pool.given.push_back(p.value);
        if (p.type == interdict::NamePartType::kFamily) pool.family.push_back(p.value);
      }
    } else if (e.schema == interdict::Schema::kOrganization) {
      std::string word;
      for (char c : e.names[0].full + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
          word += c;
        } else if (word.size() > 3) {
          pool.org_words.push_back(word);
          word.clear();
        } else {
          word.clear();
        }
      }
    }
    const std::string& name = e.PrimaryName();
    if (name.find('"') == std::string::npos && name.size() < 80) pool.listed.push_back(name);
    return interdict::Status::Ok();
  });
  if (!s.ok()) Die(s);
  return pool;
}

std::string Population(const NamePool& pool, int count) {
  std::mt19937_64 rng(42);
  auto pick = [&](const std::vector<std::string>& v) -> const std::string& {
    return v[rng() % v.size()];
  };
  std::string csv = "id,name,type,dob,country\n";
  csv.reserve(static_cast<std::size_t>(count) * 48);
  static const char* kSuffixes[] = {"LLC", "Ltd", "GmbH", "Trading", "Holdings", "Group"};
  for (int i = 0; i < count; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "C%07d", i);
    const int kind = static_cast<int>(rng() % 1000);
    std::string name, type;
    if (kind < 5) {  // 0.5%: a listed name as written
      name = pick(pool.listed);
    } else if (kind < 700) {
      name = pick(pool.given) + " " + pick(pool.family);
      type = "person";
    } else {
      name = pick(pool.org_words) + " " + pick(pool.org_words) + " " + kSuffixes[rng() % 6];
      type = "organization";
    }
    csv += std::string(id) + ",\"" + name + "\"," + type + ",,\n";
  }
  return csv;
}

// A next OFAC SDN version: 25 entities gain an alias, 25 new ones appear.
interdict::ListData NextSdn(interdict::Store& store, const NamePool& pool) {
  interdict::ListData data;
  data.list = "ofac-sdn";
  data.format = interdict::Format::kOfacCsv;
  const interdict::ListVersion v = Check(store.CurrentVersion("ofac-sdn"));
  interdict::Status s = store.ForEachEntity(v.id, [&](const Entity& e) {
    data.entities.push_back(e);
    return interdict::Status::Ok();
  });
  if (!s.ok()) Die(s);
  for (int i = 0; i < 25; ++i) {
    Entity& e = data.entities[static_cast<std::size_t>(i) * 97 % data.entities.size()];
    e.names.push_back({e.PrimaryName() + " TRADING", interdict::NameKind::kAka, {}, "", "", {}});
    Entity added;
    added.id = "ofac-sdn:bench-" + std::to_string(i);
    added.list = "ofac-sdn";
    added.schema = interdict::Schema::kPerson;
    added.names.push_back({pool.given[static_cast<std::size_t>(i) * 31 % pool.given.size()] + " " +
                               pool.family[static_cast<std::size_t>(i) * 17 % pool.family.size()],
                           interdict::NameKind::kPrimary,
                           {},
                           "",
                           "",
                           {}});
    data.entities.push_back(std::move(added));
  }
  return data;
}

struct Args {
  int customers = 20000;
  std::string backend = "sqlite";
  fs::path data = fs::path(INTERDICT_SOURCE_DIR) / ".." / "shared" / "data";
  std::string db;
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
    if (value == nullptr) Die(interdict::Status::InvalidArgument(flag + " needs a value"));
    if (flag == "--customers") {
      args.customers = std::atoi(value);
    } else if (flag == "--backend") {
      args.backend = value;
    } else if (flag == "--data") {
      args.data = value;
    } else if (flag == "--db") {
      args.db = value;
    } else {
      Die(interdict::Status::InvalidArgument(
          "usage: bench_rescreen [--customers N] [--backend sqlite|pg] [--data DIR] [--db L]"));
    }
    ++i;
  }
  if (args.backend != "sqlite" && args.backend != "pg") {
    Die(interdict::Status::InvalidArgument("--backend is sqlite or pg"));
  }
  return args;
}

// A fresh store location: a new SQLite file, or a new schema on the server.
std::string FreshLocation(const Args& args) {
  if (args.backend == "sqlite") {
    const std::string path =
        args.db.empty() ? (fs::temp_directory_path() / "bench_rescreen.db").string() : args.db;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    return path;
  }
  std::string conninfo = args.db;
  if (conninfo.empty()) {
    const char* env = std::getenv("INTERDICT_TEST_PG");
    if (env == nullptr || *env == '\0') {
      Die(interdict::Status::InvalidArgument(
          "--backend pg needs --db CONNINFO or $INTERDICT_TEST_PG (scripts/pg.sh run ...)"));
    }
    conninfo = env;
  }
  interdict::store::PgConnection admin = Check(interdict::store::PgConnection::Connect(conninfo));
  Check(admin.Exec("DROP SCHEMA IF EXISTS bench_rescreen CASCADE; CREATE SCHEMA bench_rescreen"));
  return conninfo + (conninfo.find("://") == std::string::npos
                         ? " options='-csearch_path=bench_rescreen'"
                         : std::string(conninfo.find('?') == std::string::npos ? "?" : "&") +
                               "options=-csearch_path%3Dbench_rescreen");
}

void PrintRun(const char* what, const interdict::RescreenReport& r, double seconds) {
  const double rest = seconds - r.build_seconds - r.screen_seconds;
  std::printf(
      "%s: %lld customers x %lld entities in %.2f s (%.0f customers/s); %lld hits, %lld alerts\n"
      "  split (wall): build screener %.2f s, Screen() %.2f s, elsewhere (waiting on the store, "
      "alert rules) %.2f s\n"
      "  background (busy time, overlapping the above): read customers %.2f s, write batches "
      "%.2f s\n",
      what, static_cast<long long>(r.customers),
      static_cast<long long>(r.entities_screened_against), seconds,
      static_cast<double>(r.customers) / seconds, static_cast<long long>(r.hits),
      static_cast<long long>(r.alerts_opened), r.build_seconds, r.screen_seconds, rest,
      r.read_seconds, r.write_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  const int customers = args.customers;
  const std::string db = FreshLocation(args);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::printf("bench_rescreen: %d customers, %u cores, backend %s\n", customers, cores,
              args.backend.c_str());

  std::unique_ptr<interdict::Store> store = Check(interdict::OpenStore(db));
  std::unique_ptr<interdict::CaseStore> cases = Check(interdict::OpenCaseStore(db));
  auto t = Clock::now();
  interdict::Discovery found = Check(interdict::DiscoverLists(args.data));
  std::size_t entities = 0;
  for (const interdict::DiscoveredList& list : found.lists) {
    interdict::ListData parsed = Check(interdict::ParseList(list.path));
    if (parsed.is_delta) continue;  // FtM deltas need their base; skip in the bench
    interdict::LoadOutcome outcome = Check(store->AddVersion(parsed, list.path.string()));
    if (outcome.created) entities += static_cast<std::size_t>(outcome.version.entities);
  }
  std::printf("lists loaded: %zu entities in %.1f s\n", entities, Seconds(t));

  interdict::CaseworkOptions options;
  options.batch_size = 5000;
  interdict::Casework work(*store, *cases, options);
  const NamePool pool = CollectNames(*store);
  const std::string population = Population(pool, customers);

  t = Clock::now();
  std::vector<interdict::ScreenQuery> records;
  // Write the customers directly (the import path without its screening),
  // then let the full rescreen do the screening it would have done.
  {
    std::vector<interdict::ScreenQuery> rows;
    std::size_t pos = population.find('\n') + 1;
    while (pos < population.size()) {
      const std::size_t end = population.find('\n', pos);
      const std::string line = population.substr(pos, end - pos);
      pos = end + 1;
      const std::size_t q1 = line.find(",\""), q2 = line.find("\",", q1 + 2);
      interdict::ScreenQuery q;
      q.id = line.substr(0, q1);
      q.name = line.substr(q1 + 2, q2 - q1 - 2);
      const std::string type = line.substr(q2 + 2, line.find(',', q2 + 2) - q2 - 2);
      if (!type.empty()) q.type = interdict::ParseSchema(type);
      rows.push_back(std::move(q));
    }
    Check(cases->UpsertCustomers(rows, interdict::NowUtc(),
                                 {"bench", "customers.import", "customers", ""}));
    records = std::move(rows);
  }
  std::printf("customers stored: %d in %.1f s\n", customers, Seconds(t));

  t = Clock::now();
  interdict::RescreenReport full = Check(work.Rescreen("bench", interdict::RescreenMode::kFull));
  const double full_s = Seconds(t);
  PrintRun("full rescreen", full, full_s);

  Check(store->AddVersion(NextSdn(*store, pool), "bench"));
  t = Clock::now();
  interdict::RescreenReport delta = Check(work.Rescreen("bench", interdict::RescreenMode::kDelta));
  const double delta_s = Seconds(t);
  PrintRun("delta rescreen", delta, delta_s);
  std::printf("  (%s)\n", delta.versions.empty() ? "" : delta.versions[0].c_str());

  // Reference: screening alone, in memory, all cores.
  t = Clock::now();
  std::unique_ptr<interdict::Screener> screener = Check(interdict::BuildScreener(*store));
  const double build_s = Seconds(t);
  t = Clock::now();
  std::atomic<std::size_t> next{0}, hits{0};
  auto loop = [&] {
    interdict::ScreenOptions screen_options;
    for (std::size_t i; (i = next.fetch_add(1)) < records.size();) {
      hits += screener->Screen(records[i], screen_options).size();
    }
  };
  std::vector<std::thread> pool_threads;
  for (unsigned c = 1; c < cores; ++c) pool_threads.emplace_back(loop);
  loop();
  for (std::thread& th : pool_threads) th.join();
  const double ref_s = Seconds(t);
  std::printf("reference (screener only, in memory): build %.1f s, screen %.1f s; %zu hits\n",
              build_s, ref_s, hits.load());
  std::printf("full/ref %.2f, full/delta %.0fx\n", full_s / (build_s + ref_s), full_s / delta_s);
  const double scale = 1e6 / customers;
  std::printf(
      "extrapolated to 1,000,000 customers: full %.0f s (target 300), delta %.1f s "
      "(target 10)\n",
      full_s * scale, delta_s * scale);
  if (args.backend == "sqlite") {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  }
  return 0;
}
