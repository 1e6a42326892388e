// EU FSF parsers: the real 2016 legacy file, hand-made FSF 1.1 documents and
// failure paths.
#include <gtest/gtest.h>

#include <string>

#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

constexpr char kLegacyFile[] = "eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml";

const Entity* Find(const ListData& data, std::string_view id) {
  for (const Entity& e : data.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------
// Legacy format, real file.

TEST(EuFsfLegacyTest, RealFileCounts) {
  INTERDICT_SHARED_FILE(path, kLegacyFile);
  std::string xml = interdict::testing::ReadFile(path);
  Result<ListData> data = ParseEuFsfLegacyXml(xml, kLegacyFile);
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "eu-fsf");
  EXPECT_EQ(data->format, Format::kEuFsfLegacyXml);
  EXPECT_EQ(data->published, "2016-02-11");
  ASSERT_EQ(data->entities.size(), 595u);  // SOURCES.md: 595 ENTITY records
  std::size_t persons = 0, names = 0, primaries = 0, identifiers = 0;
  for (const Entity& e : data->entities) {
    persons += e.schema == Schema::kPerson;
    names += e.names.size();
    identifiers += e.identifiers.size();
    ASSERT_FALSE(e.names.empty()) << e.id;
    primaries += e.names[0].kind == NameKind::kPrimary;
    EXPECT_EQ(e.list, "eu-fsf");
  }
  EXPECT_EQ(persons, 319u);  // Type="P"; the other 276 are Type="E"
  // 2,993 NAME elements, of which 274 repeat a name (same text and language)
  // of the same entity under another regulation.
  EXPECT_EQ(names, 2719u);
  EXPECT_EQ(primaries, 595u);
  EXPECT_EQ(identifiers, 137u);  // one per PASSPORT element
  EXPECT_TRUE(data->warnings.empty());
}

TEST(EuFsfLegacyTest, RealFileMugabe) {
  INTERDICT_SHARED_FILE(path, kLegacyFile);
  Result<ListData> data = ParseEuFsfLegacyXml(interdict::testing::ReadFile(path), kLegacyFile);
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity* e = Find(*data, "eu-fsf:1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->gender, Gender::kMale);
  // Two NAME elements, both "Robert Gabriel Mugabe": kept once.
  ASSERT_EQ(e->names.size(), 1u);
  EXPECT_EQ(e->names[0].full, "Robert Gabriel Mugabe");
  EXPECT_EQ(e->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e->names[0].script, "Latn");
  ASSERT_EQ(e->names[0].parts.size(), 3u);
  EXPECT_EQ(e->names[0].parts[0].type, NamePartType::kGiven);
  EXPECT_EQ(e->names[0].parts[0].value, "Robert");
  EXPECT_EQ(e->names[0].parts[1].value, "Gabriel");
  EXPECT_EQ(e->names[0].parts[2].type, NamePartType::kFamily);
  EXPECT_EQ(e->names[0].parts[2].value, "Mugabe");
  ASSERT_EQ(e->birth_dates.size(), 1u);  // 1924-02-21 twice
  EXPECT_EQ(e->birth_dates[0].from.ToString(), "1924-02-21");
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Kutama"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].type, IdentifierType::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "AD001095");
  EXPECT_EQ(e->identifiers[0].label, "National passport");
  EXPECT_EQ(e->identifiers[0].note, "((passport))");
  EXPECT_EQ(e->programs, std::vector<std::string>{"ZWE"});
  EXPECT_EQ(e->listed_on.ToString(), "2012-02-21");
  EXPECT_EQ(e->positions[0], "President");
  EXPECT_NE(e->remarks.find("regime 310/2002"), std::string::npos);
}

TEST(EuFsfLegacyTest, RealFileSaddamAliasesAndCitizenship) {
  INTERDICT_SHARED_FILE(path, kLegacyFile);
  Result<ListData> data = ParseEuFsfLegacyXml(interdict::testing::ReadFile(path), kLegacyFile);
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity* e = Find(*data, "eu-fsf:13");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 3u);
  EXPECT_EQ(e->names[0].full, "Saddam Hussein Al-Tikriti");
  EXPECT_EQ(e->names[1].full, "Abu Ali");
  EXPECT_EQ(e->names[1].kind, NameKind::kAka);
  EXPECT_EQ(e->names[2].full, "Abou Ali");
  EXPECT_EQ(e->names[2].language, "fr");
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"iq"});  // IRQ
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"al-Awja, near Tikrit, Iraq"});
  EXPECT_EQ(e->birth_dates[0].from.ToString(), "1937-04-28");
}

