// The CaseStore contract, run against every backend through a factory (see
// CaseStoreFactory in cases_test_util.h).
#include <gtest/gtest.h>

#include <thread>

#include "cases/cases_test_util.h"
#include "interdict/casework.h"

namespace interdict::testing {
namespace {

class CaseStoreContract : public ::testing::TestWithParam<CaseStoreFactory> {
 protected:
  void SetUp() override {
    if (std::string why = GetParam().skip(); !why.empty()) GTEST_SKIP() << why;
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    if (GetParam().skip().empty()) GetParam().cleanup(dir_.path());
  }

  // Another connection to the same store, as another process would have.
  std::unique_ptr<CaseStore> OpenAgain() { return GetParam().open(dir_.path()); }
  bool Sql(const std::string& sql) { return GetParam().exec(dir_.path(), sql); }

  AuditNote Note(const std::string& action) { return {"alice", action, "test", ""}; }

  Alert NewAlert(const std::string& customer, const std::string& entity, double score,
                 const std::string& list = "un-sc",
                 const std::string& at = "2026-11-27T10:00:00Z") {
    Alert a;
    a.customer_id = customer;
    a.customer_name = "Name of " + customer;
    a.entity_id = entity;
    a.entity_name = "Entity " + entity;
    a.list = list;
    a.score = score;
    a.explanation = R"({"summary":"test"})";
    a.list_version = 7;
    a.basis = R"({"ofac":{"basis":"listed"}})";
    a.reason = "test";
    a.customer_hash = "c-" + customer;
    a.entity_hash = "e-" + entity;
    a.opened_at = at;
    return a;
  }

  Result<BatchOutcome> Open(std::vector<Alert> alerts) {
    ScreeningBatch batch;
    batch.alerts = std::move(alerts);
    batch.actor = "screener";
    return store_->RecordScreening(batch);
  }

  std::int64_t AuditRows() {
    std::int64_t rows = 0;
    EXPECT_TRUE(store_
                    ->ForEachAuditEvent([&](const AuditEvent&) {
                      ++rows;
                      return Status::Ok();
                    })
                    .ok());
    return rows;
  }

  TempDir dir_;
  std::unique_ptr<CaseStore> store_;
};

TEST_P(CaseStoreContract, UsersAreUniqueAndAudited) {
  ASSERT_TRUE(
      store_->AddUser({"bob", Role::kReviewer, "2026-11-27T10:00:00Z", "root"}, Note("user.add"))
          .ok());
  Status again =
      store_->AddUser({"bob", Role::kAdmin, "2026-11-27T10:00:01Z", "root"}, Note("user.add"));
  EXPECT_EQ(again.code(), StatusCode::kConflict) << again.ToString();
  Result<User> bob = store_->GetUser("bob");
  ASSERT_TRUE(bob.has_value());
  EXPECT_EQ(bob->role, Role::kReviewer);  // the refused second add changed nothing
  EXPECT_EQ(store_->GetUser("carol").error().code(), StatusCode::kNotFound);
  EXPECT_EQ(AuditRows(), 1);
}

TEST_P(CaseStoreContract, CustomersUpsertReportsAddedUpdatedUnchanged) {
  std::vector<ScreenQuery> records(3);
  records[0] = {"C1", "Ivan Petrov", Schema::kPerson, PartialDate{1970, 1, 2}, "ru", {}};
  records[1] = {"C2", "Acme Trading LLC", Schema::kOrganization, std::nullopt, "", {}};
  records[2] = {"C3", "Maria Lopez", std::nullopt, std::nullopt, "", {{"passport", "X123"}}};
  Result<UpsertOutcome> first = store_->UpsertCustomers(records, "t1", Note("customers.import"));
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->added, 3);
  records[1].country = "ae";
  Result<UpsertOutcome> second = store_->UpsertCustomers(records, "t2", Note("customers.import"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->unchanged, 2);
  EXPECT_EQ(second->changed_ids, std::vector<std::string>{"C2"});
  Result<Customer> c3 = store_->GetCustomer("C3");
  ASSERT_TRUE(c3.has_value());
  ASSERT_EQ(c3->record.identifiers.size(), 1u);
  EXPECT_EQ(c3->record.identifiers[0].value, "X123");
  EXPECT_EQ(c3->record_hash, CustomerRecordHash(records[2]));
  EXPECT_EQ(store_->CustomerCount().value(), 3);
  // All three are unscreened; mark one screened and only two stay stale.
  ScreeningBatch batch;
  batch.screened = {{"C1", CustomerRecordHash(records[0])}};
  batch.screened_at = "t3";
  ASSERT_TRUE(store_->RecordScreening(batch).has_value());
  Result<std::vector<Customer>> stale = store_->CustomersAfter("", 10, true);
  ASSERT_TRUE(stale.has_value());
  ASSERT_EQ(stale->size(), 2u);
  EXPECT_EQ((*stale)[0].record.id, "C2");
  Result<std::vector<Customer>> page = store_->CustomersAfter("C1", 1, false);
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].record.id, "C2");
}

