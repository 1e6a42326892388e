#include "sources/ftm_model.h"

#include <array>
#include <charconv>
#include <cstring>
#include <tuple>
#include <utility>

#include "interdict/countries.h"
#include "sources/entity_builder.h"
#include "sources/entity_merge.h"
#include "sources/io.h"
#include "sources/script.h"

namespace interdict::sources {
namespace {

using json = nlohmann::json;

constexpr std::array<LinkSchema, 7> kLinks = {{
    {"Ownership", "owner", "asset", RelationType::kOwnerOf, "role"},
    {"Directorship", "director", "organization", RelationType::kDirectorOf, "role"},
    {"Membership", "member", "organization", RelationType::kMemberOf, "role"},
    {"Employment", "employee", "employer", RelationType::kEmployeeOf, "role"},
    {"Family", "person", "relative", RelationType::kFamily, "relationship"},
    {"Associate", "person", "associate", RelationType::kAssociate, "relationship"},
    {"UnknownLink", "subject", "object", RelationType::kLinkedTo, "role"},
}};

struct NameProperty {
  const char* key;
  NameKind kind;
  NameQuality quality;
};
constexpr std::array<NameProperty, 5> kNameProperties = {{
    {"name", NameKind::kPrimary, NameQuality::kUnspecified},
    {"alias", NameKind::kAka, NameQuality::kUnspecified},
    {"abbreviation", NameKind::kAka, NameQuality::kUnspecified},
    {"previousName", NameKind::kFka, NameQuality::kUnspecified},
    {"weakAlias", NameKind::kAka, NameQuality::kWeak},
}};

constexpr std::array<std::pair<const char*, NamePartType>, 7> kPartProperties = {{
    {"firstName", NamePartType::kGiven},
    {"secondName", NamePartType::kMiddle},
    {"middleName", NamePartType::kMiddle},
    {"fatherName", NamePartType::kPatronymic},
    {"motherName", NamePartType::kMatronymic},
    {"lastName", NamePartType::kFamily},
    {"nameSuffix", NamePartType::kSuffix},
}};

constexpr std::array<std::pair<const char*, IdentifierType>, 30> kIdProperties = {{
    {"idNumber", IdentifierType::kNationalId},
    {"passportNumber", IdentifierType::kPassport},
    {"socialSecurityNumber", IdentifierType::kSocialSecurity},
    {"taxNumber", IdentifierType::kTaxId},
    {"vatCode", IdentifierType::kTaxId},
    {"innCode", IdentifierType::kTaxId},
    {"irsCode", IdentifierType::kTaxId},
    {"registrationNumber", IdentifierType::kRegistrationNumber},
    {"ogrnCode", IdentifierType::kRegistrationNumber},
    {"uscCode", IdentifierType::kRegistrationNumber},
    {"leiCode", IdentifierType::kLei},
    {"swiftBic", IdentifierType::kSwiftBic},
    {"imoNumber", IdentifierType::kImo},
    {"mmsi", IdentifierType::kMmsi},
    {"callSign", IdentifierType::kCallSign},
    {"serialNumber", IdentifierType::kAircraftSerial},
    {"email", IdentifierType::kEmail},
    {"phone", IdentifierType::kPhone},
    {"website", IdentifierType::kWebsite},
    {"kppCode", IdentifierType::kOther},
    {"okpoCode", IdentifierType::kOther},
    {"dunsCode", IdentifierType::kOther},
    {"uniqueEntityId", IdentifierType::kOther},
    {"permId", IdentifierType::kOther},
    {"bikCode", IdentifierType::kOther},
    {"licenseNumber", IdentifierType::kOther},
    {"icaoCode", IdentifierType::kOther},
    {"crsNumber", IdentifierType::kOther},
    {"npiCode", IdentifierType::kOther},
    {"cikCode", IdentifierType::kOther},
}};

// Country-valued properties and where they go.
enum class CountryField { kNationality, kCitizenship, kOther };
constexpr std::array<std::pair<const char*, CountryField>, 7> kCountryProperties = {{
    {"nationality", CountryField::kNationality},
    {"citizenship", CountryField::kCitizenship},
    {"country", CountryField::kOther},
    {"jurisdiction", CountryField::kOther},
    {"mainCountry", CountryField::kOther},
    {"birthCountry", CountryField::kOther},
    {"flag", CountryField::kOther},
}};

// Properties read elsewhere (not kept as attributes).
constexpr std::array kHandledElsewhere = {"addressEntity", "birthDate", "birthPlace", "gender",
                                          "position",      "title",     "notes",      "summary",
                                          "description",   "program",   "address"};

const char* KeyOf(const NameProperty& p) { return p.key; }
template <typename T>
const char* KeyOf(const std::pair<const char*, T>& p) {
  return p.first;
}

template <typename Table>
bool InTable(const Table& table, std::string_view key) {
  for (const auto& row : table)
    if (key == KeyOf(row)) return true;
  return false;
}
bool IsHandledElsewhere(std::string_view key) {
  for (const char* k : kHandledElsewhere)
    if (key == k) return true;
  return false;
}

DateValue MakeDate(const std::string& text) {
  DateValue date;
  if (std::optional<PartialDate> parsed = PartialDate::Parse(text)) {
    date.from = *parsed;
  } else {
    date.text = text;
  }
  return date;
}

// FtM countries are ISO codes in lower case, plus a few of its own
// ("suhh" for the USSR); those are kept as attributes.
std::string Country(const std::string& value) { return CountryCode(value); }

// True when `words` occurs in `text` bounded by spaces, punctuation or ends.
bool ContainsWords(std::string_view text, std::string_view words) {
  auto boundary = [](char c) { return c == ' ' || c == ',' || c == '-' || c == '.' || c == '"'; };
  for (std::size_t at = text.find(words); at != std::string_view::npos;
       at = text.find(words, at + 1)) {
    std::size_t end = at + words.size();
    if ((at == 0 || boundary(text[at - 1])) && (end == text.size() || boundary(text[end]))) {
      return true;
    }
  }
  return false;
}

void AddNames(const json& properties, Entity* entity) {
  for (const NameProperty& p : kNameProperties) {
    NameKind kind = p.kind;
    for (const std::string& full : Values(properties, p.key)) {
      Name name{full, kind, p.quality, std::string(DetectScript(full)), "", {}};
      AppendUnique(&entity->names, std::move(name), SameName);
      if (kind == NameKind::kPrimary) kind = NameKind::kAka;  // one primary
    }
  }
  // FtM gives name parts apart from the names; attach each part to the names
  // that contain it.
  for (const auto& [key, type] : kPartProperties) {
    for (const std::string& part : Values(properties, key)) {
      for (Name& name : entity->names) {
        if (ContainsWords(name.full, part)) name.parts.push_back({type, part});
      }
    }
  }
}

void AddCountries(const json& properties, Entity* entity) {
  for (const auto& [key, field] : kCountryProperties) {
    for (const std::string& value : Values(properties, key)) {
      std::string code = Country(value);
      if (code.empty()) {
        entity->attributes.push_back({key, value});
        continue;
      }
      auto& codes = field == CountryField::kNationality   ? entity->nationalities
                    : field == CountryField::kCitizenship ? entity->citizenships
                                                          : entity->countries;
      AddUnique(codes, std::move(code));
    }
  }
}

void AddRemarks(const std::vector<std::string>& texts, Entity* entity) {
  for (const std::string& text : texts) {
    if (text.empty() || entity->remarks.find(text) != std::string::npos) continue;
    entity->remarks += (entity->remarks.empty() ? "" : "\n") + text;
  }
}

void AddIdentifiers(std::string_view schema, const json& properties, Entity* entity) {
  for (const auto& [key, type] : kIdProperties) {
    IdentifierType id_type = type;
    // An aircraft's registration number is its tail number.
    if (schema == "Airplane" && std::strcmp(key, "registrationNumber") == 0) {
      id_type = IdentifierType::kAircraftTail;
    }
    for (const std::string& value : Values(properties, key)) {
      AppendUnique(&entity->identifiers, Identifier{id_type, key, value, "", ""}, SameIdentifier);
    }
  }
}

void AddEarliest(const PartialDate& date, PartialDate* earliest) {
  if (date.empty()) return;
  if (earliest->empty() || std::tie(date.year, date.month, date.day) <
                               std::tie(earliest->year, earliest->month, earliest->day)) {
    *earliest = date;
  }
}

std::optional<double> ParseNumber(std::string_view s) {
  std::string text(Trim(s));
  for (char& c : text)
    if (c == ',') c = '.';
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<Schema> EntitySchema(std::string_view s) noexcept {
  if (s == "Person") return Schema::kPerson;
  if (s == "Company" || s == "Organization" || s == "PublicBody") return Schema::kOrganization;
  if (s == "LegalEntity") return Schema::kUnknown;  // FtM: person or company, not known
  if (s == "Vessel") return Schema::kVessel;
  if (s == "Airplane") return Schema::kAircraft;
  return std::nullopt;
}

const LinkSchema* FindLinkSchema(std::string_view schema) noexcept {
  for (const LinkSchema& link : kLinks)
    if (link.schema == schema) return &link;
  return nullptr;
}

std::vector<std::string> Values(const json& properties, const char* key) {
  std::vector<std::string> values;
  auto it = properties.find(key);
  if (it == properties.end()) return values;
  for (const json& v : *it) {
    std::string_view text = Trim(v.get_ref<const std::string&>());
    if (!text.empty()) values.emplace_back(text);
  }
  return values;
}

void ApplyProperties(std::string_view schema, const json& properties, Entity* entity) {
  AddNames(properties, entity);
  AddCountries(properties, entity);
  AddIdentifiers(schema, properties, entity);
  for (const std::string& date : Values(properties, "birthDate")) {
    AppendUnique(&entity->birth_dates, MakeDate(date), SameDate);
  }
  for (std::string& place : Values(properties, "birthPlace"))
    AddUnique(entity->birth_places, place);
  for (const std::string& gender : Values(properties, "gender")) {
    if (gender == "male") entity->gender = Gender::kMale;
    if (gender == "female") entity->gender = Gender::kFemale;
  }
  for (std::string& v : Values(properties, "position")) AddUnique(entity->positions, v);
  for (std::string& v : Values(properties, "title")) AddUnique(entity->titles, v);
  for (std::string& v : Values(properties, "program")) AddUnique(entity->programs, v);
  for (const char* key : {"notes", "summary", "description"})
    AddRemarks(Values(properties, key), entity);
  for (std::string& text : Values(properties, "address")) {
    Address address;
    address.full = std::move(text);
    AppendUnique(&entity->addresses, std::move(address), SameAddress);
  }
  for (const auto& [key, values] : properties.items()) {
    if (InTable(kNameProperties, key) || InTable(kPartProperties, key) ||
        InTable(kIdProperties, key) || InTable(kCountryProperties, key) ||
        IsHandledElsewhere(key)) {
      continue;
    }
    for (std::string& value : Values(properties, key.c_str())) {
      AppendUnique(&entity->attributes, Attribute{key, std::move(value)}, SameAttribute);
    }
  }
}

void ApplyMetadata(const json& record, Entity* entity) {
  for (const char* key : {"datasets", "referents"}) {
    auto it = record.find(key);
    if (it == record.end() || !it->is_array()) continue;
    std::string name = std::strcmp(key, "datasets") == 0 ? "dataset" : "referent";
    for (const json& v : *it)
      if (v.is_string()) entity->attributes.push_back({name, v.get<std::string>()});
  }
  for (const char* key : {"first_seen", "last_seen", "last_change"}) {
    auto it = record.find(key);
    if (it != record.end() && it->is_string())
      entity->attributes.push_back({key, it->get<std::string>()});
  }
}

Address MakeAddress(const json& properties) {
  auto first = [&](const char* key) {
    std::vector<std::string> v = Values(properties, key);
    return v.empty() ? std::string() : v.front();
  };
  Address address;
  address.street = JoinNonEmpty({first("street"), first("street2"), first("postOfficeBox")}, ", ");
  address.city = first("city");
  address.region = JoinNonEmpty({first("region"), first("state")}, ", ");
  address.postal_code = first("postalCode");
  address.country_text = first("country");
  address.country = Country(address.country_text);
  address.full = first("full");
  if (address.full.empty()) {
    address.full = JoinNonEmpty({address.street, address.city, address.postal_code, address.region,
                                 std::string(CountryName(address.country))},
                                ", ");
  }
  return address;
}

void ApplySanction(const json& properties, Entity* entity) {
  for (std::string& program : Values(properties, "program")) AddUnique(entity->programs, program);
  for (const char* key : {"listingDate", "startDate"}) {
    for (const std::string& date : Values(properties, key)) {
      if (std::optional<PartialDate> parsed = PartialDate::Parse(date)) {
        AddEarliest(*parsed, &entity->listed_on);
      }
    }
  }
  AddRemarks(Values(properties, "reason"), entity);
  for (const auto& [key, values] : properties.items()) {
    if (key == "entity" || key == "program" || key == "reason") continue;
    for (std::string& value : Values(properties, key.c_str())) {
      AppendUnique(&entity->attributes, Attribute{"sanction." + key, std::move(value)},
                   SameAttribute);
    }
  }
}

Identifier MakeIdentification(std::string_view schema, const json& properties,
                              const std::string& number) {
  Identifier id;
  id.value = number;
  std::vector<std::string> types = Values(properties, "type");
  id.label = types.empty() ? std::string(schema) : types.front();
  bool passport =
      schema == "Passport" || AsciiLower(id.label).find("passport") != std::string::npos;
  id.type = passport ? IdentifierType::kPassport : IdentifierType::kNationalId;
  std::vector<std::string> countries = Values(properties, "country");
  if (!countries.empty()) id.country = Country(countries.front());
  std::vector<std::string> notes;
  for (const std::string& d : Values(properties, "startDate")) notes.push_back("issued " + d);
  for (const std::string& d : Values(properties, "endDate")) notes.push_back("expires " + d);
  for (const std::string& a : Values(properties, "authority")) notes.push_back("by " + a);
  for (const std::string& note : notes) id.note += (id.note.empty() ? "" : "; ") + note;
  return id;
}

Relation MakeRelation(const LinkSchema& link, const json& properties,
                      const std::string& record_id) {
  Relation relation;
  relation.type = link.type;
  relation.source = "ftm:" + record_id;
  std::vector<std::string> roles = Values(properties, link.role);
  for (const std::string& role : roles) relation.role += (relation.role.empty() ? "" : "; ") + role;
  std::vector<std::string> starts = Values(properties, "startDate");
  if (!starts.empty()) relation.start = MakeDate(starts.front());
  std::vector<std::string> ends = Values(properties, "endDate");
  if (!ends.empty()) relation.end = MakeDate(ends.front());
  std::vector<std::string> shares = Values(properties, "percentage");
  if (!shares.empty()) ParseShare(shares.front(), &relation);
  return relation;
}

void ParseShare(std::string_view text, Relation* relation) {
  std::string_view s = Trim(text);
  if (!s.empty() && s.back() == '%') s = Trim(s.substr(0, s.size() - 1));
  if (s.empty()) return;
  if (s.front() == '<' || s.front() == '>') {
    std::optional<double> bound = ParseNumber(s.substr(1));
    if (!bound) return;
    (s.front() == '<' ? relation->share_max : relation->share_min) = *bound;
    return;
  }
  std::size_t dash = s.find('-', 1);
  if (dash == std::string_view::npos) {
    std::optional<double> value = ParseNumber(s);
    if (value) relation->share_min = relation->share_max = *value;
    return;
  }
  std::string_view high = s.substr(dash + 1);
  if (!high.empty() && high.back() == '%') high.remove_suffix(1);
  std::optional<double> low = ParseNumber(s.substr(0, dash));
  std::optional<double> up = ParseNumber(high);
  if (low && up && *low <= *up) {
    relation->share_min = *low;
    relation->share_max = *up;
  }
}

}  // namespace interdict::sources
