// ParseOfacXml on the real OFAC consolidated enhanced XML (CONS_ENHANCED.ZIP,
// 2025-01-10) and on small hostile or malformed documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "sources/io.h"
#include "sources/parse_error_util.h"
#include "sources/parsers.h"
#include "test_util.h"

namespace interdict::sources {
namespace {

const Entity* Find(const ListData& data, std::string_view id) {
  for (const Entity& e : data.entities)
    if (e.id == id) return &e;
  return nullptr;
}

const Name* FindName(const Entity& e, std::string_view full) {
  for (const Name& n : e.names)
    if (n.full == full) return &n;
  return nullptr;
}

const Identifier* FindIdentifier(const Entity& e, std::string_view value) {
  for (const Identifier& i : e.identifiers)
    if (i.value == value) return &i;
  return nullptr;
}

bool Contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The real file is parsed once for the whole suite.
class OfacXmlRealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SHARED_FILE(zip_path, "ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP");
    if (cached_) return;
    std::string zip = testing::ReadFile(zip_path);
    Result<std::vector<ZipEntry>> entries = Unzip(zip, zip_path.string(), 64 << 20);
    ASSERT_TRUE(entries) << entries.error().ToString();
    ASSERT_EQ(entries->size(), 1u);
    ASSERT_EQ(entries->front().name, "CONS_ENHANCED.XML");
    Result<ListData> parsed = ParseOfacXml(entries->front().bytes, "CONS_ENHANCED.XML");
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    cached_ = new ListData(std::move(*parsed));
  }
  const ListData& data() const { return *cached_; }

  static inline ListData* cached_ = nullptr;
};

TEST_F(OfacXmlRealTest, ListCountsAndPublication) {
  EXPECT_EQ(data().list, "ofac-cons");
  EXPECT_EQ(data().format, Format::kOfacXml);
  EXPECT_EQ(data().published, "2025-01-10T00:00:00");
  ASSERT_EQ(data().entities.size(), 443u);
  EXPECT_TRUE(data().warnings.empty());

  int persons = 0, organisations = 0, names = 0, primaries = 0, akas = 0, fkas = 0, weak = 0,
      non_latin = 0, relations = 0, owned_by = 0;
  for (const Entity& e : data().entities) {
    persons += e.schema == Schema::kPerson;
    organisations += e.schema == Schema::kOrganization;
    ASSERT_FALSE(e.names.empty()) << e.id;
    EXPECT_EQ(e.names.front().kind, NameKind::kPrimary) << e.id;
    for (const Name& n : e.names) {
      ++names;
      primaries += n.kind == NameKind::kPrimary;
      akas += n.kind == NameKind::kAka;
      fkas += n.kind == NameKind::kFka;
      weak += n.quality == NameQuality::kWeak;
      non_latin += n.script != "Latn";
    }
    for (const Relation& r : e.relations) {
      ++relations;
      owned_by += r.type == RelationType::kOwnedBy;
    }
  }
  EXPECT_EQ(persons, 80);
  EXPECT_EQ(organisations, 363);
  // 1,579 <name>s with 1,624 translations; each translation is one Name.
  EXPECT_EQ(names, 1624);
  EXPECT_EQ(primaries, 443);  // exactly one per entity
  EXPECT_EQ(akas, 1036);
  EXPECT_EQ(fkas, 145);
  EXPECT_EQ(weak, 71);       // isLowQuality="true"
  EXPECT_EQ(non_latin, 45);  // 39 Cyrillic, 5 simplified and 1 traditional Chinese
  EXPECT_EQ(relations, 283);
  EXPECT_EQ(owned_by, 278);
}

// The enhanced XML's entity id is the CSV's ent_num: every entity of the
// (later) cons_prim.csv snapshot but one appears under the same id.
TEST_F(OfacXmlRealTest, EntityIdsMatchConsPrimCsvEntNum) {
  INTERDICT_SHARED_FILE(csv_path, "ofac_consolidated_nonsdn/cons_prim.csv");
  std::string csv = testing::ReadFile(csv_path);
  std::set<std::string> csv_ids;
  for (std::size_t pos = 0; pos < csv.size();) {
    std::size_t end = csv.find('\n', pos);
    if (end == std::string::npos) end = csv.size();
    std::string line = csv.substr(pos, end - pos);
    std::size_t comma = line.find(',');
    if (comma != std::string::npos) csv_ids.insert("ofac-cons:" + line.substr(0, comma));
    pos = end + 1;
  }
  ASSERT_EQ(csv_ids.size(), 442u);
  std::vector<std::string> only_in_xml;
  for (const Entity& e : data().entities)
    if (!csv_ids.count(e.id)) only_in_xml.push_back(e.id);
  EXPECT_EQ(only_in_xml, std::vector<std::string>{"ofac-cons:26182"});
}

