// OpenStore: picks the backend from the shape of the location, so that every
// command's --db (and $INTERDICT_DB) accepts a file path or a database.
#include <string_view>

#include "interdict/store.h"

namespace interdict {
namespace {

// Whether `conninfo` has `key=` at the start or after whitespace.
bool HasKey(std::string_view conninfo, std::string_view key) noexcept {
  for (std::size_t at = conninfo.find(key); at != std::string_view::npos;
       at = conninfo.find(key, at + 1)) {
    const bool starts = at == 0 || conninfo[at - 1] == ' ' || conninfo[at - 1] == '\t';
    std::size_t after = at + key.size();
    while (after < conninfo.size() && conninfo[after] == ' ') ++after;
    if (starts && after < conninfo.size() && conninfo[after] == '=') return true;
  }
  return false;
}

}  // namespace

bool IsPostgresLocation(std::string_view location) noexcept {
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) return true;
  return HasKey(location, "host") || HasKey(location, "dbname");
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (IsPostgresLocation(location)) return OpenPostgresStore(location);
  return OpenSqliteStore(location);
}

}  // namespace interdict
