// Field-level differences between two versions of an entity's JSON.
//
// Objects are compared key by key. Arrays are compared by content, not by
// position: an element present in both is unchanged wherever it sits, so
// adding one alias reports that alias rather than every later index shifting.
// Leftover elements that share an identity member (a name's "name", an
// identifier's "value", ...) are paired and compared field by field; the rest
// are reported as removed or added. Paths are JSON pointers; a removed element
// is addressed by its index in the old array, anything else by its index in
// the new one.
#ifndef INTERDICT_STORE_ENTITY_DIFF_H_
#define INTERDICT_STORE_ENTITY_DIFF_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "interdict/store.h"

namespace interdict::store {

// The changes that turn `before` into `after`; empty when they are equal. A
// FieldChange's before/after are compact JSON, "" when the value is absent.
std::vector<FieldChange> DiffJson(const nlohmann::json& before, const nlohmann::json& after);

}  // namespace interdict::store

#endif  // INTERDICT_STORE_ENTITY_DIFF_H_
