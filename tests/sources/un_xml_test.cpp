// ParseUnXml on the real UN Security Council consolidated list (2026-02-27)
// and on small malformed or hostile documents.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

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

class UnXmlRealTest : public ::testing::Test {
 protected:
  void SetUp() override {
    INTERDICT_SHARED_FILE(path, "un_sc/consolidated.xml");
    if (cached_) return;
    Result<ListData> parsed = ParseUnXml(testing::ReadFile(path), "consolidated.xml");
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    cached_ = new ListData(std::move(*parsed));
  }
  const ListData& data() const { return *cached_; }

  static inline ListData* cached_ = nullptr;
};

TEST_F(UnXmlRealTest, ListCountsAndPublication) {
  EXPECT_EQ(data().list, "un-sc");
  EXPECT_EQ(data().format, Format::kUnXml);
  EXPECT_EQ(data().published, "2026-02-27T00:00:09.554Z");
  ASSERT_EQ(data().entities.size(), 1003u);
  EXPECT_TRUE(data().warnings.empty());

  int persons = 0, organisations = 0, names = 0, low = 0, fka = 0, arabic = 0, cyrillic = 0;
  for (const Entity& e : data().entities) {
    persons += e.schema == Schema::kPerson;
    organisations += e.schema == Schema::kOrganization;
    EXPECT_EQ(e.id.rfind("un-sc:", 0), 0u);
    ASSERT_FALSE(e.names.empty());
    EXPECT_EQ(e.names.front().kind, NameKind::kPrimary) << e.id;
    EXPECT_EQ(e.programs.size(), 1u) << e.id;
    EXPECT_FALSE(e.listed_on.empty()) << e.id;
    for (const Name& n : e.names) {
      ++names;
      low += n.quality == NameQuality::kLow;
      fka += n.kind == NameKind::kFka;
      arabic += n.script == "Arab";
      cyrillic += n.script == "Cyrl";
    }
  }
  EXPECT_EQ(persons, 730);
  EXPECT_EQ(organisations, 273);
  // 1,003 primary names + 377 original-script names + 2,741 distinct
  // non-empty aliases (empty <ALIAS_NAME/> placeholders are skipped).
  EXPECT_EQ(names, 4121);
  EXPECT_EQ(low, 615);
  EXPECT_EQ(fka, 18);
  EXPECT_EQ(arabic, 372);
  EXPECT_EQ(cyrillic, 11);
}

TEST_F(UnXmlRealTest, IndividualBadege) {
  const Entity* e = Find(data(), "un-sc:CDi.001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  ASSERT_EQ(e->names.size(), 1u);  // its one alias is an empty placeholder
  EXPECT_EQ(e->names[0].full, "ERIC BADEGE");
  ASSERT_EQ(e->names[0].parts.size(), 2u);
  EXPECT_EQ(e->names[0].parts[0].type, NamePartType::kGiven);
  EXPECT_EQ(e->names[0].parts[0].value, "ERIC");
  EXPECT_EQ(e->names[0].parts[1].type, NamePartType::kFamily);
  EXPECT_EQ(e->names[0].parts[1].value, "BADEGE");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1971, 0, 0}));
  EXPECT_FALSE(e->birth_dates[0].approximate);
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"cd"});
  EXPECT_EQ(e->gender, Gender::kMale);
  EXPECT_EQ(e->listed_on, (PartialDate{2012, 12, 31}));
  EXPECT_EQ(e->programs, std::vector<std::string>{"DRC"});
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "rw");
  EXPECT_EQ(e->addresses[0].full, "Rwanda (as of early 2016)");
  EXPECT_EQ(e->remarks.rfind("He fled to Rwanda in March 2013", 0), 0u);
}

TEST_F(UnXmlRealTest, QaidaIndividualWithArabicName) {
  const Entity* e = Find(data(), "un-sc:QDi.001");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->PrimaryName(), "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE");
  EXPECT_EQ(e->names[0].parts.size(), 4u);
  EXPECT_EQ(e->names[0].parts[3].type, NamePartType::kOther);
  EXPECT_EQ(e->names[0].parts[3].value, "ZIDANE");
  ASSERT_EQ(e->names.size(), 7u);
  EXPECT_EQ(e->names[1].full, "محمد صلاح الدين عبدالحليم زيدان");
  EXPECT_EQ(e->names[1].script, "Arab");
  EXPECT_EQ(e->names[1].kind, NameKind::kAka);
  EXPECT_EQ(e->names[2].full, "Sayf-Al Adl");
  EXPECT_EQ(e->names[2].quality, NameQuality::kStrong);  // QUALITY Good
  EXPECT_EQ(e->names[6].full, "Seif al Adel");
  EXPECT_EQ(e->names[6].quality, NameQuality::kLow);
  ASSERT_EQ(e->birth_dates.size(), 2u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1963, 4, 11}));
  EXPECT_EQ(e->birth_dates[1].from, (PartialDate{1960, 4, 11}));
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Monufia Governate, Egypt"});
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"eg"});
  EXPECT_EQ(e->programs, std::vector<std::string>{"Al-Qaida"});
}

