// Entity <-> JSON. Empty fields are omitted; nlohmann::json keeps object keys
// sorted, which makes the output canonical.
#include "model/entity_json.h"

#include <charconv>

#include "interdict/json.h"

namespace interdict {
namespace {

using nlohmann::json;

void PutString(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

void PutStrings(json& j, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) j[key] = values;
}

void PutDate(json& j, const char* key, const DateValue& date) {
  json d = ToJson(date);
  if (!d.empty()) j[key] = std::move(d);
}

json NameToJson(const Name& n) {
  json j;
  j["name"] = n.full;
  j["kind"] = NameKindName(n.kind);
  if (n.quality != NameQuality::kUnspecified) j["quality"] = NameQualityName(n.quality);
  PutString(j, "script", n.script);
  PutString(j, "lang", n.language);
  if (!n.parts.empty()) {
    json parts = json::array();
    for (const NamePart& p : n.parts)
      parts.push_back({{"type", NamePartTypeName(p.type)}, {"value", p.value}});
    j["parts"] = std::move(parts);
  }
  return j;
}

json AddressToJson(const Address& a) {
  json j;
  PutString(j, "full", a.full);
  PutString(j, "street", a.street);
  PutString(j, "city", a.city);
  PutString(j, "region", a.region);
  PutString(j, "postal_code", a.postal_code);
  PutString(j, "country", a.country);
  PutString(j, "country_text", a.country_text);
  return j;
}

json IdentifierToJson(const Identifier& id) {
  json j;
  j["type"] = IdentifierTypeName(id.type);
  j["value"] = id.value;
  PutString(j, "label", id.label);
  PutString(j, "country", id.country);
  PutString(j, "note", id.note);
  return j;
}

json RelationToJson(const Relation& r) {
  json j;
  j["type"] = RelationTypeName(r.type);
  j["target"] = r.target;
  PutString(j, "target_name", r.target_name);
  if (r.share_min) j["share_min"] = *r.share_min;
  if (r.share_max) j["share_max"] = *r.share_max;
  PutString(j, "role", r.role);
  PutDate(j, "start", r.start);
  PutDate(j, "end", r.end);
  PutString(j, "source", r.source);
  return j;
}

template <typename T, typename F>
void PutArray(json& j, const char* key, const std::vector<T>& items, F to_json) {
  if (items.empty()) return;
  json arr = json::array();
  for (const T& item : items) arr.push_back(to_json(item));
  j[key] = std::move(arr);
}

// ---- reading -------------------------------------------------------------

// Reading collects the first error with its JSON path instead of throwing.
class Reader {
 public:
  Status status;

  std::string Str(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return "";
    if (!it->is_string()) return Fail(path + "/" + key, "expected a string"), "";
    return it->get<std::string>();
  }

  std::vector<std::string> Strs(const json& j, const char* key, const std::string& path) {
    std::vector<std::string> out;
    const json* arr = Array(j, key, path);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (!(*arr)[i].is_string()) {
        Fail(path + "/" + key + "/" + std::to_string(i), "expected a string");
        break;
      }
      out.push_back((*arr)[i].get<std::string>());
    }
    return out;
  }

  const json* Array(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return nullptr;
    if (!it->is_array()) return Fail(path + "/" + key, "expected an array"), nullptr;
    return &*it;
  }

  template <typename E>
  E Enum(const json& j, const char* key, const std::string& path, E fallback,
         std::optional<E> (*parse)(std::string_view) noexcept) {
    std::string s = Str(j, key, path);
    if (s.empty()) return fallback;
    auto v = parse(s);
    if (!v) return Fail(path + "/" + key, "unknown value \"" + s + "\""), fallback;
    return *v;
  }

  DateValue Date(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_object()) return Fail(path + "/" + key, "expected an object"), DateValue{};
    return DateObject(*it, path + "/" + key);
  }

  DateValue DateObject(const json& obj, const std::string& path) {
    DateValue d;
    d.from = PartialDateAt(obj, "date", path);
    d.to = PartialDateAt(obj, "to", path);
    d.text = Str(obj, "text", path);
    if (auto a = obj.find("approximate"); a != obj.end()) d.approximate = a->is_boolean() && a->get<bool>();
    return d;
  }

