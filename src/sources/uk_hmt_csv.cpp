// The UK HM Treasury (OFSI) consolidated list CSV, "ConList.csv" (before 2017
// "sanctionsconlist.csv"). Line 1 is "Last Updated,dd/mm/yyyy", line 2 the
// header; every later row is one name of one designation, and the rows of a
// designation share a Group ID (not necessarily adjacent). Rows repeat the
// designation's details, varying where it has several (dates of birth,
// addresses), so one entity collects the distinct values of all its rows.
//
// Columns are found by name, so the 2016 layout and the current one (which
// adds Passport Number, National Identification Number, Name Non-Latin
// Script, Alias Quality, ...) both parse. See docs/formats/uk_hmt.md.
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/countries.h"
#include "sources/csv.h"
#include "sources/entity_builder.h"
#include "sources/io.h"
#include "sources/parsers.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kList = "uk-hmt";

// Columns of every layout come first (kRequired of them), then optional ones.
enum Column : int {
  kName6,
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kTitle,
  kDob,
  kTownOfBirth,
  kCountryOfBirth,
  kNationality,
  kPassportDetails,
  kPosition,
  kAddress1,
  kAddress2,
  kAddress3,
  kAddress4,
  kAddress5,
  kAddress6,
  kPostCode,
  kCountry,
  kOtherInformation,
  kGroupType,
  kAliasType,
  kRegime,
  kListedOn,
  kLastUpdated,
  kGroupId,
  kRequired,
  kNiNumber = kRequired,  // 2016 layout
  kPassportNumber,
  kNationalIdNumber,
  kNationalIdDetails,
  kNonLatinName,
  kNonLatinLanguage,
  kAliasQuality,  // current layout
  kColumnCount,
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Details",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Regime",
    "Listed On",
    "Last Updated",
    "Group ID",
    "NI Number",
    "Passport Number",
    "National Identification Number",
    "National Identification Details",
    "Name Non-Latin Script",
    "Non-Latin Script Language",
    "Alias Quality"};

// Where each known column is in this file (-1 when absent).
struct Header {
  std::array<int, kColumnCount> index;
  std::size_t width = 0;
};

Result<Header> ReadHeader(const CsvReader& reader, const CsvRecord& record) {
  Header header;
  header.index.fill(-1);
  header.width = record.fields.size();
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    std::string_view name = Trim(record.fields[i]);
    for (int c = 0; c < kColumnCount; ++c) {
      if (kColumnNames[c] == name && header.index[c] < 0) header.index[c] = static_cast<int>(i);
    }
  }
  for (int c = 0; c < kRequired; ++c) {
    if (header.index[c] < 0) {
      return Err(reader
                     .ErrorAt(record, "header has no \"" + std::string(kColumnNames[c]) +
                                          "\" column; expected the HMT ConList header")
                     .AtElement(std::string(kColumnNames[c])));
    }
  }
  return header;
}

// One data row, read through the header.
struct Row {
  const Header& header;
  const CsvRecord& record;

  std::string_view operator[](Column c) const {
    int i = header.index[c];
    return i < 0 ? std::string_view() : Trim(record.fields[static_cast<std::size_t>(i)]);
  }
};

// Everything one entity needs while its rows are being read.
struct Group {
  Entity entity;
  bool has_primary = false;
};

struct Parser {
  CsvReader& reader;
  ListData& data;
  std::vector<Group> groups;
  std::unordered_map<std::string, std::size_t> group_of;  // Group ID -> index

  void Warn(const CsvRecord& record, Column column, std::string message) {
    Status at = reader.ErrorAt(record, "");
    Location where = at.location();
    where.element = std::string(kColumnNames[column]);
    data.warnings.push_back({std::move(where), std::move(message)});
  }
};

// "(1) Tripoli (2) Tunis" -> {"Tripoli", "Tunis"}; text without markers is
// one item. Range connectors and placeholders ("(1)-(6) -", "(1) to (6)")
// are dropped; *clean is false when that happened, so callers know the
// numbering no longer lines up.
std::vector<std::string> SplitNumbered(std::string_view text, bool* clean) {
  // Cut the text at each "(n)" marker (one or two digits, so a year in
  // brackets is not a marker).
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    std::size_t close = pos + 1;
    while (close < text.size() && close < pos + 3 &&
           std::isdigit(static_cast<unsigned char>(text[close]))) {
      ++close;
    }
    if (text[pos] != '(' || close == pos + 1 || close >= text.size() || text[close] != ')') {
      continue;
    }
    pieces.push_back(text.substr(start, pos - start));
    start = close + 1;
    pos = close;
  }
  pieces.push_back(text.substr(start));
  std::vector<std::string> items;
  *clean = true;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string_view item = Trim(pieces[i]);
    if (i == 0 && item.empty()) continue;  // nothing before "(1)"
    if (item.empty() || item == "-" || item == "to") {
      *clean = false;
      continue;
    }
    items.emplace_back(item);
  }
  return items;
}

