// The user's relations file (src/sources/relations_csv.cpp): parsing, errors
// located by line, and what the network derives from it with real lists.
#include <gtest/gtest.h>

#include "interdict/graph.h"
#include "interdict/sources.h"
#include "interdict/store.h"
#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::testing {
namespace {

constexpr char kHeader[] = "owner_id,owner_name,owned_id,owned_name,share,relation,source,date\n";

Result<ListData> Parse(const std::string& body) {
  return sources::ParseRelations(std::string(kHeader) + body, "mine.csv");
}

const Entity* Find(const ListData& data, const std::string& id) {
  for (const Entity& e : data.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

TEST(RelationsCsv, RowsBecomeOwnNodesCarryingTheEdges) {
  Result<ListData> data = Parse(
      "ofac-sdn:36,AEROCARIBBEAN,C1,Client One Ltd,35%,owner,registry 2024,2020-01-01\n"
      ",bearer shares,C1,,20,owner,,\n"
      "H1,Holding One,C1,,25-50,shareholder,kyc,2019-01-01/2023-12-31\n"
      "P1,Jane Roe,C1,,,director,kyc,\n");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "own-relations");
  ASSERT_EQ(data->entities.size(), 3u);  // own:C1, own:H1, own:P1
  const Entity* c1 = Find(*data, "own:C1");
  ASSERT_NE(c1, nullptr);
  EXPECT_EQ(c1->PrimaryName(), "Client One Ltd");
  ASSERT_EQ(c1->relations.size(), 2u);
  // The list entity's holding is stored on the user's node, reversed.
  EXPECT_EQ(c1->relations[0].type, RelationType::kOwnedBy);
  EXPECT_EQ(c1->relations[0].target, "ofac-sdn:36");
  EXPECT_EQ(*c1->relations[0].share_min, 35);
  EXPECT_EQ(c1->relations[0].source, "registry 2024");
  EXPECT_EQ(c1->relations[0].start.from, (PartialDate{2020, 1, 1}));
  EXPECT_EQ(c1->relations[1].target, "");  // an unnamed holder
  EXPECT_EQ(c1->relations[1].target_name, "bearer shares");
  const Entity* h1 = Find(*data, "own:H1");
  ASSERT_EQ(h1->relations.size(), 1u);
  EXPECT_EQ(h1->relations[0].type, RelationType::kOwnerOf);
  EXPECT_EQ(*h1->relations[0].share_min, 25);
  EXPECT_EQ(*h1->relations[0].share_max, 50);
  EXPECT_EQ(h1->relations[0].end.from, (PartialDate{2023, 12, 31}));
  EXPECT_EQ(Find(*data, "own:P1")->relations[0].type, RelationType::kDirectorOf);
  EXPECT_FALSE(IsListedEntity(*c1));
}

TEST(RelationsCsv, ErrorsNameTheFileLineAndWhatWasExpected) {
  struct Case {
    std::string text;
    std::int64_t line;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"owner,owned_id\nA,B\n", 1, "unknown column \"owner\""},
      {"owner_id,owner_name\nA,B\n", 1, "needs owned_id"},
      {std::string(kHeader) + "A,,B,,abc,owner,,\n", 2, "share \"abc\" is not a percentage"},
      {std::string(kHeader) + "A,,B,,,owner,,\nA,,B,,150,owner,,\n", 3, "is not a percentage"},
      {std::string(kHeader) + "A,,B,,,spouse,,\n", 2, "unknown relation \"spouse\""},
      {std::string(kHeader) + "A,,B,,10,director,,\n", 2, "only meaningful for ownership"},
      {std::string(kHeader) + "ofac-sdn:1,,ofac-sdn:2,,60,owner,,\n", 2,
       "one side must be your own"},
      {std::string(kHeader) + "A,,B,,60,owner,,2020-13-45\n", 2, "is not YYYY"},
      {std::string(kHeader) + "A,,B,,60\n", 2, "expected 8 fields, found 5"},
      {std::string(kHeader) + "A,,,,60,owner,,\n", 2, "owned_id is empty"},
      {std::string(kHeader) + ",,B,,,director,,\n", 2, "unnamed holder"},
      {std::string(kHeader) + "A,,A,,60,owner,,\n", 2, "related to itself"},
      {std::string(kHeader), 0, "no relations after the header"},
  };
  for (const Case& c : cases) {
    Result<ListData> data = sources::ParseRelations(c.text, "mine.csv");
    ASSERT_FALSE(data) << c.text;
    EXPECT_EQ(data.error().location().file, "mine.csv");
    EXPECT_EQ(data.error().location().line, c.line) << c.text;
    EXPECT_NE(data.error().message().find(c.message), std::string::npos) << data.error().ToString();
  }
  EXPECT_FALSE(sources::ParseRelations("", "empty.csv"));
  EXPECT_FALSE(
      sources::ParseRelations(std::string(kHeader) + "A,\xff\xfe,B,,,owner,,\n", "bad.csv"));
  EXPECT_FALSE(sources::ParseRelations(std::string(kHeader) + "A,\"unterminated,B\n", "q.csv"));
}

TEST(RelationsCsv, FtmFileImportsAsTheUsersOwnData) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/zala_entities.ftm.json");
  std::string bytes = ReadFile(path);
  Result<ListData> data = sources::ParseRelations(bytes, path.string());
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "own-relations");
  EXPECT_EQ(data->entities.size(), 17u);
  for (const Entity& e : data->entities) EXPECT_FALSE(IsListedEntity(e)) << e.id;
}

