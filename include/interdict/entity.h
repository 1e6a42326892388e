// The entity model: one shape for every record of every list.
//
// Each parser turns its format into Entity values; the store keeps them, the
// matcher screens their names and the graph follows their relations. Values
// are plain aggregates (no invariants beyond those documented on fields), so
// they are cheap to build in parsers and safe to copy between threads.
//
// Conventions:
//  * Text is UTF-8, as given by the list (original scripts are kept).
//  * Countries are ISO 3166-1 alpha-2, lower case ("ir", "ru"); a value the
//    list gives that cannot be mapped is kept verbatim in the `*_text` field.
//  * Entity ids are "<list>:<key>", stable across versions of a list:
//      ofac-sdn:<ent_num>   ofac-cons:<ent_num>   un-sc:<REFERENCE_NUMBER>
//      eu-fsf:<logical id>  uk-hmt:<group id>     us-csl:<_id or entity_number>
//      us-dpl:<key, see docs/formats.md>          ftm:<id>
#ifndef INTERDICT_ENTITY_H_
#define INTERDICT_ENTITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace interdict {

enum class Schema : std::uint8_t {
  kUnknown = 0,  // the list does not say (e.g. BIS Denied Persons)
  kPerson,
  kOrganization,  // companies, organisations, groups, government bodies
  kVessel,
  kAircraft,
};

enum class NameKind : std::uint8_t {
  kPrimary = 0,
  kAka,  // also known as
  kFka,  // formerly known as
  kNka,  // now known as
};

// How reliable the list says an alias is ("weak" / "low quality" aliases
// are flagged by OFAC and the UN; strong is the default for primaries).
enum class NameQuality : std::uint8_t { kUnspecified = 0, kStrong, kWeak, kLow };

enum class NamePartType : std::uint8_t {
  kGiven = 0,   // first / forename
  kMiddle,      // second given name
  kFamily,      // last / surname
  kPatronymic,  // derived from the father's name (Russian, Arabic "bin X")
  kMatronymic,
  kTitle,   // Dr, Sheikh, Haji as given in a separate field
  kSuffix,  // Jr, III
  kOther,   // UN THIRD_NAME/FOURTH_NAME, UK "Name 4" and similar
};

struct NamePart {
  NamePartType type = NamePartType::kOther;
  std::string value;
};

struct Name {
  std::string full;  // the whole name as one string, as the list writes it
  NameKind kind = NameKind::kPrimary;
  NameQuality quality = NameQuality::kUnspecified;
  std::string script;    // ISO 15924 ("Latn", "Arab", "Cyrl", "Hani"); "" = not stated
  std::string language;  // ISO 639 code where the list gives one
  std::vector<NamePart> parts;  // where the list splits the name
};

// A calendar date where any trailing component may be unknown (0):
// {1971,0,0} is "1971", {1971,3,0} is "1971-03".
struct PartialDate {
  std::int16_t year = 0;
  std::int8_t month = 0;
  std::int8_t day = 0;

