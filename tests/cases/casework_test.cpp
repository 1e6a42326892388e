// Casework on hand-built lists: imports, the alert lifecycle, four-eyes,
// roles, the allowlist's re-alert rules, delta rescreens and delisting.
#include <gtest/gtest.h>

#include <thread>

#include "cases/cases_test_util.h"

namespace interdict::testing {
namespace {

constexpr const char* kCustomersCsv =
    "id,name,type,dob,country,identifiers\n"
    "C1,Ivan Sergeyevich Petrov,person,1970-01-02,ru,\n"
    "C2,Maria Lopez Garcia,person,,es,passport:X1\n"
    "C3,Golden Star Shipping Company,organization,,,\n";

ListData Sanctions() {
  return MakeList("test-list", {Person("test-list", "1", "Ivan Sergeyevich Petrov"),
                                Organization("test-list", "2", "Golden Star Shipping Company"),
                                Person("test-list", "3", "Abdul Karim Rahimi")});
}

class CaseworkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.Load(Sanctions());
    Result<ImportReport> report = f_.work->ImportCustomers("alice", kCustomersCsv, "customers.csv");
    ASSERT_TRUE(report.has_value()) << report.error().ToString();
    ASSERT_TRUE(report->errors.empty()) << report->errors[0].ToString();
  }
  Alert AlertFor(const std::string& customer) {
    std::vector<Alert> alerts = f_.Alerts({.customer_id = customer});
    EXPECT_FALSE(alerts.empty()) << "no alert for " << customer;
    return alerts.empty() ? Alert{} : alerts.front();
  }
  CaseworkFixture f_;
};

TEST_F(CaseworkTest, ImportScreensNewCustomers) {
  std::vector<Alert> alerts = f_.Alerts();
  ASSERT_EQ(alerts.size(), 2u);
  const Alert petrov = AlertFor("C1");
  EXPECT_EQ(petrov.entity_id, "test-list:1");
  EXPECT_GE(petrov.score, kDefaultThreshold);
  EXPECT_EQ(petrov.reason, "new or changed customer record (test-list version 1)");
  EXPECT_NE(petrov.explanation.find("\"tokens\""), std::string::npos) << petrov.explanation;
  EXPECT_NE(petrov.basis.find("\"listed\""), std::string::npos) << petrov.basis;
  EXPECT_EQ(petrov.list_version, f_.lists->CurrentVersion("test-list")->id);
  EXPECT_EQ(AlertFor("C3").entity_id, "test-list:2");
  EXPECT_TRUE(f_.Alerts({.customer_id = "C2"}).empty());
  EXPECT_EQ(f_.cases->GetCustomer("C2")->screened_hash, f_.cases->GetCustomer("C2")->record_hash);
}

TEST_F(CaseworkTest, ReimportUpdatesAndScreensOnlyChangedRecords) {
  const std::string jsonl =
      R"({"id":"C1","name":"Ivan Sergeyevich Petrov","type":"person","dob":"1970-01-02","country":"ru"})"
      "\n"
      R"({"id":"C2","name":"Abdul Karim Rahimi","type":"person"})"
      "\n\n"
      R"({"id":"C4","name":"Jane Smith"})"
      "\n";
  Result<ImportReport> report = f_.work->ImportCustomers("alice", jsonl, "update.jsonl");
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  ASSERT_TRUE(report->errors.empty()) << report->errors[0].ToString();
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->upsert.added, 1);
  EXPECT_EQ(report->upsert.updated, 1);
  EXPECT_EQ(report->upsert.unchanged, 1);
  EXPECT_EQ(report->screened, 2);  // C2 (changed) and C4 (new)
  EXPECT_EQ(report->alerts_opened, 1);
  EXPECT_EQ(AlertFor("C2").entity_id, "test-list:3");
  EXPECT_EQ(f_.Alerts().size(), 3u);
}

