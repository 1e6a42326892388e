#include "sources/entity_builder.h"

#include <cctype>

namespace interdict::sources {

void AddUniqueDate(std::vector<DateValue>& dates, DateValue date) {
  for (const DateValue& d : dates) {
    if (d.from == date.from && d.to == date.to && d.approximate == date.approximate &&
        d.text == date.text) {
      return;
    }
  }
  dates.push_back(std::move(date));
}

bool AddUniqueName(std::vector<Name>& names, Name name) {
  if (name.full.empty()) return false;
  for (const Name& n : names) {
    if (n.full == name.full && n.language == name.language) return false;
  }
  names.push_back(std::move(name));
  return true;
}

void AddUniqueAddress(std::vector<Address>& addresses, Address address) {
  if (address.full.empty()) return;
  for (const Address& a : addresses) {
    if (a.full == address.full) return;
  }
  addresses.push_back(std::move(address));
}

std::string JoinNonEmpty(std::initializer_list<std::string_view> parts,
                         std::string_view separator) {
  std::string out;
  for (std::string_view part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<PartialDate> ParseDayMonthYear(std::string_view text) noexcept {
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  std::string_view day = text.substr(0, 2), month = text.substr(3, 2), year = text.substr(6, 4);
  if (month == "00" && day != "00") return std::nullopt;
  // PartialDate::Parse validates digits, ranges and the day of the month.
  std::string iso(year);
  if (month != "00") {
    iso.append("-").append(month);
    if (day != "00") iso.append("-").append(day);
  }
  return PartialDate::Parse(iso);
}

}  // namespace interdict::sources
