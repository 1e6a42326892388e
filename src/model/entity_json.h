// nlohmann::json conversions of the entity model, for stages that build
// larger JSON documents around entities (store, CLI, server). The public,
// string-based form is in include/interdict/json.h.
#ifndef INTERDICT_MODEL_ENTITY_JSON_H_
#define INTERDICT_MODEL_ENTITY_JSON_H_

#include <nlohmann/json.hpp>

#include "interdict/entity.h"
#include "interdict/status.h"

namespace interdict {

nlohmann::json ToJson(const Entity& entity);
nlohmann::json ToJson(const DateValue& date);
Result<Entity> EntityFromJsonValue(const nlohmann::json& json);

}  // namespace interdict

#endif  // INTERDICT_MODEL_ENTITY_JSON_H_
