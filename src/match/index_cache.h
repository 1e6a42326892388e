// The on-disk index cache: a snapshot of a built IndexScreener kept beside
// the store (normally "<db>.index"), so a process is ready to screen in a
// fraction of the time building the index takes.
//
// File layout (little-endian):
//
//   "IDXCACHE"  u32 format  u64 build fingerprint  u32 key length, key
//   u64 payload length  u64 Checksum64(payload)  payload
//
// The key names what the snapshot was built from (each list's current
// version id and content hash); the build fingerprint what built it (cache
// format, name tables, ICU version). A cache whose key or fingerprint
// differs is stale; one whose header, length, checksum or structure is
// wrong is corrupt. Either way the caller rebuilds and rewrites it.
#ifndef INTERDICT_MATCH_INDEX_CACHE_H_
#define INTERDICT_MATCH_INDEX_CACHE_H_

#include <memory>
#include <string>
#include <string_view>

#include "interdict/status.h"
#include "match/screener.h"

namespace interdict {
class Store;
}

namespace interdict::match {

inline constexpr std::uint32_t kIndexCacheFormat = 2;  // 2: per-token name roles

// What the screener over `store` would be built from.
Result<std::string> IndexCacheKey(Store& store);

// The whole cache file for `screener` built from `key`.
std::string EncodeIndexCache(const IndexScreener& screener, std::string_view key);

// The screener in `file` when it was built from `key` by this build: a
// kNotFound status when stale, kCorrupt when damaged.
Result<std::unique_ptr<IndexScreener>> DecodeIndexCache(std::string_view file,
                                                        std::string_view key);

// File forms of the above. Writing goes through a temporary file renamed
// over `path`, so readers never see a half-written cache.
Status WriteIndexCache(const std::string& path, const IndexScreener& screener,
                       std::string_view key);
Result<std::unique_ptr<IndexScreener>> ReadIndexCache(const std::string& path,
                                                      std::string_view key);

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_INDEX_CACHE_H_
