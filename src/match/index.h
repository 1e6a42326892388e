// The candidate index: which listed names could a query be?
//
// Scoring a name costs about a microsecond; a list holds up to millions of
// names. The index keeps every name's tokens interned (uint32 ids into one
// TokenDict) and answers a query by looking its tokens up under several keys
// and summing, per name, the similarity-weighted credit of the tokens found:
//
//   exact text, romanisation variant group, PhoneticKey, Skeleton, and the
//   deletion neighbourhood (every spelling with one letter removed) for typos;
//   runs of adjacent tokens joined ("abdul rahman" -> "abdulrahman") on both
//   sides for merged/split spellings.
//
// Key lookups lead to dictionary tokens (few), each of which is compared to
// the query token with the real scorer; only then are its name postings
// walked. Tokens found in more than kFrequentFraction of names are walked
// only for names already found through rarer tokens. The best-credited
// names (at most max_candidates, and at least kMinCoverage of the query's
// weight) are ranked by the Dice estimate 2·credit / (query weight + name
// weight) and the best max_candidates go on to full scoring.
#ifndef INTERDICT_MATCH_INDEX_H_
#define INTERDICT_MATCH_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interdict/entity.h"
#include "match/hash_directory.h"
#include "match/name_score.h"
#include "match/serial.h"
#include "text/prepared.h"

namespace interdict::match {

// Interned prepared tokens with document frequencies.
class TokenDict {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFF;

  // The id of `text` (already normalised) with its script flags, adding it
  // (and preparing its keys) if new.
  std::uint32_t Intern(std::string_view text, bool transliterated, bool abjad);

  const text::PreparedToken& token(std::uint32_t id) const noexcept { return tokens_[id]; }
  std::uint32_t df(std::uint32_t id) const noexcept { return df_[id]; }
  void AddDocument(std::uint32_t id) noexcept { ++df_[id]; }
  std::size_t size() const noexcept { return tokens_.size(); }
  std::size_t MemoryBytes() const noexcept;

  // The prepared tokens as bytes (no re-preparation on reading).
  void Serialize(ByteWriter& w) const;
  bool Deserialize(ByteReader& r);

 private:
  static std::string Key(std::string_view text, bool transliterated, bool abjad);
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<text::PreparedToken> tokens_;
  std::vector<std::uint32_t> df_;
};

// The roles NameIndex::Add keeps for the tokens (CanonicalTokens) of a
// person's name: text::PersonNameRoles, none when the given and family names
// are both globally common (text::CommonGivenAndFamily); empty when none.
std::vector<text::NameRole> IndexedPersonRoles(std::string_view name, std::string_view family,
                                               const std::vector<std::string>& tokens);

// Weight of a token in a name: its class weight times its informativeness
// (rare tokens say more; see docs/scoring.md). `df` = names containing it,
// `names` = names indexed; df 0 means unseen (fully informative).
double TokenWeight(const text::PreparedToken& token, std::uint32_t df, std::size_t names) noexcept;

class NameIndex {
 public:
  static constexpr double kMinCoverage = 0.3;
  static constexpr double kFrequentFraction = 0.02;

  // Adds one name of entity `entity`; returns false when it has no tokens.
  // For a person, each token's role (IndexedPersonRoles, with `family` the
  // list's own family-name field if any) is kept for scoring.
  bool Add(std::uint32_t entity, std::string_view name, bool person = false,
           std::string_view family = {});
  // The same for a list's Name: its full text, its family-name parts.
  bool Add(std::uint32_t entity, const Name& name, bool person);
  // Builds postings and keys; Add() may not be called afterwards.
  void Finish();

  std::size_t size() const noexcept { return names_.size(); }
  std::uint32_t entity_of(std::uint32_t name) const noexcept { return names_[name].entity; }
  std::string_view text_of(std::uint32_t name) const noexcept;
  const TokenDict& dict() const noexcept { return dict_; }

  // The weighted tokens of an indexed name, ready for ScoreName.
  void Tokens(std::uint32_t name, std::vector<WeightedToken>& out) const;
  // Asks for what Tokens(name) reads, some names before it is called:
  // the record (`stage` 0), then, once that has arrived, its token ids (1),
  // then their dictionary tokens and weights (2). Candidates are scattered
  // over the index, so each of these is otherwise a cache miss in turn.
  void Prefetch(std::uint32_t name, int stage) const noexcept;
  // Weighted tokens for a prepared query name (weights from this index).
  std::vector<WeightedToken> Weigh(const text::PreparedName& query) const;

