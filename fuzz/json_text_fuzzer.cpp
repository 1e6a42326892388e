// libFuzzer target: the direct JSON writer (model/json_text.h) against
// nlohmann on arbitrary bytes. A string must come out exactly as nlohmann
// dumps it (invalid UTF-8 replaced), and the first eight bytes read as a
// double must be written as a JSON number that reads back as the same
// double (null when not finite). Byte equality with nlohmann's numbers is
// checked on the values actually written (tests/model/json_text_test.cpp):
// nlohmann's Grisu2 is not always shortest, to_chars is.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "model/json_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string written;
  interdict::json_text::AppendString(written, input);
  const std::string reference = nlohmann::json(std::string(input))
                                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (written != reference) std::abort();
  if (size >= sizeof(double)) {
    double value;
    std::memcpy(&value, data, sizeof value);
    std::string number;
    interdict::json_text::AppendNumber(number, value);
    if (!std::isfinite(value)) {
      if (number != "null") std::abort();
    } else {
      const nlohmann::json back = nlohmann::json::parse(number, nullptr, false);
      if (!back.is_number_float() || back.get<double>() != value) std::abort();
    }
  }
  return 0;
}
