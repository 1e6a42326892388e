#include "text/phonetic.h"

#include <gtest/gtest.h>

#include "text/name_tables.h"
#include "text/prepared.h"

namespace interdict::text {
namespace {

TEST(PhoneticKey, FoldsLetterLevelRomanisationVariants) {
  EXPECT_EQ(PhoneticKey("smith"), PhoneticKey("smyth"));
  EXPECT_EQ(PhoneticKey("yousef"), PhoneticKey("youssef"));
  EXPECT_EQ(PhoneticKey("qaddafi"), PhoneticKey("kaddafi"));
  EXPECT_EQ(PhoneticKey("ghasem"), PhoneticKey("qasem"));
  EXPECT_EQ(PhoneticKey("zhuravleva"), PhoneticKey("juravleva"));
  EXPECT_EQ(PhoneticKey("filip"), PhoneticKey("philip"));
  EXPECT_EQ(PhoneticKey("aleksandr"), PhoneticKey("alexandr"));
  EXPECT_EQ(PhoneticKey("abdullah"), PhoneticKey("abdulla"));
  EXPECT_EQ(PhoneticKey("wladimir"), PhoneticKey("vladimir"));
  EXPECT_EQ(PhoneticKey("khalid"), PhoneticKey("halid"));
}

// How German and French clerks write a heard name.
TEST(PhoneticKey, FoldsClerksSpellings) {
  EXPECT_EQ(PhoneticKey("dschamil"), PhoneticKey("jamil"));
  EXPECT_EQ(PhoneticKey("oualid"), PhoneticKey("walid"));
  EXPECT_EQ(PhoneticKey("pavloff"), PhoneticKey("pavlov"));
  EXPECT_NE(PhoneticKey("ousman"), PhoneticKey("wsman"));  // ou before a consonant is u
  EXPECT_NE(PhoneticKey("offen"), PhoneticKey("oven"));    // only a final -off
}

TEST(PhoneticKey, KeepsVowelClassesApart) {
  EXPECT_NE(PhoneticKey("hassan"), PhoneticKey("hossein"));
  EXPECT_NE(PhoneticKey("omar"), PhoneticKey("amir"));
}

TEST(Skeleton, MatchesAbjadSpellingsWithoutVowels) {
  EXPECT_EQ(Skeleton("mhmd"), Skeleton("muhammad"));
  EXPECT_EQ(Skeleton("mhmd"), Skeleton("mohamed"));
  EXPECT_EQ(Skeleton("hsyn"), Skeleton("hussein"));
  EXPECT_EQ(Skeleton("qasm"), Skeleton("qassem"));
  EXPECT_EQ(Skeleton("ywsf"), Skeleton("yusuf"));
  EXPECT_EQ(Skeleton("amr"), Skeleton("omar"));
  EXPECT_EQ(Skeleton("asama"), Skeleton("usama"));
  EXPECT_EQ(Skeleton("mhmd"), "mhmd");
  EXPECT_NE(Skeleton("mhmd"), Skeleton("ahmad"));
}

TEST(Skeleton, EmptyAndDigits) {
  EXPECT_EQ(Skeleton(""), "");
  EXPECT_EQ(PhoneticKey(""), "");
  EXPECT_EQ(Skeleton("a"), "a");
}

TEST(NameTables, ClassesAndVariantGroups) {
  const NameTables& t = NameTables::Get();
  EXPECT_GT(t.variant_spellings(), 500u);
  EXPECT_NE(t.VariantGroup("mohammad"), 0u);
  EXPECT_EQ(t.VariantGroup("mohammad"), t.VariantGroup("muhammad"));
  EXPECT_EQ(t.VariantGroup("mohammed"), t.VariantGroup("mohamed"));
  EXPECT_EQ(t.VariantGroup("hossein"), t.VariantGroup("husayn"));
  EXPECT_EQ(t.VariantGroup("qasem"), t.VariantGroup("kassem"));
  EXPECT_EQ(t.VariantGroup("osama"), t.VariantGroup("usama"));
  EXPECT_EQ(t.VariantGroup("aleksandr"), t.VariantGroup("alexander"));
  EXPECT_EQ(t.VariantGroup("said"), t.VariantGroup("saeed"));  // table spells "sa'id" too
  EXPECT_NE(t.VariantGroup("hassan"), t.VariantGroup("hossein"));
  EXPECT_EQ(t.VariantGroup("belletech"), 0u);
  EXPECT_EQ(t.Classify("sheikh"), TokenClass::kTitle);
  EXPECT_EQ(t.Classify("seyed"), TokenClass::kTitle);
  EXPECT_EQ(t.Classify("bin"), TokenClass::kParticle);
  EXPECT_EQ(t.Classify("llc"), TokenClass::kLegalForm);
  EXPECT_EQ(t.Classify("pjsc"), TokenClass::kLegalForm);
  EXPECT_EQ(t.Classify("sa"), TokenClass::kLegalForm);
  EXPECT_EQ(t.Classify("trading"), TokenClass::kOrgWord);
  EXPECT_EQ(t.Classify("the"), TokenClass::kStopword);
  EXPECT_EQ(t.Classify("daniels"), TokenClass::kName);
}

TEST(NameTables, ParsesCommentsBlankLinesAndCrlf) {
  NameTables t("# c\r\nfoo\tbar\r\n\r\nbaz\tqux\n", "dr\n", "al\n", "ltd\n", "bank\n", "of\n");
  EXPECT_EQ(t.variant_spellings(), 4u);
  EXPECT_EQ(t.VariantGroup("foo"), t.VariantGroup("bar"));
  EXPECT_NE(t.VariantGroup("foo"), t.VariantGroup("baz"));
  EXPECT_EQ(t.Classify("dr"), TokenClass::kTitle);
  EXPECT_EQ(t.Classify("bank"), TokenClass::kOrgWord);
}

TEST(PrepareName, NumbersGetNoFuzzyKeys) {
  const PreparedName n = PrepareName("11420 CORP");
  ASSERT_EQ(n.tokens.size(), 2u);
  EXPECT_EQ(n.tokens[0].cls, TokenClass::kNumber);
  EXPECT_TRUE(n.tokens[0].skeleton.empty());
  EXPECT_EQ(n.tokens[1].cls, TokenClass::kLegalForm);
  const PreparedName a = PrepareName("محمد");
  ASSERT_EQ(a.tokens.size(), 1u);
  EXPECT_TRUE(a.tokens[0].abjad);
  EXPECT_TRUE(a.tokens[0].transliterated);
}

// Digits a scanner or a typist put for letters, in a word of letters.
TEST(PrepareToken, LookalikeDigitsInAWordAreLetters) {
  EXPECT_EQ(PrepareToken("v1adimirovna").text, "vladimirovna");
  EXPECT_EQ(PrepareToken("j0int").text, "joint");
  EXPECT_EQ(PrepareToken("a5sad").text, "assad");
  EXPECT_EQ(PrepareToken("ha8ib").text, "habib");
  EXPECT_EQ(PrepareToken("v1adimirovna").cls, TokenClass::kName);
  // Codes stay codes: too few letters, too many digits, or a digit that
  // looks like no letter.
  for (const char* code : {"b52", "a320", "ab1234", "x5r1d0", "ra7man"}) {
    EXPECT_EQ(PrepareToken(code).cls, TokenClass::kNumber) << code;
    EXPECT_EQ(PrepareToken(code).text, code) << code;
  }
}

}  // namespace
}  // namespace interdict::text
