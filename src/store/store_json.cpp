#include "interdict/store_json.h"

namespace interdict {

nlohmann::json VersionToJson(const ListVersion& version) {
  return {{"id", version.id},
          {"list", version.list},
          {"number", version.number},
          {"format", version.format},
          {"sha256", version.sha256},
          {"source", version.source},
          {"published", version.published},
          {"loaded_at", version.loaded_at},
          {"entities", version.entities},
          {"names", version.names},
          {"relations", version.relations},
          {"added", version.added},
          {"removed", version.removed},
          {"changed", version.changed}};
}

}  // namespace interdict
