// The US Consolidated Screening List parser, on the real trade.gov file and
// on small hand-written inputs for the failure paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "sources/io.h"
#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

constexpr char kHeader[] =
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,"
    "gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,"
    "alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,"
    "ids\n";

const Entity* FindEntity(const ListData& data, const std::string& id) {
  auto it = std::find_if(data.entities.begin(), data.entities.end(),
                         [&](const Entity& e) { return e.id == id; });
  return it == data.entities.end() ? nullptr : &*it;
}

std::vector<std::string> AttributeValues(const Entity& e, const std::string& key) {
  std::vector<std::string> values;
  for (const Attribute& a : e.attributes)
    if (a.key == key) values.push_back(a.value);
  return values;
}

const Identifier* FindIdentifier(const Entity& e, IdentifierType type) {
  for (const Identifier& id : e.identifiers)
    if (id.type == type) return &id;
  return nullptr;
}

class UsCslRealFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::path path = testing::SharedDataDir() / "us_csl/consolidated.csv.gz";
    if (!std::filesystem::exists(path)) return;
    std::string gz = testing::ReadFile(path);
    Result<std::string> csv = Gunzip(gz, path.string(), 64 << 20);
    ASSERT_TRUE(csv) << csv.error().ToString();
    Result<ListData> parsed = ParseUsCslCsv(*csv, "consolidated.csv");
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    data_ = new ListData(std::move(*parsed));
  }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  void SetUp() override {
    INTERDICT_SHARED_FILE(path, "us_csl/consolidated.csv.gz");
    ASSERT_NE(data_, nullptr);
  }
  static ListData* data_;
};
ListData* UsCslRealFile::data_ = nullptr;

TEST_F(UsCslRealFile, CountsRecordsAndMergesRowsSharingAnId) {
  const ListData& data = *data_;
  EXPECT_EQ(data.list, "us-csl");
  EXPECT_EQ(data.format, Format::kUsCslCsv);
  EXPECT_FALSE(data.is_delta);
  // 14,160 rows; 71 OFAC records appear on two or three sub-lists, leaving
  // 14,048 distinct _id values. Every row leaves one "source_list".
  EXPECT_EQ(data.entities.size(), 14048u);
  std::size_t rows = 0;
  std::map<Schema, std::size_t> schemas;
  for (const Entity& e : data.entities) {
    rows += AttributeValues(e, "source_list").size();
    ++schemas[e.schema];
    EXPECT_EQ(e.list, "us-csl");
    EXPECT_EQ(e.id.rfind("us-csl:", 0), 0u);
    ASSERT_FALSE(e.names.empty());
    EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  }
  // 15268 (BANK OF KUNLUN) is on the CAPTA list twice, word for word: 14,159
  // distinct (record, sub-list) pairs plus one repeat reported as a warning.
  EXPECT_EQ(rows, 14159u);
  ASSERT_EQ(data.warnings.size(), 1u);
  EXPECT_NE(data.warnings[0].message.find("15268"), std::string::npos);
  EXPECT_GT(data.warnings[0].where.line, 1);
  EXPECT_EQ(schemas[Schema::kPerson], 5284u);
  EXPECT_EQ(schemas[Schema::kOrganization], 4423u);
  EXPECT_EQ(schemas[Schema::kUnknown], 3625u);
  EXPECT_EQ(schemas[Schema::kVessel], 433u);
  EXPECT_EQ(schemas[Schema::kAircraft], 283u);
}

