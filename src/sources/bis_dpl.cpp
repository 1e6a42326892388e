// The BIS Denied Persons List, tab-separated; see docs/formats/bis_dpl.md.
//
// The file has one row per (person, address, order): a denied party with
// three addresses is three rows repeating the name. Rows whose names agree
// once case and spacing are ignored are one entity. The list has no record
// id, so the entity id is a hash of that normalised name:
// "us-dpl:<first 16 hex digits of SHA-256(name)>". A name is the one thing
// every later version of the list repeats for the same party; dates, orders
// and addresses change when an order is renewed or amended.
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "interdict/countries.h"
#include "sources/csv.h"
#include "sources/entity_builder.h"
#include "sources/entity_merge.h"
#include "sources/io.h"
#include "sources/parsers.h"
#include "sources/script.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kList = "us-dpl";

enum Column {
  kName,
  kStreet,
  kCity,
  kState,
  kCountry,
  kPostalCode,
  kEffectiveDate,
  kExpirationDate,
  kStandardOrder,
  kLastUpdate,
  kAction,
  kFrCitation,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Name",           "Street_Address",  "City",           "State",       "Country", "Postal_Code",
    "Effective_Date", "Expiration_Date", "Standard_Order", "Last_Update", "Action",  "FR_Citation"};

// Columns kept verbatim as attributes, with their keys.
constexpr std::array<std::pair<Column, std::string_view>, 3> kTextAttributes = {
    {{kStandardOrder, "standard_order"}, {kAction, "action"}, {kFrCitation, "fr_citation"}}};

// Upper case with runs of white space folded to one space: "AL-NASER  AIRLINES"
// and "Al-Naser Airlines" are the same party.
std::string NormalizeName(std::string_view name) {
  std::string out;
  for (char c : Trim(name)) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// "06/19/2003" -> 2003-06-19; nullopt for any other shape or an impossible date.
std::optional<PartialDate> ParseMonthDayYear(std::string_view s) noexcept {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  char iso[11] = {s[6], s[7], s[8], s[9], '-', s[0], s[1], '-', s[3], s[4], '\0'};
  return PartialDate::Parse(std::string_view(iso, 10));
}

class Row {
 public:
  Row(const CsvRecord& record, const std::array<std::size_t, kColumnCount>& index)
      : record_(record), index_(index) {}
  std::string_view operator[](Column c) const { return Trim(record_.fields[index_[c]]); }

 private:
  const CsvRecord& record_;
  const std::array<std::size_t, kColumnCount>& index_;
};

Result<Entity> RowToEntity(const Row& row, const CsvReader& reader, const CsvRecord& record) {
  auto error = [&](Column column, std::string message) {
    return Err(
        reader.ErrorAt(record, std::move(message)).AtElement(std::string(kColumnNames[column])));
  };
  std::string key = NormalizeName(row[kName]);
  if (key.empty()) return error(kName, "empty name");
  Entity entity;
  entity.id = std::string(kList) + ":" + Sha256Hex(key).substr(0, 16);
  entity.list = std::string(kList);
  entity.schema = Schema::kUnknown;  // the list does not say person or company
  entity.names.push_back({std::string(row[kName]),
                          NameKind::kPrimary,
                          NameQuality::kUnspecified,
                          std::string(DetectScript(row[kName])),
                          "",
                          {}});

  Address address;
  address.street = std::string(row[kStreet]);
  address.city = std::string(row[kCity]);
  address.region = std::string(row[kState]);
  address.postal_code = std::string(row[kPostalCode]);
  address.country_text = std::string(row[kCountry]);
  address.country = CountryCode(row[kCountry]);
  address.full =
      JoinNonEmpty({row[kStreet], row[kCity], row[kState], row[kPostalCode], row[kCountry]}, ", ");
  if (!address.full.empty()) entity.addresses.push_back(std::move(address));

  for (Column column : {kEffectiveDate, kExpirationDate}) {
    if (row[column].empty()) continue;
    std::optional<PartialDate> date = ParseMonthDayYear(row[column]);
    if (!date) return error(column, "expected a date MM/DD/YYYY");
    if (column == kEffectiveDate) entity.listed_on = *date;
    entity.attributes.push_back(
        {column == kEffectiveDate ? "effective_date" : "expiration_date", date->ToString()});
  }
  if (!row[kLastUpdate].empty()) {
    std::optional<PartialDate> updated = PartialDate::Parse(row[kLastUpdate]);
    if (!updated) return error(kLastUpdate, "expected a date YYYY-MM-DD");
    entity.attributes.push_back({"last_update", updated->ToString()});
  }
  for (const auto& [column, attribute] : kTextAttributes) {
    if (!row[column].empty())
      entity.attributes.push_back({std::string(attribute), std::string(row[column])});
  }
  return entity;
}

Result<std::array<std::size_t, kColumnCount>> ReadHeader(const CsvReader& reader,
                                                         const CsvRecord& header) {
  std::array<std::size_t, kColumnCount> index{};
  INTERDICT_RETURN_IF_ERROR(
      FindColumns(reader, header, kColumnNames, "the BIS Denied Persons header", index));
  return index;
}

}  // namespace

Result<ListData> ParseBisDpl(std::string_view tsv, std::string_view name) {
  INTERDICT_RETURN_IF_ERROR(CheckUtf8(tsv, name));
  CsvReader reader(tsv, name, '\t');
  CsvRecord record;
  if (!reader.Next(&record)) {
    if (!reader.status().ok()) return Err(reader.status());
    return Err(Status::ParseError("empty file (expected the BIS Denied Persons header)")
                   .InFile(std::string(name)));
  }
  Result<std::array<std::size_t, kColumnCount>> index = ReadHeader(reader, record);
  if (!index) return Err(index.error());
  const std::size_t width = record.fields.size();

  ListData data;
  data.list = std::string(kList);
  data.format = Format::kBisDpl;
  std::unordered_map<std::string, std::size_t> by_id;  // entity id -> index in data.entities
  while (reader.Next(&record)) {
    if (record.fields.size() != width) {
      return Err(reader.ErrorAt(record, "expected " + std::to_string(width) +
                                            " tab-separated fields, found " +
                                            std::to_string(record.fields.size())));
    }
    Result<Entity> entity = RowToEntity(Row(record, *index), reader, record);
    if (!entity) return Err(entity.error());
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
