// libFuzzer target: the OFAC legacy CSV set parser. The input is split at
// "\n--\n" markers into the primary, alias, address and comments files, so
// the fuzzer also explores cross-file references (aliases of unknown ids).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "sources/parsers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::array<std::string_view, 4> parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::size_t cut = i + 1 < parts.size() ? rest.find("\n--\n") : std::string_view::npos;
    parts[i] = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 4);
  }
  interdict::sources::OfacCsvFiles files;
  files.primary = parts[0];
  files.alt = parts[1];
  files.add = parts[2];
  files.comments = parts[3];
  files.primary_name = "sdn.csv";
  files.alt_name = "alt.csv";
  files.add_name = "add.csv";
  files.comments_name = "sdn_comments.csv";
  files.consolidated = size > 0 && (data[0] & 1);
  interdict::fuzz::CheckListData(interdict::sources::ParseOfacCsvSet(files));
  return 0;
}
