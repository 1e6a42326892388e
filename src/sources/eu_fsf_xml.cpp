// The EU Financial Sanctions Files (FSF) consolidated list, in both XML
// shapes the Commission has published:
//
//  * the legacy "global.xml" (until ~2017): <WHOLE Date="dd/mm/yyyy"> of
//    <ENTITY Id Type="P|E"> with child elements NAME, BIRTH, PASSPORT,
//    CITIZEN and ADDRESS whose data sits in child elements;
//  * FSF 1.1 (current): <export generationDate> of <sanctionEntity logicalId>
//    with child elements regulation, subjectType, nameAlias, citizenship,
//    birthdate, identification and address whose data sits in attributes.
//
// Both use the entity's logical id as key, so an entity keeps its id
// ("eu-fsf:<id>") across the format change. The mapping is described in
// docs/formats/eu_fsf.md.
#include <algorithm>
#include <cctype>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "interdict/countries.h"
#include "sources/entity_builder.h"
#include "sources/io.h"
#include "sources/parsers.h"
#include "sources/xml_util.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kList = "eu-fsf";

// Trimmed attribute value ("" when absent).
std::string Attr(pugi::xml_node node, const char* name) {
  return std::string(Trim(node.attribute(name).value()));
}

// ---------------------------------------------------------------------------
// Entity building shared by both formats.

// Where the entity being read is, for errors and warnings.
struct EntityContext {
  const XmlInput& in;
  ListData& data;
  std::string label;  // "ENTITY Id=13", "sanctionEntity logicalId=13"

  Status Error(pugi::xml_node node, std::string_view message) const {
    return in.ErrorAt(node, label + ": " + std::string(message));
  }
  void Warn(pugi::xml_node node, std::string_view message) const {
    Status located = in.ErrorAt(node, "");
    data.warnings.push_back({located.location(), label + ": " + std::string(message)});
  }
};

// A country as the EU writes it: an alpha-2 code (FSF 1.1, "00" = unknown),
// an alpha-3 code (legacy) or a description. "" when unknown or unmapped.
std::string EuCountry(std::string_view code_or_name) {
  if (code_or_name.empty() || code_or_name == "00") return "";
  return CountryCode(code_or_name);
}

// Adds a name; the first one is the primary. Both formats repeat a name once
// per amending regulation, so repeats are dropped (AddUniqueName).
void AddName(Entity& entity, Name name) {
  if (name.full.empty()) {
    std::string_view given, middle, family;
    for (const NamePart& p : name.parts) {
      if (p.type == NamePartType::kGiven) given = p.value;
      if (p.type == NamePartType::kMiddle) middle = p.value;
      if (p.type == NamePartType::kFamily) family = p.value;
    }
    name.full = JoinNonEmpty({given, middle, family}, " ");
  }
  name.kind = entity.names.empty() ? NameKind::kPrimary : NameKind::kAka;
  name.script = std::string(DetectScript(name.full));
  AddUniqueName(entity.names, std::move(name));
}

// A date the parser could not read, kept in the list's wording.
DateValue TextDate(std::string text) {
  DateValue date;
  date.text = std::move(text);
  return date;
}

void AddPart(Name& name, NamePartType type, std::string value) {
  if (!value.empty()) name.parts.push_back({type, std::move(value)});
}

// Gender, title and function are stated per name; the entity keeps them all.
void AddNameFacts(Entity& entity, std::string_view gender, std::string title,
                  std::string function) {
  if (entity.gender == Gender::kUnknown) {
    entity.gender = gender == "M"   ? Gender::kMale
                    : gender == "F" ? Gender::kFemale
                                    : Gender::kUnknown;
  }
  if (!title.empty()) AddUnique(entity.titles, std::move(title));
  if (!function.empty()) AddUnique(entity.positions, std::move(function));
}

// identificationTypeCode values of FSF 1.1; the legacy file uses the same
// codes inside its PASSPORT/NUMBER text.
IdentifierType EuIdentifierType(std::string_view code) {
  static constexpr std::pair<std::string_view, IdentifierType> kTypes[] = {
      {"passport", IdentifierType::kPassport},
      {"id", IdentifierType::kNationalId},
      {"fiscalcode", IdentifierType::kTaxId},
      {"regnumber", IdentifierType::kRegistrationNumber},
      {"imo", IdentifierType::kImo},
      {"swiftbic", IdentifierType::kSwiftBic},
      {"ssn", IdentifierType::kSocialSecurity},
      {"drivinglicence", IdentifierType::kDriverLicense},
      {"email", IdentifierType::kEmail},
  };
  std::string lower = AsciiLower(code);
  for (const auto& [name, type] : kTypes) {
    if (lower == name) return type;
  }
  return IdentifierType::kOther;
}