TEST(EuFsfLegacyTest, RealFileApproximateRangeAndAddresses) {
  INTERDICT_SHARED_FILE(path, kLegacyFile);
  Result<ListData> data = ParseEuFsfLegacyXml(interdict::testing::ReadFile(path), kLegacyFile);
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity* agha = Find(*data, "eu-fsf:516");  // "1958 - 1963 (approximative)"
  ASSERT_NE(agha, nullptr);
  ASSERT_FALSE(agha->birth_dates.empty());
  EXPECT_EQ(agha->birth_dates[0].from.ToString(), "1958");
  EXPECT_EQ(agha->birth_dates[0].to.ToString(), "1963");
  EXPECT_TRUE(agha->birth_dates[0].approximate);

  const Entity* bank = Find(*data, "eu-fsf:230");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->schema, Schema::kOrganization);
  EXPECT_EQ(bank->PrimaryName(), "Central Bank of Iraq");
  ASSERT_GE(bank->addresses.size(), 2u);
  EXPECT_EQ(bank->addresses[0].street, "Rashid Street");
  EXPECT_EQ(bank->addresses[0].city, "Baghdad");
  EXPECT_EQ(bank->addresses[0].country, "iq");
  EXPECT_EQ(bank->addresses[0].full, "Rashid Street, Baghdad, Iraq");
  EXPECT_EQ(bank->addresses[1].full, "Mosul, Iraq");
}

// ---------------------------------------------------------------------------
// Legacy format, edge cases and failures.

std::string LegacyDoc(std::string_view entities) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<WHOLE Date=\"11/02/2016\">\n" +
         std::string(entities) + "</WHOLE>\n";
}

constexpr char kLegacyEntity[] =
    "<ENTITY Id=\"7\" Type=\"P\" reg_date=\"2010-01-02\" programme=\"IRQ\">\n"
    "<NAME><LASTNAME>Doe</LASTNAME><FIRSTNAME>Jane</FIRSTNAME><WHOLENAME/>"
    "<GENDER>F</GENDER></NAME>\n"
    "<BIRTH><DATE>around 1970</DATE><PLACE/><COUNTRY>TUN</COUNTRY></BIRTH>\n"
    "<PASSPORT><NUMBER>X1</NUMBER><COUNTRY/></PASSPORT>\n"
    "</ENTITY>\n";

TEST(EuFsfLegacyTest, BuildsWholeNameFromPartsAndKeepsOddDatesAsText) {
  Result<ListData> data = ParseEuFsfLegacyXml(LegacyDoc(kLegacyEntity), "mini.xml");
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity& e = data->entities.at(0);
  EXPECT_EQ(e.id, "eu-fsf:7");
  EXPECT_EQ(e.PrimaryName(), "Jane Doe");
  EXPECT_EQ(e.gender, Gender::kFemale);
  ASSERT_EQ(e.birth_dates.size(), 1u);
  EXPECT_TRUE(e.birth_dates[0].from.empty());
  EXPECT_EQ(e.birth_dates[0].text, "around 1970");
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Tunisia"});
  ASSERT_EQ(e.identifiers.size(), 1u);  // no "(code-description)": kept whole
  EXPECT_EQ(e.identifiers[0].value, "X1");
  EXPECT_EQ(e.identifiers[0].type, IdentifierType::kOther);
  ASSERT_EQ(data->warnings.size(), 1u);
  EXPECT_EQ(data->warnings[0].where.file, "mini.xml");
  EXPECT_EQ(data->warnings[0].where.line, 5);
  EXPECT_NE(data->warnings[0].message.find("around 1970"), std::string::npos);
}

