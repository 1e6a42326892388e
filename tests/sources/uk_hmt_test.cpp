// UK HMT ConList CSV parser: the real 2016 file, the current column layout
// and failure paths.
#include <gtest/gtest.h>

#include <string>

#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

constexpr char kUkFile[] = "uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv";

const Entity* Find(const ListData& data, std::string_view id) {
  for (const Entity& e : data.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

Result<ListData> ParseRealFile() {
  return ParseUkHmtCsv(interdict::testing::ReadFile(interdict::testing::SharedDataDir() / kUkFile),
                       kUkFile);
}

TEST(UkHmtTest, RealFileCounts) {
  INTERDICT_SHARED_FILE(path, kUkFile);
  Result<ListData> data = ParseRealFile();
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "uk-hmt");
  EXPECT_EQ(data->format, Format::kUkHmtCsv);
  EXPECT_EQ(data->published, "2016-02-12");  // "Last Updated,12/02/2016"
  // 800 data rows in 463 Group IDs (SOURCES.md).
  ASSERT_EQ(data->entities.size(), 463u);
  std::size_t persons = 0, organizations = 0, names = 0, with_primary = 0;
  for (const Entity& e : data->entities) {
    persons += e.schema == Schema::kPerson;
    organizations += e.schema == Schema::kOrganization;
    names += e.names.size();
    ASSERT_FALSE(e.names.empty()) << e.id;
    with_primary += e.names[0].kind == NameKind::kPrimary;
  }
  EXPECT_EQ(persons, 323u);
  EXPECT_EQ(organizations, 140u);
  // Distinct names per group: 800 rows less rows repeating a group's name
  // (one row per extra date of birth or address).
  EXPECT_EQ(names, 708u);
  // This excerpt holds the "Prime Alias" row of only 235 groups; the others
  // have alias rows only, so their first name is an AKA.
  EXPECT_EQ(with_primary, 235u);
  EXPECT_TRUE(data->warnings.empty());
  // Groups keep the order in which their first row appears.
  EXPECT_EQ(data->entities[0].id, "uk-hmt:7087");
}

TEST(UkHmtTest, RealFileGroupWithManyAliases) {
  INTERDICT_SHARED_FILE(path, kUkFile);
  Result<ListData> data = ParseRealFile();
  ASSERT_TRUE(data) << data.error().ToString();
  // Group 7877: 25 rows, 16 distinct names, 12 dates of birth.
  const Entity* e = Find(*data, "uk-hmt:7877");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  ASSERT_EQ(e->names.size(), 16u);
  // The "Prime Alias" row is not the group's first row, yet comes first.
  EXPECT_EQ(e->names[0].full, "Mourad Ben Ali Ben Al-Basheer AL-TRABELSI");
  EXPECT_EQ(e->names[0].kind, NameKind::kPrimary);
  ASSERT_EQ(e->names[0].parts.size(), 4u);
  EXPECT_EQ(e->names[0].parts[0].type, NamePartType::kGiven);
  EXPECT_EQ(e->names[0].parts[0].value, "Mourad");
  EXPECT_EQ(e->names[0].parts[1].type, NamePartType::kMiddle);
  EXPECT_EQ(e->names[0].parts[3].type, NamePartType::kFamily);
  EXPECT_EQ(e->names[0].parts[3].value, "AL-TRABELSI");
  EXPECT_EQ(e->names[1].full, "Salah BEN ANAN");
  EXPECT_EQ(e->names[1].kind, NameKind::kAka);
  ASSERT_EQ(e->birth_dates.size(), 12u);
  EXPECT_EQ(e->birth_dates[0].from.ToString(), "1969-05-20");
  EXPECT_EQ(e->birth_dates[9].from.ToString(), "1972");  // "00/00/1972"
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"tn"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].type, IdentifierType::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "G827238");
  EXPECT_EQ(e->identifiers[0].country, "tn");
  EXPECT_EQ(e->identifiers[0].note,
            "G827238 (Tunisian). Issued on 1 June 1996. Expired on 31 May 2001");
  // "(1) Manzil Tmim (2)-(6) -" and "(1)-(2) Tunisia (3) Libya ..." do not
  // line up, so towns and countries are listed separately.
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Manzil Tmim", "Tunisia", "Libya", "Algeria",
                                                       "Morocco", "Lebanon"}));
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].full, "Libya Street no 9, Manzil Tmim, Nabeul, Tunisia");
  EXPECT_EQ(e->addresses[0].country, "tn");
  EXPECT_EQ(e->programs, std::vector<std::string>{"Al-Qaida"});
  EXPECT_EQ(e->listed_on.ToString(), "2003-11-18");
}

