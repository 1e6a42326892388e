#include "match/adjust.h"

#include <algorithm>
#include <cstdlib>

#include "text/name_tables.h"
#include "text/normalize.h"

namespace interdict::match {
namespace {

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// How a query DOB relates to one listed date (or range).
enum class DobFit { kExact, kSameYear, kNearYear, kConflict };

DobFit FitDob(const PartialDate& q, const DateValue& listed) {
  const PartialDate& from = listed.from;
  const PartialDate& to = listed.to.empty() ? listed.from : listed.to;
  if (q.year >= from.year && q.year <= to.year && from.year != to.year) return DobFit::kSameYear;
  if (q.year == from.year) {
    const bool full = q.month != 0 && q.day != 0 && from.month != 0 && from.day != 0;
    if (full && q.month == from.month && q.day == from.day) return DobFit::kExact;
    if (full || (q.month != 0 && from.month != 0 && q.month != from.month)) {
      return DobFit::kSameYear;  // year agrees, day/month do not: still weakly related
    }
    return DobFit::kSameYear;
  }
  const int slack = listed.approximate ? 2 : 1;
  if (std::abs(q.year - from.year) <= slack || std::abs(q.year - to.year) <= slack) {
    return DobFit::kNearYear;
  }
  return DobFit::kConflict;
}

void AdjustDob(const ScreenQuery& query, const EntityFacts& facts, std::vector<Adjustment>& out) {
  if (!query.dob || query.dob->empty() || facts.birth_dates.empty()) return;
  DobFit best = DobFit::kConflict;
  const DateValue* best_date = nullptr;
  for (const DateValue& d : facts.birth_dates) {
    if (d.from.empty()) continue;
    const DobFit fit = FitDob(*query.dob, d);
    if (best_date == nullptr || fit < best) best = fit, best_date = &d;
  }
  if (best_date == nullptr) return;
  const std::string listed = best_date->to.empty()
                                 ? best_date->from.ToString()
                                 : best_date->from.ToString() + ".." + best_date->to.ToString();
  const std::string q = query.dob->ToString();
  switch (best) {
    case DobFit::kExact:
      out.push_back({"dob", kDobExact, "query DOB " + q + " equals listed " + listed});
      break;
    case DobFit::kSameYear:
      out.push_back({"dob", kDobSameYear, "query DOB " + q + " has the year of listed " + listed});
      break;
    case DobFit::kNearYear:
      out.push_back({"dob", kDobNearYear, "query DOB " + q + " within a year of listed " + listed});
      break;
    case DobFit::kConflict:
      out.push_back({"dob", kDobConflict, "query DOB " + q + " conflicts with listed " + listed});
      break;
  }
}

// A person or a vessel is never written with a legal form: a query that
// carries one ("Victory Construction OOO", "Omega Group Company") names an
// organisation even when its type was not given.
void AdjustType(const ScreenQuery& query, const QueryFacts& query_facts, const EntityFacts& facts,
                std::vector<Adjustment>& out) {
  if (facts.schema == Schema::kUnknown) return;
  if (query.type && *query.type != Schema::kUnknown) {
    if (*query.type != facts.schema) {
      out.push_back({"type", kTypeMismatch,
                     "query is a " + std::string(SchemaName(*query.type)) + ", listed entity a " +
                         std::string(SchemaName(facts.schema))});
    }
    return;
  }
  if (facts.schema == Schema::kOrganization) return;
  const std::string& mark = query_facts.organisation_mark;
  if (mark.empty()) return;
  out.push_back({"type", kTypeMismatch,
                 "query names an organisation (legal form \"" + mark + "\"), listed entity a " +
                     std::string(SchemaName(facts.schema))});
}

}  // namespace

std::string NormalizeIdentifier(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 32));
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

EntityFacts FactsOf(const Entity& e) {
  EntityFacts f;
  f.id = e.id;
  f.list = e.list;
  f.primary_name = e.PrimaryName();
  f.schema = e.schema;
  f.birth_dates = e.birth_dates;
  for (const auto* v : {&e.nationalities, &e.citizenships, &e.countries}) {
    for (const std::string& c : *v) AddUnique(f.countries, c);
  }
  for (const Address& a : e.addresses) AddUnique(f.countries, a.country);
  for (const Identifier& id : e.identifiers) {
    const std::string n = NormalizeIdentifier(id.value);
    if (n.size() >= kMinIdentifierLength) AddUnique(f.identifiers, n);
  }
  return f;
}

QueryFacts FactsOfQuery(const ScreenQuery& query) {
  QueryFacts q;
  if (query.type && *query.type != Schema::kUnknown) return q;
  const text::NameTables& tables = text::NameTables::Get();
  for (const std::string& token : text::NormalizeTokens(query.name)) {
    if (tables.MarksOrganization(token)) {
      q.organisation_mark = token;
      break;
    }
  }
  return q;
}

std::vector<Adjustment> Adjust(const ScreenQuery& query, const QueryFacts& query_facts,
                               const EntityFacts& facts, double name_score) {
  std::vector<Adjustment> out;
  AdjustType(query, query_facts, facts, out);
  AdjustDob(query, facts, out);
  if (!query.country.empty() && !facts.countries.empty()) {
    std::string q = query.country;
    for (char& c : q) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool match =
        std::find(facts.countries.begin(), facts.countries.end(), q) != facts.countries.end();
    std::string listed;
    for (const std::string& c : facts.countries) listed += (listed.empty() ? "" : ",") + c;
    out.push_back(
        {"country", match ? kCountryMatch : kCountryMismatch,
         "query country " + q + (match ? " is among listed " : " not among listed ") + listed});
  }
  for (const QueryIdentifier& qid : query.identifiers) {
    const std::string n = NormalizeIdentifier(qid.value);
    if (n.size() < kMinIdentifierLength) continue;
    if (std::find(facts.identifiers.begin(), facts.identifiers.end(), n) ==
        facts.identifiers.end()) {
      continue;
    }
    double score = name_score;
    for (const Adjustment& a : out) score += a.delta;
    out.push_back({"identifier", std::max(0.0, kIdentifierFloor - score),
                   "query " + (qid.type.empty() ? std::string("identifier") : qid.type) + " " +
                       qid.value + " equals a listed identifier"});
    break;
  }
  return out;
}

}  // namespace interdict::match
