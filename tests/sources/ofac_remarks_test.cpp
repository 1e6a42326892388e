// The OFAC Remarks fragment parser, on fragments as they appear in the real
// sdn.csv and cons_prim.csv files.
#include "sources/ofac_remarks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace interdict::sources {
namespace {

TEST(SplitOfacRemarksTest, SplitsAtSemicolonsOutsideParentheses) {
  std::vector<std::string_view> fragments = SplitOfacRemarks(
      "DOB 1969; National ID No. 1 (Kenya); (data from a passport; issued 2006);; "
      "Linked To: AL-SHABAAB.");
  ASSERT_EQ(fragments.size(), 4u);
  EXPECT_EQ(fragments[0], "DOB 1969");
  EXPECT_EQ(fragments[1], "National ID No. 1 (Kenya)");
  EXPECT_EQ(fragments[2], "(data from a passport; issued 2006)");
  EXPECT_EQ(fragments[3], "Linked To: AL-SHABAAB");  // the closing full stop goes
}

TEST(SplitOfacRemarksTest, EmptyAndDegenerateTexts) {
  EXPECT_TRUE(SplitOfacRemarks("").empty());
  EXPECT_TRUE(SplitOfacRemarks(" ; ;").empty());
  EXPECT_TRUE(SplitOfacRemarks(".").empty());
  EXPECT_EQ(SplitOfacRemarks("((unbalanced; text").size(), 1u);
  EXPECT_EQ(SplitOfacRemarks("a); b").size(), 2u);
}

TEST(ParseOfacDateTest, ExactPartialAndInvalid) {
  EXPECT_EQ(ParseOfacDate("12 Mar 1962"), (PartialDate{1962, 3, 12}));
  EXPECT_EQ(ParseOfacDate("01 Jan 2000"), (PartialDate{2000, 1, 1}));
  EXPECT_EQ(ParseOfacDate("Mar 1962"), (PartialDate{1962, 3, 0}));
  EXPECT_EQ(ParseOfacDate("1962"), (PartialDate{1962, 0, 0}));
  EXPECT_EQ(ParseOfacDate("29 Feb 2000"), (PartialDate{2000, 2, 29}));
  EXPECT_FALSE(ParseOfacDate("29 Feb 1900"));
  EXPECT_FALSE(ParseOfacDate("31 Apr 1962"));
  EXPECT_FALSE(ParseOfacDate("00 Mar 1962"));
  EXPECT_FALSE(ParseOfacDate("12 March 1962"));
  EXPECT_FALSE(ParseOfacDate("12 Mar 62"));
  EXPECT_FALSE(ParseOfacDate("196"));
  EXPECT_FALSE(ParseOfacDate("-962"));
  EXPECT_FALSE(ParseOfacDate(""));
  EXPECT_FALSE(ParseOfacDate("1962 Mar 12"));
}

TEST(ParseOfacDateValueTest, CircaAndRanges) {
  std::optional<DateValue> circa = ParseOfacDateValue("circa 1958");
  ASSERT_TRUE(circa);
  EXPECT_TRUE(circa->approximate);
  EXPECT_EQ(circa->from, (PartialDate{1958, 0, 0}));
  EXPECT_TRUE(circa->to.empty());
  EXPECT_EQ(circa->text, "circa 1958");

  std::optional<DateValue> range = ParseOfacDateValue("01 Jan 1960 to 31 Dec 1962");
  ASSERT_TRUE(range);
  EXPECT_FALSE(range->approximate);
  EXPECT_EQ(range->from, (PartialDate{1960, 1, 1}));
  EXPECT_EQ(range->to, (PartialDate{1962, 12, 31}));

  std::optional<DateValue> hyphen = ParseOfacDateValue("circa 1957-1959");
  ASSERT_TRUE(hyphen);
  EXPECT_TRUE(hyphen->approximate);
  EXPECT_EQ(hyphen->from.year, 1957);
  EXPECT_EQ(hyphen->to.year, 1959);

  EXPECT_FALSE(ParseOfacDateValue("1960 to"));
  EXPECT_FALSE(ParseOfacDateValue("circa"));
  EXPECT_FALSE(ParseOfacDateValue("unknown"));
}

TEST(ParseOfacRemarksTest, PersonFragments) {
  OfacRemarks r = ParseOfacRemarks(
      "DOB 21 Mar 1945; alt. DOB circa 1946; POB Sana'a, Yemen; nationality Korea, North; "
      "citizen Mexico; Gender Female; Passport 00016161 (Yemen) issued 19 Jun 2012 expires 18 "
      "Jun 2018; alt. Passport G 649385 issued 08 Sep 2006; Title Basij Deputy Commander; "
      "Position: Owner.");
  ASSERT_EQ(r.birth_dates.size(), 2u);
  EXPECT_EQ(r.birth_dates[0].from, (PartialDate{1945, 3, 21}));
  EXPECT_TRUE(r.birth_dates[1].approximate);
  EXPECT_EQ(r.birth_places, std::vector<std::string>{"Sana'a, Yemen"});
  EXPECT_EQ(r.nationalities, std::vector<std::string>{"kp"});
  EXPECT_EQ(r.citizenships, std::vector<std::string>{"mx"});
  EXPECT_EQ(r.gender, Gender::kFemale);
  ASSERT_EQ(r.identifiers.size(), 2u);
  EXPECT_EQ(r.identifiers[0].type, IdentifierType::kPassport);
  EXPECT_EQ(r.identifiers[0].value, "00016161");
  EXPECT_EQ(r.identifiers[0].country, "ye");
  EXPECT_EQ(r.identifiers[0].note, "issued 19 Jun 2012 expires 18 Jun 2018");
  EXPECT_EQ(r.identifiers[1].value, "G 649385");
  EXPECT_EQ(r.identifiers[1].country, "");
  EXPECT_EQ(r.identifiers[1].note, "issued 08 Sep 2006");
  EXPECT_EQ(r.titles, std::vector<std::string>{"Basij Deputy Commander"});
  EXPECT_EQ(r.positions, std::vector<std::string>{"Owner"});
  EXPECT_TRUE(r.unrecognized.empty());
}

TEST(ParseOfacRemarksTest, WeakAliasesKeepInnerApostrophes) {
  OfacRemarks r = ParseOfacRemarks(
      "a.k.a. 'Abu Sa'd'; a.k.a. ''Umar al-Afghani'; f.k.a. 'OLD NAME'; n.k.a. 'NEW'; a.k.a. ''.");
  ASSERT_EQ(r.names.size(), 4u);
  EXPECT_EQ(r.names[0].full, "Abu Sa'd");
  EXPECT_EQ(r.names[0].kind, NameKind::kAka);
  EXPECT_EQ(r.names[0].quality, NameQuality::kWeak);
  EXPECT_EQ(r.names[1].full, "'Umar al-Afghani");
  EXPECT_EQ(r.names[2].kind, NameKind::kFka);
  EXPECT_EQ(r.names[3].kind, NameKind::kNka);
  EXPECT_EQ(r.unrecognized, std::vector<std::string>{"a.k.a. ''"});
}

TEST(ParseOfacRemarksTest, IdentifiersOfEveryKind) {
  OfacRemarks r = ParseOfacRemarks(
      "Vessel Registration Identification IMO 9513282; MMSI 572469210; Company Number IMO "
      "5905801; SWIFT/BIC BNCUCUHH; Digital Currency Address - XBT 1Hn9ErTCPRP6j5UDBeuXPGuq5R; "
      "Website www.bnc.cu; Email Address info@bnc.cu; Telephone (98)(21)(88888888); Tax ID No. "
      "7744001497 (Russia); Folio Mercantil No. 41884 (Jalisco) (Mexico); Aircraft "
      "Manufacturer's Serial Number (MSN) 1468; Aircraft Tail Number YV2984; Legal Entity Number "
      "2534001TTV3GIV8LS624");
  std::vector<std::pair<IdentifierType, std::string>> expected = {
      {IdentifierType::kImo, "9513282"},
      {IdentifierType::kMmsi, "572469210"},
      {IdentifierType::kImo, "5905801"},
      {IdentifierType::kSwiftBic, "BNCUCUHH"},
      {IdentifierType::kDigitalCurrencyAddress, "1Hn9ErTCPRP6j5UDBeuXPGuq5R"},
      {IdentifierType::kWebsite, "www.bnc.cu"},
      {IdentifierType::kEmail, "info@bnc.cu"},
      {IdentifierType::kPhone, "(98)(21)(88888888)"},
      {IdentifierType::kTaxId, "7744001497"},
      {IdentifierType::kRegistrationNumber, "41884"},
      {IdentifierType::kAircraftSerial, "1468"},
      {IdentifierType::kAircraftTail, "YV2984"},
      {IdentifierType::kLei, "2534001TTV3GIV8LS624"},
  };
  ASSERT_EQ(r.identifiers.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.identifiers[i].type, expected[i].first) << i;
    EXPECT_EQ(r.identifiers[i].value, expected[i].second) << i;
  }
  EXPECT_EQ(r.identifiers[4].label, "Digital Currency Address - XBT");
  EXPECT_EQ(r.identifiers[8].country, "ru");
  EXPECT_EQ(r.identifiers[9].country, "mx");
  EXPECT_EQ(r.identifiers[9].note, "(Jalisco)");
  EXPECT_TRUE(r.unrecognized.empty());
}