TEST_F(UsCslRealFile, SdnIndividualHasIdsBirthDataAndAliases) {
  const Entity* e = FindEntity(*data_, "us-csl:9935");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->PrimaryName(), "'ABD AL-RAZZIQ, Abu Sufian al-Salamabi Muhammed Ahmed");
  ASSERT_EQ(e->names[0].parts.size(), 2u);
  EXPECT_EQ(e->names[0].parts[0].type, NamePartType::kFamily);
  EXPECT_EQ(e->names[0].parts[0].value, "'ABD AL-RAZZIQ");
  EXPECT_EQ(e->names[0].script, "Latn");
  ASSERT_EQ(e->names.size(), 15u);  // the name and 14 alt_names
  EXPECT_EQ(e->names[1].full, "ABDELRAZIK, Sofian");
  EXPECT_EQ(e->names[1].kind, NameKind::kAka);
  EXPECT_EQ(e->names[14].full, "ABDELRAZIK, Abousofian");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1962, 8, 6}));
  EXPECT_EQ(e->nationalities, (std::vector<std::string>{"ca", "sd"}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Al-Bawgah, Sudan", "Albaouga, Sudan"}));
  EXPECT_EQ(e->programs, std::vector<std::string>{"SDGT"});
  const Identifier* passport = FindIdentifier(*e, IdentifierType::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "BC166787");
  EXPECT_EQ(passport->country, "ca");
  EXPECT_EQ(passport->label, "Passport");
  EXPECT_EQ(AttributeValues(*e, "source_list"),
            std::vector<std::string>{"Specially Designated Nationals (SDN) - Treasury Department"});
}

TEST_F(UsCslRealFile, MergedRecordKeepsEverySubList) {
  // 18725 (BANCO VTB AFRICA SA) is on the CAPTA, SDN and SSI lists.
  const Entity* e = FindEntity(*data_, "us-csl:18725");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->PrimaryName(), "BANCO VTB AFRICA SA");
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(AttributeValues(*e, "source_list"),
            (std::vector<std::string>{
                "Capta List (CAP) - Treasury Department",
                "Specially Designated Nationals (SDN) - Treasury Department",
                "Sectoral Sanctions Identifications List (SSI) - Treasury Department"}));
  EXPECT_EQ(e->programs, (std::vector<std::string>{"UKRAINE-EO13662", "RUSSIA-EO14024"}));
  ASSERT_EQ(e->names.size(), 2u);  // not repeated by the merge
  EXPECT_EQ(e->names[1].full, "VTB AFRICA");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].full, "22, Rua da Missao, Luanda, AO");
  EXPECT_EQ(e->addresses[0].country, "ao");
  const Identifier* bic = FindIdentifier(*e, IdentifierType::kSwiftBic);
  ASSERT_NE(bic, nullptr);
  EXPECT_EQ(bic->value, "VTBLAOLU");
  const Identifier* web = FindIdentifier(*e, IdentifierType::kWebsite);
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->value, "www.vtb.ao");
  std::size_t bics =
      std::count_if(e->identifiers.begin(), e->identifiers.end(),
                    [](const Identifier& i) { return i.type == IdentifierType::kSwiftBic; });
  EXPECT_EQ(bics, 1u);
}

TEST_F(UsCslRealFile, VesselAircraftAndNonOfacRecords) {
  const Entity* vessel = FindEntity(*data_, "us-csl:23156");
  ASSERT_NE(vessel, nullptr);
  EXPECT_EQ(vessel->schema, Schema::kVessel);
  EXPECT_EQ(vessel->PrimaryName(), "7-28");
  const Identifier* imo = FindIdentifier(*vessel, IdentifierType::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "8898831");
  EXPECT_EQ(vessel->countries, std::vector<std::string>{"kp"});
  EXPECT_EQ(AttributeValues(*vessel, "vessel_flag"),
            std::vector<std::string>{"Democratic People's Republic of Korea"});

  const Entity* aircraft = FindEntity(*data_, "us-csl:15445");
  ASSERT_NE(aircraft, nullptr);
  EXPECT_EQ(aircraft->schema, Schema::kAircraft);
  EXPECT_EQ(aircraft->programs, (std::vector<std::string>{"SDGT", "NPWMD", "IFSR"}));
  EXPECT_EQ(AttributeValues(*aircraft, "aircraft_model"), std::vector<std::string>{"A300B4-605R"});

  // A Denied Persons row: hex _id, no type, dates and a US address.
  const Entity* dpl = FindEntity(*data_, "us-csl:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7");
  ASSERT_NE(dpl, nullptr);
  EXPECT_EQ(dpl->schema, Schema::kUnknown);
  EXPECT_EQ(dpl->PrimaryName(), "I. ASH");
  EXPECT_EQ(dpl->listed_on, (PartialDate{2003, 6, 19}));
  EXPECT_EQ(AttributeValues(*dpl, "end_date"), std::vector<std::string>{"2056-06-29"});
  ASSERT_EQ(dpl->addresses.size(), 1u);
  EXPECT_EQ(dpl->addresses[0].country, "us");

  const Entity* gendered = FindEntity(*data_, "us-csl:24904");
  ASSERT_NE(gendered, nullptr);
  EXPECT_EQ(gendered->gender, Gender::kMale);  // from the ids entry "Male, Gender"
}

ListData ParseOk(const std::string& csv) {
  Result<ListData> r = ParseUsCslCsv(csv, "t.csv");
  EXPECT_TRUE(r) << r.error().ToString();
  return r ? *r : ListData{};
}

std::string Row(const std::string& id, const std::string& type, const std::string& name,
                const std::string& dobs, const std::string& ids) {
  // _id,source,entity_number,type,programs,name, 15 empty, alt_names,..,dob,...,ids
  return id + ",Src,," + type + ",P1," + name + ",,,,,,,,,,,,,,,,,,," + dobs + ",,,," + ids + "\n";
}