// Birth places pair "Town of Birth" item n with "Country of Birth" item n
// when both lists line up; otherwise each item stands alone.
void AddBirthPlaces(std::string_view towns_text, std::string_view countries_text, Entity& entity) {
  bool towns_clean = true, countries_clean = true;
  std::vector<std::string> towns = SplitNumbered(towns_text, &towns_clean);
  std::vector<std::string> countries = SplitNumbered(countries_text, &countries_clean);
  if (towns_clean && countries_clean && towns.size() == countries.size()) {
    for (std::size_t i = 0; i < towns.size(); ++i) {
      AddUnique(entity.birth_places, JoinNonEmpty({towns[i], countries[i]}, ", "));
    }
    return;
  }
  for (std::string& place : towns) AddUnique(entity.birth_places, std::move(place));
  for (std::string& place : countries) AddUnique(entity.birth_places, std::move(place));
}

// The document number in free text such as "Passport: Pakistani Passport no.
// FA0157612. Issued: 23/01/2009": the first word holding a digit, without a
// "no." prefix or trailing punctuation. The whole text when there is none.
std::string DocumentNumber(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of(" ,;:()", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.size() > 3 && AsciiLower(word.substr(0, 3)) == "no.") word.remove_prefix(3);
    while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.remove_suffix(1);
    for (char c : word) {
      if (std::isdigit(static_cast<unsigned char>(c))) return std::string(word);
    }
  }
  return std::string(text);
}

// One identifier per numbered item of `text`, its number found in the
// wording (2016 layout: "Passport Details", "NI Number").
void AddIdentifiersFromText(std::string_view text, IdentifierType type, std::string_view label,
                            Entity& entity) {
  bool clean = true;
  for (const std::string& item : SplitNumbered(text, &clean)) {
    Identifier id;
    id.type = type;
    id.label = std::string(label);
    id.value = DocumentNumber(item);
    if (id.value != item) id.note = item;
    std::vector<std::string> countries = CountryCodesIn(item);
    if (countries.size() == 1) id.country = countries[0];
    bool repeat = false;
    for (const Identifier& other : entity.identifiers) {
      repeat =
          repeat || (other.type == id.type && other.value == id.value && other.note == id.note);
    }
    if (!repeat) entity.identifiers.push_back(std::move(id));
  }
}

// The current layout gives the number in its own column ("Passport
// Number") and the wording beside it ("Passport Details"), which then only
// annotates the number. Without a number column the wording is all there is.
void AddIdentifiers(const Row& row, Column number, Column details, IdentifierType type,
                    Entity& entity) {
  if (row[number].empty()) {
    AddIdentifiersFromText(row[details], type, kColumnNames[details], entity);
    return;
  }
  std::size_t first = entity.identifiers.size();
  AddIdentifiersFromText(row[number], type, kColumnNames[number], entity);
  for (std::size_t i = first; i < entity.identifiers.size(); ++i) {
    Identifier& id = entity.identifiers[i];
    id.note = JoinNonEmpty({id.note, row[details]}, "; ");
  }
}

Name RowName(const Row& row, Schema schema) {
  Name name;
  name.full = JoinNonEmpty(
      {row[kName1], row[kName2], row[kName3], row[kName4], row[kName5], row[kName6]}, " ");
  if (schema != Schema::kPerson) return name;  // organisations put the name in Name 6
  static constexpr std::pair<Column, NamePartType> kParts[] = {
      {kName1, NamePartType::kGiven}, {kName2, NamePartType::kMiddle},
      {kName3, NamePartType::kOther}, {kName4, NamePartType::kOther},
      {kName5, NamePartType::kOther}, {kName6, NamePartType::kFamily}};
  for (const auto& [column, type] : kParts) {
    if (!row[column].empty()) name.parts.push_back({type, std::string(row[column])});
  }
  return name;
}