  struct Candidate {
    std::uint32_t name;
    float estimate;  // the Dice estimate of its name score
  };
  // Candidate names for a query, best estimate first. `weighted` is
  // Weigh(query), passed in when the caller has it already. Only those of
  // the best `max_candidates` whose estimate is at least `min_estimate`
  // are returned (filtering before ranking, which is cheaper).
  std::vector<Candidate> Candidates(const text::PreparedName& query,
                                    const std::vector<WeightedToken>& weighted,
                                    std::size_t max_candidates, double min_estimate = 0) const;
  std::vector<std::uint32_t> Candidates(const text::PreparedName& query,
                                        std::size_t max_candidates) const;

  // Approximate heap bytes held (for the bytes/name figure).
  std::size_t MemoryBytes() const noexcept;

  // A finished index as bytes for the on-disk cache, and back. Deserialize
  // checks every id and offset against the sizes read, so a corrupt buffer
  // yields false, never an index that reads out of bounds.
  void Serialize(ByteWriter& w) const;
  bool Deserialize(ByteReader& r);

 private:
  bool Valid() const noexcept;
  // The directories and the exact-text table: derived from the arrays
  // below after Finish() or Deserialize().
  void BuildLookupTables();
  // Asks for the arrays queries read at random to be backed by huge pages.
  void AdviseHugePages() const noexcept;
  // Dictionary ids whose text is `text`, in any script flavour.
  void ExactIds(std::string_view text, std::vector<std::uint32_t>& out) const;
  std::uint32_t TextDf(std::string_view text) const;
  // Adds the names holding deferred (frequent) tokens' credit to those
  // already found that can still reach `floor`; see Candidates().
  struct Deferred {
    std::uint32_t unit;
    std::uint32_t token;
    float credit;
  };
  void CreditDeferred(const std::vector<Deferred>& deferred, float floor) const;
  // Credits the names of postings_[begin, end) for query unit `unit`.
  void CreditPostings(std::uint32_t begin, std::uint32_t end, std::uint32_t unit,
                      float credit) const;
  struct Record {
    std::uint32_t entity;
    std::uint32_t first_token;  // into name_tokens_
    std::uint32_t text_offset;  // into text_
    std::uint16_t text_length;
    std::uint8_t token_count;
    float weight;  // sum of its token weights, for ranking candidates
  };
  void AddKeys(std::uint32_t token_id,
               std::vector<std::pair<std::uint64_t, std::uint32_t>>& keys) const;
  // A query's key lookups: every unit's keys are hashed and their cache
  // misses started (StartProbes) before any is read (FinishProbe), so the
  // misses of a whole query overlap. Defined in index_query.cpp.
  struct Probes;
  void StartProbes(Probes& probes) const;
  // Dictionary ids found for unit `unit` (token `token`), sorted, unique.
  void FinishProbe(const Probes& probes, std::size_t unit, const text::PreparedToken& token,
                   std::vector<std::uint32_t>& ids) const;

  TokenDict dict_;
  std::vector<float> token_weights_;  // TokenWeight() of each dictionary token
  std::vector<Record> names_;
  std::vector<std::uint32_t> name_tokens_;
  std::vector<text::NameRole> name_roles_;  // beside name_tokens_; kNone when unknown
  std::string text_;
  // Runs of adjacent tokens joined ("abdul rahman" -> "abdulrahman"): hash
  // of the joined text -> name, sorted by (hash, name). Kept apart from the
  // dictionary so they cost 12 bytes each and no prepared keys.
  std::vector<std::uint64_t> joined_hashes_;
  std::vector<std::uint32_t> joined_names_;
  HashDirectory joined_directory_;
  // token id -> names containing it (CSR).
  std::vector<std::uint32_t> posting_offsets_;
  std::vector<std::uint32_t> postings_;
  // key hash -> token ids, sorted by hash.
  std::vector<std::uint64_t> key_hashes_;
  std::vector<std::uint32_t> key_tokens_;
  HashDirectory key_directory_;
  // Hash of a dictionary token's text -> its id, sorted (ExactIds).
  std::vector<std::uint64_t> text_hashes_;
  std::vector<std::uint32_t> text_tokens_;
  HashDirectory text_directory_;
  std::uint64_t serial_ = 0;  // unique per built or read index (BuildLookupTables)
};

}  // namespace interdict::match

#endif  // INTERDICT_MATCH_INDEX_H_
