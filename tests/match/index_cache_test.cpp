// The on-disk index cache on the real UN list: a cached screener answers
// exactly as a freshly built one; a stale, truncated or corrupted cache is
// detected and rebuilt, never trusted and never a crash.
#include "match/index_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "interdict/sources.h"
#include "interdict/store.h"
#include "test_util.h"

namespace interdict {
namespace {

using match::DecodeIndexCache;
using match::EncodeIndexCache;
using match::IndexScreener;

class IndexCacheTest : public ::testing::Test {
 protected:
  void LoadUn() {
    INTERDICT_SHARED_FILE(un, "un_sc/consolidated.xml");
    auto store = OpenSqliteStore((dir_ / "interdict.db").string());
    ASSERT_TRUE(store.has_value()) << store.error().ToString();
    store_ = std::move(*store);
    auto data = ParseList(un);
    ASSERT_TRUE(data.has_value()) << data.error().ToString();
    ASSERT_TRUE(store_->AddVersion(*data, un.string()).has_value());
  }
  std::string CachePath() const { return (dir_ / "interdict.db.index").string(); }

  static std::vector<std::string> Ids(const Screener& s, const std::string& name) {
    ScreenQuery q;
    q.name = name;
    q.identifiers = {{"passport", "A4419479"}};
    ScreenOptions o;
    o.threshold = 0.5;
    std::vector<std::string> out;
    for (const ScreenMatch& m : s.Screen(q, o)) {
      out.push_back(m.entity_id + " " + m.name + " " + std::to_string(m.score) + " " +
                    m.explanation.summary);
    }
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(IndexCacheTest, CachedScreenerAnswersAsTheBuiltOne) {
  LoadUn();
  if (!store_) return;
  auto built = BuildScreener(*store_, CachePath());
  ASSERT_TRUE(built.has_value()) << built.error().ToString();
  ASSERT_TRUE(std::filesystem::exists(CachePath()));

  auto key = match::IndexCacheKey(*store_);
  ASSERT_TRUE(key.has_value());
  auto cached = match::ReadIndexCache(CachePath(), *key);
  ASSERT_TRUE(cached.has_value()) << cached.error().ToString();
  EXPECT_EQ((*cached)->name_count(), (*built)->name_count());
  EXPECT_EQ((*cached)->entity_count(), (*built)->entity_count());
  EXPECT_EQ((*built)->entity_count(), 1003u);
  for (const char* name : {"Usama bin Ladin", "Ayman al-Zawahiri", "AL-QAIDA", "Haji Khairullah",
                           "Абу Бакр аль-Багдади", "Nobody In Particular"}) {
    EXPECT_EQ(Ids(**cached, name), Ids(**built, name)) << name;
  }
  EXPECT_FALSE(Ids(**cached, "Usama bin Ladin").empty());
  // The same file read again through BuildScreener.
  auto again = BuildScreener(*store_, CachePath());
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(Ids(**again, "AL-QAIDA"), Ids(**built, "AL-QAIDA"));
}

TEST_F(IndexCacheTest, StaleKeyIsNotTrusted) {
  LoadUn();
  if (!store_) return;
  ASSERT_TRUE(BuildScreener(*store_, CachePath()).has_value());
  auto stale = match::ReadIndexCache(CachePath(), "un-sc\t999\tother\n");
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code(), StatusCode::kNotFound);
}

TEST_F(IndexCacheTest, EveryTruncationAndManyCorruptionsAreDetected) {
  LoadUn();
  if (!store_) return;
  auto built = BuildScreener(*store_, CachePath());
  ASSERT_TRUE(built.has_value());
  const auto& screener = static_cast<const IndexScreener&>(**built);
  const std::string file = EncodeIndexCache(screener, "k");
  ASSERT_TRUE(DecodeIndexCache(file, "k").has_value());
  // Truncations at every header byte and at spread-out payload lengths.
  for (std::size_t len = 0; len < file.size(); len += (len < 64 ? 1 : file.size() / 97)) {
    auto r = DecodeIndexCache(std::string_view(file).substr(0, len), "k");
    ASSERT_FALSE(r.has_value()) << "truncated to " << len;
    EXPECT_EQ(r.error().code(), StatusCode::kCorrupt) << len;
  }
  // A flipped bit anywhere past the key is caught by the checksum (or the
  // header checks).
  for (std::size_t pos = 8; pos < file.size(); pos += file.size() / 101) {
    std::string bad = file;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x10);
    EXPECT_FALSE(DecodeIndexCache(bad, "k").has_value()) << "bit flipped at " << pos;
  }
}

TEST_F(IndexCacheTest, CorruptFileOnDiskIsRebuiltAndRewritten) {
  LoadUn();
  if (!store_) return;
  auto built = BuildScreener(*store_, CachePath());
  ASSERT_TRUE(built.has_value());
  const auto size = std::filesystem::file_size(CachePath());
  // Cut the file in half and scribble over its middle.
  std::filesystem::resize_file(CachePath(), size / 2);
  {
    std::fstream f(CachePath(), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 4));
    f.write("garbage!", 8);
  }
  auto key = match::IndexCacheKey(*store_);
  ASSERT_TRUE(key.has_value());
  EXPECT_FALSE(match::ReadIndexCache(CachePath(), *key).has_value());
  auto rebuilt = BuildScreener(*store_, CachePath());
  ASSERT_TRUE(rebuilt.has_value()) << rebuilt.error().ToString();
  EXPECT_EQ(Ids(**rebuilt, "Usama bin Ladin"), Ids(**built, "Usama bin Ladin"));
  EXPECT_EQ(std::filesystem::file_size(CachePath()), size);
  EXPECT_TRUE(match::ReadIndexCache(CachePath(), *key).has_value());
}

TEST_F(IndexCacheTest, UnwritableCachePathStillBuilds) {
  LoadUn();
  if (!store_) return;
  auto built = BuildScreener(*store_, (dir_ / "no-such-dir" / "x.index").string());
  ASSERT_TRUE(built.has_value()) << built.error().ToString();
  EXPECT_EQ((*built)->entity_count(), 1003u);
}

}  // namespace
}  // namespace interdict