TEST_P(CaseStoreContract, OneOpenAlertPerPair) {
  Result<BatchOutcome> first =
      Open({NewAlert("C1", "un-sc:1", 0.9), NewAlert("C2", "un-sc:1", 0.85)});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  EXPECT_EQ(first->opened.size(), 2u);
  // Re-running the same screening (as after a crash) opens nothing new.
  Result<BatchOutcome> again = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->opened.empty());
  EXPECT_EQ(again->already_open, 1);
  Result<Alert> alert = store_->GetAlert(first->opened[0]);
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->status, AlertStatus::kOpen);
  EXPECT_DOUBLE_EQ(alert->score, 0.9);
  EXPECT_EQ(alert->revision, 1);
  EXPECT_EQ(alert->basis, R"({"ofac":{"basis":"listed"}})");
  // Once closed, the pair may alert again.
  alert->status = AlertStatus::kClosedTrueMatch;
  ASSERT_TRUE(store_->UpdateAlert(*alert, std::nullopt, Note("alert.decide")).has_value());
  Result<BatchOutcome> reopened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ(reopened->opened.size(), 1u);
  Result<PairHistory> history = store_->History("C1", "un-sc:1");
  ASSERT_TRUE(history.has_value());
  ASSERT_TRUE(history->open.has_value());
  ASSERT_TRUE(history->last_closed.has_value());
  EXPECT_EQ(history->last_closed->id, first->opened[0]);
  EXPECT_EQ(history->open->id, reopened->opened[0]);
  EXPECT_EQ(AuditRows(), 4);  // three alert.open rows and one decision
}

TEST_P(CaseStoreContract, StaleRevisionIsAConflict) {
  Result<BatchOutcome> opened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(opened.has_value());
  Result<Alert> read = store_->GetAlert(opened->opened[0]);
  ASSERT_TRUE(read.has_value());
  Alert first = *read, second = *read;
  first.status = AlertStatus::kInReview;
  Result<Alert> saved = store_->UpdateAlert(first, std::nullopt, Note("alert.review"));
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->revision, 2);
  second.status = AlertStatus::kClosedFalsePositive;
  Result<Alert> lost = store_->UpdateAlert(second, std::nullopt, Note("alert.decide"));
  ASSERT_FALSE(lost.has_value());
  EXPECT_EQ(lost.error().code(), StatusCode::kConflict) << lost.error().ToString();
  EXPECT_EQ(store_->GetAlert(first.id)->status, AlertStatus::kInReview);
  Alert missing = first;
  missing.id = 999;
  EXPECT_EQ(store_->UpdateAlert(missing, std::nullopt, Note("x")).error().code(),
            StatusCode::kNotFound);
}

