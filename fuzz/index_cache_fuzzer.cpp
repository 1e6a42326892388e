// libFuzzer target: the on-disk index cache decoder on arbitrary bytes.
//
// The first byte picks the layer: even bytes feed the rest to the whole-file
// decoder (header, length, checksum), odd bytes skip the checksum and feed
// the payload decoder directly, since random bytes almost never pass the
// checksum and the structure checks behind it must hold on their own. A
// decoded screener must answer queries without reading out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "match/index_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::unique_ptr<interdict::match::IndexScreener> screener;
  if (data[0] % 2 == 0) {
    auto decoded = interdict::match::DecodeIndexCache(input, "k");
    if (!decoded) {
      if (decoded.error().ok() || decoded.error().message().empty()) std::abort();
      return 0;
    }
    screener = std::move(*decoded);
  } else {
    interdict::match::ByteReader reader(input);
    screener = interdict::match::IndexScreener::Deserialize(reader);
    if (!screener) return 0;
  }
  for (const char* name : {"usama bin ladin", "al qaida", "abdulrahman", "x"}) {
    interdict::ScreenQuery q;
    q.name = name;
    interdict::ScreenOptions o;
    o.threshold = 0;
    for (const interdict::ScreenMatch& m : screener->Screen(q, o)) {
      if (!(m.score >= 0.0 && m.score <= 1.0)) std::abort();
    }
    o.exhaustive = true;
    (void)screener->Screen(q, o);
  }
  return 0;
}
