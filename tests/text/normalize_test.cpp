#include "text/normalize.h"

#include <gtest/gtest.h>

#include <cstdint>
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
  EXPECT_EQ(NormalizeName("الحسين"), "al hsyn");
  // Not when one letter would remain.
  EXPECT_EQ(NormalizeName("ال"), "al");
  // Presentation forms (ﺍﻟ) are folded before the article is looked for.
  EXPECT_EQ(NormalizeName("\uFE8D\uFEDF\u062E\u062F\u0645\u0627\u062A"), "al khdmat");
}

TEST(FoldToAscii, ArabicArticleIsWrittenAsSpokenBeforeSunLetters) {
  // UN: الطائي AL-TA'I, الشامي: before a sun letter the article is "at",
  // "ash"..., which variants.tsv groups with "al".
  EXPECT_EQ(NormalizeName("الشامي"), "ash shamy");
  EXPECT_EQ(NormalizeName("الثاني"), "ath thany");
  EXPECT_EQ(NormalizeName("الدين"), "ad dyn");
  // Moon letters keep "al".
  EXPECT_EQ(NormalizeName("الخيري"), "al khyry");
}

TEST(FoldToAscii, AlDinIsWrittenOntoItsName) {
  // UN: نور الدين بن علي ... الدريسي NOUREDDINE BEN ALI ... AL-DRISSI, سعد
  // الدين سيد SADUDDIN SAYYED, سراج الدين جلال الدين حقانى SIRAJUDDIN
  // JALLALOUDINE HAQQANI, شمس الدین (Persian ya) SHAMSUDDIN.
  EXPECT_EQ(NormalizeName("نور الدين بن علي"), "nwraddyn bn aly");
  EXPECT_EQ(NormalizeName("سعد الدين سيد"), "sadaddyn syd");
  EXPECT_EQ(NormalizeName("سراج الدين جلال الدين حقانى"), "srajaddyn jlaladdyn hqany");
  EXPECT_EQ(NormalizeName("شمس الدین"), "shmsaddyn");
}

TEST(FoldToAscii, AbdWithTheArticleIsAbdal) {
  // UN: عبدالغفار شینواری ABDUL GHAFAR SHINWARI, عبد المجيد الزنداني ABD
  // AL-MAJID AL-ZINDANI: joined or apart, "abdal" (a variant of abdul,
  // abdel) and the name.
  EXPECT_EQ(NormalizeName("عبدالغفار شینواری"), "abdal ghfar shynwary");
  EXPECT_EQ(NormalizeName("عبد المجيد الزنداني"), "abdal mjyd az zndany");
  EXPECT_EQ(NormalizeName("عبدالرحمان زاهد"), "abdal rhman zahd");
  // عبد alone, or followed by another word, is unchanged.
  EXPECT_EQ(NormalizeName("عبد ربه"), "abd rba");
}

TEST(FoldToAscii, AllahIsSpelledOutAndJoinsItsName) {
  // UN: عارف الله AREFULLAH, حاجی خيرالله KHAIRULLAH, عبد الله ABDULLAH /
  // ABD ALLAH: one word ending "allah", never "allh".
  EXPECT_EQ(NormalizeName("عبد الله"), "abdallah");
  EXPECT_EQ(NormalizeName("عارف الله عارف"), "aarfallah aarf");
  EXPECT_EQ(NormalizeName("خيرالله"), "khyrallah");
  EXPECT_EQ(NormalizeName("حزب الله"), "hzballah");
  EXPECT_EQ(NormalizeName("الله"), "allah");
  EXPECT_EQ(NormalizeName("عبداللّٰه"), "abdallah");  // with shadda and dagger alef
}

TEST(FoldToAscii, ArabicConjunctionJoinsTheArticleOrIsDropped) {
  // UN: تنظیم جیش المھاجرین و الأنصار JAYSH AL-MUHAJIRIN WAL-ANSAR; حاجی
  // خيرالله و حاجی ستار صرافی HAJI KHAIRULLAH-HAJI SATTAR SARAFI.
  EXPECT_EQ(NormalizeName("جیش المھاجرین و الأنصار"), "jysh al mhajryn wal ansar");
  EXPECT_EQ(NormalizeName("التوحيد والجهاد"), "at twhyd wal jhad");
  EXPECT_EQ(NormalizeName("خيرالله و ستار"), "khyrallah star");
  EXPECT_EQ(NormalizeName("والي"), "waly");  // Wali: a name, not wa + article
}

