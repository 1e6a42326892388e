// Country names to ISO 3166-1 alpha-2 codes.
//
// Lists write countries many ways: "Iran (Islamic Republic of)", "IRN",
// "Korea, North", "Iranian". CountryCode() maps any of them to "ir", "kp", …
// using the table in data/countries.tsv (compiled into the binary). The table
// is built once, on first use, and is read-only afterwards: safe from any
// thread.
#ifndef INTERDICT_COUNTRIES_H_
#define INTERDICT_COUNTRIES_H_

#include <string>
#include <string_view>
#include <vector>

namespace interdict {

// The lower-case alpha-2 code for `text` (a name, demonym, alpha-2 or
// alpha-3 code; case, accents and punctuation are ignored), or "" when the
// text names no country the table knows.
std::string CountryCode(std::string_view text);

// Every country code named in free text such as "(1) Tunisia (2) Morocco"
// or "Saudi Arabia; Yemen", in order, without repeats.
std::vector<std::string> CountryCodesIn(std::string_view text);

// The English name of an alpha-2 code ("ir" -> "Iran"), or "" if unknown.
std::string_view CountryName(std::string_view code);

}  // namespace interdict

#endif  // INTERDICT_COUNTRIES_H_
