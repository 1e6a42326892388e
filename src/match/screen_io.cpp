// JSON and CSV forms of screening queries and results; see screen_io.h.
#include "interdict/screen_io.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sources/io.h"

namespace interdict {
namespace {

using nlohmann::json;

Status FieldError(std::string_view field, std::string message) {
  return Status::InvalidArgument(std::move(message)).AtElement(std::string(field));
}

// Reads an optional string member: absent or null -> "", other types -> error.
Result<std::string> OptionalString(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return Err(FieldError(field, std::string(field) + " must be a string or null"));
  return it->get<std::string>();
}

Status CheckName(const std::string& name) {
  if (sources::FindInvalidUtf8(name) != std::string_view::npos)
    return FieldError("name", "name is not valid UTF-8");
  if (name.size() > kMaxQueryNameBytes)
    return Status(StatusCode::kTooLarge,
                  "name is longer than " + std::to_string(kMaxQueryNameBytes) + " bytes")
        .AtElement("name");
  if (sources::Trim(name).empty()) return FieldError("name", "name is empty");
  return Status();
}

Status ApplyType(const std::string& type, ScreenQuery& q) {
  if (type.empty()) return Status();
  auto schema = ParseSchema(type);
  if (!schema || *schema == Schema::kUnknown)
    return FieldError("type", "type must be person, organization, vessel, aircraft or null");
  q.type = schema;
  return Status();
}

Status ApplyDob(const std::string& dob, ScreenQuery& q) {
  if (dob.empty()) return Status();
  q.dob = PartialDate::Parse(dob);
  if (!q.dob) return FieldError("dob", "dob must be YYYY, YYYY-MM or YYYY-MM-DD");
  return Status();
}

Status ApplyCountry(const std::string& country, ScreenQuery& q) {
  if (country.empty()) return Status();
  if (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
      !std::isalpha(static_cast<unsigned char>(country[1])))
    return FieldError("country", "country must be an ISO 3166 alpha-2 code");
  q.country = {static_cast<char>(std::tolower(static_cast<unsigned char>(country[0]))),
               static_cast<char>(std::tolower(static_cast<unsigned char>(country[1])))};
  return Status();
}

std::string Round(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

json ExplanationValue(const Explanation& e) {
  json tokens = json::array();
  for (const TokenAlignment& t : e.tokens)
    tokens.push_back({{"query", t.query},
                      {"list", t.list},
                      {"rule", t.rule},
                      {"similarity", std::round(t.similarity * 1e4) / 1e4},
                      {"weight", std::round(t.weight * 1e4) / 1e4}});
  json adjustments = json::array();
  for (const Adjustment& a : e.adjustments)
    adjustments.push_back(
        {{"factor", a.factor}, {"delta", std::round(a.delta * 1e4) / 1e4}, {"detail", a.detail}});
  return {{"name_score", std::round(e.name_score * 1e4) / 1e4},
          {"tokens", std::move(tokens)},
          {"unmatched_list", e.unmatched_list},
          {"adjustments", std::move(adjustments)},
          {"summary", e.summary}};
}

json RegimeBasesValue(const std::vector<RegimeBasis>& derivation) {
  json regimes = json::array();
  for (const RegimeBasis& r : derivation) {
    json path = json::array();
    for (const BasisStep& step : r.path)
      path.push_back({{"id", step.id}, {"name", step.name}, {"relation", step.relation}});
    json item = {{"regime", r.regime}, {"basis", r.basis}, {"rule", r.rule}};
    if (r.basis == "owned" || r.basis == "possibly_owned") {
      item["aggregate_min"] = std::round(r.aggregate_min * 1e4) / 1e4;
      item["aggregate_max"] = std::round(r.aggregate_max * 1e4) / 1e4;
    }
    item["explanation"] = r.explanation;
    item["path"] = std::move(path);
    regimes.push_back(std::move(item));
  }
  return regimes;
}

// The graph stage's basis, when the match was annotated (docs/graph.md).
void AddBasis(const ScreenMatch& m, json& out) {
  if (m.basis.empty()) return;
  out["basis"] = m.basis;
  out["derivation"] = RegimeBasesValue(m.derivation);
}

// One line for the CSV: the strongest regime's explanation, naming the
// regimes it holds under ("ofac, eu: not listed; 60% owned ...").
std::string BasisSummary(const ScreenMatch& m) {
  std::string regimes, explanation;
  for (const RegimeBasis& r : m.derivation) {
    if (r.basis != m.basis) continue;
    if (explanation.empty()) explanation = r.explanation;
    regimes += (regimes.empty() ? "" : ", ") + r.regime;
  }
  return explanation.empty() ? "" : regimes + ": " + explanation;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

Result<ScreenQuery> ParseScreenQuery(std::string_view line) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Err(Status::ParseError("malformed JSON"));
  if (!j.is_object()) return Err(FieldError("", "a query must be a JSON object"));
  ScreenQuery q;
  auto id_it = j.find("id");
  if (id_it != j.end() && !id_it->is_null()) {
    if (id_it->is_string())
      q.id = id_it->get<std::string>();
    else if (id_it->is_number_integer())
      q.id = std::to_string(id_it->get<long long>());
    else
      return Err(FieldError("id", "id must be a string"));
  }
  auto it = j.find("name");
  if (it == j.end() || it->is_null()) return Err(FieldError("name", "name is required"));
  if (!it->is_string()) return Err(FieldError("name", "name must be a string"));
  q.name = it->get<std::string>();
  INTERDICT_RETURN_IF_ERROR(CheckName(q.name));
  for (const char* field : {"type", "dob", "country"}) {
    auto value = OptionalString(j, field);
    if (!value) return Err(value.error());
    Status s = field[0] == 't'   ? ApplyType(*value, q)
               : field[0] == 'd' ? ApplyDob(*value, q)
                                 : ApplyCountry(*value, q);
    INTERDICT_RETURN_IF_ERROR(s);
  }
  if (auto ids = j.find("identifiers"); ids != j.end() && !ids->is_null()) {
    if (!ids->is_array()) return Err(FieldError("identifiers", "identifiers must be an array"));
    if (ids->size() > kMaxQueryIdentifiers)
      return Err(FieldError("identifiers",
                            "at most " + std::to_string(kMaxQueryIdentifiers) + " identifiers"));
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const json& item = (*ids)[i];
      std::string where = "identifiers/" + std::to_string(i);
      if (!item.is_object()) return Err(FieldError(where, "an identifier must be an object"));
      auto type = OptionalString(item, "type");
      auto value = OptionalString(item, "value");
      if (!type || !value || value->empty())
        return Err(FieldError(where, "an identifier needs string type and value"));
      q.identifiers.push_back({*type, *value});
    }
  }
  return q;
}

std::string RegimeBasesJson(const std::vector<RegimeBasis>& derivation) {
  return Dump(RegimeBasesValue(derivation));
}

std::string ExplanationJson(const Explanation& explanation) {
  return Dump(ExplanationValue(explanation));
}

std::string ScreenResultJson(std::string_view query_id, const std::vector<ScreenMatch>& matches) {
  json out;
  out["id"] = query_id;
  json arr = json::array();
  for (const ScreenMatch& m : matches) {
    json match = {{"entity_id", m.entity_id},
                  {"score", std::round(m.score * 1e4) / 1e4},
                  {"name", m.name},
                  {"list", m.list},
                  {"primary_name", m.primary_name},
                  {"schema", SchemaName(m.schema)},
                  {"explanation", ExplanationValue(m.explanation)}};
    AddBasis(m, match);
    arr.push_back(std::move(match));
  }
  out["matches"] = std::move(arr);
  return Dump(out);
}

std::string ScreenErrorJson(std::string_view query_id, const Status& error) {
  json out;
  out["id"] = query_id.empty() ? json(nullptr) : json(query_id);
  out["error"] = {{"code", StatusCodeName(error.code())},
                  {"message", error.message()},
                  {"field", error.location().element}};
  out["matches"] = json::array();
  return Dump(out);
}

std::string ScreenCsvHeader() {
  return "id,rank,entity_id,score,list,name,primary_name,schema,summary,basis,basis_explanation,"
         "error";
}

std::string ScreenCsvRows(std::string_view query_id, const std::vector<ScreenMatch>& matches) {
  std::string out;
  if (matches.empty()) return CsvField(query_id) + ",0,,,,,,,,,,\n";
  int rank = 0;
  for (const ScreenMatch& m : matches) {
    out += CsvField(query_id) + "," + std::to_string(++rank) + "," + CsvField(m.entity_id) + "," +
           Round(m.score) + "," + CsvField(m.list) + "," + CsvField(m.name) + "," +
           CsvField(m.primary_name) + "," + std::string(SchemaName(m.schema)) + "," +
           CsvField(m.explanation.summary) + "," + CsvField(m.basis) + "," +
           CsvField(BasisSummary(m)) + ",\n";
  }
  return out;
}

std::string ScreenCsvErrorRow(std::string_view query_id, const Status& error) {
  std::string message = error.message();
  if (!error.location().element.empty()) message = error.location().element + ": " + message;
  return CsvField(query_id) + ",0,,,,,,,,,," + CsvField(message) + "\n";
}

Result<ScreenQuery> ScreenQueryFromCsv(const std::vector<std::string>& header,
                                       const std::vector<std::string>& fields) {
  if (fields.size() != header.size())
    return Err(FieldError("", "expected " + std::to_string(header.size()) + " fields, found " +
                                  std::to_string(fields.size())));
  ScreenQuery q;
  bool has_name = false;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& column = header[i];
    std::string value(sources::Trim(fields[i]));
    if (column == "id") {
      q.id = value;
    } else if (column == "name") {
      q.name = value;
      has_name = true;
    } else if (column == "type") {
      INTERDICT_RETURN_IF_ERROR(ApplyType(value, q));
    } else if (column == "dob") {
      INTERDICT_RETURN_IF_ERROR(ApplyDob(value, q));
    } else if (column == "country") {
      INTERDICT_RETURN_IF_ERROR(ApplyCountry(value, q));
    } else if (column == "identifiers" && !value.empty()) {
      std::string_view rest = value;
      while (!rest.empty()) {
        std::size_t bar = rest.find('|');
        std::string_view item = rest.substr(0, bar);
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        std::size_t colon = item.find(':');
        if (colon == std::string_view::npos)
          return Err(FieldError("identifiers", "write identifiers as type:value|type:value"));
        q.identifiers.push_back({std::string(sources::Trim(item.substr(0, colon))),
                                 std::string(sources::Trim(item.substr(colon + 1)))});
      }
    }
  }
  if (!has_name) return Err(FieldError("name", "the CSV has no name column"));
  INTERDICT_RETURN_IF_ERROR(CheckName(q.name));
  return q;
}

}  // namespace interdict
