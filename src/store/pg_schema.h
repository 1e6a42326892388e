// The store's PostgreSQL schema and its migrations.
//
// The tables live in the connection's current schema (the first entry of
// search_path, "public" by default; set another with
// options=-csearch_path=NAME in the conninfo), so one database can hold
// several stores. `interdict_schema (component, version)` records the schema
// version of each Interdict component kept there ("store" here); a migration
// runs in one transaction under an advisory lock, so two processes opening an
// old store at once do not both migrate it. See docs/store.md.
#ifndef INTERDICT_STORE_PG_SCHEMA_H_
#define INTERDICT_STORE_PG_SCHEMA_H_

#include <cstdint>
#include <string_view>

#include "interdict/status.h"
#include "store/pg_util.h"

namespace interdict::store {

// The PostgreSQL schema version this build writes and understands.
inline constexpr std::int64_t kPgSchemaVersion = 1;

// Migrations for one component: migrations[i] moves it from version i to i + 1.
struct PgComponent {
  std::string_view name;  // row key in interdict_schema
  const char* const* migrations;
  std::int64_t version;  // how many migrations there are
  // Tables the component creates: finding one of them in a schema that does
  // not record the component means the schema belongs to something else.
  const char* const* tables;
  std::size_t table_count;
};

// Brings `component` up to its version in the connection's current schema.
// Refuses, changing nothing, a schema written by a newer build (kUnsupported)
// or one holding tables of the same names that are not Interdict's
// (kInvalidArgument). The case store uses this for its own tables too.
Status PreparePgComponent(PgConnection& conn, const PgComponent& component);

// PreparePgComponent for the list store's tables.
Status PreparePgStoreSchema(PgConnection& conn);

}  // namespace interdict::store

#endif  // INTERDICT_STORE_PG_SCHEMA_H_
