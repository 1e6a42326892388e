// Spellings of the model's enums, shared by JSON, the store and the CLI.
#include "interdict/entity.h"

#include <array>
#include <cstdio>
#include <utility>

namespace interdict {
namespace {

// One table per enum keeps the name and the parse direction in one place.
template <typename E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<Schema, 5> kSchemas{{{Schema::kUnknown, "unknown"},
                                         {Schema::kPerson, "person"},
                                         {Schema::kOrganization, "organization"},
                                         {Schema::kVessel, "vessel"},
                                         {Schema::kAircraft, "aircraft"}}};
constexpr NameTable<NameKind, 4> kNameKinds{{{NameKind::kPrimary, "primary"},
                                             {NameKind::kAka, "aka"},
                                             {NameKind::kFka, "fka"},
                                             {NameKind::kNka, "nka"}}};
constexpr NameTable<NameQuality, 4> kQualities{{{NameQuality::kUnspecified, ""},
                                                {NameQuality::kStrong, "strong"},
                                                {NameQuality::kWeak, "weak"},
                                                {NameQuality::kLow, "low"}}};
constexpr NameTable<NamePartType, 8> kPartTypes{{{NamePartType::kGiven, "given"},
                                                 {NamePartType::kMiddle, "middle"},
                                                 {NamePartType::kFamily, "family"},
                                                 {NamePartType::kPatronymic, "patronymic"},
                                                 {NamePartType::kMatronymic, "matronymic"},
                                                 {NamePartType::kTitle, "title"},
                                                 {NamePartType::kSuffix, "suffix"},
                                                 {NamePartType::kOther, "other"}}};
constexpr NameTable<IdentifierType, 18> kIdTypes{{
    {IdentifierType::kOther, "other"},
    {IdentifierType::kPassport, "passport"},
    {IdentifierType::kNationalId, "national_id"},
    {IdentifierType::kTaxId, "tax_id"},
    {IdentifierType::kRegistrationNumber, "registration_number"},
    {IdentifierType::kImo, "imo"},
    {IdentifierType::kMmsi, "mmsi"},
    {IdentifierType::kCallSign, "call_sign"},
    {IdentifierType::kSwiftBic, "swift_bic"},
    {IdentifierType::kDigitalCurrencyAddress, "digital_currency_address"},
    {IdentifierType::kAircraftSerial, "aircraft_serial"},
    {IdentifierType::kAircraftTail, "aircraft_tail"},
    {IdentifierType::kLei, "lei"},
    {IdentifierType::kDriverLicense, "driver_license"},
    {IdentifierType::kSocialSecurity, "social_security"},
    {IdentifierType::kEmail, "email"},
    {IdentifierType::kPhone, "phone"},
    {IdentifierType::kWebsite, "website"},
}};
constexpr NameTable<Gender, 3> kGenders{
    {{Gender::kUnknown, "unknown"}, {Gender::kMale, "male"}, {Gender::kFemale, "female"}}};
constexpr NameTable<RelationType, 10> kRelationTypes{{
    {RelationType::kLinkedTo, "linked_to"},
    {RelationType::kOwnerOf, "owner_of"},
    {RelationType::kOwnedBy, "owned_by"},
    {RelationType::kControls, "controls"},
    {RelationType::kControlledBy, "controlled_by"},
    {RelationType::kDirectorOf, "director_of"},
    {RelationType::kMemberOf, "member_of"},
    {RelationType::kEmployeeOf, "employee_of"},
    {RelationType::kFamily, "family"},
    {RelationType::kAssociate, "associate"},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const NameTable<E, N>& table, E value) noexcept {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return "";
}

template <typename E, std::size_t N>
std::optional<E> ValueOf(const NameTable<E, N>& table, std::string_view name) noexcept {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

const std::string kEmpty;

}  // namespace

std::string PartialDate::ToString() const {
  if (year == 0) return "";
  char buf[32];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

const std::string& Entity::PrimaryName() const noexcept {
  for (const Name& n : names)
    if (n.kind == NameKind::kPrimary) return n.full;
  return names.empty() ? kEmpty : names.front().full;
}

std::string_view SchemaName(Schema v) noexcept { return NameOf(kSchemas, v); }
std::string_view NameKindName(NameKind v) noexcept { return NameOf(kNameKinds, v); }
std::string_view NameQualityName(NameQuality v) noexcept { return NameOf(kQualities, v); }
std::string_view NamePartTypeName(NamePartType v) noexcept { return NameOf(kPartTypes, v); }
std::string_view IdentifierTypeName(IdentifierType v) noexcept { return NameOf(kIdTypes, v); }
std::string_view GenderName(Gender v) noexcept { return NameOf(kGenders, v); }
std::string_view RelationTypeName(RelationType v) noexcept { return NameOf(kRelationTypes, v); }

std::optional<Schema> ParseSchema(std::string_view s) noexcept { return ValueOf(kSchemas, s); }
std::optional<NameKind> ParseNameKind(std::string_view s) noexcept { return ValueOf(kNameKinds, s); }
std::optional<NameQuality> ParseNameQuality(std::string_view s) noexcept {
  return ValueOf(kQualities, s);
}
std::optional<NamePartType> ParseNamePartType(std::string_view s) noexcept {
  return ValueOf(kPartTypes, s);
}
std::optional<IdentifierType> ParseIdentifierType(std::string_view s) noexcept {
  return ValueOf(kIdTypes, s);
}
std::optional<Gender> ParseGender(std::string_view s) noexcept { return ValueOf(kGenders, s); }
std::optional<RelationType> ParseRelationType(std::string_view s) noexcept {
  return ValueOf(kRelationTypes, s);
}

}  // namespace interdict
