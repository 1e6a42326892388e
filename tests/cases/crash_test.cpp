// Crash safety: `interdict rescreen` killed (SIGKILL) mid-run and started
// again loses no decision, opens no duplicate alert, and ends with exactly
// the alerts of an uninterrupted run on a copy of the same store.
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
std::multiset<std::pair<std::string, std::string>> Pairs(const std::string& path) {
  std::multiset<std::pair<std::string, std::string>> pairs;
  Result<std::unique_ptr<CaseStore>> cases = OpenSqliteCaseStore(path);
  EXPECT_TRUE(cases.has_value());
  if (!cases) return pairs;
  const std::vector<Alert> alerts = (*cases)->FindAlerts({.limit = 1 << 30}).value();
  for (const Alert& a : alerts) {
    pairs.emplace(a.customer_id, a.entity_id);
  }
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

TEST(CrashTest, KilledRescreenResumesWithoutLossOrDuplicates) {
  INTERDICT_SHARED_FILE(un_path, "un_sc/consolidated.xml");
  ASSERT_TRUE(std::filesystem::exists(kBinary)) << kBinary;
  TempDir dir;
  const std::string db = (dir / "main.db").string(), ref = (dir / "ref.db").string();
  Result<ListData> un = ParseList(un_path);
  ASSERT_TRUE(un.has_value()) << un.error().ToString();
  {
    CaseworkFixture setup;  // build in a scratch store, then copy the file
    Result<ImportReport> import =
        setup.work->ImportCustomers("alice", Population(*un, 1500), "population.csv");
    ASSERT_TRUE(import.has_value() && import->errors.empty());
    EXPECT_EQ(import->screened, 0);  // no lists yet: nothing screened on import
    setup.Load(*un);
    setup.cases.reset();
    setup.lists.reset();  // the last connection closes and checkpoints the WAL
    std::filesystem::copy_file(setup.path, db);
    std::filesystem::copy_file(setup.path, ref);
  }
  // The reference: one uninterrupted run.
  ASSERT_EQ(Wait(Spawn({"rescreen", "--db", ref, "--user", "alice", "--batch", "25"})), 0);
  const auto expected = Pairs(ref);
  ASSERT_GT(expected.size(), 100u);

  // The same run, killed once some batches have committed.
  const pid_t pid =
      Spawn({"rescreen", "--db", db, "--user", "alice", "--batch", "25", "--threads", "1"});
  ASSERT_GT(pid, 0);
  std::int64_t opened_before_kill = 0;
  {
    RawDb raw(db);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      if (raw.Int("SELECT count(*) FROM alerts") >= 20) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  kill(pid, SIGKILL);
  ASSERT_EQ(Wait(pid), 128 + SIGKILL) << "the run finished before it could be killed";
  const auto partial = Pairs(db);
  opened_before_kill = static_cast<std::int64_t>(partial.size());
  ASSERT_GE(opened_before_kill, 20);
  ASSERT_LT(partial.size(), expected.size()) << "killed too late to test a resume";

  // An analyst decides one of the alerts before the run is restarted.
  std::int64_t decided_id = 0;
  {
    std::unique_ptr<Store> lists = OpenOrDie(db);
    std::unique_ptr<CaseStore> cases = std::move(OpenSqliteCaseStore(db).value());
    Casework work(*lists, *cases);
    decided_id = cases->FindAlerts({.limit = 1}).value().at(0).id;
    ASSERT_TRUE(work.Decide("bob", decided_id, Decision::kFalsePositive, "not him").has_value());
  }

  ASSERT_EQ(Wait(Spawn({"rescreen", "--db", db, "--user", "alice", "--batch", "25"})), 0);
  const auto resumed = Pairs(db);
  EXPECT_EQ(resumed, expected);  // same alerts, none twice
  std::unique_ptr<Store> lists = OpenOrDie(db);
  std::unique_ptr<CaseStore> cases = std::move(OpenSqliteCaseStore(db).value());
  EXPECT_EQ(cases->GetAlert(decided_id)->status, AlertStatus::kClosedFalsePositive);
  EXPECT_FALSE(cases->GetCheckpoint("rescreen.job").value().has_value());
  Casework work(*lists, *cases);
  AuditVerification audit = work.VerifyAudit();
  EXPECT_TRUE(audit.status.ok()) << audit.status.ToString();
  // The second run says it resumed.
  bool resumed_run = false;
  ASSERT_TRUE(cases
                  ->ForEachAuditEvent([&](const AuditEvent& e) {
                    if (e.action == "screening.run" &&
                        e.details.find("\"resumed\":true") != std::string::npos) {
                      resumed_run = true;
                    }
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_TRUE(resumed_run);
}

}  // namespace
}  // namespace interdict::testing
