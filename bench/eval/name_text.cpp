#include "name_text.h"

#include <algorithm>
#include <cctype>

namespace interdict::eval {
namespace {

// Base letters of U+00C0..U+017F; '*' marks code points handled specially
// (ligatures and signs), ' ' those that are not letters.
constexpr std::string_view kLatin1Base =
    "aaaaaa*ceeeeiiii"   // C0-CF
    "dnooooo ouuuuy*s"   // D0-DF (D7 multiplication sign, DE thorn, DF sharp s)
    "aaaaaa*ceeeeiiii"   // E0-EF
    "dnooooo ouuuuy*y";  // F0-FF
constexpr std::string_view kLatinExtABase =
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iiiijjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oo**rrrrrrssssss"   // 150-15F (152/153 oe ligature)
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F
static_assert(kLatin1Base.size() == 64 && kLatinExtABase.size() == 128);

bool IsCombiningMark(char32_t c) { return c >= 0x300 && c <= 0x36F; }

// Appends the folded form of one code point.
void FoldCodePoint(char32_t c, std::u32string& out) {
  if (c < 0x80) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char32_t>(std::tolower(static_cast<int>(c))));
    } else if (c != '\'' && c != '`') {
      out.push_back(' ');
    }
    return;
  }
  if (IsCombiningMark(c) || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB) return;
  if (c >= 0xC0 && c <= 0xFF) {
    char base = kLatin1Base[c - 0xC0];
    if (c == 0xC6 || c == 0xE6) {
      out += U"ae";
    } else if (c == 0xDE || c == 0xFE) {
      out += U"th";
    } else if (c == 0xDF) {
      out += U"ss";
    } else {
      out.push_back(static_cast<char32_t>(base));
    }
    return;
  }
  if (c >= 0x100 && c <= 0x17F) {
    if (c == 0x152 || c == 0x153) {
      out += U"oe";
    } else if (c == 0x17F) {
      out.push_back('s');
    } else {
      out.push_back(static_cast<char32_t>(kLatinExtABase[c - 0x100]));
    }
    return;
  }
  if (c == 0x218 || c == 0x219) return out.push_back('s');  // Romanian comma below
  if (c == 0x21A || c == 0x21B) return out.push_back('t');
  if (c >= 0x410 && c <= 0x42F) return out.push_back(c + 0x20);  // Cyrillic capitals
  if (c >= 0x400 && c <= 0x40F) return out.push_back(c + 0x50);
  if (c >= 0x391 && c <= 0x3A9) return out.push_back(c + 0x20);  // Greek capitals
  // General punctuation, guillemets, quotes and dashes separate words.
  if ((c >= 0x2000 && c <= 0x206F) || c == 0xAB || c == 0xBB || c == 0x3000 ||
      (c >= 0x3001 && c <= 0x303F) || c == 0xFF08 || c == 0xFF09 || c == 0x60C) {
    out.push_back(' ');
    return;
  }
  out.push_back(c);
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return std::isalpha(static_cast<int>(c)) != 0;
  return c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x206F) &&
         !IsCombiningMark(c);
}

bool IsLatinLetter(char32_t c) {
  return c < 0x80 || (c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF);
}

// One Cyrillic letter (lower case) in our transliteration.
std::string_view CyrillicToLatin(char32_t lower) {
  static constexpr std::string_view kBasic[32] = {
      "a", "b", "v", "g", "d", "e",  "zh", "z",  "i",  "y",    "k", "l", "m", "n", "o",  "p",
      "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",  "y", "",  "e", "yu", "ya"};
  if (lower >= 0x430 && lower <= 0x44F) return kBasic[lower - 0x430];
  switch (lower) {
    case 0x451:
      return "e";  // yo
    case 0x456:
      return "i";  // Ukrainian i
    case 0x457:
      return "yi";  // yi
    case 0x454:
      return "ye";  // ye
    case 0x491:
      return "g";  // ghe with upturn
    default:
      return {};
  }
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > text.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t c = len == 1 ? b : b & (0x7F >> len);
    bool valid = true;
    for (int k = 1; k < len; ++k) {
      auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) valid = false;
      c = (c << 6) | (cont & 0x3F);
    }
    if (!valid) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) AppendUtf8(c, out);
  return out;
}

