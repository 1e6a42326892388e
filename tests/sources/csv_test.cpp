#include "sources/csv.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace interdict::sources {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view text, char delimiter = ',',
                                              Status* status = nullptr) {
  CsvReader reader(text, "t.csv", delimiter);
  std::vector<std::vector<std::string>> rows;
  CsvRecord r;
  while (reader.Next(&r)) rows.push_back(r.fields);
  if (status) *status = reader.status();
  return rows;
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto rows = ReadAll("1,\"a, b\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "a, b", "say \"hi\""}));
  EXPECT_EQ(rows[1][1], "two\nlines");
}

TEST(CsvReader, HandlesOfacPaddingNullsAndTheEofByte) {
  auto rows = ReadAll("36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\"\r\n\x1A");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][2], "-0- ");
  EXPECT_EQ(rows[0][3], "CUBA");
}

TEST(CsvReader, ReportsLinesAndBytesOfRecords) {
  CsvReader reader("a,b\n\n\"x\ny\",z\nlast,1", "f.csv");
  CsvRecord r;
  ASSERT_TRUE(reader.Next(&r));
  EXPECT_EQ(r.line, 1);
  EXPECT_EQ(r.byte, 1);
  ASSERT_TRUE(reader.Next(&r));
  EXPECT_EQ(r.line, 3);
  EXPECT_EQ(r.byte, 6);
  ASSERT_TRUE(reader.Next(&r));
  EXPECT_EQ(r.line, 5);
  EXPECT_EQ(r.fields, (std::vector<std::string>{"last", "1"}));
  EXPECT_FALSE(reader.Next(&r));
  EXPECT_TRUE(reader.status().ok());
  Status s = reader.ErrorAt(r, "expected 12 fields");
  EXPECT_EQ(s.location().file, "f.csv");
  EXPECT_EQ(s.location().line, 5);
}

TEST(CsvReader, ReadsTabSeparatedQuotedFields) {
  auto rows = ReadAll("\"Name\"\t\"City\"\n\" I. ASH\"\t\"SEAGOVILLE\"\n", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], " I. ASH");
}

TEST(CsvReader, RejectsAnUnterminatedQuoteWithItsLine) {
  Status s;
  auto rows = ReadAll("a,b\nc,\"never closed\nmore\n", ',', &s);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_NE(s.message().find("line 2"), std::string::npos);
}

TEST(CsvReader, RejectsAStrayQuote) {
  Status s;
  ReadAll("a,b\"c\n", ',', &s);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.location().line, 1);
  EXPECT_EQ(s.location().byte, 4);
}

TEST(CsvReader, RejectsAHugeField) {
  std::string big(2000, 'x');
  CsvReader reader(big, "big.csv");
  reader.set_max_field_bytes(1000);
  CsvRecord r;
  EXPECT_FALSE(reader.Next(&r));
  EXPECT_EQ(reader.status().code(), StatusCode::kParseError);
}

TEST(CsvReader, EmptyInputHasNoRecords) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\r\n\n").empty());
  EXPECT_TRUE(ReadAll("\xEF\xBB\xBF").empty());
}

TEST(FindColumns, MapsNamesToPositionsIgnoringPaddingAndExtraColumns) {
  CsvReader reader("extra, name ,id\r\n", "t.csv");
  CsvRecord header;
  ASSERT_TRUE(reader.Next(&header));
  constexpr std::array<std::string_view, 2> kNames = {"id", "name"};
  std::array<std::size_t, 2> index{};
  ASSERT_TRUE(FindColumns(reader, header, kNames, "the test header", index).ok());
  EXPECT_EQ(index, (std::array<std::size_t, 2>{2, 1}));
}

TEST(FindColumns, AMissingColumnIsAParseErrorAtTheHeader) {
  CsvReader reader("\n\nid,alias\n", "t.csv");
  CsvRecord header;
  ASSERT_TRUE(reader.Next(&header));
  constexpr std::array<std::string_view, 2> kNames = {"id", "name"};
  std::array<std::size_t, 2> index{};
  const Status status = FindColumns(reader, header, kNames, "the test header", index);
  EXPECT_EQ(status.code(), StatusCode::kParseError);
  EXPECT_EQ(status.message(), "header has no \"name\" column (expected the test header)");
  EXPECT_EQ(status.location().file, "t.csv");
  EXPECT_EQ(status.location().line, 3);
  EXPECT_EQ(status.location().element, "name");
}

}  // namespace
}  // namespace interdict::sources
