// JSON and CSV forms of screening queries and results; see screen_io.h.
#include "interdict/screen_io.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "model/json_text.h"
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

// Scores and shares go out rounded to four decimals.
double Rounded(double v) { return std::round(v * 1e4) / 1e4; }

// The writers below emit keys in sorted order, as the nlohmann DOM they
// replace did (its objects are std::maps), so every line is byte-for-byte
// what it was; tests/match/screen_io_test.cpp keeps a DOM reference.
void AppendExplanation(std::string& out, const Explanation& e) {
  using namespace json_text;
  out += '{';
  AppendKey(out, "adjustments", true);
  out += '[';
  for (std::size_t i = 0; i < e.adjustments.size(); ++i) {
    const Adjustment& a = e.adjustments[i];
    if (i > 0) out += ',';
    AppendKey(out += '{', "delta", true);
    AppendNumber(out, Rounded(a.delta));
    AppendKey(out, "detail");
    AppendString(out, a.detail);
    AppendKey(out, "factor");
    AppendString(out, a.factor);
    out += '}';
  }
  AppendKey(out += ']', "name_score");
  AppendNumber(out, Rounded(e.name_score));
  AppendKey(out, "summary");
  AppendString(out, e.summary);
  AppendKey(out, "tokens");
  out += '[';
  for (std::size_t i = 0; i < e.tokens.size(); ++i) {
    const TokenAlignment& t = e.tokens[i];
    if (i > 0) out += ',';
    AppendKey(out += '{', "list", true);
    AppendString(out, t.list);
    AppendKey(out, "query");
    AppendString(out, t.query);
    AppendKey(out, "rule");
    AppendString(out, t.rule);
    AppendKey(out, "similarity");
    AppendNumber(out, Rounded(t.similarity));
    AppendKey(out, "weight");
    AppendNumber(out, Rounded(t.weight));
    out += '}';
  }
  AppendKey(out += ']', "unmatched_list");
  out += '[';
  for (std::size_t i = 0; i < e.unmatched_list.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, e.unmatched_list[i]);
  }
  out += "]}";
}

void AppendRegimeBases(std::string& out, const std::vector<RegimeBasis>& derivation) {
  using namespace json_text;
  out += '[';
  for (std::size_t i = 0; i < derivation.size(); ++i) {
    const RegimeBasis& r = derivation[i];
    if (i > 0) out += ',';
    out += '{';
    const bool owned = r.basis == "owned" || r.basis == "possibly_owned";
    if (owned) {
      AppendKey(out, "aggregate_max", true);
      AppendNumber(out, Rounded(r.aggregate_max));
      AppendKey(out, "aggregate_min");
      AppendNumber(out, Rounded(r.aggregate_min));
    }
    AppendKey(out, "basis", !owned);
    AppendString(out, r.basis);
    AppendKey(out, "explanation");
    AppendString(out, r.explanation);
    AppendKey(out, "path");
    out += '[';
    for (std::size_t k = 0; k < r.path.size(); ++k) {
      if (k > 0) out += ',';
      AppendKey(out += '{', "id", true);
      AppendString(out, r.path[k].id);
      AppendKey(out, "name");
      AppendString(out, r.path[k].name);
      AppendKey(out, "relation");
      AppendString(out, r.path[k].relation);
      out += '}';
    }
    AppendKey(out += ']', "regime");
    AppendString(out, r.regime);
    AppendKey(out, "rule");
    AppendString(out, r.rule);
    out += '}';
  }
  out += ']';
}

// One match object; basis and derivation only when the graph stage
// annotated it (docs/graph.md).
void AppendMatch(std::string& out, const ScreenMatch& m) {
  using namespace json_text;
  out += '{';
  const bool annotated = !m.basis.empty();
  if (annotated) {
    AppendKey(out, "basis", true);
    AppendString(out, m.basis);
    AppendKey(out, "derivation");
    AppendRegimeBases(out, m.derivation);
  }
  AppendKey(out, "entity_id", !annotated);
  AppendString(out, m.entity_id);
  AppendKey(out, "explanation");
  AppendExplanation(out, m.explanation);
  AppendKey(out, "list");
  AppendString(out, m.list);
  AppendKey(out, "name");
  AppendString(out, m.name);
  AppendKey(out, "primary_name");
  AppendString(out, m.primary_name);
  AppendKey(out, "schema");
  AppendString(out, SchemaName(m.schema));
  AppendKey(out, "score");
  AppendNumber(out, Rounded(m.score));
  out += '}';
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
  std::string out;
  AppendRegimeBases(out, derivation);
  return out;
}

std::string ExplanationJson(const Explanation& explanation) {
  std::string out;
  AppendExplanation(out, explanation);
  return out;
}

std::string ScreenResultJson(std::string_view query_id, const std::vector<ScreenMatch>& matches) {
  std::string out;
  out.reserve(256 + 1024 * matches.size());
  json_text::AppendKey(out += '{', "id", true);
  json_text::AppendString(out, query_id);
  json_text::AppendKey(out, "matches");
  out += '[';
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) out += ',';
    AppendMatch(out, matches[i]);
  }
  out += "]}";
  return out;
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