TEST(ParseOfacRemarksTest, LinksAttributesAndLeftovers) {
  OfacRemarks r = ParseOfacRemarks(
      "Linked To: BIO FORESTAL S.A.S.; Organization Established Date 1950; Additional Sanctions "
      "Information - Subject to Secondary Sanctions; Nationality of Registration Russia; "
      "nationality Atlantis; Gender Unknown; DOB sometime; Scientific Studies and Research "
      "Center Employee; Linked To: MAHAN AIR.");
  EXPECT_EQ(r.linked_to, (std::vector<std::string>{"BIO FORESTAL S.A.S.", "MAHAN AIR"}));
  ASSERT_EQ(r.attributes.size(), 2u);
  EXPECT_EQ(r.attributes[0].key, "established");
  EXPECT_EQ(r.attributes[0].value, "1950");
  EXPECT_EQ(r.attributes[1].key, "additional_sanctions_information");
  EXPECT_EQ(r.attributes[1].value, "Subject to Secondary Sanctions");
  EXPECT_EQ(r.countries, std::vector<std::string>{"ru"});
  EXPECT_EQ(r.unrecognized,
            (std::vector<std::string>{"nationality Atlantis", "Gender Unknown", "DOB sometime",
                                      "Scientific Studies and Research Center Employee"}));
}