TEST(FoldToAscii, FinalHaAfterAConsonantIsAVowel) {
  // ة written without its dots, or the Persian silent he: القاعده is
  // القاعدة (AL-QAIDA), عصبه الانصار ASBAT AL-ANSAR, حماده HAMADA, زاده ZADEH.
  EXPECT_EQ(NormalizeName("القاعده"), NormalizeName("القاعدة"));
  EXPECT_EQ(NormalizeName("عصبه الانصار"), "asba al ansar");
  EXPECT_EQ(NormalizeName("حماده"), "hmada");
  EXPECT_EQ(NormalizeName("زاده"), "zada");
  // After a long vowel it is h: شاه SHAH, فقیه FAQIH; Allah keeps its h.
  EXPECT_EQ(NormalizeName("شاه"), "shah");
  EXPECT_EQ(NormalizeName("فقیه"), "fqyh");
  EXPECT_EQ(NormalizeName("الله"), "allah");
}

TEST(FoldToAscii, HamzaOnYaIsTheVowelI) {
  EXPECT_EQ(NormalizeName("سلطان هاشم أحمد الطائي"), "sltan hashm ahmd at tai");
  EXPECT_EQ(NormalizeName("قائد"), "qaid");
}

TEST(FoldToAscii, PashtoAndUrduLettersAreWritten) {
  // ICU drops them (and splits the word); UN: عامر علی چوہدری AAMIR ALI
  // CHAUDHRY, المھاجرین AL-MUHAJIRIN.
  EXPECT_EQ(NormalizeName("چوہدری"), "chwhdry");
  EXPECT_EQ(NormalizeName("المھاجرین"), "al mhajryn");
  EXPECT_EQ(NormalizeName("ټوپک ډله ړنګ ښکلی"), "twpk dla rng shkly");
}

TEST(FoldToAscii, PersianTextReadsZadSsadThaAsZAndS) {
  // UN: حاجى فیض الله خان نورزى FAIZULLAH, احمد ضیا آغا AHMAD ZIA AGHA: a text
  // with Persian letters (ی ک گ پ چ ژ) reads ض ظ ذ as z and ث as s.
  EXPECT_EQ(NormalizeName("حاجى فیض الله خان نورزى"), "hajy fyzallah khan nwrzy");
  EXPECT_EQ(NormalizeName("احمد ضیا آغا"), "ahmd zya agha");
  EXPECT_EQ(NormalizeName("ذاکر"), "zakr");
  // Arabic text keeps the Arabic reading: نضال NIDAL, رمضان RAMADAN.
  EXPECT_EQ(NormalizeName("نضال"), "ndal");
  EXPECT_EQ(NormalizeName("رمضان"), "rmdan");
}

TEST(FoldToAscii, KoreanNamesArePerSyllable) {
  // Lists write North Korean names per syllable in McCune-Reischauer without
  // diacritics: "JANG Hyon U", "KIM Jong Un", "CHOE Ryong Hae", "PAK Pong Ju".
  // Its consonants are kept (ICU would give "gim", "lyong", "bag bong"), ㅓ
  // is "eo" (a variant or one edit from "o"; see hangul.cpp).
  EXPECT_EQ(NormalizeName("장현우"), "jang hyeon u");
  EXPECT_EQ(NormalizeName("김정은"), "kim jeong un");
  EXPECT_EQ(NormalizeName("최룡해"), "choe ryong hae");
  EXPECT_EQ(NormalizeName("박봉주"), "pak pong ju");
  EXPECT_EQ(NormalizeName("장성택"), "jang seong thaek");
  // The family name 이 is RI (North) / LEE (South; variants.tsv), not "i".
  EXPECT_EQ(NormalizeName("이명박"), "ri myeong pak");
  EXPECT_EQ(NormalizeName("리영호"), "ri yeong ho");
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

TEST(FoldToAscii, ArbitraryArabicAndHangulRunsGiveAsciiTokens) {
  // The word rewriting joins, splits and respells Arabic-script and Hangul
  // runs; whatever the sequence (articles, Allah, و, ه, marks, Persian and
  // Pashto letters, syllables, spaces in any order), the result is tokens of
  // [a-z0-9] within the limits, and (under the sanitizer build of make test)
  // every index into the text stays in bounds. Deterministic sequences.
  const std::vector<std::string> pieces = {
      "ال", "الله",   "عبد",    "عبدال",  "الدين", "و",  " ",  " ", "ه", "ة", "ئ",
      "ي",  "ی",      "ى",      "ض",      "ذ",     "ث",  "ک",  "پ", "ہ", "ھ", "ټ",
      "ښ",  "\u0651", "\u0670", "\u064E", "ـ",     "ﻟ",  "ﷲ",  "م", "ن", "ر", "س",
      "ا",  "이",     "박",     "김",     "정",    "힣", "가", "-", "A"};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string name;
    const int length = 1 + static_cast<int>(next() % 12);
    for (int k = 0; k < length; ++k) name += pieces[next() % pieces.size()];
    const Tokens tokens = NormalizeTokens(name);
    ASSERT_LE(tokens.size(), kMaxTokens) << name;
    for (const std::string& t : tokens) {
      ASSERT_FALSE(t.empty()) << name;
      ASSERT_LE(t.size(), kMaxTokenLength) << name;
      for (char c : t) ASSERT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) << name;
    }
  }
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
