// The US Consolidated Screening List CSV (trade.gov); see docs/formats/us_csl.md.
//
// One row per (record, sub-list): an OFAC entity on the SDN, SSI and CAPTA
// lists appears as three rows with the same `_id`. Rows with the same `_id`
// are merged into one entity "us-csl:<_id>" whose "source_list" attributes
// name every sub-list it is on.
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "interdict/countries.h"
#include "sources/csv.h"
#include "sources/entity_builder.h"
#include "sources/entity_merge.h"
#include "sources/io.h"
#include "sources/ofac_remarks.h"
#include "sources/parsers.h"
#include "sources/script.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kList = "us-csl";

enum Column {
  kId,
  kSource,
  kEntityNumber,
  kType,
  kPrograms,
  kName,
  kTitle,
  kAddresses,
  kFederalRegisterNotice,
  kStartDate,
  kEndDate,
  kStandardOrder,
  kLicenseRequirement,
  kLicensePolicy,
  kCallSign,
  kVesselType,
  kGrossTonnage,
  kGrossRegisteredTonnage,
  kVesselFlag,
  kVesselOwner,
  kRemarks,
  kSourceListUrl,
  kAltNames,
  kCitizenships,
  kDatesOfBirth,
  kNationalities,
  kPlacesOfBirth,
  kSourceInformationUrl,
  kIds,
  kColumnCount
};

// The header names, in Column order. All are required; their order in the
// file does not matter and extra columns are ignored.
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {"_id",
                                                                     "source",
                                                                     "entity_number",
                                                                     "type",
                                                                     "programs",
                                                                     "name",
                                                                     "title",
                                                                     "addresses",
                                                                     "federal_register_notice",
                                                                     "start_date",
                                                                     "end_date",
                                                                     "standard_order",
                                                                     "license_requirement",
                                                                     "license_policy",
                                                                     "call_sign",
                                                                     "vessel_type",
                                                                     "gross_tonnage",
                                                                     "gross_registered_tonnage",
                                                                     "vessel_flag",
                                                                     "vessel_owner",
                                                                     "remarks",
                                                                     "source_list_url",
                                                                     "alt_names",
                                                                     "citizenships",
                                                                     "dates_of_birth",
                                                                     "nationalities",
                                                                     "places_of_birth",
                                                                     "source_information_url",
                                                                     "ids"};

// Columns kept verbatim as attributes under their own name.
constexpr std::array kAttributeColumns = {
    kEntityNumber,        kFederalRegisterNotice, kEndDate,
    kStandardOrder,       kLicenseRequirement,    kLicensePolicy,
    kVesselType,          kGrossTonnage,          kGrossRegisteredTonnage,
    kVesselFlag,          kVesselOwner,           kSourceListUrl,
    kSourceInformationUrl};

// One data row, addressed by Column.
class Row {
 public:
  Row(const CsvRecord& record, const std::array<std::size_t, kColumnCount>& index)
      : record_(record), index_(index) {}
  std::string_view operator[](Column c) const { return Trim(record_.fields[index_[c]]); }

 private:
  const CsvRecord& record_;
  const std::array<std::size_t, kColumnCount>& index_;
};

// Splits a multi-valued field ("a; b; c"), dropping empty items.
std::vector<std::string_view> SplitValues(std::string_view text) {
  std::vector<std::string_view> values;
  while (!text.empty()) {
    std::size_t at = text.find("; ");
    std::string_view value = Trim(text.substr(0, at));
    if (!value.empty()) values.push_back(value);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 2);
  }
  return values;
}