  std::optional<double> Number(const json& j, const char* key, const std::string& path) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (!it->is_number()) return Fail(path + "/" + key, "expected a number"), std::nullopt;
    return it->get<double>();
  }

  void Fail(const std::string& path, const std::string& message) {
    if (status.ok()) status = Status::ParseError(message).AtElement(path);
  }

 private:
  PartialDate PartialDateAt(const json& j, const char* key, const std::string& path) {
    std::string s = Str(j, key, path);
    if (s.empty()) return {};
    auto d = PartialDate::Parse(s);
    if (!d) Fail(path + "/" + key, "expected YYYY[-MM[-DD]], got \"" + s + "\"");
    return d.value_or(PartialDate{});
  }
};

template <typename T, typename F>
std::vector<T> ReadArray(Reader& r, const json& j, const char* key, const std::string& path,
                         F read_one) {
  std::vector<T> out;
  const json* arr = r.Array(j, key, path);
  if (!arr) return out;
  for (std::size_t i = 0; i < arr->size() && r.status.ok(); ++i) {
    std::string p = path + "/" + key + "/" + std::to_string(i);
    if (!(*arr)[i].is_object()) {
      r.Fail(p, "expected an object");
      break;
    }
    out.push_back(read_one((*arr)[i], p));
  }
  return out;
}

}  // namespace

json ToJson(const DateValue& date) {
  json j;
  PutString(j, "date", date.from.ToString());
  PutString(j, "to", date.to.ToString());
  if (date.approximate) j["approximate"] = true;
  PutString(j, "text", date.text);
  return j;
}

json ToJson(const Entity& e) {
  json j;
  j["id"] = e.id;
  j["list"] = e.list;
  j["schema"] = SchemaName(e.schema);
  PutArray(j, "names", e.names, NameToJson);
  if (!j.contains("names")) j["names"] = json::array();
  if (e.gender != Gender::kUnknown) j["gender"] = GenderName(e.gender);
  PutArray(j, "birth_dates", e.birth_dates, [](const DateValue& d) { return ToJson(d); });
  PutStrings(j, "birth_places", e.birth_places);
  PutStrings(j, "nationalities", e.nationalities);
  PutStrings(j, "citizenships", e.citizenships);
  PutStrings(j, "countries", e.countries);
  PutArray(j, "addresses", e.addresses, AddressToJson);
  PutArray(j, "identifiers", e.identifiers, IdentifierToJson);
  PutStrings(j, "titles", e.titles);
  PutStrings(j, "positions", e.positions);
  PutStrings(j, "programs", e.programs);
  PutString(j, "listed_on", e.listed_on.ToString());
  PutString(j, "remarks", e.remarks);
  PutArray(j, "relations", e.relations, RelationToJson);
  if (!j.contains("relations")) j["relations"] = json::array();
  PutArray(j, "attributes", e.attributes,
           [](const Attribute& a) { return json{{"key", a.key}, {"value", a.value}}; });
  return j;
}