TEST(ParseOfacRemarksTest, LabelsMatchOnlyWholeWords) {
  // "DOBRO" is not "DOB"; "Passports" is not "Passport".
  OfacRemarks r = ParseOfacRemarks("DOBRO 1962; Passports revoked; Title");
  EXPECT_TRUE(r.birth_dates.empty());
  EXPECT_TRUE(r.identifiers.empty());
  EXPECT_EQ(r.unrecognized.size(), 3u);
}

TEST(MergeOfacRemarksTest, AddsFactsAndUnresolvedLinks) {
  Entity entity;
  entity.names.push_back({"X", NameKind::kPrimary, NameQuality::kUnspecified, "", "", {}});
  MergeOfacRemarks(ParseOfacRemarks("a.k.a. 'Y'; Gender Male; Linked To: Z; Member ETA."), &entity);
  ASSERT_EQ(entity.names.size(), 2u);
  EXPECT_EQ(entity.names[0].full, "X");
  EXPECT_EQ(entity.names[1].full, "Y");
  EXPECT_EQ(entity.gender, Gender::kMale);
  ASSERT_EQ(entity.relations.size(), 1u);
  EXPECT_EQ(entity.relations[0].type, RelationType::kLinkedTo);
  EXPECT_EQ(entity.relations[0].target, "");
  EXPECT_EQ(entity.relations[0].target_name, "Z");
  ASSERT_EQ(entity.attributes.size(), 1u);
  EXPECT_EQ(entity.attributes[0].key, "remark");
  EXPECT_EQ(entity.attributes[0].value, "Member ETA");
}

}  // namespace
}  // namespace interdict::sources