TEST_P(CaseStoreContract, ConcurrentUpdatesExactlyOneWins) {
  Result<BatchOutcome> opened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(opened.has_value());
  const Alert read = store_->GetAlert(opened->opened[0]).value();
  constexpr int kThreads = 8;
  std::atomic<int> wins{0}, conflicts{0}, others{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Alert mine = read;
      mine.status = AlertStatus::kClosedFalsePositive;
      mine.decided_by = "user" + std::to_string(t);
      Result<Alert> r = store_->UpdateAlert(mine, std::nullopt, Note("alert.decide"));
      (r ? wins : r.error().code() == StatusCode::kConflict ? conflicts : others)++;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(conflicts, kThreads - 1);
  EXPECT_EQ(others, 0);
  EXPECT_EQ(store_->GetAlert(read.id)->revision, 2);
}

TEST_P(CaseStoreContract, FiltersByStatusListScoreAndAge) {
  ASSERT_TRUE(Open({NewAlert("C1", "un-sc:1", 0.95, "un-sc", "2026-11-01T00:00:00Z"),
                    NewAlert("C2", "ofac-sdn:2", 0.81, "ofac-sdn", "2026-11-20T00:00:00Z"),
                    NewAlert("C3", "ofac-sdn:3", 0.88, "ofac-sdn", "2026-11-26T00:00:00Z")})
                  .has_value());
  Alert c3 = store_->FindAlerts({.customer_id = "C3"}).value().at(0);
  c3.status = AlertStatus::kInReview;
  c3.assignee = "bob";
  ASSERT_TRUE(store_->UpdateAlert(c3, std::nullopt, Note("alert.review")).has_value());

  auto ids = [&](const AlertFilter& filter) {
    std::vector<std::string> customers;
    const std::vector<Alert> alerts = store_->FindAlerts(filter).value();
    for (const Alert& a : alerts) customers.push_back(a.customer_id);
    return customers;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), (V{"C3", "C2", "C1"}));  // newest first
  EXPECT_EQ(ids({.list = "ofac-sdn"}), (V{"C3", "C2"}));
  EXPECT_EQ(ids({.min_score = 0.85}), (V{"C3", "C1"}));
  EXPECT_EQ(ids({.max_score = 0.85}), (V{"C2"}));
  EXPECT_EQ(ids({.statuses = {AlertStatus::kOpen}}), (V{"C2", "C1"}));
  EXPECT_EQ(ids({.assignee = "bob"}), (V{"C3"}));
  EXPECT_EQ(ids({.opened_before = "2026-11-20T00:00:00Z"}), (V{"C1"}));
  EXPECT_EQ(ids({.opened_after = "2026-11-20T00:00:00Z"}), (V{"C3", "C2"}));
  EXPECT_EQ(ids({.entity_id = "un-sc:1"}), (V{"C1"}));
  EXPECT_EQ(ids({.limit = 1, .offset = 1}), (V{"C2"}));
}

TEST_P(CaseStoreContract, AllowlistIsWrittenWithTheDecision) {
  Result<BatchOutcome> opened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(opened.has_value());
  Alert alert = store_->GetAlert(opened->opened[0]).value();
  alert.status = AlertStatus::kClosedFalsePositive;
  AllowlistEntry entry{"C1", "un-sc:1", "c-C1", "e-un-sc:1", alert.id, "alice", "t"};
  ASSERT_TRUE(store_->UpdateAlert(alert, entry, Note("alert.decide")).has_value());
  std::vector<AllowlistEntry> all = store_->Allowlist().value();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].entity_hash, "e-un-sc:1");
  EXPECT_EQ(all[0].alert_id, alert.id);
  ASSERT_TRUE(store_->History("C1", "un-sc:1")->allowed.has_value());
  // A failed (conflicting) decision records no allowlist entry.
  EXPECT_TRUE(store_->RemoveAllowlist("C1", "un-sc:1", Note("allowlist.remove")).ok());
  EXPECT_EQ(store_->UpdateAlert(alert, entry, Note("alert.decide")).error().code(),
            StatusCode::kConflict);
  EXPECT_TRUE(store_->Allowlist()->empty());
  EXPECT_EQ(store_->RemoveAllowlist("C1", "un-sc:1", Note("allowlist.remove")).code(),
            StatusCode::kNotFound);
}

TEST_P(CaseStoreContract, CommentsBelongToAnAlert) {
  Result<BatchOutcome> opened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(opened.has_value());
  const std::int64_t id = opened->opened[0];
  ASSERT_TRUE(store_->AddComment({0, id, "alice", "DOB differs", "t1"}, Note("alert.comment")));
  ASSERT_TRUE(store_->AddComment({0, id, "bob", "agreed", "t2"}, Note("alert.comment")));
  std::vector<AlertComment> comments = store_->Comments(id).value();
  ASSERT_EQ(comments.size(), 2u);
  EXPECT_EQ(comments[0].text, "DOB differs");
  EXPECT_EQ(comments[1].author, "bob");
  EXPECT_EQ(store_->AddComment({0, 999, "alice", "x", "t"}, Note("alert.comment")).error().code(),
            StatusCode::kNotFound);
}