// Birth places read "<place>, <country name>"; either may be missing.
std::string BirthPlace(std::string_view place, std::string_view country_code,
                       std::string_view country_text) {
  std::string country(country_code.empty() ? country_text : CountryName(country_code));
  return JoinNonEmpty({place, country}, ", ");
}

void AddAddress(Entity& entity, Address address) {
  std::string country =
      address.country.empty() ? address.country_text : std::string(CountryName(address.country));
  address.full = JoinNonEmpty(
      {address.street, address.postal_code, address.city, address.region, country}, ", ");
  AddUniqueAddress(entity.addresses, std::move(address));
}

void SetListedOn(const EntityContext& ctx, pugi::xml_node node, const char* attribute,
                 Entity& entity) {
  std::string date = Attr(node, attribute);
  if (date.empty()) return;
  if (std::optional<PartialDate> listed = PartialDate::Parse(date)) {
    entity.listed_on = *listed;
  } else {
    ctx.Warn(node, std::string("unrecognised ") + attribute + " \"" + date + "\"");
  }
}

// ---------------------------------------------------------------------------
// Legacy format: data in child elements.

void ReadLegacyName(pugi::xml_node node, Entity& entity) {
  Name name;
  name.full = ChildText(node, "WHOLENAME");
  AddPart(name, NamePartType::kGiven, ChildText(node, "FIRSTNAME"));
  AddPart(name, NamePartType::kMiddle, ChildText(node, "MIDDLENAME"));
  AddPart(name, NamePartType::kFamily, ChildText(node, "LASTNAME"));
  name.language = AsciiLower(ChildText(node, "LANGUAGE"));
  AddNameFacts(entity, ChildText(node, "GENDER"), ChildText(node, "TITLE"),
               ChildText(node, "FUNCTION"));
  AddName(entity, std::move(name));
}

// BIRTH/DATE: "1937-04-28", "1965", "1965 (approximative)" or
// "1958 - 1963 (approximative)".
std::optional<DateValue> ParseLegacyDate(std::string_view text) {
  DateValue date;
  constexpr std::string_view kApprox = "(approximative)";
  if (text.ends_with(kApprox)) {
    date.approximate = true;
    text = Trim(text.substr(0, text.size() - kApprox.size()));
  }
  std::size_t dash = text.find(" - ");
  std::optional<PartialDate> from = PartialDate::Parse(Trim(text.substr(0, dash)));
  if (!from) return std::nullopt;
  date.from = *from;
  if (dash != std::string_view::npos) {
    std::optional<PartialDate> to = PartialDate::Parse(Trim(text.substr(dash + 3)));
    if (!to) return std::nullopt;
    date.to = *to;
  }
  return date;
}

// PASSPORT/NUMBER: "<number> (<code>-<description>) <note>", e.g.
// "AD001095 (passport-National passport) ((passport))". Text of another
// shape is kept whole as the value.
Identifier ParseLegacyDocument(std::string_view text) {
  Identifier id;
  std::size_t open = text.find(" (");
  std::size_t dash = open == std::string_view::npos ? open : text.find('-', open);
  std::size_t close = dash == std::string_view::npos ? dash : text.find(')', dash);
  if (close == std::string_view::npos) {
    id.value = std::string(Trim(text));
    return id;
  }
  id.value = std::string(Trim(text.substr(0, open)));
  id.type = EuIdentifierType(text.substr(open + 2, dash - open - 2));
  id.label = std::string(Trim(text.substr(dash + 1, close - dash - 1)));
  id.note = std::string(Trim(text.substr(close + 1)));
  return id;
}

void ReadLegacyBirth(const EntityContext& ctx, pugi::xml_node birth, Entity& entity) {
  if (std::string text = ChildText(birth, "DATE"); !text.empty()) {
    std::optional<DateValue> date = ParseLegacyDate(text);
    if (!date) {
      ctx.Warn(birth, "unrecognised birth date \"" + text + "\" kept as text");
      date = TextDate(text);
    }
    AddUniqueDate(entity.birth_dates, std::move(*date));
  }
  std::string country = ChildText(birth, "COUNTRY");
  std::string place = BirthPlace(ChildText(birth, "PLACE"), EuCountry(country), country);
  if (!place.empty()) AddUnique(entity.birth_places, std::move(place));
}

