// Company-name rewrites and the Latin-to-Cyrillic writer of the held-out set
// (heldout_forms.h).
#include <algorithm>
#include <cctype>

#include "heldout_forms.h"
#include "name_text.h"

namespace interdict::eval {
namespace {

// Upper case, letters and digits only: "Co., Ltd." -> "COLTD".
std::string Key(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

// One meaning per group, spelled in several languages or styles; a typist
// uses the form of their own country. Not the engine's table.
const std::vector<std::vector<std::string>>& LegalFormGroups() {
  static const std::vector<std::vector<std::string>> kGroups = {
      {"LLC", "L.L.C.", "OOO", "TOO", "SARL", "GmbH", "S.R.L.", "Sp. z o.o.", "Ltda.",
       "Limited Liability Company", "Limited Liability Co."},
      {"JSC", "AO", "A.O.", "S.A.", "AG", "Joint-Stock Company", "Joint Stock Co.", "AD"},
      {"OJSC", "OAO", "Open Joint Stock Company", "Open Joint-Stock Co."},
      {"CJSC", "ZAO", "Closed Joint Stock Company", "Closed Joint-Stock Co."},
      {"PJSC", "PAO", "Public Joint Stock Company", "Public JSC"},
      {"LTD", "Ltd.", "Limited", "Co. Ltd", "Co., Ltd.", "Company Limited"},
      {"INC", "Inc.", "Incorporated", "Corp.", "Corporation"},
      {"CO", "Co.", "Company"},
      {"FZE", "F.Z.E.", "FZCO", "Free Zone Establishment"},
      {"PLC", "P.L.C.", "Public Limited Company"},
      {"SDN BHD", "Sdn. Bhd.", "Sendirian Berhad"},
      {"PTE LTD", "Pte. Ltd.", "Private Limited"},
  };
  return kGroups;
}

// Abbreviation pairs, used either way.
const std::vector<std::pair<std::string, std::string>>& Abbreviations() {
  static const std::vector<std::pair<std::string, std::string>> kPairs = {
      {"International", "Intl"}, {"International", "Int'l"}, {"Company", "Co"},
      {"Corporation", "Corp"},   {"Manufacturing", "Mfg"},   {"Industries", "Ind"},
      {"Industries", "Inds"},    {"Industrial", "Indl"},     {"Trading", "Trdg"},
      {"Brothers", "Bros"},      {"Engineering", "Engg"},    {"Import", "Imp"},
      {"Export", "Exp"},         {"Establishment", "Est"},   {"Group", "Grp"},
      {"Services", "Svcs"},      {"Technology", "Tech"},     {"Technologies", "Tech"},
      {"Development", "Dev"},    {"Organization", "Org"},    {"Association", "Assn"},
      {"Holding", "Hldg"},       {"Holdings", "Hldgs"},      {"Management", "Mgmt"},
      {"Investment", "Inv"},     {"Electronics", "Elec"},    {"Shipping", "Shpg"},
      {"Petroleum", "Petro"},    {"Equipment", "Equip"},     {"Limited", "Ltd"},
      {"Incorporated", "Inc"},   {"Brothers", "Bros."},      {"Commercial", "Coml"},
  };
  return kPairs;
}

// Trailing legal form: how many words, and its group; {0, -1} when none.
std::pair<std::size_t, int> TrailingForm(const std::vector<std::string>& words) {
  const auto& groups = LegalFormGroups();
  for (std::size_t n = std::min<std::size_t>(4, words.size() - 1); n >= 1; --n) {
    std::vector<std::string> tail(words.end() - static_cast<std::ptrdiff_t>(n), words.end());
    const std::string key = Key(JoinWords(tail));
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (const std::string& form : groups[g]) {
        if (Key(form) == key) return {n, static_cast<int>(g)};
      }
    }
  }
  return {0, -1};
}

using Options = std::vector<std::pair<std::vector<std::string>, std::string>>;

void LegalFormOptions(const std::vector<std::string>& words, bool upper, Options& out) {
  auto [n, group] = TrailingForm(words);
  if (n == 0) return;
  std::vector<std::string> body(words.begin(), words.end() - static_cast<std::ptrdiff_t>(n));
  if (!body.empty() && body.back().ends_with(",")) body.back().pop_back();
  for (const std::string& form : LegalFormGroups()[static_cast<std::size_t>(group)]) {
    std::vector<std::string> w = body;
    for (const std::string& part : SplitWords(upper ? AsciiUpper(form) : form)) w.push_back(part);
    out.emplace_back(std::move(w), "legal-form-respelled");
  }
}

// A leading legal form ("OAO AVIASTAR", "OOO X") written after the name, in
// its own or another spelling, as a foreign typist would.
void LeadingFormOptions(const std::vector<std::string>& words, bool upper, Options& out) {
  for (std::size_t n = std::min<std::size_t>(2, words.size() - 1); n >= 1; --n) {
    const std::string key =
        Key(JoinWords({words.begin(), words.begin() + static_cast<std::ptrdiff_t>(n)}));
    for (const auto& group : LegalFormGroups()) {
      if (std::none_of(group.begin(), group.end(),
                       [&](const std::string& f) { return Key(f) == key; })) {
        continue;
      }
      for (const std::string& form : group) {
        std::vector<std::string> w(words.begin() + static_cast<std::ptrdiff_t>(n), words.end());
        for (const std::string& part : SplitWords(upper ? AsciiUpper(form) : form)) {
          w.push_back(part);
        }
        out.emplace_back(std::move(w), "leading-legal-form-moved");
      }
      return;
    }
  }
}

void AbbreviationOptions(const std::vector<std::string>& words, Options& out) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string core = words[i];
    std::string trail;
    while (!core.empty() && (core.back() == ',' || core.back() == '.')) {
      trail.insert(trail.begin(), core.back());
      core.pop_back();
    }
    for (const auto& [full, abbr] : Abbreviations()) {
      for (int dir = 0; dir < 2; ++dir) {
        const std::string& from = dir == 0 ? full : abbr;
        const std::string& to = dir == 0 ? abbr : full;
        if (Key(core) != Key(from)) continue;
        std::vector<std::string> w = words;
        w[i] = MatchCase(to, core) + trail;
        out.emplace_back(std::move(w), dir == 0 ? "abbreviated" : "expanded");
      }
    }
  }
}

