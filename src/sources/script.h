// Unicode facts parsers need about the text they read: which writing system
// a name is in, and whether a file is valid UTF-8 at all.
//
// Lists give names in their original scripts (FtM names in Cyrillic, Arabic,
// Greek, ...). The matcher transliterates by script, so parsers tag every
// name they read with DetectScript(). Pure functions, thread-safe.
#ifndef INTERDICT_SOURCES_SCRIPT_H_
#define INTERDICT_SOURCES_SCRIPT_H_

#include <string_view>

#include "interdict/status.h"

namespace interdict::sources {

// The ISO 15924 code of the script most of the letters of `utf8` belong to
// ("Latn", "Cyrl", "Arab", "Grek", "Hani", "Hebr", "Hang", "Jpan", ...), by
// Unicode block. Digits, punctuation, spaces and combining marks do not
// count. Japanese text (kana, with or without kanji) is "Jpan". Returns ""
// when there are no letters. Invalid UTF-8 bytes are skipped.
std::string_view DetectScript(std::string_view utf8) noexcept;

// OK when `text` is valid UTF-8; otherwise a kParseError naming `name` and
// the line and byte of the first invalid sequence. Parsers of formats that
// are UTF-8 by definition (CSL, DPL, FtM) call this before anything else,
// so no entity ever carries broken text.
Status CheckUtf8(std::string_view text, std::string_view name);

}  // namespace interdict::sources

#endif  // INTERDICT_SOURCES_SCRIPT_H_
