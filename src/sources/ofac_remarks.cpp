#include "sources/ofac_remarks.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "interdict/countries.h"
#include "sources/io.h"

namespace interdict::sources {
namespace {

// What a fragment's leading label says about the rest of it.
enum class FragmentKind : std::uint8_t {
  kBirthDate,
  kBirthPlace,
  kNationality,
  kCitizenship,
  kCountry,  // another country link (vessel registration)
  kGender,
  kAlias,
  kLinkedTo,
  kTitle,
  kPosition,
  kDocument,         // "<label> <value> (<country>) <note>"
  kContact,          // "<label> <value>", value kept whole
  kDigitalCurrency,  // "Digital Currency Address - <ticker> <address>"
  kAttribute,        // kept as Attribute{key, rest}
};

struct FragmentRule {
  std::string_view label;
  FragmentKind kind;
  IdentifierType id_type = IdentifierType::kOther;
  std::string_view key = {};  // attribute key; name kind for aliases
};

using K = FragmentKind;
using T = IdentifierType;

// Labels as OFAC writes them. When several match, the longest wins, so
// "Company Number IMO" beats "Company Number".
constexpr std::array kRules = {
    FragmentRule{"DOB", K::kBirthDate},
    FragmentRule{"POB", K::kBirthPlace},
    FragmentRule{"nationality", K::kNationality},
    FragmentRule{"citizen", K::kCitizenship},
    FragmentRule{"Nationality of Registration", K::kCountry},
    FragmentRule{"Gender", K::kGender},
    FragmentRule{"a.k.a.", K::kAlias, T::kOther, "aka"},
    FragmentRule{"f.k.a.", K::kAlias, T::kOther, "fka"},
    FragmentRule{"n.k.a.", K::kAlias, T::kOther, "nka"},
    FragmentRule{"Linked To", K::kLinkedTo},
    FragmentRule{"Title", K::kTitle},
    FragmentRule{"Position", K::kPosition},
    // Personal documents.
    FragmentRule{"Passport", K::kDocument, T::kPassport},
    FragmentRule{"Diplomatic Passport", K::kDocument, T::kPassport},
    FragmentRule{"National ID No.", K::kDocument, T::kNationalId},
    FragmentRule{"Cedula No.", K::kDocument, T::kNationalId},
    FragmentRule{"D.N.I.", K::kDocument, T::kNationalId},
    FragmentRule{"C.U.R.P.", K::kDocument, T::kNationalId},
    FragmentRule{"Electoral Registry No.", K::kDocument, T::kNationalId},
    FragmentRule{"Personal ID Card", K::kDocument, T::kNationalId},
    FragmentRule{"Kenyan ID No.", K::kDocument, T::kNationalId},
    FragmentRule{"Tazkira National ID Card", K::kDocument, T::kNationalId},
    FragmentRule{"National Foreign ID Number", K::kDocument, T::kNationalId},
    FragmentRule{"Numero de Identidad", K::kDocument, T::kNationalId},
    FragmentRule{"Citizen's Card Number", K::kDocument, T::kNationalId},
    FragmentRule{"Turkish Identification Number", K::kDocument, T::kNationalId},
    FragmentRule{"LE Number", K::kDocument, T::kNationalId},
    FragmentRule{"I.F.E.", K::kDocument, T::kNationalId},
    FragmentRule{"Credencial electoral", K::kDocument, T::kNationalId},
    FragmentRule{"Identification Number", K::kDocument, T::kOther},
    FragmentRule{"C.U.I.P.", K::kDocument, T::kOther},
    FragmentRule{"Cartilla de Servicio Militar Nacional", K::kDocument, T::kOther},
    FragmentRule{"VisaNumberID", K::kDocument, T::kOther},
    FragmentRule{"Immigration No.", K::kDocument, T::kOther},
    FragmentRule{"Public Security and Immigration No.", K::kDocument, T::kOther},
    FragmentRule{"File Number", K::kDocument, T::kOther},
    FragmentRule{"License", K::kDocument, T::kOther},
    FragmentRule{"Residency Number", K::kDocument, T::kOther},
    FragmentRule{"Birth Certificate Number", K::kDocument, T::kOther},
    FragmentRule{"Travel Document Number", K::kDocument, T::kOther},
    FragmentRule{"Driver's License No.", K::kDocument, T::kDriverLicense},
    FragmentRule{"SSN", K::kDocument, T::kSocialSecurity},
    // Tax numbers.
    FragmentRule{"Tax ID No.", K::kDocument, T::kTaxId},
    FragmentRule{"NIT #", K::kDocument, T::kTaxId},
    FragmentRule{"R.F.C.", K::kDocument, T::kTaxId},
    FragmentRule{"RFC", K::kDocument, T::kTaxId},
    FragmentRule{"RUC #", K::kDocument, T::kTaxId},
    FragmentRule{"RIF #", K::kDocument, T::kTaxId},
    FragmentRule{"RTN", K::kDocument, T::kTaxId},
    FragmentRule{"C.U.I.T.", K::kDocument, T::kTaxId},
    FragmentRule{"V.A.T. Number", K::kDocument, T::kTaxId},
    FragmentRule{"Italian Fiscal Code", K::kDocument, T::kTaxId},
    FragmentRule{"US FEIN", K::kDocument, T::kTaxId},
    FragmentRule{"Numero Unico de Identificacao Tributaria (NUIT)", K::kDocument, T::kTaxId},
    // Company registers.
    FragmentRule{"Registration Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Registration ID", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Public Registration Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Commercial Registry Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Business Registration Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Business Registration Document #", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Company Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"UK Company Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Business Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Registered Charity No.", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"C.R. No.", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Folio Mercantil No.", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Matricula Mercantil No", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Trade License No.", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Certificate of Incorporation Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Chamber of Commerce Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Enterprise Number", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Unified Social Credit Code (USCC)", K::kDocument, T::kRegistrationNumber},
    FragmentRule{"Legal Entity Number", K::kDocument, T::kLei},
    FragmentRule{"Government Gazette Number", K::kDocument, T::kOther},
    FragmentRule{"D-U-N-S Number", K::kDocument, T::kOther},
    FragmentRule{"BIK", K::kDocument, T::kOther},
    FragmentRule{"ISIN", K::kDocument, T::kOther},
    FragmentRule{"SWIFT/BIC", K::kDocument, T::kSwiftBic},
    // Vessels and aircraft. IMO numbers are written "IMO 1234567".
    FragmentRule{"Vessel Registration Identification", K::kDocument, T::kImo},
    FragmentRule{"Identification Number IMO", K::kDocument, T::kImo},
    FragmentRule{"Company Number IMO", K::kDocument, T::kImo},
    FragmentRule{"MMSI", K::kDocument, T::kMmsi},
    FragmentRule{"Aircraft Manufacturer's Serial Number (MSN)", K::kDocument, T::kAircraftSerial},
    FragmentRule{"Aircraft Tail Number", K::kDocument, T::kAircraftTail},
    FragmentRule{"Previous Aircraft Tail Number", K::kDocument, T::kAircraftTail},
    FragmentRule{"Aircraft Serial Identification", K::kDocument, T::kAircraftSerial},
    FragmentRule{"Aircraft Mode S Transponder Code", K::kDocument, T::kOther},
    FragmentRule{"Other Vessel Call Sign", K::kDocument, T::kCallSign},
    FragmentRule{"Aircraft Construction Number (also called L/N or S/N or F/N)", K::kDocument,
                 T::kOther},
    // Contacts: the value may itself contain parentheses ("(98)(21)...").
    FragmentRule{"Website", K::kContact, T::kWebsite},
    FragmentRule{"Email Address", K::kContact, T::kEmail},
    FragmentRule{"Email", K::kContact, T::kEmail},
    FragmentRule{"Phone Number", K::kContact, T::kPhone},
    FragmentRule{"Phone No.", K::kContact, T::kPhone},
    FragmentRule{"Telephone", K::kContact, T::kPhone},
    FragmentRule{"Telephone No.", K::kContact, T::kPhone},
    FragmentRule{"Telephone Number", K::kContact, T::kPhone},
    FragmentRule{"Fax", K::kContact, T::kPhone},
    FragmentRule{"Fax No.", K::kContact, T::kPhone},
    FragmentRule{"Digital Currency Address -", K::kDigitalCurrency, T::kDigitalCurrencyAddress},
    // Facts with no field of their own.
    FragmentRule{"Organization Established Date", K::kAttribute, T::kOther, "established"},
    FragmentRule{"Organization Type", K::kAttribute, T::kOther, "organization_type"},
    FragmentRule{"Aircraft Model", K::kAttribute, T::kOther, "aircraft_model"},
    FragmentRule{"Aircraft Operator", K::kAttribute, T::kOther, "aircraft_operator"},
    FragmentRule{"Aircraft Manufacture Date", K::kAttribute, T::kOther, "aircraft_built"},
    FragmentRule{"Former Vessel Flag", K::kAttribute, T::kOther, "former_vessel_flag"},
    FragmentRule{"Vessel Year of Build", K::kAttribute, T::kOther, "vessel_built"},
    FragmentRule{"Other Vessel Flag", K::kAttribute, T::kOther, "other_vessel_flag"},
    FragmentRule{"Other Vessel Type", K::kAttribute, T::kOther, "other_vessel_type"},
    FragmentRule{"UN/LOCODE", K::kAttribute, T::kOther, "un_locode"},
    FragmentRule{"Additional Sanctions Information -", K::kAttribute, T::kOther,
                 "additional_sanctions_information"},
    FragmentRule{"Secondary sanctions risk", K::kAttribute, T::kOther, "secondary_sanctions_risk"},
    FragmentRule{"Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
                 "Institutions",
                 K::kAttribute, T::kOther, "transactions_prohibited"},
    FragmentRule{"Executive Order", K::kAttribute, T::kOther, "executive_order"},
    FragmentRule{"CAATSA Section", K::kAttribute, T::kOther, "caatsa_section"},
    FragmentRule{"IFCA Determination -", K::kAttribute, T::kOther, "ifca_determination"},
    FragmentRule{"Listing Date", K::kAttribute, T::kOther, "listing_date"},
    FragmentRule{"Effective Date", K::kAttribute, T::kOther, "effective_date"},
    FragmentRule{"Purchase/Sales For Divestment Date", K::kAttribute, T::kOther, "divestment_date"},
    FragmentRule{"Target Type", K::kAttribute, T::kOther, "target_type"},
    FragmentRule{"Issuer Name", K::kAttribute, T::kOther, "issuer_name"},
    FragmentRule{"Equity Ticker", K::kAttribute, T::kOther, "equity_ticker"},
    FragmentRule{"Chinese Commercial Code", K::kAttribute, T::kOther, "chinese_commercial_code"},
};

bool StartsWith(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}

// The longest rule whose label starts `fragment` and is followed by the end,
// a space, ':' or ','; nullptr when none does.
const FragmentRule* FindRule(std::string_view fragment) noexcept {
  const FragmentRule* best = nullptr;
  for (const FragmentRule& rule : kRules) {
    if (!StartsWith(fragment, rule.label)) continue;
    if (fragment.size() > rule.label.size()) {
      char next = fragment[rule.label.size()];
      if (next != ' ' && next != ':' && next != ',') continue;
    }
    if (best == nullptr || rule.label.size() > best->label.size()) best = &rule;
  }
  return best;
}

// The text after a label, without the separating ":", "," and spaces.
std::string_view AfterLabel(std::string_view fragment, std::string_view label) noexcept {
  std::string_view rest = fragment.substr(label.size());
  while (!rest.empty() && (rest.front() == ':' || rest.front() == ',' || rest.front() == ' ')) {
    rest.remove_prefix(1);
  }
  return Trim(rest);
}

// "'ABU ALI'" -> "ABU ALI". Names may contain apostrophes ("'Abu Sa'd'"),
// so only the outermost pair is removed.
std::string_view Unquote(std::string_view s) noexcept {
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') return s.substr(1, s.size() - 2);
  return s;
}

// Splits "<value> (<country>) <note>" or "<value> issued <date> ...". The
// first parenthesised country is the issuer; other parentheses ("(Jalisco)
// (Mexico)", "(Medellin)") and trailing text become the note.
Identifier ParseDocument(const FragmentRule& rule, std::string_view rest) {
  Identifier id{rule.id_type, std::string(rule.label), "", "", ""};
  std::size_t end = rest.find(" (");
  for (std::string_view marker : {" issued", " expires"}) end = std::min(end, rest.find(marker));
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  rest = rest.substr(0, end);
  if (rule.id_type == IdentifierType::kImo && StartsWith(rest, "IMO ")) rest.remove_prefix(4);
  id.value = std::string(Trim(rest));

  std::string note;
  while (!(tail = Trim(tail)).empty()) {
    std::size_t close = tail.front() == '(' ? tail.find(')') : std::string_view::npos;
    std::size_t next = close == std::string_view::npos ? tail.find(" (") : close + 1;
    std::string_view piece = tail.substr(0, next);
    std::string code = id.country.empty() && close != std::string_view::npos
                           ? CountryCode(piece.substr(1, close - 1))
                           : std::string();
    if (!code.empty()) {
      id.country = std::move(code);
    } else {
      if (!note.empty()) note += ' ';
      note += piece;
    }
    tail = next == std::string_view::npos ? std::string_view() : tail.substr(next);
  }
  id.note = std::move(note);
  return id;
}

// Applies one recognised fragment; false when its value does not parse.
bool ApplyRule(const FragmentRule& rule, std::string_view rest, OfacRemarks* out) {
  if (rest.empty()) return false;
  switch (rule.kind) {
    case K::kBirthDate: {
      std::optional<DateValue> date = ParseOfacDateValue(rest);
      if (!date) return false;
      out->birth_dates.push_back(std::move(*date));
      return true;
    }
    case K::kBirthPlace:
      out->birth_places.emplace_back(rest);
      return true;
    case K::kNationality:
    case K::kCitizenship:
    case K::kCountry: {
      std::string code = CountryCode(rest);
      if (code.empty()) return false;
      auto& target = rule.kind == K::kNationality   ? out->nationalities
                     : rule.kind == K::kCitizenship ? out->citizenships
                                                    : out->countries;
      target.push_back(std::move(code));
      return true;
    }
    case K::kGender:
      if (rest == "Male")
        out->gender = Gender::kMale;
      else if (rest == "Female")
        out->gender = Gender::kFemale;
      else
        return false;
      return true;
    case K::kAlias: {
      std::string_view name = Trim(Unquote(rest));
      if (name.empty()) return false;
      // OFAC's CSV files carry weak aliases only here, in the remarks.
      Name alias{std::string(name), *ParseNameKind(rule.key), NameQuality::kWeak, "", "", {}};
      out->names.push_back(std::move(alias));
      return true;
    }
    case K::kLinkedTo:
      out->linked_to.emplace_back(rest);
      return true;
    case K::kTitle:
      out->titles.emplace_back(rest);
      return true;
    case K::kPosition:
      out->positions.emplace_back(rest);
      return true;
    case K::kDocument: {
      Identifier id = ParseDocument(rule, rest);
      if (id.value.empty()) return false;
      out->identifiers.push_back(std::move(id));
      return true;
    }
    case K::kContact:
      out->identifiers.push_back(
          {rule.id_type, std::string(rule.label), std::string(rest), "", ""});
      return true;
    case K::kDigitalCurrency: {
      std::size_t space = rest.find(' ');
      if (space == std::string_view::npos) return false;
      std::string label = std::string(rule.label) + " " + std::string(rest.substr(0, space));
      std::string_view address = Trim(rest.substr(space + 1));
      out->identifiers.push_back({rule.id_type, std::move(label), std::string(address), "", ""});
      return true;
    }
    case K::kAttribute:
      out->attributes.push_back({std::string(rule.key), std::string(rest)});
      return true;
  }
  return false;
}

void ParseFragment(std::string_view fragment, OfacRemarks* out) {
  std::string_view body = fragment;
  // "alt. DOB 1962" adds another value of the same kind.
  if (StartsWith(body, "alt. ") || StartsWith(body, "Alt. ")) body = Trim(body.substr(5));
  const FragmentRule* rule = FindRule(body);
  if (rule == nullptr || !ApplyRule(*rule, AfterLabel(body, rule->label), out)) {
    out->unrecognized.emplace_back(fragment);
  }
}

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A run of 1..max_digits ASCII digits making up the whole of `s`.
std::optional<int> ParseDigits(std::string_view s, std::size_t max_digits) noexcept {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

int DaysInMonth(int year, int month) noexcept {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks) {
  std::vector<std::string_view> fragments;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= remarks.size(); ++i) {
    char c = i < remarks.size() ? remarks[i] : ';';
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c != ';' || (depth > 0 && i < remarks.size())) continue;
    std::string_view fragment = Trim(remarks.substr(start, i - start));
    if (!fragment.empty()) fragments.push_back(fragment);
    start = i + 1;
  }
  if (!fragments.empty() && fragments.back().back() == '.') {
    fragments.back() = Trim(fragments.back().substr(0, fragments.back().size() - 1));
    if (fragments.back().empty()) fragments.pop_back();
  }
  return fragments;
}

OfacRemarks ParseOfacRemarks(std::string_view remarks) {
  OfacRemarks out;
  for (std::string_view fragment : SplitOfacRemarks(remarks)) ParseFragment(fragment, &out);
  return out;
}

std::optional<PartialDate> ParseOfacDate(std::string_view text) noexcept {
  text = Trim(text);
  std::size_t last_space = text.rfind(' ');
  std::string_view year_text =
      last_space == std::string_view::npos ? text : text.substr(last_space + 1);
  std::optional<int> year = year_text.size() == 4 ? ParseDigits(year_text, 4) : std::nullopt;
  if (!year || *year < 1000) return std::nullopt;
  PartialDate date{static_cast<std::int16_t>(*year), 0, 0};
  if (last_space == std::string_view::npos) return date;

  std::string_view head = text.substr(0, last_space);  // "12 Mar" or "Mar"
  std::size_t space = head.find(' ');
  std::string_view month_text = space == std::string_view::npos ? head : head.substr(space + 1);
  auto month = std::find(kMonths.begin(), kMonths.end(), month_text);
  if (month == kMonths.end()) return std::nullopt;
  date.month = static_cast<std::int8_t>(month - kMonths.begin() + 1);
  if (space == std::string_view::npos) return date;

  std::optional<int> day = ParseDigits(head.substr(0, space), 2);
  if (!day || *day < 1 || *day > DaysInMonth(*year, date.month)) return std::nullopt;
  date.day = static_cast<std::int8_t>(*day);
  return date;
}

std::optional<DateValue> ParseOfacDateValue(std::string_view text) {
  DateValue value;
  value.text = std::string(Trim(text));
  std::string_view rest = value.text;
  if (StartsWith(rest, "circa ")) {
    value.approximate = true;
    rest = Trim(rest.substr(6));
  }
  std::size_t to = rest.find(" to ");
  // "circa 1957-1959": a year range written with a hyphen.
  if (to == std::string_view::npos && rest.size() == 9 && rest[4] == '-') {
    std::optional<PartialDate> from = ParseOfacDate(rest.substr(0, 4));
    std::optional<PartialDate> until = ParseOfacDate(rest.substr(5));
    if (!from || !until) return std::nullopt;
    value.from = *from;
    value.to = *until;
    return value;
  }
  std::optional<PartialDate> from = ParseOfacDate(rest.substr(0, to));
  if (!from) return std::nullopt;
  value.from = *from;
  if (to != std::string_view::npos) {
    std::optional<PartialDate> until = ParseOfacDate(rest.substr(to + 4));
    if (!until) return std::nullopt;
    value.to = *until;
  }
  return value;
}

void MergeOfacRemarks(OfacRemarks remarks, Entity* entity) {
  auto append = [](auto& to, auto& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  append(entity->names, remarks.names);
  if (remarks.gender != Gender::kUnknown) entity->gender = remarks.gender;
  append(entity->birth_dates, remarks.birth_dates);
  append(entity->birth_places, remarks.birth_places);
  append(entity->nationalities, remarks.nationalities);
  append(entity->citizenships, remarks.citizenships);
  append(entity->countries, remarks.countries);
  append(entity->identifiers, remarks.identifiers);
  append(entity->titles, remarks.titles);
  append(entity->positions, remarks.positions);
  append(entity->attributes, remarks.attributes);
  for (std::string& name : remarks.linked_to) {
    Relation relation;
    relation.type = RelationType::kLinkedTo;
    relation.target_name = std::move(name);
    entity->relations.push_back(std::move(relation));
  }
  for (std::string& fragment : remarks.unrecognized) {
    entity->attributes.push_back({"remark", std::move(fragment)});
  }
}

}  // namespace interdict::sources