TEST_F(OfacXmlRealTest, IndividualHaniya) {
  const Entity* e = Find(data(), "ofac-cons:9639");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  ASSERT_EQ(e->names.size(), 3u);
  const Name& primary = e->names[0];
  EXPECT_EQ(primary.full, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(primary.script, "Latn");
  ASSERT_EQ(primary.parts.size(), 2u);
  EXPECT_EQ(primary.parts[0].type, NamePartType::kFamily);
  EXPECT_EQ(primary.parts[0].value, "HANIYA");
  EXPECT_EQ(primary.parts[1].type, NamePartType::kGiven);
  EXPECT_EQ(primary.parts[1].value, "Ismail Abdul Salah");
  EXPECT_EQ(e->names[2].full, "HANIYYA, Ismaeel");
  EXPECT_EQ(e->names[2].kind, NameKind::kAka);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1962, 0, 0}));  // 1962-01-01..1962-12-31
  EXPECT_TRUE(e->birth_dates[0].to.empty());
  EXPECT_TRUE(e->birth_dates[0].text.empty());
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Shati"});
  EXPECT_EQ(e->programs, std::vector<std::string>{"NS-PLC"});
  EXPECT_EQ(e->listed_on, (PartialDate{2006, 4, 12}));  // earliest datePublished
  EXPECT_TRUE(e->addresses.empty());  // its only <address> is an empty placeholder
}

TEST_F(OfacXmlRealTest, IndividualWithPassportAndCitizenship) {
  const Entity* e = Find(data(), "ofac-cons:26182");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->PrimaryName(), "KAYAKIRAN, Evren");
  EXPECT_EQ(e->gender, Gender::kMale);
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"tr"});
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1980, 2, 8}));
  EXPECT_EQ(e->birth_dates[0].text, "08 Feb 1980");
  const Identifier* passport = FindIdentifier(*e, "U00242309");
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->type, IdentifierType::kPassport);
  EXPECT_EQ(passport->country, "tr");
  EXPECT_EQ(e->programs, std::vector<std::string>{"FSE-IR"});
}

TEST_F(OfacXmlRealTest, BankWithTranslationsIdentifiersAndAddresses) {
  const Entity* e = Find(data(), "ofac-cons:17013");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->PrimaryName(), "VTB BANK PUBLIC JOINT STOCK COMPANY");
  EXPECT_EQ(e->names.size(), 31u);
  const Name* cyrillic = FindName(*e, "БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО");
  ASSERT_NE(cyrillic, nullptr);
  EXPECT_EQ(cyrillic->script, "Cyrl");
  EXPECT_EQ(cyrillic->kind, NameKind::kAka);  // translation of the primary name
  const Identifier* swift = FindIdentifier(*e, "VTBRRUMM");
  ASSERT_NE(swift, nullptr);
  EXPECT_EQ(swift->type, IdentifierType::kSwiftBic);
  const Identifier* registration = FindIdentifier(*e, "1027739609391");
  ASSERT_NE(registration, nullptr);
  EXPECT_EQ(registration->type, IdentifierType::kRegistrationNumber);
  EXPECT_EQ(registration->label, "Registration ID");
  EXPECT_EQ(registration->country, "ru");
  EXPECT_EQ(registration->note, "issuingLocation: Russia");
  const Identifier* website = FindIdentifier(*e, "www.vtb.ru");
  ASSERT_NE(website, nullptr);
  EXPECT_EQ(website->note, "Russian Language website for the bank");
  EXPECT_EQ(e->programs, (std::vector<std::string>{"UKRAINE-EO13662", "RUSSIA-EO14024"}));
  ASSERT_EQ(e->addresses.size(), 12u);
  EXPECT_EQ(e->addresses[0].street, "29, Bolshaya Morskaya str.");
  EXPECT_EQ(e->addresses[0].city, "St. Petersburg");
  EXPECT_EQ(e->addresses[0].postal_code, "190000");
  EXPECT_EQ(e->addresses[0].country, "ru");
  EXPECT_EQ(e->addresses[0].full, "29, Bolshaya Morskaya str., St. Petersburg, 190000, Russia");
  EXPECT_EQ(e->countries, (std::vector<std::string>{"ru", "in", "cn"}));
}