Result<Entity> EntityFromJsonValue(const json& j) {
  if (!j.is_object()) return Err(Status::ParseError("expected an entity object").AtElement(""));
  Reader r;
  const std::string root;
  Entity e;
  e.id = r.Str(j, "id", root);
  e.list = r.Str(j, "list", root);
  e.schema = r.Enum(j, "schema", root, Schema::kUnknown, &ParseSchema);
  e.names = ReadArray<Name>(r, j, "names", root, [&](const json& n, const std::string& p) {
    Name name;
    name.full = r.Str(n, "name", p);
    name.kind = r.Enum(n, "kind", p, NameKind::kPrimary, &ParseNameKind);
    name.quality = r.Enum(n, "quality", p, NameQuality::kUnspecified, &ParseNameQuality);
    name.script = r.Str(n, "script", p);
    name.language = r.Str(n, "lang", p);
    name.parts = ReadArray<NamePart>(r, n, "parts", p, [&](const json& pj, const std::string& pp) {
      return NamePart{r.Enum(pj, "type", pp, NamePartType::kOther, &ParseNamePartType),
                      r.Str(pj, "value", pp)};
    });
    return name;
  });
  e.gender = r.Enum(j, "gender", root, Gender::kUnknown, &ParseGender);
  e.birth_dates = ReadArray<DateValue>(r, j, "birth_dates", root, [&](const json& d, const std::string& p) {
    return r.DateObject(d, p);
  });
  e.birth_places = r.Strs(j, "birth_places", root);
  e.nationalities = r.Strs(j, "nationalities", root);
  e.citizenships = r.Strs(j, "citizenships", root);
  e.countries = r.Strs(j, "countries", root);
  e.addresses = ReadArray<Address>(r, j, "addresses", root, [&](const json& a, const std::string& p) {
    return Address{r.Str(a, "full", p),        r.Str(a, "street", p), r.Str(a, "city", p),
                   r.Str(a, "region", p),      r.Str(a, "postal_code", p),
                   r.Str(a, "country", p),     r.Str(a, "country_text", p)};
  });
  e.identifiers =
      ReadArray<Identifier>(r, j, "identifiers", root, [&](const json& i, const std::string& p) {
        return Identifier{r.Enum(i, "type", p, IdentifierType::kOther, &ParseIdentifierType),
                          r.Str(i, "label", p), r.Str(i, "value", p), r.Str(i, "country", p),
                          r.Str(i, "note", p)};
      });
  e.titles = r.Strs(j, "titles", root);
  e.positions = r.Strs(j, "positions", root);
  e.programs = r.Strs(j, "programs", root);
  if (std::string listed = r.Str(j, "listed_on", root); !listed.empty()) {
    auto d = PartialDate::Parse(listed);
    if (!d) r.Fail("/listed_on", "expected YYYY[-MM[-DD]]");
    e.listed_on = d.value_or(PartialDate{});
  }
  e.remarks = r.Str(j, "remarks", root);
  e.relations = ReadArray<Relation>(r, j, "relations", root, [&](const json& rj, const std::string& p) {
    Relation rel;
    rel.type = r.Enum(rj, "type", p, RelationType::kLinkedTo, &ParseRelationType);
    rel.target = r.Str(rj, "target", p);
    rel.target_name = r.Str(rj, "target_name", p);
    rel.share_min = r.Number(rj, "share_min", p);
    rel.share_max = r.Number(rj, "share_max", p);
    rel.role = r.Str(rj, "role", p);
    rel.start = r.Date(rj, "start", p);
    rel.end = r.Date(rj, "end", p);
    rel.source = r.Str(rj, "source", p);
    return rel;
  });
  e.attributes = ReadArray<Attribute>(r, j, "attributes", root, [&](const json& a, const std::string& p) {
    return Attribute{r.Str(a, "key", p), r.Str(a, "value", p)};
  });
  if (!r.status.ok()) return Err(std::move(r.status));
  return e;
}

std::string EntityToJson(const Entity& entity, int indent) {
  return ToJson(entity).dump(indent, ' ', false, json::error_handler_t::replace);
}

Result<Entity> EntityFromJson(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Err(Status::ParseError("invalid JSON"));
  return EntityFromJsonValue(j);
}

std::optional<PartialDate> PartialDate::Parse(std::string_view s) noexcept {
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (s.size() < pos + len) return false;
    auto [p, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return ec == std::errc() && p == s.data() + pos + len;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || y < 1) return std::nullopt;
  if (s.size() == 4) return PartialDate{static_cast<std::int16_t>(y), 0, 0};
  if (s[4] != '-' || !num(5, 2, m) || m < 1 || m > 12) return std::nullopt;
  if (s.size() == 7) return PartialDate{static_cast<std::int16_t>(y), static_cast<std::int8_t>(m), 0};
  if (s[7] != '-' || !num(8, 2, d) || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return std::nullopt;
  if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  return PartialDate{static_cast<std::int16_t>(y), static_cast<std::int8_t>(m),
                     static_cast<std::int8_t>(d)};
}

}  // namespace interdict