// A bank's client owned by a sanctioned person in the real zala data,
// through a holding the bank knows of from its own KYC records.
TEST(RelationsCsv, StoredImportJoinsTheOfficialLists) {
  INTERDICT_SHARED_FILE(path, "opensanctions_ftm/zala_entities.ftm.json");
  TempDir dir;
  Result<std::unique_ptr<Store>> store = OpenSqliteStore((dir / "store.db").string());
  ASSERT_TRUE(store) << store.error().ToString();
  Result<ListData> zala = ParseList(path);
  ASSERT_TRUE(zala);
  ASSERT_TRUE((*store)->AddVersion(*zala, path.string()));
  const std::string csv =
      std::string(kHeader) +
      "ftm:NK-aU5ybkbRFJucf8YMwsJvDw,Zakharov,HOLD,Volga Holding,40,owner,kyc,\n"
      "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc,Zakharova,HOLD,,20,owner,kyc,\n"
      "HOLD,,CLIENT,Client LLC,100,owner,kyc,\n";
  Result<ListData> mine = sources::ParseRelations(csv, "kyc.csv");
  ASSERT_TRUE(mine) << mine.error().ToString();
  mine->files = {SourceFile{"kyc.csv", "0123", csv.size()}};
  Result<LoadOutcome> stored = (*store)->AddVersion(*mine, "kyc.csv");
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_EQ(stored->version.list, "own-relations");
  NetworkOptions options;
  options.as_of = PartialDate{2025, 6, 1};
  Result<std::unique_ptr<Network>> network = LoadNetwork(**store, options);
  ASSERT_TRUE(network) << network.error().ToString();
  // 40% + 20% by two listed persons: OFAC and EU aggregate, the UK does not.
  EXPECT_EQ((*network)->BasisOf("own:HOLD", Regime::kOfac)->basis, Basis::kOwned);
  EXPECT_EQ((*network)->BasisOf("own:HOLD", Regime::kEu)->basis, Basis::kOwned);
  EXPECT_EQ((*network)->BasisOf("own:HOLD", Regime::kUk)->basis, Basis::kLinked);
  std::optional<Derivation> client = (*network)->BasisOf("own:CLIENT", Regime::kOfac);
  ASSERT_TRUE(client);
  EXPECT_EQ(client->basis, Basis::kOwned);
  ASSERT_EQ(client->path.size(), 3u);
  EXPECT_EQ(client->path[1].id, "own:HOLD");
  EXPECT_EQ(client->explanation,
            "not listed; 100% owned in aggregate by own:HOLD (100%; itself owned)");
  EXPECT_EQ((*network)->BasisOf("own:CLIENT", Regime::kUk)->basis, Basis::kNone);
}

}  // namespace
}  // namespace interdict::testing
