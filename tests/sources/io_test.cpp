#include "sources/io.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "test_util.h"

namespace interdict::sources {
namespace {

using interdict::testing::TempDir;
using interdict::testing::WriteFile;

std::string GzipOf(std::string_view plain) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, plain.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = static_cast<uInt>(plain.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Gunzip, InflatesAndEnforcesTheLimit) {
  std::string plain(100000, 'a');
  std::string gz = GzipOf(plain);
  ASSERT_TRUE(IsGzip(gz));
  auto out = Gunzip(gz, "x.gz", 1 << 20);
  ASSERT_TRUE(out) << out.error().ToString();
  EXPECT_EQ(*out, plain);
  auto bomb = Gunzip(gz, "x.gz", 1000);  // 100 KB of 'a' compresses to ~100 bytes
  ASSERT_FALSE(bomb);
  EXPECT_EQ(bomb.error().code(), StatusCode::kTooLarge);
}

TEST(Gunzip, RejectsTruncatedAndCorruptData) {
  std::string gz = GzipOf(std::string(5000, 'b') + "tail");
  auto truncated = Gunzip(gz.substr(0, gz.size() / 2), "t.gz", 1 << 20);
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code(), StatusCode::kParseError);
  EXPECT_EQ(truncated.error().location().file, "t.gz");
  std::string corrupt = gz;
  corrupt[12] ^= 0x55;
  corrupt[13] ^= 0x55;
  EXPECT_FALSE(Gunzip(corrupt, "c.gz", 1 << 20));
}

TEST(Unzip, ReadsTheRealOfacEnhancedArchive) {
  INTERDICT_SHARED_FILE(path, "ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP");
  auto bytes = ReadFile(path, 64 << 20);
  ASSERT_TRUE(bytes);
  EXPECT_TRUE(IsZip(*bytes));
  auto entries = Unzip(*bytes, path.string(), 64 << 20);
  ASSERT_TRUE(entries) << entries.error().ToString();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].name, "CONS_ENHANCED.XML");
  EXPECT_EQ((*entries)[0].bytes.size(), 3420879u);  // SOURCES.md
  auto limited = Unzip(*bytes, path.string(), 1 << 20);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code(), StatusCode::kTooLarge);
  EXPECT_FALSE(Unzip("PK\3\4garbage", "bad.zip", 1 << 20));
}

TEST(ReadFile, ReportsMissingFoldersAndLimits) {
  TempDir dir;
  WriteFile(dir / "f.txt", "hello");
  auto ok = ReadFile(dir / "f.txt", 100);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, "hello");
  EXPECT_EQ(ReadFile(dir / "f.txt", 3).error().code(), StatusCode::kTooLarge);
  EXPECT_EQ(ReadFile(dir / "missing", 100).error().code(), StatusCode::kIoError);
  EXPECT_EQ(ReadFile(dir.path(), 100).error().code(), StatusCode::kInvalidArgument);
}

TEST(Sha256Hex, MatchesTheKnownDigest) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_EQ(FindInvalidUtf8("plain"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("Мария محمد"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);          // truncated
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);       // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);   // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xFF"), 0u);
}

TEST(Utf8, ToUtf8RepairsWindows1252AndDropsTheBom) {
  EXPECT_EQ(ToUtf8("\xEF\xBB\xBFok"), "ok");
  EXPECT_EQ(ToUtf8("Jos\xE9 \x93Q\x94"), "José “Q”");
  EXPECT_EQ(ToUtf8("Zürich"), "Zürich");
}

TEST(Text, TrimAndLineOfOffset) {
  EXPECT_EQ(Trim("  -0- \r\n"), "-0-");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(LineOfOffset("a\nb\nc", 0), 1);
  EXPECT_EQ(LineOfOffset("a\nb\nc", 4), 3);
  EXPECT_EQ(LineOfOffset("a\nb", 99), 2);
}

}  // namespace
}  // namespace interdict::sources