void ReadLegacyDetails(const EntityContext& ctx, pugi::xml_node node, Entity& entity) {
  for (pugi::xml_node birth : node.children("BIRTH")) ReadLegacyBirth(ctx, birth, entity);
  for (pugi::xml_node doc : node.children("PASSPORT")) {
    std::string text = ChildText(doc, "NUMBER");
    if (text.empty()) continue;
    Identifier id = ParseLegacyDocument(text);
    id.country = EuCountry(ChildText(doc, "COUNTRY"));
    entity.identifiers.push_back(std::move(id));
  }
  for (pugi::xml_node citizen : node.children("CITIZEN")) {
    std::string text = ChildText(citizen, "COUNTRY");
    if (text.empty()) continue;
    std::string code = EuCountry(text);
    if (code.empty()) {
      ctx.Warn(citizen, "unknown citizenship country \"" + text + "\"");
    } else {
      AddUnique(entity.citizenships, std::move(code));
    }
  }
  for (pugi::xml_node addr : node.children("ADDRESS")) {
    Address address;
    address.street = JoinNonEmpty({ChildText(addr, "NUMBER"), ChildText(addr, "STREET")}, " ");
    address.postal_code = ChildText(addr, "ZIPCODE");
    address.city = ChildText(addr, "CITY");
    address.country_text = ChildText(addr, "COUNTRY");
    address.country = EuCountry(address.country_text);
    // OTHER holds phone numbers and remarks about the address.
    if (std::string other = ChildText(addr, "OTHER"); !other.empty()) {
      entity.attributes.push_back({"address_other", std::move(other)});
    }
    AddAddress(entity, std::move(address));
  }
}

Result<Entity> ReadLegacyEntity(const EntityContext& ctx, pugi::xml_node node) {
  Entity entity;
  std::string type = Attr(node, "Type");
  if (type == "P") {
    entity.schema = Schema::kPerson;
  } else if (type == "E") {
    entity.schema = Schema::kOrganization;
  } else {
    return Err(ctx.Error(node, "expected Type \"P\" or \"E\", found \"" + type + "\""));
  }
  if (std::string programme = Attr(node, "programme"); !programme.empty()) {
    entity.programs.push_back(std::move(programme));
  }
  SetListedOn(ctx, node, "reg_date", entity);
  entity.remarks = Attr(node, "remark");
  if (std::string basis = Attr(node, "legal_basis"); !basis.empty()) {
    entity.attributes.push_back({"legal_basis", std::move(basis)});
  }
  if (std::string link = Attr(node, "pdf_link"); !link.empty()) {
    entity.attributes.push_back({"source_url", std::move(link)});
  }
  for (pugi::xml_node name : node.children("NAME")) ReadLegacyName(name, entity);
  if (entity.names.empty()) return Err(ctx.Error(node, "no NAME with a name in it"));
  ReadLegacyDetails(ctx, node, entity);
  return entity;
}

// ---------------------------------------------------------------------------
// FSF 1.1: data in attributes.

void ReadFsfName(pugi::xml_node node, Entity& entity) {
  Name name;
  name.full = Attr(node, "wholeName");
  AddPart(name, NamePartType::kGiven, Attr(node, "firstName"));
  AddPart(name, NamePartType::kMiddle, Attr(node, "middleName"));
  AddPart(name, NamePartType::kFamily, Attr(node, "lastName"));
  name.language = AsciiLower(Attr(node, "nameLanguage"));
  std::string strong = Attr(node, "strong");
  name.quality = strong.empty()   ? NameQuality::kUnspecified
                 : IsTrue(strong) ? NameQuality::kStrong
                                  : NameQuality::kWeak;
  AddNameFacts(entity, Attr(node, "gender"), Attr(node, "title"), Attr(node, "function"));
  AddName(entity, std::move(name));
}

std::string FsfCountry(pugi::xml_node node) {
  std::string code = EuCountry(Attr(node, "countryIso2Code"));
  return code.empty() ? EuCountry(Attr(node, "countryDescription")) : code;
}

