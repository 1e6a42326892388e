// libFuzzer target: the OFAC enhanced XML parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "sources/parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  interdict::fuzz::CheckListData(interdict::sources::ParseOfacXml(bytes, "fuzz-input"));
  return 0;
}
