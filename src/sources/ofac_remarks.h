// The structured fragments of an OFAC "Remarks" field.
//
// OFAC's legacy CSV files (sdn.csv, cons_prim.csv) pack everything that is
// not a name, address or vessel column into one Remarks text of
// ';'-separated fragments:
//
//   DOB 13 May 1965; alt. DOB 1968; POB Medellin, Colombia; nationality
//   Colombia; Passport AL720622 (Colombia) issued 01 Jan 2000; a.k.a.
//   'EL PAPA'; Linked To: BIO FORESTAL S.A.S.
//
// ParseOfacRemarks() turns the fragments it recognises into entity facts and
// returns the others verbatim. See docs/formats/ofac_csv.md for the mapping.
// Pure functions, thread-safe.
#ifndef INTERDICT_SOURCES_OFAC_REMARKS_H_
#define INTERDICT_SOURCES_OFAC_REMARKS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interdict/entity.h"

namespace interdict::sources {

// What a Remarks text says, ready to be merged into an Entity.
struct OfacRemarks {
  std::vector<Name> names;  // a.k.a./f.k.a./n.k.a. 'X': weak aliases
  Gender gender = Gender::kUnknown;
  std::vector<DateValue> birth_dates;
  std::vector<std::string> birth_places;
  std::vector<std::string> nationalities;  // ISO alpha-2
  std::vector<std::string> citizenships;   // ISO alpha-2
  std::vector<std::string> countries;      // e.g. "Nationality of Registration"
  std::vector<Identifier> identifiers;
  std::vector<std::string> titles;
  std::vector<std::string> positions;
  std::vector<std::string> linked_to;     // "Linked To:" names as written
  std::vector<Attribute> attributes;      // dated or descriptive facts kept as text
  std::vector<std::string> unrecognized;  // fragments kept verbatim
};

// Splits a Remarks text into its fragments: at ';' outside parentheses,
// trimmed, empty ones dropped, and the full stop that ends the whole text
// removed from the last fragment.
std::vector<std::string_view> SplitOfacRemarks(std::string_view remarks);

// Parses every fragment of `remarks` (an empty text gives an empty result).
// Never fails: a fragment that does not parse is returned in `unrecognized`.
OfacRemarks ParseOfacRemarks(std::string_view remarks);

// Parses an OFAC date: "12 Mar 1962", "Mar 1962" or "1962"; nullopt for
// anything else (including impossible days such as "31 Feb 1962").
std::optional<PartialDate> ParseOfacDate(std::string_view text) noexcept;

// Parses the value of a DOB fragment: a date, "circa <date>", "<date> to
// <date>" or "circa <year>-<year>". `text` keeps the original wording.
std::optional<DateValue> ParseOfacDateValue(std::string_view text);

// Adds the parsed facts to `entity` (names after the existing ones).
// Linked-to names become kLinkedTo relations with an empty target, to be
// resolved by the caller against the whole list.
void MergeOfacRemarks(OfacRemarks remarks, Entity* entity);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_OFAC_REMARKS_H_
