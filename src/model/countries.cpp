// Country lookup over the embedded table data/countries.tsv.
#include "interdict/countries.h"

#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace interdict::embedded {
extern const std::string_view countries_tsv;
}

namespace interdict {
namespace {

// Folds the handful of accented Latin letters that occur in country names
// (Türkiye, Côte d'Ivoire, Curaçao, Réunion, Åland) to ASCII; other
// non-ASCII bytes are kept so that no two names are merged by accident.
std::string FoldAccent(std::string_view utf8_char) {
  static const std::unordered_map<std::string_view, char> kFold = {
      {"ü", 'u'}, {"Ü", 'u'}, {"ô", 'o'}, {"Ô", 'o'}, {"é", 'e'}, {"É", 'e'}, {"è", 'e'},
      {"ç", 'c'}, {"Å", 'a'}, {"å", 'a'}, {"ã", 'a'}, {"í", 'i'}, {"ó", 'o'}, {"ö", 'o'}};
  auto it = kFold.find(utf8_char);
  return it == kFold.end() ? std::string(utf8_char) : std::string(1, it->second);
}

struct Word {
  std::string folded;  // lower case, accents folded
  bool upper = true;   // every letter was upper case in the original
};

// Splits text into words of letters and digits; everything else separates.
std::vector<Word> Words(std::string_view text) {
  std::vector<Word> words;
  Word cur;
  auto flush = [&] {
    if (!cur.folded.empty()) words.push_back(std::move(cur));
    cur = Word{};
  };
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      len = std::min(len, text.size() - i);
      cur.folded += FoldAccent(text.substr(i, len));
      i += len;
      continue;
    }
    if (std::isalnum(c)) {
      if (std::islower(c)) cur.upper = false;
      cur.folded += static_cast<char>(std::tolower(c));
    } else if (c != '\'') {  // "d'Ivoire" and "d Ivoire" fold alike
      flush();
    }
    ++i;
  }
  flush();
  return words;
}

std::string Join(const std::vector<Word>& words, std::size_t from, std::size_t to) {
  std::string key;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) key += ' ';
    key += words[i].folded;
  }
  return key;
}

struct Table {
  std::unordered_map<std::string, std::string> by_name;  // folded name -> code
  std::unordered_map<std::string, std::string> by_code;  // folded alpha-2/3 -> code
  std::unordered_map<std::string, std::string> names;    // code -> English name
  std::size_t max_words = 1;
};

std::string Key(std::string_view text) {
  std::vector<Word> words = Words(text);
  if (!words.empty() && words.front().folded == "the") words.erase(words.begin());
  return Join(words, 0, words.size());
}

Table BuildTable() {
  Table t;
  std::string_view data = embedded::countries_tsv;
  while (!data.empty()) {
    std::size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    if (line.empty() || line.front() == '#') continue;
    std::size_t t1 = line.find('\t');
    std::size_t t2 = line.find('\t', t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) continue;
    std::string code(line.substr(0, t1));
    std::string alpha3(line.substr(t1 + 1, t2 - t1 - 1));
    t.by_code[code] = code;
    if (!alpha3.empty()) t.by_code[Key(alpha3)] = code;
    std::string_view names = line.substr(t2 + 1);
    bool first = true;
    while (!names.empty()) {
      std::size_t bar = names.find('|');
      std::string_view name = names.substr(0, bar);
      names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
      if (first) t.names[code] = std::string(name);
      first = false;
      std::string key = Key(name);
      t.by_name.emplace(key, code);
      t.max_words = std::max(t.max_words, Words(name).size());
    }
  }
  return t;
}

const Table& GetTable() {
  static const Table table = BuildTable();
  return table;
}

}  // namespace

std::vector<std::string> CountryCodesIn(std::string_view text) {
  const Table& t = GetTable();
  std::vector<Word> words = Words(text);
  std::vector<std::string> found;
  auto add = [&](const std::string& code) {
    for (const auto& f : found)
      if (f == code) return;
    found.push_back(code);
  };
  for (std::size_t i = 0; i < words.size();) {
    std::size_t matched = 0;
    for (std::size_t n = std::min(t.max_words, words.size() - i); n >= 1 && !matched; --n) {
      auto it = t.by_name.find(Join(words, i, i + n));
      if (it != t.by_name.end()) {
        add(it->second);
        matched = n;
      }
    }
    // Bare codes only count when written in capitals ("IRN", "US"), so that
    // words such as "in" or "as" in free text are not read as countries.
    if (!matched && words[i].upper && words[i].folded.size() <= 3 &&
        !std::isdigit(static_cast<unsigned char>(words[i].folded[0]))) {
      auto it = t.by_code.find(words[i].folded);
      if (it != t.by_code.end()) {
        add(it->second);
        matched = 1;
      }
    }
    i += matched ? matched : 1;
  }
  return found;
}

std::string CountryCode(std::string_view text) {
  const Table& t = GetTable();
  std::string key = Key(text);
  if (key.empty()) return "";
  if (auto it = t.by_name.find(key); it != t.by_name.end()) return it->second;
  if (auto it = t.by_code.find(key); it != t.by_code.end() && key.size() <= 3) return it->second;
  std::vector<std::string> codes = CountryCodesIn(text);
  return codes.size() == 1 ? codes.front() : "";
}

std::string_view CountryName(std::string_view code) {
  const Table& t = GetTable();
  auto it = t.names.find(std::string(code));
  return it == t.names.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace interdict
