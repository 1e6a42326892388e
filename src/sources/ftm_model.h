// How FollowTheMoney schemata and properties map onto the entity model.
// Used by the FtM JSON-lines parser (ftm_json.cpp); see docs/formats/ftm.md.
// `properties` arguments are FtM property objects already checked to map
// names to arrays of strings. Pure functions, thread-safe.
#ifndef INTERDICT_SOURCES_FTM_MODEL_H_
#define INTERDICT_SOURCES_FTM_MODEL_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"

namespace interdict::sources {

// The schema of an FtM record that becomes an Entity (Person, Company,
// Organization, PublicBody, LegalEntity, Vessel, Airplane); nullopt for
// records that are folded into one (Address, Sanction, links) or skipped.
std::optional<Schema> EntitySchema(std::string_view ftm_schema) noexcept;

// A link schema: a record "<from> <type> <to>", stored on the `from` side.
struct LinkSchema {
  std::string_view schema;  // "Ownership"
  const char* from;         // property holding the source entity ("owner")
  const char* to;           // property holding the target ("asset")
  RelationType type;
  const char* role;  // property giving the role ("role", "relationship")
};
const LinkSchema* FindLinkSchema(std::string_view ftm_schema) noexcept;

// The values of one property; empty when absent.
std::vector<std::string> Values(const nlohmann::json& properties, const char* key);

// Sets names, dates, countries, identifiers, ... from an entity's properties;
// properties with no field of their own become attributes.
void ApplyProperties(std::string_view ftm_schema, const nlohmann::json& properties, Entity* entity);

// Keeps the record-level metadata (datasets, first_seen, ...) as attributes.
void ApplyMetadata(const nlohmann::json& record, Entity* entity);

// An Address record's properties as an Address.
Address MakeAddress(const nlohmann::json& properties);

// Folds a Sanction record into the sanctioned entity: programs, the
// earliest listing date, reasons into remarks, the rest as "sanction.*".
void ApplySanction(const nlohmann::json& properties, Entity* entity);

// One document of a Passport or Identification record.
Identifier MakeIdentification(std::string_view ftm_schema, const nlohmann::json& properties,
                              const std::string& number);

// A Relation from a link record (target left for the caller to set).
Relation MakeRelation(const LinkSchema& link, const nlohmann::json& properties,
                      const std::string& record_id);

// Parses an FtM ownership percentage: "50", "50%", "12,5", "25-50",
// "<25", ">50". Sets neither bound for anything else.
void ParseShare(std::string_view text, Relation* relation);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_FTM_MODEL_H_