TEST_F(UnXmlRealTest, ApproximateAndRangeBirthDates) {
  const Entity* approx = Find(data(), "un-sc:CDi.014");
  ASSERT_NE(approx, nullptr);
  ASSERT_EQ(approx->birth_dates.size(), 2u);  // an exact date and "approximately 1966"
  EXPECT_EQ(approx->birth_dates[0].from, (PartialDate{1962, 3, 17}));
  EXPECT_FALSE(approx->birth_dates[0].approximate);
  EXPECT_EQ(approx->birth_dates[1].from, (PartialDate{1966, 0, 0}));
  EXPECT_TRUE(approx->birth_dates[1].approximate);
  EXPECT_EQ(approx->birth_places, std::vector<std::string>{"Kigali, Rwanda"});

  const Entity* between = Find(data(), "un-sc:CDi.030");
  ASSERT_NE(between, nullptr);
  ASSERT_EQ(between->birth_dates.size(), 1u);
  EXPECT_EQ(between->birth_dates[0].from, (PartialDate{1973, 0, 0}));
  EXPECT_EQ(between->birth_dates[0].to, (PartialDate{1974, 0, 0}));
}

TEST_F(UnXmlRealTest, PassportWithCountryAndNote) {
  const Entity* e = Find(data(), "un-sc:CDi.040");
  ASSERT_NE(e, nullptr);
  auto it = std::find_if(e->identifiers.begin(), e->identifiers.end(),
                         [](const Identifier& i) { return i.value == "AB850901"; });
  ASSERT_NE(it, e->identifiers.end());
  EXPECT_EQ(it->type, IdentifierType::kPassport);
  EXPECT_EQ(it->country, "tz");
  EXPECT_EQ(it->note, "Expiration date: 2026-12-11.");
}

TEST_F(UnXmlRealTest, OrganisationWithAddresses) {
  const Entity* e = Find(data(), "un-sc:CDe.009");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kOrganization);
  EXPECT_EQ(e->PrimaryName(), "UGANDA COMMERCIAL IMPEX (UCI) LTD");
  EXPECT_TRUE(e->names[0].parts.empty());
  ASSERT_EQ(e->addresses.size(), 2u);
  EXPECT_EQ(e->addresses[0].street, "Plot 22, Kanjokya Street, Kamwokya");
  EXPECT_EQ(e->addresses[0].city, "Kampala");
  EXPECT_EQ(e->addresses[0].country, "ug");
  EXPECT_EQ(e->addresses[0].full,
            "Plot 22, Kanjokya Street, Kamwokya, Kampala, Uganda (Tel.: +256 41 533 578/9)");
  EXPECT_EQ(e->countries, std::vector<std::string>{"ug"});
  EXPECT_EQ(e->programs, std::vector<std::string>{"DRC"});
}

// ---- Small documents --------------------------------------------------------

std::string UnDoc(const std::string& individuals, const std::string& entities = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">\n"
         "<INDIVIDUALS>\n" +
         individuals + "</INDIVIDUALS>\n<ENTITIES>\n" + entities + "</ENTITIES>\n" +
         "</CONSOLIDATED_LIST>\n";
}

std::string Individual(const std::string& reference, const std::string& body) {
  return "<INDIVIDUAL><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>"
         "<UN_LIST_TYPE>Test</UN_LIST_TYPE><REFERENCE_NUMBER>" +
         reference + "</REFERENCE_NUMBER><LISTED_ON>2010-12-01-05:00</LISTED_ON>" + body +
         "</INDIVIDUAL>\n";
}

