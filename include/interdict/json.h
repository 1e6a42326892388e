// The entity's JSON form: what `interdict export --format jsonl` writes one
// per line, what `interdict show ID --json` prints, and what the store keeps.
//
// Keys are written in sorted order and empty fields are left out, so equal
// entities have byte-equal JSON (the store relies on this to deduplicate).
// The layout is documented in docs/formats.md#entity-json.
#ifndef INTERDICT_JSON_H_
#define INTERDICT_JSON_H_

#include <string>
#include <string_view>

#include "interdict/entity.h"
#include "interdict/status.h"

namespace interdict {

// indent < 0 writes one line; otherwise pretty-prints with that indent.
std::string EntityToJson(const Entity& entity, int indent = -1);

// Reads what EntityToJson wrote. Unknown keys are ignored; wrong types are a
// kParseError naming the JSON path.
Result<Entity> EntityFromJson(std::string_view json);

}  // namespace interdict

#endif  // INTERDICT_JSON_H_
