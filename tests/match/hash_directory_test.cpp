// HashDirectory: the bucket of a hash must hold every position of that hash
// in the sorted array, whatever the array's size and the hashes' spread.
#include "match/hash_directory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace interdict::match {
namespace {

// Positions [first, last) of `h` in `hashes`, found through the directory.
std::pair<std::size_t, std::size_t> Find(const HashDirectory& d,
                                         const std::vector<std::uint64_t>& hashes,
                                         std::uint64_t h) {
  const auto [begin, end] = d.Bucket(h);
  std::size_t first = end, last = end;
  for (std::uint32_t i = begin; i < end; ++i) {
    if (hashes[i] != h) continue;
    if (first == end) first = i;
    last = i + 1;
  }
  return {first == end ? 0 : first, first == end ? 0 : last};
}

void ExpectFindsEvery(const std::vector<std::uint64_t>& hashes) {
  HashDirectory d;
  d.Build(hashes);
  for (std::uint64_t h : hashes) {
    const auto range = std::equal_range(hashes.begin(), hashes.end(), h);
    const auto [first, last] = Find(d, hashes, h);
    EXPECT_EQ(first, static_cast<std::size_t>(range.first - hashes.begin())) << h;
    EXPECT_EQ(last, static_cast<std::size_t>(range.second - hashes.begin())) << h;
  }
}

TEST(HashDirectory, EmptyAndTinyArrays) {
  HashDirectory empty;
  EXPECT_EQ(empty.Bucket(42).first, empty.Bucket(42).second);  // never built
  empty.Build({});
  const auto [begin, end] = empty.Bucket(~0ull);
  EXPECT_EQ(begin, end);
  ExpectFindsEvery({7});
  ExpectFindsEvery({0, ~0ull});
  ExpectFindsEvery({1, 1, 1});
}

TEST(HashDirectory, RandomHashesWithDuplicates) {
  std::mt19937_64 rng(3);
  std::vector<std::uint64_t> hashes(5000);
  for (std::size_t i = 0; i < hashes.size(); ++i) hashes[i] = i % 7 == 0 ? hashes[i / 2] : rng();
  std::sort(hashes.begin(), hashes.end());
  ExpectFindsEvery(hashes);
  // A hash that is absent falls in a bucket without it.
  HashDirectory d;
  d.Build(hashes);
  std::uint64_t absent = 12345;
  while (std::binary_search(hashes.begin(), hashes.end(), absent)) ++absent;
  const auto [first, last] = Find(d, hashes, absent);
  EXPECT_EQ(first, last);
}

TEST(HashDirectory, HashesSharingTheirTopBitsShareABucket) {
  // Every hash in the lowest bucket: one long scan, still correct.
  std::vector<std::uint64_t> hashes;
  for (std::uint64_t i = 0; i < 1000; ++i) hashes.push_back(i * 3);
  hashes.push_back(~0ull - 1);
  ExpectFindsEvery(hashes);
  HashDirectory d;
  d.Build(hashes);
  const auto [begin, end] = d.Bucket(0);
  EXPECT_EQ(begin, 0u);
  EXPECT_EQ(end, 1000u);
  EXPECT_EQ(d.Bucket(~0ull - 1).second, hashes.size());
}

}  // namespace
}  // namespace interdict::match
