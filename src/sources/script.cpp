#include "sources/script.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "sources/io.h"

namespace interdict::sources {
namespace {

enum Script : std::uint8_t {
  kLatn,
  kGrek,
  kCyrl,
  kArmn,
  kHebr,
  kArab,
  kSyrc,
  kThaa,
  kDeva,
  kBeng,
  kGuru,
  kGujr,
  kOrya,
  kTaml,
  kTelu,
  kKnda,
  kMlym,
  kSinh,
  kThai,
  kLaoo,
  kTibt,
  kMymr,
  kGeor,
  kHang,
  kEthi,
  kKhmr,
  kMong,
  kHira,
  kKana,
  kHani,
  kScriptCount
};

constexpr std::array<std::string_view, kScriptCount> kScriptCodes = {
    "Latn", "Grek", "Cyrl", "Armn", "Hebr", "Arab", "Syrc", "Thaa", "Deva", "Beng",
    "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai", "Laoo",
    "Tibt", "Mymr", "Geor", "Hang", "Ethi", "Khmr", "Mong", "Hira", "Kana", "Hani"};

struct Block {
  char32_t first, last;
  Script script;
};

// Letter-bearing Unicode blocks, sorted by first code point. Blocks not
// listed (punctuation, symbols, combining marks, digits) count for nothing.
constexpr Block kBlocks[] = {
    {0x0041, 0x005A, kLatn}, {0x0061, 0x007A, kLatn},   {0x00AA, 0x00AA, kLatn},
    {0x00BA, 0x00BA, kLatn}, {0x00C0, 0x00D6, kLatn},   {0x00D8, 0x00F6, kLatn},
    {0x00F8, 0x02AF, kLatn}, {0x0370, 0x03FF, kGrek},   {0x0400, 0x052F, kCyrl},
    {0x0530, 0x058F, kArmn}, {0x0590, 0x05FF, kHebr},   {0x0600, 0x06FF, kArab},
    {0x0700, 0x074F, kSyrc}, {0x0750, 0x077F, kArab},   {0x0780, 0x07BF, kThaa},
    {0x08A0, 0x08FF, kArab}, {0x0900, 0x097F, kDeva},   {0x0980, 0x09FF, kBeng},
    {0x0A00, 0x0A7F, kGuru}, {0x0A80, 0x0AFF, kGujr},   {0x0B00, 0x0B7F, kOrya},
    {0x0B80, 0x0BFF, kTaml}, {0x0C00, 0x0C7F, kTelu},   {0x0C80, 0x0CFF, kKnda},
    {0x0D00, 0x0D7F, kMlym}, {0x0D80, 0x0DFF, kSinh},   {0x0E00, 0x0E7F, kThai},
    {0x0E80, 0x0EFF, kLaoo}, {0x0F00, 0x0FFF, kTibt},   {0x1000, 0x109F, kMymr},
    {0x10A0, 0x10FF, kGeor}, {0x1100, 0x11FF, kHang},   {0x1200, 0x139F, kEthi},
    {0x1780, 0x17FF, kKhmr}, {0x1800, 0x18AF, kMong},   {0x1C80, 0x1C8F, kCyrl},
    {0x1C90, 0x1CBF, kGeor}, {0x1E00, 0x1EFF, kLatn},   {0x1F00, 0x1FFF, kGrek},
    {0x2C60, 0x2C7F, kLatn}, {0x2D00, 0x2D2F, kGeor},   {0x2DE0, 0x2DFF, kCyrl},
    {0x3040, 0x309F, kHira}, {0x30A0, 0x30FF, kKana},   {0x3130, 0x318F, kHang},
    {0x31F0, 0x31FF, kKana}, {0x3400, 0x4DBF, kHani},   {0x4E00, 0x9FFF, kHani},
    {0xA640, 0xA69F, kCyrl}, {0xA720, 0xA7FF, kLatn},   {0xAB30, 0xAB6F, kLatn},
    {0xAC00, 0xD7AF, kHang}, {0xF900, 0xFAFF, kHani},   {0xFB00, 0xFB06, kLatn},
    {0xFB1D, 0xFB4F, kHebr}, {0xFB50, 0xFDFF, kArab},   {0xFE70, 0xFEFF, kArab},
    {0xFF21, 0xFF3A, kLatn}, {0xFF41, 0xFF5A, kLatn},   {0xFF66, 0xFF9F, kKana},
    {0xFFA0, 0xFFDC, kHang}, {0x20000, 0x323AF, kHani},
};

// Decodes the code point at s[*pos] and advances *pos; returns U+FFFD (which
// no block claims) for an invalid or truncated sequence, skipping one byte.
char32_t NextCodePoint(std::string_view s, std::size_t* pos) noexcept {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char lead = byte(*pos);
  std::size_t length = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
  if (length == 0 || *pos + length > s.size()) {
    ++*pos;
    return 0xFFFD;
  }
  char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    unsigned char next = byte(*pos + i);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  *pos += length;
  return cp;
}

int ScriptOf(char32_t cp) noexcept {
  const Block* end = std::end(kBlocks);
  const Block* block = std::upper_bound(std::begin(kBlocks), end, cp,
                                        [](char32_t c, const Block& b) { return c < b.first; });
  if (block == std::begin(kBlocks)) return -1;
  --block;
  return cp <= block->last ? block->script : -1;
}

}  // namespace

std::string_view DetectScript(std::string_view utf8) noexcept {
  std::array<std::size_t, kScriptCount> counts{};
  for (std::size_t pos = 0; pos < utf8.size();) {
    int script = ScriptOf(NextCodePoint(utf8, &pos));
    if (script >= 0) ++counts[script];
  }
  // Kana marks Japanese, which mixes kana with kanji (Han) freely.
  if (counts[kHira] + counts[kKana] > 0) {
    counts[kHira] += counts[kKana] + counts[kHani];
    counts[kKana] = counts[kHani] = 0;
  }
  auto best = std::max_element(counts.begin(), counts.end());
  if (*best == 0) return "";
  if (best - counts.begin() == kHira) return "Jpan";
  return kScriptCodes[best - counts.begin()];
}

Status CheckUtf8(std::string_view text, std::string_view name) {
  std::size_t bad = FindInvalidUtf8(text);
  if (bad == std::string_view::npos) return Status::Ok();
  return Status::ParseError("invalid UTF-8 (expected UTF-8 text)")
      .InFile(std::string(name))
      .AtLine(LineOfOffset(text, bad))
      .AtByte(static_cast<std::int64_t>(bad) + 1);
}

}  // namespace interdict::sources
