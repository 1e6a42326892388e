// The store's SQLite schema and its migrations.
//
// PRAGMA user_version records the schema version of a store file; each
// migration moves a file from version N to N + 1 inside one transaction, so a
// file is never left half-migrated. PRAGMA application_id marks the file as
// an Interdict store, so that pointing --db at some other SQLite database is
// refused instead of scribbled on. See docs/store.md.
#ifndef INTERDICT_STORE_SCHEMA_H_
#define INTERDICT_STORE_SCHEMA_H_

#include <cstdint>

#include "interdict/status.h"
#include "store/sqlite_util.h"

namespace interdict::store {

// The schema version this build writes and understands.
inline constexpr std::int64_t kSchemaVersion = 1;

// "IDCT" in ASCII: the value of PRAGMA application_id in every store file.
inline constexpr std::int64_t kApplicationId = 0x49444354;

// Sets the connection's pragmas (WAL, foreign keys) and brings the schema up
// to kSchemaVersion. Refuses, leaving the file untouched, a file written by a
// newer build (kUnsupported) or a SQLite database that is not a store
// (kInvalidArgument).
Status PrepareSchema(Database& db);

}  // namespace interdict::store

#endif  // INTERDICT_STORE_SCHEMA_H_