TEST_P(CaseStoreContract, AnAlertsHistoryIsItsAuditRowsInOrder) {
  Result<BatchOutcome> opened =
      Open({NewAlert("C1", "un-sc:1", 0.9), NewAlert("C2", "un-sc:1", 0.85)});
  ASSERT_TRUE(opened.has_value());
  ASSERT_EQ(opened->opened.size(), 2u);
  const std::string first = "alert:" + std::to_string(opened->opened[0]);
  const std::string second = "alert:" + std::to_string(opened->opened[1]);
  Alert alert = store_->GetAlert(opened->opened[0]).value();
  alert.status = AlertStatus::kInReview;
  ASSERT_TRUE(store_->UpdateAlert(alert, std::nullopt, {"bob", "alert.review", first, ""}));
  ASSERT_TRUE(store_->Audit({"carol", "screening.run", "rescreen", ""}).ok());
  ASSERT_TRUE(store_->AddComment({0, opened->opened[1], "carol", "no", "t"},
                                 {"carol", "alert.comment", second, ""}));
  ASSERT_TRUE(store_->AddComment({0, opened->opened[0], "bob", "DOB differs", "t"},
                                 {"bob", "alert.comment", first, R"({"text":"DOB differs"})"}));

  std::vector<AuditEvent> history = store_->AuditEventsAbout(first).value();
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].action, "alert.open");
  EXPECT_EQ(history[0].actor, "screener");
  EXPECT_EQ(history[1].action, "alert.review");
  EXPECT_EQ(history[2].action, "alert.comment");
  EXPECT_EQ(history[2].details, R"({"text":"DOB differs"})");
  EXPECT_LT(history[0].seq, history[1].seq);
  EXPECT_LT(history[1].seq, history[2].seq);
  // The same rows, with their chain hashes, as a pass over the whole trail.
  std::vector<AuditEvent> scanned;
  ASSERT_TRUE(store_
                  ->ForEachAuditEvent([&](const AuditEvent& e) {
                    if (e.subject == first) scanned.push_back(e);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(scanned.size(), history.size());
  for (std::size_t i = 0; i < scanned.size(); ++i) EXPECT_EQ(scanned[i].hash, history[i].hash);
  ASSERT_EQ(store_->AuditEventsAbout(second)->size(), 2u);
  EXPECT_TRUE(store_->AuditEventsAbout("alert:999")->empty());
  // It is an index lookup: the index exists (dropping it succeeds).
  EXPECT_TRUE(Sql("DROP INDEX audit_by_subject"));
}

TEST_P(CaseStoreContract, DesignationsGetNumbersAndRevisions) {
  Designation d;
  d.entity = Person("x", "y", "Viktor Example");
  d.reason = "internal fraud case 17";
  d.evidence = {"https://intranet/case/17"};
  d.author = "alice";
  Result<Designation> saved = store_->SaveDesignation(d, Note("designation.add"));
  ASSERT_TRUE(saved.has_value()) << saved.error().ToString();
  EXPECT_EQ(saved->number, 1);
  EXPECT_EQ(saved->entity.id, "own:1");
  EXPECT_EQ(saved->entity.list, "own");
  EXPECT_EQ(saved->revision, 1);
  Designation edit = *saved, stale = *saved;
  edit.reason = "updated";
  ASSERT_TRUE(store_->SaveDesignation(edit, Note("designation.edit")).has_value());
  EXPECT_EQ(store_->SaveDesignation(stale, Note("designation.edit")).error().code(),
            StatusCode::kConflict);
  Designation second = d;
  EXPECT_EQ(store_->SaveDesignation(second, Note("designation.add"))->entity.id, "own:2");
  std::vector<Designation> all = store_->Designations().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].reason, "updated");
  EXPECT_EQ(all[0].evidence, std::vector<std::string>{"https://intranet/case/17"});
  EXPECT_EQ(store_->GetDesignation(3).error().code(), StatusCode::kNotFound);
}

TEST_P(CaseStoreContract, CheckpointsAndSettings) {
  EXPECT_FALSE(store_->GetCheckpoint("k").value().has_value());
  ASSERT_TRUE(store_->SetCheckpoints({{"k", "v1"}, {"j", "x"}}, nullptr).ok());
  EXPECT_EQ(store_->GetCheckpoint("k").value(), "v1");
  ASSERT_TRUE(store_->SetCheckpoints({{"k", ""}}, nullptr).ok());
  EXPECT_FALSE(store_->GetCheckpoint("k").value().has_value());
  EXPECT_EQ(store_->GetCheckpoint("j").value(), "x");
  EXPECT_EQ(AuditRows(), 0);  // checkpoints without a note are bookkeeping
  ASSERT_TRUE(store_->SetSetting("four_eyes", "on", Note("setting.set")).ok());
  EXPECT_EQ(store_->GetSetting("four_eyes").value(), "on");
  EXPECT_EQ(AuditRows(), 1);
}

