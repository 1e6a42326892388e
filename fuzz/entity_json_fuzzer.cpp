// libFuzzer target: reading entity JSON (what the store keeps). Whatever
// parses must re-serialise to JSON that parses to the same entity.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "interdict/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto entity = interdict::EntityFromJson(text);
  if (!entity) return 0;
  std::string once = interdict::EntityToJson(*entity);
  auto again = interdict::EntityFromJson(once);
  if (!again || interdict::EntityToJson(*again) != once) __builtin_trap();
  return 0;
}
