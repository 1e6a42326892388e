// libFuzzer target: the normaliser and the name scorer on arbitrary bytes.
// The input is split at the first NUL (or in half) into two names; both are
// normalised, prepared and compared. Nothing may crash, hang or exceed the
// documented token limits, and a score must lie in [0, 1].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "interdict/screen.h"
#include "text/normalize.h"
#include "text/prepared.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<interdict::Screener> screener = [] {
    auto built = interdict::BuildScreener(std::vector<interdict::Entity>{});
    if (!built) std::abort();
    return std::move(*built);
  }();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t cut = input.find('\0');
  if (cut == std::string_view::npos) cut = size / 2;
  const std::string_view a = input.substr(0, cut);
  const std::string_view b = input.substr(cut < size ? cut + 1 : cut);

  const auto tokens = interdict::text::NormalizeTokens(a);
  if (tokens.size() > interdict::text::kMaxTokens) std::abort();
  for (const auto& t : tokens) {
    if (t.empty() || t.size() > interdict::text::kMaxTokenLength) std::abort();
    for (char c : t) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) std::abort();
    }
  }
  const interdict::ScreenMatch m = screener->Compare(a, b, std::nullopt);
  if (!(m.score >= 0.0 && m.score <= 1.0)) std::abort();
  return 0;
}
