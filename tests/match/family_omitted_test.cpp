// Omitted middle names: a customer record's "given + family" form of a
// listed person ("Jeffrey ASHFIELD" for "ASHFIELD, Jeffrey John James").
// The structure of listed names (text::PersonNameRoles) on real list
// spellings, and the scores on the real lists: the form alerts when the
// pair is specific, stays below the threshold when the family name is only
// partly typed, the order is family-first, or the pair is common, and the
// structure survives the index cache.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/screen.h"
#include "match/index_cache.h"
#include "match/screener.h"
#include "real_lists.h"
#include "text/prepared.h"

namespace interdict {
namespace {

using text::NameRole;

constexpr NameRole G = NameRole::kGiven;
constexpr NameRole M = NameRole::kMiddle;
constexpr NameRole F = NameRole::kFamily;

std::vector<NameRole> Roles(std::string_view full, std::string_view family = {}) {
  return text::PersonNameRoles(full, family, text::CanonicalTokens(full));
}

TEST(FamilyRoles, CommaFormPutsTheFamilyFirst) {
  EXPECT_EQ(Roles("ASHFIELD, Jeffrey John James"), (std::vector<NameRole>{F, G, M, M}));
  EXPECT_EQ(Roles("NGARUYE WA MYAMURO, Baudoin"), (std::vector<NameRole>{F, F, F, G}));
  EXPECT_EQ(Roles("AL-NAQIB, Zuhair Talib abd-al-Sattar"),
            (std::vector<NameRole>{F, F, G, M, M, M, M}));
}

TEST(FamilyRoles, TheListsFamilyFieldWinsOverTheLastWord) {
  // EU: lastname "Hussein Al-Tikriti".
  EXPECT_EQ(Roles("Uday Saddam Hussein Al-Tikriti", "Hussein Al-Tikriti"),
            (std::vector<NameRole>{G, M, F, F, F}));
  // A field that neither heads nor ends the name is not trusted.
  EXPECT_EQ(Roles("JAMAL MUSTAFA ABDALLAH SULTAN AL-TIKRITI", "MUSTAFA"),
            (std::vector<NameRole>{G, M, M, M, F, F}));
}

TEST(FamilyRoles, UpperCaseWordsAfterMixedCaseOnesAreTheFamily) {
  EXPECT_EQ(Roles("Ahmed Jan Akhundzada WAZIR"), (std::vector<NameRole>{G, M, M, F}));
  EXPECT_EQ(Roles("Ibrahim 'Awad Ibrahim AL-BADRI AL-SAMARRAI"),
            (std::vector<NameRole>{G, M, M, F, F, F, F}));
}

TEST(FamilyRoles, OtherwiseTheLastWordWithAnArticleBeforeIt) {
  // A hyphenated family name is one word: both its tokens are the family.
  EXPECT_EQ(Roles("JOHN B. PRIDMORE-SMITH"), (std::vector<NameRole>{G, M, F, F}));
  EXPECT_EQ(Roles("Latif Nusayyif Jasim Al-Dulaymi"), (std::vector<NameRole>{G, M, M, F, F}));
  EXPECT_EQ(Roles("Husayn al-Salihin Salih al Sha'iri"), (std::vector<NameRole>{G, M, M, M, F, F}));
}

TEST(FamilyRoles, TheFirstGivenNameSkipsTitlesAndKeepsCompoundsWhole) {
  EXPECT_EQ(Roles("KHAN, Haji Mohammad"), (std::vector<NameRole>{F, M, G}));
  EXPECT_EQ(Roles("GHUMAYN, Abu Bakr Muhammad Muhammad"), (std::vector<NameRole>{F, G, G, M, M}));
  EXPECT_EQ(Roles("Saif-al-Din Fulayyih Hassan Taha Al-Rawi"),
            (std::vector<NameRole>{G, G, G, M, M, M, F, F}));
}

TEST(FamilyRoles, NamesTooShortOrWithoutAGivenPartHaveNoStructure) {
  EXPECT_TRUE(Roles("KHAN, Dilawar").empty());
  EXPECT_TRUE(Roles("Usama").empty());
  EXPECT_TRUE(Roles("AL-TIKRITI, Dr.").empty());
}

TEST(FamilyRoles, CommonGivenAndOneWordFamilyNames) {
  auto common = [](std::string_view full) {
    const auto tokens = text::CanonicalTokens(full);
    return text::CommonGivenAndFamily(tokens, text::PersonNameRoles(full, {}, tokens));
  };
  EXPECT_TRUE(common("JOSE GILBERTO RODRIGUEZ PEREZ"));
  EXPECT_TRUE(common("Salem Ahmed Salem Hamdan"));
  EXPECT_TRUE(common("MOSTAFA KAMEL MOSTAFA IBRAHIM"));      // variant of "mustafa"
  EXPECT_FALSE(common("JIMENEZ PEREZ, Jose Julian Bruno"));  // a two-word family
  EXPECT_FALSE(common("ASHFIELD, Jeffrey John James"));
  EXPECT_FALSE(common("ALI SAYYID MUHAMED MUSTAFA BAKRI"));  // Bakri is not
}

// ---------------------------------------------------------------------------
// On the real lists

class FamilyScreen : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testing::SharedDataDir() / "ofac_sdn_2021")) return;
    screener_ = new match::IndexScreener(
        testing::LoadEntities({"ofac_sdn_2021", "un_sc/consolidated.xml",
                               "eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml",
                               "uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv"}));
  }
  static void TearDownTestSuite() {
    delete screener_;
    screener_ = nullptr;
  }
  void SetUp() override {
    if (screener_ == nullptr) GTEST_SKIP() << "no shared data at " << testing::SharedDataDir();
  }
  // The best match on `entity`, at any score.
  static ScreenMatch On(const Screener& screener, std::string_view name, std::string_view entity) {
    ScreenQuery q;
    q.name = std::string(name);
    for (ScreenMatch& m : screener.Screen(q, {0.0, 200})) {
      if (m.entity_id == entity) return m;
    }
    return {};
  }
  static ScreenMatch On(std::string_view name, std::string_view entity) {
    return On(*screener_, name, entity);
  }
  static match::IndexScreener* screener_;
};

