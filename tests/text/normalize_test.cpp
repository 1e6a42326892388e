#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace interdict::text {
namespace {

using Tokens = std::vector<std::string>;

TEST(FoldToAscii, AsciiIsLowerCasedUnchanged) {
  EXPECT_EQ(FoldToAscii("HANIYA, Ismail Abdul Salah"), "haniya, ismail abdul salah");
}

TEST(FoldToAscii, StripsDiacriticsAndAppliesNfkc) {
  EXPECT_EQ(FoldToAscii("Müller ŞAHİN Øster"), "muller sahin oster");
  EXPECT_EQ(FoldToAscii("ＡＢＣ"), "abc");  // fullwidth forms
  EXPECT_EQ(FoldToAscii("Straße"), "strasse");
}

TEST(FoldToAscii, CyrillicUsesBgnRomanisation) {
  // Real FtM (zala) and t1 spellings: Мария, ЖУРАВЛЕВА, КУЗЬМЕНКО.
  EXPECT_EQ(NormalizeName("Мария"), "mariya");
  EXPECT_EQ(NormalizeName("Татьяна Владимировна ЖУРАВЛЕВА"), "tatyana vladimirovna zhuravleva");
  EXPECT_EQ(NormalizeName("КУЗЬМЕНКО"), "kuzmenko");
  EXPECT_EQ(NormalizeName("Щукин Цой"), "shchukin tsoy");
}

TEST(FoldToAscii, ArabicLosesShortVowelsAndAynBecomesA) {
  EXPECT_EQ(NormalizeName("محمد"), "mhmd");
  EXPECT_EQ(NormalizeName("عمر"), "amr");
  EXPECT_EQ(NormalizeName("أسامة بن لادن"), "asama bn ladn");
  EXPECT_EQ(NormalizeName("قاسم سليماني"), "qasm slymany");
}

TEST(FoldToAscii, OtherScripts) {
  EXPECT_EQ(NormalizeName("习近平"), "xi jin ping");
  EXPECT_EQ(NormalizeName("Γιώργος"), "giorgos");
  EXPECT_EQ(NormalizeName("トヨタ"), "toyota");
  EXPECT_FALSE(NormalizeName("김정은").empty());
}

TEST(FoldToAscii, InvalidUtf8BecomesSeparators) {
  EXPECT_EQ(NormalizeTokens("\xff\xfe"
                            "ab\xc3"
                            "cd"),
            (Tokens{"ab", "cd"}));
  EXPECT_EQ(NormalizeTokens(std::string("\xe2\x82", 2)), Tokens{});
}

TEST(Tokenize, SplitsOnPunctuationJoinsApostrophesAndAbbreviations) {
  EXPECT_EQ(Tokenize("al-qa'ida"), (Tokens{"al", "qaida"}));
  EXPECT_EQ(Tokenize("'abbas, rim"), (Tokens{"abbas", "rim"}));
  EXPECT_EQ(Tokenize("anglo-caribbean co., ltd."), (Tokens{"anglo", "caribbean", "co", "ltd"}));
  EXPECT_EQ(Tokenize("banco s.a. de c.v."), (Tokens{"banco", "sa", "de", "cv"}));
  EXPECT_EQ(Tokenize("j. smith"), (Tokens{"j", "smith"}));
  EXPECT_EQ(Tokenize("j.smith"), (Tokens{"j", "smith"}));
  EXPECT_EQ(Tokenize("u.s.a"), (Tokens{"usa"}));
}

TEST(Tokenize, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(NormalizeTokens(" ,.;-'\"()  ").empty());
}

TEST(Tokenize, HostileLengthsAreCapped) {
  const std::string huge(100 * 1024, 'a');
  const Tokens one = NormalizeTokens(huge);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].size(), kMaxTokenLength);
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "ab ";
  EXPECT_EQ(NormalizeTokens(many).size(), kMaxTokens);
}

TEST(DetectScripts, FlagsAbjadAndNonLatin) {
  EXPECT_FALSE(DetectScripts("Müller").non_latin);
  EXPECT_TRUE(DetectScripts("Мария").non_latin);
  EXPECT_FALSE(DetectScripts("Мария").abjad);
  EXPECT_TRUE(DetectScripts("محمد").abjad);
  EXPECT_TRUE(DetectScripts("אברהם").abjad);
}

TEST(FoldToAscii, ConcurrentCallsAgree) {
  ASSERT_TRUE(TransliterationAvailable());
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&ok, t] {
      for (int i = 0; i < 200; ++i) {
        ok[t] += NormalizeName("Мария Журавлева") == "mariya zhuravleva" &&
                 NormalizeName("محمد") == "mhmd";
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 200);
}

}  // namespace
}  // namespace interdict::text
