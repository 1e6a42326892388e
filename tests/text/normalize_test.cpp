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

TEST(FoldToAscii, ArabicArticleIsAWordOfItsOwn) {
  // Lists write "AL-KHIDAMAT", "AL-ZINDANI", "NUR AL-DIN": the article the
  // Arabic script joins to its word becomes a token, as in Latin.
  EXPECT_EQ(NormalizeName("مكتب الخدمات"), "mktb al khdmat");
  EXPECT_EQ(NormalizeName("عبد المجيد الزنداني"), "abd al mjyd al zndany");
  EXPECT_EQ(NormalizeName("نور الدين"), "nwr al dyn");
  // Not in Allah (ABDULLAH) and not when one letter would remain.
  EXPECT_EQ(NormalizeName("عبد الله"), "abd allh");
  EXPECT_EQ(NormalizeName("ال"), "al");
  // Presentation forms (ﺍﻟ) are folded before the article is looked for.
  EXPECT_EQ(NormalizeName("\uFE8D\uFEDF\u062E\u062F\u0645\u0627\u062A"), "al khdmat");
}

TEST(FoldToAscii, KoreanNamesArePerSyllable) {
  // Lists write North Korean names per syllable: "JANG Hyon U", "KIM Jong Un".
  EXPECT_EQ(NormalizeName("장현우"), "jang hyeon u");
  EXPECT_EQ(NormalizeName("김정은"), "gim jeong eun");
  // A run longer than a name is an organisation's word: not cut per syllable.
  EXPECT_LT(NormalizeTokens("조선광업개발무역회사").size(), 3u);
}

TEST(FoldToAscii, BgnMiddleDotStaysInsideTheWord) {
  // BGN writes ТС as "t·s" (otvet·stvennost'): one word, not two.
  EXPECT_EQ(NormalizeName("ОТВЕТСТВЕННОСТЬЮ"), "otvetstvennostyu");
}

TEST(FoldToAscii, OtherScripts) {
  EXPECT_EQ(NormalizeName("习近平"), "xi jin ping");
  EXPECT_EQ(NormalizeName("Γιώργος"), "giorgos");
  EXPECT_EQ(NormalizeName("トヨタ"), "toyota");
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
