// libFuzzer target: format detection and dispatch, including the gzip and
// ZIP layers, exactly as `interdict load` reads a downloaded file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  interdict::ParseOptions options;
  options.max_bytes = 8 << 20;  // keep decompression bombs cheap
  interdict::fuzz::CheckListData(interdict::ParseBuffer(bytes, "fuzz-input", options));
  return 0;
}
