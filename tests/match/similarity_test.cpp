#include "match/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "text/prepared.h"

namespace interdict::match {
namespace {

TokenMatch Cmp(std::string_view a, std::string_view b) {
  const auto pa = text::PrepareName(a);
  const auto pb = text::PrepareName(b);
  EXPECT_EQ(pa.tokens.size(), 1u) << a;
  EXPECT_EQ(pb.tokens.size(), 1u) << b;
  if (pa.tokens.size() != 1 || pb.tokens.size() != 1) return {};
  return CompareTokens(pa.tokens[0], pb.tokens[0]);
}

TEST(JaroWinkler, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("martha", "martha"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

TEST(OsaDistance, CountsEditsWithCheapConfusables) {
  EXPECT_DOUBLE_EQ(OsaDistance("smith", "smith", 2), 0);
  EXPECT_DOUBLE_EQ(OsaDistance("smith", "smtih", 2), 1);    // transposition
  EXPECT_DOUBLE_EQ(OsaDistance("smith", "smiths", 2), 1);   // insertion
  EXPECT_DOUBLE_EQ(OsaDistance("qaida", "qaeda", 2), 0.5);  // i/e confusable
  EXPECT_DOUBLE_EQ(OsaDistance("sultan", "soltan", 2), 0.5);
  EXPECT_DOUBLE_EQ(OsaDistance("kitten", "sitting", 5), 2.5);  // k/s 1, e/i 0.5, +g 1
  // Above the bound the answer is only "more than the bound".
  EXPECT_GT(OsaDistance("abcdefgh", "zyxwvuts", 1), 1);
  EXPECT_GT(OsaDistance("ab", "abcdef", 2), 2);
}

// The textbook full-table OSA distance with the same costs, as the
// reference the banded implementation must agree with.
double FullOsaDistance(std::string_view a, std::string_view b) {
  auto confusable = [](char x, char y) {
    static const std::string_view kPairs[] = {"ae", "ei", "iy", "ou", "vw", "kq", "ck", "sz"};
    for (std::string_view p : kPairs) {
      if ((x == p[0] && y == p[1]) || (x == p[1] && y == p[0])) return true;
    }
    return false;
  };
  std::vector<std::vector<double>> d(a.size() + 1, std::vector<double>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = double(i);
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = double(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const char x = a[i - 1], y = b[j - 1];
      const double sub = x == y ? 0 : confusable(x, y) ? 0.5 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + sub});
      if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// Differential: random words over a small alphabet rich in confusable
// pairs, every bound the scorer uses and some it does not.
TEST(OsaDistance, BandedEqualsFullTableWithinTheBound) {
  std::mt19937 rng(20261127);
  const std::string_view alphabet = "aeiouykqcszvwmn";
  auto word = [&] {
    std::string w(1 + rng() % 10, ' ');
    for (char& c : w) c = alphabet[rng() % alphabet.size()];
    return w;
  };
  int within = 0;
  for (int n = 0; n < 20000; ++n) {
    const std::string a = word();
    std::string b = a;
    // Mostly near neighbours, so that many pairs fall within the bound.
    for (int edits = rng() % 4; edits > 0 && !b.empty(); --edits) {
      b[rng() % b.size()] = alphabet[rng() % alphabet.size()];
      if (rng() % 3 == 0) b.insert(b.begin() + rng() % b.size(), 'a');
    }
    if (rng() % 5 == 0) b = word();
    const double full = FullOsaDistance(a, b);
    for (double bound : {0.5, 1.0, 1.5, 2.0, 3.0}) {
      const double banded = OsaDistance(a, b, bound);
      if (full <= bound) {
        ++within;
        ASSERT_DOUBLE_EQ(banded, full) << a << " / " << b << " bound " << bound;
      } else {
        ASSERT_GT(banded, bound) << a << " / " << b << " bound " << bound;
      }
    }
  }
  EXPECT_GT(within, 20000);  // the test exercises the exact branch a lot
}

TEST(CompareTokens, RulesInOrder) {
  EXPECT_EQ(Cmp("ALI", "Ali").rule, MatchRule::kExact);
  EXPECT_EQ(Cmp("Mohammad", "Muhammad").rule, MatchRule::kVariant);
  EXPECT_EQ(Cmp("Hossein", "Husayn").rule, MatchRule::kVariant);
  EXPECT_EQ(Cmp("Qasem", "Ghasem").rule, MatchRule::kVariant);
  EXPECT_EQ(Cmp("Smith", "Smyth").rule, MatchRule::kPhonetic);
  EXPECT_EQ(Cmp("Zhuravleva", "Juravleva").rule, MatchRule::kPhonetic);
  EXPECT_EQ(Cmp("محمد", "Muhammad").rule, MatchRule::kSkeleton);
  EXPECT_EQ(Cmp("حسين", "Hussein").rule, MatchRule::kSkeleton);
  EXPECT_EQ(Cmp("Мария", "Mariya").rule, MatchRule::kTranslit);
  const TokenMatch typo = Cmp("Rosneft", "Rosnfet");
  EXPECT_EQ(typo.rule, MatchRule::kEdit);
  EXPECT_EQ(RuleName(typo), "edit:1");
  EXPECT_EQ(Cmp("J", "John").rule, MatchRule::kInitial);
  EXPECT_EQ(Cmp("J", "Mary").rule, MatchRule::kNone);
  EXPECT_GT(Cmp("Mohammad", "Muhammad").similarity, Cmp("Smith", "Smyth").similarity - 0.1);
}

// A letter pair a scanner reads for one letter (rn for m, cl for d, li for
// h) is one edit, not two.
TEST(CompareTokens, OcrLetterPairsAreOneEdit) {
  EXPECT_EQ(RuleName(Cmp("Rahrnan", "Rahman")), "edit:1");
  EXPECT_EQ(RuleName(Cmp("Helerie", "Helene")), "edit:1");
  EXPECT_EQ(RuleName(Cmp("Mahrnoud", "Mahmoud")), "edit:1");
  EXPECT_GT(Cmp("Rahrnan", "Rahman").similarity, 0.8);
  // Short words keep their own letters: "rn" in a three-letter word.
  EXPECT_EQ(Cmp("arn", "am").rule, MatchRule::kNone);
}

// Spanish j for kh and ch for sh, German j for y, French ch for sh and i
// for an initial y: the same name once respelled, worth a little less than
// a sound-key match (Jalil and Khalil are also two names).
TEST(CompareTokens, OtherLanguagesLettersForOneSound) {
  EXPECT_DOUBLE_EQ(Cmp("Jalid", "Khalid").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Zajarov", "Zakharov").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Bajta", "Bakhta").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Jahja", "Yahya").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Bachir", "Bashir").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Hicham", "Hisham").similarity, kRespelledSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Iourii", "Yuriy").similarity, kRespelledSimilarity);
  EXPECT_EQ(Cmp("Jaled", "Khaled").rule, MatchRule::kPhonetic);
  // East Asian syllables: Yang is not Zhang, Jang not Yang.
  EXPECT_LT(Cmp("Yang", "Zhang").similarity, 0.8);
  EXPECT_LT(Cmp("Jang", "Yang").similarity, 0.8);
  // Different consonants stay different names.
  EXPECT_LT(Cmp("Jamal", "Khalil").similarity, 0.8);
  EXPECT_LT(Cmp("Jalid", "Khalaf").similarity, 0.8);
}

TEST(CompareTokens, NumbersMatchOnlyExactly) {
  EXPECT_EQ(Cmp("11420", "11420").rule, MatchRule::kExact);
  EXPECT_EQ(Cmp("11420", "11421").rule, MatchRule::kNone);
  EXPECT_EQ(Cmp("11420", "belletech").rule, MatchRule::kNone);
  EXPECT_EQ(Cmp("a320", "a321").rule, MatchRule::kNone);
}

TEST(CompareTokens, ShortTokensDoNotFuzzBeyondTables) {
  EXPECT_EQ(Cmp("li", "lu").rule, MatchRule::kNone);
  EXPECT_EQ(Cmp("kim", "kam").rule, MatchRule::kNone);
  EXPECT_EQ(Cmp("kim", "gim").rule, MatchRule::kVariant);  // in variants.tsv
  EXPECT_EQ(Cmp("ri", "yi").rule, MatchRule::kVariant);    // Korean 이/리
  EXPECT_EQ(Cmp("park", "pak").rule, MatchRule::kVariant);
  EXPECT_EQ(Cmp("bin", "ibn").rule, MatchRule::kVariant);
  EXPECT_EQ(Cmp("wu", "wo").rule, MatchRule::kNone);
}

TEST(CompareTokens, ThreeLetterTokensAllowOneConfusableLetterOrSound) {
  EXPECT_EQ(Cmp("win", "vin").rule, MatchRule::kPhonetic);  // w = v: Burmese WIN, Sein
  EXPECT_DOUBLE_EQ(Cmp("win", "vin").similarity, kShortPhoneticSimilarity);
  const TokenMatch sz = Cmp("saz", "sas");  // s/z: one confusable letter
  EXPECT_EQ(sz.rule, MatchRule::kEdit);
  EXPECT_DOUBLE_EQ(sz.similarity, 0.65);
  EXPECT_EQ(Cmp("rol", "roll").rule, MatchRule::kPhonetic);
  EXPECT_DOUBLE_EQ(Cmp("rol", "roll").similarity, kShortPhoneticSimilarity);
  EXPECT_EQ(Cmp("kim", "kam").rule, MatchRule::kNone);  // i/a is not confusable
  EXPECT_EQ(Cmp("yak", "yam").rule, MatchRule::kNone);
}

TEST(CompareTokens, ShortFuzzyMatchesAreWorthLess) {
  // One plain edit in a four-letter syllable is usually another name.
  EXPECT_DOUBLE_EQ(Cmp("yang", "gang").similarity, 0.55);
  EXPECT_DOUBLE_EQ(Cmp("jing", "bing").similarity, 0.55);
  EXPECT_NEAR(Cmp("rosneft", "rosnfet").similarity, 1 - 1.2 / 7, 1e-12);  // long: unchanged
  // A shared sound key is weaker on four letters than on five or more.
  EXPECT_EQ(Cmp("hong", "huang").rule, MatchRule::kPhonetic);
  EXPECT_DOUBLE_EQ(Cmp("hong", "huang").similarity, kFourLetterPhoneticSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("Smith", "Smyth").similarity, kPhoneticSimilarity);
  // Keys of tokens of very different length fold away too much.
  EXPECT_NE(Cmp("jing", "jiyoung").rule, MatchRule::kPhonetic);
  // Two-consonant abjad skeletons (نور nwr / Nour) are weak evidence,
  EXPECT_EQ(Cmp("نور", "Nour").rule, MatchRule::kSkeleton);
  EXPECT_DOUBLE_EQ(Cmp("نور", "Nour").similarity, kTwoLetterSkeletonSimilarity);
  // and none where the Arabic writes a long vowel the Latin lacks: دينا is
  // Dina, not Dany; نور is Nour, not Niru; امیر is Amir, not Umar.
  EXPECT_EQ(Cmp("دينا", "Dany").similarity, 0);
  EXPECT_EQ(Cmp("نور", "Niru").similarity, 0);
  EXPECT_EQ(Cmp("امیر", "Umar").similarity, 0);
  EXPECT_GT(Cmp("امیر", "Amir").similarity, 0);
  EXPECT_DOUBLE_EQ(Cmp("قاسم", "Qassem").similarity, kShortSkeletonSimilarity);
  EXPECT_DOUBLE_EQ(Cmp("محمد", "Muhammad").similarity, kAbjadSkeletonSimilarity);
}

TEST(CompareTokens, UnrelatedNamesDoNotMatch) {
  EXPECT_EQ(Cmp("daniels", "llc").similarity, 0);
  EXPECT_EQ(Cmp("belletech", "corporation").similarity, 0);
  EXPECT_EQ(Cmp("petrov", "ivanov").similarity, 0);
  // Hassan and Hossein are different names; between Latin spellings the
  // vowels count, so skeletons do not connect them (only abjad ones do).
  EXPECT_EQ(Cmp("Hassan", "Hossein").similarity, 0);
  EXPECT_EQ(Cmp("Haddad", "Houdoud").similarity, 0);
  EXPECT_EQ(Cmp("حسن", "Hassan").rule, MatchRule::kSkeleton);
}

}  // namespace
}  // namespace interdict::match