TEST(UnXmlTest, SmallDocumentFields) {
  std::string body =
      "<NAME_ORIGINAL_SCRIPT>Иван Петров</NAME_ORIGINAL_SCRIPT>"
      "<NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>na</VALUE></NATIONALITY>"
      "<TITLE><VALUE>Haji</VALUE></TITLE><DESIGNATION><VALUE>Minister</VALUE></DESIGNATION>"
      "<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Johnny</ALIAS_NAME>"
      "<DATE_OF_BIRTH>1958-02-22</DATE_OF_BIRTH></INDIVIDUAL_ALIAS>"
      "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR>"
      "<TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>"
      "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>not a date</DATE>"
      "</INDIVIDUAL_DATE_OF_BIRTH>";
  Result<ListData> r = ParseUnXml(UnDoc(Individual("XXi.001", body)), "small.xml");
  ASSERT_TRUE(r) << r.error().ToString();
  const Entity& e = r->entities.at(0);
  EXPECT_EQ(e.id, "un-sc:XXi.001");
  EXPECT_EQ(e.listed_on, (PartialDate{2010, 12, 1}));          // zone suffix ignored
  EXPECT_EQ(e.nationalities, std::vector<std::string>{"ir"});  // "na" is no country
  EXPECT_EQ(e.titles, std::vector<std::string>{"Haji"});
  EXPECT_EQ(e.positions, std::vector<std::string>{"Minister"});
  ASSERT_EQ(e.names.size(), 3u);
  EXPECT_EQ(e.names[1].script, "Cyrl");
  EXPECT_EQ(e.names[2].quality, NameQuality::kLow);
  ASSERT_EQ(e.birth_dates.size(), 3u);
  EXPECT_EQ(e.birth_dates[0].from, (PartialDate{1958, 2, 22}));  // from the alias
  EXPECT_EQ(e.birth_dates[1].from, (PartialDate{1960, 0, 0}));
  EXPECT_EQ(e.birth_dates[1].to, (PartialDate{1962, 0, 0}));
  EXPECT_TRUE(e.birth_dates[2].from.empty());
  EXPECT_EQ(e.birth_dates[2].text, "not a date");
  ASSERT_EQ(r->warnings.size(), 1u);  // the unreadable date, located
  EXPECT_NE(r->warnings[0].message.find("not a date"), std::string::npos);
  EXPECT_EQ(r->warnings[0].where.file, "small.xml");
  EXPECT_EQ(r->warnings[0].where.line, 4);
}

void ExpectParseError(const std::string& xml, std::int64_t line, std::string_view fragment,
                      std::string_view element = "") {
  testing::ExpectParseErrorFrom(ParseUnXml, xml, line, fragment, element);
}

TEST(UnXmlTest, RejectsMalformedDocuments) {
  ExpectParseError("", 1, "malformed XML");
  ExpectParseError("{\"not\": \"xml\"}", 1, "malformed XML");
  ExpectParseError("<sanctionsData/>", 1, "expected <CONSOLIDATED_LIST>", "/sanctionsData");
  ExpectParseError("<CONSOLIDATED_LIST>\n</CONSOLIDATED_LIST>", 1, "no <INDIVIDUALS>");
  std::string truncated = UnDoc(Individual("XXi.001", ""));
  truncated.resize(truncated.find("</INDIVIDUALS>"));
  ExpectParseError(truncated, 4, "truncated");
}

TEST(UnXmlTest, RejectsBadRecords) {
  // Line 4 is the first record.
  ExpectParseError(UnDoc(Individual("", "")), 4, "<INDIVIDUAL> has no REFERENCE_NUMBER",
                   "/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL");
  ExpectParseError(UnDoc("", "<ENTITY><REFERENCE_NUMBER>XXe.001</REFERENCE_NUMBER></ENTITY>\n"), 6,
                   "XXe.001 has no FIRST_NAME", "/CONSOLIDATED_LIST/ENTITIES/ENTITY");
  ExpectParseError(UnDoc(Individual("XXi.001", "") + Individual("XXi.001", "")), 5,
                   "duplicate REFERENCE_NUMBER un-sc:XXi.001",
                   "/CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL[2]");
}

TEST(UnXmlTest, RejectsInvalidUtf8) {
  std::string xml = UnDoc(Individual("XXi.001", "<COMMENTS1>caf\xE9</COMMENTS1>"));
  Result<ListData> r = ParseUnXml(xml, "latin1.xml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.error().location().file, "latin1.xml");
  EXPECT_EQ(r.error().location().line, 4);
  EXPECT_EQ(r.error().location().byte, static_cast<std::int64_t>(xml.find('\xE9')) + 1);
}

TEST(UnXmlTest, BillionLaughsIsNotExpanded) {
  std::string dtd =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n<!ENTITY a \"aaaaaaaa\">\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    std::string prev = std::string("&") + static_cast<char>(c - 1) + ";";
    dtd += std::string("<!ENTITY ") + c + " \"" + prev + prev + prev + prev + prev + prev + prev +
           prev + prev + prev + "\">\n";
  }
  dtd += "]>\n";
  std::string doc = UnDoc(Individual("XXi.001", "<COMMENTS1>&k;</COMMENTS1>"));
  doc = dtd + doc.substr(doc.find('\n') + 1);
  auto start = std::chrono::steady_clock::now();
  Result<ListData> r = ParseUnXml(doc, "laughs.xml");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(r->entities.at(0).remarks, "&k;");
}

}  // namespace
}  // namespace interdict::sources
