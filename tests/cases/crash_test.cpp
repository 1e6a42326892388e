// Crash safety: `interdict rescreen` killed (SIGKILL) mid-run and started
// again loses no decision, opens no duplicate alert, and ends with exactly
// the alerts of an uninterrupted run on a store prepared the same way; on
// SQLite and on PostgreSQL.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "cases/cases_test_util.h"
#include "interdict/sources.h"

extern char** environ;

namespace interdict::testing {
namespace {

const std::string kBinary = INTERDICT_BINARY_DIR "/interdict";

pid_t Spawn(const std::vector<std::string>& args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> storage = {kBinary};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, kBinary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// (customer, entity) of every alert, with how often each pair occurs.
std::multiset<std::pair<std::string, std::string>> Pairs(CaseStore& cases) {
  std::multiset<std::pair<std::string, std::string>> pairs;
  Result<std::vector<Alert>> alerts = cases.FindAlerts({.limit = 1 << 30});
  EXPECT_TRUE(alerts.has_value()) << alerts.error().ToString();
  if (!alerts) return pairs;
  for (const Alert& a : *alerts) pairs.emplace(a.customer_id, a.entity_id);
  return pairs;
}

// Customers built from the real UN names: every tenth is a listed name as
// written, the rest recombine given and family names (mostly no hit).
std::string Population(const ListData& un, int count) {
  std::vector<std::string> given, family, listed;
  for (const Entity& e : un.entities) {
    if (e.schema != Schema::kPerson) continue;
    listed.push_back(e.PrimaryName());
    for (const NamePart& p : e.names[0].parts) {
      if (p.type == NamePartType::kGiven) given.push_back(p.value);
      if (p.type == NamePartType::kFamily || p.type == NamePartType::kOther)
        family.push_back(p.value);
    }
  }
  std::string csv = "id,name,type\n";
  for (int i = 0; i < count; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "P%05d", i);
    const std::string name =
        i % 10 == 0 ? listed[(i / 10) % listed.size()]
                    : given[(i * 7) % given.size()] + " " + family[(i * 13) % family.size()];
    csv += std::string(id) + ",\"" + name + "\",person\n";
  }
  return csv;
}

// The scenario runs on each backend (CaseStoreFactory): SQLite always,
// PostgreSQL when $INTERDICT_TEST_PG names a server.
class CrashTest : public ::testing::TestWithParam<CaseStoreFactory> {
 protected:
  void SetUp() override {
    if (std::string why = GetParam().skip(); !why.empty()) GTEST_SKIP() << why;
  }
  void TearDown() override {
    if (!GetParam().skip().empty()) return;
    for (const char* name : {"main", "ref"}) GetParam().cleanup(dir_ / name);
  }

  // A store named `name` holding the population and the UN list, nobody
  // screened yet; returns what --db names for it.
  std::string Prepare(const std::string& name, const ListData& un) {
    const std::filesystem::path dir = dir_ / name;
    std::filesystem::create_directories(dir);
    std::unique_ptr<CaseStore> cases = GetParam().open(dir);
    EXPECT_NE(cases, nullptr);
    if (cases == nullptr) return "";
    Result<std::unique_ptr<Store>> lists = OpenStore(GetParam().location(dir));
    EXPECT_TRUE(lists.has_value()) << lists.error().ToString();
    if (!lists) return "";
    CaseworkOptions options;
    options.clock = SteppingClock();
    Casework work(**lists, *cases, options);
    Result<ImportReport> import =
        work.ImportCustomers("alice", Population(un, 1500), "population.csv");
    EXPECT_TRUE(import.has_value() && import->errors.empty());
    EXPECT_EQ(import->screened, 0);  // no lists yet: nothing screened on import
    Result<LoadOutcome> loaded = (*lists)->AddVersion(un, "test");
    EXPECT_TRUE(loaded.has_value()) << loaded.error().ToString();
    return GetParam().location(dir);
  }

  std::unique_ptr<CaseStore> Open(const std::string& name) { return GetParam().open(dir_ / name); }

  TempDir dir_;
};

TEST_P(CrashTest, KilledRescreenResumesWithoutLossOrDuplicates) {
  INTERDICT_SHARED_FILE(un_path, "un_sc/consolidated.xml");
  ASSERT_TRUE(std::filesystem::exists(kBinary)) << kBinary;
  Result<ListData> un = ParseList(un_path);
  ASSERT_TRUE(un.has_value()) << un.error().ToString();
  const std::string db = Prepare("main", *un), ref = Prepare("ref", *un);
  ASSERT_FALSE(db.empty() || ref.empty());

  // The reference: one uninterrupted run.
  ASSERT_EQ(Wait(Spawn({"rescreen", "--db", ref, "--user", "alice", "--batch", "25"})), 0);
  const auto expected = Pairs(*Open("ref"));
  ASSERT_GT(expected.size(), 100u);

  // The same run, killed once some batches have committed. The watching
  // connection is opened first: it only reads while the run writes.
  std::unique_ptr<CaseStore> watch = Open("main");
  ASSERT_NE(watch, nullptr);
  const pid_t pid =
      Spawn({"rescreen", "--db", db, "--user", "alice", "--batch", "25", "--threads", "1"});
  ASSERT_GT(pid, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline && Pairs(*watch).size() < 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  ASSERT_EQ(Wait(pid), 128 + SIGKILL) << "the run finished before it could be killed";
  const auto partial = Pairs(*watch);
  ASSERT_GE(partial.size(), 20u);
  ASSERT_LT(partial.size(), expected.size()) << "killed too late to test a resume";
  watch.reset();

  // An analyst decides one of the alerts before the run is restarted.
  std::int64_t decided_id = 0;
  {
    std::unique_ptr<Store> lists = std::move(OpenStore(db).value());
    std::unique_ptr<CaseStore> cases = Open("main");
    Casework work(*lists, *cases);
    decided_id = cases->FindAlerts({.limit = 1}).value().at(0).id;
    ASSERT_TRUE(work.Decide("bob", decided_id, Decision::kFalsePositive, "not him").has_value());
  }

  ASSERT_EQ(Wait(Spawn({"rescreen", "--db", db, "--user", "alice", "--batch", "25"})), 0);
  std::unique_ptr<Store> lists = std::move(OpenStore(db).value());
  std::unique_ptr<CaseStore> cases = Open("main");
  EXPECT_EQ(Pairs(*cases), expected);  // same alerts, none twice
  EXPECT_EQ(cases->GetAlert(decided_id)->status, AlertStatus::kClosedFalsePositive);
  EXPECT_FALSE(cases->GetCheckpoint("rescreen.job").value().has_value());
  Casework work(*lists, *cases);
  AuditVerification audit = work.VerifyAudit();
  EXPECT_TRUE(audit.status.ok()) << audit.status.ToString();
  // The killed run started once; the second run says it resumed it.
  std::vector<std::string> runs;
  const std::vector<AuditEvent> about = cases->AuditEventsAbout("rescreen").value();
  for (const AuditEvent& e : about) {
    if (e.action == "screening.start") runs.push_back("start");
    if (e.action == "screening.run") {
      runs.push_back(e.details.find("\"resumed\":true") != std::string::npos ? "resumed" : "run");
    }
  }
  EXPECT_EQ(runs, (std::vector<std::string>{"start", "resumed"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashTest,
                         ::testing::Values(SqliteCaseStoreFactory(), PostgresCaseStoreFactory()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace interdict::testing