void ExpectParseError(const Result<ListData>& data, std::string_view message_part,
                      std::int64_t line) {
  ASSERT_FALSE(data) << "expected an error containing \"" << message_part << "\"";
  EXPECT_EQ(data.error().code(), StatusCode::kParseError);
  EXPECT_EQ(data.error().location().file, "bad.xml");
  EXPECT_NE(data.error().message().find(message_part), std::string::npos)
      << data.error().ToString();
  if (line > 0) {
    EXPECT_EQ(data.error().location().line, line) << data.error().ToString();
  }
}

TEST(EuFsfLegacyTest, Failures) {
  std::string good = LegacyDoc(kLegacyEntity);
  // Truncated mid-document.
  ExpectParseError(ParseEuFsfLegacyXml(good.substr(0, good.size() / 2), "bad.xml"), "malformed XML",
                   0);
  // Invalid UTF-8 on line 3.
  std::string latin1 = good;
  latin1.replace(latin1.find("Doe"), 3,
                 "D\xF6"
                 "e");
  ExpectParseError(ParseEuFsfLegacyXml(latin1, "bad.xml"), "invalid UTF-8", 4);
  // Wrong format: an FSF 1.1 document given to the legacy parser.
  ExpectParseError(ParseEuFsfLegacyXml("<export generationDate=\"2020-01-01\"/>", "bad.xml"),
                   "expected <WHOLE>", 1);
  // Not XML at all.
  ExpectParseError(ParseEuFsfLegacyXml("Last Updated,12/02/2016\n", "bad.xml"), "malformed XML", 0);
  ExpectParseError(ParseEuFsfLegacyXml("", "bad.xml"), "malformed XML", 0);
  // No entities.
  ExpectParseError(ParseEuFsfLegacyXml(LegacyDoc(""), "bad.xml"), "no <ENTITY>", 2);
  // Unknown Type.
  std::string vessel = kLegacyEntity;
  vessel.replace(vessel.find("Type=\"P\""), 8, "Type=\"V\"");
  ExpectParseError(ParseEuFsfLegacyXml(LegacyDoc(vessel), "bad.xml"),
                   "ENTITY Id=7: expected Type \"P\" or \"E\", found \"V\"", 3);
  // Duplicate and missing ids.
  ExpectParseError(
      ParseEuFsfLegacyXml(LegacyDoc(std::string(kLegacyEntity) + kLegacyEntity), "bad.xml"),
      "ENTITY Id=7: duplicate entity id", 8);
  ExpectParseError(ParseEuFsfLegacyXml(LegacyDoc("<ENTITY Type=\"E\"><NAME><WHOLENAME>X"
                                                 "</WHOLENAME></NAME></ENTITY>\n"),
                                       "bad.xml"),
                   "missing Id", 3);
  // An entity without any usable name.
  ExpectParseError(
      ParseEuFsfLegacyXml(
          LegacyDoc("<ENTITY Id=\"9\" Type=\"E\"><NAME><WHOLENAME/></NAME></ENTITY>\n"), "bad.xml"),
      "ENTITY Id=9: no NAME", 3);
}

// ---------------------------------------------------------------------------
// FSF 1.1, hand-made documents. The element and attribute names follow the
// Commission's published FSF 1.1 export ("xmlFullSanctionsList_1_1", schema
// namespace http://eu.europa.ec/fpi/fsd/export): <export generationDate
// globalFileId> holding <sanctionEntity designationDate designationDetails
// unitedNationId euReferenceNumber logicalId> with children <remark>,
// <regulation ... programme numberTitle>, <subjectType code
// classificationCode>, <nameAlias firstName middleName lastName wholeName
// function gender title nameLanguage strong logicalId>, <citizenship
// countryIso2Code countryDescription>, <birthdate circa birthdate dayOfMonth
// monthOfYear year yearRangeFrom yearRangeTo city place region
// countryIso2Code>, <identification identificationTypeCode
// identificationTypeDescription number latinNumber knownExpired knownFalse
// issuedBy countryIso2Code> and <address street poBox zipCode city region
// countryIso2Code countryDescription>. Values are invented except for the
// Saddam Hussein record, which mirrors legacy ENTITY 13 above.