TEST(UkHmtTest, RealFileSingleRowGroups) {
  INTERDICT_SHARED_FILE(path, kUkFile);
  Result<ListData> data = ParseRealFile();
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity* abda = Find(*data, "uk-hmt:7087");
  ASSERT_NE(abda, nullptr);
  ASSERT_EQ(abda->names.size(), 1u);
  EXPECT_EQ(abda->names[0].full, "Mohamed ABU ABDA");
  EXPECT_EQ(abda->names[0].kind, NameKind::kAka);
  EXPECT_EQ(abda->birth_dates.at(0).from.ToString(), "1969-02-05");
  // Numbered towns and countries that line up are paired.
  EXPECT_EQ(abda->birth_places,
            (std::vector<std::string>{"Tripoli, Libyan Arab Jamahiriya", "Tunis, Tunisia"}));
  EXPECT_EQ(abda->identifiers.at(0).value, "W374031");
  EXPECT_EQ(abda->listed_on.ToString(), "2002-04-24");
  EXPECT_NE(abda->remarks.find("UN Ref QI.B.62.02"), std::string::npos);

  const Entity* ahmar = Find(*data, "uk-hmt:13254");
  ASSERT_NE(ahmar, nullptr);
  EXPECT_EQ(ahmar->PrimaryName(), "Ahmed Ali Abdullah AL-AHMAR");
  EXPECT_EQ(ahmar->nationalities, std::vector<std::string>{"ye"});  // "Yemeni"
  EXPECT_EQ(ahmar->identifiers.at(0).value, "17979");  // "Yemeni passport number 17979 ..."
  EXPECT_EQ(ahmar->addresses.at(0).country, "ae");     // "United Arab Emirates"
  EXPECT_EQ(ahmar->programs, std::vector<std::string>{"Yemen"});

  // Windows-1252 left quote (0x91) in "‘Abd al-Khaliq" becomes UTF-8.
  const Entity* huthi = Find(*data, "uk-hmt:13191");
  ASSERT_NE(huthi, nullptr);
  EXPECT_EQ(huthi->names.at(0).parts.at(0).value,
            "\xE2\x80\x98"
            "Abd al-Khaliq");
}

// The current OFSI layout: extra columns, "Primary name" alias type, alias
// quality and names in their original script. Values are invented.
constexpr char kCurrentLayout[] =
    "Last Updated,05/08/2026\n"
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script "
    "Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport "
    "Number,Passport Details,National Identification Number,National Identification "
    "Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip "
    "Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK "
    "Sanctions List Date Designated,Last Updated,Group Status,Group ID\n"
    "PETROV,Ivan,,,,,Mr,Иван ПЕТРОВ,Cyrillic,Russian,00/05/1970,Moscow,Russia,(1) Russia (2) "
    "Cyprus,7100001,issued 2015,,,Director,1 Main St,,,,,Moscow,101000,Russia,note,"
    "Individual,Primary name,Good,Russia,15/03/2022,15/03/2022,01/01/2026,Asset Freeze "
    "Targets,15000\n"
    "PETROFF,Ivan,,,,,Mr,,,,00/00/1971,,,,,,,,,,,,,,,,,,Individual,AKA,Low,Russia,"
    "15/03/2022,15/03/2022,01/01/2026,Asset Freeze Targets,15000\n"
    "OCEAN STAR,,,,,,,,,,,,,,,,,,,,,,,,,,,,Ship,Primary name,,Russia,01/02/2023,01/02/2023,"
    "01/01/2026,Asset Freeze Targets,15001\n";

TEST(UkHmtTest, CurrentLayout) {
  Result<ListData> data = ParseUkHmtCsv(kCurrentLayout, "ConList.csv");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->published, "2026-08-05");
  ASSERT_EQ(data->entities.size(), 2u);
  const Entity& petrov = data->entities[0];
  EXPECT_EQ(petrov.id, "uk-hmt:15000");
  ASSERT_EQ(petrov.names.size(), 3u);
  EXPECT_EQ(petrov.names[0].full, "Ivan PETROV");
  EXPECT_EQ(petrov.names[0].quality, NameQuality::kStrong);
  EXPECT_EQ(petrov.names[1].full, "Иван ПЕТРОВ");
  EXPECT_EQ(petrov.names[1].language, "russian");
  EXPECT_EQ(petrov.names[2].full, "Ivan PETROFF");
  EXPECT_EQ(petrov.names[2].quality, NameQuality::kLow);
  ASSERT_EQ(petrov.birth_dates.size(), 2u);
  EXPECT_EQ(petrov.birth_dates[0].from.ToString(), "1970-05");
  EXPECT_EQ(petrov.birth_dates[1].from.ToString(), "1971");
  EXPECT_EQ(petrov.nationalities, (std::vector<std::string>{"ru", "cy"}));
  EXPECT_EQ(petrov.birth_places, std::vector<std::string>{"Moscow, Russia"});
  ASSERT_EQ(petrov.identifiers.size(), 1u);
  EXPECT_EQ(petrov.identifiers[0].value, "7100001");
  EXPECT_EQ(petrov.identifiers[0].label, "Passport Number");
  EXPECT_EQ(petrov.titles, std::vector<std::string>{"Mr"});
  EXPECT_EQ(petrov.positions, std::vector<std::string>{"Director"});
  EXPECT_EQ(petrov.listed_on.ToString(), "2022-03-15");
  const Entity& ship = data->entities[1];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  EXPECT_EQ(ship.PrimaryName(), "OCEAN STAR");
  EXPECT_TRUE(ship.names[0].parts.empty());
}

