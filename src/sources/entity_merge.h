// Folding several records about one entity into one Entity.
//
// Some lists repeat an entity over several rows: the US CSL lists an OFAC
// entity once per sub-list it is on (SDN, SSI, CAPTA), the BIS Denied
// Persons List once per address. Parsers build one Entity per row and merge
// rows with the same key with MergeEntity(). Pure functions, thread-safe.
#ifndef INTERDICT_SOURCES_ENTITY_MERGE_H_
#define INTERDICT_SOURCES_ENTITY_MERGE_H_

#include <algorithm>
#include <utility>
#include <vector>

#include "interdict/entity.h"

namespace interdict::sources {

// Appends `value` unless an equal one (by `same`) is already present; for
// types with operator== use AddUnique() from entity_builder.h.
template <typename T, typename Same>
void AppendUnique(std::vector<T>* values, T value, Same same) {
  auto it = std::find_if(values->begin(), values->end(),
                         [&](const T& existing) { return same(existing, value); });
  if (it == values->end()) values->push_back(std::move(value));
}

// Field-wise equality of the model's value types, used to drop repeats.
bool SameName(const Name& a, const Name& b) noexcept;
bool SameDate(const DateValue& a, const DateValue& b) noexcept;
bool SameAddress(const Address& a, const Address& b) noexcept;
bool SameIdentifier(const Identifier& a, const Identifier& b) noexcept;
bool SameRelation(const Relation& a, const Relation& b) noexcept;
bool SameAttribute(const Attribute& a, const Attribute& b) noexcept;

// Adds what `from` says and `into` does not: list fields are unioned in
// order, `listed_on` keeps the earlier date, remarks are joined by a line
// break, and gender and schema are filled in when `into` has none. The id
// and list of `into` are kept.
void MergeEntity(Entity from, Entity* into);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_ENTITY_MERGE_H_