// An ISO date from year, month and day attributes ("1937", "4", "28").
std::string IsoFromParts(std::string_view year, std::string_view month, std::string_view day) {
  auto two_digits = [](std::string_view v) {
    std::string out(v.size() == 1 ? 1 : 0, '0');
    out.append(v);
    return out;
  };
  if (month.empty() || month == "0") return std::string(year);
  if (day.empty() || day == "0") return std::string(year) + "-" + two_digits(month);
  return std::string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

// birthdate gives a full date ("birthdate"), its parts (year, monthOfYear,
// dayOfMonth) or a year range (yearRangeFrom, yearRangeTo), with
// circa="true" when approximate. nullopt when a given value is not a date.
std::optional<DateValue> ParseFsfBirthDate(pugi::xml_node node) {
  DateValue date;
  date.approximate = IsTrue(Attr(node, "circa"));
  std::string full = Attr(node, "birthdate"), year = Attr(node, "year");
  std::string from = Attr(node, "yearRangeFrom"), to = Attr(node, "yearRangeTo");
  if (full.empty() && !year.empty()) {
    full = IsoFromParts(year, Attr(node, "monthOfYear"), Attr(node, "dayOfMonth"));
  }
  if (!full.empty()) {
    std::optional<PartialDate> d = PartialDate::Parse(full);
    if (!d) return std::nullopt;
    date.from = *d;
    return date;
  }
  std::optional<PartialDate> f = PartialDate::Parse(from), t = PartialDate::Parse(to);
  if ((!from.empty() && !f) || (!to.empty() && !t)) return std::nullopt;
  date.from = f.value_or(PartialDate{});
  date.to = t.value_or(PartialDate{});
  if (!f && t) date.text = "before " + to;  // an open lower bound has no PartialDate
  return date;
}

void ReadFsfBirth(const EntityContext& ctx, pugi::xml_node node, Entity& entity) {
  std::optional<DateValue> date = ParseFsfBirthDate(node);
  if (!date) {
    std::string text = JoinNonEmpty({Attr(node, "birthdate"), Attr(node, "year"),
                                     Attr(node, "yearRangeFrom"), Attr(node, "yearRangeTo")},
                                    " ");
    ctx.Warn(node, "unrecognised birth date \"" + text + "\" kept as text");
    date = TextDate(text);
  }
  if (!date->from.empty() || !date->text.empty()) AddUniqueDate(entity.birth_dates, *date);
  std::string place =
      JoinNonEmpty({Attr(node, "place"), Attr(node, "city"), Attr(node, "region")}, ", ");
  place = BirthPlace(place, FsfCountry(node), Attr(node, "countryDescription"));
  if (!place.empty()) AddUnique(entity.birth_places, std::move(place));
}

void ReadFsfIdentification(pugi::xml_node node, Entity& entity) {
  Identifier id;
  id.value = Attr(node, "number");
  if (id.value.empty()) id.value = Attr(node, "latinNumber");
  if (id.value.empty()) return;
  id.type = EuIdentifierType(Attr(node, "identificationTypeCode"));
  id.label = Attr(node, "identificationTypeDescription");
  id.country = FsfCountry(node);
  std::string issued_by = Attr(node, "issuedBy");
  id.note = JoinNonEmpty(
      {issued_by.empty() ? "" : "issued by " + issued_by,
       IsTrue(Attr(node, "knownExpired")) ? "known expired" : "",
       IsTrue(Attr(node, "knownFalse")) ? "known false" : "",
       IsTrue(Attr(node, "reportedLost")) ? "reported lost" : "",
       IsTrue(Attr(node, "revokedByIssuer")) ? "revoked by issuer" : "", ChildText(node, "remark")},
      "; ");
  entity.identifiers.push_back(std::move(id));
}

void ReadFsfAddress(pugi::xml_node node, Entity& entity) {
  Address address;
  address.street = JoinNonEmpty({Attr(node, "street"), Attr(node, "poBox")}, ", ");
  address.postal_code = Attr(node, "zipCode");
  address.city = JoinNonEmpty({Attr(node, "place"), Attr(node, "city")}, ", ");
  address.region = Attr(node, "region");
  address.country = FsfCountry(node);
  address.country_text = Attr(node, "countryDescription");
  AddAddress(entity, std::move(address));
}

Status ReadFsfSubjectType(const EntityContext& ctx, pugi::xml_node node, Entity& entity) {
  pugi::xml_node subject = node.child("subjectType");
  std::string code = Attr(subject, "code");
  if (code.empty()) code = Attr(subject, "classificationCode");
  if (code == "person" || code == "P") {
    entity.schema = Schema::kPerson;
  } else if (code == "enterprise" || code == "E") {
    entity.schema = Schema::kOrganization;
  } else {
    return ctx.Error(
        subject ? subject : node,
        "expected subjectType code \"person\" or \"enterprise\", found \"" + code + "\"");
  }
  return Status::Ok();
}

void ReadFsfListing(const EntityContext& ctx, pugi::xml_node node, Entity& entity) {
  SetListedOn(ctx, node, "designationDate", entity);
  for (const char* key : {"euReferenceNumber", "unitedNationId", "designationDetails"}) {
    if (std::string value = Attr(node, key); !value.empty()) {
      entity.attributes.push_back({key, std::move(value)});
    }
  }
  for (pugi::xml_node regulation : node.children("regulation")) {
    if (std::string programme = Attr(regulation, "programme"); !programme.empty()) {
      AddUnique(entity.programs, std::move(programme));
    }
    if (std::string title = Attr(regulation, "numberTitle"); !title.empty()) {
      entity.attributes.push_back({"legal_basis", std::move(title)});
    }
  }
  for (pugi::xml_node remark : node.children("remark")) {
    entity.remarks = JoinNonEmpty({entity.remarks, NodeText(remark)}, "\n");
  }
}

Result<Entity> ReadFsfEntity(const EntityContext& ctx, pugi::xml_node node) {
  Entity entity;
  INTERDICT_RETURN_IF_ERROR(ReadFsfSubjectType(ctx, node, entity));
  ReadFsfListing(ctx, node, entity);
  for (pugi::xml_node alias : node.children("nameAlias")) ReadFsfName(alias, entity);
  if (entity.names.empty()) return Err(ctx.Error(node, "no nameAlias with a name in it"));
  for (pugi::xml_node citizenship : node.children("citizenship")) {
    std::string code = FsfCountry(citizenship);
    if (!code.empty()) AddUnique(entity.citizenships, std::move(code));
  }
  for (pugi::xml_node birth : node.children("birthdate")) ReadFsfBirth(ctx, birth, entity);
  for (pugi::xml_node id : node.children("identification")) ReadFsfIdentification(id, entity);
  for (pugi::xml_node address : node.children("address")) ReadFsfAddress(address, entity);
  return entity;
}

// ---------------------------------------------------------------------------
// Shared driver: every record element under the root becomes one entity.

struct EuFormat {
  Format format;
  const char* root;       // root element
  const char* date_attr;  // publication date on the root
  const char* record;     // one entity
  const char* id_attr;    // the entity's logical id
  Result<Entity> (*read_entity)(const EntityContext&, pugi::xml_node);
};

constexpr EuFormat kLegacy{Format::kEuFsfLegacyXml, "WHOLE", "Date", "ENTITY", "Id",
                           &ReadLegacyEntity};
constexpr EuFormat kFsf{Format::kEuFsfXml, "export",    "generationDate",
                        "sanctionEntity",  "logicalId", &ReadFsfEntity};

// Legacy Date="11/02/2016"; FSF generationDate="2026-08-05T16:47:04.449+02:00".
void ReadPublished(const XmlInput& in, const EuFormat& format, ListData& data) {
  std::string text = Attr(in.root(), format.date_attr);
  std::optional<PartialDate> date =
      format.format == Format::kEuFsfLegacyXml ? ParseDayMonthYear(text) : ParseIsoDay(text);
  if (date) {
    data.published = date->ToString();
  } else {
    EntityContext ctx{in, data, format.root};
    ctx.Warn(in.root(), std::string("unrecognised ") + format.date_attr + " \"" + text + "\"");
  }
}

Result<ListData> ParseEu(std::string_view xml, std::string_view name, const EuFormat& format) {
  XmlInput in(xml, name);
  INTERDICT_RETURN_IF_ERROR(in.Parse(format.root));
  ListData data;
  data.list = std::string(kList);
  data.format = format.format;
  ReadPublished(in, format, data);
  std::unordered_set<std::string> seen;
  for (pugi::xml_node node : in.root().children(format.record)) {
    std::string key = Attr(node, format.id_attr);
    std::string label = format.record;
    if (!key.empty()) label.append(" ").append(format.id_attr).append("=").append(key);
    EntityContext ctx{in, data, std::move(label)};
    if (key.empty()) return Err(ctx.Error(node, std::string("missing ") + format.id_attr));
    if (!seen.insert(key).second) return Err(ctx.Error(node, "duplicate entity id"));
    Result<Entity> entity = format.read_entity(ctx, node);
    if (!entity) return Err(std::move(entity).error());
    entity->id = std::string(kList) + ":" + key;
    entity->list = std::string(kList);
    data.entities.push_back(std::move(*entity));
  }
  // An empty list would replace a stored version with nothing; a real file
  // always has entities, so this is a truncated or wrong document.
  if (data.entities.empty()) {
    return Err(in.ErrorAt(
        in.root(), std::string("no <") + format.record + "> elements; expected a complete list"));
  }
  return data;
}

}  // namespace

Result<ListData> ParseEuFsfLegacyXml(std::string_view xml, std::string_view name) {
  return ParseEu(xml, name, kLegacy);
}

Result<ListData> ParseEuFsfXml(std::string_view xml, std::string_view name) {
  return ParseEu(xml, name, kFsf);
}

}  // namespace interdict::sources