constexpr char kHeader2016[] =
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of "
    "Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address "
    "4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,"
    "Listed On,Last Updated,Group ID\n";

std::string Row2016(std::string_view dob, std::string_view group_type, std::string_view group_id) {
  return "DOE,John,,,,,," + std::string(dob) + ",,,,,,,,,,,,,,,," + std::string(group_type) +
         ",AKA,Somalia,01/02/2010,01/02/2011," + std::string(group_id) + "\n";
}

void ExpectParseError(const Result<ListData>& data, std::string_view message_part,
                      std::int64_t line) {
  ASSERT_FALSE(data) << "expected an error containing \"" << message_part << "\"";
  EXPECT_EQ(data.error().code(), StatusCode::kParseError);
  EXPECT_EQ(data.error().location().file, "bad.csv");
  EXPECT_NE(data.error().message().find(message_part), std::string::npos)
      << data.error().ToString();
  EXPECT_EQ(data.error().location().line, line) << data.error().ToString();
}

TEST(UkHmtTest, HeaderWithoutDateLineAndOddDob) {
  std::string csv = std::string(kHeader2016) + Row2016("31/02/1970", "Individual", "1") +
                    Row2016("", "Entity", "2");
  Result<ListData> data = ParseUkHmtCsv(csv, "ok.csv");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->published, "");
  ASSERT_EQ(data->entities.size(), 2u);
  // An impossible DOB is kept as the list wrote it, with a warning.
  ASSERT_EQ(data->entities[0].birth_dates.size(), 1u);
  EXPECT_TRUE(data->entities[0].birth_dates[0].from.empty());
  EXPECT_EQ(data->entities[0].birth_dates[0].text, "31/02/1970");
  ASSERT_EQ(data->warnings.size(), 1u);
  EXPECT_EQ(data->warnings[0].where.line, 2);
  EXPECT_EQ(data->warnings[0].where.element, "DOB");
}

TEST(UkHmtTest, Failures) {
  std::string header = kHeader2016;
  std::string no_group_id = header;
  no_group_id.replace(no_group_id.find(",Group ID"), 9, ",Group Key");
  Result<ListData> missing = ParseUkHmtCsv("Last Updated,12/02/2016\n" + no_group_id, "bad.csv");
  ExpectParseError(missing, "no \"Group ID\" column", 2);

  std::string short_row = "Last Updated,12/02/2016\n" + header + Row2016("", "Individual", "1") +
                          "DOE,John,,Individual,AKA\n";
  Result<ListData> width = ParseUkHmtCsv(short_row, "bad.csv");
  ExpectParseError(width, "expected 29 fields as in the header, found 5", 4);
  EXPECT_GT(width.error().location().byte, 0);

  ExpectParseError(ParseUkHmtCsv(header + Row2016("", "Aircraft", "1"), "bad.csv"),
                   "expected Group Type Individual, Entity or Ship, found \"Aircraft\"", 2);
  ExpectParseError(ParseUkHmtCsv(header + Row2016("", "Individual", ""), "bad.csv"),
                   "empty Group ID", 2);
  ExpectParseError(
      ParseUkHmtCsv(header + Row2016("", "Individual", "1") + Row2016("", "Entity", "1"),
                    "bad.csv"),
      "two Group Types", 3);
  ExpectParseError(ParseUkHmtCsv(header + "\"DOE,John", "bad.csv"), "unterminated", 2);
  ExpectParseError(ParseUkHmtCsv("Last Updated,12/02/2016\n" + header, "bad.csv"), "no data rows",
                   0);
  ExpectParseError(ParseUkHmtCsv("", "bad.csv"), "no header line", 0);
  // Another list's file: an OFAC sdn.csv line is no ConList header.
  ExpectParseError(ParseUkHmtCsv("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\n", "bad.csv"),
                   "no \"Name 6\" column", 1);
}

}  // namespace
}  // namespace interdict::sources