TEST_F(OfacXmlRealTest, RelationsResolveInsideAndOutsideTheFile) {
  const Entity* subsidiary = Find(data(), "ofac-cons:18284");
  ASSERT_NE(subsidiary, nullptr);
  ASSERT_EQ(subsidiary->relations.size(), 1u);
  EXPECT_EQ(subsidiary->relations[0].type, RelationType::kOwnedBy);
  EXPECT_EQ(subsidiary->relations[0].target, "ofac-cons:17022");
  EXPECT_EQ(subsidiary->relations[0].target_name, "OPEN JOINT-STOCK COMPANY ROSNEFT OIL COMPANY");
  EXPECT_NE(Find(data(), "ofac-cons:17022"), nullptr);
  EXPECT_TRUE(Contains(Find(data(), "ofac-cons:23552")->countries, "ru"));  // of registration

  // HAMAS (4695) is on the SDN list, not in the consolidated file.
  const Entity* agent = Find(data(), "ofac-cons:9647");
  ASSERT_NE(agent, nullptr);
  ASSERT_EQ(agent->relations.size(), 1u);
  EXPECT_EQ(agent->relations[0].type, RelationType::kEmployeeOf);
  EXPECT_EQ(agent->relations[0].role, "Acting for or on behalf of");
  EXPECT_EQ(agent->relations[0].target, "ofac-sdn:4695");
  EXPECT_EQ(agent->relations[0].target_name, "HAMAS");
}

// ---- Small documents --------------------------------------------------------

// A document holding the given entities, with one COUNTRY reference value.
std::string OfacDoc(const std::string& entities, const std::string& list = "Consolidated List") {
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<sanctionsData xmlns=\"https://sanctionslistservice.ofac.treas.gov/api/"
         "PublicationPreview/exports/ENHANCED_XML\">\n"
         "<publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf><filters><sanctionsLists>"
         "<sanctionsList refId=\"1\">" +
         list +
         "</sanctionsList></sanctionsLists></filters></publicationInfo>\n"
         "<referenceValues><referenceValue refId=\"11111\"><type>COUNTRY</type>"
         "<value>Panama</value><isoCode>PA</isoCode></referenceValue></referenceValues>\n"
         "<entities>\n" +
         entities + "</entities>\n</sanctionsData>\n";
}

std::string NameXml(const std::string& full) {
  return "<names><name><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality>"
         "<translations><translation><isPrimary>true</isPrimary><script>Latin</script>"
         "<formattedFullName>" +
         full + "</formattedFullName></translation></translations></name></names>";
}

std::string EntityXml(const std::string& id, const std::string& type, const std::string& body) {
  return "<entity id=\"" + id + "\"><generalInfo><entityType>" + type +
         "</entityType></generalInfo>" + body + "</entity>\n";
}

TEST(OfacXmlTest, ListNameFromFilterThenFileName) {
  std::string entity = EntityXml("1", "Entity", NameXml("ACME"));
  Result<ListData> sdn = ParseOfacXml(OfacDoc(entity, "SDN List"), "x.xml");
  ASSERT_TRUE(sdn) << sdn.error().ToString();
  EXPECT_EQ(sdn->list, "ofac-sdn");
  EXPECT_EQ(sdn->entities[0].id, "ofac-sdn:1");
  Result<ListData> by_name = ParseOfacXml(OfacDoc(entity, "Other"), "dir/cons_enhanced.xml");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->list, "ofac-cons");
  Result<ListData> fallback = ParseOfacXml(OfacDoc(entity, "Other"), "SDN_ENHANCED.XML");
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->list, "ofac-sdn");
}

TEST(OfacXmlTest, VesselDocumentsFlagAndDateRange) {
  std::string body =
      NameXml("SEA STAR") +
      "<features><feature><type>Vessel Flag</type><value>Panama</value>"
      "<valueRefId>11111</valueRefId></feature>"
      "<feature><type>Birthdate</type><value>circa 1960 to 1962</value><valueDate>"
      "<fromDateBegin>1960-01-01</fromDateBegin><fromDateEnd>1960-12-31</fromDateEnd>"
      "<toDateBegin>1962-01-01</toDateBegin><toDateEnd>1962-12-31</toDateEnd>"
      "<isApproximate>true</isApproximate><isDateRange>true</isDateRange>"
      "</valueDate></feature>"
      "<feature><type>Birthdate</type><value>Mar 1971</value><valueDate>"
      "<fromDateBegin>1971-03-01</fromDateBegin><toDateEnd>1971-03-31</toDateEnd>"
      "<isApproximate>false</isApproximate><isDateRange>false</isDateRange>"
      "</valueDate></feature></features>"
      "<identityDocuments><identityDocument><type>Vessel Registration "
      "Identification</type><documentNumber>IMO 9187629</documentNumber>"
      "<isValid>true</isValid></identityDocument></identityDocuments>";
  Result<ListData> data = ParseOfacXml(OfacDoc(EntityXml("42", "Vessel", body)), "v.xml");
  ASSERT_TRUE(data) << data.error().ToString();
  const Entity& e = data->entities.at(0);
  EXPECT_EQ(e.schema, Schema::kVessel);
  EXPECT_EQ(e.countries, std::vector<std::string>{"pa"});
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].type, IdentifierType::kImo);
  EXPECT_EQ(e.identifiers[0].value, "9187629");
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1960, 0, 0}));
  EXPECT_EQ(e.birth_dates[0].to, (PartialDate{1962, 0, 0}));
  EXPECT_TRUE(e.birth_dates[0].approximate);
  EXPECT_EQ(e.birth_dates[0].text, "circa 1960 to 1962");
  EXPECT_EQ(e.birth_dates[1].from, (PartialDate{1971, 3, 0}));
}