constexpr char kFsfDocument[] = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00" globalFileId="184961">
  <sanctionEntity designationDate="2003-07-07" designationDetails="" unitedNationId="IQi.001" euReferenceNumber="EU.27.28" logicalId="13">
    <remark>UNSC RESOLUTION 1483</remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2003-07-08" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="1">
      <publicationUrl>http://eur-lex.europa.eu/LexUriServ/LexUriServ.do?uri=OJ:L:2003:169:0006:0023:EN:PDF</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Saddam" middleName="" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" function="" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="17"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Abu Ali" function="" gender="" title="" nameLanguage="" strong="false" regulationLanguage="en" logicalId="19"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Abou Ali" function="" gender="" title="" nameLanguage="FR" strong="false" regulationLanguage="en" logicalId="380"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Абу Али" function="" gender="" title="" nameLanguage="BG" strong="false" regulationLanguage="en" logicalId="381"/>
    <citizenship region="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1"/>
    <birthdate circa="false" calendarType="GREGORIAN" city="al-Awja, near Tikrit" zipCode="" birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" region="" place="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="14"/>
  </sanctionEntity>
  <sanctionEntity designationDate="2002-11-21" designationDetails="" unitedNationId="" euReferenceNumber="EU.620.38" logicalId="983">
    <regulation regulationType="amendment" organisationType="commission" publicationDate="2024-01-17" numberTitle="2024/372 (OJ L18012024)" programme="TAQA" logicalId="189099"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Example Relief Foundation" function="" gender="" title="" nameLanguage="EN" strong="true" logicalId="2080"/>
    <address city="Palos Hills" street="9838 S. Roberts Road, Suite 1W" poBox="" zipCode="60465" region="Illinois" countryIso2Code="US" countryDescription="UNITED STATES" logicalId="302"/>
    <identification diplomatic="false" knownExpired="true" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="36-3823186" region="" identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" countryIso2Code="US" countryDescription="UNITED STATES" logicalId="161565">
      <remark>Employer Identification Number</remark>
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDate="2014-03-17" logicalId="2901">
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Ivan" middleName="" lastName="Example" wholeName="" gender="M" logicalId="9001"/>
    <birthdate circa="true" calendarType="GREGORIAN" yearRangeFrom="1953" yearRangeTo="1958" countryIso2Code="00" logicalId="1865"/>
    <birthdate circa="false" calendarType="GREGORIAN" year="1960" monthOfYear="3" countryIso2Code="00" logicalId="1866"/>
  </sanctionEntity>
</export>
)xml";

