#include "sources/entity_merge.h"

#include <string>
#include <tuple>

#include "sources/entity_builder.h"

namespace interdict::sources {

bool SameName(const Name& a, const Name& b) noexcept {
  return a.full == b.full && a.kind == b.kind && a.quality == b.quality;
}

bool SameDate(const DateValue& a, const DateValue& b) noexcept {
  return a.from == b.from && a.to == b.to && a.approximate == b.approximate && a.text == b.text;
}

bool SameAddress(const Address& a, const Address& b) noexcept {
  return std::tie(a.full, a.street, a.city, a.region, a.postal_code, a.country) ==
         std::tie(b.full, b.street, b.city, b.region, b.postal_code, b.country);
}

bool SameIdentifier(const Identifier& a, const Identifier& b) noexcept {
  return std::tie(a.type, a.label, a.value, a.country, a.note) ==
         std::tie(b.type, b.label, b.value, b.country, b.note);
}

bool SameRelation(const Relation& a, const Relation& b) noexcept {
  return a.type == b.type && a.target == b.target && a.target_name == b.target_name &&
         a.role == b.role && a.share_min == b.share_min && a.share_max == b.share_max &&
         SameDate(a.start, b.start) && SameDate(a.end, b.end) && a.source == b.source;
}

bool SameAttribute(const Attribute& a, const Attribute& b) noexcept {
  return a.key == b.key && a.value == b.value;
}

namespace {

template <typename T, typename Same>
void Union(std::vector<T>&& from, std::vector<T>* into, Same same) {
  for (T& value : from) AppendUnique(into, std::move(value), same);
}

template <typename T>
void Union(std::vector<T>&& from, std::vector<T>* into) {
  for (T& value : from) AddUnique(*into, std::move(value));
}

}  // namespace

void MergeEntity(Entity from, Entity* into) {
  if (into->schema == Schema::kUnknown) into->schema = from.schema;
  if (into->gender == Gender::kUnknown) into->gender = from.gender;
  Union(std::move(from.names), &into->names, SameName);
  Union(std::move(from.birth_dates), &into->birth_dates, SameDate);
  Union(std::move(from.birth_places), &into->birth_places);
  Union(std::move(from.nationalities), &into->nationalities);
  Union(std::move(from.citizenships), &into->citizenships);
  Union(std::move(from.countries), &into->countries);
  Union(std::move(from.addresses), &into->addresses, SameAddress);
  Union(std::move(from.identifiers), &into->identifiers, SameIdentifier);
  Union(std::move(from.titles), &into->titles);
  Union(std::move(from.positions), &into->positions);
  Union(std::move(from.programs), &into->programs);
  Union(std::move(from.relations), &into->relations, SameRelation);
  Union(std::move(from.attributes), &into->attributes, SameAttribute);
  if (!from.listed_on.empty()) {
    const PartialDate& a = from.listed_on;
    const PartialDate& b = into->listed_on;
    if (b.empty() || std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day)) {
      into->listed_on = a;
    }
  }
  if (!from.remarks.empty() && into->remarks.find(from.remarks) == std::string::npos) {
    into->remarks += (into->remarks.empty() ? "" : "\n") + from.remarks;
  }
}

}  // namespace interdict::sources