void ConnectorOptions(const std::vector<std::string>& words, bool upper, Options& out) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string lower = AsciiLower(words[i]);
    if (lower == "&" || lower == "and") {
      std::vector<std::string> w = words;
      w[i] = lower == "&" ? (upper ? "AND" : "and") : "&";
      out.emplace_back(w, "and/&");
    }
  }
  if (!words.empty() && AsciiLower(words[0]) == "the") {
    out.emplace_back(std::vector<std::string>(words.begin() + 1, words.end()), "the-dropped");
  } else {
    std::vector<std::string> w = {upper ? "THE" : "The"};
    w.insert(w.end(), words.begin(), words.end());
    out.emplace_back(std::move(w), "the-added");
  }
}

// "Bank Melli" <-> "Melli Bank", "Banco X" -> "X Banco".
void BankOrderOptions(const std::vector<std::string>& words, Options& out) {
  auto is_bank = [](const std::string& w) {
    const std::string k = Key(w);
    return k == "BANK" || k == "BANCO" || k == "BANQUE" || k == "BANCA";
  };
  if (words.size() < 2 || words.size() > 4) return;
  if (is_bank(words.front())) {
    std::vector<std::string> w(words.begin() + 1, words.end());
    w.push_back(words.front());
    out.emplace_back(std::move(w), "bank-moved-last");
  } else if (is_bank(words.back())) {
    std::vector<std::string> w = {words.back()};
    w.insert(w.end(), words.begin(), words.end() - 1);
    out.emplace_back(std::move(w), "bank-moved-first");
  }
}

}  // namespace