bool IsCountryCode(std::string_view s) noexcept {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool IsIsoDate(std::string_view s) noexcept {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && PartialDate::Parse(s).has_value();
}

std::optional<Schema> SchemaOfType(std::string_view type) noexcept {
  if (type.empty()) return Schema::kUnknown;  // the non-OFAC sub-lists do not say
  if (type == "Individual") return Schema::kPerson;
  if (type == "Entity") return Schema::kOrganization;
  if (type == "Vessel") return Schema::kVessel;
  if (type == "Aircraft") return Schema::kAircraft;
  return std::nullopt;
}

// OFAC writes individuals "FAMILY, Given names"; the comma is the only
// structure the list gives, so split there and nowhere else.
Name MakeName(std::string_view full, NameKind kind, Schema schema) {
  Name name;
  name.full = std::string(full);
  name.kind = kind;
  name.script = std::string(DetectScript(full));
  std::size_t comma = full.find(", ");
  if (schema == Schema::kPerson && comma != std::string_view::npos &&
      full.find(',', comma + 1) == std::string_view::npos) {
    name.parts.push_back({NamePartType::kFamily, std::string(Trim(full.substr(0, comma)))});
    name.parts.push_back({NamePartType::kGiven, std::string(Trim(full.substr(comma + 2)))});
  }
  return name;
}

// "Street, City, Postal, CC": the trailing ISO code, when present, is the
// only part that can be told apart reliably.
Address MakeAddress(std::string_view text) {
  Address address;
  address.full = std::string(text);
  std::size_t comma = text.rfind(", ");
  std::string_view last = comma == std::string_view::npos ? text : text.substr(comma + 2);
  if (IsCountryCode(last)) {
    address.country_text = std::string(last);
    address.country = CountryCode(last);
  }
  return address;
}

// "1962-08-06", "1967", "circa 1958", "1960 to 1962".
DateValue ParseBirthDate(std::string_view text) {
  DateValue date;
  std::string_view rest = text;
  if (rest.substr(0, 6) == "circa ") {
    date.approximate = true;
    rest = Trim(rest.substr(6));
  }
  std::size_t to = rest.find(" to ");
  std::optional<PartialDate> from = PartialDate::Parse(Trim(rest.substr(0, to)));
  std::optional<PartialDate> until =
      to == std::string_view::npos ? PartialDate{} : PartialDate::Parse(Trim(rest.substr(to + 4)));
  if (from && until) {
    date.from = *from;
    date.to = *until;
  }
  if (!from || !until || date.approximate || to != std::string_view::npos) {
    date.text = std::string(text);
  }
  return date;
}

// One `ids` entry. trade.gov flattens the API's id object into its non-empty
// values in key order: [country, ][expiration_date, ][issue_date, ]number,
// type. The type is the OFAC label ("Passport", "Tax ID No.", "Gender"), so
// the entry is rebuilt as the OFAC remarks fragment "<type> <number> (<CC>)"
// and read by the OFAC remarks parser: both lists then yield the same facts.
void ApplyIdEntry(std::string_view entry, Entity* entity) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t at = entry.find(", ", start);
    parts.push_back(Trim(entry.substr(start, at - start)));
    if (at == std::string_view::npos) break;
    start = at + 2;
  }
  if (parts.size() < 2) {
    entity->attributes.push_back({"id", std::string(entry)});
    return;
  }
  std::string_view label = parts.back();
  std::size_t first = 0, last = parts.size() - 1;  // the number is parts[first, last)
  std::string_view country = parts.size() > 2 && IsCountryCode(parts[0]) ? parts[first++] : "";
  std::vector<std::string_view> dates;
  while (last - first > 1 && IsIsoDate(parts[first])) dates.push_back(parts[first++]);
  std::string number;
  for (std::size_t i = first; i < last; ++i)
    number += (i > first ? ", " : "") + std::string(parts[i]);

  std::string fragment = std::string(label) + " " + number;
  if (!country.empty()) fragment += " (" + std::string(country) + ")";
  OfacRemarks facts = ParseOfacRemarks(fragment);
  if (!facts.unrecognized.empty()) {
    // A label the OFAC table does not know: keep it as an identifier of
    // unknown type, since most such labels name a document or register.
    facts.unrecognized.clear();
    facts.identifiers.push_back(
        {IdentifierType::kOther, std::string(label), number, CountryCode(country), ""});
  }
  if (dates.size() == 2) {
    for (Identifier& id : facts.identifiers)
      id.note = "expires " + std::string(dates[0]) + "; issued " + std::string(dates[1]);
  } else if (dates.size() == 1) {
    // One date alone could be either; the flattened form does not say which.
    for (Identifier& id : facts.identifiers) id.note = "issued or expires " + std::string(dates[0]);
  }
  MergeOfacRemarks(std::move(facts), entity);
}

void AddCountries(std::string_view field, std::vector<std::string>* codes, Entity* entity,
                  std::string_view key) {
  for (std::string_view value : SplitValues(field)) {
    std::string code = CountryCode(value);
    if (code.empty()) {
      entity->attributes.push_back({std::string(key), std::string(value)});
    } else {
      AddUnique(*codes, std::move(code));
    }
  }
}