TEST_P(CaseStoreContract, AuditRowsChain) {
  ASSERT_TRUE(store_->Audit({"alice", "screening.run", "rescreen", R"({"customers":3})"}).ok());
  ASSERT_TRUE(store_->Audit({"bob", "setting.set", "setting:x", ""}).ok());
  std::vector<AuditEvent> events;
  ASSERT_TRUE(store_
                  ->ForEachAuditEvent([&](const AuditEvent& e) {
                    events.push_back(e);
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].seq, 1);
  EXPECT_EQ(events[0].prev_hash, kAuditGenesisHash);
  EXPECT_EQ(events[0].hash, AuditEventHash(events[0]));
  EXPECT_EQ(events[1].prev_hash, events[0].hash);
  EXPECT_EQ(events[1].details, "{}");
  EXPECT_EQ(events[1].actor, "bob");
  EXPECT_EQ(events[1].hash.size(), 64u);
}

TEST_P(CaseStoreContract, DecisionsFromSeparateConnectionsExactlyOneWins) {
  Result<BatchOutcome> opened = Open({NewAlert("C1", "un-sc:1", 0.9)});
  ASSERT_TRUE(opened.has_value());
  const Alert read = store_->GetAlert(opened->opened[0]).value();
  constexpr int kWriters = 4;
  std::vector<std::unique_ptr<CaseStore>> stores;
  for (int t = 0; t < kWriters; ++t) stores.push_back(OpenAgain());
  std::atomic<int> wins{0}, conflicts{0}, others{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t) {
    threads.emplace_back([&, t] {
      Alert mine = read;
      mine.status = t % 2 ? AlertStatus::kClosedTrueMatch : AlertStatus::kClosedFalsePositive;
      mine.decided_by = "user" + std::to_string(t);
      std::optional<AllowlistEntry> allow;
      if (t % 2 == 0)
        allow = AllowlistEntry{"C1", "un-sc:1", "c", "e", read.id, mine.decided_by, "t"};
      Result<Alert> r = stores[t]->UpdateAlert(mine, allow, Note("alert.decide"));
      (r ? wins : r.error().code() == StatusCode::kConflict ? conflicts : others)++;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wins, 1);
  EXPECT_EQ(conflicts, kWriters - 1);
  EXPECT_EQ(others, 0);
  const Alert decided = store_->GetAlert(read.id).value();
  EXPECT_EQ(decided.revision, 2);
  // The allowlist holds an entry only when the winner was a false positive.
  const bool false_positive = decided.status == AlertStatus::kClosedFalsePositive;
  EXPECT_EQ(store_->Allowlist()->size(), false_positive ? 1u : 0u);
  if (false_positive) {
    EXPECT_EQ(store_->Allowlist()->at(0).created_by, decided.decided_by);
  }
  EXPECT_EQ(AuditRows(), 2);  // the alert.open row and the one decision
}

TEST_P(CaseStoreContract, ConcurrentWritersKeepOneAuditChain) {
  constexpr int kWriters = 4, kRows = 25;
  std::vector<std::unique_ptr<CaseStore>> stores;
  for (int t = 0; t < kWriters; ++t) stores.push_back(OpenAgain());
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRows; ++i) {
        const std::string n = std::to_string(t) + "-" + std::to_string(i);
        Status s = i % 2 ? stores[t]->Audit({"w" + n, "screening.run", "rescreen", ""})
                         : stores[t]->SetSetting("k" + n, "v", Note("setting.set"));
        if (!s.ok()) {
          ADD_FAILURE() << s.ToString();
          ++failed;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed, 0);
  std::unique_ptr<Store> lists = OpenOrDie((dir_ / "lists.db").string());
  Casework work(*lists, *store_);
  AuditVerification v = work.VerifyAudit();
  EXPECT_TRUE(v.status.ok()) << v.status.ToString();
  EXPECT_EQ(v.rows, kWriters * kRows);
}

TEST_P(CaseStoreContract, AuditRowsAreAppendOnlyAndTamperingIsDetected) {
  ASSERT_TRUE(store_->Audit({"alice", "screening.run", "rescreen", R"({"customers":3})"}).ok());
  ASSERT_TRUE(store_->SetSetting("four_eyes", "on", Note("setting.set")).ok());
  ASSERT_TRUE(store_->Audit({"bob", "screening.run", "rescreen", ""}).ok());
  std::unique_ptr<Store> lists = OpenOrDie((dir_ / "lists.db").string());
  Casework work(*lists, *store_);
  const AuditVerification before = work.VerifyAudit();
  ASSERT_TRUE(before.status.ok()) << before.status.ToString();
  EXPECT_EQ(before.rows, 3);
  // The database itself refuses edits and deletions.
  EXPECT_FALSE(Sql("UPDATE audit SET actor = 'mallory' WHERE seq = 2"));
  EXPECT_FALSE(Sql("DELETE FROM audit WHERE seq = 3"));
  EXPECT_TRUE(work.VerifyAudit().status.ok());
  // Someone with the power to lift that: the chain names the row.
  ASSERT_TRUE(Sql(GetParam().name == "sqlite"
                      ? "DROP TRIGGER audit_no_update"
                      : "ALTER TABLE audit DISABLE TRIGGER audit_no_update"));
  ASSERT_TRUE(Sql("UPDATE audit SET actor = 'mallory' WHERE seq = 2"));
  const AuditVerification after = work.VerifyAudit();
  EXPECT_EQ(after.status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(after.status.location().element, "audit row 2");
  EXPECT_NE(after.status.message().find("altered"), std::string::npos) << after.status.ToString();
}

TEST_P(CaseStoreContract, AScreeningBatchIsAllOrNothing) {
  std::vector<ScreenQuery> records(2);
  records[0] = {"C1", "Ivan Petrov", Schema::kPerson, std::nullopt, "", {}};
  records[1] = {"C2", "Maria Lopez", Schema::kPerson, std::nullopt, "", {}};
  ASSERT_TRUE(store_->UpsertCustomers(records, "t1", Note("customers.import")).has_value());
  // A batch whose last write the database refuses (a trigger stands in for
  // a crash or a lost connection mid-transaction) leaves no alert, no mark.
  ScreeningBatch bad;
  bad.alerts = {NewAlert("C1", "un-sc:1", 0.9)};
  bad.screened = {{"C1", CustomerRecordHash(records[0])}};
  bad.screened_at = "t2";
  bad.checkpoint_key = "job";
  bad.checkpoint_value = "ok";
  ASSERT_TRUE(Sql(GetParam().name == "sqlite"
                      ? "CREATE TRIGGER refuse_job BEFORE INSERT ON case_checkpoints "
                        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
                      : "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                        "$$ BEGIN RAISE EXCEPTION 'refused'; END $$; "
                        "CREATE TRIGGER refuse_job BEFORE INSERT ON case_checkpoints "
                        "FOR EACH ROW EXECUTE FUNCTION refuse()"));
  store_ = OpenAgain();  // SQLite caches the schema per connection
  Result<BatchOutcome> failed = store_->RecordScreening(bad);
  ASSERT_FALSE(failed.has_value());
  EXPECT_TRUE(store_->FindAlerts({}).value().empty());
  EXPECT_EQ(store_->CustomersAfter("", 10, true).value().size(), 2u);
  EXPECT_EQ(AuditRows(), 1);  // the import only
  // The same batch once the database accepts it: everything at once.
  ASSERT_TRUE(Sql("DROP TRIGGER refuse_job" +
                  std::string(GetParam().name == "sqlite" ? "" : " ON case_checkpoints")));
  store_ = OpenAgain();
  Result<BatchOutcome> done = store_->RecordScreening(bad);
  ASSERT_TRUE(done.has_value()) << done.error().ToString();
  EXPECT_EQ(done->opened.size(), 1u);
  EXPECT_EQ(store_->CustomersAfter("", 10, true).value().size(), 1u);
  EXPECT_EQ(store_->GetCheckpoint("job").value(), "ok");
  EXPECT_EQ(AuditRows(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseStoreContract,
                         ::testing::Values(SqliteCaseStoreFactory(), PostgresCaseStoreFactory()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace interdict::testing
