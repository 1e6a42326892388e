// Small, self-contained name-text helpers for the evaluation tools.
//
// These deliberately do NOT use the engine's normaliser (src/text): the
// evaluation set and the Jaro-Winkler reference must not share code with the
// thing they measure, or a normalisation bug would cancel itself out.
#ifndef INTERDICT_BENCH_EVAL_NAME_TEXT_H_
#define INTERDICT_BENCH_EVAL_NAME_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace interdict::eval {

// UTF-8 <-> UTF-32. Invalid bytes decode to U+FFFD.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);

// The folding most open-source screeners apply before comparing: lower case,
// Latin diacritics stripped ("Ḥusayn" stays readable, "José" -> "jose"),
// apostrophes dropped, every other punctuation mark a single space, trimmed.
// Non-Latin letters are kept (Cyrillic and Greek are lower-cased).
std::u32string FoldName(std::string_view name);
std::string FoldNameUtf8(std::string_view name);

// FoldNameUtf8 with its tokens sorted: equal keys mean "the same words in
// some order".
std::string TokenSetKey(std::string_view name);

// A looser key for "the same name in another common romanisation": folded
// words with kh/gh/dh/th/ph, ou/oo/ee, q, y and doubled letters normalised
// and a final h dropped, sorted. "Omar AWADH" and "Umar Awad" differ, but
// "Awadh, Omar" and "Omar Awad" share a key.
std::string RomanisedKey(std::string_view name);

// True when every letter of `name` is ASCII or Latin with diacritics.
bool IsLatinName(std::string_view name);
// True when `name` has at least one Cyrillic letter / Arabic letter.
bool HasCyrillic(std::string_view name);
bool HasArabic(std::string_view name);

// Splits on ASCII whitespace; no empty tokens.
std::vector<std::string> SplitWords(std::string_view text);
std::string JoinWords(const std::vector<std::string>& words, std::string_view sep = " ");

// ASCII case helpers; other bytes pass through unchanged.
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);
// Re-applies the case style of `model` (ALL CAPS, Title, lower) to `word`.
std::string MatchCase(std::string_view word, std::string_view model);

// Our own Cyrillic -> Latin transliteration (a simplified BGN/PCGN), used to
// make Latin queries for names a list gives only in Cyrillic.
std::string TransliterateCyrillic(std::string_view text);

// Spelling variation within Arabic script: hamza-carrying alefs to bare alef,
// ta marbuta to ha, alef maqsura to ya, harakat and tatweel removed. Returns
// the input unchanged when none applies.
std::string VaryArabicOrthography(std::string_view text);

}  // namespace interdict::eval

#endif  // INTERDICT_BENCH_EVAL_NAME_TEXT_H_