// Alias Type: "Primary name" (2017+) or "Prime Alias" (2016), "AKA",
// "FKA", "Primary name variation". nullopt for anything else.
std::optional<NameKind> AliasKind(std::string_view alias_type) {
  std::string lower = AsciiLower(alias_type);
  if (lower == "primary name" || lower == "prime alias") return NameKind::kPrimary;
  if (lower == "aka" || lower == "primary name variation" || lower.empty()) return NameKind::kAka;
  if (lower == "fka") return NameKind::kFka;
  return std::nullopt;
}

// Adds the row's name. The first "primary" row gives the primary name,
// which goes first even when alias rows came before it.
void AddRowName(Parser& p, const Row& row, Group& group) {
  Name name = RowName(row, group.entity.schema);
  std::optional<NameKind> kind = AliasKind(row[kAliasType]);
  if (!kind) {
    p.Warn(row.record, kAliasType,
           "unknown Alias Type \"" + std::string(row[kAliasType]) + "\", read as AKA");
    kind = NameKind::kAka;
  }
  std::string quality = AsciiLower(row[kAliasQuality]);
  name.quality = quality == "good"  ? NameQuality::kStrong
                 : quality == "low" ? NameQuality::kLow
                                    : NameQuality::kUnspecified;
  std::vector<Name>& names = group.entity.names;
  if (*kind == NameKind::kPrimary && !group.has_primary && !name.full.empty()) {
    group.has_primary = true;
    std::erase_if(names, [&](const Name& n) { return n.full == name.full; });
    name.kind = NameKind::kPrimary;
    names.insert(names.begin(), std::move(name));
  } else {
    name.kind = *kind == NameKind::kPrimary ? NameKind::kAka : *kind;
    AddUniqueName(names, std::move(name));
  }
  if (std::string_view script = row[kNonLatinName]; !script.empty()) {
    Name original;
    original.full = std::string(script);
    original.kind = NameKind::kAka;
    original.language = AsciiLower(row[kNonLatinLanguage]);
    AddUniqueName(names, std::move(original));
  }
}

void AddDob(Parser& p, const Row& row, Entity& entity) {
  std::string_view text = row[kDob];
  if (text.empty()) return;
  DateValue date;
  if (std::optional<PartialDate> d = ParseDayMonthYear(text)) {
    date.from = *d;
  } else {
    p.Warn(row.record, kDob, "unrecognised DOB \"" + std::string(text) + "\" kept as text");
    date.text = std::string(text);
  }
  AddUniqueDate(entity.birth_dates, std::move(date));
}

void AddAddress(const Row& row, Entity& entity) {
  Address address;
  address.street = JoinNonEmpty({row[kAddress1], row[kAddress2]}, ", ");
  address.postal_code = std::string(row[kPostCode]);
  address.country_text = std::string(row[kCountry]);
  address.country = CountryCode(address.country_text);
  address.full = JoinNonEmpty({row[kAddress1], row[kAddress2], row[kAddress3], row[kAddress4],
                               row[kAddress5], row[kAddress6], row[kPostCode], row[kCountry]},
                              ", ");
  AddUniqueAddress(entity.addresses, std::move(address));
}

void AddPersonDetails(Parser& p, const Row& row, Entity& entity) {
  AddDob(p, row, entity);
  AddBirthPlaces(row[kTownOfBirth], row[kCountryOfBirth], entity);
  if (std::string_view text = row[kNationality]; !text.empty()) {
    std::vector<std::string> codes = CountryCodesIn(text);
    if (codes.empty()) {
      p.Warn(row.record, kNationality, "no country found in \"" + std::string(text) + "\"");
    }
    for (std::string& code : codes) AddUnique(entity.nationalities, std::move(code));
  }
  if (!row[kTitle].empty()) AddUnique(entity.titles, std::string(row[kTitle]));
  if (!row[kPosition].empty()) AddUnique(entity.positions, std::string(row[kPosition]));
}

void AddDesignation(Parser& p, const Row& row, Entity& entity) {
  if (!row[kRegime].empty()) AddUnique(entity.programs, std::string(row[kRegime]));
  if (!row[kListedOn].empty()) {
    std::optional<PartialDate> listed = ParseDayMonthYear(row[kListedOn]);
    if (!listed) {
      p.Warn(row.record, kListedOn, "unrecognised date \"" + std::string(row[kListedOn]) + "\"");
    } else if (entity.listed_on.empty() || listed->ToString() < entity.listed_on.ToString()) {
      entity.listed_on = *listed;  // the earliest listing of the group
    }
  }
  if (entity.remarks.empty()) entity.remarks = std::string(row[kOtherInformation]);
}