  bool empty() const noexcept { return year == 0; }
  std::string ToString() const;  // "1971", "1971-03", "1971-03-25", or ""
  friend bool operator==(const PartialDate&, const PartialDate&) = default;

  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (and a longer ISO 8601 timestamp,
  // whose time is ignored); nullopt for anything else or an invalid date.
  static std::optional<PartialDate> Parse(std::string_view iso) noexcept;
};

// A date as lists give them: exact, partial, a range ("1960 to 1962"), or
// approximate ("circa 1958"). `to` is empty unless it is a range.
struct DateValue {
  PartialDate from;
  PartialDate to;
  bool approximate = false;
  std::string text;  // the list's original wording when it is not plain ISO
};

struct Address {
  std::string full;  // one-line form, always set when anything is known
  std::string street;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;       // ISO alpha-2, "" when unknown
  std::string country_text;  // as written by the list
};

enum class IdentifierType : std::uint8_t {
  kOther = 0,
  kPassport,
  kNationalId,
  kTaxId,
  kRegistrationNumber,  // company / commercial registry number
  kImo,                 // vessel IMO number
  kMmsi,
  kCallSign,
  kSwiftBic,
  kDigitalCurrencyAddress,
  kAircraftSerial,  // manufacturer serial number
  kAircraftTail,    // registration / tail number
  kLei,
  kDriverLicense,
  kSocialSecurity,
  kEmail,
  kPhone,
  kWebsite,
};

struct Identifier {
  IdentifierType type = IdentifierType::kOther;
  std::string label;  // the list's own wording, e.g. "Digital Currency Address - XBT"
  std::string value;
  std::string country;  // issuing country, ISO alpha-2
  std::string note;     // issue/expiry dates and other remarks
};

enum class Gender : std::uint8_t { kUnknown = 0, kMale, kFemale };

// A directed link from the entity that holds it to `target`:
// "<this> <type> <target>". Each link is stored once, on one side; the graph
// stage derives the reverse direction.
enum class RelationType : std::uint8_t {
  kLinkedTo = 0,  // OFAC "Linked To:" and other unspecified links
  kOwnerOf,       // this entity holds shares in target
  kOwnedBy,       // target holds shares in this entity
  kControls,      // control other than by shares (board majority, agreement)
  kControlledBy,
  kDirectorOf,  // officer / board member of target
  kMemberOf,
  kEmployeeOf,  // employee or agent of target
  kFamily,      // relative of target (`role` says which)
  kAssociate,   // known associate of target
};

struct Relation {
  RelationType type = RelationType::kLinkedTo;
  std::string target;  // an entity id ("ofac-sdn:1234"); "" when unresolved
  std::string target_name;  // the name as the source wrote it (for unresolved links)
  // Share of ownership in percent. A single figure sets both bounds; a range
  // ("25-50%") sets them apart; unknown leaves both unset.
  std::optional<double> share_min;
  std::optional<double> share_max;
  std::string role;  // "subsidiary of", "brother", "director"
  DateValue start;
  DateValue end;
  std::string source;  // where the relation came from (e.g. an FtM record id)
};

// Extra list-specific attributes kept verbatim so nothing the list says is
// lost (vessel flag and tonnage, aircraft model, OFAC program tags, ...).
struct Attribute {
  std::string key;
  std::string value;
};

struct Entity {
  std::string id;    // "<list>:<key>", see the header comment
  std::string list;  // "ofac-sdn", "un-sc", ...
  Schema schema = Schema::kUnknown;
  std::vector<Name> names;  // names[0] is the primary name when there is one
  Gender gender = Gender::kUnknown;
  std::vector<DateValue> birth_dates;
  std::vector<std::string> birth_places;
  std::vector<std::string> nationalities;  // ISO alpha-2
  std::vector<std::string> citizenships;   // ISO alpha-2
  std::vector<std::string> countries;      // other country links (jurisdiction, flag, location)
  std::vector<Address> addresses;
  std::vector<Identifier> identifiers;
  std::vector<std::string> titles;
  std::vector<std::string> positions;
  std::vector<std::string> programs;  // sanctions programmes / regimes
  PartialDate listed_on;
  std::string remarks;
  std::vector<Relation> relations;
  std::vector<Attribute> attributes;

  // The primary name's text, or the first name's, or "".
  const std::string& PrimaryName() const noexcept;
};

// Stable lower-case spellings used in JSON, the store and the CLI.
std::string_view SchemaName(Schema) noexcept;          // "person", ...
std::string_view NameKindName(NameKind) noexcept;      // "primary", "aka", ...
std::string_view NameQualityName(NameQuality) noexcept;
std::string_view NamePartTypeName(NamePartType) noexcept;
std::string_view IdentifierTypeName(IdentifierType) noexcept;  // "passport", ...
std::string_view GenderName(Gender) noexcept;
std::string_view RelationTypeName(RelationType) noexcept;  // "owner_of", ...

// Inverse mappings; nullopt for an unknown spelling.
std::optional<Schema> ParseSchema(std::string_view) noexcept;
std::optional<NameKind> ParseNameKind(std::string_view) noexcept;
std::optional<NameQuality> ParseNameQuality(std::string_view) noexcept;
std::optional<NamePartType> ParseNamePartType(std::string_view) noexcept;
std::optional<IdentifierType> ParseIdentifierType(std::string_view) noexcept;
std::optional<Gender> ParseGender(std::string_view) noexcept;
std::optional<RelationType> ParseRelationType(std::string_view) noexcept;

}  // namespace interdict

#endif  // INTERDICT_ENTITY_H_
