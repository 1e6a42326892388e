// Sound-alike keys for name tokens (normalised lower-case ASCII).
//
// Both keys first fold the letter-level romanisation variants that lists
// mix freely: sh/sch -> x, zh/dj/dzh/j -> j, ch/tch/tsch/ts -> c, kh -> h,
// gh/q/ck/c(hard) -> k, c(soft) -> s, ph -> f, th -> t, dh -> d, w -> v,
// x -> ks, ou/oo -> u, ee -> i, doubled letters -> one.
//
// PhoneticKey keeps vowels as three classes (a; e/i/y; o/u), collapsing a
// run to its first: "Smith"/"Smyth", "Yousef"/"Youssef" agree, "Hassan" and
// "Hossein" do not.
//
// Skeleton drops every vowel (and w/y inside a word, which abjad scripts use
// as long vowels) and keeps one 'a' for a leading vowel. It is what an
// Arabic or Hebrew spelling without short vowels can still be compared on:
// "mhmd" (from محمد) and "Muhammad" both give "mhmd".
#ifndef INTERDICT_TEXT_PHONETIC_H_
#define INTERDICT_TEXT_PHONETIC_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace interdict::text {

std::string PhoneticKey(std::string_view token);
std::string Skeleton(std::string_view token);
// Skeleton(token).size(), without building it.
std::size_t SkeletonLength(std::string_view token);
// Both keys from one folding (what preparing a token needs).
void SoundKeys(std::string_view token, std::string& phonetic, std::string& skeleton);

}  // namespace interdict::text

#endif  // INTERDICT_TEXT_PHONETIC_H_