TEST(EuFsfXmlTest, HandMadeDocument) {
  Result<ListData> data = ParseEuFsfXml(kFsfDocument, "fsf.xml");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_EQ(data->list, "eu-fsf");
  EXPECT_EQ(data->format, Format::kEuFsfXml);
  EXPECT_EQ(data->published, "2026-08-05");
  ASSERT_EQ(data->entities.size(), 3u);
  EXPECT_TRUE(data->warnings.empty());

  // Same id as ENTITY Id="13" in the legacy file.
  const Entity& saddam = data->entities[0];
  EXPECT_EQ(saddam.id, "eu-fsf:13");
  EXPECT_EQ(saddam.schema, Schema::kPerson);
  EXPECT_EQ(saddam.gender, Gender::kMale);
  ASSERT_EQ(saddam.names.size(), 4u);
  EXPECT_EQ(saddam.names[0].full, "Saddam Hussein Al-Tikriti");
  EXPECT_EQ(saddam.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(saddam.names[0].quality, NameQuality::kStrong);
  EXPECT_EQ(saddam.names[1].kind, NameKind::kAka);
  EXPECT_EQ(saddam.names[1].quality, NameQuality::kWeak);
  EXPECT_EQ(saddam.names[2].language, "fr");
  EXPECT_EQ(saddam.names[3].script, "Cyrl");
  EXPECT_EQ(saddam.citizenships, std::vector<std::string>{"iq"});
  ASSERT_EQ(saddam.birth_dates.size(), 1u);
  EXPECT_EQ(saddam.birth_dates[0].from.ToString(), "1937-04-28");
  EXPECT_EQ(saddam.birth_places, std::vector<std::string>{"al-Awja, near Tikrit, Iraq"});
  EXPECT_EQ(saddam.programs, std::vector<std::string>{"IRQ"});
  EXPECT_EQ(saddam.listed_on.ToString(), "2003-07-07");
  EXPECT_EQ(saddam.remarks, "UNSC RESOLUTION 1483");

  const Entity& foundation = data->entities[1];
  EXPECT_EQ(foundation.id, "eu-fsf:983");
  EXPECT_EQ(foundation.schema, Schema::kOrganization);
  ASSERT_EQ(foundation.identifiers.size(), 1u);
  EXPECT_EQ(foundation.identifiers[0].type, IdentifierType::kRegistrationNumber);
  EXPECT_EQ(foundation.identifiers[0].value, "36-3823186");
  EXPECT_EQ(foundation.identifiers[0].country, "us");
  EXPECT_EQ(foundation.identifiers[0].note, "known expired; Employer Identification Number");
  ASSERT_EQ(foundation.addresses.size(), 1u);
  EXPECT_EQ(foundation.addresses[0].postal_code, "60465");
  EXPECT_EQ(foundation.addresses[0].country, "us");
  EXPECT_EQ(foundation.addresses[0].full,
            "9838 S. Roberts Road, Suite 1W, 60465, Palos Hills, Illinois, United States");

  const Entity& ivan = data->entities[2];
  EXPECT_EQ(ivan.PrimaryName(), "Ivan Example");  // built from the parts
  ASSERT_EQ(ivan.birth_dates.size(), 2u);
  EXPECT_EQ(ivan.birth_dates[0].from.ToString(), "1953");
  EXPECT_EQ(ivan.birth_dates[0].to.ToString(), "1958");
  EXPECT_TRUE(ivan.birth_dates[0].approximate);
  EXPECT_EQ(ivan.birth_dates[1].from.ToString(), "1960-03");
  EXPECT_TRUE(ivan.birth_places.empty());  // "00" is the unknown country
}

TEST(EuFsfXmlTest, Failures) {
  auto replace = [](std::string text, std::string_view from, std::string_view to) {
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  std::string doc = kFsfDocument;
  ExpectParseError(
      ParseEuFsfXml(replace(doc, "code=\"enterprise\" classificationCode=\"E\"", "code=\"vessel\""),
                    "bad.xml"),
      "sanctionEntity logicalId=983: expected subjectType code", 18);
  ExpectParseError(ParseEuFsfXml(replace(doc, "logicalId=\"983\"", "logicalId=\"13\""), "bad.xml"),
                   "duplicate entity id", 16);
  ExpectParseError(ParseEuFsfXml(replace(doc, " logicalId=\"2901\"", ""), "bad.xml"),
                   "missing logicalId", 25);
  ExpectParseError(ParseEuFsfXml(doc.substr(0, doc.size() - 20), "bad.xml"), "malformed XML", 0);
  ExpectParseError(ParseEuFsfXml(LegacyDoc(kLegacyEntity), "bad.xml"), "expected <export>", 2);
  ExpectParseError(ParseEuFsfXml("<export generationDate=\"2026-01-01\"></export>", "bad.xml"),
                   "no <sanctionEntity>", 1);
  // A birth date that is not a date: kept as text, with a warning.
  Result<ListData> odd = ParseEuFsfXml(
      replace(doc, "birthdate=\"1937-04-28\"", "birthdate=\"1937-13-45\""), "odd.xml");
  ASSERT_TRUE(odd) << odd.error().ToString();
  EXPECT_EQ(odd->entities[0].birth_dates.at(0).text, "1937-13-45 1937");
  ASSERT_EQ(odd->warnings.size(), 1u);
  EXPECT_EQ(odd->warnings[0].where.line, 14);
}

}  // namespace
}  // namespace interdict::sources
