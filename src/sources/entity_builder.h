// Small helpers for parsers that assemble one Entity from several records or
// elements (EU FSF, UK HMT): adding values without repeats, joining optional
// parts, and the day-first dates European lists use. Pure functions; safe
// from any thread.
#ifndef INTERDICT_SOURCES_ENTITY_BUILDER_H_
#define INTERDICT_SOURCES_ENTITY_BUILDER_H_

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"

namespace interdict::sources {

// Appends `value` unless an equal value is already present. Lists repeat
// facts once per amending regulation or alias row; the entity keeps one.
template <typename T>
void AddUnique(std::vector<T>& values, T value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    values.push_back(std::move(value));
  }
}

// AddUnique for dates (DateValue has no operator==).
void AddUniqueDate(std::vector<DateValue>& dates, DateValue date);

// Appends `name` unless a name with the same text and language is present;
// the first occurrence keeps its place, so a primary name stays first.
// Returns false when it was a repeat (or empty).
bool AddUniqueName(std::vector<Name>& names, Name name);

// Appends `address` unless one with the same `full` text is present.
void AddUniqueAddress(std::vector<Address>& addresses, Address address);

// The non-empty parts joined by `separator`.
std::string JoinNonEmpty(std::initializer_list<std::string_view> parts, std::string_view separator);

// ASCII lower case.
std::string AsciiLower(std::string_view text);

// "dd/mm/yyyy" as UK and EU lists write dates. "00" marks an unknown day or
// month ("00/00/1969" is 1969, "00/05/1969" is 1969-05). nullopt for any
// other shape, an impossible date, or a known day in an unknown month.
std::optional<PartialDate> ParseDayMonthYear(std::string_view text) noexcept;

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_ENTITY_BUILDER_H_
