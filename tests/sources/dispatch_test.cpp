// Format detection and dispatch over every real list file.
#include <gtest/gtest.h>

#include "interdict/sources.h"
#include "sources/io.h"
#include "test_util.h"

namespace interdict {
namespace {

using testing::TempDir;
using testing::WriteFile;

struct Expected {
  const char* path;
  Format format;
};

TEST(DetectFormat, RecognisesEveryRealFile) {
  INTERDICT_SHARED_FILE(root, "SOURCES.md");
  const Expected cases[] = {
      {"ofac_sdn_2021", Format::kOfacCsv},
      {"ofac_sdn_2021/sdn.csv", Format::kOfacCsv},
      {"ofac_consolidated_nonsdn", Format::kOfacCsv},
      {"ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP", Format::kOfacXml},
      {"un_sc/consolidated.xml", Format::kUnXml},
      {"eu_fsf_legacy_2016/eu_global_v1_excerpt_2016-02-11.xml", Format::kEuFsfLegacyXml},
      {"uk_hmt_conlist_2016/sanctionsconlist_excerpt_2016-02-12.csv", Format::kUkHmtCsv},
      {"us_csl/consolidated.csv.gz", Format::kUsCslCsv},
      {"us_bis_dpl/dpl.txt", Format::kBisDpl},
      {"opensanctions_ftm/zala_entities.ftm.json", Format::kFtmJson},
      {"opensanctions_ftm/t2_20240527194702-wnk_entities.delta.json", Format::kFtmJson},
  };
  for (const Expected& c : cases) {
    auto format = DetectFormat(testing::SharedDataDir() / c.path);
    ASSERT_TRUE(format) << c.path << ": " << format.error().ToString();
    EXPECT_EQ(*format, c.format) << c.path << " detected as " << FormatName(*format);
  }
}

TEST(DetectFormat, ExplainsWhatItCannotRead) {
  TempDir dir;
  WriteFile(dir / "notes.txt", "just some notes\n");
  WriteFile(dir / "empty.csv", "");
  WriteFile(dir / "other.xml", "<?xml version=\"1.0\"?><catalog/>");
  auto notes = DetectFormat(dir / "notes.txt");
  ASSERT_FALSE(notes);
  EXPECT_EQ(notes.error().code(), StatusCode::kUnsupported);
  EXPECT_EQ(notes.error().location().file, (dir / "notes.txt").string());
  EXPECT_NE(DetectFormat(dir / "empty.csv").error().message().find("empty"), std::string::npos);
  EXPECT_NE(DetectFormat(dir / "other.xml").error().message().find("<catalog>"), std::string::npos);
  EXPECT_EQ(DetectFormat(dir.path()).error().code(), StatusCode::kUnsupported);
}

TEST(ParseList, ReadsTheOfacSetFromItsFolderOrItsPrimaryFile) {
  INTERDICT_SHARED_FILE(folder, "ofac_sdn_2021");
  auto from_folder = ParseList(folder);
  ASSERT_TRUE(from_folder) << from_folder.error().ToString();
  EXPECT_EQ(from_folder->list, "ofac-sdn");
  EXPECT_EQ(from_folder->format, Format::kOfacCsv);
  EXPECT_EQ(from_folder->entities.size(), 8976u);
  EXPECT_EQ(from_folder->files.size(), 4u);
  auto from_file = ParseList(folder / "sdn.csv");
  ASSERT_TRUE(from_file);
  EXPECT_EQ(from_file->entities.size(), 8976u);
  EXPECT_EQ(from_file->ContentHash(), from_folder->ContentHash());
}

TEST(ParseList, ReadsZippedAndGzippedFilesDirectly) {
  INTERDICT_SHARED_FILE(zip, "ofac_consolidated_nonsdn/CONS_ENHANCED.ZIP");
  auto enhanced = ParseList(zip);
  ASSERT_TRUE(enhanced) << enhanced.error().ToString();
  EXPECT_EQ(enhanced->entities.size(), 443u);
  INTERDICT_SHARED_FILE(gz, "us_csl/consolidated.csv.gz");
  auto csl = ParseList(gz);
  ASSERT_TRUE(csl) << csl.error().ToString();
  EXPECT_EQ(csl->list, "us-csl");
}

TEST(ParseList, ListOverrideRenamesTheList) {
  INTERDICT_SHARED_FILE(path, "un_sc/consolidated.xml");
  ParseOptions options;
  options.list = "un-sc-test";
  auto data = ParseList(path, options);
  ASSERT_TRUE(data);
  EXPECT_EQ(data->list, "un-sc-test");
  EXPECT_EQ(data->entities.front().list, "un-sc-test");
  EXPECT_EQ(data->entities.size(), 730u + 273u);
}

TEST(ParseList, RefusesOversizedInput) {
  INTERDICT_SHARED_FILE(path, "un_sc/consolidated.xml");
  ParseOptions options;
  options.max_bytes = 1 << 20;
  auto data = ParseList(path, options);
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code(), StatusCode::kTooLarge);
}

TEST(ParseList, NamesAMissingPath) {
  auto data = ParseList("/no/such/list.xml");
  ASSERT_FALSE(data);
  EXPECT_EQ(data.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(data.error().location().file, "/no/such/list.xml");
}

TEST(ContentHash, IdenticalBytesHashAlikeWhateverThePath) {
  INTERDICT_SHARED_FILE(path, "us_bis_dpl/dpl.txt");
  TempDir dir;
  WriteFile(dir / "copy.txt", testing::ReadFile(path));
  auto a = ParseList(path);
  auto b = ParseList(dir / "copy.txt");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->ContentHash(), b->ContentHash());
  WriteFile(dir / "changed.txt", testing::ReadFile(path) + "\n");
  auto c = ParseList(dir / "changed.txt");
  ASSERT_TRUE(c);
  EXPECT_NE(a->ContentHash(), c->ContentHash());
}

TEST(DiscoverLists, FindsEveryListInTheSharedFolder) {
  INTERDICT_SHARED_FILE(root, "SOURCES.md");
  auto found = DiscoverLists(testing::SharedDataDir());
  ASSERT_TRUE(found) << found.error().ToString();
  // 2 OFAC CSV sets, the enhanced ZIP, UN, EU, UK, CSL, DPL and 5 FtM files.
  EXPECT_EQ(found->lists.size(), 13u);
  // SOURCES.md and the incomplete 2025 OFAC set (add.csv, alt.csv) are skipped.
  EXPECT_EQ(found->skipped.size(), 3u);
  bool saw_partial = false;
  for (const auto& [path, why] : found->skipped)
    if (why.message().find("incomplete OFAC CSV set") != std::string::npos) saw_partial = true;
  EXPECT_TRUE(saw_partial);
}

}  // namespace
}  // namespace interdict