void ExpectParseError(const std::string& xml, std::int64_t line, std::string_view fragment,
                      std::string_view element = "") {
  testing::ExpectParseErrorFrom(ParseOfacXml, xml, line, fragment, element);
}

TEST(OfacXmlTest, RejectsMalformedInput) {
  ExpectParseError("", 1, "malformed XML");
  ExpectParseError("this is not XML at all", 1, "malformed XML");
  ExpectParseError("<a>\n<b>\n", 2, "truncated");
  ExpectParseError("<CONSOLIDATED_LIST/>", 1, "expected <sanctionsData>", "/CONSOLIDATED_LIST");
  ExpectParseError("<sanctionsData>\n</sanctionsData>", 1, "no <entities>", "/sanctionsData");
}

TEST(OfacXmlTest, RejectsTruncatedRealDocument) {
  std::string xml = OfacDoc(EntityXml("1", "Entity", NameXml("ACME")));
  xml.resize(xml.find("</entity>"));
  Result<ListData> r = ParseOfacXml(xml, "cut.xml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location().file, "cut.xml");
  EXPECT_EQ(r.error().location().line, 6);
  EXPECT_NE(r.error().message().find("truncated"), std::string::npos) << r.error().ToString();
}

TEST(OfacXmlTest, RejectsBadRecords) {
  // Lines: 1 declaration, 2 root, 3 publicationInfo, 4 referenceValues,
  // 5 <entities>, 6 the first entity.
  ExpectParseError(OfacDoc(EntityXml("", "Entity", NameXml("ACME"))), 6, "numeric id",
                   "/sanctionsData/entities/entity");
  ExpectParseError(OfacDoc(EntityXml("12a", "Entity", NameXml("ACME"))), 6, "'12a'");
  ExpectParseError(OfacDoc(EntityXml("7", "Entity", "")), 6, "entity 7 has no primary <name>");
  ExpectParseError(
      OfacDoc(EntityXml("7", "Entity", NameXml("A")) + EntityXml("7", "Entity", NameXml("B"))), 7,
      "duplicate entity id 7", "/sanctionsData/entities/entity[2]");
}

TEST(OfacXmlTest, RejectsInvalidUtf8WithItsPosition) {
  std::string xml = OfacDoc(EntityXml("1", "Entity", NameXml("AC\xC3\x28ME")));
  Result<ListData> r = ParseOfacXml(xml, "latin.xml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), StatusCode::kParseError);
  EXPECT_NE(r.error().message().find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.error().location().line, 6);
  EXPECT_EQ(r.error().location().byte, static_cast<std::int64_t>(xml.find('\xC3')) + 1);
}

// pugixml skips the DTD: neither internal nor external entities are
// expanded, so a billion-laughs document stays tiny and no file is read.
TEST(OfacXmlTest, EntityExpansionAttacksAreInert) {
  std::string dtd =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE sanctionsData [\n"
      " <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    std::string expansion;
    for (int k = 0; k < 10; ++k) expansion += prev;
    dtd += " <!ENTITY lol" + std::to_string(i) + " \"" + expansion + "\">\n";
  }
  dtd += " <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n";
  std::string doc = OfacDoc(EntityXml("1", "Entity", NameXml("&lol9;&xxe;")));
  doc = dtd + doc.substr(doc.find('\n') + 1);  // replace the XML declaration

  auto start = std::chrono::steady_clock::now();
  Result<ListData> r = ParseOfacXml(doc, "lol.xml");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  ASSERT_TRUE(r) << r.error().ToString();
  // The references stay as literal text: nothing expanded, nothing read.
  EXPECT_EQ(r->entities.at(0).PrimaryName(), "&lol9;&xxe;");
}

}  // namespace
}  // namespace interdict::sources
