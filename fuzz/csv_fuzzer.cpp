// libFuzzer target: the positioned CSV reader, comma- and tab-separated.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (char delimiter : {',', '\t'}) {
    interdict::sources::CsvReader reader(text, "fuzz-input", delimiter);
    interdict::sources::CsvRecord record;
    std::int64_t last_line = 0;
    while (reader.Next(&record)) {
      if (record.line < last_line || record.byte < 1 ||
          static_cast<std::size_t>(record.byte) > size + 1)
        __builtin_trap();  // positions must move forward and stay in range
      last_line = record.line;
    }
  }
  return 0;
}
