// The audit trail on SQLite: append-only triggers, and `audit verify`
// catching rows edited or deleted behind the application's back.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include "cases/cases_test_util.h"

extern char** environ;

namespace interdict::testing {
namespace {

int RunCli(std::vector<std::string> args) {
  std::string binary = INTERDICT_BINARY_DIR "/interdict";
  args.insert(args.begin(), binary);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", 1 /* O_WRONLY */, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", 1, 0);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.Load(MakeList("test-list", {Person("test-list", "1", "Ivan Sergeyevich Petrov")}));
    ASSERT_TRUE(f_.work->AddUser("root", "admin1", Role::kAdmin).ok());
    ASSERT_TRUE(f_.work->SetSetting("admin1", "threshold", "0.85").ok());
    Result<ImportReport> r = f_.work->ImportCustomers(
        "admin1", "id,name\nC1,Ivan Sergeyevich Petrov\nC2,Jane Smith\n", "c.csv");
    ASSERT_TRUE(r.has_value() && r->errors.empty());
    const Alert alert = f_.Alerts().at(0);
    ASSERT_TRUE(f_.work->Decide("admin1", alert.id, Decision::kTrueMatch, "same DOB").has_value());
  }
  std::vector<std::string> Actions() {
    std::vector<std::string> actions;
    EXPECT_TRUE(f_.cases
                    ->ForEachAuditEvent([&](const AuditEvent& e) {
                      actions.push_back(e.action + " " + e.actor);
                      return Status::Ok();
                    })
                    .ok());
    return actions;
  }
  CaseworkFixture f_;
};

TEST_F(AuditTest, EveryChangeIsRecordedWithItsActor) {
  EXPECT_EQ(Actions(), (std::vector<std::string>{"user.add root", "setting.set admin1",
                                                 "customers.import admin1", "alert.open admin1",
                                                 "alert.decide admin1"}));
  AuditVerification v = f_.work->VerifyAudit();
  EXPECT_TRUE(v.status.ok()) << v.status.ToString();
  EXPECT_EQ(v.rows, 5);
  EXPECT_EQ(v.head.size(), 64u);
  EXPECT_EQ(RunCli({"audit", "verify", "--db", f_.path}), 0);
  EXPECT_EQ(RunCli({"audit", "verify", "--db", f_.path, "--expect-head", v.head}), 0);
  const std::string out = (f_.dir / "audit.jsonl").string();
  ASSERT_EQ(RunCli({"audit", "export", "--db", f_.path, "--output", out}), 0);
  const std::string exported = ReadFile(out);
  EXPECT_EQ(std::count(exported.begin(), exported.end(), '\n'), 5);
  EXPECT_NE(exported.find("\"action\":\"alert.decide\""), std::string::npos);
  EXPECT_NE(exported.find("\"note\":\"same DOB\""), std::string::npos);
}

TEST_F(AuditTest, TriggersRefuseEditsThroughSql) {
  RawDb raw(f_.path);
  EXPECT_NE(raw.Text("SELECT sql FROM sqlite_schema WHERE name = 'audit_no_update'"), "");
  char* error = nullptr;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(f_.path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(
      sqlite3_exec(db, "UPDATE audit SET actor = 'x' WHERE seq = 1", nullptr, nullptr, &error),
      SQLITE_OK);
  sqlite3_free(error);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit WHERE seq = 1", nullptr, nullptr, &error),
            SQLITE_OK);
  sqlite3_free(error);
  sqlite3_close(db);
  EXPECT_TRUE(f_.work->VerifyAudit().status.ok());
}

TEST_F(AuditTest, VerifyDetectsAnEditedRow) {
  {
    RawDb raw(f_.path);
    raw.Exec("DROP TRIGGER audit_no_update");
    raw.Exec("UPDATE audit SET actor = 'mallory' WHERE seq = 3");
  }
  AuditVerification v = f_.work->VerifyAudit();
  EXPECT_EQ(v.status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(v.status.location().element, "audit row 3");
  EXPECT_NE(v.status.message().find("altered"), std::string::npos) << v.status.ToString();
  EXPECT_EQ(RunCli({"audit", "verify", "--db", f_.path}), 1);
}

TEST_F(AuditTest, VerifyDetectsARewrittenHash) {
  {
    RawDb raw(f_.path);
    raw.Exec("DROP TRIGGER audit_no_update");
    // A forger who rehashes the row still breaks the link to the next one.
    AuditEvent e;
    ASSERT_TRUE(f_.cases
                    ->ForEachAuditEvent([&](const AuditEvent& row) {
                      if (row.seq == 2) e = row;
                      return Status::Ok();
                    })
                    .ok());
    e.details = R"({"value":"0.99"})";
    raw.Exec("UPDATE audit SET details = '" + e.details + "', hash = '" + AuditEventHash(e) +
             "' WHERE seq = 2");
  }
  AuditVerification v = f_.work->VerifyAudit();
  EXPECT_EQ(v.status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(v.status.location().element, "audit row 3");
  EXPECT_NE(v.status.message().find("does not chain"), std::string::npos) << v.status.ToString();
}

TEST_F(AuditTest, VerifyDetectsDeletedRows) {
  const std::string head = f_.work->VerifyAudit().head;
  {
    RawDb raw(f_.path);
    raw.Exec("DROP TRIGGER audit_no_delete");
    raw.Exec("DELETE FROM audit WHERE seq = 2");
  }
  AuditVerification v = f_.work->VerifyAudit();
  EXPECT_EQ(v.status.code(), StatusCode::kCorrupt);
  EXPECT_NE(v.status.message().find("deleted"), std::string::npos) << v.status.ToString();
  {
    RawDb raw(f_.path);
    raw.Exec("DELETE FROM audit WHERE seq >= 2");  // now only a truncated, valid prefix
  }
  EXPECT_TRUE(f_.work->VerifyAudit().status.ok());
  // Truncation shows against a head hash anchored earlier.
  EXPECT_EQ(RunCli({"audit", "verify", "--db", f_.path, "--expect-head", head}), 1);
}

}  // namespace
}  // namespace interdict::testing