TEST(UsCslParser, ParsesIdEntriesWithCountryAndDates) {
  ListData data = ParseOk(std::string(kHeader) +
                          Row("1", "Individual", "\"DOE, John\"", "circa 1958; 1960 to 1962",
                              "\"JO, 2014-08-30, 2009-08-31, K475336, Passport; X1, Unheard Of\""));
  ASSERT_EQ(data.entities.size(), 1u);
  const Entity& e = data.entities[0];
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_TRUE(e.birth_dates[0].approximate);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1958, 0, 0}));
  EXPECT_EQ(e.birth_dates[1].from, (PartialDate{1960, 0, 0}));
  EXPECT_EQ(e.birth_dates[1].to, (PartialDate{1962, 0, 0}));
  ASSERT_EQ(e.identifiers.size(), 2u);
  EXPECT_EQ(e.identifiers[0].type, IdentifierType::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "K475336");
  EXPECT_EQ(e.identifiers[0].country, "jo");
  EXPECT_EQ(e.identifiers[0].note, "expires 2014-08-30; issued 2009-08-31");
  EXPECT_EQ(e.identifiers[1].type, IdentifierType::kOther);
  EXPECT_EQ(e.identifiers[1].label, "Unheard Of");
  EXPECT_EQ(e.identifiers[1].value, "X1");
}

TEST(UsCslParser, MissingColumnIsNamed) {
  std::string header = kHeader;
  header.replace(header.find("alt_names"), 9, "aliases");
  Result<ListData> r = ParseUsCslCsv(header + Row("1", "", "X", "", ""), "t.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), StatusCode::kParseError);
  EXPECT_NE(r.error().message().find("\"alt_names\""), std::string::npos) << r.error().ToString();
  EXPECT_EQ(r.error().location().file, "t.csv");
  EXPECT_EQ(r.error().location().line, 1);
}

TEST(UsCslParser, WrongFieldCountGivesLineAndByte) {
  std::string csv = std::string(kHeader) + Row("1", "", "X", "", "") + "2,Src,,Entity,P,Y\n";
  Result<ListData> r = ParseUsCslCsv(csv, "t.csv");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location().line, 3);
  EXPECT_EQ(r.error().location().byte, static_cast<std::int64_t>(csv.find("2,Src")) + 1);
  EXPECT_NE(r.error().message().find("expected 29 fields, found 6"), std::string::npos);
}

TEST(UsCslParser, RejectsBadValues) {
  auto fails = [](const std::string& row, const std::string& element) {
    Result<ListData> r = ParseUsCslCsv(std::string(kHeader) + row, "t.csv");
    ASSERT_FALSE(r) << row;
    EXPECT_EQ(r.error().location().element, element) << r.error().ToString();
    EXPECT_EQ(r.error().location().line, 2);
  };
  fails(Row("", "", "X", "", ""), "_id");
  fails(Row("1", "", "", "", ""), "name");
  fails(Row("1", "Spaceship", "X", "", ""), "type");
  std::string bad_start = Row("1", "", "X", "", "");
  bad_start.replace(bad_start.find(",,,,,,,"), 4, ",,,,31/12/2001");  // start_date column
  fails(bad_start, "start_date");
}

TEST(UsCslParser, RejectsEmptyTruncatedAndNonUtf8Input) {
  EXPECT_FALSE(ParseUsCslCsv("", "t.csv"));
  Result<ListData> truncated =
      ParseUsCslCsv(std::string(kHeader) + "1,Src,,,,\"unterminated", "t.csv");
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code(), StatusCode::kParseError);
  Result<ListData> latin1 =
      ParseUsCslCsv(std::string(kHeader) + Row("1", "", "CAF\xC9", "", ""), "t.csv");
  ASSERT_FALSE(latin1);
  EXPECT_EQ(latin1.error().location().line, 2);
  EXPECT_NE(latin1.error().message().find("UTF-8"), std::string::npos);
  // Another format's header is refused, naming the first missing column.
  Result<ListData> dpl = ParseUsCslCsv("Name,Street_Address\nX,Y\n", "dpl.txt");
  ASSERT_FALSE(dpl);
  EXPECT_NE(dpl.error().message().find("\"_id\""), std::string::npos);
  Result<ListData> tsv = ParseUsCslCsv("\"Name\"\t\"Street_Address\"\n", "dpl.txt");
  ASSERT_FALSE(tsv);
  EXPECT_EQ(tsv.error().location().line, 1);
}

TEST(UsCslParser, HeaderOnlyGivesAnEmptyList) {
  ListData data = ParseOk(kHeader);
  EXPECT_TRUE(data.entities.empty());
  EXPECT_EQ(data.list, "us-csl");
}

}  // namespace
}  // namespace interdict::sources