TEST_F(CaseworkTest, BadRowsImportNothingAndNameTheLine) {
  const std::string csv =
      "id,name,type,dob,country\n"
      "C9,New Person,person,,\n"
      "C1,Changed Name,person,,\n"
      "C10,Bad Date,person,1970-13-45,\n"
      ",No Id,person,,\n"
      "C9,Twice,person,,\n";
  Result<ImportReport> report = f_.work->ImportCustomers("alice", csv, "bad.csv");
  ASSERT_TRUE(report.has_value());
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_EQ(report->errors[0].location().file, "bad.csv");
  EXPECT_EQ(report->errors[0].location().line, 4);
  EXPECT_EQ(report->errors[0].location().element, "dob");
  EXPECT_EQ(report->errors[1].location().line, 5);
  EXPECT_EQ(report->errors[2].location().line, 6);
  EXPECT_NE(report->errors[2].message().find("first on line 2"), std::string::npos);
  // Nothing was written: C9 is unknown and C1 keeps its name.
  EXPECT_EQ(f_.cases->GetCustomer("C9").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(f_.cases->GetCustomer("C1")->record.name, "Ivan Sergeyevich Petrov");
  EXPECT_EQ(f_.cases->CustomerCount().value(), 3);
}

TEST_F(CaseworkTest, HostileImportsAreRefused) {
  struct Case {
    std::string text, expect;
  } cases[] = {
      {"", "the file is empty"},
      {"id,name\n", "no customer rows"},
      {"name,country\nX,ru\n", "no 'id' column"},
      {"id,name\nC1,\"unterminated\n", ""},
      {"{\"id\":\"C1\",\"name\":\"A\"}\n{\"id\":\"C2\",\"name\":\n", ""},
      {"id,name\nC1,Bad \xff\xfe name\n", "UTF-8"},
      {"{\"id\":\"C1\",\"name\":\"\"}\n", ""},
  };
  for (const Case& c : cases) {
    Result<ImportReport> report = f_.work->ImportCustomers("alice", c.text, "in");
    ASSERT_TRUE(report.has_value()) << c.text;
    ASSERT_FALSE(report->errors.empty()) << c.text;
    EXPECT_NE(report->errors[0].message().find(c.expect), std::string::npos)
        << c.text << ": " << report->errors[0].ToString();
    EXPECT_EQ(report->errors[0].location().file, "in") << report->errors[0].ToString();
  }
  EXPECT_EQ(f_.cases->CustomerCount().value(), 3);
}

TEST_F(CaseworkTest, FalsePositiveIsAllowlistedUntilEitherSideChanges) {
  const Alert alert = AlertFor("C1");
  Result<Alert> closed =
      f_.work->Decide("alice", alert.id, Decision::kFalsePositive, "different DOB", alert.revision);
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  EXPECT_EQ(closed->status, AlertStatus::kClosedFalsePositive);
  EXPECT_EQ(closed->decided_by, "alice");
  ASSERT_EQ(f_.cases->Allowlist()->size(), 1u);

  // A full rescreen on unchanged data does not alert the pair again.
  Result<RescreenReport> full = f_.work->Rescreen("alice", RescreenMode::kFull);
  ASSERT_TRUE(full.has_value()) << full.error().ToString();
  EXPECT_EQ(full->suppressed, 1);
  EXPECT_EQ(full->already_open, 1);  // C3's alert is still open
  EXPECT_EQ(full->alerts_opened, 0);

  // The entity changes (a new alias): the pair re-alerts, citing the change.
  ListData changed = Sanctions();
  changed.entities[0].names.push_back({"Ivan Petroff", NameKind::kAka, {}, "", "", {}});
  f_.Load(changed);
  Result<RescreenReport> delta = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(delta.has_value()) << delta.error().ToString();
  EXPECT_EQ(delta->mode, RescreenMode::kDelta);
  EXPECT_EQ(delta->entities_screened_against, 1);
  EXPECT_EQ(delta->alerts_opened, 1);
  std::vector<Alert> open = f_.Alerts({.statuses = {AlertStatus::kOpen}, .customer_id = "C1"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reason, "re-alert: the listed entity changed since alert " +
                                std::to_string(alert.id) +
                                " was closed as closed_false_positive on " + closed->closed_at);

  // Closed as a false positive again; then the customer's record changes.
  ASSERT_TRUE(f_.work->Decide("alice", open[0].id, Decision::kFalsePositive, "").has_value());
  ASSERT_EQ(f_.work->Rescreen("alice", RescreenMode::kFull)->alerts_opened, 0);
  const std::string moved =
      "id,name,type,dob,country\nC1,Ivan Sergeyevich Petrov,person,1970-01-02,cy\n";
  Result<ImportReport> report = f_.work->ImportCustomers("alice", moved, "moved.csv");
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->alerts_opened, 1);
  open = f_.Alerts({.statuses = {AlertStatus::kOpen}, .customer_id = "C1"});
  ASSERT_EQ(open.size(), 1u);
  EXPECT_NE(open[0].reason.find("the customer record changed"), std::string::npos)
      << open[0].reason;
}

TEST_F(CaseworkTest, RemovingAnAllowlistEntryLetsThePairAlertAgain) {
  const Alert alert = AlertFor("C1");
  ASSERT_TRUE(f_.work->Decide("alice", alert.id, Decision::kFalsePositive, "").has_value());
  ASSERT_TRUE(f_.work->RemoveAllowlist("alice", "C1", "test-list:1").ok());
  Result<RescreenReport> full = f_.work->Rescreen("alice", RescreenMode::kFull);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->alerts_opened, 1);
}

