// json_text writes what nlohmann's dump writes for the same value: checked
// byte for byte over every four-decimal score and share, awkward strings
// and invalid UTF-8.
#include "model/json_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace interdict::json_text {
namespace {

std::string Reference(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Number(double v) {
  std::string out;
  AppendNumber(out, v);
  return out;
}

std::string String(std::string_view s) {
  std::string out;
  AppendString(out, s);
  return out;
}

TEST(JsonText, NumbersAreWrittenAsNlohmannWritesThem) {
  // Every value a score, similarity, weight or adjustment can take once
  // rounded to four decimals, and percentages.
  for (int k = -20000; k <= 20000; ++k) {
    const double v = std::round(k * 1e-4 * 1e4) / 1e4;
    ASSERT_EQ(Number(v), Reference(v)) << k;
  }
  for (int k = 0; k <= 10000; ++k) {
    const double v = std::round(k * 0.01 * 1e4) / 1e4;  // 0.00 .. 100.00 percent
    ASSERT_EQ(Number(v), Reference(v)) << k;
  }
  for (double v : {0.0, -0.0, 1.0, 100.0, 1e-5, 3.2e-7, 1e15, 1e20, -2.5e-9, 1.0 / 3.0}) {
    EXPECT_EQ(Number(v), Reference(v)) << v;
  }
  EXPECT_EQ(Number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(Number(std::numeric_limits<double>::infinity()), "null");
}

TEST(JsonText, StringsAreEscapedAsNlohmannEscapesThem) {
  for (std::string_view s :
       {std::string_view(""), std::string_view("BANCO NACIONAL DE CUBA"),
        std::string_view("A, \"B\" \\ C"), std::string_view("tab\there\nline\r\b\f"),
        std::string_view("\x01\x1f\x7f", 3), std::string_view("nul\0byte", 8),
        std::string_view("محمد Мухаммад 金正恩"), std::string_view("bad \xff byte"),
        std::string_view("cut \xd9"), std::string_view("overlong \xc0\xaf"),
        std::string_view("surrogate \xed\xa0\x80"), std::string_view("too big \xf4\x90\x80\x80"),
        std::string_view("emoji \xf0\x9f\x98\x80")}) {
    EXPECT_EQ(String(s), Reference(std::string(s))) << s;
  }
}

TEST(JsonText, KeysJoinWithCommas) {
  std::string out = "{";
  AppendKey(out, "a", true);
  AppendNumber(out, 1);
  AppendKey(out, "b");
  AppendString(out, "x");
  out += '}';
  EXPECT_EQ(out, R"({"a":1.0,"b":"x"})");
}

}  // namespace
}  // namespace interdict::json_text
