// The UN Security Council consolidated list XML (sc-sanctions.xsd) into
// entities. The mapping is documented in docs/formats/un_xml.md.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "interdict/countries.h"
#include "sources/entity_builder.h"
#include "sources/parsers.h"
#include "sources/xml_util.h"

namespace interdict::sources {
namespace {

constexpr std::string_view kList = "un-sc";

// State shared by the record readers: where to report, what to warn about.
struct UnContext {
  const XmlInput& input;
  ListData& data;
  std::string entity_id;

  void Warn(pugi::xml_node node, std::string message) {
    Status located = input.ErrorAt(node, "");
    Location where = located.location();
    where.element = entity_id + " " + where.element;
    data.warnings.push_back({std::move(where), std::move(message)});
  }
};

// Adds a non-empty value once.
void AddFact(std::vector<std::string>& values, std::string value) {
  if (!value.empty()) AddUnique(values, std::move(value));
}

// "na" ("not available") stands in for an unknown country; it is not
// Namibia.
bool IsPlaceholder(std::string_view text) { return AsciiLower(text) == "na"; }

// A country name as the UN writes it, as an ISO code; "" when unknown.
std::string UnCountry(std::string_view text) {
  return IsPlaceholder(text) ? "" : CountryCode(text);
}

// ---- Names -------------------------------------------------------------------

// INDIVIDUAL_ALIAS says "Good"/"Low"; ENTITY_ALIAS says "a.k.a."/"f.k.a.".
// Aliases with no quality are kept as unspecified a.k.a.s.
void ClassifyAlias(std::string_view quality, Name* name) {
  std::string q = AsciiLower(quality);
  name->kind = q == "f.k.a." ? NameKind::kFka : NameKind::kAka;
  name->quality = q == "low"                                      ? NameQuality::kLow
                  : q == "good" || q == "a.k.a." || q == "f.k.a." ? NameQuality::kStrong
                                                                  : NameQuality::kUnspecified;
}

Name PrimaryName(pugi::xml_node record, bool person) {
  static constexpr std::array<std::pair<const char*, NamePartType>, 4> kParts{{
      {"FIRST_NAME", NamePartType::kGiven},
      {"SECOND_NAME", NamePartType::kFamily},
      {"THIRD_NAME", NamePartType::kOther},
      {"FOURTH_NAME", NamePartType::kOther},
  }};
  Name name;
  name.kind = NameKind::kPrimary;
  for (const auto& [element, type] : kParts) {
    std::string value = ChildText(record, element);
    if (value.empty()) continue;
    name.full = JoinNonEmpty({name.full, value}, " ");
    if (person) name.parts.push_back({type, std::move(value)});
  }
  // A one-part name is not split, so it needs no parts.
  if (name.parts.size() == 1) name.parts.clear();
  name.script = std::string(DetectScript(name.full));
  return name;
}

void AddNames(pugi::xml_node record, bool person, const char* alias_element, UnContext& ctx,
              Entity* entity) {
  entity->names.push_back(PrimaryName(record, person));
  // The whole name in its original script, as a further a.k.a.
  if (std::string original = ChildText(record, "NAME_ORIGINAL_SCRIPT"); !original.empty()) {
    Name name{original, NameKind::kAka, NameQuality::kUnspecified, "", "", {}};
    name.script = std::string(DetectScript(original));
    AddUniqueName(entity->names, std::move(name));
  }
  for (pugi::xml_node alias : record.children(alias_element)) {
    Name name;
    name.full = ChildText(alias, "ALIAS_NAME");
    if (name.full.empty()) continue;  // the UN writes empty placeholders
    ClassifyAlias(ChildText(alias, "QUALITY"), &name);
    name.script = std::string(DetectScript(name.full));
    if (std::string note = ChildText(alias, "NOTE"); !note.empty())
      entity->attributes.push_back({"alias_note", name.full + ": " + note});
    // Facts stated for one alias (its own DOB and birthplace) still
    // describe the person.
    if (std::string dob = ChildText(alias, "DATE_OF_BIRTH"); !dob.empty()) {
      if (std::optional<PartialDate> date = PartialDate::Parse(dob))
        AddUniqueDate(entity->birth_dates, DateValue{*date, {}, false, ""});
      else
        ctx.Warn(alias, "unrecognised alias DATE_OF_BIRTH '" + dob + "'");
    }
    AddFact(entity->birth_places,
            JoinNonEmpty({ChildText(alias, "CITY_OF_BIRTH"), ChildText(alias, "COUNTRY_OF_BIRTH")},
                         ", "));
    AddUniqueName(entity->names, std::move(name));
  }
}

// ---- Person facts ------------------------------------------------------------

void AddBirthDate(pugi::xml_node node, UnContext& ctx, Entity* entity) {
  std::string type = ChildText(node, "TYPE_OF_DATE");
  std::string date_text = ChildText(node, "DATE");
  std::string year_text = ChildText(node, "YEAR");
  std::string from_text = ChildText(node, "FROM_YEAR");
  std::string to_text = ChildText(node, "TO_YEAR");
  DateValue date;
  date.approximate = type == "APPROXIMATELY";
  date.text = ChildText(node, "NOTE");
  std::optional<PartialDate> from, to;
  if (!date_text.empty()) {
    from = PartialDate::Parse(date_text);
  } else if (!year_text.empty()) {
    from = PartialDate::Parse(year_text);
  } else if (!from_text.empty() || !to_text.empty()) {
    from = PartialDate::Parse(from_text);
    to = PartialDate::Parse(to_text);
    if (!to) from.reset();  // a range needs both ends
  } else {
    if (!date.text.empty()) entity->birth_dates.push_back(std::move(date));
    return;  // an empty placeholder, or a note alone
  }
  if (!from) {
    ctx.Warn(node, "unrecognised date of birth (" + type + " " +
                       JoinNonEmpty({date_text, year_text, from_text, to_text}, " ") + ")");
    date.text = JoinNonEmpty({date_text, year_text, from_text, to_text, date.text}, " ");
  } else {
    date.from = *from;
    if (to) date.to = *to;
  }
  AddUniqueDate(entity->birth_dates, std::move(date));
}

void AddBirthPlace(pugi::xml_node node, Entity* entity) {
  std::string place = JoinNonEmpty({ChildText(node, "STREET"), ChildText(node, "CITY"),
                                    ChildText(node, "STATE_PROVINCE"), ChildText(node, "COUNTRY")},
                                   ", ");
  if (std::string note = ChildText(node, "NOTE"); !note.empty())
    place = place.empty() ? note : place + " (" + note + ")";
  AddFact(entity->birth_places, std::move(place));
}

IdentifierType DocumentType(std::string_view type) {
  std::string t = AsciiLower(type);
  auto has = [&](std::string_view word) { return t.find(word) != std::string::npos; };
  if (has("passport") || has("passeport") || has("pasaporte")) return IdentifierType::kPassport;
  if (has("social security")) return IdentifierType::kSocialSecurity;
  if (has("fiscal code")) return IdentifierType::kTaxId;
  if (has("driver")) return IdentifierType::kDriverLicense;
  if (has("national identi") || has("identity card") || has("national number") ||
      has("civil identification") || has("tazkira"))
    return IdentifierType::kNationalId;
  return IdentifierType::kOther;
}

void AddDocument(pugi::xml_node node, Entity* entity) {
  Identifier id;
  std::string type = ChildText(node, "TYPE_OF_DOCUMENT");
  std::string detail = ChildText(node, "TYPE_OF_DOCUMENT2");
  id.label = detail.empty() || detail == type ? type : JoinNonEmpty({type, detail}, " / ");
  id.type = DocumentType(id.label);
  id.value = ChildText(node, "NUMBER");
  std::string country = ChildText(node, "ISSUING_COUNTRY");
  if (country.empty()) country = ChildText(node, "COUNTRY_OF_ISSUE");
  id.country = UnCountry(country);
  std::string issued = ChildText(node, "DATE_OF_ISSUE");
  std::string city = ChildText(node, "CITY_OF_ISSUE");
  id.note = JoinNonEmpty(
      {issued.empty() ? "" : "issued " + issued, city.empty() ? "" : "issued in " + city,
       id.country.empty() && !country.empty() ? "issued by " + country : "",
       ChildText(node, "NOTE")},
      "; ");
  if (!id.value.empty()) {
    entity->identifiers.push_back(std::move(id));
  } else if (!id.label.empty() || !id.note.empty()) {
    // A document described only in words ("Libyan passport number 347834,
    // expired ...") is kept as text rather than as an unusable identifier.
    entity->attributes.push_back({"document", JoinNonEmpty({id.label, id.note}, ": ")});
  }
}

void AddAddress(pugi::xml_node node, Entity* entity) {
  Address address;
  address.street = ChildText(node, "STREET");
  address.city = ChildText(node, "CITY");
  address.region = ChildText(node, "STATE_PROVINCE");
  address.postal_code = ChildText(node, "ZIP_CODE");
  address.country_text = ChildText(node, "COUNTRY");
  address.country = UnCountry(address.country_text);
  address.full = JoinNonEmpty(
      {address.street, address.city, address.region, address.postal_code, address.country_text},
      ", ");
  // NOTE is either the whole address written as text or a remark about it
  // ("at time of listing").
  if (std::string note = ChildText(node, "NOTE"); !note.empty()) {
    address.full = address.full.empty() ? note : address.full + " (" + note + ")";
  }
  if (address.full.empty()) return;
  AddFact(entity->countries, address.country);
  AddUniqueAddress(entity->addresses, std::move(address));
}

void AddValues(pugi::xml_node list, std::vector<std::string>& out) {
  for (pugi::xml_node value : list.children("VALUE")) AddFact(out, NodeText(value));
}

void AddNationalities(pugi::xml_node node, UnContext& ctx, Entity* entity) {
  for (pugi::xml_node value : node.children("VALUE")) {
    std::string text = NodeText(value);
    if (text.empty() || IsPlaceholder(text)) continue;
    std::string code = UnCountry(text);
    if (code.empty()) {
      entity->attributes.push_back({"nationality", text});
      ctx.Warn(value, "nationality '" + text + "' names no known country");
    } else {
      AddFact(entity->nationalities, std::move(code));
    }
  }
}

// ---- Records -----------------------------------------------------------------

void AddCommonFacts(pugi::xml_node record, UnContext& ctx, Entity* entity) {
  AddFact(entity->programs, ChildText(record, "UN_LIST_TYPE"));
  entity->remarks = ChildText(record, "COMMENTS1");
  std::string listed = ChildText(record, "LISTED_ON");
  if (std::optional<PartialDate> on = ParseIsoDay(listed)) {
    entity->listed_on = *on;
  } else if (!listed.empty()) {
    ctx.Warn(record.child("LISTED_ON"), "unrecognised LISTED_ON '" + listed + "'");
  }
  // The latest update date lets a diff explain why a record changed.
  std::string updated;
  for (pugi::xml_node value : record.child("LAST_DAY_UPDATED").children("VALUE"))
    updated = std::max(updated, NodeText(value));
  if (!updated.empty()) entity->attributes.push_back({"last_updated", updated});
  if (std::string data_id = ChildText(record, "DATAID"); !data_id.empty())
    entity->attributes.push_back({"dataid", data_id});
}

Result<Entity> ParseRecord(pugi::xml_node record, bool person, UnContext& ctx) {
  std::string reference = ChildText(record, "REFERENCE_NUMBER");
  if (reference.empty())
    return Err(
        ctx.input.ErrorAt(record, std::string("<") + record.name() + "> has no REFERENCE_NUMBER"));
  Entity entity;
  entity.list = std::string(kList);
  entity.id = entity.list + ":" + reference;
  entity.schema = person ? Schema::kPerson : Schema::kOrganization;
  ctx.entity_id = entity.id;
  AddNames(record, person, person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS", ctx, &entity);
  if (entity.names.front().full.empty())
    return Err(ctx.input.ErrorAt(record, reference + " has no FIRST_NAME (the record's name)"));
  AddCommonFacts(record, ctx, &entity);
  for (pugi::xml_node a : record.children(person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS"))
    AddAddress(a, &entity);
  if (!person) return entity;

  std::string gender = ChildText(record, "GENDER");
  entity.gender = gender == "Male"     ? Gender::kMale
                  : gender == "Female" ? Gender::kFemale
                                       : Gender::kUnknown;
  AddValues(record.child("TITLE"), entity.titles);
  AddValues(record.child("DESIGNATION"), entity.positions);
  AddNationalities(record.child("NATIONALITY"), ctx, &entity);
  for (pugi::xml_node d : record.children("INDIVIDUAL_DATE_OF_BIRTH"))
    AddBirthDate(d, ctx, &entity);
  for (pugi::xml_node p : record.children("INDIVIDUAL_PLACE_OF_BIRTH")) AddBirthPlace(p, &entity);
  for (pugi::xml_node d : record.children("INDIVIDUAL_DOCUMENT")) AddDocument(d, &entity);
  return entity;
}

Status ParseGroup(pugi::xml_node group, const char* record_name, bool person,
                  std::unordered_set<std::string>& seen, UnContext& ctx) {
  for (pugi::xml_node record : group.children(record_name)) {
    Result<Entity> entity = ParseRecord(record, person, ctx);
    if (!entity) return entity.error();
    if (!seen.insert(entity->id).second)
      return ctx.input.ErrorAt(record, "duplicate REFERENCE_NUMBER " + entity->id);
    ctx.data.entities.push_back(std::move(*entity));
  }
  return Status::Ok();
}

}  // namespace

Result<ListData> ParseUnXml(std::string_view xml, std::string_view name) {
  XmlInput input(xml, name);
  INTERDICT_RETURN_IF_ERROR(input.Parse("CONSOLIDATED_LIST"));
  pugi::xml_node root = input.root();
  pugi::xml_node individuals = root.child("INDIVIDUALS");
  pugi::xml_node organisations = root.child("ENTITIES");
  if (!individuals && !organisations)
    return Err(input.ErrorAt(root, "no <INDIVIDUALS> or <ENTITIES> element"));

  ListData data;
  data.list = std::string(kList);
  data.format = Format::kUnXml;
  data.published = root.attribute("dateGenerated").value();
  UnContext ctx{input, data, ""};
  std::unordered_set<std::string> seen;
  INTERDICT_RETURN_IF_ERROR(ParseGroup(individuals, "INDIVIDUAL", true, seen, ctx));
  INTERDICT_RETURN_IF_ERROR(ParseGroup(organisations, "ENTITY", false, seen, ctx));
  return data;
}

}  // namespace interdict::sources
