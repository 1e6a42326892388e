// OFAC legacy CSV sets: sdn.csv/alt.csv/add.csv/sdn_comments.csv and the
// consolidated cons_prim.csv/cons_alt.csv/cons_add.csv/cons_comments.csv.
// Format and mapping: docs/formats/ofac_csv.md.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interdict/countries.h"
#include "sources/csv.h"
#include "sources/io.h"
#include "sources/ofac_remarks.h"
#include "sources/parsers.h"

namespace interdict::sources {
namespace {

// Column counts of the four files (none has a header row).
constexpr std::size_t kPrimaryFields = 12;
constexpr std::size_t kAltFields = 5;
constexpr std::size_t kAddFields = 6;
constexpr std::size_t kCommentFields = 2;

// sdn.csv / cons_prim.csv columns.
enum PrimaryColumn : std::size_t {
  kEntNum = 0,
  kSdnName,
  kSdnType,
  kProgram,
  kTitle,
  kCallSign,
  kVessType,
  kTonnage,
  kGrt,
  kVessFlag,
  kVessOwner,
  kRemarks,
};

// One file of the set, decoded to UTF-8 and ready to read.
struct CsvInput {
  std::string text;
  std::string name;
};

// Where each entity came from, for warnings about it.
struct EntitySource {
  std::int64_t line = 0;
  std::int64_t byte = 0;
};

// The entities read so far, by ent_num.
struct OfacSet {
  std::string list;  // "ofac-sdn" or "ofac-cons"
  std::vector<Entity> entities;
  std::vector<EntitySource> sources;                    // parallel to entities
  std::vector<std::string> remarks;                     // parallel; comments appended
  std::unordered_map<std::int64_t, std::size_t> index;  // ent_num -> position
  std::vector<ParseWarning> warnings;
};

// OFAC writes an empty value as "-0- " (with the trailing space).
std::string_view Value(const std::string& field) noexcept {
  std::string_view v = Trim(field);
  return v == "-0-" ? std::string_view() : v;
}

// A positive decimal number making up the whole field (ent_num, alt_num, ...).
Result<std::int64_t> ParseNumber(const CsvReader& reader, const CsvRecord& record,
                                 std::size_t column, std::string_view column_name) {
  std::string_view text = Value(record.fields[column]);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n <= 0) {
    return Err(reader
                   .ErrorAt(record, "expected a positive whole number in column " +
                                        std::string(column_name) + ", found '" + std::string(text) +
                                        "'")
                   .AtElement(std::string(column_name)));
  }
  return n;
}

Status CheckFieldCount(const CsvReader& reader, const CsvRecord& record, std::size_t expected) {
  if (record.fields.size() == expected) return Status::Ok();
  return reader.ErrorAt(record, "expected " + std::to_string(expected) + " fields, found " +
                                    std::to_string(record.fields.size()));
}

// Reads every record of `input`, checks its field count and hands it to
// `handle`. Stops at the first error.
using RecordHandler = Status (*)(const CsvReader&, const CsvRecord&, OfacSet*);
Status ForEachRecord(const CsvInput& input, std::size_t fields, RecordHandler handle,
                     OfacSet* set) {
  CsvReader reader(input.text, input.name);
  CsvRecord record;
  while (reader.Next(&record)) {
    INTERDICT_RETURN_STATUS_IF_ERROR(CheckFieldCount(reader, record, fields));
    INTERDICT_RETURN_STATUS_IF_ERROR(handle(reader, record, set));
  }
  return reader.status();
}

// The position of the entity a secondary-file record refers to, or nullopt
// (with a warning) when its ent_num is not in the primary file: OFAC
// publishes the files separately, so a row for an entity removed between
// two downloads must not reject the whole list.
Result<std::optional<std::size_t>> FindOwner(const CsvReader& reader, const CsvRecord& record,
                                             OfacSet* set, std::string_view what) {
  Result<std::int64_t> ent_num = ParseNumber(reader, record, 0, "ent_num");
  if (!ent_num) return Err(ent_num.error());
  auto it = set->index.find(*ent_num);
  if (it != set->index.end()) return it->second;
  Location where = reader.ErrorAt(record, "").location();  // file, line and byte
  set->warnings.push_back({std::move(where), std::string(what) + " for ent_num " +
                                                 std::to_string(*ent_num) +
                                                 " which is not in the primary file; skipped"});
  return std::nullopt;
}

// "LAST, First Middle" -> family "LAST", given "First Middle". Only persons
// are written this way; other names stay whole.
std::vector<NamePart> PersonNameParts(std::string_view full) {
  std::size_t comma = full.find(',');
  if (comma == std::string_view::npos) return {};
  std::string_view family = Trim(full.substr(0, comma));
  std::string_view given = Trim(full.substr(comma + 1));
  std::vector<NamePart> parts;
  if (!family.empty()) parts.push_back({NamePartType::kFamily, std::string(family)});
  if (!given.empty()) parts.push_back({NamePartType::kGiven, std::string(given)});
  return parts;
}

Name MakeName(std::string_view full, NameKind kind, Schema schema) {
  Name name;
  name.full = std::string(full);
  name.kind = kind;
  if (schema == Schema::kPerson) name.parts = PersonNameParts(full);
  return name;
}

Result<Schema> ParseSdnType(const CsvReader& reader, const CsvRecord& record) {
  std::string_view type = Value(record.fields[kSdnType]);
  if (type.empty()) return Schema::kOrganization;
  if (type == "individual") return Schema::kPerson;
  if (type == "vessel") return Schema::kVessel;
  if (type == "aircraft") return Schema::kAircraft;
  return Err(reader
                 .ErrorAt(record, "unknown SDN_Type '" + std::string(type) +
                                      "'; expected individual, vessel, aircraft or -0-")
                 .AtElement("SDN_Type"));
}

// Program, title and the vessel columns.
void AddPrimaryColumns(const CsvRecord& record, Entity* entity) {
  std::string_view programs = Value(record.fields[kProgram]);
  // Several programmes are written "SDGT] [IRGC" (the outer brackets are
  // OFAC's own, stripped by its export).
  while (!programs.empty()) {
    std::size_t sep = programs.find("] [");
    std::string_view program = Trim(programs.substr(0, sep));
    if (!program.empty()) entity->programs.emplace_back(program);
    programs = sep == std::string_view::npos ? std::string_view() : programs.substr(sep + 3);
  }
  if (auto title = Value(record.fields[kTitle]); !title.empty()) entity->titles.emplace_back(title);
  if (auto call_sign = Value(record.fields[kCallSign]); !call_sign.empty()) {
    entity->identifiers.push_back(
        {IdentifierType::kCallSign, "Call Sign", std::string(call_sign), "", ""});
  }
  static constexpr std::pair<PrimaryColumn, std::string_view> kVesselColumns[] = {
      {kVessType, "vessel_type"}, {kTonnage, "tonnage"},        {kGrt, "grt"},
      {kVessFlag, "vessel_flag"}, {kVessOwner, "vessel_owner"},
  };
  for (const auto& [column, key] : kVesselColumns) {
    std::string_view value = Value(record.fields[column]);
    if (!value.empty()) entity->attributes.push_back({std::string(key), std::string(value)});
  }
  std::string flag = CountryCode(Value(record.fields[kVessFlag]));
  if (!flag.empty()) entity->countries.push_back(std::move(flag));
}

Status ReadPrimaryRecord(const CsvReader& reader, const CsvRecord& record, OfacSet* set) {
  Result<std::int64_t> ent_num = ParseNumber(reader, record, kEntNum, "ent_num");
  if (!ent_num) return ent_num.error();
  auto [it, inserted] = set->index.emplace(*ent_num, set->entities.size());
  if (!inserted) {
    std::string first_line = std::to_string(set->sources[it->second].line);
    return reader
        .ErrorAt(record, "duplicate ent_num " + std::to_string(*ent_num) + " (first at line " +
                             first_line + ")")
        .AtElement("ent_num");
  }
  Result<Schema> schema = ParseSdnType(reader, record);
  if (!schema) return schema.error();
  std::string_view full = Value(record.fields[kSdnName]);
  if (full.empty()) return reader.ErrorAt(record, "empty SDN_Name").AtElement("SDN_Name");

  Entity entity;
  entity.list = set->list;
  entity.id = set->list + ":" + std::to_string(*ent_num);
  entity.schema = *schema;
  entity.names.push_back(MakeName(full, NameKind::kPrimary, *schema));
  AddPrimaryColumns(record, &entity);
  set->entities.push_back(std::move(entity));
  set->sources.push_back({record.line, record.byte});
  set->remarks.emplace_back(Value(record.fields[kRemarks]));
  return Status::Ok();
}

// Comments continue a Remarks text that OFAC cut at a fixed length, often in
// the middle of a word, so they are appended without a separator.
Status ReadCommentRecord(const CsvReader& reader, const CsvRecord& record, OfacSet* set) {
  Result<std::optional<std::size_t>> owner = FindOwner(reader, record, set, "comment");
  if (!owner) return owner.error();
  if (*owner) set->remarks[**owner] += Value(record.fields[1]);
  return Status::Ok();
}

Status ReadAliasRecord(const CsvReader& reader, const CsvRecord& record, OfacSet* set) {
  Result<std::optional<std::size_t>> owner = FindOwner(reader, record, set, "alias");
  if (!owner) return owner.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(ParseNumber(reader, record, 1, "alt_num"));
  std::string_view type = Value(record.fields[2]);
  std::optional<NameKind> kind = ParseNameKind(type);
  if (!kind || *kind == NameKind::kPrimary) {
    return reader
        .ErrorAt(record, "unknown alt_type '" + std::string(type) + "'; expected aka, fka or nka")
        .AtElement("alt_type");
  }
  std::string_view full = Value(record.fields[3]);
  if (full.empty()) return reader.ErrorAt(record, "empty alt_name").AtElement("alt_name");
  if (!*owner) return Status::Ok();

  Entity& entity = set->entities[**owner];
  Name name = MakeName(full, *kind, entity.schema);
  // alt_remarks is empty in every published file we have seen; OFAC's
  // specification reserves it for notes such as a weak-alias flag.
  std::string_view remark = Value(record.fields[4]);
  if (remark.find("weak") != std::string_view::npos) name.quality = NameQuality::kWeak;
  if (!remark.empty()) {
    entity.attributes.push_back({"alias_remark", std::string(full) + ": " + std::string(remark)});
  }
  entity.names.push_back(std::move(name));
  return Status::Ok();
}

Status ReadAddressRecord(const CsvReader& reader, const CsvRecord& record, OfacSet* set) {
  Result<std::optional<std::size_t>> owner = FindOwner(reader, record, set, "address");
  if (!owner) return owner.error();
  INTERDICT_RETURN_STATUS_IF_ERROR(ParseNumber(reader, record, 1, "add_num"));
  if (!*owner) return Status::Ok();

  Address address;
  address.street = Value(record.fields[2]);
  address.city = Value(record.fields[3]);  // OFAC's "City State/Province Postal Code"
  address.country_text = Value(record.fields[4]);
  address.country = CountryCode(address.country_text);
  for (const std::string* part : {&address.street, &address.city, &address.country_text}) {
    if (part->empty()) continue;
    if (!address.full.empty()) address.full += ", ";
    address.full += *part;
  }
  Entity& entity = set->entities[**owner];
  std::string_view remark = Value(record.fields[5]);
  if (!remark.empty()) entity.attributes.push_back({"address_remark", std::string(remark)});
  // Many rows are placeholders with every column -0-; they say nothing.
  if (!address.full.empty()) entity.addresses.push_back(std::move(address));
  return Status::Ok();
}

// Lower-cased, single-spaced, without a trailing full stop: how "Linked To:"
// names are compared with entity names.
std::string LinkKey(std::string_view name) {
  name = Trim(name);
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  std::string key;
  for (char c : Trim(name)) {
    if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
      continue;
    }
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

// Indexes of entities by LinkKey() of their names.
class NameIndex {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::size_t kAmbiguous = kNone - 1;

  void Add(std::string key, std::size_t entity) {
    auto [it, inserted] = map_.emplace(std::move(key), entity);
    if (!inserted && it->second != entity) it->second = kAmbiguous;
  }
  std::size_t Find(const std::string& key) const {
    auto it = map_.find(key);
    return it == map_.end() ? kNone : it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> map_;
};

// Points every "Linked To:" relation at the entity with that primary name
// or, failing that, that alias. Primary names win because OFAC writes the
// target's primary name; a name shared by several entities is ambiguous and
// left unresolved.
void ResolveLinks(std::string_view file, OfacSet* set) {
  NameIndex by_primary, by_alias;
  for (std::size_t i = 0; i < set->entities.size(); ++i) {
    for (const Name& name : set->entities[i].names) {
      (name.kind == NameKind::kPrimary ? by_primary : by_alias).Add(LinkKey(name.full), i);
    }
  }
  for (std::size_t i = 0; i < set->entities.size(); ++i) {
    for (Relation& relation : set->entities[i].relations) {
      if (!relation.target.empty()) continue;
      std::string key = LinkKey(relation.target_name);
      std::size_t target = by_primary.Find(key);
      if (target == NameIndex::kNone) target = by_alias.Find(key);
      if (target < set->entities.size()) {
        relation.target = set->entities[target].id;
        continue;
      }
      Location where{std::string(file), set->sources[i].line, set->sources[i].byte,
                     set->entities[i].id};
      std::string problem = target == NameIndex::kAmbiguous ? "names more than one entity"
                                                            : "names no entity in this list";
      set->warnings.push_back(
          {std::move(where), "\"Linked To: " + relation.target_name + "\" " + problem});
    }
  }
}

CsvInput Decode(std::string_view bytes, std::string_view name, std::string_view fallback) {
  return {ToUtf8(bytes), std::string(name.empty() ? fallback : name)};
}

}  // namespace

Result<ListData> ParseOfacCsvSet(const OfacCsvFiles& files) {
  const bool cons = files.consolidated;
  OfacSet set;
  set.list = cons ? "ofac-cons" : "ofac-sdn";
  CsvInput primary = Decode(files.primary, files.primary_name, cons ? "cons_prim.csv" : "sdn.csv");
  INTERDICT_RETURN_IF_ERROR(ForEachRecord(primary, kPrimaryFields, ReadPrimaryRecord, &set));
  if (set.entities.empty()) {
    return Err(Status::ParseError("no records; expected at least one entity")
                   .InFile(primary.name)
                   .AtLine(1));
  }
  // Comments first: they complete the remarks parsed below.
  struct Secondary {
    std::string_view bytes, name, fallback;
    std::size_t fields;
    RecordHandler handle;
  };
  const Secondary secondaries[] = {
      {files.comments, files.comments_name, cons ? "cons_comments.csv" : "sdn_comments.csv",
       kCommentFields, ReadCommentRecord},
      {files.alt, files.alt_name, cons ? "cons_alt.csv" : "alt.csv", kAltFields, ReadAliasRecord},
      {files.add, files.add_name, cons ? "cons_add.csv" : "add.csv", kAddFields, ReadAddressRecord},
  };
  for (const Secondary& file : secondaries) {
    if (file.bytes.empty()) continue;
    CsvInput input = Decode(file.bytes, file.name, file.fallback);
    INTERDICT_RETURN_IF_ERROR(ForEachRecord(input, file.fields, file.handle, &set));
  }
  // Remarks last, so the weak aliases they hold follow the alt.csv names.
  for (std::size_t i = 0; i < set.entities.size(); ++i) {
    Entity& entity = set.entities[i];
    entity.remarks = std::move(set.remarks[i]);
    MergeOfacRemarks(ParseOfacRemarks(entity.remarks), &entity);
  }
  ResolveLinks(primary.name, &set);

  ListData data;
  data.list = std::move(set.list);
  data.format = Format::kOfacCsv;
  data.entities = std::move(set.entities);
  data.warnings = std::move(set.warnings);
  return data;
}

}  // namespace interdict::sources
