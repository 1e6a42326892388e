// The BIS Denied Persons List parser, on the real dpl.txt and on small
// hand-written inputs for the failure paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

constexpr char kHeader[] =
    "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t"
    "\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t"
    "\"FR_Citation\"\n";

std::string Row(const std::string& name, const std::string& street, const std::string& country,
                const std::string& effective, const std::string& updated = "2022-05-18") {
  return "\"" + name + "\"\t\"" + street + "\"\t\"CITY\"\t\"\"\t\"" + country + "\"\t\"\"\t\"" +
         effective + "\"\t\"\"\t\"Y\"\t\"" + updated + "\"\t\"NEW\"\t\"87 F.R. 1\"\n";
}

std::vector<std::string> AttributeValues(const Entity& e, const std::string& key) {
  std::vector<std::string> values;
  for (const Attribute& a : e.attributes)
    if (a.key == key) values.push_back(a.value);
  return values;
}

TEST(BisDplRealFile, OneEntityPerNormalisedName) {
  INTERDICT_SHARED_FILE(path, "us_bis_dpl/dpl.txt");
  std::string tsv = testing::ReadFile(path);
  Result<ListData> data = ParseBisDpl(tsv, "dpl.txt");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "us-dpl");
  EXPECT_EQ(data->format, Format::kBisDpl);
  EXPECT_TRUE(data->warnings.empty());
  // 581 rows name 459 distinct parties (460 spellings: " I. ASH" has a
  // leading space on one of its three rows).
  ASSERT_EQ(data->entities.size(), 459u);
  std::size_t addresses = 0;
  for (const Entity& e : data->entities) {
    EXPECT_EQ(e.schema, Schema::kUnknown);
    EXPECT_EQ(e.id.size(), std::string("us-dpl:").size() + 16);
    addresses += e.addresses.size();
  }
  EXPECT_GT(addresses, 459u);

  auto find = [&](const std::string& name) -> const Entity* {
    for (const Entity& e : data->entities)
      if (e.PrimaryName() == name) return &e;
    return nullptr;
  };
  const Entity* issam = find("ISSAM ANWAR");
  ASSERT_NE(issam, nullptr);
  EXPECT_EQ(issam->id, "us-dpl:c4f04d8813e73697");
  ASSERT_EQ(issam->addresses.size(), 4u);
  EXPECT_EQ(issam->addresses[0].street, "17-18 MARGARET STREET, 4TH FLOOR");
  EXPECT_EQ(issam->addresses[0].city, "LONDON");
  EXPECT_EQ(issam->addresses[0].postal_code, "WIW 8RP");
  EXPECT_EQ(issam->addresses[0].country, "gb");
  EXPECT_EQ(issam->addresses[0].full, "17-18 MARGARET STREET, 4TH FLOOR, LONDON, WIW 8RP, GB");
  EXPECT_EQ(issam->addresses[1].city, "BEIRUT");
  EXPECT_EQ(issam->addresses[2].country, "tr");
  EXPECT_EQ(issam->addresses[3].city, "DAMASCUS");
  EXPECT_EQ(issam->addresses[3].country, "sy");
  EXPECT_EQ(issam->listed_on, (PartialDate{2022, 5, 13}));
  EXPECT_EQ(AttributeValues(*issam, "expiration_date"), std::vector<std::string>{"2022-11-09"});
  EXPECT_EQ(issam->names.size(), 1u);

  const Entity* ash = find("I. ASH");
  ASSERT_NE(ash, nullptr);
  EXPECT_EQ(ash->id, "us-dpl:b9d61fd31d6bdf0b");
  ASSERT_EQ(ash->addresses.size(), 3u);
  // The earliest of the three rows' effective dates (06/19/2003, 03/04/2002 twice).
  EXPECT_EQ(ash->listed_on, (PartialDate{2002, 3, 4}));
  EXPECT_EQ(ash->addresses[0].region, "TX");
  EXPECT_EQ(ash->addresses[1].street, "605 TRAIL LAKE DRIVE");
  EXPECT_EQ(ash->addresses[0].country, "us");
}

TEST(BisDplParser, MergesRowsAndKeepsEarliestEffectiveDate) {
  Result<ListData> data =
      ParseBisDpl(std::string(kHeader) + Row("JOHN DOE", "1 A ST", "US", "05/01/2020") +
                      Row("OTHER CO", "2 B ST", "DE", "01/02/2019") +
                      Row("John  Doe ", "3 C ST", "CA", "03/15/2019"),
                  "t.txt");
  ASSERT_TRUE(data) << data.error().ToString();
  ASSERT_EQ(data->entities.size(), 2u);
  const Entity& doe = data->entities[0];
  EXPECT_EQ(doe.PrimaryName(), "JOHN DOE");
  ASSERT_EQ(doe.addresses.size(), 2u);
  EXPECT_EQ(doe.addresses[1].country, "ca");
  EXPECT_EQ(doe.listed_on, (PartialDate{2019, 3, 15}));
  EXPECT_EQ(AttributeValues(doe, "effective_date"),
            (std::vector<std::string>{"2020-05-01", "2019-03-15"}));
  EXPECT_EQ(AttributeValues(doe, "action"), std::vector<std::string>{"NEW"});
  EXPECT_NE(data->entities[1].id, doe.id);
}

TEST(BisDplParser, ErrorsNameTheProblem) {
  auto fails = [](const std::string& tsv, std::int64_t line, const std::string& what) {
    Result<ListData> r = ParseBisDpl(tsv, "t.txt");
    ASSERT_FALSE(r) << tsv;
    EXPECT_EQ(r.error().code(), StatusCode::kParseError);
    EXPECT_EQ(r.error().location().file, "t.txt");
    EXPECT_EQ(r.error().location().line, line) << r.error().ToString();
    EXPECT_NE(r.error().ToString().find(what), std::string::npos) << r.error().ToString();
  };
  fails("", 0, "empty file");
  std::string no_action = kHeader;
  no_action.replace(no_action.find("\"Action\""), 8, "\"Acton\"");
  fails(no_action, 1, "\"Action\" column");
  fails(std::string(kHeader) + Row("A", "S", "US", "13/01/2020"), 2, "Effective_Date");
  fails(std::string(kHeader) + Row("A", "S", "US", "01/01/2020", "18.05.2022"), 2, "Last_Update");
  fails(std::string(kHeader) + Row("", "S", "US", "01/01/2020"), 2, "empty name");
  fails(std::string(kHeader) + Row("A", "S", "US", "01/01/2020") + "\"B\"\t\"S\"\n", 3,
        "expected 12 tab-separated fields, found 2");
  fails(std::string(kHeader) + "\"A\"\t\"unterminated", 2, "unterminated");
  fails(std::string(kHeader) + Row("CAF\xC9", "S", "FR", "01/01/2020"), 2, "UTF-8");
  // The CSL CSV is not a DPL file.
  fails("_id,source,name\n1,x,y\n", 1, "\"Name\" column");
}

}  // namespace
}  // namespace interdict::sources