TEST_F(CaseworkTest, TrueMatchStaysDecided) {
  const Alert alert = AlertFor("C3");
  ASSERT_TRUE(f_.work->StartReview("alice", alert.id).has_value());
  Result<Alert> closed = f_.work->Decide("alice", alert.id, Decision::kTrueMatch, "confirmed");
  ASSERT_TRUE(closed.has_value()) << closed.error().ToString();
  EXPECT_EQ(closed->revision, 3);
  EXPECT_TRUE(f_.cases->Allowlist()->empty());
  Result<RescreenReport> full = f_.work->Rescreen("alice", RescreenMode::kFull);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->suppressed, 1);
  Result<Alert> again = f_.work->Decide("bob", alert.id, Decision::kFalsePositive, "");
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), StatusCode::kConflict);
}

TEST_F(CaseworkTest, ConcurrentDecisionsExactlyOneWins) {
  const Alert alert = AlertFor("C1");
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      Result<Alert> r = f_.work->Decide("analyst" + std::to_string(t), alert.id,
                                        t % 2 ? Decision::kTrueMatch : Decision::kFalsePositive, "",
                                        alert.revision);
      if (r) ++wins;
      if (!r && r.error().code() == StatusCode::kConflict) ++conflicts;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(conflicts, 5);
  const Alert decided = f_.cases->GetAlert(alert.id).value();
  EXPECT_TRUE(IsClosed(decided.status));
  EXPECT_EQ(decided.revision, 2);
  // The allowlist has an entry only if the winner said false positive.
  EXPECT_EQ(f_.cases->Allowlist()->size(),
            decided.status == AlertStatus::kClosedFalsePositive ? 1u : 0u);
}

