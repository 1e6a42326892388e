#include "interdict/countries.h"

#include <gtest/gtest.h>

namespace interdict {
namespace {

TEST(CountryCode, MapsTheSpellingsListsUse) {
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "ir");
  EXPECT_EQ(CountryCode("Iran"), "ir");
  EXPECT_EQ(CountryCode("Korea, North"), "kp");
  EXPECT_EQ(CountryCode("Democratic People's Republic of Korea"), "kp");
  EXPECT_EQ(CountryCode("Congo, Democratic Republic of the"), "cd");
  EXPECT_EQ(CountryCode("Cote d Ivoire"), "ci");
  EXPECT_EQ(CountryCode("Côte d'Ivoire"), "ci");
  EXPECT_EQ(CountryCode("Türkiye"), "tr");
  EXPECT_EQ(CountryCode("Bahamas, The"), "bs");
  EXPECT_EQ(CountryCode("Russian Federation"), "ru");
  EXPECT_EQ(CountryCode("Burma"), "mm");
  EXPECT_EQ(CountryCode("Palestinian"), "ps");
  EXPECT_EQ(CountryCode("United Kingdom of Great Britain and Northern Ireland"), "gb");
}

TEST(CountryCode, MapsCodesAndDemonyms) {
  EXPECT_EQ(CountryCode("IRN"), "ir");
  EXPECT_EQ(CountryCode("SYR"), "sy");
  EXPECT_EQ(CountryCode("ru"), "ru");
  EXPECT_EQ(CountryCode("Yemeni"), "ye");
  EXPECT_EQ(CountryCode("Saudi Arabian"), "sa");
}

TEST(CountryCode, TakesTheCountryOutOfAQualifiedValue) {
  EXPECT_EQ(CountryCode("Germany (in prison since Sept 2007)"), "de");
  EXPECT_EQ(CountryCode("Pakistan (at time of listing)"), "pk");
}

TEST(CountryCode, ReturnsEmptyForNoOrSeveralCountries) {
  EXPECT_EQ(CountryCode(""), "");
  EXPECT_EQ(CountryCode("undetermined"), "");
  EXPECT_EQ(CountryCode("In Syria as at June 2013"), "sy");
  EXPECT_EQ(CountryCode("(1) Tunisia (2) Morocco"), "");
}

TEST(CountryCodesIn, FindsEveryCountryInOrder) {
  EXPECT_EQ(CountryCodesIn("(1) Tunisia (2) Lebanon (3) Algeria"),
            (std::vector<std::string>{"tn", "lb", "dz"}));
  EXPECT_EQ(CountryCodesIn("(1) Afghanistan (2) Afghanistan (3) Pakistan"),
            (std::vector<std::string>{"af", "pk"}));
  EXPECT_EQ(CountryCodesIn("Iranian national and US national/citizen"),
            (std::vector<std::string>{"ir", "us"}));
  // Lower-case words that happen to be codes are not countries.
  EXPECT_TRUE(CountryCodesIn("in as at").empty());
}

TEST(CountryName, NamesACode) {
  EXPECT_EQ(CountryName("ir"), "Iran");
  EXPECT_EQ(CountryName("zz"), "");
}

}  // namespace
}  // namespace interdict
