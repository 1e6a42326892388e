// The JSON form of a stored list version: what `interdict lists --json`,
// `interdict load --json` and the HTTP API's /v1/lists print for one version,
// kept in one place so the CLI and the API describe a version with the same
// keys.
#ifndef INTERDICT_STORE_JSON_H_
#define INTERDICT_STORE_JSON_H_

#include <nlohmann/json.hpp>

#include "interdict/store.h"

namespace interdict {

// {"id", "list", "number", "format", "sha256", "source", "published",
//  "loaded_at", "entities", "names", "relations", "added", "removed",
//  "changed"}: every field of `version`, empty strings included.
nlohmann::json VersionToJson(const ListVersion& version);

}  // namespace interdict

#endif  // INTERDICT_STORE_JSON_H_