TEST_F(CaseworkTest, RolesAndFourEyes) {
  ASSERT_TRUE(f_.work->AddUser("root", "admin1", Role::kAdmin).ok());  // open install
  ASSERT_TRUE(f_.work->AddUser("admin1", "ann", Role::kAnalyst).ok());
  ASSERT_TRUE(f_.work->AddUser("admin1", "rita", Role::kReviewer).ok());
  Status denied = f_.work->AddUser("ann", "eve", Role::kAdmin);
  EXPECT_EQ(denied.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(denied.message(), "permission denied: user 'ann' is analyst; this needs admin");
  const Status unknown = f_.work->AddUser("root", "eve", Role::kAdmin);
  EXPECT_EQ(unknown.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(unknown.message().find("not a registered user"), std::string::npos);
  EXPECT_EQ(f_.work->SetSetting("ann", "four_eyes", "on").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(f_.work->SetSetting("admin1", "four_eyes", "maybe").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(f_.work->SetSetting("admin1", "colour", "red").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(f_.work->SetSetting("admin1", "four_eyes", "on").ok());

  const Alert alert = AlertFor("C3");
  ASSERT_TRUE(f_.work->Assign("ann", alert.id, "ann").has_value());
  EXPECT_EQ(f_.work->Assign("ann", alert.id, "nobody").error().code(),
            StatusCode::kInvalidArgument);
  Result<Alert> proposed = f_.work->Decide("ann", alert.id, Decision::kFalsePositive, "name only");
  ASSERT_TRUE(proposed.has_value()) << proposed.error().ToString();
  EXPECT_EQ(proposed->status, AlertStatus::kAwaitingConfirmation);
  EXPECT_EQ(proposed->proposed, AlertStatus::kClosedFalsePositive);
  EXPECT_TRUE(f_.cases->Allowlist()->empty());
  // The analyst cannot confirm (role), nor can a reviewer confirm their own proposal.
  EXPECT_EQ(f_.work->Confirm("ann", alert.id, true, "").error().code(),
            StatusCode::kPermissionDenied);
  Result<Alert> rejected = f_.work->Confirm("rita", alert.id, false, "check the address");
  ASSERT_TRUE(rejected.has_value()) << rejected.error().ToString();
  EXPECT_EQ(rejected->status, AlertStatus::kInReview);
  ASSERT_TRUE(f_.work->Decide("rita", alert.id, Decision::kFalsePositive, "").has_value());
  Result<Alert> own = f_.work->Confirm("rita", alert.id, true, "");
  ASSERT_FALSE(own.has_value());
  EXPECT_EQ(own.error().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(own.error().message().find("four-eyes"), std::string::npos);
  ASSERT_TRUE(f_.work->AddUser("admin1", "rob", Role::kReviewer).ok());
  Result<Alert> confirmed = f_.work->Confirm("rob", alert.id, true, "ok");
  ASSERT_TRUE(confirmed.has_value()) << confirmed.error().ToString();
  EXPECT_EQ(confirmed->status, AlertStatus::kClosedFalsePositive);
  EXPECT_EQ(confirmed->decided_by, "rob");
  ASSERT_EQ(f_.cases->Allowlist()->size(), 1u);
  EXPECT_EQ(f_.cases->Allowlist()->at(0).created_by, "rita");
  ASSERT_TRUE(f_.work->Comment("ann", alert.id, "closed after review").has_value());
  EXPECT_EQ(f_.cases->Comments(alert.id)->size(), 1u);
}

TEST_F(CaseworkTest, DeltaRescreenScreensOnlyWhatChangedAndHandlesDelisting) {
  ASSERT_TRUE(f_.work->Rescreen("alice", RescreenMode::kDelta).has_value());  // first: full
  // C3's alert goes into review; C1's stays open.
  ASSERT_TRUE(f_.work->StartReview("alice", AlertFor("C3").id).has_value());
  ListData next = Sanctions();
  next.entities.erase(next.entities.begin(), next.entities.begin() + 2);  // delist 1 and 2
  next.entities.push_back(Person("test-list", "4", "Maria Lopez Garcia"));
  f_.Load(next);
  Result<RescreenReport> delta = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(delta.has_value()) << delta.error().ToString();
  EXPECT_EQ(delta->entities_screened_against, 1);  // only the added entity
  EXPECT_EQ(delta->customers, 3);
  EXPECT_EQ(delta->alerts_opened, 1);
  EXPECT_EQ(delta->delisted_closed, 1);
  EXPECT_EQ(delta->delisted_flagged, 1);
  ASSERT_EQ(delta->versions.size(), 1u);
  EXPECT_EQ(delta->versions[0], "test-list v2 (+1 ~0 -2)");
  EXPECT_EQ(AlertFor("C1").status, AlertStatus::kClosedDelisted);
  EXPECT_TRUE(AlertFor("C3").entity_delisted);
  EXPECT_EQ(AlertFor("C3").status, AlertStatus::kInReview);
  EXPECT_EQ(AlertFor("C2").reason, "test-list version 2 added it");
  // Nothing new: a delta run does nothing, and repeats are idempotent.
  Result<RescreenReport> idle = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(idle.has_value());
  EXPECT_EQ(idle->entities_screened_against, 0);
  EXPECT_EQ(idle->alerts_opened, 0);
  EXPECT_EQ(idle->delisted_closed + idle->delisted_flagged, 0);
}

TEST_F(CaseworkTest, OwnDesignationsAreVersionedAndScreened) {
  ASSERT_TRUE(f_.work->Rescreen("alice", RescreenMode::kFull).has_value());
  Entity maria = Person("", "", "Maria Lopez Garcia");
  maria.programs.clear();
  Result<Designation> added = f_.work->AddDesignation("alice", maria, "internal fraud case 17",
                                                      {"https://intranet/cases/17"}, "2027-01-01");
  ASSERT_TRUE(added.has_value()) << added.error().ToString();
  EXPECT_EQ(added->entity.id, "own:1");
  ListVersion v1 = f_.lists->CurrentVersion("own").value();
  EXPECT_EQ(v1.entities, 1);
  Result<RescreenReport> delta = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(delta.has_value());
  EXPECT_EQ(delta->alerts_opened, 1);
  EXPECT_EQ(AlertFor("C2").entity_id, "own:1");
  EXPECT_EQ(AlertFor("C2").list, "own");

  Entity edited = maria;
  edited.names.push_back({"Maria L. Garcia", NameKind::kAka, {}, "", "", {}});
  Result<Designation> edit = f_.work->EditDesignation("alice", 1, edited, "", {}, "");
  ASSERT_TRUE(edit.has_value()) << edit.error().ToString();
  EXPECT_EQ(edit->reason, "internal fraud case 17");
  EXPECT_EQ(f_.lists->CurrentVersion("own")->number, 2);
  EXPECT_EQ(f_.lists->Diff("own")->changes.size(), 1u);

  EXPECT_EQ(f_.work->RemoveDesignation("alice", 1, "").error().code(),
            StatusCode::kInvalidArgument);
  ASSERT_TRUE(f_.work->RemoveDesignation("alice", 1, "case closed").has_value());
  ListVersion v3 = f_.lists->CurrentVersion("own").value();
  EXPECT_EQ(v3.number, 3);
  EXPECT_EQ(v3.entities, 0);
  EXPECT_EQ(v3.removed, 1);
  EXPECT_EQ(f_.work->RemoveDesignation("alice", 1, "again").error().code(), StatusCode::kConflict);
  // The removal delists: the open alert on own:1 closes at the next rescreen.
  Result<RescreenReport> after = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->delisted_closed, 1);
  // Bad input is refused before anything is saved.
  Entity nameless;
  nameless.schema = Schema::kPerson;
  EXPECT_FALSE(f_.work->AddDesignation("alice", nameless, "r", {}, "").has_value());
  EXPECT_FALSE(f_.work->AddDesignation("alice", maria, "r", {}, "2027-02").has_value());
  EXPECT_FALSE(f_.work->AddDesignation("alice", maria, "", {}, "").has_value());
  EXPECT_EQ(f_.cases->Designations()->size(), 1u);
}

TEST(CaseworkExpiry, ExpiredDesignationsLeaveTheListOnSync) {
  CaseworkOptions options;
  auto today = std::make_shared<std::string>("2026-11-27T10:00:00Z");
  options.clock = [today] { return *today; };
  CaseworkFixture f(options);
  Entity e = Person("", "", "Temporary Person");
  ASSERT_TRUE(f.work->AddDesignation("alice", e, "temporary", {}, "2026-12-01").has_value());
  EXPECT_EQ(f.lists->CurrentVersion("own")->entities, 1);
  *today = "2026-12-01T00:00:00Z";
  Result<LoadOutcome> synced = f.work->SyncOwnList("alice");
  ASSERT_TRUE(synced.has_value());
  EXPECT_TRUE(synced->created);
  EXPECT_EQ(f.lists->CurrentVersion("own")->entities, 0);
  EXPECT_FALSE(f.work->SyncOwnList("alice")->created);  // unchanged: no new version
}

}  // namespace
}  // namespace interdict::testing