std::optional<std::string> CompanyVariant(std::string_view name, Rng& rng, std::string& note) {
  std::vector<std::string> words = SplitWords(name);
  if (words.empty()) return std::nullopt;
  const bool upper = AsciiUpper(name) == name;
  note.clear();
  // One or two rewrites, each chosen among those that apply at that point.
  const int rounds = rng.Chance(0.35) ? 2 : 1;
  for (int round = 0; round < rounds; ++round) {
    Options options;
    LegalFormOptions(words, upper, options);
    if (words.size() > 1) LeadingFormOptions(words, upper, options);
    AbbreviationOptions(words, options);
    BankOrderOptions(words, options);
    // "The" and "&" apply to nearly every name: offer them only when nothing
    // more specific does, or in a second round.
    if (options.empty() || round == 1) ConnectorOptions(words, upper, options);
    if (options.empty()) break;
    auto [changed, what] = rng.Pick(options);
    words = std::move(changed);
    note += (note.empty() ? "" : "+") + what;
  }
  std::string query = JoinWords(words);
  if (note.empty() || FoldNameUtf8(query) == FoldNameUtf8(name)) return std::nullopt;
  return query;
}

std::string LatinToCyrillic(std::string_view latin) {
  // Longest spelling first at each position.
  // "iye"/"iya"/"iyu" are BGN's ие/ия/ию (Valeriyevich, Mariya); a "y"
  // after a consonant is ы (Kadyrov), after a vowel й (Sergey).
  static const std::vector<std::pair<std::string_view, std::string_view>> kRules = {
      {"shch", "щ"}, {"iye", "ие"}, {"iya", "ия"}, {"iyu", "ию"}, {"kh", "х"}, {"zh", "ж"},
      {"ts", "ц"},   {"ch", "ч"},   {"sh", "ш"},   {"yu", "ю"},   {"ya", "я"}, {"yo", "ё"},
      {"ye", "е"},   {"iy", "ий"},  {"a", "а"},    {"b", "б"},    {"v", "в"},  {"g", "г"},
      {"d", "д"},    {"e", "е"},    {"z", "з"},    {"i", "и"},    {"k", "к"},  {"l", "л"},
      {"m", "м"},    {"n", "н"},    {"o", "о"},    {"p", "п"},    {"r", "р"},  {"s", "с"},
      {"t", "т"},    {"u", "у"},    {"f", "ф"},    {"h", "х"},    {"c", "к"},  {"w", "в"},
      {"x", "кс"},   {"j", "дж"},   {"q", "к"},    {"'", "ь"}};
  std::string out;
  for (const std::string& word : SplitWords(AsciiLower(latin))) {
    if (!out.empty()) out += ' ';
    bool first = true;
    for (std::size_t i = 0; i < word.size();) {
      if (first && word[i] == 'e') {  // an initial e is э in Russian (Eduard)
        out += "Э";
        ++i;
        first = false;
        continue;
      }
      if (word[i] == 'y' && !first && (i + 1 >= word.size() || word[i + 1] != 'y')) {
        const bool after_vowel = std::string_view("aeiou").find(word[i - 1]) != std::string::npos;
        out += after_vowel ? "й" : "ы";
        ++i;
        continue;
      }
      bool matched = false;
      for (const auto& [from, to] : kRules) {
        if (word.compare(i, from.size(), from) != 0) continue;
        std::string piece(to);
        if (first) {  // capitals are the lower-case letter less 0x20 (U+0410..U+042F)
          std::u32string d = DecodeUtf8(piece);
          if (d[0] >= 0x430 && d[0] <= 0x44F) d[0] -= 0x20;
          if (d[0] == 0x451) d[0] = 0x401;
          piece = EncodeUtf8(d);
        }
        out += piece;
        i += from.size();
        matched = true;
        break;
      }
      if (!matched) out.push_back(word[i++]);
      first = false;
    }
  }
  return out;
}

}  // namespace interdict::eval