Result<Schema> GroupSchema(const CsvReader& reader, const Row& row) {
  std::string type = AsciiLower(row[kGroupType]);
  if (type == "individual") return Schema::kPerson;
  if (type == "entity") return Schema::kOrganization;
  if (type == "ship") return Schema::kVessel;
  return Err(reader
                 .ErrorAt(row.record, "expected Group Type Individual, Entity or Ship, found \"" +
                                          std::string(row[kGroupType]) + "\"")
                 .AtElement("Group Type"));
}

Status ReadRow(Parser& p, const Header& header, const CsvRecord& record) {
  if (record.fields.size() != header.width) {
    return p.reader.ErrorAt(record, "expected " + std::to_string(header.width) +
                                        " fields as in the header, found " +
                                        std::to_string(record.fields.size()));
  }
  Row row{header, record};
  std::string group_id(row[kGroupId]);
  if (group_id.empty()) {
    return p.reader.ErrorAt(record, "empty Group ID").AtElement("Group ID");
  }
  Result<Schema> schema = GroupSchema(p.reader, row);
  if (!schema) return schema.error();
  auto [it, added] = p.group_of.try_emplace(group_id, p.groups.size());
  if (added) {
    Group& group = p.groups.emplace_back();
    group.entity.id = std::string(kList) + ":" + group_id;
    group.entity.list = std::string(kList);
    group.entity.schema = *schema;
  }
  Group& group = p.groups[it->second];
  if (group.entity.schema != *schema) {
    return p.reader.ErrorAt(record, "Group ID " + group_id + " is listed with two Group Types")
        .AtElement("Group Type");
  }
  AddRowName(p, row, group);
  if (*schema == Schema::kPerson) AddPersonDetails(p, row, group.entity);
  AddIdentifiers(row, kPassportNumber, kPassportDetails, IdentifierType::kPassport, group.entity);
  AddIdentifiers(row, kNationalIdNumber, kNationalIdDetails, IdentifierType::kNationalId,
                 group.entity);
  AddIdentifiersFromText(row[kNiNumber], IdentifierType::kNationalId, "NI Number", group.entity);
  AddAddress(row, group.entity);
  AddDesignation(p, row, group.entity);
  return Status::Ok();
}

// Line 1: "Last Updated,12/02/2016". Returns false when the record is not
// that line (then it is the header).
bool ReadPublished(Parser& p, const CsvRecord& record) {
  if (record.fields.empty() || Trim(record.fields[0]) != "Last Updated" ||
      record.fields.size() > 3) {
    return false;
  }
  std::string_view date = record.fields.size() > 1 ? Trim(record.fields[1]) : "";
  if (std::optional<PartialDate> d = ParseDayMonthYear(date)) {
    p.data.published = d->ToString();
  } else {
    p.Warn(record, kLastUpdated, "unrecognised Last Updated date \"" + std::string(date) + "\"");
  }
  return true;
}

}  // namespace

Result<ListData> ParseUkHmtCsv(std::string_view csv, std::string_view name) {
  // Before 2017 the file was Windows-1252; ToUtf8 leaves UTF-8 unchanged.
  std::string text = ToUtf8(csv);
  CsvReader reader(text, name);
  ListData data;
  data.list = std::string(kList);
  data.format = Format::kUkHmtCsv;
  Parser p{reader, data, {}, {}};
  CsvRecord record;
  bool have_header_record = reader.Next(&record);
  if (have_header_record && ReadPublished(p, record)) have_header_record = reader.Next(&record);
  if (!have_header_record) {
    if (!reader.status().ok()) return Err(reader.status());
    return Err(Status::ParseError("no header line; expected the HMT ConList header")
                   .InFile(std::string(name)));
  }
  Result<Header> header = ReadHeader(reader, record);
  if (!header) return Err(std::move(header).error());
  while (reader.Next(&record)) {
    INTERDICT_RETURN_IF_ERROR(ReadRow(p, *header, record));
  }
  if (!reader.status().ok()) return Err(reader.status());
  if (p.groups.empty()) {
    return Err(Status::ParseError("no data rows after the header; expected a complete list")
                   .InFile(std::string(name)));
  }
  data.entities.reserve(p.groups.size());
  for (Group& group : p.groups) data.entities.push_back(std::move(group.entity));
  return data;
}

}  // namespace interdict::sources