Result<Entity> RowToEntity(const Row& row, const CsvReader& reader, const CsvRecord& record) {
  auto error = [&](Column column, std::string message) {
    return Err(
        reader.ErrorAt(record, std::move(message)).AtElement(std::string(kColumnNames[column])));
  };
  Entity entity;
  if (row[kId].empty()) return error(kId, "empty _id (expected the record's key)");
  if (row[kName].empty()) return error(kName, "empty name");
  std::optional<Schema> schema = SchemaOfType(row[kType]);
  if (!schema) {
    return error(kType, "unknown type \"" + std::string(row[kType]) +
                            "\" (expected Individual, Entity, Vessel, Aircraft or empty)");
  }
  entity.id = std::string(kList) + ":" + std::string(row[kId]);
  entity.list = std::string(kList);
  entity.schema = *schema;
  entity.names.push_back(MakeName(row[kName], NameKind::kPrimary, entity.schema));
  for (std::string_view alias : SplitValues(row[kAltNames])) {
    AppendUnique(&entity.names, MakeName(alias, NameKind::kAka, entity.schema), SameName);
  }
  if (!row[kStartDate].empty()) {
    std::optional<PartialDate> start = PartialDate::Parse(row[kStartDate]);
    if (!start) return error(kStartDate, "expected a date YYYY-MM-DD");
    entity.listed_on = *start;
  }
  for (std::string_view program : SplitValues(row[kPrograms])) {
    AddUnique(entity.programs, std::string(program));
  }
  for (std::string_view address : SplitValues(row[kAddresses])) {
    AppendUnique(&entity.addresses, MakeAddress(address), SameAddress);
  }
  for (std::string_view date : SplitValues(row[kDatesOfBirth])) {
    entity.birth_dates.push_back(ParseBirthDate(date));
  }
  for (std::string_view place : SplitValues(row[kPlacesOfBirth])) {
    entity.birth_places.emplace_back(place);
  }
  AddCountries(row[kNationalities], &entity.nationalities, &entity, "nationality");
  AddCountries(row[kCitizenships], &entity.citizenships, &entity, "citizenship");
  if (std::string flag = CountryCode(row[kVesselFlag]); !flag.empty()) {
    entity.countries.push_back(std::move(flag));
  }
  if (!row[kTitle].empty()) entity.positions.emplace_back(row[kTitle]);
  if (!row[kCallSign].empty()) {
    entity.identifiers.push_back(
        {IdentifierType::kCallSign, "call_sign", std::string(row[kCallSign]), "", ""});
  }
  for (std::string_view id : SplitValues(row[kIds])) ApplyIdEntry(id, &entity);
  entity.remarks = std::string(row[kRemarks]);
  entity.attributes.push_back({"source_list", std::string(row[kSource])});
  for (Column column : kAttributeColumns) {
    if (!row[column].empty()) {
      entity.attributes.push_back({std::string(kColumnNames[column]), std::string(row[column])});
    }
  }
  return entity;
}

// Maps each Column to its position in the header row.
Result<std::array<std::size_t, kColumnCount>> ReadHeader(const CsvReader& reader,
                                                         const CsvRecord& header) {
  std::array<std::size_t, kColumnCount> index{};
  INTERDICT_RETURN_IF_ERROR(
      FindColumns(reader, header, kColumnNames, "the US CSL CSV header", index));
  return index;
}

}  // namespace

Result<ListData> ParseUsCslCsv(std::string_view csv, std::string_view name) {
  INTERDICT_RETURN_IF_ERROR(CheckUtf8(csv, name));
  CsvReader reader(csv, name);
  CsvRecord record;
  if (!reader.Next(&record)) {
    if (!reader.status().ok()) return Err(reader.status());
    return Err(Status::ParseError("empty file (expected the US CSL CSV header)")
                   .InFile(std::string(name)));
  }
  Result<std::array<std::size_t, kColumnCount>> index = ReadHeader(reader, record);
  if (!index) return Err(index.error());
  const std::size_t width = record.fields.size();

  ListData data;
  data.list = std::string(kList);
  data.format = Format::kUsCslCsv;
  std::unordered_map<std::string, std::size_t> by_id;  // entity id -> index in data.entities
  std::unordered_set<std::string> seen_rows;           // entity id + '\n' + source
  while (reader.Next(&record)) {
    if (record.fields.size() != width) {
      return Err(reader.ErrorAt(record, "expected " + std::to_string(width) + " fields, found " +
                                            std::to_string(record.fields.size())));
    }
    const Row row(record, *index);
    Result<Entity> entity = RowToEntity(row, reader, record);
    if (!entity) return Err(entity.error());
    // The file repeats a few rows verbatim; say so rather than merge silently.
    if (!seen_rows.insert(entity->id + '\n' + std::string(row[kSource])).second) {
      data.warnings.push_back({reader.ErrorAt(record, "").location(),
                               "row repeats _id " + entity->id.substr(kList.size() + 1) +
                                   " on the same sub-list; merged"});
    }
    auto [it, inserted] = by_id.try_emplace(entity->id, data.entities.size());
    if (inserted) {
      data.entities.push_back(std::move(*entity));
    } else {
      MergeEntity(std::move(*entity), &data.entities[it->second]);
    }
  }
  if (!reader.status().ok()) return Err(reader.status());
  return data;
}

}  // namespace interdict::sources
