// OFAC "enhanced" XML (CONS_ENHANCED.XML, SDN_ENHANCED.XML) into entities.
// The mapping is documented in docs/formats/ofac_xml.md.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "interdict/countries.h"
#include "sources/entity_builder.h"
#include "sources/parsers.h"
#include "sources/xml_util.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kSdnList = "ofac-sdn";
constexpr std::string_view kConsList = "ofac-cons";

// COUNTRY reference values: refId -> lower-case ISO alpha-2. The file states
// the code for each country it uses, which beats guessing from the name.
using CountryIndex = std::unordered_map<std::string, std::string>;

CountryIndex IndexCountries(pugi::xml_node reference_values) {
  CountryIndex index;
  for (pugi::xml_node ref : reference_values.children("referenceValue")) {
    if (ChildText(ref, "type") != "COUNTRY") continue;
    std::string iso = ChildText(ref, "isoCode");
    std::transform(iso.begin(), iso.end(), iso.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (iso.size() == 2) index.emplace(ref.attribute("refId").value(), std::move(iso));
  }
  return index;
}

// The ISO code of a country given by reference id and name, or "" when
// neither the file's table nor ours knows it.
std::string CountryOf(const CountryIndex& countries, const std::string& ref_id,
                      std::string_view text) {
  auto it = countries.find(ref_id);
  return it != countries.end() ? it->second : CountryCode(text);
}

// A country element such as <issuingCountry refId="11171">Russia</...>.
std::string CountryOf(const CountryIndex& countries, pugi::xml_node node) {
  return CountryOf(countries, node.attribute("refId").value(), NodeText(node));
}

// Adds a non-empty value once.
void AddFact(std::vector<std::string>& values, std::string value) {
  if (!value.empty()) AddUnique(values, std::move(value));
}

// The list is named by publicationInfo's filter ("Consolidated List" or "SDN
// List"); files without one are told apart by name (CONS_ENHANCED.XML).
std::string ChooseList(pugi::xml_node publication_info, std::string_view file_name) {
  pugi::xml_node lists = publication_info.child("filters").child("sanctionsLists");
  for (pugi::xml_node list : lists.children("sanctionsList")) {
    std::string text = NodeText(list);
    if (text == "Consolidated List") return std::string(kConsList);
    if (text == "SDN List") return std::string(kSdnList);
  }
  std::string upper(file_name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return std::string(upper.find("CONS") != std::string::npos ? kConsList : kSdnList);
}

Schema SchemaOf(std::string_view entity_type) {
  if (entity_type == "Individual") return Schema::kPerson;
  if (entity_type == "Entity") return Schema::kOrganization;
  if (entity_type == "Vessel") return Schema::kVessel;
  if (entity_type == "Aircraft") return Schema::kAircraft;
  return Schema::kUnknown;
}

// OFAC's SCRIPT reference values carry codes such as "Latin" and "Korean"
// that are not ISO 15924, so the names are mapped here.
std::string_view ScriptCode(std::string_view script) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kScripts{{
      {"Latin", "Latn"},
      {"Cyrillic", "Cyrl"},
      {"Arabic", "Arab"},
      {"Armenian", "Armn"},
      {"Chinese Simplified", "Hans"},
      {"Chinese Traditional", "Hant"},
      {"Georgian", "Geor"},
      {"Greek", "Grek"},
      {"Hangul", "Hang"},
      {"Hebrew", "Hebr"},
      {"Japanese", "Jpan"},
      {"Korean", "Kore"},
  }};
  for (const auto& [name, code] : kScripts)
    if (name == script) return code;
  return "";
}

std::optional<NamePartType> PartTypeOf(std::string_view type) {
  if (type == "Last Name" || type == "Maiden Name") return NamePartType::kFamily;
  if (type == "First Name") return NamePartType::kGiven;
  if (type == "Middle Name") return NamePartType::kMiddle;
  if (type == "Patronymic") return NamePartType::kPatronymic;
  if (type == "Matronymic") return NamePartType::kMatronymic;
  if (type == "Nickname") return NamePartType::kOther;
  return std::nullopt;  // Entity/Vessel/Aircraft Name: the whole name, not a part
}

NameKind AliasKind(std::string_view alias_type) {
  if (alias_type == "F.K.A.") return NameKind::kFka;
  if (alias_type == "N.K.A.") return NameKind::kNka;
  return NameKind::kAka;
}

// One <translation> of a <name>: the name in one script.
Name TranslationName(pugi::xml_node translation, NameKind kind, NameQuality quality) {
  Name name;
  name.full = ChildText(translation, "formattedFullName");
  name.kind = kind;
  name.quality = quality;
  name.script = std::string(ScriptCode(ChildText(translation, "script")));
  if (name.script.empty()) name.script = std::string(DetectScript(name.full));
  for (pugi::xml_node part : translation.child("nameParts").children("namePart")) {
    std::optional<NamePartType> type = PartTypeOf(ChildText(part, "type"));
    std::string value = ChildText(part, "value");
    if (type && !value.empty()) name.parts.push_back({*type, std::move(value)});
  }
  return name;
}

// Each <name> gives one Name per translation. A translation of the primary
// name into another script is kept as an a.k.a., so names[0] stays the one
// primary name.
void AddNames(pugi::xml_node names, Entity* entity) {
  for (pugi::xml_node name : names.children("name")) {
    bool primary = IsTrue(ChildText(name, "isPrimary"));
    NameKind kind = primary ? NameKind::kPrimary : AliasKind(ChildText(name, "aliasType"));
    NameQuality quality =
        IsTrue(ChildText(name, "isLowQuality")) ? NameQuality::kWeak : NameQuality::kStrong;
    for (pugi::xml_node translation : name.child("translations").children("translation")) {
      bool main_script = IsTrue(ChildText(translation, "isPrimary"));
      NameKind this_kind = (kind == NameKind::kPrimary && !main_script) ? NameKind::kAka : kind;
      Name parsed = TranslationName(translation, this_kind, quality);
      if (!parsed.full.empty()) entity->names.push_back(std::move(parsed));
    }
  }
  std::stable_partition(entity->names.begin(), entity->names.end(),
                        [](const Name& n) { return n.kind == NameKind::kPrimary; });
}

// ---- Dates ----------------------------------------------------------------

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// OFAC states every date as a span of days ("1962" is 1962-01-01 to
// 1962-12-31). A span that is exactly one day, month or year becomes that
// partial date; anything else has no single-date form.
std::optional<PartialDate> CollapseSpan(const PartialDate& begin, const PartialDate& end) {
  if (begin == end) return begin;
  if (begin.year != end.year || begin.day != 1) return std::nullopt;
  if (begin.month == 1 && end.month == 12 && end.day == 31) return PartialDate{begin.year, 0, 0};
  if (begin.month == end.month && end.day == DaysInMonth(end.year, end.month))
    return PartialDate{begin.year, begin.month, 0};
  return std::nullopt;
}

// The date of a DATE feature from its <valueDate>; the <value> wording is
// kept in `text` when it is not plain ISO ("12 Jul 1965", "circa 1958").
DateValue FeatureDate(pugi::xml_node feature) {
  DateValue date;
  std::string value = ChildText(feature, "value");
  pugi::xml_node span = feature.child("valueDate");
  auto day = [&](const char* child) { return ParseIsoDay(ChildText(span, child)); };
  std::optional<PartialDate> from_begin = day("fromDateBegin"), from_end = day("fromDateEnd");
  std::optional<PartialDate> to_begin = day("toDateBegin"), to_end = day("toDateEnd");
  date.approximate = IsTrue(ChildText(span, "isApproximate"));
  if (IsTrue(ChildText(span, "isDateRange"))) {
    if (from_begin)
      date.from =
          from_end ? CollapseSpan(*from_begin, *from_end).value_or(*from_begin) : *from_begin;
    if (to_end) date.to = to_begin ? CollapseSpan(*to_begin, *to_end).value_or(*to_end) : *to_end;
  } else if (from_begin && to_end) {
    std::optional<PartialDate> single = CollapseSpan(*from_begin, *to_end);
    date.from = single.value_or(*from_begin);
    if (!single) date.to = *to_end;
  } else if (from_begin) {
    date.from = *from_begin;
  }
  std::string iso = date.from.ToString();
  if (!date.to.empty()) iso += "/" + date.to.ToString();
  if (value != iso) date.text = std::move(value);
  return date;
}

// ---- Features ---------------------------------------------------------------

enum class FeatureUse : std::uint8_t {
  kAttribute = 0,  // kept verbatim as an Attribute
  kBirthDate,
  kBirthPlace,
  kNationality,
  kCitizenship,
  kCountry,  // registration, flag
  kGender,
  kTitle,
  kPosition,
  kIdentifier,
};

struct FeatureRule {
  std::string_view type;
  FeatureUse use;
  IdentifierType id_type = IdentifierType::kOther;
};

constexpr std::array<FeatureRule, 25> kFeatureRules{{
    {"Birthdate", FeatureUse::kBirthDate},
    {"Place of Birth", FeatureUse::kBirthPlace},
    {"Nationality Country", FeatureUse::kNationality},
    {"Citizenship Country", FeatureUse::kCitizenship},
    {"Nationality of Registration", FeatureUse::kCountry},
    {"Vessel Flag", FeatureUse::kCountry},
    {"Gender", FeatureUse::kGender},
    {"Title", FeatureUse::kTitle},
    {"Position", FeatureUse::kPosition},
    {"SWIFT/BIC", FeatureUse::kIdentifier, IdentifierType::kSwiftBic},
    {"Email Address", FeatureUse::kIdentifier, IdentifierType::kEmail},
    {"Website", FeatureUse::kIdentifier, IdentifierType::kWebsite},
    {"Phone Number", FeatureUse::kIdentifier, IdentifierType::kPhone},
    {"Vessel Call Sign", FeatureUse::kIdentifier, IdentifierType::kCallSign},
    {"Other Vessel Call Sign", FeatureUse::kIdentifier, IdentifierType::kCallSign},
    {"MMSI", FeatureUse::kIdentifier, IdentifierType::kMmsi},
    {"Aircraft Tail Number", FeatureUse::kIdentifier, IdentifierType::kAircraftTail},
    {"Previous Aircraft Tail Number", FeatureUse::kIdentifier, IdentifierType::kAircraftTail},
    {"Aircraft Manufacturer's Serial Number (MSN)", FeatureUse::kIdentifier,
     IdentifierType::kAircraftSerial},
    {"ISIN", FeatureUse::kIdentifier},
    {"Equity Ticker", FeatureUse::kIdentifier},
    {"BIK (RU)", FeatureUse::kIdentifier},
    {"Legal Entity Number", FeatureUse::kIdentifier, IdentifierType::kLei},
    {"Tax ID No.", FeatureUse::kIdentifier, IdentifierType::kTaxId},
    {"Registration Number", FeatureUse::kIdentifier, IdentifierType::kRegistrationNumber},
}};

FeatureRule RuleFor(std::string_view type) {
  for (const FeatureRule& rule : kFeatureRules)
    if (rule.type == type) return rule;
  // "Digital Currency Address - XBT", "- ETH", ...: one rule for every coin.
  if (type.substr(0, 24) == "Digital Currency Address")
    return {type, FeatureUse::kIdentifier, IdentifierType::kDigitalCurrencyAddress};
  return {type, FeatureUse::kAttribute};
}

void AddCountryFeature(std::vector<std::string>* codes, pugi::xml_node feature,
                       const std::string& type, const std::string& value,
                       const CountryIndex& countries, Entity* entity) {
  std::string code = CountryOf(countries, ChildText(feature, "valueRefId"), value);
  if (code.empty()) {
    entity->attributes.push_back({type, value});  // unmapped: keep the wording
  } else {
    AddFact(*codes, std::move(code));
  }
}

void AddFeature(pugi::xml_node feature, const CountryIndex& countries, Entity* entity) {
  std::string type = ChildText(feature, "type");
  std::string value = ChildText(feature, "value");
  std::string comments = ChildText(feature, "comments");
  FeatureRule rule = RuleFor(type);
  switch (rule.use) {
    case FeatureUse::kBirthDate:
      entity->birth_dates.push_back(FeatureDate(feature));
      return;
    case FeatureUse::kBirthPlace:
      AddFact(entity->birth_places, value);
      return;
    case FeatureUse::kNationality:
      return AddCountryFeature(&entity->nationalities, feature, type, value, countries, entity);
    case FeatureUse::kCitizenship:
      return AddCountryFeature(&entity->citizenships, feature, type, value, countries, entity);
    case FeatureUse::kCountry:
      if (type == "Vessel Flag") entity->attributes.push_back({type, value});
      return AddCountryFeature(&entity->countries, feature, type, value, countries, entity);
    case FeatureUse::kGender:
      entity->gender = value == "Male"     ? Gender::kMale
                       : value == "Female" ? Gender::kFemale
                                           : Gender::kUnknown;
      return;
    case FeatureUse::kTitle:
      AddFact(entity->titles, value);
      return;
    case FeatureUse::kPosition:
      AddFact(entity->positions, value);
      return;
    case FeatureUse::kIdentifier:
      entity->identifiers.push_back({rule.id_type, type, value, "", comments});
      return;
    case FeatureUse::kAttribute:
      if (!comments.empty()) value += " (" + comments + ")";
      entity->attributes.push_back({type, value});
      return;
  }
}

// ---- Documents, addresses, relations ---------------------------------------

IdentifierType DocumentType(std::string_view type) {
  static constexpr std::array<std::pair<std::string_view, IdentifierType>, 41> kTypes{{
      {"National ID No.", IdentifierType::kNationalId},
      {"Personal ID Card", IdentifierType::kNationalId},
      {"Identification Number", IdentifierType::kNationalId},
      {"Cedula No.", IdentifierType::kNationalId},
      {"D.N.I.", IdentifierType::kNationalId},
      {"C.U.R.P.", IdentifierType::kNationalId},
      {"N.I.E.", IdentifierType::kNationalId},
      {"Bosnian Personal ID No.", IdentifierType::kNationalId},
      {"Kenyan ID No.", IdentifierType::kNationalId},
      {"Moroccan Personal ID No.", IdentifierType::kNationalId},
      {"Tazkira National ID Card", IdentifierType::kNationalId},
      {"Turkish Identification Number", IdentifierType::kNationalId},
      {"CNP (Personal Numerical Code)", IdentifierType::kNationalId},
      {"UAE Identification", IdentifierType::kNationalId},
      {"Tax ID No.", IdentifierType::kTaxId},
      {"R.F.C.", IdentifierType::kTaxId},
      {"RFC", IdentifierType::kTaxId},
      {"NIT #", IdentifierType::kTaxId},
      {"US FEIN", IdentifierType::kTaxId},
      {"RUC #", IdentifierType::kTaxId},
      {"C.U.I.T.", IdentifierType::kTaxId},
      {"V.A.T. Number", IdentifierType::kTaxId},
      {"Italian Fiscal Code", IdentifierType::kTaxId},
      {"Fiscal Code", IdentifierType::kTaxId},
      {"N.I.F.", IdentifierType::kTaxId},
      {"RIF #", IdentifierType::kTaxId},
      {"Registration ID", IdentifierType::kRegistrationNumber},
      {"Registration Number", IdentifierType::kRegistrationNumber},
      {"Business Registration Number", IdentifierType::kRegistrationNumber},
      {"Public Registration Number", IdentifierType::kRegistrationNumber},
      {"Company Number", IdentifierType::kRegistrationNumber},
      {"UK Company Number", IdentifierType::kRegistrationNumber},
      {"C.R. No.", IdentifierType::kRegistrationNumber},
      {"Commercial Registry Number", IdentifierType::kRegistrationNumber},
      {"Government Gazette Number", IdentifierType::kRegistrationNumber},
      {"Unified Social Credit Code (USCC)", IdentifierType::kRegistrationNumber},
      {"Legal Entity Number", IdentifierType::kLei},
      {"Vessel Registration Identification", IdentifierType::kImo},
      {"MMSI", IdentifierType::kMmsi},
      {"Aircraft Serial Identification", IdentifierType::kAircraftSerial},
      {"Driver's License No.", IdentifierType::kDriverLicense},
  }};
  for (const auto& [name, id_type] : kTypes)
    if (name == type) return id_type;
  if (type == "SSN") return IdentifierType::kSocialSecurity;
  if (type.find("Passport") != std::string_view::npos) return IdentifierType::kPassport;
  return IdentifierType::kOther;
}

void AddDocument(pugi::xml_node document, const CountryIndex& countries, Entity* entity) {
  Identifier id;
  id.label = ChildText(document, "type");
  id.type = DocumentType(id.label);
  id.value = ChildText(document, "documentNumber");
  if (id.type == IdentifierType::kImo && id.value.rfind("IMO ", 0) == 0) id.value.erase(0, 4);
  if (pugi::xml_node country = document.child("issuingCountry"))
    id.country = CountryOf(countries, country);
  // Everything else the document says (issuing authority and place, dates,
  // validity) goes into the note as "element: value".
  for (pugi::xml_node child : document.children()) {
    std::string_view tag = child.name();
    if (tag == "type" || tag == "name" || tag == "documentNumber" || tag == "issuingCountry")
      continue;
    std::string text = NodeText(child);
    if (text.empty() || (tag == "isValid" && IsTrue(text))) continue;
    if (!id.note.empty()) id.note += "; ";
    id.note += std::string(tag) + ": " + text;
  }
  if (!id.value.empty()) entity->identifiers.push_back(std::move(id));
}

void AddAddress(pugi::xml_node address, const CountryIndex& countries, Entity* entity) {
  Address out;
  if (pugi::xml_node country = address.child("country")) {
    out.country_text = NodeText(country);
    out.country = CountryOf(countries, country);
  }
  // Only the main translation: the model has no script per address.
  pugi::xml_node chosen;
  for (pugi::xml_node t : address.child("translations").children("translation"))
    if (!chosen || IsTrue(ChildText(t, "isPrimary"))) chosen = t;
  for (pugi::xml_node part : chosen.child("addressParts").children("addressPart")) {
    std::string type = ChildText(part, "type");
    std::string value = ChildText(part, "value");
    std::string* field = type.rfind("ADDRESS", 0) == 0                  ? &out.street
                         : type == "CITY"                               ? &out.city
                         : type == "STATE/PROVINCE" || type == "REGION" ? &out.region
                         : type == "POSTAL CODE"                        ? &out.postal_code
                                                                        : nullptr;
    if (field) *field = JoinNonEmpty({*field, value}, ", ");
  }
  out.full =
      JoinNonEmpty({out.street, out.city, out.region, out.postal_code, out.country_text}, ", ");
  if (out.full.empty()) return;  // OFAC lists empty placeholder addresses
  AddFact(entity->countries, out.country);
  entity->addresses.push_back(std::move(out));
}

RelationType RelationTypeOf(std::string_view type) {
  static constexpr std::array<std::pair<std::string_view, RelationType>, 10> kTypes{{
      {"Owned or Controlled By", RelationType::kOwnedBy},
      {"Property in the interest of", RelationType::kOwnedBy},
      {"Owns, controls, or operates", RelationType::kOwnerOf},
      {"Acting for or on behalf of", RelationType::kEmployeeOf},
      {"Associate Of", RelationType::kAssociate},
      {"Family member of", RelationType::kFamily},
      {"Leader or official of", RelationType::kDirectorOf},
      {"Principal Executive Officer", RelationType::kDirectorOf},
      {"playing a significant role in", RelationType::kMemberOf},
      {"Providing support to", RelationType::kLinkedTo},
  }};
  for (const auto& [name, relation] : kTypes)
    if (name == type) return relation;
  return RelationType::kLinkedTo;
}

// Targets hold the bare OFAC entity id until ResolveTargets() runs.
void AddRelation(pugi::xml_node relationship, Entity* entity) {
  Relation relation;
  relation.role = ChildText(relationship, "type");
  relation.type = RelationTypeOf(relation.role);
  pugi::xml_node related = relationship.child("relatedEntity");
  relation.target = related.attribute("entityId").value();
  relation.target_name = NodeText(related);
  entity->relations.push_back(std::move(relation));
}

// OFAC entity ids are one number space across its lists, and every non-SDN
// entity is in the consolidated file, so a target missing from the
// consolidated file is on the SDN list (and vice versa).
void ResolveTargets(const std::unordered_set<std::string>& ids, ListData* data) {
  std::string_view other = data->list == kConsList ? kSdnList : kConsList;
  for (Entity& entity : data->entities) {
    for (Relation& relation : entity.relations) {
      if (relation.target.empty()) {
        data->warnings.push_back(
            {{"", 0, 0, entity.id},
             "relationship to '" + relation.target_name + "' has no entityId"});
        continue;
      }
      bool local = ids.count(relation.target) > 0;
      relation.target = std::string(local ? data->list : other) + ":" + relation.target;
    }
  }
}

// ---- Entities --------------------------------------------------------------

bool Earlier(const PartialDate& a, const PartialDate& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<Entity> ParseEntity(const XmlInput& input, pugi::xml_node node, const std::string& list,
                           const CountryIndex& countries) {
  std::string_view id = node.attribute("id").value();
  if (!IsDigits(id))
    return Err(input.ErrorAt(
        node, "<entity> needs a numeric id attribute, found '" + std::string(id) + "'"));
  Entity entity;
  entity.list = list;
  entity.id = list + ":" + std::string(id);
  pugi::xml_node general = node.child("generalInfo");
  entity.schema = SchemaOf(ChildText(general, "entityType"));
  entity.remarks = ChildText(general, "remarks");
  AddNames(node.child("names"), &entity);
  if (entity.names.empty() || entity.names.front().kind != NameKind::kPrimary)
    return Err(input.ErrorAt(
        node, "entity " + std::string(id) + " has no primary <name> with a formattedFullName"));
  for (pugi::xml_node l : node.child("sanctionsLists").children("sanctionsList")) {
    entity.attributes.push_back({"sanctions_list", NodeText(l)});
    // The earliest publication on any OFAC list is the listing date.
    std::optional<PartialDate> on = ParseIsoDay(l.attribute("datePublished").value());
    if (on && (entity.listed_on.empty() || Earlier(*on, entity.listed_on))) entity.listed_on = *on;
  }
  for (pugi::xml_node p : node.child("sanctionsPrograms").children("sanctionsProgram"))
    AddFact(entity.programs, NodeText(p));
  for (pugi::xml_node t : node.child("sanctionsTypes").children("sanctionsType"))
    entity.attributes.push_back({"sanctions_type", NodeText(t)});
  for (pugi::xml_node a : node.child("legalAuthorities").children("legalAuthority"))
    entity.attributes.push_back({"legal_authority", NodeText(a)});
  for (pugi::xml_node f : node.child("features").children("feature"))
    AddFeature(f, countries, &entity);
  for (pugi::xml_node d : node.child("identityDocuments").children("identityDocument"))
    AddDocument(d, countries, &entity);
  for (pugi::xml_node a : node.child("addresses").children("address"))
    AddAddress(a, countries, &entity);
  for (pugi::xml_node r : node.child("relationships").children("relationship"))
    AddRelation(r, &entity);
  return entity;
}

}  // namespace

Result<ListData> ParseOfacXml(std::string_view xml, std::string_view name) {
  XmlInput input(xml, name);
  INTERDICT_RETURN_IF_ERROR(input.Parse("sanctionsData"));
  pugi::xml_node root = input.root();
  pugi::xml_node entities = root.child("entities");
  if (!entities) return Err(input.ErrorAt(root, "no <entities> element"));

  ListData data;
  data.format = Format::kOfacXml;
  data.list = ChooseList(root.child("publicationInfo"), name);
  data.published = ChildText(root.child("publicationInfo"), "dataAsOf");
  CountryIndex countries = IndexCountries(root.child("referenceValues"));
  std::unordered_set<std::string> ids;
  for (pugi::xml_node node : entities.children("entity")) {
    Result<Entity> entity = ParseEntity(input, node, data.list, countries);
    if (!entity) return Err(std::move(entity.error()));
    if (!ids.insert(node.attribute("id").value()).second)
      return Err(
          input.ErrorAt(node, "duplicate entity id " + std::string(node.attribute("id").value())));
    data.entities.push_back(std::move(*entity));
  }
  ResolveTargets(ids, &data);
  return data;
}

}  // namespace interdict::sources