std::u32string FoldName(std::string_view name) {
  std::u32string folded;
  for (char32_t c : DecodeUtf8(name)) FoldCodePoint(c, folded);
  std::u32string out;
  for (char32_t c : folded) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string FoldNameUtf8(std::string_view name) { return EncodeUtf8(FoldName(name)); }

std::string TokenSetKey(std::string_view name) {
  std::vector<std::string> words = SplitWords(FoldNameUtf8(name));
  std::sort(words.begin(), words.end());
  return JoinWords(words);
}

std::string RomanisedKey(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
      {"kh", "h"}, {"gh", "g"}, {"dh", "d"}, {"th", "t"}, {"ph", "f"},
      {"ou", "u"}, {"oo", "u"}, {"ee", "i"}, {"q", "k"},  {"y", "i"}};
  std::vector<std::string> words = SplitWords(FoldNameUtf8(name));
  for (std::string& w : words) {
    for (const auto& [from, to] : kRules) {
      for (std::size_t at; (at = w.find(from)) != std::string::npos;)
        w.replace(at, from.size(), to);
    }
    w.erase(std::unique(w.begin(), w.end()), w.end());  // doubled letters
    if (w.size() > 3 && w.back() == 'h') w.pop_back();
  }
  std::sort(words.begin(), words.end());
  return JoinWords(words);
}

bool IsLatinName(std::string_view name) {
  for (char32_t c : DecodeUtf8(name)) {
    if (IsLetter(c) && !IsLatinLetter(c)) return false;
  }
  return true;
}

bool HasCyrillic(std::string_view name) {
  for (char32_t c : DecodeUtf8(name)) {
    if (c >= 0x400 && c <= 0x4FF) return true;
  }
  return false;
}

bool HasArabic(std::string_view name) {
  for (char32_t c : DecodeUtf8(name)) {
    if (c >= 0x600 && c <= 0x6FF) return true;
  }
  return false;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::string JoinWords(const std::vector<std::string>& words, std::string_view sep) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string MatchCase(std::string_view word, std::string_view model) {
  bool has_lower = false, has_upper = false;
  for (char c : model) {
    has_lower |= std::islower(static_cast<unsigned char>(c)) != 0;
    has_upper |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  if (has_upper && !has_lower) return AsciiUpper(word);
  std::string out = AsciiLower(word);
  if (has_upper && !out.empty() && std::isupper(static_cast<unsigned char>(model[0]))) {
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  }
  return out;
}

std::string TransliterateCyrillic(std::string_view text) {
  std::u32string decoded = DecodeUtf8(text);
  auto is_upper = [&](std::size_t i) {
    if (i >= decoded.size()) return false;
    char32_t c = decoded[i];
    return (c >= 0x400 && c <= 0x42F) || c == 0x490;
  };
  std::string out;
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    char32_t c = decoded[i];
    char32_t lower = c >= 0x410 && c <= 0x42F   ? c + 0x20
                     : c >= 0x400 && c <= 0x40F ? c + 0x50
                     : c == 0x490               ? 0x491
                                                : c;
    std::string_view latin = CyrillicToLatin(lower);
    if (latin.empty() && lower != 0x44A && lower != 0x44C) {
      AppendUtf8(c, out);
      continue;
    }
    if (!is_upper(i)) {
      out += latin;
    } else if (is_upper(i + 1) || (i > 0 && is_upper(i - 1))) {
      out += AsciiUpper(latin);  // inside an all-caps word
    } else {
      out += MatchCase(latin, "Xx");
    }
  }
  return out;
}

std::string VaryArabicOrthography(std::string_view text) {
  std::u32string out;
  for (char32_t c : DecodeUtf8(text)) {
    if (c == 0x623 || c == 0x625 || c == 0x622) {
      out.push_back(0x627);  // alef with hamza / madda -> bare alef
    } else if (c == 0x629) {
      out.push_back(0x647);  // ta marbuta -> ha
    } else if (c == 0x649) {
      out.push_back(0x64A);  // alef maqsura -> ya
    } else if ((c >= 0x64B && c <= 0x652) || c == 0x640) {
      continue;  // harakat, tatweel
    } else {
      out.push_back(c);
    }
  }
  return EncodeUtf8(out);
}

}  // namespace interdict::eval