match::IndexScreener* FamilyScreen::screener_ = nullptr;

TEST_F(FamilyScreen, GivenAndFamilyOfARareNameAlertsBelowFullerForms) {
  const ScreenMatch two = On("Jeffrey ASHFIELD", "ofac-sdn:19713");
  const ScreenMatch three = On("Jeffrey John ASHFIELD", "ofac-sdn:19713");
  const ScreenMatch full = On("Jeffrey John James ASHFIELD", "ofac-sdn:19713");
  EXPECT_GE(two.score, kDefaultThreshold);
  EXPECT_LT(two.score, three.score);
  EXPECT_LT(three.score, full.score);
  EXPECT_NE(two.explanation.summary.find("middle names omitted: john, james"), std::string::npos)
      << two.explanation.summary;
  EXPECT_EQ(three.explanation.summary.find("middle names omitted"), std::string::npos);
}

TEST_F(FamilyScreen, NamingOneMoreMiddleNameNeverScoresLower) {
  // AL-BAYATI, Tahir Muhammad Khalil Mustafa: three, then two omitted.
  const ScreenMatch two = On("Tahir Al-Bayati", "ofac-sdn:16498");
  const ScreenMatch three = On("Tahir Khalil Al-Bayati", "ofac-sdn:16498");
  EXPECT_GE(two.score, kDefaultThreshold);
  EXPECT_GT(three.score, two.score);
  EXPECT_NE(three.explanation.summary.find("middle names omitted: muhammad, mustafa"),
            std::string::npos)
      << three.explanation.summary;
}

TEST_F(FamilyScreen, FamilyNameFromTheListsOwnFieldsAndCase) {
  // UK: name6 "WAZIR" written in capitals after mixed-case given names.
  const ScreenMatch uk = On("Ahmed Wazir", "uk-hmt:6951");
  EXPECT_GE(uk.score, kDefaultThreshold) << uk.explanation.summary;
  // EU: lastname "Hussein Al-Tikriti"; "Al-Tikriti" alone is part of it.
  const ScreenMatch eu = On("Uday Al-Tikriti", "eu-fsf:23");
  EXPECT_LT(eu.score, kDefaultThreshold) << eu.explanation.summary;
  // The same person in OFAC's comma form, family "AL-TIKRITI": alerts.
  EXPECT_GE(On("Uday Al-Tikriti", "ofac-sdn:7845").score, kDefaultThreshold);
}

TEST_F(FamilyScreen, PartOfAFamilyNameOrTheWrongOrderStaysBelow) {
  // GAXIOLA GARCIA, Maria Elena: half the family name.
  EXPECT_LT(On("Maria Garcia", "ofac-sdn:10989").score, kDefaultThreshold);
  // Family name first, given name second: not a given + family record.
  const ScreenMatch swapped = On("ASHFIELD Jeffrey", "ofac-sdn:19713");
  EXPECT_GT(swapped.score, 0.6);
  EXPECT_LT(swapped.score, kDefaultThreshold);
}

TEST_F(FamilyScreen, CommonPairsStayBelow) {
  // Common in the lists (weights 0.55 + 0.7): KHAN, Mohammad Naushad Alam.
  EXPECT_LT(On("Mohammad Khan", "ofac-sdn:12330").score, kDefaultThreshold);
  // Common in the world (common_names.tsv): JOSE GILBERTO RODRIGUEZ PEREZ.
  EXPECT_LT(On("Jose Perez", "ofac-sdn:10949").score, kDefaultThreshold);
}

TEST_F(FamilyScreen, CompareOfAPersonScoresAsScreeningDoes) {
  const ScreenMatch screened = On("Jeffrey ASHFIELD", "ofac-sdn:19713");
  const ScreenMatch person =
      screener_->Compare("Jeffrey ASHFIELD", "ASHFIELD, Jeffrey John James", Schema::kPerson);
  EXPECT_NEAR(person.score, screened.score, 1e-6);  // the index keeps weights as floats
  EXPECT_EQ(person.explanation.summary, screened.explanation.summary);
  // Untyped, the second name's structure is unknown: both middles cost.
  const ScreenMatch untyped =
      screener_->Compare("Jeffrey ASHFIELD", "ASHFIELD, Jeffrey John James", std::nullopt);
  EXPECT_LT(untyped.score, kDefaultThreshold);
}

TEST_F(FamilyScreen, RolesSurviveTheIndexCache) {
  const std::string file = match::EncodeIndexCache(*screener_, "k");
  auto cached = match::DecodeIndexCache(file, "k");
  ASSERT_TRUE(cached.has_value()) << cached.error().ToString();
  const ScreenMatch built = On("Jeffrey ASHFIELD", "ofac-sdn:19713");
  const ScreenMatch read = On(**cached, "Jeffrey ASHFIELD", "ofac-sdn:19713");
  EXPECT_EQ(read.score, built.score);
  EXPECT_EQ(read.explanation.summary, built.explanation.summary);
}

}  // namespace
}  // namespace interdict
