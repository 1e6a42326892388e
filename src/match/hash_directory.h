// A directory over a sorted array of 64-bit hashes.
//
// The index keeps its keys as sorted hashes (compact, trivially cached on
// disk). A binary search over hundreds of thousands of them costs ~19 steps
// whose last dozen each miss the cache; a directory on the hashes' top bits
// (about one entry per two hashes) turns a lookup into one directory read and
// a scan of a few adjacent hashes. It is derived data: rebuilt after building
// or reading the index, never stored.
#ifndef INTERDICT_MATCH_HASH_DIRECTORY_H_
#define INTERDICT_MATCH_HASH_DIRECTORY_H_

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace interdict::match {

class HashDirectory {
 public:
  // `hashes` must be sorted; the directory refers to their positions.
  void Build(const std::vector<std::uint64_t>& hashes) {
    const std::size_t n = hashes.size();
    const int bits = n < 4 ? 1 : std::bit_width(n / 2);
    shift_ = 64 - bits;
    starts_.assign((std::size_t{1} << bits) + 1, 0);
    // starts_[b] = first position whose bucket is >= b.
    std::size_t pos = 0;
    for (std::size_t b = 0; b + 1 < starts_.size(); ++b) {
      while (pos < n && (hashes[pos] >> shift_) < b) ++pos;
      starts_[b] = static_cast<std::uint32_t>(pos);
    }
    starts_.back() = static_cast<std::uint32_t>(n);
  }

  // Positions [first, second) of the hashes sharing `h`'s bucket; the caller
  // compares them with `h`.
  std::pair<std::uint32_t, std::uint32_t> Bucket(std::uint64_t h) const noexcept {
    if (starts_.empty()) return {0, 0};
    const std::size_t b = static_cast<std::size_t>(h >> shift_);
    return {starts_[b], starts_[b + 1]};
  }

  // Asks for `h`'s directory entry ahead of Bucket(h), so that several
  // lookups' cache misses overlap.
  void Prefetch(std::uint64_t h) const noexcept {
    if (!starts_.empty()) __builtin_prefetch(&starts_[static_cast<std::size_t>(h >> shift_)]);
  }

  std::size_t MemoryBytes() const noexcept { return starts_.capacity() * sizeof(std::uint32_t); }
  // The directory's own array (for memory advice).
  const std::uint32_t* data() const noexcept { return starts_.data(); }
  std::size_t bytes() const noexcept { return starts_.size() * sizeof(std::uint32_t); }

 private:
  int shift_ = 63;
  std::vector<std::uint32_t> starts_;
};

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_HASH_DIRECTORY_H_
