// Case work on the real UN Security Council and OFAC SDN lists: screening a
// population with real listed names, a delta rescreen when another list
// loads, and delisting from a changed version of the real UN list.
#include <gtest/gtest.h>

#include <set>

#include "cases/cases_test_util.h"
#include "interdict/sources.h"

namespace interdict::testing {
namespace {

constexpr const char* kPopulation =
    "id,name,type,dob,country,identifiers\n"
    "K1,Eric Badege,person,,,\n"             // un-sc:CDi.001
    "K2,Gaston Iyamuremye,person,,,\n"       // un-sc:CDi.003
    "K3,Butembo Airlines,organization,,,\n"  // un-sc:CDe.002
    "K4,Maria Lopez Garcia,person,1984-05-01,es,\n"
    "K5,Northwind Dairy Cooperative,organization,,nl,\n";

class RealDataCasework : public ::testing::Test {
 protected:
  void LoadFile(const std::filesystem::path& path) {
    Result<ListData> data = ParseList(path);
    ASSERT_TRUE(data.has_value()) << data.error().ToString();
    f_.Load(*data);
  }
  std::set<std::string> AlertedEntities(const std::string& customer) {
    std::set<std::string> ids;
    for (const Alert& a : f_.Alerts({.customer_id = customer})) ids.insert(a.entity_id);
    return ids;
  }
  CaseworkFixture f_;
};

TEST_F(RealDataCasework, UnListScreeningThenDeltaOnOfacLoad) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  INTERDICT_SHARED_FILE(sdn, "ofac_sdn_2021");
  LoadFile(un);
  ASSERT_EQ(f_.lists->CurrentVersion("un-sc")->entities, 1003);
  Result<ImportReport> import = f_.work->ImportCustomers("alice", kPopulation, "population.csv");
  ASSERT_TRUE(import.has_value()) << import.error().ToString();
  ASSERT_TRUE(import->errors.empty()) << import->errors[0].ToString();
  EXPECT_EQ(import->upsert.added, 5);
  EXPECT_EQ(import->screened, 5);
  EXPECT_EQ(AlertedEntities("K1"), std::set<std::string>{"un-sc:CDi.001"});
  EXPECT_EQ(AlertedEntities("K2"), std::set<std::string>{"un-sc:CDi.003"});
  EXPECT_TRUE(AlertedEntities("K3").count("un-sc:CDe.002")) << "Butembo Airlines";
  EXPECT_TRUE(AlertedEntities("K4").empty());
  EXPECT_TRUE(AlertedEntities("K5").empty());
  const Alert badege = f_.Alerts({.customer_id = "K1"}).at(0);
  EXPECT_EQ(badege.entity_name, "ERIC BADEGE");
  EXPECT_EQ(badege.list, "un-sc");
  EXPECT_NE(badege.basis.find(R"("ofac":{"basis":"listed")"), std::string::npos) << badege.basis;
  const std::size_t un_alerts = f_.Alerts().size();

  // A first full rescreen: nothing new (everyone was screened on import).
  Result<RescreenReport> full = f_.work->Rescreen("alice", RescreenMode::kFull);
  ASSERT_TRUE(full.has_value()) << full.error().ToString();
  EXPECT_EQ(full->entities_screened_against, 1003);
  EXPECT_EQ(full->customers, 5);
  EXPECT_EQ(full->alerts_opened, 0);
  EXPECT_EQ(full->already_open, static_cast<std::int64_t>(un_alerts));

  // OFAC SDN loads: the delta run screens everyone against its 8,976
  // entities only, and the UN alerts are not duplicated.
  LoadFile(sdn);
  Result<RescreenReport> delta = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(delta.has_value()) << delta.error().ToString();
  EXPECT_EQ(delta->mode, RescreenMode::kDelta);
  EXPECT_EQ(delta->entities_screened_against, 8976);
  EXPECT_EQ(delta->customers, 5);
  EXPECT_EQ(delta->versions, std::vector<std::string>{"ofac-sdn v1 (+8976 ~0 -0)"});
  for (const Alert& a : f_.Alerts({.list = "ofac-sdn"})) {
    EXPECT_EQ(a.reason, "ofac-sdn version 1 listed it");
  }
  EXPECT_EQ(f_.Alerts({.list = "un-sc"}).size(), un_alerts);
  EXPECT_TRUE(f_.work->VerifyAudit().status.ok());
}

TEST_F(RealDataCasework, ChangedUnVersionDelistsAndRescreensOnlyTheChange) {
  INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
  Result<ListData> data = ParseList(un);
  ASSERT_TRUE(data.has_value()) << data.error().ToString();
  f_.Load(*data);
  ASSERT_TRUE(f_.work->ImportCustomers("alice", kPopulation, "population.csv").has_value());
  ASSERT_TRUE(f_.work->Rescreen("alice", RescreenMode::kDelta).has_value());
  const Alert iyamuremye = f_.Alerts({.customer_id = "K2"}).at(0);
  ASSERT_TRUE(f_.work->StartReview("alice", iyamuremye.id).has_value());

  // Next version: CDi.001 and CDi.003 delisted, one entity renamed.
  ListData next = *data;
  next.files.clear();  // identified by content, not by the source file
  std::erase_if(next.entities,
                [](const Entity& e) { return e.id == "un-sc:CDi.001" || e.id == "un-sc:CDi.003"; });
  auto renamed = std::find_if(next.entities.begin(), next.entities.end(),
                              [](const Entity& e) { return e.id == "un-sc:CDe.001"; });
  ASSERT_NE(renamed, next.entities.end());
  renamed->names.push_back({"Northwind Dairy Cooperative", NameKind::kAka, {}, "", "", {}});
  f_.Load(next);

  Result<RescreenReport> delta = f_.work->Rescreen("alice", RescreenMode::kDelta);
  ASSERT_TRUE(delta.has_value()) << delta.error().ToString();
  EXPECT_EQ(delta->versions, std::vector<std::string>{"un-sc v2 (+0 ~1 -2)"});
  EXPECT_EQ(delta->entities_screened_against, 1);
  EXPECT_EQ(delta->delisted_closed, 1);   // K1's open alert
  EXPECT_EQ(delta->delisted_flagged, 1);  // K2's alert, in review
  EXPECT_EQ(f_.Alerts({.customer_id = "K1"}).at(0).status, AlertStatus::kClosedDelisted);
  EXPECT_TRUE(f_.cases->GetAlert(iyamuremye.id)->entity_delisted);
  EXPECT_EQ(AlertedEntities("K5"), std::set<std::string>{"un-sc:CDe.001"});
  EXPECT_EQ(f_.Alerts({.customer_id = "K5"}).at(0).reason, "un-sc version 2 changed it");
}

}  // namespace
}  // namespace interdict::testing
